/*
 * write_report.c — the HTML report (report.h): the template cut at its
 * ACTNET-DATA comment, and between the halves the data as JSON script
 * blocks.  Each network is written by the JSON writer into memory first
 * and copied with '<' as \u003c: the same JSON networkx reads, safe
 * inside <script> whatever the evidence sentences hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "write/report.h"

static const char marker[] = "<!--ACTNET-DATA-->";

/* Copies s[0..len) to fp with every '<' as \u003c (valid in JSON
 * strings, and '<' appears nowhere else in JSON). */
static void put_json(FILE *fp, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        size_t n = lt ? (size_t)(lt - s) : (size_t)(end - s);
        fwrite(s, 1, n, fp);
        if (!lt)
            break;
        fputs("\\u003c", fp);
        s = lt + 1;
    }
}

/* <script type="application/json" id="ID">JSON</script> */
static void put_block(FILE *fp, const char *id, const char *json,
                      size_t len)
{
    fprintf(fp, "<script type=\"application/json\" id=\"%s\">", id);
    put_json(fp, json, len);
    fputs("</script>\n", fp);
}

/* json_dumps of o as a block; 0 / -1 (memory).  Steals o. */
static int put_object(FILE *fp, const char *id, json_t *o)
{
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII |
                                       JSON_REAL_PRECISION(15))
                   : NULL;
    json_decref(o);
    if (!text)
        return -1;
    put_block(fp, id, text, strlen(text));
    free(text);
    return 0;
}

/* Sets key to a string when s is not NULL; 0 / -1. */
static int set_string(json_t *o, const char *key, const char *s)
{
    if (!s)
        return 0;
    json_t *v = json_string(s);
    return v ? json_object_set_new(o, key, v) : -1;
}

static int set_uint(json_t *o, const char *key, uint64_t v)
{
    json_t *j = json_integer((json_int_t)v);
    return j ? json_object_set_new(o, key, j) : -1;
}

static json_t *summary_json(const an_report_summary *s)
{
    json_t *o = json_object(), *rules = json_array();
    int bad = !o || !rules;
    bad = bad || set_string(o, "title", s->title) ||
          set_string(o, "version", ACTNET_VERSION) ||
          set_uint(o, "documents", s->documents) ||
          set_uint(o, "skipped", s->skipped) ||
          set_uint(o, "repaired", s->repaired) ||
          set_uint(o, "dated", s->dated) ||
          set_uint(o, "undated", s->documents - s->dated) ||
          set_uint(o, "mentions", s->mentions) ||
          set_uint(o, "events", s->events) ||
          set_string(o, "first", s->first) ||
          set_string(o, "last", s->last) ||
          set_string(o, "window", s->window) ||
          set_uint(o, "evidence", s->evidence) ||
          set_uint(o, "entities", s->entities) ||
          set_uint(o, "relations", s->relations);
    if (!bad && s->draw)
        bad = set_uint(o, "draw_top", s->draw);
    for (size_t i = 0; !bad && i < s->n_rules; i++) {
        json_t *p = json_string(s->rules[i]);
        bad = !p || json_array_append_new(rules, p);
    }
    if (bad || json_object_set_new(o, "rules", rules)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Adds the dates of the documents cited by net's evidence to dates; 0 /
 * -1 (memory).  The ids are cleaned as the JSON writer cleans them, so
 * they are the page's keys. */
static int cited_dates(json_t *dates, const an_net *net,
                       an_report_date_fn date_of, void *ctx)
{
    const an_column *ev = an_table_find(&net->et, "evidence");
    an_buf b = {0};
    int rc = 0;
    if (!ev || ev->type != AN_COL_STRING)
        return 0;
    for (igraph_integer_t r = 0; rc == 0 && r < net->et.rows; r++) {
        const char *text = igraph_strvector_get(&ev->str, r);
        b.len = 0;
        if (an_clean_text(&b, text, strlen(text), 0, 0) ||
            an_buf_terminate(&b)) {
            rc = -1;
            break;
        }
        for (char *line = b.data; line && *line;) {
            char *nl = strchr(line, '\n'), *tab;
            if (nl)
                *nl = '\0';
            tab = strchr(line, '\t');
            if (tab) {
                char buf[11];
                const char *date;
                *tab = '\0';
                if (!json_object_get(dates, line) &&
                    (date = date_of(ctx, line, buf)) != NULL &&
                    set_string(dates, line, date)) {
                    rc = -1;
                    break;
                }
            }
            line = nl ? nl + 1 : NULL;
        }
    }
    an_buf_free(&b);
    return rc;
}

/* One network as a block; ACTNET_OK or the JSON writer's failure. */
static actnet_status put_net(FILE *fp, const char *id, const an_net *net,
                             const an_write_opts *opts, actnet_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *ms = open_memstream(&text, &len);
    actnet_status st;
    if (!ms) {
        an_error_set(err, "", 0, 0, "out of memory while writing the "
                     "report");
        return ACTNET_ERR_NOMEM;
    }
    st = an_write_net_json(net, ms, opts, err);
    if (fclose(ms) && st == ACTNET_OK) {
        an_error_set(err, "", 0, 0, "out of memory while writing the "
                     "report");
        st = ACTNET_ERR_NOMEM;
    }
    if (st == ACTNET_OK)
        put_block(fp, id, text, len);
    free(text);
    return st;
}

actnet_status an_write_report(FILE *fp, const an_report_summary *s,
                              const an_net *cooc, const an_net *acts,
                              an_report_date_fn date_of, void *ctx,
                              const an_write_opts *opts, actnet_error *err)
{
    const char *cut = strstr(an_report_template, marker);
    actnet_status st = ACTNET_ERR_NOMEM;
    json_t *dates = NULL;

    if (!cut) {
        /* the build checks the template; this is a broken library */
        an_error_set(err, "", 0, 0, "the report template has no data "
                     "marker (a broken build of actnet)");
        return ACTNET_ERR_USAGE;
    }
    fwrite(an_report_template, 1, (size_t)(cut - an_report_template), fp);
    if (put_object(fp, "actnet-summary", summary_json(s)))
        goto nomem;
    if (cooc && (st = put_net(fp, "actnet-cooccurrence", cooc, opts,
                              err)) != ACTNET_OK)
        return st;
    if (acts && (st = put_net(fp, "actnet-acts-on", acts, opts, err)) !=
                    ACTNET_OK)
        return st;
    if (date_of) {
        if (!(dates = json_object()) ||
            (cooc && cited_dates(dates, cooc, date_of, ctx)) ||
            (acts && cited_dates(dates, acts, date_of, ctx))) {
            json_decref(dates);
            goto nomem;
        }
        if (put_object(fp, "actnet-dates", dates))
            goto nomem;
    }
    fputs(cut + strlen(marker), fp);
    if (fflush(fp) || ferror(fp)) {
        an_error_set(err, "", 0, 0, "cannot write the report");
        return ACTNET_ERR_IO;
    }
    return ACTNET_OK;
nomem:
    an_error_set(err, "", 0, 0, "out of memory while writing the report");
    return ACTNET_ERR_NOMEM;
}
