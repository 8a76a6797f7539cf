/*
 * analyse.c — centralities and communities with igraph: the simple
 * undirected and directed views of a graph (parallel edges merged,
 * weights summed, self-loops dropped), each measure computed on the view
 * analyse.h names, and the results stored as vertex attributes.
 */
#include "net/analyse.h"

#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "net/table.h"

/*
 * igraph's PRPACK PageRank sums in OpenMP loops when igraph is built with
 * OpenMP (Debian's is), and the order of those sums changes from run to
 * run, so the last digits of PageRank did too.  One OpenMP thread makes
 * every run give the same bytes.  The setting is looked up at run time in
 * the OpenMP runtime igraph loaded (libgomp for Debian's igraph): linking
 * our own would, under clang, bring in a second runtime (libomp) whose
 * setting igraph never reads.  Applies to the calling thread, which is
 * the one that then calls igraph; nothing happens without OpenMP.
 */
static void igraph_one_omp_thread(void)
{
    void *self = dlopen(NULL, RTLD_LAZY);
    if (!self)
        return;
    void *sym = dlsym(self, "omp_set_num_threads");
    if (sym) {
        void (*set)(int);
        memcpy(&set, &sym, sizeof(set));
        set(1);
    }
    dlclose(self);
}

/* ---- the measures ---------------------------------------------------- */

enum {
    F_DIRECTED = 1,     /* needs a directed graph */
    F_POLARITY = 2,     /* needs a numeric edge attribute "polarity" */
    F_COUNT = 4,        /* whole numbers for whole weights */
    F_PATHS = 8         /* shortest paths from every node */
};

static const struct {
    const char *name;
    unsigned flags;
    const char *help;
} measure_info[AN_M_COUNT] = {
    [AN_M_DEGREE] = {"degree", F_COUNT, "number of distinct neighbours"},
    [AN_M_STRENGTH] = {"strength", F_COUNT,
                       "weighted degree: sum of edge weights"},
    [AN_M_INDEGREE] = {"indegree", F_DIRECTED | F_COUNT,
                       "distinct nodes acting on it"},
    [AN_M_OUTDEGREE] = {"outdegree", F_DIRECTED | F_COUNT,
                        "distinct nodes it acts on"},
    [AN_M_INSTRENGTH] = {"instrength", F_DIRECTED | F_COUNT,
                         "sum of incoming edge weights"},
    [AN_M_OUTSTRENGTH] = {"outstrength", F_DIRECTED | F_COUNT,
                          "sum of outgoing edge weights"},
    [AN_M_BETWEENNESS] = {"betweenness", F_PATHS,
                          "shortest paths through it (length 1/weight)"},
    [AN_M_CLOSENESS] = {"closeness", F_PATHS,
                        "inverse mean distance, Wasserman-Faust"},
    [AN_M_HARMONIC] = {"harmonic", F_PATHS,
                       "mean inverse distance to the other nodes"},
    [AN_M_PAGERANK] = {"pagerank", 0, "weighted PageRank, damping 0.85"},
    [AN_M_EIGENVECTOR] = {"eigenvector", 0,
                          "eigenvector centrality (undirected), max 1"},
    [AN_M_HUB] = {"hub", F_DIRECTED, "HITS hub score, max 1"},
    [AN_M_AUTHORITY] = {"authority", F_DIRECTED,
                        "HITS authority score, max 1"},
    [AN_M_CORENESS] = {"coreness", F_COUNT, "k-core number"},
    [AN_M_HOSTILITY_SENT] = {"hostility_sent",
                             F_DIRECTED | F_POLARITY | F_COUNT,
                             "weight of its hostile acts"},
    [AN_M_HOSTILITY_RECEIVED] = {"hostility_received",
                                 F_DIRECTED | F_POLARITY | F_COUNT,
                                 "weight of hostile acts on it"},
    [AN_M_COOPERATION_SENT] = {"cooperation_sent",
                               F_DIRECTED | F_POLARITY | F_COUNT,
                               "weight of its cooperative acts"},
    [AN_M_COOPERATION_RECEIVED] = {"cooperation_received",
                                   F_DIRECTED | F_POLARITY | F_COUNT,
                                   "weight of cooperative acts on it"},
};

const char *an_measure_name(an_measure m)
{
    return (unsigned)m < AN_M_COUNT ? measure_info[m].name : "unknown";
}

const char *an_measure_help(an_measure m)
{
    return (unsigned)m < AN_M_COUNT ? measure_info[m].help : "";
}

int an_measure_parse(const char *name, an_measure *m)
{
    for (int i = 0; i < AN_M_COUNT; i++)
        if (!strcmp(name, measure_info[i].name)) {
            *m = (an_measure)i;
            return 0;
        }
    return -1;
}

