/* quotes.c - the quote parser (see quotes.h).
 *
 * Each block is read in two steps. First every quotation mark is collected
 * with its surroundings: the characters on either side give its position
 * (opening: after a space or "(", before a word; closing: after a word,
 * before a space or punctuation; inner: word on both sides; isolated: space
 * on both sides). Then the marks are walked with a stack of open
 * quotations, and the position, the mark as typed and what is open decide
 * whether the mark opens, closes or is an apostrophe, and what is wrong
 * with it. Straight marks have no direction, so only their position and
 * the stack speak for them. */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "bytes16.h"
#include "util.h"

enum { FAM_DOUBLE, FAM_SINGLE };

/* A mark as typed. */
enum {
    T_OPEN,     /* “ ‘ */
    T_CLOSE,    /* ” ’ */
    T_STRAIGHT, /* " ' */
    T_FOPEN,    /* « ‹ „ ‚ 「 『: opening marks of other languages */
    T_FCLOSE    /* » › 」 』 */
};

enum { POS_OPEN, POS_CLOSE, POS_INNER, POS_ISOLATED };

enum { R_NONE, R_OPEN, R_CLOSE, R_APOS, R_IGNORE };

typedef struct qmark {
    size_t start, end;
    size_t ws_before;     /* start of the white space right before the mark */
    size_t ws_after;      /* end of the white space right after it */
    int32_t cp;
    int32_t prev, next;   /* adjacent code points; -1 at the block's edges */
    int32_t prev_ns;      /* nearest non-space code point before; -1 if none */
    bool after_stop;      /* a sentence ends before it: "end.' \"" */
    int32_t next_ns;      /* nearest non-space code point after; -1 if none */
    uint8_t fam, type, pos, role;
    bool low;             /* „ or ‚: the German-style closer “ / ‘ ends it */
    bool apos;            /* decided in advance: second mark of 'n' */
    bool later_closer;    /* a single mark that may close comes later */
} qmark;

typedef struct qopen {
    size_t start, end;    /* the opening mark */
    size_t from;          /* where its span starts in the current block */
    int32_t cp;
    int32_t prev_ns;      /* the opening mark's nearest non-space before */
    uint8_t fam;
    bool low;
    unsigned hops;        /* 1: opened in the previous paragraph */
    bool has_nested;      /* a quotation of the same kind was closed inside */
    size_t nested_start, nested_end;
    int32_t nested_cp;
} qopen;

struct quote_parser {
    struct { qmark *v; size_t n, cap; } marks;
    /* Open quotations. What a paragraph leaves open stays open in the
     * next one, which may reopen it (news convention) or close it. */
    struct { qopen *v; size_t n, cap; } stack;
    struct { quote_issue *v; size_t n, cap; } issues;
    struct { doc_span *v; size_t n, cap; } spans;
    /* straight vs curly double marks, for Quotes.Mixed */
    size_t n_straight, n_curly;
    size_t straight_at, straight_end, curly_at, curly_end;
    int32_t curly_cp;
    uint8_t straight_role;
    /* the block being walked */
    const char *view;
    size_t bstart, bend, first_ns;
    int next_opens;       /* the next paragraph opens with a mark of family
                             next_opens - 1; 0 when it does not */
    bool line_after_stop; /* one segment per line: the line before ended a sentence */
};

/* ---- characters ---- */

static bool is_space(int32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           (c >= 0x80 && u_isUWhiteSpace(c));
}

static bool is_dash(int32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015); }

/* Every quotation mark mtlint reads: its family, how it is typed, whether
 * it is a low-9 opening (the German pair „…“ closes it with a high mark),
 * and the English mark a foreign one stands for. */
typedef struct mark_kind {
    int32_t cp;
    uint8_t fam, type;
    bool low;
    int32_t english;
} mark_kind;

static const mark_kind mark_kinds[] = {
    {'"', FAM_DOUBLE, T_STRAIGHT, false, '"'},       {'\'', FAM_SINGLE, T_STRAIGHT, false, '\''},
    {0x201C, FAM_DOUBLE, T_OPEN, false, 0x201C},     {0x201F, FAM_DOUBLE, T_OPEN, false, 0x201C},
    {0x201D, FAM_DOUBLE, T_CLOSE, false, 0x201D},    {0x2018, FAM_SINGLE, T_OPEN, false, 0x2018},
    {0x201B, FAM_SINGLE, T_OPEN, false, 0x2018},     {0x2019, FAM_SINGLE, T_CLOSE, false, 0x2019},
    {0x00AB, FAM_DOUBLE, T_FOPEN, false, 0x201C},    {0x300C, FAM_DOUBLE, T_FOPEN, false, 0x201C},
    {0x00BB, FAM_DOUBLE, T_FCLOSE, false, 0x201D},   {0x300D, FAM_DOUBLE, T_FCLOSE, false, 0x201D},
    {0x2039, FAM_SINGLE, T_FOPEN, false, 0x2018},    {0x300E, FAM_SINGLE, T_FOPEN, false, 0x2018},
    {0x203A, FAM_SINGLE, T_FCLOSE, false, 0x2019},   {0x300F, FAM_SINGLE, T_FCLOSE, false, 0x2019},
    {0x201E, FAM_DOUBLE, T_FOPEN, true, 0x201C},     {0x201A, FAM_SINGLE, T_FOPEN, true, 0x2018},
};

static const mark_kind *mark_kind_of(int32_t c) {
    for (size_t i = 0; i < sizeof mark_kinds / sizeof *mark_kinds; i++)
        if (mark_kinds[i].cp == c) return &mark_kinds[i];
    return NULL;
}

static int32_t curly(uint8_t fam, bool open) {
    if (fam == FAM_DOUBLE) return open ? 0x201C : 0x201D;
    return open ? 0x2018 : 0x2019;
}

/* Before a mark, these put it in opening position. */
static bool opening_context(int32_t c) {
    if (c < 0 || is_space(c) || is_dash(c)) return true;
    switch (c) {
    case '(': case '[': case '{': case '<': case '/': case 0xA1: case 0xBF:
    case 0x201C: case 0x201F: case 0x2018: case 0x201B: case 0x201E: case 0x201A:
    case 0x00AB: case 0x2039: case 0x300C: case 0x300E:
        return true;
    default:
        return false;
    }
}

