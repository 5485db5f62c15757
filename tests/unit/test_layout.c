/* test_layout.c - Layout.* through the whole engine (markup finds the
 * headline, ICU the sentences and words), over a table of small cases:
 * each gives its input and the Layout findings it must get, as
 * "Rule@line:column" in order. Then the Quotes.* rules end to end: ids,
 * columns, suggestions, switches and the quote style option. */
#include "testengine.h"

typedef struct lcase {
    const char *in;
    const char *want;
} lcase;

/* The findings of rules starting with `prefix`, "Id@line:col" joined by
 * spaces, the "Layout." or "Quotes." prefix dropped. */
static void describe(const char *prefix, char *out, size_t outlen) {
    size_t len = 0, pl = strlen(prefix);
    out[0] = '\0';
    for (size_t i = 0; i < te_n; i++) {
        const te_hit *h = &te_hits[i];
        if (strncmp(h->rule, prefix, pl) != 0) continue;
        int w = snprintf(out + len, outlen - len, "%s%s@%zu:%zu", len ? " " : "", h->rule + pl,
                         h->line, h->column);
        if (w < 0 || (size_t)w >= outlen - len) return;
        len += (size_t)w;
    }
}

static const lcase layout_cases[] = {
    /* run-in sub-headings */
    {"The minister spoke first. NEW TRADE RULES The ministry said it would act.",
     "RunInHeading@1:27"},
    {"NEW TRADE RULES The ministry said it would act.", "RunInHeading@1:1"},
    {"Growth slowed. A STRONGER ECONOMY The president stressed exports.",
     "RunInHeading@1:16"},
    {"NATO and the UN said they would act.", ""},
    {"US SEC Chairman William Donaldson spoke on Monday.", ""},
    {"He left early. BBC NEWS reported it later.", ""},
    {"THE WHOLE SENTENCE IS IN CAPITALS.", ""},
    {"NEW TRADE RULES\nThe ministry said it would act.", ""}, /* kept its line break */
    {"He said the IMF AND WTO Officials met.", ""},
    /* headline case: the first line, before a blank line */
    {"Chile Plans To Boost Trade And Jobs\n\nThe government said so on Monday.",
     "HeadlineCase@1:1"},
    {"Talks On Trade Resume In Geneva\n\nThe talks resumed on Monday.", "HeadlineCase@1:1"},
    {"Chile Plans To Boost trade and Jobs\n\nThe government said so.", "HeadlineCase@1:1"},
    {"Peru seeks to boost trade and jobs\n\nThe government said so.", ""},
    {"Strike threat over The Sims\n\nThe union said so.", ""},
    {"Q&A: Malcolm Glazer and Man Utd\n\nThe club said so.", ""},
    {"What It Is For\n\nThe answer came later.", ""},
    {"PERU TO BOOST TRADE AND JOBS\n\nThe government said so.", ""},
    {"Minister: The Plan Works\n\nThe minister said so.", ""}, /* after a colon */
    /* repetition */
    {"They said the new law the new law the new law was passed.", "Repetition@1:11"},
    {"The visit took them to Bern, Bern, Bern, Bern, Bern, Bern and Geneva.", "Repetition@1:24"},
    {"He said it was very, very, very, very good.", ""},
    {"He shouted no, no, no at them.", ""},
    {"We will fight for jobs, we will fight for schools, we will fight for homes.", ""},
    {"The plan for the region helps farmers, the plan for the region helps towns, the plan for "
     "the region helps ports and the plan for the region helps cities.",
     "Repetition@1:117"},
    {"Prices rose sharply in the capital last month. Wages did not. Prices rose sharply in the "
     "capital last month.",
     "Repetition@1:63"},
    {"Prices rose. Wages did not. Prices rose.", ""}, /* too short to count */
    {"The cost of living rose and the cost of living fell.", ""},
};

START_TEST(layout_case) {
    mtl_engine *e = te_open(NULL);
    const lcase *c = &layout_cases[_i];
    te_run(e, "t.txt", c->in);
    mtl_engine_close(e);
    char got[512];
    describe("Layout.", got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: %s\n  want [%s]\n  got  [%s]", _i, c->in,
                  c->want, got);
}
END_TEST

