/* test_mtd.c - compiled dictionaries: the verdicts of a table (yes, no,
 * "maybe" by pattern, prefix and hyphen split), files that are stale,
 * missing or damaged, and the speller on top: the table answers first,
 * Hunspell is opened only for what the table cannot decide, added words
 * follow Hunspell_add, and a stale or missing file falls back to Hunspell
 * with a note. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "mtd.h"
#include "spell.h"
#include "testutil.h"

static char tmpdir[256];

/* A fresh directory with a copy of the test en_US dictionary, so that
 * its files can be touched. */
static void setup(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mtl_mtd_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    for (int i = 0; i < 2; i++) {
        const char *ext = i ? "dic" : "aff";
        char src[4096], dst[512], cmd[8192];
        snprintf(src, sizeof src, "%s", test_path(i ? "tests/data/dict/en_US.dic" : "tests/data/dict/en_US.aff"));
        snprintf(dst, sizeof dst, "%s/en_US.%s", tmpdir, ext);
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, dst);
        ck_assert_int_eq(system(cmd), 0);
    }
}

static void teardown(void) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp(const char *name) {
    static char bufs[4][512];
    static int k;
    char *b = bufs[k++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, name);
    return b;
}

/* Writes tmp/en_US.mtd with the given forms, patterns and flags. */
static void write_table(const char *const *forms, const char *const *subs, const char *const *prefixes,
                        uint32_t flags) {
    mtd_builder *b = mtd_builder_new(), *keys = mtd_builder_new();
    for (size_t i = 0; forms && forms[i]; i++) ck_assert(mtd_builder_add(b, forms[i], strlen(forms[i])));
    for (size_t i = 0; subs && subs[i]; i++) mtd_builder_maybe_substr(b, subs[i]);
    for (size_t i = 0; prefixes && prefixes[i]; i++) mtd_builder_maybe_prefix(b, prefixes[i]);
    mtd_builder_add(keys, "NATO", 4);
    mtd_builder_set_flags(b, flags);
    char err[256];
    ck_assert_msg(mtd_builder_write(b, keys, tmp("en_US.mtd"), tmp("en_US.aff"), tmp("en_US.dic"), err, sizeof err),
                  "%s", err);
    mtd_builder_free(b);
    mtd_builder_free(keys);
}

static mtd *open_table(mtd_status *st) {
    return mtd_open(tmp("en_US.mtd"), tmp("en_US.aff"), tmp("en_US.dic"), st);
}

