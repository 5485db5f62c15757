/* fix.c - --fix: edits from suggestions, in the file's own encoding, and
 * the atomic rewrite. */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "source.h"
#include "util.h"

bool fix_applies(const mtl_finding *f) {
    return f->nsuggestions == 1 && f->severity >= MTL_WARNING && f->category != MTL_CAT_SPELLING;
}

/* ---- edits ---- */

/* Converters that carry a shift state from one character to the next: an
 * edit encoded on its own could change the meaning of the bytes after it. */
static const UConverterType stateful[] = {UCNV_ISO_2022, UCNV_HZ,   UCNV_EBCDIC_STATEFUL, UCNV_UTF7,
                                          UCNV_SCSU,     UCNV_BOCU1, UCNV_IMAP_MAILBOX,   UCNV_ISCII};

/* Opens the converter for charset (NULL for UTF-8, which needs none);
 * false when it is unknown or stateful. Unmappable characters stop the
 * conversion instead of becoming substitutes. */
static bool open_encoder(const char *charset, UConverter **out) {
    *out = NULL;
    if (!charset || strcasecmp(charset, "UTF-8") == 0) return true;
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(charset, &st);
    if (U_FAILURE(st)) return false;
    for (size_t i = 0; i < sizeof stateful / sizeof *stateful; i++) {
        if (ucnv_getType(cnv) == stateful[i]) {
            ucnv_close(cnv);
            return false;
        }
    }
    ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    *out = cnv;
    return U_SUCCESS(st);
}

/* Appends the UTF-8 suggestion s to out, line breaks as the file has them,
 * in the converter's charset. False (out unchanged) when a character cannot
 * be written in it. */
static bool encode(UConverter *cnv, const char *s, const char *newline, buf *out) {
    buf u8 = {0};
    for (const char *p = s; *p; p++) {
        if (*p == '\n') buf_puts(&u8, newline);
        else buf_append(&u8, p, 1);
    }
    bool ok = true;
    if (!cnv) {
        buf_append(out, u8.data ? u8.data : "", u8.len);
    } else if (u8.len) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t nu = 0;
        UChar *u = xmalloc((u8.len + 1) * sizeof(UChar));
        u_strFromUTF8(u, (int32_t)u8.len + 1, &nu, u8.data, (int32_t)u8.len, &st);
        size_t cap = (size_t)UCNV_GET_MAX_BYTES_FOR_STRING(nu, ucnv_getMaxCharSize(cnv));
        buf_reserve(out, cap + 1);
        ucnv_resetFromUnicode(cnv);
        int32_t k = U_SUCCESS(st) ? ucnv_fromUChars(cnv, out->data + out->len, (int32_t)cap, u, nu, &st) : 0;
        ok = U_SUCCESS(st);
        if (ok) out->len += (size_t)k;
        free(u);
    }
    buf_free(&u8);
    return ok;
}

char *fix_apply(const char *bytes, size_t len, const mtl_finding *f, size_t n, const fix_encoding *enc,
                fix_mark *marks, size_t *out_len, size_t *nfixed) {
    UConverter *cnv;
    if (!open_encoder(enc ? enc->charset : NULL, &cnv)) return NULL;
    const char *newline = enc && enc->newline ? enc->newline : "\n";
    buf out = {0};
    buf_reserve(&out, len + 64);
    size_t pos = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        fix_mark m = FIX_SKIPPED;
        if (fix_applies(&f[i]) && f[i].offset >= pos && f[i].offset + f[i].length <= len) {
            size_t keep = out.len;
            buf_append(&out, bytes + pos, f[i].offset - pos);
            if (encode(cnv, f[i].suggestions[0], newline, &out)) {
                m = FIX_DONE;
                pos = f[i].offset + f[i].length;
                count++;
            } else {
                m = FIX_UNENCODABLE;
                out.len = keep;
            }
        }
        if (marks) marks[i] = m;
    }
    buf_append(&out, bytes + pos, len - pos);
    ucnv_close(cnv);
    *out_len = out.len;
    *nfixed = count;
    return buf_steal(&out);
}

/* ---- temporary files, removable from a signal handler ---- */

/* One slot a concurrent writer: -j allows 256 workers. A slot's path is
 * complete before its state becomes LIVE, so the handler never reads a
 * half-written name. */
#define TEMP_SLOTS 260
enum { SLOT_FREE, SLOT_CLAIMED, SLOT_LIVE };
static char temp_path[TEMP_SLOTS][PATH_MAX];
static atomic_int temp_state[TEMP_SLOTS];

void fix_remove_temporaries(void) {
    for (size_t i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_state[i]) == SLOT_LIVE) unlink(temp_path[i]);
}

static int claim_slot(void) {
    for (int i = 0; i < TEMP_SLOTS; i++) {
        int expect = SLOT_FREE;
        if (atomic_compare_exchange_strong(&temp_state[i], &expect, SLOT_CLAIMED)) return i;
    }
    return -1;
}

/* Creates "<target>.mtlint-XXXXXX" in slot i, registered before it exists
 * so that no signal can leave it behind. */
