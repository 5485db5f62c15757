/* Reporters: the shared field cleaning, one line per finding in every
 * format, and write errors that reach the caller. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "testutil.h"

static const struct {
    const char *in;
    unsigned how;
    const char *out;
} clean_cases[] = {
    {"said the\nmandatary", REPORT_ONE_SPACE, "said the mandatary"},
    {"a \r\n\t b", REPORT_ONE_SPACE, "a b"},
    {"a\xc2\x85" "b\xe2\x80\xa8\xe2\x80\xa9" "c", REPORT_ONE_SPACE, "a b c"},  /* NEL, LS, PS */
    {"no\xc2\xa0" "break", REPORT_ONE_SPACE, "no\xc2\xa0" "break"},            /* kept */
    {"a\nb", 0, "a\nb"},
    {"\x1b[31mred", REPORT_ESCAPE_CONTROLS, "\\x1b[31mred"},
    {"tab\tkept\x7f", REPORT_ESCAPE_CONTROLS, "tab\tkept\\x7f"},
    {"C1 \xc2\x9b" "2J", REPORT_ESCAPE_CONTROLS, "C1 \\x9b2J"},
    {"bell\x07 \n end", REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS, "bell\\x07 end"},
    {"caf\xe9", 0, "caf\xef\xbf\xbd"},                                       /* ill-formed */
    {"caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d", REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS,
     "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d"},
};

START_TEST(clean_fields) {
    buf b = {0};
    for (size_t i = 0; i < sizeof clean_cases / sizeof clean_cases[0]; i++) {
        buf_clear(&b);
        report_cleans(&b, clean_cases[i].in, clean_cases[i].how);
        ck_assert_msg(strcmp(b.data ? b.data : "", clean_cases[i].out) == 0, "case %zu: got \"%s\"", i,
                      b.data ? b.data : "");
    }
    buf_free(&b);
}
END_TEST

static const mtl_format formats[] = {MTL_FORMAT_TEXT, MTL_FORMAT_JSON, MTL_FORMAT_SARIF, MTL_FORMAT_GITHUB,
                                     MTL_FORMAT_CHECKSTYLE, MTL_FORMAT_HTML};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* One finding whose message and match cross line breaks. */
static void report_one(mtl_sink *s) {
    static const char *const sugg[] = {"the president", NULL};
    mtl_finding f = {.rule = "EsEn.Mandatario", .severity = MTL_WARNING, .category = MTL_CAT_CALQUE,
                     .message = "Write \"the president\" instead of \"the\nmandatary\"", .suggestions = sugg,
                     .nsuggestions = 1, .offset = 15, .length = 13, .match = "the\r\n mandatary", .match_len = 15,
                     .line = 1, .column = 16, .end_line = 2, .end_column = 11};
    mtl_summary sum = {.files = 1, .count = {0, 1, 0}};
    s->begin_file(s, "a.txt");
    s->finding(s, &f);
    s->end_file(s);
    s->end_run(s, &sum);
}

START_TEST(one_line_per_finding_in_every_format) {
    for (size_t i = 0; i < NFORMATS; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        mtl_sink_options o = {0};
        mtl_sink *s = mtl_sink_open(formats[i], out, &o);
        report_one(s);
        ck_assert_int_eq(mtl_sink_close(s), 0);
        fclose(out);
        ck_assert_msg(strstr(text, "of \"the mandatary\"") || strstr(text, "of \\\"the mandatary\\\"") ||
                          strstr(text, "of &quot;the mandatary&quot;"),
                      "format %zu: message not on one line:\n%s", i, text);
        ck_assert_msg(!strstr(text, "the\n") && !strstr(text, "the\\n") && !strstr(text, "the&#10;") &&
                          !strstr(text, "the%0A") && !strstr(text, "\\r"),
                      "format %zu: a line break left in:\n%s", i, text);
        free(text);
    }
}
END_TEST

/* A stream whose writes fail with `error`: /dev/full, or a pipe whose
 * reader is gone. */
static FILE *failing_stream(int error) {
    if (error == ENOSPC) return fopen("/dev/full", "w");
    int fd[2];
    ck_assert_int_eq(pipe(fd), 0);
    close(fd[0]);
    return fdopen(fd[1], "w");
}

