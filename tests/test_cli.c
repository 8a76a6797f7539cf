/*
 * test_cli.c — end-to-end tests of the actnet command-line tool: runs the
 * built binary (ACTNET_BIN) on fixtures under tests/data/cli and checks
 * exit codes, stdout and stderr.  When ../shared/corpus/seeds is present
 * (ACTNET_SEEDS or next to the source tree), also checks the acceptance
 * entities on the real seed articles with the shipped rules.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

static void setup(void)
{
    runner_chdir_data("cli");
    runner_tmpdir("cli");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

START_TEST(version_and_help)
{
    run_result r = runner_run(NULL, (const char *[]){"--version", NULL});
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "actnet 0.1.0\n");
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"--help", NULL});
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "entities"));
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"entities", "--help", NULL});
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "--format"));
    run_free(&r);
}
END_TEST

START_TEST(usage_errors)
{
    run_result r = runner_run(NULL, (const char *[]){NULL});
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"frobnicate", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "unknown command 'frobnicate'"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"entities", "--rules", "rules.yaml",
                                   NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "no INPUT"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"entities", "--format", "xml", "corpus",
                                   NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--format: 'xml'"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"entities", "--rules", "rules.yaml",
                                   "no-such-dir", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "no-such-dir"));
    run_free(&r);
}
END_TEST

START_TEST(entities_tsv)
{
    run_result r = runner_run(NULL, (const char *[]){"entities", "--rules",
                                              "rules.yaml", "corpus", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    static const char header[] =
        "doc\tsentence\tstart\tend\tid\ttype\tlabel\tvia\ttext\n";
    ck_assert(strncmp(r.out, header, sizeof(header) - 1) == 0);
    const char *a = "corpus/2021-03-01_a.txt\t";
    /* "Ivo Volkov" after a title: the gazetteer entity, not a new one. */
    assert_line(r.out, a, "\tvolkov\tperson\tIvo Volkov\talias\tIvo Volkov",
                NULL);
    assert_line(r.out, a, "\tperson:Lena Marsh\tperson\tLena Marsh\tpattern",
                "Lena Marsh");
    assert_line(r.out, a, "\tARC\tcountry\tArcadia\tmetonym\tPort Lyre",
                NULL);
    /* Surname with a typographic possessive. */
    assert_line(r.out, a, "\tvolkov\tperson\tIvo Volkov\tsurname\tVolkov",
                NULL);
    assert_line(r.out, a, "\tARC/police\torganisation\tArcadia police\t"
                          "agent\tArcadian riot police", NULL);
    assert_line(r.out, a, "\tUL\torganisation\tUnion of Lakes\talias\t"
                          "Union of Lakes", NULL);
    assert_line(r.out, a, "\tBOR\tcountry\tBorealia\talias\tBorealia", NULL);
    /* Byte offsets of the metonym in the original file. */
    char *src = runner_slurp("corpus/2021-03-01_a.txt", NULL);
    const char *pl = strstr(src, "Port Lyre");
    char want[64];
    snprintf(want, sizeof(want), "\t%ld\t%ld\tARC\t", (long)(pl - src),
             (long)(pl - src) + 9);
    assert_line(r.out, a, want, NULL);
    free(src);
    assert_line(r.out, "corpus/b.txt\t1\t", "\tUL\t", NULL);
    assert_line(r.out, "corpus/b.txt\t1\t", "\tvolkov\t", "Volkov");
    assert_line(r.out, "corpus/b.txt\t2\t", "\tperson:Marsh\t", NULL);
    run_free(&r);
}
END_TEST

START_TEST(entities_jsonl_and_bad_documents)
{
    run_result r = runner_run(NULL, (const char *[]){"entities", "--rules",
                                              "rules.yaml", "--format",
                                              "jsonl", "docs.jsonl", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_line(r.out, "\"doc\":\"j1\"", "\"date\":\"2021-04-02\"",
                "\"id\":\"BOR\"");
    assert_line(r.out, "\"doc\":\"j1\"", "\"id\":\"ARC\"", NULL);
    assert_line(r.out, "\"doc\":\"j3\"", "\"id\":\"volkov\"",
                "\"text\":\"Ivo Volkov\"");
    /* The bad lines are reported with their line numbers, and skipped. */
    ck_assert_ptr_nonnull(strstr(r.err, "docs.jsonl:2"));
    ck_assert_ptr_nonnull(strstr(r.err, "docs.jsonl:4"));
    ck_assert_ptr_nonnull(strstr(r.err, "2 documents processed, 2 skipped"));
    run_free(&r);

    r = runner_run(NULL, (const char *[]){"entities", "--rules", "rules.yaml",
                                   "--strict", "docs.jsonl", NULL});
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "docs.jsonl:2"));
    run_free(&r);
}
END_TEST

