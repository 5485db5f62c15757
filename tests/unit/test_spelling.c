/* test_spelling.c - Spelling.Unknown, Spelling.Dialect and MT.Untranslated
 * through the engine: each rule of the token policy, the untranslated
 * signals, the quote policy, the missing dictionary error. The tiny
 * dictionaries of tests/data/dict stand in for the system ones (DICPATH);
 * the last cases run the real en_US and es dictionaries with the shipped
 * supplements, and are skipped when those are not installed. */
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "spell.h"
#include "testutil.h"
#include "util.h"
#include "wkey.h"

typedef struct got {
    char rule[64][40];
    char match[64][128];
    char msg[64][200];
    char sugg[64][64];
    int n;
} got;

static void collect(void *ctx, const mtl_finding *f) {
    got *g = ctx;
    if (getenv("TEST_SPELLING_DEBUG")) fprintf(stderr, "  %s '%.*s': %s\n", f->rule, (int)f->length, f->match, f->message);
    if (g->n >= 64) return;
    snprintf(g->rule[g->n], sizeof g->rule[0], "%s", f->rule);
    snprintf(g->match[g->n], sizeof g->match[0], "%.*s", (int)f->length, f->match);
    snprintf(g->msg[g->n], sizeof g->msg[0], "%s", f->message);
    snprintf(g->sugg[g->n], sizeof g->sugg[0], "%s", f->nsuggestions ? f->suggestions[0] : "");
    g->n++;
}

typedef struct opts {
    const char *source, *dialect, *dict;
    bool no_spell, real;
    const char *disable;
} opts;

static mtl_engine *open_engine(const opts *o, mtl_diags *diags) {
    static const char *words[2];
    static const char *disable[2];
    words[0] = test_path("tests/data/dict/words.txt");
    disable[0] = o->disable;
    mtl_config cfg = {0};
    cfg.no_default_rules = true;
    cfg.source_lang = o->source;
    cfg.dialect = o->dialect;
    cfg.dict = o->dict;
    cfg.no_spell = o->no_spell;
    cfg.disable = o->disable ? disable : NULL;
    if (o->real) {
        unsetenv("DICPATH");
        cfg.dict_dir = test_path("dictionaries");
    } else {
        setenv("DICPATH", test_path("tests/data/dict"), 1);
        cfg.dict_dir = test_path("tests/data/dict/supp");
        cfg.words = words;
    }
    return mtl_engine_open(&cfg, diags);
}

/* Checks text with engine e; the findings of the spelling rules and
 * MT.Untranslated go to g. */
static void check_with(mtl_engine *e, const char *text, got *g) {
    got all = {0};
    char err[256];
    ck_assert_int_eq(mtl_engine_check_buffer(e, "t.txt", text, strlen(text), collect, &all, err,
                                             sizeof err),
                     MTL_OK);
    memset(g, 0, sizeof *g);
    for (int i = 0; i < all.n; i++) {
        if (strncmp(all.rule[i], "Spelling.", 9) && strcmp(all.rule[i], "MT.Untranslated")) continue;
        memcpy(g->rule[g->n], all.rule[i], sizeof g->rule[0]);
        memcpy(g->match[g->n], all.match[i], sizeof g->match[0]);
        memcpy(g->msg[g->n], all.msg[i], sizeof g->msg[0]);
        memcpy(g->sugg[g->n], all.sugg[i], sizeof g->sugg[0]);
        g->n++;
    }
}

/* Checks text with options o, in an engine of its own. */
static void run(const opts *o, const char *text, got *g) {
    mtl_diags diags = {0};
    mtl_engine *e = open_engine(o, &diags);
    ck_assert_msg(e, "engine: %s", diags.n ? diags.msg[0] : "?");
    check_with(e, text, g);
    mtl_engine_close(e);
    mtl_diags_free(&diags);
}

static int find(const got *g, const char *rule, const char *match) {
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->rule[i], rule) && !strcmp(g->match[i], match)) return i;
    return -1;
}

static const opts plain = {0};

#define ASSERT_NONE(o, text)                                                                     \
    do {                                                                                         \
        got g_;                                                                                  \
        run((o), (text), &g_);                                                                   \
        ck_assert_msg(g_.n == 0, "%s: unexpected %s '%s'", (text), g_.rule[0], g_.match[0]);     \
    } while (0)

