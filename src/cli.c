/* cli.c - option table and parser. Each option is a row: names, argument,
 * help, and the function that stores it; the parser is one loop. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef bool (*setter)(cli_options *o, const char *val, char *err, size_t errlen);

typedef struct opt {
    const char *lng;
    char shrt;
    const char *arg;   /* name of the argument, NULL for flags */
    const char *help;
    setter set;
} opt;

static void push(str_list *l, const char *s) {
    VEC_RESERVE(*l, 2);
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

/* Repeatable list options also take comma-separated values. The pieces
 * are kept in o->pool, freed by cli_free. */
static void push_split(cli_options *o, str_list *l, const char *val) {
    const char *p = val;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n) {
            char *piece = xstrndup(p, n);
            push(&o->pool, piece);
            push(l, piece);
        }
        if (!c) break;
        p = c + 1;
    }
}

#define FLAG(name, field)                                                                          \
    static bool name(cli_options *o, const char *v, char *e, size_t n) {                          \
        (void)v, (void)e, (void)n;                                                                  \
        o->field = true;                                                                            \
        return true;                                                                                \
    }
FLAG(set_help, help)
FLAG(set_version, version)
FLAG(set_quiet, quiet)
FLAG(set_list, list_rules)
FLAG(set_test_examples, test_examples)
FLAG(set_summary, summary)
FLAG(set_html_full_text, html_full_text)
FLAG(set_no_spell, cfg.no_spell)
FLAG(set_no_default_rules, cfg.no_default_rules)
FLAG(set_strict_rules, cfg.strict_rules)

static bool bad_value(const char *opt_name, const char *v, const char *allowed, char *e, size_t n) {
    snprintf(e, n, "invalid value '%s' for %s (expected %s)", v, opt_name, allowed);
    return false;
}

static bool set_format(cli_options *o, const char *v, char *e, size_t n) {
    return mtl_format_parse(v, &o->format) ||
           bad_value("--format", v, "text, json, jsonl, sarif, github, checkstyle, html, vale-json or vale-line", e, n);
}

static bool set_fail_level(cli_options *o, const char *v, char *e, size_t n) {
    o->fail_level_set = true;
    o->fail_none = strcmp(v, "none") == 0;
    return o->fail_none || mtl_severity_parse(v, &o->fail_level) ||
           bad_value("--fail-level", v, "error, warning, info or none", e, n);
}

static bool set_min_severity(cli_options *o, const char *v, char *e, size_t n) {
    o->min_severity_set = true;
    return mtl_severity_parse(v, &o->min_severity) ||
           bad_value("--min-severity", v, "error, warning or info", e, n);
}

static bool set_jobs(cli_options *o, const char *v, char *e, size_t n) {
    char *end;
    long j = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || j < 0 || j > 256) return bad_value("--jobs", v, "a number from 0 to 256", e, n);
    o->jobs = (size_t)j;
    return true;
}

static bool set_min_score(cli_options *o, const char *v, char *e, size_t n) {
    char *end;
    double d = strtod(v, &end);
    if (*v == '\0' || *end != '\0' || !(d >= 0 && d <= 100))
        return bad_value("--min-score", v, "a number from 0 to 100", e, n);
    o->min_score = d;
    o->min_score_set = true;
    return true;
}

static bool set_color(cli_options *o, const char *v, char *e, size_t n) {
    if (strcmp(v, "auto") == 0) o->color = CLI_COLOR_AUTO;
    else if (strcmp(v, "always") == 0) o->color = CLI_COLOR_ALWAYS;
    else if (strcmp(v, "never") == 0) o->color = CLI_COLOR_NEVER;
    else return bad_value("--color", v, "auto, always or never", e, n);
    return true;
}

static bool set_markup(cli_options *o, const char *v, char *e, size_t n) {
    o->markup_set = true;
    if (strcmp(v, "auto") == 0) o->cfg.markup = MTL_MARKUP_AUTO;
    else if (strcmp(v, "text") == 0) o->cfg.markup = MTL_MARKUP_TEXT;
    else if (strcmp(v, "markdown") == 0) o->cfg.markup = MTL_MARKUP_MARKDOWN;
    else if (strcmp(v, "html") == 0) o->cfg.markup = MTL_MARKUP_HTML;
    else if (strcmp(v, "lines") == 0) o->cfg.markup = MTL_MARKUP_LINES;
    else return bad_value("--markup", v, "auto, text, markdown, html or lines", e, n);
    return true;
}

