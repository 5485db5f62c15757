/* deal: every file dealt once, in lanes of neighbours, a segment at a
 * time, whatever order the workers ask in. */
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "testutil.h"

/* Runs where the workers ask in turns given as a string of worker
 * numbers, repeated; `want` is what they get, in order. */
static const struct {
    size_t nfiles, workers, seg;
    const char *turns, *want;
} dealt[] = {
    /* one segment of two lanes, [0, 3) and [3, 7); worker 0 ends its lane
     * first and takes the last file of worker 1's from its back */
    {7, 2, 8, "01", "0 3 1 4 2 5 6"},
    /* worker 1 asks thrice as often: its lane, then worker 0's from the back */
    {8, 2, 8, "0111", "0 4 5 6 1 7 3 2"},
    /* segments of 2 files per worker: [0,1) [1,2), then [2,3) [3,4), then one file */
    {5, 2, 1, "01", "0 1 2 3 4"},
    /* one worker asks: its lane, then the other's from the back */
    {9, 2, 2, "0", "0 1 3 2 4 5 7 6 8"},
    /* three lanes: [0,2) [2,4) [4,6) */
    {6, 3, 4, "012", "0 2 4 1 3 5"},
    /* more workers than files: empty lanes, the others' files */
    {2, 4, 3, "3210", "1 0"},
    {0, 2, 4, "01", ""},
    {3, 1, 1, "0", "0 1 2"},
};

START_TEST(workers_get_their_lanes) {
    for (size_t c = 0; c < sizeof dealt / sizeof dealt[0]; c++) {
        deal *d = deal_open(dealt[c].nfiles, dealt[c].workers, dealt[c].seg);
        char got[256] = "";
        size_t len = 0, nturns = strlen(dealt[c].turns);
        for (size_t t = 0;; t++) {
            size_t k = (size_t)(dealt[c].turns[t % nturns] - '0');
            size_t i = deal_next(d, k);
            if (i == dealt[c].nfiles) break;
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%zu", len ? " " : "", i);
        }
        ck_assert_msg(strcmp(got, dealt[c].want) == 0, "case %zu: dealt \"%s\", want \"%s\"", c, got,
                      dealt[c].want);
        deal_close(d);
    }
}
END_TEST

/* Random orders of asking: each file once, and a file only once every
 * file of the segments before its own is dealt. */
START_TEST(each_file_once_a_segment_at_a_time) {
    unsigned seed = 12345;
    for (size_t nfiles = 0; nfiles < 60; nfiles += 7) {
        for (size_t workers = 1; workers <= 4; workers++) {
            for (size_t seg = 1; seg <= 9; seg += 4) {
                deal *d = deal_open(nfiles, workers, seg);
                unsigned char *seen = calloc(nfiles + 1, 1);
                size_t low = 0; /* every file below it is dealt */
                for (size_t count = 0; count < nfiles; count++) {
                    seed = seed * 1103515245u + 12345u;
                    size_t i = deal_next(d, (seed >> 16) % workers);
                    ck_assert_msg(i < nfiles && !seen[i], "%zu files, %zu workers, seg %zu: file %zu dealt twice",
                                  nfiles, workers, seg, i);
                    ck_assert_msg(i < low + seg * workers, "file %zu dealt while file %zu was not", i, low);
                    seen[i] = 1;
                    while (low < nfiles && seen[low]) low++;
                }
                for (size_t k = 0; k < workers; k++) ck_assert_uint_eq(deal_next(d, k), nfiles);
                free(seen);
                deal_close(d);
            }
        }
    }
}
END_TEST

static Suite *deal_suite(void) {
    Suite *s = suite_create("deal");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, workers_get_their_lanes);
    tcase_add_test(tc, each_file_once_a_segment_at_a_time);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(deal_suite)