START_TEST(layout_details) {
    mtl_engine *e = te_open(NULL);
    const te_hit *h;
    te_run(e, "t.txt", "Chile Plans To Boost Trade And Jobs\n\nThe government said so.");
    ck_assert_uint_eq(te_count("Layout.HeadlineCase", &h), 1);
    ck_assert_int_eq(h->severity, MTL_INFO);
    ck_assert_str_eq(h->match, "Chile Plans To Boost Trade And Jobs");
    ck_assert_str_eq(h->sugg, "Chile Plans to Boost Trade and Jobs");

    te_run(e, "t.txt", "Talks ended. NEW TRADE RULES The ministry said it would act.");
    ck_assert_uint_eq(te_count("Layout.RunInHeading", &h), 1);
    ck_assert_int_eq(h->severity, MTL_WARNING);
    ck_assert_str_eq(h->match, "NEW TRADE RULES");

    te_run(e, "t.txt", "They said the new law, the new law, the new law was passed.");
    ck_assert_uint_eq(te_count("Layout.Repetition", &h), 1);
    ck_assert_str_eq(h->match, "the new law, the new law, the new law");
    ck_assert_str_eq(h->sugg, "the new law");
    mtl_engine_close(e);
}
END_TEST

/* The quote parser's cases are in test_quotes.c; here the rules as the
 * engine reports them, from Markdown too. */
static const lcase quote_cases[] = {
    {"“We will build it first, “said the mayor.", "Direction@1:25"},
    {"They want “a review of the budget. ”", "Spacing@1:35"},
    {"He said “we will win.", "Unbalanced@1:9"},
    {"“We win,” he said. \"We lose,\" she said.", "Mixed@1:20"},
    {"He called it a “disgrace”.", "Punctuation@1:25"},
    {"He said «we will win» today.", "Foreign@1:9 Foreign@1:21"},
    {"“He called it “a disgrace” today,” she said.", "Nesting@1:15"},
    {"I don’t know what Peru’s plan for the ’90s is, or the presidents’.", ""},
    {"“We will win.\n\n“We will not stop,” he said.", ""},
    {"# Title\n\n> “We will win,” he said.\n\nHe said `\"` is a quote.", ""},
};

START_TEST(quote_case) {
    mtl_engine *e = te_open(NULL);
    const lcase *c = &quote_cases[_i];
    te_run(e, "t.md", c->in);
    mtl_engine_close(e);
    char got[512];
    describe("Quotes.", got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: %s\n  want [%s]\n  got  [%s]", _i, c->in,
                  c->want, got);
}
END_TEST

START_TEST(quote_details) {
    mtl_engine *e = te_open(NULL);
    const te_hit *h;
    te_run(e, "t.txt", "“We will build it first, “said the mayor.");
    ck_assert_uint_eq(te_count("Quotes.Direction", &h), 1);
    ck_assert_str_eq(h->match, " “");
    ck_assert_str_eq(h->sugg, "” ");
    ck_assert_int_eq(h->severity, MTL_WARNING);
    mtl_engine_close(e);

    /* switched off, and the UK style */
    const char *off[] = {"Quotes.Direction", NULL};
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .disable = off,
                      .quote_style = "uk"};
    e = te_open(&cfg);
    te_run(e, "t.txt", "“We will build it first, “said the mayor. He called it a “disgrace”.");
    ck_assert_uint_eq(te_count("Quotes.Direction", NULL), 0);
    ck_assert_uint_eq(te_count("Quotes.Punctuation", NULL), 0);
    mtl_engine_close(e);

    /* a quote style that does not exist is a configuration error */
    cfg = (mtl_config){.no_spell = true, .no_default_rules = true, .quote_style = "fr"};
    mtl_diags d = {0};
    ck_assert_ptr_null(mtl_engine_open(&cfg, &d));
    ck_assert_uint_ge(d.n, 1);
    mtl_diags_free(&d);
}
END_TEST

