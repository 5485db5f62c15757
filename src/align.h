/* align.h - pairs source and target segments (paragraphs or sentences)
 * from their lengths alone, after Gale & Church, "A Program for Aligning
 * Sentences in Bilingual Corpora" (Computational Linguistics 19(1), 1993).
 *
 * A pair takes 0-2 source and 0-2 target segments (1-1, 1-0, 0-1, 2-1,
 * 1-2, 2-2). Its cost is -log of the prior of its type times the chance
 * that translation turned the source length into the target length, with
 * target length ~ Normal(mean * source, var * source) per character. One
 * deliberate change: a 1-0 or 0-1 pair pays its prior only. In the
 * published formula its length term grows with the length of the dropped
 * segment, so a dropped paragraph of ordinary length costs more than
 * merging it into a neighbour (2-1), which would hide exactly the
 * omissions Source.Omission looks for.
 *
 * Dynamic programming over a band of +-band segments around the diagonal
 * from (0,0) to (n,m): O((n+m) * band) time and memory, so 10k x 10k
 * sentences stay within a few tens of MB. */
#ifndef MTL_ALIGN_H
#define MTL_ALIGN_H

#include <stddef.h>

typedef struct align_params {
    double mean; /* target characters per source character */
    double var;  /* variance of that, per source character */
    size_t band; /* half-width of the search band in segments; 0: default */
} align_params;

typedef struct align_pair {
    size_t src, nsrc; /* source segments [src, src + nsrc) */
    size_t tgt, ntgt; /* target segments [tgt, tgt + ntgt) */
    double cost;      /* this pair's cost (-log probability) */
} align_pair;

typedef struct align_list {
    align_pair *v;
    size_t n, cap;
} align_list;

/* Defaults for a language pair (ISO 639-1), from a table in align.c;
 * Gale & Church's (1, 6.8) for pairs it does not list. */
align_params align_defaults(const char *src_lang, const char *tgt_lang);

/* Aligns ns source and nt target segments of the given lengths (in
 * characters), appending the pairs to out in order. Every segment is in
 * exactly one pair. p NULL: Gale & Church's defaults. */
void align_lengths(const size_t *src, size_t ns, const size_t *tgt, size_t nt,
                   const align_params *p, align_list *out);

/* One side of a document for two-level alignment: sentence lengths in
 * order, and how many sentences each paragraph has (summing to nsent). */
typedef struct align_doc {
    const size_t *sent_len;
    size_t nsent;
    const size_t *para_nsent;
    size_t npara;
} align_doc;

/* Paragraphs first (their lengths are the sums of their sentences), then
 * the sentences inside each paragraph pair, so that a dropped paragraph
 * does not shift the sentences after it and a dropped sentence is found
 * inside its paragraph. Appends paragraph pairs (paragraph indices) to
 * paras and sentence pairs (sentence indices over the whole document) to
 * sents; a paragraph without a counterpart gives its sentences 1-0 (or
 * 0-1) pairs. */
void align_nested(const align_doc *src, const align_doc *tgt, const align_params *p,
                  align_list *paras, align_list *sents);

/* One segment per line on both sides, paired 1-1. Different counts are an
 * error: returns -1 with a message naming both counts in err. */
int align_lines(size_t ns, size_t nt, align_list *out, char *err, size_t errlen);

/* How far a pair's target length is from what the source length leads
 * one to expect, in standard deviations: > 0 shorter (something left
 * out), < 0 longer (something added). Source.Omission/Addition flag a
 * 1-1 pair whose |z| is beyond a threshold. */
double align_length_z(const align_params *p, size_t src_len, size_t tgt_len);

/* "1-1", "2-1", "0-1"... for reports and --show-alignment. */
const char *align_pair_type(const align_pair *p, char out[8]);

#endif
