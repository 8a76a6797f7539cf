/*
 * write_graphml.c — GraphML (http://graphml.graphdrawing.org/) as Gephi,
 * Cytoscape, yEd, networkx and igraph read it: node ids are the entity
 * ids; every attribute is a <key> whose attr.name is the attribute's name
 * (key ids are "g_", "v_" or "e_" + name, so node and edge attributes of
 * the same name never clash); `label` and `weight` keep those names so
 * the tools map them to node labels and edge weights; integer `r`, `g`,
 * `b` node attributes give each node the colour of its type (or of its
 * community with build --color-by community), which Gephi applies on
 * import.  Numbers are typed int / long when all values are
 * whole, double otherwise; weight is always double.  Empty strings are
 * left out.  Written with the XML writer of write.h (libxml2's bytes),
 * after the text cleaning of write.h.
 */
#include <stdlib.h>
#include <string.h>

#include "write.h"

#define W(call)                    \
    do {                           \
        if ((call) < 0)            \
            goto out;              \
    } while (0)

static const char *graphml_type(const an_column *c, int is_weight)
{
    switch (c->type) {
    case AN_COL_STRING: return "string";
    case AN_COL_BOOL: return "boolean";
    case AN_COL_NUMBER: break;
    }
    if (is_weight || !c->integral)
        return "double";
    return c->int32 ? "int" : "long";
}

/* The key ids of a table's columns (prefix + name, cut to 159 bytes as
 * they always were) and the start tags of their data elements
 * (<data key="id">, escaped), each written once. */
typedef struct gm_keys {
    char **ids;                 /* per column */
    an_buf tags;                /* the start tags, one after the other */
    size_t *start;              /* column i's tag: tags[start[i],
                                   start[i + 1]) */
} gm_keys;

static void keys_free(gm_keys *k)
{
    free(k->ids);
    an_buf_free(&k->tags);
    free(k->start);
}

static int keys_make(gm_keys *k, const an_table *t, const char *prefix)
{
    size_t n = t->n ? t->n : 1;
    memset(k, 0, sizeof(*k));
    k->ids = calloc(n, sizeof(*k->ids) + 160);
    k->start = calloc(n + 1, sizeof(*k->start));
    if (!k->ids || !k->start)
        return -1;
    char *texts = (char *)(k->ids + n);
    for (size_t i = 0; i < t->n; i++) {
        k->ids[i] = texts + 160 * i;
        snprintf(k->ids[i], 160, "%s%s", prefix, t->cols[i].name);
        k->start[i] = k->tags.len;
        if (an_xml_start_tag(&k->tags, "data", "key", k->ids[i], NULL))
            return -1;
    }
    k->start[t->n] = k->tags.len;
    return 0;
}

static int write_key(an_xml *w, const char *id, const char *domain,
                     const an_column *c, int is_weight)
{
    if (an_xml_start(w, "key") || an_xml_attr(w, "id", id) ||
        an_xml_attr(w, "for", domain) ||
        an_xml_attr(w, "attr.name", c->name) ||
        an_xml_attr(w, "attr.type", graphml_type(c, is_weight)))
        return -1;
    return an_xml_end(w);
}

static int write_data(an_xml *w, const gm_keys *k, size_t i,
                      const an_column *c, igraph_integer_t row)
{
    char num[32];
    const char *text = an_column_text(c, row, num);
    if (c->type == AN_COL_STRING && !text[0])
        return 0;
    return an_xml_element_tags(w, k->tags.data + k->start[i],
                               k->start[i + 1] - k->start[i], "</data>", 7,
                               text);
}

static int write_colour(an_xml *w, const char *key, unsigned v)
{
    char num[32];
    if (an_xml_start(w, "data") || an_xml_attr_raw(w, "key", key) ||
        an_xml_text(w, an_format_integer(v, num)))
        return -1;
    return an_xml_end(w);
}

/* What the node and edge rows read (shared by the threads that write
 * them). */
typedef struct gm_rows {
    const an_net *net;
    const gm_keys *vk, *ek;
    const an_column *idc;
    const an_node_style *ns;
    int colours;
} gm_rows;

/* Nodes [from, to). */
static int write_nodes(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gm_rows *r = ctx;
    const an_table *vt = &r->net->vt;
    char buf[32];
    for (igraph_integer_t v = (igraph_integer_t)from;
         v < (igraph_integer_t)to; v++) {
        if (an_xml_start(w, "node") ||
            an_xml_attr(w, "id", an_node_id(vt, v, buf)))
            return -1;
        for (size_t i = 0; i < vt->n; i++)
            if (&vt->cols[i] != r->idc &&
                write_data(w, r->vk, i, &vt->cols[i], v))
                return -1;
        if (r->colours) {
            unsigned char c[3];
            an_node_color(r->ns, v, c);
            if (write_colour(w, "v_r", c[0]) ||
                write_colour(w, "v_g", c[1]) || write_colour(w, "v_b", c[2]))
                return -1;
        }
        if (an_xml_end(w))
            return -1;
    }
    return 0;
}

