/* config.c - .mtlint.yml with libyaml's document API, which keeps the
 * line and column of every node for error messages. Every key is a row of
 * one table: its name, how it is read, and what it accepts. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "lang.h"
#include "util.h"

typedef struct loader {
    const char *path;
    char *dir;            /* for relative paths, with a trailing '/' */
    yaml_document_t doc;
    mtl_diags *diags;
    bool ok;
} loader;

typedef struct key_def key_def;
typedef void (*key_fn)(loader *l, config *c, const key_def *k, const yaml_node_t *v);

struct key_def {
    const char *name;
    key_fn read;
    size_t field;                 /* offsetof the char * or config_list */
    const char *const *choices;   /* allowed values, or NULL */
    const char *expects;          /* what it takes, when not a choice */
    size_t where_field;           /* offsetof a char * for "file:line:col: key", or 0 */
};

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

static char *where(const loader *l, const yaml_node_t *n) {
    return xasprintf("%s:%zu:%zu", l->path, n->start_mark.line + 1, n->start_mark.column + 1);
}

static void read_source(loader *l, config *c, const key_def *k, const yaml_node_t *v);

/* "allowed: auto, text, markdown", or what the key expects, for messages. */
static char *allowed(const key_def *k) {
    if (k->read == read_source) {
        char known[256];
        lang_known(known, sizeof known);
        return xasprintf("known: %s", known);
    }
    if (!k->choices) return xasprintf("expected %s", k->expects);
    buf b = {0};
    buf_puts(&b, "allowed: ");
    for (const char *const *c = k->choices; *c; c++) buf_printf(&b, "%s%s", c == k->choices ? "" : ", ", *c);
    return buf_steal(&b);
}

