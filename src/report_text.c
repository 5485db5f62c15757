/* report_text.c - gcc-style lines: path:line:col: severity: message [Rule].
 * One finding is one line: whitespace runs in the message become one
 * space, and control characters (but tab) in any field are written as
 * \xNN, so that input text can neither break a line nor drive the
 * terminal. */
#include <stdlib.h>

#include "report.h"

typedef struct text_sink {
    mtl_sink base;     /* first: the sink is passed as mtl_sink* */
    bool color;
    bool summary;      /* a score line per file and one for the run */
    const char *path;
    mtl_file_score score;
    buf line;
} text_sink;

static void t_begin(mtl_sink *s, const char *path) { ((text_sink *)s)->path = path; }

static void t_finding(mtl_sink *s, const mtl_finding *f) {
    text_sink *t = (text_sink *)s;
    buf *b = &t->line;
    static const char *const colors[] = {"\033[36m", "\033[33m", "\033[31m"};
    const bool c = t->color;
    if (c) buf_puts(b, "\033[1m");
    report_cleans(b, t->path, REPORT_ESCAPE_CONTROLS);
    buf_printf(b, ":%zu:%zu:%s %s%s:%s ", f->line, f->column, c ? "\033[0m" : "", c ? colors[f->severity] : "",
               mtl_severity_name(f->severity), c ? "\033[0m" : "");
    report_cleans(b, f->message, REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS);
    buf_puts(b, c ? " \033[2m[" : " [");
    report_cleans(b, f->rule, REPORT_ESCAPE_CONTROLS);
    buf_puts(b, c ? "]\033[0m\n" : "]\n");
    /* flush per file, not per line: fewer syscalls on large runs */
    if (b->len > 65536) report_flush(s, b);
}

/* Unreadable files are reported on stderr; stdout stays parseable. */
static void t_file_error(mtl_sink *s, const char *path, const char *message) {
    (void)s;
    buf b = {0};
    buf_puts(&b, "mtlint: ");
    report_cleans(&b, path, REPORT_ESCAPE_CONTROLS);
    buf_puts(&b, ": ");
    report_cleans(&b, message, REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS);
    buf_putc(&b, '\n');
    fputs(b.data, stderr);
    buf_free(&b);
}

static void t_file_info(mtl_sink *s, const mtl_file_info *info) { ((text_sink *)s)->score = info->score; }

/* "3 errors, 1 warning, 2 info", the severities that occur, worst first;
 * "no findings" */
static void counts(buf *b, const size_t count[3]) {
    static const char *const names[] = {"info", "warning", "error"};
    bool any = false;
    for (int k = MTL_ERROR; k >= MTL_INFO; k--) {
        if (!count[k]) continue;
        buf_printf(b, "%s%zu %s%s", any ? ", " : "", count[k], names[k], count[k] == 1 || k == MTL_INFO ? "" : "s");
        any = true;
    }
    if (!any) buf_puts(b, "no findings");
}

/* path: score 97.8 (412 words, 1 error, 3 warnings) */
static void t_end_file(mtl_sink *s) {
    text_sink *t = (text_sink *)s;
    buf *b = &t->line;
    if (t->summary) {
        char v[16];
        mtl_format_tenths(v, sizeof v, t->score.value);
        report_cleans(b, t->path, REPORT_ESCAPE_CONTROLS);
        /* on a terminal the score is green, yellow or red, as in the html badge */
        const char *on = !t->color                 ? ""
                         : t->score.value >= 950 ? "\033[32m"
                         : t->score.value >= 850 ? "\033[33m"
                                                 : "\033[31m";
        if (t->score.scored)
            buf_printf(b, ": score %s%s%s (%zu word%s, ", on, v, t->color ? "\033[0m" : "", t->score.words,
                       t->score.words == 1 ? "" : "s");
        else buf_puts(b, ": no score (0 words, ");
        counts(b, t->score.count);
        buf_puts(b, ")\n");
    }
    report_flush(s, b);
}

/* total: 3 files, 1240 words, mean score 95.1, lowest 88.0 (2 errors, ...) */
static void t_end_run(mtl_sink *s, const mtl_summary *sum) {
    text_sink *t = (text_sink *)s;
    if (t->summary) {
        buf *b = &t->line;
        buf_printf(b, "total: %zu file%s, %zu word%s, ", sum->files, sum->files == 1 ? "" : "s", sum->words,
                   sum->words == 1 ? "" : "s");
        if (sum->scored) {
            char mean[16], low[16];
            mtl_format_tenths(mean, sizeof mean, mtl_summary_mean(sum));
            mtl_format_tenths(low, sizeof low, sum->lowest);
            buf_printf(b, "mean score %s, lowest %s (", mean, low);
        } else {
            buf_puts(b, "no score (");
        }
        counts(b, sum->count);
        buf_puts(b, ")\n");
        report_flush(s, b);
    }
    report_finish(s);
}

static void t_destroy(mtl_sink *s) {
    buf_free(&((text_sink *)s)->line);
    free(s);
}

mtl_sink *report_text_open(FILE *out, const mtl_sink_options *o) {
    text_sink *t = xcalloc(1, sizeof *t);
    t->base = (mtl_sink){.begin_file = t_begin, .finding = t_finding, .file_error = t_file_error,
                         .end_file = t_end_file, .end_run = t_end_run, .destroy = t_destroy,
                         .file_info = t_file_info, .out = out};
    t->color = o->color;
    t->summary = o->summary;
    return &t->base;
}
