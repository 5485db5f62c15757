/* rules_prefilter.c - what every match of a list entry needs, read once from
 * its pattern, so that the run tries an entry only where it can match.
 *
 * The pattern is read (PCRE2's syntax; whatever is not understood here
 * makes that part "anything", which is always safe) into an abstract value:
 * a set of texts that the matches consume, written with a few markers for
 * what is not known exactly (a word boundary, some word character, some
 * other character, anything at all). From that set come:
 *
 *  - keys: the folded first word (or first two) of every match, when every
 *    match starts at a whole word from a short list: the run looks the
 *    entry up by word and checks it, anchored, only there;
 *  - clauses of atoms: every match needs, in its block, at least one atom of
 *    each clause. An atom is a whole word (read by the same word scan as the
 *    keys) or one or two characters (read by a byte table). "[Aa]ccidents?
 *    of (?:traffic|transit)" needs {accident, accidents} and {traffic,
 *    transit}; "\d+ ?%" needs {"%"}; "\b\w+ '(?:s|re)\b" needs {" '"}.
 *
 * Sets grow by products (alternatives times what follows); past SET_MAX
 * texts they are cut down to their edges, and what the cut middles needed
 * is kept as clauses first. Lookarounds consume nothing but what a
 * positive one looks for is needed too (inside the unit, so in its block). */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "rules_impl.h"

/* ---- texts ---- */

/* Markers: bytes that never occur in UTF-8. Literal ASCII letters are kept
 * in lower case (words and character atoms are both compared folded). */
enum {
    SY_B = 0xF8, /* a word boundary: \b, ^, $, \A, \z (zero width) */
    SY_NW,       /* one character that is not a word character */
    SY_W,        /* some word characters (how many never matters here) */
    SY_D,        /* one decimal digit */
    SY_GAP,      /* any text, perhaps empty */
    SY_CI,       /* the character after it also matches other characters (caseless) */
};

#define TX_MAX 64   /* bytes of a text */
#define SET_MAX 256 /* texts of a set */
#define TSET_LINEAR 16 /* sets this small are searched without an index */
#define JOIN_CUT 64  /* products past this are cut where no word crosses (cut_at_junction) */
#define ATOMS_PER_TEXT 24
#define CLAUSE_MAX 64 /* atoms of a clause */
#define NEED_MAX 8    /* clauses of an entry (bits of rentry.need_all) */
#define KEYS_MAX 256
#define COST_OFF 100 /* atoms this common are never worth a lookup */

typedef struct ptext {
    uint8_t n;
    unsigned char s[TX_MAX];
} ptext;

/* A set of texts, with a hash index of them (slot: 1 + index, 0 free). */
typedef struct tset {
    ptext *v;
    size_t n, cap;
    uint32_t *idx;
    size_t nidx; /* a power of two, at least twice n */
} tset;

typedef struct cset {
    rclause *v;
    size_t n, cap;
} cset;

typedef struct pval {
    tset t;
    cset c;
} pval;

/* Bytes of the unit at t[i]: a marker, or a character (after SY_CI). */
static size_t text_unit_len(const ptext *t, size_t i) {
    unsigned char c = t->s[i];
    if (c == SY_CI) return 1 + text_unit_len(t, i + 1);
    if (c < 0x80 || c >= SY_B) return 1;
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

typedef enum { UK_DELIM, UK_WORD, UK_WUNK, UK_GAP } ukind;

/* What the unit at t[i] is for word runs; *cp is its character. */
static ukind text_unit(const ptext *t, size_t i, int32_t *cp) {
    unsigned char c = t->s[i];
    if (c < 0x80) { /* most of them */
        *cp = c;
        return ascii_isalpha(c) || ascii_isdigit(c) || c == '_' ? UK_WORD : UK_DELIM;
    }
    *cp = -1;
    switch (c) {
    case SY_B:
    case SY_NW: return UK_DELIM;
    case SY_W:
    case SY_D: return UK_WUNK;
    case SY_GAP: return UK_GAP;
    case SY_CI: i++; break;
    default: break;
    }
    size_t j = i;
    *cp = u8_decode((const char *)t->s, t->n, &j);
    return *cp >= 0 && rules_is_word(*cp) ? UK_WORD : UK_DELIM;
}

static bool tx_eq(const ptext *a, const ptext *b) { return a->n == b->n && memcmp(a->s, b->s, a->n) == 0; }

static void tset_free(tset *s) {
    VEC_FREE(*s);
    free(s->idx);
    s->idx = NULL;
    s->nidx = 0;
}

/* The index slot of t: where it is, or the free slot where it would go. */
static size_t tset_slot(const tset *s, const ptext *t) {
    size_t h = (size_t)hash_bytes(t->s, t->n) & (s->nidx - 1);
    while (s->idx[h] && !tx_eq(&s->v[s->idx[h] - 1], t)) h = (h + 1) & (s->nidx - 1);
    return h;
}

/* Room for n texts in all; the index comes past a few texts. */
static void tset_reserve(tset *s, size_t n) {
    VEC_RESERVE(*s, n > s->n ? n - s->n : 0);
    if (n <= TSET_LINEAR || n * 2 < s->nidx) return;
    free(s->idx);
    s->nidx = 64;
    while (s->nidx <= n * 2) s->nidx *= 2;
    s->idx = xcalloc(s->nidx, sizeof *s->idx);
    for (size_t i = 0; i < s->n; i++) s->idx[tset_slot(s, &s->v[i])] = (uint32_t)(i + 1);
}

static void tset_add(tset *s, const ptext *t) {
    if (!s->idx && s->n < TSET_LINEAR) { /* a few texts: no index */
        for (size_t i = 0; i < s->n; i++)
            if (tx_eq(&s->v[i], t)) return;
        VEC_PUSH(*s, *t);
        return;
    }
    if (s->n * 2 >= s->nidx) tset_reserve(s, s->n * 2 + 1);
    size_t h = tset_slot(s, t);
    if (s->idx[h]) return;
    VEC_PUSH(*s, *t);
    s->idx[h] = (uint32_t)s->n;
}

/* Bytes of a run for tx_canon: ASCII word characters and unknown ones
 * (other characters end a run there, which only keeps more). */
static bool run_byte(unsigned char c) {
    return c == SY_W || c == SY_D || (c < 0x80 && (ascii_isalpha(c) || ascii_isdigit(c) || c == '_'));
}

/* Whether a letter next to c can form no character atom with it (see byte_cost). */
static bool plain_next(unsigned char c) { return c == SY_W || (c && c < 0x80 && (ascii_isalpha(c) || strchr(" ,.", c))); }

/* A run of word characters that holds unknown ones (\w+ed, \p{Ll}+al) is no
 * whole word, and a letter inside it between letters, spaces or commas gives
 * no character atom either: such letters become SY_W, and unknowns in a row
 * one, so that texts differing only there are one. */
static void tx_canon(ptext *t) {
    if (!memchr(t->s, SY_W, t->n) && !memchr(t->s, SY_D, t->n)) return;
    unsigned char out[TX_MAX];
    size_t n = t->n, w = 0;
    for (size_t i = 0; i < n;) {
        if (!run_byte(t->s[i])) {
            out[w++] = t->s[i++];
            continue;
        }
        size_t j = i;
        bool unknown = false;
        for (; j < n && run_byte(t->s[j]); j++) unknown |= t->s[j] == SY_W || t->s[j] == SY_D;
        for (size_t k = i; k < j; k++) {
            unsigned char c = t->s[k];
            if (unknown && ascii_isalpha(c) && k > 0 && k + 1 < n && plain_next(t->s[k - 1]) && plain_next(t->s[k + 1]))
                c = SY_W;
            if (c != SY_W || !w || out[w - 1] != SY_W) out[w++] = c;
        }
        i = j;
    }
    memcpy(t->s, out, w);
    t->n = (uint8_t)w;
}

/* a then b, two gaps in a row as one; false when too long. */
static bool tx_cat(ptext *out, const ptext *a, const ptext *b) {
    size_t skip = a->n && b->n && a->s[a->n - 1] == SY_GAP && b->s[0] == SY_GAP;
    if ((size_t)a->n + b->n - skip > TX_MAX) return false;
    memcpy(out->s, a->s, a->n);
    memcpy(out->s + a->n, b->s + skip, b->n - skip);
    out->n = (uint8_t)(a->n + b->n - skip);
    tx_canon(out);
    return true;
}

static ptext tx_sym(unsigned char sym) {
    ptext t = {.n = 1};
    t.s[0] = sym;
    return t;
}

/* ---- atoms ---- */

/* Words too common to be worth a lookup. */
static const char *const COMMON[] = {
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into",
    "is", "it", "its", "more", "new", "not", "of", "on", "one", "or", "out", "over", "said", "she",
    "than", "that", "the", "their", "there", "they", "this", "to", "two", "up", "was", "we", "were",
    "which", "who", "will", "with", "would", "you",
};

static unsigned word_cost(const char *w, size_t n) {
    for (size_t i = 0; n <= 5 && i < sizeof COMMON / sizeof COMMON[0]; i++) /* none is longer */
        if (COMMON[i][0] == w[0] && strlen(COMMON[i]) == n && memcmp(COMMON[i], w, n) == 0) return COST_OFF;
    bool digits = true;
    for (size_t i = 0; i < n; i++) digits &= ascii_isdigit((unsigned char)w[i]);
    if (digits) return 40;
    return n <= 2 ? 60 : n == 3 ? 30 : n == 4 ? 15 : 8;
}

/* How common a byte of the character scan is in English prose. */
static unsigned byte_cost(unsigned char b) {
    if ((b >= 'a' && b <= 'z') || b == ' ' || b == ',' || b == '.') return COST_OFF;
    if (b == '0') return 60;
    if (b == '\'' || b == '"') return 50;
    if (b == '-') return 45; /* in half the paragraphs of news: alone, still worth a look */
    if (b == ':' || b == ';' || b == '/' || b == '(' || b == ')' || b == '\n') return 30;
    if (b >= 0xC0) return 40; /* lead bytes: accents, curly quotes */
    return b >= 0x80 ? 20 : 10;
}

static unsigned atom_cost(const ratom *a) {
    if (a->word) return word_cost(a->s, a->len);
    unsigned c0 = byte_cost((unsigned char)a->s[0]);
    if (a->len == 1) return c0 >= COST_OFF ? COST_OFF : c0 * 2;
    unsigned c1 = byte_cost((unsigned char)a->s[1]);
    /* a full stop or comma twice in a row is rare in prose (an ellipsis, a typo) */
    if (a->s[0] == a->s[1] && (a->s[0] == '.' || a->s[0] == ',')) return 25;
    if (c0 >= COST_OFF && c1 >= COST_OFF) return COST_OFF; /* letters, spaces */
    return (c0 < c1 ? c0 : c1) / 2 + 1;
}

static bool atom_eq(const ratom *a, const ratom *b) {
    return a->word == b->word && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* The bytes the character scan reads for code point cp. */
size_t rules_char_norm(int32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)(ascii_isdigit(cp) ? '0' : ascii_tolower(cp));
        return 1;
    }
    if (u_charType(cp) == U_DECIMAL_DIGIT_NUMBER) { /* what \d matches, all as '0' */
        out[0] = '0';
        return 1;
    }
    return u8_encode(cp, out);
}

