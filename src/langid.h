/* langid.h - identifies the language of a source text.
 *
 * Built on libexttextcat (Debian libexttextcat-dev, fingerprints in
 * libexttextcat-data), the n-gram classifier LibreOffice uses, rather than
 * libcld2: exttextcat has a plain C API, so the library stays C11 with no
 * C++ shim or runtime; it is packaged for every Debian release, and its
 * fingerprints cover some 160 languages, among them every source language
 * mtlint has rules for. CLD2 is better on very short snippets, but a
 * news article gives the classifier hundreds of bytes to work with, and
 * only the first few KB are read.
 *
 * One handle per thread: the classifier keeps its scratch in the handle. */
#ifndef MTL_LANGID_H
#define MTL_LANGID_H

#include <stddef.h>

typedef struct langid langid;

/* dir: the fingerprint directory holding fpdb.conf; NULL for the system
 * one (MTL_LANGID_DIR, /usr/share/libexttextcat). NULL on error, with the
 * reason in err. */
langid *langid_open(const char *dir, char *err, size_t errlen);
void langid_close(langid *li);

/* The ISO 639-1 code of the language of text[0..len) (a 639-3 code for
 * the few languages without one), or NULL when the text is too short or
 * the classifier cannot tell. The string lives until the next call. */
const char *langid_detect(langid *li, const char *text, size_t len);

#endif
