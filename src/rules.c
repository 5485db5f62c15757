/* rules.c - the rule engine's pass: open (load, register, compile),
 * close, and the examples the test mode runs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang.h"
#include "rules_cache.h"
#include "rules_impl.h"
#include "spell.h"

#ifndef MTL_DATADIR
#define MTL_DATADIR "/usr/local/share/mtlint"
#endif

static void rstr_free(rstr *s) {
    free(s->s);
    s->s = NULL;
}

void strvec_free_all(strvec *v) { VEC_FREE_ALL(*v); }

void rules_rule_free(rule *r) {
    free(r->id);
    free(r->path);
    free(r->message);
    free(r->description);
    free(r->link);
    free(r->scope_str);
    strvec_free_all(&r->source);
    strvec_free_all(&r->params);
    strvec_free_all(&r->seq);
    VEC_FREE(r->jobs);
    for (size_t i = 0; i < r->entries.n; i++) {
        rentry *e = &r->entries.v[i];
        rstr_free(&e->pat);
        rstr_free(&e->val);
        for (size_t k = 0; k < e->nopts; k++) free(e->opts[k]);
        free(e->opts);
        rules_need_free(&e->need);
        rx_free(&e->re);
        rx_free(&e->alone);
        rx_free(&e->same);
        rx_free(&e->behind[0].re);
        rx_free(&e->behind[1].re);
    }
    VEC_FREE(r->entries);
    for (size_t i = 0; i < r->raw.n; i++) rstr_free(&r->raw.v[i]);
    for (size_t i = 0; i < r->exceptions.n; i++) rstr_free(&r->exceptions.v[i]);
    for (size_t i = 0; i < r->indicators.n; i++) rstr_free(&r->indicators.v[i]);
    for (size_t i = 0; i < r->metrics.n; i++) rstr_free(&r->metrics.v[i]);
    VEC_FREE(r->metrics);
    rstr_free(&r->formula);
    rstr_free(&r->condition);
    VEC_FREE(r->raw);
    VEC_FREE(r->exceptions);
    VEC_FREE(r->indicators);
    rstr_free(&r->token);
    rstr_free(&r->first);
    rstr_free(&r->second);
    rstr_free(&r->match);
    rstr_free(&r->prefix);
    rstr_free(&r->dicpath);
    rstr_free(&r->aff);
    rstr_free(&r->dic);
    for (size_t i = 0; i < r->dictionaries.n; i++) rstr_free(&r->dictionaries.v[i]);
    for (size_t i = 0; i < r->ignore.n; i++) rstr_free(&r->ignore.v[i]);
    for (size_t i = 0; i < r->filters.n; i++) rstr_free(&r->filters.v[i]);
    VEC_FREE(r->dictionaries);
    VEC_FREE(r->ignore);
    VEC_FREE(r->filters);
    rules_spell_free(r->spell);
    for (size_t i = 0; i < r->tokens.n; i++) {
        rstr_free(&r->tokens.v[i].pattern);
        rx_free(&r->tokens.v[i].re);
    }
    VEC_FREE(r->tokens);
    for (size_t i = 0; i < r->ex.n; i++) free((char *)r->ex.v[i].text); /* expect points into text */
    VEC_FREE(r->ex);
    rx_free(&r->re);
    rx_free(&r->full);
    rx_free(&r->re2);
    rx_free(&r->except);
    rx_free(&r->edit);
    rx_free(&r->prefix_re);
    VEC_FREE(r->cand);
    VEC_FREE(r->armed);
    VEC_FREE(r->always);
    free(r->seen);
}

/* The scratch of one run, which a fork owns as its parent does. */
static void free_scratch(rules_state *st) {
    VEC_FREE(st->touched);
    VEC_FREE(st->visit);
    VEC_FREE(st->active);
    VEC_FREE(st->tail);
    VEC_FREE(st->streams);
    VEC_FREE(st->quotes);
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mctx);
    pcre2_jit_stack_free(st->jstack);
    buf_free(&st->msg);
}

