/* ignore.h - Vale's TokenIgnores and BlockIgnores: text a team's
 * .vale.ini tells the linter to leave alone, found by regular expressions
 * over the document as written. A token (math, a template tag) is masked
 * in place like inline code; a block (a shortcode spanning lines) is
 * masked and the prose blocks it covers are dropped. Runs after markup,
 * before segmentation, so every check skips the same text and every
 * offset stays the file's. Prefix ign_. */
#ifndef MTL_IGNORE_H
#define MTL_IGNORE_H

#include <stdbool.h>

#include "doc.h"
#include "mtlint.h"

typedef struct ignorer ignorer;

/* Compiles the patterns (NULL-terminated lists, either may be NULL).
 * Returns NULL when there are none. A pattern that does not compile is
 * added to diags as "TokenIgnores 'p': reason" and the others kept. */
ignorer *ign_open(const char *const *tokens, const char *const *blocks, mtl_diags *diags);
void ign_close(ignorer *ig);
/* Whether pat compiles as ign_open would compile it; if not, the reason
 * in err as "key 'p': reason at offset N": for a reader that knows the
 * line it came from. */
bool ign_pattern_ok(const char *pat, const char *key, char *err, size_t errlen);
/* Another thread's ignorer: base's compiled patterns (base outlives it),
 * its own match data. NULL for a NULL base. */
ignorer *ign_fork(const ignorer *base);

/* Masks the matches in view, rview and vview (either may be NULL) and
 * drops the blocks a block pattern covers. True when that dropped every
 * prose block the text had: nothing is left to check. A pattern that
 * gives up (PCRE2's match limit) is said in warnings. */
bool ign_apply(ignorer *ig, doc *d, char *view, char *rview, char *vview, mtl_diags *warnings);

#endif
