/* check_spelling.c - Spelling.Unknown and Spelling.Dialect, and the word
 * loop that also drives MT.Untranslated (untranslated.h): one pass, one
 * English speller and one verdict cache for both.
 *
 * Token policy (news is full of names; this is where false positives
 * live, and every rule below was measured on professional news text):
 *  - skipped: words with digits or '_', words ICU joined across '.' or
 *    ':' (URLs, file names, "U.S"), @handles, #hashtags, e-mail parts,
 *    paths, single letters, words of other scripts (MT.Untranslated's);
 *  - "'s" and "’s" are stripped, curly apostrophes read as straight ones;
 *  - ALL-CAPS words of up to 6 letters are acronyms; mixed case ("iPhone",
 *    "McCain", "MPs") is a name or a brand;
 *  - a capitalized word unknown to the dictionary is taken for a proper
 *    name, wherever it stands, unless its lower-case form is one typing
 *    slip away from a dictionary word ("Goverment", "Recieve"): a letter
 *    dropped, doubled or two letters swapped. Sentence-initial words get
 *    no more licence than that: they are checked like lower-case words
 *    except that they may be names;
 *  - hyphenated compounds are checked part by part; a part that is
 *    unknown on its own passes when the whole compound, or the compound
 *    without hyphens, is known, or when it is a prefix ("non-", "co-");
 *  - a word quoted on its own ("the word 'mandatario'") is a mention;
 *  - a word of the dialect's SCOWL list (words-NAME.mtd) is known;
 *  - a listed name particle ("ul", "arap") between capitalised parts of a
 *    name, and a word whose hyphenated or closed form with its neighbour
 *    is a word ("no brainer"), pass;
 *  - so do two words run together as a closed compound ("rockstars"; see
 *    closed_compound_ok), lower-case abbreviations without a vowel
 *    ("dvd"), capitalized plurals of words ("The Incredibles") and words
 *    cut by an HTML character reference ("B&#233;ziers").
 * Lower-case words unknown to the dictionary but known to the other
 * English dialect are words. Dialect variants (colour/color: pairs of
 * SCOWL's lists, variants-*.mtd) are judged by the setting: the article's
 * majority (--dialect auto, Spelling.DialectMix), a set dialect
 * (Spelling.Dialect, info) or none (any). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "check.h"
#include "dialect.h"
#include "mtd.h"
#include "spell.h"
#include "untranslated.h"
#include "util.h"
#include "wkey.h"

/* Longest token looked at, in bytes; longer ones are not words. */
#define MAX_TOKEN 64

/* ---- near misses ----
 * A capitalized word the dictionary does not know is reported only when
 * its lower-case form is one slip (a letter dropped, one too many, two
 * swapped) from a word that is known to be meant: a word the same
 * document uses in lower case ("Goverment" in a headline over a story
 * about the government), or one of the words news capitalizes in titles
 * and names of institutions. Measured on BBC news, a slip from any
 * dictionary word instead flags hundreds of names: Bening (benign),
 * Gartner (garter), Anfield (afield). */

static const char *const title_words[] = {
    "government", "parliament", "ministry", "minister", "president", "presidency", "secretary",
    "department", "committee", "commission", "council", "association", "organization",
    "organisation", "international", "national", "federal", "federation", "university",
    "republic", "assembly", "congress", "senate", "embassy", "foreign", "affairs", "economic",
    "development", "union", "cooperation", "agency", "authority", "central", "chamber",
    "deputies", "democratic", "democracy", "party", "police", "forces", "defense", "defence",
    "interior", "justice", "education", "health", "finance", "treasury", "environment",
    "agriculture", "energy", "transport", "communications", "commerce", "industry", "office",
    "prosecutor", "general", "attorney", "supreme", "constitutional", "electoral", "tribunal",
    "institute", "foundation", "summit", "conference", "forum", "alliance", "program",
    "programme", "nations", "united", "states", "kingdom", "european", "american", "african",
    "asian", "pacific", "atlantic", "caribbean", "southern", "northern", "eastern", "western",
    "ambassador", "governor", "senator", "deputy", "chancellor", "cabinet", "administration",
    "agreement", "treaty", "declaration", "regional", "provincial", "municipal",
    "metropolitan", "independence", "revolution", "revolutionary", "liberation", "movement",
    "coalition", "opposition", "socialist", "communist", "conservative", "liberal",
    "republican", "popular", "social", "workers", "security", "intelligence", "military",
    "strategic", "financial", "monetary", "reserve", "exchange", "market", "world", "global",
    "community", "integration", "cooperative", "secretariat", "directorate", "observatory",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", NULL,
};

/* Shortest word (bytes) the near-miss search looks at: shorter names
 * collide with words too often. */
#define NEAR_MIN 6

/* A set of lower-case ASCII words and of their one-letter deletions,
 * held as 64-bit hashes only: a collision would cost one wrong near miss
 * in 2^64. (The title words; the document's words are in the word cache,
 * below.) */
typedef struct ws_entry {
    const char *src;          /* the word itself (for a deletion, the word it */
    uint32_t len;             /* came from) */
} ws_entry;

typedef struct wordset {
    /* Keys apart from the entries: probes, nearly all of them misses,
     * read 8 bytes a slot and stay in the cache. */
    uint64_t *key;            /* 0: empty slot */
    ws_entry *val;
    size_t cap, used;
} wordset;

enum { WS_WORD = 1, WS_DELETION = 2 };

/* ---- hashes of a word's one-slip variants ----
 * A polynomial hash H(w) = sum of w[j] * B^(n-1-j) (mod 2^64) gives the
 * hash of every variant from prefix and suffix hashes in constant time:
 * a word's n deletions and n-1 swaps cost O(n) instead of O(n^2) with a
 * hash computed afresh for each. Set keys mix H with the length and the
 * kind of entry. */
#define WS_BASE 0x100000001B3ULL

typedef struct wvar {
    size_t n;
    uint64_t pre[MAX_TOKEN + 1]; /* pre[i] = H(w[0..i)) */
    uint64_t suf[MAX_TOKEN + 1]; /* suf[i] = H(w[i..n)) */
    uint64_t pw[MAX_TOKEN + 1];  /* pw[k] = B^k */
} wvar;

/* Prefix hashes and powers: enough for the word's own key. */
static void wvar_init(wvar *v, const char *w, size_t n) {
    v->n = n;
    v->pre[0] = 0;
    v->pw[0] = 1;
    for (size_t i = 0; i < n; i++) {
        v->pre[i + 1] = v->pre[i] * WS_BASE + (unsigned char)w[i];
        v->pw[i + 1] = v->pw[i] * WS_BASE;
    }
}

/* Suffix hashes, for the variants (after wvar_init). */
static void wvar_suffixes(wvar *v, const char *w) {
    size_t n = v->n;
    v->suf[n] = 0;
    for (size_t i = n; i-- > 0;) v->suf[i] = (unsigned char)w[i] * v->pw[n - 1 - i] + v->suf[i + 1];
}

static uint64_t ws_key(uint64_t poly, size_t n, unsigned kind) {
    /* Length and kind enter through large odd constants: a small value
     * added or XORed could meet the small differences between the hashes
     * of a word's variants ("analsys" plus 1 against "analsyt" plus 2). */
    uint64_t h = poly + n * 0xC2B2AE3D27D4EB4FULL + kind * 0x165667B19E3779F9ULL;
    h *= 0x9E3779B97F4A7C15ULL;
    h ^= h >> 32; /* table slots use the low bits */
    return h ? h : 1;
}

static uint64_t wvar_word(const wvar *v, unsigned kind) { return ws_key(v->pre[v->n], v->n, kind); }

/* The word without its letter i. */
static uint64_t wvar_deletion(const wvar *v, size_t i, unsigned kind) {
    return ws_key(v->pre[i] * v->pw[v->n - 1 - i] + v->suf[i + 1], v->n - 1, kind);
}

/* The word with letters i and i + 1 swapped. */
static uint64_t wvar_swap(const wvar *v, const char *w, size_t i, unsigned kind) {
    uint64_t d = (uint64_t)(unsigned char)w[i + 1] - (unsigned char)w[i]; /* mod 2^64 */
    return ws_key(v->pre[v->n] + d * (v->pw[v->n - 1 - i] - v->pw[v->n - 2 - i]), v->n, kind);
}

static const ws_entry *ws_get(const wordset *ws, uint64_t h) {
    if (!ws->cap) return NULL;
    for (size_t j = (size_t)h & (ws->cap - 1);; j = (j + 1) & (ws->cap - 1)) {
        if (!ws->key[j]) return NULL;
        if (ws->key[j] == h) return &ws->val[j];
    }
}

/* Adds key h; false when it was there already. */
static bool ws_put(wordset *ws, uint64_t h, const char *src, size_t srclen) {
    if ((ws->used + 1) * 2 > ws->cap) {
        size_t ncap = ws->cap ? ws->cap * 2 : 1024;
        uint64_t *nk = xcalloc(ncap, sizeof *nk);
        ws_entry *nv = xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < ws->cap; i++) {
            if (!ws->key[i]) continue;
            size_t j = (size_t)ws->key[i] & (ncap - 1);
            while (nk[j]) j = (j + 1) & (ncap - 1);
            nk[j] = ws->key[i];
            nv[j] = ws->val[i];
        }
        free(ws->key);
        free(ws->val);
        ws->key = nk;
        ws->val = nv;
        ws->cap = ncap;
    }
    size_t j = (size_t)h & (ws->cap - 1);
    for (; ws->key[j]; j = (j + 1) & (ws->cap - 1))
        if (ws->key[j] == h) return false;
    ws->key[j] = h;
    ws->val[j] = (ws_entry){.src = src, .len = (uint32_t)srclen};
    ws->used++;
    return true;
}

