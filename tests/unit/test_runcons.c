/* test_runcons.c - --consistency run: the decision over the renderings
 * of several files, one table of runs. */
#include <stdlib.h>
#include <string.h>

#include "runcons.h"
#include "testutil.h"
#include "util.h"

/* A run: files separated by '|', renderings by ';'. A rendering is
 * "key=Text" (Source.Consistency), "Text" (Names.Inconsistent) or
 * "*Text" (Names.Inconsistent, written so in the file's source). want:
 * "file.index" of each rendering reported, in the order reported; msg:
 * a piece of the first message. */
typedef struct run_case {
    const char *run, *want, *msg;
} run_case;

static const run_case cases[] = {
    /* the rarer rendering of a source name, naming the usual one and its file */
    {"papadimos=Papadimos;papadimos=Papadimos|papadimos=Papademos|papadimos=Papadimos", "1.0",
     "the source's 'papadimos' is 'Papademos' here and 'Papadimos' in f0 (3 times in the run)"},
    /* as frequent: the later one */
    {"papadimos=Papademos|papadimos=Papadimos", "1.0", "'Papademos' in f0 (1 time in the run)"},
    /* the usual one in the same file */
    {"x=Larrazabal;x=Larrazábal;x=Larrazábal", "0.0", "elsewhere in this file"},
    /* two source names are two names */
    {"li wei=Li Wei|li wen=Li Wen", "", NULL},
    /* a name of the English alone, spelled two ways across files */
    {"Xi Jinping;Xi Jinping|Xi Jingping|Xi Jinping", "1.0",
     "'Xi Jingping' here, 'Xi Jinping' in f0 (3 times in the run): one name spelled two ways?"},
    /* a rarer name close to two others: once, naming the more frequent */
    {"Liu Jianhua;Liu Jianhua|Liu Jianhui|Liu Jianhuo", "1.0 2.0", "'Liu Jianhui' here, 'Liu Jianhua' in f0"},
    /* different people with similar names */
    {"Kim Jong-un|Kim Yo-jong|Kim Jong-il", "", NULL},
    /* both written so in the sources: two names */
    {"*Li Wenliang|*Li Wenjiang", "", NULL},
    /* one written so in a source, the other not: still one name */
    {"*Xi Jinping;*Xi Jinping|Xi Jingping", "1.0", NULL},
    /* a name broken across lines is the name with a space */
    {"Xi\nJinping;Xi\nJinping|Xi Jingping", "1.0", "'Xi Jinping' in f0"},
    /* a line break inside a word run is no word to compare */
    {"Barcelona\n\nWere|Barcelona In", "", NULL},
    /* the two rules do not mix */
    {"xi jinping=Xi Jinping;xi jinping=Xi Jinping|Xi Jingping", "", NULL},
};

typedef struct got {
    buf reported;
    char *first;
} got;

static void collect(void *ctx, size_t file, size_t index, char *message) {
    got *g = ctx;
    buf_printf(&g->reported, "%s%zu.%zu", g->reported.len ? " " : "", file, index);
    if (!g->first) g->first = message;
    else free(message);
}

START_TEST(test_decide) {
    const run_case *c = &cases[_i];
    runcons *rc = runcons_open();
    char *spec = xstrdup(c->run);
    size_t file = 0;
    for (char *f = spec, *fe; f; f = fe ? fe + 1 : NULL, file++) {
        fe = strchr(f, '|');
        if (fe) *fe = '\0';
        mtl_rendering r[8];
        size_t n = 0;
        for (char *x = f, *xe; x && n < 8; x = xe ? xe + 1 : NULL) {
            xe = strchr(x, ';');
            if (xe) *xe = '\0';
            char *eq = strchr(x, '=');
            mtl_rendering one = {.at = {.rule = eq ? "Source.Consistency" : "Names.Inconsistent"}};
            if (eq) {
                *eq = '\0';
                one.key = x;
                x = eq + 1;
            } else if (*x == '*') {
                one.in_source = true;
                x++;
            }
            one.at.match = x;
            one.at.match_len = strlen(x);
            r[n++] = one;
        }
        char name[16];
        snprintf(name, sizeof name, "f%zu", file);
        runcons_add(rc, file, name, r, n);
    }
    got g = {0};
    runcons_decide(rc, collect, &g);
    const char *reported = g.reported.data ? g.reported.data : "";
    ck_assert_msg(strcmp(reported, c->want) == 0, "case %d: reported \"%s\", want \"%s\"", _i, reported, c->want);
    if (c->msg) ck_assert_msg(g.first && strstr(g.first, c->msg), "case %d: message \"%s\" lacks \"%s\"", _i,
                              g.first ? g.first : "(none)", c->msg);
    free(g.first);
    buf_free(&g.reported);
    free(spec);
    runcons_close(rc);
}
END_TEST

static Suite *runcons_suite(void) {
    Suite *s = suite_create("runcons");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 10);
    tcase_add_loop_test(tc, test_decide, 0, (int)(sizeof cases / sizeof *cases));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(runcons_suite)
