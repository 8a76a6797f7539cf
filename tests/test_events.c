/*
 * test_events.c — end-to-end tests of `actnet events`: runs the built
 * binary (ACTNET_BIN) on the fixtures under tests/data/cli (rules.yaml
 * with relations.yaml, events.txt and the corpus/ folder) and checks the
 * TSV and JSON Lines lines, byte spans, --explain and errors.  When
 * ../shared/corpus/seeds is present, also checks the acceptance events
 * on the real seed articles with the shipped rules.
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
    runner_tmpdir("events");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}


/* Byte offset of the first occurrence of needle in file path. */
static long offset_in(const char *path, const char *needle)
{
    char *src = runner_slurp(path, NULL);
    ck_assert_ptr_nonnull(src);
    const char *p = strstr(src, needle);
    ck_assert_msg(p != NULL, "test bug: '%s' not in %s", needle, path);
    long off = (long)(p - src);
    free(src);
    return off;
}

/* 1-based line of the first line of path that contains needle. */
static int line_of(const char *path, const char *needle)
{
    char *src = runner_slurp(path, NULL);
    ck_assert_ptr_nonnull(src);
    const char *p = strstr(src, needle);
    ck_assert_msg(p != NULL, "test bug: '%s' not in %s", needle, path);
    int line = 1;
    for (const char *q = src; q < p; q++)
        line += *q == '\n';
    free(src);
    return line;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

START_TEST(help_and_usage)
{
    run_result r = runner_run(NULL, (const char *[]){"events", "--help", NULL});
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "--explain"));
    ck_assert_ptr_nonnull(strstr(r.out, "--format"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"--help", NULL});
    ck_assert_ptr_nonnull(strstr(r.out, "events INPUT"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"events", "--format", "xml", "events.txt",
                                   NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--format: 'xml'"));
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"events", "--rules", "rules.yaml", NULL});
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
}
END_TEST

START_TEST(events_tsv)
{
    run_result r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "relations.yaml",
        "events.txt", "corpus", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    static const char header[] =
        "doc\tdate\tsentence\tstart\tend\tactor\tactor_label\trelation\t"
        "target\ttarget_label\tpolarity\tclass\tnegated\thedged\tcameo\t"
        "event\tmode\tcontext\tphrase\ttext\n";
    ck_assert(strncmp(r.out, header, strlen(header)) == 0);

    /* events.txt: negated, a relative clause skipped before a phrase with
     * an irregular form, an agent with a country after a semicolon, a
     * hedged phrase with a gap. */
    char want[512];
    long s = offset_in("events.txt", "sanction Arcadia");
    snprintf(want, sizeof(want),
             "events.txt\t\t1\t%ld\t%ld\tBOR\tBorealia\tsanction\tARC\t"
             "Arcadia\t-1\tmaterial-conflict\t1\t0\t-\t-\t-\t-\tsanction\t"
             "Borealia did not sanction Arcadia on Friday.\n", s, s + 8);
    ck_assert_ptr_nonnull(strstr(r.out, want));
    s = offset_in("events.txt", "held talks");
    snprintf(want, sizeof(want),
             "events.txt\t\t2\t%ld\t%ld\tvolkov\tIvo Volkov\tmeet\tUL\t"
             "Union of Lakes\t1\tverbal-cooperation\t0\t0\t-\t-\t-\t-\t"
             "held talks with\t", s, s + 15);
    ck_assert_ptr_nonnull(strstr(r.out, want));
    assert_line(r.out, "events.txt\t\t2\t",
                "\tARC/police\tArcadia police\tdetain\tperson:Lena Marsh\t"
                "Lena Marsh\t-1\tmaterial-conflict\t0\t0\t-\t-\t-\t-\tdetained\t", NULL);
    assert_line(r.out, "events.txt\t\t3\t",
                "\tUL\tUnion of Lakes\tsanction\tBOR\tBorealia\t-1\t"
                "material-conflict\t0\t1\t-\t-\t-\t-\timpose new sanctions on\t",
                "\tThe Union of Lakes could impose new sanctions on "
                "Borealia.");
    /* The corpus: dates from the file names, discovered persons. */
    assert_line(r.out, "corpus/2021-03-01_a.txt\t2021-03-01\t2\t",
                "\tvolkov\tIvo Volkov\tmeet\tperson:Lena Marsh\t", NULL);
    assert_line(r.out, "corpus/2021-03-01_a.txt\t2021-03-01\t5\t",
                "\tUL\tUnion of Lakes\tcriticise\tBOR\tBorealia\t-1\t"
                "verbal-conflict\t0\t0\t-\t-\t-\t-\tcriticised\t", NULL);
    /* Nothing else: every event of the fixtures is listed above ("Volkov
     * meets Borealian envoy" is none: "envoy" is no title in rules.yaml,
     * so "Borealian" only describes a common noun). */
    ck_assert_uint_eq(count_lines(r.out), 1 + 4 + 2);
    run_free(&r);
}
END_TEST