/* What a fork owns (rules_fork). */
static void fork_close(rules_state *st) {
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        for (size_t k = 0; k < r->entries.n; k++) /* the verifiers it compiled (rules_verifier) */
            if (r->entries.v[k].re.own) rx_free(&r->entries.v[k].re);
        VEC_FREE(r->entries);
        VEC_FREE(r->cand);
        VEC_FREE(r->armed);
        strvec_free_all(&r->seq);
        free(r->seen);
    }
    VEC_FREE(st->rules);
    for (size_t i = 0; i < st->spellers.n; i++) spell_close(st->spellers.v[i].sp); /* keys: the parent's */
    VEC_FREE(st->spellers);
    VEC_FREE(st->atoms);
    free_scratch(st);
    free(st);
}

static void rules_close(void *state) {
    rules_state *st = state;
    if (!st) return;
    if (st->forked) {
        fork_close(st);
        return;
    }
    if (st->jits) { /* the forks' JIT-compiled copies: the forks are closed */
        for (size_t i = 0; i < st->jits->n; i++) pcre2_code_free(st->jits->v[i].jit);
        free(st->jits->v);
        pthread_mutex_destroy(&st->jits->mu);
        free(st->jits);
    }
    for (size_t i = 0; i < st->rules.n; i++) rules_rule_free(&st->rules.v[i]);
    for (size_t i = 0; i < st->spellers.n; i++) {
        free(st->spellers.v[i].key);
        spell_close(st->spellers.v[i].sp);
    }
    VEC_FREE(st->spellers);
    strvec_free_all(&st->reject);
    free(st->dict_name);
    VEC_FREE(st->rules);
    VEC_FREE(st->examples);
    VEC_FREE(st->noex);
    free(st->slots);
    free(st->keys);
    VEC_FREE(st->hits);
    VEC_FREE(st->atoms);
    VEC_FREE(st->needs);
    free(st->byte_atom);
    free(st->pair_atom);
    free_scratch(st);
    mtl_diags_free(&st->load_warnings);
    mtl_diags_free(&st->notes);
    strvec_free_all(&st->vocab);
    rcache_close(st->cache);
    free(st);
}

static size_t entry_count(const rule *r) {
    switch (r->kind) {
    case RK_EXISTENCE:
    case RK_SUBSTITUTION:
    case RK_REPETITION:
    case RK_CONSISTENCY: return r->entries.n ? r->entries.n : 1; /* tokens, swap or either pairs */
    default: return 1;
    }
}

/* Registers every rule, or none when an id is taken. */
static bool register_all(rules_state *st, registry *reg, mtl_diags *diags) {
    bool ok = true;
    for (size_t i = 0; i < st->rules.n; i++) {
        const rule *r = &st->rules.v[i];
        bool taken = reg_find(reg, r->id) >= 0;
        for (size_t k = 0; k < i && !taken; k++) taken = strcmp(st->rules.v[k].id, r->id) == 0;
        if (taken) {
            mtl_diags_add(diags, "%s:1:1: rule id '%s' is already defined by another rule file "
                                 "or a built-in check", r->path, r->id);
            ok = false;
        }
    }
    if (!ok) return false;
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        VEC_PUSH(r->source, NULL); /* the registry wants a NULL-terminated list */
        r->source.n--;
        mtl_rule_info info = {
            .id = r->id, .kind = rules_kind_names[r->kind], .level = r->level,
            .category = r->category, .source = (const char *const *)r->source.v,
            .entries = entry_count(r), .scope = r->scope_str,
            .description = r->description ? r->description : "", .path = r->path,
            .link = r->link, .enabled = !r->off,
        };
        long idx = reg_add(reg, &info);
        if (idx < 0) { /* checked above; kept for safety */
            mtl_diags_add(diags, "%s:1:1: rule id '%s' is already defined", r->path, r->id);
            return false;
        }
        r->reg = (size_t)idx;
        bool flags = false;
        for (size_t k = 0; k < r->ex.n; k++) {
            r->ex.v[k].rule = r->reg;
            VEC_PUSH(st->examples, r->ex.v[k]);
            flags |= r->ex.v[k].flag;
        }
        if (!flags) VEC_PUSH(st->noex, r->reg);
        if (r->kind == RK_CONSISTENCY) r->seen = xcalloc(r->entries.n ? r->entries.n : 1, 1);
    }
    return true;
}

