/* run.h - checks every input of a command and reports it in order. */
#ifndef MTL_RUN_H
#define MTL_RUN_H

#include "cli.h"
#include "mtlint.h"
#include "session.h"

typedef enum {
    RUN_OK,             /* every file checked */
    RUN_TROUBLE         /* some file could not be read or configured */
} run_status;

/* The threads of a run's workers 1 to N - 1, started before the session
 * opens and idle until run_check gives them work: on a virtual machine a
 * new thread may wait milliseconds for a CPU, which the session's opening
 * hides. NULL when the run will have one worker: -j 1, or the default -j
 * on one CPU or for one file (what an editor or a hook asks); the
 * default -j starts one per CPU for a directory or several files, and
 * the count of files decides later how many of them check. */
typedef struct run_crew run_crew;
run_crew *run_crew_start(const cli_options *o);
/* Ends the threads run_check did not use and frees the crew. */
void run_crew_close(run_crew *c);

/* Expands o->paths, checks every file (o->jobs workers; 0 = automatic)
 * and reports through sink, counting into sum. Each file is filtered by
 * the min severity of its configuration, and *failing counts the files
 * with a finding at or above their own fail level. A failed write (the
 * sink's `failed`, e.g. a closed pipe) stops the output, not the counting.
 * `ses` is the run's session; with several workers each checks with its
 * own forks of its engines (session_worker), on the crew's threads when
 * there is one (else threads started here). */
run_status run_check(session *ses, const cli_options *o, run_crew *crew, mtl_sink *sink, mtl_summary *sum,
                     size_t *failing);

#endif