static void fail_key(loader *l, const yaml_node_t *n, const key_def *k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail_key(loader *l, const yaml_node_t *n, const key_def *k, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *m = xvasprintf(fmt, ap);
    va_end(ap);
    char *a = allowed(k);
    fail(l, n, "%s: %s (%s)", k->name, m, a);
    free(a);
    free(m);
}

/* YAML's null: `key:` with nothing, `~` or `null`. */
static bool is_null(const yaml_node_t *n) {
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *v = (const char *)n->data.scalar.value;
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (strcmp(v, nulls[i]) == 0) return true;
    return false;
}

/* One non-null scalar, or NULL after a message. */
static const char *scalar(loader *l, const yaml_node_t *n, const key_def *k) {
    if (n->type != YAML_SCALAR_NODE) {
        fail_key(l, n, k, "takes a single value, not a %s", n->type == YAML_MAPPING_NODE ? "mapping" : "list");
        return NULL;
    }
    if (is_null(n)) {
        fail_key(l, n, k, "has no value");
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

/* The field at an offsetof() of config; through void * so that the
 * pointer keeps the field's own alignment (clang's -Wcast-align). */
static void *field_at(config *c, size_t off) { return (char *)c + off; }
static char **field_str(config *c, const key_def *k) { return field_at(c, k->field); }
static config_list *field_list(config *c, const key_def *k) { return field_at(c, k->field); }

static void list_push(config_list *cl, char *s, char *at) {
    if (cl->n + 2 > cl->cap) {
        cl->cap = cl->cap ? cl->cap * 2 : 8;
        cl->v = xrealloc(cl->v, cl->cap * sizeof *cl->v);
        cl->where = xrealloc(cl->where, cl->cap * sizeof *cl->where);
    }
    cl->where[cl->n] = at;
    cl->v[cl->n++] = s;
    cl->v[cl->n] = NULL;
    cl->where[cl->n] = NULL;
}

static char *resolve(const loader *l, const char *p) {
    return p[0] == '/' ? xstrdup(p) : xasprintf("%s%s", l->dir, p);
}

/* ---- readers, one per kind of value ---- */

static void read_string(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    const char *s = scalar(l, v, k);
    if (!s) return;
    char **f = field_str(c, k);
    free(*f);
    *f = xstrdup(s);
    if (k->where_field) {
        char **w = field_at(c, k->where_field);
        free(*w);
        *w = xasprintf("%s:%zu:%zu: %s", l->path, v->start_mark.line + 1, v->start_mark.column + 1, k->name);
    }
}

static void read_choice(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    const char *s = scalar(l, v, k);
    if (!s) return;
    for (const char *const *ch = k->choices; *ch; ch++) {
        if (strcmp(s, *ch) == 0) {
            read_string(l, c, k, v);
            return;
        }
    }
    fail_key(l, v, k, "invalid value '%s'", s);
}

static void read_source(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    const char *s = scalar(l, v, k);
    if (!s) return;
    if (!lang_find(s)) fail_key(l, v, k, "unknown source language '%s'", s);
    else read_string(l, c, k, v);
}

static char *item_dir(loader *l, const key_def *k, const yaml_node_t *n, const char *v);

static void read_source_dir(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    const char *s = scalar(l, v, k);
    char *p = s ? item_dir(l, k, v, s) : NULL;
    if (!p) return;
    free(c->source_dir);
    c->source_dir = p;
}

/* Checks one item of a list key; returns the value to keep (malloc'd) or
 * NULL after a message. */
typedef char *(*item_fn)(loader *l, const key_def *k, const yaml_node_t *n, const char *v);

static char *item_id(loader *l, const key_def *k, const yaml_node_t *n, const char *v) {
    (void)l, (void)k, (void)n;
    return xstrdup(v);
}

static char *item_file(loader *l, const key_def *k, const yaml_node_t *n, const char *v) {
    char *p = resolve(l, v);
    struct stat st;
    if (stat(p, &st) != 0 || access(p, R_OK) != 0) fail_key(l, n, k, "cannot read '%s': %s", p, strerror(errno));
    else if (!S_ISREG(st.st_mode)) fail_key(l, n, k, "'%s' is not a file", p);
    else return p;
    free(p);
    return NULL;
}

static char *item_dir(loader *l, const key_def *k, const yaml_node_t *n, const char *v) {
    char *p = resolve(l, v);
    struct stat st;
    if (stat(p, &st) != 0) fail_key(l, n, k, "cannot open '%s': %s", p, strerror(errno));
    else if (!S_ISDIR(st.st_mode)) fail_key(l, n, k, "'%s' is not a directory", p);
    else return p;
    free(p);
    return NULL;
}

/* "txt" and ".txt" mean the same, as with --ext */
static char *item_ext(loader *l, const key_def *k, const yaml_node_t *n, const char *v) {
    if (!v[0] || strcmp(v, ".") == 0 || strchr(v, '/')) {
        fail_key(l, n, k, "invalid extension '%s'", v);
        return NULL;
    }
    return v[0] == '.' ? xstrdup(v) : xasprintf(".%s", v);
}

/* A list key takes one scalar or a sequence of scalars. */
static void read_list(loader *l, config *c, const key_def *k, const yaml_node_t *v, item_fn item) {
    if (v->type == YAML_MAPPING_NODE) {
        fail_key(l, v, k, "takes a list, not a mapping");
        return;
    }
    bool seq = v->type == YAML_SEQUENCE_NODE;
    size_t n = seq ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start) : 1;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *it = seq ? yaml_document_get_node(&l->doc, v->data.sequence.items.start[i]) : v;
        const char *s = scalar(l, it, k);
        char *val = s ? item(l, k, it, s) : NULL;
        if (val) list_push(field_list(c, k), val, where(l, it));
    }
}

static void read_ids(loader *l, config *c, const key_def *k, const yaml_node_t *v) { read_list(l, c, k, v, item_id); }
static void read_files(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    read_list(l, c, k, v, item_file);
}
static void read_dirs(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    read_list(l, c, k, v, item_dir);
}
static void read_exts(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    read_list(l, c, k, v, item_ext);
}

/* The first pair of `map` whose key is `name`, before pair `upto`. */
static const yaml_node_t *earlier_key(loader *l, const yaml_node_t *map, const yaml_node_pair_t *upto,
                                      const char *name) {
    for (const yaml_node_pair_t *p = map->data.mapping.pairs.start; p < upto; p++) {
        const yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, name) == 0) return k;
    }
    return NULL;
}

/* Walks a mapping whose keys must be distinct scalars: each call gives
 * the next entry (it->key, it->kn, it->vn); an entry whose key is not a
 * scalar or repeats an earlier one is reported and skipped. */
typedef struct {
    const yaml_node_t *map;
    yaml_node_pair_t *p;
    const yaml_node_t *kn, *vn;
    const char *key;
} map_iter;

