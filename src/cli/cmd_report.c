/*
 * cmd_report.c — `actnet report INPUT... -o report.html`: one HTML page
 * a journalist can open without installing anything, with both networks
 * drawn, searchable and clickable down to the sentences behind each edge.
 *
 * One pass over the corpus feeds two aggregates per worker (co-occurrence
 * and acts-on: the extractor's work is shared) and remembers each dated
 * document's date, so the evidence can show it.  Each network is then
 * built and filtered as build builds it, analysed with every measure that
 * applies and communities, laid out by igraph (net/layout.h), and the
 * page is written (write/report.h) to a temporary file renamed into
 * place only when complete.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"
#include "cli/cli_graph.h"
#include "cli/cli_run.h"
#include "core/util.h"
#include "net/aggregate.h"
#include "net/analyse.h"
#include "net/graph.h"
#include "net/layout.h"
#include "write/report.h"

/* Evidence kept per edge unless --evidence says otherwise: the page is
 * for reading the sentences. */
#define REPORT_EVIDENCE 5

static const char help_start[] =
    "Usage: actnet report [OPTIONS] INPUT... -o FILE.html\n"
    "\n"
    "Writes one self-contained HTML page (no network access needed to open\n"
    "it) with the co-occurrence and the acts-on networks of the documents:\n"
    "drawn from igraph's layout, nodes coloured by type or community and\n"
    "sized by a measure, acts-on edges coloured by polarity; a search; a\n"
    "click on a node shows its rankings and neighbours, a click on an edge\n"
    "the sentences behind it with their documents and dates; a sortable\n"
    "rankings table; a date slider when documents are dated; the corpus\n"
    "summary.  The page draws the --draw largest nodes at first and shows\n"
    "more on request.\n"
    "\n"
    "Output:\n"
    "  -o, --output FILE    write the page to FILE (- for standard output)\n"
    "  --title TEXT         the page's title (default: actnet report)\n"
    "  --draw N             nodes drawn when the page opens (default 300)\n"
    "  --top N              keep only the N most-mentioned nodes in each\n"
    "                       network (the page then holds no others)\n"
    "\n"
    "The network options are those of build (--network excepted: the page\n"
    "holds both networks; --ego is left to build).  Evidence is kept by\n"
    "default (--evidence=5); --window applies to the co-occurrence\n"
    "network, --negated, --hedged and --collapse to the acts-on one.\n"
    "\n";

static const char help_end[] =
    "\n"
    "  -h, --help           this text\n"
    "\n";

enum { OPT_TITLE = CLI_OPT_FIRST_COMMAND, OPT_DRAW, OPT_TOP };

typedef struct report_opts {
    const char *output;
    const char *title;
    unsigned draw;
    cli_graph_opts graph;
} report_opts;

/* Returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_args(int argc, char **argv, cli_common *c, report_opts *o)
{
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'},
        {"title", required_argument, NULL, OPT_TITLE},
        {"draw", required_argument, NULL, OPT_DRAW},
        {"top", required_argument, NULL, OPT_TOP},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int rc = CLI_USAGE, opt, li = -1;
    double v;
    struct option *all = cli_graph_merge_options(own);
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", all, &li)) != -1) {
        if (opt == CLI_OPT_NETWORK || opt == CLI_OPT_EGO ||
            opt == CLI_OPT_RADIUS) {
            cli_errorf("--%s is not an option of report: %s",
                       li >= 0 ? all[li].name : "this option",
                       opt == CLI_OPT_NETWORK
                           ? "the page holds both networks"
                           : "use actnet build --ego for one node's "
                             "neighbourhood");
            goto out;
        }
        int r = cli_common_option(c, opt, optarg);
        if (r == 0)
            r = cli_graph_option(&o->graph, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        switch (opt) {
        case 'o':
            o->output = optarg;
            break;
        case OPT_TITLE:
            o->title = optarg;
            break;
        case OPT_DRAW:
            if (cli_parse_number(optarg, 1, 1e7, &v) || v < 1) {
                cli_errorf("--draw: '%s' is not a whole number >= 1",
                           optarg);
                goto out;
            }
            o->draw = (unsigned)v;
            break;
        case OPT_TOP:
            if (cli_parse_number(optarg, 1, 1e12, &v) || v < 1) {
                cli_errorf("--top: '%s' is not a whole number >= 1", optarg);
                goto out;
            }
            o->graph.filter.top = (igraph_integer_t)v;
            break;
        case 'h':
            fputs(help_start, stdout);
            fputs(cli_graph_help, stdout);
            fputs(cli_analyse_help, stdout);
            fputs(help_end, stdout);
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        default:
            fputs("Try 'actnet report --help'.\n", stderr);
            goto out;
        }
    }
    if (!o->output) {
        cli_errorf("no output: give -o FILE (e.g. -o report.html)");
        goto out;
    }
    if (cli_common_inputs(c, argc, argv, optind))
        goto out;
    rc = CLI_OK;
out:
    free(all);
    return rc;
}

/* One worker's counts: both networks, and the dates of its documents. */
typedef struct report_worker {
    an_agg *cooc, *acts;
    an_strmap dates;        /* document id -> YYYYMMDD, dated ones only */
} report_worker;

static int report_document(void *ctx, const actnet_extractor *ex,
                           const actnet_document *doc, an_buf *out)
{
    report_worker *w = ctx;
    uint32_t date;
    (void)out;
    if (an_agg_add_document(w->cooc, ex, doc) ||
        an_agg_add_document(w->acts, ex, doc))
        return -1;
    if (doc->date && doc->id && an_date_parse(doc->date, &date) == 0 &&
        an_strmap_put(&w->dates, doc->id, strlen(doc->id), date, NULL) < 0)
        return -1;
    return 0;
}

typedef struct report_dates {
    report_worker *w;
    size_t n;
} report_dates;

/* an_report_date_fn over every worker's dates. */
static const char *date_of(void *ctx, const char *doc, char buf[11])
{
    const report_dates *d = ctx;
    uint32_t date;
    for (size_t i = 0; i < d->n; i++)
        if (an_strmap_get(&d->w[i].dates, doc, strlen(doc), &date)) {
            an_date_format(date, buf);
            return buf;
        }
    return NULL;
}

/* One network made ready for the page: built and filtered from agg
 * (which this destroys), every measure and the communities, the layout.
 * CLI_OK with *g and *net the caller's, or CLI_FAIL (reported). */
static int make_network(cli_common *c, const actnet_rules *rules,
                        const cli_graph_opts *go, an_agg *agg, igraph_t *g,
                        int *have_g, an_net *net, int *have_net)
{
    an_analyse_options ao = go->analyse;
    actnet_error err;

    if (cli_agg_graph(c, rules, go, agg, g) != CLI_OK)
        return CLI_FAIL;
    *have_g = 1;
    ao.measures = AN_MEASURES_ALL;
    if (cli_analyse(c, g, &ao, 0, NULL))
        return CLI_FAIL;
    actnet_error_clear(&err);
    if (an_graph_layout(g, &err) != ACTNET_OK) {
        cli_print_error(&err);
        return CLI_FAIL;
    }
    if (an_net_from_igraph(net, g)) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    *have_net = 1;
    return CLI_OK;
}

