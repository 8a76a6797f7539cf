/*
 * layout.h — positions of the nodes, from igraph's force-directed
 * layout, as vertex attributes "x" and "y" of the graph: every writer
 * that draws or hands positions on (the HTML report; positions in the
 * graph files) reads them there, so one network always looks the same,
 * whichever output shows it.
 */
#ifndef ACTNET_LAYOUT_H
#define ACTNET_LAYOUT_H

#include <igraph.h>

#include "actnet.h"

/*
 * Lays g out with igraph_layout_fruchterman_reingold (edges pull by
 * log(1 + weight) when g has a numeric edge attribute "weight"; the grid
 * variant above 1000 nodes, fewer iterations on large graphs) from
 * igraph's RNG seeded with a constant, so the same graph gets the same
 * positions on every run, and sets the numeric vertex attributes "x" and
 * "y" (replacing any).  Direction and parallel edges do not matter.
 * ACTNET_OK, or ACTNET_ERR_NOMEM with err filled (g then unchanged).
 */
actnet_status an_graph_layout(igraph_t *g, actnet_error *err);

#endif /* ACTNET_LAYOUT_H */
