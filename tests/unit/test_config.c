/* test_config.c - .mtlint.yml means the same thing everywhere: every
 * mistake is reported with its place and the allowed values; every key
 * applies per file, from the configuration that governs the file; the
 * source languages are a table. Each part is one table of cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "session.h"
#include "testutil.h"
#include "util.h"

static char tmp[64];

static void make_tmp(void) {
    snprintf(tmp, sizeof tmp, "/tmp/mtl-config-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void write_file(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
}

static void remove_tmp(void) {
    char *cmd = xasprintf("rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
}

/* Opens a session the way the command does, for argv (NULL-terminated,
 * without the program name). */
static session *open_session(const char *const *args, cli_options *o, mtl_diags *diags) {
    const char *argv[16] = {"mtlint"};
    int argc = 1;
    for (; args[argc - 1]; argc++) argv[argc] = args[argc - 1];
    char err[256];
    ck_assert_msg(cli_parse(argc, (char **)argv, o, err, sizeof err), "%s", err);
    return session_open(o, test_path("."), diags);
}

static bool diags_have(const mtl_diags *d, const char *want) {
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->msg[i], want)) return true;
    return false;
}

static char *all_diags(const mtl_diags *d) {
    buf b = {0};
    for (size_t i = 0; i < d->n; i++) buf_printf(&b, "  %s\n", d->msg[i]);
    return buf_steal(&b);
}

/* ---- bad configuration: yaml -> the message, with line:col ---- */

