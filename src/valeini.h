/* valeini.h - a team's .vale.ini, read as settings mtlint already has: its
 * StylesPath becomes a rules directory, BasedOnStyles and
 * `Style.Rule = YES|NO|level` switch sets and rules on and off or re-level
 * them, MinAlertLevel is the lowest severity reported, and a Vocab's
 * accept.txt is a word list for the speller. Found upward from each file
 * like .mtlint.yml (session.c), which wins where both say something.
 *
 * Nothing in it is fatal: what mtlint cannot apply is a warning. */
#ifndef MTL_VALEINI_H
#define MTL_VALEINI_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

/* One setting of a glob section: a rule or set id, and what to do. */
typedef struct vale_rule {
    char *id;
    char *where;      /* "file:line:col", for the engine's messages */
    bool on, off;     /* YES, NO; neither: level */
    mtl_severity level;
} vale_rule;

typedef struct vale_section {
    char *glob;                               /* as written: "*.{md,txt}" */
    struct { char **v; size_t n, cap; } styles;  /* BasedOnStyles */
    struct { vale_rule *v; size_t n, cap; } rules;
    struct { char **v; size_t n, cap; } token_ignores, block_ignores; /* regular expressions */
} vale_section;

typedef struct vale_ini {
    char *path;
    char *styles_path;        /* resolved against the file's directory; NULL: not given */
    bool has_min;
    mtl_severity min;         /* MinAlertLevel */
    struct { char **v; size_t n, cap; } vocab_words; /* accept.txt files that exist */
    struct { char **v; size_t n, cap; } vocab_reject; /* reject.txt files that exist */
    struct { vale_section *v; size_t n, cap; } sections;
} vale_ini;

/* Reads path. Never fails on content: what it cannot apply goes to
 * warnings as "path:line: warning: ...". False only when the file cannot
 * be read (the reason in warnings too). */
bool vale_ini_load(const char *path, vale_ini *v, mtl_diags *warnings);
void vale_ini_free(vale_ini *v);

/* The nearest .vale.ini (or _vale.ini) in dir or above, malloc'd, or NULL. */
char *vale_ini_find(const char *dir);

/* Whether a section's glob takes a file: the glob is matched against the
 * path as given and against its last component; {a,b} alternatives, *, ?
 * and [...] as in Vale. */
bool vale_glob_match(const char *glob, const char *path);

#endif
