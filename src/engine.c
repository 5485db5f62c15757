/* engine.c - what is loaded once per run, and the per-document pipeline:
 * source -> markup -> segment -> checks -> sorted findings -> sink. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "finding.h"
#include "ignore.h"
#include "lang.h"
#include "langid.h"
#include "markup.h"
#include "mtlint.h"
#include "quotes.h"
#include "registry.h"
#include "score.h"
#include "segment.h"
#include "source.h"
#include "srcalign.h"
#include "util.h"

/* The checks, in the order they run. Findings are sorted afterwards, so
 * the order only matters for speed (cheap checks first). */
static const check_open_fn check_table[] = {
    check_doubled_open,
    check_repeat_open,
    check_spacing_open,
    check_quotes_open,
    check_brackets_open,
    check_layout_open,
    check_spelling_open,
    rules_open,
    check_consistency_open,
    check_source_open,
};
#define NCHECKS (sizeof check_table / sizeof check_table[0])

struct mtl_engine {
    mtl_config cfg;
    const mtl_engine *parent; /* a fork's: reg and what the passes load are its */
    registry *reg;
    segmenter *seg;
    ignorer *ign;          /* the .vale.ini's TokenIgnores and BlockIgnores, or NULL */
    pass passes[NCHECKS];
    size_t npasses;
    size_t encoding_rule;
    const lang_info *lang; /* the source language, NULL without one */
    mtl_diags notes;       /* what was skipped, for the caller to show */
    mtl_diags load_warnings; /* what the passes skipped while loading */
    findings fl;
    doc d;                 /* scratch: its arrays are reused across files */
    /* source-aware checking: the source document and what reads it */
    doc sd;
    segmenter *src_seg;    /* in the locale of src_seg_lang */
    char src_seg_lang[16];
    langid *lid;           /* opened the first time a language is detected */
    bool lid_failed;
    char src_lang[16];     /* the language of the last source */
    bool src_detected;
    buf shown;             /* --show-alignment text of the last check */
    mtl_diags warnings;    /* about the last document, "NAME: message" */
    mtl_diags scratch;     /* the passes' warnings, before the name is added */
    struct { mtl_finding *v; size_t n, cap; } out;
    /* the last file's blocks and then its sentences, for its sink */
    struct { mtl_text_span *v; size_t n, cap; } blocks;
    /* --consistency run: what the checks recorded, and it placed */
    check_rendering_list rd;
    struct { mtl_rendering *v; size_t n, cap; } rend;
};

/* Rules of the source stage itself. */
static bool register_engine_rules(mtl_engine *e, mtl_diags *diags) {
    long r = check_register(e->reg, "MT.Encoding", MTL_WARNING, MTL_CAT_ARTIFACT,
                            "The file is not valid UTF-8 (the encoding mtlint assumed is named), or holds bytes its "
                            "encoding cannot decode, read as U+FFFD (the first one's offset is named).", diags);
    if (r < 0) return false;
    e->encoding_rule = (size_t)r;
    return true;
}

/* "EsEn, FrEn, Layout..." : the sets, in load order, for messages. */
static char *set_names(const registry *r) {
    buf b = {0};
    size_t n;
    const mtl_rule_info *all = reg_all(r, &n);
    for (size_t i = 0; i < n; i++) {
        size_t k = strcspn(all[i].id, ".");
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strncmp(all[j].id, all[i].id, k) == 0 && (all[j].id[k] == '.' || all[j].id[k] == '\0');
        if (!seen) buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)k, all[i].id);
    }
    return buf_steal(&b);
}

/* An id that names nothing: from a configuration file, its place and key;
 * from the command line, the option. */
static void unknown_id(const mtl_engine *e, mtl_diags *diags, const char *where, const char *key,
                       const char *id) {
    char *sets = set_names(e->reg);
    if (where)
        mtl_diags_add(diags, "%s: %s: no rule or rule set '%s' (sets: %s; --list-rules shows every rule)", where,
                      key, id, sets);
    else
        mtl_diags_add(diags, "--%s %s: no such rule or rule set (sets: %s)", key, id, sets);
    free(sets);
}

/* An id from a .vale.ini that names nothing loaded: Vale's own rules
 * (Vale.Spelling) and rules mtlint skipped are said once, not fatal. */
static bool soft_miss(mtl_engine *e, const char *where, const char *id) {
    const char *soft = e->cfg.soft_where;
    if (!soft || !where || strncmp(where, soft, strlen(soft)) != 0) return false;
    if (strcmp(id, "Vale") == 0) /* enabled for the vocabularies, whose files hold no term */
        mtl_diags_add(&e->load_warnings, "%s: warning: the vocabularies have no terms: Vale.Terms and Vale.Avoid "
                      "have nothing to check", where);
    else
        mtl_diags_add(&e->load_warnings, "%s: warning: no rule or set '%s' is loaded; ignored", where, id);
    return true;
}

/* Applies enable/disable entries that come from a configuration file
 * (from_file) or from the command line. */
static bool apply_lists(mtl_engine *e, mtl_diags *diags, bool from_file) {
    static const struct {
        const char *key;
        bool on;
    } lists[] = {{"disable", false}, {"enable", true}};
    bool ok = true;
    for (size_t k = 0; k < 2; k++) {
        const char *const *ids = lists[k].on ? e->cfg.enable : e->cfg.disable;
        const char *const *where = lists[k].on ? e->cfg.enable_where : e->cfg.disable_where;
        for (size_t i = 0; ids && ids[i]; i++) {
            const char *at = where ? where[i] : NULL;
            if ((at != NULL) != from_file || reg_set_enabled(e->reg, ids[i], lists[k].on)) continue;
            if (soft_miss(e, at, ids[i])) continue;
            unknown_id(e, diags, at, lists[k].key, ids[i]);
            ok = false;
        }
    }
    return ok;
}

