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
 * reported, at info: MQM raters of MT (WMT23 zh-en) marked only about
 * four in ten of these, under the precision a warning needs. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "pinyin.h"
#include "util.h"
#include "wkey.h"

typedef struct name_occ {
    size_t start, end;   /* the name in the text */
    size_t id;           /* index of its distinct spelling */
} name_occ;

typedef struct name_kind {
    size_t first;        /* an occurrence, for its text */
    size_t count;
    size_t nwords;
    uint64_t hash;       /* of its text, for the kinds' table */
    bool written;        /* a Chinese source writes it (--consistency run) */
} name_kind;

typedef struct size_list {
    size_t *v;
    size_t n, cap;
} size_list;

/* A kind with one of its words reduced to its first letter: kinds that
 * share such a key have the same words but that one, which keeps its first
 * letter, the only kinds the similarity rule can match. */
typedef struct variant_key {
    const char *key;
    size_t len, kind;
    size_t next, last;   /* the group's next key (SIZE_MAX: none); a group's first key: its last */
    bool first;          /* the first key of its group */
} variant_key;

/* Two kinds to compare, x < y. */
typedef struct kind_pair {
    size_t x, y;
} kind_pair;

/* An abbreviation's letters and where it is among the occurrences. */
typedef struct abbr_ref {
    const char *letters;
    size_t at;
} abbr_ref;

/* A run of one abbreviation's occurrences in the sorted refs. */
typedef struct abbr_group {
    size_t first, begin, end;
} abbr_group;

/* What a Chinese source says of two similar names of the target. */
typedef enum { ZH_UNKNOWN, ZH_SAME, ZH_DIFFERENT } zh_verdict;

/* An abbreviation of capitals, as written: dotted ("U.S.") or not ("US");
 * letters holds its capitals. */
typedef struct abbr_occ {
    size_t start, end;
    char letters[8];
    bool dotted;
} abbr_occ;

typedef struct consistency {
    size_t rule, abbr_rule;
    long source_rule;    /* Source.Consistency, found at the first run; -1 before */
    bool source_rule_known;
    size_list blocks_a, blocks_b, blocks_ab; /* scratch: the block pairs of two names */
    struct { name_occ *v; size_t n, cap; } occ;
    struct { name_kind *v; size_t n, cap; } kinds;
    struct { abbr_occ *v; size_t n, cap; } abbr;
    size_t *slots;       /* kinds by the hash of their text, SIZE_MAX empty */
    size_t nslots;       /* a power of two, or 0 */
    buf key_text;        /* scratch of the pair search */
    struct { variant_key *v; size_t n, cap; } keys;
    struct { size_t *v; size_t n, cap; } key_slots; /* keys by hash, SIZE_MAX empty */
    struct { kind_pair *v; size_t n, cap; } pairs;
    struct { abbr_ref *v; size_t n, cap; } abbr_refs;
    struct { abbr_group *v; size_t n, cap; } abbr_groups;
    /* the view's ASCII capitals, in order: both passes start at them */
    struct { size_t *v; size_t n, cap; } caps;
    /* the openers by first letter: those of letter L are
     * opener_by[opener_from[L - 'A'] .. opener_from[L - 'A' + 1]), and bit
     * k of opener_lens[L - 'A'] says one of them has k letters */
    const char *opener_by[64];
    uint8_t opener_len[64];
    uint8_t opener_from[27];
    uint16_t opener_lens[26];
    check_example examples[7];
} consistency;

