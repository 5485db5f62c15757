/* test_score.c - the quality score: its arithmetic, the weights as
 * configured, and what a sink is told of each file. */
#include <string.h>

#include "mtlint.h"
#include "testengine.h"
#include "testutil.h"

/* ---- the value: 100 x (1 - penalty / words), one decimal, floored ---- */

static const struct {
    size_t words;
    unsigned long penalty; /* hundredths */
    unsigned want;         /* tenths */
} values[] = {
    {176, 1900, 892},   /* the Spanish sample: 19 warnings */
    {341, 1200, 965},   /* 96.48 */
    {400, 100, 998},    /* 99.75 rounds half up */
    {3, 100, 667},      /* 66.67 */
    {1, 0, 1000},
    {10, 1000, 0},      /* penalty = words */
    {10, 2000, 0},      /* floored at 0 */
    {7, 699, 1},        /* 0.14 */
    {1000000, 1, 1000}, /* 99.99999 */
    {0, 500, 0},        /* no words: no value */
};

START_TEST(value_arithmetic) {
    ck_assert_msg(mtl_score_value(values[_i].words, values[_i].penalty) == values[_i].want,
                  "%zu words, %lu/100 points: %u, expected %u", values[_i].words, values[_i].penalty,
                  mtl_score_value(values[_i].words, values[_i].penalty), values[_i].want);
}
END_TEST

static const struct {
    unsigned long v;
    const char *tenths, *centi;
} formats[] = {{978, "97.8", "9.78"}, {1000, "100.0", "10"}, {0, "0.0", "0"}, {250, "25.0", "2.5"}, {5, "0.5", "0.05"}};

START_TEST(value_formats) {
    char t[32], c[32];
    mtl_format_tenths(t, sizeof t, formats[_i].v);
    mtl_format_centi(c, sizeof c, formats[_i].v);
    ck_assert_str_eq(t, formats[_i].tenths);
    ck_assert_str_eq(c, formats[_i].centi);
}
END_TEST

/* ---- weights: severity points x category factor, or a rule's own ---- */

static const struct {
    mtl_weight w[3];
    const char *rule;      /* a built-in: MT.DoubledWord is a warning of grammar */
    unsigned long want;    /* hundredths */
} weights[] = {
    {{{0}}, "MT.DoubledWord", 100},
    {{{"warning", NULL, 200}}, "MT.DoubledWord", 200},
    {{{"grammar", NULL, 50}}, "MT.DoubledWord", 50},
    {{{"warning", NULL, 300}, {"grammar", NULL, 50}}, "MT.DoubledWord", 150},
    {{{"grammar", NULL, 33}}, "MT.DoubledWord", 33},
    {{{"MT.DoubledWord", NULL, 125}, {"warning", NULL, 900}}, "MT.DoubledWord", 125}, /* the rule's own wins */
    {{{"MT", NULL, 0}}, "MT.DoubledWord", 0},                                         /* a whole set */
    {{{"error", NULL, 1000}}, "MT.DoubledWord", 100},                                 /* another severity */
    {{{"suggestion", NULL, 70}}, "MT.DoubledWord", 100},                              /* info's other name */
};

static unsigned long weight_of(mtl_engine *e, const char *id) {
    const mtl_rule_info *ri;
    size_t n = mtl_engine_rules(e, &ri);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ri[i].id, id) == 0) return ri[i].weight;
    ck_abort_msg("no rule %s", id);
    return 0;
}

START_TEST(weights_from_configuration) {
    size_t n = 0;
    while (n < 3 && weights[_i].w[n].key) n++;
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .weights = weights[_i].w, .nweights = n};
    mtl_engine *e = te_open(&cfg);
    ck_assert_uint_eq(weight_of(e, weights[_i].rule), weights[_i].want);
    mtl_engine_close(e);
}
END_TEST

