/* test_langid.c - language identification on short news paragraphs
 * written for this test, one table; then the error for a missing
 * fingerprint directory. */
#include <stdlib.h>
#include <string.h>

#include "langid.h"
#include "testutil.h"

typedef struct langid_case {
    const char *text;
    const char *want; /* NULL: unsure */
} langid_case;

static const langid_case cases[] = {
    {"El presidente anunció ayer en Lima que el gobierno invertirá mil millones de dólares "
     "en nuevas carreteras durante los próximos cuatro años.",
     "es"},
    {"La alcaldesa de Sevilla pidió a los vecinos que ahorren agua mientras dure la sequía, "
     "la peor que recuerda la región en medio siglo.",
     "es"},
    {"Le ministre a déclaré mardi que la réforme des retraites serait votée avant la fin de "
     "l'année, malgré l'opposition des syndicats.",
     "fr"},
    {"Les pompiers ont maîtrisé dans la nuit l'incendie qui menaçait plusieurs villages du "
     "sud de la France depuis dimanche.",
     "fr"},
    {"Die Regierung hat am Montag neue Maßnahmen gegen die steigenden Energiepreise "
     "beschlossen, teilte ein Sprecher in Berlin mit.",
     "de"},
    {"Nach dem schweren Unwetter blieben zahlreiche Straßen in Bayern auch am Mittwoch "
     "gesperrt, wie die Polizei mitteilte.",
     "de"},
    {"国家统计局周三公布的数据显示，今年前三个季度国内生产总值同比增长百分之五。", "zh"},
    {"新华社北京电 外交部发言人在例行记者会上表示，中方愿同各方加强沟通与合作。", "zh"},
    {"The central bank raised interest rates on Thursday for the third time this year, "
     "citing stubborn inflation in services.",
     "en"},
    {"Rescue teams were still searching for survivors on Sunday after the ferry capsized "
     "off the coast during a storm.",
     "en"},
    {"Il governo ha approvato ieri la nuova legge sul lavoro dopo un lungo dibattito in "
     "parlamento.",
     "it"},
    {"O presidente disse nesta segunda-feira que o governo vai investir mais em escolas "
     "públicas no interior do país.",
     "pt"},
    {"Hola", NULL},
    {"", NULL},
};

START_TEST(test_detect) {
    char err[256] = "";
    langid *li = langid_open(NULL, err, sizeof err);
    ck_assert_msg(li != NULL, "%s", err);
    const langid_case *c = &cases[_i];
    const char *got = langid_detect(li, c->text, strlen(c->text));
    ck_assert_msg(c->want ? got && !strcmp(got, c->want) : got == NULL,
                  "\"%.40s...\": got %s, want %s", c->text, got ? got : "NULL",
                  c->want ? c->want : "NULL");
    langid_close(li);
}
END_TEST

START_TEST(test_missing_dir) {
    char err[256] = "";
    langid *li = langid_open("/nonexistent/fingerprints", err, sizeof err);
    ck_assert_ptr_null(li);
    ck_assert_msg(strstr(err, "/nonexistent/fingerprints/fpdb.conf") != NULL, "%s", err);
}
END_TEST

static Suite *langid_suite(void) {
    Suite *s = suite_create("langid");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_detect, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, test_missing_dir);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(langid_suite)
