/* rules_compile.c - a rule's patterns, built the way Vale builds them and
 * compiled once with PCRE2 (UTF, UCP, JIT).
 *
 * Every piece an author wrote (token, swap key, exception...) is compiled
 * on its own first, so that a bad one is reported at its own line and
 * column; then the combined patterns are built:
 *
 *  - existence/substitution entries whose matches must begin with a fixed
 *    word ("the ruler", "[Tt]he ruler", "U.S.") are "keyed": the run looks
 *    their first word up in one hash table shared by all rules, and checks
 *    the entry, anchored, only where that word occurs. One scan of the words
 *    then serves every keyed entry of every rule.
 *  - the other entries of a rule form its residual alternation,
 *    \b(?:(*MARK:i)(?:e_i)|...)\b, and the mark says which entry matched.
 *
 * Measured on the BBC corpus with 400 literal entries over 20 rules (see
 * rules/README.md, "Speed"): one alternation per rule ran the rules pass
 * far below the target; the keyed lookup is what reaches it. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

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
    x->code = NULL;
    x->jit = false;
}

/* JIT-compiles and notes how many capture pairs the match data needs. */
static void rx_finish(rules_state *st, rx *x) {
    uint32_t caps = 0;
    pcre2_pattern_info(x->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > st->ovec_pairs) st->ovec_pairs = caps + 1;
    x->jit = st->jit && pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE) == 0;
}

int rx_match(rules_state *st, const rx *x, const char *subj, size_t len, size_t start) {
    if (x->jit)
        return pcre2_jit_match(x->code, (PCRE2_SPTR)subj, len, start, 0, st->md, st->mctx);
    return pcre2_match(x->code, (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK, st->md, st->mctx);
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

/* Compiles pb; on error reports it in the piece holding the error offset,
 * or at `fallback` when it falls in the glue. */
static bool pb_compile(rules_state *st, pbuild *pb, uint32_t opts, rx *out, rfile *f,
                       const rsrc *fallback, const char *what) {
    int err;
    PCRE2_SIZE off;
    out->code = pcre2_compile((PCRE2_SPTR)(pb->b.data ? pb->b.data : ""), pb->b.len,
                              PCRE2_UTF | PCRE2_UCP | opts, &err, &off, NULL);
    if (out->code) {
        rx_finish(st, out);
        return true;
    }
    char msg[256];
    error_text(err, msg, sizeof msg);
    /* the piece holding the offset; past the last piece (a group left open
     * is found at the end), the end of the last piece before it */
    const seg *in = NULL;
    for (size_t i = 0; i < pb->segs.n; i++)
        if (pb->segs.v[i].start <= off) in = &pb->segs.v[i];
    if (in) {
        size_t voff = off - in->start < in->src->len ? off - in->start : in->src->len;
        rfile_error(f, &in->src->at, in->src->s, voff, "bad regular expression in '%s': %s", what, msg);
    }
    else
        rfile_error(f, fallback, NULL, 0, "bad regular expression in '%s': %s", what, msg);
    return false;
}

/* Compiles one piece on its own, only to report its errors precisely. */
static bool check_piece(rfile *f, const rstr *s, uint32_t opts, const char *what) {
    int err;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)s->s, s->len, PCRE2_UTF | PCRE2_UCP | opts, &err, &off, NULL);
    if (c) {
        pcre2_code_free(c);
        return true;
    }
    char msg[256];
    error_text(err, msg, sizeof msg);
    rfile_error(f, &s->at, s->s, off, "bad regular expression in '%s': %s", what, msg);
    return false;
}

/* ---- keys for the word prefilter ---- */

static bool is_meta(char c) { return strchr(".^$|()[]{}*+?\\", c) != NULL; }
static bool is_quantifier(char c) { return c == '?' || c == '*' || c == '{'; }

/* Whether '|' appears outside any group or class: then the entry has
 * several first words and cannot be keyed by one. */
static bool top_level_bar(const char *p) {
    int depth = 0;
    bool cls = false;
    for (; *p; p++) {
        if (*p == '\\') {
            if (p[1]) p++;
            continue;
        }
        if (cls) {
            if (*p == ']') cls = false;
        } else if (*p == '[') {
            cls = true;
            if (p[1] == ']') p++; /* "[]...]" */
        } else if (*p == '(') depth++;
        else if (*p == ')') depth--;
        else if (*p == '|' && depth == 0) return true;
    }
    return false;
}

/* Reads one literal word of pat at *i into key (folded): letters, digits,
 * '_', or a [Tt] class. Returns false when the pattern there is not a
 * literal word followed by something that ends it: a non-word character
 * (not made optional by a quantifier), \s, \b or the end. On success *i is
 * on that ending element. */
