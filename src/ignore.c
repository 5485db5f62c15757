/* ignore.c - TokenIgnores and BlockIgnores (ignore.h). */
#include "ignore.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ignorer {
    struct { pcre2_code **v; size_t n, cap; } tok, blk;
    struct { char **v; size_t n, cap; } tok_src, blk_src; /* the patterns as written, for messages */
    pcre2_match_data *md;
    bool borrowed; /* the patterns are another ignorer's (ign_fork) */
};

/* The one compile of a pattern: NULL and the reason in err when it fails. */
static pcre2_code *compile_one(const char *pat, const char *key, char *err, size_t errlen) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errlen, "%s '%s': %s at offset %zu", key, pat, (const char *)msg, (size_t)off);
    }
    return c;
}

bool ign_pattern_ok(const char *pat, const char *key, char *err, size_t errlen) {
    pcre2_code *c = compile_one(pat, key, err, errlen);
    pcre2_code_free(c);
    return c != NULL;
}

static void compile_all(const char *const *pats, const char *key, void *vec, void *srcs, mtl_diags *diags) {
    struct { pcre2_code **v; size_t n, cap; } *out = vec;
    struct { char **v; size_t n, cap; } *src = srcs;
    for (; pats && *pats; pats++) {
        char err[512];
        pcre2_code *c = compile_one(*pats, key, err, sizeof err);
        if (!c) {
            mtl_diags_add(diags, "%s", err);
            continue;
        }
        pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* the interpreter serves if it cannot */
        VEC_PUSH(*out, c);
        char *copy = xstrdup(*pats);
        VEC_PUSH(*src, copy);
    }
}

ignorer *ign_open(const char *const *tokens, const char *const *blocks, mtl_diags *diags) {
    ignorer *ig = xcalloc(1, sizeof *ig);
    compile_all(tokens, "TokenIgnores", &ig->tok, &ig->tok_src, diags);
    compile_all(blocks, "BlockIgnores", &ig->blk, &ig->blk_src, diags);
    if (!ig->tok.n && !ig->blk.n) {
        ign_close(ig);
        return NULL;
    }
    ig->md = pcre2_match_data_create(1, NULL);
    if (!ig->md) abort(); /* out of memory, as xmalloc does */
    return ig;
}

ignorer *ign_fork(const ignorer *base) {
    if (!base) return NULL;
    ignorer *ig = xcalloc(1, sizeof *ig);
    ig->tok = base->tok;
    ig->blk = base->blk;
    ig->tok_src = base->tok_src;
    ig->blk_src = base->blk_src;
    ig->borrowed = true;
    ig->md = pcre2_match_data_create(1, NULL);
    if (!ig->md) abort(); /* out of memory, as xmalloc does */
    return ig;
}

void ign_close(ignorer *ig) {
    if (!ig) return;
    if (!ig->borrowed) {
        for (size_t i = 0; i < ig->tok.n; i++) pcre2_code_free(ig->tok.v[i]);
        for (size_t i = 0; i < ig->blk.n; i++) pcre2_code_free(ig->blk.v[i]);
        VEC_FREE(ig->tok);
        VEC_FREE(ig->blk);
        VEC_FREE_ALL(ig->tok_src);
        VEC_FREE_ALL(ig->blk_src);
    }
    pcre2_match_data_free(ig->md);
    free(ig);
}

static void mask(char *v, const char *t, size_t s, size_t e) {
    if (!v) return;
    for (size_t i = s; i < e; i++)
        if (t[i] != '\n' && t[i] != '\r') v[i] = DOC_MASK;
}

/* Each match of code over the text: masked; a block pattern also marks
 * the span in spans. Returns PCRE2's error when matching stopped short
 * (the match limit, on a pattern that backtracks without end), else 0. */
static int each_match(ignorer *ig, pcre2_code *code, doc *d, char *view, char *rview, char *vview, void *spans) {
    struct { doc_span *v; size_t n, cap; } *sp = spans;
    size_t at = 0;
    while (at <= d->len) {
        int rc = pcre2_match(code, (PCRE2_SPTR)d->text, d->len, at, 0, ig->md, NULL);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) return rc; /* 0: a match with more groups than the data holds; the whole match is set */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ig->md);
        size_t s = ov[0], e = ov[1];
        if (e > s) {
            mask(view, d->text, s, e);
            mask(rview, d->text, s, e);
            mask(vview, d->text, s, e);
            if (sp) {
                doc_span x = {s, e};
                VEC_PUSH(*sp, x);
            }
            at = e;
        } else {
            /* an empty match: on to the next character */
            at = s + 1;
            while (at < d->len && ((unsigned char)d->text[at] & 0xC0) == 0x80) at++;
        }
    }
    return 0;
}

static void gave_up(mtl_diags *warnings, const char *key, const char *pat, int rc) {
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(rc, msg, sizeof msg);
    mtl_diags_add(warnings, "%s '%s' gave up on this text (%s): what it would ignore further on is checked",
                  key, pat, (const char *)msg);
}

bool ign_apply(ignorer *ig, doc *d, char *view, char *rview, char *vview, mtl_diags *warnings) {
    if (!ig) return false;
    size_t had = d->blocks.n;
    struct { doc_span *v; size_t n, cap; } spans = {0};
    int rc;
    for (size_t i = 0; i < ig->tok.n; i++)
        if ((rc = each_match(ig, ig->tok.v[i], d, view, rview, vview, NULL)) != 0)
            gave_up(warnings, "TokenIgnores", ig->tok_src.v[i], rc);
    for (size_t i = 0; i < ig->blk.n; i++)
        if ((rc = each_match(ig, ig->blk.v[i], d, view, rview, vview, &spans)) != 0)
            gave_up(warnings, "BlockIgnores", ig->blk_src.v[i], rc);
    /* a prose block inside an ignored block is no block */
    size_t w = 0;
    long headline = -1;
    for (size_t b = 0; b < d->blocks.n; b++) {
        const doc_block *blk = &d->blocks.v[b];
        bool inside = false;
        for (size_t k = 0; k < spans.n && !inside; k++)
            inside = spans.v[k].start <= blk->start && blk->end <= spans.v[k].end;
        if (inside) continue;
        if ((long)b == d->headline) headline = (long)w;
        d->blocks.v[w++] = *blk;
    }
    d->blocks.n = w;
    d->headline = headline;
    VEC_FREE(spans);
    return had > 0 && w == 0;
}
