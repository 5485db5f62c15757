/* cli.h - the command line: an option table, the parsed options, and the
 * usage text. Parsing does no I/O; main.c prints. */
#ifndef MTL_CLI_H
#define MTL_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

typedef struct str_list {
    const char **v; /* NULL-terminated when non-empty */
    size_t n, cap;
} str_list;

typedef enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

typedef struct cli_options {
    mtl_config cfg;
    mtl_format format;
    bool fail_none;             /* --fail-level none */
    mtl_severity fail_level;
    mtl_severity min_severity;
    bool quiet, help, version, list_rules, test_examples;
    bool fail_level_set, min_severity_set, markup_set, ext_set;
    const char *config_path;    /* --config FILE */
    size_t jobs;                /* -j: workers; 0 = one per core for large runs */
    bool no_config;
    const char *vale_config;    /* --vale-config FILE */
    bool no_vale_config;        /* --no-vale-config (--no-config implies it) */
    bool fix;                   /* --fix: apply safe suggestions to the files */
    const char *files_from;     /* --files-from FILE: more paths, listed in FILE ("-": stdin) */
    bool files_from_nul;        /* -0: that list is NUL-separated */
    bool lsp;                   /* --lsp: serve editors (lsp.c) */
    cli_color color;
    bool summary;               /* --summary: text prints score lines */
    bool html_full_text;        /* --html-full-text: html shows every text whole */
    bool min_score_set;         /* --min-score */
    double min_score;
    const char *stdin_name;
    str_list exts;              /* ".txt" ... */
    str_list words, rule_dirs, enable, disable, glossaries;
    /* source-aware checking: --source-file, --source-dir, --align */
    const char *source_file, *source_dir;
    mtl_align_mode align;
    bool show_alignment;
    bool consistency_set;       /* --consistency given (cfg.consistency_run) */
    str_list paths;
    str_list pool;              /* strings the parser allocated */
} cli_options;

/* Parses argv into o (which it initialises). On error returns false with a
 * one-line message in err. */
bool cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen);
void cli_free(cli_options *o);
/* Appends a path the options then own (from a --files-from list). */
void cli_add_path(cli_options *o, char *path);
/* The --help text, built from the option table. Caller frees. */
char *cli_usage(void);

#endif
