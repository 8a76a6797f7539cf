/*
 * cli_graph.c — the network options shared by build and rank, and the
 * way from a corpus to a filtered graph: documents are read, run through
 * the extractor and counted by the aggregate stage; the graph is built
 * and filtered once (or, unfiltered, the net the writers read is made
 * straight from the counts).  See cli_graph.h.
 */
#include "cli/cli_graph.h"
#include "cli/cli_run.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct option graph_options[] = {
    {"network", required_argument, NULL, CLI_OPT_NETWORK},
    {"window", required_argument, NULL, CLI_OPT_WINDOW},
    {"evidence", optional_argument, NULL, CLI_OPT_EVIDENCE},
    {"types", required_argument, NULL, CLI_OPT_TYPES},
    {"min-mentions", required_argument, NULL, CLI_OPT_MIN_MENTIONS},
    {"min-weight", required_argument, NULL, CLI_OPT_MIN_WEIGHT},
    {"ego", required_argument, NULL, CLI_OPT_EGO},
    {"radius", required_argument, NULL, CLI_OPT_RADIUS},
    {"giant", no_argument, NULL, CLI_OPT_GIANT},
    {"communities", required_argument, NULL, CLI_OPT_COMMUNITIES},
    {"cutoff", required_argument, NULL, CLI_OPT_CUTOFF},
    {"sample", required_argument, NULL, CLI_OPT_SAMPLE},
    {"negated", required_argument, NULL, CLI_OPT_NEGATED},
    {"hedged", required_argument, NULL, CLI_OPT_HEDGED},
    {"media", required_argument, NULL, CLI_OPT_MEDIA},
    {"collapse", no_argument, NULL, CLI_OPT_COLLAPSE},
    {NULL, 0, NULL, 0}
};

const char cli_graph_help[] =
    "Network:\n"
    "  --network KIND       cooccurrence (the default): undirected, an edge\n"
    "                       between entities in the same window; or acts-on:\n"
    "                       directed, an edge from actor to target per\n"
    "                       relation of the rules (the events of actnet\n"
    "                       events), weighted by the number of events, with\n"
    "                       relation, label, polarity, class, negated and\n"
    "                       hedged counts; only nodes with such an edge\n"
    "  --window W           what counts as co-occurring (default sentence):\n"
    "                         sentence, paragraph, document: both entities\n"
    "                         are mentioned in the same one; an edge's weight\n"
    "                         is the number of such windows (each pair counts\n"
    "                         once per window);\n"
    "                         N (a number of tokens): two mentions whose\n"
    "                         token starts are at most N tokens apart in a\n"
    "                         document; the weight is the number of such\n"
    "                         pairs of mentions.\n"
    "  --evidence[=K]       keep up to K example sentences per edge (default\n"
    "                       3, at most 1000): the first by document id\n"
    "                       (numbers in ids compared by value), then by\n"
    "                       sentence; written in GraphML, GEXF and JSON\n"
    "  --negated include|exclude  acts-on: count negated events (\"did not\n"
    "                       meet\"; default exclude)\n"
    "  --hedged include|exclude   acts-on: count hedged events (\"would\n"
    "                       meet\"; default include)\n"
    "  --media include|exclude    acts-on: count statements to a news\n"
    "                       medium (\"told the BBC\": the medium is no\n"
    "                       target) as edges; default exclude\n"
    "  --collapse           acts-on: one edge per actor and target: weight\n"
    "                       summed over relations, polarity their weighted\n"
    "                       mean, relations listed (\"sanction:3,urge:1\")\n"
    "\n"
    "Filters, applied in this order:\n"
    "  --types LIST         keep nodes of these types (comma-separated:\n"
    "                       person, organisation, country, place; places\n"
    "                       are nodes only when named here)\n"
    "  --min-mentions N     keep nodes mentioned at least N times\n"
    "  --min-weight W       keep edges of weight at least W\n"
    "  --ego ID             keep the nodes at most --radius steps from node\n"
    "                       ID (an entity id such as a rule id, or a label)\n"
    "  --radius R           steps for --ego (default 1)\n";