/* Brackets: spacing inside them, and matching within a paragraph. */
static const lcase bracket_cases[] = {
    {"BEIJING, Feb. 11 ( Xinhua) -- The report was out.", "Spacing@1:18"},
    {"The consumer price index (CPI ) rose.", "Spacing@1:30"},
    {"[ source: Xinhua News Agency ]", "Spacing@1:1 Spacing@1:29"},
    {"The report (see table) and the note [in brackets] agree.", ""},
    {"The central bank (PBOC said rates would stay.", "Unbalanced@1:18"},
    {"Deutsche Welle) The Biden administration said so.", "Unbalanced@1:15"},
    {"The bank (the PBOC [in Beijing) said so.", "Unbalanced@1:20"},
    {"The bank (which\n\nsaid so) acted.", "Unbalanced@1:10 Unbalanced@3:8"},
    /* list labels and emoticons, and labels inside brackets */
    {"The options are a) wait and b) act. Great :-) Sad :( Fine ;)", ""},
    {"Man City: James, Mills (Wright 83), Dunne (Sibierski 61).", ""},
    {"On Friday (February 10) the talks ended ( see below ).", "Spacing@1:41 Spacing@1:52"},
    /* a line break inside a bracket is no space typed there */
    {"The index (\nCPI) rose.", ""},
};

START_TEST(bracket_case) {
    mtl_engine *e = te_open(NULL);
    const lcase *c = &bracket_cases[_i];
    te_run(e, "t.txt", c->in);
    mtl_engine_close(e);
    char got[512];
    describe("Brackets.", got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: %s\n  want [%s]\n  got  [%s]", _i, c->in,
                  c->want, got);
}
END_TEST

/* Quote punctuation: every way of choosing the style, against articles
 * that keep to American style (period and comma inside the closing mark
 * of a quoted phrase), to logical style (after it), or mix them. An
 * article that keeps to one style hears about it only at info, where the
 * style chosen is the other one; a mixed article gets a warning at each
 * instance of the style it uses less (on a tie, info where the style is
 * not the one chosen). */
#define US_WORDS "The color of the center is gray. "
#define GB_WORDS "The colour of the centre is grey. "
static const char am[] = "He called it a “disgrace.” She said “no,” and a “farce.”";
static const char lo[] = "He called it a “disgrace”. She said “no”, and a “farce”.";
static const char mix_am[] = "He called it a “disgrace.” She said “no,” and a “farce”.";
static const char mix_lo[] = "He called it a “disgrace”. She said “no”, and a “farce.”";
static const char tie[] = "He called it a “disgrace”. She called it a “farce.”";
static const char whole[] = "He said: “We will win.” She said, “we lost”.";

