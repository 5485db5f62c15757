/* test_quotes.c - the quote parser over a table of one-line cases: each
 * case gives its input and the rules and columns it must report, in
 * order. Blank lines separate paragraphs; the parser needs no
 * segmentation, so the document is built here by hand. */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"
#include "testutil.h"
#include "util.h"

/* Paragraphs split at blank lines; single newlines are soft breaks, which
 * the view shows as spaces (as markup does). */
static doc *make_doc(const char *text) {
    doc *d = xcalloc(1, sizeof *d);
    d->name = "test";
    d->text = text;
    d->len = strlen(text);
    char *view = xstrdup(text);
    for (char *p = view; *p; p++)
        if (*p == '\n') *p = ' ';
    d->view = view;
    d->headline = -1;
    size_t i = 0;
    while (i < d->len) {
        while (i < d->len && text[i] == '\n') i++;
        if (i >= d->len) break;
        const char *end = strstr(text + i, "\n\n");
        size_t e = end ? (size_t)(end - text) : d->len;
        while (e > i && text[e - 1] == '\n') e--;
        doc_block b = {.start = i, .end = e, .kind = BLOCK_PARAGRAPH};
        VEC_PUSH(d->blocks, b);
        i = e;
    }
    return d;
}

static void free_doc(doc *d) {
    free((char *)d->view);
    VEC_FREE(d->blocks);
    VEC_FREE(d->quotes);
    free(d);
}

/* "Direction@12" on line 1, "Unbalanced@3:1" on later lines; the rule id
 * without its "Quotes." prefix. */
static void describe(const doc *d, const quote_issue *is, size_t n, char *out, size_t outlen) {
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t line = 1, ls = 0;
        for (size_t j = 0; j < is[k].start; j++)
            if (d->text[j] == '\n') {
                line++;
                ls = j + 1;
            }
        size_t col = u8_count(d->text + ls, is[k].start - ls) + 1;
        const char *id = quotes_rule_id(is[k].kind) + strlen("Quotes.");
        int w = line == 1 ? snprintf(out + len, outlen - len, "%s%s@%zu", k ? " " : "", id, col)
                          : snprintf(out + len, outlen - len, "%s%s@%zu:%zu", k ? " " : "", id,
                                     line, col);
        if (w < 0 || (size_t)w >= outlen - len) return;
        len += (size_t)w;
    }
}

typedef struct qcase {
    const char *in;
    const char *want;
} qcase;

