/*
 * rules.h — the rule set in memory (private).
 *
 * rules.c parses YAML rule files (libyaml) into these structures and
 * validates them: every value is checked where it is read, so each error
 * names file:line:col.  match.c then compiles the phrases into token
 * automata (an_rules_build_gazetteer).  The rule language is documented
 * in rules/README.md.
 *
 * Ownership: everything reachable from an actnet_rules is owned by it and
 * freed by actnet_rules_destroy.  Every string of the parsed rules (ids,
 * names, phrase texts, ...) and the phrase arrays of entities and agents
 * live in its arena (freed at once); other arrays are malloc'ed.
 */
#ifndef ACTNET_RULES_H
#define ACTNET_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "actnet.h"
#include "core/util.h"

struct an_matcher;
struct an_relations;

/* Where a rule element was written.  path points into the rules' paths. */
typedef struct an_loc {
    const char *path;
    int line, col;  /* 1-based */
} an_loc;

/*
 * Time.  A date is a number YYYYMMDD (1987-10-12 is 19871012), so dates
 * compare as numbers; 0 stands for "no date" (an undated document).  A
 * validity holds the first and last day (both inclusive) on which a rule
 * applies; an open side is AN_DATE_MIN or AN_DATE_MAX.  An undated
 * document sees every rule.
 */
#define AN_DATE_MIN 1
#define AN_DATE_MAX 99991231
typedef struct an_validity {
    int32_t from, until;
} an_validity;

/* Does validity v apply on date (YYYYMMDD, 0 = undated: always)? */
static inline int an_valid_on(an_validity v, int32_t date)
{
    return !date || (date >= v.from && date <= v.until);
}

/*
 * The date that text s (len bytes) starts with, "YYYY-MM-DD" (anything
 * may follow: a time, a zone), as YYYYMMDD; "YYYY-MM" and "YYYY" give
 * their first day.  0 when s starts with no such date.
 */
int32_t an_rules_date(const char *s, size_t len);

/* A phrase as written in a rule file (alias, verb, list item, ...). */
typedef struct an_phrase {
    char *text;
    an_loc loc;
    int case_insensitive;     /* from its owner (entity, agent, list) or,
                                 for ignore phrases, from its file */
    uint32_t valid;           /* index into the rules' valids: when the
                                 phrase names its owner (0: always) */
} an_phrase;

/* Phrases in a row (16 bytes: a rule set may hold millions of sets). */
typedef struct an_phrases {
    an_phrase *items;
    uint32_t n, cap;
} an_phrases;

/* A dated role of an entity (roles: section of an entity): what its
 * CAMEO-style code and country are between two dates. */
typedef struct an_role {
    char *code;               /* "DEUGOV", or NULL */
    char *country;            /* id of a country entity, or NULL */
    an_validity valid;
    an_loc loc;
    uint32_t country_idx;     /* after compile: gaz index, or UINT32_MAX */
} an_role;

/* A gazetteer entity (entities: section). */
typedef struct an_entity_rule {
    char *id;
    char *name;               /* node label; also matched as an alias */
    char *country;            /* id of another entity (type country), or NULL */
    char *kind;               /* optional free attribute (e.g. "news"), or NULL */
    actnet_entity_type type;
    int case_insensitive;     /* from the entity, else from the file */
    an_phrases aliases;
    an_phrases adjectives;    /* countries only: demonyms */
    an_phrases metonyms;      /* countries (or organisations): capitals, seats */
    an_phrases shared;        /* phrases of this entity knowingly shared with
                                 another entity: no ambiguity warning (each
                                 is also among name/aliases/adjectives/
                                 metonyms) */
    an_loc loc;               /* of the "id" value */
    an_loc country_loc;       /* of the "country" value (if any) */
    char *code;               /* default actor code (CAMEO), or NULL */
    an_role *roles;           /* in the rules' arena */
    uint32_t n_roles;
    uint32_t dated_roles;     /* roles with a from or an until */
    an_validity valid;        /* when the entity exists (from/until) */
    int from_dict;            /* read from a TABARI/PETRARCH dictionary */
    int by_surname;           /* persons: known by the surname alone
                                 ("Putin said"), so a bare surname needs
                                 no full name earlier in the document */
} an_entity_rule;

