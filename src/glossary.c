/* glossary.c - TSV term lists and accent/case-insensitive lookup (see
 * glossary.h). */
#include "glossary.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "util.h"

/* ---- folding -------------------------------------------------------------- */

/* Folded text and, for every folded byte, the span of the original code
 * point it came from. */
typedef struct fold_text {
    buf s;
    struct {
        size_t *v;
        size_t n, cap;
    } from, to;
} fold_text;

/* Spaces and hyphens, which fold to one space. */
static inline bool is_gap(int32_t c) {
    if (c < 0x80) return c == ' ' || c == '-' || (c >= '\t' && c <= '\r' && c != '\v' && c != '\f');
    return c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2010 || c == 0x2011;
}

static void put_folded(fold_text *f, const char *bytes, size_t nb, size_t from, size_t to) {
    buf_append(&f->s, bytes, nb);
    for (size_t k = 0; k < nb; k++) {
        VEC_PUSH(f->from, from);
        VEC_PUSH(f->to, to);
    }
}

/* One byte, without a call when there is room (most text is ASCII). */
static inline void put_byte(fold_text *f, char c, size_t from, size_t to) {
    if (f->s.len + 1 >= f->s.cap || f->from.n == f->from.cap || f->to.n == f->to.cap) {
        put_folded(f, &c, 1, from, to);
        return;
    }
    f->s.data[f->s.len++] = c;
    f->s.data[f->s.len] = '\0';
    f->from.v[f->from.n++] = from;
    f->to.v[f->to.n++] = to;
}

static void folded_free(fold_text *f) {
    buf_free(&f->s);
    VEC_FREE(f->from);
    VEC_FREE(f->to);
}

/* Letters and digits of alphabetic scripts join into words; CJK text has
 * no word boundaries to respect. */
static inline bool word_char(int32_t c) {
    if (c < 0x80) return c >= 0 && (ascii_isalpha(c) || ascii_isdigit(c));
    return c < 0x2E80 && u_isalnum((UChar32)c);
}

static int32_t cp_before(const char *s, size_t i) {
    if (i == 0) return -1;
    if ((unsigned char)s[i - 1] < 0x80) return (unsigned char)s[i - 1]; /* no walk back for ASCII */
    size_t p = u8_prev(s, i);
    return u8_decode(s, i, &p);
}

static int32_t cp_at(const char *s, size_t n, size_t i) { return i < n ? u8_decode(s, n, &i) : -1; }

/* s[b..e) is a whole word sequence: no word character runs on at either
 * side of an edge that is itself a word character. */
static bool whole(const char *s, size_t n, size_t b, size_t e) {
    if (word_char(cp_at(s, n, b)) && word_char(cp_before(s, b))) return false;
    if (word_char(cp_before(s, e)) && word_char(cp_at(s, n, e))) return false;
    return true;
}

/* ---- inflection ------------------------------------------------------------ */

/* Source terms match their inflected forms: "banco central" is found in
 * "bancos centrales", "ministerio de hacienda" in "Ministerios de
 * Hacienda", "banque centrale européenne" in "banques centrales
 * européennes". Each folded word is cut to a stem by two rounds of suffix
 * rules, number then gender; a word of fewer than 4 letters, or one that
 * a rule would leave shorter than 3, is kept whole (de, las, ley, mes).
 *
 * A table and not Hunspell's stemmer: glossary terms are names of
 * institutions, whose words inflect only for number and gender, and
 * regularly so; Hunspell gives every analysis of a word, verbs among them
 * ("unidas" -> "unir"), so that unrelated words share a stem, needs the
 * source dictionary loaded even with --no-spell, and is much slower per
 * word. A rule round applies its first rule whose suffix ends the word
 * and whose letter before it is of the class asked (vowel, consonant,
 * any). Only the languages listed here are stemmed. */
typedef enum { BEFORE_ANY, BEFORE_VOWEL, BEFORE_CONSONANT } before_class;

typedef struct stem_rule {
    const char *lang;
    int round;          /* 1 number, 2 gender */
    const char *suffix, *repl;
    before_class before;
    uint8_t sl, rl;     /* the lengths of suffix and repl */
} stem_rule;

/* A rule, its lengths counted by the compiler (every word of a text is
 * tried against its language's rules). */
#define STEM(lang, round, suffix, repl, before) {lang, round, suffix, repl, before, sizeof suffix - 1, sizeof repl - 1}

