/* afile: atomic replacement of a file, the one writer behind --fix, the
 * language server's files and the build's compiled files. One table of
 * cases: what is there before, how the write ends, what must be there
 * after. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "testutil.h"
#include "util.h"

typedef enum { BEFORE_NONE, BEFORE_FILE, BEFORE_LINK, BEFORE_NO_DIR } before_kind;
typedef enum { END_COMMIT, END_ABORT, END_REPLACE } end_kind;

static const struct {
    const char *name;
    before_kind before;
    mode_t mode;        /* of the file before; 0: none */
    end_kind end;
    bool ok;            /* what open + commit (or replace) return */
    const char *after;  /* contents of the target after; NULL: no file */
    mode_t after_mode;  /* 0: the umask's default */
    size_t entries;     /* files in the directory after: no temporary left */
    bool must_exist;    /* the option that refuses to create a file */
} cases[] = {
    {"new file gets the umask's mode", BEFORE_NONE, 0, END_COMMIT, true, "new", 0, 1, false},
    {"old file keeps its mode", BEFORE_FILE, 0640, END_COMMIT, true, "new", 0640, 1, false},
    {"a read-only file is still replaced", BEFORE_FILE, 0444, END_REPLACE, true, "new", 0444, 1, false},
    {"through a link, the target is replaced", BEFORE_LINK, 0600, END_COMMIT, true, "new", 0600, 2, false},
    {"abort leaves the old file", BEFORE_FILE, 0600, END_ABORT, false, "old", 0600, 1, false},
    {"abort leaves no new file", BEFORE_NONE, 0, END_ABORT, false, NULL, 0, 0, false},
    {"missing directory: no temporary file", BEFORE_NO_DIR, 0, END_COMMIT, false, NULL, 0, 0, false},
    {"must exist, and does: replaced", BEFORE_FILE, 0600, END_COMMIT, true, "new", 0600, 1, true},
    {"must exist, and does not: nothing made", BEFORE_NONE, 0, END_COMMIT, false, NULL, 0, 0, true},
};

static void put(const char *path, const char *text, mode_t mode) {
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
    ck_assert_int_eq(chmod(path, mode), 0);
}

START_TEST(replacement_table) {
    char dir[] = "/tmp/mtlint-afile-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *target = xasprintf("%s/a.txt", dir);
    char *link = xasprintf("%s/link.txt", dir);
    char *missing = xasprintf("%s/none/a.txt", dir);
    const char *path = target;
    switch (cases[_i].before) {
    case BEFORE_NONE: break;
    case BEFORE_FILE: put(target, "old", cases[_i].mode); break;
    case BEFORE_LINK:
        put(target, "old", cases[_i].mode);
        ck_assert_int_eq(symlink("a.txt", link), 0);
        path = link;
        break;
    case BEFORE_NO_DIR: path = missing; break;
    }
    mode_t um = umask(022);
    bool ok;
    if (cases[_i].end == END_REPLACE) {
        ok = afile_replace(path, "new", 3, (afile_opts){.sync = true});
    } else {
        afile *f = afile_open(path, (afile_opts){.keep_owner = true, .must_exist = cases[_i].must_exist});
        if (!f && cases[_i].must_exist) ck_assert_int_eq(errno, ENOENT);
        if (f) ck_assert_uint_eq(afile_old_links(f), cases[_i].before == BEFORE_NONE ? 0 : 1);
        ok = f && afile_write(f, "new", 3);
        if (f && cases[_i].end == END_ABORT) {
            afile_abort(f);
            ok = false;
        } else if (f) {
            ok = afile_commit(f) && ok;
        }
        if (cases[_i].before == BEFORE_NO_DIR) ck_assert_int_eq(errno, ENOENT);
    }
    umask(um);
    ck_assert_msg(ok == cases[_i].ok, "%s: returned %d", cases[_i].name, ok);
    struct stat st;
    if (cases[_i].after) {
        char got[16] = {0};
        FILE *fp = fopen(target, "r");
        ck_assert_ptr_nonnull(fp);
        ck_assert_uint_le(fread(got, 1, sizeof got - 1, fp), 3);
        fclose(fp);
        ck_assert_msg(strcmp(got, cases[_i].after) == 0, "%s: contents %s", cases[_i].name, got);
        ck_assert_int_eq(stat(target, &st), 0);
        mode_t want = cases[_i].after_mode ? cases[_i].after_mode : 0644;
        ck_assert_msg((st.st_mode & 07777) == want, "%s: mode %o", cases[_i].name, st.st_mode & 07777);
    } else {
        ck_assert_int_ne(stat(target, &st), 0);
    }
    if (cases[_i].before == BEFORE_LINK) { /* the link is still a link */
        ck_assert_int_eq(lstat(link, &st), 0);
        ck_assert(S_ISLNK(st.st_mode));
    }
    ck_assert_msg(test_dir_entries(dir) == cases[_i].entries, "%s: %zu entries", cases[_i].name, test_dir_entries(dir));
    unlink(link);
    unlink(target);
    rmdir(dir);
    free(target);
    free(link);
    free(missing);
}
END_TEST

static Suite *afile_suite(void) {
    Suite *s = suite_create("afile");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, replacement_table, 0, (int)(sizeof cases / sizeof *cases));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(afile_suite)
