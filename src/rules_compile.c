/* rules_compile.c - a rule's patterns, built the way Vale builds them and
 * compiled once with PCRE2 (UTF, UCP, JIT).
 *
 * Every piece an author wrote (token, swap key, exception...) is compiled
 * on its own first, so that a bad one is reported at its own line and
 * column; then the combined patterns are built. What each existence or
 * substitution entry needs is read from its pattern (rules_prefilter.c):
 *
 *  - entries whose matches must begin with one of a few fixed words ("the
 *    ruler", "[Tt]he rulers?", "(?:made|making) part of") are "keyed": the
 *    run looks the word up in one hash table shared by all rules, and checks
 *    the entry, anchored, only where that word occurs. One scan of the words
 *    then serves every keyed entry of every rule.
 *  - entries that need some words or characters in the block ("[Cc]ards? of
 *    credit" needs "credit", "\d+ ?%" needs "%") get their own pattern, run
 *    only over blocks where the scan saw what they need;
 *  - the rest form the rule's residual alternation, \b(?:(e_1)|(e_2)|...)\b,
 *    and the group that is set says which entry matched.
 *
 * Measured on the BBC corpus (see rules/README.md, "Speed"): one
 * alternation per rule, run over every unit, made the shipped rule sets
 * cost ten times the rest of the pipeline; with keys and needs they cost a
 * fraction of it. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "rules_cache.h"
#include "rules_impl.h"

/* ---- characters ---- */

bool rules_is_word(int32_t c) {
    if (c < 0x80) return ascii_isalpha(c) || ascii_isdigit(c) || c == '_';
    return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

int32_t rules_fold(int32_t c) {
    if (c < 0x80) return ascii_tolower(c);
    return (int32_t)u_foldCase(c, U_FOLD_CASE_DEFAULT);
}

/* ---- compiling ---- */

void rx_free(rx *x) {
    pcre2_code_free(x->code);
    pcre2_code_free(x->ascii);
    *x = (rx){0};
}

/* Notes how many capture pairs the match data needs; JIT comes with use:
 * soon for a pattern that searches whole units, later for one that only
 * checks a place (anchored) or a match. */
static void rx_finish(rules_state *st, rx *x, bool scans) {
    uint32_t caps = 0;
    pcre2_pattern_info(x->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > st->ovec_pairs) st->ovec_pairs = caps + 1;
    x->uses = x->auses = !st->jit ? 0 : scans ? RX_JIT_SCANS : RX_JIT_USES;
}

bool rx_limit_error(int rc) {
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
           rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

void rx_failed(rules_state *st, int rc, uint32_t line) {
    if (st->fail) return;
    st->fail = rc;
    st->fail_line = line;
}

static int engine_match(rules_state *st, pcre2_code *code, bool jit, const char *subj, size_t len, size_t start) {
    if (jit) return pcre2_jit_match(code, (PCRE2_SPTR)subj, len, start, 0, st->md, st->mctx);
    return pcre2_match(code, (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, st->md, st->mctx);
}

/* The shared JIT-compiled copy of code, or NULL: not made yet (*found
 * false) or it failed (*found true). Under j->mu. */
static pcre2_code *jit_lookup(const rules_jit *j, const pcre2_code *code, bool *found) {
    for (size_t i = 0; i < j->n; i++)
        if (j->v[i].of == code) {
            *found = true;
            return j->v[i].jit;
        }
    *found = false;
    return NULL;
}

/* JIT compiles *code for st. A fork (rules_fork) never compiles a code
 * it shares with its parent and the other forks, which other threads may
 * be matching with: it takes the JIT-compiled copy that the forks share
 * (rules_jit), made by the first that needs it. The compile runs outside
 * the lock, so that one worker's compile never stops another's matching;
 * copies and frees stay under it, since the codes read from the rule
 * cache share one table whose reference count they change. Two forks
 * wanting the same pattern at once both compile it; the later one frees
 * its copy. */
static bool jit_compile(rules_state *st, pcre2_code **code, bool own) {
    if (!st->forked || own) return pcre2_jit_compile(*code, PCRE2_JIT_COMPLETE) == 0;
    rules_jit *j = st->jits;
    bool found;
    pthread_mutex_lock(&j->mu);
    pcre2_code *c = jit_lookup(j, *code, &found);
    pcre2_code *mine = found ? NULL : pcre2_code_copy(*code);
    pthread_mutex_unlock(&j->mu);
    if (!found) {
        bool ok = mine && pcre2_jit_compile(mine, PCRE2_JIT_COMPLETE) == 0;
        pthread_mutex_lock(&j->mu);
        c = jit_lookup(j, *code, &found);
        if (!found) {
            if (j->n == j->cap) {
                j->cap = j->cap ? j->cap * 2 : 64;
                j->v = xrealloc(j->v, j->cap * sizeof *j->v);
            }
            j->v[j->n].of = *code;
            j->v[j->n++].jit = c = ok ? mine : NULL;
        }
        if (found || !ok) pcre2_code_free(mine); /* another fork made it meanwhile, or it failed */
        pthread_mutex_unlock(&j->mu);
    }
    if (c) *code = c;
    return c != NULL;
}

/* Matches code, JIT compiled once it has been used often enough (*uses
 * counts down to it; 0: JIT unavailable or failed). The two engines count
 * towards the limits differently, and whether a pattern has reached the JIT
 * yet depends on what was checked before (and on which -j worker checks
 * the file): so that the outcome does not, a limit reached by one engine
 * is tried again with the other, and the match gives up only when both do. */
static int code_match(rules_state *st, pcre2_code **code, bool own, bool *jit, uint16_t *uses, const char *subj,
                      size_t len, size_t start, uint32_t line) {
    if (st->fail) return PCRE2_ERROR_NOMATCH; /* the rule running has given up */
    /* a long subject pays for the JIT at once (and a costly pattern gives
     * up sooner on it) */
    if (!*jit && *uses && (--*uses == 0 || len - start >= RX_JIT_LONG)) {
        *uses = 0;
        *jit = jit_compile(st, code, own);
    }
    int rc = engine_match(st, *code, *jit, subj, len, start);
    if (rx_limit_error(rc) && st->jit) {
        /* the other engine: the JIT (compiled now, unless it failed to
         * compile before) or the interpreter */
        bool to_jit = !*jit;
        if (to_jit && *uses) {
            *uses = 0;
            *jit = jit_compile(st, code, own);
        }
        if (!to_jit || *jit) {
            int again = engine_match(st, *code, to_jit, subj, len, start);
            if (!rx_limit_error(again)) rc = again;
        }
    }
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) rx_failed(st, rc, line);
    return rc;
}

void rx_settle(rx *x) {
    if (x->code && !x->jit && x->uses) {
        x->uses = 0;
        x->jit = pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE) == 0;
    }
    if (x->ascii && !x->ajit && x->auses) {
        x->auses = 0;
        x->ajit = pcre2_jit_compile(x->ascii, PCRE2_JIT_COMPLETE) == 0;
    }
}

int rx_match(rules_state *st, rx *x, const char *subj, size_t len, size_t start) {
    return code_match(st, &x->code, x->own, &x->jit, &x->uses, subj, len, start, x->line);
}

int rx_find(rules_state *st, rx *x, const char *subj, size_t len, size_t start, bool ascii) {
    if (!ascii || !x->ascii) return rx_match(st, x, subj, len, start);
    return code_match(st, &x->ascii, x->own, &x->ajit, &x->auses, subj, len, start, x->line);
}

static void error_text(int err, char *out, size_t n) {
    if (pcre2_get_error_message(err, (PCRE2_UCHAR *)out, n) < 0) snprintf(out, n, "error %d", err);
}

/* A pattern made of literal glue and pieces from the rule file; a compile
 * error is reported inside the piece it falls in. */
typedef struct seg {
    size_t start;
    const rstr *src;
} seg;

typedef struct pbuild {
    buf b;
    struct { seg *v; size_t n, cap; } segs;
    bool ascii; /* also compile the ASCII variant (see rx) */
} pbuild;

static void pb_lit(pbuild *pb, const char *s) { buf_puts(&pb->b, s); }

static void pb_src(pbuild *pb, const rstr *s) {
    seg g = {pb->b.len, s};
    VEC_PUSH(pb->segs, g);
    buf_append(&pb->b, s->s, s->len);
}

static void pb_free(pbuild *pb) {
    buf_free(&pb->b);
    VEC_FREE(pb->segs);
}

/* Whether every match of code that starts on an ASCII byte starts on a
 * digit, as PCRE2 knows it (the first code unit, or the bitmap of them). */
static bool starts_digit(const pcre2_code *code) {
    uint32_t type = 0, cu = 0;
    const uint8_t *bits = NULL;
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0) return false;
    if (type == 1) return pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 && cu >= '0' && cu <= '9';
    if (type != 0 || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) != 0 || !bits) return false;
    for (unsigned b = 0; b < 128; b++)
        if ((bits[b >> 3] >> (b & 7) & 1) && !(b >= '0' && b <= '9')) return false;
    return true;
}

