/* vsbench.c - a measurement, not part of mtlint: would Vectorscan (the
 * portable Hyperscan) in prefilter mode find the candidates of the list
 * rules faster than the engine's own analyser of patterns
 * (src/rules_prefilter.c)? Issue 11, item 5.
 *
 * The list entries of every existence and substitution rule loaded are
 * compiled into one Vectorscan database with HS_FLAG_PREFILTER (a pattern
 * Vectorscan cannot run exactly, lookarounds and back-references, is
 * widened to one that matches at least as much), each as the engine
 * writes it (Vale's \b(?:...)\b unless nonword, caseless when the rule
 * ignores case). Each block of each document is scanned once; every
 * entry that reported a match is then confirmed with PCRE2 (JIT) over the
 * block. That is set against the rule pass itself (src/rules_run.c) on the
 * same documents, with only its list rules on, with its prefilter and
 * without (every entry in one alternation). CPU time, best of three. The
 * Vectorscan side does less (no scopes, exceptions, messages): it only
 * finds and confirms matches, so the comparison favours it.
 *
 * Outcome (BBC corpus, 5.04 MB, December 2026): on the shipped sets
 * (1,028 entries) the whole list-rule pass took 0.23-0.25 s and
 * Vectorscan's scan and confirmation alone 0.22-0.23 s, with the same 101
 * matches; on 5,000 generated entries 0.052 s against 0.044 s. Compiling
 * the database took 3 s of CPU (9 s for 5,000 entries), where the
 * analyser reads the patterns it meets in a few tens of milliseconds. No
 * gain worth a dependency and a build-time database: the analyser stays.
 *
 * Build: apt-get install libvectorscan-dev; make build/vsbench.
 * Usage: build/vsbench [--no-default-rules] [--rules DIR]... FILE|DIR...
 * (run from the source tree: the shipped rules are ./rules) */
#include <dirent.h>
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "check.h"
#include "doc.h"
#include "finding.h"
#include "markup.h"
#include "rules.h"
#include "rules_impl.h"
#include "segment.h"
#include "source.h"
#include "util.h"

typedef struct text_doc {
    doc d;
    source *src;
    char *view;
} text_doc;

static struct { text_doc *v; size_t n, cap; } docs;
static size_t total_bytes;

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void add_file(const char *path, segmenter *sg) {
    text_doc t = {0};
    char err[256];
    if (source_open_file(path, &t.src, err, sizeof err) != SOURCE_OK) {
        fprintf(stderr, "vsbench: %s: %s\n", path, err);
        return;
    }
    t.d.src = t.src;
    t.d.name = path;
    t.d.text = source_text(t.src, &t.d.len);
    t.d.markup = MTL_MARKUP_TEXT;
    t.d.headline = -1;
    t.view = markup_parse(&t.d, MTL_MARKUP_TEXT);
    t.d.view = t.view;
    if (!seg_run(sg, &t.d, err, sizeof err)) {
        fprintf(stderr, "vsbench: %s: %s\n", path, err);
        return;
    }
    total_bytes += t.d.len;
    VEC_PUSH(docs, t);
}

static void add_path(const char *path, segmenter *sg) {
    struct stat st;
    if (stat(path, &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) {
        add_file(path, sg);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        if (nm[0] != '.') {
            char *sub = xasprintf("%s/%s", path, nm);
            size_t k = strlen(sub);
            struct stat ss;
            if (stat(sub, &ss) == 0 && (S_ISDIR(ss.st_mode) || (k > 4 && strcmp(sub + k - 4, ".txt") == 0)))
                add_path(sub, sg);
            free(sub);
        }
        free(names[i]);
    }
    free(names);
}

/* The rule pass with only its existence and substitution rules on. */
static pass open_rules(registry **reg, const mtl_config *cfg, bool prefilter) {
    pass p = {0};
    mtl_diags dg = {0};
    *reg = reg_open();
    if (!rules_open_opts(*reg, cfg, &p, &dg, prefilter)) {
        for (size_t i = 0; i < dg.n; i++) fprintf(stderr, "vsbench: %s\n", dg.msg[i]);
        exit(2);
    }
    mtl_diags_free(&dg);
    rules_state *st = p.state;
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        if (r->kind != RK_EXISTENCE && r->kind != RK_SUBSTITUTION) reg_set_enabled(*reg, r->id, false);
    }
    return p;
}

/* CPU seconds of one run of the pass over every document; findings in *nf. */
static double time_pass(pass *p, registry *reg, size_t *nf) {
    findings fl = {.reg = reg};
    mtl_diags w = {0};
    *nf = 0;
    double t0 = cpu_now();
    for (size_t i = 0; i < docs.n; i++) {
        finding_clear(&fl);
        check_ctx cx = {.d = &docs.v[i].d, .out = &fl, .reg = reg, .warnings = &w};
        if (p->prepare) p->prepare(p->state, &docs.v[i].d, reg);
        p->run(p->state, &cx);
        *nf += fl.n;
    }
    double t = cpu_now() - t0;
    finding_free(&fl);
    mtl_diags_free(&w);
    return t;
}

