/*
 * test_api.c — check suite for the public network API (include/actnet.h,
 * "Networks"; src/api/network.c), written as a client: it includes
 * actnet.h and nothing private.  The example corpus is counted through
 * the API and the network it writes must be the bytes `actnet build`
 * writes with the same options (unfiltered, filtered, with measures,
 * acts-on with evidence), partials must round-trip, merged halves must
 * equal the whole, and every misuse must come back as a status with an
 * error record, never a crash or a print.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "runner.h"

static char examples[4096], rules_dir[4096];
static actnet_rules *rules;

static void setup_paths(void)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    ck_assert_ptr_nonnull(root);
    snprintf(examples, sizeof(examples), "%s/examples", root);
    snprintf(rules_dir, sizeof(rules_dir), "%s/rules", root);
}

static void setup(void)
{
    actnet_error err;
    setup_paths();
    rules = actnet_rules_create();
    ck_assert_ptr_nonnull(rules);
    ck_assert_int_eq(actnet_rules_load(rules, rules_dir, &err), ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(rules, &err), ACTNET_OK);
    runner_tmpdir("api");
}

static void teardown(void)
{
    actnet_rules_destroy(rules);
    rules = NULL;
    runner_tmpdir_remove();
}

/* Counts the documents of the example corpus whose index (in reading
 * order) has the parity `part` (-1: all) into new counts with o. */
static actnet_counts *count_examples(const actnet_counts_options *o,
                                     int part)
{
    actnet_error err;
    actnet_counts *c = NULL;
    actnet_document doc;
    actnet_status st;
    int i = 0;

    ck_assert_int_eq(actnet_counts_create(o, &c, &err), ACTNET_OK);
    actnet_reader *r = actnet_reader_create(NULL);
    actnet_extractor *ex = actnet_extractor_create(rules);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_nonnull(ex);
    ck_assert_int_eq(actnet_reader_add(r, examples, &err), ACTNET_OK);
    while ((st = actnet_reader_next(r, &doc, &err)) == ACTNET_OK) {
        if (part >= 0 && i++ % 2 != part)
            continue;
        ck_assert_int_eq(actnet_extractor_run(ex, &doc, &err), ACTNET_OK);
        ck_assert_int_eq(actnet_counts_add(c, ex, &doc, &err), ACTNET_OK);
    }
    ck_assert_int_eq(st, ACTNET_DONE);
    actnet_extractor_destroy(ex);
    actnet_reader_destroy(r);
    return c;
}

static actnet_network *network_of(actnet_counts *c)
{
    actnet_network *net = NULL;
    actnet_error err;
    ck_assert_int_eq(actnet_network_create(c, &net, &err), ACTNET_OK);
    ck_assert_ptr_nonnull(net);
    return net;
}

/* The bytes net writes in format f (malloc'ed, NUL-terminated). */
static char *written(actnet_network *net, actnet_format f)
{
    char *buf = NULL;
    size_t len = 0;
    actnet_error err;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    actnet_error_clear(&err);
    ck_assert_msg(actnet_network_write(net, f, fp, 2, &err) == ACTNET_OK,
                  "%s", err.message);
    fclose(fp);
    return buf;
}

/* The bytes `actnet build examples ARGS... -o out.EXT --quiet` writes. */
static char *built(const char *ext, const char *const *extra)
{
    const char *args[32];
    char out[4200], name[64];
    size_t n = 0;
    args[n++] = "build";
    args[n++] = examples;
    for (size_t i = 0; extra && extra[i]; i++)
        args[n++] = extra[i];
    snprintf(name, sizeof(name), "cli.%s", ext);
    args[n++] = "-o";
    args[n++] = runner_path(out, sizeof(out), name);
    args[n++] = "--quiet";
    args[n] = NULL;
    run_result r = runner_run(NULL, args);
    ck_assert_msg(r.status == 0, "actnet build: %s", r.err);
    run_free(&r);
    char *bytes = runner_slurp(out, NULL);
    ck_assert_ptr_nonnull(bytes);
    return bytes;
}

static void assert_same(char *api, char *cli)
{
    ck_assert_msg(!strcmp(api, cli), "the API wrote other bytes than "
                  "actnet build (%zu vs %zu bytes)", strlen(api),
                  strlen(cli));
    free(api);
    free(cli);
}

