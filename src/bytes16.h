/* bytes16.h - sixteen bytes tested at once, for the scans that pass over
 * prose looking for a rare byte (a bracket, a space before a mark).
 * GCC's and Clang's vector extension: SSE2 on x86-64, NEON on ARM, plain
 * code on a target without vectors. Comparisons give 0xFF per byte where
 * true, 0 where false. */
#ifndef MTL_BYTES16_H
#define MTL_BYTES16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* p[0..16), at any alignment. */
static inline bytes16 bytes16_load(const char *p) {
    bytes16 x;
    memcpy(&x, p, 16);
    return x;
}

/* Whether any byte of a comparison's result is true. */
static inline bool bytes16_any(bytes16 m) {
    uint64_t h[2];
    memcpy(h, &m, 16);
    return (h[0] | h[1]) != 0;
}

/* The index of the first true byte of a comparison's result, 16 when
 * none is. */
static inline size_t bytes16_first(bytes16 m) {
    uint64_t h[2];
    memcpy(h, &m, 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    if (h[0]) return (size_t)__builtin_clzll(h[0]) / 8;
    if (h[1]) return 8 + (size_t)__builtin_clzll(h[1]) / 8;
#else
    if (h[0]) return (size_t)__builtin_ctzll(h[0]) / 8;
    if (h[1]) return 8 + (size_t)__builtin_ctzll(h[1]) / 8;
#endif
    return 16;
}

#endif
