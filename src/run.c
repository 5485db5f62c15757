/* run.c - checking the inputs of one command. Paths are expanded, each
 * file is checked by the engine of its configuration, in parallel with -j
 * (one session, its engines loaded once; each worker checks with its own
 * fork of an engine, which shares everything loaded), and reported in
 * command-line order through one sink.
 *
 * Workers record each file's outcome; the calling thread replays the
 * outcomes in order onto the real sink, so output never depends on which
 * worker finished first. */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "deal.h"
#include "files.h"
#include "fix.h"
#include "lang.h"
#include "progress.h"
#include "runcons.h"
#include "source.h"
#include "util.h"

/* ---- one file's outcome ---- */

typedef struct outcome {
    char *error;       /* the file could not be checked */
    size_t fixes;      /* --fix: edits written to the file */
    mtl_diags diags;   /* configuration problems to print first */
    mtl_diags notes;   /* what its configuration skips (not with -q) */
    struct { mtl_finding *v; size_t n, cap; } findings;
    /* source-aware checking */
    char *source;      /* the source file it was checked against, or NULL */
    char lang[16];     /* the source language assumed */
    bool detected;     /* langid chose it */
    bool sourced;      /* file_source was reported */
    char *alignment;   /* --show-alignment */
    bool trouble;      /* counts as an input or configuration error */
    bool fails;        /* a finding at or above the file's own fail level */
    bool below;        /* scored below the file's min score */
    double min_score;
    bool done;
    mtl_file_info info; /* its text a copy, when the sink wants it */
    /* --consistency run: its renderings (copies), and the levels that
     * decide whether a finding the run adds fails it */
    struct { mtl_rendering *v; size_t n, cap; } rend;
    session_target levels;
} outcome;

/* A sink that copies what the engine reports into an outcome. */
typedef struct recorder {
    mtl_sink base;
    outcome *to;
} recorder;

static void r_file_info(mtl_sink *s, const mtl_file_info *info) {
    outcome *o = ((recorder *)s)->to;
    free((char *)o->info.text);
    free((void *)o->info.blocks);
    o->info = *info;
    o->info.text = info->text ? xstrndup(info->text, info->len) : NULL;
    /* one array: the blocks, then the sentences */
    size_t n = info->nblocks + info->nsentences;
    mtl_text_span *spans = n ? xcalloc(n, sizeof *spans) : NULL;
    if (info->nblocks) memcpy(spans, info->blocks, info->nblocks * sizeof *spans);
    if (info->nsentences) memcpy(spans + info->nblocks, info->sentences, info->nsentences * sizeof *spans);
    o->info.blocks = spans;
    o->info.sentences = spans ? spans + info->nblocks : NULL;
}

static void r_begin(mtl_sink *s, const char *path) { (void)s, (void)path; }
static void r_end_file(mtl_sink *s) { (void)s; }
static void r_end_run(mtl_sink *s, const mtl_summary *sum) { (void)s, (void)sum; }
static void r_destroy(mtl_sink *s) { (void)s; }

static void r_finding(mtl_sink *s, const mtl_finding *f) {
    outcome *o = ((recorder *)s)->to;
    mtl_finding c = *f;
    c.rule = xstrdup(f->rule);
    c.message = xstrdup(f->message);
    c.match = xstrndup(f->match, f->match_len);
    char **sugg = xcalloc(f->nsuggestions + 1, sizeof(char *));
    for (size_t i = 0; i < f->nsuggestions; i++) sugg[i] = xstrdup(f->suggestions[i]);
    c.suggestions = (const char *const *)sugg;
    VEC_PUSH(o->findings, c);
}

static void r_file_source(mtl_sink *s, const char *source_path, const char *lang, bool detected) {
    (void)source_path;
    outcome *o = ((recorder *)s)->to;
    snprintf(o->lang, sizeof o->lang, "%s", lang);
    o->detected = detected;
    o->sourced = true;
}

static void r_file_error(mtl_sink *s, const char *path, const char *message) {
    (void)path;
    outcome *o = ((recorder *)s)->to;
    o->error = xstrdup(message);
}

