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
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utf8proc.h>

extern char **environ;

static char rank_dir[4096];     /* tests/data/rank */
static char examples[4096];     /* the example corpus */
static char tmp_dir[4096];

typedef struct result {
    int status;
    char *out, *err;
} result;

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    s[fread(s, 1, (size_t)n, f)] = '\0';
    fclose(f);
    return s;
}

/* Runs actnet with the NULL-terminated args; under valgrind when
 * ACTNET_VALGRIND is set (the valgrind test setup). */
static result run(const char *const *args)
{
    static const char *const vg[] = {
        "valgrind", "-q", "--error-exitcode=97", "--leak-check=full",
        "--show-leak-kinds=definite,indirect",
        "--errors-for-leak-kinds=definite,indirect", "--vgdb=no", NULL};
    const char *bin = getenv("ACTNET_BIN");
    const char *env = getenv("ACTNET_VALGRIND");
    int valgrind = env && *env && strcmp(env, "0");
    const char *argv[80];
    char out[4200], err[4200];
    size_t n = 0;
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st;
    result r;

    ck_assert_ptr_nonnull(bin);
    for (size_t i = 0; valgrind && vg[i]; i++)
        argv[n++] = vg[i];
    argv[n++] = bin;
    for (size_t i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    snprintf(out, sizeof(out), "%s/out", tmp_dir);
    snprintf(err, sizeof(err), "%s/err", tmp_dir);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT |
                                     O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT |
                                     O_TRUNC, 0644);
    ck_assert_int_eq(posix_spawnp(&pid, argv[0], &fa, NULL,
                                  (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = read_all(out);
    r.err = read_all(err);
    ck_assert_msg(r.status != 97, "valgrind: %s", r.err);
    return r;
}

static void result_free(result *r)
{
    free(r->out);
    free(r->err);
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void setup(void)
{
    const char *data = getenv("ACTNET_TEST_DATA");
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    ck_assert_ptr_nonnull(data);
    ck_assert_ptr_nonnull(root);
    snprintf(rank_dir, sizeof(rank_dir), "%s/rank", data);
    snprintf(examples, sizeof(examples), "%s/examples", root);
    snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/actnet-rank-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
    ck_assert_int_eq(chdir(rank_dir), 0);
}

static void teardown(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmp_dir, name);
    return buf;
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
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--by",
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
    result_free(&r);
}
END_TEST

START_TEST(fixture_table_aligned)
{
    /* every line has the same display width (so the right-aligned
     * numbers end in one column whatever the labels hold), the header
     * names the columns */
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--by",
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
    result_free(&r);
}
END_TEST

START_TEST(fixture_type_top_tsv)
{
    /* --type keeps the measures of the whole network; ranks renumbered */
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
                        "--type", "person", "--top", "2", "--format", "tsv",
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_str_eq(r.out, "rank\tid\tlabel\ttype\tdegree\n"
                            "1\tana\tAna Müller\tperson\t4\n"
                            "2\tbob\tBob Stone\tperson\t3\n");
    result_free(&r);
    r = run(ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
                 "--type", "country,organisation", "--format", "tsv",
                 "corpus"));
    ck_assert_str_eq(r.out, "rank\tid\tlabel\ttype\tdegree\n"
                            "1\tAUT\tÖsterreich\tcountry\t2\n"
                            "2\tpku\t北京大学\torganisation\t1\n");
    result_free(&r);
}
END_TEST

START_TEST(fixture_acts_on_hostility)
{
    /* events: Bob criticises Ana, 北京大学 praises Ana, Łukasz criticises
     * Bob */
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--network",
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
    result_free(&r);
}
END_TEST

START_TEST(fixture_json)
{
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--by", "degree",
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
    result_free(&r);
}
END_TEST

/* ---- errors -------------------------------------------------------------- */

START_TEST(usage_errors)
{
    char gm[4300];
    result r = run(ARGS("rank", "--rules", "rules.yaml", "--by", "fame",
                        "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "unknown measure 'fame'"));
    result_free(&r);

    r = run(ARGS("rank", "--rules", "rules.yaml", "--by", "pagerank,hub",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--by hub: not defined"));
    ck_assert_ptr_nonnull(strstr(r.err, "acts-on"));
    result_free(&r);

    r = run(ARGS("rank", "--rules", "rules.yaml", "--format", "xml",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    result_free(&r);

    r = run(ARGS("rank", "--rules", "rules.yaml", "--top", "-3", "corpus"));
    ck_assert_int_eq(r.status, 2);
    result_free(&r);

    r = run(ARGS("rank", "--rules", "rules.yaml", "--sample", "many",
                 "corpus"));
    ck_assert_int_eq(r.status, 2);
    result_free(&r);

    r = run(ARGS("rank", "x.graphml", "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "must be the only INPUT"));
    result_free(&r);

    /* not GraphML: exit 1, named */
    r = run(ARGS("rank", "--rules", "rules.yaml", "--format", "csv",
                 "-o", tmp_path(gm, sizeof(gm), "bad.graphml"), "corpus"));
    ck_assert_int_eq(r.status, 0);
    result_free(&r);
    r = run(ARGS("rank", gm));
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "bad.graphml: cannot read it as "
                                        "GraphML"));
    ck_assert_str_eq(r.out, "");
    result_free(&r);

    r = run(ARGS("rank", tmp_path(gm, sizeof(gm), "missing.graphml")));
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "missing.graphml: cannot open"));
    result_free(&r);
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

    tmp_path(gm, sizeof(gm), "net.graphml");
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
    result r = run(argv);
    ck_assert_msg(r.status == 0, "build: %s", r.err);
    result_free(&r);

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
        result ra = run(a), rb = run(b);
        ck_assert_msg(ra.status == 0, "set %zu corpus: %s", s, ra.err);
        ck_assert_msg(rb.status == 0, "set %zu graphml: %s", s, rb.err);
        ck_assert_msg(ra.out[0] != '\0', "set %zu: no output", s);
        ck_assert_msg(!strcmp(ra.out, rb.out),
                      "set %zu differs:\ncorpus:\n%s\ngraphml:\n%s", s,
                      ra.out, rb.out);
        result_free(&ra);
        result_free(&rb);
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
    result r = run(ARGS("build", "--rules", "rules.yaml", "--measures",
                        "-o", tmp_path(gm, sizeof(gm), "m.graphml"),
                        "-o", tmp_path(csv, sizeof(csv), "m.csv"),
                        "-o", tmp_path(json, sizeof(json), "m.json"),
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    result_free(&r);
    char *text = read_all(gm);
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"pagerank\" "
                                       "attr.type=\"double\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"degree\" "
                                       "attr.type=\"int\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"community\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"modularity\""));
    ck_assert_ptr_null(strstr(text, "attr.name=\"hub\""));  /* directed */
    ck_assert_ptr_null(strstr(text, "_size_by"));           /* hidden */
    free(text);
    text = read_all(tmp_path(nodes, sizeof(nodes), "m.nodes.csv"));
    ck_assert_ptr_nonnull(strstr(text, ",degree,strength,betweenness,"
                                       "closeness,harmonic,pagerank,"
                                       "eigenvector,coreness,community\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nana,Ana Müller,person,,"));
    free(text);
    text = read_all(json);
    ck_assert_ptr_nonnull(strstr(text, "\"degree\": 4"));
    free(text);

    /* the values written are those rank prints */
    r = run(ARGS("rank", "--by", "degree,strength", "--format", "csv", gm));
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert(starts_with(r.out, "rank,id,label,type,degree,strength\n"
                                 "1,ana,Ana Müller,person,4,5\n"));
    result_free(&r);

    /* a list: only those (and pagerank, the default size) */
    r = run(ARGS("build", "--rules", "rules.yaml", "--measures=degree",
                 "-o", gm, "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    result_free(&r);
    text = read_all(gm);
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"degree\""));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"pagerank\""));
    ck_assert_ptr_null(strstr(text, "attr.name=\"betweenness\""));
    free(text);

    r = run(ARGS("build", "--rules", "rules.yaml", "--measures=degre",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "unknown measure at 'degre'"));
    result_free(&r);

    /* asked for by name but not defined here: a warning, not an error */
    r = run(ARGS("build", "--rules", "rules.yaml", "--measures=degree,hub",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.err, "warning: hub is not defined for "
                                        "the co-occurrence network"));
    result_free(&r);

    r = run(ARGS("build", "--rules", "rules.yaml", "--size-by", "hub",
                 "-o", gm, "corpus"));
    ck_assert_int_eq(r.status, 1);
    result_free(&r);
}
END_TEST

START_TEST(build_size_and_colour)
{
    char dot[4300], gexf[4300], json[4300];
    result r = run(ARGS("build", "--rules", "rules.yaml", "--size-by",
                        "degree", "--color-by", "community",
                        "-o", tmp_path(dot, sizeof(dot), "s.dot"),
                        "-o", tmp_path(gexf, sizeof(gexf), "s.gexf"),
                        "-o", tmp_path(json, sizeof(json), "s.json"),
                        "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    result_free(&r);
    /* labels sized by degree: 10 + 8 sqrt(degree / 4); one community
     * (the fixture is too small to split), drawn in the first colour */
    char *text = read_all(dot);
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
    text = read_all(gexf);
    const char *pku = strstr(text, "<node id=\"pku\"");
    ck_assert_ptr_nonnull(pku);
    ck_assert_ptr_nonnull(strstr(pku, "<viz:color r=\"78\" g=\"121\" "
                                      "b=\"167\"/>\n        <viz:size "
                                      "value=\"30\"/>"));
    free(text);
    text = read_all(json);
    ck_assert_ptr_nonnull(strstr(text, "\"degree\": 4,\n   \"community\": "
                                       "0,\n   \"color\": \"#4e79a7\",\n"
                                       "   \"size\": 50\n"));
    free(text);

    /* the defaults: colour by type, size by mentions */
    r = run(ARGS("build", "--rules", "rules.yaml", "--measures", "-o", dot,
                 "corpus"));
    ck_assert_msg(r.status == 0, "%s", r.err);
    result_free(&r);
    text = read_all(dot);
    ck_assert_ptr_null(strstr(text, "fill colour: community"));
    ck_assert_ptr_nonnull(strstr(text, "label size: pagerank"));
    ck_assert_ptr_nonnull(strstr(text, "fillcolor=\"#a0cbe8\""));
    free(text);

    r = run(ARGS("build", "--rules", "rules.yaml", "--color-by",
                 "community", "--communities", "none", "-o", dot, "corpus"));
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "--color-by community needs"));
    result_free(&r);
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
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    char seeds[4200];
    snprintf(seeds, sizeof(seeds), "%s/../shared/corpus/seeds", root);
    if (access(seeds, R_OK) != 0)
        return;     /* the seed corpus is not part of the repository */
    static const char *const by[] = {"degree", "pagerank"};
    for (size_t i = 0; i < 2; i++) {
        result r = run(ARGS("rank", "--quiet", "--by", by[i], "--type",
                            "person", "--top", "3", "--format", "csv",
                            seeds));
        ck_assert_msg(r.status == 0, "%s", r.err);
        char *id = top_id(r.out);
        ck_assert_msg(!strcmp(id, "lukashenko"), "top person by %s: %s\n%s",
                      by[i], id, r.out);
        free(id);
        result_free(&r);
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
    SRunner *sr = srunner_create(rank_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
