/* untranslated.h - MT.Untranslated: words and text that machine
 * translation left in the source language.
 *
 * Signals, strongest first:
 *  - inverted marks (¿ ¡): Spanish punctuation that English never uses;
 *  - runs of a non-Latin script (Han, Cyrillic, Arabic, Greek...);
 *  - function words of a source language that English never uses
 *    ("del", "según", "selon", "também"), unless they sit inside a name
 *    ("Museo del Prado") or a loan phrase ("de facto");
 *  - a lower-case word English does not know but the --source dictionary
 *    does ("mandatario"), unless it is a loanword English news prints as
 *    it is ("junta", "favela");
 *  - without --source, an unknown lower-case word spelt with letters
 *    English does not use (ñ, ã, ß, accented vowels).
 *
 * The word signals need each word's English verdict, so the spelling pass
 * (check_spelling.c) drives them word by word: one tokenization and one
 * verdict cache serve both rules. Prefix untr_. */
#ifndef MTL_UNTRANSLATED_H
#define MTL_UNTRANSLATED_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "spell.h"

typedef struct untr untr;

/* Registers MT.Untranslated and, when cfg->source_lang is set and
 * cfg->no_spell is not, opens that language's dictionary. NULL on failure
 * (a missing source dictionary names the package to install). */
untr *untr_open(registry *reg, const mtl_config *cfg, const char *compiled_dir, mtl_diags *notes,
                mtl_diags *diags);
void untr_close(untr *u);
/* Another thread's: u's word sets, and the source dictionary forked
 * (spell_fork); u must outlive it. */
untr *untr_fork(const untr *u);

size_t untr_rule(const untr *u);

/* A word and its neighbours in the sentence (NULL/0 when there is none,
 * or when punctuation other than a space separates them). */
typedef struct untr_word {
    const char *w, *prev, *next, *next2;
    size_t n, nprev, nnext, nnext2;
} untr_word;

/* The language of which the lower-case word is a function word that
 * English never uses ("del", "selon"), or NULL. Sets *in_name when the
 * word is a particle of a name ("Banco del Sur", "von Trapp", "de la
 * Cruz") or of a loan phrase ("du jour"): it is then left alone by every
 * check.
 * With --source, that language is named when the word is one of its own. */
const char *untr_function_word(const untr *u, const untr_word *x, bool *in_name);

/* Whether w[0..n) is a function word, a name particle or a word of a
 * loan phrase: the only words untr_function_word needs neighbours for. */
bool untr_listed(const untr *u, const char *w, size_t n);

/* Whether the word is either half of a loan phrase English uses as it is
 * ("du jour", "entre nous"). */
bool untr_loan_phrase(const untr_word *x);

/* For a lower-case word that English does not know: the language it looks
 * like (from the --source dictionary, or from its letters), or NULL. */
const char *untr_unknown_word(untr *u, const char *w, size_t n);

/* Reports inverted marks and runs of non-Latin script over the document's
 * prose blocks. */
void untr_scan_text(const untr *u, check_ctx *cx);

#endif
