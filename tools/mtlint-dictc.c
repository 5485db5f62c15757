/* mtlint-dictc - compiles a Hunspell dictionary into the memory-mapped
 * word-form table of src/mtd.h. Run by `make`.
 *
 *   mtlint-dictc [--all-maybe|--yes-only] [--maybe CHARS] AFF DIC FORMS OUT
 *   mtlint-dictc --list WORDS OUT
 *   mtlint-dictc --variants US_WORDS GB_WORDS US_OUT GB_OUT
 *
 * --list: a plain word list, one word a line (SCOWL's lists as Debian
 *   ships them in /usr/share/dict), with no Hunspell behind it: every word
 *   with its capitalised and all-capitals variants is accepted, and any
 *   other word is "no". The file is stamped with the list itself.
 * --variants: the dialect variant pairs of two such lists (American and
 *   British): a form only the British list has whose regular American
 *   form (dialect.h: colour/color, organise/organize) only the American
 *   list has. Each side goes to its own table, stamped with both lists;
 *   a word in one list only that has no such partner ("chatbot",
 *   "netizens") is no variant.
 *
 * FORMS lists candidate word forms, one a line: the output of Hunspell's
 * own affix expansion (`unmunch DIC AFF`, Debian hunspell-tools, through
 * tools/dict-forms.sh). Every
 * candidate, with its capitalised and its all-capitals variant, is kept
 * only if Hunspell itself accepts it, so the table never accepts a word
 * Hunspell rejects. What the table cannot decide (compounds, numbers,
 * dotted abbreviations, BREAK splits, ICONV/IGNORE characters) is read
 * from the .aff file and recorded as "maybe" patterns that send a word to
 * Hunspell at run time.
 *
 * --maybe CHARS: forms containing one of CHARS are not stored and words
 *   containing one are "maybe" (Italian and French elisions multiply the
 *   forms tenfold: l'..., dall'..., quell'...).
 * --all-maybe: store nothing; Hunspell decides every word (a dictionary
 *   too large to expand). The file still records that it is up to date.
 * --yes-only: the table accepts, Hunspell decides every word the table
 *   lacks: for a dictionary whose forms unmunch does not all find (the
 *   equivalence test, `make dict-equiv`, tells). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "dialect.h"
#include "mtd.h"
#include "util.h"

typedef struct aff_info {
    bool compound_any;         /* COMPOUNDFLAG/BEGIN/...: any word may be a compound */
    bool flag_simple;          /* one byte per flag, no AF aliases */
    bool has_break;
    bool forbidden;            /* FORBIDDENWORD */
    char rule_flags[256];      /* flags named in COMPOUNDRULE */
} aff_info;

static char *next_field(char **p) {
    char *s = *p;
    while (*s == ' ' || *s == '\t') s++;
    if (!*s || *s == '\n' || *s == '\r') return NULL;
    char *e = s + strcspn(s, " \t\r\n");
    if (*e) *e++ = '\0';
    *p = e;
    return s;
}

