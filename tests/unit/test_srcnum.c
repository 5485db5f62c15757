/* test_srcnum.c - the number normaliser. Three tables: what srcnum_find
 * reads in each language (span, value, kind), which source numbers a
 * target misses (both directions), and the message for the first one. */
#include <stdlib.h>
#include <string.h>

#include "srcnum.h"
#include "testutil.h"
#include "util.h"

/* "span=value" per number, kind appended unless plain: "3,5 %=3.5:percent" */
static char *describe(const char *lang, const char *text) {
    srcnum_list l = {0};
    srcnum_find(lang, text, strlen(text), &l);
    buf b = {0};
    for (size_t k = 0; k < l.n; k++) {
        const srcnum *sn = &l.v[k];
        buf_printf(&b, "%s%.*s=%.15g", k ? " | " : "", (int)(sn->end - sn->start),
                   text + sn->start, sn->value);
        if (sn->kind != SRCNUM_PLAIN) buf_printf(&b, ":%s", srcnum_kind_name(sn->kind));
    }
    VEC_FREE(l);
    return buf_steal(&b);
}

typedef struct find_case {
    const char *lang, *text, *want;
} find_case;

static const find_case find_cases[] = {
    /* separators, group-of-three rule */
    {"es", "Costó 1.500 euros.", "1.500=1500"},
    {"es", "Creció un 1.5 en mayo.", "1.5=1.5 | mayo=5:month"},
    {"es", "La tasa fue 3,5.", "3,5=3.5"},
    {"es", "Un 3,500 de media.", "3,500=3.5"},
    {"es", "Hay 1.500.000 votantes.", "1.500.000=1500000"},
    {"es", "Pagó 1.500,75 pesos.", "1.500,75=1500.75"},
    {"es", "Unos 15 000 asistentes.", "15 000=15000"},
    {"fr", "Environ 15 000 personnes.", "15 000=15000"},
    {"fr", "Environ 15\u00a0000 personnes.", "15\u00a0000=15000"},
    {"fr", "Soit 2\u202f500,5 euros.", "2\u202f500,5=2500.5"},
    {"fr", "Une hausse de 3,5 %.", "3,5 %=3.5:percent"},
    {"de", "Es kostet 1.234,56 Euro.", "1.234,56=1234.56"},
    {"it", "Sono 2.300 persone.", "2.300=2300"},
    {"pt", "São 2,5 pontos.", "2,5=2.5"},
    {"en", "It cost 1,500 dollars.", "1,500=1500"},
    {"en", "From 59 000 to 46 000 sites, 1 224 km.", "59 000=59000 | 46 000=46000 | 1 224=1224"},
    {"en", "Growth was 3.5 points.", "3.5=3.5"},
    {"en", "A rare 1.500 reading.", "1.500=1.5"},
    {"en", "In 2023 150 people came.", "2023=2023:year | 150=150"},
    {"en", "Turnout was 1,234,567.5 votes.", "1,234,567.5=1234567.5"},
    /* scale words */
    {"es", "Invirtió 1.500 millones de dólares.", "1.500 millones=1500000000"},
    {"es", "Más de mil millones de personas.", "mil millones=1000000000"},
    {"es", "Unos 3 millardos y 2 billones.", "3 millardos=3000000000 | 2 billones=2000000000000"},
    {"es", "Costó dos millones y 500 mil euros.", "dos millones=2000000 | 500 mil=500000"},
    {"es", "Llegaron mil personas.", "mil=1000"},
    {"es", "Los dos presidentes.", ""},
    {"es", "Con 20 mdd de inversión.", "20 mdd=20000000"},
    {"es", "Unos 6,6 miles de millones.", "6,6 miles de millones=6600000000"},
    {"es", "Invirtió 17 mil 280 millones de pesos a 9 mil 200 pies.",
     "17 mil 280 millones=17280000000 | 9 mil 200=9200"},
    {"en", "Some 240 millions and 3 billions.", "240 millions=240000000 | 3 billions=3000000000"},
    {"fr", "Un budget de 2 milliards et 3 millions.", "2 milliards=2000000000 | 3 millions=3000000"},
    /* a half of the scale word, after it or (English) before it */
    {"es", "Llegaron un millón y medio de turistas.", "un millón y medio=1500000"},
    {"fr", "Deux millions et demi de visiteurs.", "Deux millions et demi=2500000"},
    {"en", "One and a half million tourists and a million and a half visitors.",
     "One and a half million=1500000 | a million and a half=1500000"},
    {"de", "Rund 4,5 Milliarden Euro und 2 Mio. Dollar.",
     "4,5 Milliarden=4500000000 | 2 Mio.=2000000"},
    {"en", "It raised $1.5 billion, then $2bn and £3m.",
     "1.5 billion=1500000000 | 2bn=2000000000 | 3m=3000000"},
    {"en", "Two million people and a thousand cars.", "Two million=2000000 | a thousand=1000"},
    {"en", "One trillion.", "One trillion=1000000000000"},
    /* Chinese */
    {"zh", "收入3.5万元。", "3.5万=35000"},
    {"zh", "投资1.2亿美元。", "1.2亿=120000000"},
    {"zh", "规模达2万亿元。", "2万亿=2000000000000"},
    {"zh", "共有三万五千人。", "三万五千=35000"},
    {"zh", "一百零五名乘客和十五辆车。", "一百零五=105 | 十五=15"},
    {"zh", "一亿二千万人口。", "一亿二千万=120000000"},
    {"zh", "千万不要一起去，万一下雨。", ""},
    {"zh", "增长百分之三十，即30%。", "百分之三十=30:percent | 30%=30:percent"},
    {"zh", "2023年5月3日，第3次会议。", "2023年=2023:year | 5月=5:month | 3日=3:day | 第3=3:ordinal"},
    {"zh", "二〇二三年第一季度。", "二〇二三年=2023:year | 第一=1:ordinal"},
    {"zh", "他工作了3年。", "3=3"},
    {"zh", "增长５％。", "５％=5:percent"},
    /* percent */
    {"es", "Subió un 5 por ciento y un 7%.", "5 por ciento=5:percent | 7%=7:percent"},
    {"fr", "Soit 12 pour cent.", "12 pour cent=12:percent"},
    {"en", "Up 5 percent, 6 per cent and 7%.",
     "5 percent=5:percent | 6 per cent=6:percent | 7%=7:percent"},
    {"en", "Five percent of voters.", "Five percent=5:percent"},
    {"en", "Up 2 percentage points.", "2=2"},
    /* English words */
    {"en", "Three men and twelve women, a dozen in all.",
     "Three=3 | twelve=12 | dozen=12"},
    {"en", "The first and the tenth.", "first=1:ordinal | tenth=10:ordinal"},
    {"en", "A thirty-nine year old, the twenty-first, fifteen and ninety.",
     "thirty-nine=39 | twenty-first=21:ordinal | fifteen=15 | ninety=90"},
    {"en", "One hundred million people.", "One hundred million=100000000"},
    {"en", "The 1960s, the 1980's and the nineties; a 5-million plan.",
     "1960s=1960:year | 1980's=1980:year | nineties=90 | 5-million=5000000"},
    {"en", "Someone tenthousand anyone.", ""},
    /* ordinals */
    {"en", "The 1st, 2nd, 3rd and 21st.", "1st=1:ordinal | 2nd=2:ordinal | 3rd=3:ordinal | 21st=21:ordinal"},
    {"es", "El 1.º y la 2.ª y el 3º.", "1.º=1:ordinal | 2.ª=2:ordinal | 3º=3:ordinal"},
    {"fr", "Le 2e tour et la 1re fois, le 21ème.", "2e=2:ordinal | 1re=1:ordinal | 21ème=21:ordinal"},
    /* years and days */
    {"es", "El 5 de marzo de 2024.", "5=5:day | marzo=3:month | 2024=2024:year"},
    {"fr", "Le 1er mars 2024.", "1er=1:day | mars=3:month | 2024=2024:year"},
    {"de", "Am 3. Oktober 1990.", "3=3:day | Oktober=10:month | 1990=1990:year"},
    {"en", "On March 5, 2024, and Jan. 12.", "March=3:month | 5=5:day | 2024=2024:year | Jan.=1:month | 12=12:day"},
    {"en", "You may go in May.", "May=5:month"},
    {"de", "Am 12.05.2023 um 10:30.", "12=12:day | 05=5:month | 2023=2023:year | 10=10 | 30=30"},
    {"es", "El 11/02/2023.", "11=11:day | 02=2:month | 2023=2023:year"},
    {"en", "On 02/11/2023.", "02=2 | 11=11 | 2023=2023:year"},
    {"zh", "2023-02-11 13:09:10", "2023=2023:year | 02=2:month | 11=11:day | 13=13 | 09=9 | 10=10"},
    {"zh", "1990 年 3 月，选举。", "1990 年=1990:year | 3 月=3:month"},
    {"zh", "尚有500余万的缺口，30多人。", "500余万=5000000 | 30=30"},
    {"zh", "（北京11日电）朝鲜8日晚间", "8日=8:day"},
    /* clock times */
    {"es", "A las 10.30 horas.", "10=10 | 30=30"},
    {"fr", "Vers 10h30 ce matin.", "10=10 | 30=30"},
    {"en", "At 10:30 a.m.", "10=10 | 30=30"},
    {"fr", "À 22h00 et à 14.00 heures.", "22=22 | 14=14"},
    {"en", "At 10:00 and at 15.30 hours.", "10=10 | 15=15 | 30=30"},
    /* names are not quantities */
    {"en", "The G20 and flight MH370 and COVID-19.", "19=19"},
    {"en", "It costs RMB5,000 or EUR20, not ABCRMB5.", "5,000=5000 | 20=20"},
    {"en", "Account 12345678901234567890, 2 items.", "2=2"},
    {"es", "Un 1. y un 2, sin más", "1=1 | 2=2"},
    /* words looked up by their first byte: a capital initial of a
     * lower-case entry, alternatives after the first, case kept where
     * the table has a capital, a language without tables of its own */
    {"es", "Dos millones. MIL MILLONES.", "Dos millones=2000000 | MIL MILLONES=1000000000"},
    {"de", "Im Jänner und am 3. Dezember.", "Jänner=1:month | 3=3:day | Dezember=12:month"},
    {"en", "Sept. 9 and Sep 10, not the sept.", "Sept.=9:month | 9=9:day | Sep=9:month | 10=10:day"},
    {"es", "Marzo y ENERO.", "Marzo=3:month | ENERO=1:month"},
    {"de", "Im märz, nicht im März.", "März=3:month"},
    {"xx", "1.500 and 3,5 dos millones.", "1.500=1.5 | 3,5=3.5"},
};

