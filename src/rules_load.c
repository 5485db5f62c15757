/* rules_load.c - rule files (YAML, Vale's schema plus mtlint's keys) into
 * rule structs. Every problem is reported as "path:line:col: message" with
 * the position of the offending key or value, and loading goes on so that
 * one run shows every error of every file. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rules_cache.h"
#include "rules_impl.h"

typedef struct rerror {
    size_t line, col, seq;
    char *msg;
} rerror;

struct rfile {
    const char *path;
    char *text;
    size_t len;
    struct { size_t *v; size_t n, cap; } lines; /* byte offset of each line start */
    mtl_diags *diags;
    struct { rerror *v; size_t n, cap; } errs;  /* reported in file order at the end */
    size_t nerr;
    bool strict;                                /* unsupported features are errors */
    bool dq_quotes;                             /* \' in double quotes was read as a quote (parse_yaml) */
    bool skip;                                  /* the rule needs something mtlint lacks: left out */
    mtl_diags *warnings;
    struct { rerror *v; size_t n, cap; } warns; /* likewise */
};

/* ---- positions ---- */

static void rfile_lines(rfile *f) {
    VEC_PUSH(f->lines, 0);
    for (const char *p = f->text, *end = f->text + f->len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        VEC_PUSH(f->lines, (size_t)(p - f->text) + 1);
}

static void pos_of_offset(const rfile *f, size_t off, size_t *line, size_t *col) {
    size_t lo = 0, hi = f->lines.n; /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->lines.v[mid] <= off) lo = mid; else hi = mid;
    }
    *line = lo + 1;
    *col = u8_count(f->text + f->lines.v[lo], off - f->lines.v[lo]) + 1;
}

/* Byte offset of a libyaml mark: its line and its column, which libyaml
 * counts in characters, not bytes. */
static size_t mark_offset(const rfile *f, yaml_mark_t m) {
    if (m.line >= f->lines.n) return f->len;
    size_t i = f->lines.v[m.line], c = 0;
    /* eight bytes at a time while they are ASCII and no line break: a
     * column each (a rule file has thousands of scalars) */
    while (m.column - c >= 8 && f->len - i >= 8) {
        uint64_t w, nl;
        memcpy(&w, f->text + i, 8);
        nl = w ^ 0x0a0a0a0a0a0a0a0aULL;
        if ((w & 0x8080808080808080ULL) || ((nl - 0x0101010101010101ULL) & ~nl & 0x8080808080808080ULL)) break;
        i += 8;
        c += 8;
    }
    for (; c < m.column && i < f->len && f->text[i] != '\n'; c++) {
        if ((unsigned char)f->text[i] < 0x80) i++; /* most rule text is ASCII */
        else u8_decode(f->text, f->len, &i);
    }
    return i;
}

static rsrc node_src(const rfile *f, const yaml_node_t *n) {
    rsrc at = {.off = mark_offset(f, n->start_mark), .line = n->start_mark.line + 1,
               .col = n->start_mark.column + 1, .style = 0};
    if (n->type == YAML_SCALAR_NODE) at.style = (int)n->data.scalar.style;
    return at;
}

static bool is_break(char c) { return c == '\n' || c == '\r'; }

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

/* Source bytes and value bytes of the double-quoted escape at t[p] ('\\'). */
static void dq_escape(const char *t, size_t n, size_t p, size_t *slen, size_t *vlen) {
    char e = p + 1 < n ? t[p + 1] : 0;
    int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    *slen = 2;
    *vlen = 1;
    if (digits) {
        int32_t cp = 0;
        for (int k = 0; k < digits && p + 2 + (size_t)k < n; k++) {
            int h = hexval(t[p + 2 + k]);
            if (h < 0) break;
            cp = cp * 16 + h;
        }
        char tmp[4];
        *slen = 2 + (size_t)digits;
        *vlen = u8_encode(cp, tmp);
    } else if (e == 'N' || e == '_') {
        *vlen = 2; /* U+0085, U+00A0 */
    } else if (e == 'L' || e == 'P') {
        *vlen = 3; /* U+2028, U+2029 */
    } else if (is_break(e)) {
        /* an escaped line break joins the lines: nothing in the value */
        size_t q = p + 1;
        while (q < n && is_break(t[q])) q++;
        while (q < n && ascii_isblank(t[q])) q++;
        *slen = q - p;
        *vlen = 0;
    }
}

/* File offset of byte voff of a scalar's value. Exact for single-line
 * plain, single- and double-quoted scalars and for literal blocks; for
 * folded line breaks (multi-line flow scalars, '>' blocks) the walk skips
 * the white space on both sides, which is right unless trailing blanks or
 * more-indented lines change the folding: then it is approximate. */
static size_t value_offset(const rfile *f, const rsrc *at, const char *val, size_t voff) {
    const char *t = f->text;
    size_t n = f->len, p = at->off, v = 0;
    size_t vlen = strlen(val);
    if (voff > vlen) voff = vlen;
    if (at->style == YAML_LITERAL_SCALAR_STYLE || at->style == YAML_FOLDED_SCALAR_STYLE) {
        /* the end of a block's value is the end of its last line, not the
         * start of the line after it */
        if (voff && voff == vlen && val[vlen - 1] == '\n') voff--;
        while (p < n && t[p] != '\n') p++; /* header line */
        if (p < n) p++;
        size_t indent = 0;
        for (size_t q = p; q < n; q++) { /* indentation of the first non-empty line */
            if (t[q] == ' ') { indent++; continue; }
            if (t[q] == '\n') { indent = 0; continue; }
            break;
        }
        while (p < n && v < voff) {
            size_t k = 0;
            while (k < indent && p < n && t[p] == ' ') { p++; k++; }
            while (p < n && t[p] != '\n' && v < voff) { p++; v++; }
            if (v < voff && p < n) { p++; v++; } /* the line break */
        }
        return p;
    }
    bool single = at->style == YAML_SINGLE_QUOTED_SCALAR_STYLE;
    bool dbl = at->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (single || dbl) p++;
    while (p < n && v < voff) {
        char c = t[p];
        if (single && c == '\'' && p + 1 < n && t[p + 1] == '\'') { p += 2; v++; continue; }
        if (dbl && c == '\\') {
            size_t sl, vl;
            dq_escape(t, n, p, &sl, &vl);
            if (v + vl > voff) break; /* inside this escape: point at it */
            p += sl;
            v += vl;
            continue;
        }
        if (is_break(c)) { /* folded line break */
            while (p < n && (ascii_isblank(t[p]) || is_break(t[p]))) p++;
            while (v < voff && (val[v] == ' ' || val[v] == '\n')) v++;
            continue;
        }
        p++;
        v++;
    }
    return p;
}

