/* json.h - the one JSON writer: every JSON the project emits (reports,
 * rule listings) goes through it, so escaping is right in one place. */
#ifndef MTL_JSON_H
#define MTL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define JSON_MAX_DEPTH 32

typedef struct json_w {
    buf *out;
    int depth;
    bool need_comma[JSON_MAX_DEPTH];
    bool after_key;
    bool newline_pending; /* json_newline was called: break before the next item */
} json_w;

void json_init(json_w *w, buf *out);
void json_obj_begin(json_w *w);
void json_obj_end(json_w *w);
void json_arr_begin(json_w *w);
void json_arr_end(json_w *w);
void json_key(json_w *w, const char *key);
/* Strings: control characters are escaped; bytes that are not valid UTF-8
 * become U+FFFD, one per maximal ill-formed subpart. */
void json_str(json_w *w, const char *s);
void json_strn(json_w *w, const char *s, size_t n);
void json_uint(json_w *w, size_t v);
void json_int(json_w *w, long long v); /* signed: JSON-RPC ids */
void json_bool(json_w *w, bool v);
void json_null(json_w *w);
/* The number v / 10^decimals (decimals 0-3), trailing zeros dropped:
 * (978, 1) is 97.8, (250, 2) is 2.5, (900, 2) is 9. */
void json_fixed(json_w *w, unsigned long v, int decimals);
void json_kv_fixed(json_w *w, const char *key, unsigned long v, int decimals);
/* "key": value in one call. */
void json_kv_str(json_w *w, const char *key, const char *s);
void json_kv_uint(json_w *w, const char *key, size_t v);
void json_kv_bool(json_w *w, const char *key, bool v);

/* Layout only: a line break and indentation before the next item. */
void json_newline(json_w *w);

/* Appends the escaped form of s[0..n) with quotes to b. */
void json_escape(buf *b, const char *s, size_t n);

#endif
