/*
 * test_graph.c — check suite for src/net/graph.c: the igraph graph built from
 * an aggregate (node order by id, edge order, the attributes and when
 * they appear) and every filter, alone and in the documented order; the
 * directed acts-on network (its nodes, edges, attributes, collapse) and
 * the filters on it; the net made without igraph (an_graph_net), written
 * as the graph is, on any number of threads.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "agg_fixture.h"
#include "net/aggregate.h"
#include "net/graph.h"
#include "write/write.h"

static an_agg *agg;
static igraph_t g;
static int have_graph;

static void setup(void)
{
    an_agg_options o;
    an_graph_setup_igraph();
    an_agg_options_init(&o);
    agg = an_agg_create(&o);
    ck_assert_ptr_nonnull(agg);
    have_graph = 0;
}

static void teardown(void)
{
    if (have_graph)
        igraph_destroy(&g);
    an_agg_destroy(agg);
    agg = NULL;
}

static uint32_t node(const char *id, const char *label,
                     actnet_entity_type type, uint64_t mentions)
{
    uint32_t i = an_agg_node_intern(agg, id, label, type, NULL, NULL);
    ck_assert_uint_ne(i, UINT32_MAX);
    an_agg_node_add_counts(agg, i, mentions, 1, 0, 0);
    return i;
}

static void edge(uint32_t a, uint32_t b, uint64_t w)
{
    uint32_t e = an_agg_edge_intern(agg, a, b);
    ck_assert_uint_ne(e, UINT32_MAX);
    an_agg_edge_add_counts(agg, e, w, 1, 0, 0);
}

/*
 *   p1 (person, 10) --5-- p2 (person, 5)
 *   p1 --1-- o1 (organisation, 7) --2-- c1 (country, 3) --3-- c2 (country, 3)
 *   p2 --1-- c2
 *   x1 (person, 2) --1-- x2 (person, 2)        iso (person, 1), no edges
 */
static void fixture(void)
{
    uint32_t iso = node("iso", "Isolated", ACTNET_PERSON, 1);
    uint32_t x2 = node("x2", "Ex Two", ACTNET_PERSON, 2);
    uint32_t c2 = node("c2", "Country Two", ACTNET_COUNTRY, 3);
    uint32_t p1 = node("p1", "Person One", ACTNET_PERSON, 10);
    uint32_t o1 = node("o1", "Org One", ACTNET_ORGANISATION, 7);
    uint32_t c1 = node("c1", "Country One", ACTNET_COUNTRY, 3);
    uint32_t p2 = node("p2", "Person Two", ACTNET_PERSON, 5);
    uint32_t x1 = node("x1", "Ex One", ACTNET_PERSON, 2);
    (void)iso;
    edge(p1, p2, 5);
    edge(o1, p1, 1);
    edge(o1, c1, 2);
    edge(c2, c1, 3);
    edge(p2, c2, 1);
    edge(x1, x2, 1);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
}

/* The ids of the vertices, comma-separated, in vertex order. */
static const char *ids(void)
{
    static char buf[512];
    buf[0] = '\0';
    for (igraph_integer_t v = 0; v < igraph_vcount(&g); v++) {
        if (v)
            strcat(buf, ",");
        strcat(buf, VAS(&g, "id", v));
    }
    return buf;
}

/* The edges as "a-b:w", comma-separated, in edge order. */
static const char *edges(void)
{
    static char buf[512];
    buf[0] = '\0';
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        igraph_integer_t from, to;
        char one[64];
        igraph_edge(&g, e, &from, &to);
        snprintf(one, sizeof(one), "%s%s-%s:%g", e ? "," : "",
                 VAS(&g, "id", from), VAS(&g, "id", to), EAN(&g, "weight", e));
        strcat(buf, one);
    }
    return buf;
}

static void apply(const an_graph_filter *f)
{
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_msg(an_graph_filter_apply(&g, f, &err) == ACTNET_OK, "%s",
                  err.message);
}

START_TEST(build_sorts_by_id)
{
    fixture();
    ck_assert_str_eq(ids(), "c1,c2,iso,o1,p1,p2,x1,x2");
    ck_assert_str_eq(edges(), "c1-c2:3,c1-o1:2,c2-p2:1,o1-p1:1,p1-p2:5,"
                              "x1-x2:1");
    ck_assert(!igraph_is_directed(&g));
}
END_TEST