/* A language's rules stand together in the table. */
static const stem_rule stem_rules[] = {
    /* es: luces -> luz, naciones -> nacion, bancos -> banco; then the vowel of gender */
    STEM("es", 1, "ces", "z", BEFORE_VOWEL),
    STEM("es", 1, "es", "", BEFORE_CONSONANT),
    STEM("es", 1, "as", "a", BEFORE_ANY),
    STEM("es", 1, "os", "o", BEFORE_ANY),
    STEM("es", 2, "a", "", BEFORE_ANY),
    STEM("es", 2, "o", "", BEFORE_ANY),
    STEM("es", 2, "e", "", BEFORE_ANY),
    /* fr: bureaux -> bureau, centraux -> central, unies -> unie; then européenne -> européen, unie -> uni */
    STEM("fr", 1, "eaux", "eau", BEFORE_ANY),
    STEM("fr", 1, "aux", "al", BEFORE_ANY),
    STEM("fr", 1, "s", "", BEFORE_ANY),
    STEM("fr", 1, "x", "", BEFORE_VOWEL),
    STEM("fr", 2, "enne", "en", BEFORE_ANY),
    STEM("fr", 2, "onne", "on", BEFORE_ANY),
    STEM("fr", 2, "ive", "if", BEFORE_ANY),
    STEM("fr", 2, "e", "", BEFORE_ANY),
};
#define NSTEM_RULES (sizeof stem_rules / sizeof stem_rules[0])

enum { STEM_MIN_WORD = 4, STEM_MIN_STEM = 3 };

/* The rules of lang: stem_rules[lo..hi), empty when it has none; and
 * the last letters of their suffixes, a bit each ('a' bit 0). */
typedef struct stem_range {
    size_t lo, hi;
    uint32_t last;
} stem_range;

/* No rules: words folded only. */
static const stem_range NO_STEM = {0, 0, 0};

static stem_range rules_of(const char *lang) {
    stem_range r = NO_STEM;
    for (size_t i = 0; lang && i < NSTEM_RULES; i++)
        if (strcmp(stem_rules[i].lang, lang) == 0) {
            if (r.hi == 0) r.lo = i;
            r.hi = i + 1;
            r.last |= UINT32_C(1) << (stem_rules[i].suffix[stem_rules[i].sl - 1] - 'a');
        }
    return r;
}

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* The stem of the folded word w[0..*n), rewritten in w (which has room
 * for it: no rule lengthens a word); *n becomes its length. */
static void stem_word(stem_range rules, char *w, size_t *n) {
    if (*n < STEM_MIN_WORD) return;
    for (int round = 1; round <= 2; round++) {
        for (size_t i = rules.lo; i < rules.hi; i++) {
            const stem_rule *r = &stem_rules[i];
            if (r->round != round) continue;
            size_t sl = r->sl, rl = r->rl;
            /* the last letter first: most words end in none of the suffixes */
            if (sl >= *n || w[*n - 1] != r->suffix[sl - 1] || memcmp(w + *n - sl, r->suffix, sl - 1) != 0) continue;
            char before = w[*n - sl - 1];
            if ((r->before == BEFORE_VOWEL && !is_vowel(before)) || (r->before == BEFORE_CONSONANT && is_vowel(before)))
                continue;
            if (*n - sl + rl < STEM_MIN_STEM) continue;
            memcpy(w + *n - sl, r->repl, rl);
            *n = *n - sl + rl;
            break;
        }
    }
}

/* The stemmer's part in fold(): the run of ASCII letters (a-z) at the end
 * of the folded text, which becomes a word to cut once the code point
 * after it is known to be no word character. */
typedef struct fold_run {
    stem_range rules;   /* empty: no stemming */
    size_t start;       /* where the run begins; SIZE_MAX: no run */
    bool after_word;    /* the code point before it is a word character */
    bool prev_word;     /* the last code point folded is one */
} fold_run;

/* Cuts the run s[start..len) that ends f to its stem, in place (no rule
 * lengthens a word); the stem's last byte maps to the end of the whole
 * word, so that a match spans the word as written. */
