/* report_sarif.c - SARIF 2.1.0: one run, the rules under
 * tool.driver.rules, columns in code points, byte offsets in each region,
 * suggestions as fixes. Results stream out; unreadable files become
 * notifications of the invocation, written at the end. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

typedef struct sarif_sink {
    mtl_sink base;
    buf b;
    json_w w;
    const mtl_rule_info *rules;
    size_t nrules;
    const char *path;
    struct { char **v; size_t n, cap; } errors; /* path, message pairs */
    struct { char **path; mtl_file_score *score; size_t n, cap; } scored; /* for run.artifacts */
    buf tmp;           /* a field being cleaned */
} sarif_sink;

static sarif_sink *S(mtl_sink *s) { return (sarif_sink *)s; }

static const char *level_of(mtl_severity sev) {
    static const char *const l[] = {"note", "warning", "error"};
    return l[sev];
}

/* A path as a URI (RFC 3986): an absolute path is a file:///abs/path URI,
 * a relative one a relative reference, resolved against %SRCROOT% (the
 * directory mtlint ran in; code-scanning services take it as the root of
 * the checkout). A path segment keeps unreserved characters, sub-delims
 * and '@' (and ':' except in a relative reference's first segment, where
 * it would read as a scheme); every other byte is percent-encoded. */
static void uri_encode(buf *u, const char *path, bool absolute) {
    static const char hex[] = "0123456789ABCDEF";
    bool first_segment = !absolute;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '/') first_segment = false;
        if (ascii_isalpha(*p) || ascii_isdigit(*p) || strchr("-._~/!$&'()*+,;=@", *p) ||
            (*p == ':' && !first_segment)) {
            buf_putc(u, (char)*p);
        } else {
            char e[4] = {'%', hex[*p >> 4], hex[*p & 15], 0};
            buf_puts(u, e);
        }
    }
}

/* "key": {"uri": ..., "uriBaseId": ...} */
static void location(json_w *w, const char *key, const char *path) {
    bool absolute = path[0] == '/';
    bool unnamed_stdin = strcmp(path, "-") == 0;
    buf u = {0};
    if (absolute) buf_puts(&u, "file://");
    uri_encode(&u, path, absolute);
    json_key(w, key);
    json_obj_begin(w);
    json_kv_str(w, "uri", u.data ? u.data : "");
    if (!absolute && !unnamed_stdin) json_kv_str(w, "uriBaseId", "%SRCROOT%");
    json_obj_end(w);
    buf_free(&u);
}

static void artifact(json_w *w, const char *path) { location(w, "artifactLocation", path); }

/* SARIF's message shape: "key": {"text": s}. */
static void text_obj(json_w *w, const char *key, const char *s) {
    json_key(w, key);
    json_obj_begin(w);
    json_kv_str(w, "text", s);
    json_obj_end(w);
}

/* The same with s[0..n) on one line (whitespace runs made one space), as
 * messages and matches are in every format. */
static void text_obj_one_line(sarif_sink *ss, const char *key, const char *s, size_t n) {
    buf_clear(&ss->tmp);
    report_clean(&ss->tmp, s, n, REPORT_ONE_SPACE);
    json_key(&ss->w, key);
    json_obj_begin(&ss->w);
    json_key(&ss->w, "text");
    json_strn(&ss->w, ss->tmp.data ? ss->tmp.data : "", ss->tmp.len);
    json_obj_end(&ss->w);
}

static long rule_index(const sarif_sink *s, const char *id) {
    for (size_t i = 0; i < s->nrules; i++)
        if (strcmp(s->rules[i].id, id) == 0) return (long)i;
    return -1;
}

static void s_begin(mtl_sink *s, const char *path) { S(s)->path = path; }

static void region(sarif_sink *ss, const mtl_finding *f) {
    json_w *w = &ss->w;
    json_key(w, "region");
    json_obj_begin(w);
    json_kv_uint(w, "startLine", f->line);
    json_kv_uint(w, "startColumn", f->column);
    json_kv_uint(w, "endLine", f->end_line);
    json_kv_uint(w, "endColumn", f->end_column);
    json_kv_uint(w, "byteOffset", f->offset);
    json_kv_uint(w, "byteLength", f->length);
    text_obj_one_line(ss, "snippet", f->match, f->match_len);
    json_obj_end(w);
}