START_TEST(write_errors_reach_the_caller) {
    signal(SIGPIPE, SIG_IGN); /* as mtlint does */
    static const int errors[] = {ENOSPC, EPIPE};
    for (size_t e = 0; e < sizeof errors / sizeof errors[0]; e++) {
        for (size_t i = 0; i < NFORMATS; i++) {
            FILE *out = failing_stream(errors[e]);
            ck_assert_ptr_nonnull(out);
            mtl_sink_options o = {0};
            mtl_sink *s = mtl_sink_open(formats[i], out, &o);
            report_one(s);
            ck_assert_msg(s->failed, "format %zu: the failed write went unnoticed", i);
            int got = mtl_sink_close(s);
            ck_assert_msg(got == errors[e], "format %zu: error %d (%s), expected %s", i, got, strerror(got),
                          strerror(errors[e]));
            fclose(out);
        }
    }
}
END_TEST

/* ---- html: what each finding's marks hold ---- */

/* Spans over one text, by text offset: overlapping, nested, empty, across
 * the headline's end and at both ends of the text. */
static const char html_text[] = "Alpha & <beta>\n\ngamma \"delta\" epsilon";
static const struct {
    size_t start, end;
} html_spans[] = {{0, 5}, {0, 14}, {2, 10}, {8, 8}, {9, 20}, {16, 21}, {22, 29}, {30, 37}, {37, 37}};

/* Appends the text of `html` (entities decoded) to every finding whose
 * mark is open around it; the article's whole text goes to all[]. */
static void read_marks(const char *html, buf *per, size_t nper, buf *all) {
    size_t open[32], depth = 0; /* finding index of each open mark */
    const char *p = strstr(html, "<div class=a>");
    ck_assert_ptr_nonnull(p);
    p += strlen("<div class=a>");
    while (*p && strncmp(p, "</div>", 6) != 0) {
        if (strncmp(p, "<mark", 5) == 0) {
            const char *n = strstr(p, "data-finding=");
            ck_assert_ptr_nonnull(n);
            ck_assert_uint_lt(depth, 32);
            open[depth++] = strtoul(n + 13, NULL, 10);
        } else if (strncmp(p, "</mark>", 7) == 0) {
            ck_assert_uint_gt(depth, 0);
            depth--;
        }
        if (*p == '<') {
            p = strchr(p, '>') + 1;
            continue;
        }
        char c = *p++;
        static const struct { const char *ent; char c; } ents[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}};
        for (size_t k = 0; c == '&' && k < 3; k++)
            if (strncmp(p, ents[k].ent, strlen(ents[k].ent)) == 0) {
                c = ents[k].c;
                p += strlen(ents[k].ent);
            }
        buf_putc(all, c);
        for (size_t k = 0; k < depth; k++)
            if (open[k] < nper) buf_putc(&per[open[k]], c);
    }
}

START_TEST(html_marks_hold_their_spans) {
    enum { N = sizeof html_spans / sizeof html_spans[0] };
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    mtl_sink_options o = {0};
    mtl_sink *s = mtl_sink_open(MTL_FORMAT_HTML, f, &o);
    mtl_file_info info = {.text = html_text, .len = strlen(html_text), .headline_start = 0, .headline_end = 14};
    s->begin_file(s, "a.txt");
    s->file_info(s, &info);
    for (size_t i = 0; i < N; i++) {
        mtl_finding fd = {.rule = "T.R", .message = "m", .match = html_text + html_spans[i].start,
                          .match_len = html_spans[i].end - html_spans[i].start,
                          .text_offset = html_spans[i].start,
                          .text_length = html_spans[i].end - html_spans[i].start, .line = 1, .column = 1};
        s->finding(s, &fd);
    }
    s->end_file(s);
    mtl_summary sum = {.files = 1};
    s->end_run(s, &sum);
    ck_assert_int_eq(mtl_sink_close(s), 0);
    fclose(f);
    buf per[N] = {{0}}, all = {0};
    read_marks(out, per, N, &all);
    ck_assert_str_eq(all.data, html_text);
    for (size_t i = 0; i < N; i++) {
        size_t n = html_spans[i].end - html_spans[i].start;
        const char *got = per[i].data ? per[i].data : "";
        ck_assert_msg(per[i].len == n && memcmp(got, html_text + html_spans[i].start, n) == 0,
                      "finding %zu: marks hold \"%s\"", i, got);
        char want[32];
        snprintf(want, sizeof want, "data-finding=%zu ", i);
        ck_assert_msg(strstr(out, want), "finding %zu has no mark", i);
        buf_free(&per[i]);
    }
    buf_free(&all);
    free(out);
}
END_TEST

/* ---- html: what the page shows of a text ---- */

