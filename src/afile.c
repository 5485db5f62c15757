/* afile.c - atomic replacement of a file (afile.h). */
#include "afile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* ---- temporary files, removable from a signal handler ---- */

/* A slot per concurrent writer: -j allows 256 workers. A slot's path is
 * complete before its state becomes LIVE, so the handler never reads a
 * half-written name. */
#define TEMP_SLOTS 260
enum { SLOT_FREE, SLOT_CLAIMED, SLOT_LIVE };
static char temp_path[TEMP_SLOTS][PATH_MAX];
static atomic_int temp_state[TEMP_SLOTS];

void afile_remove_temporaries(void) {
    for (size_t i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_state[i]) == SLOT_LIVE) unlink(temp_path[i]);
}

static int claim_slot(void) {
    for (int i = 0; i < TEMP_SLOTS; i++) {
        int expect = SLOT_FREE;
        if (atomic_compare_exchange_strong(&temp_state[i], &expect, SLOT_CLAIMED)) return i;
    }
    errno = EBUSY;
    return -1;
}

/* Creates "<target>.mtlint-XXXXXX" in slot i, registered before it exists
 * so that no signal can leave it behind. */
static int create_temp(int i, const char *target) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static atomic_uint counter;
    for (int tries = 0; tries < 100; tries++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
            unsigned v = atomic_fetch_add(&counter, 1) * 2654435761u ^ (unsigned)getpid();
            for (size_t k = 0; k < sizeof r; k++) r[k] = (unsigned char)(v >> (k * 5));
        }
        atomic_store(&temp_state[i], SLOT_CLAIMED);
        int w = snprintf(temp_path[i], PATH_MAX, "%s.mtlint-", target);
        if (w < 0 || w + 7 > PATH_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        for (size_t k = 0; k < sizeof r; k++) temp_path[i][w + (int)k] = abc[r[k] % (sizeof abc - 1)];
        temp_path[i][w + 6] = '\0';
        atomic_store(&temp_state[i], SLOT_LIVE);
        int fd = open(temp_path[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

/* ---- the writer ---- */

struct afile {
    int fd, slot;
    char *target;
    afile_opts opts;
    bool had_file; /* st is the replaced file's */
    struct stat st;
};

/* Test hook: MTLINT_TEST_FIX_PAUSE_MS=N sleeps N ms between chunks, so
 * that a test can interrupt a rewrite midway and check that no temporary
 * file remains; a real write is over too fast to catch. */
static void test_pause(void) {
    const char *v = getenv("MTLINT_TEST_FIX_PAUSE_MS");
    long ms = v ? strtol(v, NULL, 10) : 0;
    if (ms > 0) nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

afile *afile_open(const char *path, afile_opts opts) {
    afile *f = xcalloc(1, sizeof *f);
    f->opts = opts;
    f->fd = -1;
    /* through a symbolic link, the file it names is the one replaced; a
     * path that does not exist yet is created as it is */
    f->target = realpath(path, NULL);
    if (!f->target) f->target = xstrdup(path);
    f->had_file = stat(f->target, &f->st) == 0;
    if (!f->had_file && opts.must_exist) {
        free(f->target);
        free(f);
        errno = ENOENT;
        return NULL;
    }
    f->slot = claim_slot();
    if (f->slot >= 0) f->fd = create_temp(f->slot, f->target);
    if (f->fd < 0) {
        int saved = errno;
        if (f->slot >= 0) atomic_store(&temp_state[f->slot], SLOT_FREE);
        free(f->target);
        free(f);
        errno = saved;
        return NULL;
    }
    return f;
}

size_t afile_old_links(const afile *f) { return f->had_file ? (size_t)f->st.st_nlink : 0; }

bool afile_write(afile *f, const void *p, size_t n) {
    enum { CHUNK = 1 << 16 };
    const char *c = p;
    while (n) {
        ssize_t w = write(f->fd, c, n < CHUNK ? n : CHUNK);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        c += w;
        n -= (size_t)w;
        if (n) test_pause();
    }
    return true;
}

/* Owner and group as the original's; a user who may not give the file away
 * still keeps its group when a member of it. */
static bool keep_owner(int fd, const struct stat *st) {
    if (fchown(fd, st->st_uid, st->st_gid) == 0) return true;
    if (errno != EPERM) return false;
    if (fchown(fd, (uid_t)-1, st->st_gid) != 0 && errno != EPERM) return false;
    return true;
}

static mode_t new_mode(const afile *f) {
    if (f->had_file) return f->st.st_mode & 07777;
    mode_t um = umask(0);
    umask(um);
    return 0666 & ~um;
}

static void release(afile *f) {
    atomic_store(&temp_state[f->slot], SLOT_FREE);
    free(f->target);
    free(f);
}

bool afile_commit(afile *f) {
    /* chown before chmod: chown clears the set-user-ID bits */
    bool ok = (!f->opts.keep_owner || !f->had_file || keep_owner(f->fd, &f->st)) && fchmod(f->fd, new_mode(f)) == 0 &&
              (!f->opts.sync || fsync(f->fd) == 0);
    int saved = errno;
    if (close(f->fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(temp_path[f->slot], f->target) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) unlink(temp_path[f->slot]);
    release(f);
    errno = saved;
    return ok;
}

void afile_abort(afile *f) {
    if (!f) return;
    int saved = errno;
    close(f->fd);
    unlink(temp_path[f->slot]);
    release(f);
    errno = saved;
}

bool afile_replace(const char *path, const void *data, size_t len, afile_opts opts) {
    afile *f = afile_open(path, opts);
    if (!f) return false;
    if (!afile_write(f, data, len)) {
        afile_abort(f);
        return false;
    }
    return afile_commit(f);
}
