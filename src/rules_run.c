/* rules_run.c - the rule pass over one document.
 *
 * Each block is scanned once for words and once for characters: each word
 * that some keyed entry begins with (one hash lookup) becomes a candidate
 * for that entry, and the words and characters that entries need arm the
 * entries whose needs are all met (rules_prefilter.c). Then every rule runs
 * over the units its scope asks for (blocks, alt texts, sentences,
 * quotations, or the raw text) on the rule view, so masked code and URLs
 * never match, and reports text offsets. An existence or substitution
 * rule merges its keyed candidates with the matches of its armed entries
 * and of its residual alternation so that the result is exactly Vale's:
 * leftmost match first, among matches beginning at the same place the
 * entry listed first, no overlap.
 *
 * Inline markup does not split the text a rule sees (Vale removes it
 * before matching). A block whose view holds masked bytes is compacted
 * here, in the rule pass only, into a copy with the masked runs removed,
 * plus a map from each kept byte back to the text; rules match on the
 * copy and every offset goes through the map when it leaves (report,
 * quotations, sentences), so a match across removed markup covers it. The
 * other checks still read the view as markup made it, and a block without
 * masked bytes (all plain text) is matched in place, paying nothing. A
 * removed run that touches a word character on a side (emphasis, link
 * brackets, a tag around a word) leaves nothing, so `**bold**word` reads
 * "boldword"; one with no word character on either side (a whole code
 * span or URL between spaces or before punctuation) leaves one DOC_MASK,
 * so the words around it are not glued and "run `ls`." gets no space
 * before its full stop; the tail of an HTML character reference (an
 * atom) always goes. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "finding.h"
#include "rules_impl.h"
#include "spell.h"

typedef struct rctx {
    rules_state *st;
    check_ctx *cx;
    const doc *d;
    bool ascii; /* the block being run is all ASCII */
    /* What rules match: the document, or the compacted block (map set). */
    const char *text, *view;
    const size_t *map, *mend; /* compacted byte -> its text start and end */
    size_t cs, ce;            /* the compacted block's range */
} rctx;

/* Offsets from the matched subject back to the text. */
static size_t orig_start(const rctx *c, size_t p) { return c->map ? c->map[p] : p; }
static size_t orig_end(const rctx *c, size_t s, size_t e) {
    if (!c->map) return e;
    return e > s ? c->mend[e - 1] : c->map[s];
}
/* A text offset inside the block into the subject: the first kept byte at
 * or after it. */
static size_t to_subject(const rctx *c, size_t p) {
    if (!c->map) return p;
    size_t lo = c->cs, hi = c->ce;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->map[mid] < p) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* ---- small helpers ---- */

static PCRE2_SIZE *ovec(rules_state *st) { return pcre2_get_ovector_pointer(st->md); }

static size_t char_len(const char *s, size_t n, size_t i) {
    size_t j = i;
    if (j < n) u8_decode(s, n, &j);
    return j > i ? j - i : 1;
}

/* Go's fmt with the arguments as strings: %s and %d take the next one ("" when
 * none is left), %[n]s the n-th, %% is a percent sign, anything else stays
 * as written. */
static char *format_msg(const char *fmt, const char *const *args, size_t nargs) {
    buf b = {0};
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && (p[1] == 's' || p[1] == 'd')) {
            if (k < nargs) buf_puts(&b, args[k]);
            k++;
            p++;
        } else if (p[0] == '%' && p[1] == '[' && ascii_isdigit((unsigned char)p[2]) && p[3] == ']' &&
                   (p[4] == 's' || p[4] == 'd')) {
            k = (size_t)(p[2] - '0'); /* Go: the next plain verb takes the one after */
            if (k >= 1 && k <= nargs) buf_puts(&b, args[k - 1]);
            p += 4;
        } else if (p[0] == '%' && p[1] == '%') {
            buf_putc(&b, '%');
            p++;
        } else {
            buf_putc(&b, *p);
        }
    }
    while (b.len && ascii_isspace((unsigned char)b.data[b.len - 1])) b.data[--b.len] = '\0';
    return buf_steal(&b);
}

/* Vale's ToSentence: 'a', 'a' or 'b', 'a', 'b', or 'c'. */
static void to_sentence(buf *b, char *const *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (i && n > 2) buf_puts(b, ", ");
        else if (i) buf_putc(b, ' ');
        if (i && i + 1 == n) buf_puts(b, "or ");
        buf_printf(b, "'%s'", w[i]);
    }
}

static bool in_set(char *const *v, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0) return true;
    return false;
}

static void strvec_clear(strvec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->v[i]);
    v->n = 0;
}

/* A copy to match on. PCRE2's JIT scans the subject 16 bytes at a time and
 * may read past its end (harmless on the page, but past the allocation):
 * the zeroed padding keeps those reads inside it, and valgrind quiet. */
static char *padded_dup(const char *s, size_t n) {
    char *d = xcalloc(n + 17, 1);
    memcpy(d, s, n);
    return d;
}

static const doc_span *atom_at(const doc *d, size_t p);

/* The text of subject range [s, e) as the file has it, less the removed
 * markup: what a message shows and what exceptions and fixes compare. A
 * separator left for code or a URL gives it back, a character reference
 * is given whole ("&amp;", not "&"). */
