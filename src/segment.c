/* segment.c - ICU sentence and word boundaries over each prose block.
 *
 * The break iterators run on a UTF-8 UText of the view, so every boundary
 * is a byte offset; no UTF-16 copy is made. The sentence iterator uses
 * CLDR's English suppressions ("en@ss=standard") so that "Mr." or "U.S."
 * do not end a sentence. */
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "util.h"

struct segmenter {
    UBreakIterator *sent;
    UBreakIterator *word;
    UText ut;
};

segmenter *seg_open(char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    segmenter *sg = xcalloc(1, sizeof *sg);
    sg->ut = (UText)UTEXT_INITIALIZER;
    sg->sent = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &st);
    if (U_SUCCESS(st)) sg->word = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        snprintf(errbuf, errlen, "ICU break iterator: %s", u_errorName(st));
        seg_close(sg);
        return NULL;
    }
    return sg;
}

void seg_close(segmenter *sg) {
    if (!sg) return;
    if (sg->sent) ubrk_close(sg->sent);
    if (sg->word) ubrk_close(sg->word);
    utext_close(&sg->ut);
    free(sg);
}

static bool is_space_or_mask(unsigned char c) { return ascii_isspace(c) || c == (unsigned char)DOC_MASK; }

/* Unicode spaces that ICU keeps inside a sentence's trailing part. */
static size_t trim_end(const char *v, size_t s, size_t e) {
    for (;;) {
        if (e > s && is_space_or_mask((unsigned char)v[e - 1])) {
            e--;
        } else if (e >= s + 2 && (unsigned char)v[e - 2] == 0xC2 && (unsigned char)v[e - 1] == 0xA0) {
            e -= 2; /* NO-BREAK SPACE */
        } else {
            return e;
        }
    }
}

bool seg_run(segmenter *sg, doc *d, char *errbuf, size_t errlen) {
    const char *v = d->view;
    d->sentences.n = 0;
    d->words.n = 0;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        doc_block *b = &d->blocks.v[bi];
        UErrorCode st = U_ZERO_ERROR;
        utext_openUTF8(&sg->ut, v + b->start, (int64_t)(b->end - b->start), &st);
        ubrk_setUText(sg->sent, &sg->ut, &st);
        ubrk_setUText(sg->word, &sg->ut, &st);
        if (U_FAILURE(st)) {
            snprintf(errbuf, errlen, "ICU segmentation: %s", u_errorName(st));
            return false;
        }
        b->first_sentence = d->sentences.n;
        int32_t prev = ubrk_first(sg->sent);
        for (int32_t next = ubrk_next(sg->sent); next != UBRK_DONE; prev = next, next = ubrk_next(sg->sent)) {
            size_t s = b->start + (size_t)prev, e = b->start + (size_t)next;
            while (s < e && is_space_or_mask((unsigned char)v[s])) s++;
            e = trim_end(v, s, e);
            if (s >= e) continue;
            doc_sentence sn = {.start = s, .end = e, .block = bi, .first_word = d->words.n};
            VEC_PUSH(d->sentences, sn);
        }
        b->nsentences = d->sentences.n - b->first_sentence;
        if (b->nsentences == 0) continue; /* nothing but masked text */

        /* Words, attributed to sentences by a merge walk: both are sorted. */
        size_t si = b->first_sentence;
        prev = ubrk_first(sg->word);
        for (int32_t next = ubrk_next(sg->word); next != UBRK_DONE; prev = next, next = ubrk_next(sg->word)) {
            int status = ubrk_getRuleStatus(sg->word);
            if (status < UBRK_WORD_NONE_LIMIT) continue;
            size_t s = b->start + (size_t)prev, e = b->start + (size_t)next;
            while (si + 1 < d->sentences.n && d->sentences.v[si].end <= s) si++;
            doc_word w = {.start = s, .end = e, .status = status, .sentence = si};
            VEC_PUSH(d->words, w);
        }
    }
    /* word ranges of each sentence */
    for (size_t wi = 0; wi < d->words.n; wi++) {
        doc_sentence *sn = &d->sentences.v[d->words.v[wi].sentence];
        if (sn->nwords == 0) sn->first_word = wi;
        sn->nwords++;
    }
    return true;
}
