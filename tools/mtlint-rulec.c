/* mtlint-rulec - writes the rule cache (src/rules_cache.h) of a rules
 * directory: the compiled patterns and the prefilter's reading of every
 * rule of every source language. Run by `make`.
 *
 *   mtlint-rulec RULES_DIR OUT
 *
 * Exit status 0, or 2 (with the reasons on stderr) when a rule does not
 * load or OUT cannot be written. */
#include <stdio.h>
#include <string.h>

#include "mtlint.h"
#include "rules.h"

int main(int argc, char **argv) {
    if (argc != 3 || argv[1][0] == '-') {
        fprintf(stderr, "usage: mtlint-rulec RULES_DIR OUT\n");
        return 2;
    }
    mtl_diags diags = {0};
    bool ok = rules_cache_build(argv[1], argv[2], &diags);
    for (size_t i = 0; i < diags.n; i++) fprintf(stderr, "mtlint-rulec: %s\n", diags.msg[i]);
    mtl_diags_free(&diags);
    return ok ? 0 : 2;
}
