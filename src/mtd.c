/* mtd.c - compiled dictionaries: the file format, its reader and its
 * writer (see mtd.h). */
#include "mtd.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "afile.h"
#include "util.h"

#define MTD_MAGIC "MTLDICT"
#define MTD_VERSION 3u
#define MTD_ENDIAN 0x01020304u

/* The source files' identity: compiled from these bytes, or stale. */
typedef struct mtd_stamp {
    int64_t size, mtime_sec, mtime_nsec;
} mtd_stamp;

/* The forms are kept in one table per case class of the word (see
 * case_class): a lookup reads only the table of its word's class, so the
 * pages of a run's lower-case words (most of them) stay few. The last
 * table holds the dictionary's entries (mtd_is_entry). */
enum { CLASS_LOWER, CLASS_INITIAL, CLASS_OTHER, NCLASSES, TABLE_KEYS = NCLASSES, NTABLES };

typedef struct mtd_table_header {
    uint64_t nslots;              /* a power of two */
    uint64_t slots_off, pool_off, pool_len;
    uint64_t filter_off, filter_blocks; /* the table's filter (below); 0 blocks: none */
} mtd_table_header;

/* Each table has a filter of its forms, a Bloom filter of 64-byte blocks
 * (one cache line, one page: a probe touches one of each) with about ten
 * bits a form and six bits a probe, wrong for some 1.5% of the absent
 * words. It serves the lookups made by reading the file (below): most
 * words asked of a rarely asked table (the other dialect, the large word
 * lists) are names it lacks, and the filter says so from memory instead
 * of a read. The filters lie together after the tables, so that the
 * pages the kernel maps around a filter's page are filter pages. */
enum { FILTER_BLOCK_BITS = 512, FILTER_BITS_PER_FORM = 10, FILTER_PROBES = 6 };

/* The block of hash hv among n, and its probe bits from a second mix of
 * hv (the slots take its low and high halves). */
static inline uint64_t filter_block(uint64_t hv, uint64_t n) {
    return (uint64_t)(((unsigned __int128)(hv * 0x9E3779B97F4A7C15ULL) * n) >> 64);
}

static inline uint64_t filter_bits(uint64_t hv) {
    uint64_t x = (hv ^ (hv >> 31)) * 0xBF58476D1CE4E5B9ULL;
    return x ^ (x >> 29);
}

static void filter_set(uint64_t *f, uint64_t nblocks, uint64_t hv) {
    uint64_t *blk = f + filter_block(hv, nblocks) * (FILTER_BLOCK_BITS / 64), b = filter_bits(hv);
    for (int k = 0; k < FILTER_PROBES; k++, b >>= 9) blk[(b & 511) >> 6] |= 1ULL << (b & 63);
}

static bool filter_may_have(const uint64_t *f, uint64_t nblocks, uint64_t hv) {
    const uint64_t *blk = f + filter_block(hv, nblocks) * (FILTER_BLOCK_BITS / 64);
    uint64_t b = filter_bits(hv);
    for (int k = 0; k < FILTER_PROBES; k++, b >>= 9)
        if (!(blk[(b & 511) >> 6] & (1ULL << (b & 63)))) return false;
    return true;
}

typedef struct mtd_header {
    char magic[8];
    uint32_t version, endian;
    uint64_t hash_check;          /* hash_bytes of a fixed string: the same hash function */
    mtd_stamp aff, dic;
    uint32_t flags, nforms;
    uint64_t subs_off, subs_len;  /* NUL-terminated substrings making a word "maybe" */
    uint64_t pre_off, pre_len;    /* NUL-terminated prefixes making a word "maybe" */
    mtd_table_header t[NTABLES];
    uint64_t file_size;
} mtd_header;

typedef struct mtd_slot {
    uint32_t tag;                 /* high half of the hash */
    uint32_t off;                 /* pool offset of [length byte][bytes]; 0: empty */
} mtd_slot;

static const char hash_probe[] = "mtlint compiled dictionary";

/* One hash table of the file. */
typedef struct mtd_table {
    const mtd_slot *slots;
    uint64_t mask;
    const unsigned char *pool;
    uint64_t pool_len;
    uint64_t slots_off, pool_off; /* the same, as file offsets (pread) */
    const uint64_t *filter;       /* NULL: none */
    uint64_t filter_blocks;
} mtd_table;