/* ---- Vectorscan ---- */

typedef struct ventry {
    char *pat;   /* for Vectorscan: \K (a match's reported start) left out */
    unsigned flags;
    pcre2_code *code;
} ventry;

static struct { ventry *v; size_t n, cap; } ents;

typedef struct scan_ctx {
    uint32_t *seen;  /* generation at which each entry was last a candidate */
    uint32_t gen;
    struct { uint32_t *v; size_t n, cap; } cand;
} scan_ctx;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from, (void)to, (void)flags;
    scan_ctx *c = ctx;
    if (c->seen[id] != c->gen) {
        c->seen[id] = c->gen;
        VEC_PUSH(c->cand, id);
    }
    return 0;
}

static void collect_entries(rules_state *st, const registry *reg) {
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        if ((r->kind != RK_EXISTENCE && r->kind != RK_SUBSTITUTION) || r->dormant || !reg_enabled(reg, r->reg))
            continue;
        for (size_t k = 0; k < r->entries.n; k++) {
            ventry e = {0};
            char *full = xasprintf(r->nonword ? "(?:%s)" : "\\b(?:%s)\\b", r->entries.v[k].pat.s);
            /* \K only moves the start a match reports: the same blocks
             * match without it, and Vectorscan does not know it */
            e.pat = xstrdup(full);
            size_t o = 0;
            for (size_t j = 0; full[j]; j++) {
                if (full[j] == '\\' && full[j + 1] == 'K') {
                    j++;
                    continue;
                }
                e.pat[o++] = full[j];
                if (full[j] == '\\' && full[j + 1]) e.pat[o++] = full[++j];
            }
            e.pat[o] = '\0';
            e.flags = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_PREFILTER | (r->ignorecase ? HS_FLAG_CASELESS : 0);
            int ec;
            PCRE2_SIZE eo;
            e.code = pcre2_compile((PCRE2_SPTR)full, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | (r->ignorecase ? PCRE2_CASELESS : 0), &ec, &eo, NULL);
            free(full);
            if (!e.code) { /* the engine rewrites these (long lookbehinds): left out */
                free(e.pat);
                continue;
            }
            pcre2_jit_compile(e.code, PCRE2_JIT_COMPLETE);
            VEC_PUSH(ents, e);
        }
    }
}