static void ws_add_word(wordset *ws, const char *w, size_t n) {
    wvar v;
    wvar_init(&v, w, n);
    if (!ws_put(ws, wvar_word(&v, WS_WORD), w, n) || n <= NEAR_MIN) return;
    wvar_suffixes(&v, w);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && w[i] == w[i - 1]) continue; /* same deletion as the previous one */
        ws_put(ws, wvar_deletion(&v, i, WS_DELETION), w, n);
    }
}

static void ws_free(wordset *ws) {
    free(ws->key);
    free(ws->val);
}

/* The word of ws that lower-case w (its variants in v) is one slip from,
 * or NULL. */
static const ws_entry *ws_near(const wordset *ws, const char *w, const wvar *v) {
    size_t n = v->n;
    const ws_entry *e = ws_get(ws, wvar_word(v, WS_DELETION)); /* w lacks a letter */
    if (e) return e;
    for (size_t i = 0; i < n; i++) { /* w has a letter too many */
        if (i > 0 && w[i] == w[i - 1]) continue;
        if ((e = ws_get(ws, wvar_deletion(v, i, WS_WORD)))) return e;
    }
    for (size_t i = 0; i + 1 < n; i++) { /* two letters swapped */
        if (w[i] == w[i + 1]) continue;
        if ((e = ws_get(ws, wvar_swap(v, w, i, WS_WORD)))) return e;
    }
    return NULL;
}

/* ---- what each distinct word is ----
 * News repeats its words: a few thousand make up most of its tokens. What
 * a word's own bytes decide (its token, its dialect side, the English
 * verdict, whether MT.Untranslated lists it) is worked out once per
 * distinct word and thread and kept here, keyed by the word's bytes in the
 * text; so the dictionaries' tables, whose probes miss the CPU caches, are
 * read once per word rather than once per token. What depends on where a
 * word stands (neighbours, quotes, hyphens) is looked at every time. */

/* A value not worked out yet. */
#define UNASKED (-2)

typedef struct wfact {
    uint32_t key;             /* the word's bytes in the text, in pool */
    uint32_t tok;             /* its token (token.w), in pool */
    uint32_t seen;            /* the last document it was a word of letters in (docno) */
    uint8_t len, n;           /* their lengths */
    uint8_t span;             /* token.end - token.start: the word without its possessive */
    uint8_t letters, upper;   /* as in token */
    bool ok : 1;              /* make_token took it */
    bool first_upper : 1, ascii : 1; /* as in token */
    bool listed : 1;          /* untr_listed, of the form with a lower-case initial */
    bool plain : 1;           /* NEAR_MIN - 1 or more lower-case ASCII letters: a
                                 word near misses are measured against */
    int8_t side;              /* variant_side of a lower-case word, or UNASKED */
    int8_t known;             /* the English verdict, or UNASKED */
    int8_t quiet;             /* check_word reports nothing whatever the word's
                                 context (word_quiet), or UNASKED */
    uint16_t mark;            /* doc_mark of its bytes' hash */
} wfact;
_Static_assert(sizeof(wfact) == 24, "a word's facts stay small: the cache is probed for every word");

typedef struct wcache {
    struct wcslot {
        uint32_t tag;         /* high half of the key's hash */
        uint32_t fact;        /* index + 1 in facts; 0: empty */
    } *slot;
    size_t cap;               /* a power of two, or 0 before the first word */
    struct { wfact *v; size_t n, cap; } facts;
    buf pool;
    /* near_miss's answer for a fact (same index), once asked: a name
     * recurs in its article, and the title words' answer holds in every
     * article */
    struct near_memo {
        uint32_t doc;         /* the document it holds for; 0: not asked */
        int32_t title;        /* the title word's slot in titles.val, or -1 */
        uint32_t key, len;    /* else the document's word in pool; len 0: none */
    } *near;
    size_t near_cap;
} wcache;

/* The bits of a document's filter of plain words (a few hundred), and
 * a word's bit in it, from its bytes' hash. */
#define DOC_MARK_BITS 4096
static inline uint16_t doc_mark(uint64_t h) { return (uint16_t)(h >> 52); }
_Static_assert(DOC_MARK_BITS == 1 << 12, "doc_mark gives twelve bits");

/* Distinct words kept (some 50 bytes each, with the slots and the pool,
 * and 16 more once a near miss is asked of words that many):
 * past this many, as in a file
 * of hundreds of megabytes of names, the cache starts again at the next
 * document. */
#define WCACHE_MAX ((size_t)1 << 18)

typedef struct spelling {
    size_t r_unknown, r_dialect;
    speller *en;              /* NULL with --no-spell */
    speller *alt;             /* the other dialect, opened when first needed */
    bool alt_tried;
    const char *alt_name;     /* static string from spell_counterpart */
    char *supp_dir;
    char *compiled_dir;       /* compiled dictionaries (spell.h) */
    mtl_diags notes;          /* a stale or missing compiled dictionary */
    untr *ut;
    char *dict_name;
    wordset titles;           /* title_words, built once */
    bool en_compiled;         /* en's verdicts come from compiled tables */
    wcache words;             /* what each word is (per thread) */
    uint32_t docno;           /* the current document's number, from 1 */
    /* for each word of the document, its fact + 1 (0: none): found by
     * spelling_prepare for spelling_run */
    struct { uint32_t *v; size_t n, cap; } docf;
    /* the document's plain words (wfact.plain), as facts + 1 with their
     * lengths (doc_near reads them in a row), in the order they first
     * occur */
    struct { struct docword { uint32_t id, len; } *v; size_t n, cap; } docwords;
    /* a Bloom filter of those words, by their facts' marks: most forms
     * doc_near makes of a word are no word of the document, and are
     * turned away here rather than looked for in the word cache, whose
     * probes miss the CPU's caches */
    uint64_t docmarks[DOC_MARK_BITS / 64];
    /* the document's words that check_word looks at: those their letters
     * do not decide (word_quiet), found by spelling_prepare */
    struct { size_t *v; size_t n, cap; } docchk;
    ws_entry near;            /* near_miss's answer when a document word */
    mtd *lists[2];            /* SCOWL word lists of the dialect(s), NULL: absent */
    mtd_builder *particles;   /* name particles (dictionaries/particles.txt) */
    char **phrases;           /* loan phrases (dictionaries/phrases.txt), lower case */
    size_t nphrases;
    mtd_builder *phrase_words; /* every word of those phrases: most tokens are none */
    size_t r_mix;
    int dialect_mode;         /* DIA_AUTO... */
    mtd *variants[2];         /* variant forms: [DIA_US], [DIA_GB]; NULL: absent */
    size_t nvar[2];           /* the current document's variant forms by side */
    bool forked;              /* another thread's (spelling_fork) */
} spelling;

/* Dialect settings; DIA_US and DIA_GB also index the variant tables. */
enum { DIA_US = 0, DIA_GB = 1, DIA_AUTO = 2, DIA_ANY = 3 };
static const char *const dia_names[] = {"en_US", "en_GB"};

/* ---- token shape ---- */

typedef struct token {
    size_t start, end;        /* text span reported (possessive excluded) */
    char w[MAX_TOKEN + 1];    /* normalized: straight apostrophes */
    size_t n;
    size_t letters, upper;
    bool first_upper, ascii;
} token;

/* Parts of hyphenated compounds that are prefixes rather than words. */
static const char *const prefixes[] = {
    "anti", "bi", "bio", "co", "counter", "cross", "cyber", "de", "e", "eco", "euro", "ex",
    "extra", "geo", "inter", "intra", "macro", "mega", "micro", "mid", "mini", "multi", "narco",
    "neo", "non", "over", "pan", "para", "petro", "post", "pre", "pro", "pseudo", "quasi", "re",
    "self", "semi", "socio", "sub", "super", "trans", "tri", "ultra", "un", "under", "vice",
    "afro", "anglo", "franco", "sino", "indo", "ibero", "russo", "greco", "judeo", "uber", "über", NULL,
};

static bool is_prefix(const char *w, size_t n) {
    for (size_t i = 0; prefixes[i]; i++)
        if (strlen(prefixes[i]) == n && ascii_strncasecmp(w, prefixes[i], n) == 0) return true;
    return false;
}

static bool is_hyphen_at(const char *v, size_t len, size_t i, size_t *width) {
    if (i < len && v[i] == '-') {
        *width = 1;
        return true;
    }
    /* U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN */
    if (i + 2 < len && (unsigned char)v[i] == 0xE2 && (unsigned char)v[i + 1] == 0x80 &&
        ((unsigned char)v[i + 2] == 0x90 || (unsigned char)v[i + 2] == 0x91)) {
        *width = 3;
        return true;
    }
    return false;
}

/* Whether a hyphen ends just before v[i], which starts a word. */
static bool hyphen_before(const char *v, size_t i) {
    size_t hw;
    return (i >= 1 && v[i - 1] == '-') || (i >= 3 && is_hyphen_at(v, i, i - 3, &hw) && hw == 3);
}

/* An apostrophe at s[i] (i < end): ', U+2019 or U+02BC. */
static bool is_apostrophe(const char *s, size_t end, size_t i, size_t *width) {
    if (s[i] == '\'') {
        *width = 1;
        return true;
    }
    if (i + 3 <= end && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x99) {
        *width = 3;
        return true;
    }
    if (i + 2 <= end && (unsigned char)s[i] == 0xCA && (unsigned char)s[i + 1] == 0xBC) {
        *width = 2; /* U+02BC MODIFIER LETTER APOSTROPHE */
        return true;
    }
    return false;
}

/* Fills tk from the word [s, e) of the text; false when the word is not
 * one to check (see the policy at the top). */
