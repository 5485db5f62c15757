/* srcpunct.c - final marks and counted punctuation of a segment (see
 * srcpunct.h). The marks of every script are tables. */
#include "srcpunct.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

typedef struct end_mark {
    int32_t cp;
    srcpunct_end end;
} end_mark;

static const end_mark end_marks[] = {
    {'.', SRCPUNCT_END_PERIOD},       {0x3002, SRCPUNCT_END_PERIOD},  /* 。 */
    {0xFF0E, SRCPUNCT_END_PERIOD},    {'?', SRCPUNCT_END_QUESTION},
    {0xFF1F, SRCPUNCT_END_QUESTION},  {'!', SRCPUNCT_END_EXCLAMATION},
    {0xFF01, SRCPUNCT_END_EXCLAMATION}, {':', SRCPUNCT_END_COLON},
    {0xFF1A, SRCPUNCT_END_COLON},     {';', SRCPUNCT_END_SEMICOLON},
    {0xFF1B, SRCPUNCT_END_SEMICOLON}, {0x2026, SRCPUNCT_END_ELLIPSIS}, /* … */
    {',', SRCPUNCT_END_OTHER},        {0xFF0C, SRCPUNCT_END_OTHER},
    {0x3001, SRCPUNCT_END_OTHER},     {0x2014, SRCPUNCT_END_OTHER},   /* — */
    {0x2013, SRCPUNCT_END_OTHER},
};

/* Closing quotation marks and brackets stand after the final mark
 * ("...?" he asked» / (sic.)) and are skipped to find it. */
static const int32_t closers[] = {
    '"', '\'', ')', ']', 0x201D, 0x2019, 0x00BB, 0x203A, 0x300D, 0x300F,
    0xFF09, 0xFF3D, 0x3011, 0x201C, /* “ closes German quotations */
};

/* Every double quotation mark, of any family; quotations = marks / 2,
 * rounded up (an unclosed one still counts). */
static const int32_t quote_marks[] = {
    '"', 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB, 0x300C, 0x300D, 0x300E, 0x300F,
};

typedef enum { COUNT_QUESTION, COUNT_EXCLAMATION, COUNT_PAREN } counted;

typedef struct count_mark {
    int32_t cp;
    counted what;
} count_mark;

static const count_mark counted_marks[] = {
    {'?', COUNT_QUESTION},    {0xFF1F, COUNT_QUESTION},    {'!', COUNT_EXCLAMATION},
    {0xFF01, COUNT_EXCLAMATION}, {'(', COUNT_PAREN},       {0xFF08, COUNT_PAREN},
};

static bool in(const int32_t *set, size_t n, int32_t c) {
    for (size_t k = 0; k < n; k++)
        if (set[k] == c) return true;
    return false;
}

static bool is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000; }

/* The bytes a counted mark or a quotation mark may start with: the ASCII
 * marks, and every byte past ASCII (a byteset takes all of those or none;
 * the other marks' lead bytes are among them). Most text is none of them. */
static byteset mark_bytes;
static pthread_once_t mark_bytes_once = PTHREAD_ONCE_INIT;

static void mark_bytes_init(void) {
    bool member[256] = {0};
    for (size_t b = 0x80; b < 256; b++) member[b] = true;
    for (size_t k = 0; k < COUNT(counted_marks); k++)
        if (counted_marks[k].cp < 0x80) member[counted_marks[k].cp] = true;
    for (size_t k = 0; k < COUNT(quote_marks); k++)
        if (quote_marks[k] < 0x80) member[quote_marks[k]] = true;
    byteset_init(&mark_bytes, member);
}

