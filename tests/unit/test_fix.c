/* --fix: which findings are fixed, the edits, and the atomic rewrite. */
#include <dirent.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fix.h"
#include "source.h"
#include "testengine.h"
#include "util.h"

static mtl_finding fnd(size_t off, size_t len, const char *sugg, mtl_severity sev, mtl_category cat) {
    static const char *s[64];
    static int k;
    const char **slot = &s[k++ % 64];
    *slot = sugg;
    mtl_finding f = {.rule = "T.R", .severity = sev, .category = cat, .message = "m", .offset = off,
                     .length = len, .suggestions = sugg ? slot : NULL, .nsuggestions = sugg ? 1 : 0};
    return f;
}

START_TEST(only_single_safe_suggestions_apply) {
    mtl_finding two = fnd(0, 1, "x", MTL_WARNING, MTL_CAT_CALQUE);
    two.nsuggestions = 2;
    ck_assert(fix_applies(&(mtl_finding){0}) == false);
    ck_assert(!fix_applies(&two));
    mtl_finding info = fnd(0, 1, "x", MTL_INFO, MTL_CAT_CALQUE);
    ck_assert(!fix_applies(&info)); /* advice, not a defect */
    mtl_finding spell = fnd(0, 1, "x", MTL_WARNING, MTL_CAT_SPELLING);
    ck_assert(!fix_applies(&spell)); /* a guess */
    mtl_finding ok = fnd(0, 1, "x", MTL_ERROR, MTL_CAT_LOCALE);
    ck_assert(fix_applies(&ok));
}
END_TEST

START_TEST(edits_apply_in_order_and_skip_overlaps) {
    const char *t = "The the ruler said 3,5 percent .";
    mtl_finding f[] = {
        fnd(0, 7, "The", MTL_WARNING, MTL_CAT_GRAMMAR),
        fnd(4, 9, "the president", MTL_WARNING, MTL_CAT_TERMINOLOGY), /* overlaps the first */
        fnd(19, 3, "3.5", MTL_WARNING, MTL_CAT_LOCALE),
        fnd(30, 2, ".", MTL_WARNING, MTL_CAT_PUNCTUATION),
    };
    fix_mark m[4];
    size_t n, count;
    char *out = fix_apply(t, strlen(t), f, 4, NULL, m, &n, &count);
    ck_assert_str_eq(out, "The ruler said 3.5 percent.");
    ck_assert_uint_eq(n, strlen(out));
    ck_assert_uint_eq(count, 3);
    ck_assert(m[0] == FIX_DONE && m[1] == FIX_SKIPPED && m[2] == FIX_DONE && m[3] == FIX_DONE);
    free(out);
}
END_TEST

/* Each suggestion is encoded in the file's charset; one it cannot hold is
 * refused and leaves the bytes alone. */
