/*
 * graph.c — builds the igraph graph of an aggregate (nodes sorted by id,
 * attributes as in graph.h): the undirected co-occurrence network or the
 * directed acts-on network; and applies the filters.
 */
#include "net/graph.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "net/layout.h"
#include "text/format.h"

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


/* An edge to sort: its sort key and its index. */
typedef struct an_keyed {
    uint64_t key;
    uint32_t i;
} an_keyed;

/*
 * Sorts v[0..m) by key, equal keys kept in the order given (the order a
 * stable comparison sort gives): least significant byte first, one
 * counting pass per byte, the bytes that are the same in every key
 * skipped.  Sorting a million edges by comparisons (qsort, a call and a
 * strcmp per comparison) took a tenth of the build.  0 / -1 (memory).
 */
static int radix_sort(an_keyed *v, size_t m)
{
    size_t count[8][256];
    an_keyed *tmp = malloc((m ? m : 1) * sizeof(*tmp)), *from = v, *to = tmp;
    if (!tmp)
        return -1;
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < m; i++)
        for (int d = 0; d < 8; d++)
            count[d][(v[i].key >> (8 * d)) & 255]++;
    for (int d = 0; d < 8; d++) {
        size_t sum = 0, *c = count[d];
        if (m == 0 || c[(v[0].key >> (8 * d)) & 255] == m)
            continue;                   /* one value: nothing moves */
        for (int x = 0; x < 256; x++) {
            size_t k = c[x];
            c[x] = sum;
            sum += k;
        }
        for (size_t i = 0; i < m; i++)
            to[c[(from[i].key >> (8 * d)) & 255]++] = from[i];
        an_keyed *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, m * sizeof(*v));
    free(tmp);
    return 0;
}

/* The number of bits that hold every value below n. */
static int bits_below(uint64_t n)
{
    int b = 0;
    while (n > 1 && b < 64 && (n - 1) >> b)
        b++;
    return b;
}

/* Sorts the co-occurrence edges by (a, b).  0 / -1 (memory). */
static int sort_edges(an_sorted_edge *se, size_t m)
{
    an_keyed *k = malloc((m ? m : 1) * sizeof(*k));
    an_sorted_edge *copy = malloc((m ? m : 1) * sizeof(*copy));
    int rc = -1;
    if (!k || !copy)
        goto out;
    for (size_t i = 0; i < m; i++) {
        k[i].key = (uint64_t)se[i].a << 32 | se[i].b;
        k[i].i = (uint32_t)i;
    }
    if (radix_sort(k, m))
        goto out;
    memcpy(copy, se, m * sizeof(*se));
    for (size_t i = 0; i < m; i++)
        se[i] = copy[k[i].i];
    rc = 0;
out:
    free(k);
    free(copy);
    return rc;
}

/* ---- columns ------------------------------------------------------------ */

/*
 * Where the network goes: an igraph graph (an_graph_build), or a net that
 * the writers read (an_graph_net, write.h), whose string columns point at
 * the aggregate's strings (so it is used while the aggregate lives).
 */
typedef struct an_target {
    igraph_t *g;                /* the graph, or NULL */
    an_net *net;                /* else the net */
} an_target;

/*
 * The attribute columns are made one at a time: each is filled, handed to
 * igraph (which copies it) and dropped before the next, so a build needs
 * the graph plus one column, not every column twice.  A net takes the
 * column itself (no copy), and the next one is made in new storage.
 *
 * A string column goes to igraph as a read-only igraph_strvector_t over
 * borrowed strings: igraph_cattribute_*AS_setv reads only the vector's
 * size (end - stor_begin) and its elements, and copies each string, so
 * the strings need not be igraph's.  Relation ids, labels, node ids and
 * constants are pointed at where they are (no copy per edge before
 * igraph's own); made strings (dates, evidence, collapsed relations) are
 * written one after another into one buffer.  Such a view is never given
 * to igraph_strvector_destroy; col_free frees what it points with.
 */
typedef struct an_col {
    an_target *t;
    int edges;                  /* an edge attribute, else a vertex one */
    size_t n;                   /* rows */
    const char **str;           /* n string pointers */
    size_t *off;                /* made strings: offsets into text */
    an_buf text;                /* made strings, each NUL-terminated */
    int made;                   /* str points into text (col_made) */
    igraph_vector_t num;        /* a numeric column */
    int have_num;
    int reuse;                  /* filled again after each hand-over */
    struct an_date_slot *dates; /* col_put_date's dates made, or NULL */
} an_col;

/* A date made in a column's text (col_put_date). */
typedef struct an_date_slot {
    uint32_t date;
    size_t off;                 /* its offset in text + 1; 0: none */
} an_date_slot;

/* Slots of a column's dates (direct-mapped): a few hundred days. */
#define AN_DATES 4096

/* What a column needs (col_init_for). */
enum { COL_STR = 1, COL_MADE = 2, COL_NUM = 4 };

/* Room for one column of n rows of the kind need (COL_*).  0 / -1;
 * col_free in either case. */
static int col_init_for(an_col *c, an_target *t, int edges, size_t n,
                        unsigned need)
{
    memset(c, 0, sizeof(*c));
    c->t = t;
    c->edges = edges;
    c->n = n;
    if ((need & (COL_STR | COL_MADE)) &&
        !(c->str = malloc((n ? n : 1) * sizeof(*c->str))))
        return -1;
    if ((need & COL_MADE) && !(c->off = malloc((n ? n : 1) * sizeof(*c->off))))
        return -1;
    if (need & COL_NUM) {
        if (igraph_vector_init(&c->num, (igraph_integer_t)n))
            return -1;
        c->have_num = 1;
    }
    return 0;
}

