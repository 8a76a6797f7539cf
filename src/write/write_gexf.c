/*
 * write_gexf.c — GEXF 1.2draft (http://www.gexf.net/1.2draft), Gephi's
 * own format, in the version every current reader knows (networkx 2.8 as
 * Debian ships it reads no 1.3: it finds no <graph> in that namespace;
 * Gephi and graphology read both, and 1.2draft has all actnet writes):
 * node and edge attributes declared in <attributes>, node colour by type
 * (viz:color) and size by mentions (viz:size, 10 to 50) (or by the
 * measure and the community that build --size-by / --color-by ask for:
 * write.h, an_node_style), and, when the
 * graph carries dates (vertex attributes first / last), mode="dynamic"
 * with timeformat="date" and one spell [first, last] per node and edge so
 * Gephi's timeline plays the network.  Numeric node attributes "x" and
 * "y" (the layout, net/layout.h) become the node's viz:position (z 0:
 * 1.2draft's schema asks for it).  Graph attributes go into the
 * <meta> description.  An edge "label" attribute becomes the edge's
 * label; an edge "kind" attribute (the acts-on network's relation id)
 * becomes the edge's kind attribute, by which Gephi and graphology tell
 * parallel edges apart (one edge per relation of a pair), and is not
 * repeated as an attvalue (graphology would overwrite the kind with
 * it).  Written with the XML
 * writer of write.h (libxml2's bytes).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write/write.h"

#define W(call)                    \
    do {                           \
        if ((call) < 0)            \
            goto out;              \
    } while (0)

static const char *gexf_type(const an_column *c)
{
    switch (c->type) {
    case AN_COL_STRING: return "string";
    case AN_COL_BOOL: return "boolean";
    case AN_COL_NUMBER: break;
    }
    if (!c->integral)
        return "double";
    return c->int32 ? "integer" : "long";
}

/* True for columns written as XML attributes rather than attvalues. */
static int is_builtin(const an_column *c, int edges)
{
    if (edges)
        return (!strcmp(c->name, "weight") && c->type == AN_COL_NUMBER) ||
               ((!strcmp(c->name, "label") || !strcmp(c->name, "kind")) &&
                c->type == AN_COL_STRING);
    return !strcmp(c->name, "id") || !strcmp(c->name, "label") ||
           ((!strcmp(c->name, "x") || !strcmp(c->name, "y")) &&
            c->type == AN_COL_NUMBER);
}

static int write_declarations(an_xml *w, const an_table *t,
                              const char *cls, int edges)
{
    if (an_xml_start(w, "attributes") ||
        an_xml_attr(w, "class", cls) ||
        an_xml_attr(w, "mode", "static"))
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const an_column *c = &t->cols[i];
        if (is_builtin(c, edges))
            continue;
        if (an_xml_start(w, "attribute") ||
            an_xml_attr(w, "id", c->name) ||
            an_xml_attr(w, "title", c->name) ||
            an_xml_attr(w, "type", gexf_type(c)) ||
            an_xml_end(w))
            return -1;
    }
    return an_xml_end(w);
}

/* The heads of a table's <attvalue> elements ('<attvalue for="name"
 * value="', see an_xml_empty_tags), one after the other: column i's is
 * heads[start[i], start[i + 1]).  0 / -1. */
static int attvalue_heads(const an_table *t, an_buf *heads, size_t **start)
{
    if (!(*start = calloc(t->n + 1, sizeof(**start))))
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        (*start)[i] = heads->len;
        if (an_xml_start_tag(heads, "attvalue", "for", t->cols[i].name,
                             "value"))
            return -1;
    }
    (*start)[t->n] = heads->len;
    return 0;
}

static int write_attvalues(an_xml *w, const an_table *t,
                           igraph_integer_t row, int edges,
                           const an_buf *heads, const size_t *start)
{
    char num[32];
    int open = 0;
    for (size_t i = 0; i < t->n; i++) {
        const an_column *c = &t->cols[i];
        if (is_builtin(c, edges))
            continue;
        const char *v = an_column_text(c, row, num);
        if (c->type == AN_COL_STRING && !v[0])
            continue;
        if (!open && an_xml_start(w, "attvalues"))
            return -1;
        open = 1;
        if (an_xml_empty_tags(w, heads->data + start[i],
                              start[i + 1] - start[i], v))
            return -1;
    }
    return open ? an_xml_end(w) : 0;
}

