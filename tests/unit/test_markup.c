/* Markup: prose blocks of plain text and Markdown, with their offsets. */
#include "testdoc.h"

START_TEST(plain_headline_and_paragraphs) {
    testdoc *t = td_open("Peru Seeks Closer Ties\n\nThe president said\nthat talks go on.\n\nA second one.\n",
                         MTL_MARKUP_TEXT);
    ck_assert_uint_eq(t->d.blocks.n, 3);
    ck_assert_int_eq(t->d.headline, 0);
    ck_assert_int_eq(t->d.blocks.v[0].kind, BLOCK_HEADLINE);
    ck_assert_str_eq(TD_BLOCK(t, 0), "Peru Seeks Closer Ties");
    ck_assert_str_eq(TD_BLOCK(t, 1), "The president said\nthat talks go on.");
    ck_assert_int_eq(t->d.blocks.v[1].kind, BLOCK_PARAGRAPH);
    /* a soft line break reads as a space in the view */
    ck_assert_int_eq(t->d.view[t->d.blocks.v[1].start + 18], ' ');
    ck_assert_str_eq(TD_BLOCK(t, 2), "A second one.");
    td_close(t);
}
END_TEST

START_TEST(plain_first_paragraph_with_period_is_not_a_headline) {
    testdoc *t = td_open("The talks went on.\n\nMore text.\n", MTL_MARKUP_TEXT);
    ck_assert_int_eq(t->d.headline, -1);
    ck_assert_int_eq(t->d.blocks.v[0].kind, BLOCK_PARAGRAPH);
    td_close(t);
    /* nor is a lone paragraph, nor a long first one */
    t = td_open("Just one line without a period", MTL_MARKUP_TEXT);
    ck_assert_int_eq(t->d.headline, -1);
    td_close(t);
}
END_TEST

START_TEST(plain_urls_and_emails_are_masked) {
    testdoc *t = td_open("See https://example.com/a,b. Mail ed@news.example.org today.", MTL_MARKUP_TEXT);
    const char *v = t->d.view;
    ck_assert_int_eq(v[4], DOC_MASK);
    ck_assert_int_eq(v[4 + strlen("https://example.com/a,b") - 1], DOC_MASK);
    ck_assert_int_eq(v[4 + strlen("https://example.com/a,b")], '.'); /* sentence period stays */
    const char *at = strstr(t->d.text, "ed@");
    ck_assert_int_eq(v[at - t->d.text], DOC_MASK);
    ck_assert_int_eq(v[at - t->d.text - 1], ' ');
    td_close(t);
}
END_TEST

START_TEST(markdown_headings_atx_and_setext) {
    testdoc *t = td_open("# Main Title #\n\nIntro text.\n\n## Sub heading\n\nSetext Two\n----------\n\nBody.\n",
                         MTL_MARKUP_MARKDOWN);
    ck_assert_uint_eq(t->d.blocks.n, 5);
    ck_assert_int_eq(t->d.headline, 0);
    ck_assert_str_eq(TD_BLOCK(t, 0), "Main Title");
    ck_assert_int_eq(t->d.blocks.v[0].kind, BLOCK_HEADLINE);
    ck_assert_str_eq(TD_BLOCK(t, 2), "Sub heading");
    ck_assert_int_eq(t->d.blocks.v[2].kind, BLOCK_HEADING);
    ck_assert_int_eq(t->d.blocks.v[2].level, 2);
    ck_assert_str_eq(TD_BLOCK(t, 3), "Setext Two");
    ck_assert_int_eq(t->d.blocks.v[3].kind, BLOCK_HEADING);
    td_close(t);
}
END_TEST

