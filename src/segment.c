/* segment.c - ICU sentence and word boundaries over each prose block.
 *
 * The break iterators run on a UTF-16 copy of each block, decoded once:
 * over a UTF-8 UText, ICU decodes the text again in 32-unit chunks behind
 * every iterator step, which cost more than the copy (a seventh of a run
 * without rules and spelling). A map takes UTF-16 indices back to byte
 * offsets; a pure-ASCII block, the common case, needs none. The sentence
 * iterator uses CLDR's English suppressions ("en") so that "Mr." or "U.S."
 * do not end a sentence.
 *
 * An English ASCII block, nearly every block of English news, skips the
 * iterators (a pound or euro sign, which both rule sets read as a
 * character of no class, may be in it): its words and sentences come
 * from scanners of Unicode's rules (UAX #29) restricted to ASCII, which
 * find the same boundaries at a fraction of the cost
 * (tests/unit/test_segment.c compares them with ICU). A block where ICU's
 * suppressions might hold back a sentence break keeps ICU's sentence
 * iterator. */
#include "segment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ures.h>
#include <unicode/utf16.h>
#include <unicode/utext.h>

#include "util.h"

enum { EXC_SLOTS = 1024, EXC_MAX = 8 /* bytes of an exception */ };

struct segmenter {
    bool no_words;          /* sentences only */
    /* English rules, which the scanners follow: another locale's may be
     * tailored, and keeps ICU for every block */
    bool root_words;
    UBreakIterator *sent;
    UBreakIterator *word;
    UText ut;
    /* the block being segmented, in UTF-16 */
    struct { UChar *v; size_t n, cap; } u16;
    /* byte offset in the block of each UTF-16 unit and of the end;
     * empty when they are equal (an ASCII block, or a UTF-8 UText) */
    struct { int32_t *v; size_t n, cap; } map;
    bool plain; /* the block is plain_text and root_words: the scanners read it */
    bool icu_only; /* seg_set_icu_only */
    /* the block's sentence boundaries: UTF-16 indices, the last its end */
    struct { int32_t *v; size_t n, cap; } bounds;
    /* ICU's English sentence-break exceptions that can hold back a
     * break the scanner finds ("Mr.", load_exceptions), a set of their
     * bytes packed last first; exc_ok false when they could not be read
     * (every block then keeps ICU's sentence iterator) */
    uint64_t exc[EXC_SLOTS];
    bool exc_ok;
};

static size_t exc_slot(uint64_t key) { return (size_t)((key * 0x9E3779B97F4A7C15u) >> 54); /* 1024 slots */ }

static bool exc_has(const segmenter *sg, uint64_t key) {
    for (size_t i = exc_slot(key); sg->exc[i]; i = (i + 1) % EXC_SLOTS)
        if (sg->exc[i] == key) return true;
    return false;
}

/* Adds u[0..n) to the set; false when it does not fit the scheme (ASCII,
 * 2-8 characters, ending in a point) or the set is full. */
static bool exc_add(segmenter *sg, const UChar *u, int32_t n, size_t *count) {
    if (n < 2 || n > EXC_MAX || u[n - 1] != '.' || ++*count > EXC_SLOTS / 2) return false;
    uint64_t key = 0;
    for (int32_t j = 0; j < n; j++) {
        UChar c = u[n - 1 - j];
        if (c == 0 || c >= 0x80) return false;
        key |= (uint64_t)c << (8 * j);
    }
    size_t i = exc_slot(key);
    while (sg->exc[i] && sg->exc[i] != key) i = (i + 1) % EXC_SLOTS;
    sg->exc[i] = key;
    return true;
}

/* The part of u[0..n) up to its first point when the point is inside
 * ("U." of "U.S."), or 0. */
static int32_t first_part(const UChar *u, int32_t n) {
    for (int32_t i = 0; i < n - 1; i++)
        if (u[i] == '.') return i + 1;
    return 0;
}

