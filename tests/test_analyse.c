/*
 * test_analyse.c — check suite for src/net/analyse.c: every measure against
 * known values on small graphs (a star and a path, by hand; Zachary's
 * karate club, plain and weighted, and a small directed graph with
 * parallel edges and a loop, against networkx), the communities'
 * modularity on Zachary's club (recomputed here from the partition),
 * determinism and numbering of the partition, the cutoff of the path
 * measures, and an_analyse's attributes.
 *
 * The networkx constants were computed offline with Debian's
 * python3-networkx 2.8.8 (scipy / numpy) on the same graphs:
 *   lengths:     G[u][v]["dist"] = 1 / weight
 *   betweenness  nx.betweenness_centrality(G, weight="dist",
 *                                          normalized=False)
 *   closeness    nx.closeness_centrality(G, distance="dist")  (directed:
 *                on G.reverse(), i.e. distances from the node)
 *   harmonic     nx.harmonic_centrality(G, distance="dist") / (n - 1)
 *                (directed: on G.reverse())
 *   pagerank     nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15)
 *   eigenvector  nx.eigenvector_centrality_numpy(G, weight="weight"),
 *                divided by its maximum (directed: of the undirected
 *                graph with opposite edges' weights summed)
 *   hub, authority  nx.hits(G, tol=1e-15), each divided by its maximum
 *   coreness     nx.core_number(G)
 * printed with 12 significant digits.  Zachary's club is
 * nx.karate_club_graph() without its weights (the same graph as
 * igraph_famous("Zachary"), same vertex numbers); the weighted variant
 * gives edge {u, v} (u < v) the weight 2^((7u + 3v) mod 4), so that the
 * lengths 1 / weight are exact binary fractions and ties between equally
 * long paths are exact in both libraries.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "net/analyse.h"
#include "net/graph.h"

/* ---- the networkx values ------------------------------------------------ */

