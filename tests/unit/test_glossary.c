/* test_glossary.c - the glossary: what loading accepts and the errors it
 * gives (file:line), then lookups in source and target against the
 * shipped es-en glossary, one table each. */
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "testutil.h"
#include "util.h"

typedef struct load_case {
    const char *text;
    size_t terms;     /* when it loads */
    const char *err;  /* NULL: loads */
} load_case;

static const load_case load_cases[] = {
    {"# only a comment\n\n", 0, NULL},
    {"Banco Mundial\tWorld Bank\n", 1, NULL},
    {"Banco Mundial\tWorld Bank\r\nBID\tIDB|Inter-American Development Bank\r\n", 2, NULL},
    {"  # indented comment\nUE\tEU", 1, NULL},
    {"Banco Mundial World Bank\n", 0,
     "t.tsv:1: expected SOURCE<TAB>TRANSLATION[|ALTERNATIVE...]: no tab"},
    {"# c\nA\tB\tC\n", 0, "t.tsv:2: more than two columns"},
    {" \tWorld Bank\n", 0, "t.tsv:1: empty source term"},
    {"Banco Mundial\tWorld Bank||WB\n", 0, "t.tsv:1: empty translation"},
    {"Banco Mundial\t\n", 0, "t.tsv:1: empty translation"},
    {"Alianza del Pacífico\tPacific Alliance\n\nALIANZA DEL PACIFICO\tPacific Alliance\n", 0,
     "t.tsv:3: \"ALIANZA DEL PACIFICO\" is already in the glossary (t.tsv:1)"},
    {"Banco\xff\tBank\n", 0, "t.tsv:1: invalid UTF-8"},
};

START_TEST(test_load) {
    const load_case *c = &load_cases[_i];
    glossary *g = glossary_open();
    char err[256] = "";
    int rc = glossary_load_mem(g, "t.tsv", c->text, strlen(c->text), err, sizeof err);
    if (c->err) {
        ck_assert_int_eq(rc, -1);
        ck_assert_str_eq(err, c->err);
    } else {
        ck_assert_msg(rc == 0, "%s", err);
        ck_assert_uint_eq(glossary_count(g), c->terms);
    }
    glossary_close(g);
}
END_TEST

enum { GLOSSARY, EXONYMS };
static const char *const shipped[] = {"dictionaries/glossary/es-en.tsv",
                                      "dictionaries/exonyms/es-en.tsv"};

typedef struct find_case {
    const char *src, *tgt;
    const char *want; /* "span => ok|MISSING" per term found, "; " between */
    int file;         /* which shipped list */
} find_case;

