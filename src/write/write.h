/*
 * write.h — the graph writers (GraphML, GEXF, DOT, CSV, JSON; one file
 * each) and what they share (write.c): output formats, text cleaning,
 * node colours by type, number formatting, attribute tables read from an
 * igraph graph, the network as the writers read it (an_net: the tables
 * and the edges, from an igraph graph or straight from the counts), and
 * rows formatted in chunks on several threads.
 *
 * Writers are generic over the graph's attributes (igraph's C attribute
 * table, or the columns of a net made in the same order): every graph,
 * vertex and edge attribute is written, in the order
 * the attributes were created, so measures added later (centralities,
 * communities) appear without changing the writers.  A few names have a
 * meaning: vertex "id" (the node id; "n<index>" when absent), "label",
 * "type" (person / organisation / country: colour and shape), "mentions"
 * (size), "first" / "last" (YYYY-MM-DD: GEXF spells); edge "weight",
 * "first" / "last", "evidence" (examples, one per line, each
 * "document id<TAB>sentence"), and for the acts-on network "label" (DOT
 * edge label, GEXF edge label), "polarity" (DOT edge colour by sign),
 * "symmetric" (boolean: DOT arrows both ways) and "kind" (the relation
 * id: the GEXF edge kind, which keeps parallel relations apart).  A graph with parallel
 * edges is a JSON multigraph.  Attribute names starting with '_' are not
 * written.
 *
 * Every writer writes to a FILE * it does not own or close, returns
 * ACTNET_OK or ACTNET_ERR_IO / ACTNET_ERR_NOMEM with err filled, and
 * produces the same bytes for the same graph, on any number of threads.  Text is cleaned on the
 * way out (invalid UTF-8 repaired, control characters removed), so real
 * text never makes a writer fail or a reader choke.
 */
#ifndef ACTNET_WRITE_H
#define ACTNET_WRITE_H

#include <stdio.h>

#include <igraph.h>

#include "actnet.h"
#include "core/util.h"
#include "net/table.h"
#include "text/format.h"

/* ---- formats (format.c: the table) -------------------------------------- */

typedef enum an_format {
    /* networks; the values are those of actnet_format */
    AN_FORMAT_GRAPHML = 0,
    AN_FORMAT_GEXF,
    AN_FORMAT_DOT,
    AN_FORMAT_JSON,
    AN_FORMAT_CSV,          /* both tables, as two files (the CLI names
                               them X.nodes.csv and X.edges.csv) */
    AN_FORMAT_CSV_NODES,    /* the nodes table alone */
    AN_FORMAT_CSV_EDGES,    /* the edges table alone */
    AN_FORMAT_PARTIAL,      /* counts (doc/partial-format.md) */
    AN_FORMAT_TABLE,        /* rank: aligned columns */
    AN_FORMAT_RANK_CSV,     /* rank: one CSV table */
    AN_FORMAT_TSV,          /* rank, entities, events */
    AN_FORMAT_RANK_JSON,    /* rank: one JSON array */
    AN_FORMAT_JSONL,        /* entities, events: JSON Lines */
    AN_FORMAT_PLOVER        /* events: PLOVER-style JSON Lines */
} an_format;

/* What a format can hold (an_format_info.writes; or'ed). */
enum {
    AN_WRITES_NETWORK = ACTNET_HOLDS_NETWORK,
    AN_WRITES_PARTIAL = ACTNET_HOLDS_PARTIAL,
    AN_WRITES_MENTIONS = ACTNET_HOLDS_MENTIONS,
    AN_WRITES_EVENTS = ACTNET_HOLDS_EVENTS,
    AN_WRITES_RANKING = ACTNET_HOLDS_RANKING
};

struct an_net;
struct an_write_opts;

/* One row of the table of output formats.  Static. */
typedef struct an_format_info {
    an_format id;
    const char *name;       /* --format NAME */
    const char *alias;      /* another accepted name, never listed, or
                               NULL */
    const char *exts;       /* the file name endings that select it,
                               space-separated ("" / NULL: none) */
    const char *title;      /* in messages: "GraphML" */
    unsigned writes;        /* AN_WRITES_* */
    int one_file;           /* 0: it writes several files (csv) */
    /* the library's writer, or NULL where the command writes it */
    actnet_status (*write)(const struct an_net *net, FILE *fp,
                           const struct an_write_opts *opts,
                           actnet_error *err);
    const char *note;       /* help text beyond the name, or NULL */
} an_format_info;

/* Row i of the table (0, 1, ... in list order), NULL past the end. */
const an_format_info *an_format_at(size_t i);
/* The row of f, or NULL. */
const an_format_info *an_format_get(an_format f);
/* The format named name (or its alias) among those that hold one of
 * kinds (AN_WRITES_*), or NULL. */