static void s_finding(mtl_sink *s, const mtl_finding *f) {
    sarif_sink *ss = S(s);
    json_w *w = &ss->w;
    json_newline(w);
    json_obj_begin(w);
    json_kv_str(w, "ruleId", f->rule);
    long ri = rule_index(ss, f->rule);
    if (ri >= 0) {
        json_kv_uint(w, "ruleIndex", (size_t)ri);
    }
    json_kv_str(w, "level", level_of(f->severity));
    text_obj_one_line(ss, "message", f->message, strlen(f->message));
    json_key(w, "locations");
    json_arr_begin(w);
    json_obj_begin(w);
    json_key(w, "physicalLocation");
    json_obj_begin(w);
    artifact(w, ss->path);
    region(ss, f);
    json_obj_end(w);
    json_obj_end(w);
    json_arr_end(w);
    if (f->nsuggestions) {
        json_key(w, "fixes");
        json_arr_begin(w);
        for (size_t i = 0; i < f->nsuggestions; i++) {
            json_obj_begin(w);
            char *d = xasprintf("Replace with \"%s\"", f->suggestions[i]);
            text_obj(w, "description", d);
            free(d);
            json_key(w, "artifactChanges");
            json_arr_begin(w);
            json_obj_begin(w);
            artifact(w, ss->path);
            json_key(w, "replacements");
            json_arr_begin(w);
            json_obj_begin(w);
            json_key(w, "deletedRegion");
            json_obj_begin(w);
            json_kv_uint(w, "byteOffset", f->offset);
            json_kv_uint(w, "byteLength", f->length);
            json_obj_end(w);
            text_obj(w, "insertedContent", f->suggestions[i]);
            json_obj_end(w);
            json_arr_end(w);
            json_obj_end(w);
            json_arr_end(w);
            json_obj_end(w);
        }
        json_arr_end(w);
    }
    json_key(w, "properties");
    json_obj_begin(w);
    json_kv_str(w, "category", mtl_category_name(f->category));
    json_obj_end(w);
    json_obj_end(w);
    if (ss->b.len > 65536) report_flush(s, &ss->b);
}

static void s_file_info(mtl_sink *s, const mtl_file_info *info) {
    sarif_sink *ss = S(s);
    if (ss->scored.n == ss->scored.cap) {
        ss->scored.cap = ss->scored.cap ? 2 * ss->scored.cap : 16;
        ss->scored.path = xrealloc(ss->scored.path, ss->scored.cap * sizeof *ss->scored.path);
        ss->scored.score = xrealloc(ss->scored.score, ss->scored.cap * sizeof *ss->scored.score);
    }
    ss->scored.path[ss->scored.n] = xstrdup(ss->path);
    ss->scored.score[ss->scored.n++] = info->score;
}

/* Each checked file is an artifact whose properties hold its score. */
static void artifacts(sarif_sink *ss) {
    json_w *w = &ss->w;
    json_key(w, "artifacts");
    json_arr_begin(w);
    for (size_t i = 0; i < ss->scored.n; i++) {
        json_newline(w);
        json_obj_begin(w);
        location(w, "location", ss->scored.path[i]);
        json_key(w, "properties");
        json_obj_begin(w);
        json_key(w, "score");
        report_score_json(w, &ss->scored.score[i]);
        json_obj_end(w);
        json_obj_end(w);
    }
    json_arr_end(w);
}

static void s_file_error(mtl_sink *s, const char *path, const char *message) {
    sarif_sink *ss = S(s);
    VEC_PUSH(ss->errors, xstrdup(path));
    VEC_PUSH(ss->errors, xstrdup(message));
}

static void s_end_file(mtl_sink *s) { report_flush(s, &S(s)->b); }

static void s_end_run(mtl_sink *s, const mtl_summary *sum) {
    sarif_sink *ss = S(s);
    json_w *w = &ss->w;
    json_newline(w);
    json_arr_end(w); /* results */
    json_newline(w);
    artifacts(ss);
    json_newline(w);
    json_key(w, "properties");
    json_obj_begin(w);
    json_key(w, "summary");
    report_summary_json(w, sum);
    json_obj_end(w);
    json_newline(w);
    json_key(w, "invocations");
    json_arr_begin(w);
    json_obj_begin(w);
    json_kv_bool(w, "executionSuccessful", ss->errors.n == 0);
    json_key(w, "toolExecutionNotifications");
    json_arr_begin(w);
    for (size_t i = 0; i + 1 < ss->errors.n; i += 2) {
        json_newline(w);
        json_obj_begin(w);
        json_kv_str(w, "level", "error");
        text_obj_one_line(ss, "message", ss->errors.v[i + 1], strlen(ss->errors.v[i + 1]));
        json_key(w, "locations");
        json_arr_begin(w);
        json_obj_begin(w);
        json_key(w, "physicalLocation");
        json_obj_begin(w);
        artifact(w, ss->errors.v[i]);
        json_obj_end(w);
        json_obj_end(w);
        json_arr_end(w);
        json_obj_end(w);
    }
    json_arr_end(w);
    json_obj_end(w);
    json_arr_end(w);
    json_obj_end(w); /* run */
    json_arr_end(w); /* runs */
    json_obj_end(w);
    buf_putc(&ss->b, '\n');
    report_flush(s, &ss->b);
    report_finish(s);
}

