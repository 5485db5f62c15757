/* lang.c - the table of known source languages. */
#include "lang.h"

#include <stdio.h>
#include <string.h>

/* Alphabetical by code: lang_known() lists them in this order. */
static const lang_info langs[] = {
    {"ar", "Arabic", false},   {"de", "German", true},  {"es", "Spanish", true},
    {"fr", "French", true},    {"it", "Italian", true}, {"ja", "Japanese", false},
    {"ko", "Korean", false},   {"pt", "Portuguese", true}, {"ru", "Russian", false},
    {"zh", "Chinese", false},
};
#define NLANGS (sizeof langs / sizeof langs[0])

const lang_info *lang_find(const char *code) {
    if (!code) return NULL;
    size_t n = strcspn(code, "_-");
    if (code[n] && !code[n + 1]) return NULL; /* "es_" */
    for (size_t i = 0; i < NLANGS; i++)
        if (strlen(langs[i].code) == n && strncmp(code, langs[i].code, n) == 0) return &langs[i];
    return NULL;
}

void lang_known(char *out, size_t n) {
    size_t used = 0;
    if (n) out[0] = '\0';
    for (size_t i = 0; i < NLANGS && used < n; i++) {
        int k = snprintf(out + used, n - used, "%s%s", i ? ", " : "", langs[i].code);
        if (k < 0) break;
        used += (size_t)k;
    }
}