int cmd_report(int argc, char **argv)
{
    cli_common c;
    report_opts o;
    actnet_rules *rules = NULL;
    cli_output out;
    report_worker *w = NULL;
    void **ctx = NULL;
    size_t n = 0, docs = 0;
    igraph_t g[2];
    an_net net[2];
    int have_g[2] = {0, 0}, have_net[2] = {0, 0}, have_out = 0, rc;
    an_agg_stats cstats, astats;
    char first[11], last[11], window[24];
    actnet_error err;

    cli_common_init(&c);
    memset(&o, 0, sizeof(o));
    memset(&out, 0, sizeof(out));
    cli_graph_opts_init(&o.graph);
    o.graph.agg.evidence = REPORT_EVIDENCE;
    rc = parse_args(argc, argv, &c, &o);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!(rules = cli_load_rules(&c)))
        goto out;
    if (cli_output_open(&out, o.output))
        goto out;
    have_out = 1;

    n = cli_run_workers(&c);
    w = calloc(n, sizeof(*w));
    ctx = calloc(n, sizeof(*ctx));
    if (!w || !ctx)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        an_agg_options ao = o.graph.agg;
        ao.network = AN_NETWORK_COOCCURRENCE;
        w[i].cooc = an_agg_create(&ao);
        ao.network = AN_NETWORK_ACTS_ON;
        w[i].acts = an_agg_create(&ao);
        if (!w[i].cooc || !w[i].acts)
            goto nomem;
        ctx[i] = &w[i];
    }
    cli_run_spec spec = {report_document, ctx, n, NULL, NULL, 1};
    rc = cli_run(&c, rules, &spec, &docs);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    for (size_t i = 1; i < n; i++)
        if (an_agg_merge(w[0].cooc, w[i].cooc) != ACTNET_OK ||
            an_agg_merge(w[0].acts, w[i].acts) != ACTNET_OK) {
            cli_errorf("out of memory while merging the counts");
            goto out;
        }
    cstats = *an_agg_get_stats(w[0].cooc);
    astats = *an_agg_get_stats(w[0].acts);

    /* make_network destroys the aggregates it is given */
    an_agg *cooc = w[0].cooc, *acts = w[0].acts;
    w[0].cooc = w[0].acts = NULL;
    if (make_network(&c, rules, &o.graph, cooc, &g[0], &have_g[0], &net[0],
                     &have_net[0]) != CLI_OK ||
        make_network(&c, rules, &o.graph, acts, &g[1], &have_g[1], &net[1],
                     &have_net[1]) != CLI_OK)
        goto out;

    an_date_format(cstats.first, first);
    an_date_format(cstats.last, last);
    const char *def_rules[1] = {cli_default_rules()};
    an_report_summary s = {
        .title = o.title,
        .documents = docs,
        .skipped = c.n_skipped,
        .repaired = c.n_repaired,
        .dated = cstats.dated,
        .mentions = cstats.mentions,
        .events = astats.events,
        .first = first[0] ? first : NULL,
        .last = last[0] ? last : NULL,
        .window = an_window_name(&o.graph.agg.window, window,
                                 sizeof(window)),
        .evidence = o.graph.agg.evidence,
        .rules = c.n_rules ? c.rules : def_rules,
        .n_rules = c.n_rules ? c.n_rules : (def_rules[0] ? 1 : 0),
        .entities = actnet_rules_entity_count(rules),
        .relations = actnet_rules_relation_count(rules),
        .draw = o.draw,
    };
    report_dates dates = {w, n};
    an_write_opts wo = {(unsigned)n, 0};
    actnet_error_clear(&err);
    if (an_write_report(out.fp, &s, &net[0], &net[1], date_of, &dates, &wo,
                        &err) != ACTNET_OK) {
        if (strcmp(o.output, "-"))
            snprintf(err.path, sizeof(err.path), "%s", o.output);
        cli_print_error(&err);
        cli_errorf("nothing was written");
        goto out;
    }
    have_out = 0;
    if (cli_output_commit(&out))
        goto out;
    cli_report_summary(&c, docs);
    rc = CLI_OK;
    goto out;
nomem:
    cli_errorf("out of memory");
    rc = CLI_FAIL;
out:
    if (have_out)
        cli_output_abort(&out);
    for (int k = 0; k < 2; k++) {
        if (have_net[k])
            an_net_finish(&net[k]);
        if (have_g[k])
            igraph_destroy(&g[k]);
    }
    for (size_t i = 0; w && i < n; i++) {
        an_agg_destroy(w[i].cooc);
        an_agg_destroy(w[i].acts);
        an_strmap_free(&w[i].dates);
    }
    free(w);
    free(ctx);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
