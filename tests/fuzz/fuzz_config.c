/* libFuzzer harness for the configuration loaders. The first byte chooses
 * the file, the other bytes are its text: even, a .mtlint.yml loaded the
 * way the command line does (--config FILE); odd, a .vale.ini
 * (--vale-config FILE) in a directory with a style (Sty), a vocabulary
 * (News: accept.txt and reject.txt) and Hunspell files a spelling rule
 * may name (dicts/house), so that StylesPath, BasedOnStyles, Vocab,
 * TokenIgnores and BlockIgnores all reach something. The session merges
 * it and opens the engine for a Markdown and a plain-text sample, which
 * it checks. The shipped rule sets and Hunspell are left out
 * (--no-default-rules --no-spell) so that each input costs milliseconds;
 * rule ids in the file are still checked against the built-in checks.
 * Build and run: make fuzz. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz_util.h"
#include "mtlint.h"
#include "session.h"

static void ignore(void *ctx, const mtl_finding *f) {
    (void)ctx;
    (void)f;
}

/* The style directory a .vale.ini input may use (StylesPath = styles). */
static const struct {
    const char *path, *text;
} style_files[] = {
    {"styles/Sty/Weasel.yml", "extends: existence\nmessage: \"'%s' is vague.\"\nignorecase: true\n"
                              "tokens:\n  - alliance\n  - talks\n"},
    {"styles/Sty/Order.yml", "extends: sequence\nmessage: \"'%s'\"\ntokens:\n  - pattern: the\n"
                             "  - pattern: talks\n    skip: 2\n"},
    {"styles/Sty/House.yml", "extends: spelling\nmessage: \"'%s'?\"\ndicpath: dicts\ndictionaries: [house]\n"
                             "custom: true\nignore: [words.txt]\n"},
    {"styles/config/vocabularies/News/accept.txt", "Alliance\nmandatario\n(?i)según\n"},
    {"styles/config/vocabularies/News/reject.txt", "ruler\nthe the\n\n"},
    {"styles/dicts/house.aff", "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"},
    {"styles/dicts/house.dic", "3\npresident/S\nalliance\nruler/S\n"},
    {"styles/words.txt", "Pacific\n"},
};

static void make_styles(const char *dir) {
    static const char *const dirs[] = {"styles", "styles/Sty", "styles/config", "styles/config/vocabularies",
                                       "styles/config/vocabularies/News", "styles/dicts"};
    char p[4400];
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, dirs[i]);
        if (mkdir(p, 0700) != 0) abort();
    }
    for (size_t i = 0; i < sizeof style_files / sizeof *style_files; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, style_files[i].path);
        fuzz_write(p, (const uint8_t *)style_files[i].text, strlen(style_files[i].text));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char yml[4300], ini[4300], md[4300], txt[4300];
    if (!yml[0]) {
        snprintf(yml, sizeof yml, "%s/.mtlint.yml", fuzz_scratch());
        snprintf(ini, sizeof ini, "%s/.vale.ini", fuzz_scratch());
        snprintf(md, sizeof md, "%s/sample.md", fuzz_scratch());
        snprintf(txt, sizeof txt, "%s/sample.txt", fuzz_scratch());
        make_styles(fuzz_scratch());
    }
    if (size == 0) return 0;
    bool vale = data[0] & 1;
    unlink(vale ? yml : ini); /* the other kind, from an earlier input, would apply too */
    fuzz_write(vale ? ini : yml, data + 1, size - 1);
    char *argv[] = {(char *)"mtlint", (char *)(vale ? "--vale-config" : "--config"), vale ? ini : yml,
                    (char *)"--no-default-rules", (char *)"--no-spell", md, NULL};
    cli_options o;
    char err[256];
    if (!cli_parse(6, argv, &o, err, sizeof err)) abort();
    mtl_diags d = {0}, notes = {0};
    session *s = session_open(&o, fuzz_scratch(), &d);
    for (int i = 0; s && i < 2; i++) {
        session_target t;
        const char *path = i ? txt : md;
        if (session_target_for(s, path, &t, &d, &notes))
            mtl_engine_check_buffer(t.engine, path, fuzz_sample, sizeof fuzz_sample - 1, ignore, NULL, err,
                                    sizeof err);
    }
    if (s) session_close(s);
    mtl_diags_free(&d);
    mtl_diags_free(&notes);
    cli_free(&o);
    return 0;
}
