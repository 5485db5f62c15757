/* lsp.c - the language server: JSON-RPC with Content-Length framing on
 * stdin/stdout, one document table, diagnostics from the same session and
 * engines the command line uses, quick fixes and hover.
 *
 * One thread: a poll() on stdin whose timeout is the next debounced check,
 * so typing is checked 150 ms after the last change. Requests are read
 * with jansson and answered with the project's JSON writer. Nothing but
 * protocol goes to the real stdout: it is moved to a private descriptor
 * and descriptor 1 pointed at stderr, so a stray printf cannot corrupt
 * the stream. */
#include "lsp.h"

#include <errno.h>
/* jansson's json_null() constructor, which the server never calls, has
 * the name of the writer's json_null (json.h): its declaration is renamed
 * out of the way. */
#define json_null jansson_json_null
#include <jansson.h>
#undef json_null
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "config.h"
#include "json.h"
#include "markup.h"
#include "session.h"
#include "source.h"
#include "util.h"

enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_NOT_INITIALIZED = -32002,
    RPC_REQUEST_FAILED = -32803,
};

#define DEBOUNCE_MS 150
#define PARENT_CHECK_MS 1000 /* how often the client's process is looked for */
#define MAX_MESSAGE (256u << 20) /* larger bodies are refused and skipped */
#define MAX_HEADER 8192
#define WORDS_FILE ".mtlint-words.txt"
#define ADD_WORD_COMMAND "mtlint.addWord"

/* ---- positions: byte offsets <-> LSP line/character ---- */

typedef enum { ENC_UTF16, ENC_UTF8, ENC_UTF32 } pos_enc;

/* The names, in the server's order of preference after the client's. */
static const struct {
    const char *name;
    pos_enc enc;
} encodings[] = {{"utf-16", ENC_UTF16}, {"utf-8", ENC_UTF8}, {"utf-32", ENC_UTF32}};

typedef struct lsp_pos {
    size_t line, character;
} lsp_pos;

/* Where each line starts; LSP ends lines at \n, \r\n and \r. */
typedef struct line_table {
    size_t *v;
    size_t n, cap;
} line_table;

static void lines_build(line_table *lt, const char *t, size_t n) {
    lt->n = 0;
    VEC_PUSH(*lt, (size_t)0);
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') i++;
        if (t[i] == '\n' || t[i] == '\r') VEC_PUSH(*lt, i + 1);
    }
}

/* Length of the UTF-8 sequence led by byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c) {
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
}

/* Code units of the sequence at t[i] in enc. */
static size_t units_of(const char *t, size_t i, size_t n, pos_enc enc, size_t *len) {
    size_t l = seq_len((unsigned char)t[i]);
    if (i + l > n) l = 1;
    *len = l;
    return enc == ENC_UTF8 ? l : enc == ENC_UTF16 && l == 4 ? 2 : 1;
}

static lsp_pos pos_of(const line_table *lt, const char *t, size_t n, size_t off, pos_enc enc) {
    size_t lo = 0, hi = lt->n; /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (lt->v[mid] <= off) lo = mid;
        else hi = mid;
    }
    lsp_pos p = {lo, 0};
    for (size_t i = lt->v[lo], l; i < off && i < n; i += l) p.character += units_of(t, i, n, enc, &l);
    return p;
}

/* The byte offset of a position; past the end of its line or of the text
 * it is clamped, as LSP asks. */
static size_t offset_of(const line_table *lt, const char *t, size_t n, lsp_pos p, pos_enc enc) {
    if (p.line >= lt->n) return n;
    size_t i = lt->v[p.line];
    size_t end = p.line + 1 < lt->n ? lt->v[p.line + 1] : n;
    while (end > i && (t[end - 1] == '\n' || t[end - 1] == '\r')) end--;
    size_t u = 0, l;
    while (i < end && u < p.character) {
        size_t k = units_of(t, i, n, enc, &l);
        if (u + k > p.character) break; /* inside a surrogate pair */
        u += k;
        i += l;
    }
    return i;
}

/* ---- documents ---- */

typedef struct lfinding {
    char *rule, *message, *match;
    char **sugg;
    size_t nsugg;
    mtl_severity severity;
    mtl_category category;
    size_t start, end;    /* bytes of the document's text */
} lfinding;

typedef struct document {
    char *uri;
    char *path;           /* on disk, for the configuration; NULL when the URI is not a file */
    char *name;           /* what the engine is told: its extension picks the syntax */
    buf text;
    long long version;
    bool dirty;           /* changed since the last check */
    long long due;        /* when to check it (ms, monotonic) */
    char *problem;        /* why it could not be checked, shown as a diagnostic */
    mtl_engine *engine;   /* the engine of the last check, for rule descriptions */
    struct { lfinding *v; size_t n, cap; } findings;
    line_table lines;     /* of text, as last checked */
} document;

typedef struct server {
    const cli_options *o;
    const char *data_dir;
    session *ses;
    char *ses_problem;    /* why the session could not be opened */
    int in_fd, out_fd;
    buf in;               /* read, not yet taken */
    size_t skip;          /* bytes of a refused message still to drop */
    pos_enc enc;
    bool initialized, shutdown, exit_now, out_failed, watch_dynamic;
    char *root;           /* workspace folder, or NULL */
    long long parent;     /* the client's process id (initialize), or 0 */
    long long next_id;    /* of requests to the client */
    struct { document **v; size_t n, cap; } docs;
    /* why a configuration's engine failed, by its path: the session says
     * it once, every document it governs shows it */
    struct { char **v; size_t n, cap; } problem_cfg, problem_text;
} server;

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void findings_clear(document *d) {
    for (size_t i = 0; i < d->findings.n; i++) {
        lfinding *f = &d->findings.v[i];
        free(f->rule);
        free(f->message);
        free(f->match);
        for (size_t k = 0; k < f->nsugg; k++) free(f->sugg[k]);
        free(f->sugg);
    }
    d->findings.n = 0;
    free(d->problem);
    d->problem = NULL;
}

static void doc_free(document *d) {
    findings_clear(d);
    VEC_FREE(d->findings);
    free(d->lines.v);
    free(d->uri);
    free(d->path);
    free(d->name);
    buf_free(&d->text);
    free(d);
}

