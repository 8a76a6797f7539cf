/*
 * graph.c — builds the igraph graph of an aggregate (nodes sorted by id,
 * attributes as in graph.h): the undirected co-occurrence network or the
 * directed acts-on network; and applies the filters.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void an_graph_setup_igraph(void)
{
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

/* ---- build ------------------------------------------------------------- */

typedef struct an_sorted_edge {
    uint32_t a, b;      /* positions of the end nodes in id order, a < b */
    uint32_t e;         /* index in the aggregate */
} an_sorted_edge;

/* A node or vertex as sorted: by key (descending), then by id. */
typedef struct an_sort_item {
    double key;
    const char *id;
    igraph_integer_t index;
} an_sort_item;

static int sort_item_cmp(const void *pa, const void *pb)
{
    const an_sort_item *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int sorted_edge_cmp(const void *pa, const void *pb)
{
    const an_sorted_edge *a = pa, *b = pb;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return 0;
}

/* Builds the evidence attribute value of n examples into buf. */
static int evidence_text(an_buf *buf, const an_agg_evidence *ev, uint32_t n)
{
    buf->len = 0;
    for (uint32_t k = 0; k < n; k++) {
        if ((k && an_buf_putc(buf, '\n')) ||
            an_buf_printf(buf, "%s\t%s", ev[k].doc, ev[k].text))
            return -1;
    }
    return an_buf_terminate(buf);
}

/* All attribute columns of the graph; everything igraph-owned is freed
 * by build_attributes whatever happens. */
typedef struct an_cols {
    igraph_strvector_t id, label, type, country, kind, vfirst, vlast;
    igraph_vector_t mentions, vdocs;
    igraph_strvector_t ekind, efirst, elast, evidence;
    igraph_vector_t weight, edocs;
} an_cols;

static int cols_init(an_cols *c, igraph_integer_t n, igraph_integer_t m)
{
    igraph_strvector_t *vs[] = {&c->id, &c->label, &c->type, &c->country,
                                &c->kind, &c->vfirst, &c->vlast};
    igraph_strvector_t *es[] = {&c->ekind, &c->efirst, &c->elast,
                                &c->evidence};
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
        if (igraph_strvector_init(vs[i], n))
            return -1;
    for (size_t i = 0; i < sizeof(es) / sizeof(es[0]); i++)
        if (igraph_strvector_init(es[i], m))
            return -1;
    if (igraph_vector_init(&c->mentions, n) ||
        igraph_vector_init(&c->vdocs, n) ||
        igraph_vector_init(&c->weight, m) || igraph_vector_init(&c->edocs, m))
        return -1;
    return 0;
}

/* Frees what cols_init made; members it did not get to are still zero
 * (stor_begin NULL) and are skipped. */
static void cols_free(an_cols *c)
{
    igraph_strvector_t *ss[] = {&c->id, &c->label, &c->type, &c->country,
                                &c->kind, &c->vfirst, &c->vlast, &c->ekind,
                                &c->efirst, &c->elast, &c->evidence};
    igraph_vector_t *ns[] = {&c->mentions, &c->vdocs, &c->weight, &c->edocs};
    for (size_t i = 0; i < sizeof(ss) / sizeof(ss[0]); i++)
        if (ss[i]->stor_begin)
            igraph_strvector_destroy(ss[i]);
    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
        if (ns[i]->stor_begin)
            igraph_vector_destroy(ns[i]);
}

static int fill_node_columns(an_cols *c, const an_agg_node *nodes,
                             const uint32_t *order, size_t n, int dated)
{
    char date[11];
    for (size_t i = 0; i < n; i++) {
        const an_agg_node *nd = &nodes[order[i]];
        igraph_integer_t v = (igraph_integer_t)i;
        if (igraph_strvector_set(&c->id, v, nd->id) ||
            igraph_strvector_set(&c->label, v, nd->label) ||
            igraph_strvector_set(&c->type, v,
                                 actnet_entity_type_name(nd->type)) ||
            igraph_strvector_set(&c->country, v,
                                 nd->country ? nd->country : "") ||
            igraph_strvector_set(&c->kind, v, nd->kind ? nd->kind : ""))
            return -1;
        VECTOR(c->mentions)[v] = (double)nd->mentions;
        VECTOR(c->vdocs)[v] = (double)nd->documents;
        if (!dated)
            continue;
        an_date_format(nd->first, date);
        if (igraph_strvector_set(&c->vfirst, v, date))
            return -1;
        an_date_format(nd->last, date);
        if (igraph_strvector_set(&c->vlast, v, date))
            return -1;
    }
    return 0;
}

static int fill_edge_columns(an_cols *c, const an_agg_edge *edges,
                             const an_sorted_edge *se, size_t m, int dated,
                             int evidence)
{
    char date[11];
    an_buf buf = {0};
    int rc = -1;
    for (size_t i = 0; i < m; i++) {
        /* the edges in sorted order jump around the edge array: ask for
         * one a few ahead, so the cache misses overlap */
        if (i + 8 < m)
            __builtin_prefetch(&edges[se[i + 8].e]);
        const an_agg_edge *e = &edges[se[i].e];
        igraph_integer_t x = (igraph_integer_t)i;
        if (igraph_strvector_set(&c->ekind, x, "cooccurrence"))
            goto out;
        VECTOR(c->weight)[x] = (double)e->weight;
        VECTOR(c->edocs)[x] = (double)e->documents;
        if (dated) {
            an_date_format(e->first, date);
            if (igraph_strvector_set(&c->efirst, x, date))
                goto out;
            an_date_format(e->last, date);
            if (igraph_strvector_set(&c->elast, x, date))
                goto out;
        }
        if (evidence && (evidence_text(&buf, e->ev, e->n_ev) ||
                         igraph_strvector_set(&c->evidence, x, buf.data)))
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&buf);
    return rc;
}

/* The vertex attributes of either network; kind only when some node of
 * the graph (order[0..n)) has one. */
static int set_vertex_attributes(igraph_t *g, const an_agg *agg, an_cols *c,
                                 const uint32_t *order, size_t n)
{
    const an_agg_node *nodes = an_agg_nodes(agg);
    int any_kind = 0, dated = an_agg_get_stats(agg)->dated > 0;

    for (size_t i = 0; i < n; i++)
        if (nodes[order[i]].kind)
            any_kind = 1;
    if (SETVASV(g, "id", &c->id) || SETVASV(g, "label", &c->label) ||
        SETVASV(g, "type", &c->type) || SETVASV(g, "country", &c->country))
        return -1;
    if (any_kind && SETVASV(g, "kind", &c->kind))
        return -1;
    if (SETVANV(g, "mentions", &c->mentions) ||
        SETVANV(g, "documents", &c->vdocs))
        return -1;
    if (dated && (SETVASV(g, "first", &c->vfirst) ||
                  SETVASV(g, "last", &c->vlast)))
        return -1;
    return 0;
}

static int set_attributes(igraph_t *g, const an_agg *agg, an_cols *c,
                          const uint32_t *order, size_t n)
{
    const an_agg_options *o = an_agg_get_options(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);
    int dated = st->dated > 0;
    char wname[32];

    if (SETGAS(g, "network", "cooccurrence") ||
        SETGAS(g, "window", an_window_name(&o->window, wname, sizeof(wname)))
        || SETGAN(g, "documents", (double)st->documents))
        return -1;
    if (set_vertex_attributes(g, agg, c, order, n))
        return -1;
    if (SETEASV(g, "kind", &c->ekind) || SETEANV(g, "weight", &c->weight) ||
        SETEANV(g, "documents", &c->edocs))
        return -1;
    if (dated && (SETEASV(g, "first", &c->efirst) ||
                  SETEASV(g, "last", &c->elast)))
        return -1;
    if (o->evidence && SETEASV(g, "evidence", &c->evidence))
        return -1;
    return 0;
}

/* Sets err for a build without an_graph_setup_igraph(); usage error. */
static actnet_status no_attribute_table(actnet_error *err)
{
    /* The program forgot an_graph_setup_igraph(): say so rather than
     * crash in igraph or fail as if memory had run out. */
    an_error_set(err, "", 0, 0, "building the graph: igraph's attribute "
                 "table is not set up (call an_graph_setup_igraph)");
    return ACTNET_ERR_USAGE;
}

static actnet_status build_acts(const an_agg *agg, igraph_t *g,
                                actnet_error *err);

actnet_status an_graph_build(const an_agg *agg, igraph_t *g,
                             actnet_error *err)
{
    size_t n = an_agg_node_count(agg), m = an_agg_edge_count(agg);
    const an_agg_node *nodes = an_agg_nodes(agg);
    const an_agg_edge *edges = an_agg_edges(agg);
    an_sort_item *items = malloc((n ? n : 1) * sizeof(*items));
    uint32_t *order = malloc((n ? n : 1) * sizeof(*order));
    uint32_t *pos = malloc((n ? n : 1) * sizeof(*pos));
    an_sorted_edge *se = malloc((m ? m : 1) * sizeof(*se));
    igraph_vector_int_t ev;
    an_cols cols;
    int have_graph = 0, have_ev = 0, dated, evidence;
    actnet_status st = ACTNET_ERR_NOMEM;

    memset(&cols, 0, sizeof(cols));
    if (!igraph_has_attribute_table()) {
        st = no_attribute_table(err);
        goto out;
    }
    if (an_agg_get_options(agg)->network == AN_NETWORK_ACTS_ON) {
        st = build_acts(agg, g, err);
        goto out;
    }
    if (!items || !order || !pos || !se)
        goto out;
    for (size_t i = 0; i < n; i++) {
        items[i].key = 0;
        items[i].id = nodes[i].id;
        items[i].index = (igraph_integer_t)i;
    }
    qsort(items, n, sizeof(*items), sort_item_cmp);
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)items[i].index;
        pos[order[i]] = (uint32_t)i;
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t a = pos[edges[i].a], b = pos[edges[i].b];
        se[i].a = a < b ? a : b;
        se[i].b = a < b ? b : a;
        se[i].e = (uint32_t)i;
    }
    qsort(se, m, sizeof(*se), sorted_edge_cmp);
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)))
        goto out;
    have_ev = 1;
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = se[i].a;
        VECTOR(ev)[2 * i + 1] = se[i].b;
    }
    if (igraph_create(g, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED))
        goto out;
    have_graph = 1;
    dated = an_agg_get_stats(agg)->dated > 0;
    evidence = an_agg_get_options(agg)->evidence > 0;
    if (cols_init(&cols, (igraph_integer_t)n, (igraph_integer_t)m) ||
        fill_node_columns(&cols, nodes, order, n, dated) ||
        fill_edge_columns(&cols, edges, se, m, dated, evidence) ||
        set_attributes(g, agg, &cols, order, n))
        goto out;
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "building the graph: out of memory");
    if (st != ACTNET_OK) {
        if (have_graph)
            igraph_destroy(g);
    }
    cols_free(&cols);
    if (have_ev)
        igraph_vector_int_destroy(&ev);
    free(items);
    free(order);
    free(pos);
    free(se);
    return st;
}

