/*
 * aggregate.c — the aggregate stage: node and edge counts of a corpus,
 * fed one document at a time, in memory proportional to the graph: the
 * co-occurrence edges of the windows, or the acts-on edges of the relate
 * stage's events.  See aggregate.h for the exact meaning of windows,
 * weights, dates, evidence and acts-on edges.
 */
#include "net/aggregate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "core/util.h"
#include "text/format.h"

/* One mention as the pair loops see it. */
typedef struct an_mv {
    uint32_t node;      /* node index */
    uint32_t tok;       /* token start */
    uint32_t sent;      /* sentence */
    uint32_t win;       /* window number (sentence, paragraph or 0) */
} an_mv;

/* One window occurrence of a pair of nodes a < b, in sentences s1, s2
 * (of the mentions of a and b), and the edge it was interned as. */
typedef struct an_pair {
    uint32_t a, b;
    uint32_t s1, s2;
    uint32_t edge;
} an_pair;

/* A slot of the edge hash table; edge == 0 marks an empty slot. */
typedef struct an_eslot {
    uint32_t a, b;
    uint32_t edge;      /* edge index + 1 */
} an_eslot;

/* One acts-on event as the counting loops see it. */
typedef struct an_ev {
    uint32_t actor, target, relation;   /* node, node, relation indices */
    uint32_t sentence;
    uint32_t act;                       /* the edge it was interned as */
    uint8_t negated, hedged, reversed;
    size_t slot;                        /* where its edge's search starts */
} an_ev;

/* A slot of the acts-on edge hash; act == 0 marks an empty slot. */
typedef struct an_aslot {
    uint32_t actor, target, relation;
    uint32_t act;       /* act index + 1 */
} an_aslot;

/*
 * Cache of entity index -> node index.  Within a document (stamp is the
 * current one) it is the answer.  From an earlier document it is only a
 * hint, used when the entity's content shows that interning it again
 * would change nothing (same_entity): the cache never needs to know
 * whether the source is still the same extractor.
 */
typedef struct an_ecache {
    uint64_t stamp;     /* the document in which node was last settled */
    uint32_t node;      /* node index + 1; 0 = none yet (in the document
                           of stamp: no such entity, mention ignored) */
} an_ecache;

/* An entity index met first in the current document (resolve_firsts). */
typedef struct an_first {
    uint32_t idx;       /* entity index */
    uint32_t hint;      /* its node + 1 of an earlier document, or 0 */
    const actnet_entity *ent;
} an_first;

struct an_agg {
    an_agg_options opts;
    an_agg_node *nodes;
    size_t n_nodes, cap_nodes;
    an_strmap ids;              /* cleaned node id -> node index */
    an_agg_edge *edges;
    size_t n_edges, cap_edges;
    an_eslot *slots;            /* edge hash, keys inline (one cache miss) */
    size_t cap_slots;           /* power of two */
    an_agg_stats stats;
    uint64_t stamp;             /* documents counted so far */

    /* acts-on network */
    an_agg_relation *rels;
    size_t n_rels, cap_rels;
    an_strmap rel_ids;          /* relation id -> relation index */
    an_agg_act *acts;
    size_t n_acts, cap_acts;
    an_aslot *aslots;           /* act hash, keys inline */
    size_t cap_aslots;          /* power of two */

    /* per-document scratch, reused */
    an_mv *mv;
    size_t cap_mv;
    an_mv *distinct;
    size_t cap_distinct;
    an_pair *pairs;             /* the document's window occurrences */
    size_t n_pairs, cap_pairs;
    an_ev *evs;                 /* the document's counted events */
    size_t cap_evs;
    uint32_t *rcache;           /* relation index -> relation + 1 of the
                                   last event with it (a hint) */
    size_t cap_rcache;
    an_ecache *ecache;
    size_t cap_ecache;
    an_first *firsts;
    size_t cap_firsts;
    an_buf doc_id;              /* the cleaned id of the current document */
    an_buf raw;                 /* evidence text before capping */
    an_buf text;                /* evidence text, cleaned and capped */
    an_buf scratch;             /* cleaning of ids and labels */
};

/* ---- windows and dates ---------------------------------------------------- */

int an_window_parse(const char *s, an_window *w)
{
    if (!s)
        return -1;
    if (!strcmp(s, "sentence")) {
        w->kind = AN_WINDOW_SENTENCE;
    } else if (!strcmp(s, "paragraph")) {
        w->kind = AN_WINDOW_PARAGRAPH;
    } else if (!strcmp(s, "document")) {
        w->kind = AN_WINDOW_DOCUMENT;
    } else {
        unsigned long v = 0;
        if (!*s)
            return -1;
        for (const char *p = s; *p; p++) {
            if (*p < '0' || *p > '9' || v > 100000)
                return -1;
            v = v * 10 + (unsigned long)(*p - '0');
        }
        if (v < 1 || v > 100000)
            return -1;
        w->kind = AN_WINDOW_TOKENS;
        w->tokens = (uint32_t)v;
        return 0;
    }
    w->tokens = 0;
    return 0;
}

const char *an_window_name(const an_window *w, char *buf, size_t size)
{
    switch (w->kind) {
    case AN_WINDOW_SENTENCE: snprintf(buf, size, "sentence"); break;
    case AN_WINDOW_PARAGRAPH: snprintf(buf, size, "paragraph"); break;
    case AN_WINDOW_DOCUMENT: snprintf(buf, size, "document"); break;
    case AN_WINDOW_TOKENS:
        snprintf(buf, size, "%u tokens", (unsigned)w->tokens);
        break;
    }
    return buf;
}

int an_network_parse(const char *s, an_network *n)
{
    if (s && (!strcmp(s, "cooccurrence") || !strcmp(s, "co-occurrence"))) {
        *n = AN_NETWORK_COOCCURRENCE;
        return 0;
    }
    if (s && !strcmp(s, "acts-on")) {
        *n = AN_NETWORK_ACTS_ON;
        return 0;
    }
    return -1;
}

const char *an_network_name(an_network n)
{
    return n == AN_NETWORK_ACTS_ON ? "acts-on" : "cooccurrence";
}

static int digits(const char *s, int n, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 0;
}

