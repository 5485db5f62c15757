/* runcons.h - --consistency run: the consistency rules decided over all
 * the files of a run instead of within each one. The engine lists every
 * rendering of a name in a file (mtl_engine_renderings); once every file
 * is checked, the renderings of all of them are added here, in run order,
 * and the decision names the ones to report:
 *
 *   - Source.Consistency (renderings with a key): one source name written
 *     two ways across the run; the rarer rendering is reported, naming
 *     the usual one and the file that uses it most.
 *   - Names.Inconsistent (no key): two capitalised names of the run that
 *     are one spelled two ways (check_names_variants), unless the sources
 *     write both; the rarer is reported, naming the other.
 *
 * Of two renderings as frequent, the later in the run is the rarer. The
 * decision depends only on what was added and in which order, so output
 * is the same whatever the number of workers. */
#ifndef MTL_RUNCONS_H
#define MTL_RUNCONS_H

#include <stddef.h>

#include "mtlint.h"

typedef struct runcons runcons;

runcons *runcons_open(void);
void runcons_close(runcons *rc);

/* Adds the renderings of one file (files in run order, each once); name
 * is how messages call the file. Copies what it keeps. */
void runcons_add(runcons *rc, size_t file, const char *name, const mtl_rendering *r, size_t n);

/* A rendering to report: its file, its index in the list added for that
 * file, and the message (malloc'd; the callee takes it). */
typedef void (*runcons_report_fn)(void *ctx, size_t file, size_t index, char *message);

/* Decides over everything added, calling report for each rendering to
 * report, in a fixed order. */
void runcons_decide(runcons *rc, runcons_report_fn report, void *ctx);

#endif