static const double path_pagerank[] = {0.134527027027, 0.245945945946, 0.239054054054, 0.245945945946, 0.134527027027};
static const double zach_degree[] = {16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3, 3, 2, 4, 3, 4, 4, 6, 12, 17};
static const double zach_betweenness[] = {231.071428571, 28.4785714286, 75.8507936508, 6.2880952381, 0.333333333333, 15.8333333333, 15.8333333333, 0, 29.5293650794, 0.447619047619, 0.333333333333, 0, 0, 24.2158730159, 0, 0, 0, 0, 0, 17.1468253968, 0, 0, 0, 9.3, 1.16666666667, 2.02777777778, 0, 11.7920634921, 0.947619047619, 1.54285714286, 7.60952380952, 73.0095238095, 76.6904761905, 160.551587302};
static const double zach_closeness[] = {0.568965517241, 0.485294117647, 0.559322033898, 0.464788732394, 0.379310344828, 0.383720930233, 0.383720930233, 0.44, 0.515625, 0.434210526316, 0.379310344828, 0.366666666667, 0.370786516854, 0.515625, 0.370786516854, 0.370786516854, 0.284482758621, 0.375, 0.370786516854, 0.5, 0.370786516854, 0.375, 0.370786516854, 0.392857142857, 0.375, 0.375, 0.362637362637, 0.458333333333, 0.452054794521, 0.383720930233, 0.458333333333, 0.540983606557, 0.515625, 0.55};
static const double zach_harmonic[] = {0.70202020202, 0.580808080808, 0.636363636364, 0.535353535354, 0.444444444444, 0.459595959596, 0.459595959596, 0.497474747475, 0.560606060606, 0.472222222222, 0.444444444444, 0.409090909091, 0.424242424242, 0.560606060606, 0.430303030303, 0.430303030303, 0.336363636364, 0.429292929293, 0.430303030303, 0.530303030303, 0.430303030303, 0.429292929293, 0.430303030303, 0.485858585859, 0.421717171717, 0.421717171717, 0.422727272727, 0.512626262626, 0.497474747475, 0.465656565657, 0.512626262626, 0.585858585859, 0.633838383838, 0.704545454545};
static const double zach_pagerank[] = {0.0969972853883, 0.0528769240611, 0.0570785094885, 0.0358598577864, 0.0219779523646, 0.0291111546784, 0.0291111546784, 0.0244904970353, 0.029766056081, 0.014309397129, 0.0219779523646, 0.00956474549214, 0.0146448920119, 0.0295364561519, 0.0145359939979, 0.0145359939979, 0.0167840054442, 0.014558677209, 0.0145359939979, 0.0196046363257, 0.0145359939979, 0.014558677209, 0.0145359939979, 0.0315225147767, 0.0210760335592, 0.0210061973945, 0.0150440380827, 0.0256397674828, 0.0195734594638, 0.0262885376951, 0.0245901552486, 0.0371580870691, 0.0716932260057, 0.100919182333};
static const double zach_eigenvector[] = {0.952132366477, 0.71233513912, 0.849554200465, 0.565614306651, 0.203471480817, 0.212883828873, 0.212883828873, 0.457890933763, 0.609068441934, 0.274998115492, 0.203471480817, 0.141566333343, 0.22566382472, 0.606574392416, 0.271593956716, 0.271593956716, 0.0633046079364, 0.247478785548, 0.271593956716, 0.396162244201, 0.271593956716, 0.247478785548, 0.271593956716, 0.402070860719, 0.152806701996, 0.158575971213, 0.202428516719, 0.357499230645, 0.351072971551, 0.361473014907, 0.468064811423, 0.511656486526, 0.826658857521, 1};
static const double zach_coreness[] = {4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4};
static const double zachw_strength[] = {65, 27, 46, 18, 9, 20, 14, 15, 18, 6, 10, 2, 3, 19, 6, 3, 12, 12, 6, 4, 9, 12, 6, 9, 12, 10, 4, 15, 14, 15, 12, 10, 44, 59};
static const double zachw_betweenness[] = {271.1, 10, 222.366666667, 32, 0.5, 30, 16.1666666667, 0, 12.75, 0, 14.8333333333, 0, 0, 91.1333333333, 0, 0, 0.833333333333, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 78.5, 10.4166666667, 5.41666666667, 0, 0, 167.933333333, 150.216666667};
static const double zachw_closeness[] = {2, 1.62962962963, 2.12903225806, 1.71428571429, 1.056, 1.62962962963, 1.38947368421, 1.69230769231, 1.74834437086, 1.36787564767, 1.375, 1.01538461538, 0.936170212766, 1.89928057554, 1.30693069307, 0.992481203008, 1.38947368421, 1.60975609756, 1.30693069307, 1.01538461538, 1.57142857143, 1.60975609756, 1.30693069307, 1.30049261084, 1.00380228137, 0.894915254237, 1.00763358779, 1.76, 1.74834437086, 1.57142857143, 1.41176470588, 1.29411764706, 1.91304347826, 1.94117647059};
static const double zachw_harmonic[] = {2.9847041847, 2.1113035113, 2.77806637807, 2.0683982684, 1.28410512047, 2.25271765272, 1.72438672439, 2.0481962482, 2.25916305916, 1.58287638288, 1.66378066378, 1.10228693865, 0.989951462679, 2.38884078884, 1.52602212602, 1.07716996808, 1.8253968254, 2.0911014911, 1.52602212602, 1.10228693865, 2.01144781145, 2.0911014911, 1.52602212602, 1.44252044252, 1.25900564082, 1.13313487859, 1.10265693902, 2.14285714286, 2.21875901876, 2.00153920154, 1.65906685907, 1.37336131882, 2.65512265512, 2.78537758538};
static const double zachw_pagerank[] = {0.106929258424, 0.0440617538471, 0.0731771584106, 0.0315409582071, 0.0191890501857, 0.0352609727056, 0.0267380031744, 0.0253707349005, 0.0307561581537, 0.0129995631937, 0.020251366871, 0.00720837608004, 0.00878893866808, 0.031223959979, 0.0134564928139, 0.00893412875987, 0.0228940104824, 0.0211467273536, 0.0134564928139, 0.0100663616784, 0.017704369062, 0.0211467273536, 0.0134564928139, 0.0187767476628, 0.0267096881544, 0.0230648172869, 0.0106159304237, 0.0275774244933, 0.0250757679323, 0.0287863508534, 0.0220402479295, 0.0205200367694, 0.0789802004183, 0.102094732144};
static const double zachw_eigenvector[] = {1, 0.618801981772, 0.788648494744, 0.42194498881, 0.0988369216224, 0.374518203191, 0.214906375552, 0.398602225639, 0.431881897738, 0.16741012342, 0.193161962745, 0.0750962444708, 0.0692346062683, 0.576577753124, 0.140719851166, 0.0703599255832, 0.144776965616, 0.393324387687, 0.140719851166, 0.125377492736, 0.238027931399, 0.393324387687, 0.140719851166, 0.125151366196, 0.0418238620386, 0.0238569208331, 0.0760093993988, 0.285882166617, 0.348009171168, 0.291846921568, 0.252054973218, 0.175626949398, 0.576773580012, 0.720312873299};
/* The directed graph below, collapsed (0->1 weight 2 + 1 = 3, loop gone). */
static const double dir_betweenness[] = {5, 6, 7, 4, 0, 0};
static const double dir_closeness[] = {0.738461538462, 0.738461538462, 0.738461538462, 0.2, 0.4, 0.89552238806};
static const double dir_harmonic[] = {1.16373626374, 1.09909090909, 0.883333333333, 0.2, 0.4, 1.58497405232};
static const double dir_pagerank[] = {0.0754891959566, 0.0731243624223, 0.1031971622, 0.377399610498, 0.345789668923, 0.025};
/* networkx's 1e-16 noise is 0 here (analyse.c rounds such noise to 0). */
static const double dir_hub[] = {0, 0, 0.356107225225, 0, 0.106107225225, 1};
static const double dir_authority[] = {1, 0, 0, 0.212214450449, 0, 0};
static const double dir_eigenvector[] = {1, 0.823007067314, 0.782165456939, 0.306078017882, 0.141347354077, 0.615735622159};

/* ---- helpers ------------------------------------------------------------ */

static igraph_t g;
static int have_graph;

static void setup(void)
{
    an_graph_setup_igraph();
    have_graph = 0;
}

static void teardown(void)
{
    if (have_graph)
        igraph_destroy(&g);
    have_graph = 0;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Computes measure m of g (exact paths) and compares it with want. */
static void check_measure(an_measure m, const double *want, size_t n)
{
    an_analysis *a;
    actnet_error err;
    igraph_vector_t res;
    actnet_error_clear(&err);
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    ck_assert_int_eq(igraph_vector_init(&res, 0), IGRAPH_SUCCESS);
    ck_assert_msg(an_analysis_measure(a, m, NULL, &res, &err) == ACTNET_OK,
                  "%s: %s", an_measure_name(m), err.message);
    ck_assert_int_eq(igraph_vector_size(&res), (igraph_integer_t)n);
    for (size_t i = 0; i < n; i++) {
        double got = VECTOR(res)[i];
        double tol = 1e-9 * (fabs(want[i]) > 1 ? fabs(want[i]) : 1);
        ck_assert_msg(fabs(got - want[i]) <= tol,
                      "%s of node %zu: got %.12g, want %.12g",
                      an_measure_name(m), i, got, want[i]);
    }
    igraph_vector_destroy(&res);
    an_analysis_destroy(a);
}

static void set_weights(const double *w, size_t m)
{
    igraph_vector_t v;
    ck_assert_int_eq(igraph_vector_init(&v, (igraph_integer_t)m), 0);
    for (size_t i = 0; i < m; i++)
        VECTOR(v)[i] = w[i];
    ck_assert_int_eq(SETEANV(&g, "weight", &v), 0);
    igraph_vector_destroy(&v);
}

static void zachary(int weighted)
{
    ck_assert_int_eq(igraph_famous(&g, "Zachary"), IGRAPH_SUCCESS);
    have_graph = 1;
    if (!weighted)
        return;
    igraph_integer_t m = igraph_ecount(&g);
    double *w = malloc((size_t)m * sizeof(*w));
    ck_assert_ptr_nonnull(w);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t u = IGRAPH_FROM(&g, e), v = IGRAPH_TO(&g, e);
        if (u > v) {
            igraph_integer_t t = u;
            u = v;
            v = t;
        }
        w[e] = (double)(1 << ((7 * u + 3 * v) % 4));
    }
    set_weights(w, (size_t)m);
    free(w);
}