/* Room for columns of n rows of any kind, one after the other (each is
 * filled and handed over before the next).  0 / -1; col_free. */
static int col_init(an_col *c, an_target *t, int edges, size_t n)
{
    int rc = col_init_for(c, t, edges, n, COL_STR | COL_MADE | COL_NUM);
    c->reuse = 1;
    return rc;
}

static void col_free(an_col *c)
{
    free(c->dates);
    free(c->str);
    free(c->off);
    an_buf_free(&c->text);
    if (c->have_num)
        igraph_vector_destroy(&c->num);
}

/* Row i of a made column: s (len bytes) appended to text.  0 / -1. */
static int col_put(an_col *c, size_t i, const char *s, size_t len)
{
    c->off[i] = c->text.len;
    return an_buf_append(&c->text, s, len) || an_buf_putc(&c->text, '\0');
}

/* Row i of a made column: the date d ("" when 0).  A column has a few
 * hundred different dates: each is made once and its rows point at it
 * (the bytes of a string do not say whether it is shared; the writers
 * escape each string of a shared column once). */
static int col_put_date(an_col *c, size_t i, uint32_t d)
{
    char date[11];
    if (!c->dates && !(c->dates = calloc(AN_DATES, sizeof(*c->dates))))
        return -1;
    an_date_slot *sl = &c->dates[(d * 2654435761u) >> 20 & (AN_DATES - 1)];
    if (sl->off && sl->date == d) {
        c->off[i] = sl->off - 1;
        return 0;
    }
    an_date_format(d, date);
    sl->date = d;
    sl->off = c->text.len + 1;
    return col_put(c, i, date, strlen(date));
}

/* The column's made strings are gone (handed over): no date is made. */
static void col_forget_dates(an_col *c)
{
    if (c->dates)
        memset(c->dates, 0, AN_DATES * sizeof(*c->dates));
}

/* The made rows (col_put) become the column's strings.  Call once all
 * rows are in: text does not move any more. */
static void col_made(an_col *c)
{
    for (size_t i = 0; i < c->n; i++)
        c->str[i] = c->text.data + c->off[i];
    c->made = 1;
}

/* The net's table of the column's rows. */
static an_table *col_table(an_col *c)
{
    return c->edges ? &c->t->net->et : &c->t->net->vt;
}

/* Gives the string column to the graph as attribute name.  0 / -1. */
static int col_set_str(an_col *c, const char *name)
{
    igraph_strvector_t view;
    if (c->t->net) {
        /* the net keeps the pointers (and the made strings): the next
         * column gets new ones */
        char *text = c->made ? c->text.data : NULL;
        if (c->made)
            memset(&c->text, 0, sizeof(c->text));
        c->text.len = 0;
        col_forget_dates(c);
        c->made = 0;
        int rc = an_table_add_strings(col_table(c), name, c->str, text);
        c->str = NULL;
        if (c->reuse && !(c->str = malloc((c->n ? c->n : 1) *
                                          sizeof(*c->str))))
            rc = -1;
        return rc;
    }
    view.stor_begin = (char **)c->str;
    view.stor_end = view.end = view.stor_begin + c->n;
    c->text.len = 0;            /* the buffer is reused by the next column */
    col_forget_dates(c);
    c->made = 0;
    return c->edges ? SETEASV(c->t->g, name, &view) != IGRAPH_SUCCESS
                    : SETVASV(c->t->g, name, &view) != IGRAPH_SUCCESS;
}

/* col_set_str for a column whose rows point at a few strings when
 * shared is set (write.h: an_column.shared).  0 / -1. */
static int col_set_shared(an_col *c, const char *name, int shared)
{
    an_table *tb = c->t->net ? col_table(c) : NULL;
    if (col_set_str(c, name))
        return -1;
    if (tb)
        tb->cols[tb->n - 1].shared = shared;
    return 0;
}

/* Gives the numeric column to the graph as attribute name.  0 / -1. */
static int col_set_num(an_col *c, const char *name)
{
    if (c->t->net)
        /* the net takes the values; the next column gets new ones */
        return an_table_add_numbers(col_table(c), name, &c->num) ||
               (c->reuse &&
                igraph_vector_resize(&c->num, (igraph_integer_t)c->n))
                   ? -1 : 0;
    return c->edges ? SETEANV(c->t->g, name, &c->num) != IGRAPH_SUCCESS
                    : SETVANV(c->t->g, name, &c->num) != IGRAPH_SUCCESS;
}

/* Gives the boolean edge column to the graph (the values are moved out
 * of b for a net).  0 / -1. */
static int set_edge_bools(an_target *t, const char *name,
                          igraph_vector_bool_t *b)
{
    if (t->net)
        return an_table_add_bools(&t->net->et, name, b);
    return SETEABV(t->g, name, b) != IGRAPH_SUCCESS ? -1 : 0;
}

