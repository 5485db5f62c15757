/* util.h - small shared helpers: allocation, growable buffers and arrays,
 * UTF-8 decoding. Prefixes: x (allocation), buf_, vec_, u8_. */
#ifndef MTL_UTIL_H
#define MTL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Allocation failure is not recoverable in a linter run; these abort()
 * rather than thread NULL checks through every stage. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* Zeroed memory written at once, for a hash table that is probed (read)
 * before its slots are filled. calloc's fresh pages map the shared zero
 * page on the first read, and the first write to each then replaces that
 * mapping (a copy-on-write fault), which must flush the other threads'
 * CPUs' TLBs: an interrupt per page, slow under virtualisation. Written
 * pages are faulted in writable once. */
void *xcalloc_written(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Levenshtein distance of two byte strings; cap when either is longer than
 * cap bytes (cap <= 64): names are short, and a long pair is no match. */
size_t str_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t cap);
/* Whether w[0..n) is one of the strings of a NULL-terminated list (n > 0;
 * the first letter is compared before any length is taken). */
bool str_in_list(const char *const *list, const char *w, size_t n);
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Growable byte buffer, always NUL-terminated. */
typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
/* One byte; inline because folds and writers call it per byte, and the
 * room is nearly always there. */
static inline void buf_putc(buf *b, char c) {
    if (b->len + 2 > b->cap) buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(buf *b);
void buf_free(buf *b);
char *buf_steal(buf *b); /* returns the string (never NULL) and resets b */

/* Growable array of any element type:
 *   struct { T *v; size_t n, cap; } a = {0};  VEC_PUSH(a, x); */
#define VEC_RESERVE(a, extra)                                                  \
    do {                                                                       \
        if ((a).n + (extra) > (a).cap) {                                       \
            size_t nc_ = (a).cap ? (a).cap * 2 : 16;                           \
            while (nc_ < (a).n + (extra)) nc_ *= 2;                            \
            (a).v = xrealloc((a).v, nc_ * sizeof *(a).v);                      \
            (a).cap = nc_;                                                     \
        }                                                                      \
    } while (0)
#define VEC_PUSH(a, x)                                                         \
    do {                                                                       \
        VEC_RESERVE(a, 1);                                                     \
        (a).v[(a).n++] = (x);                                                  \
    } while (0)
#define VEC_FREE(a)                                                            \
    do {                                                                       \
        free((a).v);                                                           \
        (a).v = NULL;                                                          \
        (a).n = (a).cap = 0;                                                   \
    } while (0)

/* VEC_FREE of an array of malloc'd pointers, each freed first. */
#define VEC_FREE_ALL(a)                                                        \
    do {                                                                       \
        for (size_t vi_ = 0; vi_ < (a).n; vi_++) free((a).v[vi_]);             \
        VEC_FREE(a);                                                           \
    } while (0)

/* UTF-8. u8_decode reads one code point at s[*i] (i < n), advances *i and
 * returns the code point, or -1 for an ill-formed sequence, in which case
 * *i advances past the maximal ill-formed subpart (Unicode's "substitution
 * of maximal subparts", which is what Python's 'replace' decoder does). */
int32_t u8_decode_multi(const char *s, size_t n, size_t *i);
/* Inline for ASCII, most of any text, which needs no call. */
static inline int32_t u8_decode(const char *s, size_t n, size_t *i) {
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    return u8_decode_multi(s, n, i);
}
/* Length of a valid UTF-8 prefix of s: == n when all of s is valid. */
size_t u8_valid_prefix(const char *s, size_t n);
/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t u8_encode(int32_t cp, char *out);
/* Number of code points in s[0..n), counting an ill-formed subpart as one. */
size_t u8_count(const char *s, size_t n);
/* Number of bytes of s[0..n) that are no continuation byte (10xxxxxx):
 * its code points when s is valid UTF-8, counted eight bytes at a time. */
size_t u8_starts(const char *s, size_t n);
/* Start of the code point before position i (i > 0). */
size_t u8_prev(const char *s, size_t i);

/* ASCII-only helpers: locale-independent. */
static inline bool ascii_isalpha(int c) { return (unsigned)((c | 32) - 'a') < 26; }
static inline bool ascii_isdigit(int c) { return (unsigned)(c - '0') < 10; }
static inline bool ascii_isupper(int c) { return (unsigned)(c - 'A') < 26; }
static inline bool ascii_isspace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
/* space or tab: the blanks within a line */
static inline bool ascii_isblank(int c) { return c == ' ' || c == '\t'; }
static inline int ascii_tolower(int c) { return ascii_isupper(c) ? c + 32 : c; }
int ascii_strcasecmp(const char *a, const char *b);
int ascii_strncasecmp(const char *a, const char *b, size_t n);

/* FNV-1a, for the small hash tables of the checks. */
static inline uint64_t hash_bytes(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Byte classes eight bytes at a time, for the scans over prose that
 * would take (and mispredict) a branch a byte: x holds eight bytes (any
 * order), the result 0x80 in each byte of the class and 0 elsewhere. Bit
 * 7 is cleared before the additions, so that no byte carries into the
 * next; a byte of 0x80 or more is in no ASCII class. */
#define U64_ONES UINT64_C(0x0101010101010101)
#define U64_HIGHS UINT64_C(0x8080808080808080)

/* The ASCII bytes from lo to hi (lo >= 1, hi <= 0x7F): b + 0x80 - lo
 * reaches 0x80 and b + 0x7F - hi does not. */
static inline uint64_t ascii_range8(uint64_t x, unsigned char lo, unsigned char hi) {
    uint64_t low = x & ~U64_HIGHS;
    return (low + U64_ONES * (0x80 - lo)) & ~(low + U64_ONES * (0x7F - hi)) & ~x & U64_HIGHS;
}

/* ASCII capitals. */
static inline uint64_t ascii_upper8(uint64_t x) { return ascii_range8(x, 'A', 'Z'); }

/* ASCII letters: made lower case first (a byte of 0x80 or more stays one). */
static inline uint64_t ascii_letter8(uint64_t x) { return ascii_range8(x | U64_ONES * 0x20, 'a', 'z'); }

/* ASCII letters and digits. */
static inline uint64_t ascii_alnum8(uint64_t x) { return ascii_letter8(x) | ascii_range8(x, '0', '9'); }

/* The first ASCII digit of s[from, len), or len: eight bytes at a time
 * up to the eight that hold it. */
static inline size_t ascii_next_digit(const char *s, size_t from, size_t len) {
    size_t i = from;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (ascii_range8(x, '0', '9')) break;
    }
    for (; i < len; i++)
        if (ascii_isdigit((unsigned char)s[i])) return i;
    return len;
}

/* The bytes equal to c. */
static inline uint64_t bytes_equal8(uint64_t x, unsigned char c) {
    uint64_t y = x ^ (U64_ONES * c);
    return ~(((y & ~U64_HIGHS) + ~U64_HIGHS) | y | ~U64_HIGHS);
}
#undef U64_ONES
#undef U64_HIGHS

/* A hash of the n bytes at s in which ASCII case does not count, for the
 * checks that look for a word again (repeats, loops): a filter, each hit
 * confirmed by comparing the words. Setting bit 0x20 of every byte folds
 * the letters (and merges a few other pairs of bytes, which the comparison
 * tells apart). It reads eight bytes at a time, up to seven past s + n: s
 * must lie in a view, which is padded (DOC_PAD). */
static inline uint64_t hash_folded(const char *s, size_t n) {
    /* the first k bytes of eight read into a uint64_t */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HF_KEEP(k) (~(~0ULL >> (8 * (k))))
#else
#define HF_KEEP(k) ((1ULL << (8 * (k))) - 1)
#endif
    static const uint64_t keep[9] = {0, HF_KEEP(1), HF_KEEP(2), HF_KEEP(3), HF_KEEP(4), HF_KEEP(5), HF_KEEP(6), HF_KEEP(7), ~0ULL};
#undef HF_KEEP
    uint64_t h = n, x;
    if (__builtin_expect(n > 8, 0)) { /* most words are short */
        for (; n > 8; s += 8, n -= 8) {
            memcpy(&x, s, 8);
            h = (h ^ (x | 0x2020202020202020ULL)) * 0x9E3779B97F4A7C15ULL;
            h ^= h >> 29;
        }
    }
    memcpy(&x, s, 8);
    h = (h ^ ((x & keep[n]) | 0x2020202020202020ULL)) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* A set of bytes to find in text, most of which is not in it: on x86-64
 * with SSSE3, sixteen bytes are classified at a time (a byte's low nibble
 * and high nibble each select a mask in a table of sixteen, and the byte
 * is in the set when the two masks share a bit); elsewhere one at a time.
 * Every byte of 0x80 or more is in the set, or none is. */
typedef struct byteset {
    uint8_t lo[16];           /* by low nibble: a bit per high nibble 0-7 of the members */
    uint8_t hi[16];           /* by high nibble: its bit (1 << nibble), 0 past 7 */
    bool high;                /* the bytes of 0x80 or more are members */
    bool simd;                /* the CPU has SSSE3 */
    bool member[256];
} byteset;

/* Makes s the set of the bytes b with member[b]; false (s unchanged)
 * when the bytes of 0x80 or more are not all in it or all out. */
bool byteset_init(byteset *s, const bool member[256]);

/* The index of the first byte of p[0, n) in s, or n: one byte at a time
 * (four tests a step), and with SSSE3 sixteen. */
static inline size_t byteset_find_bytes(const byteset *s, const char *p, size_t n) {
    const unsigned char *u = (const unsigned char *)p;
    const bool *in = s->member;
    size_t i = 0;
    while (i + 4 <= n && !(in[u[i]] | in[u[i + 1]] | in[u[i + 2]] | in[u[i + 3]])) i += 4;
    while (i < n && !in[u[i]]) i++;
    return i;
}
size_t byteset_find_simd(const byteset *s, const char *p, size_t n);
static inline size_t byteset_find(const byteset *s, const char *p, size_t n) {
    return s->simd && n >= 16 ? byteset_find_simd(s, p, n) : byteset_find_bytes(s, p, n);
}

/* The first bit set at or after bit i of a bit set of n bits (bit i is
 * bit i % 64 of bits[i / 64]), or n. */
static inline size_t bits_next(const uint64_t *bits, size_t n, size_t i) {
    if (i >= n) return n;
    size_t k = i / 64;
    uint64_t m = bits[k] & (~0ULL << (i % 64));
    while (!m) {
        if (++k * 64 >= n) return n;
        m = bits[k];
    }
    size_t at = k * 64 + (size_t)__builtin_ctzll(m);
    return at < n ? at : n;
}

#endif
