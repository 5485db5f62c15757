/* afile.h - replacing a file whole and atomically: the new contents go to
 * a temporary file beside it, which a rename puts in its place, so that a
 * reader sees the old file or the new one and a failure leaves the old
 * one. Used by --fix, the language server's word list and config, and the
 * build's compiled dictionaries and rule cache. */
#ifndef MTLINT_AFILE_H
#define MTLINT_AFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct afile afile;

typedef struct afile_opts {
    bool sync;       /* fsync before the rename: user files; a build output can do without */
    bool keep_owner; /* the replaced file's owner and group, where the user may */
    bool must_exist; /* only replace, never create: ENOENT when there is no file */
} afile_opts;

/* Starts replacing path (through a symbolic link: its target). The new file
 * gets the old one's permission bits, or those the umask allows when there
 * is none. NULL with errno set when no temporary file can be made. */
afile *afile_open(const char *path, afile_opts opts);

/* The replaced file's hard links (0: there was no file); the others keep
 * the old contents, since the new file is a new inode. */
size_t afile_old_links(const afile *f);

/* Appends n bytes; false with errno set, after which only abort is left. */
bool afile_write(afile *f, const void *p, size_t n);

/* Finishes: attributes, fsync, close, rename. False with errno set, and
 * then the old file is as it was and the temporary file gone. Frees f. */
bool afile_commit(afile *f);

/* Gives up: the temporary file goes, the old file stays. Frees f. */
void afile_abort(afile *f);

/* The whole replacement in one call: open, write, commit. */
bool afile_replace(const char *path, const void *data, size_t len, afile_opts opts);

/* Unlinks the temporary files being written. Async-signal-safe: for a
 * signal handler, which then re-raises the signal. */
void afile_remove_temporaries(void);

#endif