static const find_case find_cases[] = {
    {"Chile ingresó en la Alianza del Pacífico en 2012.", "Chile joined the Pacific Alliance in 2012.",
     "Alianza del Pacífico => ok", GLOSSARY},
    {"Chile ingresó en la Alianza del Pacífico en 2012.",
     "Chile joined the Alliance of the Pacific in 2012.", "Alianza del Pacífico => MISSING", GLOSSARY},
    /* accents, case, hyphens and line breaks do not matter in the source */
    {"la alianza del pacifico", "the Pacific Alliance", "alianza del pacifico => ok", GLOSSARY},
    {"La cumbre del Foro de Cooperación Económica Asia Pacífico", "The APEC summit",
     "Foro de Cooperación Económica Asia Pacífico => ok", GLOSSARY},
    {"el Foro de Cooperación\nEconómica Asia-Pacífico", "the Asia-Pacific Economic Cooperation forum",
     "Foro de Cooperación\nEconómica Asia-Pacífico => ok", GLOSSARY},
    {"el Foro de Cooperación Económica Asia-Pacífico", "the Asia Pacific Economic Cooperation forum",
     "Foro de Cooperación Económica Asia-Pacífico => ok", GLOSSARY},
    /* a separately encoded accent (NFD) is part of the span */
    {"la Alianza del Pacifi\xcc\x81" "co.", "the Pacific Alliance", "Alianza del Pacifi\xcc\x81" "co => ok", GLOSSARY},
    /* leftmost-longest: the full name hides the shorter one inside it */
    {"Habló ante la Organización de las Naciones Unidas.", "He spoke at the United Nations.",
     "Organización de las Naciones Unidas => ok", GLOSSARY},
    {"Habló ante la Organización de las Naciones Unidas.", "He spoke at the UN.",
     "Organización de las Naciones Unidas => ok", GLOSSARY},
    /* an acronym must be in capitals in the target */
    {"La ONU envió ayuda.", "The un sent aid.", "ONU => MISSING", GLOSSARY},
    {"La ONU envió ayuda.", "The UN sent aid.", "ONU => ok", GLOSSARY},
    {"El FMI y el Banco Mundial.", "The IMF and the World Bank.", "FMI => ok; Banco Mundial => ok", GLOSSARY},
    {"El FMI y el Banco Mundial.", "The Monetary Fund and the Global Bank.",
     "FMI => MISSING; Banco Mundial => MISSING", GLOSSARY},
    /* whole words only, on both sides */
    {"La UEFA y la OEAX.", "UEFA", "", GLOSSARY},
    {"La Unión Europea.", "The European Unionist party.", "Unión Europea => MISSING", GLOSSARY},
    {"", "", "", GLOSSARY},
    {"La Casa Blanca lo negó.", "The White House denied it.", "Casa Blanca => ok", GLOSSARY},
    /* exonyms for Source.Name */
    {"Llegó a Pekín y luego a Bruselas.", "He arrived in Beijing and then Brussels.",
     "Pekín => ok; Bruselas => ok", EXONYMS},
    {"Llegó a Pekin.", "He arrived in Pekin.", "Pekin => MISSING", EXONYMS},
    {"Viajó a Ciudad de México.", "She travelled to Mexico City.", "Ciudad de México => ok",
     EXONYMS},
    {"Vive en Estados Unidos.", "She lives in the us.", "Estados Unidos => MISSING", EXONYMS},
    {"Vive en Estados Unidos.", "She lives in the U.S.", "Estados Unidos => ok", EXONYMS},
};

/* What glossary_find finds in c's source text (of language lang), and
 * whether c's target has each. */
static char *describe(const glossary *g, const char *lang, const find_case *c) {
    glossary_hits hits = {0};
    glossary_find(g, lang, c->src, strlen(c->src), &hits);
    buf b = {0};
    for (size_t k = 0; k < hits.n; k++) {
        const glossary_hit *h = &hits.v[k];
        bool ok = glossary_target_has(g, h->term, c->tgt, strlen(c->tgt));
        buf_printf(&b, "%s%.*s => %s", k ? "; " : "", (int)(h->end - h->start), c->src + h->start,
                   ok ? "ok" : "MISSING");
    }
    VEC_FREE(hits);
    return buf_steal(&b);
}

START_TEST(test_find) {
    glossary *g = glossary_open();
    char err[256] = "";
    const find_case *c = &find_cases[_i];
    ck_assert_msg(glossary_load(g, test_path(shipped[c->file]), err, sizeof err) == 0, "%s", err);
    char *got = describe(g, NULL, c);
    ck_assert_msg(!strcmp(got, c->want), "\"%s\" -> \"%s\":\n  got  %s\n  want %s", c->src, c->tgt,
                  got, c->want);
    free(got);
    glossary_close(g);
}
END_TEST

/* Terms match their plural and feminine forms in the glossary's
 * language, and translations their English plural. */