/* In order: the source language (so that --enable can turn a source rule
 * back on), the configuration's switches and levels, then the command
 * line's switches, which win over the file. */
static bool apply_switches(mtl_engine *e, mtl_diags *diags) {
    if (!e->cfg.all_sources) reg_apply_source(e->reg, e->lang ? e->lang->code : NULL);
    bool ok = apply_lists(e, diags, true);
    for (size_t i = 0; i < e->cfg.nlevels; i++) {
        const mtl_level *l = &e->cfg.levels[i];
        size_t hits = l->off ? reg_set_enabled(e->reg, l->id, false) : reg_set_level_of(e->reg, l->id, l->level);
        if (!hits && !soft_miss(e, l->where, l->id)) {
            unknown_id(e, diags, l->where, "levels", l->id);
            ok = false;
        }
    }
    return apply_lists(e, diags, false) && ok;
}

typedef struct weight_ctx {
    const mtl_engine *e;
    mtl_diags *diags;
} weight_ctx;

static void unknown_weight(void *ctx, const mtl_weight *w) {
    mtl_diags *diags = ((weight_ctx *)ctx)->diags;
    const mtl_engine *e = ((weight_ctx *)ctx)->e;
    char *sets = set_names(e->reg);
    mtl_diags_add(diags,
                  "%s%sweights: '%s' is no severity (error, warning, info), category (spelling, untranslated...), "
                  "rule or rule set (sets: %s)",
                  w->where ? w->where : "", w->where ? ": " : "", w->key, sets);
    free(sets);
}

/* The source language must be one mtlint knows; a language it has no
 * dictionary or no rules for is checked with the rest, and a note says
 * what was skipped. Rules name languages by code: "es_MX" runs the "es"
 * rules. */
static bool resolve_source(mtl_engine *e, mtl_diags *diags) {
    const char *code = e->cfg.source_lang;
    if (!code || !*code) return true;
    e->lang = lang_find(code);
    if (!e->lang) {
        char known[256];
        lang_known(known, sizeof known);
        mtl_diags_add(diags, "unknown source language '%s' (known: %s)", code, known);
        return false;
    }
    return true;
}

static void note_skipped(mtl_engine *e) {
    if (!e->lang || e->cfg.all_sources) return;
    bool no_dict = !e->lang->dictionary && !e->cfg.no_spell;
    bool no_rules = true;
    for (size_t i = 0; i < reg_count(e->reg) && no_rules; i++)
        if (reg_has_source(e->reg, i, e->lang->code)) no_rules = false;
    if (!no_dict && !no_rules) return;
    mtl_diags_add(&e->notes, "source language %s (%s): skipped %s%s%s; the other checks run", e->cfg.source_lang,
                  e->lang->name, no_dict ? "MT.Untranslated's dictionary lookup (no Hunspell dictionary for it)" : "",
                  no_dict && no_rules ? " and " : "", no_rules ? "source-specific rules (no rule set for it)" : "");
}

mtl_engine *mtl_engine_open(const mtl_config *cfg, mtl_diags *diags) {
    mtl_engine *e = xcalloc(1, sizeof *e);
    e->cfg = *cfg;
    e->reg = reg_open();
    e->fl.reg = e->reg;
    char err[256];
    e->seg = seg_open(err, sizeof err);
    bool ok = e->seg != NULL;
    if (!ok) mtl_diags_add(diags, "%s", err);
    bool lang_ok = resolve_source(e, diags);
    mtl_diags bad = {0}; /* a .vale.ini's pattern that does not compile: said, never fatal */
    e->ign = ign_open(cfg->token_ignores, cfg->block_ignores, &bad);
    for (size_t i = 0; i < bad.n; i++)
        mtl_diags_add(&e->load_warnings, "%s: warning: %s; ignored", cfg->soft_where ? cfg->soft_where : "mtlint",
                      bad.msg[i]);
    mtl_diags_free(&bad);
    ok = ok && lang_ok && register_engine_rules(e, diags);
    /* Open every check even after a failure: all problems are reported. */
    for (size_t i = 0; i < NCHECKS && e->seg && lang_ok; i++) {
        pass p = {0};
        if (!check_table[i](e->reg, &e->cfg, &p, diags)) {
            ok = false;
            continue;
        }
        for (size_t k = 0; p.notes && k < p.notes->n; k++) mtl_diags_add(&e->notes, "%s", p.notes->msg[k]);
        const mtl_diags *lw = p.load_warnings ? p.load_warnings(p.state) : NULL;
        for (size_t k = 0; lw && k < lw->n; k++) mtl_diags_add(&e->load_warnings, "%s", lw->msg[k]);
        if (p.run) e->passes[e->npasses++] = p;
        else if (p.close) p.close(p.state);
    }
    if (ok) ok = apply_switches(e, diags);
    /* weights last: a rule's default weight follows its level as configured */
    weight_ctx wc = {e, diags};
    if (ok) ok = score_set_weights(e->reg, e->cfg.weights, e->cfg.nweights, unknown_weight, &wc);
    if (!ok) {
        mtl_engine_close(e);
        return NULL;
    }
    note_skipped(e);
    return e;
}

