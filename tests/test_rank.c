/*
 * test_rank.c — end-to-end tests of `actnet rank` and `actnet build
 * --measures`: runs the built binary (ACTNET_BIN) on the fixture of
 * tests/data/rank (names with non-ASCII and wide characters, two relations)
 * and on the example corpus, and checks the tables (exact values worked
 * out by hand, alignment by display width), the formats, the errors, that
 * rank on a GraphML written by build prints the same as rank on the
 * corpus, and the measures build writes.  When ../shared/corpus/seeds is
 * present, checks that Lukashenko is the top person by degree and by
 * PageRank there.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner.h"

#include <utf8proc.h>


static char examples[4096];     /* the example corpus */


static void setup(void)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    ck_assert_ptr_nonnull(root);
    snprintf(examples, sizeof(examples), "%s/examples", root);
    runner_tmpdir("rank");
    runner_chdir_data("rank");
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

/* Display width of one line of UTF-8 text. */
static size_t width_of(const char *s, size_t len)
{
    size_t w = 0;
    utf8proc_int32_t cp;
    for (size_t i = 0; i < len;) {
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i),
                                              &cp);
        ck_assert(k > 0);
        w += (size_t)utf8proc_charwidth(cp);
        i += (size_t)k;
    }
    return w;
}

static int starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static int ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* ---- the fixture, by hand -------------------------------------------------- */

/*
 * The fixture's co-occurrence network (sentence windows):
 *   a.txt: {Ana, Bob, Österreich}, {Bob, Ana}
 *   b.txt: {Ana, Łukasz}, {北京大学, Ana}, {Łukasz, Bob}
 * edges: Ana-Bob 2, Ana-AUT 1, Bob-AUT 1, Ana-Łukasz 1, Ana-PKU 1,
 * Łukasz-Bob 1.  Degrees 4, 3, 2, 2, 1; strengths 5, 4, 2, 2, 1; ties by
 * id ("AUT" < "lukasz").
 */
START_TEST(fixture_csv_by_hand)
{
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by",
                        "degree,strength", "--format", "csv", "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_str_eq(r.out,
                     "rank,id,label,type,degree,strength\n"
                     "1,ana,Ana Müller,person,4,5\n"
                     "2,bob,Bob Stone,person,3,4\n"
                     "3,AUT,Österreich,country,2,2\n"
                     "4,lukasz,Łukasz Wąs,person,2,2\n"
                     "5,pku,北京大学,organisation,1,1\n");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

START_TEST(fixture_table_aligned)
{
    /* every line has the same display width (so the right-aligned
     * numbers end in one column whatever the labels hold), the header
     * names the columns */
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by",
                        "degree,pagerank,betweenness", "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    const char *line = r.out;
    size_t width = 0, lines = 0;
    while (*line) {
        const char *end = strchr(line, '\n');
        ck_assert_ptr_nonnull(end);
        size_t w = width_of(line, (size_t)(end - line));
        if (!lines)
            width = w;
        ck_assert_msg(w == width, "line %zu is %zu wide, not %zu:\n%s",
                      lines, w, width, r.out);
        lines++;
        line = end + 1;
    }
    ck_assert_uint_eq(lines, 6);
    ck_assert(starts_with(r.out, "rank  label       type          degree  "
                                 "pagerank  betweenness\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "\n   5  北京大学    organisation"));
    /* four significant digits of the largest value */
    ck_assert_ptr_nonnull(strstr(r.out, "Ana Müller  person             4  "
                                        "  0.3458"));
    run_free(&r);
}
END_TEST

START_TEST(fixture_type_top_tsv)
{
    /* --type keeps the measures of the whole network; ranks renumbered */
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
                        "--type", "person", "--top", "2", "--format", "tsv",
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_str_eq(r.out, "rank\tid\tlabel\ttype\tdegree\n"
                            "1\tana\tAna Müller\tperson\t4\n"
                            "2\tbob\tBob Stone\tperson\t3\n");
    run_free(&r);
    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
                 "--type", "country,organisation", "--format", "tsv",
                 "corpus"));
    ck_assert_str_eq(r.out, "rank\tid\tlabel\ttype\tdegree\n"
                            "1\tAUT\tÖsterreich\tcountry\t2\n"
                            "2\tpku\t北京大学\torganisation\t1\n");
    run_free(&r);
}
END_TEST

