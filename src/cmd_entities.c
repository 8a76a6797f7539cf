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

static void print_tsv(FILE *fp, const actnet_extractor *ex,
                      const actnet_document *doc)
{
    const actnet_mention *ms = actnet_extractor_mentions(ex);
    size_t n = actnet_extractor_mention_count(ex);
    for (size_t i = 0; i < n; i++) {
        const actnet_mention *m = &ms[i];
        const actnet_entity *e = actnet_extractor_entity(ex, m->entity);
        cli_tsv_field(fp, doc->id, strlen(doc->id));
        fprintf(fp, "\t%u\t%zu\t%zu\t", m->sentence + 1, m->start, m->end);
        cli_tsv_field(fp, e->id, strlen(e->id));
        fprintf(fp, "\t%s\t", actnet_entity_type_name(e->type));
        cli_tsv_field(fp, e->label, strlen(e->label));
        fprintf(fp, "\t%s\t", actnet_via_name(m->via));
        cli_tsv_field(fp, doc->text + m->start, m->end - m->start);
        fputc('\n', fp);
    }
}

static void print_jsonl(FILE *fp, const actnet_extractor *ex,
                        const actnet_document *doc)
{
    const actnet_mention *ms = actnet_extractor_mentions(ex);
    size_t n = actnet_extractor_mention_count(ex);
    for (size_t i = 0; i < n; i++) {
        const actnet_mention *m = &ms[i];
        const actnet_entity *e = actnet_extractor_entity(ex, m->entity);
        fputs("{\"doc\":", fp);
        cli_json_string(fp, doc->id, strlen(doc->id));
        if (doc->date) {
            fputs(",\"date\":", fp);
            cli_json_string(fp, doc->date, strlen(doc->date));
        }
        fprintf(fp, ",\"sentence\":%u,\"start\":%zu,\"end\":%zu,\"id\":",
                m->sentence + 1, m->start, m->end);
        cli_json_string(fp, e->id, strlen(e->id));
        fprintf(fp, ",\"type\":\"%s\",\"label\":",
                actnet_entity_type_name(e->type));
        cli_json_string(fp, e->label, strlen(e->label));
        if (e->country) {
            fputs(",\"country\":", fp);
            cli_json_string(fp, e->country, strlen(e->country));
        }
        fprintf(fp, ",\"via\":\"%s\",\"text\":", actnet_via_name(m->via));
        cli_json_string(fp, doc->text + m->start, m->end - m->start);
        fputs("}\n", fp);
    }
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
    actnet_reader *reader = NULL;
    actnet_extractor *ex = NULL;
    cli_output out = {0};
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
    if (!(reader = cli_open_reader(&c))) {
        rc = CLI_USAGE;
        goto out;
    }
    if (!(ex = actnet_extractor_create(rules))) {
        cli_errorf("out of memory");
        goto out;
    }
    if (cli_output_open(&out, o.output ? o.output : "-"))
        goto out;
    if (o.header && !o.jsonl)
        fputs("doc\tsentence\tstart\tend\tid\ttype\tlabel\tvia\ttext\n",
              out.fp);
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
            if (cli_document_error(&c, st, &err))
                goto out;
            continue;
        }
        if (cli_document_repaired(&c, reader, ex, &doc))
            goto out;
        docs++;
        if (o.jsonl)
            print_jsonl(out.fp, ex, &doc);
        else
            print_tsv(out.fp, ex, &doc);
        if (cli_output_failed(&out))
            break;   /* reported by cli_output_commit */
    }
    if (cli_output_commit(&out))
        goto out;
    cli_report_summary(&c, docs);
    rc = CLI_OK;
out:
    cli_output_abort(&out);
    actnet_extractor_destroy(ex);
    actnet_reader_destroy(reader);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
