/*
 * analyse.h — the analyse stage: centralities and communities of a graph
 * built by graph.c (or read back from GraphML), computed by igraph and
 * stored as numeric vertex attributes named as the command line names
 * them (degree, pagerank, ..., community).
 *
 * The views.  Every measure is computed on a simple graph: parallel
 * edges (the acts-on network has one per relation between two actors)
 * are merged with their weights summed, and self-loops are ignored.
 *   undirected view  the graph with directions dropped (A -> B and B -> A
 *                    become one edge, weights summed): degree, strength,
 *                    eigenvector, coreness, communities; and every path
 *                    measure and PageRank of an undirected graph;
 *   directed view    (directed graphs only) the graph with parallel
 *                    edges merged: in/out degree and strength,
 *                    betweenness, closeness, harmonic, PageRank, hubs and
 *                    authorities.
 * Weights are the numeric edge attribute "weight" (1 when absent); they
 * must be finite and > 0.
 *
 * The measures (the names the CLI uses):
 *   degree        number of distinct neighbours (either direction)
 *   strength      sum of the weights of a node's edges
 *   indegree, outdegree      distinct predecessors / successors (directed)
 *   instrength, outstrength  sums of incoming / outgoing weight (directed)
 *   betweenness   weighted shortest paths through the node, with each
 *                 edge's length 1 / weight (a strong tie is a short
 *                 path); not normalised, each unordered pair counted once
 *                 in an undirected graph (igraph's and networkx's
 *                 normalized=False value)
 *   closeness     r / (n - 1) * r / (sum of distances to the r nodes it
 *                 reaches), lengths 1 / weight: the Wasserman-Faust form
 *                 that networkx uses by default, so nodes in small
 *                 components do not outrank the core; 0 for a node that
 *                 reaches none.  Directed graphs: distances from the node
 *                 (out-paths).
 *   harmonic      sum of 1 / distance to every other node, divided by
 *                 n - 1 (lengths 1 / weight; out-paths when directed)
 *   pagerank      weighted PageRank, damping 0.85, PRPACK
 *   eigenvector   weighted eigenvector centrality of the undirected view
 *                 (also for directed graphs, where it would otherwise be
 *                 zero for every node no cycle reaches), scaled to a
 *                 maximum of 1; 0 for all when there is no edge
 *   hub, authority  weighted HITS scores (directed), scaled to max 1
 *   coreness      the k-core a node belongs to (undirected view,
 *                 unweighted)
 *   hostility_sent, hostility_received, cooperation_sent,
 *   cooperation_received  sums of the weight of outgoing / incoming edges
 *                 whose numeric edge attribute "polarity" is < 0 (hostile)
 *                 or > 0 (cooperative); directed graphs with a polarity
 *                 attribute (the acts-on network)
 *
 * Path measures (betweenness, closeness, harmonic) cost a shortest-path
 * search from every node, about nodes x edges steps.  Up to AN_PATH_WORK
 * steps they are exact.  Above, they are estimated from a sample of
 * sources (an_path_mode.sources: AN_PATH_WORK / edges of them, at least
 * AN_PATH_MIN_SOURCES), drawn with igraph's RNG seeded, so the same graph
 * always gives the same values:
 *   betweenness  igraph_betweenness_subset from the sampled sources to
 *                every node, times nodes / sources (Brandes and Pich's
 *                unbiased estimator);
 *   closeness    distances to the sampled nodes only: with R of the k
 *                sampled others reached at total length S, R^2 / (k S)
 *                (the Wasserman-Faust value when every node is sampled);
 *   harmonic     the mean of 1 / distance to the sampled others.
 * (igraph's cutoff variants, which count only paths up to a length, were
 * the first plan for large graphs, but on news-like graphs with hubs a
 * cutoff of one weak tie still reaches most of the graph through the
 * hubs and saves almost nothing; they remain available as an explicit
 * choice, an_path_mode.cutoff, for local versions of the measures.)
 *
 * Communities: Leiden (modularity objective: node weights = strength,
 * resolution 1 / (2 * total weight), until stable) or Louvain (igraph's
 * multilevel, resolution 1), on the undirected view, with igraph's
 * default random number generator seeded (AN_ANALYSE_SEED unless told
 * otherwise) before each run, so the same graph always gives the same
 * partition.  Communities are numbered 0, 1, ... by size, largest first,
 * ties by their first node in graph order (which is id order for actnet
 * graphs).
 *
 * Nothing here prints; igraph must be set up first (graph.h,
 * an_graph_setup_igraph).  Not thread-safe: igraph's random number
 * generator is global.
 */
