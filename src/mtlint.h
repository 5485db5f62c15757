/* mtlint.h - public API of libmtlint, a linter for machine-translated
 * English news.
 *
 * The library never prints and never exits: every entry point returns a
 * status and records problems in an mtl_diags list that the caller prints.
 * One mtl_engine holds everything that is loaded once per run (rules,
 * dictionaries, ICU break iterators); it is not thread-safe: each thread
 * checks with its own fork of it (mtl_engine_fork), which shares what was
 * loaded. */
#ifndef MTLINT_H
#define MTLINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MTL_VERSION "0.1.0"
#define MTL_REPORT_VERSION 1
/* Where the project's documentation is published (SARIF's informationUri),
 * set by the build (`make HOMEPAGE=URL`). The project names no public home
 * yet, and an address nobody owns would be worse than none: empty means
 * the key is left out. */
#ifndef MTL_HOMEPAGE
#define MTL_HOMEPAGE ""
#endif

typedef enum { MTL_INFO = 0, MTL_WARNING = 1, MTL_ERROR = 2 } mtl_severity;

/* The kinds of MT error (docs/FORMATS.md); the order is the contract's. */
typedef enum {
    MTL_CAT_SPELLING,
    MTL_CAT_UNTRANSLATED,
    MTL_CAT_CALQUE,
    MTL_CAT_TERMINOLOGY,
    MTL_CAT_PUNCTUATION,
    MTL_CAT_LOCALE,
    MTL_CAT_LAYOUT,
    MTL_CAT_ARTIFACT,
    MTL_CAT_GRAMMAR,
    MTL_CAT_STYLE,
    MTL_CAT_ACCURACY,  /* meaning lost or changed against the source */
    MTL_CAT_COUNT
} mtl_category;

const char *mtl_severity_name(mtl_severity s);
bool mtl_severity_parse(const char *name, mtl_severity *out);
const char *mtl_category_name(mtl_category c);
bool mtl_category_parse(const char *name, mtl_category *out);

/* ---- diagnostics: errors and notes for the caller to print ---- */

typedef struct mtl_diags {
    char **msg;
    size_t n, cap;
} mtl_diags;