/* After a mark, these put it in closing position. */
static bool closing_context(int32_t c) {
    if (c < 0 || is_space(c) || is_dash(c)) return true;
    switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']':
    case '}': case '>': case '/': case 0x2026:
    case 0x201D: case 0x2019: case 0x00BB: case 0x203A: case 0x300D: case 0x300F:
        return true;
    default:
        return false;
    }
}

static bool is_term_punct(int32_t c) {
    return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0x2026;
}

static bool is_quote_char(int32_t c) { return mark_kind_of(c) != NULL; }

static bool is_lower(int32_t c) { return c >= 0 && (c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c)); }
static bool is_alnum(int32_t c) { return c >= 0 && (c < 0x80 ? (ascii_isalpha(c) || ascii_isdigit(c)) : u_isalnum(c)); }

static int32_t cp_at(const char *v, size_t i, size_t end) {
    if (i >= end) return -1;
    size_t k = i;
    return u8_decode(v, end, &k);
}

static int32_t cp_before(const char *v, size_t i, size_t start) {
    if (i <= start) return -1;
    size_t k = u8_prev(v, i);
    return u8_decode(v, i, &k);
}

/* Elided words written with a leading apostrophe: 'tis, 'em, rock 'n' roll
 * (and a possessive 's split from its word).
 * Digits ('90s, '05) are handled apart. */
static const char *const elisions[] = {"tis", "twas", "twere", "twill", "twould", "em", "n", "til",
                                       "cause", "cos", "cuz", "bout", "round", "nuff", "neath",
                                       "gainst", "fraid", "s", NULL};

/* Whether the text at k (just after a mark) makes the mark an apostrophe;
 * *n_pair tells that the elision is "n" closed by another apostrophe. */
static bool elision_after(const char *v, size_t k, size_t end, bool *n_pair) {
    *n_pair = false;
    if (k < end && ascii_isdigit(v[k])) return true; /* '90s, '05, a code like '771 */
    char w[8];
    size_t n = 0;
    while (k + n < end && ascii_isalpha(v[k + n])) {
        if (n == sizeof w - 1) return false;
        w[n] = (char)ascii_tolower(v[k + n]);
        n++;
    }
    if (n == 0 || (k + n < end && (unsigned char)v[k + n] >= 0x80 && is_alnum(cp_at(v, k + n, end))))
        return false;
    w[n] = '\0';
    for (const char *const *e = elisions; *e; e++) {
        if (strcmp(*e, w) != 0) continue;
        if (strcmp(w, "n") == 0) {
            /* a lone 'n is no word: only 'n' counts */
            int32_t c = cp_at(v, k + 1, end);
            if (c != '\'' && c != 0x2019 && c != 0x2018) return false;
            *n_pair = true;
        }
        return true;
    }
    return false;
}

/* ---- collecting the marks of a block ---- */

/* Whether byte b may start a quotation mark: a straight mark, or the lead
 * byte of « » (C2), of the curly, low-9 and angle marks (E2), or of the
 * corner brackets (E3). */
static bool mark_lead(unsigned char b) {
    return b == '"' || b == '\'' || b == 0xC2 || b == 0xE2 || b == 0xE3;
}

/* The first byte in [i, e) that may start a quotation mark, or e. Most of
 * the text has none, so it is read sixteen bytes a test (bytes16.h). */
static size_t next_mark_lead(const char *v, size_t i, size_t e) {
    for (; i + 16 <= e; i += 16) {
        bytes16 x = bytes16_load(v + i);
        size_t k = bytes16_first((bytes16)((x == '"') | (x == '\'') | (x == 0xC2) | (x == 0xE2) | (x == 0xE3)));
        if (k < 16) return i + k;
    }
    while (i < e && !mark_lead((unsigned char)v[i])) i++;
    return i;
}

static void collect_marks(quote_parser *qp) {
    const char *v = qp->view;
    size_t s = qp->bstart, e = qp->bend;
    qp->marks.n = 0;
    for (size_t i = next_mark_lead(v, s, e); i < e; i = next_mark_lead(v, i, e)) {
        size_t k = i;
        int32_t c = u8_decode(v, e, &k);
        const mark_kind *mk = mark_kind_of(c);
        if (!mk) {
            i = k;
            continue;
        }
        qmark m = {.fam = mk->fam, .type = mk->type, .low = mk->low};
        if (c == '\'' && k < e && v[k] == '\'') {
            /* two apostrophes typed for a double quote */
            c = '"';
            m.fam = FAM_DOUBLE;
            k++;
        }
        m.cp = c;
        m.start = i;
        m.end = k;
        m.prev = cp_before(v, i, s);
        m.next = cp_at(v, k, e);
        size_t j = i;
        while (j > s) {
            size_t p = u8_prev(v, j);
            size_t q = p;
            if (!is_space(u8_decode(v, j, &q))) break;
            j = p;
        }
        m.ws_before = j;
        m.prev_ns = cp_before(v, j, s);
        /* back over closing marks and brackets to the sentence's end */
        while (j > s) {
            size_t p = u8_prev(v, j), q = p;
            int32_t pc = u8_decode(v, j, &q);
            if (pc == '.' || pc == '!' || pc == '?' || pc == 0x2026) m.after_stop = true;
            if (!(pc == '"' || pc == '\'' || pc == 0x201D || pc == 0x2019 || pc == ')')) break;
            j = p;
        }
        j = k;
        while (j < e) {
            size_t q = j;
            if (!is_space(u8_decode(v, e, &q))) break;
            j = q;
        }
        m.ws_after = j;
        m.next_ns = cp_at(v, j, e);

        /* Position. A straight mark next to this one takes its own
         * position into account: "'Hello" opens twice. */
        bool po, pc;
        if (m.prev == '"' || m.prev == '\'') {
            const qmark *pm = qp->marks.n ? &qp->marks.v[qp->marks.n - 1] : NULL;
            po = pm && pm->end == i && (pm->pos == POS_OPEN || pm->pos == POS_ISOLATED);
        } else {
            po = opening_context(m.prev);
        }
        if (m.next == '"' || m.next == '\'') {
            pc = closing_context(cp_at(v, k + 1, e));
        } else {
            pc = closing_context(m.next);
        }
        m.pos = po ? (pc ? POS_ISOLATED : POS_OPEN) : (pc ? POS_CLOSE : POS_INNER);
        VEC_PUSH(qp->marks, m);
        i = k;
    }
    /* Which single marks have a possible closer after them, before another
     * opening mark: a plural possessive (the presidents' plan) only closes
     * a quotation when nothing later could. */
    bool seen = false;
    for (size_t n = qp->marks.n; n-- > 0;) {
        qmark *m = &qp->marks.v[n];
        m->later_closer = seen;
        if (m->fam != FAM_SINGLE) continue;
        bool n_pair;
        if (m->type != T_OPEN && m->type != T_FOPEN &&
            (m->pos == POS_CLOSE || m->pos == POS_ISOLATED ||
             (m->pos == POS_INNER && is_term_punct(m->prev))))
            seen = true;
        else if (m->pos == POS_OPEN && !elision_after(v, m->end, e, &n_pair))
            seen = false; /* a closer after the next opener is that one's */
    }
}