/* ---- the acts-on network ------------------------------------------------ */

typedef struct an_sorted_act {
    uint32_t a, b;      /* positions of actor and target in id order */
    const char *rel;    /* relation id ("" when collapsed) */
    uint32_t e;         /* index in the aggregate */
} an_sorted_act;

static int sorted_act_cmp(const void *pa, const void *pb)
{
    const an_sorted_act *a = pa, *b = pb;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return strcmp(a->rel, b->rel);
}

/* The acts-on edge columns besides those of an_cols. */
typedef struct an_act_cols {
    igraph_strvector_t relation, label, cls;
    igraph_vector_t polarity, negated, hedged;
    igraph_vector_bool_t symmetric;
} an_act_cols;

static int act_cols_init(an_act_cols *c, igraph_integer_t m)
{
    memset(c, 0, sizeof(*c));
    if (igraph_strvector_init(&c->relation, m) ||
        igraph_strvector_init(&c->label, m) ||
        igraph_strvector_init(&c->cls, m) ||
        igraph_vector_init(&c->polarity, m) ||
        igraph_vector_init(&c->negated, m) ||
        igraph_vector_init(&c->hedged, m) ||
        igraph_vector_bool_init(&c->symmetric, m))
        return -1;
    return 0;
}

static void act_cols_free(an_act_cols *c)
{
    igraph_strvector_t *ss[] = {&c->relation, &c->label, &c->cls};
    igraph_vector_t *ns[] = {&c->polarity, &c->negated, &c->hedged};
    for (size_t i = 0; i < sizeof(ss) / sizeof(ss[0]); i++)
        if (ss[i]->stor_begin)
            igraph_strvector_destroy(ss[i]);
    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
        if (ns[i]->stor_begin)
            igraph_vector_destroy(ns[i]);
    if (c->symmetric.stor_begin)
        igraph_vector_bool_destroy(&c->symmetric);
}

