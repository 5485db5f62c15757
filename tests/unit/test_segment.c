/* Segment: ICU sentences and words, with byte offsets into the text. */
#include "testdoc.h"

START_TEST(abbreviations_do_not_end_sentences) {
    testdoc *t = td_open("The U.S. Senate met Mr. Smith on Jan. 5 in Washington. Dr. Lee met Gen. Ruiz and "
                         "John F. Kennedy's heirs. Prices rose in the U.S. The euro fell.",
                         MTL_MARKUP_TEXT);
    ck_assert_uint_eq(t->d.sentences.n, 4);
    ck_assert_str_eq(TD_SENT(t, 0), "The U.S. Senate met Mr. Smith on Jan. 5 in Washington.");
    ck_assert_str_eq(TD_SENT(t, 1), "Dr. Lee met Gen. Ruiz and John F. Kennedy's heirs.");
    ck_assert_str_eq(TD_SENT(t, 2), "Prices rose in the U.S.");
    ck_assert_str_eq(TD_SENT(t, 3), "The euro fell.");
    td_close(t);
}
END_TEST

START_TEST(quotes_and_question_marks) {
    testdoc *t = td_open("He said: \xe2\x80\x9cWe will win.\xe2\x80\x9d Then he left. Why? Nobody knows!",
                         MTL_MARKUP_TEXT);
    ck_assert_uint_eq(t->d.sentences.n, 4);
    ck_assert_str_eq(TD_SENT(t, 0), "He said: \xe2\x80\x9cWe will win.\xe2\x80\x9d");
    ck_assert_str_eq(TD_SENT(t, 2), "Why?");
    td_close(t);
}
END_TEST

START_TEST(numbers_are_single_words) {
    testdoc *t = td_open("Growth was 3.5 percent, or 1,500 jobs, and Peru\xe2\x80\x99s don\xe2\x80\x99t.",
                         MTL_MARKUP_TEXT);
    const char *want[] = {"Growth", "was", "3.5", "percent", "or", "1,500", "jobs", "and",
                          "Peru\xe2\x80\x99s", "don\xe2\x80\x99t"};
    ck_assert_uint_eq(t->d.words.n, 10);
    for (size_t i = 0; i < 10; i++) ck_assert_str_eq(TD_WORD(t, i), want[i]);
    ck_assert_int_ge(t->d.words.v[2].status, WORD_NUMBER);
    ck_assert_int_lt(t->d.words.v[2].status, WORD_LETTER);
    ck_assert_int_ge(t->d.words.v[0].status, WORD_LETTER);
    td_close(t);
}
END_TEST

START_TEST(sentences_run_across_soft_line_breaks) {
    testdoc *t = td_open("The minister said\nthat the talks\nwould go on. Next one.\n\nNew paragraph.",
                         MTL_MARKUP_TEXT);
    ck_assert_uint_eq(t->d.sentences.n, 3);
    ck_assert_str_eq(TD_SENT(t, 0), "The minister said\nthat the talks\nwould go on.");
    ck_assert_uint_eq(t->d.sentences.v[2].block, 1);
    ck_assert_uint_eq(t->d.blocks.v[0].nsentences, 2);
    ck_assert_uint_eq(t->d.blocks.v[1].first_sentence, 2);
    td_close(t);
}
END_TEST

START_TEST(words_know_their_sentence) {
    testdoc *t = td_open("One two. Three four five.", MTL_MARKUP_TEXT);
    ck_assert_uint_eq(t->d.sentences.v[0].first_word, 0);
    ck_assert_uint_eq(t->d.sentences.v[0].nwords, 2);
    ck_assert_uint_eq(t->d.sentences.v[1].first_word, 2);
    ck_assert_uint_eq(t->d.sentences.v[1].nwords, 3);
    ck_assert_uint_eq(t->d.words.v[4].sentence, 1);
    td_close(t);
}
END_TEST

START_TEST(cjk_words_get_ideographic_status) {
    testdoc *t = td_open("The app \xe5\xbe\xae\xe4\xbf\xa1 grew.", MTL_MARKUP_TEXT); /* 微信 */
    int ideo = 0;
    for (size_t i = 0; i < t->d.words.n; i++)
        if (t->d.words.v[i].status >= WORD_IDEO) ideo++;
    ck_assert_int_ge(ideo, 1);
    td_close(t);
}
END_TEST

static Suite *segment_suite(void) {
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, abbreviations_do_not_end_sentences);
    tcase_add_test(tc, quotes_and_question_marks);
    tcase_add_test(tc, numbers_are_single_words);
    tcase_add_test(tc, sentences_run_across_soft_line_breaks);
    tcase_add_test(tc, words_know_their_sentence);
    tcase_add_test(tc, cjk_words_get_ideographic_status);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(segment_suite)
