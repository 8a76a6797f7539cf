/*
 * agg_fixture.h — synthetic documents for the aggregate, graph and write
 * test suites: a document is a list of sentences (each with its
 * paragraph) and mentions given as (entity, sentence, token), plus, for
 * the acts-on network, events given as (actor, relation, target,
 * sentence, negated, hedged) over a relation table; the fixture builds
 * the text and sentence spans and feeds an an_agg through
 * an_agg_add_source, so the tests do not depend on the text pipeline.
 * Header-only (static inline functions).
 */
#ifndef ACTNET_AGG_FIXTURE_H
#define ACTNET_AGG_FIXTURE_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "net/aggregate.h"
#include "core/util.h"

#define FX_MAX 32

typedef struct fx_mention {
    uint32_t entity;        /* index into the entity table */
    uint32_t sentence;
    uint32_t tok;           /* token start */
} fx_mention;

typedef struct fx_doc {
    const char *id;
    const char *date;
    const char *sentences[FX_MAX];      /* NULL-terminated */
    uint32_t paragraph[FX_MAX];         /* paragraph of each sentence */
    fx_mention mentions[FX_MAX];
    size_t n_mentions;
} fx_doc;

/* One acts-on event: entity and relation indices into the tables. */
typedef struct fx_event {
    uint32_t actor, relation, target, sentence;
    int negated, hedged;
} fx_event;

/* The events of one document and the relation table they refer to. */
typedef struct fx_events {
    const actnet_relation *relations;
    size_t n_relations;
    fx_event ev[FX_MAX];
    size_t n;
} fx_events;

typedef struct fx_ctx {
    const actnet_entity *entities;
    size_t n_entities;
    const actnet_relation *relations;
    size_t n_relations;
    size_t starts[FX_MAX], ends[FX_MAX];
    size_t n_sentences;
} fx_ctx;

static inline const actnet_relation *fx_relation(const void *ctx,
                                                 uint32_t idx)
{
    const fx_ctx *c = ctx;
    return idx < c->n_relations ? &c->relations[idx] : NULL;
}

static inline const actnet_entity *fx_entity(const void *ctx, uint32_t idx)
{
    const fx_ctx *c = ctx;
    return idx < c->n_entities ? &c->entities[idx] : NULL;
}

static inline void fx_span(const void *ctx, size_t s, size_t *start, size_t *end)
{
    const fx_ctx *c = ctx;
    if (s < c->n_sentences) {
        *start = c->starts[s];
        *end = c->ends[s];
    } else {
        *start = *end = 0;
    }
}

/* Feeds one synthetic document with events (evs may be NULL) to agg;
 * asserts success. */
static inline void fx_feed_events(an_agg *agg, const actnet_entity *entities,
                                  size_t n_entities, const fx_doc *d,
                                  const fx_events *evs)
{
    fx_ctx ctx;
    an_buf text = {0};
    actnet_mention ms[FX_MAX];
    actnet_event es[FX_MAX];
    actnet_document doc;
    an_agg_source src;

    memset(&ctx, 0, sizeof(ctx));
    memset(&src, 0, sizeof(src));
    ctx.entities = entities;
    ctx.n_entities = n_entities;
    for (size_t s = 0; d->sentences[s]; s++) {
        if (s)
            ck_assert_int_eq(an_buf_append(&text,
                d->paragraph[s] != d->paragraph[s - 1] ? "\n\n" : " ",
                d->paragraph[s] != d->paragraph[s - 1] ? 2 : 1), 0);
        ctx.starts[s] = text.len;
        ck_assert_int_eq(an_buf_append(&text, d->sentences[s],
                                       strlen(d->sentences[s])), 0);
        ctx.ends[s] = text.len;
        ctx.n_sentences = s + 1;
    }
    ck_assert_int_eq(an_buf_terminate(&text), 0);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const fx_mention *m = &d->mentions[i];
        memset(&ms[i], 0, sizeof(ms[i]));
        ms[i].entity = m->entity;
        ms[i].sentence = m->sentence;
        ms[i].paragraph = d->paragraph[m->sentence];
        ms[i].tok_start = m->tok;
        ms[i].tok_end = m->tok + 1;
    }
    for (size_t i = 0; evs && i < evs->n; i++) {
        const fx_event *e = &evs->ev[i];
        memset(&es[i], 0, sizeof(es[i]));
        es[i].actor = e->actor;
        es[i].target = e->target;
        es[i].relation = e->relation;
        es[i].sentence = e->sentence;
        es[i].negated = e->negated;
        es[i].hedged = e->hedged;
    }
    doc.id = d->id;
    doc.date = d->date;
    doc.text = text.data;
    doc.len = text.len;
    src.doc = &doc;
    src.mentions = ms;
    src.n_mentions = d->n_mentions;
    src.entity = fx_entity;
    src.sentence_span = fx_span;
    src.ctx = &ctx;
    if (evs) {
        ctx.relations = evs->relations;
        ctx.n_relations = evs->n_relations;
        src.events = es;
        src.n_events = evs->n;
        src.relation = fx_relation;
    }
    ck_assert_int_eq(an_agg_add_source(agg, &src), 0);
    an_buf_free(&text);
}

