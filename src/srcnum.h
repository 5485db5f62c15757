/* srcnum.h - the number normaliser behind Source.Number: finds the numbers
 * of a UTF-8 segment written in a given language and turns each into a
 * value that can be compared across languages.
 *
 *   es "1.500 millones" -> 1.5e9      en "1.5 billion"   -> 1.5e9
 *   es "3,5 %"          -> 3.5 (%)    en "3.5 percent"   -> 3.5 (%)
 *   zh "3.5万"          -> 35000      en "35,000"        -> 35000
 *   fr "1er"            -> 1 (ordinal) en "first"        -> 1 (ordinal)
 *
 * A separator between digits is read with the language's convention, and
 * an ambiguous one by the group-of-three rule: the language's grouping
 * mark followed by exactly three digits groups thousands (es "1.500" =
 * 1500), anything else is a decimal point (es "1.5" = 1.5, es "3,500" =
 * 3.5, en "1.500" = 1.5). Scale words, percent words, ordinal suffixes and
 * month names are tables per language in srcnum.c.
 *
 * Numbers glued to a preceding Latin letter (G20, MH370) are names, not
 * quantities, and are skipped on both sides (currency codes excepted:
 * RMB5,000). Words for numbers are read standalone only in English (one to
 * ninety-nine, dozen, the sixties, first to hundredth); in the other
 * languages a number word counts only before a scale word ("dos
 * millones"), because "los dos" and "un" are as often "both" and "a".
 *
 * Some numbers have a second reading that also counts as a match: 2 p.m.
 * (14), the 1960s (60, for es "los años 60"), the 4 of "4 to 6 million"
 * (4 million), English "24, 150" (24,150). */
#ifndef MTL_SRCNUM_H
#define MTL_SRCNUM_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

typedef enum {
    SRCNUM_PLAIN,
    SRCNUM_PERCENT,
    SRCNUM_YEAR,    /* 1000..2100 written without separators, or before 年 */
    SRCNUM_ORDINAL, /* 1st, 1.º, 1er, 2e, 第3, first */
    SRCNUM_DAY,     /* the day of a date: 5 de marzo, March 5, 5日 */
    SRCNUM_MONTH    /* zh 3月; en month names give their number */
} srcnum_kind;

typedef struct srcnum {
    double value;      /* normalised value, scale words applied */
    double unit;       /* value of one unit of the last digit written
                          (1.5 billion -> 1e8): the rounding a translator
                          may have applied */
    srcnum_kind kind;
    bool words;        /* written (partly) in words */
    bool has_alt;      /* a second reading: 2 p.m. is also 14; the 4 of "4
                          to 6 million" is also 4 million */
    double alt;
    double scale;      /* product of its scale words (1.5 billion: 1e9) */
    size_t start, end; /* byte span in the segment */
} srcnum;

typedef struct srcnum_list {
    srcnum *v;
    size_t n, cap;
} srcnum_list;

#define SRCNUM_NONE ((size_t)-1)

/* Appends the numbers of s[0..n) in language lang (ISO 639-1: en es fr de
 * it pt zh; anything else is read with English separators and no words)
 * to out, in text order. */
void srcnum_find(const char *lang, const char *s, size_t n, srcnum_list *out);

/* Whether tgt carries src: equal values, allowing the rounding of tgt's
 * last written digit (es "3,45 millones" ~ en "3.5 million", but es "3
 * millones" is not en "3.4 million"). A month matches only a month. */
bool srcnum_same(const srcnum *src, const srcnum *tgt);

/* For each source number i, match[i] is the index of a target number that
 * carries it, or SRCNUM_NONE. Returns how many are missing. */
size_t srcnum_compare(const srcnum_list *src, const srcnum_list *tgt, size_t *match);

/* The target number most likely written in place of missing source number
 * i: among those that carry no source number, the nearest in magnitude of
 * a compatible kind. SRCNUM_NONE when there is none. */
size_t srcnum_nearest(const srcnum_list *src, const srcnum_list *tgt, size_t i);

/* The value in English news style: "1.5 billion", "1,500", "3.5%", "1st". */
void srcnum_english(const srcnum *sn, buf *out);

/* "source has 1.500 millones (1.5 billion); the translation says 150
 * million". src and tgt are the segments the spans point into; said may
 * be NULL ("the translation has no such number"). The English rendering
 * is left out when the source already reads that way. Caller frees. */
char *srcnum_message(const char *src, const srcnum *sn, const char *tgt, const srcnum *said);

const char *srcnum_kind_name(srcnum_kind k);

#endif