START_TEST(test_names)
{
    actnet_network_kind k;
    actnet_window w;
    actnet_measure m;
    actnet_format f;
    actnet_community cm;
    uint32_t mask = 0;
    unsigned types = 0;
    const char *bad = NULL;
    char buf[24];

    ck_assert_int_eq(actnet_network_kind_parse("acts-on", &k), ACTNET_OK);
    ck_assert_int_eq(k, ACTNET_NETWORK_ACTS_ON);
    ck_assert_str_eq(actnet_network_kind_name(k), "acts-on");
    ck_assert_int_eq(actnet_network_kind_parse("friends", &k),
                     ACTNET_ERR_USAGE);
    ck_assert_int_eq(actnet_window_parse("12", &w), ACTNET_OK);
    ck_assert_int_eq(w.kind, ACTNET_WINDOW_TOKENS);
    ck_assert_uint_eq(w.tokens, 12);
    ck_assert_str_eq(actnet_window_name(&w, buf, sizeof(buf)), "12 tokens");
    ck_assert_int_eq(actnet_window_parse("paragraph", &w), ACTNET_OK);
    ck_assert_int_eq(w.kind, ACTNET_WINDOW_PARAGRAPH);
    ck_assert_int_eq(actnet_window_parse("0", &w), ACTNET_ERR_USAGE);
    for (int i = 0; i < ACTNET_MEASURE_COUNT; i++) {
        const char *name = actnet_measure_name((actnet_measure)i);
        ck_assert_int_gt(strlen(name), 0);
        ck_assert_int_gt(strlen(actnet_measure_help((actnet_measure)i)), 0);
        ck_assert_int_eq(actnet_measure_parse(name, &m), ACTNET_OK);
        ck_assert_int_eq(m, i);
    }
    ck_assert_str_eq(actnet_measure_name(ACTNET_MEASURE_COUNT), "");
    ck_assert_int_eq(actnet_measure_parse_list("degree,pagerank", &mask,
                                               &bad), ACTNET_OK);
    ck_assert_uint_eq(mask, ACTNET_MEASURE_BIT(ACTNET_MEASURE_DEGREE) |
                                ACTNET_MEASURE_BIT(ACTNET_MEASURE_PAGERANK));
    ck_assert_int_eq(actnet_measure_parse_list("degree,fame", &mask, &bad),
                     ACTNET_ERR_USAGE);
    ck_assert_str_eq(bad, "fame");
    ck_assert_int_eq(actnet_community_parse("louvain", &cm), ACTNET_OK);
    ck_assert_str_eq(actnet_community_name(cm), "louvain");
    ck_assert_int_eq(actnet_format_parse("gv", &f), ACTNET_OK);
    ck_assert_int_eq(f, ACTNET_FORMAT_DOT);
    ck_assert_int_eq(actnet_format_from_path("x.EDGES.CSV", &f), ACTNET_OK);
    ck_assert_int_eq(f, ACTNET_FORMAT_CSV_EDGES);
    ck_assert_int_eq(actnet_format_from_path("x.txt", &f), ACTNET_ERR_USAGE);
    ck_assert_str_eq(actnet_format_name(ACTNET_FORMAT_GEXF), "gexf");
    ck_assert_int_eq(actnet_types_parse("person,country", &types),
                     ACTNET_OK);
    ck_assert_uint_eq(types, (1u << ACTNET_PERSON) | (1u << ACTNET_COUNTRY));
    ck_assert_int_eq(actnet_types_parse("person,planet", &types),
                     ACTNET_ERR_USAGE);
}
END_TEST

START_TEST(test_bad_options)
{
    actnet_counts_options o;
    actnet_counts *c = (actnet_counts *)&o;
    actnet_error err;

    actnet_counts_options_init(&o);
    o.evidence = ACTNET_EVIDENCE_MAX + 1;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_counts_create(&o, &c, &err), ACTNET_ERR_USAGE);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(strstr(err.message, "evidence"));
    actnet_counts_options_init(&o);
    o.window.kind = ACTNET_WINDOW_TOKENS;
    o.window.tokens = 0;
    ck_assert_int_eq(actnet_counts_create(&o, &c, &err), ACTNET_ERR_USAGE);
    actnet_counts_destroy(NULL);
    actnet_network_destroy(NULL);
}
END_TEST

/* Unfiltered, the network is written from the counts: the bytes of
 * actnet build in every format; its attributes read back. */
