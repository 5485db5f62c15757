/* files.c - path expansion. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walker {
    files_list *out;
    files_exts_fn exts_for;
    void *ctx;
    const char *const *exts; /* of the directory being walked */
    struct { dir_id *v; size_t n, cap; } seen;
} walker;

static void add(files_list *l, char *path, char *error) {
    files_entry e = {path, error};
    VEC_PUSH(*l, e);
}

static bool wanted(const walker *w, const char *name) {
    size_t n = strlen(name);
    for (const char *const *e = w->exts; e && *e; e++) {
        size_t k = strlen(*e);
        /* in any case: editors and cameras of old write ".TXT" and ".Md" */
        if (n > k && strcasecmp(name + n - k, *e) == 0) return true;
    }
    return false;
}

/* A directory reached twice (a symlink back up the tree, or two links to
 * one place) is walked once. */
static bool first_visit(walker *w, const struct stat *st) {
    for (size_t i = 0; i < w->seen.n; i++)
        if (w->seen.v[i].dev == st->st_dev && w->seen.v[i].ino == st->st_ino) return false;
    dir_id id = {st->st_dev, st->st_ino};
    VEC_PUSH(w->seen, id);
    return true;
}

/* A directory entry: its name, and whether readdir said it is a regular
 * file (no stat needed then; DT_UNKNOWN, links and the rest are stat'ed). */
typedef struct entry {
    char *name;
    bool regular;
} entry;

static int cmp_entry(const void *a, const void *b) {
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static void walk(walker *w, const char *dir, const struct stat *dst) {
    if (!first_visit(w, dst)) return;
    const char *const *outer = w->exts;
    w->exts = w->exts_for(w->ctx, dir);
    DIR *dp = opendir(dir);
    if (!dp) {
        add(w->out, xstrdup(dir), xstrdup(strerror(errno)));
        w->exts = outer;
        return;
    }
    struct { entry *v; size_t n, cap; } names = {0};
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.') continue; /* hidden, and . and .. */
        entry e = {xstrdup(de->d_name), false};
#ifdef DT_REG
        e.regular = de->d_type == DT_REG;
#endif
        VEC_PUSH(names, e);
    }
    closedir(dp);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_entry); /* stable, locale-free order */
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < names.n; i++) {
        const char *name = names.v[i].name;
        /* a regular file readdir named is checked or not by its name: no
         * stat (a system call per file of a large tree) */
        if (names.v[i].regular && !wanted(w, name)) {
            free(names.v[i].name);
            continue;
        }
        size_t nl = strlen(name); /* the path, without a formatted print per file of a large tree */
        char *path = xmalloc(dl + !slash + nl + 1);
        memcpy(path, dir, dl);
        if (!slash) path[dl] = '/';
        memcpy(path + dl + !slash, name, nl + 1);
        struct stat st;
        if (names.v[i].regular) {
            add(w->out, path, NULL);
        } else if (stat(path, &st) != 0) {
            int err = errno;
            struct stat lst;
            bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
            if (!wanted(w, name)) free(path); /* it would not be checked anyway */
            else if (link && (err == ENOENT || err == ELOOP)) {
                /* a link to nothing among the files: not an input error,
                 * since nobody named it, but never skipped unheard */
                VEC_PUSH(w->out->notes, xasprintf("%s: skipped: symbolic link to %s", path,
                                                  err == ENOENT ? "a missing file" : "itself (a loop)"));
                free(path);
            } else {
                add(w->out, path, xstrdup(strerror(err)));
            }
        } else if (S_ISDIR(st.st_mode)) {
            walk(w, path, &st);
            free(path);
        } else if (S_ISREG(st.st_mode) && wanted(w, name)) {
            add(w->out, path, NULL);
        } else {
            free(path);
        }
        free(names.v[i].name);
    }
    free(names.v);
    w->exts = outer;
}

void files_expand(const char *const *paths, size_t npaths, files_exts_fn exts_for, void *ctx, files_list *out) {
    walker w = {.out = out, .exts_for = exts_for, .ctx = ctx};
    for (size_t i = 0; i < npaths; i++) {
        const char *p = paths[i];
        struct stat st;
        if (strcmp(p, "-") == 0) {
            add(out, xstrdup(p), NULL);
        } else if (stat(p, &st) != 0) {
            add(out, xstrdup(p), xstrdup(strerror(errno)));
        } else if (S_ISDIR(st.st_mode)) {
            walk(&w, p, &st);
        } else {
            add(out, xstrdup(p), NULL);
        }
    }
    VEC_FREE(w.seen);
}

void files_free(files_list *l) {
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].error);
    }
    VEC_FREE(*l);
    VEC_FREE_ALL(l->notes);
}

bool files_read_list(const char *list, bool nul, void (*take)(void *ctx, char *path), void *ctx, char *err,
                     size_t errlen) {
    bool is_stdin = strcmp(list, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(list, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s", strerror(errno));
        return false;
    }
    char sep = nul ? '\0' : '\n';
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    errno = 0;
    while ((n = getdelim(&line, &cap, sep, fp)) > 0) {
        size_t k = (size_t)n;
        if (line[k - 1] == sep) k--;
        /* a list written on Windows ends its lines with CR LF */
        if (!nul && k && line[k - 1] == '\r') k--;
        if (k) take(ctx, xstrndup(line, k));
    }
    bool ok = !ferror(fp);
    if (!ok) snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
    free(line);
    if (!is_stdin) fclose(fp);
    return ok;
}