/* ---- issues ---- */

static quote_issue *add_issue(quote_parser *qp, quote_issue_kind kind, quote_role role, size_t s,
                              size_t e, int32_t mark) {
    quote_issue is = {.kind = kind, .role = role, .start = s, .end = e, .mark = mark};
    VEC_PUSH(qp->issues, is);
    return &qp->issues.v[qp->issues.n - 1];
}

/* A fix: a mark, with a space before or after it when one is missing. */
typedef struct qfix {
    int32_t cp;
    bool space_before, space_after;
} qfix;

static void set_fix(quote_issue *is, qfix fx) {
    size_t n = 0;
    if (fx.space_before) is->fix[n++] = ' ';
    n += u8_encode(fx.cp, is->fix + n);
    if (fx.space_after) is->fix[n++] = ' ';
    is->fix[n] = '\0';
    is->has_fix = true;
}

/* ---- the stack ---- */

static void add_span(quote_parser *qp, size_t s, size_t e) {
    doc_span sp = {s, e};
    VEC_PUSH(qp->spans, sp);
}

static bool top_is(const quote_parser *qp, uint8_t fam) {
    return qp->stack.n && qp->stack.v[qp->stack.n - 1].fam == fam;
}

static bool has_open(const quote_parser *qp, uint8_t fam) {
    for (size_t i = qp->stack.n; i-- > 0;)
        if (qp->stack.v[i].fam == fam) return true;
    return false;
}

static void unclosed(quote_parser *qp, const qopen *o) {
    add_issue(qp, QUOTE_UNCLOSED, QUOTE_AS_OPEN, o->start, o->end, o->cp);
}

/* News convention inside a paragraph too: a quotation running over
 * several sentences may reopen at each of them ("...Olympics. "The amber
 * light"), and flattened copy keeps those marks in one block. */
static bool reopens(const quote_parser *qp, const qmark *m) {
    bool after_sentence = (m->ws_before < m->start && m->after_stop) ||
                          (qp->line_after_stop && m->start == qp->first_ns); /* segments: the line break */
    return top_is(qp, m->fam) && after_sentence && !is_lower(m->next_ns);
}

static void do_open(quote_parser *qp, qmark *m) {
    m->role = R_OPEN;
    if (reopens(qp, m)) {
        /* within its paragraph, a reopened quotation goes on; one left
         * open by an earlier paragraph that did not reopen it ends here */
        qopen *top = &qp->stack.v[--qp->stack.n];
        add_span(qp, top->from, m->ws_before);
        if (top->hops > 0) unclosed(qp, top);
    } else if (m->start == qp->first_ns && top_is(qp, m->fam) &&
               qp->stack.v[qp->stack.n - 1].hops == 1) {
        /* a paragraph opening with the mark of the quotation the previous
         * one left open continues it (its span ended there); after a
         * paragraph that did not reopen it, a new one starts */
        qp->stack.n--;
    }
    qopen o = {.start = m->start, .end = m->end, .from = m->start, .cp = m->cp, .fam = m->fam,
               .low = m->low, .prev_ns = m->prev_ns};
    VEC_PUSH(qp->stack, o);
}

/* Whether quotation o, closed by m, is a sentence of its own: it follows
 * ':' or ',' ("He said: “We will win.”", `he said, “it is over.”`), or it
 * starts with a capital or a digit and opens its sentence (or follows a
 * dash or a bracket), or runs to five words or more, or
 * to three with no capital after the first word (`said “We will win.”`).
 * Anything else is a word or a name quoted inside a sentence of the
 * writer's: `called it “a disgrace”`, `the “Belt and Road”`. */
static bool quoted_sentence(const quote_parser *qp, const qopen *o, const qmark *m) {
    int32_t b = o->prev_ns;
    if (b == ':' || b == ',') return true; /* he said, “it is over.” */
    size_t k = o->end;
    while (k < m->start && is_space(cp_at(qp->view, k, m->start))) k++;
    int32_t first = cp_at(qp->view, k, m->start);
    if (first < 0 || is_lower(first) || !is_alnum(first)) return false;
    if (b < 0 || b == '.' || b == '!' || b == '?' || is_dash(b) || b == '(' || is_quote_char(b))
        return true;
    unsigned words = 1, caps = 0;
    for (size_t i = k; i + 1 < m->start; i++) {
        if (qp->view[i] != ' ' || qp->view[i + 1] == ' ') continue;
        words++;
        int32_t c = cp_at(qp->view, i + 1, m->start);
        if (c >= 0 && !is_lower(c) && is_alnum(c)) caps++;
    }
    return words >= 5 || (words >= 3 && caps == 0);
}

/* A period or comma at closing mark m of quotation o: after the mark, on
 * quoted matter without its own (logical style; American puts it inside),
 * or inside the mark on a quoted word or phrase (American style; logical
 * puts it after). Each is recorded with the other style's text as its fix;
 * check_quotes.c decides which style is wanted. */
