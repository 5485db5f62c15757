/* check_repeat.c - MT.RepeatedPhrase: the repetition loop of neural MT.
 * A system that loses its place says a run of words and then says it
 * again: "at the age of 65, at the age of 65", "including airships and
 * aircraft, including airships and aircraft", "Bern, Bern, Bern, Bern",
 * or the same sentence twice. English news repeats a phrase word for word
 * only in rhetoric, and that is mostly quoted speech, which is skipped.
 *
 * The shapes, over the words of one block (a run's own words joined by a
 * space, comma, apostrophe or hyphen, at most three such characters):
 *   - a run of 3-12 words, then at once the same run, after one to three
 *     spaces, commas or semicolons, or those and "and";
 *   - a pair of words, then ", " or "; " and the same pair;
 *   - a run of 5-12 words said again one to three words later (joined by
 *     a space or a comma and a space);
 *   - a run of 5-20 words ending a sentence and starting the next one.
 * A pair counts only across a comma or a semicolon, so "stronger and
 * stronger" and score lines ("6-4 6-4") are left alone. Words are
 * compared with ASCII case folded. This was a rule file with back
 * references; matching words found once by the segmenter is a fraction of
 * the cost. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_repeat_impl.h"
#include "util.h"

enum { RUN_MIN = 3, RUN_MAX = 12, NEAR_MIN = 5, NEAR_GAP_MAX = 3, SENT_MAX = 20 };

typedef struct repeat {
    size_t rule;
    check_example examples[11];
    /* scratch, reused across documents (a fork has its own) */
    rep_scan scan;
} repeat;

/* Bits lo..hi of a word-distance mask, and the highest bit set. */
#define LEN_MASK(lo, hi) ((((uint32_t)2 << (hi)) - 1) & ~(((uint32_t)1 << (lo)) - 1))
_Static_assert(SENT_MAX < 31, "word distances fit a uint32_t mask");
static size_t top_bit(uint32_t m) { return 31 - (size_t)__builtin_clz(m); }

static bool same_word(const char *v, rep_word a, rep_word b) {
    size_t n = a.end - a.start;
    return a.hash == b.hash && n == b.end - b.start && ascii_strncasecmp(v + a.start, v + b.start, n) == 0;
}

/* Gaps are read without the bytes the view masks (Markdown emphasis,
 * markup), so "_the_ summit, **the** summit" compares as plain text. */
static size_t gap_next(const char *v, size_t i, size_t b) {
    while (i < b && v[i] == DOC_MASK) i++;
    return i;
}

/* The gap [a, b) is 1..max unmasked bytes, each in `set`. */
static bool gap_in(const char *v, size_t a, size_t b, const char *set, size_t max) {
    size_t n = 0;
    for (size_t i = gap_next(v, a, b); i < b; i = gap_next(v, i + 1, b))
        if (++n > max || !v[i] || !strchr(set, v[i])) return false;
    return n > 0;
}

/* The gap [a, b) reads s. */
static bool gap_is(const char *v, size_t a, size_t b, const char *s) {
    size_t i = gap_next(v, a, b);
    for (; *s; s++, i = gap_next(v, i + 1, b))
        if (i >= b || v[i] != *s) return false;
    return i >= b;
}

/* The gaps [a, ae) and [b, be) read alike. */
static bool gaps_alike(const char *v, size_t a, size_t ae, size_t b, size_t be) {
    size_t i = gap_next(v, a, ae), j = gap_next(v, b, be);
    for (; i < ae && j < be; i = gap_next(v, i + 1, ae), j = gap_next(v, j + 1, be))
        if (v[i] != v[j]) return false;
    return i >= ae && j >= be;
}

/* Words w[i..i+n) form one run: joined by at most three of " ,'-". */
static bool is_run(const char *v, const rep_word *w, size_t i, size_t n) {
    for (size_t k = i + 1; k < i + n; k++)
        if (!gap_in(v, w[k - 1].end, w[k].start, " ,'-", 3)) return false;
    return true;
}

