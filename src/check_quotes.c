/* check_quotes.c - the Quotes.* rules: the quote parser's issues (quotes.c)
 * reported as findings. Options: cfg->quote_style "us" (default) or "uk"
 * for Quotes.Punctuation. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "quotes.h"
#include "util.h"

enum { R_DIRECTION, R_SPACING, R_UNBALANCED, R_MIXED, R_NESTING, R_FOREIGN, R_PUNCT, NRULES };

static const struct {
    const char *id;
    mtl_severity level;
    const char *description;
} rules[NRULES] = {
    [R_DIRECTION] = {"Quotes.Direction", MTL_WARNING,
                     "A curly quotation mark that points the wrong way for where it stands "
                     "(first, “said), or an apostrophe typed as an opening quote (‘90s)."},
    [R_SPACING] = {"Quotes.Spacing", MTL_WARNING,
                   "A space just inside a quotation (“ We, today. ”) or none outside it "
                   "(said“We)."},
    [R_UNBALANCED] = {"Quotes.Unbalanced", MTL_WARNING,
                      "A quotation never closed, a closing mark in a paragraph that did not "
                      "reopen the quotation it closes, or a closing mark with nothing open."},
    [R_MIXED] = {"Quotes.Mixed", MTL_INFO,
                 "Straight and curly double quotes mixed in one document."},
    [R_NESTING] = {"Quotes.Nesting", MTL_INFO,
                   "A quotation nested in one of the same kind; nested quotations alternate "
                   "double and single marks."},
    [R_FOREIGN] = {"Quotes.Foreign", MTL_WARNING,
                   "Quotation conventions of the source language: « », „ “, ‹ ›, 「 」, or a "
                   "dialogue dash opening a paragraph."},
    [R_PUNCT] = {"Quotes.Punctuation", MTL_INFO,
                 "US style: a period or comma after the closing quotation mark goes inside it "
                 "(option quote_style: us or uk)."},
};

typedef struct quotes_check {
    quote_parser *qp;
    quote_style style;
    size_t rule[NRULES];
    int wanted;        /* -1 unknown; else whether anything reads the parse */
} quotes_check;

/* The parse is wanted when a Quotes rule is on or an enabled rule looks
 * at quotations (scope quote). Rules are switched before the first
 * document, so the answer is computed once. */
static bool parse_wanted(quotes_check *qc, const registry *reg) {
    if (qc->wanted < 0) {
        qc->wanted = 0;
        for (int i = 0; i < NRULES; i++)
            if (reg_enabled(reg, qc->rule[i])) qc->wanted = 1;
        for (size_t i = 0, n = reg_count(reg); i < n && !qc->wanted; i++) {
            const mtl_rule_info *ri = reg_get(reg, i);
            if (ri->enabled && ri->scope && strstr(ri->scope, "quote")) qc->wanted = 1;
        }
    }
    return qc->wanted;
}

static int rule_of(quote_issue_kind k) {
    switch (k) {
    case QUOTE_DIRECTION: return R_DIRECTION;
    case QUOTE_SPACE_INSIDE:
    case QUOTE_SPACE_MISSING: return R_SPACING;
    case QUOTE_UNCLOSED:
    case QUOTE_UNOPENED: return R_UNBALANCED;
    case QUOTE_MIXED: return R_MIXED;
    case QUOTE_NESTING: return R_NESTING;
    case QUOTE_FOREIGN:
    case QUOTE_DASH: return R_FOREIGN;
    default: return R_PUNCT;
    }
}

/* The message of an issue; `mark` is the mark as UTF-8, `fix` the fix
 * without surrounding spaces. */