START_TEST(build_attributes)
{
    static const actnet_entity ents[] = {
        {"z", "Zulu", ACTNET_PERSON, "c", NULL, NULL, 0},
        {"c", "Charlie", ACTNET_COUNTRY, NULL, NULL, NULL, 0}};
    fx_doc d = {"doc", NULL, {"Zulu in Charlie.", NULL}, {0},
                {{0, 0, 0}, {1, 0, 2}}, 2};
    fx_feed(agg, ents, 2, &d);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert_str_eq(GAS(&g, "network"), "cooccurrence");
    ck_assert_str_eq(GAS(&g, "window"), "sentence");
    ck_assert(GAN(&g, "documents") == 1);
    ck_assert_str_eq(VAS(&g, "id", 0), "c");
    ck_assert_str_eq(VAS(&g, "label", 1), "Zulu");
    ck_assert_str_eq(VAS(&g, "type", 1), "person");
    ck_assert_str_eq(VAS(&g, "type", 0), "country");
    ck_assert_str_eq(VAS(&g, "country", 1), "c");
    ck_assert_str_eq(VAS(&g, "country", 0), "");
    ck_assert(VAN(&g, "mentions", 1) == 1);
    ck_assert(VAN(&g, "documents", 1) == 1);
    ck_assert_str_eq(EAS(&g, "network", 0), "cooccurrence");
    /* Co-occurrence edges have no kind: no parallel edges to tell
     * apart. */
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "kind"));
    ck_assert(EAN(&g, "weight", 0) == 1);
    ck_assert(EAN(&g, "documents", 0) == 1);
    /* No dates, no kind, no evidence: no such attributes. */
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_VERTEX,
                                          "first"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_VERTEX,
                                          "kind"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "evidence"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE, "last"));
}
END_TEST

START_TEST(build_dates_kind_evidence)
{
    static const actnet_entity ents[] = {
        {"a", "A", ACTNET_PERSON, NULL, "news", NULL, 0},
        {"b", "B", ACTNET_PERSON, NULL, NULL, NULL, 0},
        {"c", "C", ACTNET_PERSON, NULL, NULL, NULL, 0}};
    an_agg_options o;
    an_agg_destroy(agg);
    an_agg_options_init(&o);
    o.evidence = 2;
    agg = an_agg_create(&o);
    fx_doc d = {"d1", "2020-08-10", {"A met B.", "C.", NULL}, {0, 0},
                {{0, 0, 0}, {1, 0, 2}, {2, 1, 4}}, 3};
    fx_feed(agg, ents, 3, &d);
    d.id = "d0";
    d.date = NULL;
    fx_feed(agg, ents, 3, &d);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert_str_eq(VAS(&g, "kind", 0), "news");
    ck_assert_str_eq(VAS(&g, "kind", 1), "");
    ck_assert_str_eq(VAS(&g, "first", 0), "2020-08-10");
    ck_assert_str_eq(VAS(&g, "last", 0), "2020-08-10");
    ck_assert_str_eq(EAS(&g, "first", 0), "2020-08-10");
    ck_assert_str_eq(EAS(&g, "evidence", 0), "d0\tA met B.\nd1\tA met B.");
    ck_assert(EAN(&g, "documents", 0) == 2);
}
END_TEST

START_TEST(parse_types)
{
    unsigned m = 0;
    ck_assert_int_eq(an_graph_parse_types("person,country", &m), 0);
    ck_assert_uint_eq(m, (1u << ACTNET_PERSON) | (1u << ACTNET_COUNTRY));
    ck_assert_int_eq(an_graph_parse_types(" organization ", &m), 0);
    ck_assert_uint_eq(m, 1u << ACTNET_ORGANISATION);
    ck_assert_int_eq(an_graph_parse_types("organisation,person", &m), 0);
    ck_assert_int_eq(an_graph_parse_types("people", &m), -1);
    ck_assert_int_eq(an_graph_parse_types("person,", &m), -1);
    ck_assert_int_eq(an_graph_parse_types("", &m), -1);
}
END_TEST

START_TEST(filter_types)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    an_graph_parse_types("person", &f.types);
    apply(&f);
    ck_assert_str_eq(ids(), "iso,p1,p2,x1,x2");
    ck_assert_str_eq(edges(), "p1-p2:5,x1-x2:1");
}
END_TEST

START_TEST(filter_min_mentions)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.min_mentions = 3;
    apply(&f);
    ck_assert_str_eq(ids(), "c1,c2,o1,p1,p2");
}
END_TEST

