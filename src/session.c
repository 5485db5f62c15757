/* session.c - configurations and their engines. */
#include "session.h"

#include <dirent.h>
#include <libgen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"
#include "valeini.h"

typedef struct slot {
    char *config_path;     /* NULL: no configuration file */
    config file;
    bool load_ok;          /* the file was read and valid (or there is none) */
    bool opened;           /* the engine was tried */
    bool noted;            /* its engine's notes were handed out */
    mtl_diags diags;       /* problems not yet handed out */
    mtl_config cfg;        /* merged; its arrays below */
    const char **words, **rules, **enable, **disable, **enable_where, **disable_where, **glossaries;
    session_target target;
    /* a .vale.ini that applies (NULL: none), and which of its sections
     * take the files of this slot (a bit each) */
    const vale_ini *vale;
    struct vale_entry *vale_entry;              /* its warnings are handed out by report() */
    uint64_t vale_mask;
    mtl_level *levels;                          /* the .vale.ini's, then the file's */
    const char **vocab;                         /* its accept.txt files */
    const char **reject;                        /* its reject.txt files */
    const char **token_ignores, **block_ignores; /* its sections' patterns */
    struct { char **v; size_t n, cap; } owned;  /* strings made for the merge */
} slot;

typedef struct dir_memo {
    char *dir;
    char *config_path;     /* what config_find answered, may be NULL */
    char *vale_path;       /* what vale_ini_find answered, may be NULL */
} dir_memo;

/* A .vale.ini read once per run. */
typedef struct vale_entry {
    vale_ini ini;
    bool ok;
    mtl_diags warnings;    /* handed out once, by the first slot that uses it */
} vale_entry;

struct session {
    const cli_options *o;
    char rules_dir[4096], dict_dir[4096];
    struct { slot **v; size_t n, cap; } slots; /* each allocated alone: pointers stay valid */
    struct { dir_memo *v; size_t n, cap; } memo;
    struct { vale_entry **v; size_t n, cap; } vales;
    mtl_diags told;        /* load warnings handed out */
    slot *main;
    pthread_mutex_t mu;    /* held by a worker in session_worker_target_for */
};

/* NULL-terminated concatenation of a file list and a command-line list
 * (b NULL: as many NULLs). */
static const char **concat(char *const *a, size_t na, const char *const *b, size_t nb) {
    const char **v = xcalloc(na + nb + 1, sizeof *v);
    for (size_t i = 0; i < na; i++) v[i] = a[i];
    for (size_t i = 0; b && i < nb; i++) v[na + i] = b[i];
    return v;
}

static size_t count(const char *const *v) {
    size_t n = 0;
    while (v && v[n]) n++;
    return n;
}

static const struct {
    const char *name;
    mtl_markup markup;
} markups[] = {{"auto", MTL_MARKUP_AUTO}, {"text", MTL_MARKUP_TEXT}, {"markdown", MTL_MARKUP_MARKDOWN},
               {"html", MTL_MARKUP_HTML}, {"lines", MTL_MARKUP_LINES}};

