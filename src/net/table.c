/*
 * table.c — attribute tables and networks as the writers read them (see
 * table.h).
 */
#include "net/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "text/format.h"

int an_attr_type(const igraph_t *g, igraph_attribute_elemtype_t kind,
                     const char *name)
{
    igraph_strvector_t names[3];
    igraph_vector_int_t types[3];
    int found = -1, k, inited = 0, idx;

    if (!igraph_has_attribute_table() ||
        !igraph_cattribute_has_attr(g, kind, name))
        return -1;
    idx = kind == IGRAPH_ATTRIBUTE_GRAPH ? 0
          : kind == IGRAPH_ATTRIBUTE_VERTEX ? 1 : 2;
    for (k = 0; k < 3; k++) {
        if (igraph_strvector_init(&names[k], 0))
            break;
        if (igraph_vector_int_init(&types[k], 0)) {
            igraph_strvector_destroy(&names[k]);
            break;
        }
        inited++;
    }
    if (inited == 3 &&
        !igraph_cattribute_list(g, &names[0], &types[0], &names[1],
                                &types[1], &names[2], &types[2]))
        for (igraph_integer_t i = 0; i < igraph_strvector_size(&names[idx]);
             i++)
            if (!strcmp(igraph_strvector_get(&names[idx], i), name))
                found = (int)VECTOR(types[idx])[i];
    for (k = 0; k < inited; k++) {
        igraph_strvector_destroy(&names[k]);
        igraph_vector_int_destroy(&types[k]);
    }
    return found;
}

/* The string value of a graph attribute, or NULL when g has no string
 * attribute of that name (names starting with '_' included). */
static const char *graph_string(const igraph_t *g, const char *name)
{
    return an_attr_type(g, IGRAPH_ATTRIBUTE_GRAPH, name) ==
                   IGRAPH_ATTRIBUTE_STRING
               ? igraph_cattribute_GAS(g, name)
               : NULL;
}

/* ---- attribute tables ------------------------------------------------------ */

static void column_scan(an_column *c)
{
    igraph_integer_t n = igraph_vector_size(&c->num);
    c->integral = c->int32 = 1;
    for (igraph_integer_t i = 0; i < n; i++) {
        double x = VECTOR(c->num)[i];
        if (!isfinite(x) || x != floor(x) || fabs(x) >= 9007199254740992.0) {
            c->integral = c->int32 = 0;
            return;
        }
        if (x > 2147483647.0 || x < -2147483648.0)
            c->int32 = 0;
    }
}

/*
 * A vertex or edge string column as a read-only view of the graph's own
 * strings: c->str points at them (an array of pointers, one per row)
 * rather than holding copies, which for a large graph would double the
 * memory of its text and cost a malloc per value.  c->borrowed says so:
 * column_free frees the array only.  0 / -1 (memory).
 */
static int column_view(an_column *c, const igraph_t *g, an_table_kind kind)
{
    igraph_integer_t rows = kind == AN_TABLE_VERTICES ? igraph_vcount(g)
                                                      : igraph_ecount(g);
    const char **p = malloc((rows ? (size_t)rows : 1) * sizeof(*p));
    if (!p)
        return -1;
    for (igraph_integer_t r = 0; r < rows; r++)
        p[r] = kind == AN_TABLE_VERTICES
                   ? igraph_cattribute_VAS(g, c->name, r)
                   : igraph_cattribute_EAS(g, c->name, r);
    igraph_strvector_destroy(&c->str);     /* the empty one of table_read */
    c->str.stor_begin = (char **)p;
    c->str.stor_end = c->str.end = c->str.stor_begin + rows;
    c->borrowed = 1;
    return 0;
}

