/* score.h - the per-article quality score (MQM "raw quality score"):
 * each reported finding costs its rule's weight in points, and
 * score = 100 x (1 - penalty / words), floored at 0, one decimal.
 * Weights are hundredths of a point so that every sum is exact. */
#ifndef MTL_SCORE_H
#define MTL_SCORE_H

#include "mtlint.h"
#include "registry.h"

/* The default points per finding of each severity (MQM's minor and
 * major): info 0, warning 1, error 5; in hundredths. */
extern const unsigned long score_default_weight[3];

/* A configured weight key that names no severity, category, rule or set. */
typedef void (*score_unknown_fn)(void *ctx, const mtl_weight *w);

/* Gives every rule of r its weight: the points configured for its id or
 * set; else its severity's points times its category's factor. Calls
 * unknown for every key that names nothing; false when there was one. */
bool score_set_weights(registry *r, const mtl_weight *w, size_t n, score_unknown_fn unknown, void *ctx);

/* Starts a file's score: its word count, nothing counted yet. */
void score_begin(mtl_file_score *fs, size_t words);
/* Counts one reported finding of rule info `ri`. */
void score_add(mtl_file_score *fs, const mtl_rule_info *ri, mtl_severity sev, mtl_category cat);
/* Computes the value once every finding is counted. */
void score_end(mtl_file_score *fs);

#endif
