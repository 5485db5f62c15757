/* HTML markup: prose blocks, the view over tags and character references,
 * findings that span whole references, and malformed input. */
#include "testdoc.h"
#include "testengine.h"
#include "util.h"

static const char *const kind_names[] = {"headline", "heading", "paragraph", "quote", "item"};

/* The blocks of an HTML document as "kind:text|kind:text", with the text
 * read from the view (masks as '#'), trailing space trimmed. */
static char *blocks_of(const char *html) {
    testdoc *t = td_open(html, MTL_MARKUP_HTML);
    buf b = {0};
    for (size_t i = 0; i < t->d.blocks.n; i++) {
        const doc_block *bl = &t->d.blocks.v[i];
        if (i) buf_putc(&b, '|');
        buf_puts(&b, kind_names[bl->kind]);
        buf_putc(&b, ':');
        for (size_t k = bl->start; k < bl->end; k++) buf_putc(&b, t->d.view[k] == DOC_MASK ? '#' : t->d.view[k]);
    }
    td_close(t);
    return b.data ? buf_steal(&b) : xstrdup("");
}

static const struct {
    const char *html, *blocks;
} block_cases[] = {
    /* title and the first h1 are headlines; later h1s are headings */
    {"<title>Peru Talks</title><h1>Peru Talks Go On</h1><h1>Other</h1><h2>Sub</h2>",
     "headline:Peru Talks|headline:Peru Talks Go On|heading:Other|heading:Sub"},
    /* inline elements stay in the block: spaces next to white space,
     * masks when glued between characters */
    {"<p>He <em>said</em>, then <a href=\"x\">left</a> it.</p>", "paragraph:He     said#####, then             left     it."},
    /* before closing punctuation a gap stays a mask: no space before the comma */
    {"<p>Use the <code>x</code>, then <b>go</b>.</p>", "paragraph:Use the ##############, then    go####."},
    /* line breaks, tabs and <br> read as spaces */
    {"<p>one\n\ttwo<br>three</p>", "paragraph:one  two    three"},
    /* paragraphs inside quotes and list items keep the outer kind */
    {"<blockquote><p>A.</p><p>B.</p></blockquote><ul><li><p>C.</p></li><li>D <ul><li>E</li></ul></li></ul>",
     "quote:A.|quote:B.|item:C.|item:D|item:E"},
    {"<figure><figcaption>Cap.</figcaption></figure><table><tr><td>Cell.</td></tr></table>",
     "paragraph:Cap.|paragraph:Cell."},
    /* not prose: script, style, code, pre, nav, attributes */
    {"<nav><p>Menu the the</p></nav><pre>x the the</pre><p>Run <code>the the</code> now<script>the "
     "the</script>.</p><style>p{}</style><p><img alt=\"the the\" title=\"the the\">Ok.</p>",
     "paragraph:Run                      now########################.|paragraph:Ok."},
    /* text directly in a div is a paragraph; a block element ends it */
    {"<div>Loose text<div>inner</div>tail</div>", "paragraph:Loose text|paragraph:inner|paragraph:tail"},
    /* references: decoded toward their word, the rest masked; white
     * space references are spaces */
    {"<p>&ldquo;Yes,&rdquo; said AT&amp;T&nbsp;Inc. caf&eacute;</p>",
     "paragraph:“Yes,”     said AT&####T      Inc. café"},
    /* not a reference: a bare ampersand, an unknown name */
    {"<p>Q & A &zzz; x</p>", "paragraph:Q & A &zzz; x"},
    /* bare URLs are not prose */
    {"<p>See https://example.org/a now.</p>", "paragraph:See                       now."},
    /* malformed: unclosed tags, a stray end tag, an unclosed comment */
    {"<p>One<p>Two</span> three</p></p><li>Four<!-- x", "paragraph:One|paragraph:Two        three|item:Four"},
    /* a mask at a block's first byte (an address there) is read against
     * the block's edge, not the byte before it: the fuzzers found the
     * read before the view at offset 0 (tests/fuzz/reproducers/segment) */
    {"a@b.org(x)", "paragraph:       (x)"},
    {"e.........@8030.", "paragraph:###############."},
    {"", ""},
};

START_TEST(html_blocks) {
    char *got = blocks_of(block_cases[_i].html);
    ck_assert_msg(strcmp(got, block_cases[_i].blocks) == 0, "case %d:\n%s\nwant %s\ngot  %s", _i,
                  block_cases[_i].html, block_cases[_i].blocks, got);
    free(got);
}
END_TEST

/* Findings through the whole engine: a finding reaching into a reference
 * takes all of its bytes. */
static const struct {
    const char *html, *rule, *match;
} finding_cases[] = {
    {"<p>&ldquo;We will act , &rdquo; he said.</p>", "Quotes.Spacing", " &rdquo;"},
    {"<p>The talks went on&nbsp;, he said.</p>", "MT.SpaceBeforePunctuation", "&nbsp;,"},
    {"<p>He approved <strong>the</strong> the plan.</p>", "MT.DoubledWord", "the</strong> the"},
    {"<p>Use the <code>make</code>, then go.</p>", "MT.SpaceBeforePunctuation", NULL},
    {"<!-- mtlint-disable MT.DoubledWord --><p>the the</p>", "MT.DoubledWord", NULL},
    {"<p>the the</p><!-- mtlint-disable MT.DoubledWord -->", "MT.DoubledWord", "the the"},
};

START_TEST(html_findings) {
    mtl_engine *e = te_open(NULL);
    te_run(e, "page.html", finding_cases[_i].html);
    const te_hit *h = NULL;
    size_t n = te_count(finding_cases[_i].rule, &h);
    if (!finding_cases[_i].match) {
        ck_assert_msg(n == 0, "case %d: %zu findings, want none", _i, n);
    } else {
        ck_assert_msg(n == 1, "case %d: %zu findings of %s", _i, n, finding_cases[_i].rule);
        ck_assert_str_eq(h->match, finding_cases[_i].match);
        ck_assert_uint_eq(h->offset, (size_t)(strstr(finding_cases[_i].html, h->match) - finding_cases[_i].html));
    }
    mtl_engine_close(e);
}
END_TEST

/* Ten thousand nested divs: parsed, walked without recursion, and the
 * text at the bottom is a block at its own offset. */
START_TEST(html_deep_nesting) {
    enum { DEPTH = 10000 };
    buf b = {0};
    for (int i = 0; i < DEPTH; i++) buf_puts(&b, "<div>");
    size_t at = b.len;
    buf_puts(&b, "Deep the the text.");
    for (int i = 0; i < DEPTH / 2; i++) buf_puts(&b, "</div>");
    mtl_engine *e = te_open(NULL);
    te_run_n(e, "deep.html", b.data, b.len);
    const te_hit *h = NULL;
    ck_assert_uint_eq(te_count("MT.DoubledWord", &h), 1);
    ck_assert_uint_eq(h->offset, at + 5);
    mtl_engine_close(e);
    buf_free(&b);
}
END_TEST

static Suite *markup_html_suite(void) {
    Suite *s = suite_create("markup_html");
    TCase *tc = tcase_create("html");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, html_blocks, 0, (int)(sizeof block_cases / sizeof block_cases[0]));
    tcase_add_loop_test(tc, html_findings, 0, (int)(sizeof finding_cases / sizeof finding_cases[0]));
    tcase_add_test(tc, html_deep_nesting);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(markup_html_suite)