static char *message(const quote_issue *is, const char *mark, const char *fix) {
    bool open = is->role == QUOTE_AS_OPEN;
    switch (is->kind) {
    case QUOTE_DIRECTION:
        if (is->role == QUOTE_AS_APOSTROPHE)
            return xasprintf("apostrophe typed as an opening quotation mark (%s); write %s", mark,
                             fix);
        return xasprintf("%s quotation mark typed the wrong way round (%s); write %s",
                         open ? "opening" : "closing", mark, fix);
    case QUOTE_SPACE_INSIDE:
        return xstrdup(open ? "space after the opening quotation mark"
                            : "space before the closing quotation mark");
    case QUOTE_SPACE_MISSING:
        return xstrdup(open ? "no space before the opening quotation mark"
                            : "no space after the closing quotation mark");
    case QUOTE_UNCLOSED:
        return xstrdup("quotation opened here is not closed in its paragraph");
    case QUOTE_UNOPENED:
        return xstrdup(is->count ? "closing quotation mark in a paragraph that did not reopen the "
                                   "quotation; a continued quotation opens again in each paragraph"
                                 : "closing quotation mark with no quotation open");
    case QUOTE_MIXED:
        return xasprintf("straight and curly double quotes mixed in one document (%zu %s, %zu "
                         "%s); use one style",
                         is->count, strcmp(mark, "\"") == 0 ? "straight" : "curly", is->other,
                         strcmp(mark, "\"") == 0 ? "curly" : "straight");
    case QUOTE_NESTING:
        return xasprintf("quotation nested in a quotation of the same kind; alternate double and "
                         "single marks (%s)",
                         fix);
    case QUOTE_FOREIGN:
        return xasprintf("%s is not an English quotation mark; write %s", mark, fix);
    case QUOTE_DASH:
        return xstrdup("dialogue dash opening a paragraph, a Spanish and French convention; "
                       "English news sets speech in quotation marks");
    default:
        return xasprintf("US style puts the %s inside the closing quotation mark",
                         fix[0] == '.' ? "period" : "comma");
    }
}

/* One parse serves both the spans the rules' `quote` scope needs and this
 * check's findings. */
static void quotes_prepare(void *state, doc *d, const registry *reg) {
    quotes_check *qc = state;
    d->quotes.n = 0;
    if (!parse_wanted(qc, reg)) return;
    quotes_parse(qc->qp, d);
    size_t n;
    const doc_span *sp = quotes_spans(qc->qp, &n);
    d->quotes.n = 0;
    VEC_RESERVE(d->quotes, n);
    if (n) memcpy(d->quotes.v, sp, n * sizeof *sp);
    d->quotes.n = n;
}

static void quotes_run(void *state, check_ctx *cx) {
    quotes_check *qc = state;
    if (!parse_wanted(qc, cx->reg)) return;
    size_t n;
    const quote_issue *is = quotes_issues(qc->qp, &n);
    for (size_t i = 0; i < n; i++) {
        size_t rule = qc->rule[rule_of(is[i].kind)];
        if (!reg_enabled(cx->reg, rule)) continue;
        char mark[8];
        mark[u8_encode(is[i].mark, mark)] = '\0';
        /* the fix without the spaces it may carry */
        const char *f = is[i].fix;
        size_t fl = strlen(f);
        while (*f == ' ') f++, fl--;
        while (fl && f[fl - 1] == ' ') fl--;
        char fix[sizeof is[i].fix];
        memcpy(fix, f, fl);
        fix[fl] = '\0';
        const char *sugg[] = {is[i].fix, NULL};
        finding_add_msg(cx->out, rule, is[i].start, is[i].end, is[i].has_fix ? sugg : NULL,
                        message(&is[i], mark, fix));
    }
}

static void quotes_free(void *state) {
    quotes_check *qc = state;
    quotes_close(qc->qp);
    free(qc);
}

/* Another thread's: its own parser (the parse is per document). */
static void *quotes_fork(void *state) {
    quotes_check *qc = xmalloc(sizeof *qc);
    *qc = *(const quotes_check *)state;
    qc->qp = quotes_open(qc->style);
    return qc;
}

bool check_quotes_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    quote_style style = QUOTE_STYLE_US;
    if (cfg->quote_style && strcmp(cfg->quote_style, "uk") == 0) {
        style = QUOTE_STYLE_UK;
    } else if (cfg->quote_style && strcmp(cfg->quote_style, "us") != 0) {
        mtl_diags_add(diags, "quote style \"%s\": expected \"us\" or \"uk\"", cfg->quote_style);
        return false;
    }
    size_t idx[NRULES];
    for (int i = 0; i < NRULES; i++) {
        long r = check_register(reg, rules[i].id, rules[i].level, MTL_CAT_PUNCTUATION,
                                rules[i].description);
        if (r < 0) {
            mtl_diags_add(diags, "%s: rule id registered twice", rules[i].id);
            return false;
        }
        idx[i] = (size_t)r;
    }
    quotes_check *qc = xcalloc(1, sizeof *qc);
    memcpy(qc->rule, idx, sizeof idx);
    qc->style = style;
    qc->qp = quotes_open(style);
    qc->wanted = -1;
    *p = (pass){.name = "quotes", .state = qc, .prepare = quotes_prepare, .run = quotes_run, .close = quotes_free,
                .fork = quotes_fork};
    return true;
}
