/* segment.h - sentences and words with ICU break iterators over each
 * prose block of the view. The iterators are opened once per engine. */
#ifndef MTL_SEGMENT_H
#define MTL_SEGMENT_H

#include <stdbool.h>

#include "doc.h"

typedef struct segmenter segmenter;

/* NULL on ICU failure, with the ICU error name in errbuf. */
segmenter *seg_open(char *errbuf, size_t errlen);
/* The same in another locale ("es", "zh"): a source document's sentences
 * break by its own language's rules and abbreviations. */
segmenter *seg_open_locale(const char *locale, char *errbuf, size_t errlen);
void seg_close(segmenter *sg);
/* A segmenter like sg for another thread (an ICU break iterator is not
 * shared between threads; cloning costs less than opening one). NULL on
 * failure, with the message in errbuf. */
segmenter *seg_clone(const segmenter *sg, char *errbuf, size_t errlen);
/* Whether seg_run finds words too (the default) or sentences only: a
 * source document whose words no check reads skips the costly dictionary
 * word break of Chinese or Japanese. */
void seg_set_words(segmenter *sg, bool on);
/* Whether every block goes through ICU's iterators, without the ASCII
 * scanners (off by default): the tests compare the two. */
void seg_set_icu_only(segmenter *sg, bool on);

/* Fills d->sentences, d->words and each block's sentence range. */
bool seg_run(segmenter *sg, doc *d, char *errbuf, size_t errlen);

#endif