const char cli_analyse_help[] =
    "  --communities M      community detection: leiden (the default;\n"
    "                       modularity), louvain, or none.  Both run on the\n"
    "                       undirected network with a fixed seed (42), so\n"
    "                       the same network always gives the same\n"
    "                       communities, numbered 0, 1, ... from the\n"
    "                       largest.\n"
    "  --sample K           estimate betweenness, closeness and harmonic\n"
    "                       from K sources drawn at random (seeded, so\n"
    "                       repeatable) rather than from every node; 'all'\n"
    "                       for exact values; 'auto' (the default): exact up\n"
    "                       to 2 x 10^7 nodes x edges (e.g. 2,000 nodes with\n"
    "                       10,000 edges), above that 2 x 10^7 / edges\n"
    "                       sources (at least 100), said on stderr and\n"
    "                       recorded in the output\n"
    "  --cutoff D           betweenness, closeness and harmonic count only\n"
    "                       paths of length at most D (igraph's cutoff\n"
    "                       variants, from every node; an edge of weight w\n"
    "                       has length 1/w)\n";

void cli_graph_opts_init(cli_graph_opts *o)
{
    memset(o, 0, sizeof(*o));
    an_agg_options_init(&o->agg);
    an_graph_filter_init(&o->filter);
    an_analyse_options_init(&o->analyse);
    o->analyse.community = AN_COMMUNITY_LEIDEN;
}

struct option *cli_graph_merge_options(const struct option *own)
{
    size_t n_own = 0, n_graph = 0;
    struct option *common = cli_merge_options(NULL), *all;
    size_t n_common = 0;
    if (!common)
        return NULL;
    while (own && own[n_own].name)
        n_own++;
    while (graph_options[n_graph].name)
        n_graph++;
    while (common[n_common].name)
        n_common++;
    all = calloc(n_own + n_graph + n_common + 1, sizeof(*all));
    if (all) {
        if (n_own)
            memcpy(all, own, n_own * sizeof(*all));
        memcpy(all + n_own, graph_options, n_graph * sizeof(*all));
        memcpy(all + n_own + n_graph, common, n_common * sizeof(*all));
    }
    free(common);
    return all;
}

int cli_parse_number(const char *s, int whole, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < 0 || v > max ||
        (whole && v != floor(v)))
        return -1;
    *out = v;
    return 0;
}

const char *cli_measure_hint(char *buf, size_t size, const char *name)
{
    const char *names[AN_M_COUNT];
    for (int m = 0; m < AN_M_COUNT; m++)
        names[m] = an_measure_name((an_measure)m);
    return cli_did_you_mean(buf, size, name, names, AN_M_COUNT);
}

static const char *const network_names[] = {"cooccurrence", "acts-on"};
static const char *const window_names[] = {"sentence", "paragraph",
                                           "document"};
static const char *const type_names[] = {"person", "organisation",
                                         "country", "place"};

/* The hint for the first item of the comma-separated list that is not
 * one of type_names. */
static const char *types_hint(char *buf, size_t size, const char *list)
{
    char item[64];
    buf[0] = '\0';
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len && len < sizeof(item)) {
            memcpy(item, p, len);
            item[len] = '\0';
            size_t i = 0;
            while (i < 4 && strcasecmp(item, type_names[i]))
                i++;
            if (i == 4)
                return cli_did_you_mean(buf, size, item, type_names, 4);
        }
        p += len;
        if (*p)
            p++;
    }
    return buf;
}