int an_measure_parse_list(const char *list, uint32_t *mask,
                          const char **bad)
{
    uint32_t out = 0;
    const char *p = list;
    char name[64];
    for (;;) {
        size_t len = strcspn(p, ",");
        const char *start = p;
        while (len && *start == ' ') {
            start++;
            len--;
        }
        while (len && start[len - 1] == ' ')
            len--;
        an_measure m;
        if (len == 3 && !strncmp(start, "all", 3)) {
            out |= AN_MEASURES_ALL;
        } else if (len == 0 || len >= sizeof(name)) {
            goto bad_name;
        } else {
            memcpy(name, start, len);
            name[len] = '\0';
            if (an_measure_parse(name, &m))
                goto bad_name;
            out |= AN_MEASURE_BIT(m);
        }
        p += strcspn(p, ",");
        if (!*p)
            break;
        p++;
        continue;
    bad_name:
        if (bad)
            *bad = start;
        return -1;
    }
    *mask = out;
    return 0;
}

int an_measure_is_count(an_measure m)
{
    return (unsigned)m < AN_M_COUNT && (measure_info[m].flags & F_COUNT);
}

int an_measure_uses_paths(an_measure m)
{
    return (unsigned)m < AN_M_COUNT && (measure_info[m].flags & F_PATHS);
}

int an_measure_applies(an_measure m, const igraph_t *g)
{
    if ((unsigned)m >= AN_M_COUNT)
        return 0;
    unsigned f = measure_info[m].flags;
    if ((f & F_DIRECTED) && !igraph_is_directed(g))
        return 0;
    if ((f & F_POLARITY) &&
        an_attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "polarity") !=
            IGRAPH_ATTRIBUTE_NUMERIC)
        return 0;
    return 1;
}

int an_community_parse(const char *name, an_community_method *m)
{
    if (!strcmp(name, "leiden"))
        *m = AN_COMMUNITY_LEIDEN;
    else if (!strcmp(name, "louvain"))
        *m = AN_COMMUNITY_LOUVAIN;
    else if (!strcmp(name, "none"))
        *m = AN_COMMUNITY_NONE;
    else
        return -1;
    return 0;
}

const char *an_community_name(an_community_method m)
{
    switch (m) {
    case AN_COMMUNITY_LEIDEN: return "leiden";
    case AN_COMMUNITY_LOUVAIN: return "louvain";
    case AN_COMMUNITY_NONE: break;
    }
    return "none";
}

/* ---- the views ---------------------------------------------------------- */

/* One view: a simple graph, its weights and its lengths (1 / weight). */
typedef struct an_view {
    igraph_t g;
    igraph_vector_t w, d;
    int ready;
} an_view;

struct an_analysis {
    const igraph_t *g;
    igraph_vector_t gw;         /* weights of g's edges */
    an_view und;                /* undirected view */
    an_view dir;                /* directed view (directed graphs only) */
    /* sampled closeness and harmonic come from one pass; the other one
     * is kept for the next call with the same sample */
    igraph_vector_t est_closeness, est_harmonic;
    igraph_integer_t est_sources;   /* 0: nothing kept */
    unsigned long est_seed;
};

/* An edge of a view while it is built: (from, to) packed, weight. */
typedef struct an_pair {
    uint64_t key;
    double w;
} an_pair;

static int pair_cmp(const void *pa, const void *pb)
{
    const an_pair *a = pa, *b = pb;
    return a->key < b->key ? -1 : a->key > b->key;
}

static void view_free(an_view *v)
{
    if (!v->ready)
        return;
    igraph_destroy(&v->g);
    igraph_vector_destroy(&v->w);
    igraph_vector_destroy(&v->d);
    v->ready = 0;
}

/*
 * Builds the simple view of g with weights gw: loops dropped, parallel
 * edges (and, when !directed, opposite ones) merged with their weights
 * summed; edges in (from, to) order.  0 / -1 (memory).
 */
static int view_build(an_view *v, const igraph_t *g,
                      const igraph_vector_t *gw, int directed)
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    an_pair *pairs = malloc((m ? (size_t)m : 1) * sizeof(*pairs));
    igraph_vector_int_t edges;
    size_t k = 0, d = 0;
    int rc = -1, have_edges = 0, have_g = 0;

    memset(v, 0, sizeof(*v));
    if (!pairs)
        return -1;
    for (igraph_integer_t e = 0; e < m; e++) {
        uint64_t a = (uint64_t)IGRAPH_FROM(g, e), b = (uint64_t)IGRAPH_TO(g, e);
        if (a == b)
            continue;
        if (!directed && a > b) {
            uint64_t t = a;
            a = b;
            b = t;
        }
        pairs[k].key = a * (uint64_t)n + b;
        pairs[k].w = VECTOR(*gw)[e];
        k++;
    }
    qsort(pairs, k, sizeof(*pairs), pair_cmp);
    for (size_t i = 0; i < k; i++) {
        if (d && pairs[d - 1].key == pairs[i].key)
            pairs[d - 1].w += pairs[i].w;
        else
            pairs[d++] = pairs[i];
    }
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * d)))
        goto out;
    have_edges = 1;
    for (size_t i = 0; i < d; i++) {
        VECTOR(edges)[2 * i] = (igraph_integer_t)(pairs[i].key / (uint64_t)n);
        VECTOR(edges)[2 * i + 1] =
            (igraph_integer_t)(pairs[i].key % (uint64_t)n);
    }
    if (igraph_create(&v->g, &edges, n, directed ? IGRAPH_DIRECTED
                                                 : IGRAPH_UNDIRECTED))
        goto out;
    have_g = 1;
    if (igraph_vector_init(&v->w, (igraph_integer_t)d))
        goto out;
    if (igraph_vector_init(&v->d, (igraph_integer_t)d)) {
        igraph_vector_destroy(&v->w);
        goto out;
    }
    for (size_t i = 0; i < d; i++) {
        VECTOR(v->w)[i] = pairs[i].w;
        VECTOR(v->d)[i] = 1.0 / pairs[i].w;
    }
    v->ready = 1;
    rc = 0;