START_TEST(suggestions_are_written_in_the_file_encoding) {
    static const struct {
        const char *charset, *in;
        size_t inlen, off, len;
        const char *sugg, *newline, *out;
        size_t outlen;
        fix_mark mark;
    } cases[] = {
        {NULL, "a ,b", 4, 1, 2, ",", NULL, "a,b", 3, FIX_DONE},
        {"UTF-8", "a b", 3, 1, 1, "\n", "\r\n", "a\r\nb", 4, FIX_DONE},
        {NULL, "a b", 3, 1, 1, "\n", "\r", "a\rb", 3, FIX_DONE},
        {"UTF-16LE", "a\0 \0,\0b\0", 8, 2, 4, ",", NULL, "a\0,\0b\0", 6, FIX_DONE},
        {"UTF-16BE", "\0a\0x", 4, 2, 2, "\u2019", NULL, "\0a\x20\x19", 4, FIX_DONE},
        {"UTF-32LE", "x\0\0\0", 4, 0, 4, "\u00e9", NULL, "\xe9\0\0\0", 4, FIX_DONE},
        {"windows-1252", "ax", 2, 1, 1, "\u2019", NULL, "a\x92", 2, FIX_DONE},
        {"ISO-8859-1", "ax", 2, 1, 1, "\u00e9", NULL, "a\xe9", 2, FIX_DONE},
        {"ISO-8859-1", "ax", 2, 1, 1, "\u2019", NULL, "ax", 2, FIX_UNENCODABLE},
        {"windows-1251", "ax", 2, 1, 1, "\u00e9", NULL, "ax", 2, FIX_UNENCODABLE},
        {"Shift_JIS", "ax", 2, 1, 1, "\u65e5", NULL, "a\x93\xfa", 3, FIX_DONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mtl_finding f = fnd(cases[i].off, cases[i].len, cases[i].sugg, MTL_WARNING, MTL_CAT_PUNCTUATION);
        fix_encoding enc = {.charset = cases[i].charset, .newline = cases[i].newline};
        fix_mark m;
        size_t n, count;
        char *out = fix_apply(cases[i].in, cases[i].inlen, &f, 1, &enc, &m, &n, &count);
        ck_assert_msg(out && n == cases[i].outlen && memcmp(out, cases[i].out, n) == 0, "case %zu", i);
        ck_assert_msg(m == cases[i].mark && count == (m == FIX_DONE), "case %zu", i);
        free(out);
    }
    /* a stateful charset cannot be edited piece by piece */
    mtl_finding f = fnd(0, 1, "y", MTL_WARNING, MTL_CAT_PUNCTUATION);
    size_t n, count;
    ck_assert_ptr_null(fix_apply("x", 1, &f, 1, &(fix_encoding){.charset = "ISO-2022-JP"}, NULL, &n, &count));
}
END_TEST

static char dir[256];

static void make_dir(void) {
    snprintf(dir, sizeof dir, "/tmp/mtlint-fix-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

START_TEST(rewrite_keeps_mode_and_leaves_no_temporary) {
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old text\n", fp);
    fclose(fp);
    chmod(path, 0640);
    char err[256];
    ck_assert(fix_write_file(path, "new text\n", 9, NULL, err, sizeof err));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    buf b = {0};
    fp = fopen(path, "r");
    char chunk[64];
    size_t k = fread(chunk, 1, sizeof chunk, fp);
    fclose(fp);
    buf_append(&b, chunk, k);
    ck_assert_str_eq(b.data, "new text\n");
    ck_assert_uint_eq(test_dir_entries(dir), 1);
    buf_free(&b);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(failed_rewrite_leaves_the_original) {
    char err[256];
    /* where no temporary file can be made: even root cannot create files
     * in /proc */
    ck_assert(!fix_write_file("/proc/version", "new\n", 4, NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "temporary file"));
    if (geteuid() == 0) return; /* root writes into read-only directories */
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("old\n", fp);
    fclose(fp);
    chmod(dir, 0500);
    ck_assert(!fix_write_file(path, "new\n", 4, NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "cannot fix"));
    chmod(dir, 0700);
    ck_assert_uint_eq(test_dir_entries(dir), 1);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(missing_file_is_an_error) {
    char err[256];
    ck_assert(!fix_write_file("/nonexistent/dir/a.txt", "x", 1, NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

/* ---- the command end to end ---- */

static const char *mtlint_bin(void) {
    const char *bin = getenv("MTLINT_BIN");
    return bin ? bin : test_path("mtlint");
}

static void put_file(const char *path, const char *data, size_t n) {
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, n, fp), n);
    fclose(fp);
}

static void get_file(const char *path, buf *b) {
    b->len = 0;
    char err[256];
    ck_assert_int_eq(source_read(path, b, err, sizeof err), SOURCE_OK);
}

/* Converts with the C library's iconv, independent of ICU. */
static void recode(const char *from, const char *to, const char *in, size_t n, buf *out) {
    iconv_t cd = iconv_open(to, from);
    ck_assert_msg(cd != (iconv_t)-1, "iconv %s -> %s", from, to);
    out->len = 0;
    buf_reserve(out, 4 * n + 16);
    char *src = (char *)in, *dst = out->data;
    size_t left = n, room = out->cap - 1;
    ck_assert_msg(iconv(cd, &src, &left, &dst, &room) != (size_t)-1, "iconv %s -> %s", from, to);
    out->len = (size_t)(dst - out->data);
    out->data[out->len] = '\0';
    iconv_close(cd);
}

/* Starts mtlint with argv[1..]; stdout goes to out_fd (closed when -1),
 * stderr to err_fd (/dev/null when -1), env_kv (NAME=VALUE) added to the
 * environment. */
static pid_t spawn(const char *const *argv, int out_fd, int err_fd, const char *env_kv) {
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(err_fd >= 0 ? err_fd : open("/dev/null", O_WRONLY), STDERR_FILENO);
        dup2(out_fd >= 0 ? out_fd : open("/dev/null", O_WRONLY), STDOUT_FILENO);
        if (env_kv) putenv((char *)env_kv);
        execv(mtlint_bin(), (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static int wait_status(pid_t pid) {
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    return st;
}

static void remove_dir(const char *d) {
    char *cmd = xasprintf("rm -rf '%s'", d);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
}

#define CRLF "\r\n"
/* Fixable in every Unicode charset: a doubled word, a space before a comma,
 * a decimal comma, a space inside a quotation, a quote turned the wrong way
 * (its fix writes a curly quote) and an HTML entity (writes U+2019). */
static const char uni_text[] =
    "Officials said the the talks ended , and prices rose 3,5 percent." CRLF CRLF
    "She said: \u201c We will return,\u201d said Jos\u00e9 N\u00fa\u00f1ez, and \u201dthat is all.\u201d "
    "The minister&rsquo;s aides agreed." CRLF;
static const char uni_fixed[] =
    "Officials said the talks ended, and prices rose 3.5 percent." CRLF CRLF
    "She said: \u201cWe will return,\u201d said Jos\u00e9 N\u00fa\u00f1ez, and \u201cthat is all.\u201d "
    "The minister\u2019s aides agreed." CRLF;
/* ISO-8859-1 has no U+2019: that one fix is refused, the others made. */
static const char latin_text[] =
    "Jos\u00e9 N\u00fa\u00f1ez said the the talks , with the minister&rsquo;s aides, ended in Bogot\u00e1 "
    "after a long day of talks about the economy.\n";
static const char latin_fixed[] =
    "Jos\u00e9 N\u00fa\u00f1ez said the talks, with the minister&rsquo;s aides, ended in Bogot\u00e1 "
    "after a long day of talks about the economy.\n";
static const char cyr_text[] =
    "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0441\u043a\u0430\u0437\u0430\u043b , "
    "\u0447\u0442\u043e the the \u0432\u0441\u0442\u0440\u0435\u0447\u0430 \u0431\u044b\u043b\u0430 "
    "\u0445\u043e\u0440\u043e\u0448\u0435\u0439 \u0438 \u0434\u043e\u043b\u0433\u043e\u0439.\n";
static const char cyr_fixed[] =
    "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0441\u043a\u0430\u0437\u0430\u043b, "
    "\u0447\u0442\u043e the \u0432\u0441\u0442\u0440\u0435\u0447\u0430 \u0431\u044b\u043b\u0430 "
    "\u0445\u043e\u0440\u043e\u0448\u0435\u0439 \u0438 \u0434\u043e\u043b\u0433\u043e\u0439.\n";

/* Every encoding the source module reads: the file is encoded, fixed by
 * the command, and its bytes decoded again must be the expected text
 * (the BOM kept). */
START_TEST(cli_writes_each_file_back_in_its_encoding) {
    static const struct {
        const char *charset; /* iconv name; NULL: text and expect are the raw bytes */
        const char *bom;
        size_t bomlen;
        const char *text, *expect;
        const char *option;  /* one more option, or NULL */
    } cases[] = {
        {"UTF-8", "", 0, uni_text, uni_fixed, NULL},
        {"UTF-8", "\xef\xbb\xbf", 3, uni_text, uni_fixed, NULL},
        {"UTF-16LE", "\xff\xfe", 2, uni_text, uni_fixed, NULL},
        {"UTF-16BE", "\xfe\xff", 2, uni_text, uni_fixed, NULL},
        {"UTF-16LE", "", 0, uni_text, uni_fixed, NULL},
        {"UTF-32LE", "\xff\xfe\0\0", 4, uni_text, uni_fixed, NULL},
        {"UTF-32BE", "\0\0\xfe\xff", 4, uni_text, uni_fixed, NULL},
        {"WINDOWS-1252", "", 0, uni_text, uni_fixed, NULL},
        {"WINDOWS-1252", "", 0, uni_text, uni_fixed, "--disable=MT.Encoding"},
        {"ISO-8859-1", "", 0, latin_text, latin_fixed, NULL},
        {"WINDOWS-1251", "", 0, cyr_text, cyr_fixed, NULL},
        {"KOI8-R", "", 0, cyr_text, cyr_fixed, "--disable=MT.Encoding"},
        /* UTF-8 with a stray windows-1252 byte (0xE9): edits are UTF-8 */
        {NULL, "", 0, "Caf\xe9 owners said the the \xe2\x80\x9c prices\xe2\x80\x9d rose.\n",
         "Caf\xe9 owners said the \xe2\x80\x9cprices\xe2\x80\x9d rose.\n", NULL},
    };
    make_dir();
    char *path = xasprintf("%s/article.txt", dir);
    buf in = {0}, got = {0}, text = {0};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf_append(&in, cases[i].bom, cases[i].bomlen);
        if (cases[i].charset) {
            recode("UTF-8", cases[i].charset, cases[i].text, strlen(cases[i].text), &text);
            buf_append(&in, text.data, text.len);
        } else {
            buf_puts(&in, cases[i].text);
        }
        put_file(path, in.data, in.len);
        const char *argv[] = {"mtlint", "--fix", "--no-spell", "-q", path, cases[i].option, NULL};
        int st = wait_status(spawn(argv, -1, -1, NULL));
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) != 2, "case %zu: exit %d", i, st);
        get_file(path, &got);
        ck_assert_msg(got.len >= cases[i].bomlen && memcmp(got.data, cases[i].bom, cases[i].bomlen) == 0,
                      "case %zu: BOM lost", i);
        text.len = 0;
        if (cases[i].charset)
            recode(cases[i].charset, "UTF-8", got.data + cases[i].bomlen, got.len - cases[i].bomlen, &text);
        else
            buf_append(&text, got.data, got.len);
        ck_assert_msg(strcmp(text.data, cases[i].expect) == 0, "case %zu (%s): got\n%s", i,
                      cases[i].charset ? cases[i].charset : "mixed", text.data);
        in.len = 0;
    }
    buf_free(&in);
    buf_free(&got);
    buf_free(&text);
    free(path);
    remove_dir(dir);
}
END_TEST

/* A big fixable file, slow to write (the test hook pauses between 64 KiB
 * chunks), is interrupted while its temporary file exists: the signal
 * still kills mtlint, and neither the temporary nor a changed original
 * remains. */
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};

START_TEST(interrupted_fix_leaves_no_temporary) {
    int sig = fatal_signals[_i];
    make_dir();
    char *path = xasprintf("%s/big.txt", dir);
    buf in = {0}, got = {0};
    while (in.len < 200000) buf_puts(&in, "Prices rose 3,5 percent , the the minister said on Monday.\n\n");
    put_file(path, in.data, in.len);
    const char *argv[] = {"mtlint", "--fix", "--no-spell", "-q", "-j1", path, NULL};
    pid_t pid = spawn(argv, -1, -1, "MTLINT_TEST_FIX_PAUSE_MS=200");
    bool seen = false;
    /* bounded wait for the temporary file to appear */
    for (int k = 0; k < 4000 && !seen; k++) {
        seen = test_dir_entries(dir) > 1;
        if (!seen) nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    kill(pid, sig);
    int st = wait_status(pid);
    ck_assert_msg(seen, "no temporary file seen");
    ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == sig, "signal %d: status %d", sig, st);
    ck_assert_uint_eq(test_dir_entries(dir), 1);
    get_file(path, &got);
    ck_assert(got.len == in.len && memcmp(got.data, in.data, in.len) == 0);
    buf_free(&in);
    buf_free(&got);
    free(path);
    remove_dir(dir);
}
END_TEST

/* `mtlint --fix DIR | head -1`: the reader is gone after the first file,
 * every file is fixed all the same; one that cannot be (its temporary
 * file's name would be too long) is named on stderr and the exit status
 * is 2. Bit 0 of the loop index: -j2; bit 1: add that file. */
START_TEST(closed_output_still_fixes_every_file) {
    const char *jobs = _i & 1 ? "-j2" : "-j1";
    bool unfixable = _i & 2;
    make_dir();
    enum { NFILES = 60 }; /* their findings overflow the 4 KiB stdout buffer */
    /* the headline keeps an info finding to print after the fix */
    const char *t = "Prices Rose In The City Of Lima\n\nPrices rose 3,5 percent , the the minister said.\n";
    for (int k = 0; k < NFILES; k++) {
        char *p = xasprintf("%s/f%d.txt", dir, k);
        put_file(p, t, strlen(t));
        free(p);
    }
    char longname[251];
    memset(longname, 'z', 246);
    strcpy(longname + 246, ".txt");
    char *bad = xasprintf("%s/%s", dir, longname), *e = xasprintf("%s.err", dir);
    if (unfixable) put_file(bad, t, strlen(t));
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    close(fds[0]); /* nobody reads */
    int err_fd = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const char *argv[] = {"mtlint", "--fix", "--no-spell", jobs, dir, NULL};
    pid_t pid = spawn(argv, fds[1], err_fd, NULL);
    close(fds[1]);
    close(err_fd);
    int st = wait_status(pid);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == (unfixable ? 2 : 0), "status %d", st);
    buf got = {0};
    for (int k = 0; k < NFILES; k++) {
        char *p = xasprintf("%s/f%d.txt", dir, k);
        get_file(p, &got);
        ck_assert_msg(strstr(got.data, "Prices rose 3.5 percent, the minister said.\n"), "f%d.txt not fixed", k);
        free(p);
    }
    get_file(e, &got);
    char *named = xasprintf("%s: cannot fix", longname);
    ck_assert_msg(!unfixable || strstr(got.data, named), "%s", got.data);
    buf_free(&got);
    unlink(e);
    free(named);
    free(bad);
    free(e);
    remove_dir(dir);
}
END_TEST

/* Through a symbolic link the target is fixed and the link stays a link;
 * owner, group and mode are kept. */
START_TEST(symlink_target_fixed_owner_kept) {
    make_dir();
    char *target = xasprintf("%s/target.txt", dir), *link = xasprintf("%s/link.txt", dir);
    put_file(target, "They said , then left.\n", 23);
    ck_assert_int_eq(symlink("target.txt", link), 0);
    chmod(target, 0640);
    /* root can give the file away: a fix must give it back */
    if (geteuid() == 0) ck_assert_int_eq(chown(target, 65534, 65534), 0);
    struct stat before, after, lst;
    ck_assert_int_eq(stat(target, &before), 0);
    const char *argv[] = {"mtlint", "--fix", "--no-spell", "-q", link, NULL};
    int st = wait_status(spawn(argv, -1, -1, NULL));
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
    ck_assert_int_eq(lstat(link, &lst), 0);
    ck_assert(S_ISLNK(lst.st_mode));
    char to[64] = "";
    ck_assert_int_eq(readlink(link, to, sizeof to - 1), 10);
    ck_assert_str_eq(to, "target.txt");
    ck_assert_int_eq(stat(target, &after), 0);
    ck_assert_uint_eq(after.st_uid, before.st_uid);
    ck_assert_uint_eq(after.st_gid, before.st_gid);
    ck_assert_uint_eq(after.st_mode & 07777, 0640);
    buf got = {0};
    get_file(target, &got);
    ck_assert_str_eq(got.data, "They said, then left.\n");
    ck_assert_uint_eq(test_dir_entries(dir), 2);
    buf_free(&got);
    free(target);
    free(link);
    remove_dir(dir);
}
END_TEST

/* A file with another hard link is replaced by a new file (the rewrite
 * stays atomic): the other name keeps the old text, and a note says so. */
START_TEST(hard_link_keeps_old_text_and_is_noted) {
    make_dir();
    char *a = xasprintf("%s/a.txt", dir), *b = xasprintf("%s/b.txt", dir), *e = xasprintf("%s/err", dir);
    const char *t = "They said , then left.\n";
    put_file(a, t, strlen(t));
    ck_assert_int_eq(link(a, b), 0);
    int err_fd = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const char *argv[] = {"mtlint", "--fix", "--no-spell", a, NULL};
    int st = wait_status(spawn(argv, -1, err_fd, NULL));
    close(err_fd);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
    buf got = {0};
    get_file(e, &got);
    ck_assert_msg(strstr(got.data, "a.txt: has 1 other hard link; the fixed file is a new file, they keep the old text"),
                  "%s", got.data);
    get_file(a, &got);
    ck_assert_str_eq(got.data, "They said, then left.\n");
    get_file(b, &got);
    ck_assert_str_eq(got.data, t);
    struct stat sa, sb;
    ck_assert(stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_ino != sb.st_ino && sb.st_nlink == 1);
    buf_free(&got);
    free(a);
    free(b);
    free(e);
    remove_dir(dir);
}
END_TEST

/* The command end to end: --fix rewrites a copy of a sample article and
 * reports only what it could not fix. */
START_TEST(cli_fixes_a_file) {
    const char *bin = getenv("MTLINT_BIN");
    if (!bin) bin = test_path("mtlint");
    make_dir();
    char *path = xasprintf("%s/a.txt", dir);
    FILE *fp = fopen(path, "w");
    fputs("Prices rose 3,5 percent , the the minister said.\n", fp);
    fclose(fp);
    char *cmd = xasprintf("%s --fix --no-spell -q %s > %s/out.txt 2>&1", bin, path, dir);
    int rc = system(cmd);
    ck_assert_int_eq(WEXITSTATUS(rc), 0); /* everything was fixed */
    fp = fopen(path, "r");
    char got[256] = "";
    ck_assert_ptr_nonnull(fgets(got, sizeof got, fp));
    fclose(fp);
    ck_assert_str_eq(got, "Prices rose 3.5 percent, the minister said.\n");
    char *out = xasprintf("%s/out.txt", dir);
    struct stat st;
    ck_assert_int_eq(stat(out, &st), 0);
    ck_assert_int_eq(st.st_size, 0); /* nothing left to report */
    ck_assert_uint_eq(test_dir_entries(dir), 2);
    unlink(out);
    unlink(path);
    rmdir(dir);
    free(out);
    free(cmd);
    free(path);
}
END_TEST

static Suite *fix_suite(void) {
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, only_single_safe_suggestions_apply);
    tcase_add_test(tc, edits_apply_in_order_and_skip_overlaps);
    tcase_add_test(tc, rewrite_keeps_mode_and_leaves_no_temporary);
    tcase_add_test(tc, failed_rewrite_leaves_the_original);
    tcase_add_test(tc, missing_file_is_an_error);
    tcase_add_test(tc, cli_fixes_a_file);
    tcase_add_test(tc, suggestions_are_written_in_the_file_encoding);
    tcase_add_test(tc, cli_writes_each_file_back_in_its_encoding);
    tcase_add_test(tc, symlink_target_fixed_owner_kept);
    tcase_add_test(tc, hard_link_keeps_old_text_and_is_noted);
    tcase_add_loop_test(tc, interrupted_fix_leaves_no_temporary, 0, (int)(sizeof fatal_signals / sizeof *fatal_signals));
    tcase_add_loop_test(tc, closed_output_still_fixes_every_file, 0, 4);
    /* a bound, not a measurement: these run the command on big files */
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(fix_suite)