/* Capitalised words that open sentences far more often than names. */
static const char *const openers[] = {
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "As", "If", "When", "After", "Before", "This",
    "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "According", "While", "Since", "Meanwhile",
    "However", "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "General", "Secretary", NULL};

/* Sorts the openers by first letter (a counting sort), once. */
static void index_openers(consistency *c) {
    size_t count[27] = {0}, n = 0;
    for (size_t i = 0; openers[i]; i++) count[openers[i][0] - 'A' + 1]++, n++;
    if (n > sizeof c->opener_by / sizeof c->opener_by[0]) abort(); /* the arrays above are too small */
    for (size_t l = 0; l < 26; l++) count[l + 1] += count[l];
    for (size_t l = 0; l <= 26; l++) c->opener_from[l] = (uint8_t)count[l];
    for (size_t i = 0; openers[i]; i++) {
        size_t l = (size_t)(openers[i][0] - 'A'), k = count[l]++, len = strlen(openers[i]);
        c->opener_by[k] = openers[i];
        c->opener_len[k] = (uint8_t)len;
        c->opener_lens[l] |= (uint16_t)(1u << (len < 16 ? len : 15));
    }
}

/* Whether w[0..n), which starts with an ASCII capital, is an opener. */
static bool is_opener(const consistency *c, const char *w, size_t n) {
    size_t l = (size_t)((unsigned char)w[0] - 'A');
    if (!(c->opener_lens[l] >> (n < 16 ? n : 15) & 1)) return false;
    for (size_t k = c->opener_from[l]; k < c->opener_from[l + 1]; k++)
        if (c->opener_len[k] == n && memcmp(c->opener_by[k], w, n) == 0) return true;
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

/* The ASCII capitals of t[0..n) into c->caps, once for both passes: a
 * few in a hundred bytes of news, so eight bytes are tested at a time
 * (ascii_upper8), and each byte found in the mask (little-endian) from
 * its lowest bit set. */
static void find_capitals(consistency *c, const char *t, size_t n) {
    c->caps.n = 0;
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        for (uint64_t m = ascii_upper8(x); m; m &= m - 1)
            VEC_PUSH(c->caps, i + (size_t)__builtin_ctzll(m) / 8);
    }
#endif
    for (; i < n; i++)
        if (ascii_isupper((unsigned char)t[i])) VEC_PUSH(c->caps, i);
}

/* The first capital in [i, end), or end; *k is a cursor into c->caps
 * (at or before the answer: the callers ask in increasing order). */
static size_t next_capital(const consistency *c, size_t *k, size_t i, size_t end) {
    if (*k > 0 && c->caps.v[*k - 1] >= i) { /* behind the cursor: search */
        size_t lo = 0, hi = *k;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (c->caps.v[mid] < i) lo = mid + 1;
            else hi = mid;
        }
        *k = lo;
    }
    while (*k < c->caps.n && c->caps.v[*k] < i) ++*k;
    return *k < c->caps.n && c->caps.v[*k] < end ? c->caps.v[*k] : end;
}

/* A byte of a name's word: a letter or a hyphen. */
static bool name_byte(unsigned char c) { return ascii_isalpha(c) || c == '-'; }

/* Words of a name: ICU splits "Jong-un" into "Jong" and "un"; the name
 * is read from the text, so a word here is a run between spaces. */
static size_t next_word(const char *t, size_t i, size_t end, size_t *ws, size_t *we) {
    while (i < end && t[i] == ' ') i++;
    *ws = i;
    while (i < end && name_byte((unsigned char)t[i])) i++;
    *we = i;
    return i;
}

/* Puts kind k in the table (which has room). */
static void slot_put(consistency *c, size_t k) {
    size_t mask = c->nslots - 1;
    for (size_t i = (size_t)c->kinds.v[k].hash & mask;; i = (i + 1) & mask)
        if (c->slots[i] == SIZE_MAX) {
            c->slots[i] = k;
            return;
        }
}

/* The kind of the name t[s..e), a new one if it is the first of its
 * spelling: a hash table, as an article may have thousands of names. */
static size_t find_kind(consistency *c, const char *t, size_t s, size_t e) {
    uint64_t h = hash_bytes(t + s, e - s);
    size_t mask = c->nslots - 1;
    for (size_t i = (size_t)h & mask; c->slots[i] != SIZE_MAX; i = (i + 1) & mask) {
        const name_kind *k = &c->kinds.v[c->slots[i]];
        const name_occ *o = &c->occ.v[k->first];
        if (k->hash == h && o->end - o->start == e - s && memcmp(t + o->start, t + s, e - s) == 0) return c->slots[i];
    }
    size_t nw = 1;
    for (size_t i = s; i < e; i++) nw += t[i] == ' ';
    VEC_PUSH(c->kinds, ((name_kind){.first = c->occ.n, .nwords = nw, .hash = h}));
    if (2 * c->kinds.n > c->nslots) { /* at most half full */
        c->nslots *= 2;
        c->slots = xrealloc(c->slots, c->nslots * sizeof *c->slots);
        memset(c->slots, 0xff, c->nslots * sizeof *c->slots);
        for (size_t k = 0; k < c->kinds.n; k++) slot_put(c, k);
    } else {
        slot_put(c, c->kinds.n - 1);
    }
    return c->kinds.n - 1;
}

