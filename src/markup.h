/* markup.h - finds the prose in a document: plain text, Markdown or HTML.
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
