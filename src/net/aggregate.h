/*
 * aggregate.h — the aggregate stage: a corpus-level accumulator of node
 * and edge counts, fed one document at a time, whose memory is
 * proportional to the graph (nodes + edges + capped evidence), never to
 * the corpus.
 *
 * Entities are keyed by their string id, not by extractor indices, so
 * accumulators filled by different threads (or by different processes,
 * for `actnet extract` / `actnet merge`) merge into one.  Every result is
 * independent of the order in which documents were fed and accumulators
 * merged: counts are sums, dates are min / max, conflicting labels keep
 * the byte-wise smallest, and evidence keeps the K smallest keys (below).
 *
 * Co-occurrence windows (an_window):
 *   sentence, paragraph, document — two entities co-occur when both have
 *     a mention in the same sentence (paragraph, document).  An edge's
 *     weight is the number of windows in which both occur: each unordered
 *     pair counts once per window, however often either is mentioned.
 *   N tokens — two mentions co-occur when their token starts are at most
 *     N tokens apart in the same document (sentence and paragraph
 *     boundaries do not matter).  Every such pair of mentions, one of each
 *     entity, is one window: the weight is the number of those pairs.
 *   Mentions of one entity never pair with each other (no self-loops).
 *   An edge's `documents` is the number of documents with at least one
 *   window of the pair; first / last are the earliest and latest dates of
 *   those documents.  A node's `mentions` counts its mentions, `documents`
 *   the documents that mention it.
 *
 * Evidence: for each window of a pair the example is the sentence holding
 * the pair (sentence window), or, for wider windows, the sentences of the
 * first mention of each entity in the window (one sentence when they
 * coincide, else both joined by " " when adjacent or " … " when not);
 * with N-token windows the sentences of the two mentions.  Each example
 * has the key (document id, first sentence, second sentence, text); an
 * edge keeps the K examples with the smallest keys: document ids in
 * natural order (runs of digits compare by value, so "feed.jsonl:9"
 * comes before "feed.jsonl:10"; otherwise byte by byte), then sentence
 * numbers.  That is "the first K in reading order" for a corpus read in
 * sorted order, and it does not depend on threads or shards.  Texts are cleaned (invalid UTF-8 repaired, control characters
 * removed, white space collapsed) and capped in bytes.
 *
 * Dates: a document date counts when it starts with YYYY-MM-DD (a valid
 * calendar date, anything may follow, e.g. a time); others count as
 * undated and are tallied in an_agg_stats.bad_dates.
 *
 * Networks (an_agg_options.network).  Nodes are counted the same way for
 * both (mentions, documents, dates from mentions), so the node table is
 * the same; what differs is the edges:
 *   cooccurrence — the undirected edges above (an_agg_edge);
 *   acts-on — directed edges from the acts-on events of the relate stage
 *     (an_agg_act), no co-occurrence edges.  One edge per (actor, target,
 *     relation), keyed by the node ids and the relation id: weight = the
 *     events counted, negated / hedged = how many of them were negated /
 *     hedged, documents and first / last as for co-occurrence (documents
 *     with at least one of its events), evidence = the event's sentence
 *     (key: document id, sentence, sentence, text; the same K-smallest
 *     rule).  Negated events are left out unless include_negated is set;
 *     hedged events count unless exclude_hedged is set; events left out
 *     are tallied in an_agg_stats.left_out.  A symmetric relation ("meet")
 *     gives one edge per pair whichever way it was written: its actor is
 *     the end with the byte-wise smaller id, so "A meets B" and "B meets A"
 *     add to the same edge A -> B, and `reversed` counts its events written
 *     the other way (B meets A), so the graph can draw it the way it was
 *     mostly written.  An event whose actor and target are
 *     one node is dropped.  With collapse set, the relations of an
 *     (actor, target) pair share one edge (relation AN_AGG_COLLAPSED)
 *     whose parts give the weight per relation; documents then counts the
 *     documents with any event of the pair.
 * Relations are interned by id like nodes (label, class: the byte-wise
 * smallest wins; polarity: the smallest; symmetric: set if set anywhere).
 */
#ifndef ACTNET_AGGREGATE_H
#define ACTNET_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "actnet.h"

/* ---- windows ---------------------------------------------------------- */