int cli_graph_option(cli_graph_opts *o, int opt, const char *arg)
{
    double v;
    an_network net;
    char hint[96];
    switch (opt) {
    case CLI_OPT_NETWORK:
        if (an_network_parse(arg, &net)) {
            cli_errorf("--network: '%s' is not a network kind%s; use "
                       "cooccurrence or acts-on", arg,
                       cli_did_you_mean(hint, sizeof(hint), arg,
                                        network_names, 2));
            return -1;
        }
        o->agg.network = net;
        return 1;
    case CLI_OPT_WINDOW:
        if (an_window_parse(arg, &o->agg.window)) {
            cli_errorf("--window: '%s' is not sentence, paragraph, document "
                       "or a number of tokens from 1 to 100000%s", arg,
                       cli_did_you_mean(hint, sizeof(hint), arg,
                                        window_names, 3));
            return -1;
        }
        o->window_given = 1;
        return 1;
    case CLI_OPT_NEGATED:
    case CLI_OPT_MEDIA:
    case CLI_OPT_HEDGED: {
        const char *name = opt == CLI_OPT_NEGATED ? "--negated"
                           : opt == CLI_OPT_MEDIA ? "--media"
                                                  : "--hedged";
        int include = !strcmp(arg, "include");
        if (!include && strcmp(arg, "exclude")) {
            cli_errorf("%s: '%s' is not include or exclude", name, arg);
            return -1;
        }
        if (opt == CLI_OPT_NEGATED)
            o->agg.include_negated = include;
        else if (opt == CLI_OPT_MEDIA)
            o->agg.include_media = include;
        else
            o->agg.exclude_hedged = !include;
        o->acts_option = name;
        return 1;
    }
    case CLI_OPT_COLLAPSE:
        o->agg.collapse = 1;
        o->acts_option = "--collapse";
        return 1;
    case CLI_OPT_EVIDENCE:
        o->agg.evidence = AN_EVIDENCE_DEFAULT;
        if (!arg)
            return 1;
        if (cli_parse_number(arg, 1, AN_EVIDENCE_MAX, &v) || v < 1) {
            cli_errorf("--evidence=%s: give a number of examples from 1 to "
                       "%d (write --evidence=K, with '=')", arg,
                       AN_EVIDENCE_MAX);
            return -1;
        }
        o->agg.evidence = (uint32_t)v;
        return 1;
    case CLI_OPT_TYPES:
        if (an_graph_parse_types(arg, &o->filter.types)) {
            cli_errorf("--types: '%s' is not a comma-separated list of "
                       "person, organisation, country, place%s", arg,
                       types_hint(hint, sizeof(hint), arg));
            return -1;
        }
        /* places are nodes only when asked for */
        o->agg.places = (o->filter.types >> ACTNET_PLACE) & 1;
        return 1;
    case CLI_OPT_MIN_MENTIONS:
        if (cli_parse_number(arg, 1, 1e15, &o->filter.min_mentions)) {
            cli_errorf("--min-mentions: '%s' is not a whole number >= 0",
                       arg);
            return -1;
        }
        return 1;
    case CLI_OPT_MIN_WEIGHT:
        if (cli_parse_number(arg, 0, 1e15, &o->filter.min_weight)) {
            cli_errorf("--min-weight: '%s' is not a number >= 0", arg);
            return -1;
        }
        return 1;
    case CLI_OPT_EGO:
        o->filter.ego = arg;
        return 1;
    case CLI_OPT_RADIUS:
        if (cli_parse_number(arg, 1, 1000, &v)) {
            cli_errorf("--radius: '%s' is not a whole number from 0 to "
                       "1000", arg);
            return -1;
        }
        o->filter.radius = (int)v;
        o->radius_given = 1;
        return 1;
    case CLI_OPT_GIANT:
        o->filter.giant = 1;
        return 1;
    case CLI_OPT_COMMUNITIES:
        if (an_community_parse(arg, &o->analyse.community)) {
            cli_errorf("--communities: '%s' is not leiden, louvain or none",
                       arg);
            return -1;
        }
        return 1;
    case CLI_OPT_CUTOFF:
        if (cli_parse_number(arg, 0, 1e300, &v) || v <= 0) {
            cli_errorf("--cutoff: '%s' is not a path length > 0 (such as "
                       "2)", arg);
            return -1;
        }
        o->analyse.cutoff = v;
        return 1;
    case CLI_OPT_SAMPLE:
        if (!strcmp(arg, "all")) {
            o->analyse.sample = 0;
        } else if (!strcmp(arg, "auto")) {
            o->analyse.sample = -1;
        } else if (cli_parse_number(arg, 1, 1e9, &v) || v < 1) {
            cli_errorf("--sample: '%s' is not a number of sources >= 1, "
                       "'all' or 'auto'", arg);
            return -1;
        } else {
            o->analyse.sample = (long)v;
        }
        return 1;
    default:
        return 0;
    }
}

