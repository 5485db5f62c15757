/* test_rules_cache.c - the rule cache (src/rules_cache.h): its flat forms
 * give back every field, an engine reports exactly the same with and
 * without it over every example of every shipped rule, and a damaged,
 * truncated or stale file changes nothing but a note. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "mtlint.h"
#include "registry.h"
#include "rules.h"
#include "rules_cache.h"
#include "rules_impl.h"
#include "testutil.h"

static char cache_path[256];

/* The cache of the shipped rules, written once per test process. */
static const char *shipped_cache(void) {
    if (cache_path[0]) return cache_path;
    snprintf(cache_path, sizeof cache_path, "/tmp/mtlint-test-rcache-%ld.mtrc", (long)getpid());
    mtl_diags dg = {0};
    bool ok = rules_cache_build(test_path("rules"), cache_path, &dg);
    for (size_t i = 0; i < dg.n; i++) fprintf(stderr, "build: %s\n", dg.msg[i]);
    ck_assert(ok);
    mtl_diags_free(&dg);
    return cache_path;
}

static void use_cache(const char *path) { setenv("MTLINT_RULE_CACHE", path, 1); }

/* ---- flat forms ---- */

/* Flips random bytes of a flat form, many times over, and reads each
 * result: whatever it reads must be safe to use and free (ASan and
 * valgrind watch). The cache's checksums keep such bytes from a run;
 * this is the readers' own guard. Returns how many still read. */
typedef bool (*read_fn)(const unsigned char *p, size_t len, void *out);
static size_t mutate_and_read(const buf *b, unsigned seed, read_fn rd) {
    size_t ok = 0;
    unsigned char *m = malloc(b->len ? b->len : 1);
    for (int round = 0; round < 64 && b->len; round++) {
        memcpy(m, b->data, b->len);
        for (int k = 0; k < 1 + round % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            m[(seed >> 8) % b->len] ^= (unsigned char)(1u << (seed >> 28) % 8);
        }
        ok += rd(m, b->len, NULL);
    }
    free(m);
    return ok;
}

static bool read_need(const unsigned char *p, size_t len, void *unused) {
    (void)unused;
    rneed n;
    bool ok = rcache_need_get(p, len, &n);
    for (size_t i = 0; ok && i < n.keys.n; i++) ck_assert_ptr_nonnull(n.keys.v[i]);
    rules_need_free(&n);
    return ok;
}

static bool read_yaml(const unsigned char *p, size_t len, void *unused) {
    (void)unused;
    yaml_document_t d;
    bool dq;
    if (!rcache_yaml_get(p, len, &d, &dq)) return false;
    /* walk it as the loader does: every node id it holds resolves */
    for (yaml_node_t *n = d.nodes.start; n < d.nodes.top; n++) {
        if (n->type == YAML_SCALAR_NODE) ck_assert_uint_eq(strlen((const char *)n->data.scalar.value) <= n->data.scalar.length, 1);
        if (n->type == YAML_SEQUENCE_NODE)
            for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
                ck_assert_ptr_nonnull(yaml_document_get_node(&d, *it));
        if (n->type == YAML_MAPPING_NODE)
            for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++)
                ck_assert(yaml_document_get_node(&d, pr->key) && yaml_document_get_node(&d, pr->value));
    }
    rcache_yaml_free(&d);
    return true;
}

/* The shipped rules of every source language, loaded without a cache. */
static rules_state *open_shipped(registry **reg, pass *p) {
    use_cache("");
    *reg = reg_open();
    mtl_config cfg = {.builtin_rules = test_path("rules"), .all_sources = true};
    mtl_diags dg = {0};
    ck_assert(rules_open_opts(*reg, &cfg, p, &dg, true));
    mtl_diags_free(&dg);
    return p->state;
}

