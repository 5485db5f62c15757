/* check.h - the interface every check implements.
 *
 * A check module registers its rules (ids, default levels, categories) in
 * the registry and returns a pass: an object with a run function over the
 * segmented document. One pass may report several rules (the rule engine
 * runs every rule file in one pass; the quote parser reports Quotes.*). */
#ifndef MTL_CHECK_H
#define MTL_CHECK_H

#include <stdbool.h>

#include "doc.h"
#include "finding.h"
#include "mtlint.h"
#include "registry.h"

typedef struct check_ctx {
    const doc *d;
    findings *out;
    const registry *reg;
    const mtl_config *cfg;
} check_ctx;

typedef struct pass {
    const char *name;
    void *state;
    void (*run)(void *state, check_ctx *cx);
    void (*close)(void *state);
} pass;

/* A check's constructor: registers its rules, fills *p and returns true;
 * on failure adds to diags and returns false. May set p->run to NULL when
 * it has nothing to do (e.g. no dictionary wanted). */
typedef bool (*check_open_fn)(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);

/* Built-in checks, in the order they run. */
bool check_doubled_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
bool check_spacing_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);

/* Registers one built-in rule with the fields every built-in shares. */
long check_register(registry *reg, const char *id, mtl_severity level, mtl_category cat,
                    const char *description);

#endif