/* The word cache's hash and comparison (wkey.h) read every byte: words of
 * 1 to 70 bytes, the same bytes at other alignments (equal, one hash),
 * and each with one byte changed at each place (unequal, another hash). */
START_TEST(word_keys_read_every_byte) {
    char a[80], b[96];
    uint64_t x = 88172645463325252ULL; /* xorshift: letters that vary */
    for (size_t n = 1; n <= 70; n++) {
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            a[i] = (char)('a' + x % 26);
        }
        for (size_t off = 0; off < 8; off++) {
            memcpy(b + off, a, n);
            ck_assert_msg(wkey_equal(a, b + off, n), "%zu bytes at +%zu", n, off);
            ck_assert_msg(wkey_hash(a, n) == wkey_hash(b + off, n), "%zu bytes at +%zu", n, off);
        }
        for (size_t i = 0; i < n; i++) {
            memcpy(b, a, n);
            b[i] = (char)(b[i] == 'z' ? 'a' : b[i] + 1);
            ck_assert_msg(!wkey_equal(a, b, n), "%zu bytes, byte %zu", n, i);
            ck_assert_msg(wkey_hash(a, n) != wkey_hash(b, n), "%zu bytes, byte %zu", n, i);
        }
        if (n > 1) ck_assert_msg(wkey_hash(a, n) != wkey_hash(a, n - 1), "%zu bytes and one less", n);
    }
}
END_TEST