static bool make_token(const doc *d, size_t s, size_t e, token *tk) {
    const char *t = d->text;
    size_t n = e - s;
    if (n > MAX_TOKEN || n < 2) return false;
    /* Strip a possessive: "Peru's", "Peru’s". */
    if (n > 3 && (t[e - 1] == 's' || t[e - 1] == 'S')) {
        size_t w;
        size_t a = e - 2;
        if (t[a] == '\'') {
            e = a;
        } else if (a >= s + 2 && is_apostrophe(t, e, a - 2, &w) && w == 3) {
            e = a - 2;
        } else if (a >= s + 1 && is_apostrophe(t, e, a - 1, &w) && w == 2) {
            e = a - 1;
        }
    }
    /* The counts live in locals: every byte stored into tk->w (a char)
     * could alias them and would force a reload on each iteration. */
    char *out = tk->w;
    size_t k = 0, upper = 0;
    /* ASCII letters, nearly every word whole, in a tight loop first */
    while (s + k < e && ascii_isalpha((unsigned char)t[s + k])) {
        upper += ascii_isupper((unsigned char)t[s + k]);
        out[k] = t[s + k];
        k++;
    }
    size_t letters = k;
    bool first_upper = k && ascii_isupper((unsigned char)t[s]), ascii = true;
    for (size_t i = s + k; i < e;) {
        unsigned char c = (unsigned char)t[i];
        size_t w;
        if (c < 0x80) {
            if (ascii_isalpha(c)) { /* the common case first */
                bool up = ascii_isupper(c);
                if (letters == 0) first_upper = up;
                letters++;
                upper += up;
            } else if (ascii_isdigit(c) || c == '_' || c == '.' || c == ':' || c == '@') {
                return false;
            }
            out[k++] = (char)c;
            i++;
            continue;
        }
        if (is_apostrophe(t, e, i, &w)) {
            out[k++] = '\'';
            i += w;
            continue;
        }
        size_t at = i;
        int32_t cp = u8_decode(t, e, &i);
        if (cp < 0) return false;
        ascii = false;
        if (u_isalpha(cp)) {
            UErrorCode err = U_ZERO_ERROR;
            UScriptCode sc = uscript_getScript(cp, &err);
            if (sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) return false;
            bool up = u_isupper(cp);
            if (letters == 0) first_upper = up;
            letters++;
            upper += up;
        }
        memcpy(out + k, t + at, i - at);
        k += i - at;
    }
    out[k] = '\0';
    tk->start = s;
    tk->end = e;
    tk->n = k;
    tk->letters = letters;
    tk->upper = upper;
    tk->first_upper = first_upper;
    tk->ascii = ascii;
    return letters >= 2;
}

/* Handles, hashtags, e-mail addresses and paths, from the characters
 * around the word in the view. */
static bool odd_context(const doc *d, size_t s, size_t e) {
    const char *v = d->view;
    char before = s > 0 ? v[s - 1] : ' ', after = e < d->len ? v[e] : ' ';
    if (before == '@' || before == '#' || before == '/' || before == '\\' || before == DOC_MASK)
        return true;
    if (after == '@' || after == '/' || after == '\\' || after == DOC_MASK) return true;
    /* A word cut by an HTML character reference: "caf&#233;", "B&#233;ziers"
     * (MT.HtmlEntity reports the reference), or the reference's own name
     * ("&lt;"). */
    if (after == '&' && e + 1 < d->len && (v[e + 1] == '#' || ascii_isalpha((unsigned char)v[e + 1])))
        return true;
    if (before == '&') return true;
    if (before == ';') {
        size_t i = s - 1;
        while (i > 0 && s - i < 12 && (ascii_isalpha((unsigned char)v[i - 1]) || ascii_isdigit((unsigned char)v[i - 1])))
            i--;
        if (i > 0 && v[i - 1] == '#') i--;
        if (i > 0 && v[i - 1] == '&' && i < s - 1) return true;
    }
    return false;
}

/* A short lower-case word without a vowel (tv, dvd, bn, btw, png) is an
 * abbreviation typed in lower case: a slip in a short word leaves its
 * vowel. */
static bool vowelless_abbreviation(const token *tk) {
    if (!tk->ascii || tk->n > 4) return false;
    for (size_t i = 0; i < tk->n; i++)
        if (strchr("aeiouy", tk->w[i])) return false;
    return true;
}

/* Whether the word stands alone between quotation marks: a mention. */
static bool quoted_alone(const doc *d, size_t s, size_t e) {
    const char *v = d->view;
    if (s == 0) return false;
    size_t p = u8_prev(v, s);
    size_t i = p;
    int32_t open = u8_decode(v, s, &i);
    if (!(open == '"' || open == '\'' || open == 0x2018 || open == 0x201C || open == 0xAB))
        return false;
    size_t j = e;
    if (j < d->len && (v[j] == ',' || v[j] == '.' || v[j] == '!' || v[j] == '?')) j++;
    if (j >= d->len) return false;
    int32_t close = u8_decode(v, d->len, &j);
    return close == '"' || close == '\'' || close == 0x2019 || close == 0x201D || close == 0xBB;
}

/* ---- vocabulary beyond Hunspell ---- */

/* Whether the dialect's dictionary or its SCOWL word list has the word:
 * the lists hold the modern words Hunspell's en_US lacks (lockdown,
 * grandkids, wildland). */
static bool list_knows(const spelling *sp, const char *w, size_t n) {
    for (size_t i = 0; i < 2; i++)
        if (sp->lists[i] && mtd_check(sp->lists[i], NULL, w, n) == MTD_YES) return true;
    return false;
}

static bool known(const spelling *sp, const char *w, size_t n) {
    return spell_known(sp->en, w, n) || list_knows(sp, w, n);
}

/* The other dialect's verdict, opening its dictionary on first use (it
 * costs some 50 ms, which documents without an unknown word never pay). */
static bool alt_knows(spelling *sp, const char *w, size_t n) {
    if (!sp->alt_tried) {
        sp->alt_tried = true;
        if (sp->alt_name) {
            const char *names[] = {sp->alt_name, NULL};
            spell_options o = {.names = names, .supplement_dir = sp->supp_dir, .compiled_dir = sp->compiled_dir};
            mtl_diags ignored = {0}; /* the rule is simply off without it */
            sp->alt = spell_open(&o, &ignored);
            mtl_diags_free(&ignored);
        }
    }
    return sp->alt && spell_known(sp->alt, w, n);
}

/* The word list of a dictionary name: SCOWL's large lists as Debian ships
 * them (wamerican-huge, wbritish-huge), compiled at build time to
 * words-NAME.mtd beside the Hunspell tables (Makefile, WORDLIST_*). */
static const struct {
    const char *dict, *list;
} word_lists[] = {
    {"en_US", "/usr/share/dict/american-english-huge"},
    {"en_GB", "/usr/share/dict/british-english-huge"},
};

static mtd *open_word_list(const char *compiled_dir, const char *dict, mtl_diags *notes) {
    if (!compiled_dir || !dict) return NULL;
    for (size_t i = 0; i < sizeof word_lists / sizeof word_lists[0]; i++) {
        if (strcmp(word_lists[i].dict, dict) != 0) continue;
        char *path = xasprintf("%s/words-%s.mtd", compiled_dir, dict);
        mtd_status st;
        mtd *m = mtd_open(path, word_lists[i].list, word_lists[i].list, &st);
        if (!m && st != MTD_MISSING)
            mtl_diags_add(notes, "%s is %s: run make; the %s word list is not used", path,
                          st == MTD_STALE          ? "older than its word list"
                          : st == MTD_OTHER_FORMAT ? "from another build of mtlint"
                                                   : "not a compiled word list",
                          dict);
        free(path);
        return m;
    }
    return NULL;
}

/* The dialect variant tables (tools/mtlint-dictc.c --variants),
 * stamped with both word lists. */
static void open_variants(spelling *sp) {
    if (!sp->compiled_dir) return;
    for (int i = 0; i < 2; i++) {
        char *path = xasprintf("%s/variants-%s.mtd", sp->compiled_dir, dia_names[i]);
        mtd_status st;
        sp->variants[i] = mtd_open(path, word_lists[0].list, word_lists[1].list, &st);
        mtd_expect_absent(sp->variants[i]); /* a few thousand forms: most words are none */
        if (!sp->variants[i] && st != MTD_MISSING)
            mtl_diags_add(&sp->notes, "%s is out of date: run make; dialect variants are not checked", path);
        free(path);
    }
}

static bool variant_has(const void *ctx, const char *w, size_t n) {
    return mtd_check(ctx, NULL, w, n) == MTD_YES;
}

/* The side (DIA_US, DIA_GB) whose variant a lower-case word is, or -1. */
static int variant_side(const spelling *sp, const char *w, size_t n) {
    for (int i = 0; i < 2; i++)
        if (sp->variants[i] && mtd_check(sp->variants[i], NULL, w, n) == MTD_YES) return i;
    return -1;
}

/* Name particles, one a line ('#' starts a comment). */
static mtd_builder *read_particles(const char *dir) {
    if (!dir) return NULL;
    char *path = xasprintf("%s/particles.txt", dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f) return NULL;
    mtd_builder *b = mtd_builder_new();
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        size_t n = strcspn(line, "#\r\n");
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
        if (n) mtd_builder_add(b, line, n);
    }
    free(line);
    fclose(f);
    return b;
}

