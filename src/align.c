/* align.c - length-based alignment by dynamic programming (see align.h). */
#include "align.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* The pair types and Gale & Church's priors for them (1-0 and 0-1 share
 * 0.0099, 2-1 and 1-2 share 0.089). */
typedef struct pair_type {
    unsigned ds, dt;
    double prior;
} pair_type;

static const pair_type types[] = {
    {1, 1, 0.89}, {1, 0, 0.0099 / 2}, {0, 1, 0.0099 / 2},
    {2, 1, 0.089 / 2}, {1, 2, 0.089 / 2}, {2, 2, 0.011},
};

/* Characters of English per character of the source, and the spread.
 * Rough figures for news: Romance languages run some 10% longer than
 * English; one Chinese character carries about three English letters,
 * with a wider spread. */
typedef struct pair_default {
    const char *src, *tgt;
    double mean, var;
} pair_default;

static const pair_default pair_defaults[] = {
    {"es", "en", 0.90, 6.8}, {"fr", "en", 0.88, 6.8}, {"it", "en", 0.90, 6.8},
    {"pt", "en", 0.92, 6.8}, {"de", "en", 0.92, 6.8}, {"zh", "en", 3.2, 40.0},
    {"ja", "en", 2.5, 40.0},
};

enum { DEFAULT_BAND = 200 };

align_params align_defaults(const char *src_lang, const char *tgt_lang) {
    align_params p = {.mean = 1.0, .var = 6.8, .band = DEFAULT_BAND};
    for (size_t k = 0; k < COUNT(pair_defaults); k++)
        if (src_lang && tgt_lang && !strcmp(pair_defaults[k].src, src_lang) &&
            !strcmp(pair_defaults[k].tgt, tgt_lang)) {
            p.mean = pair_defaults[k].mean;
            p.var = pair_defaults[k].var;
        }
    return p;
}

/* -log of 2 * (1 - Phi(|z|)), the two-sided tail, without underflow. */
static double tail_cost(double z) {
    double x = fabs(z) / M_SQRT2;
    if (x < 25) return -log(erfc(x));
    return x * x + log(x * sqrt(M_PI)); /* asymptotic erfc */
}

static double length_z(const align_params *p, double ls, double lt) {
    double mean = (ls + lt / p->mean) / 2;
    return (p->mean * ls - lt) / sqrt(p->var * (mean > 1 ? mean : 1));
}

double align_length_z(const align_params *p, size_t src_len, size_t tgt_len) {
    return length_z(p, (double)src_len, (double)tgt_len);
}

static double pair_cost(const pair_type *t, double ls, double lt, const align_params *p) {
    double c = -log(t->prior);
    if (t->ds == 0 || t->dt == 0 || (ls == 0 && lt == 0)) return c;
    return c + tail_cost(length_z(p, ls, lt));
}

/* The band: row i covers columns [lo(i), hi(i)] around i * nt / ns. */
typedef struct band {
    size_t ns, nt, w;
} band;

static size_t band_lo(const band *b, size_t i) {
    size_t c = b->ns ? (size_t)((double)i * (double)b->nt / (double)b->ns) : 0;
    return c > b->w ? c - b->w : 0;
}

static size_t band_hi(const band *b, size_t i) {
    size_t c = b->ns ? (size_t)ceil((double)i * (double)b->nt / (double)b->ns) : b->nt;
    return c + b->w < b->nt ? c + b->w : b->nt;
}

