/*
 * cmd_entities.c — `actnet entities INPUT...`: every entity mention of a
 * corpus, resolved, with its position, one line per mention, as TSV (with
 * a header row) or JSON Lines.  This is the transparent view of what the
 * network is built from: each line can be checked against the text.
 */
#include <stdio.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"
#include "cli/cli_run.h"

static const char help[] =
    "Usage: actnet entities [OPTIONS] INPUT...\n"
    "\n"
    "Prints every entity mention found in the documents, one per line:\n"
    "document id, sentence number (1-based), byte start and end (0-based,\n"
    "end exclusive, in the original file), entity id, type, label, how it\n"
    "was found (alias, adjective, metonym, agent, pattern, surname,\n"
    "acronym), and the text as written.\n"
    "\n"
    "";

/* After --format (cli_listing, from the format table). */
static const char help_opts[] =
    "  --no-header          TSV without the header row\n"
    "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
    "  -h, --help           this text\n"
    "\n";

/* One TSV line per mention of the document, into out; 0 / -1. */
static int format_tsv(actnet_buffer *out, const actnet_extractor *ex,
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
             actnet_buffer_putc(out, '\t') ||
             cli_buf_uint(out, (uint64_t)m->sentence + 1) ||
             actnet_buffer_putc(out, '\t') || cli_buf_uint(out, m->start) ||
             actnet_buffer_putc(out, '\t') || cli_buf_uint(out, m->end) ||
             actnet_buffer_putc(out, '\t') ||
             cli_buf_tsv_field(out, e->id, strlen(e->id)) ||
             actnet_buffer_putc(out, '\t') ||
             cli_buf_str(out, actnet_entity_type_name(e->type)) ||
             actnet_buffer_putc(out, '\t') ||
             cli_buf_tsv_field(out, e->label, strlen(e->label)) ||
             actnet_buffer_putc(out, '\t') ||
             cli_buf_str(out, actnet_via_name(m->via)) ||
             actnet_buffer_putc(out, '\t') ||
             cli_buf_tsv_field(out, doc->text + m->start,
                               m->end - m->start) ||
             actnet_buffer_putc(out, '\n');
    }
    return rc ? -1 : 0;
}

/* One JSON object per mention of the document, into out; 0 / -1. */
static int format_jsonl(actnet_buffer *out, const actnet_extractor *ex,
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

/* The per-document callback of cli_run (ctx: the cli_listing options). */
static int entities_document(void *ctx, const actnet_extractor *ex,
                             const actnet_document *doc, actnet_buffer *out)
{
    const cli_listing *o = ctx;
    return o->jsonl ? format_jsonl(out, ex, doc) : format_tsv(out, ex, doc);
}

int cmd_entities(int argc, char **argv)
{
    cli_common c;
    cli_listing o;
    actnet_rules *rules = NULL;
    int rc;

    cli_common_init(&c);
    rc = cli_listing_parse(argc, argv, &c, &o, "entities", help, help_opts,
                           0);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    rc = CLI_FAIL;
    if (!(rules = cli_load_rules(&c)))
        goto out;
    rc = cli_listing_run(&c, rules, &o, entities_document, &o,
                         "doc\tsentence\tstart\tend\tid\ttype\tlabel\t"
                         "via\ttext\n", 0);
out:
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