START_TEST(filter_min_weight_keeps_nodes)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.min_weight = 2;
    apply(&f);
    ck_assert_int_eq(igraph_vcount(&g), 8);
    ck_assert_str_eq(edges(), "c1-c2:3,c1-o1:2,p1-p2:5");
    ck_assert(EAN(&g, "weight", 2) == 5);   /* attributes follow edges */
}
END_TEST

START_TEST(filter_ego)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.ego = "p1";
    apply(&f);
    ck_assert_str_eq(ids(), "o1,p1,p2");
    igraph_destroy(&g);
    have_graph = 0;

    fixture();
    f.ego = "person one";            /* a label, any ASCII case */
    f.radius = 2;
    apply(&f);
    ck_assert_str_eq(ids(), "c1,c2,o1,p1,p2");
    igraph_destroy(&g);
    have_graph = 0;

    fixture();
    f.radius = 0;
    f.ego = "Org One";
    apply(&f);
    ck_assert_str_eq(ids(), "o1");
}
END_TEST

START_TEST(filter_ego_not_found)
{
    an_graph_filter f;
    actnet_error err;
    fixture();
    an_graph_filter_init(&f);
    f.ego = "nobody";
    actnet_error_clear(&err);
    ck_assert_int_eq(an_graph_filter_apply(&g, &f, &err), ACTNET_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "'nobody'"));
    ck_assert_ptr_nonnull(strstr(err.message, "no such node"));
    ck_assert_int_eq(igraph_vcount(&g), 8);

    /* Filtered out first: the message says the filters ran before. */
    an_graph_filter_init(&f);
    f.ego = "iso";
    f.min_mentions = 2;
    actnet_error_clear(&err);
    ck_assert_int_eq(an_graph_filter_apply(&g, &f, &err), ACTNET_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "--min-mentions"));
}
END_TEST

START_TEST(filter_ego_ambiguous_label)
{
    an_graph_filter f;
    actnet_error err;
    node("a", "Same", ACTNET_PERSON, 1);
    node("b", "Same", ACTNET_PERSON, 1);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    an_graph_filter_init(&f);
    f.ego = "Same";
    actnet_error_clear(&err);
    ck_assert_int_eq(an_graph_filter_apply(&g, &f, &err), ACTNET_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "several nodes"));
    f.ego = "b";                      /* the id still works */
    apply(&f);
    ck_assert_str_eq(ids(), "b");
}
END_TEST

START_TEST(filter_top_ties_by_id)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.top = 4;
    apply(&f);
    /* p1 10, o1 7, p2 5, then c1 and c2 tie at 3: c1 has the smaller id */
    ck_assert_str_eq(ids(), "c1,o1,p1,p2");
    f.top = 100;                      /* more than there are: no change */
    apply(&f);
    ck_assert_int_eq(igraph_vcount(&g), 4);
}
END_TEST

START_TEST(filter_giant)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.giant = 1;
    apply(&f);
    ck_assert_str_eq(ids(), "c1,c2,o1,p1,p2");
}
END_TEST

START_TEST(filter_giant_tie_takes_smallest_id)
{
    an_graph_filter f;
    uint32_t b1 = node("b1", "B1", ACTNET_PERSON, 1);
    uint32_t b2 = node("b2", "B2", ACTNET_PERSON, 1);
    uint32_t a1 = node("a1", "A1", ACTNET_PERSON, 1);
    uint32_t a2 = node("a2", "A2", ACTNET_PERSON, 1);
    edge(b1, b2, 1);
    edge(a1, a2, 1);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    an_graph_filter_init(&f);
    f.giant = 1;
    apply(&f);
    ck_assert_str_eq(ids(), "a1,a2");
}
END_TEST

START_TEST(filters_apply_in_order)
{
    an_graph_filter f;
    fixture();
    an_graph_filter_init(&f);
    f.min_weight = 2;    /* first: p1-p2 | o1-c1-c2 | x1-x2 ... */
    f.giant = 1;         /* last: the three-node component */
    apply(&f);
    ck_assert_str_eq(ids(), "c1,c2,o1");
    igraph_destroy(&g);
    have_graph = 0;

    fixture();
    an_graph_filter_init(&f);
    f.types = 1u << ACTNET_PERSON;    /* 1: persons only */
    f.top = 2;                        /* 5: of those, p1 and p2 */
    f.ego = "x1";                     /* 4: before top: x1, x2 */
    apply(&f);
    ck_assert_str_eq(ids(), "x1,x2");
}
END_TEST

