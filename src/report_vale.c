/* report_vale.c - Vale's own output shapes, for the editor plugins and CI
 * actions built for Vale (docs/FORMATS.md, "vale-json" and "vale-line"):
 *
 *   vale-json  what `vale --output=JSON` prints: one object, a key per file
 *              with findings, each a list of {Action, Span, Check,
 *              Description, Link, Message, Severity, Match, Line}
 *   vale-line  what `vale --output=line` prints: file:line:col:Rule:message
 *
 * Vale's severities are suggestion, warning and error: info is suggestion.
 * A file that cannot be read is one finding of the rule mtlint.input. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

typedef struct vale_sink {
    mtl_sink base;
    bool json;
    const mtl_rule_info *rules;
    size_t nrules;
    buf b, tmp;
    json_w w;
    const char *path;   /* the file being reported, until its first finding opens it */
    bool open;          /* its key and list are written */
    bool any;           /* some file was */
} vale_sink;

static vale_sink *V(mtl_sink *s) { return (vale_sink *)s; }

static const char *vale_severity(mtl_severity s) { return s == MTL_INFO ? "suggestion" : mtl_severity_name(s); }

static const mtl_rule_info *rule_of(const vale_sink *v, const char *id) {
    for (size_t i = 0; i < v->nrules; i++)
        if (strcmp(v->rules[i].id, id) == 0) return &v->rules[i];
    return NULL;
}

static void v_begin(mtl_sink *s, const char *path) {
    vale_sink *v = V(s);
    v->path = path;
    v->open = false;
}

/* The file's key, at its first finding: Vale lists only files with alerts. */
static void open_file(vale_sink *v) {
    if (v->open) return;
    v->open = true;
    v->any = true;
    json_newline(&v->w);
    json_key(&v->w, v->path);
    json_arr_begin(&v->w);
}

static void kv_clean(vale_sink *v, const char *key, const char *s, size_t n) {
    buf_clear(&v->tmp);
    report_clean(&v->tmp, s, n, REPORT_ONE_SPACE);
    json_key(&v->w, key);
    json_strn(&v->w, v->tmp.data ? v->tmp.data : "", v->tmp.len);
}

/* One alert; Span is the first and last column of the match on its line. */
static void alert(vale_sink *v, const char *rule, mtl_severity sev, const char *message, const char *match,
                  size_t match_len, size_t line, size_t col, size_t last_col, const char *const *sugg,
                  size_t nsugg) {
    json_w *w = &v->w;
    const mtl_rule_info *ri = rule_of(v, rule);
    open_file(v);
    json_newline(w);
    json_obj_begin(w);
    json_key(w, "Action");
    json_obj_begin(w);
    json_kv_str(w, "Name", nsugg ? "replace" : "");
    json_key(w, "Params");
    if (nsugg) {
        json_arr_begin(w);
        for (size_t i = 0; i < nsugg; i++) json_str(w, sugg[i]);
        json_arr_end(w);
    } else {
        json_null(w);
    }
    json_obj_end(w);
    json_key(w, "Span");
    json_arr_begin(w);
    json_uint(w, col);
    json_uint(w, last_col);
    json_arr_end(w);
    json_kv_str(w, "Check", rule);
    json_kv_str(w, "Description", ri && ri->description ? ri->description : "");
    json_kv_str(w, "Link", ri && ri->link ? ri->link : "");
    kv_clean(v, "Message", message, strlen(message));
    json_kv_str(w, "Severity", vale_severity(sev));
    kv_clean(v, "Match", match, match_len);
    json_kv_uint(w, "Line", line);
    json_obj_end(w);
}

static void line_out(vale_sink *v, const char *path, size_t line, size_t col, const char *rule, const char *msg) {
    buf_printf(&v->b, "%s:%zu:%zu:%s:", path, line, col, rule);
    report_cleans(&v->b, msg, REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS);
    buf_putc(&v->b, '\n');
}

static void v_finding(mtl_sink *s, const mtl_finding *f) {
    vale_sink *v = V(s);
    if (!v->json) {
        line_out(v, v->path, f->line, f->column, f->rule, f->message);
        return;
    }
    size_t last = f->end_line == f->line && f->end_column > f->column ? f->end_column - 1 : f->column;
    alert(v, f->rule, f->severity, f->message, f->match, f->match_len, f->line, f->column, last,
          f->suggestions, f->nsuggestions);
    if (v->b.len > 65536) report_flush(s, &v->b);
}

static void v_file_error(mtl_sink *s, const char *path, const char *message) {
    vale_sink *v = V(s);
    v_begin(s, path);
    if (v->json) {
        alert(v, "mtlint.input", MTL_ERROR, message, "", 0, 1, 1, 1, NULL, 0);
        json_newline(&v->w);
        json_arr_end(&v->w);
    } else {
        line_out(v, path, 1, 1, "mtlint.input", message);
    }
    v->open = false;
    report_flush(s, &v->b);
}

static void v_end_file(mtl_sink *s) {
    vale_sink *v = V(s);
    if (v->json && v->open) {
        json_newline(&v->w);
        json_arr_end(&v->w);
    }
    v->open = false;
    report_flush(s, &v->b);
}

static void v_end_run(mtl_sink *s, const mtl_summary *sum) {
    vale_sink *v = V(s);
    (void)sum;
    if (v->json) {
        if (v->any) json_newline(&v->w);
        json_obj_end(&v->w);
        buf_putc(&v->b, '\n');
    }
    report_flush(s, &v->b);
    report_finish(s);
}

static void v_destroy(mtl_sink *s) {
    buf_free(&V(s)->b);
    buf_free(&V(s)->tmp);
    free(s);
}

static mtl_sink *open_vale(const mtl_sink_options *o, bool json) {
    vale_sink *v = xcalloc(1, sizeof *v);
    v->base = (mtl_sink){.begin_file = v_begin, .finding = v_finding, .file_error = v_file_error,
                         .end_file = v_end_file, .end_run = v_end_run, .destroy = v_destroy};
    v->json = json;
    v->rules = o->rules;
    v->nrules = o->nrules;
    json_init(&v->w, &v->b);
    if (json) json_obj_begin(&v->w);
    return &v->base;
}

mtl_sink *report_vale_json_open(FILE *out, const mtl_sink_options *o) {
    (void)out;
    return open_vale(o, true);
}

mtl_sink *report_vale_line_open(FILE *out, const mtl_sink_options *o) {
    (void)out;
    return open_vale(o, false);
}
