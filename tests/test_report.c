/*
 * test_report.c — end-to-end tests of `actnet report`: the page holds
 * the summary, both networks and the cited documents' dates as JSON
 * blocks that survive any sentence (a '</script>' or '<!--' in the news
 * text cannot end a block), layout positions for every node, the usage
 * errors, and no file left behind when the page cannot be written.  The
 * page in a browser is tests/browser/check_report.py.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner.h"

static char doc[4096], out[4096];

/* Our own sentences; the second carries markup that would end a script
 * block or open a comment if it were copied into the page unescaped. */
static const char text[] =
    "Angela Merkel met Vladimir Putin in Berlin on Monday.\n\n"
    "Angela Merkel said </script><!-- the talks with Vladimir Putin "
    "were <b>hard</b>.\n\n"
    "Germany condemned Russia over the arrests.\n";

static void setup(void)
{
    runner_tmpdir("report");
    runner_path(doc, sizeof(doc), "2021-03-04_talks.txt");
    runner_path(out, sizeof(out), "report.html");
    FILE *f = fopen(doc, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

/* The JSON of block id in html, parsed (the block must end at the first
 * "</script>" after it: that is where a browser ends it). */
static json_t *block(const char *html, const char *id)
{
    char open[128];
    snprintf(open, sizeof(open), "<script type=\"application/json\" "
             "id=\"%s\">", id);
    const char *s = strstr(html, open);
    ck_assert_msg(s != NULL, "no block %s", id);
    s += strlen(open);
    const char *e = strstr(s, "</script>");
    ck_assert_ptr_nonnull(e);
    json_error_t jerr;
    json_t *j = json_loadb(s, (size_t)(e - s), 0, &jerr);
    ck_assert_msg(j != NULL, "block %s: %s", id, jerr.text);
    return j;
}

START_TEST(page_holds_the_data)
{
    run_result r = runner_run(NULL, (const char *[]){"report", doc, "-o", out,
                                                     NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    run_free(&r);
    char *html = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(html);
    ck_assert(!strncmp(html, "<!DOCTYPE html>", 15));
    ck_assert_ptr_nonnull(strstr(html, "</html>"));
    /* nothing is fetched from elsewhere */
    ck_assert_ptr_null(strstr(html, "src=\"http"));
    ck_assert_ptr_null(strstr(html, "href=\"http"));

    json_t *sum = block(html, "actnet-summary");
    ck_assert_int_eq(json_integer_value(json_object_get(sum, "documents")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(sum, "first")),
                     "2021-03-04");

    json_t *cooc = block(html, "actnet-cooccurrence");
    json_t *nodes = json_object_get(cooc, "nodes");
    ck_assert(json_array_size(nodes) >= 4);
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        ck_assert(json_is_number(json_object_get(n, "x")));
        ck_assert(json_is_number(json_object_get(n, "y")));
        ck_assert(json_is_number(json_object_get(n, "pagerank")));
    }
    /* the markup sentence is evidence, whole */
    int found = 0;
    json_t *l, *ev;
    size_t k;
    json_array_foreach(json_object_get(cooc, "links"), i, l) {
        json_array_foreach(json_object_get(l, "evidence"), k, ev) {
            const char *s = json_string_value(json_object_get(ev, "sentence"));
            found |= s && strstr(s, "</script><!-- the talks") != NULL;
        }
    }
    ck_assert_msg(found, "the sentence with markup is not in the evidence");

    json_t *acts = block(html, "actnet-acts-on");
    ck_assert(json_is_true(json_object_get(acts, "directed")));
    ck_assert(json_array_size(json_object_get(acts, "links")) >= 1);

    json_t *dates = block(html, "actnet-dates");
    ck_assert_str_eq(json_string_value(json_object_get(dates, doc)),
                     "2021-03-04");
    json_decref(sum);
    json_decref(cooc);
    json_decref(acts);
    json_decref(dates);
    free(html);
}
END_TEST

START_TEST(title_and_stdout)
{
    run_result r = runner_run(NULL, (const char *[]){
        "report", doc, "-o", "-", "--title", "Talks <2021>", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    json_t *sum = block(r.out, "actnet-summary");
    ck_assert_str_eq(json_string_value(json_object_get(sum, "title")),
                     "Talks <2021>");
    json_decref(sum);
    run_free(&r);
}
END_TEST

START_TEST(usage_errors)
{
    run_result r = runner_run(NULL, (const char *[]){"report", doc, NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "-o FILE"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"report", doc, "-o", out,
                                          "--network", "acts-on", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "both networks"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"report", doc, "-o", out, "--draw",
                                          "0", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--draw"));
    run_free(&r);
    struct stat st;
    ck_assert_int_ne(stat(out, &st), 0);
}
END_TEST

START_TEST(nothing_left_on_failure)
{
    char missing[4096];
    runner_path(missing, sizeof(missing), "absent.txt");
    run_result r = runner_run(NULL, (const char *[]){"report", missing, "-o",
                                                     out, NULL});
    /* as build: an input that is not there is a usage error */
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "absent.txt"));
    run_free(&r);
    struct stat st;
    ck_assert_int_ne(stat(out, &st), 0);
    /* a folder that does not exist: said, and nothing made */
    char bad[4096];
    runner_path(bad, sizeof(bad), "no/such/report.html");
    r = runner_run(NULL, (const char *[]){"report", doc, "-o", bad, NULL});
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "no/such"));
    run_free(&r);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, page_holds_the_data);
    tcase_add_test(tc, title_and_stdout);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, nothing_left_on_failure);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(report_suite());
}