/* Reads the exceptions ICU's "en@ss=standard" sentence iterator filters
 * its breaks with, from ICU's own data (the set is always the one the
 * iterator uses), and keeps those that can hold back a break the scanner
 * finds. ICU matches an exception backwards from the break, but one with
 * a point inside ("U.S.") only up to its first point ("U."), and then
 * forwards from there across the break; so too an exception equal to
 * such a first part ("U."). Where the scanner breaks, after that point
 * come closing marks, spaces or a character no exception has (SB6-SB8
 * keep letters and digits away), and the forward match fails: only the
 * other exceptions ("Mr.") can hold a break back. */
static bool load_exceptions(segmenter *sg) {
    enum { MAX_ENTRIES = EXC_SLOTS / 2 };
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *top = ures_open(U_ICUDATA_NAME "-brkitr", "en", &st);
    UResourceBundle *exc = ures_getByKey(top, "exceptions", NULL, &st);
    UResourceBundle *list = ures_getByKey(exc, "SentenceBreak", NULL, &st);
    const UChar *u[MAX_ENTRIES];
    int32_t len[MAX_ENTRIES];
    size_t n = 0, count = 0;
    bool ok = U_SUCCESS(st) && ures_getSize(list) > 0;
    while (ok && ures_hasNext(list)) {
        ok = n < MAX_ENTRIES;
        if (ok) u[n] = ures_getNextString(list, &len[n], NULL, &st);
        ok = ok && U_SUCCESS(st);
        n++;
    }
    for (size_t i = 0; ok && i < n; i++) {
        bool backwards = first_part(u[i], len[i]) == 0;
        for (size_t j = 0; backwards && j < n; j++) {
            int32_t part = first_part(u[j], len[j]);
            backwards = !(part == len[i] && memcmp(u[i], u[j], (size_t)part * sizeof *u[i]) == 0);
        }
        if (backwards) ok = exc_add(sg, u[i], len[i], &count);
    }
    ures_close(list);
    ures_close(exc);
    ures_close(top);
    return ok;
}

segmenter *seg_open(char *errbuf, size_t errlen) { return seg_open_locale("en", errbuf, errlen); }

segmenter *seg_open_locale(const char *locale, char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    segmenter *sg = xcalloc(1, sizeof *sg);
    sg->ut = (UText)UTEXT_INITIALIZER;
    char sent_locale[64];
    snprintf(sent_locale, sizeof sent_locale, "%s@ss=standard", locale);
    sg->root_words = strcmp(locale, "en") == 0;
    sg->exc_ok = sg->root_words && load_exceptions(sg);
    sg->sent = ubrk_open(UBRK_SENTENCE, sent_locale, NULL, 0, &st);
    if (U_SUCCESS(st)) sg->word = ubrk_open(UBRK_WORD, locale, NULL, 0, &st);
    if (U_FAILURE(st)) {
        snprintf(errbuf, errlen, "ICU break iterator: %s", u_errorName(st));
        seg_close(sg);
        return NULL;
    }
    return sg;
}

segmenter *seg_clone(const segmenter *sg, char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    segmenter *c = xcalloc(1, sizeof *c);
    c->ut = (UText)UTEXT_INITIALIZER;
    c->no_words = sg->no_words;
    c->root_words = sg->root_words;
    c->icu_only = sg->icu_only;
    memcpy(c->exc, sg->exc, sizeof c->exc);
    c->exc_ok = sg->exc_ok;
    c->sent = ubrk_clone(sg->sent, &st);
    if (U_SUCCESS(st)) c->word = ubrk_clone(sg->word, &st);
    if (U_FAILURE(st)) {
        snprintf(errbuf, errlen, "ICU break iterator: %s", u_errorName(st));
        seg_close(c);
        return NULL;
    }
    return c;
}

void seg_set_words(segmenter *sg, bool on) { sg->no_words = !on; }

