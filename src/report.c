/* report.c - format selection, shared output helpers, rule listing. */
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

bool mtl_format_parse(const char *name, mtl_format *out) {
    static const struct { const char *name; mtl_format f; } t[] = {
        {"text", MTL_FORMAT_TEXT}, {"json", MTL_FORMAT_JSON}, {"sarif", MTL_FORMAT_SARIF},
        {"github", MTL_FORMAT_GITHUB}, {"checkstyle", MTL_FORMAT_CHECKSTYLE},
        {"html", MTL_FORMAT_HTML}, {"jsonl", MTL_FORMAT_JSONL},
        {"vale-json", MTL_FORMAT_VALE_JSON}, {"vale-line", MTL_FORMAT_VALE_LINE}};
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
    case MTL_FORMAT_JSONL: s = report_jsonl_open(out, o); break;
    case MTL_FORMAT_HTML: s = report_html_open(out, o); break;
    case MTL_FORMAT_VALE_JSON: s = report_vale_json_open(out, o); break;
    case MTL_FORMAT_VALE_LINE: s = report_vale_line_open(out, o); break;
    default: return NULL;
    }
    s->out = out;
    s->min_severity = o->min_severity;
    return s;
}

int mtl_sink_close(mtl_sink *s) {
    if (!s) return 0;
    int error = s->failed ? s->error : 0;
    s->destroy(s);
    return error;
}

/* Whitespace a one-line field must not carry: ASCII's, NEL and the
 * Unicode line and paragraph separators. No-break spaces are kept: they
 * are often what a finding is about. */
static bool line_breaking_space(int32_t cp) {
    return ascii_isspace((int)cp) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static bool control_char(int32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp < 0xa0); }

void report_clean(buf *b, const char *s, size_t n, unsigned how) {
    static const char hex[] = "0123456789abcdef";
    bool after_space = false;
    size_t i = 0;
    while (i < n) {
        /* the common case: printable ASCII, copied as a run */
        size_t run = i;
        while (run < n && (unsigned char)s[run] > 0x20 && (unsigned char)s[run] < 0x7f) run++;
        if (run > i) {
            buf_append(b, s + i, run - i);
            after_space = false;
            i = run;
            continue;
        }
        size_t k = i;
        int32_t cp = u8_decode(s, n, &k);
        if (cp < 0) {
            buf_puts(b, "\xef\xbf\xbd"); /* U+FFFD */
            after_space = false;
        } else if ((how & REPORT_ONE_SPACE) && line_breaking_space(cp)) {
            if (!after_space) buf_putc(b, ' ');
            after_space = true;
        } else if ((how & REPORT_ESCAPE_CONTROLS) && cp != '\t' && control_char(cp)) {
            char e[5] = {'\\', 'x', hex[(cp >> 4) & 15], hex[cp & 15], 0};
            buf_puts(b, e);
            after_space = false;
        } else {
            buf_append(b, s + i, k - i);
            after_space = cp == ' ';
        }
        i = k;
    }
}

void report_cleans(buf *b, const char *s, unsigned how) { report_clean(b, s, strlen(s), how); }

/* The first failure is the one reported: later ones follow from it. */
static void write_failed(mtl_sink *s) {
    if (s->failed) return;
    s->failed = true;
    s->error = errno ? errno : EIO;
}

void report_flush(mtl_sink *s, buf *b) {
    if (!s->failed && b->len) {
        errno = 0;
        if (fwrite(b->data, 1, b->len, s->out) != b->len) write_failed(s);
    }
    buf_clear(b);
}

void report_finish(mtl_sink *s) {
    errno = 0;
    if (!s->failed && (fflush(s->out) != 0 || ferror(s->out))) write_failed(s);
}

void report_score_json(json_w *w, const mtl_file_score *fs) {
    json_obj_begin(w);
    json_kv_uint(w, "words", fs->words);
    json_kv_fixed(w, "penalty", fs->penalty, 2);
    json_key(w, "value");
    if (fs->scored) json_fixed(w, fs->value, 1);
    else json_null(w);
    json_obj_end(w);
}