int cli_graph_check(const cli_graph_opts *o)
{
    if (o->radius_given && !o->filter.ego) {
        cli_errorf("--radius needs --ego ID");
        return -1;
    }
    if (o->agg.network == AN_NETWORK_ACTS_ON && o->window_given) {
        cli_errorf("--window is for the co-occurrence network; the acts-on "
                   "network links actor and target within a sentence");
        return -1;
    }
    if (o->agg.network != AN_NETWORK_ACTS_ON && o->acts_option) {
        cli_errorf("%s is for the acts-on network; add --network acts-on",
                   o->acts_option);
        return -1;
    }
    return 0;
}

/* Reads and counts every document; CLI_OK or CLI_FAIL (reported). */
/* The callback of cli_run: counts one document in the worker's aggregate. */
static int count_document(void *ctx, const actnet_extractor *ex,
                          const actnet_document *doc, an_buf *out)
{
    (void)out;
    return an_agg_add_document(ctx, ex, doc);
}

/*
 * Reads and counts every document into agg, on --threads workers (each
 * with an aggregate of its own, merged into agg at the end: the result
 * does not depend on the order).  CLI_OK, CLI_FAIL or CLI_USAGE
 * (reported).
 */
static int count_corpus(cli_common *c, const actnet_rules *rules,
                        an_agg *agg, size_t *docs)
{
    size_t n = cli_run_workers(c);
    an_agg **aggs = calloc(n, sizeof(*aggs));
    int rc = CLI_FAIL;

    if (!aggs) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    aggs[0] = agg;
    for (size_t i = 1; i < n; i++)
        if (!(aggs[i] = an_agg_create(an_agg_get_options(agg)))) {
            cli_errorf("out of memory");
            goto out;
        }
    /* co-occurrence needs the mentions only: no relate stage */
    cli_run_spec spec = {count_document, (void *const *)aggs, n, NULL, NULL,
                         an_agg_get_options(agg)->network ==
                             AN_NETWORK_ACTS_ON};
    rc = cli_run(c, rules, &spec, docs);
    for (size_t i = 1; rc == CLI_OK && i < n; i++)
        if (an_agg_merge(agg, aggs[i]) != ACTNET_OK) {
            cli_errorf("out of memory while merging the counts");
            rc = CLI_FAIL;
        }
out:
    for (size_t i = 1; i < n; i++)
        an_agg_destroy(aggs[i]);
    free(aggs);
    return rc;
}

/* The warnings of cli_warn_counts from the totals of some counts. */
static void warn_totals(const cli_common *c, const actnet_rules *rules,
                        uint64_t bad_dates, uint64_t nodes, int acts_on,
                        uint64_t acts, uint64_t left_out)
{
    if (c->quiet)
        return;
    if (bad_dates)
        cli_errorf("warning: %llu document%s had a date that does not start "
                   "with YYYY-MM-DD; they count as undated",
                   (unsigned long long)bad_dates, bad_dates == 1 ? "" : "s");
    if (nodes == 0)
        cli_errorf("warning: no entity of the rules was found; the network "
                   "is empty");
    else if (acts_on && acts == 0)
        cli_errorf("warning: no acts-on event was found%s; the network is "
                   "empty",
                   rules && actnet_rules_relation_count(rules) == 0
                       ? " (the rules define no relations: add a "
                         "relations: section, see rules/README.md)"
                   : left_out ? " (only negated or hedged ones, left "
                                "out: see --negated, --hedged)"
                              : "");
}

static void warn_about(const cli_common *c, const actnet_rules *rules,
                       const an_agg *agg)
{
    const an_agg_stats *st = an_agg_get_stats(agg);
    warn_totals(c, rules, st->bad_dates, an_agg_node_count(agg),
                an_agg_get_options(agg)->network == AN_NETWORK_ACTS_ON,
                an_agg_act_count(agg), st->left_out);
}

void cli_warn_counts(const cli_common *c, const actnet_rules *rules,
                     const actnet_counts *counts)
{
    actnet_counts_stats st;
    actnet_counts_options o;
    actnet_counts_get_stats(counts, &st);
    actnet_counts_get_options(counts, &o);
    warn_totals(c, rules, st.bad_dates, st.nodes,
                o.network == ACTNET_NETWORK_ACTS_ON, st.edges, st.left_out);
}

