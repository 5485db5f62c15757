/* rules_spell.c - Vale's `spelling` rules: which dictionaries a rule reads
 * (dicpath, dictionaries, append, aff/dic), its `ignore` word files, its
 * `filters` (and Vale's default ones unless `custom: true`), and the
 * vocabularies' accepted terms, which are exceptions of every spelling
 * rule as in Vale.
 *
 * A rule that names no dictionary of its own reads the default one: the
 * spelling pass's English speller, shared through check_ctx, so its
 * compiled tables and verdict cache serve both. A rule's own dictionaries
 * are opened once per distinct list and shared between rules. Paths are
 * resolved as Vale resolves them: absolute, else against the styles
 * directory (the directory above the rule's style), else against the
 * current directory; word files also under <styles>/config/ignore. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uchar.h>

#include "rules_impl.h"
#include "spell.h"

struct rspell {
    size_t own;            /* 1 + the rule's dictionaries in rules_state.spellers (a fork has its
                            * own speller there); 0: the default one */
    bool with_default;     /* append: the default dictionary accepts too */
    bool std_filters;      /* Vale's default filters (not custom) */
    strvec ignore;         /* words of the ignore files, sorted */
    struct { rx *v; size_t n, cap; } filters;
    rx vocab;              /* one-word accepted terms: (?i)\b(?:t1|t2...)\b */
    rx phrases;            /* accepted terms of several words, masked before the words are read */
};

