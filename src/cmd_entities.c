/*
 * cmd_entities.c — `actnet entities INPUT...`: every entity mention of a
 * corpus, resolved, with its position, one line per mention, as TSV (with
 * a header row) or JSON Lines.  This is the transparent view of what the
 * network is built from: each line can be checked against the text.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "cli.h"
#include "cli_run.h"

static const char help[] =
    "Usage: actnet entities [OPTIONS] INPUT...\n"
    "\n"
    "Prints every entity mention found in the documents, one per line:\n"
    "document id, sentence number (1-based), byte start and end (0-based,\n"
    "end exclusive, in the original file), entity id, type, label, how it\n"
    "was found (alias, adjective, metonym, agent, pattern, surname,\n"
    "acronym), and the text as written.\n"
    "\n"
    "  --format tsv|jsonl   output format (default: tsv, with a header row)\n"
    "  --no-header          TSV without the header row\n"
    "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
    "  -h, --help           this text\n"
    "\n";

enum { OPT_FORMAT = CLI_OPT_FIRST_COMMAND, OPT_NO_HEADER };

typedef struct entities_opts {
    int jsonl;
    int header;
    const char *output;
} entities_opts;

/* One TSV line per mention of the document, into out; 0 / -1. */
static int format_tsv(an_buf *out, const actnet_extractor *ex,
                      const actnet_document *doc)
{
    const actnet_mention *ms = actnet_extractor_mentions(ex);
    size_t n = actnet_extractor_mention_count(ex);
    size_t idlen = strlen(doc->id);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const actnet_mention *m = &ms[i];
        const actnet_entity *e = actnet_extractor_entity(ex, m->entity);
        rc = cli_buf_tsv_field(out, doc->id, idlen) ||
             an_buf_putc(out, '\t') ||
             cli_buf_uint(out, (uint64_t)m->sentence + 1) ||
             an_buf_putc(out, '\t') || cli_buf_uint(out, m->start) ||
             an_buf_putc(out, '\t') || cli_buf_uint(out, m->end) ||
             an_buf_putc(out, '\t') ||
             cli_buf_tsv_field(out, e->id, strlen(e->id)) ||
             an_buf_putc(out, '\t') ||
             cli_buf_str(out, actnet_entity_type_name(e->type)) ||
             an_buf_putc(out, '\t') ||
             cli_buf_tsv_field(out, e->label, strlen(e->label)) ||
             an_buf_putc(out, '\t') ||
             cli_buf_str(out, actnet_via_name(m->via)) ||
             an_buf_putc(out, '\t') ||
             cli_buf_tsv_field(out, doc->text + m->start,
                               m->end - m->start) ||
             an_buf_putc(out, '\n');
    }
    return rc ? -1 : 0;
}

/* One JSON object per mention of the document, into out; 0 / -1. */
static int format_jsonl(an_buf *out, const actnet_extractor *ex,
                        const actnet_document *doc)
{
    const actnet_mention *ms = actnet_extractor_mentions(ex);
    size_t n = actnet_extractor_mention_count(ex);
    size_t idlen = strlen(doc->id);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const actnet_mention *m = &ms[i];
        const actnet_entity *e = actnet_extractor_entity(ex, m->entity);
        rc = cli_buf_str(out, "{\"doc\":") ||
             cli_buf_json_string(out, doc->id, idlen) ||
             (doc->date && (cli_buf_str(out, ",\"date\":") ||
                            cli_buf_json_string(out, doc->date,
                                                strlen(doc->date)))) ||
             cli_buf_str(out, ",\"sentence\":") ||
             cli_buf_uint(out, (uint64_t)m->sentence + 1) ||
             cli_buf_str(out, ",\"start\":") || cli_buf_uint(out, m->start) ||
             cli_buf_str(out, ",\"end\":") || cli_buf_uint(out, m->end) ||
             cli_buf_str(out, ",\"id\":") ||
             cli_buf_json_string(out, e->id, strlen(e->id)) ||
             cli_buf_str(out, ",\"type\":\"") ||
             cli_buf_str(out, actnet_entity_type_name(e->type)) ||
             cli_buf_str(out, "\",\"label\":") ||
             cli_buf_json_string(out, e->label, strlen(e->label)) ||
             (e->country && (cli_buf_str(out, ",\"country\":") ||
                             cli_buf_json_string(out, e->country,
                                                 strlen(e->country)))) ||
             cli_buf_str(out, ",\"via\":\"") ||
             cli_buf_str(out, actnet_via_name(m->via)) ||
             cli_buf_str(out, "\",\"text\":") ||
             cli_buf_json_string(out, doc->text + m->start,
                                 m->end - m->start) ||
             cli_buf_str(out, "}\n");
    }
    return rc ? -1 : 0;
}

/* The per-document callback of cli_run (ctx: the entities_opts). */
static int entities_document(void *ctx, const actnet_extractor *ex,
                             const actnet_document *doc, an_buf *out)
{
    const entities_opts *o = ctx;
    return o->jsonl ? format_jsonl(out, ex, doc) : format_tsv(out, ex, doc);
}

static int parse_args(int argc, char **argv, cli_common *c,
                      entities_opts *o)
{
    static const struct option own[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"output", required_argument, NULL, 'o'},
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
    while ((opt = getopt_long(argc, argv, "o:h", all, NULL)) != -1) {
        int r = cli_common_option(c, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        switch (opt) {
        case OPT_FORMAT:
            if (!strcmp(optarg, "tsv")) {
                o->jsonl = 0;
            } else if (!strcmp(optarg, "jsonl")) {
                o->jsonl = 1;
            } else {
                cli_errorf("--format: '%s' is not tsv or jsonl", optarg);
                goto out;
            }
            break;
        case OPT_NO_HEADER:
            o->header = 0;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            fputs(cli_common_help, stdout);
            rc = -1;
            goto out;
        default:
            fputs("Try 'actnet entities --help'.\n", stderr);
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

int cmd_entities(int argc, char **argv)
{
    cli_common c;
    entities_opts o = {0, 1, NULL};
    actnet_rules *rules = NULL;
    cli_output out = {0};
    void **ctx = NULL;
    int rc;
    size_t docs = 0;

    cli_common_init(&c);
    rc = parse_args(argc, argv, &c, &o);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!(rules = cli_load_rules(&c)))
        goto out;
    size_t n = cli_run_workers(&c);
    if (!(ctx = malloc(n * sizeof(*ctx)))) {
        cli_errorf("out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        ctx[i] = &o;   /* read only: shared by the workers */
    if (cli_output_open(&out, o.output ? o.output : "-"))
        goto out;
    cli_run_spec spec = {entities_document, ctx, n, &out, NULL, 0};
    if (o.header && !o.jsonl)
        spec.header = "doc\tsentence\tstart\tend\tid\ttype\tlabel\tvia\t"
                      "text\n";
    rc = cli_run(&c, rules, &spec, &docs);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    if (cli_output_commit(&out))
        goto out;
    cli_report_summary(&c, docs);
    rc = CLI_OK;
out:
    cli_output_abort(&out);
    free(ctx);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