/* Parts of a collapsed edge, sorted by weight (descending), then id. */
static const an_agg_relation *part_rels;

static int part_cmp(const void *pa, const void *pb)
{
    const an_agg_part *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(part_rels[a->relation].id, part_rels[b->relation].id);
}

/*
 * A collapsed edge: relations "id:weight,..." into rel, labels joined by
 * ", " into label (both heaviest first), and the net polarity (the
 * weighted mean of the relations' polarities) into *pol.
 */
static int collapsed_text(const an_agg *agg, const an_agg_act *e,
                          an_buf *rel, an_buf *label, double *pol)
{
    const an_agg_relation *rels = an_agg_relations(agg);
    an_agg_part *parts = malloc((e->n_parts ? e->n_parts : 1) *
                                sizeof(*parts));
    double sum = 0;
    int rc = -1;
    if (!parts)
        return -1;
    memcpy(parts, e->parts, e->n_parts * sizeof(*parts));
    part_rels = rels;       /* qsort has no context argument */
    qsort(parts, e->n_parts, sizeof(*parts), part_cmp);
    rel->len = 0;
    label->len = 0;
    for (uint32_t i = 0; i < e->n_parts; i++) {
        const an_agg_relation *r = &rels[parts[i].relation];
        sum += (double)r->polarity * (double)parts[i].weight;
        if (an_buf_printf(rel, "%s%s:%llu", i ? "," : "", r->id,
                          (unsigned long long)parts[i].weight) ||
            an_buf_printf(label, "%s%s", i ? ", " : "", r->label))
            goto out;
    }
    if (an_buf_terminate(rel) || an_buf_terminate(label))
        goto out;
    *pol = e->weight ? sum / (double)e->weight : 0;
    rc = 0;
out:
    free(parts);
    return rc;
}