START_TEST(empty_graph)
{
    an_graph_filter f;
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert_int_eq(igraph_vcount(&g), 0);
    an_graph_filter_init(&f);
    f.giant = 1;
    f.top = 3;
    f.min_weight = 1;
    apply(&f);
    ck_assert_int_eq(igraph_vcount(&g), 0);
}
END_TEST

START_TEST(build_without_igraph_setup)
{
    actnet_error err;
    igraph_set_attribute_table(NULL);
    actnet_error_clear(&err);
    ck_assert_int_eq(an_graph_build(agg, &g, &err), ACTNET_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "an_graph_setup_igraph"));
    an_graph_setup_igraph();
    ck_assert_int_eq(an_graph_build(agg, &g, &err), ACTNET_OK);
    have_graph = 1;
}
END_TEST


/* ---- acts-on ----------------------------------------------------------- */

static const actnet_entity act_ents[] = {
    {"eu", "European Union", ACTNET_ORGANISATION, NULL, NULL, NULL, 0},
    {"luk", "Lukashenko", ACTNET_PERSON, "blr", NULL, NULL, 0},
    {"putin", "Putin", ACTNET_PERSON, "rus", NULL, NULL, 0},
    {"rus", "Russia", ACTNET_COUNTRY, NULL, NULL, NULL, 0},
    {"blr", "Belarus", ACTNET_COUNTRY, NULL, NULL, NULL, 0},
    {"iso", "Isolated", ACTNET_PERSON, NULL, NULL, NULL, 0},
    {"x", "Ex", ACTNET_PERSON, NULL, NULL, NULL, 0},
    {"y", "Why", ACTNET_PERSON, NULL, NULL, NULL, 0},
};
enum { EU, LUK, PUTIN, RUS, BLR, ISO, X, Y };
static const actnet_relation act_rels[] = {
    {.id = "sanction", .label = "sanctions", .polarity = -1,
     .cls = "material-conflict", .symmetric = 0},
    {.id = "meet", .label = "meets", .polarity = 1,
     .cls = "verbal-cooperation", .symmetric = 1},
    {.id = "urge", .label = "urges", .polarity = 0,
     .cls = "verbal-conflict", .symmetric = 0},
};
enum { SANCTION, MEET, URGE };

/*
 * d1 (2020-08-10): eu sanctions luk (s0, s1), eu urges luk (s0), eu urges
 * rus (s1), putin meets luk (s2), luk meets putin (s3), putin does not
 * urge luk (s4), x urges y (s5); Belarus and iso are only mentioned.
 * d2 (2020-09-01): eu sanctions luk (s0), rus may urge eu (s1).
 */
static void acts_fixture(int collapse, int include_negated, uint32_t k)
{
    an_agg_options o;
    an_agg_destroy(agg);
    an_agg_options_init(&o);
    o.network = AN_NETWORK_ACTS_ON;
    o.collapse = collapse;
    o.include_negated = include_negated;
    o.evidence = k;
    agg = an_agg_create(&o);
    ck_assert_ptr_nonnull(agg);
    fx_doc d1 = {"d1", "2020-08-10",
                 {"EU sanctions and urges Lukashenko in Belarus.",
                  "EU sanctions Lukashenko and urges Russia.",
                  "Putin meets Lukashenko.", "Lukashenko meets Putin.",
                  "Putin did not urge Lukashenko; Isolated.",
                  "Ex urges Why.", NULL},
                 {0, 0, 0, 0, 0, 0},
                 {{EU, 0, 0}, {LUK, 0, 4}, {BLR, 0, 6}, {EU, 1, 8},
                  {LUK, 1, 10}, {RUS, 1, 13}, {PUTIN, 2, 15}, {LUK, 2, 17},
                  {LUK, 3, 19}, {PUTIN, 3, 21}, {PUTIN, 4, 23},
                  {LUK, 4, 27}, {ISO, 4, 29}, {X, 5, 31}, {Y, 5, 33}},
                 15};
    fx_events e1 = {act_rels, 3,
                    {{EU, SANCTION, LUK, 0, 0, 0}, {EU, URGE, LUK, 0, 0, 0},
                     {EU, SANCTION, LUK, 1, 0, 0}, {EU, URGE, RUS, 1, 0, 0},
                     {PUTIN, MEET, LUK, 2, 0, 0}, {LUK, MEET, PUTIN, 3, 0, 0},
                     {PUTIN, URGE, LUK, 4, 1, 0}, {X, URGE, Y, 5, 0, 0}},
                    8};
    fx_doc d2 = {"d2", "2020-09-01",
                 {"EU sanctions Lukashenko.", "Russia may urge the EU.",
                  NULL},
                 {0, 0},
                 {{EU, 0, 0}, {LUK, 0, 2}, {RUS, 1, 4}, {EU, 1, 8}},
                 4};
    fx_events e2 = {act_rels, 3,
                    {{EU, SANCTION, LUK, 0, 0, 0}, {RUS, URGE, EU, 1, 0, 1}},
                    2};
    fx_feed_events(agg, act_ents, 8, &d1, &e1);
    fx_feed_events(agg, act_ents, 8, &d2, &e2);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
}

