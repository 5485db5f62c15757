/* rules_cache.c - the build's answers to the rule engine's costly
 * computations (see rules_cache.h).
 *
 * The file, in the byte order of the machine that wrote it (the header
 * says which):
 *   header   magic, format, the code key, PCRE2's and ICU's versions,
 *            slot count (a power of two), file size
 *   slots    {hash, offset} per slot, open addressing, offset 0: empty
 *   records  {check, kind, opts, key length, value length}, key bytes,
 *            value bytes at the next multiple of 8
 * A record's hash covers its kind, options and key; its check covers the
 * hash and the value. A lookup compares the whole key, then the check. */
#include "rules_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include "afile.h"
#include "rcache-key.h" /* MTL_RCACHE_CODE: a hash of the library's sources, written by make */

#define RC_MAGIC "mtlrcach"
#define RC_FORMAT 2u
#define RC_ENDIAN 0x01020304u

/* The computations kept. */
enum { RC_CODE = 1, RC_CHECK, RC_QUICK, RC_NEED, RC_YAML };

typedef struct rc_header {
    char magic[8];
    uint32_t format, endian;
    char code[48], pcre2[48], icu[16];
    uint64_t nslots, size;
} rc_header;

typedef struct rc_slot {
    uint64_t h, off;
} rc_slot;

typedef struct rc_rec {
    uint64_t check;
    uint32_t kind, opts, klen, vlen;
} rc_rec;

/* A result kept by a recorder. */
typedef struct rc_kept {
    uint32_t kind, opts;
    char *key;
    size_t klen;
    unsigned char *val;
    size_t vlen;
} rc_kept;

struct rcache {
    /* reading */
    const unsigned char *map;
    size_t size;
    const rc_slot *slots;
    uint64_t nslots;
    _Atomic size_t hits, damaged;
    /* recording */
    bool recording;
    struct { rc_kept *v; size_t n, cap; } kept;
};

/* A change to any of these must change what rcache_need_put writes and
 * what rcache_need_equal compares: a field added to them fails here. */
_Static_assert(sizeof(ratom) == 2 + RATOM_MAX, "ratom changed: update rules_cache.c");
_Static_assert(sizeof(rclause) == sizeof(void *) + 3 * sizeof(size_t), "rclause changed: update rules_cache.c");
_Static_assert(sizeof(rneed) == 2 * (sizeof(void *) + 2 * sizeof(size_t)), "rneed changed: update rules_cache.c");

/* Eight bytes a step: the keys are whole rule files and alternations of
 * hundreds of entries, hashed on every lookup. */
static uint64_t mix_step(uint64_t h, const unsigned char *s) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

/* Values run to kilobytes (a compiled pattern): four lanes, so that each
 * multiply waits on its own lane rather than on the one before. */