static int fill_act_columns(an_cols *c, an_act_cols *ac, const an_agg *agg,
                            const an_sorted_act *se, size_t m, int dated,
                            int evidence, int collapse)
{
    const an_agg_act *acts = an_agg_acts(agg);
    const an_agg_relation *rels = an_agg_relations(agg);
    char date[11];
    an_buf buf = {0}, rel = {0}, label = {0};
    int rc = -1;
    for (size_t i = 0; i < m; i++) {
        if (i + 8 < m)      /* as for co-occurrence edges */
            __builtin_prefetch(&acts[se[i + 8].e]);
        const an_agg_act *e = &acts[se[i].e];
        igraph_integer_t x = (igraph_integer_t)i;
        double pol;
        if (collapse) {
            if (collapsed_text(agg, e, &rel, &label, &pol) ||
                igraph_strvector_set(&ac->relation, x, rel.data) ||
                igraph_strvector_set(&ac->label, x, label.data))
                goto out;
        } else {
            const an_agg_relation *r = &rels[e->relation];
            pol = r->polarity;
            if (igraph_strvector_set(&ac->relation, x, r->id) ||
                igraph_strvector_set(&ac->label, x, r->label) ||
                igraph_strvector_set(&ac->cls, x, r->cls ? r->cls : ""))
                goto out;
            VECTOR(ac->symmetric)[x] = r->symmetric != 0;
        }
        if (igraph_strvector_set(&c->ekind, x, "acts-on"))
            goto out;
        VECTOR(ac->polarity)[x] = pol;
        VECTOR(ac->negated)[x] = (double)e->negated;
        VECTOR(ac->hedged)[x] = (double)e->hedged;
        VECTOR(c->weight)[x] = (double)e->weight;
        VECTOR(c->edocs)[x] = (double)e->documents;
        if (dated) {
            an_date_format(e->first, date);
            if (igraph_strvector_set(&c->efirst, x, date))
                goto out;
            an_date_format(e->last, date);
            if (igraph_strvector_set(&c->elast, x, date))
                goto out;
        }
        if (evidence && (evidence_text(&buf, e->ev, e->n_ev) ||
                         igraph_strvector_set(&c->evidence, x, buf.data)))
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&buf);
    an_buf_free(&rel);
    an_buf_free(&label);
    return rc;
}