START_TEST(need_round_trip) {
    registry *reg;
    pass p = {0};
    rules_state *st = open_shipped(&reg, &p);
    size_t n = 0, quick = 0, full = 0;
    for (size_t i = 0; i < st->rules.n; i++) {
        const rule *r = &st->rules.v[i];
        if (r->kind != RK_EXISTENCE && r->kind != RK_SUBSTITUTION) continue;
        for (size_t k = 0; k < r->entries.n; k++) {
            const rstr *pat = &r->entries.v[k].pat;
            rneed a[2] = {0};
            bool q = rules_need_quick(pat->s, pat->len, !r->nonword, &a[0]);
            rules_need(pat->s, pat->len, r->ignorecase, !r->nonword, &a[1]);
            quick += q;
            for (int w = 0; w < 2; w++) {
                buf b = {0};
                rcache_need_put(&b, &a[w]);
                rneed back;
                ck_assert_msg(rcache_need_get((const unsigned char *)b.data, b.len, &back), "%s", pat->s);
                ck_assert_msg(rcache_need_equal(&a[w], &back), "%s: %s", r->id, pat->s);
                full += a[w].clauses.n > 0;
                /* a change of any field is seen */
                if (back.clauses.n) {
                    back.clauses.v[0].cost++;
                    ck_assert(!rcache_need_equal(&a[w], &back));
                    back.clauses.v[0].cost--;
                    back.clauses.v[0].v[0].s[0] ^= 1;
                    ck_assert(!rcache_need_equal(&a[w], &back));
                }
                if (back.keys.n) {
                    back.keys.v[0][0] ^= 1;
                    ck_assert(!rcache_need_equal(&a[w], &back));
                }
                /* every shorter reading is refused */
                for (size_t cut = 0; cut < b.len; cut += 1 + b.len / 7) {
                    rneed t;
                    ck_assert(!rcache_need_get((const unsigned char *)b.data, cut, &t));
                }
                rules_need_free(&back);
                if (n % 16 == 0) mutate_and_read(&b, (unsigned)n, read_need);
                buf_free(&b);
                rules_need_free(&a[w]);
            }
            n++;
        }
    }
    /* the sets exercise both readings, keys and clauses */
    ck_assert_uint_gt(n, 500);
    ck_assert_uint_gt(quick, 100);
    ck_assert_uint_gt(full, 100);
    p.close(p.state);
    reg_close(reg);
}
END_TEST

static bool read_file(const char *path, char **text, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *text = malloc((size_t)n + 1);
    *len = fread(*text, 1, (size_t)n, f);
    fclose(f);
    return *len == (size_t)n;
}

START_TEST(yaml_round_trip) {
    const char *sets[] = {"EsEn", "FrEn", "Locale", "MT", "News", "ZhEn"};
    size_t files = 0;
    for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s", test_path("rules"));
        size_t dl = strlen(dir);
        snprintf(dir + dl, sizeof dir - dl, "/%s", sets[s]);
        DIR *d = opendir(dir);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t nl = strlen(de->d_name);
            if (nl < 5 || strcmp(de->d_name + nl - 4, ".yml") != 0) continue;
            char path[1024], *text;
            size_t len;
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            ck_assert(read_file(path, &text, &len));
            yaml_parser_t parser;
            yaml_document_t ydoc;
            yaml_parser_initialize(&parser);
            yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
            ck_assert_msg(yaml_parser_load(&parser, &ydoc), "%s", path);
            for (int dq = 0; dq < 2; dq++) {
                buf b = {0};
                ck_assert(rcache_yaml_put(&b, &ydoc, dq));
                yaml_document_t back;
                bool bdq = !dq;
                ck_assert_msg(rcache_yaml_get((const unsigned char *)b.data, b.len, &back, &bdq), "%s", path);
                ck_assert_int_eq(bdq, dq);
                ck_assert_msg(rcache_yaml_equal(&ydoc, &back), "%s", path);
                /* a change of a mark is seen */
                back.nodes.top[-1].end_mark.column++;
                ck_assert(!rcache_yaml_equal(&ydoc, &back));
                rcache_yaml_free(&back);
                for (size_t cut = 0; cut < b.len; cut += 1 + b.len / 5) {
                    yaml_document_t t;
                    bool tdq = false;
                    if (rcache_yaml_get((const unsigned char *)b.data, cut, &t, &tdq)) {
                        /* only a cut inside the strings can still read: never a node short */
                        ck_assert(t.nodes.top - t.nodes.start == ydoc.nodes.top - ydoc.nodes.start);
                        rcache_yaml_free(&t);
                    }
                }
                if (dq) mutate_and_read(&b, (unsigned)files, read_yaml);
                buf_free(&b);
            }
            yaml_document_delete(&ydoc);
            yaml_parser_delete(&parser);
            free(text);
            files++;
        }
        closedir(d);
    }
    ck_assert_uint_gt(files, 50);
}
END_TEST

/* ---- whole engines, with and without the cache ---- */

typedef struct texts {
    buf all;
} texts;

static void add_example(void *ctx, const mtl_rule_example *x) {
    texts *t = ctx;
    buf_puts(&t->all, x->text);
    buf_puts(&t->all, "\n\n");
}

static void put_finding(void *ctx, const mtl_finding *f) {
    buf *b = ctx;
    char line[160];
    snprintf(line, sizeof line, "%s %d %d %zu %zu %zu:%zu-%zu:%zu ", f->rule, (int)f->severity, (int)f->category,
             f->offset, f->length, f->line, f->column, f->end_line, f->end_column);
    buf_puts(b, line);
    buf_puts(b, f->message);
    for (size_t i = 0; i < f->nsuggestions; i++) {
        buf_puts(b, " | ");
        buf_puts(b, f->suggestions[i]);
    }
    buf_putc(b, '\n');
}

