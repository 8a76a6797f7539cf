/*
 * runner.c — running the actnet binary from the end-to-end suites; see
 * runner.h.
 */
#include "runner.h"

#include <check.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* The status a valgrind run exits with when it found errors or leaks. */
#define VALGRIND_STATUS 97
/* The statuses of a child that could not set up or start actnet. */
#define SETUP_FAILED 96
#define EXEC_FAILED 98
#define NOBODY_FAILED 99

char runner_tmp[4096];

/* The options of a plain run (runner_opts NULL). */
static const runner_opts plain;

void runner_tmpdir(const char *tag)
{
    snprintf(runner_tmp, sizeof(runner_tmp), "/tmp/actnet-%s-XXXXXX", tag);
    ck_assert_ptr_nonnull(mkdtemp(runner_tmp));
}

void runner_tmpdir_remove(void)
{
    char cmd[8400];
    /* the permission tests leave unreadable entries: make them readable */
    snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null; "
             "rm -rf '%s'", runner_tmp, runner_tmp);
    ck_assert_int_eq(system(cmd), 0);
}

char *runner_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", runner_tmp, name);
    return buf;
}

void runner_chdir_data(const char *sub)
{
    const char *d = getenv("ACTNET_TEST_DATA");
    char dir[4096];
    ck_assert_ptr_nonnull(d);
    snprintf(dir, sizeof(dir), "%s/%s", d, sub);
    ck_assert_msg(chdir(dir) == 0, "cannot enter %s", dir);
}

int runner_seeds(char *buf, size_t size)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    if (!root)
        return 0;
    snprintf(buf, size, "%s/../shared/corpus/seeds", root);
    return access(buf, R_OK) == 0;
}

int runner_under_valgrind(void)
{
    const char *v = getenv("ACTNET_VALGRIND");
    return v && *v && strcmp(v, "0") != 0;
}

char *runner_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap + 1);
    ck_assert_ptr_nonnull(s);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            s = realloc(s, cap + 1);
            ck_assert_ptr_nonnull(s);
        }
        size_t got = fread(s + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

/* Where the run o says keeps its standard output and error. */
static void capture_paths(const runner_opts *o, char *out, char *err,
                          size_t size)
{
    if (o->out_name) {
        char name[4096];
        runner_path(out, size, o->out_name);
        /* the name of stderr's file: out_name.err, beside it */
        snprintf(name, sizeof(name), "%.4000s.err", o->out_name);
        runner_path(err, size, name);
    } else {
        runner_path(out, size, "stdout");
        runner_path(err, size, "stderr");
    }
}

/* In the child: descriptors, limits and user as o says, then exec argv.
 * Never returns. */
static void child_exec(const runner_opts *o, const char *const *argv,
                       const char *out_path, const char *err_path)
{
    int in = o->stdin_fd > 0 ? o->stdin_fd
                             : open(o->stdin_path ? o->stdin_path
                                                  : "/dev/null",
                                    O_RDONLY);
    int out = o->stdout_fd > 0
                  ? o->stdout_fd
                  : open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 ||
        dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(SETUP_FAILED);
    if (o->fsize_limit > 0) {
        struct rlimit rl = {(rlim_t)o->fsize_limit, (rlim_t)o->fsize_limit};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(SETUP_FAILED);
    }
    signal(SIGPIPE, o->ignore_sigpipe ? SIG_IGN : SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (o->as_nobody && (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
                         setuid(65534) != 0))
        _exit(NOBODY_FAILED);
    execvp(argv[0], (char *const *)argv);
    _exit(EXEC_FAILED);
}

pid_t runner_start(const runner_opts *o, const char *const *args)
{
    static const char *const vg[] = {
        "valgrind", "-q", "--error-exitcode=97", "--leak-check=full",
        "--show-leak-kinds=definite,indirect",
        "--errors-for-leak-kinds=definite,indirect", "--vgdb=no", NULL};
    const char *bin = getenv("ACTNET_BIN");
    char out_path[4300], err_path[4300];
    const char *argv[128];
    size_t n = 0;

    if (!o)
        o = &plain;
    ck_assert_ptr_nonnull(bin);
    for (size_t i = 0; runner_under_valgrind() && vg[i]; i++)
        argv[n++] = vg[i];
    argv[n++] = bin;
    for (size_t i = 0; args[i]; i++) {
        ck_assert_uint_lt(n, sizeof(argv) / sizeof(argv[0]) - 1);
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    capture_paths(o, out_path, err_path, sizeof(out_path));

    fflush(NULL);   /* or the child's exit path could write them twice */
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        child_exec(o, argv, out_path, err_path);
    return pid;
}

run_result runner_wait(pid_t pid, const runner_opts *o)
{
    char out_path[4300], err_path[4300];
    run_result r;
    int st;
    struct rusage ru;

    if (!o)
        o = &plain;
    memset(&r, 0, sizeof(r));
    ck_assert_int_eq(wait4(pid, &st, 0, &ru), pid);
    r.signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + r.signal;
    r.maxrss_kb = ru.ru_maxrss;
    ck_assert_msg(r.status != SETUP_FAILED && r.status != EXEC_FAILED,
                  "could not start actnet (status %d)", r.status);
    capture_paths(o, out_path, err_path, sizeof(out_path));
    if (o->stdout_fd <= 0)
        r.out = runner_slurp(out_path, &r.out_len);
    r.err = runner_slurp(err_path, NULL);
    ck_assert_msg(r.status != VALGRIND_STATUS,
                  "valgrind found errors or leaks:\n%s", r.err);
    return r;
}

run_result runner_run_with(const runner_opts *o, const char *const *args)
{
    return runner_wait(runner_start(o, args), o);
}

run_result runner_run(const char *stdin_path, const char *const *args)
{
    runner_opts o = {0};
    o.stdin_path = stdin_path;
    return runner_run_with(&o, args);
}

void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof(*r));
}

/* Whether line holds a, b and c (NULL: not asked for); with ordered, each
 * after the one before. */
static int line_has(const char *line, const char *a, const char *b,
                    const char *c, int ordered)
{
    const char *x = strstr(line, a);
    if (!x)
        return 0;
    const char *from = ordered ? x + strlen(a) : line;
    if (b) {
        const char *y = strstr(from, b);
        if (!y)
            return 0;
        if (ordered)
            from = y + strlen(b);
    }
    return !c || strstr(from, c) != NULL;
}

static void assert_line_as(const char *text, const char *a, const char *b,
                           const char *c, int ordered)
{
    const char *p = text;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *line = strndup(p, len);
        ck_assert_ptr_nonnull(line);
        int ok = line_has(line, a, b, c, ordered);
        free(line);
        if (ok)
            return;
        p = e ? e + 1 : NULL;
    }
    ck_abort_msg("no line with '%s'%s'%s'%s'%s' in:\n%.4000s", a,
                 ordered ? " ... " : " ", b ? b : "", ordered ? " ... " : " ",
                 c ? c : "", text ? text : "(null)");
}

void assert_line(const char *text, const char *a, const char *b,
                 const char *c)
{
    assert_line_as(text, a, b, c, 0);
}

void assert_line_ordered(const char *text, const char *a, const char *b,
                         const char *c)
{
    assert_line_as(text, a, b, c, 1);
}

int runner_main(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