static void rfile_verror(rfile *f, size_t line, size_t col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void rfile_verror(rfile *f, size_t line, size_t col, const char *fmt, va_list ap) {
    rerror e = {line, col, f->errs.n, xvasprintf(fmt, ap)};
    VEC_PUSH(f->errs, e);
    f->nerr++;
}

static int cmp_rerror(const void *a, const void *b) {
    const rerror *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void flush_list(rfile *f, rerror *v, size_t n, mtl_diags *to, const char *prefix) {
    if (n > 1) qsort(v, n, sizeof *v, cmp_rerror);
    for (size_t i = 0; i < n; i++) {
        mtl_diags_add(to, "%s:%zu:%zu: %s%s", f->path, v[i].line, v[i].col, prefix, v[i].msg);
        free(v[i].msg);
    }
}

/* The file's errors and warnings, each in the order of their positions. */
static void rfile_flush(rfile *f) {
    flush_list(f, f->warns.v, f->warns.n, f->warnings, "warning: ");
    flush_list(f, f->errs.v, f->errs.n, f->diags, "");
    VEC_FREE(f->warns);
    VEC_FREE(f->errs);
}

/* then: what happens instead, said in the warning; NULL: the rule is
 * skipped. With --strict-rules the message alone is an error. */
static void rfile_vunsupported(rfile *f, const char *then, size_t line, size_t col, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
static void rfile_vunsupported(rfile *f, const char *then, size_t line, size_t col, const char *fmt, va_list ap) {
    if (f->strict) {
        rfile_verror(f, line, col, fmt, ap);
        return;
    }
    char *m = xvasprintf(fmt, ap);
    rerror w = {line, col, f->warns.n, xasprintf("%s; %s", m, then ? then : "the rule is skipped")};
    free(m);
    VEC_PUSH(f->warns, w);
    if (!then) f->skip = true;
}

void rfile_unsupported(rfile *f, const char *then, const rsrc *at, const char *value, size_t voff,
                       const char *fmt, ...) {
    size_t line = at->line, col = at->col;
    if (value) pos_of_offset(f, value_offset(f, at, value, voff), &line, &col);
    va_list ap;
    va_start(ap, fmt);
    rfile_vunsupported(f, then, line, col, fmt, ap);
    va_end(ap);
}

static void node_unsupported(rfile *f, const char *then, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void node_unsupported(rfile *f, const char *then, const yaml_node_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rfile_vunsupported(f, then, n->start_mark.line + 1, n->start_mark.column + 1, fmt, ap);
    va_end(ap);
}

void rfile_error(rfile *f, const rsrc *at, const char *value, size_t voff, const char *fmt, ...) {
    size_t line = at->line, col = at->col;
    if (value) pos_of_offset(f, value_offset(f, at, value, voff), &line, &col);
    va_list ap;
    va_start(ap, fmt);
    rfile_verror(f, line, col, fmt, ap);
    va_end(ap);
}

static void node_error(rfile *f, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void node_error(rfile *f, const yaml_node_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rfile_verror(f, n->start_mark.line + 1, n->start_mark.column + 1, fmt, ap);
    va_end(ap);
}

/* ---- typed values ---- */

typedef struct yctx {
    rfile *f;
    yaml_document_t *doc;
    rule *r;
    bool kind_known;   /* extends was valid: the patterns can be checked */
} yctx;

static const char *scalar(const yaml_node_t *n) { return (const char *)n->data.scalar.value; }

static bool want_scalar(yctx *y, const yaml_node_t *n, const char *key) {
    if (n->type == YAML_SCALAR_NODE) return true;
    node_error(y->f, n, "'%s' must be a single value, not a %s", key,
               n->type == YAML_SEQUENCE_NODE ? "list" : "map");
    return false;
}

static bool get_str(yctx *y, const yaml_node_t *n, const char *key, rstr *out) {
    if (!want_scalar(y, n, key)) return false;
    free(out->s);
    out->s = xstrndup(scalar(n), n->data.scalar.length);
    out->len = n->data.scalar.length;
    out->at = node_src(y->f, n);
    if (y->f->dq_quotes && out->at.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) /* see parse_yaml */
        for (char *c = out->s; (c = memchr(c, '\a', out->len - (size_t)(c - out->s))); c++) *c = '\'';
    if (strlen(out->s) != out->len) {
        node_error(y->f, n, "'%s' contains a NUL character", key);
        return false;
    }
    return true;
}

static bool get_text(yctx *y, const yaml_node_t *n, const char *key, char **out) {
    rstr s = {0};
    if (!get_str(y, n, key, &s)) { free(s.s); return false; }
    free(*out);
    *out = s.s;
    return true;
}

static bool get_bool(yctx *y, const yaml_node_t *n, const char *key, bool *out) {
    if (!want_scalar(y, n, key)) return false;
    const char *s = scalar(n);
    if (ascii_strcasecmp(s, "true") == 0) *out = true;
    else if (ascii_strcasecmp(s, "false") == 0) *out = false;
    else {
        node_error(y->f, n, "'%s' must be true or false, not '%s'", key, s);
        return false;
    }
    return true;
}

static bool get_long(yctx *y, const yaml_node_t *n, const char *key, long *out) {
    if (!want_scalar(y, n, key)) return false;
    const char *s = scalar(n);
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < 0) {
        node_error(y->f, n, "'%s' must be a whole number >= 0, not '%s'", key, s);
        return false;
    }
    *out = v;
    return true;
}

static bool get_double(yctx *y, const yaml_node_t *n, const char *key, double *out) {
    if (!want_scalar(y, n, key)) return false;
    const char *s = scalar(n);
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0 && v <= 1)) {
        node_error(y->f, n, "'%s' must be a number between 0 and 1, not '%s'", key, s);
        return false;
    }
    *out = v;
    return true;
}

/* A list of strings; a single value reads as a list of one (Vale does). */
static bool get_list(yctx *y, const yaml_node_t *n, const char *key, rstrvec *out) {
    if (n->type == YAML_SCALAR_NODE) {
        rstr s = {0};
        if (!get_str(y, n, key, &s)) { free(s.s); return false; }
        VEC_PUSH(*out, s);
        return true;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        node_error(y->f, n, "'%s' must be a list of strings", key);
        return false;
    }
    bool ok = true;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const yaml_node_t *e = yaml_document_get_node(y->doc, *it);
        rstr s = {0};
        if (e && e->type != YAML_SCALAR_NODE) {
            node_error(y->f, e, "the items of '%s' must be strings, not %s", key,
                       e->type == YAML_SEQUENCE_NODE ? "lists" : "maps");
            ok = false;
        } else if (e && get_str(y, e, key, &s)) {
            VEC_PUSH(*out, s);
        } else {
            free(s.s);
            ok = false;
        }
    }
    return ok;
}

static void rstrvec_free(rstrvec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->v[i].s);
    VEC_FREE(*v);
}

/* A map of strings to strings (swap, either), in file order. */
static bool get_pairs(yctx *y, const yaml_node_t *n, const char *key, bool value_required) {
    if (n->type != YAML_MAPPING_NODE) {
        node_error(y->f, n, "'%s' must be a map of 'observed: expected' pairs", key);
        return false;
    }
    bool ok = true;
    rule *r = y->r;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
        rentry e = {0};
        if (k && v && (k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)) {
            node_error(y->f, k->type != YAML_SCALAR_NODE ? k : v,
                       "the keys and values of '%s' must be strings", key);
            ok = false;
            continue;
        }
        if (!k || !v || !get_str(y, k, key, &e.pat) || !get_str(y, v, key, &e.val)) {
            free(e.pat.s);
            free(e.val.s);
            ok = false;
            continue;
        }
        bool dup = false;
        for (size_t i = 0; i < r->entries.n && !dup; i++) dup = strcmp(r->entries.v[i].pat.s, e.pat.s) == 0;
        if (dup || !*e.pat.s || (value_required && !*e.val.s)) {
            if (dup) node_error(y->f, k, "'%s' has '%s' twice", key, e.pat.s);
            else if (!*e.pat.s) node_error(y->f, k, "'%s' has an empty key", key);
            else node_error(y->f, v, "'%s' has an empty value for '%s'", key, e.pat.s);
            free(e.pat.s);
            free(e.val.s);
            ok = false;
            continue;
        }
        VEC_PUSH(r->entries, e);
    }
    return ok;
}

/* ---- keys ---- */

enum {
    K_EXTENDS, K_MESSAGE, K_LEVEL, K_SEVERITY, K_SCOPE, K_LINK, K_DESCRIPTION, K_ACTION,
    K_LIMIT, K_CATEGORY, K_SOURCE, K_EXAMPLES, K_VOCAB, K_IGNORECASE, K_NONWORD, K_TOKENS,
    K_RAW, K_APPEND, K_EXCEPTIONS, K_SWAP, K_CAPITALIZE, K_TOKEN, K_MAX, K_MIN, K_ALPHA,
    K_MATCH, K_STYLE, K_INDICATORS, K_THRESHOLD, K_FIRST, K_SECOND, K_EITHER, K_PREFIX,
    K_FORMULA, K_CONDITION, K_METRICS, K_GRADE, K_DICPATH, K_DICTIONARIES, K_IGNORE, K_FILTERS,
    K_CUSTOM, K_AFF, K_DIC
};

#define KB(k) (1u << (k))
#define KSEEN(k) (UINT64_C(1) << (k))
#define ALLK ((1u << RK_COUNT) - 1)

/* How a key's value is read: most go straight into a field of the rule
 * (at off); the rest need their own reading (parse_special). */
enum { KV_SPECIAL, KV_TEXT, KV_STR, KV_BOOL, KV_LONG, KV_DOUBLE, KV_LIST };

