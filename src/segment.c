/* segment.c - ICU sentence and word boundaries over each prose block.
 *
 * The break iterators run on a UTF-16 copy of each block, decoded once:
 * over a UTF-8 UText, ICU decodes the text again in 32-unit chunks behind
 * every iterator step, which cost more than the copy (a seventh of a run
 * without rules and spelling). A map takes UTF-16 indices back to byte
 * offsets; a pure-ASCII block needs none. The sentence iterator uses
 * CLDR's suppressions for the locale ("en@ss=standard") so that "Mr." or
 * "U.S." do not end a sentence. The iterators are opened on the first
 * block that needs one: most runs need none.
 *
 * Most blocks skip the iterators: a block of ASCII and of the non-ASCII
 * characters of news copy (curly quotes, dashes, no-break space, the
 * letters of Latin-1 and Latin Extended-A, currency signs: ext_ranges)
 * takes scanners of Unicode's rules (UAX #29), which find the same
 * boundaries at a fraction of the cost (tests/unit/test_segment.c and
 * tests/fuzz/fuzz_segment.c compare them with ICU). They read each
 * character's class from ICU's own property data, so they follow the
 * ICU they run with, and serve every locale whose break rules are the
 * root ones (English, Spanish, French...). The locale's suppressions
 * come from ICU's data too, and hold back a break as ICU's filter does
 * (exception_holds). */
#include "segment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utext.h>

#include "util.h"

enum {
    EXC_ENTRIES = 512, /* of a locale's sentence-break exceptions (German has 241) */
    EXC_SLOTS = 1024,  /* of their hash table */
    EXC_BYTES = 8192,  /* of their text */
    /* the non-ASCII characters the scanners may read, by index (ext_index) */
    EXT_LATIN = 0x100, /* U+0080-U+017F: Latin-1 Supplement, Latin Extended-A */
    EXT_PUNCT = 0x100, /* U+2000-U+20FF: General Punctuation, currency signs */
    EXT_N = EXT_LATIN + EXT_PUNCT
};

/* How ICU's sentence filter reads an exception (load_exceptions). */
typedef enum {
    EXC_MATCH,   /* matched backwards from a break: it holds the break */
    EXC_PARTIAL, /* the part up to an inner first point ("U." of "U.S."),
                    matched backwards, then forwards (EXC_FORWARD) */
    EXC_FORWARD  /* matched forwards from a partial match */
} exc_kind;

typedef struct {
    uint16_t off, len; /* in exc_text */
    uint8_t kind;      /* exc_kind */
} exc_entry;

/* A character's classes for the scanners (wb_* and sb_* below). */
typedef struct {
    unsigned char wb, sb;
} char_class;

struct segmenter {
    bool no_words;          /* sentences only */
    bool icu_only;          /* seg_set_icu_only */
    /* the locale's word and sentence rules are the root ones, which the
     * scanners follow: another locale's may be tailored, and keeps ICU
     * for every block */
    bool root_rules;
    char sent_locale[64], word_locale[64];
    /* opened on the first block that needs them */
    UBreakIterator *sent;
    UBreakIterator *word;
    UText ut;
    /* the block being segmented, in UTF-16 */
    struct { UChar *v; size_t n, cap; } u16;
    /* byte offset in the block of each UTF-16 unit and of the end;
     * empty when they are equal (an ASCII block, or a UTF-8 UText) */
    struct { int32_t *v; size_t n, cap; } map;
    bool plain; /* the block is plain_text and root_rules: the scanners read it */
    /* the block's sentence boundaries: UTF-16 indices, the last its end */
    struct { int32_t *v; size_t n, cap; } bounds;
    /* the locale's sentence-break exceptions, as ICU's filter reads them
     * (load_exceptions); exc_ok false when they could not be read (every
     * block then keeps ICU's sentence iterator). No pointers: a clone
     * copies them. */
    char exc_text[EXC_BYTES];
    exc_entry exc[EXC_ENTRIES];
    size_t nexc, exc_longest, exc_text_used;
    /* the backward ones (MATCH, PARTIAL) by exc_hash of their bytes, as
     * 1 + their index */
    uint16_t exc_slot[EXC_SLOTS];
    bool exc_ok;
    /* the classes of the non-ASCII characters, SB_NONE for those the
     * scanners leave to ICU */
    char_class ext[EXT_N];
};