static int set_act_attributes(igraph_t *g, const an_agg *agg, an_cols *c,
                              an_act_cols *ac, const uint32_t *order,
                              size_t n)
{
    const an_agg_options *o = an_agg_get_options(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);
    int dated = st->dated > 0;

    if (SETGAS(g, "network", "acts-on") ||
        SETGAN(g, "documents", (double)st->documents) ||
        SETGAN(g, "events", (double)st->events) ||
        SETGAS(g, "negated", o->include_negated ? "include" : "exclude") ||
        SETGAS(g, "hedged", o->exclude_hedged ? "exclude" : "include") ||
        SETGAB(g, "collapsed", o->collapse != 0))
        return -1;
    if (set_vertex_attributes(g, agg, c, order, n))
        return -1;
    if (SETEASV(g, "kind", &c->ekind) ||
        SETEASV(g, o->collapse ? "relations" : "relation", &ac->relation) ||
        SETEASV(g, "label", &ac->label) ||
        SETEANV(g, "polarity", &ac->polarity))
        return -1;
    if (!o->collapse && (SETEASV(g, "class", &ac->cls) ||
                         SETEABV(g, "symmetric", &ac->symmetric)))
        return -1;
    if (SETEANV(g, "weight", &c->weight) ||
        SETEANV(g, "documents", &c->edocs))
        return -1;
    if (dated && (SETEASV(g, "first", &c->efirst) ||
                  SETEASV(g, "last", &c->elast)))
        return -1;
    if (SETEANV(g, "negated", &ac->negated) ||
        SETEANV(g, "hedged", &ac->hedged))
        return -1;
    if (o->evidence && SETEASV(g, "evidence", &c->evidence))
        return -1;
    return 0;
}

/*
 * The acts-on network: a directed graph of the nodes that take part in
 * at least one acts-on edge (sorted by id), with the edges sorted by
 * (actor, target, relation id).
 */