static const struct pcase {
    const char *punct, *style, *dialect, *dict; /* settings; NULL: unset */
    bool spell;
    const char *prefix, *text;
    const char *want; /* Quotes findings, the "Quotes." prefix dropped */
} punct_cases[] = {
    /* set with --quote-punctuation */
    {"american", NULL, NULL, NULL, false, "", am, ""},
    {"american", NULL, NULL, NULL, false, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {"logical", NULL, NULL, NULL, false, "", am, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {"logical", NULL, NULL, NULL, false, "", lo, ""},
    {"american", NULL, NULL, NULL, false, "", mix_am, "PunctuationMix@1:55"},
    {"logical", NULL, NULL, NULL, false, "", mix_am, "PunctuationMix@1:55"},
    {"american", NULL, NULL, NULL, false, "", mix_lo, "PunctuationMix@1:55"},
    {"logical", NULL, NULL, NULL, false, "", mix_lo, "PunctuationMix@1:55"},
    {"american", NULL, NULL, NULL, false, "", tie, "Punctuation@1:25"},
    {"logical", NULL, NULL, NULL, false, "", tie, "Punctuation@1:50"},
    /* a quoted sentence may end with its own period in either style */
    {"american", NULL, NULL, NULL, false, "", whole, "Punctuation@1:43"},
    {"logical", NULL, NULL, NULL, false, "", whole, ""},
    /* the older option */
    {NULL, "us", NULL, NULL, false, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {NULL, "uk", NULL, NULL, false, "", am, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {"american", "uk", NULL, NULL, false, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    /* by the dialect set */
    {NULL, NULL, "en_US", NULL, false, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {NULL, NULL, "en_GB", NULL, false, "", am, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {"american", NULL, "en_GB", NULL, false, "", am, ""},
    /* by the article's spelling (--dialect auto), else the dictionary */
    {NULL, NULL, NULL, NULL, true, GB_WORDS, am, "Punctuation@1:59 Punctuation@1:74 Punctuation@1:89"},
    {NULL, NULL, NULL, NULL, true, GB_WORDS, lo, ""},
    {NULL, NULL, NULL, NULL, true, US_WORDS, am, ""},
    {NULL, NULL, NULL, NULL, true, US_WORDS, lo, "Punctuation@1:58 Punctuation@1:73 Punctuation@1:88"},
    {NULL, NULL, NULL, NULL, true, GB_WORDS, tie, "Punctuation@1:84"},
    {NULL, NULL, NULL, NULL, true, US_WORDS, tie, "Punctuation@1:58"},
    {NULL, NULL, NULL, NULL, true, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {NULL, NULL, NULL, NULL, false, "", lo, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {NULL, NULL, NULL, "en_GB", false, "", am, "Punctuation@1:25 Punctuation@1:40 Punctuation@1:55"},
    {NULL, NULL, "any", NULL, true, GB_WORDS, lo, ""},
};

START_TEST(punct_case) {
    const struct pcase *c = &punct_cases[_i];
    mtl_config cfg = {.no_default_rules = true, .no_spell = !c->spell, .quote_punctuation = c->punct,
                      .quote_style = c->style, .dialect = c->dialect, .dict = c->dict};
    if (c->spell) {
        unsetenv("DICPATH");
        cfg.dict_dir = test_path("dictionaries");
    }
    mtl_engine *e = te_open(&cfg);
    char text[512];
    snprintf(text, sizeof text, "%s%s", c->prefix, c->text);
    te_run(e, "t.txt", text);
    mtl_engine_close(e);
    char got[512];
    describe("Quotes.", got, sizeof got);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: %s\n  want [%s]\n  got  [%s]", _i, text,
                  c->want, got);
}
END_TEST

/* What the findings say and suggest, and their levels. */
START_TEST(punct_details) {
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .quote_punctuation = "logical"};
    mtl_engine *e = te_open(&cfg);
    const te_hit *h;
    te_run(e, "t.txt", mix_lo);
    ck_assert_uint_eq(te_count("Quotes.PunctuationMix", &h), 1);
    ck_assert_int_eq(h->severity, MTL_WARNING);
    ck_assert_str_eq(h->match, ".”");
    ck_assert_str_eq(h->sugg, "”.");
    te_run(e, "t.txt", am);
    ck_assert_uint_eq(te_count("Quotes.Punctuation", &h), 3);
    ck_assert_int_eq(h->severity, MTL_INFO);
    ck_assert_str_eq(h->sugg, "”.");
    mtl_engine_close(e);

    /* a value that does not exist is a configuration error */
    const char *bad[][2] = {{"french", NULL}, {NULL, "fr"}};
    for (size_t k = 0; k < 2; k++) {
        cfg = (mtl_config){.no_spell = true, .no_default_rules = true, .quote_punctuation = bad[k][0],
                           .quote_style = bad[k][1]};
        mtl_diags d = {0};
        ck_assert_ptr_null(mtl_engine_open(&cfg, &d));
        ck_assert_uint_ge(d.n, 1);
        mtl_diags_free(&d);
    }
}
END_TEST

static Suite *layout_suite(void) {
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("layout");
    tcase_add_loop_test(tc, layout_case, 0, (int)(sizeof layout_cases / sizeof layout_cases[0]));
    tcase_add_test(tc, layout_details);
    tcase_add_loop_test(tc, quote_case, 0, (int)(sizeof quote_cases / sizeof quote_cases[0]));
    tcase_add_test(tc, quote_details);
    tcase_add_loop_test(tc, bracket_case, 0, (int)(sizeof bracket_cases / sizeof bracket_cases[0]));
    tcase_add_loop_test(tc, punct_case, 0, (int)(sizeof punct_cases / sizeof punct_cases[0]));
    tcase_add_test(tc, punct_details);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(layout_suite)