static void stem_tail(fold_text *f, size_t start, stem_range rules) {
    char w[64];
    size_t len = f->s.len - start, wl = len;
    if (len < STEM_MIN_WORD || len >= sizeof w) return; /* kept whole; no such word in these languages */
    if (!(rules.last >> (f->s.data[f->s.len - 1] - 'a') & 1)) return; /* no suffix ends so: most words */
    memcpy(w, f->s.data + start, len);
    stem_word(rules, w, &wl);
    if (wl == len && memcmp(w, f->s.data + start, len) == 0) return;
    size_t end = f->to.v[start + len - 1];
    memcpy(f->s.data + start, w, wl);
    f->s.len = f->from.n = f->to.n = start + wl;
    f->s.data[f->s.len] = '\0';
    f->to.v[start + wl - 1] = end;
}

/* Before code point x is folded into f: a run of letters starts, goes
 * on, or ends (and is cut to its stem when x does not join it). */
static inline void run_before(fold_text *f, fold_run *r, int32_t x) {
    if (!r->rules.hi) return;
    if (x >= 'a' && x <= 'z') {
        if (r->start == SIZE_MAX) {
            r->start = f->s.len;
            r->after_word = r->prev_word;
        }
        return;
    }
    if (r->start != SIZE_MAX && !r->after_word && !word_char(x)) stem_tail(f, r->start, r->rules);
    r->start = SIZE_MAX;
}

static inline void run_after(fold_run *r, int32_t x) {
    if (r->rules.hi) r->prev_word = x >= 0x80 ? word_char(x) : ascii_isalpha(x) || ascii_isdigit(x);
}

/* NFD, combining marks dropped, case folded; runs of spaces and hyphens
 * become one space, typographic apostrophes ASCII. With stemming rules,
 * each word of ASCII letters is cut to its stem as it ends, so that a
 * text is read once. */
static void fold(const char *s, size_t n, stem_range stem, fold_text *f) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    fold_run run = {.rules = stem, .start = SIZE_MAX};
    size_t i = 0;
    buf_reserve(&f->s, n);
    f->s.data[f->s.len] = '\0'; /* text of nothing but marks folds to "" */
    VEC_RESERVE(f->from, n);
    VEC_RESERVE(f->to, n);
    while (i < n) {
        size_t at = i;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && !is_gap(b)) { /* ASCII: its own decomposition, its fold lower case; the most of a text */
            int32_t x = ascii_tolower(b);
            run_before(f, &run, x);
            put_byte(f, (char)x, at, ++i);
            run_after(&run, x);
            continue;
        }
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) c = 0xFFFD;
        if (is_gap(c)) {
            if (f->s.len && f->s.data[f->s.len - 1] != ' ') {
                run_before(f, &run, ' ');
                put_byte(f, ' ', at, i);
                run_after(&run, ' ');
            }
            continue;
        }
        if (c == 0x2019 || c == 0x02BC) c = '\'';
        UChar d[16];
        int32_t nd = U_SUCCESS(st) ? unorm2_getDecomposition(nfd, c, d, 16, &st) : -1;
        if (U_FAILURE(st) || nd < 0) {
            st = U_ZERO_ERROR;
            nd = 0;
            U16_APPEND_UNSAFE(d, nd, c);
        }
        bool wrote = false;
        for (int32_t k = 0; k < nd;) {
            UChar32 x;
            U16_NEXT(d, k, nd, x);
            if (u_getCombiningClass(x) != 0 || u_charType(x) == U_NON_SPACING_MARK) continue;
            x = u_foldCase(x, U_FOLD_CASE_DEFAULT);
            char out[4];
            run_before(f, &run, x);
            put_folded(f, out, u8_encode(x, out), at, i);
            run_after(&run, x);
            wrote = true;
        }
        /* a separate combining mark belongs to the letter before it */
        if (!wrote && f->s.len) f->to.v[f->to.n - 1] = i;
    }
    /* the last word ends with the text (a space after it is cut below) */
    run_before(f, &run, ' ');
    while (f->s.len && f->s.data[f->s.len - 1] == ' ') {
        f->s.data[--f->s.len] = '\0';
        f->from.n--;
        f->to.n--;
    }
}

/* ---- the term table -------------------------------------------------------- */

typedef struct target {
    char *text;   /* as written */
    char *folded; /* NULL for an acronym, matched as written */
} target;

/* The languages whose inflections terms match, in the order of their
 * forms after the first (stem_rules has rules for each). */
static const char *const stem_langs[] = {"es", "fr"};
#define NFORMS (1 + sizeof stem_langs / sizeof stem_langs[0])

