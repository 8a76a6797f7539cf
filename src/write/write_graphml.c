/*
 * write_graphml.c — GraphML (http://graphml.graphdrawing.org/) as Gephi,
 * Cytoscape, yEd, networkx and igraph read it: node ids are the entity
 * ids; every attribute is a <key> whose attr.name is the attribute's name
 * (key ids are "g_", "v_" or "e_" + name, so node and edge attributes of
 * the same name never clash); `label` and `weight` keep those names so
 * the tools map them to node labels and edge weights; integer `r`, `g`,
 * `b` node attributes give each node the colour of its type (or of its
 * community with build --color-by community), which Gephi applies on
 * import, and a double `size` (10 to 50, as GEXF's viz:size) and the
 * layout's `x` / `y`, which graphology (sigma.js) and Gephi read as the
 * node's size and position.  Numbers are typed int / long when all values are
 * whole, double otherwise; weight is always double.  Empty strings are
 * left out.  Written with the XML writer of write.h (libxml2's bytes),
 * after the text cleaning of write.h.
 */
#include <stdlib.h>
#include <string.h>

#include "write/write.h"

#define W(call)                    \
    do {                           \
        if ((call) < 0)            \
            goto out;              \
    } while (0)

/*
 * Copies n bytes at s to o; returns the end.  The pieces of a row are
 * short: copied in words of AN_PAD bytes, without a call, so up to
 * AN_PAD - 1 bytes past s + n are read (every source of a piece keeps
 * that many readable bytes after its end: pad) and past o + n written
 * (room for them is reserved; the next piece writes over them).
 */
#define AN_PAD 8

static char *put(char *o, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k += AN_PAD)
        memcpy(o + k, s + k, AN_PAD);
    return o + n;
}

/* Copies a string constant (its bytes, not its NUL) to o; the end. */
#define PUT_CONST(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), \
                           (o) + sizeof(lit) - 1)

/* Keeps AN_PAD readable bytes after the end of b.  0 / -1. */
static int pad(an_buf *b)
{
    return an_reserve((void **)&b->data, &b->cap, b->len + AN_PAD, 1);
}

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
    if (c->type == AN_COL_STRING && !igraph_strvector_get(&c->str, row)[0])
        return 0;
    return an_xml_cell(w, k->tags.data + k->start[i],
                       k->start[i + 1] - k->start[i], "</data>", 7, c, row);
}

/* The node ids as attribute values, cleaned and escaped once (each is
 * written by every edge of the node): node v's is
 * text[start[v], start[v + 1]).  0 / -1. */
typedef struct gm_ids {
    an_buf text;
    size_t *start;
} gm_ids;

static int ids_make(gm_ids *ids, const an_table *vt)
{
    char buf[32];
    memset(ids, 0, sizeof(*ids));
    ids->start = malloc(((size_t)vt->rows + 1) * sizeof(*ids->start));
    if (!ids->start)
        return -1;
    for (igraph_integer_t v = 0; v < vt->rows; v++) {
        ids->start[v] = ids->text.len;
        if (an_xml_escape_attr(&ids->text, an_node_id(vt, v, buf)))
            return -1;
    }
    ids->start[vt->rows] = ids->text.len;
    return pad(&ids->text);
}

/* Attribute name="id of node v". */
static int write_id(an_xml *w, const char *name, const gm_ids *ids,
                    igraph_integer_t v)
{
    return an_xml_attr_escaped(w, name, ids->text.data + ids->start[v],
                               ids->start[v + 1] - ids->start[v]);
}

static int write_colour(an_xml *w, const char *key, unsigned v)
{
    char num[32];
    if (an_xml_start(w, "data") || an_xml_attr_raw(w, "key", key) ||
        an_xml_text(w, an_format_integer(v, num)))
        return -1;
    return an_xml_end(w);
}

/* The node's size as GEXF and JSON give it (10 to 50), under the name
 * graphology and Gephi Lite read as the size. */
static int write_size(an_xml *w, const an_node_style *ns, igraph_integer_t v)
{
    char num[32];
    double size = 10.0 + 40.0 * an_node_size_share(ns, v);
    if (an_xml_start(w, "data") || an_xml_attr_raw(w, "key", "v_size") ||
        an_xml_text(w, an_format_number(an_round2(size), num)))
        return -1;
    return an_xml_end(w);
}

