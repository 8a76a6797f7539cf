/*
 * write_dot.c — DOT for Graphviz (dot, neato, sfdp, ...): node shape and
 * colour by type (person: ellipse, organisation: box, country: hexagon),
 * label font size by mentions, pen width and opacity by edge weight,
 * or, as build --size-by / --color-by ask (write.h, an_node_style), font
 * size by a measure and fill colour by community,
 * edges labelled by an edge "label" attribute and coloured by the sign of
 * a "polarity" attribute when the graph has them (hostile red,
 * cooperative green, else grey), arrows both ways on edges whose boolean
 * "symmetric" attribute is true (a symmetric relation such as "meets"),
 * tooltips for SVG, and a legend (the graph label).  Node names are n0, n1, ... in
 * graph order (labels carry the text), so any id is safe; every string is
 * quoted with '"' and '\' escaped.  Undirected graphs ask for the sfdp
 * layout (layout=sfdp), so `dot -Tsvg` draws them force-directed too.
 * Written to render without warnings with both `dot` and `sfdp`.
 * Edges are curved (splines=true) up to AN_DOT_SPLINES_MAX_EDGES edges
 * and straight above, where Graphviz would take minutes to route them.
 */
#include <math.h>
#include <string.h>

#include "text/encode.h"
#include "write/write.h"

/* The most edges drawn curved; the README says the same number. */
#define AN_DOT_SPLINES_MAX_EDGES 300

typedef struct an_dot_style {
    const char *type;
    const char *shape;
    const char *style;
    const char *fill;       /* a light tint of the type colour */
} an_dot_style;

static const an_dot_style styles[] = {
    {"person", "ellipse", "filled", "#a0cbe8"},
    {"organisation", "box", "rounded,filled", "#ffbe7d"},
    {"country", "hexagon", "filled", "#8cd17d"},
};
static const an_dot_style other_style = {"other", "octagon", "filled",
                                         "#d7d7d7"};

static const an_dot_style *style_of(const char *type)
{
    for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
        if (type && !strcmp(type, styles[i].type))
            return &styles[i];
    return &other_style;
}

/* s cleaned to one line (into scratch, when it is not printable ASCII
 * already); *n its length.  NULL when out of memory. */
static const char *one_line(an_buf *scratch, const char *s, size_t *n)
{
    *n = strlen(s);
    for (size_t i = 0; i < *n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f) {
            scratch->len = 0;
            if (an_clean_text(scratch, s, *n, AN_CLEAN_ONELINE, 0))
                return NULL;
            *n = scratch->len;
            return scratch->data;
        }
    return s;
}

/* s as a quoted DOT string (an_dot_string), cleaned to one line, into
 * the sink. */
static int sink_quoted(an_sink *k, an_buf *scratch, const char *s)
{
    size_t n;
    const char *d = one_line(scratch, s, &n);
    if (!d || n > (SIZE_MAX - 8) / 2 || an_sink_room(k, 2 * n + 2))
        return -1;
    return an_dot_string(&k->out, d, n);
}

/* The same, written to fp. */
static int quoted(FILE *fp, an_buf *scratch, const char *s)
{
    size_t n;
    an_buf enc = {0};
    const char *d = one_line(scratch, s, &n);
    int rc = !d || an_dot_string(&enc, d, n) ? -1 : 0;
    if (!rc)
        fwrite(enc.data, 1, enc.len, fp);
    an_buf_free(&enc);
    return rc;
}

/* "n" and the vertex number. */
static int sink_node(an_sink *k, igraph_integer_t v)
{
    char num[32];
    return an_sink_putc(k, 'n') ||
           an_sink_puts(k, an_format_integer((long long)v, num));
}