/* A term as searched: folded (form 0), or folded and cut to stems in a
 * language. Every form is made when the term is loaded, so that a loaded
 * glossary never changes: the workers share it, and each document names
 * its own source language. */
typedef struct form {
    char *s;      /* form 0's is the term's folded */
    size_t len;
    size_t lead;  /* the length of its lead (lead_end) */
    size_t next;  /* the next term of its chain in lead[], + 1 */
} form;

typedef struct term {
    char *source, *folded, *where;
    form forms[NFORMS];
    struct {
        target *v;
        size_t n, cap;
    } targets;
    size_t next; /* the next term of its chain in slots[] (by folded), + 1 */
} term;

struct glossary {
    struct {
        term *v;
        size_t n, cap;
    } terms;
    size_t nslots;          /* a power of two, twice the terms or more */
    size_t *slots;          /* by the whole folded term: repeated terms */
    size_t *lead[NFORMS];   /* by each form's lead: the search */
};

/* The form of lang: its index in term.forms. */
static size_t form_of(const char *lang) {
    for (size_t k = 0; lang && k < NFORMS - 1; k++)
        if (strcmp(stem_langs[k], lang) == 0) return k + 1;
    return 0;
}

/* The end of the lead of folded text at s[k]: its run of word characters,
 * or its one code point when it is none. A term and a text that match
 * have the same lead (the text is folded and cut to stems as the term
 * was), and it is known at every word of the text without knowing where
 * a term would end. */
static size_t lead_end(const char *s, size_t n, size_t k) {
    size_t e = k;
    if (!word_char(u8_decode(s, n, &e))) return e;
    while (e < n) {
        unsigned char b = (unsigned char)s[e];
        if (b < 0x80) { /* no decoding */
            if (!word_char(b)) break;
            e++;
            continue;
        }
        size_t next = e;
        if (!word_char(u8_decode(s, n, &next))) break;
        e = next;
    }
    return e;
}

static size_t slot_of(const glossary *g, const char *s, size_t n) { return hash_bytes(s, n) & (g->nslots - 1); }

static void chain_insert(glossary *g, size_t t) {
    term *tm = &g->terms.v[t];
    size_t h = slot_of(g, tm->folded, strlen(tm->folded));
    tm->next = g->slots[h];
    g->slots[h] = t + 1;
    for (size_t k = 0; k < NFORMS; k++) {
        form *f = &tm->forms[k];
        h = slot_of(g, f->s, f->lead);
        f->next = g->lead[k][h];
        g->lead[k][h] = t + 1;
    }
}

static void rehash(glossary *g) {
    size_t want = 64;
    while (want < g->terms.n * 2) want *= 2;
    if (want <= g->nslots) return;
    free(g->slots);
    g->slots = xcalloc(want, sizeof *g->slots);
    for (size_t k = 0; k < NFORMS; k++) {
        free(g->lead[k]);
        g->lead[k] = xcalloc(want, sizeof *g->lead[k]);
    }
    g->nslots = want;
    for (size_t t = 0; t < g->terms.n; t++) chain_insert(g, t);
}

static const term *find_folded(const glossary *g, const char *folded) {
    if (!g->nslots) return NULL;
    for (size_t t = g->slots[slot_of(g, folded, strlen(folded))]; t; t = g->terms.v[t - 1].next)
        if (!strcmp(g->terms.v[t - 1].folded, folded)) return &g->terms.v[t - 1];
    return NULL;
}

glossary *glossary_open(void) { return xcalloc(1, sizeof(glossary)); }

static void term_free(term *tm) {
    free(tm->source);
    free(tm->folded);
    free(tm->where);
    for (size_t k = 1; k < NFORMS; k++) free(tm->forms[k].s);
    for (size_t k = 0; k < tm->targets.n; k++) {
        free(tm->targets.v[k].text);
        free(tm->targets.v[k].folded);
    }
    VEC_FREE(tm->targets);
}

void glossary_close(glossary *g) {
    if (!g) return;
    for (size_t t = 0; t < g->terms.n; t++) term_free(&g->terms.v[t]);
    VEC_FREE(g->terms);
    free(g->slots);
    for (size_t k = 0; k < NFORMS; k++) free(g->lead[k]);
    free(g);
}