/* Reads what the table must leave to Hunspell from the .aff file. */
static bool read_aff(const char *path, mtd_builder *b, aff_info *ai) {
    FILE *f = fopen(path, "r");
    if (!f) return false;
    static const char *const compound_keys[] = {
        "COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "COMPOUNDFIRST", "COMPOUNDLAST", NULL,
    };
    ai->flag_simple = true;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        char *p = line;
        if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
        char *key = next_field(&p);
        if (!key) continue;
        char *a1 = next_field(&p);
        for (size_t i = 0; compound_keys[i]; i++)
            if (strcmp(key, compound_keys[i]) == 0) ai->compound_any = true;
        if (strcmp(key, "FLAG") == 0 || strcmp(key, "AF") == 0) ai->flag_simple = false;
        if (strcmp(key, "FORBIDDENWORD") == 0) ai->forbidden = true;
        if (!a1) continue;
        bool is_count = strspn(a1, "0123456789") == strlen(a1);
        if (strcmp(key, "BREAK") == 0) {
            ai->has_break = true;
            if (is_count) continue;
            /* ^ and $ anchor a pattern; any occurrence is enough here */
            char *s = a1 + (*a1 == '^');
            size_t n = strlen(s);
            if (n && s[n - 1] == '$') s[n - 1] = '\0';
            mtd_builder_maybe_substr(b, s);
        } else if (strcmp(key, "ICONV") == 0 && !is_count) {
            char *s = a1;
            while (*s == '_') s++; /* _ anchors at a word boundary */
            size_t n = strlen(s);
            while (n && s[n - 1] == '_') s[--n] = '\0';
            mtd_builder_maybe_substr(b, s);
        } else if (strcmp(key, "IGNORE") == 0) {
            for (int32_t i = 0, n = (int32_t)strlen(a1); i < n;) {
                int32_t s = i;
                UChar32 c;
                U8_NEXT(a1, i, n, c);
                (void)c;
                char one[8] = {0};
                memcpy(one, a1 + s, (size_t)(i - s));
                mtd_builder_maybe_substr(b, one);
            }
        } else if (strcmp(key, "COMPOUNDRULE") == 0 && !is_count) {
            for (const char *s = a1; *s; s++)
                if (!strchr("*?()", *s)) ai->rule_flags[(unsigned char)*s] = 1;
        }
    }
    free(line);
    fclose(f);
    /* Hunspell's default break points when the .aff names none: the
     * reader splits at the hyphen itself (MTD_BREAK_DASH) unless a
     * forbidden word can stop the split */
    if (!ai->has_break && ai->forbidden) mtd_builder_maybe_substr(b, "-");
    return true;
}

typedef enum recase_mode { CAP_FIRST, CAP_ALL, CAP_TITLE } recase_mode;

/* Case variants as Hunspell forms them: the first letter upper case
 * (CAP_FIRST), every letter (CAP_ALL), or the first upper and the rest
 * lower (CAP_TITLE). Returns the length written to out (cap bytes). */
static size_t recase(const char *w, size_t n, recase_mode mode, char *out, size_t cap) {
    size_t k = 0;
    int32_t i = 0, len = (int32_t)n;
    bool first = true;
    while (i < len) {
        UChar32 c;
        int32_t s = i;
        U8_NEXT(w, i, len, c);
        if (c < 0 || k + 4 > cap) return 0;
        if (mode == CAP_ALL || first) {
            UChar32 u = u_toupper(c);
            U8_APPEND_UNSAFE(out, k, u);
        } else if (mode == CAP_TITLE) {
            UChar32 l = u_tolower(c);
            U8_APPEND_UNSAFE(out, k, l);
        } else {
            memcpy(out + k, w + s, (size_t)(i - s));
            k += (size_t)(i - s);
        }
        first = false;
    }
    return k;
}

/* Whether Hunspell adds a hidden capitalised twin of this entry: its
 * capitalisation type (counting letters that change in lower case) is
 * mixed, or all capitals with flags. */
static bool has_hidden_twin(const char *w, size_t n, bool flags) {
    switch (mtd_case_type(w, n)) {
    case MTD_ALLCAP: return flags;
    case MTD_MIXEDCAP: return true;    /* HUHCAP, HUHINITCAP */
    default: return false;             /* NOCAP, INITCAP, ill-formed */
    }
}

typedef struct compiler {
    Hunhandle *h;
    mtd_builder *forms, *rejected;
    const char *skip;          /* --maybe characters */
    size_t spell_calls;
} compiler;

static bool skipped(const compiler *c, const char *w, size_t n) {
    for (const char *s = c->skip; *s;) {
        int32_t i = 0, len = (int32_t)strlen(s);
        UChar32 ch;
        U8_NEXT(s, i, len, ch);
        (void)ch;
        for (size_t j = 0; j + (size_t)i <= n; j++)
            if (memcmp(w + j, s, (size_t)i) == 0) return true;
        s += i;
    }
    return false;
}

