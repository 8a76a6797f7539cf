/*
 * test_dict.c — end-to-end tests of the TABARI / PETRARCH dictionary
 * readers (src/rules/dict.c): small .actors, .agents and verb
 * dictionaries written here in those formats (our own records, not the
 * Phoenix files), loaded with --rules as a directory and as files.  They
 * check what the records become (countries, persons with dated roles,
 * organisations, agents with plurals and macros), that every bad line is
 * reported once as file:line and the rest loads, and that --strict
 * refuses such a rule set.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner.h"

static const char *const actors =
    "# a test actors dictionary\n"
    "NORDLAND_  [NRD]\n"
    "+NORDIC_REPUBLIC_\n"
    "+NORDSTADT\n"
    "\n"
    "OSVALD_BRENNER_  # a finance minister, then ambassador\n"
    "\t[NRDGOV 820101-921231]\n"
    "\t[NRDELI 930101-991231]\n"
    "KARIN_BRENNER_\n"
    "\t[NRDGOV 20150101-20201231]\n"
    "NORDLAND_FARMERS_UNION_ [NRDAGR]\n"
    "+NFU\n"
    "\t[NRDGOV 20210101-2021013]\n"          /* line 13: 7-digit date */
    "+BAD\x1AWORD\n"                          /* line 14: control byte */
    "+NORD\xEF\xBF\xBDLAND_FARMERS\n"         /* line 15: U+FFFD */
    "WORLD_TRADE_BODY_ [IGOWTB]\n";

static const char *const orphan =
    "+NO_RECORD_ABOVE\n"                      /* line 1 */
    "SOUTHLAND_ [STH]\n";

static const char *const agents =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
    "POLICE {} [~COP]\n"
    "RIOT_POLICE!PERSON! [~COP]\n"
    "MINISTRY [~GOV]\n"
    "FARMER [~AGR]\n"
    "ACTIVIST {ACTIVISTS_AND_MORE} [~OPP]\n"
    "UNKNOWN!THING! [~OPP]\n";               /* line 7: undefined macro */

static const char *const verbs =
    "&CURRENCY\n"
    "+DOLLAR\n"
    "--- CONSULT [040] ---\n"
    "MEET\n";

