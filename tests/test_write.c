/*
 * test_write.c — check suite for the writers (write*.c): golden files for
 * GraphML, GEXF (dynamic and static), DOT, JSON and both CSV tables of a
 * small fixture network with awkward text (quotes, <&>, commas,
 * backslashes, a control character, invalid UTF-8, non-ASCII); the XML
 * outputs parse with libxml2 and the JSON with jansson; the bytes do not
 * depend on the order documents were counted in; a full disk is an
 * error; and the shared helpers (formats, cleaning, numbers).  The
 * directed acts-on network of the same fixture (parallel relations, a
 * symmetric one, awkward relation labels) has golden files in every
 * format too (acts.*), and its collapsed form is checked as a table.
 *
 * Golden files live in tests/data/golden/.  After an intended change of
 * output, regenerate them with ACTNET_UPDATE_GOLDEN=1 and review the diff.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include "agg_fixture.h"
#include "net/aggregate.h"
#include "net/graph.h"
#include "write/write.h"

static const actnet_entity ents[] = {
    {"lukashenko", "Alexander Lukashenko", ACTNET_PERSON, "BLR", NULL, NULL,
     0},
    {"BLR", "Belarus", ACTNET_COUNTRY, NULL, NULL, NULL, 0},
    {"EU", "European Union", ACTNET_ORGANISATION, NULL, "bloc", NULL, 0},
    {"person:O'Neil \"Q\"", "O'Neil \"Q\" <&> , x", ACTNET_PERSON, NULL,
     NULL, NULL, 0},
    {"org:Ctl", "Ctl\x07" "Bell \\ back", ACTNET_ORGANISATION, NULL, NULL,
     NULL, 0},
    {"BLR/police", "Belarus police", ACTNET_ORGANISATION, "BLR", NULL, NULL,
     0},
    {"org:Z\xC3\xBCrich", "Z\xC3\xBCrich \xE2\x80\x9Cquoted\xE2\x80\x9D",
     ACTNET_ORGANISATION, NULL, NULL, NULL, 0},
};
#define N_ENTS (sizeof(ents) / sizeof(ents[0]))
enum { LUK, BLR, EU, ONEIL, CTL, POLICE, ZUR };

static fx_doc docs[3];

static void docs_init(void)
{
    memset(docs, 0, sizeof(docs));
    docs[0] = (fx_doc){
        "news/2020-08-10.txt", "2020-08-10",
        {"Alexander Lukashenko claimed victory in Belarus.",
         "Belarus police detained\nprotesters; the EU objected.",
         "O'Neil \"Q\" <&> , x said so.", NULL},
        {0, 0, 1},
        {{LUK, 0, 0}, {BLR, 0, 5}, {POLICE, 1, 7}, {BLR, 1, 7}, {EU, 1, 12},
         {ONEIL, 2, 15}},
        6};
    docs[1] = (fx_doc){
        "news/2020-09-01.txt", "2020-09-01",
        {"The EU and Lukashenko\tclashed \xFF again.",
         "Ctl Bell \\ back met Z\xC3\xBCrich people and O'Neil.", NULL},
        {0, 0},
        {{EU, 0, 1}, {LUK, 0, 3}, {CTL, 1, 8}, {ZUR, 1, 12}, {ONEIL, 1, 15}},
        5};
    docs[2] = (fx_doc){
        "feed.jsonl:3", NULL,
        {"Lukashenko, Belarus and the EU.", NULL},
        {0},
        {{LUK, 0, 0}, {BLR, 0, 2}, {EU, 0, 5}},
        3};
}

/* The fixture graph, documents fed in order (or reversed). */
static void build(igraph_t *g, int reversed, int dated)
{
    an_agg_options o;
    an_agg_options_init(&o);
    o.evidence = 2;
    an_agg *agg = an_agg_create(&o);
    ck_assert_ptr_nonnull(agg);
    docs_init();
    for (int i = 0; i < 3; i++) {
        fx_doc d = docs[reversed ? 2 - i : i];
        if (!dated)
            d.date = NULL;
        fx_feed(agg, ents, N_ENTS, &d);
    }
    ck_assert_int_eq(an_graph_build(agg, g, NULL), ACTNET_OK);
    an_agg_destroy(agg);
}

/* The bytes a writer produces for g; the caller frees. */
static char *render(const igraph_t *g, an_format f, size_t *len)
{
    char *data = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&data, &size);
    actnet_error err;
    ck_assert_ptr_nonnull(fp);
    actnet_error_clear(&err);
    ck_assert_msg(an_write_graph(g, f, fp, &err) == ACTNET_OK, "%s",
                  err.message);
    fclose(fp);
    *len = size;
    return data;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *data;
    long n;
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)n, fp), (size_t)n);
    data[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return data;
}

/* Compares the output with tests/data/golden/name (or rewrites it). */
static void golden(const char *name, const char *data, size_t len)
{
    const char *dir = getenv("ACTNET_TEST_DATA");
    char path[1024];
    size_t glen = 0;
    ck_assert_msg(dir != NULL, "ACTNET_TEST_DATA is not set");
    snprintf(path, sizeof(path), "%s/golden/%s", dir, name);
    if (getenv("ACTNET_UPDATE_GOLDEN")) {
        FILE *fp = fopen(path, "wb");
        ck_assert_msg(fp != NULL, "cannot write %s", path);
        fwrite(data, 1, len, fp);
        fclose(fp);
        return;
    }
    char *want = read_file(path, &glen);
    ck_assert_msg(want != NULL, "missing golden file %s", path);
    if (glen != len || memcmp(want, data, len)) {
        size_t i = 0;
        while (i < len && i < glen && want[i] == data[i])
            i++;
        ck_abort_msg("%s differs from the golden file at byte %zu: "
                     "got \"%.60s\"", name, i, data + i);
    }
    free(want);
}

