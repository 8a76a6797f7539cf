/*
 * test_time.c — end-to-end tests of time in the rule language and of
 * places: rules written for the test (validity on entities, phrases and
 * roles; a place sharing its name with a country's metonym) and dated
 * documents (the date is the last YYYY-MM-DD of the file name).  Each
 * test runs `actnet entities --rules FIXTURE` and asserts lines of its
 * TSV output, the same sentence giving different actors on different
 * dates; one runs `actnet build` to see that places are nodes only when
 * --types names them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static const char *const rules_text =
    "version: 1\n"
    "lists:\n"
    "  capital_state_after: [said, says, announced, decision]\n"
    "  capital_state_before: [with, between, and]\n"
    "entities:\n"
    "  - id: SUN\n"
    "    type: country\n"
    "    name: Soviet Union\n"
    "    until: 1991-12-26\n"
    "    adjectives: [Soviet]\n"
    "    metonyms: [Kremlin, Moscow]\n"
    "  - id: RUS\n"
    "    type: country\n"
    "    name: Russia\n"
    "    metonyms: [{phrase: Kremlin, from: 1991-12-26}, "
    "{phrase: Moscow, from: 1991-12-26}]\n"
    "  - id: ZAR\n"
    "    type: country\n"
    "    name: Zaire\n"
    "    from: 1971-10-27\n"
    "    until: 1997-05-17\n"
    "  - id: COD\n"
    "    type: country\n"
    "    name: Democratic Republic of the Congo\n"
    "    aliases: [{phrase: Congo, from: 1997-05-17}]\n"
    "  - id: COG\n"
    "    type: country\n"
    "    name: Republic of the Congo\n"
    "    aliases: [{phrase: Congo, until: 1997-05-16}]\n"
    "  - id: NOR\n"
    "    type: country\n"
    "    name: Norway\n"
    "  - id: DEU\n"
    "    type: country\n"
    "    name: Germany\n"
    "  - id: moscow\n"
    "    type: place\n"
    "    name: Moscow\n"
    "    country: RUS\n"
    "  - id: gerhard-stoltenberg\n"
    "    type: person\n"
    "    name: Gerhard Stoltenberg\n"
    "    by_surname: true\n"
    "    roles: [{code: DEUGOV, country: DEU, from: 1982-10-04, "
    "until: 1992-12-31}]\n"
    "  - id: jens-stoltenberg\n"
    "    type: person\n"
    "    name: Jens Stoltenberg\n"
    "    by_surname: true\n"
    "    roles: [{code: NORGOV, country: NOR, from: 2000-03-17, "
    "until: 2001-10-19}, {code: IGONAT, from: 2014-10-01}]\n";

static void setup(void)
{
    runner_tmpdir("time");
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

/* The TSV output of `actnet entities --rules time.yaml NAME` where file
 * NAME holds text (malloc'ed). */
