/* quotes.h - the quote parser: walks each prose block of a document with a
 * stack of open quotations and decides, for every quotation mark, whether
 * it opens, closes, or is an apostrophe (don't, Peru's, the '90s, rock 'n'
 * roll, 'tis, presidents'). What it finds wrong is returned as a list of
 * issues with text spans and replacement text; check_quotes.c turns them
 * into Quotes.* findings, and quotes_find_spans() gives the engine the
 * quotation spans for the `quote` rule scope.
 *
 * News convention: a quotation that runs on into the next paragraph is not
 * closed at the end of the first one, and the next paragraph opens again.
 * A quotation left open at the end of a paragraph runs on into the next
 * one: if that one reopens it, all is well; if it closes it without
 * reopening, the closing mark is flagged; if it does neither, the opening
 * mark is. */
#ifndef MTL_QUOTES_H
#define MTL_QUOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

typedef enum {
    QUOTE_DIRECTION,     /* a curly mark typed the wrong way round */
    QUOTE_SPACE_INSIDE,  /* white space just inside a quotation */
    QUOTE_SPACE_MISSING, /* no space between a quotation and the word outside */
    QUOTE_UNCLOSED,      /* opened and never closed */
    QUOTE_UNOPENED,      /* closed with nothing open */
    QUOTE_MIXED,         /* straight and curly double quotes in one document */
    QUOTE_NESTING,       /* a quotation inside one of the same kind */
    QUOTE_FOREIGN,       /* guillemets, low-9 marks, corner brackets */
    QUOTE_DASH,          /* a dialogue dash opening a paragraph */
    /* Period or comma at a closing mark, in the style it shows; whether
     * that is wrong is the setting's and the article's call
     * (check_quotes.c). */
    QUOTE_PUNCT_OUTSIDE, /* after it, quoted matter without its own
                            (`a “disgrace”.`): logical style */
    QUOTE_PUNCT_INSIDE   /* inside it, on a quotation that is no sentence of
                            its own (`a “disgrace.”`): American style */
} quote_issue_kind;

/* What the parser took the mark to be. */
typedef enum { QUOTE_AS_OPEN, QUOTE_AS_CLOSE, QUOTE_AS_APOSTROPHE } quote_role;

typedef struct quote_issue {
    quote_issue_kind kind;
    quote_role role;
    size_t start, end;   /* text span the issue covers */
    int32_t mark;        /* the quotation mark concerned (code point) */
    bool has_fix;
    char fix[16];        /* replacement for [start, end) when has_fix; for
                            PUNCT_*, the other style's */
    size_t other;        /* MIXED: marks of the majority style; NESTING:
                            offset of the enclosing quotation's mark */
    size_t count;        /* MIXED: marks of the minority style; UNOPENED: 1
                            when it closes a quotation of an earlier
                            paragraph that this one did not reopen */
} quote_issue;

typedef struct quote_parser quote_parser;

quote_parser *quotes_open(void);
void quotes_close(quote_parser *qp);

/* Parses every block of d. Results stay valid until the next parse. */
void quotes_parse(quote_parser *qp, const doc *d);
/* Issues of the last parse, sorted by start. */
const quote_issue *quotes_issues(const quote_parser *qp, size_t *n);
/* Quotation spans of the last parse, sorted by start: from the opening
 * mark to just past the closing one, or to the end of the block. */
const doc_span *quotes_spans(const quote_parser *qp, size_t *n);

/* The rule that reports an issue kind: "Quotes.Direction"... */
const char *quotes_rule_id(quote_issue_kind kind);

/* Whether text[start, end) holds a quotation mark (or an apostrophe,
 * which may be one). A paragraph without any ends every quotation open
 * before it whatever follows, so the parse of what comes after it does
 * not depend on what came before: the engine cuts large files there. */
bool quotes_any_mark(const char *text, size_t start, size_t end);

/* Fills d->quotes (replacing what was there). The engine calls it after
 * segmentation, before the checks. */
void quotes_find_spans(doc *d);

#endif