static const struct keydef {
    const char *name;
    int id;
    unsigned kinds;
    uint8_t how;
    size_t off;
} KEYS[] = {
    {"extends", K_EXTENDS, ALLK, KV_SPECIAL, 0},
    {"message", K_MESSAGE, ALLK, KV_TEXT, offsetof(rule, message)},
    {"level", K_LEVEL, ALLK, KV_SPECIAL, 0},
    {"severity", K_SEVERITY, ALLK, KV_SPECIAL, 0},
    {"scope", K_SCOPE, ALLK, KV_SPECIAL, 0},
    {"link", K_LINK, ALLK, KV_TEXT, offsetof(rule, link)},
    {"description", K_DESCRIPTION, ALLK, KV_TEXT, offsetof(rule, description)},
    {"action", K_ACTION, ALLK, KV_SPECIAL, 0},
    {"limit", K_LIMIT, ALLK, KV_LONG, offsetof(rule, limit)},
    {"category", K_CATEGORY, ALLK, KV_SPECIAL, 0},
    {"source", K_SOURCE, ALLK, KV_SPECIAL, 0},
    {"examples", K_EXAMPLES, ALLK, KV_SPECIAL, 0},
    {"vocab", K_VOCAB, KB(RK_EXISTENCE) | KB(RK_SUBSTITUTION) | KB(RK_REPETITION) |
                       KB(RK_CAPITALIZATION) | KB(RK_CONDITIONAL), KV_SPECIAL, 0},
    {"ignorecase", K_IGNORECASE, KB(RK_EXISTENCE) | KB(RK_SUBSTITUTION) | KB(RK_OCCURRENCE) |
                                 KB(RK_REPETITION) | KB(RK_CONDITIONAL) | KB(RK_CONSISTENCY) | KB(RK_SEQUENCE), KV_BOOL, offsetof(rule, ignorecase)},
    {"nonword", K_NONWORD, KB(RK_EXISTENCE) | KB(RK_SUBSTITUTION) | KB(RK_CONSISTENCY), KV_BOOL, offsetof(rule, nonword)},
    {"tokens", K_TOKENS, KB(RK_EXISTENCE) | KB(RK_REPETITION) | KB(RK_SEQUENCE), KV_SPECIAL, 0},
    {"raw", K_RAW, KB(RK_EXISTENCE), KV_LIST, offsetof(rule, raw)},
    {"append", K_APPEND, KB(RK_EXISTENCE) | KB(RK_SPELLING), KV_BOOL, offsetof(rule, append)},
    {"exceptions", K_EXCEPTIONS, KB(RK_EXISTENCE) | KB(RK_SUBSTITUTION) | KB(RK_REPETITION) |
                                 KB(RK_CAPITALIZATION) | KB(RK_CONDITIONAL), KV_LIST, offsetof(rule, exceptions)},
    {"swap", K_SWAP, KB(RK_SUBSTITUTION), KV_SPECIAL, 0},
    {"capitalize", K_CAPITALIZE, KB(RK_SUBSTITUTION), KV_SPECIAL, 0},
    {"token", K_TOKEN, KB(RK_OCCURRENCE), KV_STR, offsetof(rule, token)},
    {"max", K_MAX, KB(RK_OCCURRENCE) | KB(RK_REPETITION), KV_LONG, offsetof(rule, max)},
    {"min", K_MIN, KB(RK_OCCURRENCE), KV_LONG, offsetof(rule, min)},
    {"alpha", K_ALPHA, KB(RK_REPETITION), KV_BOOL, offsetof(rule, alpha)},
    {"match", K_MATCH, KB(RK_CAPITALIZATION), KV_STR, offsetof(rule, match)},
    {"style", K_STYLE, KB(RK_CAPITALIZATION), KV_SPECIAL, 0},
    {"indicators", K_INDICATORS, KB(RK_CAPITALIZATION), KV_LIST, offsetof(rule, indicators)},
    {"threshold", K_THRESHOLD, KB(RK_CAPITALIZATION), KV_DOUBLE, offsetof(rule, threshold)},
    {"prefix", K_PREFIX, KB(RK_CAPITALIZATION), KV_STR, offsetof(rule, prefix)},
    {"formula", K_FORMULA, KB(RK_METRIC), KV_STR, offsetof(rule, formula)},
    {"condition", K_CONDITION, KB(RK_METRIC), KV_STR, offsetof(rule, condition)},
    {"metrics", K_METRICS, KB(RK_READABILITY), KV_LIST, offsetof(rule, metrics)},
    {"grade", K_GRADE, KB(RK_READABILITY), KV_SPECIAL, 0},
    {"first", K_FIRST, KB(RK_CONDITIONAL), KV_STR, offsetof(rule, first)},
    {"second", K_SECOND, KB(RK_CONDITIONAL), KV_STR, offsetof(rule, second)},
    {"either", K_EITHER, KB(RK_CONSISTENCY), KV_SPECIAL, 0},
    {"dicpath", K_DICPATH, KB(RK_SPELLING), KV_STR, offsetof(rule, dicpath)},
    {"dictionaries", K_DICTIONARIES, KB(RK_SPELLING), KV_LIST, offsetof(rule, dictionaries)},
    {"ignore", K_IGNORE, KB(RK_SPELLING), KV_LIST, offsetof(rule, ignore)},
    {"filters", K_FILTERS, KB(RK_SPELLING), KV_LIST, offsetof(rule, filters)},
    {"custom", K_CUSTOM, KB(RK_SPELLING), KV_BOOL, offsetof(rule, custom)},
    {"aff", K_AFF, KB(RK_SPELLING), KV_STR, offsetof(rule, aff)},
    {"dic", K_DIC, KB(RK_SPELLING), KV_STR, offsetof(rule, dic)},
};

const char *const rules_kind_names[RK_COUNT] = {
    "existence", "substitution", "occurrence", "repetition",
    "capitalization", "conditional", "consistency", "metric", "readability",
    "spelling", "sequence",
};

/* Extension points Vale has and mtlint does not (yet). */
static const char *const VALE_ONLY_KINDS[] = {"script"};

/* ---- scopes ---- */

/* What a part of a scope does to its alternative. */
typedef enum { SP_OK, SP_ERROR, SP_UNSUPPORTED, SP_NEVER } scope_res;

/* Vale qualifies a scope by format (paragraph.md, text.html): the markup
 * a document must be read as for it to apply. mtlint reads Markdown, HTML
 * and plain text; the others (MTL_MARKUP_AUTO here) never apply. */
static const struct {
    const char *ext;
    mtl_markup markup;
} SCOPE_FORMATS[] = {
    {"md", MTL_MARKUP_MARKDOWN}, {"html", MTL_MARKUP_HTML}, {"txt", MTL_MARKUP_TEXT}, {"rst", MTL_MARKUP_AUTO},
    {"adoc", MTL_MARKUP_AUTO},   {"org", MTL_MARKUP_AUTO},   {"xml", MTL_MARKUP_AUTO}, {"dita", MTL_MARKUP_AUTO},
};

static scope_res scope_part(yctx *y, const rstr *src, size_t off, const char *part, size_t plen,
                            rjob *j, bool *saw_raw, size_t *nparts) {
    bool neg = plen && part[0] == '~';
    const char *name = part + neg;
    size_t nlen = plen - neg;
    unsigned kinds = 0, levels = RJOB_ALL_LEVELS;
    (*nparts)++;
    const char *dot = memchr(name, '.', nlen);
    for (const char *q = dot; q; q = memchr(q + 1, '.', nlen - (size_t)(q + 1 - name))) dot = q;
    for (size_t i = 0; dot && i < sizeof SCOPE_FORMATS / sizeof SCOPE_FORMATS[0]; i++) {
        size_t fl = nlen - (size_t)(dot + 1 - name);
        if (fl != strlen(SCOPE_FORMATS[i].ext) || memcmp(dot + 1, SCOPE_FORMATS[i].ext, fl) != 0) continue;
        mtl_markup m = SCOPE_FORMATS[i].markup;
        if (m == MTL_MARKUP_AUTO) return neg ? SP_OK : SP_NEVER; /* ~x.rst: nothing mtlint reads is reST */
        if (neg) return SP_UNSUPPORTED; /* ~paragraph.md: a negated format */
        if (j->only != MTL_MARKUP_AUTO && j->only != m) return SP_NEVER; /* text.md&text.html */
        j->only = m;
        nlen = (size_t)(dot - name);
        break;
    }
#define IS(lit) (nlen == sizeof(lit) - 1 && memcmp(name, lit, nlen) == 0)
    if (IS("text")) {
        kinds = RJOB_ALL_KINDS;
    } else if (IS("paragraph")) {
        kinds = (1u << BLOCK_PARAGRAPH) | (1u << BLOCK_QUOTE) | (1u << BLOCK_LIST_ITEM);
    } else if (IS("heading")) {
        kinds = 1u << BLOCK_HEADING;
    } else if (nlen == 10 && memcmp(name, "heading.h", 9) == 0 && name[9] >= '1' && name[9] <= '6') {
        kinds = 1u << BLOCK_HEADING;
        levels = 1u << (name[9] - '0');
    } else if (IS("headline")) {
        kinds = 1u << BLOCK_HEADLINE;
    } else if (IS("list")) {
        kinds = 1u << BLOCK_LIST_ITEM;
    } else if (IS("blockquote")) {
        kinds = 1u << BLOCK_QUOTE;
    } else if (IS("alt")) {
        kinds = 1u << BLOCK_ALT;
    } else if (IS("sentence") || IS("quote") || IS("raw")) {
        if (neg) {
            if (IS("quote")) { j->quotes = QF_OUT; return SP_OK; }
            rfile_error(y->f, &src->at, src->s, off, "scope '%.*s' cannot be negated", (int)nlen, name);
            return SP_ERROR;
        }
        if (IS("sentence")) j->unit = UNIT_SENTENCE;
        else if (IS("quote")) j->quotes = QF_IN;
        else *saw_raw = true;
        return SP_OK;
    } else {
        return neg ? SP_OK : SP_UNSUPPORTED; /* ~alt: what mtlint does not read is left out anyway */
    }
#undef IS
    if (neg) {
        if (levels != RJOB_ALL_LEVELS) j->hlevels &= ~levels; /* ~heading.h1: other headings stay */
        else if (kinds == RJOB_ALL_KINDS) {
            rfile_error(y->f, &src->at, src->s, off, "scope 'text' cannot be negated");
            return SP_ERROR;
        } else j->kinds &= ~kinds;
    } else {
        j->kinds &= kinds;
        j->hlevels &= levels;
    }
    return SP_OK;
}