static void well_formed_xml(const char *data, size_t len)
{
    xmlDocPtr doc = xmlReadMemory(data, (int)len, "out.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL, "the output is not well-formed XML");
    xmlFreeDoc(doc);
}

static const struct {
    an_format format;
    const char *name;
} goldens[] = {
    {AN_FORMAT_GRAPHML, "fixture.graphml"},
    {AN_FORMAT_GEXF, "fixture.gexf"},
    {AN_FORMAT_DOT, "fixture.dot"},
    {AN_FORMAT_JSON, "fixture.json"},
    {AN_FORMAT_CSV_NODES, "fixture.nodes.csv"},
    {AN_FORMAT_CSV_EDGES, "fixture.edges.csv"},
};

START_TEST(golden_files)
{
    igraph_t g;
    size_t len;
    build(&g, 0, 1);
    char *out = render(&g, goldens[_i].format, &len);
    golden(goldens[_i].name, out, len);
    if (goldens[_i].format == AN_FORMAT_GRAPHML ||
        goldens[_i].format == AN_FORMAT_GEXF)
        well_formed_xml(out, len);
    if (goldens[_i].format == AN_FORMAT_JSON) {
        json_error_t jerr;
        json_t *j = json_loadb(out, len, 0, &jerr);
        ck_assert_msg(j != NULL, "JSON: %s", jerr.text);
        ck_assert_uint_eq(json_array_size(json_object_get(j, "nodes")), 7);
        json_decref(j);
    }
    free(out);
    igraph_destroy(&g);
}
END_TEST

START_TEST(golden_static_gexf)
{
    igraph_t g;
    size_t len;
    build(&g, 0, 0);
    char *out = render(&g, AN_FORMAT_GEXF, &len);
    golden("undated.gexf", out, len);
    well_formed_xml(out, len);
    ck_assert_ptr_nonnull(strstr(out, "mode=\"static\""));
    ck_assert_ptr_null(strstr(out, "<spells>"));
    free(out);
    igraph_destroy(&g);
}
END_TEST

START_TEST(same_bytes_in_any_order)
{
    igraph_t g1, g2;
    build(&g1, 0, 1);
    build(&g2, 1, 1);
    for (size_t i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
        size_t l1, l2;
        char *a = render(&g1, goldens[i].format, &l1);
        char *b = render(&g2, goldens[i].format, &l2);
        ck_assert_msg(l1 == l2 && !memcmp(a, b, l1), "%s depends on order",
                      goldens[i].name);
        free(a);
        free(b);
    }
    igraph_destroy(&g1);
    igraph_destroy(&g2);
}
END_TEST

START_TEST(full_disk_is_an_error)
{
    igraph_t g;
    build(&g, 0, 1);
    FILE *fp = fopen("/dev/full", "w");
    if (!fp) {
        igraph_destroy(&g);
        return;     /* no /dev/full on this system */
    }
    for (size_t i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
        actnet_error err;
        actnet_error_clear(&err);
        clearerr(fp);
        ck_assert_msg(an_write_graph(&g, goldens[i].format, fp, &err) ==
                          ACTNET_ERR_IO, "%s: no error", goldens[i].name);
        ck_assert_ptr_nonnull(strstr(err.message, "failed"));
    }
    fclose(fp);
    igraph_destroy(&g);
}
END_TEST

START_TEST(csv_format_needs_two_files)
{
    igraph_t g;
    actnet_error err;
    build(&g, 0, 1);
    actnet_error_clear(&err);
    ck_assert_int_eq(an_write_graph(&g, AN_FORMAT_CSV, stdout, &err),
                     ACTNET_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "csv-nodes"));
    igraph_destroy(&g);
}
END_TEST