/* The first lookups of a table read the file (pread) instead of its
 * mapping. Every page fault on a file mapping also maps the cached pages
 * around it (the kernel's fault-around, 64 KB, which MADV_RANDOM does not
 * stop), so a lookup through the mapping adds up to 128 KB to the
 * process's memory: a table probed a few thousand times (the other
 * dialect, the SCOWL list) would count nearly whole. A read costs about a
 * microsecond, a little less than a fault; once a table has had this many
 * lookups it is busy enough for its pages to be worth mapping. */
#define MTD_READ_LOOKUPS 4096

/* A file this small is mapped from its first lookup: all of its pages
 * cost less memory than a busy table's, and reads would cost a system
 * call for each of the thousands of lookups a run makes (the dialect
 * variant tables, 0.7 MB, are asked about every lower-case word). */
#define MTD_MAP_SMALL ((size_t)2 << 20)

struct mtd {
    /* one mapping per file per process, shared by every engine (-j
     * workers each open their own): the table is read-only, and a second
     * mapping would count its pages twice */
    struct mtd *next;
    char *path;
    dev_t dev;
    ino_t ino;
    size_t refs;                  /* under shared_mu */
    void *map;
    size_t size;
    int fd;                       /* the file, for the first lookups */
    /* lookups made through reads, all threads; from MTD_READ_LOOKUPS on,
     * no lookup writes it again */
    atomic_size_t lookups;
    atomic_size_t unmapped;       /* lookups made without the mapping (mtd_stats) */
    atomic_size_t filtered;       /* of those, the ones the filter answered */
    atomic_bool absent;           /* mtd_expect_absent */
    const mtd_header *h;
    mtd_table t[NTABLES];
    /* What makes a word the table lacks "maybe", taken apart at open for
     * the lookups of words that are no form (the most frequent kind of
     * lookup after a hit): byte sets for the single bytes, and the
     * longer strings with their lengths. */
    uint8_t byte_flags[256];      /* BYTE_MAYBE, BYTE_SUB, BYTE_PRE */
    bool pre_empty;               /* an empty prefix: every word */
    struct maybe_str {
        const char *s;
        size_t len;
    } *subs, *pre;                /* the longer substrings and prefixes */
    size_t nsubs, npre;
};

enum {
    BYTE_MAYBE = 1, /* a single-byte substring */
    BYTE_SUB = 2,   /* the first byte of a longer substring */
    BYTE_PRE = 4,   /* a single-byte prefix */
};

static bool stamp_of(const char *path, mtd_stamp *s) {
    struct stat st;
    if (stat(path, &st) != 0) return false;
    *s = (mtd_stamp){(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_mtim.tv_nsec};
    return true;
}

static bool stamp_eq(const mtd_stamp *a, const mtd_stamp *b) {
    return a->size == b->size && a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

static bool in_file(uint64_t off, uint64_t len, size_t size) { return off <= size && len <= size - off; }

static bool table_ok(const mtd_table_header *t, size_t size) {
    return t->slots_off % 8 == 0 && t->nslots && !(t->nslots & (t->nslots - 1)) &&
           t->nslots <= size / sizeof(mtd_slot) && in_file(t->slots_off, t->nslots * sizeof(mtd_slot), size) &&
           in_file(t->pool_off, t->pool_len, size) && t->pool_len <= UINT32_MAX && t->filter_off % 8 == 0 &&
           t->filter_blocks <= size / (FILTER_BLOCK_BITS / 8) &&
           in_file(t->filter_off, t->filter_blocks * (FILTER_BLOCK_BITS / 8), size);
}

/* apart, so that the ASCII path saves no registers for it */
static __attribute__((noinline)) unsigned case_class_utf8(const char *w, size_t n);

/* Whether ASCII w[0..n) has a capital (1) or not (0); -1 when it is not
 * ASCII. Eight bytes at a time (ascii_upper8; loads that overlap at the
 * end). */
static int ascii_caps(const char *w, size_t n) {
    if (n < 8) {
        bool caps = false;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)w[i];
            if (c >= 0x80) return -1;
            caps |= ascii_isupper(c);
        }
        return caps;
    }
    uint64_t hi = 0, caps = 0;
    for (size_t i = 0;; i += 8) {
        if (i + 8 > n) i = n - 8;
        uint64_t x;
        memcpy(&x, w + i, 8);
        hi |= x & UINT64_C(0x8080808080808080);
        caps |= ascii_upper8(x);
        if (i + 8 == n) break;
    }
    return hi ? -1 : caps != 0;
}

/* The case class of a word: no upper-case letter, an upper-case first
 * letter only, or anything else. */
