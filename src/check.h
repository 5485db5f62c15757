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

/* --consistency run: a rendering of a name recorded for the run to
 * decide on (mtl_rendering). */
typedef struct check_rendering {
    size_t rule;           /* registry index */
    size_t start, end;     /* in the text */
    char *key;             /* folded source name (owned), or NULL */
    bool in_source;
} check_rendering;

typedef struct check_rendering_list {
    check_rendering *v;
    size_t n, cap;
} check_rendering_list;

typedef struct check_ctx {
    const doc *d;
    findings *out;
    const registry *reg;
    const mtl_config *cfg;
    mtl_diags *warnings;   /* what the caller must hear about this document (a rule gave up...); may be NULL */
    /* The English speller of the spelling pass (its dictionary, supplements,
     * word lists and verdict cache), for Vale `spelling` rules that use the
     * default dictionary; NULL with --no-spell. */
    struct speller *speller;
    check_rendering_list *renderings; /* --consistency run: record renderings here; NULL: decide per file */
} check_ctx;

/* A sentence a rule must flag (or must not), as written in its rule file. */
typedef struct check_example {
    size_t rule;          /* registry index */
    const char *text;
    bool flag;            /* true: must be reported; false: must not */
    const char *expect;   /* the exact match expected, or NULL */
    const char *path;     /* where the example is written */
    size_t line;
    /* Source-aware examples: the source the text translates, and its
     * language; NULL for monolingual rules. */
    const char *source;
    const char *source_lang;
} check_example;

/* A C check's own example, copied from its table: the rule it belongs
 * to, and where it is written (the check's file, its row in the table). */
check_example check_example_own(const check_example *from, size_t rule, const char *path, size_t row);

typedef struct pass {
    const char *name;
    void *state;
    void (*run)(void *state, check_ctx *cx);
    void (*close)(void *state);
    /* Optional: runs on every document before any pass's run(), to derive
     * data other passes read (the quote parser fills d->quotes for the
     * rules' `quote` scope), whether or not its own rules are enabled. */
    void (*prepare)(void *state, doc *d, const registry *reg);
    /* Optional: notes from opening the pass (what runs slower or is
     * skipped), for the engine's notes; owned by the state. */
    const mtl_diags *notes;
    /* Optional: the examples of the rules this pass runs, owned by the
     * state and fixed from open to close. */
    const check_example *examples;
    size_t nexamples;
    /* Optional: what opening skipped with a warning (rule file features
     * mtlint lacks), read once right after open. */
    const mtl_diags *(*load_warnings)(void *state);
    /* Optional: the speller state shares with the others (check_ctx),
     * asked of each state, since a fork has its own. */
    struct speller *(*speller)(void *state);
    /* Optional: a state for another thread (mtl_engine_fork). It shares
     * what state holds read-only (compiled patterns, dictionaries, tables)
     * and owns the scratch that run() writes; close() frees only what it
     * owns. Forks of a state are made one at a time and state itself is
     * not run while they exist, so fork() may first finish in state what
     * state would load lazily (the first time: later forks find it done,
     * while earlier ones run). NULL: run() writes nothing in state, which
     * threads then share as it is. */
    void *(*fork)(void *state);
} pass;

/* A check's constructor: registers its rules, fills *p and returns true;
 * on failure adds to diags and returns false. May set p->run to NULL when
 * it has nothing to do (e.g. no dictionary wanted). */
typedef bool (*check_open_fn)(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);

/* Built-in checks, in the order they run. */
bool check_doubled_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* MT.RepeatedPhrase: a run of words said twice (check_repeat.c). */
bool check_repeat_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
bool check_spacing_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
bool check_quotes_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
bool check_layout_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* Brackets.Spacing and Brackets.Unbalanced (check_brackets.c). */
bool check_brackets_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* Spelling.Unknown, Spelling.Dialect and MT.Untranslated: one word pass
 * sharing one speller (check_spelling.c, check_untranslated.c). */
bool check_spelling_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* The rule engine: every YAML rule file, in one pass (rules.h). */
bool rules_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* Names.Inconsistent: one name spelled two ways in a document
 * (check_consistency.c). */
bool check_consistency_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* Whether two capitalised names are one spelled two ways (Names.Inconsistent's
 * test): the same words but one, a letter or two off, same initial. */
bool check_names_variants(const char *a, size_t na, const char *b, size_t nb);
/* The Source.* rules, comparing the target with its aligned source
 * (check_source.c); they run only on documents that have a source. */
bool check_source_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags);
/* In source-aware mode, drops MT.Untranslated findings whose words do not
 * occur in the source. */
void check_source_filter(findings *fl, const doc *d, const registry *reg);
/* Which Source checks cannot run for a source language ("zh": no
 * capitalised names, no glossary), as one note; NULL when all run. The
 * string lives until the next call. */
const char *check_source_skipped(const char *lang, const mtl_config *cfg);
/* Whether the Source checks read the words of a source in lang (names,
 * in cased scripts); if not, its segmentation may skip them. */
bool check_source_reads_words(const char *lang);

/* The directory of the shipped dictionaries and word lists: the
 * configuration's, else the installed one (NULL when neither is known). */
const char *check_dict_dir(const mtl_config *cfg);

/* Registers one built-in rule with the fields every built-in shares.
 * Returns its index, or -1 with "ID: rule id registered twice" in diags. */
long check_register(registry *reg, const char *id, mtl_severity level, mtl_category cat,
                    const char *description, mtl_diags *diags);

#endif
