/*
 * cmd_build.c — `actnet build INPUT... -o FILE`: extraction and the
 * network in one pass, a client of the public API (include/actnet.h)
 * alone.  The corpus is counted into an actnet_counts (cli_graph.c,
 * shared with rank) that becomes an actnet_network: written as it was
 * counted, or filtered, and with --measures analysed (centralities and
 * communities as node attributes).
 * Then every output is written to a temporary file (rows formatted on
 * the --threads threads, the same bytes for any number) and all of them
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
#include "cli/cli.h"
#include "cli/cli_network.h"

static const char help_start[] =
    "Usage: actnet build [OPTIONS] INPUT... -o FILE [-o FILE...]\n"
    "\n"
    "Finds the entities of the rules in the documents and writes their\n"
    "co-occurrence network: a node per entity, an edge between two entities\n"
    "that occur in the same window, weighted by the number of windows; or,\n"
    "with --network acts-on, who acts on whom: an edge from actor to target\n"
    "per relation of the rules, weighted by the number of events.\n"
    "\n"
    "Output:\n";

static const char help[] =
    "  --top N              keep the N most-mentioned nodes (ties: by id;\n"
    "                       0 = all, the default)\n"
    "  --giant              keep the largest connected component\n"
    "\n"
    "Nodes carry id, label, type, country, mentions, documents and, when\n"
    "documents have dates, the first and last date; edges carry weight,\n"
    "documents and first / last date; acts-on edges also relation, label,\n"
    "polarity, class, symmetric, negated and hedged.  A symmetric relation\n"
    "(meet) is one edge per pair, from the smaller id to the larger.\n"
    "\n"
    "Measures (of the filtered network; see actnet rank --help):\n"
    "  --measures[=LIST]    add centralities and the community as node\n"
    "                       attributes (GraphML, GEXF, CSV, JSON): every\n"
    "                       measure that applies to the network, or those of\n"
    "                       the comma-separated LIST (names as for rank\n"
    "                       --by), plus community\n"
    "  --size-by MEASURE    size nodes in DOT and GEXF by MEASURE (default:\n"
    "                       pagerank with --measures, else mentions);\n"
    "                       computed if --measures did not\n"
    "  --color-by WHAT      colour nodes in DOT, GEXF and GraphML by type\n"
    "                       (the default) or community\n"
    "\n"
    "Layout: node positions from igraph's Fruchterman-Reingold layout\n"
    "(seeded: the same network gets the same picture) are written as GEXF\n"
    "viz:position and as x / y node attributes (GraphML, JSON, CSV), so\n"
    "Gephi, sigma.js and d3 start from a readable picture.\n"
    "  --no-layout          leave positions out\n";

static const char merge_start[] =
    "Usage: actnet merge [OPTIONS] PARTIAL... -o FILE [-o FILE...]\n"
    "\n"
    "Combines partial results written by actnet extract (files, or - for\n"
    "standard input) into the network one actnet build over all their\n"
    "documents would write, byte for byte, and writes it as build does.\n"
    "The partials must be made with the same network options (--network,\n"
    "--window, --evidence, ...), which they carry; filters and measures\n"
    "apply here.\n"
    "\n"
    "  -o FILE.partial      (or --format partial) write the merged partial\n"
    "                       result instead, for a merge of merges (a tree\n"
    "                       reduce): any tree of merges gives the bytes of\n"
    "                       one actnet extract over all the documents.  No\n"
    "                       filters or measures then.\n"
    "\n";

static const char help_end[] =
    "\n"
    "  -h, --help           this text\n"
    "\n";

enum {
    OPT_FORMAT = CLI_OPT_FIRST_COMMAND, OPT_TOP, OPT_MEASURES, OPT_SIZE_BY,
    OPT_COLOR_BY, OPT_NO_LAYOUT
};

/* One file to write. */
typedef struct build_output {
    const char *path;       /* as given, or derived (then in owned) */
    char *owned;
    actnet_format format;
    int partial;            /* merge: a partial result, not a network */
    cli_output out;
} build_output;

