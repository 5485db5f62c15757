/* test_repindex.c - the cheap indexes of the repeat checks held to their
 * exact searches, over generated word sequences: documents of a small
 * vocabulary where runs of the last words are said again (1-20 words, at
 * once or a few words later, once or many times, across commas, "and",
 * sentence ends), in plain text and Markdown (emphasis that the view
 * masks). Whatever the exact search finds, the index must have marked:
 *   MT.RepeatedPhrase: rep_match_at(i) != 0  =>  word i is a candidate;
 *   Layout.Repetition: lay_loop_at(i) != 0   =>  word i may start a loop;
 *     three words MIN_SCATTERED times in a sentence that is searched
 *     (12-400 words)                         =>  the sentence is busy.
 * Each case also asserts that its documents hold enough of what it tests,
 * so a generator that stopped making repeats would fail, not pass. First,
 * the word hash both indexes use: ASCII case aside, a word's bytes and
 * nothing after them. */
#include <stdint.h>

#include "check_layout_impl.h"
#include "check_repeat_impl.h"
#include "testdoc.h"
#include "util.h"

typedef struct gcase {
    const char *name;
    uint64_t seed;
    mtl_markup markup;
    size_t docs;       /* documents generated */
    size_t words;      /* about this many words each */
    size_t vocab;      /* words drawn from the first `vocab` of the list */
    unsigned copy_pct; /* chance that a step says the last words again */
    size_t max_run;    /* longest run said again */
    size_t max_times;  /* most times in a row */
    /* at least this many hits of the exact searches over all documents */
    size_t min_repeat, min_loop, min_busy;
} gcase;

/* Short and long words, case variants, and a pair that shares its first
 * eight bytes and its length (the hash reads eight bytes at a time). */
static const char *const vocab[] = {
    "the",     "law",        "Bern",       "new",        "of",          "price", "The",  "LAW",
    "and",     "at",         "age",        "65",         "insurance",   "a",     "city", "said",
    "medical", "government", "governance", "responsible", "responsibly", "x",     "no",   "internationally",
};
#define NVOCAB (sizeof vocab / sizeof vocab[0])

static const gcase cases[] = {
    {"plain, small vocabulary", 1, MTL_MARKUP_TEXT, 40, 300, 6, 12, 20, 6, 700, 300, 40},
    {"plain, large vocabulary", 2, MTL_MARKUP_TEXT, 40, 300, NVOCAB, 10, 20, 4, 500, 140, 35},
    {"markdown emphasis", 3, MTL_MARKUP_MARKDOWN, 40, 300, 10, 12, 20, 6, 700, 260, 40},
    {"long runs, few copies", 4, MTL_MARKUP_TEXT, 30, 400, NVOCAB, 6, 20, 2, 140, 13, 15},
    {"loops of short phrases", 5, MTL_MARKUP_TEXT, 30, 300, NVOCAB, 15, 4, 8, 600, 500, 50},
};

/* hash_folded of the first n bytes of a and of b: alike or not. The
 * bytes after n differ in most cases: the hash must not read them. */
typedef struct hcase {
    const char *a, *b;
    size_t n;
    bool alike;
} hcase;

static const hcase hcases[] = {
    {"the", "THE", 3, true},
    {"the law", "The cat", 3, true},
    {"Bern,", "bern.", 4, true},
    {"seven77", "SEVEN77", 7, true},
    {"eightcha|", "EIGHTCHA ", 8, true},
    {"nine char|", "NINE CHAR.", 9, true},
    {"sixteen bytes ok|", "SIXTEEN BYTES OK.", 16, true},
    {"seventeen bytes.x|", "Seventeen Bytes.X ", 17, true},
    {"governmentXYZ", "government!!!", 10, true},
    {"", "", 0, true},
    {"the", "thy", 3, false},
    {"government", "governance", 10, false},
    {"responsible", "responsibly", 11, false}, /* the same first 8 bytes */
    {"internationally", "internationalLy", 15, true},
    {"internationally", "internationalise", 15, false},
    {"law", "laws", 3, true},
    {"law", "laws", 4, false},
};

START_TEST(hash_case) {
    const hcase *c = &hcases[_i];
    /* in buffers padded like a view, with what follows the n bytes */
    char a[64] = {0}, b[64] = {0};
    memcpy(a, c->a, strlen(c->a));
    memcpy(b, c->b, strlen(c->b));
    bool alike = hash_folded(a, c->n) == hash_folded(b, c->n);
    ck_assert_msg(alike == c->alike, "\"%.*s\" and \"%.*s\": hashes %s", (int)c->n, c->a, (int)c->n, c->b,
                  alike ? "alike" : "differ");
}
END_TEST

static uint64_t rnd_state;
static size_t rnd(size_t n) {
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (size_t)(rnd_state % n);
}

/* Between two words: mostly a space, sometimes what the shapes allow or
 * forbid, and now and then a sentence end. */
static const char *const gaps[] = {" ", " ", " ", " ", ", ", ", ", "; ", " and ", ". ", "? ", ", and ", "-", " - "};
#define NGAPS (sizeof gaps / sizeof gaps[0])