#ifndef ACTNET_ANALYSE_H
#define ACTNET_ANALYSE_H

#include <stdint.h>

#include <igraph.h>

#include "actnet.h"

typedef enum an_measure {
    AN_M_DEGREE = 0,
    AN_M_STRENGTH,
    AN_M_INDEGREE,
    AN_M_OUTDEGREE,
    AN_M_INSTRENGTH,
    AN_M_OUTSTRENGTH,
    AN_M_BETWEENNESS,
    AN_M_CLOSENESS,
    AN_M_HARMONIC,
    AN_M_PAGERANK,
    AN_M_EIGENVECTOR,
    AN_M_HUB,
    AN_M_AUTHORITY,
    AN_M_CORENESS,
    AN_M_HOSTILITY_SENT,
    AN_M_HOSTILITY_RECEIVED,
    AN_M_COOPERATION_SENT,
    AN_M_COOPERATION_RECEIVED,
    AN_M_COUNT
} an_measure;

/* Every measure as a mask bit. */
#define AN_MEASURE_BIT(m) (1u << (m))
#define AN_MEASURES_ALL ((1u << AN_M_COUNT) - 1u)

/* Path measures are estimated from a sample of sources when nodes x
 * edges exceeds this (e.g. 2,000 nodes with 10,000 edges: about 2 s for
 * each exact path measure here), from AN_PATH_WORK / edges sources, at
 * least AN_PATH_MIN_SOURCES. */
#define AN_PATH_WORK 2e7
#define AN_PATH_MIN_SOURCES 100
/* The default seed of the community detection. */
#define AN_ANALYSE_SEED 42

/* The CLI name ("pagerank", ...); static string. */
const char *an_measure_name(an_measure m);

/* Parses a measure name.  0, or -1 when unknown. */
int an_measure_parse(const char *name, an_measure *m);

/* Parses a comma-separated list of measure names into a mask ("all" is
 * every measure).  0, or -1 when a name is unknown: then *bad (if not
 * NULL) points at it in list. */
int an_measure_parse_list(const char *list, uint32_t *mask,
                          const char **bad);

/* 1 when measure m can be computed on g: the directed measures need a
 * directed graph, hostility and cooperation also a numeric edge attribute
 * "polarity"; 0 otherwise. */
int an_measure_applies(an_measure m, const igraph_t *g);

/* 1 for the measures that are whole numbers for whole weights (degrees,
 * strengths, coreness, hostility and cooperation). */
int an_measure_is_count(an_measure m);

/* 1 for betweenness, closeness and harmonic (the path measures). */
int an_measure_uses_paths(an_measure m);

/* A one-line description for --help (static string). */
const char *an_measure_help(an_measure m);

typedef enum an_community_method {
    AN_COMMUNITY_NONE = 0,
    AN_COMMUNITY_LEIDEN,
    AN_COMMUNITY_LOUVAIN
} an_community_method;

/* Parses "leiden", "louvain" or "none".  0 / -1. */
int an_community_parse(const char *name, an_community_method *m);
/* "leiden", "louvain", "none"; static string. */
const char *an_community_name(an_community_method m);

/* ---- step by step: the views of one graph -------------------------------- */

/* The views of a graph and its weights; opaque. */
typedef struct an_analysis an_analysis;

/*
 * Prepares the analysis of g (which must outlive it and not change
 * meanwhile): builds the views.  On success *out is the caller's to free
 * with an_analysis_destroy.  Returns ACTNET_OK, ACTNET_ERR_DATA when an
 * edge weight is not a finite number > 0 (err names the edge), or
 * ACTNET_ERR_NOMEM.
 */