typedef struct build_opts {
    const char **paths;     /* -o, in order */
    size_t n_paths;
    const char *format;     /* --format */
    cli_graph_opts *graph;  /* the network options (cli_network.h) */
    int measures;           /* --measures given */
    uint32_t measure_mask;  /* its list (all when none) */
    int size_by;            /* actnet_measure, -1 = mentions (the default) */
    int size_by_given;
    int color_by_community; /* --color-by community */
    int no_layout;          /* --no-layout */
    build_output *outs;
    size_t n_outs;
    int merge;              /* actnet merge (partial outputs allowed) */
    size_t n_partial;       /* outputs that are partials */
} build_opts;

static void build_opts_free(build_opts *o)
{
    for (size_t i = 0; i < o->n_outs; i++) {
        cli_output_abort(&o->outs[i].out);
        free(o->outs[i].owned);
    }
    free(o->outs);
    free(o->paths);
    cli_graph_opts_free(o->graph);
}

static int add_output(build_opts *o, const char *path, char *owned,
                      actnet_format f)
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

static int is_partial_name(const char *path)
{
    const char *f = actnet_format_of_path(path, ACTNET_HOLDS_NETWORK |
                                                    ACTNET_HOLDS_PARTIAL);
    return f && !strcmp(f, "partial");
}

/* The format table's list of kinds (an_format_list) in a NUL-terminated
 * buffer the caller frees; NULL when out of memory (reported). */
static char *format_list(unsigned kinds, unsigned how, const char *sep,
                         const char *last)
{
    actnet_buffer b = {0};
    if (actnet_format_list(&b, kinds, how, sep, last) ||
        actnet_buffer_putc(&b, 0)) {
        actnet_buffer_finish(&b);
        cli_errorf("out of memory");
        return NULL;
    }
    return b.data;
}

/* The Output: options of build and merge, from the format table.  0, or
 * -1 when out of memory (reported). */
static int print_output_help(void)
{
    static const char o_start[] =
        "write the network to FILE (repeatable).  The extension gives the "
        "format: ";
    static const char o_end[] =
        ".  - is standard output (give --format).  Files are replaced only "
        "when every output was written.";
    static const char f_start[] =
        "the format of every output, whatever its name: ";
    actnet_buffer o = {0}, f = {0};
    int rc = -1;
    if (actnet_buffer_append(&o, o_start, strlen(o_start)) ||
        actnet_format_list(&o, ACTNET_HOLDS_NETWORK, ACTNET_LIST_SENTENCE,
                           NULL, NULL) ||
        actnet_buffer_append(&o, o_end, sizeof(o_end)) ||
        actnet_buffer_append(&f, f_start, strlen(f_start)) ||
        actnet_format_list(&f, ACTNET_HOLDS_NETWORK, 0, ", ", NULL) ||
        actnet_buffer_putc(&f, 0)) {
        cli_errorf("out of memory");
        goto out;
    }
    cli_help_option(stdout, "-o, --output FILE", o.data);
    cli_help_option(stdout, "-f, --format FMT", f.data);
    fputc('\n', stdout);
    rc = 0;
out:
    actnet_buffer_finish(&o);
    actnet_buffer_finish(&f);
    return rc;
}

