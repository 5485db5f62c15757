/* report_github.c - GitHub Actions workflow commands:
 *   ::warning file=P,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
 * Property values escape % CR LF : and ,; the message escapes % CR LF. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef struct gh_sink {
    mtl_sink base;
    const char *path;
    buf b;
} gh_sink;

/* A property keeps its characters (a path is a path); a message is one
 * line of text, its whitespace runs made one space. */
static void escape(buf *b, const char *s, bool property) {
    buf tmp = {0};
    report_cleans(&tmp, s, property ? 0 : REPORT_ONE_SPACE);
    for (const char *p = tmp.data; p && *p; p++) {
        switch (*p) {
        case '%': buf_puts(b, "%25"); break;
        case '\r': buf_puts(b, "%0D"); break;
        case '\n': buf_puts(b, "%0A"); break;
        case ':': buf_puts(b, property ? "%3A" : ":"); break;
        case ',': buf_puts(b, property ? "%2C" : ","); break;
        default: buf_putc(b, *p);
        }
    }
    buf_free(&tmp);
}

static void g_begin(mtl_sink *s, const char *path) { ((gh_sink *)s)->path = path; }

static void g_finding(mtl_sink *s, const mtl_finding *f) {
    gh_sink *g = (gh_sink *)s;
    static const char *const cmd[] = {"notice", "warning", "error"};
    buf_printf(&g->b, "::%s file=", cmd[f->severity]);
    escape(&g->b, g->path, true);
    buf_printf(&g->b, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=", f->line, f->column, f->end_line,
               f->end_column);
    escape(&g->b, f->rule, true);
    buf_puts(&g->b, "::");
    escape(&g->b, f->message, false);
    buf_putc(&g->b, '\n');
}

static void g_file_error(mtl_sink *s, const char *path, const char *message) {
    gh_sink *g = (gh_sink *)s;
    buf_puts(&g->b, "::error file=");
    escape(&g->b, path, true);
    buf_puts(&g->b, ",title=mtlint::");
    escape(&g->b, message, false);
    buf_putc(&g->b, '\n');
    report_flush(s, &g->b);
}

static void g_end_file(mtl_sink *s) { report_flush(s, &((gh_sink *)s)->b); }

static void g_end_run(mtl_sink *s, const mtl_summary *sum) {
    (void)sum;
    report_finish(s);
}

static void g_destroy(mtl_sink *s) {
    buf_free(&((gh_sink *)s)->b);
    free(s);
}

mtl_sink *report_github_open(FILE *out, const mtl_sink_options *o) {
    (void)o;
    gh_sink *g = xcalloc(1, sizeof *g);
    g->base = (mtl_sink){.begin_file = g_begin, .finding = g_finding, .file_error = g_file_error,
                         .end_file = g_end_file, .end_run = g_end_run, .destroy = g_destroy, .out = out};
    return &g->base;
}