const an_format_info *an_format_find(const char *name, unsigned kinds);
/* The format whose longest file name ending path has (case-insensitive),
 * among those of kinds, or NULL. */
const an_format_info *an_format_for_path(const char *path, unsigned kinds);

/* How an_format_list lists. */
enum {
    AN_FL_EXTS = ACTNET_LIST_EXTS,         /* as in actnet.h */
    AN_FL_ONE_FILE = ACTNET_LIST_ONE_FILE,
    AN_FL_NOT_FIRST = ACTNET_LIST_NOT_FIRST,
    AN_FL_NOTES = ACTNET_LIST_NOTES,
    AN_FL_TITLES = ACTNET_LIST_TITLES
};

/* Appends the names (or endings) of the formats of kinds to b in table
 * order, separated by sep, the last by last (NULL: sep).  0 / -1 OOM. */
int an_format_list(an_buf *b, unsigned kinds, unsigned how, const char *sep,
                   const char *last);

/* Appends the endings of the formats of kinds as a sentence for --help:
 * ".graphml, .gexf, .dot or .gv, ..., and .csv for both tables (...)"
 * (the formats of several files last, with their notes).  0 / -1. */
int an_format_ext_help(an_buf *b, unsigned kinds);

/* The network formats by the table (AN_WRITES_NETWORK): parses a name
 * (graphml, gexf, dot or gv, json, csv, csv-nodes, csv-edges), 0 or -1;
 * the format of a file name by its ending (.graphml, .gexf, .dot, .gv,
 * .json, .nodes.csv, .edges.csv, .csv), 0 or -1; the name of f (static;
 * "unknown" for none). */
int an_format_parse(const char *name, an_format *f);
int an_format_from_path(const char *path, an_format *f);
const char *an_format_name(an_format f);

/* ---- writers (one file each) -------------------------------------------- */

/* Each writes g: an_net_from_igraph, then the net writer below. */
actnet_status an_write_graphml(const igraph_t *g, FILE *fp,
                               actnet_error *err);
actnet_status an_write_gexf(const igraph_t *g, FILE *fp, actnet_error *err);
actnet_status an_write_dot(const igraph_t *g, FILE *fp, actnet_error *err);
actnet_status an_write_json(const igraph_t *g, FILE *fp, actnet_error *err);
actnet_status an_write_csv_nodes(const igraph_t *g, FILE *fp,
                                 actnet_error *err);
actnet_status an_write_csv_edges(const igraph_t *g, FILE *fp,
                                 actnet_error *err);

/* Dispatches to the writer of f; AN_FORMAT_CSV is refused with
 * ACTNET_ERR_USAGE (it needs two files). */
actnet_status an_write_graph(const igraph_t *g, an_format f, FILE *fp,
                             actnet_error *err);

/* ---- shared helpers (write.c) ------------------------------------------- */

/* The colour of a node type: person, organisation, country, other. */
void an_type_color(const char *type, unsigned char rgb[3]);

/* How to write: threads format the rows of the nodes and edges in
 * chunks of chunk rows (0: the default) at once, written in order, so
 * the bytes are the same for any number of threads. */
typedef struct an_write_opts {
    unsigned threads;           /* 0 or 1: the calling thread only */
    size_t chunk;               /* rows per chunk; 0 = default */
} an_write_opts;

/* The writers of a net (opts may be NULL: one thread); as above. */
actnet_status an_write_net(const an_net *net, an_format f, FILE *fp,
                           const an_write_opts *opts, actnet_error *err);
actnet_status an_write_net_graphml(const an_net *net, FILE *fp,
                                   const an_write_opts *opts,
                                   actnet_error *err);
actnet_status an_write_net_gexf(const an_net *net, FILE *fp,
                                const an_write_opts *opts,
                                actnet_error *err);
actnet_status an_write_net_dot(const an_net *net, FILE *fp,
                               const an_write_opts *opts, actnet_error *err);
actnet_status an_write_net_json(const an_net *net, FILE *fp,
                                const an_write_opts *opts,
                                actnet_error *err);
actnet_status an_write_net_csv_nodes(const an_net *net, FILE *fp,
                                     const an_write_opts *opts,
                                     actnet_error *err);
actnet_status an_write_net_csv_edges(const an_net *net, FILE *fp,
                                     const an_write_opts *opts,
                                     actnet_error *err);

/*
 * How nodes are drawn (DOT, GEXF, GraphML colours, JSON): sized by a
 * numeric vertex attribute, "mentions" unless the graph attribute
 * "_size_by" names another one (build --size-by); coloured by type,
 * unless the graph attribute "_color_by" is "community" and the graph has
 * a numeric vertex attribute "community" (build --color-by community).
 * Those graph attributes start with '_', so they are not written.
 */
