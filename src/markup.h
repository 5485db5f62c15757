/* markup.h - finds the prose in a document: plain text or Markdown.
 * Produces doc->blocks (headline, headings, paragraphs, block quotes,
 * list items) and doc->view; code, front matter, HTML comments and URLs
 * are left out. Offsets are those of the text. */
#ifndef MTL_MARKUP_H
#define MTL_MARKUP_H

#include "doc.h"
#include "mtlint.h"

/* Which syntax a file name implies (MTL_MARKUP_AUTO resolves by extension:
 * .md .markdown .mdown .mkd -> Markdown, anything else plain text). */
mtl_markup markup_for_name(const char *name, mtl_markup requested);

/* Fills d->blocks, d->headline and returns the view (malloc'd, owned by
 * the caller, d->len bytes plus NUL). */
char *markup_parse(doc *d, mtl_markup kind);

#endif