static bool key_word(const char *pat, size_t n, size_t *i, char *key, size_t *k, size_t cap) {
    size_t start = *k;
    for (;;) {
        if (*k + 4 >= cap) return false;
        unsigned char c = (unsigned char)pat[*i];
        if (c == '\0') return *k > start; /* the rule's \b ends the word */
        if (c >= 0x80) {
            size_t j = *i;
            int32_t cp = u8_decode(pat, n, &j);
            if (cp < 0) return false;
            if (!rules_is_word(cp)) return *k > start && !is_quantifier(pat[j]);
            *k += u8_encode(rules_fold(cp), key + *k);
            *i = j;
            continue;
        }
        if (ascii_isalpha(c) || ascii_isdigit(c) || c == '_') {
            key[(*k)++] = (char)ascii_tolower(c);
            (*i)++;
            continue;
        }
        if (c == '[') { /* [Tt]: one letter in either case */
            unsigned char a = (unsigned char)pat[*i + 1], b = a ? (unsigned char)pat[*i + 2] : 0;
            if (!(a && b && pat[*i + 3] == ']' && ascii_isalpha(a) && ascii_tolower(a) == ascii_tolower(b)))
                return false;
            key[(*k)++] = (char)ascii_tolower(a);
            *i += 4;
            continue;
        }
        if (c == '\\') {
            unsigned char d = (unsigned char)pat[*i + 1];
            if (d == '_') {
                key[(*k)++] = '_';
                *i += 2;
                continue;
            }
            if (d == 'b') return *k > start;          /* a boundary ends the word */
            if (d != 's' && (!d || ascii_isalpha(d) || ascii_isdigit(d))) return false; /* \w, \p... */
            return *k > start && !is_quantifier(pat[*i + 2]); /* \s or an escaped non-word char */
        }
        if (is_meta((char)c)) return false; /* '.', '(', a quantifier on the last letter... */
        return *k > start && !is_quantifier(pat[*i + 1]); /* "the ?ruler" may be one word */
    }
}

/* The folded first word of every match of pat -- or its first two words,
 * when they are literal and separated by one literal space -- provided a
 * match can only start at a text word equal to it once folded. NULL when
 * the entry cannot be keyed (it then goes to the residual pattern). */
static char *entry_key(const char *pat) {
    if (top_level_bar(pat)) return NULL;
    char key[128];
    size_t k = 0, i = 0, n = strlen(pat);
    if (!key_word(pat, n, &i, key, &k, 64)) return NULL;
    size_t one = k;
    if (pat[i] == ' ' && !is_quantifier(pat[i + 1]) && pat[i + 1] != '+') {
        key[k++] = ' ';
        i++;
        if (!key_word(pat, n, &i, key, &k, sizeof key)) k = one; /* keep the first word only */
    }
    return xstrndup(key, k);
}

/* ---- per kind ---- */

static uint32_t case_opt(const rule *r) { return r->ignorecase ? PCRE2_CASELESS : 0; }

/* \b(?:(*MARK:i)(?:e_i)|...)\b over the entries `pick` selects (all when
 * keyed_too), Vale's word template (no \b when nonword). */