void align_lengths(const size_t *src, size_t ns, const size_t *tgt, size_t nt,
                   const align_params *p, align_list *out) {
    align_params dp = align_defaults(NULL, NULL);
    if (!p) p = &dp;
    band b = {.ns = ns, .nt = nt, .w = p->band ? p->band : DEFAULT_BAND};
    /* wide enough for the steepest slope, so that a path always exists */
    size_t slope = ns ? nt / ns + 2 : 2;
    if (b.w < slope) b.w = slope;
    /* row offsets into the flat cost and choice arrays */
    size_t *off = xmalloc((ns + 2) * sizeof *off);
    off[0] = 0;
    for (size_t i = 0; i <= ns; i++) off[i + 1] = off[i] + (band_hi(&b, i) - band_lo(&b, i) + 1);
    double *cost = xmalloc(off[ns + 1] * sizeof *cost);
    unsigned char *choice = xmalloc(off[ns + 1]);
    /* prefix sums make the length of any run of segments O(1) */
    double *cs = xmalloc((ns + 1) * sizeof *cs), *ct = xmalloc((nt + 1) * sizeof *ct);
    cs[0] = ct[0] = 0;
    for (size_t i = 0; i < ns; i++) cs[i + 1] = cs[i] + (double)src[i];
    for (size_t j = 0; j < nt; j++) ct[j + 1] = ct[j] + (double)tgt[j];

    for (size_t i = 0; i <= ns; i++) {
        size_t lo = band_lo(&b, i), hi = band_hi(&b, i);
        for (size_t j = lo; j <= hi; j++) {
            double best = i == 0 && j == 0 ? 0 : (double)INFINITY;
            unsigned char how = UINT8_MAX;
            for (unsigned k = 0; k < COUNT(types); k++) {
                const pair_type *t = &types[k];
                if (t->ds > i || t->dt > j) continue;
                size_t pi = i - t->ds, pj = j - t->dt;
                if (pj < band_lo(&b, pi) || pj > band_hi(&b, pi)) continue;
                double prev = cost[off[pi] + (pj - band_lo(&b, pi))];
                if (isinf(prev)) continue;
                double c = prev + pair_cost(t, cs[i] - cs[pi], ct[j] - ct[pj], p);
                if (c < best) {
                    best = c;
                    how = (unsigned char)k;
                }
            }
            cost[off[i] + (j - lo)] = best;
            choice[off[i] + (j - lo)] = how;
        }
    }
    /* walk back from (ns, nt), then reverse into out */
    size_t first = out->n, i = ns, j = nt;
    while (i > 0 || j > 0) {
        size_t at = off[i] + (j - band_lo(&b, i));
        const pair_type *t = &types[choice[at]];
        size_t pi = i - t->ds, pj = j - t->dt;
        double prev = cost[off[pi] + (pj - band_lo(&b, pi))];
        align_pair pr = {.src = pi, .nsrc = t->ds, .tgt = pj, .ntgt = t->dt,
                         .cost = cost[at] - prev};
        VEC_PUSH(*out, pr);
        i = pi;
        j = pj;
    }
    for (size_t a = first, z = out->n; a + 1 < z; a++, z--) {
        align_pair tmp = out->v[a];
        out->v[a] = out->v[z - 1];
        out->v[z - 1] = tmp;
    }
    free(off);
    free(cost);
    free(choice);
    free(cs);
    free(ct);
}

/* Paragraph lengths and the index of each paragraph's first sentence
 * (first[npara] == nsent). */
static void paragraphs(const align_doc *d, size_t *len, size_t *first) {
    size_t k = 0;
    for (size_t i = 0; i < d->npara; i++) {
        first[i] = k;
        len[i] = 0;
        for (size_t j = 0; j < d->para_nsent[i] && k < d->nsent; j++) len[i] += d->sent_len[k++];
    }
    first[d->npara] = k;
}

void align_nested(const align_doc *src, const align_doc *tgt, const align_params *p,
                  align_list *paras, align_list *sents) {
    size_t *slen = xmalloc((src->npara + 1) * sizeof *slen);
    size_t *sfirst = xmalloc((src->npara + 1) * sizeof *sfirst);
    size_t *tlen = xmalloc((tgt->npara + 1) * sizeof *tlen);
    size_t *tfirst = xmalloc((tgt->npara + 1) * sizeof *tfirst);
    paragraphs(src, slen, sfirst);
    paragraphs(tgt, tlen, tfirst);
    size_t from = paras->n;
    align_lengths(slen, src->npara, tlen, tgt->npara, p, paras);
    align_list sub = {0};
    for (size_t k = from; k < paras->n; k++) {
        const align_pair *pp = &paras->v[k];
        size_t s0 = sfirst[pp->src], s1 = sfirst[pp->src + pp->nsrc];
        size_t t0 = tfirst[pp->tgt], t1 = tfirst[pp->tgt + pp->ntgt];
        sub.n = 0;
        align_lengths(src->sent_len + s0, s1 - s0, tgt->sent_len + t0, t1 - t0, p, &sub);
        for (size_t j = 0; j < sub.n; j++) {
            align_pair q = sub.v[j];
            q.src += s0;
            q.tgt += t0;
            VEC_PUSH(*sents, q);
        }
    }
    VEC_FREE(sub);
    free(slen);
    free(sfirst);
    free(tlen);
    free(tfirst);
}

int align_lines(size_t ns, size_t nt, align_list *out, char *err, size_t errlen) {
    if (ns != nt) {
        snprintf(err, errlen, "line counts differ: the source has %zu lines, the translation %zu",
                 ns, nt);
        return -1;
    }
    for (size_t i = 0; i < ns; i++) {
        align_pair pr = {.src = i, .nsrc = 1, .tgt = i, .ntgt = 1};
        VEC_PUSH(*out, pr);
    }
    return 0;
}

const char *align_pair_type(const align_pair *p, char out[8]) {
    snprintf(out, 8, "%zu-%zu", p->nsrc % 10, p->ntgt % 10);
    return out;
}
