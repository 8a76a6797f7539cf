/*
 * agg_fixture.h — synthetic documents for the aggregate, graph and write
 * test suites: a document is a list of sentences (each with its
 * paragraph) and mentions given as (entity, sentence, token); the fixture
 * builds the text and sentence spans and feeds an an_agg through
 * an_agg_add_source, so the tests do not depend on the text pipeline.
 * Header-only (static inline functions).
 */
#ifndef ACTNET_AGG_FIXTURE_H
#define ACTNET_AGG_FIXTURE_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "util.h"

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

typedef struct fx_ctx {
    const actnet_entity *entities;
    size_t n_entities;
    size_t starts[FX_MAX], ends[FX_MAX];
    size_t n_sentences;
} fx_ctx;

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

/* Feeds one synthetic document to agg; asserts success. */
static inline void fx_feed(an_agg *agg, const actnet_entity *entities,
                    size_t n_entities, const fx_doc *d)
{
    fx_ctx ctx;
    an_buf text = {0};
    actnet_mention ms[FX_MAX];
    actnet_document doc;
    an_agg_source src;

    memset(&ctx, 0, sizeof(ctx));
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
    ck_assert_int_eq(an_agg_add_source(agg, &src), 0);
    an_buf_free(&text);
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
    an_buf_printf(&out, "S %llu|%llu|%llu|%llu|%u|%u\n",
                  (unsigned long long)st->documents,
                  (unsigned long long)st->dated,
                  (unsigned long long)st->bad_dates,
                  (unsigned long long)st->mentions, (unsigned)st->first,
                  (unsigned)st->last);
    free(order);
    free(lines);
    an_buf_terminate(&out);
    return out.data;
}

#endif /* ACTNET_AGG_FIXTURE_H */
