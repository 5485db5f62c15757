/* progress.h - the progress line of a long run on a terminal: files
 * done/total, findings so far, elapsed time and an estimate of what is
 * left, redrawn in place on stderr and cleared at the end. Part of the
 * command (run.c), not of the checking library. */
#ifndef MTL_PROGRESS_H
#define MTL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

typedef struct progress {
    FILE *out;              /* NULL: no progress line */
    bool shown;             /* a line is on the terminal */
    bool share;             /* the report goes to the same terminal */
    size_t total, done;
    struct timespec start, drawn;
} progress;

/* Starts counting. The line is drawn only when `on` (stderr is a
 * terminal and the user did not ask for quiet), once the run has more
 * than 50 files or has taken more than a second. */
void progress_start(progress *p, size_t total, bool on, bool stdout_tty);
/* Takes the line off the terminal before something else is written
 * there (a message, or the report when it goes to the same terminal). */
void progress_clear(progress *p);
/* One more file done, `findings` in all so far; redraws at most ten
 * times a second. */
void progress_step(progress *p, size_t findings);
void progress_end(progress *p);

#endif
