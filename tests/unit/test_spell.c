/* test_spell.c - the Hunspell wrapper: dictionary search, the missing
 * dictionary error, supplements, user words, encodings, the verdict cache
 * and suggestions. Uses the tiny dictionaries of tests/data/dict through
 * DICPATH; the last cases use the system dictionaries and are skipped when
 * those are not installed. */
#include <stdlib.h>
#include <string.h>

#include "spell.h"
#include "testutil.h"

static void use_test_dicts(void) { setenv("DICPATH", test_path("tests/data/dict"), 1); }

static speller *open_names(const char *const *names, const char *supp, const char *const *words,
                           mtl_diags *diags) {
    spell_options o = {.names = names, .supplement_dir = supp, .word_files = words};
    return spell_open(&o, diags);
}

static speller *open_one(const char *name) {
    const char *names[] = {name, NULL};
    mtl_diags diags = {0};
    speller *sp = open_names(names, NULL, NULL, &diags);
    ck_assert_msg(sp, "open %s: %s", name, diags.n ? diags.msg[0] : "?");
    mtl_diags_free(&diags);
    return sp;
}

static bool known(speller *sp, const char *w) { return spell_known(sp, w, strlen(w)); }

START_TEST(find_uses_dicpath_first) {
    use_test_dicts();
    char *aff, *dic;
    ck_assert(spell_find("en_US", &aff, &dic, NULL));
    ck_assert_str_eq(dic, test_path("tests/data/dict/en_US.dic"));
    ck_assert_str_eq(aff, test_path("tests/data/dict/en_US.aff"));
    free(aff);
    free(dic);
}
END_TEST

START_TEST(find_bare_language_code) {
    use_test_dicts();
    char *aff, *dic;
    ck_assert(spell_find("es", &aff, &dic, NULL));
    ck_assert_str_eq(dic, test_path("tests/data/dict/es_ES.dic"));
    free(aff);
    free(dic);
}
END_TEST

START_TEST(find_by_path) {
    char *aff, *dic;
    ck_assert(spell_find(test_path("tests/data/dict/latin1.dic"), &aff, &dic, NULL));
    ck_assert_str_eq(aff, test_path("tests/data/dict/latin1.aff"));
    free(aff);
    free(dic);
    buf searched = {0};
    ck_assert(!spell_find(test_path("tests/data/dict/nothere"), &aff, &dic, &searched));
    ck_assert_ptr_nonnull(strstr(searched.data, "nothere"));
    buf_free(&searched);
}
END_TEST

START_TEST(missing_dictionary_is_one_clear_error) {
    use_test_dicts();
    const char *names[] = {"xx_YY", NULL};
    mtl_diags diags = {0};
    ck_assert_ptr_null(open_names(names, NULL, NULL, &diags));
    ck_assert_uint_eq(diags.n, 1);
    const char *m = diags.msg[0];
    ck_assert_ptr_nonnull(strstr(m, "xx_YY"));
    ck_assert_ptr_nonnull(strstr(m, test_path("tests/data/dict")));
    ck_assert_ptr_nonnull(strstr(m, "/usr/share/hunspell"));
    ck_assert_ptr_nonnull(strstr(m, "/usr/share/myspell"));
    ck_assert_ptr_nonnull(strstr(m, "hunspell-xx-yy"));
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(missing_dictionary_without_dicpath_says_so) {
    unsetenv("DICPATH");
    const char *names[] = {"xx_YY", NULL};
    mtl_diags diags = {0};
    ck_assert_ptr_null(open_names(names, NULL, NULL, &diags));
    ck_assert_uint_eq(diags.n, 1);
    ck_assert_ptr_nonnull(strstr(diags.msg[0], "$DICPATH (unset)"));
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(debian_packages) {
    char p[64];
    ck_assert_str_eq(spell_debian_package("en_US", p, sizeof p), "hunspell-en-us");
    ck_assert_str_eq(spell_debian_package("en_GB", p, sizeof p), "hunspell-en-gb");
    ck_assert_str_eq(spell_debian_package("es", p, sizeof p), "hunspell-es");
    ck_assert_str_eq(spell_debian_package("es_MX", p, sizeof p), "hunspell-es");
    ck_assert_str_eq(spell_debian_package("fr_FR", p, sizeof p), "hunspell-fr");
    ck_assert_str_eq(spell_debian_package("de", p, sizeof p), "hunspell-de-de");
    ck_assert_str_eq(spell_debian_package("de_AT", p, sizeof p), "hunspell-de-at");
    ck_assert_str_eq(spell_debian_package("pt_BR", p, sizeof p), "hunspell-pt-br");
    ck_assert_str_eq(spell_debian_package("pt", p, sizeof p), "hunspell-pt-pt");
}
END_TEST

START_TEST(counterparts) {
    ck_assert_str_eq(spell_counterpart("en_US"), "en_GB");
    ck_assert_str_eq(spell_counterpart("en_GB"), "en_US");
    ck_assert_str_eq(spell_counterpart("en_AU"), "en_US");
    ck_assert_ptr_null(spell_counterpart("es_ES"));
    ck_assert_ptr_null(spell_counterpart("eng"));
}
END_TEST

START_TEST(known_and_unknown_words) {
    use_test_dicts();
    speller *sp = open_one("en_US");
    ck_assert_str_eq(spell_name(sp), "en_US");
    ck_assert(known(sp, "receive"));
    ck_assert(!known(sp, "recieve"));
    ck_assert(known(sp, "Government"));   /* capitalized form of a lower-case entry */
    ck_assert(known(sp, "GOVERNMENTS"));  /* all caps, with the plural affix */
    ck_assert(known(sp, "Peru's"));       /* the M flag */
    ck_assert(!known(sp, "peru"));        /* a name stays capitalized */
    ck_assert(known(sp, "don\xe2\x80\x99t")); /* the dictionary's ICONV maps the curly apostrophe */
    ck_assert(!known(sp, ""));            /* Hunspell itself would accept it */
    ck_assert(!known(sp, "organisation"));
    spell_close(sp);
}
END_TEST

START_TEST(cache_calls_hunspell_once_per_word) {
    use_test_dicts();
    speller *sp = open_one("en_US");
    spell_stats st;
    for (int i = 0; i < 5; i++) {
        ck_assert(known(sp, "minister"));
        ck_assert(!known(sp, "ministre"));
    }
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.cached, 2);
    ck_assert_uint_eq(st.lookups, 10);
    ck_assert_uint_eq(st.hunspell_calls, 2);
    /* The key is the exact bytes: another case is another entry. */
    ck_assert(known(sp, "Minister"));
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.cached, 3);
    spell_close(sp);
}
END_TEST

