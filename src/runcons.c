/* runcons.c - the consistency rules over a whole run (see runcons.h). */
#include "runcons.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

typedef struct entry {
    size_t seq;          /* run order: file by file, each in text order */
    size_t file, index;  /* index: in the file's list */
    char *rule, *key, *text;
    bool in_source;
} entry;

/* One distinct rendering of a group: its entries are ent[first..first+count) of the sorted order. */
typedef struct kind {
    size_t first, count; /* into the sorted order */
    size_t seq;          /* run order of its first occurrence */
    size_t nwords;
    bool in_source;      /* some file's source writes it as such */
} kind;

struct runcons {
    struct { entry *v; size_t n, cap; } ent;
    struct { char **v; size_t n, cap; } names;
    const entry **order; /* entries sorted by rule, key, text, then run order */
};

runcons *runcons_open(void) { return xcalloc(1, sizeof(runcons)); }

void runcons_close(runcons *rc) {
    if (!rc) return;
    for (size_t i = 0; i < rc->ent.n; i++) {
        free(rc->ent.v[i].rule);
        free(rc->ent.v[i].key);
        free(rc->ent.v[i].text);
    }
    VEC_FREE_ALL(rc->names);
    VEC_FREE(rc->ent);
    free(rc->order);
    free(rc);
}

/* A rendering as one line: a name broken across lines ("Li\nXuezhu")
 * is the name written with a space. */
static char *one_line(const char *s, size_t n) {
    char *t = xstrndup(s, n);
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
    return t;
}

void runcons_add(runcons *rc, size_t file, const char *name, const mtl_rendering *r, size_t n) {
    while (rc->names.n <= file) VEC_PUSH(rc->names, NULL);
    free(rc->names.v[file]);
    rc->names.v[file] = xstrdup(name);
    for (size_t i = 0; i < n; i++) {
        entry e = {.seq = rc->ent.n, .file = file, .index = i, .rule = xstrdup(r[i].at.rule),
                   .key = r[i].key ? xstrdup(r[i].key) : NULL,
                   .text = one_line(r[i].at.match, r[i].at.match_len), .in_source = r[i].in_source};
        VEC_PUSH(rc->ent, e);
    }
}