/* Edges [from, to). */
static int write_edges(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gm_rows *r = ctx;
    const an_table *vt = &r->net->vt, *et = &r->net->et;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    char buf[40], buf2[32];
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        if (an_xml_start(w, "edge"))
            return -1;
        buf[0] = 'e';
        an_format_integer((long long)e, buf + 1);
        if (an_xml_attr_raw(w, "id", buf) ||
            an_xml_attr(w, "source", an_node_id(vt, ends[2 * e], buf)) ||
            an_xml_attr(w, "target", an_node_id(vt, ends[2 * e + 1], buf2)))
            return -1;
        for (size_t i = 0; i < et->n; i++)
            if (write_data(w, r->ek, i, &et->cols[i], e))
                return -1;
        if (an_xml_end(w))
            return -1;
    }
    return 0;
}

actnet_status an_write_net_graphml(const an_net *net, FILE *fp,
                                   const an_write_opts *opts,
                                   actnet_error *err)
{
    const an_table *gt = &net->gt, *vt = &net->vt, *et = &net->et;
    an_xml w;
    gm_keys gk, vk, ek;
    int ok = 0, nomem = 1, colours, opened = 0;
    const an_column *type, *idc;
    an_node_style ns;
    gm_rows rows;

    memset(&gk, 0, sizeof(gk));
    memset(&vk, 0, sizeof(vk));
    memset(&ek, 0, sizeof(ek));
    if (keys_make(&gk, gt, "g_") || keys_make(&vk, vt, "v_") ||
        keys_make(&ek, et, "e_"))
        goto out;
    type = an_table_find(vt, "type");
    idc = an_table_find(vt, "id");
    an_node_style_init(&ns, net);
    colours = ((type && type->type == AN_COL_STRING) || ns.community) &&
              !an_table_find(vt, "r") && !an_table_find(vt, "g") &&
              !an_table_find(vt, "b");
    rows = (gm_rows){net, &vk, &ek, idc, &ns, colours};
    opened = 1;
    if (an_xml_open(&w, fp))
        goto out;
    nomem = 0;
    W(an_xml_start(&w, "graphml"));
    W(an_xml_attr_raw(&w, "xmlns", "http://graphml.graphdrawing.org/xmlns"));
    W(an_xml_attr_raw(&w, "xmlns:xsi",
                      "http://www.w3.org/2001/XMLSchema-instance"));
    W(an_xml_attr_raw(&w, "xsi:schemaLocation",
                      "http://graphml.graphdrawing.org/xmlns "
                      "http://graphml.graphdrawing.org/xmlns/1.0/"
                      "graphml.xsd"));
    for (size_t i = 0; i < gt->n; i++)
        W(write_key(&w, gk.ids[i], "graph", &gt->cols[i], 0));
    for (size_t i = 0; i < vt->n; i++)
        if (&vt->cols[i] != idc)
            W(write_key(&w, vk.ids[i], "node", &vt->cols[i], 0));
    if (colours) {
        static const char *const rgb[3] = {"r", "g", "b"};
        static const char *const keys[3] = {"v_r", "v_g", "v_b"};
        for (int k = 0; k < 3; k++) {
            W(an_xml_start(&w, "key"));
            W(an_xml_attr_raw(&w, "id", keys[k]));
            W(an_xml_attr_raw(&w, "for", "node"));
            W(an_xml_attr_raw(&w, "attr.name", rgb[k]));
            W(an_xml_attr_raw(&w, "attr.type", "int"));
            W(an_xml_end(&w));
        }
    }
    for (size_t i = 0; i < et->n; i++)
        W(write_key(&w, ek.ids[i], "edge", &et->cols[i],
                    !strcmp(et->cols[i].name, "weight")));

    W(an_xml_start(&w, "graph"));
    W(an_xml_attr_raw(&w, "id", "G"));
    W(an_xml_attr_raw(&w, "edgedefault",
                      net->directed ? "directed" : "undirected"));
    for (size_t i = 0; i < gt->n; i++)
        W(write_data(&w, &gk, i, &gt->cols[i], 0));
    W(an_xml_rows(&w, (size_t)vt->rows, write_nodes, &rows, opts));
    W(an_xml_rows(&w, (size_t)et->rows, write_edges, &rows, opts));
    W(an_xml_end(&w));   /* graph */
    W(an_xml_end(&w));   /* graphml */
    ok = 1;
out:
    if (opened) {
        if (an_xml_close(&w, ok))
            ok = 0;
        nomem = nomem || w.nomem;
    }
    keys_free(&gk);
    keys_free(&vk);
    keys_free(&ek);
    if (ok && (fflush(fp) || ferror(fp)))
        ok = 0;
    return ok ? ACTNET_OK : an_write_failed(err, "GraphML", nomem);
}
