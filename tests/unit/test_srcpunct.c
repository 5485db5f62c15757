/* test_srcpunct.c - final marks and counts of a segment in several
 * scripts, then what a target loses or gains against its source; one
 * table each. */
#include <stdlib.h>
#include <string.h>

#include "srcpunct.h"
#include "testutil.h"
#include "util.h"

typedef struct scan_case {
    const char *text;
    srcpunct_end end;
    const char *at; /* the text from the final mark on; NULL: none */
    unsigned q, x, p, quotes;
} scan_case;

static const scan_case scan_cases[] = {
    {"El Gobierno subió los impuestos.", SRCPUNCT_END_PERIOD, ".", 0, 0, 0, 0},
    {"¿Subirá los impuestos?", SRCPUNCT_END_QUESTION, "?", 1, 0, 0, 0},
    {"«¿Quién lo pagará?», preguntó.", SRCPUNCT_END_PERIOD, ".", 1, 0, 0, 1},
    {"«¿Quién lo pagará?»", SRCPUNCT_END_QUESTION, "?»", 1, 0, 0, 1},
    {"谁来买单？", SRCPUNCT_END_QUESTION, "？", 1, 0, 0, 0},
    {"他说：「我们会赢！」", SRCPUNCT_END_EXCLAMATION, "！」", 0, 1, 0, 1},
    {"Ventas récord en Navidad", SRCPUNCT_END_NONE, NULL, 0, 0, 0, 0},
    {"Las cifras son las siguientes:", SRCPUNCT_END_COLON, ":", 0, 0, 0, 0},
    {"主要措施如下：", SRCPUNCT_END_COLON, "：", 0, 0, 0, 0},
    {"¡No puede ser!?", SRCPUNCT_END_QUESTION, "?", 1, 1, 0, 0},
    {"Y luego...", SRCPUNCT_END_ELLIPSIS, ".", 0, 0, 0, 0},
    {"La ONU (Naciones Unidas) y la OEA (Organización de Estados Americanos).",
     SRCPUNCT_END_PERIOD, ".", 0, 0, 2, 0},
    {"Er sagte: „Wir schaffen das.“", SRCPUNCT_END_PERIOD, ".“", 0, 0, 0, 1},
    {"\"Yes,\" he said, \"we will.\"  ", SRCPUNCT_END_PERIOD, ".\"  ", 0, 0, 0, 2},
    {"", SRCPUNCT_END_NONE, NULL, 0, 0, 0, 0},
    /* marks well past the first sixteen bytes, ASCII and not, found in a skim */
    {"Una frase larga sin una sola marca hasta aquí, y después (una) ¿pregunta? y ¡otra! \"cita\" «y otra» "
     "de más de dieciséis bytes?",
     SRCPUNCT_END_QUESTION, "?", 2, 1, 1, 2},
};

START_TEST(test_scan) {
    const scan_case *c = &scan_cases[_i];
    srcpunct p;
    size_t n = strlen(c->text);
    srcpunct_scan(c->text, n, &p);
    ck_assert_int_eq(p.end, c->end);
    ck_assert_str_eq(c->text + p.end_at, c->at ? c->at : "");
    ck_assert_uint_eq(p.questions, c->q);
    ck_assert_uint_eq(p.exclamations, c->x);
    ck_assert_uint_eq(p.parens, c->p);
    ck_assert_uint_eq(p.quotations, c->quotes);
}
END_TEST

typedef struct compare_case {
    const char *src, *tgt;
    unsigned want;
} compare_case;

static const compare_case compare_cases[] = {
    {"¿Subirá los impuestos?", "Will he raise taxes?", 0},
    {"¿Subirá los impuestos?", "He will raise taxes.", SRCPUNCT_QUESTION_LOST},
    {"谁来买单？", "Who will pay?", 0},
    {"谁来买单？", "Who will pay.", SRCPUNCT_QUESTION_LOST},
    {"¡Basta ya!", "Enough!", 0},
    {"¡Basta ya!", "Enough.", SRCPUNCT_EXCLAMATION_LOST},
    {"Ventas récord en Navidad", "Record sales at Christmas", 0},
    {"Ventas récord en Navidad", "Record sales at Christmas.", SRCPUNCT_PERIOD_ADDED},
    {"主要措施如下：", "The main measures are as follows:", 0},
    {"主要措施如下：", "The main measures are as follows.", SRCPUNCT_COLON_LOST},
    {"La OEA (Organización de Estados Americanos) votó.", "The OAS voted.", SRCPUNCT_PARENS_LOST},
    {"«Ganaremos», dijo.", "“We will win,” he said.", 0},
    {"«Ganaremos», dijo.", "He said they would win.", SRCPUNCT_QUOTE_LOST},
    {"Dijo que ganarían.", "He said: “We will win.”", SRCPUNCT_QUOTE_ADDED},
    {"«¿Ganaremos?», preguntó (en voz baja).", "He asked whether they would win.",
     SRCPUNCT_QUESTION_LOST | SRCPUNCT_PARENS_LOST | SRCPUNCT_QUOTE_LOST},
};

START_TEST(test_compare) {
    const compare_case *c = &compare_cases[_i];
    srcpunct s, t;
    srcpunct_scan(c->src, strlen(c->src), &s);
    srcpunct_scan(c->tgt, strlen(c->tgt), &t);
    unsigned got = srcpunct_compare(&s, &t);
    ck_assert_msg(got == c->want, "\"%s\" -> \"%s\": got %#x, want %#x", c->src, c->tgt, got, c->want);
    for (unsigned bit = 1; bit && bit <= got; bit <<= 1)
        if (got & bit) ck_assert_ptr_nonnull(srcpunct_message(bit));
}
END_TEST

static Suite *srcpunct_suite(void) {
    Suite *s = suite_create("srcpunct");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_scan, 0, (int)(sizeof scan_cases / sizeof *scan_cases));
    tcase_add_loop_test(tc, test_compare, 0, (int)(sizeof compare_cases / sizeof *compare_cases));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(srcpunct_suite)