static bool set_quote_punctuation(cli_options *o, const char *v, char *e, size_t n) {
    if (strcmp(v, "american") != 0 && strcmp(v, "logical") != 0)
        return bad_value("--quote-punctuation", v, "american or logical", e, n);
    o->cfg.quote_punctuation = v;
    return true;
}

/* The older name: us is american, uk logical. */
static bool set_quote_style(cli_options *o, const char *v, char *e, size_t n) {
    if (strcmp(v, "us") != 0 && strcmp(v, "uk") != 0) return bad_value("--quote-style", v, "us or uk", e, n);
    o->cfg.quote_style = v;
    return true;
}

static bool set_ext(cli_options *o, const char *v, char *e, size_t n) {
    (void)e, (void)n;
    o->exts.n = 0; /* --ext replaces the default list */
    o->ext_set = true;
    str_list tmp = {0};
    push_split(o, &tmp, v);
    for (size_t i = 0; i < tmp.n; i++) {
        const char *x = tmp.v[i];
        if (x[0] != '.') {
            char *dotted = xasprintf(".%s", x);
            push(&o->pool, dotted);
            x = dotted;
        }
        push(&o->exts, x);
    }
    free(tmp.v);
    return true;
}

#define STRING(name, field)                                                                        \
    static bool name(cli_options *o, const char *v, char *e, size_t n) {                          \
        (void)e, (void)n;                                                                           \
        o->field = v;                                                                               \
        return true;                                                                                \
    }
STRING(set_stdin_name, stdin_name)
STRING(set_source, cfg.source_lang)
STRING(set_dict, cfg.dict)
STRING(set_dialect, cfg.dialect)
STRING(set_config, config_path)
FLAG(set_no_config, no_config)
STRING(set_source_file, source_file)
STRING(set_source_dir, source_dir)
FLAG(set_show_alignment, show_alignment)

static bool set_align(cli_options *o, const char *v, char *e, size_t n) {
    return mtl_align_parse(v, &o->align) || bad_value("--align", v, "auto, lines or paragraphs", e, n);
}
static bool set_consistency(cli_options *o, const char *v, char *e, size_t n) {
    o->consistency_set = true;
    o->cfg.consistency_run = strcmp(v, "run") == 0;
    return o->cfg.consistency_run || strcmp(v, "file") == 0 || bad_value("--consistency", v, "file or run", e, n);
}
STRING(set_vale_config, vale_config)
FLAG(set_no_vale_config, no_vale_config)
FLAG(set_fix, fix)
STRING(set_files_from, files_from)
FLAG(set_files_from_nul, files_from_nul)
FLAG(set_lsp, lsp)

#define LIST(name, field)                                                                          \
    static bool name(cli_options *o, const char *v, char *e, size_t n) {                          \
        (void)e, (void)n;                                                                           \
        push_split(o, &o->field, v);                                                                   \
        return true;                                                                                \
    }
LIST(add_words, words)
LIST(add_rules, rule_dirs)
LIST(add_enable, enable)
LIST(add_disable, disable)
LIST(add_glossary, glossaries)

