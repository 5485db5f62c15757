/* source.c - reading input, deciding its encoding, mapping offsets back.
 *
 * Valid UTF-8 (the common case) costs one validation pass and no copy.
 * Anything else is converted to a UTF-8 copy with a map from every copy
 * offset to the original byte offset, so findings always point into the
 * file the user has. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "util.h"

/* Larger inputs are refused rather than risking size overflow in maps. */
#define SOURCE_MAX_BYTES ((size_t)1 << 30)
#define SOURCE_PAD 16

typedef struct { size_t *v; size_t n, cap; } offset_vec;

struct source {
    char *orig;          /* input bytes, NUL-terminated */
    size_t orig_len;
    const char *text;    /* aliases orig + shift, or owns `conv` */
    size_t text_len;
    char *conv;          /* converted copy, when not UTF-8 */
    size_t shift;        /* bytes skipped before text (a UTF-8 BOM) */
    size_t *map;         /* text offset -> orig offset (conv only), len+1 */
    const char *encoding;/* assumed encoding when converted */
    bool mixed;          /* UTF-8 with stray windows-1252 bytes */
    bool guessed;        /* the encoding was detected, not declared */
    size_t note_start, note_end; /* text span of the first offending char */
    /* Text offsets of the U+FFFD the conversion put for bytes it could
     * not decode (a lone UTF-16 surrogate...): not the file's text. */
    offset_vec repl;
    /* Line table, built on first use: checks often report nothing. */
    size_t *lines;
    size_t nlines;
    /* Cursor of the last line/column lookup: findings come sorted, so
     * most lookups continue on the same line. */
    size_t cur_t, cur_line, cur_col;
};

static void set_err(char *errbuf, size_t errlen, const char *msg) {
    if (errbuf && errlen) snprintf(errbuf, errlen, "%s", msg);
}

static source_status read_all(int fd, buf *b, char *errbuf, size_t errlen) {
    struct stat st;
    bool known = fstat(fd, &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
        set_err(errbuf, errlen, "is a directory");
        return SOURCE_ERR_IO;
    }
    /* a regular file: room for its bytes, the padding pad() adds and one
     * byte more, so that one read takes it with no reallocation; else (a
     * pipe, a file that grows) 64 KB at a time */
    bool sized = known && S_ISREG(st.st_mode) && st.st_size > 0;
    if (sized) buf_reserve(b, (size_t)st.st_size + SOURCE_PAD + 1);
    else buf_reserve(b, 65536);
    for (;;) {
        if (b->len + 1 >= b->cap) buf_reserve(b, 65536);
        size_t room = b->cap - b->len - 1;
        ssize_t r = read(fd, b->data + b->len, room);
        if (r < 0) {
            if (errno == EINTR) continue;
            set_err(errbuf, errlen, strerror(errno));
            return SOURCE_ERR_IO;
        }
        if (r == 0) break;
        b->len += (size_t)r;
        if (b->len > SOURCE_MAX_BYTES) {
            set_err(errbuf, errlen, "file too large (over 1 GiB)");
            return SOURCE_ERR_IO;
        }
        /* a file of a known size, read whole in a read that left room:
         * its end, with no read to see it (a system call per file of a
         * large tree); not a /proc file, whose size says 0 and whose
         * reads may stop short anywhere */
        if (sized && b->len >= (size_t)st.st_size && (size_t)r < room) break;
    }
    b->data[b->len] = '\0';
    return SOURCE_OK;
}

/* windows-1252's 0x80-0x9F; the five undefined bytes map to their C1
 * controls, as Windows' own decoder does. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static int32_t cp1252(unsigned char c) {
    return (c >= 0x80 && c < 0xA0) ? cp1252_high[c - 0x80] : c;
}


/* Appends cp as UTF-8 and records that its bytes come from orig offset o. */
static void emit(buf *out, offset_vec *map, int32_t cp, size_t o) {
    char tmp[4];
    size_t k = u8_encode(cp, tmp);
    buf_append(out, tmp, k);
    for (size_t j = 0; j < k; j++) VEC_PUSH(*map, o);
}

/* Zero padding after the text, for readers that load 16 bytes at a time
 * (PCRE2's JIT); see DOC_PAD. */
static void pad(buf *b) {
    buf_reserve(b, SOURCE_PAD);
    memset(b->data + b->len, 0, SOURCE_PAD + 1);
}