/* Three paragraphs of two sentences each, a headline first. */
static const char excerpt_text[] = "Port reopens\n\nShips came back on Monday. The port was busy.\n\n"
                                   "Dockers cheered the first ship. Teh crane was new.\n\n"
                                   "Trade fell last year. It may rise again.\n";

/* The page of excerpt_text with `nfindings` findings (on "Teh"), with or
 * without --html-full-text; a second file without findings follows. */
static char *excerpt_page(size_t nfindings, bool full) {
    const char *t = excerpt_text;
    /* the paragraphs, then the sentences: first and last words */
    static const char *const edges[][2] = {
        {"Port reopens", "reopens"}, {"Ships came", "busy."}, {"Dockers", "new."}, {"Trade fell", "again."},
        {"Port reopens", "reopens"}, {"Ships came", "Monday."}, {"The port", "busy."}, {"Dockers", "ship."},
        {"Teh crane", "new."}, {"Trade fell", "year."}, {"It may", "again."}};
    mtl_text_span blocks[4 + 7];
    for (size_t i = 0; i < 4 + 7; i++) {
        blocks[i].start = (size_t)(strstr(t, edges[i][0]) - t);
        blocks[i].end = (size_t)(strstr(t + blocks[i].start, edges[i][1]) - t) + strlen(edges[i][1]);
    }
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    mtl_sink_options o = {.html_full_text = full};
    mtl_sink *s = mtl_sink_open(MTL_FORMAT_HTML, f, &o);
    mtl_file_info info = {.text = t, .len = strlen(t), .headline_start = 0, .headline_end = 12,
                          .blocks = blocks, .nblocks = 4, .sentences = blocks + 4, .nsentences = 7};
    s->begin_file(s, "a.txt");
    s->file_info(s, &info);
    size_t at = (size_t)(strstr(t, "Teh") - t);
    for (size_t i = 0; i < nfindings; i++) {
        mtl_finding fd = {.rule = "T.R", .message = "m", .match = t + at, .match_len = 3, .text_offset = at,
                          .text_length = 3, .line = 5, .column = 33};
        s->finding(s, &fd);
    }
    s->end_file(s);
    mtl_file_info clean = {.text = "Fine.\n", .len = 6};
    s->begin_file(s, "clean.txt");
    s->file_info(s, &clean);
    s->end_file(s);
    mtl_summary sum = {.files = 2};
    s->end_run(s, &sum);
    ck_assert_int_eq(mtl_sink_close(s), 0);
    fclose(f);
    return out;
}

/* By default the page holds the headline and the sentences with findings,
 * notes what it leaves out, and a file without findings is an overview
 * row carrying its data-path; --html-full-text shows every text. */
START_TEST(html_shows_what_has_findings) {
    static const struct {
        const char *name;
        size_t nfindings;
        bool full;
        const char *has[4];
        const char *lacks[4];
    } cases[] = {
        {"default", 1, false,
         {"Port reopens", "Teh</mark>", "\xe2\x8b\xaf 1 paragraph without findings", "<tr data-path=\"clean.txt\""},
         {"Ships came", "Dockers cheered", "Trade fell", "Fine."}},
        {"no findings at all", 0, false,
         {"<tr data-path=\"a.txt\"", "<tr data-path=\"clean.txt\"", "no findings", NULL},
         {"Port reopens", "<section id=s0", "Fine.", NULL}},
        {"full text", 1, true,
         {"Ships came back", "Dockers cheered the first ship. <mark", "It may rise again.", "Fine."},
         {"<tr data-path=", "without findings", NULL, NULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *page = excerpt_page(cases[c].nfindings, cases[c].full);
        for (size_t k = 0; k < 4 && cases[c].has[k]; k++)
            ck_assert_msg(strstr(page, cases[c].has[k]), "%s: no '%s' in the page", cases[c].name, cases[c].has[k]);
        for (size_t k = 0; k < 4 && cases[c].lacks[k]; k++)
            ck_assert_msg(!strstr(page, cases[c].lacks[k]), "%s: '%s' in the page", cases[c].name,
                          cases[c].lacks[k]);
        free(page);
    }
}
END_TEST

static Suite *make_suite(void) {
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, clean_fields);
    tcase_add_test(tc, one_line_per_finding_in_every_format);
    tcase_add_test(tc, write_errors_reach_the_caller);
    tcase_add_test(tc, html_marks_hold_their_spans);
    tcase_add_test(tc, html_shows_what_has_findings);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
