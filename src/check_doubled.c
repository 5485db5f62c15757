/* check_doubled.c - MT.DoubledWord: "the the", across line breaks.
 * MT systems and hurried post-editing both leave them. Case-insensitive;
 * names that double on purpose ("Bora Bora") and the grammatical "had
 * had" / "that that" are left alone. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

typedef struct doubled {
    size_t rule;
} doubled;

/* ASCII letters fold; other bytes must match exactly (enough for "The
 * the"; "Él él" is not worth a case-folding pass per word pair). */
static bool same_word_ci(const char *a, size_t na, const char *b, size_t nb) {
    return na == nb && ascii_strncasecmp(a, b, na) == 0;
}

static bool gap_is_space(const char *v, size_t a, size_t b) {
    if (a == b) return false; /* adjacent words without a gap are one token */
    for (size_t i = a; i < b; i++)
        if (!ascii_isspace((unsigned char)v[i])) return false;
    return true;
}

/* Doubles that are grammatical ("had had", "that that") or emphatic in
 * quoted speech ("very very", "really really"). */
static bool intended_double(const char *w, size_t n) {
    static const char *const ok[] = {"had", "that", "very", "really", "so", "far", "many", "much",
                                     "bye", "yeah", "yes", "ha", "no", "knock", "tut", NULL};
    for (const char *const *p = ok; *p; p++)
        if (strlen(*p) == n && ascii_strncasecmp(w, *p, n) == 0) return true;
    return false;
}

/* Short function words, the ones MT and typing actually double; a
 * capitalised pair of anything else is a name ("Duran Duran"). */
static bool function_word(const char *w, size_t n) {
    static const char *const fw[] = {"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at",
                                     "for", "by", "with", "from", "as", "is", "are", "was", "be", "it",
                                     "this", "will", "would", "can", "could", "has", "have", NULL};
    for (const char *const *p = fw; *p; p++)
        if (strlen(*p) == n && ascii_strncasecmp(w, *p, n) == 0) return true;
    return false;
}

/* The pair of words i, i + 1, whose lengths and first letters match:
 * reports it when it is a doubled word. Returns the index of the last
 * word it has dealt with (i, or further past a run or a finding). Not
 * inlined: the loop of doubled_run stays small enough for registers. */
__attribute__((noinline)) static size_t doubled_pair(const doubled *dw, check_ctx *cx, size_t i) {
    const doc *d = cx->d;
    const char *v = d->view;
    const doc_word *a = &d->words.v[i], *b = &d->words.v[i + 1];
    size_t na = a->end - a->start, nb = b->end - b->start;
    if (a->status < WORD_LETTER || b->status < WORD_LETTER) return i;
    if (!same_word_ci(v + a->start, na, v + b->start, nb)) return i;
    if (!gap_is_space(v, a->end, b->start)) return i;
    if (d->sentences.v[a->sentence].block != d->sentences.v[b->sentence].block) return i;
    if (intended_double(v + a->start, na)) return i;
    /* "in in-fighting": the second word belongs to a compound */
    if (b->end < d->len && v[b->end] == '-') return i;
    /* a run of three or more ("no no no") is meant */
    if (i + 2 < d->words.n && d->words.v[i + 2].end - d->words.v[i + 2].start == nb &&
        same_word_ci(v + b->start, nb, v + d->words.v[i + 2].start, nb) &&
        gap_is_space(v, b->end, d->words.v[i + 2].start)) {
        while (i + 1 < d->words.n && same_word_ci(v + a->start, na, v + d->words.v[i + 1].start,
                                                  d->words.v[i + 1].end - d->words.v[i + 1].start))
            i++;
        return i;
    }
    bool a_cap = ascii_isupper((unsigned char)v[a->start]), b_cap = ascii_isupper((unsigned char)v[b->start]);
    bool a_initial = d->sentences.v[a->sentence].start == a->start;
    /* "lord Lord Bingham": a capital the sentence start does not explain
     * marks a name or title */
    if (b_cap && !a_cap) return i;
    if (a_cap && b_cap && !function_word(v + a->start, na)) return i; /* "Bora Bora" */
    if (a_cap && !b_cap && !a_initial) return i;
    char *word = xstrndup(d->text + a->start, na);
    const char *sugg[] = {word, NULL};
    finding_add(cx->out, dw->rule, a->start, b->end, sugg, "'%s' is repeated; delete one", word);
    free(word);
    return i + 1; /* "the the the" is one finding per pair, not overlapping ones */
}

static void doubled_run(void *state, check_ctx *cx) {
    const doubled *dw = state;
    const char *v = cx->d->view;
    const doc_word *w = cx->d->words.v;
    size_t n = cx->d->words.n;
    size_t nb = n ? w[0].end - w[0].start : 0; /* the length of word i + 1, carried */
    for (size_t i = 0; i + 1 < n; i++) {
        size_t na = nb;
        nb = w[i + 1].end - w[i + 1].start;
        /* most pairs differ in length or in the first letter (bytes that
         * differ in more than the case bit 0x20 differ after any fold):
         * this loop passes them with no call */
        if (na != nb || (na && ((v[w[i].start] ^ v[w[i + 1].start]) & ~0x20))) continue;
        size_t last = doubled_pair(dw, cx, i);
        if (last != i && last + 1 < n) nb = w[last + 1].end - w[last + 1].start;
        i = last;
    }
}

bool check_doubled_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "MT.DoubledWord", MTL_WARNING, MTL_CAT_GRAMMAR,
                            "The same word twice in a row (\"the the\"), across line breaks too.", diags);
    if (r < 0) return false;
    doubled *dw = xcalloc(1, sizeof *dw);
    dw->rule = (size_t)r;
    *p = (pass){.name = "doubled", .state = dw, .run = doubled_run, .close = free};
    return true;
}