static unsigned case_class(const char *w, size_t n) {
    /* ASCII, nearly every word, without the decoder: the class is whether
     * the first letter is a capital and whether any other is */
    int rest = n ? ascii_caps(w + 1, n - 1) : 0;
    if (rest >= 0 && (n == 0 || (unsigned char)w[0] < 0x80))
        return rest ? CLASS_OTHER : n && ascii_isupper((unsigned char)w[0]) ? CLASS_INITIAL : CLASS_LOWER;
    return case_class_utf8(w, n);
}

static unsigned case_class_utf8(const char *w, size_t n) {
    size_t upper = 0;
    bool first = false;
    for (int32_t i = 0, len = (int32_t)n; i < len;) {
        int32_t at = i;
        UChar32 c;
        if ((unsigned char)w[i] < 0x80) {
            c = (unsigned char)w[i++];
            if (c < 'A' || c > 'Z') continue;
        } else {
            U8_NEXT(w, i, len, c);
            if (c < 0 || !u_isupper(c)) continue;
        }
        upper++;
        first |= at == 0;
    }
    return upper == 0 ? CLASS_LOWER : upper == 1 && first ? CLASS_INITIAL : CLASS_OTHER;
}

unsigned mtd_case_class(const char *w, size_t n) { return case_class(w, n); }

/* Splits a NUL-terminated list into pointers. */
static size_t split_list(const char *p, size_t len, const char ***out) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += p[i] == '\0';
    const char **v = xcalloc(n ? n : 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < len && k < n; k++) {
        v[k] = p + i;
        i += strlen(p + i) + 1;
    }
    *out = v;
    return n;
}

static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;
static mtd *shared; /* the tables open in this process */

static bool stamps_match(const mtd_header *h, const char *aff, const char *dic) {
    mtd_stamp sa, sd;
    return stamp_of(aff, &sa) && stamp_of(dic, &sd) && stamp_eq(&sa, &h->aff) && stamp_eq(&sd, &h->dic);
}

/* The table of path already open in this process, as the same file (its
 * inode), compiled from these sources; with one more user. */
static mtd *shared_find(const char *path, const char *aff, const char *dic) {
    struct stat fs;
    if (stat(path, &fs) != 0) return NULL;
    for (mtd *m = shared; m; m = m->next)
        if (strcmp(m->path, path) == 0 && m->dev == fs.st_dev && m->ino == fs.st_ino &&
            m->size == (size_t)fs.st_size && stamps_match(m->h, aff, dic)) {
            m->refs++;
            return m;
        }
    return NULL;
}

static mtd *open_map(const char *path, const char *aff, const char *dic, mtd_status *st);

mtd *mtd_open(const char *path, const char *aff, const char *dic, mtd_status *st) {
    pthread_mutex_lock(&shared_mu);
    mtd *m = shared_find(path, aff, dic);
    if (m) {
        *st = MTD_OK;
    } else if ((m = open_map(path, aff, dic, st)) != NULL) {
        m->refs = 1;
        m->next = shared;
        shared = m;
    }
    pthread_mutex_unlock(&shared_mu);
    return m;
}

