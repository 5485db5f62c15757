/* check_source_impl.h - what the parts of the Source checks share: the
 * pass's state and a few text helpers (check_source.c), and the number
 * comparison (check_source_numbers.c). Private to them. */
#ifndef MTL_CHECK_SOURCE_IMPL_H
#define MTL_CHECK_SOURCE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "glossary.h"
#include "spell.h"
#include "srcnum.h"
#include "util.h"

enum { R_NUMBER, R_NAME, R_QUOTE, R_OMISSION, R_ADDITION, R_UNTRANSLATED, R_GLOSSARY, R_PUNCT, R_CONSISTENCY,
       R_SURNAME, NRULES };

/* Per-language data, loaded the first time a source of the language is
 * checked. */
typedef struct lang_data {
    char lang[16];
    glossary *terms;     /* shipped glossary/<lang>-en.tsv, or NULL */
    glossary *exonyms;   /* exonyms/<lang>-en.tsv, or NULL */
    speller *dict;       /* the source language's Hunspell dictionary, or NULL */
    bool borrowed;       /* a fork's copy: terms and exonyms are its parent's */
} lang_data;

/* A source name and the target word that renders it. */
typedef struct render {
    char *name;          /* folded source name */
    size_t start, end;   /* the rendering in the target text */
} render;

typedef struct source_check {
    size_t rule[NRULES];
    char *dict_dir;
    glossary *user;      /* --glossary files, or NULL */
    bool no_spell;
    struct { lang_data *v; size_t n, cap; } langs;
    srcnum_list sn, tn, xn;
    size_t *match;
    bool *joined;        /* per target number: a piece of a split pair */
    srcnum *as_src;      /* per target number: read as the source writes */
    bool *as_src_ok;
    size_t *near;        /* per missing source number: srcnum_nearest */
    size_t match_cap;
    glossary_hits hits, term_hits;
    struct { render *v; size_t n, cap; } renders; /* of the document being checked */
    buf tmp, tmp2;
    buf hay;             /* the folded source block, when src_folded */
    bool src_folded;
    check_example *examples;
    size_t nexamples;
    /* source-length-ratio limits (config), langs malloc'd */
    struct { mtl_length_ratio *v; size_t n, cap; } ratios;
    bool forked;         /* user, dict_dir, compiled_dir, examples and ratios are the parent's */
    char *compiled_dir;  /* compiled dictionaries (spell.h), or NULL */
    const registry *reg;
    char lang[16];       /* --source (its language code), "" when none */
} source_check;

/* s[0..n) folded into out: ASCII lower case, accents of Latin letters
 * dropped (Martín = martin); other characters kept. */
void cs_fold(buf *out, const char *s, size_t n);
/* Whether folded needle[0..nlen) occurs in folded hay as a whole word. */
bool cs_has_word(const char *hay, const char *needle, size_t nlen);
/* Where to report something at source offset `off` of block pair b: the
 * target of its sentence pair, else of the block pair. */
void cs_place(const doc *d, size_t b, size_t off, size_t *fs, size_t *fe);

/* Source.Number on block pair b (check_source_numbers.c). */
void cs_check_numbers(source_check *sc, check_ctx *cx, size_t b);

#endif
