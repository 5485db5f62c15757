/* The source check's folding (cs_fold): ASCII lower case, accents of
 * Latin letters dropped, other characters kept byte for byte; and its
 * whole-word search (cs_has_word) over folded text. One table each. */
#include <string.h>

#include "check_source_impl.h"
#include "testutil.h"

static const struct {
    const char *in;
    size_t n; /* 0: strlen */
    const char *want;
    size_t want_n; /* 0: strlen */
} folds[] = {
    {"Martín Vizcarra", 0, "martin vizcarra", 0},
    {"ÁÉÍÓÚÑ ü Ç", 0, "aeioun u c", 0},
    {"Straße Æsir Þing", 0, "strase asir ting", 0},
    {"Ελλάδα and 東京", 0, "Ελλάδα and 東京", 0},     /* past Latin-1: kept */
    {"ab\xff" "CD", 0, "ab\xff" "cd", 0},              /* a stray byte: kept */
    {"a\0B", 3, "a\0b", 3},                            /* a NUL: kept */
    {"", 0, "", 0},
    {"ÉCLAIR ÉCLAIR ÉCLAIR ÉCLAIR ÉCLAIR ÉCLAIR", 0, "eclair eclair eclair eclair eclair eclair", 0},
};

START_TEST(folds_latin_letters_keeps_the_rest) {
    buf out = {0};
    for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
        size_t n = folds[i].n ? folds[i].n : strlen(folds[i].in);
        size_t want_n = folds[i].want_n ? folds[i].want_n : strlen(folds[i].want);
        cs_fold(&out, folds[i].in, n);
        ck_assert_msg(out.len == want_n && memcmp(out.data, folds[i].want, want_n) == 0 && out.data[out.len] == '\0',
                      "case %zu: got \"%.*s\" (%zu bytes), want \"%s\"", i, (int)out.len, out.data, out.len,
                      folds[i].want);
    }
    buf_free(&out);
}
END_TEST

static const struct {
    const char *hay, *needle;
    bool want;
} words[] = {
    {"el presidente peruano", "presidente", true},
    {"el vicepresidente", "presidente", false},
    {"presidentes", "presidente", false},
    {"dijo: presidente.", "presidente", true},
    {"", "a", false},
};

START_TEST(finds_whole_words) {
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg(cs_has_word(words[i].hay, words[i].needle, strlen(words[i].needle)) == words[i].want,
                      "\"%s\" in \"%s\"", words[i].needle, words[i].hay);
}
END_TEST

static Suite *csfold_suite(void) {
    Suite *s = suite_create("csfold");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, folds_latin_letters_keeps_the_rest);
    tcase_add_test(tc, finds_whole_words);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(csfold_suite)