static const qcase cases[] = {
    /* apostrophes are never quotation marks */
    {"I don’t know what he wants.", ""},
    {"Peru’s president spoke on Monday.", ""},
    {"Sales peaked in the ’90s and fell in ’05.", ""},
    {"They played rock ’n’ roll all night.", ""},
    {"’Tis the season, the mayor said.", ""},
    {"The presidents’ meeting ended early.", ""},
    {"The boss said the workers’ union would strike.", ""},
    {"I don't know. Peru's team won in the '90s.", ""},
    {"They played rock 'n' roll. 'Tis true. The presidents' plan failed.", ""},
    {"“We don’t know what Peru’s plan is,” she said.", ""},
    {"“The presidents’ meeting ended,” she said.", ""},
    {"‘The presidents’ plan failed,’ he said.", ""},
    {"He said ‘the ’90s were good’ for rock ’n’ roll.", ""},
    {"\"Rock 'n' roll,\" he said, \"is the '60s.\"", ""},
    {"He cited the residents’ and the workers’ complaints.", ""},
    /* apostrophes typed as opening marks */
    {"Peru‘s president spoke.", "Direction@5"},
    {"They played rock ‘n’ roll.", "Direction@18"},
    {"Sales peaked in the ‘90s.", "Direction@21"},
    /* direction */
    {"“We will build it first, “said the mayor.", "Direction@25"},
    {"“We will build it first,“said the mayor.", "Direction@25"},
    {"He said “yes“ and left.", "Direction@13"},
    {"He said ”yes” and left.", "Direction@9"},
    {"He said ‘yes‘ and left.", "Direction@13"},
    {"He said ’yes’ and left.", "Direction@9"},
    {"“We will win. “ Then he left.", "Direction@14"},
    /* spacing */
    {"“ We can wait,” he said.", "Spacing@1"},
    {"They want “a review of the budget. ”", "Spacing@35"},
    {"He said“We will win.”", "Spacing@8"},
    {"“We will win,”he said.", "Spacing@14"},
    {"“We will win, ”said the man.", "Spacing@14"},
    {"\" We will win,\" he said.", "Spacing@1"},
    {"\"We will win ,\"he said.", "Spacing@15"},
    {"He said \"We will win, \"and left.", "Spacing@22"},
    /* unbalanced */
    {"“We will win, he said.", "Unbalanced@1"},
    {"He said we will win.” Then he left.", "Unbalanced@21"},
    {"He said \"we will win.", "Unbalanced@9"},
    {"He called it ‘a disgrace.", "Unbalanced@14"},
    {"He bought a 6\" pipe and a 2' plank.", ""},
    {"“He said ‘go home.” Then he left.", "Unbalanced@10"},
    /* the news convention: a quotation continued into the next paragraph */
    {"“We will win.\n\n“We will not stop,” he said.", ""},
    {"\"We will win.\n\n\"We will not stop,\" he said.", ""},
    {"“We will win.\n\n“We will fight.\n\n“We will not stop,” he said.", ""},
    {"“We will win.\n\nHe said it twice.", "Unbalanced@1"},
    {"“We will win.\n\nHe said it twice.\n\n“Again,” he said.", "Unbalanced@1"},
    /* left open, and a new quotation in a later paragraph */
    {"“We will win.\n\nHe left. “We will not stop,” he said.", "Unbalanced@1"},
    /* closed in a later paragraph that did not reopen it */
    {"“We will win.\n\nWe will not stop,” he said.", "Unbalanced@3:18"},
    {"“We will win.\n\nWe will fight.\n\nWe will not stop,” he said.",
     "Unbalanced@1 Unbalanced@5:18"},
    {"“We will win.”\n\nHe left.”", "Unbalanced@3:9"},
    /* a soft line break is a space */
    {"He said\n“we will win.”", "Punctuation@2:13"},
    /* mixed straight and curly double quotes */
    {"“We win,” he said. \"We lose,\" she said.", "Mixed@20"},
    {"“We win,” he said. “We lose,” she said, \"yes.\"", "Mixed@41"},
    {"\"We win,\" he said. \"We lose,\" she said, “yes.”", "Mixed@41"},
    /* nesting */
    {"“He called it “a disgrace” today,” she said.", "Nesting@15"},
    {"“He called it ‘a disgrace’ today,” she said.", ""},
    {"‘He called it ‘a disgrace’ today,’ she said.", "Nesting@15"},
    /* foreign conventions */
    {"He said «we will win» today.", "Foreign@9 Foreign@21"},
    {"He said « we will win » today.", "Foreign@9 Foreign@22"},
    {"He said „we will win“ today.", "Foreign@9 Foreign@21"},
    {"He said ‹no› today.", "Foreign@9 Foreign@12"},
    {"— We will win, said the president.", "Foreign@1"},
    {"—We will win —said the president—.", "Foreign@1"},
    {"He left—for good.", ""},
    /* US punctuation */
    {"He called it a “disgrace”.", "Punctuation@25"},
    {"“It is over”, he said.", "Punctuation@12"},
    {"He called it a \"disgrace\".", "Punctuation@25"},
    {"He called it a “disgrace.”", "Punctuation@25"},
    {"He said, “it is over.” She said: “we won,” and left.", ""},
    {"The “Belt and Road.” The “Made in China 2025,” they said.", "Punctuation@19 Punctuation@45"},
    {"He said “We will win.” He said “We will win today for all.”", ""},
    {"He said “wait...” and “stop.”)", ""},
    /* a line break next to a mark is no space typed inside the quotation */
    {"He said: “we won.\n” She left.", ""},
    {"He said: “\nwe won.” She left.", ""},
    {"He said: “ we won.”\nShe left.", "Spacing@10"},
    {"Did he call it a “disgrace”?", ""},
    {"He said “wait”... and left.", ""},
    {"He called it a ‘disgrace’.", "Punctuation@25"},
    /* nothing to say */
    {"No quotes at all here.", ""},
    {"“", "Unbalanced@1"},
    {"”", "Unbalanced@1"},
    {"'", ""},
    {"\"\"", ""},
    {"(“We win”) and [“we lose”].", ""},
    {"He said: “We will win.”", ""},
    {"The “Alliance of the Pacific” met.", ""},
};

