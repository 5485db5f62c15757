/* The two small built-in checks, through the whole engine, and the
 * engine's own behaviour: encoding findings, switches, sorting. */
#include "testengine.h"

#include "check.h"
#include "registry.h"
#include "untranslated.h"
#include "util.h"

typedef struct case_ {
    const char *text;
    const char *match; /* expected match of the first finding, NULL: none */
    size_t column;
} case_;

static void run_table_as(const char *rule, const char *name, const case_ *cases, size_t n) {
    mtl_engine *e = te_open(NULL);
    for (size_t i = 0; i < n; i++) {
        te_run(e, name, cases[i].text);
        const te_hit *h = NULL;
        size_t count = te_count(rule, &h);
        if (!cases[i].match) {
            ck_assert_msg(count == 0, "%s: unexpected \"%s\" in: %s", rule, h ? h->match : "", cases[i].text);
        } else {
            ck_assert_msg(count == 1, "%s: %zu findings in: %s", rule, count, cases[i].text);
            ck_assert_str_eq(h->match, cases[i].match);
            ck_assert_uint_eq(h->column, cases[i].column);
        }
    }
    mtl_engine_close(e);
}

static void run_table(const char *rule, const case_ *cases, size_t n) { run_table_as(rule, "t.txt", cases, n); }