/*
 * A directed graph of 6 nodes with a pair of parallel edges (0->1, one
 * hostile and one cooperative), a self-loop (1->1) and a polarity on
 * every edge.
 */
static void directed_graph(void)
{
    static const double w[] = {2, 1, 3, 1, 2, 1, 2, 5, 4, 1};
    static const double pol[] = {-1, 1, -1, 1, 0, -1, 1, 1, -1, 1};
    igraph_vector_t p;
    ck_assert_int_eq(igraph_small(&g, 6, IGRAPH_DIRECTED, 0, 1, 0, 1, 1, 2,
                                  2, 0, 2, 3, 3, 4, 4, 3, 1, 1, 5, 0, 0, 2,
                                  -1), IGRAPH_SUCCESS);
    have_graph = 1;
    set_weights(w, N_OF(w));
    ck_assert_int_eq(igraph_vector_init(&p, N_OF(pol)), 0);
    for (size_t i = 0; i < N_OF(pol); i++)
        VECTOR(p)[i] = pol[i];
    ck_assert_int_eq(SETEANV(&g, "polarity", &p), 0);
    igraph_vector_destroy(&p);
}

/* Weighted modularity (resolution 1) of a partition, computed here from
 * its definition: sum over communities of w_in / W - (s_c / 2W)^2, where
 * W is the total weight, w_in the weight inside c and s_c the total
 * strength of c.  Unweighted when the graph has no weight attribute;
 * self-loops left out and directions ignored, as in the undirected view. */
static double modularity_of(const igraph_vector_int_t *memb)
{
    igraph_integer_t n = igraph_vcount(&g), m = igraph_ecount(&g), k = 0;
    int weighted = igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE,
                                              "weight");
    for (igraph_integer_t v = 0; v < n; v++)
        if (VECTOR(*memb)[v] + 1 > k)
            k = VECTOR(*memb)[v] + 1;
    double *in = calloc((size_t)k, sizeof(double));
    double *tot = calloc((size_t)k, sizeof(double));
    double total = 0, q = 0;
    ck_assert(in && tot);
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = IGRAPH_FROM(&g, e), b = IGRAPH_TO(&g, e);
        double w = weighted ? EAN(&g, "weight", e) : 1.0;
        if (a == b)
            continue;   /* loops are not in the views */
        total += w;
        tot[VECTOR(*memb)[a]] += w;
        tot[VECTOR(*memb)[b]] += w;
        if (VECTOR(*memb)[a] == VECTOR(*memb)[b])
            in[VECTOR(*memb)[a]] += w;
    }
    for (igraph_integer_t c = 0; c < k; c++)
        q += in[c] / total - (tot[c] / (2 * total)) * (tot[c] / (2 * total));
    free(in);
    free(tot);
    return q;
}

/* ---- names ---------------------------------------------------------------- */

START_TEST(measure_names)
{
    an_measure m;
    uint32_t mask = 0;
    const char *bad = NULL;
    for (int i = 0; i < AN_M_COUNT; i++) {
        ck_assert_int_eq(an_measure_parse(an_measure_name((an_measure)i), &m),
                         0);
        ck_assert_int_eq(m, i);
        ck_assert_str_ne(an_measure_help((an_measure)i), "");
    }
    ck_assert_int_eq(an_measure_parse("PageRank", &m), -1);
    ck_assert_int_eq(an_measure_parse("hostility", &m), -1);
    ck_assert_int_eq(an_measure_parse_list("pagerank, degree", &mask, &bad),
                     0);
    ck_assert_uint_eq(mask, AN_MEASURE_BIT(AN_M_PAGERANK) |
                                AN_MEASURE_BIT(AN_M_DEGREE));
    ck_assert_int_eq(an_measure_parse_list("all", &mask, &bad), 0);
    ck_assert_uint_eq(mask, AN_MEASURES_ALL);
    ck_assert_int_eq(an_measure_parse_list("degree,betweeness", &mask, &bad),
                     -1);
    ck_assert_str_eq(bad, "betweeness");
    ck_assert_int_eq(an_measure_parse_list("degree,,pagerank", &mask, &bad),
                     -1);
    ck_assert(an_measure_is_count(AN_M_DEGREE));
    ck_assert(!an_measure_is_count(AN_M_PAGERANK));
    ck_assert(an_measure_uses_paths(AN_M_HARMONIC));
    ck_assert(!an_measure_uses_paths(AN_M_CORENESS));

    an_community_method c;
    ck_assert_int_eq(an_community_parse("leiden", &c), 0);
    ck_assert_int_eq(c, AN_COMMUNITY_LEIDEN);
    ck_assert_int_eq(an_community_parse("louvain", &c), 0);
    ck_assert_int_eq(c, AN_COMMUNITY_LOUVAIN);
    ck_assert_int_eq(an_community_parse("infomap", &c), -1);
    ck_assert_str_eq(an_community_name(AN_COMMUNITY_LOUVAIN), "louvain");
}
END_TEST

/* ---- star and path, by hand ----------------------------------------------- */