static char *entities_of(const char *name, const char *text)
{
    char rules[4200], path[4200];
    write_file("time.yaml", rules_text);
    write_file(name, text);
    runner_path(rules, sizeof(rules), "time.yaml");
    runner_path(path, sizeof(path), name);
    run_result r = runner_run(NULL, ARGS("entities", "--quiet", "--rules",
                                         rules, path));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/* Does some line hold "\tID\tTYPE\t" and end in "\tTEXT"? */
static int has(const char *out, const char *id, const char *type,
               const char *text)
{
    char want[512];
    snprintf(want, sizeof(want), "\t%s\t%s\t", id, type);
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

#define HAS(out, id, type, text) \
    ck_assert_msg(has(out, id, type, text), "no %s %s '%s' in:\n%s", type, \
                  id, text, out)
#define LACKS(out, id, type, text) \
    ck_assert_msg(!has(out, id, type, text), "%s %s '%s' in:\n%s", type, \
                  id, text, out)

static const char *const kremlin =
    "The Kremlin rejected the plan, and Moscow said it would wait.\n";

START_TEST(metonym_by_date)
{
    char *out = entities_of("wire-1987-03-02.txt", kremlin);
    HAS(out, "SUN", "country", "Kremlin");
    HAS(out, "SUN", "country", "Moscow");
    LACKS(out, "RUS", "country", "Moscow");
    free(out);
    out = entities_of("wire-2020-03-02.txt", kremlin);
    HAS(out, "RUS", "country", "Kremlin");
    HAS(out, "RUS", "country", "Moscow");
    LACKS(out, "SUN", "country", "Moscow");
    free(out);
}
END_TEST

START_TEST(entity_exists_between_dates)
{
    const char *text = "Zaire closed its border on Tuesday.\n";
    char *out = entities_of("1990-06-01.txt", text);
    HAS(out, "ZAR", "country", "Zaire");
    free(out);
    out = entities_of("2005-06-01.txt", text);
    LACKS(out, "ZAR", "country", "Zaire");
    free(out);
    out = entities_of("undated.txt", text);   /* undated: every rule */
    HAS(out, "ZAR", "country", "Zaire");
    free(out);
}
END_TEST

START_TEST(alias_moves_between_entities)
{
    const char *text = "Troops from Congo crossed the river.\n";
    char *out = entities_of("1987-01-05.txt", text);
    HAS(out, "COG", "country", "Congo");
    LACKS(out, "COD", "country", "Congo");
    free(out);
    out = entities_of("2010-01-05.txt", text);
    HAS(out, "COD", "country", "Congo");
    LACKS(out, "COG", "country", "Congo");
    free(out);
}
END_TEST

START_TEST(surname_by_term_of_office)
{
    const char *text = "Stoltenberg spoke to reporters after the talks.\n";
    char *out = entities_of("1987-10-12.txt", text);
    HAS(out, "gerhard-stoltenberg", "person", "Stoltenberg");
    LACKS(out, "jens-stoltenberg", "person", "Stoltenberg");
    free(out);
    out = entities_of("2019-10-12.txt", text);
    HAS(out, "jens-stoltenberg", "person", "Stoltenberg");
    LACKS(out, "gerhard-stoltenberg", "person", "Stoltenberg");
    free(out);
    /* in office neither: the surname names no one */
    out = entities_of("2008-10-12.txt", text);
    LACKS(out, "jens-stoltenberg", "person", "Stoltenberg");
    LACKS(out, "gerhard-stoltenberg", "person", "Stoltenberg");
    free(out);
}
END_TEST

START_TEST(capital_as_state_or_place)
{
    /* the state: a reporting verb after it, or "with" before it */
    static const char *const state[] = {
        "Moscow said the talks would go on.\n",
        "Norway held talks with Moscow.\n",
        "Moscow's decision surprised Norway.\n"};
    /* the place: anything else */
    static const char *const place[] = {
        "The delegates met in Moscow on Friday.\n",
        "Snow fell on Moscow overnight.\n"};
    for (size_t i = 0; i < sizeof(state) / sizeof(*state); i++) {
        char *out = entities_of("2021-02-03.txt", state[i]);
        HAS(out, "RUS", "country", "Moscow");
        LACKS(out, "moscow", "place", "Moscow");
        free(out);
    }
    for (size_t i = 0; i < sizeof(place) / sizeof(*place); i++) {
        char *out = entities_of("2021-02-03.txt", place[i]);
        HAS(out, "moscow", "place", "Moscow");
        LACKS(out, "RUS", "country", "Moscow");
        free(out);
    }
}
END_TEST

/* The nodes table of `actnet build` on text with rules_text, with extra
 * options (malloc'ed). */
static char *nodes_of(const char *text, const char *types)
{
    char rules[4200], path[4200];
    write_file("time.yaml", rules_text);
    write_file("2021-05-05.txt", text);
    runner_path(rules, sizeof(rules), "time.yaml");
    runner_path(path, sizeof(path), "2021-05-05.txt");
    run_result r = types
        ? runner_run(NULL, ARGS("build", "--quiet", "--rules", rules,
                                "--types", types, "-f", "csv-nodes", "-o",
                                "-", path))
        : runner_run(NULL, ARGS("build", "--quiet", "--rules", rules, "-f",
                                "csv-nodes", "-o", "-", path));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

START_TEST(places_are_nodes_when_asked)
{
    const char *text = "Norway and Germany signed the accord in Moscow.\n";
    char *out = nodes_of(text, NULL);
    ck_assert_msg(strstr(out, "\nNOR,") && strstr(out, "\nDEU,"), "%s", out);
    ck_assert_msg(!strstr(out, "\nmoscow,"), "%s", out);
    free(out);
    out = nodes_of(text, "country,place");
    ck_assert_msg(strstr(out, "\nmoscow,Moscow,place,RUS,"), "%s", out);
    free(out);
}
END_TEST

/* --since / --until keep the documents dated in the period (both ends
 * included) and leave out the others and the undated ones; a bad date
 * or an empty period is a usage error. */
START_TEST(since_until_select_documents)
{
    char rules[4200], dir[4200];
    write_file("time.yaml", rules_text);
    write_file("2020-01-31_a.txt", "Norway spoke.\n");
    write_file("2020-02-01_b.txt", "Germany spoke.\n");
    write_file("2020-02-29_c.txt", "Russia spoke.\n");
    write_file("2020-03-01_d.txt",
               "The Democratic Republic of the Congo spoke.\n");
    write_file("undated.txt", "Norway spoke.\n");
    runner_path(rules, sizeof(rules), "time.yaml");
    runner_path(dir, sizeof(dir), "");
    run_result r = runner_run(NULL, ARGS("entities", "--rules", rules,
                                         "--since", "2020-02-01", "--until",
                                         "2020-02-29", dir));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_msg(strstr(r.out, "_b.txt\t1\t0\t7\tDEU\t") &&
                  strstr(r.out, "_c.txt\t1\t0\t6\tRUS\t"), "%s", r.out);
    ck_assert_msg(!strstr(r.out, "\tNOR\t") && !strstr(r.out, "\tCOD\t"),
                  "%s", r.out);
    run_free(&r);

    r = runner_run(NULL, ARGS("entities", "--rules", rules, "--since",
                              "2020-03-01", dir));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_msg(strstr(r.out, "\tCOD\t") && !strstr(r.out, "\tDEU\t") &&
                  !strstr(r.out, "\tNOR\t"), "%s", r.out);
    run_free(&r);

    r = runner_run(NULL, ARGS("entities", "--rules", rules, "--until",
                              "2019-12-31", dir));
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.err, "warning: no document is dated up to "
                         "2019-12-31 (5 left out by --since / --until)"),
                  "%s", r.err);
    run_free(&r);

    r = runner_run(NULL, ARGS("entities", "--rules", rules, "--since",
                              "2020-2-1", dir));
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "actnet: --since: '2020-2-1' is not a date "
                         "YYYY-MM-DD"), "%s", r.err);
    run_free(&r);

    r = runner_run(NULL, ARGS("entities", "--rules", rules, "--since",
                              "2020-03-01", "--until", "2020-02-01", dir));
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "--since is after --until"), "%s", r.err);
    run_free(&r);
}
END_TEST

