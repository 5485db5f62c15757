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
    report_kv_path(&j->w, "path", path);
    j->in_findings = false;
}

/* "key": s[0..n) with its whitespace runs made one space, as in every
 * format: a match across a line break reads "the mandatary". */
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
    report_finding_fields(w, &j->tmp, f);
    json_obj_end(w);
    if (j->b.len > 65536) report_flush(s, &j->b);
}

/* The source a file was checked against (docs/FORMATS.md, "json"). */
static void j_file_source(mtl_sink *s, const char *source_path, const char *lang, bool detected) {
    json_sink *j = J(s);
    json_key(&j->w, "source");
    json_obj_begin(&j->w);
    report_kv_path(&j->w, "path", source_path);
    json_kv_str(&j->w, "language", lang);
    json_key(&j->w, "detected");
    json_bool(&j->w, detected);
    json_obj_end(&j->w);
}

static void j_file_info(mtl_sink *s, const mtl_file_info *info) {
    json_key(&J(s)->w, "score");
    report_score_json(&J(s)->w, &info->score);
}

static void j_file_error(mtl_sink *s, const char *path, const char *message) {
    json_sink *j = J(s);
    json_newline(&j->w);
    json_obj_begin(&j->w);
    report_kv_path(&j->w, "path", path);
    report_kv_one_line(&j->w, &j->tmp, "error", message, strlen(message));
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
                         .file_info = j_file_info, .file_source = j_file_source, .out = out};
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