mtl_engine *mtl_engine_fork(mtl_engine *e) {
    char err[256];
    segmenter *seg = seg_clone(e->seg, err, sizeof err);
    if (!seg) return NULL;
    mtl_engine *f = xcalloc(1, sizeof *f);
    f->cfg = e->cfg;
    f->parent = e;
    f->reg = e->reg;
    f->fl.reg = e->reg;
    f->seg = seg;
    f->ign = ign_fork(e->ign);
    f->encoding_rule = e->encoding_rule;
    f->lang = e->lang;
    for (size_t i = 0; i < e->npasses; i++) {
        pass p = e->passes[i];
        if (p.fork) p.state = p.fork(p.state);
        else p.close = NULL; /* shared as it is: the parent closes it */
        f->passes[f->npasses++] = p;
    }
    return f;
}

/* The arrays the stages fill, for the target and the source document. */
static void doc_free_arrays(doc *d) {
    VEC_FREE(d->blocks);
    VEC_FREE(d->sentences);
    VEC_FREE(d->words);
    VEC_FREE(d->quotes);
    VEC_FREE(d->atoms);
    VEC_FREE(d->alts);
    VEC_FREE(d->suppress);
    VEC_FREE(d->block_pairs);
    VEC_FREE(d->sent_pairs);
}

static void clear_renderings(mtl_engine *e) {
    for (size_t i = 0; i < e->rd.n; i++) free(e->rd.v[i].key);
    for (size_t i = 0; i < e->rend.n; i++) free((char *)e->rend.v[i].at.match);
    e->rd.n = e->rend.n = 0;
}

void mtl_engine_close(mtl_engine *e) {
    if (!e) return;
    for (size_t i = 0; i < e->npasses; i++)
        if (e->passes[i].close) e->passes[i].close(e->passes[i].state);
    finding_free(&e->fl);
    doc_free_arrays(&e->d);
    doc_free_arrays(&e->sd);
    VEC_FREE(e->out);
    VEC_FREE(e->blocks);
    clear_renderings(e);
    VEC_FREE(e->rd);
    VEC_FREE(e->rend);
    seg_close(e->src_seg);
    langid_close(e->lid);
    buf_free(&e->shown);
    mtl_diags_free(&e->warnings);
    mtl_diags_free(&e->scratch);
    seg_close(e->seg);
    ign_close(e->ign);
    if (!e->parent) reg_close(e->reg);
    mtl_diags_free(&e->notes);
    mtl_diags_free(&e->load_warnings);
    free(e);
}

const mtl_diags *mtl_engine_notes(const mtl_engine *e) { return &e->notes; }
const mtl_diags *mtl_engine_load_warnings(const mtl_engine *e) { return &e->load_warnings; }

size_t mtl_engine_rules(mtl_engine *e, const mtl_rule_info **out) {
    size_t n;
    *out = reg_all(e->reg, &n);
    return n;
}

/* Moves a span onto code point boundaries, so that a check that got a
 * boundary wrong cannot make the report cut a character in half. */
static void snap(const char *t, size_t len, size_t *s, size_t *e) {
    while (*s > 0 && ((unsigned char)t[*s] & 0xC0) == 0x80) (*s)--;
    while (*e < len && ((unsigned char)t[*e] & 0xC0) == 0x80) (*e)++;
}

/* The first atom (doc.h) ending after offset p, or NULL. */
static const doc_span *atom_after(const doc *d, size_t p) {
    size_t lo = 0, hi = d->atoms.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->atoms.v[mid].end <= p) lo = mid + 1;
        else hi = mid;
    }
    return lo < d->atoms.n ? &d->atoms.v[lo] : NULL;
}

/* The atom that offset p falls strictly inside (a finding's edge there
 * cuts it), or NULL. */
static const doc_span *atom_around(const doc *d, size_t p) {
    const doc_span *a = atom_after(d, p);
    return a && a->start < p ? a : NULL;
}

/* Whether text [s, e) holds markup: a byte the view does not show as
 * written (a tag, a URL, a quote marker), outside line breaks and
 * character references. A suggestion replaces its whole span, so applying
 * one there would delete the markup with the words ("the</b> the" ->
 * "the"): such a finding keeps its message and loses its suggestions. */
static bool holds_markup(const doc *d, size_t s, size_t e) {
    for (size_t i = s; i < e; i++) {
        if (d->view[i] == d->text[i] || ascii_isspace((unsigned char)d->text[i])) continue;
        const doc_span *a = atom_after(d, i); /* the reference holding byte i? */
        if (a && a->start <= i) {
            i = a->end - 1;
            continue;
        }
        return true;
    }
    return false;
}

/* Whether `id` is named in a comma/space separated list of ids and sets. */
static bool ids_name(const char *ids, size_t n, const char *id) {
    size_t i = 0;
    while (i < n) {
        while (i < n && (ids[i] == ',' || ascii_isspace((unsigned char)ids[i]))) i++;
        size_t s = i;
        while (i < n && ids[i] != ',' && !ascii_isspace((unsigned char)ids[i])) i++;
        size_t k = i - s;
        if (k && strncmp(id, ids + s, k) == 0 && (id[k] == '\0' || (id[k] == '.' && !memchr(ids + s, '.', k))))
            return true;
    }
    return false;
}

/* Whether a finding lies outside every range an inline comment switched
 * its rule off in. */
/* False for a finding on just a U+FFFD the decoder put in (source_replaced). */
/* The file and where the document starts in it (a chunk's base). */
typedef struct repl_ctx {
    source *src;
    size_t base;
} repl_ctx;

