/* libFuzzer harness for the configuration loader: the input is a
 * .mtlint.yml, loaded the way the command line does (--config FILE) with
 * the session that merges it and opens its engine; when that works, the
 * engine checks a sample text. The shipped rule sets and Hunspell are left
 * out (--no-default-rules --no-spell) so that each input costs
 * milliseconds; rule ids in the file are still checked against the
 * built-in checks. Build and run: make fuzz. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char file[4300];
    if (!file[0]) snprintf(file, sizeof file, "%s/.mtlint.yml", fuzz_scratch());
    fuzz_write(file, data, size);
    char *argv[] = {(char *)"mtlint", (char *)"--config", file, (char *)"--no-default-rules", (char *)"--no-spell",
                    (char *)"sample.md", NULL};
    cli_options o;
    char err[256];
    if (!cli_parse(6, argv, &o, err, sizeof err)) abort();
    mtl_diags d = {0};
    session *s = session_open(&o, fuzz_scratch(), &d);
    if (s) {
        mtl_engine_check_buffer(session_main_engine(s), "sample.md", fuzz_sample, sizeof fuzz_sample - 1, ignore,
                                NULL, err, sizeof err);
        session_close(s);
    }
    mtl_diags_free(&d);
    cli_free(&o);
    return 0;
}
