/* check_layout.c - the Layout.* rules: structure that MT pipelines flatten
 * or garble.
 *   Layout.RunInHeading  an ALL-CAPS sub-heading that lost its line break
 *                        and runs into the sentence after it;
 *   Layout.HeadlineCase  a title-case headline that capitalizes articles,
 *                        short conjunctions and prepositions;
 *   Layout.Repetition    the "hallucination loop" of neural MT: a phrase
 *                        repeated three times or more, and a sentence
 *                        repeated verbatim in one article.
 * All of them read the segmenter's words; nothing is searched again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "check.h"
#include "check_layout_impl.h"
#include "util.h"

enum { R_RUNIN, R_HEADCASE, R_REPEAT, NRULES };

static const struct {
    const char *id;
    mtl_severity level;
    const char *description;
} rules[NRULES] = {
    [R_RUNIN] = {"Layout.RunInHeading", MTL_WARNING,
                 "An ALL-CAPS phrase opening a sentence and followed by body text "
                 "(\"NEW MEASURES The minister said\"): a sub-heading whose line break was lost."},
    [R_HEADCASE] = {"Layout.HeadlineCase", MTL_INFO,
                    "A title-case headline that capitalizes articles, short conjunctions and "
                    "short prepositions (\"Plans To Grow And Hire\"); wire style keeps them lower "
                    "case."},
    [R_REPEAT] = {"Layout.Repetition", MTL_WARNING,
                  "A phrase repeated in a row (three words or more three times, two words four "
                  "times, one word six times) or four times in one sentence, or a sentence "
                  "repeated verbatim: the loop of neural MT."},
};

/* Sentences longer than this are not searched for scattered repeats (the
 * loop search still covers them). */
#define MAX_SCAN_WORDS 400
/* Verbatim repeats count from this many words. */
#define MIN_REPEAT_SENTENCE 8

typedef struct layout {
    size_t rule[NRULES];
    /* scratch, reused across documents */
    lay_scan scan;                                   /* word hashes and where repeats may be */
    struct { bool *v; size_t n, cap; } covered;      /* per word: in a loop found */
    struct { size_t *v; size_t n, cap; } table;      /* sentence hash table */
    struct { uint64_t *v; size_t n, cap; } shash;    /* per sentence */
} layout;

/* ---- words ---- */

static bool is_letter_word(const doc_word *w) { return w->status >= WORD_LETTER && w->status < WORD_KANA; }

/* Letters of a word: how many, how many upper and lower case. */
typedef struct wshape {
    size_t letters, upper, lower;
    bool first_upper;
} wshape;

static wshape shape(const char *v, const doc_word *w) {
    wshape s = {0};
    size_t i = w->start;
    bool first = true;
    while (i < w->end) {
        unsigned char b = (unsigned char)v[i];
        bool up, lo;
        if (b < 0x80) { /* ASCII without a call into ICU */
            i++;
            if (!ascii_isalpha(b)) continue;
            up = ascii_isupper(b);
            lo = !up;
        } else {
            int32_t c = u8_decode(v, w->end, &i);
            if (c < 0 || !u_isalpha(c)) continue;
            up = u_isupper(c);
            lo = u_islower(c);
        }
        s.letters++;
        if (up) s.upper++;
        if (lo) s.lower++;
        if (first) s.first_upper = up;
        first = false;
    }
    return s;
}

/* An ASCII lower-case letter in the word: then it is not all caps. */
static bool has_ascii_lower(const char *v, const doc_word *w) {
    for (size_t i = w->start; i < w->end; i++)
        if ((unsigned char)(v[i] - 'a') < 26) return true;
    return false;
}

static bool all_caps(const wshape *s) { return s->letters > 0 && s->lower == 0; }
static bool capitalized(const wshape *s) { return s->first_upper && s->lower > 0; }

static bool only_spaces(const char *v, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (v[i] != ' ') return false;
    return true;
}

/* ---- Layout.RunInHeading ---- */