static void setup(void)
{
    runner_tmpdir("dict");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

static void write_file(const char *name, const char *text)
{
    char path[4200];
    runner_path(path, sizeof(path), name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* The dictionaries in subdirectory dict/ (with a README that is no rule
 * file and a .txt told by content); its path in dir. */
static void write_dicts(char *dir, size_t size)
{
    char d[4200];
    runner_path(d, sizeof(d), "dict");
    ck_assert(mkdir(d, 0755) == 0 || errno == EEXIST);
    write_file("dict/Test.actors.txt", actors);
    write_file("dict/Orphan.actors", orphan);
    write_file("dict/Test.agents", agents);
    write_file("dict/verbs-of-mine.txt", verbs);
    write_file("dict/README", "Not rules: # [ ] + lines\n+like these\n");
    write_file("dict/notes.txt", "plain notes, no dictionary\n");
    snprintf(dir, size, "%s", d);
}

/* Does s hold needle exactly once? */
static int once(const char *s, const char *needle)
{
    const char *p = strstr(s, needle);
    return p && !strstr(p + 1, needle);
}

START_TEST(bad_lines_reported_once_rest_loads)
{
    char dir[4200];
    write_dicts(dir, sizeof(dir));
    run_result r = runner_run(NULL, ARGS("check-rules", dir));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    const char *want[] = {
        "Test.actors.txt:13: warning: '20210101-2021013' is not a date",
        "Test.actors.txt:14: warning: control byte 0x1A",
        "Test.actors.txt:15: warning: U+FFFD",
        "Orphan.actors:1: warning: a synonym (+) with no actor above it",
        "Test.agents:7: warning: macro !THING! is not defined",
        "verbs-of-mine.txt:1: warning: a CAMEO verb dictionary"};
    for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
        ck_assert_msg(once(r.err, want[i]), "want once '%s' in:\n%s",
                      want[i], r.err);
    ck_assert_msg(!strstr(r.err, "README") && !strstr(r.err, "notes.txt"),
                  "%s", r.err);
    ck_assert_msg(strstr(r.out, "6 warnings"), "%s", r.out);
    run_free(&r);

    r = runner_run(NULL, ARGS("check-rules", "--strict", dir));
    ck_assert_int_eq(r.status, 1);
    run_free(&r);
}
END_TEST

/* The TSV of `actnet entities --rules DIR NAME` (NAME holding text). */
static char *entities_of(const char *name, const char *text,
                         const char *extra)
{
    char dir[4200], path[4200];
    write_dicts(dir, sizeof(dir));
    write_file(name, text);
    runner_path(path, sizeof(path), name);
    run_result r = extra
        ? runner_run(NULL, ARGS("entities", "--quiet", extra, "--rules", dir,
                                path))
        : runner_run(NULL, ARGS("entities", "--quiet", "--rules", dir,
                                path));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/* Does a line hold "\tID\tTYPE\tLABEL\t" and end with "\tTEXT"? */
static int has(const char *out, const char *id, const char *type,
               const char *label, const char *text)
{
    char want[512];
    snprintf(want, sizeof(want), "\t%s\t%s\t%s\t", id, type, label);
    size_t n = strlen(text);
    for (const char *p = strstr(out, want); p; p = strstr(p + 1, want)) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        if ((size_t)(eol - p) > n && eol[-(long)n - 1] == '\t' &&
            !strncmp(eol - n, text, n))
            return 1;
    }
    return 0;
}

#define HAS(out, id, type, label, text) \
    ck_assert_msg(has(out, id, type, label, text), "no %s %s '%s' in:\n%s", \
                  type, id, text, out)
#define LACKS(out, id, type, label, text) \
    ck_assert_msg(!has(out, id, type, label, text), "%s %s '%s' in:\n%s", \
                  type, id, text, out)

START_TEST(records_become_entities_and_agents)
{
    char *out = entities_of(
        "wire-1987-05-04.txt",
        "Nordland and the NORDIC REPUBLIC met in Nordstadt. Finance Minister "
        "Osvald Brenner spoke to the World Trade Body. Brenner said the "
        "NFU and Nordland riot policemen, not ministries, decided. Farmers "
        "and activists protested; nordstadt was calm.\n", NULL);
    HAS(out, "NRD", "country", "Nordland", "Nordland");
    HAS(out, "NRD", "country", "Nordland", "NORDIC REPUBLIC");
    HAS(out, "NRD", "country", "Nordland", "Nordstadt");
    LACKS(out, "NRD", "country", "Nordland", "nordstadt"); /* one word: no
                                                              lower case */
    HAS(out, "OSVALD_BRENNER", "person", "Osvald Brenner", "Osvald Brenner");
    /* in 1987 Osvald Brenner is in office, Karin not yet: the surname */
    HAS(out, "OSVALD_BRENNER", "person", "Osvald Brenner", "Brenner");
    HAS(out, "WORLD_TRADE_BODY", "organisation", "World Trade Body",
        "World Trade Body");
    HAS(out, "NORDLAND_FARMERS_UNION", "organisation",
        "Nordland Farmers Union", "NFU");
    HAS(out, "NRD/COP", "organisation", "Nordland police",
        "Nordland riot policemen");
    HAS(out, "GOV", "organisation", "ministry", "ministries");
    HAS(out, "AGR", "organisation", "farmer", "Farmers");
    free(out);

    out = entities_of("wire-2018-05-04.txt",
                      "Brenner said the talks would go on.\n", NULL);
    HAS(out, "KARIN_BRENNER", "person", "Karin Brenner", "Brenner");
    free(out);
}
END_TEST

START_TEST(strict_refuses_and_files_load_alone)
{
    char dir[4200], path[4300], doc[4200];
    write_dicts(dir, sizeof(dir));
    write_file("a.txt", "Nordland spoke.\n");
    runner_path(doc, sizeof(doc), "a.txt");
    run_result r = runner_run(NULL, ARGS("entities", "--strict", "--rules",
                                         dir, doc));
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.err, "stopped (--strict): the rules have 6 "
                         "warnings"), "%s", r.err);
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    /* one file, given by path: told by its name */
    snprintf(path, sizeof(path), "%s/Orphan.actors", dir);
    write_file("b.txt", "Southland spoke.\n");
    runner_path(doc, sizeof(doc), "b.txt");
    r = runner_run(NULL, ARGS("entities", "--quiet", "--rules", path, doc));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "\tSTH\tcountry\tSouthland\t"), "%s", r.out);
    run_free(&r);
}
END_TEST

static Suite *dict_suite(void)
{
    Suite *s = suite_create("dict");
    TCase *tc = tcase_create("dict");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, bad_lines_reported_once_rest_loads);
    tcase_add_test(tc, records_become_entities_and_agents);
    tcase_add_test(tc, strict_refuses_and_files_load_alone);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(dict_suite());
}