/* The TSV output of `actnet entities NAME` with the shipped (default)
 * rules, file NAME holding text (malloc'ed). */
static char *shipped_entities_of(const char *name, const char *text)
{
    char path[4200];
    write_file(name, text);
    runner_path(path, sizeof(path), name);
    run_result r = runner_run(NULL, ARGS("entities", "--quiet", path));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/* The history in the shipped rules: our own wire-style sentences, dated
 * by their file names. */
START_TEST(shipped_history)
{
    const char *kremlin_said =
        "Moscow said on Friday that the Kremlin would answer the plan.\n";
    char *out = shipped_entities_of("wire-1987-06-12.txt", kremlin_said);
    HAS(out, "SUN", "country", "Moscow");
    HAS(out, "SUN", "country", "Kremlin");
    LACKS(out, "RUS", "country", "Moscow");
    free(out);
    out = shipped_entities_of("wire-2020-06-12.txt", kremlin_said);
    HAS(out, "RUS", "country", "Moscow");
    HAS(out, "RUS", "country", "Kremlin");
    LACKS(out, "SUN", "country", "Moscow");
    free(out);

    /* Gerhard Stoltenberg, Bonn's finance minister, is no shipped person:
     * in 1987 his surname must not become NATO's Jens Stoltenberg, nor
     * "Harris" Kamala Harris; in 2020 Stoltenberg resolves (he is known
     * by the surname alone, rules/surnames.yaml) and Harris does not (a
     * shared surname needs the full name earlier in the document). */
    const char *surnames =
        "The finance minister, Stoltenberg, said the mark was stable. "
        "Harris told reporters the Soviet offer was serious.\n";
    out = shipped_entities_of("wire-1987-09-01.txt", surnames);
    LACKS(out, "stoltenberg", "person", "Stoltenberg");
    LACKS(out, "kamala_harris", "person", "Harris");
    HAS(out, "SUN", "country", "Soviet");
    free(out);
    out = shipped_entities_of("wire-2020-09-01.txt", surnames);
    HAS(out, "stoltenberg", "person", "Stoltenberg");
    LACKS(out, "kamala_harris", "person", "Harris");
    LACKS(out, "SUN", "country", "Soviet");
    free(out);

    const char *zaire = "Zaire and Congo signed a river accord, and the EC "
                        "and GATT welcomed it.\n";
    out = shipped_entities_of("wire-1990-03-05.txt", zaire);
    HAS(out, "ZAR", "country", "Zaire");
    HAS(out, "COG", "country", "Congo");
    HAS(out, "EC", "organisation", "EC");
    HAS(out, "GATT", "organisation", "GATT");
    free(out);
    out = shipped_entities_of("wire-2001-03-05.txt", zaire);
    LACKS(out, "ZAR", "country", "Zaire");
    HAS(out, "COD", "country", "Congo");
    LACKS(out, "GATT", "organisation", "GATT");
    free(out);

    /* the two Germanys until unification */
    const char *germanys = "East Germany and West Germany opened talks.\n";
    out = shipped_entities_of("wire-1990-03-05.txt", germanys);
    HAS(out, "DDR", "country", "East Germany");
    HAS(out, "DEU", "country", "West Germany");
    free(out);
    out = shipped_entities_of("wire-1995-03-05.txt", germanys);
    LACKS(out, "DDR", "country", "East Germany");
    LACKS(out, "DEU", "country", "West Germany");
    free(out);
}
END_TEST

static Suite *time_suite(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("time");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, metonym_by_date);
    tcase_add_test(tc, entity_exists_between_dates);
    tcase_add_test(tc, alias_moves_between_entities);
    tcase_add_test(tc, surname_by_term_of_office);
    tcase_add_test(tc, capital_as_state_or_place);
    tcase_add_test(tc, places_are_nodes_when_asked);
    tcase_add_test(tc, since_until_select_documents);
    tcase_add_test(tc, shipped_history);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(time_suite());
}