out:
    if (rc && have_g)
        igraph_destroy(&v->g);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    free(pairs);
    return rc;
}

/* Reads the weights of g into gw (1 when there is no numeric "weight"
 * attribute) and checks them. */
static actnet_status read_weights(const igraph_t *g, igraph_vector_t *gw,
                                  actnet_error *err)
{
    igraph_integer_t m = igraph_ecount(g);
    if (an_attr_type(g, IGRAPH_ATTRIBUTE_EDGE, "weight") ==
        IGRAPH_ATTRIBUTE_NUMERIC) {
        if (igraph_cattribute_EANV(g, "weight",
                                   igraph_ess_all(IGRAPH_EDGEORDER_ID), gw))
            goto nomem;
    } else {
        if (igraph_vector_resize(gw, m))
            goto nomem;
        igraph_vector_fill(gw, 1.0);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        double w = VECTOR(*gw)[e];
        if (isfinite(w) && w > 0)
            continue;
        an_error_set(err, "", 0, 0, "edge %lld (between nodes %lld and "
                     "%lld) has weight %g; the measures need weights "
                     "greater than 0 (drop such edges first, e.g. with "
                     "--min-weight)", (long long)e,
                     (long long)IGRAPH_FROM(g, e), (long long)IGRAPH_TO(g, e),
                     w);
        return ACTNET_ERR_DATA;
    }
    return ACTNET_OK;
nomem:
    an_error_set(err, "", 0, 0, "analysing the graph: out of memory");
    return ACTNET_ERR_NOMEM;
}

actnet_status an_analysis_create(const igraph_t *g, an_analysis **out,
                                 actnet_error *err)
{
    an_analysis *a = calloc(1, sizeof(*a));
    actnet_status st = ACTNET_ERR_NOMEM;

    *out = NULL;
    if (!a)
        goto out;
    a->g = g;
    if (igraph_vector_init(&a->gw, 0)) {
        free(a);
        a = NULL;
        goto out;
    }
    if (igraph_vector_init(&a->est_closeness, 0) ||
        igraph_vector_init(&a->est_harmonic, 0))
        goto out;
    st = read_weights(g, &a->gw, err);
    if (st != ACTNET_OK)
        goto out;
    st = ACTNET_ERR_NOMEM;
    if (view_build(&a->und, g, &a->gw, 0))
        goto out;
    if (igraph_is_directed(g) && view_build(&a->dir, g, &a->gw, 1))
        goto out;
    *out = a;
    a = NULL;
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "analysing the graph: out of memory");
    an_analysis_destroy(a);
    return st;
}

void an_analysis_destroy(an_analysis *a)
{
    if (!a)
        return;
    view_free(&a->und);
    view_free(&a->dir);
    igraph_vector_destroy(&a->gw);
    if (a->est_closeness.stor_begin)
        igraph_vector_destroy(&a->est_closeness);
    if (a->est_harmonic.stor_begin)
        igraph_vector_destroy(&a->est_harmonic);
    free(a);
}

void an_analysis_path_mode(const an_analysis *a, double cutoff, long sample,
                           unsigned long seed, an_path_mode *mode)
{
    double n = (double)igraph_vcount(a->g), m = (double)igraph_ecount(a->g);
    memset(mode, 0, sizeof(*mode));
    mode->seed = seed;
    if (cutoff > 0) {
        mode->cutoff = cutoff;
        return;
    }
    if (sample < 0 && n * m > AN_PATH_WORK) {
        double k = floor(AN_PATH_WORK / m);
        sample = k < AN_PATH_MIN_SOURCES ? AN_PATH_MIN_SOURCES : (long)k;
    }
    if (sample > 0 && (double)sample < n)
        mode->sources = sample;
}

/* ---- one measure ---------------------------------------------------------- */

/* Copies an integer vector into res. */
static igraph_error_t int_to_real(const igraph_vector_int_t *iv,
                                  igraph_vector_t *res)
{
    igraph_integer_t n = igraph_vector_int_size(iv);
    IGRAPH_CHECK(igraph_vector_resize(res, n));
    for (igraph_integer_t i = 0; i < n; i++)
        VECTOR(*res)[i] = (double)VECTOR(*iv)[i];
    return IGRAPH_SUCCESS;
}

