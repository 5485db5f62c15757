/* report_json.c - one JSON document per run (FORMATS.md "json"). Each
 * file's entry is built in memory and written when the file ends, so a
 * run over thousands of files streams in constant memory. */
#include <stdlib.h>

#include "json.h"
#include "report.h"

typedef struct json_sink {
    mtl_sink base;
    buf b;
    json_w w;
    bool in_findings;
} json_sink;

static json_sink *J(mtl_sink *s) { return (json_sink *)s; }

static void j_begin(mtl_sink *s, const char *path) {
    json_sink *j = J(s);
    json_newline(&j->w);
    json_obj_begin(&j->w);
    json_key(&j->w, "path");
    json_str(&j->w, path);
    j->in_findings = false;
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
    json_key(w, "rule");
    json_str(w, f->rule);
    json_key(w, "severity");
    json_str(w, mtl_severity_name(f->severity));
    json_key(w, "category");
    json_str(w, mtl_category_name(f->category));
    json_key(w, "line");
    json_uint(w, f->line);
    json_key(w, "column");
    json_uint(w, f->column);
    json_key(w, "end_line");
    json_uint(w, f->end_line);
    json_key(w, "end_column");
    json_uint(w, f->end_column);
    json_key(w, "offset");
    json_uint(w, f->offset);
    json_key(w, "length");
    json_uint(w, f->length);
    json_key(w, "match");
    json_strn(w, f->match, f->length);
    json_key(w, "message");
    json_str(w, f->message);
    json_key(w, "suggestions");
    json_arr_begin(w);
    for (size_t i = 0; i < f->nsuggestions; i++) json_str(w, f->suggestions[i]);
    json_arr_end(w);
    json_obj_end(w);
    if (j->b.len > 65536) report_flush(s, &j->b);
}

static void j_file_error(mtl_sink *s, const char *path, const char *message) {
    json_sink *j = J(s);
    json_newline(&j->w);
    json_obj_begin(&j->w);
    json_key(&j->w, "path");
    json_str(&j->w, path);
    json_key(&j->w, "error");
    json_str(&j->w, message);
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
    json_obj_begin(w);
    json_key(w, "files");
    json_uint(w, sum->files);
    json_key(w, "error");
    json_uint(w, sum->count[MTL_ERROR]);
    json_key(w, "warning");
    json_uint(w, sum->count[MTL_WARNING]);
    json_key(w, "info");
    json_uint(w, sum->count[MTL_INFO]);
    json_obj_end(w);
    json_newline(w);
    json_obj_end(w);
    buf_putc(&j->b, '\n');
    report_flush(s, &j->b);
    if (!s->failed && fflush(s->out) != 0) s->failed = true;
}

static void j_destroy(mtl_sink *s) {
    buf_free(&J(s)->b);
    free(s);
}

mtl_sink *report_json_open(FILE *out, const mtl_sink_options *o) {
    (void)o;
    json_sink *j = xcalloc(1, sizeof *j);
    j->base = (mtl_sink){.begin_file = j_begin, .finding = j_finding, .file_error = j_file_error,
                         .end_file = j_end_file, .end_run = j_end_run, .destroy = j_destroy, .out = out};
    json_init(&j->w, &j->b);
    json_obj_begin(&j->w);
    json_newline(&j->w);
    json_key(&j->w, "version");
    json_uint(&j->w, MTL_REPORT_VERSION);
    json_newline(&j->w);
    json_key(&j->w, "tool");
    json_obj_begin(&j->w);
    json_key(&j->w, "name");
    json_str(&j->w, "mtlint");
    json_key(&j->w, "version");
    json_str(&j->w, MTL_VERSION);
    json_obj_end(&j->w);
    json_newline(&j->w);
    json_key(&j->w, "files");
    json_arr_begin(&j->w);
    return &j->base;
}