/* Graph attributes: a string, a number, a boolean.  0 / -1. */
static int set_graph_str(an_target *t, const char *name, const char *value)
{
    if (!t->net)
        return SETGAS(t->g, name, value) != IGRAPH_SUCCESS ? -1 : 0;
    const char **rows = malloc(sizeof(*rows));
    char *text = an_strdup(value);
    if (rows)
        rows[0] = text;
    if (!rows || !text) {
        free(rows);
        free(text);
        return -1;
    }
    return an_table_add_strings(&t->net->gt, name, rows, text);
}

static int set_graph_num(an_target *t, const char *name, double x)
{
    igraph_vector_t v;
    int rc;
    if (!t->net)
        return SETGAN(t->g, name, x) != IGRAPH_SUCCESS ? -1 : 0;
    if (igraph_vector_init(&v, 1))
        return -1;
    VECTOR(v)[0] = x;
    rc = an_table_add_numbers(&t->net->gt, name, &v);
    igraph_vector_destroy(&v);
    return rc;
}

static int set_graph_bool(an_target *t, const char *name, int x)
{
    igraph_vector_bool_t v;
    int rc;
    if (!t->net)
        return SETGAB(t->g, name, x != 0) != IGRAPH_SUCCESS ? -1 : 0;
    if (igraph_vector_bool_init(&v, 1))
        return -1;
    VECTOR(v)[0] = x != 0;
    rc = an_table_add_bools(&t->net->gt, name, &v);
    igraph_vector_bool_destroy(&v);
    return rc;
}

/*
 * The edges (ev: the two ends of each, in order) of a network of n
 * nodes: igraph's graph is created from them (ev stays the caller's), a
 * net takes them (ev is left empty).  0 / -1.
 */
static int set_edges(an_target *t, igraph_vector_int_t *ev,
                     igraph_integer_t n, int directed)
{
    if (!t->net)
        return igraph_create(t->g, ev, n, directed ? IGRAPH_DIRECTED
                                                   : IGRAPH_UNDIRECTED)
                   ? -1 : 0;
    igraph_vector_int_t old = t->net->ends;
    t->net->ends = *ev;
    *ev = old;
    t->net->directed = directed;
    t->net->vt.rows = n;
    t->net->et.rows = igraph_vector_int_size(&t->net->ends) / 2;
    return 0;
}

/* Row i of a made column: the evidence attribute value of n examples
 * (one per line, "document id<TAB>sentence"). */
static int col_put_evidence(an_col *c, size_t i, const an_agg_evidence *ev,
                            uint32_t n)
{
    c->off[i] = c->text.len;
    for (uint32_t k = 0; k < n; k++) {
        if ((k && an_buf_putc(&c->text, '\n')) ||
            an_buf_append(&c->text, ev[k].doc, strlen(ev[k].doc)) ||
            an_buf_putc(&c->text, '\t') ||
            an_buf_append(&c->text, ev[k].text, strlen(ev[k].text)))
            return -1;
    }
    return an_buf_putc(&c->text, '\0');
}

/* The vertex attributes of either network, nodes[order[0..n)]; kind only
 * when some node has one, first / last only when some document is
 * dated. */
static int set_vertex_attributes(an_target *t, const an_agg *agg,
                                 const uint32_t *order, size_t n)
{
    const an_agg_node *nodes = an_agg_nodes(agg);
    int any_kind = 0, dated = an_agg_get_stats(agg)->dated > 0;
    an_col c;
    int rc = -1;
    size_t i;

    for (i = 0; i < n; i++)
        if (nodes[order[i]].kind)
            any_kind = 1;
    if (col_init(&c, t, 0, n))
        goto out;
    for (i = 0; i < n; i++)
        c.str[i] = nodes[order[i]].id;
    if (col_set_str(&c, "id"))
        goto out;
    for (i = 0; i < n; i++)
        c.str[i] = nodes[order[i]].label;
    if (col_set_str(&c, "label"))
        goto out;
    for (i = 0; i < n; i++)
        c.str[i] = actnet_entity_type_name(nodes[order[i]].type);
    if (col_set_shared(&c, "type", 1))
        goto out;
    for (i = 0; i < n; i++)
        c.str[i] = nodes[order[i]].country ? nodes[order[i]].country : "";
    if (col_set_str(&c, "country"))
        goto out;
    if (any_kind) {
        for (i = 0; i < n; i++)
            c.str[i] = nodes[order[i]].kind ? nodes[order[i]].kind : "";
        if (col_set_str(&c, "kind"))
            goto out;
    }
    for (i = 0; i < n; i++)
        VECTOR(c.num)[i] = (double)nodes[order[i]].mentions;
    if (col_set_num(&c, "mentions"))
        goto out;
    for (i = 0; i < n; i++)
        VECTOR(c.num)[i] = (double)nodes[order[i]].documents;
    if (col_set_num(&c, "documents"))
        goto out;
    if (dated) {
        for (i = 0; i < n; i++)
            if (col_put_date(&c, i, nodes[order[i]].first))
                goto out;
        col_made(&c);
        if (col_set_shared(&c, "first", 1))
            goto out;
        for (i = 0; i < n; i++)
            if (col_put_date(&c, i, nodes[order[i]].last))
                goto out;
        col_made(&c);
        if (col_set_shared(&c, "last", 1))
            goto out;
    }
    rc = 0;
out:
    col_free(&c);
    return rc;
}

static int set_edge_columns(an_target *t, const an_agg *agg,
                            const uint32_t *idx, size_t m);