/* A generic actor that combines with a country (agents: section). */
typedef struct an_agent_rule {
    char *id;
    char *name;
    int case_insensitive;
    an_phrases aliases;
    an_loc loc;
    int from_dict;            /* read from a TABARI/PETRARCH dictionary */
} an_agent_rule;

/* A named word/phrase list (lists: section). */
typedef struct an_list_rule {
    char *name;
    int case_insensitive;
    an_phrases items;
    an_loc loc;
} an_list_rule;

typedef enum an_elem_kind {
    AN_ELEM_LIST = 0,     /* list: NAME  — a phrase from a named list */
    AN_ELEM_WORDS,        /* word: W / words: [W...] — literal phrases */
    AN_ELEM_CAPITALISED,  /* capitalised: N or N-M — capitalised words */
    AN_ELEM_ENTITY        /* entity: TYPE — a gazetteer mention of a type */
} an_elem_kind;

/* One element of a discovery pattern's token sequence. */
typedef struct an_pattern_elem {
    an_elem_kind kind;
    size_t list;              /* AN_ELEM_LIST: index into rules->lists */
    an_phrases words;         /* AN_ELEM_WORDS */
    unsigned min, max;        /* AN_ELEM_CAPITALISED: word count range */
    actnet_entity_type entity_type; /* AN_ELEM_ENTITY */
    size_t *except;           /* CAPITALISED: list indices of words that
                                 do not count (weekdays, months, ...) */
    size_t n_except;
    size_t *particles;        /* CAPITALISED: list indices of the particle
                                 phrases that may stand between its
                                 capitalised words ("von der", "de") */
    size_t n_particles;
    int name;                 /* these tokens form the entity's name */
    int optional;
    int sentence_start;       /* CAPITALISED: may start a match at the
                                 first word of a sentence */
    an_loc loc;
    char *list_name;          /* AN_ELEM_LIST: the name as written;
                                 resolved to `list` by compile */
    an_loc list_loc;          /* of the list name */
    an_phrases except_names;  /* CAPITALISED: list names as written;
                                 resolved to `except` by compile */
    an_phrases particle_names;/* CAPITALISED: list names as written;
                                 resolved to `particles` by compile */
} an_pattern_elem;

/* A discovery pattern (patterns: section). */
typedef struct an_pattern_rule {
    char *id;
    actnet_entity_type type;
    an_pattern_elem *elems;
    size_t n_elems;
    an_loc loc;
} an_pattern_rule;

/* A relation (relations: section); used by the acts-on network. */
typedef struct an_relation_rule {
    char *id;
    char *label;
    int polarity;             /* -1, 0, +1 */
    char *cls;                /* verbal-cooperation, material-conflict, ... */
    int symmetric;
    an_phrases verbs;         /* lemmas; inflections matched */
    an_phrases nouns;         /* relation nouns ("support for") */
    char *cameo;              /* CAMEO event codes, comma-separated, the
                                 first the main one ("042,043"), or NULL */
    an_loc loc;
} an_relation_rule;

/* A row of the CAMEO -> PLOVER table (plover: section). */
typedef struct an_plover_rule {
    char *cameo;              /* the CAMEO code ("0311") */
    char *event;              /* PLOVER event type ("AGREE") */
    char *mode;               /* PLOVER mode ("visit"), or NULL */
    char *context;            /* contexts, comma-separated, or NULL */
    an_loc loc;
} an_plover_rule;

/* Irregular forms of a verb lemma (inflections: section). */
typedef struct an_inflection_rule {
    char *lemma;
    an_phrases forms;         /* irregular forms (met, held, ...) */
    an_loc loc;               /* of the lemma */
} an_inflection_rule;

/*
 * The word classes of a language: section (rules/README.md), in the
 * order of an_word_class_names (rules.c).  The loader only collects the
 * words; relations.c gives each class its meaning for the relate stage.
 */