START_TEST(events_jsonl_explain)
{
    run_result r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "relations.yaml",
        "--format", "jsonl", "--explain", "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_uint_eq(count_lines(r.out), 4);
    char rel[64], actor[64], target[64];
    snprintf(rel, sizeof(rel), "\"relation_rule\":\"relations.yaml:%d\"",
             line_of("relations.yaml", "id: sanction"));
    snprintf(actor, sizeof(actor), "\"actor_rule\":\"rules.yaml:%d\"",
             line_of("rules.yaml", "id: BOR"));
    snprintf(target, sizeof(target), "\"target_rule\":\"rules.yaml:%d\"",
             line_of("rules.yaml", "id: ARC"));
    assert_line(r.out, rel, actor, target);
    assert_line(r.out, "{\"doc\":\"events.txt\",\"date\":null,\"sentence\":1,",
                "\"actor\":\"BOR\",\"actor_label\":\"Borealia\","
                "\"relation\":\"sanction\",\"relation_label\":\"sanctions\","
                "\"target\":\"ARC\"",
                "\"negated\":true,\"hedged\":false,\"cameo\":null,\"event\":null,"
                "\"mode\":null,\"context\":[],\"phrase\":\"sanction\"");
    /* Entities found at run time have no rule location. */
    assert_line(r.out, "\"target\":\"person:Lena Marsh\"",
                "\"actor_rule\":null,\"target_rule\":null", NULL);
    run_free(&r);

    /* TSV --explain: three more columns before the text. */
    r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "relations.yaml",
        "--explain", "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "\tphrase\trelation_rule\t"
                                        "actor_rule\ttarget_rule\ttext\n"));
    assert_line(r.out, "\tdetain\t", "\t-\t-\tIvo Volkov, who", NULL);
    run_free(&r);
}
END_TEST