START_TEST(doubled_word_table) {
    static const case_ cases[] = {
        {"He met the the minister.", "the the", 8},
        {"The the minister came.", "The the", 1},
        {"It was in\nin the city.", "in\nin", 8},          /* across a line break */
        {"Talks were were held.", "were were", 7},
        {"He said that that was all.", NULL, 0},            /* grammatical */
        {"She had had enough.", NULL, 0},
        {"They sang Duran Duran songs.", NULL, 0},          /* a name */
        {"Lord Bingham met law lord Lord Hope.", NULL, 0},
        {"He shouted no no no at them.", NULL, 0},          /* a deliberate run */
        {"It was very very good.", NULL, 0},
        {"Avoid in in-fighting.", NULL, 0},                 /* compound */
        {"It ended. The next day came.", NULL, 0},
        {"The word the, the article.", NULL, 0},            /* punctuation between */
        {"Use \xc3\xa9l \xc3\xa9l here.", "\xc3\xa9l \xc3\xa9l", 5},
    };
    run_table("MT.DoubledWord", cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* The doubled-word loop carries each word's length to the next pair:
 * after a finding, and after a deliberate run, the next pair is read
 * with its own lengths. */
START_TEST(doubled_word_after_a_finding_or_run) {
    static const struct {
        const char *text, *want; /* the matches, '|' between */
    } cases[] = {
        {"He said an an cat cat today.", "an an|cat cat"},
        {"They cried no no no at at once.", "at at"},
        {"It was a a big big day.", "a a|big big"},
    };
    mtl_engine *e = te_open(NULL);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        te_run(e, "t.txt", cases[c].text);
        buf got = {0};
        buf_puts(&got, "");
        for (size_t k = 0; k < te_n; k++)
            if (strcmp(te_hits[k].rule, "MT.DoubledWord") == 0)
                buf_printf(&got, "%s%s", got.len ? "|" : "", te_hits[k].match);
        ck_assert_msg(strcmp(got.data, cases[c].want) == 0, "%s: want [%s], got [%s]", cases[c].text, cases[c].want,
                      got.data);
        buf_free(&got);
    }
    mtl_engine_close(e);
}
END_TEST

/* "The the" opening a Markdown list item at any depth: an item is its own
 * block, so its first word starts a sentence. */
START_TEST(doubled_word_in_nested_list_items) {
    static const case_ cases[] = {
        {"- The the first level.\n", "The the", 3},
        {"- One.\n  - The the second level.\n", "The the", 5},
        {"- One.\n  - Two.\n    - The the third level.\n", "The the", 7},
        {"- One.\n  - Two.\n    - Three.\n      - The the fourth level.\n", "The the", 9},
        {"1. One.\n   1. Two.\n      1. The the third level.\n", "The the", 10},
        {"- One.\n  - Two.\n    - Met Duran Duran.\n", NULL, 0},
    };
    run_table_as("MT.DoubledWord", "t.md", cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(space_before_punctuation_table) {
    static const case_ cases[] = {
        {"The minister , who spoke first, left.", " ,", 13},
        {"Why did he go ?", " ?", 14},
        {"He said : no.", " :", 8},
        {"It ended .", " .", 9},
        {"Prices rose ; trade fell.", " ;", 12},
        {"Well ... maybe.", NULL, 0},           /* ellipsis */
        {"It was . . . odd.", NULL, 0},        /* spaced ellipsis */
        {"The score was 2 : 3 at half time.", NULL, 0},
        {"A .45 calibre gun.", NULL, 0},
        {"Built on .NET today.", NULL, 0},
        {"Quiet, please.", NULL, 0},
        {"He said,\n, then left.", NULL, 0},   /* a line break is not a space defect */
        {"The result was dull :-( again.", NULL, 0}, /* emoticons */
        {"Fans are fickle :-< really.", NULL, 0},
        {"Good luck ;) everyone.", NULL, 0},
        {"See you :) soon.", NULL, 0},
        {"The list :(a) first.", " :", 9},      /* a colon before a bracket and a word */
    };
    run_table("MT.SpaceBeforePunctuation", cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Brackets, spaces before marks and quotation marks are found sixteen
 * bytes at a time: the same findings wherever in a paragraph, and so
 * wherever in a sixteen-byte window, they fall. Each text is checked
 * behind prefixes of 2 to 41 bytes ("W ", "WW ", ...) in its paragraph;
 * `want` lists the findings (rule, offset in the text) of those checks. */
START_TEST(small_checks_at_every_alignment) {
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"The minister , who spoke first , left ( Xinhua) and the index (CPI ) rose ; trade fell .",
         "Space@12 Space@30 Brackets.Spacing@38 Brackets.Spacing@66 Space@73 Space@86"},
        {"Why ?", "Space@3"},
        {"What a result ! And then a long sentence after it , too ? Yes : no", "Space@13 Space@49 Space@55 Space@61"},
        {"It rose (a lot [really) then fell ] and (ended", "Brackets.Unbalanced@15 Brackets.Spacing@33 "
                                                       "Brackets.Unbalanced@34 Brackets.Unbalanced@40"},
        {"A long run of plain words with no marks at all until the very end of it ( here )",
         "Brackets.Spacing@72 Brackets.Spacing@78"},
        {"Well ... maybe, and then . . . nothing ; 2 : 3 and :-( sad", "Space@38"},
        {"He said \"we will go and then left the room without a word to anyone.", "Quotes.Unbalanced@8"},
        {"The minister\xe2\x80\x99s aide said \xe2\x80\x9cthe plan is dead\xe2\x80\x9d and the party's "
         "leader 'agreed.",
         ""},
        {"A long sentence with no quotation marks at all until here: \xe2\x80\x9copen and never closed.",
         "Quotes.Unbalanced@59"},
        {"\xe2\x80\x9cNested \xe2\x80\x98quotes\xe2\x80\x99 work\xe2\x80\x9d but \"straight ones\" and "
         "\xe2\x80\x9dwrong way\xe2\x80\x9c do not.",
         "Quotes.Mixed@35 Quotes.Direction@55 Quotes.Direction@67"},
    };
    mtl_engine *e = te_open(NULL);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t pad = 1; pad <= 40; pad++) {
            char text[256];
            memset(text, 'W', pad);
            text[pad] = ' ';
            snprintf(text + pad + 1, sizeof text - pad - 1, "%s", cases[c].text);
            te_run(e, "t.txt", text);
            buf got = {0};
            buf_puts(&got, "");
            for (size_t k = 0; k < te_n; k++) {
                const char *r = te_hits[k].rule;
                bool space = strcmp(r, "MT.SpaceBeforePunctuation") == 0;
                if (!space && strncmp(r, "Brackets.", 9) != 0 && strncmp(r, "Quotes.", 7) != 0) continue;
                buf_printf(&got, "%s%s@%zu", got.len ? " " : "", space ? "Space" : r, te_hits[k].offset - pad - 1);
            }
            ck_assert_msg(strcmp(got.data, cases[c].want) == 0, "prefix %zu: %s\n  want [%s]\n  got  [%s]",
                          pad + 1, cases[c].text, cases[c].want, got.data);
            buf_free(&got);
        }
    }
    mtl_engine_close(e);
}
END_TEST

START_TEST(offsets_survive_legacy_encoding) {
    mtl_engine *e = te_open(NULL);
    /* windows-1252 text: "Jos\xe9 said the the thing" */
    const char in[] = "Jos\xe9 said the the thing.";
    te_run_n(e, "t.txt", in, sizeof in - 1);
    const te_hit *h;
    ck_assert_uint_eq(te_count("MT.DoubledWord", &h), 1);
    ck_assert_uint_eq(h->offset, 10);
    ck_assert_uint_eq(h->length, 7);
    ck_assert_uint_eq(h->column, 11);
    ck_assert_uint_eq(te_count("MT.Encoding", &h), 1);
    ck_assert_uint_eq(h->offset, 3);
    ck_assert_uint_eq(h->length, 1);
    ck_assert_str_eq(h->match, "\xc3\xa9"); /* decoded: "é" */
    mtl_engine_close(e);
}
END_TEST

START_TEST(findings_come_sorted) {
    mtl_engine *e = te_open(NULL);
    te_run(e, "t.txt", "Why ?\n\nIt was the the end , really.");
    ck_assert_uint_eq(te_n, 3);
    ck_assert_uint_lt(te_hits[0].offset, te_hits[1].offset);
    ck_assert_uint_lt(te_hits[1].offset, te_hits[2].offset);
    ck_assert_uint_eq(te_hits[2].line, 3);
    mtl_engine_close(e);
}
END_TEST

START_TEST(switches_disable_rules_and_sets) {
    const char *off[] = {"MT.DoubledWord", NULL};
    mtl_config cfg = {.no_spell = true, .no_default_rules = true, .disable = off};
    mtl_engine *e = te_open(&cfg);
    te_run(e, "t.txt", "the the end .");
    ck_assert_uint_eq(te_count("MT.DoubledWord", NULL), 0);
    ck_assert_uint_eq(te_count("MT.SpaceBeforePunctuation", NULL), 1);
    mtl_engine_close(e);

    const char *set[] = {"MT", NULL};
    cfg.disable = set;
    e = te_open(&cfg);
    te_run(e, "t.txt", "the the end .");
    ck_assert_uint_eq(te_n, 0);
    mtl_engine_close(e);

    const char *bogus[] = {"No.Such", NULL};
    cfg.disable = bogus;
    mtl_diags d = {0};
    ck_assert_ptr_null(mtl_engine_open(&cfg, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.msg[0], "No.Such"));
    mtl_diags_free(&d);
}
END_TEST

START_TEST(binary_buffer_is_an_error) {
    mtl_engine *e = te_open(NULL);
    char err[256];
    ck_assert_int_eq(mtl_engine_check_buffer(e, "x.txt", "a\0b", 3, te_collect, NULL, err, sizeof err),
                     MTL_ERR_BINARY);
    mtl_engine_close(e);
}
END_TEST


/* Names.Inconsistent and Names.AbbreviationMix: the words that open
 * sentences are no part of a name (each first letter and length of the
 * openers' index), capitals are found at every place of the text (each
 * case is run behind 0 to 7 spaces, so that its last capitals fall in the
 * bytes after the last full eight), and similar names are paired. want:
 * "Rule=match" of each finding of the two rules, " | " between. */
START_TEST(names_and_abbreviations_table) {
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"Meanwhile Xi Jinping spoke. Meanwhile Xi Jingping left. Meanwhile Xi Jinping returned.",
         "Names.Inconsistent=Xi Jingping"},
        {"According Xi Jinping spoke. A Xi Jingping left. An Xi Jinping returned.", "Names.Inconsistent=Xi Jingping"},
        {"The Xi Jinping spoke. These Xi Jingping left. Those Xi Jinping returned.",
         "Names.Inconsistent=Xi Jingping"},
        {"Mr Xi Jinping spoke. Mrs Xi Jingping left. President Xi Jinping returned.",
         "Names.Inconsistent=Xi Jingping"},
        /* not openers, though of an opener's first letter and length */
        {"Mrx Xi Jinping spoke. Mrx Xi Jingping left. Mrx Xi Jinping returned.",
         "Names.Inconsistent=Mrx Xi Jingping"},
        {"Tho Xi Jinping spoke. Tho Xi Jingping left. Tho Xi Jinping returned.",
         "Names.Inconsistent=Tho Xi Jingping"},
        {"Ana Li Wei met Ana Li Wen. Ana Li Wei left.", ""},
        {"Boris Johnson spoke. Mark Johnsen left. Boris Johnson met Boris Johnsen and Mark Johnson.",
         "Names.Inconsistent=Boris Johnsen | Names.Inconsistent=Mark Johnson"},
        {"The U.S. envoy met the U.S. team and the US", "Names.AbbreviationMix=US"},
        {"The US envoy met the US team and the U.S.", "Names.AbbreviationMix=U.S."},
        {"The U.N. envoy met the U.N. team and the UN.", "Names.AbbreviationMix=UN"},
    };
    mtl_engine *e = te_open(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t pad = 0; pad < 8; pad++) {
            char text[512], got[1024] = "";
            snprintf(text, sizeof text, "%*s%s", (int)pad, "", cases[i].text);
            te_run(e, "t.txt", text);
            for (size_t k = 0; k < te_n; k++) {
                if (strncmp(te_hits[k].rule, "Names.", 6) != 0) continue;
                size_t n = strlen(got);
                if (n < 700) snprintf(got + n, sizeof got - n, "%s%.40s=%.200s", n ? " | " : "", te_hits[k].rule, te_hits[k].match);
            }
            ck_assert_msg(strcmp(got, cases[i].want) == 0, "'%s': got '%s', want '%s'", text, got, cases[i].want);
        }
    }
    mtl_engine_close(e);
}
END_TEST

