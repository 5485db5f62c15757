/* wkey.h - the hash and the comparison of the word tables looked up for
 * every token of a document (the spelling check's word cache, the rule
 * prefilter's keys, the consistency check's names):
 * loads of 8 (or 4) bytes from both ends of the word, which overlap in a
 * short word, instead of a loop over each byte and a call of memcmp.
 * They read only the word's own bytes (n >= 1): the text need not be
 * padded. Prefix wkey_. */
#ifndef MTL_WKEY_H
#define MTL_WKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t wkey_load64(const char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

static inline uint32_t wkey_load32(const char *p) {
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

/* For a given length the loads cover every byte of the word, so two
 * words of one length differ before the mixing. A table takes the low
 * bits, a tag the high half: the last steps mix both ways. */
static inline uint64_t wkey_hash(const char *w, size_t n) {
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)n * 0xC2B2AE3D27D4EB4FULL;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            h = (h ^ wkey_load64(w + i)) * k;
            h ^= h >> 29;
        }
        h = (h ^ wkey_load64(w + n - 8)) * k;
    } else if (n >= 4) {
        h = (h ^ ((uint64_t)wkey_load32(w) << 32 | wkey_load32(w + n - 4))) * k;
    } else {
        h = (h ^ ((uint64_t)(unsigned char)w[0] << 16 | (uint64_t)(unsigned char)w[n / 2] << 8 |
                  (unsigned char)w[n - 1])) *
            k;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    return h ^ (h >> 32);
}

/* Whether a[0..n) and b[0..n) are the same bytes. */
static inline bool wkey_equal(const char *a, const char *b, size_t n) {
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (wkey_load64(a + i) != wkey_load64(b + i)) return false;
        return wkey_load64(a + n - 8) == wkey_load64(b + n - 8);
    }
    if (n >= 4) return wkey_load32(a) == wkey_load32(b) && wkey_load32(a + n - 4) == wkey_load32(b + n - 4);
    return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

#endif
