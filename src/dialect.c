/* dialect.c - see dialect.h. */
#include "dialect.h"

#include <string.h>

/* Each swap in both directions; a few candidate forms per word rather
 * than a general suggestion search. */
static const char *const swaps[][2] = {
    {"our", "or"},   {"or", "our"},     {"isation", "ization"}, {"ization", "isation"},
    {"ise", "ize"},  {"ize", "ise"},    {"ising", "izing"},     {"izing", "ising"},
    {"ised", "ized"}, {"ized", "ised"}, {"yse", "yze"},         {"yze", "yse"},
    {"ysing", "yzing"}, {"yzing", "ysing"}, {"ysed", "yzed"},   {"yzed", "ysed"},
    {"tre", "ter"},  {"ter", "tre"},    {"tres", "ters"},       {"ters", "tres"},
    {"ogue", "og"},  {"og", "ogue"},    {"ence", "ense"},       {"ense", "ence"},
    {"lled", "led"}, {"led", "lled"},   {"lling", "ling"},      {"ling", "lling"},
    {"ller", "ler"}, {"ler", "ller"},   {"mme", "m"},           {"m", "mme"},
    {"ae", "e"},     {"oe", "e"},       {"e", "ae"},            {"e", "oe"},
};

size_t dia_form(const char *w, size_t n, dia_pred has, const void *ctx, char *out, size_t cap) {
    for (size_t k = 0; k < sizeof swaps / sizeof swaps[0]; k++) {
        size_t la = strlen(swaps[k][0]), lb = strlen(swaps[k][1]);
        if (n - la + lb + 1 > cap || la > n) continue;
        for (size_t i = 0; i + la <= n; i++) {
            if (memcmp(w + i, swaps[k][0], la) != 0) continue;
            memcpy(out, w, i);
            memcpy(out + i, swaps[k][1], lb);
            memcpy(out + i + lb, w + i + la, n - i - la);
            size_t m = n - la + lb;
            out[m] = '\0';
            if (has(ctx, out, m)) return m;
        }
    }
    return 0;
}

doc_dialect dia_majority(size_t n_us, size_t n_gb) {
    return n_us > n_gb ? DOC_DIALECT_US : n_gb > n_us ? DOC_DIALECT_GB : DOC_DIALECT_NONE;
}