START_TEST(verdicts) {
    /* long words, in each case class, for the word-at-a-time test of
     * case (a capital in the last bytes too) */
    static const char *const forms[] = {"house", "House", "HOUSE", "boat", "well", "known", "so", "and",
                                        "householder", "Householder", "householdeR", "émigrés", "Émigrés",
                                        NULL};
    static const char *const subs[] = {"0", ".", "’", "zz", NULL};
    static const char *const prefixes[] = {"q", "xy", NULL};
    write_table(forms, subs, prefixes, MTD_BREAK_DASH);
    mtd_status st;
    mtd *m = open_table(&st);
    ck_assert_int_eq(st, MTD_OK);
    ck_assert_uint_eq(mtd_forms(m), 13);
    static const struct { const char *w; mtd_verdict v; } cases[] = {
        {"house", MTD_YES},       {"HOUSE", MTD_YES},      {"hOUSE", MTD_NO},       {"houses", MTD_NO},
        {"", MTD_NO},             {"boat.", MTD_MAYBE},    {"10th", MTD_MAYBE},     {"don’t", MTD_MAYBE},
        {"quay", MTD_MAYBE},      {"aqua", MTD_NO},        {"well-known", MTD_YES}, {"well-knwn", MTD_NO},
        {"Well-known", MTD_NO},   {"WELL-KNOWN", MTD_NO},  {"house-boat", MTD_YES}, {"HOUSE-BOAT", MTD_YES},
        {"so-and-so", MTD_YES},   {"so-and-sox", MTD_NO},  {"well-10", MTD_MAYBE},  {"well-qua", MTD_MAYBE},
        {"xx-known", MTD_NO},     {"-house", MTD_MAYBE},   {"house-", MTD_MAYBE},   {"a^-b", MTD_MAYBE},
        {"so-so-so-so-so-so-so-so-so-so-so", MTD_MAYBE},
        {"householder", MTD_YES}, {"Householder", MTD_YES}, {"householdeR", MTD_YES}, {"HouseholdeR", MTD_NO},
        {"householdEr", MTD_NO},  {"hOuseholder", MTD_NO},  {"householders", MTD_NO}, {"émigrés", MTD_YES},
        {"Émigrés", MTD_YES},     {"émigréS", MTD_NO},     {"buzz", MTD_MAYBE},     {"z", MTD_NO},
        {"xylophone", MTD_MAYBE}, {"x", MTD_NO},           {"axy", MTD_NO},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(mtd_check(m, NULL, cases[i].w, strlen(cases[i].w)) == cases[i].v, "%s: %d, want %d",
                      cases[i].w, mtd_check(m, NULL, cases[i].w, strlen(cases[i].w)), cases[i].v);
    /* words of an extra set count as forms, in splits too */
    mtd_builder *extra = mtd_builder_new();
    mtd_builder_add(extra, "Bogotá", strlen("Bogotá"));
    ck_assert_int_eq(mtd_check(m, extra, "Bogotá", strlen("Bogotá")), MTD_YES);
    ck_assert_int_eq(mtd_check(m, extra, "house-Bogotá", strlen("house-Bogotá")), MTD_YES);
    ck_assert_int_eq(mtd_check(m, NULL, "Bogotá", strlen("Bogotá")), MTD_NO);
    ck_assert(mtd_is_entry(m, "NATO", 4));
    ck_assert(!mtd_is_entry(m, "house", 5));
    mtd_builder_free(extra);
    mtd_close(m);
}
END_TEST

/* The case class the old letter-by-letter loop gave: the word-at-a-time
 * test of ASCII words must agree with it, or a compiled table would be
 * looked up in the wrong part. */
static unsigned reference_class(const char *w, size_t n) {
    size_t upper = 0;
    bool first = false;
    for (int32_t i = 0, len = (int32_t)n; i < len;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(w, i, len, c);
        if (c < 0 || !u_isupper(c)) continue;
        upper++;
        first |= at == 0;
    }
    return upper == 0 ? 0 : upper == 1 && first ? 1 : 2;
}

/* Words of 1 to 24 bytes, each with one or two odd characters at every
 * place: capitals, accented letters, non-letters, a stray UTF-8 byte. */
START_TEST(case_class_matches_the_letter_loop) {
    static const char *const odd[] = {"Q", "Z", "A", "@", "[", "`", "{", "-", "É", "é", "\x80", "ß"};
    const char *letters = "abcdefghijklmnopqrstuvwxyz";
    size_t nodd = sizeof odd / sizeof odd[0], checked = 0;
    for (size_t n = 1; n <= 24; n++) {
        for (size_t a = 0; a < nodd; a++) {
            for (size_t p = 0; p <= n; p++) {
                for (size_t q = p; q <= n; q++) {
                    /* odd[a] at p and (when q < n) odd[(a + q) % nodd] at q */
                    char w[128];
                    size_t k = 0;
                    for (size_t i = 0; i < n; i++) {
                        const char *x = i == p ? odd[a] : i == q && q != p ? odd[(a + q) % nodd] : NULL;
                        if (x) {
                            memcpy(w + k, x, strlen(x));
                            k += strlen(x);
                        } else {
                            w[k++] = letters[i % 26];
                        }
                    }
                    unsigned want = reference_class(w, k);
                    ck_assert_msg(mtd_case_class(w, k) == want, "'%.*s': %u, want %u", (int)k, w,
                                  mtd_case_class(w, k), want);
                    checked++;
                }
            }
        }
    }
    ck_assert_uint_gt(checked, 10000);
}
END_TEST

START_TEST(all_maybe_and_no_split) {
    static const char *const forms[] = {"house", "boat", NULL};
    write_table(forms, NULL, NULL, MTD_ALL_MAYBE);
    mtd_status st;
    mtd *m = open_table(&st);
    ck_assert_int_eq(mtd_check(m, NULL, "house", 5), MTD_YES);
    ck_assert_int_eq(mtd_check(m, NULL, "houses", 6), MTD_MAYBE);
    mtd_close(m);
    write_table(forms, NULL, NULL, 0);
    m = open_table(&st);
    ck_assert_int_eq(mtd_check(m, NULL, "house-boat", 10), MTD_NO); /* no default BREAK */
    mtd_close(m);
}
END_TEST

START_TEST(stale_missing_and_damaged_files) {
    mtd_status st;
    ck_assert_ptr_null(open_table(&st));
    ck_assert_int_eq(st, MTD_MISSING);
    static const char *const forms[] = {"house", NULL};
    write_table(forms, NULL, NULL, 0);
    /* the .dic changes: another mtime */
    struct timespec ts[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    ck_assert_int_eq(utimensat(AT_FDCWD, tmp("en_US.dic"), ts, 0), 0);
    ck_assert_ptr_null(open_table(&st));
    ck_assert_int_eq(st, MTD_STALE);
    /* a table of another format version (the 32-bit word after the magic) */
    write_table(forms, NULL, NULL, 0);
    FILE *v = fopen(tmp("en_US.mtd"), "r+b");
    ck_assert_ptr_nonnull(v);
    uint32_t old_version = 2;
    ck_assert_int_eq(fseek(v, 8, SEEK_SET), 0);
    ck_assert_uint_eq(fwrite(&old_version, sizeof old_version, 1, v), 1);
    fclose(v);
    ck_assert_ptr_null(open_table(&st));
    ck_assert_int_eq(st, MTD_OTHER_FORMAT);
    /* cut short, or not a table at all */
    write_table(forms, NULL, NULL, 0);
    ck_assert_int_eq(truncate(tmp("en_US.mtd"), 200), 0);
    ck_assert_ptr_null(open_table(&st));
    ck_assert_int_eq(st, MTD_BAD);
    FILE *f = fopen(tmp("en_US.mtd"), "w");
    for (int i = 0; i < 100; i++) fputs("not a dictionary\n", f);
    fclose(f);
    ck_assert_ptr_null(open_table(&st));
    ck_assert_int_eq(st, MTD_BAD);
}
END_TEST

/* One mapping per file in a process: -j workers share it; a file written
 * again (a new inode) is a new table, even while the old one is open. */
typedef struct table_paths {
    char mtd[512], aff[512], dic[512];
} table_paths;

/* The paths are made before the threads start: tmp()'s rotating buffers
 * are not for two threads at once. */
static void *open_in_thread(void *arg) {
    const table_paths *p = arg;
    mtd_status st;
    return mtd_open(p->mtd, p->aff, p->dic, &st);
}

START_TEST(one_mapping_per_file) {
    static const char *const old_forms[] = {"house", NULL}, *const new_forms[] = {"boat", NULL};
    write_table(old_forms, NULL, NULL, 0);
    mtd_status st;
    mtd *a = open_table(&st);
    ck_assert_int_eq(st, MTD_OK);
    table_paths paths;
    snprintf(paths.mtd, sizeof paths.mtd, "%s", tmp("en_US.mtd"));
    snprintf(paths.aff, sizeof paths.aff, "%s", tmp("en_US.aff"));
    snprintf(paths.dic, sizeof paths.dic, "%s", tmp("en_US.dic"));
    pthread_t tid[2];
    mtd *got[2];
    for (int i = 0; i < 2; i++) ck_assert_int_eq(pthread_create(&tid[i], NULL, open_in_thread, &paths), 0);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(pthread_join(tid[i], (void **)&got[i]), 0);
        ck_assert_ptr_eq(got[i], a);
    }
    mtd_close(got[0]);
    mtd_close(got[1]);
    ck_assert_int_eq(mtd_check(a, NULL, "house", 5), MTD_YES); /* still open for its last user */
    write_table(new_forms, NULL, NULL, 0);
    mtd *b = open_table(&st);
    ck_assert_int_eq(st, MTD_OK);
    ck_assert_ptr_ne(a, b);
    ck_assert_int_eq(mtd_check(b, NULL, "boat", 4), MTD_YES);
    ck_assert_int_eq(mtd_check(b, NULL, "house", 5), MTD_NO);
    ck_assert_int_eq(mtd_check(a, NULL, "house", 5), MTD_YES);
    mtd_close(a);
    mtd_close(b);
}
END_TEST

/* The file pages mapped into this process, in KB: RssFile, plus
 * RssShmem for a table on tmpfs (a /tmp in memory), whose pages the
 * kernel counts as shared memory. */
static long rss_file_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    ck_assert_ptr_nonnull(f);
    char line[256];
    long kb = 0, v, found = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "RssFile: %ld", &v) == 1 || sscanf(line, "RssShmem: %ld", &v) == 1) {
            kb += v;
            found++;
        }
    fclose(f);
    ck_assert_int_eq(found, 2);
    return kb;
}