/* Whether no match of code starts at an ASCII byte, as PCRE2 knows it
 * (the first code unit, or the bitmap of them; neither known: false). */
static bool starts_past_ascii(const pcre2_code *code) {
    uint32_t type = 0, cu = 0;
    const uint8_t *bits = NULL;
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0) return false;
    if (type == 1) return pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 && cu >= 0x80;
    if (type != 0 || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) != 0 || !bits) return false;
    for (size_t i = 0; i < 16; i++)
        if (bits[i]) return false;
    return true;
}

/* Compiles pb into out (and its ASCII variant when asked); on error
 * leaves the PCRE2 error and its offset in *err and *off. */
static bool pb_build(rules_state *st, pbuild *pb, uint32_t opts, rx *out, int *err, PCRE2_SIZE *off) {
    PCRE2_SPTR pat = (PCRE2_SPTR)(pb->b.data ? pb->b.data : "");
    out->code = rcache_compile(st->cache, (const char *)pat, pb->b.len, PCRE2_UTF | PCRE2_UCP | opts, err, off);
    if (!out->code) return false;
    if (pb->segs.n == 1) out->line = (uint32_t)pb->segs.v[0].src->at.line; /* else the caller's */
    rx_finish(st, out, !(opts & PCRE2_ANCHORED));
    if (pb->ascii) /* the same without UCP; a failure only loses speed */
        out->ascii = rcache_compile(st->cache, (const char *)pat, pb->b.len, PCRE2_UTF | opts, err, off);
    /* what rx_find runs on an all-ASCII subject: \d there is an ASCII digit */
    out->digit_first = starts_digit(out->ascii ? out->ascii : out->code);
    out->not_ascii_first = starts_past_ascii(out->code);
    return true;
}

/* Reports a compile error of pb in the piece holding the error offset, or
 * at `fallback` when it falls in the glue. */
