/* Differential libFuzzer harness for the word and sentence scanners of
 * segment.c (ASCII, curly quotes, dashes, Latin letters...): each input is segmented twice, by the usual segmenter
 * (scanners where a block allows them) and by one set to ICU's iterators
 * alone (seg_set_icu_only), and any difference in blocks' sentence
 * ranges, sentences or words aborts. The scanners are claimed to give
 * exactly ICU's answer, so the slower path is the oracle.
 *
 * The first byte chooses how the rest becomes blocks: bit 0 clear, the
 * whole rest is one block as it is (the shape the scanners see most,
 * with NUL bytes, which a document never holds, read as spaces); bit 0
 * set, the rest is read as a document is (source decoding, then the
 * markup chosen by bits 1-2: text, Markdown, HTML, lines), so that masks
 * and block edges are those of real input. Bits 3-4 choose the locale
 * (English, Spanish, French, German: each has its own sentence-break
 * exceptions). Build and run: make fuzz. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "markup.h"
#include "segment.h"
#include "source.h"
#include "util.h"

static void doc_free(doc *d) {
    free(d->blocks.v);
    free(d->sentences.v);
    free(d->words.v);
    free(d->quotes.v);
    free(d->suppress.v);
    free(d->atoms.v);
    free(d->alts.v);
    memset(d, 0, sizeof *d);
}

/* Fills d's blocks from text[0, n) as `how` says; returns the view to
 * free (NULL: none was made). */
static char *make_blocks(doc *d, unsigned how, const char *text, size_t n) {
    d->name = "fuzz";
    d->text = text;
    d->len = n;
    d->headline = -1;
    if (!(how & 1)) {
        doc_block b = {.start = 0, .end = n, .kind = BLOCK_PARAGRAPH};
        d->view = text;
        VEC_PUSH(d->blocks, b);
        return NULL;
    }
    static const mtl_markup kinds[] = {MTL_MARKUP_TEXT, MTL_MARKUP_MARKDOWN, MTL_MARKUP_HTML, MTL_MARKUP_LINES};
    d->markup = kinds[(how >> 1) & 3];
    char *view = markup_parse(d, d->markup);
    d->view = view;
    return view;
}

static void same_or_abort(const doc *a, const doc *b) {
    if (a->blocks.n != b->blocks.n || a->sentences.n != b->sentences.n || a->words.n != b->words.n) abort();
    for (size_t i = 0; i < a->blocks.n; i++)
        if (a->blocks.v[i].first_sentence != b->blocks.v[i].first_sentence ||
            a->blocks.v[i].nsentences != b->blocks.v[i].nsentences)
            abort();
    for (size_t i = 0; i < a->sentences.n; i++) {
        const doc_sentence *x = &a->sentences.v[i], *y = &b->sentences.v[i];
        if (x->start != y->start || x->end != y->end || x->block != y->block || x->first_word != y->first_word ||
            x->nwords != y->nwords)
            abort();
    }
    for (size_t i = 0; i < a->words.n; i++) {
        const doc_word *x = &a->words.v[i], *y = &b->words.v[i];
        if (x->start != y->start || x->end != y->end || x->status != y->status || x->sentence != y->sentence)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const locales[] = {"en", "es", "fr", "de"};
    static segmenter *fasts[4], *icus[4];
    char err[256];
    if (!fasts[0]) {
        for (size_t i = 0; i < 4; i++) {
            fasts[i] = seg_open_locale(locales[i], err, sizeof err);
            icus[i] = seg_open_locale(locales[i], err, sizeof err);
            if (!fasts[i] || !icus[i]) abort();
            seg_set_icu_only(icus[i], true);
        }
    }
    if (size == 0) return 0;
    unsigned how = data[0];
    segmenter *fast = fasts[(how >> 3) & 3], *icu = icus[(how >> 3) & 3];
    const char *text;
    size_t n;
    source *src = NULL;
    char *raw = NULL;
    if (how & 1) {
        if (source_open_mem((const char *)data + 1, size - 1, &src, err, sizeof err) != SOURCE_OK) return 0;
        text = source_text(src, &n);
    } else {
        n = size - 1;
        raw = malloc(n + 1);
        for (size_t i = 0; i < n; i++) raw[i] = data[i + 1] ? (char)data[i + 1] : ' ';
        raw[n] = '\0';
        text = raw;
    }
    doc a = {0}, b = {0};
    char *va = make_blocks(&a, how, text, n), *vb = make_blocks(&b, how, text, n);
    if (!seg_run(fast, &a, err, sizeof err) || !seg_run(icu, &b, err, sizeof err)) abort();
    same_or_abort(&a, &b);
    doc_free(&a);
    doc_free(&b);
    free(va);
    free(vb);
    free(raw);
    if (src) source_close(src);
    return 0;
}