/* Turns the -o list into the files to write; reports usage errors. */
static int plan_outputs(build_opts *o)
{
    actnet_format forced = ACTNET_FORMAT_GRAPHML, f;
    int n_stdout = 0;
    /* merge writes partials too; build names them only to refuse them */
    unsigned kinds = ACTNET_HOLDS_NETWORK |
                     (o->merge ? ACTNET_HOLDS_PARTIAL : 0);
    const char *fi =
        o->format ? actnet_format_find(o->format, ACTNET_HOLDS_NETWORK |
                                                      ACTNET_HOLDS_PARTIAL)
                  : NULL;
    int all_partial = fi && !strcmp(fi, "partial");

    if (o->format && !fi) {
        char *l = format_list(kinds, 0, ", ", NULL);
        if (l)
            cli_errorf("--format: '%s' is not one of %s", o->format, l);
        free(l);
        return -1;
    }
    if (fi && !all_partial && actnet_format_parse(fi, &forced) != ACTNET_OK)
        return -1;   /* (the table's network names all parse) */
    if (!o->n_paths) {
        cli_errorf("no output: give -o FILE (e.g. -o network.graphml; see "
                   "--help)");
        return -1;
    }
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *path = o->paths[i];
        int is_stdout = !strcmp(path, "-");
        if (all_partial || (!o->format && is_partial_name(path))) {
            if (!o->merge) {
                cli_errorf("-o %s: build writes networks; a partial result "
                           "is written by actnet extract (or merge)", path);
                return -1;
            }
            if (is_stdout && n_stdout++) {
                cli_errorf("-o -: only one output can go to standard "
                           "output");
                return -1;
            }
            if (add_output(o, path, NULL, ACTNET_FORMAT_GRAPHML))
                return -1;
            o->outs[o->n_outs - 1].partial = 1;
            o->n_partial++;
            continue;
        }
        if (o->format) {
            f = forced;
        } else if (is_stdout) {
            char *l = format_list(kinds, ACTNET_LIST_ONE_FILE, ", ", " or ");
            if (l)
                cli_errorf("-o -: give --format to write to standard output "
                           "(%s)", l);
            free(l);
            return -1;
        } else if (actnet_format_from_path(path, &f) != ACTNET_OK) {
            char *l = format_list(kinds, ACTNET_LIST_EXTS, ", ", " or ");
            if (l)
                cli_errorf("-o %s: cannot tell the format from the name; use "
                           "%s, or give --format", path, l);
            free(l);
            return -1;
        }
        if (is_stdout && n_stdout++) {
            cli_errorf("-o -: only one output can go to standard output");
            return -1;
        }
        if (f != ACTNET_FORMAT_CSV) {
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
        if (!nodes || add_output(o, NULL, nodes, ACTNET_FORMAT_CSV_NODES)) {
            cli_errorf("out of memory");
            return -1;
        }
        char *edges = csv_table_path(path, "edges");
        if (!edges || add_output(o, NULL, edges, ACTNET_FORMAT_CSV_EDGES)) {
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
    const char *bad = NULL;
    actnet_measure m;
    switch (opt) {
    case 'o':
        return push_path(o, arg);
    case 'f':
    case OPT_FORMAT:
        o->format = arg;
        return 0;
    case OPT_TOP:
        /* 0 keeps every node, as rank --top 0 shows every row */
        if (cli_parse_number(arg, 1, 1e12, &v) || v < 0) {
            cli_errorf("--top: '%s' is not a whole number >= 0 (0: all "
                       "nodes)", arg);
            return -1;
        }
        cli_graph_set_top(o->graph, (int64_t)v);
        return 0;
    case OPT_MEASURES:
        o->measures = 1;
        o->measure_mask = ACTNET_MEASURES_ALL;
        if (arg && actnet_measure_parse_list(arg, &o->measure_mask, &bad) !=
                       ACTNET_OK) {
            char hint[96], word[64];
            snprintf(word, sizeof(word), "%.*s", (int)strcspn(bad, ","), bad);
            cli_errorf("--measures=%s: unknown measure at '%s'%s; the "
                       "measures are listed by actnet rank --help", arg, bad,
                       cli_measure_hint(hint, sizeof(hint), word));
            return -1;
        }
        return 0;
    case OPT_SIZE_BY:
        if (!strcmp(arg, "mentions")) {
            o->size_by = -1;
        } else if (actnet_measure_parse(arg, &m) != ACTNET_OK) {
            cli_errorf("--size-by: '%s' is not mentions or a measure (see "
                       "actnet rank --help)", arg);
            return -1;
        } else {
            o->size_by = (int)m;
        }
        o->size_by_given = 1;
        return 0;
    case OPT_COLOR_BY:
        if (strcmp(arg, "type") && strcmp(arg, "community")) {
            cli_errorf("--color-by: '%s' is not type or community", arg);
            return -1;
        }
        o->color_by_community = !strcmp(arg, "community");
        return 0;
    case OPT_NO_LAYOUT:
        o->no_layout = 1;
        return 0;
    default:
        fputs("Try 'actnet build --help'.\n", stderr);
        return -1;
    }
}

/* Writes agg to every partial output's temporary file (renamed with the
 * others by write_outputs); 0 / -1 (reported). */
static int write_partials(build_opts *o, const actnet_counts *counts)
{
    for (size_t i = 0; i < o->n_outs; i++) {
        build_output *b = &o->outs[i];
        actnet_error err;
        if (!b->partial)
            continue;
        actnet_error_clear(&err);
        if (actnet_counts_write_partial(counts, b->out.fp, &err) !=
            ACTNET_OK) {
            if (b->out.path)
                snprintf(err.path, sizeof(err.path), "%s", b->path);
            cli_print_error(&err);
            cli_errorf("nothing was written");
            return -1;
        }
    }
    return 0;
}

/* True when the analyse stage has work (add_measures): then the network
 * is analysed. */
static int wants_analysis(const build_opts *o)
{
    return o->measures || (o->size_by_given && o->size_by >= 0) ||
           o->color_by_community;
}

/* Returns CLI_OK, CLI_USAGE, or -1 after --help.  merge: the options of
 * actnet merge (no network options; the inputs are partial results). */
static int parse_args(int argc, char **argv, cli_common *c, build_opts *o,
                      int merge)
{
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"top", required_argument, NULL, OPT_TOP},
        {"measures", optional_argument, NULL, OPT_MEASURES},
        {"size-by", required_argument, NULL, OPT_SIZE_BY},
        {"color-by", required_argument, NULL, OPT_COLOR_BY},
        {"colour-by", required_argument, NULL, OPT_COLOR_BY},
        {"no-layout", no_argument, NULL, OPT_NO_LAYOUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int rc = CLI_USAGE, opt, li = -1;
    struct option *all = cli_graph_merge_options(own);
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:f:h", all, &li)) != -1) {
        if (merge && (opt == CLI_OPT_NETWORK || opt == CLI_OPT_WINDOW ||
                      opt == CLI_OPT_EVIDENCE || opt == CLI_OPT_NEGATED ||
                      opt == CLI_OPT_MEDIA || opt == CLI_OPT_HEDGED ||
                      opt == CLI_OPT_COLLAPSE)) {
            cli_errorf("--%s: the partials carry the network options; "
                       "give it to actnet extract",
                       li >= 0 ? all[li].name : "this option");
            goto out;
        }
        int r = cli_common_option(c, opt, optarg);
        if (r == 0)
            r = cli_graph_option(o->graph, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (opt == 'h' && merge) {
            const char *filters = strstr(cli_graph_help, "Filters");
            fputs(merge_start, stdout);
            fputs(strstr(help_start, "Output:"), stdout);
            if (print_output_help())
                goto out;
            fputs(filters ? filters : cli_graph_help, stdout);
            fputs(help, stdout);
            fputs(cli_analyse_help, stdout);
            fputs(help_end, stdout);
            rc = -1;
            goto out;
        }
        if (opt == 'h') {
            fputs(help_start, stdout);
            if (print_output_help())
                goto out;
            fputs(cli_graph_help, stdout);
            fputs(help, stdout);
            fputs(cli_analyse_help, stdout);
            fputs(help_end, stdout);
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        }
        if (merge && opt != 'o' && opt != 'f' && opt != OPT_FORMAT &&
            opt != OPT_TOP && opt != OPT_MEASURES && opt != OPT_SIZE_BY &&
            opt != OPT_COLOR_BY && opt != OPT_NO_LAYOUT) {
            fputs("Try 'actnet merge --help'.\n", stderr);
            goto out;
        }
        if (build_option(o, opt, optarg))
            goto out;
    }
    if (cli_graph_check(o->graph))
        goto out;
    actnet_analyse_options ao;
    cli_graph_get(o->graph, NULL, NULL, &ao);
    if (o->color_by_community && ao.community == ACTNET_COMMUNITY_NONE) {
        cli_errorf("--color-by community needs communities; drop "
                   "--communities none");
        goto out;
    }
    if (plan_outputs(o) || cli_common_inputs(c, argc, argv, optind))
        goto out;
    if (o->n_partial && (cli_graph_filtered(o->graph) ||
                         wants_analysis(o))) {
        cli_errorf("a partial result holds the unfiltered counts: give "
                   "filters and measures to the last merge, the one that "
                   "writes the network");
        goto out;
    }
    rc = CLI_OK;
out:
    free(all);
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

/* Writes every output of net to its temporary file (the rows formatted
 * on threads threads), then renames them all. */
static int write_outputs(build_opts *o, actnet_network *net,
                         size_t threads)
{
    for (size_t i = 0; i < o->n_outs; i++) {
        build_output *b = &o->outs[i];
        actnet_error err;
        if (b->partial)
            continue;       /* written by write_partials */
        actnet_error_clear(&err);
        if (actnet_network_write(net, b->format, b->out.fp,
                                 (unsigned)threads, &err) != ACTNET_OK) {
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

/* Appends ", N thing(s)" to fp (the thing's plural adds an s). */
static void count_part(FILE *fp, uint64_t n, const char *thing,
                       const char *sep)
{
    fprintf(fp, "%s%llu %s%s", sep, (unsigned long long)n, thing,
            n == 1 ? "" : "s");
}

/*
 * The one line a successful build or merge ends with (unless --quiet):
 * "actnet: 6 documents (1 skipped), 30 nodes, 106 edges; wrote net.gexf,
 * net.dot".  Skipped and repaired documents have had their own messages;
 * the line counts them.  A failed write to stderr is ignored: the
 * network is written.
 */
static void report_build(const cli_common *c, const build_opts *o,
                         uint64_t docs, actnet_network *net)
{
    char *line = NULL;
    size_t len = 0;
    FILE *fp;
    if (c->quiet || !(fp = open_memstream(&line, &len)))
        return;
    count_part(fp, docs, "document", "");
    if (c->n_skipped || c->n_repaired || c->n_out_of_period) {
        const char *sep = " (";
        if (c->n_skipped) {
            fprintf(fp, "%s%zu skipped", sep, c->n_skipped);
            sep = ", ";
        }
        if (c->n_repaired) {
            fprintf(fp, "%s%zu repaired", sep, c->n_repaired);
            sep = ", ";
        }
        if (c->n_out_of_period)
            fprintf(fp, "%s%zu outside --since / --until", sep,
                    c->n_out_of_period);
        fputc(')', fp);
    }
    if (net) {
        count_part(fp, actnet_network_node_count(net), "node", ", ");
        count_part(fp, actnet_network_edge_count(net), "edge", ", ");
    }
    for (size_t i = 0; i < o->n_outs; i++)
        fprintf(fp, "%s%s", i ? ", " : "; wrote ",
                strcmp(o->outs[i].path, "-") ? o->outs[i].path
                                             : "standard output");
    if (!fclose(fp) && line)
        cli_errorf("%s", line);
    free(line);
}

/*
 * The analyse stage for --measures, --size-by and --color-by community:
 * the measures as node attributes, and the style that tells the writers
 * how to draw the nodes.  CLI_OK or CLI_FAIL (reported).
 */
static int add_measures(cli_common *c, build_opts *o, actnet_network *net)
{
    actnet_analyse_options ao;
    actnet_error err;
    int size_by = o->size_by_given ? o->size_by
                  : o->measures ? (int)ACTNET_MEASURE_PAGERANK : -1;

    cli_graph_get(o->graph, NULL, NULL, &ao);
    ao.measures = o->measures ? o->measure_mask : 0;
    if (size_by >= 0)
        ao.measures |= ACTNET_MEASURE_BIT((actnet_measure)size_by);
    if (!o->measures && !o->color_by_community)
        ao.community = ACTNET_COMMUNITY_NONE;
    if (!ao.measures && ao.community == ACTNET_COMMUNITY_NONE)
        return CLI_OK;
    if (size_by >= 0 &&
        !actnet_network_measure_applies(net, (actnet_measure)size_by)) {
        cli_errorf("--size-by %s: this measure is not defined for the %s "
                   "network", actnet_measure_name((actnet_measure)size_by),
                   actnet_network_is_directed(net) ? "acts-on"
                                                   : "co-occurrence");
        return CLI_FAIL;
    }
    if (cli_network_analyse(c, net, &ao,
                            o->measure_mask != ACTNET_MEASURES_ALL, NULL))
        return CLI_FAIL;
    actnet_error_clear(&err);
    if (actnet_network_set_style(
            net, size_by >= 0 ? actnet_measure_name((actnet_measure)size_by)
                              : NULL,
            o->color_by_community ? "community" : NULL, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return CLI_FAIL;
    }
    return CLI_OK;
}

/*
 * actnet merge's input: every partial result named by the inputs, added
 * into one set of counts (made with the first partial's options).
 * CLI_OK with *counts the caller's, or CLI_FAIL (reported).
 */
static int read_partials(const cli_common *c, actnet_counts **counts)
{
    *counts = NULL;
    for (size_t i = 0; i < c->n_inputs; i++) {
        const char *path = c->inputs[i];
        int is_stdin = !strcmp(path, "-");
        FILE *fp = is_stdin ? stdin : fopen(path, "r");
        actnet_error err;
        if (!fp) {
            cli_errorf("%s: cannot read this partial result: %s", path,
                       strerror(errno));
            return CLI_FAIL;
        }
        actnet_error_clear(&err);
        actnet_status st = actnet_counts_read_partial(
            counts, fp, is_stdin ? "-" : path, &err);
        if (!is_stdin)
            fclose(fp);
        if (st != ACTNET_OK) {
            cli_print_error(&err);
            cli_errorf("nothing was written");
            return CLI_FAIL;
        }
    }
    return CLI_OK;
}

/*
 * The network of counts (which this takes) as the writers read it:
 * written as counted when there is nothing to filter or analyse, else
 * filtered and analysed.  CLI_OK with *net the caller's, or CLI_FAIL
 * (reported).
 */
static int make_net(cli_common *c, const actnet_rules *rules,
                    build_opts *o, actnet_counts *counts,
                    actnet_network **net)
{
    actnet_counts_stats st;
    actnet_filter f;
    actnet_error err;

    actnet_counts_get_stats(counts, &st);
    cli_warn_counts(c, rules, counts);
    actnet_error_clear(&err);
    if (actnet_network_create(counts, net, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return CLI_FAIL;
    }
    if (cli_graph_filtered(o->graph)) {
        cli_graph_get(o->graph, NULL, &f, NULL);
        if (actnet_network_filter(*net, &f, &err) != ACTNET_OK) {
            cli_print_error(&err);
            return CLI_FAIL;
        }
        if (!c->quiet && actnet_network_node_count(*net) == 0 &&
            st.nodes > 0)
            cli_errorf("warning: no node is left after the filters; the "
                       "network is empty");
    }
    return add_measures(c, o, *net);
}

/* The layout's positions as node attributes x / y.  CLI_OK or CLI_FAIL
 * (reported). */
static int lay_out(const build_opts *o, actnet_network *net)
{
    actnet_error err;
    if (o->no_layout)
        return CLI_OK;
    actnet_error_clear(&err);
    if (actnet_network_layout(net, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* build (merge = 0) or merge (merge = 1). */
static int build_main(int argc, char **argv, int merge)
{
    cli_common c;
    build_opts o;
    actnet_rules *rules = NULL;
    actnet_counts *counts = NULL;
    actnet_network *net = NULL;
    actnet_counts_stats st;
    int rc;
    size_t docs = 0;
    uint64_t total_docs = 0;

    cli_common_init(&c);
    memset(&o, 0, sizeof(o));
    o.size_by = -1;
    o.merge = merge;
    if (!(o.graph = cli_graph_opts_new())) {
        cli_errorf("out of memory");
        rc = CLI_FAIL;
        goto out;
    }
    rc = parse_args(argc, argv, &c, &o, merge);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!merge && !(rules = cli_load_rules(&c)))
        goto out;
    if (open_outputs(&o))
        goto out;
    if (merge) {
        rc = read_partials(&c, &counts);
        if (rc == CLI_OK) {
            actnet_counts_options co;
            actnet_counts_get_options(counts, &co);
            cli_graph_set_counts(o.graph, &co);
        }
    } else {
        rc = cli_corpus_counts(&c, rules, o.graph, &counts, &docs);
    }
    if (rc != CLI_OK)
        goto out;
    actnet_counts_get_stats(counts, &st);
    total_docs = merge ? st.documents : docs;
    rc = CLI_FAIL;
    if (write_partials(&o, counts))
        goto out;
    if (o.n_partial < o.n_outs) {
        actnet_counts *taken = counts;
        counts = NULL;          /* the network's from here on */
        rc = make_net(&c, rules, &o, taken, &net);
        if (rc != CLI_OK)
            goto out;
        rc = CLI_FAIL;
        if (lay_out(&o, net) != CLI_OK)
            goto out;
    }
    if (write_outputs(&o, net, cli_run_workers(&c)))
        goto out;
    cli_report_period(&c, docs);
    report_build(&c, &o, total_docs, net);
    rc = CLI_OK;
out:
    build_opts_free(&o);
    actnet_network_destroy(net);
    actnet_counts_destroy(counts);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}

int cmd_build(int argc, char **argv)
{
    return build_main(argc, argv, 0);
}

int cmd_merge(int argc, char **argv)
{
    return build_main(argc, argv, 1);
}