static char *dup_range(const rctx *c, size_t s, size_t e) {
    if (!c->map) return padded_dup(c->text + s, e - s);
    const char *t = c->d->text;
    buf b = {0};
    size_t done = 0; /* end of the last atom given */
    for (size_t k = s; k < e; k++) {
        size_t i = c->map[k];
        if (c->view[k] == DOC_MASK) {
            buf_append(&b, t + i, c->mend[k] - i);
            continue;
        }
        const doc_span *a = atom_at(c->d, i);
        if (!a) buf_putc(&b, t[i]);
        else if (a->start >= done) {
            buf_append(&b, t + a->start, a->end - a->start);
            done = a->end;
        }
    }
    char *out = padded_dup(b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* ---- quotations ---- */

static int cmp_span(const void *a, const void *b) {
    const doc_span *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* The union of the document's quotation spans, sorted: nested quotes fold
 * into the outermost one. */
static void merge_quotes(rules_state *st, const doc *d) {
    st->quotes.n = 0;
    for (size_t i = 0; i < d->quotes.n; i++) VEC_PUSH(st->quotes, d->quotes.v[i]);
    if (st->quotes.n > 1) qsort(st->quotes.v, st->quotes.n, sizeof *st->quotes.v, cmp_span);
    size_t w = 0;
    for (size_t i = 0; i < st->quotes.n; i++) {
        doc_span q = st->quotes.v[i];
        if (w && q.start < st->quotes.v[w - 1].end) {
            if (q.end > st->quotes.v[w - 1].end) st->quotes.v[w - 1].end = q.end;
        } else {
            st->quotes.v[w++] = q;
        }
    }
    st->quotes.n = w;
}

/* Index of the first merged quotation ending after pos. */
static size_t quote_after(const rules_state *st, size_t pos) {
    size_t lo = 0, hi = st->quotes.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->quotes.v[mid].end <= pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static bool quote_ok(const rctx *c, const rjob *j, size_t s, size_t e) {
    if (j->quotes == QF_ANY) return true;
    const rules_state *st = c->st;
    size_t os = orig_start(c, s);
    e = orig_end(c, s, e);
    s = os;
    size_t q = quote_after(st, s);
    bool has = q < st->quotes.n;
    if (j->quotes == QF_IN) return has && st->quotes.v[q].start <= s && e <= st->quotes.v[q].end;
    return !(has && st->quotes.v[q].start < (e > s ? e : s + 1)); /* QF_OUT: no overlap */
}

/* ---- reporting ---- */

static void report(rctx *c, rule *r, size_t s, size_t e, const char *const *sugg, char *msg) {
    if (r->limit && r->nreported >= (size_t)r->limit) {
        free(msg);
        return;
    }
    r->nreported++;
    finding_add_msg(c->cx->out, r->reg, orig_start(c, s), orig_end(c, s, e), sugg, msg);
}

/* Trims the cutset's characters (Go's strings.Trim* semantics) from s. */
static void trim_cutset(char *s, const char *cut, bool left, bool right) {
    size_t n = strlen(s), a = 0, b = n, cn = strlen(cut);
    while (left && a < b) {
        size_t i = a;
        int32_t c = u8_decode(s, n, &i);
        bool in = false;
        for (size_t k = 0; k < cn && !in;) {
            int32_t d = u8_decode(cut, cn, &k);
            in = c == d;
        }
        if (!in) break;
        a = i;
    }
    while (right && b > a) {
        size_t i = u8_prev(s, b), j = i;
        int32_t c = u8_decode(s, n, &j);
        bool in = false;
        for (size_t k = 0; k < cn && !in;) {
            int32_t d = u8_decode(cut, cn, &k);
            in = c == d;
        }
        if (!in) break;
        b = i;
    }
    memmove(s, s + a, b - a);
    s[b - a] = '\0';
}

static char *trim_space_dup(const char *s) {
    size_t n = strlen(s), a = 0, b = n;
    while (a < b && ascii_isspace((unsigned char)s[a])) a++;
    while (b > a && ascii_isspace((unsigned char)s[b - 1])) b--;
    return padded_dup(s + a, b - a);
}

/* pcre2_substitute of subj[0, len) into a new string; NULL on error (kept
 * in st->fail, against the pattern written at line). */
static char *substitute_opts(rules_state *st, const pcre2_code *code, uint32_t line, const char *subj, size_t len,
                             size_t start, uint32_t opts, const char *repl) {
    if (st->fail) return NULL; /* the rule running has given up */
    PCRE2_SIZE outlen = len + strlen(repl) * 4 + 64;
    for (int tries = 0; tries < 2; tries++) {
        char *out = xmalloc(outlen);
        PCRE2_SIZE n = outlen;
        int rc = pcre2_substitute(code, (PCRE2_SPTR)subj, len, start,
                                  /* the interpreter always, so that the limits give one outcome */
                                  opts | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
                                  st->md, st->mctx,
                                  (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)out, &n);
        if (rc >= 0) return out;
        free(out);
        if (rc != PCRE2_ERROR_NOMEMORY || tries) {
            rx_failed(st, rc, line);
            return NULL;
        }
        outlen = n + 1;
    }
    return NULL;
}

/* A pcre2_substitute of every match in the whole subject. */
static char *substitute(rules_state *st, const rx *x, const char *subj, const char *repl) {
    return substitute_opts(st, x->code, x->line, subj, strlen(subj), 0, PCRE2_SUBSTITUTE_GLOBAL, repl);
}

/* A $N swap value filled with the groups of the entry's match at p in the
 * unit: matched again there by the anchored verifier, since the match data
 * may hold another pattern's match by now (and lookarounds must see the
 * unit, not the matched text alone). */
static char *expand_value(rules_state *st, const rule *r, rentry *e, const char *subj, size_t len, size_t p) {
    rx *v = rules_verifier(st, r, e);
    if (!v || rx_match(st, v, subj, len, p) <= 0) return NULL;
    return substitute_opts(st, v->code, v->line, subj, len, p,
                           PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY, e->val.s);
}

/* The suggestions an `action` gives for a match (Vale's fixers). */
/* Vale's `convert: simple`: lower case, a space wherever a character is
 * neither letter nor digit or a lower-case letter meets an upper-case one,
 * runs of spaces made one ("auto-Scale" -> "auto scale"). */
static char *convert_simple(const char *s) {
    buf out = {0};
    size_t n = strlen(s), i = 0;
    int32_t old = ' ';
    while (i < n) {
        size_t at = i;
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) continue;
        bool alnum = (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
        bool hump = at > 1 && u_islower(old) && u_isupper(c);
        if (hump || !alnum || (u_isspace(c) && c != ' ')) buf_putc(&out, ' ');
        if (alnum || c == ' ') {
            char tmp[4];
            buf_append(&out, tmp, u8_encode(u_tolower(c), tmp));
        }
        old = c;
    }
    buf res = {0}; /* trimmed, one space between words */
    for (size_t k = 0; k < out.len; k++) {
        if (out.data[k] == ' ' && (res.len == 0 || res.data[res.len - 1] == ' ')) continue;
        buf_putc(&res, out.data[k]);
    }
    if (res.len && res.data[res.len - 1] == ' ') res.data[--res.len] = '\0';
    buf_free(&out);
    return buf_steal(&res);
}

static void action_fix(rctx *c, const rule *r, const char *match, strvec *out) {
    switch (r->action) {
    case ACT_NONE:
    case ACT_SUGGEST: return; /* spelling only: the speller suggests */
    case ACT_REPLACE:
        for (size_t i = 0; i < r->params.n; i++) VEC_PUSH(*out, xstrdup(r->params.v[i]));
        return;
    case ACT_REMOVE: VEC_PUSH(*out, xstrdup("")); return;
    case ACT_CONVERT:
        VEC_PUSH(*out, r->params.n && strcmp(r->params.v[0], "simple") == 0 ? convert_simple(match) : xstrdup(match));
        return;
    case ACT_EDIT: break;
    }
    const char *op = r->params.v[0];
    char *res = NULL;
    if (strcmp(op, "regex") == 0) {
        res = substitute(c->st, &r->edit, match, r->params.v[2]);
    } else if (strncmp(op, "trim", 4) == 0) {
        res = xstrdup(match);
        trim_cutset(res, r->params.v[1], strcmp(op, "trim_right") != 0, strcmp(op, "trim_left") != 0);
    } else { /* truncate, split */
        const char *sep = r->params.v[1];
        size_t idx = strcmp(op, "split") == 0 ? strtoul(r->params.v[2], NULL, 10) : 0;
        const char *p = match;
        for (size_t k = 0; p && k < idx; k++) {
            p = *sep ? strstr(p, sep) : NULL;
            if (p) p += strlen(sep);
        }
        if (p) {
            const char *q = *sep ? strstr(p, sep) : NULL;
            res = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
        }
    }
    if (!res) return;
    char *t = trim_space_dup(res);
    free(res);
    VEC_PUSH(*out, t);
}

static void strvec_free(strvec *v) {
    strvec_clear(v);
    VEC_FREE(*v);
}

/* The common alert (Vale's alertFor): message with the match, and with the
 * action's suggestion(s) as a second argument when the rule has one. */
static void alert(rctx *c, rule *r, size_t s, size_t e) {
    char *match = dup_range(c, s, e);
    strvec fix = {0};
    char *msg;
    if (r->action != ACT_NONE) {
        action_fix(c, r, match, &fix);
        buf rb = {0};
        if (fix.n == 1) buf_puts(&rb, fix.v[0]);
        else if (fix.n > 1) to_sentence(&rb, fix.v, fix.n);
        else buf_puts(&rb, match);
        const char *args[2] = {match, rb.data ? rb.data : ""};
        msg = format_msg(r->message, args, 2);
        buf_free(&rb);
    } else {
        const char *args[1] = {match};
        msg = format_msg(r->message, args, 1);
    }
    bool any = fix.n > 0;
    VEC_PUSH(fix, NULL); /* finding_add_msg wants a NULL-terminated list */
    report(c, r, s, e, any ? (const char *const *)fix.v : NULL, msg);
    fix.n--;
    strvec_free(&fix);
    free(match);
}

/* Vale: a message with '%s' twice, quoted, loses the quotes of the first
 * when the suggestions come quoted from ToSentence. */
static char *unquote_first(const char *msg) {
    static const char *const specs[] = {"'%s'", "\"%s\""};
    for (size_t i = 0; i < 2; i++) {
        const char *a = strstr(msg, specs[i]);
        if (a && strstr(a + 4, specs[i])) {
            buf b = {0};
            buf_append(&b, msg, (size_t)(a - msg));
            buf_puts(&b, "%s");
            buf_puts(&b, a + 4);
            return buf_steal(&b);
        }
    }
    return xstrdup(msg);
}

static bool cap_first_is(const char *s) { return !(s[0] >= 'a' && s[0] <= 'z'); }

static void cap_first(char *s) {
    if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 32);
}

static void split_options(const char *v, strvec *out) {
    rentry tmp = {.val = {.s = (char *)v}};
    rules_split_options(&tmp);
    for (size_t i = 0; i < tmp.nopts; i++) VEC_PUSH(*out, tmp.opts[i]);
    free(tmp.opts);
}

/* A substitution match [s, e) of entry ei, which began at p of the unit
 * subj (before any \K). */
static void substitution_hit(rctx *c, rule *r, uint32_t ei, const char *subj, size_t len, size_t p, size_t s,
                             size_t e) {
    rules_state *st = c->st;
    rentry *en = &r->entries.v[ei];
    char *untrimmed = dup_range(c, s, e);
    char *observed = trim_space_dup(untrimmed); /* Vale trims what it shows and compares */
    size_t olen = strlen(observed);
    free(untrimmed);
    char *expected = en->refs ? expand_value(st, r, en, subj, len, p) : NULL;
    if (!expected) expected = xstrdup(en->val.s);
    /* Vale: a case-insensitive match that starts with a capital (a sentence
     * start) gets a capitalized suggestion, "Does not" -> "Doesn't", as
     * Vale 3 did before 3.4.1; a rule that says `capitalize` is read as
     * later Vale reads it */
    bool capped = r->capitalize_set ? r->capitalize && cap_first_is(observed)
                                    : r->ignorecase && observed[0] >= 'A' && observed[0] <= 'Z';
    if (capped) cap_first(expected);
    strvec opts = {0};
    split_options(expected, &opts);
    if (capped)
        for (size_t i = 0; i < opts.n; i++) cap_first(opts.v[i]);

    bool same;
    if (r->action == ACT_REPLACE) same = in_set(opts.v, opts.n, observed);
    else if (en->same.code && !en->refs) {
        same = rx_match(st, &en->same, observed, olen, 0) > 0;
    } else same = strcmp(expected, observed) == 0;
    bool excepted = r->except.code && rx_match(st, &r->except, observed, olen, 0) > 0;
    if (!same && !excepted) {
        char *msg;
        if (r->action == ACT_REPLACE) {
            buf sb = {0};
            to_sentence(&sb, opts.v, opts.n);
            char *fmt = unquote_first(r->message);
            const char *args[2] = {sb.data ? sb.data : "", observed};
            msg = format_msg(fmt, args, 2);
            free(fmt);
            buf_free(&sb);
        } else {
            const char *args[2] = {expected, observed};
            msg = format_msg(r->message, args, 2);
        }
        if (!opts.n) VEC_PUSH(opts, xstrdup("")); /* an empty swap value: delete */
        VEC_PUSH(opts, NULL);
        report(c, r, s, e, (const char *const *)opts.v, msg);
        opts.n--;
    }
    strvec_free(&opts);
    free(expected);
    free(observed);
}

static void existence_hit(rctx *c, rule *r, size_t s, size_t e) {
    if (r->except.code) {
        char *m = dup_range(c, s, e);
        char *t = trim_space_dup(m);
        bool excepted = rx_match(c->st, &r->except, t, strlen(t), 0) > 0;
        free(t);
        free(m);
        if (excepted) return;
    }
    alert(c, r, s, e);
}

/* ---- list rules: keyed candidates merged with the residual patterns ---- */

static size_t cand_from(const rule *r, size_t pos) {
    size_t lo = 0, hi = r->cand.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->cand.v[mid].p < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Whether the block holds what the entry needs. */
static bool entry_ready(const rules_state *st, const rentry *e) {
    return !e->need_all || (e->gen == st->gen && e->have == e->need_all);
}

/* Matches of one residual pattern: the rule's alternation (the entry from
 * its groups) or an armed entry's own pattern. */
typedef struct rstream {
    rx *x;
    uint32_t entry;    /* UINT32_MAX: the alternation */
    bool raw;          /* the alternation is r->full */
    bool pend, done;
    size_t p, s, e;    /* where the match began (before any \K); what it reports */
    uint32_t ent;
} rstream;

/* A stream of x over the unit; none when the unit is all ASCII and x
 * cannot start on it (MT.FullWidthPunctuation, the mojibake rules). */
static void add_stream(rules_state *st, rx *x, uint32_t entry, bool raw, bool ascii) {
    if (!x->code || (ascii && x->not_ascii_first)) return;
    rstream s = {.x = x, .entry = entry, .raw = raw};
    VEC_PUSH(st->streams, s);
}

/* The next match of s at or after cur, unless the one it has still starts
 * there. On an all-ASCII unit, a pattern whose matches start at a digit
 * (the digit-led Locale entries) is searched from the next digit, and not
 * at all when none is left: PCRE2 would try every byte up to it. Not
 * without the prefilter, which stays the plain reading the tests compare
 * with. */
static void stream_next(rctx *c, const rule *r, rstream *s, const char *subj, size_t len, size_t cur) {
    rules_state *st = c->st;
    if (s->done || (s->pend && s->p >= cur)) return;
    size_t from = cur;
    if (c->ascii && s->x->digit_first && st->prefilter && (from = ascii_next_digit(subj, cur, len)) == len) {
        s->pend = false;
        s->done = true;
        return;
    }
    int rc = rx_find(st, s->x, subj, len, from, c->ascii);
    s->pend = rc > 0;
    if (!s->pend) {
        s->done = true;
        return;
    }
    s->p = pcre2_get_startchar(st->md);
    s->s = ovec(st)[0];
    s->e = ovec(st)[1];
    s->ent = s->entry != UINT32_MAX ? s->entry : r->whole ? 0 : rules_alt_entry(st, r, s->raw, rc);
}

/* The lookbehinds taken off an entry's pattern (rules_compile.c), at the
 * start and the end of its match: the body must (or, negated, must not)
 * end there, starting at most 255 characters before. */
#define BEHIND_MAX 255
static bool behind_ok(rules_state *st, rentry *e, const char *subj, size_t s, size_t en) {
    for (int side = 0; side < 2; side++) {
        if (!e->behind[side].re.code) continue;
        size_t at = side ? en : s, from = at;
        for (int k = 0; k < BEHIND_MAX && from > 0; k++) {
            from--;
            while (from > 0 && ((unsigned char)subj[from] & 0xC0) == 0x80) from--;
        }
        bool hit = rx_match(st, &e->behind[side].re, subj, at, from) > 0;
        if (hit == e->behind[side].neg) return false;
    }
    return true;
}

/* Vale's result for the unit: the leftmost match first, among matches
 * beginning at the same place the entry listed first, no overlap. The
 * places come from the residual patterns and from the keyed candidates. */
static void run_list(rctx *c, rule *r, const rjob *j, const char *base, size_t us, size_t ue, bool raw) {
    rules_state *st = c->st;
    const char *subj = base + us;
    size_t len = ue - us, cur = 0;
    st->streams.n = 0;
    add_stream(st, r->whole ? &r->re : raw ? &r->full : &r->re, UINT32_MAX, raw && !r->whole, c->ascii);
    for (size_t k = 0; !raw && k < r->armed.n; k++)
        add_stream(st, &r->entries.v[r->armed.v[k]].alone, r->armed.v[k], false, c->ascii);
    for (size_t k = 0; !raw && !r->whole && k < r->always.n; k++)
        add_stream(st, &r->entries.v[r->always.v[k]].alone, r->always.v[k], false, c->ascii);
    size_t ci = raw ? r->cand.n : cand_from(r, us), cn = raw ? 0 : r->cand.n;
    while (cur <= len) {
        size_t pr = SIZE_MAX, bs = 0, be = 0;
        uint32_t best = UINT32_MAX;
        for (size_t k = 0; k < st->streams.n; k++) {
            rstream *s = &st->streams.v[k];
            stream_next(c, r, s, subj, len, cur);
            if (s->pend && (s->p < pr || (s->p == pr && s->ent < best))) {
                pr = s->p;
                best = s->ent;
                bs = s->s;
                be = s->e;
            }
        }
        while (ci < cn && r->cand.v[ci].p < us + cur) ci++;
        size_t pk = ci < cn && r->cand.v[ci].p < ue ? r->cand.v[ci].p - us : SIZE_MAX;
        size_t p = pk < pr ? pk : pr;
        if (p == SIZE_MAX) break;
        bool found = pr == p;
        if (!found) best = UINT32_MAX;
        for (size_t k = ci; k < cn && r->cand.v[k].p == us + p; k++) {
            uint32_t ent = r->cand.v[k].entry;
            if (ent > best) break;
            rentry *e = &r->entries.v[ent];
            rx *v = entry_ready(st, e) ? rules_verifier(st, r, e) : NULL;
            if (v && rx_match(st, v, subj, len, p) > 0) {
                found = true;
                best = ent;
                bs = ovec(st)[0];
                be = ovec(st)[1];
                break;
            }
        }
        if (!found) { /* no candidate here held: the next place */
            while (ci < cn && r->cand.v[ci].p == us + p) ci++;
            continue;
        }
        if (!r->whole && !behind_ok(st, &r->entries.v[best], subj, bs, be)) { /* as if no match here */
            cur = p + char_len(subj, len, p);
            continue;
        }
        if (be > bs && quote_ok(c, j, us + bs, us + be)) {
            if (r->kind == RK_SUBSTITUTION) substitution_hit(c, r, best, subj, len, p, us + bs, us + be);
            else existence_hit(c, r, us + bs, us + be);
        }
        cur = be > p ? be : p + char_len(subj, len, p); /* an empty match moves on */
    }
}

/* ---- the other kinds ---- */

/* Calls fn for each non-overlapping match of x in the unit (Go's FindAll). */
typedef void (*match_fn)(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg);

static size_t each_match(rctx *c, rule *r, const rjob *j, rx *x, const char *base, size_t us,
                         size_t ue, match_fn fn, void *arg) {
    rules_state *st = c->st;
    const char *subj = base + us;
    size_t len = ue - us, pos = 0, n = 0;
    while (pos <= len && rx_match(st, x, subj, len, pos) > 0) {
        size_t s = ovec(st)[0], e = ovec(st)[1];
        if (quote_ok(c, j, us + s, us + e)) {
            n++;
            if (fn) fn(c, r, j, us + s, us + e, arg);
        }
        pos = e > s ? e : e + char_len(subj, len, e);
    }
    return n;
}

typedef struct occ {
    size_t count, s, e;
    bool have;
} occ;

static void occurrence_match(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg) {
    (void)r;
    (void)j;
    occ *o = arg;
    o->count++;
    if (o->have || e == s) return;
    /* Vale skips matches made only of '*' and '@' (code-like: its
     * placeholders for code) and blanks; here code is masked in the view */
    bool code = true, blank = true;
    for (size_t i = s; i < e; i++) {
        char ch = c->text[i];
        if (ch != '*' && ch != '@' && c->view[i] != DOC_MASK) code = false;
        if (!ascii_isspace((unsigned char)ch)) blank = false;
    }
    if (!code && !blank) {
        o->have = true;
        o->s = s;
        o->e = e;
    }
}

static void run_occurrence(rctx *c, rule *r, const rjob *j, const char *base, size_t us, size_t ue) {
    occ o = {0};
    each_match(c, r, j, &r->re, base, us, ue, occurrence_match, &o);
    bool over = r->max && o.count > (size_t)r->max, under = r->min && o.count < (size_t)r->min;
    if (!over && !under) return;
    if (o.count && !o.have) return;
    char num[32];
    snprintf(num, sizeof num, "%zu", o.count);
    const char *args[1] = {num};
    report(c, r, o.count ? o.s : us, o.count ? o.e : ue, NULL, format_msg(r->message, args, 1));
}

/* Unicode case-insensitive equality (simple folding). */
static bool equal_fold(const char *a, size_t an, const char *b, size_t bn) {
    size_t i = 0, k = 0;
    while (i < an && k < bn) {
        int32_t x = u8_decode(a, an, &i), y = u8_decode(b, bn, &k);
        if (x != y && rules_fold(x) != rules_fold(y)) return false;
    }
    return i == an && k == bn;
}

static bool all_letters(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        int32_t ch = u8_decode(s, n, &i);
        if (ch < 0 || !(U_GET_GC_MASK(ch) & U_GC_L_MASK)) return false;
    }
    return true;
}

static size_t sentence_of(const doc *d, size_t pos) {
    size_t lo = 0, hi = d->sentences.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sentences.v[mid].start <= pos) lo = mid + 1; else hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

typedef struct rep {
    size_t ps, pe;     /* previous match, trimmed */
    bool have;
    size_t count;
} rep;

static void trim_range(const char *t, size_t *s, size_t *e) {
    while (*s < *e && ascii_isspace((unsigned char)t[*s])) (*s)++;
    while (*e > *s && ascii_isspace((unsigned char)t[*e - 1])) (*e)--;
}

static void repetition_match(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg) {
    (void)j;
    rep *p = arg;
    const char *t = c->text;
    size_t ms = s, me = e;
    trim_range(t, &ms, &me);
    bool hit = p->have && me > ms &&
               (r->ignorecase ? equal_fold(t + ms, me - ms, t + p->ps, p->pe - p->ps)
                              : (me - ms == p->pe - p->ps && memcmp(t + ms, t + p->ps, me - ms) == 0));
    hit = hit && (!r->alpha || all_letters(t + ms, me - ms));
    /* repeats in a row: another word starts the count again (Vale never
     * resets it, so with max > 0 two separate pairs add up) */
    p->count = hit ? p->count + 1 : 0;
    if (hit && p->count > (size_t)r->max) {
        /* across a sentence end it is two sentences, not a repetition */
        size_t sa = sentence_of(c->d, orig_start(c, p->ps)), sb = sentence_of(c->d, orig_start(c, me ? me - 1 : 0));
        bool one = sa == sb;
        char *span = dup_range(c, p->ps, e);
        bool excepted = r->except.code && rx_match(c->st, &r->except, span, strlen(span), 0) > 0;
        free(span);
        if (one && !excepted) {
            char *cur = xstrndup(t + ms, me - ms);
            const char *args[1] = {cur};
            report(c, r, p->ps, e, NULL, format_msg(r->message, args, 1));
            free(cur);
            p->count = 0;
        }
    }
    p->ps = ms;
    p->pe = me;
    p->have = true;
}

static void run_repetition(rctx *c, rule *r, const rjob *j, const char *base, size_t us, size_t ue) {
    rep p = {0};
    each_match(c, r, j, &r->re, base, us, ue, repetition_match, &p);
}

static void conditional_first(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg) {
    (void)j;
    bool check_seq = arg != NULL;
    char *m = dup_range(c, s, e);
    bool defined = check_seq && in_set(r->seq.v, r->seq.n, m);
    bool excepted = r->except.code && rx_match(c->st, &r->except, m, e - s, 0) > 0;
    free(m);
    if (!defined && !excepted) alert(c, r, s, e);
}

/* What `second` captures (a defined acronym...) stays defined for the rest
 * of the document. */
static void conditional_second(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg) {
    (void)j;
    (void)s;
    (void)e;
    size_t us = *(const size_t *)arg;
    PCRE2_SIZE *ov = ovec(c->st);
    for (uint32_t g = 1; g <= r->second_groups && g < c->st->ovec_pairs; g++) {
        if (ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] <= ov[2 * g]) continue;
        char *cap = dup_range(c, us + ov[2 * g], us + ov[2 * g + 1]);
        if (in_set(r->seq.v, r->seq.n, cap)) free(cap);
        else VEC_PUSH(r->seq, cap);
    }
}

static void run_conditional(rctx *c, rule *r, const rjob *j, const char *base, size_t us, size_t ue) {
    if (!r->second_groups) {
        /* a presence check: any `second` in the unit excuses every `first` */
        if (rx_match(c->st, &r->re2, base + us, ue - us, 0) > 0) return;
        each_match(c, r, j, &r->re, base, us, ue, conditional_first, NULL);
        return;
    }
    each_match(c, r, j, &r->re2, base, us, ue, conditional_second, &us);
    each_match(c, r, j, &r->re, base, us, ue, conditional_first, r);
}

typedef struct cons {
    size_t pair, s, e;
    bool any;
} cons;

static void consistency_match(rctx *c, rule *r, const rjob *j, size_t s, size_t e, void *arg) {
    (void)j;
    cons *k = arg;
    if (e == s) return;
    r->seen[k->pair] |= (unsigned char)(ovec(c->st)[2] != PCRE2_UNSET ? 1 : 2); /* group 1: the first form */
    k->s = s;
    k->e = e;
    k->any = true;
}

static void run_consistency(rctx *c, rule *r, const rjob *j, const char *base, size_t us, size_t ue) {
    for (size_t i = 0; i < r->entries.n; i++) {
        cons k = {.pair = i};
        each_match(c, r, j, &r->entries.v[i].re, base, us, ue, consistency_match, &k);
        /* both forms seen in the document: flag this unit's last use */
        if (k.any && r->seen[i] == 3) alert(c, r, k.s, k.e);
    }
}

static void run_capitalization(rctx *c, rule *r, const char *base, size_t us, size_t ue) {
    rules_state *st = c->st;
    if (!rules_case_ok(st, r, base + us, ue - us, &st->msg)) {
        char *unit = dup_range(c, us, ue);
        bool styled = r->capstyle >= 3;
        char *want = styled ? xstrdup(st->msg.data ? st->msg.data : "") : xstrdup(r->match.s);
        const char *args[2] = {unit, want};
        const char *sugg[2] = {want, NULL};
        report(c, r, us, ue, styled ? sugg : NULL, format_msg(r->message, args, 2));
        free(want);
        free(unit);
    }
}

/* ---- spelling and sequence ---- */

/* Between words for spelling and sequence: white space, masked code or a
 * URL's separator, control characters. */
static bool word_sep(unsigned char ch) { return ch <= ' ' || ch == 0x7f; }

/* Whether the code point at s[i] starts or ends a word for the speller:
 * letters and digits (other characters are trimmed off a token). */
static bool spell_edge(int32_t cp) { return u_isalnum(cp) != 0; }

/* A token of [ts, te) trimmed of what is not a letter or digit at its
 * ends ("(word)," -> "word"). */
static void trim_token(const char *v, size_t *ts, size_t *te) {
    size_t i = *ts;
    while (i < *te) {
        size_t at = i;
        int32_t cp = u8_decode(v, *te, &i);
        if (cp >= 0 && spell_edge(cp)) {
            i = at;
            break;
        }
    }
    *ts = i;
    size_t e = *te;
    while (e > *ts) {
        size_t k = e - 1;
        while (k > *ts && ((unsigned char)v[k] & 0xC0) == 0x80) k--;
        size_t q = k;
        int32_t cp = u8_decode(v, e, &q);
        if (cp >= 0 && spell_edge(cp)) break;
        e = k;
    }
    *te = e;
}

/* The word as the speller reads it: curly apostrophes straight (Vale's
 * ICONV), zero padding after it for the JIT. */
static size_t spell_form(buf *b, const char *w, size_t n) {
    buf_clear(b);
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && (unsigned char)w[i] == 0xE2 && (unsigned char)w[i + 1] == 0x80 &&
            (unsigned char)w[i + 2] == 0x99) {
            buf_putc(b, '\'');
            i += 2;
            continue;
        }
        buf_putc(b, w[i]);
    }
    size_t len = b->len;
    for (int k = 0; k < DOC_PAD; k++) buf_putc(b, '\0');
    b->len = len;
    return len;
}

