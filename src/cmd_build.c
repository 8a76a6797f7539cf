/*
 * cmd_build.c — `actnet build INPUT... -o FILE`: extraction and the
 * network in one pass.  Documents are read, run through the extractor
 * and counted by the aggregate stage; the graph is built and filtered
 * once; then every output is written to a temporary file and all of them
 * are renamed into place only when all were written, so a failed run
 * leaves no partial file.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actnet.h"
#include "aggregate.h"
#include "cli.h"
#include "graph.h"
#include "write.h"

static const char help[] =
    "Usage: actnet build [OPTIONS] INPUT... -o FILE [-o FILE...]\n"
    "\n"
    "Finds the entities of the rules in the documents and writes their\n"
    "co-occurrence network: a node per entity, an edge between two entities\n"
    "that occur in the same window, weighted by the number of windows.\n"
    "\n"
    "Output:\n"
    "  -o, --output FILE    write the network to FILE (repeatable).  The\n"
    "                       extension gives the format: .graphml, .gexf,\n"
    "                       .dot or .gv, .json, .nodes.csv, .edges.csv, and\n"
    "                       .csv for both tables (-o net.csv writes\n"
    "                       net.nodes.csv and net.edges.csv).  - is standard\n"
    "                       output (give --format).  Files are replaced only\n"
    "                       when every output was written.\n"
    "  -f, --format FMT     the format of every output, whatever its name:\n"
    "                       graphml, gexf, dot, json, csv, csv-nodes,\n"
    "                       csv-edges\n"
    "\n"
    "Network:\n"
    "  --network KIND       cooccurrence (the default and, for now, the only\n"
    "                       one)\n"
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
    "\n"
    "Filters, applied in this order:\n"
    "  --types LIST         keep nodes of these types (comma-separated:\n"
    "                       person, organisation, country)\n"
    "  --min-mentions N     keep nodes mentioned at least N times\n"
    "  --min-weight W       keep edges of weight at least W\n"
    "  --ego ID             keep the nodes at most --radius steps from node\n"
    "                       ID (an entity id such as a rule id, or a label)\n"
    "  --radius R           steps for --ego (default 1)\n"
    "  --top N              keep the N most-mentioned nodes (ties: by id)\n"
    "  --giant              keep the largest connected component\n"
    "\n"
    "Nodes carry id, label, type, country, mentions, documents and, when\n"
    "documents have dates, the first and last date; edges carry weight,\n"
    "documents and first / last date.\n"
    "\n"
    "  -h, --help           this text\n"
    "\n";

enum {
    OPT_FORMAT = CLI_OPT_FIRST_COMMAND, OPT_NETWORK, OPT_WINDOW, OPT_EVIDENCE,
    OPT_TYPES, OPT_MIN_MENTIONS, OPT_MIN_WEIGHT, OPT_EGO, OPT_RADIUS, OPT_TOP,
    OPT_GIANT
};

/* One file to write. */
typedef struct build_output {
    const char *path;       /* as given, or derived (then in owned) */
    char *owned;
    an_format format;
    cli_output out;
} build_output;

typedef struct build_opts {
    const char **paths;     /* -o, in order */
    size_t n_paths;
    const char *format;     /* --format */
    an_agg_options agg;
    an_graph_filter filter;
    int radius_given;
    build_output *outs;
    size_t n_outs;
} build_opts;

static void build_opts_free(build_opts *o)
{
    for (size_t i = 0; i < o->n_outs; i++) {
        cli_output_abort(&o->outs[i].out);
        free(o->outs[i].owned);
    }
    free(o->outs);
    free(o->paths);
}

/* Parses a number >= 0 (integer when whole is set); 0 / -1. */
static int parse_number(const char *s, int whole, double max, double *out)
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

static int add_output(build_opts *o, const char *path, char *owned,
                      an_format f)
{
    build_output *p = realloc(o->outs, (o->n_outs + 1) * sizeof(*p));
    if (!p) {
        free(owned);
        cli_errorf("out of memory");
        return -1;
    }
    o->outs = p;
    memset(&p[o->n_outs], 0, sizeof(p[0]));
    p[o->n_outs].path = owned ? owned : path;
    p[o->n_outs].owned = owned;
    p[o->n_outs].format = f;
    o->n_outs++;
    return 0;
}

