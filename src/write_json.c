/*
 * write_json.c — the node-link JSON that d3 (d3-force), sigma.js /
 * graphology and networkx (node_link_graph) load:
 *   {"directed": false, "multigraph": false, "graph": {...},
 *    "nodes": [{"id": ..., "label": ..., ...}],
 *    "links": [{"source": id, "target": id, "weight": ..., ...}]}
 * ("multigraph": true when some pair has parallel edges: the relations
 * of one pair in the acts-on network).
 * Every attribute is a member (empty strings left out; whole numbers as
 * integers; NaN and infinities as null); nodes also get "color" (hex, by
 * type, or community) and "size" (10 to 50, by mentions, or a measure;
 * see an_node_style in write.h) unless they have such
 * attributes; edge evidence becomes a list of {"document", "sentence"}.
 * Built with jansson; members keep the attributes' order.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "write.h"

/* A JSON value of row r of column c; NULL when out of memory. */
static json_t *column_value(const an_column *c, igraph_integer_t r,
                            an_buf *s)
{
    switch (c->type) {
    case AN_COL_BOOL:
        return json_boolean(VECTOR(c->bools)[r]);
    case AN_COL_STRING: {
        const char *v = igraph_strvector_get(&c->str, r);
        s->len = 0;
        if (an_clean_text(s, v, strlen(v), 0, 0) || an_buf_terminate(s))
            return NULL;
        return json_stringn(s->data, s->len);
    }
    case AN_COL_NUMBER:
        break;
    }
    double x = VECTOR(c->num)[r];
    if (!isfinite(x))
        return json_null();
    if (x == floor(x) && fabs(x) < 9007199254740992.0)
        return json_integer((json_int_t)x);
    return json_real(x);
}

/* Sets obj[key] = value, taking the reference; -1 when value is NULL. */
static int set_new(json_t *obj, const char *key, json_t *value)
{
    return value ? json_object_set_new(obj, key, value) : -1;
}

/* The evidence lines "document<TAB>sentence" as a list of objects. */
static json_t *evidence_list(const char *text, an_buf *s)
{
    json_t *list = json_array();
    if (!list)
        return NULL;
    s->len = 0;
    if (an_clean_text(s, text, strlen(text), 0, 0) || an_buf_terminate(s))
        goto fail;
    for (char *line = s->data; line && *line;) {
        char *nl = strchr(line, '\n');
        char *tab;
        json_t *item = json_object();
        if (nl)
            *nl = '\0';
        tab = strchr(line, '\t');
        if (!item || json_array_append_new(list, item))
            goto fail;
        if (tab) {
            *tab = '\0';
            if (set_new(item, "document", json_string(line)) ||
                set_new(item, "sentence", json_string(tab + 1)))
                goto fail;
        } else if (set_new(item, "sentence", json_string(line))) {
            goto fail;
        }
        line = nl ? nl + 1 : NULL;
    }
    return list;
fail:
    json_decref(list);
    return NULL;
}

static int add_members(json_t *obj, const an_table *t, igraph_integer_t r,
                       an_buf *s, const char *skip)
{
    for (size_t i = 0; i < t->n; i++) {
        const an_column *c = &t->cols[i];
        if (skip && !strcmp(c->name, skip))
            continue;
        if (c->type == AN_COL_STRING &&
            !igraph_strvector_get(&c->str, r)[0])
            continue;
        json_t *v = !strcmp(c->name, "evidence") && c->type == AN_COL_STRING
                        ? evidence_list(igraph_strvector_get(&c->str, r), s)
                        : column_value(c, r, s);
        if (set_new(obj, c->name, v))
            return -1;
    }
    return 0;
}

