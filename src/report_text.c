/* report_text.c - gcc-style lines: path:line:col: severity: message [Rule]. */
#include <stdlib.h>

#include "report.h"

typedef struct text_sink {
    mtl_sink base;     /* first: the sink is passed as mtl_sink* */
    bool color;
    const char *path;
    buf line;
} text_sink;

static void t_begin(mtl_sink *s, const char *path) { ((text_sink *)s)->path = path; }

static void t_finding(mtl_sink *s, const mtl_finding *f) {
    text_sink *t = (text_sink *)s;
    static const char *const colors[] = {"\033[36m", "\033[33m", "\033[31m"};
    if (t->color) {
        buf_printf(&t->line, "\033[1m%s:%zu:%zu:\033[0m %s%s:\033[0m %s \033[2m[%s]\033[0m\n", t->path, f->line,
                   f->column, colors[f->severity], mtl_severity_name(f->severity), f->message, f->rule);
    } else {
        buf_printf(&t->line, "%s:%zu:%zu: %s: %s [%s]\n", t->path, f->line, f->column,
                   mtl_severity_name(f->severity), f->message, f->rule);
    }
    /* flush per file, not per line: fewer syscalls on large runs */
    if (t->line.len > 65536) report_flush(s, &t->line);
}

/* Unreadable files are reported on stderr; stdout stays parseable. */
static void t_file_error(mtl_sink *s, const char *path, const char *message) {
    (void)s;
    fprintf(stderr, "mtlint: %s: %s\n", path, message);
}

static void t_end_file(mtl_sink *s) { report_flush(s, &((text_sink *)s)->line); }

static void t_end_run(mtl_sink *s, const mtl_summary *sum) {
    (void)sum;
    if (!s->failed && fflush(s->out) != 0) s->failed = true;
}

static void t_destroy(mtl_sink *s) {
    buf_free(&((text_sink *)s)->line);
    free(s);
}

mtl_sink *report_text_open(FILE *out, const mtl_sink_options *o) {
    text_sink *t = xcalloc(1, sizeof *t);
    t->base = (mtl_sink){.begin_file = t_begin, .finding = t_finding, .file_error = t_file_error,
                         .end_file = t_end_file, .end_run = t_end_run, .destroy = t_destroy, .out = out};
    t->color = o->color;
    return &t->base;
}