/* The edges as "a>b:relation:w", comma-separated, in edge order. */
static const char *act_edges(void)
{
    static char buf[1024];
    const char *rel = igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                                 "relation")
                          ? "relation" : "relations";
    buf[0] = '\0';
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        igraph_integer_t from, to;
        char one[128];
        igraph_edge(&g, e, &from, &to);
        snprintf(one, sizeof(one), "%s%s>%s:%s:%g", e ? "," : "",
                 VAS(&g, "id", from), VAS(&g, "id", to), EAS(&g, rel, e),
                 EAN(&g, "weight", e));
        strcat(buf, one);
    }
    return buf;
}

static igraph_integer_t edge_of(const char *a, const char *b,
                                const char *rel)
{
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        igraph_integer_t from, to;
        igraph_edge(&g, e, &from, &to);
        if (!strcmp(VAS(&g, "id", from), a) && !strcmp(VAS(&g, "id", to), b)
            && (!rel || !strcmp(EAS(&g, "relation", e), rel)))
            return e;
    }
    ck_abort_msg("no edge %s -> %s (%s)", a, b, rel ? rel : "*");
    return -1;
}

START_TEST(acts_on_build)
{
    acts_fixture(0, 0, 0);
    ck_assert(igraph_is_directed(&g));
    /* Only nodes in an acts-on edge: not Belarus, not iso. */
    ck_assert_str_eq(ids(), "eu,luk,putin,rus,x,y");
    ck_assert_str_eq(act_edges(), "eu>luk:sanction:3,eu>luk:urge:1,"
                                  "eu>rus:urge:1,luk>putin:meet:2,"
                                  "rus>eu:urge:1,x>y:urge:1");
    ck_assert_str_eq(GAS(&g, "network"), "acts-on");
    ck_assert(GAN(&g, "documents") == 2);
    ck_assert(GAN(&g, "events") == 9);
    ck_assert_str_eq(GAS(&g, "negated"), "exclude");
    ck_assert_str_eq(GAS(&g, "hedged"), "include");
    ck_assert(!GAB(&g, "collapsed"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_GRAPH,
                                          "window"));
    /* The node table is that of co-occurrence: counts from mentions. */
    ck_assert(VAN(&g, "mentions", 1) == 6);
    ck_assert(VAN(&g, "documents", 1) == 2);
    ck_assert_str_eq(VAS(&g, "country", 1), "blr");
    ck_assert_str_eq(VAS(&g, "first", 1), "2020-08-10");
    ck_assert_str_eq(VAS(&g, "last", 1), "2020-09-01");

    igraph_integer_t e = edge_of("eu", "luk", "sanction");
    ck_assert_str_eq(EAS(&g, "network", e), "acts-on");
    ck_assert_str_eq(EAS(&g, "relation", e), "sanction");
    ck_assert_str_eq(EAS(&g, "kind", e), "sanction");
    ck_assert_str_eq(EAS(&g, "label", e), "sanctions");
    ck_assert(EAN(&g, "polarity", e) == -1);
    ck_assert_str_eq(EAS(&g, "class", e), "material-conflict");
    ck_assert(!EAB(&g, "symmetric", e));
    ck_assert(EAN(&g, "weight", e) == 3);
    ck_assert(EAN(&g, "documents", e) == 2);
    ck_assert_str_eq(EAS(&g, "first", e), "2020-08-10");
    ck_assert_str_eq(EAS(&g, "last", e), "2020-09-01");
    ck_assert(EAN(&g, "negated", e) == 0);
    ck_assert(EAN(&g, "hedged", e) == 0);
    e = edge_of("luk", "putin", "meet");
    ck_assert(EAB(&g, "symmetric", e));
    ck_assert(EAN(&g, "polarity", e) == 1);
    ck_assert_str_eq(EAS(&g, "label", e), "meets");
    ck_assert(EAN(&g, "documents", e) == 1);
    e = edge_of("rus", "eu", "urge");
    ck_assert(EAN(&g, "hedged", e) == 1);
    ck_assert(EAN(&g, "polarity", e) == 0);
    ck_assert_str_eq(EAS(&g, "first", e), "2020-09-01");
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "evidence"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "relations"));
}
END_TEST

