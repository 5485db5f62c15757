/* main.c - the mtlint command: parse options, run the engine over the
 * inputs, choose the exit status. Everything else is in libmtlint. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "files.h"
#include "fix.h"
#include "lsp.h"
#include "mtlint.h"
#include "run.h"
#include "session.h"

#ifndef MTL_DATADIR
#define MTL_DATADIR "/usr/local/share/mtlint"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_data(const char *dir) {
    char rules[PATH_MAX + 16], dicts[PATH_MAX + 16];
    snprintf(rules, sizeof rules, "%s/rules", dir);
    snprintf(dicts, sizeof dicts, "%s/dictionaries", dir);
    return is_dir(rules) || is_dir(dicts);
}

/* Where rules/ and dictionaries/ live: $MTLINT_DATADIR; else beside the
 * executable (a build in the source tree); else ../share/mtlint from it
 * (an installation, wherever its prefix); else the prefix compiled in. */
static void find_data_dir(char *out, size_t n) {
    const char *env = getenv("MTLINT_DATADIR");
    if (env && *env) {
        snprintf(out, n, "%s", env);
        return;
    }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = len > 0 ? (exe[len] = '\0', strrchr(exe, '/')) : NULL;
    if (slash) {
        *slash = '\0';
        char shared[PATH_MAX + 32];
        snprintf(shared, sizeof shared, "%s/../share/mtlint", exe);
        if (has_data(exe)) {
            snprintf(out, n, "%s", exe);
            return;
        }
        if (has_data(shared)) {
            snprintf(out, n, "%s", shared);
            return;
        }
    }
    snprintf(out, n, "%s", MTL_DATADIR);
}

static void print_diags(const mtl_diags *d) {
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "mtlint: %s\n", d->msg[i]);
}

static bool use_color(const cli_options *o) {
    if (o->color == CLI_COLOR_ALWAYS) return true;
    if (o->color == CLI_COLOR_NEVER) return false;
    const char *nc = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static int run_examples(mtl_engine *e, const cli_options *o) {
    mtl_diags fails = {0};
    size_t n = 0;
    size_t nfail = mtl_engine_test_examples(e, &n, &fails);
    for (size_t i = 0; i < fails.n; i++) fprintf(stderr, "%s\n", fails.msg[i]);
    if (!o->quiet || nfail) fprintf(stderr, "examples: %zu run, %zu failed\n", n, nfail);
    mtl_diags_free(&fails);
    return nfail ? EXIT_FINDINGS : EXIT_CLEAN;
}

static void print_summary(const mtl_summary *sum) {
    fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s, %zu info\n", sum->files,
            sum->files == 1 ? "" : "s", sum->count[MTL_ERROR], sum->count[MTL_ERROR] == 1 ? "" : "s",
            sum->count[MTL_WARNING], sum->count[MTL_WARNING] == 1 ? "" : "s", sum->count[MTL_INFO]);
}

/* --fix: a run interrupted while it rewrites a file removes its temporary
 * files, then dies of the signal as it would have (SA_RESETHAND: the
 * re-raised signal, pending until the handler returns, takes the default
 * action). Signals the caller ignores (nohup) stay ignored. */
static void on_fatal_signal(int sig) {
    afile_remove_temporaries();
    raise(sig);
}

static void catch_fatal_signals(void) {
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa = {.sa_handler = on_fatal_signal, .sa_flags = SA_RESETHAND}, old;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(sigs[i], &sa, NULL);
}

/* Ends the process without closing the session: the system takes its
 * memory back at once, where closing it piece by piece cost 6% of a
 * one-file run's instructions (the language server and the unit tests
 * close theirs). The session is left in a global, where leak checkers find
 * it reachable: a local need not outlive the call to exit. */
static session *volatile exit_kept;

static _Noreturn void exit_keeping(session *ses, int rc) {
    exit_kept = ses;
    exit(rc);
}

static int check_all(session *ses, const cli_options *o, run_crew *crew) {
    /* each file's min severity is applied as it is checked (run.c) */
    /* text: score lines with --summary, and for a person at a terminal */
    bool summary = o->format == MTL_FORMAT_TEXT && (o->summary || isatty(STDOUT_FILENO));
    mtl_sink_options so = {.color = use_color(o), .min_severity = MTL_INFO, .summary = summary,
                           .html_full_text = o->html_full_text};
    so.nrules = mtl_engine_rules(session_main_engine(ses), &so.rules);
    mtl_sink *sink = mtl_sink_open(o->format, stdout, &so);
    mtl_summary sum = {0};
    size_t failing = 0;
    run_status st = run_check(ses, o, crew, sink, &sum, &failing);
    /* the report is only whole once stdout is closed without error */
    int write_error = mtl_sink_close(sink);
    errno = 0;
    if (fclose(stdout) != 0 && !write_error) write_error = errno ? errno : EIO;
    if (write_error && write_error != EPIPE) {
        fprintf(stderr, "mtlint: cannot write report: %s\n", strerror(write_error));
        return EXIT_TROUBLE;
    }
    /* a closed pipe (`mtlint ... | head`) ends quietly, with the status
     * the findings and errors call for */
    if (!write_error && !o->quiet && isatty(STDERR_FILENO) && !summary) print_summary(&sum);
    if (!write_error && o->fix && !o->quiet)
        fprintf(stderr, "mtlint: %zu fix%s applied in %zu file%s\n", sum.fixes, sum.fixes == 1 ? "" : "es",
                sum.fixed_files, sum.fixed_files == 1 ? "" : "s");
    if (st == RUN_TROUBLE) return EXIT_TROUBLE;
    /* each file by its own fail level (its configuration's, or --fail-level) */
    return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* A descriptor 0-2 that the caller closed would be taken by the next
 * open(): --fix would then print the report into an article. Each closed
 * one gets /dev/null opened the wrong way round, so that using it fails
 * loudly (a report that cannot be written is an error) instead. */
static void guard_std_fds(void) {
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) {
            dup2(got, fd);
            close(got);
        }
    }
}