START_TEST(fixture_acts_on_hostility)
{
    /* events: Bob criticises Ana, 北京大学 praises Ana, Łukasz criticises
     * Bob */
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--network",
                        "acts-on", "--by",
                        "hostility_received,hostility_sent,"
                        "cooperation_received,cooperation_sent,indegree",
                        "--format", "csv", "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out,
        "rank,id,label,type,hostility_received,hostility_sent,"
        "cooperation_received,cooperation_sent,indegree\n"
        "1,ana,Ana Müller,person,1,0,1,0,2\n"
        "2,bob,Bob Stone,person,1,1,0,0,1\n"));
    ck_assert_ptr_nonnull(strstr(r.out, ",lukasz,Łukasz Wąs,person,0,1,0,0,"
                                        "0\n"));
    ck_assert_ptr_nonnull(strstr(r.out, ",pku,北京大学,organisation,0,0,0,1,"
                                        "0\n"));
    run_free(&r);
}
END_TEST

START_TEST(fixture_json)
{
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
                        "--top", "1", "--format", "json", "--communities",
                        "leiden", "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_msg(starts_with(r.out, "{\"network\": \"cooccurrence\", "
                              "\"nodes\": 5, \"edges\": 6, \"by\": "
                              "[\"degree\"], \"paths\": \"exact\", "
                              "\"communities\": \"leiden\", "
                              "\"modularity\": "), "%s", r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "\"rows\": [\n  {\"rank\": 1, "
                                        "\"id\": \"ana\", \"label\": "
                                        "\"Ana Müller\", \"type\": "
                                        "\"person\", \"degree\": 4, "
                                        "\"community\": "));
    ck_assert(ends_with(r.out, "}\n ]}\n"));
    run_free(&r);
}
END_TEST

/* ---- errors -------------------------------------------------------------- */

START_TEST(usage_errors)
{
    char gm[4300];
    run_result r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by", "fame",
                        "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "unknown measure 'fame'"));
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--by", "pagerank,hub",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--by hub: not defined"));
    ck_assert_ptr_nonnull(strstr(r.err, "acts-on"));
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--format", "xml",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--top", "-3", "corpus"));
    ck_assert_int_eq(r.status, 2);
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--sample", "many",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", "x.graphml", "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "must be the only INPUT"));
    run_free(&r);

    /* not GraphML: exit 1, named */
    r = runner_run(NULL, ARGS("rank", "--rules", "rules.yaml", "--format", "csv",
                 "-o", runner_path(gm, sizeof(gm), "bad.graphml"), "corpus"));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    r = runner_run(NULL, ARGS("rank", gm));
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "bad.graphml: cannot read it as "
                                        "GraphML"));
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    r = runner_run(NULL, ARGS("rank", runner_path(gm, sizeof(gm), "missing.graphml")));
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "missing.graphml: cannot open"));
    run_free(&r);
}
END_TEST

/* ---- GraphML written by build = the corpus -------------------------------- */

/* Builds -o FILE.graphml from the corpus with the network options net
 * (NULL-terminated), then checks that rank with each of the option sets
 * prints the same for the GraphML as for the corpus. */
static void same_table(const char *rules, const char *corpus,
                       const char *const *net)
{
    static const char *const sets[][12] = {
        {NULL},
        {"--by", "degree,strength,betweenness,closeness,harmonic",
         "--top", "0", NULL},
        {"--by", "eigenvector", "--by", "coreness", "--by", "pagerank",
         "--format", "json", "--communities", "leiden", NULL},
        {"--by", "betweenness", "--format", "csv", "--types",
         "person,country", "--giant", NULL},
        {"--by", "harmonic", "--sample", "3", "--communities", "louvain",
         "--format", "tsv", NULL},
        {"--by", "closeness", "--cutoff", "1.5", "--min-weight", "2",
         "--type", "person", NULL},
    };
    char gm[4300];
    const char *argv[64];
    size_t n = 0;

    runner_path(gm, sizeof(gm), "net.graphml");
    argv[n++] = "build";
    if (rules) {
        argv[n++] = "--rules";
        argv[n++] = rules;
    }
    for (size_t i = 0; net && net[i]; i++)
        argv[n++] = net[i];
    argv[n++] = "--quiet";
    argv[n++] = "-o";
    argv[n++] = gm;
    argv[n++] = corpus;
    argv[n] = NULL;
    run_result r = runner_run(NULL, argv);
    ck_assert_msg(r.status == 0, "build: %s", r.err);
    run_free(&r);

    for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
        const char *a[64], *b[64];
        size_t na = 0, nb = 0;
        a[na++] = b[nb++] = "rank";
        a[na++] = b[nb++] = "--quiet";
        for (size_t i = 0; sets[s][i]; i++)
            a[na++] = b[nb++] = sets[s][i];
        if (rules) {
            a[na++] = "--rules";
            a[na++] = rules;
        }
        for (size_t i = 0; net && net[i]; i++)
            a[na++] = net[i];
        a[na++] = corpus;
        b[nb++] = gm;
        a[na] = b[nb] = NULL;
        run_result ra = runner_run(NULL, a), rb = runner_run(NULL, b);
        ck_assert_msg(ra.status == 0, "set %zu corpus: %s", s, ra.err);
        ck_assert_msg(rb.status == 0, "set %zu graphml: %s", s, rb.err);
        ck_assert_msg(ra.out[0] != '\0', "set %zu: no output", s);
        ck_assert_msg(!strcmp(ra.out, rb.out),
                      "set %zu differs:\ncorpus:\n%s\ngraphml:\n%s", s,
                      ra.out, rb.out);
        run_free(&ra);
        run_free(&rb);
    }
}