void seg_set_icu_only(segmenter *sg, bool on) { sg->icu_only = on; }

void seg_close(segmenter *sg) {
    if (!sg) return;
    if (sg->sent) ubrk_close(sg->sent);
    if (sg->word) ubrk_close(sg->word);
    utext_close(&sg->ut);
    VEC_FREE(sg->u16);
    VEC_FREE(sg->map);
    VEC_FREE(sg->bounds);
    free(sg);
}

/* Points sg->ut at the block [p, p + n): a UTF-16 copy with its byte map,
 * or the UTF-8 bytes themselves when they are ill-formed (the view is
 * valid UTF-8, so only as a safety net: ICU then decodes as it reads). */
static void load_block(segmenter *sg, const char *p, size_t n, UErrorCode *st) {
    sg->map.n = 0;
    sg->u16.n = 0;
    if (n > INT32_MAX / 2) goto utf8;
    VEC_RESERVE(sg->u16, n + 1); /* never more units than bytes */
    UChar *u = sg->u16.v;
    size_t i = 0;
    while (i < n && (unsigned char)p[i] < 0x80) {
        u[i] = (UChar)p[i];
        i++;
    }
    if (i < n) {
        VEC_RESERVE(sg->map, n + 1);
        int32_t *m = sg->map.v;
        for (size_t k = 0; k < i; k++) m[k] = (int32_t)k;
        size_t j = i;
        while (i < n) {
            int32_t at = (int32_t)i, cp = u8_decode(p, n, &i);
            if (cp < 0) goto utf8;
            if (cp > 0xFFFF) {
                m[j] = at;
                u[j++] = U16_LEAD(cp);
                cp = U16_TRAIL(cp);
            }
            m[j] = at;
            u[j++] = (UChar)cp;
        }
        m[j] = (int32_t)n;
        sg->map.n = j + 1;
        i = j;
    }
    sg->u16.n = i;
    utext_openUChars(&sg->ut, u, (int64_t)i, st);
    return;
utf8:
    sg->map.n = 0;
    utext_openUTF8(&sg->ut, p, (int64_t)n, st);
}

/* Byte offset in the block of the iterators' index i. */
static size_t block_offset(const segmenter *sg, int32_t i) { return sg->map.n ? (size_t)sg->map.v[i] : (size_t)i; }

static bool is_space_or_mask(unsigned char c) { return ascii_isspace(c) || c == (unsigned char)DOC_MASK; }

/* Unicode spaces that ICU keeps inside a sentence's trailing part. */
static size_t trim_end(const char *v, size_t s, size_t e) {
    for (;;) {
        if (e > s && is_space_or_mask((unsigned char)v[e - 1])) {
            e--;
        } else if (e >= s + 2 && (unsigned char)v[e - 2] == 0xC2 && (unsigned char)v[e - 1] == 0xA0) {
            e -= 2; /* NO-BREAK SPACE */
        } else {
            return e;
        }
    }
}

/* Titles that always precede a name: a break after them is never a
 * sentence end. ICU's English suppressions cover "Mr." and "Jan." but not
 * these, which news copy uses all the time. */
static const char *const titles[] = {
    "Adm", "Capt", "Cmdr", "Col", "Dr", "Fr", "Gen", "Gov", "Hon", "Lt", "Maj", "Mr", "Mrs", "Ms", "Mt",
    "Prof", "Rep", "Rev", "Sen", "Sgt", "St", "Supt", "vs", "No", "Nos", "Pres", "Gens", NULL};

/* Words that start a new sentence after "in the U.S." far more often than
 * they continue a name ("the U.S. Senate"). */
static const char *const starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At", "This",
    "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "Some", "Many", "Most", "As",
    "If", "When", "While", "After", "Before", "Since", "For", "So", "Yet", "Also", "However", "Meanwhile",
    NULL};