void mtl_diags_add(mtl_diags *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void mtl_diags_free(mtl_diags *d);
/* Puts "where: " before every message of d from index `from` on (the
 * place of the configuration setting that failed); where NULL: nothing. */
void mtl_diags_locate(mtl_diags *d, size_t from, const char *where);

/* ---- configuration ---- */

/* LINES: plain text with one segment (paragraph) per line, as MT
 * pipelines, WMT files and translation memories write it. */
typedef enum { MTL_MARKUP_AUTO, MTL_MARKUP_TEXT, MTL_MARKUP_MARKDOWN, MTL_MARKUP_HTML, MTL_MARKUP_LINES } mtl_markup;

/* A rule (or set) re-levelled or switched off by configuration. */
typedef struct mtl_level {
    const char *id;            /* "EsEn.Deputies" or a set, "Quotes" */
    const char *where;         /* "file:line:col" of a configuration file, for messages; or NULL */
    bool off;
    mtl_severity level;
} mtl_level;

/* A score weight set by configuration: `key` is a severity (error,
 * warning, info: points per finding), a category (spelling...: a factor
 * on the severity's points) or a rule id or set (points per finding of
 * those rules, whatever their severity). Weights are counted in
 * hundredths of a point, so that sums are exact. */
typedef struct mtl_weight {
    const char *key;
    const char *where;         /* "file:line:col" of a configuration file, for messages; or NULL */
    unsigned long centi;       /* hundredths */
} mtl_weight;

/* Length-ratio limits for Source.Omission and Source.Addition, set by
 * configuration for one source language: a pair whose translation has
 * fewer than lo or more than hi characters per source character is
 * reported, in place of the learned length model's test. */
typedef struct mtl_length_ratio {
    const char *lang;          /* source language, "es" */
    const char *where;         /* "file:line:col" of a configuration file, for messages; or NULL */
    double lo, hi;
} mtl_length_ratio;

typedef struct mtl_config {
    const char *source_lang;   /* "es", "fr"...; NULL: language-neutral only */
    const char *dict;          /* English dictionary name, default "en_US" */
    const char *dialect;       /* NULL or "auto", "en_US", "en_GB", "any" */
    const char *const *words;  /* user word lists (NULL-terminated) */
    const char *const *rule_dirs; /* extra rule directories (NULL-terminated) */
    const char *builtin_rules; /* shipped rules dir; NULL: compiled-in default */
    const char *dict_dir;      /* shipped dictionaries/ dir; NULL: default */
    const char *const *enable;  /* rule ids or set names to enable */
    const char *const *disable; /* rule ids or set names to disable */
    /* Optional, parallel to enable/disable: "file:line:col" of the
     * configuration entry for messages, NULL entries for options. */
    const char *const *enable_where, *const *disable_where;
    /* Likewise "file:line:col: key" of the settings a dictionary is
     * opened for, or NULL. */
    const char *dict_where, *source_where;
    bool no_spell;             /* skip Hunspell entirely */
    bool no_default_rules;     /* do not load the shipped rule sets */
    bool strict_rules;         /* a rule file feature mtlint lacks is an error, not a warning */
    bool all_sources;          /* run rules of every source language (example tests) */
    /* For a run that only checks (no rule listing, no SARIF rule table):
     * a shipped rule file of another source language than source_lang,
     * which nothing in the configuration names, is only skimmed for its
     * `source`, not read. Its rule is registered (its id can be named and
     * is turned off) with none of its other fields. */
    bool skim_other_sources;
    mtl_markup markup;
    /* "american" or "logical"; NULL: by the dialect (check_quotes.c) */
    const char *quote_punctuation;
    const char *quote_style;   /* its older name: "us" or "uk"; quote_punctuation wins */
    const char *const *glossaries; /* Source.Glossary term lists (NULL-terminated) */
    const mtl_level *levels;   /* applied after enable/disable */
    size_t nlevels;
    const mtl_weight *weights; /* score weights (docs: "Quality score") */
    size_t nweights;
    const mtl_length_ratio *length_ratios; /* source-length-ratio: per source language */
    size_t nlength_ratios;
    /* Entries whose "where" starts with this path (a .vale.ini) may name
     * rules that are not loaded (a Vale rule mtlint skipped): a warning,
     * not an error. NULL: none. */
    const char *soft_where;
    /* Vale vocabularies' accept.txt files (NULL-terminated, may be NULL):
     * each line a term, exceptions of every rule with `vocab: true`. */
    const char *const *vocab_files;
    /* Their reject.txt files: each line a term, reported by Vale.Avoid. */
    const char *const *vocab_reject_files;
    /* A .vale.ini's TokenIgnores and BlockIgnores for the file (regular
     * expressions, NULL-terminated, may be NULL): masked like code. */
    const char *const *token_ignores, *const *block_ignores;
    /* Plain-text files larger than this many bytes are checked in chunks
     * (README, "Large files"); 0: MTL_CHUNK_BYTES. */
    size_t chunk_bytes;
    /* --consistency run: the consistency rules (Source.Consistency,
     * Names.Inconsistent) record every rendering of a name for the caller
     * to decide over all the files of a run (mtl_engine_renderings),
     * instead of deciding within each file. */
    bool consistency_run;
} mtl_config;

#define MTL_CHUNK_BYTES ((size_t)4 << 20)

/* ---- findings as reporters see them ---- */

typedef struct mtl_finding {
    const char *rule;          /* "Set.Rule" */
    mtl_severity severity;
    mtl_category category;
    const char *message;
    const char *const *suggestions;
    size_t nsuggestions;
    /* position in the ORIGINAL input bytes */
    size_t offset, length;
    /* the matched text decoded to UTF-8 (match_len bytes, not
     * NUL-terminated): the original bytes when the input was UTF-8 */
    const char *match;
    size_t match_len;
    size_t line, column;       /* 1-based; columns count code points */
    size_t end_line, end_column; /* just past the last character */
    /* the same span in the decoded text (mtl_file_info.text): match is
     * text + text_offset */
    size_t text_offset, text_length;
} mtl_finding;

/* ---- rule listing ---- */

typedef struct mtl_rule_info {
    const char *id;
    const char *kind;          /* existence, substitution..., or builtin */
    mtl_severity level;
    mtl_category category;
    const char *const *source; /* source languages, NULL-terminated */
    size_t entries;
    const char *scope;         /* comma-separated scopes */
    const char *description;
    const char *path;          /* rule file, or "(built-in)" */
    const char *link;
    bool enabled;
    unsigned long weight;      /* score points per finding, in hundredths */
} mtl_rule_info;

/* ---- report sinks ---- */

/* ---- quality score (MQM raw quality score, docs/FORMATS.md) ---- */

/* One file: its prose word count, the weights of its reported findings
 * and the score 100 x (1 - penalty / words), floored at 0. A file without
 * words has no score. */
typedef struct mtl_file_score {
    size_t words;
    unsigned long penalty;     /* hundredths of a point */
    bool scored;               /* words > 0 */
    unsigned value;            /* tenths: 978 is 97.8 */
    size_t count[3];           /* reported findings by mtl_severity */
    size_t category[MTL_CAT_COUNT];
} mtl_file_score;

/* What a sink learns of a file beside its findings, before them. */
/* A stretch of the decoded text, end exclusive. */
typedef struct mtl_text_span {
    size_t start, end;
} mtl_text_span;

typedef struct mtl_file_info {
    mtl_file_score score;
    /* The decoded UTF-8 text the findings' text offsets refer to, when
     * the sink asked for it (wants_text); else NULL. */
    const char *text;
    size_t len;
    size_t headline_start, headline_end; /* text offsets; equal: no headline */
    /* With the text: the prose blocks markup found (paragraphs, headings,
     * lines with --markup lines), in document order, as text offsets;
     * valid until the next file is checked. */
    const mtl_text_span *blocks;
    size_t nblocks;
    const mtl_text_span *sentences; /* likewise, the sentences ICU found in them */
    size_t nsentences;
} mtl_file_info;

/* The score of `penalty` hundredths of a point over `words` words, in
 * tenths, rounded half up and floored at 0 (words > 0). */
unsigned mtl_score_value(size_t words, unsigned long penalty);
/* "97.8" from tenths; "2.5", "0.25" or "9" from hundredths. */
void mtl_format_tenths(char *out, size_t n, unsigned long tenths);
void mtl_format_centi(char *out, size_t n, unsigned long centi);

typedef struct mtl_summary {
    size_t files;
    size_t count[3];           /* by mtl_severity */
    size_t fixes, fixed_files; /* --fix */
    size_t words;              /* of the files checked */
    size_t category[MTL_CAT_COUNT];
    size_t scored;             /* files with a score */
    unsigned long score_sum;   /* of their scores, tenths */
    unsigned lowest;           /* lowest score, tenths (scored > 0) */
} mtl_summary;

/* Adds a file's score and counts to the run's summary. */
void mtl_summary_add(mtl_summary *sum, const mtl_file_score *fs);
/* The mean score of the run in tenths, rounded half up (scored > 0). */
unsigned mtl_summary_mean(const mtl_summary *sum);

typedef struct mtl_sink mtl_sink;
struct mtl_sink {
    void (*begin_file)(mtl_sink *s, const char *path);
    void (*finding)(mtl_sink *s, const mtl_finding *f);
    void (*file_error)(mtl_sink *s, const char *path, const char *message);
    void (*end_file)(mtl_sink *s);
    void (*end_run)(mtl_sink *s, const mtl_summary *sum);
    void (*destroy)(mtl_sink *s);
    /* Optional (NULL: not shown): after begin_file, the source the file
     * was checked against and its language, `detected` when langid chose
     * it rather than --source. */
    void (*file_source)(mtl_sink *s, const char *source_path, const char *lang, bool detected);
    /* Optional (NULL: not called): the file's score, and its text when
     * wants_text; called after begin_file, before the findings. */
    void (*file_info)(mtl_sink *s, const mtl_file_info *info);
    bool wants_text;
    FILE *out;
    mtl_severity min_severity; /* findings below are not reported */
    bool failed;               /* a write failed: nothing more is written */
    int error;                 /* errno of that write (EPIPE: the reader went away) */
};

typedef enum {
    MTL_FORMAT_TEXT, MTL_FORMAT_JSON, MTL_FORMAT_SARIF,
    MTL_FORMAT_GITHUB, MTL_FORMAT_CHECKSTYLE, MTL_FORMAT_HTML, MTL_FORMAT_JSONL,
    MTL_FORMAT_VALE_JSON, MTL_FORMAT_VALE_LINE  /* Vale's --output=JSON and line */
} mtl_format;

typedef struct mtl_sink_options {
    bool color;
    bool summary;              /* text: a score line per file and one for the run */
    bool html_full_text;       /* html: every file's whole text, also where nothing was found */
    mtl_severity min_severity; /* findings below are not shown */
    /* The rules, for formats that describe them (SARIF). */
    const mtl_rule_info *rules;
    size_t nrules;
} mtl_sink_options;

mtl_sink *mtl_sink_open(mtl_format fmt, FILE *out, const mtl_sink_options *o);
/* Frees the sink; returns 0, or the errno of its first failed write
 * (including the flush at the end of the run). The caller owns `out`. */
int mtl_sink_close(mtl_sink *s);
bool mtl_format_parse(const char *name, mtl_format *out);

/* Rule listing in text or JSON (docs/FORMATS.md, "Rule listing"). */
bool mtl_list_rules(FILE *out, mtl_format fmt, const mtl_rule_info *rules, size_t n);

/* ---- the engine ---- */

typedef struct mtl_engine mtl_engine;

/* Loads rules and dictionaries. On failure returns NULL and fills diags
 * with every problem found (all files, not just the first). */
mtl_engine *mtl_engine_open(const mtl_config *cfg, mtl_diags *diags);
void mtl_engine_close(mtl_engine *e);

/* An engine for another thread: it shares everything e loaded and
 * compiled (rules, PCRE2 code and its JIT code, dictionaries, word lists,
 * tables), read-only, and has its own per-document state (documents,
 * match data, JIT stack, verdict caches, break iterators). What e would
 * load lazily for the documents is loaded by the first fork, so that the
 * forks share it. Forks of e are made one at a time (other forks of it may
 * be checking meanwhile); e itself must not check anything while a fork
 * of it is in use, and must outlive its forks, each closed with
 * mtl_engine_close. A fork answers like e, finding for finding. NULL when
 * ICU cannot clone its break iterators. */
mtl_engine *mtl_engine_fork(mtl_engine *e);

/* Notes from opening the engine (what a source language without a
 * dictionary or rules skips), for the caller to show; not errors. */
const mtl_diags *mtl_engine_notes(const mtl_engine *e);
/* What loading skipped in the rule files (an unsupported kind, key, scope
 * or pattern feature): "path:line:col: warning: ...", once per feature. */
const mtl_diags *mtl_engine_load_warnings(const mtl_engine *e);

/* All registered rules (built-in checks and rule files), in load order. */
size_t mtl_engine_rules(mtl_engine *e, const mtl_rule_info **out);

typedef enum {
    MTL_OK = 0,
    MTL_ERR_IO,       /* could not read */
    MTL_ERR_BINARY,   /* not text */
    MTL_ERR_INTERNAL, /* ICU or allocation failure */
    MTL_ERR_SOURCE    /* the source could not be read or paired with the target */
} mtl_status;

/* Checks one input. `display` is the path shown in reports; `bytes` may be
 * NULL, in which case `path` is read ("-" reads stdin). Findings at or above
 * the sink's min severity go to the sink, bracketed by begin/end_file; on
 * error, the sink's file_error is called and a status returned with a
 * message in errbuf. The summary is updated. */
mtl_status mtl_engine_check(mtl_engine *e, const char *path, const char *display,
                            const char *bytes, size_t len, mtl_sink *sink,
                            mtl_summary *sum, char *errbuf, size_t errlen);

/* ---- source-aware checking ---- */

typedef enum { MTL_ALIGN_AUTO, MTL_ALIGN_LINES, MTL_ALIGN_PARAGRAPHS } mtl_align_mode;
bool mtl_align_parse(const char *name, mtl_align_mode *out);

/* The source document a target is checked against. */
typedef struct mtl_pair {
    const char *path;          /* the source file, read when bytes is NULL */
    const char *bytes;
    size_t len;
    const char *lang;          /* ISO 639-1; NULL: the engine's --source, else detected */
    mtl_align_mode align;
    bool show_alignment;       /* keep the pairs as text (mtl_engine_alignment) */
} mtl_pair;

/* mtl_engine_check with a source: the source runs through the same
 * stages, is aligned with the target, and the Source rules compare them.
 * pair NULL: the same as mtl_engine_check. A source that cannot be read,
 * or lines that cannot be paired, are a file error naming the source. */
mtl_status mtl_engine_check_pair(mtl_engine *e, const char *path, const char *display,
                                 const char *bytes, size_t len, const mtl_pair *pair,
                                 mtl_sink *sink, mtl_summary *sum, char *errbuf, size_t errlen);

/* After a check with show_alignment: the pairs, one per line (README,
 * "Checking against the source"); "" when there was no source. Valid
 * until the next check. */
const char *mtl_engine_alignment(const mtl_engine *e);

/* After a check with a source: which Source checks its language skips, as
 * one note for the caller to show; NULL when all ran. */
const char *mtl_engine_source_note(const mtl_engine *e);

/* With consistency_run: one rendering of a name in the file checked
 * last, placed as a finding of its rule would be (rule, severity,
 * category, offsets, lines, match; no message). key is what it renders:
 * the source's name, folded (Source.Consistency), or NULL for a name of
 * the target alone (Names.Inconsistent). in_source: the rendering is
 * written as such in the file's source. Only renderings that a finding
 * could be reported on (rule on, not suppressed inline, at or above the
 * sink's min severity) are listed. Its match is a copy, kept with the
 * list. */
typedef struct mtl_rendering {
    mtl_finding at;
    unsigned long weight;      /* the rule's score points per finding */
    const char *key;
    bool in_source;
} mtl_rendering;

/* The renderings of the file checked last, in text order. Valid until the
 * next check. */
const mtl_rendering *mtl_engine_renderings(const mtl_engine *e, size_t *n);

/* Lower-level entry used by tests and editors: check a buffer and get the
 * sorted, resolved findings through a callback instead of a sink. */
typedef void (*mtl_finding_cb)(void *ctx, const mtl_finding *f);
mtl_status mtl_engine_check_buffer(mtl_engine *e, const char *name,
                                   const char *bytes, size_t len,
                                   mtl_finding_cb cb, void *ctx,
                                   char *errbuf, size_t errlen);

/* Warnings about the input checked last (by either call above), each
 * "NAME: message", e.g. "NAME: rule Set.Rule (path/Rule.yml:12) gave up on
 * this text: pattern too costly": the rule's findings stop there and every
 * other check went on. Valid until the next check. */
const mtl_diags *mtl_engine_warnings(const mtl_engine *e);

/* Every `examples:` sentence of the loaded rules, in load order, for
 * front ends that describe a rule (hover in an editor). */
typedef struct mtl_rule_example {
    const char *rule;          /* "Set.Rule" */
    const char *text;
    bool flag;                 /* true: the rule flags it; false: it passes */
} mtl_rule_example;
typedef void (*mtl_example_cb)(void *ctx, const mtl_rule_example *x);
void mtl_engine_examples(mtl_engine *e, mtl_example_cb cb, void *ctx);

/* Runs every rule's examples through the whole engine: a `flag` example
 * must produce a finding of its rule (with the expected match when one is
 * given), a `pass` example none. A rule file without examples fails too.
 * Returns the number of failures, each described in `failures`; *nrun
 * gets the number of examples run. */
size_t mtl_engine_test_examples(mtl_engine *e, size_t *nrun, mtl_diags *failures);

#endif