static document *doc_find(server *s, const char *uri, size_t *at) {
    for (size_t i = 0; i < s->docs.n; i++)
        if (strcmp(s->docs.v[i]->uri, uri) == 0) {
            if (at) *at = i;
            return s->docs.v[i];
        }
    return NULL;
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file: URI, percent-decoded; NULL for other schemes. */
static char *uri_to_path(const char *uri) {
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (*p != '/') p = strchr(p, '/'); /* file://host/path: the host is ours */
    if (!p) return NULL;
    buf b = {0};
    for (; *p; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
            buf_putc(&b, (char)(h * 16 + l));
            p += 2;
        } else {
            buf_putc(&b, *p);
        }
    }
    if (memchr(b.data, '\0', b.len)) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

static const char *base_name(const char *p) {
    const char *sl = strrchr(p, '/');
    return sl ? sl + 1 : p;
}

/* Whether the document's syntax has comments that switch rules off
 * (Markdown and HTML; plain text has none), by the extension, as the
 * engine reads it. */
static bool has_switch_comments(const document *d) {
    return markup_for_name(d->name, MTL_MARKUP_AUTO) != MTL_MARKUP_TEXT;
}

/* ---- output ---- */

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Frames and sends one message; a failed write means the client is gone. */
static void send_body(server *s, const buf *body) {
    if (s->out_failed) return;
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", body->len);
    if (!write_all(s->out_fd, head, (size_t)hn) || !write_all(s->out_fd, body->data ? body->data : "", body->len))
        s->out_failed = true;
}

static void write_id(json_w *w, const json_t *id) {
    if (json_is_integer(id)) json_int(w, json_integer_value(id));
    else if (json_is_string(id)) json_strn(w, json_string_value(id), json_string_length(id));
    else json_null(w);
}

/* {"jsonrpc":"2.0", then the caller's members, then } and send. */
static void msg_begin(json_w *w, buf *b) {
    json_init(w, b);
    json_obj_begin(w);
    json_kv_str(w, "jsonrpc", "2.0");
}

static void msg_send(server *s, json_w *w, buf *b) {
    json_obj_end(w);
    send_body(s, b);
    buf_free(b);
}

static void send_error(server *s, const json_t *id, int code, const char *msg) {
    buf b = {0};
    json_w w;
    msg_begin(&w, &b);
    json_key(&w, "id");
    write_id(&w, id);
    json_key(&w, "error");
    json_obj_begin(&w);
    json_key(&w, "code");
    json_int(&w, code);
    json_kv_str(&w, "message", msg);
    json_obj_end(&w);
    msg_send(s, &w, &b);
}

/* LSP's MessageType: how much a logged line matters. */
typedef enum { LOG_ERROR = 1, LOG_WARNING = 2, LOG_INFO = 3 } log_type;

/* window/logMessage or window/showMessage. */
static void send_message(server *s, const char *method, log_type type, const char *text) {
    buf b = {0};
    json_w w;
    msg_begin(&w, &b);
    json_kv_str(&w, "method", method);
    json_key(&w, "params");
    json_obj_begin(&w);
    json_key(&w, "type");
    json_int(&w, type);
    json_kv_str(&w, "message", text);
    json_obj_end(&w);
    msg_send(s, &w, &b);
}

static void log_diags(server *s, const mtl_diags *d, log_type type, const char *prefix) {
    for (size_t i = 0; i < d->n; i++) {
        char *m = xasprintf("mtlint: %s%s", prefix, d->msg[i]);
        send_message(s, "window/logMessage", type, m);
        free(m);
    }
}

static void write_range(json_w *w, const document *d, size_t start, size_t end, pos_enc enc) {
    lsp_pos a = pos_of(&d->lines, d->text.data, d->text.len, start, enc);
    lsp_pos b = pos_of(&d->lines, d->text.data, d->text.len, end, enc);
    json_key(w, "range");
    json_obj_begin(w);
    json_key(w, "start");
    json_obj_begin(w);
    json_kv_uint(w, "line", a.line);
    json_kv_uint(w, "character", a.character);
    json_obj_end(w);
    json_key(w, "end");
    json_obj_begin(w);
    json_kv_uint(w, "line", b.line);
    json_kv_uint(w, "character", b.character);
    json_obj_end(w);
    json_obj_end(w);
}

static const mtl_rule_info *rule_info(mtl_engine *e, const char *id) {
    if (!e) return NULL;
    const mtl_rule_info *ri;
    size_t n = mtl_engine_rules(e, &ri);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ri[i].id, id) == 0) return &ri[i];
    return NULL;
}

/* LSP's DiagnosticSeverity by mtl_severity. */
static const int lsp_severity[] = {[MTL_INFO] = 3, [MTL_WARNING] = 2, [MTL_ERROR] = 1};

static void write_diagnostic(server *s, json_w *w, const document *d, const lfinding *f) {
    json_obj_begin(w);
    write_range(w, d, f->start, f->end, s->enc);
    json_key(w, "severity");
    json_int(w, lsp_severity[f->severity]);
    json_kv_str(w, "code", f->rule);
    const mtl_rule_info *ri = rule_info(d->engine, f->rule);
    if (ri && ri->link && *ri->link) {
        json_key(w, "codeDescription");
        json_obj_begin(w);
        json_kv_str(w, "href", ri->link);
        json_obj_end(w);
    }
    json_kv_str(w, "source", "mtlint");
    json_kv_str(w, "message", f->message);
    json_obj_end(w);
}

/* What publish() sends: the findings, or none (a closed document). */
typedef enum { PUBLISH_FINDINGS, PUBLISH_CLEAR } publish_what;

static void publish(server *s, const document *d, publish_what what) {
    bool empty = what == PUBLISH_CLEAR;
    buf b = {0};
    json_w w;
    msg_begin(&w, &b);
    json_kv_str(&w, "method", "textDocument/publishDiagnostics");
    json_key(&w, "params");
    json_obj_begin(&w);
    json_kv_str(&w, "uri", d->uri);
    if (!empty) {
        json_key(&w, "version");
        json_int(&w, d->version);
    }
    json_key(&w, "diagnostics");
    json_arr_begin(&w);
    if (!empty && d->problem) {
        /* a document that cannot be checked says why, at its start */
        json_obj_begin(&w);
        write_range(&w, d, 0, 0, s->enc);
        json_key(&w, "severity");
        json_int(&w, 1);
        json_kv_str(&w, "source", "mtlint");
        json_kv_str(&w, "message", d->problem);
        json_obj_end(&w);
    }
    for (size_t i = 0; !empty && i < d->findings.n; i++) write_diagnostic(s, &w, d, &d->findings.v[i]);
    json_arr_end(&w);
    json_obj_end(&w);
    msg_send(s, &w, &b);
}

/* ---- checking ---- */

/* A sink that keeps the findings in the document. */
typedef struct collector {
    mtl_sink base;
    document *d;
    char *error;
} collector;

static void c_nop_begin(mtl_sink *s, const char *path) { (void)s, (void)path; }
static void c_nop_end(mtl_sink *s) { (void)s; }
static void c_nop_run(mtl_sink *s, const mtl_summary *sum) { (void)s, (void)sum; }

