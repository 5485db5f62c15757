/* srcpunct.h - the punctuation a translation must carry over, for
 * Source.Punctuation and Source.Quote: how a segment ends (question,
 * exclamation, colon, no mark at all in a headline...) and how many
 * questions, exclamations, parentheses and quotations it has, in any
 * script (¿?, ？, ！, （）, «», “”, „“, 「」, 『』, ""). srcpunct_compare
 * lists what the target lost or gained; the check places each issue at
 * the target's last mark (end_at) and words it from srcpunct_message. */
#ifndef MTL_SRCPUNCT_H
#define MTL_SRCPUNCT_H

#include <stddef.h>

typedef enum {
    SRCPUNCT_END_NONE, /* no final mark: a headline, a caption */
    SRCPUNCT_END_PERIOD,
    SRCPUNCT_END_QUESTION,
    SRCPUNCT_END_EXCLAMATION,
    SRCPUNCT_END_COLON,
    SRCPUNCT_END_SEMICOLON,
    SRCPUNCT_END_ELLIPSIS,
    SRCPUNCT_END_OTHER /* a comma, a dash */
} srcpunct_end;

typedef struct srcpunct {
    srcpunct_end end;
    size_t end_at;      /* byte offset of the final mark; the text length
                           when there is none */
    unsigned questions, exclamations, parens, quotations;
} srcpunct;

void srcpunct_scan(const char *s, size_t n, srcpunct *out);

/* What the target does not carry over, as bits. */
enum {
    SRCPUNCT_QUESTION_LOST = 1u << 0,    /* a question is not one any more */
    SRCPUNCT_EXCLAMATION_LOST = 1u << 1,
    SRCPUNCT_PERIOD_ADDED = 1u << 2,     /* a headline gained a final period */
    SRCPUNCT_COLON_LOST = 1u << 3,       /* a final colon or semicolon is gone */
    SRCPUNCT_PARENS_LOST = 1u << 4,
    SRCPUNCT_QUOTE_LOST = 1u << 5,       /* Source.Quote */
    SRCPUNCT_QUOTE_ADDED = 1u << 6,      /* Source.Quote */
};

unsigned srcpunct_compare(const srcpunct *src, const srcpunct *tgt);

/* The message for one issue bit: "the source asks a question; the
 * translation does not". NULL for an unknown bit. */
const char *srcpunct_message(unsigned issue);

#endif
