/* report_json.c - one JSON document per run (docs/FORMATS.md, "json"). Each
 * file's entry is built in memory and written when the file ends, so a
 * run over thousands of files streams in constant memory. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

typedef struct json_sink {
    mtl_sink base;
    buf b;
    json_w w;
    bool in_findings;
    buf tmp;           /* a field being cleaned */
} json_sink;

static json_sink *J(mtl_sink *s) { return (json_sink *)s; }

static void j_begin(mtl_sink *s, const char *path) {
    json_sink *j = J(s);
    json_newline(&j->w);
    json_obj_begin(&j->w);
    json_kv_str(&j->w, "path", path);
    j->in_findings = false;
}

/* "key": s[0..n) with its whitespace runs made one space, as in every
 * format: a match across a line break reads "the mandatary". */
static void kv_one_line(json_sink *j, const char *key, const char *s, size_t n) {
    buf_clear(&j->tmp);
    report_clean(&j->tmp, s, n, REPORT_ONE_SPACE);
    json_key(&j->w, key);
    json_strn(&j->w, j->tmp.data ? j->tmp.data : "", j->tmp.len);
}

static void open_findings(json_sink *j) {
    if (j->in_findings) return;
    json_key(&j->w, "findings");
    json_arr_begin(&j->w);
    j->in_findings = true;
}

static void j_finding(mtl_sink *s, const mtl_finding *f) {
    json_sink *j = J(s);
    json_w *w = &j->w;
    open_findings(j);
    json_newline(w);
    json_obj_begin(w);
    json_kv_str(w, "rule", f->rule);
    json_kv_str(w, "severity", mtl_severity_name(f->severity));
    json_kv_str(w, "category", mtl_category_name(f->category));
    json_kv_uint(w, "line", f->line);
    json_kv_uint(w, "column", f->column);
    json_kv_uint(w, "end_line", f->end_line);
    json_kv_uint(w, "end_column", f->end_column);
    json_kv_uint(w, "offset", f->offset);
    json_kv_uint(w, "length", f->length);
    kv_one_line(j, "match", f->match, f->match_len);
    kv_one_line(j, "message", f->message, strlen(f->message));
    json_key(w, "suggestions");
    json_arr_begin(w);
    for (size_t i = 0; i < f->nsuggestions; i++) json_str(w, f->suggestions[i]);
    json_arr_end(w);
    json_obj_end(w);
    if (j->b.len > 65536) report_flush(s, &j->b);
}

static void j_file_info(mtl_sink *s, const mtl_file_info *info) {
    json_key(&J(s)->w, "score");
    report_score_json(&J(s)->w, &info->score);
}

static void j_file_error(mtl_sink *s, const char *path, const char *message) {
    json_sink *j = J(s);
    json_newline(&j->w);
    json_obj_begin(&j->w);
    json_kv_str(&j->w, "path", path);
    kv_one_line(j, "error", message, strlen(message));
    json_obj_end(&j->w);
    report_flush(s, &j->b);
}

static void j_end_file(mtl_sink *s) {
    json_sink *j = J(s);
    if (!j->in_findings) {
        open_findings(j);
        json_arr_end(&j->w);
    } else {
        json_newline(&j->w);
        json_arr_end(&j->w);
    }
    json_obj_end(&j->w);
    j->in_findings = false;
    report_flush(s, &j->b);
}

static void j_end_run(mtl_sink *s, const mtl_summary *sum) {
    json_sink *j = J(s);
    json_w *w = &j->w;
    json_newline(w);
    json_arr_end(w);
    json_newline(w);
    json_key(w, "summary");
    report_summary_json(w, sum);
    json_newline(w);
    json_obj_end(w);
    buf_putc(&j->b, '\n');
    report_flush(s, &j->b);
    report_finish(s);
}

static void j_destroy(mtl_sink *s) {
    buf_free(&J(s)->b);
    buf_free(&J(s)->tmp);
    free(s);
}

mtl_sink *report_json_open(FILE *out, const mtl_sink_options *o) {
    (void)o;
    json_sink *j = xcalloc(1, sizeof *j);
    j->base = (mtl_sink){.begin_file = j_begin, .finding = j_finding, .file_error = j_file_error,
                         .end_file = j_end_file, .end_run = j_end_run, .destroy = j_destroy,
                         .file_info = j_file_info, .out = out};
    json_init(&j->w, &j->b);
    json_obj_begin(&j->w);
    json_newline(&j->w);
    json_kv_uint(&j->w, "version", MTL_REPORT_VERSION);
    json_newline(&j->w);
    json_key(&j->w, "tool");
    json_obj_begin(&j->w);
    json_kv_str(&j->w, "name", "mtlint");
    json_kv_str(&j->w, "version", MTL_VERSION);
    json_obj_end(&j->w);
    json_newline(&j->w);
    json_key(&j->w, "files");
    json_arr_begin(&j->w);
    return &j->base;
}