/* Loan phrases, one a line ('#' starts a comment), kept in lower case. */
static void read_phrases(spelling *sp, const char *dir) {
    if (!dir) return;
    char *path = xasprintf("%s/phrases.txt", dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f) return;
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    while (getline(&line, &cap, f) >= 0) {
        size_t n = strcspn(line, "#\r\n");
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
        if (!n) continue;
        if (sp->nphrases == alloc) {
            alloc = alloc ? 2 * alloc : 64;
            sp->phrases = xrealloc(sp->phrases, alloc * sizeof *sp->phrases);
        }
        char *ph = xmalloc(n + 1);
        for (size_t i = 0; i < n; i++) ph[i] = (char)ascii_tolower((unsigned char)line[i]);
        ph[n] = '\0';
        sp->phrases[sp->nphrases++] = ph;
        if (!sp->phrase_words) sp->phrase_words = mtd_builder_new();
        for (size_t i = 0; i < n;) { /* the words, split where in_loan_phrase splits them */
            size_t k = i + strcspn(ph + i, " -'");
            if (k > i) mtd_builder_add(sp->phrase_words, ph + i, k - i);
            i = k + 1;
        }
    }
    free(line);
    fclose(f);
}

/* Whether phrase ph is written in the text from t[i] on: ASCII letters in
 * any case, a run of white space for each space, either apostrophe for
 * "'". Returns the end of the match, or 0. */
static size_t phrase_at(const char *t, size_t len, size_t i, const char *ph) {
    for (const char *c = ph; *c; c++) {
        if (i >= len) return 0;
        if (*c == ' ') {
            if (t[i] != ' ' && t[i] != '\n' && t[i] != '\r' && t[i] != '\t') return 0;
            while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) i++;
            continue;
        }
        size_t w;
        if (*c == '\'' && is_apostrophe(t, len, i, &w)) {
            i += w;
            continue;
        }
        if (ascii_tolower((unsigned char)t[i]) != (unsigned char)*c) return 0;
        i++;
    }
    return i;
}

/* A word inside a loan phrase English prints as it is ("joie" and "vivre"
 * in "joie de vivre", "célèbre" in "cause célèbre"): neither misspelt nor
 * untranslated. Asked only of words about to be reported. */
static bool in_loan_phrase(const spelling *sp, const doc *d, const token *tk) {
    char w[MAX_TOKEN + 1];
    for (size_t i = 0; i <= tk->n; i++) w[i] = (char)ascii_tolower((unsigned char)tk->w[i]);
    /* a token of one word that no phrase has needs no search */
    if (!sp->phrase_words || (w[strcspn(w, " -'")] == '\0' && !mtd_builder_has(sp->phrase_words, w, tk->n)))
        return false;
    for (size_t p = 0; p < sp->nphrases; p++) {
        const char *ph = sp->phrases[p];
        for (const char *at = ph; (at = strstr(at, w)) != NULL; at++) {
            /* the word must be a whole word of the phrase */
            size_t off = (size_t)(at - ph);
            char after = at[tk->n];
            if ((off && ph[off - 1] != ' ' && ph[off - 1] != '-' && ph[off - 1] != '\'') ||
                (after && after != ' ' && after != '-' && after != '\''))
                continue;
            /* the phrase starts that many bytes before the word, give or
             * take white space: try each start within reach */
            size_t lo = tk->start > off + 16 ? tk->start - off - 16 : 0;
            for (size_t s0 = lo; s0 <= tk->start; s0++) {
                size_t e = phrase_at(d->text, d->len, s0, ph);
                if (e >= tk->end && (s0 == 0 || !ascii_isalpha((unsigned char)d->text[s0 - 1])) &&
                    (e >= d->len || !ascii_isalpha((unsigned char)d->text[e])))
                    return true;
            }
        }
    }
    return false;
}

static bool word_capitalized(const char *w, size_t n);
static const char *neighbour(const doc *d, size_t k, long step, size_t *n);
static bool compound_of(const doc *d, size_t k, size_t *first, size_t *last);

/* Football copy marks an own goal after the minute: "Dunne 75 og". */
static bool own_goal(const doc *d, size_t k, const token *tk) {
    if (tk->n != 2 || memcmp(tk->w, "og", 2) != 0 || k == 0) return false;
    const doc_word *p = &d->words.v[k - 1], *w = &d->words.v[k];
    if (p->sentence != w->sentence || p->end + 1 != w->start || d->view[p->end] != ' ') return false;
    for (size_t i = p->start; i < p->end; i++)
        if (!ascii_isdigit((unsigned char)d->text[i])) return false;
    return true;
}

/* Whether a near miss is of a title word rather than of the article's. */
static bool ws_near_is_title(const spelling *sp, const ws_entry *near) {
    return near >= sp->titles.val && near < sp->titles.val + sp->titles.cap;
}

/* A capitalised word next to a capitalised word the dictionary does not
 * know is part of a personal name ("Markos Geneti"), even when it is one
 * slip from a word of the article. */
static bool beside_unknown_name(spelling *sp, const doc *d, size_t k) {
    for (long step = -1; step <= 1; step += 2) {
        size_t n;
        const char *w = neighbour(d, k, step, &n);
        if (!w || n < 2 || n > MAX_TOKEN || !word_capitalized(w, n)) continue;
        char low[MAX_TOKEN + 1];
        bool plain = true;
        for (size_t i = 0; i < n; i++) {
            plain &= ascii_isalpha((unsigned char)w[i]) && (i == 0 || !ascii_isupper((unsigned char)w[i]));
            low[i] = (char)ascii_tolower((unsigned char)w[i]);
        }
        if (plain && !known(sp, w, n) && !known(sp, low, n)) return true;
    }
    return false;
}

/* A lower-case particle inside a capitalised name: "ul" in
 * Jamaat-ul-Ahrar (a part of the hyphenated name before and after it is
 * capitalised), "arap" in Daniel arap Moi (capitalised words on both
 * sides). */
static bool name_particle(const spelling *sp, const doc *d, size_t k, const token *tk) {
    if (!sp->particles || !mtd_builder_has(sp->particles, tk->w, tk->n)) return false;
    size_t a, b;
    if (compound_of(d, k, &a, &b)) {
        bool before = false, after = false;
        for (size_t i = a; i <= b; i++) {
            const doc_word *w = &d->words.v[i];
            if (i != k && word_capitalized(d->text + w->start, w->end - w->start)) *(i < k ? &before : &after) = true;
        }
        return before && after;
    }
    size_t np, nn;
    const char *p = neighbour(d, k, -1, &np), *q = neighbour(d, k, 1, &nn);
    return p && q && word_capitalized(p, np) && word_capitalized(q, nn);
}

/* An open compound whose hyphenated or closed form is a word in either
 * dialect ("no brainer" for no-brainer): a compound is no dialect
 * variant. Only plain lower-case ASCII neighbours. Hunspell accepts any
 * two known words joined by a hyphen, so the hyphenated form proves
 * something only to a dictionary that lacks the word alone. */
static bool open_compound_ok(spelling *sp, const doc *d, size_t k, const token *tk) {
    bool alt_alone = alt_knows(sp, tk->w, tk->n);
    for (long step = -1; step <= 1; step += 2) {
        size_t nn;
        const char *nb = neighbour(d, k, step, &nn);
        if (!nb || nn > MAX_TOKEN) continue;
        bool plain = true;
        for (size_t i = 0; i < nn; i++) plain &= nb[i] >= 'a' && nb[i] <= 'z';
        if (!plain) continue;
        const char *l = step < 0 ? nb : tk->w, *r = step < 0 ? tk->w : nb;
        size_t ln = step < 0 ? nn : tk->n, rn = step < 0 ? tk->n : nn;
        char form[2 * MAX_TOKEN + 2];
        for (int joint = 0; joint < 2; joint++) {
            size_t m = 0;
            memcpy(form, l, ln);
            m = ln;
            if (joint == 0) form[m++] = '-';
            memcpy(form + m, r, rn);
            m += rn;
            if (known(sp, form, m) || (!(joint == 0 && alt_alone) && alt_knows(sp, form, m))) return true;
        }
    }
    return false;
}

/* A capitalized plural of a dictionary word is a title or a name ("The
 * Incredibles", "the Simpsons"), not a slip. */
static bool plural_of_word(spelling *sp, const token *tk) {
    if (!tk->ascii || tk->n < 4 || tk->w[tk->n - 1] != 's' || tk->upper != 1) return false;
    char low[MAX_TOKEN + 1];
    for (size_t i = 0; i + 1 < tk->n; i++) low[i] = (char)ascii_tolower((unsigned char)tk->w[i]);
    return spell_known(sp->en, low, tk->n - 1);
}

/* ---- closed compounds ---- */

/* Closed-class words: a run-together phrase ("filethat", "aboutroughly")
 * is a slip, not a compound. */
static const char *const function_words[] = {
    "about", "also", "been", "being", "both", "could", "does", "each", "from", "have", "having",
    "here", "into", "more", "most", "much", "must", "only", "other", "same", "should", "some",
    "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
    "very", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your", NULL,
};

static bool function_word(const char *w, size_t n) {
    for (size_t i = 0; function_words[i]; i++)
        if (strlen(function_words[i]) == n && memcmp(function_words[i], w, n) == 0) return true;
    return false;
}

/* Whether a dictionary word is one typing slip from w (a letter
 * dropped, added, changed, or two swapped): then w is that word
 * mistyped ("threatend", "writting", "threshhold"), not a compound. */
