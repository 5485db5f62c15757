/* testdoc.h - builds a segmented doc from a string for the suites that
 * test stages below the engine: td_open("text", MTL_MARKUP_TEXT). */
#ifndef MTL_TESTDOC_H
#define MTL_TESTDOC_H

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "markup.h"
#include "segment.h"
#include "source.h"
#include "testutil.h"

typedef struct testdoc {
    doc d;
    source *src;
    char *view;
    segmenter *sg;
} testdoc;

static inline testdoc *td_open(const char *text, mtl_markup kind) {
    testdoc *t = calloc(1, sizeof *t);
    char err[256];
    ck_assert_int_eq(source_open_mem(text, strlen(text), &t->src, err, sizeof err), SOURCE_OK);
    t->d.src = t->src;
    t->d.name = "test";
    t->d.text = source_text(t->src, &t->d.len);
    t->d.markup = kind;
    t->view = markup_parse(&t->d, kind);
    t->d.view = t->view;
    t->sg = seg_open(err, sizeof err);
    ck_assert_ptr_nonnull(t->sg);
    ck_assert(seg_run(t->sg, &t->d, err, sizeof err));
    return t;
}

static inline void td_close(testdoc *t) {
    free(t->d.blocks.v);
    free(t->d.sentences.v);
    free(t->d.words.v);
    free(t->d.quotes.v);
    free(t->d.suppress.v);
    free(t->d.atoms.v);
    free(t->d.alts.v);
    free(t->view);
    seg_close(t->sg);
    source_close(t->src);
    free(t);
}

/* The text of block i / sentence i / word i, in a static buffer. */
static inline const char *td_span(const testdoc *t, size_t s, size_t e) {
    static char b[4][1024];
    static int k;
    char *o = b[k++ % 4];
    size_t n = e - s < 1023 ? e - s : 1023;
    memcpy(o, t->d.text + s, n);
    o[n] = '\0';
    return o;
}
#define TD_BLOCK(t, i) td_span((t), (t)->d.blocks.v[i].start, (t)->d.blocks.v[i].end)
#define TD_SENT(t, i) td_span((t), (t)->d.sentences.v[i].start, (t)->d.sentences.v[i].end)
#define TD_WORD(t, i) td_span((t), (t)->d.words.v[i].start, (t)->d.words.v[i].end)

#endif