static bool same_run(const char *v, const rep_word *w, size_t i, size_t j, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (!same_word(v, w[i + k], w[j + k])) return false;
    /* the copies' inner gaps must read alike too ("Bern, Bern" is not
     * "Bern Bern") */
    for (size_t k = 1; k < n; k++)
        if (!gaps_alike(v, w[i + k - 1].end, w[i + k].start, w[j + k - 1].end, w[j + k].start)) return false;
    return true;
}

static bool is_and(const char *v, rep_word w) {
    return w.end - w.start == 3 && ascii_strncasecmp(v + w.start, "and", 3) == 0;
}

/* Shapes are tried in the order of the header. Each first compares the
 * first word of both copies before it looks at the whole run. */
size_t rep_match_at(const char *v, const rep_word *w, size_t nw, size_t i) {
    /* bit d: word i + d is word i again; no bit, no shape */
    uint32_t near = 0;
    size_t lim = nw - i - 1 < SENT_MAX ? nw - i - 1 : SENT_MAX;
    for (size_t d = 2; d <= lim; d++)
        if (same_word(v, w[i], w[i + d])) near |= (uint32_t)1 << d;
    if (!near) return 0;
#define NEAR(d) ((d) <= SENT_MAX && (near >> (d) & 1))
    /* Each loop below visits, longest first, only the lengths n whose
     * second copy can start with word i (a bit of near at the distance
     * its shape puts the copy), instead of trying every length. */
    /* a run said twice at once, joined by [ ,;]{1,3} and perhaps "and " */
    for (uint32_t m = (near | near >> 1) & LEN_MASK(RUN_MIN, RUN_MAX); m; m &= ~((uint32_t)1 << top_bit(m))) {
        size_t n = top_bit(m), j = i + n;
        if (j + n > nw) continue;
        if (NEAR(n)) {
            if (gap_in(v, w[j - 1].end, w[j].start, " ,;", 3) && same_run(v, w, i, j, n) && is_run(v, w, i, n))
                return j + n;
        } else if (NEAR(n + 1) && j + 1 + n <= nw && is_and(v, w[j]) &&
                   gap_in(v, w[j - 1].end, w[j].start, " ,;", 3) && gap_is(v, w[j].end, w[j + 1].start, " ") &&
                   same_run(v, w, i, j + 1, n) && is_run(v, w, i, n)) {
            return j + 1 + n;
        }
    }
    /* a pair across ", " or "; " */
    if (NEAR(2) && i + 4 <= nw && gap_in(v, w[i].end, w[i + 1].start, " '-", 1) &&
        (gap_is(v, w[i + 1].end, w[i + 2].start, ", ") || gap_is(v, w[i + 1].end, w[i + 2].start, "; ")) &&
        same_run(v, w, i, i + 2, 2))
        return i + 4;
    /* a long run again one to three words later (at a distance of 6..15) */
    uint32_t later = near >> 1 | near >> 2 | near >> 3; /* bit n: some gap 1..3 after n words */
    for (uint32_t m = later & LEN_MASK(NEAR_MIN, RUN_MAX); m; m &= ~((uint32_t)1 << top_bit(m))) {
        size_t n = top_bit(m);
        for (size_t g = 1; g <= NEAR_GAP_MAX && i + 2 * n + g <= nw; g++) {
            size_t j = i + n + g;
            if (!NEAR(n + g) || !same_run(v, w, i, j, n) || !is_run(v, w, i, n)) continue;
            bool joined = true;
            for (size_t k = i + n; k <= j && joined; k++)
                joined = gap_is(v, w[k - 1].end, w[k].start, " ") || gap_is(v, w[k - 1].end, w[k].start, ", ");
            if (joined) return j + n;
        }
    }
    /* a sentence said again as the next one */
    for (uint32_t m = near & LEN_MASK(NEAR_MIN, SENT_MAX); m; m &= ~((uint32_t)1 << top_bit(m))) {
        size_t n = top_bit(m), j = i + n;
        if (j + n > nw) continue;
        size_t a = w[j - 1].end, b = w[j].start;
        bool next = gap_is(v, a, b, ". ") || gap_is(v, a, b, "! ") || gap_is(v, a, b, "? ") ||
                    gap_is(v, a, b, "; ") || gap_is(v, a, b, ": ");
        if (next && same_run(v, w, i, j, n) && is_run(v, w, i, n)) return j + n;
    }
#undef NEAR
    return 0;
}