/* Inside a heading run, words are joined by spaces or by the marks
 * headings use between words (ROCK-SOLID, Q&A, "PERU, CHILE"). */
static bool heading_gap(const char *v, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (!strchr(" -&/,'", v[i])) return false;
    return true;
}

static void run_in_headings(const layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    const char *v = d->view;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        block_kind bk = d->blocks.v[sn->block].kind;
        if (bk == BLOCK_HEADLINE || bk == BLOCK_HEADING || sn->nwords < 3) continue;
        const doc_word *w = &d->words.v[sn->first_word];
        if (w[0].start != sn->start) continue;
        size_t k = 0, letters = 0, longest = 0;
        while (k < sn->nwords) {
            /* most sentences open with a word in lower case after its first letter */
            if (!is_letter_word(&w[k]) || has_ascii_lower(v, &w[k])) break;
            wshape s = shape(v, &w[k]);
            if (!all_caps(&s)) break;
            if (k > 0 && !heading_gap(v, w[k - 1].end, w[k].start)) break;
            letters += s.letters;
            if (s.letters > longest) longest = s.letters;
            k++;
        }
        /* Two capital words at least, and more than a pair of acronyms
         * ("US SEC Chairman" is a name, not a heading). */
        if (k < 2 || k >= sn->nwords || longest < 4 || letters < 8) continue;
        wshape next = shape(v, &w[k]);
        if (!is_letter_word(&w[k]) || !capitalized(&next)) continue;
        if (!only_spaces(v, w[k - 1].end, w[k].start)) continue;
        /* a heading on a line of its own, wrapped into the paragraph by
         * plain-text layout, kept its break */
        if (memchr(d->text + w[k - 1].end, '\n', w[k].start - w[k - 1].end)) continue;
        finding_add(cx->out, ly->rule[R_RUNIN], w[0].start, w[k - 1].end, NULL,
                    "ALL-CAPS sub-heading runs into the body text; put it on a line of its own");
    }
}

/* ---- Layout.HeadlineCase ---- */

/* Articles, short conjunctions and short prepositions: lower case in a
 * title-case headline unless first or last. */
static const char *const minor_words[] = {"a",  "an",  "and", "as",  "at", "but", "by",  "for",
                                          "in", "nor", "of",  "off", "on", "or",  "per", "the",
                                          "to", "up",  "via", "vs",  NULL};

static bool is_minor(const char *v, const doc_word *w) {
    size_t n = w->end - w->start;
    char first = (char)ascii_tolower((unsigned char)v[w->start]);
    for (const char *const *m = minor_words; *m; m++)
        if ((*m)[0] == first && strlen(*m) == n && ascii_strncasecmp(*m, v + w->start, n) == 0)
            return true;
    return false;
}

/* A word that opens a part of the headline: first, or after a colon, a
 * dash, a question mark or a quotation mark. */
static bool starts_part(const char *v, size_t block_start, size_t at) {
    size_t i = at;
    while (i > block_start && v[i - 1] == ' ') i--;
    if (i == block_start) return true;
    size_t p = u8_prev(v, i);
    size_t q = p;
    int32_t c = u8_decode(v, i, &q);
    return c == ':' || c == '-' || c == 0x2013 || c == 0x2014 || c == '|' || c == '?' || c == '!' ||
           c == '"' || c == 0x201C || c == 0x2018 || c == '(' || c == '\'';
}