START_TEST(no_relations_warned)
{
    run_result r = runner_run(NULL, (const char *[]){"events", "--rules",
                                              "rules.yaml", "events.txt",
                                              NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_ptr_nonnull(strstr(r.err, "no relations"));
    ck_assert_uint_eq(count_lines(r.out), 1);  /* the header only */
    run_free(&r);
}
END_TEST

START_TEST(output_file)
{
    char out[4200];
    snprintf(out, sizeof(out), "%s/events.tsv", runner_tmp);
    run_result r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "relations.yaml",
        "--no-header", "-o", out, "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.out, "");
    char *s = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(s);
    ck_assert(strncmp(s, "events.txt\t", 11) == 0);
    ck_assert_uint_eq(count_lines(s), 4);
    free(s);
    run_free(&r);
}
END_TEST

/* Event codes: the relation's CAMEO codes, the PLOVER row of the longest
 * start of its main code, in TSV, JSON Lines and --format plover. */
START_TEST(event_codes)
{
    run_result r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "codes.yaml",
        "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    /* 1632 has no row: 163 is the most specific */
    assert_line(r.out, "\tsanction\tARC\t",
                "\t1\t0\t1632,172\tCOERCE\trestrict\tdiplomatic,economic\t"
                "sanction\t", NULL);
    /* 040 falls back to the category 04; a mode-less row gives '-' */
    assert_line(r.out, "\tmeet\tUL\t", "\t040\tCONSULT\t-\t-\theld talks",
                NULL);
    /* no row for 0199, 019 or 01: a code and no PLOVER event */
    assert_line(r.out, "\tdetain\t", "\t0199\t-\t-\t-\tdetained\t", NULL);
    run_free(&r);

    r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "codes.yaml",
        "--format", "jsonl", "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_line(r.out, "\"relation\":\"sanction\"",
                "\"cameo\":\"1632,172\",\"event\":\"COERCE\",\"mode\":"
                "\"restrict\",\"context\":[\"diplomatic\",\"economic\"]",
                NULL);
    run_free(&r);

    r = runner_run(NULL, (const char *[]){
        "events", "--rules", "rules.yaml", "--rules", "codes.yaml",
        "--format", "plover", "events.txt", NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_uint_eq(count_lines(r.out), 4);
    /* the source and target as written, with their actnet ids */
    assert_line(r.out, "{\"id\":\"events.txt-1\",\"date\":null,"
                "\"event\":\"COERCE\",\"mode\":\"restrict\",",
                "\"source\":\"Borealia\",\"source_code\":\"BOR\","
                "\"source_name\":\"Borealia\",\"target\":\"Arcadia\","
                "\"target_code\":\"ARC\"",
                "\"negated\":true,\"hedged\":false,\"trigger\":\"sanction\"");
    assert_line(r.out, "\"event\":null,\"mode\":null,\"context\":[],"
                "\"cameo\":\"0199\"", "\"source\":\"Arcadian riot police\"",
                "\"target\":\"Lena Marsh\"");
    run_free(&r);

    /* --format plover is for events only */
    r = runner_run(NULL, (const char *[]){
        "entities", "--rules", "rules.yaml", "--format", "plover",
        "events.txt", NULL});
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "is not tsv or jsonl"));
    run_free(&r);
}
END_TEST

/* The shipped rules: a CAMEO 2.0 verb (relations_cameo.yaml) and the
 * hand-made economic relations, on sentences written for this test. */
START_TEST(shipped_cameo_and_economic)
{
    char path[4200];
    runner_path(path, sizeof(path), "economy.txt");
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("France belittled Germany on Monday.\n"
          "Acme Holdings Inc agreed to acquire Borealis Mining Corp for "
          "40 mln dlrs.\n"
          "Japan invested in Argentina last year.\n"
          "Zenith Partners Plc sold its stake to Acme Holdings Inc.\n",
          f);
    ck_assert_int_eq(fclose(f), 0);
    run_result r = runner_run(NULL, (const char *[]){"events", "--quiet",
                                                     path, NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_line(r.out, "\tFRA\tFrance\tcameo-111-denigrate\tDEU\t",
                "\t111\t", "\tbelittled\t");
    assert_line(r.out, "\tAcme Holdings Inc\tacquire\t", "Borealis Mining",
                "\t0\t1\t061\t");
    assert_line(r.out, "\tJPN\tJapan\tinvest\tARG\t", "\tinvested in\t",
                NULL);
    assert_line(r.out, "\tZenith Partners Plc\tsell\t", "Acme Holdings",
                "\tsold its stake to\t");
    run_free(&r);
}
END_TEST

/* A statement to a news medium: the medium is an attribute of the
 * event, and no acts-on edge unless --media include. */
START_TEST(media_are_a_medium)
{
    char path[4200], out[4200];
    runner_path(path, sizeof(path), "media.txt");
    runner_path(out, sizeof(out), "media.json");
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("Spain told the BBC that Portugal was wrong.\n"
          "Spain criticised Portugal.\n", f);
    ck_assert_int_eq(fclose(f), 0);
    run_result r = runner_run(NULL, (const char *[]){
        "events", "--quiet", "--format", "jsonl", path, NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_line(r.out, "\"target_label\":\"BBC\"", "\"medium\":\"BBC\"", NULL);
    assert_line(r.out, "\"target_label\":\"Portugal\"", "\"medium\":null",
                NULL);
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"build", "--quiet", "--network",
                                          "acts-on", path, "-o", out, NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *net = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(net);
    ck_assert_ptr_null(strstr(net, "BBC"));
    ck_assert_ptr_nonnull(strstr(net, "Portugal"));
    free(net);
    run_free(&r);
    r = runner_run(NULL, (const char *[]){"build", "--quiet", "--network",
                                          "acts-on", "--media", "include",
                                          path, "-o", out, NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    net = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(net);
    ck_assert_ptr_nonnull(strstr(net, "BBC"));
    free(net);
    run_free(&r);
}
END_TEST

/* Acceptance on the real seed articles with the shipped rules. */
START_TEST(seeds_acceptance)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    char seeds[4200], relations[4200];
    snprintf(relations, sizeof(relations), "%s/rules/relations.yaml", root);
    if (!runner_seeds(seeds, sizeof(seeds)) || access(relations, R_OK) != 0)
        return; /* not available here: nothing to check */
    run_result r = runner_run(NULL, (const char *[]){"events", "--quiet", seeds,
                                              NULL});
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    /* actor, relation, target, negated as columns 6, 8, 9, 13 */
    assert_line(r.out, "\tputin\tVladimir Putin\tcongratulate\tlukashenko\t",
                "\t0\t0\t051\tSUPPORT\t-\tdiplomatic\tcongratulated\t", NULL);
    assert_line(r.out, "\tGBR\tUnited Kingdom\tsanction\tlukashenko\t",
                "\t0\t0\t163\tCOERCE\trestrict\tdiplomatic\t"
                "imposed landmark sanctions on\t", NULL);
    assert_line(r.out, "\tEU\tEuropean Union\turge\tRUS\t", "\t0\t0\t020\t-\t-\t-\turged\t",
                NULL);
    assert_line(r.out, "\ttikhanovskaya\t", "\turge\tEU\t", "\t0\t0\t");
    assert_line(r.out, "\ttikhanovskaya\t", "\tmeet\tEU\t", "\t0\t0\t040\tCONSULT\t-\t-\tmet\t");
    run_free(&r);
}
END_TEST

static Suite *events_suite(void)
{
    Suite *s = suite_create("events");
    TCase *tc = tcase_create("events");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, help_and_usage);
    tcase_add_test(tc, events_tsv);
    tcase_add_test(tc, events_jsonl_explain);
    tcase_add_test(tc, no_relations_warned);
    tcase_add_test(tc, output_file);
    tcase_add_test(tc, event_codes);
    tcase_add_test(tc, shipped_cameo_and_economic);
    tcase_add_test(tc, media_are_a_medium);
    tcase_add_test(tc, seeds_acceptance);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(events_suite());
}
