/*
 * cli_listing.c — what the listing commands (entities, events) share:
 * their options (--format, --no-header, -o, --explain) and running the
 * corpus with one read-only context for every worker into one atomic
 * output.  The commands keep only their help text and line formats.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_run.h"

enum { OPT_FORMAT = CLI_OPT_FIRST_COMMAND, OPT_NO_HEADER, OPT_EXPLAIN };

/* Sets o->jsonl (and o->plover, for events) from --format's argument by
 * the format table (kinds: ACTNET_HOLDS_MENTIONS or _EVENTS); 0, or -1
 * after reporting. */
static int listing_format(cli_listing *o, const char *arg, unsigned kinds)
{
    const char *f = actnet_format_find(arg, kinds);
    if (f) {
        o->plover = !strcmp(f, "plover");
        o->jsonl = o->plover || !strcmp(f, "jsonl");
        return 0;
    }
    actnet_buffer l = {0};
    if (actnet_format_list(&l, kinds, 0, ", ", " or ") ||
        actnet_buffer_putc(&l, 0))
        cli_errorf("out of memory");
    else
        cli_errorf("--format: '%s' is not %s", arg, l.data);
    actnet_buffer_finish(&l);
    return -1;
}

/* The --format option of the help, from the format table: the names,
 * the default (the first), and the notes of the others.  0 / -1. */
static int listing_format_help(unsigned kinds)
{
    actnet_buffer opt = {0}, text = {0};
    static const char start[] = "output format (default: ";
    static const char end[] = ", with a header row)";
    int rc = -1;
    const char *name, *note;
    if (actnet_buffer_append(&opt, "--format ", 9) ||
        actnet_format_list(&opt, kinds, 0, "|", NULL) ||
        actnet_buffer_putc(&opt, 0) ||
        actnet_buffer_append(&text, start, strlen(start)))
        goto out;
    for (size_t i = 0; (name = actnet_format_at(i, kinds, &note)); i++) {
        if (i == 0) {   /* the default */
            if (actnet_buffer_printf(&text, "%s%s", name, end))
                goto out;
        } else if (note && actnet_buffer_printf(&text, "; %s: %s", name,
                                                note))
            goto out;
    }
    if (actnet_buffer_putc(&text, 0))
        goto out;
    rc = cli_help_option(stdout, opt.data, text.data);
out:
    if (rc)
        cli_errorf("out of memory");
    actnet_buffer_finish(&opt);
    actnet_buffer_finish(&text);
    return rc;
}

int cli_listing_parse(int argc, char **argv, cli_common *c, cli_listing *o,
                      const char *name, const char *help,
                      const char *help_opts, int with_explain)
{
    unsigned kinds = !strcmp(name, "events") ? ACTNET_HOLDS_EVENTS
                                             : ACTNET_HOLDS_MENTIONS;
    /* --explain first, so that the table without it starts one later */
    static const struct option own[] = {
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int rc = CLI_USAGE, opt;
    struct option *all = cli_merge_options(with_explain ? own : own + 1);

    o->jsonl = 0;
    o->plover = 0;
    o->header = 1;
    o->explain = 0;
    o->output = NULL;
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", all, NULL)) != -1) {
        int r = cli_common_option(c, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        switch (opt) {
        case OPT_FORMAT:
            if (listing_format(o, optarg, kinds))
                goto out;
            break;
        case OPT_NO_HEADER:
            o->header = 0;
            break;
        case OPT_EXPLAIN:
            o->explain = 1;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            if (listing_format_help(kinds)) {
                rc = CLI_FAIL;
                goto out;
            }
            fputs(help_opts, stdout);
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        default:
            fprintf(stderr, "Try 'actnet %s --help'.\n", name);
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

int cli_listing_run(cli_common *c, const actnet_rules *rules,
                    const cli_listing *o, cli_doc_fn document, void *ctx,
                    const char *header, int events)
{
    cli_output out = {0};
    size_t n = cli_run_workers(c), docs = 0;
    void **ctxs = malloc(n * sizeof(*ctxs));
    int rc = CLI_FAIL;

    if (!ctxs) {
        cli_errorf("out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        ctxs[i] = ctx;
    if (cli_output_open(&out, o->output ? o->output : "-"))
        goto out;
    cli_run_spec spec = {document, ctxs, n, &out,
                         o->header && !o->jsonl ? header : NULL, events};
    rc = cli_run(c, rules, &spec, &docs);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    if (cli_output_commit(&out))
        goto out;
    cli_report_summary(c, docs);
    rc = CLI_OK;
out:
    cli_output_abort(&out);
    free(ctxs);
    return rc;
}