static igraph_error_t degree_of(const igraph_t *g, igraph_neimode_t mode,
                                igraph_vector_t *res)
{
    igraph_vector_int_t deg;
    igraph_error_t rc;
    IGRAPH_CHECK(igraph_vector_int_init(&deg, 0));
    rc = igraph_degree(g, &deg, igraph_vss_all(), mode, 0);
    if (!rc)
        rc = int_to_real(&deg, res);
    igraph_vector_int_destroy(&deg);
    return rc;
}

static igraph_error_t coreness_of(const igraph_t *g, igraph_vector_t *res)
{
    igraph_vector_int_t cores;
    igraph_error_t rc;
    IGRAPH_CHECK(igraph_vector_int_init(&cores, 0));
    rc = igraph_coreness(g, &cores, IGRAPH_ALL);
    if (!rc)
        rc = int_to_real(&cores, res);
    igraph_vector_int_destroy(&cores);
    return rc;
}

/* Wasserman-Faust closeness: r^2 / ((n - 1) * sum of distances), from
 * igraph's unnormalised closeness (1 / sum) and reachable counts. */
static igraph_error_t closeness_of(const an_view *v, igraph_neimode_t mode,
                                   double cutoff, igraph_vector_t *res)
{
    igraph_vector_int_t reach;
    igraph_integer_t n = igraph_vcount(&v->g);
    igraph_error_t rc;
    IGRAPH_CHECK(igraph_vector_int_init(&reach, 0));
    if (cutoff > 0)
        rc = igraph_closeness_cutoff(&v->g, res, &reach, NULL,
                                     igraph_vss_all(), mode, &v->d, 0,
                                     cutoff);
    else
        rc = igraph_closeness(&v->g, res, &reach, NULL, igraph_vss_all(),
                              mode, &v->d, 0);
    for (igraph_integer_t i = 0; !rc && i < n; i++) {
        double r = (double)VECTOR(reach)[i];
        double c = VECTOR(*res)[i];
        VECTOR(*res)[i] = r > 0 && isfinite(c) ? r * r / (double)(n - 1) * c
                                               : 0;
    }
    igraph_vector_int_destroy(&reach);
    return rc;
}

static igraph_error_t harmonic_of(const an_view *v, igraph_neimode_t mode,
                                  double cutoff, igraph_vector_t *res)
{
    if (igraph_vcount(&v->g) < 2) {
        IGRAPH_CHECK(igraph_vector_resize(res, igraph_vcount(&v->g)));
        igraph_vector_null(res);
        return IGRAPH_SUCCESS;
    }
    if (cutoff > 0)
        return igraph_harmonic_centrality_cutoff(&v->g, res, igraph_vss_all(),
                                                 mode, &v->d, 1, cutoff);
    return igraph_harmonic_centrality(&v->g, res, igraph_vss_all(), mode,
                                      &v->d, 1);
}

/* The sampled sources of mode: sources distinct nodes, sorted. */
static igraph_error_t sample_sources(const an_view *v,
                                     const an_path_mode *mode,
                                     igraph_vector_int_t *src)
{
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)mode->seed);
    return igraph_random_sample(src, 0, igraph_vcount(&v->g) - 1,
                                mode->sources);
}

static igraph_error_t betweenness_of(const an_view *v,
                                     const an_path_mode *mode,
                                     igraph_vector_t *res)
{
    igraph_vector_int_t src;
    igraph_error_t rc;
    if (mode->cutoff > 0)
        return igraph_betweenness_cutoff(&v->g, res, igraph_vss_all(), 1,
                                         &v->d, mode->cutoff);
    if (mode->sources <= 0)
        return igraph_betweenness(&v->g, res, igraph_vss_all(), 1, &v->d);
    IGRAPH_CHECK(igraph_vector_int_init(&src, 0));
    rc = sample_sources(v, mode, &src);
    if (!rc)
        rc = igraph_betweenness_subset(&v->g, res, igraph_vss_all(), 1,
                                       igraph_vss_vector(&src),
                                       igraph_vss_all(), &v->d);
    if (!rc)
        igraph_vector_scale(res, (double)igraph_vcount(&v->g) /
                                     (double)mode->sources);
    igraph_vector_int_destroy(&src);
    return rc;
}

#define AN_SAMPLE_BATCH 16

/* Adds the distances from a batch of sampled nodes into the sums. */
static igraph_error_t add_batch(const an_view *v, igraph_neimode_t mode,
                                const igraph_integer_t *batch,
                                igraph_integer_t cnt, igraph_matrix_t *dist,
                                double *sum, double *reached, double *inv)
{
    igraph_vector_int_t part;
    igraph_integer_t n = igraph_vcount(&v->g);
    igraph_vector_int_view(&part, batch, cnt);
    /* rows: the sampled nodes p; column u: the distance from u to p
     * (paths followed backwards from p when directed) */
    IGRAPH_CHECK(igraph_distances_dijkstra(&v->g, dist,
                                           igraph_vss_vector(&part),
                                           igraph_vss_all(), &v->d,
                                           mode == IGRAPH_OUT ? IGRAPH_IN
                                                              : IGRAPH_ALL));
    for (igraph_integer_t u = 0; u < n; u++)
        for (igraph_integer_t i = 0; i < cnt; i++) {
            double d = MATRIX(*dist, i, u);
            if (batch[i] == u || !isfinite(d) || d <= 0)
                continue;
            sum[u] += d;
            reached[u] += 1;
            inv[u] += 1.0 / d;
        }
    return IGRAPH_SUCCESS;
}