actnet_status an_analysis_create(const igraph_t *g, an_analysis **out,
                                 actnet_error *err);
/* Frees the analysis.  Accepts NULL. */
void an_analysis_destroy(an_analysis *a);

/* How the path measures are computed. */
typedef struct an_path_mode {
    double cutoff;              /* > 0: only paths of length <= cutoff
                                   count (igraph's cutoff variants, from
                                   every node); 0: all paths */
    igraph_integer_t sources;   /* > 0: estimated from this many sampled
                                   sources; 0: exact, from every node */
    unsigned long seed;         /* of the sample */
} an_path_mode;

/*
 * The path mode for a request: cutoff > 0 gives that cutoff (and no
 * sample); otherwise sample < 0 means automatic (exact up to
 * AN_PATH_WORK, else sampled as described above), 0 exact, > 0 that many
 * sampled sources (exact when there are not more nodes).
 */
void an_analysis_path_mode(const an_analysis *a, double cutoff, long sample,
                           unsigned long seed, an_path_mode *mode);

/*
 * Computes measure m into res (initialised by the caller; resized to the
 * number of nodes).  mode says how the path measures are computed (NULL:
 * exact).  Returns ACTNET_OK, ACTNET_ERR_USAGE when m does not apply to
 * the graph (an_measure_applies), ACTNET_ERR_NOMEM, or ACTNET_ERR_DATA
 * when igraph fails otherwise (err says which measure).
 */
actnet_status an_analysis_measure(an_analysis *a, an_measure m,
                                  const an_path_mode *mode,
                                  igraph_vector_t *res, actnet_error *err);

/*
 * Finds communities with method (not NONE) on the undirected view, the
 * RNG seeded with seed.  membership (initialised by the caller) receives
 * the community of each node, numbered as described above; *count and
 * *modularity (either may be NULL) the number of communities and the
 * weighted modularity of the partition (resolution 1; NaN when the graph
 * has no edge).  ACTNET_OK, ACTNET_ERR_USAGE (method NONE),
 * ACTNET_ERR_NOMEM or ACTNET_ERR_DATA.
 */
actnet_status an_analysis_communities(an_analysis *a,
                                      an_community_method method,
                                      unsigned long seed,
                                      igraph_vector_int_t *membership,
                                      igraph_integer_t *count,
                                      double *modularity, actnet_error *err);

/* ---- all at once: measures as vertex attributes -------------------------- */

typedef struct an_analyse_options {
    uint32_t measures;          /* mask of AN_MEASURE_BIT(m); those that do
                                   not apply to the graph are skipped */
    an_community_method community;
    double cutoff;              /* path measures: > 0 cutoff, 0 none */
    long sample;                /* path measures: < 0 automatic, 0 exact,
                                   > 0 sampled sources */
    unsigned long seed;         /* for the communities and the sample */
} an_analyse_options;

/* No measures, no communities, no cutoff, automatic sample,
 * AN_ANALYSE_SEED. */
void an_analyse_options_init(an_analyse_options *o);

/* What an_analyse did. */
typedef struct an_analyse_report {
    uint32_t computed;          /* mask of the measures computed */
    uint32_t skipped;           /* asked for but not applicable */
    an_path_mode paths;         /* how the path measures were computed
                                   (zeros when none was) */
    igraph_integer_t communities;   /* number found; 0 when none asked */
    double modularity;          /* of the partition; NaN when none */
} an_analyse_report;

/*
 * Computes the measures of o (and the communities) and stores each as a
 * numeric vertex attribute named by an_measure_name (replacing an
 * attribute of that name), and the community as "community".  Graph
 * attributes record how: "path_cutoff" / "path_sources" (when a path
 * measure used a cutoff / a sample), "communities" (the method) and
 * "modularity".  report may be NULL.  Returns as an_analysis_create /
 * an_analysis_measure.
 */
actnet_status an_analyse(igraph_t *g, const an_analyse_options *o,
                         an_analyse_report *report, actnet_error *err);

#endif /* ACTNET_ANALYSE_H */