static void check_punct(quote_parser *qp, const qmark *m, const qopen *o) {
    size_t k = m->end;
    const char *v = qp->view;
    size_t ml = m->end - m->start;
    if (k < qp->bend && (v[k] == '.' || v[k] == ',')) {
        if (k + 1 < qp->bend && v[k + 1] == '.') return; /* an ellipsis */
        if (is_term_punct(m->prev) || is_quote_char(m->prev)) return;
        quote_issue *is = add_issue(qp, QUOTE_PUNCT_OUTSIDE, QUOTE_AS_CLOSE, m->start, k + 1, m->cp);
        is->fix[0] = v[k];
        memcpy(is->fix + 1, v + m->start, ml);
        is->fix[1 + ml] = '\0';
        is->has_fix = true;
        return;
    }
    size_t p = m->start;
    if (p < o->end + 2 || (v[p - 1] != '.' && v[p - 1] != ',')) return;
    if (v[p - 2] == '.' || is_term_punct(cp_before(v, p - 1, o->end))) return; /* "wait..." */
    if (quoted_sentence(qp, o, m)) return;
    /* a closing bracket or mark right after: `(the “plan,”)` is unclear */
    int32_t after = cp_at(v, k, qp->bend);
    if (after >= 0 && !is_space(after)) return;
    quote_issue *is = add_issue(qp, QUOTE_PUNCT_INSIDE, QUOTE_AS_CLOSE, p - 1, m->end, m->cp);
    memcpy(is->fix, v + m->start, ml);
    is->fix[ml] = v[p - 1];
    is->fix[ml + 1] = '\0';
    is->has_fix = true;
}

enum { CLOSED, NONE_OPEN, OPENED_EARLIER };

/* Closes the innermost open quotation of m's family: CLOSED, or NONE_OPEN,
 * or OPENED_EARLIER when it was left open by the previous paragraph,
 * which did not reopen it (it is closed all the same). */
static int do_close(quote_parser *qp, qmark *m) {
    size_t i = qp->stack.n;
    while (i-- > 0)
        if (qp->stack.v[i].fam == m->fam) break;
    if (i == (size_t)-1) return NONE_OPEN;
    if (qp->stack.v[i].hops > 0) {
        /* Opened in an earlier paragraph, and this one did not reopen it:
         * the closing mark is the one reported. */
        for (size_t j = qp->stack.n; j-- > i + 1;) unclosed(qp, &qp->stack.v[j]);
        add_span(qp, qp->stack.v[i].from, m->end);
        qp->stack.n = i;
        return OPENED_EARLIER;
    }
    /* Quotations opened inside this one and never closed. */
    for (size_t j = qp->stack.n; j-- > i + 1;) {
        unclosed(qp, &qp->stack.v[j]);
        add_span(qp, qp->stack.v[j].from, m->start);
    }
    qopen o = qp->stack.v[i];
    qp->stack.n = i;
    m->role = R_CLOSE;
    add_span(qp, o.from, m->end);
    if (o.has_nested) {
        quote_issue *is = add_issue(qp, QUOTE_NESTING, QUOTE_AS_OPEN, o.nested_start, o.nested_end,
                                    o.nested_cp);
        is->other = o.start;
        set_fix(is, (qfix){.cp = curly(o.fam == FAM_DOUBLE ? FAM_SINGLE : FAM_DOUBLE, true)});
    }
    /* Same kind inside same kind: tell the enclosing one, which reports it
     * if it is closed too (if not, the inner one was no nesting at all). */
    for (size_t j = i; j-- > 0;) {
        qopen *outer = &qp->stack.v[j];
        if (outer->fam != o.fam) continue;
        if (!outer->has_nested) {
            outer->has_nested = true;
            outer->nested_start = o.start;
            outer->nested_end = o.end;
            outer->nested_cp = o.cp;
        }
        break;
    }
    check_punct(qp, m, &o);
    return CLOSED;
}

/* A closing mark with nothing to close in its paragraph. */
static void unopened(quote_parser *qp, qmark *m, bool earlier) {
    m->role = R_CLOSE;
    quote_issue *is = add_issue(qp, QUOTE_UNOPENED, QUOTE_AS_CLOSE, m->start, m->end, m->cp);
    is->count = earlier;
}

static void close_or_report(quote_parser *qp, qmark *m) {
    int r = do_close(qp, m);
    if (r == CLOSED) return;
    /* A straight mark ending the paragraph, before one that opens with a
     * quotation: the reopening mark of a continued quotation, left behind
     * when the paragraph break moved. */
    if (m->type == T_STRAIGHT && m->next_ns < 0 && qp->next_opens == m->fam + 1) {
        m->role = R_IGNORE;
        return;
    }
    unopened(qp, m, r == OPENED_EARLIER);
}

/* Whether a mark right after ", " and before a lower-case word closes the
 * quotation that is open: `first, “said` is `first,” said` mistyped. The
 * slip is made within a sentence, so only a quotation opened in this
 * block counts: with one segment per line, one running on from an
 * earlier line (`"Since 1978 ...` then `development, "with capital ...`)
 * was left open there, and this mark opens a quotation of its own. */
static bool misplaced_close(const quote_parser *qp, const qmark *m) {
    if (!top_is(qp, m->fam)) return false;
    const qopen *o = &qp->stack.v[qp->stack.n - 1];
    return o->hops == 0 && o->start >= qp->bstart && is_term_punct(m->prev_ns) && is_lower(m->next_ns);
}

/* ---- the walk ---- */

/* A single mark in closing position while a single quotation is open:
 * after an s it may be a plural possessive, if something later can close. */
static void close_single(quote_parser *qp, qmark *m) {
    if ((m->prev == 's' || m->prev == 'S') && m->later_closer) {
        m->role = R_APOS;
        return;
    }
    do_close(qp, m);
}

static void apostrophe_pair(quote_parser *qp, size_t idx) {
    /* rock 'n' roll: the mark after the n is an apostrophe too */
    qmark *m = &qp->marks.v[idx];
    if (idx + 1 < qp->marks.n && qp->marks.v[idx + 1].start == m->end + 1)
        qp->marks.v[idx + 1].apos = true;
}

/* What each mark does is decided by the table below: family × type as
 * typed × position (opening, closing, inside a word, isolated) × a guard
 * on the context, giving at most one issue (when its own condition
 * holds) and one action on the stack of open quotations. The first row
 * that fits wins, so a row's guard is read as "else if". */

enum { G_ANY, G_LOW_TOP, G_MISPLACED, G_SP_MISPLACED, G_TOP, G_TOP_ENDS, G_TOP_AFTER_STOP,
       G_TOP_AFTER_STOP_NOT_COLON, G_HAS_OPEN, G_INCHES, G_NO_NEXT, G_ELISION, G_NO_LATER, G_APOS,
       G_APOS_LEFT, G_GUILLEMET_SPACE_AFTER, G_GUILLEMET_SPACE_BEFORE };

