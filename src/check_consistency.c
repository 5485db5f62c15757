/* check_consistency.c - Names.Inconsistent: one person's name spelled two
 * ways in an article ("Xi Jinping" in one paragraph, "Xi Jingping" in the
 * next), from the target alone.
 *
 * A name is a run of two or more capitalised words. Two names are taken
 * for one spelled two ways when they have the same words but one, and
 * that one differs by a single letter (or by two in a long word) with the
 * same first letter, and not by an ending or by case alone: "Kim Jong-un" and "Kim Jong-il", or "Kim Jong-un" and
 * "Kim Yo-jong", are different people and stay apart. The rendering used
 * less often is reported, naming the other. With a source that has both
 * spellings, they are two names and neither is reported. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "util.h"

typedef struct name_occ {
    size_t start, end;   /* the name in the text */
    size_t id;           /* index of its distinct spelling */
} name_occ;

typedef struct name_kind {
    size_t first;        /* an occurrence, for its text */
    size_t count;
    size_t nwords;
} name_kind;

typedef struct consistency {
    size_t rule;
    struct { name_occ *v; size_t n, cap; } occ;
    struct { name_kind *v; size_t n, cap; } kinds;
    check_example examples[3];
} consistency;

/* Capitalised words that open sentences far more often than names. */
static const char *const openers[] = {
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "As", "If", "When", "After", "Before", "This",
    "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "According", "While", "Since", "Meanwhile",
    "However", "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "General", "Secretary", NULL};

static bool in_list(const char *const *l, const char *w, size_t n) {
    for (size_t i = 0; l[i]; i++)
        if (strlen(l[i]) == n && memcmp(l[i], w, n) == 0) return true;
    return false;
}

/* "Jinping", "Jong-un": a capital, then lower-case letters (hyphens
 * between parts). ALL-CAPS words are acronyms, not names to compare. */
static bool name_word(const char *w, size_t n) {
    if (n < 2 || !ascii_isupper((unsigned char)w[0])) return false;
    bool lower = false;
    for (size_t i = 1; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if ((unsigned)(c - 'a') < 26) lower = true;
        else if (c != '-' && !ascii_isupper(c)) return false;
    }
    return lower;
}

/* Words of a name: ICU splits "Jong-un" into "Jong" and "un"; the name
 * is read from the text, so a word here is a run between spaces. */
static size_t next_word(const char *t, size_t i, size_t end, size_t *ws, size_t *we) {
    while (i < end && t[i] == ' ') i++;
    *ws = i;
    while (i < end && (ascii_isalpha((unsigned char)t[i]) || t[i] == '-')) i++;
    *we = i;
    return i;
}

static size_t find_kind(consistency *c, const char *t, size_t s, size_t e) {
    for (size_t k = 0; k < c->kinds.n; k++) {
        const name_occ *o = &c->occ.v[c->kinds.v[k].first];
        if (o->end - o->start == e - s && memcmp(t + o->start, t + s, e - s) == 0) return k;
    }
    size_t nw = 1;
    for (size_t i = s; i < e; i++) nw += t[i] == ' ';
    VEC_PUSH(c->kinds, ((name_kind){.first = c->occ.n, .nwords = nw}));
    return c->kinds.n - 1;
}

/* Every name of the view's prose, sentence by sentence. */
static void collect(consistency *c, const doc *d) {
    const char *t = d->view;
    c->occ.n = c->kinds.n = 0;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        size_t i = sn->start, run_s = 0, run_e = 0, nrun = 0;
        while (i < sn->end) {
            size_t ws, we;
            i = next_word(t, i, sn->end, &ws, &we);
            bool ok = we > ws && name_word(t + ws, we - ws) &&
                      !(ws == sn->start && in_list(openers, t + ws, we - ws)) &&
                      !(nrun == 0 && in_list(openers, t + ws, we - ws));
            /* the run goes on only across one space */
            if (ok && nrun && ws == run_e + 1 && t[run_e] == ' ') {
                run_e = we;
                nrun++;
            } else {
                if (nrun >= 2) {
                    name_occ o = {.start = run_s, .end = run_e};
                    o.id = find_kind(c, t, run_s, run_e);
                    VEC_PUSH(c->occ, o);
                    c->kinds.v[o.id].count++;
                }
                nrun = ok ? 1 : 0;
                run_s = ws;
                run_e = we;
            }
            if (we == ws) i++;
        }
        if (nrun >= 2) {
            name_occ o = {.start = run_s, .end = run_e};
            o.id = find_kind(c, t, run_s, run_e);
            VEC_PUSH(c->occ, o);
            c->kinds.v[o.id].count++;
        }
    }
}

