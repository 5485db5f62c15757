/* srcalign: which units are paired in each --align mode, and what the
 * pairs are: lines, paragraphs dropped, added, split and merged, and the
 * sentences inside paired paragraphs. */
#include "align.h"
#include "srcalign.h"
#include "testdoc.h"

static const char *const P1 = "El Gobierno aprobó ayer el presupuesto del año próximo tras un largo debate.";
/* lengths alone align: the paragraphs differ in length, as news
 * paragraphs do (two of equal length could be paired either way) */
static const char *const P2 = "La oposición votó en contra, denunció que el texto recorta el gasto social en plena "
                              "crisis y anunció que recurrirá la ley ante los tribunales en las próximas semanas.";
static const char *const P3 = "El texto entrará en vigor el primero de enero.";
static const char *const E1 = "The government approved next year's budget yesterday after a long debate.";
static const char *const E2 = "The opposition voted against it, said the text cuts social spending in the middle "
                              "of a crisis and announced it would challenge the law in court in the coming weeks.";
static const char *const E3 = "The text will come into force on January 1.";

static const struct {
    const char *name;
    const char *src[4], *tgt[4]; /* paragraphs, or lines with sep "\n" */
    const char *sep;
    mtl_align_mode mode;
    bool ok;
    const char *want;            /* block pair types, space-separated; or the error's words */
    size_t sentence_pairs;
} cases[] = {
    {"lines", {"Uno.", "Dos.", "Tres."}, {"One.", "Two.", "Three."}, "\n", MTL_ALIGN_LINES, true, "1-1 1-1 1-1", 3},
    {"lines differ", {"Uno.", "Dos.", "Tres."}, {"One.", "Two."}, "\n", MTL_ALIGN_LINES, false,
     "the source has 3 lines, the translation 2", 0},
    {"auto: segment per line", {"Uno.", "Dos.", "Tres."}, {"One.", "Two.", "Three."}, "\n", MTL_ALIGN_AUTO, true,
     "1-1 1-1 1-1", 3},
    {"auto: blank lines mean paragraphs", {P1, P2, P3}, {E1, E3}, "\n\n", MTL_ALIGN_AUTO, true, "1-1 1-0 1-1", 2},
    {"paragraphs: dropped", {P1, P2, P3}, {E1, E3}, "\n\n", MTL_ALIGN_PARAGRAPHS, true, "1-1 1-0 1-1", 2},
    {"paragraphs: added", {P1, P3}, {E1, E2, E3}, "\n\n", MTL_ALIGN_PARAGRAPHS, true, "1-1 0-1 1-1", 2},
    {"paragraphs: same lines count, still paragraphs", {P1, P2}, {E1, E2}, "\n\n", MTL_ALIGN_PARAGRAPHS, true,
     "1-1 1-1", 2},
    {"paragraphs: split", {"El Gobierno aprobó ayer el presupuesto del año próximo tras un largo debate. La oposición "
                           "votó en contra, denunció que el texto recorta el gasto social en plena crisis y anunció "
                           "que recurrirá la ley ante los tribunales en las próximas semanas.",
                           P3},
     {E1, E2, E3}, "\n\n", MTL_ALIGN_PARAGRAPHS, true, "1-2 1-1", 3},
    {"paragraphs: merged", {P1, P2, P3},
     {"The government approved next year's budget yesterday after a long debate. The opposition voted against it, "
      "said the text cuts social spending in the middle of a crisis and announced it would challenge the law in court "
      "in the coming weeks.",
      E3},
     "\n\n", MTL_ALIGN_PARAGRAPHS, true, "2-1 1-1", 3},
};

static char *join(const char *const *parts, const char *sep) {
    buf b = {0};
    for (size_t i = 0; i < 4 && parts[i]; i++) buf_printf(&b, "%s%s", i ? sep : "", parts[i]);
    buf_putc(&b, '\n');
    return buf_steal(&b);
}

START_TEST(pairs_by_mode) {
    char *s = join(cases[_i].src, cases[_i].sep), *t = join(cases[_i].tgt, cases[_i].sep);
    testdoc *sd = td_open(s, MTL_MARKUP_TEXT), *td = td_open(t, MTL_MARKUP_TEXT);
    char err[256] = "";
    bool ok = srcalign_run(&td->d, &sd->d, "es", cases[_i].mode, err, sizeof err);
    ck_assert_msg(ok == cases[_i].ok, "%s: %s", cases[_i].name, err);
    if (ok) {
        buf got = {0};
        char type[8];
        for (size_t i = 0; i < td->d.block_pairs.n; i++) {
            const doc_pair *p = &td->d.block_pairs.v[i];
            align_pair ap = {.nsrc = p->nsrc, .ntgt = p->ntgt};
            buf_printf(&got, "%s%s", i ? " " : "", align_pair_type(&ap, type));
        }
        ck_assert_msg(strcmp(got.data, cases[_i].want) == 0, "%s: got %s, want %s", cases[_i].name, got.data,
                      cases[_i].want);
        ck_assert_msg(td->d.sent_pairs.n == cases[_i].sentence_pairs, "%s: %zu sentence pairs", cases[_i].name,
                      td->d.sent_pairs.n);
        /* an empty side sits where its text would go */
        for (size_t i = 0; i < td->d.block_pairs.n; i++) {
            const doc_pair *p = &td->d.block_pairs.v[i];
            if (!p->ntgt) ck_assert_uint_eq(p->tgt_start, p->tgt_end);
            if (!p->ntgt && i + 1 < td->d.block_pairs.n)
                ck_assert_uint_eq(p->tgt_start, td->d.block_pairs.v[i + 1].tgt_start);
        }
        buf_free(&got);
    } else {
        ck_assert_msg(strstr(err, cases[_i].want) != NULL, "%s: %s", cases[_i].name, err);
    }
    free(td->d.block_pairs.v);
    free(td->d.sent_pairs.v);
    td_close(sd);
    td_close(td);
    free(s);
    free(t);
}
END_TEST

START_TEST(show_prints_one_line_per_pair) {
    testdoc *sd = td_open("Uno.\nDos.\n", MTL_MARKUP_TEXT), *td = td_open("One.\n", MTL_MARKUP_TEXT);
    char err[256];
    ck_assert(srcalign_run(&td->d, &sd->d, "es", MTL_ALIGN_PARAGRAPHS, err, sizeof err));
    buf out = {0};
    srcalign_show(&td->d, &out);
    ck_assert_str_eq(out.data, "1\t1\t1-1\tUno. Dos.\tOne.\n");
    buf_free(&out);
    free(td->d.block_pairs.v);
    free(td->d.sent_pairs.v);
    td_close(sd);
    td_close(td);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("srcalign");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, pairs_by_mode, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, show_prints_one_line_per_pair);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(suite)