static void run_spelling(rctx *c, rule *r, const char *base, size_t us, size_t ue) {
    rules_state *st = c->st;
    struct speller *shared = c->cx->speller;
    if (rules_spell_default(r) && !shared && !rules_spell_speller(st, r, NULL)) return; /* --no-spell */
    size_t ps = 0, pe = 0, from = us; /* the accepted phrase at or after from */
    bool phrase = rules_spell_phrase(st, r, base, ue, from, &ps, &pe);
    buf w = {0};
    size_t i = us;
    while (i < ue) {
        while (i < ue && word_sep((unsigned char)base[i])) i++;
        size_t ts = i;
        while (i < ue && !word_sep((unsigned char)base[i])) i++;
        size_t te = i;
        trim_token(base, &ts, &te);
        if (te <= ts) continue;
        while (phrase && pe <= ts) phrase = rules_spell_phrase(st, r, base, ue, pe, &ps, &pe);
        if (phrase && ps <= ts && te <= pe) continue;
        size_t n = spell_form(&w, base + ts, te - ts);
        if (rules_spell_ok(st, r, shared, w.data, n)) continue;
        const char *args[1] = {w.data};
        char *msg = format_msg(r->message, args, 1);
        const char *sugg[8] = {0};
        struct speller *sp = rules_spell_speller(st, r, shared);
        if (r->action == ACT_SUGGEST && sp) spell_suggest(sp, w.data, n, sugg, 5);
        report(c, r, ts, te, sugg[0] ? sugg : NULL, msg);
    }
    buf_free(&w);
}

