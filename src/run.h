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

/* Expands o->paths, checks every file (o->jobs workers; 0 = automatic)
 * and reports through sink, counting into sum. Each file is filtered by
 * the min severity of its configuration, and *failing counts the files
 * with a finding at or above their own fail level. A failed write (the
 * sink's `failed`, e.g. a closed pipe) stops the output, not the counting.
 * `ses` is the run's session; with several workers each checks with its
 * own forks of its engines (session_worker). */
run_status run_check(session *ses, const cli_options *o, mtl_sink *sink, mtl_summary *sum, size_t *failing);

#endif