/* A hash of s[0..n) read backwards, one byte at a time (FNV-1a), so that
 * the suffixes of a text are hashed one byte more each. */
static uint32_t exc_hash_more(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }

static uint32_t exc_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    while (n) h = exc_hash_more(h, (unsigned char)s[--n]);
    return h;
}

/* The backward exception equal to s[0..n) (hash h), or NULL. */
static const exc_entry *exc_find(const segmenter *sg, const char *s, size_t n, uint32_t h) {
    for (size_t i = h % EXC_SLOTS; sg->exc_slot[i]; i = (i + 1) % EXC_SLOTS) {
        const exc_entry *e = &sg->exc[sg->exc_slot[i] - 1];
        if (e->len == n && memcmp(sg->exc_text + e->off, s, n) == 0) return e;
    }
    return NULL;
}

/* Adds s[0..n) as an exception of the kind (a backward one once only);
 * false when the tables are full. */
static bool exc_add(segmenter *sg, const char *s, size_t n, exc_kind kind) {
    uint32_t h = exc_hash(s, n);
    bool backward = kind != EXC_FORWARD;
    if (backward && exc_find(sg, s, n, h)) return true;
    if (sg->nexc == EXC_ENTRIES || n > EXC_BYTES - sg->exc_text_used) return false;
    memcpy(sg->exc_text + sg->exc_text_used, s, n);
    sg->exc[sg->nexc] = (exc_entry){(uint16_t)sg->exc_text_used, (uint16_t)n, (uint8_t)kind};
    sg->exc_text_used += n;
    if (backward) {
        size_t i = h % EXC_SLOTS;
        while (sg->exc_slot[i]) i = (i + 1) % EXC_SLOTS;
        sg->exc_slot[i] = (uint16_t)(sg->nexc + 1);
        if (n > sg->exc_longest) sg->exc_longest = n;
    }
    sg->nexc++;
    return true;
}

/* Word-break classes (Unicode's Word_Break property, UAX #29, as ICU's
 * word rules read it: they count '@' as a letter, for e-mail addresses,
 * and leave ':' out of MidLetter). Without the classes the scanners leave
 * to ICU (Extend, Format, Katakana...) the rules come down to: letters,
 * digits and connectors (ExtendNumLet, '_') join (WB5, WB8-WB10,
 * WB13a-b); MidLetter, MidNumLet and Single_Quote ('.', '\'', U+2019)
 * join two letters (WB6-7); MidNum, MidNumLet and Single_Quote (',', ';',
 * '.', '\'') join two digits (WB11-12); every other character stands
 * alone, and no word ever starts or ends on one (WB3-WB3d and WB999:
 * breaks around spaces, line ends and other punctuation). */
enum {
    WB_LETTER = 1,
    WB_DIGIT = 2,
    WB_CONNECT = 4,      /* ExtendNumLet */
    WB_JOIN_LETTERS = 8, /* between two letters */
    WB_JOIN_DIGITS = 16, /* between two digits */
    WB_MULTI = 32,       /* a byte of a multi-byte character: its class is in sg->ext */
    WB_WORD = WB_LETTER | WB_DIGIT | WB_CONNECT,
    WB_IN = 64 /* in wb_table only: a byte of an ASCII word character */
};

/* the class of the byte c as a constant expression, to fill the table */
#define WB_OF(c)                                                                                       \
    ((c) >= 0x80                                                          ? WB_MULTI                  \
     : ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || (c) == '@' ? WB_LETTER | WB_IN     \
     : (c) >= '0' && (c) <= '9'                                          ? WB_DIGIT | WB_IN          \
     : (c) == '_'                                                        ? WB_CONNECT | WB_IN        \
     : (c) == '.' || (c) == '\''                                         ? WB_JOIN_LETTERS | WB_JOIN_DIGITS \
     : (c) == ',' || (c) == ';'                                          ? WB_JOIN_DIGITS            \
                                                                         : 0)
#define WB_OF4(c) WB_OF(c), WB_OF((c) + 1), WB_OF((c) + 2), WB_OF((c) + 3)
#define WB_OF16(c) WB_OF4(c), WB_OF4((c) + 4), WB_OF4((c) + 8), WB_OF4((c) + 12)
/* a table, since the scanner asks for every byte of the text */
static const unsigned char wb_table[256] = {
    WB_OF16(0),   WB_OF16(16),  WB_OF16(32),  WB_OF16(48),  WB_OF16(64),  WB_OF16(80),  WB_OF16(96),  WB_OF16(112),
    WB_OF16(128), WB_OF16(144), WB_OF16(160), WB_OF16(176), WB_OF16(192), WB_OF16(208), WB_OF16(224), WB_OF16(240)};