static void add_listed(void *ctx, char *path) { cli_add_path(ctx, path); }

/* --files-from: the listed paths join those of the command line (an
 * empty list is no error: a shard of an archive may be empty). */
static bool read_files_from(cli_options *o) {
    char err[256];
    bool list_stdin = strcmp(o->files_from, "-") == 0;
    for (size_t i = 0; list_stdin && i < o->paths.n; i++) {
        if (strcmp(o->paths.v[i], "-") == 0) {
            fprintf(stderr, "mtlint: --files-from - and the path - both read standard input\n");
            return false;
        }
    }
    if (!files_read_list(o->files_from, o->files_from_nul, add_listed, o, err, sizeof err)) {
        fprintf(stderr, "mtlint: --files-from %s: %s\n", o->files_from, err);
        return false;
    }
    return true;
}

/* Each document allocates and frees its arrays again. By default glibc
 * gives the top of a heap back to the kernel as soon as 128 KB of it are
 * free, and the next document faults the same pages in again: with -j,
 * each worker's heap shrinks and grows per file (on the BBC at -j 2, a
 * quarter of the page faults and about 9% of the CPU time). 4 MB of free
 * top kept (pages once touched) cost about 1.5 MB of peak memory there;
 * 16 MB would gain no more. */
static void keep_heap_top(void) {
#ifdef M_TOP_PAD
    mallopt(M_TOP_PAD, 4 << 20);
#endif
}

int main(int argc, char **argv) {
    keep_heap_top();
    guard_std_fds();
    /* a closed stdout must end the run through a failed write, quietly */
    signal(SIGPIPE, SIG_IGN);
    cli_options o;
    char err[512];
    if (!cli_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "mtlint: %s\nTry 'mtlint --help'.\n", err);
        cli_free(&o);
        return EXIT_TROUBLE;
    }
    if (o.help || o.version) {
        if (o.help) {
            char *u = cli_usage();
            fputs(u, stdout);
            free(u);
        } else {
            printf("mtlint %s\n", MTL_VERSION);
        }
        cli_free(&o);
        return EXIT_CLEAN;
    }
    if (o.files_from && !read_files_from(&o)) {
        cli_free(&o);
        return EXIT_TROUBLE;
    }
    if (!o.paths.n && !o.files_from && !o.list_rules && !o.test_examples && !o.lsp) {
        fprintf(stderr, "mtlint: no input files (use - for standard input)\nTry 'mtlint --help'.\n");
        cli_free(&o);
        return EXIT_TROUBLE;
    }
    char data[PATH_MAX + 64];
    find_data_dir(data, sizeof data);
    if (o.test_examples) o.cfg.all_sources = true;
    /* a run that checks reads only the rule files it may run; the rule
     * listing and SARIF's rule table describe every rule */
    o.cfg.skim_other_sources = !o.list_rules && !o.test_examples && !o.lsp && o.format != MTL_FORMAT_SARIF;
    if (o.lsp) {
        int lsp_rc = lsp_run(&o, data);
        cli_free(&o);
        return lsp_rc;
    }

    /* a checking run's other workers start first: see run_crew */
    run_crew *crew = o.list_rules || o.test_examples ? NULL : run_crew_start(&o);
    mtl_diags diags = {0};
    session *ses = session_open(&o, data, &diags);
    print_diags(&diags);
    mtl_diags_free(&diags);
    int rc;
    if (!ses) {
        rc = EXIT_TROUBLE;
    } else if (o.list_rules) {
        const mtl_rule_info *ri;
        size_t n = mtl_engine_rules(session_main_engine(ses), &ri);
        rc = EXIT_CLEAN;
        errno = 0;
        if (!mtl_list_rules(stdout, o.format, ri, n) && errno != EPIPE) {
            fprintf(stderr, "mtlint: cannot write report: %s\n", strerror(errno ? errno : EIO));
            rc = EXIT_TROUBLE;
        }
    } else if (o.test_examples) {
        rc = run_examples(session_main_engine(ses), &o);
    } else {
        if (o.fix) catch_fatal_signals();
        rc = check_all(ses, &o, crew);
    }
    run_crew_close(crew);
    cli_free(&o);
    exit_keeping(ses, rc);
}