/* Every shape has a pair of words said again 2 words later (the pair
 * shape) or three words said again 3 to SENT_MAX words later (the
 * others: runs of 3 words or more, at most SENT_MAX apart). A word where
 * neither holds starts no shape; in news that is nearly every word. Three
 * words seen again are found through `last`, the place where the slot of
 * their hash was last seen: the second place of a pair finds there the
 * first or a place between them, so it looks back over the window, for
 * the same hash, only when the slot was seen inside it (about one word in
 * fifty, most of them slots shared by chance). Whatever `last` holds, a
 * pair is found: an old value only costs a look. */
_Static_assert(REP_SLOTS == 1 << (64 - 52), "a slot is the top bits of a hash");

void rep_index(rep_scan *s, const char *v, const doc_word *dw, size_t first, size_t nw) {
    s->words.n = s->tri.n = s->cand.n = 0;
    VEC_RESERVE(s->words, nw);
    VEC_RESERVE(s->tri, nw);
    size_t nbits = (nw + 63) / 64;
    VEC_RESERVE(s->cand, nbits);
    rep_word *w = s->words.v;
    uint64_t *cand = s->cand.v;
    if (nbits) memset(cand, 0, nbits * sizeof *cand); /* else v may be NULL */
    if (nw < 4) return;
    /* "_the_": the segmenter's word takes in emphasis marks; most blocks have none */
    bool masked = memchr(v + dw[0].start, DOC_MASK, dw[nw - 1].end - dw[0].start);
    for (size_t k = 0; k < nw; k++) {
        size_t ws = dw[k].start, we = dw[k].end;
        if (masked) {
            while (ws < we && v[ws] == DOC_MASK) ws++;
            while (we > ws && v[we - 1] == DOC_MASK) we--;
            if (ws == we) ws = dw[k].start, we = dw[k].end;
        }
        w[k] = (rep_word){ws, we, hash_folded(v + ws, we - ws)};
    }
    uint64_t *tri = s->tri.v;
    /* places modulo 2^16, enough for a window of SENT_MAX */
    uint16_t *last = s->last;
    uint32_t at = (uint32_t)(s->base + first);
    uint64_t h0 = w[0].hash, h1 = w[1].hash; /* words q and q + 1 */
    for (size_t q = 0; q + 3 <= nw; q++) {
        uint64_t h2 = w[q + 2].hash;
        uint64_t t = h0 ^ (h1 * 0x9E3779B97F4A7C15ULL) ^ (h2 * 0xC2B2AE3D27D4EB4FULL);
        size_t slot = (size_t)(t >> 52); /* the top bits: the products mix them best */
        tri[q] = t;
        /* the slot seen in the window: look for the same three words */
        if ((uint16_t)(at + q - last[slot] - 1) < SENT_MAX)
            for (size_t p = q > SENT_MAX ? q - SENT_MAX : 0; p < q; p++)
                if (tri[p] == t) cand[p / 64] |= 1ULL << (p % 64);
        last[slot] = (uint16_t)(at + q);
        if (h0 == h2 && q + 4 <= nw && h1 == w[q + 3].hash) cand[q / 64] |= 1ULL << (q % 64);
        h0 = h1, h1 = h2;
    }
}

void rep_scan_next(rep_scan *s, size_t nw) {
    s->base += nw;
}

void rep_scan_free(rep_scan *s) {
    VEC_FREE(s->words);
    VEC_FREE(s->tri);
    VEC_FREE(s->cand);
}

/* The match [s, e) overlaps a quotation (d->quotes, filled by the quote
 * parser before the checks run). */
static bool in_quote(const doc *d, size_t s, size_t e) {
    for (size_t q = 0; q < d->quotes.n; q++)
        if (d->quotes.v[q].start < e && s < d->quotes.v[q].end) return true;
    return false;
}

