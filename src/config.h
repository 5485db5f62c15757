/* config.h - .mtlint.yml: project settings that the command line can
 * override. Found upward from each checked file (or given with
 * --config); paths inside it are relative to its directory.
 *
 *   source: es              # --source
 *   dict: en_GB             # --dict
 *   dialect: any            # --dialect
 *   words: [names.txt]      # --words, repeatable
 *   rules: [styles]         # --rules, repeatable
 *   enable: [EsEn]          # --enable
 *   disable: [News]         # --disable
 *   levels:                 # re-level or switch off rules and sets
 *     EsEn.Deputies: warning
 *     Quotes.Mixed: off
 *   fail-level: error       # --fail-level
 *   min-severity: warning   # --min-severity
 *   quote-style: uk         # --quote-style
 *   markup: markdown        # --markup
 *   ext: [.txt, .md]        # --ext
 */
#ifndef MTL_CONFIG_H
#define MTL_CONFIG_H

#include <stdbool.h>

#include "mtlint.h"

typedef struct config_list {
    char **v;        /* NULL-terminated when n > 0 */
    size_t n, cap;
} config_list;

typedef struct config {
    char *path;
    char *source, *dict, *dialect, *quote_style, *markup;
    config_list words, rules, enable, disable, ext;
    struct { mtl_level *v; size_t n, cap; } levels;
    bool has_fail_level, fail_none;
    mtl_severity fail_level;
    bool has_min_severity;
    mtl_severity min_severity;
} config;

/* Parses path into *c. On error adds "path:line:col: message" to diags
 * for every problem and returns false. */
bool config_load(const char *path, config *c, mtl_diags *diags);
void config_free(config *c);

/* The nearest .mtlint.yml in dir or its ancestors (malloc'd), or NULL. */
char *config_find(const char *dir);

#endif