/* "U.S.", "U.K.", "D.C.": letters each followed by a period. */
static bool initialism(const char *w, size_t n) {
    if (n < 4) return false;
    for (size_t i = 0; i < n; i += 2)
        if (!ascii_isalpha((unsigned char)w[i]) || i + 1 >= n || w[i + 1] != '.') return false;
    return true;
}

/* Whether the sentence break between [.., e) and the next sentence that
 * starts at `next` falls after an abbreviation that does not end one. */
static bool abbreviation_break(const char *v, size_t block_start, size_t e, size_t next, size_t next_end) {
    if (e < 2 || v[e - 1] != '.') return false;
    size_t s = e - 1;
    while (s > block_start && (ascii_isalpha((unsigned char)v[s - 1]) || v[s - 1] == '.')) s--;
    const char *w = v + s;
    size_t n = e - s;
    if (n > 1 && str_in_list(titles, w, n - 1)) return true;
    /* a middle initial ("John F. Kennedy") or an initialism ("the U.S.
     * Senate"), unless a typical sentence opener follows */
    bool middle_initial = n == 2 && ascii_isupper((unsigned char)w[0]) && (s == block_start || v[s - 1] == ' ');
    if (middle_initial || initialism(w, n)) {
        size_t k = next;
        while (k < next_end && ascii_isalpha((unsigned char)v[k])) k++;
        return k == next || !str_in_list(starters, v + next, k - next);
    }
    return false;
}

/* Appends a word, attributed to its sentence by a merge walk (*si): words
 * and sentences are both sorted. */
static inline void push_word(doc *d, size_t *si, size_t s, size_t e, int status) {
    while (*si + 1 < d->sentences.n && d->sentences.v[*si].end <= s) ++*si;
    doc_word w = {.start = s, .end = e, .status = status, .sentence = *si};
    VEC_PUSH(d->words, w);
}

/* Word-break classes of ASCII characters (Unicode's Word_Break property,
 * UAX #29, as ICU's word rules read it: they count '@' as a letter, for
 * e-mail addresses). In ASCII the rules come down to: letters, digits and
 * '_' join (WB5, WB8-WB10, WB13a-b); '.' and '\''
 * join two letters (WB6-7; ICU leaves ':' out); '.', '\'', ',' and ';'
 * join two digits (WB11-12); every other character stands alone, and no
 * word ever starts or ends on one (WB3-WB3d and WB999: breaks around
 * spaces, line ends and other punctuation). Bytes above ASCII have no
 * class: of them the scanners see only those of plain_signs. */
enum {
    WB_LETTER = 1,
    WB_DIGIT = 2,
    WB_CONNECT = 4,      /* '_' (ExtendNumLet) */
    WB_JOIN_LETTERS = 8, /* between two letters */
    WB_JOIN_DIGITS = 16  /* between two digits */
};

/* the class of c as a constant expression, to fill the table */
#define WB_OF(c)                                                                                       \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || (c) == '@' ? WB_LETTER             \
     : (c) >= '0' && (c) <= '9'                                          ? WB_DIGIT                  \
     : (c) == '_'                                                        ? WB_CONNECT                \
     : (c) == '.' || (c) == '\''                                         ? WB_JOIN_LETTERS | WB_JOIN_DIGITS \
     : (c) == ',' || (c) == ';'                                          ? WB_JOIN_DIGITS            \
                                                                         : 0)
#define WB_OF4(c) WB_OF(c), WB_OF((c) + 1), WB_OF((c) + 2), WB_OF((c) + 3)
#define WB_OF16(c) WB_OF4(c), WB_OF4((c) + 4), WB_OF4((c) + 8), WB_OF4((c) + 12)
/* a table, since the scanner asks for every character of the text */
static const unsigned char wb_table[256] = {
    WB_OF16(0),   WB_OF16(16),  WB_OF16(32),  WB_OF16(48),  WB_OF16(64),  WB_OF16(80),  WB_OF16(96),  WB_OF16(112),
    WB_OF16(128), WB_OF16(144), WB_OF16(160), WB_OF16(176), WB_OF16(192), WB_OF16(208), WB_OF16(224), WB_OF16(240)};

