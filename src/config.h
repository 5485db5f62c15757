/* config.h - .mtlint.yml: project settings that the command line can
 * override. Found upward from each checked file (or given with
 * --config); paths inside it are relative to its directory.
 *
 *   source: es              # --source
 *   dict: en_GB             # --dict
 *   dialect: auto           # --dialect (auto, en_US, en_GB, any)
 *   words: [names.txt]      # --words, repeatable
 *   rules: [styles]         # --rules, repeatable
 *   enable: [EsEn]          # --enable
 *   disable: [News]         # --disable
 *   levels:                 # re-level or switch off rules and sets
 *     EsEn.Deputies: warning
 *     Quotes.Mixed: off
 *   fail-level: error       # --fail-level
 *   min-severity: warning   # --min-severity
 *   quote-punctuation: logical  # --quote-punctuation (american, logical)
 *   quote-style: uk         # its older name (us, uk)
 *   markup: markdown        # --markup
 *   ext: [.txt, .md]        # --ext
 *   glossary: [terms.tsv]   # --glossary, repeatable
 *   source-dir: sources     # --source-dir
 *   weights:                # score points per finding (hundredths kept)
 *     error: 5              #   by severity,
 *     spelling: 0.5         #   a factor by category,
 *     EsEn.Titles: 3        #   by rule or set
 *   min-score: 90           # --min-score
 *   source-length-ratio:    # Source.Omission/Addition: English characters
 *     es: [0.6, 1.6]        #   per source character allowed, per language
 *   consistency: run        # --consistency (file, run); the working
 *                           # directory's configuration sets it for the run
 */
#ifndef MTL_CONFIG_H
#define MTL_CONFIG_H

#include <stdbool.h>

#include "mtlint.h"

/* A list setting; where[i] is "file:line:col" of v[i], for messages. */
typedef struct config_list {
    char **v;        /* NULL-terminated when n > 0 */
    char **where;
    size_t n, cap;
} config_list;

typedef struct config {
    char *path;
    char *source, *dict, *dialect, *quote_style, *quote_punctuation, *markup;
    char *fail_level_name, *min_severity_name;
    char *source_where, *dict_where; /* "file:line:col: key", for the engine's messages */
    char *source_dir;                /* --source-dir, resolved */
    char *consistency;               /* "file" or "run" */
    config_list words, rules, enable, disable, ext, glossary;
    struct { mtl_level *v; size_t n, cap; } levels; /* ids and wheres malloc'd */
    struct { mtl_weight *v; size_t n, cap; } weights; /* keys and wheres malloc'd */
    struct { mtl_length_ratio *v; size_t n, cap; } length_ratios; /* langs and wheres malloc'd */
    bool has_min_score;
    double min_score;
    /* parsed from the names above */
    bool has_fail_level, fail_none;
    mtl_severity fail_level;
    bool has_min_severity;
    mtl_severity min_severity;
} config;

/* Parses path into *c and checks every value that can be checked without
 * loading rules (choices, source language, files, directories); rule ids
 * carry their place for the engine's messages. On error adds
 * "path:line:col: key: message (allowed values)" to diags for every
 * problem and returns false. */
bool config_load(const char *path, config *c, mtl_diags *diags);
void config_free(config *c);

/* The nearest .mtlint.yml in dir or its ancestors (malloc'd), or NULL. */
char *config_find(const char *dir);
/* Likewise the nearest file with one of names (NULL-terminated, tried in
 * order in each directory). */
char *config_find_named(const char *dir, const char *const *names);

#endif