static int set_attributes(an_target *t, const an_agg *agg,
                          const uint32_t *order, size_t n,
                          const uint32_t *idx, size_t m)
{
    const an_agg_options *o = an_agg_get_options(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);
    char wname[32];

    if (set_graph_str(t, "network", "cooccurrence") ||
        set_graph_str(t, "window",
                      an_window_name(&o->window, wname, sizeof(wname)))
        || set_graph_num(t, "documents", (double)st->documents))
        return -1;
    if (set_vertex_attributes(t, agg, order, n) ||
        set_edge_columns(t, agg, idx, m))
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

static actnet_status build_acts(const an_agg *agg, an_target *t,
                                actnet_error *err);

/* The co-occurrence network (or the acts-on one) of agg into t. */
static actnet_status build(const an_agg *agg, an_target *t,
                           actnet_error *err)
{
    size_t n = an_agg_node_count(agg), m = an_agg_edge_count(agg);
    const an_agg_node *nodes = an_agg_nodes(agg);
    const an_agg_edge *edges = an_agg_edges(agg);
    an_sort_item *items = NULL;
    uint32_t *order = NULL, *pos = NULL;
    uint32_t *idx = NULL;
    an_sorted_edge *se = NULL;
    igraph_vector_int_t ev;
    int have_graph = 0, have_ev = 0;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (an_agg_get_options(agg)->network == AN_NETWORK_ACTS_ON)
        return build_acts(agg, t, err);
    items = malloc((n ? n : 1) * sizeof(*items));
    order = malloc((n ? n : 1) * sizeof(*order));
    pos = malloc((n ? n : 1) * sizeof(*pos));
    se = malloc((m ? m : 1) * sizeof(*se));
    idx = malloc((m ? m : 1) * sizeof(*idx));
    if (!items || !order || !pos || !se || !idx)
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
    if (sort_edges(se, m))
        goto out;
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)))
        goto out;
    have_ev = 1;
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = se[i].a;
        VECTOR(ev)[2 * i + 1] = se[i].b;
        idx[i] = se[i].e;
    }
    if (set_edges(t, &ev, (igraph_integer_t)n, 0))
        goto out;
    have_graph = t->g != NULL;
    igraph_vector_int_destroy(&ev);     /* the graph has its own copy */
    have_ev = 0;
    if (set_attributes(t, agg, order, n, idx, m))
        goto out;
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "building the graph: out of memory");
    if (st != ACTNET_OK && have_graph)
        igraph_destroy(t->g);
    if (have_ev)
        igraph_vector_int_destroy(&ev);
    free(items);
    free(order);
    free(pos);
    free(se);
    free(idx);
    return st;
}

actnet_status an_graph_build(const an_agg *agg, igraph_t *g,
                             actnet_error *err)
{
    an_target t = {g, NULL};
    if (!igraph_has_attribute_table())
        return no_attribute_table(err);
    return build(agg, &t, err);
}

actnet_status an_graph_net(const an_agg *agg, an_net *net,
                           actnet_error *err)
{
    an_target t = {NULL, net};
    actnet_status st;
    if (an_net_init(net)) {
        an_error_set(err, "", 0, 0, "building the graph: out of memory");
        return ACTNET_ERR_NOMEM;
    }
    st = build(agg, &t, err);
    if (st != ACTNET_OK)
        an_net_finish(net);
    return st;
}

/* ---- the acts-on network ------------------------------------------------ */