static void pb_report(const pbuild *pb, int err, PCRE2_SIZE off, rfile *f, const rsrc *fallback, const char *what) {
    if (!f) return; /* preparing at run time: the caller falls back */
    char msg[256];
    error_text(err, msg, sizeof msg);
    /* the piece holding the offset; past the last piece (a group left open
     * is found at the end), the end of the last piece before it */
    const seg *in = NULL;
    for (size_t i = 0; i < pb->segs.n; i++)
        if (pb->segs.v[i].start <= off) in = &pb->segs.v[i];
    if (in && err == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH) {
        size_t voff = off - in->start < in->src->len ? off - in->start : in->src->len;
        rfile_unsupported(f, NULL, &in->src->at, in->src->s, voff, "bad regular expression in '%s': lookbehind "
                          "assertion is not fixed length (mtlint emulates one only at the start or end of a token or swap key)",
                          what);
    } else if (in) {
        size_t voff = off - in->start < in->src->len ? off - in->start : in->src->len;
        rfile_error(f, &in->src->at, in->src->s, voff, "bad regular expression in '%s': %s", what, msg);
    }
    else
        rfile_error(f, fallback, NULL, 0, "bad regular expression in '%s': %s", what, msg);
}

static bool pb_compile(rules_state *st, pbuild *pb, uint32_t opts, rx *out, rfile *f,
                       const rsrc *fallback, const char *what) {
    int err;
    PCRE2_SIZE off;
    if (pb_build(st, pb, opts, out, &err, &off)) {
        if (!out->line) out->line = (uint32_t)fallback->line;
        return true;
    }
    pb_report(pb, err, off, f, fallback, what);
    return false;
}

/* A compile only to validate (and count groups): PCRE2's optimizations,
 * which change neither, left out (a sixth of its cost). */
#define RX_CHECK_ONLY (PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE | PCRE2_NO_DOTSTAR_ANCHOR)

/* Compiles one piece on its own, only to report its errors precisely;
 * *groups (when given) is its number of capture groups. */
static bool check_piece(rules_state *st, rfile *f, const rstr *s, uint32_t opts, const char *what,
                        uint32_t *groups) {
    int err;
    PCRE2_SIZE off;
    if (rcache_check(st->cache, s->s, s->len, PCRE2_UTF | PCRE2_UCP | RX_CHECK_ONLY | opts, groups, &err, &off))
        return true;
    char msg[256];
    error_text(err, msg, sizeof msg);
    if (err == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH) /* Vale's engine has them: not the author's fault */
        rfile_unsupported(f, NULL, &s->at, s->s, off, "bad regular expression in '%s': lookbehind "
                          "assertion is not fixed length (mtlint emulates one only at the start or end of a token or swap key)", what);
    else
        rfile_error(f, &s->at, s->s, off, "bad regular expression in '%s': %s", what, msg);
    return false;
}


/* ---- per kind ---- */

static uint32_t case_opt(const rule *r) { return r->ignorecase ? PCRE2_CASELESS : 0; }

/* ---- lookbehind of variable length ---- */

/* Index just past the class opened at pat[i] ('['), or 0 when it does not
 * close: ']' first is literal, [:name:] may stand inside. */
static size_t class_end(const char *pat, size_t n, size_t i) {
    size_t k = i + 1;
    if (k < n && pat[k] == '^') k++;
    if (k < n && pat[k] == ']') k++;
    for (; k < n && pat[k] != ']'; k++) {
        if (pat[k] == '\\') k++;
        else if (pat[k] == '[' && k + 1 < n && pat[k + 1] == ':') {
            const char *e = strstr(pat + k + 2, ":]");
            if (e) k = (size_t)(e - pat) + 1;
        }
    }
    return k < n ? k + 1 : 0;
}

/* Index just past the group opened at pat[i] ('('), or 0 when it does not
 * close. */
static size_t group_end(const char *pat, size_t n, size_t i) {
    size_t depth = 0;
    for (; i < n; i++) {
        char c = pat[i];
        if (c == '\\') {
            if (i + 1 < n && pat[i + 1] == 'Q') { /* \Q...\E is literal */
                const char *e = strstr(pat + i + 2, "\\E");
                if (!e) return 0;
                i = (size_t)(e - pat) + 1;
            } else i++;
        } else if (c == '[') {
            i = class_end(pat, n, i);
            if (!i--) return 0;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth == 0) return i + 1;
        }
    }
    return 0;
}

static bool is_behind(const char *p) { return p[0] == '(' && p[1] == '?' && p[2] == '<' && (p[3] == '=' || p[3] == '!'); }

/* Whether pat has a '|' outside every group in [from, to) (or cannot be
 * read: then it must not be split either). */
static bool top_bar(const char *pat, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        size_t e = 1;
        if (pat[i] == '|') return true;
        if (pat[i] == '\\') i++;
        else if (pat[i] == '(') e = group_end(pat, to, i);
        else if (pat[i] == '[') e = class_end(pat, to, i);
        if (!e) return true;
        if (pat[i] == '(' || pat[i] == '[') i = e - 1;
    }
    return false;
}


/* Takes a lookbehind of variable length off the start or the end of an
 * entry's pattern (Vale's regexp2 has them, PCRE2 does not): the rest is
 * the pattern, and each match is checked against (?:body)\z over the text
 * before its start or end (rules_run). Returns false when the pattern is
 * not of that shape. */