static bool not_replacement(const finding *f, void *ctx) {
    const repl_ctx *rc = ctx;
    const size_t *t;
    size_t n = source_replaced(rc->src, &t), s = rc->base + f->start, e = rc->base + f->end;
    for (size_t i = 0; i < n && t[i] <= s; i++)
        if (t[i] == s && e == t[i] + 3) return false;
    return true;
}

static bool not_suppressed(const finding *f, void *ctx) {
    const mtl_engine *e = ctx;
    const doc *d = &e->d;
    for (size_t k = 0; k < d->suppress.n; k++) {
        const doc_suppress *r = &d->suppress.v[k];
        if (f->start >= r->start && f->start < r->end &&
            (r->ids_len == 0 || ids_name(r->ids, r->ids_len, reg_get(e->reg, f->rule)->id)))
            return false;
    }
    return true;
}

/* A finding's span made whole: on code point boundaries, and around
 * every atom (a character reference, a URL) an edge would cut. */
static void widen(const doc *d, size_t *s, size_t *e) {
    snap(d->text, d->len, s, e);
    const doc_span *a;
    if ((a = atom_around(d, *s)) != NULL) *s = a->start;
    if ((a = atom_around(d, *e)) != NULL) *e = a->end;
}

/* The places of text span [s, e) as a report gives them. */
/* s and e are offsets in d's text, which starts at d->base of the file's
 * (a chunk's text) */
static void locate(const doc *d, source *src, size_t s, size_t e, mtl_finding *o) {
    size_t b = d->base;
    o->offset = source_orig_offset(src, b + s);
    o->length = source_orig_offset(src, b + e) - o->offset;
    /* the match comes from the decoded text, which is the original
     * bytes themselves when the input was UTF-8 */
    o->match = d->text + s;
    o->match_len = e - s;
    o->text_offset = b + s;
    o->text_length = e - s;
    source_line_col(src, b + s, &o->line, &o->column);
    source_line_col(src, b + e, &o->end_line, &o->end_column);
}

static int rendering_order(const void *a, const void *b) {
    const mtl_rendering *x = a, *y = b;
    if (x->at.text_offset != y->at.text_offset) return x->at.text_offset < y->at.text_offset ? -1 : 1;
    if (x->at.text_length != y->at.text_length) return x->at.text_length < y->at.text_length ? -1 : 1;
    int c = strcmp(x->at.rule, y->at.rule);
    if (c || !x->key || !y->key) return c ? c : (x->key != NULL) - (y->key != NULL);
    return strcmp(x->key, y->key);
}

/* --consistency run: the recorded renderings that a finding could be
 * reported on (rule on, not switched off inline), placed as findings
 * are, in text order. */
static void place_renderings(mtl_engine *e, source *src) {
    const doc *d = &e->d;
    for (size_t i = 0; i < e->rd.n; i++) {
        const check_rendering *r = &e->rd.v[i];
        const mtl_rule_info *ri = reg_get(e->reg, r->rule);
        finding probe = {.rule = r->rule, .start = r->start, .end = r->end};
        if (!reg_enabled(e->reg, r->rule) || (d->suppress.n && !not_suppressed(&probe, e))) continue;
        size_t s = r->start, en = r->end;
        widen(d, &s, &en);
        mtl_rendering x = {.at = {.rule = ri->id, .severity = ri->level, .category = ri->category},
                           .weight = ri->weight, .key = r->key, .in_source = r->in_source};
        locate(d, src, s, en, &x.at);
        x.at.match = xstrndup(x.at.match, x.at.match_len); /* the text goes with the check */
        VEC_PUSH(e->rend, x);
    }
    if (e->rend.n > 1) qsort(e->rend.v, e->rend.n, sizeof *e->rend.v, rendering_order);
}

const mtl_rendering *mtl_engine_renderings(const mtl_engine *e, size_t *n) {
    *n = e->rend.n;
    return e->rend.v;
}

/* The language of the source: the pair's, the engine's --source, or
 * what langid reads in its text; "" when none can tell. */
static void source_language(mtl_engine *e, const mtl_pair *pair, const doc *sd) {
    const char *code = pair->lang ? pair->lang : e->cfg.source_lang;
    e->src_detected = !code || !*code;
    if (e->src_detected) {
        if (!e->lid && !e->lid_failed) {
            char err[256];
            e->lid = langid_open(NULL, err, sizeof err);
            e->lid_failed = e->lid == NULL;
        }
        code = e->lid ? langid_detect(e->lid, sd->text, sd->len) : NULL;
    }
    snprintf(e->src_lang, sizeof e->src_lang, "%s", code ? code : "");
    /* "es_MX" and "es-MX" are Spanish to every table */
    e->src_lang[strcspn(e->src_lang, "_-")] = '\0';
}

/* The source document through markup and segment (in its own locale),
 * then aligned with the target. */