typedef struct an_sorted_act {
    uint32_t a, b;      /* positions of actor and target in id order */
    const char *rel;    /* relation id ("" when collapsed) */
    uint32_t rel_index; /* relation index, or AN_AGG_COLLAPSED */
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

/* Relations sorted by id (qsort has no context argument). */
static const an_agg_relation *rank_rels;

static int rel_index_cmp(const void *pa, const void *pb)
{
    return strcmp(rank_rels[*(const uint32_t *)pa].id,
                  rank_rels[*(const uint32_t *)pb].id);
}

/*
 * Sorts the acts-on edges by (actor, target, relation id): by one integer
 * key, actor and target positions (below n) and the rank of the relation
 * id among the relations' ids; a comparison sort when those do not fit in
 * 64 bits.  0 / -1 (memory).
 */
static int sort_acts(an_sorted_act *se, size_t m, size_t n,
                     const an_agg_relation *rels, size_t n_rels)
{
    int bn = bits_below(n), br = bits_below(n_rels);
    uint32_t *idx = malloc((n_rels ? n_rels : 1) * sizeof(*idx));
    uint32_t *rank = malloc((n_rels ? n_rels : 1) * sizeof(*rank));
    an_keyed *k = malloc((m ? m : 1) * sizeof(*k));
    an_sorted_act *copy = malloc((m ? m : 1) * sizeof(*copy));
    int rc = -1;

    if (!idx || !rank || !k || !copy)
        goto out;
    if (2 * bn + br > 64) {
        qsort(se, m, sizeof(*se), sorted_act_cmp);
        rc = 0;
        goto out;
    }
    for (size_t r = 0; r < n_rels; r++)
        idx[r] = (uint32_t)r;
    rank_rels = rels;
    qsort(idx, n_rels, sizeof(*idx), rel_index_cmp);
    for (size_t r = 0; r < n_rels; r++)
        rank[idx[r]] = (uint32_t)r;
    for (size_t i = 0; i < m; i++) {
        /* a collapsed edge has no relation: rank 0 for all */
        uint64_t rk = se[i].rel_index == AN_AGG_COLLAPSED
                          ? 0 : rank[se[i].rel_index];
        k[i].key = ((uint64_t)se[i].a << bn | se[i].b) << br | rk;
        k[i].i = (uint32_t)i;
    }
    if (radix_sort(k, m))
        goto out;
    memcpy(copy, se, m * sizeof(*se));
    for (size_t i = 0; i < m; i++)
        se[i] = copy[k[i].i];
    rc = 0;
out:
    free(idx);
    free(rank);
    free(k);
    free(copy);
    return rc;
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
 * A collapsed edge: relations "id:weight,..." into row i of rel, labels
 * joined by ", " into row i of label (both heaviest first), and the net
 * polarity (the weighted mean of the relations' polarities) into row i of
 * pol's numbers.
 */
static int collapsed_text(const an_agg *agg, const an_agg_act *e, size_t i,
                          an_col *rel, an_col *label, an_col *pol)
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
    rel->off[i] = rel->text.len;
    label->off[i] = label->text.len;
    for (uint32_t k = 0; k < e->n_parts; k++) {
        const an_agg_relation *r = &rels[parts[k].relation];
        sum += (double)r->polarity * (double)parts[k].weight;
        if (an_buf_printf(&rel->text, "%s%s:%llu", k ? "," : "", r->id,
                          (unsigned long long)parts[k].weight) ||
            an_buf_printf(&label->text, "%s%s", k ? ", " : "", r->label))
            goto out;
    }
    if (an_buf_putc(&rel->text, '\0') || an_buf_putc(&label->text, '\0'))
        goto out;
    VECTOR(pol->num)[i] = e->weight ? sum / (double)e->weight : 0;
    rc = 0;
out:
    free(parts);
    return rc;
}

/* The relations, labels and polarities of collapsed edges: three columns
 * made in one pass (the parts are sorted once per edge). */
static int set_collapsed_columns(an_target *t, const an_agg *agg,
                                 const uint32_t *idx, size_t m)
{
    const an_agg_act *acts = an_agg_acts(agg);
    an_col rel, label, pol;
    int rc = -1;

    memset(&rel, 0, sizeof(rel));
    memset(&label, 0, sizeof(label));
    memset(&pol, 0, sizeof(pol));
    if (col_init(&rel, t, 1, m) || col_init(&label, t, 1, m) ||
        col_init(&pol, t, 1, m))
        goto out;
    for (size_t i = 0; i < m; i++)
        if (collapsed_text(agg, &acts[idx[i]], i, &rel, &label, &pol))
            goto out;
    col_made(&rel);
    col_made(&label);
    if (col_set_str(&rel, "relations") || col_set_str(&label, "label") ||
        col_set_num(&pol, "polarity"))
        goto out;
    rc = 0;
out:
    col_free(&rel);
    col_free(&label);
    col_free(&pol);
    return rc;
}

/* ---- edge columns --------------------------------------------------------- */

/* What an edge column holds, in graph.h's order. */
typedef enum an_ecol {
    EC_NETWORK, EC_RELATION, EC_KIND, EC_LABEL, EC_POLARITY, EC_CLASS,
    EC_SYMMETRIC,
    EC_CAMEO, EC_EVENT, EC_MODE, EC_CONTEXT, /* when the rules give them */
    EC_COLLAPSED,               /* relations, label, polarity (collapsed) */
    EC_WEIGHT, EC_DOCUMENTS, EC_FIRST, EC_LAST, EC_NEGATED, EC_HEDGED,
    EC_EVIDENCE, EC_COUNT
} an_ecol;

static const char *const ecol_names[EC_COUNT] = {
    "network", "relation", "kind", "label", "polarity", "class",
    "symmetric",
    "cameo", "plover_event", "plover_mode", "plover_context", "",
    "weight", "documents", "first", "last", "negated", "hedged", "evidence"
};

/* What column what needs (COL_*; 0: made otherwise). */
static unsigned ecol_need(an_ecol what)
{
    switch (what) {
    case EC_NETWORK: case EC_RELATION: case EC_KIND: case EC_LABEL:
    case EC_CLASS:
    case EC_CAMEO: case EC_EVENT: case EC_MODE: case EC_CONTEXT:
        return COL_STR;
    case EC_FIRST: case EC_LAST: case EC_EVIDENCE:
        return COL_MADE;
    case EC_POLARITY: case EC_WEIGHT: case EC_DOCUMENTS: case EC_NEGATED:
    case EC_HEDGED:
        return COL_NUM;
    case EC_SYMMETRIC: case EC_COLLAPSED: case EC_COUNT:
        break;
    }
    return 0;
}

/* The edge columns of agg's network, in order, into list; their number. */
static size_t ecol_list(const an_agg *agg, an_ecol list[EC_COUNT])
{
    const an_agg_options *o = an_agg_get_options(agg);
    int acts = o->network == AN_NETWORK_ACTS_ON;
    size_t n = 0;
    list[n++] = EC_NETWORK;
    if (acts && o->collapse) {
        list[n++] = EC_COLLAPSED;
    } else if (acts) {
        list[n++] = EC_RELATION;
        list[n++] = EC_KIND;
        list[n++] = EC_LABEL;
        list[n++] = EC_POLARITY;
        list[n++] = EC_CLASS;
        list[n++] = EC_SYMMETRIC;
        if (an_agg_has_codes(agg)) {
            list[n++] = EC_CAMEO;
            list[n++] = EC_EVENT;
            list[n++] = EC_MODE;
            list[n++] = EC_CONTEXT;
        }
    }
    list[n++] = EC_WEIGHT;
    list[n++] = EC_DOCUMENTS;
    if (an_agg_get_stats(agg)->dated > 0) {
        list[n++] = EC_FIRST;
        list[n++] = EC_LAST;
    }
    if (acts) {
        list[n++] = EC_NEGATED;
        list[n++] = EC_HEDGED;
    }
    if (o->evidence)
        list[n++] = EC_EVIDENCE;
    return n;
}

/* The edges of the network: co-occurrence edges (acts NULL) or acts,
 * edge i of the network being edges[idx[i]] (acts[idx[i]]). */
typedef struct an_edges {
    const an_agg_edge *edges;
    const an_agg_act *acts;
    const an_agg_relation *rels;
    const uint32_t *idx;
    size_t m;
} an_edges;

/* Rows of a tile of set_edge_columns: their edges fit in the cache. */
#define AN_TILE 256

/*
 * Rows [i0, i1) of column what (one with an an_col: ecol_need).  The
 * network's order jumps around the edge array, far bigger than the
 * caches: the tile's edges are asked for first, so that their misses
 * overlap.  0 / -1 (memory).
 */
static int edge_cells(an_col *c, an_ecol what, size_t i0, size_t i1,
                      const an_edges *x)
{
    const uint32_t *idx = x->idx;
    const an_agg_act *acts = x->acts;
    const an_agg_edge *edges = x->edges;
    const an_agg_relation *rels = x->rels;
    size_t i;
#define AN_ACT(i) (&acts[idx[i]])
#define AN_EDGE(i) (&edges[idx[i]])
/* the relation columns exist only for acts that are not collapsed */
#define AN_REL(i) (&rels[AN_ACT(i)->relation])
/* a field of an act or of a co-occurrence edge */
#define AN_FIELD(i, f) (acts ? AN_ACT(i)->f : AN_EDGE(i)->f)
    for (i = i0; i < i1; i++)
        __builtin_prefetch(acts ? (const void *)AN_ACT(i)
                                : (const void *)AN_EDGE(i));
    switch (what) {
    case EC_NETWORK:
        for (i = i0; i < i1; i++)
            c->str[i] = acts ? "acts-on" : "cooccurrence";
        break;
    case EC_RELATION: case EC_KIND:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->id;
        break;
    case EC_LABEL:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->label;
        break;
    case EC_POLARITY:
        for (i = i0; i < i1; i++)
            VECTOR(c->num)[i] = AN_REL(i)->polarity;
        break;
    case EC_CLASS:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->cls ? AN_REL(i)->cls : "";
        break;
    case EC_CAMEO:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->cameo ? AN_REL(i)->cameo : "";
        break;
    case EC_EVENT:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->plover_event ? AN_REL(i)->plover_event
                                                : "";
        break;
    case EC_MODE:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->plover_mode ? AN_REL(i)->plover_mode : "";
        break;
    case EC_CONTEXT:
        for (i = i0; i < i1; i++)
            c->str[i] = AN_REL(i)->plover_context
                            ? AN_REL(i)->plover_context : "";
        break;
    case EC_WEIGHT:
        for (i = i0; i < i1; i++)
            VECTOR(c->num)[i] = (double)AN_FIELD(i, weight);
        break;
    case EC_DOCUMENTS:
        for (i = i0; i < i1; i++)
            VECTOR(c->num)[i] = (double)AN_FIELD(i, documents);
        break;
    case EC_FIRST:
        for (i = i0; i < i1; i++)
            if (col_put_date(c, i, AN_FIELD(i, first)))
                return -1;
        break;
    case EC_LAST:
        for (i = i0; i < i1; i++)
            if (col_put_date(c, i, AN_FIELD(i, last)))
                return -1;
        break;
    case EC_NEGATED:
        for (i = i0; i < i1; i++)
            VECTOR(c->num)[i] = (double)AN_ACT(i)->negated;
        break;
    case EC_HEDGED:
        for (i = i0; i < i1; i++)
            VECTOR(c->num)[i] = (double)AN_ACT(i)->hedged;
        break;
    case EC_EVIDENCE:
        for (i = i0; i < i1; i++)
            if (acts ? col_put_evidence(c, i, AN_ACT(i)->ev, AN_ACT(i)->n_ev)
                     : col_put_evidence(c, i, AN_EDGE(i)->ev,
                                        AN_EDGE(i)->n_ev))
                return -1;
        break;
    case EC_SYMMETRIC: case EC_COLLAPSED: case EC_COUNT:
        break;
    }
#undef AN_FIELD
#undef AN_REL
#undef AN_EDGE
#undef AN_ACT
    return 0;
}

/* Hands the filled column c over as what; the symmetric column is
 * sym. */
static int ecol_hand(an_col *c, an_ecol what, an_target *t,
                     igraph_vector_bool_t *sym)
{
    if (what == EC_SYMMETRIC)
        return set_edge_bools(t, ecol_names[what], sym);
    if (ecol_need(what) == COL_NUM)
        return col_set_num(c, ecol_names[what]);
    if (ecol_need(what) == COL_MADE)
        col_made(c);
    /* every string column but the evidence points at a few strings
     * (constants, the relations', dates made once each) */
    return col_set_shared(c, ecol_names[what], what != EC_EVIDENCE);
}

/*
 * The edge columns of the network, in graph.h's order.  For igraph,
 * one column at a time (the graph holds a copy of each: only one more
 * column is needed); for a net, which keeps every column, all of them
 * in one pass over the edges, each edge fetched from memory once.
 */
static int set_edge_columns(an_target *t, const an_agg *agg,
                            const uint32_t *idx, size_t m)
{
    an_ecol list[EC_COUNT];
    size_t n = ecol_list(agg, list), k, i;
    int acts = an_agg_get_options(agg)->network == AN_NETWORK_ACTS_ON;
    an_edges x = {an_agg_edges(agg), acts ? an_agg_acts(agg) : NULL,
                  an_agg_relations(agg), idx, m};
    an_col cols[EC_COUNT];
    igraph_vector_bool_t sym;
    int have_sym = 0, rc = -1;
    size_t n_cols = t->net ? n : 1;

    memset(cols, 0, sizeof(cols));
    for (k = 0; k < n; k++) {
        if (list[k] != EC_SYMMETRIC)
            continue;
        if (igraph_vector_bool_init(&sym, (igraph_integer_t)m))
            goto out;
        have_sym = 1;
        for (i = 0; i < m; i++)
            VECTOR(sym)[i] = x.rels[x.acts[idx[i]].relation].symmetric != 0;
    }
    if (!t->net) {
        /* one column, filled and handed over for each in turn */
        if (col_init(&cols[0], t, 1, m))
            goto out;
        for (k = 0; k < n; k++) {
            if (list[k] == EC_COLLAPSED) {
                if (set_collapsed_columns(t, agg, idx, m))
                    goto out;
                continue;
            }
            for (i = 0; ecol_need(list[k]) && i < m; i += AN_TILE)
                if (edge_cells(&cols[0], list[k], i,
                               m - i > AN_TILE ? i + AN_TILE : m, &x))
                    goto out;
            if (ecol_hand(&cols[0], list[k], t, &sym))
                goto out;
        }
        rc = 0;
        goto out;
    }
    /* every column at once, in tiles of rows: the edges of a tile are
     * fetched from memory by the first column and are still in the cache
     * for the others */
    for (k = 0; k < n; k++)
        if (col_init_for(&cols[k], t, 1, m, ecol_need(list[k])))
            goto out;
    for (i = 0; i < m; i += AN_TILE)
        for (k = 0; k < n; k++)
            if (ecol_need(list[k]) &&
                edge_cells(&cols[k], list[k], i,
                           m - i > AN_TILE ? i + AN_TILE : m, &x))
                goto out;
    for (k = 0; k < n; k++) {
        if (list[k] == EC_COLLAPSED ? set_collapsed_columns(t, agg, idx, m)
                                    : ecol_hand(&cols[k], list[k], t, &sym))
            goto out;
    }
    rc = 0;
out:
    for (k = 0; k < n_cols; k++)
        col_free(&cols[k]);
    if (have_sym)
        igraph_vector_bool_destroy(&sym);
    return rc;
}

static int set_act_attributes(an_target *t, const an_agg *agg,
                              const uint32_t *order, size_t n,
                              const uint32_t *idx, size_t m)
{
    const an_agg_options *o = an_agg_get_options(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);

    if (set_graph_str(t, "network", "acts-on") ||
        set_graph_num(t, "documents", (double)st->documents) ||
        set_graph_num(t, "events", (double)st->events) ||
        set_graph_str(t, "negated",
                      o->include_negated ? "include" : "exclude") ||
        set_graph_str(t, "hedged",
                      o->exclude_hedged ? "exclude" : "include") ||
        set_graph_bool(t, "collapsed", o->collapse != 0))
        return -1;
    if (set_vertex_attributes(t, agg, order, n) ||
        set_edge_columns(t, agg, idx, m))
        return -1;
    return 0;
}

/*
 * The acts-on network: a directed graph of the nodes that take part in
 * at least one acts-on edge (sorted by id), with the edges sorted by
 * (actor, target, relation id).
 */
static actnet_status build_acts(const an_agg *agg, an_target *t,
                                actnet_error *err)
{
    size_t n_all = an_agg_node_count(agg), m = an_agg_act_count(agg), n = 0;
    const an_agg_node *nodes = an_agg_nodes(agg);
    const an_agg_act *acts = an_agg_acts(agg);
    const an_agg_relation *rels = an_agg_relations(agg);
    char *used = calloc(n_all ? n_all : 1, 1);
    an_sort_item *items = malloc((n_all ? n_all : 1) * sizeof(*items));
    uint32_t *order = malloc((n_all ? n_all : 1) * sizeof(*order));
    uint32_t *pos = malloc((n_all ? n_all : 1) * sizeof(*pos));
    an_sorted_act *se = malloc((m ? m : 1) * sizeof(*se));
    uint32_t *idx = malloc((m ? m : 1) * sizeof(*idx));
    igraph_vector_int_t ev;
    int have_graph = 0, have_ev = 0;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (!used || !items || !order || !pos || !se || !idx)
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
        se[i].rel_index = x->relation;
        se[i].e = (uint32_t)i;
    }
    if (sort_acts(se, m, n, rels, an_agg_relation_count(agg)))
        goto out;
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)))
        goto out;
    have_ev = 1;
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = se[i].a;
        VECTOR(ev)[2 * i + 1] = se[i].b;
        idx[i] = se[i].e;
    }
    if (set_edges(t, &ev, (igraph_integer_t)n, 1))
        goto out;
    have_graph = t->g != NULL;
    igraph_vector_int_destroy(&ev);     /* the graph has its own copy */
    have_ev = 0;
    /* the relations of one pair are next to each other */
    for (size_t i = 1; t->net && i < m; i++)
        if (se[i].a == se[i - 1].a && se[i].b == se[i - 1].b)
            t->net->multiple = 1;
    if (set_act_attributes(t, agg, order, n, idx, m))
        goto out;
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "building the graph: out of memory");
    if (st != ACTNET_OK && have_graph)
        igraph_destroy(t->g);
    if (have_ev)
        igraph_vector_int_destroy(&ev);
    free(used);
    free(items);
    free(order);
    free(pos);
    free(se);
    free(idx);
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
        else if (len == 5 && !strncmp(p, "place", 5))
            m |= 1u << ACTNET_PLACE;
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
                           : !strcmp(t, "place")   ? 1u << ACTNET_PLACE
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
 * case), else by id ignoring case; -1 when none, -2 when ambiguous. */
