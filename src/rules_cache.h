/* rules_cache.h - what loading the shipped rule sets computes, kept from
 * the build: a table that the rule engine asks before it compiles a
 * pattern with PCRE2 or reads what a pattern needs (rules_need).
 *
 * Every answer is keyed by the whole input of the computation it stands
 * for (the pattern's bytes and the options), so a hit is the very result
 * the computation gives, whatever rule file the pattern came from: an
 * edited or a user's rule file only misses. What the key cannot hold, the
 * code that computes (mtlint's sources, PCRE2's and ICU's versions), is
 * in the file's header: another build's file is not used at all. Each
 * record carries a checksum, checked when it is used: a damaged record is
 * a miss, never a wrong answer. `make` writes build/dict/rules.mtrc with
 * tools/mtlint-rulec.c (every shipped rule set, every source language).
 *
 * Nothing outside rules*.c includes this. */
#ifndef MTL_RULES_CACHE_H
#define MTL_RULES_CACHE_H

#include <yaml.h>

#include "rules_impl.h"

typedef struct rcache rcache;

typedef enum {
    RCACHE_OK,
    RCACHE_MISSING,  /* no such file */
    RCACHE_STALE,    /* written by another build */
    RCACHE_BAD,      /* not a cache: empty, cut short or damaged */
    RCACHE_DENIED,   /* open failed otherwise: errno says why */
    RCACHE_NOT_FILE  /* a directory or a special file */
} rcache_status;

/* Maps the file at path. NULL when it cannot be used: *status says why
 * (after RCACHE_DENIED, errno is open's). */
rcache *rcache_open(const char *path, rcache_status *status);
/* A cache that answers nothing and keeps every result computed through
 * it, for rcache_write. */
rcache *rcache_recorder(void);
/* Writes what a recorder kept (a temporary file, renamed): false with the
 * reason in err when it cannot. */
bool rcache_write(const rcache *c, const char *path, char *err, size_t errlen);
void rcache_close(rcache *c);

/* The computations, through the cache (c may be NULL: computed). */
/* pcre2_compile(pat, len, opts, err, off, NULL): NULL on error as it. */
pcre2_code *rcache_compile(rcache *c, const char *pat, size_t len, uint32_t opts, int *err, PCRE2_SIZE *off);
/* A compile only to validate: whether pat compiles, and its capture
 * groups (groups may be NULL). */
bool rcache_check(rcache *c, const char *pat, size_t len, uint32_t opts, uint32_t *groups, int *err,
                  PCRE2_SIZE *off);
/* rules_need_quick and rules_need. */
bool rcache_need_quick(rcache *c, const char *pat, size_t len, bool bounded, rneed *out);
void rcache_need(rcache *c, const char *pat, size_t len, bool caseless, bool bounded, rneed *out);

/* The cache's own form of an rneed (exposed for the round-trip test):
 * rcache_need_put appends it to b; rcache_need_get reads it back, false
 * (out empty) when the bytes are not one. */
void rcache_need_put(buf *b, const rneed *n);
bool rcache_need_get(const unsigned char *p, size_t len, rneed *out);
/* Whether two rneeds are the same, field by field. */
bool rcache_need_equal(const rneed *a, const rneed *b);

/* A rule file's YAML document as parse_yaml (rules_load.c) reads it from
 * text[0, len): the document, and whether \' is read as a quote. True
 * when the cache has it: ydoc is then freed with rcache_yaml_free, and its
 * strings are the cache's (read only, as long as it is open). */
bool rcache_yaml(rcache *c, const char *text, size_t len, yaml_document_t *ydoc, bool *dq_quotes);
/* A recorder keeps what libyaml read from text. */
void rcache_yaml_keep(rcache *c, const char *text, size_t len, const yaml_document_t *ydoc, bool dq_quotes);
void rcache_yaml_free(yaml_document_t *ydoc);
/* The cache's own form of a document (for the round-trip test): false
 * when it has directives, which are not kept; the strings of what
 * rcache_yaml_get reads point into p. */
bool rcache_yaml_put(buf *b, const yaml_document_t *ydoc, bool dq_quotes);
bool rcache_yaml_get(const unsigned char *p, size_t len, yaml_document_t *ydoc, bool *dq_quotes);
/* Whether two documents are the same, every field of every node. */
bool rcache_yaml_equal(const yaml_document_t *a, const yaml_document_t *b);

/* Counts of a cache's answers (for tests): hits, and records found
 * damaged. */
void rcache_stats(const rcache *c, size_t *hits, size_t *damaged);

#endif