static void finish_conversion(source *s, buf *out, offset_vec *map) {
    VEC_PUSH(*map, s->orig_len);
    pad(out);
    s->text_len = out->len;
    s->conv = buf_steal(out);
    s->text = s->conv;
    s->map = map->v;
}

/* Files that are mostly UTF-8 with stray legacy bytes (pasted from an old
 * system): keep every valid sequence, read the stray bytes as
 * windows-1252. Converting the whole file as 1252 would garble its valid
 * accented letters into mojibake. */
static void convert_mixed(source *s, size_t from) {
    buf out = {0};
    offset_vec map = {0};
    const char *p = s->orig;
    size_t n = s->orig_len, i = from;
    bool noted = false;
    buf_reserve(&out, n - from + 16);
    while (i < n) {
        size_t k = i;
        int32_t cp = u8_decode(p, n, &k);
        if (cp < 0) {
            if (!noted) {
                s->note_start = out.len;
                noted = true;
            }
            emit(&out, &map, cp1252((unsigned char)p[i]), i);
            if (s->note_end == 0) s->note_end = out.len;
            i++;
        } else {
            emit(&out, &map, cp, i);
            i = k;
        }
    }
    s->encoding = "UTF-8 with windows-1252 bytes";
    s->mixed = true;
    s->guessed = true;
    finish_conversion(s, &out, &map);
}

/* ICU's substitution, noting that a sequence could not be decoded. */
static void note_bad(const void *ctx, UConverterToUnicodeArgs *a, const char *units, int32_t n,
                     UConverterCallbackReason why, UErrorCode *err) {
    if (why == UCNV_UNASSIGNED || why == UCNV_ILLEGAL || why == UCNV_IRREGULAR) *(bool *)ctx = true;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, a, units, n, why, err);
}

/* Converts orig[from..] with an ICU converter; map built from ICU's
 * per-UChar source offsets. */
static source_status convert_icu(source *s, size_t from, const char *charset, bool guessed,
                                 char *errbuf, size_t errlen) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(charset, &st);
    if (U_FAILURE(st)) {
        snprintf(errbuf, errlen, "cannot convert from %s: %s", charset, u_errorName(st));
        return SOURCE_ERR_DECODE;
    }
    size_t n = s->orig_len - from;
    size_t cap = 2 * n + 16; /* no charset yields more than two UChars a byte */
    UChar *u = xmalloc(cap * sizeof(UChar));
    int32_t *offs = xmalloc(cap * sizeof(int32_t));
    UChar *target = u;
    const char *src = s->orig + from;
    bool bad = false;
    ucnv_setToUCallBack(cnv, note_bad, &bad, NULL, NULL, &st);
    ucnv_toUnicode(cnv, &target, u + cap, &src, s->orig + s->orig_len, offs, true, &st);
    /* a U+FFFD the file spells is its text; any other one stands for
     * bytes that could not be decoded */
    char fffd[8];
    UErrorCode st2 = U_ZERO_ERROR;
    static const UChar repl_char = 0xFFFD;
    int32_t nfffd = bad ? ucnv_fromUChars(cnv, fffd, sizeof fffd, &repl_char, 1, &st2) : 0;
    if (U_FAILURE(st2)) nfffd = 0;
    ucnv_close(cnv);
    if (U_FAILURE(st)) {
        free(u);
        free(offs);
        snprintf(errbuf, errlen, "cannot convert from %s: %s", charset, u_errorName(st));
        return SOURCE_ERR_DECODE;
    }
    size_t nu = (size_t)(target - u);
    buf out = {0};
    offset_vec map = {0};
    buf_reserve(&out, nu * 3 / 2 + 16);
    for (size_t k = 0; k < nu;) {
        int32_t cp = u[k];
        size_t o = offs[k] < 0 ? s->orig_len : from + (size_t)offs[k];
        if (cp >= 0xD800 && cp <= 0xDBFF && k + 1 < nu && u[k + 1] >= 0xDC00 && u[k + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (u[k + 1] - 0xDC00);
            k += 2;
        } else {
            bool lone = cp >= 0xD800 && cp <= 0xDFFF;
            if (lone) cp = 0xFFFD;
            k++;
            if (lone || (bad && cp == 0xFFFD &&
                         (nfffd == 0 || o + (size_t)nfffd > s->orig_len || memcmp(s->orig + o, fffd, (size_t)nfffd) != 0)))
                VEC_PUSH(s->repl, out.len);
        }
        emit(&out, &map, cp, o);
    }
    free(u);
    free(offs);
    s->encoding = charset;
    s->guessed = guessed;
    finish_conversion(s, &out, &map);
    if (guessed) {
        /* point at the first byte that is not plain ASCII */
        size_t t = 0;
        while (t < s->text_len && (unsigned char)s->text[t] < 0x80) t++;
        s->note_start = s->note_end = 0;
        if (t < s->text_len) {
            s->note_start = t;
            size_t k = t;
            u8_decode(s->text, s->text_len, &k);
            s->note_end = k;
        }
    }
    return SOURCE_OK;
}

