/* deal.h - which worker of a run checks which file.
 *
 * A tree of articles groups them by section, topic or date, and the words
 * of a section recur in its articles. Each worker learns every word it
 * meets once (its own caches), so a worker given a run of neighbouring
 * files learns a section's words once, where files dealt one by one to
 * every worker made each learn nearly the whole vocabulary.
 *
 * The files are dealt by segments of `seg` files per worker, and each
 * segment is cut into one lane of consecutive files per worker, in the
 * workers' order. A worker takes its lane from the front; once it is
 * empty, it takes from the back of the fullest lane, where it meets that
 * lane's owner; once the whole segment is dealt, the next segment opens.
 * A file is dealt only when every file of the segments before its own
 * is, so worker 0, which reports the files in order, never has more than
 * about two segments of outcomes waiting for their turn.
 *
 * Not thread-safe: the workers share one deal under the caller's lock. */
#ifndef MTL_DEAL_H
#define MTL_DEAL_H

#include <stddef.h>

typedef struct deal deal;

/* A deal of files 0 to nfiles - 1 among `workers` workers (0 counts as 1),
 * `seg` files per worker and segment (0 counts as 1). */
deal *deal_open(size_t nfiles, size_t workers, size_t seg);
void deal_close(deal *d);

/* The next file for worker k (< workers), or nfiles once every file is
 * dealt. */
size_t deal_next(deal *d, size_t k);

#endif