static bool split_behind(rules_state *st, const rule *r, rentry *e) {
    char *pat = e->pat.s;
    size_t n = e->pat.len;
    for (int side = 0; side < 2; side++) {
        size_t open = 0, close = 0;
        if (side == 0) {
            if (n < 5 || !is_behind(pat)) continue;
            close = group_end(pat, n, 0);
            if (!close || top_bar(pat, close, n)) continue;
        } else {
            if (n < 5 || pat[n - 1] != ')') continue;
            /* the group that ends the pattern: scan the top level */
            size_t i = 0, last = SIZE_MAX;
            while (i < n) {
                if (pat[i] == '\\') { i += 2; continue; }
                if (pat[i] == '[') {
                    size_t k = class_end(pat, n, i);
                    if (!k) break;
                    i = k;
                    continue;
                }
                if (pat[i] == '(') {
                    size_t g = group_end(pat, n, i);
                    if (!g) break;
                    if (g == n) last = i;
                    i = g;
                    continue;
                }
                i++;
            }
            if (last == SIZE_MAX || !is_behind(pat + last) || top_bar(pat, 0, last)) continue;
            open = last;
            close = n;
        }
        char *body = xasprintf("(?:%.*s)\\z", (int)(close - open - 5), pat + open + 4);
        int err;
        PCRE2_SIZE off;
        pcre2_code *code = rcache_compile(st->cache, body, strlen(body),
                                          PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | case_opt(r), &err, &off);
        free(body);
        if (!code) continue;
        rx_free(&e->behind[side].re);
        e->behind[side].re.code = code;
        e->behind[side].re.line = (uint32_t)e->pat.at.line;
        rx_finish(st, &e->behind[side].re, true);
        e->behind[side].neg = pat[open + 3] == '!';
        memmove(pat + open, pat + close, n - close + 1);
        n -= close - open;
        e->pat.len = n;
    }
    return e->behind[0].re.code || e->behind[1].re.code;
}

/* An entry reached by its keys or its own pattern, not by the alternation. */
static bool has_own_way(const rentry *e) { return e->keyed || e->alone.code; }

uint32_t rules_alt_entry(rules_state *st, const rule *r, bool every_entry, int rc) {
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
    uint32_t g = 1;
    for (size_t i = 0; i < r->entries.n && g < (uint32_t)rc; i++) {
        const rentry *e = &r->entries.v[i];
        if (!every_entry && has_own_way(e)) continue;
        if (ov[2 * g] != PCRE2_UNSET) return (uint32_t)i;
        g += 1 + e->groups;
    }
    return 0;
}

/* \b(?:(e_1)|(e_2)|...)\b over the residual entries (all with every_entry),
 * Vale's word template (no \b when nonword): the group that is set says
 * which entry matched (see rules_alt_entry). A (*MARK) would say it too, but
 * it turns off PCRE2's search for the possible first characters, which
 * made such alternations ten times slower. */
static bool build_alternation(rules_state *st, rule *r, rfile *f, bool every_entry, rx *out,
                              const char *what) {
    pbuild pb = {.ascii = st->prefilter && !every_entry};
    bool any = false;
    pb_lit(&pb, r->nonword ? "(?:" : "\\b(?:");
    for (size_t i = 0; i < r->entries.n; i++) {
        const rentry *e = &r->entries.v[i];
        if (has_own_way(e) && !every_entry) continue;
        pb_lit(&pb, any ? "|(" : "(");
        pb_src(&pb, &e->pat);
        pb_lit(&pb, ")");
        any = true;
    }
    pb_lit(&pb, r->nonword ? ")" : ")\\b");
    bool ok = !any || pb_compile(st, &pb, PCRE2_MULTILINE | case_opt(r), out, f, &r->list_at, what);
    pb_free(&pb);
    return ok;
}

/* Vale: letters, digits, spaces and hyphens make a phrase; anything else in
 * a swap value is read as a pattern of acceptable forms. */
static bool is_phrase(const char *s) {
    size_t n = strlen(s), i = 0;
    while (i < n) {
        int32_t c = u8_decode(s, n, &i);
        if (c == ' ' || c == '-') continue;
        if (c < 0 || !(U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_ND_MASK))) return false;
    }
    return true;
}

static bool has_group_ref(const char *s) {
    for (; *s; s++)
        if (s[0] == '$' && (ascii_isdigit((unsigned char)s[1]) || s[1] == '{')) return true;
    return false;
}

void rules_split_options(rentry *e) {
    /* "a|b" is two suggestions; "\|" is a literal bar */
    buf cur = {0};
    struct { char **v; size_t n, cap; } opts = {0};
    for (const char *p = e->val.s;; p++) {
        if (*p == '\\' && p[1] == '|') {
            buf_putc(&cur, '|');
            p++;
        } else if (*p == '|' || *p == '\0') {
            if (cur.len) VEC_PUSH(opts, buf_steal(&cur));
            if (!*p) break;
        } else {
            buf_putc(&cur, *p);
        }
    }
    buf_free(&cur);
    e->opts = opts.v;
    e->nopts = opts.n;
}

static int cmp_len_desc(const void *a, const void *b) {
    const rentry *x = a, *y = b;
    if (x->pat.len != y->pat.len) return x->pat.len < y->pat.len ? 1 : -1;
    return 0;
}

/* One entry as its rule's alternation has it: \b(?:e)\b, or (?:e) when
 * nonword. */
