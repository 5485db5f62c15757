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
 * spellings, they are two names and neither is reported.
 *
 * Names.AbbreviationMix: one abbreviation written with points and without
 * in an article ("U.S." and "US", "U.N." and "UN"), which style guides
 * choose once; MT mixes them sentence by sentence. The form used less is
 * reported. */
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

/* An abbreviation of capitals, as written: dotted ("U.S.") or not ("US");
 * letters holds its capitals. */
typedef struct abbr_occ {
    size_t start, end;
    char letters[8];
    bool dotted;
} abbr_occ;

typedef struct consistency {
    size_t rule, abbr_rule;
    struct { name_occ *v; size_t n, cap; } occ;
    struct { name_kind *v; size_t n, cap; } kinds;
    struct { abbr_occ *v; size_t n, cap; } abbr;
    check_example examples[7];
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

static void names_run(consistency *c, check_ctx *cx) {
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


/* ---- Names.AbbreviationMix ---- */

enum { ABBR_MAX = 6 };

static bool is_alnum_byte(unsigned char c) { return ascii_isalpha(c) || (unsigned)(c - '0') < 10 || c >= 0x80; }

/* A word of two or more capitals at i..*end, or -1 length. */
static size_t caps_word(const char *t, size_t i, size_t n) {
    size_t k = i;
    while (k < n && ascii_isupper((unsigned char)t[k])) k++;
    return k;
}

/* Whether the word before s or after e is ALL CAPS too: a headline or
 * shouted line ("HELP US NOW"), where a capital word need not be an
 * abbreviation. */
static bool in_caps_run(const char *t, size_t n, size_t s, size_t e) {
    size_t k = s;
    while (k > 0 && t[k - 1] == ' ') k--;
    size_t we = k;
    while (k > 0 && ascii_isalpha((unsigned char)t[k - 1])) k--;
    if (we - k >= 2 && caps_word(t, k, we) == we) return true;
    k = e;
    while (k < n && t[k] == ' ') k++;
    size_t ws = k;
    while (k < n && ascii_isalpha((unsigned char)t[k])) k++;
    return k - ws >= 2 && caps_word(t, ws, k) == k;
}

/* Dotted ("U.S.", "U.N.") and plain ("US", "UN") abbreviations of two to
 * six capitals in the view's prose. */
static void collect_abbr(consistency *c, const doc *d) {
    const char *t = d->view;
    size_t n = d->len;
    c->abbr.n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ascii_isupper((unsigned char)t[i])) continue;
        if (i > 0 && (is_alnum_byte((unsigned char)t[i - 1]) || t[i - 1] == '.' || t[i - 1] == '\'')) continue;
        abbr_occ o = {.start = i};
        size_t k = i, nl = 0;
        if (i + 1 < n && t[i + 1] == '.') {
            /* U.S. : capital, point, capital, point... */
            while (k + 1 < n && ascii_isupper((unsigned char)t[k]) && t[k + 1] == '.' && nl < ABBR_MAX) {
                o.letters[nl++] = t[k];
                k += 2;
            }
            if (nl < 2 || (k < n && is_alnum_byte((unsigned char)t[k]))) {
                i = k;
                continue;
            }
            o.dotted = true;
        } else {
            k = caps_word(t, i, n);
            nl = k - i;
            if (nl < 2 || nl > ABBR_MAX || (k < n && (is_alnum_byte((unsigned char)t[k]) || t[k] == '\'')) ||
                in_caps_run(t, n, i, k)) {
                i = k;
                continue;
            }
            memcpy(o.letters, t + i, nl);
        }
        o.letters[nl] = '\0';
        /* "5 P.M." is a time, "the PM" a prime minister */
        if (strcmp(o.letters, "AM") == 0 || strcmp(o.letters, "PM") == 0) {
            i = k - 1;
            continue;
        }
        o.end = k;
        VEC_PUSH(c->abbr, o);
        i = k - 1;
    }
}