static void try_form(compiler *c, const char *w, size_t n) {
    if (n == 0 || n > 255 || mtd_builder_has(c->forms, w, n) || mtd_builder_has(c->rejected, w, n)) return;
    char z[256];
    memcpy(z, w, n);
    z[n] = '\0';
    c->spell_calls++;
    mtd_builder_add(Hunspell_spell(c->h, z) ? c->forms : c->rejected, w, n);
}

static void candidate(compiler *c, const char *w, size_t n) {
    if (n == 0 || n > 255 || skipped(c, w, n)) return;
    try_form(c, w, n);
    char v[1100];
    size_t k = recase(w, n, CAP_FIRST, v, sizeof v);
    if (k && (k != n || memcmp(v, w, n) != 0)) try_form(c, v, k);
    size_t u = recase(w, n, CAP_ALL, v, sizeof v);
    if (u && (u != n || memcmp(v, w, n) != 0)) try_form(c, v, u);
}

/* The length of the word at the start of a .dic or unmunch line: up to
 * its flags ('/'), the "|" unmunch writes after them, a tab, or a space
 * that starts a morphological field ("ce po:mg"). */
static size_t word_len(const char *s) {
    size_t n = strcspn(s, "/|\t\r\n");
    for (size_t i = 0; i + 3 < n; i++)
        if (s[i] == ' ' && s[i + 1] != ' ' && s[i + 2] != ' ' && s[i + 3] == ':') return i;
    return n;
}

/* The dictionary's own entries (candidates, and the entries table with
 * their hidden twins), and the first letters of those that can start a
 * COMPOUNDRULE compound. */