/* Whether two names are one spelled two ways: same words but one, which
 * is one letter off (two in a word of eight or more), same first letter. */
static bool variants(const char *t, const name_occ *a, const name_occ *b) {
    size_t ia = a->start, ib = b->start, diffs = 0;
    while (ia < a->end && ib < b->end) {
        size_t as, ae, bs, be;
        ia = next_word(t, ia, a->end, &as, &ae);
        ib = next_word(t, ib, b->end, &bs, &be);
        size_t na = ae - as, nb = be - bs;
        if (na == nb && memcmp(t + as, t + bs, na) == 0) continue;
        if (++diffs > 1 || t[as] != t[bs]) return false;
        /* an ending added is another word form (Korea, Korean; Returnee,
         * Returnees), and a change of case is style, not spelling */
        size_t common = na < nb ? na : nb;
        if (memcmp(t + as, t + bs, common) == 0 || (na == nb && strncasecmp(t + as, t + bs, na) == 0)) return false;
        size_t shorter = na < nb ? na : nb;
        size_t allowed = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
        size_t dist = str_edit_distance(t + as, na, t + bs, nb, 40);
        if (dist == 0 || dist > allowed) return false;
    }
    return diffs == 1 && ia >= a->end && ib >= b->end;
}

/* Whether the source document has the name as the target writes it. */
static bool in_source(const doc *d, const name_occ *o) {
    return d->source && memmem(d->source->text, d->source->len, d->text + o->start, o->end - o->start) != NULL;
}

static void consistency_run(void *state, check_ctx *cx) {
    consistency *c = state;
    const doc *d = cx->d;
    if (!reg_enabled(cx->reg, c->rule)) return;
    collect(c, d);
    for (size_t x = 0; x < c->kinds.n; x++) {
        for (size_t y = x + 1; y < c->kinds.n; y++) {
            name_kind *kx = &c->kinds.v[x], *ky = &c->kinds.v[y];
            if (kx->nwords != ky->nwords) continue;
            const name_occ *ox = &c->occ.v[kx->first], *oy = &c->occ.v[ky->first];
            if (!variants(d->view, ox, oy)) continue;
            /* with a source that writes both, they are two names */
            if (in_source(d, ox) && in_source(d, oy)) continue;
            /* the rarer spelling; of two as frequent, the later one */
            bool y_minor = ky->count < kx->count || (ky->count == kx->count && oy->start > ox->start);
            size_t minor = y_minor ? y : x;
            const name_occ *major = y_minor ? ox : oy;
            size_t major_count = y_minor ? kx->count : ky->count;
            for (size_t k = 0; k < c->occ.n; k++) {
                const name_occ *o = &c->occ.v[k];
                if (o->id != minor) continue;
                finding_add(cx->out, c->rule, o->start, o->end, NULL,
                            "'%.*s' here, '%.*s' elsewhere in the article (%zu time%s): one name spelled two ways?",
                            (int)(o->end - o->start), d->text + o->start, (int)(major->end - major->start),
                            d->text + major->start, major_count, major_count == 1 ? "" : "s");
            }
        }
    }
}

static const check_example examples[] = {
    {.text = "Xi Jinping spoke on Monday. On Tuesday, Xi Jingping left for Moscow. Xi Jinping returned on Friday.",
     .flag = true, .expect = "Xi Jingping"},
    {.text = "Kim Jong-un watched the parade with his sister Kim Yo-jong, in the square named after Kim Jong-il.",
     .flag = false},
    {.text = "South Korea and North Korea held talks; Li Wei met Li Wen.", .flag = false},
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

static size_t consistency_examples(void *state, const check_example **out) {
    consistency *c = state;
    *out = c->examples;
    return NEXAMPLES;
}

static void consistency_close(void *state) {
    consistency *c = state;
    VEC_FREE(c->occ);
    VEC_FREE(c->kinds);
    free(c);
}

bool check_consistency_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "Names.Inconsistent", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                            "One name spelled two ways in an article (Xi Jinping, Xi Jingping): two runs of "
                            "capitalised words that differ in one letter of one word.", diags);
    if (r < 0) return false;
    consistency *c = xcalloc(1, sizeof *c);
    c->rule = (size_t)r;
    for (size_t i = 0; i < NEXAMPLES; i++) {
        c->examples[i] = examples[i];
        c->examples[i].rule = c->rule;
        c->examples[i].path = "src/check_consistency.c";
        c->examples[i].line = i + 1;
    }
    *p = (pass){.name = "consistency", .state = c, .run = consistency_run, .close = consistency_close,
                .examples = consistency_examples};
    return true;
}