/* One document: words appended one by one, or the last n words again. */
static char *generate(const gcase *c) {
    buf b = {0};
    const char *said[512];
    size_t nsaid = 0;
    while (nsaid < c->words && nsaid < 500) {
        size_t n = 1 + rnd(c->max_run), times = 1 + rnd(c->max_times);
        if (rnd(100) < c->copy_pct && n <= nsaid) {
            const char *gap = gaps[rnd(NGAPS)];
            size_t from = nsaid - n;
            for (size_t t = 0; t < times && nsaid + n + 3 < 500; t++) {
                /* sometimes a word or two in between */
                for (size_t g = rnd(4) == 0 ? 1 + rnd(3) : 0; g > 0; g--) {
                    buf_puts(&b, gaps[rnd(NGAPS)]);
                    buf_puts(&b, said[nsaid++] = vocab[rnd(c->vocab)]);
                }
                for (size_t k = 0; k < n; k++) {
                    buf_puts(&b, k == 0 ? gap : " ");
                    buf_puts(&b, said[nsaid++] = said[from + k]);
                }
            }
            continue;
        }
        if (nsaid) buf_puts(&b, rnd(40) == 0 ? "\n\n" : gaps[rnd(NGAPS)]);
        const char *w = said[nsaid++] = vocab[rnd(c->vocab)];
        const char *em = c->markup != MTL_MARKUP_MARKDOWN || rnd(6) ? "" : rnd(2) ? "_" : "**";
        buf_puts(&b, em);
        buf_puts(&b, w);
        buf_puts(&b, em);
    }
    buf_puts(&b, ".\n");
    return buf_steal(&b);
}

/* MT.RepeatedPhrase, driven as its pass does: the blocks in order, then
 * the next document. Returns the words where a shape starts. */
static size_t check_repeat_index(rep_scan *s, const testdoc *t) {
    const doc *d = &t->d;
    const char *v = d->rview ? d->rview : d->view;
    size_t hits = 0;
    for (size_t b = 0; b < d->blocks.n; b++) {
        size_t first, nw = doc_block_words(d, &d->blocks.v[b], &first);
        if (nw < 4) continue;
        rep_index(s, v, &d->words.v[first], first, nw);
        for (size_t i = 0; i + 4 <= nw; i++) {
            if (!rep_match_at(v, s->words.v, nw, i)) continue;
            hits++;
            ck_assert_msg(s->cand.v[i / 64] >> (i % 64) & 1, "repeat at word %zu (\"%s\") not a candidate", i,
                          td_span(t, s->words.v[i].start, s->words.v[i].end));
        }
    }
    rep_scan_next(s, d->words.n);
    return hits;
}

static bool same_word(const doc *d, size_t a, size_t b) {
    const doc_word *x = &d->words.v[a], *y = &d->words.v[b];
    size_t n = x->end - x->start;
    return n == y->end - y->start && ascii_strncasecmp(d->view + x->start, d->view + y->start, n) == 0;
}

/* Layout.Repetition's index: loops at marked words, and sentences with
 * three words MIN_SCATTERED times (counted the slow way) busy. */
static void check_layout_index(lay_scan *s, const testdoc *t, size_t *loops, size_t *busy) {
    const doc *d = &t->d;
    lay_index(s, d);
    for (size_t i = 0; i < d->words.n; i++) {
        size_t n;
        if (!lay_loop_at(s, d, i, &n)) continue;
        ++*loops;
        ck_assert_msg(s->loops.v[i / 64] >> (i % 64) & 1, "loop at word %zu (\"%s\") not marked", i,
                      td_span(t, d->words.v[i].start, d->words.v[i].end));
    }
    for (size_t si = 0; si < d->sentences.n; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        if (sn->nwords < 3 * MIN_SCATTERED || sn->nwords > 400) continue;
        size_t f = sn->first_word, end = f + sn->nwords, most = 0;
        for (size_t j = f; j + 3 <= end; j++) {
            size_t count = 0;
            for (size_t k = f; k + 3 <= end; k++)
                count += same_word(d, j, k) && same_word(d, j + 1, k + 1) && same_word(d, j + 2, k + 2);
            if (count > most) most = count;
        }
        if (most < MIN_SCATTERED) continue;
        ++*busy;
        ck_assert_msg(s->busy.v[si], "sentence %zu has three words %zu times, not busy: %s", si, most,
                      td_span(t, sn->start, sn->end));
    }
}

START_TEST(index_case) {
    const gcase *c = &cases[_i];
    rnd_state = c->seed * 0x9E3779B97F4A7C15ULL | 1;
    rep_scan rs = {0};
    lay_scan ls = {0};
    size_t repeats = 0, loops = 0, busy = 0;
    for (size_t n = 0; n < c->docs; n++) {
        char *text = generate(c);
        testdoc *t = td_open(text, c->markup);
        repeats += check_repeat_index(&rs, t);
        check_layout_index(&ls, t, &loops, &busy);
        td_close(t);
        free(text);
    }
    rep_scan_free(&rs);
    lay_scan_free(&ls);
    ck_assert_msg(repeats >= c->min_repeat && loops >= c->min_loop && busy >= c->min_busy,
                  "%s: only %zu repeats, %zu loops, %zu busy sentences", c->name, repeats, loops, busy);
}
END_TEST

static Suite *make_suite(void) {
    Suite *s = suite_create("repindex");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, hash_case, 0, sizeof hcases / sizeof hcases[0]);
    tcase_add_loop_test(tc, index_case, 0, sizeof cases / sizeof cases[0]);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
