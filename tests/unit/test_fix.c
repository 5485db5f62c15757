/* --fix: which findings are fixed, the edits, and the atomic rewrite. */
#include <dirent.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix.h"
#include "testengine.h"
#include "util.h"

static mtl_finding fnd(size_t off, size_t len, const char *sugg, mtl_severity sev, mtl_category cat) {
    static const char *s[64];
    static int k;
    const char **slot = &s[k++ % 64];
    *slot = sugg;
    mtl_finding f = {.rule = "T.R", .severity = sev, .category = cat, .message = "m", .offset = off,
                     .length = len, .suggestions = sugg ? slot : NULL, .nsuggestions = sugg ? 1 : 0};
    return f;
}

START_TEST(only_single_safe_suggestions_apply) {
    mtl_finding two = fnd(0, 1, "x", MTL_WARNING, MTL_CAT_CALQUE);
    two.nsuggestions = 2;
    ck_assert(fix_applies(&(mtl_finding){0}) == false);
    ck_assert(!fix_applies(&two));
    mtl_finding info = fnd(0, 1, "x", MTL_INFO, MTL_CAT_CALQUE);
    ck_assert(!fix_applies(&info)); /* advice, not a defect */
    mtl_finding spell = fnd(0, 1, "x", MTL_WARNING, MTL_CAT_SPELLING);
    ck_assert(!fix_applies(&spell)); /* a guess */
    mtl_finding ok = fnd(0, 1, "x", MTL_ERROR, MTL_CAT_LOCALE);
    ck_assert(fix_applies(&ok));
}
END_TEST

START_TEST(edits_apply_in_order_and_skip_overlaps) {
    const char *t = "The the ruler said 3,5 percent .";
    mtl_finding f[] = {
        fnd(0, 7, "The", MTL_WARNING, MTL_CAT_GRAMMAR),
        fnd(4, 9, "the president", MTL_WARNING, MTL_CAT_TERMINOLOGY), /* overlaps the first */
        fnd(19, 3, "3.5", MTL_WARNING, MTL_CAT_LOCALE),
        fnd(30, 2, ".", MTL_WARNING, MTL_CAT_PUNCTUATION),
    };
    bool fixed[4];
    size_t n, count;
    char *out = fix_apply(t, strlen(t), f, 4, fixed, &n, &count);
    ck_assert_str_eq(out, "The ruler said 3.5 percent.");
    ck_assert_uint_eq(n, strlen(out));
    ck_assert_uint_eq(count, 3);
    ck_assert(fixed[0] && !fixed[1] && fixed[2] && fixed[3]);
    free(out);
}
END_TEST

static char dir[256];

static void make_dir(void) {
    snprintf(dir, sizeof dir, "/tmp/mtlint-fix-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static size_t entries(const char *d) {
    DIR *dp = opendir(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL)
        if (de->d_name[0] != '.') n++;
    closedir(dp);
    return n;
}

START_TEST(rewrite_keeps_mode_and_leaves_no_temporary) {
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old text\n", fp);
    fclose(fp);
    chmod(path, 0640);
    char err[256];
    ck_assert(fix_write_file(path, "new text\n", 9, err, sizeof err));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    buf b = {0};
    fp = fopen(path, "r");
    char chunk[64];
    size_t k = fread(chunk, 1, sizeof chunk, fp);
    fclose(fp);
    buf_append(&b, chunk, k);
    ck_assert_str_eq(b.data, "new text\n");
    ck_assert_uint_eq(entries(dir), 1);
    buf_free(&b);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(failed_rewrite_leaves_the_original) {
    char err[256];
    /* where no temporary file can be made: even root cannot create files
     * in /proc */
    ck_assert(!fix_write_file("/proc/version", "new\n", 4, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "temporary file"));
    if (geteuid() == 0) return; /* root writes into read-only directories */
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old\n", fp);
    fclose(fp);
    chmod(dir, 0500);
    ck_assert(!fix_write_file(path, "new\n", 4, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "cannot fix"));
    chmod(dir, 0700);
    ck_assert_uint_eq(entries(dir), 1);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(missing_file_is_an_error) {
    char err[256];
    ck_assert(!fix_write_file("/nonexistent/dir/a.txt", "x", 1, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

/* The command end to end: --fix rewrites a copy of a sample article and
 * reports only what it could not fix. */
START_TEST(cli_fixes_a_file) {
    const char *bin = getenv("MTLINT_BIN");
    if (!bin) bin = test_path("mtlint");
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("Prices rose 3,5 percent , the the minister said.\n", fp);
    fclose(fp);
    char *cmd = xasprintf("%s --fix --no-spell -q %s > %s/out.txt 2>&1", bin, path, dir);
    int rc = system(cmd);
    ck_assert_int_eq(WEXITSTATUS(rc), 0); /* everything was fixed */
    fp = fopen(path, "r");
    char got[256] = "";
    ck_assert_ptr_nonnull(fgets(got, sizeof got, fp));
    fclose(fp);
    ck_assert_str_eq(got, "Prices rose 3.5 percent, the minister said.\n");
    char *out = xasprintf("%s/out.txt", dir);
    struct stat st;
    ck_assert_int_eq(stat(out, &st), 0);
    ck_assert_int_eq(st.st_size, 0); /* nothing left to report */
    ck_assert_uint_eq(entries(dir), 2);
    unlink(out);
    unlink(path);
    rmdir(dir);
    free(out);
    free(cmd);
    free(path);
}
END_TEST

static Suite *fix_suite(void) {
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, only_single_safe_suggestions_apply);
    tcase_add_test(tc, edits_apply_in_order_and_skip_overlaps);
    tcase_add_test(tc, rewrite_keeps_mode_and_leaves_no_temporary);
    tcase_add_test(tc, failed_rewrite_leaves_the_original);
    tcase_add_test(tc, missing_file_is_an_error);
    tcase_add_test(tc, cli_fixes_a_file);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(fix_suite)
