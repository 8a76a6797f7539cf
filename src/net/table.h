/*
 * table.h — a network as the writers read it: its graph, vertex and edge
 * attributes as typed columns (an_table), and the ends of its edges
 * (an_net).  Made from an igraph graph (an_net_from_igraph) or straight
 * from the counts (an_graph_net, graph.c).  It sits in the net layer so
 * that the network stages hand the writers one plain record and the
 * writers never need the stages.
 */
#ifndef ACTNET_NET_TABLE_H
#define ACTNET_NET_TABLE_H

#include <igraph.h>

typedef enum an_coltype {
    AN_COL_NUMBER = 0,
    AN_COL_STRING,
    AN_COL_BOOL
} an_coltype;

/* One attribute as a column of values. */
typedef struct an_column {
    char *name;
    an_coltype type;
    int integral;           /* numbers: all whole, finite, |x| < 2^53 */
    int int32;              /* numbers: integral and within int32 */
    igraph_vector_t num;
    igraph_strvector_t str;     /* vertex and edge columns: a read-only
                                   view of the graph's own strings (valid
                                   while its attributes are unchanged) */
    igraph_vector_bool_t bools;
    int borrowed;               /* str is such a view (private) */
    char *text;                 /* made strings str points into, owned
                                   (an_table_add_strings), or NULL */
    int shared;                 /* strings: the rows point at a few
                                   strings, each shared by many rows (set
                                   by whoever made the column): writers
                                   remember a string's escaped form by its
                                   address (an_xml_cell) */
} an_column;

/* The graph, vertex or edge attributes of a graph, as columns in creation
 * order, without names starting with '_'.  Owns its columns. */
typedef struct an_table {
    an_column *cols;
    size_t n;
    igraph_integer_t rows;
} an_table;

typedef enum an_table_kind {
    AN_TABLE_GRAPH = 0,
    AN_TABLE_VERTICES,
    AN_TABLE_EDGES
} an_table_kind;

/* Adds a column to t (t->rows is the caller's): name copied; for
 * strings, rows (an array of t->rows pointers, malloc'ed) and text (the
 * malloc'ed buffer of made strings they may point into, or NULL) become
 * the column's, even on failure; for numbers and booleans the values are
 * moved out of *num / *bools (left empty).  0 / -1 (memory). */
int an_table_add_strings(an_table *t, const char *name, const char **rows,
                         char *text);
int an_table_add_numbers(an_table *t, const char *name,
                         igraph_vector_t *num);
/* Removes and frees t's last column (undoing an an_table_add_...). */
void an_table_drop_last(an_table *t);
int an_table_add_bools(an_table *t, const char *name,
                       igraph_vector_bool_t *bools);

/* Reads the attributes of g into t.  0 / -1 (memory); t is then empty.
 * Vertex and edge string columns point at g's own strings: use t only
 * while g and its attributes are unchanged. */
int an_table_read(an_table *t, const igraph_t *g, an_table_kind kind);
void an_table_finish(an_table *t);
/* Asks for row r of every column of t (when r is a row): a writer of rows
 * reads as many arrays at once as there are columns, more than the
 * processor follows by itself; asking a few rows ahead hides the misses.
 * A cache line holds 8 rows of a column: once every 8 rows will do. */
void an_table_prefetch(const an_table *t, igraph_integer_t r);
/* The column named name, or NULL. */
const an_column *an_table_find(const an_table *t, const char *name);
/* Column c's value of row r as a string, numbers formatted into buf. */
const char *an_column_text(const an_column *c, igraph_integer_t r,
                           char buf[32]);

/* The id of vertex v: its "id" attribute (a string column of the vertex
 * table vt), else "n<v>" formatted into buf. */
const char *an_node_id(const an_table *vt, igraph_integer_t v,
                       char buf[32]);

/* ---- networks as the writers read them ---------------------------------- */

/*
 * A network as the writers read it: its attribute tables, the ends of
 * its edges and the little else they ask of a graph.  Made from an igraph
 * graph (an_net_from_igraph), or straight from the counts (an_graph_net,
 * graph.c) when the network goes to its files as it was counted: that
 * spares building igraph's copy of every attribute value only to read
 * it back.  Init with an_net_init, free with an_net_finish.
 */
typedef struct an_net {
    int directed;
    int multiple;               /* some pair has parallel edges */
    igraph_vector_int_t ends;   /* edge e: ends[2e] -> ends[2e + 1];
                                   undirected: ends[2e] <= ends[2e + 1] */
    an_table gt, vt, et;        /* gt.rows = 1, vt.rows = nodes,
                                   et.rows = edges */
    const char *size_by;        /* graph attribute "_size_by", or NULL */
    const char *color_by;       /* graph attribute "_color_by", or NULL */
} an_net;

/* An empty net (no tables, no edges).  0 / -1 (memory). */
int an_net_init(an_net *net);
void an_net_finish(an_net *net);

/* The net of g: its tables read as an_table_read does (string columns
 * are views of g's strings, and size_by / color_by point into g: use net
 * while g is unchanged).  0 / -1 (memory); net is then empty. */
int an_net_from_igraph(an_net *net, const igraph_t *g);

/* The type (igraph_attribute_type_t) of the attribute name of kind
 * (graph, vertex or edge) of g, or -1 when g has none of that name or no
 * attribute table is installed. */
int an_attr_type(const igraph_t *g, igraph_attribute_elemtype_t kind,
                 const char *name);

#endif /* ACTNET_NET_TABLE_H */