static void s_destroy(mtl_sink *s) {
    sarif_sink *ss = S(s);
    VEC_FREE_ALL(ss->errors);
    for (size_t i = 0; i < ss->scored.n; i++) free(ss->scored.path[i]);
    free(ss->scored.path);
    free(ss->scored.score);
    buf_free(&ss->b);
    buf_free(&ss->tmp);
    free(s);
}

/* The first sentence of a description, for shortDescription: up to a
 * period followed by a space and a capital letter, outside quotation
 * marks and parentheses (where "Lic. X" is an example, not an end). */
static size_t first_sentence(const char *d) {
    int depth = 0;
    bool quoted = false;
    for (const char *p = d; *p; p++) {
        if (*p == '"') quoted = !quoted;
        else if (*p == '(' || strncmp(p, "\xe2\x80\x9c" /* “ */, 3) == 0) depth++;
        else if ((*p == ')' || strncmp(p, "\xe2\x80\x9d" /* ” */, 3) == 0) && depth > 0) depth--;
        else if (!quoted && depth == 0 && p[0] == '.' && p[1] == ' ' && ascii_isupper((unsigned char)p[2]))
            return (size_t)(p + 1 - d);
    }
    return strlen(d);
}

/* help: the description and, when the rule has one, its link. */
static void help(json_w *w, const char *desc, const char *link) {
    json_key(w, "help");
    json_obj_begin(w);
    char *text = link ? xasprintf("%s\n\nMore: %s", desc, link) : xstrdup(desc);
    json_kv_str(w, "text", text);
    free(text);
    if (link) {
        char *md = xasprintf("%s\n\n[%s](%s)", desc, link, link);
        json_kv_str(w, "markdown", md);
        free(md);
    }
    json_obj_end(w);
}

static void driver(json_w *w, const mtl_rule_info *rules, size_t n) {
    json_key(w, "driver");
    json_obj_begin(w);
    json_kv_str(w, "name", "mtlint");
    json_kv_str(w, "version", MTL_VERSION);
    if (*MTL_HOMEPAGE) json_kv_str(w, "informationUri", MTL_HOMEPAGE);
    json_key(w, "rules");
    json_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        const mtl_rule_info *r = &rules[i];
        const char *desc = r->description && *r->description ? r->description : r->id;
        json_newline(w);
        json_obj_begin(w);
        json_kv_str(w, "id", r->id);
        json_key(w, "shortDescription");
        json_obj_begin(w);
        json_key(w, "text");
        json_strn(w, desc, first_sentence(desc));
        json_obj_end(w);
        text_obj(w, "fullDescription", desc);
        help(w, desc, r->link);
        if (r->link) json_kv_str(w, "helpUri", r->link);
        json_key(w, "defaultConfiguration");
        json_obj_begin(w);
        json_kv_str(w, "level", level_of(r->level));
        json_kv_bool(w, "enabled", r->enabled);
        json_obj_end(w);
        json_key(w, "properties");
        json_obj_begin(w);
        json_kv_str(w, "category", mtl_category_name(r->category));
        json_kv_str(w, "kind", r->kind);
        json_obj_end(w);
        json_obj_end(w);
    }
    json_arr_end(w);
    json_obj_end(w);
}

mtl_sink *report_sarif_open(FILE *out, const mtl_sink_options *o) {
    sarif_sink *ss = xcalloc(1, sizeof *ss);
    ss->base = (mtl_sink){.begin_file = s_begin, .finding = s_finding, .file_error = s_file_error,
                          .end_file = s_end_file, .end_run = s_end_run, .destroy = s_destroy,
                          .file_info = s_file_info, .out = out};
    ss->rules = o->rules;
    ss->nrules = o->nrules;
    json_w *w = &ss->w;
    json_init(w, &ss->b);
    json_obj_begin(w);
    json_kv_str(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    json_kv_str(w, "version", "2.1.0");
    json_key(w, "runs");
    json_arr_begin(w);
    json_obj_begin(w);
    json_key(w, "tool");
    json_obj_begin(w);
    driver(w, o->rules, o->nrules);
    json_obj_end(w);
    json_kv_str(w, "columnKind", "unicodeCodePoints");
    json_key(w, "results");
    json_arr_begin(w);
    return &ss->base;
}