static mtl_engine *open_engine(const char *cache, mtl_diags *notes) {
    use_cache(cache);
    mtl_config cfg = {.builtin_rules = test_path("rules"), .all_sources = true, .no_spell = true};
    mtl_diags dg = {0};
    mtl_engine *e = mtl_engine_open(&cfg, &dg);
    for (size_t i = 0; i < dg.n; i++) fprintf(stderr, "engine: %s\n", dg.msg[i]);
    ck_assert_ptr_nonnull(e);
    mtl_diags_free(&dg);
    const mtl_diags *en = mtl_engine_notes(e);
    for (size_t i = 0; notes && i < en->n; i++)
        if (strstr(en->msg[i], "rule cache")) mtl_diags_add(notes, "%s", en->msg[i]);
    return e;
}

/* The findings of every shipped example, as text, from an engine. */
static char *report(mtl_engine *e, const buf *in) {
    buf out = {0};
    char err[256];
    ck_assert_int_eq(mtl_engine_check_buffer(e, "examples.txt", in->data, in->len, put_finding, &out, err, sizeof err),
                     MTL_OK);
    return buf_steal(&out);
}

static texts examples;
static char *plain_report;

/* The examples and what the engine reports on them without a cache. */
static void setup_plain(void) {
    if (plain_report) return;
    mtl_engine *e = open_engine("", NULL);
    mtl_engine_examples(e, add_example, &examples);
    plain_report = report(e, &examples.all);
    mtl_engine_close(e);
}

START_TEST(same_findings_with_cache) {
    setup_plain();
    ck_assert_uint_gt(strlen(plain_report), 10000); /* the examples report plenty */
    mtl_diags notes = {0};
    mtl_engine *e = open_engine(shipped_cache(), &notes);
    char *got = report(e, &examples.all);
    ck_assert_uint_eq(notes.n, 0);
    ck_assert_str_eq(got, plain_report);
    free(got);
    mtl_engine_close(e);
    mtl_diags_free(&notes);

    /* the cache answers nearly everything loading computes */
    registry *reg = reg_open();
    mtl_config cfg = {.builtin_rules = test_path("rules"), .all_sources = true};
    pass p = {0};
    mtl_diags dg = {0};
    ck_assert(rules_open_opts(reg, &cfg, &p, &dg, true));
    rules_state *st = p.state;
    ck_assert_ptr_nonnull(st->cache);
    rules_ready(st, reg);
    size_t hits, damaged;
    rcache_stats(st->cache, &hits, &damaged);
    ck_assert_uint_gt(hits, 1000);
    ck_assert_uint_eq(damaged, 0);
    p.close(p.state);
    reg_close(reg);
    mtl_diags_free(&dg);
}
END_TEST

static char *file_bytes(const char *path, size_t *len) {
    char *t;
    ck_assert(read_file(path, &t, len));
    return t;
}

static void write_bytes(const char *path, const char *b, size_t n) {
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    fclose(f);
}

/* Damage of each kind: the findings stay the same, with at most one note
 * (exactly one when the file cannot be used at all). */