static actnet_status build_acts(const an_agg *agg, igraph_t *g,
                                actnet_error *err)
{
    size_t n_all = an_agg_node_count(agg), m = an_agg_act_count(agg), n = 0;
    const an_agg_node *nodes = an_agg_nodes(agg);
    const an_agg_act *acts = an_agg_acts(agg);
    const an_agg_relation *rels = an_agg_relations(agg);
    const an_agg_options *o = an_agg_get_options(agg);
    char *used = calloc(n_all ? n_all : 1, 1);
    an_sort_item *items = malloc((n_all ? n_all : 1) * sizeof(*items));
    uint32_t *order = malloc((n_all ? n_all : 1) * sizeof(*order));
    uint32_t *pos = malloc((n_all ? n_all : 1) * sizeof(*pos));
    an_sorted_act *se = malloc((m ? m : 1) * sizeof(*se));
    igraph_vector_int_t ev;
    an_cols cols;
    an_act_cols acols;
    int have_graph = 0, have_ev = 0, dated;
    actnet_status st = ACTNET_ERR_NOMEM;

    memset(&cols, 0, sizeof(cols));
    memset(&acols, 0, sizeof(acols));
    if (!used || !items || !order || !pos || !se)
        goto out;
    for (size_t i = 0; i < m; i++)
        used[acts[i].actor] = used[acts[i].target] = 1;
    for (size_t i = 0; i < n_all; i++) {
        if (!used[i])
            continue;
        items[n].key = 0;
        items[n].id = nodes[i].id;
        items[n].index = (igraph_integer_t)i;
        n++;
    }
    qsort(items, n, sizeof(*items), sort_item_cmp);
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)items[i].index;
        pos[order[i]] = (uint32_t)i;
    }
    for (size_t i = 0; i < m; i++) {
        const an_agg_act *x = &acts[i];
        /* A symmetric relation is drawn the way most of its events were
         * written (ties: from the smaller id, as stored). */
        int flip = x->relation != AN_AGG_COLLAPSED &&
                   rels[x->relation].symmetric &&
                   x->reversed > x->weight - x->reversed;
        se[i].a = pos[flip ? x->target : x->actor];
        se[i].b = pos[flip ? x->actor : x->target];
        se[i].rel = x->relation == AN_AGG_COLLAPSED ? ""
                                                    : rels[x->relation].id;
        se[i].e = (uint32_t)i;
    }
    qsort(se, m, sizeof(*se), sorted_act_cmp);
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)))
        goto out;
    have_ev = 1;
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = se[i].a;
        VECTOR(ev)[2 * i + 1] = se[i].b;
    }
    if (igraph_create(g, &ev, (igraph_integer_t)n, IGRAPH_DIRECTED))
        goto out;
    have_graph = 1;
    dated = an_agg_get_stats(agg)->dated > 0;
    if (cols_init(&cols, (igraph_integer_t)n, (igraph_integer_t)m) ||
        act_cols_init(&acols, (igraph_integer_t)m) ||
        fill_node_columns(&cols, nodes, order, n, dated) ||
        fill_act_columns(&cols, &acols, agg, se, m, dated, o->evidence > 0,
                         o->collapse) ||
        set_act_attributes(g, agg, &cols, &acols, order, n))
        goto out;
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "building the graph: out of memory");
    if (st != ACTNET_OK && have_graph)
        igraph_destroy(g);
    cols_free(&cols);
    act_cols_free(&acols);
    if (have_ev)
        igraph_vector_int_destroy(&ev);
    free(used);
    free(items);
    free(order);
    free(pos);
    free(se);
    return st;
}

/* ---- filters ------------------------------------------------------------ */

void an_graph_filter_init(an_graph_filter *f)
{
    memset(f, 0, sizeof(*f));
    f->radius = 1;
}

int an_graph_parse_types(const char *list, unsigned *mask)
{
    unsigned m = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        while (len && *p == ' ') {
            p++;
            len--;
        }
        while (len && p[len - 1] == ' ')
            len--;
        if (len == 6 && !strncmp(p, "person", 6))
            m |= 1u << ACTNET_PERSON;
        else if (len == 12 && (!strncmp(p, "organisation", 12) ||
                               !strncmp(p, "organization", 12)))
            m |= 1u << ACTNET_ORGANISATION;
        else if (len == 7 && !strncmp(p, "country", 7))
            m |= 1u << ACTNET_COUNTRY;
        else
            return -1;
        p += strcspn(p, ",");
        if (!*p)
            break;
        p++;
    }
    *mask = m;
    return 0;
}

