/* libFuzzer harness: arbitrary bytes through the whole engine, with the
 * offset invariants checked on every finding, and every finding written by
 * one of the report formats. The first byte chooses the paths: bit 0 plain
 * text or Markdown, the next bits the report format; the rest is the file.
 * Build and run: make fuzz (FUZZ_SECONDS=60). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "util.h"

static mtl_engine *engine;
static FILE *devnull;

static const mtl_format formats[] = {MTL_FORMAT_TEXT, MTL_FORMAT_JSON, MTL_FORMAT_SARIF,
                                     MTL_FORMAT_GITHUB, MTL_FORMAT_CHECKSTYLE};

typedef struct ctx {
    const uint8_t *data;
    size_t size;
    bool utf8;        /* the input is UTF-8, so a finding's match is its bytes */
    mtl_sink *sink;
} ctx;

static void check(void *p, const mtl_finding *f) {
    ctx *c = p;
    if (f->offset > c->size || f->length > c->size - f->offset || f->line == 0 || f->column == 0 ||
        f->end_line < f->line || (f->end_line == f->line && f->end_column < f->column) ||
        !f->rule || !f->message || u8_valid_prefix(f->match, f->match_len) != f->match_len ||
        (c->utf8 && (f->match_len != f->length || memcmp(f->match, c->data + f->offset, f->length) != 0)))
        abort();
    c->sink->finding(c->sink, f);
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
        devnull = fopen("/dev/null", "w");
        if (!engine || !devnull) abort();
    }
    if (size == 0) return 0;
    unsigned mode = data[0];
    const char *name = mode & 1 ? "fuzz.md" : "fuzz.txt";
    mtl_sink_options so = {.min_severity = MTL_INFO};
    so.nrules = mtl_engine_rules(engine, &so.rules); /* SARIF describes them */
    ctx c = {data + 1, size - 1, false, mtl_sink_open(formats[(mode >> 1) % 5], devnull, &so)};
    if (!c.sink) abort();
    /* read as the bytes themselves: valid UTF-8 without NUL (binary or
     * UTF-16/32) and without ESC (ISO-2022 goes to the charset detector) */
    c.utf8 = u8_valid_prefix((const char *)c.data, c.size) == c.size && !memchr(c.data, 0, c.size) &&
             !memchr(c.data, 0x1b, c.size);
    char err[256];
    c.sink->begin_file(c.sink, name);
    if (mtl_engine_check_buffer(engine, name, (const char *)c.data, c.size, check, &c, err, sizeof err) != MTL_OK)
        c.sink->file_error(c.sink, name, err);
    c.sink->end_file(c.sink);
    mtl_summary sum = {.files = 1};
    c.sink->end_run(c.sink, &sum);
    mtl_sink_close(c.sink);
    return 0;
}