/* Frees the copies r_finding made. */
static void copy_free(mtl_finding *f) {
    free((char *)f->rule);
    free((char *)f->message);
    free((char *)f->match);
    for (size_t k = 0; k < f->nsuggestions; k++) free((char *)f->suggestions[k]);
    free((void *)f->suggestions);
}

static void outcome_free(outcome *o) {
    for (size_t i = 0; i < o->findings.n; i++) copy_free(&o->findings.v[i]);
    VEC_FREE(o->findings);
    for (size_t i = 0; i < o->rend.n; i++) {
        free((char *)o->rend.v[i].at.rule);
        free((char *)o->rend.v[i].at.match);
        free((char *)o->rend.v[i].key);
    }
    VEC_FREE(o->rend);
    free(o->error);
    free(o->source);
    free(o->alignment);
    o->source = o->alignment = NULL;
    free((char *)o->info.text);
    free((void *)o->info.blocks);
    o->info.text = NULL;
    o->info.blocks = o->info.sentences = NULL;
    o->info.nblocks = o->info.nsentences = 0;
    mtl_diags_free(&o->diags);
    mtl_diags_free(&o->notes);
    o->error = NULL;
}

/* ---- the run ---- */

typedef struct run {
    const cli_options *o;
    const files_list *files;
    outcome *out;
    bool keep_text;         /* the sink shows the articles */
    mtl_diags shown;        /* messages printed already: each is said once */
    progress bar;           /* on a terminal: where the run is */
    deal *deal;             /* under mu: which worker checks which file */
    atomic_bool stop;       /* the output was closed and the status is known */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t wake_at;         /* under mu: the outcome whose end wakes the caller */
    /* workers started before the files were known (-j N): they wait
     * for go, and those numbered jobs and up then end */
    bool early;
    pthread_cond_t go_cv;
    bool go;                /* under mu */
    size_t jobs;            /* under mu until go */
} run;

static const char *shown_name(const run *r, const files_entry *f) {
    return strcmp(f->path, "-") == 0 && r->o->stdin_name ? r->o->stdin_name : f->path;
}

/* ---- pairing targets with their sources ---- */

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The language code of a name such as "story.es.md" ("es"), or "" when
 * the name carries none that mtlint knows. */
static void lang_suffix(const char *path, char code[8]) {
    code[0] = '\0';
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *ext = strrchr(base, '.');
    if (!ext || ext == base) return;
    const char *dot = ext - 1;
    while (dot > base && *dot != '.') dot--;
    size_t n = (size_t)(ext - dot - 1);
    if (*dot != '.' || n < 2 || n > 3) return;
    char c[8];
    memcpy(c, dot + 1, n);
    c[n] = '\0';
    if (lang_find(c)) memcpy(code, c, n + 1);
}

/* "dir/story.md" -> "dir/story.es.md". */
static char *sibling(const char *path, const char *lang) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *ext = strrchr(base, '.');
    if (!ext || ext == base) return xasprintf("%s.%s", path, lang);
    return xasprintf("%.*s.%s%s", (int)(ext - path), path, lang, ext);
}

/* "dir/story.es.md" -> "dir/story.md". */
static char *target_of(const char *path, const char *lang) {
    const char *ext = strrchr(path, '.');
    size_t n = strlen(lang) + 1;
    return xasprintf("%.*s%s", (int)(ext - path - (ptrdiff_t)n), path, ext);
}

/* The directory argument a scanned file was found under, or NULL when
 * the file was named itself. */
static const char *scan_root(const cli_options *o, const char *path) {
    const char *best = NULL;
    for (size_t i = 0; i < o->paths.n; i++) {
        const char *p = o->paths.v[i];
        size_t n = strlen(p);
        if (strcmp(p, path) == 0) return NULL;
        if (strncmp(p, path, n) == 0 && (path[n] == '/' || (n && p[n - 1] == '/')) && (!best || n > strlen(best)))
            best = p;
    }
    return best;
}

