/* glossary.h - term lists for Source.Glossary: source term => approved
 * English translations, loaded from TSV files
 *
 *   # comment
 *   Alianza del Pacífico<TAB>Pacific Alliance
 *   Fondo Monetario Internacional<TAB>International Monetary Fund|IMF
 *
 * and looked up in source text without regard to accents, case, or runs of
 * spaces and hyphens (Alianza del Pacifico, ALIANZA DEL PACÍFICO,
 * Asia Pacífico = Asia-Pacífico).
 *
 * The fold is our own, per code point, from ICU's data: canonical
 * decomposition (NFD), combining marks dropped, then Unicode case folding.
 * A per-code-point fold keeps a map from every folded byte back to the
 * original offset, which findings need; an ICU transliterator or a
 * primary-strength collator would fold as well but give no offsets
 * (usearch gives UTF-16 ones, for one pattern at a time).
 *
 * Searched in a language's text (es, fr), a source term also matches the
 * plural and feminine forms of its words ("banco central" in "bancos
 * centrales"); see glossary.c for why a suffix table. A loaded glossary
 * is read-only: threads share it.
 *
 * Translations are looked for in the target the same way, except that one
 * written in capitals (IMF, UN) must appear in capitals, so that "un" and
 * "who" are not taken for UN and WHO. */
#ifndef MTL_GLOSSARY_H
#define MTL_GLOSSARY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct glossary glossary;

glossary *glossary_open(void);
void glossary_close(glossary *g);

/* Adds the terms of a TSV file (repeatable: --glossary A --glossary B).
 * Returns 0, or -1 with "FILE:LINE: what is wrong" (or "FILE: reason")
 * in err; on error g keeps the terms of the lines before. */
int glossary_load(glossary *g, const char *path, char *err, size_t errlen);
/* The same from memory; name stands for the file in messages. */
int glossary_load_mem(glossary *g, const char *name, const char *text, size_t len, char *err,
                      size_t errlen);

size_t glossary_count(const glossary *g);
const char *glossary_source(const glossary *g, size_t term);  /* as written in the file */
size_t glossary_ntargets(const glossary *g, size_t term);
const char *glossary_target(const glossary *g, size_t term, size_t k);

typedef struct glossary_hit {
    size_t term;
    size_t start, end; /* byte span in the searched text */
} glossary_hit;

typedef struct glossary_hits {
    glossary_hit *v;
    size_t n, cap;
} glossary_hits;

/* Appends the terms found in text, leftmost-longest and not overlapping
 * ("Organización de las Naciones Unidas" hides the "Naciones Unidas" in
 * it), in text order. lang is the text's language, whose inflections the
 * terms match (es, fr); another or NULL: the terms as written. */
void glossary_find(const glossary *g, const char *lang, const char *text, size_t len, glossary_hits *out);

/* Whether text contains one of term's translations. */
bool glossary_target_has(const glossary *g, size_t term, const char *text, size_t len);

#endif