static inline int wb_class(unsigned char c) { return wb_table[c]; }

/* ICU's rule status of a word, which is the tag of the last rule its
 * match went through: a word ending in a letter is LETTER, in a digit
 * NUMBER; one ending in '_' takes the status of the pair before it (a
 * digit: NUMBER, a letter or '_': LETTER), and a lone '_' is no word. */
static int wb_status(int last, int before) {
    if (last == WB_LETTER) return UBRK_WORD_LETTER;
    if (last == WB_DIGIT || before == WB_DIGIT) return UBRK_WORD_NUMBER;
    return before ? UBRK_WORD_LETTER : UBRK_WORD_NONE;
}

/* The words of the plain block [start, end) of the view, exactly those
 * of ICU's word break iterator (tests/unit/test_segment.c compares the
 * two over every short string of each class and many generated ones) at
 * a fraction of its cost: ICU's word pass was a third of a run without
 * rules and spelling, and news text is nearly all ASCII. */
static void scan_words(doc *d, size_t start, size_t end, size_t si) {
    const unsigned char *v = (const unsigned char *)d->view;
    const int word = WB_LETTER | WB_DIGIT | WB_CONNECT;
    size_t i = start;
    while (i < end) {
        int last = wb_class(v[i]);
        if (!(last & word)) {
            i++;
            continue;
        }
        size_t s = i++;
        int before = 0, c;
        for (;;) {
            if (i < end && ((c = wb_class(v[i])) & word)) {
                before = last;
                last = c;
                i++;
            } else if (i + 1 < end && (last == WB_LETTER || last == WB_DIGIT) && wb_class(v[i + 1]) == last &&
                       (wb_class(v[i]) & (last == WB_LETTER ? WB_JOIN_LETTERS : WB_JOIN_DIGITS))) {
                i += 2;
            } else {
                break;
            }
        }
        int status = wb_status(last, before);
        if (status != UBRK_WORD_NONE) push_word(d, &si, s, i, status);
    }
}

/* Sentence-break classes of ASCII characters (UAX #29); other bytes, as
 * for the word classes, have none (SB_OTHER). */
enum {
    SB_OTHER, SB_LOWER, SB_UPPER, SB_NUMERIC, SB_CLOSE, SB_SP, SB_SCONTINUE,
    SB_ATERM, SB_STERM, SB_CR, SB_LF /* from SB_ATERM on: where a break can follow */
};