/* Sampled closeness and harmonic (analyse.h) into a->est_*. */
static igraph_error_t sampled_closeness(an_analysis *a, const an_view *v,
                                        igraph_neimode_t mode,
                                        const an_path_mode *pm)
{
    igraph_integer_t n = igraph_vcount(&v->g), k;
    igraph_vector_int_t src;
    igraph_matrix_t dist;
    double *sum = calloc((size_t)n, sizeof(double));
    double *reached = calloc((size_t)n, sizeof(double));
    double *inv = calloc((size_t)n, sizeof(double));
    char *is_src = calloc((size_t)n, 1);
    igraph_error_t rc = IGRAPH_ENOMEM;
    int have_src = 0, have_dist = 0;

    a->est_sources = 0;
    if (!sum || !reached || !inv || !is_src)
        goto out;
    if ((rc = igraph_vector_int_init(&src, 0)))
        goto out;
    have_src = 1;
    if ((rc = igraph_matrix_init(&dist, 0, 0)))
        goto out;
    have_dist = 1;
    if ((rc = sample_sources(v, pm, &src)))
        goto out;
    k = igraph_vector_int_size(&src);
    for (igraph_integer_t i = 0; i < k; i++)
        is_src[VECTOR(src)[i]] = 1;
    for (igraph_integer_t b = 0; b < k; b += AN_SAMPLE_BATCH) {
        igraph_integer_t cnt = k - b < AN_SAMPLE_BATCH ? k - b
                                                       : AN_SAMPLE_BATCH;
        if ((rc = add_batch(v, mode, VECTOR(src) + b, cnt, &dist, sum,
                            reached, inv)))
            goto out;
    }
    if ((rc = igraph_vector_resize(&a->est_closeness, n)) ||
        (rc = igraph_vector_resize(&a->est_harmonic, n)))
        goto out;
    for (igraph_integer_t u = 0; u < n; u++) {
        double others = (double)(k - is_src[u]);
        VECTOR(a->est_closeness)[u] =
            others > 0 && sum[u] > 0
                ? reached[u] * reached[u] / (others * sum[u]) : 0;
        VECTOR(a->est_harmonic)[u] = others > 0 ? inv[u] / others : 0;
    }
    a->est_sources = pm->sources;
    a->est_seed = pm->seed;
    rc = IGRAPH_SUCCESS;
out:
    if (have_dist)
        igraph_matrix_destroy(&dist);
    if (have_src)
        igraph_vector_int_destroy(&src);
    free(sum);
    free(reached);
    free(inv);
    free(is_src);
    return rc;
}

/* Closeness or harmonic from a sample, computed once for both. */
static igraph_error_t sampled(an_analysis *a, const an_view *v,
                              igraph_neimode_t mode, const an_path_mode *pm,
                              int harmonic, igraph_vector_t *res)
{
    if (a->est_sources != pm->sources || a->est_seed != pm->seed)
        IGRAPH_CHECK(sampled_closeness(a, v, mode, pm));
    return igraph_vector_update(res, harmonic ? &a->est_harmonic
                                              : &a->est_closeness);
}

/* Sets values within rounding noise of 0 (|x| < 1e-12 on a scale whose
 * maximum is 1) to 0, so that unrelated nodes tie at 0. */
static void zero_noise(igraph_vector_t *res)
{
    for (igraph_integer_t i = 0; i < igraph_vector_size(res); i++)
        if (fabs(VECTOR(*res)[i]) < 1e-12)
            VECTOR(*res)[i] = 0;
}

/* Zeros when the view has no edge (igraph would give all ones). */
static int no_edges(const an_view *v, igraph_vector_t *res,
                    igraph_error_t *rc)
{
    if (igraph_ecount(&v->g) > 0)
        return 0;
    *rc = igraph_vector_resize(res, igraph_vcount(&v->g));
    igraph_vector_null(res);
    return 1;
}

static igraph_error_t eigenvector_of(const an_view *v, igraph_vector_t *res)
{
    igraph_real_t value;
    igraph_error_t rc;
    if (no_edges(v, res, &rc))
        return rc;
    IGRAPH_CHECK(igraph_eigenvector_centrality(&v->g, res, &value, 0, 1,
                                               &v->w, NULL));
    zero_noise(res);
    return IGRAPH_SUCCESS;
}

