/* config.c - .mtlint.yml with libyaml's document API, which keeps the
 * line and column of every node for error messages. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "util.h"

typedef struct loader {
    const char *path;
    char *dir;            /* for relative paths, with a trailing '/' */
    yaml_document_t doc;
    mtl_diags *diags;
    bool ok;
} loader;

static void fail(loader *l, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(loader *l, const yaml_node_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *m = xvasprintf(fmt, ap);
    va_end(ap);
    mtl_diags_add(l->diags, "%s:%zu:%zu: %s", l->path, n->start_mark.line + 1, n->start_mark.column + 1, m);
    free(m);
    l->ok = false;
}

static const char *scalar(loader *l, const yaml_node_t *n, const char *key) {
    if (n->type != YAML_SCALAR_NODE) {
        fail(l, n, "'%s' takes a single value", key);
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

static void list_push(config_list *cl, char *s) {
    VEC_RESERVE(*cl, 2);
    cl->v[cl->n++] = s;
    cl->v[cl->n] = NULL;
}

static char *resolve(const loader *l, const char *p) {
    return p[0] == '/' ? xstrdup(p) : xasprintf("%s%s", l->dir, p);
}

/* A list key takes one scalar or a sequence of scalars. */
static void list(loader *l, const yaml_node_t *n, const char *key, config_list *out, bool paths) {
    if (n->type == YAML_SCALAR_NODE) {
        const char *v = (const char *)n->data.scalar.value;
        list_push(out, paths ? resolve(l, v) : xstrdup(v));
        return;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        fail(l, n, "'%s' takes a list", key);
        return;
    }
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const yaml_node_t *item = yaml_document_get_node(&l->doc, *it);
        const char *v = scalar(l, item, key);
        if (v) list_push(out, paths ? resolve(l, v) : xstrdup(v));
    }
}

static void levels(loader *l, const yaml_node_t *n, config *c) {
    if (n->type != YAML_MAPPING_NODE) {
        fail(l, n, "'%s' takes a mapping of rule ids to levels", "levels");
        return;
    }
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
        const char *id = scalar(l, k, "levels"), *val = scalar(l, v, "levels");
        if (!id || !val) continue;
        mtl_level lv = {.id = xstrdup(id)};
        if (strcmp(val, "off") == 0 || strcmp(val, "false") == 0) {
            lv.off = true;
        } else if (!mtl_severity_parse(val, &lv.level)) {
            fail(l, v, "unknown level '%s' (error, warning, info, suggestion or off)", val);
            free((char *)lv.id);
            continue;
        }
        VEC_PUSH(c->levels, lv);
    }
}

static void set_string(loader *l, const yaml_node_t *v, const char *key, char **field) {
    const char *s = scalar(l, v, key);
    if (!s) return;
    free(*field);
    *field = xstrdup(s);
}

static void pair(loader *l, config *c, const char *key, const yaml_node_t *k, const yaml_node_t *v) {
    if (strcmp(key, "source") == 0) set_string(l, v, key, &c->source);
    else if (strcmp(key, "dict") == 0) set_string(l, v, key, &c->dict);
    else if (strcmp(key, "dialect") == 0) set_string(l, v, key, &c->dialect);
    else if (strcmp(key, "quote-style") == 0) set_string(l, v, key, &c->quote_style);
    else if (strcmp(key, "markup") == 0) set_string(l, v, key, &c->markup);
    else if (strcmp(key, "words") == 0) list(l, v, key, &c->words, true);
    else if (strcmp(key, "rules") == 0) list(l, v, key, &c->rules, true);
    else if (strcmp(key, "enable") == 0) list(l, v, key, &c->enable, false);
    else if (strcmp(key, "disable") == 0) list(l, v, key, &c->disable, false);
    else if (strcmp(key, "ext") == 0) list(l, v, key, &c->ext, false);
    else if (strcmp(key, "levels") == 0) levels(l, v, c);
    else if (strcmp(key, "fail-level") == 0) {
        const char *s = scalar(l, v, key);
        if (!s) return;
        c->has_fail_level = true;
        c->fail_none = strcmp(s, "none") == 0;
        if (!c->fail_none && !mtl_severity_parse(s, &c->fail_level))
            fail(l, v, "unknown fail-level '%s' (error, warning, info or none)", s);
    } else if (strcmp(key, "min-severity") == 0) {
        const char *s = scalar(l, v, key);
        if (!s) return;
        c->has_min_severity = true;
        if (!mtl_severity_parse(s, &c->min_severity)) fail(l, v, "unknown min-severity '%s'", s);
    } else {
        fail(l, k, "unknown key '%s'", key);
    }
}

bool config_load(const char *path, config *c, mtl_diags *diags) {
    memset(c, 0, sizeof *c);
    c->path = xstrdup(path);
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) { /* opens, then fails to read */
        fclose(fp);
        fp = NULL;
        errno = EISDIR;
    }
    if (!fp) {
        mtl_diags_add(diags, "%s: cannot read configuration: %s", path, strerror(errno));
        return false;
    }
    loader l = {.path = path, .diags = diags, .ok = true};
    const char *slash = strrchr(path, '/');
    l.dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup("");
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &l.doc)) {
        mtl_diags_add(diags, "%s:%zu:%zu: %s", path, parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                      parser.problem ? parser.problem : "YAML syntax error");
        l.ok = false;
    } else {
        yaml_node_t *root = yaml_document_get_root_node(&l.doc);
        if (root && root->type == YAML_MAPPING_NODE) {
            for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
                const yaml_node_t *k = yaml_document_get_node(&l.doc, p->key);
                const yaml_node_t *v = yaml_document_get_node(&l.doc, p->value);
                const char *key = scalar(&l, k, "key");
                if (key) pair(&l, c, key, k, v);
            }
        } else if (root) {
            fail(&l, root, "%s", "the configuration must be a mapping of keys to values");
        }
        yaml_document_delete(&l.doc);
    }
    yaml_parser_delete(&parser);
    fclose(fp);
    free(l.dir);
    return l.ok;
}