static igraph_integer_t find_ego(const igraph_t *g, const char *name)
{
    igraph_integer_t n = igraph_vcount(g), found = -1;
    for (igraph_integer_t v = 0; v < n; v++)
        if (!strcmp(vertex_string(g, "id", v), name))
            return v;
    for (int pass = 0; pass < 3; pass++) {
        for (igraph_integer_t v = 0; v < n; v++) {
            const char *l = vertex_string(g, pass == 2 ? "id" : "label", v);
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
        /* "did you mean": up to three nodes whose label or id holds the
         * name (a surname, a short form), ignoring case */
        igraph_integer_t near[3];
        int k = 0;
        char hint[400] = "";
        for (igraph_integer_t u = 0; v == -1 && u < n && k < 3; u++)
            if (strcasestr(vertex_string(g, "label", u), f->ego) ||
                strcasestr(vertex_string(g, "id", u), f->ego))
                near[k++] = u;
        for (int i = 0; i < k; i++) {
            size_t len = strlen(hint);
            snprintf(hint + len, sizeof(hint) - len, "%s'%s' (%s)%s",
                     i == 0 ? " (did you mean " : i == k - 1 ? " or " : ", ",
                     vertex_string(g, "id", near[i]),
                     vertex_string(g, "label", near[i]),
                     i == k - 1 ? "?)" : "");
        }
        an_error_set(err, "", 0, 0,
                     "--ego '%s': %s%s; name a node by its id (the id column "
                     "of the CSV or JSON output, e.g. a rule id) or by its "
                     "label%s", f->ego,
                     v == -2 ? "several nodes have this label"
                             : "no such node in the network", hint,
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

actnet_status an_net_layout(an_net *net, actnet_error *err)
{
    const an_column *w = an_table_find(&net->et, "weight");
    igraph_vector_t xy[2];
    int have_g = 0, have_xy = 0;
    actnet_status st = ACTNET_ERR_NOMEM;
    igraph_t g;

    if (an_table_find(&net->vt, "x") || an_table_find(&net->vt, "y"))
        return ACTNET_OK;
    /* a graph of the ends and the weights alone: the layout reads no
     * other attribute, and copying the rest into igraph would cost more
     * than the layout of a sparse network */
    if (igraph_create(&g, &net->ends, net->vt.rows,
                      net->directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED))
        goto out;
    have_g = 1;
    if (w && w->type == AN_COL_NUMBER &&
        igraph_cattribute_EAN_setv(&g, "weight", &w->num))
        goto out;
    if ((st = an_graph_layout(&g, err)) != ACTNET_OK)
        goto out;
    st = ACTNET_ERR_NOMEM;
    if (igraph_vector_init(&xy[0], 0))
        goto out;
    if (igraph_vector_init(&xy[1], 0)) {
        igraph_vector_destroy(&xy[0]);
        goto out;
    }
    have_xy = 1;
    for (int k = 0; k < 2; k++) {
        if (igraph_cattribute_VANV(&g, k ? "y" : "x", igraph_vss_all(),
                                   &xy[k]))
            goto out;
        /* igraph's layout puts neighbours about a unit apart; the
         * writers size nodes 10 to 50 (GEXF viz:size, GraphML and JSON
         * size), and Gephi draws sizes and positions in one unit, so
         * positions x 100 keep the nodes from covering each other.  Two
         * decimals: a picture's precision, and short files. */
        for (igraph_integer_t v = 0; v < igraph_vector_size(&xy[k]); v++)
            VECTOR(xy[k])[v] = an_round2(100.0 * VECTOR(xy[k])[v]);
    }
    if (an_table_add_numbers(&net->vt, "x", &xy[0]))
        goto out;
    if (an_table_add_numbers(&net->vt, "y", &xy[1])) {
        an_table_drop_last(&net->vt);       /* net unchanged */
        goto out;
    }
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "out of memory while laying the "
                     "network out");
    if (have_xy) {
        igraph_vector_destroy(&xy[0]);
        igraph_vector_destroy(&xy[1]);
    }
    if (have_g)
        igraph_destroy(&g);
    return st;
}