static bool compile_entry(rules_state *st, const rule *r, const rentry *e, uint32_t opts, bool ascii, rx *out) {
    pbuild pb = {.ascii = ascii};
    pb_lit(&pb, r->nonword ? "(?:" : "\\b(?:");
    pb_src(&pb, &e->pat);
    pb_lit(&pb, r->nonword ? ")" : ")\\b");
    int err;
    PCRE2_SIZE off;
    bool ok = pb_build(st, &pb, opts | PCRE2_MULTILINE | case_opt(r), out, &err, &off);
    pb_free(&pb);
    return ok;
}

static void stable_sort_entries(rule *r) {
    /* insertion sort: stable, and lists are a few hundred at most */
    for (size_t i = 1; i < r->entries.n; i++) {
        rentry e = r->entries.v[i];
        size_t j = i;
        while (j > 0 && cmp_len_desc(&r->entries.v[j - 1], &e) > 0) {
            r->entries.v[j] = r->entries.v[j - 1];
            j--;
        }
        r->entries.v[j] = e;
    }
}

/* Checks an entry's pattern on its own, taking off a lookbehind of
 * variable length that PCRE2 refuses (split_behind) first. One compile
 * tells both when the pattern is fine, as nearly every one is; its groups
 * number the alternations' groups (rules_alt_entry). */
static bool check_entry(rules_state *st, rule *r, rentry *e, rfile *f, const char *what) {
    int err;
    PCRE2_SIZE off;
    if (rcache_check(st->cache, e->pat.s, e->pat.len, PCRE2_UTF | PCRE2_UCP | RX_CHECK_ONLY | case_opt(r),
                     &e->groups, &err, &off))
        return true;
    if (err == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH && !r->needs_full) split_behind(st, r, e);
    /* the pattern split, or the error reported at its place */
    return check_piece(st, f, &e->pat, case_opt(r), what, &e->groups);
}

static bool compile_list(rules_state *st, rule *r, rfile *f) {
    bool ok = true;
    const char *what = r->kind == RK_SUBSTITUTION ? "swap" : "tokens";
    if (r->kind == RK_SUBSTITUTION) stable_sort_entries(r); /* Vale: longest key first */
    for (size_t i = 0; i < r->jobs.n; i++)
        if (r->jobs.v[i].unit == UNIT_RAW) r->needs_full = true;

    if (r->kind == RK_EXISTENCE && r->raw.n) {
        for (size_t i = 0; i < r->entries.n; i++)
            if (!check_piece(st, f, &r->entries.v[i].pat, case_opt(r), what, NULL)) ok = false;
        /* raw pieces are concatenated, so only a lone piece must stand alone;
         * errors in a concatenation are placed by pb_compile */
        if (r->raw.n == 1 && !check_piece(st, f, &r->raw.v[0], case_opt(r), "raw", NULL)) ok = false;
        if (!ok) return false;
        /* Vale: the raw pieces are concatenated, before the token group (or
         * after it with `append`); the whole is one pattern */
        pbuild pb = {0};
        if (r->append) {
            pb_lit(&pb, r->entries.n && !r->nonword ? "\\b(?:" : "(?:");
            for (size_t i = 0; i < r->entries.n; i++) {
                if (i) pb_lit(&pb, "|");
                pb_src(&pb, &r->entries.v[i].pat);
            }
            pb_lit(&pb, r->entries.n && !r->nonword ? ")\\b" : ")");
        }
        for (size_t i = 0; i < r->raw.n; i++) pb_src(&pb, &r->raw.v[i]);
        if (!r->append) {
            pb_lit(&pb, r->entries.n && !r->nonword ? "\\b(?:" : "(?:");
            for (size_t i = 0; i < r->entries.n; i++) {
                if (i) pb_lit(&pb, "|");
                pb_src(&pb, &r->entries.v[i].pat);
            }
            pb_lit(&pb, r->entries.n && !r->nonword ? ")\\b" : ")");
        }
        ok = pb_compile(st, &pb, PCRE2_MULTILINE | case_opt(r), &r->re, f, &r->at, "raw");
        pb_free(&pb);
        r->whole = true;
        return ok;
    }

    for (size_t i = 0; i < r->entries.n; i++) {
        rentry *e = &r->entries.v[i];
        if (!check_entry(st, r, e, f, what)) {
            ok = false;
            continue;
        }
        /* what is valid alone but not inside a group, "(*UTF)...", fails
         * here rather than when the rule is prepared */
        rx probe = {0};
        if (e->pat.s[0] == '(' && e->pat.s[1] == '*' && !compile_entry(st, r, e, 0, false, &probe)) {
            rfile_error(f, &e->pat.at, NULL, 0, "bad regular expression in '%s': a (*...) setting must start "
                        "the whole pattern, and a list entry is put inside one", what);
            ok = false;
        }
        rx_free(&probe);
        if (r->kind != RK_SUBSTITUTION) continue;
        rules_split_options(e);
        e->refs = has_group_ref(e->val.s);
        if (!e->refs && !is_phrase(e->val.s) && r->action != ACT_REPLACE) {
            /* Vale reads such a value as the acceptable forms; an invalid
             * one just compares as text, so no error here */
            char *p = xasprintf("^(?:%s)$", e->val.s);
            int err;
            PCRE2_SIZE off;
            e->same.code = rcache_compile(st->cache, p, strlen(p), PCRE2_UTF | PCRE2_UCP, &err, &off);
            if (e->same.code) rx_finish(st, &e->same, false);
            e->same.line = (uint32_t)e->val.at.line;
            free(p);
        }
    }
    if (!ok) return false;
    /* the raw text needs every entry in one pattern; the rest is prepared
     * when the rule first runs (rules_prepare): a rule set that stays off,
     * as a source language's does without --source, costs only this */
    return !r->needs_full || build_alternation(st, r, f, true, &r->full, what);
}