START_TEST(star_by_hand)
{
    /* centre 0, leaves 1..4, weight 1 */
    static const double degree[] = {4, 1, 1, 1, 1};
    /* each of the 6 pairs of leaves has its one shortest path via 0 */
    static const double betweenness[] = {6, 0, 0, 0, 0};
    /* a leaf: distances 1 + 2 + 2 + 2 = 7, closeness 4 / 7 */
    static const double closeness[] = {1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7};
    /* a leaf: (1 + 1/2 + 1/2 + 1/2) / 4 */
    static const double harmonic[] = {1, 0.625, 0.625, 0.625, 0.625};
    /* c = 0.03 + 0.85 * 4 * l, l = 0.03 + 0.85 * c / 4 */
    static const double pagerank[] = {0.132 / 0.2775, 0.03 + 0.2125 * 0.132 /
                                      0.2775, 0.03 + 0.2125 * 0.132 / 0.2775,
                                      0.03 + 0.2125 * 0.132 / 0.2775,
                                      0.03 + 0.2125 * 0.132 / 0.2775};
    /* eigenvalue 2: leaves get half the centre */
    static const double eigenvector[] = {1, 0.5, 0.5, 0.5, 0.5};
    static const double coreness[] = {1, 1, 1, 1, 1};

    ck_assert_int_eq(igraph_star(&g, 5, IGRAPH_STAR_UNDIRECTED, 0), 0);
    have_graph = 1;
    check_measure(AN_M_DEGREE, degree, 5);
    check_measure(AN_M_STRENGTH, degree, 5);
    check_measure(AN_M_BETWEENNESS, betweenness, 5);
    check_measure(AN_M_CLOSENESS, closeness, 5);
    check_measure(AN_M_HARMONIC, harmonic, 5);
    check_measure(AN_M_PAGERANK, pagerank, 5);
    check_measure(AN_M_EIGENVECTOR, eigenvector, 5);
    check_measure(AN_M_CORENESS, coreness, 5);
}
END_TEST

