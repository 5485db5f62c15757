/* check_quotes.c - the Quotes.* rules: the quote parser's issues (quotes.c)
 * reported as findings.
 *
 * Period and comma at a closing quotation mark are a newsroom's choice:
 * American style (AP) puts them inside (`a “disgrace.”`), logical style
 * after the mark unless they belong to the quoted matter (`a “disgrace”.`).
 * The parser records every instance of either style; the style wanted is
 * cfg->quote_punctuation ("american", "logical"; older quote_style "us",
 * "uk"), else the dialect's: en_US american, en_GB logical, and with
 * --dialect auto or any the article's own spelling (d->dialect), then the
 * dictionary's. An article that keeps to one style gets
 * Quotes.Punctuation (info) where that is not the style wanted; one that
 * mixes both gets Quotes.PunctuationMix (warning) at each instance of the
 * style it uses less (on a tie, Quotes.Punctuation where the style is not
 * the one wanted). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "quotes.h"
#include "util.h"

enum { R_DIRECTION, R_SPACING, R_UNBALANCED, R_MIXED, R_NESTING, R_FOREIGN, R_PUNCT, R_PUNCT_MIX, NRULES };

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
                 "A period or comma at a closing quotation mark against the style wanted: inside "
                 "it in American style, after it in logical style unless the quotation is a "
                 "sentence of its own (option quote-punctuation; by default the dialect's)."},
    [R_PUNCT_MIX] = {"Quotes.PunctuationMix", MTL_WARNING,
                     "An article that puts period and comma both inside and after closing "
                     "quotation marks: the style it uses less, where the other is used."},
};

/* The style wanted: set, or the article's dialect's. */
typedef enum { PUNCT_AMERICAN, PUNCT_LOGICAL, PUNCT_BY_ARTICLE } punct_setting;


/* The punctuation rules' examples (settings by default: an article with
 * no dialect variants, en_US, so American style). */