static igraph_error_t hits_of(const an_view *v, int hub, igraph_vector_t *res)
{
    igraph_vector_t other;
    igraph_real_t value;
    igraph_error_t rc;
    if (no_edges(v, res, &rc))
        return rc;
    IGRAPH_CHECK(igraph_vector_init(&other, 0));
    rc = igraph_hub_and_authority_scores(&v->g, hub ? res : &other,
                                         hub ? &other : res, &value, 1,
                                         &v->w, NULL);
    igraph_vector_destroy(&other);
    zero_noise(res);
    return rc;
}

/* Sums of weight by polarity sign (sign < 0 hostile, > 0 cooperative)
 * over outgoing (sent) or incoming edges of g. */
static igraph_error_t polarity_sums(const an_analysis *a, int sign, int sent,
                                    igraph_vector_t *res)
{
    const igraph_t *g = a->g;
    igraph_integer_t m = igraph_ecount(g);
    igraph_vector_t pol;
    igraph_error_t rc;
    IGRAPH_CHECK(igraph_vector_resize(res, igraph_vcount(g)));
    igraph_vector_null(res);
    IGRAPH_CHECK(igraph_vector_init(&pol, 0));
    rc = igraph_cattribute_EANV(g, "polarity",
                                igraph_ess_all(IGRAPH_EDGEORDER_ID), &pol);
    for (igraph_integer_t e = 0; !rc && e < m; e++) {
        igraph_integer_t from = IGRAPH_FROM(g, e), to = IGRAPH_TO(g, e);
        double p = VECTOR(pol)[e];
        if (from == to || !((sign < 0 && p < 0) || (sign > 0 && p > 0)))
            continue;
        VECTOR(*res)[sent ? from : to] += VECTOR(a->gw)[e];
    }
    igraph_vector_destroy(&pol);
    return rc;
}

actnet_status an_analysis_measure(an_analysis *a, an_measure m,
                                  const an_path_mode *pm,
                                  igraph_vector_t *res, actnet_error *err)
{
    const an_view *und = &a->und;
    const an_view *paths = a->dir.ready ? &a->dir : &a->und;
    igraph_neimode_t mode = a->dir.ready ? IGRAPH_OUT : IGRAPH_ALL;
    igraph_integer_t n = igraph_vcount(a->g);
    igraph_real_t value;
    igraph_error_t rc = IGRAPH_SUCCESS;
    an_path_mode exact;

    if (!an_measure_applies(m, a->g)) {
        an_error_set(err, "", 0, 0, "%s is not defined for this network: "
                     "it needs a directed network%s (the acts-on network)",
                     an_measure_name(m),
                     measure_info[m].flags & F_POLARITY
                         ? " whose edges carry a polarity"
                         : "");
        return ACTNET_ERR_USAGE;
    }
    if (!pm) {
        memset(&exact, 0, sizeof(exact));
        pm = &exact;
    }
    if (n == 0)
        return igraph_vector_resize(res, 0) ? ACTNET_ERR_NOMEM : ACTNET_OK;
    switch (m) {
    case AN_M_DEGREE:
        rc = degree_of(&und->g, IGRAPH_ALL, res);
        break;
    case AN_M_STRENGTH:
        rc = igraph_strength(&und->g, res, igraph_vss_all(), IGRAPH_ALL, 0,
                             &und->w);
        break;
    case AN_M_INDEGREE:
    case AN_M_OUTDEGREE:
        rc = degree_of(&a->dir.g, m == AN_M_INDEGREE ? IGRAPH_IN : IGRAPH_OUT,
                       res);
        break;
    case AN_M_INSTRENGTH:
    case AN_M_OUTSTRENGTH:
        rc = igraph_strength(&a->dir.g, res, igraph_vss_all(),
                             m == AN_M_INSTRENGTH ? IGRAPH_IN : IGRAPH_OUT,
                             0, &a->dir.w);
        break;
    case AN_M_BETWEENNESS:
        rc = betweenness_of(paths, pm, res);
        break;
    case AN_M_CLOSENESS:
    case AN_M_HARMONIC:
        if (pm->sources > 0 && pm->cutoff <= 0)
            rc = sampled(a, paths, mode, pm, m == AN_M_HARMONIC, res);
        else if (m == AN_M_CLOSENESS)
            rc = closeness_of(paths, mode, pm->cutoff, res);
        else
            rc = harmonic_of(paths, mode, pm->cutoff, res);
        break;
    case AN_M_PAGERANK:
        igraph_one_omp_thread();
        rc = igraph_pagerank(&paths->g, IGRAPH_PAGERANK_ALGO_PRPACK, res,
                             &value, igraph_vss_all(), 1, 0.85, &paths->w,
                             NULL);
        break;
    case AN_M_EIGENVECTOR:
        rc = eigenvector_of(und, res);
        break;
    case AN_M_HUB:
    case AN_M_AUTHORITY:
        rc = hits_of(&a->dir, m == AN_M_HUB, res);
        break;
    case AN_M_CORENESS:
        rc = coreness_of(&und->g, res);
        break;
    case AN_M_HOSTILITY_SENT:
    case AN_M_HOSTILITY_RECEIVED:
        rc = polarity_sums(a, -1, m == AN_M_HOSTILITY_SENT, res);
        break;
    case AN_M_COOPERATION_SENT:
    case AN_M_COOPERATION_RECEIVED:
        rc = polarity_sums(a, 1, m == AN_M_COOPERATION_SENT, res);
        break;
    case AN_M_COUNT:
        break;
    }
    if (rc == IGRAPH_SUCCESS)
        return ACTNET_OK;
    if (rc == IGRAPH_ENOMEM) {
        an_error_set(err, "", 0, 0, "computing %s: out of memory",
                     an_measure_name(m));
        return ACTNET_ERR_NOMEM;
    }
    an_error_set(err, "", 0, 0, "computing %s: igraph failed: %s",
                 an_measure_name(m), igraph_strerror(rc));
    return ACTNET_ERR_DATA;
}

