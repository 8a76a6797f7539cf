/*
 * cmd_events.c — `actnet events INPUT...`: every acts-on event of a
 * corpus (an actor entity acting on a target entity through a relation of
 * the rules), one line per event with the sentence it was found in, as
 * TSV (with a header row) or JSON Lines.  Negated and hedged events are
 * listed too, flagged.  --explain adds where the relation and the two
 * entities were defined in the rules, so every event can be traced to
 * both its text and its rules.  --format plover writes one PLOVER-style
 * JSON record per event (the fields of the PLOVER event data format that
 * actnet knows: id, date, event, mode, context, source and target actor
 * text and code), for tools that read PLOVER data.
 */
#include <stdio.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"
#include "cli/cli_run.h"

static const char help[] =
    "Usage: actnet events [OPTIONS] INPUT...\n"
    "\n"
    "Prints every acts-on event found in the documents, one per line:\n"
    "document id, date, sentence number (1-based), byte start and end of\n"
    "the verb phrase (0-based, end exclusive, in the original file), actor\n"
    "id and label, relation id, target id and label, polarity (-1, 0, 1),\n"
    "class, negated (0/1: \"did not meet\"), hedged (0/1: \"would meet\"),\n"
    "the relation's CAMEO event code(s) and PLOVER event type, mode and\n"
    "context ('-' / null when the rules give none), the verb phrase as\n"
    "written and the sentence.  A statement to a news medium (\"told the\n"
    "BBC\") has the medium as its target and, in JSON Lines and plover,\n"
    "as \"medium\" (null otherwise); build --network acts-on leaves such\n"
    "events out unless --media include.\n"
    "\n"
    "";

/* After --format (cli_listing, from the format table). */
static const char help_opts[] =
    "  --no-header          TSV without the header row\n"
    "  --explain            add the rule file:line of the relation, the\n"
    "                       actor and the target ('-' / null when an entity\n"
    "                       was discovered in the text)\n"
    "  -o, --output FILE    write to FILE (atomically) instead of stdout\n"
    "  -h, --help           this text\n"
    "\n";

/* "path:line" of a rule location into buf, or NULL when there is none. */
static const char *rule_loc(char *buf, size_t size, const char *path,
                            int line)
{
    if (!path)
        return NULL;
    snprintf(buf, size, "%s:%d", path, line);
    return buf;
}

static int tsv_str(actnet_buffer *b, const char *s)
{
    return s ? cli_buf_tsv_field(b, s, strlen(s)) : 0;
}

static int json_str(actnet_buffer *b, const char *s)
{
    return s ? cli_buf_json_string(b, s, strlen(s)) : cli_buf_str(b, "null");
}

/* A comma-separated list (PLOVER contexts) as a JSON array; 0 / -1. */
static int json_list(actnet_buffer *b, const char *s)
{
    if (actnet_buffer_putc(b, '['))
        return -1;
    while (s && *s) {
        size_t n = strcspn(s, ",");
        if (cli_buf_json_string(b, s, n))
            return -1;
        s += n;
        if (*s == ',' && (++s, actnet_buffer_putc(b, ',')))
            return -1;
    }
    return actnet_buffer_putc(b, ']');
}

/* The actor or target side of a PLOVER record: "source": text as
 * written, "source_code": actnet id, "source_name": label. */
static int plover_side(actnet_buffer *b, const char *key,
                       const actnet_extractor *ex, const actnet_document *doc,
                       uint32_t mention, const actnet_entity *e)
{
    const actnet_mention *m = actnet_extractor_mentions(ex) + mention;
    return actnet_buffer_printf(b, ",\"%s\":", key) ||
           cli_buf_json_string(b, doc->text + m->start, m->end - m->start) ||
           actnet_buffer_printf(b, ",\"%s_code\":", key) || json_str(b, e->id) ||
           actnet_buffer_printf(b, ",\"%s_name\":", key) || json_str(b, e->label);
}

