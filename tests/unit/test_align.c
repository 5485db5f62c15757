/* test_align.c - the length-based aligner: a table of paragraph layouts
 * (lengths in characters) and the pair types expected, then the line
 * aligner, then a 10k x 10k run through the band. */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "testutil.h"
#include "util.h"

enum { MAXSEG = 12 };

typedef struct align_case {
    const char *name, *src_lang;
    size_t src[MAXSEG], ns;
    size_t tgt[MAXSEG], nt;
    const char *want; /* pair types in order */
} align_case;

/* Spanish paragraphs and their English (about 0.9 of the length). */
static const align_case cases[] = {
    {"identical counts", "es", {420, 310, 505, 280, 390}, 5, {380, 285, 450, 260, 350}, 5,
     "1-1 1-1 1-1 1-1 1-1"},
    {"dropped paragraph", "es", {420, 310, 505, 280, 390}, 5, {380, 285, 260, 350}, 4,
     "1-1 1-1 1-0 1-1 1-1"},
    {"dropped first", "es", {420, 310, 505, 280, 390}, 5, {285, 450, 260, 350}, 4,
     "1-0 1-1 1-1 1-1 1-1"},
    {"dropped last", "es", {420, 310, 505, 280, 390}, 5, {380, 285, 450, 260}, 4,
     "1-1 1-1 1-1 1-1 1-0"},
    {"added paragraph", "es", {420, 310, 505, 280, 390}, 5, {380, 285, 240, 450, 260, 350}, 6,
     "1-1 1-1 0-1 1-1 1-1 1-1"},
    {"split paragraph", "es", {420, 310, 505, 280, 390}, 5, {380, 285, 230, 225, 260, 350}, 6,
     "1-1 1-1 1-2 1-1 1-1"},
    {"merged paragraphs", "es", {420, 310, 505, 280, 390}, 5, {380, 740, 260, 350}, 4,
     "1-1 2-1 1-1 1-1"},
    {"two into two", "es", {420, 150, 160, 390}, 4, {380, 60, 225, 350}, 4,
     "1-1 2-2 1-1"},
    {"dropped and added", "es", {420, 310, 505, 280, 390, 330}, 6,
     {380, 285, 260, 350, 200, 300}, 6, "1-1 1-1 1-0 1-1 1-1 0-1 1-1"},
    {"chinese", "zh", {120, 95, 150, 80}, 4, {380, 300, 470, 260}, 4, "1-1 1-1 1-1 1-1"},
    {"chinese dropped", "zh", {120, 95, 150, 80}, 4, {380, 470, 260}, 3, "1-1 1-0 1-1 1-1"},
    {"empty source", "es", {0}, 0, {100, 200, 300}, 3, "0-1 0-1 0-1"},
    {"empty target", "es", {100, 200}, 2, {0}, 0, "1-0 1-0"},
    {"both empty", "es", {0}, 0, {0}, 0, ""},
    {"one against many", "es", {500}, 1, {100, 120, 90, 110}, 4, "1-2 0-1 0-1"},
};

/* Pair types joined by spaces; fails unless the pairs cover both sides
 * in order, each segment once. */
static char *pair_types(const align_list *l, size_t ns, size_t nt) {
    buf b = {0};
    size_t si = 0, ti = 0;
    for (size_t k = 0; k < l->n; k++) {
        const align_pair *p = &l->v[k];
        ck_assert_uint_eq(p->src, si);
        ck_assert_uint_eq(p->tgt, ti);
        ck_assert(p->nsrc + p->ntgt > 0);
        si += p->nsrc;
        ti += p->ntgt;
        char t[8];
        buf_printf(&b, "%s%s", k ? " " : "", align_pair_type(p, t));
    }
    ck_assert_uint_eq(si, ns);
    ck_assert_uint_eq(ti, nt);
    return buf_steal(&b);
}

START_TEST(test_paragraphs) {
    const align_case *c = &cases[_i];
    align_params p = align_defaults(c->src_lang, "en");
    align_list l = {0};
    align_lengths(c->src, c->ns, c->tgt, c->nt, &p, &l);
    char *got = pair_types(&l, c->ns, c->nt);
    ck_assert_msg(!strcmp(got, c->want), "%s: got \"%s\", want \"%s\"", c->name, got, c->want);
    free(got);
    VEC_FREE(l);
}
END_TEST

typedef struct lines_case {
    size_t ns, nt;
    int rc;
    const char *want; /* pair types, or the error */
} lines_case;

static const lines_case lines_cases[] = {
    {3, 3, 0, "1-1 1-1 1-1"},
    {0, 0, 0, ""},
    {4, 3, -1, "line counts differ: the source has 4 lines, the translation 3"},
};

START_TEST(test_lines) {
    const lines_case *c = &lines_cases[_i];
    align_list l = {0};
    char err[128] = "";
    int rc = align_lines(c->ns, c->nt, &l, err, sizeof err);
    ck_assert_int_eq(rc, c->rc);
    char *got = rc ? xstrdup(err) : pair_types(&l, c->ns, c->nt);
    ck_assert_str_eq(got, c->want);
    free(got);
    VEC_FREE(l);
}
END_TEST

typedef struct z_case {
    const char *src_lang;
    size_t ls, lt;
    double lo, hi; /* the z-score must fall in [lo, hi] */
} z_case;