START_TEST(graphml_same_as_corpus_fixture)
{
    same_table("rules.yaml", "corpus", NULL);
}
END_TEST

START_TEST(graphml_same_as_corpus_examples)
{
    same_table(NULL, examples, NULL);
    same_table(NULL, examples, ARGS("--window", "paragraph"));
}
END_TEST

START_TEST(graphml_same_as_corpus_acts_on)
{
    same_table(NULL, examples, ARGS("--network", "acts-on"));
}
END_TEST

/* ---- build --measures ----------------------------------------------------- */

START_TEST(build_measures)
{
    char gm[4300], csv[4300], nodes[4300], json[4300];
    run_result r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--measures",
                        "-o", runner_path(gm, sizeof(gm), "m.graphml"),
                        "-o", runner_path(csv, sizeof(csv), "m.csv"),
                        "-o", runner_path(json, sizeof(json), "m.json"),
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    char *text = runner_slurp(gm, NULL);
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"pagerank\" "
                                       "attr.type=\"double\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"degree\" "
                                       "attr.type=\"int\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"community\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"modularity\""));
    ck_assert_ptr_null(strstr(text, "attr.name=\"hub\""));  /* directed */
    ck_assert_ptr_null(strstr(text, "_size_by"));           /* hidden */
    free(text);
    text = runner_slurp(runner_path(nodes, sizeof(nodes), "m.nodes.csv"), NULL);
    ck_assert_ptr_nonnull(strstr(text, ",degree,strength,betweenness,"
                                       "closeness,harmonic,pagerank,"
                                       "eigenvector,coreness,community,x,y\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nana,Ana Müller,person,,"));
    free(text);
    text = runner_slurp(json, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\"degree\": 4"));
    free(text);

    /* the values written are those rank prints */
    r = runner_run(NULL, ARGS("rank", "--by", "degree,strength", "--format", "csv", gm));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert(starts_with(r.out, "rank,id,label,type,degree,strength\n"
                                 "1,ana,Ana Müller,person,4,5\n"));
    run_free(&r);

    /* a list: only those (and pagerank, the default size) */
    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--measures=degree",
                 "-o", gm, "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    text = runner_slurp(gm, NULL);
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"degree\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"pagerank\""));
    ck_assert_ptr_null(strstr(text, "attr.name=\"betweenness\""));
    free(text);

    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--measures=degre",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "unknown measure at 'degre'"));
    run_free(&r);

    /* asked for by name but not defined here: a warning, not an error */
    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--measures=degree,hub",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.err, "warning: hub is not defined for "
                                        "the co-occurrence network"));
    run_free(&r);

    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--size-by", "hub",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 1);
    run_free(&r);
}
END_TEST