static mtl_status prepare_source(mtl_engine *e, source *ssrc, const mtl_pair *pair, char **sview, char *errbuf,
                                 size_t errlen) {
    doc *sd = &e->sd;
    sd->name = pair->path ? pair->path : "source";
    sd->src = ssrc;
    sd->text = source_text(ssrc, &sd->len);
    sd->blocks.n = sd->sentences.n = sd->words.n = sd->quotes.n = sd->suppress.n = sd->atoms.n = sd->alts.n = 0;
    sd->headline = -1;
    sd->markup = markup_resolve(sd->name, sd->text, sd->len, e->cfg.markup);
    *sview = markup_parse(sd, sd->markup);
    sd->view = *sview;
    source_language(e, pair, sd);
    const char *loc = *e->src_lang ? e->src_lang : "root";
    if (!e->src_seg || strcmp(e->src_seg_lang, loc) != 0) {
        seg_close(e->src_seg);
        e->src_seg = seg_open_locale(loc, errbuf, errlen);
        if (!e->src_seg) return MTL_ERR_INTERNAL;
        snprintf(e->src_seg_lang, sizeof e->src_seg_lang, "%s", loc);
        seg_set_words(e->src_seg, check_source_reads_words(e->src_lang));
    }
    if (!seg_run(e->src_seg, sd, errbuf, errlen)) return MTL_ERR_INTERNAL;
    char err[256];
    if (!srcalign_run(&e->d, sd, e->src_lang, pair->align, err, sizeof err)) {
        snprintf(errbuf, errlen, "source %s: %s", sd->name, err);
        return MTL_ERR_SOURCE;
    }
    if (pair->show_alignment) srcalign_show(&e->d, &e->shown);
    return MTL_OK;
}

/* A part of the source's text to check as a document: all of it, or a
 * chunk (NUL-terminated and padded, a copy) starting at base. */
typedef struct doc_range {
    const char *text;
    size_t len, base;
    bool chunk;       /* not the first chunk: no headline */
} doc_range;

/* Runs the pipeline on one source, or a range of it (NULL: all); leaves
 * sorted findings in e->fl and their resolved form in e->out. */
static mtl_status run_doc(mtl_engine *e, source *src, const char *name, source *ssrc, const mtl_pair *pair,
                          const doc_range *range, char *errbuf, size_t errlen) {
    doc *d = &e->d;
    d->name = name;
    d->src = src;
    d->base = range ? range->base : 0;
    if (range) {
        d->text = range->text;
        d->len = range->len;
    } else {
        d->text = source_text(src, &d->len);
    }
    d->blocks.n = d->sentences.n = d->words.n = d->quotes.n = d->suppress.n = d->atoms.n = d->alts.n = 0;
    d->headline = -1;
    d->dialect = DOC_DIALECT_NONE;
    d->source = NULL;
    d->source_lang = NULL;
    d->block_pairs.n = d->sent_pairs.n = 0;
    buf_clear(&e->shown);
    clear_renderings(e);
    e->src_lang[0] = '\0';
    d->markup = markup_resolve(name, d->text, d->len, e->cfg.markup);
    char *view = markup_parse(d, d->markup);
    char *sview = NULL;
    d->view = view;
    if (ign_apply(e->ign, d, view, (char *)d->rview, (char *)d->vview, &e->scratch)) /* in view's allocation */
        mtl_diags_add(&e->scratch, "BlockIgnores cover all of its text: nothing in it was checked");
    if (range && range->chunk && d->headline >= 0) {
        /* a later chunk's first paragraph is no title */
        d->blocks.v[d->headline].kind = BLOCK_PARAGRAPH;
        d->headline = -1;
    }
    mtl_status st = MTL_OK;
    if (!seg_run(e->seg, d, errbuf, errlen)) {
        st = MTL_ERR_INTERNAL;
        goto done;
    }
    if (ssrc && (st = prepare_source(e, ssrc, pair, &sview, errbuf, errlen)) != MTL_OK) goto done;
    finding_clear(&e->fl);
    check_ctx cx = {.d = d, .out = &e->fl, .reg = e->reg, .cfg = &e->cfg, .warnings = &e->scratch,
                    .renderings = e->cfg.consistency_run ? &e->rd : NULL};
    for (size_t i = 0; i < e->npasses && !cx.speller; i++)
        if (e->passes[i].speller) cx.speller = e->passes[i].speller(e->passes[i].state);
    for (size_t i = 0; i < e->npasses; i++)
        if (e->passes[i].prepare) e->passes[i].prepare(e->passes[i].state, d, e->reg);
    for (size_t i = 0; i < e->npasses; i++) e->passes[i].run(e->passes[i].state, &cx);
    check_source_filter(&e->fl, d, e->reg);
    for (size_t i = 0; i < e->scratch.n; i++) mtl_diags_add(&e->warnings, "%s: %s", name, e->scratch.msg[i]);
    mtl_diags_free(&e->scratch);

    size_t ns, ne;
    const char *enc = source_encoding_note(src, &ns, &ne);
    const size_t *repl;
    size_t nrepl = source_replaced(src, &repl);
    if (nrepl) {
        /* bytes that could not be decoded: the encoding error, not the
         * U+FFFD read in their place, is what to report (in a chunked
         * file, by the chunk it falls in) */
        repl_ctx rc = {src, d->base};
        finding_filter(&e->fl, not_replacement, &rc);
        if (repl[0] >= d->base && repl[0] - d->base < d->len)
            finding_add(&e->fl, e->encoding_rule, repl[0] - d->base, repl[0] - d->base + 3, NULL,
                        "file is not valid %s at byte %zu; read as U+FFFD", source_charset(src),
                        source_orig_offset(src, repl[0]));
    } else if (enc && (!range || (ns >= d->base && ns - d->base < d->len)))
        finding_add(&e->fl, e->encoding_rule, ns - d->base, ne - d->base < d->len ? ne - d->base : d->len, NULL,
                    "file is not valid UTF-8; read as %s", enc);
    if (d->suppress.n) finding_filter(&e->fl, not_suppressed, e);
    finding_sort(&e->fl);

    e->out.n = 0;
    VEC_RESERVE(e->out, e->fl.n);
    for (size_t i = 0; i < e->fl.n; i++) {
        finding *f = &e->fl.v[i];
        widen(d, &f->start, &f->end);
        if (f->nsugg && holds_markup(d, f->start, f->end)) {
            for (size_t k = 0; k < f->nsugg; k++) free(f->sugg[k]);
            free(f->sugg);
            f->sugg = NULL;
            f->nsugg = 0;
        }
        mtl_finding o = {.rule = reg_get(e->reg, f->rule)->id, .severity = f->severity,
                         .category = f->category, .message = f->message,
                         .suggestions = (const char *const *)f->sugg, .nsuggestions = f->nsugg};
        locate(d, src, f->start, f->end, &o);
        e->out.v[e->out.n++] = o;
    }
    place_renderings(e, src);
done:
    free(view);
    free(sview);
    d->view = NULL;
    e->sd.view = NULL;
    return st;
}