/* Candidate atoms of one text, at most ATOMS_PER_TEXT (the cheapest). */
typedef struct tatoms {
    ratom v[ATOMS_PER_TEXT];
    unsigned cost[ATOMS_PER_TEXT];
    size_t n;
} tatoms;

static void tatoms_add(tatoms *ta, const ratom *a) {
    unsigned c = atom_cost(a);
    if (c >= COST_OFF) return;
    for (size_t i = 0; i < ta->n; i++)
        if (atom_eq(&ta->v[i], a)) return;
    size_t at = ta->n;
    if (ta->n == ATOMS_PER_TEXT) { /* replace the dearest if this one is cheaper */
        at = 0;
        for (size_t i = 1; i < ta->n; i++)
            if (ta->cost[i] > ta->cost[at]) at = i;
        if (ta->cost[at] <= c) return;
    } else {
        ta->n++;
    }
    ta->v[at] = *a;
    ta->cost[at] = c;
}

/* The whole words of t: runs of literal word characters with a delimiter
 * on both sides inside t (what surrounds t is unknown). */
static void text_words(const ptext *t, tatoms *ta) {
    bool delim_before = false;
    for (size_t i = 0; i < t->n;) {
        int32_t cp;
        ukind k = text_unit(t, i, &cp);
        if (k == UK_DELIM || k == UK_GAP) {
            delim_before = k == UK_DELIM;
            i += text_unit_len(t, i);
            continue;
        }
        ratom w = {.word = true};
        bool exact = true, fits = true;
        for (; i < t->n && (k == UK_WORD || k == UK_WUNK); k = i < t->n ? text_unit(t, i, &cp) : UK_GAP) {
            char enc[4];
            size_t n = k == UK_WORD ? u8_encode(rules_fold(cp), enc) : 0;
            exact &= k == UK_WORD;
            if (w.len + n >= RATOM_MAX) fits = false;
            else {
                memcpy(w.s + w.len, enc, n);
                w.len = (uint8_t)(w.len + n);
            }
            i += text_unit_len(t, i);
        }
        if (exact && fits && delim_before && i < t->n && k == UK_DELIM) tatoms_add(ta, &w);
        delim_before = false;
    }
}

/* The characters of t and the pairs of adjacent ones, as the character
 * scan reads them; markers and caseless characters are unknown. Letters,
 * spaces and their pairs are too common to be worth a look. */
static void text_chars(const ptext *t, tatoms *ta) {
    unsigned char prev = 0;
    bool have_prev = false;
    for (size_t i = 0; i < t->n; i += text_unit_len(t, i)) {
        unsigned char c = t->s[i];
        char nb[4];
        size_t nn = 0;
        if (c == SY_D) {
            nb[nn++] = '0';
        } else if (c < 0x80) { /* letters are kept in lower case; digits count as '0' */
            if (c) nb[nn++] = (char)(ascii_isdigit(c) ? '0' : c);
        } else if (c < SY_B) {
            size_t j = i;
            int32_t cp = u8_decode((const char *)t->s, t->n, &j);
            if (cp > 0) nn = rules_char_norm(cp, nb);
        }
        if (!nn) have_prev = false;
        for (size_t b = 0; b < nn; b++) {
            unsigned char x = (unsigned char)nb[b];
            bool common = byte_cost(x) >= COST_OFF;
            ratom a = {.word = false, .len = 1};
            a.s[0] = (char)x;
            if (!common) tatoms_add(ta, &a);
            if (have_prev) { /* tatoms_add drops the common pairs */
                a.len = 2;
                a.s[0] = (char)prev;
                a.s[1] = (char)x;
                tatoms_add(ta, &a);
            }
            prev = x;
            have_prev = true;
        }
    }
}

/* ---- clauses ---- */

static void clause_free(rclause *c) { VEC_FREE(*c); }

static bool clause_has(const rclause *c, const ratom *a) {
    for (size_t i = 0; i < c->n; i++)
        if (atom_eq(&c->v[i], a)) return true;
    return false;
}

static bool clause_eq(const rclause *a, const rclause *b) {
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++)
        if (!clause_has(b, &a->v[i])) return false;
    return true;
}

static void cset_free(cset *s) {
    for (size_t i = 0; i < s->n; i++) clause_free(&s->v[i]);
    VEC_FREE(*s);
}

/* Adds c (taken over) unless s has it already. */
static void cset_add(cset *s, rclause *c) {
    for (size_t i = 0; i < s->n; i++)
        if (clause_eq(&s->v[i], c)) {
            clause_free(c);
            return;
        }
    VEC_PUSH(*s, *c);
    memset(c, 0, sizeof *c);
}

static void cset_move(cset *dst, cset *src) {
    for (size_t i = 0; i < src->n; i++) cset_add(dst, &src->v[i]);
    VEC_FREE(*src);
}

/* Indices of the two cheapest clauses of s (SIZE_MAX when missing). */
static void two_cheapest(const cset *s, size_t out[2]) {
    out[0] = out[1] = SIZE_MAX;
    for (size_t i = 0; i < s->n; i++) {
        if (out[0] == SIZE_MAX || s->v[i].cost < s->v[out[0]].cost) {
            out[1] = out[0];
            out[0] = i;
        } else if (out[1] == SIZE_MAX || s->v[i].cost < s->v[out[1]].cost) {
            out[1] = i;
        }
    }
}

/* Clauses that hold whichever of two alternatives matched: the unions of a
 * clause of each side (the two cheapest of each). */
static void cset_cross(const cset *a, const cset *b, cset *out) {
    size_t ia[2], ib[2];
    two_cheapest(a, ia);
    two_cheapest(b, ib);
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) {
            if (ia[x] == SIZE_MAX || ib[y] == SIZE_MAX) continue;
            const rclause *ca = &a->v[ia[x]], *cb = &b->v[ib[y]];
            if (ca->n + cb->n > CLAUSE_MAX) continue;
            rclause u = {.cost = ca->cost};
            for (size_t i = 0; i < ca->n; i++) VEC_PUSH(u, ca->v[i]);
            for (size_t i = 0; i < cb->n; i++)
                if (!clause_has(&u, &cb->v[i])) {
                    VEC_PUSH(u, cb->v[i]);
                    u.cost += atom_cost(&cb->v[i]);
                }
            cset_add(out, &u);
        }
}

typedef struct cand {
    ratom a;
    unsigned cost;
    bool used;
} cand;

/* Clauses every text of t satisfies: a greedy cover of the texts by their
 * atoms (most texts per cost first), then a second cover by the atoms left.
 * Nothing when some text has no atom. */