START_TEST(unknown_weight_key_is_an_error) {
    mtl_weight w = {"Nope.Rule", "x.yml:3:5", 200};
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .weights = &w, .nweights = 1};
    mtl_diags d = {0};
    ck_assert_ptr_null(mtl_engine_open(&cfg, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_msg(strstr(d.msg[0], "x.yml:3:5: weights: 'Nope.Rule' is no severity"), "%s", d.msg[0]);
    mtl_diags_free(&d);
}
END_TEST

/* ---- what a sink learns of each file ---- */

typedef struct probe {
    mtl_sink base;
    mtl_file_info info;
    size_t infos, findings;
    bool text_matches;    /* every finding's match is text + text_offset */
} probe;

static void p_begin(mtl_sink *s, const char *path) { (void)s, (void)path; }
static void p_error(mtl_sink *s, const char *path, const char *m) { (void)s, (void)path, (void)m; }
static void p_end(mtl_sink *s) { (void)s; }
static void p_end_run(mtl_sink *s, const mtl_summary *sum) { (void)s, (void)sum; }
static void p_destroy(mtl_sink *s) { (void)s; }
static void p_info(mtl_sink *s, const mtl_file_info *info) {
    probe *p = (probe *)s;
    p->info = *info;
    p->infos++;
}
static void p_finding(mtl_sink *s, const mtl_finding *f) {
    probe *p = (probe *)s;
    p->findings++;
    if (!p->info.text || f->text_offset + f->text_length > p->info.len ||
        memcmp(p->info.text + f->text_offset, f->match, f->match_len) != 0 || f->text_length != f->match_len)
        p->text_matches = false;
}

static const struct {
    const char *name, *text;
    mtl_severity min;
    size_t words, findings;
    bool scored;
    unsigned value;
} files[] = {
    {"a.txt", "The the cat sat.\n", MTL_INFO, 4, 1, true, 750},
    {"a.txt", "The the cat sat.\n", MTL_ERROR, 4, 0, true, 1000}, /* the score counts what is reported */
    {"a.txt", "", MTL_INFO, 0, 0, false, 0},
    {"a.txt", "... !!! ---\n", MTL_INFO, 0, 0, false, 0},       /* no prose, no score */
    {"a.md", "```\nthe the\n```\n", MTL_INFO, 0, 0, false, 0},  /* code is not prose */
    {"cp.txt", "Caf\xe9 and the the end.\n", MTL_INFO, 5, 2, true, 600}, /* decoded text, encoding warning */
};

START_TEST(sink_gets_score_and_text) {
    mtl_engine *e = te_open(NULL);
    probe p = {.base = {.begin_file = p_begin, .finding = p_finding, .file_error = p_error, .end_file = p_end,
                        .end_run = p_end_run, .destroy = p_destroy, .file_info = p_info, .wants_text = true,
                        .min_severity = files[_i].min},
               .text_matches = true};
    mtl_summary sum = {0};
    char err[256];
    ck_assert_int_eq(mtl_engine_check(e, files[_i].name, NULL, files[_i].text, strlen(files[_i].text), &p.base, &sum,
                                      err, sizeof err),
                     MTL_OK);
    ck_assert_uint_eq(p.infos, 1);
    ck_assert_uint_eq(p.info.score.words, files[_i].words);
    ck_assert_uint_eq(p.findings, files[_i].findings);
    ck_assert_int_eq(p.info.score.scored, files[_i].scored);
    ck_assert_uint_eq(p.info.score.value, files[_i].value);
    ck_assert_msg(p.text_matches, "a finding's text offsets do not point at its match");
    ck_assert_uint_eq(sum.words, files[_i].words);
    ck_assert_uint_eq(sum.scored, files[_i].scored ? 1 : 0);
    mtl_engine_close(e);
}
END_TEST

START_TEST(summary_mean_and_lowest) {
    mtl_summary sum = {0};
    static const unsigned v[] = {892, 965, 1000};
    for (size_t i = 0; i < 3; i++) {
        mtl_file_score fs = {.words = 10, .scored = true, .value = v[i], .category = {[MTL_CAT_SPELLING] = 1}};
        mtl_summary_add(&sum, &fs);
    }
    mtl_file_score none = {.words = 0};
    mtl_summary_add(&sum, &none);
    ck_assert_uint_eq(sum.scored, 3);
    ck_assert_uint_eq(sum.words, 30);
    ck_assert_uint_eq(sum.lowest, 892);
    ck_assert_uint_eq(mtl_summary_mean(&sum), 952); /* 95.23 */
    ck_assert_uint_eq(sum.category[MTL_CAT_SPELLING], 3);
}
END_TEST

static Suite *make_suite(void) {
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("score");
    tcase_add_loop_test(tc, value_arithmetic, 0, sizeof values / sizeof values[0]);
    tcase_add_loop_test(tc, value_formats, 0, sizeof formats / sizeof formats[0]);
    tcase_add_loop_test(tc, weights_from_configuration, 0, sizeof weights / sizeof weights[0]);
    tcase_add_test(tc, unknown_weight_key_is_an_error);
    tcase_add_loop_test(tc, sink_gets_score_and_text, 0, sizeof files / sizeof files[0]);
    tcase_add_test(tc, summary_mean_and_lowest);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