/* ---- large files, in chunks ----
 * A plain-text file over the limit is checked as a run of documents, one
 * chunk of paragraphs after the other, so that memory follows the chunk
 * and not the file (the per-document arrays take some 14 bytes a byte).
 * A chunk ends before a paragraph at or past the limit whose previous
 * paragraph holds no quotation mark: no quotation is open there, so the
 * quote parser sees what it would see in the whole file. What is decided
 * over a whole document (dialect majority, one name spelled two ways,
 * sentences repeated, the quote style in use, rules counting occurrences)
 * is decided per chunk. Markdown and HTML, whose structure (code fences,
 * comments, link definitions) may span paragraphs, are checked whole. */

/* Where the chunk that starts at a ends (see above); len when nothing
 * past the limit will do. */
static size_t chunk_end(const char *t, size_t len, size_t a, size_t limit) {
    if (len - a <= limit) return len;
    size_t para = a;           /* the paragraph being read */
    bool blank_before = false; /* the line before this one is blank */
    for (size_t i = a; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - t) : len;
        bool blank = true;
        for (size_t k = i; k < eol && blank; k++) blank = ascii_isspace((unsigned char)t[k]);
        if (!blank && blank_before) {
            if (i - a >= limit && !quotes_any_mark(t, para, i)) return i;
            para = i;
        }
        blank_before = blank;
        i = eol + 1;
    }
    return len;
}

/* A chunked file's findings, copied out of each chunk's run. */
typedef struct chunked {
    struct { mtl_finding *v; size_t n, cap; } out;
    struct { size_t *v; size_t n, cap; } rule; /* each finding's rule index */
    size_t words;
    long headline;                             /* of the first chunk */
    size_t headline_start, headline_end;
} chunked;

static void chunked_free(chunked *ck) {
    for (size_t i = 0; i < ck->out.n; i++) {
        mtl_finding *f = &ck->out.v[i];
        free((char *)f->message);
        free((char *)f->match);
        for (size_t k = 0; k < f->nsuggestions; k++) free((char *)f->suggestions[k]);
        free((void *)f->suggestions);
    }
    VEC_FREE(ck->out);
    VEC_FREE(ck->rule);
}

static bool should_chunk(const mtl_engine *e, const source *src, const char *name, const mtl_pair *pair) {
    size_t len, limit = e->cfg.chunk_bytes ? e->cfg.chunk_bytes : MTL_CHUNK_BYTES;
    source_text(src, &len);
    /* --consistency run keeps a document's renderings for the whole run:
     * one document per file */
    return !pair && !e->cfg.consistency_run && len > limit && markup_for_name(name, e->cfg.markup) == MTL_MARKUP_TEXT;
}

static mtl_status run_chunks(mtl_engine *e, source *src, const char *name, chunked *ck, char *errbuf,
                             size_t errlen) {
    size_t len, limit = e->cfg.chunk_bytes ? e->cfg.chunk_bytes : MTL_CHUNK_BYTES;
    const char *text = source_text(src, &len);
    char *copy = NULL;
    mtl_status st = MTL_OK;
    ck->headline = -1;
    for (size_t a = 0; a < len && st == MTL_OK;) {
        size_t b = chunk_end(text, len, a, limit);
        /* NUL-terminated and padded, as the pipeline reads documents */
        copy = xrealloc(copy, b - a + 1 + DOC_PAD);
        memcpy(copy, text + a, b - a);
        memset(copy + (b - a), 0, 1 + DOC_PAD);
        doc_range r = {.text = copy, .len = b - a, .base = a, .chunk = a > 0};
        st = run_doc(e, src, name, NULL, NULL, &r, errbuf, errlen);
        if (st != MTL_OK) break;
        if (a == 0 && e->d.headline >= 0) {
            ck->headline = e->d.headline;
            ck->headline_start = e->d.blocks.v[e->d.headline].start;
            ck->headline_end = e->d.blocks.v[e->d.headline].end;
        }
        ck->words += e->d.words.n;
        for (size_t i = 0; i < e->out.n; i++) {
            mtl_finding c = e->out.v[i];
            c.message = xstrdup(c.message);
            c.match = xstrndup(c.match, c.match_len);
            char **sugg = xcalloc(c.nsuggestions + 1, sizeof *sugg);
            for (size_t k = 0; k < c.nsuggestions; k++) sugg[k] = xstrdup(e->out.v[i].suggestions[k]);
            c.suggestions = (const char *const *)sugg;
            VEC_PUSH(ck->out, c);
            VEC_PUSH(ck->rule, e->fl.v[i].rule);
        }
        a = b;
    }
    free(copy);
    return st;
}

