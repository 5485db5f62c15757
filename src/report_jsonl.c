/* report_jsonl.c - JSON Lines (docs/FORMATS.md, "jsonl"): one object per
 * finding per line, carrying its file's path and score, and one line with `error`
 * per file that cannot be checked. No header and no summary: each file's
 * lines are written when it ends, so the output streams, and reports of
 * separate runs (shards of an archive) concatenate into one. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"

typedef struct jsonl_sink {
    mtl_sink base;
    buf b;
    json_w w;
    char *path;        /* of the file being reported */
    mtl_file_score score;
    bool has_score;    /* file_info came for this file */
    buf tmp;           /* a field being cleaned */
} jsonl_sink;

static jsonl_sink *L(mtl_sink *s) { return (jsonl_sink *)s; }

static void l_begin(mtl_sink *s, const char *path) {
    free(L(s)->path);
    L(s)->path = xstrdup(path);
    L(s)->has_score = false;
}

static void l_file_info(mtl_sink *s, const mtl_file_info *info) {
    L(s)->score = info->score;
    L(s)->has_score = true;
}

/* Messages and matches on one line, as in every format. */
/* A fresh writer per line: json_w tracks commas across a document. */
static void line_begin(jsonl_sink *l, const char *path) {
    json_init(&l->w, &l->b);
    json_obj_begin(&l->w);
    report_kv_path(&l->w, "path", path);
}

static void line_end(jsonl_sink *l) {
    json_obj_end(&l->w);
    buf_putc(&l->b, '\n');
}

static void l_finding(mtl_sink *s, const mtl_finding *f) {
    jsonl_sink *l = L(s);
    json_w *w = &l->w;
    line_begin(l, l->path ? l->path : "");
    report_finding_fields(w, &l->tmp, f);
    if (l->has_score) {
        json_key(w, "score");
        report_score_json(w, &l->score);
    }
    line_end(l);
    if (l->b.len > 65536) report_flush(s, &l->b);
}

static void l_file_error(mtl_sink *s, const char *path, const char *message) {
    jsonl_sink *l = L(s);
    line_begin(l, path);
    report_kv_one_line(&l->w, &l->tmp, "error", message, strlen(message));
    line_end(l);
    report_flush(s, &l->b);
}

static void l_end_file(mtl_sink *s) { report_flush(s, &L(s)->b); }

static void l_end_run(mtl_sink *s, const mtl_summary *sum) {
    (void)sum;
    report_flush(s, &L(s)->b);
    report_finish(s);
}

static void l_destroy(mtl_sink *s) {
    buf_free(&L(s)->b);
    buf_free(&L(s)->tmp);
    free(L(s)->path);
    free(s);
}

mtl_sink *report_jsonl_open(FILE *out, const mtl_sink_options *o) {
    (void)o;
    jsonl_sink *l = xcalloc(1, sizeof *l);
    l->base = (mtl_sink){.begin_file = l_begin, .finding = l_finding, .file_error = l_file_error,
                         .end_file = l_end_file, .end_run = l_end_run, .destroy = l_destroy,
                         .file_info = l_file_info, .out = out};
    return &l->base;
}