static bool slip_of_word(spelling *sp, const char *w, size_t n) {
    char v[MAX_TOKEN + 2];
    for (size_t i = 0; i < n; i++) { /* a letter too many */
        if (i > 0 && w[i] == w[i - 1]) continue;
        memcpy(v, w, i);
        memcpy(v + i, w + i + 1, n - i - 1);
        if (spell_known(sp->en, v, n - 1)) return true;
    }
    for (size_t i = 0; i + 1 < n; i++) { /* two letters swapped */
        if (w[i] == w[i + 1]) continue;
        memcpy(v, w, n);
        v[i] = w[i + 1];
        v[i + 1] = w[i];
        if (spell_known(sp->en, v, n)) return true;
    }
    for (size_t i = 0; i <= n && n < MAX_TOKEN; i++) { /* a letter dropped or changed */
        for (char c = 'a'; c <= 'z'; c++) {
            memcpy(v, w, i);
            v[i] = c;
            memcpy(v + i + 1, w + i, n - i);
            if (spell_known(sp->en, v, n + 1)) return true;
            if (i < n && c != w[i]) {
                memcpy(v, w, n);
                v[i] = c;
                if (spell_known(sp->en, v, n)) return true;
            }
        }
    }
    return false;
}

/* A lower-case word written as two dictionary words run together
 * (rockstars, groundrules, photojournal): English closes compounds
 * freely, and news coins them. Each part four to eight letters, neither a
 * function word ("filethat") nor the first a prefix (a Spanish calque
 * such as "megacompetition" or "selfnamed" is English only hyphenated,
 * if at all) or a plural ("questionsmarks"); longer parts are two words
 * run together ("appropriatepotholes"). Not a name in lower case
 * ("european"), and no dictionary word one slip away ("threatend"). */
#define PART_MIN 4
#define PART_MAX 8

static bool closed_compound_ok(spelling *sp, const token *tk) {
    const char *w = tk->w;
    size_t n = tk->n;
    if (!tk->ascii || n < 2 * PART_MIN || n > 2 * PART_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z') return false;
    bool split = false;
    for (size_t i = PART_MIN; i + PART_MIN <= n && !split; i++) {
        if (i > PART_MAX || n - i > PART_MAX) continue;
        const char *r = w + i;
        size_t rn = n - i;
        split = !function_word(w, i) && !function_word(r, rn) && !is_prefix(w, i) &&
                !(w[i - 1] == 's' && spell_known(sp->en, w, i - 1)) && spell_known(sp->en, w, i) &&
                spell_known(sp->en, r, rn);
    }
    if (!split) return false;
    char cap[MAX_TOKEN + 1];
    memcpy(cap, w, n);
    cap[0] = (char)(cap[0] - 'a' + 'A');
    return !spell_known(sp->en, cap, n) && !slip_of_word(sp, w, n);
}

/* ---- hyphenated compounds ---- */

/* The compound around word k: the run of words joined by single hyphens.
 * Returns false when word k is not part of one. */
static bool compound_of(const doc *d, size_t k, size_t *first, size_t *last) {
    size_t hw;
    size_t a = k, b = k;
    while (a > 0) {
        const doc_word *p = &d->words.v[a - 1], *q = &d->words.v[a];
        if (p->sentence != q->sentence || !is_hyphen_at(d->view, d->len, p->end, &hw) ||
            p->end + hw != q->start)
            break;
        a--;
    }
    while (b + 1 < d->words.n) {
        const doc_word *p = &d->words.v[b], *q = &d->words.v[b + 1];
        if (p->sentence != q->sentence || !is_hyphen_at(d->view, d->len, p->end, &hw) ||
            p->end + hw != q->start)
            break;
        b++;
    }
    *first = a;
    *last = b;
    return a != b;
}

/* Whether an unknown part of a compound passes thanks to the compound. */
static bool compound_ok(spelling *sp, const doc *d, size_t k, const token *tk) {
    size_t a, b;
    if (!compound_of(d, k, &a, &b)) return false;
    if (k < b && is_prefix(tk->w, tk->n)) return true;
    /* "40-year-olds" is the compound "year-olds" after a number. */
    while (a < k && d->words.v[a].status < WORD_LETTER) a++;
    size_t s = d->words.v[a].start, e = d->words.v[b].end;
    if (e - s > MAX_TOKEN) return false;
    char whole[MAX_TOKEN + 1], joined[MAX_TOKEN + 1];
    size_t nj = 0, hw;
    for (size_t i = s; i < e;) {
        if (is_hyphen_at(d->text, e, i, &hw)) {
            i += hw;
            continue;
        }
        joined[nj++] = d->text[i++];
    }
    memcpy(whole, d->text + s, e - s);
    return known(sp, whole, e - s) || known(sp, joined, nj);
}

/* ---- reporting ---- */

static char upper_ascii(char c) { return (char)(c >= 'a' && c <= 'z' ? c - 32 : c); }

/* Suggestions: the word the token is a near miss of (in the token's
 * case), or else the speller's. */
static void report_unknown(spelling *sp, check_ctx *cx, const token *tk, const ws_entry *near) {
    char first[MAX_TOKEN + 1];
    const char *s[3];
    size_t k = 0;
    if (near && near->len <= MAX_TOKEN) {
        bool caps = tk->upper == tk->letters;
        for (size_t i = 0; i < near->len; i++)
            first[i] = (char)(caps || (i == 0 && tk->first_upper) ? upper_ascii(near->src[i])
                                                                  : near->src[i]);
        first[near->len] = '\0';
        s[k++] = first;
    }
    /* A name or proper adjective in lower case ("british", "barbary"):
     * its capitalised form, which Hunspell's edit search ranks below
     * words one letter away ("brutish"). Not for short words, where a
     * name is as likely as the word meant ("jon" for job, not Jon). */
    if (!k && tk->ascii && tk->upper == 0 && (tk->n >= 4 || (tk->w[0] == 'i' && tk->w[1] == '\''))) {
        memcpy(first, tk->w, tk->n + 1);
        first[0] = upper_ascii(first[0]);
        if (spell_known(sp->en, first, tk->n)) s[k++] = first;
    }
    /* A near miss is the best suggestion there is; the edit search costs
     * a hundred lookups or more, so it runs only without one. */
    const char *more[3];
    size_t m = k ? 0 : spell_suggest(sp->en, tk->w, tk->n, more, 3);
    for (size_t i = 0; i < m && k < 3; i++)
        if (!(k && strcmp(more[i], s[0]) == 0)) s[k++] = more[i];
    const char *sugg[4] = {NULL};
    for (size_t i = 0; i < k; i++) sugg[i] = s[i];
    const char *orig = cx->d->text + tk->start;
    int len = (int)(tk->end - tk->start);
    if (k)
        finding_add(cx->out, sp->r_unknown, tk->start, tk->end, sugg,
                    "unknown word '%.*s'; did you mean '%s'?", len, orig, s[0]);
    else
        finding_add(cx->out, sp->r_unknown, tk->start, tk->end, NULL, "unknown word '%.*s'", len,
                    orig);
}

static bool other_dialect_knows(spelling *sp, const token *tk) { return alt_knows(sp, tk->w, tk->n); }

/* A variant of the other side than the one the article or the setting
 * wants: Spelling.Dialect (info) under --dialect en_US|en_GB, and
 * Spelling.DialectMix (warning) in an article that mostly spells the
 * other way. The other side's form comes from its variant table. */
static void report_variant(spelling *sp, check_ctx *cx, const token *tk, int side) {
    char form[MAX_TOKEN + 8];
    int other = !side;
    size_t m = sp->variants[other] ? dia_form(tk->w, tk->n, variant_has, sp->variants[other], form, sizeof form) : 0;
    const char *sugg[2] = {m ? form : NULL, NULL};
    int len = (int)(tk->end - tk->start);
    const char *orig = cx->d->text + tk->start;
    if (sp->dialect_mode != DIA_AUTO) {
        if (m)
            finding_add(cx->out, sp->r_dialect, tk->start, tk->end, sugg, "'%.*s' is %s spelling; %s has '%s'",
                        len, orig, dia_names[side], dia_names[other], form);
        else
            finding_add(cx->out, sp->r_dialect, tk->start, tk->end, NULL, "'%.*s' is %s spelling, not %s", len,
                        orig, dia_names[side], dia_names[other]);
        return;
    }
    if (m)
        finding_add(cx->out, sp->r_mix, tk->start, tk->end, sugg,
                    "'%.*s' is %s spelling; this article has %zu %s spellings to %zu %s; %s has '%s'", len,
                    orig, dia_names[side], sp->nvar[other], dia_names[other], sp->nvar[side], dia_names[side],
                    dia_names[other], form);
    else
        finding_add(cx->out, sp->r_mix, tk->start, tk->end, NULL,
                    "'%.*s' is %s spelling; this article has %zu %s spellings to %zu %s", len, orig,
                    dia_names[side], sp->nvar[other], dia_names[other], sp->nvar[side], dia_names[side]);
}

static void report_untranslated(spelling *sp, check_ctx *cx, const token *tk, const char *lang) {
    finding_add(cx->out, untr_rule(sp->ut), tk->start, tk->end, NULL, "'%.*s' looks untranslated (%s)",
                (int)(tk->end - tk->start), cx->d->text + tk->start, lang);
}

/* The neighbour of word k in its sentence, when only spaces separate
 * them; NULL otherwise. */
static const char *neighbour(const doc *d, size_t k, long step, size_t *n) {
    long j = (long)k + step;
    if (j < 0 || (size_t)j >= d->words.n) return NULL;
    const doc_word *a = &d->words.v[k], *b = &d->words.v[j];
    if (a->sentence != b->sentence) return NULL;
    size_t gs = step > 0 ? a->end : b->end, ge = step > 0 ? b->start : a->start;
    if (ge == gs) return NULL;
    for (size_t i = gs; i < ge; i++)
        if (d->view[i] != ' ') return NULL;
    *n = b->end - b->start;
    return d->text + b->start;
}

static bool word_capitalized(const char *w, size_t n) {
    if (!n) return false;
    if ((unsigned char)w[0] < 0x80) return ascii_isupper((unsigned char)w[0]);
    size_t i = 0;
    int32_t c = u8_decode(w, n, &i);
    return c > 0 && u_isupper(c);
}

/* The token with its initial in lower case ("Según" -> "según") in low
 * (MAX_TOKEN + 8 bytes); its length. */
static size_t lower_initial(const char *w, size_t n, char *low) {
    size_t i = 0;
    int32_t c = u8_decode(w, n, &i);
    size_t nc = u8_encode(u_tolower(c), low);
    memcpy(low + nc, w + i, n - i);
    low[nc + n - i] = '\0';
    return nc + n - i;
}

static void wcache_free(wcache *c) {
    free(c->slot);
    free(c->near);
    VEC_FREE(c->facts);
    buf_free(&c->pool);
    *c = (wcache){0};
}

/* An empty cache of cap slots. */
static void wcache_reset(wcache *c, size_t cap) {
    free(c->slot);
    c->slot = xcalloc_written(cap, sizeof *c->slot);
    c->cap = cap;
    c->facts.n = 0;
    buf_clear(&c->pool);
    if (c->near) memset(c->near, 0, c->near_cap * sizeof *c->near);
}

static void wcache_grow(wcache *c) {
    size_t ncap = c->cap * 2;
    struct wcslot *ns = xcalloc_written(ncap, sizeof *ns);
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->slot[i].fact) continue;
        const wfact *f = &c->facts.v[c->slot[i].fact - 1];
        size_t j = (size_t)wkey_hash(c->pool.data + f->key, f->len) & (ncap - 1);
        while (ns[j].fact) j = (j + 1) & (ncap - 1);
        ns[j] = c->slot[i];
    }
    free(c->slot);
    c->slot = ns;
    c->cap = ncap;
}