static bool next_entry(loader *l, const key_def *k, map_iter *it) {
    for (it->p = it->p ? it->p + 1 : it->map->data.mapping.pairs.start; it->p < it->map->data.mapping.pairs.top;
         it->p++) {
        it->kn = yaml_document_get_node(&l->doc, it->p->key);
        it->vn = yaml_document_get_node(&l->doc, it->p->value);
        if (!(it->key = scalar(l, it->kn, k))) continue;
        const yaml_node_t *first = earlier_key(l, it->map, it->p, it->key);
        if (!first) return true;
        fail(l, it->kn, "%s: '%s' given twice (first at line %zu:%zu)", k->name, it->key, first->start_mark.line + 1,
             first->start_mark.column + 1);
    }
    return false;
}

static const char *const level_choices[] = {"error", "warning", "info", "suggestion", "off", NULL};

static void read_levels(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    if (v->type != YAML_MAPPING_NODE) {
        fail_key(l, v, k, "takes a mapping of rule ids to levels");
        return;
    }
    const key_def lk = {.name = "levels", .choices = level_choices};
    for (map_iter it = {.map = v}; next_entry(l, k, &it);) {
        const yaml_node_t *kn = it.kn, *vn = it.vn;
        const char *id = it.key;
        const char *val = scalar(l, vn, &lk);
        if (!val) continue;
        mtl_level lv = {0};
        if (strcmp(val, "off") == 0 || strcmp(val, "false") == 0) {
            lv.off = true;
        } else if (!mtl_severity_parse(val, &lv.level)) {
            fail(l, vn, "levels: %s: invalid level '%s' (allowed: error, warning, info, suggestion, off)", id, val);
            continue;
        }
        lv.id = xstrdup(id);
        lv.where = where(l, kn);
        VEC_PUSH(c->levels, lv);
    }
}

/* A number from lo to hi, or false after a message. */
static bool number(loader *l, const yaml_node_t *n, const char *what, double lo, double hi, double *out) {
    const char *v = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
    char *end = NULL;
    errno = 0;
    double d = n->type == YAML_SCALAR_NODE && *v ? strtod(v, &end) : 0;
    if (n->type != YAML_SCALAR_NODE || !*v || *end || errno || !(d >= lo && d <= hi)) {
        fail(l, n, "%s: invalid value '%s' (expected a number from %g to %g)", what, v, lo, hi);
        return false;
    }
    *out = d;
    return true;
}

/* weights: {error: 5, spelling: 0.5, EsEn.Titles: 3}. Keys are checked
 * by the engine, which knows the rules; the values here. */
static void read_weights(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    if (v->type != YAML_MAPPING_NODE) {
        fail_key(l, v, k, "takes a mapping");
        return;
    }
    for (map_iter it = {.map = v}; next_entry(l, k, &it);) {
        const yaml_node_t *kn = it.kn, *vn = it.vn;
        const char *key = it.key;
        char *what = xasprintf("weights: %s", key);
        double d;
        if (number(l, vn, what, 0, 1000, &d)) {
            /* hundredths, so that sums are exact */
            mtl_weight w = {.key = xstrdup(key), .where = where(l, kn), .centi = (unsigned long)(d * 100 + 0.5)};
            VEC_PUSH(c->weights, w);
        }
        free(what);
    }
}

static void read_min_score(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    double d;
    if (number(l, v, k->name, 0, 100, &d)) {
        c->has_min_score = true;
        c->min_score = d;
    }
}

/* source-length-ratio: {es: [0.6, 1.6]}: per source language, the
 * fewest and the most English characters per source character a
 * sentence pair may have before Source.Omission or Source.Addition. */
static void read_length_ratios(loader *l, config *c, const key_def *k, const yaml_node_t *v) {
    if (v->type != YAML_MAPPING_NODE) {
        fail_key(l, v, k, "takes a mapping");
        return;
    }
    for (map_iter it = {.map = v}; next_entry(l, k, &it);) {
        const yaml_node_t *kn = it.kn, *vn = it.vn;
        const char *lang = it.key;
        if (!lang_find(lang)) {
            char known[256];
            lang_known(known, sizeof known);
            fail(l, kn, "%s: unknown source language '%s' (known: %s)", k->name, lang, known);
            continue;
        }
        if (vn->type != YAML_SEQUENCE_NODE || vn->data.sequence.items.top - vn->data.sequence.items.start != 2) {
            fail(l, vn, "%s: %s: takes two numbers, [lowest, highest] (such as [0.6, 1.6])", k->name, lang);
            continue;
        }
        const yaml_node_t *lo = yaml_document_get_node(&l->doc, vn->data.sequence.items.start[0]);
        const yaml_node_t *hi = yaml_document_get_node(&l->doc, vn->data.sequence.items.start[1]);
        char *what = xasprintf("%s: %s", k->name, lang);
        mtl_length_ratio r = {0};
        if (number(l, lo, what, 0, 100, &r.lo) && number(l, hi, what, 0, 100, &r.hi)) {
            if (r.hi <= r.lo) {
                fail(l, hi, "%s: the highest ratio (%g) must be above the lowest (%g)", what, r.hi, r.lo);
            } else {
                r.lang = xstrdup(lang);
                r.where = where(l, kn);
                VEC_PUSH(c->length_ratios, r);
            }
        }
        free(what);
    }
}

