/*
 * bench_rank.c — times the analyse stage (src/net/analyse.c) on a generated
 * graph: by default 100,000 nodes and 1,000,000 edges, a Barabási-Albert
 * preferential-attachment graph (10 edges per new node, a heavy-tailed
 * degree distribution like that of news networks) topped up with uniform
 * random edges to exactly the number of edges asked for, and integer
 * weights 1 + floor(Exp(mean 2)) (most ties weak, a few strong).  With
 * --directed the edges get random directions and a polarity of -1, 0 or
 * +1 (the acts-on network).  The igraph RNG is seeded, so every run
 * generates the same graph.
 *
 * Prints the time of building the views and of every measure and
 * community method, one per line; path measures say how they were
 * computed: exact, estimated from a sample of sources (the automatic
 * choice of analyse.h above its size, or --sample K), or with igraph's
 * cutoff variants (--cutoff D).
 *
 * Built by meson (build/tests/bench_rank), not run as a test:
 *   build/tests/bench_rank [--nodes N] [--edges M] [--directed]
 *                          [--cutoff D | --sample K | --exact]
 *                          [--only MEASURE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/analyse.h"
#include "net/graph.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Generates the benchmark graph into g; 0 / -1. */
static int generate(igraph_t *g, igraph_integer_t n, igraph_integer_t m,
                    int directed)
{
    igraph_integer_t per = m / n > 0 ? m / n : 1;
    igraph_vector_t w, pol;
    igraph_vector_int_t extra;
    int rc = -1;

    igraph_rng_seed(igraph_rng_default(), 2024);
    if (igraph_barabasi_game(g, n, 1.0, per, NULL, 1, 1.0, 0,
                             IGRAPH_BARABASI_PSUMTREE, NULL))
        return -1;
    igraph_integer_t have = igraph_ecount(g);
    if (have < m) {
        if (igraph_vector_int_init(&extra, 2 * (m - have)))
            goto fail;
        for (igraph_integer_t i = 0; i < m - have; i++) {
            igraph_integer_t a = RNG_INTEGER(0, n - 1), b;
            do
                b = RNG_INTEGER(0, n - 1);
            while (b == a);
            VECTOR(extra)[2 * i] = a;
            VECTOR(extra)[2 * i + 1] = b;
        }
        int bad = igraph_add_edges(g, &extra, NULL) != IGRAPH_SUCCESS;
        igraph_vector_int_destroy(&extra);
        if (bad)
            goto fail;
    }
    if (directed) {
        /* random directions: rebuild as directed with each edge flipped
         * with probability 1/2 */
        igraph_vector_int_t el;
        igraph_t d;
        if (igraph_vector_int_init(&el, 0) ||
            igraph_get_edgelist(g, &el, 0))
            goto fail;
        for (igraph_integer_t i = 0; i < igraph_ecount(g); i++)
            if (RNG_INTEGER(0, 1)) {
                igraph_integer_t t = VECTOR(el)[2 * i];
                VECTOR(el)[2 * i] = VECTOR(el)[2 * i + 1];
                VECTOR(el)[2 * i + 1] = t;
            }
        int bad = igraph_create(&d, &el, n, IGRAPH_DIRECTED) != 0;
        igraph_vector_int_destroy(&el);
        if (bad)
            goto fail;
        igraph_destroy(g);
        *g = d;
    }
    m = igraph_ecount(g);
    if (igraph_vector_init(&w, m))
        goto fail;
    for (igraph_integer_t e = 0; e < m; e++)
        VECTOR(w)[e] = 1.0 + (double)(igraph_integer_t)RNG_EXP(0.5);
    rc = SETEANV(g, "weight", &w) ? -1 : 0;
    igraph_vector_destroy(&w);
    if (rc || !directed)
        return rc;
    rc = -1;
    if (igraph_vector_init(&pol, m))
        goto fail;
    for (igraph_integer_t e = 0; e < m; e++)
        VECTOR(pol)[e] = (double)RNG_INTEGER(-1, 1);
    rc = SETEANV(g, "polarity", &pol) ? -1 : 0;
    igraph_vector_destroy(&pol);
    if (rc)
        goto fail;
    return 0;
fail:
    igraph_destroy(g);
    return -1;
}