START_TEST(standard_input)
{
    run_result r = runner_run("corpus/b.txt", (const char *[]){
                           "entities", "--rules", "rules.yaml", "--no-header",
                           "-", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_line(r.out, "-\t1\t", "\tUL\t", NULL);
    ck_assert(strncmp(r.out, "doc\t", 4) != 0);
    run_free(&r);
}
END_TEST

START_TEST(bad_rules_refused_no_output)
{
    char out[4200];
    snprintf(out, sizeof(out), "%s/out.tsv", runner_tmp);
    run_result r = runner_run(NULL, (const char *[]){"entities", "--rules",
                                              "rules.yaml", "--rules",
                                              "bad-rules.yaml", "-o", out,
                                              "corpus", NULL});
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "bad-rules.yaml:4:11: "));
    ck_assert_ptr_nonnull(strstr(r.err, "persn"));
    ck_assert_str_eq(r.out, "");
    ck_assert_int_ne(access(out, F_OK), 0);
    run_free(&r);

    r = runner_run(NULL, (const char *[]){"check-rules", "bad-rules.yaml", NULL});
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "bad-rules.yaml:4:11: "));
    run_free(&r);

    r = runner_run(NULL, (const char *[]){"check-rules", "rules.yaml", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "rules ok"));
    run_free(&r);
}
END_TEST

START_TEST(output_file_atomic)
{
    char out[4200];
    snprintf(out, sizeof(out), "%s/out.tsv", runner_tmp);
    run_result r = runner_run(NULL, (const char *[]){"entities", "--rules",
                                              "rules.yaml", "-o", out,
                                              "corpus", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *s = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s, "\tARC/police\t"));
    free(s);
    run_free(&r);
    /* Only the output file is left in the directory: no temporary. */
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 3", runner_tmp);
    ck_assert_int_eq(system(cmd), 0); /* out.tsv, stdout, stderr */
}
END_TEST

/* Finds the first occurrence of phrase in the seed files and asserts a
 * mention line for its bytes [skip, end) that contains want. */
static void assert_seed_mention(const char *out, const char *seeds,
                                const char *phrase, long skip, long end,
                                const char *want)
{
    static const char *const files[] = {
        "000_1695c5760f22427d.txt", "001_978e6dbf49f5cf3e.txt",
        "002_f807607ab62d68b5.txt", "003_cedf15543bb9101b.txt",
        "004_91e526ddde511be5.txt"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[4300], span[128];
        snprintf(path, sizeof(path), "%s/%s", seeds, files[i]);
        char *src = runner_slurp(path, NULL);
        const char *p = src ? strstr(src, phrase) : NULL;
        if (p) {
            snprintf(span, sizeof(span), "\t%ld\t%ld\t",
                     (long)(p - src) + skip, (long)(p - src) + end);
            free(src);
            assert_line(out, files[i], span, want);
            return;
        }
        free(src);
    }
    ck_abort_msg("'%s' is in no seed file", phrase);
}

/* Acceptance on the real seed articles with the shipped rules. */
START_TEST(seeds_acceptance)
{
    char seeds[4200];
    if (!runner_seeds(seeds, sizeof(seeds)))
        return; /* not available here: nothing to check */
    run_result r = runner_run(NULL, (const char *[]){"entities", "--quiet", seeds,
                                              NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    static const char *const want[][2] = {
        {"\tperson\t", "Lukashenk"}, {"\tperson\t", "Putin"},
        {"\tperson\t", "Tikhanovsk"}, {"\tperson\t", "Mishustin"},
        {"\tperson\t", "Macron"}, {"\tperson\t", "Merkel"},
        {"\torganisation\t", "\tEuropean Union\t"},
        {"\torganisation\t", "OSCE"}, {"\torganisation\t", "NATO"},
        {"\torganisation\t", "KGB"},
        {"\tcountry\tBelarus\t", NULL}, {"\tcountry\tRussia\t", NULL},
        {"\tcountry\tLithuania\t", NULL}, {"\tcountry\tGermany\t", NULL},
        {"\tcountry\tPoland\t", NULL},
        {"\tperson\tAles Mikhalevich\t", "Mikhalevich"},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        assert_line(r.out, want[i][0], want[i][1], NULL);
    /* "Lukashenko’s" (typographic apostrophe) resolves to Lukashenko, and
     * "Mr Mikhalevich" to Ales Mikhalevich: mentions at those offsets. */
    assert_seed_mention(r.out, seeds, "Lukashenko\xe2\x80\x99s", 0, 10,
                        "\tperson\tAlexander Lukashenko\t");
    assert_seed_mention(r.out, seeds, "Mr Mikhalevich", 3, 14,
                        "\tperson\tAles Mikhalevich\t");
    run_free(&r);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, version_and_help);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, entities_tsv);
    tcase_add_test(tc, entities_jsonl_and_bad_documents);
    tcase_add_test(tc, standard_input);
    tcase_add_test(tc, bad_rules_refused_no_output);
    tcase_add_test(tc, output_file_atomic);
    tcase_add_test(tc, seeds_acceptance);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(cli_suite());
}