static mtd *open_map(const char *path, const char *aff, const char *dic, mtd_status *st) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *st = errno == ENOENT ? MTD_MISSING : MTD_BAD;
        return NULL;
    }
    struct stat fs;
    void *map = MAP_FAILED;
    if (fstat(fd, &fs) == 0 && (size_t)fs.st_size >= sizeof(mtd_header))
        map = mmap(NULL, (size_t)fs.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        close(fd);
        *st = MTD_BAD;
        return NULL;
    }
    size_t size = (size_t)fs.st_size;
    /* Lookups land anywhere in the table: no read-ahead around them,
     * which would fill memory with pages no lookup reads. */
    madvise(map, size, MADV_RANDOM);
    const mtd_header *h = map;
    *st = MTD_OK;
    bool ours = memcmp(h->magic, MTD_MAGIC, sizeof MTD_MAGIC) == 0;
    if (ours && h->version != MTD_VERSION)
        *st = MTD_OTHER_FORMAT;
    else if (!ours || h->endian != MTD_ENDIAN || h->hash_check != hash_bytes(hash_probe, sizeof hash_probe - 1) ||
        h->file_size != size || !in_file(h->subs_off, h->subs_len, size) ||
        !in_file(h->pre_off, h->pre_len, size) || !table_ok(&h->t[0], size) || !table_ok(&h->t[1], size) ||
        !table_ok(&h->t[2], size) || !table_ok(&h->t[3], size) ||
        (h->subs_len && ((const char *)map)[h->subs_off + h->subs_len - 1]) ||
        (h->pre_len && ((const char *)map)[h->pre_off + h->pre_len - 1]))
        *st = MTD_BAD;
    else if (!stamps_match(h, aff, dic))
        *st = MTD_STALE;
    if (*st != MTD_OK) {
        munmap(map, size);
        close(fd);
        return NULL;
    }
    mtd *m = xcalloc(1, sizeof *m);
    m->fd = fd;
    atomic_init(&m->lookups, size <= MTD_MAP_SMALL ? MTD_READ_LOOKUPS : 0);
    atomic_init(&m->unmapped, 0);
    atomic_init(&m->filtered, 0);
    atomic_init(&m->absent, false);
    m->path = xstrdup(path);
    m->dev = fs.st_dev;
    m->ino = fs.st_ino;
    m->map = map;
    m->size = size;
    m->h = h;
    for (size_t i = 0; i < NTABLES; i++)
        /* slots_off was checked to be a multiple of 8 (table_ok) */
        m->t[i] = (mtd_table){(const void *)((const char *)map + h->t[i].slots_off), h->t[i].nslots - 1,
                              (const unsigned char *)map + h->t[i].pool_off, h->t[i].pool_len,
                              h->t[i].slots_off, h->t[i].pool_off,
                              h->t[i].filter_blocks ? (const void *)((const char *)map + h->t[i].filter_off) : NULL,
                              h->t[i].filter_blocks};
    const char **list;
    size_t ns = split_list((const char *)map + h->subs_off, h->subs_len, &list);
    m->subs = xcalloc(ns ? ns : 1, sizeof *m->subs);
    for (size_t i = 0; i < ns; i++) {
        size_t len = strlen(list[i]);
        if (len == 1) {
            m->byte_flags[(unsigned char)list[i][0]] |= BYTE_MAYBE;
        } else if (len) { /* an empty substring is none (memmem would find it anywhere) */
            m->byte_flags[(unsigned char)list[i][0]] |= BYTE_SUB;
            m->subs[m->nsubs++] = (struct maybe_str){list[i], len};
        }
    }
    free(list);
    size_t np = split_list((const char *)map + h->pre_off, h->pre_len, &list);
    m->pre = xcalloc(np ? np : 1, sizeof *m->pre);
    for (size_t i = 0; i < np; i++) {
        size_t len = strlen(list[i]);
        if (len == 0) m->pre_empty = true;
        else if (len == 1) m->byte_flags[(unsigned char)list[i][0]] |= BYTE_PRE;
        else m->pre[m->npre++] = (struct maybe_str){list[i], len};
    }
    free(list);
    return m;
}

void mtd_close(mtd *m) {
    if (!m) return;
    pthread_mutex_lock(&shared_mu);
    bool last = --m->refs == 0;
    for (mtd **p = &shared; last && *p; p = &(*p)->next)
        if (*p == m) {
            *p = m->next;
            break;
        }
    pthread_mutex_unlock(&shared_mu);
    if (!last) return;
    free(m->path);
    munmap(m->map, m->size);
    close(m->fd);
    free(m->subs);
    free(m->pre);
    free(m);
}

size_t mtd_forms(const mtd *m) { return m->h->nforms; }

void mtd_get_stats(const mtd *m, mtd_stats *st) {
    st->unmapped = atomic_load_explicit(&m->unmapped, memory_order_relaxed);
    st->filtered = atomic_load_explicit(&m->filtered, memory_order_relaxed);
}

void mtd_expect_busy(mtd *m) {
    if (m) atomic_store_explicit(&m->lookups, MTD_READ_LOOKUPS, memory_order_relaxed);
}

void mtd_expect_absent(mtd *m) {
    if (m) atomic_store_explicit(&m->absent, true, memory_order_relaxed);
}

/* Whether a lookup in t asks its filter before its slots
 * (mtd_expect_absent). */
static bool filter_first(const mtd *m, const mtd_table *t) {
    return t->filter && atomic_load_explicit(&m->absent, memory_order_relaxed);
}

static bool mapped_has(const mtd_table *t, const char *w, size_t n, uint64_t hv) {
    uint32_t tag = (uint32_t)(hv >> 32);
    /* never full: a probe ends at an empty slot */
    for (uint64_t j = hv & t->mask;; j = (j + 1) & t->mask) {
        const mtd_slot *s = &t->slots[j];
        if (!s->off) return false;
        if (s->tag != tag || s->off >= t->pool_len) continue;
        const unsigned char *e = t->pool + s->off;
        if (e[0] == n && s->off + 1 + n <= t->pool_len && memcmp(e + 1, w, n) == 0) return true;
    }
}

