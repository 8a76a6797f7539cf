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

#ifdef __cplusplus
extern "C" {
#endif

#define ACTNET_VERSION "0.1.0"

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
void actnet_error_clear(actnet_error *err);

/* A short English name of a status ("out of memory", ...); static string. */
const char *actnet_status_string(actnet_status status);

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
actnet_rules *actnet_rules_create(void);

/* Frees the rule set and everything it owns.  Accepts NULL. */
void actnet_rules_destroy(actnet_rules *rules);

/*
 * Loads a rule file, or every *.yaml file of a directory (recursively, in
 * sorted order), into the rule set.  May be called several times before
 * actnet_rules_compile.  On failure err names file:line:col and the rule
 * set is poisoned: compile refuses it and the caller must destroy it, so a
 * bad rule set is never half-used.
 */
actnet_status actnet_rules_load(actnet_rules *rules, const char *path,
                                actnet_error *err);

/*
 * Loads rules from memory; name is used as the path in errors.  Same
 * contract as actnet_rules_load.  The buffer is copied as needed.
 */
actnet_status actnet_rules_load_string(actnet_rules *rules, const char *name,
                                       const char *yaml, size_t len,
                                       actnet_error *err);

/*
 * Checks cross-references (country ids, list names) and compiles the
 * gazetteer automaton.  After success the rule set is read-only and may be
 * shared by several extractors (also across threads).  On failure the rule
 * set is poisoned as for load.
 */
actnet_status actnet_rules_compile(actnet_rules *rules, actnet_error *err);

/*
 * Warnings found by load and compile (an alias that belongs to two
 * entities, ...).  Each message names both locations.  Owned by the rules.
 */
size_t actnet_rules_warning_count(const actnet_rules *rules);
const actnet_error *actnet_rules_warning(const actnet_rules *rules, size_t i);

/* Number of gazetteer entities (entities and agents) after compile. */
size_t actnet_rules_entity_count(const actnet_rules *rules);
/* Number of distinct alias phrases compiled into the automaton. */
size_t actnet_rules_alias_count(const actnet_rules *rules);

/*
 * Appends every alias phrase of the compiled rules, one per line, to out
 * (for the grep reference of the benchmark).  Returns the number written.
 */
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
                                 document (default 0) */
} actnet_reader_options;

/* Fills options with the defaults. */
void actnet_reader_options_init(actnet_reader_options *opts);

typedef struct actnet_reader actnet_reader;

/*
 * A new reader over no inputs; opts is copied (its strings must outlive
 * the reader).  NULL when out of memory.
 */
actnet_reader *actnet_reader_create(const actnet_reader_options *opts);
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
actnet_status actnet_reader_add(actnet_reader *reader, const char *path,
                                actnet_error *err);

/*
 * Reads the next document into doc.  Returns ACTNET_OK with doc filled,
 * ACTNET_DONE at the end, or ACTNET_ERR_DATA / ACTNET_ERR_IO when one
 * document or input had to be skipped: err names it and says why, and the
 * caller may call next again to go on.  ACTNET_ERR_NOMEM is fatal.
 * Invalid UTF-8 is not an error here; the pipeline repairs it.
 */
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
size_t actnet_reader_repaired(const actnet_reader *reader,
                              actnet_error *where);

/*
 * Bytes the reader has consumed from its inputs so far (for gzip files,
 * compressed bytes), for progress reports; 0 for NULL.
 */
uint64_t actnet_reader_bytes_read(const actnet_reader *reader);

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
actnet_extractor *actnet_extractor_create(const actnet_rules *rules);
void actnet_extractor_destroy(actnet_extractor *ex);

/*
 * Runs the pipeline over one document; the results below stay valid until
 * the next run or destroy.  The document is not retained.  Invalid UTF-8
 * is repaired (each bad byte counts as U+FFFD; offsets stay those of the
 * original bytes) and reported through actnet_extractor_repaired.
 */
actnet_status actnet_extractor_run(actnet_extractor *ex,
                                   const actnet_document *doc,
                                   actnet_error *err);

/* Mentions of the last run, in text order. */
size_t actnet_extractor_mention_count(const actnet_extractor *ex);
const actnet_mention *actnet_extractor_mentions(const actnet_extractor *ex);

/* Sentences and tokens of the last run. */
size_t actnet_extractor_sentence_count(const actnet_extractor *ex);
/* Byte span of sentence i (0-based) in the original text. */
void actnet_extractor_sentence_span(const actnet_extractor *ex, size_t i,
                                    size_t *start, size_t *end);
size_t actnet_extractor_token_count(const actnet_extractor *ex);

/*
 * Turns the relate stage (acts-on events) on, the default, or off for the
 * runs that follow.  Off, actnet_extractor_events is always empty and
 * runs are faster: for callers that need the entity mentions only.
 */
void actnet_extractor_set_events(actnet_extractor *ex, int on);

/* Number of invalid UTF-8 bytes repaired in the last run. */
size_t actnet_extractor_repaired(const actnet_extractor *ex);

/*
 * The entity with index idx (as in actnet_mention.entity).  Indices are
 * stable for the extractor's life: gazetteer entities first, then entities
 * created by agents and patterns as they are seen.  NULL if out of range.
 */
const actnet_entity *actnet_extractor_entity(const actnet_extractor *ex,
                                             uint32_t idx);
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
size_t actnet_rules_relation_count(const actnet_rules *rules);
/* Relation idx (as in actnet_event.relation), or NULL if out of range. */
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
} actnet_event;

/* Events of the last run, in text order; owned by the extractor and
 * valid until the next run or destroy. */
size_t actnet_extractor_event_count(const actnet_extractor *ex);
const actnet_event *actnet_extractor_events(const actnet_extractor *ex);

#ifdef __cplusplus
}
#endif

#endif /* ACTNET_H */