typedef struct scope_bad {
    const rstr *s;
    size_t off, len;
} scope_bad;

static bool parse_scope(yctx *y, const rstrvec *list, buf *joined) {
    bool ok = true;
    rule *r = y->r;
    /* the unsupported parts, said once each when it is known whether the
     * rule keeps a scope */
    struct { scope_bad *v; size_t n, cap; } bad = {0};
    for (size_t i = 0; i < list->n; i++) {
        const rstr *s = &list->v[i];
        rjob j = {.unit = UNIT_BLOCK, .kinds = RJOB_ALL_KINDS, .hlevels = RJOB_ALL_LEVELS,
                  .quotes = QF_ANY};
        bool raw = false, keep = true;
        size_t nparts = 0;
        const char *p = s->s;
        for (;;) {
            const char *amp = strchr(p, '&');
            const char *end = amp ? amp : p + strlen(p);
            const char *a = p, *b = end;
            while (a < b && ascii_isspace((unsigned char)*a)) a++;
            while (b > a && ascii_isspace((unsigned char)b[-1])) b--;
            if (a == b) {
                rfile_error(y->f, &s->at, s->s, (size_t)(a - s->s), "empty scope");
                ok = false;
            } else {
                scope_res res = scope_part(y, s, (size_t)(a - s->s), a, (size_t)(b - a), &j, &raw, &nparts);
                if (res == SP_ERROR) ok = false;
                if (res == SP_UNSUPPORTED) {
                    scope_bad u = {s, (size_t)(a - s->s), (size_t)(b - a)};
                    VEC_PUSH(bad, u);
                }
                if (res == SP_UNSUPPORTED || res == SP_NEVER) keep = false;
            }
            if (!amp) break;
            p = amp + 1;
        }
        /* Vale's sentences are those of paragraphs, lists and quotes: not
         * headings, unless the scope names them */
        unsigned prose = (1u << BLOCK_PARAGRAPH) | (1u << BLOCK_QUOTE) | (1u << BLOCK_LIST_ITEM);
        if (j.unit == UNIT_SENTENCE && (j.kinds & prose) == prose)
            j.kinds &= ~((1u << BLOCK_HEADING) | (1u << BLOCK_HEADLINE));
        if (raw) {
            if (nparts > 1) {
                rfile_error(y->f, &s->at, NULL, 0, "scope 'raw' cannot be combined with other scopes");
                ok = false;
            }
            j.unit = UNIT_RAW;
        } else if (j.quotes == QF_IN && j.unit == UNIT_BLOCK) {
            j.unit = UNIT_QUOTE; /* the quotation itself is the unit */
            j.quotes = QF_ANY;
        }
        if (keep) VEC_PUSH(r->jobs, j);
        if (joined->len) buf_putc(joined, ',');
        buf_puts(joined, s->s);
    }
    /* when no alternative is left, the rule could only be wrong: it is
     * left out */
    for (size_t i = 0; i < bad.n; i++) {
        rfile_unsupported(y->f, r->jobs.n ? "this scope is left out" : NULL, &bad.v[i].s->at, bad.v[i].s->s,
                          bad.v[i].off, "scope '%.*s' is not supported (mtlint scopes: text, paragraph, "
                          "sentence, heading, heading.h1-h6, headline, list, blockquote, alt, quote, raw, and ~ "
                          "to negate; .md to qualify)", (int)bad.v[i].len, bad.v[i].s->s + bad.v[i].off);
        if (y->f->strict) ok = false;
    }
    VEC_FREE(bad);
    return ok;
}

/* ---- whole keys ---- */

static bool parse_examples(yctx *y, const yaml_node_t *n) {
    if (n->type != YAML_MAPPING_NODE) {
        node_error(y->f, n, "'examples' must be a map with 'flag' and 'pass' lists");
        return false;
    }
    bool ok = true;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
        if (!k || !v || k->type != YAML_SCALAR_NODE) { ok = false; continue; }
        bool flag = ascii_strcasecmp(scalar(k), "flag") == 0;
        if (!flag && ascii_strcasecmp(scalar(k), "pass") != 0) {
            node_error(y->f, k, "key 'examples.%s' is not supported (use 'flag' and 'pass')", scalar(k));
            ok = false;
            continue;
        }
        rstrvec list = {0};
        if (!get_list(y, v, flag ? "examples.flag" : "examples.pass", &list)) ok = false;
        for (size_t i = 0; i < list.n; i++) {
            rules_example ex = {.flag = flag, .path = y->r->path, .line = list.v[i].at.line};
            char *text = list.v[i].s;
            list.v[i].s = NULL;
            char *arrow = NULL;
            for (char *q = strstr(text, " => "); q; q = strstr(q + 1, " => ")) arrow = q;
            if (arrow && flag) {
                *arrow = '\0';
                ex.expect = arrow + 4;
                if (!*ex.expect) {
                    rfile_error(y->f, &list.v[i].at, NULL, 0, "nothing after ' => ' in an example");
                    ok = false;
                }
            }
            if (!*text) {
                rfile_error(y->f, &list.v[i].at, NULL, 0, "empty example");
                ok = false;
            }
            ex.text = text;
            VEC_PUSH(y->r->ex, ex);
        }
        rstrvec_free(&list);
    }
    return ok;
}

static void strvec_clear_all(strvec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->v[i]);
    v->n = 0;
}

