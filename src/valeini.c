/* valeini.c - .vale.ini: INI lines (`key = value`, `[glob]` sections,
 * `#` and `;` comments), read into what session.c merges. */
#include "valeini.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "ignore.h"
#include "util.h"

static char *trim(char *s) {
    while (*s && isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

static bool is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* MinAlertLevel and a rule's level: Vale's names; suggestion is info. */
static bool parse_level(const char *s, mtl_severity *out) {
    if (ascii_strcasecmp(s, "suggestion") == 0) {
        *out = MTL_INFO;
        return true;
    }
    return mtl_severity_parse(s, out);
}

typedef struct reader {
    vale_ini *v;
    mtl_diags *warnings;
    char *dir;                 /* the file's directory, with a trailing '/' */
    size_t line;
    struct { char **v; size_t n, cap; } vocab; /* names, resolved once StylesPath is known */
    size_t vocab_line;
} reader;

static void warn(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(reader *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *m = xvasprintf(fmt, ap);
    va_end(ap);
    mtl_diags_add(r->warnings, "%s:%zu: warning: %s", r->v->path, r->line, m);
    free(m);
}

/* Splits a comma list into trimmed, non-empty items. */
static void each_item(char *val, void (*fn)(reader *r, const char *item, void *arg), reader *r, void *arg) {
    char *save = NULL; /* workers read .vale.ini files at the same time: no strtok */
    for (char *tok = strtok_r(val, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *t = trim(tok);
        if (*t) fn(r, t, arg);
    }
}

static void add_style(reader *r, const char *item, void *arg) {
    vale_section *s = arg;
    (void)r;
    VEC_PUSH(s->styles, xstrdup(item));
}

static void add_vocab(reader *r, const char *item, void *arg) {
    (void)arg;
    VEC_PUSH(r->vocab, xstrdup(item));
    r->vocab_line = r->line;
}

/* Settings Vale has that mtlint reads no equivalent of: said once each. */
static const char *const IGNORED_KEYS[] = {
    "IgnoredClasses", "WordTemplate", "Packages", "NLPEndpoint",
    "Transform", "Lang", "CommentDelimiters",
};

/* Keys of a [glob] section only (Vale: "syntax-specific"). */
static const char *const SECTION_ONLY_KEYS[] = {"TokenIgnores", "BlockIgnores", "IgnorePatterns"};

/* A list of regular expressions: split on commas, "\," a comma inside one
 * (go-ini's reading of Vale's lists). One that does not compile is said
 * here, where its line is known, and left out. */
static void add_patterns(reader *r, const char *key, char *val, void *vec) {
    struct { char **v; size_t n, cap; } *out = vec;
    buf cur = {0};
    for (char *p = val;; p++) {
        if (*p == '\\' && p[1] == ',') {
            buf_putc(&cur, ',');
            p++;
            continue;
        }
        if (*p == ',' || !*p) {
            char *t = trim(cur.data ? cur.data : (char *)"");
            char err[512];
            if (*t && !ign_pattern_ok(t, key, err, sizeof err)) warn(r, "%s; ignored", err);
            else if (*t) VEC_PUSH(*out, xstrdup(t));
            buf_clear(&cur);
            if (!*p) break;
            continue;
        }
        buf_putc(&cur, *p);
    }
    buf_free(&cur);
}

/* IgnoredScopes and SkippedScopes: what mtlint does anyway (inline code
 * masked; code blocks and HTML not read as prose) needs no warning. */
typedef struct scope_key {
    const char *key;
    const char *const *same;
} scope_key;

static const scope_key SCOPE_KEYS[] = {
    {"IgnoredScopes", (const char *const[]){"code", "tt", NULL}},
    {"SkippedScopes", (const char *const[]){"script", "style", "pre", "figure", "code", NULL}},
};

static void scope_item(reader *r, const char *item, void *arg) {
    const scope_key *k = arg;
    for (const char *const *same = k->same; *same; same++)
        if (strcmp(*same, item) == 0) return;
    warn(r, "%s: scope '%s' is not supported by mtlint; ignored", k->key, item);
}

static void core_key(reader *r, const char *key, char *val) {
    vale_ini *v = r->v;
    for (size_t i = 0; i < sizeof SCOPE_KEYS / sizeof SCOPE_KEYS[0]; i++) {
        if (ascii_strcasecmp(key, SCOPE_KEYS[i].key) == 0) {
            each_item(val, scope_item, r, (void *)&SCOPE_KEYS[i]);
            return;
        }
    }
    if (ascii_strcasecmp(key, "StylesPath") == 0) {
        free(v->styles_path);
        v->styles_path = val[0] == '/' ? xstrdup(val) : xasprintf("%s%s", r->dir, val);
        for (size_t n = strlen(v->styles_path); n > 1 && v->styles_path[n - 1] == '/'; n--)
            v->styles_path[n - 1] = '\0';
        if (!is_dir(v->styles_path)) warn(r, "StylesPath '%s' is not a directory; no styles are loaded", val);
    } else if (ascii_strcasecmp(key, "MinAlertLevel") == 0) {
        if (parse_level(val, &v->min)) v->has_min = true;
        else warn(r, "MinAlertLevel must be suggestion, warning or error, not '%s'; ignored", val);
    } else if (ascii_strcasecmp(key, "Vocab") == 0) {
        each_item(val, add_vocab, r, NULL);
    } else {
        for (size_t i = 0; i < sizeof SECTION_ONLY_KEYS / sizeof SECTION_ONLY_KEYS[0]; i++) {
            if (ascii_strcasecmp(key, SECTION_ONLY_KEYS[i]) == 0) {
                warn(r, "%s belongs in a [glob] section (such as [*]); ignored", key);
                return;
            }
        }
        bool known = false;
        for (size_t i = 0; i < sizeof IGNORED_KEYS / sizeof IGNORED_KEYS[0] && !known; i++)
            known = ascii_strcasecmp(key, IGNORED_KEYS[i]) == 0;
        warn(r, known ? "%s is not supported by mtlint; ignored" : "unknown key '%s'; ignored", key);
    }
}

static void section_key(reader *r, vale_section *s, const char *key, char *val) {
    if (ascii_strcasecmp(key, "BasedOnStyles") == 0) {
        each_item(val, add_style, r, s);
        return;
    }
    if (ascii_strcasecmp(key, "Vocab") == 0) {
        each_item(val, add_vocab, r, NULL); /* applied to every file, not only this section's */
        return;
    }
    if (ascii_strcasecmp(key, "TokenIgnores") == 0) {
        add_patterns(r, "TokenIgnores", val, &s->token_ignores);
        return;
    }
    if (ascii_strcasecmp(key, "BlockIgnores") == 0 || ascii_strcasecmp(key, "IgnorePatterns") == 0) {
        add_patterns(r, "BlockIgnores", val, &s->block_ignores);
        return;
    }
    if (!strchr(key, '.')) {
        core_key(r, key, val); /* its own warning: a core key has no place in a section */
        return;
    }
    vale_rule vr = {.where = xasprintf("%s:%zu:1", r->v->path, r->line)};
    if (ascii_strcasecmp(val, "YES") == 0) vr.on = true;
    else if (ascii_strcasecmp(val, "NO") == 0) vr.off = true;
    else if (!parse_level(val, &vr.level)) {
        warn(r, "%s must be YES, NO, suggestion, warning or error, not '%s'; ignored", key, val);
        free(vr.where);
        return;
    }
    vr.id = xstrdup(key);
    VEC_PUSH(s->rules, vr);
}

/* Vale 3 keeps vocabularies in <StylesPath>/config/vocabularies/<Name>/,
 * Vale 2 in <StylesPath>/Vocab/<Name>/. */
static void resolve_vocab(reader *r) {
    vale_ini *v = r->v;
    r->line = r->vocab_line;
    for (size_t i = 0; i < r->vocab.n; i++) {
        static const char *const layouts[] = {"config/vocabularies", "Vocab"};
        bool found = false;
        for (size_t k = 0; k < 2 && !found && v->styles_path; k++) {
            char *base = xasprintf("%s/%s/%s", v->styles_path, layouts[k], r->vocab.v[i]);
            char *acc = xasprintf("%s/accept.txt", base), *rej = xasprintf("%s/reject.txt", base);
            if (is_dir(base)) {
                found = true;
                if (is_file(acc)) {
                    VEC_PUSH(v->vocab_words, acc);
                    acc = NULL;
                }
                if (is_file(rej)) {
                    VEC_PUSH(v->vocab_reject, rej);
                    rej = NULL;
                }
            }
            free(base);
            free(acc);
            free(rej);
        }
        if (!found) warn(r, "Vocab %s: no such vocabulary under StylesPath; ignored", r->vocab.v[i]);
    }
}

bool vale_ini_load(const char *path, vale_ini *v, mtl_diags *warnings) {
    memset(v, 0, sizeof *v);
    v->path = xstrdup(path);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        mtl_diags_add(warnings, "%s: warning: cannot read: %s; ignored", path, strerror(errno));
        return false;
    }
    reader r = {.v = v, .warnings = warnings};
    const char *slash = strrchr(path, '/');
    r.dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup("");
    vale_section *sec = NULL;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0) {
        r.line++;
        char *l = trim(line);
        if (!*l || *l == '#' || *l == ';') continue;
        if (*l == '[') {
            char *end = strrchr(l, ']');
            if (!end) {
                warn(&r, "a section header needs a closing ']'; the lines up to the next section are ignored");
                sec = NULL;
                continue;
            }
            *end = '\0';
            vale_section s = {.glob = xstrdup(trim(l + 1))};
            VEC_PUSH(v->sections, s);
            sec = &v->sections.v[v->sections.n - 1];
            continue;
        }
        char *eq = strchr(l, '=');
        if (!eq) {
            warn(&r, "expected 'key = value'; ignored");
            continue;
        }
        *eq = '\0';
        char *key = trim(l), *val = trim(eq + 1);
        if (sec) section_key(&r, sec, key, val);
        else if (v->sections.n == 0) core_key(&r, key, val);
        /* else: the lines of a broken section header, already warned about */
    }
    free(line);
    fclose(fp);
    resolve_vocab(&r);
    VEC_FREE_ALL(r.vocab);
    free(r.dir);
    return true;
}

void vale_ini_free(vale_ini *v) {
    for (size_t i = 0; i < v->sections.n; i++) {
        vale_section *s = &v->sections.v[i];
        free(s->glob);
        VEC_FREE_ALL(s->styles);
        for (size_t k = 0; k < s->rules.n; k++) {
            free(s->rules.v[k].id);
            free(s->rules.v[k].where);
        }
        VEC_FREE(s->rules);
        VEC_FREE_ALL(s->token_ignores);
        VEC_FREE_ALL(s->block_ignores);
    }
    VEC_FREE(v->sections);
    VEC_FREE_ALL(v->vocab_words);
    VEC_FREE_ALL(v->vocab_reject);
    free(v->styles_path);
    free(v->path);
    memset(v, 0, sizeof *v);
}

char *vale_ini_find(const char *dir) {
    static const char *const names[] = {".vale.ini", "_vale.ini", NULL};
    return config_find_named(dir, names);
}

/* fnmatch over each expansion of the first {a,b,...} (recursively for
 * the others). */
static bool glob_one(const char *glob, const char *name) {
    const char *open = strchr(glob, '{');
    const char *close = open ? strchr(open, '}') : NULL;
    if (!open || !close) return fnmatch(glob, name, 0) == 0;
    const char *alt = open + 1;
    for (;;) {
        const char *end = alt;
        while (end < close && *end != ',') end++;
        char *g = xasprintf("%.*s%.*s%s", (int)(open - glob), glob, (int)(end - alt), alt, close + 1);
        bool hit = glob_one(g, name);
        free(g);
        if (hit) return true;
        if (end >= close) return false;
        alt = end + 1;
    }
}

bool vale_glob_match(const char *glob, const char *path) {
    const char *base = strrchr(path, '/');
    return glob_one(glob, path) || (base && glob_one(glob, base + 1));
}