bool rules_prepare(rules_state *st, rule *r) {
    if (r->prepared) return false;
    r->prepared = true;
    if (!(r->kind == RK_EXISTENCE || r->kind == RK_SUBSTITUTION) || r->whole) return false;
    for (size_t i = 0; i < r->entries.n; i++) {
        rentry *e = &r->entries.v[i];
        if (st->prefilter && !rcache_need_quick(st->cache, e->pat.s, e->pat.len, !r->nonword, &e->need))
            rcache_need(st->cache, e->pat.s, e->pat.len, r->ignorecase, !r->nonword, &e->need);
        /* the anchored verifier serves keys, and $N (the groups of a match
         * found by another pattern are read again from it): compiled when
         * first needed (rules_verifier), but the match data has room for
         * its groups now (a fork cannot grow what it shares) */
        e->keyed = e->need.keys.n > 0;
        if ((e->keyed || e->refs) && e->groups + 1 > st->ovec_pairs) st->ovec_pairs = e->groups + 1;
        if (!e->keyed && e->need.clauses.n) compile_entry(st, r, e, 0, true, &e->alone);
    }
    if (!build_alternation(st, r, NULL, false, &r->re, NULL)) {
        /* a residual alternation that does not compile (two entries with a
         * group of the same name, or too large): each entry alone, run over
         * every unit */
        for (size_t i = 0; i < r->entries.n; i++) {
            rentry *e = &r->entries.v[i];
            if (has_own_way(e)) continue;
            compile_entry(st, r, e, 0, true, &e->alone);
            VEC_PUSH(r->always, (uint32_t)i);
        }
    }
    return true;
}

rx *rules_verifier(rules_state *st, const rule *r, rentry *e) {
    if (!e->re.code) {
        if (!compile_entry(st, r, e, PCRE2_ANCHORED, false, &e->re)) return NULL;
        e->re.own = st->forked;
    }
    return &e->re;
}

static bool compile_exceptions(rules_state *st, rule *r, rfile *f) {
    if (!r->exceptions.n) return true;
    bool ok = true;
    for (size_t i = 0; i < r->exceptions.n; i++)
        if (!check_piece(st, f, &r->exceptions.v[i], 0, "exceptions", NULL)) ok = false;
    if (!ok) return false;
    /* Vale: longest first, each case-sensitive unless it starts with (?i),
     * whatever the rule's ignorecase says */
    size_t n = r->exceptions.n;
    size_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++) order[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && r->exceptions.v[order[j - 1]].len < r->exceptions.v[x].len) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    pbuild pb = {0};
    pb_lit(&pb, "\\b(?:");
    for (size_t i = 0; i < n; i++) {
        const rstr *e = &r->exceptions.v[order[i]];
        pb_lit(&pb, i ? "|(?:" : "(?:");
        if (strncmp(e->s, "(?i)", 4) != 0) pb_lit(&pb, "(?-i)");
        pb_src(&pb, e);
        pb_lit(&pb, ")");
    }
    pb_lit(&pb, ")\\b");
    ok = pb_compile(st, &pb, PCRE2_MULTILINE, &r->except, f, &r->at, "exceptions");
    pb_free(&pb);
    free(order);
    return ok;
}

static bool compile_one(rules_state *st, rx *out, const rstr *s, uint32_t opts, const char *wrap_l,
                        const char *wrap_r, rfile *f, const char *what) {
    if (!check_piece(st, f, s, opts, what, NULL)) return false;
    pbuild pb = {0};
    pb_lit(&pb, wrap_l);
    pb_src(&pb, s);
    pb_lit(&pb, wrap_r);
    bool ok = pb_compile(st, &pb, opts, out, f, &s->at, what);
    pb_free(&pb);
    return ok;
}

