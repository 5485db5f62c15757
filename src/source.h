/* source.h - an input document's bytes: reading, encoding detection and
 * conversion, and the line table.
 *
 * Checks work on `text`, always valid UTF-8. When the input was valid
 * UTF-8, text aliases the original bytes (after a BOM); otherwise text is
 * a converted copy and `map` takes every text offset back to the original
 * byte offset, so that reports always speak of the original file. */
#ifndef MTL_SOURCE_H
#define MTL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

typedef struct source source;

typedef enum {
    SOURCE_OK = 0,
    SOURCE_ERR_IO,      /* open/read failed; errbuf has strerror */
    SOURCE_ERR_BINARY,  /* NUL bytes and not UTF-16 */
    SOURCE_ERR_DECODE   /* conversion failed */
} source_status;

/* Reads path ("-" = stdin) whole into b, as the bytes are. */
source_status source_read(const char *path, buf *b, char *errbuf, size_t errlen);

/* Reads path whole ("-" = stdin). */
source_status source_open_file(const char *path, source **out, char *errbuf, size_t errlen);
/* Takes a copy of bytes. */
source_status source_open_mem(const char *bytes, size_t len, source **out, char *errbuf,
                              size_t errlen);
void source_close(source *s);

/* UTF-8 text to check, and its length. Always NUL-terminated. */
const char *source_text(const source *s, size_t *len);
/* The original bytes. */
const char *source_orig(const source *s, size_t *len);

/* Original byte offset of text offset t (t <= text length; t must be a
 * code point boundary). */
size_t source_orig_offset(const source *s, size_t t);

/* 1-based line and code-point column of text offset t. */
void source_line_col(const source *s, size_t t, size_t *line, size_t *col);
/* Index (0-based) of the line holding text offset t, and its start. */
size_t source_line_of(const source *s, size_t t, size_t *line_start);

/* When the input was not valid UTF-8: the encoding assumed ("windows-1252",
 * "UTF-16LE"...) and the text range of the first byte that made the
 * conversion necessary. NULL when the input was valid UTF-8. */
const char *source_encoding_note(const source *s, size_t *t_start, size_t *t_end);

/* The text offsets (ascending) of the U+FFFD that stand for bytes the
 * conversion could not decode (a lone UTF-16 surrogate, a sequence
 * illegal in the charset), and how many; 0 when there are none. */
size_t source_replaced(const source *s, const size_t **t);

/* The charset the original bytes are in, as ICU names it: "UTF-8" (with
 * or without BOM, and for UTF-8 with stray windows-1252 bytes), "UTF-16LE",
 * "windows-1252"... What --fix encodes its edits in. */
const char *source_charset(const source *s);

#endif