static int cmp_str(const char *a, const char *b) {
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int by_group(const void *pa, const void *pb) {
    const entry *a = *(const entry *const *)pa, *b = *(const entry *const *)pb;
    int c = strcmp(a->rule, b->rule);
    if (!c) c = cmp_str(a->key, b->key);
    if (!c) c = strcmp(a->text, b->text);
    if (!c) c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

static const entry *at(const runcons *rc, size_t sorted) { return rc->order[sorted]; }

static int by_seq(const void *pa, const void *pb) {
    const kind *a = pa, *b = pb;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The file that uses kind k most (the earliest of equals), and how often
 * k occurs there. Its entries are in run order, so file by file. */
static size_t main_file(const runcons *rc, const kind *k) {
    size_t best = at(rc, k->first)->file, best_n = 0;
    for (size_t i = k->first; i < k->first + k->count;) {
        size_t f = at(rc, i)->file, j = i;
        while (j < k->first + k->count && at(rc, j)->file == f) j++;
        if (j - i > best_n) best = f, best_n = j - i;
        i = j;
    }
    return best;
}

/* Whether kind a is the rarer of a and b: fewer, or as many and first
 * met later in the run. */
static bool rarer(const runcons *rc, const kind *a, const kind *b) {
    (void)rc;
    return a->count < b->count || (a->count == b->count && a->seq > b->seq);
}

/* " in FILE" or " elsewhere in this file", for the occurrence in file f. */
static void where(buf *m, const runcons *rc, size_t f, size_t major_file) {
    if (f == major_file) buf_puts(m, "elsewhere in this file");
    else buf_printf(m, "in %s", rc->names.v[major_file]);
}

static void report_kind(const runcons *rc, const kind *minor, const kind *major, bool keyed,
                        runcons_report_fn report, void *ctx) {
    const entry *mj = at(rc, major->first);
    size_t mf = main_file(rc, major);
    for (size_t i = minor->first; i < minor->first + minor->count; i++) {
        const entry *e = at(rc, i);
        buf m = {0};
        if (keyed) buf_printf(&m, "the source's '%s' is '%s' here and '%s' ", e->key, e->text, mj->text);
        else buf_printf(&m, "'%s' here, '%s' ", e->text, mj->text);
        where(&m, rc, e->file, mf);
        buf_printf(&m, " (%zu time%s in the run)%s", major->count, major->count == 1 ? "" : "s",
                   keyed ? "" : ": one name spelled two ways?");
        report(ctx, e->file, e->index, buf_steal(&m));
    }
}

/* Source.Consistency: each rendering of a source name against the most
 * frequent other one of the same name. */
static void decide_keyed(const runcons *rc, const kind *k, size_t nk, runcons_report_fn report, void *ctx) {
    for (size_t x = 0; x < nk; x++) {
        const kind *best = NULL;
        for (size_t y = 0; y < nk; y++)
            if (y != x && (!best || rarer(rc, best, &k[y]))) best = &k[y];
        if (best && rarer(rc, &k[x], best)) report_kind(rc, &k[x], best, true, report, ctx);
    }
}

/* The first letters of a name's words: two names that are one spelled
 * two ways share them (check_names_variants allows one word to differ,
 * but not in its first letter). */
static void initials(const char *t, buf *out) {
    buf_clear(out);
    for (size_t i = 0; t[i]; i++)
        if (i == 0 || t[i - 1] == ' ') buf_putc(out, t[i]);
}

typedef struct signed_kind {
    char *sig;
    size_t k;
} signed_kind;

static int by_sig(const void *pa, const void *pb) {
    const signed_kind *a = pa, *b = pb;
    int c = strcmp(a->sig, b->sig);
    return c ? c : (a->k > b->k) - (a->k < b->k);
}

/* Names.Inconsistent: pairs of names of the run that are variants. Only
 * names with the same initials are compared. */
static void decide_names(const runcons *rc, const kind *k, size_t nk, runcons_report_fn report, void *ctx) {
    signed_kind *sk = xcalloc(nk ? nk : 1, sizeof *sk);
    buf b = {0};
    for (size_t i = 0; i < nk; i++) {
        initials(at(rc, k[i].first)->text, &b);
        sk[i] = (signed_kind){.sig = xstrdup(b.data ? b.data : ""), .k = i};
    }
    buf_free(&b);
    qsort(sk, nk, sizeof *sk, by_sig);
    /* pairs in kind order, so that reports come in a fixed order */
    typedef struct { size_t minor, major; } pair;
    struct { pair *v; size_t n, cap; } pairs = {0};
    for (size_t i = 0; i < nk;) {
        size_t j = i;
        while (j < nk && strcmp(sk[j].sig, sk[i].sig) == 0) j++;
        for (size_t p = i; p < j; p++)
            for (size_t q = p + 1; q < j; q++) {
                const kind *a = &k[sk[p].k], *c = &k[sk[q].k];
                const char *ta = at(rc, a->first)->text, *tc = at(rc, c->first)->text;
                if (a->nwords != c->nwords || !check_names_variants(ta, strlen(ta), tc, strlen(tc))) continue;
                if (a->in_source && c->in_source) continue; /* the sources write both: two names */
                pair pr = rarer(rc, a, c) ? (pair){sk[p].k, sk[q].k} : (pair){sk[q].k, sk[p].k};
                VEC_PUSH(pairs, pr);
            }
        i = j;
    }
    /* a rarer name is reported once, naming the most frequent of the
     * names it may be a spelling of (Jianhuo: Jianhua, not Jianhui) */
    size_t kept = 0;
    for (size_t i = 0; i < pairs.n; i++) {
        size_t j = 0;
        while (j < kept && pairs.v[j].minor != pairs.v[i].minor) j++;
        if (j == kept) pairs.v[kept++] = pairs.v[i];
        else if (rarer(rc, &k[pairs.v[j].major], &k[pairs.v[i].major])) pairs.v[j] = pairs.v[i];
    }
    pairs.n = kept;
    /* in the order of the rarer name's first occurrence, then the other's */
    for (size_t i = 1; i < pairs.n; i++)
        for (size_t j = i; j > 0; j--) {
            pair *p = &pairs.v[j - 1], *q = &pairs.v[j];
            if (p->minor < q->minor || (p->minor == q->minor && p->major < q->major)) break;
            pair t = *p;
            *p = *q;
            *q = t;
        }
    for (size_t i = 0; i < pairs.n; i++) report_kind(rc, &k[pairs.v[i].minor], &k[pairs.v[i].major], false, report, ctx);
    VEC_FREE(pairs);
    for (size_t i = 0; i < nk; i++) free(sk[i].sig);
    free(sk);
}

void runcons_decide(runcons *rc, runcons_report_fn report, void *ctx) {
    size_t n = rc->ent.n;
    if (!n) return;
    free(rc->order);
    rc->order = xcalloc(n, sizeof *rc->order);
    for (size_t i = 0; i < n; i++) rc->order[i] = &rc->ent.v[i];
    qsort(rc->order, n, sizeof *rc->order, by_group);
    struct { kind *v; size_t n, cap; } kinds = {0};
    for (size_t g = 0; g < n;) {
        /* a group: one rule and key */
        const entry *head = at(rc, g);
        size_t ge = g;
        while (ge < n && strcmp(at(rc, ge)->rule, head->rule) == 0 && cmp_str(at(rc, ge)->key, head->key) == 0) ge++;
        kinds.n = 0;
        for (size_t i = g; i < ge;) {
            kind k = {.first = i, .seq = at(rc, i)->seq, .nwords = 1};
            for (const char *p = at(rc, i)->text; *p; p++) k.nwords += *p == ' ';
            size_t j = i;
            while (j < ge && strcmp(at(rc, j)->text, at(rc, i)->text) == 0) {
                k.in_source = k.in_source || at(rc, j)->in_source;
                j++;
            }
            k.count = j - i;
            VEC_PUSH(kinds, k);
            i = j;
        }
        /* kinds in the order first met in the run */
        if (kinds.n > 1) qsort(kinds.v, kinds.n, sizeof *kinds.v, by_seq);
        if (head->key) decide_keyed(rc, kinds.v, kinds.n, report, ctx);
        else decide_names(rc, kinds.v, kinds.n, report, ctx);
        g = ge;
    }
    VEC_FREE(kinds);
}
