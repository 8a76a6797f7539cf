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
 * Written by hand into an_sink, in the bytes jansson's json_dumpf wrote
 * for it (JSON_INDENT(1), JSON_REAL_PRECISION(15)): members keep the
 * attributes' order, a member set twice (an edge attribute "source")
 * keeps its first place and its last value, and a name that is not UTF-8
 * fails the write, as jansson refused it.
 */
#include <math.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "text/encode.h"
#include "write/write.h"

/* The writer's state: the sink, cleaning scratch, and the member count of
 * each open object or array (for commas and the closing indentation). */
typedef struct jw {
    an_sink k;
    an_buf s;
    size_t count[8];
    int depth;
} jw;

/* A newline and depth spaces (jansson's indentation by one). */
static int j_indent(jw *w, int depth)
{
    if (an_sink_room(&w->k, (size_t)depth + 1))
        return -1;
    char *o = an_sink_end(&w->k);
    *o++ = '\n';
    memset(o, ' ', (size_t)depth);
    w->k.out.len += (size_t)depth + 1;
    return 0;
}

/* s[0..len) as a JSON string (an_json_string, encode.h). */
static int j_string(jw *w, const char *s, size_t len)
{
    if (len > (SIZE_MAX - 8) / 6 || an_sink_room(&w->k, 6 * len + 2))
        return -1;
    return an_json_string(&w->k.out, s, len);
}

static int j_cstring(jw *w, const char *s)
{
    return j_string(w, s, strlen(s));
}

/* Cleaned text (write.h, no flags) as a JSON string. */
static int j_clean(jw *w, const char *text)
{
    size_t n = strlen(text);
    size_t i = 0;
    /* printable ASCII is left as it is by cleaning: no copy */
    while (i < n && (unsigned char)text[i] >= 0x20 &&
           (unsigned char)text[i] < 0x7f)
        i++;
    if (i == n)
        return j_string(w, text, n);
    w->s.len = 0;
    if (an_clean_text(&w->s, text, n, 0, 0))
        return -1;
    return j_string(w, w->s.data, w->s.len);
}

/* Opens an object ('{') or array ('['). */
static int j_open(jw *w, char c)
{
    if (w->depth == (int)(sizeof(w->count) / sizeof(w->count[0])) ||
        an_sink_putc(&w->k, c))
        return -1;
    w->count[w->depth++] = 0;
    return 0;
}

/* Closes it: "{}" / "[]" when empty, else on a line of its own. */
static int j_close(jw *w, char c)
{
    w->depth--;
    if (w->count[w->depth] && j_indent(w, w->depth))
        return -1;
    return an_sink_putc(&w->k, c);
}

/* Starts the next item of the innermost array. */
static int j_item(jw *w)
{
    if (w->count[w->depth - 1]++ && an_sink_putc(&w->k, ','))
        return -1;
    return j_indent(w, w->depth);
}

/* Starts the member key of the innermost object: "key": . */
static int j_key(jw *w, const char *key)
{
    if (j_item(w) || j_cstring(w, key))
        return -1;
    return an_sink_put(&w->k, ": ", 2);
}

static int j_integer(jw *w, long long v)
{
    char buf[32];
    return an_sink_puts(&w->k, an_format_integer(v, buf));
}

/* A real as jansson writes it with precision 15: "%.15g", ".0" added
 * when that looks like an integer, the exponent without '+' and leading
 * zeros. */
static int j_real(jw *w, double x)
{
    char buf[48];
    int n = snprintf(buf, sizeof(buf), "%.15g", x);
    if (n < 0 || (size_t)n >= sizeof(buf) - 3)
        return -1;
    size_t len = (size_t)n;
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        memcpy(buf + len, ".0", 3);
        len += 2;
    }
    char *start = strchr(buf, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - buf) + 1);
            len -= (size_t)(end - start);
        }
    }
    return an_sink_put(&w->k, buf, len);
}

/* Row r of column c as a JSON value (numbers: whole ones as integers,
 * others as reals, NaN and infinities as null; strings cleaned). */
static int j_value(jw *w, const an_column *c, igraph_integer_t r)
{
    switch (c->type) {
    case AN_COL_BOOL:
        return an_sink_puts(&w->k, VECTOR(c->bools)[r] ? "true" : "false");
    case AN_COL_STRING:
        return j_clean(w, igraph_strvector_get(&c->str, r));
    case AN_COL_NUMBER:
        break;
    }
    double x = VECTOR(c->num)[r];
    if (!isfinite(x))
        return an_sink_put(&w->k, "null", 4);
    if (x == floor(x) && fabs(x) < 9007199254740992.0)
        return j_integer(w, (long long)x);
    return j_real(w, x);
}