START_TEST(cache_survives_growth) {
    use_test_dicts();
    speller *sp = open_one("en_US");
    char w[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(w, sizeof w, "zq%dx", i);
        ck_assert(!known(sp, w));
        if (i % 500 == 0) ck_assert(known(sp, "receive"));
    }
    /* Every verdict is still there after the table grew several times. */
    spell_stats st;
    spell_get_stats(sp, &st);
    size_t calls = st.hunspell_calls;
    ck_assert_uint_eq(st.cached, 5001);
    for (int i = 0; i < 5000; i += 7) {
        snprintf(w, sizeof w, "zq%dx", i);
        ck_assert(!known(sp, w));
    }
    ck_assert(known(sp, "receive"));
    ck_assert(known(sp, "presidents"));
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.hunspell_calls, calls + 1); /* only "presidents" was new */
    spell_close(sp);
}
END_TEST

START_TEST(latin1_dictionary_is_converted) {
    speller *sp = open_one(test_path("tests/data/dict/latin1"));
    ck_assert(known(sp, "caf\xc3\xa9"));      /* café, UTF-8 in */
    ck_assert(known(sp, "caf\xc3\xa9s"));
    ck_assert(known(sp, "ni\xc3\xb1o"));
    ck_assert(known(sp, "na\xc3\xafve"));
    ck_assert(!known(sp, "cafe"));
    ck_assert(!known(sp, "caf\xe2\x82\xac")); /* a euro sign has no Latin-1 byte */
    ck_assert(!known(sp, "caf\xe9"));         /* a Latin-1 byte is not UTF-8 */
    const char *s[3];
    size_t n = spell_suggest(sp, "caf\xc3\xa9" "e", 6, s, 3); /* "cafée" */
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(s[0], "caf\xc3\xa9");     /* candidates go through the conversion */
    spell_close(sp);
}
END_TEST