typedef enum an_window_kind {
    AN_WINDOW_SENTENCE = 0,
    AN_WINDOW_PARAGRAPH,
    AN_WINDOW_DOCUMENT,
    AN_WINDOW_TOKENS
} an_window_kind;

typedef struct an_window {
    an_window_kind kind;
    uint32_t tokens;        /* N for AN_WINDOW_TOKENS (1 .. 100000) */
} an_window;

/* Parses "sentence", "paragraph", "document" or a number of tokens N
 * (1 to 100000).  Returns 0, or -1 when s is none of these. */
int an_window_parse(const char *s, an_window *w);

/* Writes the window's name ("sentence", ..., or "12 tokens") into buf
 * (size bytes, 24 are always enough) and returns buf. */
const char *an_window_name(const an_window *w, char *buf, size_t size);

/* ---- networks ---------------------------------------------------------- */

typedef enum an_network {
    AN_NETWORK_COOCCURRENCE = 0,
    AN_NETWORK_ACTS_ON
} an_network;

/* Parses "cooccurrence" (or "co-occurrence") or "acts-on".  0 / -1. */
int an_network_parse(const char *s, an_network *n);

/* "cooccurrence" or "acts-on"; static string. */
const char *an_network_name(an_network n);

/* ---- dates ------------------------------------------------------------- */

/* Parses a date that starts with YYYY-MM-DD into YYYYMMDD.  Returns 0, or
 * -1 when s is NULL, empty or not such a date. */
int an_date_parse(const char *s, uint32_t *out);

/* Formats YYYYMMDD as "YYYY-MM-DD" into buf (11 bytes); "" for 0. */
void an_date_format(uint32_t date, char buf[11]);

/* ---- the accumulator --------------------------------------------------- */

#define AN_EVIDENCE_DEFAULT 3       /* K for --evidence without a value */
#define AN_EVIDENCE_MAX 1000        /* largest K accepted */
#define AN_EVIDENCE_BYTES 600       /* default cap of one example's text */

typedef struct an_agg_options {
    an_window window;           /* cooccurrence only */
    uint32_t evidence;          /* K examples kept per edge; 0 = none */
    size_t evidence_bytes;      /* cap of one example in bytes (>= 16) */
    an_network network;
    int include_negated;        /* acts-on: count negated events too */
    int exclude_hedged;         /* acts-on: leave hedged events out */
    int collapse;               /* acts-on: one edge per (actor, target) */
    int places;                 /* places are nodes (by default their
                                   mentions make no node and no edge:
                                   a city is where, not who) */
    int include_media;          /* acts-on: count statements to the
                                   media (actnet_event.media) too */
} an_agg_options;

/* Co-occurrence in sentence windows, no evidence, AN_EVIDENCE_BYTES
 * (acts-on: negated events out, hedged in, not collapsed). */
void an_agg_options_init(an_agg_options *opts);

/* One example of an edge; strings owned by the accumulator. */
typedef struct an_agg_evidence {
    char *doc;                  /* document id (cleaned, one line) */
    uint32_t s1, s2;            /* 0-based sentence numbers, s1 <= s2 */
    char *text;                 /* the sentence(s), cleaned and capped */
} an_agg_evidence;

/* A node; strings owned by the accumulator (country, kind may be NULL). */
typedef struct an_agg_node {
    char *id;
    char *label;
    char *country;
    char *kind;
    actnet_entity_type type;
    uint64_t mentions;
    uint64_t documents;
    uint32_t first, last;       /* YYYYMMDD of the earliest / latest dated
                                   document; 0 when none */
    uint64_t stamp;             /* private: the last document counted */
} an_agg_node;

/* An edge between nodes a < b (indices into the node array). */
typedef struct an_agg_edge {
    uint32_t a, b;
    uint64_t weight;
    uint64_t documents;
    uint32_t first, last;
    uint64_t stamp;             /* private */
    an_agg_evidence *ev;        /* n_ev examples sorted by key */
    uint32_t n_ev;
} an_agg_edge;

/* A relation of the acts-on network; strings owned by the accumulator
 * (cls may be NULL). */
typedef struct an_agg_relation {
    char *id;
    char *label;
    char *cls;
    int polarity;               /* -1, 0, +1 */
    int symmetric;
    /* event codes (actnet_relation), NULL when unknown */
    char *cameo, *plover_event, *plover_mode, *plover_context;
} an_agg_relation;

/* The relation index of a collapsed acts-on edge. */
#define AN_AGG_COLLAPSED UINT32_MAX

