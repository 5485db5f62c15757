/* pinyin.h - the toneless pinyin of a Han character, from a table that
 * the build writes with ICU's Han-Latin transliterator
 * (tools/mtlint-pinyin.c): Source.Consistency reads the names of a
 * Chinese source with it (李学柱: li xue zhu). */
#ifndef MTL_PINYIN_H
#define MTL_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* "xue" for 学; NULL for a code point without a reading. */
const char *pinyin_of(int32_t cp);

#endif
