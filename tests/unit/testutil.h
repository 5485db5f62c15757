/* testutil.h - shared by the Check suites: one executable per suite file.
 *   TEST_MAIN(make_suite) defines main() running the suite;
 *   test_path("tests/data/x") resolves a path against MTL_SRCDIR (set by
 *   the Makefile) so suites run from any directory. */
#ifndef MTL_TESTUTIL_H
#define MTL_TESTUTIL_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

static inline const char *test_path(const char *rel) {
    static char bufs[8][4096];
    static int k;
    const char *root = getenv("MTL_SRCDIR");
    char *b = bufs[k++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", root && *root ? root : ".", rel);
    return b;
}

/* Entries of a directory other than dot files: a test's check that no
 * temporary file was left behind. */
static inline size_t test_dir_entries(const char *dir) {
    DIR *dp = opendir(dir);
    ck_assert_ptr_nonnull(dp);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL)
        if (de->d_name[0] != '.') n++;
    closedir(dp);
    return n;
}

#define TEST_MAIN(make_suite)                                                  \
    int main(void) {                                                           \
        SRunner *sr = srunner_create(make_suite());                            \
        srunner_run_all(sr, CK_ENV);                                           \
        int failed = srunner_ntests_failed(sr);                                \
        srunner_free(sr);                                                      \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                           \
    }

#endif