int an_date_parse(const char *s, uint32_t *out)
{
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
    unsigned y, m, d;
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
        return -1;
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return -1;
    if (s[10] >= '0' && s[10] <= '9')
        return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

int actnet_date_parse(const char *s, uint32_t *yyyymmdd)
{
    return an_date_parse(s, yyyymmdd);
}

void an_date_format(uint32_t date, char buf[11])
{
    if (!date) {
        buf[0] = '\0';
        return;
    }
    /* "%04u-%02u-%02u" by hand: the graph formats two per edge */
    unsigned y = date / 10000 % 10000, m = date / 100 % 100, d = date % 100;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

/* Widens [*first, *last] to include date (0 = no date). */
static void date_widen(uint32_t *first, uint32_t *last, uint32_t date)
{
    if (!date)
        return;
    if (!*first || date < *first)
        *first = date;
    if (date > *last)
        *last = date;
}

/* ---- create / destroy ---------------------------------------------------- */

void an_agg_options_init(an_agg_options *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->window.kind = AN_WINDOW_SENTENCE;
    opts->evidence_bytes = AN_EVIDENCE_BYTES;
}

an_agg *an_agg_create(const an_agg_options *opts)
{
    if (opts->evidence > AN_EVIDENCE_MAX || opts->evidence_bytes < 16 ||
        (opts->window.kind == AN_WINDOW_TOKENS && opts->window.tokens == 0) ||
        (opts->network != AN_NETWORK_COOCCURRENCE &&
         opts->network != AN_NETWORK_ACTS_ON))
        return NULL;
    an_agg *agg = calloc(1, sizeof(*agg));
    if (!agg)
        return NULL;
    agg->opts = *opts;
    return agg;
}

static void evidence_free(an_agg_evidence *ev)
{
    free(ev->doc);
    free(ev->text);
}

void an_agg_destroy(an_agg *agg)
{
    if (!agg)
        return;
    for (size_t i = 0; i < agg->n_nodes; i++) {
        an_agg_node *n = &agg->nodes[i];
        free(n->id);
        free(n->label);
        free(n->country);
        free(n->kind);
    }
    free(agg->nodes);
    an_strmap_free(&agg->ids);
    for (size_t i = 0; i < agg->n_edges; i++) {
        an_agg_edge *e = &agg->edges[i];
        for (uint32_t k = 0; k < e->n_ev; k++)
            evidence_free(&e->ev[k]);
        free(e->ev);
    }
    free(agg->edges);
    free(agg->slots);
    for (size_t i = 0; i < agg->n_rels; i++) {
        free(agg->rels[i].id);
        free(agg->rels[i].label);
        free(agg->rels[i].cls);
        free(agg->rels[i].cameo);
        free(agg->rels[i].plover_event);
        free(agg->rels[i].plover_mode);
        free(agg->rels[i].plover_context);
    }
    free(agg->rels);
    an_strmap_free(&agg->rel_ids);
    for (size_t i = 0; i < agg->n_acts; i++) {
        an_agg_act *a = &agg->acts[i];
        for (uint32_t k = 0; k < a->n_ev; k++)
            evidence_free(&a->ev[k]);
        free(a->ev);
        free(a->parts);
    }
    free(agg->acts);
    free(agg->aslots);
    free(agg->mv);
    free(agg->distinct);
    free(agg->pairs);
    free(agg->evs);
    free(agg->rcache);
    free(agg->ecache);
    free(agg->firsts);
    an_buf_free(&agg->doc_id);
    an_buf_free(&agg->raw);
    an_buf_free(&agg->text);
    an_buf_free(&agg->scratch);
    free(agg);
}

void an_agg_compact(an_agg *agg)
{
    /* The hash tables cost 16 bytes a slot at a load of at most 1/2, so
     * 32 to 64 bytes an edge: as much as a string column of the graph.
     * slots_room / aslots_room rebuild them from the edge and act arrays
     * when something is counted again. */
    free(agg->slots);
    agg->slots = NULL;
    agg->cap_slots = 0;
    free(agg->aslots);
    agg->aslots = NULL;
    agg->cap_aslots = 0;
}

const an_agg_options *an_agg_get_options(const an_agg *agg)
{
    return &agg->opts;
}

size_t an_agg_node_count(const an_agg *agg) { return agg->n_nodes; }
const an_agg_node *an_agg_nodes(const an_agg *agg) { return agg->nodes; }
size_t an_agg_edge_count(const an_agg *agg) { return agg->n_edges; }
const an_agg_edge *an_agg_edges(const an_agg *agg) { return agg->edges; }
const an_agg_stats *an_agg_get_stats(const an_agg *agg)
{
    return &agg->stats;
}
size_t an_agg_relation_count(const an_agg *agg) { return agg->n_rels; }
const an_agg_relation *an_agg_relations(const an_agg *agg)
{
    return agg->rels;
}
size_t an_agg_act_count(const an_agg *agg) { return agg->n_acts; }
const an_agg_act *an_agg_acts(const an_agg *agg) { return agg->acts; }

/* ---- nodes ------------------------------------------------------------------ */

/* True when s needs no cleaning as a one-line string (printable ASCII). */
static int is_plain(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            return 0;
    return 1;
}

/* A malloc'ed cleaned one-line copy of s; NULL when out of memory. */
static char *clean_dup(an_agg *agg, const char *s)
{
    if (is_plain(s))
        return an_strdup(s);
    agg->scratch.len = 0;
    if (an_clean_text(&agg->scratch, s, strlen(s), AN_CLEAN_ONELINE, 0) ||
        an_buf_terminate(&agg->scratch))
        return NULL;
    return an_strdup(agg->scratch.data);
}

/* Keeps in *slot the smaller of *slot and the cleaned raw (a NULL raw
 * changes nothing; a NULL *slot takes raw).  0 / -1. */
static int settle(an_agg *agg, char **slot, const char *raw)
{
    if (!raw || (*slot && !strcmp(*slot, raw)))
        return 0;
    char *c = clean_dup(agg, raw);
    if (!c)
        return -1;
    if (!*slot || strcmp(c, *slot) < 0) {
        free(*slot);
        *slot = c;
    } else {
        free(c);
    }
    return 0;
}

uint32_t an_agg_node_intern(an_agg *agg, const char *id, const char *label,
                            actnet_entity_type type, const char *country,
                            const char *kind)
{
    char *cid = NULL;
    const char *key = id ? id : "";
    uint32_t idx;
    /* Look a plain id up as it is: no copy for a node already known. */
    if (!is_plain(key)) {
        if (!(cid = clean_dup(agg, key)))
            return UINT32_MAX;
        key = cid;
    }
    if (an_strmap_get(&agg->ids, key, strlen(key), &idx)) {
        an_agg_node *n = &agg->nodes[idx];
        free(cid);
        if (type < n->type)
            n->type = type;
        if (settle(agg, &n->label, label) ||
            settle(agg, &n->country, country) ||
            settle(agg, &n->kind, kind))
            return UINT32_MAX;
        return idx;
    }
    if (!cid && !(cid = an_strdup(key)))
        return UINT32_MAX;
    if (agg->n_nodes >= UINT32_MAX - 1 ||
        AN_RESERVE(agg->nodes, agg->cap_nodes, agg->n_nodes + 1))
        goto fail;
    an_agg_node *n = &agg->nodes[agg->n_nodes];
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->id = cid;
    cid = NULL;
    if (!(n->label = clean_dup(agg, label ? label : n->id)) ||
        (country && !(n->country = clean_dup(agg, country))) ||
        (kind && !(n->kind = clean_dup(agg, kind)))) {
        free(n->id);
        free(n->label);
        free(n->country);
        return UINT32_MAX;
    }
    idx = (uint32_t)agg->n_nodes;
    if (an_strmap_put(&agg->ids, n->id, strlen(n->id), idx, NULL) < 0) {
        free(n->id);
        free(n->label);
        free(n->country);
        free(n->kind);
        return UINT32_MAX;
    }
    agg->n_nodes++;
    return idx;
fail:
    free(cid);
    return UINT32_MAX;
}

void an_agg_node_add_counts(an_agg *agg, uint32_t i, uint64_t mentions,
                            uint64_t documents, uint32_t first,
                            uint32_t last)
{
    an_agg_node *n = &agg->nodes[i];
    n->mentions += mentions;
    n->documents += documents;
    date_widen(&n->first, &n->last, first);
    date_widen(&n->first, &n->last, last);
}

/* ---- edges ------------------------------------------------------------------ */

static uint64_t pair_hash(uint32_t a, uint32_t b)
{
    uint64_t k = (uint64_t)a << 32 | b;
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

static int slots_grow(an_agg *agg)
{
    size_t ncap = agg->cap_slots ? agg->cap_slots * 2 : 1024;
    while (ncap < 2 * agg->n_edges)     /* rebuilt after an_agg_compact */
        ncap *= 2;
    an_eslot *ns = calloc(ncap, sizeof(*ns));
    if (!ns)
        return -1;
    for (size_t i = 0; i < agg->n_edges; i++) {
        const an_agg_edge *e = &agg->edges[i];
        size_t j = (size_t)pair_hash(e->a, e->b) & (ncap - 1);
        while (ns[j].edge)
            j = (j + 1) & (ncap - 1);
        ns[j].a = e->a;
        ns[j].b = e->b;
        ns[j].edge = (uint32_t)i + 1;
    }
    free(agg->slots);
    agg->slots = ns;
    agg->cap_slots = ncap;
    return 0;
}

/* The edge a < b whose pair_hash is h; the table has room for one more
 * edge (slots_room). */
static uint32_t edge_intern_hashed(an_agg *agg, uint32_t a, uint32_t b,
                                   uint64_t h)
{
    size_t mask = agg->cap_slots - 1;
    size_t j = (size_t)h & mask;
    for (; agg->slots[j].edge; j = (j + 1) & mask)
        if (agg->slots[j].a == a && agg->slots[j].b == b)
            return agg->slots[j].edge - 1;
    if (agg->n_edges >= UINT32_MAX - 1 ||
        AN_RESERVE(agg->edges, agg->cap_edges, agg->n_edges + 1))
        return UINT32_MAX;
    an_agg_edge *e = &agg->edges[agg->n_edges];
    memset(e, 0, sizeof(*e));
    e->a = a;
    e->b = b;
    agg->slots[j].a = a;
    agg->slots[j].b = b;
    agg->slots[j].edge = (uint32_t)agg->n_edges + 1;
    return (uint32_t)agg->n_edges++;
}

/* Grows the edge table, if needed, so n more edges fit at load <= 1/2. */
static int slots_room(an_agg *agg, size_t n)
{
    while ((agg->n_edges + n) * 2 > agg->cap_slots)
        if (slots_grow(agg))
            return -1;
    return 0;
}

uint32_t an_agg_edge_intern(an_agg *agg, uint32_t a, uint32_t b)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    if (slots_room(agg, 1))
        return UINT32_MAX;
    return edge_intern_hashed(agg, a, b, pair_hash(a, b));
}

void an_agg_edge_add_counts(an_agg *agg, uint32_t i, uint64_t weight,
                            uint64_t documents, uint32_t first,
                            uint32_t last)
{
    an_agg_edge *e = &agg->edges[i];
    e->weight += weight;
    e->documents += documents;
    date_widen(&e->first, &e->last, first);
    date_widen(&e->first, &e->last, last);
}

void an_agg_stats_add(an_agg *agg, const an_agg_stats *s)
{
    agg->stats.documents += s->documents;
    agg->stats.dated += s->dated;
    agg->stats.bad_dates += s->bad_dates;
    agg->stats.mentions += s->mentions;
    agg->stats.events += s->events;
    agg->stats.left_out += s->left_out;
    date_widen(&agg->stats.first, &agg->stats.last, s->first);
    date_widen(&agg->stats.first, &agg->stats.last, s->last);
}

/* ---- acts-on relations and edges ----------------------------------------- */

uint32_t an_agg_relation_intern(an_agg *agg, const char *id,
                                const char *label, int polarity,
                                const char *cls, int symmetric)
{
    char *cid = clean_dup(agg, id ? id : "");
    uint32_t idx;
    if (!cid)
        return UINT32_MAX;
    polarity = polarity < 0 ? -1 : polarity > 0 ? 1 : 0;
    if (an_strmap_get(&agg->rel_ids, cid, strlen(cid), &idx)) {
        an_agg_relation *r = &agg->rels[idx];
        free(cid);
        if (polarity < r->polarity)
            r->polarity = polarity;
        if (symmetric)
            r->symmetric = 1;
        if (settle(agg, &r->label, label) || settle(agg, &r->cls, cls))
            return UINT32_MAX;
        return idx;
    }
    if (agg->n_rels >= UINT32_MAX - 1 ||
        AN_RESERVE(agg->rels, agg->cap_rels, agg->n_rels + 1)) {
        free(cid);
        return UINT32_MAX;
    }
    an_agg_relation *r = &agg->rels[agg->n_rels];
    memset(r, 0, sizeof(*r));
    r->id = cid;
    r->polarity = polarity;
    r->symmetric = symmetric != 0;
    if (!(r->label = clean_dup(agg, label ? label : cid)) ||
        (cls && !(r->cls = clean_dup(agg, cls))) ||
        an_strmap_put(&agg->rel_ids, cid, strlen(cid),
                      (uint32_t)agg->n_rels, NULL) < 0) {
        free(r->id);
        free(r->label);
        free(r->cls);
        return UINT32_MAX;
    }
    return (uint32_t)agg->n_rels++;
}

int an_agg_relation_codes(an_agg *agg, uint32_t r, const char *cameo,
                          const char *event, const char *mode,
                          const char *context)
{
    an_agg_relation *rel = &agg->rels[r];
    return settle(agg, &rel->cameo, cameo) ||
           settle(agg, &rel->plover_event, event) ||
           settle(agg, &rel->plover_mode, mode) ||
           settle(agg, &rel->plover_context, context) ? -1 : 0;
}

int an_agg_has_codes(const an_agg *agg)
{
    for (size_t i = 0; i < agg->n_rels; i++)
        if (agg->rels[i].cameo || agg->rels[i].plover_event)
            return 1;
    return 0;
}

static uint64_t act_hash(uint32_t actor, uint32_t target, uint32_t rel)
{
    uint64_t k = pair_hash(actor, target) ^
                 ((uint64_t)rel * 0x9e3779b97f4a7c15ull);
    k ^= k >> 29;
    k *= 0xbf58476d1ce4e5b9ull;
    k ^= k >> 32;
    return k;
}

static int aslots_grow(an_agg *agg)
{
    size_t ncap = agg->cap_aslots ? agg->cap_aslots * 2 : 256;
    while (ncap < 2 * agg->n_acts)      /* rebuilt after an_agg_compact */
        ncap *= 2;
    an_aslot *ns = calloc(ncap, sizeof(*ns));
    if (!ns)
        return -1;
    for (size_t i = 0; i < agg->n_acts; i++) {
        const an_agg_act *a = &agg->acts[i];
        size_t j = (size_t)act_hash(a->actor, a->target, a->relation) &
                   (ncap - 1);
        while (ns[j].act)
            j = (j + 1) & (ncap - 1);
        ns[j].actor = a->actor;
        ns[j].target = a->target;
        ns[j].relation = a->relation;
        ns[j].act = (uint32_t)i + 1;
    }
    free(agg->aslots);
    agg->aslots = ns;
    agg->cap_aslots = ncap;
    return 0;
}

/* The act (actor, target, relation) whose act_hash is h (or h masked to
 * the table); the table has room for one more act (aslots_room). */
static uint32_t act_intern_hashed(an_agg *agg, uint32_t actor,
                                  uint32_t target, uint32_t relation,
                                  uint64_t h)
{
    size_t mask = agg->cap_aslots - 1;
    size_t j = (size_t)h & mask;
    for (; agg->aslots[j].act; j = (j + 1) & mask) {
        const an_aslot *sl = &agg->aslots[j];
        if (sl->actor == actor && sl->target == target &&
            sl->relation == relation)
            return sl->act - 1;
    }
    if (agg->n_acts >= UINT32_MAX - 1 ||
        AN_RESERVE(agg->acts, agg->cap_acts, agg->n_acts + 1))
        return UINT32_MAX;
    an_agg_act *a = &agg->acts[agg->n_acts];
    memset(a, 0, sizeof(*a));
    a->actor = actor;
    a->target = target;
    a->relation = relation;
    agg->aslots[j].actor = actor;
    agg->aslots[j].target = target;
    agg->aslots[j].relation = relation;
    agg->aslots[j].act = (uint32_t)agg->n_acts + 1;
    return (uint32_t)agg->n_acts++;
}

/* Grows the act table, if needed, so n more acts fit at load <= 1/2. */
static int aslots_room(an_agg *agg, size_t n)
{
    while ((agg->n_acts + n) * 2 > agg->cap_aslots)
        if (aslots_grow(agg))
            return -1;
    return 0;
}

uint32_t an_agg_act_intern(an_agg *agg, uint32_t actor, uint32_t target,
                           uint32_t relation)
{
    if (actor == target || actor >= agg->n_nodes || target >= agg->n_nodes ||
        (agg->opts.collapse ? relation != AN_AGG_COLLAPSED
                            : relation >= agg->n_rels))
        return UINT32_MAX;
    if (aslots_room(agg, 1))
        return UINT32_MAX;
    return act_intern_hashed(agg, actor, target, relation,
                             act_hash(actor, target, relation));
}

/* Adds weight to the part of relation in a collapsed act.  0 / -1. */
static int part_add(an_agg_act *a, uint32_t relation, uint64_t weight)
{
    for (uint32_t i = 0; i < a->n_parts; i++)
        if (a->parts[i].relation == relation) {
            a->parts[i].weight += weight;
            return 0;
        }
    an_agg_part *p = realloc(a->parts, (a->n_parts + 1) * sizeof(*p));
    if (!p)
        return -1;
    a->parts = p;
    p[a->n_parts].relation = relation;
    p[a->n_parts].weight = weight;
    a->n_parts++;
    return 0;
}

int an_agg_act_add_counts(an_agg *agg, uint32_t ai, uint32_t relation,
                          uint64_t weight, uint64_t negated, uint64_t hedged,
                          uint64_t reversed, uint64_t documents,
                          uint32_t first, uint32_t last)
{
    an_agg_act *a = &agg->acts[ai];
    if (agg->opts.collapse && weight && part_add(a, relation, weight))
        return -1;
    a->weight += weight;
    a->negated += negated;
    a->hedged += hedged;
    a->reversed += reversed;
    a->documents += documents;
    date_widen(&a->first, &a->last, first);
    date_widen(&a->first, &a->last, last);
    return 0;
}

/* ---- evidence ---------------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Natural order of document ids: runs of digits compare by their value
 * ("feed.jsonl:9" before "feed.jsonl:10"), everything else byte by byte;
 * ids equal that way ("x01", "x1") fall back to byte order, so this is a
 * total order.
 */
static int natural_cmp(const char *a, const char *b)
{
    const char *pa = a, *pb = b;
    while (*pa && *pb) {
        if (is_digit(*pa) && is_digit(*pb)) {
            const char *sa = pa, *sb = pb, *ea, *eb;
            while (*sa == '0')
                sa++;
            while (*sb == '0')
                sb++;
            for (ea = sa; is_digit(*ea); ea++)
                ;
            for (eb = sb; is_digit(*eb); eb++)
                ;
            if (ea - sa != eb - sb)
                return ea - sa < eb - sb ? -1 : 1;
            int c = memcmp(sa, sb, (size_t)(ea - sa));
            if (c)
                return c;
            pa = ea;
            pb = eb;
            continue;
        }
        if (*pa != *pb)
            return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
        pa++;
        pb++;
    }
    if (*pa || *pb)
        return *pa ? 1 : -1;
    return strcmp(a, b);
}

/* Compares the key (doc, s1, s2, text) with ev; text NULL compares the
 * first three parts only. */
static int key_cmp(const char *doc, uint32_t s1, uint32_t s2,
                   const char *text, const an_agg_evidence *ev)
{
    int c = natural_cmp(doc, ev->doc);
    if (c)
        return c;
    if (s1 != ev->s1)
        return s1 < ev->s1 ? -1 : 1;
    if (s2 != ev->s2)
        return s2 < ev->s2 ? -1 : 1;
    return text ? strcmp(text, ev->text) : 0;
}

/* Keeps (doc, s1, s2, text), already clean, in the list *evp of *np
 * examples (an edge's or an act's) if among the K smallest.  With unique
 * set, an example equal to a kept one is not kept twice (acts-on: two
 * events of one edge in one sentence, "A met and urged B" collapsed). */
static int offer_list(an_agg *agg, an_agg_evidence **evp, uint32_t *np,
                      const char *doc, uint32_t s1, uint32_t s2,
                      const char *text, int unique)
{
    uint32_t k = agg->opts.evidence;
    uint32_t pos = *np;
    an_agg_evidence nev;

    if (!k)
        return 0;
    while (pos > 0 && key_cmp(doc, s1, s2, text, &(*evp)[pos - 1]) < 0)
        pos--;
    if (pos >= k || (unique && pos > 0 &&
                     !key_cmp(doc, s1, s2, text, &(*evp)[pos - 1])))
        return 0;
    nev.doc = an_strdup(doc);
    nev.text = an_strdup(text);
    nev.s1 = s1;
    nev.s2 = s2;
    if (!nev.doc || !nev.text)
        goto fail;
    if (*np == k) {
        evidence_free(&(*evp)[k - 1]);
    } else {
        an_agg_evidence *p = realloc(*evp, (*np + 1) * sizeof(*p));
        if (!p)
            goto fail;
        *evp = p;
        (*np)++;
    }
    memmove(&(*evp)[pos + 1], &(*evp)[pos],
            (*np - 1 - pos) * sizeof((*evp)[0]));
    (*evp)[pos] = nev;
    return 0;
fail:
    evidence_free(&nev);
    return -1;
}

static int offer_clean(an_agg *agg, uint32_t ei, const char *doc,
                       uint32_t s1, uint32_t s2, const char *text)
{
    an_agg_edge *e = &agg->edges[ei];
    return offer_list(agg, &e->ev, &e->n_ev, doc, s1, s2, text, 0);
}

static int offer_act(an_agg *agg, uint32_t ai, const char *doc, uint32_t s1,
                     uint32_t s2, const char *text)
{
    an_agg_act *a = &agg->acts[ai];
    return offer_list(agg, &a->ev, &a->n_ev, doc, s1, s2, text, 1);
}

/* Cleans doc and text, then offers them to edge (act 0) or act (1) i. */
static int offer_raw(an_agg *agg, int act, uint32_t i, const char *doc,
                     uint32_t s1, uint32_t s2, const char *text, size_t len)
{
    char *cdoc = clean_dup(agg, doc ? doc : "");
    int rc = -1;
    if (!cdoc)
        return -1;
    if (s1 > s2) {
        uint32_t t = s1;
        s1 = s2;
        s2 = t;
    }
    agg->text.len = 0;
    if (an_clean_text(&agg->text, text ? text : "", text ? len : 0,
                      AN_CLEAN_COLLAPSE, agg->opts.evidence_bytes) ||
        an_buf_terminate(&agg->text))
        goto out;
    rc = act ? offer_act(agg, i, cdoc, s1, s2, agg->text.data)
             : offer_clean(agg, i, cdoc, s1, s2, agg->text.data);
out:
    free(cdoc);
    return rc;
}

int an_agg_evidence_offer(an_agg *agg, uint32_t e, const char *doc,
                          uint32_t s1, uint32_t s2, const char *text,
                          size_t len)
{
    return offer_raw(agg, 0, e, doc, s1, s2, text, len);
}

int an_agg_act_evidence_offer(an_agg *agg, uint32_t a, const char *doc,
                              uint32_t s1, uint32_t s2, const char *text,
                              size_t len)
{
    return offer_raw(agg, 1, a, doc, s1, s2, text, len);
}

/* Appends the cleaned text of sentence s of the document to agg->raw. */
static int append_sentence(an_agg *agg, const an_agg_source *src, size_t s)
{
    size_t st = 0, en = 0;
    const actnet_document *doc = src->doc;
    if (src->sentence_span)
        src->sentence_span(src->ctx, s, &st, &en);
    if (en > doc->len)
        en = doc->len;
    if (st > en)
        st = en;
    /* Each part is capped already, so wide windows cost little. */
    return an_clean_text(&agg->raw, doc->text + st, en - st,
                         AN_CLEAN_COLLAPSE, agg->opts.evidence_bytes);
}

/* The example text of sentences s1 <= s2 into agg->text. */
static int build_text(an_agg *agg, const an_agg_source *src, uint32_t s1,
                      uint32_t s2)
{
    agg->raw.len = 0;
    agg->text.len = 0;
    if (append_sentence(agg, src, s1))
        return -1;
    if (s2 != s1) {
        const char *sep = s2 == s1 + 1 ? " " : " \xE2\x80\xA6 ";
        if (an_buf_append(&agg->raw, sep, strlen(sep)) ||
            append_sentence(agg, src, s2))
            return -1;
    }
    if (an_clean_text(&agg->text, agg->raw.data ? agg->raw.data : "",
                      agg->raw.len, AN_CLEAN_COLLAPSE,
                      agg->opts.evidence_bytes))
        return -1;
    return an_buf_terminate(&agg->text);
}

/* ---- one document --------------------------------------------------------------- */

/* How far ahead the pair loops prefetch: the edge table and the edges
 * are far bigger than the caches, so each pair costs two misses unless
 * the loads of several pairs overlap. */
#define AN_AHEAD 8
/* Pairs interned per check of the table's room (no growth inside). */
#define AN_CHUNK 256

/* Counts the pairs noted so far, in their order, as if each were counted
 * on its own (intern, weight, documents, dates, evidence): first interns
 * them all (in order, so edges are numbered the same), then counts; then
 * forgets them. */
static int count_pairs(an_agg *agg, const an_agg_source *src,
                       uint32_t date)
{
    an_pair *ps = agg->pairs;
    size_t n = agg->n_pairs;
    uint64_t hs[AN_CHUNK];

    for (size_t c = 0; c < n; c += AN_CHUNK) {
        size_t m = n - c < AN_CHUNK ? n - c : AN_CHUNK;
        if (slots_room(agg, m))
            return -1;
        size_t mask = agg->cap_slots - 1;
        for (size_t i = 0; i < m; i++) {
            hs[i] = pair_hash(ps[c + i].a, ps[c + i].b);
            if (i < AN_AHEAD)
                __builtin_prefetch(&agg->slots[(size_t)hs[i] & mask]);
        }
        for (size_t i = 0; i < m; i++) {
            if (i + AN_AHEAD < m)
                __builtin_prefetch(
                    &agg->slots[(size_t)hs[i + AN_AHEAD] & mask]);
            an_pair *p = &ps[c + i];
            p->edge = edge_intern_hashed(agg, p->a, p->b, hs[i]);
            if (p->edge == UINT32_MAX)
                return -1;
        }
    }
    uint32_t k = agg->opts.evidence;
    const char *doc = agg->doc_id.data;
    for (size_t i = 0; i < n && i < AN_AHEAD; i++)
        __builtin_prefetch(&agg->edges[ps[i].edge], 1);
    for (size_t i = 0; i < n; i++) {
        if (i + AN_AHEAD < n)
            __builtin_prefetch(&agg->edges[ps[i + AN_AHEAD].edge], 1);
        const an_pair *p = &ps[i];
        an_agg_edge *e = &agg->edges[p->edge];
        e->weight++;
        if (e->stamp != agg->stamp) {
            e->stamp = agg->stamp;
            e->documents++;
            date_widen(&e->first, &e->last, date);
        }
        if (!k || (e->n_ev == k &&
                   key_cmp(doc, p->s1, p->s2, NULL, &e->ev[k - 1]) > 0))
            continue;   /* cannot make the K smallest: skip building text */
        if (build_text(agg, src, p->s1, p->s2) ||
            offer_clean(agg, p->edge, doc, p->s1, p->s2, agg->text.data))
            return -1;
    }
    agg->n_pairs = 0;
    return 0;
}

/* Pairs held before they are counted: a few hundred kilobytes, however
 * many pairs a document has. */
#define AN_PAIRS_MAX 16384

/* Notes one window occurrence of the pair (a, b) in sentences s1, s2 (of
 * a's and b's mention), counted by count_pairs in order.  0 / -1. */
static int add_pair(an_agg *agg, const an_agg_source *src, uint32_t a,
                    uint32_t b, uint32_t s1, uint32_t s2, uint32_t date)
{
    if (agg->n_pairs == AN_PAIRS_MAX && count_pairs(agg, src, date))
        return -1;
    if (agg->n_pairs == agg->cap_pairs &&
        AN_RESERVE(agg->pairs, agg->cap_pairs, agg->n_pairs + 1))
        return -1;
    an_pair *p = &agg->pairs[agg->n_pairs++];
    p->a = a < b ? a : b;
    p->b = a < b ? b : a;
    p->s1 = s1 < s2 ? s1 : s2;
    p->s2 = s1 < s2 ? s2 : s1;
    return 0;
}

static int mv_cmp_window(const void *pa, const void *pb)
{
    const an_mv *a = pa, *b = pb;
    if (a->win != b->win)
        return a->win < b->win ? -1 : 1;
    if (a->node != b->node)
        return a->node < b->node ? -1 : 1;
    if (a->tok != b->tok)
        return a->tok < b->tok ? -1 : 1;
    return 0;
}

static int mv_cmp_token(const void *pa, const void *pb)
{
    const an_mv *a = pa, *b = pb;
    if (a->tok != b->tok)
        return a->tok < b->tok ? -1 : 1;
    if (a->node != b->node)
        return a->node < b->node ? -1 : 1;
    return 0;
}

/*
 * Sorts mv[0..k) by cmp.  Mentions come in text order, so they are
 * nearly sorted by (window, node, token) and by (token, node): insertion
 * sort, which costs one step per pair out of order; a document that needs
 * many (a document window, nodes out of order) goes to qsort.  Mentions
 * that compare equal are equal in every field the pair loops read, so
 * the order among them does not matter.
 */
static void sort_mv(an_mv *mv, size_t k,
                    int (*cmp)(const void *, const void *))
{
    size_t budget = 8 * k + 64;
    for (size_t i = 1; i < k; i++) {
        an_mv v = mv[i];
        size_t j = i;
        for (; j > 0 && cmp(&mv[j - 1], &v) > 0; j--) {
            mv[j] = mv[j - 1];
            if (!--budget) {
                mv[j - 1] = v;
                qsort(mv, k, sizeof(*mv), cmp);
                return;
            }
        }
        mv[j] = v;
    }
}

/* Sentence, paragraph and document windows: each pair once per window. */
static int pairs_by_window(an_agg *agg, const an_agg_source *src, size_t k,
                           uint32_t date)
{
    an_mv *mv = agg->mv;
    agg->n_pairs = 0;
    sort_mv(mv, k, mv_cmp_window);
    if (AN_RESERVE(agg->distinct, agg->cap_distinct, k ? k : 1))
        return -1;
    for (size_t i = 0; i < k;) {
        size_t j = i, nd = 0;
        while (j < k && mv[j].win == mv[i].win) {
            if (j == i || mv[j].node != mv[j - 1].node)
                agg->distinct[nd++] = mv[j];   /* first mention of it */
            j++;
        }
        for (size_t x = 0; x < nd; x++)
            for (size_t y = x + 1; y < nd; y++) {
                const an_mv *p = &agg->distinct[x], *q = &agg->distinct[y];
                if (add_pair(agg, src, p->node, q->node, p->sent, q->sent,
                             date))
                    return -1;
            }
        i = j;
    }
    return count_pairs(agg, src, date);
}

/* N-token windows: every pair of mentions at most N tokens apart. */
static int pairs_by_tokens(an_agg *agg, const an_agg_source *src, size_t k,
                           uint32_t date)
{
    an_mv *mv = agg->mv;
    uint32_t n = agg->opts.window.tokens;
    agg->n_pairs = 0;
    sort_mv(mv, k, mv_cmp_token);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k && mv[j].tok - mv[i].tok <= n; j++)
            if (mv[j].node != mv[i].node &&
                add_pair(agg, src, mv[i].node, mv[j].node, mv[i].sent,
                         mv[j].sent, date))
                return -1;
    return count_pairs(agg, src, date);
}

/* True when a and b are equal and printable ASCII (so cleaning a as a
 * node id would leave it as it is). */
static int plain_equal(const char *a, const char *b)
{
    for (; *a; a++, b++)
        if (*a != *b || (unsigned char)*a < 0x20 || (unsigned char)*a >= 0x7f)
            return 0;
    return *b == '\0';
}

/* True when an_agg_node_intern(ent) would return node n and change
 * nothing: the id is n's id as it is, and label, country, kind and type
 * would not settle to anything new (settle keeps an equal string). */
static int same_entity(const an_agg_node *n, const actnet_entity *ent)
{
    return ent->type >= n->type && plain_equal(ent->id, n->id) &&
           (!ent->label || !strcmp(ent->label, n->label)) &&
           (!ent->country || (n->country && !strcmp(ent->country,
                                                    n->country))) &&
           (!ent->kind || (n->kind && !strcmp(ent->kind, n->kind)));
}

/* Makes the entity cache cover index idx.  0 / -1. */
static int ecache_cover(an_agg *agg, uint32_t idx)
{
    if (idx < agg->cap_ecache)
        return 0;
    size_t old = agg->cap_ecache;
    if (AN_RESERVE(agg->ecache, agg->cap_ecache, (size_t)idx + 1))
        return -1;
    memset(agg->ecache + old, 0,
           (agg->cap_ecache - old) * sizeof(*agg->ecache));
    return 0;
}

/* The node of entity ent (index idx) in the current document, given its
 * node + 1 of an earlier document (hint, 0 for none); notes it in the
 * cache.  UINT32_MAX - 1 when there is no such entity (the mention is
 * ignored), UINT32_MAX when out of memory. */
static uint32_t settle_node(an_agg *agg, uint32_t idx, uint32_t hint,
                            const actnet_entity *ent)
{
    an_ecache *c = &agg->ecache[idx];
    c->stamp = agg->stamp;
    c->node = 0;
    if (!ent || !ent->id || (ent->type == ACTNET_PLACE && !agg->opts.places))
        return UINT32_MAX - 1;
    uint32_t node = hint - 1;
    if (!hint || !same_entity(&agg->nodes[node], ent)) {
        node = an_agg_node_intern(agg, ent->id, ent->label, ent->type,
                                  ent->country, ent->kind);
        if (node == UINT32_MAX)
            return UINT32_MAX;
    }
    c->node = node + 1;
    return node;
}

/* The node of an entity index, settled once per document (the first
 * time, by settle_node). */
static uint32_t mention_node(an_agg *agg, const an_agg_source *src,
                             uint32_t idx)
{
    if (ecache_cover(agg, idx))
        return UINT32_MAX;
    an_ecache *c = &agg->ecache[idx];
    if (c->stamp == agg->stamp)
        return c->node ? c->node - 1 : UINT32_MAX - 1;
    return settle_node(agg, idx, c->node, src->entity(src->ctx, idx));
}

/*
 * Settles the node of every entity the document mentions, in the order
 * of their first mentions (so new nodes are numbered as mention by
 * mention would).  Each costs a few cache misses (the entity, the node,
 * their strings), so the entities are first listed and their data
 * prefetched, all of them, so that the misses overlap.  0 / -1.
 */
static int resolve_firsts(an_agg *agg, const an_agg_source *src)
{
    size_t nf = 0;
    if (AN_RESERVE(agg->firsts, agg->cap_firsts, src->n_mentions + 1))
        return -1;
    an_first *fs = agg->firsts;
    for (size_t i = 0; i < src->n_mentions; i++) {
        uint32_t idx = src->mentions[i].entity;
        if (ecache_cover(agg, idx))
            return -1;
        an_ecache *c = &agg->ecache[idx];
        if (c->stamp == agg->stamp)
            continue;
        c->stamp = agg->stamp;          /* listed; settled below */
        fs[nf].idx = idx;
        fs[nf].hint = c->node;
        nf++;
    }
    for (size_t j = 0; j < nf; j++) {
        fs[j].ent = src->entity(src->ctx, fs[j].idx);
        __builtin_prefetch(fs[j].ent);
        if (fs[j].hint)
            __builtin_prefetch(&agg->nodes[fs[j].hint - 1]);
    }
    for (size_t j = 0; j < nf; j++) {
        const actnet_entity *ent = fs[j].ent;
        if (!ent)
            continue;
        __builtin_prefetch(ent->id);
        __builtin_prefetch(ent->label);
        if (fs[j].hint) {
            const an_agg_node *n = &agg->nodes[fs[j].hint - 1];
            __builtin_prefetch(n->id);
            __builtin_prefetch(n->label);
        }
    }
    for (size_t j = 0; j < nf; j++)
        if (settle_node(agg, fs[j].idx, fs[j].hint, fs[j].ent) ==
            UINT32_MAX)
            return -1;
    return 0;
}

/* True when an_agg_relation_intern(rel) would return relation r and
 * change nothing (as same_entity for nodes). */
static int same_relation(const an_agg_relation *r, const actnet_relation *rel)
{
    int polarity = rel->polarity < 0 ? -1 : rel->polarity > 0 ? 1 : 0;
    return polarity >= r->polarity && (!rel->symmetric || r->symmetric) &&
           plain_equal(rel->id, r->id) &&
           (!rel->label || !strcmp(rel->label, r->label)) &&
           (!rel->cls || (r->cls && !strcmp(rel->cls, r->cls))) &&
           (!rel->cameo || (r->cameo && !strcmp(rel->cameo, r->cameo)));
}

/* The relation of an event's relation index idx: the one of the last
 * event with idx when same_relation says it still is, else interned.
 * UINT32_MAX when out of memory. */
static uint32_t event_relation(an_agg *agg, uint32_t idx,
                               const actnet_relation *rel)
{
    if (idx >= agg->cap_rcache) {
        size_t old = agg->cap_rcache;
        if (AN_RESERVE(agg->rcache, agg->cap_rcache, (size_t)idx + 1))
            return UINT32_MAX;
        memset(agg->rcache + old, 0,
               (agg->cap_rcache - old) * sizeof(*agg->rcache));
    }
    uint32_t r = agg->rcache[idx];
    if (r && same_relation(&agg->rels[r - 1], rel))
        return r - 1;
    r = an_agg_relation_intern(agg, rel->id, rel->label, rel->polarity,
                               rel->cls, rel->symmetric);
    if (r != UINT32_MAX &&
        an_agg_relation_codes(agg, r, rel->cameo, rel->plover_event,
                              rel->plover_mode, rel->plover_context))
        return UINT32_MAX;
    if (r != UINT32_MAX)
        agg->rcache[idx] = r + 1;
    return r;
}

/*
 * Acts-on: counts the document's events into the acts-on edges, in three
 * passes over them in text order: which events count and their nodes and
 * relations (interned in that order); their edges (interned in that
 * order, the table prefetched a few events ahead); their counts and
 * evidence (the edges prefetched).  The same as counting each event on
 * its own, with the cache misses of several events overlapping.
 */
static int count_events(an_agg *agg, const an_agg_source *src, uint32_t date)
{
    const an_agg_options *o = &agg->opts;
    const char *doc = agg->doc_id.data;
    size_t n = 0;

    if (AN_RESERVE(agg->evs, agg->cap_evs, src->n_events + 1))
        return -1;
    an_ev *evs = agg->evs;
    for (size_t i = 0; i < src->n_events; i++) {
        const actnet_event *ev = &src->events[i];
        if ((ev->negated && !o->include_negated) ||
            (ev->hedged && o->exclude_hedged) ||
            (ev->media && !o->include_media)) {
            agg->stats.left_out++;
            continue;
        }
        const actnet_relation *rel =
            src->relation ? src->relation(src->ctx, ev->relation) : NULL;
        if (!rel || !rel->id)
            continue;       /* no such relation: ignore the event */
        uint32_t a = mention_node(agg, src, ev->actor);
        uint32_t t = mention_node(agg, src, ev->target);
        if (a == UINT32_MAX || t == UINT32_MAX)
            return -1;
        if (a == UINT32_MAX - 1 || t == UINT32_MAX - 1 || a == t)
            continue;
        uint32_t r = event_relation(agg, ev->relation, rel);
        if (r == UINT32_MAX)
            return -1;
        int reversed = agg->rels[r].symmetric &&
                       strcmp(agg->nodes[a].id, agg->nodes[t].id) > 0;
        an_ev *x = &evs[n++];
        x->actor = reversed ? t : a;
        x->target = reversed ? a : t;
        x->relation = r;
        x->sentence = ev->sentence;
        x->negated = ev->negated != 0;
        x->hedged = ev->hedged != 0;
        x->reversed = (uint8_t)reversed;
    }
    if (aslots_room(agg, n))
        return -1;
    size_t mask = agg->cap_aslots - 1;
    for (size_t i = 0; i < n; i++) {
        an_ev *x = &evs[i];
        uint32_t rel = o->collapse ? AN_AGG_COLLAPSED : x->relation;
        x->slot = (size_t)act_hash(x->actor, x->target, rel) & mask;
        __builtin_prefetch(&agg->aslots[x->slot]);
    }
    for (size_t i = 0; i < n; i++) {
        an_ev *x = &evs[i];
        uint32_t rel = o->collapse ? AN_AGG_COLLAPSED : x->relation;
        x->act = act_intern_hashed(agg, x->actor, x->target, rel, x->slot);
        if (x->act == UINT32_MAX)
            return -1;
    }
    for (size_t i = 0; i < n; i++)
        __builtin_prefetch(&agg->acts[evs[i].act], 1);
    for (size_t i = 0; i < n; i++) {
        const an_ev *ev = &evs[i];
        an_agg_act *x = &agg->acts[ev->act];
        if (o->collapse && part_add(x, ev->relation, 1))
            return -1;
        x->weight++;
        x->negated += ev->negated;
        x->hedged += ev->hedged;
        x->reversed += ev->reversed;
        if (x->stamp != agg->stamp) {
            x->stamp = agg->stamp;
            x->documents++;
            date_widen(&x->first, &x->last, date);
        }
        agg->stats.events++;
        uint32_t k = o->evidence, s = ev->sentence;
        if (!k || (x->n_ev == k && key_cmp(doc, s, s, NULL,
                                           &x->ev[k - 1]) > 0))
            continue;   /* cannot make the K smallest: skip building text */
        if (build_text(agg, src, s, s) ||
            offer_act(agg, ev->act, doc, s, s, agg->text.data))
            return -1;
    }
    return 0;
}

int an_agg_add_source(an_agg *agg, const an_agg_source *src)
{
    const actnet_document *doc = src->doc;
    uint32_t date = 0;
    size_t k = 0;

    agg->stamp++;
    agg->stats.documents++;
    if (doc->date && doc->date[0]) {
        if (an_date_parse(doc->date, &date) == 0) {
            agg->stats.dated++;
            date_widen(&agg->stats.first, &agg->stats.last, date);
        } else {
            agg->stats.bad_dates++;
        }
    }
    agg->doc_id.len = 0;
    if (an_clean_text(&agg->doc_id, doc->id ? doc->id : "",
                      doc->id ? strlen(doc->id) : 0, AN_CLEAN_ONELINE, 0) ||
        an_buf_terminate(&agg->doc_id))
        return -1;
    if (AN_RESERVE(agg->mv, agg->cap_mv, src->n_mentions + 1) ||
        resolve_firsts(agg, src))
        return -1;
    for (size_t i = 0; i < src->n_mentions; i++) {
        const actnet_mention *m = &src->mentions[i];
        uint32_t node = agg->ecache[m->entity].node;
        if (!node--)
            continue;       /* no such entity: ignore the mention */
        an_agg_node *n = &agg->nodes[node];
        n->mentions++;
        agg->stats.mentions++;
        if (n->stamp != agg->stamp) {
            n->stamp = agg->stamp;
            n->documents++;
            date_widen(&n->first, &n->last, date);
        }
        an_mv *v = &agg->mv[k++];
        v->node = node;
        v->tok = m->tok_start;
        v->sent = m->sentence;
        v->win = agg->opts.window.kind == AN_WINDOW_SENTENCE ? m->sentence
                 : agg->opts.window.kind == AN_WINDOW_PARAGRAPH ? m->paragraph
                                                                : 0;
    }
    if (agg->opts.network == AN_NETWORK_ACTS_ON)
        return count_events(agg, src, date);
    if (agg->opts.window.kind == AN_WINDOW_TOKENS)
        return pairs_by_tokens(agg, src, k, date);
    return pairs_by_window(agg, src, k, date);
}

static const actnet_entity *ex_entity(const void *ctx, uint32_t idx)
{
    return actnet_extractor_entity(ctx, idx);
}

static void ex_span(const void *ctx, size_t s, size_t *start, size_t *end)
{
    actnet_extractor_sentence_span(ctx, s, start, end);
}

static const actnet_relation *ex_relation(const void *ctx, uint32_t idx)
{
    const an_extract *ex = ctx;
    return actnet_rules_relation(ex->rules, idx);
}

int an_agg_add_document(an_agg *agg, const actnet_extractor *ex,
                        const actnet_document *doc)
{
    an_agg_source src;
    src.doc = doc;
    src.mentions = actnet_extractor_mentions(ex);
    src.n_mentions = actnet_extractor_mention_count(ex);
    src.entity = ex_entity;
    src.sentence_span = ex_span;
    src.ctx = ex;
    src.events = actnet_extractor_events(ex);
    src.n_events = actnet_extractor_event_count(ex);
    src.relation = ex_relation;
    return an_agg_add_source(agg, &src);
}

/* ---- merge ------------------------------------------------------------------------ */

/*
 * The merge loops intern every edge (act) of src in dst, then add its
 * counts, as two passes over src's array: the table slots and the edges
 * of dst are far bigger than the caches and each is a miss, so both
 * passes fetch the one AN_AHEAD ahead.  The tables get room for all of
 * src first, so they neither grow nor move in the loops.
 */

/* dst's edge of each of src's edges into js (node indices through map).
 * 0 / -1 (memory). */
static int merge_intern_edges(an_agg *dst, const an_agg *src,
                              const uint32_t *map, uint32_t *js)
{
    size_t n = src->n_edges, mask;
    if (slots_room(dst, n) ||
        AN_RESERVE(dst->edges, dst->cap_edges, dst->n_edges + n))
        return -1;
    mask = dst->cap_slots - 1;
    for (size_t i = 0; i < n; i++) {
        if (i + AN_AHEAD < n) {
            const an_agg_edge *f = &src->edges[i + AN_AHEAD];
            uint32_t a = map[f->a], b = map[f->b];
            __builtin_prefetch(&dst->slots[(size_t)pair_hash(a < b ? a : b,
                                                             a < b ? b : a)
                                           & mask]);
        }
        uint32_t a = map[src->edges[i].a], b = map[src->edges[i].b];
        if (a > b) {
            uint32_t t = a;
            a = b;
            b = t;
        }
        js[i] = edge_intern_hashed(dst, a, b, pair_hash(a, b));
        if (js[i] == UINT32_MAX)
            return -1;
    }
    return 0;
}

/* dst's act of each of src's acts into js (nodes through map, relations
 * through rmap).  0 / -1 (memory). */
static int merge_intern_acts(an_agg *dst, const an_agg *src,
                             const uint32_t *map, const uint32_t *rmap,
                             uint32_t *js)
{
    size_t n = src->n_acts, mask;
#define AN_MERGE_REL(e) ((e)->relation == AN_AGG_COLLAPSED \
                         ? AN_AGG_COLLAPSED : rmap[(e)->relation])
    if (aslots_room(dst, n) ||
        AN_RESERVE(dst->acts, dst->cap_acts, dst->n_acts + n))
        return -1;
    mask = dst->cap_aslots - 1;
    for (size_t i = 0; i < n; i++) {
        if (i + AN_AHEAD < n) {
            const an_agg_act *f = &src->acts[i + AN_AHEAD];
            __builtin_prefetch(&dst->aslots[(size_t)act_hash(
                map[f->actor], map[f->target], AN_MERGE_REL(f)) & mask]);
        }
        const an_agg_act *e = &src->acts[i];
        uint32_t actor = map[e->actor], target = map[e->target];
        uint32_t rel = AN_MERGE_REL(e);
        js[i] = act_intern_hashed(dst, actor, target, rel,
                                  act_hash(actor, target, rel));
        if (js[i] == UINT32_MAX)
            return -1;
    }
#undef AN_MERGE_REL
    return 0;
}