/* ---- the public API's way (cli_network.h) ------------------------------ */

cli_graph_opts *cli_graph_opts_new(void)
{
    cli_graph_opts *o = malloc(sizeof(*o));
    if (o)
        cli_graph_opts_init(o);
    return o;
}

void cli_graph_opts_free(cli_graph_opts *o)
{
    free(o);
}

void cli_graph_get(const cli_graph_opts *o, actnet_counts_options *counts,
                   actnet_filter *filter, actnet_analyse_options *analyse)
{
    if (counts) {
        const an_agg_options *a = &o->agg;
        actnet_counts_options_init(counts);
        counts->network = (actnet_network_kind)a->network;
        counts->window.kind = (actnet_window_kind)a->window.kind;
        counts->window.tokens = a->window.tokens;
        counts->evidence = a->evidence;
        counts->evidence_bytes = a->evidence_bytes;
        counts->include_negated = a->include_negated;
        counts->exclude_hedged = a->exclude_hedged;
        counts->collapse = a->collapse;
        counts->places = a->places;
        counts->include_media = a->include_media;
    }
    if (filter) {
        const an_graph_filter *f = &o->filter;
        actnet_filter_init(filter);
        filter->types = f->types;
        filter->min_mentions = f->min_mentions;
        filter->min_weight = f->min_weight;
        filter->ego = f->ego;
        filter->radius = f->radius;
        filter->top = (int64_t)f->top;
        filter->giant = f->giant;
    }
    if (analyse) {
        const an_analyse_options *a = &o->analyse;
        actnet_analyse_options_init(analyse);
        analyse->measures = a->measures;
        analyse->community = (actnet_community)a->community;
        analyse->cutoff = a->cutoff;
        analyse->sample = a->sample;
        analyse->seed = a->seed;
    }
}

void cli_graph_set_top(cli_graph_opts *o, int64_t top)
{
    o->filter.top = (igraph_integer_t)top;
}

void cli_graph_set_counts(cli_graph_opts *o,
                          const actnet_counts_options *counts)
{
    an_agg_options *a = &o->agg;
    a->network = (an_network)counts->network;
    a->window.kind = (an_window_kind)counts->window.kind;
    a->window.tokens = counts->window.tokens;
    a->evidence = counts->evidence;
    a->evidence_bytes = counts->evidence_bytes;
    a->include_negated = counts->include_negated;
    a->exclude_hedged = counts->exclude_hedged;
    a->collapse = counts->collapse;
    a->places = counts->places;
    a->include_media = counts->include_media;
}

/* The callback of cli_run: counts one document in the worker's counts. */
static int count_counts(void *ctx, const actnet_extractor *ex,
                        const actnet_document *doc, an_buf *out)
{
    (void)out;
    return actnet_counts_add(ctx, ex, doc, NULL) == ACTNET_OK ? 0 : -1;
}

int cli_corpus_counts(cli_common *c, const actnet_rules *rules,
                      const cli_graph_opts *o, actnet_counts **counts,
                      size_t *docs)
{
    size_t n = cli_run_workers(c);
    actnet_counts **all = calloc(n, sizeof(*all));
    actnet_counts_options co;
    actnet_error err;
    int rc = CLI_FAIL;

    *counts = NULL;
    *docs = 0;
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    cli_graph_get(o, &co, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        actnet_error_clear(&err);
        if (actnet_counts_create(&co, &all[i], &err) != ACTNET_OK) {
            cli_print_error(&err);
            goto out;
        }
    }
    /* co-occurrence needs the mentions only: no relate stage */
    cli_run_spec spec = {count_counts, (void *const *)all, n, NULL, NULL,
                         co.network == ACTNET_NETWORK_ACTS_ON};
    rc = cli_run(c, rules, &spec, docs);
    for (size_t i = 1; rc == CLI_OK && i < n; i++)
        if (actnet_counts_merge(all[0], all[i], NULL) != ACTNET_OK) {
            cli_errorf("out of memory while merging the counts");
            rc = CLI_FAIL;
        }
    if (rc == CLI_OK) {
        *counts = all[0];
        all[0] = NULL;
    }
out:
    for (size_t i = 0; i < n; i++)
        actnet_counts_destroy(all[i]);
    free(all);
    return rc;
}