START_TEST(formats)
{
    an_format f;
    ck_assert_int_eq(an_format_from_path("a/net.graphml", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_GRAPHML);
    ck_assert_int_eq(an_format_from_path("NET.GEXF", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_GEXF);
    ck_assert_int_eq(an_format_from_path("x.gv", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_DOT);
    ck_assert_int_eq(an_format_from_path("x.dot", &f), 0);
    ck_assert_int_eq(an_format_from_path("x.json", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_JSON);
    ck_assert_int_eq(an_format_from_path("x.nodes.csv", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_CSV_NODES);
    ck_assert_int_eq(an_format_from_path("x.edges.csv", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_CSV_EDGES);
    ck_assert_int_eq(an_format_from_path("x.csv", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_CSV);
    ck_assert_int_eq(an_format_from_path("x.txt", &f), -1);
    ck_assert_int_eq(an_format_from_path(".json", &f), -1);
    ck_assert_int_eq(an_format_parse("gv", &f), 0);
    ck_assert_int_eq(f, AN_FORMAT_DOT);
    ck_assert_int_eq(an_format_parse("csv-edges", &f), 0);
    ck_assert_int_eq(an_format_parse("GraphML", &f), -1);
    ck_assert_str_eq(an_format_name(AN_FORMAT_CSV_NODES), "csv-nodes");
    ck_assert_int_eq(an_format_parse("partial", &f), -1);  /* no network */
    ck_assert_int_eq(an_format_from_path("x.partial", &f), -1);
}
END_TEST

static const char *format_list(unsigned kinds, unsigned how, const char *sep,
                               const char *last)
{
    static an_buf b;
    b.len = 0;
    ck_assert_int_eq(an_format_list(&b, kinds, how, sep, last), 0);
    ck_assert_int_eq(an_buf_putc(&b, 0), 0);
    return b.data;
}

/* The table of formats: one row per (name, kind), every ending finds its
 * own row, every network format that writes one file has a writer, and
 * the lists the help texts and messages are made of. */
START_TEST(format_table)
{
    size_t n = 0;
    for (const an_format_info *f; (f = an_format_at(n)); n++) {
        ck_assert_ptr_eq(an_format_get(f->id), f);
        ck_assert_ptr_eq(an_format_find(f->name, f->writes), f);
        for (size_t k = 0; k < n; k++)
            ck_assert_msg(strcmp(an_format_at(k)->name, f->name) ||
                              !(an_format_at(k)->writes & f->writes),
                          "%s twice for one kind", f->name);
        if (f->writes & AN_WRITES_NETWORK)
            ck_assert_int_eq(f->write != NULL, f->one_file);
        for (const char *x = f->exts; x && *x;) {
            size_t m = strcspn(x, " ");
            char path[64];
            snprintf(path, sizeof(path), "dir/NAME%.*s", (int)m, x);
            ck_assert_ptr_eq(an_format_for_path(path, f->writes), f);
            x += m + (x[m] == ' ');
        }
    }
    ck_assert_uint_ge(n, 14);
    ck_assert_ptr_null(an_format_find("csv", AN_WRITES_EVENTS));
    ck_assert_int_eq(an_format_find("csv", AN_WRITES_RANKING)->id,
                     AN_FORMAT_RANK_CSV);
    ck_assert_int_eq(an_format_find("gv", AN_WRITES_NETWORK)->id,
                     AN_FORMAT_DOT);
    ck_assert_ptr_null(an_format_for_path("x.partial", AN_WRITES_NETWORK));
    ck_assert_str_eq(format_list(AN_WRITES_NETWORK, 0, ", ", NULL),
                     "graphml, gexf, dot, json, csv, csv-nodes, csv-edges");
    ck_assert_str_eq(format_list(AN_WRITES_NETWORK | AN_WRITES_PARTIAL,
                                 AN_FL_ONE_FILE, ", ", " or "),
                     "graphml, gexf, dot, json, csv-nodes, csv-edges or "
                     "partial");
    ck_assert_str_eq(format_list(AN_WRITES_NETWORK, AN_FL_EXTS, ", ",
                                 " or "),
                     ".graphml, .gexf, .dot, .gv, .json or .csv");
    ck_assert_str_eq(format_list(AN_WRITES_EVENTS, 0, "|", NULL),
                     "tsv|jsonl|plover");
    ck_assert_str_eq(format_list(AN_WRITES_MENTIONS, AN_FL_TITLES, ", ",
                                 " or "), "TSV or JSON Lines");
    ck_assert_str_eq(format_list(AN_WRITES_RANKING, AN_FL_NOTES, ", ",
                                 " or "),
                     "table (the default; aligned columns), csv, tsv or "
                     "json");
    ck_assert_str_eq(format_list(AN_WRITES_RANKING, AN_FL_NOT_FIRST, ", ",
                                 " and "), "csv, tsv and json");
    an_buf b = {0};
    ck_assert_int_eq(an_format_ext_help(&b, AN_WRITES_NETWORK), 0);
    ck_assert_int_eq(an_buf_putc(&b, 0), 0);
    ck_assert_str_eq(b.data, ".graphml, .gexf, .dot or .gv, .json, "
                     ".nodes.csv, .edges.csv, and .csv for both tables (-o "
                     "net.csv writes net.nodes.csv and net.edges.csv)");
    an_buf_free(&b);
}
END_TEST

static const char *clean(const char *s, size_t len, unsigned flags,
                         size_t max)
{
    static an_buf b;
    b.len = 0;
    ck_assert_int_eq(an_clean_text(&b, s, len, flags, max), 0);
    return b.data;
}

START_TEST(clean_text)
{
    ck_assert_str_eq(clean("a\x01" "b\x7f" "c", 5, 0, 0), "abc");
    ck_assert_str_eq(clean("a\tb\nc", 5, 0, 0), "a\tb\nc");
    ck_assert_str_eq(clean("a\tb\nc", 5, AN_CLEAN_ONELINE, 0), "a b c");
    ck_assert_str_eq(clean("  a \t\n b  ", 10, AN_CLEAN_COLLAPSE, 0), "a b");
    ck_assert_str_eq(clean("x\xFFy", 3, 0, 0), "x\xEF\xBF\xBDy");
    ck_assert_str_eq(clean("\xC2\x85" "c1", 4, 0, 0), "c1");   /* U+0085 */
    ck_assert_str_eq(clean("\xEF\xBF\xBE" "n", 4, 0, 0), "n"); /* U+FFFE */
    ck_assert_str_eq(clean("a\xE2\x80\xA8" "b", 5, AN_CLEAN_ONELINE, 0),
                     "a b");
    ck_assert_str_eq(clean("", 0, 0, 0), "");
    /* The cap cuts at a character boundary and marks the cut. */
    ck_assert_str_eq(clean("abcdefghijklmnop", 16, 0, 10),
                     "abcdefg\xE2\x80\xA6");
    ck_assert_str_eq(clean("abcdefghij", 10, 0, 10), "abcdefghij");
    ck_assert_str_eq(clean("abc def ghijk", 13, 0, 10),
                     "abc def\xE2\x80\xA6");
    ck_assert_str_eq(clean("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
                           12, 0, 10),
                     "\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}
END_TEST

START_TEST(numbers)
{
    char buf[32];
    ck_assert_str_eq(an_format_number(3, buf), "3");
    ck_assert_str_eq(an_format_number(-0.0, buf), "0");
    ck_assert_str_eq(an_format_number(2.5, buf), "2.5");
    ck_assert_str_eq(an_format_number(1.0 / 3.0, buf), "0.333333333333333");
    ck_assert_str_eq(an_format_number(1e20, buf), "1e+20");
    ck_assert_str_eq(an_format_number(0.0 / 0.0, buf), "NaN");
    ck_assert_str_eq(an_format_number(-1.0 / 0.0, buf), "-Inf");
    ck_assert(an_round2(1.005001) == 1.01);
    unsigned char rgb[3];
    an_type_color("person", rgb);
    ck_assert_uint_eq(rgb[0], 78);
    an_type_color("nonsense", rgb);
    ck_assert_uint_eq(rgb[0], 186);
}
END_TEST

START_TEST(graph_without_our_attributes)
{
    /* Any igraph graph can be written: ids fall back to n<i>. */
    igraph_t g;
    igraph_small(&g, 3, IGRAPH_DIRECTED, 0, 1, 1, 2, -1);
    for (size_t i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
        size_t len;
        char *out = render(&g, goldens[i].format, &len);
        if (goldens[i].format == AN_FORMAT_GRAPHML ||
            goldens[i].format == AN_FORMAT_GEXF)
            well_formed_xml(out, len);
        if (goldens[i].format == AN_FORMAT_DOT)
            ck_assert_ptr_nonnull(strstr(out, "digraph"));
        if (goldens[i].format == AN_FORMAT_CSV_EDGES)
            ck_assert_str_eq(out, "Source,Target,Type,Weight\n"
                                  "n0,n1,Directed,1\nn1,n2,Directed,1\n");
        free(out);
    }
    igraph_destroy(&g);
}
END_TEST

START_TEST(dot_straight_edges_when_large)
{
    /* Up to 300 edges DOT asks for curved edges; above, where Graphviz
     * takes minutes to route them, straight ones and a comment saying
     * how to get curves back. */
    igraph_t g;
    igraph_vector_int_t ends;
    size_t len;
    for (int m = 300; m <= 301; m++) {
        igraph_vector_int_init(&ends, 2 * m);
        for (int e = 0; e < m; e++) {
            VECTOR(ends)[2 * e] = e % 40;
            VECTOR(ends)[2 * e + 1] = (e * 7 + 1) % 41 + 40;
        }
        igraph_create(&g, &ends, 81, IGRAPH_UNDIRECTED);
        char *dot = render(&g, AN_FORMAT_DOT, &len);
        if (m == 300) {
            ck_assert_ptr_nonnull(strstr(dot, "splines=true"));
            ck_assert_ptr_null(strstr(dot, "straight edges"));
        } else {
            ck_assert_ptr_null(strstr(dot, "splines=true, "));
            ck_assert_ptr_nonnull(strstr(dot, "// straight edges: over 300"));
            ck_assert_ptr_nonnull(strstr(dot, "overlap=false"));
        }
        free(dot);
        igraph_destroy(&g);
        igraph_vector_int_destroy(&ends);
    }
}
END_TEST

/* A small directed graph with relation labels and polarities, as the
 * acts-on network will have them. */
static void directed_fixture(igraph_t *g)
{
    static const char *ids[] = {"EU", "lukashenko", "putin"};
    static const char *labels[] = {"European Union", "Alexander Lukashenko",
                                   "Vladimir Putin"};
    static const char *types[] = {"organisation", "person", "person"};
    static const char *rel[] = {"sanctions", "congratulates", "meets"};
    static const double pol[] = {-1, 1, 0}, w[] = {3, 1, 2};
    igraph_small(g, 3, IGRAPH_DIRECTED, 0, 1, 2, 1, 1, 2, -1);
    for (int v = 0; v < 3; v++) {
        SETVAS(g, "id", v, ids[v]);
        SETVAS(g, "label", v, labels[v]);
        SETVAS(g, "type", v, types[v]);
        SETVAN(g, "mentions", v, 3 - v);
    }
    for (int e = 0; e < 3; e++) {
        SETEAS(g, "label", e, rel[e]);
        SETEAN(g, "polarity", e, pol[e]);
        SETEAN(g, "weight", e, w[e]);
    }
}

START_TEST(directed_graph)
{
    igraph_t g;
    size_t len;
    directed_fixture(&g);
    char *dot = render(&g, AN_FORMAT_DOT, &len);
    golden("directed.dot", dot, len);
    ck_assert_ptr_nonnull(strstr(dot, "digraph"));
    ck_assert_ptr_null(strstr(dot, "layout=sfdp"));
    ck_assert_ptr_nonnull(strstr(dot, "n0 -> n1"));
    ck_assert_ptr_nonnull(strstr(dot, "color=\"#e15759"));   /* hostile */
    ck_assert_ptr_nonnull(strstr(dot, "color=\"#59a14f"));   /* friendly */
    ck_assert_ptr_nonnull(strstr(dot, "label=\"sanctions\""));
    free(dot);
    char *gml = render(&g, AN_FORMAT_GRAPHML, &len);
    golden("directed.graphml", gml, len);
    ck_assert_ptr_nonnull(strstr(gml, "edgedefault=\"directed\""));
    ck_assert_ptr_nonnull(strstr(gml, "source=\"putin\" target=\"lukashenko\""));
    free(gml);
    char *csv = render(&g, AN_FORMAT_CSV_EDGES, &len);
    ck_assert_str_eq(csv, "Source,Target,Type,Weight,label,polarity\n"
                          "EU,lukashenko,Directed,3,sanctions,-1\n"
                          "putin,lukashenko,Directed,1,congratulates,1\n"
                          "lukashenko,putin,Directed,2,meets,0\n");
    free(csv);
    igraph_destroy(&g);
}
END_TEST


/* ---- the acts-on network --------------------------------------------- */

/* Asserts got == want, naming the first difference (check's messages
 * are too short for whole tables). */
static void same_text(const char *got, const char *want)
{
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    ck_assert_msg(got[i] == want[i], "differs at byte %zu: got \"%.50s\", "
                  "want \"%.50s\"", i, got + i, want + i);
}

static const actnet_relation wrels[] = {
    {.id = "sanction", .label = "sanctions", .polarity = -1,
     .cls = "material-conflict", .symmetric = 0},
    {.id = "meet", .label = "meets", .polarity = 1,
     .cls = "verbal-cooperation", .symmetric = 1},
    {.id = "criticise", .label = "criticises \"sharply\" <&>", .polarity = -1,
     .cls = "verbal-conflict", .symmetric = 0},
};
enum { SANCTION, MEET, CRITICISE };

/*
 * doc 0 (dated): the EU criticises and sanctions Belarus police (s1),
 *   O'Neil criticises Lukashenko (s2);
 * doc 1 (dated): the EU sanctions Lukashenko, Lukashenko meets the EU
 *   (s0); Ctl meets Zürich (s1);
 * doc 2 (undated): the EU does not sanction Lukashenko (left out),
 *   Belarus may meet Lukashenko (s0, hedged).
 */
static void build_acts(igraph_t *g, int reversed, int collapse)
{
    static fx_events evs[3];
    an_agg_options o;
    an_agg_options_init(&o);
    o.evidence = 2;
    o.network = AN_NETWORK_ACTS_ON;
    o.collapse = collapse;
    an_agg *agg = an_agg_create(&o);
    ck_assert_ptr_nonnull(agg);
    docs_init();
    evs[0] = (fx_events){wrels, 3,
                         {{EU, CRITICISE, POLICE, 1, 0, 0},
                          {EU, SANCTION, POLICE, 1, 0, 0},
                          {ONEIL, CRITICISE, LUK, 2, 0, 0}}, 3};
    evs[1] = (fx_events){wrels, 3,
                         {{EU, SANCTION, LUK, 0, 0, 0},
                          {LUK, MEET, EU, 0, 0, 0},
                          {CTL, MEET, ZUR, 1, 0, 0}}, 3};
    evs[2] = (fx_events){wrels, 3,
                         {{EU, SANCTION, LUK, 0, 1, 0},
                          {BLR, MEET, LUK, 0, 0, 1}}, 2};
    for (int i = 0; i < 3; i++) {
        int k = reversed ? 2 - i : i;
        fx_feed_events(agg, ents, N_ENTS, &docs[k], &evs[k]);
    }
    ck_assert_int_eq(an_graph_build(agg, g, NULL), ACTNET_OK);
    an_agg_destroy(agg);
}

static const struct {
    an_format format;
    const char *name;
} act_goldens[] = {
    {AN_FORMAT_GRAPHML, "acts.graphml"},
    {AN_FORMAT_GEXF, "acts.gexf"},
    {AN_FORMAT_DOT, "acts.dot"},
    {AN_FORMAT_JSON, "acts.json"},
    {AN_FORMAT_CSV_NODES, "acts.nodes.csv"},
    {AN_FORMAT_CSV_EDGES, "acts.edges.csv"},
};

START_TEST(acts_on_golden_files)
{
    igraph_t g, h;
    size_t len, len2;
    build_acts(&g, 0, 0);
    build_acts(&h, 1, 0);
    char *out = render(&g, act_goldens[_i].format, &len);
    char *again = render(&h, act_goldens[_i].format, &len2);
    golden(act_goldens[_i].name, out, len);
    ck_assert_msg(len == len2 && !memcmp(out, again, len),
                  "%s depends on the order of documents",
                  act_goldens[_i].name);
    switch (act_goldens[_i].format) {
    case AN_FORMAT_GRAPHML:
        well_formed_xml(out, len);
        ck_assert_ptr_nonnull(strstr(out, "edgedefault=\"directed\""));
        ck_assert_ptr_nonnull(strstr(out, "attr.name=\"symmetric\" "
                                          "attr.type=\"boolean\""));
        break;
    case AN_FORMAT_GEXF:
        well_formed_xml(out, len);
        ck_assert_ptr_nonnull(strstr(out, "defaultedgetype=\"directed\""));
        /* Parallel relations of a pair differ in kind. */
        ck_assert_ptr_nonnull(strstr(out, "source=\"EU\" "
                                          "target=\"BLR/police\" "
                                          "kind=\"criticise\""));
        ck_assert_ptr_nonnull(strstr(out, "source=\"EU\" "
                                          "target=\"BLR/police\" "
                                          "kind=\"sanction\" "
                                          "label=\"sanctions\""));
        break;
    case AN_FORMAT_DOT:
        ck_assert_ptr_nonnull(strstr(out, "digraph"));
        ck_assert_ptr_nonnull(strstr(out, "dir=both, label=\"meets\""));
        ck_assert_ptr_nonnull(strstr(out,
                                     "label=\"criticises \\\"sharply\\\" "
                                     "<&>\""));
        break;
    case AN_FORMAT_JSON: {
        json_error_t jerr;
        json_t *j = json_loadb(out, len, 0, &jerr);
        ck_assert_msg(j != NULL, "JSON: %s", jerr.text);
        ck_assert(json_is_true(json_object_get(j, "directed")));
        ck_assert(json_is_true(json_object_get(j, "multigraph")));
        /* Belarus police, BLR, Ctl, EU, O'Neil, Zürich, Lukashenko. */
        ck_assert_uint_eq(json_array_size(json_object_get(j, "nodes")), 7);
        ck_assert_uint_eq(json_array_size(json_object_get(j, "links")), 7);
        json_decref(j);
        break;
    }
    case AN_FORMAT_CSV_EDGES:
        /* Parallel relations of a pair, a symmetric relation drawn as
         * written ("Lukashenko meets the EU", though EU < lukashenko),
         * the hedged event counted, the negated one not, evidence left
         * out (as for co-occurrence). */
        same_text(out,
            "Source,Target,Type,Weight,network,relation,kind,label,polarity,"
            "class,"
            "symmetric,documents,first,last,negated,hedged\n"
            "BLR,lukashenko,Directed,1,acts-on,meet,meet,meets,1,"
            "verbal-cooperation,true,1,,,0,1\n"
            "EU,BLR/police,Directed,1,acts-on,criticise,criticise,"
            "\"criticises \"\"sharply\"\" <&>\",-1,verbal-conflict,false,1,"
            "2020-08-10,2020-08-10,0,0\n"
            "EU,BLR/police,Directed,1,acts-on,sanction,sanction,"
            "sanctions,-1,material-conflict,false,1,2020-08-10,2020-08-10,"
            "0,0\n"
            "EU,lukashenko,Directed,1,acts-on,sanction,sanction,"
            "sanctions,-1,material-conflict,false,1,2020-09-01,2020-09-01,"
            "0,0\n"
            "lukashenko,EU,Directed,1,acts-on,meet,meet,meets,1,"
            "verbal-cooperation,true,1,2020-09-01,2020-09-01,0,0\n"
            "org:Ctl,org:Z\xC3\xBCrich,Directed,1,acts-on,meet,meet,meets,1,"
            "verbal-cooperation,true,1,2020-09-01,2020-09-01,0,0\n"
            "\"person:O'Neil \"\"Q\"\"\",lukashenko,Directed,1,acts-on,"
            "criticise,criticise,\"criticises \"\"sharply\"\" <&>\",-1,"
            "verbal-conflict,false,1,2020-08-10,2020-08-10,0,0\n");
        break;
    default:
        break;
    }
    free(out);
    free(again);
    igraph_destroy(&g);
    igraph_destroy(&h);
}
END_TEST

START_TEST(acts_on_collapsed)
{
    igraph_t g;
    size_t len;
    build_acts(&g, 0, 1);
    char *csv = render(&g, AN_FORMAT_CSV_EDGES, &len);
    /* EU -> Belarus police: criticise + sanction, net polarity -1;
     * EU -> Lukashenko: meet (+1) + sanction (-1), net 0. */
    same_text(csv,
        "Source,Target,Type,Weight,network,relations,label,polarity,documents,"
        "first,last,negated,hedged\n"
        "BLR,lukashenko,Directed,1,acts-on,meet:1,meets,1,1,,,0,1\n"
        "EU,BLR/police,Directed,2,acts-on,\"criticise:1,sanction:1\","
        "\"criticises \"\"sharply\"\" <&>, sanctions\",-1,1,2020-08-10,"
        "2020-08-10,0,0\n"
        "EU,lukashenko,Directed,2,acts-on,\"meet:1,sanction:1\","
        "\"meets, sanctions\",0,1,2020-09-01,2020-09-01,0,0\n"
        "org:Ctl,org:Z\xC3\xBCrich,Directed,1,acts-on,meet:1,meets,1,1,"
        "2020-09-01,2020-09-01,0,0\n"
        "\"person:O'Neil \"\"Q\"\"\",lukashenko,Directed,1,acts-on,"
        "criticise:1,\"criticises \"\"sharply\"\" <&>\",-1,1,2020-08-10,"
        "2020-08-10,0,0\n");
    free(csv);
    char *json = render(&g, AN_FORMAT_JSON, &len);
    ck_assert_ptr_nonnull(strstr(json, "\"multigraph\": false"));
    free(json);
    igraph_destroy(&g);
}
END_TEST

/* A pseudo-random string of awkward pieces: markup characters, white
 * space, controls, invalid UTF-8, non-ASCII. */
static void random_text(unsigned *seed, char *out, size_t cap)
{
    static const char *const pieces[] = {
        "a", "Zed", " ", "  ", "<", ">", "&", "\"", "'", "\t", "\n", "\r",
        "\x01", "\x7f", "\xc2\x85", "\xff", "\xc3", "\xc3\xa9",
        "\xe2\x80\xa6", "\xf0\x9f\x98\x80", "\xef\xbf\xbe", "&amp;",
        "]]>", "0.5", "-"};
    size_t n = 0, k = (*seed = *seed * 1103515245u + 12345u) >> 16 & 7;
    out[0] = '\0';
    while (k--) {
        *seed = *seed * 1103515245u + 12345u;
        const char *p = pieces[(*seed >> 16) %
                               (sizeof(pieces) / sizeof(pieces[0]))];
        if (n + strlen(p) + 1 > cap)
            break;
        memcpy(out + n, p, strlen(p) + 1);
        n += strlen(p);
    }
}

/* The cleaning the writers apply before libxml2 saw a value. */
static const char *cleaned(an_buf *b, const char *s)
{
    b->len = 0;
    ck_assert_int_eq(an_clean_text(b, s, strlen(s), 0, 0), 0);
    return b->data;
}

/* an_xml writes the bytes libxml2's text writer (indent "  ") wrote for
 * the same calls, values cleaned first: random element trees with
 * attributes, text, mixed content, empty elements and elements written
 * from their tags or heads. */
START_TEST(xml_writer_matches_libxml2)
{
    static const char *const names[] = {"graph", "node", "data", "viz:size",
                                        "e"};
    for (unsigned round = 0; round < 200; round++) {
        unsigned seed = round * 7919u + 1u;
        char *ours = NULL, *theirs = NULL;
        size_t ours_len = 0, theirs_len = 0;
        FILE *a = open_memstream(&ours, &ours_len);
        FILE *b = open_memstream(&theirs, &theirs_len);
        an_xml w;
        an_buf clean = {0};
        char text[128];
        int depth = 0, can_attr = 0;
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(b);
        ck_assert_int_eq(an_xml_open(&w, a), 0);
        xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(b, NULL);
        xmlTextWriterPtr x = xmlNewTextWriter(ob);
        ck_assert_ptr_nonnull(x);
        ck_assert_int_ge(xmlTextWriterSetIndent(x, 1), 0);
        ck_assert_int_ge(xmlTextWriterSetIndentString(x, BAD_CAST "  "), 0);
        ck_assert_int_ge(xmlTextWriterStartDocument(x, "1.0", "UTF-8", NULL),
                         0);
        ck_assert_int_eq(an_xml_start(&w, "root"), 0);
        ck_assert_int_ge(xmlTextWriterStartElement(x, BAD_CAST "root"), 0);
        depth = 1;
        can_attr = 1;
        for (int op = 0; op < 60; op++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 11;
            if (r < 3 && depth < AN_XML_DEPTH - 1) {
                const char *nm = names[(seed >> 8) % 5];
                ck_assert_int_eq(an_xml_start(&w, nm), 0);
                ck_assert_int_ge(xmlTextWriterStartElement(x, BAD_CAST nm),
                                 0);
                depth++;
                can_attr = 1;
            } else if (r < 6 && can_attr) {
                random_text(&seed, text, sizeof(text));
                ck_assert_int_eq(an_xml_attr(&w, "v", text), 0);
                ck_assert_int_ge(xmlTextWriterWriteAttribute(x, BAD_CAST "v",
                                     BAD_CAST cleaned(&clean, text)), 0);
            } else if (r == 9 && depth < AN_XML_DEPTH - 1) {
                /* a whole element from its tags (an_xml_element_tags) */
                char key[128];
                an_buf tag = {0};
                random_text(&seed, key, sizeof(key));
                random_text(&seed, text, sizeof(text));
                ck_assert_int_eq(an_xml_start_tag(&tag, "data", "key", key,
                                                  NULL), 0);
                ck_assert_int_eq(an_xml_element_tags(&w, tag.data, tag.len,
                                                     "</data>", 7, text), 0);
                ck_assert_int_ge(xmlTextWriterStartElement(x,
                                     BAD_CAST "data"), 0);
                ck_assert_int_ge(xmlTextWriterWriteAttribute(x,
                                     BAD_CAST "key",
                                     BAD_CAST cleaned(&clean, key)), 0);
                ck_assert_int_ge(xmlTextWriterWriteString(x,
                                     BAD_CAST cleaned(&clean, text)), 0);
                ck_assert_int_ge(xmlTextWriterEndElement(x), 0);
                an_buf_free(&tag);
                can_attr = 0;
            } else if (r == 10 && depth < AN_XML_DEPTH - 1) {
                /* an empty element from its head (an_xml_empty_tags) */
                char key[128];
                an_buf head = {0};
                random_text(&seed, key, sizeof(key));
                random_text(&seed, text, sizeof(text));
                ck_assert_int_eq(an_xml_start_tag(&head, "attvalue", "for",
                                                  key, "value"), 0);
                ck_assert_int_eq(an_xml_empty_tags(&w, head.data, head.len,
                                                   text), 0);
                ck_assert_int_ge(xmlTextWriterStartElement(x,
                                     BAD_CAST "attvalue"), 0);
                ck_assert_int_ge(xmlTextWriterWriteAttribute(x,
                                     BAD_CAST "for",
                                     BAD_CAST cleaned(&clean, key)), 0);
                ck_assert_int_ge(xmlTextWriterWriteAttribute(x,
                                     BAD_CAST "value",
                                     BAD_CAST cleaned(&clean, text)), 0);
                ck_assert_int_ge(xmlTextWriterEndElement(x), 0);
                an_buf_free(&head);
                can_attr = 0;
            } else if (r < 7) {
                random_text(&seed, text, sizeof(text));
                ck_assert_int_eq(an_xml_text(&w, text), 0);
                ck_assert_int_ge(xmlTextWriterWriteString(x,
                                     BAD_CAST cleaned(&clean, text)), 0);
                can_attr = 0;
            } else if (r < 9 && depth > 1) {
                ck_assert_int_eq(an_xml_end(&w), 0);
                ck_assert_int_ge(xmlTextWriterEndElement(x), 0);
                depth--;
                can_attr = 0;
            }
        }
        ck_assert_int_eq(an_xml_close(&w, 1), 0);
        ck_assert_int_ge(xmlTextWriterEndDocument(x), 0);
        xmlFreeTextWriter(x);
        fclose(a);
        fclose(b);
        ck_assert_msg(ours_len == theirs_len &&
                          !memcmp(ours, theirs, ours_len),
                      "round %u differs:\n%s\n---\n%s", round, ours,
                      theirs);
        free(ours);
        free(theirs);
        an_buf_free(&clean);
    }
}
END_TEST

/* The <edge> elements of GraphML text: from the first to the end of the
 * last; malloc'ed. */
static char *edges_part(const char *doc)
{
    const char *a = strstr(doc, "    <edge ");
    const char *b = strstr(doc, "  </graph>");
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    char *p = strndup(a, (size_t)(b - a));
    ck_assert_ptr_nonnull(p);
    return p;
}

/* The <edge> elements of g as an_xml's calls write them (an_xml_start,
 * an_xml_attr, an_xml_element_tags with the data of every edge attribute
 * but empty strings, an_xml_end): the bytes the GraphML writer wrote an
 * edge with before it wrote each in one piece.  malloc'ed. */
static char *edges_by_calls(const igraph_t *g)
{
    char *data = NULL, *part;
    size_t size = 0;
    FILE *fp = open_memstream(&data, &size);
    an_table vt, et;
    an_xml w;
    char buf[48], ida[32], idb[32], num[32];
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(an_table_read(&vt, g, AN_TABLE_VERTICES), 0);
    ck_assert_int_eq(an_table_read(&et, g, AN_TABLE_EDGES), 0);
    ck_assert_int_eq(an_xml_open(&w, fp), 0);
    ck_assert_int_eq(an_xml_start(&w, "graphml"), 0);
    ck_assert_int_eq(an_xml_start(&w, "graph"), 0);
    for (igraph_integer_t e = 0; e < igraph_ecount(g); e++) {
        igraph_integer_t from, to;
        igraph_edge(g, e, &from, &to);
        snprintf(buf, sizeof(buf), "e%lld", (long long)e);
        ck_assert_int_eq(an_xml_start(&w, "edge"), 0);
        ck_assert_int_eq(an_xml_attr_raw(&w, "id", buf), 0);
        ck_assert_int_eq(an_xml_attr(&w, "source",
                                     an_node_id(&vt, from, ida)), 0);
        ck_assert_int_eq(an_xml_attr(&w, "target",
                                     an_node_id(&vt, to, idb)), 0);
        for (size_t i = 0; i < et.n; i++) {
            const char *v = an_column_text(&et.cols[i], e, num);
            an_buf tag = {0};
            char key[160];
            if (et.cols[i].type == AN_COL_STRING && !v[0])
                continue;
            snprintf(key, sizeof(key), "e_%s", et.cols[i].name);
            ck_assert_int_eq(an_xml_start_tag(&tag, "data", "key", key,
                                              NULL), 0);
            ck_assert_int_eq(an_xml_element_tags(&w, tag.data, tag.len,
                                                 "</data>", 7, v), 0);
            an_buf_free(&tag);
        }
        ck_assert_int_eq(an_xml_end(&w), 0);
    }
    ck_assert_int_eq(an_xml_close(&w, 1), 0);
    fclose(fp);
    an_table_finish(&vt);
    an_table_finish(&et);
    part = edges_part(data);
    free(data);
    return part;
}

/* GraphML edges, written in one piece each, are the bytes an_xml's calls
 * write: awkward ids and strings (markup, controls, invalid UTF-8, empty
 * ones, which have no element), whole and fractional numbers, NaN and
 * infinities, booleans; and edges without any attribute (<edge .../>). */
START_TEST(graphml_edges_as_xml_calls)
{
    for (int with_attrs = 0; with_attrs < 2; with_attrs++) {
        igraph_t g;
        igraph_vector_int_t ev;
        unsigned seed = 12345u + (unsigned)with_attrs;
        enum { NV = 9, NE = 300 };
        char text[128];
        ck_assert_int_eq(igraph_vector_int_init(&ev, 2 * NE), 0);
        for (int e = 0; e < NE; e++) {
            VECTOR(ev)[2 * e] = e % NV;
            VECTOR(ev)[2 * e + 1] = (e * 7 + 3) % NV;
        }
        ck_assert_int_eq(igraph_create(&g, &ev, NV, IGRAPH_DIRECTED), 0);
        igraph_vector_int_destroy(&ev);
        for (int v = 0; v < NV; v++) {
            random_text(&seed, text, sizeof(text));
            SETVAS(&g, "id", v, v == 3 ? "" : text);
        }
        for (int e = 0; with_attrs && e < NE; e++) {
            random_text(&seed, text, sizeof(text));
            SETEAS(&g, "text", e, e % 5 ? text : "");
            SETEAN(&g, "whole", e, (double)(e * 37 % 1001) - 500);
            SETEAN(&g, "real", e, e == 7 ? NAN : e == 8 ? -INFINITY
                                  : (double)e / 7.0);
            SETEAB(&g, "flag", e, e % 3 == 0);
            SETEAS(&g, "kind", e, "acts-on");
        }
        size_t len;
        char *doc = render(&g, AN_FORMAT_GRAPHML, &len);
        char *ours = edges_part(doc);
        char *want = edges_by_calls(&g);
        size_t at = 0;
        while (ours[at] && ours[at] == want[at])
            at++;
        ck_assert_msg(ours[at] == want[at], "edges differ at byte %zu: "
                      "'%.60s' instead of '%.60s'", at, ours + at, want + at);
        free(doc);
        free(ours);
        free(want);
        igraph_destroy(&g);
    }
}
END_TEST

/* The JSON writer writes what jansson wrote: reals as json_dumps gave
 * them (precision 15, exponents), NaN as null, controls escaped, and an
 * edge attribute named "source" in the first place of the member with
 * its own value (jansson kept a member's place and its last value). */
START_TEST(json_as_jansson_wrote_it)
{
    static const double xs[] = {1e20, 1.5e-7, 0.5, 3.0, -2.25e-300,
                                123456.789012345678, NAN};
    igraph_t g;
    size_t len;
    igraph_small(&g, 7, IGRAPH_UNDIRECTED, 0, 1, -1);
    for (int v = 0; v < 7; v++)
        ck_assert_int_eq(igraph_cattribute_VAN_set(&g, "score", v, xs[v]),
                         0);
    ck_assert_int_eq(igraph_cattribute_EAS_set(&g, "source", 0,
                                               "x\ty\\\"z"), 0);
    char *out = render(&g, AN_FORMAT_JSON, &len);
    for (int v = 0; v < 6; v++) {
        json_t *r = json_real(xs[v]);
        char *want = json_dumps(r, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
        char line[96];
        snprintf(line, sizeof(line), "\"score\": %s\n", want);
        if (xs[v] == 3.0)
            snprintf(line, sizeof(line), "\"score\": 3\n");
        ck_assert_msg(strstr(out, line), "no %s in\n%s", line, out);
        free(want);
        json_decref(r);
    }
    ck_assert_ptr_nonnull(strstr(out, "\"score\": null\n"));
    ck_assert_ptr_nonnull(strstr(out, "{\n   \"source\": \"x\\ty\\\\"
                                      "\\\"z\",\n   \"target\": \"n1\"\n  }"));
    json_error_t jerr;
    json_t *root = json_loadb(out, len, 0, &jerr);
    ck_assert_msg(root != NULL, "%s", jerr.text);
    json_decref(root);
    free(out);
    igraph_destroy(&g);
}
END_TEST

static Suite *write_suite(void)
{
    Suite *s = suite_create("write");
    TCase *tc = tcase_create("write");
    tcase_add_unchecked_fixture(tc, an_graph_setup_igraph, NULL);
    tcase_add_loop_test(tc, golden_files, 0,
                        (int)(sizeof(goldens) / sizeof(goldens[0])));
    tcase_add_test(tc, golden_static_gexf);
    tcase_add_test(tc, same_bytes_in_any_order);
    tcase_add_test(tc, full_disk_is_an_error);
    tcase_add_test(tc, csv_format_needs_two_files);
    tcase_add_test(tc, formats);
    tcase_add_test(tc, format_table);
    tcase_add_test(tc, clean_text);
    tcase_add_test(tc, xml_writer_matches_libxml2);
    tcase_add_test(tc, graphml_edges_as_xml_calls);
    tcase_add_test(tc, json_as_jansson_wrote_it);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, graph_without_our_attributes);
    tcase_add_test(tc, dot_straight_edges_when_large);
    tcase_add_test(tc, directed_graph);
    tcase_add_loop_test(tc, acts_on_golden_files, 0,
                        (int)(sizeof(act_goldens) / sizeof(act_goldens[0])));
    tcase_add_test(tc, acts_on_collapsed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(write_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