START_TEST(build_size_and_colour)
{
    char dot[4300], gexf[4300], json[4300];
    run_result r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--size-by",
                        "degree", "--color-by", "community",
                        "-o", runner_path(dot, sizeof(dot), "s.dot"),
                        "-o", runner_path(gexf, sizeof(gexf), "s.gexf"),
                        "-o", runner_path(json, sizeof(json), "s.json"),
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    /* labels sized by degree: 10 + 8 sqrt(degree / 4); one community
     * (the fixture is too small to split), drawn in the first colour */
    char *text = runner_slurp(dot, NULL);
    ck_assert_ptr_nonnull(strstr(text, "<TD BORDER=\"0\">fill colour: "
                                       "community</TD><TD BORDER=\"0\">"
                                       "label size: degree</TD>"));
    ck_assert_ptr_nonnull(strstr(text, "[label=\"Ana Müller\", "
                                       "shape=ellipse, style=\"filled\", "
                                       "fillcolor=\"#a7bcd3\", "
                                       "color=\"#4e79a7\", fontsize=18, "
                                       "tooltip=\"ana (person): 4 mentions, "
                                       "degree 4, community 0\"]"));
    ck_assert_ptr_nonnull(strstr(text, "[label=\"北京大学\", shape=box, "
                                       "style=\"rounded,filled\", "
                                       "fillcolor=\"#a7bcd3\", "
                                       "color=\"#4e79a7\", fontsize=14,"));
    free(text);
    /* GEXF sizes 10 + 40 sqrt(degree / 4): 50 for Ana, 30 for 北京大学 */
    text = runner_slurp(gexf, NULL);
    const char *pku = strstr(text, "<node id=\"pku\"");
    ck_assert_ptr_nonnull(pku);
    ck_assert_ptr_nonnull(strstr(pku, "<viz:color r=\"78\" g=\"121\" "
                                      "b=\"167\"/>\n        <viz:size "
                                      "value=\"30\"/>"));
    free(text);
    text = runner_slurp(json, NULL);
    /* the layout's x / y come between the attributes and the style */
    ck_assert_ptr_nonnull(strstr(text, "\"degree\": 4,\n   \"community\": "
                                       "0,\n   \"x\": "));
    ck_assert_ptr_nonnull(strstr(text, ",\n   \"color\": \"#4e79a7\",\n"
                                       "   \"size\": 50\n"));
    free(text);

    /* the defaults: colour by type, size by mentions */
    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--measures", "-o", dot,
                 "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    text = runner_slurp(dot, NULL);
    ck_assert_ptr_null(strstr(text, "fill colour: community"));
    ck_assert_ptr_nonnull(strstr(text, "label size: pagerank"));
    ck_assert_ptr_nonnull(strstr(text, "fillcolor=\"#a0cbe8\""));
    free(text);

    r = runner_run(NULL, ARGS("build", "--rules", "rules.yaml", "--color-by",
                 "community", "--communities", "none", "-o", dot, "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--color-by community needs"));
    run_free(&r);
}
END_TEST

/* ---- seeds ----------------------------------------------------------------- */

/* The id in the first row of a CSV ranking. */
static char *top_id(const char *csv)
{
    const char *row = strchr(csv, '\n');
    ck_assert_ptr_nonnull(row);
    row = strchr(row + 1, ',');
    ck_assert_ptr_nonnull(row);
    row++;
    size_t len = strcspn(row, ",");
    char *id = malloc(len + 1);
    ck_assert_ptr_nonnull(id);
    memcpy(id, row, len);
    id[len] = '\0';
    return id;
}

START_TEST(seeds_lukashenko_on_top)
{
    char seeds[4200];
    if (!runner_seeds(seeds, sizeof(seeds)))
        return;     /* the seed corpus is not part of the repository */
    static const char *const by[] = {"degree", "pagerank"};
    for (size_t i = 0; i < 2; i++) {
        run_result r = runner_run(NULL, ARGS("rank", "--quiet", "--by", by[i], "--type",
                            "person", "--top", "3", "--format", "csv",
                            seeds));
        ck_assert_msg(r.status == 0, "%s", r.err);
        char *id = top_id(r.out);
        ck_assert_msg(!strcmp(id, "lukashenko"), "top person by %s: %s\n%s",
                      by[i], id, r.out);
        free(id);
        run_free(&r);
    }
}
END_TEST

static Suite *rank_suite(void)
{
    Suite *s = suite_create("rank");
    TCase *tc = tcase_create("rank");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, fixture_csv_by_hand);
    tcase_add_test(tc, fixture_table_aligned);
    tcase_add_test(tc, fixture_type_top_tsv);
    tcase_add_test(tc, fixture_acts_on_hostility);
    tcase_add_test(tc, fixture_json);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, graphml_same_as_corpus_fixture);
    tcase_add_test(tc, graphml_same_as_corpus_examples);
    tcase_add_test(tc, graphml_same_as_corpus_acts_on);
    tcase_add_test(tc, build_measures);
    tcase_add_test(tc, build_size_and_colour);
    tcase_add_test(tc, seeds_lukashenko_on_top);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(rank_suite());
}
