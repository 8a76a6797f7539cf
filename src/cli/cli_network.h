/*
 * cli_network.h — the network part of the command line in the public
 * types of include/actnet.h, for the commands that are clients of the
 * public API alone (build, merge, extract): the network options (parsed
 * by cli_graph.c into an opaque cli_graph_opts, so that build and rank
 * always agree on what the network is), the corpus counted into an
 * actnet_counts, the warnings about the counts, and the analyse stage on
 * an actnet_network with its notes.  Nothing here names a private type;
 * cli_graph.h adds the igraph-based way that rank and report still take.
 */
#ifndef ACTNET_CLI_NETWORK_H
#define ACTNET_CLI_NETWORK_H

#include <getopt.h>

#include "actnet.h"
#include "cli/cli.h"

/* What the network is and how it is filtered and analysed (cli_graph.h
 * defines it). */
typedef struct cli_graph_opts cli_graph_opts;

/* Long-option ids of the network options (between the shared ones of
 * cli.h and the commands' own). */
enum {
    CLI_OPT_NETWORK = 1050, CLI_OPT_WINDOW, CLI_OPT_EVIDENCE, CLI_OPT_TYPES,
    CLI_OPT_MIN_MENTIONS, CLI_OPT_MIN_WEIGHT, CLI_OPT_EGO, CLI_OPT_RADIUS,
    CLI_OPT_GIANT, CLI_OPT_COMMUNITIES, CLI_OPT_CUTOFF, CLI_OPT_NEGATED,
    CLI_OPT_MEDIA,
    CLI_OPT_HEDGED, CLI_OPT_COLLAPSE, CLI_OPT_SAMPLE
};

/* New options with the defaults of cli_graph_opts_init, or NULL when out
 * of memory; free with cli_graph_opts_free (accepts NULL). */
cli_graph_opts *cli_graph_opts_new(void);
void cli_graph_opts_free(cli_graph_opts *o);

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

/* True when o's filters may change the network. */
int cli_graph_filtered(const cli_graph_opts *o);

/* The options as the public API takes them (any pointer may be NULL). */
void cli_graph_get(const cli_graph_opts *o, actnet_counts_options *counts,
                   actnet_filter *filter, actnet_analyse_options *analyse);
/* Sets the filter's top (the command's own --top). */
void cli_graph_set_top(cli_graph_opts *o, int64_t top);
/* Replaces the counting options (merge: those the partials carry). */
void cli_graph_set_counts(cli_graph_opts *o,
                          const actnet_counts_options *counts);

/* Help for the network options (--network ... --radius) and for the
 * analysis options (--communities, --sample, --cutoff). */
extern const char cli_graph_help[];
extern const char cli_analyse_help[];

/* Parses a number >= 0 and <= max (a whole one when whole is set);
 * 0 / -1 (not reported). */
int cli_parse_number(const char *s, int whole, double max, double *out);

/*
 * Reads and counts the corpus of c, on --threads workers (each with
 * counts of their own, merged at the end: the result does not depend on
 * the order), with the counting options of o.  CLI_OK with *counts the
 * caller's to destroy and *docs the documents processed; CLI_FAIL or
 * CLI_USAGE (reported, *counts NULL).
 */
int cli_corpus_counts(cli_common *c, const actnet_rules *rules,
                      const cli_graph_opts *o, actnet_counts **counts,
                      size_t *docs);

/* Unless --quiet, warns about what the counts say of the network: dates
 * not YYYY-MM-DD, no entity found, no acts-on event (and why).  rules
 * may be NULL (unknown, merge). */
void cli_warn_counts(const cli_common *c, const actnet_rules *rules,
                     const actnet_counts *counts);

/*
 * Runs the analyse stage on net with o and reports: errors; unless
 * --quiet, a note when the path measures were estimated from an
 * automatic sample, and, when warn_skipped is set, a warning naming the
 * measures asked for that do not apply.  report may be NULL.  0, or -1
 * (reported).
 */
int cli_network_analyse(const cli_common *c, actnet_network *net,
                        const actnet_analyse_options *o, int warn_skipped,
                        actnet_analyse_report *report);

/* " (did you mean 'pagerank'?)" for a mistyped measure name, or "". */
const char *cli_measure_hint(char *buf, size_t size, const char *name);

/* `actnet rank` (cmd_rank.c); argv[0] is the command name. */
int cmd_rank(int argc, char **argv);

#endif /* ACTNET_CLI_NETWORK_H */