/* The source of a target (malloc'd), or NULL when it has none. */
static char *source_for(const cli_options *o, const session_target *t, const char *path) {
    const char *source_dir = t->source_dir;
    if (strcmp(path, "-") == 0) return o->source_file ? xstrdup(o->source_file) : NULL;
    if (o->source_file) return xstrdup(o->source_file);
    if (source_dir) {
        const char *root = scan_root(o, path);
        const char *rel;
        if (root) {
            rel = path + strlen(root);
            while (*rel == '/') rel++;
        } else {
            rel = strrchr(path, '/');
            rel = rel ? rel + 1 : path;
        }
        char *s = xasprintf("%s/%s", source_dir, rel);
        if (is_file(s)) return s;
        free(s);
        return NULL;
    }
    if (t->source_lang) {
        char *s = sibling(path, t->source_lang);
        if (is_file(s)) return s;
        free(s);
    }
    return NULL;
}

/* Directory scans skip files whose name carries a language other than
 * English (story.es.md): they are sources, never English to lint. With
 * --source LANG, a source found without its target is an error. */
static void drop_sources(const cli_options *o, files_list *files, mtl_diags *diags) {
    size_t k = 0;
    for (size_t i = 0; i < files->n; i++) {
        files_entry *f = &files->v[i];
        char code[8];
        lang_suffix(f->path, code);
        bool drop = !f->error && *code && strcmp(code, "en") != 0 && scan_root(o, f->path) != NULL;
        if (drop && !o->source_file && !o->source_dir && o->cfg.source_lang &&
            strcmp(code, o->cfg.source_lang) == 0) {
            char *t = target_of(f->path, code);
            if (!is_file(t)) mtl_diags_add(diags, "%s: a source without its target (no %s)", f->path, t);
            free(t);
        }
        if (drop) {
            free(f->path);
            free(f->error);
        } else {
            files->v[k++] = *f;
        }
    }
    files->n = k;
}

/* --fix: the fixable findings are applied to the bytes that were checked
 * and the file written back (fix_file); what is reported then is a new
 * check of the bytes as written, so that positions are those of the fixed
 * file and fixed findings are gone. */
static void fix_outcome(run *r, mtl_engine *e, recorder *rec, const files_entry *f, const char *bytes, size_t len) {
    outcome *o = rec->to;
    const char *name = shown_name(r, f);
    fix_result res;
    char err[512];
    if (!fix_file(f->path, name, bytes, len, o->findings.v, o->findings.n, &res, &o->diags, err, sizeof err)) {
        mtl_diags_add(&o->diags, "%s: %s", name, err);
        o->trouble = true;
        return;
    }
    if (!res.applied) return;
    o->fixes = res.applied;
    if (!r->o->quiet)
        mtl_diags_add(&o->diags, "%s: %zu fix%s applied", name, res.applied, res.applied == 1 ? "" : "es");
    for (size_t k = 0; k < o->findings.n; k++) copy_free(&o->findings.v[k]);
    o->findings.n = 0;
    mtl_summary ignored = {0};
    /* the fixed text is checked against the same source */
    mtl_pair pair = {.path = o->source, .align = r->o->align};
    if (mtl_engine_check_pair(e, f->path, name, res.text, res.len, o->source ? &pair : NULL, &rec->base, &ignored,
                              err, sizeof err) != MTL_OK)
        o->trouble = true;
    free(res.text);
}

/* Whether the file fails the run by its own configuration's fail level. */
static bool fails(const outcome *o, const session_target *t) {
    for (size_t k = 0; k < o->findings.n && !t->fail_none; k++)
        if (o->findings.v[k].severity >= t->fail_level) return true;
    return false;
}

/* Whether the file fails its min score. Scores are whole tenths, and the
 * minimum a decimal number: 97.8 is below 97.85, and 90.1 (a little less
 * than 901 tenths in binary) is not below 90.1. A file without words has
 * no score and never fails. */
static bool below_min_score(const mtl_file_score *fs, const session_target *t) {
    return t->has_min_score && fs->scored && fs->value < t->min_score * 10 - 1e-6;
}

