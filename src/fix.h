/* fix.h - applying suggestions to a file (--fix). A finding is fixed when
 * its rule gives exactly one suggestion, it is a warning or an error (info
 * findings are advice), and it is not a spelling guess. Files are
 * rewritten through a temporary file in the same directory, renamed over
 * the original, so a crash or a full disk never leaves half a file. */
#ifndef MTL_FIX_H
#define MTL_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

/* Whether --fix applies this finding. */
bool fix_applies(const mtl_finding *f);

/* Applies the fixable findings (sorted by offset; overlapping ones after
 * the first are skipped) to bytes[0..len). Returns the new text (malloc'd,
 * *out_len bytes) and sets each finding's fixed flag in `fixed` (may be
 * NULL); *nfixed counts them. */
char *fix_apply(const char *bytes, size_t len, const mtl_finding *f, size_t n, bool *fixed, size_t *out_len,
                size_t *nfixed);

/* Replaces the file at path with data, atomically: a temporary file next to
 * it, the original's permissions, fsync, rename. False with a message in
 * err on failure, in which case the original is untouched. */
bool fix_write_file(const char *path, const char *data, size_t len, char *err, size_t errlen);

#endif