#define SB_OF(c)                                                                                       \
    ((c) >= 'a' && (c) <= 'z'                                              ? SB_LOWER                  \
     : (c) >= 'A' && (c) <= 'Z'                                            ? SB_UPPER                  \
     : (c) >= '0' && (c) <= '9'                                            ? SB_NUMERIC                \
     : (c) == '.'                                                          ? SB_ATERM                  \
     : (c) == '!' || (c) == '?'                                            ? SB_STERM                  \
     : (c) == '"' || (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '[' || (c) == ']' ||          \
               (c) == '{' || (c) == '}'                                    ? SB_CLOSE                  \
     : (c) == ' ' || (c) == '\t' || (c) == '\v' || (c) == '\f'              ? SB_SP                     \
     : (c) == ',' || (c) == '-' || (c) == ':'                              ? SB_SCONTINUE              \
     : (c) == '\r'                                                         ? SB_CR                     \
     : (c) == '\n'                                                         ? SB_LF                     \
                                                                           : SB_OTHER)
#define SB_OF4(c) SB_OF(c), SB_OF((c) + 1), SB_OF((c) + 2), SB_OF((c) + 3)
#define SB_OF16(c) SB_OF4(c), SB_OF4((c) + 4), SB_OF4((c) + 8), SB_OF4((c) + 12)
static const unsigned char sb_table[256] = {
    SB_OF16(0),   SB_OF16(16),  SB_OF16(32),  SB_OF16(48),  SB_OF16(64),  SB_OF16(80),  SB_OF16(96),  SB_OF16(112),
    SB_OF16(128), SB_OF16(144), SB_OF16(160), SB_OF16(176), SB_OF16(192), SB_OF16(208), SB_OF16(224), SB_OF16(240)};

static inline int sb_class(unsigned char c) { return sb_table[c]; }

/* Whether ICU's exceptions might hold back a break at b: the text before
 * it, less one space (as ICU reads it), ends with one of sg->exc. When
 * not, ICU keeps the break. */
static bool exception_may_hold(const segmenter *sg, const unsigned char *p, size_t b) {
    size_t q = b;
    if (q && p[q - 1] == ' ') q--;
    if (!q || p[q - 1] != '.') return false;
    uint64_t key = '.';
    for (size_t j = 1; j < EXC_MAX && j < q; j++) {
        key |= (uint64_t)p[q - 1 - j] << (8 * j);
        if (exc_has(sg, key)) return true;
    }
    return false;
}

/* The sentence boundaries of the plain block p[0..n) into sg->bounds, by
 * UAX #29's rules: breaks after a line end (SB4, CR LF kept whole), and
 * after a terminator, its closing marks and spaces (SB11), unless a
 * comma, dash, colon or another terminator follows (SB8a), or after '.' a
 * digit (SB6), a capital right after a letter's point (SB7), or a
 * lower-case letter before any other letter or terminator (SB8). False
 * when an exception might hold a break back: ICU decides that block. */
static bool scan_sentences(segmenter *sg, const unsigned char *p, size_t n) {
    sg->bounds.n = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && sb_class(p[i]) < SB_ATERM) i++;
        if (i == n) break;
        int c = sb_class(p[i]);
        if (c == SB_CR || c == SB_LF) {
            i += c == SB_CR && i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
            VEC_PUSH(sg->bounds, (int32_t)i);
            continue;
        }
        size_t k = i + 1;
        while (k < n && sb_class(p[k]) == SB_CLOSE) k++;
        while (k < n && sb_class(p[k]) == SB_SP) k++;
        if (k == n) break;
        int x = sb_class(p[k]);
        bool hold = x == SB_CR || x == SB_LF || x == SB_SCONTINUE || x == SB_ATERM || x == SB_STERM;
        if (!hold && c == SB_ATERM) {
            int before = i > 0 ? sb_class(p[i - 1]) : SB_OTHER;
            if (k == i + 1 && (x == SB_NUMERIC || (x == SB_UPPER && (before == SB_UPPER || before == SB_LOWER)))) {
                hold = true;
            } else {
                size_t j = k;
                while (j < n && (x = sb_class(p[j])) != SB_LOWER && x != SB_UPPER && x != SB_CR && x != SB_LF &&
                       x != SB_ATERM && x != SB_STERM)
                    j++;
                hold = j < n && x == SB_LOWER;
            }
        }
        if (!hold) {
            if (exception_may_hold(sg, p, k)) return false;
            VEC_PUSH(sg->bounds, (int32_t)k);
        }
        i = k;
    }
    if (n && (!sg->bounds.n || sg->bounds.v[sg->bounds.n - 1] != (int32_t)n)) VEC_PUSH(sg->bounds, (int32_t)n);
    return true;
}

/* Non-ASCII characters both rule sets give no class to (Other), like
 * most punctuation: the scanners read each of their bytes as such a
 * character, which neither joins nor ends anything. */
static const char *const plain_signs[] = {"\xC2\xA3" /* £ */, "\xE2\x82\xAC" /* € */, NULL};

/* Whether the scanners can read p[0..n): ASCII (tested eight bytes at a
 * time) and plain_signs. */