/* X.csv (or X) -> X.nodes.csv / X.edges.csv; NULL when out of memory. */
static char *csv_table_path(const char *path, const char *table)
{
    size_t len = strlen(path);
    if (len > 4 && !strcasecmp(path + len - 4, ".csv"))
        len -= 4;
    char *p = malloc(len + strlen(table) + 6);
    if (p)
        sprintf(p, "%.*s.%s.csv", (int)len, path, table);
    return p;
}

/* Turns the -o list into the files to write; reports usage errors. */
static int plan_outputs(build_opts *o)
{
    an_format forced = AN_FORMAT_GRAPHML, f;
    int n_stdout = 0;

    if (o->format && an_format_parse(o->format, &forced)) {
        cli_errorf("--format: '%s' is not one of graphml, gexf, dot, json, "
                   "csv, csv-nodes, csv-edges", o->format);
        return -1;
    }
    if (!o->n_paths) {
        cli_errorf("no output: give -o FILE (e.g. -o network.graphml; see "
                   "--help)");
        return -1;
    }
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *path = o->paths[i];
        int is_stdout = !strcmp(path, "-");
        if (o->format) {
            f = forced;
        } else if (is_stdout) {
            cli_errorf("-o -: give --format to write to standard output "
                       "(graphml, gexf, dot, json, csv-nodes or csv-edges)");
            return -1;
        } else if (an_format_from_path(path, &f)) {
            cli_errorf("-o %s: cannot tell the format from the name; use "
                       ".graphml, .gexf, .dot, .gv, .json or .csv, or give "
                       "--format", path);
            return -1;
        }
        if (is_stdout && n_stdout++) {
            cli_errorf("-o -: only one output can go to standard output");
            return -1;
        }
        if (f != AN_FORMAT_CSV) {
            if (add_output(o, path, NULL, f))
                return -1;
            continue;
        }
        if (is_stdout) {
            cli_errorf("-o -: the csv format writes two files; give a file "
                       "name, or --format csv-nodes or csv-edges for one "
                       "table on standard output");
            return -1;
        }
        char *nodes = csv_table_path(path, "nodes");
        if (!nodes || add_output(o, NULL, nodes, AN_FORMAT_CSV_NODES)) {
            cli_errorf("out of memory");
            return -1;
        }
        char *edges = csv_table_path(path, "edges");
        if (!edges || add_output(o, NULL, edges, AN_FORMAT_CSV_EDGES)) {
            cli_errorf("out of memory");
            return -1;
        }
    }
    return 0;
}

static int push_path(build_opts *o, const char *path)
{
    const char **p = realloc(o->paths, (o->n_paths + 1) * sizeof(*p));
    if (!p) {
        cli_errorf("out of memory");
        return -1;
    }
    p[o->n_paths++] = path;
    o->paths = p;
    return 0;
}

