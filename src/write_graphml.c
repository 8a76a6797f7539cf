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
 * left out.  Written with libxml2's text writer (escaping), after the
 * text cleaning of write.h.
 */
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

static int write_key(xmlTextWriterPtr w, an_buf *s, const char *prefix,
                     const char *domain, const an_column *c, int is_weight)
{
    char id[160];
    snprintf(id, sizeof(id), "%s%s", prefix, c->name);
    if (xmlTextWriterStartElement(w, BAD_CAST "key") < 0 ||
        an_xml_attr(w, s, "id", id) < 0 ||
        an_xml_attr(w, s, "for", domain) < 0 ||
        an_xml_attr(w, s, "attr.name", c->name) < 0 ||
        an_xml_attr(w, s, "attr.type", graphml_type(c, is_weight)) < 0)
        return -1;
    return xmlTextWriterEndElement(w);
}

static int write_data(xmlTextWriterPtr w, an_buf *s, const char *prefix,
                      const an_column *c, igraph_integer_t row)
{
    char id[160], num[32];
    const char *text = an_column_text(c, row, num);
    if (c->type == AN_COL_STRING && !text[0])
        return 0;
    snprintf(id, sizeof(id), "%s%s", prefix, c->name);
    if (xmlTextWriterStartElement(w, BAD_CAST "data") < 0 ||
        an_xml_attr(w, s, "key", id) < 0)
        return -1;
    s->len = 0;
    if (an_clean_text(s, text, strlen(text), 0, 0) || an_buf_terminate(s))
        return -1;
    if (xmlTextWriterWriteString(w, BAD_CAST s->data) < 0)
        return -1;
    return xmlTextWriterEndElement(w);
}

static int write_colour(xmlTextWriterPtr w, const char *key, unsigned v)
{
    char num[32];
    if (xmlTextWriterStartElement(w, BAD_CAST "data") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "key", BAD_CAST key) < 0 ||
        xmlTextWriterWriteString(w, BAD_CAST an_format_integer(v, num)) < 0)
        return -1;
    return xmlTextWriterEndElement(w);
}

actnet_status an_write_graphml(const igraph_t *g, FILE *fp,
                               actnet_error *err)
{
    an_table gt = {0}, vt = {0}, et = {0};
    an_buf s = {0};
    an_xml_errors saved;
    xmlTextWriterPtr w = NULL;
    int ok = 0, nomem = 1, colours;
    int directed = igraph_is_directed(g);
    const an_column *type;
    an_node_style ns;
    char buf[40], buf2[32];

    an_xml_errors_silence(&saved);
    if (an_table_read(&gt, g, AN_TABLE_GRAPH) ||
        an_table_read(&vt, g, AN_TABLE_VERTICES) ||
        an_table_read(&et, g, AN_TABLE_EDGES))
        goto out;
    type = an_table_find(&vt, "type");
    an_node_style_init(&ns, g, &vt);
    colours = ((type && type->type == AN_COL_STRING) || ns.community) &&
              !an_table_find(&vt, "r") && !an_table_find(&vt, "g") &&
              !an_table_find(&vt, "b");
    if (!(w = an_xml_open(fp)))
        goto out;
    nomem = 0;
    W(xmlTextWriterStartElement(w, BAD_CAST "graphml"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
        BAD_CAST "http://graphml.graphdrawing.org/xmlns"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xsi",
        BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xsi:schemaLocation",
        BAD_CAST "http://graphml.graphdrawing.org/xmlns "
                 "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"));
    for (size_t i = 0; i < gt.n; i++)
        W(write_key(w, &s, "g_", "graph", &gt.cols[i], 0));
    for (size_t i = 0; i < vt.n; i++)
        if (strcmp(vt.cols[i].name, "id"))
            W(write_key(w, &s, "v_", "node", &vt.cols[i], 0));
    if (colours) {
        static const char *const rgb[3] = {"r", "g", "b"};
        for (int k = 0; k < 3; k++) {
            W(xmlTextWriterStartElement(w, BAD_CAST "key"));
            W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "id", "v_%s",
                                                rgb[k]));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST "node"));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "attr.name",
                                          BAD_CAST rgb[k]));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "attr.type",
                                          BAD_CAST "int"));
            W(xmlTextWriterEndElement(w));
        }
    }
    for (size_t i = 0; i < et.n; i++)
        W(write_key(w, &s, "e_", "edge", &et.cols[i],
                    !strcmp(et.cols[i].name, "weight")));

    W(xmlTextWriterStartElement(w, BAD_CAST "graph"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "G"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "edgedefault",
        BAD_CAST (directed ? "directed" : "undirected")));
    for (size_t i = 0; i < gt.n; i++)
        W(write_data(w, &s, "g_", &gt.cols[i], 0));
    for (igraph_integer_t v = 0; v < vt.rows; v++) {
        W(xmlTextWriterStartElement(w, BAD_CAST "node"));
        W(an_xml_attr(w, &s, "id", an_node_id(&vt, v, buf)));
        for (size_t i = 0; i < vt.n; i++)
            if (strcmp(vt.cols[i].name, "id"))
                W(write_data(w, &s, "v_", &vt.cols[i], v));
        if (colours) {
            unsigned char c[3];
            an_node_color(&ns, v, c);
            W(write_colour(w, "v_r", c[0]));
            W(write_colour(w, "v_g", c[1]));
            W(write_colour(w, "v_b", c[2]));
        }
        W(xmlTextWriterEndElement(w));
    }
    for (igraph_integer_t e = 0; e < et.rows; e++) {
        igraph_integer_t from, to;
        if (igraph_edge(g, e, &from, &to))
            goto out;
        if (!directed && from > to) {
            igraph_integer_t t = from;
            from = to;
            to = t;
        }
        W(xmlTextWriterStartElement(w, BAD_CAST "edge"));
        buf[0] = 'e';
        an_format_integer((long long)e, buf + 1);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST buf));
        W(an_xml_attr(w, &s, "source", an_node_id(&vt, from, buf)));
        W(an_xml_attr(w, &s, "target", an_node_id(&vt, to, buf2)));
        for (size_t i = 0; i < et.n; i++)
            W(write_data(w, &s, "e_", &et.cols[i], e));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));   /* graph */
    W(xmlTextWriterEndElement(w));   /* graphml */
    ok = 1;
out:
    if (w && an_xml_close(w, ok))
        ok = 0;
    an_xml_errors_restore(&saved);
    an_table_finish(&gt);
    an_table_finish(&vt);
    an_table_finish(&et);
    an_buf_free(&s);
    if (ok && (fflush(fp) || ferror(fp)))
        ok = 0;
    return ok ? ACTNET_OK : an_write_failed(err, "GraphML", nomem);
}