static bool is_dir(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool is_file(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The styles directory of a rule file: <styles>/<Style>/<Rule>.yml. */
static char *styles_dir(const char *path) {
    char *d = xstrdup(path);
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(d, '/');
        if (slash) *slash = '\0';
        else {
            free(d);
            return xstrdup(up ? "." : "..");
        }
    }
    if (!*d) {
        free(d);
        return xstrdup("/");
    }
    return d;
}

/* Where a relative path given in a rule may be: the path itself (absolute,
 * or from the current directory), then under each base. Returns the first
 * that passes test, malloc'd, or NULL. */
static char *resolve(const char *p, const char *const *bases, size_t nbases, bool (*test)(const char *)) {
    if (p[0] == '/') return test(p) ? xstrdup(p) : NULL;
    for (size_t i = 0; i < nbases; i++) {
        char *c = xasprintf("%s/%s", bases[i], p);
        if (test(c)) return c;
        free(c);
    }
    return test(p) ? xstrdup(p) : NULL;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A word list: one word a line; blank lines and '#' comments skipped. */
static bool read_words(rspell *s, const char *path, char *err, size_t errlen) {
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s", strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        while (n > 0 && ascii_isspace((unsigned char)line[n - 1])) line[--n] = '\0';
        char *t = line;
        while (*t && ascii_isspace((unsigned char)*t)) t++;
        if (*t && *t != '#') VEC_PUSH(s->ignore, xstrdup(t));
    }
    free(line);
    fclose(fp);
    return true;
}

/* The speller of a list of dictionaries, opened once for every rule:
 * 1 + its index in st->spellers, 0 when it cannot be opened. */
static size_t speller_for(rules_state *st, const char *const *names, mtl_diags *diags) {
    buf key = {0};
    for (const char *const *n = names; *n; n++) buf_printf(&key, "%s\n", *n);
    for (size_t i = 0; i < st->spellers.n; i++) {
        if (strcmp(st->spellers.v[i].key, key.data) == 0) {
            buf_free(&key);
            return i + 1;
        }
    }
    spell_options o = {.names = names};
    struct speller *sp = spell_open(&o, diags);
    if (!sp) {
        buf_free(&key);
        return 0;
    }
    rspeller e = {buf_steal(&key), sp};
    VEC_PUSH(st->spellers, e);
    return st->spellers.n;
}

/* The dictionary paths of the rule, as spell_find takes them (a path
 * without extension, or a name searched in DICPATH and the system
 * directories). Returns false after reporting what cannot be found. */
static bool dictionaries(rules_state *st, rule *r, rfile *f, const char *styles, strvec *out, bool *shared) {
    /* aff and dic given together: that pair, as Vale */
    if (r->aff.s && r->dic.s) {
        const char *bases[2] = {styles, NULL};
        char *dd = xasprintf("%s/config/dictionaries", styles);
        bases[1] = dd;
        char *aff = resolve(r->aff.s, bases, 2, is_file), *dic = resolve(r->dic.s, bases, 2, is_file);
        free(dd);
        if (aff && dic) {
            size_t n = strlen(dic);
            if (n > 4 && strcmp(dic + n - 4, ".dic") == 0) dic[n - 4] = '\0';
            free(aff);
            if (!strchr(dic, '/')) { /* spell_find reads a bare word as a name */
                char *p = xasprintf("./%s", dic);
                free(dic);
                dic = p;
            }
            VEC_PUSH(*out, dic);
            return true;
        }
        free(aff);
        free(dic);
    }
    char *dir = NULL;
    if (r->dicpath.s) {
        const char *bases[1] = {styles};
        dir = resolve(r->dicpath.s, bases, 1, is_dir);
        if (!dir) {
            rfile_error(f, &r->dicpath.at, NULL, 0, "unable to resolve dicpath '%s' (absolute, under %s, or "
                        "under the current directory)", r->dicpath.s, styles);
            return false;
        }
    } else {
        dir = xasprintf("%s/config/dictionaries", styles);
    }
    bool ok = true;
    for (size_t i = 0; i < r->dictionaries.n; i++) {
        const rstr *nm = &r->dictionaries.v[i];
        char *base = xasprintf("%s/%s", dir, nm->s);
        char *aff = xasprintf("%s.aff", base), *dic = xasprintf("%s.dic", base);
        bool here = is_file(aff) && is_file(dic);
        free(aff);
        free(dic);
        if (here) {
            if (!strchr(base, '/')) {
                char *p = xasprintf("./%s", base);
                free(base);
                base = p;
            }
            VEC_PUSH(*out, base);
            continue;
        }
        free(base);
        if (r->dicpath.s) {
            rfile_error(f, &nm->at, NULL, 0, "dictionary '%s' not found in dicpath %s (%s.aff and %s.dic)",
                        nm->s, dir, nm->s, nm->s);
            ok = false;
        } else if (strcmp(nm->s, st->dict_name) == 0) {
            *shared = true; /* the spelling pass's own: its speller, tables and cache */
        } else {
            VEC_PUSH(*out, xstrdup(nm->s)); /* installed dictionaries, as mtlint finds them */
        }
    }
    free(dir);
    return ok;
}

static bool compile_rx(rules_state *st, rx *out, const char *pat, uint32_t opts, char *err, size_t errlen) {
    int code;
    PCRE2_SIZE off;
    out->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | opts, &code, &off, NULL);
    if (!out->code) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errlen, "%s at offset %zu", (const char *)msg, (size_t)off);
        return false;
    }
    if (st->jit) out->jit = pcre2_jit_compile(out->code, PCRE2_JIT_COMPLETE) == 0;
    uint32_t caps = 0; /* the match data must hold its groups, or a match reads as none */
    pcre2_pattern_info(out->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > st->ovec_pairs) st->ovec_pairs = caps + 1;
    return true;
}

/* The vocabularies' accepted terms: whole words, in any case, as Vale's
 * spelling rules take them; terms of several words as phrases. */
static void compile_vocab(rules_state *st, rspell *s) {
    buf one = {0}, many = {0};
    for (size_t i = 0; i < st->vocab.n; i++) {
        const char *t = st->vocab.v[i];
        buf *b = strchr(t, ' ') ? &many : &one;
        buf_puts(b, b->len ? "|(?:" : "(?:");
        buf_puts(b, t);
        buf_puts(b, ")");
    }
    char err[256];
    if (one.len) {
        char *p = xasprintf("\\b(?:%s)\\b", one.data);
        if (!compile_rx(st, &s->vocab, p, PCRE2_CASELESS, err, sizeof err)) s->vocab.code = NULL;
        free(p);
    }
    if (many.len) {
        char *p = xasprintf("\\b(?:%s)\\b", many.data);
        if (!compile_rx(st, &s->phrases, p, PCRE2_CASELESS, err, sizeof err)) s->phrases.code = NULL;
        free(p);
    }
    buf_free(&one);
    buf_free(&many);
}

