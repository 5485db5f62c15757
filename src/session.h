/* session.h - one run of the command: the settings of the command line
 * merged with each .mtlint.yml that applies, and one engine per distinct
 * configuration (most runs have one). The command line wins over the file;
 * list settings (words, rules, enable, disable) add up, file first. */
#ifndef MTL_SESSION_H
#define MTL_SESSION_H

#include "cli.h"
#include "mtlint.h"

typedef struct session session;

/* Loads the run's configuration (--config, or the nearest .mtlint.yml
 * above the working directory) and opens its engine. NULL on error, with
 * every problem in diags. */
session *session_open(const cli_options *o, const char *data_dir, mtl_diags *diags);
void session_close(session *s);

/* The engine for a file: the one of the nearest configuration above it.
 * NULL when that configuration or its engine fails (diags filled). */
mtl_engine *session_engine_for(session *s, const char *path, mtl_diags *diags);
mtl_engine *session_main_engine(session *s);

/* Run-wide settings after merging: extensions, fail level, min severity. */
const char *const *session_exts(const session *s);
bool session_fail_none(const session *s);
mtl_severity session_fail_level(const session *s);
mtl_severity session_min_severity(const session *s);

#endif