static bool parse_action(yctx *y, const yaml_node_t *n) {
    rule *r = y->r;
    if (n->type != YAML_MAPPING_NODE) {
        node_error(y->f, n, "'action' must be a map with 'name' and 'params'");
        return false;
    }
    bool ok = true;
    const yaml_node_t *name = NULL;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
        if (!k || !v || k->type != YAML_SCALAR_NODE) { ok = false; continue; }
        if (ascii_strcasecmp(scalar(k), "name") == 0) {
            if (want_scalar(y, v, "action.name")) name = v;
            else ok = false;
        } else if (ascii_strcasecmp(scalar(k), "params") == 0) {
            rstrvec ps = {0};
            if (!get_list(y, v, "action.params", &ps)) ok = false;
            for (size_t i = 0; i < ps.n; i++) {
                VEC_PUSH(r->params, ps.v[i].s);
                ps.v[i].s = NULL;
            }
            rstrvec_free(&ps);
        } else {
            node_error(y->f, k, "key 'action.%s' is not supported (use 'name' and 'params')", scalar(k));
            ok = false;
        }
    }
    if (!name) {
        if (ok) node_error(y->f, n, "'action' needs a 'name'");
        return false;
    }
    /* r->action is set only once its params are valid: the patterns are
     * compiled even after an error, and an edit reads its params there */
    const char *nm = scalar(name);
    ract act = ACT_NONE;
    if (strcmp(nm, "replace") == 0) act = ACT_REPLACE;
    else if (strcmp(nm, "remove") == 0) act = ACT_REMOVE;
    else if (strcmp(nm, "edit") == 0) act = ACT_EDIT;
    else if (strcmp(nm, "convert") == 0) act = ACT_CONVERT;
    else if (strcmp(nm, "suggest") == 0 && r->kind == RK_SPELLING && r->params.n == 1 &&
             strcmp(r->params.v[0], "spellings") == 0) {
        act = ACT_SUGGEST; /* the speller's suggestions */
    } else if (strcmp(nm, "suggest") == 0) {
        /* the rule still reports; only its suggestion is missing */
        node_unsupported(y->f, "the rule runs without a suggestion", name,
                         "action '%s' is not supported by mtlint (use replace, remove, edit or convert)", nm);
        strvec_clear_all(&r->params);
        return ok && !y->f->strict;
    } else {
        node_error(y->f, name, "unknown action '%s' (use replace, remove, edit or convert)", nm);
        return false;
    }
    if (act == ACT_EDIT) {
        static const struct { const char *op; size_t np; } OPS[] = {
            {"regex", 3}, {"trim_right", 2}, {"trim_left", 2}, {"trim", 2}, {"truncate", 2}, {"split", 3}};
        const char *op = r->params.n ? r->params.v[0] : "";
        size_t want = 0;
        for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
            if (strcmp(op, OPS[i].op) == 0) want = OPS[i].np;
        if (!want) {
            node_error(y->f, n, "action 'edit' needs params starting with regex, trim_right, "
                                "trim_left, trim, truncate or split");
            return false;
        }
        if (r->params.n != want) {
            node_error(y->f, n, "action 'edit' with '%s' takes %zu params, not %zu", op, want, r->params.n);
            return false;
        }
        if (strcmp(op, "split") == 0) {
            char *end;
            long idx = strtol(r->params.v[2], &end, 10);
            if (!*r->params.v[2] || *end || idx < 0) {
                node_error(y->f, n, "action 'edit' split index must be a whole number >= 0");
                return false;
            }
        }
    }
    r->action = act;
    return ok;
}

static bool parse_source(yctx *y, const yaml_node_t *n) {
    rstrvec list = {0};
    bool ok = get_list(y, n, "source", &list);
    for (size_t i = 0; i < list.n; i++) {
        const char *s = list.v[i].s;
        size_t k = 0;
        while (s[k] >= 'a' && s[k] <= 'z') k++;
        if (s[k] || k < 2 || k > 3) {
            rfile_error(y->f, &list.v[i].at, NULL, 0,
                        "'source' names languages by ISO 639 code (es, fr, zh...), not '%s'", s);
            ok = false;
            continue;
        }
        VEC_PUSH(y->r->source, list.v[i].s);
        list.v[i].s = NULL;
    }
    rstrvec_free(&list);
    return ok;
}

static bool parse_level(yctx *y, const yaml_node_t *n, const char *key) {
    if (!want_scalar(y, n, key)) return false;
    const char *s = scalar(n);
    if (strcmp(s, "suggestion") == 0) {
        y->r->level = MTL_INFO;
        return true;
    }
    if (mtl_severity_parse(s, &y->r->level)) return true;
    node_error(y->f, n, "'%s' must be error, warning, suggestion or info, not '%s'", key, s);
    return false;
}

/* A sequence rule's tokens: maps of pattern, negate, skip (and min, which
 * repeats a token). A part-of-speech `tag` (or `upos`) needs a tagger
 * mtlint has not: the rule is left out, said once. */
static bool parse_seq_tokens(yctx *y, const yaml_node_t *n) {
    rule *r = y->r;
    if (n->type != YAML_SEQUENCE_NODE) {
        node_error(y->f, n, "'tokens' of a sequence must be a list of maps (pattern, negate, skip)");
        return false;
    }
    bool ok = true, tagged = false;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const yaml_node_t *e = yaml_document_get_node(y->doc, *it);
        if (!e || e->type != YAML_MAPPING_NODE) {
            if (e) node_error(y->f, e, "each token of a sequence must be a map (pattern, negate, skip)");
            ok = false;
            continue;
        }
        rtoken t = {0};
        long min = 1;
        for (yaml_node_pair_t *pr = e->data.mapping.pairs.start; pr < e->data.mapping.pairs.top; pr++) {
            const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
            const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
            if (!k || !v || k->type != YAML_SCALAR_NODE) { ok = false; continue; }
            const char *key = scalar(k);
            if (ascii_strcasecmp(key, "pattern") == 0) {
                if (!get_str(y, v, "pattern", &t.pattern)) ok = false;
            } else if (ascii_strcasecmp(key, "negate") == 0) {
                if (!get_bool(y, v, "negate", &t.negate)) ok = false;
            } else if (ascii_strcasecmp(key, "skip") == 0) {
                if (!get_long(y, v, "skip", &t.skip)) ok = false;
            } else if (ascii_strcasecmp(key, "min") == 0) {
                if (!get_long(y, v, "min", &min)) ok = false;
            } else if (ascii_strcasecmp(key, "tag") == 0 || ascii_strcasecmp(key, "upos") == 0) {
                if (!tagged)
                    node_unsupported(y->f, NULL, k, "sequence token '%s' needs a part-of-speech tagger, "
                                                    "which mtlint has not", key);
                tagged = true;
                if (y->f->strict) ok = false;
            } else {
                node_unsupported(y->f, "ignored", k, "sequence token key '%s' is not supported", key);
                if (y->f->strict) ok = false;
            }
        }
        if (min < 1) min = 1;
        if (min > 16) min = 16;
        if (!t.pattern.s && !tagged) {
            node_error(y->f, e, "a sequence token needs a 'pattern'");
            ok = false;
        }
        for (long m = 0; m < min && t.pattern.s; m++) {
            rtoken c = t;
            c.pattern.s = xstrdup(t.pattern.s);
            VEC_PUSH(r->tokens, c);
        }
        free(t.pattern.s);
    }
    return ok;
}

/* One key of the rule's top-level map. */
/* A key that is more than a value for a field: checked against a list,
 * turned into something else, or read for its position. */
static bool parse_special(yctx *y, int id, const char *key, const yaml_node_t *v, buf *scope) {
    rule *r = y->r;
    rstrvec list = {0};
    bool ok = true;
    switch (id) {
    case K_EXTENDS: return true; /* read first */
    case K_LEVEL:
    case K_SEVERITY: return parse_level(y, v, key);
    case K_SCOPE:
        ok = get_list(y, v, key, &list) && parse_scope(y, &list, scope);
        rstrvec_free(&list);
        return ok;
    case K_ACTION: return parse_action(y, v);
    case K_CATEGORY:
        if (!want_scalar(y, v, key)) return false;
        if (mtl_category_parse(scalar(v), &r->category)) return true;
        node_error(y->f, v, "unknown category '%s' (spelling, untranslated, calque, terminology, "
                            "punctuation, locale, layout, artifact, grammar, style)", scalar(v));
        return false;
    case K_SOURCE: return parse_source(y, v);
    case K_EXAMPLES: return parse_examples(y, v);
    case K_VOCAB: {
        bool on = true;
        if (!get_bool(y, v, key, &on)) return false;
        r->no_vocab = !on;
        return true;
    }
    case K_CAPITALIZE:
        r->capitalize_set = true;
        return get_bool(y, v, key, &r->capitalize);
    case K_TOKENS:
        r->list_at = node_src(y->f, v);
        if (r->kind == RK_SEQUENCE) return parse_seq_tokens(y, v);
        ok = get_list(y, v, key, &list);
        for (size_t i = 0; i < list.n; i++) {
            /* Vale drops blank tokens */
            bool blank = true;
            for (const char *c = list.v[i].s; *c && blank; c++) blank = ascii_isspace((unsigned char)*c);
            if (blank) { free(list.v[i].s); continue; }
            rentry e = {.pat = list.v[i]};
            VEC_PUSH(r->entries, e);
        }
        VEC_FREE(list);
        return ok;
    case K_SWAP:
        r->list_at = node_src(y->f, v);
        return get_pairs(y, v, key, false);
    case K_EITHER:
        r->list_at = node_src(y->f, v);
        return get_pairs(y, v, key, true);
    case K_GRADE: {
        if (!want_scalar(y, v, key)) return false;
        char *end;
        r->grade = strtod(scalar(v), &end);
        if (*scalar(v) && !*end && r->grade >= 0) return true;
        node_error(y->f, v, "'grade' must be a number >= 0, not '%s'", scalar(v));
        return false;
    }
    case K_STYLE:
        if (!want_scalar(y, v, key)) return false;
        if (strcmp(scalar(v), "Chicago") == 0) r->chicago = true;
        else if (strcmp(scalar(v), "AP") != 0) {
            node_error(y->f, v, "'style' must be AP or Chicago, not '%s'", scalar(v));
            return false;
        }
        return true;
    default: return false;
    }
}

