/* lang.h - the source languages mtlint knows, as data: a code, a name,
 * and whether a Hunspell dictionary of the language helps (it does for
 * languages in Latin script, whose words left untranslated look like
 * English typos; text in another script is found by its script alone).
 * Prefix lang_. */
#ifndef MTL_LANG_H
#define MTL_LANG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lang_info {
    const char *code;  /* ISO 639-1: "es" */
    const char *name;  /* "Spanish" */
    bool dictionary;   /* MT.Untranslated looks words up in its Hunspell dictionary */
} lang_info;

/* The language of a code, "es" or a regional variant "es_MX" / "es-MX";
 * NULL when mtlint does not know it. */
const lang_info *lang_find(const char *code);

/* Writes "ar, de, es, ..." (every known code) into out, for messages. */
void lang_known(char *out, size_t n);

#endif