int main(int argc, char **argv) {
    mtl_config cfg = {.builtin_rules = "rules", .all_sources = true};
    struct { const char **v; size_t n, cap; } dirs = {0};
    char err[256];
    segmenter *sg = seg_open(err, sizeof err);
    if (!sg) {
        fprintf(stderr, "vsbench: %s\n", err);
        return 2;
    }
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--no-default-rules") == 0) cfg.no_default_rules = true;
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) VEC_PUSH(dirs, argv[++i]);
        else {
            fprintf(stderr, "usage: vsbench [--no-default-rules] [--rules DIR]... FILE|DIR...\n");
            return 2;
        }
    }
    VEC_PUSH(dirs, NULL);
    cfg.rule_dirs = dirs.v;
    for (; i < argc; i++) add_path(argv[i], sg);
    printf("documents: %zu, %.2f MB\n", docs.n, (double)total_bytes / 1e6);

    registry *reg, *reg_plain;
    double t0 = cpu_now();
    pass p = open_rules(&reg, &cfg, true);
    double t_open = cpu_now() - t0;
    pass plain = open_rules(&reg_plain, &cfg, false);
    size_t nf = 0, nf_plain = 0;
    double t_first = time_pass(&p, reg, &nf); /* prepares the rules (compiles on first use) */
    time_pass(&plain, reg_plain, &nf_plain);
    double best = 1e9, best_plain = 1e9;
    for (int k = 0; k < 3; k++) {
        double a = time_pass(&p, reg, &nf), b = time_pass(&plain, reg_plain, &nf_plain);
        if (a < best) best = a;
        if (b < best_plain) best_plain = b;
    }

    collect_entries(p.state, reg);
    const char **pats = xcalloc(ents.n + 1, sizeof *pats);
    unsigned *flags = xcalloc(ents.n + 1, sizeof *flags), *ids = xcalloc(ents.n + 1, sizeof *ids);
    /* entries Vectorscan refuses even as prefilters are confirmed in
     * every block, as the engine's residual entries are */
    bool *always = xcalloc(ents.n + 1, sizeof *always);
    size_t nalways = 0;
    hs_database_t *db = NULL;
    double t_hs = 0;
    for (;;) {
        unsigned n = 0;
        for (size_t k = 0; k < ents.n; k++)
            if (!always[k]) {
                pats[n] = ents.v[k].pat;
                flags[n] = ents.v[k].flags;
                ids[n++] = (unsigned)k;
            }
        hs_compile_error_t *ce = NULL;
        t0 = cpu_now();
        hs_error_t rc = hs_compile_multi(pats, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &ce);
        t_hs += cpu_now() - t0;
        if (rc == HS_SUCCESS) break;
        if (ce->expression < 0) {
            fprintf(stderr, "vsbench: hs_compile_multi: %s\n", ce->message);
            return 2;
        }
        always[ids[ce->expression]] = true;
        nalways++;
        if (getenv("VSBENCH_SHOW")) fprintf(stderr, "refused: %s: %s\n", ents.v[ids[ce->expression]].pat, ce->message);
        hs_free_compile_error(ce);
    }
    size_t dbsize = 0;
    hs_database_size(db, &dbsize);
    t0 = cpu_now();
    hs_database_t *db2 = NULL;
    hs_compile_error_t *ce2 = NULL;
    {
        unsigned n = 0;
        for (size_t k = 0; k < ents.n; k++)
            if (!always[k]) {
                pats[n] = ents.v[k].pat;
                flags[n] = ents.v[k].flags;
                ids[n++] = (unsigned)k;
            }
        if (hs_compile_multi(pats, flags, ids, n, HS_MODE_BLOCK, NULL, &db2, &ce2) == HS_SUCCESS)
            hs_free_database(db2);
    }
    double t_hs_one = cpu_now() - t0;
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(db, &scratch);
    scan_ctx sc = {.seen = xcalloc(ents.n + 1, sizeof(uint32_t))};
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    double best_vs = 1e9, best_scan = 1e9, best_refused = 1e9;
    size_t ncand = 0, nmatch = 0, nblocks = 0, nhs = 0;
    for (int k = 0; k < 3; k++) {
        double scan = 0, refused = 0, ta = cpu_now();
        ncand = nmatch = nblocks = nhs = 0;
        for (size_t di = 0; di < docs.n; di++) {
            const doc *d = &docs.v[di].d;
            for (size_t b = 0; b < d->blocks.n; b++) {
                const char *s = d->view + d->blocks.v[b].start;
                size_t len = d->blocks.v[b].end - d->blocks.v[b].start;
                sc.gen++;
                sc.cand.n = 0;
                double ts = cpu_now();
                hs_scan(db, s, (unsigned)len, 0, scratch, on_match, &sc);
                scan += cpu_now() - ts;
                size_t from_hs = sc.cand.n;
                nhs += from_hs;
                for (size_t e = 0; e < ents.n; e++)
                    if (always[e] && sc.seen[e] != sc.gen) VEC_PUSH(sc.cand, (uint32_t)e);
                ncand += sc.cand.n;
                nblocks++;
                double tr = 0;
                for (size_t c = 0; c < sc.cand.n; c++) {
                    if (c == from_hs) tr = cpu_now();
                    pcre2_code *code = ents.v[sc.cand.v[c]].code;
                    for (PCRE2_SIZE at = 0; at <= len;) {
                        int rc = pcre2_match(code, (PCRE2_SPTR)s, len, at, 0, md, NULL);
                        if (rc < 0) break;
                        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                        nmatch++;
                        at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
                    }
                }
                if (sc.cand.n > from_hs) refused += cpu_now() - tr;
            }
        }
        double all = cpu_now() - ta;
        if (all < best_vs) best_vs = all;
        if (scan < best_scan) best_scan = scan;
        if (refused < best_refused) best_refused = refused;
    }
    rules_state *st = p.state;
    (void)st;
    printf("list entries: %zu (%zu refused by Vectorscan even as prefilters: confirmed in every block)\n", ents.n,
           nalways);
    printf("rule pass, loading (parse, no compile): %.3f s CPU\n", t_open);
    printf("rule pass, first run (analyses and compiles the entries it meets): %.3f s CPU\n", t_first);
    printf("rule pass with its analyser (rules_prefilter.c): %.3f s CPU, %zu findings\n", best, nf);
    printf("rule pass without prefilter (one alternation):  %.3f s CPU, %zu findings\n", best_plain, nf_plain);
    printf("Vectorscan compile: %.3f s CPU (all tries), %.3f s (one), database %zu KB\n", t_hs, t_hs_one,
           dbsize / 1024);
    printf("Vectorscan scan + PCRE2 confirm: %.3f s CPU (scan %.3f s; refused entries %.3f s), %zu blocks, "
           "%zu candidates (%zu from the scan), %zu matches\n",
           best_vs, best_scan, best_refused, nblocks, ncand, nhs, nmatch);
    hs_free_scratch(scratch);
    hs_free_database(db);
    pcre2_match_data_free(md);
    return 0;
}