static void c_finding(mtl_sink *s, const mtl_finding *f) {
    document *d = ((collector *)s)->d;
    lfinding c = {.rule = xstrdup(f->rule), .message = xstrdup(f->message),
                  .match = xstrndup(f->match, f->match_len), .nsugg = f->nsuggestions,
                  .severity = f->severity, .category = f->category,
                  .start = f->offset, .end = f->offset + f->length};
    c.sugg = xcalloc(f->nsuggestions + 1, sizeof(char *));
    for (size_t i = 0; i < f->nsuggestions; i++) c.sugg[i] = xstrdup(f->suggestions[i]);
    VEC_PUSH(d->findings, c);
}

static void c_file_error(mtl_sink *s, const char *path, const char *message) {
    (void)path;
    collector *c = (collector *)s;
    free(c->error);
    c->error = xstrdup(message);
}

static char *join_diags(const mtl_diags *d) {
    buf b = {0};
    for (size_t i = 0; i < d->n; i++) buf_printf(&b, "%s%s", i ? "\n" : "", d->msg[i]);
    return buf_steal(&b);
}

static char *dir_of(const char *path) {
    const char *sl = strrchr(path, '/');
    return sl ? xstrndup(path, sl == path ? 1 : (size_t)(sl - path)) : xstrdup(".");
}

/* The configuration that governs a document (malloc'd), or NULL. */
static char *governing_config(const server *s, const char *doc_path) {
    if (s->o->no_config) return NULL;
    if (s->o->config_path) return xstrdup(s->o->config_path);
    char *dir = doc_path ? dir_of(doc_path) : xstrdup(".");
    char *cfg = config_find(dir);
    free(dir);
    return cfg;
}

static void problems_clear(server *s) {
    for (size_t i = 0; i < s->problem_cfg.n; i++) {
        free(s->problem_cfg.v[i]);
        free(s->problem_text.v[i]);
    }
    VEC_FREE(s->problem_cfg);
    VEC_FREE(s->problem_text);
}

/* The problem of the configuration that governs a document: new ones
 * from diags are kept; else the one said before. */
static char *config_problem(server *s, const document *d, const mtl_diags *diags) {
    char *cfg = governing_config(s, d->path);
    const char *key = cfg ? cfg : "";
    if (diags->n) {
        char *j = join_diags(diags);
        VEC_PUSH(s->problem_cfg, xstrdup(key));
        VEC_PUSH(s->problem_text, xasprintf("mtlint: %s", j));
        free(j);
    }
    char *found = NULL;
    for (size_t i = s->problem_cfg.n; i-- > 0 && !found;)
        if (strcmp(s->problem_cfg.v[i], key) == 0) found = xstrdup(s->problem_text.v[i]);
    free(cfg);
    return found ? found : xstrdup("mtlint: configuration error");
}

static bool is_settings_file(const char *path) {
    return path && (strcmp(base_name(path), ".mtlint.yml") == 0 || strcmp(base_name(path), WORDS_FILE) == 0);
}

/* Checks a document as the command line checks a file, and publishes.
 * A configuration or word list open in the editor is not prose: it gets
 * no diagnostics (saving it reloads the settings). */
static void lint(server *s, document *d) {
    d->dirty = false;
    findings_clear(d);
    d->engine = NULL;
    lines_build(&d->lines, d->text.data, d->text.len);
    if (is_settings_file(d->path)) {
        publish(s, d, PUBLISH_CLEAR);
        return;
    }
    if (!s->ses) {
        d->problem = xasprintf("mtlint: configuration error: %s", s->ses_problem);
        publish(s, d, PUBLISH_FINDINGS);
        return;
    }
    session_target t;
    mtl_diags diags = {0}, notes = {0};
    /* the configuration above the file; an unsaved buffer takes the
     * working directory's, as standard input does */
    bool ok = session_target_for(s->ses, d->path ? d->path : "./-", &t, &diags, &notes);
    log_diags(s, &notes, LOG_INFO, "note: ");
    log_diags(s, &diags, LOG_ERROR, "");
    if (!ok) d->problem = config_problem(s, d, &diags);
    mtl_diags_free(&diags);
    mtl_diags_free(&notes);
    if (ok) {
        collector c = {.base = {.begin_file = c_nop_begin, .finding = c_finding, .file_error = c_file_error,
                                .end_file = c_nop_end, .end_run = c_nop_run, .destroy = c_nop_end,
                                .min_severity = t.min_severity},
                       .d = d};
        mtl_summary sum = {0};
        char err[512];
        d->engine = t.engine;
        if (mtl_engine_check(t.engine, d->name, d->name, d->text.data ? d->text.data : "", d->text.len, &c.base,
                             &sum, err, sizeof err) != MTL_OK) {
            free(d->problem);
            d->problem = xasprintf("mtlint: cannot check: %s", c.error ? c.error : err);
        }
        /* a rule that gave up on this text: said, as the command line says it */
        log_diags(s, mtl_engine_warnings(t.engine), LOG_WARNING, "");
        free(c.error);
    }
    publish(s, d, PUBLISH_FINDINGS);
}

static void lint_due(server *s) {
    long long now = now_ms();
    for (size_t i = 0; i < s->docs.n; i++)
        if (s->docs.v[i]->dirty && s->docs.v[i]->due <= now) lint(s, s->docs.v[i]);
}

/* Before answering about a document, its findings must be those of its
 * text: a pending check runs now. */
static void flush(server *s, document *d) {
    if (d->dirty) lint(s, d);
}

static void session_load(server *s) {
    session_close(s->ses);
    problems_clear(s);
    free(s->ses_problem);
    s->ses_problem = NULL;
    mtl_diags diags = {0};
    s->ses = session_open(s->o, s->data_dir, &diags);
    if (!s->ses) s->ses_problem = join_diags(&diags);
    mtl_diags_free(&diags);
}

/* A configuration or word list changed: everything is loaded again and
 * every open document checked with it. */
static void reload(server *s) {
    session_load(s);
    if (s->ses_problem && s->initialized) send_message(s, "window/showMessage", LOG_ERROR, s->ses_problem);
    for (size_t i = 0; i < s->docs.n; i++) lint(s, s->docs.v[i]);
}

/* ---- request parameters ---- */

/* The member at a dotted path ("textDocument.uri"), or NULL. */
static json_t *get(json_t *o, const char *path) {
    char key[64];
    while (o && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (n >= sizeof key) return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        o = json_is_object(o) ? json_object_get(o, key) : NULL;
        path += n + (dot ? 1 : 0);
    }
    return o;
}

static const char *get_str(json_t *o, const char *path) { return json_string_value(get(o, path)); }

static bool get_pos(json_t *o, const char *path, lsp_pos *p) {
    json_t *j = get(o, path);
    json_t *l = json_object_get(j, "line"), *c = json_object_get(j, "character");
    if (!json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 || json_integer_value(c) < 0)
        return false;
    p->line = (size_t)json_integer_value(l);
    p->character = (size_t)json_integer_value(c);
    return true;
}

typedef struct rpc_error {
    int code;
    char msg[256];
} rpc_error;

static bool fail(rpc_error *e, int code, const char *msg) {
    e->code = code;
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    return false;
}