typedef struct sword {
    size_t s, e;
} sword;

/* Whether one word takes a sequence token. */
static bool token_takes(rules_state *st, rtoken *t, const char *base, const sword *w) {
    bool hit = rx_match(st, &t->re, base + w->s, w->e - w->s, 0) > 0;
    return hit != t->negate;
}

/* Matches tokens ti.. from word wi; on success the end word (exclusive). */
static bool seq_from(rules_state *st, rule *r, const char *base, const sword *ws, size_t nw, size_t ti, size_t wi,
                     size_t *end) {
    for (; ti < r->tokens.n; ti++) {
        rtoken *t = &r->tokens.v[ti];
        bool found = false;
        for (long k = 0; k <= t->skip; k++) {
            if (wi + (size_t)k >= nw) break;
            if (token_takes(st, t, base, &ws[wi + (size_t)k])) {
                wi += (size_t)k + 1;
                found = true;
                break;
            }
        }
        if (!found) {
            /* past the sentence's end a negated token holds: there is no
             * word for it to be */
            if (wi >= nw) {
                bool all_neg = true;
                for (size_t k = ti; k < r->tokens.n && all_neg; k++) all_neg = r->tokens.v[k].negate;
                if (all_neg) break;
            }
            return false;
        }
    }
    *end = wi;
    return true;
}

