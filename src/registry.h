/* registry.h - every rule the engine knows, built-in checks and rule files
 * alike: id, kind, level, category, source languages, whether enabled.
 * Findings refer to rules by index; the level and category they carry come
 * from here, so re-levelling a rule needs no change in its check. */
#ifndef MTL_REGISTRY_H
#define MTL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

typedef struct registry registry;

registry *reg_open(void);
void reg_close(registry *r);
/* Whether an id or set name ("EsEn" names every "EsEn.*" rule) names id. */
bool reg_names(const char *id_or_set, const char *id);

/* Adds a rule; all strings (and the source list) are copied. Returns the
 * new index, or -1 when the id is taken. */
long reg_add(registry *r, const mtl_rule_info *info);
long reg_find(const registry *r, const char *id);
size_t reg_count(const registry *r);
const mtl_rule_info *reg_get(const registry *r, size_t i);
const mtl_rule_info *reg_all(const registry *r, size_t *n);

/* Enables or disables a rule id ("EsEn.Titles") or a whole set ("EsEn").
 * Returns how many rules matched. */
size_t reg_set_enabled(registry *r, const char *id_or_set, bool on);
void reg_set_level(registry *r, size_t i, mtl_severity level);
/* Sets the level of a rule id or of every rule of a set; returns hits. */
size_t reg_set_level_of(registry *r, const char *id_or_set, mtl_severity level);

/* Score weights (hundredths of a point): of a rule id or of every rule
 * of a set, marking them as configured (returns hits); whether rule i's
 * was configured; and rule i's, as computed from its severity. */
size_t reg_set_weight_of(registry *r, const char *id_or_set, unsigned long centi);
bool reg_weight_set(const registry *r, size_t i);
void reg_set_weight(registry *r, size_t i, unsigned long centi);

/* Disables every rule whose `source` list is not empty and does not name
 * lang (lang NULL: every such rule). */
void reg_apply_source(registry *r, const char *lang);

/* Whether rule i's source list names lang. */
bool reg_has_source(const registry *r, size_t i, const char *lang);

static inline bool reg_enabled(const registry *r, size_t i) { return reg_get(r, i)->enabled; }

/* A number that changes whenever a rule is added or changed (enabled,
 * disabled, re-levelled): what was worked out from the rules stands
 * while it does not. */
unsigned long reg_generation(const registry *r);

#endif
