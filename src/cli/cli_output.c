/*
 * cli_output.c — where the output of an actnet command goes (-o PATH).
 *
 * A regular file is replaced whole or not at all: the output is written
 * to an unnamed temporary file in the target's directory (O_TMPFILE, so
 * that nothing is left behind whatever kills the process, SIGKILL
 * included), synced, and linked in place at commit.  Where the file
 * system has no O_TMPFILE, a named temporary file (".NAME.XXXXXX") is
 * used instead, and the catchable fatal signals remove it.
 *
 * What is not a regular file is not replaced: a device, a FIFO and
 * /dev/stdout, /dev/stderr, /dev/fd/N are written through (as root,
 * replacing /dev/null by a regular file breaks the system); a symbolic
 * link is followed and its final target replaced, the link kept; an
 * existing file keeps its mode and owner.  A file whose owner cannot be
 * kept (another user's, as non-root), that has other hard links, or
 * whose directory is not writable is rewritten in place, from a complete
 * temporary copy, at commit.  A socket, a directory or a loop of links
 * is refused with a message.  See cli.h.
 */
#define _GNU_SOURCE 1   /* O_TMPFILE, linkat's AT_EMPTY_PATH */

#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    OUT_NONE,
    OUT_STDOUT,     /* "-": the process's standard output */
    OUT_THROUGH,    /* a device, a FIFO, /dev/fd/N: written as it comes */
    OUT_REPLACE,    /* a temporary file that replaces the target */
    OUT_INPLACE     /* a temporary copy written over the target at commit */
};

int cli_stdout_reported;

#define CLI_MAX_TMP 32
/* The named temporary files that exist now; read by the signal handler. */
static char *volatile tmp_files[CLI_MAX_TMP];
/* The fatal signals whose default action would leave a named temporary
 * file: with O_TMPFILE there is one only for the instant of the rename. */
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE,
                                      SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2,
                                      SIGXCPU, SIGVTALRM, SIGPROF};
#define N_CLEANUP_SIGNALS (sizeof(cleanup_signals) / sizeof(int))

/* Removes the temporary files, then dies of the signal (the handler is
 * reset on entry and the signal is blocked until it returns). */
static void on_fatal_signal(int sig)
{
    int saved = errno;
    for (size_t i = 0; i < CLI_MAX_TMP; i++) {
        char *p = tmp_files[i];
        if (p)
            unlink(p);
    }
    raise(sig);
    errno = saved;
}

/* Installs the handlers once: signals the parent ignores stay ignored;
 * SIGXFSZ is ignored so that a file size limit fails the write. */
static void install_signal_handlers(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    signal(SIGXFSZ, SIG_IGN);
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Blocks (block = 1) the cleanup signals around the creation of a named
 * file and its registration, so that the handler always knows it (worker
 * threads block all signals, so this thread is the one that takes
 * them); the previous mask goes to / comes from *old. */
static void block_cleanup_signals(int block, sigset_t *old)
{
    if (block) {
        sigset_t set;
        sigemptyset(&set);
        for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
            sigaddset(&set, cleanup_signals[i]);
        pthread_sigmask(SIG_BLOCK, &set, old);
    } else {
        pthread_sigmask(SIG_SETMASK, old, NULL);
    }
}

/* Registers (on = 1) or forgets a named temporary file for the handler. */
static void track_tmp(char *path, int on)
{
    for (size_t i = 0; i < CLI_MAX_TMP; i++) {
        if (on && !tmp_files[i]) {
            tmp_files[i] = path;
            return;
        }
        if (!on && tmp_files[i] == path) {
            tmp_files[i] = NULL;
            return;
        }
    }
}

/* The descriptor N of "/dev/fd/N", "/proc/self/fd/N" or
 * "/proc/PID/fd/N" (PID this process), /dev/stdin|stdout|stderr; -1 for
 * any other path. */
static int fd_path(const char *p)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout",
                                      "/dev/stderr"};
    for (int i = 0; i < 3; i++)
        if (strcmp(p, std[i]) == 0)
            return i;
    char self[64];
    snprintf(self, sizeof(self), "/proc/%ld/fd/", (long)getpid());
    const char *n = NULL;
    if (strncmp(p, "/dev/fd/", 8) == 0)
        n = p + 8;
    else if (strncmp(p, "/proc/self/fd/", 14) == 0)
        n = p + 14;
    else if (strncmp(p, self, strlen(self)) == 0)
        n = p + strlen(self);
    if (!n || *n < '0' || *n > '9')
        return -1;
    char *end;
    long v = strtol(n, &end, 10);
    return *end || v > INT_MAX ? -1 : (int)v;
}