START_TEST(test_as_counted)
{
    actnet_counts_options o;
    actnet_counts_stats st;
    actnet_counts_options_init(&o);
    actnet_counts *c = count_examples(&o, -1);
    actnet_counts_get_stats(c, &st);
    ck_assert_uint_eq(st.documents, 6);
    ck_assert_uint_gt(st.nodes, 5);
    ck_assert_uint_gt(st.edges, 5);
    actnet_network *net = network_of(c);
    ck_assert_int_eq(actnet_network_is_directed(net), 0);
    ck_assert_uint_eq(actnet_network_node_count(net), st.nodes);
    ck_assert_uint_eq(actnet_network_edge_count(net), st.edges);

    size_t id = actnet_network_attr_find(net, ACTNET_ATTR_NODE, "id");
    size_t mentions = actnet_network_attr_find(net, ACTNET_ATTR_NODE,
                                               "mentions");
    size_t weight = actnet_network_attr_find(net, ACTNET_ATTR_EDGE,
                                             "weight");
    ck_assert_uint_ne(id, (size_t)-1);
    ck_assert_uint_ne(weight, (size_t)-1);
    ck_assert_int_eq(actnet_network_attr_type(net, ACTNET_ATTR_NODE, id),
                     ACTNET_ATTR_STRING);
    ck_assert_int_eq(actnet_network_attr_type(net, ACTNET_ATTR_NODE,
                                              mentions), ACTNET_ATTR_NUMBER);
    ck_assert_str_eq(actnet_network_attr_name(net, ACTNET_ATTR_NODE, id),
                     "id");
    ck_assert_uint_eq(actnet_network_attr_find(net, ACTNET_ATTR_NODE,
                                               "_size_by"), (size_t)-1);
    /* nodes sorted by id */
    for (size_t v = 1; v < st.nodes; v++)
        ck_assert_int_lt(strcmp(actnet_network_attr_string(
                                    net, ACTNET_ATTR_NODE, id, v - 1),
                                actnet_network_attr_string(
                                    net, ACTNET_ATTR_NODE, id, v)), 0);
    double total = 0;
    for (size_t e = 0; e < st.edges; e++) {
        size_t a, b;
        ck_assert_int_eq(actnet_network_edge_ends(net, e, &a, &b),
                         ACTNET_OK);
        ck_assert_uint_le(a, b);
        ck_assert_uint_lt(b, st.nodes);
        total += actnet_network_attr_number(net, ACTNET_ATTR_EDGE, weight,
                                            e);
    }
    ck_assert(total >= (double)st.edges);
    size_t a, b;
    ck_assert_int_eq(actnet_network_edge_ends(net, st.edges, &a, &b),
                     ACTNET_ERR_USAGE);
    /* wrong type or range: NaN / NULL / -1, never a crash */
    ck_assert(isnan(actnet_network_attr_number(net, ACTNET_ATTR_NODE, id,
                                               0)));
    ck_assert_ptr_null(actnet_network_attr_string(net, ACTNET_ATTR_NODE,
                                                  mentions, 0));
    ck_assert_ptr_null(actnet_network_attr_string(net, ACTNET_ATTR_NODE, id,
                                                  st.nodes));
    ck_assert_int_eq(actnet_network_attr_boolean(net, ACTNET_ATTR_NODE, id,
                                                 0), -1);
    ck_assert_ptr_null(actnet_network_attr_name(net, ACTNET_ATTR_GRAPH,
                                                99));
    size_t gnet = actnet_network_attr_find(net, ACTNET_ATTR_GRAPH,
                                           "network");
    ck_assert_str_eq(actnet_network_attr_string(net, ACTNET_ATTR_GRAPH, gnet,
                                                0), "cooccurrence");

    ck_assert_int_eq(actnet_network_layout(net, NULL), ACTNET_OK);
    ck_assert_uint_ne(actnet_network_attr_find(net, ACTNET_ATTR_NODE, "x"),
                      (size_t)-1);
    assert_same(written(net, ACTNET_FORMAT_GRAPHML), built("graphml", NULL));
    assert_same(written(net, ACTNET_FORMAT_GEXF), built("gexf", NULL));
    assert_same(written(net, ACTNET_FORMAT_DOT), built("dot", NULL));
    assert_same(written(net, ACTNET_FORMAT_JSON), built("json", NULL));
    assert_same(written(net, ACTNET_FORMAT_CSV_EDGES),
                built("edges.csv", NULL));

    actnet_error err;
    actnet_filter f;
    actnet_filter_init(&f);
    f.top = 2;
    ck_assert_int_eq(actnet_network_filter(net, &f, &err), ACTNET_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "layout"));
    FILE *fp = tmpfile();
    ck_assert_int_eq(actnet_network_write(net, ACTNET_FORMAT_CSV, fp, 1,
                                          &err), ACTNET_ERR_USAGE);
    fclose(fp);
    actnet_network_destroy(net);
}
END_TEST