/* The open document a request names, checked up to date. */
static document *doc_of(server *s, json_t *params, rpc_error *e) {
    const char *uri = get_str(params, "textDocument.uri");
    if (!uri) return fail(e, RPC_INVALID_PARAMS, "textDocument.uri missing"), NULL;
    document *d = doc_find(s, uri, NULL);
    if (!d) return fail(e, RPC_INVALID_PARAMS, "document not open"), NULL;
    flush(s, d);
    return d;
}

/* ---- lifecycle ---- */

static void on_initialize(server *s, json_t *p, json_w *w, rpc_error *e) {
    if (s->initialized) {
        fail(e, RPC_INVALID_REQUEST, "initialize sent twice");
        return;
    }
    s->enc = ENC_UTF16;
    json_t *encs = get(p, "capabilities.general.positionEncodings");
    size_t i;
    json_t *v;
    bool chosen = false;
    json_array_foreach(encs, i, v) {
        for (size_t k = 0; !chosen && json_is_string(v) && k < sizeof encodings / sizeof *encodings; k++)
            if (strcmp(json_string_value(v), encodings[k].name) == 0) {
                s->enc = encodings[k].enc;
                chosen = true;
            }
    }
    /* a client that dies without closing our stdin (it was passed on to
     * a child) is noticed by its process id */
    json_t *pid = get(p, "processId");
    s->parent = json_is_integer(pid) && json_integer_value(pid) > 0 ? json_integer_value(pid) : 0;
    s->watch_dynamic = json_is_true(get(p, "capabilities.workspace.didChangeWatchedFiles.dynamicRegistration"));
    const char *root = get_str(p, "rootUri");
    json_t *folders = get(p, "workspaceFolders");
    if (json_array_size(folders)) root = get_str(json_array_get(folders, 0), "uri");
    free(s->root);
    s->root = root ? uri_to_path(root) : get_str(p, "rootPath") ? xstrdup(get_str(p, "rootPath")) : NULL;
    s->initialized = true;

    json_obj_begin(w);
    json_key(w, "capabilities");
    json_obj_begin(w);
    for (size_t k = 0; k < sizeof encodings / sizeof *encodings; k++)
        if (encodings[k].enc == s->enc) json_kv_str(w, "positionEncoding", encodings[k].name);
    json_key(w, "textDocumentSync");
    json_obj_begin(w);
    json_kv_bool(w, "openClose", true);
    json_key(w, "change");
    json_int(w, 1); /* full text */
    json_key(w, "save");
    json_obj_begin(w);
    json_kv_bool(w, "includeText", false);
    json_obj_end(w);
    json_obj_end(w);
    json_key(w, "codeActionProvider");
    json_obj_begin(w);
    json_key(w, "codeActionKinds");
    json_arr_begin(w);
    json_str(w, "quickfix");
    json_arr_end(w);
    json_obj_end(w);
    json_kv_bool(w, "hoverProvider", true);
    json_key(w, "executeCommandProvider");
    json_obj_begin(w);
    json_key(w, "commands");
    json_arr_begin(w);
    json_str(w, ADD_WORD_COMMAND);
    json_arr_end(w);
    json_obj_end(w);
    json_obj_end(w);
    json_key(w, "serverInfo");
    json_obj_begin(w);
    json_kv_str(w, "name", "mtlint");
    json_kv_str(w, "version", MTL_VERSION);
    json_obj_end(w);
    json_obj_end(w);
}

/* Asks the client to tell about changes of configurations and word lists
 * (clients that watch files for servers). */
static void register_watchers(server *s) {
    static const char *const globs[] = {"**/.mtlint.yml", "**/" WORDS_FILE};
    buf b = {0};
    json_w w;
    msg_begin(&w, &b);
    json_key(&w, "id");
    json_int(&w, s->next_id++);
    json_kv_str(&w, "method", "client/registerCapability");
    json_key(&w, "params");
    json_obj_begin(&w);
    json_key(&w, "registrations");
    json_arr_begin(&w);
    json_obj_begin(&w);
    json_kv_str(&w, "id", "mtlint-watch");
    json_kv_str(&w, "method", "workspace/didChangeWatchedFiles");
    json_key(&w, "registerOptions");
    json_obj_begin(&w);
    json_key(&w, "watchers");
    json_arr_begin(&w);
    for (size_t i = 0; i < sizeof globs / sizeof *globs; i++) {
        json_obj_begin(&w);
        json_kv_str(&w, "globPattern", globs[i]);
        json_obj_end(&w);
    }
    json_arr_end(&w);
    json_obj_end(&w);
    json_obj_end(&w);
    json_arr_end(&w);
    json_obj_end(&w);
    msg_send(s, &w, &b);
}

static void on_initialized(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)p, (void)w, (void)e;
    if (s->watch_dynamic) register_watchers(s);
    if (s->ses_problem) send_message(s, "window/showMessage", LOG_ERROR, s->ses_problem);
}

static void on_shutdown(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)p, (void)e;
    s->shutdown = true;
    json_null(w);
}

static void on_exit_notification(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)p, (void)w, (void)e;
    s->exit_now = true;
}

/* ---- text synchronization ---- */

/* An unsaved buffer is named by its language, so that the engine reads
 * its syntax. */
static const char *untitled_name(const char *language) {
    static const struct {
        const char *language, *name;
    } names[] = {{"markdown", "untitled.md"}, {"html", "untitled.html"}};
    for (size_t i = 0; language && i < sizeof names / sizeof *names; i++)
        if (strcmp(language, names[i].language) == 0) return names[i].name;
    return "untitled.txt";
}

static void on_did_open(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)w;
    const char *uri = get_str(p, "textDocument.uri");
    json_t *text = get(p, "textDocument.text");
    if (!uri || !json_is_string(text)) {
        fail(e, RPC_INVALID_PARAMS, "textDocument.uri and text are required");
        return;
    }
    size_t at;
    document *d = doc_find(s, uri, &at);
    if (!d) {
        d = xcalloc(1, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = uri_to_path(uri);
        d->name = d->path ? xstrdup(d->path) : xstrdup(untitled_name(get_str(p, "textDocument.languageId")));
        VEC_PUSH(s->docs, d);
    }
    buf_clear(&d->text);
    buf_append(&d->text, json_string_value(text), json_string_length(text));
    d->version = json_integer_value(get(p, "textDocument.version"));
    lint(s, d);
}

/* One content change: the whole text, or (from a client that ignores
 * the full-sync capability) a range replaced. */
