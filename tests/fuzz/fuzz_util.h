/* fuzz_util.h - what the libFuzzer harnesses share: a private scratch
 * directory (the loaders read files, so each input is written to one) and
 * the sample text every harness checks once its input has loaded. */
#ifndef MTL_FUZZ_UTIL_H
#define MTL_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Markdown with every block kind, quotations and a few words the shipped
 * and demo rules look for, so that a loaded rule has something to match. */
static const char fuzz_sample[] =
    "# The President Of the Alliance from Pacific\n\n"
    "The ruler said the the talks “were good” , then left. 3,5 percent of\n"
    "1.500 people said “ We agree”.\n\n"
    "> A quoted paragraph with «foreign» marks and (missing) text &amp; more.\n\n"
    "- a list item, según the mandatario\n"
    "  - nested item with \"straight quotes\n\n"
    "STRENGTHEN RELATIONS The president met them.\n";

static char fuzz_dir[4096];

static void fuzz_rm_dir(void) {
    if (!fuzz_dir[0]) return;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0) fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir);
}

/* A fresh directory under $TMPDIR, removed at exit. */
static const char *fuzz_scratch(void) {
    if (fuzz_dir[0]) return fuzz_dir;
    const char *t = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/mtlint-fuzz-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(fuzz_dir)) abort();
    atexit(fuzz_rm_dir);
    return fuzz_dir;
}

static void fuzz_write(const char *path, const uint8_t *data, size_t size) {
    FILE *fp = fopen(path, "wb");
    if (!fp) abort();
    if (size && fwrite(data, 1, size, fp) != size) abort();
    if (fclose(fp) != 0) abort();
}

#endif