static const struct {
    const char *yaml;
    const char *want; /* ":line:col..." follows the file name, anything else is a substring;
                       * NULL: the configuration is valid */
} bad[] = {
    {"markup: rst\n", ":1:9: markup: invalid value 'rst' (allowed: auto, text, markdown, html, lines)"},
    {"source: es\nsource: fr\n", ":2:1: source: duplicate key (first at line 1:1)"},
    {"source:\n", ":1:8: source: has no value (known: ar, de, es, fr, it, ja, ko, pt, ru, zh)"},
    {"source: ~\n", ":1:9: source: has no value (known: "},
    {"source: es\n---\nsource: fr\n", ":2:1: a second YAML document; the configuration is one document"},
    {"disable: [Nope]\n", ":1:11: disable: no rule or rule set 'Nope' (sets: MT, Quotes, Brackets, Layout, Spelling, Names, Source;"},
    {"enable: Nope\n", ":1:9: enable: no rule or rule set 'Nope' (sets: "},
    {"dialect: british\n", ":1:10: dialect: invalid value 'british' (allowed: auto, en_US, en_GB, any)"},
    {"levels:\n  Nope.Rule: off\n", ":2:3: levels: no rule or rule set 'Nope.Rule' (sets: "},
    {"levels:\n  MT: off\n  MT: info\n", ":3:3: levels: 'MT' given twice (first at line 2:3)"},
    {"levels: {MT.DoubledWord: loud}\n", ":1:26: levels: MT.DoubledWord: invalid level 'loud' (allowed: error, "
                                         "warning, info, suggestion, off)"},
    {"levels: [MT]\n", ":1:9: levels: takes a mapping of rule ids to levels"},
    {"quote-style: french\n", ":1:14: quote-style: invalid value 'french' (allowed: us, uk)"},
    {"words: [missing.txt]\n", "/missing.txt': No such file or directory (expected word list files"},
    {"words: [missing.txt]\n", ":1:9: words: cannot read '"},
    {"rules: nodir\n", ":1:8: rules: cannot open '"},
    {"source: xx\n", ":1:9: source: unknown source language 'xx' (known: ar, de, es, fr, it, ja, ko, pt, ru, zh)"},
    {"source: [es]\n", ":1:9: source: takes a single value, not a list"},
    {"dict: xx_YY\n", ":1:7: dict: no Hunspell dictionary 'xx_YY' found"},
    {"fail-level: loud\n", ":1:13: fail-level: invalid value 'loud' (allowed: error, warning, info, none)"},
    {"min-severity: none\n", ":1:15: min-severity: invalid value 'none' (allowed: error, warning, info)"},
    {"ext: [\"\"]\n", ":1:7: ext: invalid extension '' (expected file extensions"},
    {"colour: always\n", ":1:1: unknown key 'colour' (keys: source, dict, dialect,"},
    {"[source]\n", ":1:1: the configuration must be a mapping of keys to values"},
    {"source: es\nmarkup: [text\n", ":3:1: "},
    {"weights: 5\n", ":1:10: weights: takes a mapping (expected a mapping of severities, categories"},
    {"weights:\n  error: lots\n", ":2:10: weights: error: invalid value 'lots' (expected a number from 0 to 1000)"},
    {"weights:\n  warning: -1\n", ":2:12: weights: warning: invalid value '-1' (expected a number from 0 to 1000)"},
    {"weights: {error: 1, error: 2}\n", ":1:21: weights: 'error' given twice (first at line 1:11)"},
    {"weights: {spelling: 2, Nope.Rule: 2}\n", ":1:24: weights: 'Nope.Rule' is no severity (error, warning, info)"},
    {"min-score: 101\n", ":1:12: min-score: invalid value '101' (expected a number from 0 to 100)"},
    {"min-score: [90]\n", ":1:12: min-score: invalid value '' (expected a number from 0 to 100)"},
    {"source-length-ratio: [0.6, 1.6]\n", ":1:22: source-length-ratio: takes a mapping (expected a mapping of source "
                                          "languages to [lowest, highest]"},
    {"source-length-ratio:\n  xx: [0.6, 1.6]\n", ":2:3: source-length-ratio: unknown source language 'xx' (known: ar, "},
    {"source-length-ratio:\n  es: 0.6\n", ":2:7: source-length-ratio: es: takes two numbers, [lowest, highest]"},
    {"source-length-ratio:\n  es: [0.6, 1.6, 2]\n", ":2:7: source-length-ratio: es: takes two numbers"},
    {"source-length-ratio:\n  es: [1.6, 0.6]\n", ":2:13: source-length-ratio: es: the highest ratio (0.6) must be above "
                                                 "the lowest (1.6)"},
    {"source-length-ratio:\n  es: [much, 1]\n", ":2:8: source-length-ratio: es: invalid value 'much' (expected a number "
                                                "from 0 to 100)"},
    {"source-length-ratio:\n  fr: [-1, 1]\n", ":2:8: source-length-ratio: fr: invalid value '-1'"},
    {"source-length-ratio: {es: [0.6, 1.6], es: [0.5, 2]}\n", ":1:39: source-length-ratio: 'es' given twice (first at "
                                                             "line 1:23)"},
    /* valid ones open */
    {"source-length-ratio: {es: [0.6, 1.6], fr: [0.5, 2]}\n", NULL},
    {"weights: {error: 10, spelling: 0.5, MT: 2, MT.DoubledWord: 1.25}\nmin-score: 90.5\n", NULL},
    {"source: zh\next: txt\nmarkup: auto\nfail-level: none\nlevels: {MT: off}\n", NULL},
    {"", NULL},
};

START_TEST(bad_config_is_reported_with_its_place) {
    unsetenv("DICPATH");
    make_tmp();
    char *path = xasprintf("%s/.mtlint.yml", tmp);
    write_file(path, bad[_i].yaml);
    const char *args[] = {"--no-default-rules", "--config", path, "x.txt", NULL};
    cli_options o;
    mtl_diags diags = {0};
    session *s = open_session(args, &o, &diags);
    char *got = all_diags(&diags);
    if (bad[_i].want) {
        char *want = xasprintf("%s%s", bad[_i].want[0] == ':' ? path : "", bad[_i].want);
        ck_assert_msg(s == NULL, "case %d accepted: %s", _i, bad[_i].yaml);
        ck_assert_msg(diags_have(&diags, want), "case %d: want\n  %s\ngot\n%s", _i, want, got);
        free(want);
    } else {
        ck_assert_msg(s != NULL, "case %d refused:\n%s", _i, got);
    }
    free(got);
    session_close(s);
    mtl_diags_free(&diags);
    cli_free(&o);
    free(path);
    remove_tmp();
}
END_TEST

