/* doc.h - the document as it flows through the pipeline: the source text,
 * the prose blocks found by markup, and the sentences and words found by
 * segment. Every position is a byte offset into the UTF-8 text
 * (source_text); source_orig_offset() takes it back to the input file.
 *
 * Checks read these arrays directly; only the stages that own them write. */
#ifndef MTL_DOC_H
#define MTL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "mtlint.h"
#include "source.h"

typedef enum {
    BLOCK_HEADLINE,   /* the article's title */
    BLOCK_HEADING,    /* a sub-heading */
    BLOCK_PARAGRAPH,
    BLOCK_QUOTE,      /* Markdown block quote */
    BLOCK_LIST_ITEM,
    BLOCK_ALT         /* image alt text, an HTML title: never in blocks, only
                         the rule engine's pseudo-blocks for doc.alts */
} block_kind;

typedef struct doc_block {
    size_t start, end;        /* prose span, end exclusive */
    block_kind kind;
    int level;                /* heading level; 0 otherwise */
    size_t first_sentence, nsentences;
} doc_block;

typedef struct doc_sentence {
    size_t start, end;        /* trailing white space excluded */
    size_t block;
    size_t first_word, nwords;
} doc_sentence;

/* ICU word-break rule status ranges (ubrk.h): NUMBER 100-199, LETTER
 * 200-299, KANA 300-399, IDEO 400-499. Words of status NONE (spaces,
 * punctuation) are not stored. */
enum { WORD_NUMBER = 100, WORD_LETTER = 200, WORD_KANA = 300, WORD_IDEO = 400 };

typedef struct doc_word {
    size_t start, end;
    int status;               /* ICU rule status */
    size_t sentence;
} doc_word;

/* A quotation: from its opening mark to just past its closing mark (or to
 * the end of the paragraph when it is left open). Found by the quote
 * parser before the checks run; the `quote` rule scope uses them. */
typedef struct doc_span {
    size_t start, end;
} doc_span;

/* A range where an inline comment switches rules off: Markdown
 * "<!-- mtlint-disable EsEn.Titles -->" ... "<!-- mtlint-enable -->", or
 * Vale's "<!-- vale off -->" / "<!-- vale Set.Rule = NO -->". `ids` (into
 * the text) lists rule ids or sets separated by commas or spaces; empty
 * means every rule. */
typedef struct doc_suppress {
    size_t start, end;
    const char *ids;
    size_t ids_len;
} doc_suppress;

/* A pair of the alignment: source segments and the target segments that
 * translate them. A side with no segment has an empty span placed where
 * the text would be (the start of the next segment, or the end). */
typedef struct doc_pair {
    size_t src_start, src_end;  /* offsets into the source doc's text */
    size_t tgt_start, tgt_end;  /* offsets into the target text */
    unsigned nsrc, ntgt;        /* segments on each side, 0-2 */
    size_t block;               /* sentence pairs: index of their block pair */
    double cost;                /* the aligner's cost; 0 for lines */
} doc_pair;

/* The article's spelling dialect: the side most of its variant forms
 * (colour/color, organise/organize) are on, as dialect.c decides. Set
 * by the spelling pass before the checks run; NONE when the article has
 * no variants, as many of each, or no speller runs. */
typedef enum { DOC_DIALECT_NONE, DOC_DIALECT_US, DOC_DIALECT_GB } doc_dialect;

typedef struct doc_pairs {
    doc_pair *v;
    size_t n, cap;
} doc_pairs;

typedef struct doc {
    const char *name;         /* path shown in reports */
    const source *src;
    const char *text;         /* UTF-8, NUL-terminated */
    size_t len;
    /* Where text starts in the source's text: a large file is checked in
     * chunks (engine.c), each a document of its own; 0 otherwise. Offsets
     * in the doc are text's; source_* functions want base + offset. */
    size_t base;
    /* `view` has the length of `text`. Inside blocks it equals text but for
     * inline parts that are not prose (code, URLs, markup) and line breaks:
     * masked bytes are DOC_MASK, soft line breaks and line prefixes such as
     * "> " are spaces. Checks match on view and report text offsets. */
    const char *view;
    /* What the rule engine reads: view with every inline markup byte
     * (emphasis delimiters, link brackets, HTML tags, character reference
     * tails) DOC_MASK, where view may show it as itself or as spaces; the
     * engine removes masked runs before matching (rules_run.c). It shares
     * view's allocation; NULL: the view. */
    const char *rview;
    /* Plain text only: the view with URLs and e-mail addresses as written,
     * which rules of Vale styles read (Vale masks them only in Markdown);
     * mtlint's own checks and rules keep reading view. Shares view's
     * allocation; NULL in other markups. */
    const char *vview;
    struct { doc_block *v; size_t n, cap; } blocks;
    struct { doc_sentence *v; size_t n, cap; } sentences;
    struct { doc_word *v; size_t n, cap; } words;
    struct { doc_span *v; size_t n, cap; } quotes;
    struct { doc_suppress *v; size_t n, cap; } suppress;
    /* Spans a finding never cuts (HTML character references, sorted):
     * one that reaches into a span is widened to take all of it. */
    struct { doc_span *v; size_t n, cap; } atoms;
    /* Image alt texts (Markdown ![alt](src), HTML alt and title
     * attributes), sorted: not prose for the checks, only for rules in
     * Vale's `alt` (and `text`) scope. */
    struct { doc_span *v; size_t n, cap; } alts;
    long headline;            /* index into blocks, or -1 */
    /* Source-aware checking (NULL source: none): the source document, its
     * language, and the alignment at two levels: blocks (paragraphs, or
     * lines with --align lines) and sentences inside paired blocks. */
    const struct doc *source;
    const char *source_lang;
    doc_pairs block_pairs, sent_pairs;
    mtl_markup markup;        /* how it was read: text or Markdown (rule scopes such as paragraph.md) */
    doc_dialect dialect;
} doc;

/* Byte that replaces masked characters in the view: a control character,
 * neither space nor word, so nothing matches across it by accident. */
#define DOC_MASK '\x1a'

/* Zero bytes after the NUL of text and view, for vectorised readers. */
#define DOC_PAD 16

/* The words of block b: d->words.v[*first ..] and their count, 0 for a
 * block without sentences. */
static inline size_t doc_block_words(const doc *d, const doc_block *b, size_t *first) {
    *first = 0;
    if (!b->nsentences) return 0;
    const doc_sentence *s0 = &d->sentences.v[b->first_sentence];
    const doc_sentence *s1 = &d->sentences.v[b->first_sentence + b->nsentences - 1];
    *first = s0->first_word;
    return s1->first_word + s1->nwords - s0->first_word;
}

#endif
