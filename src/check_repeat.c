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
#include "util.h"

enum { RUN_MIN = 3, RUN_MAX = 12, NEAR_MIN = 5, NEAR_GAP_MAX = 3, SENT_MAX = 20 };

typedef struct repeat {
    size_t rule;
    check_example examples[11];
} repeat;

/* A block's words, as offsets into the view. */
typedef struct wspan {
    size_t start, end;
    uint32_t hash;            /* of the ASCII-folded bytes: most pairs differ here */
    size_t next;              /* the next word of the block with this hash; NO_NEXT: none */
} wspan;

#define NO_NEXT ((size_t)-1)

/* Bits lo..hi of a word-distance mask, and the highest bit set. */
#define LEN_MASK(lo, hi) ((((uint32_t)2 << (hi)) - 1) & ~(((uint32_t)1 << (lo)) - 1))
_Static_assert(SENT_MAX < 31, "word distances fit a uint32_t mask");
static size_t top_bit(uint32_t m) { return 31 - (size_t)__builtin_clz(m); }

/* Each byte with bit 5 set: the two cases of an ASCII letter hash alike,
 * all the folding needs; the rest that collides, same_word tells apart. */
static uint32_t fold_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ ((unsigned char)s[i] | 0x20u)) * 16777619u;
    return h;
}

static bool same_word(const char *v, wspan a, wspan b) {
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
static bool is_run(const char *v, const wspan *w, size_t i, size_t n) {
    for (size_t k = i + 1; k < i + n; k++)
        if (!gap_in(v, w[k - 1].end, w[k].start, " ,'-", 3)) return false;
    return true;
}

static bool same_run(const char *v, const wspan *w, size_t i, size_t j, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (!same_word(v, w[i + k], w[j + k])) return false;
    /* the copies' inner gaps must read alike too ("Bern, Bern" is not
     * "Bern Bern") */
    for (size_t k = 1; k < n; k++)
        if (!gaps_alike(v, w[i + k - 1].end, w[i + k].start, w[j + k - 1].end, w[j + k].start)) return false;
    return true;
}

static bool is_and(const char *v, wspan w) {
    return w.end - w.start == 3 && ascii_strncasecmp(v + w.start, "and", 3) == 0;
}

/* The first shape found at word i (in the order of the header), as the
 * index one past the last word of the second copy; 0 for none. Each
 * shape first compares the first word of both copies, which fails at
 * almost every word, before it looks at the whole run. */
static size_t match_at(const char *v, const wspan *w, size_t nw, size_t i) {
    /* bit d: word i + d is word i again; no bit, no shape */
    uint32_t near = 0;
    for (size_t j = w[i].next; j != NO_NEXT && j - i <= SENT_MAX; j = w[j].next)
        if (j - i >= 2 && same_word(v, w[i], w[j])) near |= (uint32_t)1 << (j - i);
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

/* The match [s, e) overlaps a quotation (d->quotes, filled by the quote
 * parser before the checks run). */
static bool in_quote(const doc *d, size_t s, size_t e) {
    for (size_t q = 0; q < d->quotes.n; q++)
        if (d->quotes.v[q].start < e && s < d->quotes.v[q].end) return true;
    return false;
}

static void repeat_run(void *state, check_ctx *cx) {
    const repeat *rp = state;
    const doc *d = cx->d;
    /* the rule engine's view: emphasis and other inline markup masked */
    const char *v = d->rview ? d->rview : d->view;
    wspan *w = NULL;
    size_t cap = 0, *tab = NULL, tcap = 0;
    for (size_t b = 0; b < d->blocks.n; b++) {
        const doc_block *bl = &d->blocks.v[b];
        if (!bl->nsentences) continue;
        const doc_sentence *s0 = &d->sentences.v[bl->first_sentence];
        const doc_sentence *s1 = &d->sentences.v[bl->first_sentence + bl->nsentences - 1];
        size_t first = s0->first_word, nw = s1->first_word + s1->nwords - first;
        if (nw < 4) continue;
        if (nw > cap) {
            cap = nw;
            w = xrealloc(w, cap * sizeof *w);
        }
        for (size_t k = 0; k < nw; k++) {
            const doc_word *dw = &d->words.v[first + k];
            size_t ws = dw->start, we = dw->end;
            /* "_the_": the segmenter's word takes in emphasis marks */
            while (ws < we && v[ws] == DOC_MASK) ws++;
            while (we > ws && v[we - 1] == DOC_MASK) we--;
            if (ws == we) ws = dw->start, we = dw->end;
            w[k] = (wspan){ws, we, fold_hash(v + ws, we - ws), NO_NEXT};
        }
        /* chain each word to the next one with its hash: an open-addressing
         * table of the last index seen, filled from the end */
        size_t tsize = 16;
        while (tsize < 2 * nw) tsize *= 2;
        if (tsize > tcap) {
            tcap = tsize;
            tab = xrealloc(tab, tcap * sizeof *tab);
        }
        for (size_t k = 0; k < tsize; k++) tab[k] = NO_NEXT;
        for (size_t k = nw; k-- > 0;) {
            size_t slot = w[k].hash & (tsize - 1);
            while (tab[slot] != NO_NEXT && w[tab[slot]].hash != w[k].hash) slot = (slot + 1) & (tsize - 1);
            w[k].next = tab[slot];
            tab[slot] = k;
        }
        for (size_t i = 0; i + 4 <= nw;) {
            size_t end = match_at(v, w, nw, i);
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
    free(w);
    free(tab);
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

static size_t repeat_examples(void *state, const check_example **out) {
    repeat *rp = state;
    *out = rp->examples;
    return NEXAMPLES;
}

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
    repeat *rp = xcalloc(1, sizeof *rp);
    rp->rule = (size_t)r;
    _Static_assert(NEXAMPLES == sizeof rp->examples / sizeof rp->examples[0], "examples array size");
    for (size_t i = 0; i < NEXAMPLES; i++) {
        rp->examples[i] = check_example_own(&examples[i], rp->rule, "src/check_repeat.c", i + 1);
    }
    *p = (pass){.name = "repeat", .state = rp, .run = repeat_run, .close = free, .examples = repeat_examples};
    return true;
}