/* What the word's bytes decide, the first time the word is seen. */
static wfact fact_of(const spelling *sp, const doc *d, const doc_word *dw, wcache *c) {
    size_t len = dw->end - dw->start;
    const char *w = d->text + dw->start;
    token tk;
    wfact f = {.key = (uint32_t)c->pool.len, .len = (uint8_t)len, .side = UNASKED, .known = UNASKED,
               .quiet = UNASKED};
    buf_append(&c->pool, w, len);
    f.tok = f.key;
    bool plain = len >= NEAR_MIN - 1; /* a local: f.plain is a bit field */
    for (size_t i = 0; i < len && plain; i++) plain = w[i] >= 'a' && w[i] <= 'z';
    f.plain = plain;
    f.ok = make_token(d, dw->start, dw->end, &tk);
    if (!f.ok) return f;
    if (tk.n != len || memcmp(tk.w, w, len) != 0) {
        f.tok = (uint32_t)c->pool.len;
        buf_append(&c->pool, tk.w, tk.n);
    }
    f.n = (uint8_t)tk.n;
    f.span = (uint8_t)(tk.end - tk.start);
    f.letters = (uint8_t)tk.letters;
    f.upper = (uint8_t)tk.upper;
    f.first_upper = tk.first_upper;
    f.ascii = tk.ascii;
    if (tk.upper == 0) {
        f.listed = untr_listed(sp->ut, tk.w, tk.n);
    } else if (tk.first_upper && tk.upper == 1) {
        char low[MAX_TOKEN + 8];
        f.listed = untr_listed(sp->ut, low, lower_initial(tk.w, tk.n, low));
    }
    return f;
}

/* The slot of w[0..len) (hash h) in c: where it is, or the empty slot
 * where it would go. */
static inline __attribute__((always_inline)) size_t wcache_slot(const wcache *c, const char *w, size_t len,
                                                                 uint64_t h) {
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = c->cap - 1, j = (size_t)h & mask;
    for (; c->slot[j].fact; j = (j + 1) & mask) {
        const wfact *f = &c->facts.v[c->slot[j].fact - 1];
        if (c->slot[j].tag == tag && f->len == len && wkey_equal(c->pool.data + f->key, w, len)) break;
    }
    return j;
}

/* The facts of word dw of the document, as their index + 1 in
 * sp->words.facts; 0 when it is too short or too long to be a token. */
static uint32_t word_fact_id(spelling *sp, const doc *d, const doc_word *dw) {
    size_t len = dw->end - dw->start;
    if (len < 2 || len > MAX_TOKEN) return 0; /* make_token's limits */
    wcache *c = &sp->words; /* set up by spelling_prepare */
    const char *w = d->text + dw->start;
    uint64_t h = wkey_hash(w, len);
    size_t j = wcache_slot(c, w, len, h);
    if (c->slot[j].fact) return c->slot[j].fact;
    if ((c->facts.n + 1) * 2 > c->cap) {
        wcache_grow(c);
        j = wcache_slot(c, w, len, h);
    }
    wfact f = fact_of(sp, d, dw, c);
    f.mark = doc_mark(h);
    VEC_PUSH(c->facts, f);
    c->slot[j] = (struct wcslot){(uint32_t)(h >> 32), (uint32_t)c->facts.n};
    return (uint32_t)c->facts.n;
}

/* The facts of word k (spelling_prepare found them), NULL when it is no
 * token. */
static wfact *word_fact(spelling *sp, size_t k) {
    uint32_t id = sp->docf.v[k];
    return id ? &sp->words.facts.v[id - 1] : NULL;
}

/* The token of an occurrence of f at start. */
static void fact_token(const spelling *sp, const wfact *f, size_t start, token *tk) {
    tk->start = start;
    tk->end = start + f->span;
    memcpy(tk->w, sp->words.pool.data + f->tok, f->n);
    tk->w[f->n] = '\0';
    tk->n = f->n;
    tk->letters = f->letters;
    tk->upper = f->upper;
    tk->first_upper = f->first_upper;
    tk->ascii = f->ascii;
}

/* The facts asked for every token: the answer inline, the first asking
 * out of the way. */
static __attribute__((noinline)) int fact_side_ask(const spelling *sp, wfact *f) {
    return f->side = (int8_t)variant_side(sp, sp->words.pool.data + f->tok, f->n);
}

static inline int fact_side(const spelling *sp, wfact *f) {
    return f->side != UNASKED ? f->side : fact_side_ask(sp, f);
}

/* The English verdict: the fact is the cache, so the speller's own is
 * left to the words the checks make up (compound parts, variants). */
static bool fact_known(const spelling *sp, wfact *f) {
    if (f->known == UNASKED) f->known = spell_known_uncached(sp->en, sp->words.pool.data + f->tok, f->n);
    return f->known;
}

/* Whether check_word returns at once for any occurrence of the word,
 * from what the word's bytes decide: an acronym, a mixed-case name, and
 * (the bulk of a text) a word the dictionary knows that is no dialect
 * variant, unless MT.Untranslated lists it, which makes its neighbours
 * matter. spelling_run asks this before check_word looks at the word's
 * context, and it must agree with check_word's own tests (test_spelling:
 * real_words_decided_by_their_letters_alone). */
static __attribute__((noinline)) bool word_quiet(const spelling *sp, wfact *f) {
    bool allcaps = f->upper == f->letters, lower = f->upper == 0, capitalized = f->first_upper && f->upper == 1;
    if (allcaps && f->letters <= 6) return true;
    if (!lower && !allcaps && !capitalized) return true;
    if (f->listed) return false;
    if (!sp->en) return true;
    if (lower) return fact_side(sp, f) < 0 && fact_known(sp, f);
    return sp->en_compiled && fact_known(sp, f);
}

static inline bool fact_quiet(const spelling *sp, wfact *f) {
    if (f->quiet == UNASKED) f->quiet = word_quiet(sp, f);
    return f->quiet;
}

/* ---- near misses ----
 * The document's words that near misses are measured against are its
 * plain words (wfact.plain): spelling_prepare stamps them with the
 * document's number and lists them in the order they first occur. */

/* The plain word v[0..m) of the current document, or NULL. */
static const wfact *doc_plain_word(const spelling *sp, const char *v, size_t m) {
    const wcache *c = &sp->words;
    uint64_t h = wkey_hash(v, m);
    unsigned b = doc_mark(h);
    if (!c->cap || !(sp->docmarks[b / 64] >> (b % 64) & 1)) return NULL;
    size_t j = wcache_slot(c, v, m, h);
    const wfact *f = c->slot[j].fact ? &c->facts.v[c->slot[j].fact - 1] : NULL;
    return f && f->plain && f->seen == sp->docno ? f : NULL;
}

/* Whether w[0..n) is x[0..n + 1) without one of its letters. */
static bool lacks_a_letter(const char *w, const char *x, size_t n) {
    size_t i = 0;
    while (i < n && w[i] == x[i]) i++;
    return memcmp(w + i, x + i + 1, n - i) == 0;
}

/* The word of the document that lower-case w[0..n) is one slip from, or
 * NULL; searched as ws_near searches the title words: a letter missing
 * from w (the first such word of the document: its words of n + 1
 * letters are few, and compared with w, they need no index), a letter
 * too many, two letters swapped. Valid during the document. */
static const ws_entry *doc_near(spelling *sp, const char *w, size_t n) {
    const wcache *c = &sp->words;
    const wfact *f = NULL;
    for (size_t k = 0; k < sp->docwords.n && !f; k++) {
        if (sp->docwords.v[k].len != n + 1) continue; /* most are not: no look at their facts */
        const wfact *x = &c->facts.v[sp->docwords.v[k].id - 1];
        if (n + 1 > NEAR_MIN && lacks_a_letter(w, c->pool.data + x->key, n)) f = x;
    }
    char v[MAX_TOKEN];
    for (size_t i = 0; !f && i < n; i++) { /* w has a letter too many */
        if (i > 0 && w[i] == w[i - 1]) continue;
        memcpy(v, w, i);
        memcpy(v + i, w + i + 1, n - i - 1);
        f = doc_plain_word(sp, v, n - 1);
    }
    for (size_t i = 0; !f && i + 1 < n; i++) { /* two letters swapped */
        if (w[i] == w[i + 1]) continue;
        memcpy(v, w, n);
        v[i] = w[i + 1];
        v[i + 1] = w[i];
        f = doc_plain_word(sp, v, n);
    }
    if (!f) return NULL;
    sp->near = (ws_entry){sp->words.pool.data + f->key, f->len};
    return &sp->near;
}