START_TEST(acts_on_negated_included)
{
    acts_fixture(0, 1, 0);
    ck_assert_str_eq(GAS(&g, "negated"), "include");
    igraph_integer_t e = edge_of("putin", "luk", "urge");
    ck_assert(EAN(&g, "weight", e) == 1);
    ck_assert(EAN(&g, "negated", e) == 1);
    ck_assert_int_eq(igraph_ecount(&g), 7);
}
END_TEST

START_TEST(acts_on_collapse)
{
    acts_fixture(1, 0, 2);
    ck_assert(GAB(&g, "collapsed"));
    ck_assert_str_eq(act_edges(), "eu>luk:sanction:3,urge:1:4,"
                                  "eu>rus:urge:1:1,luk>putin:meet:2:2,"
                                  "rus>eu:urge:1:1,x>y:urge:1:1");
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "relation"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "class"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                          "symmetric"));
    /* eu -> luk: (3 x -1 + 1 x 0) / 4, heaviest relation first. */
    ck_assert(EAN(&g, "polarity", 0) == -0.75);
    ck_assert_str_eq(EAS(&g, "label", 0), "sanctions, urges");
    ck_assert(EAN(&g, "documents", 0) == 2);
    /* Two events in d1 s0: the sentence is one example. */
    ck_assert_str_eq(EAS(&g, "evidence", 0),
                     "d1\tEU sanctions and urges Lukashenko in Belarus.\n"
                     "d1\tEU sanctions Lukashenko and urges Russia.");
    ck_assert(EAN(&g, "polarity", 2) == 1);
    ck_assert_str_eq(EAS(&g, "label", 2), "meets");
}
END_TEST

START_TEST(acts_on_filters)
{
    an_graph_filter f;
    acts_fixture(0, 0, 0);
    an_graph_filter_init(&f);
    f.giant = 1;                /* weakly connected: x -> y is apart */
    apply(&f);
    ck_assert_str_eq(ids(), "eu,luk,putin,rus");
    ck_assert(igraph_is_directed(&g));
    igraph_destroy(&g);
    have_graph = 0;

    acts_fixture(0, 0, 0);
    an_graph_filter_init(&f);
    f.ego = "Putin";            /* by label; neighbours either way */
    apply(&f);
    ck_assert_str_eq(ids(), "luk,putin");
    igraph_destroy(&g);
    have_graph = 0;

    acts_fixture(0, 0, 0);
    an_graph_filter_init(&f);
    f.min_weight = 2;
    f.types = (1u << ACTNET_PERSON) | (1u << ACTNET_ORGANISATION);
    apply(&f);
    ck_assert_str_eq(ids(), "eu,luk,putin,x,y");
    ck_assert_str_eq(act_edges(), "eu>luk:sanction:3,luk>putin:meet:2");
}
END_TEST

START_TEST(acts_on_symmetric_direction)
{
    an_agg_options o;
    an_agg_destroy(agg);
    an_agg_options_init(&o);
    o.network = AN_NETWORK_ACTS_ON;
    agg = an_agg_create(&o);
    /* Russia met the EU twice, the EU met Russia once: one edge, drawn
     * rus -> eu as mostly written; putin and luk once each way: a tie,
     * from the smaller id (luk). */
    fx_doc d = {"d", NULL,
                {"Russia met the EU.", "Russia met the EU.",
                 "The EU met Russia.", "Putin met Lukashenko.",
                 "Lukashenko met Putin.", NULL},
                {0, 0, 0, 0, 0},
                {{RUS, 0, 0}, {EU, 0, 3}, {RUS, 1, 5}, {EU, 1, 8},
                 {EU, 2, 11}, {RUS, 2, 13}, {PUTIN, 3, 15}, {LUK, 3, 17},
                 {LUK, 4, 19}, {PUTIN, 4, 21}},
                10};
    fx_events e = {act_rels, 3,
                   {{RUS, MEET, EU, 0, 0, 0}, {RUS, MEET, EU, 1, 0, 0},
                    {EU, MEET, RUS, 2, 0, 0}, {PUTIN, MEET, LUK, 3, 0, 0},
                    {LUK, MEET, PUTIN, 4, 0, 0}},
                   5};
    fx_feed_events(agg, act_ents, 8, &d, &e);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert_str_eq(act_edges(), "luk>putin:meet:2,rus>eu:meet:3");
    ck_assert(EAB(&g, "symmetric", 1));
}
END_TEST