static void headline_case(const layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    if (d->headline < 0) return;
    const doc_block *b = &d->blocks.v[d->headline];
    const char *v = d->view;
    size_t w0, wn = doc_block_words(d, b, &w0);
    if (wn == 0) return;
    wn += w0;

    size_t cap_minor = 0, low_minor = 0, cap_content = 0, low_content = 0, caps = 0, nletter = 0;
    size_t last_letter = wn;
    for (size_t i = w0; i < wn; i++)
        if (is_letter_word(&d->words.v[i])) last_letter = i;
    for (size_t i = w0; i < wn; i++) {
        const doc_word *w = &d->words.v[i];
        if (!is_letter_word(w)) continue;
        nletter++;
        wshape s = shape(v, w);
        if (all_caps(&s) && s.letters > 1) caps++;
        if (starts_part(v, b->start, w->start)) continue;
        bool minor = is_minor(v, w);
        /* the last word is capitalized in title case whatever it is; a
         * minor word only counts standing apart (not the A of Q&A) */
        if (minor && (i == last_letter || w->start == b->start || v[w->start - 1] != ' ')) continue;
        bool up = s.first_upper, low = !s.first_upper && s.lower > 0;
        if (minor) {
            cap_minor += up && s.lower + 1 == s.letters ? 1 : 0;
            low_minor += low;
        } else {
            cap_content += up;
            low_content += low;
        }
    }
    /* An ALL-CAPS headline is another style; sentence case with a title in
     * it ("Strike threat over The Sims") has too few capitals. */
    if (cap_minor == 0 || caps * 2 > nletter || cap_content < 2 || cap_content <= low_content) return;

    /* the headline with its minor words lowered, and the words named */
    buf fix = {0}, names = {0};
    size_t at = b->start, shown = 0;
    for (size_t i = w0; i < wn; i++) {
        const doc_word *w = &d->words.v[i];
        if (!is_letter_word(w) || starts_part(v, b->start, w->start) || i == last_letter) continue;
        if (!is_minor(v, w) || !ascii_isupper((unsigned char)d->text[w->start])) continue;
        if (w->start == b->start || v[w->start - 1] != ' ') continue;
        buf_append(&fix, d->text + at, w->start - at);
        buf_putc(&fix, (char)ascii_tolower((unsigned char)d->text[w->start]));
        at = w->start + 1;
        if (shown++ < 4) {
            if (shown > 1) buf_puts(&names, ", ");
            buf_append(&names, d->text + w->start, w->end - w->start);
        }
    }
    buf_append(&fix, d->text + at, b->end - at);
    const char *sugg[] = {fix.data, NULL};
    bool mixed = low_content > 0 || low_minor > 0;
    finding_add(cx->out, ly->rule[R_HEADCASE], b->start, b->end, sugg,
                "headline %s capitalizes short function words (%s%s); wire style keeps them lower "
                "case",
                mixed ? "mixes title case and sentence case and" : "in title case", names.data,
                shown > 4 ? ", ..." : "");
    buf_free(&fix);
    buf_free(&names);
}

/* ---- Layout.Repetition ---- */

static bool same_word(const doc *d, size_t a, size_t b) {
    const doc_word *x = &d->words.v[a], *y = &d->words.v[b];
    size_t n = x->end - x->start;
    return n == y->end - y->start && ascii_strncasecmp(d->view + x->start, d->view + y->start, n) == 0;
}

/* h: the words' hashes (lay_scan's) */
static bool same_run(const uint64_t *h, const doc *d, size_t a, size_t b, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (h[a + k] != h[b + k] || !same_word(d, a + k, b + k)) return false;
    return true;
}

/* Words a..a+n of one block? (loops do not run across blocks) */
static bool one_block(const doc *d, size_t a, size_t n) {
    const doc_word *w = d->words.v;
    return d->sentences.v[w[a].sentence].block == d->sentences.v[w[a + n - 1].sentence].block;
}

static void report_repeat(layout *ly, check_ctx *cx, size_t first, size_t n, size_t from, size_t to,
                          size_t times, const char *where) {
    const doc *d = cx->d;
    const doc_word *w = d->words.v;
    char *phrase = xstrndup(d->text + w[first].start, w[first + n - 1].end - w[first].start);
    const char *sugg[] = {phrase, NULL};
    bool loop = where == NULL;
    finding_add(cx->out, ly->rule[R_REPEAT], w[from].start, w[to].end, loop ? sugg : NULL,
                "\"%s\" repeated %zu times %s", phrase, times, loop ? "in a row" : where);
    free(phrase);
}