/* Vale's sequence without a tagger: words (letters, digits, apostrophes,
 * hyphens) and punctuation marks are the sentence's tokens; the rule's
 * tokens must take consecutive ones, each after up to `skip` others, a
 * negated one any word its pattern does not match (or none, at the
 * sentence's edge). The match spans the words taken. */
static void run_sequence(rctx *c, rule *r, const char *base, size_t us, size_t ue) {
    rules_state *st = c->st;
    bool any = false;
    size_t lead = 0; /* negated tokens before the first that must be there */
    for (size_t i = 0; i < r->tokens.n; i++) any |= !r->tokens.v[i].negate;
    if (!any) return;
    while (r->tokens.v[lead].negate) lead++;
    struct { sword *v; size_t n, cap; } ws = {0};
    size_t i = us;
    while (i < ue) {
        size_t at = i;
        int32_t cp = u8_decode(base, ue, &i);
        if (cp < 0 || word_sep((unsigned char)base[at])) continue;
        if (u_isalnum(cp) || cp == '\'' || cp == 0x2019 || cp == '_') {
            size_t e = i;
            for (;;) {
                size_t q = e;
                int32_t d = q < ue ? u8_decode(base, ue, &q) : -1;
                if (d < 0 || !(u_isalnum(d) || d == '\'' || d == 0x2019 || d == '_' || d == '-')) break;
                e = q;
            }
            i = e;
        }
        sword w = {at, i};
        VEC_PUSH(ws, w);
    }
    size_t wi = 0;
    while (wi < ws.n) {
        size_t end = 0, first = wi;
        bool hit = seq_from(st, r, base, ws.v, ws.n, 0, wi, &end);
        /* at the sentence's start, the leading negated tokens have no word */
        for (size_t k = 1; !hit && wi == 0 && k <= lead; k++) hit = seq_from(st, r, base, ws.v, ws.n, k, 0, &end);
        if (!hit || end <= first) {
            wi++;
            continue;
        }
        size_t s = ws.v[first].s, e = ws.v[end - 1].e;
        strvec words = {0};
        for (size_t k = first; k < end; k++) VEC_PUSH(words, dup_range(c, ws.v[k].s, ws.v[k].e));
        report(c, r, s, e, NULL, format_msg(r->message, (const char *const *)words.v, words.n));
        strvec_free(&words);
        wi = end;
    }
    VEC_FREE(ws);
}

static void run_unit(rctx *c, rule *r, const rjob *j, size_t us, size_t ue) {
    bool raw = j->unit == UNIT_RAW;
    const char *base = raw ? c->d->text : c->view;
    if (ue <= us) return;
    switch (r->kind) {
    case RK_EXISTENCE:
    case RK_SUBSTITUTION: run_list(c, r, j, base, us, ue, raw); break;
    case RK_OCCURRENCE: run_occurrence(c, r, j, base, us, ue); break;
    case RK_REPETITION: run_repetition(c, r, j, base, us, ue); break;
    case RK_CONDITIONAL: run_conditional(c, r, j, base, us, ue); break;
    case RK_CONSISTENCY: run_consistency(c, r, j, base, us, ue); break;
    case RK_CAPITALIZATION: run_capitalization(c, r, base, us, ue); break;
    case RK_SPELLING: run_spelling(c, r, base, us, ue); break;
    case RK_SEQUENCE: run_sequence(c, r, base, us, ue); break;
    case RK_METRIC:
    case RK_READABILITY:
    case RK_COUNT: break;
    }
}

/* Whether the headline is a Markdown level-1 heading ("# Title" or a
 * setext "Title" over "====="), not a front-matter title or a plain text
 * first line. */
static bool headline_is_h1(const doc *d, const doc_block *b) {
    if (d->markup != MTL_MARKUP_MARKDOWN || b->level != 1) return false;
    size_t ls = b->start;
    while (ls > 0 && d->text[ls - 1] != '\n') ls--;
    while (ls < b->start && (d->text[ls] == ' ' || d->text[ls] == '\t')) ls++;
    if (d->text[ls] == '#') return true;
    size_t nl = b->end;
    while (nl < d->len && d->text[nl] != '\n') nl++;
    return nl + 1 < d->len && d->text[nl + 1] == '=';
}

/* Whether a format-qualified job applies to the document: .txt to any
 * plain reading (whatever markup is neither Markdown nor HTML). */
static bool format_takes(const rjob *j, const doc *d) {
    if (j->only == MTL_MARKUP_AUTO) return true;
    if (j->only == MTL_MARKUP_TEXT) return d->markup != MTL_MARKUP_MARKDOWN && d->markup != MTL_MARKUP_HTML;
    return d->markup == j->only;
}

static bool job_takes(const rjob *j, const doc *d, const doc_block *b) {
    if (!format_takes(j, d)) return false;
    /* Vale has no headline: a Markdown "# Title" that opens the document
     * is a level-1 heading for it, in `heading` and out of `~heading`; an
     * explicit `headline` scope still takes it */
    if (b->kind == BLOCK_HEADLINE && headline_is_h1(d, b))
        return ((j->kinds & (1u << BLOCK_HEADING)) && (j->hlevels & (1u << 1))) ||
               j->kinds == (1u << BLOCK_HEADLINE);
    if (!(j->kinds & (1u << b->kind))) return false;
    if (b->kind == BLOCK_HEADING) {
        int lv = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
        if (!(j->hlevels & (1u << lv))) return false;
    }
    return true;
}

static void run_job(rctx *c, rule *r, const rjob *j, const doc_block *b) {
    const doc *d = c->d;
    switch (j->unit) {
    case UNIT_BLOCK: run_unit(c, r, j, c->cs, c->ce); break;
    case UNIT_SENTENCE: {
        /* a list rule that has only keyed candidates here: the sentences that hold one */
        bool cands_only = (r->kind == RK_EXISTENCE || r->kind == RK_SUBSTITUTION) && !r->re.code && !r->armed.n &&
                          !r->always.n;
        size_t ci = 0;
        for (size_t i = b->first_sentence; i < b->first_sentence + b->nsentences && i < d->sentences.n; i++) {
            size_t us = to_subject(c, d->sentences.v[i].start), ue = to_subject(c, d->sentences.v[i].end);
            while (cands_only && ci < r->cand.n && r->cand.v[ci].p < us) ci++;
            if (cands_only && (ci == r->cand.n || r->cand.v[ci].p >= ue)) continue;
            run_unit(c, r, j, us, ue);
        }
        break;
    }
    case UNIT_QUOTE: {
        const rules_state *st = c->st;
        for (size_t q = quote_after(st, b->start); q < st->quotes.n && st->quotes.v[q].start < b->end; q++) {
            size_t s = st->quotes.v[q].start > b->start ? st->quotes.v[q].start : b->start;
            size_t e = st->quotes.v[q].end < b->end ? st->quotes.v[q].end : b->end;
            run_unit(c, r, j, to_subject(c, s), to_subject(c, e));
        }
        break;
    }
    case UNIT_RAW: break;
    }
}

/* ---- the word prefilter ---- */

/* Each byte as the word scan reads it: an ASCII word character (PCRE2's \w:
 * letter, digit, '_') in lower case, 0 for other ASCII bytes, 1 for the
 * bytes of other characters (decoded then). */