static uint64_t mix(const void *p, size_t n, uint64_t h) {
    const unsigned char *s = p;
    h ^= n * 0x9e3779b97f4a7c15ULL;
    if (n >= 32) {
        uint64_t a = h, b = h ^ 0x243f6a8885a308d3ULL, c = h ^ 0x13198a2e03707344ULL, d = h ^ 0xa4093822299f31d0ULL;
        for (; n >= 32; s += 32, n -= 32) {
            a = mix_step(a, s);
            b = mix_step(b, s + 8);
            c = mix_step(c, s + 16);
            d = mix_step(d, s + 24);
        }
        h = a ^ (b << 16 | b >> 48) ^ (c << 32 | c >> 32) ^ (d << 48 | d >> 16);
    }
    for (; n >= 8; s += 8, n -= 8) h = mix_step(h, s);
    uint64_t w = 0;
    if (n) memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

static uint64_t key_hash(uint32_t kind, uint32_t opts, const char *key, size_t klen) {
    return mix(key, klen, (uint64_t)kind << 32 | opts);
}

static uint64_t val_check(uint64_t h, const unsigned char *val, size_t vlen) { return mix(val, vlen, h); }

static void fill_header(rc_header *h) {
    memset(h, 0, sizeof *h);
    memcpy(h->magic, RC_MAGIC, 8);
    h->format = RC_FORMAT;
    h->endian = RC_ENDIAN;
    snprintf(h->code, sizeof h->code, "%s", MTL_RCACHE_CODE);
    pcre2_config(PCRE2_CONFIG_VERSION, h->pcre2);
    snprintf(h->icu, sizeof h->icu, "%s", U_ICU_VERSION);
}

/* ---- reading ---- */

rcache *rcache_open(const char *path, rcache_status *status) {
    /* O_NONBLOCK: a FIFO in the file's place would wait for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *status = errno == ENOENT ? RCACHE_MISSING : RCACHE_DENIED;
        return NULL;
    }
    struct stat sb;
    *status = RCACHE_BAD;
    void *map = MAP_FAILED;
    if (fstat(fd, &sb) != 0) *status = RCACHE_DENIED;
    else if (!S_ISREG(sb.st_mode)) *status = RCACHE_NOT_FILE;
    else if ((size_t)sb.st_size >= sizeof(rc_header))
        map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return NULL;
    size_t size = (size_t)sb.st_size;
    rc_header want, have;
    fill_header(&want);
    memcpy(&have, map, sizeof have);
    bool ours = memcmp(have.magic, want.magic, 8) == 0 && have.endian == want.endian;
    bool same = ours && have.format == want.format && memcmp(have.code, want.code, sizeof want.code) == 0 &&
                memcmp(have.pcre2, want.pcre2, sizeof want.pcre2) == 0 &&
                memcmp(have.icu, want.icu, sizeof want.icu) == 0;
    bool fits = have.size == size && have.nslots && !(have.nslots & (have.nslots - 1)) &&
                have.nslots <= (size - sizeof have) / sizeof(rc_slot);
    if (!same || !fits) {
        *status = ours && !same ? RCACHE_STALE : RCACHE_BAD;
        munmap(map, size);
        return NULL;
    }
    rcache *c = xcalloc(1, sizeof *c);
    c->map = map;
    c->size = size;
    c->slots = (const rc_slot *)(c->map + sizeof have);
    c->nslots = have.nslots;
    *status = RCACHE_OK;
    return c;
}

/* The value kept for (kind, opts, key), or NULL; a record whose bytes do
 * not add up is counted and passed over. */
static const unsigned char *lookup(rcache *c, uint32_t kind, uint32_t opts, const char *key, size_t klen,
                                   size_t *vlen) {
    if (!c || !c->map) return NULL;
    uint64_t h = key_hash(kind, opts, key, klen);
    for (uint64_t i = h & (c->nslots - 1), probes = 0; probes < c->nslots; i = (i + 1) & (c->nslots - 1), probes++) {
        const rc_slot *s = &c->slots[i];
        if (!s->off) return NULL;
        if (s->h != h) continue;
        rc_rec rec;
        if (s->off > c->size || c->size - s->off < sizeof rec) goto damaged;
        memcpy(&rec, c->map + s->off, sizeof rec);
        if (rec.kind != kind || rec.opts != opts || rec.klen != klen) continue;
        size_t kat = s->off + sizeof rec, vat = (kat + klen + 7) & ~(size_t)7;
        if (kat + klen > c->size || vat > c->size || c->size - vat < rec.vlen) goto damaged;
        if (memcmp(c->map + kat, key, klen) != 0) continue;
        if (val_check(h, c->map + vat, rec.vlen) != rec.check) goto damaged;
        atomic_fetch_add_explicit(&c->hits, 1, memory_order_relaxed);
        *vlen = rec.vlen;
        return c->map + vat;
    damaged:
        atomic_fetch_add_explicit(&c->damaged, 1, memory_order_relaxed);
        return NULL;
    }
    return NULL;
}

/* ---- recording ---- */

rcache *rcache_recorder(void) {
    rcache *c = xcalloc(1, sizeof *c);
    c->recording = true;
    return c;
}

static void keep(rcache *c, uint32_t kind, uint32_t opts, const char *key, size_t klen, const void *val,
                 size_t vlen) {
    if (!c || !c->recording) return;
    rc_kept k = {kind, opts, xmalloc(klen ? klen : 1), klen, xmalloc(vlen ? vlen : 1), vlen};
    memcpy(k.key, key, klen);
    memcpy(k.val, val, vlen);
    VEC_PUSH(c->kept, k);
}

static void put_bytes(buf *b, const void *p, size_t n) { buf_append(b, (const char *)p, n); }

static void pad8(buf *b) {
    while (b->len & 7) buf_putc(b, '\0');
}

bool rcache_write(const rcache *c, const char *path, char *err, size_t errlen) {
    size_t nslots = 16;
    while (nslots < 2 * c->kept.n) nslots *= 2;
    rc_slot *slots = xcalloc(nslots, sizeof *slots);
    buf recs = {0};
    size_t base = sizeof(rc_header) + nslots * sizeof(rc_slot);
    for (size_t i = 0; i < c->kept.n; i++) {
        const rc_kept *k = &c->kept.v[i];
        uint64_t h = key_hash(k->kind, k->opts, k->key, k->klen);
        size_t at = h & (nslots - 1);
        bool again = false;
        for (; slots[at].off; at = (at + 1) & (nslots - 1)) {
            if (slots[at].h != h) continue;
            rc_rec o;
            memcpy(&o, recs.data + (slots[at].off - base), sizeof o);
            if (o.kind == k->kind && o.opts == k->opts && o.klen == k->klen &&
                memcmp(recs.data + (slots[at].off - base) + sizeof o, k->key, k->klen) == 0) {
                again = true; /* the same computation twice: the same answer */
                break;
            }
        }
        if (again) continue;
        slots[at] = (rc_slot){h, base + recs.len};
        rc_rec rec = {val_check(h, k->val, k->vlen), k->kind, k->opts, (uint32_t)k->klen, (uint32_t)k->vlen};
        put_bytes(&recs, &rec, sizeof rec);
        put_bytes(&recs, k->key, k->klen);
        pad8(&recs);
        put_bytes(&recs, k->val, k->vlen);
        pad8(&recs);
    }
    rc_header h;
    fill_header(&h);
    h.nslots = nslots;
    h.size = base + recs.len;
    afile *f = afile_open(path, (afile_opts){0});
    bool ok = f && afile_write(f, &h, sizeof h) && afile_write(f, slots, nslots * sizeof *slots) &&
              afile_write(f, recs.data, recs.len);
    if (f && ok) ok = afile_commit(f);
    else if (f) afile_abort(f);
    if (!ok) snprintf(err, errlen, "%s: %s", path, strerror(errno));
    free(slots);
    buf_free(&recs);
    return ok;
}

void rcache_close(rcache *c) {
    if (!c) return;
    if (c->map) munmap((void *)c->map, c->size);
    for (size_t i = 0; i < c->kept.n; i++) {
        free(c->kept.v[i].key);
        free(c->kept.v[i].val);
    }
    VEC_FREE(c->kept);
    free(c);
}

void rcache_stats(const rcache *c, size_t *hits, size_t *damaged) {
    *hits = c ? atomic_load(&c->hits) : 0;
    *damaged = c ? atomic_load(&c->damaged) : 0;
}

/* ---- the computations ---- */

pcre2_code *rcache_compile(rcache *c, const char *pat, size_t len, uint32_t opts, int *err, PCRE2_SIZE *off) {
    size_t vlen;
    const unsigned char *v = lookup(c, RC_CODE, opts, pat, len, &vlen);
    pcre2_code *code = NULL;
    /* pcre2_serialize_decode checks the bytes' own header (PCRE2's
     * version and build) too */
    if (v && pcre2_serialize_decode(&code, 1, v, NULL) == 1) return code;
    code = pcre2_compile((PCRE2_SPTR)(pat ? pat : ""), len, opts, err, off, NULL);
    if (code && c && c->recording) {
        const pcre2_code *list[1] = {code};
        uint8_t *bytes;
        PCRE2_SIZE n;
        if (pcre2_serialize_encode(list, 1, &bytes, &n, NULL) == 1) {
            keep(c, RC_CODE, opts, pat, len, bytes, n);
            pcre2_serialize_free(bytes);
        }
    }
    return code;
}

bool rcache_check(rcache *c, const char *pat, size_t len, uint32_t opts, uint32_t *groups, int *err,
                  PCRE2_SIZE *off) {
    size_t vlen;
    const unsigned char *v = lookup(c, RC_CHECK, opts, pat, len, &vlen);
    uint32_t g = 0;
    if (v && vlen == sizeof g) {
        memcpy(&g, v, sizeof g);
        if (groups) *groups = g;
        return true;
    }
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)(pat ? pat : ""), len, opts, err, off, NULL);
    if (!code) return false;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &g);
    pcre2_code_free(code);
    if (groups) *groups = g;
    keep(c, RC_CHECK, opts, pat, len, &g, sizeof g);
    return true;
}