static void extract(const tset *t, cset *out) {
    if (!t->n || t->n > SET_MAX) return;
    struct { cand *v; size_t n, cap; } cs = {0};
    struct { uint64_t *v; size_t n, cap; } cov = {0}; /* words per candidate: the texts holding it */
    size_t nidx = 256, words = (t->n + 63) / 64;
    uint32_t *idx = xcalloc(nidx, sizeof *idx); /* 1 + candidate, by the atom's hash */
    tatoms ta;
    for (size_t k = 0; k < t->n; k++) {
        ta.n = 0;
        text_words(&t->v[k], &ta);
        text_chars(&t->v[k], &ta);
        if (!ta.n) { /* this text needs nothing: no clause */
            cs.n = 0;
            break;
        }
        for (size_t i = 0; i < ta.n; i++) {
            if (cs.n * 2 >= nidx) { /* grow the index */
                free(idx);
                nidx *= 2;
                idx = xcalloc(nidx, sizeof *idx);
                for (size_t j = 0; j < cs.n; j++) {
                    size_t h = (size_t)hash_bytes(cs.v[j].a.s, cs.v[j].a.len) & (nidx - 1);
                    while (idx[h]) h = (h + 1) & (nidx - 1);
                    idx[h] = (uint32_t)(j + 1);
                }
            }
            size_t h = (size_t)hash_bytes(ta.v[i].s, ta.v[i].len) & (nidx - 1);
            while (idx[h] && !atom_eq(&cs.v[idx[h] - 1].a, &ta.v[i])) h = (h + 1) & (nidx - 1);
            if (!idx[h]) {
                cand c = {.a = ta.v[i], .cost = ta.cost[i]};
                VEC_PUSH(cs, c);
                VEC_RESERVE(cov, words);
                memset(cov.v + cov.n, 0, words * sizeof *cov.v);
                cov.n += words;
                idx[h] = (uint32_t)cs.n;
            }
            cov.v[(idx[h] - 1) * words + k / 64] |= UINT64_C(1) << (k % 64);
        }
    }
    free(idx);
    uint64_t need[SET_MAX / 64];
    for (int round = 0; cs.n && round < 2; round++) {
        size_t left = t->n;
        memset(need, 0, words * sizeof *need);
        for (size_t k = 0; k < t->n; k++) need[k / 64] |= UINT64_C(1) << (k % 64);
        rclause cl = {0};
        while (left) {
            size_t best = SIZE_MAX;
            unsigned long best_score = 0;
            for (size_t j = 0; j < cs.n; j++) {
                if (cs.v[j].used) continue;
                const uint64_t *cv = cov.v + j * words;
                unsigned gain = 0;
                for (size_t w = 0; w < words; w++)
                    if (cv[w] & need[w]) gain += (unsigned)__builtin_popcountll(cv[w] & need[w]);
                unsigned long score = gain * 4096UL / cs.v[j].cost;
                if (gain && score > best_score) {
                    best = j;
                    best_score = score;
                }
            }
            if (best == SIZE_MAX || cl.n == CLAUSE_MAX) {
                clause_free(&cl);
                break;
            }
            cs.v[best].used = true;
            VEC_PUSH(cl, cs.v[best].a);
            cl.cost += cs.v[best].cost;
            const uint64_t *cv = cov.v + best * words;
            for (size_t w = 0; w < words; w++) {
                left -= (size_t)__builtin_popcountll(cv[w] & need[w]);
                need[w] &= ~cv[w];
            }
        }
        if (!cl.n) break;
        cset_add(out, &cl);
    }
    VEC_FREE(cs);
    VEC_FREE(cov);
}

/* ---- values ---- */

static void v_free(pval *v) {
    tset_free(&v->t);
    cset_free(&v->c);
}

static void v_set(pval *v, ptext t) {
    v_free(v);
    VEC_PUSH(v->t, t);
}

static void v_eps(pval *v) { v_set(v, (ptext){.n = 0}); }

/* dst = a copy of src (dst empty). */
static void v_copy(pval *dst, const pval *src) {
    for (size_t i = 0; i < src->t.n; i++) tset_add(&dst->t, &src->t.v[i]);
    for (size_t i = 0; i < src->c.n; i++) {
        rclause cl = {.cost = src->c.v[i].cost};
        for (size_t k = 0; k < src->c.v[i].n; k++) VEC_PUSH(cl, src->c.v[i].v[k]);
        cset_add(&dst->c, &cl);
    }
}

static void v_sym(pval *v, unsigned char sym) { v_set(v, tx_sym(sym)); }

typedef enum { CUT_MIDDLE, CUT_LEFT, CUT_RIGHT, CUT_ALL, CUT_JOIN } cut;

/* t cut down to its edges: the head runs to the first delimiter after
 * something else (so it holds the first word), the tail from the last
 * delimiter (what a following text joins). CUT_MIDDLE keeps both ("head
 * GAP tail"), CUT_LEFT the tail, CUT_RIGHT the head, CUT_ALL nothing;
 * CUT_JOIN the first two words (for keys of two words) and a last
 * delimiter, for a junction no word crosses. */
static ptext cut_text(const ptext *t, cut how) {
    size_t head = t->n, head2 = t->n, tail = SIZE_MAX, last = 0, words = 0;
    bool in_word = false;
    for (size_t i = 0; i < t->n; i += text_unit_len(t, i)) {
        int32_t cp;
        bool delim = text_unit(t, i, &cp) == UK_DELIM;
        if (delim && in_word && ++words <= 2) *(words == 1 ? &head : &head2) = i + text_unit_len(t, i);
        if (delim) tail = i;
        in_word = !delim;
        last = i;
    }
    if (how == CUT_JOIN) head = head2;
    ptext gap = tx_sym(SY_GAP), h = {.n = 0}, tl = {.n = 0}, out, tmp;
    if (how == CUT_ALL || ((how == CUT_LEFT || how == CUT_RIGHT) && tail == SIZE_MAX)) return gap;
    if ((how == CUT_MIDDLE && (tail == SIZE_MAX || head > tail)) || (how == CUT_JOIN && head == t->n)) return *t;
    if (how != CUT_LEFT) {
        h.n = (uint8_t)head;
        memcpy(h.s, t->s, head);
    }
    if (how == CUT_JOIN && tail != last) tail = t->n; /* it ends with a word: nothing to keep */
    if (how != CUT_RIGHT && tail < t->n) {
        tl.n = (uint8_t)(t->n - tail);
        memcpy(tl.s, t->s + tail, tl.n);
    }
    /* head, gap and tail can be one byte longer than t (when the head ends
     * where the tail starts): then needing nothing is the safe answer */
    if (!tx_cat(&tmp, &h, &gap) || !tx_cat(&out, &tmp, &tl)) return gap;
    return out;
}

static void cut_texts(pval *v, cut how) {
    tset out = {0};
    for (size_t i = 0; i < v->t.n; i++) {
        ptext c = cut_text(&v->t.v[i], how);
        tset_add(&out, &c);
    }
    tset_free(&v->t);
    v->t = out;
}

/* Cuts every text of v (see cut_text); what the texts needed is kept as
 * clauses first. */
static void coarsen(pval *v, cut how) {
    extract(&v->t, &v->c);
    cut_texts(v, how);
}

/* Before a junction no word crosses (a's texts end, or b's begin, with a
 * delimiter), a's texts are cut to their first word so that the product
 * with b does not multiply their middles; what they need is kept as
 * clauses first, their last words whole when b begins with a delimiter. */
static void cut_at_junction(pval *a, bool b_delim) {
    if (b_delim) {
        tset closed = {0};
        for (size_t i = 0; i < a->t.n; i++) {
            ptext x = a->t.v[i];
            if (x.n < TX_MAX) x.s[x.n++] = SY_NW;
            tset_add(&closed, &x);
        }
        extract(&closed, &a->c);
        tset_free(&closed);
    } else {
        extract(&a->t, &a->c);
    }
    cut_texts(a, CUT_JOIN);
}

static size_t max_len(const tset *s) {
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].n > m) m = s->v[i].n;
    return m;
}

/* How v_cat cuts its sides, in turn, until the product is small enough:
 * of the left side it keeps the end longest (what the right side joins;
 * its start only gives keys), of the right side both ends. */
static const struct { bool left; cut how; } CAT_CUTS[] = {
    {true, CUT_MIDDLE}, {false, CUT_MIDDLE}, {true, CUT_LEFT}, {false, CUT_RIGHT}, {true, CUT_ALL}, {false, CUT_ALL},
};

/* Whether every text of t begins (or, at_end, ends) with a delimiter. */
static bool edges_delim(const tset *t, bool at_end) {
    for (size_t i = 0; i < t->n; i++) {
        const ptext *x = &t->v[i];
        size_t at = 0;
        if (!x->n) return false;
        if (at_end)
            for (size_t k = 0; k < x->n; k += text_unit_len(x, k)) at = k;
        int32_t cp;
        if (text_unit(x, at, &cp) != UK_DELIM) return false;
    }
    return t->n > 0;
}

/* a = a then b; b is consumed. */
static void v_cat(pval *a, pval *b) {
    if (a->t.n * b->t.n > JOIN_CUT) {
        bool b_delim = edges_delim(&b->t, false);
        if (b_delim || edges_delim(&a->t, true)) cut_at_junction(a, b_delim);
    }
    for (size_t k = 0; a->t.n * b->t.n > SET_MAX || max_len(&a->t) + max_len(&b->t) > TX_MAX; k++)
        coarsen(CAT_CUTS[k].left ? a : b, CAT_CUTS[k].how);
    tset out = {0};
    tset_reserve(&out, a->t.n * b->t.n);
    for (size_t i = 0; i < a->t.n; i++)
        for (size_t j = 0; j < b->t.n; j++) {
            ptext c;
            tx_cat(&c, &a->t.v[i], &b->t.v[j]);
            tset_add(&out, &c);
        }
    tset_free(&a->t);
    a->t = out;
    cset_move(&a->c, &b->c);
    v_free(b);
}