START_TEST(path_by_hand)
{
    /* 0 - 1 - 2 - 3 - 4, weight 1 */
    static const double degree[] = {1, 2, 2, 2, 1};
    /* node 1 lies on the paths 0-2, 0-3, 0-4; node 2 on 0-3, 0-4, 1-3,
     * 1-4 */
    static const double betweenness[] = {0, 3, 4, 3, 0};
    /* 4 / sum of distances: 4/10, 4/7, 4/6 */
    static const double closeness[] = {0.4, 4.0 / 7, 4.0 / 6, 4.0 / 7, 0.4};
    static const double harmonic[] = {
        (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 4, (1 + 1 + 1.0 / 2 + 1.0 / 3) / 4,
        (1 + 1 + 1.0 / 2 + 1.0 / 2) / 4, (1 + 1 + 1.0 / 2 + 1.0 / 3) / 4,
        (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 4};
    /* the eigenvector of P5: sin(k pi / 6), k = 1..5, over its maximum */
    static const double eigenvector[] = {0.5, 0.86602540378443865, 1,
                                         0.86602540378443865, 0.5};
    static const double coreness[] = {1, 1, 1, 1, 1};

    ck_assert_int_eq(igraph_ring(&g, 5, IGRAPH_UNDIRECTED, 0, 0), 0);
    have_graph = 1;
    check_measure(AN_M_DEGREE, degree, 5);
    check_measure(AN_M_STRENGTH, degree, 5);
    check_measure(AN_M_BETWEENNESS, betweenness, 5);
    check_measure(AN_M_CLOSENESS, closeness, 5);
    check_measure(AN_M_HARMONIC, harmonic, 5);
    check_measure(AN_M_PAGERANK, path_pagerank, 5);
    check_measure(AN_M_EIGENVECTOR, eigenvector, 5);
    check_measure(AN_M_CORENESS, coreness, 5);
}
END_TEST

START_TEST(path_cutoff)
{
    /* Only paths of length <= 2 count: 0-2 via 1, 1-3 via 2, 2-4 via 3. */
    static const double want[] = {0, 1, 1, 1, 0};
    an_analysis *a;
    actnet_error err;
    igraph_vector_t res;
    an_path_mode pm;

    ck_assert_int_eq(igraph_ring(&g, 5, IGRAPH_UNDIRECTED, 0, 0), 0);
    have_graph = 1;
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    an_analysis_path_mode(a, 0, -1, 42, &pm);   /* small: exact */
    ck_assert_double_eq(pm.cutoff, 0);
    ck_assert_int_eq(pm.sources, 0);
    an_analysis_path_mode(a, 0, 3, 42, &pm);
    ck_assert_int_eq(pm.sources, 3);
    an_analysis_path_mode(a, 0, 5, 42, &pm);    /* every node: exact */
    ck_assert_int_eq(pm.sources, 0);
    an_analysis_path_mode(a, 2, 3, 42, &pm);    /* a cutoff, no sample */
    ck_assert_double_eq(pm.cutoff, 2);
    ck_assert_int_eq(pm.sources, 0);
    igraph_vector_init(&res, 0);
    ck_assert_int_eq(an_analysis_measure(a, AN_M_BETWEENNESS, &pm, &res,
                                         &err), ACTNET_OK);
    for (int i = 0; i < 5; i++)
        ck_assert_double_eq_tol(VECTOR(res)[i], want[i], 1e-12);
    /* closeness within 2 steps: node 0 reaches 1 and 2 (sum 3), so
     * 2 * 2 / (4 * 3) */
    ck_assert_int_eq(an_analysis_measure(a, AN_M_CLOSENESS, &pm, &res, &err),
                     ACTNET_OK);
    ck_assert_double_eq_tol(VECTOR(res)[0], 4.0 / 12, 1e-12);
    igraph_vector_destroy(&res);
    an_analysis_destroy(a);
}
END_TEST

/* Measure m of g from a sample of k sources (seed 42) into res. */
static void sampled_measure(an_measure m, long k, igraph_vector_t *res)
{
    an_analysis *a;
    actnet_error err;
    an_path_mode pm;
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    an_analysis_path_mode(a, 0, k, 42, &pm);
    ck_assert_int_eq(pm.sources, k);
    ck_assert_int_eq(an_analysis_measure(a, m, &pm, res, &err), ACTNET_OK);
    an_analysis_destroy(a);
}

START_TEST(sampled_complete_graph_is_exact)
{
    /* every distance is 1: any sample gives closeness and harmonic 1,
     * and no node lies between two others */
    igraph_vector_t res;
    ck_assert_int_eq(igraph_full(&g, 8, IGRAPH_UNDIRECTED, 0), 0);
    have_graph = 1;
    igraph_vector_init(&res, 0);
    sampled_measure(AN_M_CLOSENESS, 3, &res);
    for (int i = 0; i < 8; i++)
        ck_assert_double_eq_tol(VECTOR(res)[i], 1, 1e-12);
    sampled_measure(AN_M_HARMONIC, 3, &res);
    for (int i = 0; i < 8; i++)
        ck_assert_double_eq_tol(VECTOR(res)[i], 1, 1e-12);
    sampled_measure(AN_M_BETWEENNESS, 3, &res);
    for (int i = 0; i < 8; i++)
        ck_assert_double_eq_tol(VECTOR(res)[i], 0, 1e-12);
    igraph_vector_destroy(&res);
}
END_TEST

START_TEST(sampled_star)
{
    /* star, centre 0, 9 leaves: a leaf source lies on no path; each of
     * its paths to the 8 other leaves passes the centre, so each sampled
     * leaf adds 8 / 2 (pairs counted once), scaled by 10 / k.  Closeness
     * of a leaf from sampled leaves only: R = k, distance 2 each, so
     * k^2 / (k * 2k) = 1/2; the centre reaches all at distance 1. */
    igraph_vector_t res, again;
    ck_assert_int_eq(igraph_star(&g, 10, IGRAPH_STAR_UNDIRECTED, 0), 0);
    have_graph = 1;
    igraph_vector_init(&res, 0);
    igraph_vector_init(&again, 0);
    sampled_measure(AN_M_BETWEENNESS, 4, &res);
    double c = VECTOR(res)[0];
    /* 4 leaves sampled: 10 / 4 * 4 * 4 = 40 (the exact value is 36);
     * with the centre among them: 10 / 4 * 3 * 4 = 30 */
    ck_assert_msg(c == 40 || c == 30, "centre %g", c);
    for (int i = 1; i < 10; i++)
        ck_assert_double_eq(VECTOR(res)[i], 0);
    /* the same seed, the same sample */
    sampled_measure(AN_M_BETWEENNESS, 4, &again);
    ck_assert(igraph_vector_all_e(&res, &again));
    sampled_measure(AN_M_CLOSENESS, 4, &res);
    ck_assert_double_eq_tol(VECTOR(res)[0], 1, 1e-12);
    igraph_vector_destroy(&res);
    igraph_vector_destroy(&again);
}
END_TEST

START_TEST(sampled_zachary_ranks_alike)
{
    /* 20 of 34 sources: the estimates keep the leaders of the exact
     * ranking (nodes 0 and 33 lead betweenness, 0 leads harmonic) and
     * stay within 25% of the exact values for them */
    igraph_vector_t res;
    zachary(0);
    igraph_vector_init(&res, 0);
    sampled_measure(AN_M_BETWEENNESS, 20, &res);
    ck_assert_int_eq(igraph_vector_which_max(&res) == 0 ||
                     igraph_vector_which_max(&res) == 33, 1);
    ck_assert(fabs(VECTOR(res)[0] / zach_betweenness[0] - 1) < 0.25);
    ck_assert(fabs(VECTOR(res)[33] / zach_betweenness[33] - 1) < 0.25);
    sampled_measure(AN_M_HARMONIC, 20, &res);
    ck_assert(fabs(VECTOR(res)[0] / zach_harmonic[0] - 1) < 0.25);
    sampled_measure(AN_M_CLOSENESS, 20, &res);
    ck_assert(fabs(VECTOR(res)[0] / zach_closeness[0] - 1) < 0.25);
    igraph_vector_destroy(&res);
}
END_TEST

/* ---- Zachary's karate club ------------------------------------------------ */

START_TEST(zachary_unweighted)
{
    zachary(0);
    check_measure(AN_M_DEGREE, zach_degree, 34);
    check_measure(AN_M_STRENGTH, zach_degree, 34);
    check_measure(AN_M_BETWEENNESS, zach_betweenness, 34);
    check_measure(AN_M_CLOSENESS, zach_closeness, 34);
    check_measure(AN_M_HARMONIC, zach_harmonic, 34);
    check_measure(AN_M_PAGERANK, zach_pagerank, 34);
    check_measure(AN_M_EIGENVECTOR, zach_eigenvector, 34);
    check_measure(AN_M_CORENESS, zach_coreness, 34);
}
END_TEST

START_TEST(zachary_weighted)
{
    zachary(1);
    check_measure(AN_M_DEGREE, zach_degree, 34);
    check_measure(AN_M_STRENGTH, zachw_strength, 34);
    check_measure(AN_M_BETWEENNESS, zachw_betweenness, 34);
    check_measure(AN_M_CLOSENESS, zachw_closeness, 34);
    check_measure(AN_M_HARMONIC, zachw_harmonic, 34);
    check_measure(AN_M_PAGERANK, zachw_pagerank, 34);
    check_measure(AN_M_EIGENVECTOR, zachw_eigenvector, 34);
    check_measure(AN_M_CORENESS, zach_coreness, 34);   /* unweighted */
}
END_TEST

/* PageRank comes out bit for bit the same on every call: igraph's PRPACK
 * sums in OpenMP loops whose order varied from run to run (analyse.c
 * keeps igraph on one OpenMP thread).  A graph big enough for the loops
 * to be split, computed many times. */
START_TEST(pagerank_same_bits_every_time)
{
    igraph_rng_seed(igraph_rng_default(), 7);
    ck_assert_int_eq(igraph_erdos_renyi_game_gnm(&g, 5000, 50000,
                                                 IGRAPH_DIRECTED,
                                                 IGRAPH_NO_LOOPS),
                     IGRAPH_SUCCESS);
    have_graph = 1;
    igraph_integer_t m = igraph_ecount(&g);
    double *w = malloc((size_t)m * sizeof(*w));
    ck_assert_ptr_nonnull(w);
    for (igraph_integer_t e = 0; e < m; e++)
        w[e] = 1 + (double)(e % 7) / 3;
    set_weights(w, (size_t)m);
    free(w);

    an_analysis *a;
    actnet_error err;
    igraph_vector_t first, res;
    actnet_error_clear(&err);
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    ck_assert_int_eq(igraph_vector_init(&first, 0), IGRAPH_SUCCESS);
    ck_assert_int_eq(igraph_vector_init(&res, 0), IGRAPH_SUCCESS);
    ck_assert_int_eq(an_analysis_measure(a, AN_M_PAGERANK, NULL, &first,
                                         &err), ACTNET_OK);
    for (int run = 0; run < 8; run++) {
        ck_assert_int_eq(an_analysis_measure(a, AN_M_PAGERANK, NULL, &res,
                                             &err), ACTNET_OK);
        ck_assert_int_eq(igraph_vector_size(&res),
                         igraph_vector_size(&first));
        ck_assert_msg(memcmp(VECTOR(res), VECTOR(first),
                             (size_t)igraph_vector_size(&res) *
                             sizeof(double)) == 0,
                      "PageRank differs between two runs (run %d)", run);
    }
    igraph_vector_destroy(&first);
    igraph_vector_destroy(&res);
    an_analysis_destroy(a);
}
END_TEST

/* ---- directed ----------------------------------------------------------- */

START_TEST(directed_measures)
{
    /* edges (weight, polarity): 0->1 (2,-1), 0->1 (1,+1), 1->2 (3,-1),
     * 2->0 (1,+1), 2->3 (2,0), 3->4 (1,-1), 4->3 (2,+1), 1->1 (5,+1: a
     * loop, ignored), 5->0 (4,-1), 0->2 (1,+1) */
    static const double degree[] = {3, 2, 3, 2, 1, 1};
    static const double strength[] = {9, 6, 7, 5, 3, 4};
    static const double indegree[] = {2, 1, 2, 2, 1, 0};
    static const double outdegree[] = {2, 1, 2, 1, 1, 1};
    static const double instrength[] = {5, 3, 4, 4, 1, 0};
    static const double outstrength[] = {4, 3, 3, 1, 2, 4};
    static const double coreness[] = {2, 2, 2, 1, 1, 1};
    static const double host_sent[] = {2, 3, 0, 1, 0, 4};
    static const double host_recv[] = {4, 2, 3, 0, 1, 0};
    static const double coop_sent[] = {2, 0, 1, 0, 2, 0};
    static const double coop_recv[] = {1, 1, 1, 2, 0, 0};

    directed_graph();
    for (int i = 0; i < AN_M_COUNT; i++)
        ck_assert(an_measure_applies((an_measure)i, &g));
    check_measure(AN_M_DEGREE, degree, 6);
    check_measure(AN_M_STRENGTH, strength, 6);
    check_measure(AN_M_INDEGREE, indegree, 6);
    check_measure(AN_M_OUTDEGREE, outdegree, 6);
    check_measure(AN_M_INSTRENGTH, instrength, 6);
    check_measure(AN_M_OUTSTRENGTH, outstrength, 6);
    check_measure(AN_M_BETWEENNESS, dir_betweenness, 6);
    check_measure(AN_M_CLOSENESS, dir_closeness, 6);
    check_measure(AN_M_HARMONIC, dir_harmonic, 6);
    check_measure(AN_M_PAGERANK, dir_pagerank, 6);
    check_measure(AN_M_EIGENVECTOR, dir_eigenvector, 6);
    check_measure(AN_M_HUB, dir_hub, 6);
    check_measure(AN_M_AUTHORITY, dir_authority, 6);
    check_measure(AN_M_CORENESS, coreness, 6);
    check_measure(AN_M_HOSTILITY_SENT, host_sent, 6);
    check_measure(AN_M_HOSTILITY_RECEIVED, host_recv, 6);
    check_measure(AN_M_COOPERATION_SENT, coop_sent, 6);
    check_measure(AN_M_COOPERATION_RECEIVED, coop_recv, 6);
}
END_TEST

START_TEST(directed_only_measures_refused)
{
    an_analysis *a;
    actnet_error err;
    igraph_vector_t res;

    zachary(0);
    ck_assert(!an_measure_applies(AN_M_INDEGREE, &g));
    ck_assert(!an_measure_applies(AN_M_HUB, &g));
    ck_assert(!an_measure_applies(AN_M_HOSTILITY_SENT, &g));
    ck_assert(an_measure_applies(AN_M_PAGERANK, &g));
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    igraph_vector_init(&res, 0);
    actnet_error_clear(&err);
    ck_assert_int_eq(an_analysis_measure(a, AN_M_AUTHORITY, NULL, &res,
                                         &err), ACTNET_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "authority"));
    ck_assert_ptr_nonnull(strstr(err.message, "directed"));
    igraph_vector_destroy(&res);
    an_analysis_destroy(a);

    /* directed but without polarity: no hostility */
    igraph_destroy(&g);
    ck_assert_int_eq(igraph_small(&g, 3, IGRAPH_DIRECTED, 0, 1, 1, 2, -1),
                     0);
    ck_assert(an_measure_applies(AN_M_HUB, &g));
    ck_assert(!an_measure_applies(AN_M_COOPERATION_RECEIVED, &g));
}
END_TEST

START_TEST(bad_weight_refused)
{
    static const double w[] = {1, 0, 2};
    an_analysis *a = NULL;
    actnet_error err;
    ck_assert_int_eq(igraph_small(&g, 4, IGRAPH_UNDIRECTED, 0, 1, 1, 2, 2, 3,
                                  -1), 0);
    have_graph = 1;
    set_weights(w, 3);
    actnet_error_clear(&err);
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_ERR_DATA);
    ck_assert_ptr_null(a);
    ck_assert_ptr_nonnull(strstr(err.message, "weight 0"));
    ck_assert_ptr_nonnull(strstr(err.message, "--min-weight"));
}
END_TEST