static void usage(void)
{
    fputs("usage: bench_rank [--nodes N] [--edges M] [--directed] "
          "[--cutoff D | --sample K | --exact] [--only MEASURE]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    igraph_integer_t n = 100000, m = 1000000;
    int directed = 0;
    double cutoff = 0;
    long sample = -1;
    an_path_mode pm;
    const char *only = NULL;
    igraph_t g;
    an_analysis *a = NULL;
    actnet_error err;
    igraph_vector_t res;
    igraph_vector_int_t memb;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--nodes") && i + 1 < argc)
            n = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--edges") && i + 1 < argc)
            m = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--directed"))
            directed = 1;
        else if (!strcmp(argv[i], "--cutoff") && i + 1 < argc)
            cutoff = atof(argv[++i]);
        else if (!strcmp(argv[i], "--sample") && i + 1 < argc)
            sample = atol(argv[++i]);
        else if (!strcmp(argv[i], "--exact"))
            sample = 0;
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else
            usage();
    }
    if (n < 2 || m < 1)
        usage();
    an_graph_setup_igraph();
    double t0 = now();
    if (generate(&g, n, m, directed)) {
        fputs("bench_rank: could not generate the graph\n", stderr);
        return 1;
    }
    printf("graph: %lld nodes, %lld edges, %s, generated in %.2f s\n",
           (long long)igraph_vcount(&g), (long long)igraph_ecount(&g),
           directed ? "directed" : "undirected", now() - t0);
    fflush(stdout);

    t0 = now();
    actnet_error_clear(&err);
    if (an_analysis_create(&g, &a, &err) != ACTNET_OK) {
        fprintf(stderr, "bench_rank: %s\n", err.message);
        return 1;
    }
    printf("%-22s %8.2f s\n", "views", now() - t0);
    double total = now() - t0;
    an_analysis_path_mode(a, cutoff, sample, AN_ANALYSE_SEED, &pm);
    igraph_vector_init(&res, 0);
    for (int i = 0; i < AN_M_COUNT; i++) {
        an_measure me = (an_measure)i;
        if (!an_measure_applies(me, &g) ||
            (only && strcmp(only, an_measure_name(me))))
            continue;
        t0 = now();
        if (an_analysis_measure(a, me, &pm, &res, &err) != ACTNET_OK) {
            fprintf(stderr, "bench_rank: %s\n", err.message);
            return 1;
        }
        double t = now() - t0;
        total += t;
        printf("%-22s %8.2f s", an_measure_name(me), t);
        if (an_measure_uses_paths(me)) {
            if (pm.cutoff > 0)
                printf("   (cutoff: paths of length <= %g only)", pm.cutoff);
            else if (pm.sources > 0 && me == AN_M_HARMONIC &&
                     (!only || !strcmp(only, "closeness")))
                printf("   (estimated: computed with closeness, same "
                       "%lld sources)", (long long)pm.sources);
            else if (pm.sources > 0)
                printf("   (estimated from %lld sampled sources)",
                       (long long)pm.sources);
            else
                printf("   (exact)");
        }
        printf("\n");
        fflush(stdout);
    }
    igraph_vector_int_init(&memb, 0);
    for (int c = AN_COMMUNITY_LEIDEN; !only && c <= AN_COMMUNITY_LOUVAIN;
         c++) {
        igraph_integer_t k;
        double q;
        t0 = now();
        if (an_analysis_communities(a, (an_community_method)c,
                                    AN_ANALYSE_SEED, &memb, &k, &q, &err)) {
            fprintf(stderr, "bench_rank: %s\n", err.message);
            return 1;
        }
        double t = now() - t0;
        total += t;
        printf("%-22s %8.2f s   (%lld communities, modularity %.4f)\n",
               an_community_name((an_community_method)c), t, (long long)k,
               q);
        fflush(stdout);
    }
    printf("%-22s %8.2f s\n", "total", total);
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&res);
    an_analysis_destroy(a);
    igraph_destroy(&g);
    return 0;
}
