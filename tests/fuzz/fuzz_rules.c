/* libFuzzer harness for the rule loader: the input is a rule file
 * (Fuzz/Rule.yml in a scratch directory), loaded and compiled alone; when
 * it loads, its examples are run and it checks a sample text as Markdown
 * and as plain text. Beside it, Hunspell files and a word list a
 * `spelling` rule may name (dicpath: dicts, dictionaries: [house],
 * ignore: words.txt). Build and run: make fuzz. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mtlint.h"

static void ignore(void *ctx, const mtl_finding *f) {
    (void)ctx;
    (void)f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char set[4200], file[4300];
    if (!set[0]) {
        snprintf(set, sizeof set, "%s/Fuzz", fuzz_scratch());
        if (mkdir(set, 0700) != 0) abort();
        snprintf(file, sizeof file, "%s/Rule.yml", set);
        static const struct {
            const char *path, *text;
        } aside[] = {
            {"dicts/house.aff", "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"},
            {"dicts/house.dic", "3\npresident/S\nalliance\nruler/S\n"},
            {"words.txt", "Pacific\nmandatario\n"},
        };
        char p[4400];
        snprintf(p, sizeof p, "%s/dicts", fuzz_scratch());
        if (mkdir(p, 0700) != 0) abort();
        for (size_t i = 0; i < sizeof aside / sizeof *aside; i++) {
            snprintf(p, sizeof p, "%s/%s", fuzz_scratch(), aside[i].path);
            fuzz_write(p, (const uint8_t *)aside[i].text, strlen(aside[i].text));
        }
    }
    fuzz_write(file, data, size);
    const char *dirs[] = {fuzz_scratch(), NULL};
    mtl_config cfg = {.rule_dirs = dirs, .no_default_rules = true, .no_spell = true, .all_sources = true};
    mtl_diags d = {0};
    mtl_engine *e = mtl_engine_open(&cfg, &d);
    mtl_diags_free(&d);
    if (!e) return 0;
    size_t nrun;
    mtl_engine_test_examples(e, &nrun, &d);
    mtl_diags_free(&d);
    char err[256];
    mtl_engine_check_buffer(e, "sample.md", fuzz_sample, sizeof fuzz_sample - 1, ignore, NULL, err, sizeof err);
    mtl_engine_check_buffer(e, "sample.txt", fuzz_sample, sizeof fuzz_sample - 1, ignore, NULL, err, sizeof err);
    mtl_engine_close(e);
    return 0;
}