/* When a row's issue is reported. */
enum { W_NEVER, W_ALWAYS, W_UNMASKED_BEFORE, W_UNMASKED_AFTER, W_SP_BEFORE, W_SP_AFTER, W_SP_AFTER_TEXT };

/* The issue's span: from the mark or from the space before it, to the
 * mark's end or the end of the space after it. */
enum { SPAN_MARK, SPAN_WITH_SPACE_BEFORE, SPAN_WITH_SPACE_AFTER };

/* The fix: the mark itself, the family's closing or opening curly mark,
 * or the English mark a foreign one stands for; then whether a space
 * goes before or after it (always, or unless markup touches that side). */
enum { FIX_SAME, FIX_CLOSE, FIX_OPEN, FIX_ENGLISH };
enum { SP_NO, SP_YES, SP_UNMASKED };

enum { A_OPEN, A_CLOSE, A_CLOSE_OR_ROLE, A_CLOSE_OR_REPORT, A_CLOSE_SINGLE, A_APOS, A_APOS_ELISION, A_IGNORE };

#define F_D (1u << FAM_DOUBLE)
#define F_S (1u << FAM_SINGLE)
#define F_ALL (F_D | F_S)
#define TY(t) (1u << (t))
#define P_OPEN (1u << POS_OPEN)
#define P_CLOSE (1u << POS_CLOSE)
#define P_INNER (1u << POS_INNER)
#define P_ISOL (1u << POS_ISOLATED)
#define P_ALL (P_OPEN | P_CLOSE | P_INNER | P_ISOL)

typedef struct walk_row {
    uint8_t fams, types, poss, guard;
    uint8_t when, kind, role, span, fix, sp_before, sp_after; /* the issue */
    uint8_t action;
} walk_row;

#define NO_ISSUE W_NEVER, 0, 0, SPAN_MARK, FIX_SAME, SP_NO, SP_NO