static bool plain_text(const char *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080u))) {
            i += 8;
        } else if ((unsigned char)p[i] < 0x80) {
            i++;
        } else {
            const char *const *sign = plain_signs;
            while (*sign && (n - i < strlen(*sign) || memcmp(p + i, *sign, strlen(*sign)) != 0)) sign++;
            if (!*sign) return false;
            i += strlen(*sign);
        }
    }
    return true;
}

/* The sentence boundaries of the block p[0..n) into sg->bounds, from the
 * scanner or from ICU's iterator; the block is loaded for ICU's iterators
 * only when one of them is to read it. */
static void sentence_bounds(segmenter *sg, const char *p, size_t n, UErrorCode *st) {
    sg->map.n = 0;
    sg->plain = sg->root_words && !sg->icu_only && plain_text(p, n);
    if (sg->plain && sg->exc_ok && scan_sentences(sg, (const unsigned char *)p, n)) return;
    load_block(sg, p, n, st);
    ubrk_setUText(sg->sent, &sg->ut, st);
    if (!sg->plain && !sg->no_words) ubrk_setUText(sg->word, &sg->ut, st);
    if (U_FAILURE(*st)) return;
    sg->bounds.n = 0;
    ubrk_first(sg->sent);
    for (int32_t b = ubrk_next(sg->sent); b != UBRK_DONE; b = ubrk_next(sg->sent)) VEC_PUSH(sg->bounds, b);
}

bool seg_run(segmenter *sg, doc *d, char *errbuf, size_t errlen) {
    const char *v = d->view;
    d->sentences.n = 0;
    d->words.n = 0;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        doc_block *b = &d->blocks.v[bi];
        UErrorCode st = U_ZERO_ERROR;
        sentence_bounds(sg, v + b->start, b->end - b->start, &st);
        if (U_FAILURE(st)) {
            snprintf(errbuf, errlen, "ICU segmentation: %s", u_errorName(st));
            return false;
        }
        b->first_sentence = d->sentences.n;
        int32_t prev = 0;
        for (size_t k = 0; k < sg->bounds.n; prev = sg->bounds.v[k++]) {
            size_t s = b->start + block_offset(sg, prev), e = b->start + block_offset(sg, sg->bounds.v[k]);
            while (s < e && is_space_or_mask((unsigned char)v[s])) s++;
            e = trim_end(v, s, e);
            if (s >= e) continue;
            if (d->sentences.n > b->first_sentence) {
                doc_sentence *last = &d->sentences.v[d->sentences.n - 1];
                if (abbreviation_break(v, b->start, last->end, s, e)) {
                    last->end = e;
                    continue;
                }
            }
            doc_sentence sn = {.start = s, .end = e, .block = bi, .first_word = d->words.n};
            VEC_PUSH(d->sentences, sn);
        }
        b->nsentences = d->sentences.n - b->first_sentence;
        if (b->nsentences == 0 || sg->no_words) continue; /* nothing but masked text */

        if (sg->plain) {
            scan_words(d, b->start, b->end, b->first_sentence);
            continue;
        }
        size_t si = b->first_sentence;
        prev = ubrk_first(sg->word);
        for (int32_t next = ubrk_next(sg->word); next != UBRK_DONE; prev = next, next = ubrk_next(sg->word)) {
            int status = ubrk_getRuleStatus(sg->word);
            if (status < UBRK_WORD_NONE_LIMIT) continue;
            push_word(d, &si, b->start + block_offset(sg, prev), b->start + block_offset(sg, next), status);
        }
    }
    /* word ranges of each sentence */
    for (size_t wi = 0; wi < d->words.n; wi++) {
        doc_sentence *sn = &d->sentences.v[d->words.v[wi].sentence];
        if (sn->nwords == 0) sn->first_word = wi;
        sn->nwords++;
    }
    return true;
}