static mtl_status open_source(const char *path, const char *bytes, size_t len, source **src, char *errbuf,
                              size_t errlen) {
    source_status ss = bytes ? source_open_mem(bytes, len, src, errbuf, errlen)
                             : source_open_file(path, src, errbuf, errlen);
    switch (ss) {
    case SOURCE_OK: return MTL_OK;
    case SOURCE_ERR_BINARY: return MTL_ERR_BINARY;
    case SOURCE_ERR_IO: return MTL_ERR_IO;
    default: return MTL_ERR_INTERNAL;
    }
}

/* The pair's source text, or an error that names the source file. */
static mtl_status open_pair_source(const mtl_pair *pair, source **ssrc, char *errbuf, size_t errlen) {
    *ssrc = NULL;
    if (!pair) return MTL_OK;
    char err[256];
    const char *name = pair->path ? pair->path : "source";
    mtl_status st = open_source(name, pair->bytes, pair->len, ssrc, err, sizeof err);
    if (st != MTL_OK) {
        snprintf(errbuf, errlen, "source %s: %s", name, err);
        return MTL_ERR_SOURCE;
    }
    return MTL_OK;
}

static mtl_status check_buffer_pair(mtl_engine *e, const char *name, const char *bytes, size_t len,
                                    const mtl_pair *pair, mtl_finding_cb cb, void *ctx, char *errbuf,
                                    size_t errlen) {
    source *src, *ssrc;
    mtl_diags_free(&e->warnings);
    mtl_status st = open_source(name, bytes, len, &src, errbuf, errlen);
    if (st != MTL_OK) return st;
    st = open_pair_source(pair, &ssrc, errbuf, errlen);
    if (st == MTL_OK) st = run_doc(e, src, name, ssrc, pair, NULL, errbuf, errlen);
    if (st == MTL_OK)
        for (size_t i = 0; i < e->out.n; i++) cb(ctx, &e->out.v[i]);
    source_close(ssrc);
    source_close(src);
    return st;
}

mtl_status mtl_engine_check_buffer(mtl_engine *e, const char *name, const char *bytes, size_t len,
                                   mtl_finding_cb cb, void *ctx, char *errbuf, size_t errlen) {
    return check_buffer_pair(e, name, bytes, len, NULL, cb, ctx, errbuf, errlen);
}

mtl_status mtl_engine_check(mtl_engine *e, const char *path, const char *display, const char *bytes,
                            size_t len, mtl_sink *sink, mtl_summary *sum, char *errbuf, size_t errlen) {
    return mtl_engine_check_pair(e, path, display, bytes, len, NULL, sink, sum, errbuf, errlen);
}

const char *mtl_engine_alignment(const mtl_engine *e) { return e->shown.data ? e->shown.data : ""; }

const char *mtl_engine_source_note(const mtl_engine *e) {
    return e->d.source ? check_source_skipped(e->src_lang, &e->cfg) : NULL;
}

bool mtl_align_parse(const char *name, mtl_align_mode *out) {
    static const char *const names[] = {"auto", "lines", "paragraphs"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (mtl_align_mode)i;
            return true;
        }
    return false;
}

mtl_status mtl_engine_check_pair(mtl_engine *e, const char *path, const char *display, const char *bytes,
                                 size_t len, const mtl_pair *pair, mtl_sink *sink, mtl_summary *sum,
                                 char *errbuf, size_t errlen) {
    source *src = NULL, *ssrc = NULL;
    if (!display) display = path;
    sum->files++;
    mtl_diags_free(&e->warnings);
    chunked ck = {0};
    bool chunks = false;
    mtl_status st = open_source(path, bytes, len, &src, errbuf, errlen);
    if (st == MTL_OK) st = open_pair_source(pair, &ssrc, errbuf, errlen);
    if (st == MTL_OK && (chunks = should_chunk(e, src, display, pair)))
        st = run_chunks(e, src, display, &ck, errbuf, errlen);
    else if (st == MTL_OK)
        st = run_doc(e, src, display, ssrc, pair, NULL, errbuf, errlen);
    source_close(ssrc);
    if (st != MTL_OK) {
        sink->file_error(sink, display, errbuf);
        chunked_free(&ck);
        source_close(src);
        return st;
    }
    /* one document's findings, or the chunks' */
    const mtl_finding *fv = chunks ? ck.out.v : e->out.v;
    size_t nf = chunks ? ck.out.n : e->out.n;
    size_t tlen;
    const char *text = source_text(src, &tlen);
    /* renderings below what the sink reports could never be reported */
    size_t kept = 0;
    for (size_t i = 0; i < e->rend.n; i++)
        if (e->rend.v[i].at.severity >= sink->min_severity) e->rend.v[kept++] = e->rend.v[i];
        else free((char *)e->rend.v[i].at.match);
    e->rend.n = kept;
    /* the score counts what the report lists */
    mtl_file_info info = {.text = sink->wants_text ? text : NULL, .len = sink->wants_text ? tlen : 0};
    score_begin(&info.score, chunks ? ck.words : e->d.words.n);
    for (size_t i = 0; i < nf; i++) {
        const mtl_finding *f = &fv[i];
        if (f->severity >= sink->min_severity)
            score_add(&info.score, reg_get(e->reg, chunks ? ck.rule.v[i] : e->fl.v[i].rule), f->severity,
                      f->category);
    }
    score_end(&info.score);
    if (chunks && ck.headline >= 0) {
        info.headline_start = ck.headline_start;
        info.headline_end = ck.headline_end;
    } else if (!chunks && e->d.headline >= 0) {
        info.headline_start = e->d.blocks.v[e->d.headline].start;
        info.headline_end = e->d.blocks.v[e->d.headline].end;
    }
    e->blocks.n = 0;
    for (size_t i = 0; sink->wants_text && i < e->d.blocks.n; i++) {
        mtl_text_span b = {e->d.blocks.v[i].start, e->d.blocks.v[i].end};
        VEC_PUSH(e->blocks, b);
    }
    info.nblocks = e->blocks.n;
    for (size_t i = 0; sink->wants_text && i < e->d.sentences.n; i++) {
        mtl_text_span b = {e->d.sentences.v[i].start, e->d.sentences.v[i].end};
        VEC_PUSH(e->blocks, b);
    }
    info.nsentences = e->blocks.n - info.nblocks;
    info.blocks = e->blocks.v;
    info.sentences = e->blocks.v ? e->blocks.v + info.nblocks : NULL; /* NULL + 0 is undefined */
    mtl_summary_add(sum, &info.score);
    sink->begin_file(sink, display);
    if (pair && sink->file_source)
        sink->file_source(sink, pair->path ? pair->path : "", *e->src_lang ? e->src_lang : "und", e->src_detected);
    if (sink->file_info) sink->file_info(sink, &info);
    for (size_t i = 0; i < nf && !sink->failed; i++) {
        const mtl_finding *f = &fv[i];
        if (f->severity < sink->min_severity) continue;
        sum->count[f->severity]++;
        sink->finding(sink, f);
    }
    sink->end_file(sink);
    chunked_free(&ck);
    source_close(src);
    return MTL_OK;
}

