/* diags.c - the list of problems library calls hand back to the caller,
 * which decides how to print them. */
#include <stdarg.h>
#include <stdlib.h>

#include "mtlint.h"
#include "util.h"

void mtl_diags_add(mtl_diags *d, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *m = xvasprintf(fmt, ap);
    va_end(ap);
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 8;
        d->msg = xrealloc(d->msg, d->cap * sizeof *d->msg);
    }
    d->msg[d->n++] = m;
}

void mtl_diags_locate(mtl_diags *d, size_t from, const char *where) {
    for (size_t i = from; where && i < d->n; i++) {
        char *m = xasprintf("%s: %s", where, d->msg[i]);
        free(d->msg[i]);
        d->msg[i] = m;
    }
}

void mtl_diags_free(mtl_diags *d) {
    for (size_t i = 0; i < d->n; i++) free(d->msg[i]);
    free(d->msg);
    d->msg = NULL;
    d->n = d->cap = 0;
}