/* Options of the need kinds: which flags the computation took. */
enum { NEED_CASELESS = 1, NEED_BOUNDED = 2 };

bool rcache_need_quick(rcache *c, const char *pat, size_t len, bool bounded, rneed *out) {
    uint32_t opts = bounded ? NEED_BOUNDED : 0;
    size_t vlen;
    const unsigned char *v = lookup(c, RC_QUICK, opts, pat, len, &vlen);
    if (v && vlen >= 1 && (v[0] == 0 ? vlen == 1 : rcache_need_get(v + 1, vlen - 1, out))) return v[0] != 0;
    bool ok = rules_need_quick(pat, len, bounded, out);
    if (c && c->recording) {
        buf b = {0};
        buf_putc(&b, ok ? 1 : 0);
        if (ok) rcache_need_put(&b, out);
        keep(c, RC_QUICK, opts, pat, len, b.data, b.len);
        buf_free(&b);
    }
    return ok;
}

void rcache_need(rcache *c, const char *pat, size_t len, bool caseless, bool bounded, rneed *out) {
    uint32_t opts = (caseless ? NEED_CASELESS : 0) | (bounded ? NEED_BOUNDED : 0);
    size_t vlen;
    const unsigned char *v = lookup(c, RC_NEED, opts, pat, len, &vlen);
    if (v && rcache_need_get(v, vlen, out)) return;
    rules_need(pat, len, caseless, bounded, out);
    if (c && c->recording) {
        buf b = {0};
        rcache_need_put(&b, out);
        keep(c, RC_NEED, opts, pat, len, b.data, b.len);
        buf_free(&b);
    }
}