/* One relation's share of a collapsed acts-on edge. */
typedef struct an_agg_part {
    uint32_t relation;          /* index into the relation array */
    uint64_t weight;            /* events of this relation */
} an_agg_part;

/* A directed acts-on edge from node actor to node target. */
typedef struct an_agg_act {
    uint32_t actor, target;     /* indices into the node array */
    uint32_t relation;          /* relation index, or AN_AGG_COLLAPSED */
    uint64_t weight;            /* events counted */
    uint64_t negated, hedged;   /* of which negated / hedged */
    uint64_t reversed;          /* of which written target -> actor (a
                                   symmetric relation) */
    uint64_t documents;
    uint32_t first, last;
    uint64_t stamp;             /* private */
    an_agg_part *parts;         /* collapsed: n_parts relations, in the
                                   order first seen; else NULL */
    uint32_t n_parts;
    an_agg_evidence *ev;        /* n_ev examples sorted by key */
    uint32_t n_ev;
} an_agg_act;

/* Corpus totals. */
typedef struct an_agg_stats {
    uint64_t documents;         /* documents fed */
    uint64_t dated;             /* of which with a valid date */
    uint64_t bad_dates;         /* with a date that is not YYYY-MM-DD... */
    uint64_t mentions;          /* mentions counted */
    uint32_t first, last;       /* date range of the corpus, 0 when none */
    uint64_t events;            /* acts-on: events counted */
    uint64_t left_out;          /* acts-on: negated / hedged events left
                                   out by the options */
} an_agg_stats;

typedef struct an_agg an_agg;

/* A new, empty accumulator; opts is copied.  NULL when out of memory or
 * when opts are invalid (evidence > AN_EVIDENCE_MAX, bytes < 16, tokens 0).
 * Free with an_agg_destroy. */
an_agg *an_agg_create(const an_agg_options *opts);
/* Frees the accumulator and all it owns.  Accepts NULL. */
void an_agg_destroy(an_agg *agg);

/* Frees the accumulator's lookup tables of edges and acts, which only
 * counting needs: call it when the counting is done and the graph is
 * about to be built (less memory then).  Counting, merging and interning
 * afterwards still work: the tables are rebuilt first. */
void an_agg_compact(an_agg *agg);

/* The options it was created with. */
const an_agg_options *an_agg_get_options(const an_agg *agg);

/*
 * One document as the accumulator sees it: the document (id, date and
 * text), its mentions in text order, its acts-on events, and callbacks
 * into whatever produced them: the entity of a mention's entity index,
 * the byte span of a sentence, and the relation of an event's relation
 * index.  an_agg_add_document fills this from an extractor; tests fill it
 * from tables (zero the struct first: events and relation may be left
 * out when there are none).  Nothing is retained after the call.
 */
typedef struct an_agg_source {
    const actnet_document *doc;
    const actnet_mention *mentions;
    size_t n_mentions;
    const actnet_entity *(*entity)(const void *ctx, uint32_t idx);
    void (*sentence_span)(const void *ctx, size_t sentence, size_t *start,
                          size_t *end);
    const void *ctx;
    const actnet_event *events;  /* acts-on: events in text order */
    size_t n_events;
    const actnet_relation *(*relation)(const void *ctx, uint32_t idx);
} an_agg_source;

/* Counts one document.  Returns 0, or -1 when out of memory (the
 * accumulator is then unusable and must be destroyed). */
int an_agg_add_source(an_agg *agg, const an_agg_source *src);

/* Counts the document just processed by ex (after actnet_extractor_run on
 * doc).  0 / -1 as above. */
int an_agg_add_document(an_agg *agg, const actnet_extractor *ex,
                        const actnet_document *doc);

/*
 * dst += src: adds every count of src into dst (src is unchanged).  Both
 * must have the same options.  The result does not depend on the order of
 * merges (associative and commutative).  Returns ACTNET_OK,
 * ACTNET_ERR_USAGE when the options differ, or ACTNET_ERR_NOMEM (dst is
 * then unusable).
 */
actnet_status an_agg_merge(an_agg *dst, const an_agg *src);

/* Read access.  Node and edge indices are in insertion order; the graph
 * stage sorts them.  Pointers stay valid until the next add or merge. */