static void merge(session *s, slot *sl) {
    const cli_options *o = s->o;
    const config *f = &sl->file;
    mtl_config *c = &sl->cfg;
    *c = o->cfg;
    c->builtin_rules = s->rules_dir;
    c->dict_dir = s->dict_dir;
    if (!c->source_lang) {
        c->source_lang = f->source;
        c->source_where = f->source_where;
    }
    if (!c->dict) {
        c->dict = f->dict;
        c->dict_where = f->dict_where;
    }
    if (!c->dialect) c->dialect = f->dialect;
    if (!c->quote_style && !c->quote_punctuation) { /* either option beats both keys */
        c->quote_style = f->quote_style;
        c->quote_punctuation = f->quote_punctuation;
    }
    /* one scope for the whole run: the command line's, else that of the
     * configuration of the working directory (the first slot merged) */
    if (!o->consistency_set) {
        const config *top = s->main ? &s->main->file : f;
        c->consistency_run = top->consistency && strcmp(top->consistency, "run") == 0;
    }
    for (size_t i = 0; !o->markup_set && f->markup && i < sizeof markups / sizeof markups[0]; i++)
        if (strcmp(f->markup, markups[i].name) == 0) c->markup = markups[i].markup;
    size_t nenable = count(o->cfg.enable), ndisable = count(o->cfg.disable);
    sl->words = concat(f->words.v, f->words.n, o->cfg.words, count(o->cfg.words));
    sl->rules = concat(f->rules.v, f->rules.n, o->cfg.rule_dirs, count(o->cfg.rule_dirs));
    sl->enable = concat(f->enable.v, f->enable.n, o->cfg.enable, nenable);
    sl->disable = concat(f->disable.v, f->disable.n, o->cfg.disable, ndisable);
    sl->enable_where = concat(f->enable.where, f->enable.n, NULL, nenable);
    sl->disable_where = concat(f->disable.where, f->disable.n, NULL, ndisable);
    c->words = sl->words;
    sl->glossaries = concat(f->glossary.v, f->glossary.n, o->cfg.glossaries, count(o->cfg.glossaries));
    c->glossaries = sl->glossaries;
    c->rule_dirs = sl->rules;
    c->enable = sl->enable;
    c->disable = sl->disable;
    c->enable_where = sl->enable_where;
    c->disable_where = sl->disable_where;
    c->levels = f->levels.v;
    c->nlevels = f->levels.n;
    c->weights = f->weights.v;
    c->nweights = f->weights.n;
    c->length_ratios = f->length_ratios.v;
    c->nlength_ratios = f->length_ratios.n;

    /* the levels of a file: the command line, else its configuration */
    session_target *t = &sl->target;
    t->min_severity = o->min_severity_set || !f->has_min_severity ? o->min_severity : f->min_severity;
    t->source_dir = o->source_dir ? o->source_dir : f->source_dir;
    t->source_lang = c->source_lang;
    if (o->fail_level_set || !f->has_fail_level) {
        t->fail_none = o->fail_none;
        t->fail_level = o->fail_level;
    } else {
        t->fail_none = f->fail_none;
        t->fail_level = f->fail_level;
    }
    t->has_min_score = o->min_score_set || f->has_min_score;
    t->min_score = o->min_score_set ? o->min_score : f->min_score;
}


/* ---- .vale.ini ---- */

static const char *own(slot *sl, char *str) {
    VEC_PUSH(sl->owned, str);
    return str;
}

typedef struct strlist {
    const char **v;
    size_t n, cap;
} strlist;

static void push_all(strlist *l, const char *const *v, size_t n) {
    for (size_t i = 0; i < n; i++) VEC_PUSH(*l, v ? v[i] : NULL);
}

/* A NULL-terminated array of the list (the list's own storage). */
static const char **finish(strlist *l) {
    VEC_PUSH(*l, NULL);
    return l->v;
}

/* The style sets under StylesPath: directories that hold rule files. */
static bool style_has_rules(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return false;
    bool any = false;
    struct dirent *de;
    while (!any && (de = readdir(d))) {
        size_t n = strlen(de->d_name);
        any = de->d_name[0] != '.' && n > 4 && strcmp(de->d_name + n - 4, ".yml") == 0;
    }
    closedir(d);
    return any;
}

static bool based_on(const slot *sl, const char *style) {
    const vale_ini *v = sl->vale;
    for (size_t i = 0; i < v->sections.n && i < 64; i++) {
        if (!(sl->vale_mask & (UINT64_C(1) << i))) continue;
        for (size_t k = 0; k < v->sections.v[i].styles.n; k++)
            if (strcmp(v->sections.v[i].styles.v[k], style) == 0) return true;
    }
    return false;
}