static bool read_at(int fd, void *to, size_t len, uint64_t off) {
    for (size_t got = 0; got < len;) {
        ssize_t r = pread(fd, (char *)to + got, len - got, (off_t)(off + got));
        if (r <= 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        got += (size_t)r;
    }
    return true;
}

/* The same lookup through reads: the slots a run of probes needs, eight
 * at a time, then the candidate's string. 1 when found, 0 when not, -1
 * when the file could not be read (the mapping answers then). */
static int read_has(const mtd *m, const mtd_table *t, const char *w, size_t n, uint64_t hv) {
    uint32_t tag = (uint32_t)(hv >> 32);
    mtd_slot run[8];
    unsigned char e[256];
    for (uint64_t j = hv & t->mask;;) {
        uint64_t k = t->mask + 1 - j < 8 ? t->mask + 1 - j : 8; /* not past the table's end */
        if (!read_at(m->fd, run, k * sizeof *run, t->slots_off + j * sizeof *run)) return -1;
        for (uint64_t i = 0; i < k; i++) {
            const mtd_slot *s = &run[i];
            if (!s->off) return 0;
            if (s->tag != tag || s->off >= t->pool_len || s->off + 1 + n > t->pool_len) continue;
            if (!read_at(m->fd, e, 1 + n, t->pool_off + s->off)) return -1;
            if (e[0] == n && memcmp(e + 1, w, n) == 0) return 1;
        }
        j = (j + k) & t->mask;
    }
}

static bool table_has(const mtd *m, const mtd_table *t, const char *w, size_t n) {
    if (n > 255) return false;
    uint64_t hv = hash_bytes(w, n);
    /* The counter is the one field lookups change (the struct itself is
     * heap memory, never const). It is read before it is counted up: a
     * write to it would take its cache line from every other thread's
     * cache, at each lookup of a busy table. */
    atomic_size_t *count = (atomic_size_t *)&m->lookups;
    if (atomic_load_explicit(count, memory_order_relaxed) < MTD_READ_LOOKUPS &&
        atomic_fetch_add_explicit(count, 1, memory_order_relaxed) < MTD_READ_LOOKUPS) {
        atomic_fetch_add_explicit(&((mtd *)m)->unmapped, 1, memory_order_relaxed);
        if (t->filter && !filter_may_have(t->filter, t->filter_blocks, hv)) {
            atomic_fetch_add_explicit(&((mtd *)m)->filtered, 1, memory_order_relaxed);
            return false;
        }
        int r = read_has(m, t, w, n, hv);
        if (r >= 0) return r;
    }
    if (filter_first(m, t) && !filter_may_have(t->filter, t->filter_blocks, hv)) return false;
    return mapped_has(t, w, n, hv);
}

void mtd_prefetch(const mtd *m, const char *w, size_t n) {
    if (n > 255 || atomic_load_explicit(&m->lookups, memory_order_relaxed) < MTD_READ_LOOKUPS) return;
    const mtd_table *t = &m->t[case_class(w, n)];
    uint64_t hv = hash_bytes(w, n);
    if (filter_first(m, t))
        __builtin_prefetch(t->filter + filter_block(hv, t->filter_blocks) * (FILTER_BLOCK_BITS / 64));
    else
        __builtin_prefetch(&t->slots[hv & t->mask]);
}

bool mtd_is_entry(const mtd *m, const char *w, size_t n) { return table_has(m, &m->t[TABLE_KEYS], w, n); }

mtd_case mtd_case_type(const char *w, size_t n) {
    int32_t i = 0, len = (int32_t)n;
    size_t nc = 0, ncap = 0, nneutral = 0;
    bool firstcap = false;
    while (i < len) {
        UChar32 c;
        U8_NEXT(w, i, len, c);
        if (c < 0) return MTD_CASE_BAD;
        bool up = u_tolower(c) != c;
        if (nc == 0) firstcap = up;
        ncap += up;
        nneutral += u_tolower(c) == u_toupper(c);
        nc++;
    }
    if (ncap == 0) return MTD_NOCAP;
    if (ncap == 1 && firstcap) return MTD_INITCAP;
    if (ncap == nc || ncap + nneutral == nc) return MTD_ALLCAP;
    return MTD_MIXEDCAP;
}

/* Whether Hunspell's capitalisation type of w is "all capitals" (every
 * letter that has a lower case is upper case, neutral characters aside)
 * or "initial capital" (only the first). Hunspell leaves such a word in
 * the form first capital + lower case once its case checks fail, and that
 * is the form it splits at break points. Returns the length of that
 * form in out, or 0 when w keeps its own form. */
static size_t split_form(const char *w, size_t n, char *out, size_t cap) {
    /* an initial capital is that form already */
    if (mtd_case_type(w, n) != MTD_ALLCAP) return 0;
    int32_t len = (int32_t)n;
    size_t k = 0;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U8_NEXT(w, i, len, c);
        if (k + 4 > cap) return 0;
        UChar32 t = k == 0 ? u_toupper(c) : u_tolower(c);
        U8_APPEND_UNSAFE(out, k, t);
    }
    return k;
}

