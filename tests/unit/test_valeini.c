/* .vale.ini: its glob sections, its keys, and what it warns about. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "util.h"
#include "valeini.h"

static const struct {
    const char *glob, *path;
    bool match;
} GLOBS[] = {
    {"*", "doc.md", true},
    {"*", "", true},
    {"*.md", "doc.md", true},
    {"*.md", "dir/doc.md", true},       /* the last component */
    {"*.md", "doc.txt", false},
    {"*.{md,txt}", "doc.txt", true},
    {"*.{md,txt}", "doc.rst", false},
    {"*.{md,txt}", "x/doc.md", true},
    {"docs/*.md", "docs/a.md", true},   /* the path as given */
    {"docs/*.md", "blog/a.md", false},
    {"[ab].md", "b.md", true},
    {"?.md", "ab.md", false},
};

START_TEST(globs_take_files) {
    for (size_t i = 0; i < sizeof GLOBS / sizeof GLOBS[0]; i++)
        ck_assert_msg(vale_glob_match(GLOBS[i].glob, GLOBS[i].path) == GLOBS[i].match, "%s ~ %s", GLOBS[i].glob,
                      GLOBS[i].path);
}
END_TEST

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(keys_sections_and_warnings) {
    char dir[] = "/tmp/mtl-vale-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *styles = xasprintf("%s/styles", dir), *voc = xasprintf("%s/styles/config", dir),
         *vocs = xasprintf("%s/styles/config/vocabularies", dir), *news = xasprintf("%s/styles/config/vocabularies/News", dir);
    ck_assert_int_eq(mkdir(styles, 0755), 0);
    ck_assert_int_eq(mkdir(voc, 0755), 0);
    ck_assert_int_eq(mkdir(vocs, 0755), 0);
    ck_assert_int_eq(mkdir(news, 0755), 0);
    char *accept = xasprintf("%s/accept.txt", news), *reject = xasprintf("%s/reject.txt", news);
    write_file(accept, "Zorblax\n");
    write_file(reject, "thing\n");
    char *ini = xasprintf("%s/.vale.ini", dir);
    write_file(ini, "; comment\nStylesPath = styles/\nMinAlertLevel = suggestion\nVocab = News, Gone\n"
                    "Packages = Google\n\n[*.{md,txt}]\nBasedOnStyles = Vale, Sty\nSty.A = NO\n"
                    "Sty.B = error\nSty.C = maybe\nno equals sign\n");
    vale_ini v;
    mtl_diags w = {0};
    ck_assert(vale_ini_load(ini, &v, &w));
    ck_assert_str_eq(v.styles_path, styles); /* against the file's directory, without the trailing '/' */
    ck_assert(v.has_min);
    ck_assert_int_eq(v.min, MTL_INFO);
    ck_assert_uint_eq(v.vocab_words.n, 1);
    ck_assert_str_eq(v.vocab_words.v[0], accept);
    ck_assert_uint_eq(v.vocab_reject.n, 1); /* Vale.Avoid's terms */
    ck_assert_str_eq(v.vocab_reject.v[0], reject);
    ck_assert_uint_eq(v.sections.n, 1);
    const vale_section *s = &v.sections.v[0];
    ck_assert_str_eq(s->glob, "*.{md,txt}");
    ck_assert_uint_eq(s->styles.n, 2);
    ck_assert_str_eq(s->styles.v[1], "Sty");
    ck_assert_uint_eq(s->rules.n, 2);
    ck_assert(s->rules.v[0].off);
    ck_assert(!s->rules.v[1].off && !s->rules.v[1].on);
    ck_assert_int_eq(s->rules.v[1].level, MTL_ERROR);
    const char *want[] = {
        "5: warning: Packages is not supported by mtlint; ignored",
        "11: warning: Sty.C must be YES, NO, suggestion, warning or error, not 'maybe'; ignored",
        "12: warning: expected 'key = value'; ignored",
        "4: warning: Vocab Gone: no such vocabulary under StylesPath; ignored",
    };
    ck_assert_uint_eq(w.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < w.n; i++) {
        char *m = xasprintf("%s:%s", ini, want[i]);
        ck_assert_str_eq(w.msg[i], m);
        free(m);
    }
    vale_ini_free(&v);
    mtl_diags_free(&w);
    remove(accept);
    remove(reject);
    remove(ini);
    rmdir(news);
    rmdir(vocs);
    rmdir(voc);
    rmdir(styles);
    rmdir(dir);
    free(accept);
    free(reject);
    free(ini);
    free(news);
    free(vocs);
    free(voc);
    free(styles);
}
END_TEST

static Suite *valeini_suite(void) {
    Suite *s = suite_create("valeini");
    TCase *tc = tcase_create("valeini");
    tcase_add_test(tc, globs_take_files);
    tcase_add_test(tc, keys_sections_and_warnings);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(valeini_suite)