/* The .vale.ini's settings go first, so that the .mtlint.yml and then the
 * command line win: lists add up in that order, and later levels override
 * earlier ones. Vale's own rules (Vale.*) are not mtlint's: skipped. */
static void merge_vale(session *s, slot *sl) {
    const vale_ini *v = sl->vale;
    const cli_options *o = s->o;
    const config *f = &sl->file;
    mtl_config *c = &sl->cfg;
    c->soft_where = v->path;
    strlist en = {0}, en_w = {0}, dis = {0}, dis_w = {0}, words = {0}, rules = {0};
    const char *at = own(sl, xstrdup(v->path));
    DIR *d = v->styles_path ? opendir(v->styles_path) : NULL; /* else warned about (valeini.c) */
    if (d) {
        VEC_PUSH(rules, v->styles_path);
        struct dirent *de;
        while ((de = readdir(d))) {
            const char *nm = de->d_name;
            if (nm[0] == '.' || nm[0] == '_' || based_on(sl, nm)) continue;
            char *full = xasprintf("%s/%s", v->styles_path, nm);
            if (style_has_rules(full)) {
                VEC_PUSH(dis, own(sl, xstrdup(nm)));
                VEC_PUSH(dis_w, at);
            }
            free(full);
        }
        closedir(d);
    }
    struct { mtl_level *v; size_t n, cap; } lv = {0};
    for (size_t i = 0; i < v->sections.n && i < 64; i++) {
        if (!(sl->vale_mask & (UINT64_C(1) << i))) continue;
        const vale_section *sec = &v->sections.v[i];
        for (size_t k = 0; k < sec->rules.n; k++) {
            const vale_rule *r = &sec->rules.v[k];
            /* Vale's built-in rules mtlint has not (Vale.Spelling: its
             * Spelling.Unknown; Vale.Repetition) are not asked for */
            if (strncmp(r->id, "Vale.", 5) == 0 && strcmp(r->id, "Vale.Avoid") != 0 && strcmp(r->id, "Vale.Terms") != 0)
                continue;
            if (!r->off) { /* YES, or a level: on */
                VEC_PUSH(en, r->id);
                VEC_PUSH(en_w, r->where);
            }
            if (!r->on) {
                mtl_level l = {.id = r->id, .where = r->where, .off = r->off, .level = r->level};
                VEC_PUSH(lv, l);
            }
        }
    }
    for (size_t i = 0; i < f->levels.n; i++) VEC_PUSH(lv, f->levels.v[i]);
    for (size_t i = 0; i < v->vocab_words.n; i++) VEC_PUSH(words, v->vocab_words.v[i]);
    strlist vocab = {0};
    push_all(&vocab, (const char *const *)v->vocab_words.v, v->vocab_words.n);
    c->vocab_files = sl->vocab = finish(&vocab);
    strlist toks = {0}, blks = {0};
    for (size_t i = 0; i < v->sections.n && i < 64; i++) {
        if (!(sl->vale_mask & (UINT64_C(1) << i))) continue;
        const vale_section *sec = &v->sections.v[i];
        push_all(&toks, (const char *const *)sec->token_ignores.v, sec->token_ignores.n);
        push_all(&blks, (const char *const *)sec->block_ignores.v, sec->block_ignores.n);
    }
    c->token_ignores = sl->token_ignores = finish(&toks);
    c->block_ignores = sl->block_ignores = finish(&blks);
    strlist reject = {0};
    push_all(&reject, (const char *const *)v->vocab_reject.v, v->vocab_reject.n);
    c->vocab_reject_files = sl->reject = finish(&reject);
    /* Vale's own style runs Vale.Terms and Vale.Avoid, the rules of the
     * vocabularies, where a section is based on it */
    if ((v->vocab_words.n || v->vocab_reject.n) && based_on(sl, "Vale")) {
        VEC_PUSH(en, "Vale");
        VEC_PUSH(en_w, at);
    }

    size_t nw = count(sl->words), nr = count(sl->rules), ne = count(sl->enable), nd = count(sl->disable);
    push_all(&words, sl->words, nw);
    push_all(&rules, sl->rules, nr);
    push_all(&en, sl->enable, ne);
    push_all(&en_w, sl->enable_where, ne);
    push_all(&dis, sl->disable, nd);
    push_all(&dis_w, sl->disable_where, nd);
    free(sl->words);
    free(sl->rules);
    free(sl->enable);
    free(sl->disable);
    free(sl->enable_where);
    free(sl->disable_where);
    c->words = sl->words = finish(&words);
    c->rule_dirs = sl->rules = finish(&rules);
    c->enable = sl->enable = finish(&en);
    c->enable_where = sl->enable_where = finish(&en_w);
    c->disable = sl->disable = finish(&dis);
    c->disable_where = sl->disable_where = finish(&dis_w);
    sl->levels = lv.v;
    c->levels = lv.v;
    c->nlevels = lv.n;
    if (!o->min_severity_set && !f->has_min_severity && v->has_min) sl->target.min_severity = v->min;
}

