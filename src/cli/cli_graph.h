/*
 * cli_graph.h — the network part of the command line, shared by the
 * commands that make a graph from a corpus (build, rank): the options
 * that choose, filter and analyse the network, and the way from a corpus
 * to a filtered igraph graph.  Options that change the network belong
 * here, so that `build` and `rank` always agree on what the network is.
 */
#ifndef ACTNET_CLI_GRAPH_H
#define ACTNET_CLI_GRAPH_H

#include <getopt.h>

#include <igraph.h>

#include "actnet.h"
#include "net/aggregate.h"
#include "net/analyse.h"
#include "cli/cli.h"
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

/* Long-option ids of the network options (between the shared ones of
 * cli.h and the commands' own). */
enum {
    CLI_OPT_NETWORK = 1050, CLI_OPT_WINDOW, CLI_OPT_EVIDENCE, CLI_OPT_TYPES,
    CLI_OPT_MIN_MENTIONS, CLI_OPT_MIN_WEIGHT, CLI_OPT_EGO, CLI_OPT_RADIUS,
    CLI_OPT_GIANT, CLI_OPT_COMMUNITIES, CLI_OPT_CUTOFF, CLI_OPT_NEGATED,
    CLI_OPT_HEDGED, CLI_OPT_COLLAPSE, CLI_OPT_SAMPLE
};

/* Defaults: co-occurrence in sentences, no evidence, no filter, Leiden,
 * automatic sample, no cutoff. */
void cli_graph_opts_init(cli_graph_opts *o);

/*
 * A getopt_long table: own, then the network options, then the shared
 * options of cli.h.  Returns a malloc'ed array the caller frees, or NULL.
 */
struct option *cli_graph_merge_options(const struct option *own);

/*
 * Handles one network option.  Returns 1 when it was one (consumed), 0
 * when not, -1 on a bad value (reported; exit 2).
 */
int cli_graph_option(cli_graph_opts *o, int opt, const char *arg);

/* Checks the combination after parsing (--radius needs --ego; --window
 * is for co-occurrence, --negated, --hedged and --collapse for acts-on);
 * 0, or -1 reported. */
int cli_graph_check(const cli_graph_opts *o);

/* Help for the network options (--network ... --radius) and for the
 * analysis options (--communities, --sample, --cutoff). */
extern const char cli_graph_help[];
extern const char cli_analyse_help[];

/* Parses a number >= 0 and <= max (a whole one when whole is set);
 * 0 / -1 (not reported). */
int cli_parse_number(const char *s, int whole, double max, double *out);

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
 * The first half of cli_corpus_graph (also actnet extract's job): reads
 * and counts the corpus of c, on --threads workers, into a new aggregate
 * with options o.  CLI_OK with *agg the caller's to destroy and *docs the
 * documents processed; CLI_FAIL or CLI_USAGE (reported, *agg NULL).
 */
int cli_corpus_agg(cli_common *c, const actnet_rules *rules,
                   const an_agg_options *o, an_agg **agg, size_t *docs);

/*
 * The second half of cli_corpus_graph, for counts made elsewhere (actnet
 * merge): builds the graph of agg (which it destroys) and applies the
 * filters of o.  rules (NULL when unknown) only serve the warnings.
 * CLI_OK with *g the caller's, or CLI_FAIL (reported).
 */
int cli_agg_graph(const cli_common *c, const actnet_rules *rules,
                  const cli_graph_opts *o, an_agg *agg, igraph_t *g);

/* True when o's filters may change the network (it is then filtered as
 * an igraph graph: cli_agg_graph). */
int cli_graph_filtered(const cli_graph_opts *o);

/*
 * cli_agg_graph for a network written as it was counted (no filter): the
 * net of agg, made without igraph (an_graph_net), for the writers.
 * CLI_OK with *net the caller's to free with an_net_finish, before agg
 * (the caller's, which it points into); or CLI_FAIL (reported).
 */
int cli_agg_net(const cli_common *c, const actnet_rules *rules,
                an_agg *agg, an_net *net);

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

/* `actnet rank` (cmd_rank.c); argv[0] is the command name. */
int cmd_rank(int argc, char **argv);

/* " (did you mean 'pagerank'?)" for a mistyped measure name, or "". */
const char *cli_measure_hint(char *buf, size_t size, const char *name);

#endif /* ACTNET_CLI_GRAPH_H */
