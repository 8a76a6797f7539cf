/*
 * test_discovery.c — end-to-end tests of discovery and resolution with
 * the shipped default rules (rules/): persons without titles (given
 * names, initials), organisations by their forms, lines in capitals,
 * bracketed acronyms, safe surnames, pronouns.  Each test runs `actnet
 * entities` (or `events`) on sentences written for the test and asserts
 * lines of its TSV output; the failure cases the discovery issue names
 * (headline words and companies as persons, an acronym taken by another
 * entity, a surname given to the wrong person) are asserted absent.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static void setup(void)
{
    runner_tmpdir("discovery");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

/* Writes text to a file named name in the test's directory and returns
 * the TSV output of `actnet entities [extra...] FILE` (malloc'ed). */
static char *entities_of(const char *name, const char *text,
                         const char *extra)
{
    char path[4200];
    runner_path(path, sizeof(path), name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    run_result r = extra ? runner_run(NULL, ARGS("entities", "--quiet",
                                                 extra, path))
                         : runner_run(NULL, ARGS("entities", "--quiet", path));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/* Does some line hold "\tID\tTYPE\t" (id and type columns)? */
static int has_entity(const char *out, const char *id, const char *type)
{
    char want[512];
    snprintf(want, sizeof(want), "\t%s\t%s\t", id, type);
    return strstr(out, want) != NULL;
}

/* Does some line's last column (the text) equal text? */
static int has_text(const char *out, const char *text)
{
    size_t n = strlen(text);
    for (const char *p = strstr(out, text); p; p = strstr(p + 1, text))
        if (p > out && p[-1] == '\t' && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

#define HAS(out, id, type) \
    ck_assert_msg(has_entity(out, id, type), "no %s %s in:\n%s", type, id, out)
#define LACKS(out, id, type) \
    ck_assert_msg(!has_entity(out, id, type), "%s %s in:\n%s", type, id, out)

START_TEST(given_name_persons)
{
    char *out = entities_of("a.txt",
        "Tobias Lindqvist won the final in four sets.\n\n"
        "The visitors were beaten by Marta Kowalska and Oswald Okafor.\n\n"
        "Officials praised Anneliese Brandt Hallberg, who retired.\n", NULL);
    HAS(out, "person:Tobias Lindqvist", "person");   /* sentence start */
    HAS(out, "person:Marta Kowalska", "person");
    HAS(out, "person:Oswald Okafor", "person");
    HAS(out, "person:Anneliese Brandt Hallberg", "person");
    /* A second capitalised word that is itself a given name starts the
     * next name, so a list without commas is not one long name. */
    free(out);
    out = entities_of("b.txt",
        "The squad is Tobias Lindqvist Marta Kowalska.\n", NULL);
    HAS(out, "person:Tobias Lindqvist", "person");
    HAS(out, "person:Marta Kowalska", "person");
    free(out);
}
END_TEST

START_TEST(initials)
{
    char *out = entities_of("a.txt",
        "The opener S. Lindqvist made 40 before J. R. Okafor was out.\n",
        NULL);
    HAS(out, "person:S. Lindqvist", "person");
    HAS(out, "person:J. R. Okafor", "person");
    free(out);
}
END_TEST

/* The failure cases of the issue: headline words and company names are
 * no persons, and calendar and place words are no entities. */
START_TEST(no_false_persons)
{
    char *out = entities_of("a.txt",
        "Shares of Brandt Industries Inc fell on Monday.\n\n"
        "The march crossed Independence Square to the Black Sea coast in "
        "August.\n", NULL);
    LACKS(out, "person:Brandt Industries", "person");
    LACKS(out, "person:Brandt Industries Inc", "person");
    ck_assert_msg(!has_text(out, "Monday"), "%s", out);
    ck_assert_msg(!has_text(out, "August"), "%s", out);
    ck_assert_msg(!has_text(out, "Independence Square"), "%s", out);
    ck_assert_msg(!has_text(out, "Black Sea"), "%s", out);
    free(out);
}
END_TEST

/* Companies by their legal forms, also at the start of a sentence;
 * a spaced period ends the sentence and is no part of the name; a name
 * with a company form is never a person. */
START_TEST(companies)
{
    char *out = entities_of("a.txt",
        "Halvorsen Marine Technologies Inc said profits rose.\n\n"
        "The bank hired Pellworth Stearns & Co Inc and Drosselmeyer AG .\n\n"
        "Shares of Brandt Industries Inc fell.\n", NULL);
    HAS(out, "organisation:Halvorsen Marine Technologies Inc",
        "organisation");
    HAS(out, "organisation:Pellworth Stearns & Co Inc", "organisation");
    HAS(out, "organisation:Drosselmeyer AG", "organisation");
    HAS(out, "organisation:Brandt Industries Inc", "organisation");
    LACKS(out, "organisation:Shares of Brandt Industries Inc",
          "organisation");
    ck_assert_msg(!strstr(out, "\tperson:"), "%s", out);
    ck_assert_msg(!strstr(out, "Drosselmeyer AG ."), "%s", out);
    free(out);
    /* "and" inside a body's name; capitalised words and no form are no
     * company */
    out = entities_of("b.txt",
        "The complaint went to the Maritime Safety and Harbours Commission "
        "on Monday, not to Halvorsen Marine.\n", NULL);
    HAS(out, "organisation:Maritime Safety and Harbours Commission",
        "organisation");
    ck_assert_msg(!has_text(out, "Halvorsen Marine"), "%s", out);
    free(out);
}
END_TEST

/* Headlines and datelines in capitals: the gazetteer matches them
 * whatever their case, and their words are never taken for names. */
START_TEST(capitals_lines)
{
    char *out = entities_of("a.txt",
        "FOOTBALL - ROMANIA BEAT LITHUANIA IN FRIENDLY .\n\n"
        "WARSAW 2021-03-04\n\n"
        "Poland said the talks went well, and the guests ate turkey.\n\n"
        "MARTA KOWALSKA RETAINS TITLE AS CHAIRMAN RESIGNS\n\n"
        "OSLO , Norway - The bank said so.\n", NULL);
    ck_assert_msg(strstr(out, "\tROU\tcountry\tRomania\talias\tROMANIA\n"),
                  "%s", out);
    ck_assert_msg(strstr(out, "\tLTU\tcountry\tLithuania\talias\tLITHUANIA"),
                  "%s", out);
    ck_assert_msg(strstr(out, "\tPOL\tcountry\tPoland\tmetonym\tWARSAW"),
                  "%s", out);
    ck_assert_msg(strstr(out, "\tNOR\tcountry\tNorway\tmetonym\tOSLO"),
                  "%s", out);
    /* lower case in ordinary prose is still no country */
    LACKS(out, "TUR", "country");
    /* no headline word becomes a person or an organisation */
    ck_assert_msg(!strstr(out, "\tperson:"), "%s", out);
    ck_assert_msg(!strstr(out, "\torganisation:"), "%s", out);
    free(out);
}
END_TEST

static Suite *discovery_suite(void)
{
    Suite *s = suite_create("discovery");
    TCase *tc = tcase_create("discovery");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, given_name_persons);
    tcase_add_test(tc, initials);
    tcase_add_test(tc, no_false_persons);
    tcase_add_test(tc, capitals_lines);
    tcase_add_test(tc, companies);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(discovery_suite());
}