/* One spell [first, last] when the row has dates. */
static int write_spell(an_xml *w, const an_column *first,
                       const an_column *last, igraph_integer_t row)
{
    if (!first || !last)
        return 0;
    const char *a = igraph_strvector_get(&first->str, row);
    const char *b = igraph_strvector_get(&last->str, row);
    if (!a[0] || !b[0])
        return 0;
    if (an_xml_start(w, "spells") ||
        an_xml_start(w, "spell") ||
        an_xml_attr(w, "start", a) ||
        an_xml_attr(w, "end", b) ||
        an_xml_end(w))
        return -1;
    return an_xml_end(w);
}

static const an_column *string_column(const an_table *t, const char *name)
{
    const an_column *c = an_table_find(t, name);
    return c && c->type == AN_COL_STRING ? c : NULL;
}

/* "network: cooccurrence; window: sentence; documents: 6" into s. */
static int describe(an_buf *s, const an_table *gt)
{
    char num[32];
    s->len = 0;
    for (size_t i = 0; i < gt->n; i++)
        if (an_buf_printf(s, "%s%s: %s", i ? "; " : "", gt->cols[i].name,
                          an_column_text(&gt->cols[i], 0, num)))
            return -1;
    return an_buf_terminate(s);
}

/* What the node and edge rows read (shared by the threads that write
 * them). */
typedef struct gx_rows {
    const an_net *net;
    const an_column *label, *vfirst, *vlast, *efirst, *elast, *weight,
        *elabel, *ekind, *x, *y;
    const an_node_style *ns;
    const an_buf *vheads, *eheads;
    const size_t *vstart, *estart;
} gx_rows;

/* Nodes [from, to). */
static int write_nodes(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gx_rows *r = ctx;
    const an_table *vt = &r->net->vt;
    char buf[32], buf2[32];
    for (igraph_integer_t v = (igraph_integer_t)from;
         v < (igraph_integer_t)to; v++) {
        unsigned char rgb[3];
        const char *id = an_node_id(vt, v, buf);
        W(an_xml_start(w, "node"));
        W(an_xml_attr(w, "id", id));
        W(an_xml_attr(w, "label",
                      r->label ? igraph_strvector_get(&r->label->str, v)
                               : id));
        W(write_attvalues(w, vt, v, 0, r->vheads, r->vstart));
        W(write_spell(w, r->vfirst, r->vlast, v));
        an_node_color(r->ns, v, rgb);
        W(an_xml_start(w, "viz:color"));
        W(an_xml_attr_raw(w, "r", an_format_integer(rgb[0], buf2)));
        W(an_xml_attr_raw(w, "g", an_format_integer(rgb[1], buf2)));
        W(an_xml_attr_raw(w, "b", an_format_integer(rgb[2], buf2)));
        W(an_xml_end(w));
        double size = 10.0 + 40.0 * an_node_size_share(r->ns, v);
        W(an_xml_start(w, "viz:size"));
        W(an_xml_attr_raw(w, "value",
            an_format_number(an_round2(size), buf2)));
        W(an_xml_end(w));
        if (r->x && r->y) {
            W(an_xml_start(w, "viz:position"));
            W(an_xml_attr_raw(w, "x",
                an_format_number(VECTOR(r->x->num)[v], buf2)));
            W(an_xml_attr_raw(w, "y",
                an_format_number(VECTOR(r->y->num)[v], buf2)));
            W(an_xml_attr_raw(w, "z", "0"));
            W(an_xml_end(w));
        }
        W(an_xml_end(w));
    }
    return 0;
out:
    return -1;
}

/* Edges [from, to). */
static int write_edges(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gx_rows *r = ctx;
    const an_table *vt = &r->net->vt, *et = &r->net->et;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    char buf[32], buf2[32];
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        W(an_xml_start(w, "edge"));
        W(an_xml_attr_raw(w, "id",
            an_format_integer((long long)e, buf)));
        W(an_xml_attr(w, "source", an_node_id(vt, ends[2 * e], buf)));
        W(an_xml_attr(w, "target", an_node_id(vt, ends[2 * e + 1], buf2)));
        if (r->ekind && igraph_strvector_get(&r->ekind->str, e)[0])
            W(an_xml_attr(w, "kind", igraph_strvector_get(&r->ekind->str,
                                                          e)));
        if (r->elabel && igraph_strvector_get(&r->elabel->str, e)[0])
            W(an_xml_attr(w, "label", igraph_strvector_get(&r->elabel->str,
                                                           e)));
        if (r->weight)
            W(an_xml_attr_raw(w, "weight",
                an_format_number(VECTOR(r->weight->num)[e], buf)));
        W(write_attvalues(w, et, e, 1, r->eheads, r->estart));
        W(write_spell(w, r->efirst, r->elast, e));
        W(an_xml_end(w));
    }
    return 0;