/* Reads key's value into the rule: a field of the rule (KEYS) or a key
 * of its own (parse_special). */
static bool parse_key(yctx *y, const struct keydef *kd, const char *key, const yaml_node_t *v, buf *scope) {
    void *field = (char *)y->r + kd->off;
    switch (kd->how) {
    case KV_TEXT: return get_text(y, v, key, field);
    case KV_STR: return get_str(y, v, key, field);
    case KV_BOOL: return get_bool(y, v, key, field);
    case KV_LONG: return get_long(y, v, key, field);
    case KV_DOUBLE: return get_double(y, v, key, field);
    case KV_LIST: {
        rstrvec list = {0};
        bool ok = get_list(y, v, key, &list);
        *(rstrvec *)field = list;
        return ok;
    }
    default: return parse_special(y, kd->id, key, v, scope);
    }
}

/* Checks that the keys a kind needs are there. */
static bool check_required(yctx *y, uint64_t seen) {
    rule *r = y->r;
    bool ok = true;
#define NEED(cond, ...)                                                        \
    do {                                                                       \
        if (!(cond)) {                                                         \
            rfile_error(y->f, &r->at, NULL, 0, __VA_ARGS__);                   \
            ok = false;                                                        \
        }                                                                      \
    } while (0)
    NEED(seen & KSEEN(K_MESSAGE), "missing required key 'message'");
    NEED(!((seen & KSEEN(K_LEVEL)) && (seen & KSEEN(K_SEVERITY))),
         "'level' and 'severity' are the same key: give only one");
    /* what a kind needs, by key: a key given but wrong is already reported */
#define HAS(k) ((seen & KSEEN(k)) != 0)
    switch (r->kind) {
    case RK_EXISTENCE: NEED(HAS(K_TOKENS) || HAS(K_RAW), "existence needs 'tokens' or 'raw'"); break;
    case RK_SUBSTITUTION: NEED(HAS(K_SWAP), "substitution needs 'swap'"); break;
    case RK_OCCURRENCE:
        NEED(HAS(K_TOKEN), "occurrence needs 'token'");
        NEED(HAS(K_MAX) || HAS(K_MIN), "occurrence needs 'max' or 'min'");
        break;
    case RK_REPETITION: NEED(HAS(K_TOKENS), "repetition needs 'tokens'"); break;
    case RK_CAPITALIZATION: NEED(HAS(K_MATCH), "capitalization needs 'match'"); break;
    case RK_CONDITIONAL:
        NEED(HAS(K_FIRST), "conditional needs 'first'");
        NEED(HAS(K_SECOND), "conditional needs 'second'");
        break;
    case RK_CONSISTENCY: NEED(HAS(K_EITHER), "consistency needs 'either'"); break;
    case RK_SEQUENCE: NEED(HAS(K_TOKENS), "sequence needs 'tokens'"); break;
    case RK_SPELLING: break;
    case RK_METRIC:
        NEED(HAS(K_FORMULA), "metric needs 'formula'");
        NEED(HAS(K_CONDITION), "metric needs 'condition'");
        break;
    case RK_READABILITY:
        NEED(HAS(K_METRICS), "readability needs 'metrics'");
        NEED(HAS(K_GRADE), "readability needs 'grade'");
        break;
    case RK_COUNT: break;
    }
#undef HAS
#undef NEED
    return ok;
}

/* The value of the last pair whose key is name (Vale's loader: keys in any
 * case, a repeated key keeps its last value). */
static const yaml_node_t *last_value(yctx *y, const yaml_node_t *map, const char *name) {
    const yaml_node_t *v = NULL;
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
        if (k && k->type == YAML_SCALAR_NODE && ascii_strcasecmp(scalar(k), name) == 0)
            v = yaml_document_get_node(y->doc, pr->value);
    }
    return v;
}

/* Whether another pair of the map, after (or before) this one, has the
 * same key in any case. */
static bool same_key(yctx *y, const yaml_node_pair_t *a, const yaml_node_pair_t *b) {
    const yaml_node_t *k = yaml_document_get_node(y->doc, a->key);
    const yaml_node_t *o = yaml_document_get_node(y->doc, b->key);
    return o && o->type == YAML_SCALAR_NODE && ascii_strcasecmp(scalar(o), scalar(k)) == 0;
}

static bool key_again(yctx *y, const yaml_node_t *map, const yaml_node_pair_t *pr) {
    for (const yaml_node_pair_t *q = pr + 1; q < map->data.mapping.pairs.top; q++)
        if (same_key(y, pr, q)) return true;
    return false;
}

static bool key_before(yctx *y, const yaml_node_t *map, const yaml_node_pair_t *pr) {
    for (const yaml_node_pair_t *q = map->data.mapping.pairs.start; q < pr; q++)
        if (same_key(y, pr, q)) return true;
    return false;
}

/* Parses the mapping into r; returns false after reporting every problem. */
static bool parse_rule(yctx *y, const yaml_node_t *root) {
    rule *r = y->r;
    const yaml_node_t *ext = last_value(y, root, "extends");
    if (!ext) {
        rfile_error(y->f, &r->at, NULL, 0, "missing required key 'extends'");
        return false;
    }
    if (!want_scalar(y, ext, "extends")) return false;
    const char *kind = scalar(ext);
    int kid = -1;
    for (int i = 0; i < RK_COUNT; i++)
        if (strcmp(kind, rules_kind_names[i]) == 0) kid = i;
    if (kid < 0) {
        for (size_t i = 0; i < sizeof VALE_ONLY_KINDS / sizeof VALE_ONLY_KINDS[0]; i++) {
            if (strcmp(kind, VALE_ONLY_KINDS[i]) == 0) {
                node_unsupported(y->f, NULL, ext, "extends: %s is not supported by mtlint", kind);
                return !y->f->strict;
            }
        }
        node_error(y->f, ext, "extends must be one of existence, substitution, occurrence, "
                              "repetition, capitalization, conditional, consistency, metric, readability, "
                              "spelling, sequence; not '%s'", kind);
        return false;
    }
    r->kind = (rkind)kid;

    bool ok = true;
    uint64_t seen = 0;
    buf scope = {0};
    y->kind_known = true;
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(y->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(y->doc, pr->value);
        if (!k || !v) continue;
        if (k->type != YAML_SCALAR_NODE) {
            node_error(y->f, k, "keys must be plain names");
            ok = false;
            continue;
        }
        const char *key = scalar(k);
        if (key_again(y, root, pr)) continue; /* a later value wins */
        if (key_before(y, root, pr)) {
            node_unsupported(y->f, "the last value is kept", k, "duplicate key '%s'", key);
            if (y->f->strict) ok = false;
        }
        const struct keydef *kd = NULL;
        for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
            if (ascii_strcasecmp(KEYS[i].name, key) == 0) kd = &KEYS[i];
        if (!kd) {
            node_unsupported(y->f, "ignored", k, "key '%s' is not supported", key);
            if (y->f->strict) ok = false;
            continue;
        }
        if (!(kd->kinds & KB(r->kind))) {
            node_unsupported(y->f, "ignored", k, "key '%s' is not supported by extends: %s", key, kind);
            if (y->f->strict) ok = false;
            continue;
        }
        seen |= KSEEN(kd->id);
        if (!parse_key(y, kd, kd->name, v, &scope)) ok = false;
    }
    if (r->kind == RK_METRIC || r->kind == RK_READABILITY) {
        r->jobs.n = 0; /* the whole document, once (Vale's `summary`) */
        buf_clear(&scope);
        buf_puts(&scope, "summary");
    } else if (r->kind == RK_SEQUENCE) {
        /* Vale tags a sentence at a time: a sequence always runs on the
         * sentences of its scope, by default those of the prose */
        if (!(seen & KSEEN(K_SCOPE))) {
            rjob j = {.unit = UNIT_SENTENCE, .hlevels = RJOB_ALL_LEVELS,
                      .kinds = (1u << BLOCK_PARAGRAPH) | (1u << BLOCK_QUOTE) | (1u << BLOCK_LIST_ITEM)};
            VEC_PUSH(r->jobs, j);
            buf_puts(&scope, "sentence");
        }
        for (size_t i = 0; i < r->jobs.n; i++)
            if (r->jobs.v[i].unit != UNIT_RAW) r->jobs.v[i].unit = UNIT_SENTENCE;
    } else if (!(seen & KSEEN(K_SCOPE))) {
        rjob j = {.unit = UNIT_BLOCK, .kinds = RJOB_ALL_KINDS, .hlevels = RJOB_ALL_LEVELS};
        VEC_PUSH(r->jobs, j);
        buf_puts(&scope, "text");
    }
    r->scope_str = buf_steal(&scope);
    if (!check_required(y, seen)) ok = false;
    return ok;
}

