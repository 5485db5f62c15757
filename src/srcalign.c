/* srcalign.c - which units are aligned, and the pairs they make. */
#include "srcalign.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"

typedef struct unit {
    size_t start, end;
} unit;

typedef struct units {
    unit *v;
    size_t n, cap;
} units;

/* Every line of the text, without its line break; a final line break
 * does not start another line. */
static void line_units(const doc *d, units *u) {
    size_t i = 0;
    while (i < d->len) {
        const char *nl = memchr(d->text + i, '\n', d->len - i);
        size_t e = nl ? (size_t)(nl - d->text) : d->len;
        size_t te = e > i && d->text[e - 1] == '\r' ? e - 1 : e;
        VEC_PUSH(*u, ((unit){i, te}));
        i = e + 1;
    }
}

static bool blank(const doc *d, const unit *x) {
    for (size_t i = x->start; i < x->end; i++)
        if (!ascii_isspace((unsigned char)d->text[i])) return false;
    return true;
}

static bool any_blank(const doc *d, const units *u) {
    for (size_t i = 0; i < u->n; i++)
        if (blank(d, &u->v[i])) return true;
    return false;
}

static void block_units(const doc *d, units *u) {
    for (size_t i = 0; i < d->blocks.n; i++) VEC_PUSH(*u, ((unit){d->blocks.v[i].start, d->blocks.v[i].end}));
}

/* The sentences that start inside [s, e). */
static void sentence_units(const doc *d, size_t s, size_t e, units *u) {
    for (size_t i = 0; i < d->sentences.n; i++) {
        const doc_sentence *sn = &d->sentences.v[i];
        if (sn->start >= s && sn->start < e) VEC_PUSH(*u, ((unit){sn->start, sn->end < e ? sn->end : e}));
    }
}

/* Length in code points, the aligner's measure. */
static size_t *lengths(const doc *d, const units *u) {
    size_t *len = xcalloc(u->n ? u->n : 1, sizeof *len);
    for (size_t i = 0; i < u->n; i++) len[i] = u8_starts(d->text + u->v[i].start, u->v[i].end - u->v[i].start);
    return len;
}

/* The span of units [i, i + n), or an empty one where unit i would start. */
static void span_of(const units *u, size_t i, size_t n, size_t len, size_t *s, size_t *e) {
    if (n) {
        *s = u->v[i].start;
        *e = u->v[i + n - 1].end;
    } else {
        *s = *e = i < u->n ? u->v[i].start : u->n ? u->v[u->n - 1].end : len;
    }
}

static void add_pairs(const align_list *al, const units *su, const units *tu, const doc *src, const doc *tgt,
                      size_t block, doc_pairs *out) {
    for (size_t k = 0; k < al->n; k++) {
        const align_pair *a = &al->v[k];
        doc_pair p = {.nsrc = (unsigned)a->nsrc, .ntgt = (unsigned)a->ntgt, .block = block, .cost = a->cost};
        span_of(su, a->src, a->nsrc, src->len, &p.src_start, &p.src_end);
        span_of(tu, a->tgt, a->ntgt, tgt->len, &p.tgt_start, &p.tgt_end);
        VEC_PUSH(*out, p);
    }
}

static void align_units(const doc *src, const units *su, const doc *tgt, const units *tu, const align_params *ap,
                        align_list *al) {
    size_t *sl = lengths(src, su), *tl = lengths(tgt, tu);
    al->n = 0;
    align_lengths(sl, su->n, tl, tu->n, ap, al);
    free(sl);
    free(tl);
}

bool srcalign_run(doc *tgt, const doc *src, const char *src_lang, mtl_align_mode mode, char *err, size_t errlen) {
    tgt->source = src;
    tgt->source_lang = src_lang;
    tgt->block_pairs.n = tgt->sent_pairs.n = 0;
    units su = {0}, tu = {0};
    align_list al = {0};
    bool ok = true;
    line_units(src, &su);
    line_units(tgt, &tu);
    if (mode == MTL_ALIGN_AUTO)
        mode = su.n == tu.n && !any_blank(src, &su) && !any_blank(tgt, &tu) ? MTL_ALIGN_LINES : MTL_ALIGN_PARAGRAPHS;
    align_params ap = align_defaults(src_lang ? src_lang : "", "en");
    if (mode == MTL_ALIGN_LINES) {
        ok = align_lines(su.n, tu.n, &al, err, errlen) == 0;
    } else {
        su.n = tu.n = 0;
        block_units(src, &su);
        block_units(tgt, &tu);
        align_units(src, &su, tgt, &tu, &ap, &al);
    }
    if (ok) add_pairs(&al, &su, &tu, src, tgt, 0, &tgt->block_pairs);
    /* sentences inside each pair of blocks that has both sides */
    for (size_t b = 0; ok && b < tgt->block_pairs.n; b++) {
        doc_pair bp = tgt->block_pairs.v[b];
        if (!bp.nsrc || !bp.ntgt) continue;
        units ss = {0}, ts = {0};
        sentence_units(src, bp.src_start, bp.src_end, &ss);
        sentence_units(tgt, bp.tgt_start, bp.tgt_end, &ts);
        if (ss.n && ts.n) {
            align_units(src, &ss, tgt, &ts, &ap, &al);
            add_pairs(&al, &ss, &ts, src, tgt, b, &tgt->sent_pairs);
        }
        VEC_FREE(ss);
        VEC_FREE(ts);
    }
    VEC_FREE(su);
    VEC_FREE(tu);
    VEC_FREE(al);
    return ok;
}

static size_t line_of(const doc *d, size_t off) {
    size_t line = 1;
    for (const char *p = d->text; (p = memchr(p, '\n', (size_t)(d->text + off - p))) != NULL; p++) line++;
    return line;
}

/* Text on one line: tabs and line breaks become spaces. */
static void put_flat(buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) buf_putc(out, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

static void show_pair(const doc *tgt, const doc_pair *p, bool sentence, buf *out) {
    const doc *src = tgt->source;
    char type[8];
    align_pair ap = {.nsrc = p->nsrc, .ntgt = p->ntgt};
    if (p->nsrc) buf_printf(out, "%zu", line_of(src, p->src_start));
    else buf_putc(out, '-');
    buf_putc(out, '\t');
    if (p->ntgt) buf_printf(out, "%zu", line_of(tgt, p->tgt_start));
    else buf_putc(out, '-');
    buf_printf(out, "\t%s%s\t", sentence ? "  " : "", align_pair_type(&ap, type));
    put_flat(out, src->text + p->src_start, p->src_end - p->src_start);
    buf_putc(out, '\t');
    put_flat(out, tgt->text + p->tgt_start, p->tgt_end - p->tgt_start);
    buf_putc(out, '\n');
}

void srcalign_show(const doc *tgt, buf *out) {
    size_t si = 0;
    for (size_t b = 0; b < tgt->block_pairs.n; b++) {
        show_pair(tgt, &tgt->block_pairs.v[b], false, out);
        size_t first = si;
        while (si < tgt->sent_pairs.n && tgt->sent_pairs.v[si].block == b) si++;
        /* one sentence on each side says nothing the block did not */
        if (si - first > 1)
            for (size_t k = first; k < si; k++) show_pair(tgt, &tgt->sent_pairs.v[k], true, out);
    }
}