START_TEST(edgeless_and_empty)
{
    static const double zeros[] = {0, 0, 0};
    an_analysis *a;
    actnet_error err;
    igraph_vector_int_t memb;
    igraph_integer_t k = 0;
    double q = 0;

    ck_assert_int_eq(igraph_empty(&g, 3, IGRAPH_UNDIRECTED), 0);
    have_graph = 1;
    check_measure(AN_M_DEGREE, zeros, 3);
    check_measure(AN_M_EIGENVECTOR, zeros, 3);
    check_measure(AN_M_CLOSENESS, zeros, 3);
    check_measure(AN_M_HARMONIC, zeros, 3);
    check_measure(AN_M_BETWEENNESS, zeros, 3);
    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    igraph_vector_int_init(&memb, 0);
    ck_assert_int_eq(an_analysis_communities(a, AN_COMMUNITY_LEIDEN, 42,
                                             &memb, &k, &q, &err),
                     ACTNET_OK);
    ck_assert_int_eq(k, 3);   /* every node alone, numbered in order */
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(VECTOR(memb)[i], i);
    ck_assert(isnan(q));
    igraph_vector_int_destroy(&memb);
    an_analysis_destroy(a);

    /* no node at all */
    igraph_destroy(&g);
    ck_assert_int_eq(igraph_empty(&g, 0, IGRAPH_DIRECTED), 0);
    check_measure(AN_M_PAGERANK, zeros, 0);
    check_measure(AN_M_HUB, zeros, 0);
}
END_TEST