/* A few hundred lookups in a large table add almost nothing to the
 * process's memory: each lookup through the mapping would map 64 KB
 * around each page it reads (the kernel's fault-around), and a run that
 * asks the other dialect a few thousand words counted its whole table.
 * The verdicts are the same on both paths, before and after the table
 * switches to its mapping. */
enum { NFORMS = 200000, NASK = 600 };

/* A table of NFORMS forms, its file in the page cache (where
 * fault-around finds it), opened, with the lookup code already mapped. */
static mtd *big_table(void) {
    mtd_builder *b = mtd_builder_new(), *keys = mtd_builder_new();
    char w[32];
    for (int i = 0; i < NFORMS; i++) {
        int n = snprintf(w, sizeof w, "form%dx", i * 7);
        ck_assert(mtd_builder_add(b, w, (size_t)n));
    }
    char err[256];
    ck_assert_msg(mtd_builder_write(b, keys, tmp("en_US.mtd"), tmp("en_US.aff"), tmp("en_US.dic"), err, sizeof err),
                  "%s", err);
    mtd_builder_free(b);
    mtd_builder_free(keys);
    /* the whole file in the page cache, where fault-around finds it */
    FILE *f = fopen(tmp("en_US.mtd"), "rb");
    char chunk[65536];
    while (fread(chunk, 1, sizeof chunk, f) > 0) {}
    fclose(f);
    mtd_status st;
    mtd *m = open_table(&st);
    ck_assert_int_eq(st, MTD_OK);
    /* the code the loop runs is mapped first: only the table is measured */
    ck_assert_int_eq(mtd_check(m, NULL, "form0x", 6), MTD_YES);
    ck_assert_int_eq(mtd_check(m, NULL, "form0y", 6), MTD_NO);
    (void)rss_file_kb();
    return m;
}

