/*
 * cmd_events.c — `actnet events INPUT...`: every acts-on event of a
 * corpus (an actor entity acting on a target entity through a relation of
 * the rules), one line per event with the sentence it was found in, as
 * TSV (with a header row) or JSON Lines.  Negated and hedged events are
 * listed too, flagged.  --explain adds where the relation and the two
 * entities were defined in the rules, so every event can be traced to
 * both its text and its rules.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "cli.h"

static const char help[] =
    "Usage: actnet events [OPTIONS] INPUT...\n"
    "\n"
    "Prints every acts-on event found in the documents, one per line:\n"
    "document id, date, sentence number (1-based), byte start and end of\n"
    "the verb phrase (0-based, end exclusive, in the original file), actor\n"
    "id and label, relation id, target id and label, polarity (-1, 0, 1),\n"
    "class, negated (0/1: \"did not meet\"), hedged (0/1: \"would meet\"),\n"
    "the verb phrase as written and the sentence.\n"
    "\n"
    "  --format tsv|jsonl   output format (default: tsv, with a header row)\n"
    "  --no-header          TSV without the header row\n"
    "  --explain            add the rule file:line of the relation, the\n"
    "                       actor and the target ('-' / null when an entity\n"
    "                       was discovered in the text)\n"
    "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
    "  -h, --help           this text\n"
    "\n";

enum { OPT_FORMAT = CLI_OPT_FIRST_COMMAND, OPT_NO_HEADER, OPT_EXPLAIN };

typedef struct events_opts {
    int jsonl;
    int header;
    int explain;
    const char *output;
} events_opts;

/* "path:line" of a rule location into buf, or NULL when there is none. */
static const char *rule_loc(char *buf, size_t size, const char *path,
                            int line)
{
    if (!path)
        return NULL;
    snprintf(buf, size, "%s:%d", path, line);
    return buf;
}

static void tsv_str(FILE *fp, const char *s)
{
    if (s)
        cli_tsv_field(fp, s, strlen(s));
}

static void json_str(FILE *fp, const char *s)
{
    if (s)
        cli_json_string(fp, s, strlen(s));
    else
        fputs("null", fp);
}

static void print_event(FILE *fp, const events_opts *o,
                        const actnet_rules *rules,
                        const actnet_extractor *ex,
                        const actnet_document *doc, const actnet_event *ev)
{
    const actnet_entity *a = actnet_extractor_entity(ex, ev->actor);
    const actnet_entity *t = actnet_extractor_entity(ex, ev->target);
    const actnet_relation *r = actnet_rules_relation(rules, ev->relation);
    size_t ss, se;
    char lr[1200], la[1200], lt[1200];
    const char *rloc = NULL, *aloc = NULL, *tloc = NULL;

    actnet_extractor_sentence_span(ex, ev->sentence, &ss, &se);
    if (o->explain) {
        rloc = rule_loc(lr, sizeof(lr), r->rule_path, r->rule_line);
        aloc = rule_loc(la, sizeof(la), a->rule_path, a->rule_line);
        tloc = rule_loc(lt, sizeof(lt), t->rule_path, t->rule_line);
    }
    if (!o->jsonl) {
        tsv_str(fp, doc->id);
        fputc('\t', fp);
        tsv_str(fp, doc->date);
        fprintf(fp, "\t%u\t%zu\t%zu\t", ev->sentence + 1, ev->start,
                ev->end);
        tsv_str(fp, a->id);
        fputc('\t', fp);
        tsv_str(fp, a->label);
        fputc('\t', fp);
        tsv_str(fp, r->id);
        fputc('\t', fp);
        tsv_str(fp, t->id);
        fputc('\t', fp);
        tsv_str(fp, t->label);
        fprintf(fp, "\t%d\t", r->polarity);
        tsv_str(fp, r->cls);
        fprintf(fp, "\t%d\t%d\t", ev->negated, ev->hedged);
        cli_tsv_field(fp, doc->text + ev->start, ev->end - ev->start);
        if (o->explain) {
            fputs("\t", fp);
            tsv_str(fp, rloc ? rloc : "-");
            fputs("\t", fp);
            tsv_str(fp, aloc ? aloc : "-");
            fputs("\t", fp);
            tsv_str(fp, tloc ? tloc : "-");
        }
        fputc('\t', fp);
        cli_tsv_field(fp, doc->text + ss, se - ss);
        fputc('\n', fp);
        return;
    }
    fputs("{\"doc\":", fp);
    json_str(fp, doc->id);
    fputs(",\"date\":", fp);
    json_str(fp, doc->date);
    fprintf(fp, ",\"sentence\":%u,\"start\":%zu,\"end\":%zu,\"actor\":",
            ev->sentence + 1, ev->start, ev->end);
    json_str(fp, a->id);
    fputs(",\"actor_label\":", fp);
    json_str(fp, a->label);
    fputs(",\"relation\":", fp);
    json_str(fp, r->id);
    fputs(",\"relation_label\":", fp);
    json_str(fp, r->label);
    fputs(",\"target\":", fp);
    json_str(fp, t->id);
    fputs(",\"target_label\":", fp);
    json_str(fp, t->label);
    fprintf(fp, ",\"polarity\":%d,\"class\":", r->polarity);
    json_str(fp, r->cls);
    fprintf(fp, ",\"negated\":%s,\"hedged\":%s,\"phrase\":",
            ev->negated ? "true" : "false", ev->hedged ? "true" : "false");
    cli_json_string(fp, doc->text + ev->start, ev->end - ev->start);
    if (o->explain) {
        fputs(",\"relation_rule\":", fp);
        json_str(fp, rloc);
        fputs(",\"actor_rule\":", fp);
        json_str(fp, aloc);
        fputs(",\"target_rule\":", fp);
        json_str(fp, tloc);
    }
    fputs(",\"text\":", fp);
    cli_json_string(fp, doc->text + ss, se - ss);
    fputs("}\n", fp);
}

static int parse_args(int argc, char **argv, cli_common *c, events_opts *o)
{
    static const struct option own[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
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
        case OPT_EXPLAIN:
            o->explain = 1;
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
            fputs("Try 'actnet events --help'.\n", stderr);
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

int cmd_events(int argc, char **argv)
{
    cli_common c;
    events_opts o = {0, 1, 0, NULL};
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
    if (actnet_rules_relation_count(rules) == 0 && !c.quiet) {
        actnet_error w;
        actnet_error_clear(&w);
        snprintf(w.message, sizeof(w.message),
                 "the rules define no relations, so there are no events; "
                 "add a relations: section (see rules/README.md)");
        cli_print_warning(&w);
    }
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
        fprintf(out.fp, "doc\tdate\tsentence\tstart\tend\tactor\t"
                        "actor_label\trelation\ttarget\ttarget_label\t"
                        "polarity\tclass\tnegated\thedged\tphrase\t%stext\n",
                o.explain ? "relation_rule\tactor_rule\ttarget_rule\t" : "");
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
        const actnet_event *evs = actnet_extractor_events(ex);
        size_t n = actnet_extractor_event_count(ex);
        for (size_t i = 0; i < n; i++)
            print_event(out.fp, &o, rules, ex, &doc, &evs[i]);
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