/* The index, in one pass over the words. Every loop (below) has three
 * words said again 1 to MAX_LOOP_WORDS words later (six times one word,
 * four times a pair, three times a longer phrase), and a phrase scattered
 * over a sentence has three words MIN_SCATTERED times in it. Three words
 * seen again are found through the slot of their hash: each place is
 * chained to the last one before it with the same slot, and the chain is
 * walked back while a place may count, over a few places in most cases. */
_Static_assert(LAY_SLOTS == 1 << (64 - 54), "a slot is the top bits of a hash");

void lay_index(lay_scan *s, const doc *d) {
    size_t nw = d->words.n, ns = d->sentences.n, nbits = (nw + 63) / 64;
    s->hash.n = s->tri.n = s->prev.n = s->loops.n = s->busy.n = 0;
    VEC_RESERVE(s->hash, nw);
    VEC_RESERVE(s->tri, nw);
    VEC_RESERVE(s->prev, nw);
    VEC_RESERVE(s->loops, nbits);
    VEC_RESERVE(s->busy, ns);
    if (nbits) memset(s->loops.v, 0, nbits * sizeof *s->loops.v); /* else v may be NULL */
    if (ns) memset(s->busy.v, 0, ns * sizeof *s->busy.v);
    const doc_word *dw = d->words.v;
    uint64_t *h = s->hash.v, *tri = s->tri.v, *loops = s->loops.v;
    /* places count from base + 1: a slot never set (0) is none */
    uint32_t *prev = s->prev.v, *last = s->last, at = (uint32_t)(s->base + 1);
    for (size_t k = 0; k < nw; k++) h[k] = hash_folded(d->view + dw[k].start, dw[k].end - dw[k].start);
    /* the sentence of q, the end of its words, and its first word where the
     * sentence is searched for scattered phrases (SIZE_MAX where not) */
    size_t sent = 0, until = 0, from = SIZE_MAX;
    for (size_t q = 0; q + 3 <= nw; q++) {
        uint64_t t = h[q] ^ (h[q + 1] * 0x9E3779B97F4A7C15ULL) ^ (h[q + 2] * 0xC2B2AE3D27D4EB4FULL);
        size_t slot = (size_t)(t >> 54); /* the top bits: the products mix them best */
        tri[q] = t;
        if (q >= until) { /* the segmenter lists a sentence's words in a row */
            const doc_sentence *sn = &d->sentences.v[sent = dw[q].sentence];
            bool scan = sn->nwords >= 3 * MIN_SCATTERED && sn->nwords <= MAX_SCAN_WORDS;
            from = scan ? sn->first_word : SIZE_MAX;
            until = sn->first_word + sn->nwords;
        }
        /* back over the places with the slot while one may count: as the
         * start of a loop, or in the sentence until it is found busy (then
         * `from` is SIZE_MAX, so a sentence of one word said over and over
         * costs a few steps a word) */
        size_t seen = 1; /* q itself */
        /* the place of an earlier document wraps to a large one */
        for (size_t p = prev[q] = last[slot] - at; p < q && (q - p <= MAX_LOOP_WORDS || p >= from); p = prev[p]) {
            if (tri[p] != t) continue;
            if (q - p <= MAX_LOOP_WORDS) loops[p / 64] |= 1ULL << (p % 64);
            if (p >= from && ++seen >= MIN_SCATTERED) s->busy.v[sent] = true, from = SIZE_MAX;
        }
        last[slot] = at + (uint32_t)q;
    }
    s->base += nw;
}

void lay_scan_free(lay_scan *s) {
    VEC_FREE(s->hash);
    VEC_FREE(s->tri);
    VEC_FREE(s->prev);
    VEC_FREE(s->loops);
    VEC_FREE(s->busy);
}

/* "the new law the new law the new law": a phrase of 3+ words three times
 * or more in a row; a pair of words four times, a single word six times
 * ("Bern, Bern, Bern..."), since "no, no, no, no" is emphasis. The
 * shortest phrase that loops counts. */