/* What the node and edge rows read (shared by the threads that write
 * them). */
typedef struct gm_rows {
    const an_net *net;
    const gm_keys *vk, *ek;
    const gm_ids *ids;
    const an_column *idc;
    const an_node_style *ns;
    int colours, sizes;
} gm_rows;

/* Nodes [from, to). */
static int write_nodes(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gm_rows *r = ctx;
    const an_table *vt = &r->net->vt;
    for (igraph_integer_t v = (igraph_integer_t)from;
         v < (igraph_integer_t)to; v++) {
        if (an_xml_start(w, "node") || write_id(w, "id", r->ids, v))
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
        if (r->sizes && write_size(w, r->ns, v))
            return -1;
        if (an_xml_end(w))
            return -1;
    }
    return 0;
}

/* A cell's value, found before the edge is written in one piece: its
 * bytes at p, or at off in the writer's memo (memo set) or in the row's
 * text (text set), which may move while the row's other values are
 * found. */
typedef struct gm_value {
    const char *p;
    size_t off, n;
    int memo, text;
    int none;                   /* an empty string: no element */
} gm_value;

/* The value of row e of column c into *v (an_xml_cell's bytes); num
 * holds a number's text, text the escaped text of other strings.
 * 0 / -1 (memory). */
static int cell_value(an_xml *w, const an_column *c, igraph_integer_t e,
                      gm_value *v, char num[32], an_buf *text)
{
    memset(v, 0, sizeof(*v));
    switch (c->type) {
    case AN_COL_STRING: {
        const char *s = igraph_strvector_get(&c->str, e);
        if (!s[0]) {
            v->none = 1;
            return 0;
        }
        if (c->shared) {
            v->memo = 1;
            return an_xml_memo(w, c, s, &v->off, &v->n) ||
                   pad(&w->memo_text) ? -1 : 0;
        }
        v->text = 1;
        v->off = text->len;
        if (an_xml_escape_text(text, s) || pad(text))
            return -1;
        v->n = text->len - v->off;
        return 0;
    }
    case AN_COL_BOOL: {
        static const char yes[AN_PAD + 1] = "true", no[AN_PAD + 1] = "false";
        v->p = VECTOR(c->bools)[e] ? yes : no;
        v->n = VECTOR(c->bools)[e] ? 4 : 5;
        return 0;
    }
    case AN_COL_NUMBER:
        break;
    }
    if (c->integral) {
        v->p = an_format_whole(VECTOR(c->num)[e], num, &v->n);
    } else {
        v->p = an_format_number(VECTOR(c->num)[e], num);
        v->n = strlen(v->p);
    }
    return 0;
}


/*
 * Edges [from, to), each written in one piece: the bytes an_xml_start,
 * an_xml_attr, write_data (an_xml_cell) and an_xml_end write, without a
 * call per piece (an edge has a dozen cells, and there may be millions of
 * edges).
 */
