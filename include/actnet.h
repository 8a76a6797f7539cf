/*
 * actnet.h — the public interface of libactnet.
 *
 * actnet turns news articles into actor networks.  The library reads
 * documents, loads YAML rules, and runs the text pipeline
 * (normalise -> segment -> match -> resolve) that yields entity mentions
 * with byte offsets into the original text.  The CLI (src/cli/main.c) is the
 * first client of this interface.
 *
 * Conventions: everything exported starts with actnet_.  The library never
 * prints and never exits: functions return an actnet_status and, on failure,
 * fill a caller-owned actnet_error record.  Opaque handles come with
 * create/destroy pairs; every destroy accepts NULL.
 */
#ifndef ACTNET_H
#define ACTNET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "actnet_version.h"

/*
 * ACTNET_API marks what the shared library exports.  The library is
 * compiled with -fvisibility=hidden and ACTNET_BUILDING defined, so only
 * these declarations are visible to its users; a client needs no flag.
 */
#if defined(ACTNET_BUILDING) && defined(__GNUC__) && __GNUC__ >= 4
#define ACTNET_API __attribute__((visibility("default")))
#else
#define ACTNET_API
#endif

/* Status of every fallible call. */
typedef enum actnet_status {
    ACTNET_OK = 0,
    ACTNET_DONE,        /* an iterator has nothing more (not an error) */
    ACTNET_ERR_NOMEM,   /* out of memory */
    ACTNET_ERR_IO,      /* a file could not be opened, read or written */
    ACTNET_ERR_RULES,   /* the rule set is invalid; see the error record */
    ACTNET_ERR_DATA,    /* a document is invalid (bad JSON, too large, ...) */
    ACTNET_ERR_USAGE    /* the caller passed an invalid argument */
} actnet_status;

/*
 * Where and what went wrong.  path is a file or document name ("" when
 * none); line and column are 1-based, 0 when unknown.  The record is owned
 * by the caller (usually on the stack) and holds no pointers.
 */
typedef struct actnet_error {
    char path[1024];
    int line;
    int column;
    char message[1024];
} actnet_error;

/* Clears an error record (all fields empty / zero). */
ACTNET_API
void actnet_error_clear(actnet_error *err);

/* A short English name of a status ("out of memory", ...); static string. */
ACTNET_API
const char *actnet_status_string(actnet_status status);

/* ------------------------------------------------------------------ */
/* Text buffers and encoders                                            */

/*
 * A growable byte buffer, owned by the caller (usually on the stack):
 * start it with actnet_buffer_init (or = {0}), free its data with
 * actnet_buffer_finish.  data[0..len) is what was appended and is always
 * followed by a NUL once anything was appended; cap is the room
 * allocated.  The fields may be read; change them only through these
 * functions.
 */
typedef struct actnet_buffer {
    char *data;
    size_t len, cap;
} actnet_buffer;

ACTNET_API
void actnet_buffer_init(actnet_buffer *b);
/* Frees the data and empties the buffer (it can be used again). */
ACTNET_API
void actnet_buffer_finish(actnet_buffer *b);

/* Appends data[0..len), one byte, or printf-formatted text.  Each returns
 * 0, or -1 when out of memory (the buffer then holds what it held). */