bool rules_spell_load(rules_state *st, rule *r, rfile *f) {
    rspell *s = xcalloc(1, sizeof *s);
    r->spell = s;
    s->std_filters = !r->custom;
    bool ok = true;
    char err[256];
    for (size_t i = 0; i < r->filters.n; i++) {
        rx x = {0};
        if (!compile_rx(st, &x, r->filters.v[i].s, 0, err, sizeof err)) {
            rfile_error(f, &r->filters.v[i].at, NULL, 0, "bad regular expression in filters: %s", err);
            ok = false;
            continue;
        }
        x.line = (uint32_t)r->filters.v[i].at.line;
        VEC_PUSH(s->filters, x);
    }
    char *styles = styles_dir(r->path);
    char *ignore_dir = xasprintf("%s/config/ignore", styles);
    const char *bases[2] = {styles, ignore_dir};
    for (size_t i = 0; i < r->ignore.n; i++) {
        /* Vale reads every one of these that exists: the path itself
         * (absolute or from the current directory), then under the styles
         * directory and under its config/ignore */
        const char *name = r->ignore.v[i].s;
        char *cand[3] = {xstrdup(name), name[0] == '/' ? NULL : xasprintf("%s/%s", bases[0], name),
                         name[0] == '/' ? NULL : xasprintf("%s/%s", bases[1], name)};
        bool found = false;
        for (int k = 0; k < 3; k++) {
            if (!cand[k] || !is_file(cand[k])) continue;
            found = true;
            if (!read_words(s, cand[k], err, sizeof err)) {
                rfile_error(f, &r->ignore.v[i].at, NULL, 0, "cannot read ignore file %s: %s", cand[k], err);
                ok = false;
            }
        }
        if (!found)
            mtl_diags_add(&st->load_warnings, "%s:%zu:%zu: warning: ignore file '%s' not found (absolute, under %s "
                          "or %s); ignored", r->path, r->ignore.v[i].at.line, r->ignore.v[i].at.col, name, styles,
                          ignore_dir);
        for (int k = 0; k < 3; k++) free(cand[k]);
    }
    if (s->ignore.n > 1) qsort(s->ignore.v, s->ignore.n, sizeof *s->ignore.v, cmp_str);
    strvec names = {0};
    bool shared = false;
    if (!dictionaries(st, r, f, styles, &names, &shared)) ok = false;
    if (ok && names.n) {
        VEC_PUSH(names, NULL);
        mtl_diags d = {0};
        s->own = speller_for(st, (const char *const *)names.v, &d);
        for (size_t i = 0; i < d.n; i++) rfile_error(f, &r->at, NULL, 0, "%s", d.msg[i]);
        if (!s->own) ok = false;
        mtl_diags_free(&d);
        names.n--;
    }
    s->with_default = !names.n || r->append || shared;
    if (s->with_default && st->no_spell)
        mtl_diags_add(&st->load_warnings, "%s:%zu:%zu: warning: spelling rule %s reads mtlint's English dictionary, "
                      "which --no-spell turns off; the rule does not run", r->path, r->at.line, r->at.col, r->id);
    strvec_free_all(&names);
    compile_vocab(st, s);
    free(styles);
    free(ignore_dir);
    return ok;
}

void rules_spell_free(rspell *s) {
    if (!s) return;
    strvec_free_all(&s->ignore);
    for (size_t i = 0; i < s->filters.n; i++) rx_free(&s->filters.v[i]);
    VEC_FREE(s->filters);
    rx_free(&s->vocab);
    rx_free(&s->phrases);
    free(s); /* the spellers belong to rules_state */
}

void rules_spell_settle(rspell *s) {
    for (size_t i = 0; i < s->filters.n; i++) rx_settle(&s->filters.v[i]);
    rx_settle(&s->vocab);
    rx_settle(&s->phrases);
}

bool rules_spell_default(const rule *r) { return r->spell && r->spell->with_default; }