/* The title word or word of the document that the token is one slip
 * from, or NULL; valid during the document. */
static const ws_entry *near_miss(spelling *sp, const token *tk) {
    if (!tk->ascii || tk->n < NEAR_MIN || tk->n >= MAX_TOKEN) return NULL;
    char w[MAX_TOKEN];
    for (size_t i = 0; i < tk->n; i++) w[i] = (char)ascii_tolower((unsigned char)tk->w[i]);
    wvar v;
    wvar_init(&v, w, tk->n);
    wvar_suffixes(&v, w);
    const ws_entry *t = ws_near(&sp->titles, w, &v);
    return t ? t : doc_near(sp, w, tk->n);
}

/* near_miss of the token of fact f, remembered for the fact. */
static const ws_entry *fact_near(spelling *sp, const wfact *f, const token *tk) {
    wcache *c = &sp->words;
    size_t id = (size_t)(f - c->facts.v);
    if (id >= c->near_cap) {
        size_t ncap = c->near_cap ? c->near_cap : 1024;
        while (ncap <= id) ncap *= 2;
        c->near = xrealloc(c->near, ncap * sizeof *c->near);
        memset(c->near + c->near_cap, 0, (ncap - c->near_cap) * sizeof *c->near);
        c->near_cap = ncap;
    }
    struct near_memo *m = &c->near[id];
    if (m->doc != sp->docno && !(m->doc && m->title >= 0)) {
        const ws_entry *e = near_miss(sp, tk);
        *m = (struct near_memo){.doc = sp->docno, .title = -1};
        if (e && ws_near_is_title(sp, e)) {
            m->title = (int32_t)(e - sp->titles.val);
        } else if (e) {
            m->key = (uint32_t)(e->src - c->pool.data);
            m->len = e->len;
        }
    }
    if (m->title >= 0) return &sp->titles.val[m->title];
    if (!m->len) return NULL;
    sp->near = (ws_entry){c->pool.data + m->key, m->len};
    return &sp->near;
}

typedef struct want {
    bool unknown, dialect, mix, untr;
} want;

/* The rules of the pass that are on. */
static want wanted(const spelling *sp, const registry *reg) {
    return (want){
        .unknown = sp->en && reg_enabled(reg, sp->r_unknown),
        .dialect = sp->en && reg_enabled(reg, sp->r_dialect),
        .mix = sp->en && reg_enabled(reg, sp->r_mix),
        .untr = reg_enabled(reg, untr_rule(sp->ut)),
    };
}

static bool wants_words(const want *wt) { return wt->unknown || wt->dialect || wt->mix || wt->untr; }

/* Whether a variant of `side` goes against the setting or the article. */
static bool variant_reported(const spelling *sp, const want *wt, int side) {
    if (sp->dialect_mode == DIA_ANY) return false;
    if (sp->dialect_mode != DIA_AUTO) return wt->dialect && side != sp->dialect_mode;
    doc_dialect major = dia_majority(sp->nvar[DIA_US], sp->nvar[DIA_GB]);
    return wt->mix && major != DOC_DIALECT_NONE && side != (major == DOC_DIALECT_US ? DIA_US : DIA_GB);
}

/* Whether word dw is part of a hyphenated compound. */
static bool in_compound(const doc *d, const doc_word *dw) {
    size_t hw;
    return hyphen_before(d->view, dw->start) || is_hyphen_at(d->view, d->len, dw->end, &hw);
}

static void check_word(spelling *sp, check_ctx *cx, const want *wt, size_t k, bool initial) {
    const doc *d = cx->d;
    const doc_word *dw = &d->words.v[k];
    wfact *f = word_fact(sp, k);
    if (!f || !f->ok || fact_quiet(sp, f) || odd_context(d, dw->start, dw->end)) return;
    bool allcaps = f->upper == f->letters;
    bool lower = f->upper == 0;
    bool capitalized = f->first_upper && f->upper == 1;
    if (allcaps && f->letters <= 6) return; /* an acronym */
    if (!lower && !allcaps && !capitalized) return; /* mixed case: a name or a brand */
    /* The token, made for the few words the facts do not decide. */
    token tk;

    /* Function words: lower case, or a sentence-initial capital followed
     * by a lower-case word ("Según el ministro"). */
    untr_word x = {0};
    char low[MAX_TOKEN + 8];
    /* Neighbours are looked at only for the few words that need them. */
    bool listed = (lower || (initial && capitalized)) && f->listed && !in_compound(d, dw);
    if (listed) {
        fact_token(sp, f, dw->start, &tk);
        x.w = tk.w;
        x.n = tk.n;
        if (!lower) {
            x.n = lower_initial(tk.w, tk.n, low);
            x.w = low;
        }
        x.prev = neighbour(d, k, -1, &x.nprev);
        x.next = neighbour(d, k, 1, &x.nnext);
        if (x.next) x.next2 = neighbour(d, k + 1, 1, &x.nnext2);
        /* Sentence-initial: only words that cannot be a short name
         * ("Nas", "Les", "Des"), and before a lower-case word. */
        bool ok_initial = lower || ((tk.n >= 4 || !tk.ascii) && x.next &&
                                    !word_capitalized(x.next, x.nnext));
        bool in_name = false;
        const char *lang = ok_initial ? untr_function_word(sp->ut, &x, &in_name) : NULL;
        if (in_name) return;
        if (lang && wt->untr && !quoted_alone(d, tk.start, tk.end) && !in_loan_phrase(sp, d, &tk)) {
            report_untranslated(sp, cx, &tk, lang);
            return;
        }
    }
    /* Everything below needs the English verdict. Without it (--no-spell)
     * letters prove nothing either: "café" is English. */
    if (!sp->en) return;
    int side = lower ? fact_side(sp, f) : -1;
    if (side >= 0) { /* a word of one dialect or the other */
        if (variant_reported(sp, wt, side)) {
            fact_token(sp, f, dw->start, &tk);
            report_variant(sp, cx, &tk, side);
        }
        return;
    }
    if (!lower) {
        /* Capitalized or long all-caps: a name unless a near miss. The
         * cheaper test comes first: the dictionary's verdict when its
         * compiled tables give it (once per word), else the near-miss
         * test, a few hash probes where Hunspell would be asked about
         * every new name. */
        if (!wt->unknown) return;
        if (sp->en_compiled && fact_known(sp, f)) return;
        fact_token(sp, f, dw->start, &tk);
        const ws_entry *near = fact_near(sp, f, &tk);
        if (!near || fact_known(sp, f) || list_knows(sp, tk.w, tk.n) || plural_of_word(sp, &tk)) return;
        if (in_compound(d, dw) && compound_ok(sp, d, k, &tk)) return;
        if (other_dialect_knows(sp, &tk)) return; /* "Labour", "Centre" */
        /* a title word's slip is reported even inside a name ("Presdent
         * Obasanjo"); a document word's is not ("Markos Geneti") */
        if (!ws_near_is_title(sp, near) && beside_unknown_name(sp, d, k)) return;
        if (!quoted_alone(d, tk.start, tk.end)) report_unknown(sp, cx, &tk, near);
        return;
    }
    if (fact_known(sp, f)) return;
    fact_token(sp, f, dw->start, &tk);
    /* A word of the SCOWL list is no misspelling, but the list also holds
     * Spanish and French words English borrowed once ("ayuntamiento"):
     * the untranslated test still looks at it. */
    bool in_list = list_knows(sp, tk.w, tk.n);
    if (!in_list) {
        if (in_compound(d, dw) && compound_ok(sp, d, k, &tk)) return;
        if (quoted_alone(d, tk.start, tk.end)) return;
        if (name_particle(sp, d, k, &tk) || open_compound_ok(sp, d, k, &tk)) return;
        if (own_goal(d, k, &tk)) return;
    }
    if (listed && untr_loan_phrase(&x)) return; /* "jour" in "du jour" */
    /* The other dialect first: "grey" is en_GB, not Spanish. */
    if (other_dialect_knows(sp, &tk)) return; /* a variant is decided above */
    if (in_loan_phrase(sp, d, &tk)) return; /* "joie de vivre", "cause célèbre" */
    if (wt->untr && !quoted_alone(d, tk.start, tk.end)) {
        const char *lang = untr_unknown_word(sp->ut, tk.w, tk.n);
        if (lang) {
            report_untranslated(sp, cx, &tk, lang);
            return;
        }
    }
    /* after the untranslated test: "presunto" is no compound */
    if (wt->unknown && !in_list && !vowelless_abbreviation(&tk) && !closed_compound_ok(sp, &tk))
        report_unknown(sp, cx, &tk, near_miss(sp, &tk));
}

/* The facts from number first on are new: their words' first verdicts
 * (the dictionary's, and a lower-case word's dialect side) are lookups in
 * tables of megabytes, each a cache miss. Asked one at a time, between
 * the other work of each word, every miss is waited for alone; the slots
 * the lookups will read are fetched here all together, before them
 * (BBC, -j 1: 2% less time, measured against the build before). */
static void prefetch_verdicts(const spelling *sp, size_t first) {
    if (!sp->en) return;
    for (size_t i = first; i < sp->words.facts.n; i++) {
        const wfact *f = &sp->words.facts.v[i];
        if (!f->ok) continue;
        const char *w = sp->words.pool.data + f->tok;
        spell_prefetch(sp->en, w, f->n);
        for (int v = 0; v < 2 && !f->upper; v++)
            if (sp->variants[v]) mtd_prefetch(sp->variants[v], w, f->n);
    }
}