/*
 * Follows path's symbolic links (of its last component) to the name that
 * is to be written; the result is malloc'd.  *fdn is set to N when the
 * chain reaches a descriptor path (/dev/stdout, /dev/fd/N: the
 * descriptor itself is written), else -1.  NULL with errno (ELOOP after
 * 40 links) on failure.
 */
static char *follow_links(const char *path, int *fdn)
{
    char *cur = strdup(path);
    *fdn = -1;
    for (int hops = 0; cur && hops <= 40; hops++) {
        struct stat st;
        if ((*fdn = fd_path(cur)) >= 0)
            return cur;
        if (lstat(cur, &st) || !S_ISLNK(st.st_mode))
            return cur;   /* what is there, or the name of a new file */
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof(target) - 1);
        if (n < 0)
            break;
        target[n] = '\0';
        char *next;
        const char *slash = strrchr(cur, '/');
        if (target[0] == '/' || !slash) {
            next = strdup(target);
        } else {
            size_t dl = (size_t)(slash - cur) + 1;
            next = malloc(dl + (size_t)n + 1);
            if (next) {
                memcpy(next, cur, dl);
                memcpy(next + dl, target, (size_t)n + 1);
            }
        }
        free(cur);
        cur = next;
    }
    int e = cur ? ELOOP : errno ? errno : ENOMEM;
    free(cur);
    errno = e;
    return NULL;
}

/* The directory part of path ("." when it has none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Opens an unnamed temporary file in dir (O_TMPFILE); -1 with errno when
 * the file system or kernel has none. */
static int open_unnamed(const char *dir, mode_t mode)
{
#ifdef O_TMPFILE
    return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
#else
    (void)dir;
    (void)mode;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

/* Opens a named temporary file ".NAME.XXXXXX" beside path, registered
 * with the signal handler; *tmp gets its name. */
static int open_named(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t need = strlen(path) + 16;
    *tmp = malloc(need);
    if (!*tmp) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(*tmp, need, "%.*s.%s.XXXXXX", (int)dirlen, path,
             path + dirlen);
    sigset_t old;
    block_cleanup_signals(1, &old);
    int fd = mkostemp(*tmp, O_CLOEXEC);
    if (fd >= 0)
        track_tmp(*tmp, 1);
    block_cleanup_signals(0, &old);
    if (fd < 0) {
        int e = errno;
        free(*tmp);
        *tmp = NULL;
        errno = e;
    }
    return fd;
}

/* Removes and forgets a named temporary file. */
static void drop_named(cli_output *o)
{
    if (o->tmp) {
        unlink(o->tmp);
        track_tmp(o->tmp, 0);
        free(o->tmp);
        o->tmp = NULL;
    }
}

static void output_clear(cli_output *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    drop_named(o);
    if (o->kind == OUT_INPLACE && o->target_fd >= 0)
        close(o->target_fd);
    free(o->path);
    free(o->final);
    memset(o, 0, sizeof(*o));
    o->target_fd = -1;
}

static const char *type_name(mode_t m)
{
    return S_ISSOCK(m) ? "a socket" : S_ISDIR(m) ? "a directory"
                                                 : "not a file";
}

/* The mode a new file gets from a plain fopen. */
static mode_t default_mode(void)
{
    mode_t um = umask(0);
    umask(um);
    return 0666 & ~um;
}

/* Opens the temporary file of a regular target: *st describes the
 * existing file (have = 1) or nothing.  0 / -1 reported. */
static int open_regular(cli_output *o, const struct stat *st, int have)
{
    char *dir = dir_of(o->final);
    int fd = -1, e = 0;
    mode_t mode = have ? (st->st_mode & 07777) : default_mode();
    if (!dir) {
        cli_errorf("out of memory");
        return -1;
    }
    o->kind = OUT_REPLACE;
    if (have && st->st_nlink > 1)
        o->kind = OUT_INPLACE;   /* a rename would cut the other links */
    if (o->kind == OUT_REPLACE) {
        fd = open_unnamed(dir, mode);
        /* old kernels say EISDIR, file systems without it EOPNOTSUPP */
        if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
                       errno == EINVAL))
            fd = open_named(o->final, &o->tmp);
        e = errno;
        struct stat now;
        if (fd >= 0 && have && fstat(fd, &now) == 0) {
            /* keep the mode (umask does not apply to fchmod) and owner */
            fchmod(fd, mode);
            if ((st->st_uid != now.st_uid || st->st_gid != now.st_gid) &&
                fchown(fd, st->st_uid, st->st_gid)) {
                close(fd);
                drop_named(o);
                fd = -1;
                o->kind = OUT_INPLACE;   /* cannot give it that owner */
            }
        } else if (fd < 0 && have && (e == EACCES || e == EROFS)) {
            o->kind = OUT_INPLACE;   /* the directory is not writable */
        }
    }
    if (o->kind == OUT_INPLACE) {
        /* the target opened now, so that a refusal comes before any
         * work; it is truncated only at commit */
        o->target_fd = open(o->final, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (o->target_fd < 0) {
            e = errno;
        } else {
            fd = open_unnamed(dir, 0600);
            if (fd < 0) {
                FILE *t = tmpfile();
                fd = t ? dup(fileno(t)) : -1;
                if (t)
                    fclose(t);
            }
            e = errno;
        }
    }
    free(dir);
    if (fd < 0) {
        if (o->kind == OUT_INPLACE)
            cli_errorf("%s: cannot write the output file: %s", o->path,
                       strerror(e));
        else
            cli_errorf("%s: cannot create the output file: %s; check that "
                       "its directory exists and is writable", o->path,
                       strerror(e));
        return -1;
    }
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        close(fd);
        cli_errorf("%s: %s", o->path, strerror(errno));
        return -1;
    }
    return 0;
}