static void abbr_run(consistency *c, check_ctx *cx) {
    const doc *d = cx->d;
    collect_abbr(c, d);
    for (size_t x = 0; x < c->abbr.n; x++) {
        const abbr_occ *a = &c->abbr.v[x];
        /* each abbreviation once, at its first occurrence */
        bool seen = false;
        for (size_t y = 0; y < x && !seen; y++) seen = strcmp(c->abbr.v[y].letters, a->letters) == 0;
        if (seen) continue;
        size_t count[2] = {0, 0}, first[2] = {SIZE_MAX, SIZE_MAX};
        for (size_t y = x; y < c->abbr.n; y++) {
            const abbr_occ *b = &c->abbr.v[y];
            if (strcmp(b->letters, a->letters) != 0) continue;
            if (!count[b->dotted]++) first[b->dotted] = y;
        }
        if (!count[0] || !count[1]) continue;
        /* the form used less; of two as frequent, the one that came later */
        bool minor = count[1] < count[0] || (count[1] == count[0] && first[1] > first[0]);
        const abbr_occ *major = &c->abbr.v[first[!minor]];
        size_t major_count = count[!minor];
        for (size_t y = x; y < c->abbr.n; y++) {
            const abbr_occ *b = &c->abbr.v[y];
            if (b->dotted != minor || strcmp(b->letters, a->letters) != 0) continue;
            finding_add(cx->out, c->abbr_rule, b->start, b->end, NULL,
                        "'%.*s' here, '%.*s' elsewhere in the article (%zu time%s): write the abbreviation "
                        "one way",
                        (int)(b->end - b->start), d->text + b->start, (int)(major->end - major->start),
                        d->text + major->start, major_count, major_count == 1 ? "" : "s");
        }
    }
}

static void consistency_run(void *state, check_ctx *cx) {
    consistency *c = state;
    if (reg_enabled(cx->reg, c->abbr_rule)) abbr_run(c, cx);
    names_run(c, cx);
}

static const check_example examples[] = {
    {.text = "Xi Jinping spoke on Monday. On Tuesday, Xi Jingping left for Moscow. Xi Jinping returned on Friday.",
     .flag = true, .expect = "Xi Jingping"},
    {.text = "Kim Jong-un watched the parade with his sister Kim Yo-jong, in the square named after Kim Jong-il.",
     .flag = false},
    {.text = "South Korea and North Korea held talks; Li Wei met Li Wen.", .flag = false},
    /* Names.AbbreviationMix, from ABBR_FIRST on */
    {.text = "The U.S. envoy met the UN chief. Later the US team and the U.S. Senate agreed.", .flag = true,
     .expect = "US"},
    {.text = "The US and the UK signed. The US Senate agreed; HELP US, the banner read.", .flag = false},
    {.text = "The U.N. said the U.S. and the UN were apart.", .flag = true, .expect = "UN"},
    {.text = "The PM spoke at 5 P.M. and again at 9 P.M. on the radio.", .flag = false},
};
enum { ABBR_FIRST = 3 };
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
    VEC_FREE(c->abbr);
    free(c);
}

bool check_consistency_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "Names.Inconsistent", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                            "One name spelled two ways in an article (Xi Jinping, Xi Jingping): two runs of "
                            "capitalised words that differ in one letter of one word.");
    if (r < 0) {
        mtl_diags_add(diags, "Names.Inconsistent: rule id registered twice");
        return false;
    }
    long ra = check_register(reg, "Names.AbbreviationMix", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                             "One abbreviation written with points and without in an article (U.S. and "
                             "US): the form used less is reported.");
    if (ra < 0) {
        mtl_diags_add(diags, "Names.AbbreviationMix: rule id registered twice");
        return false;
    }
    consistency *c = xcalloc(1, sizeof *c);
    c->rule = (size_t)r;
    c->abbr_rule = (size_t)ra;
    for (size_t i = 0; i < NEXAMPLES; i++) {
        c->examples[i] = examples[i];
        c->examples[i].rule = i >= ABBR_FIRST ? c->abbr_rule : c->rule;
        c->examples[i].path = "src/check_consistency.c";
        c->examples[i].line = i + 1;
    }
    *p = (pass){.name = "consistency", .state = c, .run = consistency_run, .close = consistency_close,
                .examples = consistency_examples};
    return true;
}
