/*
 * test_progress.c — the progress line of long runs: with standard error
 * on a terminal (a pseudo-terminal here) a run that lasts more than a
 * second shows "actnet: N documents, X MB, Y MB/s" on stderr, rewritten
 * in place and erased at the end; --quiet silences it; with standard
 * error not a terminal nothing but the diagnostics is printed.  The line
 * fits a narrow terminal and is erased before a warning; build ends
 * with one summary line unless --quiet.
 *
 * The run is made long by feeding JSON Lines on standard input slowly
 * (one document every 50 ms for about two seconds), so the test does not
 * depend on the speed of the machine.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DOCS 40

typedef struct slow_run {
    int status;
    char *err;      /* what reached stderr (NUL-terminated) */
    size_t err_len;
} slow_run;

/* Appends what fd has to read now (non-blocking) to r->err; returns 0 at
 * the end of the stream (EOF or EIO on a closed terminal), 1 otherwise. */
static int drain(int fd, slow_run *r, size_t *cap)
{
    for (;;) {
        if (r->err_len + 4096 + 1 > *cap) {
            *cap = *cap * 2 + 8192;
            r->err = realloc(r->err, *cap);
            ck_assert_ptr_nonnull(r->err);
        }
        ssize_t n = read(fd, r->err + r->err_len, 4096);
        if (n > 0) {
            r->err_len += (size_t)n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return 1;
        return 0;
    }
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/*
 * Runs `actnet entities --stdin-jsonl [--quiet] -` (under valgrind when
 * ACTNET_VALGRIND is set, as the other end-to-end suites), writing DOCS
 * documents to its standard input one every 50 ms once it has read the
 * first; its standard error is a new pseudo-terminal when tty, else a
 * pipe.
 */
typedef struct slow_opts {
    int cols;           /* > 0: the terminal's width */
    int bad_at;         /* > 0: document bad_at is not JSON (a warning) */
    const char *build;  /* run `build -o BUILD` instead of entities */
} slow_opts;

static slow_run run_slow_with(int tty, int quiet, const slow_opts *so);

static slow_run run_slow(int tty, int quiet)
{
    slow_opts so = {0, 0, NULL};
    return run_slow_with(tty, quiet, &so);
}

static slow_run run_slow_with(int tty, int quiet, const slow_opts *so)
{
    const char *bin = getenv("ACTNET_BIN");
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    char rules[4096];
    slow_run r = {0, NULL, 0};
    size_t cap = 0;
    int in[2], errfd[2];

    ck_assert_ptr_nonnull(bin);
    ck_assert_ptr_nonnull(root);
    snprintf(rules, sizeof(rules), "%s/rules", root);
    ck_assert_int_eq(pipe(in), 0);
    if (tty) {
        int m = posix_openpt(O_RDWR | O_NOCTTY);
        ck_assert_int_ge(m, 0);
        ck_assert_int_eq(grantpt(m), 0);
        ck_assert_int_eq(unlockpt(m), 0);
        const char *name = ptsname(m);
        ck_assert_ptr_nonnull(name);
        int s = open(name, O_RDWR | O_NOCTTY);
        ck_assert_int_ge(s, 0);
        if (so->cols > 0) {
            struct winsize ws = {24, (unsigned short)so->cols, 0, 0};
            ck_assert_int_eq(ioctl(s, TIOCSWINSZ, &ws), 0);
        }
        errfd[0] = m;
        errfd[1] = s;
    } else {
        ck_assert_int_eq(pipe(errfd), 0);
    }
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int out = open("/dev/null", O_WRONLY);
        if (out < 0 || dup2(in[0], 0) < 0 || dup2(out, 1) < 0 ||
            dup2(errfd[1], 2) < 0)
            _exit(96);
        close(in[1]);
        close(errfd[0]);
        const char *vg = getenv("ACTNET_VALGRIND");
        const char *argv[20];
        size_t n = 0;
        if (vg && *vg && strcmp(vg, "0") != 0) {
            argv[n++] = "valgrind";
            argv[n++] = "-q";
            argv[n++] = "--error-exitcode=97";
            argv[n++] = "--leak-check=full";
            argv[n++] = "--errors-for-leak-kinds=definite,indirect";
        }
        argv[n++] = bin;
        argv[n++] = so->build ? "build" : "entities";
        if (so->build) {
            argv[n++] = "-o";
            argv[n++] = so->build;
        }
        argv[n++] = "--rules";
        argv[n++] = rules;
        argv[n++] = "--stdin-jsonl";
        if (quiet)
            argv[n++] = "--quiet";
        argv[n++] = "-";
        argv[n] = NULL;
        execvp(argv[0], (char *const *)argv);
        _exit(98);
    }
    /* in[0] stays open here only to see when actnet has read the pipe */
    close(errfd[1]);
    ck_assert_int_eq(fcntl(errfd[0], F_SETFL, O_NONBLOCK), 0);
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < DOCS; i++) {
        char line[256];
        int n = i + 1 == so->bad_at
                    ? snprintf(line, sizeof(line), "not json %d\n", i)
                    : snprintf(line, sizeof(line),
                               "{\"id\":\"d%d\",\"text\":\"The European "
                               "Union urged Russia to talk to Ukraine "
                               "(%d).\"}\n", i, i);
        ck_assert_int_eq(write(in[1], line, (size_t)n), n);
        /* After the first document, wait (up to two minutes: valgrind
         * loads the rules slowly) until actnet has read it: its run has
         * begun, so the DOCS * 50 ms that follow are all run time. */
        for (int w = 0; i == 0 && w < 12000; w++) {
            int queued = 0;
            ck_assert_int_eq(ioctl(in[0], FIONREAD, &queued), 0);
            if (queued == 0)
                break;
            sleep_ms(10);
        }
        sleep_ms(50);
        drain(errfd[0], &r, &cap);
    }
    close(in[1]);
    close(in[0]);
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    /* what is left in the terminal's or pipe's buffer */
    ck_assert_int_eq(fcntl(errfd[0], F_SETFL, 0), 0);
    while (drain(errfd[0], &r, &cap))
        ;
    close(errfd[0]);
    if (!r.err) {
        r.err = calloc(1, 1);
        ck_assert_ptr_nonnull(r.err);
    }
    r.err[r.err_len] = '\0';
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    ck_assert_msg(r.status != 96 && r.status != 98,
                  "could not start %s", bin);
    ck_assert_msg(r.status != 97, "valgrind found errors or leaks:\n%s",
                  r.err);
    return r;
}

