/* deal.c - which worker of a run checks which file (see deal.h). */
#include "deal.h"

#include <assert.h>
#include <stdlib.h>

#include "util.h"

struct deal {
    size_t nfiles, workers, seg;
    size_t seg_end;        /* the files of the segments opened so far */
    struct lane {
        size_t next, end;  /* the lane's files not dealt yet */
    } lanes[];             /* one per worker */
};

deal *deal_open(size_t nfiles, size_t workers, size_t seg) {
    if (!workers) workers = 1;
    deal *d = xcalloc(1, sizeof *d + workers * sizeof d->lanes[0]);
    d->nfiles = nfiles;
    d->workers = workers;
    d->seg = seg ? seg : 1;
    return d;
}

void deal_close(deal *d) { free(d); }

/* The lane with the most files left (the first of those as full). */
static struct lane *fullest(deal *d) {
    struct lane *f = &d->lanes[0];
    for (size_t j = 1; j < d->workers; j++)
        if (d->lanes[j].end - d->lanes[j].next > f->end - f->next) f = &d->lanes[j];
    return f;
}

/* Cuts the files after the last segment into the next one. */
static void open_segment(deal *d) {
    size_t start = d->seg_end, left = d->nfiles - start, w = d->workers;
    size_t len = left / w < d->seg ? left : d->seg * w;
    for (size_t j = 0; j < w; j++) d->lanes[j] = (struct lane){start + len * j / w, start + len * (j + 1) / w};
    d->seg_end = start + len;
}

size_t deal_next(deal *d, size_t k) {
    assert(k < d->workers);
    struct lane *own = &d->lanes[k];
    for (;;) {
        if (own->next < own->end) return own->next++;
        struct lane *f = fullest(d);
        if (f->next < f->end) return --f->end;
        if (d->seg_end >= d->nfiles) return d->nfiles;
        open_segment(d);
    }
}