const mtl_diags *mtl_engine_warnings(const mtl_engine *e) { return &e->warnings; }

/* ---- examples ---- */

void mtl_engine_examples(mtl_engine *e, mtl_example_cb cb, void *ctx) {
    for (size_t pi = 0; pi < e->npasses; pi++) {
        const check_example *ex = e->passes[pi].examples;
        size_t nex = e->passes[pi].nexamples;
        for (size_t k = 0; k < nex; k++) {
            mtl_rule_example x = {.rule = reg_get(e->reg, ex[k].rule)->id, .text = ex[k].text, .flag = ex[k].flag};
            cb(ctx, &x);
        }
    }
}

typedef struct example_probe {
    const char *rule_id;
    const char *expect;
    bool hit;            /* a finding of the rule (with the expected match) */
    bool hit_other_match;
    char *got;           /* first match of the rule, for the message */
} example_probe;

static void probe_cb(void *ctx, const mtl_finding *f) {
    example_probe *p = ctx;
    if (strcmp(f->rule, p->rule_id) != 0) return;
    bool same = !p->expect || (strlen(p->expect) == f->match_len && memcmp(p->expect, f->match, f->match_len) == 0);
    if (same) p->hit = true;
    else p->hit_other_match = true;
    if (!p->got) p->got = xstrndup(f->match, f->match_len);
}

size_t mtl_engine_test_examples(mtl_engine *e, size_t *nrun, mtl_diags *failures) {
    size_t nfail = 0, n = 0;
    size_t nrules = reg_count(e->reg);
    size_t *count = xcalloc(nrules, sizeof(size_t));
    char err[256];
    for (size_t pi = 0; pi < e->npasses; pi++) {
        const check_example *ex = e->passes[pi].examples;
        size_t nex = e->passes[pi].nexamples;
        for (size_t k = 0; k < nex; k++) {
            const check_example *x = &ex[k];
            const char *id = reg_get(e->reg, x->rule)->id;
            if (x->flag) count[x->rule]++;
            n++;
            example_probe p = {.rule_id = id, .expect = x->expect};
            /* an example that shows a heading is read as Markdown */
            bool md = x->text[0] == '#' || strstr(x->text, "\n#") != NULL;
            mtl_pair pair = {.path = "example source", .bytes = x->source, .len = x->source ? strlen(x->source) : 0,
                             .lang = x->source_lang};
            if (check_buffer_pair(e, md ? "example.md" : "example.txt", x->text, strlen(x->text),
                                  x->source ? &pair : NULL, probe_cb, &p, err, sizeof err) != MTL_OK) {
                mtl_diags_add(failures, "%s:%zu: %s: cannot check example: %s", x->path, x->line, id, err);
                nfail++;
            } else if (e->warnings.n) { /* a rule that gives up on its own example */
                for (size_t w = 0; w < e->warnings.n; w++)
                    mtl_diags_add(failures, "%s:%zu: %s: %s", x->path, x->line, id, e->warnings.msg[w]);
                nfail++;
            } else if (x->flag && !p.hit) {
                if (p.hit_other_match)
                    mtl_diags_add(failures, "%s:%zu: %s: flagged \"%s\", expected \"%s\" in: %s", x->path, x->line,
                                  id, p.got, x->expect, x->text);
                else
                    mtl_diags_add(failures, "%s:%zu: %s: missed flag example: %s", x->path, x->line, id, x->text);
                nfail++;
            } else if (!x->flag && (p.hit || p.hit_other_match)) {
                mtl_diags_add(failures, "%s:%zu: %s: pass example flagged (\"%s\"): %s", x->path, x->line, id,
                              p.got, x->text);
                nfail++;
            }
            free(p.got);
        }
    }
    /* rules loaded from files must show what they flag; built-ins have
     * unit tests */
    for (size_t i = 0; i < nrules; i++) {
        const mtl_rule_info *ri = reg_get(e->reg, i);
        if (count[i] == 0 && strcmp(ri->kind, "builtin") != 0) {
            mtl_diags_add(failures, "%s: %s: rule has no flag examples", ri->path, ri->id);
            nfail++;
        }
    }
    free(count);
    *nrun = n;
    return nfail;
}