/* Sentence-break classes (UAX #29). SB_NONE: a class the scanners leave
 * to ICU (Format, Extend, Sep, OLetter, and terminators and line ends
 * other than ASCII ones). */
enum {
    SB_NONE, SB_OTHER, SB_LOWER, SB_UPPER, SB_NUMERIC, SB_CLOSE, SB_SP, SB_SCONTINUE,
    SB_ATERM, SB_STERM, SB_CR, SB_LF /* from SB_ATERM on: where a break can follow */
};

/* bytes from 0x80 on are parts of characters of sg->ext, none of which
 * is a terminator or a line end: the search for those skips them */
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

/* The scanner classes of ICU's property values; a value not listed
 * (Extend, Format, ZWJ, Katakana, Hebrew_Letter, Regional_Indicator,
 * emoji classes; Sep, OLetter, ATerm, STerm...) makes a block ICU's. */
static const struct {
    int icu, cls;
} wb_of_icu[] = {
    {U_WB_OTHER, 0},
    {U_WB_WSEGSPACE, 0}, /* WB3d keeps spaces together, in no word */
    {U_WB_ALETTER, WB_LETTER},
    {U_WB_NUMERIC, WB_DIGIT},
    {U_WB_EXTENDNUMLET, WB_CONNECT},
    {U_WB_MIDLETTER, WB_JOIN_LETTERS},
    {U_WB_MIDNUM, WB_JOIN_DIGITS},
    {U_WB_MIDNUMLET, WB_JOIN_LETTERS | WB_JOIN_DIGITS},
    {U_WB_SINGLE_QUOTE, WB_JOIN_LETTERS | WB_JOIN_DIGITS},
}, sb_of_icu[] = {
    {U_SB_OTHER, SB_OTHER}, {U_SB_LOWER, SB_LOWER}, {U_SB_UPPER, SB_UPPER},           {U_SB_NUMERIC, SB_NUMERIC},
    {U_SB_CLOSE, SB_CLOSE}, {U_SB_SP, SB_SP},       {U_SB_SCONTINUE, SB_SCONTINUE},
};

/* The first code point of each range of sg->ext (EXT_LATIN, EXT_PUNCT). */
static const int32_t ext_ranges[] = {0x80, 0x2000};

/* Fills sg->ext from ICU's Word_Break and Sentence_Break of each
 * character: the classes are the ones the iterators read. */
static void load_classes(segmenter *sg) {
    for (size_t r = 0; r < sizeof ext_ranges / sizeof *ext_ranges; r++)
        for (int32_t k = 0; k < 0x100; k++) {
            int32_t cp = ext_ranges[r] + k;
            int wb = u_getIntPropertyValue(cp, UCHAR_WORD_BREAK), sb = u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
            char_class c = {0, SB_NONE};
            size_t i = 0, j = 0;
            while (i < sizeof wb_of_icu / sizeof *wb_of_icu && wb_of_icu[i].icu != wb) i++;
            while (j < sizeof sb_of_icu / sizeof *sb_of_icu && sb_of_icu[j].icu != sb) j++;
            if (i < sizeof wb_of_icu / sizeof *wb_of_icu && j < sizeof sb_of_icu / sizeof *sb_of_icu)
                c = (char_class){(unsigned char)wb_of_icu[i].cls, (unsigned char)sb_of_icu[j].cls};
            sg->ext[r * 0x100 + (size_t)k] = c;
        }
}

/* The index in sg->ext of the character at p[i] (i < n, p[i] >= 0x80)
 * and its length, or -1 when it is outside the ranges or ill-formed. */
