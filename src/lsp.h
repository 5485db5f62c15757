/* lsp.h - `mtlint --lsp`: a language server (LSP 3.17) on standard input
 * and output, a front end beside the command line. It opens one session
 * (hence one engine per configuration) for its whole life, reopened only
 * when a configuration or word list changes, and checks the editor's
 * in-memory text exactly as the command line checks a file. */
#ifndef MTL_LSP_H
#define MTL_LSP_H

#include "cli.h"

/* Serves until the client sends `exit` or goes away. Returns the exit
 * status: 0 after shutdown then exit, 1 otherwise (LSP's rule). */
int lsp_run(const cli_options *o, const char *data_dir);

#endif