/* ---- files and directories ---- */

static bool read_all(const char *path, char **out, size_t *len, char *err, size_t errlen) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s", strerror(errno));
        return false;
    }
    buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&b, chunk, n);
    bool bad = ferror(fp);
    if (bad) snprintf(err, errlen, "%s", strerror(errno));
    fclose(fp);
    *len = b.len;
    *out = buf_steal(&b);
    if (bad) {
        free(*out);
        *out = NULL;
    }
    return !bad;
}

static bool valid_name(const char *s, size_t n) {
    if (!n) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(ascii_isalpha(c) || ascii_isdigit(c) || c == '_' || c == '-')) return false;
    }
    return true;
}

/* Vale: the accepted terms of the vocabularies are exceptions of every
 * rule of a kind that has them, unless `vocab: false`. */
static void add_vocab(rules_state *st, rule *r) {
    static const unsigned kinds = (1u << RK_EXISTENCE) | (1u << RK_SUBSTITUTION) | (1u << RK_REPETITION) |
                                  (1u << RK_CAPITALIZATION) | (1u << RK_CONDITIONAL);
    if (r->no_vocab || !st->vocab.n || !(kinds & (1u << r->kind))) return;
    for (size_t i = 0; i < st->vocab.n; i++) {
        rstr e = {.s = xstrdup(st->vocab.v[i]), .len = strlen(st->vocab.v[i]), .at = r->at};
        VEC_PUSH(r->exceptions, e);
    }
}

/* Vale's YAML loader (go-yaml v2) takes \' inside double quotes as a
 * quote; libyaml refuses it. Each one libyaml stops at is written \a (the
 * same length, so every position stays right) in a copy that is parsed
 * again, and get_str turns BEL back into the quote in such a file: a rule
 * has no other use for BEL. Leaves the parser initialized either way. */
static bool parse_yaml(rfile *f, yaml_parser_t *parser, yaml_document_t *ydoc, char **patched) {
    for (;;) {
        const char *text = *patched ? *patched : f->text;
        yaml_parser_initialize(parser);
        yaml_parser_set_input_string(parser, (const unsigned char *)text, f->len);
        if (yaml_parser_load(parser, ydoc)) return true;
        if (!parser->problem || strcmp(parser->problem, "found unknown escape character") != 0 ||
            memchr(f->text, '\a', f->len) || memmem(f->text, f->len, "\\a", 2))
            return false;
        size_t off = mark_offset(f, parser->problem_mark);
        if (off + 1 >= f->len || text[off] != '\\' || text[off + 1] != '\'') return false;
        if (!*patched) *patched = xstrndup(f->text, f->len);
        (*patched)[off + 1] = 'a';
        f->dq_quotes = true;
        yaml_parser_delete(parser);
    }
}

/* Whether a rule belongs to another source language than the run's and
 * nothing in the configuration may turn it on: it is registered (its id
 * is listed and can be named) but compiling it would be wasted work. */
static bool dormant(const rules_state *st, const rule *r) {
    if (!st->wanted || r->source.n == 0) return false;
    for (size_t i = 0; i < r->source.n; i++)
        if (strcmp(r->source.v[i], st->lang_code) == 0) return false;
    for (const char *const *e = st->wanted->enable; e && *e; e++)
        if (reg_names(*e, r->id)) return false;
    for (size_t i = 0; i < st->wanted->nlevels; i++)
        if (!st->wanted->levels[i].off && reg_names(st->wanted->levels[i].id, r->id)) return false;
    return true;
}

/* The languages of a rule file's `source` key, read without YAML: true
 * only when the text is plainly one block mapping whose only line at
 * column 0 starting "source" is `source: [xx, yy]` or `source: xx`
 * (codes of 2 or 3 small letters), which YAML reads as that list whatever
 * else the file holds. Anything else (flow or complex keys, documents,
 * directives, quoted keys) is left to the YAML reader. */
static bool skim_source(const char *t, size_t len, strvec *out) {
    bool found = false;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        const char *l = t + i;
        size_t n = e - i;
        i = e + 1;
        if (!n || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '\r') continue;
        if (strchr("{[?%&*!|>'\"-<@`", l[0])) return false; /* not a plain key at the top */
        if (n < 7 || strncmp(l, "source", 6) != 0) continue;
        if (found || l[6] != ':') return false;
        found = true;
        size_t k = 7;
        while (k < n && l[k] == ' ') k++;
        bool flow = k < n && l[k] == '[';
        if (flow) k++;
        for (;;) {
            while (k < n && l[k] == ' ') k++;
            size_t c = k;
            while (k < n && l[k] >= 'a' && l[k] <= 'z') k++;
            if (k - c < 2 || k - c > 3) return false;
            VEC_PUSH(*out, xstrndup(l + c, k - c));
            while (k < n && l[k] == ' ') k++;
            if (!flow || k >= n || l[k] != ',') break;
            k++;
        }
        if (flow && (k >= n || l[k++] != ']')) return false;
        while (k < n && (l[k] == ' ' || l[k] == '\r')) k++;
        if (k < n && l[k] != '#') return false;
    }
    return found;
}

/* How a rule file is taken in. */
typedef struct load_how {
    bool off;     /* registered switched off (a Vocab's generated rules) */
    bool shipped; /* one of mtlint's own sets */
} load_how;

/* Loads one rule from its YAML text (taken); on success the rule is
 * appended to st->rules. */
static void load_text(rules_state *st, const char *path, const char *set, const char *name, char *text,
                      size_t len, load_how how, mtl_diags *diags, size_t *nerr) {
    rfile f = {.path = path, .diags = diags, .strict = st->strict, .warnings = &st->load_warnings,
               .text = text, .len = len};
    rfile_lines(&f);
    rule r = {.level = MTL_WARNING, .category = MTL_CAT_STYLE, .path = xstrdup(path),
              .id = xasprintf("%s.%s", set, name), .at = {.line = 1, .col = 1}, .off = how.off,
              .vale_view = st->loading_vale};
    yaml_parser_t parser;
    yaml_document_t ydoc;
    bool have_doc = false;
    char *patched = NULL;
    /* a shipped file the build has read already (rules_cache.h) */
    bool cached = how.shipped && rcache_yaml(st->cache, text, len, &ydoc, &f.dq_quotes);
    bool loaded = cached || parse_yaml(&f, &parser, &ydoc, &patched);
    if (loaded && !cached && how.shipped) rcache_yaml_keep(st->cache, text, len, &ydoc, f.dq_quotes);
    if (!loaded) {
        const char *problem = parser.problem ? parser.problem : "malformed YAML";
        rsrc at = {.line = parser.problem_mark.line + 1, .col = parser.problem_mark.column + 1};
        /* libyaml takes a plain "key: value" only when the key is shorter
         * than 1024 characters: a longer swap key fails at its ':' */
        const char *hint = parser.problem_mark.column > 1024 ? "; a key longer than 1024 characters "
                           "must be written as '? key' with ': value' on the next line" : "";
        if (parser.context)
            rfile_error(&f, &at, NULL, 0, "YAML syntax error: %s %s (started at line %zu, column %zu)%s",
                        problem, parser.context, parser.context_mark.line + 1,
                        parser.context_mark.column + 1, hint);
        else
            rfile_error(&f, &at, NULL, 0, "YAML syntax error: %s%s", problem, hint);
    } else {
        have_doc = true;
        yaml_node_t *root = yaml_document_get_root_node(&ydoc);
        yctx y = {.f = &f, .doc = &ydoc, .r = &r};
        if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
            rfile_error(&f, &r.at, NULL, 0, "empty rule file");
        } else if (root->type != YAML_MAPPING_NODE) {
            node_error(&f, root, "a rule file must be a map of keys (extends, message...)");
        } else {
            r.at = node_src(&f, root);
            parse_rule(&y, root);
            add_vocab(st, &r);
            /* the patterns are checked even when a key was wrong, so that
             * one run shows every error of the file */
            r.dormant = dormant(st, &r);
            if (y.kind_known && !r.dormant) rules_compile(st, &r, &f);
        }
    }
    if (cached) {
        rcache_yaml_free(&ydoc);
    } else {
        if (have_doc) yaml_document_delete(&ydoc);
        yaml_parser_delete(&parser);
    }
    free(patched);
    rfile_flush(&f);
    if (f.nerr == 0 && !f.skip) {
        VEC_PUSH(st->rules, r);
    } else {
        rules_rule_free(&r);
        *nerr += f.nerr;
    }
    free(f.text);
    VEC_FREE(f.lines);
}

