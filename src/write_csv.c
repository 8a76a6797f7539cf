/*
 * write_csv.c — node and edge tables in Gephi's spreadsheet-import
 * convention: nodes "Id,Label,<attributes...>", edges
 * "Source,Target,Type,Weight,<attributes...>" (Type is Undirected or
 * Directed).  Fields are quoted as RFC 4180 says (a field holding a comma,
 * a double quote, a line break or leading / trailing space is quoted, with
 * quotes doubled); lines end in LF; text is cleaned to one line.  The
 * edge table leaves out the evidence attribute (multi-line text); GraphML,
 * GEXF and JSON carry it.
 */
#include <stdlib.h>
#include <string.h>

#include "write.h"

/* Appends one field: cleaned to one line, quoted when it holds a comma
 * or a quote or starts or ends with a space (quotes doubled). */
static int field(an_sink *k, an_buf *s, const char *text)
{
    size_t n = strlen(text);
    const char *d = text;
    int quote = 0, plain = 1;
    /* printable ASCII needs no cleaning: look at the text as it is */
    for (size_t i = 0; i < n && plain; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c >= 0x7f)
            plain = 0;
        else if (c == ',' || c == '"')
            quote = 1;
    }
    if (!plain) {
        s->len = 0;
        if (an_clean_text(s, text, n, AN_CLEAN_ONELINE, 0))
            return -1;
        d = s->data;
        n = s->len;
        quote = memchr(d, ',', n) || memchr(d, '"', n);
    }
    if (n && (d[0] == ' ' || d[n - 1] == ' '))
        quote = 1;
    if (!quote)
        return an_sink_put(k, d, n);
    if (an_sink_room(k, 2 * n + 2))
        return -1;
    char *o = an_sink_end(k);
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '"')
            *o++ = '"';
        *o++ = d[i];
    }
    *o++ = '"';
    k->out.len = (size_t)(o - k->out.data);
    return 0;
}

static int skipped(const an_column *c, const char *const *names)
{
    for (; *names; names++)
        if (!strcmp(c->name, *names))
            return 1;
    return 0;
}

/* The header of the remaining columns, each preceded by a comma. */
static int header_rest(an_sink *k, an_buf *s, const an_table *t,
                       const char *const *skip)
{
    for (size_t i = 0; i < t->n; i++) {
        if (skipped(&t->cols[i], skip))
            continue;
        if (an_sink_putc(k, ',') || field(k, s, t->cols[i].name))
            return -1;
    }
    return 0;
}

/* The columns of t but skip: their indices into cols, n_cols of them.
 * 0 / -1 (memory). */
static int kept_columns(const an_table *t, const char *const *skip,
                        size_t **cols, size_t *n_cols)
{
    *n_cols = 0;
    if (!(*cols = malloc((t->n ? t->n : 1) * sizeof(**cols))))
        return -1;
    for (size_t i = 0; i < t->n; i++)
        if (!skipped(&t->cols[i], skip))
            (*cols)[(*n_cols)++] = i;
    return 0;
}

static int row_rest(an_sink *k, an_buf *s, const an_table *t,
                    igraph_integer_t r, const size_t *cols, size_t n_cols)
{
    char num[32];
    for (size_t i = 0; i < n_cols; i++)
        if (an_sink_putc(k, ',') ||
            field(k, s, an_column_text(&t->cols[cols[i]], r, num)))
            return -1;
    return 0;
}

actnet_status an_write_csv_nodes(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    static const char *const skip[] = {"id", "label", NULL};
    an_table vt = {0};
    an_buf s = {0};
    an_sink k;
    size_t *cols = NULL, n_cols = 0;
    int ok = 0, io;
    const an_column *label;
    char buf[32], num[32];

    an_sink_init(&k, fp);
    if (an_table_read(&vt, g, AN_TABLE_VERTICES) ||
        kept_columns(&vt, skip, &cols, &n_cols))
        goto out;
    label = an_table_find(&vt, "label");
    if (an_sink_puts(&k, "Id,Label") || header_rest(&k, &s, &vt, skip) ||
        an_sink_putc(&k, '\n'))
        goto out;
    for (igraph_integer_t v = 0; v < vt.rows; v++) {
        const char *id = an_node_id(&vt, v, buf);
        if (field(&k, &s, id) || an_sink_putc(&k, ',') ||
            field(&k, &s, label ? an_column_text(label, v, num) : id) ||
            row_rest(&k, &s, &vt, v, cols, n_cols) ||
            an_sink_putc(&k, '\n') || an_sink_drain(&k))
            goto out;
    }
    ok = 1;
out:
    /* a failure that is not the output's was out of memory */
    if (an_sink_close(&k, ok))
        ok = 0;
    io = k.failed;
    if (ok && (fflush(fp) || ferror(fp))) {
        ok = 0;
        io = 1;
    }
    an_table_finish(&vt);
    an_buf_free(&s);
    free(cols);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", !io);
}

actnet_status an_write_csv_edges(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    static const char *const skip[] = {"weight", "evidence", NULL};
    an_table vt = {0}, et = {0};
    an_buf s = {0};
    an_sink k;
    size_t *cols = NULL, n_cols = 0;
    int ok = 0, io, directed = igraph_is_directed(g);
    const an_column *weight;
    const char *type = directed ? ",Directed," : ",Undirected,";
    char buf[32], num[32];

    an_sink_init(&k, fp);
    if (an_table_read(&vt, g, AN_TABLE_VERTICES) ||
        an_table_read(&et, g, AN_TABLE_EDGES) ||
        kept_columns(&et, skip, &cols, &n_cols))
        goto out;
    weight = an_table_find(&et, "weight");
    if (an_sink_puts(&k, "Source,Target,Type,Weight") ||
        header_rest(&k, &s, &et, skip) || an_sink_putc(&k, '\n'))
        goto out;
    for (igraph_integer_t e = 0; e < et.rows; e++) {
        igraph_integer_t from, to;
        if (igraph_edge(g, e, &from, &to))
            goto out;
        if (!directed && from > to) {
            igraph_integer_t t = from;
            from = to;
            to = t;
        }
        if (field(&k, &s, an_node_id(&vt, from, buf)) ||
            an_sink_putc(&k, ',') ||
            field(&k, &s, an_node_id(&vt, to, buf)) ||
            an_sink_puts(&k, type) ||
            field(&k, &s, weight ? an_column_text(weight, e, num) : "1") ||
            row_rest(&k, &s, &et, e, cols, n_cols) ||
            an_sink_putc(&k, '\n') || an_sink_drain(&k))
            goto out;
    }
    ok = 1;
out:
    /* a failure that is not the output's was out of memory */
    if (an_sink_close(&k, ok))
        ok = 0;
    io = k.failed;
    if (ok && (fflush(fp) || ferror(fp))) {
        ok = 0;
        io = 1;
    }
    an_table_finish(&vt);
    an_table_finish(&et);
    an_buf_free(&s);
    free(cols);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", !io);
}