typedef struct an_node_style {
    const an_column *size;      /* the size column, or NULL */
    const char *size_name;      /* its name ("mentions" by default) */
    double size_max;            /* its largest value, 0 when none > 0 */
    const an_column *community; /* colour by this column, or NULL: type */
    const an_column *type;      /* the type column (string), or NULL */
} an_node_style;

/* Fills st for net, which must outlive it. */
void an_node_style_init(an_node_style *st, const an_net *net);
/* Node v's size share in [0, 1]: sqrt(value / largest), 0 for values
 * <= 0 or without a size column. */
double an_node_size_share(const an_node_style *st, igraph_integer_t v);
/* Node v's colour: its community's, or its type's. */
void an_node_color(const an_node_style *st, igraph_integer_t v,
                   unsigned char rgb[3]);
/* The colour of community k (0 = the largest): 18 distinct colours
 * (Tableau 20 without its greys), grey from the 19th on. */
void an_community_color(double k, unsigned char rgb[3]);

/*
 * The XML writer of the GraphML and GEXF writers: it writes the bytes
 * libxml2's text writer wrote for them (indentation by two spaces, an
 * empty element as <x/>, an element with text on one line, attribute
 * values escaping & < > " tab CR LF, text escaping & < > " CR; UTF-8 as
 * it is), but escapes in one pass into a large buffer written to fp in
 * blocks of a megabyte, without a call per character or per tag.
 * Element names must be string literals (or outlive the element); at
 * most AN_XML_DEPTH elements are open at once.
 */
#define AN_XML_DEPTH 16

typedef struct an_xml {
    FILE *fp;                   /* not owned, not closed */
    an_buf out;                 /* bytes not yet written to fp */
    an_buf scratch;             /* cleaning of values */
    const char *names[AN_XML_DEPTH];
    unsigned char text[AN_XML_DEPTH];  /* start tag closed (has content) */
    int depth;
    int doindent;               /* indent before the next end tag */
    int nomem;                  /* a failure was out of memory */
    struct an_xml_memo *memo;   /* escaped strings of shared columns
                                   (an_xml_cell), made when first needed */
    an_buf memo_text;           /* their bytes */
} an_xml;

/* Starts a document on fp with the XML declaration.  0 / -1 (memory). */
int an_xml_open(an_xml *w, FILE *fp);
/* Ends the elements still open (when ok), writes what is buffered and
 * frees the buffers (also after a failure).  0 / -1. */
int an_xml_close(an_xml *w, int ok);
/* Opens element name.  0 / -1. */
int an_xml_start(an_xml *w, const char *name);
/* Closes the innermost element.  0 / -1. */
int an_xml_end(an_xml *w);
/* An attribute of the element just opened, value cleaned (write.h
 * cleaning, no flags) and escaped.  0 / -1. */
int an_xml_attr(an_xml *w, const char *name, const char *value);
/* The same without cleaning, for values known to be clean (constants,
 * numbers).  0 / -1. */
int an_xml_attr_raw(an_xml *w, const char *name, const char *value);
/* Text content of the innermost element, cleaned and escaped.  0 / -1. */
int an_xml_text(an_xml *w, const char *text);
/* <name>text</name>, text cleaned.  0 / -1. */
int an_xml_element(an_xml *w, const char *name, const char *text);
/* The same for an element written many times with the same start tag:
 * open is the whole start tag ("<data key=\"v_label\">", attribute
 * values escaped), close the end tag ("</data>"), written as they are;
 * the bytes of an_xml_start, an_xml_attr..., an_xml_text, an_xml_end. */
int an_xml_element_tags(an_xml *w, const char *open, size_t open_len,
                        const char *close, size_t close_len,
                        const char *text);
/* an_xml_element_tags with the text of row r of column c (an_column_text):
 * numbers and booleans, plain ASCII, are written without cleaning; the
 * strings of a shared column are cleaned and escaped once each.
 * 0 / -1. */
int an_xml_cell(an_xml *w, const char *open, size_t open_len,
                const char *close, size_t close_len, const an_column *c,
                igraph_integer_t r);
/* Appends value cleaned and escaped as an_xml_attr writes it between the
 * quotes, to b (for a value written many times).  0 / -1. */
int an_xml_escape_attr(an_buf *b, const char *value);
/* An attribute of the element just opened whose value (len bytes) is
 * already cleaned and escaped (an_xml_escape_attr): an_xml_attr's bytes.
 * 0 / -1. */
int an_xml_attr_escaped(an_xml *w, const char *name, const char *value,
                        size_t len);
/*
 * For writers that write a row's elements in one piece (rows of
 * an_xml_rows, whose parent's start tag is closed): the escaped text of
 * the strings first, then room for all the bytes, then the bytes.
 */