START_TEST(markdown_code_is_skipped) {
    testdoc *t = td_open("Text one.\n\n```c\nint x = 3,5;\n```\n\n    indented code\n\nUse `the the` here.\n",
                         MTL_MARKUP_MARKDOWN);
    ck_assert_uint_eq(t->d.blocks.n, 2);
    ck_assert_str_eq(TD_BLOCK(t, 0), "Text one.");
    ck_assert_str_eq(TD_BLOCK(t, 1), "Use `the the` here.");
    const char *code = strstr(t->d.text, "`the the`");
    size_t o = (size_t)(code - t->d.text);
    for (size_t i = o; i < o + 9; i++) ck_assert_int_eq(t->d.view[i], DOC_MASK);
    /* nothing inside the fence is prose: the view masks it */
    const char *fenced = strstr(t->d.text, "3,5");
    ck_assert_int_eq(t->d.view[fenced - t->d.text], DOC_MASK);
    td_close(t);
}
END_TEST

START_TEST(markdown_front_matter_title_is_the_headline) {
    testdoc *t = td_open("---\ntitle: \"Summit Opens in Lima\"\nauthor: x\n---\n# Not the headline\n\nBody text.\n",
                         MTL_MARKUP_MARKDOWN);
    ck_assert_int_eq(t->d.headline, 0);
    ck_assert_str_eq(TD_BLOCK(t, 0), "Summit Opens in Lima");
    ck_assert_int_eq(t->d.blocks.v[1].kind, BLOCK_HEADING);
    ck_assert_str_eq(TD_BLOCK(t, 2), "Body text.");
    /* the other front matter lines are not prose */
    ck_assert_int_eq(t->d.view[strstr(t->d.text, "author") - t->d.text], DOC_MASK);
    td_close(t);
}
END_TEST

START_TEST(markdown_links_comments_quotes_lists) {
    testdoc *t = td_open("Read [the report](http://x.org/r?a=1) now.<!-- editor: check this -->\n\n"
                         "> He said it\n> twice.\n\n- first item\n  continues\n- second item\n",
                         MTL_MARKUP_MARKDOWN);
    ck_assert_uint_eq(t->d.blocks.n, 4);
    const char *v = t->d.view;
    const char *target = strstr(t->d.text, "(http");
    ck_assert_int_eq(v[target - t->d.text], DOC_MASK);
    ck_assert_int_eq(v[strstr(t->d.text, "the report") - t->d.text], 't');
    ck_assert_int_eq(v[strstr(t->d.text, "editor") - t->d.text], DOC_MASK);
    ck_assert_int_eq(t->d.blocks.v[1].kind, BLOCK_QUOTE);
    ck_assert_str_eq(TD_BLOCK(t, 1), "He said it\n> twice.");
    ck_assert_int_eq(v[strstr(t->d.text, "> twice") - t->d.text], ' '); /* marker blanked */
    ck_assert_int_eq(t->d.blocks.v[2].kind, BLOCK_LIST_ITEM);
    ck_assert_str_eq(TD_BLOCK(t, 2), "first item\n  continues");
    ck_assert_str_eq(TD_BLOCK(t, 3), "second item");
    td_close(t);
}
END_TEST

START_TEST(markdown_numbered_line_inside_paragraph_is_prose) {
    testdoc *t = td_open("Growth slowed in\n2019. The bank said so.\n", MTL_MARKUP_MARKDOWN);
    ck_assert_uint_eq(t->d.blocks.n, 1);
    td_close(t);
}
END_TEST

/* Nested list items (CommonMark: indented to their parent item's text,
 * not indented code), paragraphs of an item, and code inside one. */