/* Handles one build option; 0, or -1 when reported as a usage error. */
static int build_option(build_opts *o, int opt, const char *arg)
{
    double v;
    switch (opt) {
    case 'o':
        return push_path(o, arg);
    case 'f':
    case OPT_FORMAT:
        o->format = arg;
        return 0;
    case OPT_NETWORK:
        if (!strcmp(arg, "cooccurrence") || !strcmp(arg, "co-occurrence"))
            return 0;
        if (!strcmp(arg, "acts-on"))
            cli_errorf("--network acts-on is not available in this version "
                       "yet; use --network cooccurrence");
        else
            cli_errorf("--network: '%s' is not a network kind; use "
                       "cooccurrence", arg);
        return -1;
    case OPT_WINDOW:
        if (an_window_parse(arg, &o->agg.window)) {
            cli_errorf("--window: '%s' is not sentence, paragraph, document "
                       "or a number of tokens from 1 to 100000", arg);
            return -1;
        }
        return 0;
    case OPT_EVIDENCE:
        o->agg.evidence = AN_EVIDENCE_DEFAULT;
        if (!arg)
            return 0;
        if (parse_number(arg, 1, AN_EVIDENCE_MAX, &v) || v < 1) {
            cli_errorf("--evidence=%s: give a number of examples from 1 to "
                       "%d (write --evidence=K, with '=')", arg,
                       AN_EVIDENCE_MAX);
            return -1;
        }
        o->agg.evidence = (uint32_t)v;
        return 0;
    case OPT_TYPES:
        if (an_graph_parse_types(arg, &o->filter.types)) {
            cli_errorf("--types: '%s' is not a comma-separated list of "
                       "person, organisation, country", arg);
            return -1;
        }
        return 0;
    case OPT_MIN_MENTIONS:
        if (parse_number(arg, 1, 1e15, &o->filter.min_mentions)) {
            cli_errorf("--min-mentions: '%s' is not a whole number >= 0",
                       arg);
            return -1;
        }
        return 0;
    case OPT_MIN_WEIGHT:
        if (parse_number(arg, 0, 1e15, &o->filter.min_weight)) {
            cli_errorf("--min-weight: '%s' is not a number >= 0", arg);
            return -1;
        }
        return 0;
    case OPT_EGO:
        o->filter.ego = arg;
        return 0;
    case OPT_RADIUS:
        if (parse_number(arg, 1, 1000, &v)) {
            cli_errorf("--radius: '%s' is not a whole number from 0 to "
                       "1000", arg);
            return -1;
        }
        o->filter.radius = (int)v;
        o->radius_given = 1;
        return 0;
    case OPT_TOP:
        if (parse_number(arg, 1, 1e12, &v) || v < 1) {
            cli_errorf("--top: '%s' is not a whole number >= 1", arg);
            return -1;
        }
        o->filter.top = (igraph_integer_t)v;
        return 0;
    case OPT_GIANT:
        o->filter.giant = 1;
        return 0;
    default:
        fputs("Try 'actnet build --help'.\n", stderr);
        return -1;
    }
}

/* Returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_args(int argc, char **argv, cli_common *c, build_opts *o)
{
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"network", required_argument, NULL, OPT_NETWORK},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"evidence", optional_argument, NULL, OPT_EVIDENCE},
        {"types", required_argument, NULL, OPT_TYPES},
        {"min-mentions", required_argument, NULL, OPT_MIN_MENTIONS},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"ego", required_argument, NULL, OPT_EGO},
        {"radius", required_argument, NULL, OPT_RADIUS},
        {"top", required_argument, NULL, OPT_TOP},
        {"giant", no_argument, NULL, OPT_GIANT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int rc = CLI_USAGE, opt;
    struct option *all = cli_merge_options(own);
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:f:h", all, NULL)) != -1) {
        int r = cli_common_option(c, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (opt == 'h') {
            fputs(help, stdout);
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        }
        if (build_option(o, opt, optarg))
            goto out;
    }
    if (o->radius_given && !o->filter.ego) {
        cli_errorf("--radius needs --ego ID");
        goto out;
    }
    if (plan_outputs(o) || cli_common_inputs(c, argc, argv, optind))
        goto out;
    rc = CLI_OK;
out:
    free(all);
    return rc;
}

/* Reads and counts every document; CLI_OK or CLI_FAIL (reported). */
static int count_corpus(cli_common *c, const actnet_rules *rules,
                        an_agg *agg, size_t *docs)
{
    actnet_reader *reader = NULL;
    actnet_extractor *ex = NULL;
    int rc = CLI_FAIL;

    if (!(reader = cli_open_reader(c)))
        goto out;
    if (!(ex = actnet_extractor_create(rules))) {
        cli_errorf("out of memory");
        goto out;
    }
    for (;;) {
        actnet_document doc;
        actnet_error err;
        actnet_error_clear(&err);
        actnet_status st = actnet_reader_next(reader, &doc, &err);
        if (st == ACTNET_DONE)
            break;
        if (st == ACTNET_OK)
            st = actnet_extractor_run(ex, &doc, &err);
        if (st != ACTNET_OK) {
            if (cli_document_error(c, st, &err))
                goto out;
            continue;
        }
        if (cli_document_repaired(c, reader, ex, &doc))
            goto out;
        if (an_agg_add_document(agg, ex, &doc)) {
            cli_errorf("out of memory while counting %s", doc.id);
            goto out;
        }
        (*docs)++;
    }
    rc = CLI_OK;
out:
    actnet_extractor_destroy(ex);
    actnet_reader_destroy(reader);
    return rc;
}

