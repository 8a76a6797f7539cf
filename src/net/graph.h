/*
 * graph.h — the graph stage: one igraph graph (C attribute table) built
 * from an aggregate, and the filters that make it readable.
 *
 * The graph (undirected for co-occurrence) has its nodes sorted by id and
 * its edges by (source, target) position, so its content never depends on
 * the order in which documents were counted.  Co-occurrence attributes:
 *   graph:  network ("cooccurrence"), window ("sentence", ...),
 *           documents (documents counted)
 *   nodes:  id, label, type, country ("" when none), kind (only when some
 *           entity has one), mentions, documents, first, last (YYYY-MM-DD,
 *           "" when the node is in no dated document; only when some
 *           document is dated)
 *   edges:  network ("cooccurrence"), weight, documents, first, last (as for
 *           nodes), evidence (with --evidence: one example per line,
 *           "document id<TAB>sentence")
 *
 * The acts-on network (options.network AN_NETWORK_ACTS_ON) is directed:
 * its nodes are those that take part in at least one acts-on edge (with
 * the node attributes above), its edges (actor -> target) sorted by
 * (actor, target, relation id); parallel edges are the relations of one
 * pair.  Attributes:
 *   graph:  network ("acts-on"), documents, events (events counted),
 *           negated ("exclude" / "include"), hedged ("include" /
 *           "exclude"), collapsed (boolean)
 *   edges:  network ("acts-on"), relation (id), kind (the relation id
 *           again: the edge kind by which Gephi and graphology keep
 *           parallel relations apart), label (the relation's
 *           label), polarity (-1, 0, 1), class ("" when none), symmetric
 *           (boolean: a symmetric relation, one edge per pair, from the
 *           end that was the actor of most of its events; ties: from the
 *           smaller id), cameo, plover_event, plover_mode,
 *           plover_context (the relation's event codes, "" when none;
 *           only when some relation has codes), weight (events),
 *           documents, first, last,
 *           negated, hedged (events of the weight that were negated /
 *           hedged), evidence
 *   collapsed (one edge per pair): relations ("id:weight,...", heaviest
 *           first, ties by id) instead of relation; label the relations'
 *           labels joined by ", " in that order; polarity the weighted
 *           mean of their polarities (sum of polarity x weight / weight,
 *           from -1 to 1); no class, no symmetric.  The events of a
 *           symmetric relation count toward the pair from the smaller id.
 *
 * igraph must be set up first, once per program, with
 * an_graph_setup_igraph().
 */
#ifndef ACTNET_GRAPH_H
#define ACTNET_GRAPH_H

#include <igraph.h>

#include "actnet.h"
#include "net/aggregate.h"
#include "net/table.h"

/*
 * Installs igraph's C attribute table and makes igraph's errors and
 * warnings silent (errors are returned as codes, never abort the program
 * or print).  Call once at start-up, before any thread uses igraph.
 */
void an_graph_setup_igraph(void);

/*
 * Builds *g from the aggregate.  On success the caller owns *g and frees
 * it with igraph_destroy; on failure *g is left uninitialised.  Returns
 * ACTNET_OK, ACTNET_ERR_NOMEM, or ACTNET_ERR_USAGE when igraph was not set
 * up (an_graph_setup_igraph), with err filled.
 */
actnet_status an_graph_build(const an_agg *agg, igraph_t *g,
                             actnet_error *err);

/*
 * Builds the network of the aggregate as the writers read it (write.h),
 * without igraph: the same nodes, edges and attributes as an_graph_build
 * gives (an_net_from_igraph of that graph is the same net), for writing a
 * network that is not filtered or analysed.  Its strings point into agg:
 * use net while agg lives and is not counted into.  On success the caller
 * frees net with an_net_finish.  ACTNET_OK or ACTNET_ERR_NOMEM (err set).
 */
actnet_status an_graph_net(const an_agg *agg, an_net *net,
                           actnet_error *err);

/*
 * Lays the network out (net/layout.h: the same positions an igraph graph
 * of it gets from an_graph_layout, edges pulling by their "weight") and
 * adds the numeric node attributes "x" and "y" (those positions x 100,
 * for nodes sized 10 to 50; rounded to two decimals),
 * which the writers give as positions (GEXF viz:position, GraphML and
 * JSON x / y).  Does nothing when net already has an "x" or "y".
 * ACTNET_OK or ACTNET_ERR_NOMEM (err set; net then unchanged).
 */
actnet_status an_net_layout(an_net *net, actnet_error *err);

/*
 * Filters, applied in this order (each one to what the previous left):
 *   1. types         keep nodes of these types
 *   2. min_mentions  keep nodes with at least this many mentions
 *   3. min_weight    keep edges with at least this weight
 *   4. ego, radius   keep nodes at most radius steps from the ego node
 *   5. top           keep the N nodes with the most mentions (ties: the
 *                    smaller id first)
 *   6. giant         keep the largest connected component (ties: the one
 *                    with the smallest node id); weakly connected in the
 *                    directed acts-on network
 * Dropping a node drops its edges; nodes left without edges stay (use
 * giant to drop them).
 */
typedef struct an_graph_filter {
    unsigned types;             /* bits 1 << actnet_entity_type; 0 = all */
    double min_mentions;        /* 0 = no limit */
    double min_weight;          /* 0 = no limit */
    const char *ego;            /* node id (or label), NULL = none */
    int radius;                 /* steps from ego (>= 0; default 1) */
    igraph_integer_t top;       /* 0 = all */
    int giant;
} an_graph_filter;

/* No filtering, radius 1. */
void an_graph_filter_init(an_graph_filter *f);

/* Parses a comma-separated list of types (person, organisation or
 * organization, country, place) into a mask.  0, or -1 at an unknown name. */
int an_graph_parse_types(const char *list, unsigned *mask);

/*
 * Applies the filters to g in place.  Returns ACTNET_OK,
 * ACTNET_ERR_DATA when the ego node is not in the graph (err says so and
 * how to name it), or ACTNET_ERR_NOMEM.
 */
actnet_status an_graph_filter_apply(igraph_t *g, const an_graph_filter *f,
                                    actnet_error *err);

#endif /* ACTNET_GRAPH_H */