/* The accepted terms of the Vale vocabularies, one a line; a term that is
 * not a valid pattern is warned about and left out. */
static void read_vocab(rules_state *st, const char *const *files, strvec *out) {
    for (; files && *files; files++) {
        FILE *fp = fopen(*files, "r");
        if (!fp) {
            mtl_diags_add(&st->load_warnings, "%s: warning: cannot read: %s; ignored", *files, strerror(errno));
            continue;
        }
        char *line = NULL;
        size_t cap = 0, no = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, fp)) > 0) {
            no++;
            while (n > 0 && ascii_isspace((unsigned char)line[n - 1])) line[--n] = '\0';
            char *t = line;
            while (*t && ascii_isspace((unsigned char)*t)) t++;
            if (!*t || *t == '#') continue;
            int err;
            PCRE2_SIZE off;
            pcre2_code *c = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
            if (!c) {
                mtl_diags_add(&st->load_warnings, "%s:%zu: warning: '%s' is not a pattern mtlint can read; ignored",
                              *files, no, t);
                continue;
            }
            pcre2_code_free(c);
            VEC_PUSH(*out, xstrdup(t));
        }
        free(line);
        fclose(fp);
    }
}

static const mtl_diags *pass_load_warnings(void *state) { return &((rules_state *)state)->load_warnings; }

bool rules_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
#ifdef MTL_RULES_NO_PREFILTER
    return rules_open_opts(reg, cfg, p, diags, false); /* to measure Vale's way */
#else
    return rules_open_opts(reg, cfg, p, diags, true);
#endif
}

/* The match context (the limits, and the JIT stack) of one thread. */
static void open_context(rules_state *st) {
    st->mctx = pcre2_match_context_create(NULL);
    if (!st->mctx) abort(); /* out of memory, as xmalloc does */
    pcre2_set_match_limit(st->mctx, RX_MATCH_LIMIT);
    pcre2_set_depth_limit(st->mctx, RX_DEPTH_LIMIT);
    pcre2_set_heap_limit(st->mctx, RX_HEAP_LIMIT_KIB);
    st->jstack = NULL;
    if (st->jit) {
        st->jstack = pcre2_jit_stack_create(32 * 1024, RX_JIT_STACK_MAX, NULL);
        /* without it the JIT would run on 32 KB of machine stack: no JIT */
        if (st->jstack) pcre2_jit_stack_assign(st->mctx, NULL, st->jstack);
        else st->jit = false;
    }
}

/* PCRE2's JIT sets up globals of its own (whether executable memory
 * works, the CPU's features) on its first compile, without a lock: one
 * compile here, while forks are made one at a time, does it before the
 * threads compile anything. */
static void jit_warm_up(void) {
    int err;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR) "a", 1, 0, &err, &off, NULL);
    if (c) pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
    pcre2_code_free(c);
}

/* A malloc'd copy of n elements of v (v may be NULL when n is 0). */
static void *copy_of(const void *v, size_t n, size_t size) {
    void *c = xmalloc(n ? n * size : 1);
    if (n) memcpy(c, v, n * size);
    return c;
}

/* Another thread's state. Every rule the registry has on is readied
 * first, so that the fork never compiles anything the parent would share:
 * it copies the rules and their entries for their per-document fields
 * (the patterns in them are the parent's), and opens its own match data
 * and context. */