typedef enum an_word_class {
    AN_WC_AUXILIARY = 0, AN_WC_BE, AN_WC_PERFECT, AN_WC_MODAL,
    AN_WC_NEGATOR, AN_WC_NOUN_NEGATOR, AN_WC_PRONOUN, AN_WC_ARTICLE,
    AN_WC_DETERMINER, AN_WC_PREPOSITION, AN_WC_INFINITIVE,
    AN_WC_PASSIVE_AGENT, AN_WC_GENITIVE, AN_WC_CONJUNCTION,
    AN_WC_CONTRASTIVE, AN_WC_RELATIVE, AN_WC_COMPLEMENTISER,
    AN_WC_SUBORDINATOR, AN_WC_HEDGE, AN_WC_SPEECH, AN_WC_REFUSAL,
    AN_WC_LIGHT, AN_WC_PROMISE, AN_WC_ADVERB, AN_WC_DIRECTED, AN_WC_INDEFINITE,
    AN_WC_RECIPROCAL, AN_WC_N
} an_word_class;

/* The key of each word class in a language: section. */
extern const char *const an_word_class_names[AN_WC_N];

/* The default rules' language.yaml (generated by src/rules/embed.py):
 * a rule set with relations but no language: section loads it. */
extern const unsigned char an_builtin_language[];
extern const size_t an_builtin_language_len;

/* One gazetteer entity after compile: the public view plus its origin. */
typedef struct an_gaz_entity {
    actnet_entity pub;
    int is_agent;             /* an agent: combines with a country */
    uint32_t country_idx;     /* index of the country entity, or UINT32_MAX */
    int by_surname;           /* an_entity_rule.by_surname */
} an_gaz_entity;

/* What a compiled phrase in the gazetteer matcher stands for. */
typedef enum an_phrase_kind {
    AN_PH_ALIAS = 0,   /* target: gazetteer entity index */
    AN_PH_ADJECTIVE,   /* target: country entity index */
    AN_PH_METONYM,     /* target: entity index */
    AN_PH_AGENT,       /* target: gazetteer index of the agent */
    AN_PH_IGNORE,      /* target: unused */
    AN_PH_LIST,        /* target: list index (lists matcher) */
    AN_PH_WORDS        /* target: (pattern << 8) | element (words matcher) */
} an_phrase_kind;

struct actnet_rules {
    int poisoned;             /* a load or compile failed: unusable */
    int compiled;

    an_arena arena;           /* the parsed rules' strings, and the
                                 phrase arrays of entities and agents */
    an_buf paths;             /* arena of file paths (an_loc.path) */
    char **path_list;         /* the paths, to free */
    size_t n_paths, cap_paths;

    an_entity_rule *entities;
    size_t n_entities, cap_entities;
    /* by_surname: section: ids of persons known by the surname alone (the
     * same as by_surname: true on the entity, kept apart so the list can
     * be curated without touching the entities) */
    struct an_id_ref { char *id; an_loc loc; } *by_surname;
    size_t n_by_surname, cap_by_surname;
    an_agent_rule *agents;
    size_t n_agents, cap_agents;
    an_list_rule *lists;
    size_t n_lists, cap_lists;
    an_phrases ignore;
    int ignore_case_insensitive; /* 1 when every ignore phrase is case-
                                    insensitive; see an_phrase */
    an_phrases abbreviations; /* written with or without the final period */
    an_pattern_rule *patterns;
    size_t n_patterns, cap_patterns;
    an_relation_rule *relations;
    size_t n_relations, cap_relations;
    an_inflection_rule *inflections; /* one per lemma (merged across files) */
    size_t n_inflections, cap_inflections;
    /* language: sections, merged across files (the relate stage's
     * function words and stemmer) */
    int has_language;         /* a file has a language: section */
    an_loc language_loc;      /* of the first one's key */
    char *stemmer;            /* Snowball algorithm name, or NULL */
    an_loc stemmer_loc;
    an_phrases words[AN_WC_N];/* the words of each class, each one word */
    an_plover_rule *plover;   /* CAMEO -> PLOVER rows, in load order */
    size_t n_plover, cap_plover;

    actnet_error *warnings;
    size_t n_warnings, cap_warnings;