static inline int ext_index(const unsigned char *p, size_t i, size_t n, size_t *len) {
    unsigned char c = p[i];
    if (c >= 0xC2 && c <= 0xC5) { /* U+0080-U+017F */
        if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return -1;
        *len = 2;
        return ((c & 0x1F) << 6 | (p[i + 1] & 0x3F)) - 0x80;
    }
    if (c == 0xE2) { /* U+2000-U+20FF */
        if (i + 2 >= n || (p[i + 1] & 0xFC) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return -1;
        *len = 3;
        return EXT_LATIN + ((p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
    }
    return -1;
}

/* The classes of the character at p[i] (i < n) and its length, in a
 * block plain_text accepted. */
static inline char_class class_at(const segmenter *sg, const unsigned char *p, size_t i, size_t n, size_t *len) {
    if (p[i] < 0x80) {
        *len = 1;
        return (char_class){wb_table[p[i]] & ~WB_IN, sb_table[p[i]]};
    }
    return sg->ext[ext_index(p, i, n, len)];
}

/* The start of the character that ends at p[i) (i > 0). */
static inline size_t char_start(const unsigned char *p, size_t i) {
    do i--;
    while (i > 0 && (p[i] & 0xC0) == 0x80);
    return i;
}

/* The classes of the character that ends at p[i) (i > 0). */
static inline char_class class_before(const segmenter *sg, const unsigned char *p, size_t i) {
    if (p[i - 1] < 0x80) return (char_class){wb_table[p[i - 1]] & ~WB_IN, sb_table[p[i - 1]]};
    size_t len;
    return class_at(sg, p, char_start(p, i), i, &len);
}

/* Reads the exceptions ICU's "LOCALE@ss=standard" sentence iterator
 * filters its breaks with, from ICU's own data (the set is always the one
 * the iterator uses), into sg->exc as ICU's filter builds its two tries:
 * an exception with a point inside ("U.S.") is matched backwards up to
 * its first point ("U.", PARTIAL), then forwards whole (FORWARD); one
 * equal to such a first part ("U.") forwards only; every other one ("Mr.")
 * backwards (MATCH). False when they cannot be read or do not fit the
 * scheme (each ends in a point): ICU then decides every block. */
static bool load_exceptions(segmenter *sg, const char *locale) {
    enum { MAX_BYTES = 64 };
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *top = ures_open(U_ICUDATA_NAME "-brkitr", locale, &st);
    /* a locale without data of its own: ICU's filter may differ */
    bool ok = U_SUCCESS(st) && st != U_USING_DEFAULT_WARNING;
    UResourceBundle *exc = ures_getByKey(top, "exceptions", NULL, &st);
    UResourceBundle *list = ures_getByKey(exc, "SentenceBreak", NULL, &st);
    ok = ok && U_SUCCESS(st) && ures_getSize(list) > 0 && ures_getSize(list) <= EXC_ENTRIES;
    char(*s)[MAX_BYTES] = ok ? xmalloc(EXC_ENTRIES * sizeof *s) : NULL;
    size_t len[EXC_ENTRIES], first[EXC_ENTRIES], n = 0;
    while (ok && ures_hasNext(list)) {
        int32_t ulen, blen;
        const UChar *u = ures_getNextString(list, &ulen, NULL, &st);
        u_strToUTF8(s[n], MAX_BYTES, &blen, u, ulen, &st);
        ok = U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING && blen >= 1 && s[n][blen - 1] == '.';
        if (ok) first[n] = (size_t)((const char *)memchr(s[n], '.', (size_t)blen) - s[n]) + 1;
        len[n++] = (size_t)blen;
    }
    ures_close(list);
    ures_close(exc);
    ures_close(top);
    /* first parts first, so that an exception equal to one is known */
    for (size_t i = 0; ok && i < n; i++)
        if (first[i] < len[i])
            ok = exc_add(sg, s[i], first[i], EXC_PARTIAL) && exc_add(sg, s[i], len[i], EXC_FORWARD);
    for (size_t i = 0; ok && i < n; i++) {
        if (first[i] < len[i]) continue;
        const exc_entry *e = exc_find(sg, s[i], len[i], exc_hash(s[i], len[i]));
        if (!e) ok = exc_add(sg, s[i], len[i], EXC_MATCH);
        else if (e->kind == EXC_PARTIAL) ok = exc_add(sg, s[i], len[i], EXC_FORWARD);
    }
    free(s);
    return ok;
}

/* Whether the locale's word and sentence rules are the root ones. */
static bool has_root_rules(const char *locale) {
    static const char *const kinds[] = {"word", "sentence"};
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *root = ures_open(U_ICUDATA_NAME "-brkitr", "root", &st);
    UResourceBundle *loc = ures_open(U_ICUDATA_NAME "-brkitr", locale, &st);
    UResourceBundle *rb = ures_getByKey(root, "boundaries", NULL, &st);
    UResourceBundle *lb = ures_getByKey(loc, "boundaries", NULL, &st);
    bool same = U_SUCCESS(st);
    for (size_t i = 0; same && i < sizeof kinds / sizeof *kinds; i++) {
        int32_t rn, ln;
        const UChar *r = ures_getStringByKey(rb, kinds[i], &rn, &st), *l = ures_getStringByKey(lb, kinds[i], &ln, &st);
        same = U_SUCCESS(st) && rn == ln && u_strncmp(r, l, rn) == 0;
    }
    ures_close(lb);
    ures_close(rb);
    ures_close(loc);
    ures_close(root);
    return same;
}

segmenter *seg_open(char *errbuf, size_t errlen) { return seg_open_locale("en", errbuf, errlen); }

segmenter *seg_open_locale(const char *locale, char *errbuf, size_t errlen) {
    segmenter *sg = xcalloc(1, sizeof *sg);
    sg->ut = (UText)UTEXT_INITIALIZER;
    int a = snprintf(sg->sent_locale, sizeof sg->sent_locale, "%s@ss=standard", locale);
    int b = snprintf(sg->word_locale, sizeof sg->word_locale, "%s", locale);
    if (a < 0 || (size_t)a >= sizeof sg->sent_locale || b < 0 || (size_t)b >= sizeof sg->word_locale) {
        snprintf(errbuf, errlen, "ICU break iterator: locale name too long: %.32s...", locale);
        free(sg);
        return NULL;
    }
    load_classes(sg);
    sg->root_rules = has_root_rules(locale);
    sg->exc_ok = sg->root_rules && load_exceptions(sg, locale);
    return sg;
}

/* Clones an iterator of sg's, if it has been opened. */
static UBreakIterator *clone_iterator(const UBreakIterator *bi, UErrorCode *st) {
    return bi && U_SUCCESS(*st) ? ubrk_clone(bi, st) : NULL;
}

segmenter *seg_clone(const segmenter *sg, char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    segmenter *c = xmalloc(sizeof *c);
    memcpy(c, sg, sizeof *c);
    c->ut = (UText)UTEXT_INITIALIZER;
    memset(&c->u16, 0, sizeof c->u16);
    memset(&c->map, 0, sizeof c->map);
    memset(&c->bounds, 0, sizeof c->bounds);
    c->sent = clone_iterator(sg->sent, &st);
    c->word = clone_iterator(sg->word, &st);
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

/* Opens the iterator *bi of the kind for locale on its first use. */
static void need_iterator(UBreakIterator **bi, UBreakIteratorType kind, const char *locale, UErrorCode *st) {
    if (!*bi && U_SUCCESS(*st)) *bi = ubrk_open(kind, locale, NULL, 0, st);
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
    doc_sentence *sn = &d->sentences.v[*si];
    if (sn->end <= s) {
        while (*si + 1 < d->sentences.n && d->sentences.v[*si].end <= s) ++*si;
        sn = &d->sentences.v[*si];
    }
    if (sn->nwords++ == 0) sn->first_word = d->words.n;
    doc_word w = {.start = s, .end = e, .status = status, .sentence = *si};
    VEC_PUSH(d->words, w);
}

/* ICU's rule status of a word, which is the tag of the last rule its
 * match went through: a word ending in a letter is LETTER, in a digit
 * NUMBER; one ending in a connector takes the status of the pair before
 * it (a digit: NUMBER, a letter or connector: LETTER), and a lone
 * connector is no word. */
static int wb_status(int last, int before) {
    if (last == WB_LETTER) return UBRK_WORD_LETTER;
    if (last == WB_DIGIT || before == WB_DIGIT) return UBRK_WORD_NUMBER;
    return before ? UBRK_WORD_LETTER : UBRK_WORD_NONE;
}

/* The number of ASCII letters p[0..8) starts with, eight tested at once
 * (ascii_letter8; byte order: on a big-endian machine none, and the byte
 * loop does the work): only the bytes before the first one that is no
 * letter count. */
static inline size_t letters_at(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t other = ~ascii_letter8(w) & UINT64_C(0x8080808080808080);
    return other ? (size_t)__builtin_ctzll(other) / 8 : 8;
#else
    (void)p;
    return 0;
#endif
}

/* The words of the plain block [start, end) of the view, exactly those
 * of ICU's word break iterator at a fraction of its cost: ICU's word pass
 * was a third of a run without rules and spelling. ASCII word characters
 * are taken a byte at a time; a multi-byte character, or a character
 * that may join two words, takes a closer look. */
static void scan_words(const segmenter *sg, doc *d, size_t start, size_t end, size_t si) {
    const unsigned char *v = (const unsigned char *)d->view;
    size_t i = start, len;
    while (i < end) {
        int c = wb_table[v[i]] & ~WB_IN;
        len = 1;
        if (c & WB_MULTI) c = class_at(sg, v, i, end, &len).wb;
        if (!(c & WB_WORD)) {
            i += len;
            continue;
        }
        size_t s = i;
        i += len;
        for (;;) {
            /* letters eight at a time, most of a word, then the rest */
            for (size_t k = 8; k == 8 && end - i >= 8; i += k) k = letters_at(v + i);
            while (i < end && (wb_table[v[i]] & WB_IN)) i++;
            if (i == end) break;
            c = wb_table[v[i]];
            len = 1;
            if (c & WB_MULTI) {
                c = class_at(sg, v, i, end, &len).wb;
                if (c & WB_WORD) {
                    i += len;
                    continue;
                }
            }
            /* a character between two letters or two digits that joins them */
            if (!(c & (WB_JOIN_LETTERS | WB_JOIN_DIGITS)) || i + len == end) break;
            int last = class_before(sg, v, i).wb;
            if (!(c & (last == WB_LETTER ? WB_JOIN_LETTERS : last == WB_DIGIT ? WB_JOIN_DIGITS : 0))) break;
            size_t nlen = 1;
            if (class_at(sg, v, i + len, end, &nlen).wb != last) break;
            i += len + nlen;
        }
        int last = class_before(sg, v, i).wb, before = 0;
        if (last == WB_CONNECT) {
            size_t at = char_start(v, i);
            before = at > s ? class_before(sg, v, at).wb : 0;
        }
        int status = wb_status(last, before);
        if (status != UBRK_WORD_NONE) push_word(d, &si, s, i, status);
        if (i < end) i += len; /* the character that ended the word starts none */
    }
}

/* Whether p[0..8) may have a byte where a sentence ends ('.', '!', '?',
 * CR, LF): eight bytes tested at once, for a byte equal to each mark
 * (zero after an exclusive or) or below 0x0E (CR, LF and some other
 * controls, which the byte loop then passes). */
static inline bool may_end(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t dot = w ^ (ones * '.'), bang = w ^ (ones * '!'), quest = w ^ (ones * '?');
    uint64_t found = ((dot - ones) & ~dot) | ((bang - ones) & ~bang) | ((quest - ones) & ~quest) |
                     ((w - ones * 0x0E) & ~w);
    return (found & highs) != 0;
}

/* Whether ICU's filter holds back the break at b of the block p[0..n),
 * as it decides: the longest backward exception that the text before
 * the break (less one space) ends with holds it when it is a MATCH; a
 * PARTIAL one when the forward match from its start, which takes a
 * character at a time while some FORWARD exception goes on like the
 * text, stops at the end of one that goes on no further, or at the end
 * of the text (still part of one: ICU counts that as a match too). */
static bool exception_holds(const segmenter *sg, const unsigned char *p, size_t n, size_t b) {
    size_t q = b;
    if (q && p[q - 1] == ' ') q--;
    if (!q || p[q - 1] != '.') return false; /* every exception ends in a point */
    const exc_entry *best = NULL;
    uint32_t h = 2166136261u;
    for (size_t k = 1; k <= q && k <= sg->exc_longest; k++) {
        h = exc_hash_more(h, p[q - k]);
        const exc_entry *e;
        if ((p[q - k] & 0xC0) != 0x80 && (e = exc_find(sg, (const char *)p + q - k, k, h))) best = e;
    }
    if (!best || best->kind == EXC_MATCH) return best != NULL;
    const unsigned char *t = p + q - best->len;
    size_t rest = n - (q - best->len), m = 0;
    while (m < rest) {
        unsigned char c = t[m];
        m += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (m > rest) m = rest;
        bool prefix = false, longer = false;
        for (size_t i = 0; i < sg->nexc; i++) {
            const exc_entry *e = &sg->exc[i];
            if (e->kind != EXC_FORWARD || e->len < m || memcmp(sg->exc_text + e->off, t, m) != 0) continue;
            prefix = true;
            longer = longer || e->len > m;
        }
        if (!prefix) return false;
        if (!longer) return true;
    }
    return true;
}

/* The sentence boundaries of the plain block p[0..n) into sg->bounds, by
 * UAX #29's rules: breaks after a line end (SB4, CR LF kept whole), and
 * after a terminator, its closing marks and spaces (SB11), unless a
 * comma, dash, colon or another terminator follows (SB8a), or after '.' a
 * digit (SB6), a capital right after a letter's point (SB7), or a
 * lower-case letter before any other letter or terminator (SB8); and
 * not where the locale's exceptions hold the break back ("Mr."), as ICU's
 * filter decides. */
static void scan_sentences(segmenter *sg, const unsigned char *p, size_t n) {
    sg->bounds.n = 0;
    size_t i = 0, len = 1;
    while (i < n) {
        while (n - i >= 8 && !may_end(p + i)) i += 8;
        while (i < n && sb_table[p[i]] < SB_ATERM) i++;
        if (i == n) break;
        int c = sb_table[p[i]];
        if (c == SB_CR || c == SB_LF) {
            i += c == SB_CR && i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
            VEC_PUSH(sg->bounds, (int32_t)i);
            continue;
        }
        size_t k = i + 1;
        int x = SB_NONE;
        while (k < n && (x = class_at(sg, p, k, n, &len).sb) == SB_CLOSE) k += len;
        while (k < n && (x = class_at(sg, p, k, n, &len).sb) == SB_SP) k += len;
        if (k == n) break;
        bool hold = x == SB_CR || x == SB_LF || x == SB_SCONTINUE || x == SB_ATERM || x == SB_STERM;
        if (!hold && c == SB_ATERM) {
            int before = i > 0 ? class_before(sg, p, i).sb : SB_OTHER;
            if (k == i + 1 && (x == SB_NUMERIC || (x == SB_UPPER && (before == SB_UPPER || before == SB_LOWER)))) {
                hold = true;
            } else {
                size_t j = k;
                while (j < n && (x = class_at(sg, p, j, n, &len).sb) != SB_LOWER && x != SB_UPPER && x != SB_CR &&
                       x != SB_LF && x != SB_ATERM && x != SB_STERM)
                    j += len;
                hold = j < n && x == SB_LOWER;
            }
        }
        if (!hold && !exception_holds(sg, p, n, k)) VEC_PUSH(sg->bounds, (int32_t)k);
        i = k;
    }
    if (n && (!sg->bounds.n || sg->bounds.v[sg->bounds.n - 1] != (int32_t)n)) VEC_PUSH(sg->bounds, (int32_t)n);
}

/* Whether the scanners can read p[0..n): ASCII (tested eight bytes at a
 * time) and the characters of sg->ext they have classes for. */
static bool plain_text(const segmenter *sg, const char *p, size_t n) {
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, len;
    while (i < n) {
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080u))) {
            i += 8;
        } else if (u[i] < 0x80) {
            i++;
        } else {
            int x = ext_index(u, i, n, &len);
            if (x < 0 || sg->ext[x].sb == SB_NONE) return false;
            i += len;
        }
    }
    return true;
}

/* The sentence boundaries of the block p[0..n) into sg->bounds, from the
 * scanner or from ICU's iterator; the block is loaded for ICU's iterators
 * only when one of them is to read it. */
static void sentence_bounds(segmenter *sg, const char *p, size_t n, UErrorCode *st) {
    sg->map.n = 0;
    sg->plain = sg->root_rules && !sg->icu_only && plain_text(sg, p, n);
    if (sg->plain && sg->exc_ok) {
        scan_sentences(sg, (const unsigned char *)p, n);
        return;
    }
    need_iterator(&sg->sent, UBRK_SENTENCE, sg->sent_locale, st);
    if (!sg->plain && !sg->no_words) need_iterator(&sg->word, UBRK_WORD, sg->word_locale, st);
    if (U_FAILURE(*st)) return;
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
            scan_words(sg, d, b->start, b->end, b->first_sentence);
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
    return true;
}
