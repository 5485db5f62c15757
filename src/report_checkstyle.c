/* report_checkstyle.c - Checkstyle XML, as reviewdog and Jenkins read it. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef struct cs_sink {
    mtl_sink base;
    buf b;
} cs_sink;

/* XML 1.0 attribute text: markup characters escaped; control characters
 * XML forbids, and invalid UTF-8, become U+FFFD. */
static void xml_attr(buf *b, const char *s, unsigned how) {
    buf tmp = {0};
    report_cleans(&tmp, s, how);
    for (const char *p = tmp.data; p && *p; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&apos;"); break;
        case '\n': buf_puts(b, "&#10;"); break;
        case '\r': buf_puts(b, "&#13;"); break;
        case '\t': buf_puts(b, "&#9;"); break;
        default:
            if (c < 0x20) buf_puts(b, "\xef\xbf\xbd");
            else buf_putc(b, (char)c);
        }
    }
    buf_free(&tmp);
}

static void c_begin(mtl_sink *s, const char *path) {
    cs_sink *c = (cs_sink *)s;
    buf_puts(&c->b, "  <file name=\"");
    xml_attr(&c->b, path, 0);
    buf_puts(&c->b, "\">\n");
}

static void c_finding(mtl_sink *s, const mtl_finding *f) {
    cs_sink *c = (cs_sink *)s;
    buf_printf(&c->b, "    <error line=\"%zu\" column=\"%zu\" severity=\"%s\" message=\"", f->line, f->column,
               mtl_severity_name(f->severity));
    xml_attr(&c->b, f->message, REPORT_ONE_SPACE);
    buf_puts(&c->b, "\" source=\"mtlint.");
    xml_attr(&c->b, f->rule, 0);
    buf_puts(&c->b, "\"/>\n");
}

static void c_file_error(mtl_sink *s, const char *path, const char *message) {
    cs_sink *c = (cs_sink *)s;
    c_begin(s, path);
    buf_puts(&c->b, "    <error severity=\"error\" message=\"");
    xml_attr(&c->b, message, REPORT_ONE_SPACE);
    buf_puts(&c->b, "\" source=\"mtlint.input\"/>\n  </file>\n");
    report_flush(s, &c->b);
}

static void c_end_file(mtl_sink *s) {
    cs_sink *c = (cs_sink *)s;
    buf_puts(&c->b, "  </file>\n");
    report_flush(s, &c->b);
}

static void c_end_run(mtl_sink *s, const mtl_summary *sum) {
    (void)sum;
    cs_sink *c = (cs_sink *)s;
    buf_puts(&c->b, "</checkstyle>\n");
    report_flush(s, &c->b);
    report_finish(s);
}

static void c_destroy(mtl_sink *s) {
    buf_free(&((cs_sink *)s)->b);
    free(s);
}

mtl_sink *report_checkstyle_open(FILE *out, const mtl_sink_options *o) {
    (void)o;
    cs_sink *c = xcalloc(1, sizeof *c);
    c->base = (mtl_sink){.begin_file = c_begin, .finding = c_finding, .file_error = c_file_error,
                         .end_file = c_end_file, .end_run = c_end_run, .destroy = c_destroy, .out = out};
    buf_puts(&c->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    return &c->base;
}