size_t glossary_count(const glossary *g) { return g->terms.n; }
const char *glossary_source(const glossary *g, size_t t) { return g->terms.v[t].source; }
size_t glossary_ntargets(const glossary *g, size_t t) { return g->terms.v[t].targets.n; }
const char *glossary_target(const glossary *g, size_t t, size_t k) {
    return g->terms.v[t].targets.v[k].text;
}

/* ---- loading ---------------------------------------------------------------- */

/* s[0..n) folded, and cut to stems by rules (none: folded only). */
static char *fold_string(const char *s, size_t n, stem_range rules) {
    fold_text f = {0};
    fold(s, n, rules, &f);
    char *r = f.s.data ? buf_steal(&f.s) : xstrdup("");
    folded_free(&f);
    return r;
}

/* The forms of tm, whose folded is set. */
static void make_forms(term *tm) {
    for (size_t k = 0; k < NFORMS; k++) {
        form *f = &tm->forms[k];
        f->s = k ? fold_string(tm->source, strlen(tm->source), rules_of(stem_langs[k - 1])) : tm->folded;
        f->len = strlen(f->s);
        f->lead = lead_end(f->s, f->len, 0);
    }
}

/* IMF, UN, G20: two or more capitals, no lower case. */
static bool is_acronym(const char *s) {
    size_t caps = 0;
    for (const char *p = s; *p; p++) {
        if (ascii_isupper(*p)) caps++;
        else if (!ascii_isdigit(*p)) return false;
    }
    return caps >= 2;
}

static void trim(const char **b, const char **e) {
    while (*b < *e && ascii_isspace(**b)) ++*b;
    while (*e > *b && ascii_isspace((*e)[-1])) --*e;
}

__attribute__((format(printf, 5, 6))) static int fail(char *err, size_t errlen, const char *name,
                                                      size_t line, const char *fmt, ...) {
    int k = snprintf(err, errlen, "%s:%zu: ", name, line);
    if (k >= 0 && (size_t)k < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int load_line(glossary *g, const char *name, size_t line, const char *b, const char *e,
                     char *err, size_t errlen) {
    const char *tab = memchr(b, '\t', (size_t)(e - b));
    if (!tab)
        return fail(err, errlen, name, line,
                    "expected SOURCE<TAB>TRANSLATION[|ALTERNATIVE...]: no tab");
    if (memchr(tab + 1, '\t', (size_t)(e - tab - 1)))
        return fail(err, errlen, name, line, "more than two columns");
    const char *sb = b, *se = tab;
    trim(&sb, &se);
    char *folded = fold_string(sb, (size_t)(se - sb), NO_STEM);
    if (!*folded) {
        free(folded);
        return fail(err, errlen, name, line, "empty source term");
    }
    const term *dup = find_folded(g, folded);
    if (dup) {
        int rc = fail(err, errlen, name, line, "\"%.*s\" is already in the glossary (%s)",
                      (int)(se - sb), sb, dup->where);
        free(folded);
        return rc;
    }
    term tm = {.source = xstrndup(sb, (size_t)(se - sb)), .folded = folded,
               .where = xasprintf("%s:%zu", name, line)};
    make_forms(&tm);
    for (const char *p = tab + 1;;) {
        const char *bar = memchr(p, '|', (size_t)(e - p));
        const char *ab = p, *ae = bar ? bar : e;
        trim(&ab, &ae);
        if (ab == ae) {
            term_free(&tm);
            return fail(err, errlen, name, line, "empty translation");
        }
        target t = {.text = xstrndup(ab, (size_t)(ae - ab))};
        if (!is_acronym(t.text)) t.folded = fold_string(ab, (size_t)(ae - ab), NO_STEM);
        VEC_PUSH(tm.targets, t);
        if (!bar) break;
        p = bar + 1;
    }
    VEC_PUSH(g->terms, tm);
    if (g->terms.n * 2 > g->nslots) rehash(g);
    else chain_insert(g, g->terms.n - 1);
    return 0;
}

int glossary_load_mem(glossary *g, const char *name, const char *text, size_t len, char *err,
                      size_t errlen) {
    size_t line = 0;
    for (size_t i = 0; i < len;) {
        line++;
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len, next = nl ? e + 1 : len;
        if (e > i && text[e - 1] == '\r') e--;
        if (u8_valid_prefix(text + i, e - i) != e - i)
            return fail(err, errlen, name, line, "invalid UTF-8");
        const char *b = text + i, *end = text + e;
        while (b < end && (*b == ' ' || *b == '\t')) b++;
        if (b < end && *b != '#' && load_line(g, name, line, text + i, end, err, errlen))
            return -1;
        i = next;
    }
    return 0;
}

int glossary_load(glossary *g, const char *path, char *err, size_t errlen) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&b, chunk, k);
    int bad = ferror(fp);
    fclose(fp);
    int rc;
    if (bad) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    } else {
        rc = glossary_load_mem(g, path, b.data ? b.data : "", b.len, err, errlen);
    }
    buf_free(&b);
    return rc;
}