static bool apply_change(server *s, document *d, json_t *ch) {
    json_t *text = json_object_get(ch, "text");
    if (!json_is_string(text)) return false;
    const char *t = json_string_value(text);
    size_t tn = json_string_length(text);
    if (!json_object_get(ch, "range")) {
        buf_clear(&d->text);
        buf_append(&d->text, t, tn);
        return true;
    }
    lsp_pos a, b;
    if (!get_pos(ch, "range.start", &a) || !get_pos(ch, "range.end", &b)) return false;
    lines_build(&d->lines, d->text.data, d->text.len);
    size_t so = offset_of(&d->lines, d->text.data, d->text.len, a, s->enc);
    size_t eo = offset_of(&d->lines, d->text.data, d->text.len, b, s->enc);
    if (eo < so) eo = so;
    buf nb = {0};
    buf_append(&nb, d->text.data, so);
    buf_append(&nb, t, tn);
    buf_append(&nb, d->text.data + eo, d->text.len - eo);
    buf_free(&d->text);
    d->text = nb;
    return true;
}

static void on_did_change(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)w;
    const char *uri = get_str(p, "textDocument.uri");
    document *d = uri ? doc_find(s, uri, NULL) : NULL;
    json_t *changes = get(p, "contentChanges");
    if (!d || !json_is_array(changes)) {
        fail(e, RPC_INVALID_PARAMS, "unknown document or no contentChanges");
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        if (!apply_change(s, d, ch)) {
            fail(e, RPC_INVALID_PARAMS, "a change without text or with a bad range");
            break;
        }
    }
    d->version = json_integer_value(get(p, "textDocument.version"));
    d->dirty = true;
    d->due = now_ms() + DEBOUNCE_MS;
}

static void on_did_save(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)w;
    const char *uri = get_str(p, "textDocument.uri");
    document *d = uri ? doc_find(s, uri, NULL) : NULL;
    if (!d) {
        fail(e, RPC_INVALID_PARAMS, "document not open");
        return;
    }
    if (is_settings_file(d->path)) reload(s);
    else lint(s, d);
}

static void on_did_close(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)w;
    const char *uri = get_str(p, "textDocument.uri");
    size_t at;
    document *d = uri ? doc_find(s, uri, &at) : NULL;
    if (!d) {
        fail(e, RPC_INVALID_PARAMS, "document not open");
        return;
    }
    publish(s, d, PUBLISH_CLEAR);
    doc_free(d);
    s->docs.v[at] = s->docs.v[--s->docs.n];
}

static void on_config_changed(server *s, json_t *p, json_w *w, rpc_error *e) {
    (void)p, (void)w, (void)e;
    reload(s);
}

/* ---- the project word list ---- */

/* Where "add to the word list" writes: the first `words:` file of the
 * configuration that governs the document; else .mtlint-words.txt beside
 * that configuration, named in it; else a new .mtlint.yml naming a new
 * .mtlint-words.txt in the workspace folder (or the document's directory
 * when it lies outside). */
typedef struct word_target {
    char *config;       /* the configuration to create or extend, or NULL */
    char *words;        /* the word list */
    bool config_exists; /* else it is created */
    bool name_in_config; /* the config gets `words: [.mtlint-words.txt]` */
} word_target;

static void word_target_free(word_target *t) {
    free(t->config);
    free(t->words);
}

static bool word_target_for(server *s, const char *doc_path, word_target *t) {
    memset(t, 0, sizeof *t);
    if (s->o->no_config) return false;
    char *doc_dir = doc_path ? dir_of(doc_path) : xstrdup(".");
    char *cfg = governing_config(s, doc_path);
    if (cfg) {
        config c;
        mtl_diags d = {0};
        bool ok = config_load(cfg, &c, &d);
        mtl_diags_free(&d);
        if (!ok) {
            config_free(&c);
            free(cfg);
            free(doc_dir);
            return false; /* the configuration must be mended first */
        }
        t->config = cfg;
        t->config_exists = true;
        if (c.words.n) {
            t->words = xstrdup(c.words.v[0]);
        } else {
            char *cd = dir_of(cfg);
            t->words = xasprintf("%s/%s", cd, WORDS_FILE);
            t->name_in_config = true;
            free(cd);
        }
        config_free(&c);
    } else {
        size_t rn = s->root ? strlen(s->root) : 0;
        bool inside = rn && doc_path && strncmp(doc_path, s->root, rn) == 0 && doc_path[rn] == '/';
        const char *dir = inside ? s->root : doc_dir;
        t->config = xasprintf("%s/.mtlint.yml", dir);
        t->words = xasprintf("%s/%s", dir, WORDS_FILE);
        t->name_in_config = true;
    }
    free(doc_dir);
    return true;
}

/* Replaces a file atomically (afile.h), fsynced: a word list or config
 * the user keeps. */
static bool write_file(const char *path, const char *data, size_t len, char *err, size_t errlen) {
    if (afile_replace(path, data, len, (afile_opts){.sync = true})) return true;
    snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    return false;
}

/* Reads a file that may not exist yet (then empty). */
static bool read_maybe(const char *path, buf *b, char *err, size_t errlen) {
    if (access(path, F_OK) != 0) return true;
    return source_read(path, b, err, errlen) == SOURCE_OK;
}

static bool has_line(const buf *b, const char *word) {
    size_t n = strlen(word);
    for (size_t i = 0; i < b->len;) {
        const char *nl = memchr(b->data + i, '\n', b->len - i);
        size_t e = nl ? (size_t)(nl - b->data) : b->len;
        size_t k = e;
        if (k > i && b->data[k - 1] == '\r') k--;
        if (k - i == n && memcmp(b->data + i, word, n) == 0) return true;
        i = e + 1;
    }
    return false;
}

typedef enum { APPEND_ALWAYS, APPEND_UNLESS_THERE } append_mode;

/* Appends `line` to the file (after a line end, if it lacks one). */
static bool append_line(const char *path, const char *line, append_mode mode, char *err, size_t errlen) {
    bool unless_there = mode == APPEND_UNLESS_THERE;
    buf b = {0};
    bool ok = read_maybe(path, &b, err, errlen);
    if (ok && !(unless_there && has_line(&b, line))) {
        if (b.len && b.data[b.len - 1] != '\n') buf_putc(&b, '\n');
        buf_printf(&b, "%s\n", line);
        ok = write_file(path, b.data, b.len, err, errlen);
    }
    buf_free(&b);
    return ok;
}

static bool add_word(server *s, const char *doc_path, const char *word, char *err, size_t errlen) {
    word_target t;
    if (!word_target_for(s, doc_path, &t)) {
        snprintf(err, errlen, "no project word list: the configuration is ignored or has errors");
        return false;
    }
    bool words_existed = access(t.words, F_OK) == 0;
    bool ok = append_line(t.words, word, APPEND_UNLESS_THERE, err, errlen);
    if (ok && t.name_in_config) {
        buf old = {0};
        ok = read_maybe(t.config, &old, err, errlen) && append_line(t.config, "words: [" WORDS_FILE "]", APPEND_ALWAYS, err, errlen);
        /* an edit that breaks the configuration is taken back */
        config c;
        mtl_diags d = {0};
        bool loaded = ok;
        if (loaded && !config_load(t.config, &c, &d)) {
            snprintf(err, errlen, "%s: cannot name %s in it: %s", t.config, WORDS_FILE, d.n ? d.msg[0] : "invalid");
            ok = false;
            char ignored[256]; /* the first error is the one to tell */
            if (t.config_exists) write_file(t.config, old.data ? old.data : "", old.len, ignored, sizeof ignored);
            else unlink(t.config);
            if (!words_existed) unlink(t.words);
        }
        if (loaded) config_free(&c);
        mtl_diags_free(&d);
        buf_free(&old);
    }
    word_target_free(&t);
    return ok;
}

