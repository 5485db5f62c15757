/* fix.h - applying suggestions to a file (--fix). A finding is fixed when
 * its rule gives exactly one suggestion, it is a warning or an error (info
 * findings are advice), and it is not a spelling guess.
 *
 * A file is written back in its own encoding: only the bytes of each fixed
 * finding change, replaced by the suggestion encoded in the file's charset
 * (UTF-8, UTF-16/32, or the legacy charset mtlint detected), so its BOM,
 * line ends and every other byte stay as they were. A suggestion the
 * charset cannot hold is not applied. Files are rewritten through a
 * temporary file beside the real file (through a symbolic link), renamed
 * over it, so a crash or a full disk never leaves half a file; on SIGINT,
 * SIGTERM or SIGHUP the caller's handler removes the temporaries with
 * afile_remove_temporaries() (afile.h). */
#ifndef MTL_FIX_H
#define MTL_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"

/* Whether --fix applies this finding. */
bool fix_applies(const mtl_finding *f);

/* What fix_apply did with each finding. */
typedef enum {
    FIX_SKIPPED = 0,    /* not fixable, or overlaps an earlier fix */
    FIX_DONE,           /* replaced */
    FIX_UNENCODABLE     /* the suggestion cannot be written in the charset */
} fix_mark;

/* The encoding the edits are written in. */
typedef struct fix_encoding {
    const char *charset;  /* ICU name; NULL: UTF-8 */
    const char *newline;  /* the file's line end, for "\n" in suggestions; NULL: "\n" */
} fix_encoding;

/* Applies the fixable findings f[0..n) (sorted by offset, positions in
 * bytes[0..len); overlapping ones after the first are skipped) with each
 * suggestion encoded as enc says. Returns the new bytes (malloc'd,
 * *out_len bytes) and sets marks[i] for each finding (marks may be NULL);
 * *nfixed counts the FIX_DONE ones. Returns NULL when the charset cannot
 * be edited piecewise (unknown to ICU, or stateful like ISO-2022-JP). */
char *fix_apply(const char *bytes, size_t len, const mtl_finding *f, size_t n, const fix_encoding *enc,
                fix_mark *marks, size_t *out_len, size_t *nfixed);

/* What fix_file did. */
typedef struct fix_result {
    size_t applied;       /* edits written to the file */
    size_t refused;       /* fixable findings the charset cannot hold */
    char *text;           /* the bytes now in the file (malloc'd), when applied */
    size_t len;
} fix_result;

/* Fixes the file at path, whose contents were bytes[0..len) when f[0..n)
 * were found: applies the edits in the file's encoding and writes the
 * result over the file. Notes (suggestions refused, a charset that cannot
 * be edited, other hard links) go to notes, prefixed with `name`. False with a message in err when the
 * file could not be fixed; then it is untouched. */
bool fix_file(const char *path, const char *name, const char *bytes, size_t len, const mtl_finding *f, size_t n,
              fix_result *res, mtl_diags *notes, char *err, size_t errlen);

/* Replaces the file at path (through a symbolic link: its target) with
 * data, atomically: a temporary file beside it with the original's
 * permissions, owner and group where allowed, fsync, rename. The file gets
 * a new inode, so other hard links keep the old contents. False with a
 * message in err on failure, in which case the original is untouched.
 * *links (NULL: not wanted) gets the file's hard links before. */
bool fix_write_file(const char *path, const char *data, size_t len, size_t *links, char *err, size_t errlen);


#endif