static void check_one(run *r, session *ses, session_worker *sw, size_t i) {
    const files_entry *f = &r->files->v[i];
    outcome *o = &r->out[i];
    if (f->error) {
        o->error = xstrdup(f->error);
        o->trouble = true;
        return;
    }
    session_target t;
    if (sw ? !session_worker_target_for(sw, f->path, &t, &o->diags, &o->notes)
           : !session_target_for(ses, f->path, &t, &o->diags, &o->notes)) {
        o->error = xstrdup("configuration error (see above)");
        o->trouble = true;
        return;
    }
    mtl_engine *e = t.engine;
    recorder rec = {.base = {.begin_file = r_begin, .finding = r_finding, .file_error = r_file_error,
                             .file_source = r_file_source,
                             .end_file = r_end_file, .end_run = r_end_run, .destroy = r_destroy,
                             .file_info = r_file_info, .wants_text = r->keep_text,
                             .min_severity = t.min_severity},
                    .to = o};
    mtl_summary ignored = {0};
    char err[512];
    /* with --fix the bytes are read here, so that the edits apply to
     * exactly the text that was checked */
    buf bytes = {0};
    bool fixing = r->o->fix && strcmp(f->path, "-") != 0;
    if (r->o->fix && !fixing)
        mtl_diags_add(&o->diags, "%s: stdin cannot be fixed in place; its findings are reported", shown_name(r, f));
    if (fixing && source_read(f->path, &bytes, err, sizeof err) != SOURCE_OK) {
        o->error = xstrdup(err);
        o->trouble = true;
        buf_free(&bytes);
        return;
    }
    o->source = source_for(r->o, &t, f->path);
    mtl_pair pair = {.path = o->source, .align = r->o->align, .show_alignment = r->o->show_alignment};
    if (mtl_engine_check_pair(e, f->path, shown_name(r, f), fixing ? (bytes.data ? bytes.data : "") : NULL,
                              bytes.len, o->source ? &pair : NULL, &rec.base, &ignored, err, sizeof err) != MTL_OK)
        o->trouble = true;
    else {
        if (o->source) {
            const char *note = mtl_engine_source_note(e);
            if (note) mtl_diags_add(&o->notes, "%s", note);
            if (r->o->show_alignment) o->alignment = xstrdup(mtl_engine_alignment(e));
        }
        if (fixing) fix_outcome(r, e, &rec, f, bytes.data ? bytes.data : "", bytes.len);
    }
    /* the engine's warnings (a rule that gave up) come first; the exit
     * status stays the findings' */
    const mtl_diags *w = mtl_engine_warnings(e);
    for (size_t k = 0; k < w->n; k++) mtl_diags_add(&o->diags, "%s", w->msg[k]);
    buf_free(&bytes);
    o->fails = fails(o, &t);
    o->below = below_min_score(&o->info.score, &t);
    o->min_score = t.min_score;
    o->levels = t;
    size_t nr;
    const mtl_rendering *rv = mtl_engine_renderings(e, &nr);
    for (size_t k = 0; k < nr && !o->trouble; k++) {
        mtl_rendering c = rv[k];
        c.at.rule = xstrdup(c.at.rule);
        c.at.match = xstrndup(c.at.match, c.at.match_len);
        c.key = c.key ? xstrdup(c.key) : NULL;
        VEC_PUSH(o->rend, c);
    }
}

/* ---- --consistency run ---- */

/* A finding the run's decision adds to outcome o: rendering `index`
 * with the message, in its place among the file's findings (after those
 * that start before it, or at it and are no longer), counted in the
 * file's score and fail state. */
static void add_run_finding(void *ctx, size_t file, size_t index, char *message) {
    outcome *o = &((outcome *)ctx)[file];
    const mtl_rendering *r = &o->rend.v[index];
    mtl_finding c = r->at;
    c.rule = xstrdup(r->at.rule);
    c.message = message;
    c.match = xstrndup(r->at.match, r->at.match_len);
    c.suggestions = xcalloc(1, sizeof(char *));
    c.nsuggestions = 0;
    size_t at = o->findings.n;
    while (at > 0 && (o->findings.v[at - 1].text_offset > c.text_offset ||
                      (o->findings.v[at - 1].text_offset == c.text_offset &&
                       o->findings.v[at - 1].text_length > c.text_length)))
        at--;
    VEC_PUSH(o->findings, c);
    memmove(&o->findings.v[at + 1], &o->findings.v[at], (o->findings.n - 1 - at) * sizeof c);
    o->findings.v[at] = c;
    mtl_file_score *fs = &o->info.score;
    fs->penalty += r->weight;
    fs->count[c.severity]++;
    fs->category[c.category]++;
    fs->value = fs->scored ? mtl_score_value(fs->words, fs->penalty) : 0;
    o->fails = o->fails || (!o->levels.fail_none && c.severity >= o->levels.fail_level);
    o->below = below_min_score(fs, &o->levels);
}