/* Loads one rule file. A shipped file of another source language may
 * only be skimmed (mtl_config.skim_other_sources): its id is registered,
 * dormant; the make test suite reads each in full. */
static void load_file(rules_state *st, const char *path, const char *set, const char *name, bool shipped,
                      mtl_diags *diags, size_t *nerr) {
    char err[256], *text;
    size_t len;
    if (!read_all(path, &text, &len, err, sizeof err)) {
        mtl_diags_add(diags, "%s:1:1: cannot read rule file: %s", path, err);
        (*nerr)++;
        return;
    }
    if (shipped && st->skim) {
        rule r = {.level = MTL_WARNING, .category = MTL_CAT_STYLE, .at = {.line = 1, .col = 1},
                  .id = xasprintf("%s.%s", set, name)};
        if (skim_source(text, len, &r.source) && dormant(st, &r)) {
            r.path = xstrdup(path);
            r.dormant = true;
            VEC_PUSH(st->rules, r);
            free(text);
            return;
        }
        strvec_free_all(&r.source);
        free(r.id);
    }
    load_text(st, path, set, name, text, len, (load_how){.shipped = shipped}, diags, nerr);
}

/* A YAML single-quoted scalar of s. */
static void yaml_quote(buf *b, const char *s) {
    buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'') buf_putc(b, '\'');
        buf_putc(b, *s);
    }
    buf_putc(b, '\'');
}

/* Vale's rules of the vocabularies, in its own style (on where a section
 * is based on Vale): Vale.Avoid reports each rejected term as an error,
 * Vale.Terms an accepted term written in another case. */
bool rules_load_vocab(rules_state *st, const char *accept_path, const char *reject_path, mtl_diags *diags) {
    size_t nerr = 0;
    if (st->reject.n) {
        buf b = {0};
        buf_puts(&b, "extends: existence\nmessage: \"Avoid using '%s'.\"\nlevel: error\nignorecase: false\n"
                     "tokens:\n");
        for (size_t i = 0; i < st->reject.n; i++) {
            buf_puts(&b, "  - ");
            yaml_quote(&b, st->reject.v[i]);
            buf_putc(&b, '\n');
        }
        size_t len = b.len;
        load_text(st, reject_path, "Vale", "Avoid", buf_steal(&b), len, (load_how){.off = true}, diags, &nerr);
    }
    if (st->vocab.n) {
        buf b = {0};
        /* case-insensitive by an inline flag, not ignorecase: the
         * suggestion is the term as written, never recapitalised */
        buf_puts(&b, "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\n"
                     "ignorecase: false\nswap:\n");
        strvec keys = {0};
        for (size_t i = 0; i < st->vocab.n; i++) {
            char *low = xstrdup(st->vocab.v[i]);
            for (char *c = low; *c; c++) *c = (char)ascii_tolower((unsigned char)*c);
            bool dup = false;
            for (size_t k = 0; k < keys.n && !dup; k++) dup = strcmp(keys.v[k], low) == 0;
            if (dup) { /* two spellings of one term: the first is kept */
                free(low);
                continue;
            }
            VEC_PUSH(keys, low);
            char *key = xasprintf("(?i)%s", low);
            buf_puts(&b, "  ");
            yaml_quote(&b, key);
            free(key);
            buf_puts(&b, ": ");
            yaml_quote(&b, st->vocab.v[i]);
            buf_putc(&b, '\n');
        }
        VEC_FREE_ALL(keys);
        size_t len = b.len;
        load_text(st, accept_path, "Vale", "Terms", buf_steal(&b), len, (load_how){.off = true}, diags, &nerr);
    }
    return nerr == 0;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum list_what { LIST_SET_DIRS, LIST_YML_FILES };

/* Sorted names in dir of directories or .yml files; NULL
 * when dir cannot be opened. A name that is a symbolic link (or may be
 * one) ends in '\n' after its NUL, for rules_load_dir. */
static char **list_dir(const char *dir, enum list_what what, size_t *n) {
    bool want_dirs = what == LIST_SET_DIRS;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    struct { char **v; size_t n, cap; } names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *nm = de->d_name;
        if (nm[0] == '.' || nm[0] == '_') continue; /* drafts and hidden files stay inert */
        /* the entry's type when the directory tells it; stat for links */
        bool plain = de->d_type == DT_DIR || de->d_type == DT_REG;
        bool isdir = de->d_type == DT_DIR, isreg = de->d_type == DT_REG;
        if (!plain) {
            char *full = xasprintf("%s/%s", dir, nm);
            struct stat sb;
            bool found = stat(full, &sb) == 0;
            isdir = found && S_ISDIR(sb.st_mode);
            isreg = found && S_ISREG(sb.st_mode);
            free(full);
        }
        size_t len = strlen(nm);
        if (want_dirs ? isdir : (isreg && len > 4 && strcmp(nm + len - 4, ".yml") == 0)) {
            char *c = xmalloc(len + 2);
            memcpy(c, nm, len + 1);
            c[len + 1] = plain ? '\0' : '\n';
            VEC_PUSH(names, c);
        }
    }
    closedir(d);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    *n = names.n;
    VEC_PUSH(names, NULL);
    return names.v;
}

bool rules_load_dir(rules_state *st, const char *dir, rules_dir_how how, mtl_diags *diags, strvec *seen_paths) {
    size_t nsets = 0, nerr = 0;
    char **sets = list_dir(dir, LIST_SET_DIRS, &nsets);
    if (!sets) {
        if (!how.must_exist && errno == ENOENT) return true;
        mtl_diags_add(diags, "%s: cannot open rules directory: %s", dir, strerror(errno));
        return false;
    }
    /* the hashes of seen_paths, to compare whole paths only when they match */
    struct { uint64_t *v; size_t n, cap; } seen_h = {0};
    for (size_t s = 0; s < seen_paths->n; s++) VEC_PUSH(seen_h, hash_bytes(seen_paths->v[s], strlen(seen_paths->v[s])));
    for (size_t i = 0; i < nsets; i++) {
        char *setdir = xasprintf("%s/%s", dir, sets[i]);
        size_t nfiles = 0;
        char **files = list_dir(setdir, LIST_YML_FILES, &nfiles);
        if (!files) {
            mtl_diags_add(diags, "%s: cannot open rule set directory: %s", setdir, strerror(errno));
            nerr++;
        }
        /* a file that is no link is where its directory really is: one
         * realpath per set rather than per file */
        char realdir[PATH_MAX];
        bool have_realdir = files && realpath(setdir, realdir);
        for (size_t k = 0; files && k < nfiles; k++) {
            char *path = xasprintf("%s/%s", setdir, files[k]);
            size_t stem = strlen(files[k]) - 4;
            bool link = files[k][stem + 5] != '\0';
            char real[PATH_MAX];
            bool again = false, known;
            if (have_realdir && !link)
                known = (size_t)snprintf(real, sizeof real, "%s/%s", realdir, files[k]) < sizeof real;
            else
                known = realpath(path, real) != NULL;
            if (known) {
                uint64_t h = hash_bytes(real, strlen(real));
                for (size_t s = 0; s < seen_paths->n && !again; s++)
                    again = seen_h.v[s] == h && strcmp(seen_paths->v[s], real) == 0;
                if (!again) {
                    VEC_PUSH(*seen_paths, xstrdup(real));
                    VEC_PUSH(seen_h, h);
                }
            }
            if (again) {
                /* the same file through another --rules: already loaded */
            } else if (!valid_name(sets[i], strlen(sets[i])) || !valid_name(files[k], stem)) {
                mtl_diags_add(diags, "%s:1:1: rule set and file names may only use letters, digits, "
                                     "'_' and '-' (the rule id is Set.Rule)", path);
                nerr++;
            } else {
                files[k][stem] = '\0';
                load_file(st, path, sets[i], files[k], how.shipped, diags, &nerr);
            }
            free(path);
        }
        for (size_t k = 0; files && k < nfiles; k++) free(files[k]);
        free(files);
        free(setdir);
    }
    for (size_t i = 0; i < nsets; i++) free(sets[i]);
    free(sets);
    VEC_FREE(seen_h);
    return nerr == 0;
}