static void on_execute_command(server *s, json_t *p, json_w *w, rpc_error *e) {
    const char *cmd = get_str(p, "command");
    json_t *args = get(p, "arguments");
    const char *uri = json_string_value(json_array_get(args, 0));
    const char *word = json_string_value(json_array_get(args, 1));
    if (!cmd || strcmp(cmd, ADD_WORD_COMMAND) != 0) {
        fail(e, RPC_INVALID_PARAMS, "unknown command");
        return;
    }
    if (!uri || !word || !*word || strlen(word) > 200 || strpbrk(word, " \t\r\n#")) {
        fail(e, RPC_INVALID_PARAMS, ADD_WORD_COMMAND ": arguments are [uri, word] (one word)");
        return;
    }
    char *path = uri_to_path(uri);
    char err[1024] = "";
    bool ok = add_word(s, path, word, err, sizeof err);
    free(path);
    if (!ok) {
        fail(e, RPC_REQUEST_FAILED, err);
        return;
    }
    reload(s);
    json_null(w);
}

/* ---- code actions ---- */

static void write_text_edit(json_w *w, const char *uri, const document *d, size_t start, size_t end,
                            const char *text, pos_enc enc) {
    json_key(w, "edit");
    json_obj_begin(w);
    json_key(w, "changes");
    json_obj_begin(w);
    json_key(w, uri);
    json_arr_begin(w);
    json_obj_begin(w);
    write_range(w, d, start, end, enc);
    json_kv_str(w, "newText", text);
    json_obj_end(w);
    json_arr_end(w);
    json_obj_end(w);
    json_obj_end(w);
}

typedef enum { ACTION_PLAIN, ACTION_PREFERRED } action_rank;

static void action_begin(server *s, json_w *w, const document *d, const lfinding *f, const char *title,
                         action_rank rank) {
    bool preferred = rank == ACTION_PREFERRED;
    json_obj_begin(w);
    json_kv_str(w, "title", title);
    json_kv_str(w, "kind", "quickfix");
    if (preferred) json_kv_bool(w, "isPreferred", true);
    json_key(w, "diagnostics");
    json_arr_begin(w);
    write_diagnostic(s, w, d, f);
    json_arr_end(w);
}

/* Each suggestion as a replacement: the preferred fix when it is the
 * only one, a choice among spelling guesses otherwise. */
static void suggestion_actions(server *s, json_w *w, const document *d, const lfinding *f) {
    for (size_t k = 0; k < f->nsugg; k++) {
        char *title = *f->sugg[k] ? xasprintf("Replace with \u201c%s\u201d", f->sugg[k])
                                  : xasprintf("Delete \u201c%s\u201d", f->match);
        action_begin(s, w, d, f, title, f->nsugg == 1 ? ACTION_PREFERRED : ACTION_PLAIN);
        write_text_edit(w, d->uri, d, f->start, f->end, f->sugg[k], s->enc);
        json_obj_end(w);
        free(title);
    }
}

/* Line k of a document without its line end. */
static const char *line_text(const document *d, size_t k, size_t *len) {
    size_t s = d->lines.v[k], e = k + 1 < d->lines.n ? d->lines.v[k + 1] : d->text.len;
    while (e > s && (d->text.data[e - 1] == '\n' || d->text.data[e - 1] == '\r')) e--;
    *len = e - s;
    return d->text.data + s;
}

/* The lines of a front matter (`---` ... `---` or `...`), or 0: YAML,
 * where an HTML comment has no place. */
static size_t front_matter_lines(const document *d) {
    size_t n;
    const char *l = line_text(d, 0, &n);
    if (n != 3 || memcmp(l, "---", 3) != 0) return 0;
    for (size_t k = 1; k < d->lines.n; k++) {
        l = line_text(d, k, &n);
        if (n == 3 && (memcmp(l, "---", 3) == 0 || memcmp(l, "...", 3) == 0)) return k + 1;
    }
    return 0;
}

/* A line that is markup, not text: blank, a code fence, or a run of one
 * mark (a rule, a setext underline); a comment at its end would change
 * what it is. */
static bool markup_line(const char *l, size_t n) {
    while (n && (*l == ' ' || *l == '\t')) l++, n--;
    if (!n) return true;
    if (n >= 3 && (memcmp(l, "```", 3) == 0 || memcmp(l, "~~~", 3) == 0)) return true;
    if (!strchr("-=*_", *l)) return false;
    for (size_t i = 0; i < n; i++)
        if (l[i] != *l && l[i] != ' ' && l[i] != '\t') return false;
    return true;
}

/* Markdown and HTML carry inline switches in HTML comments, and a
 * `mtlint-disable-next-line` comment switches the rule off for the line
 * after its own. It goes at the end of the line before when that is a
 * line of text (a line of its own there would split the paragraph), else
 * on a new line above. Not in a front matter, and not in plain text,
 * which has no comment syntax. */
static void disable_action(server *s, json_w *w, const document *d, const lfinding *f) {
    lsp_pos at = pos_of(&d->lines, d->text.data, d->text.len, f->start, s->enc);
    if (at.line < front_matter_lines(d)) return;
    size_t prev_len = 0;
    const char *prev = at.line > 0 ? line_text(d, at.line - 1, &prev_len) : NULL;
    bool own_line = !prev || markup_line(prev, prev_len);
    const char *eol = d->text.len && memmem(d->text.data, d->text.len, "\r\n", 2) ? "\r\n" : "\n";
    char *text = own_line ? xasprintf("<!-- mtlint-disable-next-line %s -->%s", f->rule, eol)
                          : xasprintf(" <!-- mtlint-disable-next-line %s -->", f->rule);
    size_t where = own_line ? d->lines.v[at.line] : (size_t)(prev + prev_len - d->text.data);
    char *title = xasprintf("Disable %s on this line", f->rule);
    action_begin(s, w, d, f, title, ACTION_PLAIN);
    write_text_edit(w, d->uri, d, where, where, text, s->enc);
    json_obj_end(w);
    free(title);
    free(text);
}