/* Filters and measures make it a graph: still build's bytes. */
START_TEST(test_filtered_measured)
{
    actnet_counts_options o;
    actnet_filter f;
    actnet_analyse_options ao;
    actnet_analyse_report rep;
    actnet_error err;

    actnet_counts_options_init(&o);
    actnet_network *net = network_of(count_examples(&o, -1));
    actnet_filter_init(&f);
    f.top = 6;
    ck_assert_int_eq(actnet_network_filter(net, &f, &err), ACTNET_OK);
    ck_assert_uint_eq(actnet_network_node_count(net), 6);
    ck_assert_int_eq(actnet_network_measure_applies(
                         net, ACTNET_MEASURE_PAGERANK), 1);
    ck_assert_int_eq(actnet_network_measure_applies(
                         net, ACTNET_MEASURE_INDEGREE), 0);
    actnet_analyse_options_init(&ao);
    ao.measures = ACTNET_MEASURES_ALL;
    ck_assert_int_eq(actnet_network_analyse(net, &ao, &rep, &err),
                     ACTNET_OK);
    ck_assert(rep.computed & ACTNET_MEASURE_BIT(ACTNET_MEASURE_PAGERANK));
    ck_assert(rep.skipped & ACTNET_MEASURE_BIT(ACTNET_MEASURE_HUB));
    ck_assert_int_gt(rep.communities, 0);
    size_t pr = actnet_network_attr_find(net, ACTNET_ATTR_NODE, "pagerank");
    ck_assert_uint_ne(pr, (size_t)-1);
    double sum = 0;
    for (size_t v = 0; v < 6; v++)
        sum += actnet_network_attr_number(net, ACTNET_ATTR_NODE, pr, v);
    ck_assert_double_eq_tol(sum, 1.0, 1e-9);
    ck_assert_int_eq(actnet_network_set_style(net, "pagerank", NULL, &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_network_set_style(net, NULL, "size", &err),
                     ACTNET_ERR_USAGE);
    ck_assert_int_eq(actnet_network_layout(net, &err), ACTNET_OK);
    assert_same(written(net, ACTNET_FORMAT_GEXF),
                built("gexf", ARGS("--top", "6", "--measures")));
    assert_same(written(net, ACTNET_FORMAT_GRAPHML),
                built("graphml", ARGS("--top", "6", "--measures")));

    /* a missing ego is a data error naming it */
    actnet_network_destroy(net);
    net = network_of(count_examples(&o, -1));
    f.top = 0;
    f.ego = "nobody-at-all";
    ck_assert_int_eq(actnet_network_filter(net, &f, &err), ACTNET_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "nobody-at-all"));
    actnet_network_destroy(net);
}
END_TEST

START_TEST(test_acts_on)
{
    actnet_counts_options o;
    actnet_counts_options_init(&o);
    o.network = ACTNET_NETWORK_ACTS_ON;
    o.evidence = 3;
    actnet_network *net = network_of(count_examples(&o, -1));
    ck_assert_int_eq(actnet_network_is_directed(net), 1);
    ck_assert_uint_gt(actnet_network_edge_count(net), 0);
    size_t rel = actnet_network_attr_find(net, ACTNET_ATTR_EDGE, "relation");
    size_t sym = actnet_network_attr_find(net, ACTNET_ATTR_EDGE,
                                          "symmetric");
    ck_assert_ptr_nonnull(actnet_network_attr_string(net, ACTNET_ATTR_EDGE,
                                                     rel, 0));
    ck_assert_int_ge(actnet_network_attr_boolean(net, ACTNET_ATTR_EDGE, sym,
                                                 0), 0);
    ck_assert_int_eq(actnet_network_layout(net, NULL), ACTNET_OK);
    assert_same(written(net, ACTNET_FORMAT_JSON),
                built("json", ARGS("--network", "acts-on", "--evidence=3")));
    actnet_network_destroy(net);
}
END_TEST

/* Halves counted apart, one through a partial result, merge into the
 * whole; a partial of other options is refused. */