actnet_status an_agg_merge(an_agg *dst, const an_agg *src)
{
    const an_agg_options *a = &dst->opts, *b = &src->opts;
    uint32_t *map = NULL, *rmap = NULL, *js = NULL;
    actnet_status st = ACTNET_ERR_NOMEM;

    if (dst == src || a->window.kind != b->window.kind ||
        a->window.tokens != b->window.tokens ||
        a->evidence != b->evidence || a->evidence_bytes != b->evidence_bytes ||
        a->network != b->network || a->include_negated != b->include_negated ||
        a->exclude_hedged != b->exclude_hedged || a->collapse != b->collapse ||
        a->include_media != b->include_media)
        return ACTNET_ERR_USAGE;
    map = malloc((src->n_nodes ? src->n_nodes : 1) * sizeof(*map));
    rmap = malloc((src->n_rels ? src->n_rels : 1) * sizeof(*rmap));
    js = malloc((src->n_edges > src->n_acts ? src->n_edges : src->n_acts) *
                    sizeof(*js) + sizeof(*js));
    if (!map || !rmap || !js)
        goto out;
    for (size_t i = 0; i < src->n_nodes; i++) {
        const an_agg_node *n = &src->nodes[i];
        uint32_t j = an_agg_node_intern(dst, n->id, n->label, n->type,
                                        n->country, n->kind);
        if (j == UINT32_MAX)
            goto out;
        an_agg_node_add_counts(dst, j, n->mentions, n->documents, n->first,
                               n->last);
        map[i] = j;
    }
    if (merge_intern_edges(dst, src, map, js))
        goto out;
    for (size_t i = 0; i < src->n_edges; i++) {
        const an_agg_edge *e = &src->edges[i];
        uint32_t j = js[i];
        if (i + AN_AHEAD < src->n_edges)
            __builtin_prefetch(&dst->edges[js[i + AN_AHEAD]], 1);
        an_agg_edge_add_counts(dst, j, e->weight, e->documents, e->first,
                               e->last);
        for (uint32_t x = 0; x < e->n_ev; x++)
            if (offer_clean(dst, j, e->ev[x].doc, e->ev[x].s1, e->ev[x].s2,
                            e->ev[x].text))
                goto out;
    }
    for (size_t i = 0; i < src->n_rels; i++) {
        const an_agg_relation *r = &src->rels[i];
        rmap[i] = an_agg_relation_intern(dst, r->id, r->label, r->polarity,
                                         r->cls, r->symmetric);
        if (rmap[i] == UINT32_MAX ||
            an_agg_relation_codes(dst, rmap[i], r->cameo, r->plover_event,
                                  r->plover_mode, r->plover_context))
            goto out;
    }
    if (merge_intern_acts(dst, src, map, rmap, js))
        goto out;
    for (size_t i = 0; i < src->n_acts; i++) {
        const an_agg_act *e = &src->acts[i];
        uint32_t rel = e->relation == AN_AGG_COLLAPSED ? AN_AGG_COLLAPSED
                                                       : rmap[e->relation];
        uint32_t j = js[i];
        if (i + AN_AHEAD < src->n_acts)
            __builtin_prefetch(&dst->acts[js[i + AN_AHEAD]], 1);
        for (uint32_t x = 0; x < e->n_parts; x++)
            if (an_agg_act_add_counts(dst, j, rmap[e->parts[x].relation],
                                      e->parts[x].weight, 0, 0, 0, 0, 0, 0))
                goto out;
        if (an_agg_act_add_counts(dst, j, rel, e->n_parts ? 0 : e->weight,
                                  e->negated, e->hedged, e->reversed,
                                  e->documents, e->first, e->last))
            goto out;
        for (uint32_t x = 0; x < e->n_ev; x++)
            if (offer_act(dst, j, e->ev[x].doc, e->ev[x].s1, e->ev[x].s2,
                          e->ev[x].text))
                goto out;
    }
    an_agg_stats_add(dst, &src->stats);
    st = ACTNET_OK;
out:
    free(map);
    free(rmap);
    free(js);
    return st;
}