/* a = a or b; b is consumed. */
static void v_alt(pval *a, pval *b) {
    if (a->c.n || b->c.n) { /* what both sides need, in clauses */
        extract(&a->t, &a->c);
        extract(&b->t, &b->c);
        cset c = {0};
        cset_cross(&a->c, &b->c, &c);
        cset_free(&a->c);
        a->c = c;
    }
    for (int level = 0; a->t.n + b->t.n > SET_MAX && level < 2; level++) {
        cut how = level ? CUT_ALL : CUT_MIDDLE;
        coarsen(a, how);
        coarsen(b, how);
    }
    for (size_t j = 0; j < b->t.n; j++) tset_add(&a->t, &b->t.v[j]);
    v_free(b);
}

static void v_opt(pval *a) {
    pval e = {0};
    v_eps(&e);
    v_alt(a, &e);
}

/* The start of t up to its first word (all of t, then anything, when it
 * has no delimiter), or its end from its last delimiter. */
static ptext edge(const ptext *t, bool start) {
    ptext e = cut_text(t, start ? CUT_RIGHT : CUT_LEFT), gap = tx_sym(SY_GAP), out;
    if (!(e.n == 1 && e.s[0] == SY_GAP)) return e;
    if (!(start ? tx_cat(&out, t, &gap) : tx_cat(&out, &gap, t))) return gap;
    return out;
}

/* One or more: a, or a text of a, anything, and a text of a again (of
 * which only the start and the end matter). */
static void v_plus(pval *a) {
    /* some word characters, again: still some word characters (\w+, \p{L}{3,}) */
    bool word = a->t.n > 0;
    for (size_t i = 0; i < a->t.n && word; i++) word = a->t.v[i].n == 1 && a->t.v[i].s[0] == SY_W;
    if (word) return;
    for (int level = 0;; level++) {
        tset heads = {0}, tails = {0};
        for (size_t i = 0; i < a->t.n; i++) {
            ptext h = edge(&a->t.v[i], true), t = edge(&a->t.v[i], false);
            tset_add(&heads, &h);
            tset_add(&tails, &t);
        }
        bool fits = a->t.n + heads.n * tails.n <= SET_MAX;
        for (size_t i = 0; fits && i < heads.n; i++)
            for (size_t j = 0; j < tails.n; j++) {
                ptext c;
                if (!tx_cat(&c, &heads.v[i], &tails.v[j])) c = tx_sym(SY_GAP);
                tset_add(&a->t, &c);
            }
        tset_free(&heads);
        tset_free(&tails);
        if (fits) return;
        coarsen(a, level ? CUT_ALL : CUT_MIDDLE);
    }
}

/* ---- reading the pattern ---- */

typedef struct pctx {
    const char *p, *end;
    bool ci;   /* caseless here */
    bool fail; /* not understood: the entry gets no prefilter */
} pctx;

static void parse_alt(pctx *c, pval *out);

static int peek(const pctx *c, size_t k) { return c->p + k < c->end ? (unsigned char)c->p[k] : -1; }

/* One literal character. */
static void v_char(pctx *c, pval *v, int32_t cp) {
    ptext t = {.n = 0};
    if (cp < 0x80) {
        int low = ascii_tolower(cp);
        /* caseless k and s also match the Kelvin sign and the long s */
        if (c->ci && (low == 'k' || low == 's')) t.s[t.n++] = SY_CI;
        t.s[t.n++] = (unsigned char)low;
    } else {
        if (c->ci) t.s[t.n++] = SY_CI;
        t.n = (uint8_t)(t.n + u8_encode(cp, (char *)t.s + t.n));
    }
    v_set(v, t);
}

static int hexval(int ch) {
    if (ascii_isdigit(ch)) return ch - '0';
    if ((ch | 32) >= 'a' && (ch | 32) <= 'f') return (ch | 32) - 'a' + 10;
    return -1;
}

/* Digits of a number in base 8 or 16 at c->p, at most max of them; in
 * braces when braced. */
static int32_t read_number(pctx *c, int base, int max, bool braced) {
    int32_t v = 0;
    int n = 0;
    if (braced) c->p++;
    while (c->p < c->end && (braced || n < max)) {
        int d = base == 16 ? hexval((unsigned char)*c->p) : (*c->p >= '0' && *c->p <= '7') ? *c->p - '0' : -1;
        if (d < 0) break;
        v = v * base + d;
        n++;
        c->p++;
        if (v > 0x10FFFF) c->fail = true;
    }
    if (braced) {
        if (peek(c, 0) == '}') c->p++;
        else c->fail = true;
    }
    return v;
}

/* The code point of a literal escape after the backslash (c->p on the
 * letter), or -1 when the escape is not a literal character. */
static int32_t escape_char(pctx *c) {
    int e = peek(c, 0);
    switch (e) {
    case 'a': c->p++; return 7;
    case 'e': c->p++; return 27;
    case 'f': c->p++; return 12;
    case 'n': c->p++; return 10;
    case 'r': c->p++; return 13;
    case 't': c->p++; return 9;
    case 'x': c->p++; return peek(c, 0) == '{' ? read_number(c, 16, 0, true) : read_number(c, 16, 2, false);
    case 'o': c->p++; return peek(c, 0) == '{' ? read_number(c, 8, 0, true) : (c->fail = true, -1);
    case '0': return read_number(c, 8, 3, false);
    case 'c':
        if (peek(c, 1) < 0x20 || peek(c, 1) >= 0x7F) return -1;
        c->p += 2;
        return (ascii_isalpha(c->p[-1]) ? (c->p[-1] & ~32) : c->p[-1]) ^ 0x40;
    default: break;
    }
    if (e < 0 || ascii_isalpha(e) || ascii_isdigit(e)) return -1;
    size_t i = 0;
    int32_t cp = u8_decode(c->p, (size_t)(c->end - c->p), &i);
    c->p += i;
    return cp;
}

/* \p{..} and \P{..} (c->p after the p): the marker of what they match. */
static unsigned char property(pctx *c, bool neg) {
    char name[32];
    size_t n = 0;
    if (peek(c, 0) == '{') {
        c->p++;
        while (c->p < c->end && *c->p != '}' && n < sizeof name - 1) name[n++] = *c->p++;
        if (peek(c, 0) != '}') {
            c->fail = true;
            return SY_GAP;
        }
        c->p++;
    } else if (c->p < c->end) {
        name[n++] = *c->p++;
    }
    name[n] = '\0';
    if (neg || name[0] == '^') return SY_GAP;
    static const char *const word[] = {"L", "L&", "Lu", "Ll", "Lt", "Lm", "Lo", "N", "Nl", "No", "Xan", "Xwd"};
    static const char *const other[] = {"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
                                        "Z", "Zs", "Zl", "Zp", "Xsp", "Xps", "C", "Cc", "Cf", "Co", "Cs", "Cn"};
    if (strcmp(name, "Nd") == 0) return SY_D;
    for (size_t i = 0; i < sizeof word / sizeof word[0]; i++)
        if (strcmp(name, word[i]) == 0) return SY_W;
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (strcmp(name, other[i]) == 0) return SY_NW;
    return SY_GAP; /* scripts, P (with '_'), Any... */
}

/* The marker of a class escape (\d, \w, \s...) at c->p (after the
 * backslash), or 0 when it is not one. */
static unsigned char class_escape(pctx *c) {
    int e = peek(c, 0);
    switch (e) {
    case 'd': c->p++; return SY_D;
    case 'w': c->p++; return SY_W;
    case 's': case 'h': case 'v': case 'W': c->p++; return SY_NW;
    case 'D': case 'S': case 'H': case 'V': case 'N': case 'R': case 'X': case 'C': c->p++; return SY_GAP;
    case 'p': case 'P': c->p++; return property(c, e == 'P');
    default: return 0;
    }
}

/* Skips a group or backreference name: <name>, 'name' or {name}. */
static void skip_name(pctx *c) {
    int open = peek(c, 0), close = open == '<' ? '>' : open == '{' ? '}' : open == '\'' ? '\'' : -1;
    if (close < 0) {
        while (c->p < c->end && (*c->p == '-' || *c->p == '+' || ascii_isdigit((unsigned char)*c->p))) c->p++;
        return;
    }
    c->p++;
    while (c->p < c->end && (unsigned char)*c->p != close) c->p++;
    if (c->p < c->end) c->p++;
    else c->fail = true;
}