static const opt options[] = {
    {"format", 'f', "FMT", "report format: text (default), json, jsonl, sarif, github, checkstyle, html, vale-json, vale-line",
     set_format},
    {"fail-level", 0, "LEVEL", "exit 1 when a finding is at or above LEVEL: error, warning (default), info, none",
     set_fail_level},
    {"min-score", 0, "N", "exit 1 when a file's quality score (0-100) is below N, whatever --fail-level says",
     set_min_score},
    {"summary", 0, NULL, "text: a score line per file and one for the run (default on a terminal)", set_summary},
    {"html-full-text", 0, NULL, "html: show every file's whole text, also files and paragraphs without findings",
     set_html_full_text},
    {"min-severity", 0, "LEVEL", "report only findings at or above LEVEL (default info)", set_min_severity},
    {"source", 's', "LANG", "source language of the translation (es, fr, pt, it, de, zh, ja, ko, ru, ar): "
                            "enables its rules and untranslated-word detection", set_source},
    {"source-file", 0, "FILE", "the source the one target file translates: compare them (Source rules)",
     set_source_file},
    {"source-dir", 0, "DIR", "sources of the targets: DIR/<path under the directory argument>, or DIR/<name>",
     set_source_dir},
    {"align", 0, "MODE", "pair source and target by lines, paragraphs or auto (default)", set_align},
    {"show-alignment", 0, NULL, "print the source/target pairs of each file to stdout", set_show_alignment},
    {"glossary", 0, "FILE", "source<TAB>target[|alt] term list for Source.Glossary (repeatable)", add_glossary},
    {"consistency", 0, "SCOPE", "one name written two ways: within each file (file, default) or across the run (run)",
     set_consistency},
    {"rules", 'r', "DIR", "also load the rule sets in DIR (DIR/<Set>/<Rule>.yml); repeatable", add_rules},
    {"no-default-rules", 0, NULL, "do not load the shipped rule sets", set_no_default_rules},
    {"strict-rules", 0, NULL, "a rule file feature mtlint does not support is an error, not a "
                              "warning that skips it", set_strict_rules},
    {"enable", 'e', "ID", "enable a rule or a whole set (comma list, repeatable)", add_enable},
    {"disable", 'd', "ID", "disable a rule or a whole set (comma list, repeatable)", add_disable},
    {"dict", 0, "NAME", "English Hunspell dictionary (default en_US)", set_dict},
    {"dialect", 0, "MODE", "auto (default: the article's majority spelling wins), en_US, en_GB, or any (accept both)", set_dialect},
    {"words", 'w', "FILE", "extra accepted words, one per line (repeatable)", add_words},
    {"no-spell", 0, NULL, "skip spell checking", set_no_spell},
    {"ext", 0, "LIST", "file extensions checked in directories (default .txt,.md,.markdown,.text,.html,.htm)", set_ext},
    {"markup", 0, "KIND", "input syntax: auto (by extension and shape, default), text, markdown, html or lines (a paragraph per line)", set_markup},
    {"quote-punctuation", 0, "STYLE", "period and comma at closing quotes: american (inside; the default "
                                      "with en_US) or logical (inside only when quoted; the default with "
                                      "en_GB and on British articles)", set_quote_punctuation},
    {"quote-style", 0, "STYLE", "the older name of --quote-punctuation: us (american) or uk (logical)",
     set_quote_style},
    {"stdin-filename", 0, "NAME", "name to report for input read from '-' (its extension picks the syntax)",
     set_stdin_name},
    {"config", 'c', "FILE", "settings file (default: the nearest .mtlint.yml above each file)", set_config},
    {"no-config", 0, NULL, "ignore .mtlint.yml and .vale.ini files", set_no_config},
    {"vale-config", 0, "FILE", "a Vale configuration to apply (default: the nearest .vale.ini above each file)",
     set_vale_config},
    {"no-vale-config", 0, NULL, "ignore .vale.ini files", set_no_vale_config},
    {"jobs", 'j', "N", "check files with N workers (default 0: one per core when there are many files)",
     set_jobs},
    {"files-from", 0, "FILE", "also check the paths listed in FILE, one a line ('-': standard input)",
     set_files_from},
    {"null", '0', NULL, "the --files-from list is NUL-separated (find -print0)", set_files_from_nul},
    {"color", 0, "WHEN", "colour text output: auto (default), always, never", set_color},
    {"fix", 0, NULL, "rewrite the files with each warning's or error's single suggestion (not spelling); "
                     "report what is left", set_fix},
    {"lsp", 0, NULL, "run as a language server for editors (LSP on standard input and output)", set_lsp},
    {"list-rules", 0, NULL, "list every rule and built-in check, then exit", set_list},
    {"list-checks", 0, NULL, "same as --list-rules", set_list},
    {"test-examples", 0, NULL, "run every rule's examples through the engine, then exit", set_test_examples},
    {"quiet", 'q', NULL, "no summary, notes or progress line on stderr", set_quiet},
    {"version", 'V', NULL, "print the version and exit", set_version},
    {"help", 'h', NULL, "print this help and exit", set_help},
};
#define NOPTS (sizeof options / sizeof options[0])

