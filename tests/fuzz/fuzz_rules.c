/* libFuzzer harness for the rule loader: the input is a rule file
 * (Fuzz/Rule.yml in a scratch directory), loaded and compiled alone; when
 * it loads, its examples are run and it checks a sample text as Markdown
 * and as plain text. Build and run: make fuzz. */
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
