/* util: the fast paths of the shared helpers (comparisons, buf_printf,
 * UTF-8 validation), each against its definition at every length. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util.h"

static int folded(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* The definition: fold each byte, stop at the first difference or NUL. */
static int reference(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int x = folded((unsigned char)a[i]), y = folded((unsigned char)b[i]);
        if (x != y || !x) return x - y;
    }
    return 0;
}

static const struct {
    const char *a, *b;
    size_t n; /* compared bytes for ascii_strncasecmp */
} cases[] = {
    {"the", "the", 3},   {"The", "tHE", 3},   {"the", "thy", 3},    {"abc", "abd", 2},
    {"ab\0x", "ab\0y", 4}, /* equal up to the NUL: the bytes after it are not compared */
    {"ab", "abc", 3},    {"abc", "ab", 3},    {"", "", 1},          {"[", "{", 1}, /* 0x5B and 0x7B are no letters */
    {"@", "`", 1},       {"Z", "z", 1},       {"\xc3\xa9", "\xc3\x89", 2}, /* é, É: no ASCII fold */
    {"x", "y", 0},       {"MiXeD", "mixed", 5}, {"same", "same", 4},  {"A", "b", 1},
};

START_TEST(case_insensitive_comparisons) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *a = cases[i].a, *b = cases[i].b;
        int want = reference(a, b, cases[i].n), got = ascii_strncasecmp(a, b, cases[i].n);
        ck_assert_msg(got == want, "ascii_strncasecmp(\"%s\", \"%s\", %zu) = %d, want %d", a, b, cases[i].n, got, want);
        want = reference(a, b, (size_t)-1);
        got = ascii_strcasecmp(a, b);
        ck_assert_msg(got == want, "ascii_strcasecmp(\"%s\", \"%s\") = %d, want %d", a, b, got, want);
    }
}
END_TEST

/* buf_printf formats into the room the buffer has and again when it
 * lacks room: every length of text already there and of text added, so
 * that the output ends before, at and past the room's end. */
START_TEST(buf_printf_at_every_fill) {
    char add[300], want[800];
    memset(add, 'b', sizeof add - 1);
    add[sizeof add - 1] = '\0';
    for (size_t have = 0; have < 260; have++) {
        for (size_t n = 0; n < 260; n++) {
            buf b = {0};
            for (size_t i = 0; i < have; i++) buf_putc(&b, 'a');
            buf_printf(&b, "%.*s|%d", (int)n, add, 42);
            memset(want, 'a', have);
            snprintf(want + have, sizeof want - have, "%.*s|%d", (int)n, add, 42);
            ck_assert_uint_eq(b.len, strlen(want));
            ck_assert_msg(strcmp(b.data, want) == 0, "after %zu bytes, %zu added", have, n);
            buf_free(&b);
        }
    }
    buf b = {0};
    buf_printf(&b, "%s", "");
    ck_assert_uint_eq(b.len, 0);
    ck_assert_str_eq(b.data, "");
    buf_free(&b);
}
END_TEST

/* u8_count and u8_starts pass ASCII eight bytes at a time: a two-byte
 * letter, a three-byte mark, a bad lead byte and a stray continuation
 * byte at every position of texts of every length up to 40 bytes. Each
 * sequence is one code point to u8_count; to u8_starts, as many as its
 * bytes that are no continuation byte. */
START_TEST(count_at_every_position) {
    static const struct {
        const char *seq;
        size_t count, starts;
    } odd[] = {{"\xc3\xa9", 1, 1}, {"\xe2\x80\x9c", 1, 1}, {"\xff", 1, 1}, {"\x80", 1, 0}};
    char t[64];
    for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
        size_t m = strlen(odd[k].seq);
        for (size_t n = m; n <= 40; n++) {
            for (size_t at = 0; at + m <= n; at++) {
                memset(t, 'a', sizeof t);
                memcpy(t + at, odd[k].seq, m);
                ck_assert_msg(u8_count(t, n) == n - m + odd[k].count, "u8_count: %zu-byte sequence at %zu of %zu", m,
                              at, n);
                ck_assert_msg(u8_starts(t, n) == n - m + odd[k].starts, "u8_starts: %zu-byte sequence at %zu of %zu",
                              m, at, n);
            }
        }
    }
}
END_TEST

/* xasprintf formats into a 256-byte stack buffer first: strings shorter
 * than it, as long, and longer, against snprintf. */
START_TEST(xasprintf_at_every_length) {
    char add[600], want[700];
    memset(add, 'c', sizeof add - 1);
    add[sizeof add - 1] = '\0';
    for (size_t n = 0; n < 560; n++) {
        char *got = xasprintf("%.*s-%d", (int)n, add, 7);
        snprintf(want, sizeof want, "%.*s-%d", (int)n, add, 7);
        ck_assert_msg(strcmp(got, want) == 0, "%zu bytes", n);
        free(got);
    }
}
END_TEST

/* u8_valid_prefix passes ASCII 32 and 8 bytes at a time: a bad byte, a
 * good two-byte letter and a letter cut by the end, at every position of
 * texts of every length up to 100 bytes. */
START_TEST(valid_prefix_at_every_position) {
    char t[128];
    for (size_t n = 1; n <= 100; n++) {
        for (size_t at = 0; at < n; at++) {
            memset(t, 'a', sizeof t);
            t[at] = (char)0xFF; /* never in UTF-8 */
            ck_assert_msg(u8_valid_prefix(t, n) == at, "0xFF at %zu of %zu", at, n);
            memset(t, 'a', sizeof t);
            t[at] = (char)0xC3; /* é, or its lead byte alone at the end */
            t[at + 1] = (char)0xA9;
            size_t want = at + 1 < n ? n : at;
            ck_assert_msg(u8_valid_prefix(t, n) == want, "\\xc3\\xa9 at %zu of %zu", at, n);
        }
    }
}
END_TEST

