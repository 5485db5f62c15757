/* Segment: ICU sentences and words, with byte offsets into the text. */
#include <stdint.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "testdoc.h"
#include "util.h"

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

/* Equivalence of seg_run's words and sentences (blocks of ASCII and of the
 * non-ASCII characters the scanners read take scanners of their own,
 * others ICU over UTF-16) with ICU's: its word iterator over the UTF-8
 * text, the way segment.c found words before (same spans, same status),
 * and seg_run with every block through ICU's iterators (same sentences). */
typedef struct {
    segmenter *sg, *icu_sg;
    UBreakIterator *icu;
    UText ut;
    doc d, icu_d;
    long checked;
} word_oracle;

static void oracle_open(word_oracle *o, const char *locale) {
    char err[256];
    UErrorCode st = U_ZERO_ERROR;
    memset(o, 0, sizeof *o);
    o->ut = (UText)UTEXT_INITIALIZER;
    o->sg = seg_open_locale(locale, err, sizeof err);
    ck_assert_ptr_nonnull(o->sg);
    o->icu_sg = seg_open_locale(locale, err, sizeof err);
    ck_assert_ptr_nonnull(o->icu_sg);
    seg_set_icu_only(o->icu_sg, true);
    o->icu = ubrk_open(UBRK_WORD, locale, NULL, 0, &st);
    ck_assert(U_SUCCESS(st));
    o->d.name = "test";
}

static void oracle_close(word_oracle *o) {
    doc *docs[] = {&o->d, &o->icu_d};
    for (size_t i = 0; i < 2; i++) {
        free(docs[i]->blocks.v);
        free(docs[i]->sentences.v);
        free(docs[i]->words.v);
    }
    seg_close(o->icu_sg);
    ubrk_close(o->icu);
    utext_close(&o->ut);
    seg_close(o->sg);
}

/* Segments text[0, n) as one block of d. */
static void oracle_run(segmenter *sg, doc *d, const char *text, size_t n) {
    char err[256];
    doc_block b = {.start = 0, .end = n, .kind = BLOCK_PARAGRAPH};
    d->text = d->view = text;
    d->len = n;
    d->blocks.n = 0;
    VEC_PUSH(d->blocks, b);
    ck_assert(seg_run(sg, d, err, sizeof err));
}

/* text[0, n) as one block: seg_run's words equal ICU's (status >= 100),
 * its sentences those of seg_run through ICU alone. */
static void oracle_check(word_oracle *o, const char *text, size_t n) {
    oracle_run(o->sg, &o->d, text, n);
    oracle_run(o->icu_sg, &o->icu_d, text, n);
    ck_assert_msg(o->d.sentences.n == o->icu_d.sentences.n, "%zu sentences, ICU %zu, in \"%.*s\"",
                  o->d.sentences.n, o->icu_d.sentences.n, (int)n, text);
    for (size_t i = 0; i < o->d.sentences.n; i++) {
        const doc_sentence *a = &o->d.sentences.v[i], *b = &o->icu_d.sentences.v[i];
        ck_assert_msg(a->start == b->start && a->end == b->end && a->first_word == b->first_word &&
                          a->nwords == b->nwords,
                      "sentence %zu-%zu, ICU %zu-%zu, in \"%.*s\"", a->start, a->end, b->start, b->end, (int)n, text);
    }
    UErrorCode st = U_ZERO_ERROR;
    utext_openUTF8(&o->ut, text, (int64_t)n, &st);
    ubrk_setUText(o->icu, &o->ut, &st);
    ck_assert(U_SUCCESS(st));
    size_t k = 0;
    int32_t prev = ubrk_first(o->icu);
    for (int32_t next = ubrk_next(o->icu); next != UBRK_DONE; prev = next, next = ubrk_next(o->icu)) {
        int status = ubrk_getRuleStatus(o->icu);
        if (status < UBRK_WORD_NONE_LIMIT) continue;
        ck_assert_msg(k < o->d.words.n, "missing word %d-%d in \"%.*s\"", prev, next, (int)n, text);
        const doc_word *w = &o->d.words.v[k++];
        ck_assert_msg(w->start == (size_t)prev && w->end == (size_t)next && w->status == status,
                      "word %zu-%zu status %d, ICU %d-%d status %d, in \"%.*s\"", w->start, w->end, w->status,
                      prev, next, status, (int)n, text);
    }
    ck_assert_msg(k == o->d.words.n, "extra words in \"%.*s\"", (int)n, text);
    o->checked++;
}

/* Every string of up to `len` characters (strings of alpha, which ends
 * with NULL) appended to s[0..used). */