ACTNET_API
int actnet_buffer_append(actnet_buffer *b, const void *data, size_t len);
ACTNET_API
int actnet_buffer_putc(actnet_buffer *b, char c);
ACTNET_API
int actnet_buffer_printf(actnet_buffer *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * The syntaxes of actnet's outputs.  Every writer and listing of actnet
 * quotes its strings with these encoders, so a client that writes the
 * same syntax with them spells every string as actnet does.
 */
typedef enum actnet_encoding {
    ACTNET_ENCODE_JSON = 0,  /* a JSON string literal, quotes included;
                                invalid UTF-8 bytes become \ufffd */
    ACTNET_ENCODE_CSV,       /* an RFC 4180 field, quoted when needed */
    ACTNET_ENCODE_TSV,       /* a TSV cell: tabs, line breaks, controls
                                become spaces */
    ACTNET_ENCODE_XML_TEXT,  /* XML character data */
    ACTNET_ENCODE_XML_ATTR,  /* an XML attribute value (tab, LF escaped) */
    ACTNET_ENCODE_DOT        /* a Graphviz quoted string, quotes included */
} actnet_encoding;

/*
 * Appends s[0..len) encoded for syntax enc.  CSV and TSV cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR,
 * other than a number) get a single quote before their text (OWASP).
 * 0, or -1 when out of memory or enc is not an actnet_encoding.
 */
ACTNET_API
int actnet_buffer_encode(actnet_buffer *b, actnet_encoding enc,
                         const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Entities                                                             */

typedef enum actnet_entity_type {
    ACTNET_PERSON = 0,
    ACTNET_ORGANISATION = 1,
    ACTNET_COUNTRY = 2,
    ACTNET_PLACE = 3      /* a city, region or state: a mention, not a
                             network node unless asked for */
} actnet_entity_type;

/* "person", "organisation", "country" or "place"; static string. */
ACTNET_API
const char *actnet_entity_type_name(actnet_entity_type type);

/*
 * An entity as the pipeline knows it: from the gazetteer, an agent
 * combined with a country ("BLR/police"), or discovered by a pattern
 * ("person:Heiko Maas").  All strings are owned by the rules or the
 * extractor that handed the entity out and live as long as it.
 */
typedef struct actnet_entity {
    const char *id;       /* unique id */
    const char *label;    /* the node label */
    actnet_entity_type type;
    const char *country;  /* id of the entity's country, or NULL */
    const char *kind;     /* optional free attribute (e.g. "news"), or NULL */
    const char *rule_path;/* rule file that defined it, or NULL if discovered */
    int rule_line;        /* 1-based line in rule_path, 0 if none */
} actnet_entity;

/* ------------------------------------------------------------------ */
/* Rules                                                                */

typedef struct actnet_rules actnet_rules;

/* A new, empty rule set; NULL when out of memory.  Free with destroy. */
ACTNET_API
actnet_rules *actnet_rules_create(void);

/* Frees the rule set and everything it owns.  Accepts NULL. */
ACTNET_API
void actnet_rules_destroy(actnet_rules *rules);

/*
 * The directory of the default rules: $ACTNET_RULES_DIR when set, else
 * the installed rules (PREFIX/share/actnet/rules) when they exist, else
 * the rules/ of the source tree the library was built from (an
 * uninstalled build); NULL when none exists.  Load it with
 * actnet_rules_load.  The string is static or the environment's: do not
 * free it.
 */
ACTNET_API
const char *actnet_rules_default_dir(void);

/*
 * Loads a rule file, or every *.yaml file of a directory (recursively, in
 * sorted order), into the rule set.  May be called several times before
 * actnet_rules_compile.  On failure err names file:line:col and the rule
 * set is poisoned: compile refuses it and the caller must destroy it, so a
 * bad rule set is never half-used.
 */
ACTNET_API
actnet_status actnet_rules_load(actnet_rules *rules, const char *path,
                                actnet_error *err);

/*
 * Loads rules from memory; name is used as the path in errors.  Same
 * contract as actnet_rules_load.  The buffer is copied as needed.
 */
ACTNET_API
actnet_status actnet_rules_load_string(actnet_rules *rules, const char *name,
                                       const char *yaml, size_t len,
                                       actnet_error *err);

/*
 * Checks cross-references (country ids, list names) and compiles the
 * gazetteer automaton.  After success the rule set is read-only and may be
 * shared by several extractors (also across threads).  On failure the rule
 * set is poisoned as for load.
 */
ACTNET_API
actnet_status actnet_rules_compile(actnet_rules *rules, actnet_error *err);

/*
 * Warnings found by load and compile (an alias that belongs to two
 * entities, ...).  Each message names both locations.  Owned by the rules.
 */
ACTNET_API
size_t actnet_rules_warning_count(const actnet_rules *rules);
ACTNET_API
const actnet_error *actnet_rules_warning(const actnet_rules *rules, size_t i);

/* Number of gazetteer entities (entities and agents) after compile. */
ACTNET_API
size_t actnet_rules_entity_count(const actnet_rules *rules);
/* Number of distinct alias phrases compiled into the automaton. */
ACTNET_API
size_t actnet_rules_alias_count(const actnet_rules *rules);

/*
 * Appends every alias phrase of the compiled rules, one per line, to out
 * (for the grep reference of the benchmark).  Returns the number written.
 */
ACTNET_API
size_t actnet_rules_write_aliases(const actnet_rules *rules, void *file);

/* ------------------------------------------------------------------ */
/* Documents and reading                                                */

/*
 * One document.  When handed out by the reader, all strings are owned by
 * the reader and valid until the next call to actnet_reader_next or
 * actnet_reader_destroy.  text need not be NUL-terminated.
 */
typedef struct actnet_document {
    const char *id;      /* file path, or the JSON id field, or "path:line" */
    const char *date;    /* "YYYY-MM-DD..." or NULL when unknown */
    const char *text;
    size_t len;
} actnet_document;

typedef struct actnet_reader_options {
    const char *text_field;   /* JSON Lines field of the text ("text") */
    const char *id_field;     /* JSON Lines field of the id ("id") */
    const char *date_field;   /* JSON Lines field of the date ("date") */
    const char *const *globs; /* NULL-terminated file patterns for
                                 directories; NULL means the defaults
                                 (*.txt, *.jsonl, and their .gz) */
    size_t max_doc_bytes;     /* documents larger are skipped; 0 = default */
    int stdin_jsonl;          /* "-" holds JSON Lines, not one plain text
                                 document (default 0: JSON Lines when
                                 its first line is a JSON object with
                                 the text field, else one document) */
} actnet_reader_options;

/* Fills options with the defaults. */
ACTNET_API
void actnet_reader_options_init(actnet_reader_options *opts);

typedef struct actnet_reader actnet_reader;

/*
 * A new reader over no inputs; opts is copied (its strings must outlive
 * the reader).  NULL when out of memory.
 */
ACTNET_API
actnet_reader *actnet_reader_create(const actnet_reader_options *opts);
ACTNET_API
void actnet_reader_destroy(actnet_reader *reader);

/*
 * Queues an input: a file, a directory (walked recursively in sorted
 * order, following the globs, symlink loops detected), or "-" for
 * standard input.  Files ending in .gz are decompressed; files ending in
 * .jsonl (or .jsonl.gz) hold one JSON document per line.  Inputs are read
 * lazily, in the order queued.  Hidden entries of directories are skipped;
 * globs match the entry's name.  Any other file is one document whose id
 * is its path and whose date is the last YYYY-MM-DD in the path
 * ("news/2020-08-10_minsk.txt").  A JSON Lines document without an id is
 * "PATH:LINE"; errors on a line name the path and set line (and column).
 * Returns ACTNET_ERR_IO at once if path does not exist.
 */
ACTNET_API
actnet_status actnet_reader_add(actnet_reader *reader, const char *path,
                                actnet_error *err);

/*
 * Reads the next document into doc.  Returns ACTNET_OK with doc filled,
 * ACTNET_DONE at the end, or ACTNET_ERR_DATA / ACTNET_ERR_IO when one
 * document or input had to be skipped: err names it and says why, and the
 * caller may call next again to go on.  ACTNET_ERR_NOMEM is fatal.
 * Invalid UTF-8 is not an error here; the pipeline repairs it.
 */
ACTNET_API
actnet_status actnet_reader_next(actnet_reader *reader, actnet_document *doc,
                                 actnet_error *err);

/*
 * Invalid UTF-8 bytes the reader replaced by U+FFFD in the document last
 * handed out: a JSON Lines line must be valid UTF-8 to be parsed, so the
 * reader repairs it first (its text then holds U+FFFD, 3 bytes for each
 * bad byte).  Plain text is handed out as read, and repaired by the
 * extractor (actnet_extractor_repaired).  0 when nothing was repaired.
 * where, if not NULL, receives where that document came from: its file
 * ("-" for standard input) and, for JSON Lines, its line; no message.
 */
ACTNET_API
size_t actnet_reader_repaired(const actnet_reader *reader,
                              actnet_error *where);

/*
 * Bytes the reader has consumed from its inputs so far (for gzip files,
 * compressed bytes), for progress reports; 0 for NULL.
 */
ACTNET_API
uint64_t actnet_reader_bytes_read(const actnet_reader *reader);

/*
 * Parses a document date as actnet reads one: s starts with a calendar
 * date YYYY-MM-DD (anything but a digit may follow, e.g. a time).  On
 * success *yyyymmdd = Y * 10000 + M * 100 + D and 0 is returned; -1 for
 * NULL, an empty string or no valid date (2021-02-29).
 */
ACTNET_API
int actnet_date_parse(const char *s, uint32_t *yyyymmdd);

/* ------------------------------------------------------------------ */
/* The text pipeline                                                    */

/* How a mention was found. */
typedef enum actnet_via {
    ACTNET_VIA_ALIAS = 0,    /* an alias (or the name) of a gazetteer entity */
    ACTNET_VIA_ADJECTIVE,    /* a country adjective / demonym */
    ACTNET_VIA_METONYM,      /* a capital or seat of power */
    ACTNET_VIA_AGENT,        /* an agent, alone or with a country */
    ACTNET_VIA_PATTERN,      /* a discovery pattern */
    ACTNET_VIA_SURNAME,      /* resolved from a surname / short form */
    ACTNET_VIA_ACRONYM       /* an acronym defined in the document */
} actnet_via;

/* "alias", "adjective", ...; static string. */
ACTNET_API
const char *actnet_via_name(actnet_via via);

/* One mention of an entity in a document. */
typedef struct actnet_mention {
    size_t start, end;       /* byte span [start, end) in the original text */
    uint32_t tok_start;      /* token span [tok_start, tok_end) */
    uint32_t tok_end;
    uint32_t sentence;       /* 0-based sentence index in the document */
    uint32_t paragraph;      /* 0-based paragraph index */
    uint32_t entity;         /* index for actnet_extractor_entity */
    actnet_via via;
} actnet_mention;

typedef struct actnet_extractor actnet_extractor;

/*
 * A new extractor over compiled rules (which must outlive it).  One
 * extractor per thread.  NULL when out of memory.
 */
ACTNET_API
actnet_extractor *actnet_extractor_create(const actnet_rules *rules);
ACTNET_API
void actnet_extractor_destroy(actnet_extractor *ex);

/*
 * Runs the pipeline over one document; the results below stay valid until
 * the next run or destroy.  The document is not retained.  Invalid UTF-8
 * is repaired (each bad byte counts as U+FFFD; offsets stay those of the
 * original bytes) and reported through actnet_extractor_repaired.
 */
ACTNET_API
actnet_status actnet_extractor_run(actnet_extractor *ex,
                                   const actnet_document *doc,
                                   actnet_error *err);

/* Mentions of the last run, in text order. */
ACTNET_API
size_t actnet_extractor_mention_count(const actnet_extractor *ex);
ACTNET_API
const actnet_mention *actnet_extractor_mentions(const actnet_extractor *ex);

/* Sentences and tokens of the last run. */
ACTNET_API
size_t actnet_extractor_sentence_count(const actnet_extractor *ex);
/* Byte span of sentence i (0-based) in the original text. */
ACTNET_API
void actnet_extractor_sentence_span(const actnet_extractor *ex, size_t i,
                                    size_t *start, size_t *end);
ACTNET_API
size_t actnet_extractor_token_count(const actnet_extractor *ex);

/*
 * Turns the relate stage (acts-on events) on, the default, or off for the
 * runs that follow.  Off, actnet_extractor_events is always empty and
 * runs are faster: for callers that need the entity mentions only.
 */
ACTNET_API
void actnet_extractor_set_events(actnet_extractor *ex, int on);

/* Number of invalid UTF-8 bytes repaired in the last run. */
ACTNET_API
size_t actnet_extractor_repaired(const actnet_extractor *ex);

/*
 * The entity with index idx (as in actnet_mention.entity).  Indices are
 * stable for the extractor's life: gazetteer entities first, then entities
 * created by agents and patterns as they are seen.  NULL if out of range.
 */
ACTNET_API
const actnet_entity *actnet_extractor_entity(const actnet_extractor *ex,
                                             uint32_t idx);
ACTNET_API
size_t actnet_extractor_entity_count(const actnet_extractor *ex);

/* ------------------------------------------------------------------ */
/* Relations and acts-on events                                         */

/*
 * A relation of the rules (relations: section) as the acts-on network
 * knows it.  Strings are owned by the rules and live as long as them.
 */
typedef struct actnet_relation {
    const char *id;        /* unique relation id ("sanction") */
    const char *label;     /* edge label ("sanctions"; the id if none) */
    int polarity;          /* -1 hostile, 0 neutral, +1 cooperative */
    const char *cls;       /* "verbal-cooperation", ..., or NULL */
    int symmetric;         /* "A meets B" also means "B meets A" */
    const char *rule_path; /* rule file that defined it */
    int rule_line;         /* 1-based line of its id in rule_path */
    /* Event codes, NULL when the rules give none.  cameo: the CAMEO
     * event codes of the relation, comma-separated, the main one first
     * ("042,043").  plover_*: the PLOVER event type ("CONSULT"), mode
     * ("visit") and contexts (comma-separated) of the main code, from the
     * rules' plover: table (the most specific row whose code starts the
     * main code). */
    const char *cameo;
    const char *plover_event;
    const char *plover_mode;
    const char *plover_context;
} actnet_relation;

/* Number of relations after compile (0 when the rules have none). */
ACTNET_API
size_t actnet_rules_relation_count(const actnet_rules *rules);
/* Relation idx (as in actnet_event.relation), or NULL if out of range. */
ACTNET_API
const actnet_relation *actnet_rules_relation(const actnet_rules *rules,
                                             uint32_t idx);

/*
 * One acts-on event: in sentence `sentence`, the verb (or noun) phrase at
 * bytes [start, end) of a relation links an actor entity to a target
 * entity.  negated: "did not meet", "refused to meet", "never met";
 * hedged: "would meet", "may meet", "threatened to meet", "plans to meet".
 * For symmetric relations actor and target are as written.
 */
typedef struct actnet_event {
    uint32_t actor, target;  /* entity indices (actnet_extractor_entity) */
    uint32_t relation;       /* index (actnet_rules_relation) */
    uint32_t sentence;       /* 0-based sentence index in the document */
    size_t start, end;       /* byte span of the verb phrase */
    int negated, hedged;
    uint32_t actor_mention;  /* the mentions the event was read from */
    uint32_t target_mention; /* (indices for actnet_extractor_mentions) */
    int media;               /* a statement to a news medium ("told the
                                BBC"): the target (an entity of kind
                                "news") is the medium, not someone acted
                                on; acts-on counts leave it out unless
                                include_media */
} actnet_event;

/* Events of the last run, in text order; owned by the extractor and
 * valid until the next run or destroy. */
ACTNET_API
size_t actnet_extractor_event_count(const actnet_extractor *ex);
ACTNET_API
const actnet_event *actnet_extractor_events(const actnet_extractor *ex);

/* ------------------------------------------------------------------ */
/* Networks: counts, partial results, the network and its writers       */
/*
 * The network half of the pipeline.  Documents run through an extractor
 * are counted into an actnet_counts (nodes, edges and evidence, memory
 * proportional to the network, not the corpus); counts of several
 * threads, processes or machines merge into the same result whatever the
 * order (partial results carry them between processes: doc/
 * partial-format.md).  An actnet_network is made from counts (or read
 * from GraphML), filtered, analysed (centralities, communities), laid
 * out, read node by node and edge by edge, and written in any format.
 * The bytes written are those of `actnet build` for the same options.
 *
 * Not thread-safe across networks: the analysis and the layout use
 * igraph's global random number generator (seeded, so results are
 * reproducible).  Counts may be filled on several threads, one counts
 * object per thread, merged afterwards.
 */

/* Which network is counted. */
typedef enum actnet_network_kind {
    ACTNET_NETWORK_COOCCURRENCE = 0, /* undirected: entities in one window */
    ACTNET_NETWORK_ACTS_ON = 1       /* directed: actor -> target, one edge
                                        per relation of the rules */
} actnet_network_kind;

/* Parses "cooccurrence" (or "co-occurrence") or "acts-on": ACTNET_OK, or
 * ACTNET_ERR_USAGE for anything else (*kind unchanged). */
ACTNET_API
actnet_status actnet_network_kind_parse(const char *name,
                                        actnet_network_kind *kind);
/* "cooccurrence" or "acts-on"; static string ("" when out of range). */
ACTNET_API
const char *actnet_network_kind_name(actnet_network_kind kind);

/* The co-occurrence window: two entities co-occur when both are
 * mentioned in one sentence, paragraph or document, or (tokens) when two
 * of their mentions start at most `tokens` tokens apart. */
typedef enum actnet_window_kind {
    ACTNET_WINDOW_SENTENCE = 0,
    ACTNET_WINDOW_PARAGRAPH = 1,
    ACTNET_WINDOW_DOCUMENT = 2,
    ACTNET_WINDOW_TOKENS = 3
} actnet_window_kind;

typedef struct actnet_window {
    actnet_window_kind kind;
    uint32_t tokens;            /* for ACTNET_WINDOW_TOKENS: 1 .. 100000 */
} actnet_window;

/* Parses "sentence", "paragraph", "document" or a number of tokens:
 * ACTNET_OK, or ACTNET_ERR_USAGE (*w unchanged). */
ACTNET_API
actnet_status actnet_window_parse(const char *name, actnet_window *w);
/* Writes the window's name ("sentence", ..., "12 tokens") into buf (size
 * bytes; 24 always suffice) and returns buf. */
ACTNET_API
const char *actnet_window_name(const actnet_window *w, char *buf,
                               size_t size);

#define ACTNET_EVIDENCE_MAX 1000    /* the most examples kept per edge */

/* What is counted; every counts object of one merge must have the same. */
typedef struct actnet_counts_options {
    actnet_network_kind network;
    actnet_window window;       /* co-occurrence only */
    uint32_t evidence;          /* example sentences kept per edge (the
                                   first ones in reading order), 0 .. 
                                   ACTNET_EVIDENCE_MAX */
    size_t evidence_bytes;      /* cap of one example in bytes (>= 16) */
    int include_negated;        /* acts-on: count negated events too */
    int exclude_hedged;         /* acts-on: leave hedged events out */
    int collapse;               /* acts-on: one edge per actor and target */
    int places;                 /* places are nodes too (by default a
                                   place is where, not who) */
    int include_media;          /* acts-on: count statements to the
                                   media ("told the BBC") as edges */
} actnet_counts_options;

/* The defaults of `actnet build`: co-occurrence in sentences, no
 * evidence, 600 bytes per example, negated events out, hedged in. */
ACTNET_API
void actnet_counts_options_init(actnet_counts_options *opts);

/* Corpus totals of some counts. */
typedef struct actnet_counts_stats {
    uint64_t documents;         /* documents counted */
    uint64_t dated;             /* of which with a valid YYYY-MM-DD date */
    uint64_t bad_dates;         /* with a date that is not YYYY-MM-DD... */
    uint64_t mentions;          /* mentions counted */
    uint64_t events;            /* acts-on: events counted */
    uint64_t left_out;          /* acts-on: negated or hedged events the
                                   options left out */
    uint64_t nodes;             /* entities counted */
    uint64_t edges;             /* co-occurrence edges, or acts-on edges */
} actnet_counts_stats;

typedef struct actnet_counts actnet_counts;

/*
 * New, empty counts with opts (copied).  On ACTNET_OK *out is the
 * caller's, freed with actnet_counts_destroy; ACTNET_ERR_USAGE when opts
 * are invalid (err says which), ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_counts_create(const actnet_counts_options *opts,
                                   actnet_counts **out, actnet_error *err);
/* Frees the counts.  Accepts NULL. */
ACTNET_API
void actnet_counts_destroy(actnet_counts *counts);

/* The options the counts were made with, copied into *opts. */
ACTNET_API
void actnet_counts_get_options(const actnet_counts *counts,
                               actnet_counts_options *opts);
/* The totals so far, copied into *stats. */
ACTNET_API
void actnet_counts_get_stats(const actnet_counts *counts,
                             actnet_counts_stats *stats);

/*
 * Counts the document that actnet_extractor_run just processed (doc is
 * that document; nothing of either is retained).  The acts-on network
 * needs the extractor's events (actnet_extractor_set_events on, the
 * default).  ACTNET_OK, or ACTNET_ERR_NOMEM (the counts are then
 * unusable: destroy them).
 */
ACTNET_API
actnet_status actnet_counts_add(actnet_counts *counts,
                                const actnet_extractor *ex,
                                const actnet_document *doc,
                                actnet_error *err);

/*
 * dst += src (src unchanged).  The result does not depend on the order of
 * merges.  ACTNET_OK, ACTNET_ERR_USAGE when the options differ, or
 * ACTNET_ERR_NOMEM (dst is then unusable).
 */
ACTNET_API
actnet_status actnet_counts_merge(actnet_counts *dst,
                                  const actnet_counts *src,
                                  actnet_error *err);

/*
 * Writes the counts as a partial result (doc/partial-format.md) to fp,
 * which stays the caller's (not closed, not flushed).  Equal counts give
 * equal bytes.  ACTNET_OK, ACTNET_ERR_IO or ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_counts_write_partial(const actnet_counts *counts,
                                          FILE *fp, actnet_error *err);

/*
 * Reads a partial result from fp (the caller's; name is used in errors
 * with the line) and adds it to *counts: when *counts is NULL, new counts
 * with the partial's options are made and handed to the caller (who
 * destroys them, also on failure); otherwise the partial's options must
 * equal theirs (ACTNET_ERR_USAGE, err says which differs).  ACTNET_OK,
 * ACTNET_ERR_DATA (not a partial, a bad record, a cut file: err names
 * name:line), ACTNET_ERR_USAGE, ACTNET_ERR_IO or ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_counts_read_partial(actnet_counts **counts, FILE *fp,
                                         const char *name,
                                         actnet_error *err);

/* ---- measures ---- */

/* The centralities (see `actnet rank --help` for their definitions). */
typedef enum actnet_measure {
    ACTNET_MEASURE_DEGREE = 0,
    ACTNET_MEASURE_STRENGTH,
    ACTNET_MEASURE_INDEGREE,
    ACTNET_MEASURE_OUTDEGREE,
    ACTNET_MEASURE_INSTRENGTH,
    ACTNET_MEASURE_OUTSTRENGTH,
    ACTNET_MEASURE_BETWEENNESS,
    ACTNET_MEASURE_CLOSENESS,
    ACTNET_MEASURE_HARMONIC,
    ACTNET_MEASURE_PAGERANK,
    ACTNET_MEASURE_EIGENVECTOR,
    ACTNET_MEASURE_HUB,
    ACTNET_MEASURE_AUTHORITY,
    ACTNET_MEASURE_CORENESS,
    ACTNET_MEASURE_HOSTILITY_SENT,
    ACTNET_MEASURE_HOSTILITY_RECEIVED,
    ACTNET_MEASURE_COOPERATION_SENT,
    ACTNET_MEASURE_COOPERATION_RECEIVED,
    ACTNET_MEASURE_COUNT
} actnet_measure;

#define ACTNET_MEASURE_BIT(m) (1u << (m))
#define ACTNET_MEASURES_ALL ((1u << ACTNET_MEASURE_COUNT) - 1u)

/* The name ("pagerank", ...; also the node attribute it is stored as)
 * and a one-line description; static strings, "" when out of range. */
ACTNET_API
const char *actnet_measure_name(actnet_measure m);
ACTNET_API
const char *actnet_measure_help(actnet_measure m);
/* Parses a measure name: ACTNET_OK or ACTNET_ERR_USAGE. */
ACTNET_API
actnet_status actnet_measure_parse(const char *name, actnet_measure *m);
/* Parses a comma-separated list ("all" is every measure) into a mask of
 * ACTNET_MEASURE_BIT: ACTNET_OK, or ACTNET_ERR_USAGE with *bad (if not
 * NULL) pointing at the unknown name in list. */
ACTNET_API
actnet_status actnet_measure_parse_list(const char *list, uint32_t *mask,
                                        const char **bad);

/* How communities are found (on the undirected view, seeded). */
typedef enum actnet_community {
    ACTNET_COMMUNITY_NONE = 0,
    ACTNET_COMMUNITY_LEIDEN = 1,
    ACTNET_COMMUNITY_LOUVAIN = 2
} actnet_community;

/* "none", "leiden", "louvain": parse (ACTNET_OK / ACTNET_ERR_USAGE) and
 * name (static string). */
ACTNET_API
actnet_status actnet_community_parse(const char *name, actnet_community *m);
ACTNET_API
const char *actnet_community_name(actnet_community m);

/* ---- formats ---- */

typedef enum actnet_format {
    ACTNET_FORMAT_GRAPHML = 0,
    ACTNET_FORMAT_GEXF,
    ACTNET_FORMAT_DOT,
    ACTNET_FORMAT_JSON,
    ACTNET_FORMAT_CSV,          /* both tables: two files, refused by the
                                   writers of one file */
    ACTNET_FORMAT_CSV_NODES,
    ACTNET_FORMAT_CSV_EDGES,
    ACTNET_FORMAT_COUNT
} actnet_format;

/* Parses graphml, gexf, dot (or gv), json, csv, csv-nodes, csv-edges:
 * ACTNET_OK or ACTNET_ERR_USAGE. */
ACTNET_API
actnet_status actnet_format_parse(const char *name, actnet_format *f);
/* The format a file name's extension names (.graphml, .gexf, .dot, .gv,
 * .json, .nodes.csv, .edges.csv, .csv; any case): ACTNET_OK, or
 * ACTNET_ERR_USAGE when it names none. */
ACTNET_API
actnet_status actnet_format_from_path(const char *path, actnet_format *f);
/* "graphml", ...; static string, "" when out of range. */
ACTNET_API
const char *actnet_format_name(actnet_format f);

/*
 * The table of every output format of every command (src/write/
 * format.c), from which the CLI takes --format, -o x.EXT and the lists of
 * its help texts and messages.  A format holds (or'ed):
 */
#define ACTNET_HOLDS_NETWORK 1u   /* build, merge (actnet_network_write) */
#define ACTNET_HOLDS_PARTIAL 2u   /* extract, merge */
#define ACTNET_HOLDS_MENTIONS 4u  /* entities */
#define ACTNET_HOLDS_EVENTS 8u    /* events */
#define ACTNET_HOLDS_RANKING 16u  /* rank */
/* The name of the format called name (or by its alias: "gv" gives
 * "dot") among those holding one of holds, or NULL.  Static string. */
ACTNET_API
const char *actnet_format_find(const char *name, unsigned holds);
/* The name of the format that the longest ending of path selects (any
 * case: "x.nodes.csv" is csv-nodes) among those of holds, or NULL. */
ACTNET_API
const char *actnet_format_of_path(const char *path, unsigned holds);
/* The i-th format (0, 1, ... in table order) of those of holds: its name,
 * and in *note (if not NULL) its help note or NULL; NULL past the end. */
ACTNET_API
const char *actnet_format_at(size_t i, unsigned holds, const char **note);
/* How actnet_format_list lists (or'ed). */
#define ACTNET_LIST_EXTS 1u       /* the endings, not the names (one that
                                     ends with another listed is left out) */
#define ACTNET_LIST_ONE_FILE 2u   /* only formats that write one file */
#define ACTNET_LIST_NOT_FIRST 4u  /* without the first (the default) */
#define ACTNET_LIST_NOTES 8u      /* a name's note after it, in brackets */
#define ACTNET_LIST_TITLES 16u    /* the titles ("JSON Lines") */
#define ACTNET_LIST_SENTENCE 32u  /* the endings as a sentence: ".graphml,
                                     .dot or .gv, ..., and .csv for both
                                     tables (...)"; sep, last unused */
/* Appends the names of the formats of holds to b in table order, joined
 * by sep and the last by last (NULL: sep).  0, or -1 out of memory. */
ACTNET_API
int actnet_format_list(actnet_buffer *b, unsigned holds, unsigned how,
                       const char *sep, const char *last);

/* ---- the network ---- */

typedef struct actnet_network actnet_network;

/*
 * The network of counts, which it takes: counts belong to the network
 * from this call on (also on failure) and must not be used or destroyed
 * by the caller.  Nodes are sorted by id, edges by their ends, so the
 * network does not depend on the order in which documents were counted.
 * Attributes are those `actnet build` writes (doc/DESIGN.md; graph
 * "network", nodes "id", "label", "type", "mentions", ..., edges
 * "weight", ...).  On ACTNET_OK *out is the caller's, freed with
 * actnet_network_destroy; else ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_create(actnet_counts *counts,
                                    actnet_network **out,
                                    actnet_error *err);

/*
 * A network read from GraphML in fp (the caller's; name is used in
 * errors), such as actnet_network_write or `actnet build` wrote.  On
 * ACTNET_OK *out is the caller's; ACTNET_ERR_DATA when fp holds no
 * GraphML igraph can read, ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_read_graphml(FILE *fp, const char *name,
                                          actnet_network **out,
                                          actnet_error *err);

/* Frees the network and all it owns.  Accepts NULL. */
ACTNET_API
void actnet_network_destroy(actnet_network *net);

/* The filters; each applies to what the one before left. */
typedef struct actnet_filter {
    unsigned types;         /* 1. keep nodes of these types: bits
                               1u << actnet_entity_type; 0 = all */
    double min_mentions;    /* 2. keep nodes mentioned at least so often */
    double min_weight;      /* 3. keep edges at least this heavy */
    const char *ego;        /* 4. keep nodes at most radius steps from the
                               node of this id (or label); NULL = none */
    int radius;             /*    (>= 0; 1 by default) */
    int64_t top;            /* 5. keep the N most mentioned nodes (ties:
                               smaller id first); 0 = all */
    int giant;              /* 6. keep the largest connected component */
} actnet_filter;

/* No filter, radius 1. */
ACTNET_API
void actnet_filter_init(actnet_filter *f);
/* Parses a comma-separated list of types (person, organisation or
 * organization, country, place) into a mask for actnet_filter.types:
 * ACTNET_OK, or ACTNET_ERR_USAGE at an unknown name. */
ACTNET_API
actnet_status actnet_types_parse(const char *list, unsigned *mask);

/*
 * Applies the filters of f (copied; nothing retained) to the network.
 * Dropping a node drops its edges.  ACTNET_OK, ACTNET_ERR_DATA when the
 * ego is not a node (err says how to name one), ACTNET_ERR_USAGE after
 * actnet_network_layout (lay out last), ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_filter(actnet_network *net,
                                    const actnet_filter *f,
                                    actnet_error *err);

/* What actnet_network_analyse computes. */
typedef struct actnet_analyse_options {
    uint32_t measures;          /* mask of ACTNET_MEASURE_BIT; those that
                                   do not apply to the network are skipped
                                   (reported) */
    actnet_community community; /* the "community" node attribute */
    double cutoff;              /* path measures: > 0 only paths up to
                                   this length; 0 all */
    long sample;                /* path measures: < 0 exact up to a size,
                                   then estimated from a seeded sample;
                                   0 exact; > 0 from this many sources */
    unsigned long seed;         /* of the communities and the sample */
} actnet_analyse_options;

/* No measures, Leiden communities, no cutoff, automatic sample, seed 42
 * (the defaults of `actnet build --measures` less the measures). */
ACTNET_API
void actnet_analyse_options_init(actnet_analyse_options *o);

/* What actnet_network_analyse did. */
typedef struct actnet_analyse_report {
    uint32_t computed;          /* mask of the measures computed */
    uint32_t skipped;           /* asked for but not defined here */
    int64_t path_sources;       /* > 0: path measures estimated from so
                                   many sampled sources */
    double path_cutoff;         /* > 0: path measures with this cutoff */
    unsigned long path_seed;    /* the seed of the sample */
    int64_t communities;        /* communities found; 0 when none asked */
    double modularity;          /* of the partition; NaN when none */
} actnet_analyse_report;

/*
 * Computes the measures (and the communities) of o and stores each as a
 * numeric node attribute named by actnet_measure_name ("community" for
 * the community, numbered by size from 0).  report may be NULL.
 * ACTNET_OK, ACTNET_ERR_DATA when an edge weight is not a finite number
 * > 0 (err names the edge), ACTNET_ERR_USAGE after actnet_network_layout,
 * ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_analyse(actnet_network *net,
                                     const actnet_analyse_options *o,
                                     actnet_analyse_report *report,
                                     actnet_error *err);

/* 1 when measure m is defined for the network (directed measures need
 * the acts-on network, hostility and cooperation also its numeric edge
 * attribute "polarity"), else 0. */
ACTNET_API
int actnet_network_measure_applies(actnet_network *net, actnet_measure m);

/*
 * How the writers draw nodes: sized by the numeric node attribute
 * size_by ("mentions" when NULL), coloured by type, or by community when
 * color_by is "community" and the network has that attribute.  Both
 * strings are copied.  ACTNET_OK, ACTNET_ERR_USAGE (color_by other than
 * NULL, "type" or "community"), ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_set_style(actnet_network *net,
                                       const char *size_by,
                                       const char *color_by,
                                       actnet_error *err);

/*
 * Lays the network out (seeded force-directed layout: one network, one
 * picture) as the numeric node attributes "x" and "y", which the writers
 * give as positions.  The last step: filter and analyse refuse a network
 * laid out.  ACTNET_OK or ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_layout(actnet_network *net, actnet_error *err);

/*
 * Writes the network to fp (the caller's, not closed) in format f, the
 * rows formatted on `threads` threads (0 or 1: the calling one; the bytes
 * are the same for any number).  ACTNET_OK, ACTNET_ERR_USAGE for
 * ACTNET_FORMAT_CSV (two files: write CSV_NODES and CSV_EDGES),
 * ACTNET_ERR_IO, ACTNET_ERR_NOMEM.
 */
ACTNET_API
actnet_status actnet_network_write(actnet_network *net, actnet_format f,
                                   FILE *fp, unsigned threads,
                                   actnet_error *err);

/*
 * The same to the file path, written whole or not at all: into a
 * temporary file beside it, renamed over path only when complete.
 * ACTNET_FORMAT_CSV writes two files, path with ".csv" (if any) replaced
 * by ".nodes.csv" and ".edges.csv".  Errors as actnet_network_write, err
 * naming the file.
 */
ACTNET_API
actnet_status actnet_network_write_path(actnet_network *net,
                                        actnet_format f, const char *path,
                                        actnet_error *err);

/*
 * Reading the network.  The functions below take a non-const network
 * because the first read after a change builds its read view (a failure
 * to do so, out of memory only, reads as an empty network).  Strings are
 * owned by the network and valid until it is next filtered, analysed,
 * styled, laid out or destroyed.
 */
ACTNET_API
int actnet_network_is_directed(actnet_network *net);
ACTNET_API
size_t actnet_network_node_count(actnet_network *net);
ACTNET_API
size_t actnet_network_edge_count(actnet_network *net);

/* The ends of edge e (node indices; from -> to in a directed network,
 * from <= to otherwise).  ACTNET_OK or ACTNET_ERR_USAGE (e out of range). */
ACTNET_API
actnet_status actnet_network_edge_ends(actnet_network *net, size_t e,
                                       size_t *from, size_t *to);

/* Whose attributes. */
typedef enum actnet_attr_scope {
    ACTNET_ATTR_GRAPH = 0,      /* one row */
    ACTNET_ATTR_NODE = 1,       /* a row per node */
    ACTNET_ATTR_EDGE = 2        /* a row per edge */
} actnet_attr_scope;

typedef enum actnet_attr_type {
    ACTNET_ATTR_NUMBER = 0,
    ACTNET_ATTR_STRING = 1,
    ACTNET_ATTR_BOOLEAN = 2
} actnet_attr_type;

/* Attributes of a scope in the order they were made (the order the
 * writers use); names starting with '_' are internal and not listed. */
ACTNET_API
size_t actnet_network_attr_count(actnet_network *net,
                                 actnet_attr_scope scope);
/* Attribute i's name, or NULL when i is out of range. */
ACTNET_API
const char *actnet_network_attr_name(actnet_network *net,
                                     actnet_attr_scope scope, size_t i);
/* Attribute i's type (actnet_attr_type), or -1 when i is out of range. */
ACTNET_API
int actnet_network_attr_type(actnet_network *net, actnet_attr_scope scope,
                             size_t i);
/* The index of the attribute named name, or (size_t)-1 when none. */
ACTNET_API
size_t actnet_network_attr_find(actnet_network *net,
                                actnet_attr_scope scope, const char *name);
/*
 * Attribute i of row `row` (0 for the graph): as a number (NaN when the
 * attribute is not a number or out of range), a string (NULL when not a
 * string or out of range) or a boolean (1 / 0; -1 when not a boolean or
 * out of range).
 */
ACTNET_API
double actnet_network_attr_number(actnet_network *net,
                                  actnet_attr_scope scope, size_t i,
                                  size_t row);
ACTNET_API
const char *actnet_network_attr_string(actnet_network *net,
                                       actnet_attr_scope scope, size_t i,
                                       size_t row);
ACTNET_API
int actnet_network_attr_boolean(actnet_network *net,
                                actnet_attr_scope scope, size_t i,
                                size_t row);

#ifdef __cplusplus
}
#endif

#endif /* ACTNET_H */
