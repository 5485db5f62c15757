/* check_repeat_impl.h - the two steps of MT.RepeatedPhrase, apart so the
 * unit tests can hold the cheap one to the exact one: rep_index reads a
 * block's words and marks where a repeat may start; rep_match_at tells
 * whether one does. Private to check_repeat.c and its tests. */
#ifndef MTL_CHECK_REPEAT_IMPL_H
#define MTL_CHECK_REPEAT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* A word of a block, as offsets into the view. */
typedef struct rep_word {
    size_t start, end;
    uint64_t hash; /* hash_folded of its bytes: most pairs differ here */
} rep_word;

/* Slots of rep_index's table of trigrams. */
enum { REP_SLOTS = 4096 };

/* A block's words and where a repeat may start: scratch reused across
 * blocks and documents. */
typedef struct rep_scan {
    struct { rep_word *v; size_t n, cap; } words;
    struct { uint64_t *v; size_t n, cap; } tri;  /* per word: a hash of it and the next two */
    struct { uint64_t *v; size_t n, cap; } cand; /* bit per word: a shape may start there */
    /* Per slot: the last place, as base + the doc's word index, modulo
     * 2^16 (8 KB, which stays in the cache from block to block). base
     * grows by each document's words, so that what an earlier document
     * left seldom looks recent; when it does, it costs one look. */
    uint16_t last[REP_SLOTS];
    size_t base;
} rep_scan;

void rep_scan_free(rep_scan *s);

/* Fills s->words and s->cand from the doc words dw[0..nw) (a block's,
 * the first of them word `first` of the doc) read in view v. A document's
 * blocks are given in the order of their words, and then rep_scan_next.
 * A word without its bit in s->cand starts no shape: rep_match_at is 0
 * there. */
void rep_index(rep_scan *s, const char *v, const doc_word *dw, size_t first, size_t nw);

/* After the blocks of a document of nw words. */
void rep_scan_next(rep_scan *s, size_t nw);

/* The first shape found at word i, as the index one past the last word
 * of the second copy; 0 for none. */
size_t rep_match_at(const char *v, const rep_word *w, size_t nw, size_t i);

#endif
