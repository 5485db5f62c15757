/* libFuzzer harness for the readers of the compiled rule cache
 * (src/rules_cache.c). The first byte chooses what the rest is:
 *   0  a flat rneed, read by rcache_need_get;
 *   1  a flat YAML document, read by rcache_yaml_get;
 *   2  the body of a cache file (slots and records) under the header this
 *      build writes, with the slot count 2^(second byte % 16), cut to what
 *      fits: opened and asked for every computation it was written with;
 *   3  a whole cache file, header included, as any file named by
 *      MTLINT_RULE_CACHE may be.
 * What a reader accepts must be safe to use and free (ASan and UBSan
 * watch), and read the same once written again; a cache, however damaged,
 * must give the answers computing them gives (a damaged record is a miss,
 * never a wrong answer). Damage, not forgery: a record whose check value
 * was rewritten to match its new bytes passes any checksum, and libFuzzer
 * does just that when it feeds compared values back into the input, so
 * tests/fuzz/run.sh runs this target without that feedback (-use_cmp=0). LLVMFuzzerInitialize records those computations
 * into a cache file of its own and, when MTL_FUZZ_SEEDS names a directory
 * (tests/fuzz/run.sh does), writes a seed of each kind there from it.
 * Build and run: make fuzz. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "rules_cache.h"
#include "rules_impl.h"

/* The computations asked: patterns of rules, and a rule file. */
static const char *const patterns[] = {
    "\\b(?:said|says) the (?:ruler|mandatary)\\b",
    "(?i)\\b(alliance) from (pacific)\\b",
    "\\d{1,3}(?:\\.\\d{3})+",
    "[\\x{201C}\"]\\s*,",
    "president|minister|ruler",
};
static const char rule_file[] = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
                                "ignorecase: true\nswap:\n  ruler: leader\n  mandatary: president\n"
                                "tokens: [a, 'b', \"c\"]\n";
#define NPAT (sizeof patterns / sizeof *patterns)

static char pristine[4300], scratch[4300];
static unsigned char *file;   /* the pristine cache file */
static size_t file_len, header_len;
/* the answers of the pristine cache, which computing gives too */
static rneed ref_need[NPAT], ref_quick[NPAT];
static bool ref_quick_ok[NPAT];
static uint32_t ref_groups[NPAT];
static yaml_document_t ref_yaml;
static bool ref_dq;

static bool load_yaml(yaml_document_t *d) {
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) return false;
    yaml_parser_set_input_string(&p, (const unsigned char *)rule_file, sizeof rule_file - 1);
    bool ok = yaml_parser_load(&p, d) != 0;
    yaml_parser_delete(&p);
    return ok;
}

/* Asks c for everything; aborts on an answer other than the reference
 * (record: fills the reference instead). */
static void ask(rcache *c, bool record) {
    for (size_t i = 0; i < NPAT; i++) {
        const char *pat = patterns[i];
        size_t len = strlen(pat);
        int err;
        PCRE2_SIZE off;
        pcre2_code *code = rcache_compile(c, pat, len, PCRE2_UTF, &err, &off);
        if (!code) abort();
        uint32_t groups = 0, g2 = 0;
        pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
        pcre2_code_free(code);
        if (!rcache_check(c, pat, len, PCRE2_UTF | PCRE2_CASELESS, &g2, &err, &off) || g2 != groups) abort();
        rneed n, q;
        rcache_need(c, pat, len, true, true, &n);
        bool qok = rcache_need_quick(c, pat, len, false, &q);
        if (record) {
            ref_groups[i] = groups;
            ref_need[i] = n;
            ref_quick[i] = q;
            ref_quick_ok[i] = qok;
            continue;
        }
        if (groups != ref_groups[i] || !rcache_need_equal(&n, &ref_need[i]) || qok != ref_quick_ok[i] ||
            (qok && !rcache_need_equal(&q, &ref_quick[i])))
            abort();
        rules_need_free(&n);
        if (qok) rules_need_free(&q);
    }
    if (record) {
        if (!load_yaml(&ref_yaml)) abort();
        rcache_yaml_keep(c, rule_file, sizeof rule_file - 1, &ref_yaml, false);
        return;
    }
    yaml_document_t d;
    bool dq;
    if (rcache_yaml(c, rule_file, sizeof rule_file - 1, &d, &dq)) { /* a miss: the loader parses the text */
        if (!rcache_yaml_equal(&d, &ref_yaml) || dq != ref_dq) abort();
        rcache_yaml_free(&d);
    }
}