START_TEST(test_partial_merge)
{
    actnet_counts_options o;
    actnet_error err;
    char path[4200];
    actnet_counts_options_init(&o);
    o.evidence = 2;
    actnet_counts *whole = count_examples(&o, -1);
    actnet_counts *even = count_examples(&o, 0);
    actnet_counts *odd = count_examples(&o, 1);

    FILE *fp = fopen(runner_path(path, sizeof(path), "odd.partial"), "w+");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(actnet_counts_write_partial(odd, fp, &err), ACTNET_OK);
    rewind(fp);
    ck_assert_int_eq(actnet_counts_read_partial(&even, fp, path, &err),
                     ACTNET_OK);
    rewind(fp);
    actnet_counts *fresh = NULL;
    ck_assert_int_eq(actnet_counts_read_partial(&fresh, fp, path, &err),
                     ACTNET_OK);
    actnet_counts_options fo;
    actnet_counts_get_options(fresh, &fo);
    ck_assert_uint_eq(fo.evidence, 2);
    actnet_counts_destroy(fresh);
    fclose(fp);

    actnet_network *a = network_of(whole), *b = network_of(even);
    assert_same(written(a, ACTNET_FORMAT_GRAPHML),
                written(b, ACTNET_FORMAT_GRAPHML));
    actnet_network_destroy(a);
    actnet_network_destroy(b);

    actnet_counts_options other;
    actnet_counts_options_init(&other);
    actnet_counts *x = count_examples(&other, 0);
    ck_assert_int_eq(actnet_counts_merge(x, odd, &err), ACTNET_ERR_USAGE);
    fp = tmpfile();
    ck_assert_int_eq(actnet_counts_write_partial(odd, fp, &err), ACTNET_OK);
    rewind(fp);
    ck_assert_int_eq(actnet_counts_read_partial(&x, fp, "odd", &err),
                     ACTNET_ERR_USAGE);
    fclose(fp);
    fp = tmpfile();
    fputs("{\"format\":\"something else\"}\n", fp);
    rewind(fp);
    fresh = NULL;
    ck_assert_int_eq(actnet_counts_read_partial(&fresh, fp, "junk", &err),
                     ACTNET_ERR_DATA);
    ck_assert_str_eq(err.path, "junk");
    actnet_counts_destroy(fresh);
    fclose(fp);
    actnet_counts_destroy(x);
    actnet_counts_destroy(odd);
}
END_TEST

/* Written to a path whole (CSV as two files), read back as GraphML. */
START_TEST(test_paths_graphml)
{
    actnet_counts_options o;
    actnet_error err;
    char path[4200];
    actnet_counts_options_init(&o);
    actnet_network *net = network_of(count_examples(&o, -1));
    size_t nodes = actnet_network_node_count(net);
    size_t edges = actnet_network_edge_count(net);

    ck_assert_int_eq(actnet_network_write_path(
                         net, ACTNET_FORMAT_GRAPHML,
                         runner_path(path, sizeof(path), "n.graphml"), &err),
                     ACTNET_OK);
    char *bytes = runner_slurp(path, NULL);
    assert_same(bytes, written(net, ACTNET_FORMAT_GRAPHML));
    ck_assert_int_eq(actnet_network_write_path(
                         net, ACTNET_FORMAT_CSV,
                         runner_path(path, sizeof(path), "n.csv"), &err),
                     ACTNET_OK);
    bytes = runner_slurp(runner_path(path, sizeof(path), "n.nodes.csv"),
                         NULL);
    assert_same(bytes, written(net, ACTNET_FORMAT_CSV_NODES));
    ck_assert_int_eq(actnet_network_write_path(
                         net, ACTNET_FORMAT_DOT, "/nonexistent-dir/n.dot",
                         &err), ACTNET_ERR_IO);
    ck_assert_str_eq(err.path, "/nonexistent-dir/n.dot");

    FILE *fp = fopen(runner_path(path, sizeof(path), "n.graphml"), "r");
    actnet_network *back = NULL;
    ck_assert_int_eq(actnet_network_read_graphml(fp, path, &back, &err),
                     ACTNET_OK);
    fclose(fp);
    ck_assert_uint_eq(actnet_network_node_count(back), nodes);
    ck_assert_uint_eq(actnet_network_edge_count(back), edges);
    size_t label = actnet_network_attr_find(back, ACTNET_ATTR_NODE, "label");
    ck_assert_ptr_nonnull(actnet_network_attr_string(back, ACTNET_ATTR_NODE,
                                                     label, 0));
    actnet_network_destroy(back);

    fp = tmpfile();
    fputs("not xml at all", fp);
    rewind(fp);
    ck_assert_int_eq(actnet_network_read_graphml(fp, "junk.graphml", &back,
                                                 &err), ACTNET_ERR_DATA);
    ck_assert_ptr_null(back);
    ck_assert_str_eq(err.path, "junk.graphml");
    fclose(fp);
    actnet_network_destroy(net);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("network");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_bad_options);
    tcase_add_test(tc, test_as_counted);
    tcase_add_test(tc, test_filtered_measured);
    tcase_add_test(tc, test_acts_on);
    tcase_add_test(tc, test_partial_merge);
    tcase_add_test(tc, test_paths_graphml);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(api_suite());
}