/* ICU's charset detector, limited to its confident answers. */
static const char *detect_charset(const char *p, size_t n, int *confidence) {
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    const char *name = NULL;
    *confidence = 0;
    if (U_FAILURE(st)) return NULL;
    ucsdet_setText(det, p, (int32_t)(n > INT32_MAX ? INT32_MAX : n), &st);
    const UCharsetMatch *m = ucsdet_detect(det, &st);
    if (U_SUCCESS(st) && m) {
        name = ucsdet_getName(m, &st);
        *confidence = ucsdet_getConfidence(m, &st);
        if (U_FAILURE(st)) name = NULL;
    }
    /* names are static strings inside ICU, valid after close */
    ucsdet_close(det);
    return name;
}

static bool has_valid_multibyte(const char *p, size_t n) {
    for (size_t i = 0; i < n;) {
        if ((unsigned char)p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = i;
        if (u8_decode(p, n, &k) >= 0) return true;
        i = k;
    }
    return false;
}

static source_status classify(source *s, char *errbuf, size_t errlen) {
    const unsigned char *b = (const unsigned char *)s->orig;
    size_t n = s->orig_len;
    /* BOMs: a declared encoding, converted without a finding. UTF-32LE's
     * BOM starts with UTF-16LE's, so test it first. */
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        return convert_icu(s, 4, "UTF-32LE", false, errbuf, errlen);
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        return convert_icu(s, 4, "UTF-32BE", false, errbuf, errlen);
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) return convert_icu(s, 2, "UTF-16LE", false, errbuf, errlen);
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) return convert_icu(s, 2, "UTF-16BE", false, errbuf, errlen);
    size_t from = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;

    if (memchr(s->orig + from, 0, n - from)) {
        int conf;
        const char *cs = detect_charset(s->orig + from, n - from, &conf);
        /* UTF-16 or UTF-32 without a BOM, in whole code units */
        size_t unit = 0;
        if (cs && conf >= 50 && strncmp(cs, "UTF-16", 6) == 0) unit = 2;
        if (cs && conf >= 50 && strncmp(cs, "UTF-32", 6) == 0) unit = 4;
        if (unit && (n - from) % unit == 0) return convert_icu(s, from, cs, true, errbuf, errlen);
        set_err(errbuf, errlen, "binary file (contains NUL bytes), not checked");
        return SOURCE_ERR_BINARY;
    }
    size_t valid = u8_valid_prefix(s->orig + from, n - from);
    if (valid == n - from && memchr(s->orig + from, 0x1B, n - from)) {
        /* 7-bit ISO-2022 (Japanese, Korean, Chinese) is valid UTF-8 byte
         * by byte; its escape sequences give it away */
        int conf;
        const char *cs = detect_charset(s->orig + from, n - from, &conf);
        if (cs && conf >= 50 && strncmp(cs, "ISO-2022-", 9) == 0) return convert_icu(s, from, cs, true, errbuf, errlen);
    }
    if (valid == n - from) {
        s->shift = from;
        s->text = s->orig + from;
        s->text_len = n - from;
        return SOURCE_OK;
    }
    if (has_valid_multibyte(s->orig + from, n - from)) {
        convert_mixed(s, from);
        return SOURCE_OK;
    }
    int conf;
    const char *cs = detect_charset(s->orig + from, n - from, &conf);
    /* the detector may still say UTF-8 (or nothing) for nearly-ASCII text */
    if (!cs || strcmp(cs, "UTF-8") == 0 || strncmp(cs, "UTF-16", 6) == 0 ||
        strncmp(cs, "UTF-32", 6) == 0 || conf < 10)
        cs = "windows-1252";
    return convert_icu(s, from, cs, true, errbuf, errlen);
}