/* ---- rneed, flat: u32 counts and lengths, bytes ---- */

static void put_u32(buf *b, size_t v) {
    uint32_t u = (uint32_t)v;
    put_bytes(b, &u, sizeof u);
}

void rcache_need_put(buf *b, const rneed *n) {
    put_u32(b, n->keys.n);
    for (size_t i = 0; i < n->keys.n; i++) {
        size_t l = strlen(n->keys.v[i]);
        put_u32(b, l);
        put_bytes(b, n->keys.v[i], l);
    }
    put_u32(b, n->clauses.n);
    for (size_t i = 0; i < n->clauses.n; i++) {
        const rclause *cl = &n->clauses.v[i];
        put_u32(b, cl->cost);
        put_u32(b, cl->n);
        for (size_t k = 0; k < cl->n; k++) {
            buf_putc(b, cl->v[k].word ? 1 : 0);
            buf_putc(b, (char)cl->v[k].len);
            put_bytes(b, cl->v[k].s, cl->v[k].len);
        }
    }
}

typedef struct reader {
    const unsigned char *p;
    size_t left;
    bool bad;
} reader;

static const unsigned char *take(reader *r, size_t n) {
    if (r->bad || r->left < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

static uint32_t take_u32(reader *r) {
    const unsigned char *p = take(r, 4);
    uint32_t u = 0;
    if (p) memcpy(&u, p, 4);
    return u;
}

bool rcache_need_get(const unsigned char *p, size_t len, rneed *out) {
    reader r = {p, len, false};
    memset(out, 0, sizeof *out);
    uint32_t nk = take_u32(&r);
    for (uint32_t i = 0; i < nk && !r.bad; i++) {
        uint32_t l = take_u32(&r);
        const unsigned char *s = take(&r, l);
        if (s && memchr(s, 0, l)) r.bad = true;
        if (!r.bad) VEC_PUSH(out->keys, xstrndup((const char *)s, l));
    }
    uint32_t nc = r.bad ? 0 : take_u32(&r);
    for (uint32_t i = 0; i < nc && !r.bad; i++) {
        rclause cl = {0};
        cl.cost = take_u32(&r);
        uint32_t na = take_u32(&r);
        for (uint32_t k = 0; k < na && !r.bad; k++) {
            const unsigned char *h = take(&r, 2);
            if (!h || h[0] > 1 || h[1] >= RATOM_MAX) {
                r.bad = true;
                break;
            }
            const unsigned char *s = take(&r, h[1]);
            if (!s) break;
            ratom a;
            memset(&a, 0, sizeof a);
            a.word = h[0] != 0;
            a.len = h[1];
            memcpy(a.s, s, a.len);
            VEC_PUSH(cl, a);
        }
        VEC_PUSH(out->clauses, cl);
    }
    if (r.bad || r.left) {
        rules_need_free(out);
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}

bool rcache_need_equal(const rneed *a, const rneed *b) {
    if (a->keys.n != b->keys.n || a->clauses.n != b->clauses.n) return false;
    for (size_t i = 0; i < a->keys.n; i++)
        if (strcmp(a->keys.v[i], b->keys.v[i]) != 0) return false;
    for (size_t i = 0; i < a->clauses.n; i++) {
        const rclause *x = &a->clauses.v[i], *y = &b->clauses.v[i];
        if (x->cost != y->cost || x->n != y->n) return false;
        for (size_t k = 0; k < x->n; k++)
            if (x->v[k].word != y->v[k].word || x->v[k].len != y->v[k].len ||
                memcmp(x->v[k].s, y->v[k].s, x->v[k].len) != 0)
                return false;
    }
    return true;
}

/* ---- a rule file's YAML document, flat ----
 * u32 nodes, items, pairs, flags (FLAG_*); the document's marks (each
 * three u32: index, line, column); per node
 * u32 type, tag, a, b, style and its marks (a, b: a scalar's value and
 * length, a sequence's first item and count, a mapping's first pair and
 * count); the items (u32 node ids), the pairs (two each); then the
 * strings, each followed by a NUL, at offsets from their start (tag
 * NO_STR: none). A document with %YAML or %TAG directives is not kept. */
enum { FLAG_DQ = 1, FLAG_START_IMPLICIT = 2, FLAG_END_IMPLICIT = 4 };
#define NO_STR UINT32_MAX

/* Marks in 32 bits: rule files are far smaller than 4 GB (a larger one
 * is not kept). */
static bool mark_fits(yaml_mark_t m) { return m.index < UINT32_MAX && m.line < UINT32_MAX && m.column < UINT32_MAX; }

static void put_mark(buf *b, yaml_mark_t m) {
    put_u32(b, m.index);
    put_u32(b, m.line);
    put_u32(b, m.column);
}

static uint32_t put_str(buf *strs, const unsigned char *s, size_t n) {
    if (!s) return NO_STR;
    size_t at = strs->len;
    put_bytes(strs, s, n);
    buf_putc(strs, '\0');
    return (uint32_t)at;
}

bool rcache_yaml_put(buf *b, const yaml_document_t *ydoc, bool dq_quotes) {
    if (ydoc->version_directive || ydoc->tag_directives.start != ydoc->tag_directives.end ||
        !mark_fits(ydoc->end_mark))
        return false;
    size_t nn = (size_t)(ydoc->nodes.top - ydoc->nodes.start), ni = 0, np = 0;
    for (const yaml_node_t *n = ydoc->nodes.start; n < ydoc->nodes.top; n++) {
        if (n->type == YAML_SEQUENCE_NODE) ni += (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        if (n->type == YAML_MAPPING_NODE) np += (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    }
    buf strs = {0}, items = {0}, pairs = {0};
    put_u32(b, nn);
    put_u32(b, ni);
    put_u32(b, np);
    put_u32(b, (dq_quotes ? FLAG_DQ : 0u) | (ydoc->start_implicit ? FLAG_START_IMPLICIT : 0u) |
                   (ydoc->end_implicit ? FLAG_END_IMPLICIT : 0u));
    put_mark(b, ydoc->start_mark);
    put_mark(b, ydoc->end_mark);
    for (const yaml_node_t *n = ydoc->nodes.start; n < ydoc->nodes.top; n++) {
        uint32_t a = 0, c = 0, style = 0;
        switch (n->type) {
        case YAML_SCALAR_NODE:
            a = put_str(&strs, n->data.scalar.value, n->data.scalar.length);
            c = (uint32_t)n->data.scalar.length;
            style = (uint32_t)n->data.scalar.style;
            break;
        case YAML_SEQUENCE_NODE:
            a = (uint32_t)(items.len / 4);
            c = (uint32_t)(n->data.sequence.items.top - n->data.sequence.items.start);
            for (const yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
                put_u32(&items, (size_t)*it);
            style = (uint32_t)n->data.sequence.style;
            break;
        case YAML_MAPPING_NODE:
            a = (uint32_t)(pairs.len / 8);
            c = (uint32_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
            for (const yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
                put_u32(&pairs, (size_t)pr->key);
                put_u32(&pairs, (size_t)pr->value);
            }
            style = (uint32_t)n->data.mapping.style;
            break;
        default: break;
        }
        put_u32(b, (size_t)n->type);
        put_u32(b, n->tag ? put_str(&strs, n->tag, strlen((const char *)n->tag)) : NO_STR);
        put_u32(b, a);
        put_u32(b, c);
        put_u32(b, style);
        put_mark(b, n->start_mark);
        put_mark(b, n->end_mark);
    }
    put_bytes(b, items.data, items.len);
    put_bytes(b, pairs.data, pairs.len);
    put_bytes(b, strs.data, strs.len);
    buf_free(&strs);
    buf_free(&items);
    buf_free(&pairs);
    return true;
}

static yaml_mark_t take_mark(reader *r) {
    uint32_t v[3] = {0};
    const unsigned char *p = take(r, sizeof v);
    if (p) memcpy(v, p, sizeof v);
    return (yaml_mark_t){.index = (size_t)v[0], .line = (size_t)v[1], .column = (size_t)v[2]};
}

/* The string at off of the strings s[0, n) that is len bytes long and
 * followed by its NUL, or NULL. */
static yaml_char_t *str_at(const unsigned char *s, size_t n, uint32_t off, size_t len) {
    if (off >= n || n - off <= len || s[off + len]) return NULL;
    return (yaml_char_t *)(uintptr_t)(s + off);
}

bool rcache_yaml_get(const unsigned char *p, size_t len, yaml_document_t *ydoc, bool *dq_quotes) {
    reader r = {p, len, false};
    memset(ydoc, 0, sizeof *ydoc);
    uint32_t nn = take_u32(&r), ni = take_u32(&r), np = take_u32(&r), flags = take_u32(&r);
    if (r.bad || nn > len / 44 || ni > len / 4 || np > len / 8) return false;
    ydoc->start_mark = take_mark(&r);
    ydoc->end_mark = take_mark(&r);
    ydoc->start_implicit = (flags & FLAG_START_IMPLICIT) != 0;
    ydoc->end_implicit = (flags & FLAG_END_IMPLICIT) != 0;
    /* one block: the nodes, then their items and pairs */
    size_t nodes_sz = (nn ? nn : 1) * sizeof(yaml_node_t);
    char *block = xmalloc(nodes_sz + ni * sizeof(yaml_node_item_t) + np * sizeof(yaml_node_pair_t));
    yaml_node_t *nodes = (yaml_node_t *)(void *)block;
    yaml_node_item_t *items = (yaml_node_item_t *)(void *)(block + nodes_sz);
    yaml_node_pair_t *pairs = (yaml_node_pair_t *)(void *)(items + ni);
    uint32_t raw[5];
    const unsigned char *nodes_at = take(&r, (size_t)nn * (sizeof raw + 6 * 4));
    const unsigned char *items_at = take(&r, (size_t)ni * 4), *pairs_at = take(&r, (size_t)np * 8);
    const unsigned char *strs = r.p;
    size_t nstrs = r.left;
    reader nr = {nodes_at, nodes_at ? (size_t)nn * (sizeof raw + 6 * 4) : 0, r.bad};
    for (uint32_t i = 0; i < ni && !r.bad; i++) {
        uint32_t id;
        memcpy(&id, items_at + 4 * i, 4);
        if (id < 1 || id > nn) r.bad = true;
        items[i] = (yaml_node_item_t)id;
    }
    for (uint32_t i = 0; i < np && !r.bad; i++) {
        uint32_t kv[2];
        memcpy(kv, pairs_at + 8 * i, 8);
        if (kv[0] < 1 || kv[0] > nn || kv[1] < 1 || kv[1] > nn) r.bad = true;
        pairs[i] = (yaml_node_pair_t){(int)kv[0], (int)kv[1]};
    }
    for (uint32_t i = 0; i < nn && !r.bad && !nr.bad; i++) {
        yaml_node_t *n = &nodes[i];
        memset(n, 0, sizeof *n);
        const unsigned char *rp = take(&nr, sizeof raw);
        if (!rp) break;
        memcpy(raw, rp, sizeof raw);
        n->type = (yaml_node_type_t)raw[0];
        if (raw[1] != NO_STR) {
            size_t tl = raw[1] < nstrs ? strnlen((const char *)strs + raw[1], nstrs - raw[1]) : 0;
            if (!(n->tag = str_at(strs, nstrs, raw[1], tl))) r.bad = true;
        }
        switch (n->type) {
        case YAML_SCALAR_NODE:
            n->data.scalar.value = str_at(strs, nstrs, raw[2], raw[3]);
            n->data.scalar.length = raw[3];
            n->data.scalar.style = (yaml_scalar_style_t)raw[4];
            if (!n->data.scalar.value) r.bad = true;
            break;
        case YAML_SEQUENCE_NODE:
            if (raw[2] > ni || ni - raw[2] < raw[3]) {
                r.bad = true;
                break;
            }
            n->data.sequence.items.start = items + raw[2];
            n->data.sequence.items.top = n->data.sequence.items.end = items + raw[2] + raw[3];
            n->data.sequence.style = (yaml_sequence_style_t)raw[4];
            break;
        case YAML_MAPPING_NODE:
            if (raw[2] > np || np - raw[2] < raw[3]) {
                r.bad = true;
                break;
            }
            n->data.mapping.pairs.start = pairs + raw[2];
            n->data.mapping.pairs.top = n->data.mapping.pairs.end = pairs + raw[2] + raw[3];
            n->data.mapping.style = (yaml_mapping_style_t)raw[4];
            break;
        default: r.bad = true; break;
        }
        n->start_mark = take_mark(&nr);
        n->end_mark = take_mark(&nr);
    }
    if (r.bad || nr.bad) {
        free(block);
        memset(ydoc, 0, sizeof *ydoc);
        return false;
    }
    ydoc->nodes.start = nodes;
    ydoc->nodes.top = ydoc->nodes.end = nodes + nn;
    *dq_quotes = (flags & FLAG_DQ) != 0;
    return true;
}

void rcache_yaml_free(yaml_document_t *ydoc) {
    free(ydoc->nodes.start);
    memset(ydoc, 0, sizeof *ydoc);
}

static bool same_mark(yaml_mark_t a, yaml_mark_t b) {
    return a.index == b.index && a.line == b.line && a.column == b.column;
}

static bool same_str(const yaml_char_t *a, const yaml_char_t *b) {
    return (!a && !b) || (a && b && strcmp((const char *)a, (const char *)b) == 0);
}

bool rcache_yaml_equal(const yaml_document_t *a, const yaml_document_t *b) {
    if (a->nodes.top - a->nodes.start != b->nodes.top - b->nodes.start || !a->version_directive != !b->version_directive ||
        (a->tag_directives.end - a->tag_directives.start) != (b->tag_directives.end - b->tag_directives.start) ||
        a->start_implicit != b->start_implicit || a->end_implicit != b->end_implicit ||
        !same_mark(a->start_mark, b->start_mark) || !same_mark(a->end_mark, b->end_mark))
        return false;
    for (const yaml_node_t *x = a->nodes.start, *y = b->nodes.start; x < a->nodes.top; x++, y++) {
        if (x->type != y->type || !same_str(x->tag, y->tag) || !same_mark(x->start_mark, y->start_mark) ||
            !same_mark(x->end_mark, y->end_mark))
            return false;
        switch (x->type) {
        case YAML_SCALAR_NODE:
            if (x->data.scalar.length != y->data.scalar.length || x->data.scalar.style != y->data.scalar.style ||
                memcmp(x->data.scalar.value, y->data.scalar.value, x->data.scalar.length) != 0)
                return false;
            break;
        case YAML_SEQUENCE_NODE: {
            ptrdiff_t n = x->data.sequence.items.top - x->data.sequence.items.start;
            if (x->data.sequence.style != y->data.sequence.style ||
                n != y->data.sequence.items.top - y->data.sequence.items.start ||
                (n && memcmp(x->data.sequence.items.start, y->data.sequence.items.start, (size_t)n * sizeof(int)) != 0))
                return false;
            break;
        }
        case YAML_MAPPING_NODE: {
            ptrdiff_t n = x->data.mapping.pairs.top - x->data.mapping.pairs.start;
            if (x->data.mapping.style != y->data.mapping.style ||
                n != y->data.mapping.pairs.top - y->data.mapping.pairs.start ||
                (n && memcmp(x->data.mapping.pairs.start, y->data.mapping.pairs.start,
                             (size_t)n * sizeof(yaml_node_pair_t)) != 0))
                return false;
            break;
        }
        default: break;
        }
    }
    return true;
}

bool rcache_yaml(rcache *c, const char *text, size_t len, yaml_document_t *ydoc, bool *dq_quotes) {
    size_t vlen;
    const unsigned char *v = lookup(c, RC_YAML, 0, text, len, &vlen);
    return v && rcache_yaml_get(v, vlen, ydoc, dq_quotes);
}

void rcache_yaml_keep(rcache *c, const char *text, size_t len, const yaml_document_t *ydoc, bool dq_quotes) {
    if (!c || !c->recording) return;
    buf b = {0};
    if (rcache_yaml_put(&b, ydoc, dq_quotes)) keep(c, RC_YAML, 0, text, len, b.data, b.len);
    buf_free(&b);
}