static bool build_alternation(rules_state *st, rule *r, rfile *f, bool keyed_too, rx *out,
                              const char *what) {
    pbuild pb = {0};
    bool any = false;
    pb_lit(&pb, r->nonword ? "(?:" : "\\b(?:");
    for (size_t i = 0; i < r->entries.n; i++) {
        const rentry *e = &r->entries.v[i];
        if (e->keyed && !keyed_too) continue;
        char mark[48];
        snprintf(mark, sizeof mark, "%s(*MARK:%zu)(?:", any ? "|" : "", i);
        pb_lit(&pb, mark);
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

static bool compile_list(rules_state *st, rule *r, rfile *f) {
    bool ok = true;
    const char *what = r->kind == RK_SUBSTITUTION ? "swap" : "tokens";
    if (r->kind == RK_SUBSTITUTION) stable_sort_entries(r); /* Vale: longest key first */
    for (size_t i = 0; i < r->entries.n; i++)
        if (!check_piece(f, &r->entries.v[i].pat, case_opt(r), what)) ok = false;
    /* raw pieces are concatenated, so only a lone piece must stand alone;
     * errors in a concatenation are placed by pb_compile */
    if (r->raw.n == 1 && !check_piece(f, &r->raw.v[0], case_opt(r), "raw")) ok = false;
    if (!ok) return false;
    for (size_t i = 0; i < r->jobs.n; i++)
        if (r->jobs.v[i].unit == UNIT_RAW) r->needs_full = true;

    if (r->kind == RK_EXISTENCE && r->raw.n) {
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
        if (st->prefilter && !r->nonword) e->key = entry_key(e->pat.s);
        if (e->key) {
            pbuild pb = {0};
            pb_lit(&pb, "\\b(?:");
            pb_src(&pb, &e->pat);
            pb_lit(&pb, ")\\b");
            if (pb_compile(st, &pb, PCRE2_ANCHORED | PCRE2_MULTILINE | case_opt(r), &e->re, f, &e->pat.at, what))
                e->keyed = true;
            else
                ok = false;
            pb_free(&pb);
        }
        if (r->kind != RK_SUBSTITUTION) continue;
        rules_split_options(e);
        if (has_group_ref(e->val.s)) {
            pbuild pb = {0};
            pb_src(&pb, &e->pat);
            if (!pb_compile(st, &pb, case_opt(r), &e->expand, f, &e->pat.at, what)) ok = false;
            pb_free(&pb);
        } else if (!is_phrase(e->val.s) && r->action != ACT_REPLACE) {
            /* Vale reads such a value as the acceptable forms; an invalid
             * one just compares as text, so no error here */
            char *p = xasprintf("^(?:%s)$", e->val.s);
            int err;
            PCRE2_SIZE off;
            e->same.code = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                         &err, &off, NULL);
            if (e->same.code) rx_finish(st, &e->same);
            free(p);
        }
    }
    if (!ok) return false;
    if (!build_alternation(st, r, f, false, &r->re, what)) return false;
    if (r->needs_full && !build_alternation(st, r, f, true, &r->full, what)) return false;
    return true;
}

static bool compile_exceptions(rules_state *st, rule *r, rfile *f) {
    if (!r->exceptions.n) return true;
    bool ok = true;
    for (size_t i = 0; i < r->exceptions.n; i++)
        if (!check_piece(f, &r->exceptions.v[i], 0, "exceptions")) ok = false;
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
    if (!check_piece(f, s, opts, what)) return false;
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
            if (!check_piece(f, &r->entries.v[i].pat, case_opt(r), "tokens")) pieces = false;
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
            bool a = check_piece(f, &e->pat, case_opt(r), "either");
            bool b = check_piece(f, &e->val, case_opt(r), "either");
            if (!a || !b) {
                ok = false;
                continue;
            }
            pbuild pb = {0};
            pb_lit(&pb, r->nonword ? "(?:(*MARK:1)(?:" : "\\b(?:(*MARK:1)(?:");
            pb_src(&pb, &e->pat);
            pb_lit(&pb, ")|(*MARK:2)(?:");
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
        if (r->threshold == 0) r->threshold = 0.8; /* Vale's default */
        break;
    case RK_COUNT: break;
    }
    if (r->action == ACT_EDIT && strcmp(r->params.v[0], "regex") == 0) {
        int err;
        PCRE2_SIZE off;
        r->edit.code = pcre2_compile((PCRE2_SPTR)r->params.v[1], PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
        if (r->edit.code) {
            rx_finish(st, &r->edit);
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

static int cmp_keyrec(const void *a, const void *b) {
    const keyrec *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

static keyslot *slot_for(rules_state *st, const char *key, size_t klen, bool create) {
    uint64_t hv = hash_bytes(key, klen);
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

void rules_prefilter_build(rules_state *st) {
    struct { keyrec *v; size_t n, cap; } recs = {0};
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        for (size_t k = 0; k < r->entries.n; k++) {
            if (!r->entries.v[k].keyed) continue;
            keyrec kr = {r->entries.v[k].key, (uint32_t)i, (uint32_t)k};
            VEC_PUSH(recs, kr);
        }
    }
    if (!recs.n) return;
    qsort(recs.v, recs.n, sizeof *recs.v, cmp_keyrec);
    size_t keybytes = 0;
    for (size_t i = 0; i < recs.n; i++) keybytes += strlen(recs.v[i].key);
    st->nslots = 16;
    while (st->nslots < recs.n * 4) st->nslots *= 2; /* at most 2 slots per record, half full */
    st->slots = xcalloc(st->nslots, sizeof *st->slots);
    st->keys = xmalloc(keybytes * 2 + 1);
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
        /* a two-word key is looked up only after its first word */
        const char *sp = memchr(key, ' ', klen);
        size_t first = sp ? (size_t)(sp - key) : klen;
        if (sp) slot_for(st, key, first, true)->has2 = true;
        if (first < 64) st->keylens |= UINT64_C(1) << first;
        i = j;
    }
    VEC_FREE(recs);
}
