/* finding.c - the per-document list of findings. */
#include "finding.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void finding_add_msg(findings *fl, size_t rule, size_t start, size_t end,
                     const char *const *sugg, char *message) {
    if (!reg_enabled(fl->reg, rule)) {
        free(message);
        return;
    }
    const mtl_rule_info *ri = reg_get(fl->reg, rule);
    finding f = {.rule = rule, .severity = ri->level, .category = ri->category,
                 .start = start, .end = end < start ? start : end, .message = message};
    if (sugg) {
        while (sugg[f.nsugg]) f.nsugg++;
        if (f.nsugg) {
            f.sugg = xmalloc(f.nsugg * sizeof(char *));
            for (size_t i = 0; i < f.nsugg; i++) f.sugg[i] = xstrdup(sugg[i]);
        }
    }
    VEC_PUSH(*fl, f);
}

void finding_add(findings *fl, size_t rule, size_t start, size_t end, const char *const *sugg,
                 const char *fmt, ...) {
    if (!reg_enabled(fl->reg, rule)) return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    finding_add_msg(fl, rule, start, end, sugg, msg);
}

static int cmp_size(size_t a, size_t b) { return (a > b) - (a < b); }

static int finding_cmp(const void *pa, const void *pb) {
    const finding *a = pa, *b = pb;
    int c = cmp_size(a->start, b->start);
    if (!c) c = cmp_size(a->end, b->end);
    if (!c) c = cmp_size(a->rule, b->rule);
    if (!c) c = strcmp(a->message, b->message);
    return c;
}

static void finding_release(finding *f) {
    free(f->message);
    for (size_t i = 0; i < f->nsugg; i++) free(f->sugg[i]);
    free(f->sugg);
}

void finding_filter(findings *fl, bool (*keep)(const finding *f, void *ctx), void *ctx) {
    size_t w = 0;
    for (size_t i = 0; i < fl->n; i++) {
        if (keep(&fl->v[i], ctx)) fl->v[w++] = fl->v[i];
        else finding_release(&fl->v[i]);
    }
    fl->n = w;
}

void finding_sort(findings *fl) {
    if (fl->n < 2) return;
    qsort(fl->v, fl->n, sizeof(finding), finding_cmp);
    size_t w = 1;
    for (size_t i = 1; i < fl->n; i++) {
        if (finding_cmp(&fl->v[w - 1], &fl->v[i]) == 0) {
            finding_release(&fl->v[i]);
        } else {
            fl->v[w++] = fl->v[i];
        }
    }
    fl->n = w;
}

void finding_truncate(findings *fl, size_t n) {
    for (size_t i = n; i < fl->n; i++) finding_release(&fl->v[i]);
    if (n < fl->n) fl->n = n;
}

void finding_clear(findings *fl) { finding_truncate(fl, 0); }

void finding_free(findings *fl) {
    finding_clear(fl);
    VEC_FREE(*fl);
}