static const walk_row walk_table[] = {
    /* single marks the previous mark decided: rock 'n' roll */
    {F_S, TY(T_OPEN), P_ALL, G_APOS_LEFT,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_APOSTROPHE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_APOS},
    {F_S, 0xFF, P_ALL, G_APOS, NO_ISSUE, A_APOS},
    /* „…“ and ‚…‘: a low-9 opening closed by a high "opening" mark, the
     * German pair; reported as foreign, with the English closing mark */
    {F_ALL, TY(T_OPEN), P_CLOSE | P_INNER | P_ISOL, G_LOW_TOP,
     W_ALWAYS, QUOTE_FOREIGN, QUOTE_AS_CLOSE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_CLOSE},

    /* “ and ‘ */
    {F_D, TY(T_OPEN), P_OPEN, G_MISPLACED,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_CLOSE, SP_NO, SP_YES, A_CLOSE},
    {F_S, TY(T_OPEN), P_OPEN, G_ELISION, /* ‘tis, ‘90s: an apostrophe typed as an opening quote */
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_APOSTROPHE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_APOS_ELISION},
    {F_ALL, TY(T_OPEN), P_OPEN, G_ANY, NO_ISSUE, A_OPEN},
    {F_D, TY(T_OPEN), P_INNER, G_TOP_ENDS,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_UNMASKED, A_CLOSE},
    {F_D, TY(T_OPEN), P_INNER, G_ANY,
     W_UNMASKED_BEFORE, QUOTE_SPACE_MISSING, QUOTE_AS_OPEN, SPAN_MARK, FIX_SAME, SP_YES, SP_NO, A_OPEN},
    {F_S, TY(T_OPEN), P_INNER, G_TOP_AFTER_STOP,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_YES, A_CLOSE},
    {F_S, TY(T_OPEN), P_INNER, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_APOSTROPHE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_APOS},
    {F_D, TY(T_OPEN), P_CLOSE, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_CLOSE_OR_ROLE},
    {F_S, TY(T_OPEN), P_CLOSE, G_HAS_OPEN,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_CLOSE},
    {F_S, TY(T_OPEN), P_CLOSE, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_APOSTROPHE, SPAN_MARK, FIX_CLOSE, SP_NO, SP_NO, A_APOS},
    /* with space on both sides: it closes an open quotation of its family
     * (typed the wrong way round), or else opens one with a space inside */
    {F_ALL, TY(T_OPEN), P_ISOL, G_TOP,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_CLOSE, SP_NO, SP_NO, A_CLOSE},
    {F_ALL, TY(T_OPEN), P_ISOL, G_ANY,
     W_SP_AFTER_TEXT, QUOTE_SPACE_INSIDE, QUOTE_AS_OPEN, SPAN_WITH_SPACE_AFTER, FIX_SAME, SP_NO, SP_NO, A_OPEN},

    /* ” */
    {F_D, TY(T_CLOSE), P_CLOSE, G_ANY, NO_ISSUE, A_CLOSE_OR_REPORT},
    {F_D, TY(T_CLOSE), P_OPEN, G_MISPLACED,
     W_ALWAYS, QUOTE_SPACE_INSIDE, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_SAME, SP_NO, SP_YES, A_CLOSE},
    {F_D, TY(T_CLOSE), P_OPEN, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_OPEN, SPAN_MARK, FIX_OPEN, SP_NO, SP_NO, A_OPEN},
    {F_D, TY(T_CLOSE), P_INNER, G_TOP,
     W_UNMASKED_AFTER, QUOTE_SPACE_MISSING, QUOTE_AS_CLOSE, SPAN_MARK, FIX_SAME, SP_NO, SP_YES, A_CLOSE},
    {F_D, TY(T_CLOSE), P_INNER, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_OPEN, SPAN_MARK, FIX_OPEN, SP_UNMASKED, SP_NO, A_OPEN},
    {F_D, TY(T_CLOSE), P_ISOL, G_TOP,
     W_SP_BEFORE, QUOTE_SPACE_INSIDE, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_SAME, SP_NO, SP_NO, A_CLOSE},
    {F_D, TY(T_CLOSE), P_ISOL, G_ANY, NO_ISSUE, A_CLOSE_OR_REPORT},

    /* " */
    {F_D, TY(T_STRAIGHT), P_OPEN, G_SP_MISPLACED,
     W_ALWAYS, QUOTE_SPACE_INSIDE, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_SAME, SP_NO, SP_YES, A_CLOSE},
    {F_D, TY(T_STRAIGHT), P_OPEN, G_ANY, NO_ISSUE, A_OPEN},
    {F_D, TY(T_STRAIGHT), P_CLOSE | P_INNER, G_INCHES, NO_ISSUE, A_IGNORE}, /* a 6" pipe */
    {F_D, TY(T_STRAIGHT), P_CLOSE, G_ANY, NO_ISSUE, A_CLOSE_OR_REPORT},
    {F_D, TY(T_STRAIGHT), P_INNER, G_TOP,
     W_UNMASKED_AFTER, QUOTE_SPACE_MISSING, QUOTE_AS_CLOSE, SPAN_MARK, FIX_SAME, SP_NO, SP_YES, A_CLOSE},
    {F_D, TY(T_STRAIGHT), P_INNER, G_ANY,
     W_UNMASKED_BEFORE, QUOTE_SPACE_MISSING, QUOTE_AS_OPEN, SPAN_MARK, FIX_SAME, SP_YES, SP_NO, A_OPEN},
    {F_D, TY(T_STRAIGHT), P_ISOL, G_TOP,
     W_SP_BEFORE, QUOTE_SPACE_INSIDE, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_SAME, SP_NO, SP_NO, A_CLOSE},
    {F_D, TY(T_STRAIGHT), P_ISOL, G_NO_NEXT, NO_ISSUE, A_CLOSE_OR_REPORT},
    {F_D, TY(T_STRAIGHT), P_ISOL, G_ANY,
     W_SP_AFTER, QUOTE_SPACE_INSIDE, QUOTE_AS_OPEN, SPAN_WITH_SPACE_AFTER, FIX_SAME, SP_NO, SP_NO, A_OPEN},

    /* ’ and ': mostly apostrophes */
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_INNER, G_TOP_AFTER_STOP_NOT_COLON,
     W_ALWAYS, QUOTE_SPACE_MISSING, QUOTE_AS_CLOSE, SPAN_MARK, FIX_SAME, SP_NO, SP_YES, A_CLOSE},
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_INNER, G_ANY, NO_ISSUE, A_APOS}, /* don't, Peru's */
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_CLOSE, G_HAS_OPEN, NO_ISSUE, A_CLOSE_SINGLE},
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_CLOSE, G_ANY, NO_ISSUE, A_APOS}, /* presidents', goin' */
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_OPEN, G_ELISION, NO_ISSUE, A_APOS_ELISION},
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_OPEN, G_NO_LATER, NO_ISSUE, A_APOS}, /* nothing closes it: 'bot */
    {F_S, TY(T_CLOSE), P_OPEN, G_ANY,
     W_ALWAYS, QUOTE_DIRECTION, QUOTE_AS_OPEN, SPAN_MARK, FIX_OPEN, SP_NO, SP_NO, A_OPEN},
    {F_S, TY(T_STRAIGHT), P_OPEN, G_ANY, NO_ISSUE, A_OPEN},
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_ISOL, G_TOP,
     W_SP_BEFORE, QUOTE_SPACE_INSIDE, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_SAME, SP_NO, SP_NO, A_CLOSE},
    {F_S, TY(T_CLOSE) | TY(T_STRAIGHT), P_ISOL, G_ANY, NO_ISSUE, A_IGNORE},

    /* « » ‹ › „ ‚ 「 」 『 』: other languages' marks, with the English fix;
     * French spacing inside guillemets goes with them */
    {F_D, TY(T_FOPEN), P_ALL, G_GUILLEMET_SPACE_AFTER,
     W_ALWAYS, QUOTE_FOREIGN, QUOTE_AS_OPEN, SPAN_WITH_SPACE_AFTER, FIX_ENGLISH, SP_NO, SP_NO, A_OPEN},
    {F_ALL, TY(T_FOPEN), P_ALL, G_ANY,
     W_ALWAYS, QUOTE_FOREIGN, QUOTE_AS_OPEN, SPAN_MARK, FIX_ENGLISH, SP_NO, SP_NO, A_OPEN},
    {F_D, TY(T_FCLOSE), P_ALL, G_GUILLEMET_SPACE_BEFORE,
     W_ALWAYS, QUOTE_FOREIGN, QUOTE_AS_CLOSE, SPAN_WITH_SPACE_BEFORE, FIX_ENGLISH, SP_NO, SP_NO, A_CLOSE_OR_ROLE},
    {F_ALL, TY(T_FCLOSE), P_ALL, G_ANY,
     W_ALWAYS, QUOTE_FOREIGN, QUOTE_AS_CLOSE, SPAN_MARK, FIX_ENGLISH, SP_NO, SP_NO, A_CLOSE_OR_ROLE},
};

/* What a row's guard and conditions read of one mark, worked out once. */
typedef struct mark_ctx {
    bool sp_before, sp_after, mask_before, mask_after;
    bool elision, n_pair; /* an elision follows (‘tis); "'n'" */
} mark_ctx;

static bool guard_holds(const quote_parser *qp, const qmark *m, const mark_ctx *c, unsigned g) {
    switch (g) {
    case G_ANY: return true;
    case G_LOW_TOP: return qp->stack.n && qp->stack.v[qp->stack.n - 1].low && top_is(qp, m->fam);
    case G_MISPLACED: return misplaced_close(qp, m);
    case G_SP_MISPLACED: return c->sp_before && misplaced_close(qp, m);
    case G_TOP: return top_is(qp, m->fam);
    case G_TOP_ENDS: return top_is(qp, m->fam) && (is_term_punct(m->prev) || is_lower(m->next));
    case G_TOP_AFTER_STOP: return top_is(qp, m->fam) && is_term_punct(m->prev);
    case G_TOP_AFTER_STOP_NOT_COLON: return top_is(qp, m->fam) && is_term_punct(m->prev) && m->prev != ':';
    case G_HAS_OPEN: return has_open(qp, m->fam);
    case G_INCHES: return ascii_isdigit(m->prev) && !has_open(qp, FAM_DOUBLE);
    case G_NO_NEXT: return m->next_ns < 0;
    case G_ELISION: return c->elision;
    case G_NO_LATER: return !m->later_closer;
    case G_APOS: return m->apos;
    case G_APOS_LEFT: return m->apos && m->cp == 0x2018;
    case G_GUILLEMET_SPACE_AFTER: return m->cp == 0x00AB && c->sp_after && m->next_ns >= 0;
    default: /* G_GUILLEMET_SPACE_BEFORE */ return m->cp == 0x00BB && c->sp_before;
    }
}

