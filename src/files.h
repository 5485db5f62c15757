/* files.h - turns the command line's paths into the list of inputs:
 * directories are searched recursively for the wanted extensions, hidden
 * entries skipped, and each directory entered once, so symlink loops end. */
#ifndef MTL_FILES_H
#define MTL_FILES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct files_entry {
    char *path;
    char *error;   /* why it cannot be checked, or NULL */
} files_entry;

typedef struct files_list {
    files_entry *v;
    size_t n, cap;
    /* "PATH: skipped: ..." for the caller to print: what a directory search
     * passed over that the user should hear of (a symbolic link to nothing,
     * with a wanted extension). They leave the exit status alone. */
    struct { char **v; size_t n, cap; } notes;
} files_list;

/* The extensions wanted in directory `dir` (NULL-terminated, ".txt"...):
 * each directory may have its own, from its configuration. */
typedef const char *const *(*files_exts_fn)(void *ctx, const char *dir);

/* Explicit file arguments are taken whatever their extension, and one
 * that cannot be read is an entry with an error (exit status 2); "-" stays
 * "-" (standard input). In directories, extensions match in any case
 * (".TXT" is ".txt"). */
void files_expand(const char *const *paths, size_t npaths, files_exts_fn exts_for, void *ctx, files_list *out);
void files_free(files_list *l);

/* Reads the paths listed in `list` ("-": standard input), one a line, or
 * NUL-separated when `nul`; empty entries are skipped. Each path is
 * passed to take (which owns it). On a read error returns false
 * with the reason in err. */
bool files_read_list(const char *list, bool nul, void (*take)(void *ctx, char *path), void *ctx, char *err,
                     size_t errlen);

#endif