static void *rules_fork(void *state) {
    rules_state *base = state;
    rules_ready(base, base->reg);
    if (base->jit) jit_warm_up();
    /* what the forks share in place rather than copy: sequence tokens and
     * spelling rules' patterns */
    for (size_t i = 0; i < base->rules.n; i++) {
        rule *r = &base->rules.v[i];
        for (size_t k = 0; k < r->tokens.n; k++) rx_settle(&r->tokens.v[k].re);
        if (r->spell) rules_spell_settle(r->spell);
    }
    rules_state *st = xmalloc(sizeof *st);
    *st = *base;
    st->forked = true;
    if (!base->jits) {
        base->jits = xcalloc(1, sizeof *base->jits);
        pthread_mutex_init(&base->jits->mu, NULL);
    }
    st->jits = base->jits;
    st->rules.v = copy_of(base->rules.v, base->rules.n, sizeof *st->rules.v);
    st->rules.cap = base->rules.n;
    for (size_t i = 0; i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        const rule *b = &base->rules.v[i];
        r->entries.v = copy_of(b->entries.v, b->entries.n, sizeof *r->entries.v);
        r->entries.cap = b->entries.n;
        memset(&r->cand, 0, sizeof r->cand);
        memset(&r->armed, 0, sizeof r->armed);
        memset(&r->seq, 0, sizeof r->seq);
        r->seen = b->seen ? xcalloc(b->entries.n ? b->entries.n : 1, 1) : NULL;
        r->touched = false;
    }
    /* spelling rules' spellers: a verdict cache of the fork's own */
    st->spellers.v = copy_of(base->spellers.v, base->spellers.n, sizeof *st->spellers.v);
    st->spellers.cap = base->spellers.n;
    for (size_t i = 0; i < st->spellers.n; i++) st->spellers.v[i].sp = spell_fork(base->spellers.v[i].sp);
    st->atoms.v = copy_of(base->atoms.v, base->atoms.n, sizeof *st->atoms.v);
    st->atoms.cap = base->atoms.n;
    memset(&st->touched, 0, sizeof st->touched);
    memset(&st->visit, 0, sizeof st->visit);
    memset(&st->active, 0, sizeof st->active);
    memset(&st->tail, 0, sizeof st->tail);
    st->ready_of = NULL; /* its own active flags and visit list, at its first document */
    memset(&st->streams, 0, sizeof st->streams);
    memset(&st->quotes, 0, sizeof st->quotes);
    memset(&st->msg, 0, sizeof st->msg);
    st->fail = 0;
    open_context(st);
    st->md = pcre2_match_data_create(st->ovec_pairs, NULL);
    if (!st->md) abort(); /* out of memory, as xmalloc does */
    st->md_pairs = st->ovec_pairs;
    return st;
}

/* The rule cache beside the compiled dictionaries (rules_cache.h), or the
 * one $MTLINT_RULE_CACHE names (empty: none); a note when one should be
 * there and cannot be used. */
static void open_cache(rules_state *st, const mtl_config *cfg) {
    const char *env = getenv("MTLINT_RULE_CACHE");
    char *path = NULL, *dir = NULL;
    if (cfg->no_default_rules || (env && !*env)) return; /* it holds only the shipped rules */
    if (env) {
        path = xstrdup(env);
    } else if (cfg->dict_dir) {
        dir = spell_compiled_dir(cfg->dict_dir);
        path = xasprintf("%s/rules.mtrc", dir);
    } else {
        return;
    }
    /* why it cannot be used, by rcache_status (DENIED: open's error) */
    static const char *const why[] = {
        [RCACHE_MISSING] = "is missing",
        [RCACHE_STALE] = "was written by another build",
        [RCACHE_BAD] = "is unreadable (not a rule cache: empty, cut short or damaged)",
        [RCACHE_NOT_FILE] = "is unreadable (not a regular file)",
    };
    rcache_status s;
    st->cache = rcache_open(path, &s);
    const char *denied = s == RCACHE_DENIED ? strerror(errno) : NULL;
    struct stat sb;
    bool expected = env || (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)); /* the dictionaries are compiled */
    if (denied)
        mtl_diags_add(&st->notes, "compiled rule cache %s is unreadable (%s): the rules are compiled from their "
                      "YAML files (slower)", path, denied);
    else if (s != RCACHE_OK && (s != RCACHE_MISSING || expected))
        mtl_diags_add(&st->notes, "compiled rule cache %s %s: the rules are compiled from their YAML files "
                      "(slower); `make` rebuilds it", path, why[s]);
    free(path);
    free(dir);
}