static source_status source_from_buf(buf *b, source **out, char *errbuf, size_t errlen) {
    source *s = xcalloc(1, sizeof *s);
    pad(b);
    s->orig_len = b->len;
    s->orig = buf_steal(b);
    source_status st = classify(s, errbuf, errlen);
    if (st != SOURCE_OK) {
        source_close(s);
        *out = NULL;
        return st;
    }
    *out = s;
    return SOURCE_OK;
}

source_status source_read(const char *path, buf *b, char *errbuf, size_t errlen) {
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(errbuf, errlen, strerror(errno));
        return SOURCE_ERR_IO;
    }
    source_status st = read_all(fd, b, errbuf, errlen);
    if (fd != STDIN_FILENO) close(fd);
    return st;
}

source_status source_open_file(const char *path, source **out, char *errbuf, size_t errlen) {
    *out = NULL;
    buf b = {0};
    source_status st = source_read(path, &b, errbuf, errlen);
    if (st != SOURCE_OK) {
        buf_free(&b);
        return st;
    }
    return source_from_buf(&b, out, errbuf, errlen);
}

source_status source_open_mem(const char *bytes, size_t len, source **out, char *errbuf,
                              size_t errlen) {
    buf b = {0};
    buf_append(&b, bytes, len);
    return source_from_buf(&b, out, errbuf, errlen);
}

void source_close(source *s) {
    if (!s) return;
    free(s->orig);
    free(s->conv);
    free(s->map);
    free(s->lines);
    VEC_FREE(s->repl);
    free(s);
}

const char *source_text(const source *s, size_t *len) {
    *len = s->text_len;
    return s->text;
}

const char *source_orig(const source *s, size_t *len) {
    *len = s->orig_len;
    return s->orig;
}

size_t source_orig_offset(const source *s, size_t t) {
    if (t > s->text_len) t = s->text_len;
    return s->map ? s->map[t] : t + s->shift;
}

const char *source_encoding_note(const source *s, size_t *t_start, size_t *t_end) {
    if (!s->encoding || !s->guessed) return NULL;
    *t_start = s->note_start;
    *t_end = s->note_end;
    return s->encoding;
}

size_t source_replaced(const source *s, const size_t **t) {
    *t = s->repl.v;
    return s->repl.n;
}

const char *source_charset(const source *s) {
    return !s->encoding || s->mixed ? "UTF-8" : s->encoding;
}

/* Line starts: after LF, after CR not followed by LF. */
static void build_lines(source *s) {
    offset_vec v = {0};
    VEC_PUSH(v, 0);
    const char *p = s->text, *end = s->text + s->text_len;
    /* memchr for the common LF-only text, then CR handling. The next LF is
     * searched again only once passed: text with CR line ends has none, and
     * a search to the end for every line made it quadratic. */
    const char *lf = memchr(p, '\n', (size_t)(end - p));
    for (;;) {
        const char *q = p;
        if (lf && lf < q) lf = memchr(q, '\n', (size_t)(end - q));
        const char *cr = memchr(q, '\r', (size_t)((lf ? lf : end) - q));
        const char *brk = cr ? cr : lf;
        if (!brk) break;
        if (brk == cr && brk + 1 < end && brk[1] == '\n') brk++;
        VEC_PUSH(v, (size_t)(brk + 1 - s->text));
        p = brk + 1;
        if (p >= end) break;
    }
    s->lines = v.v;
    s->nlines = v.n;
}

size_t source_line_of(const source *s, size_t t, size_t *line_start) {
    source *m = (source *)s; /* the table is a cache: logically const */
    if (!m->lines) build_lines(m);
    size_t lo = 0, hi = m->nlines; /* last line start <= t */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->lines[mid] <= t) lo = mid;
        else hi = mid;
    }
    if (line_start) *line_start = m->lines[lo];
    return lo;
}

void source_line_col(const source *s, size_t t, size_t *line, size_t *col) {
    source *m = (source *)s;
    if (t > s->text_len) t = s->text_len;
    size_t start;
    size_t li = source_line_of(s, t, &start);
    size_t c;
    if (m->cur_line == li + 1 && m->cur_t >= start && m->cur_t <= t) {
        c = m->cur_col + u8_count(s->text + m->cur_t, t - m->cur_t);
    } else {
        c = 1 + u8_count(s->text + start, t - start);
    }
    m->cur_t = t;
    m->cur_line = li + 1;
    m->cur_col = c;
    *line = li + 1;
    *col = c;
}
