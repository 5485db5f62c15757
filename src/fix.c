/* fix.c - --fix: edits from suggestions, in the file's own encoding, and
 * the atomic rewrite. */
#include "fix.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "afile.h"
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

/* ---- the rewrite ---- */

bool fix_write_file(const char *path, const char *data, size_t len, size_t *links, char *err, size_t errlen) {
    /* the file must still be there: --fix edits, it never creates */
    afile *f = afile_open(path, (afile_opts){.sync = true, .keep_owner = true, .must_exist = true});
    if (!f) { /* the file gone, or no temporary file beside it (/proc says ENOENT too) */
        int e = errno;
        bool gone = e == ENOENT && access(path, F_OK) != 0;
        snprintf(err, errlen, gone ? "cannot fix: %s" : "cannot fix: temporary file next to it: %s", strerror(e));
        return false;
    }
    if (links) *links = afile_old_links(f);
    if (!afile_write(f, data, len)) {
        afile_abort(f);
    } else if (afile_commit(f)) {
        return true;
    }
    snprintf(err, errlen, "cannot fix: %s (file left as it was)", strerror(errno));
    return false;
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
        size_t links = 0;
        if (nfixed) ok = fix_write_file(path, out, olen, &links, err, errlen);
        if (ok && links > 1)
            mtl_diags_add(notes, "%s: has %zu other hard link%s; the fixed file is a new file, they keep the old text",
                          name, links - 1, links == 2 ? "" : "s");
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