static bool read_dic(compiler *c, const char *path, const aff_info *ai, mtd_builder *b, mtd_builder *keys) {
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char *line = NULL;
    size_t cap = 0;
    bool first = true;
    bool any_rule = false;
    for (size_t i = 0; i < 256; i++) any_rule |= ai->rule_flags[i];
    while (getline(&line, &cap, f) >= 0) {
        char *s = line;
        if (first && strncmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
        if (first) {
            first = false;
            continue; /* the count */
        }
        size_t n = word_len(s);
        if (c) candidate(c, s, n);
        mtd_builder_add(keys, s, n);
        char twin[1100];
        size_t k;
        if (n && has_hidden_twin(s, n, s[n] == '/') && (k = recase(s, n, CAP_TITLE, twin, sizeof twin)))
            mtd_builder_add(keys, twin, k);
        if (any_rule && s[n] == '/') {
            const char *fl = s + n + 1;
            size_t nf = strcspn(fl, " \t\r\n");
            bool rule = false;
            for (size_t i = 0; i < nf; i++) rule |= ai->rule_flags[(unsigned char)fl[i]] != 0;
            if (rule && n) {
                int32_t i = 0;
                UChar32 ch;
                U8_NEXT(s, i, (int32_t)n, ch);
                (void)ch;
                char one[8] = {0};
                memcpy(one, s, (size_t)i);
                mtd_builder_maybe_prefix(b, one);
            }
        }
    }
    free(line);
    fclose(f);
    return true;
}

static int usage(void) {
    fprintf(stderr, "usage: mtlint-dictc [--all-maybe|--yes-only] [--maybe CHARS] AFF DIC FORMS OUT\n"
                    "       mtlint-dictc --list WORDS OUT\n"
                    "       mtlint-dictc --variants US_WORDS GB_WORDS US_OUT GB_OUT\n");
    return 2;
}

/* Adds w and the case variants a reader accepts for it: "lockdown" also
 * as "Lockdown" and "LOCKDOWN", a name only in its own case and capitals. */
static void add_with_case(mtd_builder *b, const char *w, size_t n) {
    if (n == 0 || n > 255) return;
    mtd_builder_add(b, w, n);
    char v[1100];
    size_t k = recase(w, n, CAP_FIRST, v, sizeof v);
    if (k && k <= 255) mtd_builder_add(b, v, k);
    k = recase(w, n, CAP_ALL, v, sizeof v);
    if (k && k <= 255) mtd_builder_add(b, v, k);
}

/* Adds every word of the list (with its case variants when `cased`);
 * false when it cannot be read. */
static bool read_list(const char *list, mtd_builder *b, bool cased) {
    FILE *f = fopen(list, "r");
    if (!f) return false;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        size_t n = strcspn(line, "\r\n");
        if (!n || line[0] == '#') continue;
        if (cased) add_with_case(b, line, n);
        else if (n <= 255) mtd_builder_add(b, line, n);
    }
    free(line);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

static int compile_list(const char *list, const char *out) {
    mtd_builder *b = mtd_builder_new();
    bool rd = read_list(list, b, true);
    mtd_builder *keys = mtd_builder_new();
    char err[512];
    snprintf(err, sizeof err, "cannot read %s", list);
    int rc = 0;
    if (!rd || !mtd_builder_write(b, keys, out, list, list, err, sizeof err)) {
        fprintf(stderr, "mtlint-dictc: %s\n", err);
        rc = 1;
    } else {
        printf("  DICT    %s: %zu forms from a word list\n", out, mtd_builder_count(b));
    }
    mtd_builder_free(keys);
    mtd_builder_free(b);
    return rc;
}

typedef struct two_lists {
    const mtd_builder *mine, *other;
} two_lists;

/* In `mine` and not in `other`. */
static bool only_in(const void *ctx, const char *w, size_t n) {
    const two_lists *t = ctx;
    return mtd_builder_has(t->mine, w, n) && !mtd_builder_has(t->other, w, n);
}

static int compile_variants(const char *us_list, const char *gb_list, const char *us_out, const char *gb_out) {
    mtd_builder *us = mtd_builder_new(), *gb = mtd_builder_new();
    mtd_builder *vus = mtd_builder_new(), *vgb = mtd_builder_new(), *keys = mtd_builder_new();
    int rc = 0;
    char err[512] = "";
    if (!read_list(us_list, us, false) || !read_list(gb_list, gb, false)) {
        fprintf(stderr, "mtlint-dictc: cannot read %s or %s\n", us_list, gb_list);
        rc = 1;
    }
    FILE *f = rc ? NULL : fopen(gb_list, "r");
    if (f) {
        two_lists us_only = {us, gb};
        char *line = NULL;
        size_t cap = 0;
        while (getline(&line, &cap, f) >= 0) {
            size_t n = strcspn(line, "\r\n");
            if (!n || n > 255 || mtd_builder_has(us, line, n)) continue; /* not British only */
            char form[300];
            size_t m = dia_form(line, n, only_in, &us_only, form, sizeof form);
            if (!m) continue;
            add_with_case(vgb, line, n);
            add_with_case(vus, form, m);
        }
        free(line);
        fclose(f);
    }
    if (!rc && (!mtd_builder_write(vus, keys, us_out, us_list, gb_list, err, sizeof err) ||
                !mtd_builder_write(vgb, keys, gb_out, us_list, gb_list, err, sizeof err))) {
        fprintf(stderr, "mtlint-dictc: %s\n", err);
        rc = 1;
    }
    if (!rc)
        printf("  DICT    %s, %s: %zu and %zu variant forms\n", us_out, gb_out, mtd_builder_count(vus),
               mtd_builder_count(vgb));
    mtd_builder *all[] = {us, gb, vus, vgb, keys};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) mtd_builder_free(all[i]);
    return rc;
}