/* Every name of the view's prose, sentence by sentence. */
static void collect(consistency *c, const doc *d) {
    const char *t = d->view;
    c->occ.n = c->kinds.n = 0;
    if (!c->nslots) {
        c->nslots = 64;
        c->slots = xmalloc(c->nslots * sizeof *c->slots);
    }
    memset(c->slots, 0xff, c->nslots * sizeof *c->slots);
    size_t cursor = 0;
    for (size_t si = 0; si < d->sentences.n; si++) {
        const doc_sentence *sn = &d->sentences.v[si];
        size_t i = sn->start, run_s = 0, run_e = 0, nrun = 0;
        while (i < sn->end) {
            if (nrun == 0) {
                /* no run to close: skip to the next word that starts with a
                 * capital, the only kind that starts one (the words are
                 * next_word's: runs of name bytes) */
                while ((i = next_capital(c, &cursor, i, sn->end)) < sn->end && i > sn->start &&
                       name_byte((unsigned char)t[i - 1]))
                    i++;
                if (i == sn->end) break;
            }
            size_t ws, we;
            i = next_word(t, i, sn->end, &ws, &we);
            bool ok = we > ws && name_word(t + ws, we - ws) &&
                      !((ws == sn->start || nrun == 0) && is_opener(c, t + ws, we - ws));
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

/* Letters a word may differ by: from the English alone, one (two in a
 * word of eight or more); when a source confirms that both render one
 * name, half the word (Xuezhu, Xuejun). */
static size_t strict_allowance(size_t shorter) { return shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0; }
static size_t confirmed_allowance(size_t shorter) { return shorter >= 4 ? shorter / 2 : 0; }

/* Whether two names have the same words but one, which differs in no
 * more letters than allowed and keeps its first letter. */
static bool names_close(const char *a, size_t na_all, const char *b, size_t nb_all, size_t (*allowance)(size_t)) {
    size_t ia = 0, ib = 0, diffs = 0;
    while (ia < na_all && ib < nb_all) {
        size_t as, ae, bs, be;
        ia = next_word(a, ia, na_all, &as, &ae);
        ib = next_word(b, ib, nb_all, &bs, &be);
        size_t na = ae - as, nb = be - bs;
        if (!na || !nb) return false; /* not a run of words between spaces */
        if (na == nb && memcmp(a + as, b + bs, na) == 0) continue;
        if (++diffs > 1 || a[as] != b[bs]) return false;
        /* an ending added is another word form (Korea, Korean; Returnee,
         * Returnees), and a change of case is style, not spelling */
        size_t common = na < nb ? na : nb;
        if (memcmp(a + as, b + bs, common) == 0 || (na == nb && strncasecmp(a + as, b + bs, na) == 0)) return false;
        size_t shorter = na < nb ? na : nb;
        size_t dist = str_edit_distance(a + as, na, b + bs, nb, 40);
        if (dist == 0 || dist > allowance(shorter)) return false;
    }
    return diffs == 1 && ia >= na_all && ib >= nb_all;
}

/* Whether two names are one spelled two ways: same words but one, which
 * is one letter off (two in a word of eight or more), same first letter. */
bool check_names_variants(const char *a, size_t na, const char *b, size_t nb) {
    return names_close(a, na, b, nb, strict_allowance);
}

static bool variants(const char *t, const name_occ *a, const name_occ *b) {
    return check_names_variants(t + a->start, a->end - a->start, t + b->start, b->end - b->start);
}

/* Whether the source document has the name as the target writes it. */
static bool in_source(const doc *d, const name_occ *o) {
    return d->source && memmem(d->source->text, d->source->len, d->text + o->start, o->end - o->start) != NULL;
}

/* ---- a Chinese source confirms or refutes ---- */

/* Han ideographs: the script of Chinese names. */
static bool is_han(int32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

/* Whether the source language writes names in Han characters. */
static bool han_source(const doc *d) {
    return d->source && d->source_lang && strncmp(d->source_lang, "zh", 2) == 0;
}

/* The block pair whose target holds offset `at`, or SIZE_MAX. */
static size_t block_of(const doc *d, size_t at) {
    for (size_t b = 0; b < d->block_pairs.n; b++) {
        const doc_pair *p = &d->block_pairs.v[b];
        if (p->nsrc && p->ntgt && at >= p->tgt_start && at < p->tgt_end) return b;
    }
    return SIZE_MAX;
}

/* The block pairs where name kind k occurs, each once, into *out. */
static void blocks_of(const consistency *c, const doc *d, size_t k, size_list *out) {
    out->n = 0;
    for (size_t i = 0; i < c->occ.n; i++) {
        if (c->occ.v[i].id != k) continue;
        size_t b = block_of(d, c->occ.v[i].start);
        bool seen = b == SIZE_MAX;
        for (size_t j = 0; j < out->n && !seen; j++) seen = out->v[j] == b;
        if (!seen) VEC_PUSH(*out, b);
    }
}

static bool has_block(const size_t *v, size_t n, size_t b) {
    for (size_t i = 0; i < n; i++)
        if (v[i] == b) return true;
    return false;
}

/* Whether source block b holds s[0..n). */
static const char *in_block(const doc *d, size_t b, const char *s, size_t n) {
    const doc_pair *p = &d->block_pairs.v[b];
    return memmem(d->source->text + p->src_start, p->src_end - p->src_start, s, n);
}

/* Whether the Han string s[0..n) reads, in pinyin without tones, as
 * the letters of the name (李学柱: li xue zhu = "Li Xuezhu"): exactly, or
 * when `near`, with the given name exact and the surname garbled, as MT
 * often does (郑永刚, zheng yong gang, as "Yang Yonggang"). */
static bool reads_as(const char *s, size_t n, const char *name, size_t nn, bool near) {
    /* letters only on both sides: "lixuezhu" against "Li Xuezhu" */
    char a[64], b[192];
    size_t na = 0, nb = 0;
    for (size_t i = 0; i < n;) {
        const char *py = pinyin_of(u8_decode(s, n, &i));
        size_t k = py ? strlen(py) : 0;
        if (!k || na + k > sizeof a) return false;
        memcpy(a + na, py, k);
        na += k;
    }
    for (size_t j = 0; j < nn && nb < sizeof b; j++)
        if (ascii_isalpha((unsigned char)name[j])) b[nb++] = (char)ascii_tolower((unsigned char)name[j]);
    if (!near) return na == nb && memcmp(a, b, na) == 0;
    /* the letters of the last word (Yonggang, Yi-ning), against the end
     * of the pinyin; what is left of it must be one syllable, the surname */
    size_t w = nn;
    while (w > 0 && name[w - 1] != ' ') w--;
    size_t nl = 0;
    for (size_t k = w; k < nn; k++) nl += ascii_isalpha((unsigned char)name[k]) != 0;
    if (w == 0 || nl == 0 || nl >= na || na - nl > 6) return false;
    for (size_t k = w, x = na - nl; k < nn; k++)
        if (ascii_isalpha((unsigned char)name[k]) && a[x++] != ascii_tolower((unsigned char)name[k])) return false;
    return true;
}

enum { ZH_MIN_CHARS = 2, ZH_MAX_CHARS = 4 };

/* A run of 2-4 Han characters in the source of every block pair of `in`
 * whose pinyin is the rendering's letters (or near them), longest first; at text offset
 * *at, *n bytes. Candidates come from the shortest of those sources. */
static bool find_reading(const doc *d, const size_list *in, const name_occ *rendering, bool near, size_t *at,
                         size_t *n) {
    size_t shortest = in->v[0];
    for (size_t i = 1; i < in->n; i++) {
        const doc_pair *p = &d->block_pairs.v[in->v[i]], *q = &d->block_pairs.v[shortest];
        if (p->src_end - p->src_start < q->src_end - q->src_start) shortest = in->v[i];
    }
    const doc_pair *sp = &d->block_pairs.v[shortest];
    const char *t = d->source->text;
    for (size_t len = ZH_MAX_CHARS; len >= ZH_MIN_CHARS; len--) {
        for (size_t i = sp->src_start, next; i < sp->src_end; i = next) {
            next = i;
            u8_decode(t, sp->src_end, &next);
            /* len Han characters from i, ending at j */
            size_t j = i, k = 0;
            for (size_t x = j; k < len && j < sp->src_end && is_han(u8_decode(t, sp->src_end, &x)); j = x) k++;
            if (k < len) continue;
            bool everywhere = true;
            for (size_t x = 0; x < in->n && everywhere; x++) everywhere = in_block(d, in->v[x], t + i, j - i) != NULL;
            if (everywhere && reads_as(t + i, j - i, d->view + rendering->start, rendering->end - rendering->start, near)) {
                *at = i;
                *n = j - i;
                return true;
            }
        }
    }
    return false;
}

/* Whether two similar names of the target, a the usual and b the rarer,
 * render one name of the source: a run of 2-4 Han characters in the
 * source of every block pair where either occurs, read in pinyin as the
 * usual rendering, and no more frequent outside those pairs than in
 * them. They render two names when the rarer reads as a name of its own
 * pairs' source that the usual one's pairs lack (李学军 beside 李学柱: two
 * people). Names in one block pair are undecided. */
static zh_verdict zh_same_name(consistency *c, const doc *d, size_t a, size_t b, buf *name) {
    blocks_of(c, d, a, &c->blocks_a);
    blocks_of(c, d, b, &c->blocks_b);
    if (!c->blocks_a.n || !c->blocks_b.n) return ZH_UNKNOWN;
    c->blocks_ab.n = 0;
    for (size_t i = 0; i < c->blocks_a.n; i++) VEC_PUSH(c->blocks_ab, c->blocks_a.v[i]);
    for (size_t i = 0; i < c->blocks_b.n; i++) {
        if (has_block(c->blocks_a.v, c->blocks_a.n, c->blocks_b.v[i])) return ZH_UNKNOWN;
        VEC_PUSH(c->blocks_ab, c->blocks_b.v[i]);
    }
    const name_occ *usual = &c->occ.v[c->kinds.v[a].first], *rarer = &c->occ.v[c->kinds.v[b].first];
    const char *t = d->source->text;
    size_t at, n;
    if (find_reading(d, &c->blocks_ab, usual, false, &at, &n) ||
        find_reading(d, &c->blocks_ab, usual, true, &at, &n)) {
        size_t outside = 0, inside = c->blocks_ab.n;
        for (size_t x = 0; x < d->block_pairs.n && outside <= inside; x++)
            outside += !has_block(c->blocks_ab.v, inside, x) && d->block_pairs.v[x].nsrc && in_block(d, x, t + at, n);
        if (outside > inside) return ZH_UNKNOWN;
        buf_clear(name);
        buf_append(name, t + at, n);
        return ZH_SAME;
    }
    if (find_reading(d, &c->blocks_b, rarer, false, &at, &n)) {
        for (size_t x = 0; x < c->blocks_a.n; x++)
            if (!in_block(d, c->blocks_a.v[x], t + at, n)) return ZH_DIFFERENT;
    }
    return ZH_UNKNOWN;
}

/* ---- the pass ---- */

static int kind_pair_order(const void *pa, const void *pb) {
    const kind_pair *a = pa, *b = pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return (a->y > b->y) - (a->y < b->y);
}

/* The pairs of kinds the similarity rule may match, in the order of a
 * loop over all pairs: those with the same words but one, which has the
 * same first letter (names_close asks both), found by filing every kind
 * under each of its words reduced to a marker and that first letter, in
 * a hash table. Two kinds share at most one such key (sharing two, they
 * would be the same text), so no pair comes twice. */
static void candidate_pairs(consistency *c, const char *t) {
    buf_clear(&c->key_text);
    c->keys.n = c->pairs.n = 0;
    for (size_t k = 0; k < c->kinds.n; k++) {
        const name_occ *o = &c->occ.v[c->kinds.v[k].first];
        for (size_t w = 0, i = o->start; i < o->end; w++) {
            size_t ws, we;
            i = next_word(t, i, o->end, &ws, &we);
            if (we == ws) break; /* names_close refuses it too */
            size_t at = c->key_text.len;
            buf_append(&c->key_text, t + o->start, ws - o->start);
            buf_putc(&c->key_text, '\x01');
            buf_putc(&c->key_text, t[ws]);
            buf_append(&c->key_text, t + we, o->end - we);
            /* offsets for now: the buffer may move */
            VEC_PUSH(c->keys, ((variant_key){.key = (const char *)at, .len = c->key_text.len - at, .kind = k}));
        }
    }
    size_t nslots = 16;
    while (nslots < 2 * c->keys.n) nslots *= 2;
    c->key_slots.n = 0;
    VEC_RESERVE(c->key_slots, nslots);
    memset(c->key_slots.v, 0xff, nslots * sizeof *c->key_slots.v);
    variant_key *kv = c->keys.v;
    for (size_t i = 0; i < c->keys.n; i++) {
        variant_key *v = &kv[i];
        v->key = c->key_text.data + (size_t)v->key;
        v->next = SIZE_MAX;
        v->last = i;
        v->first = true;
        for (size_t j = (size_t)wkey_hash(v->key, v->len) & (nslots - 1);; j = (j + 1) & (nslots - 1)) {
            size_t *slot = &c->key_slots.v[j];
            if (*slot == SIZE_MAX) {
                *slot = i;
                break;
            }
            variant_key *g = &kv[*slot];
            if (g->len == v->len && memcmp(g->key, v->key, v->len) == 0) {
                /* a later key of the group: its kind is a later one */
                kv[g->last].next = i;
                g->last = i;
                v->first = false;
                break;
            }
        }
    }
    for (size_t g = 0; g < c->keys.n; g++) {
        if (!kv[g].first) continue;
        for (size_t i = g; i != SIZE_MAX; i = kv[i].next)
            for (size_t j = kv[i].next; j != SIZE_MAX; j = kv[j].next)
                VEC_PUSH(c->pairs, ((kind_pair){kv[i].kind, kv[j].kind}));
    }
    if (c->pairs.n > 1) qsort(c->pairs.v, c->pairs.n, sizeof *c->pairs.v, kind_pair_order);
}

/* Reports every occurrence of kind `minor`, naming `major`. */
static void report_minor(consistency *c, check_ctx *cx, size_t minor, size_t major, const char *source_name) {
    const doc *d = cx->d;
    const name_occ *mj = &c->occ.v[c->kinds.v[major].first];
    size_t n = c->kinds.v[major].count;
    for (size_t k = 0; k < c->occ.n; k++) {
        const name_occ *o = &c->occ.v[k];
        if (o->id != minor) continue;
        if (source_name)
            finding_add(cx->out, (size_t)c->source_rule, o->start, o->end, NULL,
                        "the source's '%s' is '%.*s' here and '%.*s' elsewhere (%zu time%s)", source_name,
                        (int)(o->end - o->start), d->text + o->start, (int)(mj->end - mj->start), d->text + mj->start,
                        n, n == 1 ? "" : "s");
        else
            finding_add(cx->out, c->rule, o->start, o->end, NULL,
                        "'%.*s' here, '%.*s' elsewhere in the article (%zu time%s): one name spelled two ways?",
                        (int)(o->end - o->start), d->text + o->start, (int)(mj->end - mj->start), d->text + mj->start,
                        n, n == 1 ? "" : "s");
    }
}

/* Whether a Chinese source writes the name of kind k as such: a run of
 * Han characters in every pair where it occurs reads in pinyin as it. */
static bool zh_written(consistency *c, const doc *d, size_t k) {
    size_t at, n;
    blocks_of(c, d, k, &c->blocks_a);
    return c->blocks_a.n && find_reading(d, &c->blocks_a, &c->occ.v[c->kinds.v[k].first], false, &at, &n);
}

/* --consistency run: every name for the run to decide on, marked when
 * the source writes it (two names the sources both write are two); the
 * names a Chinese source confirms as one also under the source's string. */
static void record(consistency *c, check_ctx *cx, const size_t *keyed_as, const buf *keys) {
    const doc *d = cx->d;
    bool zh = han_source(d);
    for (size_t k = 0; k < c->kinds.n; k++) c->kinds.v[k].written = zh && zh_written(c, d, k);
    for (size_t k = 0; k < c->occ.n; k++) {
        const name_occ *o = &c->occ.v[k];
        check_rendering r = {.rule = c->rule, .start = o->start, .end = o->end,
                             .in_source = in_source(d, o) || c->kinds.v[o->id].written};
        VEC_PUSH(*cx->renderings, r);
        if (keyed_as[o->id] != SIZE_MAX && c->source_rule >= 0) {
            check_rendering s = {.rule = (size_t)c->source_rule, .start = o->start, .end = o->end,
                                 .key = xstrdup(keys->data + keyed_as[o->id])};
            VEC_PUSH(*cx->renderings, s);
        }
    }
}

/* Whether a Chinese source's names are compared (Source.Consistency). */
static bool zh_wanted(consistency *c, check_ctx *cx) {
    if (!c->source_rule_known) {
        c->source_rule = reg_find(cx->reg, "Source.Consistency");
        c->source_rule_known = true;
    }
    return han_source(cx->d) && c->source_rule >= 0 && reg_enabled(cx->reg, (size_t)c->source_rule);
}

/* (Names.Inconsistent is on, or zh_wanted.) */
static void names_run(consistency *c, check_ctx *cx, bool zh) {
    const doc *d = cx->d;
    collect(c, d);
    /* per kind: where its source name starts in `keys`, or SIZE_MAX */
    size_t *keyed_as = xmalloc((c->kinds.n ? c->kinds.n : 1) * sizeof *keyed_as);
    for (size_t k = 0; k < c->kinds.n; k++) keyed_as[k] = SIZE_MAX;
    buf keys = {0}, name = {0};
    candidate_pairs(c, d->view);
    for (size_t p = 0; p < c->pairs.n; p++) {
        size_t x = c->pairs.v[p].x, y = c->pairs.v[p].y;
        name_kind *kx = &c->kinds.v[x], *ky = &c->kinds.v[y];
        if (kx->nwords != ky->nwords) continue;
        const name_occ *ox = &c->occ.v[kx->first], *oy = &c->occ.v[ky->first];
        const char *tx = d->view + ox->start, *ty = d->view + oy->start;
        size_t nx = ox->end - ox->start, ny = oy->end - oy->start;
        bool close = zh && names_close(tx, nx, ty, ny, confirmed_allowance);
        if (!close && !variants(d->view, ox, oy)) continue;
        /* the rarer spelling; of two as frequent, the later one */
        bool y_minor = ky->count < kx->count || (ky->count == kx->count && oy->start > ox->start);
        size_t minor = y_minor ? y : x, major = y_minor ? x : y;
        zh_verdict v = close ? zh_same_name(c, d, major, minor, &name) : ZH_UNKNOWN;
        if (v == ZH_DIFFERENT) continue; /* the source writes two names */
        if (v == ZH_SAME) {
            if (cx->renderings) {
                for (size_t k = 0; k < 2; k++) {
                    size_t id = k ? y : x;
                    if (keyed_as[id] != SIZE_MAX) continue;
                    keyed_as[id] = keys.len;
                    buf_append(&keys, name.data, name.len + 1);
                }
            } else {
                report_minor(c, cx, minor, major, name.data);
            }
            continue;
        }
        if (cx->renderings || !variants(d->view, ox, oy)) continue;
        /* with a source that writes both, they are two names */
        if (in_source(d, ox) && in_source(d, oy)) continue;
        report_minor(c, cx, minor, major, NULL);
    }
    if (cx->renderings) record(c, cx, keyed_as, &keys);
    free(keyed_as);
    buf_free(&keys);
    buf_free(&name);
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
    size_t cursor = 0;
    for (size_t i = 0; (i = next_capital(c, &cursor, i, n)) < n; i++) {
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

static int abbr_ref_order(const void *pa, const void *pb) {
    const abbr_ref *a = pa, *b = pb;
    int r = strcmp(a->letters, b->letters);
    return r ? r : (a->at > b->at) - (a->at < b->at);
}

static int abbr_group_order(const void *pa, const void *pb) {
    const abbr_group *a = pa, *b = pb;
    return (a->first > b->first) - (a->first < b->first);
}

/* The occurrences grouped by letters (a sort, not a scan per abbreviation),
 * each group in text order, the groups in the order of their first
 * occurrence. */
static void group_abbr(consistency *c) {
    c->abbr_refs.n = c->abbr_groups.n = 0;
    for (size_t i = 0; i < c->abbr.n; i++) VEC_PUSH(c->abbr_refs, ((abbr_ref){c->abbr.v[i].letters, i}));
    if (c->abbr_refs.n > 1) qsort(c->abbr_refs.v, c->abbr_refs.n, sizeof *c->abbr_refs.v, abbr_ref_order);
    for (size_t g = 0, end; g < c->abbr_refs.n; g = end) {
        for (end = g + 1; end < c->abbr_refs.n && strcmp(c->abbr_refs.v[end].letters, c->abbr_refs.v[g].letters) == 0;)
            end++;
        VEC_PUSH(c->abbr_groups, ((abbr_group){.first = c->abbr_refs.v[g].at, .begin = g, .end = end}));
    }
    if (c->abbr_groups.n > 1) qsort(c->abbr_groups.v, c->abbr_groups.n, sizeof *c->abbr_groups.v, abbr_group_order);
}

static void abbr_run(consistency *c, check_ctx *cx) {
    const doc *d = cx->d;
    collect_abbr(c, d);
    group_abbr(c);
    for (size_t g = 0; g < c->abbr_groups.n; g++) {
        const abbr_group *gr = &c->abbr_groups.v[g];
        size_t count[2] = {0, 0}, first[2] = {SIZE_MAX, SIZE_MAX};
        for (size_t r = gr->begin; r < gr->end; r++) {
            size_t y = c->abbr_refs.v[r].at;
            const abbr_occ *b = &c->abbr.v[y];
            if (!count[b->dotted]++) first[b->dotted] = y;
        }
        if (!count[0] || !count[1]) continue;
        /* the form used less; of two as frequent, the one that came later */
        bool minor = count[1] < count[0] || (count[1] == count[0] && first[1] > first[0]);
        const abbr_occ *major = &c->abbr.v[first[!minor]];
        size_t major_count = count[!minor];
        for (size_t r = gr->begin; r < gr->end; r++) {
            const abbr_occ *b = &c->abbr.v[c->abbr_refs.v[r].at];
            if (b->dotted != minor) continue;
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
    bool abbr = reg_enabled(cx->reg, c->abbr_rule), zh = zh_wanted(c, cx);
    bool names = reg_enabled(cx->reg, c->rule) || zh;
    if (!abbr && !names) return;
    find_capitals(c, cx->d->view, cx->d->len);
    if (abbr) abbr_run(c, cx);
    if (names) names_run(c, cx, zh);
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

static void consistency_close(void *state) {
    consistency *c = state;
    VEC_FREE(c->blocks_a);
    VEC_FREE(c->blocks_b);
    VEC_FREE(c->blocks_ab);
    VEC_FREE(c->occ);
    VEC_FREE(c->kinds);
    VEC_FREE(c->abbr);
    free(c->slots);
    buf_free(&c->key_text);
    VEC_FREE(c->keys);
    VEC_FREE(c->key_slots);
    VEC_FREE(c->pairs);
    VEC_FREE(c->abbr_refs);
    VEC_FREE(c->abbr_groups);
    VEC_FREE(c->caps);
    free(c);
}

/* Another thread's: the rule and its examples, and scratch of its own. */
static void *consistency_fork(void *state) {
    consistency *c = xmalloc(sizeof *c);
    *c = *(const consistency *)state;
    memset(&c->blocks_a, 0, sizeof c->blocks_a);
    memset(&c->blocks_b, 0, sizeof c->blocks_b);
    memset(&c->blocks_ab, 0, sizeof c->blocks_ab);
    memset(&c->occ, 0, sizeof c->occ);
    memset(&c->kinds, 0, sizeof c->kinds);
    memset(&c->abbr, 0, sizeof c->abbr);
    c->slots = NULL;
    c->nslots = 0;
    memset(&c->caps, 0, sizeof c->caps);
    memset(&c->key_text, 0, sizeof c->key_text);
    memset(&c->keys, 0, sizeof c->keys);
    memset(&c->key_slots, 0, sizeof c->key_slots);
    memset(&c->pairs, 0, sizeof c->pairs);
    memset(&c->abbr_refs, 0, sizeof c->abbr_refs);
    memset(&c->abbr_groups, 0, sizeof c->abbr_groups);
    return c;
}

bool check_consistency_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "Names.Inconsistent", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                            "One name spelled two ways in an article (Xi Jinping, Xi Jingping): two runs of "
                            "capitalised words that differ in one letter of one word.", diags);
    if (r < 0) return false;
    long ra = check_register(reg, "Names.AbbreviationMix", MTL_INFO, MTL_CAT_TERMINOLOGY,
                             "One abbreviation written with points and without in an article (U.S. and "
                             "US): the form used less is reported.", diags);
    if (ra < 0) return false;
    consistency *c = xcalloc(1, sizeof *c);
    c->rule = (size_t)r;
    c->abbr_rule = (size_t)ra;
    index_openers(c);
    for (size_t i = 0; i < NEXAMPLES; i++) {
        c->examples[i] = check_example_own(&examples[i], i >= ABBR_FIRST ? c->abbr_rule : c->rule,
                                           "src/check_consistency.c", i + 1);
    }
    *p = (pass){.name = "consistency", .state = c, .run = consistency_run, .close = consistency_close,
                .examples = c->examples, .nexamples = NEXAMPLES, .fork = consistency_fork};
    return true;
}