/* ---- lookup ------------------------------------------------------------------- */

void glossary_find(const glossary *g, const char *lang, const char *text, size_t len, glossary_hits *out) {
    if (!g->terms.n) return;
    size_t fi = form_of(lang);
    fold_text f = {0};
    fold(text, len, fi ? rules_of(stem_langs[fi - 1]) : NO_STEM, &f);
    const char *s = f.s.data ? f.s.data : "";
    size_t n = f.s.len;
    /* k is at a word's start or at a character of no word: a term starts
     * at neither edge of a word */
    for (size_t k = 0; k < n;) {
        size_t e = lead_end(s, n, k), best = 0, best_len = 0;
        if (s[k] != ' ') {
            for (size_t t = g->lead[fi][slot_of(g, s + k, e - k)]; t; t = g->terms.v[t - 1].forms[fi].next) {
                const form *fm = &g->terms.v[t - 1].forms[fi];
                if (fm->lead != e - k || fm->len > n - k || fm->len <= best_len || memcmp(s + k, fm->s, fm->len) ||
                    !whole(s, n, k, k + fm->len))
                    continue;
                best = t;
                best_len = fm->len;
            }
        }
        if (best) {
            glossary_hit hit = {.term = best - 1, .start = f.from.v[k], .end = f.to.v[k + best_len - 1]};
            VEC_PUSH(*out, hit);
            k += best_len;
        } else {
            k = e;
        }
    }
    folded_free(&f);
}

/* Occurrences of needle in hay as a whole word sequence. */
static bool contains_whole(const char *hay, size_t n, const char *needle) {
    size_t nl = strlen(needle);
    for (const char *p = hay; nl && (p = memmem(p, n - (size_t)(p - hay), needle, nl)); p++)
        if (whole(hay, n, (size_t)(p - hay), (size_t)(p - hay) + nl)) return true;
    return false;
}

/* The same, allowing an English plural of the last word: a source term
 * found in the plural ("bancos centrales") is rightly translated in the
 * plural ("central banks", "finance ministries"). */
static bool contains_plural(const char *hay, size_t n, const char *needle) {
    if (contains_whole(hay, n, needle)) return true;
    size_t nl = strlen(needle);
    if (!nl) return false;
    static const char *const endings[] = {"s", "es"};
    for (const char *p = hay; (p = memmem(p, n - (size_t)(p - hay), needle, nl)); p++) {
        size_t b = (size_t)(p - hay), e = b + nl;
        for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
            size_t el = strlen(endings[k]);
            if (e + el <= n && memcmp(hay + e, endings[k], el) == 0 && whole(hay, n, b, e + el)) return true;
        }
    }
    /* ministry -> ministries */
    if (nl > 2 && needle[nl - 1] == 'y') {
        for (const char *p = hay; (p = memmem(p, n - (size_t)(p - hay), needle, nl - 1)); p++) {
            size_t b = (size_t)(p - hay), e = b + nl - 1;
            if (e + 3 <= n && memcmp(hay + e, "ies", 3) == 0 && whole(hay, n, b, e + 3)) return true;
        }
    }
    return false;
}

bool glossary_target_has(const glossary *g, size_t t, const char *text, size_t len) {
    const term *tm = &g->terms.v[t];
    fold_text f = {0};
    bool found = false;
    for (size_t k = 0; k < tm->targets.n && !found; k++) {
        const target *tg = &tm->targets.v[k];
        if (!tg->folded) {
            found = contains_whole(text, len, tg->text);
            continue;
        }
        if (!f.s.data) fold(text, len, NO_STEM, &f);
        found = f.s.data && contains_plural(f.s.data, f.s.len, tg->folded);
    }
    folded_free(&f);
    return found;
}