static const unsigned char WFOLD[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, '_',
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Whether a word starts at v[i]; *next is past its first character. */
static bool word_at(const char *v, size_t end, size_t i, size_t *next) {
    unsigned char ch = (unsigned char)v[i];
    if (ch < 0x80) {
        *next = i + 1;
        return WFOLD[ch] > 1;
    }
    size_t j = i;
    int32_t cp = u8_decode(v, end, &j);
    *next = j;
    return cp >= 0 && rules_is_word(cp);
}

/* Reads the word at v[i] (a word character is there), appending its folded
 * form to key (up to cap bytes; *fits turns false past it). Returns its
 * end. (Locals, not the pointers, in the loop: a store to key may alias
 * them.) Inlined: it runs once a word, and the call, with its results
 * through pointers, cost more than its loop. */
static inline __attribute__((always_inline)) size_t read_word(const char *v, size_t end, size_t i, char *key,
                                                              size_t *k, size_t cap, bool *fits) {
    size_t n = *k;
    bool ok = *fits;
    while (i < end) {
        unsigned char low = WFOLD[(unsigned char)v[i]];
        if (low > 1) {
            if (n < cap) key[n++] = (char)low;
            else ok = false;
            i++;
        } else if (!low) {
            break;
        } else {
            size_t j = i;
            int32_t cp = u8_decode(v, end, &j);
            if (cp < 0 || !rules_is_word(cp)) break;
            char enc[4];
            size_t m = u8_encode(rules_fold(cp), enc);
            if (n + m <= cap) {
                memcpy(key + n, enc, m);
                n += m;
            } else {
                ok = false;
            }
            i = j;
        }
    }
    *k = n;
    *fits = ok;
    return i;
}

#define BLOOM_BIT(h) ((h) >> 48)

/* Inlined too: it runs once a word, and the filter turns most words away
 * in a few instructions, fewer than a call takes. */
static inline __attribute__((always_inline)) const keyslot *key_lookup(const rules_state *st, const char *key,
                                                                       size_t k, uint64_t h) {
    if (!(st->bloom[BLOOM_BIT(h) >> 6] >> (BLOOM_BIT(h) & 63) & 1)) return NULL;
    for (size_t s = h & (st->nslots - 1);; s = (s + 1) & (st->nslots - 1)) {
        const keyslot *ks = &st->slots[s];
        if (!ks->klen) return NULL;
        if (ks->h == h && ks->klen == k && memcmp(st->keys + ks->koff, key, k) == 0) return ks;
    }
}

/* The slot of key[0, k). */
static inline __attribute__((always_inline)) const keyslot *key_find(const rules_state *st, const char *key,
                                                                     size_t k) {
    return key_lookup(st, key, k, rules_key_hash(key, k));
}

static void touch(rules_state *st, rule *r, uint32_t ri) {
    if (r->touched) return;
    r->touched = true;
    VEC_PUSH(st->touched, ri);
}

/* Adds the slot's entries as candidates at p, keeping each rule's
 * candidates at one place in entry order (run_list relies on it). An
 * entry that lacks a clause of characters (the character scan has run)
 * could not be ready at p: it is left out, and its rule not touched for
 * it. */
static void add_hits(rules_state *st, const keyslot *ks, size_t p) {
    for (uint32_t h = ks->first; h < ks->first + ks->n; h++) {
        rule *r = &st->rules.v[st->hits.v[h].rule];
        if (!r->active) continue;
        const rentry *e = &r->entries.v[st->hits.v[h].entry];
        if (e->need_chars && !(e->gen == st->gen && (e->have & e->need_chars) == e->need_chars)) continue;
        rcand cd = {p, st->hits.v[h].entry};
        VEC_PUSH(r->cand, cd);
        for (size_t k = r->cand.n - 1; k > 0 && r->cand.v[k - 1].p == p && r->cand.v[k - 1].entry > cd.entry; k--) {
            r->cand.v[k] = r->cand.v[k - 1];
            r->cand.v[k - 1] = cd;
        }
        touch(st, r, st->hits.v[h].rule);
    }
}

/* Atom a is in the block: the clauses holding it are met; an entry of its
 * own pattern whose clauses are all met is armed for the block. */
static void atom_seen(rules_state *st, uint32_t a) {
    ratomslot *as = &st->atoms.v[a];
    if (as->gen == st->gen) return;
    as->gen = st->gen;
    for (uint32_t h = as->first; h < as->first + as->n; h++) {
        const needhit *nh = &st->needs.v[h];
        rule *r = &st->rules.v[nh->rule];
        if (!r->active) continue;
        rentry *e = &r->entries.v[nh->entry];
        if (e->gen != st->gen) {
            e->gen = st->gen;
            e->have = 0;
        }
        if (e->have & nh->bit) continue;
        e->have |= nh->bit;
        if (e->have == e->need_all && e->alone.code) {
            VEC_PUSH(r->armed, nh->entry);
            touch(st, r, nh->rule);
        }
    }
}

static bool all_ascii(const char *v, size_t n) {
    uint64_t any = 0, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, v + i, 8);
        any |= w;
    }
    for (; i < n; i++) any |= (unsigned char)v[i];
    return !(any & UINT64_C(0x8080808080808080));
}

/* One byte of the character scan after prev: the atoms it is, or ends. */
static inline void char_seen(rules_state *st, unsigned prev, unsigned b) {
    if (st->byte_atom[b]) atom_seen(st, st->byte_atom[b] - 1);
    if (st->pair_atom[prev << 8 | b]) atom_seen(st, st->pair_atom[prev << 8 | b] - 1);
}

/* Whether the character scan skips b, an ASCII letter or a space, when
 * it has a pair atom with a rarer byte (which the scan looks at). */
static bool common_byte(unsigned b) { return b == ' ' || (b >= 'a' && b <= 'z'); }

/* st->cold for the atom tables it does not describe yet: a byte is looked
 * at when it is an atom, or the rarer byte of a pair atom (both when
 * neither is rarer); a pair with a byte past ASCII is always looked at,
 * as the scan decodes every such character and the byte after it. */
static void cold_make(rules_state *st) {
    bool look[128] = {0};
    for (unsigned b = 0; b < 128; b++) look[b] = st->byte_atom[b] != 0;
    for (unsigned x = 0; x < 128; x++)
        for (unsigned y = 0; y < 128; y++) {
            if (!st->pair_atom[x << 8 | y] || look[x] || look[y]) continue;
            if (!common_byte(y)) look[y] = true;
            else if (!common_byte(x)) look[x] = true;
            else look[x] = look[y] = true;
        }
    bool hot[256];
    for (unsigned c = 0; c < 256; c++) {
        st->cold[c] = c < 128 && !look[st->cnorm[c]];
        hot[c] = !st->cold[c];
    }
    byteset_init(&st->look, hot); /* every byte past ASCII is hot */
    st->cold_of = st->pair_atom;
}

/* The bytes of the block as rules_char_norm reads them, one by one and in
 * adjacent pairs, against the atoms; returns whether all are ASCII. Runs
 * of cold bytes are skipped: a byte looked at checks the pairs it ends
 * and (before a cold byte) begins; a character past ASCII, decoded, the
 * pairs it ends and, through the next byte, the one it begins. */
static bool scan_chars(rules_state *st, const char *v, size_t start, size_t end) {
    if (!st->byte_atom) return all_ascii(v + start, end - start);
    if (st->cold_of != st->pair_atom) cold_make(st);
    const unsigned char *cold = st->cold, *u = (const unsigned char *)v;
    bool ascii = true, after_wide = false;
    unsigned prev = 0;
    for (size_t i = start; i < end;) {
        if (!after_wide && cold[u[i]]) {
            i += byteset_find(&st->look, v + i, end - i);
            prev = st->cnorm[u[i - 1]];
            if (i == end) break;
        }
        after_wide = false;
        unsigned char ch = u[i];
        if (ch < 0x80) {
            unsigned b = st->cnorm[ch];
            char_seen(st, prev, b);
            if (i + 1 < end && cold[u[i + 1]]) { /* the pair it begins: the scan skips the next byte */
                unsigned nx = st->cnorm[u[i + 1]];
                if (st->pair_atom[b << 8 | nx]) atom_seen(st, st->pair_atom[b << 8 | nx] - 1);
            }
            prev = b;
            i++;
            continue;
        }
        ascii = false;
        size_t j = i;
        int32_t cp = u8_decode(v, end, &j);
        char nb[4];
        size_t n = cp < 0 ? 0 : rules_char_norm(cp, nb);
        for (size_t k = 0; k < n; k++) {
            char_seen(st, prev, (unsigned char)nb[k]);
            prev = (unsigned char)nb[k];
        }
        i = j > i ? j : i + 1;
        after_wide = true; /* the byte after it ends a pair with it */
    }
    return ascii;
}

/* Whether a decimal digit (what \\d matches) is at v[i]. */
static bool digit_at(const char *v, size_t end, size_t i) {
    if (!((unsigned char)v[i] & 0x80)) return ascii_isdigit((unsigned char)v[i]);
    int32_t cp = u8_decode(v, end, &i);
    return cp >= 0 && u_charType(cp) == U_DECIMAL_DIGIT_NUMBER;
}

/* The RULES_KEY_BEFORE key of the word key[0, k): candidates at pws, the
 * word one space before it. */
static void before_hits(rules_state *st, const char *key, size_t k, size_t pws) {
    char bk[RATOM_MAX + 1];
    size_t pre = strlen(RULES_KEY_BEFORE);
    memcpy(bk, RULES_KEY_BEFORE, pre);
    memcpy(bk + pre, key, k);
    const keyslot *ks = key_lookup(st, bk, k + pre, rules_key_hash(bk, k + pre));
    if (ks) add_hits(st, ks, pws);
}

/* The bit of st->pair_lead for a second word of lead bits lb after the
 * first word in slot ks. */
static inline unsigned pair_bit(const rules_state *st, const keyslot *ks, unsigned lb) {
    uint32_t x = (uint32_t)((size_t)(ks - st->slots) << 14 | lb) * 2654435761u;
    return x >> 18; /* the top 14 bits */
}
_Static_assert(sizeof ((rules_state *)0)->pair_lead * 8 == 1 << 14, "pair_bit's 14 bits index pair_lead");