START_TEST(supplements_are_added) {
    use_test_dicts();
    const char *names[] = {"en_US", NULL};
    mtl_diags diags = {0};
    speller *sp = open_names(names, test_path("tests/data/dict/supp"), NULL, &diags);
    ck_assert_ptr_nonnull(sp);
    ck_assert(known(sp, "Mercosur"));
    ck_assert(known(sp, "Vizcarra's"));
    ck_assert(known(sp, "ceasefires"));
    ck_assert(!known(sp, "Supplement"));     /* from the header comment */
    ck_assert(known(sp, "receive"));         /* the main dictionary is still there */
    spell_close(sp);
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(supplements_on_a_latin1_dictionary) {
    const char *names[] = {test_path("tests/data/dict/latin1"), NULL};
    mtl_diags diags = {0};
    speller *sp = open_names(names, test_path("tests/data/dict/supp"), NULL, &diags);
    ck_assert_ptr_nonnull(sp);
    ck_assert(known(sp, "Mercosur"));
    ck_assert(known(sp, "ceasefires"));      /* the S flag, without the .aff's help */
    ck_assert(known(sp, "caf\xc3\xa9"));
    spell_close(sp);
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(missing_supplement_dir) {
    use_test_dicts();
    const char *names[] = {"en_US", NULL};
    mtl_diags diags = {0};
    spell_options o = {.names = names, .supplement_dir = "/nonexistent/dicts"};
    speller *sp = spell_open(&o, &diags);
    ck_assert_ptr_nonnull(sp); /* the default location may be absent */
    spell_close(sp);
    o.supplement_dir_required = true;
    ck_assert_ptr_null(spell_open(&o, &diags));
    ck_assert_uint_eq(diags.n, 1);
    ck_assert_ptr_nonnull(strstr(diags.msg[0], "/nonexistent/dicts"));
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(user_words) {
    use_test_dicts();
    const char *names[] = {"en_US", "en_GB", NULL};
    const char *words[] = {test_path("tests/data/dict/words.txt"), NULL};
    mtl_diags diags = {0};
    speller *sp = open_names(names, NULL, words, &diags);
    ck_assert_ptr_nonnull(sp);
    ck_assert(known(sp, "frobnicate"));
    ck_assert(known(sp, "Frobnicate"));
    ck_assert(known(sp, "Zyxcorp"));         /* blanks around it trimmed */
    ck_assert(!known(sp, "comments"));       /* from a comment line */
    spell_close(sp);

    const char *bad[] = {"/nonexistent/words.txt", NULL};
    ck_assert_ptr_null(open_names(names, NULL, bad, &diags));
    ck_assert_uint_eq(diags.n, 1);
    ck_assert_ptr_nonnull(strstr(diags.msg[0], "/nonexistent/words.txt"));
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(any_of_several_dictionaries) {
    use_test_dicts();
    const char *names[] = {"en_US", "en_GB", NULL};
    mtl_diags diags = {0};
    speller *sp = open_names(names, NULL, NULL, &diags);
    ck_assert_ptr_nonnull(sp);
    ck_assert(known(sp, "organisation"));
    ck_assert(known(sp, "color"));
    ck_assert(known(sp, "programmes"));
    ck_assert(!known(sp, "recieve"));
    spell_close(sp);
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(suggestions_once_per_word) {
    use_test_dicts();
    speller *sp = open_one("en_US");
    const char *s[3];
    size_t n = spell_suggest(sp, "recieve", 7, s, 3);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(s[0], "receive");
    ck_assert_uint_eq(spell_suggest(sp, "recieve", 7, s, 1), 1);
    spell_stats st;
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.suggest_calls, 1);
    ck_assert_uint_eq(spell_suggest(sp, "qqqqqqqqqqqqqq", 14, s, 3), 0);
    spell_close(sp);
}
END_TEST

/* ---- the real dictionaries (Debian's hunspell-en-us, hunspell-es) ---- */

static speller *open_system(const char *name) {
    unsetenv("DICPATH");
    char *aff, *dic;
    if (!spell_find(name, &aff, &dic, NULL)) return NULL;
    free(aff);
    free(dic);
    return open_one(name);
}

START_TEST(system_en_us) {
    speller *sp = open_system("en_US");
    if (!sp) return; /* not installed: `make deps` installs it */
    ck_assert(known(sp, "receive"));
    ck_assert(known(sp, "Peru"));
    ck_assert(!known(sp, "recieve"));
    ck_assert(!known(sp, "mandatario"));
    const char *s[3];
    ck_assert_uint_ge(spell_suggest(sp, "recieve", 7, s, 3), 1);
    ck_assert_str_eq(s[0], "receive");
    spell_close(sp);
}
END_TEST

START_TEST(system_es) {
    speller *sp = open_system("es");
    if (!sp) return;
    ck_assert(known(sp, "mandatario"));
    ck_assert(known(sp, "seg\xc3\xban"));
    ck_assert(!known(sp, "government"));
    spell_close(sp);
}
END_TEST

static Suite *spell_suite(void) {
    Suite *s = suite_create("spell");
    TCase *t = tcase_create("find");
    tcase_add_test(t, find_uses_dicpath_first);
    tcase_add_test(t, find_bare_language_code);
    tcase_add_test(t, find_by_path);
    tcase_add_test(t, missing_dictionary_is_one_clear_error);
    tcase_add_test(t, missing_dictionary_without_dicpath_says_so);
    tcase_add_test(t, debian_packages);
    tcase_add_test(t, counterparts);
    suite_add_tcase(s, t);
    t = tcase_create("words");
    tcase_add_test(t, known_and_unknown_words);
    tcase_add_test(t, cache_calls_hunspell_once_per_word);
    tcase_add_test(t, cache_survives_growth);
    tcase_add_test(t, latin1_dictionary_is_converted);
    tcase_add_test(t, supplements_are_added);
    tcase_add_test(t, supplements_on_a_latin1_dictionary);
    tcase_add_test(t, missing_supplement_dir);
    tcase_add_test(t, user_words);
    tcase_add_test(t, any_of_several_dictionaries);
    tcase_add_test(t, suggestions_once_per_word);
    suite_add_tcase(s, t);
    t = tcase_create("system");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, system_en_us);
    tcase_add_test(t, system_es);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(spell_suite)