/* ---- communities --------------------------------------------------------- */

typedef struct an_comm {
    igraph_integer_t size, first, id;
} an_comm;

static int comm_cmp(const void *pa, const void *pb)
{
    const an_comm *a = pa, *b = pb;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Renumbers membership: largest community 0, ties by first node.
 * Returns the number of communities, or -1 (memory). */
static igraph_integer_t renumber(igraph_vector_int_t *memb)
{
    igraph_integer_t n = igraph_vector_int_size(memb), k = 0;
    an_comm *c;
    igraph_integer_t *map;
    for (igraph_integer_t v = 0; v < n; v++)
        if (VECTOR(*memb)[v] + 1 > k)
            k = VECTOR(*memb)[v] + 1;
    c = calloc(k ? (size_t)k : 1, sizeof(*c));
    map = malloc((k ? (size_t)k : 1) * sizeof(*map));
    if (!c || !map) {
        free(c);
        free(map);
        return -1;
    }
    for (igraph_integer_t i = 0; i < k; i++) {
        c[i].id = i;
        c[i].first = n;
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        an_comm *x = &c[VECTOR(*memb)[v]];
        if (!x->size++)
            x->first = v;
    }
    qsort(c, (size_t)k, sizeof(*c), comm_cmp);
    igraph_integer_t used = 0;
    for (igraph_integer_t i = 0; i < k; i++)
        if (c[i].size)
            map[c[i].id] = used++;
    for (igraph_integer_t v = 0; v < n; v++)
        VECTOR(*memb)[v] = map[VECTOR(*memb)[v]];
    free(c);
    free(map);
    return used;
}

static igraph_error_t leiden(const an_view *v, igraph_vector_int_t *memb)
{
    igraph_vector_t nodew;
    igraph_integer_t nb;
    igraph_real_t quality;
    igraph_error_t rc;
    IGRAPH_CHECK(igraph_vector_init(&nodew, 0));
    rc = igraph_strength(&v->g, &nodew, igraph_vss_all(), IGRAPH_ALL, 0,
                         &v->w);
    if (!rc) {
        double total = igraph_vector_sum(&nodew);
        rc = igraph_community_leiden(&v->g, &v->w, &nodew, 1.0 / total, 0.01,
                                     0, -1, memb, &nb, &quality);
    }
    igraph_vector_destroy(&nodew);
    return rc;
}

actnet_status an_analysis_communities(an_analysis *a,
                                      an_community_method method,
                                      unsigned long seed,
                                      igraph_vector_int_t *membership,
                                      igraph_integer_t *count,
                                      double *modularity, actnet_error *err)
{
    const an_view *v = &a->und;
    igraph_integer_t n = igraph_vcount(&v->g), k = 0;
    igraph_real_t q = NAN;
    igraph_error_t rc = IGRAPH_SUCCESS;

    if (method == AN_COMMUNITY_NONE) {
        an_error_set(err, "", 0, 0, "no community method given");
        return ACTNET_ERR_USAGE;
    }
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
    if (igraph_ecount(&v->g) == 0) {
        /* Every node alone: no partition to find, modularity undefined. */
        rc = igraph_vector_int_resize(membership, n);
        for (igraph_integer_t i = 0; !rc && i < n; i++)
            VECTOR(*membership)[i] = i;
    } else if (method == AN_COMMUNITY_LEIDEN) {
        rc = leiden(v, membership);
    } else {
        rc = igraph_community_multilevel(&v->g, &v->w, 1.0, membership, NULL,
                                         NULL);
    }
    if (!rc && igraph_ecount(&v->g) > 0)
        rc = igraph_modularity(&v->g, membership, &v->w, 1.0, 0, &q);
    if (rc == IGRAPH_ENOMEM || (!rc && (k = renumber(membership)) < 0)) {
        an_error_set(err, "", 0, 0, "finding communities: out of memory");
        return ACTNET_ERR_NOMEM;
    }
    if (rc) {
        an_error_set(err, "", 0, 0, "finding communities (%s): igraph "
                     "failed: %s", an_community_name(method),
                     igraph_strerror(rc));
        return ACTNET_ERR_DATA;
    }
    if (count)
        *count = k;
    if (modularity)
        *modularity = q;
    return ACTNET_OK;
}

/* ---- all at once -------------------------------------------------------- */

void an_analyse_options_init(an_analyse_options *o)
{
    memset(o, 0, sizeof(*o));
    o->community = AN_COMMUNITY_NONE;
    o->cutoff = 0;
    o->sample = -1;
    o->seed = AN_ANALYSE_SEED;
}

/* Sets a numeric vertex attribute, replacing one of any type. */
static int set_vertex_numbers(igraph_t *g, const char *name,
                              const igraph_vector_t *v)
{
    if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        igraph_cattribute_remove_v(g, name);
    return igraph_cattribute_VAN_setv(g, name, v) ? -1 : 0;
}

static int set_graph_number(igraph_t *g, const char *name, double x)
{
    if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_GRAPH, name))
        igraph_cattribute_remove_g(g, name);
    return igraph_cattribute_GAN_set(g, name, x) ? -1 : 0;
}