void report_summary_json(json_w *w, const mtl_summary *sum) {
    json_obj_begin(w);
    json_kv_uint(w, "files", sum->files);
    json_kv_uint(w, "error", sum->count[MTL_ERROR]);
    json_kv_uint(w, "warning", sum->count[MTL_WARNING]);
    json_kv_uint(w, "info", sum->count[MTL_INFO]);
    json_kv_uint(w, "words", sum->words);
    json_key(w, "categories");
    json_obj_begin(w);
    for (size_t c = 0; c < MTL_CAT_COUNT; c++) json_kv_uint(w, mtl_category_name((mtl_category)c), sum->category[c]);
    json_obj_end(w);
    json_key(w, "score");
    json_obj_begin(w);
    json_kv_uint(w, "files", sum->scored);
    json_key(w, "mean");
    if (sum->scored) json_fixed(w, mtl_summary_mean(sum), 1);
    else json_null(w);
    json_key(w, "lowest");
    if (sum->scored) json_fixed(w, sum->lowest, 1);
    else json_null(w);
    json_obj_end(w);
    json_obj_end(w);
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
        json_kv_fixed(&w, "weight", r->weight, 2);
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
        char wt[24];
        mtl_format_centi(wt, sizeof wt, r->weight);
        buf_printf(b, " entries=%zu scope=%s weight=%s%s  %s\n", r->entries, r->scope, wt,
                   r->enabled ? "" : " (disabled)", r->path);
        if (r->description && *r->description) buf_printf(b, "    %s\n", r->description);
    }
}

bool mtl_list_rules(FILE *out, mtl_format fmt, const mtl_rule_info *rules, size_t n) {
    buf b = {0};
    if (fmt == MTL_FORMAT_JSON) list_rules_json(&b, rules, n);
    else list_rules_text(&b, rules, n);
    bool ok = fwrite(b.data, 1, b.len, out) == b.len && fflush(out) == 0;
    buf_free(&b);
    return ok;
}

void report_kv_path(json_w *w, const char *key, const char *path) {
    json_kv_str(w, key, path);
    size_t n = strlen(path);
    if (u8_valid_prefix(path, n) == n) return;
    static const char hex[] = "0123456789ABCDEF";
    buf raw = {0};
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p < 0x20 || *p >= 0x7F) {
            char e[4] = {'%', hex[*p >> 4], hex[*p & 15], 0};
            buf_puts(&raw, e);
        } else {
            buf_putc(&raw, (char)*p);
        }
    }
    char k[64];
    snprintf(k, sizeof k, "%s_bytes", key);
    json_kv_str(w, k, raw.data);
    buf_free(&raw);
}

void report_kv_one_line(json_w *w, buf *tmp, const char *key, const char *s, size_t n) {
    buf_clear(tmp);
    report_clean(tmp, s, n, REPORT_ONE_SPACE);
    json_key(w, key);
    json_strn(w, tmp->data ? tmp->data : "", tmp->len);
}

void report_finding_fields(json_w *w, buf *tmp, const mtl_finding *f) {
    json_kv_str(w, "rule", f->rule);
    json_kv_str(w, "severity", mtl_severity_name(f->severity));
    json_kv_str(w, "category", mtl_category_name(f->category));
    json_kv_uint(w, "line", f->line);
    json_kv_uint(w, "column", f->column);
    json_kv_uint(w, "end_line", f->end_line);
    json_kv_uint(w, "end_column", f->end_column);
    json_kv_uint(w, "offset", f->offset);
    json_kv_uint(w, "length", f->length);
    report_kv_one_line(w, tmp, "match", f->match, f->match_len);
    report_kv_one_line(w, tmp, "message", f->message, strlen(f->message));
    json_key(w, "suggestions");
    json_arr_begin(w);
    for (size_t i = 0; i < f->nsuggestions; i++) json_str(w, f->suggestions[i]);
    json_arr_end(w);
}

void report_counts(buf *b, const size_t count[3]) {
    static const char *const names[] = {"info", "warning", "error"};
    bool any = false;
    for (int k = MTL_ERROR; k >= MTL_INFO; k--) {
        if (!count[k]) continue;
        buf_printf(b, "%s%zu %s%s", any ? ", " : "", count[k], names[k], count[k] == 1 || k == MTL_INFO ? "" : "s");
        any = true;
    }
    if (!any) buf_puts(b, "no findings");
}
