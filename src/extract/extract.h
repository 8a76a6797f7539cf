/*
 * extract.h — the extractor (private): per-thread state of the text
 * pipeline, shared by the stage files (segment, match, resolve).
 *
 * extract.c runs the stages in order for one document and owns the
 * entity table: gazetteer entities first (indices equal to rules->gaz),
 * then entities created at run time by agents with a country and by
 * discovery patterns, interned by id so each gets one stable index.
 */
#ifndef ACTNET_EXTRACT_H
#define ACTNET_EXTRACT_H

#include "actnet.h"
#include "rules/rules.h"
#include "text/text.h"
#include "core/util.h"

/* An entity created at run time; its strings are malloc'ed and owned. */
typedef struct an_dyn_entity {
    actnet_entity pub;
} an_dyn_entity;

typedef struct actnet_extractor an_extract;

struct actnet_extractor {
    const actnet_rules *rules;
    const actnet_document *doc;   /* the document being processed */
    int32_t date;                 /* its date as YYYYMMDD (0: undated), which
                                     selects the rules that apply */
    an_text text;

    actnet_mention *mentions;
    size_t n_mentions, cap_mentions;

    /* run-time entities: index = rules->n_gaz + position */
    an_dyn_entity *dyn;
    size_t n_dyn, cap_dyn;
    an_strmap dyn_ids;            /* id -> index into dyn */
    an_buf scratch;               /* per-document scratch space */

    /* acts-on events of the document (relate.c) */
    actnet_event *events;
    size_t n_events, cap_events;
    struct an_relate_state *relate; /* created by the relate stage */
    int no_events;                /* skip the relate stage
                                     (actnet_extractor_set_events) */
    struct an_match_state *match;   /* per-document work arrays of the
                                       match stage (match.c) */
    int no_filters;               /* the filter oracle: match and relate
                                     try everything their filters would
                                     rule out (an_extract_set_filters) */
};

/*
 * Returns the index of the run-time entity with this id, creating it with
 * the given label, type and country (a gazetteer id or NULL) if new.
 * Returns UINT32_MAX when out of memory.
 */
uint32_t an_extract_intern(an_extract *ex, const char *id,
                           const char *label, actnet_entity_type type,
                           const char *country);

/*
 * Switches the stages' filters and skip tables off (on = 0) or back on.
 * Every filter of match and relate is a necessary condition of what it
 * guards, so the mentions and events must be the same either way; with
 * them off the stages walk every place the filters would have ruled out.
 * For the differential tests only (tests/test_oracle.c, fuzz_oracle):
 * the outputs do not change, only the time.  Set it before the first
 * document.
 */
void an_extract_set_filters(an_extract *ex, int on);

/* Appends a mention; 0 / -1. */
int an_extract_add_mention(an_extract *ex, const actnet_mention *m);

#endif /* ACTNET_EXTRACT_H */