/* String s of shared column c, cleaned and escaped as text: its bytes
 * are w->memo_text.data[*off, *off + *n) (the memo may move when it
 * learns another string).  0 / -1. */
int an_xml_memo(an_xml *w, const an_column *c, const char *s, size_t *off,
                size_t *n);
/* Appends s cleaned and escaped as text (an_xml_text's bytes) to b.
 * 0 / -1. */
int an_xml_escape_text(an_buf *b, const char *s);
/* Room for n more bytes: where to write them, or NULL (memory). */
char *an_xml_reserve(an_xml *w, size_t n);
/* The bytes up to end were written (after an_xml_reserve), ending with
 * an end tag. */
void an_xml_wrote(an_xml *w, const char *end);
/* An empty element written many times with the same beginning: head is
 * "<name a=\"x\" b=\"" (escaped), value the last attribute's value,
 * cleaned and escaped here, then "\"/>"; the bytes of an_xml_start,
 * an_xml_attr... and an_xml_end.  0 / -1. */
int an_xml_empty_tags(an_xml *w, const char *head, size_t head_len,
                      const char *value);
/* Appends the start tag of name with one attribute (value cleaned and
 * escaped), as an_xml_element_tags wants it, to b; with last set, the
 * head an_xml_empty_tags wants instead: the tag without its ">" and with
 * ' last="' after it.  0 / -1. */
int an_xml_start_tag(an_buf *b, const char *name, const char *attr,
                     const char *value, const char *last);

/* Buffered output for the writers: bytes gather in a large buffer that
 * goes to fp in blocks of a megabyte (few large writes, no stdio call
 * per character).  Init with an_sink_init; an_sink_close writes the rest
 * and frees the buffer. */
typedef struct an_sink {
    FILE *fp;                   /* not owned, not closed */
    an_buf out;
    int nomem;                  /* a failure was out of memory */
    int failed;                 /* a write failed */
} an_sink;

void an_sink_init(an_sink *k, FILE *fp);
/* Appends n bytes; 0 / -1. */
int an_sink_put(an_sink *k, const char *s, size_t n);
int an_sink_puts(an_sink *k, const char *s);
int an_sink_putc(an_sink *k, char c);
/* Room for n more bytes at an_sink_end(k) (then advance out.len).
 * 0 / -1 (memory). */
int an_sink_room(an_sink *k, size_t n);
#define an_sink_end(k) ((k)->out.data + (k)->out.len)
/* Writes what is buffered when there is a block of it; 0 / -1. */
int an_sink_drain(an_sink *k);
/* Writes the rest (when ok) and frees the buffer.  0 / -1. */
int an_sink_close(an_sink *k, int ok);

/* ---- rows in chunks, on threads ----------------------------------------- */

/* Appends the bytes of rows [from, to) to out.  0 / -1 (memory).  Runs
 * on several threads at once: it may only read what it shares. */
typedef int (*an_rows_fn)(void *ctx, an_buf *out, size_t from, size_t to);

/*
 * Writes rows [0, n) (nodes or edges) to fp, formatted by fn in chunks
 * of opts->chunk rows, each into a buffer of its own and written in row
 * order.  With opts->threads > 1, up to that many chunks are formatted at
 * once (on the calling thread and threads - 1 others) while the calling
 * thread writes the ready ones: the bytes are those of one thread.  0,
 * or -1 with *nomem set when memory ran out (else a write failed).
 */
int an_write_rows(FILE *fp, size_t n, an_rows_fn fn, void *ctx,
                  const an_write_opts *opts, int *nomem);

/* Writes rows [from, to) with w: an XML writer in the state of the one
 * given to an_xml_rows (its innermost element's start tag closed), to be
 * left in that state.  0 / -1. */
typedef int (*an_xml_rows_fn)(void *ctx, an_xml *w, size_t from,
                              size_t to);

/* Rows [0, n) as children of w's innermost element, by fn, through
 * an_write_rows (what w holds is written first).  0 / -1. */
int an_xml_rows(an_xml *w, size_t n, an_xml_rows_fn fn, void *ctx,
                const an_write_opts *opts);

/* Appends rows [from, to) to k (a sink of its own).  0 / -1. */
typedef int (*an_sink_rows_fn)(void *ctx, an_sink *k, size_t from,
                               size_t to);

/* Rows [0, n) written after what k holds, by fn, through an_write_rows.
 * 0 / -1 (k->nomem or k->failed set). */
int an_sink_rows(an_sink *k, size_t n, an_sink_rows_fn fn, void *ctx,
                 const an_write_opts *opts);

/* Sets err for a failed write to the named format. */
actnet_status an_write_failed(actnet_error *err, const char *format,
                              int nomem);

#endif /* ACTNET_WRITE_H */
