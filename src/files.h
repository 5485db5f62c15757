/* files.h - turns the command line's paths into the list of inputs:
 * directories are searched recursively for the wanted extensions, hidden
 * entries skipped, and each directory entered once, so symlink loops end. */
#ifndef MTL_FILES_H
#define MTL_FILES_H

#include <stddef.h>

typedef struct files_entry {
    char *path;
    char *error;   /* why it cannot be checked, or NULL */
} files_entry;

typedef struct files_list {
    files_entry *v;
    size_t n, cap;
} files_list;

/* The extensions wanted in directory `dir` (NULL-terminated, ".txt"...):
 * each directory may have its own, from its configuration. */
typedef const char *const *(*files_exts_fn)(void *ctx, const char *dir);

/* Explicit file arguments are taken whatever their extension; "-" stays
 * "-" (standard input). */
void files_expand(const char *const *paths, size_t npaths, files_exts_fn exts_for, void *ctx, files_list *out);
void files_free(files_list *l);

#endif