START_TEST(test_find) {
    const find_case *c = &find_cases[_i];
    char *got = describe(c->lang, c->text);
    ck_assert_msg(!strcmp(got, c->want), "%s \"%s\":\n  got  %s\n  want %s", c->lang, c->text,
                  got, c->want);
    free(got);
}
END_TEST

typedef struct compare_case {
    const char *src_lang, *src, *tgt_lang, *tgt;
    const char *missing; /* source spans the target lacks, " | " between */
} compare_case;

static const compare_case compare_cases[] = {
    {"es", "Invirtió 1.500 millones.", "en", "It invested 1.5 billion.", ""},
    {"es", "Invirtió 1.500 millones.", "en", "It invested 1,500 million.", ""},
    {"es", "Invirtió 1.500 millones.", "en", "It invested $1.5bn.", ""},
    {"es", "Invirtió 1.500 millones.", "en", "It invested 150 million.", "1.500 millones"},
    {"es", "Invirtió 1.500 millones.", "en", "It invested 1,500.", "1.500 millones"},
    {"es", "La tasa fue 3,5 %.", "en", "The rate was 3.5%.", ""},
    {"es", "La tasa fue 3,5 %.", "en", "The rate was 35%.", "3,5 %"},
    {"es", "La tasa fue 3,45 millones.", "en", "It was 3.5 million.", ""},
    {"es", "Fueron 3 millones.", "en", "It was 3.4 million.", "3 millones"},
    {"es", "Fueron 1,2 millones.", "en", "It was 1 million.", "1,2 millones"},
    {"es", "Fueron 1,48 millones.", "en", "It was 1.5 million.", ""},
    {"es", "A las 10.30 horas.", "en", "At 10:30 a.m.", ""},
    {"es", "A las 10.30 horas.", "en", "At 10:03 a.m.", "30"},
    {"es", "Había 5 personas.", "en", "There were five people.", ""},
    {"es", "A las 14 horas.", "en", "At 2 p.m.", ""},
    {"es", "A las 14 horas.", "en", "At 4 p.m.", "14"},
    {"es", "A las 2 horas.", "en", "At 2 a.m.", ""},
    {"es", "Una estrella de 39 años.", "en", "A thirty-nine year old star.", ""},
    {"es", "Un pedido de 18 mil millones.", "en", "An $18-billion order.", ""},
    {"es", "En los años 60 y los 90.", "en", "In the 1960s and the nineties.", ""},
    {"es", "En los años 60.", "en", "In the 1970s.", "60"},
    {"es", "En los años 1960.", "en", "In the sixties.", ""},
    {"es", "Había 60 personas.", "en", "There were 1960 people.", "60"},
    {"es", "Cien millones de hogares.", "en", "One hundred million households.", ""},
    {"es", "Unos 6,6 miles de millones de dólares.", "en", "About 6.6 billion dollars.", ""},
    {"es", "Unos 780 miles de millones.", "en", "Some 780 million.", "780 miles de millones"},
    {"es", "Había 5 personas.", "en", "There were four people.", "5"},
    {"es", "Subió un 5 por ciento.", "en", "It rose 5 percent.", ""},
    {"es", "El 1.º de la lista.", "en", "The first on the list.", ""},
    {"es", "El 5 de marzo de 2024.", "en", "On March 5, 2024.", ""},
    {"es", "El 5 de marzo de 2024.", "en", "On May 5, 2024.", "marzo"},
    {"es", "El 5 de marzo de 2024.", "en", "On March 5, 2023.", "2024"},
    {"fr", "Environ 15 000 personnes, soit 2 milliards.", "en",
     "About 15,000 people, or 2 billion.", ""},
    {"fr", "Le 2e tour.", "en", "The second round.", ""},
    {"de", "Es kostet 1.234,56 Euro.", "en", "It costs 1,234.56 euros.", ""},
    {"de", "Es kostet 1.234,56 Euro.", "en", "It costs 123,456 euros.", "1.234,56"},
    {"zh", "收入3.5万元。", "en", "Income was 35,000 yuan.", ""},
    {"zh", "收入3.5万元。", "en", "Income was 3.5 million yuan.", "3.5万"},
    {"zh", "投资1.2亿美元。", "en", "It invested $120 million.", ""},
    {"zh", "2023年5月3日", "en", "On May 3, 2023", ""},
    {"zh", "2023年5月3日", "en", "On March 5, 2023", "5月 | 3日"},
    {"zh", "增长百分之三十", "en", "Up 30 percent", ""},
    {"zh", "死亡人数攀升达 24,150 人。", "en", "The toll climbed to 24, 150 people.", ""},
    {"zh", "可获得人民币5000元补贴。", "en", "They can receive a subsidy of RMB5,000.", ""},
    {"zh", "中共二十大", "en", "the Twentieth National Congress", ""},
    {"zh", "预估的400万至600万人次", "en", "the estimate of 4 to 6 million", ""},
    {"zh", "预估的400万至600万人次", "en", "the estimate of 4 to 6", "400万 | 600万"},
    {"zh", "2023-02-11 13:09", "en", "February 11, 2023, 13:09", ""},
    {"es", "Entre 9.000 y 15.000 millones.", "en", "Between 9 and 15 billion.", ""},
    {"es", "Entre 9.000 y 15.000 millones.", "en", "Between 9,000 and 15 billion.", ""},
    /* the other direction: an English source, a translation into es/fr */
    {"en", "It invested 1.5 billion.", "es", "Invirtió 1.500 millones.", ""},
    {"en", "It invested 1.5 billion.", "es", "Invirtió 1.500 millardos.", "1.5 billion"},
    {"en", "About 15,000 people.", "fr", "Environ 15 000 personnes.", ""},
    {"en", "The rate was 3.5%.", "de", "Die Rate lag bei 3,5 Prozent.", ""},
    {"en", "Two million people.", "es", "Dos millones de personas.", ""},
    {"en", "Three men.", "es", "Tres hombres.", "Three"},
};