/* A built-in rule id taken already: the constructor fails, and the one
 * message names that id (check_register writes it, once). */
static bool open_untranslated(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)p;
    mtl_diags notes = {0};
    untr *u = untr_open(reg, cfg, NULL, &notes, diags);
    mtl_diags_free(&notes);
    untr_close(u);
    return u != NULL;
}

START_TEST(rule_id_registered_twice_is_one_message) {
    static const struct {
        bool (*open)(registry *, const mtl_config *, pass *, mtl_diags *);
        const char *taken;
    } cases[] = {
        {check_doubled_open, "MT.DoubledWord"},       {check_spacing_open, "MT.SpaceBeforePunctuation"},
        {check_quotes_open, "Quotes.Mixed"},       {check_layout_open, "Layout.HeadlineCase"},
        {check_brackets_open, "Brackets.Unbalanced"},   {check_spelling_open, "Spelling.Dialect"},
        {check_consistency_open, "Names.Inconsistent"}, {check_source_open, "Source.Name"},
        {open_untranslated, "MT.Untranslated"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        registry *reg = reg_open();
        mtl_diags d = {0};
        ck_assert_int_ge(check_register(reg, cases[i].taken, MTL_INFO, MTL_CAT_STYLE, "taken", &d), 0);
        mtl_config cfg = {.no_spell = true, .no_default_rules = true};
        pass p = {0};
        ck_assert_msg(!cases[i].open(reg, &cfg, &p, &d), "%s: opened with its id taken", cases[i].taken);
        char want[200];
        snprintf(want, sizeof want, "%s: rule id registered twice", cases[i].taken);
        ck_assert_msg(d.n == 1, "%s: %zu messages", cases[i].taken, d.n);
        ck_assert_str_eq(d.msg[0], want);
        mtl_diags_free(&d);
        reg_close(reg);
    }
}
END_TEST

static Suite *checks_suite(void) {
    Suite *s = suite_create("checks");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, doubled_word_table);
    tcase_add_test(tc, doubled_word_after_a_finding_or_run);
    tcase_add_test(tc, names_and_abbreviations_table);
    tcase_add_test(tc, rule_id_registered_twice_is_one_message);
    tcase_add_test(tc, doubled_word_in_nested_list_items);
    tcase_add_test(tc, space_before_punctuation_table);
    tcase_add_test(tc, small_checks_at_every_alignment);
    tcase_add_test(tc, offsets_survive_legacy_encoding);
    tcase_add_test(tc, findings_come_sorted);
    tcase_add_test(tc, switches_disable_rules_and_sets);
    tcase_add_test(tc, binary_buffer_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(checks_suite)