/* The article's count of each side's variants, before any check runs:
 * Spelling.DialectMix weighs each variant against it, and the quote check
 * reads the article's dialect (d->dialect) from it. */
static void spelling_prepare(void *state, doc *d, const registry *reg) {
    spelling *sp = state;
    sp->nvar[DIA_US] = sp->nvar[DIA_GB] = 0;
    /* between documents, so that no fact found for this one is dropped */
    if (sp->words.facts.n >= WCACHE_MAX) wcache_reset(&sp->words, sp->words.cap);
    sp->docno++;
    sp->docwords.n = 0;
    memset(sp->docmarks, 0, sizeof sp->docmarks);
    sp->docchk.n = 0;
    bool count = sp->en && (sp->dialect_mode == DIA_AUTO || sp->dialect_mode == DIA_ANY);
    want wt = wanted(sp, reg);
    bool words = wants_words(&wt);
    if (!count && !words) return; /* no rule of the pass reads the words */
    if (!sp->words.cap) wcache_reset(&sp->words, 4096);
    VEC_RESERVE(sp->docf, d->words.n);
    /* the facts first, then the words' verdicts: see prefetch_verdicts */
    size_t before = sp->words.facts.n;
    for (size_t k = 0; k < d->words.n; k++) {
        const doc_word *dw = &d->words.v[k];
        bool letters = dw->status >= WORD_LETTER && dw->status < WORD_KANA;
        sp->docf.v[k] = letters ? word_fact_id(sp, d, dw) : 0;
    }
    prefetch_verdicts(sp, before);
    for (size_t k = 0; k < d->words.n; k++) {
        const doc_word *dw = &d->words.v[k];
        uint32_t id = sp->docf.v[k];
        if (!id) continue;
        wfact *f = &sp->words.facts.v[id - 1];
        if (f->seen != sp->docno) {
            f->seen = sp->docno;
            if (f->plain) {
                VEC_PUSH(sp->docwords, ((struct docword){id, f->len}));
                sp->docmarks[f->mark / 64] |= UINT64_C(1) << (f->mark % 64);
            }
        }
        /* most words are decided by their letters: spelling_run passes
         * them by */
        if (words && f->ok && !fact_quiet(sp, f)) VEC_PUSH(sp->docchk, k);
        /* a lower-case variant, not a handle or a path (the context last:
         * the side is the word's, found once) */
        if (!count || !f->ok || f->upper) continue;
        int side = fact_side(sp, f);
        if (side >= 0 && !odd_context(d, dw->start, dw->end)) sp->nvar[side]++;
    }
    if (count) d->dialect = dia_majority(sp->nvar[DIA_US], sp->nvar[DIA_GB]);
}

static void spelling_run(void *state, check_ctx *cx) {
    spelling *sp = state;
    const doc *d = cx->d;
    want wt = wanted(sp, cx->reg);
    if (wants_words(&wt)) {
        /* in text order, as the sentences hold them (each word is in the
         * range of words of its sentence) */
        for (size_t i = 0; i < sp->docchk.n; i++) {
            size_t k = sp->docchk.v[i];
            const doc_sentence *s = &d->sentences.v[d->words.v[k].sentence];
            if (k < s->first_word || k >= s->first_word + s->nwords) continue;
            check_word(sp, cx, &wt, k, k == s->first_word);
        }
    }
    if (wt.untr) untr_scan_text(sp->ut, cx);
}

static void spelling_fork_close(spelling *sp);

static void spelling_close(void *state) {
    spelling *sp = state;
    if (!sp) return;
    if (sp->forked) {
        spelling_fork_close(sp);
        return;
    }
    spell_close(sp->en);
    spell_close(sp->alt);
    for (size_t i = 0; i < 2; i++) {
        mtd_close(sp->lists[i]);
        mtd_close(sp->variants[i]);
    }
    mtd_builder_free(sp->particles);
    mtd_builder_free(sp->phrase_words);
    for (size_t i = 0; i < sp->nphrases; i++) free(sp->phrases[i]);
    free(sp->phrases);
    untr_close(sp->ut);
    free(sp->supp_dir);
    free(sp->compiled_dir);
    mtl_diags_free(&sp->notes);
    free(sp->dict_name);
    ws_free(&sp->titles);
    wcache_free(&sp->words);
    VEC_FREE(sp->docf);
    VEC_FREE(sp->docwords);
    VEC_FREE(sp->docchk);
    free(sp);
}

/* A fork's close: what the fork owns (its spellers' caches, its
 * document's words). */
static void spelling_fork_close(spelling *sp) {
    spell_close(sp->en);
    spell_close(sp->alt);
    untr_close(sp->ut);
    wcache_free(&sp->words);
    VEC_FREE(sp->docf);
    VEC_FREE(sp->docwords);
    VEC_FREE(sp->docchk);
    free(sp);
}

/* Another thread's: the dictionaries, word lists and tables of state,
 * with verdict caches and a document of its own. The other dialect is
 * opened here if it was not, so that the forks share it. */
static void *spelling_fork(void *state) {
    spelling *base = state;
    if (base->en) alt_knows(base, "", 0);
    spelling *sp = xmalloc(sizeof *sp);
    *sp = *base;
    sp->en = base->en ? spell_fork(base->en) : NULL;
    sp->alt = base->alt ? spell_fork(base->alt) : NULL;
    sp->ut = untr_fork(base->ut);
    /* the caches and the document's words are the fork's own */
    sp->words = (wcache){0};
    sp->docno = 0;
    sp->docf.v = NULL;
    sp->docf.n = sp->docf.cap = 0;
    sp->docwords.v = NULL;
    sp->docwords.n = sp->docwords.cap = 0;
    sp->docchk.v = NULL;
    sp->docchk.n = sp->docchk.cap = 0;
    sp->forked = true;
    return sp;
}

/* The English speller, for Vale spelling rules of the same dictionary:
 * the state's, so that a fork's rules use the fork's (its caches). */
static struct speller *spelling_speller(void *state) {
    return ((spelling *)state)->en;
}

bool check_spelling_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    long ru = check_register(reg, "Spelling.Unknown", MTL_WARNING, MTL_CAT_SPELLING,
                             "A word the English dictionary does not know; capitalized words are "
                             "taken for names unless they are near misses of a dictionary word.", diags);
    long rd = check_register(reg, "Spelling.Dialect", MTL_INFO, MTL_CAT_SPELLING,
                             "With --dialect en_US or en_GB, a spelling variant of the other "
                             "dialect (colour/color, organise/organize).", diags);
    long rm = check_register(reg, "Spelling.DialectMix", MTL_WARNING, MTL_CAT_SPELLING,
                             "A spelling variant of the dialect the article uses less often "
                             "(colour where it mostly writes color); --dialect auto, the default.", diags);
    if (ru < 0 || rd < 0 || rm < 0) return false;
    spelling *sp = xcalloc(1, sizeof *sp);
    sp->r_unknown = (size_t)ru;
    sp->r_dialect = (size_t)rd;
    sp->r_mix = (size_t)rm;
    sp->dict_name = xstrdup(cfg->dict && *cfg->dict ? cfg->dict : "en_US");
    for (size_t i = 0; title_words[i]; i++) ws_add_word(&sp->titles, title_words[i], strlen(title_words[i]));
    static const char *const modes[] = {[DIA_US] = "en_US", [DIA_GB] = "en_GB", [DIA_AUTO] = "auto", [DIA_ANY] = "any"};
    sp->dialect_mode = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(cfg->dialect ? cfg->dialect : "auto", modes[i]) == 0) sp->dialect_mode = i;
    bool any = sp->dialect_mode == DIA_ANY;
    const char *other = spell_counterpart(sp->dict_name);
    bool ok = true;
    if (sp->dialect_mode < 0) {
        mtl_diags_add(diags, "--dialect %s: the dialect settings are auto, en_US, en_GB and any", cfg->dialect);
        ok = false;
    }
    const char *dir = check_dict_dir(cfg);
    sp->compiled_dir = dir ? spell_compiled_dir(dir) : NULL;
    if (!cfg->no_spell && ok) {
        sp->supp_dir = dir ? xstrdup(dir) : NULL;
        const char *names[3] = {sp->dict_name, any ? other : NULL, NULL};
        spell_options o = {.names = names, .supplement_dir = sp->supp_dir, .word_files = cfg->words,
                           .compiled_dir = sp->compiled_dir, .notes = &sp->notes, .busy = true};
        size_t before = diags->n;
        sp->en = spell_open(&o, diags);
        if (!sp->en) mtl_diags_locate(diags, before, cfg->dict_where);
        ok = sp->en != NULL;
        sp->en_compiled = sp->en && spell_compiled(sp->en);
        if (!any) sp->alt_name = other;
        sp->lists[0] = open_word_list(sp->compiled_dir, sp->dict_name, &sp->notes);
        if (any) sp->lists[1] = open_word_list(sp->compiled_dir, other, &sp->notes);
        sp->particles = read_particles(sp->supp_dir);
        read_phrases(sp, sp->supp_dir);
        open_variants(sp);
    }
    sp->ut = untr_open(reg, cfg, sp->compiled_dir, &sp->notes, diags);
    if (!sp->ut || !ok) {
        spelling_close(sp);
        return false;
    }
    *p = (pass){.name = "spelling", .state = sp, .run = spelling_run, .prepare = spelling_prepare, .close = spelling_close,
                .notes = &sp->notes, .speller = spelling_speller, .fork = spelling_fork};
    return true;
}