static void list_free(config_list *cl) {
    for (size_t i = 0; i < cl->n; i++) free(cl->v[i]);
    VEC_FREE(*cl);
}

void config_free(config *c) {
    free(c->path);
    free(c->source);
    free(c->dict);
    free(c->dialect);
    free(c->quote_style);
    free(c->markup);
    list_free(&c->words);
    list_free(&c->rules);
    list_free(&c->enable);
    list_free(&c->disable);
    list_free(&c->ext);
    for (size_t i = 0; i < c->levels.n; i++) free((char *)c->levels.v[i].id);
    VEC_FREE(c->levels);
    memset(c, 0, sizeof *c);
}

static char *candidate_in(const char *dir) {
    char *cand = xasprintf("%s%s.mtlint.yml", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
    struct stat st;
    if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) return cand;
    free(cand);
    return NULL;
}

/* Walks up the path as given first, so that messages name the file the way
 * the user wrote its path; above the working directory, absolute paths. */
char *config_find(const char *dir) {
    char *cur = xstrdup(*dir ? dir : ".");
    for (;;) {
        char *found = candidate_in(cur);
        if (found) {
            free(cur);
            return found;
        }
        if (strcmp(cur, ".") == 0 || strcmp(cur, "/") == 0) break;
        char *slash = strrchr(cur, '/');
        if (!slash) strcpy(cur, ".");
        else if (slash == cur) cur[1] = '\0';
        else *slash = '\0';
    }
    bool above_cwd = strcmp(cur, ".") == 0;
    char abs[PATH_MAX];
    bool ok = above_cwd && realpath(".", abs) != NULL;
    free(cur);
    if (!ok) return NULL;
    while (strcmp(abs, "/") != 0) {
        char *slash = strrchr(abs, '/');
        if (slash == abs) abs[1] = '\0';
        else *slash = '\0';
        char *found = candidate_in(abs);
        if (found) return found;
    }
    return NULL;
}