/* Feeds one synthetic document (no events) to agg; asserts success. */
static inline void fx_feed(an_agg *agg, const actnet_entity *entities,
                    size_t n_entities, const fx_doc *d)
{
    fx_feed_events(agg, entities, n_entities, d, NULL);
}

/* Index of the node with this id, or -1. */
static inline long fx_node(const an_agg *agg, const char *id)
{
    const an_agg_node *n = an_agg_nodes(agg);
    for (size_t i = 0; i < an_agg_node_count(agg); i++)
        if (!strcmp(n[i].id, id))
            return (long)i;
    return -1;
}

/* The edge between the nodes with these ids, or NULL. */
static inline const an_agg_edge *fx_edge(const an_agg *agg, const char *a,
                                  const char *b)
{
    long x = fx_node(agg, a), y = fx_node(agg, b);
    const an_agg_edge *e = an_agg_edges(agg);
    if (x < 0 || y < 0)
        return NULL;
    for (size_t i = 0; i < an_agg_edge_count(agg); i++)
        if ((e[i].a == (uint32_t)x && e[i].b == (uint32_t)y) ||
            (e[i].a == (uint32_t)y && e[i].b == (uint32_t)x))
            return &e[i];
    return NULL;
}

/* The acts-on edge actor -> target of relation rel (a relation id, or
 * NULL for a collapsed edge), or NULL. */
static inline const an_agg_act *fx_act(const an_agg *agg, const char *actor,
                                       const char *target, const char *rel)
{
    long x = fx_node(agg, actor), y = fx_node(agg, target);
    const an_agg_act *a = an_agg_acts(agg);
    const an_agg_relation *r = an_agg_relations(agg);
    if (x < 0 || y < 0)
        return NULL;
    for (size_t i = 0; i < an_agg_act_count(agg); i++) {
        if (a[i].actor != (uint32_t)x || a[i].target != (uint32_t)y)
            continue;
        if (rel ? a[i].relation != AN_AGG_COLLAPSED &&
                      !strcmp(r[a[i].relation].id, rel)
                : a[i].relation == AN_AGG_COLLAPSED)
            return &a[i];
    }
    return NULL;
}

/* The weight of relation rel in collapsed edge a (0 when absent). */
static inline uint64_t fx_part(const an_agg *agg, const an_agg_act *a,
                               const char *rel)
{
    const an_agg_relation *r = an_agg_relations(agg);
    for (uint32_t i = 0; i < a->n_parts; i++)
        if (!strcmp(r[a->parts[i].relation].id, rel))
            return a->parts[i].weight;
    return 0;
}

static const an_agg_node *fx_sort_nodes;

static inline int fx_cmp_node(const void *pa, const void *pb)
{
    return strcmp(fx_sort_nodes[*(const size_t *)pa].id,
                  fx_sort_nodes[*(const size_t *)pb].id);
}