/* Once every file is checked: the renderings of all of them, in run
 * order, decided together. */
static void decide_run(run *r) {
    runcons *rc = runcons_open();
    for (size_t i = 0; i < r->files->n; i++)
        if (!r->out[i].error && r->out[i].rend.n)
            runcons_add(rc, i, shown_name(r, &r->files->v[i]), r->out[i].rend.v, r->out[i].rend.n);
    runcons_decide(rc, add_run_finding, r->out);
    runcons_close(rc);
}

static void publish(run *r, size_t i) {
    pthread_mutex_lock(&r->mu);
    r->out[i].done = true;
    if (i == r->wake_at) pthread_cond_signal(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

/* The caller waits for outcome i. Waking it for every file would cost a
 * context switch per file on both cores; it sleeps until a later file of
 * a batch is done (by then, most before it are too), or i itself when that
 * one is done already. */
#define WAKE_BATCH 16

static void wait_for(run *r, size_t i) {
    pthread_mutex_lock(&r->mu);
    while (!r->out[i].done) {
        size_t w = i + WAKE_BATCH - 1 < r->files->n ? i + WAKE_BATCH - 1 : r->files->n - 1;
        r->wake_at = r->out[w].done ? i : w;
        pthread_cond_wait(&r->cv, &r->mu);
    }
    pthread_mutex_unlock(&r->mu);
}

typedef struct worker {
    run *r;
    session_worker *sw; /* the session, with engines of the worker's own */
    size_t index;
    pthread_t tid;
} worker;

/* Where worker 0, the caller, reports the files in order between its own:
 * a thread that only reported would take a core from the others and a
 * context switch per batch of files. */
typedef struct reporter {
    mtl_sink *sink;
    mtl_summary *sum;
    bool *trouble;
    size_t *failing;
    size_t next;            /* the next file to report */
} reporter;

static void replay(run *r, size_t i, mtl_sink *sink, mtl_summary *sum, bool *trouble, size_t *failing);
static bool worth_going_on(const run *r, const mtl_sink *sink, bool trouble);

/* Reports file rep->next, which is done; or drops it once the output is
 * gone and nothing is left to say. */
static void report_next(run *r, reporter *rep) {
    size_t i = rep->next++;
    if (!worth_going_on(r, rep->sink, *rep->trouble)) {
        outcome_free(&r->out[i]);
        return;
    }
    replay(r, i, rep->sink, rep->sum, rep->trouble, rep->failing);
    if (!worth_going_on(r, rep->sink, *rep->trouble)) atomic_store(&r->stop, true);
}

static bool is_done(run *r, size_t i) {
    pthread_mutex_lock(&r->mu);
    bool done = r->out[i].done;
    pthread_mutex_unlock(&r->mu);
    return done;
}

/* Files per worker in a segment of the deal (deal.h): a segment's lanes
 * are long enough to hold sections of a few hundred articles (dealing the
 * BBC's 2,225 files in one segment rather than in lanes of 512 files cut
 * the CPU time of -j 2 by 1.2%), and the outcomes waiting for their turn
 * stay bounded whatever the count of files. */
#define SEG_FILES 2048

/* The next file worker k checks, or n when all are dealt. */
static size_t claim(run *r, size_t k) {
    pthread_mutex_lock(&r->mu);
    size_t i = deal_next(r->deal, k);
    pthread_mutex_unlock(&r->mu);
    return i;
}

/* Checks the files it claims, one at a time; with rep (worker 0),
 * reports after each file those done in order. */
static void check_claimed(worker *w, reporter *rep) {
    run *r = w->r;
    size_t n = r->files->n;
    for (;;) {
        size_t i = claim(r, w->index);
        if (i >= n) break;
        if (!atomic_load(&r->stop) || r->o->fix) check_one(r, NULL, w->sw, i);
        publish(r, i);
        while (rep && rep->next < n && is_done(r, rep->next)) report_next(r, rep);
    }
}

static void *work(void *arg) {
    worker *w = arg;
    run *r = w->r;
    if (r->early) {
        /* the fork the files will most likely want, made while the
         * caller scans the directories */
        session_worker_prefork(w->sw);
        pthread_mutex_lock(&r->mu);
        while (!r->go) pthread_cond_wait(&r->go_cv, &r->mu);
        bool needed = w->index < r->jobs;
        pthread_mutex_unlock(&r->mu);
        if (!needed) return NULL;
    }
    check_claimed(w, NULL);
    return NULL;
}

/* Prints a message unless it was printed before: one problem may reach
 * the output from several files. */
static void say_once(run *r, const char *prefix, const char *msg) {
    for (size_t k = 0; k < r->shown.n; k++)
        if (strcmp(r->shown.msg[k], msg) == 0) return;
    mtl_diags_add(&r->shown, "%s", msg);
    fprintf(stderr, "mtlint: %s%s\n", prefix, msg);
}

/* Sends outcome i to the sink and the summary. Once a write has failed
 * the sink writes nothing more, but every finding is still counted: the
 * exit status speaks of every file checked; a file's error then goes to
 * stderr, the one place left to say it. */
static void replay(run *r, size_t i, mtl_sink *sink, mtl_summary *sum, bool *trouble, size_t *failing) {
    const files_entry *f = &r->files->v[i];
    outcome *o = &r->out[i];
    /* anything printed on the terminal goes above the progress line */
    if (r->bar.share || o->diags.n || (o->notes.n && !r->o->quiet) || o->error || o->below || o->alignment ||
        (o->sourced && o->detected))
        progress_clear(&r->bar);
    for (size_t k = 0; k < o->diags.n; k++) say_once(r, "", o->diags.msg[k]);
    for (size_t k = 0; k < o->notes.n && !r->o->quiet; k++) say_once(r, "note: ", o->notes.msg[k]);
    if (o->fails || o->below) (*failing)++;
    sum->files++;
    sum->fixes += o->fixes;
    if (o->fixes) sum->fixed_files++;
    if (o->trouble) *trouble = true;
    if (o->error && sink->failed) {
        fprintf(stderr, "mtlint: %s: %s\n", shown_name(r, f), o->error);
    } else if (o->error) {
        sink->file_error(sink, shown_name(r, f), o->error);
    } else {
        if (o->alignment && !sink->failed) fputs(o->alignment, sink->out);
        if (o->sourced && o->detected && !r->o->quiet && r->o->format == MTL_FORMAT_TEXT)
            fprintf(stderr, "mtlint: note: %s: source %s read as language '%s' (detected)\n", shown_name(r, f),
                    o->source, o->lang);
        sink->begin_file(sink, shown_name(r, f));
        if (o->sourced && sink->file_source) sink->file_source(sink, o->source, o->lang, o->detected);
        mtl_summary_add(sum, &o->info.score);
        if (sink->file_info) sink->file_info(sink, &o->info);
        for (size_t k = 0; k < o->findings.n; k++) {
            sum->count[o->findings.v[k].severity]++;
            sink->finding(sink, &o->findings.v[k]);
        }
        sink->end_file(sink);
    }
    if (o->below) {
        /* after the file's report, so that a terminal shows it last */
        char got[16];
        mtl_format_tenths(got, sizeof got, o->info.score.value);
        if (r->bar.share) fflush(stdout);
        fprintf(stderr, "mtlint: %s: score %s is below the minimum score %g\n", shown_name(r, f), got, o->min_score);
    }
    outcome_free(o);
    progress_step(&r->bar, sum->count[MTL_INFO] + sum->count[MTL_WARNING] + sum->count[MTL_ERROR]);
}

/* After the reader went away (mtlint ... | head), checking goes on
 * quietly so that the exit status still counts every file, unless it is
 * already the worst there is: an input error, or a write that failed for
 * another reason (a full disk). --fix always goes on. */
static bool worth_going_on(const run *r, const mtl_sink *sink, bool trouble) {
    return !sink->failed || r->o->fix || (sink->error == EPIPE && !trouble);
}

static size_t cpus_online(void) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (size_t)cpus : 1;
}

/* How many workers check nfiles files. */
static size_t pick_jobs(const cli_options *o, size_t nfiles) {
    size_t jobs = o->jobs;
    if (jobs == 0) {
        /* automatic: one worker per core, but a worker must have enough
         * files to pay for its start: its fork of the engine costs about
         * what one article does (16 files at -j 2: 3% more CPU, and the
         * work in two) */
        jobs = cpus_online();
        size_t by_files = nfiles / 16 + 1;
        if (jobs > by_files) jobs = by_files;
    }
    if (jobs > nfiles) jobs = nfiles;
    return jobs ? jobs : 1;
}

typedef struct expansion {
    session *ses;
    mtl_diags diags;
} expansion;

static const char *const *exts_for(void *ctx, const char *dir) {
    expansion *x = ctx;
    return session_exts_for(x->ses, dir, &x->diags);
}

/* ---- the crew ---- */

struct run_crew {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool closing;
    size_t n;
    struct crew_thread {
        run_crew *crew;
        pthread_t tid;
        worker *job;        /* set by crew_give; NULL: idle */
    } *t;                   /* the first n started */
};

static void *crew_main(void *arg) {
    struct crew_thread *t = arg;
    run_crew *c = t->crew;
    pthread_mutex_lock(&c->mu);
    while (!t->job && !c->closing) pthread_cond_wait(&c->cv, &c->mu);
    worker *job = t->job;
    pthread_mutex_unlock(&c->mu);
    return job ? work(job) : NULL;
}

/* Whether a run of these options may check files with several workers:
 * -j N, or the default on several CPUs with more than one file named (a
 * directory, a list) -- not the one file an editor or a hook checks. */
static size_t crew_size(const cli_options *o) {
    if (o->jobs) return o->jobs;
    struct stat st;
    bool dir = o->paths.n == 1 && stat(o->paths.v[0], &st) == 0 && S_ISDIR(st.st_mode);
    return o->paths.n > 1 || o->files_from || dir ? cpus_online() : 1;
}

run_crew *run_crew_start(const cli_options *o) {
    size_t n = crew_size(o);
    if (n <= 1) return NULL;
    run_crew *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    c->t = xcalloc(n - 1, sizeof *c->t);
    for (size_t k = 0; k < n - 1; k++) {
        c->t[k].crew = c;
        if (pthread_create(&c->t[k].tid, NULL, crew_main, &c->t[k]) != 0) break; /* run_check starts the rest */
        c->n++;
    }
    return c;
}

/* Gives worker w to the crew's thread k (its thread id in w->tid, for
 * run_check's join); false when the crew has no such thread. */
static bool crew_give(run_crew *c, size_t k, worker *w) {
    if (!c || k >= c->n) return false;
    pthread_mutex_lock(&c->mu);
    c->t[k].job = w;
    w->tid = c->t[k].tid;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return true;
}

void run_crew_close(run_crew *c) {
    if (!c) return;
    pthread_mutex_lock(&c->mu);
    c->closing = true;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    for (size_t k = 0; k < c->n; k++)
        if (!c->t[k].job) pthread_join(c->t[k].tid, NULL); /* run_check joined the others */
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c->t);
    free(c);
}

