/* check_layout_impl.h - the index behind Layout.Repetition, apart so the
 * unit tests can hold its cheap marks to the exact searches: lay_index
 * hashes a document's words and marks where a loop may start and which
 * sentences may hold a phrase four times; lay_loop_at is the exact loop
 * test. Private to check_layout.c and its tests. */
#ifndef MTL_CHECK_LAYOUT_IMPL_H
#define MTL_CHECK_LAYOUT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Phrases up to this many words are looked for as loops. */
#define MAX_LOOP_WORDS 12
/* A phrase scattered over one sentence counts from this many times: three
 * is the rhetorical triplet ("we will fight for X, we will fight for Y,
 * we will fight for Z"), not a loop. */
#define MIN_SCATTERED 4

/* Slots of lay_index's table of trigrams. */
enum { LAY_SLOTS = 1024 };

typedef struct lay_scan {
    struct { uint64_t *v; size_t n, cap; } hash;  /* per word: hash_folded */
    struct { uint64_t *v; size_t n, cap; } tri;   /* per word: a hash of it and the next two */
    struct { uint32_t *v; size_t n, cap; } prev;  /* per word: the place before with tri's slot */
    struct { uint64_t *v; size_t n, cap; } loops; /* bit per word: a loop may start there */
    struct { bool *v; size_t n, cap; } busy;      /* per sentence: may hold 3 words 4 times */
    /* Per slot: the last place, as base + 1 + the word's index, modulo
     * 2^32 (4 KB, which stays in the cache). base grows by each
     * document's words, so what an earlier one left is below it (until
     * the count wraps, after 4 G words: then an old place may be walked
     * as one of this document, a look at a word of it that costs no
     * more). */
    uint32_t last[LAY_SLOTS];
    size_t base;
} lay_scan;

/* Fills s for document d (its view). A word without its bit in
 * s->loops starts no loop (lay_loop_at is 0); a sentence that is not
 * busy has no three words MIN_SCATTERED times. */
void lay_index(lay_scan *s, const doc *d);
void lay_scan_free(lay_scan *s);

/* A loop starting at word i: how many times its phrase is said, and in
 * *n its length in words; 0 for none. */
size_t lay_loop_at(const lay_scan *s, const doc *d, size_t i, size_t *n);

#endif