static void colour_hex(const char *type, char out[8])
{
    unsigned char rgb[3];
    an_type_color(type, rgb);
    snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* A light tint of rgb (halfway to white) as #rrggbb. */
static void tint_hex(const unsigned char rgb[3], char out[8])
{
    unsigned t[3];
    for (int k = 0; k < 3; k++)
        t[k] = (rgb[k] + (255u - rgb[k] + 1u) / 2u) & 0xffu;
    snprintf(out, 8, "#%02x%02x%02x", t[0], t[1], t[2]);
}

/*
 * The legend is the graph's label: an HTML-like table at the bottom, with
 * a swatch per node type and what line width means.  (A cluster subgraph
 * would do for dot, but sfdp and neato ignore clusters and scatter its
 * nodes; a graph label looks the same in every layout.)
 */
static void write_legend(FILE *fp, const an_column *type,
                         igraph_integer_t rows, double max_weight,
                         int polarity, const an_node_style *ns)
{
    int other = 0;
    char hex[8], num[32];
    for (igraph_integer_t v = 0; type && v < rows; v++)
        if (style_of(igraph_strvector_get(&type->str, v)) == &other_style)
            other = 1;
    fputs("  labelloc=b;\n"
          "  label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"6\" "
          "CELLPADDING=\"4\"><TR><TD BORDER=\"0\">Legend:</TD>", fp);
    for (size_t i = 0; i <= sizeof(styles) / sizeof(styles[0]); i++) {
        const an_dot_style *st =
            i < sizeof(styles) / sizeof(styles[0]) ? &styles[i] : &other_style;
        if (st == &other_style && !other)
            continue;
        colour_hex(st->type, hex);
        fprintf(fp, "<TD BGCOLOR=\"%s\" COLOR=\"%s\">%s (%s)</TD>",
                ns->community ? "white" : st->fill,
                ns->community ? "black" : hex, st->type, st->shape);
    }
    if (ns->community)
        fputs("<TD BORDER=\"0\">fill colour: community</TD>", fp);
    if (strcmp(ns->size_name, "mentions"))
        fprintf(fp, "<TD BORDER=\"0\">label size: %s</TD>", ns->size_name);
    fprintf(fp, "<TD BORDER=\"0\">line width: edge weight, up to %s</TD>",
            an_format_number(max_weight, num));
    if (polarity)
        fputs("<TD BORDER=\"0\"><FONT COLOR=\"#e15759\">red</FONT>: hostile, "
              "<FONT COLOR=\"#59a14f\">green</FONT>: cooperative</TD>", fp);
    fputs("</TR></TABLE>>;\n", fp);
}

/* Edge colour (without alpha): by the sign of a "polarity" attribute
 * when there is one (hostile red, cooperative green), else grey. */
static const char *edge_colour(const an_column *polarity, igraph_integer_t e)
{
    double p = polarity ? VECTOR(polarity->num)[e] : 0;
    if (p < 0)
        return "#e15759";
    if (p > 0)
        return "#59a14f";
    return "#7f7f7f";
}

static double column_max(const an_column *c)
{
    double m = 0;
    for (igraph_integer_t i = 0; c && i < igraph_vector_size(&c->num); i++)
        if (VECTOR(c->num)[i] > m)
            m = VECTOR(c->num)[i];
    return m;
}

/* What the edge rows read (shared by the threads that write them). */
typedef struct dot_rows {
    const an_net *net;
    const an_column *weight, *polarity, *elabel, *symmetric;
    double max_weight;
} dot_rows;

/* Edges [from, to). */
static int write_edges(void *ctx, an_sink *k, size_t from, size_t to)
{
    const dot_rows *r = ctx;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    int directed = r->net->directed;
    an_buf s = {0};
    char num[32];
    char pens[1000][32] = {{0}};    /* pen widths by hundredths */
    int rc = -1;

    /* Pen widths are rounded to hundredths: each is formatted once. */
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        double w = r->weight ? VECTOR(r->weight->num)[e] : 1;
        double pw = 0.5;
        double share = r->max_weight > 0 && w > 0 ? sqrt(w / r->max_weight)
                                                  : 0;
        if (share > 1)
            share = 1;
        pw += 4.5 * share;
        /* Light edges fade: from 25% to 80% opaque by weight. */
        unsigned alpha = (unsigned)(64 + lround(140 * share));
        double hundredths = round(pw * 100.0);
        const char *pen;
        if (hundredths >= 0 && hundredths < 1000) {
            size_t h = (size_t)hundredths;
            if (!pens[h][0])
                an_format_number(hundredths / 100.0, pens[h]);
            pen = pens[h];
        } else {
            pen = an_format_number(an_round2(pw), num);
        }
        /* "%02x" of alpha */
        static const char hexd[] = "0123456789abcdef";
        char a[9];
        size_t na = 0;
        for (int sh = 28; sh >= 0; sh -= 4)
            if (na || sh < 8 || alpha >> sh)
                a[na++] = hexd[(alpha >> sh) & 15];
        if (an_sink_put(k, "  ", 2) || sink_node(k, ends[2 * e]) ||
            an_sink_puts(k, directed ? " -> " : " -- ") ||
            sink_node(k, ends[2 * e + 1]) ||
            an_sink_puts(k, " [penwidth=") ||
            an_sink_puts(k, pen) || an_sink_puts(k, ", color=\"") ||
            an_sink_puts(k, edge_colour(r->polarity, e)) ||
            an_sink_put(k, a, na) || an_sink_put(k, "\", ", 3))
            goto out;
        if (directed && r->symmetric && VECTOR(r->symmetric->bools)[e] &&
            an_sink_puts(k, "dir=both, "))
            goto out;
        if (r->elabel && igraph_strvector_get(&r->elabel->str, e)[0] &&
            (an_sink_puts(k, "label=") ||
             sink_quoted(k, &s, igraph_strvector_get(&r->elabel->str, e)) ||
             an_sink_puts(k, ", fontsize=9, ")))
            goto out;
        /* tooltip="weight <w>": a number needs no quoting */
        if (an_sink_puts(k, "tooltip=\"weight ") ||
            an_sink_puts(k, an_format_number(w, num)) ||
            an_sink_put(k, "\"];\n", 4))
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&s);
    return rc;
}

