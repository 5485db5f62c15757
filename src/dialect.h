/* dialect.h - the regular differences between British and American
 * spelling (colour/color, organise/organize, centre/center,
 * travelled/traveled, catalogue/catalog, programme/program), applied to a
 * word to find its form in the other dialect. Prefix dia_.
 *
 * The build (tools/mtlint-dictc.c --variants) keeps the pairs of forms
 * that each of SCOWL's word lists has and the other lacks; the spelling
 * check (check_spelling.c) looks the forms of an article up in those
 * tables. */
#ifndef MTL_DIALECT_H
#define MTL_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* Whether the form w[0..n) is one to keep. */
typedef bool (*dia_pred)(const void *ctx, const char *w, size_t n);

/* The first form of w[0..n), one swap away, that `has` accepts, written
 * NUL-terminated to out (cap bytes); its length, 0 when none. */
size_t dia_form(const char *w, size_t n, dia_pred has, const void *ctx, char *out, size_t cap);

/* The dialect of an article with n_us American and n_gb British variant
 * forms: the majority, or none on a tie. Spelling.DialectMix reports the
 * minority forms; Quotes.Punctuation takes the article's punctuation
 * style from it. */
doc_dialect dia_majority(size_t n_us, size_t n_gb);

#endif