START_TEST(progress_on_terminal)
{
    slow_run r = run_slow(1, 0);
    ck_assert_int_eq(r.status, 0);
    /* the line, rewritten in place (carriage return, erase to the end) */
    ck_assert_msg(strstr(r.err, "\ractnet: ") != NULL,
                  "no progress line on the terminal:\n%s", r.err);
    ck_assert_msg(strstr(r.err, " documents, ") && strstr(r.err, " MB, ") &&
                  strstr(r.err, " MB/s"),
                  "progress line without documents, MB and rate:\n%s",
                  r.err);
    ck_assert_ptr_nonnull(strstr(r.err, "\033[K"));
    /* standard input has no known size: no percentage, no time left */
    ck_assert_ptr_null(strstr(r.err, " left"));
    /* erased at the end: the last bytes are the erase sequence (the
     * summary line comes only with diagnostics, there are none) */
    const char *erase = "\r\033[K";
    size_t el = strlen(erase);
    ck_assert_msg(r.err_len >= el &&
                  memcmp(r.err + r.err_len - el, erase, el) == 0,
                  "the progress line was not erased at the end:\n%s",
                  r.err);
    free(r.err);
}
END_TEST

START_TEST(progress_quiet)
{
    slow_run r = run_slow(1, 1);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(r.err_len == 0, "--quiet printed:\n%s", r.err);
    free(r.err);
}
END_TEST

START_TEST(progress_not_a_terminal)
{
    slow_run r = run_slow(0, 0);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.err, "documents,") == NULL &&
                  strchr(r.err, '\r') == NULL,
                  "progress printed to a pipe:\n%s", r.err);
    free(r.err);
}
END_TEST

/* On a narrow terminal every refresh fits the width (a longer line
 * wraps and leaves a row behind at each refresh), and a warning in the
 * middle of the run is printed on a line of its own: the progress line
 * is erased before it. */
START_TEST(progress_narrow_with_warning)
{
    slow_opts so = {30, 30, NULL};
    slow_run r = run_slow_with(1, 0, &so);
    ck_assert_int_eq(r.status, 0);
    int lines = 0;
    for (const char *p = strstr(r.err, "\ractnet: "); p;
         p = strstr(p + 1, "\ractnet: ")) {
        const char *end = strstr(p, "\033[K");
        ck_assert_ptr_nonnull(end);
        ck_assert_msg(end - p - 1 <= 29, "a progress line of %d columns on "
                      "a 30-column terminal:\n%s", (int)(end - p - 1), r.err);
        lines++;
    }
    ck_assert_msg(lines > 0, "no progress line:\n%s", r.err);
    const char *w = strstr(r.err, "actnet: -:30:");
    ck_assert_msg(w != NULL, "no warning about line 30:\n%s", r.err);
    /* the terminal turns "\n" into "\r\n" */
    ck_assert_msg(w == r.err || w[-1] == '\n' ||
                  (w - r.err >= 4 && !memcmp(w - 4, "\r\033[K", 4)),
                  "the warning follows the progress line:\n%s", r.err);
    free(r.err);
}
END_TEST

/* build ends with one summary line, after the progress line is erased,
 * on a terminal or not; --quiet leaves it out. */
START_TEST(build_summary_line)
{
    char out[] = "/tmp/actnet-progress-XXXXXX";
    int fd = mkstemp(out);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char path[64];
    snprintf(path, sizeof(path), "%s.gexf", out);
    slow_opts so = {0, 0, path};
    for (int tty = 0; tty <= 1; tty++) {
        slow_run r = run_slow_with(tty, 0, &so);
        ck_assert_int_eq(r.status, 0);
        char want[160];
        snprintf(want, sizeof(want), "actnet: %d documents, 3 nodes, 3 "
                 "edges; wrote %s", DOCS, path);
        const char *s = strstr(r.err, want);
        ck_assert_msg(s != NULL, "no summary '%s' in:\n%s", want, r.err);
        ck_assert_msg(strchr(s, '\r') == NULL || !strcmp(strchr(s, '\r'),
                      "\r\n"), "the summary is not the end:\n%s", r.err);
        ck_assert_msg(!strstr(r.err + 1, "actnet: ") ||
                      strstr(r.err, "actnet: ") == s || tty,
                      "more than the summary on a pipe:\n%s", r.err);
        free(r.err);
    }
    slow_run r = run_slow_with(1, 1, &so);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(r.err_len == 0, "--quiet printed:\n%s", r.err);
    free(r.err);
    unlink(path);
    unlink(out);
}
END_TEST

static Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("tty");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, progress_on_terminal);
    tcase_add_test(tc, progress_quiet);
    tcase_add_test(tc, progress_not_a_terminal);
    tcase_add_test(tc, progress_narrow_with_warning);
    tcase_add_test(tc, build_summary_line);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(progress_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
