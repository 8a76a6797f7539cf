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
#include <string.h>

#include "write.h"

static int field(FILE *fp, an_buf *s, const char *text)
{
    size_t n;
    int quote = 0;
    s->len = 0;
    if (an_clean_text(s, text, strlen(text), AN_CLEAN_ONELINE, 0))
        return -1;
    n = s->len;
    if (n && (s->data[0] == ' ' || s->data[n - 1] == ' '))
        quote = 1;
    for (size_t i = 0; i < n && !quote; i++)
        if (s->data[i] == ',' || s->data[i] == '"')
            quote = 1;
    if (!quote) {
        fwrite(s->data, 1, n, fp);
        return 0;
    }
    fputc('"', fp);
    for (size_t i = 0; i < n; i++) {
        if (s->data[i] == '"')
            fputc('"', fp);
        fputc(s->data[i], fp);
    }
    fputc('"', fp);
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
static int header_rest(FILE *fp, an_buf *s, const an_table *t,
                       const char *const *skip)
{
    for (size_t i = 0; i < t->n; i++) {
        if (skipped(&t->cols[i], skip))
            continue;
        fputc(',', fp);
        if (field(fp, s, t->cols[i].name))
            return -1;
    }
    return 0;
}

static int row_rest(FILE *fp, an_buf *s, const an_table *t,
                    igraph_integer_t r, const char *const *skip)
{
    char num[32];
    for (size_t i = 0; i < t->n; i++) {
        if (skipped(&t->cols[i], skip))
            continue;
        fputc(',', fp);
        if (field(fp, s, an_column_text(&t->cols[i], r, num)))
            return -1;
    }
    return 0;
}

actnet_status an_write_csv_nodes(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    static const char *const skip[] = {"id", "label", NULL};
    an_table vt = {0};
    an_buf s = {0};
    int ok = 0, nomem = 1;
    const an_column *label;
    char buf[32], num[32];

    if (an_table_read(&vt, g, AN_TABLE_VERTICES))
        goto out;
    label = an_table_find(&vt, "label");
    fputs("Id,Label", fp);
    if (header_rest(fp, &s, &vt, skip))
        goto out;
    fputc('\n', fp);
    for (igraph_integer_t v = 0; v < vt.rows; v++) {
        const char *id = an_node_id(&vt, v, buf);
        if (field(fp, &s, id))
            goto out;
        fputc(',', fp);
        if (field(fp, &s, label ? an_column_text(label, v, num) : id) ||
            row_rest(fp, &s, &vt, v, skip))
            goto out;
        fputc('\n', fp);
    }
    nomem = 0;
    ok = !fflush(fp) && !ferror(fp);
out:
    an_table_finish(&vt);
    an_buf_free(&s);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", nomem);
}

actnet_status an_write_csv_edges(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    static const char *const skip[] = {"weight", "evidence", NULL};
    an_table vt = {0}, et = {0};
    an_buf s = {0};
    int ok = 0, nomem = 1, directed = igraph_is_directed(g);
    const an_column *weight;
    char buf[32], num[32];

    if (an_table_read(&vt, g, AN_TABLE_VERTICES) ||
        an_table_read(&et, g, AN_TABLE_EDGES))
        goto out;
    weight = an_table_find(&et, "weight");
    fputs("Source,Target,Type,Weight", fp);
    if (header_rest(fp, &s, &et, skip))
        goto out;
    fputc('\n', fp);
    for (igraph_integer_t e = 0; e < et.rows; e++) {
        igraph_integer_t from, to;
        if (igraph_edge(g, e, &from, &to))
            goto out;
        if (!directed && from > to) {
            igraph_integer_t t = from;
            from = to;
            to = t;
        }
        if (field(fp, &s, an_node_id(&vt, from, buf)))
            goto out;
        fputc(',', fp);
        if (field(fp, &s, an_node_id(&vt, to, buf)))
            goto out;
        fprintf(fp, ",%s,", directed ? "Directed" : "Undirected");
        if (field(fp, &s, weight ? an_column_text(weight, e, num) : "1") ||
            row_rest(fp, &s, &et, e, skip))
            goto out;
        fputc('\n', fp);
    }
    nomem = 0;
    ok = !fflush(fp) && !ferror(fp);
out:
    an_table_finish(&vt);
    an_table_finish(&et);
    an_buf_free(&s);
    return ok ? ACTNET_OK : an_write_failed(err, "CSV", nomem);
}
