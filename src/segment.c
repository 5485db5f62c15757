/* segment.c - ICU sentence and word boundaries over each prose block.
 *
 * The break iterators run on a UTF-16 copy of each block, decoded once:
 * over a UTF-8 UText, ICU decodes the text again in 32-unit chunks behind
 * every iterator step, which cost more than the copy (a seventh of a run
 * without rules and spelling). A map takes UTF-16 indices back to byte
 * offsets; a pure-ASCII block, the common case, needs none. The sentence
 * iterator uses
 * CLDR's English suppressions ("en") so that "Mr." or "U.S."
 * do not end a sentence. */
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <unicode/utext.h>

#include "util.h"

struct segmenter {
    bool no_words;          /* sentences only */
    /* English word rules, which ascii_words follows: another locale's
     * may be tailored, and keeps ICU for every block */
    bool root_words;
    UBreakIterator *sent;
    UBreakIterator *word;
    UText ut;
    /* the block being segmented, in UTF-16 */
    struct { UChar *v; size_t n, cap; } u16;
    /* byte offset in the block of each UTF-16 unit and of the end;
     * empty when they are equal (an ASCII block, or a UTF-8 UText) */
    struct { int32_t *v; size_t n, cap; } map;
    bool ascii; /* the block is ASCII and root_words: ascii_words finds its words */
};

segmenter *seg_open(char *errbuf, size_t errlen) { return seg_open_locale("en", errbuf, errlen); }

segmenter *seg_open_locale(const char *locale, char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    segmenter *sg = xcalloc(1, sizeof *sg);
    sg->ut = (UText)UTEXT_INITIALIZER;
    char sent_locale[64];
    snprintf(sent_locale, sizeof sent_locale, "%s@ss=standard", locale);
    sg->root_words = strcmp(locale, "en") == 0;
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

void seg_close(segmenter *sg) {
    if (!sg) return;
    if (sg->sent) ubrk_close(sg->sent);
    if (sg->word) ubrk_close(sg->word);
    utext_close(&sg->ut);
    VEC_FREE(sg->u16);
    VEC_FREE(sg->map);
    free(sg);
}

/* Points sg->ut at the block [p, p + n): a UTF-16 copy with its byte map,
 * or the UTF-8 bytes themselves when they are ill-formed (the view is
 * valid UTF-8, so only as a safety net: ICU then decodes as it reads). */
static void load_block(segmenter *sg, const char *p, size_t n, UErrorCode *st) {
    sg->map.n = 0;
    sg->u16.n = 0;
    sg->ascii = false;
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
    sg->ascii = sg->root_words && sg->map.n == 0;
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
static void push_word(doc *d, size_t *si, size_t s, size_t e, int status) {
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
 * spaces, line ends and other punctuation). */
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
static const unsigned char wb_table[128] = {WB_OF16(0),  WB_OF16(16), WB_OF16(32), WB_OF16(48),
                                            WB_OF16(64), WB_OF16(80), WB_OF16(96), WB_OF16(112)};

static inline int wb_class(unsigned char c) { return wb_table[c & 0x7F]; }

/* ICU's rule status of a word, which is the tag of the last rule its
 * match went through: a word ending in a letter is LETTER, in a digit
 * NUMBER; one ending in '_' takes the status of the pair before it (a
 * digit: NUMBER, a letter or '_': LETTER), and a lone '_' is no word. */
static int wb_status(int last, int before) {
    if (last == WB_LETTER) return UBRK_WORD_LETTER;
    if (last == WB_DIGIT || before == WB_DIGIT) return UBRK_WORD_NUMBER;
    return before ? UBRK_WORD_LETTER : UBRK_WORD_NONE;
}

/* The words of the ASCII block [start, end) of the view, exactly those
 * of ICU's word break iterator (tests/unit/test_segment.c compares the
 * two over every short string of each class and many generated ones) at
 * a fraction of its cost: ICU's word pass was a third of a run without
 * rules and spelling, and news text is nearly all ASCII. */
static void ascii_words(doc *d, size_t start, size_t end, size_t si) {
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

bool seg_run(segmenter *sg, doc *d, char *errbuf, size_t errlen) {
    const char *v = d->view;
    d->sentences.n = 0;
    d->words.n = 0;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        doc_block *b = &d->blocks.v[bi];
        UErrorCode st = U_ZERO_ERROR;
        load_block(sg, v + b->start, b->end - b->start, &st);
        ubrk_setUText(sg->sent, &sg->ut, &st);
        if (!sg->ascii) ubrk_setUText(sg->word, &sg->ut, &st);
        if (U_FAILURE(st)) {
            snprintf(errbuf, errlen, "ICU segmentation: %s", u_errorName(st));
            return false;
        }
        b->first_sentence = d->sentences.n;
        int32_t prev = ubrk_first(sg->sent);
        for (int32_t next = ubrk_next(sg->sent); next != UBRK_DONE; prev = next, next = ubrk_next(sg->sent)) {
            size_t s = b->start + block_offset(sg, prev), e = b->start + block_offset(sg, next);
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

        if (sg->ascii) {
            ascii_words(d, b->start, b->end, b->first_sentence);
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