static int column_read(an_column *c, const igraph_t *g, an_table_kind kind,
                       int type)
{
    igraph_error_t rc = IGRAPH_SUCCESS;
    switch (type) {
    case IGRAPH_ATTRIBUTE_NUMERIC:
        c->type = AN_COL_NUMBER;
        if (kind == AN_TABLE_GRAPH) {
            rc = igraph_vector_resize(&c->num, 1);
            if (!rc)
                VECTOR(c->num)[0] = igraph_cattribute_GAN(g, c->name);
        } else if (kind == AN_TABLE_VERTICES) {
            rc = igraph_cattribute_VANV(g, c->name, igraph_vss_all(),
                                        &c->num);
        } else {
            rc = igraph_cattribute_EANV(g, c->name,
                                        igraph_ess_all(IGRAPH_EDGEORDER_ID),
                                        &c->num);
        }
        column_scan(c);
        break;
    case IGRAPH_ATTRIBUTE_STRING:
        c->type = AN_COL_STRING;
        if (kind == AN_TABLE_GRAPH) {
            rc = igraph_strvector_resize(&c->str, 1);
            if (!rc)
                rc = igraph_strvector_set(&c->str, 0,
                                          igraph_cattribute_GAS(g, c->name));
        } else {
            rc = column_view(c, g, kind);
        }
        break;
    case IGRAPH_ATTRIBUTE_BOOLEAN:
        c->type = AN_COL_BOOL;
        if (kind == AN_TABLE_GRAPH) {
            rc = igraph_vector_bool_resize(&c->bools, 1);
            if (!rc)
                VECTOR(c->bools)[0] = igraph_cattribute_GAB(g, c->name);
        } else if (kind == AN_TABLE_VERTICES) {
            rc = igraph_cattribute_VABV(g, c->name, igraph_vss_all(),
                                        &c->bools);
        } else {
            rc = igraph_cattribute_EABV(g, c->name,
                                        igraph_ess_all(IGRAPH_EDGEORDER_ID),
                                        &c->bools);
        }
        break;
    default:
        return 1;   /* an attribute type the writers do not know: skip */
    }
    return rc == IGRAPH_SUCCESS ? 0 : -1;
}

static void column_free(an_column *c)
{
    free(c->name);
    igraph_vector_destroy(&c->num);
    if (c->borrowed)
        free(c->str.stor_begin);
    else
        igraph_strvector_destroy(&c->str);
    igraph_vector_bool_destroy(&c->bools);
    free(c->text);
}

/* A new empty column of type at the end of t, named name; NULL when out
 * of memory. */
static an_column *table_push(an_table *t, const char *name, an_coltype type)
{
    an_column *cols = realloc(t->cols, (t->n + 1) * sizeof(*cols));
    if (!cols)
        return NULL;
    t->cols = cols;
    an_column *c = &cols[t->n];
    memset(c, 0, sizeof(*c));
    if (!(c->name = an_strdup(name)))
        return NULL;
    if (igraph_vector_init(&c->num, 0) ||
        igraph_strvector_init(&c->str, 0) ||
        igraph_vector_bool_init(&c->bools, 0)) {
        /* cannot fail in practice (empty vectors); see an_table_read */
        free(c->name);
        return NULL;
    }
    c->type = type;
    t->n++;
    return c;
}

int an_table_add_strings(an_table *t, const char *name, const char **rows,
                         char *text)
{
    an_column *c = table_push(t, name, AN_COL_STRING);
    if (!c) {
        free(rows);
        free(text);
        return -1;
    }
    /* a view like column_view's, over strings of the caller or text */
    igraph_strvector_destroy(&c->str);
    c->str.stor_begin = (char **)rows;
    c->str.stor_end = c->str.end = c->str.stor_begin + t->rows;
    c->borrowed = 1;
    c->text = text;
    return 0;
}

int an_table_add_numbers(an_table *t, const char *name,
                         igraph_vector_t *num)
{
    an_column *c = table_push(t, name, AN_COL_NUMBER);
    if (!c)
        return -1;
    /* a plain exchange of the vectors (igraph's swap copies elements) */
    igraph_vector_t t0 = c->num;
    c->num = *num;
    *num = t0;
    column_scan(c);
    return 0;
}

void an_table_drop_last(an_table *t)
{
    if (t->n)
        column_free(&t->cols[--t->n]);
}

int an_table_add_bools(an_table *t, const char *name,
                       igraph_vector_bool_t *bools)
{
    an_column *c = table_push(t, name, AN_COL_BOOL);
    if (!c)
        return -1;
    igraph_vector_bool_t t0 = c->bools;
    c->bools = *bools;
    *bools = t0;
    return 0;
}

