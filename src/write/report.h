/*
 * report.h — the HTML report (actnet report): one self-contained page
 * that draws the co-occurrence and the acts-on networks, lists their
 * rankings and shows the sentences behind every edge.
 *
 * The page is report.html (the template, embedded in the library at
 * build time) with the data put in as JSON script blocks: the summary of
 * the run, each network in the node-link JSON of write_json.c (so every
 * attribute, measure and the layout's "x" / "y" reach the page as they
 * reach networkx or d3), and the dates of the documents the evidence
 * cites.  '<' in the data is written as \u003c, so no text of the corpus
 * can end a script block or open a comment.  Nothing in the page loads
 * anything from elsewhere.
 */
#ifndef ACTNET_REPORT_H
#define ACTNET_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "actnet.h"
#include "write/write.h"

/* The template, NUL-terminated (report_template.c, made from
 * src/write/report.html at build time). */
extern const char an_report_template[];
extern const size_t an_report_template_len;

/* What the page says about the corpus and the run; strings may be NULL
 * (then left out). */
typedef struct an_report_summary {
    const char *title;          /* the page's title ("actnet report") */
    uint64_t documents;         /* documents processed */
    uint64_t skipped;           /* documents skipped (unreadable, ...) */
    uint64_t repaired;          /* processed after a repair */
    uint64_t dated;             /* documents with a valid date */
    uint64_t mentions;          /* mentions counted */
    uint64_t events;            /* acts-on events counted */
    const char *first, *last;   /* date range, YYYY-MM-DD */
    const char *window;         /* co-occurrence window ("sentence") */
    uint32_t evidence;          /* examples kept per edge */
    const char *const *rules;   /* rule paths used */
    size_t n_rules;
    size_t entities;            /* gazetteer entities of the rules */
    size_t relations;           /* relations of the rules */
    unsigned draw;              /* nodes drawn at first (the page's "top
                                   N"); 0 = the page's default (300) */
} an_report_summary;

/* The date (YYYY-MM-DD) of the document with this id, or NULL when it is
 * unknown or undated; buf (11 bytes) may hold the text. */
typedef const char *(*an_report_date_fn)(void *ctx, const char *doc,
                                         char buf[11]);

/*
 * Writes the report to fp: the summary, cooc and acts (either may be
 * NULL: not in the report) and, when date_of is not NULL, the dates of
 * the documents cited by the evidence of both.  opts as for the writers
 * (write.h).  ACTNET_OK, or ACTNET_ERR_IO / ACTNET_ERR_NOMEM with err
 * filled.
 */
actnet_status an_write_report(FILE *fp, const an_report_summary *s,
                              const an_net *cooc, const an_net *acts,
                              an_report_date_fn date_of, void *ctx,
                              const an_write_opts *opts, actnet_error *err);

#endif /* ACTNET_REPORT_H */