/* The notes of cli_analyse and cli_network_analyse. */
static void analyse_notes(const cli_common *c, int directed, double nodes,
                          double edges, long sample, int warn_skipped,
                          uint32_t skipped, long long sources)
{
    if (c->quiet)
        return;
    for (int i = 0; warn_skipped && i < ACTNET_MEASURE_COUNT; i++)
        if (skipped & ACTNET_MEASURE_BIT(i))
            cli_errorf("warning: %s is not defined for the %s network; "
                       "left out", actnet_measure_name((actnet_measure)i),
                       directed ? "acts-on" : "co-occurrence");
    if (sources > 0 && sample < 0)
        cli_errorf("note: the network is large (%lld nodes, %lld edges): "
                   "betweenness, closeness and harmonic are estimated from "
                   "%lld sources drawn at random (seeded); --sample all "
                   "computes them exactly (slow)",
                   (long long)nodes, (long long)edges, sources);
}

int cli_network_analyse(const cli_common *c, actnet_network *net,
                        const actnet_analyse_options *o, int warn_skipped,
                        actnet_analyse_report *report)
{
    actnet_analyse_report rep;
    actnet_error err;

    actnet_error_clear(&err);
    if (actnet_network_analyse(net, o, &rep, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return -1;
    }
    if (report)
        *report = rep;
    analyse_notes(c, actnet_network_is_directed(net),
                  (double)actnet_network_node_count(net),
                  (double)actnet_network_edge_count(net), o->sample,
                  warn_skipped, rep.skipped, (long long)rep.path_sources);
    return 0;
}

int cli_corpus_graph(cli_common *c, const actnet_rules *rules,
                     const cli_graph_opts *o, igraph_t *g, size_t *docs)
{
    an_agg *agg = an_agg_create(&o->agg);
    int rc;

    *docs = 0;
    if (!agg) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    rc = count_corpus(c, rules, agg, docs);
    if (rc != CLI_OK) {
        an_agg_destroy(agg);
        return rc;
    }
    return cli_agg_graph(c, rules, o, agg, g);
}

int cli_agg_graph(const cli_common *c, const actnet_rules *rules,
                  const cli_graph_opts *o, an_agg *agg, igraph_t *g)
{
    actnet_error err;
    size_t n_nodes;
    int rc = CLI_FAIL;

    actnet_error_clear(&err);
    an_agg_compact(agg);            /* nothing is counted any more */
    if (an_graph_build(agg, g, &err) != ACTNET_OK) {
        cli_print_error(&err);
        goto out;
    }
    warn_about(c, rules, agg);
    n_nodes = an_agg_node_count(agg);
    an_agg_destroy(agg);            /* the graph holds all that is needed */
    agg = NULL;
    actnet_error_clear(&err);
    if (an_graph_filter_apply(g, &o->filter, &err) != ACTNET_OK) {
        cli_print_error(&err);
        igraph_destroy(g);
        goto out;
    }
    if (!c->quiet && igraph_vcount(g) == 0 && n_nodes > 0)
        cli_errorf("warning: no node is left after the filters; the network "
                   "is empty");
    rc = CLI_OK;
out:
    an_agg_destroy(agg);
    return rc;
}

int cli_graph_filtered(const cli_graph_opts *o)
{
    const an_graph_filter *f = &o->filter;
    return f->types || f->min_mentions > 0 || f->min_weight > 0 || f->ego ||
           f->top > 0 || f->giant;
}

int cli_analyse(const cli_common *c, igraph_t *g,
                const an_analyse_options *o, int warn_skipped,
                an_analyse_report *report)
{
    an_analyse_report rep;
    actnet_error err;

    actnet_error_clear(&err);
    if (an_analyse(g, o, &rep, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return -1;
    }
    if (report)
        *report = rep;
    analyse_notes(c, igraph_is_directed(g), (double)igraph_vcount(g),
                  (double)igraph_ecount(g), o->sample, warn_skipped,
                  rep.skipped, (long long)rep.paths.sources);
    return 0;
}