out:
    return -1;
}

actnet_status an_write_net_gexf(const an_net *net, FILE *fp,
                                const an_write_opts *opts,
                                actnet_error *err)
{
    const an_table *gt = &net->gt, *vt = &net->vt, *et = &net->et;
    an_buf desc = {0}, vheads = {0}, eheads = {0};
    size_t *vstart = NULL, *estart = NULL;
    an_xml xw, *w = &xw;
    int ok = 0, nomem = 1, opened = 0;
    an_node_style ns;
    gx_rows r;

    if (describe(&desc, gt) || attvalue_heads(vt, &vheads, &vstart) ||
        attvalue_heads(et, &eheads, &estart))
        goto out;
    memset(&r, 0, sizeof(r));
    r.net = net;
    r.label = string_column(vt, "label");
    an_node_style_init(&ns, net);
    r.ns = &ns;
    r.vfirst = string_column(vt, "first");
    r.vlast = string_column(vt, "last");
    r.efirst = string_column(et, "first");
    r.elast = string_column(et, "last");
    r.elabel = string_column(et, "label");
    r.ekind = string_column(et, "kind");
    r.x = an_table_find(vt, "x");
    r.y = an_table_find(vt, "y");
    if (!r.x || r.x->type != AN_COL_NUMBER || !r.y ||
        r.y->type != AN_COL_NUMBER)
        r.x = r.y = NULL;
    r.weight = an_table_find(et, "weight");
    if (r.weight && r.weight->type != AN_COL_NUMBER)
        r.weight = NULL;
    r.vheads = &vheads;
    r.eheads = &eheads;
    r.vstart = vstart;
    r.estart = estart;
    opened = 1;
    if (an_xml_open(w, fp))
        goto out;
    nomem = 0;
    W(an_xml_start(w, "gexf"));
    W(an_xml_attr_raw(w, "xmlns", "http://www.gexf.net/1.2draft"));
    W(an_xml_attr_raw(w, "xmlns:viz", "http://www.gexf.net/1.2draft/viz"));
    W(an_xml_attr_raw(w, "xmlns:xsi",
        "http://www.w3.org/2001/XMLSchema-instance"));
    W(an_xml_attr_raw(w, "xsi:schemaLocation",
        "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"));
    W(an_xml_attr_raw(w, "version", "1.2"));
    W(an_xml_start(w, "meta"));
    W(an_xml_element(w, "creator", "actnet"));
    if (desc.len)
        W(an_xml_element(w, "description", desc.data));
    W(an_xml_end(w));

    W(an_xml_start(w, "graph"));
    W(an_xml_attr_raw(w, "defaultedgetype",
        (net->directed ? "directed" : "undirected")));
    if (r.vfirst && r.vlast) {
        W(an_xml_attr_raw(w, "mode", "dynamic"));
        W(an_xml_attr_raw(w, "timeformat",
                                      "date"));
    } else {
        W(an_xml_attr_raw(w, "mode", "static"));
    }
    W(write_declarations(w, vt, "node", 0));
    W(write_declarations(w, et, "edge", 1));

    W(an_xml_start(w, "nodes"));
    W(an_xml_rows(w, (size_t)vt->rows, write_nodes, &r, opts));
    W(an_xml_end(w));

    W(an_xml_start(w, "edges"));
    W(an_xml_rows(w, (size_t)et->rows, write_edges, &r, opts));
    W(an_xml_end(w));   /* edges */
    W(an_xml_end(w));   /* graph */
    W(an_xml_end(w));   /* gexf */
    ok = 1;
out:
    if (opened) {
        if (an_xml_close(w, ok))
            ok = 0;
        nomem = nomem || w->nomem;
    }
    an_buf_free(&desc);
    an_buf_free(&vheads);
    an_buf_free(&eheads);
    free(vstart);
    free(estart);
    if (ok && (fflush(fp) || ferror(fp)))
        ok = 0;
    return ok ? ACTNET_OK : an_write_failed(err, "GEXF", nomem);
}