/* One event as a PLOVER-style record; n: its number in the document. */
static int format_plover(actnet_buffer *b, const actnet_rules *rules,
                         const actnet_extractor *ex,
                         const actnet_document *doc, const actnet_event *ev,
                         size_t n)
{
    const actnet_relation *r = actnet_rules_relation(rules, ev->relation);
    size_t ss, se;
    actnet_extractor_sentence_span(ex, ev->sentence, &ss, &se);
    /* "DOC-N": unique in a corpus whose document ids are; the document
     * id's closing quote gives way to "-N" */
    const char *id = doc->id ? doc->id : "";
    if (cli_buf_str(b, "{\"id\":") ||
        cli_buf_json_string(b, id, strlen(id)))
        return -1;
    b->len--;
    if (actnet_buffer_printf(b, "-%zu\",\"date\":", n) || json_str(b, doc->date) ||
        cli_buf_str(b, ",\"event\":") || json_str(b, r->plover_event) ||
        cli_buf_str(b, ",\"mode\":") || json_str(b, r->plover_mode) ||
        cli_buf_str(b, ",\"context\":") || json_list(b, r->plover_context) ||
        cli_buf_str(b, ",\"cameo\":") || json_str(b, r->cameo) ||
        plover_side(b, "source", ex, doc, ev->actor_mention,
                    actnet_extractor_entity(ex, ev->actor)) ||
        plover_side(b, "target", ex, doc, ev->target_mention,
                    actnet_extractor_entity(ex, ev->target)) ||
        actnet_buffer_printf(b, ",\"negated\":%s,\"hedged\":%s,\"trigger\":",
                      ev->negated ? "true" : "false",
                      ev->hedged ? "true" : "false") ||
        cli_buf_json_string(b, doc->text + ev->start, ev->end - ev->start) ||
        cli_buf_str(b, ",\"medium\":") ||
        json_str(b, ev->media ? actnet_extractor_entity(ex, ev->target)->label
                              : NULL) ||
        cli_buf_str(b, ",\"relation\":") || json_str(b, r->id) ||
        cli_buf_str(b, ",\"doc\":") || json_str(b, doc->id) ||
        cli_buf_str(b, ",\"text\":") ||
        cli_buf_json_string(b, doc->text + ss, se - ss) ||
        cli_buf_str(b, "}\n"))
        return -1;
    return 0;
}

