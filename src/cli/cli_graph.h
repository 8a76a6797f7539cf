/*
 * cli_graph.h — the network options in the library's private types, and
 * the igraph-based way from a corpus to a filtered graph that rank and
 * report still take (build, merge and extract use the public API of
 * cli_network.h instead).  Options that change the network belong here,
 * so that every command agrees on what the network is.
 */
#ifndef ACTNET_CLI_GRAPH_H
#define ACTNET_CLI_GRAPH_H

#include <getopt.h>

#include <igraph.h>

#include "actnet.h"
#include "net/aggregate.h"
#include "net/analyse.h"
#include "cli/cli.h"
#include "cli/cli_network.h"
#include "net/graph.h"

/* What the network is and how it is filtered and analysed. */
typedef struct cli_graph_opts {
    an_agg_options agg;         /* network, window, evidence; acts-on:
                                   negated, hedged, collapse */
    an_graph_filter filter;     /* --types ... --giant (top: the command's) */
    int radius_given;
    int window_given;           /* --window (co-occurrence only) */
    const char *acts_option;    /* the last acts-on-only option given */
    an_analyse_options analyse; /* --communities, --sample, --cutoff (the
                                   measures are the command's) */
} cli_graph_opts;

/* Defaults: co-occurrence in sentences, no evidence, no filter, Leiden,
 * automatic sample, no cutoff. */
void cli_graph_opts_init(cli_graph_opts *o);

/*
 * Reads the corpus of c with the rules, counts it, builds the graph and
 * applies the filters: on CLI_OK, *g is the caller's to free with
 * igraph_destroy and *docs the number of documents processed.  Reports
 * every problem (and warnings unless --quiet); on failure *g is not
 * initialised.  Returns CLI_OK, CLI_FAIL or CLI_USAGE.
 */
int cli_corpus_graph(cli_common *c, const actnet_rules *rules,
                     const cli_graph_opts *o, igraph_t *g, size_t *docs);

/*
 * The second half of cli_corpus_graph, for counts made elsewhere (actnet
 * report): builds the graph of agg (which it destroys) and applies the
 * filters of o.  rules (NULL when unknown) only serve the warnings.
 * CLI_OK with *g the caller's, or CLI_FAIL (reported).
 */
int cli_agg_graph(const cli_common *c, const actnet_rules *rules,
                  const cli_graph_opts *o, an_agg *agg, igraph_t *g);

/*
 * Runs the analyse stage on g (an_analyse with o) and reports: errors;
 * unless --quiet, a note when the path measures were estimated from an
 * automatic sample, and, when warn_skipped is set, a warning naming the
 * measures asked for that do not apply to the network.  report (may be
 * NULL) receives an_analyse's report.  0, or -1 (reported).
 */
int cli_analyse(const cli_common *c, igraph_t *g,
                const an_analyse_options *o, int warn_skipped,
                an_analyse_report *report);

#endif /* ACTNET_CLI_GRAPH_H */