/* rules_open_opts, compiling through cache (NULL: the usual one). */
static bool open_with(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags, bool prefilter,
                      rcache *cache) {
    rules_state *st = xcalloc(1, sizeof *st);
    st->reg = reg;
    if (cache) st->cache = cache;
    else open_cache(st, cfg);
    uint32_t jit = 0;
    st->jit = pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit;
    open_context(st);
    st->prefilter = prefilter;
    st->strict = cfg->strict_rules;
    st->no_spell = cfg->no_spell;
    st->dict_name = xstrdup(cfg->dict && *cfg->dict ? cfg->dict : "en_US");
    if (!cfg->all_sources) {
        const lang_info *l = cfg->source_lang ? lang_find(cfg->source_lang) : NULL;
        st->wanted = cfg;
        st->lang_code = l ? l->code : "";
        st->skim = cfg->skim_other_sources;
    }
    st->ovec_pairs = 1;
    read_vocab(st, cfg->vocab_files, &st->vocab);
    read_vocab(st, cfg->vocab_reject_files, &st->reject);
    strvec seen = {0};
    st->loading_vale = true; /* Vale's vocabulary rules, then the styles of --rules and StylesPath */
    bool ok = rules_load_vocab(st, cfg->vocab_files && *cfg->vocab_files ? *cfg->vocab_files : "accept.txt",
                               cfg->vocab_reject_files && *cfg->vocab_reject_files ? *cfg->vocab_reject_files
                                                                                     : "reject.txt", diags);
    if (!cfg->no_default_rules) {
        const char *dir = cfg->builtin_rules ? cfg->builtin_rules : MTL_DATADIR "/rules";
        st->loading_vale = false;
        rules_dir_how how = {.must_exist = cfg->builtin_rules != NULL, .shipped = true};
        if (!rules_load_dir(st, dir, how, diags, &seen)) ok = false;
        st->loading_vale = true;
    }
    for (const char *const *d = cfg->rule_dirs; d && *d; d++)
        if (!rules_load_dir(st, *d, (rules_dir_how){.must_exist = true}, diags, &seen)) ok = false;
    strvec_free_all(&seen);
    if (!ok || !register_all(st, reg, diags)) {
        for (size_t i = 0; i < st->load_warnings.n; i++) mtl_diags_add(diags, "%s", st->load_warnings.msg[i]);
        if (cache) st->cache = NULL; /* the caller's */
        rules_close(st);
        return false;
    }
    for (int c = 0; c < 128; c++) rules_char_norm(c, (char *)&st->cnorm[c]);
    st->md = pcre2_match_data_create(st->ovec_pairs, NULL);
    st->md_pairs = st->ovec_pairs;
    if (!st->md) abort(); /* out of memory, as xmalloc does */
    p->name = "rules";
    p->state = st;
    p->run = st->rules.n ? rules_run : NULL;
    p->close = rules_close;
    p->examples = st->examples.v;
    p->nexamples = st->examples.n;
    p->load_warnings = pass_load_warnings;
    p->fork = rules_fork;
    p->notes = &st->notes;
    return true;
}

bool rules_open_opts(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags, bool prefilter) {
    return open_with(reg, cfg, p, diags, prefilter, NULL);
}

bool rules_cache_build(const char *rules_dir, const char *out, mtl_diags *diags) {
    registry *reg = reg_open();
    mtl_config cfg = {.builtin_rules = rules_dir, .all_sources = true};
    pass p = {0};
    rcache *rec = rcache_recorder();
    bool opened = open_with(reg, &cfg, &p, diags, true, rec), ok = opened;
    rules_state *st = p.state;
    /* everything a run may compute: each rule readied, each verifier */
    for (size_t i = 0; ok && i < st->rules.n; i++) {
        rule *r = &st->rules.v[i];
        if (r->dormant) continue;
        rules_prepare(st, r);
        for (size_t k = 0; k < r->entries.n; k++) {
            rentry *e = &r->entries.v[k];
            if (e->keyed || e->refs) rules_verifier(st, r, e);
        }
    }
    char err[512];
    if (ok && !rcache_write(rec, out, err, sizeof err)) {
        mtl_diags_add(diags, "cannot write the rule cache: %s", err);
        ok = false;
    }
    if (opened) { /* also when the file could not be written */
        st->cache = NULL; /* closed here, not by the pass */
        p.close(st);
    }
    rcache_close(rec);
    reg_close(reg);
    return ok;
}

size_t rules_without_examples(const void *pass_state, const size_t **out) {
    const rules_state *st = pass_state;
    *out = st ? st->noex.v : NULL;
    return st ? st->noex.n : 0;
}
