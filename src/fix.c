/* fix.c - --fix: edits from suggestions, atomic rewrite. */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

bool fix_applies(const mtl_finding *f) {
    return f->nsuggestions == 1 && f->severity >= MTL_WARNING && f->category != MTL_CAT_SPELLING;
}

char *fix_apply(const char *bytes, size_t len, const mtl_finding *f, size_t n, bool *fixed, size_t *out_len,
                size_t *nfixed) {
    buf out = {0};
    buf_reserve(&out, len + 64);
    size_t pos = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        bool ok = fix_applies(&f[i]) && f[i].offset >= pos && f[i].offset + f[i].length <= len;
        if (fixed) fixed[i] = ok;
        if (!ok) continue;
        buf_append(&out, bytes + pos, f[i].offset - pos);
        buf_puts(&out, f[i].suggestions[0]);
        pos = f[i].offset + f[i].length;
        count++;
    }
    buf_append(&out, bytes + pos, len - pos);
    *out_len = out.len;
    *nfixed = count;
    return buf_steal(&out);
}

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool fix_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen) {
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot fix: %s", strerror(errno));
        return false;
    }
    char *tmp = xasprintf("%s.mtlint-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot fix: temporary file next to it: %s", strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = write_all(fd, data, len) && fchmod(fd, st.st_mode & 07777) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        snprintf(err, errlen, "cannot fix: %s (file left as it was)", strerror(saved));
    }
    free(tmp);
    return ok;
}