struct speller *rules_spell_speller(const rules_state *st, const rule *r, struct speller *shared) {
    return r->spell && r->spell->own ? st->spellers.v[r->spell->own - 1].sp : shared;
}

static bool ascii_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool rules_spell_std_filtered(const char *w, size_t n) {
    size_t i = 0;
    int32_t last = 0;
    while (i < n) {
        int32_t c = u8_decode(w, n, &i);
        if (c < 0) return true;
        if (!u_isalpha(c) && c != '_' && c != '\'') return true;
        last = c;
    }
    if (u_isupper(last)) return true;
    /* [A-Z][a-z]+[A-Z]+\w+: the capitals' run may give its last one to \w+,
     * so two capitals end a match alone */
    for (size_t k = 0; k < n; k++) {
        if (!(w[k] >= 'A' && w[k] <= 'Z')) continue;
        size_t j = k + 1, lo = 0, up = 0;
        while (j < n && w[j] >= 'a' && w[j] <= 'z') { j++; lo++; }
        while (j < n && w[j] >= 'A' && w[j] <= 'Z') { j++; up++; }
        if (lo && (up >= 2 || (up == 1 && j < n && ascii_word(w[j])))) return true;
    }
    return false;
}

/* A word of an ignore file accepts itself, and, as a dictionary word
 * does, its capitalized and all-capital forms when written in lower case,
 * its all-capital form when capitalized. */
static bool ignored(const rspell *s, const char *w, size_t n) {
    if (!s->ignore.n) return false;
    char low[256], cap[256];
    if (n >= sizeof low) return false;
    bool all_up = true;
    for (size_t i = 0; i < n; i++) {
        low[i] = (char)ascii_tolower((unsigned char)w[i]);
        if (w[i] >= 'a' && w[i] <= 'z') all_up = false;
    }
    low[n] = '\0';
    memcpy(cap, low, n + 1);
    if (n && cap[0] >= 'a' && cap[0] <= 'z') cap[0] = (char)(cap[0] - 32);
    char exact[256];
    memcpy(exact, w, n);
    exact[n] = '\0';
    const char *tries[3] = {exact, low, cap};
    for (int t = 0; t < 3; t++) {
        const char *key = tries[t];
        char **hit = bsearch(&key, s->ignore.v, s->ignore.n, sizeof *s->ignore.v, cmp_str);
        if (!hit) continue;
        if (t == 0) return true;
        if (t == 1 && (n == 0 || !(w[0] >= 'a' && w[0] <= 'z'))) return true; /* "Word", "WORD" of "word" */
        if (t == 2 && all_up) return true; /* "WORD" of "Word" */
    }
    /* a capitalized entry with capitals inside ("OpenID") in capitals */
    if (all_up) {
        for (size_t i = 0; i < s->ignore.n; i++) {
            const char *e = s->ignore.v[i];
            if (strlen(e) == n && ascii_strncasecmp(e, w, n) == 0) return true;
        }
    }
    return false;
}

bool rules_spell_ok(rules_state *st, rule *r, struct speller *shared, const char *w, size_t n) {
    rspell *s = r->spell;
    if (!s || n == 0) return true;
    if (s->std_filters && rules_spell_std_filtered(w, n)) return true;
    for (size_t i = 0; i < s->filters.n; i++)
        if (rx_match(st, &s->filters.v[i], w, n, 0) > 0) return true;
    if (s->vocab.code && rx_match(st, &s->vocab, w, n, 0) > 0) return true;
    if (ignored(s, w, n)) return true;
    if (s->own && spell_known(st->spellers.v[s->own - 1].sp, w, n)) return true;
    if (s->with_default) return !shared || spell_known(shared, w, n);
    return false;
}

bool rules_spell_phrase(rules_state *st, rule *r, const char *subj, size_t len, size_t from, size_t *ms,
                        size_t *me) {
    rspell *s = r->spell;
    if (!s || !s->phrases.code || rx_match(st, &s->phrases, subj, len, from) <= 0) return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
    *ms = ov[0];
    *me = ov[1];
    return *me > *ms;
}
