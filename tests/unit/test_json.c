/* JSON writer: escaping and structure. */
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "testutil.h"

static const char *esc(const char *s, size_t n) {
    static buf b;
    buf_clear(&b);
    json_escape(&b, s, n);
    return b.data;
}

START_TEST(escapes_quotes_backslashes_and_controls) {
    ck_assert_str_eq(esc("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    ck_assert_str_eq(esc("\n\r\t\b\f", 5), "\"\\n\\r\\t\\b\\f\"");
    ck_assert_str_eq(esc("\x01\x1f\x1a", 3), "\"\\u0001\\u001f\\u001a\"");
    ck_assert_str_eq(esc("nul\0x", 5), "\"nul\\u0000x\"");
    ck_assert_str_eq(esc("/\x7f", 2), "\"/\x7f\"");
}
END_TEST

START_TEST(valid_utf8_passes_through) {
    ck_assert_str_eq(esc("caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d", 13), "\"caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d\"");
    /* U+2028 is valid JSON but breaks JavaScript: escaped */
    ck_assert_str_eq(esc("a\xe2\x80\xa8" "b", 5), "\"a\\u2028b\"");
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement_characters) {
    /* one U+FFFD per maximal ill-formed subpart, as Python decodes */
    ck_assert_str_eq(esc("caf\xe9!", 5), "\"caf\xef\xbf\xbd!\"");
    ck_assert_str_eq(esc("\xe2\x80x", 3), "\"\xef\xbf\xbdx\"");          /* truncated 3-byte */
    ck_assert_str_eq(esc("\xc0\xaf", 2), "\"\xef\xbf\xbd\xef\xbf\xbd\""); /* overlong */
    ck_assert_str_eq(esc("\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate */
}
END_TEST

/* A string with nothing to escape is copied whole into the room
 * reserved: after text already in the buffer, at every length, and one
 * whose only escape is its last byte. */
START_TEST(plain_strings_after_other_text) {
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", "\"\""},
        {"a", "\"a\""},
        {"Spelling.Unknown", "\"Spelling.Unknown\""},
        {"space before ','; English sets it closed up", "\"space before ','; English sets it closed up\""},
        {"ends with a quote\"", "\"ends with a quote\\\"\""},
        {"tab\tinside", "\"tab\\tinside\""},
        {"/\x7f~", "\"/\x7f~\""},
    };
    buf b = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t before = 0; before < 70; before++) {
            buf_clear(&b);
            for (size_t k = 0; k < before; k++) buf_putc(&b, 'x');
            json_escape(&b, cases[i].in, strlen(cases[i].in));
            ck_assert_uint_eq(b.len, before + strlen(cases[i].want));
            ck_assert_msg(strcmp(b.data + before, cases[i].want) == 0, "after %zu bytes: %s", before, b.data + before);
        }
    }
    buf_free(&b);
}
END_TEST

START_TEST(writer_places_commas_and_line_breaks) {
    buf b = {0};
    json_w w;
    json_init(&w, &b);
    json_obj_begin(&w);
    json_key(&w, "a");
    json_uint(&w, 1);
    json_key(&w, "list");
    json_arr_begin(&w);
    json_newline(&w);
    json_str(&w, "x");
    json_newline(&w);
    json_bool(&w, true);
    json_newline(&w);
    json_arr_end(&w);
    json_key(&w, "n");
    json_null(&w);
    json_obj_end(&w);
    ck_assert_str_eq(b.data, "{\"a\":1,\"list\":[\n    \"x\",\n    true\n  ],\"n\":null}");
    buf_free(&b);
}
END_TEST

START_TEST(numbers_at_the_edges) {
    buf b = {0};
    json_w w;
    json_init(&w, &b);
    json_arr_begin(&w);
    json_uint(&w, 0);
    json_uint(&w, 10);
    json_uint(&w, SIZE_MAX);
    json_arr_end(&w);
    char want[64];
    snprintf(want, sizeof want, "[0,10,%zu]", (size_t)SIZE_MAX);
    ck_assert_str_eq(b.data, want);
    buf_free(&b);
}
END_TEST

static Suite *json_suite(void) {
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, escapes_quotes_backslashes_and_controls);
    tcase_add_test(tc, valid_utf8_passes_through);
    tcase_add_test(tc, invalid_utf8_becomes_replacement_characters);
    tcase_add_test(tc, writer_places_commas_and_line_breaks);
    tcase_add_test(tc, plain_strings_after_other_text);
    tcase_add_test(tc, numbers_at_the_edges);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(json_suite)