static const z_case z_cases[] = {
    {"es", 400, 360, -1, 1},    /* a normal translation */
    {"es", 400, 150, 3, 100},   /* most of it left out */
    {"es", 400, 700, -100, -3}, /* much added */
    {"zh", 100, 320, -1, 1},
    {"zh", 100, 120, 3, 100},
    {"es", 0, 0, 0, 0},
};

START_TEST(test_length_z) {
    const z_case *c = &z_cases[_i];
    align_params p = align_defaults(c->src_lang, "en");
    double z = align_length_z(&p, c->ls, c->lt);
    ck_assert_msg(z >= c->lo && z <= c->hi, "%s %zu -> %zu: z = %g, want [%g, %g]", c->src_lang,
                  c->ls, c->lt, z, c->lo, c->hi);
}
END_TEST

/* Two-level alignment: sentence lengths, '|' between paragraphs. */
typedef struct nested_case {
    const char *name, *src, *tgt;
    const char *paras, *sents; /* pair types wanted */
} nested_case;

static const nested_case nested_cases[] = {
    {"same shape", "120 80|200|90 60", "110 70|185|80 55", "1-1 1-1 1-1", "1-1 1-1 1-1 1-1 1-1"},
    {"sentence dropped inside a paragraph", "120 80 150|200|90 60", "110 135|185|80 55",
     "1-1 1-1 1-1", "1-1 1-0 1-1 1-1 1-1 1-1"},
    {"paragraph dropped", "120 80|200 150|90 60", "110 70|80 55", "1-1 1-0 1-1",
     "1-1 1-1 1-0 1-0 1-1 1-1"},
    {"sentences merged", "120 80|200|90 60", "110 70|185|130", "1-1 1-1 1-1",
     "1-1 1-1 1-1 2-1"},
    {"empty target", "120 80", "", "1-0", "1-0 1-0"},
};

/* "120 80|200" -> sentence lengths and sentences per paragraph */
static void parse_side(const char *spec, size_t *len, size_t *nlen, size_t *per, size_t *nper) {
    *nlen = *nper = 0;
    if (!*spec) return;
    per[(*nper)++] = 0;
    for (const char *p = spec; *p;) {
        if (*p == '|') {
            per[(*nper)++] = 0;
            p++;
        } else if (*p == ' ') {
            p++;
        } else {
            char *e;
            len[(*nlen)++] = strtoul(p, &e, 10);
            per[*nper - 1]++;
            p = e;
        }
    }
}

START_TEST(test_nested) {
    const nested_case *c = &nested_cases[_i];
    size_t sl[16], sp[16], tl[16], tp[16];
    align_doc s = {.sent_len = sl, .para_nsent = sp}, t = {.sent_len = tl, .para_nsent = tp};
    parse_side(c->src, sl, &s.nsent, sp, &s.npara);
    parse_side(c->tgt, tl, &t.nsent, tp, &t.npara);
    align_params p = align_defaults("es", "en");
    align_list paras = {0}, sents = {0};
    align_nested(&s, &t, &p, &paras, &sents);
    char *gp = pair_types(&paras, s.npara, t.npara), *gs = pair_types(&sents, s.nsent, t.nsent);
    ck_assert_msg(!strcmp(gp, c->paras) && !strcmp(gs, c->sents),
                  "%s: paragraphs \"%s\" (want \"%s\"), sentences \"%s\" (want \"%s\")", c->name,
                  gp, c->paras, gs, c->sents);
    free(gp);
    free(gs);
    VEC_FREE(paras);
    VEC_FREE(sents);
}
END_TEST

/* 10k sentences against 10k - 1, one dropped in the middle: the band
 * keeps memory at (n + m) * band, and the drop is found where it is. */
START_TEST(test_large) {
    enum { N = 10000, DROP = 5000 };
    size_t *src = xmalloc(N * sizeof *src), *tgt = xmalloc(N * sizeof *tgt);
    uint32_t r = 12345;
    size_t nt = 0;
    for (size_t i = 0; i < N; i++) {
        r = r * 1103515245u + 12345u;
        src[i] = 40 + (r >> 16) % 200;
        if (i != DROP) tgt[nt++] = src[i] * 9 / 10 + (r >> 8) % 7;
    }
    align_params p = align_defaults("es", "en");
    align_list l = {0};
    align_lengths(src, N, tgt, nt, &p, &l);
    char *types = pair_types(&l, N, nt);
    free(types);
    size_t dropped = 0, where = 0;
    for (size_t k = 0; k < l.n; k++)
        if (l.v[k].ntgt == 0) {
            dropped++;
            where = l.v[k].src;
        }
    ck_assert_uint_eq(dropped, 1);
    ck_assert_uint_eq(where, DROP);
    VEC_FREE(l);
    free(src);
    free(tgt);
}
END_TEST

static Suite *align_suite(void) {
    Suite *s = suite_create("align");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_paragraphs, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_loop_test(tc, test_lines, 0, (int)(sizeof lines_cases / sizeof *lines_cases));
    tcase_add_loop_test(tc, test_length_z, 0, (int)(sizeof z_cases / sizeof *z_cases));
    tcase_add_loop_test(tc, test_nested, 0, (int)(sizeof nested_cases / sizeof *nested_cases));
    tcase_add_test(tc, test_large);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(align_suite)