/* An escape outside a class (c->p on the backslash). */
static void parse_escape(pctx *c, pval *v) {
    c->p++;
    int e = peek(c, 0);
    switch (e) {
    case 'b': case 'A': case 'z': case 'Z': c->p++; v_sym(v, SY_B); return;
    case 'B': case 'G': case 'K': case 'E': c->p++; v_eps(v); return;
    case 'g': case 'k': c->p++; skip_name(c); v_sym(v, SY_GAP); return; /* backreferences, calls */
    case 'N':
        if (peek(c, 1) != '{') break; /* \N: any character but a newline */
        if (peek(c, 2) != 'U' || peek(c, 3) != '+') { /* \N{U+hhhh} */
            c->fail = true;
            return;
        }
        c->p += 3;
        v_char(c, v, read_number(c, 16, 0, true));
        return;
    default: break;
    }
    if (e >= '1' && e <= '9') { /* a backreference */
        while (c->p < c->end && ascii_isdigit((unsigned char)*c->p)) c->p++;
        v_sym(v, SY_GAP);
        return;
    }
    unsigned char m = class_escape(c);
    if (m) {
        v_sym(v, m);
        return;
    }
    int32_t cp = escape_char(c);
    if (cp < 0) c->fail = true; /* \Q, \u... */
    else v_char(c, v, cp);
}

static void add_char(pctx *c, pval *v, int32_t cp) {
    pval one = {0};
    v_char(c, &one, cp);
    tset_add(&v->t, &one.t.v[0]);
    v_free(&one);
}

/* A class [...] (c->p on the '['): its few literal characters, or the
 * marker of what it matches. */
static void parse_class(pctx *c, pval *v) {
    c->p++;
    bool neg = peek(c, 0) == '^';
    if (neg) c->p++;
    int32_t lit[16];
    size_t nlit = 0;
    bool word = false, digit = false, other = false, unknown = false;
    for (bool first = true;; first = false) {
        int ch = peek(c, 0);
        if (ch < 0) {
            c->fail = true;
            return;
        }
        if (ch == ']' && !first) {
            c->p++;
            break;
        }
        if (ch == '[' && peek(c, 1) == ':') { /* [:alpha:] */
            const char *q = c->p + 2;
            while (q + 1 < c->end && !(q[0] == ':' && q[1] == ']')) q++;
            if (q + 1 >= c->end) {
                c->fail = true;
                return;
            }
            size_t n = (size_t)(q - (c->p + 2));
            const char *name = c->p + 2;
            c->p = q + 2;
            if (n == 5 && memcmp(name, "digit", 5) == 0) digit = true;
            else if ((n == 5 && (!memcmp(name, "alpha", 5) || !memcmp(name, "alnum", 5) || !memcmp(name, "lower", 5) ||
                                 !memcmp(name, "upper", 5))) ||
                     (n == 4 && !memcmp(name, "word", 4)) || (n == 6 && !memcmp(name, "xdigit", 6)))
                word = true;
            else if ((n == 5 && (!memcmp(name, "space", 5) || !memcmp(name, "blank", 5) || !memcmp(name, "cntrl", 5))))
                other = true;
            else
                unknown = true; /* punct holds '_', negations... */
            continue;
        }
        int32_t lo;
        if (ch == '\\') {
            c->p++;
            if (peek(c, 0) == 'b') { /* backspace, in a class */
                c->p++;
                lo = 8;
            } else {
                unsigned char m = class_escape(c);
                if (m) {
                    word |= m == SY_W;
                    digit |= m == SY_D;
                    other |= m == SY_NW;
                    unknown |= m == SY_GAP;
                    continue;
                }
                lo = escape_char(c);
            }
        } else {
            size_t i = 0;
            lo = u8_decode(c->p, (size_t)(c->end - c->p), &i);
            c->p += i;
        }
        if (lo < 0 || c->fail) {
            c->fail = true;
            return;
        }
        int32_t hi = lo;
        if (peek(c, 0) == '-' && peek(c, 1) >= 0 && peek(c, 1) != ']') { /* a range */
            c->p++;
            if (peek(c, 0) == '\\') {
                c->p++;
                hi = escape_char(c);
            } else if (peek(c, 0) == '[') {
                hi = -1; /* "[a-[:digit:]]" */
            } else {
                size_t i = 0;
                hi = u8_decode(c->p, (size_t)(c->end - c->p), &i);
                c->p += i;
            }
            if (hi < lo || c->fail) {
                c->fail = true;
                return;
            }
        }
        if (nlit + (size_t)(hi - lo) + 1 <= 16) {
            for (int32_t x = lo; x <= hi; x++) lit[nlit++] = x;
            continue;
        }
        if (hi - lo > 4096) { /* too wide to look at */
            unknown = true;
            continue;
        }
        for (int32_t x = lo; x <= hi; x++) {
            if (ascii_isdigit(x)) digit = true;
            else if (rules_is_word(x)) word = true;
            else other = true;
        }
    }
    if (neg || unknown) {
        v_sym(v, SY_GAP);
        return;
    }
    bool lit_digits = nlit > 0, lit_word = false, lit_other = false;
    for (size_t i = 0; i < nlit; i++) {
        lit_digits &= ascii_isdigit(lit[i]);
        if (rules_is_word(lit[i])) lit_word = true;
        else lit_other = true;
    }
    if (!word && !digit && !other && !(lit_digits && nlit > 1)) { /* a few characters: each a text */
        v_free(v);
        for (size_t i = 0; i < nlit; i++) add_char(c, v, lit[i]);
        return;
    }
    bool words = word || digit || lit_word, others = other || lit_other;
    bool digits = (digit || lit_digits) && !word && !(lit_word && !lit_digits);
    v_sym(v, words && others ? SY_GAP : others ? SY_NW : digits ? SY_D : SY_W);
}

/* Skips to the ')' closing a group whose content does not matter. */
static void skip_group(pctx *c) {
    while (c->p < c->end && *c->p != ')') c->p++;
    if (c->p < c->end) c->p++;
    else c->fail = true;
}

/* Whether every match of the group body [p, end) begins with its first
 * character, a literal delimiter (a space...): it has no '|' outside
 * inner groups and classes. A long lookahead's texts lose their heads to
 * the cuts (v_cat), this does not. */