/* The evidence lines "document<TAB>sentence" (cleaned) as a list of
 * objects; an empty line ends the list. */
static int j_evidence(jw *w, const char *text)
{
    w->s.len = 0;
    if (an_clean_text(&w->s, text, strlen(text), 0, 0) ||
        an_buf_terminate(&w->s) || j_open(w, '['))
        return -1;
    /* the lines are cut in place: nothing below cleans into w->s */
    for (char *line = w->s.data; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *tab = strchr(line, '\t');
        if (j_item(w) || j_open(w, '{'))
            return -1;
        if (tab) {
            *tab = '\0';
            if (j_key(w, "document") || j_cstring(w, line) ||
                j_key(w, "sentence") || j_cstring(w, tab + 1))
                return -1;
        } else if (j_key(w, "sentence") || j_cstring(w, line)) {
            return -1;
        }
        if (j_close(w, '}'))
            return -1;
        line = nl ? nl + 1 : NULL;
    }
    return j_close(w, ']');
}

/* True when column c of row r is a member (empty strings are left out). */
static int is_member(const an_column *c, igraph_integer_t r)
{
    return c->type != AN_COL_STRING || igraph_strvector_get(&c->str, r)[0];
}

/* The value of column c, row r: the evidence list or a plain value. */
static int j_member_value(jw *w, const an_column *c, igraph_integer_t r)
{
    if (c->type == AN_COL_STRING && !strcmp(c->name, "evidence"))
        return j_evidence(w, igraph_strvector_get(&c->str, r));
    return j_value(w, c, r);
}

/* The members of row r of t, but the columns skip1, skip2 (or NULL). */
static int j_members(jw *w, const an_table *t, igraph_integer_t r,
                     const an_column *skip1, const an_column *skip2)
{
    for (size_t i = 0; i < t->n; i++) {
        const an_column *c = &t->cols[i];
        if (c == skip1 || c == skip2 || !is_member(c, r))
            continue;
        if (j_key(w, c->name) || j_member_value(w, c, r))
            return -1;
    }
    return 0;
}

/* jansson refused member names that are not UTF-8: so does this. */
static int names_ok(const an_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        json_t *j = json_string(t->cols[i].name);
        if (!j)
            return 0;
        json_decref(j);
    }
    return 1;
}

/* One end of a link: the node id, or the value of an edge attribute of
 * that name (jansson kept the first place of a member and its last
 * value). */
static int j_end(jw *w, const char *key, const an_table *vt,
                 igraph_integer_t v, const an_column *attr,
                 igraph_integer_t e)
{
    char buf[32];
    if (j_key(w, key))
        return -1;
    if (attr && is_member(attr, e))
        return j_member_value(w, attr, e);
    return j_clean(w, an_node_id(vt, v, buf));
}

/* What the node and link rows read (shared by the threads that write
 * them); parent is the writer the rows are items of. */
typedef struct j_rows {
    const jw *parent;
    const an_net *net;
    const an_column *vid, *esrc, *etgt;
    const an_node_style *ns;
    int colour, size;
} j_rows;

/* A writer for rows [from, ...) of the parent's innermost array, on the
 * chunk's sink k: the parent's state, as many items before as there are
 * rows before from. */
static void j_child(jw *c, const j_rows *r, const an_sink *k, size_t from)
{
    memset(c, 0, sizeof(*c));
    c->k = *k;
    memcpy(c->count, r->parent->count, sizeof(c->count));
    c->depth = r->parent->depth;
    c->count[c->depth - 1] += from;
}

/* Nodes [from, to). */
static int write_nodes(void *ctx, an_sink *k, size_t from, size_t to)
{
    const j_rows *r = ctx;
    const an_table *vt = &r->net->vt;
    jw c, *w = &c;
    char buf[32];
    int rc = -1;

    j_child(w, r, k, from);
    for (igraph_integer_t v = (igraph_integer_t)from;
         v < (igraph_integer_t)to; v++) {
        if (j_item(w) || j_open(w, '{') || j_key(w, "id") ||
            j_clean(w, an_node_id(vt, v, buf)) ||
            j_members(w, vt, v, r->vid, NULL))
            goto out;
        if (r->colour) {
            unsigned char rgb[3];
            static const char hex[] = "0123456789abcdef";
            char col[8] = {'#'};
            an_node_color(r->ns, v, rgb);
            for (int i = 0; i < 3; i++) {
                col[1 + 2 * i] = hex[rgb[i] >> 4];
                col[2 + 2 * i] = hex[rgb[i] & 15];
            }
            if (j_key(w, "color") || j_string(w, col, 7))
                goto out;
        }
        if (r->size) {
            double z = an_round2(10.0 + 40.0 * an_node_size_share(r->ns, v));
            if (j_key(w, "size") ||
                (z == floor(z) ? j_integer(w, (long long)z) : j_real(w, z)))
                goto out;
        }
        if (j_close(w, '}'))
            goto out;
    }
    rc = 0;
out:
    *k = c.k;
    an_buf_free(&c.s);
    return rc;
}