int cli_output_open(cli_output *o, const char *path)
{
    memset(o, 0, sizeof(*o));
    o->target_fd = -1;
    install_signal_handlers();
    if (strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->kind = OUT_STDOUT;
        return 0;
    }
    int fdn;
    o->path = strdup(path);
    o->final = follow_links(path, &fdn);
    if (!o->path || !o->final) {
        if (o->path && errno == ELOOP)
            cli_errorf("%s: too many levels of symbolic links (a loop?); "
                       "give a path that leads to a file", path);
        else if (o->path && errno != ENOMEM)
            cli_errorf("%s: cannot follow the symbolic link: %s", path,
                       strerror(errno));
        else
            cli_errorf("out of memory");
        goto fail;
    }
    if (fdn >= 0) {
        /* /dev/stdout and the like: the descriptor this process has */
        int fd = dup(fdn);
        if (fd >= 0)
            fcntl(fd, F_SETFD, FD_CLOEXEC);
        o->fp = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!o->fp) {
            cli_errorf("%s: cannot write to descriptor %d: %s", path, fdn,
                       strerror(errno));
            if (fd >= 0)
                close(fd);
            goto fail;
        }
        o->kind = OUT_THROUGH;
        return 0;
    }
    struct stat st;
    int have = stat(o->final, &st) == 0;
    if (!have && errno != ENOENT) {
        cli_errorf("%s: cannot write the output file: %s", path,
                   strerror(errno));
        goto fail;
    }
    if (have && S_ISDIR(st.st_mode)) {
        cli_errorf("%s: is a directory; give the name of the file to write "
                   "(such as %s/out%s)", path, path,
                   strrchr(path, '.') ? strrchr(path, '.') : ".tsv");
        goto fail;
    }
    if (have && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
                 S_ISFIFO(st.st_mode))) {
        /* written through; opening a FIFO waits for its reader */
        int fd = open(o->final, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        o->fp = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!o->fp) {
            cli_errorf("%s: cannot write to it: %s", path, strerror(errno));
            if (fd >= 0)
                close(fd);
            goto fail;
        }
        o->kind = OUT_THROUGH;
        return 0;
    }
    if (have && !S_ISREG(st.st_mode)) {
        cli_errorf("%s: is %s; actnet writes to files, devices and FIFOs",
                   path, type_name(st.st_mode));
        goto fail;
    }
    if (open_regular(o, &st, have))
        goto fail;
    return 0;
fail:
    output_clear(o);
    return -1;
}

/* Makes the synced temporary file the target: linked in place (unnamed)
 * or renamed (named).  0, or -1 with errno. */
