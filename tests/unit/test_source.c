/* Source: reading, encodings, offsets back to the original bytes, lines. */
#include <string.h>

#include "source.h"
#include "testutil.h"

static source *open_mem(const char *bytes, size_t len) {
    source *s = NULL;
    char err[256];
    ck_assert_int_eq(source_open_mem(bytes, len, &s, err, sizeof err), SOURCE_OK);
    return s;
}

static void assert_line_col(const source *s, size_t t, size_t line, size_t col) {
    size_t l, c;
    source_line_col(s, t, &l, &c);
    ck_assert_uint_eq(l, line);
    ck_assert_uint_eq(c, col);
}

START_TEST(utf8_is_not_copied_and_maps_identity) {
    const char in[] = "caf\xc3\xa9 ok";
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    ck_assert_uint_eq(n, sizeof in - 1);
    ck_assert_mem_eq(t, in, n);
    ck_assert_uint_eq(source_orig_offset(s, 6), 6);
    size_t a, b;
    ck_assert_ptr_null(source_encoding_note(s, &a, &b));
    source_close(s);
}
END_TEST

START_TEST(columns_count_code_points) {
    /* "aé€𝄞x\nb": é is 2 bytes, € 3, 𝄞 4 */
    const char in[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9ex\nb";
    source *s = open_mem(in, sizeof in - 1);
    assert_line_col(s, 0, 1, 1);
    assert_line_col(s, 1, 1, 2);  /* é */
    assert_line_col(s, 3, 1, 3);  /* € */
    assert_line_col(s, 6, 1, 4);  /* 𝄞 */
    assert_line_col(s, 10, 1, 5); /* x */
    assert_line_col(s, 12, 2, 1); /* b */
    assert_line_col(s, 13, 2, 2); /* end of a last line without newline */
    /* backwards lookups after forward ones (the cursor cache) */
    assert_line_col(s, 3, 1, 3);
    source_close(s);
}
END_TEST

START_TEST(crlf_and_cr_line_ends) {
    const char in[] = "one\r\ntwo\rthree\n\nfive";
    source *s = open_mem(in, sizeof in - 1);
    assert_line_col(s, 0, 1, 1);
    assert_line_col(s, 3, 1, 4);  /* the CR of CRLF belongs to line 1 */
    assert_line_col(s, 5, 2, 1);  /* two */
    assert_line_col(s, 9, 3, 1);  /* three, after a lone CR */
    assert_line_col(s, 15, 4, 1); /* the empty line */
    assert_line_col(s, 16, 5, 1); /* five */
    source_close(s);
}
END_TEST

START_TEST(utf8_bom_is_skipped_but_offsets_count_it) {
    const char in[] = "\xef\xbb\xbfHi\nthere";
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    ck_assert_uint_eq(n, 8);
    ck_assert_mem_eq(t, "Hi\nthere", 8);
    ck_assert_uint_eq(source_orig_offset(s, 0), 3);
    ck_assert_uint_eq(source_orig_offset(s, 3), 6);
    assert_line_col(s, 0, 1, 1); /* the BOM is not a column */
    assert_line_col(s, 3, 2, 1);
    source_close(s);
}
END_TEST

START_TEST(latin1_is_converted_with_offsets_mapped_back) {
    /* windows-1252: e-acute, then curly quotes 0x93/0x94 */
    const char in[] = "Caf\xe9 de Par\xed" "s, \x93" "bien\x94 dijo el mandatario.";
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    const char want[] = "Caf\xc3\xa9 de Par\xc3\xads, \xe2\x80\x9c" "bien\xe2\x80\x9d dijo el mandatario.";
    ck_assert_uint_eq(n, sizeof want - 1);
    ck_assert_mem_eq(t, want, n);
    /* "bien" starts after “ (3 bytes in text, 1 byte in the original) */
    const char *bien = strstr(t, "bien");
    ck_assert_uint_eq(source_orig_offset(s, (size_t)(bien - t)), 16);
    ck_assert_uint_eq(source_orig_offset(s, n), sizeof in - 1);
    size_t a, b;
    const char *enc = source_encoding_note(s, &a, &b);
    ck_assert_ptr_nonnull(enc);
    ck_assert_msg(strstr(enc, "1252") || strstr(enc, "8859"), "encoding %s", enc);
    ck_assert_uint_eq(a, 3); /* the é */
    ck_assert_uint_eq(b, 5);
    /* columns are those of the decoded text: 'b' of bien is column 17 */
    assert_line_col(s, (size_t)(bien - t), 1, 17);
    source_close(s);
}
END_TEST

START_TEST(mostly_utf8_with_a_stray_byte_keeps_the_valid_letters) {
    const char in[] = "Mart\xc3\xadn said caf\xe9.";
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    ck_assert_str_eq(t, "Mart\xc3\xadn said caf\xc3\xa9.");
    size_t a, b;
    ck_assert_ptr_nonnull(source_encoding_note(s, &a, &b));
    ck_assert_uint_eq(source_orig_offset(s, a), 16);
    ck_assert_uint_eq(source_orig_offset(s, b), 17);
    source_close(s);
}
END_TEST

START_TEST(utf16le_with_bom) {
    const char in[] = "\xff\xfe" "H\0i\0\n\0\xe9\0";
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    ck_assert_uint_eq(n, 5);
    ck_assert_mem_eq(t, "Hi\n\xc3\xa9", 5);
    ck_assert_uint_eq(source_orig_offset(s, 0), 2);
    ck_assert_uint_eq(source_orig_offset(s, 3), 8);
    ck_assert_uint_eq(source_orig_offset(s, 5), 10);
    size_t a, b;
    /* a declared encoding is not a defect of the file */
    ck_assert_ptr_null(source_encoding_note(s, &a, &b));
    source_close(s);
}
END_TEST

START_TEST(utf16be_with_bom_and_surrogates) {
    const char in[] = "\xfe\xff\0A\xd8\x34\xdd\x1e\0B"; /* A, U+1D11E, B */
    source *s = open_mem(in, sizeof in - 1);
    size_t n;
    const char *t = source_text(s, &n);
    ck_assert_uint_eq(n, 6);
    ck_assert_mem_eq(t, "A\xf0\x9d\x84\x9e" "B", 6);
    ck_assert_uint_eq(source_orig_offset(s, 1), 4);
    ck_assert_uint_eq(source_orig_offset(s, 5), 8);
    source_close(s);
}
END_TEST

/* a literal and its length, NULs included */
#define BYTES(lit) lit, sizeof lit - 1

START_TEST(charset_is_named_for_the_writer) {
    static const struct {
        const char *in;
        size_t len;
        const char *charset;
    } cases[] = {
        {BYTES("plain text\n"), "UTF-8"},
        {BYTES("\xef\xbb\xbf" "caf\xc3\xa9\n"), "UTF-8"},
        {BYTES("Mart\xc3\xadn said caf\xe9."), "UTF-8"}, /* stray 1252 bytes: edits stay UTF-8 */
        {BYTES("\xff\xfe" "H\0i\0"), "UTF-16LE"},
        {BYTES("\xfe\xff\0H\0i"), "UTF-16BE"},
        {BYTES("\xff\xfe\0\0H\0\0\0"), "UTF-32LE"},
        /* 7-bit ISO-2022-JP is valid UTF-8 byte by byte */
        {BYTES("\x1b$BEl5~$G2q5D$,3+$+$l$?!#\x1b(B Officials met in Tokyo.\n"), "ISO-2022-JP"},
        /* a terminal escape in ASCII text is no charset */
        {BYTES("red \x1b[31mtext\x1b[0m here\n"), "UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        source *s = open_mem(cases[i].in, cases[i].len);
        ck_assert_msg(strcmp(source_charset(s), cases[i].charset) == 0, "case %zu: %s", i, source_charset(s));
        source_close(s);
    }
}
END_TEST

START_TEST(nul_bytes_mean_binary) {
    source *s = NULL;
    char err[256] = "";
    const char in[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
    ck_assert_int_eq(source_open_mem(in, sizeof in - 1, &s, err, sizeof err), SOURCE_ERR_BINARY);
    ck_assert_ptr_null(s);
    ck_assert_ptr_nonnull(strstr(err, "binary"));
}
END_TEST

START_TEST(empty_input_is_fine) {
    source *s = open_mem("", 0);
    size_t n;
    ck_assert_str_eq(source_text(s, &n), "");
    ck_assert_uint_eq(n, 0);
    assert_line_col(s, 0, 1, 1);
    source_close(s);
}
END_TEST

START_TEST(missing_and_directory_paths_are_io_errors) {
    source *s = NULL;
    char err[256] = "";
    ck_assert_int_eq(source_open_file("/nonexistent/file.txt", &s, err, sizeof err), SOURCE_ERR_IO);
    ck_assert_str_eq(err, "No such file or directory");
    ck_assert_int_eq(source_open_file("/", &s, err, sizeof err), SOURCE_ERR_IO);
    ck_assert_str_eq(err, "is a directory");
}
END_TEST

START_TEST(a_long_line_maps_every_offset) {
    /* one 1 MiB line of "é": the column of the last character */
    size_t count = 1 << 19;
    char *in = malloc(count * 2);
    for (size_t i = 0; i < count; i++) memcpy(in + 2 * i, "\xc3\xa9", 2);
    source *s = open_mem(in, count * 2);
    assert_line_col(s, count * 2 - 2, 1, count);
    assert_line_col(s, count * 2, 1, count + 1);
    source_close(s);
    free(in);
}
END_TEST

static Suite *source_suite(void) {
    Suite *s = suite_create("source");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, utf8_is_not_copied_and_maps_identity);
    tcase_add_test(tc, columns_count_code_points);
    tcase_add_test(tc, crlf_and_cr_line_ends);
    tcase_add_test(tc, utf8_bom_is_skipped_but_offsets_count_it);
    tcase_add_test(tc, latin1_is_converted_with_offsets_mapped_back);
    tcase_add_test(tc, mostly_utf8_with_a_stray_byte_keeps_the_valid_letters);
    tcase_add_test(tc, utf16le_with_bom);
    tcase_add_test(tc, utf16be_with_bom_and_surrogates);
    tcase_add_test(tc, nul_bytes_mean_binary);
    tcase_add_test(tc, empty_input_is_fine);
    tcase_add_test(tc, missing_and_directory_paths_are_io_errors);
    tcase_add_test(tc, a_long_line_maps_every_offset);
    tcase_add_test(tc, charset_is_named_for_the_writer);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(source_suite)