/* The .vale.ini at path, read once; NULL when it cannot be read. */
static vale_entry *vale_at(session *s, const char *path) {
    for (size_t i = 0; i < s->vales.n; i++)
        if (strcmp(s->vales.v[i]->ini.path, path) == 0) return s->vales.v[i];
    vale_entry *e = xcalloc(1, sizeof *e);
    e->ok = vale_ini_load(path, &e->ini, &e->warnings);
    VEC_PUSH(s->vales, e);
    return e;
}

/* The sections of a .vale.ini that take the file name. */
static uint64_t vale_mask(const vale_ini *v, const char *name) {
    uint64_t m = 0;
    for (size_t i = 0; v && i < v->sections.n && i < 64; i++)
        if (vale_glob_match(v->sections.v[i].glob, name)) m |= UINT64_C(1) << i;
    return m;
}

static bool same_path(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

/* The slot of a configuration (and of a .vale.ini, the sections that
 * apply), its file read (not its engine opened). */
static slot *slot_for(session *s, const char *config_path, const char *vale_path, const char *name) {
    vale_entry *ve = vale_path ? vale_at(s, vale_path) : NULL;
    const vale_ini *vale = ve && ve->ok ? &ve->ini : NULL;
    uint64_t mask = vale_mask(vale, name);
    for (size_t i = 0; i < s->slots.n; i++) {
        const slot *o = s->slots.v[i];
        if (same_path(o->config_path, config_path) && o->vale == vale && o->vale_mask == mask) return s->slots.v[i];
    }
    slot *sl = xcalloc(1, sizeof *sl);
    sl->config_path = config_path ? xstrdup(config_path) : NULL;
    sl->vale = vale;
    sl->vale_mask = mask;
    sl->vale_entry = ve;
    sl->load_ok = !config_path || config_load(config_path, &sl->file, &sl->diags);
    if (sl->load_ok) merge(s, sl);
    if (sl->load_ok && sl->vale) merge_vale(s, sl);
    /* a failed slot is kept too, so that its errors are reported once */
    VEC_PUSH(s->slots, sl);
    return sl;
}

static void open_engine(session *s, slot *sl) {
    if (sl->opened) return;
    sl->opened = true;
    if (sl->load_ok) sl->target.engine = mtl_engine_open(&sl->cfg, &sl->diags);
    /* what the rule files use that mtlint skips: handed out with the
     * problems, once even when two engines load the same files, but it
     * fails nothing */
    const mtl_diags *lw = sl->target.engine ? mtl_engine_load_warnings(sl->target.engine) : NULL;
    for (size_t i = 0; lw && i < lw->n; i++) {
        bool told = false;
        for (size_t k = 0; k < s->told.n && !told; k++) told = strcmp(s->told.msg[k], lw->msg[i]) == 0;
        if (told) continue;
        mtl_diags_add(&s->told, "%s", lw->msg[i]);
        mtl_diags_add(&sl->diags, "%s", lw->msg[i]);
    }
}

/* How often the problems of a slot are handed out: once, to the first
 * file that asks; or to every file, for workers, whose files ask in no
 * set order (the caller prints each message once, in the files' order). */
typedef enum { HAND_ONCE, HAND_EVERY } handing;

/* Hands out the problems of a slot, and its engine's notes. */
static void report(slot *sl, mtl_diags *diags, mtl_diags *notes, handing h) {
    if (sl->vale_entry) { /* the .vale.ini's warnings, once, whichever slot uses it first */
        mtl_diags *w = &sl->vale_entry->warnings;
        for (size_t i = 0; i < w->n; i++) mtl_diags_add(diags, "%s", w->msg[i]);
        if (h == HAND_ONCE) mtl_diags_free(w);
    }
    for (size_t i = 0; i < sl->diags.n; i++) mtl_diags_add(diags, "%s", sl->diags.msg[i]);
    if (h == HAND_ONCE) mtl_diags_free(&sl->diags);
    if (!notes || !sl->target.engine || (sl->noted && h == HAND_ONCE)) return;
    sl->noted = true;
    const mtl_diags *en = mtl_engine_notes(sl->target.engine);
    for (size_t i = 0; i < en->n; i++) mtl_diags_add(notes, "%s", en->msg[i]);
}

static const dir_memo *memo_of(session *s, const char *dir) {
    for (size_t i = 0; i < s->memo.n; i++)
        if (strcmp(s->memo.v[i].dir, dir) == 0) return &s->memo.v[i];
    const cli_options *o = s->o;
    dir_memo m = {xstrdup(dir), o->config_path || o->no_config ? NULL : config_find(dir),
                  o->vale_config || o->no_vale_config || o->no_config ? NULL : vale_ini_find(dir)};
    VEC_PUSH(s->memo, m);
    return &s->memo.v[s->memo.n - 1];
}

/* The slot that governs a file named name in directory dir. */
static slot *slot_of(session *s, const char *dir, const char *name) {
    const cli_options *o = s->o;
    const dir_memo *m = memo_of(s, dir);
    const char *cfg = o->config_path ? o->config_path : m->config_path;
    const char *vale = o->vale_config ? o->vale_config : m->vale_path;
    return slot_for(s, cfg, vale, name);
}

session *session_open(const cli_options *o, const char *data_dir, mtl_diags *diags) {
    session *s = xcalloc(1, sizeof *s);
    s->o = o;
    snprintf(s->rules_dir, sizeof s->rules_dir, "%s/rules", data_dir);
    snprintf(s->dict_dir, sizeof s->dict_dir, "%s/dictionaries", data_dir);
    pthread_mutex_init(&s->mu, NULL);
    /* the sections of a .vale.ini that apply to every file, as "[*]" does */
    s->main = slot_of(s, ".", "");
    open_engine(s, s->main);
    report(s->main, diags, NULL, HAND_ONCE);
    if (!s->main->target.engine) {
        session_close(s);
        return NULL;
    }
    return s;
}

mtl_engine *session_main_engine(session *s) { return s->main->target.engine; }

bool session_consistency_run(const session *s) { return s->main->cfg.consistency_run; }

static bool target_for(session *s, const char *path, session_target *t, mtl_diags *diags, mtl_diags *notes,
                       handing h) {
    const char *name = path;
    if (strcmp(path, "-") == 0) name = s->o->stdin_name ? s->o->stdin_name : "./-";
    char *copy = xstrdup(name);
    slot *sl = slot_of(s, dirname(copy), name);
    free(copy);
    open_engine(s, sl);
    report(sl, diags, notes, h);
    *t = sl->target;
    return t->engine != NULL;
}

bool session_target_for(session *s, const char *path, session_target *t, mtl_diags *diags, mtl_diags *notes) {
    return target_for(s, path, t, diags, notes, HAND_ONCE);
}

const char *const *session_exts_for(session *s, const char *dir, mtl_diags *diags) {
    const cli_options *o = s->o;
    if (o->ext_set) return o->exts.v;
    slot *sl = slot_of(s, dir, "");
    if (!sl->load_ok) {
        report(sl, diags, NULL, HAND_ONCE);
        return o->exts.v;
    }
    return sl->file.ext.n ? (const char *const *)sl->file.ext.v : o->exts.v;
}

void session_close(session *s) {
    if (!s) return;
    for (size_t i = 0; i < s->slots.n; i++) {
        slot *sl = s->slots.v[i];
        mtl_engine_close(sl->target.engine);
        config_free(&sl->file);
        mtl_diags_free(&sl->diags);
        free(sl->config_path);
        free(sl->words);
        free(sl->glossaries);
        free(sl->rules);
        free(sl->enable);
        free(sl->disable);
        free(sl->enable_where);
        free(sl->disable_where);
        free(sl->levels);
        free(sl->vocab);
        free(sl->reject);
        free(sl->token_ignores);
        free(sl->block_ignores);
        VEC_FREE_ALL(sl->owned);
        free(sl);
    }
    VEC_FREE(s->slots);
    for (size_t i = 0; i < s->memo.n; i++) {
        free(s->memo.v[i].dir);
        free(s->memo.v[i].config_path);
        free(s->memo.v[i].vale_path);
    }
    VEC_FREE(s->memo);
    for (size_t i = 0; i < s->vales.n; i++) {
        vale_ini_free(&s->vales.v[i]->ini);
        mtl_diags_free(&s->vales.v[i]->warnings);
        free(s->vales.v[i]);
    }
    VEC_FREE(s->vales);
    mtl_diags_free(&s->told);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

/* ---- workers ---- */

typedef struct engine_fork {
    const mtl_engine *of;
    mtl_engine *fork;      /* NULL: forking failed */
} engine_fork;

struct session_worker {
    session *s;
    struct { engine_fork *v; size_t n, cap; } forks;
};

session_worker *session_worker_open(session *s) {
    session_worker *w = xcalloc(1, sizeof *w);
    w->s = s;
    return w;
}

/* The worker's fork of engine e, made when it has none yet (forks of one
 * engine are made one at a time: under the lock). */
static engine_fork *fork_of(session_worker *w, mtl_engine *e) {
    for (size_t i = 0; i < w->forks.n; i++)
        if (w->forks.v[i].of == e) return &w->forks.v[i];
    engine_fork nf = {e, mtl_engine_fork(e)};
    VEC_PUSH(w->forks, nf);
    return &w->forks.v[w->forks.n - 1];
}

bool session_worker_target_for(session_worker *w, const char *path, session_target *t, mtl_diags *diags,
                               mtl_diags *notes) {
    session *s = w->s;
    pthread_mutex_lock(&s->mu);
    bool ok = target_for(s, path, t, diags, notes, HAND_EVERY);
    engine_fork *f = ok ? fork_of(w, t->engine) : NULL;
    pthread_mutex_unlock(&s->mu);
    if (!ok) return false;
    if (!f->fork) {
        mtl_diags_add(diags, "cannot clone the engine's ICU break iterators for a worker");
        return false;
    }
    t->engine = f->fork;
    return true;
}

void session_worker_prefork(session_worker *w) {
    session *s = w->s;
    pthread_mutex_lock(&s->mu);
    fork_of(w, s->main->target.engine);
    pthread_mutex_unlock(&s->mu);
}

void session_worker_close(session_worker *w) {
    if (!w) return;
    for (size_t i = 0; i < w->forks.n; i++) mtl_engine_close(w->forks.v[i].fork);
    VEC_FREE(w->forks);
    free(w);
}