START_TEST(acts_on_empty)
{
    an_agg_options o;
    an_agg_destroy(agg);
    an_agg_options_init(&o);
    o.network = AN_NETWORK_ACTS_ON;
    agg = an_agg_create(&o);
    /* Mentions but no events: no node is in an acts-on edge. */
    fx_doc d = {"d", NULL, {"Ex and Why.", NULL}, {0},
                {{X, 0, 0}, {Y, 0, 2}}, 2};
    fx_feed(agg, act_ents, 8, &d);
    ck_assert_uint_eq(an_agg_node_count(agg), 2);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert(igraph_is_directed(&g));
    ck_assert_int_eq(igraph_vcount(&g), 0);
    ck_assert_int_eq(igraph_ecount(&g), 0);
    ck_assert(GAN(&g, "events") == 0);
}
END_TEST

/* ---- the net (an_graph_net) and the writers ------------------------------ */

/* The bytes of net (or, when net is NULL, of g) in format f, written
 * with opts; malloc'ed, *len set. */
static char *render(const an_net *net, an_format f, const an_write_opts *o,
                    size_t *len)
{
    char *data = NULL;
    FILE *fp = open_memstream(&data, len);
    actnet_error err;
    ck_assert_ptr_nonnull(fp);
    actnet_error_clear(&err);
    actnet_status st = net ? an_write_net(net, f, fp, o, &err)
                           : an_write_graph(&g, f, fp, &err);
    ck_assert_msg(st == ACTNET_OK, "%s", err.message);
    fclose(fp);
    return data;
}

/*
 * Every format written from the net of agg (no igraph) is byte for byte
 * what the writers write from the igraph graph of agg (g, built), on one
 * thread or several, in chunks of any size.
 */
static void net_writes_as_graph(void)
{
    static const an_format formats[] = {
        AN_FORMAT_GRAPHML, AN_FORMAT_GEXF, AN_FORMAT_DOT, AN_FORMAT_JSON,
        AN_FORMAT_CSV_NODES, AN_FORMAT_CSV_EDGES};
    static const an_write_opts opts[] = {
        {1, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 1}, {3, 2}, {2, 7}, {8, 3}};
    an_net net;
    actnet_error err;

    actnet_error_clear(&err);
    ck_assert_int_eq(an_graph_net(agg, &net, &err), ACTNET_OK);
    ck_assert_int_eq(net.vt.rows, igraph_vcount(&g));
    ck_assert_int_eq(net.et.rows, igraph_ecount(&g));
    for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
        size_t len0, len;
        char *want = render(NULL, formats[f], NULL, &len0);
        for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
            char *got = render(&net, formats[f], &opts[k], &len);
            ck_assert_msg(len == len0 && !memcmp(got, want, len),
                          "%s with %u threads, chunks of %zu: %zu bytes, "
                          "not the graph's %zu", an_format_name(formats[f]),
                          opts[k].threads, opts[k].chunk, len, len0);
            free(got);
        }
        free(want);
    }
    an_net_finish(&net);
}

START_TEST(net_same_as_graph_cooccurrence)
{
    fixture();
    net_writes_as_graph();
}
END_TEST

START_TEST(net_same_as_graph_dates_evidence)
{
    static const actnet_entity ents[] = {
        {"a", "A \"quoted\", <b>", ACTNET_PERSON, NULL, "news", NULL, 0},
        {"b", "B\xc3\xa9\xff", ACTNET_PERSON, "c", NULL, NULL, 0},
        {"c", "C, D", ACTNET_COUNTRY, NULL, NULL, NULL, 0}};
    an_agg_options o;
    an_agg_destroy(agg);
    an_agg_options_init(&o);
    o.evidence = 2;
    agg = an_agg_create(&o);
    fx_doc d = {"d1", "2020-08-10", {"A met B & C.", "C\t<x>.", NULL},
                {0, 0}, {{0, 0, 0}, {1, 0, 2}, {2, 0, 4}, {2, 1, 6}}, 4};
    fx_feed(agg, ents, 3, &d);
    d.id = "d0";
    d.date = NULL;
    fx_feed(agg, ents, 3, &d);
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    net_writes_as_graph();
}
END_TEST