/* st->bloom for the key table it does not describe yet. */
static void bloom_make(rules_state *st) {
    memset(st->bloom, 0, sizeof st->bloom);
    memset(st->lead, 0, sizeof st->lead);
    memset(st->pair_lead, 0, sizeof st->pair_lead);
    for (size_t s = 0; s < st->nslots; s++) {
        const keyslot *ks = &st->slots[s];
        if (!ks->klen) continue;
        uint64_t bit = BLOOM_BIT(ks->h);
        st->bloom[bit >> 6] |= UINT64_C(1) << (bit & 63);
        unsigned lb = rules_lead(st->keys + ks->koff, ks->klen);
        st->lead[lb >> 6] |= UINT64_C(1) << (lb & 63);
    }
    /* then the two-word keys, whose first words the bloom now finds */
    for (size_t s = 0; s < st->nslots; s++) {
        const keyslot *ks = &st->slots[s];
        const char *key = st->keys + ks->koff, *sp = ks->klen ? memchr(key, ' ', ks->klen) : NULL;
        if (!sp || sp == key || sp + 1 == key + ks->klen) continue;
        size_t first = (size_t)(sp - key);
        const keyslot *fs = key_lookup(st, key, first, rules_key_hash(key, first)); /* has2: it is there */
        if (!fs) continue;
        unsigned pb = pair_bit(st, fs, rules_lead(sp + 1, (size_t)(key + ks->klen - sp - 1)));
        st->pair_lead[pb >> 6] |= UINT64_C(1) << (pb & 63);
    }
    st->bloom_of = st->slots;
}

/* The word scan reads eight bytes at a time where the first byte is the
 * lowest of a uint64_t, a byte at a time elsewhere. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SCAN8 1
#else
#define SCAN8 0
/* 1 for an ASCII letter or digit: a word of them alone folds by setting
 * bit 5 of each byte ('_', also a word character, does not). */
static const unsigned char ALNUM[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};
#endif

/* Where a word may start (WFOLD not 0), eight bytes at a time as a
 * mask of 0x80 bytes: ASCII letters, digits and '_', and every byte of
 * 0x80 or more (word_at decides those). */
static inline uint64_t wordish_bytes(uint64_t x) {
    return ascii_alnum8(x) | bytes_equal8(x, '_') | (x & UINT64_C(0x8080808080808080));
}

/* The end of the run of ASCII letters and digits at v[i]: the first byte
 * past i that is neither, read eight at a time (the views end with zero
 * bytes: the run stops there at the latest). */
static inline size_t alnum_end(const char *v, size_t i) {
#if SCAN8
    uint64_t m;
    while (!(m = ~ascii_alnum8(wkey_load64(v + i)) & UINT64_C(0x8080808080808080))) i += 8;
    return i + (size_t)__builtin_ctzll(m) / 8;
#else
    const unsigned char *u = (const unsigned char *)v;
    while (ALNUM[u[i]] & ALNUM[u[i + 1]] & ALNUM[u[i + 2]] & ALNUM[u[i + 3]]) i += 4;
    while (ALNUM[u[i]]) i++;
    return i;
#endif
}

/* The slot of the plain ASCII word v[ws, ws + k) (letters and digits,
 * k < 64), folded into key only when its length and first two bytes are
 * some key's (st->lead): most words are turned away before any hashing.
 * Reads up to seven bytes past the word: the subject is padded. */
static inline __attribute__((always_inline)) const keyslot *plain_find(const rules_state *st, const char *v,
                                                                       size_t ws, size_t k, char *key) {
    char two[2] = {(char)(v[ws] | 0x20), (char)(v[ws + 1] | 0x20)};
    unsigned lb = rules_lead(two, k);
    if (!(st->keylens >> k & 1) || !(st->lead[lb >> 6] >> (lb & 63) & 1)) return NULL;
    for (size_t j = 0; j < k; j += 8) {
        uint64_t w;
        memcpy(&w, v + ws + j, 8);
        w |= UINT64_C(0x2020202020202020);
        memcpy(key + j, &w, 8);
    }
    return key_find(st, key, k);
}

/* Whether some two-word key may begin with the word of slot ks and go on
 * with the word at v[i]: false only for a plain ASCII word (letters and
 * digits) whose length and first two bytes no such key has. */
static bool second_word_may(const rules_state *st, const keyslot *ks, const char *v, size_t end, size_t i) {
    size_t e = alnum_end(v, i);
    if (e > end) e = end;
    if (e == i || (e < end && WFOLD[(unsigned char)v[e]])) return true; /* '_' or past ASCII: read it all */
    char two[2] = {(char)(v[i] | 0x20), (char)(v[i + 1] | 0x20)};
    unsigned pb = pair_bit(st, ks, rules_lead(two, e - i));
    return st->pair_lead[pb >> 6] >> (pb & 63) & 1;
}

static void scan_words(rules_state *st, const char *v, size_t i, size_t end) {
    if (st->bloom_of != st->slots) bloom_make(st);
    const unsigned char *u = (const unsigned char *)v;
    size_t next, pws = SIZE_MAX, pwe = SIZE_MAX; /* the word before */
    char key[160]; /* two words (cap 148) and eight zero bytes for the hash */
    while (i < end) {
#if SCAN8
        /* the ASCII bytes that start no word, eight at a time (reading
         * past end: the subject is padded) */
        uint64_t m;
        while (!(m = wordish_bytes(wkey_load64(v + i))) && i + 8 < end) i += 8;
        if (!m) break;
        i += (size_t)__builtin_ctzll(m) / 8;
        if (i >= end) break;
        if (u[i] >= 0x80 && !word_at(v, end, i, &next)) {
            i = next;
            continue;
        }
#else
        unsigned char ch = u[i];
        if (ch < 0x80 ? !WFOLD[ch] : !word_at(v, end, i, &next)) {
            i = ch < 0x80 ? i + 1 : next;
            continue;
        }
#endif
        size_t ws = i, k = 0;
        const keyslot *ks;
        bool plain;
        i = alnum_end(v, i);
        if (i > end) i = end;
        plain = i > ws && (i == end || !WFOLD[u[i]]);
        if (plain) { /* letters and digits alone */
            k = i - ws;
            ks = k < 64 ? plain_find(st, v, ws, k, key) : NULL;
        } else { /* '_' or a character past ASCII: read and fold it all */
            bool fits = true;
            i = read_word(v, end, ws, key, &k, 64, &fits);
            ks = fits && k < 64 && (st->keylens >> k & 1) ? key_find(st, key, k) : NULL;
        }
        /* the candidates of a rule stay in order: the word before first */
        if (ks && ks->before && pws != SIZE_MAX && pwe + 1 == ws && v[pwe] == ' ') before_hits(st, key, k, pws);
        pws = ws;
        pwe = i;
        if (st->digit_keys && (plain ? ascii_isdigit(u[ws]) : digit_at(v, end, ws))) add_hits(st, st->digit_keys, ws);
        if (!ks) continue;
        add_hits(st, ks, ws);
        if (ks->atom) atom_seen(st, ks->atom - 1);
        /* a two-word key: exactly one space, then a word */
        if (ks->has2 && i + 1 < end && v[i] == ' ' && word_at(v, end, i + 1, &next)) {
            key[k++] = ' ';
            if (digit_at(v, end, i + 1)) { /* "the \x01" first: its entries may come before the word's */
                key[k] = RULES_KEY_DIGIT[0];
                const keyslot *kd = key_find(st, key, k + 1);
                if (kd) add_hits(st, kd, ws);
            }
            if (!second_word_may(st, ks, v, end, i + 1)) continue;
            bool fits = true;
            read_word(v, end, i + 1, key, &k, sizeof key - 12, &fits);
            const keyslot *k2 = fits ? key_find(st, key, k) : NULL;
            if (k2) add_hits(st, k2, ws); /* a pair of words is never an atom */
        }
    }
}

/* ---- inline markup: the compacted block ---- */

typedef struct compact {
    char *view;
    size_t *map, *mend;
} compact;

/* The atom (a character reference) holding text offset p, if any. */
static const doc_span *atom_at(const doc *d, size_t p) {
    size_t lo = 0, hi = d->atoms.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->atoms.v[mid].end <= p) lo = mid + 1; else hi = mid;
    }
    return lo < d->atoms.n && d->atoms.v[lo].start <= p ? &d->atoms.v[lo] : NULL;
}

/* Whether a word character ends just before v[i] (i > from). */
static bool word_before(const char *v, size_t from, size_t i) {
    size_t k = i - 1, next;
    while (k > from && ((unsigned char)v[k] & 0xC0) == 0x80) k--;
    return word_at(v, i, k, &next);
}

/* Points c at the block to match: the view itself, or, when markup masked
 * something in it, the compacted copy (see the head of this file). */
static void subject_for(rctx *c, compact *cp, const doc_block *b, const char *v) {
    const doc *d = c->d;
    c->text = d->text;
    c->view = v;
    c->map = c->mend = NULL;
    c->cs = b->start;
    c->ce = b->end;
    if (b->end <= b->start || !memchr(v + b->start, DOC_MASK, b->end - b->start)) return;
    if (!cp->view) {
        cp->view = xcalloc(d->len + DOC_PAD + 1, 1);
        cp->map = xmalloc((d->len + 1) * sizeof *cp->map);
        cp->mend = xmalloc((d->len + 1) * sizeof *cp->mend);
    }
    size_t o = b->start, i = b->start, next;
    while (i < b->end) {
        if (v[i] != DOC_MASK) {
            cp->view[o] = v[i];
            cp->map[o] = i;
            cp->mend[o++] = ++i;
            continue;
        }
        size_t rs = i;
        while (i < b->end && v[i] == DOC_MASK) i++;
        bool joins = (rs > b->start && word_before(v, b->start, rs)) || (i < b->end && word_at(v, b->end, i, &next));
        if (joins || atom_at(d, rs)) continue; /* a reference's masked part is never a separator */
        cp->view[o] = DOC_MASK; /* a separator where code or a URL was */
        cp->map[o] = rs;
        cp->mend[o++] = i;
    }
    cp->map[o] = b->end; /* an empty match at the end */
    memset(cp->view + o, 0, DOC_PAD + 1);
    c->text = c->view = cp->view;
    c->map = cp->map;
    c->mend = cp->mend;
    c->ce = o;
}

