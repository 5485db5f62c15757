/* session.c - configurations and their engines. */
#include "session.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

typedef struct slot {
    char *config_path;     /* NULL: no configuration file */
    config file;
    bool load_ok;          /* the file was read and valid (or there is none) */
    bool opened;           /* the engine was tried */
    bool noted;            /* its engine's notes were handed out */
    mtl_diags diags;       /* problems not yet handed out */
    mtl_config cfg;        /* merged; its arrays below */
    const char **words, **rules, **enable, **disable, **enable_where, **disable_where;
    session_target target;
} slot;

typedef struct dir_memo {
    char *dir;
    char *config_path;     /* what config_find answered, may be NULL */
} dir_memo;

struct session {
    const cli_options *o;
    char rules_dir[4096], dict_dir[4096];
    struct { slot **v; size_t n, cap; } slots; /* each allocated alone: pointers stay valid */
    struct { dir_memo *v; size_t n, cap; } memo;
    slot *main;
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
               {"html", MTL_MARKUP_HTML}};

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
    if (!c->quote_style) c->quote_style = f->quote_style;
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
    c->rule_dirs = sl->rules;
    c->enable = sl->enable;
    c->disable = sl->disable;
    c->enable_where = sl->enable_where;
    c->disable_where = sl->disable_where;
    c->levels = f->levels.v;
    c->nlevels = f->levels.n;
    c->weights = f->weights.v;
    c->nweights = f->weights.n;

    /* the levels of a file: the command line, else its configuration */
    session_target *t = &sl->target;
    t->min_severity = o->min_severity_set || !f->has_min_severity ? o->min_severity : f->min_severity;
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

/* The slot of a configuration, its file read (not its engine opened). */
static slot *slot_for(session *s, const char *config_path) {
    for (size_t i = 0; i < s->slots.n; i++) {
        const char *p = s->slots.v[i]->config_path;
        if ((!p && !config_path) || (p && config_path && strcmp(p, config_path) == 0)) return s->slots.v[i];
    }
    slot *sl = xcalloc(1, sizeof *sl);
    sl->config_path = config_path ? xstrdup(config_path) : NULL;
    sl->load_ok = !config_path || config_load(config_path, &sl->file, &sl->diags);
    if (sl->load_ok) merge(s, sl);
    /* a failed slot is kept too, so that its errors are reported once */
    VEC_PUSH(s->slots, sl);
    return sl;
}

static void open_engine(slot *sl) {
    if (sl->opened) return;
    sl->opened = true;
    if (sl->load_ok) sl->target.engine = mtl_engine_open(&sl->cfg, &sl->diags);
}

/* Hands out the problems of a slot, and its engine's notes, once. */
static void report(slot *sl, mtl_diags *diags, mtl_diags *notes) {
    for (size_t i = 0; i < sl->diags.n; i++) mtl_diags_add(diags, "%s", sl->diags.msg[i]);
    mtl_diags_free(&sl->diags);
    if (!notes || !sl->target.engine || sl->noted) return;
    sl->noted = true;
    const mtl_diags *en = mtl_engine_notes(sl->target.engine);
    for (size_t i = 0; i < en->n; i++) mtl_diags_add(notes, "%s", en->msg[i]);
}

static const char *memo_config(session *s, const char *dir) {
    for (size_t i = 0; i < s->memo.n; i++)
        if (strcmp(s->memo.v[i].dir, dir) == 0) return s->memo.v[i].config_path;
    dir_memo m = {xstrdup(dir), config_find(dir)};
    VEC_PUSH(s->memo, m);
    return m.config_path;
}

/* The slot that governs directory dir. */
static slot *slot_of_dir(session *s, const char *dir) {
    if (s->o->config_path || s->o->no_config) return s->main;
    return slot_for(s, memo_config(s, dir));
}

session *session_open(const cli_options *o, const char *data_dir, mtl_diags *diags) {
    session *s = xcalloc(1, sizeof *s);
    s->o = o;
    snprintf(s->rules_dir, sizeof s->rules_dir, "%s/rules", data_dir);
    snprintf(s->dict_dir, sizeof s->dict_dir, "%s/dictionaries", data_dir);
    const char *path = o->config_path;
    if (!path && !o->no_config) path = memo_config(s, ".");
    s->main = slot_for(s, path);
    open_engine(s->main);
    if (!s->main->target.engine) {
        report(s->main, diags, NULL);
        session_close(s);
        return NULL;
    }
    return s;
}

mtl_engine *session_main_engine(session *s) { return s->main->target.engine; }

bool session_target_for(session *s, const char *path, session_target *t, mtl_diags *diags, mtl_diags *notes) {
    const char *name = path;
    if (strcmp(path, "-") == 0) name = s->o->stdin_name ? s->o->stdin_name : "./-";
    char *copy = xstrdup(name);
    slot *sl = slot_of_dir(s, dirname(copy));
    free(copy);
    open_engine(sl);
    report(sl, diags, notes);
    *t = sl->target;
    return t->engine != NULL;
}

const char *const *session_exts_for(session *s, const char *dir, mtl_diags *diags) {
    const cli_options *o = s->o;
    if (o->ext_set) return o->exts.v;
    slot *sl = slot_of_dir(s, dir);
    if (!sl->load_ok) {
        report(sl, diags, NULL);
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
        free(sl->rules);
        free(sl->enable);
        free(sl->disable);
        free(sl->enable_where);
        free(sl->disable_where);
        free(sl);
    }
    VEC_FREE(s->slots);
    for (size_t i = 0; i < s->memo.n; i++) {
        free(s->memo.v[i].dir);
        free(s->memo.v[i].config_path);
    }
    VEC_FREE(s->memo);
    free(s);
}