void srcpunct_scan(const char *s, size_t n, srcpunct *out) {
    *out = (srcpunct){.end = SRCPUNCT_END_NONE, .end_at = n};
    pthread_once(&mark_bytes_once, mark_bytes_init);
    unsigned quotes = 0;
    for (size_t i = 0; i < n;) {
        i += byteset_find(&mark_bytes, s + i, n - i);
        if (i >= n) break;
        int32_t c = u8_decode(s, n, &i);
        for (size_t k = 0; k < COUNT(counted_marks); k++)
            if (counted_marks[k].cp == c) {
                unsigned *slot[] = {&out->questions, &out->exclamations, &out->parens};
                ++*slot[counted_marks[k].what];
            }
        quotes += in(quote_marks, COUNT(quote_marks), c);
    }
    out->quotations = (quotes + 1) / 2;
    /* the final mark: back over spaces and closers */
    size_t i = n;
    while (i > 0) {
        size_t p = u8_prev(s, i), q = p;
        int32_t c = u8_decode(s, n, &q);
        if (is_space(c) || in(closers, COUNT(closers), c)) {
            i = p;
            continue;
        }
        for (size_t k = 0; k < COUNT(end_marks); k++)
            if (end_marks[k].cp == c) {
                out->end = end_marks[k].end;
                out->end_at = p;
            }
        /* "?!" and "!?" ask; "..." is an ellipsis */
        if (out->end == SRCPUNCT_END_EXCLAMATION && p > 0 && (s[p - 1] == '?'))
            out->end = SRCPUNCT_END_QUESTION;
        if (out->end == SRCPUNCT_END_PERIOD && p >= 2 && s[p - 1] == '.' && s[p - 2] == '.')
            out->end = SRCPUNCT_END_ELLIPSIS;
        break;
    }
}

/* One row per issue: when it applies, and its message. */
typedef struct punct_rule {
    unsigned issue;
    bool (*applies)(const srcpunct *s, const srcpunct *t);
    const char *message;
} punct_rule;

static bool question_lost(const srcpunct *s, const srcpunct *t) {
    return (s->end == SRCPUNCT_END_QUESTION && t->end != SRCPUNCT_END_QUESTION) ||
           (s->questions && !t->questions);
}
static bool exclamation_lost(const srcpunct *s, const srcpunct *t) {
    return s->exclamations && !t->exclamations;
}
static bool period_added(const srcpunct *s, const srcpunct *t) {
    return s->end == SRCPUNCT_END_NONE && t->end == SRCPUNCT_END_PERIOD;
}
static bool colon_lost(const srcpunct *s, const srcpunct *t) {
    return (s->end == SRCPUNCT_END_COLON || s->end == SRCPUNCT_END_SEMICOLON) &&
           t->end != SRCPUNCT_END_COLON && t->end != SRCPUNCT_END_SEMICOLON;
}
static bool parens_lost(const srcpunct *s, const srcpunct *t) { return s->parens && !t->parens; }
static bool quote_lost(const srcpunct *s, const srcpunct *t) { return s->quotations && !t->quotations; }
static bool quote_added(const srcpunct *s, const srcpunct *t) { return !s->quotations && t->quotations; }

static const punct_rule rules[] = {
    {SRCPUNCT_QUESTION_LOST, question_lost, "the source asks a question; the translation does not"},
    {SRCPUNCT_EXCLAMATION_LOST, exclamation_lost,
     "the source has an exclamation; the translation has none"},
    {SRCPUNCT_PERIOD_ADDED, period_added,
     "the source ends without a period (a headline); the translation adds one"},
    {SRCPUNCT_COLON_LOST, colon_lost,
     "the source ends with a colon or semicolon; the translation does not"},
    {SRCPUNCT_PARENS_LOST, parens_lost, "the source has parentheses; the translation has none"},
    {SRCPUNCT_QUOTE_LOST, quote_lost, "the source has a quotation; the translation has none"},
    {SRCPUNCT_QUOTE_ADDED, quote_added, "the translation has a quotation the source has not"},
};

unsigned srcpunct_compare(const srcpunct *src, const srcpunct *tgt) {
    unsigned issues = 0;
    for (size_t k = 0; k < COUNT(rules); k++)
        if (rules[k].applies(src, tgt)) issues |= rules[k].issue;
    return issues;
}

const char *srcpunct_message(unsigned issue) {
    for (size_t k = 0; k < COUNT(rules); k++)
        if (rules[k].issue == issue) return rules[k].message;
    return NULL;
}
