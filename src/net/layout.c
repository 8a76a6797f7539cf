/*
 * layout.c — node positions from igraph's Fruchterman-Reingold layout
 * (see layout.h).  The layout is computed once on the whole graph, so a
 * reader that shows only part of it (the report's top N nodes) keeps
 * every node where it is as more are shown.
 */
#include <math.h>

#include "net/layout.h"
#include "core/util.h"

/* Iterations: igraph's default (500) up to 2000 nodes; a grid step costs
 * about the node count, so fewer on larger graphs keeps a 20,000-node
 * layout within seconds (it is a picture, not a measure). */
static igraph_integer_t iterations(igraph_integer_t n)
{
    if (n <= 2000)
        return 500;
    igraph_integer_t it = (igraph_integer_t)(500.0 * 2000.0 / (double)n);
    return it < 50 ? 50 : it;
}

actnet_status an_graph_layout(igraph_t *g, actnet_error *err)
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    igraph_matrix_t xy;
    igraph_vector_t w, col;
    int have_w = 0, have_col = 0, have_xy = 0;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (igraph_matrix_init(&xy, n, 2))
        goto out;
    have_xy = 1;
    if (igraph_vector_init(&col, n))
        goto out;
    have_col = 1;
    if (igraph_vector_init(&w, 0))
        goto out;
    have_w = 1;
    if (n > 0) {
        int use_w = 0;
        if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_EDGE, "weight")) {
            /* fails on a weight that is not numeric: then no weights */
            igraph_error_t e = igraph_cattribute_EANV(
                g, "weight", igraph_ess_all(IGRAPH_EDGEORDER_ID), &w);
            if (e == IGRAPH_ENOMEM)
                goto out;
            use_w = e == IGRAPH_SUCCESS && igraph_vector_size(&w) == m;
        }
        /* log(1 + weight): a tie seen a thousand times pulls harder than
         * one seen once, but not a thousand times harder (that would
         * crush the hubs' neighbourhoods into a point) */
        for (igraph_integer_t e = 0; use_w && e < m; e++) {
            double v = VECTOR(w)[e];
            VECTOR(w)[e] = v > 0 && isfinite(v) ? log1p(v) : 1e-3;
        }
        /* the same start for the same graph: igraph draws the initial
         * positions from its default RNG */
        igraph_rng_seed(igraph_rng_default(), 20201002);
        if (igraph_layout_fruchterman_reingold(
                g, &xy, 0, iterations(n), sqrt((double)n),
                IGRAPH_LAYOUT_AUTOGRID, use_w ? &w : NULL, NULL, NULL,
                NULL, NULL))
            goto out;
    }
    for (int k = 0; k < 2; k++) {
        for (igraph_integer_t v = 0; v < n; v++)
            VECTOR(col)[v] = MATRIX(xy, v, k);
        if (igraph_cattribute_VAN_setv(g, k ? "y" : "x", &col))
            goto out;
    }
    st = ACTNET_OK;
out:
    if (st != ACTNET_OK)
        an_error_set(err, "", 0, 0, "out of memory while laying the "
                     "network out");
    if (have_w)
        igraph_vector_destroy(&w);
    if (have_col)
        igraph_vector_destroy(&col);
    if (have_xy)
        igraph_matrix_destroy(&xy);
    return st;
}