int main(int argc, char **argv) {
    bool all_maybe = false, yes_only = false;
    const char *skip = "";
    if (argc >= 2 && strcmp(argv[1], "--list") == 0) return argc == 4 ? compile_list(argv[2], argv[3]) : usage();
    if (argc >= 2 && strcmp(argv[1], "--variants") == 0)
        return argc == 6 ? compile_variants(argv[2], argv[3], argv[4], argv[5]) : usage();
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--all-maybe") == 0) all_maybe = true;
        else if (strcmp(argv[i], "--yes-only") == 0) yes_only = true;
        else if (strcmp(argv[i], "--maybe") == 0 && i + 1 < argc) skip = argv[++i];
        else return usage();
    }
    if (argc - i != 4) return usage();
    const char *aff = argv[i], *dic = argv[i + 1], *forms = argv[i + 2], *out = argv[i + 3];
    mtd_builder *b = mtd_builder_new();
    compiler c = {.forms = b, .rejected = mtd_builder_new(), .skip = skip};
    aff_info ai = {0};
    if (!read_aff(aff, b, &ai)) {
        fprintf(stderr, "mtlint-dictc: cannot read %s\n", aff);
        return 1;
    }
    /* Hunspell also accepts numbers ("1,000.5"), dotted abbreviations, and
     * maps the typographic apostrophe; blanks are trimmed. */
    static const char *const always[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                         ".", " ", "\t", "\xE2\x80\x99", NULL};
    for (size_t k = 0; always[k]; k++) mtd_builder_maybe_substr(b, always[k]);
    for (const char *s = skip; *s;) {
        int32_t k = 0, len = (int32_t)strlen(s);
        UChar32 ch;
        U8_NEXT(s, k, len, ch);
        (void)ch;
        char one[8] = {0};
        memcpy(one, s, (size_t)k);
        mtd_builder_maybe_substr(b, one);
        s += k;
    }
    if (!all_maybe) {
        c.h = Hunspell_create(aff, dic);
        const char *enc = Hunspell_get_dic_encoding(c.h);
        if (!enc || (ascii_strcasecmp(enc, "UTF-8") != 0 && ascii_strcasecmp(enc, "UTF8") != 0)) {
            fprintf(stderr, "mtlint-dictc: %s is not UTF-8 (%s): left to Hunspell\n", dic, enc ? enc : "?");
            all_maybe = true;
        }
    }
    mtd_builder *keys = mtd_builder_new();
    bool ok = read_dic(all_maybe ? NULL : &c, dic, &ai, b, keys);
    if (!all_maybe) {
        FILE *f = strcmp(forms, "-") == 0 ? stdin : fopen(forms, "r");
        if (!f) {
            fprintf(stderr, "mtlint-dictc: cannot read %s\n", forms);
            return 1;
        }
        char *line = NULL;
        size_t cap = 0;
        /* "form/FLAGS|": a form with the continuation classes unmunch did
         * not apply (tools/dict-forms.sh) */
        while (getline(&line, &cap, f) >= 0) candidate(&c, line, word_len(line));
        free(line);
        if (f != stdin) fclose(f);
    }
    uint32_t flags = 0;
    if (all_maybe || yes_only || ai.compound_any) flags |= MTD_ALL_MAYBE;
    if (!ai.has_break && !ai.forbidden) flags |= MTD_BREAK_DASH;
    /* COMPOUNDRULE with flags this reader cannot match to entries */
    bool any_rule = false;
    for (size_t k = 0; k < 256; k++) any_rule |= ai.rule_flags[k];
    if (any_rule && !ai.flag_simple) flags |= MTD_ALL_MAYBE;
    mtd_builder_set_flags(b, flags);
    char err[512];
    if (!ok || !mtd_builder_write(b, keys, out, aff, dic, err, sizeof err)) {
        fprintf(stderr, "mtlint-dictc: %s\n", ok ? err : "cannot read the .dic file");
        return 1;
    }
    printf("  DICT    %s: %zu forms (%zu Hunspell calls)%s\n", out, mtd_builder_count(b), c.spell_calls,
           flags & MTD_ALL_MAYBE ? ", unknown words left to Hunspell" : "");
    if (c.h) Hunspell_destroy(c.h);
    mtd_builder_free(c.rejected);
    mtd_builder_free(keys);
    mtd_builder_free(b);
    return 0;
}