static json_t *build(const igraph_t *g, const an_table *gt,
                     const an_table *vt, const an_table *et, an_buf *s)
{
    int directed = igraph_is_directed(g);
    igraph_bool_t multigraph = 0;
    json_t *root = json_object(), *graph, *nodes, *links;
    const an_column *type = an_table_find(vt, "type");
    an_node_style ns;
    int colour, size;
    char buf[32];

    an_node_style_init(&ns, g, vt);
    colour = ((type && type->type == AN_COL_STRING) || ns.community) &&
             !an_table_find(vt, "color");
    size = ns.size && !an_table_find(vt, "size");

    /* Parallel edges (the relations of one pair in the acts-on network)
     * make a multigraph, or networkx would keep only one of them. */
    if (igraph_has_multiple(g, &multigraph))
        goto fail;
    if (!root || set_new(root, "directed", json_boolean(directed)) ||
        set_new(root, "multigraph", json_boolean(multigraph)) ||
        set_new(root, "graph", json_object()) ||
        set_new(root, "nodes", json_array()) ||
        set_new(root, "links", json_array()))
        goto fail;
    graph = json_object_get(root, "graph");
    nodes = json_object_get(root, "nodes");
    links = json_object_get(root, "links");
    if (add_members(graph, gt, 0, s, NULL))
        goto fail;
    for (igraph_integer_t v = 0; v < vt->rows; v++) {
        json_t *n = json_object();
        if (!n || json_array_append_new(nodes, n))
            goto fail;
        s->len = 0;
        const char *id = an_node_id(vt, v, buf);
        if (an_clean_text(s, id, strlen(id), 0, 0) || an_buf_terminate(s) ||
            set_new(n, "id", json_string(s->data)) ||
            add_members(n, vt, v, s, "id"))
            goto fail;
        if (colour) {
            unsigned char rgb[3];
            char hex[8];
            an_node_color(&ns, v, rgb);
            snprintf(hex, sizeof(hex), "#%02x%02x%02x", rgb[0], rgb[1],
                     rgb[2]);
            if (set_new(n, "color", json_string(hex)))
                goto fail;
        }
        if (size) {
            double z = an_round2(10.0 + 40.0 * an_node_size_share(&ns, v));
            if (set_new(n, "size", z == floor(z)
                                       ? json_integer((json_int_t)z)
                                       : json_real(z)))
                goto fail;
        }
    }
    for (igraph_integer_t e = 0; e < et->rows; e++) {
        igraph_integer_t from, to;
        json_t *l = json_object();
        if (!l || json_array_append_new(links, l))
            goto fail;
        if (igraph_edge(g, e, &from, &to))
            goto fail;
        if (!directed && from > to) {
            igraph_integer_t t = from;
            from = to;
            to = t;
        }
        const char *ends[2] = {"source", "target"};
        igraph_integer_t vs[2] = {from, to};
        for (int k = 0; k < 2; k++) {
            const char *id = an_node_id(vt, vs[k], buf);
            s->len = 0;
            if (an_clean_text(s, id, strlen(id), 0, 0) ||
                an_buf_terminate(s) ||
                set_new(l, ends[k], json_string(s->data)))
                goto fail;
        }
        if (add_members(l, et, e, s, NULL))
            goto fail;
    }
    return root;
fail:
    json_decref(root);
    return NULL;
}

actnet_status an_write_json(const igraph_t *g, FILE *fp, actnet_error *err)
{
    an_table gt = {0}, vt = {0}, et = {0};
    an_buf s = {0};
    json_t *root = NULL;
    int ok = 0, nomem = 1;

    if (an_table_read(&gt, g, AN_TABLE_GRAPH) ||
        an_table_read(&vt, g, AN_TABLE_VERTICES) ||
        an_table_read(&et, g, AN_TABLE_EDGES) ||
        !(root = build(g, &gt, &vt, &et, &s)))
        goto out;
    nomem = 0;
    if (json_dumpf(root, fp, JSON_INDENT(1) | JSON_REAL_PRECISION(15)))
        goto out;
    fputc('\n', fp);
    ok = !fflush(fp) && !ferror(fp);
out:
    json_decref(root);
    an_table_finish(&gt);
    an_table_finish(&vt);
    an_table_finish(&et);
    an_buf_free(&s);
    return ok ? ACTNET_OK : an_write_failed(err, "JSON", nomem);
}
