/* progress.c - the progress line. */
#include "progress.h"

enum { MANY_FILES = 50 };
static const double SLOW_RUN = 1.0, REDRAW = 0.1; /* seconds */

static double since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

void progress_start(progress *p, size_t total, bool on, bool stdout_tty) {
    *p = (progress){.out = on ? stderr : NULL, .share = stdout_tty, .total = total};
    clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void progress_clear(progress *p) {
    if (!p->shown) return;
    fputs("\r\033[K", p->out);
    fflush(p->out);
    p->shown = false;
}

/* "1:05" */
static void clock_text(char *b, size_t n, double s) {
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600) snprintf(b, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else snprintf(b, n, "%lu:%02lu", t / 60, t % 60);
}

void progress_step(progress *p, size_t findings) {
    p->done++;
    if (!p->out || p->done >= p->total) return;
    double elapsed = since(&p->start);
    if (p->total <= MANY_FILES && elapsed < SLOW_RUN) return;
    if (p->shown && since(&p->drawn) < REDRAW) return;
    if (p->share) fflush(stdout); /* the report first, then the line under it */
    char el[32], eta[32];
    clock_text(el, sizeof el, elapsed);
    clock_text(eta, sizeof eta, elapsed * (double)(p->total - p->done) / (double)p->done);
    fprintf(p->out, "\r\033[Kmtlint: %zu/%zu files, %zu finding%s, %s elapsed, ETA %s", p->done, p->total, findings,
            findings == 1 ? "" : "s", el, eta);
    fflush(p->out);
    p->shown = true;
    clock_gettime(CLOCK_MONOTONIC, &p->drawn);
}

void progress_end(progress *p) { progress_clear(p); }
