/* json.c - JSON writer. */
#include "json.h"

#include <stdio.h>
#include <string.h>

void json_init(json_w *w, buf *out) {
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void newline_if_pending(json_w *w, int depth) {
    if (!w->newline_pending) return;
    w->newline_pending = false;
    buf_putc(w->out, '\n');
    for (int i = 0; i < depth; i++) buf_puts(w->out, "  ");
}

/* Comma between siblings, none after a key; a requested line break goes
 * after the comma. */
static void before_value(json_w *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma[w->depth]) buf_putc(w->out, ',');
    w->need_comma[w->depth] = true;
    newline_if_pending(w, w->depth);
}

static void open_(json_w *w, char c) {
    before_value(w);
    buf_putc(w->out, c);
    if (w->depth + 1 < JSON_MAX_DEPTH) w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_(json_w *w, char c) {
    if (w->depth > 0) w->depth--;
    newline_if_pending(w, w->depth);
    buf_putc(w->out, c);
}

void json_obj_begin(json_w *w) { open_(w, '{'); }
void json_obj_end(json_w *w) { close_(w, '}'); }
void json_arr_begin(json_w *w) { open_(w, '['); }
void json_arr_end(json_w *w) { close_(w, ']'); }

void json_key(json_w *w, const char *key) {
    before_value(w);
    json_escape(w->out, key, strlen(key));
    buf_putc(w->out, ':');
    w->after_key = true;
}

void json_escape(buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2);
    /* most strings (every key, most messages) need no escaping: one copy
     * into the room just reserved */
    size_t plain = 0;
    while (plain < n && (unsigned char)s[plain] >= 0x20 && s[plain] != '"' && s[plain] != '\\' &&
           (unsigned char)s[plain] < 0x80)
        plain++;
    if (plain == n) {
        char *o = b->data + b->len;
        o[0] = '"';
        if (n) memcpy(o + 1, s, n);
        o[n + 1] = '"';
        o[n + 2] = '\0';
        b->len += n + 2;
        return;
    }
    buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        /* copy the longest run that needs no escaping */
        size_t run = i;
        while (run < n) {
            unsigned char c = (unsigned char)s[run];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            run++;
        }
        buf_append(b, s + i, run - i);
        i = run;
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = i;
            int32_t cp = u8_decode(s, n, &k);
            if (cp < 0) {
                buf_puts(b, "\xef\xbf\xbd"); /* U+FFFD */
            } else if (cp == 0x2028 || cp == 0x2029) {
                /* valid JSON, but not valid JavaScript source */
                buf_puts(b, cp == 0x2028 ? "\\u2028" : "\\u2029");
            } else {
                buf_append(b, s + i, k - i);
            }
            i = k;
            continue;
        }
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\f': buf_puts(b, "\\f"); break;
        default: {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            buf_puts(b, u);
        }
        }
        i++;
    }
    buf_putc(b, '"');
}

void json_str(json_w *w, const char *s) { json_strn(w, s, strlen(s)); }

void json_strn(json_w *w, const char *s, size_t n) {
    before_value(w);
    json_escape(w->out, s, n);
}

void json_uint(json_w *w, size_t v) {
    before_value(w);
    /* by hand: printf's format parsing cost more than all the rest of a
     * finding's JSON */
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(w->out, d + i, sizeof d - i);
}

void json_int(json_w *w, long long v) {
    before_value(w);
    buf_printf(w->out, "%lld", v);
}

void json_bool(json_w *w, bool v) {
    before_value(w);
    buf_puts(w->out, v ? "true" : "false");
}

void json_null(json_w *w) {
    before_value(w);
    buf_puts(w->out, "null");
}

void json_fixed(json_w *w, unsigned long v, int decimals) {
    static const unsigned long scale[] = {1, 10, 100, 1000};
    if (decimals < 0 || decimals > 3) decimals = 0;
    unsigned long den = scale[decimals], frac = v % den;
    json_uint(w, v / den);
    if (!frac) return;
    char d[8];
    int n = decimals;
    while (frac % 10 == 0) { /* trailing zeros dropped */
        frac /= 10;
        n--;
    }
    snprintf(d, sizeof d, ".%0*lu", n, frac);
    buf_puts(w->out, d);
}

void json_kv_fixed(json_w *w, const char *key, unsigned long v, int decimals) {
    json_key(w, key);
    json_fixed(w, v, decimals);
}

/* Layout only: the next item (or closing bracket) starts a new line. */
void json_newline(json_w *w) { w->newline_pending = true; }

void json_kv_str(json_w *w, const char *key, const char *s) {
    json_key(w, key);
    json_str(w, s);
}

void json_kv_uint(json_w *w, const char *key, size_t v) {
    json_key(w, key);
    json_uint(w, v);
}

void json_kv_bool(json_w *w, const char *key, bool v) {
    json_key(w, key);
    json_bool(w, v);
}