/* NASK forms spread over the table, and a word one letter off each,
 * `rounds` times: the file-backed memory it added. */
static long ask_spread(mtd *m, int rounds) {
    char w[32];
    long before = rss_file_kb();
    for (int r = 0; r < rounds; r++)
        for (int i = r; i < NFORMS; i += NFORMS / NASK) {
            int n = snprintf(w, sizeof w, "form%dx", i * 7);
            ck_assert_int_eq(mtd_check(m, NULL, w, (size_t)n), MTD_YES);
            n = snprintf(w, sizeof w, "form%dy", i * 7);
            ck_assert_int_eq(mtd_check(m, NULL, w, (size_t)n), MTD_NO);
        }
    return rss_file_kb() - before;
}

START_TEST(first_lookups_leave_the_table_unmapped) {
    mtd *m = big_table();
    mtd_stats st0, st;
    mtd_get_stats(m, &st0); /* big_table's own two lookups */
    const size_t asked = (NFORMS - 1) / (NFORMS / NASK) + 1; /* forms asked, and as many absent words */
    /* the filter (ten bits a form) is the memory the first lookups may
     * map, and a few pages of the table */
    const long filter_kb = NFORMS * 10 / 8 / 1024;
    struct { int every, rounds; long max_kb; } phases[] = {
        {NFORMS / NASK, 1, filter_kb + 256}, /* the first lookups: read, not mapped */
        {NFORMS / NASK, 20, -1},             /* and on past the switch to the mapping */
    };
    for (size_t p = 0; p < sizeof phases / sizeof phases[0]; p++) {
        long grew = ask_spread(m, phases[p].rounds);
        if (phases[p].max_kb >= 0)
            ck_assert_msg(grew <= phases[p].max_kb, "phase %zu: %ld KB of the table mapped", p, grew);
        if (p > 0) continue;
        mtd_get_stats(m, &st);
        ck_assert_uint_eq(st.unmapped - st0.unmapped, 2 * asked);
        /* the filter answers for most absent words (the verdicts above
         * show it never turns a form away) */
        ck_assert_msg(st.filtered - st0.filtered >= asked * 9 / 10 && st.filtered - st0.filtered <= asked,
                      "%zu of %zu absent words filtered", st.filtered - st0.filtered, asked);
    }
    /* no lookup goes without the mapping after the switch
     * (MTD_READ_LOOKUPS in mtd.c) */
    mtd_get_stats(m, &st);
    ck_assert_uint_eq(st.unmapped, 4096);
    mtd_close(m);
}
END_TEST