static void save(const char *dir, const char *name, unsigned char kind, const void *p, size_t n) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fputc(kind, f) == EOF || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    snprintf(pristine, sizeof pristine, "%s/pristine.mtrc", fuzz_scratch());
    snprintf(scratch, sizeof scratch, "%s/input.mtrc", fuzz_scratch());
    char err[256];
    /* a recorder with nothing kept writes the header and 16 empty slots
     * of 16 bytes: what is left is the header's length */
    rcache *rec = rcache_recorder();
    if (!rcache_write(rec, pristine, err, sizeof err)) abort();
    rcache_close(rec);
    FILE *f = fopen(pristine, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) abort();
    header_len = (size_t)ftell(f) - 16 * 16;
    fclose(f);
    rec = rcache_recorder();
    ask(rec, true);
    if (!rcache_write(rec, pristine, err, sizeof err)) abort();
    rcache_close(rec);
    f = fopen(pristine, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) abort();
    file_len = (size_t)ftell(f);
    rewind(f);
    file = malloc(file_len);
    if (fread(file, 1, file_len, f) != file_len) abort();
    fclose(f);
    /* the pristine file answers everything, the same */
    rcache_status st;
    rcache *c = rcache_open(pristine, &st);
    if (!c) abort();
    ask(c, false);
    size_t hits, damaged;
    rcache_stats(c, &hits, &damaged);
    if (hits != 4 * NPAT + 1 || damaged) abort(); /* four answers a pattern, and the document */
    rcache_close(c);

    const char *seeds = getenv("MTL_FUZZ_SEEDS");
    if (seeds && *seeds) {
        for (size_t i = 0; i < NPAT; i++) {
            buf b = {0};
            rcache_need_put(&b, &ref_need[i]);
            char name[32];
            snprintf(name, sizeof name, "need%zu", i);
            save(seeds, name, 0, b.data, b.len);
            buf_free(&b);
        }
        buf b = {0};
        if (!rcache_yaml_put(&b, &ref_yaml, ref_dq)) abort();
        save(seeds, "yaml", 1, b.data, b.len);
        buf_free(&b);
        /* the body, after its slot count (16 = 2^4) */
        unsigned char *body = malloc(file_len - header_len + 1);
        body[0] = 4;
        memcpy(body + 1, file + header_len, file_len - header_len);
        save(seeds, "body", 2, body, file_len - header_len + 1);
        free(body);
        save(seeds, "file", 3, file, file_len);
    }
    return 0;
}

static void put_u64(unsigned char *at, uint64_t v) { memcpy(at, &v, 8); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const unsigned char *p = data + 1;
    size_t n = size - 1;
    switch (data[0] % 4) {
    case 0: {
        rneed a, b;
        if (!rcache_need_get(p, n, &a)) break;
        buf w = {0};
        rcache_need_put(&w, &a);
        if (!rcache_need_get((const unsigned char *)w.data, w.len, &b) || !rcache_need_equal(&a, &b)) abort();
        rules_need_free(&a);
        rules_need_free(&b);
        buf_free(&w);
        break;
    }
    case 1: {
        yaml_document_t a, b;
        bool dq, dq2;
        if (!rcache_yaml_get(p, n, &a, &dq)) break;
        if (!rcache_yaml_equal(&a, &a)) abort();
        /* put refuses an end mark of UINT32_MAX, which get reads */
        buf w = {0};
        if (rcache_yaml_put(&w, &a, dq)) {
            if (!rcache_yaml_get((const unsigned char *)w.data, w.len, &b, &dq2) || !rcache_yaml_equal(&a, &b) ||
                dq != dq2)
                abort();
            rcache_yaml_free(&b);
        }
        rcache_yaml_free(&a);
        buf_free(&w);
        break;
    }
    case 2: {
        if (n == 0) break;
        /* the slot count: a power of two whose slots fit in the body */
        uint64_t nslots = (uint64_t)1 << (p[0] % 16);
        while (nslots > 1 && nslots * 16 > n - 1) nslots /= 2;
        if (nslots * 16 > n - 1) break; /* not one slot */
        size_t len = header_len + n - 1;
        unsigned char *m = malloc(len);
        memcpy(m, file, header_len);
        memcpy(m + header_len, p + 1, n - 1);
        put_u64(m + header_len - 16, nslots);
        put_u64(m + header_len - 8, len);
        fuzz_write(scratch, m, len);
        free(m);
        rcache_status st;
        rcache *c = rcache_open(scratch, &st);
        if (!c) abort(); /* a header this build wrote, sizes that fit */
        ask(c, false);
        rcache_close(c);
        break;
    }
    default: {
        fuzz_write(scratch, p, n);
        rcache_status st;
        rcache *c = rcache_open(scratch, &st);
        if (c) ask(c, false);
        else if (st == RCACHE_OK) abort();
        rcache_close(c);
        break;
    }
    }
    return 0;
}
