/* segment.h - sentences and words of each prose block of the view, by
 * Unicode's rules (UAX #29) as ICU's break iterators find them: scanners
 * of the same rules for most blocks, ICU's iterators (opened on the first
 * block that needs one) for the others. */
#ifndef MTL_SEGMENT_H
#define MTL_SEGMENT_H

#include <stdbool.h>

#include "doc.h"

typedef struct segmenter segmenter;

/* NULL on failure, with the message in errbuf; a failure to open ICU's
 * iterators shows at the first seg_run that needs them. */
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
/* Whether every block goes through ICU's iterators, without the
 * scanners (off by default): the tests compare the two. */
void seg_set_icu_only(segmenter *sg, bool on);

/* Fills d->sentences, d->words and each block's sentence range. */
bool seg_run(segmenter *sg, doc *d, char *errbuf, size_t errlen);

#endif
