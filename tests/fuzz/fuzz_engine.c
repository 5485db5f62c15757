/* libFuzzer harness: arbitrary bytes through the whole engine, as plain
 * text and as Markdown, with the offset invariants checked on every
 * finding. Build and run: make fuzz (FUZZ_SECONDS=60). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "util.h"

static mtl_engine *engine;

typedef struct ctx {
    const uint8_t *data;
    size_t size;
    bool utf8;         /* the input was UTF-8: match is its bytes */
} ctx;

static void check(void *p, const mtl_finding *f) {
    ctx *c = p;
    if (f->offset + f->length > c->size || f->line == 0 || f->column == 0 || f->end_line < f->line ||
        (f->end_line == f->line && f->end_column < f->column) ||
        u8_valid_prefix(f->match, f->match_len) != f->match_len ||
        (c->utf8 && (f->match_len != f->length || memcmp(f->match, c->data + f->offset, f->length) != 0)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!engine) {
        const char *rules = getenv("MTL_FUZZ_RULES");
        const char *dicts = getenv("MTL_FUZZ_DICTS");
        mtl_config cfg = {.builtin_rules = rules, .dict_dir = dicts, .no_default_rules = !rules,
                          .no_spell = !dicts, .source_lang = "es"};
        mtl_diags d = {0};
        engine = mtl_engine_open(&cfg, &d);
        mtl_diags_free(&d);
        if (!engine) abort();
    }
    char err[256];
    /* valid UTF-8 without NUL is checked as the bytes themselves */
    ctx c = {data, size, u8_valid_prefix((const char *)data, size) == size && !memchr(data, 0, size)};
    mtl_engine_check_buffer(engine, "fuzz.txt", (const char *)data, size, check, &c, err, sizeof err);
    mtl_engine_check_buffer(engine, "fuzz.md", (const char *)data, size, check, &c, err, sizeof err);
    return 0;
}
