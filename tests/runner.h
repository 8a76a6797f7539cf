/*
 * runner.h — what the end-to-end test suites share: running the built
 * actnet binary (ACTNET_BIN) with its stdout and stderr captured, under
 * valgrind when ACTNET_VALGRIND is set (the valgrind test setup), a
 * per-test temporary directory, and line assertions on captured output.
 */
#ifndef ACTNET_TEST_RUNNER_H
#define ACTNET_TEST_RUNNER_H

#include <stddef.h>
#include <sys/types.h>

struct Suite;   /* check.h */

/* How to run actnet; {0} (or a NULL pointer) is the plain run. */
typedef struct runner_opts {
    const char *stdin_path;  /* NULL: /dev/null (unless stdin_fd) */
    int stdin_fd;            /* > 0: this descriptor is the standard input */
    int stdout_fd;           /* > 0: this descriptor is the standard output
                              * (nothing is captured: out is NULL) */
    const char *out_name;    /* NULL: stdout and stderr go to the files
                              * "stdout" and "stderr" of runner_tmp; else
                              * to runner_tmp/out_name and out_name.err,
                              * which stay there for the test to compare */
    long fsize_limit;        /* > 0: RLIMIT_FSIZE (and SIGXFSZ ignored) */
    int as_nobody;           /* drop root privileges to uid/gid 65534; if
                              * that is not possible, status is 99 */
    int ignore_sigpipe;      /* start with SIGPIPE ignored (else default) */
} runner_opts;

/* Exit status and captured output; free with run_free. */
typedef struct run_result {
    int status;              /* exit code, or 128 + signal */
    int signal;              /* the signal that ended it, or 0 */
    char *out;               /* standard output (NUL-terminated copy) */
    size_t out_len;          /* its length (it may hold NUL bytes) */
    char *err;               /* standard error */
    long maxrss_kb;          /* peak memory of the process */
} run_result;

/* The current test's temporary directory (made by runner_tmpdir). */
extern char runner_tmp[4096];

/* Makes runner_tmp, a new directory /tmp/actnet-TAG-XXXXXX. */
void runner_tmpdir(const char *tag);
/* Removes runner_tmp and everything in it (also entries a test made
 * unreadable). */
void runner_tmpdir_remove(void);
/* runner_tmp + "/" + name into buf; returns buf. */
char *runner_path(char *buf, size_t size, const char *name);
/* Makes the directory ACTNET_TEST_DATA/sub the current directory. */
void runner_chdir_data(const char *sub);

/* The seed corpus, ACTNET_SOURCE_ROOT/../shared/corpus/seeds, into buf;
 * returns whether it is there to read (it is not part of the
 * repository). */
int runner_seeds(char *buf, size_t size);

/* Whether each actnet run is itself run under valgrind (ACTNET_VALGRIND). */
int runner_under_valgrind(void);

/* The whole file as a NUL-terminated malloc'ed string (NULL if it cannot
 * be opened); *len gets its length when len is not NULL. */
char *runner_slurp(const char *path, size_t *len);

/*
 * Runs actnet with the NULL-terminated args in the current directory as
 * o says (NULL: the plain run), waits for it and reads back what it
 * captured.  A run that cannot be started fails the test; under
 * ACTNET_VALGRIND a memory error or leak (valgrind's exit status 97)
 * fails the test with valgrind's report.
 */
run_result runner_run_with(const runner_opts *o, const char *const *args);
/* runner_run_with with only standard input from stdin_path (NULL:
 * /dev/null). */
run_result runner_run(const char *stdin_path, const char *const *args);
/* The two halves of runner_run_with, for a test that acts on the process
 * while it runs: runner_start returns its pid, runner_wait (with the same
 * o) waits for it and gives the result. */
pid_t runner_start(const runner_opts *o, const char *const *args);
run_result runner_wait(pid_t pid, const runner_opts *o);
/* Frees r's output and clears r. */
void run_free(run_result *r);

/* Asserts that some line of text contains a and, when not NULL, b and c
 * (anywhere in the line). */
void assert_line(const char *text, const char *a, const char *b,
                 const char *c);
/* The same, with b after a and c after b in the line. */
void assert_line_ordered(const char *text, const char *a, const char *b,
                         const char *c);

/* Runs the suite s (which it frees); the exit status of a test program. */
int runner_main(struct Suite *s);

/* An argument list literal: ARGS("build", "-o", "x.dot"). */
#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

#endif /* ACTNET_TEST_RUNNER_H */