static char *missing_of(const compare_case *c) {
    srcnum_list s = {0}, t = {0};
    srcnum_find(c->src_lang, c->src, strlen(c->src), &s);
    srcnum_find(c->tgt_lang, c->tgt, strlen(c->tgt), &t);
    size_t *match = xcalloc(s.n + 1, sizeof *match);
    size_t missing = srcnum_compare(&s, &t, match);
    buf b = {0};
    size_t listed = 0;
    for (size_t i = 0; i < s.n; i++)
        if (match[i] == SRCNUM_NONE)
            buf_printf(&b, "%s%.*s", listed++ ? " | " : "", (int)(s.v[i].end - s.v[i].start),
                       c->src + s.v[i].start);
    ck_assert_uint_eq(listed, missing);
    free(match);
    VEC_FREE(s);
    VEC_FREE(t);
    return buf_steal(&b);
}

START_TEST(test_compare) {
    const compare_case *c = &compare_cases[_i];
    char *got = missing_of(c);
    ck_assert_msg(!strcmp(got, c->missing), "%s \"%s\" -> \"%s\":\n  missing %s\n  want    %s",
                  c->src_lang, c->src, c->tgt, got, c->missing);
    free(got);
}
END_TEST

typedef struct message_case {
    const char *src_lang, *src, *tgt, *want;
} message_case;