static void oracle_all(word_oracle *o, const char *const *alpha, char *s, size_t used, size_t len) {
    if (used > 0) oracle_check(o, s, used);
    if (len == 0) return;
    for (const char *const *a = alpha; *a; a++) {
        size_t n = strlen(*a);
        memcpy(s + used, *a, n);
        oracle_all(o, alpha, s, used + n, len - 1);
    }
}

/* The characters of chars as strings, then the strings of extra, into
 * out (room for strlen(chars) + extras + 1). */
static const char *const *alphabet(const char *chars, const char *const *extra, const char **out) {
    static char one[256][2];
    size_t k = 0;
    for (const char *c = chars; *c; c++) {
        one[(unsigned char)*c][0] = *c;
        out[k++] = one[(unsigned char)*c];
    }
    while (extra && *extra) out[k++] = *extra++;
    out[k] = NULL;
    return out;
}

/* One non-ASCII character of each pair of word and sentence classes the
 * scanners read (segment.c ext_ranges), then characters of classes they
 * leave to ICU, whose blocks must go there. */
static const char *const ext_reps[] = {
    "\xc3\xa9",     /* e acute: ALetter, Lower */
    "\xc3\x89",     /* E acute: ALetter, Upper */
    "\xe2\x80\x99", /* right single quote: MidNumLet, Close */
    "\xe2\x80\x9d", /* right double quote: Other, Close */
    "\xc2\xa0",     /* no-break space: Other, Sp */
    "\xe2\x80\x83", /* em space: WSegSpace, Sp */
    "\xe2\x80\xaf", /* narrow no-break space: ExtendNumLet, Sp */
    "\xe2\x80\xbf", /* undertie: ExtendNumLet, Other */
    "\xc2\xb7",     /* middle dot: MidLetter, Other */
    "\xe2\x81\x84", /* fraction slash: MidNum, Other */
    "\xe2\x80\x94", /* em dash: Other, SContinue */
    "\xe2\x80\xa6", /* ellipsis: Other, Other */
    "\xc2\xa3",     /* pound sign */
    "\xe2\x82\xac", /* euro sign */
    "\xc2\xad",     /* soft hyphen: Format (ICU's) */
    "\xe2\x80\xa4", /* one dot leader: ATerm (ICU's) */
    "\xe2\x80\xbc", /* double exclamation mark: STerm (ICU's) */
    "\xe2\x80\xa8", /* line separator: Sep (ICU's) */
    NULL};

START_TEST(words_equal_icu_on_every_short_string) {
    word_oracle o;
    oracle_open(&o, "en");
    char all[128], s[64];
    const char *alpha[160];
    /* every pair of ASCII characters and non-ASCII representatives: each
     * one's class */
    for (int c = 1; c < 128; c++) all[c - 1] = (char)c;
    all[127] = '\0';
    oracle_all(&o, alphabet(all, ext_reps, alpha), s, 0, 2);
    /* and each one between two word characters: what joins them */
    static const char *const sides[] = {"a", "7", "_", "W", ".", " ", "\xc3\xa9", "\xe2\x80\x99", NULL};
    for (const char *const *x = sides; *x; x++)
        for (const char *const *y = sides; *y; y++)
            for (const char *const *c = alpha; *c; c++) {
                int n = snprintf(s, sizeof s, "%s%s%s", *x, *c, *y);
                oracle_check(&o, s, (size_t)n);
            }
    ck_assert_int_gt(o.checked, 145 * 145 + 64 * 145);
    oracle_close(&o);
}
END_TEST

/* Every character of the non-ASCII ranges the scanners may read, those
 * they leave to ICU too: next to each representative, before and after,
 * and between two word characters. */
START_TEST(every_scanned_character_equals_icu) {
    static const int32_t ranges[][2] = {{0x80, 0x17F}, {0x2000, 0x20FF}};
    static const char *const sides[] = {"a", "7", "W", ".", " ", "\xc3\xa9", "\xe2\x80\x99", NULL};
    word_oracle o;
    oracle_open(&o, "en");
    char all[128], s[64];
    const char *alpha[160];
    for (int c = 1; c < 128; c++) all[c - 1] = (char)c;
    all[127] = '\0';
    alphabet(all, ext_reps, alpha);
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            char c[5];
            c[u8_encode(cp, c)] = '\0';
            for (const char *const *a = alpha; *a; a++) {
                int n = snprintf(s, sizeof s, "%s%s", c, *a);
                oracle_check(&o, s, (size_t)n);
                n = snprintf(s, sizeof s, "%s%s", *a, c);
                oracle_check(&o, s, (size_t)n);
            }
            for (const char *const *x = sides; *x; x++)
                for (const char *const *y = sides; *y; y++) {
                    int n = snprintf(s, sizeof s, "%s%s%s", *x, c, *y);
                    oracle_check(&o, s, (size_t)n);
                }
        }
    ck_assert_int_ge(o.checked, 512 * (2 * 145 + 49));
    oracle_close(&o);
}
END_TEST

