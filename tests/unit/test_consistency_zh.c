/* test_consistency_zh.c - Source.Consistency with a Chinese source: two
 * similar renderings of one name of the source are reported (the rarer),
 * two people with similar names are not. One table of source/target
 * pairs, one line a segment. */
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "testutil.h"

typedef struct zh_case {
    const char *source, *target;
    const char *want; /* "Rule=match" of each finding of the two rules, " | " between; "" for none */
} zh_case;

static const zh_case cases[] = {
    /* one person, once written otherwise: the rarer rendering */
    {"李学柱昨天视察了工厂。\n李学柱表示，项目进展顺利。\n工人们向李学柱提出了建议。\n",
     "Li Xuezhu inspected the factory yesterday.\nLi Xuezhu said the project was going well.\n"
     "The workers made suggestions to Li Xuejun.\n",
     "Source.Consistency=Li Xuejun"},
    /* two people: 李学军 is not 李学柱 */
    {"李学柱昨天视察了工厂。\n李学柱表示，项目进展顺利。\n工人们向李学军提出了建议。\n",
     "Li Xuezhu inspected the factory yesterday.\nLi Xuezhu said the project was going well.\n"
     "The workers made suggestions to Li Xuejun.\n",
     ""},
    /* a spelling one letter off: the source confirms it is one name, and
     * only Source.Consistency says so */
    {"习近平周一发表讲话。\n习近平周二前往莫斯科。\n习近平周五回国。\n",
     "Xi Jinping spoke on Monday.\nXi Jingping left for Moscow on Tuesday.\nXi Jinping returned on Friday.\n",
     "Source.Consistency=Xi Jingping"},
    /* one letter off, which the English alone takes for one name, but
     * the source names two people (刘建华, 刘建辉): nothing */
    {"刘建华周一发表讲话。\n刘建华周二前往莫斯科。\n刘建辉周五回国。\n",
     "Liu Jianhua spoke on Monday.\nLiu Jianhua left for Moscow on Tuesday.\nLiu Jianhui returned on Friday.\n",
     ""},
    /* a name the source writes in other characters than its pinyin (a
     * foreign name): Names.Inconsistent decides from the English */
    {"约翰逊周一发表讲话。\n约翰逊周二前往莫斯科。\n约翰逊周五回国。\n",
     "Boris Johnson spoke on Monday.\nBoris Johnsen left for Moscow on Tuesday.\nBoris Johnson returned on Friday.\n",
     "Names.Inconsistent=Boris Johnsen"},
    /* the surname garbled by the MT, the given name as the source reads
     * (郑永刚, zheng yong gang): still one name of the source */
    {"郑永刚创办了这家公司。\n郑永刚回忆说，当年很难。\n郑永刚去年退休。\n",
     "Yang Yonggang founded the company.\nYang Yonggang recalled that those years were hard.\n"
     "Yang Yongkang retired last year.\n",
     "Source.Consistency=Yang Yongkang"},
    /* a piece of the name (刘建 of 刘建华) is not read as the whole */
    {"刘建华周一发表讲话。\n刘建华周二前往莫斯科。\n刘建周五回国。\n",
     "Liu Jianhua spoke on Monday.\nLiu Jianhua left for Moscow on Tuesday.\nLiu Jian returned on Friday.\n", ""},
    /* both in one segment: two people */
    {"李学柱和李学军昨天视察了工厂。\n李学柱表示，项目进展顺利。\n",
     "Li Xuezhu and Li Xuejun inspected the factory yesterday.\nLi Xuezhu said the project was going well.\n", ""},
};

typedef struct got {
    char text[1024];
} got;

static void on_finding(mtl_sink *s, const mtl_finding *f) {
    got *g = (got *)(void *)s->out;
    if (strcmp(f->rule, "Source.Consistency") && strcmp(f->rule, "Names.Inconsistent")) return;
    size_t n = strlen(g->text);
    snprintf(g->text + n, sizeof g->text - n, "%s%s=%.*s", n ? " | " : "", f->rule, (int)f->match_len, f->match);
}
static void on_begin(mtl_sink *s, const char *p) { (void)s, (void)p; }
static void on_error(mtl_sink *s, const char *p, const char *m) {
    (void)s;
    ck_abort_msg("%s: %s", p, m);
}
static void on_end(mtl_sink *s) { (void)s; }

START_TEST(test_zh) {
    const zh_case *c = &cases[_i];
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .source_lang = "zh"};
    mtl_diags d = {0};
    mtl_engine *e = mtl_engine_open(&cfg, &d);
    ck_assert_ptr_nonnull(e);
    mtl_diags_free(&d);
    got g = {{0}};
    mtl_sink sink = {.begin_file = on_begin, .finding = on_finding, .file_error = on_error, .end_file = on_end,
                     .out = (FILE *)(void *)&g};
    mtl_pair pair = {.path = "source.txt", .bytes = c->source, .len = strlen(c->source), .lang = "zh",
                     .align = MTL_ALIGN_LINES};
    mtl_summary sum = {0};
    char err[256];
    ck_assert_int_eq(mtl_engine_check_pair(e, "target.txt", NULL, c->target, strlen(c->target), &pair, &sink, &sum,
                                           err, sizeof err),
                     MTL_OK);
    ck_assert_msg(strcmp(g.text, c->want) == 0, "case %d: got \"%s\", want \"%s\"", _i, g.text, c->want);
    mtl_engine_close(e);
}
END_TEST

static Suite *zh_suite(void) {
    Suite *s = suite_create("consistency_zh");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_zh, 0, (int)(sizeof cases / sizeof *cases));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(zh_suite)
