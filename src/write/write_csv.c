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

#include "text/encode.h"
#include "write/write.h"

/* Appends one field: cleaned to one line, quoted when it holds a comma
 * or a quote or starts or ends with a space (quotes doubled), and a
 * formula cell neutralised (an_csv_field). */
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
    if (n && (d[0] == ' ' || d[n - 1] == ' ' || an_cell_is_formula(d, n)))
        quote = 1;
    if (!quote)
        return an_sink_put(k, d, n);
    if (n > (SIZE_MAX - 8) / 2 || an_sink_room(k, 2 * n + 2))
        return -1;
    return an_csv_field(&k->out, d, n);
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

/* What the rows read (shared by the threads that write them). */
typedef struct csv_rows {
    const an_net *net;
    const an_column *label, *weight;
    const size_t *cols;
    size_t n_cols;
    const char *type;           /* ",Directed," or ",Undirected," */
} csv_rows;

/* Nodes [from, to). */
static int write_nodes(void *ctx, an_sink *k, size_t from, size_t to)
{
    const csv_rows *r = ctx;
    const an_table *vt = &r->net->vt;
    an_buf s = {0};
    char buf[32], num[32];
    int rc = -1;
    for (igraph_integer_t v = (igraph_integer_t)from;
         v < (igraph_integer_t)to; v++) {
        const char *id = an_node_id(vt, v, buf);
        if (field(k, &s, id) || an_sink_putc(k, ',') ||
            field(k, &s, r->label ? an_column_text(r->label, v, num) : id) ||
            row_rest(k, &s, vt, v, r->cols, r->n_cols) ||
            an_sink_putc(k, '\n'))
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&s);
    return rc;
}

/* Edges [from, to). */
static int write_edges(void *ctx, an_sink *k, size_t from, size_t to)
{
    const csv_rows *r = ctx;
    const an_table *vt = &r->net->vt, *et = &r->net->et;
    const igraph_integer_t *ends = VECTOR(r->net->ends);
    an_buf s = {0};
    char buf[32], num[32];
    int rc = -1;
    for (igraph_integer_t e = (igraph_integer_t)from;
         e < (igraph_integer_t)to; e++) {
        if (field(k, &s, an_node_id(vt, ends[2 * e], buf)) ||
            an_sink_putc(k, ',') ||
            field(k, &s, an_node_id(vt, ends[2 * e + 1], buf)) ||
            an_sink_puts(k, r->type) ||
            field(k, &s, r->weight ? an_column_text(r->weight, e, num)
                                   : "1") ||
            row_rest(k, &s, et, e, r->cols, r->n_cols) ||
            an_sink_putc(k, '\n'))
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&s);
    return rc;
}

actnet_status an_write_net_csv_nodes(const an_net *net, FILE *fp,
                                     const an_write_opts *opts,
                                     actnet_error *err)
{
    static const char *const skip[] = {"id", "label", NULL};
    const an_table *vt = &net->vt;
    an_buf s = {0};
    an_sink k;
    size_t *cols = NULL, n_cols = 0;
    int ok = 0, io;
    csv_rows r;

    an_sink_init(&k, fp);
    if (kept_columns(vt, skip, &cols, &n_cols))
        goto out;
    memset(&r, 0, sizeof(r));
    r.net = net;
    r.label = an_table_find(vt, "label");
    r.cols = cols;
    r.n_cols = n_cols;
    if (an_sink_puts(&k, "Id,Label") || header_rest(&k, &s, vt, skip) ||
        an_sink_putc(&k, '\n') ||
        an_sink_rows(&k, (size_t)vt->rows, write_nodes, &r, opts))
        goto out;
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
    an_buf_free(&s);
    free(cols);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", !io);
}

actnet_status an_write_net_csv_edges(const an_net *net, FILE *fp,
                                     const an_write_opts *opts,
                                     actnet_error *err)
{
    static const char *const skip[] = {"weight", "evidence", NULL};
    const an_table *et = &net->et;
    an_buf s = {0};
    an_sink k;
    size_t *cols = NULL, n_cols = 0;
    int ok = 0, io;
    csv_rows r;

    an_sink_init(&k, fp);
    if (kept_columns(et, skip, &cols, &n_cols))
        goto out;
    memset(&r, 0, sizeof(r));
    r.net = net;
    r.weight = an_table_find(et, "weight");
    r.cols = cols;
    r.n_cols = n_cols;
    r.type = net->directed ? ",Directed," : ",Undirected,";
    if (an_sink_puts(&k, "Source,Target,Type,Weight") ||
        header_rest(&k, &s, et, skip) || an_sink_putc(&k, '\n') ||
        an_sink_rows(&k, (size_t)et->rows, write_edges, &r, opts))
        goto out;
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
    an_buf_free(&s);
    free(cols);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", !io);
}
