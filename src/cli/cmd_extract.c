/*
 * cmd_extract.c — `actnet extract INPUT...`: the first half of `actnet
 * build`, for corpora split into shards.  Reads the documents, counts
 * them exactly as build does (on --threads workers) and writes the counts
 * — nodes, edges, dates, evidence, and the options that shaped them — as
 * a partial result (doc/partial-format.md) to standard output or -o
 * FILE, through the public API (include/actnet.h) alone.  `actnet
 * merge` (cmd_build.c) turns any number of partials into the graph one
 * build over all their documents would have written, so extract and
 * merge are the map and the reduce of a distributed run.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"
#include "cli/cli_network.h"

static const char help_start[] =
    "Usage: actnet extract [OPTIONS] INPUT... [-o FILE]\n"
    "\n"
    "Counts the documents as actnet build does and writes the counts\n"
    "(nodes, edges, dates, evidence and the network options) as a partial\n"
    "result to standard output: JSON Lines, the actnet-partial format\n"
    "(README, \"Beyond one machine\").  actnet merge combines the partials\n"
    "of any number of shards into exactly the network one build over all\n"
    "of them would write; the partials of one merge must be made with the\n"
    "same network options (and rules).  Filters and measures are options\n"
    "of merge.\n"
    "\n"
    "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
    "  -h, --help           this text\n"
    "\n";

static int is_network_option(int opt)
{
    return opt == CLI_OPT_NETWORK || opt == CLI_OPT_WINDOW ||
           opt == CLI_OPT_EVIDENCE || opt == CLI_OPT_NEGATED ||
           opt == CLI_OPT_MEDIA || opt == CLI_OPT_HEDGED ||
           opt == CLI_OPT_COLLAPSE;
}

/* Prints the "Network:" part of the network options' help. */
static void network_help(void)
{
    const char *end = strstr(cli_graph_help, "\nFilters");
    size_t n = end ? (size_t)(end - cli_graph_help) + 1
                   : strlen(cli_graph_help);
    fwrite(cli_graph_help, 1, n, stdout);
    fputc('\n', stdout);
}

/* Returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_args(int argc, char **argv, cli_common *c,
                      cli_graph_opts *g, const char **output)
{
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'},
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
    while ((opt = getopt_long(argc, argv, "o:h", all, &li)) != -1) {
        int r = cli_common_option(c, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (opt >= CLI_OPT_NETWORK && opt < CLI_OPT_FIRST_COMMAND) {
            if (!is_network_option(opt)) {
                cli_errorf("--%s: filters and measures are applied when "
                           "the partials are merged; give it to actnet merge",
                           li >= 0 ? all[li].name : "this option");
                goto out;
            }
            if (cli_graph_option(g, opt, optarg) < 0)
                goto out;
            continue;
        }
        switch (opt) {
        case 'o':
            *output = optarg;
            break;
        case 'h':
            fputs(help_start, stdout);
            network_help();
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        default:
            fputs("Try 'actnet extract --help'.\n", stderr);
            goto out;
        }
    }
    if (cli_common_inputs(c, argc, argv, optind))
        goto out;
    rc = CLI_OK;
out:
    free(all);
    return rc;
}

int cmd_extract(int argc, char **argv)
{
    cli_common c;
    cli_graph_opts *g = cli_graph_opts_new();
    const char *output = NULL;
    actnet_rules *rules = NULL;
    actnet_counts *counts = NULL;
    cli_output out = {0};
    size_t docs = 0;
    actnet_error err;
    int rc;

    cli_common_init(&c);
    if (!g) {
        cli_errorf("out of memory");
        rc = CLI_FAIL;
        goto out;
    }
    rc = parse_args(argc, argv, &c, g, &output);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!(rules = cli_load_rules(&c)))
        goto out;
    if (cli_output_open(&out, output ? output : "-"))
        goto out;
    rc = cli_corpus_counts(&c, rules, g, &counts, &docs);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    actnet_error_clear(&err);
    if (actnet_counts_write_partial(counts, out.fp, &err) != ACTNET_OK) {
        if (output)
            snprintf(err.path, sizeof(err.path), "%s", output);
        cli_print_error(&err);
        goto out;
    }
    if (cli_output_commit(&out))
        goto out;
    cli_report_summary(&c, docs);
    rc = CLI_OK;
out:
    cli_output_abort(&out);
    actnet_counts_destroy(counts);
    actnet_rules_destroy(rules);
    cli_graph_opts_free(g);
    cli_common_finish(&c);
    return rc;
}