size_t lay_loop_at(const lay_scan *s, const doc *d, size_t i, size_t *np) {
    const uint64_t *h = s->hash.v;
    size_t nw = d->words.n;
    for (size_t n = 1; n <= MAX_LOOP_WORDS; n++) {
        size_t need = n == 1 ? 6 : n == 2 ? 4 : 3;
        if (i + need * n > nw) break;
        if (h[i] != h[i + n]) continue;
        if (!one_block(d, i, need * n)) break;
        size_t times = 1;
        while (i + (times + 1) * n <= nw && one_block(d, i, (times + 1) * n) && same_run(h, d, i, i + times * n, n))
            times++;
        if (times < need) continue;
        *np = n;
        return times;
    }
    return 0;
}

static void find_loops(layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    size_t nw = d->words.n;
    /* nearly every word starts no loop */
    for (size_t i = bits_next(ly->scan.loops.v, nw, 0); i < nw; i = bits_next(ly->scan.loops.v, nw, i + 1)) {
        size_t n, times = lay_loop_at(&ly->scan, d, i, &n);
        if (!times) continue;
        report_repeat(ly, cx, i, n, i, i + times * n - 1, times, NULL);
        for (size_t k = i; k < i + times * n; k++) ly->covered.v[k] = true;
        i += times * n - 1;
    }
}

/* Function words: a phrase made of them only ("one of the") recurs in
 * long sentences by itself. */
static bool weak_word(const doc *d, size_t i) {
    const doc_word *w = &d->words.v[i];
    return w->end - w->start <= 3 || w->status < WORD_LETTER;
}

/* A phrase of 3+ words MIN_SCATTERED times in one sentence, not in a row.
 * Each phrase is reported once, at the occurrence that reaches the count. */
static void find_sentence_repeats(layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        if (sn->nwords < 3 * MIN_SCATTERED || sn->nwords > MAX_SCAN_WORDS) continue;
        size_t f = sn->first_word, end = f + sn->nwords;
        /* the index's cheap test lets almost every sentence skip the
         * quadratic search below */
        if (!ly->scan.busy.v[si]) continue;
        size_t reported[8], nrep = 0;
        for (size_t j = f + 3 * (MIN_SCATTERED - 1); j + 3 <= end; j++) {
            if (ly->covered.v[j]) continue;
            if (weak_word(d, j) && weak_word(d, j + 1) && weak_word(d, j + 2)) continue;
            bool again = false;
            for (size_t r = 0; r < nrep && !again; r++) again = same_run(ly->scan.hash.v, d, reported[r], j, 3);
            if (again) continue;
            /* earlier occurrences, nearest first, none overlapping */
            size_t occ[MIN_SCATTERED], nocc = 1, limit = j;
            occ[0] = j;
            for (size_t i = j - 2; i-- > f && nocc < MIN_SCATTERED;) {
                if (i + 3 > limit) continue;
                if (same_run(ly->scan.hash.v, d, i, j, 3)) {
                    occ[nocc++] = i;
                    limit = i;
                }
            }
            if (nocc < MIN_SCATTERED) continue;
            /* the longest phrase the occurrences share */
            size_t n = 3;
            for (;;) {
                bool ok = j + n < end;
                for (size_t k = 1; ok && k < nocc; k++)
                    ok = occ[k] + n < occ[k - 1] && same_run(ly->scan.hash.v, d, occ[k] + n, j + n, 1);
                if (!ok) break;
                n++;
            }
            report_repeat(ly, cx, j, n, j, j + n - 1, nocc, "in one sentence");
            if (nrep < sizeof reported / sizeof reported[0]) reported[nrep++] = j;
            for (size_t k = j; k < j + n; k++) ly->covered.v[k] = true;
            j += n - 1;
        }
    }
}

static uint64_t sentence_hash(const layout *ly, const doc_sentence *sn) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = 0; k < sn->nwords; k++) {
        h ^= ly->scan.hash.v[sn->first_word + k];
        h *= 1099511628211ULL;
    }
    return h;
}