actnet_status an_write_net_dot(const an_net *net, FILE *fp,
                               const an_write_opts *opts, actnet_error *err)
{
    const an_table *gt = &net->gt, *vt = &net->vt, *et = &net->et;
    an_buf s = {0};
    int ok = 0, nomem = 1, directed = net->directed;
    const an_column *label, *type, *mentions;
    char num[32], idbuf[32], hex[8], fill[8], text[256];
    an_node_style ns;
    an_sink k;
    int sinking = 0;
    dot_rows r;

    memset(&r, 0, sizeof(r));
    r.net = net;
    label = an_table_find(vt, "label");
    type = an_table_find(vt, "type");
    mentions = an_table_find(vt, "mentions");
    r.weight = an_table_find(et, "weight");
    if (label && label->type != AN_COL_STRING)
        label = NULL;
    if (type && type->type != AN_COL_STRING)
        type = NULL;
    if (mentions && mentions->type != AN_COL_NUMBER)
        mentions = NULL;
    if (r.weight && r.weight->type != AN_COL_NUMBER)
        r.weight = NULL;
    r.polarity = an_table_find(et, "polarity");
    if (r.polarity && r.polarity->type != AN_COL_NUMBER)
        r.polarity = NULL;
    r.elabel = an_table_find(et, "label");
    if (r.elabel && r.elabel->type != AN_COL_STRING)
        r.elabel = NULL;
    r.symmetric = an_table_find(et, "symmetric");
    if (r.symmetric && r.symmetric->type != AN_COL_BOOL)
        r.symmetric = NULL;
    an_node_style_init(&ns, net);
    r.max_weight = column_max(r.weight);
    nomem = 0;

    fputs("// actnet", fp);
    for (size_t i = 0; i < gt->n; i++) {
        s.len = 0;
        const char *v = an_column_text(&gt->cols[i], 0, num);
        if (an_clean_text(&s, v, strlen(v), AN_CLEAN_ONELINE, 0) ||
            an_buf_terminate(&s))
            goto out;
        fprintf(fp, "%s %s: %s", i ? ";" : "", gt->cols[i].name, s.data);
    }
    fprintf(fp, "\n%s \"actnet\" {\n", directed ? "digraph" : "graph");
    /* An undirected network has no hierarchy for dot to show: ask for the
     * force-directed sfdp layout whichever command renders the file. */
    if (!directed)
        fputs("  // force-directed layout; delete this line for dot's "
              "hierarchical one\n"
              "  layout=sfdp;\n", fp);
    /* Curved edges routed around the nodes read best, but Graphviz's
     * router grows much faster than the edges (sfdp on a random graph:
     * 150 edges 3.7 s, 400 edges 28 s, 1000 edges 119 s, against 0.3 s
     * with straight lines), so a large network gets straight edges and
     * a comment saying how to ask for curves. */
    if (et->rows > AN_DOT_SPLINES_MAX_EDGES)
        fprintf(fp, "  // straight edges: over %d edges Graphviz takes "
                "minutes to route curves;\n"
                "  // add splines=true to the graph line below for them\n",
                AN_DOT_SPLINES_MAX_EDGES);
    fprintf(fp, "  graph [fontname=\"Helvetica\", fontsize=12, overlap=false, "
            "%soutputorder=edgesfirst, pad=0.3];\n",
            et->rows > AN_DOT_SPLINES_MAX_EDGES ? "" : "splines=true, ");
    fputs(
          "  node [fontname=\"Helvetica\", style=filled, penwidth=1.2];\n"
          "  edge [fontname=\"Helvetica\"];\n", fp);
    write_legend(fp, type, vt->rows, r.max_weight, r.polarity != NULL, &ns);

    for (igraph_integer_t v = 0; v < vt->rows; v++) {
        const char *t = type ? igraph_strvector_get(&type->str, v) : NULL;
        const char *id = an_node_id(vt, v, idbuf);
        const char *l = label ? igraph_strvector_get(&label->str, v) : id;
        const an_dot_style *st = style_of(t);
        double m = mentions ? VECTOR(mentions->num)[v] : 0;
        double fs = 10.0 + 8.0 * an_node_size_share(&ns, v);
        unsigned char rgb[3];
        an_node_color(&ns, v, rgb);
        snprintf(hex, sizeof(hex), "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
        if (ns.community)
            tint_hex(rgb, fill);
        else
            snprintf(fill, sizeof(fill), "%s", st->fill);
        fprintf(fp, "  n%lld [label=", (long long)v);
        if (quoted(fp, &s, l))
            goto out;
        fprintf(fp, ", shape=%s, style=\"%s\", fillcolor=\"%s\", "
                "color=\"%s\", fontsize=%s, tooltip=", st->shape, st->style,
                fill, hex, an_format_number(an_round2(fs), num));
        snprintf(text, sizeof(text), "%s (%s): %s mention%s", id,
                 t ? t : "node", an_format_number(m, num), m == 1 ? "" : "s");
        if (ns.size && strcmp(ns.size_name, "mentions")) {
            size_t len = strlen(text);
            snprintf(text + len, sizeof(text) - len, ", %s %.4g",
                     ns.size_name, VECTOR(ns.size->num)[v]);
        }
        if (ns.community) {
            size_t len = strlen(text);
            snprintf(text + len, sizeof(text) - len, ", community %s",
                     an_format_number(VECTOR(ns.community->num)[v], num));
        }
        if (quoted(fp, &s, text))
            goto out;
        fputs("];\n", fp);
    }
    /* The edges, by far the most lines, go through the sink (which
     * writes to fp after what stdio holds, so the order stays), in
     * chunks, on opts' threads. */
    an_sink_init(&k, fp);
    sinking = 1;
    if (an_sink_rows(&k, (size_t)et->rows, write_edges, &r, opts))
        goto out;
    sinking = 0;
    if (an_sink_close(&k, 1))
        goto out;
    fputs("}\n", fp);
    ok = 1;
out:
    if (sinking && an_sink_close(&k, 0))
        nomem = nomem || k.nomem;
    an_buf_free(&s);
    if (ok && (fflush(fp) || ferror(fp)))
        ok = 0;
    return ok ? ACTNET_OK : an_write_failed(err, "DOT", nomem);
}