static int create_temp(int i, const char *target) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static atomic_uint counter;
    for (int tries = 0; tries < 100; tries++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
            unsigned v = atomic_fetch_add(&counter, 1) * 2654435761u ^ (unsigned)getpid();
            for (size_t k = 0; k < sizeof r; k++) r[k] = (unsigned char)(v >> (k * 5));
        }
        atomic_store(&temp_state[i], SLOT_CLAIMED);
        int w = snprintf(temp_path[i], PATH_MAX, "%s.mtlint-", target);
        if (w < 0 || w + 7 > PATH_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        for (size_t k = 0; k < sizeof r; k++) temp_path[i][w + (int)k] = abc[r[k] % (sizeof abc - 1)];
        temp_path[i][w + 6] = '\0';
        atomic_store(&temp_state[i], SLOT_LIVE);
        int fd = open(temp_path[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

/* Test hook: MTLINT_TEST_FIX_PAUSE_MS=N sleeps N ms between chunks, so
 * that a test can interrupt a rewrite midway and check that no temporary
 * file remains; a real write is over too fast to catch. */
static void test_pause(void) {
    const char *v = getenv("MTLINT_TEST_FIX_PAUSE_MS");
    long ms = v ? strtol(v, NULL, 10) : 0;
    if (ms > 0) nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

static bool write_all(int fd, const char *p, size_t n) {
    enum { CHUNK = 1 << 16 };
    while (n) {
        ssize_t w = write(fd, p, n < CHUNK ? n : CHUNK);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
        if (n) test_pause();
    }
    return true;
}

/* Owner and group as the original's; a user who may not give the file away
 * still keeps its group when a member of it. */
static bool keep_owner(int fd, const struct stat *st) {
    if (fchown(fd, st->st_uid, st->st_gid) == 0) return true;
    if (errno != EPERM) return false;
    if (fchown(fd, (uid_t)-1, st->st_gid) != 0 && errno != EPERM) return false;
    return true;
}

bool fix_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen) {
    /* through a symbolic link, the file it names is the one rewritten */
    char *target = realpath(path, NULL);
    struct stat st;
    if (!target || stat(target, &st) != 0) {
        snprintf(err, errlen, "cannot fix: %s", strerror(errno));
        free(target);
        return false;
    }
    int slot = claim_slot();
    int fd = slot < 0 ? (errno = EBUSY, -1) : create_temp(slot, target);
    if (fd < 0) {
        snprintf(err, errlen, "cannot fix: temporary file next to it: %s", strerror(errno));
        if (slot >= 0) atomic_store(&temp_state[slot], SLOT_FREE);
        free(target);
        return false;
    }
    /* chown before chmod: chown clears the set-user-ID bits */
    bool ok = write_all(fd, data, len) && keep_owner(fd, &st) && fchmod(fd, st.st_mode & 07777) == 0 &&
              fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(temp_path[slot], target) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(temp_path[slot]);
        snprintf(err, errlen, "cannot fix: %s (file left as it was)", strerror(saved));
    }
    atomic_store(&temp_state[slot], SLOT_FREE);
    free(target);
    return ok;
}

/* ---- one file ---- */

/* The line end the text uses first; LF when it has none. */
static const char *newline_of(const char *t, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\n') return "\n";
        if (t[i] == '\r') return i + 1 < n && t[i + 1] == '\n' ? "\r\n" : "\r";
    }
    return "\n";
}

bool fix_file(const char *path, const char *name, const char *bytes, size_t len, const mtl_finding *f, size_t n,
              fix_result *res, mtl_diags *notes, char *err, size_t errlen) {
    *res = (fix_result){0};
    source *s;
    if (source_open_mem(bytes, len, &s, err, errlen) != SOURCE_OK) return false;
    size_t tlen;
    const char *text = source_text(s, &tlen);
    fix_encoding enc = {.charset = source_charset(s), .newline = newline_of(text, tlen)};
    fix_mark *marks = xcalloc(n + 1, sizeof *marks);
    size_t olen, nfixed;
    char *out = fix_apply(bytes, len, f, n, &enc, marks, &olen, &nfixed);
    bool ok = true;
    if (!out) {
        mtl_diags_add(notes, "%s: not fixed: its encoding, %s, cannot be edited in place", name, enc.charset);
    } else {
        const char *first = NULL;
        for (size_t i = 0; i < n; i++) {
            if (marks[i] != FIX_UNENCODABLE) continue;
            if (!first) first = f[i].suggestions[0];
            res->refused++;
        }
        if (first)
            mtl_diags_add(notes, "%s: %zu fix%s not applied: \"%s\" cannot be written in %s, the file's encoding",
                          name, res->refused, res->refused == 1 ? "" : "es", first, enc.charset);
        struct stat st;
        if (nfixed && stat(path, &st) == 0 && st.st_nlink > 1)
            mtl_diags_add(notes, "%s: has %ju other hard link%s; the fixed file is a new file, they keep the old text",
                          name, (uintmax_t)st.st_nlink - 1, st.st_nlink == 2 ? "" : "s");
        if (nfixed) ok = fix_write_file(path, out, olen, err, errlen);
        if (ok && nfixed) {
            res->applied = nfixed;
            res->text = out;
            res->len = olen;
            out = NULL;
        }
    }
    free(out);
    free(marks);
    source_close(s);
    return ok;
}