static inline int fx_cmp_line(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* The relations and acts-on edges of agg, in a canonical order, onto
 * out (parts of collapsed edges by relation id). */
static inline void fx_dump_acts(const an_agg *agg, an_buf *out)
{
    const an_agg_node *n = an_agg_nodes(agg);
    const an_agg_relation *r = an_agg_relations(agg);
    const an_agg_act *a = an_agg_acts(agg);
    size_t nr = an_agg_relation_count(agg), na = an_agg_act_count(agg);
    char **lines = malloc((nr + na + 1) * sizeof(*lines));
    ck_assert_ptr_nonnull(lines);
    for (size_t i = 0; i < nr; i++) {
        an_buf l = {0};
        an_buf_printf(&l, "R %s|%s|%d|%s|%d\n", r[i].id, r[i].label,
                      r[i].polarity, r[i].cls ? r[i].cls : "-",
                      r[i].symmetric);
        lines[i] = l.data;
    }
    for (size_t i = 0; i < na; i++) {
        an_buf l = {0};
        char **parts = malloc((a[i].n_parts + 1) * sizeof(*parts));
        ck_assert_ptr_nonnull(parts);
        an_buf_printf(&l, "A %s|%s|%s|%llu|%llu|%llu|%llu|%u|%u|r%llu\n",
                      n[a[i].actor].id, n[a[i].target].id,
                      a[i].relation == AN_AGG_COLLAPSED
                          ? "*" : r[a[i].relation].id,
                      (unsigned long long)a[i].weight,
                      (unsigned long long)a[i].negated,
                      (unsigned long long)a[i].hedged,
                      (unsigned long long)a[i].documents,
                      (unsigned)a[i].first, (unsigned)a[i].last,
                      (unsigned long long)a[i].reversed);
        for (uint32_t k = 0; k < a[i].n_parts; k++) {
            an_buf p = {0};
            an_buf_printf(&p, "  part %s %llu\n",
                          r[a[i].parts[k].relation].id,
                          (unsigned long long)a[i].parts[k].weight);
            parts[k] = p.data;
        }
        qsort(parts, a[i].n_parts, sizeof(*parts), fx_cmp_line);
        for (uint32_t k = 0; k < a[i].n_parts; k++) {
            an_buf_printf(&l, "%s", parts[k]);
            free(parts[k]);
        }
        free(parts);
        for (uint32_t k = 0; k < a[i].n_ev; k++)
            an_buf_printf(&l, "  %s|%u|%u|%s\n", a[i].ev[k].doc,
                          (unsigned)a[i].ev[k].s1, (unsigned)a[i].ev[k].s2,
                          a[i].ev[k].text);
        lines[nr + i] = l.data;
    }
    qsort(lines, nr + na, sizeof(*lines), fx_cmp_line);
    for (size_t i = 0; i < nr + na; i++) {
        an_buf_printf(out, "%s", lines[i]);
        free(lines[i]);
    }
    free(lines);
}

/*
 * A canonical text of everything the accumulator holds, independent of
 * insertion order: nodes by id, edges by their end ids, evidence in its
 * kept order, and the totals.  The caller frees it.
 */
static inline char *fx_dump(const an_agg *agg)
{
    const an_agg_node *n = an_agg_nodes(agg);
    const an_agg_edge *e = an_agg_edges(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);
    size_t nn = an_agg_node_count(agg), ne = an_agg_edge_count(agg);
    size_t *order = malloc((nn + 1) * sizeof(*order));
    char **lines = malloc((ne + 1) * sizeof(*lines));
    an_buf out = {0};

    ck_assert_ptr_nonnull(order);
    ck_assert_ptr_nonnull(lines);
    for (size_t i = 0; i < nn; i++)
        order[i] = i;
    fx_sort_nodes = n;
    qsort(order, nn, sizeof(*order), fx_cmp_node);
    for (size_t i = 0; i < nn; i++) {
        const an_agg_node *x = &n[order[i]];
        an_buf_printf(&out, "N %s|%s|%d|%s|%s|%llu|%llu|%u|%u\n", x->id,
                      x->label, (int)x->type, x->country ? x->country : "-",
                      x->kind ? x->kind : "-",
                      (unsigned long long)x->mentions,
                      (unsigned long long)x->documents, (unsigned)x->first,
                      (unsigned)x->last);
    }
    for (size_t i = 0; i < ne; i++) {
        an_buf l = {0};
        const char *a = n[e[i].a].id, *b = n[e[i].b].id;
        if (strcmp(a, b) > 0) {
            const char *t = a;
            a = b;
            b = t;
        }
        an_buf_printf(&l, "E %s|%s|%llu|%llu|%u|%u\n", a, b,
                      (unsigned long long)e[i].weight,
                      (unsigned long long)e[i].documents,
                      (unsigned)e[i].first, (unsigned)e[i].last);
        for (uint32_t k = 0; k < e[i].n_ev; k++)
            an_buf_printf(&l, "  %s|%u|%u|%s\n", e[i].ev[k].doc,
                          (unsigned)e[i].ev[k].s1, (unsigned)e[i].ev[k].s2,
                          e[i].ev[k].text);
        lines[i] = l.data;
    }
    qsort(lines, ne, sizeof(*lines), fx_cmp_line);
    for (size_t i = 0; i < ne; i++) {
        an_buf_printf(&out, "%s", lines[i]);
        free(lines[i]);
    }
    fx_dump_acts(agg, &out);
    an_buf_printf(&out, "S %llu|%llu|%llu|%llu|%u|%u|%llu|%llu\n",
                  (unsigned long long)st->documents,
                  (unsigned long long)st->dated,
                  (unsigned long long)st->bad_dates,
                  (unsigned long long)st->mentions, (unsigned)st->first,
                  (unsigned)st->last, (unsigned long long)st->events,
                  (unsigned long long)st->left_out);
    free(order);
    free(lines);
    an_buf_terminate(&out);
    return out.data;
}

#endif /* ACTNET_AGG_FIXTURE_H */