START_TEST(lower_case_typo_with_suggestion) {
    got g;
    run(&plain, "The goverment said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.rule[0], "Spelling.Unknown");
    ck_assert_str_eq(g.match[0], "goverment");
    ck_assert_str_eq(g.sugg[0], "government");
    ck_assert_str_eq(g.msg[0], "unknown word 'goverment'; did you mean 'government'?");
}
END_TEST

START_TEST(unknown_without_suggestion) {
    got g;
    run(&plain, "The xqzzt said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.msg[0], "unknown word 'xqzzt'");
}
END_TEST

START_TEST(capitalized_unknown_is_a_name) {
    ASSERT_NONE(&plain, "The minister met Vizcarra in the city.");
    ASSERT_NONE(&plain, "Vizcarra said it.");            /* sentence-initial too */
    ASSERT_NONE(&plain, "The Gartner report said it.");  /* one slip from garter: still a name */
}
END_TEST

START_TEST(capitalized_near_miss_of_a_document_word) {
    got g;
    run(&plain, "Goverment plans. The government said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "Goverment");
    ck_assert_str_eq(g.rule[0], "Spelling.Unknown");
    /* a letter too many, and two swapped */
    run(&plain, "The Governmment plans. The Goevrnment plans. The government said it.", &g);
    ck_assert_int_eq(g.n, 2);
}
END_TEST

START_TEST(capitalized_near_miss_of_a_title_word) {
    got g;
    run(&plain, "The Minstry said it.", &g); /* "ministry" is a title word */
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "Minstry");
}
END_TEST

START_TEST(acronyms_and_mixed_case) {
    ASSERT_NONE(&plain, "The OAS and APEC and the UNASUR said it.");
    ASSERT_NONE(&plain, "The MERCOSURX said it."); /* long capitals: a name unless a near miss */
    ASSERT_NONE(&plain, "The iPhone and McDonald and MPs said it.");
}
END_TEST

START_TEST(tokens_that_are_not_words) {
    ASSERT_NONE(&plain, "The G8 said it on 3rd and 2nd day.");
    ASSERT_NONE(&plain, "The news by @wrldnews and #wrldnews today.");
    ASSERT_NONE(&plain, "The news at wrld@exmple.com today.");
    ASSERT_NONE(&plain, "The report.pdf and rprt_final said it.");
    ASSERT_NONE(&plain, "The caf&#233; said it.");
    ASSERT_NONE(&plain, "The x said it.");
}
END_TEST

START_TEST(possessives_and_apostrophes) {
    ASSERT_NONE(&plain, "Peru's government and Peru\xe2\x80\x99s leader said it.");
    ASSERT_NONE(&plain, "The leader don\xe2\x80\x99t visit it.");
    got g;
    run(&plain, "The goverment's plan.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "goverment"); /* the possessive is not part of the finding */
}
END_TEST

START_TEST(hyphenated_compounds) {
    ASSERT_NONE(&plain, "The well-known leader will co-operate and re-elect it.");
    ASSERT_NONE(&plain, "The non-government party and the anti-government party.");
    ASSERT_NONE(&plain, "The 40-year-olds met."); /* "year-olds" is in the test supplement */
    got g;
    run(&plain, "The non-goverment party.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "goverment");
}
END_TEST

/* Without the variant tables (the tiny test dictionaries have none), a
 * word only the other dialect knows is simply a word. */
START_TEST(dialect) {
    ASSERT_NONE(&plain, "The organisation said it.");
    opts gb = {.dict = "en_GB"};
    ASSERT_NONE(&gb, "The color of the organisation.");
}
END_TEST

START_TEST(bad_dialect_setting) {
    mtl_diags diags = {0};
    opts o = {.dialect = "british"};
    ck_assert_ptr_null(open_engine(&o, &diags));
    ck_assert_uint_ge(diags.n, 1);
    ck_assert_ptr_nonnull(strstr(diags.msg[0], "british"));
    mtl_diags_free(&diags);
}
END_TEST

START_TEST(user_words_and_supplements) {
    ASSERT_NONE(&plain, "The frobnicate said it.");
    ASSERT_NONE(&plain, "The ceasefires said it.");
}
END_TEST

START_TEST(untranslated_with_source_dictionary) {
    got g;
    opts es = {.source = "es"};
    run(&es, "The mandatario said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.rule[0], "MT.Untranslated");
    ck_assert_str_eq(g.msg[0], "'mandatario' looks untranslated (Spanish)");
    /* without --source it is just an unknown word */
    run(&plain, "The mandatario said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.rule[0], "Spelling.Unknown");
    /* with MT.Untranslated off, the word is still unknown English */
    opts off = {.source = "es", .disable = "MT.Untranslated"};
    run(&off, "The mandatario said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.rule[0], "Spelling.Unknown");
}
END_TEST

START_TEST(loanwords_are_not_untranslated) {
    got g;
    opts es = {.source = "es"};
    run(&es, "The junta met at the plaza.", &g);
    ck_assert_int_eq(find(&g, "MT.Untranslated", "junta"), -1);
    ck_assert_int_eq(find(&g, "MT.Untranslated", "plaza"), -1);
}
END_TEST

START_TEST(letters_name_the_language) {
    got g;
    run(&plain, "The pa\xc3\xads said it.", &g); /* país */
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.rule[0], "MT.Untranslated");
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Spanish)"));
    run(&plain, "The cora\xc3\xa7\xc3\xa3o said it.", &g); /* coração */
    ck_assert_int_eq(g.n, 1);
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Portuguese)"));
}
END_TEST

START_TEST(function_words) {
    got g;
    run(&plain, "The president del country said it.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "del");
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Spanish)"));
    run(&plain, "The leader said it, selon the news.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(French)"));
    /* sentence-initial, before a lower-case word */
    run(&plain, "Seg\xc3\xban the news, it was well known.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "Seg\xc3\xban");
    /* --source names its own language for a word several languages share */
    opts pt = {.source = "pt", .no_spell = true};
    run(&pt, "The leader para the news.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Portuguese)"));
}
END_TEST

START_TEST(function_words_inside_names) {
    ASSERT_NONE(&plain, "The Banco del Sur said it.");
    ASSERT_NONE(&plain, "The von Trapp family visited the city.");
    ASSERT_NONE(&plain, "The leader Juan de la Cruz said it.");
    ASSERT_NONE(&plain, "Les Dennis said it.");   /* a short sentence-initial name */
    ASSERT_NONE(&plain, "The news du jour.");     /* a loan phrase */
}
END_TEST

START_TEST(inverted_marks) {
    got g;
    run(&plain, "\xc2\xbfThe news? \xc2\xa1The news!", &g);
    ck_assert_int_eq(g.n, 2);
    ck_assert_str_eq(g.match[0], "\xc2\xbf");
    ck_assert_str_eq(g.match[1], "\xc2\xa1");
    ck_assert_ptr_nonnull(strstr(g.msg[0], "Spanish"));
}
END_TEST

START_TEST(non_latin_scripts) {
    got g;
    run(&plain, "The president \xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3 visited the city.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3");
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Chinese)"));
    run(&plain, "The leader visited \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 today.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_ptr_nonnull(strstr(g.msg[0], "(Cyrillic script)"));
    /* a run with spaces inside is one finding */
    run(&plain, "The news \xd0\x9c\xd0\xbe\xd1\x81 \xd0\xba\xd0\xb2\xd0\xb0 today.", &g);
    ck_assert_int_eq(g.n, 1);
    /* a gloss in parentheses and a lone Greek letter are not */
    ASSERT_NONE(&plain, "The word talk (\xe5\x85\xb3\xe7\xb3\xbb) said it.");
    ASSERT_NONE(&plain, "The \xce\xb1 particle said it.");
    /* quoted runs are reported (see check_untranslated.c) */
    run(&plain, "The news \xe2\x80\x9c\xe5\xbe\xae\xe5\x8d\x9a\xe2\x80\x9d said it.", &g);
    ck_assert_int_eq(g.n, 1);
}
END_TEST

START_TEST(a_word_quoted_alone_is_a_mention) {
    ASSERT_NONE(&plain, "The word 'goverment' was said.");
    opts es = {.source = "es"};
    ASSERT_NONE(&es, "The word \xe2\x80\x9cmandatario,\xe2\x80\x9d he said.");
}
END_TEST

START_TEST(no_spell_keeps_the_dictionary_free_signals) {
    got g;
    opts o = {.no_spell = true, .source = "es"};
    run(&o, "The goverment mandatario del country.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.match[0], "del");
}
END_TEST

START_TEST(missing_english_dictionary) {
    mtl_diags diags = {0};
    opts o = {.dict = "xx_YY"};
    ck_assert_ptr_null(open_engine(&o, &diags));
    int hits = 0;
    for (size_t i = 0; i < diags.n; i++)
        if (strstr(diags.msg[i], "xx_YY") && strstr(diags.msg[i], "hunspell-xx-yy") &&
            strstr(diags.msg[i], "/usr/share/hunspell"))
            hits++;
    ck_assert_int_eq(hits, 1);
    mtl_diags_free(&diags);
}
END_TEST

/* a code mtlint does not know is not a dictionary to install */
START_TEST(unknown_source_language) {
    mtl_diags diags = {0};
    opts o = {.source = "xx"};
    ck_assert_ptr_null(open_engine(&o, &diags));
    ck_assert_uint_eq(diags.n, 1);
    ck_assert_ptr_nonnull(strstr(diags.msg[0], "unknown source language 'xx' (known: ar, de, es, fr"));
    ck_assert_ptr_null(strstr(diags.msg[0], "hunspell"));
    mtl_diags_free(&diags);
}
END_TEST

/* ---- the real dictionaries and the shipped supplements ---- */

static bool have_real(const char *name) {
    unsetenv("DICPATH");
    char *aff, *dic;
    if (!spell_find(name, &aff, &dic, NULL)) return false;
    free(aff);
    free(dic);
    return true;
}

START_TEST(real_names_and_acronyms_pass) {
    if (!have_real("en_US")) return;
    opts o = {.real = true};
    ASSERT_NONE(&o, "The president of Peru, Mart\xc3\xadn Vizcarra, met APEC and OAS envoys in "
                    "Lima on Monday. Vizcarra said Peru's voice must be heard, and the "
                    "Peruvian ambassadors to Mercosur agreed.");
}
END_TEST

START_TEST(real_typos_and_untranslated) {
    if (!have_real("en_US") || !have_real("es")) return;
    opts o = {.real = true, .source = "es"};
    got g;
    run(&o, "The goverment will recieve the mandatario on Monday.", &g);
    ck_assert_int_eq(g.n, 3);
    int i = find(&g, "Spelling.Unknown", "recieve");
    ck_assert_int_ge(i, 0);
    ck_assert_str_eq(g.sugg[i], "receive");
    ck_assert_int_ge(find(&g, "Spelling.Unknown", "goverment"), 0);
    ck_assert_int_ge(find(&g, "MT.Untranslated", "mandatario"), 0);
    /* a Spanish word that splits into two English ones is still Spanish */
    run(&o, "The presunto winner was named.", &g);
    ck_assert_int_ge(find(&g, "MT.Untranslated", "presunto"), 0);
}
END_TEST

/* A near miss of a word the article uses is suggested as that word, never
 * as itself ("analsyts" must not come back as its own correction). */
START_TEST(real_near_miss_suggests_the_document_word) {
    if (!have_real("en_US")) return;
    opts o = {.real = true};
    got g;
    run(&o, "The analysts met on Monday. Later the analsyts said prices would rise.", &g);
    int i = find(&g, "Spelling.Unknown", "analsyts");
    ck_assert_int_ge(i, 0);
    ck_assert_str_eq(g.sugg[i], "analysts");
}
END_TEST


/* A name or proper adjective in lower case is suggested with its capital
 * ("british" -> "British", never "brutish"), a short word is not. */
START_TEST(real_lower_case_name_suggests_the_capital) {
    if (!have_real("en_US")) return;
    opts o = {.real = true};
    got g;
    run(&o, "The british public bought a walkman; it was a tough jon.", &g);
    /* a short word is as likely a slip of a word as a name: "jon" */
    static const char *const want[][3] = {{"british", "British", ""}, {"walkman", "Walkman", ""}, {"jon", NULL, "Jon"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int j = find(&g, "Spelling.Unknown", want[i][0]);
        ck_assert_msg(j >= 0, "'%s' not reported", want[i][0]);
        if (want[i][1]) ck_assert_str_eq(g.sugg[j], want[i][1]);
        else ck_assert_str_ne(g.sugg[j], want[i][2]);
    }
}
END_TEST

/* SCOWL's word lists (words-en_US.mtd), name particles and open compounds
 * accept modern words and names Hunspell's en_US lacks; each case lists
 * the words that must still be reported (space-separated, "" for none). */
START_TEST(real_vocabulary_beyond_hunspell) {
    if (!have_real("en_US")) return;
    static const struct {
        const char *text, *flagged;
    } cases[] = {
        {"The lockdown kept the grandkids home in loungewear.", ""},
        {"Police used a chokehold; the wildland fire spread.", ""},
        {"He scored with a backheel after the netizens complained.", ""},
        {"Jamaat-ul-Ahrar said it planted the bomb.", ""},
        {"Daniel arap Moi ruled Kenya for 24 years.", ""},
        {"Hamad bin Khalifa met Ludwig van Dijk.", ""},
        {"It was a no brainer for the council.", ""},
        /* closed compounds of two words, or of a prefix and a word */
        {"The rockstars published a photojournal of the groundrules.", ""},
        {"The hypergrowth of surfwear brands worried the bushtucker chefs.", ""},
        /* ... but not a run-together phrase, a plural first part, a prefix
         * closed up, a name in lower case, or a word one slip from a
         * dictionary word */
        {"The filethat listed the questionsmarks was threatend.", "filethat questionsmarks threatend"},
        {"The exleader and the selfnamed megacompetition were appropriatepotholes.",
         "exleader selfnamed megacompetition appropriatepotholes"},
        {"The european jugable conseller.", "european jugable conseller"},
        /* vowelless abbreviations in lower case */
        {"He bought a dvd and a tv for 2 bn pounds, btw.", ""},
        {"The dvd was teh best.", "teh"},
        /* words cut by an HTML character reference, or its name */
        {"Nyanga (B&#233;ziers) said &lt;no&gt; to the caf&#233; owner.", ""},
        /* a capitalized plural of a word is a title */
        {"Finding Nemo and The Incredibles were incredible films.", ""},
        /* a particle outside a name is a word like any other */
        {"They said arap twice and ul once.", "arap ul"},
        {"The goverment said jamaat-ul-ahrar was banned.", "goverment jamaat ul ahrar"},
        /* news words of BBC copy: ie and eg without points (BBC style),
         * hyphenated plurals and possessives, closed compounds */
        {"It was in beta, ie trial, eg for hi-fis and wi-fi's users.", ""},
        {"Popstars wrote anthemic songs on moblogs and fansites.", ""},
        {"Hotpants, freakery, passcards, retrovirals and a neuroprosthesis.", ""},
        {"The fansite reseach was ambitous.", "reseach ambitous"},
        /* loan phrases as wholes (dictionaries/phrases.txt); their words
         * alone are words like any other */
        {"Their joie de vivre was a cause c\xc3\xa9l\xc3\xa8" "bre and a fait accompli.", ""},
        {"The\n\njoie de vivre\n\nso evident.", ""},
        {"A joie and a vivre.", "joie vivre"},
        /* an own goal after the minute in football copy */
        {"Goals: Rooney 68, Dunne 75 og.", ""},
        {"The og of the club.", "og"},
        /* informal and technology words, the uber- prefix */
        {"It was ok, the wimax rollout an uber-category.", ""},
        /* a slip of a word of the article beside an unknown capitalised
         * word is a name; a title word's slip is not */
        {"Markos Geneti won the race; the marks were good.", ""},
        {"The Presdent Obasanjo spoke to the president.", "Presdent"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        got g;
        opts o = {.real = true};
        run(&o, cases[i].text, &g);
        int want = 0;
        char list[256];
        snprintf(list, sizeof list, "%s", cases[i].flagged);
        for (char *save = NULL, *w = strtok_r(list, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            ck_assert_msg(find(&g, "Spelling.Unknown", w) >= 0, "%s: '%s' not reported", cases[i].text, w);
            want++;
        }
        ck_assert_msg(g.n == want, "%s: %d findings, want %d (first: %s '%s')", cases[i].text, g.n, want,
                      g.rule[0], g.match[0]);
    }
}
END_TEST

/* The findings of g as "S:match" (Spelling.*) and "U:match"
 * (MT.Untranslated), space-separated, into list. */
static void findings_list(const got *g, char *list, size_t cap) {
    list[0] = '\0';
    for (int k = 0; k < g->n; k++)
        snprintf(list + strlen(list), cap - strlen(list), "%s%c:%s", k ? " " : "", g->rule[k][0] == 'M' ? 'U' : 'S',
                 g->match[k]);
}

/* g's findings are `want` (findings_list's form) for text, in pass. */
static void assert_findings(const got *g, const char *text, size_t pass, const char *want) {
    char list[512];
    findings_list(g, list, sizeof list);
    ck_assert_msg(strcmp(list, want) == 0, "%s (pass %zu): got '%s', want '%s'", text, pass, list, want);
}

/* An engine remembers what each word is from one document to the next,
 * but never where it stood: the same words quoted, as handles, with a
 * possessive, as names, as near misses of a word of their own document,
 * as function words inside names and out, and as dialect variants of a
 * document's minority. One engine checks the documents forwards, then
 * backwards; each gets the findings listed (rule initial and match). */
START_TEST(real_words_keep_no_context_across_documents) {
    if (!have_real("en_US") || !have_real("es")) return;
    static const struct {
        const char *text, *findings;
    } cases[] = {
        {"The word 'recieve' is quoted.", ""},
        {"They recieve it.", "S:recieve"},
        {"Sent by @recieve and #recieve today.", ""},
        {"The recieve's meaning.", "S:recieve"},
        {"Analsyts met. The analysts said so.", "S:Analsyts"},
        {"Analsyts met on Monday.", ""},
        {"Anlysts and Analyssts met. The analysts said so.", "S:Anlysts S:Analyssts"},
        {"Anlysts and Analyssts met.", ""},
        {"The Banco del Sur lent it.", ""},
        {"The loan del banco was paid.", "U:del U:banco"},
        {"The colour of the centre, the honour and the color.", "S:color"},
        {"The color of the center, the honor and the colour.", "S:colour"},
        {"The mandatario said it.", "U:mandatario"},
        {"Mandatario is a name here.", ""},
    };
    size_t n = sizeof cases / sizeof cases[0];
    opts o = {.real = true, .source = "es"};
    mtl_diags diags = {0};
    mtl_engine *e = open_engine(&o, &diags);
    ck_assert_msg(e, "engine: %s", diags.n ? diags.msg[0] : "?");
    for (size_t pass = 0; pass < 2 * n; pass++) {
        size_t i = pass < n ? pass : 2 * n - 1 - pass;
        got g;
        check_with(e, cases[i].text, &g);
        assert_findings(&g, cases[i].text, pass, cases[i].findings);
    }
    mtl_engine_close(e);
    mtl_diags_free(&diags);
}
END_TEST

/* The words whose own letters let the check pass them without a look at
 * where they stand (word_quiet: acronyms, mixed case, known words that
 * are no dialect variant nor a listed function word), at the edges of
 * each class: the fast path must pass no word that the full check
 * reports; and capitalised near misses of a word of the document, found
 * by comparing the words. Each text in an engine of its own and then all
 * in one (whose cache already knows the words). */
START_TEST(real_words_decided_by_their_letters_alone) {
    if (!have_real("en_US") || !have_real("es")) return;
    static const struct {
        const char *text, *findings;
    } cases[] = {
        {"The MINSTR said it.", ""},               /* six capitals: an acronym */
        {"The MINSTRY said it.", "S:MINSTRY"},     /* seven: a near miss of a title word */
        {"The GOVERMENT said it.", "S:GOVERMENT"},
        {"The GoverMent said it.", ""},            /* mixed case: a name */
        {"The Goverment said it.", "S:Goverment"}, /* capitalised: a near miss */
        {"The Ministry said it.", ""},
        {"The leader para the country said it.", "U:para"}, /* an English word, and a listed one */
        {"The colour and the color and the colour.", "S:color"}, /* a known word, and a variant */
        {"The government and the goverment said it.", "S:goverment"},
        /* near misses of a word of the document: its last letter, its
         * first, two swapped */
        {"Dangerou roads. The dangerous roads were closed.", "S:Dangerou"},
        {"Angerous roads. The dangerous roads were closed.", "S:Angerous"},
        {"Dangreous roads. The dangerous roads were closed.", "S:Dangreous"},
    };
    size_t n = sizeof cases / sizeof cases[0];
    opts o = {.real = true, .source = "es"};
    mtl_diags diags = {0};
    mtl_engine *shared = open_engine(&o, &diags);
    ck_assert_msg(shared, "engine: %s", diags.n ? diags.msg[0] : "?");
    for (size_t pass = 0; pass < 2 * n; pass++) {
        size_t i = pass % n;
        got g;
        if (pass < n) run(&o, cases[i].text, &g);
        else check_with(shared, cases[i].text, &g);
        assert_findings(&g, cases[i].text, pass, cases[i].findings);
    }
    mtl_engine_close(shared);
    mtl_diags_free(&diags);
}
END_TEST

/* Real misspellings seen in MT and news copy: the word lists must not
 * let any of them pass. */
START_TEST(real_misspellings_stay_reported) {
    if (!have_real("en_US")) return;
    static const char *const typos[] = {
        "goverment", "recieve",   "definately", "accomodate",  "seperate",   "occured",
        "untill",    "tommorrow", "beleive",    "enviroment",  "comittee",   "independant",
        "acheive",   "neccessary", "existance", "truely",      "begining",   "foriegn",
        "wierd",     "embarass",  "sucessful",  "responsability", "concensus", "occassion",
        "harrass",   "parliment", "buisness",   "reccomend",   "writting",   "milennium",
        "threshhold", "agressive", "apparantly", "collegue",   "goverments",
        "threatend", "outweight", "spearate",   "filethat",    "questionsmarks", "aboutroughly",
        "reponse",   "redifining", "evalution", "minimsed",   "reflecion",  "embarassment",
        "relasing",
    };
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        char text[160];
        snprintf(text, sizeof text, "Officials said the %s was a problem.", typos[i]);
        got g;
        opts o = {.real = true};
        run(&o, text, &g);
        ck_assert_msg(find(&g, "Spelling.Unknown", typos[i]) >= 0, "'%s' not reported", typos[i]);
    }
}
END_TEST

/* Spelling.Dialect and Spelling.DialectMix against SCOWL's variant pairs
 * (variants-en_US.mtd, variants-en_GB.mtd): each case gives the setting,
 * the text, and the findings expected as "Rule:word" (space-separated). */
START_TEST(real_dialect_variants) {
    if (!have_real("en_US") || !have_real("en_GB")) return;
    static const struct {
        const char *dialect, *dict, *text, *want;
    } cases[] = {
        /* auto: a consistent article passes, whichever its dialect */
        {NULL, NULL, "The colour of the centre was criticised for its flavour.", ""},
        {NULL, NULL, "The color of the center was criticized for its flavor.", ""},
        {NULL, "en_GB", "The color of the center was criticized for its flavor.", ""},
        {"auto", NULL, "The colour of the centre was criticised for its flavour.", ""},
        /* auto: the minority is reported, and only it */
        {NULL, NULL, "The colour of the centre was criticised; the color faded.", "Spelling.DialectMix:color"},
        {NULL, NULL, "The color of the center was criticized; the colour faded.", "Spelling.DialectMix:colour"},
        /* a tie names no majority */
        {NULL, NULL, "The colour and the color.", ""},
        /* words in one dialect only that are no variants are words */
        {NULL, NULL, "Netizens praised the uplink and the lockdown.", ""},
        /* a set dialect: the other one's variants, at info */
        {"en_US", NULL, "The colour of the centre.", "Spelling.Dialect:colour Spelling.Dialect:centre"},
        {"en_GB", NULL, "The color of the centre.", "Spelling.Dialect:color"},
        {"en_US", NULL, "The color of the center.", ""},
        {"any", NULL, "The colour of the center.", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        got g;
        opts o = {.real = true, .dialect = cases[i].dialect, .dict = cases[i].dict};
        run(&o, cases[i].text, &g);
        int want = 0;
        char list[256];
        snprintf(list, sizeof list, "%s", cases[i].want);
        for (char *save = NULL, *w = strtok_r(list, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            char *colon = strchr(w, ':');
            *colon = '\0';
            ck_assert_msg(find(&g, w, colon + 1) >= 0, "%s: no %s on '%s'", cases[i].text, w, colon + 1);
            want++;
        }
        ck_assert_msg(g.n == want, "%s: %d findings, want %d (first: %s '%s')", cases[i].text, g.n, want,
                      g.rule[0], g.match[0]);
    }
}
END_TEST

/* The message names both counts and the majority's form. */
START_TEST(real_dialect_mix_message) {
    if (!have_real("en_US") || !have_real("en_GB")) return;
    got g;
    opts o = {.real = true};
    run(&o, "The colour of the centre was criticised; the color faded.", &g);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.msg[0], "'color' is en_US spelling; this article has 3 en_GB spellings to 1 en_US; "
                               "en_GB has 'colour'");
    ck_assert_str_eq(g.sugg[0], "colour");
}
END_TEST

static Suite *spelling_suite(void) {
    Suite *s = suite_create("spelling");
    TCase *t = tcase_create("policy");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, word_keys_read_every_byte);
    tcase_add_test(t, lower_case_typo_with_suggestion);
    tcase_add_test(t, unknown_without_suggestion);
    tcase_add_test(t, capitalized_unknown_is_a_name);
    tcase_add_test(t, capitalized_near_miss_of_a_document_word);
    tcase_add_test(t, capitalized_near_miss_of_a_title_word);
    tcase_add_test(t, acronyms_and_mixed_case);
    tcase_add_test(t, tokens_that_are_not_words);
    tcase_add_test(t, possessives_and_apostrophes);
    tcase_add_test(t, hyphenated_compounds);
    tcase_add_test(t, dialect);
    tcase_add_test(t, bad_dialect_setting);
    tcase_add_test(t, user_words_and_supplements);
    suite_add_tcase(s, t);
    t = tcase_create("untranslated");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, untranslated_with_source_dictionary);
    tcase_add_test(t, loanwords_are_not_untranslated);
    tcase_add_test(t, letters_name_the_language);
    tcase_add_test(t, function_words);
    tcase_add_test(t, function_words_inside_names);
    tcase_add_test(t, inverted_marks);
    tcase_add_test(t, non_latin_scripts);
    tcase_add_test(t, a_word_quoted_alone_is_a_mention);
    tcase_add_test(t, no_spell_keeps_the_dictionary_free_signals);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, missing_english_dictionary);
    tcase_add_test(t, unknown_source_language);
    suite_add_tcase(s, t);
    t = tcase_create("real");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, real_names_and_acronyms_pass);
    tcase_add_test(t, real_typos_and_untranslated);
    tcase_add_test(t, real_near_miss_suggests_the_document_word);
    tcase_add_test(t, real_lower_case_name_suggests_the_capital);
    tcase_add_test(t, real_vocabulary_beyond_hunspell);
    tcase_add_test(t, real_misspellings_stay_reported);
    tcase_add_test(t, real_dialect_variants);
    tcase_add_test(t, real_dialect_mix_message);
    tcase_add_test(t, real_words_keep_no_context_across_documents);
    tcase_add_test(t, real_words_decided_by_their_letters_alone);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(spelling_suite)