/* Deletes the vertices whose keep[v] is 0.  0 / -1. */
static int keep_vertices(igraph_t *g, const char *keep)
{
    igraph_integer_t n = igraph_vcount(g);
    igraph_vector_int_t del;
    int rc = -1;
    if (igraph_vector_int_init(&del, 0))
        return -1;
    for (igraph_integer_t v = 0; v < n; v++)
        if (!keep[v] && igraph_vector_int_push_back(&del, v))
            goto out;
    if (igraph_vector_int_size(&del) &&
        igraph_delete_vertices(g, igraph_vss_vector(&del)))
        goto out;
    rc = 0;
out:
    igraph_vector_int_destroy(&del);
    return rc;
}

static const char *vertex_string(const igraph_t *g, const char *name,
                                 igraph_integer_t v)
{
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        return "";
    return VAS(g, name, v);
}

static double vertex_number(const igraph_t *g, const char *name,
                            igraph_integer_t v)
{
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_VERTEX, name))
        return 0;
    return VAN(g, name, v);
}

static int filter_nodes(igraph_t *g, const an_graph_filter *f)
{
    igraph_integer_t n = igraph_vcount(g);
    char *keep = malloc(n ? (size_t)n : 1);
    int rc;
    if (!keep)
        return -1;
    for (igraph_integer_t v = 0; v < n; v++) {
        keep[v] = 1;
        if (f->types) {
            const char *t = vertex_string(g, "type", v);
            unsigned bit = !strcmp(t, "person") ? 1u << ACTNET_PERSON
                           : !strcmp(t, "organisation")
                               ? 1u << ACTNET_ORGANISATION
                           : !strcmp(t, "country") ? 1u << ACTNET_COUNTRY
                                                   : 0;
            if (!(bit & f->types))
                keep[v] = 0;
        }
        if (f->min_mentions > 0 &&
            vertex_number(g, "mentions", v) < f->min_mentions)
            keep[v] = 0;
    }
    rc = keep_vertices(g, keep);
    free(keep);
    return rc;
}

static int filter_edges(igraph_t *g, double min_weight)
{
    igraph_integer_t m = igraph_ecount(g);
    igraph_vector_int_t del;
    int rc = -1;
    if (!igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_EDGE, "weight"))
        return 0;
    if (igraph_vector_int_init(&del, 0))
        return -1;
    for (igraph_integer_t e = 0; e < m; e++)
        if (EAN(g, "weight", e) < min_weight &&
            igraph_vector_int_push_back(&del, e))
            goto out;
    if (igraph_vector_int_size(&del) &&
        igraph_delete_edges(g, igraph_ess_vector(&del)))
        goto out;
    rc = 0;
out:
    igraph_vector_int_destroy(&del);
    return rc;
}

/* Finds the ego vertex: by id, else by label (exactly, then ignoring ASCII
 * case); -1 when none, -2 when the label is ambiguous. */
static igraph_integer_t find_ego(const igraph_t *g, const char *name)
{
    igraph_integer_t n = igraph_vcount(g), found = -1;
    for (igraph_integer_t v = 0; v < n; v++)
        if (!strcmp(vertex_string(g, "id", v), name))
            return v;
    for (int pass = 0; pass < 2; pass++) {
        for (igraph_integer_t v = 0; v < n; v++) {
            const char *l = vertex_string(g, "label", v);
            if (pass ? strcasecmp(l, name) : strcmp(l, name))
                continue;
            if (found >= 0)
                return -2;
            found = v;
        }
        if (found >= 0)
            return found;
    }
    return -1;
}