static const opt *find_long(const char *name, size_t len) {
    for (size_t i = 0; i < NOPTS; i++)
        if (strlen(options[i].lng) == len && strncmp(options[i].lng, name, len) == 0) return &options[i];
    return NULL;
}

static const opt *find_short(char c) {
    for (size_t i = 0; i < NOPTS; i++)
        if (options[i].shrt == c) return &options[i];
    return NULL;
}

bool cli_parse(int argc, char **argv, cli_options *o, char *err, size_t errlen) {
    memset(o, 0, sizeof *o);
    o->format = MTL_FORMAT_TEXT;
    o->fail_level = MTL_WARNING;
    o->min_severity = MTL_INFO;
    static const char *const default_exts[] = {".txt", ".md", ".markdown", ".text", ".html", ".htm"};
    for (size_t i = 0; i < sizeof default_exts / sizeof default_exts[0]; i++) push(&o->exts, default_exts[i]);
    bool only_paths = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
            push(&o->paths, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_paths = true;
            continue;
        }
        const opt *op;
        const char *val = NULL;
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            op = find_long(a + 2, len);
            if (!op) {
                snprintf(err, errlen, "unknown option '%.*s'", (int)(len + 2), a);
                return false;
            }
            if (eq && !op->arg) {
                snprintf(err, errlen, "option '--%s' takes no value", op->lng);
                return false;
            }
            if (eq) val = eq + 1;
        } else {
            op = find_short(a[1]);
            if (!op || (a[2] && !op->arg)) {
                snprintf(err, errlen, "unknown option '%s'", a);
                return false;
            }
            if (a[2]) val = a + 2;
        }
        if (op->arg && !val) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option '--%s' needs a value (%s)", op->lng, op->arg);
                return false;
            }
            val = argv[++i];
        }
        if (!op->set(o, val, err, errlen)) return false;
    }
    o->cfg.words = o->words.v;
    o->cfg.rule_dirs = o->rule_dirs.v;
    o->cfg.enable = o->enable.v;
    o->cfg.disable = o->disable.v;
    o->cfg.glossaries = o->glossaries.v;
    /* undocumented: small chunks for the tests of chunked checking */
    const char *chunk = getenv("MTLINT_CHUNK_BYTES");
    if (chunk && *chunk) o->cfg.chunk_bytes = strtoull(chunk, NULL, 10);
    return true;
}

void cli_add_path(cli_options *o, char *path) {
    push(&o->pool, path);
    push(&o->paths, path);
}

void cli_free(cli_options *o) {
    free(o->exts.v);
    free(o->words.v);
    free(o->rule_dirs.v);
    free(o->enable.v);
    free(o->disable.v);
    free(o->glossaries.v);
    free(o->paths.v);
    for (size_t i = 0; i < o->pool.n; i++) free((char *)o->pool.v[i]);
    free(o->pool.v);
    memset(o, 0, sizeof *o);
}

char *cli_usage(void) {
    buf b = {0};
    buf_puts(&b, "Usage: mtlint [OPTION]... PATH...\n"
                 "Lint English news produced by machine translation: calques, mistranslated titles and\n"
                 "names, untranslated words, broken quotes, source-language number formats, MT artifacts.\n"
                 "PATH is a file, a directory (searched recursively) or - for standard input.\n\n"
                 "Options:\n");
    for (size_t i = 0; i < NOPTS; i++) {
        const opt *op = &options[i];
        char left[64];
        if (op->shrt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", op->shrt, op->lng, op->arg ? " " : "", op->arg ? op->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", op->lng, op->arg ? " " : "", op->arg ? op->arg : "");
        buf_printf(&b, "  %-28s %s\n", left, op->help);
    }
    buf_puts(&b, "\nExit status: 0 no finding at or above --fail-level, 1 findings, 2 usage, input or\n"
                 "configuration error (the other files are still checked).\n");
    return buf_steal(&b);
}
