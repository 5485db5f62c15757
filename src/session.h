/* session.h - one run of the command: the settings of the command line
 * merged with each .mtlint.yml that applies, and one engine per distinct
 * configuration (most runs have one). Every setting applies per file,
 * from the configuration that governs it (the nearest above it, or
 * --config); the command line wins over the file; list settings (words,
 * rules, enable, disable) add up, file first. */
#ifndef MTL_SESSION_H
#define MTL_SESSION_H

#include "cli.h"
#include "mtlint.h"

typedef struct session session;

/* Loads the configuration of the working directory (--config, or the
 * nearest .mtlint.yml above it) and opens its engine, the one that
 * --list-rules and --test-examples use. NULL on error, with every problem
 * in diags. */
session *session_open(const cli_options *o, const char *data_dir, mtl_diags *diags);
void session_close(session *s);

mtl_engine *session_main_engine(session *s);

/* Whether the consistency rules decide over the whole run (--consistency
 * run, or `consistency: run` in the working directory's configuration). */
bool session_consistency_run(const session *s);

/* What governs one file: its engine and its levels. */
typedef struct session_target {
    mtl_engine *engine;
    mtl_severity min_severity;  /* findings below are not reported */
    bool fail_none;             /* fail-level none */
    mtl_severity fail_level;    /* the file fails the run at or above it */
    bool has_min_score;         /* the file fails the run when it scores below min_score */
    double min_score;
    const char *source_dir;     /* --source-dir, else the configuration's; or NULL */
    const char *source_lang;    /* --source, else the configuration's; or NULL */
} session_target;

/* The target for a file: the configuration nearest above it; for "-",
 * the one above --stdin-filename (or the working directory's). False when
 * that configuration or its engine fails; its problems go to diags the
 * first time, and the engine's notes to notes. */
bool session_target_for(session *s, const char *path, session_target *t, mtl_diags *diags, mtl_diags *notes);

/* A worker thread's view of the session (-j): session_target_for, with
 * the engine replaced by the worker's own fork of it (mtl_engine_fork),
 * made the first time the worker meets that engine. Configurations and
 * engines are still opened once, by whichever worker meets them first;
 * the session serialises that. A configuration's problems and its
 * engine's notes go to every file it governs (workers take the files in
 * no set order; the caller says each once). The session must not be used
 * otherwise while workers are open. */
typedef struct session_worker session_worker;
session_worker *session_worker_open(session *s);
bool session_worker_target_for(session_worker *w, const char *path, session_target *t, mtl_diags *diags,
                               mtl_diags *notes);
void session_worker_close(session_worker *w);

/* Makes the worker's fork of the working directory's engine now, which
 * touches that engine only: a worker may do it while the caller still
 * scans the directories (session_exts_for), so that it starts checking
 * as soon as the list of files is known. */
void session_worker_prefork(session_worker *w);

/* The extensions a directory scan takes in dir: --ext, else the `ext` of
 * the configuration that governs dir, else the default. Problems of that
 * configuration go to diags, once. */
const char *const *session_exts_for(session *s, const char *dir, mtl_diags *diags);

#endif