/* ---- communities ---------------------------------------------------------- */

/* Runs method on g twice; checks determinism, numbering and modularity;
 * returns the modularity. */
static double communities(an_community_method method, igraph_integer_t *k)
{
    an_analysis *a;
    actnet_error err;
    igraph_vector_int_t m1, m2;
    double q1, q2;
    igraph_integer_t k2;

    ck_assert_int_eq(an_analysis_create(&g, &a, &err), ACTNET_OK);
    igraph_vector_int_init(&m1, 0);
    igraph_vector_int_init(&m2, 0);
    ck_assert_int_eq(an_analysis_communities(a, method, AN_ANALYSE_SEED, &m1,
                                             k, &q1, &err), ACTNET_OK);
    /* the global RNG moves on in between; the seed resets it */
    igraph_rng_seed(igraph_rng_default(), 7);
    ck_assert_int_eq(an_analysis_communities(a, method, AN_ANALYSE_SEED, &m2,
                                             &k2, &q2, &err), ACTNET_OK);
    ck_assert(igraph_vector_int_all_e(&m1, &m2));
    ck_assert_int_eq(*k, k2);
    ck_assert_double_eq(q1, q2);
    /* the reported modularity is the partition's */
    ck_assert_double_eq_tol(q1, modularity_of(&m1), 1e-12);
    /* numbered 0..k-1 by size, largest first, ties by first node */
    igraph_integer_t n = igraph_vector_int_size(&m1);
    igraph_integer_t *size = calloc((size_t)*k, sizeof(*size));
    igraph_integer_t *first = malloc((size_t)*k * sizeof(*first));
    ck_assert(size && first);
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(m1)[v];
        ck_assert(c >= 0 && c < *k);
        if (!size[c]++)
            first[c] = v;
    }
    for (igraph_integer_t c = 1; c < *k; c++)
        ck_assert(size[c] < size[c - 1] ||
                  (size[c] == size[c - 1] && first[c] > first[c - 1]));
    free(size);
    free(first);
    igraph_vector_int_destroy(&m1);
    igraph_vector_int_destroy(&m2);
    an_analysis_destroy(a);
    return q1;
}

START_TEST(zachary_communities)
{
    igraph_integer_t k;
    zachary(0);
    /* 0.4198 is the best modularity of the club (Brandes et al. 2008);
     * Leiden finds it, in four communities */
    double q = communities(AN_COMMUNITY_LEIDEN, &k);
    ck_assert_double_eq_tol(q, 0.4198, 1e-4);
    ck_assert_int_eq(k, 4);
    /* Louvain, with this seed, stops a little lower */
    q = communities(AN_COMMUNITY_LOUVAIN, &k);
    ck_assert_msg(q > 0.41 && q <= 0.41979, "louvain modularity %g", q);
}
END_TEST

START_TEST(zachary_weighted_communities)
{
    igraph_integer_t k;
    zachary(1);
    double ql = communities(AN_COMMUNITY_LEIDEN, &k);
    double qv = communities(AN_COMMUNITY_LOUVAIN, &k);
    ck_assert_msg(ql > 0.45 && qv > 0.45, "leiden %g, louvain %g", ql, qv);
}
END_TEST

START_TEST(directed_communities_use_undirected_view)
{
    igraph_integer_t k;
    directed_graph();
    /* {0, 1, 2, 5} and {3, 4}: modularity computed on the undirected view
     * by an_analysis_communities equals the weighted modularity of the
     * collapsed graph */
    double q = communities(AN_COMMUNITY_LEIDEN, &k);
    ck_assert_int_eq(k, 2);
    ck_assert(q > 0.2);
}
END_TEST