static void add_word_action(server *s, json_w *w, const document *d, const lfinding *f) {
    word_target t;
    if (!word_target_for(s, d->path, &t)) return;
    char *title = xasprintf("Add \u201c%s\u201d to the project word list (%s)", f->match, base_name(t.words));
    action_begin(s, w, d, f, title, ACTION_PLAIN);
    json_key(w, "command");
    json_obj_begin(w);
    json_kv_str(w, "title", title);
    json_kv_str(w, "command", ADD_WORD_COMMAND);
    json_key(w, "arguments");
    json_arr_begin(w);
    json_str(w, d->uri);
    json_strn(w, f->match, strlen(f->match));
    json_arr_end(w);
    json_obj_end(w);
    json_obj_end(w);
    free(title);
    word_target_free(&t);
}

static bool wants_quickfix(json_t *p) {
    json_t *only = get(p, "context.only");
    if (!json_is_array(only)) return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k) {
        const char *kind = json_string_value(k);
        if (kind && (strcmp(kind, "quickfix") == 0 || strcmp(kind, "") == 0)) return true;
    }
    return false;
}

static void on_code_action(server *s, json_t *p, json_w *w, rpc_error *e) {
    document *d = doc_of(s, p, e);
    lsp_pos a, b;
    if (!d) return;
    if (!get_pos(p, "range.start", &a) || !get_pos(p, "range.end", &b)) {
        fail(e, RPC_INVALID_PARAMS, "range missing");
        return;
    }
    size_t ao = offset_of(&d->lines, d->text.data, d->text.len, a, s->enc);
    size_t bo = offset_of(&d->lines, d->text.data, d->text.len, b, s->enc);
    json_arr_begin(w);
    bool comments = has_switch_comments(d);
    for (size_t i = 0; wants_quickfix(p) && i < d->findings.n; i++) {
        const lfinding *f = &d->findings.v[i];
        if (f->start > bo || f->end < ao) continue;
        suggestion_actions(s, w, d, f);
        /* one "disable" per rule and line */
        bool seen = false;
        size_t line = pos_of(&d->lines, d->text.data, d->text.len, f->start, s->enc).line;
        for (size_t k = 0; k < i && !seen; k++) {
            const lfinding *g = &d->findings.v[k];
            seen = g->start <= bo && g->end >= ao && strcmp(g->rule, f->rule) == 0 &&
                   pos_of(&d->lines, d->text.data, d->text.len, g->start, s->enc).line == line;
        }
        if (comments && !seen) disable_action(s, w, d, f);
        if (strcmp(f->rule, "Spelling.Unknown") == 0 && !strpbrk(f->match, " \t\r\n#"))
            add_word_action(s, w, d, f);
    }
    json_arr_end(w);
}

/* ---- hover ---- */

/* Markdown's punctuation escaped, so that a rule's text shows as written. */
static void md_text(buf *b, const char *t) {
    for (; *t; t++) {
        if (strchr("\\`*_[]<>#|~", *t)) buf_putc(b, '\\');
        buf_putc(b, *t == '\n' ? ' ' : *t);
    }
}

typedef struct example_pick {
    const char *rule;
    buf *out;
    size_t nflag, npass;
} example_pick;

enum { HOVER_EXAMPLES = 2 }; /* of each kind */

static void pick_example(void *ctx, const mtl_rule_example *x) {
    example_pick *p = ctx;
    if (strcmp(x->rule, p->rule) != 0) return;
    size_t *n = x->flag ? &p->nflag : &p->npass;
    if (*n >= HOVER_EXAMPLES) return;
    (*n)++;
    buf_puts(p->out, x->flag ? "- flagged: " : "- passes: ");
    md_text(p->out, x->text);
    buf_putc(p->out, '\n');
}

static void on_hover(server *s, json_t *p, json_w *w, rpc_error *e) {
    document *d = doc_of(s, p, e);
    lsp_pos at;
    if (!d) return;
    if (!get_pos(p, "position", &at)) {
        fail(e, RPC_INVALID_PARAMS, "position missing");
        return;
    }
    size_t off = offset_of(&d->lines, d->text.data, d->text.len, at, s->enc);
    buf b = {0};
    const lfinding *first = NULL;
    for (size_t i = 0; i < d->findings.n; i++) {
        const lfinding *f = &d->findings.v[i];
        if (!(f->start <= off && (off < f->end || f->start == f->end))) continue;
        if (!first) first = f;
        else buf_puts(&b, "\n---\n\n");
        const mtl_rule_info *ri = rule_info(d->engine, f->rule);
        buf_printf(&b, "**%s** (%s, %s)\n\n", f->rule, mtl_severity_name(f->severity),
                   mtl_category_name(f->category));
        md_text(&b, f->message);
        buf_puts(&b, "\n\n");
        if (ri && ri->description && *ri->description) {
            md_text(&b, ri->description);
            buf_puts(&b, "\n\n");
        }
        size_t mark = b.len;
        buf_puts(&b, "Examples:\n\n");
        example_pick pick = {.rule = f->rule, .out = &b};
        if (d->engine) mtl_engine_examples(d->engine, pick_example, &pick);
        if (!pick.nflag && !pick.npass) b.len = mark, b.data[mark] = '\0';
        else buf_putc(&b, '\n');
        if (ri && ri->link && *ri->link) buf_printf(&b, "[More about %s](%s)\n", f->rule, ri->link);
    }
    if (!first) {
        json_null(w);
        buf_free(&b);
        return;
    }
    json_obj_begin(w);
    json_key(w, "contents");
    json_obj_begin(w);
    json_kv_str(w, "kind", "markdown");
    json_kv_str(w, "value", b.data);
    json_obj_end(w);
    write_range(w, d, first->start, first->end, s->enc);
    json_obj_end(w);
    buf_free(&b);
}

/* ---- dispatch ---- */

typedef void (*handler)(server *s, json_t *params, json_w *w, rpc_error *e);

static const struct method {
    const char *name;
    handler fn;
    bool request;        /* answered; else a notification */
} methods[] = {
    {"initialize", on_initialize, true},
    {"initialized", on_initialized, false},
    {"shutdown", on_shutdown, true},
    {"exit", on_exit_notification, false},
    {"textDocument/didOpen", on_did_open, false},
    {"textDocument/didChange", on_did_change, false},
    {"textDocument/didSave", on_did_save, false},
    {"textDocument/didClose", on_did_close, false},
    {"textDocument/codeAction", on_code_action, true},
    {"textDocument/hover", on_hover, true},
    {"workspace/didChangeWatchedFiles", on_config_changed, false},
    {"workspace/didChangeConfiguration", on_config_changed, false},
    {"workspace/executeCommand", on_execute_command, true},
};

static const struct method *find_method(const char *name) {
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (strcmp(methods[i].name, name) == 0) return &methods[i];
    return NULL;
}