static const message_case message_cases[] = {
    {"es", "Invirtió 1.500 millones.", "It invested 150 million.",
     "source has 1.500 millones (1.5 billion); the translation says 150 million"},
    {"es", "Costó 1.500 euros.", "It cost 15 euros.",
     "source has 1.500 (1,500); the translation says 15"},
    {"es", "En 2024 ganó.", "He won.", "source has 2024; the translation has no such number"},
    {"es", "Subió un 3,5 %.", "It rose 35%.", "source has 3,5 % (3.5%); the translation says 35%"},
    {"zh", "收入3.5万元。", "Income was 3.5 million yuan.",
     "source has 3.5万 (35,000); the translation says 3.5 million"},
    {"fr", "Le 2e tour.", "The third round.", "source has 2e (2nd); the translation says third"},
    {"zh", "5月3日", "On March 3", "source has 5月 (May); the translation says March"},
    {"es", "Con 2,25 billones.", "With 2.25 billion.",
     "source has 2,25 billones (2.25 trillion); the translation says 2.25 billion"},
};

START_TEST(test_message) {
    const message_case *c = &message_cases[_i];
    srcnum_list s = {0}, t = {0};
    srcnum_find(c->src_lang, c->src, strlen(c->src), &s);
    srcnum_find("en", c->tgt, strlen(c->tgt), &t);
    size_t *match = xcalloc(s.n + 1, sizeof *match);
    ck_assert_uint_ge(srcnum_compare(&s, &t, match), 1);
    size_t i = 0;
    while (match[i] != SRCNUM_NONE) i++;
    size_t j = srcnum_nearest(&s, &t, i);
    char *got = srcnum_message(c->src, &s.v[i], c->tgt, j == SRCNUM_NONE ? NULL : &t.v[j]);
    ck_assert_str_eq(got, c->want);
    free(got);
    free(match);
    VEC_FREE(s);
    VEC_FREE(t);
}
END_TEST

static Suite *srcnum_suite(void) {
    Suite *s = suite_create("srcnum");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_find, 0, (int)(sizeof find_cases / sizeof *find_cases));
    tcase_add_loop_test(tc, test_compare, 0, (int)(sizeof compare_cases / sizeof *compare_cases));
    tcase_add_loop_test(tc, test_message, 0, (int)(sizeof message_cases / sizeof *message_cases));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(srcnum_suite)