/* An alt text's subject: the text as written, line breaks as spaces (the
 * view masks it, as it is not prose for the other checks). */
static void subject_for_alt(rctx *c, compact *cp, const doc_block *b) {
    const doc *d = c->d;
    if (!cp->view) {
        cp->view = xcalloc(d->len + DOC_PAD + 1, 1);
        cp->map = xmalloc((d->len + 1) * sizeof *cp->map);
        cp->mend = xmalloc((d->len + 1) * sizeof *cp->mend);
    }
    for (size_t i = b->start; i < b->end; i++) {
        char ch = d->text[i];
        cp->view[i] = ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch;
    }
    memset(cp->view + b->end, 0, DOC_PAD + 1);
    c->text = d->text;
    c->view = cp->view;
    c->map = c->mend = NULL;
    c->cs = b->start;
    c->ce = b->end;
}

/* ---- the pass ---- */

/* Rule r met a match error (st->fail) in what it ran since the document
 * had mark findings. Its findings there are dropped: a failed exception or
 * presence test may have let wrong ones through. It is off for the rest of
 * the document, the other rules go on, and the caller hears of it once. */
static void give_up(rctx *c, rule *r, size_t mark) {
    rules_state *st = c->st;
    finding_truncate(c->cx->out, mark);
    r->gave_up = true;
    if (c->cx->warnings) {
        char why[160] = "pattern too costly";
        if (!rx_limit_error(st->fail) && pcre2_get_error_message(st->fail, (PCRE2_UCHAR *)why, sizeof why) < 0)
            snprintf(why, sizeof why, "PCRE2 error %d", st->fail);
        mtl_diags_add(c->cx->warnings, "rule %s (%s:%u) gave up on this text: %s", r->id, r->path,
                      (unsigned)st->fail_line, why);
    }
    st->fail = 0;
}

/* Sorts a few indexes in place (insertion sort: a block touches a
 * handful of rules). */
static void sort_indexes(uint32_t *v, size_t n) {
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Which rules a run over a block takes: in plain text, the rules of Vale
 * styles read another view than mtlint's own (doc.vview). */
typedef enum { RUN_ALL, RUN_OWN, RUN_VALE } run_set;

/* Every rule (of the set) over one block (or alt text), c pointed at its
 * subject. */
static void run_block(rctx *c, const doc_block *b, run_set set) {
    rules_state *st = c->st;
    check_ctx *cx = c->cx;
    const doc *d = c->d;
    c->ascii = scan_chars(st, c->view, c->cs, c->ce);
    if (st->nslots) scan_words(st, c->view, c->cs, c->ce);
    /* the rules to visit, in order: those visited in every block, merged
     * with the few that keyed candidates touched (a rule on both lists is
     * visited once) */
    sort_indexes(st->touched.v, st->touched.n);
    const uint32_t *va = st->visit.v, *vt = st->touched.v;
    size_t na = st->visit.n, nt = st->touched.n;
    for (size_t a = 0, t = 0; a < na || t < nt;) {
        uint32_t i = t == nt || (a < na && va[a] < vt[t]) ? va[a] : vt[t];
        a += a < na && va[a] == i;
        t += t < nt && vt[t] == i;
        rule *r = &st->rules.v[i];
        if (!r->active || r->gave_up) continue;
        if (set != RUN_ALL && r->vale_view != (set == RUN_VALE)) continue;
        size_t mark = cx->out->n;
        /* the scopes are alternatives: a block is linted once, by the
         * first that takes it */
        for (size_t k = 0; k < r->jobs.n && !st->fail; k++) {
            const rjob *j = &r->jobs.v[k];
            if (j->unit != UNIT_RAW && job_takes(j, d, b)) {
                run_job(c, r, j, b);
                break;
            }
        }
        if (st->fail) give_up(c, r, mark);
    }
    for (size_t t = 0; t < st->touched.n; t++) {
        rule *r = &st->rules.v[st->touched.v[t]];
        r->touched = false;
        r->cand.n = 0;
        r->armed.n = 0;
    }
    st->touched.n = 0;
}

void rules_ready(rules_state *st, const registry *reg) {
    /* most runs change no rule between documents */
    if (st->ready_of == reg && st->ready_gen == reg_generation(reg)) return;
    bool grew = false;
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        r->active = reg_enabled(reg, r->reg) && !r->dormant;
        /* a fork's parent readied every rule the registry has on */
        if (r->active && !st->forked) grew |= rules_prepare(st, r);
    }
    if (grew) rules_prefilter_build(st);
    st->visit.n = st->active.n = st->tail.n = 0;
    st->any_vale = st->any_own = false;
    for (size_t i = 0; i < st->rules.n; i++) {
        const rule *r = &st->rules.v[i];
        if (!r->active) continue;
        VEC_PUSH(st->active, (uint32_t)i);
        bool list = r->kind == RK_EXISTENCE || r->kind == RK_SUBSTITUTION;
        if (!(list && !r->re.code && !r->always.n)) VEC_PUSH(st->visit, (uint32_t)i);
        bool tail = r->kind == RK_METRIC || r->kind == RK_READABILITY;
        for (size_t k = 0; k < r->jobs.n; k++) tail |= r->jobs.v[k].unit == UNIT_RAW;
        if (tail) VEC_PUSH(st->tail, (uint32_t)i);
        if (r->vale_view) st->any_vale = true;
        else st->any_own = true;
    }
    st->ready_of = reg;
    st->ready_gen = reg_generation(reg);
    if (st->ovec_pairs > st->md_pairs) { /* room for the new patterns' groups */
        pcre2_match_data_free(st->md);
        st->md = pcre2_match_data_create(st->ovec_pairs, NULL);
        if (!st->md) abort(); /* out of memory, as xmalloc does */
        st->md_pairs = st->ovec_pairs;
    }
}

void rules_run(void *state, check_ctx *cx) {
    rules_state *st = state;
    const doc *d = cx->d;
    rules_ready(st, cx->reg);
    for (size_t k = 0; k < st->active.n; k++) {
        rule *r = &st->rules.v[st->active.v[k]];
        r->nreported = 0;
        r->gave_up = false;
        strvec_clear(&r->seq);
        if (r->seen) memset(r->seen, 0, r->entries.n);
    }
    /* matching skips UTF-8 checks, so the view must be valid: the core
     * guarantees it; a document breaking that promise is not matched */
    if (!st->active.n || !d->view || u8_valid_prefix(d->view, d->len) != d->len) return;
    if (d->rview && u8_valid_prefix(d->rview, d->len) != d->len) return;
    merge_quotes(st, d);
    if (d->vview && u8_valid_prefix(d->vview, d->len) != d->len) return;
    rctx c = {.st = st, .cx = cx, .d = d};
    compact cp = {0};
    /* plain text: mtlint's rules on the view, Vale's on the view with URLs */
    bool own = !d->vview || st->any_own, vale = d->vview && st->any_vale;
    const char *base = d->rview ? d->rview : d->view;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        const doc_block *b = &d->blocks.v[bi];
        if (own) {
            st->gen++;
            subject_for(&c, &cp, b, base);
            run_block(&c, b, d->vview ? RUN_OWN : RUN_ALL);
        }
        if (vale) {
            st->gen++;
            subject_for(&c, &cp, b, d->vview);
            run_block(&c, b, RUN_VALE);
        }
    }
    /* alt texts: pseudo-blocks for the rules whose scope takes them */
    for (size_t ai = 0; ai < d->alts.n; ai++) {
        doc_block b = {.start = d->alts.v[ai].start, .end = d->alts.v[ai].end, .kind = BLOCK_ALT};
        if (b.end > d->len || b.end <= b.start) continue;
        st->gen++;
        subject_for_alt(&c, &cp, &b);
        run_block(&c, &b, RUN_ALL);
    }
    free(cp.view);
    free(cp.map);
    free(cp.mend);
    /* the raw text is another subject: all ASCII in most news, and then
     * a raw rule of characters past ASCII (MT.Mojibake) has nothing to
     * search (not without the prefilter, the plain reading of the tests) */
    c.ascii = st->prefilter && all_ascii(d->text, d->len);
    c.text = d->text;
    c.view = d->view;
    c.map = c.mend = NULL;
    for (size_t t = 0; t < st->tail.n; t++) {
        rule *r = &st->rules.v[st->tail.v[t]];
        size_t mark = cx->out->n;
        for (size_t k = 0; !r->gave_up && !st->fail && k < r->jobs.n; k++)
            if (r->jobs.v[k].unit == UNIT_RAW && format_takes(&r->jobs.v[k], d))
                run_unit(&c, r, &r->jobs.v[k], 0, d->len);
        if (st->fail) give_up(&c, r, mark);
        double res;
        if ((r->kind == RK_METRIC || r->kind == RK_READABILITY) && rules_metric_eval(r, d, &res)) {
            /* Vale reports the document at its first character */
            char num[64];
            snprintf(num, sizeof num, "%.2f", res);
            const char *args[1] = {num};
            report(&c, r, 0, d->len ? char_len(d->text, d->len, 0) : 0, NULL, format_msg(r->message, args, 1));
        }
    }
}