/* Starts workers 1 to n - 1 (worker 0 is the caller) on the crew's
 * threads, then on new ones; how many started, from 1 on. */
static size_t start_workers(run *r, session *ses, run_crew *crew, worker *ws, size_t n) {
    size_t started = 0;
    for (size_t k = 1; k < n; k++) {
        ws[k] = (worker){.r = r, .sw = session_worker_open(ses), .index = k};
        if (crew_give(crew, k - 1, &ws[k])) {
            started++;
            continue;
        }
        if (pthread_create(&ws[k].tid, NULL, work, &ws[k]) != 0) {
            session_worker_close(ws[k].sw);
            break; /* fewer workers do the job */
        }
        started++;
    }
    return started;
}

run_status run_check(session *ses, const cli_options *o, run_crew *crew, mtl_sink *sink, mtl_summary *sum,
                     size_t *failing) {
    files_list files = {0};
    run r = {.o = o, .files = &files, .keep_text = sink->wants_text};
    atomic_init(&r.stop, false);
    r.wake_at = SIZE_MAX;
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    pthread_cond_init(&r.go_cv, NULL);
    /* -j N: the other workers make their forks of the engine while the
     * directories are scanned (the default -j waits for the count of
     * files, which may call for one worker) */
    worker *ws = NULL;
    size_t started = 0;
    if (o->jobs > 1) {
        ws = xcalloc(o->jobs, sizeof(worker));
        r.early = true;
        started = start_workers(&r, ses, crew, ws, o->jobs);
    }
    expansion x = {.ses = ses};
    files_expand(o->paths.v, o->paths.n, exts_for, &x, &files);
    drop_sources(o, &files, &x.diags);
    /* a source without its one target: nothing is checked against it */
    if (o->source_file && (files.n != 1 || o->source_dir)) {
        mtl_diags_add(&x.diags, "--source-file %s: give exactly one target file with it%s", o->source_file,
                      o->source_dir ? " (and no --source-dir)" : "");
        files_free(&files);
    }
    for (size_t k = 0; k < x.diags.n; k++) say_once(&r, "", x.diags.msg[k]);
    for (size_t k = 0; k < files.notes.n; k++) say_once(&r, "", files.notes.v[k]);
    r.out = xcalloc(files.n ? files.n : 1, sizeof(outcome));
    bool trouble = x.diags.n > 0;
    mtl_diags_free(&x.diags);
    *failing = 0;
    size_t jobs = pick_jobs(o, files.n);
    progress_start(&r.bar, files.n, !o->quiet && isatty(STDERR_FILENO), isatty(STDOUT_FILENO));

    /* --consistency run: nothing is reported before every file is checked */
    bool whole_run = session_consistency_run(ses);
    /* the early workers: the first jobs of them check */
    pthread_mutex_lock(&r.mu);
    r.jobs = jobs;
    r.deal = deal_open(files.n, jobs, SEG_FILES);
    r.go = true;
    pthread_cond_broadcast(&r.go_cv);
    pthread_mutex_unlock(&r.mu);
    if (!started && jobs == 1 && whole_run) {
        for (size_t i = 0; i < files.n; i++) check_one(&r, ses, NULL, i);
        decide_run(&r);
        for (size_t i = 0; i < files.n; i++) {
            if (worth_going_on(&r, sink, trouble)) replay(&r, i, sink, sum, &trouble, failing);
            else outcome_free(&r.out[i]);
        }
    } else if (!started && jobs == 1) {
        for (size_t i = 0; i < files.n && worth_going_on(&r, sink, trouble); i++) {
            check_one(&r, ses, NULL, i);
            replay(&r, i, sink, sum, &trouble, failing);
        }
    } else {
        /* worker 0 is this thread, with a fork of its own: the others'
         * forks exist, so the session's engines are not run here */
        if (!r.early) {
            ws = xcalloc(jobs, sizeof(worker));
            started = start_workers(&r, ses, crew, ws, jobs);
        }
        worker self = {.r = &r, .sw = session_worker_open(ses)};
        reporter rep = {.sink = sink, .sum = sum, .trouble = &trouble, .failing = failing};
        check_claimed(&self, whole_run ? NULL : &rep);
        if (whole_run) {
            for (size_t i = 0; i < files.n; i++) wait_for(&r, i);
            decide_run(&r);
        }
        while (rep.next < files.n) {
            wait_for(&r, rep.next);
            report_next(&r, &rep);
        }
        for (size_t k = 1; k <= started; k++) {
            pthread_join(ws[k].tid, NULL);
            session_worker_close(ws[k].sw);
        }
        session_worker_close(self.sw);
    }
    free(ws);
    progress_end(&r.bar);
    sink->end_run(sink, sum);
    pthread_cond_destroy(&r.cv);
    pthread_cond_destroy(&r.go_cv);
    pthread_mutex_destroy(&r.mu);
    free(r.out);
    deal_close(r.deal);
    mtl_diags_free(&r.shown);
    files_free(&files);
    return trouble ? RUN_TROUBLE : RUN_OK;
}