static void handle(server *s, const char *body, size_t len) {
    json_error_t jerr;
    json_t *m = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
    if (!m) {
        char msg[300];
        snprintf(msg, sizeof msg, "parse error at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        send_error(s, NULL, RPC_PARSE_ERROR, msg);
        return;
    }
    json_t *id = json_object_get(m, "id");
    json_t *mj = json_object_get(m, "method");
    const char *name = json_string_value(mj);
    bool valid_id = !id || json_is_integer(id) || json_is_string(id);
    if (!json_is_object(m) || !valid_id || (mj && !name)) {
        send_error(s, valid_id ? id : NULL, RPC_INVALID_REQUEST, "not a JSON-RPC request or notification");
    } else if (!name) {
        /* a response to one of our requests (registerCapability): no
         * answer is needed; anything else is not a message */
        if (!id || !(json_object_get(m, "result") || json_object_get(m, "error")))
            send_error(s, NULL, RPC_INVALID_REQUEST, "message without a method");
    } else {
        const struct method *mt = find_method(name);
        json_t *params = json_object_get(m, "params");
        rpc_error e = {0};
        if (id) {
            if (!mt || !mt->request) fail(&e, RPC_METHOD_NOT_FOUND, "method not found");
            else if (!s->initialized && strcmp(name, "initialize") != 0)
                fail(&e, RPC_NOT_INITIALIZED, "server not initialized");
            else if (s->shutdown)
                fail(&e, RPC_INVALID_REQUEST, "server is shutting down");
            buf b = {0};
            json_w w;
            msg_begin(&w, &b);
            json_key(&w, "id");
            write_id(&w, id);
            json_key(&w, "result");
            if (!e.code) mt->fn(s, params, &w, &e);
            if (e.code) {
                buf_free(&b);
                send_error(s, id, e.code, e.msg);
            } else {
                msg_send(s, &w, &b);
            }
        } else if (mt && !mt->request && (s->initialized || strcmp(name, "exit") == 0)) {
            /* notifications get no answer, not even an error: it is logged */
            mt->fn(s, params, NULL, &e);
            if (e.code) {
                char *msg = xasprintf("mtlint: %s: %s", name, e.msg);
                send_message(s, "window/logMessage", LOG_WARNING, msg);
                free(msg);
            }
        }
    }
    json_decref(m);
}

/* ---- input ---- */

typedef enum { IN_NONE, IN_MESSAGE, IN_BAD } in_result;

static void consume(buf *b, size_t n) {
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
}

/* Takes one framed message from the input read so far. A header block
 * without a usable Content-Length is dropped (IN_BAD). */
static in_result take_message(server *s, char **body, size_t *len) {
    buf *in = &s->in;
    if (s->skip) {
        size_t n = s->skip < in->len ? s->skip : in->len;
        if (n) consume(in, n);
        s->skip -= n;
        if (s->skip) return IN_NONE;
    }
    if (!in->len) return IN_NONE;
    char *end = memmem(in->data, in->len, "\r\n\r\n", 4);
    if (!end) {
        if (in->len > MAX_HEADER) {
            in->len = 0;
            return IN_BAD;
        }
        return IN_NONE;
    }
    size_t hlen = (size_t)(end - in->data) + 4;
    long long clen = -1;
    for (char *line = in->data; line < end;) {
        char *nl = memmem(line, (size_t)(end + 2 - line), "\r\n", 2);
        if (strncasecmp(line, "Content-Length:", 15) == 0) {
            char *q;
            errno = 0;
            long long v = strtoll(line + 15, &q, 10);
            while (*q == ' ' || *q == '\t') q++;
            clen = errno || q != nl || v < 0 ? -2 : v;
        }
        line = nl + 2;
    }
    if (clen < 0) {
        consume(in, hlen);
        return IN_BAD;
    }
    if ((unsigned long long)clen > MAX_MESSAGE) {
        consume(in, hlen);
        s->skip = (size_t)clen;
        return IN_BAD;
    }
    if (in->len < hlen + (size_t)clen) return IN_NONE;
    *len = (size_t)clen;
    *body = xstrndup(in->data + hlen, *len);
    consume(in, hlen + *len);
    return IN_MESSAGE;
}

static int poll_timeout(const server *s) {
    long long next = -1, now = now_ms();
    for (size_t i = 0; i < s->docs.n; i++)
        if (s->docs.v[i]->dirty && (next < 0 || s->docs.v[i]->due < next)) next = s->docs.v[i]->due;
    long long wait = next < 0 ? -1 : next <= now ? 0 : next - now;
    if (s->parent && (wait < 0 || wait > PARENT_CHECK_MS)) wait = PARENT_CHECK_MS;
    return (int)wait;
}

static bool parent_gone(const server *s) {
    return s->parent && kill((pid_t)s->parent, 0) != 0 && errno == ESRCH;
}

int lsp_run(const cli_options *o, const char *data_dir) {
    if (o->paths.n) {
        fprintf(stderr, "mtlint: --lsp takes no files: the editor sends them\n");
        return 2;
    }
    server s = {.o = o, .data_dir = data_dir, .in_fd = STDIN_FILENO, .next_id = 1};
    /* the protocol gets the real stdout; anything else written to
     * descriptor 1 lands on stderr */
    fflush(stdout);
    s.out_fd = dup(STDOUT_FILENO);
    if (s.out_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        fprintf(stderr, "mtlint: --lsp: cannot set up standard output: %s\n", strerror(errno));
        return 2;
    }
    session_load(&s);
    if (s.ses_problem) fprintf(stderr, "mtlint: %s\n", s.ses_problem);
    bool eof = false;
    while (!s.exit_now && !s.out_failed) {
        char *body;
        size_t len;
        in_result r = take_message(&s, &body, &len);
        if (r == IN_MESSAGE) {
            handle(&s, body, len);
            free(body);
            continue;
        }
        if (r == IN_BAD) {
            send_error(&s, NULL, RPC_PARSE_ERROR, "bad header: Content-Length missing, invalid or too large");
            continue;
        }
        /* checks wait until every message already read is handled: the
         * newest text wins */
        lint_due(&s);
        if (eof) break;
        struct pollfd pfd = {.fd = s.in_fd, .events = POLLIN};
        int pr = poll(&pfd, 1, poll_timeout(&s));
        if (pr < 0 && errno != EINTR) break;
        if (pr == 0 && parent_gone(&s)) break;
        if (pr <= 0) continue;
        buf_reserve(&s.in, 65536);
        ssize_t n = read(s.in_fd, s.in.data + s.in.len, 65536);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) {
            eof = true; /* the client went away: what it sent is still answered */
            continue;
        }
        s.in.len += (size_t)n;
        s.in.data[s.in.len] = '\0';
    }
    for (size_t i = 0; i < s.docs.n; i++) doc_free(s.docs.v[i]);
    VEC_FREE(s.docs);
    buf_free(&s.in);
    session_close(s.ses);
    problems_clear(&s);
    free(s.ses_problem);
    free(s.root);
    close(s.out_fd);
    return s.exit_now && s.shutdown ? 0 : 1;
}