static const struct {
    const char *lang; /* the source's language; NULL: forms as written */
    const char *tsv, *src, *tgt, *want;
} inflection_cases[] = {
    {"es", "banco central\tcentral bank\n", "Los bancos centrales subieron los tipos.", "Central banks raised rates.",
     "bancos centrales => ok"},
    {"es", "banco central\tcentral bank\n", "Los bancos centrales subieron los tipos.", "Central banking grew.",
     "bancos centrales => MISSING"},
    {"es", "ministerio de hacienda\tFinance Ministry\n", "Los Ministerios de Hacienda de la zona.",
     "The finance ministries of the area.", "Ministerios de Hacienda => ok"},
    {"es", "Alianza del Pacífico\tPacific Alliance\n", "las alianzas del Pacifico", "the Pacific alliances",
     "alianzas del Pacifico => ok"},
    {"es", "director general\tdirector general\n", "La directora general dimitió.", "The director general resigned.",
     "directora general => ok"},
    {"es", "juez federal\tfederal judge\n", "Dos jueces federales.", "Two federal judges.", "jueces federales => ok"},
    {"es", "ley de amnistía\tamnesty law\n", "Las leyes de amnistía.", "The amnesty laws.", "leyes de amnistía => ok"},
    {"es", "banco central\tcentral bank\n", "Los bancos centralizados.", "", ""},
    {NULL, "banco central\tcentral bank\n", "Los bancos centrales subieron los tipos.", "Central banks.", ""},
    {"fr", "banque centrale européenne\tEuropean Central Bank\n", "Les banques centrales européennes.",
     "The European central banks.", "banques centrales européennes => ok"},
    {"fr", "conseil national\tnational council\n", "Les conseils nationaux.", "The national councils.",
     "conseils nationaux => ok"},
    {"fr", "bureau politique\tpolitburo\n", "Les bureaux politiques.", "The politburos.", "bureaux politiques => ok"},
    {"fr", "Nations unies\tUnited Nations\n", "la nation unie", "the united nation", "nation unie => MISSING"},
    /* French rules are not Spanish ones */
    {"de", "banco central\tcentral bank\n", "Los bancos centrales.", "Central banks.", ""},
};

START_TEST(test_inflection) {
    glossary *g = glossary_open();
    char err[256] = "";
    ck_assert_msg(glossary_load_mem(g, "t.tsv", inflection_cases[_i].tsv, strlen(inflection_cases[_i].tsv), err,
                                    sizeof err) == 0, "%s", err);
    find_case c = {.src = inflection_cases[_i].src, .tgt = inflection_cases[_i].tgt};
    char *got = describe(g, inflection_cases[_i].lang, &c);
    ck_assert_msg(!strcmp(got, inflection_cases[_i].want), "case %d \"%s\":\n  got  %s\n  want %s", _i, c.src, got,
                  inflection_cases[_i].want);
    free(got);
    glossary_close(g);
}
END_TEST

/* Every shipped list loads, with a real number of entries. */
START_TEST(test_shipped) {
    glossary *g = glossary_open();
    char err[256] = "";
    ck_assert_msg(glossary_load(g, test_path(shipped[_i]), err, sizeof err) == 0, "%s", err);
    ck_assert_uint_ge(glossary_count(g), 40);
    glossary_close(g);
}
END_TEST

START_TEST(test_missing_file) {
    glossary *g = glossary_open();
    char err[256] = "";
    ck_assert_int_eq(glossary_load(g, "/nonexistent/gl.tsv", err, sizeof err), -1);
    ck_assert_str_eq(err, "/nonexistent/gl.tsv: No such file or directory");
    glossary_close(g);
}
END_TEST

static Suite *glossary_suite(void) {
    Suite *s = suite_create("glossary");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_load, 0, (int)(sizeof load_cases / sizeof *load_cases));
    tcase_add_loop_test(tc, test_find, 0, (int)(sizeof find_cases / sizeof *find_cases));
    tcase_add_loop_test(tc, test_inflection, 0, (int)(sizeof inflection_cases / sizeof *inflection_cases));
    tcase_add_loop_test(tc, test_shipped, 0, (int)(sizeof shipped / sizeof *shipped));
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(glossary_suite)