size_t an_agg_node_count(const an_agg *agg);
const an_agg_node *an_agg_nodes(const an_agg *agg);
size_t an_agg_edge_count(const an_agg *agg);
const an_agg_edge *an_agg_edges(const an_agg *agg);
const an_agg_stats *an_agg_get_stats(const an_agg *agg);
/* The acts-on network's relations and edges (none for cooccurrence). */
size_t an_agg_relation_count(const an_agg *agg);
const an_agg_relation *an_agg_relations(const an_agg *agg);
size_t an_agg_act_count(const an_agg *agg);
const an_agg_act *an_agg_acts(const an_agg *agg);

/*
 * Lower-level insertion, used by merge and by readers of partial results.
 * an_agg_node_intern returns the index of the node with this id, creating
 * it if new (counts zero); for an existing node a different label, type,
 * country or kind is settled deterministically (the smaller wins; a
 * present country / kind beats NULL).  UINT32_MAX when out of memory.
 * Strings are cleaned and copied.
 */
uint32_t an_agg_node_intern(an_agg *agg, const char *id, const char *label,
                            actnet_entity_type type, const char *country,
                            const char *kind);

/* Index of the edge between nodes a and b (a != b, either order), created
 * with zero counts if new.  UINT32_MAX when out of memory. */
uint32_t an_agg_edge_intern(an_agg *agg, uint32_t a, uint32_t b);

/* Adds counts to node i / edge e (dates: min of first, max of last, 0
 * ignored) and to the corpus totals.  Used by merge and by readers of
 * partial results. */
void an_agg_node_add_counts(an_agg *agg, uint32_t i, uint64_t mentions,
                            uint64_t documents, uint32_t first,
                            uint32_t last);
void an_agg_edge_add_counts(an_agg *agg, uint32_t e, uint64_t weight,
                            uint64_t documents, uint32_t first,
                            uint32_t last);
void an_agg_stats_add(an_agg *agg, const an_agg_stats *stats);

/* Offers an example to edge e: kept when it is among the K smallest keys.
 * doc and text are cleaned and copied (text capped).  0 / -1 (memory). */
int an_agg_evidence_offer(an_agg *agg, uint32_t e, const char *doc,
                          uint32_t s1, uint32_t s2, const char *text,
                          size_t len);

/*
 * Acts-on insertion, for merge and readers of partial results.
 * an_agg_relation_intern returns the index of the relation with this id,
 * creating it if new; an existing one is settled as told at the top.
 * an_agg_act_intern returns the index of the edge (actor, target,
 * relation) with zero counts if new; relation is a relation index, or
 * AN_AGG_COLLAPSED in a collapsed accumulator (and only there).  The
 * caller gives actor and target in their stored order (for a symmetric
 * relation: the smaller id first).  Both return UINT32_MAX when out of
 * memory or, for act_intern, when actor == target or the relation does
 * not fit the accumulator.
 */
uint32_t an_agg_relation_intern(an_agg *agg, const char *id,
                                const char *label, int polarity,
                                const char *cls, int symmetric);
uint32_t an_agg_act_intern(an_agg *agg, uint32_t actor, uint32_t target,
                           uint32_t relation);

/*
 * Gives relation r its CAMEO code(s) and PLOVER event, mode and context
 * (any may be NULL: left as it is).  Settled like the label: when two
 * inputs disagree the smaller string wins, so merges do not depend on
 * their order.  0 / -1 (memory).
 */
int an_agg_relation_codes(an_agg *agg, uint32_t r, const char *cameo,
                          const char *event, const char *mode,
                          const char *context);

/* 1 when some relation of agg has a CAMEO code or a PLOVER event. */
int an_agg_has_codes(const an_agg *agg);

/* Adds counts to edge a; in a collapsed accumulator weight also goes to
 * the part of relation (a relation index; ignored otherwise).  0 / -1
 * (memory). */
int an_agg_act_add_counts(an_agg *agg, uint32_t a, uint32_t relation,
                          uint64_t weight, uint64_t negated, uint64_t hedged,
                          uint64_t reversed, uint64_t documents,
                          uint32_t first, uint32_t last);

/* Offers an example to acts-on edge a, as an_agg_evidence_offer. */
int an_agg_act_evidence_offer(an_agg *agg, uint32_t a, const char *doc,
                              uint32_t s1, uint32_t s2, const char *text,
                              size_t len);

#endif /* ACTNET_AGGREGATE_H */