static int link_in_place(cli_output *o, int fd)
{
    if (o->tmp)
        return rename(o->tmp, o->final);
    char proc[64];
    snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
    /* linkat cannot replace a file: a new target is linked directly,
     * an existing one through a fresh name that is renamed over it */
    if (linkat(AT_FDCWD, proc, AT_FDCWD, o->final, AT_SYMLINK_FOLLOW) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    const char *slash = strrchr(o->final, '/');
    size_t dirlen = slash ? (size_t)(slash - o->final) + 1 : 0;
    size_t need = strlen(o->final) + 24;
    for (unsigned tries = 0; tries < 100; tries++) {
        char *name = malloc(need);
        if (!name) {
            errno = ENOMEM;
            return -1;
        }
        snprintf(name, need, "%.*s.%s.%08lx", (int)dirlen, o->final,
                 o->final + dirlen,
                 (unsigned long)(((unsigned long)getpid() << 12) ^
                                 (unsigned long)time(NULL) ^ tries * 7919u) &
                     0xffffffffu);
        sigset_t old;
        block_cleanup_signals(1, &old);
        int r = linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
        if (r == 0) {
            o->tmp = name;
            track_tmp(name, 1);
        }
        block_cleanup_signals(0, &old);
        if (r == 0)
            return rename(o->tmp, o->final);
        free(name);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

/* Copies the complete temporary file over the target (OUT_INPLACE).
 * 0, or -1 with errno. */
static int copy_over(cli_output *o, int fd)
{
    char buf[1 << 16];
    if (lseek(fd, 0, SEEK_SET) < 0 || ftruncate(o->target_fd, 0))
        return -1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(o->target_fd, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return -1;
            off += w;
        }
    }
    return fsync(o->target_fd) && errno != EINVAL ? -1 : 0;
}

/* Syncs the directory of the target, so that the new name survives a
 * crash too (best effort: some file systems refuse). */
static void sync_dir(const char *final)
{
    char *dir = dir_of(final);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int cli_output_commit(cli_output *o)
{
    int rc = 0;
    if (!o->fp)
        return -1;
    if (o->kind == OUT_STDOUT) {
        errno = 0;
        if (fflush(stdout) || ferror(stdout)) {
            int e = errno ? errno : o->err ? o->err : EIO;
            if (e != EPIPE)   /* a closed pipe ends quietly */
                cli_errorf("standard output: %s", strerror(e));
            cli_stdout_reported = 1;
            rc = -1;
        }
        o->fp = NULL;
        output_clear(o);
        return rc;
    }
    int bad = ferror(o->fp);
    errno = 0;
    if (fflush(o->fp) || bad) {
        int e = errno ? errno : o->err ? o->err : EIO;
        if (o->kind == OUT_THROUGH && e == EPIPE)
            rc = -1;   /* the FIFO's reader left: quietly, as stdout */
        else
            cli_errorf("%s: writing failed: %s%s", o->path, strerror(e),
                       o->kind == OUT_THROUGH ? "" : "; nothing was written");
        output_clear(o);
        return -1;
    }
    int fd = fileno(o->fp);
    if (o->kind == OUT_THROUGH) {
        /* a device or FIFO: nothing to sync, the close tells of errors */
        FILE *fp = o->fp;
        o->fp = NULL;
        if (fclose(fp)) {
            cli_errorf("%s: writing failed: %s", o->path, strerror(errno));
            rc = -1;
        }
        output_clear(o);
        return rc;
    }
    /* the data on disk before its name: a crash leaves the old file or
     * the new one, never an empty new one */
    if (fsync(fd)) {
        cli_errorf("%s: writing failed: %s; nothing was written", o->path,
                   strerror(errno));
        rc = -1;
    } else if (o->kind == OUT_INPLACE ? copy_over(o, fd)
                                      : link_in_place(o, fd)) {
        if (o->kind == OUT_INPLACE)
            cli_errorf("%s: rewriting the file failed: %s; it may be "
                       "incomplete", o->path, strerror(errno));
        else
            cli_errorf("%s: cannot replace the output file: %s; nothing was "
                       "written", o->path, strerror(errno));
        rc = -1;
    } else {
        if (o->tmp) {   /* renamed: the name is the target's now */
            track_tmp(o->tmp, 0);
            free(o->tmp);
            o->tmp = NULL;
        }
        if (o->kind == OUT_REPLACE)
            sync_dir(o->final);
    }
    FILE *fp = o->fp;
    o->fp = NULL;
    if (fclose(fp) && !rc) {
        cli_errorf("%s: writing failed: %s", o->path, strerror(errno));
        rc = -1;
    }
    output_clear(o);
    return rc;
}

int cli_output_failed(cli_output *o)
{
    if (!o->fp || !ferror(o->fp))
        return 0;
    if (!o->err)
        o->err = errno ? errno : EIO;
    return 1;
}

void cli_output_abort(cli_output *o)
{
    if (o->kind == OUT_STDOUT)
        o->fp = NULL;
    output_clear(o);
}