/* ---- what governs a file: its own configuration, the command line over it ---- */

static const struct {
    const char *yaml;          /* in DIR/proj/.mtlint.yml */
    const char *args[6];       /* options before the path */
    const char *path;          /* checked path, under DIR; "-" reads stdin named proj/a.txt */
    bool fail_none;
    mtl_severity fail_level, min_severity;
    const char *ext;           /* first extension a scan of proj takes */
} targets[] = {
    {"fail-level: error\nmin-severity: warning\next: news\n", {NULL}, "proj/a.txt", false, MTL_ERROR, MTL_WARNING,
     ".news"},
    {"fail-level: error\nmin-severity: warning\next: news\n", {NULL}, "proj/deep/er/a.txt", false, MTL_ERROR,
     MTL_WARNING, ".news"},
    {"fail-level: error\nmin-severity: warning\next: news\n", {"--stdin-filename", "@/proj/a.txt", NULL}, "-", false,
     MTL_ERROR, MTL_WARNING, ".news"},
    {"fail-level: none\n", {NULL}, "proj/a.txt", true, MTL_WARNING, MTL_INFO, ".txt"},
    {"fail-level: error\nmin-severity: warning\next: [.news, md]\n",
     {"--fail-level", "info", "--min-severity", "error", "--ext", "text"}, "proj/a.txt", false, MTL_INFO, MTL_ERROR,
     ".text"},
    {"fail-level: error\n", {"--fail-level", "none", NULL}, "proj/a.txt", true, MTL_WARNING, MTL_INFO, ".txt"},
    /* a file outside the project: the defaults */
    {"fail-level: error\nmin-severity: warning\next: news\n", {NULL}, "other/a.txt", false, MTL_WARNING, MTL_INFO,
     ".txt"},
};

START_TEST(each_file_has_its_own_settings) {
    make_tmp();
    char *proj = xasprintf("%s/proj", tmp), *other = xasprintf("%s/other", tmp);
    ck_assert_int_eq(mkdir(proj, 0755), 0);
    ck_assert_int_eq(mkdir(other, 0755), 0);
    char *cfg = xasprintf("%s/.mtlint.yml", proj);
    write_file(cfg, targets[_i].yaml);
    const char *args[10] = {0};
    char *owned[6] = {0};
    size_t n = 0;
    for (; n < 6 && targets[_i].args[n]; n++) {
        const char *a = targets[_i].args[n];
        if (a[0] == '@') a = owned[n] = xasprintf("%s%s", tmp, a + 1);
        args[n] = a;
    }
    args[n++] = "--no-default-rules";
    args[n++] = "--no-spell";
    cli_options o;
    mtl_diags diags = {0}, notes = {0};
    session *s = open_session(args, &o, &diags);
    ck_assert_ptr_nonnull(s);
    char *path = strcmp(targets[_i].path, "-") == 0 ? xstrdup("-") : xasprintf("%s/%s", tmp, targets[_i].path);
    session_target t;
    ck_assert(session_target_for(s, path, &t, &diags, &notes));
    ck_assert_ptr_nonnull(t.engine);
    ck_assert_int_eq(t.fail_none, targets[_i].fail_none);
    if (!t.fail_none) ck_assert_int_eq(t.fail_level, targets[_i].fail_level);
    ck_assert_int_eq(t.min_severity, targets[_i].min_severity);
    const char *dir = strstr(targets[_i].path, "other") ? other : proj;
    const char *const *exts = session_exts_for(s, dir, &diags);
    ck_assert_ptr_nonnull(exts);
    ck_assert_str_eq(exts[0], targets[_i].ext);
    ck_assert_uint_eq(diags.n, 0);
    session_close(s);
    cli_free(&o);
    mtl_diags_free(&diags);
    mtl_diags_free(&notes);
    for (size_t k = 0; k < 6; k++) free(owned[k]);
    free(path);
    free(cfg);
    free(proj);
    free(other);
    remove_tmp();
}
END_TEST