static const struct {
    int rule;
    check_example ex;
} examples[] = {
    {R_PUNCT, {.text = "He called the plan “a disgrace”.", .flag = true, .expect = "”."}},
    {R_PUNCT, {.text = "He called the plan “a disgrace.” He said: “We will fight it.”", .flag = false}},
    {R_PUNCT_MIX, {.text = "He called it “a disgrace.” She called it “a farce,” and “a sham”.", .flag = true,
                   .expect = "”."}},
    {R_PUNCT_MIX, {.text = "The colour of the plan, he said, was “grey”. She called it “a farce”, and left.",
                   .flag = false}},
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

typedef struct quotes_check {
    quote_parser *qp;
    check_example examples[NEXAMPLES];
    size_t rule[NRULES];
    int wanted;        /* -1 unknown; else whether anything reads the parse */
    punct_setting punct;
    punct_setting fallback; /* PUNCT_BY_ARTICLE with no article dialect */
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

/* The style an issue shows: American `.”` or logical `”.`; -1 for
 * other issues. */
static int punct_style(quote_issue_kind k) {
    return k == QUOTE_PUNCT_INSIDE ? PUNCT_AMERICAN : k == QUOTE_PUNCT_OUTSIDE ? PUNCT_LOGICAL : -1;
}

static punct_setting wanted_style(const quotes_check *qc, const doc *d) {
    if (qc->punct != PUNCT_BY_ARTICLE) return qc->punct;
    if (d->dialect == DOC_DIALECT_GB) return PUNCT_LOGICAL;
    if (d->dialect == DOC_DIALECT_US) return PUNCT_AMERICAN;
    return qc->fallback;
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
    case QUOTE_PUNCT_INSIDE:
        return xasprintf("logical style puts the %s after the closing quotation mark when "
                         "only a word or phrase is quoted",
                         fix[strlen(fix) - 1] == '.' ? "period" : "comma");
    default:
        return xasprintf("American style puts the %s inside the closing quotation mark",
                         fix[0] == '.' ? "period" : "comma");
    }
}

/* The article mixes both styles: the instance of the one it uses less,
 * and the count of the other. */
static char *mix_message(const check_ctx *cx, const quote_issue *is, const char *fix, size_t others) {
    return xasprintf("'%.*s' here; the other way ('%s') %zu time%s elsewhere in this article",
                     (int)(is->end - is->start), cx->d->text + is->start, fix, others,
                     others == 1 ? "" : "s");
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
    size_t nstyle[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        if (punct_style(is[i].kind) >= 0) nstyle[punct_style(is[i].kind)]++;
    int want = wanted_style(qc, cx->d);
    /* Mixed: both styles, one used more; on a tie there is no majority to
     * keep to, and the setting speaks (at info) */
    bool mixed = nstyle[PUNCT_AMERICAN] && nstyle[PUNCT_LOGICAL] &&
                 nstyle[PUNCT_AMERICAN] != nstyle[PUNCT_LOGICAL];
    if (mixed && nstyle[!want] > nstyle[want]) want = !want; /* the article's majority */
    for (size_t i = 0; i < n; i++) {
        int style = punct_style(is[i].kind);
        if (style == want) continue;
        size_t rule = qc->rule[style >= 0 && mixed ? R_PUNCT_MIX : rule_of(is[i].kind)];
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
                        style >= 0 && mixed ? mix_message(cx, &is[i], fix, nstyle[want])
                                            : message(&is[i], mark, fix));
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
    qc->qp = quotes_open();
    return qc;
}

bool check_quotes_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    /* each setting's values, in punct_setting order */
    static const char *const names[2][2] = {{"american", "logical"}, {"us", "uk"}};
    const char *given[] = {cfg->quote_punctuation, cfg->quote_style};
    const char *what[] = {"quote punctuation", "quote style"};
    punct_setting punct = PUNCT_BY_ARTICLE;
    for (int k = 1; k >= 0; k--) { /* quote_punctuation last: it wins */
        if (!given[k]) continue;
        int found = -1;
        for (int j = 0; j < 2; j++)
            if (strcmp(given[k], names[k][j]) == 0) found = j;
        if (found < 0) {
            mtl_diags_add(diags, "%s \"%s\": expected \"%s\" or \"%s\"", what[k], given[k],
                          names[k][0], names[k][1]);
            return false;
        }
        punct = (punct_setting)found;
    }
    if (punct == PUNCT_BY_ARTICLE && cfg->dialect && strcmp(cfg->dialect, "en_US") == 0)
        punct = PUNCT_AMERICAN;
    if (punct == PUNCT_BY_ARTICLE && cfg->dialect && strcmp(cfg->dialect, "en_GB") == 0)
        punct = PUNCT_LOGICAL;
    bool gb_dict = cfg->dict && strncmp(cfg->dict, "en_GB", 5) == 0;
    size_t idx[NRULES];
    for (int i = 0; i < NRULES; i++) {
        long r = check_register(reg, rules[i].id, rules[i].level, MTL_CAT_PUNCTUATION,
                                rules[i].description, diags);
        if (r < 0) return false;
        idx[i] = (size_t)r;
    }
    quotes_check *qc = xcalloc(1, sizeof *qc);
    memcpy(qc->rule, idx, sizeof idx);
    qc->qp = quotes_open();
    qc->wanted = -1;
    qc->punct = punct;
    qc->fallback = gb_dict ? PUNCT_LOGICAL : PUNCT_AMERICAN;
    for (size_t i = 0; i < NEXAMPLES; i++) {
        qc->examples[i] = check_example_own(&examples[i].ex, idx[examples[i].rule], "src/check_quotes.c", i + 1);
    }
    *p = (pass){.name = "quotes", .state = qc, .prepare = quotes_prepare, .run = quotes_run, .close = quotes_free,
                .examples = qc->examples, .nexamples = NEXAMPLES, .fork = quotes_fork};
    return true;
}
