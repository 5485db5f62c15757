/* report.c - format selection, shared output helpers, rule listing. */
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static const char *const severity_names[] = {"info", "warning", "error"};
static const char *const category_names[MTL_CAT_COUNT] = {
    "spelling", "untranslated", "calque", "terminology", "punctuation",
    "locale", "layout", "artifact", "grammar", "style"};

const char *mtl_severity_name(mtl_severity s) { return severity_names[s]; }

bool mtl_severity_parse(const char *name, mtl_severity *out) {
    for (int i = 0; i < 3; i++) {
        if (strcmp(name, severity_names[i]) == 0) {
            *out = (mtl_severity)i;
            return true;
        }
    }
    if (strcmp(name, "suggestion") == 0) { /* Vale's name for info */
        *out = MTL_INFO;
        return true;
    }
    return false;
}

const char *mtl_category_name(mtl_category c) { return category_names[c]; }

bool mtl_category_parse(const char *name, mtl_category *out) {
    for (int i = 0; i < MTL_CAT_COUNT; i++) {
        if (strcmp(name, category_names[i]) == 0) {
            *out = (mtl_category)i;
            return true;
        }
    }
    return false;
}

bool mtl_format_parse(const char *name, mtl_format *out) {
    static const struct { const char *name; mtl_format f; } t[] = {
        {"text", MTL_FORMAT_TEXT}, {"json", MTL_FORMAT_JSON}, {"sarif", MTL_FORMAT_SARIF},
        {"github", MTL_FORMAT_GITHUB}, {"checkstyle", MTL_FORMAT_CHECKSTYLE}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (strcmp(name, t[i].name) == 0) {
            *out = t[i].f;
            return true;
        }
    }
    return false;
}

mtl_sink *mtl_sink_open(mtl_format fmt, FILE *out, const mtl_sink_options *o) {
    mtl_sink *s = NULL;
    switch (fmt) {
    case MTL_FORMAT_TEXT: s = report_text_open(out, o); break;
    case MTL_FORMAT_JSON: s = report_json_open(out, o); break;
    case MTL_FORMAT_SARIF: s = report_sarif_open(out, o); break;
    case MTL_FORMAT_GITHUB: s = report_github_open(out, o); break;
    case MTL_FORMAT_CHECKSTYLE: s = report_checkstyle_open(out, o); break;
    default: return NULL;
    }
    s->out = out;
    s->min_severity = o->min_severity;
    return s;
}

void mtl_sink_close(mtl_sink *s) {
    if (s) s->destroy(s);
}

void report_append_valid(buf *b, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t run = i + u8_valid_prefix(s + i, n - i);
        buf_append(b, s + i, run - i);
        if (run >= n) break;
        u8_decode(s, n, &run); /* skips the ill-formed subpart */
        buf_puts(b, "\xef\xbf\xbd");
        i = run;
    }
}

void report_flush(mtl_sink *s, buf *b) {
    if (!s->failed && b->len) {
        if (fwrite(b->data, 1, b->len, s->out) != b->len) s->failed = true;
    }
    buf_clear(b);
}

static void list_rules_json(buf *b, const mtl_rule_info *rules, size_t n) {
    json_w w;
    json_init(&w, b);
    json_obj_begin(&w);
    json_kv_uint(&w, "version", MTL_REPORT_VERSION);
    json_key(&w, "rules");
    json_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        const mtl_rule_info *r = &rules[i];
        json_newline(&w);
        json_obj_begin(&w);
        json_kv_str(&w, "id", r->id);
        json_kv_str(&w, "kind", r->kind);
        json_kv_str(&w, "level", mtl_severity_name(r->level));
        json_kv_str(&w, "category", mtl_category_name(r->category));
        json_key(&w, "source");
        json_arr_begin(&w);
        for (const char *const *s = r->source; s && *s; s++) json_str(&w, *s);
        json_arr_end(&w);
        json_kv_uint(&w, "entries", r->entries);
        json_key(&w, "scope");
        json_arr_begin(&w);
        for (const char *p = r->scope; p && *p;) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            json_strn(&w, p, len);
            p = comma ? comma + 1 : p + len;
        }
        json_arr_end(&w);
        json_kv_str(&w, "description", r->description ? r->description : "");
        json_kv_str(&w, "path", r->path);
        json_kv_bool(&w, "enabled", r->enabled);
        json_obj_end(&w);
    }
    json_newline(&w);
    json_arr_end(&w);
    json_obj_end(&w);
    buf_putc(b, '\n');
}

static void list_rules_text(buf *b, const mtl_rule_info *rules, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const mtl_rule_info *r = &rules[i];
        buf_printf(b, "%-32s %-14s %-7s %-12s", r->id, r->kind, mtl_severity_name(r->level),
                   mtl_category_name(r->category));
        buf_puts(b, " source=");
        if (!r->source || !r->source[0]) buf_puts(b, "-");
        for (const char *const *s = r->source; s && *s; s++) buf_printf(b, "%s%s", s == r->source ? "" : ",", *s);
        buf_printf(b, " entries=%zu scope=%s%s  %s\n", r->entries, r->scope, r->enabled ? "" : " (disabled)",
                   r->path);
        if (r->description && *r->description) buf_printf(b, "    %s\n", r->description);
    }
}

bool mtl_list_rules(FILE *out, mtl_format fmt, const mtl_rule_info *rules, size_t n) {
    buf b = {0};
    if (fmt == MTL_FORMAT_JSON) list_rules_json(&b, rules, n);
    else list_rules_text(&b, rules, n);
    bool ok = fwrite(b.data, 1, b.len, out) == b.len;
    buf_free(&b);
    return ok;
}
