/* libFuzzer harness: arbitrary bytes through the whole engine, with the
 * offset invariants checked on every finding, and every finding written by
 * one of the report formats. The first byte chooses the paths: bits 0-1
 * the file name (.txt, .md, .html, no extension: markup by name and
 * content), bits 2-3 the engine (markup auto; --markup lines; TokenIgnores
 * and BlockIgnores; lines, ignores and logical quote punctuation), the
 * rest the report format; the other bytes are the file. The HTML report
 * goes through mtl_engine_check (it wants the text for its excerpts).
 * Build and run: make fuzz (FUZZ_SECONDS=60). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtlint.h"
#include "util.h"

static const mtl_format formats[] = {MTL_FORMAT_TEXT,       MTL_FORMAT_JSON, MTL_FORMAT_SARIF,
                                     MTL_FORMAT_GITHUB,     MTL_FORMAT_CHECKSTYLE, MTL_FORMAT_HTML,
                                     MTL_FORMAT_VALE_JSON};
#define NFORMATS (sizeof formats / sizeof *formats)
static const char *const names[] = {"fuzz.txt", "fuzz.md", "fuzz.html", "fuzz"};

/* Template tags, inline math and a ticket id as tokens; raw sections,
 * comment lines and (to test the empty match) "x*" as blocks. */
static const char *const tokens[] = {"\\{\\{[^}\\n]*\\}\\}", "\\$[^$\\n]+\\$", "\\b[A-Z]{2,}-[0-9]+\\b", NULL};
static const char *const blocks[] = {"(?s)\\{%\\s*raw\\s*%\\}.*?\\{%\\s*endraw\\s*%\\}", "(?m)^%%.*$", "x*", NULL};

typedef struct variant {
    mtl_markup markup;
    bool ignores;
    const char *quote_punctuation;
} variant;
static const variant variants[] = {
    {MTL_MARKUP_AUTO, false, NULL},
    {MTL_MARKUP_LINES, false, NULL},
    {MTL_MARKUP_AUTO, true, NULL},
    {MTL_MARKUP_LINES, true, "logical"},
};
static mtl_engine *engines[4];
static FILE *devnull;

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

static mtl_engine *engine_for(unsigned v) {
    if (engines[v]) return engines[v];
    const char *rules = getenv("MTL_FUZZ_RULES");
    const char *dicts = getenv("MTL_FUZZ_DICTS");
    mtl_config cfg = {.builtin_rules = rules, .dict_dir = dicts, .no_default_rules = !rules,
                      .no_spell = !dicts, .source_lang = "es", .markup = variants[v].markup,
                      .quote_punctuation = variants[v].quote_punctuation};
    if (variants[v].ignores) {
        cfg.token_ignores = tokens;
        cfg.block_ignores = blocks;
    }
    mtl_diags d = {0};
    engines[v] = mtl_engine_open(&cfg, &d);
    mtl_diags_free(&d);
    if (!engines[v]) abort();
    return engines[v];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!devnull && !(devnull = fopen("/dev/null", "w"))) abort();
    if (size == 0) return 0;
    unsigned mode = data[0];
    const char *name = names[mode & 3];
    mtl_engine *engine = engine_for((mode >> 2) & 3);
    mtl_format fmt = formats[(mode >> 4) % NFORMATS];
    mtl_sink_options so = {.min_severity = MTL_INFO};
    so.nrules = mtl_engine_rules(engine, &so.rules); /* SARIF describes them */
    ctx c = {data + 1, size - 1, false, mtl_sink_open(fmt, devnull, &so)};
    if (!c.sink) abort();
    char err[256];
    mtl_summary sum = {.files = 1};
    if (fmt == MTL_FORMAT_HTML) {
        mtl_engine_check(engine, name, name, (const char *)c.data, c.size, c.sink, &sum, err, sizeof err);
    } else {
        /* read as the bytes themselves: valid UTF-8 without NUL (binary or
         * UTF-16/32) and without ESC (ISO-2022 goes to the charset detector) */
        c.utf8 = u8_valid_prefix((const char *)c.data, c.size) == c.size && !memchr(c.data, 0, c.size) &&
                 !memchr(c.data, 0x1b, c.size);
        c.sink->begin_file(c.sink, name);
        if (mtl_engine_check_buffer(engine, name, (const char *)c.data, c.size, check, &c, err, sizeof err) !=
            MTL_OK)
            c.sink->file_error(c.sink, name, err);
        c.sink->end_file(c.sink);
    }
    c.sink->end_run(c.sink, &sum);
    mtl_sink_close(c.sink);
    return 0;
}