/* ---- source languages: known ones open, with a note of what they skip ---- */

static const struct {
    const char *code;
    bool default_rules;
    const char *error;  /* the engine does not open */
    const char *note;   /* NULL: no note */
} langs[] = {
    {"zh", false, NULL, "source language zh (Chinese): skipped MT.Untranslated's dictionary lookup (no Hunspell "
                        "dictionary for it) and source-specific rules (no rule set for it)"},
    {"ja", true, NULL, "source language ja (Japanese): skipped MT.Untranslated's dictionary lookup"},
    {"ko", true, NULL, "(Korean): skipped MT.Untranslated's dictionary lookup"},
    {"ru", true, NULL, "(Russian): skipped MT.Untranslated's dictionary lookup"},
    {"ar", true, NULL, "(Arabic): skipped MT.Untranslated's dictionary lookup"},
    {"de", false, NULL, "source language de (German): skipped source-specific rules (no rule set for it)"},
    {"es", true, NULL, NULL},
    {"es_MX", true, NULL, NULL},
    {"fr", true, NULL, NULL},
    {"xx", true, "unknown source language 'xx' (known: ar, de, es, fr, it, ja, ko, pt, ru, zh)", NULL},
    {"english", true, "unknown source language 'english' (known: ", NULL},
};

START_TEST(source_languages_are_a_table) {
    unsetenv("DICPATH");
    mtl_config cfg = {.source_lang = langs[_i].code, .no_default_rules = !langs[_i].default_rules,
                      .builtin_rules = test_path("rules"), .dict_dir = test_path("dictionaries")};
    mtl_diags diags = {0};
    mtl_engine *e = mtl_engine_open(&cfg, &diags);
    char *got = all_diags(&diags);
    if (langs[_i].error) {
        ck_assert_msg(e == NULL, "%s accepted", langs[_i].code);
        ck_assert_msg(diags_have(&diags, langs[_i].error), "%s: got\n%s", langs[_i].code, got);
        ck_assert_msg(!diags_have(&diags, "unspell"), "%s: install advice\n%s", langs[_i].code, got);
    } else {
        ck_assert_msg(e != NULL, "%s refused:\n%s", langs[_i].code, got);
        const mtl_diags *notes = mtl_engine_notes(e);
        if (langs[_i].note) {
            ck_assert_uint_eq(notes->n, 1);
            ck_assert_msg(strstr(notes->msg[0], langs[_i].note), "%s: note %s", langs[_i].code, notes->msg[0]);
        } else {
            ck_assert_msg(notes->n == 0, "%s: unexpected note %s", langs[_i].code, notes->n ? notes->msg[0] : "");
        }
    }
    free(got);
    mtl_engine_close(e);
    mtl_diags_free(&diags);
}
END_TEST

/* ---- the command from inside the project and from outside it ---- */

static char *run_cmd(const char *cmd, int *rc) {
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    buf b = {0};
    char line[4096];
    while (fgets(line, sizeof line, p)) buf_puts(&b, line);
    int st = pclose(p);
    *rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf_steal(&b);
}

/* Drops `prefix` from the start of every JSON string: the paths as they
 * were written on each command line. */
static void drop_path_prefix(char *s, const char *prefix) {
    if (!*prefix) return;
    char *q = xasprintf("\"%s", prefix);
    size_t k = strlen(q);
    for (char *p = s; (p = strstr(p, q)) != NULL; p++) memmove(p + 1, p + k, strlen(p + k) + 1);
    free(q);
}

static const struct {
    const char *inside, *outside; /* paths, from the project and from the repository root */
    const char *prefix_in, *prefix_out;
} places[] = {
    {".", "tests/data/config-project", "./", "tests/data/config-project/"},
    {"article.news", "tests/data/config-project/article.news", "", "tests/data/config-project/"},
    {"sub", "tests/data/config-project/sub", "", "tests/data/config-project/"},
};