START_TEST(test_case) {
    const qcase *c = &cases[_i];
    doc *d = make_doc(c->in);
    quote_parser *qp = quotes_open();
    quotes_parse(qp, d);
    size_t n;
    const quote_issue *is = quotes_issues(qp, &n);
    char got[512];
    describe(d, is, n, got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: %s\n  want [%s]\n  got  [%s]", _i, c->in,
                  c->want, got);
    quotes_close(qp);
    free_doc(d);
}
END_TEST

/* Both styles are recorded, each with the other's text as its fix; the
 * check decides which is wanted. */
START_TEST(test_both_styles) {
    doc *d = make_doc("He called it a “disgrace”. She said “no,” and left.");
    quote_parser *qp = quotes_open();
    quotes_parse(qp, d);
    size_t n;
    const quote_issue *is = quotes_issues(qp, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(is[0].kind, QUOTE_PUNCT_OUTSIDE);
    ck_assert_str_eq(is[0].fix, ".”");
    ck_assert_int_eq(is[1].kind, QUOTE_PUNCT_INSIDE);
    ck_assert_str_eq(is[1].fix, "”,");
    quotes_close(qp);
    free_doc(d);
}
END_TEST

/* Applying every fix (from the last) gives the corrected text. */
START_TEST(test_fixes) {
    static const struct {
        const char *in, *fixed;
    } fx[] = {
        {"“We will build it first, “said the mayor.", "“We will build it first,” said the mayor."},
        {"They want “a review of the budget. ”", "They want “a review of the budget.”"},
        {"“ We can wait,” he said.", "“We can wait,” he said."},
        {"He said“We will win.”", "He said “We will win.”"},
        {"“We will win,”he said.", "“We will win,” he said."},
        {"He said « we will win » today.", "He said “we will win” today."},
        {"He called it a “disgrace”.", "He called it a “disgrace.”"},
        {"Peru‘s president spoke.", "Peru’s president spoke."},
        {"He said ”yes” and left.", "He said “yes” and left."},
    };
    for (size_t k = 0; k < sizeof fx / sizeof fx[0]; k++) {
        doc *d = make_doc(fx[k].in);
        quote_parser *qp = quotes_open();
        quotes_parse(qp, d);
        size_t n;
        const quote_issue *is = quotes_issues(qp, &n);
        ck_assert_msg(n >= 1, "%s: no issue", fx[k].in);
        char *t = xstrdup(d->text);
        for (size_t j = n; j-- > 0;) {
            ck_assert(is[j].has_fix);
            buf b = {0};
            buf_append(&b, t, is[j].start);
            buf_puts(&b, is[j].fix);
            buf_puts(&b, t + is[j].end);
            free(t);
            t = buf_steal(&b);
        }
        ck_assert_str_eq(t, fx[k].fixed);
        free(t);
        quotes_close(qp);
        free_doc(d);
    }
}
END_TEST

START_TEST(test_spans) {
    /* two quotations in the first paragraph (one nested), one continued
     * into the second paragraph and closed there */
    const char *t = "“A ‘b’ c,” he said. “D.\n\n“E,” she said.";
    doc *d = make_doc(t);
    quotes_find_spans(d);
    ck_assert_uint_eq(d->quotes.n, 4);
    const char *want[] = {"“A ‘b’ c,”", "‘b’", "“D.", "“E,”"};
    for (size_t k = 0; k < 4; k++) {
        size_t s = d->quotes.v[k].start, e = d->quotes.v[k].end;
        ck_assert_uint_eq(e - s, strlen(want[k]));
        ck_assert(memcmp(t + s, want[k], e - s) == 0);
    }
    /* a second run replaces the spans */
    quotes_find_spans(d);
    ck_assert_uint_eq(d->quotes.n, 4);
    free_doc(d);
}
END_TEST

START_TEST(test_masked) {
    /* a masked URL inside quotes: no spacing complaint next to the mask */
    const char *t = "He cited “http://x.y/z” today.";
    doc *d = make_doc(t);
    char *v = (char *)d->view;
    const char *u = strstr(t, "http");
    memset(v + (u - t), DOC_MASK, strlen("http://x.y/z"));
    quote_parser *qp = quotes_open();
    quotes_parse(qp, d);
    size_t n;
    quotes_issues(qp, &n);
    ck_assert_uint_eq(n, 0);
    quotes_close(qp);
    free_doc(d);
}
END_TEST

static Suite *quotes_suite(void) {
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("parser");
    tcase_add_loop_test(tc, test_case, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_both_styles);
    tcase_add_test(tc, test_fixes);
    tcase_add_test(tc, test_spans);
    tcase_add_test(tc, test_masked);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(quotes_suite)