static mtd_verdict v_and(mtd_verdict a, mtd_verdict b) {
    return a == MTD_NO || b == MTD_NO ? MTD_NO : a == MTD_YES && b == MTD_YES ? MTD_YES : MTD_MAYBE;
}

static mtd_verdict v_or(mtd_verdict a, mtd_verdict b) {
    return a == MTD_YES || b == MTD_YES ? MTD_YES : a == MTD_NO && b == MTD_NO ? MTD_NO : MTD_MAYBE;
}

/* Both sides of the hyphen at w[i]. */
static mtd_verdict halves(const mtd *m, const mtd_builder *extra, const char *w, size_t n, size_t i) {
    mtd_verdict right = mtd_check(m, extra, w + i + 1, n - i - 1);
    return right == MTD_NO ? MTD_NO : v_and(right, mtd_check(m, extra, w, i));
}

/* Hunspell's last resort for a word it does not know, with its default
 * break points: split it at a hyphen and accept it when both sides are
 * words. Hunspell 1.7 tries the second hyphen of the word (the first when
 * there is one), then the first; a hyphen at either end, ten or more, or
 * the literal patterns "^-" and "-$" are left to Hunspell. The verdict is
 * three-valued: "maybe" on one side gives "maybe" unless the other side
 * is "no". */
static mtd_verdict split_at_dash(const mtd *m, const mtd_builder *extra, const char *w, size_t n) {
    /* the case of letters moves no '-', '^' or '$': most words have none */
    if (!memchr(w, '-', n)) return memchr(w, '^', n) || memchr(w, '$', n) ? MTD_MAYBE : MTD_NO;
    char form[1100];
    size_t k = n < 256 ? split_form(w, n, form, sizeof form) : 0;
    if (k) {
        w = form;
        n = k;
    }
    size_t dashes = 0, first = 0, second = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '^' || w[i] == '$') return MTD_MAYBE;
        if (w[i] != '-') continue;
        if (dashes == 0) first = i;
        if (dashes == 1) second = i;
        dashes++;
    }
    if (dashes == 0) return MTD_NO;
    if (first == 0 || w[n - 1] == '-' || dashes >= 10) return MTD_MAYBE;
    mtd_verdict v = halves(m, extra, w, n, dashes > 1 ? second : first);
    return dashes > 1 ? v_or(v, halves(m, extra, w, n, first)) : v;
}

mtd_verdict mtd_check(const mtd *m, const mtd_builder *extra, const char *w, size_t n) {
    if (table_has(m, &m->t[case_class(w, n)], w, n) || (extra && mtd_builder_has(extra, w, n))) return MTD_YES;
    if (m->h->flags & MTD_ALL_MAYBE) return MTD_MAYBE;
    unsigned flags = 0;
    for (size_t i = 0; i < n; i++) flags |= m->byte_flags[(unsigned char)w[i]];
    if (flags & BYTE_MAYBE) return MTD_MAYBE;
    for (size_t i = 0; flags & BYTE_SUB && i < m->nsubs; i++)
        if (m->subs[i].len <= n && memmem(w, n, m->subs[i].s, m->subs[i].len)) return MTD_MAYBE;
    if (m->pre_empty || (n && m->byte_flags[(unsigned char)w[0]] & BYTE_PRE)) return MTD_MAYBE;
    for (size_t i = 0; i < m->npre; i++)
        if (m->pre[i].len <= n && w[0] == m->pre[i].s[0] && memcmp(w, m->pre[i].s, m->pre[i].len) == 0)
            return MTD_MAYBE;
    return m->h->flags & MTD_BREAK_DASH ? split_at_dash(m, extra, w, n) : MTD_NO;
}

/* ---- the builder ---- */

struct mtd_builder {
    mtd_slot *slots;
    size_t cap, used;
    buf pool;
    buf subs, pre;
    uint32_t flags;
};