static bool issue_due(const qmark *m, const mark_ctx *c, unsigned when) {
    switch (when) {
    case W_NEVER: return false;
    case W_ALWAYS: return true;
    case W_UNMASKED_BEFORE: return !c->mask_before;
    case W_UNMASKED_AFTER: return !c->mask_after;
    case W_SP_BEFORE: return c->sp_before;
    case W_SP_AFTER: return c->sp_after;
    default: /* W_SP_AFTER_TEXT */ return c->sp_after && m->next_ns >= 0;
    }
}

static void row_issue(quote_parser *qp, const qmark *m, const mark_ctx *c, const walk_row *r) {
    size_t s = r->span == SPAN_WITH_SPACE_BEFORE ? m->ws_before : m->start;
    size_t e = r->span == SPAN_WITH_SPACE_AFTER ? m->ws_after : m->end;
    int32_t fix = m->cp;
    if (r->fix == FIX_CLOSE || r->fix == FIX_OPEN) {
        fix = curly(m->fam, r->fix == FIX_OPEN);
    } else if (r->fix == FIX_ENGLISH) {
        const mark_kind *mk = mark_kind_of(m->cp);
        if (mk) fix = mk->english;
    }
    bool before = r->sp_before == SP_YES || (r->sp_before == SP_UNMASKED && !c->mask_before);
    bool after = r->sp_after == SP_YES || (r->sp_after == SP_UNMASKED && !c->mask_after);
    set_fix(add_issue(qp, r->kind, r->role, s, e, m->cp), (qfix){.cp = fix, .space_before = before, .space_after = after});
}

static void walk_mark(quote_parser *qp, size_t idx) {
    qmark *m = &qp->marks.v[idx];
    mark_ctx c = {.sp_before = m->ws_before < m->start, .sp_after = m->ws_after > m->end,
                  .mask_before = m->prev == DOC_MASK, .mask_after = m->next == DOC_MASK};
    if (m->fam == FAM_SINGLE && m->pos == POS_OPEN) c.elision = elision_after(qp->view, m->end, qp->bend, &c.n_pair);
    const walk_row *r = walk_table, *end = walk_table + sizeof walk_table / sizeof *walk_table;
    while (r < end && (!((r->fams >> m->fam) & 1) || !((r->types >> m->type) & 1) || !((r->poss >> m->pos) & 1) ||
                       !guard_holds(qp, m, &c, r->guard)))
        r++;
    if (r == end) { /* not reached: every family, type and position has a G_ANY row */
        m->role = R_IGNORE;
        return;
    }
    if (issue_due(m, &c, r->when)) row_issue(qp, m, &c, r);
    switch (r->action) {
    case A_OPEN: do_open(qp, m); break;
    case A_CLOSE: do_close(qp, m); break;
    case A_CLOSE_OR_ROLE:
        if (do_close(qp, m) != CLOSED) m->role = R_CLOSE;
        break;
    case A_CLOSE_OR_REPORT: close_or_report(qp, m); break;
    case A_CLOSE_SINGLE: close_single(qp, m); break;
    case A_APOS: m->role = R_APOS; break;
    case A_APOS_ELISION:
        m->role = R_APOS;
        if (c.n_pair) apostrophe_pair(qp, idx);
        break;
    default: /* A_IGNORE */ m->role = R_IGNORE; break;
    }
}

/* Spanish and French mark dialogue with a dash opening the paragraph. */
static void check_dialogue_dash(quote_parser *qp) {
    size_t k = qp->first_ns;
    int32_t c = cp_at(qp->view, k, qp->bend);
    if (c != 0x2014 && c != 0x2015 && c != 0x2013) return;
    size_t j = k;
    u8_decode(qp->view, qp->bend, &j);
    size_t after = j;
    while (after < qp->bend && (qp->view[after] == ' ' || qp->view[after] == '\t')) after++;
    int32_t n = cp_at(qp->view, after, qp->bend);
    if (n < 0 || !(is_alnum(n) || is_quote_char(n)) || is_lower(n)) return;
    add_issue(qp, QUOTE_DASH, QUOTE_AS_OPEN, k, j, c);
}

static void count_style(quote_parser *qp, const qmark *m) {
    if (m->fam != FAM_DOUBLE || m->role == R_IGNORE) return;
    if (m->type == T_STRAIGHT) {
        if (qp->n_straight++ == 0) {
            qp->straight_at = m->start;
            qp->straight_end = m->end;
            qp->straight_role = m->role;
        }
    } else if (m->type == T_OPEN || m->type == T_CLOSE) {
        if (qp->n_curly++ == 0) {
            qp->curly_at = m->start;
            qp->curly_end = m->end;
            qp->curly_cp = m->cp;
        }
    }
}

static bool continues(block_kind k) {
    return k == BLOCK_PARAGRAPH || k == BLOCK_QUOTE || k == BLOCK_LIST_ITEM;
}

/* Whether [s, e) ends with . ! ? or …, before closing marks and brackets. */
static bool ends_sentence(const char *v, size_t s, size_t e) {
    while (e > s) {
        size_t p = u8_prev(v, e), q = p;
        int32_t c = u8_decode(v, e, &q);
        if (c == '.' || c == '!' || c == '?' || c == 0x2026) return true;
        if (!(is_space(c) || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')')) return false;
        e = p;
    }
    return false;
}

