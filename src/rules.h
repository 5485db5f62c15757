/* rules.h - the rule engine: YAML rule files in Vale's schema (plus
 * mtlint's own keys), loaded with libyaml, compiled once with PCRE2 (UTF,
 * UCP, JIT) and run as one pass over the segmented document.
 *
 * Rule files live in DIR/<Set>/<Rule>.yml; the rule id is "Set.Rule". The
 * format is documented for authors in rules/README.md. */
#ifndef MTL_RULES_H
#define MTL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "mtlint.h"
#include "registry.h"

/* Loads every rule file under cfg->builtin_rules (unless
 * cfg->no_default_rules; when builtin_rules is NULL the compiled-in
 * MTL_DATADIR "/rules" is used, and skipped without error if it does not
 * exist) and under each cfg->rule_dirs entry, registers each rule in reg,
 * compiles everything and fills the pass. The same file reached twice
 * (e.g. `--rules rules` next to the shipped rules) is loaded once.
 *
 * On any load error, adds "path:line:col: message" to diags for every error
 * of every file, registers nothing and returns false. */
bool rules_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);

/* Writes to out the rule cache of the rule sets in rules_dir (every
 * source language's; see rules_cache.h): what compiling and readying each
 * rule computes. False, with the reasons in diags, when a rule does not
 * load or the file cannot be written. */
bool rules_cache_build(const char *rules_dir, const char *out, mtl_diags *diags);

/* One `examples:` sentence of a rule: the core's check_example (rule is
 * the registry index; expect is the text after " => " in a flag example,
 * or NULL; path and line say where the example is written). */
typedef check_example rules_example;

/* Registry indices of the loaded rules that have no `flag` example (a rule
 * that is never shown to report anything is untested; `--test-examples`
 * must fail on each of these). */
size_t rules_without_examples(const void *pass_state, const size_t **out);

#endif
