/* Loading rule files: every error of every file with its exact
 * path:line:col, what the registry learns about each rule, the examples,
 * and the directories (duplicates, missing ones). */
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry.h"
#include "rules.h"
#include "testutil.h"
#include "util.h"

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

typedef struct loaded {
    registry *reg;
    pass p;
    mtl_diags dg;
    bool ok;
} loaded;

static loaded load_mode(const char *const *dirs, const char *builtin, bool no_default, bool strict) {
    loaded l = {.reg = reg_open()};
    mtl_config cfg = {.no_default_rules = no_default, .builtin_rules = builtin, .rule_dirs = dirs,
                      .strict_rules = strict};
    l.ok = rules_open(l.reg, &cfg, &l.p, &l.dg);
    return l;
}

static loaded load(const char *const *dirs, const char *builtin, bool no_default) {
    return load_mode(dirs, builtin, no_default, false);
}

static void unload(loaded *l) {
    if (l->ok && l->p.close) l->p.close(l->p.state);
    mtl_diags_free(&l->dg);
    reg_close(l->reg);
}

/* A temporary rules directory with one set; files given as name, body pairs. */
static char *temp_set(const char *set, const char *const *files) {
    char *dir = xstrdup("/tmp/mtl-load-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *sd = xasprintf("%s/%s", dir, set);
    ck_assert_int_eq(mkdir(sd, 0755), 0);
    for (size_t i = 0; files[i]; i += 2) {
        char *p = xasprintf("%s/%s", sd, files[i]);
        FILE *f = fopen(p, "w");
        ck_assert_ptr_nonnull(f);
        fputs(files[i + 1], f);
        fclose(f);
        free(p);
    }
    free(sd);
    return dir;
}

static void remove_dir(char *dir) {
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

/* The diagnostics are exactly prefix + want[i], in order. */
static void expect_diags(const loaded *l, const char *prefix, const char *const *want, size_t n) {
    for (size_t i = 0; i < l->dg.n && i < n; i++) {
        char *w = xasprintf("%s%s", prefix, want[i]);
        ck_assert_str_eq(l->dg.msg[i], w);
        free(w);
    }
    ck_assert_uint_eq(l->dg.n, n);
}

/* The errors expected from tests/data/rules/broken, every file, in order. */
static const char *const BROKEN[] = {
    "Bad.Name.yml:1:1: rule set and file names may only use letters, digits, '_' and '-' (the rule id is Set.Rule)",
    "BadBlock.yml:5:8: bad regular expression in 'match': missing terminating ] for character class",
    "BadRaw.yml:7:9: bad regular expression in 'raw': missing closing parenthesis",
    "BadRegex.yml:4:12: bad regular expression in 'tokens': missing closing parenthesis",
    "BadRegex.yml:5:14: bad regular expression in 'tokens': missing closing parenthesis",
    "BadRegex.yml:6:17: bad regular expression in 'tokens': missing terminating ] for character class",
    "BadRegex.yml:9:6: bad regular expression in 'exceptions': quantifier does not follow a repeatable item",
    "Kind.yml:1:10: extends: script is not supported by mtlint",
    "Missing.yml:1:1: missing required key 'message'",
    "Missing.yml:1:1: substitution needs 'swap'",
    "Syntax.yml:4:1: YAML syntax error: found unexpected end of stream while scanning a quoted scalar "
    "(started at line 2, column 10)",
    "UnknownKey.yml:3:1: key 'tokenz' is not supported",
    "UnknownKey.yml:5:1: key 'swap' is not supported by extends: existence",
    "Values.yml:3:8: 'level' must be error, warning, suggestion or info, not 'fatal'",
    "Values.yml:4:11: unknown category 'nonsense' (spelling, untranslated, calque, terminology, "
    "punctuation, locale, layout, artifact, grammar, style)",
    "Values.yml:5:6: 'max' must be a whole number >= 0, not '-1'",
    "Values.yml:7:13: 'ignorecase' must be true or false, not 'maybe'",
    "Values.yml:8:19: scope 'table' is not supported (mtlint scopes: text, paragraph, sentence, heading, "
    "heading.h1-h6, headline, list, blockquote, alt, quote, raw, and ~ to negate; .md to qualify)",
    "Values.yml:8:26: scope 'sentence' cannot be negated",
};

/* --strict-rules: what mtlint does not support is an error too */
START_TEST(every_error_with_its_position) {
    const char *dir = test_path("tests/data/rules/broken");
    const char *dirs[] = {dir, NULL};
    loaded l = load_mode(dirs, NULL, true, true);
    ck_assert(!l.ok);
    ck_assert_uint_eq(reg_count(l.reg), 0); /* nothing half-registered */
    char *prefix = xasprintf("%s/Broken/", dir);
    expect_diags(&l, prefix, BROKEN, sizeof BROKEN / sizeof BROKEN[0]);
    free(prefix);
    unload(&l);
}
END_TEST

/* Loading set S made of files (name, body pairs) fails with exactly want. */
static void expect_file_errors(const char *const *files, const char *const *want, size_t n) {
    char *dir = temp_set("S", files);
    const char *dirs[] = {dir, NULL};
    loaded l = load(dirs, NULL, true);
    ck_assert(!l.ok);
    char *prefix = xasprintf("%s/S/", dir);
    expect_diags(&l, prefix, want, n);
    free(prefix);
    unload(&l);
    remove_dir(dir);
}

START_TEST(errors_inside_escapes_and_folds) {
    /* double-quoted escapes and a multi-line plain scalar move the column */
    static const char *const files[] = {
        "Esc.yml", "extends: existence\nmessage: x\ntokens:\n  - \"\\u00e9\\x41(b\"\n  - a\n    b(c\n",
        NULL};
    static const char *const want[] = {
        "Esc.yml:4:18: bad regular expression in 'tokens': missing closing parenthesis",
        "Esc.yml:6:8: bad regular expression in 'tokens': missing closing parenthesis",
    };
    expect_file_errors(files, want, 2);
}
END_TEST

/* A scalar's place is read from libyaml's character columns, eight ASCII
 * bytes at a time: two-byte characters, long ASCII runs and both on one
 * line keep the error at its character. */
START_TEST(error_columns_after_wide_characters) {
    static const char *const files[] = {
        "Pos.yml", "extends: existence\nmessage: x\n"
        "tokens: [\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\", "
        "\"abcdefghijklmnop\", \"x(y\"]\n"
        "exceptions: [abcdefghijklmnopqrstu\xc3\xa9vwxyz, \"abcdefghijklmnopqrstuvw[z\"]\n",
        NULL};
    static const char *const want[] = {
        "Pos.yml:3:48: bad regular expression in 'tokens': missing closing parenthesis",
        "Pos.yml:4:69: bad regular expression in 'exceptions': missing terminating ] for character class",
    };
    expect_file_errors(files, want, 2);
}
END_TEST

START_TEST(more_key_errors) {
    static const char *const files[] = {
        "A.yml", "extends: existence\nmessage: x\nlevel: error\nseverity: info\ntokens: [a]\nmessage: y\n",
        "B.yml", "extends: substitution\nmessage: x\nswap:\n  a: b\n  a: c\nsource: [es, Spanish]\n",
        "C.yml", "extends: existence\nmessage: x\ntokens: [a]\naction:\n  name: suggest\n",
        "D.yml", "extends: existence\nmessage: x\ntokens: [a]\nexamples:\n  flag: ['x => ']\n  fail: [y]\n",
        "E.yml", "- just\n- a list\n",
        "F.yml", "",
        "G.yml", "extends: existence\nmessage: x\ntokens:\n  - [a, b]\n",
        "H.yml", "extends: consistency\nmessage: x\neither:\n  a: [b]\n",
        NULL};
    char *dir = temp_set("K", files);
    const char *dirs[] = {dir, NULL};
    loaded l = load_mode(dirs, NULL, true, true);
    ck_assert(!l.ok);
    static const char *const want[] = {
        "A.yml:1:1: 'level' and 'severity' are the same key: give only one",
        "A.yml:6:1: duplicate key 'message'",
        "B.yml:5:3: 'swap' has 'a' twice",
        "B.yml:6:14: 'source' names languages by ISO 639 code (es, fr, zh...), not 'Spanish'",
        "C.yml:5:9: action 'suggest' is not supported by mtlint (use replace, remove, edit or convert)",
        "D.yml:5:10: nothing after ' => ' in an example",
        "D.yml:6:3: key 'examples.fail' is not supported (use 'flag' and 'pass')",
        "E.yml:1:1: a rule file must be a map of keys (extends, message...)",
        "F.yml:1:1: empty rule file",
        "G.yml:4:5: the items of 'tokens' must be strings, not lists",
        "H.yml:4:6: the keys and values of 'either' must be strings",
    };
    char *prefix = xasprintf("%s/K/", dir);
    expect_diags(&l, prefix, want, sizeof want / sizeof want[0]);
    free(prefix);
    unload(&l);
    remove_dir(dir);
}
END_TEST

START_TEST(registry_learns_each_rule) {
    const char *dirs[] = {test_path("tests/data/rules/good"), NULL};
    loaded l = load(dirs, NULL, true);
    ck_assert(l.ok);
    long i = reg_find(l.reg, "Test.Ruler");
    ck_assert_int_ge(i, 0);
    const mtl_rule_info *ri = reg_get(l.reg, (size_t)i);
    ck_assert_str_eq(ri->kind, "existence");
    ck_assert_int_eq(ri->level, MTL_WARNING);
    ck_assert_int_eq(ri->category, MTL_CAT_CALQUE);
    ck_assert_uint_eq(ri->entries, 2);
    ck_assert_str_eq(ri->scope, "text");
    ck_assert_str_eq(ri->description, "The ruler as a calque of el mandatario.");
    ck_assert_str_eq(ri->link, "https://example.org/style#ruler");
    ck_assert_ptr_null(ri->source[0]);
    ck_assert(ri->enabled);
    ck_assert(strstr(ri->path, "tests/data/rules/good/Test/Ruler.yml") != NULL);

    ri = reg_get(l.reg, (size_t)reg_find(l.reg, "Test.Spanish"));
    ck_assert_str_eq(ri->source[0], "es");
    ck_assert_ptr_null(ri->source[1]);
    ri = reg_get(l.reg, (size_t)reg_find(l.reg, "Test.Commas"));
    ck_assert_int_eq(ri->level, MTL_INFO); /* suggestion */
    ck_assert_int_eq(ri->category, MTL_CAT_STYLE); /* the default */
    ck_assert_str_eq(ri->scope, "sentence");
    ri = reg_get(l.reg, (size_t)reg_find(l.reg, "Test.Titles"));
    ck_assert_str_eq(ri->kind, "substitution");
    ck_assert_uint_eq(ri->entries, 3);
    ck_assert_int_eq(ri->level, MTL_ERROR);
    ri = reg_get(l.reg, (size_t)reg_find(l.reg, "Test.OutsideQuotes"));
    ck_assert_str_eq(ri->scope, "~quote");

    /* --source: the registry turns off rules for another language */
    reg_apply_source(l.reg, "fr");
    ck_assert(!reg_enabled(l.reg, (size_t)reg_find(l.reg, "Test.Spanish")));
    ck_assert(reg_enabled(l.reg, (size_t)reg_find(l.reg, "Test.Ruler")));
    unload(&l);
}
END_TEST

START_TEST(examples_are_exposed) {
    static const char *const files[] = {
        "One.yml", "extends: existence\nmessage: x\ntokens: [ruler]\nexamples:\n"
                   "  flag:\n    - 'The ruler => ruler'\n    - 'a => b => ruler'\n  pass:\n    - 'No => rulers'\n",
        "Two.yml", "extends: existence\nmessage: x\ntokens: [b]\nexamples:\n  pass: [a]\n",
        "Three.yml", "extends: existence\nmessage: x\ntokens: [c]\n",
        NULL};
    char *dir = temp_set("Ex", files);
    const char *dirs[] = {dir, NULL};
    loaded l = load(dirs, NULL, true);
    ck_assert(l.ok);
    const rules_example *ex = l.p.examples; /* what the engine reads */
    ck_assert_uint_eq(l.p.nexamples, 4);
    /* files load in name order: One, Three, Two */
    ck_assert_str_eq(ex[0].text, "The ruler");
    ck_assert_str_eq(ex[0].expect, "ruler");
    ck_assert_uint_eq(ex[0].line, 6);
    ck_assert_str_eq(ex[1].text, "a => b");   /* the last " => " splits */
    ck_assert_str_eq(ex[1].expect, "ruler");
    ck_assert(!ex[2].flag);
    ck_assert_str_eq(ex[2].text, "No => rulers"); /* pass examples keep their text */
    ck_assert_ptr_null(ex[2].expect);
    ck_assert_str_eq(reg_get(l.reg, ex[0].rule)->id, "Ex.One");
    const size_t *none;
    size_t nn = rules_without_examples(l.p.state, &none);
    ck_assert_uint_eq(nn, 2);
    ck_assert_str_eq(reg_get(l.reg, none[0])->id, "Ex.Three");
    ck_assert_str_eq(reg_get(l.reg, none[1])->id, "Ex.Two"); /* pass examples alone do not count */
    unload(&l);
    remove_dir(dir);
}
END_TEST

START_TEST(settings_cannot_start_an_entry) {
    /* "(*UCP)" is valid at the start of a pattern, and an entry is put
     * inside a group: reported at load, not when the rule first runs */
    static const char *const files[] = {
        "Verb.yml", "extends: existence\nmessage: x\ntokens:\n  - fine\n  - '(*UCP)ruler'\n", NULL};
    static const char *const want[] = {
        "Verb.yml:5:5: bad regular expression in 'tokens': a (*...) setting must start the whole pattern, "
        "and a list entry is put inside one",
    };
    expect_file_errors(files, want, 1);
}
END_TEST

START_TEST(long_keys_take_the_explicit_form) {
    /* libyaml refuses a plain key of 1024 characters or more: the error
     * says how to write it, and the explicit "? key" form loads */
    buf key = {0};
    buf_puts(&key, "the");
    while (key.len < 1100) buf_puts(&key, " word");
    char *plain = xasprintf("extends: substitution\nmessage: x\nswap:\n  %s: y\n", key.data);
    char *expl = xasprintf("extends: substitution\nmessage: x\nswap:\n  ? %s\n  : y\n", key.data);
    static const char *files[] = {"Plain.yml", NULL, NULL};
    files[1] = plain;
    char *dir = temp_set("S", files);
    const char *dirs[] = {dir, NULL};
    loaded l = load(dirs, NULL, true);
    ck_assert(!l.ok);
    char *want = xasprintf("%s/S/Plain.yml:4:%zu: YAML syntax error: mapping values are not allowed in this "
                           "context; a key longer than 1024 characters must be written as '? key' with "
                           "': value' on the next line", dir, key.len + 3);
    expect_diags(&l, "", (const char *const[]){want}, 1);
    unload(&l);
    remove_dir(dir);
    files[0] = "Explicit.yml";
    files[1] = expl;
    dir = temp_set("S", files);
    dirs[0] = dir;
    l = load(dirs, NULL, true);
    ck_assert(l.ok);
    ck_assert_uint_eq(reg_get(l.reg, 0)->entries, 1);
    unload(&l);
    remove_dir(dir);
    free(want);
    free(plain);
    free(expl);
    buf_free(&key);
}
END_TEST

START_TEST(directories) {
    static const char *const files[] = {"R.yml", "extends: existence\nmessage: x\ntokens: [a]\n", NULL};
    char *a = temp_set("Set", files), *b = temp_set("Set", files);
    /* the same directory twice: loaded once */
    const char *twice[] = {a, a, NULL};
    loaded l = load(twice, NULL, true);
    ck_assert(l.ok);
    ck_assert_uint_eq(reg_count(l.reg), 1);
    unload(&l);
    /* the same file through a linked set directory or a linked file:
     * loaded once (one realpath per set, another per link) */
    static const char *const none[] = {NULL};
    char *c = temp_set("Other", none), *d = temp_set("Set", none);
    char *target = xasprintf("%s/Set", a), *link = xasprintf("%s/Set", c);
    ck_assert_int_eq(symlink(target, link), 0);
    char *ftarget = xasprintf("%s/Set/R.yml", a), *flink = xasprintf("%s/Set/R.yml", d);
    ck_assert_int_eq(symlink(ftarget, flink), 0);
    const char *linked[][3] = {{a, c, NULL}, {c, a, NULL}, {a, d, NULL}, {d, a, NULL}};
    for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
        l = load(linked[i], NULL, true);
        ck_assert_msg(l.ok, "case %zu", i);
        ck_assert_uint_eq(reg_count(l.reg), 1);
        unload(&l);
    }
    free(target);
    free(link);
    free(ftarget);
    free(flink);
    remove_dir(c);
    remove_dir(d);
    /* the same id from two directories: an error, nothing registered */
    const char *both[] = {a, b, NULL};
    l = load(both, NULL, true);
    ck_assert(!l.ok);
    ck_assert_uint_eq(l.dg.n, 1);
    ck_assert(strstr(l.dg.msg[0], "rule id 'Set.R' is already defined") != NULL);
    ck_assert_uint_eq(reg_count(l.reg), 0);
    unload(&l);
    /* builtin rules from a directory; a missing --rules directory is an error */
    const char *missing[] = {"/nonexistent/mtlint-rules", NULL};
    l = load(missing, a, false);
    ck_assert(!l.ok);
    ck_assert_str_eq(l.dg.msg[0], "/nonexistent/mtlint-rules: cannot open rules directory: "
                                  "No such file or directory");
    unload(&l);
    l = load(NULL, a, false);
    ck_assert(l.ok);
    ck_assert_int_ge(reg_find(l.reg, "Set.R"), 0);
    unload(&l);
    remove_dir(a);
    remove_dir(b);
}
END_TEST

/* A shipped rule file of another source language is only skimmed for
 * its `source` when the run allows it and nothing names the rule: the
 * broken file below then loads (its rule registered, off) instead of
 * failing, and is read in full (and fails) in every other case. */
typedef struct skim_case {
    const char *name;
    const char *source;    /* the file's source line(s) */
    bool skim;             /* skim_other_sources */
    const char *lang;      /* the run's source language */
    const char *enable;    /* an --enable entry, or NULL */
    bool as_rules_dir;     /* given with --rules, not as the shipped rules */
    bool read;             /* expected: read in full, so its error reported */
} skim_case;

static const skim_case skim_cases[] = {
    {"another language, skimmed", "source: [fr]\n", true, NULL, NULL, false, false},
    {"with a comment", "source: [fr, it]   # French and Italian\n", true, "es", NULL, false, false},
    {"plain scalar", "source: fr\n", true, NULL, NULL, false, false},
    {"skimming off", "source: [fr]\n", false, NULL, NULL, false, true},
    {"the run's language", "source: [fr]\n", true, "fr", NULL, false, true},
    {"one of its languages", "source: [it, fr]\n", true, "fr", NULL, false, true},
    {"named by --enable", "source: [fr]\n", true, NULL, "Xx", false, true},
    {"a user's rules", "source: [fr]\n", true, NULL, NULL, true, true},
    {"block list", "source:\n  - fr\n", true, NULL, NULL, false, true},
    {"no source", "", true, NULL, NULL, false, true},
    {"two source keys", "source: [fr]\nsource: [fr]\n", true, NULL, NULL, false, true},
    {"a document marker", "---\nsource: [fr]\n", true, NULL, NULL, false, true},
    {"not a code", "source: [french]\n", true, NULL, NULL, false, true},
};

START_TEST(other_sources_are_skimmed) {
    const skim_case *c = &skim_cases[_i];
    char *body = xasprintf("%sextends: nosuchkind\nmessage: \"x\"\ntokens: [a]\n", c->source);
    const char *files[] = {"Broken.yml", body, NULL};
    char *dir = temp_set("Xx", files);
    const char *dirs[] = {dir, NULL};
    const char *enable[] = {c->enable, NULL};
    loaded l = {.reg = reg_open()};
    mtl_config cfg = {.no_default_rules = c->as_rules_dir, .builtin_rules = c->as_rules_dir ? NULL : dir,
                      .rule_dirs = c->as_rules_dir ? dirs : NULL, .source_lang = c->lang,
                      .enable = c->enable ? enable : NULL, .skim_other_sources = c->skim};
    l.ok = rules_open(l.reg, &cfg, &l.p, &l.dg);
    ck_assert_msg(l.ok == !c->read, "%s: %s", c->name, l.ok ? "skimmed" : "read");
    if (l.ok) { /* registered, so that it can be named, and never run */
        long id = reg_find(l.reg, "Xx.Broken");
        ck_assert_msg(id >= 0, "%s: not registered", c->name);
    }
    unload(&l);
    remove_dir(dir);
    free(body);
}
END_TEST

static Suite *load_suite(void) {
    Suite *s = suite_create("rules_load");
    TCase *tc = tcase_create("load");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, every_error_with_its_position);
    tcase_add_test(tc, errors_inside_escapes_and_folds);
    tcase_add_test(tc, error_columns_after_wide_characters);
    tcase_add_test(tc, more_key_errors);
    tcase_add_test(tc, registry_learns_each_rule);
    tcase_add_test(tc, examples_are_exposed);
    tcase_add_test(tc, settings_cannot_start_an_entry);
    tcase_add_test(tc, long_keys_take_the_explicit_form);
    tcase_add_test(tc, directories);
    tcase_add_loop_test(tc, other_sources_are_skimmed, 0, (int)(sizeof skim_cases / sizeof skim_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(load_suite)