START_TEST(same_findings_from_inside_and_outside) {
    const char *bin = getenv("MTLINT_BIN");
    if (!bin) bin = test_path("mtlint");
    const char *root = test_path(".");
    int rc_in, rc_out;
    char *in = xasprintf("cd '%s/tests/data/config-project' && '%s' --no-spell -f json %s", root, bin,
                         places[_i].inside);
    char *out = xasprintf("cd '%s' && '%s' --no-spell -f json %s", root, bin, places[_i].outside);
    char *got_in = run_cmd(in, &rc_in), *got_out = run_cmd(out, &rc_out);
    ck_assert_ptr_nonnull(strstr(got_out, "EsEn.Mandatario")); /* the project's source: es */
    ck_assert_ptr_null(strstr(got_out, "Layout.HeadlineCase")); /* its min-severity: warning */
    ck_assert_int_eq(rc_out, 0);                                /* its fail-level: error */
    ck_assert_int_eq(rc_in, rc_out);
    /* the same report but for the way the paths were written */
    drop_path_prefix(got_in, places[_i].prefix_in);
    drop_path_prefix(got_out, places[_i].prefix_out);
    ck_assert_str_eq(got_in, got_out);
    free(got_in);
    free(got_out);
    free(in);
    free(out);
}
END_TEST

/* ---- -j: every worker's file carries its configuration's problems ---- */

/* Workers take the files in no set order; each file they ask about gets
 * the problems of its configuration, so that the run can print them
 * before the first file in the command's order, whichever worker asked
 * first. A worker asks for the second file first here. */
static const struct {
    const char *yaml;
    const char *want;
} worker_problems[] = {
    {"disable: [Nope]\n", "no rule or rule set 'Nope'"},
    {"levels:\n  Quotes.Nope: error\n", "levels: no rule or rule set 'Quotes.Nope'"},
};

START_TEST(every_worker_file_gets_the_problems) {
    make_tmp();
    char *cfg = xasprintf("%s/.mtlint.yml", tmp);
    write_file(cfg, worker_problems[_i].yaml);
    cli_options o;
    mtl_diags diags = {0};
    session *s = open_session((const char *const[]){"--no-default-rules", "--no-spell", NULL}, &o, &diags);
    ck_assert_ptr_nonnull(s);
    session_worker *w[2] = {session_worker_open(s), session_worker_open(s)};
    for (int k = 1; k >= 0; k--) {
        char *path = xasprintf("%s/%c.txt", tmp, 'a' + k);
        mtl_diags got = {0}, notes = {0};
        session_target t;
        session_worker_target_for(w[k], path, &t, &got, &notes);
        ck_assert_msg(diags_have(&got, worker_problems[_i].want), "file %d lacks '%s'", k, worker_problems[_i].want);
        mtl_diags_free(&got);
        mtl_diags_free(&notes);
        free(path);
    }
    session_worker_close(w[0]);
    session_worker_close(w[1]);
    session_close(s);
    cli_free(&o);
    mtl_diags_free(&diags);
    free(cfg);
    remove_tmp();
}
END_TEST

static Suite *config_suite(void) {
    Suite *s = suite_create("config");
    TCase *t = tcase_create("config");
    tcase_set_timeout(t, 60);
    tcase_add_loop_test(t, bad_config_is_reported_with_its_place, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_loop_test(t, each_file_has_its_own_settings, 0, (int)(sizeof targets / sizeof targets[0]));
    tcase_add_loop_test(t, source_languages_are_a_table, 0, (int)(sizeof langs / sizeof langs[0]));
    tcase_add_loop_test(t, same_findings_from_inside_and_outside, 0, (int)(sizeof places / sizeof places[0]));
    tcase_add_loop_test(t, every_worker_file_gets_the_problems, 0,
                        (int)(sizeof worker_problems / sizeof worker_problems[0]));
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(config_suite)