static bool same_sentence(const layout *ly, const doc *d, const doc_sentence *a, const doc_sentence *b) {
    return a->nwords == b->nwords && same_run(ly->scan.hash.v, d, a->first_word, b->first_word, a->nwords);
}

/* A sentence repeated verbatim in the article (words compared, case and
 * punctuation aside). */
static void find_repeated_sentences(layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    size_t ns = d->sentences.n;
    size_t cap = 16;
    while (cap < ns * 2) cap *= 2;
    ly->table.n = 0;
    VEC_RESERVE(ly->table, cap);
    for (size_t i = 0; i < cap; i++) ly->table.v[i] = (size_t)-1;
    ly->shash.n = 0;
    VEC_RESERVE(ly->shash, ns);
    for (size_t si = 0; si < ns; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        block_kind bk = d->blocks.v[sn->block].kind;
        if (sn->nwords < MIN_REPEAT_SENTENCE || bk == BLOCK_HEADLINE || bk == BLOCK_HEADING) continue;
        if (ly->covered.v[sn->first_word]) continue;
        uint64_t h = sentence_hash(ly, sn);
        ly->shash.v[si] = h;
        size_t slot = (size_t)h & (cap - 1);
        bool dup = false;
        while (ly->table.v[slot] != (size_t)-1) {
            size_t o = ly->table.v[slot];
            if (ly->shash.v[o] == h && same_sentence(ly, d, &d->sentences.v[o], sn)) {
                size_t line = 0, col;
                if (d->src) source_line_col(d->src, d->base + d->sentences.v[o].start, &line, &col);
                if (line)
                    finding_add(cx->out, ly->rule[R_REPEAT], sn->start, sn->end, NULL,
                                "sentence repeated verbatim (first at line %zu)", line);
                else
                    finding_add(cx->out, ly->rule[R_REPEAT], sn->start, sn->end, NULL,
                                "sentence repeated verbatim");
                dup = true;
                break;
            }
            slot = (slot + 1) & (cap - 1);
        }
        if (!dup) ly->table.v[slot] = si;
    }
}

static void repetition(layout *ly, check_ctx *cx) {
    const doc *d = cx->d;
    size_t nw = d->words.n;
    ly->covered.n = 0;
    VEC_RESERVE(ly->covered, nw);
    if (nw) memset(ly->covered.v, 0, nw * sizeof *ly->covered.v); /* else v may be NULL */
    lay_index(&ly->scan, d);
    find_loops(ly, cx);
    find_sentence_repeats(ly, cx);
    find_repeated_sentences(ly, cx);
}

static void layout_run(void *state, check_ctx *cx) {
    layout *ly = state;
    if (reg_enabled(cx->reg, ly->rule[R_RUNIN])) run_in_headings(ly, cx);
    if (reg_enabled(cx->reg, ly->rule[R_HEADCASE])) headline_case(ly, cx);
    if (reg_enabled(cx->reg, ly->rule[R_REPEAT])) repetition(ly, cx);
}

static void layout_free(void *state) {
    layout *ly = state;
    lay_scan_free(&ly->scan);
    VEC_FREE(ly->covered);
    VEC_FREE(ly->table);
    VEC_FREE(ly->shash);
    free(ly);
}

/* Another thread's: the rule indices, and scratch of its own. */
static void *layout_fork(void *state) {
    layout *ly = xcalloc(1, sizeof *ly);
    memcpy(ly->rule, ((const layout *)state)->rule, sizeof ly->rule);
    return ly;
}

bool check_layout_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    size_t idx[NRULES];
    for (int i = 0; i < NRULES; i++) {
        long r = check_register(reg, rules[i].id, rules[i].level, MTL_CAT_LAYOUT, rules[i].description, diags);
        if (r < 0) return false;
        idx[i] = (size_t)r;
    }
    layout *ly = xcalloc(1, sizeof *ly);
    memcpy(ly->rule, idx, sizeof idx);
    *p = (pass){.name = "layout", .state = ly, .run = layout_run, .close = layout_free, .fork = layout_fork};
    return true;
}