/* Opens every output's temporary file before the corpus is read, so an
 * unwritable output is reported at once; 0 / -1 (reported). */
static int open_outputs(build_opts *o)
{
    for (size_t i = 0; i < o->n_outs; i++)
        if (cli_output_open(&o->outs[i].out, o->outs[i].path))
            return -1;
    return 0;
}

/* Writes every output to its temporary file, then renames them all. */
static int write_outputs(build_opts *o, const igraph_t *g)
{
    for (size_t i = 0; i < o->n_outs; i++) {
        build_output *b = &o->outs[i];
        actnet_error err;
        actnet_error_clear(&err);
        if (an_write_graph(g, b->format, b->out.fp, &err) != ACTNET_OK) {
            if (b->out.path)
                snprintf(err.path, sizeof(err.path), "%s", b->path);
            cli_print_error(&err);
            cli_errorf("nothing was written");
            return -1;
        }
    }
    for (size_t i = 0; i < o->n_outs; i++)
        if (cli_output_commit(&o->outs[i].out))
            return -1;
    return 0;
}

static void warn_about(const cli_common *c, const an_agg *agg)
{
    const an_agg_stats *st = an_agg_get_stats(agg);
    if (c->quiet)
        return;
    if (st->bad_dates)
        cli_errorf("warning: %llu document%s had a date that does not start "
                   "with YYYY-MM-DD; they count as undated",
                   (unsigned long long)st->bad_dates,
                   st->bad_dates == 1 ? "" : "s");
    if (an_agg_node_count(agg) == 0)
        cli_errorf("warning: no entity of the rules was found; the network "
                   "is empty");
}

int cmd_build(int argc, char **argv)
{
    cli_common c;
    build_opts o;
    actnet_rules *rules = NULL;
    an_agg *agg = NULL;
    igraph_t g;
    int have_graph = 0, rc;
    size_t docs = 0, n_nodes = 0;
    actnet_error err;

    cli_common_init(&c);
    memset(&o, 0, sizeof(o));
    an_agg_options_init(&o.agg);
    an_graph_filter_init(&o.filter);
    rc = parse_args(argc, argv, &c, &o);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!(rules = cli_load_rules(&c)))
        goto out;
    if (!(agg = an_agg_create(&o.agg))) {
        cli_errorf("out of memory");
        goto out;
    }
    if (open_outputs(&o))
        goto out;
    rc = count_corpus(&c, rules, agg, &docs);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    actnet_error_clear(&err);
    if (an_graph_build(agg, &g, &err) != ACTNET_OK) {
        cli_print_error(&err);
        goto out;
    }
    have_graph = 1;
    warn_about(&c, agg);
    n_nodes = an_agg_node_count(agg);
    an_agg_destroy(agg);            /* the graph holds all that is needed */
    agg = NULL;
    actnet_error_clear(&err);
    if (an_graph_filter_apply(&g, &o.filter, &err) != ACTNET_OK) {
        cli_print_error(&err);
        cli_errorf("nothing was written");
        goto out;
    }
    if (!c.quiet && igraph_vcount(&g) == 0 && n_nodes > 0)
        cli_errorf("warning: no node is left after the filters; the network "
                   "is empty");
    if (write_outputs(&o, &g))
        goto out;
    cli_report_summary(&c, docs);
    rc = CLI_OK;
out:
    build_opts_free(&o);
    if (have_graph)
        igraph_destroy(&g);
    an_agg_destroy(agg);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