static actnet_status filter_ego(igraph_t *g, const an_graph_filter *f,
                                actnet_error *err)
{
    igraph_integer_t v = find_ego(g, f->ego), n = igraph_vcount(g);
    igraph_vector_int_list_t res;
    char *keep = NULL;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (v < 0) {
        an_error_set(err, "", 0, 0,
                     "--ego '%s': %s; name a node by its id (the id column "
                     "of the CSV or JSON output, e.g. a rule id) or by its "
                     "label%s", f->ego,
                     v == -2 ? "several nodes have this label"
                             : "no such node in the network",
                     f->types || f->min_mentions > 0
                         ? " (--types and --min-mentions apply first)"
                         : "");
        return ACTNET_ERR_DATA;
    }
    if (igraph_vector_int_list_init(&res, 0))
        goto out_nolist;
    if (igraph_neighborhood(g, &res, igraph_vss_1(v), f->radius, IGRAPH_ALL,
                            0))
        goto out;
    if (!(keep = calloc(n ? (size_t)n : 1, 1)))
        goto out;
    igraph_vector_int_t *nb = igraph_vector_int_list_get_ptr(&res, 0);
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(nb); i++)
        keep[VECTOR(*nb)[i]] = 1;
    if (keep_vertices(g, keep))
        goto out;
    st = ACTNET_OK;
out:
    igraph_vector_int_list_destroy(&res);
out_nolist:
    free(keep);
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "filtering the graph: out of memory");
    return st;
}

static int filter_top(igraph_t *g, igraph_integer_t top)
{
    igraph_integer_t n = igraph_vcount(g);
    an_sort_item *items;
    char *keep;
    int rc = -1;
    if (top >= n)
        return 0;
    items = malloc((size_t)n * sizeof(*items));
    keep = calloc((size_t)n, 1);
    if (!items || !keep)
        goto out;
    for (igraph_integer_t v = 0; v < n; v++) {
        items[v].key = vertex_number(g, "mentions", v);
        items[v].id = vertex_string(g, "id", v);
        items[v].index = v;
    }
    qsort(items, (size_t)n, sizeof(*items), sort_item_cmp);
    for (igraph_integer_t i = 0; i < top; i++)
        keep[items[i].index] = 1;
    rc = keep_vertices(g, keep);
out:
    free(items);
    free(keep);
    return rc;
}

static int filter_giant(igraph_t *g)
{
    igraph_vector_int_t memb, size;
    igraph_integer_t n = igraph_vcount(g), no = 0, best = 0;
    char *keep = NULL;
    int rc = -1;
    if (n == 0)
        return 0;
    if (igraph_vector_int_init(&memb, 0))
        return -1;
    if (igraph_vector_int_init(&size, 0)) {
        igraph_vector_int_destroy(&memb);
        return -1;
    }
    if (igraph_connected_components(g, &memb, &size, &no, IGRAPH_WEAK))
        goto out;
    /* Components are numbered by their smallest vertex, and vertices are
     * in id order: the first largest one holds the smallest id. */
    for (igraph_integer_t c = 1; c < no; c++)
        if (VECTOR(size)[c] > VECTOR(size)[best])
            best = c;
    if (!(keep = malloc((size_t)n)))
        goto out;
    for (igraph_integer_t v = 0; v < n; v++)
        keep[v] = VECTOR(memb)[v] == best;
    rc = keep_vertices(g, keep);
out:
    free(keep);
    igraph_vector_int_destroy(&memb);
    igraph_vector_int_destroy(&size);
    return rc;
}

actnet_status an_graph_filter_apply(igraph_t *g, const an_graph_filter *f,
                                    actnet_error *err)
{
    if ((f->types || f->min_mentions > 0) && filter_nodes(g, f))
        goto nomem;
    if (f->min_weight > 0 && filter_edges(g, f->min_weight))
        goto nomem;
    if (f->ego) {
        actnet_status st = filter_ego(g, f, err);
        if (st != ACTNET_OK)
            return st;
    }
    if (f->top > 0 && filter_top(g, f->top))
        goto nomem;
    if (f->giant && filter_giant(g))
        goto nomem;
    return ACTNET_OK;
nomem:
    an_error_set(err, "", 0, 0, "filtering the graph: out of memory");
    return ACTNET_ERR_NOMEM;
}