static const char *const markup_choices[] = {"auto", "text", "markdown", "html", "lines", NULL};
static const char *const dialect_choices[] = {"auto", "en_US", "en_GB", "any", NULL};
static const char *const quote_choices[] = {"us", "uk", NULL};
static const char *const quote_punct_choices[] = {"american", "logical", NULL};
static const char *const fail_choices[] = {"error", "warning", "info", "none", NULL};
static const char *const severity_choices[] = {"error", "warning", "info", NULL};
static const char *const consistency_choices[] = {"file", "run", NULL};

#define AT(f) offsetof(config, f)
static const key_def keys[] = {
    {"source", read_source, .field = AT(source), .where_field = AT(source_where)},
    {"dict", read_string, .field = AT(dict), .expects = "an English Hunspell dictionary name such as en_GB",
     .where_field = AT(dict_where)},
    {"dialect", read_choice, .field = AT(dialect), .choices = dialect_choices},
    {"words", read_files, .field = AT(words), .expects = "word list files, one word a line"},
    {"rules", read_dirs, .field = AT(rules), .expects = "rule directories, DIR/<Set>/<Rule>.yml"},
    {"enable", read_ids, .field = AT(enable), .expects = "rule ids or set names"},
    {"disable", read_ids, .field = AT(disable), .expects = "rule ids or set names"},
    {"levels", read_levels, .expects = "a mapping of rule ids or sets to error, warning, info or off"},
    {"fail-level", read_choice, .field = AT(fail_level_name), .choices = fail_choices},
    {"min-severity", read_choice, .field = AT(min_severity_name), .choices = severity_choices},
    {"quote-punctuation", read_choice, .field = AT(quote_punctuation), .choices = quote_punct_choices},
    {"quote-style", read_choice, .field = AT(quote_style), .choices = quote_choices},
    {"markup", read_choice, .field = AT(markup), .choices = markup_choices},
    {"ext", read_exts, .field = AT(ext), .expects = "file extensions such as .txt"},
    {"source-dir", read_source_dir, .expects = "the directory of the sources, DIR/<path under the checked directory>"},
    {"glossary", read_files, .field = AT(glossary), .expects = "glossary files, source<TAB>target[|alt...]"},
    {"weights", read_weights, .expects = "a mapping of severities, categories, rule ids or sets to points"},
    {"min-score", read_min_score, .expects = "a score from 0 to 100"},
    {"source-length-ratio", read_length_ratios,
     .expects = "a mapping of source languages to [lowest, highest] characters per source character"},
    {"consistency", read_choice, .field = AT(consistency), .choices = consistency_choices},
};
#undef AT
#define NKEYS (sizeof keys / sizeof keys[0])

static void unknown_key(loader *l, const yaml_node_t *kn, const char *name) {
    buf b = {0};
    for (size_t i = 0; i < NKEYS; i++) buf_printf(&b, "%s%s", i ? ", " : "", keys[i].name);
    fail(l, kn, "unknown key '%s' (keys: %s)", name, b.data);
    buf_free(&b);
}

static void read_root(loader *l, config *c, const yaml_node_t *root) {
    static const key_def any_key = {.name = "key", .expects = "a key name"};
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        const yaml_node_t *kn = yaml_document_get_node(&l->doc, p->key);
        const yaml_node_t *vn = yaml_document_get_node(&l->doc, p->value);
        const char *name = scalar(l, kn, &any_key);
        if (!name) continue;
        const key_def *k = NULL;
        for (size_t i = 0; i < NKEYS && !k; i++)
            if (strcmp(keys[i].name, name) == 0) k = &keys[i];
        if (!k) {
            unknown_key(l, kn, name);
            continue;
        }
        const yaml_node_t *first = earlier_key(l, root, p, name);
        if (first) {
            fail(l, kn, "%s: duplicate key (first at line %zu:%zu); give each key once", name,
                 first->start_mark.line + 1, first->start_mark.column + 1);
            continue;
        }
        k->read(l, c, k, vn);
    }
}