static bool body_starts_delim(const char *p, const char *end) {
    unsigned char ch = p < end ? (unsigned char)*p : 0;
    if (!ch || ch >= 0x80 || ascii_isalpha(ch) || ascii_isdigit(ch) || ch == '_' || strchr("\\()[]|.^$*+?{", ch))
        return false;
    if (p + 1 < end && strchr("?*+{", p[1])) return false;
    for (int depth = 0; p < end; p++) {
        if (*p == '\\') {
            if (++p >= end || *p == 'Q') return false;
        } else if (*p == '[') {
            p++;
            if (p < end && *p == '^') p++;
            if (p < end && *p == ']') p++;
            while (p < end && *p != ']') {
                if (*p == '\\') p++;
                p++;
            }
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if (*p == '|' && depth == 0) {
            return false;
        }
    }
    return true;
}

/* Whether a lookbehind body [p, end) matches every word character: "\\w",
 * or a class that holds \\w ("[\\w'-]"). Not preceded by one of those,
 * a match starts at a word boundary when a word character follows, and
 * beside a non-word character a boundary claims nothing. */
static bool body_any_word(const char *p, const char *end) {
    if (end - p == 2) return p[0] == '\\' && p[1] == 'w';
    if (end - p < 4 || p[0] != '[' || p[1] == '^' || end[-1] != ']') return false;
    bool word = false;
    for (const char *q = p + 1; q < end - 1; q++) {
        if (*q == '[' || *q == ']') return false; /* POSIX classes, or more than one class */
        if (*q != '\\') continue;
        if (++q >= end - 1) return false;
        word |= *q == 'w';
    }
    return word;
}

/* A group (c->p on the '('). */
static void parse_group(pctx *c, pval *v) {
    c->p++;
    bool ci = c->ci;
    enum { G_PLAIN, G_LOOK, G_NLOOK } kind = G_PLAIN;
    bool behind = false;
    int e = peek(c, 0);
    if (e == '*') { /* verbs change what a match is */
        c->fail = true;
        return;
    }
    if (e == '?') {
        c->p++;
        e = peek(c, 0);
        int e1 = peek(c, 1);
        if (e == ':' || e == '|' || e == '>') c->p++;
        else if (e == '=' || e == '!') {
            c->p++;
            kind = e == '=' ? G_LOOK : G_NLOOK;
        } else if (e == '<' && (e1 == '=' || e1 == '!')) {
            c->p += 2;
            kind = e1 == '=' ? G_LOOK : G_NLOOK;
            behind = true;
        } else if (e == '<' || e == '\'') {
            skip_name(c);
        } else if (e == 'P' && e1 == '<') {
            c->p++;
            skip_name(c);
        } else if (e == '#') { /* a comment */
            skip_group(c);
            v_eps(v);
            return;
        } else if (e == 'P' || e == 'R' || e == '&' || e == '+' || ascii_isdigit(e) || (e == '-' && ascii_isdigit(e1))) {
            skip_group(c); /* a backreference or a call: text not known here */
            v_sym(v, SY_GAP);
            return;
        } else { /* options: (?i) for the rest of the group, (?i:...) for its own */
            bool on = true;
            for (;; c->p++) {
                int o = peek(c, 0);
                if (o == '-') on = false;
                else if (o == '^') c->ci = false;
                else if (o == 'i') c->ci = on;
                else if (o == ')') {
                    c->p++;
                    v_eps(v);
                    return;
                } else if (o == ':') {
                    c->p++;
                    break;
                } else if (!(o == 'm' || o == 'n' || o == 's' || o == 'J' || o == 'U')) { /* x, conditions... */
                    c->fail = true;
                    return;
                }
            }
        }
    }
    pval in = {0};
    const char *body = c->p;
    parse_alt(c, &in);
    if (c->fail || peek(c, 0) != ')') {
        c->fail = true;
        v_free(&in);
        return;
    }
    c->p++;
    c->ci = ci;
    v_free(v);
    if (kind == G_PLAIN) {
        *v = in;
    } else if (kind == G_LOOK) { /* consumes nothing; what it looks at is needed */
        extract(&in.t, &in.c);
        /* then a lookaround puts one next to the match */
        bool edge = edges_delim(&in.t, behind) || (!behind && body_starts_delim(body, c->p - 1));
        tset_free(&in.t);
        if (edge) v_sym(v, SY_B); /* the word before (or after) ends here */
        else v_eps(v);
        v->c = in.c;
    } else {
        v_free(&in);
        if (behind && body_any_word(body, c->p - 1)) v_sym(v, SY_B);
        else v_eps(v);
    }
}

/* One item (c->p not on '|' or ')'). */
static void parse_item(pctx *c, pval *v) {
    switch (peek(c, 0)) {
    case '(': parse_group(c, v); return;
    case '[': parse_class(c, v); return;
    case '\\': parse_escape(c, v); return;
    case '.': c->p++; v_sym(v, SY_GAP); return;
    case '^': case '$': c->p++; v_sym(v, SY_B); return;
    case '*': case '+': case '?': c->fail = true; return;
    default: break;
    }
    size_t i = 0;
    int32_t cp = u8_decode(c->p, (size_t)(c->end - c->p), &i);
    c->p += i;
    if (cp < 0) c->fail = true;
    else v_char(c, v, cp);
}

/* A quantifier at c->p: its bounds (hi -1: no limit), c->p past it (and
 * past a lazy or possessive mark). A '{' that is no quantifier is a
 * literal, left for the next item. */
static bool parse_quant(pctx *c, long *lo, long *hi) {
    int ch = peek(c, 0);
    if (ch == '?' || ch == '*' || ch == '+') {
        *lo = ch == '+';
        *hi = ch == '?' ? 1 : -1;
        c->p++;
    } else if (ch == '{') {
        const char *q = c->p + 1;
        char *endp;
        if (q >= c->end || !ascii_isdigit((unsigned char)*q)) return false;
        *lo = strtol(q, &endp, 10);
        *hi = *lo;
        q = endp;
        if (q < c->end && *q == ',') {
            q++;
            *hi = q < c->end && ascii_isdigit((unsigned char)*q) ? strtol(q, &endp, 10) : -1;
            if (*hi >= 0) q = endp;
        }
        if (q >= c->end || *q != '}') return false;
        c->p = q + 1;
    } else {
        return false;
    }
    if (peek(c, 0) == '?' || peek(c, 0) == '+') c->p++;
    return true;
}

/* Appends the plain literal character at c->p (no quantifier after it) to
 * lit, without building a value: most of a pattern is such characters. */
static bool plain_char(pctx *c, ptext *lit) {
    unsigned char ch = (unsigned char)*c->p;
    if (ch >= 0x80 || strchr("\\()[]|.^$*+?{", ch) || lit->n + 2 > TX_MAX) return false;
    int next = peek(c, 1);
    if (next == '?' || next == '*' || next == '+' || next == '{') return false;
    int low = ascii_tolower(ch);
    if (c->ci && (low == 'k' || low == 's')) lit->s[lit->n++] = SY_CI; /* as v_char does */
    lit->s[lit->n++] = (unsigned char)low;
    c->p++;
    return true;
}

/* Appends lit (the items not yet added, each a single text) to v. */
static void flush_lit(pval *v, ptext *lit) {
    if (!lit->n) return;
    pval l = {0};
    v_set(&l, *lit);
    v_cat(v, &l);
    lit->n = 0;
}

static void parse_seq(pctx *c, pval *v) {
    v_eps(v);
    ptext lit = {.n = 0}; /* "the ruler" goes in as one text, not letter by letter */
    while (!c->fail && c->p < c->end && *c->p != '|' && *c->p != ')') {
        if (plain_char(c, &lit)) continue;
        pval a = {0};
        parse_item(c, &a);
        long lo, hi;
        bool quant = !c->fail && parse_quant(c, &lo, &hi);
        if (c->fail) {
            v_free(&a);
            return;
        }
        if (!quant && a.t.n == 1 && !a.c.n && lit.n + a.t.v[0].n <= TX_MAX) {
            ptext joined;
            tx_cat(&joined, &lit, &a.t.v[0]);
            lit = joined;
            v_free(&a);
            continue;
        }
        flush_lit(v, &lit);
        if (quant) {
            if (hi == 0) v_eps(&a);
            else if (lo == 0 && hi == 1) v_opt(&a);
            else if (lo != 1 || hi != 1) { /* counted as one or more */
                /* at least twice: one a, then one or more ("{2,}" needs
                 * its item twice in a row: '""', "..") */
                pval first = {0};
                if (lo >= 2) v_copy(&first, &a);
                v_plus(&a);
                if (lo == 0) v_opt(&a);
                if (lo >= 2) {
                    v_cat(&first, &a);
                    a = first;
                }
            }
            int next = peek(c, 0);
            if (next == '?' || next == '*' || next == '+') {
                c->fail = true;
                v_free(&a);
                return;
            }
        }
        v_cat(v, &a);
    }
    flush_lit(v, &lit);
}

static void parse_alt(pctx *c, pval *v) {
    parse_seq(c, v);
    while (!c->fail && peek(c, 0) == '|') {
        c->p++;
        pval b = {0};
        parse_seq(c, &b);
        v_alt(v, &b);
    }
}

/* ---- keys ---- */

/* The folded first word of t, when t starts with a boundary and a whole
 * literal word; *len1 is its length. When exactly one space and another
 * whole word follow (boundaries, which take no room, aside), *len2 is the
 * length of both with the space; a second word that starts with a digit
 * is RULES_KEY_DIGIT ("the \x01": "the 1990s"). Returns the number of
 * words read. */
static int text_key(const ptext *t, char *key, size_t cap, size_t *len1, size_t *len2) {
    size_t i = 0, k = 0;
    if (!t->n || t->s[0] != SY_B) return 0;
    for (int words = 0;; words++) {
        while (i < t->n && t->s[i] == SY_B) i++;
        if (words == 1 && i < t->n && (t->s[i] == SY_D || ascii_isdigit(t->s[i])) && k + 1 < cap) {
            key[k++] = RULES_KEY_DIGIT[0];
            *len2 = k;
            return 2;
        }
        size_t start = k;
        int32_t cp;
        while (i < t->n && text_unit(t, i, &cp) == UK_WORD) {
            char enc[4];
            size_t n = u8_encode(rules_fold(cp), enc);
            if (k + n >= cap) return words;
            memcpy(key + k, enc, n);
            k += n;
            i += text_unit_len(t, i);
        }
        if (k == start || i >= t->n || text_unit(t, i, &cp) != UK_DELIM) return words;
        *(words ? len2 : len1) = k;
        while (i < t->n && t->s[i] == SY_B) i++;
        if (words == 1 || i >= t->n || t->s[i] != ' ') return words + 1;
        key[k++] = ' ';
        i++;
    }
}

/* Whether t starts, after a boundary, with a digit: its matches begin at a
 * word whose first character is a digit. */
static bool text_digit_start(const ptext *t) {
    size_t i = 0;
    if (!t->n || t->s[0] != SY_B) return false;
    while (i < t->n && t->s[i] == SY_B) i++;
    return i < t->n && (t->s[i] == SY_D || ascii_isdigit(t->s[i]));
}

/* The distinct keys of the texts, taking len[i] bytes of keys[i] (none
 * for SIZE_MAX); false past KEYS_MAX. */
static bool add_keys(rneed *out, char (*keys)[RULES_KEY_MAX], const size_t *len, size_t n) {
    for (size_t i = 0; i <= n; i++) {
        const char *key = i < n ? keys[i] : NULL;
        size_t kl = i < n ? len[i] : 0;
        if (i < n && kl == SIZE_MAX) continue;
        if (i == n) { /* last, the digit key when some text needs it */
            bool digits = false;
            for (size_t k = 0; k < n && !digits; k++) digits = len[k] == SIZE_MAX;
            if (!digits) break;
            key = RULES_KEY_DIGIT;
            kl = strlen(key);
        }
        bool seen = false;
        for (size_t k = 0; k < out->keys.n && !seen; k++)
            seen = strlen(out->keys.v[k]) == kl && memcmp(out->keys.v[k], key, kl) == 0;
        if (!seen) VEC_PUSH(out->keys, xstrndup(key, kl));
        if (out->keys.n > KEYS_MAX) {
            for (size_t k = 0; k < out->keys.n; k++) free(out->keys.v[k]);
            out->keys.n = 0;
            return false;
        }
    }
    return true;
}

/* The folded word of a text that starts, after a boundary, with a word of
 * unknown characters ("\w+", "\p{L}{3,}"), then exactly one space and a
 * whole literal word: every match starts at the word one space before that
 * word. Its length, or 0. */
static size_t text_before_key(const ptext *t, char *key, size_t cap) {
    size_t i = 0, k = 0;
    int32_t cp;
    if (!t->n || t->s[0] != SY_B) return 0;
    while (i < t->n && t->s[i] == SY_B) i++;
    size_t w = i;
    while (i < t->n) {
        ukind u = text_unit(t, i, &cp);
        if (u != UK_WORD && u != UK_WUNK) break;
        i += text_unit_len(t, i);
    }
    while (i < t->n && t->s[i] == SY_B) i++;
    if (i == w || i >= t->n || t->s[i] != ' ') return 0;
    i++;
    while (i < t->n && t->s[i] == SY_B) i++;
    while (i < t->n && text_unit(t, i, &cp) == UK_WORD) {
        char enc[4];
        size_t n = u8_encode(rules_fold(cp), enc);
        if (k + n >= cap) return 0;
        memcpy(key + k, enc, n);
        k += n;
        i += text_unit_len(t, i);
    }
    return i < t->n && text_unit(t, i, &cp) == UK_DELIM ? k : 0; /* the word ends there */
}

/* Keys when every text has one: pairs of words when all have two and
 * they are few enough, else single words; RULES_KEY_DIGIT for texts that
 * start with a digit. Else, when every text has one, RULES_KEY_BEFORE
 * keys. */
static void keys_of(const tset *t, rneed *out) {
    char (*keys)[RULES_KEY_MAX] = xmalloc(t->n * sizeof *keys);
    size_t *l1 = xmalloc(t->n * sizeof *l1), *l2 = xmalloc(t->n * sizeof *l2);
    bool all = true, two = true;
    for (size_t i = 0; i < t->n && all; i++) {
        if (text_digit_start(&t->v[i])) {
            l1[i] = l2[i] = SIZE_MAX;
            continue;
        }
        int w = text_key(&t->v[i], keys[i], RULES_KEY_MAX, &l1[i], &l2[i]);
        all = w > 0 && l1[i] < RATOM_MAX;
        if (w < 2) l2[i] = l1[i];
        two &= w == 2;
    }
    if (all && !(two && add_keys(out, keys, l2, t->n))) add_keys(out, keys, l1, t->n);
    for (size_t i = 0; !all && i < t->n; i++) {
        size_t pre = strlen(RULES_KEY_BEFORE);
        memcpy(keys[i], RULES_KEY_BEFORE, pre);
        l1[i] = text_before_key(&t->v[i], keys[i] + pre, RATOM_MAX);
        if (!l1[i]) break;
        l1[i] += pre;
        if (i + 1 == t->n) add_keys(out, keys, l1, t->n);
    }
    free(keys);
    free(l1);
    free(l2);
}

/* ---- a quick key ---- */


/* The words a pattern's start may spell: folded, each shorter than
 * RATOM_MAX, at most KEYS_MAX of them. */
typedef struct qset {
    char (*w)[RATOM_MAX];
    uint8_t *len;
    size_t n, cap;
} qset;

static void qs_open(qset *q, const char *s, size_t n) {
    q->cap = 4;
    q->w = xmalloc(q->cap * sizeof *q->w);
    q->len = xmalloc(q->cap * sizeof *q->len);
    memcpy(q->w[0], s, n);
    q->len[0] = (uint8_t)n;
    q->n = 1;
}

static void qs_close(qset *q) {
    free(q->w);
    free(q->len);
}

static bool qs_has(const qset *q, const char *s, size_t n) {
    for (size_t i = 0; i < q->n; i++)
        if (q->len[i] == n && memcmp(q->w[i], s, n) == 0) return true;
    return false;
}

/* Adds a word; false past the limits. */
static bool qs_add(qset *q, const char *s, size_t n) {
    if (n >= RATOM_MAX) return false;
    if (qs_has(q, s, n)) return true;
    if (q->n == KEYS_MAX) return false;
    if (q->n == q->cap) {
        q->cap *= 2;
        q->w = xrealloc(q->w, q->cap * sizeof *q->w);
        q->len = xrealloc(q->len, q->cap * sizeof *q->len);
    }
    memcpy(q->w[q->n], s, n);
    q->len[q->n++] = (uint8_t)n;
    return true;
}

/* a = a then b. */
static bool qs_cat(qset *a, const qset *b) {
    qset out;
    qs_open(&out, "", 0);
    out.n = 0;
    bool ok = true;
    char w[2 * RATOM_MAX];
    for (size_t i = 0; i < a->n && ok; i++)
        for (size_t k = 0; k < b->n && ok; k++) {
            memcpy(w, a->w[i], a->len[i]);
            memcpy(w + a->len[i], b->w[k], b->len[k]);
            ok = qs_add(&out, w, (size_t)a->len[i] + b->len[k]);
        }
    qs_close(a);
    *a = out;
    return ok;
}

typedef struct qctx {
    const char *p, *end;
} qctx;

static bool q_alt(qctx *c, qset *out);

/* One item of a phrase at c->p: an ASCII letter, a space, a class of
 * letters only ("[Tt]", "[sz]") or a group of such alternatives
 * ("(?:e|es|ed)", "(?i:law|bill)", "(?:some |brief )"). Returns 0 when
 * c->p holds something else (nothing read), -1 when the item cannot be
 * read (give up), 1 when read. */
static int q_item(qctx *c, qset *out) {
    const char *p = c->p, *end = c->end;
    if (p >= end) return 0;
    unsigned char ch = (unsigned char)*p;
    if (ch == ' ' || (ch < 0x80 && ascii_isalpha(ch))) {
        char f = (char)ascii_tolower(ch);
        qs_open(out, &f, 1);
        c->p++;
        return 1;
    }
    if (ch == '[') {
        const char *q = p + 1;
        qs_open(out, "", 0);
        out->n = 0;
        for (; q < end && *q != ']'; q++) {
            char f = (char)ascii_tolower((unsigned char)*q);
            if ((unsigned char)*q >= 0x80 || !ascii_isalpha((unsigned char)*q) || !qs_add(out, &f, 1)) {
                qs_close(out);
                return q == p + 1 ? 0 : -1; /* "[^...", "[\\d..." */
            }
        }
        if (q >= end || !out->n) {
            qs_close(out);
            return -1;
        }
        c->p = q + 1;
        return 1;
    }
    if (ch != '(') return 0;
    if (end - p >= 3 && p[1] == '?' && (p[2] == ':' || (p[2] == 'i' && end - p >= 4 && p[3] == ':')))
        c->p = p + (p[2] == ':' ? 3 : 4);
    else if (end - p >= 2 && ascii_isalpha((unsigned char)p[1]))
        c->p = p + 1; /* a capture group */
    else
        return 0;
    if (!q_alt(c, out)) return -1;
    if (c->p >= end || *c->p != ')') {
        qs_close(out);
        return -1;
    }
    c->p++;
    return 1;
}

static bool qs_keyed(const qset *q, bool closed);

/* Items in a row, each perhaps optional ('?'); stops before anything
 * else, or (top) once every phrase tells its key. False when something
 * cannot be read. */
static bool q_seq(qctx *c, qset *out, bool top) {
    qs_open(out, "", 0);
    /* a phrase tells its key only once a space ends its word: ask then */
    for (bool spaced = false;; ) {
        if (top && spaced && qs_keyed(out, false)) return true;
        /* most items are a letter or a space: appended in place */
        unsigned char ch = c->p < c->end ? (unsigned char)*c->p : 0;
        if ((ch == ' ' || (ch && ch < 0x80 && ascii_isalpha(ch))) &&
            !(c->p + 1 < c->end && strchr("?*+{", c->p[1]))) {
            bool fits = true;
            for (size_t i = 0; i < out->n && fits; i++) fits = out->len[i] + 1 < RATOM_MAX;
            if (!fits) break;
            for (size_t i = 0; i < out->n; i++) out->w[i][out->len[i]++] = (char)ascii_tolower(ch);
            spaced = ch == ' ';
            c->p++;
            continue;
        }
        qset it;
        int r = q_item(c, &it);
        if (r == 0) return true;
        if (r < 0) break;
        if (c->p < c->end && strchr("*+{", *c->p)) {
            qs_close(&it);
            break;
        }
        bool ok = true;
        spaced = false;
        for (size_t i = 0; i < it.n && !spaced; i++) spaced = memchr(it.w[i], ' ', it.len[i]) != NULL;
        if (c->p < c->end && *c->p == '?') {
            c->p++;
            if (c->p < c->end && (*c->p == '?' || *c->p == '+')) c->p++; /* lazy or possessive: the same words */
            ok = qs_add(&it, "", 0);
        }
        ok = ok && qs_cat(out, &it);
        qs_close(&it);
        if (!ok) break;
    }
    qs_close(out);
    return false;
}

/* Alternatives of items, inside a group. */
static bool q_alt(qctx *c, qset *out) {
    if (!q_seq(c, out, false)) return false;
    while (c->p < c->end && *c->p == '|') {
        c->p++;
        qset b;
        if (!q_seq(c, &b, false)) {
            qs_close(out);
            return false;
        }
        bool ok = true;
        for (size_t i = 0; i < b.n && ok; i++) ok = qs_add(out, b.w[i], b.len[i]);
        qs_close(&b);
        if (!ok) {
            qs_close(out);
            return false;
        }
    }
    return true;
}

/* Whether pat[p, end) may hold a '|' outside every group, or something
 * this reading does not follow (\Q, a comment, an unclosed class):
 * then the quick key is not safe. */
static bool quick_unsafe_rest(const char *p, const char *end) {
    int depth = 0;
    while (p < end) {
        char c = *p++;
        if (c == '\\') {
            if (p < end && *p == 'Q') return true;
            if (p < end) p++;
        } else if (c == '[') {
            if (p < end && *p == '^') p++;
            if (p < end && *p == ']') p++;
            while (p < end && *p != ']') {
                if (*p == '\\') p++;
                else if (*p == '[' && p + 1 < end && p[1] == ':') {
                    const char *e = p + 2;
                    while (e + 1 < end && !(e[0] == ':' && e[1] == ']')) e++;
                    if (e + 1 >= end) return true;
                    p = e + 1;
                }
                if (p < end) p++;
            }
            if (p >= end) return true;
            p++;
        } else if (c == '(') {
            if (end - p >= 2 && p[0] == '?' && p[1] == '#') return true;
            depth++;
        } else if (c == ')') {
            if (--depth < 0) return true;
        } else if (c == '|' && depth == 0) {
            return true;
        }
    }
    return depth != 0;
}

/* The key of a phrase read from the pattern's start (closed: the start
 * ends there, at \b or the end of the pattern): its first word, whole
 * (a space follows), or with closed at the end; its first two words when
 * the first is a common one. *klen is its length; false when the phrase
 * does not tell. */
static bool phrase_key(const char *s, size_t n, bool closed, size_t *klen) {
    const char *sp = memchr(s, ' ', n);
    size_t w1 = sp ? (size_t)(sp - s) : n;
    if (!w1 || (!sp && !closed)) return false;
    if (word_cost(s, w1) < COST_OFF) {
        *klen = w1;
        return true;
    }
    if (!sp) return false;
    const char *s2 = sp + 1;
    size_t rest = n - w1 - 1;
    const char *sp2 = memchr(s2, ' ', rest);
    size_t w2 = sp2 ? (size_t)(sp2 - s2) : rest;
    if (!w2 || (!sp2 && !closed)) return false;
    *klen = w1 + 1 + w2;
    return true;
}

static bool qs_keyed(const qset *q, bool closed) {
    size_t k;
    for (size_t i = 0; i < q->n; i++)
        if (!phrase_key(q->w[i], q->len[i], closed, &k)) return false;
    return true;
}

/* Whether p holds a literal character that is no word character (a
 * space, '-', '\'', ','...), not quantified. */
static bool literal_delim(const char *p, const char *end) {
    unsigned char ch = p < end ? (unsigned char)*p : 0;
    if (!ch || ch >= 0x80 || ascii_isalpha(ch) || ascii_isdigit(ch) || ch == '_' || strchr("\\()[]|.^$*+?{", ch))
        return false;
    return !(p + 1 < end && strchr("?*+{", p[1]));
}

/* Whether the pattern's start, read up to p, ends a word there: at the
 * end, \b, a literal delimiter, or a lookahead that begins with one and
 * has no other alternative ("(?= (?:a|the) ...)"). */
static bool q_closed(const char *p, const char *end) {
    if (p == end || (end - p >= 2 && p[0] == '\\' && p[1] == 'b') || literal_delim(p, end)) return true;
    if (end - p < 4 || memcmp(p, "(?=", 3) != 0 || !literal_delim(p + 3, end)) return false;
    /* the lookahead's own text: up to the ')' that closes it */
    const char *q = p + 3;
    for (int depth = 0; q < end; q++) {
        if (*q == '\\') {
            if (++q >= end || *q == 'Q') return false;
        } else if (*q == '[') {
            return false; /* classes: not followed here */
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')') {
            if (depth-- == 0) break;
        }
    }
    return q < end && !quick_unsafe_rest(p + 3, q);
}

/* The word the pattern goes on with at p, after phrases that all end
 * with a space: when it is ASCII letters (none quantified) that q_closed
 * ends, and no common word, every match has it whole, so its block does
 * ("of the present year" needs "present"). */
static void quick_next_word(const qset *w, const char *p, const char *end, rneed *out) {
    for (size_t i = 0; i < w->n; i++)
        if (!w->len[i] || w->w[i][w->len[i] - 1] != ' ') return;
    ratom a = {.word = true};
    const char *q = p;
    while (q < end && (unsigned char)*q < 0x80 && ascii_isalpha((unsigned char)*q) &&
           !(q + 1 < end && strchr("?*+{", q[1])) && a.len + 1 < RATOM_MAX)
        a.s[a.len++] = (char)ascii_tolower((unsigned char)*q++);
    if (!a.len || !q_closed(q, end) || word_cost(a.s, a.len) >= COST_OFF) return;
    rclause cl = {.cost = word_cost(a.s, a.len)};
    VEC_PUSH(cl, a);
    VEC_PUSH(out->clauses, cl);
}

/* A clause of the whole words the phrases read hold (each a word a space
 * ends, or the end when closed): of each phrase its least common one, so
 * that "[Tt]o (?:the )?finals of", keyed by "to the", needs "finals".
 * None when a phrase has no word worth a look, or when every word taken
 * is in its phrase's key (the key says as much). */
static void quick_phrase_words(const qset *w, bool closed, rneed *out) {
    rclause cl = {0};
    bool beyond = false; /* some word taken lies past its phrase's key */
    for (size_t i = 0; i < w->n; i++) {
        const char *s = w->w[i];
        size_t n = w->len[i], klen = 0, bestat = 0;
        phrase_key(s, n, closed, &klen);
        ratom best = {.word = true};
        unsigned cost = COST_OFF;
        for (size_t a = 0; a < n;) {
            const char *sp = memchr(s + a, ' ', n - a);
            size_t e = sp ? (size_t)(sp - s) : n;
            if ((sp || closed) && e > a && word_cost(s + a, e - a) < cost) {
                cost = word_cost(s + a, e - a);
                best.len = (uint8_t)(e - a); /* phrases are shorter than RATOM_MAX */
                memcpy(best.s, s + a, e - a);
                bestat = a;
            }
            a = e + 1;
        }
        if (cost >= COST_OFF || cl.n == CLAUSE_MAX) {
            clause_free(&cl);
            return;
        }
        beyond |= bestat >= klen;
        if (!clause_has(&cl, &best)) {
            VEC_PUSH(cl, best);
            cl.cost += cost;
        }
    }
    if (beyond && out->clauses.n < NEED_MAX) VEC_PUSH(out->clauses, cl);
    else clause_free(&cl);
}

bool rules_need_quick(const char *pat, size_t len, bool bounded, rneed *out) {
    memset(out, 0, sizeof *out);
    if (!bounded) return false; /* a match may start inside a word */
    qctx c = {pat, pat + len};
    if (len >= 2 && pat[0] == '\\' && pat[1] == 'b') c.p += 2;
    qset w;
    if (!q_seq(&c, &w, true)) return false;
    bool closed = q_closed(c.p, c.end);
    if (qs_keyed(&w, closed) && !quick_unsafe_rest(c.p, c.end)) {
        for (size_t i = 0; i < w.n; i++) {
            size_t k;
            phrase_key(w.w[i], w.len[i], closed, &k);
            bool seen = false;
            for (size_t j = 0; j < out->keys.n && !seen; j++)
                seen = strlen(out->keys.v[j]) == k && memcmp(out->keys.v[j], w.w[i], k) == 0;
            if (!seen) VEC_PUSH(out->keys, xstrndup(w.w[i], k));
        }
        quick_next_word(&w, c.p, c.end, out);
        quick_phrase_words(&w, closed, out);
    }
    qs_close(&w);
    return out->keys.n > 0;
}

/* ---- the entry ---- */

static int cmp_clause_cost(const void *a, const void *b) {
    const rclause *x = a, *y = b;
    return (x->cost > y->cost) - (x->cost < y->cost);
}

void rules_need(const char *pat, size_t len, bool caseless, bool bounded, rneed *out) {
    memset(out, 0, sizeof *out);
    pctx c = {pat, pat + len, caseless, false};
    pval v = {0};
    parse_alt(&c, &v);
    if (!c.fail && c.p == c.end) {
        if (bounded) { /* Vale's \b(?:entry)\b */
            pval w = {0}, e = {0};
            v_sym(&w, SY_B);
            v_sym(&e, SY_B);
            v_cat(&w, &v);
            v_cat(&w, &e);
            v = w;
        }
        keys_of(&v.t, out);
        extract(&v.t, &v.c);
        if (v.c.n) qsort(v.c.v, v.c.n, sizeof *v.c.v, cmp_clause_cost);
        for (size_t i = 0; i < v.c.n; i++) {
            if (out->clauses.n < NEED_MAX) VEC_PUSH(out->clauses, v.c.v[i]);
            else clause_free(&v.c.v[i]);
        }
        v.c.n = 0;
    }
    v_free(&v);
}

void rules_need_free(rneed *n) {
    VEC_FREE_ALL(n->keys);
    for (size_t i = 0; i < n->clauses.n; i++) clause_free(&n->clauses.v[i]);
    VEC_FREE(n->clauses);
}