/* ---- an_analyse ----------------------------------------------------------- */

START_TEST(analyse_sets_attributes)
{
    an_analyse_options o;
    an_analyse_report rep;
    actnet_error err;

    zachary(1);
    an_analyse_options_init(&o);
    o.measures = AN_MEASURES_ALL;
    o.community = AN_COMMUNITY_LEIDEN;
    actnet_error_clear(&err);
    ck_assert_int_eq(an_analyse(&g, &o, &rep, &err), ACTNET_OK);
    /* the directed measures do not apply to an undirected graph */
    ck_assert(rep.skipped & AN_MEASURE_BIT(AN_M_HUB));
    ck_assert(rep.skipped & AN_MEASURE_BIT(AN_M_INDEGREE));
    ck_assert(rep.computed & AN_MEASURE_BIT(AN_M_PAGERANK));
    ck_assert_uint_eq(rep.computed | rep.skipped, AN_MEASURES_ALL);
    ck_assert_double_eq(rep.paths.cutoff, 0);
    ck_assert_int_eq(rep.paths.sources, 0);
    ck_assert_int_eq(rep.communities, 4);
    ck_assert(rep.modularity > 0.45);
    ck_assert(igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_VERTEX,
                                         "pagerank"));
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_VERTEX, "hub"));
    ck_assert_double_eq_tol(VAN(&g, "pagerank", 0), zachw_pagerank[0], 1e-9);
    ck_assert_double_eq_tol(VAN(&g, "betweenness", 33),
                            zachw_betweenness[33], 1e-9);
    ck_assert_double_eq(VAN(&g, "coreness", 11), 1);
    ck_assert(VAN(&g, "community", 0) >= 0);
    ck_assert_str_eq(GAS(&g, "communities"), "leiden");
    ck_assert_double_eq(GAN(&g, "modularity"), rep.modularity);
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_GRAPH,
                                          "path_cutoff"));

    /* again with a cutoff: values replaced, the cutoff recorded */
    o.measures = AN_MEASURE_BIT(AN_M_BETWEENNESS);
    o.community = AN_COMMUNITY_NONE;
    o.cutoff = 0.5;
    ck_assert_int_eq(an_analyse(&g, &o, &rep, &err), ACTNET_OK);
    ck_assert_double_eq(rep.paths.cutoff, 0.5);
    ck_assert_double_eq(GAN(&g, "path_cutoff"), 0.5);
    ck_assert(VAN(&g, "betweenness", 33) < zachw_betweenness[33]);

    /* and from a sample of sources: recorded instead of the cutoff */
    o.cutoff = 0;
    o.sample = 20;
    ck_assert_int_eq(an_analyse(&g, &o, &rep, &err), ACTNET_OK);
    ck_assert_int_eq(rep.paths.sources, 20);
    ck_assert_double_eq(GAN(&g, "path_sources"), 20);
    ck_assert(!igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_GRAPH,
                                          "path_cutoff"));
}
END_TEST

START_TEST(analyse_replaces_string_attribute)
{
    /* a GraphML from elsewhere may carry "degree" as text */
    an_analyse_options o;
    actnet_error err;
    ck_assert_int_eq(igraph_ring(&g, 4, IGRAPH_UNDIRECTED, 0, 0), 0);
    have_graph = 1;
    for (int v = 0; v < 4; v++)
        ck_assert_int_eq(SETVAS(&g, "degree", v, "many"), 0);
    an_analyse_options_init(&o);
    o.measures = AN_MEASURE_BIT(AN_M_DEGREE);
    ck_assert_int_eq(an_analyse(&g, &o, NULL, &err), ACTNET_OK);
    ck_assert_double_eq(VAN(&g, "degree", 2), 2);
}
END_TEST

START_TEST(analyse_directed_polarity)
{
    an_analyse_options o;
    an_analyse_report rep;
    actnet_error err;
    directed_graph();
    an_analyse_options_init(&o);
    o.measures = AN_MEASURES_ALL;
    o.community = AN_COMMUNITY_LOUVAIN;
    ck_assert_int_eq(an_analyse(&g, &o, &rep, &err), ACTNET_OK);
    ck_assert_uint_eq(rep.computed, AN_MEASURES_ALL);
    ck_assert_uint_eq(rep.skipped, 0);
    ck_assert_double_eq(VAN(&g, "hostility_received", 0), 4);
    ck_assert_double_eq(VAN(&g, "authority", 0), 1);
    ck_assert_str_eq(GAS(&g, "communities"), "louvain");
}
END_TEST

static Suite *analyse_suite(void)
{
    Suite *s = suite_create("analyse");
    TCase *tc = tcase_create("analyse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, measure_names);
    tcase_add_test(tc, star_by_hand);
    tcase_add_test(tc, path_by_hand);
    tcase_add_test(tc, path_cutoff);
    tcase_add_test(tc, sampled_complete_graph_is_exact);
    tcase_add_test(tc, sampled_star);
    tcase_add_test(tc, sampled_zachary_ranks_alike);
    tcase_add_test(tc, zachary_unweighted);
    tcase_add_test(tc, zachary_weighted);
    tcase_add_test(tc, directed_measures);
    tcase_add_test(tc, directed_only_measures_refused);
    tcase_add_test(tc, bad_weight_refused);
    tcase_add_test(tc, edgeless_and_empty);
    tcase_add_test(tc, zachary_communities);
    tcase_add_test(tc, zachary_weighted_communities);
    tcase_add_test(tc, directed_communities_use_undirected_view);
    tcase_add_test(tc, analyse_sets_attributes);
    tcase_add_test(tc, analyse_replaces_string_attribute);
    tcase_add_test(tc, analyse_directed_polarity);
    tcase_add_test(tc, pagerank_same_bits_every_time);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(analyse_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