int an_table_read(an_table *t, const igraph_t *g, an_table_kind kind)
{
    igraph_strvector_t names[3];
    igraph_vector_int_t types[3];
    int rc = -1, inited = 0;

    memset(t, 0, sizeof(*t));
    if (!igraph_has_attribute_table()) {
        /* Without igraph's C attribute table a graph has no attributes
         * (and asking would crash): an empty table of the right size. */
        t->rows = kind == AN_TABLE_GRAPH ? 1
                  : kind == AN_TABLE_VERTICES ? igraph_vcount(g)
                                              : igraph_ecount(g);
        return 0;
    }
    for (int k = 0; k < 3; k++) {
        if (igraph_strvector_init(&names[k], 0))
            goto out;
        if (igraph_vector_int_init(&types[k], 0)) {
            igraph_strvector_destroy(&names[k]);
            goto out;
        }
        inited++;
    }
    if (igraph_cattribute_list(g, &names[0], &types[0], &names[1], &types[1],
                               &names[2], &types[2]))
        goto out;
    igraph_integer_t n = igraph_strvector_size(&names[kind]);
    t->rows = kind == AN_TABLE_GRAPH ? 1
              : kind == AN_TABLE_VERTICES ? igraph_vcount(g)
                                          : igraph_ecount(g);
    t->cols = calloc(n ? (size_t)n : 1, sizeof(*t->cols));
    if (!t->cols)
        goto out;
    for (igraph_integer_t i = 0; i < n; i++) {
        const char *name = igraph_strvector_get(&names[kind], i);
        if (name[0] == '_')
            continue;
        an_column *c = &t->cols[t->n];
        if (!(c->name = an_strdup(name)))
            goto out;
        if (igraph_vector_init(&c->num, 0) ||
            igraph_strvector_init(&c->str, 0) ||
            igraph_vector_bool_init(&c->bools, 0)) {
            /* igraph's init of an empty vector cannot fail in practice;
             * keep the column well-formed for column_free anyway. */
            free(c->name);
            c->name = NULL;
            goto out;
        }
        t->n++;
        int r = column_read(c, g, kind, VECTOR(types[kind])[i]);
        if (r < 0)
            goto out;
        if (r > 0)
            column_free(&t->cols[--t->n]);
    }
    rc = 0;
out:
    for (int k = 0; k < inited; k++) {
        igraph_strvector_destroy(&names[k]);
        igraph_vector_int_destroy(&types[k]);
    }
    if (rc)
        an_table_finish(t);
    return rc;
}

void an_table_finish(an_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        column_free(&t->cols[i]);
    free(t->cols);
    memset(t, 0, sizeof(*t));
}

void an_table_prefetch(const an_table *t, igraph_integer_t r)
{
    if (r >= t->rows)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const an_column *c = &t->cols[i];
        switch (c->type) {
        case AN_COL_NUMBER: __builtin_prefetch(&VECTOR(c->num)[r]); break;
        case AN_COL_STRING: __builtin_prefetch(&c->str.stor_begin[r]); break;
        case AN_COL_BOOL: __builtin_prefetch(&VECTOR(c->bools)[r]); break;
        }
    }
}

const an_column *an_table_find(const an_table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->cols[i].name, name))
            return &t->cols[i];
    return NULL;
}

const char *an_column_text(const an_column *c, igraph_integer_t r,
                           char buf[32])
{
    switch (c->type) {
    case AN_COL_NUMBER:
        return an_format_number(VECTOR(c->num)[r], buf);
    case AN_COL_STRING:
        return igraph_strvector_get(&c->str, r);
    case AN_COL_BOOL:
        return VECTOR(c->bools)[r] ? "true" : "false";
    }
    return "";
}

const char *an_node_id(const an_table *vt, igraph_integer_t v,
                       char buf[32])
{
    const an_column *c = an_table_find(vt, "id");
    if (c && c->type == AN_COL_STRING)
        return igraph_strvector_get(&c->str, v);
    snprintf(buf, 32, "n%lld", (long long)v);
    return buf;
}

/* ---- networks ------------------------------------------------------------ */

int an_net_init(an_net *net)
{
    memset(net, 0, sizeof(*net));
    net->gt.rows = 1;
    return igraph_vector_int_init(&net->ends, 0) ? -1 : 0;
}

void an_net_finish(an_net *net)
{
    igraph_vector_int_destroy(&net->ends);
    an_table_finish(&net->gt);
    an_table_finish(&net->vt);
    an_table_finish(&net->et);
    memset(net, 0, sizeof(*net));
}

int an_net_from_igraph(an_net *net, const igraph_t *g)
{
    igraph_bool_t multiple = 0;
    igraph_integer_t m = igraph_ecount(g);
    if (an_net_init(net))
        return -1;
    net->directed = igraph_is_directed(g);
    if (an_table_read(&net->gt, g, AN_TABLE_GRAPH) ||
        an_table_read(&net->vt, g, AN_TABLE_VERTICES) ||
        an_table_read(&net->et, g, AN_TABLE_EDGES) ||
        igraph_has_multiple(g, &multiple) ||
        igraph_get_edgelist(g, &net->ends, 0))
        goto fail;
    net->multiple = multiple;
    for (igraph_integer_t e = 0; !net->directed && e < m; e++) {
        igraph_integer_t *p = &VECTOR(net->ends)[2 * e];
        if (p[0] > p[1]) {
            igraph_integer_t t = p[0];
            p[0] = p[1];
            p[1] = t;
        }
    }
    net->size_by = graph_string(g, "_size_by");
    net->color_by = graph_string(g, "_color_by");
    return 0;
fail:
    an_net_finish(net);
    return -1;
}

