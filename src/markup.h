/* markup.h - finds the prose in a document: plain text, Markdown, HTML,
 * or plain text of one segment per line.
 * Produces doc->blocks (headline, headings, paragraphs, block quotes,
 * list items) and doc->view; code, front matter, HTML comments and URLs
 * are left out. Offsets are those of the text. */
#ifndef MTL_MARKUP_H
#define MTL_MARKUP_H

#include "doc.h"
#include "mtlint.h"

/* Which syntax a file name implies (MTL_MARKUP_AUTO resolves by extension:
 * .md .markdown .mdown .mkd -> Markdown, .html .htm -> HTML, anything
 * else plain text). */
mtl_markup markup_for_name(const char *name, mtl_markup requested);

/* The syntax a file is read in: markup_for_name's, except that with
 * MTL_MARKUP_AUTO plain text of one segment per line is read as
 * MTL_MARKUP_LINES (markup_looks_like_lines). */
mtl_markup markup_resolve(const char *name, const char *text, size_t len, mtl_markup requested);
/* Whether plain text is one segment per line: at least 3 lines, no
 * blank line between them, at least 60% of them ending a sentence, and
 * one longer than 100 bytes (a hard wrap keeps every line shorter). */
bool markup_looks_like_lines(const char *text, size_t len);

/* Fills d->blocks, d->headline and returns the view (malloc'd, owned by
 * the caller, d->len bytes plus NUL). */
char *markup_parse(doc *d, mtl_markup kind);

/* For the readers (markup.c, markup_html.c). */

/* HTML (markup_html.c): fills d->blocks, d->suppress and d->headline, and
 * writes the view's prose bytes; `view` starts as a copy of the text. */
void markup_html(doc *d, char *view, char *rview);

/* One comment's text [p, end) (an inline suppression directive or not),
 * which ends at text offset `after`. */
void markup_directive(doc *d, const char *p, const char *end, size_t after);
/* Masks the bare URLs and e-mail addresses of text [start, end) in view. */
void markup_mask_urls(const char *t, char *view, size_t start, size_t end);
/* Ranges still open at the end of the document end there. */
void markup_close_directives(doc *d);

#endif