static int write_edges(void *ctx, an_xml *w, size_t from, size_t to)
{
    const gm_rows *r = ctx;
    const an_table *et = &r->net->et;
    const gm_keys *k = r->ek;
    const gm_ids *ids = r->ids;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    size_t nc = et->n, ind = 2 * (size_t)w->depth;
    gm_value *val = malloc((nc ? nc : 1) * sizeof(*val));
    /* one more: the pieces read a little past a number's end */
    char (*nums)[32] = malloc((nc + 1) * sizeof(*nums));
    size_t *pre = malloc((nc + 1) * sizeof(*pre));
    an_buf text = {0}, heads = {0};
    int rc = -1;
    /* indentation for any depth, and the bytes put reads past it */
    static const char spaces[2 * AN_XML_DEPTH + AN_PAD + 1] =
        "                                        ";

    if (!val || !nums || !pre || !w->depth || !w->text[w->depth - 1] ||
        ind + 2 > 2 * AN_XML_DEPTH)
        goto out;
    /* each cell's indentation and start tag, one piece per column */
    for (size_t i = 0; i < nc; i++) {
        pre[i] = heads.len;
        if (an_buf_append(&heads, spaces, ind + 2) ||
            an_buf_append(&heads, k->tags.data + k->start[i],
                          k->start[i + 1] - k->start[i]))
            goto out;
    }
    pre[nc] = heads.len;
    if (pad(&heads))
        goto out;
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        igraph_integer_t a = ends[2 * e], b = ends[2 * e + 1];
        size_t need = 2 * ind + 96 + (ids->start[a + 1] - ids->start[a]) +
                      (ids->start[b + 1] - ids->start[b]);
        char id[32 + AN_PAD], *o;
        size_t idn;
        int cells = 0;
        text.len = 0;
        for (size_t i = 0; i < nc; i++) {
            if (cell_value(w, &et->cols[i], e, &val[i], nums[i], &text))
                goto out;
            need += pre[i + 1] - pre[i] + val[i].n + 8;
        }
        if (!(o = an_xml_reserve(w, need + AN_PAD)))
            goto out;
        const char *idt = an_format_whole((double)e, id, &idn);
        o = put(o, spaces, ind);
        o = PUT_CONST(o, "<edge id=\"e");
        o = put(o, idt, idn);
        o = PUT_CONST(o, "\" source=\"");
        o = put(o, ids->text.data + ids->start[a],
                ids->start[a + 1] - ids->start[a]);
        o = PUT_CONST(o, "\" target=\"");
        o = put(o, ids->text.data + ids->start[b],
                ids->start[b + 1] - ids->start[b]);
        *o++ = '"';
        for (size_t i = 0; i < nc; i++) {
            const gm_value *v = &val[i];
            if (v->none)
                continue;
            if (!cells++) {
                memcpy(o, ">\n", 2);   /* the start tag's end */
                o += 2;
            }
            o = put(o, heads.data + pre[i], pre[i + 1] - pre[i]);
            o = put(o, v->memo ? w->memo_text.data + v->off
                       : v->text ? text.data + v->off : v->p, v->n);
            memcpy(o, "</data>\n", 8);
            o += 8;
        }
        if (cells) {
            o = put(o, spaces, ind);
            o = PUT_CONST(o, "</edge>\n");
        } else {
            o = PUT_CONST(o, "/>\n");
        }
        an_xml_wrote(w, o);
    }
    rc = 0;
out:
    free(val);
    free(nums);
    free(pre);
    an_buf_free(&text);
    an_buf_free(&heads);
    return rc;
}

actnet_status an_write_net_graphml(const an_net *net, FILE *fp,
                                   const an_write_opts *opts,
                                   actnet_error *err)
{
    const an_table *gt = &net->gt, *vt = &net->vt, *et = &net->et;
    an_xml w;
    gm_keys gk, vk, ek;
    gm_ids ids;
    int ok = 0, nomem = 1, colours, sizes, opened = 0;
    const an_column *type, *idc;
    an_node_style ns;
    gm_rows rows;

    memset(&gk, 0, sizeof(gk));
    memset(&vk, 0, sizeof(vk));
    memset(&ek, 0, sizeof(ek));
    memset(&ids, 0, sizeof(ids));
    if (keys_make(&gk, gt, "g_") || keys_make(&vk, vt, "v_") ||
        keys_make(&ek, et, "e_") || ids_make(&ids, vt))
        goto out;
    type = an_table_find(vt, "type");
    idc = an_table_find(vt, "id");
    an_node_style_init(&ns, net);
    colours = ((type && type->type == AN_COL_STRING) || ns.community) &&
              !an_table_find(vt, "r") && !an_table_find(vt, "g") &&
              !an_table_find(vt, "b");
    sizes = colours && !an_table_find(vt, "size");
    rows = (gm_rows){net, &vk, &ek, &ids, idc, &ns, colours, sizes};
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
    if (sizes) {
        W(an_xml_start(&w, "key"));
        W(an_xml_attr_raw(&w, "id", "v_size"));
        W(an_xml_attr_raw(&w, "for", "node"));
        W(an_xml_attr_raw(&w, "attr.name", "size"));
        W(an_xml_attr_raw(&w, "attr.type", "double"));
        W(an_xml_end(&w));
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
    an_buf_free(&ids.text);
    free(ids.start);
    if (ok && (fflush(fp) || ferror(fp)))
        ok = 0;
    return ok ? ACTNET_OK : an_write_failed(err, "GraphML", nomem);
}
