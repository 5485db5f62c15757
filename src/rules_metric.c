/* rules_metric.c - Vale's `metric` and `readability` kinds: counts over
 * the body of a document (words, sentences, syllables...) and a formula in
 * Vale's expression language (Tengo's arithmetic: numbers, the counts by
 * name, + - * / %, parentheses, math.sqrt/pow/log/log10/abs/ceil/floor/
 * round/min/max, and for conditions < <= > >= == != && || !). One finding
 * per document, at its first character, as Vale reports at 1:1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_impl.h"

/* ---- counts ---- */

/* Syllables as Vale's summarizer counts them: runs of the vowels a e i o u
 * y (lower case, as written), less one for a final "e" or "es". */
static int syllables(const char *w, size_t n) {
    int count = 0;
    bool last = false;
    for (size_t i = 0; i < n; i++) {
        bool v = strchr("aeiouy", w[i]) != NULL && w[i] != '\0';
        if (v && !last) count++;
        last = v;
    }
    if ((n > 2 && w[n - 2] == 'e' && w[n - 1] == 's') || (n > 1 && w[n - 1] == 'e')) count--;
    return count;
}

static bool ends_with(const char *w, size_t n, const char *suf) {
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

typedef struct mvar {
    const char *name;
    double value;
} mvar;

enum {
    MV_WORDS, MV_SENTENCES, MV_SYLLABLES, MV_COMPLEX, MV_LONG, MV_POLY, MV_CHARS, MV_PARAGRAPHS,
    MV_PRE, MV_LIST, MV_BLOCKQUOTE, MV_H1, MV_H2, MV_H3, MV_H4, MV_H5, MV_H6, MV_COUNT
};

static const char *const MV_NAMES[MV_COUNT] = {
    "words", "sentences", "syllables", "complex_words", "long_words", "polysyllabic_words", "characters",
    "paragraphs", "pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4",
    "heading_h5", "heading_h6",
};

/* The counts of a document: its body (paragraphs, lists, quotes) as
 * Vale's summary, and its blocks by kind. */
static void count_doc(const doc *d, double *v) {
    memset(v, 0, sizeof(double) * MV_COUNT);
    unsigned body = (1u << BLOCK_PARAGRAPH) | (1u << BLOCK_QUOTE) | (1u << BLOCK_LIST_ITEM);
    for (size_t b = 0; b < d->blocks.n; b++) {
        const doc_block *bl = &d->blocks.v[b];
        if (bl->kind == BLOCK_HEADING || bl->kind == BLOCK_HEADLINE) {
            int lv = bl->level < 1 ? 1 : bl->level > 6 ? 6 : bl->level;
            v[MV_H1 + lv - 1]++;
        } else if (bl->kind == BLOCK_LIST_ITEM) {
            v[MV_LIST]++;
        } else if (bl->kind == BLOCK_QUOTE) {
            v[MV_BLOCKQUOTE]++;
        }
        if (!(body & (1u << bl->kind))) continue;
        v[MV_PARAGRAPHS]++;
        v[MV_SENTENCES] += (double)bl->nsentences;
        for (size_t s = bl->first_sentence; s < bl->first_sentence + bl->nsentences && s < d->sentences.n; s++) {
            const doc_sentence *sn = &d->sentences.v[s];
            for (size_t k = sn->first_word; k < sn->first_word + sn->nwords && k < d->words.n; k++) {
                const doc_word *w = &d->words.v[k];
                const char *t = d->view + w->start;
                size_t n = w->end - w->start, letters = 0, i = 0;
                while (i < n) {
                    int32_t c = u8_decode(t, n, &i);
                    if (c >= 0 && rules_is_word(c) && c != '_') letters++;
                }
                int syl = syllables(t, n);
                int cx = syl - (ends_with(t, n, "es") || ends_with(t, n, "ed") || ends_with(t, n, "ing"));
                v[MV_WORDS]++;
                v[MV_CHARS] += (double)letters;
                v[MV_SYLLABLES] += syl;
                if (syl > 2) v[MV_POLY]++;
                if (cx > 2) v[MV_COMPLEX]++;
                if (letters > 6) v[MV_LONG]++;
            }
        }
    }
}

/* ---- the expression language ---- */

typedef struct mexpr {
    const char *s, *p;
    const double *vars;    /* NULL: only check the syntax */
    const char *err;       /* the first problem */
    size_t err_at;
} mexpr;

static void skip_ws(mexpr *x) {
    while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r') x->p++;
}

static void fail(mexpr *x, const char *msg) {
    if (x->err) return;
    x->err = msg;
    x->err_at = (size_t)(x->p - x->s);
}

static bool eat(mexpr *x, const char *tok) {
    skip_ws(x);
    size_t n = strlen(tok);
    if (strncmp(x->p, tok, n) != 0) return false;
    /* "<" is not the start of "<=", "!" not of "!=" */
    if (n == 1 && strchr("<>=!", tok[0]) && x->p[1] == '=') return false;
    x->p += n;
    return true;
}

static double parse_or(mexpr *x);

static bool ident_char(char c) { return ascii_isalpha((unsigned char)c) || ascii_isdigit((unsigned char)c) || c == '_'; }

static const struct {
    const char *name;
    int args;
    double (*f1)(double);
    double (*f2)(double, double);
} MATH[] = {
    {"sqrt", 1, sqrt, NULL}, {"log", 1, log, NULL}, {"log10", 1, log10, NULL}, {"log2", 1, log2, NULL},
    {"abs", 1, fabs, NULL},  {"ceil", 1, ceil, NULL}, {"floor", 1, floor, NULL}, {"round", 1, round, NULL},
    {"exp", 1, exp, NULL},   {"pow", 2, NULL, pow},  {"min", 2, NULL, fmin},    {"max", 2, NULL, fmax},
};

static double parse_atom(mexpr *x) {
    skip_ws(x);
    if (eat(x, "(")) {
        double v = parse_or(x);
        if (!eat(x, ")")) fail(x, "')' expected");
        return v;
    }
    if (eat(x, "-")) return -parse_atom(x);
    if (eat(x, "+")) return parse_atom(x);
    if (eat(x, "!")) return parse_atom(x) == 0 ? 1 : 0;
    if (ascii_isdigit((unsigned char)*x->p) || *x->p == '.') {
        char *end;
        double v = strtod(x->p, &end);
        if (end == x->p) fail(x, "a number expected");
        x->p = end;
        return v;
    }
    if (!ident_char(*x->p)) {
        fail(x, *x->p ? "a number, a count or '(' expected" : "the expression ends too soon");
        return 0;
    }
    const char *id = x->p;
    while (ident_char(*x->p)) x->p++;
    size_t n = (size_t)(x->p - id);
    if (n == 4 && memcmp(id, "math", 4) == 0 && *x->p == '.') {
        x->p++;
        const char *fn = x->p;
        while (ident_char(*x->p)) x->p++;
        size_t fl = (size_t)(x->p - fn);
        for (size_t i = 0; i < sizeof MATH / sizeof MATH[0]; i++) {
            if (strlen(MATH[i].name) != fl || memcmp(MATH[i].name, fn, fl) != 0) continue;
            if (!eat(x, "(")) {
                fail(x, "'(' expected after a math function");
                return 0;
            }
            double a = parse_or(x), b = 0;
            if (MATH[i].args == 2 && !eat(x, ",")) fail(x, "',' expected: this math function takes two values");
            if (MATH[i].args == 2) b = parse_or(x);
            if (!eat(x, ")")) fail(x, "')' expected");
            return MATH[i].args == 1 ? MATH[i].f1(a) : MATH[i].f2(a, b);
        }
        x->p = fn;
        fail(x, "unknown math function (sqrt, pow, log, log10, log2, abs, ceil, floor, round, exp, min, max)");
        return 0;
    }
    for (int k = 0; k < MV_COUNT; k++)
        if (strlen(MV_NAMES[k]) == n && memcmp(MV_NAMES[k], id, n) == 0) return x->vars ? x->vars[k] : 1;
    x->p = id;
    fail(x, "unknown count (words, sentences, syllables, complex_words, long_words, polysyllabic_words, "
            "characters, paragraphs, pre, list, blockquote, heading_h1..heading_h6)");
    return 0;
}

static double parse_mul(mexpr *x) {
    double v = parse_atom(x);
    for (;;) {
        if (eat(x, "*")) v *= parse_atom(x);
        else if (eat(x, "/")) v /= parse_atom(x);
        else if (eat(x, "%")) v = fmod(v, parse_atom(x));
        else return v;
    }
}

static double parse_add(mexpr *x) {
    double v = parse_mul(x);
    for (;;) {
        if (eat(x, "+")) v += parse_mul(x);
        else if (eat(x, "-")) v -= parse_mul(x);
        else return v;
    }
}

static double parse_cmp(mexpr *x) {
    double v = parse_add(x);
    if (eat(x, "<=")) return v <= parse_add(x);
    if (eat(x, ">=")) return v >= parse_add(x);
    if (eat(x, "==")) return v == parse_add(x);
    if (eat(x, "!=")) return v != parse_add(x);
    if (eat(x, "<")) return v < parse_add(x);
    if (eat(x, ">")) return v > parse_add(x);
    return v;
}

static double parse_and(mexpr *x) {
    double v = parse_cmp(x);
    while (eat(x, "&&")) {
        double w = parse_cmp(x);
        v = v != 0 && w != 0;
    }
    return v;
}

static double parse_or(mexpr *x) {
    double v = parse_and(x);
    while (eat(x, "||")) {
        double w = parse_and(x);
        v = v != 0 || w != 0;
    }
    return v;
}

/* Evaluates s; false with *err and *at (an offset in s) on a syntax error. */
static bool eval(const char *s, const double *vars, double *out, const char **err, size_t *at) {
    mexpr x = {.s = s, .p = s, .vars = vars};
    *out = parse_or(&x);
    skip_ws(&x);
    if (!x.err && *x.p) fail(&x, "unexpected text after the expression");
    *err = x.err;
    *at = x.err_at;
    return !x.err;
}

/* ---- readability: the named grades ---- */

static double grade(const char *name, const double *v) {
    double w = v[MV_WORDS], s = v[MV_SENTENCES];
    if (strcmp(name, "Flesch-Kincaid") == 0) return 0.39 * (w / s) + 11.8 * (v[MV_SYLLABLES] / w) - 15.59;
    if (strcmp(name, "Gunning Fog") == 0) return 0.4 * ((w / s) + 100 * (v[MV_COMPLEX] / w));
    if (strcmp(name, "SMOG") == 0) return 1.0430 * sqrt(v[MV_POLY] * 30 / s) + 3.1291;
    if (strcmp(name, "Coleman-Liau") == 0)
        return 0.0588 * (v[MV_CHARS] / w * 100) - 0.296 * (s / w * 100) - 15.8;
    if (strcmp(name, "Automated Readability") == 0) return 4.71 * (v[MV_CHARS] / w) + 0.5 * (w / s) - 21.43;
    return (double)NAN;
}

static const char *const GRADES[] = {"Flesch-Kincaid", "Gunning Fog", "SMOG", "Coleman-Liau",
                                     "Automated Readability"};

/* ---- load and run ---- */

bool rules_metric_check(rule *r, rfile *f) {
    bool ok = true;
    if (r->kind == RK_METRIC) {
        const rstr *parts[2] = {&r->formula, &r->condition};
        for (int i = 0; i < 2; i++) {
            if (!parts[i]->s) continue;
            double v;
            const char *err;
            size_t at;
            char *probe = i ? xasprintf("0 %s", parts[i]->s) : xstrdup(parts[i]->s);
            if (!eval(probe, NULL, &v, &err, &at)) {
                size_t off = i ? (at >= 2 ? at - 2 : 0) : at;
                rfile_error(f, &parts[i]->at, parts[i]->s, off, "bad %s: %s", i ? "condition" : "formula", err);
                ok = false;
            }
            free(probe);
        }
    } else {
        for (size_t i = 0; i < r->metrics.n; i++) {
            bool known = false;
            for (size_t k = 0; k < sizeof GRADES / sizeof GRADES[0]; k++)
                known |= strcmp(GRADES[k], r->metrics.v[i].s) == 0;
            if (!known) {
                rfile_error(f, &r->metrics.v[i].at, NULL, 0, "unknown metric '%s' (Flesch-Kincaid, Gunning Fog, "
                            "SMOG, Coleman-Liau, Automated Readability)", r->metrics.v[i].s);
                ok = false;
            }
        }
    }
    return ok;
}

/* The result of the rule over the document, and whether it reports. */
bool rules_metric_eval(rule *r, const doc *d, double *result) {
    double v[MV_COUNT];
    count_doc(d, v);
    if (v[MV_WORDS] == 0) return false; /* Vale: no words, no counts */
    const char *err;
    size_t at;
    if (r->kind == RK_READABILITY) {
        double sum = 0;
        for (size_t i = 0; i < r->metrics.n; i++) sum += grade(r->metrics.v[i].s, v);
        *result = r->metrics.n ? sum / (double)r->metrics.n : 0;
        return *result > r->grade;
    }
    if (!eval(r->formula.s, v, result, &err, &at)) return false;
    char *cond = xasprintf("%f %s", *result, r->condition.s);
    double hit = 0;
    bool ok = eval(cond, v, &hit, &err, &at);
    free(cond);
    return ok && hit != 0;
}
