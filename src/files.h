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

/* Explicit file arguments are taken whatever their extension; "-" stays
 * "-" (standard input). `exts` is NULL-terminated (".txt"...). */
void files_expand(const char *const *paths, size_t npaths, const char *const *exts, files_list *out);
void files_free(files_list *l);

#endif