/* A larger network: many chunks of rows. */
START_TEST(net_same_as_graph_many_rows)
{
    enum { N = 60 };
    char ids[N][16], labels[N][32];
    uint32_t v[N];
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof(ids[i]), "n%02d", (i * 37) % N);
        snprintf(labels[i], sizeof(labels[i]), "Node \xc3\xa9 %d, \"%d\"", i,
                 i % 7);
        v[i] = node(ids[i], labels[i], (actnet_entity_type)(i % 3),
                    (uint64_t)(i % 11 + 1));
    }
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j += 1 + (i + j) % 5)
            edge(v[i], v[j], (uint64_t)((i * j) % 9 + 1));
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    ck_assert_int_gt(igraph_ecount(&g), 400);
    net_writes_as_graph();
}
END_TEST

START_TEST(net_same_as_graph_acts_on)
{
    acts_fixture(0, 0, 2);
    net_writes_as_graph();
    igraph_destroy(&g);
    have_graph = 0;
    acts_fixture(1, 0, 1);
    net_writes_as_graph();
    igraph_destroy(&g);
    have_graph = 0;
    acts_fixture(0, 1, 0);
    net_writes_as_graph();
}
END_TEST

/* A write that fails (a full disk) is an error in every format, on one
 * thread or several, however the rows are cut into chunks. */
START_TEST(net_full_disk_is_an_error)
{
    static const an_format formats[] = {
        AN_FORMAT_GRAPHML, AN_FORMAT_GEXF, AN_FORMAT_DOT, AN_FORMAT_JSON,
        AN_FORMAT_CSV_NODES, AN_FORMAT_CSV_EDGES};
    static const an_write_opts opts[] = {{1, 1}, {2, 1}, {3, 2}, {2, 0}};
    an_net net;
    FILE *fp = fopen("/dev/full", "w");
    if (!fp)
        return;     /* no /dev/full on this system */
    acts_fixture(0, 0, 2);
    ck_assert_int_eq(an_graph_net(agg, &net, NULL), ACTNET_OK);
    for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
        for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
            actnet_error err;
            actnet_error_clear(&err);
            clearerr(fp);
            ck_assert_msg(an_write_net(&net, formats[f], fp, &opts[k],
                                       &err) == ACTNET_ERR_IO,
                          "%s, %u threads: no error",
                          an_format_name(formats[f]), opts[k].threads);
        }
    an_net_finish(&net);
    fclose(fp);
}
END_TEST

START_TEST(net_same_as_graph_empty)
{
    ck_assert_int_eq(an_graph_build(agg, &g, NULL), ACTNET_OK);
    have_graph = 1;
    net_writes_as_graph();
}
END_TEST

static Suite *graph_suite(void)
{
    Suite *s = suite_create("graph");
    TCase *tc = tcase_create("graph");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, build_sorts_by_id);
    tcase_add_test(tc, build_attributes);
    tcase_add_test(tc, build_dates_kind_evidence);
    tcase_add_test(tc, parse_types);
    tcase_add_test(tc, filter_types);
    tcase_add_test(tc, filter_min_mentions);
    tcase_add_test(tc, filter_min_weight_keeps_nodes);
    tcase_add_test(tc, filter_ego);
    tcase_add_test(tc, filter_ego_not_found);
    tcase_add_test(tc, filter_ego_ambiguous_label);
    tcase_add_test(tc, filter_top_ties_by_id);
    tcase_add_test(tc, filter_giant);
    tcase_add_test(tc, filter_giant_tie_takes_smallest_id);
    tcase_add_test(tc, filters_apply_in_order);
    tcase_add_test(tc, empty_graph);
    tcase_add_test(tc, build_without_igraph_setup);
    tcase_add_test(tc, acts_on_build);
    tcase_add_test(tc, acts_on_negated_included);
    tcase_add_test(tc, acts_on_collapse);
    tcase_add_test(tc, acts_on_filters);
    tcase_add_test(tc, acts_on_symmetric_direction);
    tcase_add_test(tc, acts_on_empty);
    tcase_add_test(tc, net_same_as_graph_cooccurrence);
    tcase_add_test(tc, net_same_as_graph_dates_evidence);
    tcase_add_test(tc, net_same_as_graph_many_rows);
    tcase_add_test(tc, net_same_as_graph_acts_on);
    tcase_add_test(tc, net_same_as_graph_empty);
    tcase_add_test(tc, net_full_disk_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(graph_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