bool rules_compile(rules_state *st, rule *r, rfile *f) {
    bool ok = compile_exceptions(st, r, f);
    switch (r->kind) {
    case RK_EXISTENCE:
    case RK_SUBSTITUTION:
        if (!compile_list(st, r, f)) ok = false;
        break;
    case RK_OCCURRENCE:
        if (r->token.s && !compile_one(st, &r->re, &r->token, case_opt(r), "(?:", ")", f, "token")) ok = false;
        break;
    case RK_REPETITION: {
        bool pieces = true;
        for (size_t i = 0; i < r->entries.n; i++)
            if (!check_piece(st, f, &r->entries.v[i].pat, case_opt(r), "tokens", NULL)) pieces = false;
        if (!pieces) {
            ok = false;
            break;
        }
        pbuild pb = {0};
        pb_lit(&pb, "(");
        for (size_t i = 0; i < r->entries.n; i++) {
            if (i) pb_lit(&pb, "|");
            pb_src(&pb, &r->entries.v[i].pat);
        }
        pb_lit(&pb, ")");
        if (r->entries.n && !pb_compile(st, &pb, case_opt(r), &r->re, f, &r->list_at, "tokens")) ok = false;
        pb_free(&pb);
        break;
    }
    case RK_CONDITIONAL:
        if (r->first.s && !compile_one(st, &r->re, &r->first, case_opt(r), "", "", f, "first")) ok = false;
        if (r->second.s) {
            if (!compile_one(st, &r->re2, &r->second, case_opt(r), "", "", f, "second")) ok = false;
            else {
                pcre2_pattern_info(r->re2.code, PCRE2_INFO_CAPTURECOUNT, &r->second_groups);
            }
        }
        break;
    case RK_CONSISTENCY:
        for (size_t i = 0; i < r->entries.n; i++) {
            rentry *e = &r->entries.v[i];
            bool a = check_piece(st, f, &e->pat, case_opt(r), "either", NULL);
            bool b = check_piece(st, f, &e->val, case_opt(r), "either", NULL);
            if (!a || !b) {
                ok = false;
                continue;
            }
            pbuild pb = {0};
            pb_lit(&pb, r->nonword ? "(?:(" : "\\b(?:(");  /* group 1 set: the first form */
            pb_src(&pb, &e->pat);
            pb_lit(&pb, ")|(?:");
            pb_src(&pb, &e->val);
            pb_lit(&pb, r->nonword ? "))" : "))\\b");
            if (!pb_compile(st, &pb, PCRE2_MULTILINE | case_opt(r), &e->re, f, &e->pat.at, "either")) ok = false;
            pb_free(&pb);
        }
        break;
    case RK_CAPITALIZATION:
        if (!r->match.s) break;
        if (strcmp(r->match.s, "$lower") == 0) r->capstyle = 1;
        else if (strcmp(r->match.s, "$upper") == 0) r->capstyle = 2;
        else if (strcmp(r->match.s, "$title") == 0) r->capstyle = 3;
        else if (strcmp(r->match.s, "$sentence") == 0) r->capstyle = 4;
        else if (!compile_one(st, &r->re, &r->match, 0, "", "", f, "match")) ok = false;
        if (r->prefix.s && !compile_one(st, &r->prefix_re, &r->prefix, PCRE2_ANCHORED, "(?:", ")", f, "prefix"))
            ok = false;
        if (r->threshold == 0) r->threshold = 0.8; /* Vale's default */
        break;
    case RK_METRIC:
    case RK_READABILITY:
        if (!rules_metric_check(r, f)) ok = false;
        break;
    case RK_SPELLING:
        if (!rules_spell_load(st, r, f)) ok = false;
        break;
    case RK_SEQUENCE:
        /* each pattern is matched against one word, whole */
        for (size_t i = 0; i < r->tokens.n; i++)
            if (!compile_one(st, &r->tokens.v[i].re, &r->tokens.v[i].pattern, case_opt(r), "^(?:", ")$", f, "pattern"))
                ok = false;
        break;
    case RK_COUNT: break;
    }
    if (r->action == ACT_EDIT && strcmp(r->params.v[0], "regex") == 0) {
        int err;
        PCRE2_SIZE off;
        r->edit.code = pcre2_compile((PCRE2_SPTR)r->params.v[1], PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
        if (r->edit.code) {
            rx_finish(st, &r->edit, false);
            r->edit.line = (uint32_t)r->at.line;
        } else {
            char msg[256];
            error_text(err, msg, sizeof msg);
            rfile_error(f, &r->at, NULL, 0, "bad regular expression in action edit params: %s", msg);
            ok = false;
        }
    }
    return ok;
}

/* ---- the prefilter table ---- */

typedef struct keyrec {
    const char *key;
    uint32_t rule, entry;
} keyrec;

typedef struct { keyrec *v; size_t n, cap; } keyrec_vec;

/* Records of one key or atom go in rule, then entry order. */
static int cmp_place(uint32_t rule_a, uint32_t entry_a, uint32_t rule_b, uint32_t entry_b) {
    if (rule_a != rule_b) return rule_a < rule_b ? -1 : 1;
    return (entry_a > entry_b) - (entry_a < entry_b);
}

static int cmp_keyrec(const void *a, const void *b) {
    const keyrec *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : cmp_place(x->rule, x->entry, y->rule, y->entry);
}

static keyslot *slot_for(rules_state *st, const char *key, size_t klen, bool create) {
    uint64_t hv = rules_key_hash(key, klen);
    size_t s = hv & (st->nslots - 1);
    for (; st->slots[s].klen; s = (s + 1) & (st->nslots - 1)) {
        keyslot *ks = &st->slots[s];
        if (ks->h == hv && ks->klen == klen && memcmp(st->keys + ks->koff, key, klen) == 0) return ks;
    }
    if (!create) return NULL;
    keyslot *ks = &st->slots[s];
    ks->h = hv;
    ks->klen = (uint32_t)klen;
    ks->koff = (uint32_t)st->nkeybytes;
    memcpy(st->keys + st->nkeybytes, key, klen);
    st->nkeybytes += klen;
    return ks;
}

/* An atom some entry needs, with the clause it is in. */
typedef struct needrec {
    const ratom *atom;
    uint32_t rule, entry;
    uint8_t bit;
} needrec;

typedef struct { needrec *v; size_t n, cap; } needrec_vec;

static int cmp_atom(const ratom *x, const ratom *y) {
    if (x->word != y->word) return x->word ? 1 : -1;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return memcmp(x->s, y->s, x->len);
}

static int cmp_needrec(const void *a, const void *b) {
    const needrec *x = a, *y = b;
    int c = cmp_atom(x->atom, y->atom);
    return c ? c : cmp_place(x->rule, x->entry, y->rule, y->entry);
}

/* The keys and atoms of every compiled entry. */
static void collect(rules_state *st, keyrec_vec *keys, needrec_vec *needs) {
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        for (size_t k = 0; k < r->entries.n; k++) {
            rentry *e = &r->entries.v[k];
            for (size_t q = 0; e->keyed && q < e->need.keys.n; q++) {
                keyrec kr = {e->need.keys.v[q], (uint32_t)i, (uint32_t)k};
                VEC_PUSH(*keys, kr);
            }
            if (!e->keyed && !e->alone.code) continue; /* a residual entry: its needs are not used */
            for (size_t c = 0; c < e->need.clauses.n; c++) {
                const rclause *cl = &e->need.clauses.v[c];
                for (size_t a = 0; a < cl->n; a++) {
                    needrec nr = {&cl->v[a], (uint32_t)i, (uint32_t)k, (uint8_t)(1u << c)};
                    VEC_PUSH(*needs, nr);
                }
                e->need_all |= (uint8_t)(1u << c);
                bool chars = true;
                for (size_t a = 0; a < cl->n; a++) chars &= !cl->v[a].word;
                if (chars) e->need_chars |= (uint8_t)(1u << c);
            }
        }
    }
}