/* A main dictionary, asked about every word: read through its mapping
 * from the first lookup (no system call per lookup), same verdicts. The
 * memory it maps depends on the kernel and the file system (fault-around,
 * tmpfs), so the test counts the lookups instead. */
START_TEST(busy_table_is_mapped_at_once) {
    mtd *m = big_table();
    mtd_stats st0, st;
    mtd_get_stats(m, &st0);
    mtd_expect_busy(m);
    (void)ask_spread(m, 1);
    mtd_get_stats(m, &st);
    ck_assert_uint_eq(st.unmapped, st0.unmapped);
    mtd_close(m);
}
END_TEST

/* A table most lookups of which are absent words (the dialect variants):
 * its filter comes first, through the mapping as through reads, and
 * never turns a form away (ask_spread checks every verdict). */
START_TEST(absent_table_keeps_its_verdicts) {
    for (int busy = 0; busy < 2; busy++) {
        mtd *m = big_table();
        if (busy) mtd_expect_busy(m);
        mtd_expect_absent(m);
        (void)ask_spread(m, 30); /* on past the switch to the mapping */
        mtd_close(m);
    }
}
END_TEST

/* The speller over a table written for the copied test dictionary. */
static speller *open_compiled(mtl_diags *notes, const char *supp) {
    const char *names[] = {tmp("en_US"), NULL};
    spell_options o = {.names = names, .compiled_dir = tmpdir, .notes = notes, .supplement_dir = supp};
    mtl_diags diags = {0};
    speller *sp = spell_open(&o, &diags);
    ck_assert_msg(sp, "%s", diags.n ? diags.msg[0] : "?");
    mtl_diags_free(&diags);
    return sp;
}

START_TEST(speller_opens_hunspell_only_when_needed) {
    /* a table that lacks "president": only Hunspell can say */
    static const char *const forms[] = {"minister", "government", NULL};
    static const char *const subs[] = {"1", NULL};
    static const char *const prefixes[] = {"pres", NULL};
    write_table(forms, subs, prefixes, MTD_BREAK_DASH);
    mtl_diags notes = {0};
    speller *sp = open_compiled(&notes, NULL);
    ck_assert_uint_eq(notes.n, 0);
    spell_stats st;
    ck_assert(spell_known(sp, "minister", 8));
    ck_assert(!spell_known(sp, "ministre", 8));
    ck_assert(spell_known(sp, "minister-government", 19));
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.hunspell_opened, 0);
    ck_assert_uint_eq(st.hunspell_calls, 0);
    ck_assert(spell_known(sp, "president", 9)); /* "maybe": Hunspell knows it */
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.hunspell_opened, 1);
    ck_assert_uint_eq(st.hunspell_calls, 1);
    spell_close(sp);
    mtl_diags_free(&notes);
}
END_TEST