static void parse_block(quote_parser *qp, const doc *d, size_t bi) {
    const doc_block *bl = &d->blocks.v[bi];
    qp->line_after_stop = d->markup == MTL_MARKUP_LINES && bi > 0 &&
                          ends_sentence(qp->view, d->blocks.v[bi - 1].start, d->blocks.v[bi - 1].end);
    qp->bstart = bl->start;
    qp->bend = bl->end;
    size_t k = bl->start;
    while (k < bl->end) {
        size_t q = k;
        if (!is_space(u8_decode(qp->view, bl->end, &q))) break;
        k = q;
    }
    qp->first_ns = k;
    if (bl->kind == BLOCK_PARAGRAPH || bl->kind == BLOCK_QUOTE) check_dialogue_dash(qp);

    qp->next_opens = 0;
    if (bi + 1 < d->blocks.n && continues(d->blocks.v[bi + 1].kind)) {
        const doc_block *nb = &d->blocks.v[bi + 1];
        const mark_kind *mk = mark_kind_of(cp_at(qp->view, nb->start, nb->end));
        if (mk && mk->type != T_CLOSE && mk->type != T_FCLOSE) qp->next_opens = mk->fam + 1;
    }
    collect_marks(qp);
    for (size_t i = 0; i < qp->stack.n; i++) qp->stack.v[i].from = bl->start;
    for (size_t i = 0; i < qp->marks.n; i++) {
        walk_mark(qp, i);
        count_style(qp, &qp->marks.v[i]);
    }

    /* Quotations opened here and still open run on into the next
     * paragraph (unless this is a headline or heading, or the last
     * paragraph before one); one that ran on into this paragraph and was
     * neither reopened nor closed is broken. */
    bool next_continues = bi + 1 < d->blocks.n && continues(d->blocks.v[bi + 1].kind);
    /* One segment per line: the lines are the sentences of one running
     * text, and a quotation of several sentences runs over them as it
     * does inside a paragraph, with no mark to reopen it. */
    bool running = d->markup == MTL_MARKUP_LINES && bi + 1 < d->blocks.n;
    size_t kept = 0;
    for (size_t i = 0; i < qp->stack.n; i++) {
        qopen *o = &qp->stack.v[i];
        add_span(qp, o->from, bl->end);
        if (running) {
            qp->stack.v[kept++] = *o;
        } else if (!continues(bl->kind) || !next_continues || o->hops > 0) {
            unclosed(qp, o);
        } else {
            o->hops = 1;
            qp->stack.v[kept++] = *o;
        }
    }
    qp->stack.n = kept;
}

static int cmp_issue(const void *a, const void *b) {
    const quote_issue *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static int cmp_span(const void *a, const void *b) {
    const doc_span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1; /* outer first */
    return 0;
}

void quotes_parse(quote_parser *qp, const doc *d) {
    qp->issues.n = qp->spans.n = qp->stack.n = 0;
    qp->n_straight = qp->n_curly = 0;
    qp->view = d->view ? d->view : d->text;
    for (size_t bi = 0; bi < d->blocks.n; bi++) parse_block(qp, d, bi);

    if (qp->n_straight && qp->n_curly) {
        /* Flag the first mark of the style used less. */
        quote_issue *is;
        if (qp->n_straight <= qp->n_curly) {
            is = add_issue(qp, QUOTE_MIXED,
                           qp->straight_role == R_CLOSE ? QUOTE_AS_CLOSE : QUOTE_AS_OPEN,
                           qp->straight_at, qp->straight_end, '"');
            set_fix(is, (qfix){.cp = curly(FAM_DOUBLE, qp->straight_role != R_CLOSE)});
            is->count = qp->n_straight;
            is->other = qp->n_curly;
        } else {
            is = add_issue(qp, QUOTE_MIXED,
                           qp->curly_cp == 0x201D ? QUOTE_AS_CLOSE : QUOTE_AS_OPEN, qp->curly_at,
                           qp->curly_end, qp->curly_cp);
            set_fix(is, (qfix){.cp = '"'});
            is->count = qp->n_curly;
            is->other = qp->n_straight;
        }
    }
    /* A line break between a mark and its quotation is no space typed
     * inside it: text wrapped there, or one segment a line (MT output,
     * translation memories) with a quotation running over two. */
    size_t kept = 0;
    for (size_t i = 0; i < qp->issues.n; i++) {
        const quote_issue *is = &qp->issues.v[i];
        if (is->kind == QUOTE_SPACE_INSIDE && memchr(d->text + is->start, '\n', is->end - is->start)) continue;
        qp->issues.v[kept++] = *is;
    }
    qp->issues.n = kept;
    if (qp->issues.n > 1) qsort(qp->issues.v, qp->issues.n, sizeof *qp->issues.v, cmp_issue);
    if (qp->spans.n > 1) qsort(qp->spans.v, qp->spans.n, sizeof *qp->spans.v, cmp_span);
}

const char *quotes_rule_id(quote_issue_kind kind) {
    switch (kind) {
    case QUOTE_DIRECTION: return "Quotes.Direction";
    case QUOTE_SPACE_INSIDE:
    case QUOTE_SPACE_MISSING: return "Quotes.Spacing";
    case QUOTE_UNCLOSED:
    case QUOTE_UNOPENED: return "Quotes.Unbalanced";
    case QUOTE_MIXED: return "Quotes.Mixed";
    case QUOTE_NESTING: return "Quotes.Nesting";
    case QUOTE_FOREIGN:
    case QUOTE_DASH: return "Quotes.Foreign";
    default: return "Quotes.Punctuation";
    }
}

quote_parser *quotes_open(void) {
    return xcalloc(1, sizeof(quote_parser));
}

void quotes_close(quote_parser *qp) {
    if (!qp) return;
    VEC_FREE(qp->marks);
    VEC_FREE(qp->stack);
    VEC_FREE(qp->issues);
    VEC_FREE(qp->spans);
    free(qp);
}

const quote_issue *quotes_issues(const quote_parser *qp, size_t *n) {
    *n = qp->issues.n;
    return qp->issues.v;
}

const doc_span *quotes_spans(const quote_parser *qp, size_t *n) {
    *n = qp->spans.n;
    return qp->spans.v;
}

bool quotes_any_mark(const char *text, size_t start, size_t end) {
    for (size_t i = start; i < end;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) { /* only two ASCII marks */
            if (c == '"' || c == '\'') return true;
            i++;
            continue;
        }
        int32_t cp = u8_decode(text, end, &i);
        if (mark_kind_of(cp)) return true;
    }
    return false;
}

void quotes_find_spans(doc *d) {
    quote_parser *qp = quotes_open();
    quotes_parse(qp, d);
    d->quotes.n = 0;
    VEC_RESERVE(d->quotes, qp->spans.n);
    if (qp->spans.n) memcpy(d->quotes.v, qp->spans.v, qp->spans.n * sizeof *qp->spans.v);
    d->quotes.n = qp->spans.n;
    quotes_close(qp);
}
