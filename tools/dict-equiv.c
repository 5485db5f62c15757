/* dict-equiv - the equivalence test of the compiled dictionaries: every
 * distinct word of the word lists gets the compiled speller's verdict and
 * Hunspell's (the same dictionary and supplements, no compiled table),
 * and the two must agree except for the differences listed as intended.
 *
 *   dict-equiv [--supp DIR] [--intended FILE] --compiled DIR NAME WORDLIST...
 *
 * Word lists: one word a line. The intended-differences file has lines
 * "NAME<TAB>word" ('#' comments); a listed word that no longer differs is
 * an error too, so the list stays true. Exit 0 when everything agrees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spell.h"
#include "util.h"

typedef struct wordlist {
    struct { char **v; size_t n, cap; } w;
} wordlist;

static int usage(void) {
    fprintf(stderr, "usage: dict-equiv [--supp DIR] [--intended FILE] --compiled DIR NAME WORDLIST...\n");
    return 2;
}

static speller *open_speller(const char *name, const char *supp, const char *compiled) {
    const char *names[] = {name, NULL};
    spell_options o = {.names = names, .supplement_dir = supp, .compiled_dir = compiled};
    mtl_diags d = {0};
    speller *sp = spell_open(&o, &d);
    for (size_t i = 0; i < d.n; i++) fprintf(stderr, "dict-equiv: %s\n", d.msg[i]);
    mtl_diags_free(&d);
    return sp;
}

/* The intended differences of dictionary `name`. */
static void read_intended(const char *path, const char *name, wordlist *out) {
    FILE *f = fopen(path, "r");
    if (!f) return;
    char *line = NULL;
    size_t cap = 0, nl = strlen(name);
    while (getline(&line, &cap, f) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || strncmp(line, name, nl) != 0 || line[nl] != '\t') continue;
        VEC_PUSH(out->w, xstrdup(line + nl + 1));
    }
    free(line);
    fclose(f);
}

static bool listed(const wordlist *l, const char *w) {
    for (size_t i = 0; i < l->w.n; i++)
        if (strcmp(l->w.v[i], w) == 0) return true;
    return false;
}

int main(int argc, char **argv) {
    const char *supp = NULL, *intended = NULL, *compiled = NULL;
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "--supp") == 0) supp = argv[i + 1];
        else if (strcmp(argv[i], "--intended") == 0) intended = argv[i + 1];
        else if (strcmp(argv[i], "--compiled") == 0) compiled = argv[i + 1];
        else return usage();
    }
    if (argc - i < 2 || !compiled) return usage();
    const char *name = argv[i++];
    speller *fast = open_speller(name, supp, compiled);
    speller *ref = open_speller(name, supp, NULL);
    if (!fast || !ref) return 2;
    wordlist want = {0}, seen = {0};
    if (intended) read_intended(intended, name, &want);
    size_t compared = 0, differ = 0, unexpected = 0, accepted = 0;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "dict-equiv: cannot read %s\n", argv[i]);
            return 2;
        }
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, f) >= 0) {
            size_t n = strcspn(line, "\r\n");
            if (!n) continue;
            spell_stats before;
            spell_get_stats(fast, &before);
            bool a = spell_known(fast, line, n);
            spell_stats after;
            spell_get_stats(fast, &after);
            if (after.cached == before.cached) continue; /* seen already */
            bool b = spell_known(ref, line, n);
            compared++;
            accepted += b;
            if (a == b) continue;
            differ++;
            line[n] = '\0';
            VEC_PUSH(seen.w, xstrdup(line));
            if (listed(&want, line)) continue;
            unexpected++;
            printf("%s\t%s\tcompiled %s, Hunspell %s\n", name, line, a ? "accepts" : "rejects",
                   b ? "accepts" : "rejects");
        }
        free(line);
        fclose(f);
    }
    size_t stale = 0;
    for (size_t k = 0; k < want.w.n; k++) {
        if (listed(&seen, want.w.v[k])) continue;
        stale++;
        printf("%s\t%s\tlisted as an intended difference but the verdicts agree\n", name, want.w.v[k]);
    }
    spell_stats st;
    spell_get_stats(fast, &st);
    printf("%s: %zu distinct words compared (%zu accepted), %zu differences (%zu intended, %zu not), "
           "%zu asked of Hunspell, Hunspell opened: %s\n",
           name, compared, accepted, differ, differ - unexpected, unexpected, st.hunspell_calls,
           st.hunspell_opened ? "yes" : "no");
    bool used = st.compiled_lookups > 0;
    if (!used && compared) printf("%s: no compiled dictionary in %s: nothing was compared\n", name, compiled);
    spell_close(fast);
    spell_close(ref);
    for (size_t k = 0; k < want.w.n; k++) free(want.w.v[k]);
    for (size_t k = 0; k < seen.w.n; k++) free(seen.w.v[k]);
    VEC_FREE(want.w);
    VEC_FREE(seen.w);
    return unexpected || stale || (!used && compared) ? 1 : 0;
}