START_TEST(markdown_nested_list_items) {
    static const struct {
        const char *md;
        size_t n;
        const char *blocks[4];
    } cases[] = {
        {"- One.\n  - Two.\n    - Three.\n      - Four.\n", 4, {"One.", "Two.", "Three.", "Four."}},
        {"1. One.\n   1. Two.\n      1. Three.\n", 3, {"One.", "Two.", "Three."}},
        {"* One.\n    * Two.\n        * Three.\n", 3, {"One.", "Two.", "Three."}},
        {"- Item.\n\n  More of the item.\n", 2, {"Item.", "More of the item."}},
        {"- Item.\n\n      code in the item\n", 1, {"Item."}},
        {"- Item.\n\nPara.\n\n    code again\n", 2, {"Item.", "Para."}},
        {"- One.\n  - Two.\n- Back out.\n\nPara.\n\n    code\n", 4, {"One.", "Two.", "Back out.", "Para."}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        testdoc *t = td_open(cases[c].md, MTL_MARKUP_MARKDOWN);
        ck_assert_msg(t->d.blocks.n == cases[c].n, "%zu blocks in: %s", t->d.blocks.n, cases[c].md);
        for (size_t b = 0; b < cases[c].n; b++) ck_assert_str_eq(TD_BLOCK(t, b), cases[c].blocks[b]);
        td_close(t);
    }
}
END_TEST

/* --markup lines: each line a paragraph at its own offsets, CRLF or LF,
 * blank lines skipped; sentences never run on to the next line, and no
 * line is taken for a headline. */
START_TEST(lines_each_line_is_a_paragraph) {
    static const struct {
        const char *text;
        size_t n;
        size_t start[4];
        const char *blocks[4];
    } cases[] = {
        {"Talks resume\nThe minister said \"we\nwill sign\" today.\n", 3, {0, 13, 35},
         {"Talks resume", "The minister said \"we", "will sign\" today."}},
        {"One.\r\nTwo words\r\n\r\n  Three.  \r\n", 3, {0, 6, 21}, {"One.", "Two words", "Three."}},
        {"No line break at the end", 1, {0}, {"No line break at the end"}},
        {"\n\n", 0, {0}, {NULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        testdoc *t = td_open(cases[c].text, MTL_MARKUP_LINES);
        ck_assert_msg(t->d.blocks.n == cases[c].n, "%zu blocks in: %s", t->d.blocks.n, cases[c].text);
        ck_assert_int_eq(t->d.headline, -1);
        for (size_t b = 0; b < cases[c].n; b++) {
            ck_assert_str_eq(TD_BLOCK(t, b), cases[c].blocks[b]);
            ck_assert_uint_eq(t->d.blocks.v[b].start, cases[c].start[b]);
            ck_assert_int_eq(t->d.blocks.v[b].kind, BLOCK_PARAGRAPH);
        }
        /* a line break stays one in the view: nothing joins two lines */
        for (size_t i = 0; i < t->d.len; i++)
            if (t->d.text[i] == '\n') ck_assert_int_eq(t->d.view[i], '\n');
        for (size_t s = 0; s < t->d.sentences.n; s++) {
            const doc_sentence *se = &t->d.sentences.v[s];
            ck_assert_ptr_null(memchr(t->d.text + se->start, '\n', se->end - se->start));
        }
        td_close(t);
    }
}
END_TEST

/* --markup auto reads plain text as lines only when it is one segment per
 * line: no blank line, three lines or more, most (60%) ending a sentence,
 * one longer than a hard wrap leaves. Hard-wrapped prose, paragraphs with
 * blank lines, Markdown and short lists stay as they are. */
START_TEST(lines_auto_detection) {
    static const char seg1[] =
        "The town council approved the budget for next year on Tuesday, after a long debate that ran late into the night.";
    static const char seg2[] = "Opposition members said the plan cut too deeply into the money set aside for schools.";
    static const char seg3[] = "The mayor said the vote showed that the town could agree on hard choices.";
    static const char wrapped[] = "The council approved the budget for next year after a long debate\n"
                                  "that ran late into the night. Opposition members said the plan cut\n"
                                  "too deeply into the money set aside for schools and hospitals. The\n"
                                  "mayor said the vote showed that the town could agree on hard choices.\n";
    char segments[512], with_blank[512], two[512], headline_first[512], crlf[512];
    snprintf(segments, sizeof segments, "%s\n%s\n%s\n", seg1, seg2, seg3);
    snprintf(with_blank, sizeof with_blank, "%s\n\n%s\n%s\n", seg1, seg2, seg3);
    snprintf(two, sizeof two, "%s\n%s\n", seg1, seg2);
    snprintf(headline_first, sizeof headline_first, "Council approves budget\n%s\n%s\n%s\n\n\n", seg1, seg2, seg3);
    snprintf(crlf, sizeof crlf, "%s\r\n%s\r\n%s\r\n", seg1, seg2, seg3);
    static const char short_lines[] = "One.\nTwo.\nThree.\nFour.\n";
    static const struct {
        const char *name;
        const char *text; /* NULL: the buffer below */
        int which;
        const char *file;
        mtl_markup want;
    } cases[] = {
        {"segments", NULL, 0, "a.txt", MTL_MARKUP_LINES},
        {"a headline, then segments, blank lines at the end", NULL, 3, "a.txt", MTL_MARKUP_LINES},
        {"CRLF segments", NULL, 4, "a.txt", MTL_MARKUP_LINES},
        {"a blank line between", NULL, 1, "a.txt", MTL_MARKUP_TEXT},
        {"two lines", NULL, 2, "a.txt", MTL_MARKUP_TEXT},
        {"hard-wrapped prose", wrapped, 0, "a.txt", MTL_MARKUP_TEXT},
        {"short lines only", short_lines, 0, "a.txt", MTL_MARKUP_TEXT},
        {"Markdown", NULL, 0, "a.md", MTL_MARKUP_MARKDOWN},
    };
    const char *bufs[] = {segments, with_blank, two, headline_first, crlf};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const char *text = cases[c].text ? cases[c].text : bufs[cases[c].which];
        mtl_markup got = markup_resolve(cases[c].file, text, strlen(text), MTL_MARKUP_AUTO);
        ck_assert_msg(got == cases[c].want, "%s: read as %d, expected %d", cases[c].name, (int)got, (int)cases[c].want);
    }
    /* asked for, a syntax is what it is */
    ck_assert_int_eq(markup_resolve("a.txt", segments, strlen(segments), MTL_MARKUP_TEXT), MTL_MARKUP_TEXT);
    ck_assert_int_eq(markup_resolve("a.txt", wrapped, strlen(wrapped), MTL_MARKUP_LINES), MTL_MARKUP_LINES);
}
END_TEST

START_TEST(syntax_follows_the_extension) {
    ck_assert_int_eq(markup_for_name("a/b.md", MTL_MARKUP_AUTO), MTL_MARKUP_MARKDOWN);
    ck_assert_int_eq(markup_for_name("b.markdown", MTL_MARKUP_AUTO), MTL_MARKUP_MARKDOWN);
    ck_assert_int_eq(markup_for_name("NOTES.Md", MTL_MARKUP_AUTO), MTL_MARKUP_MARKDOWN); /* as a scan takes it */
    ck_assert_int_eq(markup_for_name("b.txt", MTL_MARKUP_AUTO), MTL_MARKUP_TEXT);
    ck_assert_int_eq(markup_for_name("-", MTL_MARKUP_AUTO), MTL_MARKUP_TEXT);
    ck_assert_int_eq(markup_for_name("b.txt", MTL_MARKUP_MARKDOWN), MTL_MARKUP_MARKDOWN);
}
END_TEST

static Suite *markup_suite(void) {
    Suite *s = suite_create("markup");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_headline_and_paragraphs);
    tcase_add_test(tc, plain_first_paragraph_with_period_is_not_a_headline);
    tcase_add_test(tc, plain_urls_and_emails_are_masked);
    tcase_add_test(tc, markdown_headings_atx_and_setext);
    tcase_add_test(tc, markdown_code_is_skipped);
    tcase_add_test(tc, markdown_front_matter_title_is_the_headline);
    tcase_add_test(tc, markdown_links_comments_quotes_lists);
    tcase_add_test(tc, markdown_nested_list_items);
    tcase_add_test(tc, markdown_numbered_line_inside_paragraph_is_prose);
    tcase_add_test(tc, lines_each_line_is_a_paragraph);
    tcase_add_test(tc, lines_auto_detection);
    tcase_add_test(tc, syntax_follows_the_extension);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(markup_suite)
