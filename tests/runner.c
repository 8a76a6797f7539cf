/*
 * runner.c — running the actnet binary from the end-to-end suites; see
 * runner.h.
 */
#include "runner.h"

#include <check.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char runner_tmp[4096];

void runner_tmpdir(const char *tag)
{
    snprintf(runner_tmp, sizeof(runner_tmp), "/tmp/actnet-%s-XXXXXX", tag);
    ck_assert_ptr_nonnull(mkdtemp(runner_tmp));
}

void runner_tmpdir_remove(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", runner_tmp);
    ck_assert_int_eq(system(cmd), 0);
}

char *runner_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", runner_tmp, name);
    return buf;
}

char *runner_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    if (len)
        *len = got;
    return s;
}

run_result runner_run(const char *stdin_path, const char *const *args)
{
    static const char *const vg[] = {
        "valgrind", "-q", "--error-exitcode=97", "--leak-check=full",
        "--show-leak-kinds=definite,indirect",
        "--errors-for-leak-kinds=definite,indirect", "--vgdb=no", NULL};
    const char *bin = getenv("ACTNET_BIN");
    const char *vg_env = getenv("ACTNET_VALGRIND");
    int valgrind = vg_env && *vg_env && strcmp(vg_env, "0") != 0;
    char out_path[4200], err_path[4200];
    const char *argv[128];
    size_t n = 0;
    run_result r = {0, NULL, NULL};

    ck_assert_ptr_nonnull(bin);
    for (size_t i = 0; valgrind && vg[i]; i++)
        argv[n++] = vg[i];
    argv[n++] = bin;
    for (size_t i = 0; args[i]; i++) {
        ck_assert_uint_lt(n, sizeof(argv) / sizeof(argv[0]) - 1);
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    runner_path(out_path, sizeof(out_path), "stdout");
    runner_path(err_path, sizeof(err_path), "stderr");

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, stdin_path ? stdin_path
                                                        : "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
                          environ);
    posix_spawn_file_actions_destroy(&fa);
    ck_assert_int_eq(rc, 0);
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = runner_slurp(out_path, NULL);
    r.err = runner_slurp(err_path, NULL);
    ck_assert_msg(r.status != 97, "valgrind found errors or leaks:\n%s",
                  r.err);
    return r;
}

void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

void assert_line(const char *text, const char *a, const char *b,
                 const char *c)
{
    const char *p = text;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *line = strndup(p, len);
        ck_assert_ptr_nonnull(line);
        int ok = strstr(line, a) && (!b || strstr(line, b)) &&
                 (!c || strstr(line, c));
        free(line);
        if (ok)
            return;
        p = e ? e + 1 : NULL;
    }
    ck_abort_msg("no line with '%s' '%s' '%s' in:\n%s", a, b ? b : "",
                 c ? c : "", text ? text : "(null)");
}
