/*
 * runner.h — what the end-to-end test suites share: running the built
 * actnet binary (ACTNET_BIN) with its stdout and stderr captured, under
 * valgrind when ACTNET_VALGRIND is set (the valgrind test setup), a
 * per-test temporary directory, and line assertions on captured output.
 */
#ifndef ACTNET_TEST_RUNNER_H
#define ACTNET_TEST_RUNNER_H

#include <stddef.h>

/* Exit status (or 128 + signal) and captured output; free with run_free. */
typedef struct run_result {
    int status;
    char *out;
    char *err;
} run_result;

/* The current test's temporary directory (made by runner_tmpdir). */
extern char runner_tmp[4096];

/* Makes runner_tmp, a new directory /tmp/actnet-TAG-XXXXXX. */
void runner_tmpdir(const char *tag);
/* Removes runner_tmp and everything in it. */
void runner_tmpdir_remove(void);
/* runner_tmp + "/" + name into buf; returns buf. */
char *runner_path(char *buf, size_t size, const char *name);

/* The whole file as a NUL-terminated malloc'ed string (NULL if it cannot
 * be opened); *len gets its length when len is not NULL. */
char *runner_slurp(const char *path, size_t *len);

/*
 * Runs actnet with the NULL-terminated args in the current directory,
 * standard input from stdin_path (NULL: /dev/null); stdout and stderr
 * go to files in runner_tmp and are read back.  Under ACTNET_VALGRIND a
 * memory error or leak fails the test.
 */
run_result runner_run(const char *stdin_path, const char *const *args);
void run_free(run_result *r);

/* Asserts that some line of text contains a and, when not NULL, b and c. */
void assert_line(const char *text, const char *a, const char *b,
                 const char *c);

/* An argument list literal: ARGS("build", "-o", "x.dot"). */
#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

#endif /* ACTNET_TEST_RUNNER_H */