/* Links [from, to). */
static int write_links(void *ctx, an_sink *k, size_t from, size_t to)
{
    const j_rows *r = ctx;
    const an_table *vt = &r->net->vt, *et = &r->net->et;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    jw c, *w = &c;
    int rc = -1;

    j_child(w, r, k, from);
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        if (j_item(w) || j_open(w, '{') ||
            j_end(w, "source", vt, ends[2 * e], r->esrc, e) ||
            j_end(w, "target", vt, ends[2 * e + 1], r->etgt, e) ||
            j_members(w, et, e, r->esrc, r->etgt) || j_close(w, '}'))
            goto out;
    }
    rc = 0;
out:
    *k = c.k;
    an_buf_free(&c.s);
    return rc;
}

/* The items of the innermost array: rows [0, n) by fn (an_sink_rows). */
static int j_rows_write(jw *w, size_t n, an_sink_rows_fn fn, j_rows *r,
                        const an_write_opts *opts)
{
    if (an_sink_rows(&w->k, n, fn, r, opts))
        return -1;
    w->count[w->depth - 1] += n;
    return 0;
}

static int write_all(jw *w, const an_net *net, const an_write_opts *opts)
{
    const an_table *gt = &net->gt, *vt = &net->vt, *et = &net->et;
    const an_column *type = an_table_find(vt, "type");
    an_node_style ns;
    j_rows r;

    an_node_style_init(&ns, net);
    memset(&r, 0, sizeof(r));
    r.parent = w;
    r.net = net;
    r.vid = an_table_find(vt, "id");
    r.esrc = an_table_find(et, "source");
    r.etgt = an_table_find(et, "target");
    r.ns = &ns;
    r.colour = ((type && type->type == AN_COL_STRING) || ns.community) &&
               !an_table_find(vt, "color");
    r.size = ns.size && !an_table_find(vt, "size");

    /* Parallel edges (the relations of one pair in the acts-on network)
     * make a multigraph, or networkx would keep only one of them. */
    if (!names_ok(gt) || !names_ok(vt) || !names_ok(et))
        return -1;
    if (j_open(w, '{') || j_key(w, "directed") ||
        an_sink_puts(&w->k, net->directed ? "true" : "false") ||
        j_key(w, "multigraph") ||
        an_sink_puts(&w->k, net->multiple ? "true" : "false") ||
        j_key(w, "graph") || j_open(w, '{') ||
        j_members(w, gt, 0, NULL, NULL) || j_close(w, '}') ||
        j_key(w, "nodes") || j_open(w, '[') ||
        j_rows_write(w, (size_t)vt->rows, write_nodes, &r, opts))
        return -1;
    if (j_close(w, ']') || j_key(w, "links") || j_open(w, '[') ||
        j_rows_write(w, (size_t)et->rows, write_links, &r, opts))
        return -1;
    if (j_close(w, ']') || j_close(w, '}'))
        return -1;
    return an_sink_putc(&w->k, '\n');
}

actnet_status an_write_net_json(const an_net *net, FILE *fp,
                                const an_write_opts *opts,
                                actnet_error *err)
{
    jw w;
    int ok = 0, nomem = 1;

    memset(&w, 0, sizeof(w));
    an_sink_init(&w.k, fp);
    if (write_all(&w, net, opts))
        goto out;
    ok = 1;
out:
    /* jansson built the whole document before writing: a failure before
     * the write was out of memory (or a refused name), one after it an
     * output error */
    if (an_sink_close(&w.k, ok))
        ok = 0;
    nomem = !w.k.failed;
    an_buf_free(&w.s);
    if (ok && (fflush(fp) || ferror(fp))) {
        ok = 0;
        nomem = 0;
    }
    return ok ? ACTNET_OK : an_write_failed(err, "JSON", nomem);
}