START_TEST(damaged_cache_falls_back) {
    setup_plain();
    size_t len;
    char *good = file_bytes(shipped_cache(), &len);
    char bad[300];
    snprintf(bad, sizeof bad, "%s.bad", shipped_cache());
    struct {
        const char *what;
        size_t keep;      /* bytes kept (truncation), or len */
        size_t flip;      /* a byte whose bits are flipped, or SIZE_MAX */
        int notes;        /* -1: 0 or 1 */
    } cases[] = {
        {"empty", 0, SIZE_MAX, 1},
        {"header cut", 40, SIZE_MAX, 1},
        {"slots cut", 400, SIZE_MAX, 1},
        {"half", len / 2, SIZE_MAX, 1},
        {"last byte gone", len - 1, SIZE_MAX, 1},
        {"magic", len, 0, 1},
        {"format", len, 8, 1},
        {"code key", len, 20, 1},
        {"slot count", len, 8 + 8 + 48 + 48 + 16, 1},
        {"a slot", len, 200 + 3, 0},
        {"a record, early", len, len / 5, 0},
        {"a record", len, len / 3, 0},
        {"a record, late", len, len / 2 + 17, 0},
        {"a record, last", len, len - 9, 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *b = malloc(len);
        memcpy(b, good, len);
        if (cases[c].flip != SIZE_MAX) b[cases[c].flip] ^= 0x5a;
        write_bytes(bad, b, cases[c].keep);
        free(b);
        mtl_diags notes = {0};
        mtl_engine *e = open_engine(bad, &notes);
        char *got = report(e, &examples.all);
        ck_assert_msg(strcmp(got, plain_report) == 0, "case %s: findings differ", cases[c].what);
        ck_assert_msg((int)notes.n == cases[c].notes, "case %s: %zu notes", cases[c].what, notes.n);
        free(got);
        mtl_engine_close(e);
        mtl_diags_free(&notes);
    }
    /* a missing file named on purpose is said too */
    unlink(bad);
    mtl_diags notes = {0};
    mtl_engine_close(open_engine(bad, &notes));
    ck_assert_uint_eq(notes.n, 1);
    ck_assert_ptr_nonnull(strstr(notes.msg[0], "is missing"));
    mtl_diags_free(&notes);
    free(good);
}
END_TEST

/* A file written by another build (another code key) is stale: unused. */
START_TEST(stale_cache_is_not_used) {
    size_t len;
    char *b = file_bytes(shipped_cache(), &len);
    char stale[300];
    snprintf(stale, sizeof stale, "%s.stale", shipped_cache());
    b[8 + 8] ^= 1; /* the first byte of the code key */
    write_bytes(stale, b, len);
    free(b);
    rcache_status s;
    ck_assert_ptr_null(rcache_open(stale, &s));
    ck_assert_int_eq(s, RCACHE_STALE);
    rcache *ok = rcache_open(shipped_cache(), &s);
    ck_assert_ptr_nonnull(ok);
    ck_assert_int_eq(s, RCACHE_OK);
    rcache_close(ok);
    mtl_diags notes = {0};
    mtl_engine_close(open_engine(stale, &notes));
    ck_assert_uint_eq(notes.n, 1);
    ck_assert_ptr_nonnull(strstr(notes.msg[0], "another build"));
    mtl_diags_free(&notes);
    unlink(stale);
}
END_TEST

/* What rcache_open says of each thing in a cache's place; a FIFO is
 * not waited on (it once blocked the run for a writer). */
START_TEST(open_says_why) {
    char dir[300], fifo[300], empty[300], absent[300];
    snprintf(dir, sizeof dir, "%s.dir", shipped_cache());
    snprintf(fifo, sizeof fifo, "%s.fifo", shipped_cache());
    snprintf(empty, sizeof empty, "%s.empty", shipped_cache());
    snprintf(absent, sizeof absent, "%s.absent/x", shipped_cache());
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    write_bytes(empty, "", 0);
    const struct {
        const char *path;
        rcache_status want;
    } cases[] = {
        {shipped_cache(), RCACHE_OK}, {dir, RCACHE_NOT_FILE}, {fifo, RCACHE_NOT_FILE},
        {empty, RCACHE_BAD},          {absent, RCACHE_MISSING},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rcache_status st = RCACHE_OK;
        rcache *c = rcache_open(cases[i].path, &st);
        ck_assert_msg(st == cases[i].want, "%s: status %d, want %d", cases[i].path, (int)st, (int)cases[i].want);
        ck_assert_msg(!c == (cases[i].want != RCACHE_OK), "%s: opened %d", cases[i].path, c != NULL);
        rcache_close(c);
    }
    rmdir(dir);
    unlink(fifo);
    unlink(empty);
}
END_TEST

/* A cache that cannot be written: false, the reason, and nothing kept
 * (LeakSanitizer under make asan: the loaded rules were once left). */
START_TEST(build_fails_cleanly) {
    mtl_diags dg = {0};
    ck_assert(!rules_cache_build(test_path("rules"), "/nonexistent-mtlint-dir/rules.mtrc", &dg));
    ck_assert_uint_eq(dg.n, 1);
    ck_assert_ptr_nonnull(strstr(dg.msg[0], "cannot write the rule cache"));
    mtl_diags_free(&dg);
}
END_TEST

static Suite *make_suite(void) {
    Suite *s = suite_create("rules_cache");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, need_round_trip);
    tcase_add_test(tc, yaml_round_trip);
    tcase_add_test(tc, same_findings_with_cache);
    tcase_add_test(tc, damaged_cache_falls_back);
    tcase_add_test(tc, stale_cache_is_not_used);
    tcase_add_test(tc, open_says_why);
    tcase_add_test(tc, build_fails_cleanly);
    suite_add_tcase(s, tc);
    return s;
}

static void cleanup(void) {
    if (!cache_path[0]) return;
    char p[300];
    unlink(cache_path);
    snprintf(p, sizeof p, "%s.bad", cache_path);
    unlink(p);
}

int main(void) {
    SRunner *sr = srunner_create(make_suite());
    srunner_set_fork_status(sr, CK_NOFORK); /* one cache and one baseline for every test */
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    cleanup();
    free(plain_report);
    buf_free(&examples.all);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