/* Every string of five over one character of each class of the word
 * rules, and the two ICU treats on their own (':' and CR LF); then of the
 * sentence rules, with letters that end no exception of ICU's ("a." and
 * "A." do: those blocks keep ICU); then the same with the non-ASCII
 * characters of each class; then over letters of ICU's exceptions ("Mr.",
 * "U.S.", "K."). */
START_TEST(class_strings_equal_icu) {
    static const char *const word_ext[] = {"\xc3\xa9", "\xe2\x80\x99", "\xc2\xb7", "\xe2\x81\x84",
                                           "\xe2\x80\xaf", "\xe2\x80\xbf", NULL};
    static const char *const sent_ext[] = {"\xc3\xa9", "\xc3\x89", "\xe2\x80\x9d", "\xc2\xa0", "\xe2\x80\x94",
                                           "\xe2\x80\xa6", NULL};
    static const char *const euro[] = {"\xe2\x82\xac", NULL};
    static const char *const signs[] = {"\xc2\xa3", "\xe2\x82\xac", NULL};
    word_oracle o;
    oracle_open(&o, "en");
    char s[64];
    const char *alpha[32];
    oracle_all(&o, alphabet("a7_.',; :\r\n-", euro, alpha), s, 0, 5);
    oracle_all(&o, alphabet("xW7.!\" ,\r\n#", signs, alpha), s, 0, 5);
    oracle_all(&o, alphabet("a7. ", word_ext, alpha), s, 0, 5);
    oracle_all(&o, alphabet("xW.! ", sent_ext, alpha), s, 0, 5);
    oracle_all(&o, alphabet("aAUSKMr. \"", NULL, alpha), s, 0, 5);
    ck_assert_int_gt(o.checked, 2 * 13 * 13 * 13 * 13 * 13 + 3 * 10 * 10 * 10 * 10 * 10);
    oracle_close(&o);
}
END_TEST

/* Spanish and French: their exceptions, some with a space inside ("a. C.",
 * "P.-D. G.") or non-ASCII letters ("Dña."), and their letters. */
START_TEST(locale_strings_equal_icu) {
    static const struct {
        const char *locale, *chars;
        const char *const extra[3];
    } cases[] = {
        {"es", "aCDrS. ", {"\xc3\xb1", "\xc2\xbf", NULL}},  /* Sr. a. C. Dña. D. C. S. ¿ */
        {"fr", "PDG.- d", {"\xc3\xa9", "\xc2\xab", NULL}},  /* P.-D. G. éd. D. P. « */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        word_oracle o;
        oracle_open(&o, cases[i].locale);
        char s[64];
        const char *alpha[16];
        oracle_all(&o, alphabet(cases[i].chars, cases[i].extra, alpha), s, 0, 5);
        ck_assert_int_gt(o.checked, 9 * 9 * 9 * 9 * 9);
        oracle_close(&o);
    }
}
END_TEST

/* Generated news-like text: words, names, contractions, initialisms,
 * numbers with separators, identifiers, URLs, sentence ends, curly quotes,
 * dashes, accented names, between every kind of space and punctuation, in
 * English, Spanish and French with their abbreviations; a few paragraphs
 * with characters the scanners leave to ICU take ICU over UTF-16, whose
 * offsets map back to bytes. */