    an_validity *valids;      /* validities of phrases (an_phrase.valid)
                                 and of gazetteer entries; [0] is always */
    size_t n_valids, cap_valids;
    int has_time;             /* some rule has a validity or dated role */
    an_strmap dict_ids;       /* ids taken, for the dictionary readers
                                 (dict.c): id -> entity index, or
                                 UINT32_MAX for an agent */
    int dict_ids_seeded;

    /* ---- built by an_rules_build_gazetteer (match.c) ---- */
    an_gaz_entity *gaz;       /* entities then agents */
    size_t n_gaz;
    an_strmap gaz_ids;        /* id -> index into gaz (made by
                                 actnet_rules_compile's check of unique
                                 ids, before the gazetteer) */
    struct an_matcher *gazetteer; /* aliases, adjectives, metonyms, agents,
                                     ignore */
    struct an_matcher *lists_m;   /* list items (AN_PH_LIST) and pattern
                                     words (AN_PH_WORDS) */
    an_strmap abbrevs;        /* normalised abbreviations, no final period */
    an_strmap surnames;       /* folded surname -> gaz index, or
                                 UINT32_MAX when ambiguous, or
                                 AN_SN_MULTI + offset into sn_multi */
    uint32_t *sn_multi;       /* surnames of several persons with dates:
                                 count, then that many gaz indices */
    size_t n_sn_multi;
    size_t n_alias_phrases;

    /* ---- built by an_rules_build_relations (relate.c) ---- */
    struct an_relations *rel; /* compiled verb / noun phrases, or NULL
                                 when there are no relations */
};

#define AN_SN_MULTI 0x80000000u

/* Adds validity v to r->valids; its index (0 for "always"), or UINT32_MAX
 * when out of memory. */
uint32_t an_rules_add_valid(actnet_rules *r, an_validity v);

/* Is gazetteer entity g (an index into r->gaz) valid on date, i.e. does it
 * exist then (its from/until)?  Agents and undated dates: always. */
int an_rules_entity_valid(const actnet_rules *r, uint32_t g, int32_t date);

/*
 * Is gazetteer person g current on date: valid then and, when it has
 * dated roles (terms of office), within one of them?  A person with no
 * dated role is current whenever valid.  Undated (0): always.
 */
int an_rules_entity_current(const actnet_rules *r, uint32_t g, int32_t date);

/*
 * The gazetteer person a bare surname (folded form fold, len bytes)
 * resolves to on date, or UINT32_MAX.  Undated: the one person with that
 * surname, if exactly one.  Dated: the one person with that surname
 * current on that date (an_rules_entity_current), if exactly one.  A
 * surname that is also a one-token phrase of another entity resolves to
 * no one.
 */
uint32_t an_rules_surname(const actnet_rules *r, const char *fold,
                          size_t len, int32_t date);

/* The role of entity g on date (the first dated role covering it, else
 * the first undated one), or NULL. */
const an_role *an_rules_role_on(const actnet_rules *r, uint32_t g,
                                int32_t date);

/* Adds a warning (copied) to the rule set; 0 / -1 when out of memory. */
int an_rules_warn(actnet_rules *r, const char *path, int line, int col,
                  const char *fmt, ...) AN_PRINTF(5, 6);

/*
 * Builds gaz, the matchers, abbrevs and surnames from the parsed
 * rules, and warns about ambiguous aliases.  Called by
 * actnet_rules_compile after cross-reference checks.  (match.c)
 */
actnet_status an_rules_build_gazetteer(actnet_rules *r, actnet_error *err);

/*
 * Compiles the relations into r->rel: every verb and noun phrase as a
 * sequence of word ids keyed by the stems of the language's stemmer,
 * the irregular forms of the inflections and the function words.  Called by actnet_rules_compile
 * after an_rules_build_gazetteer; warns about a phrase that belongs to
 * two relations.  (relate.c)
 */
actnet_status an_rules_build_relations(actnet_rules *r, actnet_error *err);
/* Frees r->rel (and sets it to NULL); actnet_rules_destroy calls it. */
void an_rules_free_relations(actnet_rules *r);

#endif /* ACTNET_RULES_H */
