/* testengine.h - runs text through a whole engine and collects findings:
 *   mtl_engine *e = te_open(NULL);   (built-in checks only, no spelling)
 *   te_run(e, "text.txt", "The the cat.");  then te_count("MT.DoubledWord") */
#ifndef MTL_TESTENGINE_H
#define MTL_TESTENGINE_H

#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "testutil.h"

typedef struct te_hit {
    char rule[64];
    char match[256];
    char sugg[128];
    mtl_severity severity;
    size_t offset, length, line, column;
} te_hit;

static te_hit te_hits[256];
static size_t te_n;

static inline mtl_engine *te_open(const mtl_config *cfg) {
    mtl_config def = {.no_spell = true, .no_default_rules = true};
    mtl_diags d = {0};
    mtl_engine *e = mtl_engine_open(cfg ? cfg : &def, &d);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "engine: %s\n", d.msg[i]);
    ck_assert_ptr_nonnull(e);
    mtl_diags_free(&d);
    return e;
}

static inline void te_collect(void *ctx, const mtl_finding *f) {
    (void)ctx;
    if (te_n >= 256) return;
    te_hit *h = &te_hits[te_n++];
    snprintf(h->rule, sizeof h->rule, "%s", f->rule);
    size_t n = f->match_len < 255 ? f->match_len : 255;
    memcpy(h->match, f->match, n);
    h->match[n] = '\0';
    snprintf(h->sugg, sizeof h->sugg, "%s", f->nsuggestions ? f->suggestions[0] : "");
    h->severity = f->severity;
    h->offset = f->offset;
    h->length = f->length;
    h->line = f->line;
    h->column = f->column;
}

static inline void te_run_n(mtl_engine *e, const char *name, const char *text, size_t len) {
    char err[256];
    te_n = 0;
    ck_assert_int_eq(mtl_engine_check_buffer(e, name, text, len, te_collect, NULL, err, sizeof err), MTL_OK);
}

static inline void te_run(mtl_engine *e, const char *name, const char *text) {
    te_run_n(e, name, text, strlen(text));
}

/* Number of findings of a rule; the first one in *out. */
static inline size_t te_count(const char *rule, const te_hit **out) {
    size_t n = 0;
    for (size_t i = 0; i < te_n; i++) {
        if (strcmp(te_hits[i].rule, rule) == 0) {
            if (n == 0 && out) *out = &te_hits[i];
            n++;
        }
    }
    return n;
}

#endif