START_TEST(words_equal_icu_on_generated_text) {
    static const char *const tokens[] = {
        "the", "The", "minister", "said", "U.K", "a.m", "don't", "Peru's", "rock'n'roll", "O'Neill",
        "3.5", "1,500", "2,000,000", "10.30am", "1990s", "4x4", "B2B", "snake_case", "_id", "__init__", "x_1",
        "1_000", "e-mail", "well-known", "http://example.com/a_b?c=1.5", "user@example.org", "#tag", "@name",
        "C++", "$5", "5%", "3:30", "1;2", "a;b", "x.y.z", "1.2.3", "v2.0", "A.B.C.D", "'quoted'", "\"said\"",
        "(aside)", "[1]", "...", "--", "No.", "ab'", "'ab", "1'000", "9'", "12,", ",5", "said.", "said!", "why?",
        "no?!", "end.\"", "end.)", "3.", "(The", "\"We", "We", "He", "it", "5", "etc.", "Inc.", "Ltd.", "x.",
        /* what the scanners read beyond ASCII */
        "caf\xc3\xa9", "Peru\xe2\x80\x99s", "don\xe2\x80\x99t", "\xe2\x80\x9cWe", "win.\xe2\x80\x9d",
        "\xe2\x80\x98quoted\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x93", "2010\xe2\x80\x93" "11", "wait\xe2\x80\xa6",
        "\xe2\x80\xa6", "\xc2\xa3" "5m", "\xe2\x82\xac" "3.5bn", "5\xc2\xa3.", "\xe2\x82\xac.", "Z\xc3\xbcrich",
        "\xc5\x81\xc3\xb3" "d\xc5\xba", "ni\xc3\xb1o", "\xc3\x89" "lys\xc3\xa9" "e", "l\xe2\x80\x99\xc3\x89tat",
        "\xc2\xab" "hola\xc2\xbb", "\xc2\xbfQu\xc3\xa9?", "\xc2\xa1Ya!", "1\xe2\x80\xaf" "000", "1\xc2\xa0" "000",
        "5\xc2\xa0%", "\xc3\x89.", "\xc3\xa9.", "l\xc2\xb7l", "1\xe2\x81\x84" "2", "\xe2\x80\x9d.", ".\xe2\x80\x9d",
    };
    /* exceptions of the three locales and endings like theirs: the
     * paragraphs with them go through ICU's sentence iterator when one may
     * hold a break, the others through the scanner */
    static const char *const abbrevs[] = {"Mr.", "Dr.", "Jan.", "U.S.", "U.S.A.", "e.g.", "Ph.D.", "HMr.",
                                          "UK.", "BBC.", "A.", "p.m.", "Lt.Cdr.", "a.m.", "U.K.", "Sr.", "Sra.",
                                          "a. C.", "d. C.", "Dra.", "D\xc3\xb1" "a.", "p.ej.", "c/c.", "av. J.-C.",
                                          "P.-D. G.", "M.", "\xc3\xa9" "d.", "trav. publ.", "janv."};
    static const char *const seps[] = {" ", " ", " ", "  ", ", ", ". ", "\n", "\r\n", "\t", "", "-", "/", "'", ".",
                                       ",", ";", ":", "_", "\x1a", ". ", "! ", "? ", ".\" ", ".  ", " . ", "\v",
                                       "\xc2\xa0", ".\xe2\x80\x9d ", " \xe2\x80\x94 ", "\xe2\x80\x99", ". \xc2\xbf"};
    /* characters the scanners leave to ICU */
    static const char *const icu_only[] = {"3\xc2\xbd\xcc\x81", "\xf0\x9f\x98\x80", "e\xcc\x81", "\xe5\xbe\xae",
                                           "\xc2\xad", "\xe2\x80\xa8", "a\xe2\x80\x8b" "b"};
    static const char *const locales[] = {"en", "es", "fr"};
    for (size_t li = 0; li < sizeof locales / sizeof *locales; li++) {
        word_oracle o;
        oracle_open(&o, locales[li]);
        uint32_t seed = 11;
        char text[2048];
        for (int para = 0; para < 4000; para++) {
            size_t n = 0;
            for (int t = 0; t < 40; t++) {
                seed = seed * 1103515245u + 12345u;
                const char *tok = (seed >> 8) % 50 == 0 && para % 4 == 2
                                      ? icu_only[(seed >> 16) % (sizeof icu_only / sizeof *icu_only)]
                                  : (seed >> 8) % 5 == 0 && para % 4 == 1
                                      ? abbrevs[(seed >> 16) % (sizeof abbrevs / sizeof *abbrevs)]
                                      : tokens[(seed >> 16) % (sizeof tokens / sizeof *tokens)];
                seed = seed * 1103515245u + 12345u;
                const char *sep = seps[(seed >> 16) % (sizeof seps / sizeof *seps)];
                size_t tl = strlen(tok), sl = strlen(sep);
                memcpy(text + n, tok, tl);
                memcpy(text + n + tl, sep, sl);
                n += tl + sl;
            }
            oracle_check(&o, text, n);
        }
        oracle_close(&o);
    }
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
    /* some hundred thousand strings, each segmented three times */
    tc = tcase_create("equivalence");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, words_equal_icu_on_every_short_string);
    tcase_add_test(tc, every_scanned_character_equals_icu);
    tcase_add_test(tc, class_strings_equal_icu);
    tcase_add_test(tc, locale_strings_equal_icu);
    tcase_add_test(tc, words_equal_icu_on_generated_text);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(segment_suite)