mtd_builder *mtd_builder_new(void) {
    mtd_builder *b = xcalloc(1, sizeof *b);
    b->cap = 1024;
    b->slots = xcalloc(b->cap, sizeof *b->slots);
    buf_append(&b->pool, "", 1); /* offset 0 means empty */
    return b;
}

void mtd_builder_free(mtd_builder *b) {
    if (!b) return;
    free(b->slots);
    buf_free(&b->pool);
    buf_free(&b->subs);
    buf_free(&b->pre);
    free(b);
}

static mtd_slot *builder_slot(const mtd_builder *b, const char *w, size_t n, uint64_t hv) {
    uint32_t tag = (uint32_t)(hv >> 32);
    size_t mask = b->cap - 1;
    for (size_t j = hv & mask;; j = (j + 1) & mask) {
        mtd_slot *s = &b->slots[j];
        if (!s->off) return s;
        const unsigned char *e = (const unsigned char *)b->pool.data + s->off;
        if (s->tag == tag && e[0] == n && memcmp(e + 1, w, n) == 0) return s;
    }
}

bool mtd_builder_has(const mtd_builder *b, const char *w, size_t n) {
    return n <= 255 && builder_slot(b, w, n, hash_bytes(w, n))->off != 0;
}

size_t mtd_builder_count(const mtd_builder *b) { return b->used; }

static void builder_grow(mtd_builder *b) {
    mtd_slot *old = b->slots;
    size_t ocap = b->cap;
    b->cap *= 2;
    b->slots = xcalloc(b->cap, sizeof *b->slots);
    for (size_t i = 0; i < ocap; i++) {
        if (!old[i].off) continue;
        const unsigned char *e = (const unsigned char *)b->pool.data + old[i].off;
        *builder_slot(b, (const char *)e + 1, e[0], hash_bytes(e + 1, e[0])) = old[i];
    }
    free(old);
}

bool mtd_builder_add(mtd_builder *b, const char *w, size_t n) {
    if (n == 0 || n > 255 || b->pool.len + n + 1 > UINT32_MAX) return false;
    uint64_t hv = hash_bytes(w, n);
    mtd_slot *s = builder_slot(b, w, n, hv);
    if (s->off) return true;
    if ((b->used + 1) * 2 > b->cap) {
        builder_grow(b);
        s = builder_slot(b, w, n, hv);
    }
    s->tag = (uint32_t)(hv >> 32);
    s->off = (uint32_t)b->pool.len;
    unsigned char len = (unsigned char)n;
    buf_append(&b->pool, &len, 1);
    buf_append(&b->pool, w, n);
    b->used++;
    return true;
}

static void list_add(buf *l, const char *s) {
    for (size_t i = 0; i < l->len; i += strlen(l->data + i) + 1)
        if (strcmp(l->data + i, s) == 0) return;
    buf_append(l, s, strlen(s) + 1);
}

void mtd_builder_maybe_substr(mtd_builder *b, const char *s) {
    if (*s) list_add(&b->subs, s);
}

void mtd_builder_maybe_prefix(mtd_builder *b, const char *s) {
    if (*s) list_add(&b->pre, s);
}

void mtd_builder_set_flags(mtd_builder *b, uint32_t flags) { b->flags = flags; }


/* One table as the reader probes it, with its own pool: sized now, at
 * most two thirds full (a probe then reads five slots on average for an
 * absent word, in one or two cache lines). */
typedef struct final_table {
    mtd_slot *slots;
    size_t nslots;
    buf pool;
    uint64_t *filter;
    size_t filter_blocks;
} final_table;

static void final_add(final_table *t, const unsigned char *e, uint32_t tag) {
    uint64_t hv = hash_bytes(e + 1, e[0]);
    size_t j = hv & (t->nslots - 1);
    while (t->slots[j].off) j = (j + 1) & (t->nslots - 1);
    t->slots[j] = (mtd_slot){tag, (uint32_t)t->pool.len};
    buf_append(&t->pool, e, 1 + (size_t)e[0]);
    filter_set(t->filter, t->filter_blocks, hv);
}

/* The words of b in the tables of their case classes (keys_only: all in
 * table TABLE_KEYS, which the others leave empty). */
