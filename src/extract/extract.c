/*
 * extract.c — the extractor: runs the text pipeline over one document
 * (segment -> match -> resolve) and owns the table of entities created at
 * run time (agents combined with a country, entities found by discovery
 * patterns), so that every mention points at a stable entity index.
 *
 * Gazetteer entities have the indices of rules->gaz; run-time entities
 * follow, in the order first seen by this extractor.  Buffers are reused
 * from one document to the next, so the steady state allocates only for
 * new entities.
 */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract/match.h"
#include "extract/relate.h"

actnet_extractor *actnet_extractor_create(const actnet_rules *rules)
{
    if (!rules || !rules->compiled || rules->poisoned)
        return NULL;
    an_extract *ex = calloc(1, sizeof(*ex));
    if (!ex)
        return NULL;
    ex->rules = rules;
    an_text_init(&ex->text);
    return ex;
}

void actnet_extractor_destroy(actnet_extractor *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->n_dyn; i++) {
        free((char *)ex->dyn[i].pub.id);
        free((char *)ex->dyn[i].pub.label);
        free((char *)ex->dyn[i].pub.country);
    }
    free(ex->dyn);
    an_strmap_free(&ex->dyn_ids);
    free(ex->mentions);
    free(ex->events);
    an_relate_state_destroy(ex->relate);
    an_match_state_destroy(ex->match);
    an_buf_free(&ex->scratch);
    an_text_finish(&ex->text);
    free(ex);
}

uint32_t an_extract_intern(an_extract *ex, const char *id, const char *label,
                           actnet_entity_type type, const char *country)
{
    size_t idlen = strlen(id);
    uint32_t pos;
    uint32_t base = (uint32_t)ex->rules->n_gaz;
    uint32_t gi;

    /* A run-time id that names a gazetteer entity is that entity. */
    if (an_strmap_get(&ex->rules->gaz_ids, id, idlen, &gi))
        return gi;
    if (an_strmap_get(&ex->dyn_ids, id, idlen, &pos))
        return base + pos;
    if (ex->n_dyn >= UINT32_MAX - base - 1)
        return UINT32_MAX;
    if (AN_RESERVE(ex->dyn, ex->cap_dyn, ex->n_dyn + 1))
        return UINT32_MAX;

    an_dyn_entity *d = &ex->dyn[ex->n_dyn];
    memset(d, 0, sizeof(*d));
    char *cid = an_strdup(id);
    char *clabel = an_strdup(label);
    char *ccountry = country ? an_strdup(country) : NULL;
    if (!cid || !clabel || (country && !ccountry))
        goto fail;
    pos = (uint32_t)ex->n_dyn;
    if (an_strmap_put(&ex->dyn_ids, id, idlen, pos, NULL) < 0)
        goto fail;
    d->pub.id = cid;
    d->pub.label = clabel;
    d->pub.type = type;
    d->pub.country = ccountry;
    ex->n_dyn++;
    return base + pos;
fail:
    free(cid);
    free(clabel);
    free(ccountry);
    return UINT32_MAX;
}

int an_extract_add_mention(an_extract *ex, const actnet_mention *m)
{
    if (AN_RESERVE(ex->mentions, ex->cap_mentions, ex->n_mentions + 1))
        return -1;
    ex->mentions[ex->n_mentions++] = *m;
    return 0;
}

actnet_status actnet_extractor_run(actnet_extractor *ex,
                                   const actnet_document *doc,
                                   actnet_error *err)
{
    const char *name = doc && doc->id ? doc->id : "(document)";

    if (!ex || !doc || (!doc->text && doc->len)) {
        an_error_set(err, name, 0, 0, "no document to process");
        return ACTNET_ERR_USAGE;
    }
    if (doc->len > UINT32_MAX) {
        an_error_set(err, name, 0, 0,
                     "document of %zu bytes exceeds the 4 GiB limit of one "
                     "document; split it", doc->len);
        return ACTNET_ERR_DATA;
    }
    ex->doc = doc;
    ex->date = doc->date ? an_rules_date(doc->date, strlen(doc->date)) : 0;
    ex->n_mentions = 0;
    ex->n_events = 0;
    ex->scratch.len = 0;
    if (an_text_segment(&ex->text, doc->text ? doc->text : "", doc->len,
                        &ex->rules->abbrevs) ||
        an_match_document(ex) || an_resolve_document(ex) ||
        (!ex->no_events && an_relate_document(ex))) {
        ex->doc = NULL;
        an_error_set(err, name, 0, 0,
                     "out of memory while processing the document");
        return ACTNET_ERR_NOMEM;
    }
    ex->doc = NULL;
    return ACTNET_OK;
}

size_t actnet_extractor_mention_count(const actnet_extractor *ex)
{
    return ex->n_mentions;
}

const actnet_mention *actnet_extractor_mentions(const actnet_extractor *ex)
{
    return ex->mentions;
}

size_t actnet_extractor_sentence_count(const actnet_extractor *ex)
{
    return ex->text.n_sents;
}

void actnet_extractor_sentence_span(const actnet_extractor *ex, size_t i,
                                    size_t *start, size_t *end)
{
    if (i >= ex->text.n_sents) {
        *start = *end = 0;
        return;
    }
    *start = ex->text.sents[i].start;
    *end = ex->text.sents[i].end;
}

size_t actnet_extractor_token_count(const actnet_extractor *ex)
{
    return ex->text.n_toks;
}

void actnet_extractor_set_events(actnet_extractor *ex, int on)
{
    if (ex)
        ex->no_events = !on;
}

void an_extract_set_filters(an_extract *ex, int on)
{
    if (ex)
        ex->no_filters = !on;
}

size_t actnet_extractor_repaired(const actnet_extractor *ex)
{
    return ex->text.repaired;
}

const actnet_entity *actnet_extractor_entity(const actnet_extractor *ex,
                                             uint32_t idx)
{
    size_t n_gaz = ex->rules->n_gaz;
    if (idx < n_gaz)
        return &ex->rules->gaz[idx].pub;
    if (idx - n_gaz < ex->n_dyn)
        return &ex->dyn[idx - n_gaz].pub;
    return NULL;
}

size_t actnet_extractor_entity_count(const actnet_extractor *ex)
{
    return ex->rules->n_gaz + ex->n_dyn;
}