START_TEST(stale_table_falls_back_with_a_note) {
    static const char *const forms[] = {"minister", NULL};
    write_table(forms, NULL, NULL, 0);
    struct timespec ts[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    ck_assert_int_eq(utimensat(AT_FDCWD, tmp("en_US.aff"), ts, 0), 0);
    mtl_diags notes = {0};
    speller *sp = open_compiled(&notes, NULL);
    ck_assert_uint_eq(notes.n, 1);
    ck_assert_ptr_nonnull(strstr(notes.msg[0], "en_US.mtd was compiled from another version of"));
    ck_assert(spell_known(sp, "president", 9)); /* Hunspell, not the table */
    spell_stats st;
    spell_get_stats(sp, &st);
    ck_assert_uint_eq(st.compiled_lookups, 0);
    ck_assert_uint_eq(st.hunspell_calls, 1);
    spell_close(sp);
    mtl_diags_free(&notes);
    /* a missing table of a dictionary outside the system directories is
     * the usual case (a user's own dictionary): no note */
    unlink(tmp("en_US.mtd"));
    sp = open_compiled(&notes, NULL);
    ck_assert_uint_eq(notes.n, 0);
    spell_close(sp);
    mtl_diags_free(&notes);
}
END_TEST

/* Added words on a compiled dictionary give Hunspell_add's verdicts:
 * case variants, and nothing for a word the dictionary has as an entry
 * (Hunspell ignores it; "Nato" stays the hidden twin of "NATO/M"). */
START_TEST(added_words_match_hunspell) {
    unsetenv("DICPATH");
    char *aff, *dic;
    if (!spell_find("en_US", &aff, &dic, NULL)) return;
    free(aff);
    free(dic);
    char *dir = realpath(test_path("build/dict"), NULL);
    ck_assert_msg(dir, "no build/dict: run make dicts");
    const char *names[] = {"en_US", NULL};
    spell_options o = {.names = names, .supplement_dir = test_path("dictionaries"), .compiled_dir = dir};
    spell_options r = {.names = names, .supplement_dir = test_path("dictionaries")};
    mtl_diags diags = {0};
    speller *fast = spell_open(&o, &diags), *ref = spell_open(&r, &diags);
    ck_assert(fast && ref);
    static const char *const words[] = {"Nato", "NATO", "nato", "Opec", "Bogotá", "BOGOTÁ", "bogotá",
                                        "Martín-Santos", "chatshow", "Chatshow", "CHATSHOWS", "ex-chatshow",
                                        "HD-DVD", "Hd-dvd", "so-and-sos", "government", "GOVERNMENT's"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg(spell_known(fast, words[i], strlen(words[i])) == spell_known(ref, words[i], strlen(words[i])),
                      "%s", words[i]);
    spell_stats st;
    spell_get_stats(fast, &st);
    ck_assert_uint_eq(st.hunspell_opened, 0);
    spell_close(fast);
    spell_close(ref);
    mtl_diags_free(&diags);
    free(dir);
}
END_TEST

static Suite *make_suite(void) {
    Suite *s = suite_create("mtd");
    TCase *t = tcase_create("table");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, verdicts);
    tcase_add_test(t, case_class_matches_the_letter_loop);
    tcase_add_test(t, all_maybe_and_no_split);
    tcase_add_test(t, stale_missing_and_damaged_files);
    tcase_add_test(t, one_mapping_per_file);
    tcase_add_test(t, first_lookups_leave_the_table_unmapped);
    tcase_add_test(t, busy_table_is_mapped_at_once);
    tcase_add_test(t, absent_table_keeps_its_verdicts);
    tcase_add_test(t, speller_opens_hunspell_only_when_needed);
    tcase_add_test(t, stale_table_falls_back_with_a_note);
    suite_add_tcase(s, t);
    t = tcase_create("system");
    tcase_add_test(t, added_words_match_hunspell);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(make_suite)