static void final_tables(const mtd_builder *b, final_table *t, bool keys_only) {
    size_t count[NTABLES] = {0};
    for (size_t i = 0; i < b->cap; i++) {
        if (!b->slots[i].off) continue;
        const unsigned char *e = (const unsigned char *)b->pool.data + b->slots[i].off;
        count[keys_only ? TABLE_KEYS : case_class((const char *)e + 1, e[0])]++;
    }
    for (size_t k = 0; k < NTABLES; k++) {
        if (keys_only != (k == TABLE_KEYS)) continue;
        t[k].nslots = 64;
        while (t[k].nslots < count[k] + count[k] / 2) t[k].nslots *= 2;
        t[k].slots = xcalloc(t[k].nslots, sizeof *t[k].slots);
        t[k].filter_blocks = (count[k] * FILTER_BITS_PER_FORM + FILTER_BLOCK_BITS - 1) / FILTER_BLOCK_BITS;
        if (!t[k].filter_blocks) t[k].filter_blocks = 1;
        t[k].filter = xcalloc(t[k].filter_blocks, FILTER_BLOCK_BITS / 8);
        buf_append(&t[k].pool, "", 1); /* offset 0 means empty */
    }
    for (size_t i = 0; i < b->cap; i++) {
        if (!b->slots[i].off) continue;
        const unsigned char *e = (const unsigned char *)b->pool.data + b->slots[i].off;
        final_add(&t[keys_only ? TABLE_KEYS : case_class((const char *)e + 1, e[0])], e, b->slots[i].tag);
    }
}

static uint64_t align8(uint64_t x) { return (x + 7) / 8 * 8; }

bool mtd_builder_write(mtd_builder *b, const mtd_builder *keys, const char *path, const char *aff,
                       const char *dic, char *err, size_t errlen) {
    mtd_header h = {.version = MTD_VERSION, .endian = MTD_ENDIAN, .flags = b->flags, .nforms = (uint32_t)b->used};
    memcpy(h.magic, MTD_MAGIC, sizeof MTD_MAGIC);
    h.hash_check = hash_bytes(hash_probe, sizeof hash_probe - 1);
    if (!stamp_of(aff, &h.aff) || !stamp_of(dic, &h.dic)) {
        snprintf(err, errlen, "cannot stat %s or %s: %s", aff, dic, strerror(errno));
        return false;
    }
    final_table t[NTABLES] = {0};
    final_tables(b, t, false);
    final_tables(keys, t, true);
    h.subs_off = sizeof h;
    h.subs_len = b->subs.len;
    h.pre_off = h.subs_off + h.subs_len;
    h.pre_len = b->pre.len;
    uint64_t at = h.pre_off + h.pre_len;
    for (size_t k = 0; k < NTABLES; k++) {
        h.t[k].nslots = t[k].nslots;
        h.t[k].slots_off = align8(at);
        h.t[k].pool_off = h.t[k].slots_off + t[k].nslots * sizeof(mtd_slot);
        h.t[k].pool_len = t[k].pool.len;
        at = h.t[k].pool_off + h.t[k].pool_len;
    }
    at = (at + 4095) / 4096 * 4096; /* the filters from a page of their own */
    uint64_t filters_off = at;
    for (size_t k = 0; k < NTABLES; k++) {
        h.t[k].filter_off = at;
        h.t[k].filter_blocks = t[k].filter_blocks;
        at += t[k].filter_blocks * (FILTER_BLOCK_BITS / 8);
    }
    h.file_size = at;
    static const char zeros[4096]; /* the padding before a table and before the filters */
    afile *f = afile_open(path, (afile_opts){0});
    bool ok = f && afile_write(f, &h, sizeof h) && afile_write(f, b->subs.data, b->subs.len) &&
              afile_write(f, b->pre.data, b->pre.len);
    at = h.pre_off + h.pre_len;
    for (size_t k = 0; k < NTABLES && ok; k++) {
        ok = afile_write(f, zeros, h.t[k].slots_off - at) &&
             afile_write(f, t[k].slots, t[k].nslots * sizeof(mtd_slot)) && afile_write(f, t[k].pool.data, t[k].pool.len);
        at = h.t[k].pool_off + h.t[k].pool_len;
    }
    if (ok) ok = afile_write(f, zeros, filters_off - at);
    for (size_t k = 0; k < NTABLES && ok; k++)
        ok = afile_write(f, t[k].filter, t[k].filter_blocks * (FILTER_BLOCK_BITS / 8));
    if (f && ok) ok = afile_commit(f);
    else if (f) afile_abort(f);
    if (!ok) snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    for (size_t k = 0; k < NTABLES; k++) {
        free(t[k].slots);
        free(t[k].filter);
        buf_free(&t[k].pool);
    }
    return ok;
}