/* The levels named by fail-level and min-severity, once they are valid. */
static void parse_levels(config *c) {
    if (c->fail_level_name) {
        c->has_fail_level = true;
        c->fail_none = strcmp(c->fail_level_name, "none") == 0;
        if (!c->fail_none) mtl_severity_parse(c->fail_level_name, &c->fail_level);
    }
    if (c->min_severity_name) c->has_min_severity = mtl_severity_parse(c->min_severity_name, &c->min_severity);
}

static void load_docs(loader *l, config *c, yaml_parser_t *parser) {
    if (!yaml_parser_load(parser, &l->doc)) {
        mtl_diags_add(l->diags, "%s:%zu:%zu: %s", l->path, parser->problem_mark.line + 1,
                      parser->problem_mark.column + 1, parser->problem ? parser->problem : "YAML syntax error");
        l->ok = false;
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&l->doc);
    if (root && root->type == YAML_MAPPING_NODE) read_root(l, c, root);
    else if (root && !is_null(root)) fail(l, root, "%s", "the configuration must be a mapping of keys to values");
    yaml_document_delete(&l->doc);
    /* a second document would be ignored: say so instead */
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next)) {
        mtl_diags_add(l->diags, "%s:%zu:%zu: %s", l->path, parser->problem_mark.line + 1,
                      parser->problem_mark.column + 1, parser->problem ? parser->problem : "YAML syntax error");
        l->ok = false;
        return;
    }
    yaml_node_t *second = yaml_document_get_root_node(&next);
    if (second) {
        mtl_diags_add(l->diags, "%s:%zu:%zu: a second YAML document; the configuration is one document (no '---')",
                      l->path, next.start_mark.line + 1, next.start_mark.column + 1);
        l->ok = false;
    }
    yaml_document_delete(&next);
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
    load_docs(&l, c, &parser);
    parse_levels(c);
    yaml_parser_delete(&parser);
    fclose(fp);
    free(l.dir);
    return l.ok;
}

static void list_free(config_list *cl) {
    for (size_t i = 0; i < cl->n; i++) {
        free(cl->v[i]);
        free(cl->where[i]);
    }
    free(cl->v);
    free(cl->where);
}

void config_free(config *c) {
    char **strs[] = {&c->path, &c->source, &c->dict, &c->dialect, &c->quote_style, &c->quote_punctuation,
                     &c->markup, &c->fail_level_name, &c->min_severity_name, &c->source_where,
                     &c->dict_where, &c->source_dir, &c->consistency};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) free(*strs[i]);
    config_list *lists[] = {&c->words, &c->rules, &c->enable, &c->disable, &c->ext, &c->glossary};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) list_free(lists[i]);
    for (size_t i = 0; i < c->levels.n; i++) {
        free((char *)c->levels.v[i].id);
        free((char *)c->levels.v[i].where);
    }
    VEC_FREE(c->levels);
    for (size_t i = 0; i < c->weights.n; i++) {
        free((char *)c->weights.v[i].key);
        free((char *)c->weights.v[i].where);
    }
    VEC_FREE(c->weights);
    for (size_t i = 0; i < c->length_ratios.n; i++) {
        free((char *)c->length_ratios.v[i].lang);
        free((char *)c->length_ratios.v[i].where);
    }
    VEC_FREE(c->length_ratios);
    memset(c, 0, sizeof *c);
}

static char *candidate_in(const char *dir, const char *const *names) {
    for (; *names; names++) {
        char *cand = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", *names);
        struct stat st;
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) return cand;
        free(cand);
    }
    return NULL;
}

/* Walks up the path as given first, so that messages name the file the way
 * the user wrote its path; above the working directory, absolute paths. */
char *config_find_named(const char *dir, const char *const *names) {
    char *cur = xstrdup(*dir ? dir : ".");
    for (;;) {
        char *found = candidate_in(cur, names);
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
        char *found = candidate_in(abs, names);
        if (found) return found;
    }
    return NULL;
}

char *config_find(const char *dir) {
    static const char *const names[] = {".mtlint.yml", NULL};
    return config_find_named(dir, names);
}