static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_letter(unsigned char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static bool is_alnum(unsigned char c) { return is_letter(c) || (c >= '0' && c <= '9'); }
static bool is_under(unsigned char c) { return c == '_'; }
static uint64_t under8(uint64_t x) { return bytes_equal8(x, '_'); }

/* The eight-bytes-at-a-time byte classes against the byte-at-a-time
 * tests: every byte value at every position of eight, among bytes of
 * each kind (letters, a digit, '_', a space, 0xC3, 0x7F, 0xFF), whose
 * carries must not reach the byte tested. */
START_TEST(byte_classes_eight_at_a_time) {
    static const struct {
        const char *name;
        uint64_t (*eight)(uint64_t);
        bool (*one)(unsigned char);
    } classes[] = {{"upper", ascii_upper8, is_upper},
                   {"letter", ascii_letter8, is_letter},
                   {"alnum", ascii_alnum8, is_alnum},
                   {"'_'", under8, is_under}};
    static const unsigned char around[] = {'a', 'Z', '5', '_', ' ', 0xC3, 0x7F, 0xFF};
    for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        for (size_t f = 0; f < sizeof around; f++) {
            for (unsigned v = 0; v < 256; v++) {
                for (size_t at = 0; at < 8; at++) {
                    unsigned char p[8], got[8];
                    memset(p, around[f], 8);
                    p[at] = (unsigned char)v;
                    uint64_t x, m;
                    memcpy(&x, p, 8);
                    m = classes[c].eight(x);
                    memcpy(got, &m, 8);
                    for (size_t k = 0; k < 8; k++)
                        ck_assert_msg(got[k] == (classes[c].one(p[k]) ? 0x80 : 0),
                                      "%s: byte %u at %zu among 0x%02x, byte %zu", classes[c].name, v, at, around[f],
                                      k);
                }
            }
        }
    }
}
END_TEST

static bool in_quotes_digits(unsigned c) { return c == '"' || c == '.' || (c >= '0' && c <= '9') || c == '}'; }
static bool in_high(unsigned c) { return c >= 0x80; }
static bool in_nothing(unsigned c) { (void)c; return false; }
static bool in_ascii_all(unsigned c) { return c < 0x80; }
static bool in_mixed_high(unsigned c) { return c == 0x80; }

/* byteset_find, sixteen at a time and one at a time, against a byte loop:
 * every byte value at every position of runs of 1 to 40 bytes of a byte
 * outside the set (on each side of a sixteen-byte boundary); a set must
 * hold all bytes past ASCII or none. */
START_TEST(byteset_finds_the_first_member) {
    static const struct {
        const char *name;
        bool (*in)(unsigned);
        bool ok;
    } sets[] = {{"quotes and digits", in_quotes_digits, true}, {"past ASCII", in_high, true},
                {"empty", in_nothing, true},           {"all ASCII", in_ascii_all, true},
                {"only 0x80", in_mixed_high, false}};
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        bool member[256];
        for (unsigned b = 0; b < 256; b++) member[b] = sets[k].in(b);
        byteset bs;
        ck_assert_msg(byteset_init(&bs, member) == sets[k].ok, "%s: init", sets[k].name);
        if (!sets[k].ok) continue;
        unsigned filler = 0;
        while (filler < 256 && member[filler]) filler++;
        for (int simd = 0; simd < 2; simd++) {
            byteset one = bs;
            if (!simd) one.simd = false;
            for (size_t n = 1; n <= 40; n++) {
                for (size_t at = 0; at < n; at++) {
                    for (unsigned v = 0; v < 256; v++) {
                        char t[48];
                        memset(t, filler < 256 ? (int)filler : 0, sizeof t);
                        t[at] = (char)v;
                        size_t want = 0;
                        while (want < n && !member[(unsigned char)t[want]]) want++;
                        ck_assert_msg(byteset_find(&one, t, n) == want, "%s (%s): byte %u at %zu of %zu",
                                      sets[k].name, simd ? "simd" : "bytes", v, at, n);
                    }
                }
            }
        }
    }
}
END_TEST

/* ascii_next_digit: a digit (or none) at every position of every length
 * up to forty, from every start, among bytes that border the digits
 * ('/', ':') and bytes past ASCII. */
START_TEST(next_digit_at_every_position) {
    static const char fillers[] = {'a', '/', ':', ' ', (char)0xB0, (char)0xB9};
    for (size_t f = 0; f < sizeof fillers; f++) {
        for (size_t n = 0; n <= 40; n++) {
            for (size_t at = 0; at <= n; at++) { /* at == n: no digit */
                char t[48];
                memset(t, fillers[f], sizeof t);
                if (at < n) t[at] = (char)('0' + at % 10);
                for (size_t from = 0; from <= n; from++) {
                    size_t want = at < n && at >= from ? at : n;
                    ck_assert_msg(ascii_next_digit(t, from, n) == want, "filler %zu, digit at %zu of %zu, from %zu", f,
                                  at, n, from);
                }
            }
        }
    }
}
END_TEST

static Suite *util_suite(void) {
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, case_insensitive_comparisons);
    tcase_add_test(tc, buf_printf_at_every_fill);
    tcase_add_test(tc, valid_prefix_at_every_position);
    tcase_add_test(tc, xasprintf_at_every_length);
    tcase_add_test(tc, count_at_every_position);
    tcase_add_test(tc, byte_classes_eight_at_a_time);
    tcase_add_test(tc, byteset_finds_the_first_member);
    tcase_add_test(tc, next_digit_at_every_position);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(util_suite)