/* One event as a TSV line or a JSON object, appended to b; 0 / -1. */
static int format_event(actnet_buffer *b, const cli_listing *o,
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
    const char *text = doc->text + ev->start;
    size_t tlen = ev->end - ev->start;

    actnet_extractor_sentence_span(ex, ev->sentence, &ss, &se);
    if (o->explain) {
        rloc = rule_loc(lr, sizeof(lr), r->rule_path, r->rule_line);
        aloc = rule_loc(la, sizeof(la), a->rule_path, a->rule_line);
        tloc = rule_loc(lt, sizeof(lt), t->rule_path, t->rule_line);
    }
    if (!o->jsonl) {
        if (tsv_str(b, doc->id) || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, doc->date) ||
            actnet_buffer_printf(b, "\t%u\t%zu\t%zu\t", ev->sentence + 1,
                          ev->start, ev->end) ||
            tsv_str(b, a->id) || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, a->label) || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, r->id) || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, t->id) || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, t->label) ||
            actnet_buffer_printf(b, "\t%d\t", r->polarity) || tsv_str(b, r->cls) ||
            actnet_buffer_printf(b, "\t%d\t%d\t", ev->negated, ev->hedged) ||
            tsv_str(b, r->cameo ? r->cameo : "-") || actnet_buffer_putc(b, '\t') ||
            tsv_str(b, r->plover_event ? r->plover_event : "-") ||
            actnet_buffer_putc(b, '\t') ||
            tsv_str(b, r->plover_mode ? r->plover_mode : "-") ||
            actnet_buffer_putc(b, '\t') ||
            tsv_str(b, r->plover_context ? r->plover_context : "-") ||
            actnet_buffer_putc(b, '\t') || cli_buf_tsv_field(b, text, tlen))
            return -1;
        if (o->explain &&
            (actnet_buffer_putc(b, '\t') || tsv_str(b, rloc ? rloc : "-") ||
             actnet_buffer_putc(b, '\t') || tsv_str(b, aloc ? aloc : "-") ||
             actnet_buffer_putc(b, '\t') || tsv_str(b, tloc ? tloc : "-")))
            return -1;
        if (actnet_buffer_putc(b, '\t') ||
            cli_buf_tsv_field(b, doc->text + ss, se - ss) ||
            actnet_buffer_putc(b, '\n'))
            return -1;
        return 0;
    }
    if (cli_buf_str(b, "{\"doc\":") || json_str(b, doc->id) ||
        cli_buf_str(b, ",\"date\":") || json_str(b, doc->date) ||
        actnet_buffer_printf(b, ",\"sentence\":%u,\"start\":%zu,\"end\":%zu,"
                      "\"actor\":", ev->sentence + 1, ev->start, ev->end) ||
        json_str(b, a->id) ||
        cli_buf_str(b, ",\"actor_label\":") || json_str(b, a->label) ||
        cli_buf_str(b, ",\"relation\":") || json_str(b, r->id) ||
        cli_buf_str(b, ",\"relation_label\":") || json_str(b, r->label) ||
        cli_buf_str(b, ",\"target\":") || json_str(b, t->id) ||
        cli_buf_str(b, ",\"target_label\":") || json_str(b, t->label) ||
        actnet_buffer_printf(b, ",\"polarity\":%d,\"class\":", r->polarity) ||
        json_str(b, r->cls) ||
        actnet_buffer_printf(b, ",\"negated\":%s,\"hedged\":%s,\"cameo\":",
                      ev->negated ? "true" : "false",
                      ev->hedged ? "true" : "false") ||
        json_str(b, r->cameo) ||
        cli_buf_str(b, ",\"event\":") || json_str(b, r->plover_event) ||
        cli_buf_str(b, ",\"mode\":") || json_str(b, r->plover_mode) ||
        cli_buf_str(b, ",\"context\":") || json_list(b, r->plover_context) ||
        cli_buf_str(b, ",\"phrase\":") || cli_buf_json_string(b, text, tlen) ||
        cli_buf_str(b, ",\"medium\":") ||
        json_str(b, ev->media ? t->label : NULL))
        return -1;
    if (o->explain &&
        (cli_buf_str(b, ",\"relation_rule\":") || json_str(b, rloc) ||
         cli_buf_str(b, ",\"actor_rule\":") || json_str(b, aloc) ||
         cli_buf_str(b, ",\"target_rule\":") || json_str(b, tloc)))
        return -1;
    if (cli_buf_str(b, ",\"text\":") ||
        cli_buf_json_string(b, doc->text + ss, se - ss) ||
        cli_buf_str(b, "}\n"))
        return -1;
    return 0;
}

/* What the workers share (read only). */
typedef struct events_ctx {
    const cli_listing *o;
    const actnet_rules *rules;
} events_ctx;

/* The per-document callback of cli_run: every event of the document. */
static int events_document(void *ctx, const actnet_extractor *ex,
                           const actnet_document *doc, actnet_buffer *out)
{
    const events_ctx *c = ctx;
    const actnet_event *evs = actnet_extractor_events(ex);
    size_t n = actnet_extractor_event_count(ex);
    for (size_t i = 0; i < n; i++)
        if (c->o->plover
                ? format_plover(out, c->rules, ex, doc, &evs[i], i + 1)
                : format_event(out, c->o, c->rules, ex, doc, &evs[i]))
            return -1;
    return 0;
}

int cmd_events(int argc, char **argv)
{
    cli_common c;
    cli_listing o;
    actnet_rules *rules = NULL;
    char header[256];
    int rc;

    cli_common_init(&c);
    rc = cli_listing_parse(argc, argv, &c, &o, "events", help, help_opts, 1);
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
    events_ctx ec = {&o, rules};
    snprintf(header, sizeof(header), "doc\tdate\tsentence\tstart\tend\t"
             "actor\tactor_label\trelation\ttarget\ttarget_label\t"
             "polarity\tclass\tnegated\thedged\tcameo\tevent\tmode\t"
             "context\tphrase\t%stext\n",
             o.explain ? "relation_rule\tactor_rule\ttarget_rule\t" : "");
    rc = cli_listing_run(&c, rules, &o, events_document, &ec, header, 1);
out:
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
