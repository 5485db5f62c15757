/* util.c - allocation, buffers, UTF-8. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check_alloc(void *p) {
    if (!p) abort(); /* out of memory: see util.h */
    return p;
}

void *xmalloc(size_t n) { return check_alloc(malloc(n ? n : 1)); }
void *xcalloc(size_t n, size_t size) { return check_alloc(calloc(n ? n : 1, size ? size : 1)); }
void *xcalloc_written(size_t n, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(n ? n : 1, size ? size : 1, &bytes)) abort();
    return memset(xmalloc(bytes), 0, bytes);
}
void *xrealloc(void *p, size_t n) { return check_alloc(realloc(p, n ? n : 1)); }
char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Formatted first into a stack buffer, which holds nearly every message
 * and path: a second vsnprintf (some two thousand instructions each) only
 * for a longer string. */
char *xvasprintf(const char *fmt, va_list ap) {
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return xstrdup("");
    }
    char *s = xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof small) memcpy(s, small, (size_t)n + 1);
    else vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

char *xasprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void buf_reserve(buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < b->len + extra + 1) nc *= 2;
    b->data = xrealloc(b->data, nc);
    b->cap = nc;
}

void buf_append(buf *b, const void *p, size_t n) {
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_append(b, s, strlen(s)); }

/* Formatted into the room the buffer has, which nearly always suffices:
 * a second vsnprintf (each costs some two thousand instructions) only
 * when it does not. */
void buf_printf(buf *b, const char *fmt, ...) {
    va_list ap, ap2;
    buf_reserve(b, 64);
    va_start(ap, fmt);
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    if (n > 0 && (size_t)n >= room) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    }
    if (n > 0) b->len += (size_t)n;
    else b->data[b->len] = '\0'; /* an output error may leave part of one */
    va_end(ap2);
    va_end(ap);
}

void buf_clear(buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(buf *b) {
    char *s = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* Well-formed UTF-8 per Unicode table 3-7: the second byte's range depends
 * on the first byte (no overlongs, no surrogates, nothing above U+10FFFF). */
/* u8_decode past its inline ASCII case */
int32_t u8_decode_multi(const char *s, size_t n, size_t *i) {
    const unsigned char *p = (const unsigned char *)s;
    size_t k = *i;
    unsigned c = p[k];
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    int32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *i = k + 1;
        return -1;
    }
    k++;
    for (int j = 0; j < need; j++, k++) {
        if (k >= n || p[k] < lo || p[k] > hi) {
            *i = k; /* maximal subpart ends before the offending byte */
            return -1;
        }
        cp = (cp << 6) | (p[k] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *i = k;
    return cp;
}

size_t u8_valid_prefix(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        /* ASCII fast path, 32 bytes at a time, then eight */
        while (i + 32 <= n) {
            uint64_t w[4];
            memcpy(w, s + i, 32);
            if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) break;
            i += 32;
        }
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        size_t k = i;
        if (u8_decode(s, n, &k) < 0) return i;
        i = k;
    }
    return n;
}

size_t u8_encode(int32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t u8_count(const char *s, size_t n) {
    size_t i = 0, count = 0;
    while (i < n) {
        /* ASCII, eight bytes a step: columns are counted from the start
         * of a line, and a news paragraph is one long line */
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL))) {
            i += 8;
            count += 8;
            continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
        } else {
            u8_decode(s, n, &i);
        }
        count++;
    }
    return count;
}

size_t u8_starts(const char *s, size_t n) {
    const uint64_t hi = 0x8080808080808080ULL;
    size_t k = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        k += 8 - (size_t)__builtin_popcountll(w & hi & ~(w << 1));
    }
    for (; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

size_t u8_prev(const char *s, size_t i) {
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    return k;
}

/* Equal bytes, most of those compared, skip the folding. */
int ascii_strcasecmp(const char *a, const char *b) {
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca == cb) {
            if (!ca) return 0;
            continue;
        }
        int x = ascii_tolower(ca), y = ascii_tolower(cb);
        if (x != y) return x - y;
    }
}

int ascii_strncasecmp(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[i];
        if (ca == cb) {
            if (!ca) return 0;
            continue;
        }
        int x = ascii_tolower(ca), y = ascii_tolower(cb);
        if (x != y) return x - y;
    }
    return 0;
}

bool str_in_list(const char *const *list, const char *w, size_t n) {
    for (const char *const *p = list; *p; p++)
        if ((*p)[0] == w[0] && strlen(*p) == n && memcmp(*p, w, n) == 0) return true;
    return false;
}

size_t str_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t cap) {
    enum { MAXW = 64 };
    if (cap > MAXW) cap = MAXW;
    if (na > cap || nb > cap) return cap;
    size_t row[MAXW + 1];
    for (size_t j = 0; j <= nb; j++) row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

bool byteset_init(byteset *s, const bool member[256]) {
    for (unsigned b = 0x81; b < 256; b++)
        if (member[b] != member[0x80]) return false;
    memset(s, 0, sizeof *s);
    memcpy(s->member, member, sizeof s->member);
    s->high = member[0x80];
    for (unsigned b = 0; b < 0x80; b++)
        if (member[b]) s->lo[b & 15] |= (uint8_t)(1u << (b >> 4));
    for (unsigned h = 0; h < 8; h++) s->hi[h] = (uint8_t)(1u << h);
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    s->simd = __builtin_cpu_supports("ssse3");
#endif
    return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

__attribute__((target("ssse3"))) size_t byteset_find_simd(const byteset *s, const char *p, size_t n) {
    const __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)s->lo);
    const __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)s->hi);
    const __m128i nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i l = _mm_shuffle_epi8(lo, _mm_and_si128(x, nib));
        /* past 0x7F the high nibble is 8 to 15: hi has 0 there */
        __m128i h = _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(x, 4), nib));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(l, h), zero)) ^ 0xFFFFu;
        if (s->high) m |= (unsigned)_mm_movemask_epi8(x);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    return i + byteset_find_bytes(s, p + i, n - i);
}
#else
size_t byteset_find_simd(const byteset *s, const char *p, size_t n) { return byteset_find_bytes(s, p, n); }
#endif