static void repeat_run(void *state, check_ctx *cx) {
    repeat *rp = state;
    const doc *d = cx->d;
    /* the rule engine's view: emphasis and other inline markup masked */
    const char *v = d->rview ? d->rview : d->view;
    for (size_t b = 0; b < d->blocks.n; b++) {
        size_t first, nw = doc_block_words(d, &d->blocks.v[b], &first);
        if (nw < 4) continue;
        rep_index(&rp->scan, v, &d->words.v[first], first, nw);
        const rep_word *w = rp->scan.words.v;
        for (size_t i = bits_next(rp->scan.cand.v, nw, 0); i + 4 <= nw; i = bits_next(rp->scan.cand.v, nw, i)) {
            size_t end = rep_match_at(v, w, nw, i);
            if (!end) {
                i++;
                continue;
            }
            if (!in_quote(d, w[i].start, w[end - 1].end)) {
                /* the message is one line: a soft line break reads as a space */
                char *m = xstrndup(d->text + w[i].start, w[end - 1].end - w[i].start);
                for (char *c = m; *c; c++)
                    if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
                finding_add(cx->out, rp->rule, w[i].start, w[end - 1].end, NULL,
                            "\"%s\" says the same words twice; keep one", m);
                free(m);
            }
            i = end;
        }
    }
    rep_scan_next(&rp->scan, d->words.n);
}

static void repeat_free(void *state) {
    repeat *rp = state;
    rep_scan_free(&rp->scan);
    free(rp);
}

static repeat *repeat_new(size_t rule) {
    repeat *rp = xcalloc(1, sizeof *rp);
    rp->rule = rule;
    return rp;
}

/* Another thread's: the rule and scratch of its own. */
static void *repeat_fork(void *state) {
    const repeat *rp = state;
    repeat *f = repeat_new(rp->rule);
    memcpy(f->examples, rp->examples, sizeof f->examples);
    return f;
}

static const check_example examples[] = {
    {.text = "He died on Friday at the age of 65, at the age of 65, after an illness.", .flag = true,
     .expect = "at the age of 65, at the age of 65"},
    {.text = "Its space programmes, including airships and aircraft, including airships and aircraft, grew.",
     .flag = true, .expect = "including airships and aircraft, including airships and aircraft"},
    {.text = "The main gain is medical insurance, medical insurance spending is lower.", .flag = true,
     .expect = "medical insurance, medical insurance"},
    {.text = "Buyers get a refund of the price of the property if the price of the property falls.", .flag = true,
     .expect = "the price of the property if the price of the property"},
    {.text = "Speeds rose. User experience has been greatly improved. User experience has been greatly improved.",
     .flag = true, .expect = "User experience has been greatly improved. User experience has been greatly improved"},
    {.text = "They toured the city of Bern, Bern, Bern, Bern, Bern, Bern and left.", .flag = true,
     .expect = "Bern, Bern, Bern, Bern, Bern, Bern"},
    {.text = "\"We have got to be responsible, we have got to be credible,\" he said.", .flag = false},
    {.text = "He beat his rival 6-4 6-4 in the final.", .flag = false},
    {.text = "It keeps going stronger and stronger and I expect more.", .flag = false},
    {.text = "The talks went on and on and on. She said no, no, no to the offer.", .flag = false},
    {.text = "Prices will rise at the same time. At the same time, wages will fall.", .flag = false},
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

bool check_repeat_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "MT.RepeatedPhrase", MTL_WARNING, MTL_CAT_GRAMMAR,
                            "A run of three to twelve words said twice back to back (joined by a space, "
                            "a comma, a semicolon or \"and\"), a pair of words said twice across a comma "
                            "or semicolon (\"medical insurance, medical insurance\"), or a run of five words "
                            "or more said again one to three words later or as the next sentence: the "
                            "repetition loop of neural MT. Quoted speech is skipped.",
                            diags);
    if (r < 0) return false;
    repeat *rp = repeat_new((size_t)r);
    _Static_assert(NEXAMPLES == sizeof rp->examples / sizeof rp->examples[0], "examples array size");
    for (size_t i = 0; i < NEXAMPLES; i++) {
        rp->examples[i] = check_example_own(&examples[i], rp->rule, "src/check_repeat.c", i + 1);
    }
    *p = (pass){.name = "repeat", .state = rp, .run = repeat_run, .close = repeat_free,
                .examples = rp->examples, .nexamples = NEXAMPLES, .fork = repeat_fork};
    return true;
}