static int set_graph_string(igraph_t *g, const char *name, const char *s)
{
    if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_GRAPH, name))
        igraph_cattribute_remove_g(g, name);
    return igraph_cattribute_GAS_set(g, name, s) ? -1 : 0;
}

/* Stores the communities of o into g. */
static actnet_status store_communities(igraph_t *g, an_analysis *a,
                                       const an_analyse_options *o,
                                       an_analyse_report *rep,
                                       actnet_error *err)
{
    igraph_vector_int_t memb;
    igraph_vector_t num;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (igraph_vector_int_init(&memb, 0))
        goto nomem;
    if (igraph_vector_init(&num, 0)) {
        igraph_vector_int_destroy(&memb);
        goto nomem;
    }
    st = an_analysis_communities(a, o->community, o->seed, &memb,
                                 &rep->communities, &rep->modularity, err);
    if (st == ACTNET_OK) {
        st = ACTNET_ERR_NOMEM;
        if (!int_to_real(&memb, &num) &&
            !set_vertex_numbers(g, "community", &num) &&
            !set_graph_string(g, "communities",
                              an_community_name(o->community)) &&
            !set_graph_number(g, "modularity", rep->modularity))
            st = ACTNET_OK;
    }
    igraph_vector_destroy(&num);
    igraph_vector_int_destroy(&memb);
    if (st != ACTNET_ERR_NOMEM)
        return st;
nomem:
    an_error_set(err, "", 0, 0, "analysing the graph: out of memory");
    return ACTNET_ERR_NOMEM;
}

actnet_status an_analyse(igraph_t *g, const an_analyse_options *o,
                         an_analyse_report *report, actnet_error *err)
{
    an_analyse_report rep;
    an_analysis *a = NULL;
    igraph_vector_t res;
    an_path_mode pm;
    int have_res = 0, paths = 0, nomem = 0;
    actnet_status st;

    memset(&rep, 0, sizeof(rep));
    rep.modularity = NAN;
    st = an_analysis_create(g, &a, err);
    if (st != ACTNET_OK)
        goto out;
    an_analysis_path_mode(a, o->cutoff, o->sample, o->seed, &pm);
    st = ACTNET_ERR_NOMEM;
    nomem = 1;
    if (igraph_vector_init(&res, 0))
        goto out;
    have_res = 1;
    nomem = 0;
    for (int i = 0; i < AN_M_COUNT; i++) {
        an_measure m = (an_measure)i;
        if (!(o->measures & AN_MEASURE_BIT(m)))
            continue;
        if (!an_measure_applies(m, g)) {
            rep.skipped |= AN_MEASURE_BIT(m);
            continue;
        }
        st = an_analysis_measure(a, m, &pm, &res, err);
        if (st != ACTNET_OK)
            goto out;
        st = ACTNET_ERR_NOMEM;
        nomem = 1;
        if (set_vertex_numbers(g, an_measure_name(m), &res))
            goto out;
        nomem = 0;
        rep.computed |= AN_MEASURE_BIT(m);
        if (an_measure_uses_paths(m))
            paths = 1;
    }
    if (paths) {
        rep.paths = pm;
        if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_GRAPH,
                                       "path_cutoff"))
            igraph_cattribute_remove_g(g, "path_cutoff");
        if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_GRAPH,
                                       "path_sources"))
            igraph_cattribute_remove_g(g, "path_sources");
        st = ACTNET_ERR_NOMEM;
        nomem = 1;
        if (pm.cutoff > 0 && set_graph_number(g, "path_cutoff", pm.cutoff))
            goto out;
        if (pm.sources > 0 &&
            set_graph_number(g, "path_sources", (double)pm.sources))
            goto out;
        nomem = 0;
    }
    if (o->community != AN_COMMUNITY_NONE) {
        st = store_communities(g, a, o, &rep, err);
        if (st != ACTNET_OK)
            goto out;
    }
    st = ACTNET_OK;
out:
    if (nomem)
        an_error_set(err, "", 0, 0, "analysing the graph: out of memory");
    if (have_res)
        igraph_vector_destroy(&res);
    an_analysis_destroy(a);
    if (report)
        *report = rep;
    return st;
}
