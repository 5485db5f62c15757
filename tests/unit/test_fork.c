/* test_fork.c - mtl_engine_fork: forks checking at once in two threads
 * report exactly what one engine reports alone, file for file, with the
 * shipped rules and dictionaries (what -j runs). */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mtlint.h"
#include "testutil.h"

#define MAX_DOCS 128

/* A document to check and, for source-aware checking, its source. */
typedef struct tdoc {
    char path[4096];
    char source[4096]; /* "" none */
} tdoc;

static tdoc docs[MAX_DOCS];
static size_t ndocs;

static bool is_text(const char *name) {
    static const char *const exts[] = {".txt", ".md", ".html"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && strcmp(name + n - k, exts[i]) == 0) return true;
    }
    return false;
}

/* Every article under dir; "x.txt" is paired with "x.es.txt" beside it,
 * which is a source and not checked on its own. */
static void gather(const char *dir) {
    DIR *dp = opendir(dir);
    ck_assert_ptr_nonnull(dp);
    struct dirent *de;
    while ((de = readdir(dp)) && ndocs < MAX_DOCS) {
        if (de->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            gather(path);
            continue;
        }
        if (!is_text(de->d_name) || strstr(de->d_name, ".es.")) continue;
        tdoc *d = &docs[ndocs++];
        snprintf(d->path, sizeof d->path, "%s", path);
        const char *ext = strrchr(path, '.');
        snprintf(d->source, sizeof d->source, "%.*s.es%s", (int)(ext - path), path, ext);
        if (stat(d->source, &st) != 0) d->source[0] = '\0';
    }
    closedir(dp);
}

/* The JSON report of one document: everything a reader sees of it. */
static char *report(mtl_engine *e, const tdoc *d) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    mtl_sink_options so = {.min_severity = MTL_INFO};
    mtl_sink *sink = mtl_sink_open(MTL_FORMAT_JSON, f, &so);
    mtl_summary sum = {0};
    mtl_pair pair = {.path = d->source};
    char err[512];
    mtl_engine_check_pair(e, d->path, d->path, NULL, 0, *d->source ? &pair : NULL, sink, &sum, err, sizeof err);
    sink->end_run(sink, &sum);
    mtl_sink_close(sink);
    fclose(f);
    return out;
}

typedef struct worker {
    mtl_engine *fork;
    char **expect;
    bool backwards;      /* the two threads meet in the middle */
    size_t checked, differ;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    for (size_t k = 0; k < ndocs; k++) {
        size_t i = w->backwards ? ndocs - 1 - k : k;
        char *got = report(w->fork, &docs[i]);
        if (strcmp(got, w->expect[i]) != 0) {
            fprintf(stderr, "fork differs on %s:\n%s\nalone:\n%s\n", docs[i].path, got, w->expect[i]);
            w->differ++;
        }
        w->checked++;
        free(got);
    }
    return NULL;
}

/* The configurations -j runs with: the default, source-aware, and both
 * dialects' dictionaries at once. */
typedef struct fcase {
    const char *name;
    const char *source_lang;
    const char *dialect;
} fcase;

static const fcase cases[] = {
    {"default", NULL, NULL},
    {"--source es", "es", NULL},
    {"--source fr --dialect any", "fr", "any"},
};

START_TEST(forks_report_what_one_engine_reports) {
    const fcase *c = &cases[_i];
    ndocs = 0;
    gather(test_path("tests/samples"));
    gather(test_path("tests/data/encoding"));
    ck_assert_uint_gt(ndocs, 8);
    char rules[4096], dicts[4096];
    snprintf(rules, sizeof rules, "%s", test_path("rules"));
    snprintf(dicts, sizeof dicts, "%s", test_path("dictionaries"));
    mtl_config cfg = {.builtin_rules = rules, .dict_dir = dicts, .source_lang = c->source_lang,
                      .dialect = c->dialect};
    mtl_diags diags = {0};

    mtl_engine *alone = mtl_engine_open(&cfg, &diags);
    ck_assert_ptr_nonnull(alone);
    char **expect = calloc(ndocs, sizeof *expect);
    size_t findings = 0;
    for (size_t i = 0; i < ndocs; i++) {
        expect[i] = report(alone, &docs[i]);
        for (const char *p = expect[i]; (p = strstr(p, "\"rule\":")); p++) findings++;
    }
    mtl_engine_close(alone);
    ck_assert_uint_gt(findings, 20); /* the comparison must mean something */

    /* a fresh engine, forked before it has checked anything: what it
     * would load on its first document is loaded by the forking */
    mtl_engine *shared = mtl_engine_open(&cfg, &diags);
    ck_assert_ptr_nonnull(shared);
    worker w[2];
    pthread_t tid[2];
    for (int k = 0; k < 2; k++) {
        w[k] = (worker){.fork = mtl_engine_fork(shared), .expect = expect, .backwards = k == 1};
        ck_assert_ptr_nonnull(w[k].fork);
    }
    for (int k = 0; k < 2; k++) ck_assert_int_eq(pthread_create(&tid[k], NULL, work, &w[k]), 0);
    for (int k = 0; k < 2; k++) pthread_join(tid[k], NULL);
    for (int k = 0; k < 2; k++) {
        mtl_engine_close(w[k].fork);
        ck_assert_uint_eq(w[k].checked, ndocs);
        ck_assert_msg(w[k].differ == 0, "%s: fork %d differs on %zu of %zu documents", c->name, k, w[k].differ,
                      ndocs);
    }
    mtl_engine_close(shared);
    for (size_t i = 0; i < ndocs; i++) free(expect[i]);
    free(expect);
    mtl_diags_free(&diags);
}
END_TEST

static Suite *fork_suite(void) {
    Suite *s = suite_create("fork");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, forks_report_what_one_engine_reports, 0, (int)(sizeof cases / sizeof cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(fork_suite)
