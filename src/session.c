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
    mtl_config cfg;        /* merged; its arrays below */
    const char **words, **rules, **enable, **disable;
    mtl_engine *engine;
} slot;

typedef struct dir_memo {
    char *dir;
    char *config_path;     /* what config_find answered, may be NULL */
} dir_memo;

struct session {
    const cli_options *o;
    char rules_dir[4096], dict_dir[4096];
    struct { slot *v; size_t n, cap; } slots;
    struct { dir_memo *v; size_t n, cap; } memo;
    slot *main;
    const char **exts;
};

/* NULL-terminated concatenation of a file list and a command-line list. */
static const char **concat(char *const *a, size_t na, const char *const *b, size_t nb) {
    const char **v = xcalloc(na + nb + 1, sizeof *v);
    for (size_t i = 0; i < na; i++) v[i] = a[i];
    for (size_t i = 0; i < nb; i++) v[na + i] = b[i];
    return v;
}

static size_t count(const char *const *v) {
    size_t n = 0;
    while (v && v[n]) n++;
    return n;
}

static void merge(session *s, slot *sl) {
    const cli_options *o = s->o;
    const config *f = &sl->file;
    mtl_config *c = &sl->cfg;
    *c = o->cfg;
    c->builtin_rules = s->rules_dir;
    c->dict_dir = s->dict_dir;
    if (!c->source_lang) c->source_lang = f->source;
    if (!c->dict) c->dict = f->dict;
    if (!c->dialect) c->dialect = f->dialect;
    if (!c->quote_style) c->quote_style = f->quote_style;
    if (!o->markup_set && f->markup) {
        if (strcmp(f->markup, "markdown") == 0) c->markup = MTL_MARKUP_MARKDOWN;
        else if (strcmp(f->markup, "text") == 0) c->markup = MTL_MARKUP_TEXT;
    }
    sl->words = concat(f->words.v, f->words.n, o->cfg.words, count(o->cfg.words));
    sl->rules = concat(f->rules.v, f->rules.n, o->cfg.rule_dirs, count(o->cfg.rule_dirs));
    sl->enable = concat(f->enable.v, f->enable.n, o->cfg.enable, count(o->cfg.enable));
    sl->disable = concat(f->disable.v, f->disable.n, o->cfg.disable, count(o->cfg.disable));
    c->words = sl->words;
    c->rule_dirs = sl->rules;
    c->enable = sl->enable;
    c->disable = sl->disable;
    c->levels = f->levels.v;
    c->nlevels = f->levels.n;
}

static slot *slot_for(session *s, const char *config_path, mtl_diags *diags) {
    for (size_t i = 0; i < s->slots.n; i++) {
        const char *p = s->slots.v[i].config_path;
        if ((!p && !config_path) || (p && config_path && strcmp(p, config_path) == 0)) return &s->slots.v[i];
    }
    slot sl = {.config_path = config_path ? xstrdup(config_path) : NULL};
    bool ok = true;
    if (config_path) ok = config_load(config_path, &sl.file, diags);
    if (ok) {
        merge(s, &sl);
        sl.engine = mtl_engine_open(&sl.cfg, diags);
    }
    /* a failed slot is kept too, so its errors are reported once */
    VEC_PUSH(s->slots, sl);
    return &s->slots.v[s->slots.n - 1];
}

static const char *memo_config(session *s, const char *dir) {
    for (size_t i = 0; i < s->memo.n; i++)
        if (strcmp(s->memo.v[i].dir, dir) == 0) return s->memo.v[i].config_path;
    dir_memo m = {xstrdup(dir), config_find(dir)};
    VEC_PUSH(s->memo, m);
    return m.config_path;
}

session *session_open(const cli_options *o, const char *data_dir, mtl_diags *diags) {
    session *s = xcalloc(1, sizeof *s);
    s->o = o;
    snprintf(s->rules_dir, sizeof s->rules_dir, "%s/rules", data_dir);
    snprintf(s->dict_dir, sizeof s->dict_dir, "%s/dictionaries", data_dir);
    /* reserve room so slot pointers stay valid as slots are added */
    VEC_RESERVE(s->slots, 64);
    const char *path = o->config_path;
    if (!path && !o->no_config) path = memo_config(s, ".");
    s->main = slot_for(s, path, diags);
    if (!s->main->engine) {
        session_close(s);
        return NULL;
    }
    const config *f = &s->main->file;
    s->exts = !o->ext_set && f->ext.n ? (const char **)f->ext.v : o->exts.v;
    return s;
}

mtl_engine *session_main_engine(session *s) { return s->main->engine; }

mtl_engine *session_engine_for(session *s, const char *path, mtl_diags *diags) {
    if (s->o->config_path || s->o->no_config || strcmp(path, "-") == 0) return s->main->engine;
    char *copy = xstrdup(path);
    const char *cp = memo_config(s, dirname(copy));
    free(copy);
    if (s->slots.n >= s->slots.cap) return s->main->engine; /* absurdly many configs */
    slot *sl = slot_for(s, cp, diags);
    return sl->engine;
}

const char *const *session_exts(const session *s) { return s->exts; }

bool session_fail_none(const session *s) {
    const config *f = &s->main->file;
    return s->o->fail_level_set ? s->o->fail_none : (f->has_fail_level && f->fail_none);
}

mtl_severity session_fail_level(const session *s) {
    const config *f = &s->main->file;
    return s->o->fail_level_set || !f->has_fail_level ? s->o->fail_level : f->fail_level;
}

mtl_severity session_min_severity(const session *s) {
    const config *f = &s->main->file;
    return s->o->min_severity_set || !f->has_min_severity ? s->o->min_severity : f->min_severity;
}

void session_close(session *s) {
    if (!s) return;
    for (size_t i = 0; i < s->slots.n; i++) {
        slot *sl = &s->slots.v[i];
        mtl_engine_close(sl->engine);
        config_free(&sl->file);
        free(sl->config_path);
        free(sl->words);
        free(sl->rules);
        free(sl->enable);
        free(sl->disable);
    }
    VEC_FREE(s->slots);
    for (size_t i = 0; i < s->memo.n; i++) {
        free(s->memo.v[i].dir);
        free(s->memo.v[i].config_path);
    }
    VEC_FREE(s->memo);
    free(s);
}
