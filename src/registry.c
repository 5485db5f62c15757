/* registry.c - the table of rules. */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* One entry: the public info plus the storage its pointers refer to. */
typedef struct entry {
    mtl_rule_info info;
    char **source; /* NULL-terminated copy */
    bool weight_set; /* its weight was configured by id or set */
} entry;

struct registry {
    struct { entry *v; size_t n, cap; } rules;
    mtl_rule_info *infos; /* contiguous view for reg_all, rebuilt on demand */
    size_t ninfos;
    unsigned long gen;    /* reg_generation */
};

registry *reg_open(void) { return xcalloc(1, sizeof(registry)); }

static void entry_free(entry *e) {
    free((char *)e->info.id);
    free((char *)e->info.kind);
    free((char *)e->info.scope);
    free((char *)e->info.description);
    free((char *)e->info.path);
    free((char *)e->info.link);
    if (e->source) {
        for (char **s = e->source; *s; s++) free(*s);
        free(e->source);
    }
}

void reg_close(registry *r) {
    if (!r) return;
    for (size_t i = 0; i < r->rules.n; i++) entry_free(&r->rules.v[i]);
    VEC_FREE(r->rules);
    free(r->infos);
    free(r);
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

long reg_find(const registry *r, const char *id) {
    for (size_t i = 0; i < r->rules.n; i++)
        if (strcmp(r->rules.v[i].info.id, id) == 0) return (long)i;
    return -1;
}

/* After any change to the rules: the view is stale, the generation new. */
static void invalidate(registry *r) {
    free(r->infos);
    r->infos = NULL;
    r->gen++;
}

unsigned long reg_generation(const registry *r) { return r->gen; }

long reg_add(registry *r, const mtl_rule_info *info) {
    if (reg_find(r, info->id) >= 0) return -1;
    entry e = {.info = *info};
    e.info.id = xstrdup(info->id);
    e.info.kind = xstrdup(info->kind ? info->kind : "builtin");
    e.info.scope = xstrdup(info->scope ? info->scope : "text");
    e.info.description = xstrdup(info->description ? info->description : "");
    e.info.path = xstrdup(info->path ? info->path : "(built-in)");
    e.info.link = dup_or_null(info->link);
    size_t ns = 0;
    if (info->source)
        while (info->source[ns]) ns++;
    e.source = xcalloc(ns + 1, sizeof(char *));
    for (size_t i = 0; i < ns; i++) e.source[i] = xstrdup(info->source[i]);
    e.info.source = (const char *const *)e.source;
    if (!e.info.entries) e.info.entries = 1;
    VEC_PUSH(r->rules, e);
    invalidate(r);
    return (long)(r->rules.n - 1);
}

size_t reg_count(const registry *r) { return r->rules.n; }

const mtl_rule_info *reg_get(const registry *r, size_t i) { return &r->rules.v[i].info; }

const mtl_rule_info *reg_all(const registry *r, size_t *n) {
    registry *m = (registry *)r; /* the view is a cache, logically const */
    if (!m->infos || m->ninfos != r->rules.n) {
        free(m->infos);
        m->infos = xcalloc(r->rules.n, sizeof(mtl_rule_info));
        for (size_t i = 0; i < r->rules.n; i++) m->infos[i] = r->rules.v[i].info;
        m->ninfos = r->rules.n;
    }
    *n = r->rules.n;
    return m->infos;
}

/* "EsEn" names every "EsEn.*" rule; "EsEn.Titles" names one. */
bool reg_names(const char *pattern, const char *id) {
    if (strcmp(pattern, id) == 0) return true;
    size_t n = strlen(pattern);
    return strchr(pattern, '.') == NULL && strncmp(id, pattern, n) == 0 && id[n] == '.';
}

size_t reg_set_enabled(registry *r, const char *id_or_set, bool on) {
    size_t hits = 0;
    for (size_t i = 0; i < r->rules.n; i++) {
        if (reg_names(id_or_set, r->rules.v[i].info.id)) {
            r->rules.v[i].info.enabled = on;
            hits++;
        }
    }
    invalidate(r);
    return hits;
}

void reg_set_level(registry *r, size_t i, mtl_severity level) {
    r->rules.v[i].info.level = level;
    invalidate(r);
}

size_t reg_set_level_of(registry *r, const char *id_or_set, mtl_severity level) {
    size_t hits = 0;
    for (size_t i = 0; i < r->rules.n; i++) {
        if (reg_names(id_or_set, r->rules.v[i].info.id)) {
            r->rules.v[i].info.level = level;
            hits++;
        }
    }
    invalidate(r);
    return hits;
}

bool reg_has_source(const registry *r, size_t i, const char *lang) {
    const entry *e = &r->rules.v[i];
    for (char **s = e->source; *s; s++)
        if (lang && strcmp(*s, lang) == 0) return true;
    return false;
}

void reg_apply_source(registry *r, const char *lang) {
    for (size_t i = 0; i < r->rules.n; i++) {
        entry *e = &r->rules.v[i];
        if (e->source[0] && !reg_has_source(r, i, lang)) e->info.enabled = false;
    }
    invalidate(r);
}

size_t reg_set_weight_of(registry *r, const char *id_or_set, unsigned long centi) {
    size_t hits = 0;
    for (size_t i = 0; i < r->rules.n; i++) {
        if (reg_names(id_or_set, r->rules.v[i].info.id)) {
            r->rules.v[i].info.weight = centi;
            r->rules.v[i].weight_set = true;
            hits++;
        }
    }
    invalidate(r);
    return hits;
}

bool reg_weight_set(const registry *r, size_t i) { return r->rules.v[i].weight_set; }

void reg_set_weight(registry *r, size_t i, unsigned long centi) {
    r->rules.v[i].info.weight = centi;
    invalidate(r);
}