/* The atoms: each with its needhits; words in the key table, bytes and
 * byte pairs in their own tables. */
static void build_atoms(rules_state *st, needrec_vec *needs) {
    if (needs->n) qsort(needs->v, needs->n, sizeof *needs->v, cmp_needrec);
    for (size_t i = 0; i < needs->n;) {
        const ratom *a = needs->v[i].atom;
        uint32_t id = (uint32_t)st->atoms.n;
        ratomslot as = {.first = (uint32_t)st->needs.n};
        size_t j = i;
        for (; j < needs->n && cmp_atom(needs->v[j].atom, a) == 0; j++) {
            needhit h = {needs->v[j].rule, needs->v[j].entry, needs->v[j].bit};
            VEC_PUSH(st->needs, h);
        }
        as.n = (uint32_t)(j - i);
        VEC_PUSH(st->atoms, as);
        if (a->word) {
            slot_for(st, a->s, a->len, true)->atom = id + 1;
            st->keylens |= UINT64_C(1) << a->len; /* len < RATOM_MAX = 64 */
        } else {
            if (!st->byte_atom) { /* both tables, so that the scan need not ask */
                st->byte_atom = xcalloc(256, sizeof *st->byte_atom);
                st->pair_atom = xcalloc(65536, sizeof *st->pair_atom);
            }
            if (a->len == 1) st->byte_atom[(unsigned char)a->s[0]] = id + 1;
            else st->pair_atom[(unsigned char)a->s[0] << 8 | (unsigned char)a->s[1]] = id + 1;
        }
        i = j;
    }
}

void rules_prefilter_build(rules_state *st) {
    free(st->slots);
    free(st->keys);
    free(st->byte_atom);
    free(st->pair_atom);
    st->slots = NULL;
    st->keys = NULL;
    st->byte_atom = st->pair_atom = NULL;
    st->nslots = st->nkeybytes = 0;
    st->keylens = 0;
    st->digit_keys = NULL;
    st->bloom_of = NULL; /* the word scan makes its filter again (a new table may reuse the address) */
    st->cold_of = NULL;  /* and the character scan its cold bytes */
    st->hits.n = st->atoms.n = st->needs.n = 0;
    keyrec_vec recs = {0};
    needrec_vec needs = {0};
    collect(st, &recs, &needs);
    size_t keybytes = 0, nwords = 0;
    for (size_t i = 0; i < recs.n; i++) keybytes += strlen(recs.v[i].key);
    for (size_t i = 0; i < needs.n; i++)
        if (needs.v[i].atom->word) {
            keybytes += needs.v[i].atom->len;
            nwords++;
        }
    if (recs.n || nwords) {
        st->nslots = 16;
        while (st->nslots < (recs.n + nwords) * 4) st->nslots *= 2; /* at most 2 slots per record, half full */
        st->slots = xcalloc(st->nslots, sizeof *st->slots);
        st->keys = xmalloc(keybytes * 2 + 1);
    }
    if (recs.n) qsort(recs.v, recs.n, sizeof *recs.v, cmp_keyrec);
    for (size_t i = 0; i < recs.n;) {
        const char *key = recs.v[i].key;
        size_t klen = strlen(key), j = i;
        while (j < recs.n && strcmp(recs.v[j].key, key) == 0) {
            keyhit h = {recs.v[j].rule, recs.v[j].entry};
            VEC_PUSH(st->hits, h);
            j++;
        }
        keyslot *ks = slot_for(st, key, klen, true);
        ks->first = (uint32_t)(st->hits.n - (j - i));
        ks->n = (uint32_t)(j - i);
        /* a two-word key is looked up only after its first word, a
         * RULES_KEY_BEFORE key only after its word */
        const char *sp = memchr(key, ' ', klen);
        size_t first = sp ? (size_t)(sp - key) : klen;
        if (sp) slot_for(st, key, first, true)->has2 = true;
        if (key[0] == RULES_KEY_BEFORE[0]) {
            first = klen - 1;
            slot_for(st, key + 1, first, true)->before = true;
        }
        if (first < 64) st->keylens |= UINT64_C(1) << first;
        i = j;
    }
    build_atoms(st, &needs);
    if (st->nslots) st->digit_keys = slot_for(st, RULES_KEY_DIGIT, strlen(RULES_KEY_DIGIT), false);
    VEC_FREE(recs);
    VEC_FREE(needs);
}
