/*
 * test_usability.c — end-to-end tests of what a newcomer meets first
 * (issue 17): help for a command, "did you mean" for mistyped names,
 * option errors in actnet's own voice, and checking one's own rule files
 * on top of the default rules.  Runs the built binary like test_cli.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static void setup(void)
{
    runner_chdir_data("cli");
    runner_tmpdir("usability");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

START_TEST(help_command)
{
    run_result a = runner_run(NULL, (const char *[]){"help", "build", NULL});
    run_result b = runner_run(NULL, (const char *[]){"build", "--help", NULL});
    ck_assert_int_eq(a.status, 0);
    ck_assert_str_eq(a.out, b.out);
    ck_assert_ptr_nonnull(strstr(a.out, "Usage: actnet build"));
    run_free(&a);
    run_free(&b);
    /* -h is --help for check-rules too. */
    a = runner_run(NULL, (const char *[]){"check-rules", "-h", NULL});
    ck_assert_int_eq(a.status, 0);
    ck_assert_ptr_nonnull(strstr(a.out, "Usage: actnet check-rules"));
    run_free(&a);
}
END_TEST

START_TEST(option_errors_say_actnet)
{
    run_result r = runner_run(NULL, (const char *[]){"build", "--frobnicate",
                                                     NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(!strncmp(r.err, "actnet: unrecognized option", 27),
                  "stderr: %s", r.err);
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"check-rules", "--frobnicate", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(!strncmp(r.err, "actnet: unrecognized option", 27),
                  "stderr: %s", r.err);
    run_free(&r);
}
END_TEST

START_TEST(did_you_mean_command)
{
    run_result r = runner_run(NULL, (const char *[]){"biuld", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "did you mean 'build'?"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"CHECK", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "did you mean 'check-rules'?"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"zzzzzz", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_null(strstr(r.err, "did you mean"));
    run_free(&r);
}
END_TEST

START_TEST(check_rules_extension)
{
    /* Alone, the extension names a country it does not define: the error
     * says how to check it on top of the defaults. */
    run_result r = runner_run(NULL, (const char *[]){"check-rules",
                                                     "ext-rules", NULL});
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "'country: BLR' names no entity"));
    ck_assert_ptr_nonnull(strstr(r.err, "check-rules --with-defaults"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"check-rules", "--with-defaults",
                                          "ext-rules", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "rules ok"));
    run_free(&r);
    /* --where names the folder the defaults are read from: checking it
     * alone is checking the defaults. */
    r = runner_run(NULL, (const char *[]){"check-rules", "--where", NULL});
    ck_assert_int_eq(r.status, 0);
    size_t n = strlen(r.out);
    ck_assert(n > 1 && r.out[n - 1] == '\n');
    r.out[n - 1] = '\0';
    run_result d = runner_run(NULL, (const char *[]){"check-rules", r.out,
                                                     "--quiet", NULL});
    ck_assert_msg(d.status == 0, "%s: %s", r.out, d.err);
    run_free(&d);
    run_free(&r);
}
END_TEST

/* Network files given as INPUT are not read as article text: rank reads
 * GraphML, every other network (and GraphML where articles are read)
 * is refused with what it is and what to do, whatever its name. */
START_TEST(network_files_as_input)
{
    char gexf[4200], json[4200], dot[4200], gml[4200], renamed[4200];
    runner_path(gexf, sizeof(gexf), "net.gexf");
    runner_path(json, sizeof(json), "net.json");
    runner_path(dot, sizeof(dot), "net.dot");
    runner_path(gml, sizeof(gml), "net.graphml");
    runner_path(renamed, sizeof(renamed), "gexf.txt");
    run_result r = runner_run(NULL, ARGS("build", "--quiet", "corpus", "-o",
                                         gexf, "-o", json, "-o", dot, "-o",
                                         gml));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    run_free(&r);
    char *text = runner_slurp(gexf, NULL);
    ck_assert_ptr_nonnull(text);
    FILE *f = fopen(renamed, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    free(text);

    static const struct { const char *name, *kind; } cases[] = {
        {"net.gexf", "a GEXF network"}, {"net.json", "a JSON (node-link) network"},
        {"net.dot", "a DOT network"}, {"gexf.txt", "a GEXF network"}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[4200], want[4400];
        runner_path(path, sizeof(path), cases[i].name);
        snprintf(want, sizeof(want), "actnet: %s: %s, not article text; "
                 "actnet reads networks only as GraphML", path,
                 cases[i].kind);
        r = runner_run(NULL, ARGS("rank", path));
        ck_assert_int_eq(r.status, 2);
        ck_assert_msg(strstr(r.err, want), "%s: %s", cases[i].name, r.err);
        ck_assert_str_eq(r.out, "");
        run_free(&r);
    }
    r = runner_run(NULL, ARGS("rank", gml, "--top", "1"));
    ck_assert_msg(r.status == 0 && strstr(r.out, "pagerank"), "%s", r.err);
    run_free(&r);
    r = runner_run(NULL, ARGS("build", gml, "-o", gexf));
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "a GraphML network, not article text; rank "
                         "its nodes with actnet rank"), "%s", r.err);
    run_free(&r);
    r = runner_run(NULL, ARGS("entities", "corpus", dot));
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

/* Mistyped values get "did you mean"; --ego matches ids and labels
 * ignoring case and suggests the nodes that hold the name; --evidence 2
 * (no '=') says how to write it; build --top 0 keeps every node, as
 * rank --top 0 shows every row. */
START_TEST(did_you_mean_values)
{
    char ex[4200], a[4200], b[4200];
    snprintf(ex, sizeof(ex), "%s/examples", getenv("ACTNET_SOURCE_ROOT"));
    runner_path(a, sizeof(a), "a.json");
    runner_path(b, sizeof(b), "b.json");
    static const struct { const char *opt, *val, *want; } cases[] = {
        {"--network", "act-on", "(did you mean 'acts-on'?)"},
        {"--window", "sentance", "(did you mean 'sentence'?)"},
        {"--types", "person,contry", "(did you mean 'country'?)"},
        {"--measures=pagerank,betweeness", NULL,
         "(did you mean 'betweenness'?)"},
        {"--ego", "Tikhanovsk", "(did you mean 'tikhanovskaya' (Svetlana "
         "Tikhanovskaya) or 'tikhanovsky' (Sergei Tikhanovsky)?)"},
        {"--evidence", "2", "'--evidence 2': write --evidence=2"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        run_result r = cases[i].val
            ? runner_run(NULL, ARGS("build", ex, cases[i].opt, cases[i].val,
                                    "-o", a))
            : runner_run(NULL, ARGS("build", ex, cases[i].opt, "-o", a));
        /* 2 for a usage error; --ego is known wrong only once the
         * network is made (1) */
        ck_assert_int_eq(r.status, strcmp(cases[i].opt, "--ego") ? 2 : 1);
        ck_assert_msg(strstr(r.err, cases[i].want), "%s: %s", cases[i].opt,
                      r.err);
        run_free(&r);
    }
    run_result r = runner_run(NULL, ARGS("rank", ex, "--by", "pagrank"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "(did you mean 'pagerank'?)"), "%s", r.err);
    run_free(&r);
    r = runner_run(NULL, ARGS("rank", ex, "--ego", "LUKASHENKO", "--top",
                              "0", "--radius", "0"));
    ck_assert_msg(r.status == 0 && strstr(r.out, "Alexander Lukashenko"),
                  "%s%s", r.out, r.err);
    run_free(&r);
    r = runner_run(NULL, ARGS("build", "--quiet", ex, "--top", "0", "-o", a));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    r = runner_run(NULL, ARGS("build", "--quiet", ex, "-o", b));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    char *ta = runner_slurp(a, NULL), *tb = runner_slurp(b, NULL);
    ck_assert_ptr_nonnull(ta);
    ck_assert_ptr_nonnull(tb);
    ck_assert_str_eq(ta, tb);
    free(ta);
    free(tb);
}
END_TEST

/* "-" reads JSON Lines without --stdin-jsonl when the first line of
 * standard input is a JSON object with the text field; other text stays
 * one document, a leading '{' included. */
START_TEST(stdin_detects_json_lines)
{
    char in[4200];
    runner_path(in, sizeof(in), "in.jsonl");
    FILE *f = fopen(in, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"id\": \"first\", \"text\": \"Belarus spoke.\"}\n"
          "{\"id\": \"second\", \"text\": \"Russia spoke.\"}\n", f);
    ck_assert_int_eq(fclose(f), 0);
    run_result r = runner_run(in, ARGS("entities", "-"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "\nfirst\t1\t0\t7\tBLR\t") &&
                  strstr(r.out, "\nsecond\t1\t0\t6\tRUS\t"), "%s%s",
                  r.out, r.err);
    run_free(&r);
    f = fopen(in, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{braces} open this text about Belarus.\n{\"text\": \"x\"}\n", f);
    ck_assert_int_eq(fclose(f), 0);
    r = runner_run(in, ARGS("entities", "-"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "\n-\t1\t30\t37\tBLR\t"), "%s%s", r.out,
                  r.err);
    run_free(&r);
}
END_TEST

static Suite *usability_suite(void)
{
    Suite *s = suite_create("usability");
    TCase *tc = tcase_create("usability");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, help_command);
    tcase_add_test(tc, option_errors_say_actnet);
    tcase_add_test(tc, did_you_mean_command);
    tcase_add_test(tc, check_rules_extension);
    tcase_add_test(tc, network_files_as_input);
    tcase_add_test(tc, did_you_mean_values);
    tcase_add_test(tc, stdin_detects_json_lines);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(usability_suite());
}
