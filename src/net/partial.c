/*
 * partial.c — partial results of `actnet extract`, read by `actnet
 * merge`: an aggregate as JSON Lines and back.  The format is described
 * in partial.h.  Reading goes through the aggregate's insertion API
 * (intern, add counts, offer evidence) exactly as an_agg_merge does, so
 * reading partials gives the aggregate that merging the written ones
 * would give: the graph does not depend on how the corpus was split.
 */
#include "net/partial.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "text/encode.h"
#include "text/text.h"
#include "core/util.h"

/* ---- writing ------------------------------------------------------------ */

/* A JSON string (an_json_cstring, encode.h); null for NULL. */
static int put_str(an_buf *b, const char *s)
{
    return an_json_cstring(b, s);
}

static int put_u(an_buf *b, uint64_t v)
{
    return an_buf_printf(b, "%llu", (unsigned long long)v);
}

static int put_evidence(an_buf *b, const an_agg_evidence *ev, uint32_t n)
{
    if (an_buf_putc(b, '['))
        return -1;
    for (uint32_t i = 0; i < n; i++)
        if ((i && an_buf_putc(b, ',')) || an_buf_putc(b, '[') ||
            put_str(b, ev[i].doc) ||
            an_buf_printf(b, ",%u,%u,", (unsigned)ev[i].s1,
                          (unsigned)ev[i].s2) ||
            put_str(b, ev[i].text) || an_buf_putc(b, ']'))
            return -1;
    return an_buf_putc(b, ']');
}

static const char *window_kind_name(an_window_kind k)
{
    switch (k) {
    case AN_WINDOW_PARAGRAPH: return "paragraph";
    case AN_WINDOW_DOCUMENT: return "document";
    case AN_WINDOW_TOKENS: return "tokens";
    default: return "sentence";
    }
}

/*
 * The order of writing.  The aggregate keeps insertion order, which
 * depends on how documents were split among threads and on the order in
 * which partials were merged; the writer sorts, so that a partial is a
 * function of its counts alone: `extract` over the whole corpus and any
 * tree of `merge -o X.partial` over its shards give the same bytes.
 * Nodes and relations go by id, edges and acts by the new numbers of
 * their ends (and relation), parts of a collapsed edge by relation.
 */
typedef struct pw_key {
    const char *id;
    uint32_t idx;
} pw_key;

typedef struct pw_link {
    uint32_t a, b, rel;         /* new numbers; rel of a collapsed act 0 */
    uint32_t idx;
} pw_link;

static int key_cmp(const void *x, const void *y)
{
    return strcmp(((const pw_key *)x)->id, ((const pw_key *)y)->id);
}

static int link_cmp(const void *x, const void *y)
{
    const pw_link *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return p->rel < q->rel ? -1 : p->rel > q->rel;
}

static int part_cmp(const void *x, const void *y)
{
    const an_agg_part *p = x, *q = y;
    return p->relation < q->relation ? -1 : p->relation > q->relation;
}

/* order[k] = the index written k-th, rank[i] = the number of index i;
 * both n long, by id.  0 / -1 (out of memory). */
static int sort_by_id(size_t n, const char *(*id)(const void *, size_t),
                      const void *arr, uint32_t *order, uint32_t *rank)
{
    pw_key *k = malloc((n ? n : 1) * sizeof(*k));
    if (!k)
        return -1;
    for (size_t i = 0; i < n; i++) {
        k[i].id = id(arr, i);
        k[i].idx = (uint32_t)i;
    }
    qsort(k, n, sizeof(*k), key_cmp);
    for (size_t i = 0; i < n; i++) {
        order[i] = k[i].idx;
        rank[k[i].idx] = (uint32_t)i;
    }
    free(k);
    return 0;
}

static const char *node_id(const void *arr, size_t i)
{
    return ((const an_agg_node *)arr)[i].id;
}

static const char *relation_id(const void *arr, size_t i)
{
    return ((const an_agg_relation *)arr)[i].id;
}

/* Writes b to fp when it has grown (or when flush is set); 0 / -1. */
static int drain(an_buf *b, FILE *fp, int flush)
{
    if (!flush && b->len < ((size_t)1 << 16))
        return 0;
    if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
        return -1;
    b->len = 0;
    return 0;
}

actnet_status an_partial_write(const an_agg *agg, FILE *fp,
                               actnet_error *err)
{
    const an_agg_options *o = an_agg_get_options(agg);
    const an_agg_stats *st = an_agg_get_stats(agg);
    const an_agg_node *nodes = an_agg_nodes(agg);
    const an_agg_edge *edges = an_agg_edges(agg);
    const an_agg_relation *rels = an_agg_relations(agg);
    const an_agg_act *acts = an_agg_acts(agg);
    size_t nn = an_agg_node_count(agg), ne = an_agg_edge_count(agg);
    size_t nr = an_agg_relation_count(agg), na = an_agg_act_count(agg);
    an_buf b = {0};
    actnet_status rc = ACTNET_ERR_NOMEM;
    uint32_t *n_order = malloc((nn ? nn : 1) * sizeof(uint32_t));
    uint32_t *n_rank = malloc((nn ? nn : 1) * sizeof(uint32_t));
    uint32_t *r_order = malloc((nr ? nr : 1) * sizeof(uint32_t));
    uint32_t *r_rank = malloc((nr ? nr : 1) * sizeof(uint32_t));
    size_t nl = ne > na ? ne : na;
    pw_link *links = malloc((nl ? nl : 1) * sizeof(*links));
    an_agg_part *parts = NULL;
    size_t cap_parts = 0;

    if (!n_order || !n_rank || !r_order || !r_rank || !links ||
        sort_by_id(nn, node_id, nodes, n_order, n_rank) ||
        sort_by_id(nr, relation_id, rels, r_order, r_rank))
        goto out;

    if (an_buf_printf(&b, "{\"format\":\"actnet-partial\",\"version\":%d,"
                      "\"network\":\"%s\",\"window\":\"%s\","
                      "\"window_tokens\":%u,\"evidence\":%u,"
                      "\"evidence_bytes\":%zu,\"negated\":%s,"
                      "\"hedged\":%s,\"collapse\":%s,\"media\":%s}\n",
                      AN_PARTIAL_VERSION, an_network_name(o->network),
                      window_kind_name(o->window.kind),
                      (unsigned)o->window.tokens, (unsigned)o->evidence,
                      o->evidence_bytes,
                      o->include_negated ? "true" : "false",
                      o->exclude_hedged ? "false" : "true",
                      o->collapse ? "true" : "false",
                      o->include_media ? "true" : "false") ||
        an_buf_printf(&b, "{\"stats\":{\"documents\":%llu,\"dated\":%llu,"
                      "\"bad_dates\":%llu,\"mentions\":%llu,\"first\":%u,"
                      "\"last\":%u,\"events\":%llu,\"left_out\":%llu}}\n",
                      (unsigned long long)st->documents,
                      (unsigned long long)st->dated,
                      (unsigned long long)st->bad_dates,
                      (unsigned long long)st->mentions,
                      (unsigned)st->first, (unsigned)st->last,
                      (unsigned long long)st->events,
                      (unsigned long long)st->left_out))
        goto out;
    for (size_t i = 0; i < nn; i++) {
        const an_agg_node *n = &nodes[n_order[i]];
        if (an_buf_append(&b, "[\"node\",", 8) || put_str(&b, n->id) ||
            an_buf_putc(&b, ',') || put_str(&b, n->label) ||
            an_buf_printf(&b, ",\"%s\",", actnet_entity_type_name(n->type)) ||
            put_str(&b, n->country) || an_buf_putc(&b, ',') ||
            put_str(&b, n->kind) || an_buf_putc(&b, ',') ||
            put_u(&b, n->mentions) || an_buf_putc(&b, ',') ||
            put_u(&b, n->documents) ||
            an_buf_printf(&b, ",%u,%u]\n", (unsigned)n->first,
                          (unsigned)n->last))
            goto out;
        if (drain(&b, fp, 0))
            goto io;
    }
    for (size_t i = 0; i < ne; i++) {
        uint32_t x = n_rank[edges[i].a], y = n_rank[edges[i].b];
        links[i].a = x < y ? x : y;
        links[i].b = x < y ? y : x;
        links[i].rel = 0;
        links[i].idx = (uint32_t)i;
    }
    if (ne > 0)   /* the array may be NULL when empty */
        qsort(links, ne, sizeof(*links), link_cmp);
    for (size_t i = 0; i < ne; i++) {
        const an_agg_edge *e = &edges[links[i].idx];
        if (an_buf_printf(&b, "[\"edge\",%u,%u,", (unsigned)links[i].a,
                          (unsigned)links[i].b) ||
            put_u(&b, e->weight) || an_buf_putc(&b, ',') ||
            put_u(&b, e->documents) ||
            an_buf_printf(&b, ",%u,%u,", (unsigned)e->first,
                          (unsigned)e->last) ||
            put_evidence(&b, e->ev, e->n_ev) || an_buf_append(&b, "]\n", 2))
            goto out;
        if (drain(&b, fp, 0))
            goto io;
    }
    for (size_t i = 0; i < nr; i++) {
        const an_agg_relation *r = &rels[r_order[i]];
        if (an_buf_append(&b, "[\"relation\",", 12) || put_str(&b, r->id) ||
            an_buf_putc(&b, ',') || put_str(&b, r->label) ||
            an_buf_printf(&b, ",%d,", r->polarity) || put_str(&b, r->cls) ||
            an_buf_printf(&b, ",%s", r->symmetric ? "true" : "false"))
            goto out;
        /* the codes only when there are some: partials without them
         * read as before */
        if ((r->cameo || r->plover_event || r->plover_mode ||
             r->plover_context) &&
            (an_buf_putc(&b, ',') || put_str(&b, r->cameo) ||
             an_buf_putc(&b, ',') || put_str(&b, r->plover_event) ||
             an_buf_putc(&b, ',') || put_str(&b, r->plover_mode) ||
             an_buf_putc(&b, ',') || put_str(&b, r->plover_context)))
            goto out;
        if (an_buf_append(&b, "]\n", 2))
            goto out;
    }
    for (size_t i = 0; i < na; i++) {
        links[i].a = n_rank[acts[i].actor];
        links[i].b = n_rank[acts[i].target];
        links[i].rel = acts[i].relation == AN_AGG_COLLAPSED
                           ? 0 : r_rank[acts[i].relation];
        links[i].idx = (uint32_t)i;
    }
    if (na > 0)   /* the array may be NULL when empty */
        qsort(links, na, sizeof(*links), link_cmp);
    for (size_t i = 0; i < na; i++) {
        const an_agg_act *a = &acts[links[i].idx];
        if (AN_RESERVE(parts, cap_parts, a->n_parts))
            goto out;
        for (uint32_t x = 0; x < a->n_parts; x++) {
            parts[x].relation = r_rank[a->parts[x].relation];
            parts[x].weight = a->parts[x].weight;
        }
        if (a->n_parts > 0)   /* the array may be NULL when empty */
            qsort(parts, a->n_parts, sizeof(*parts), part_cmp);
        if (an_buf_printf(&b, "[\"act\",%u,%u,%lld,", (unsigned)links[i].a,
                          (unsigned)links[i].b,
                          a->relation == AN_AGG_COLLAPSED
                              ? -1LL : (long long)links[i].rel) ||
            put_u(&b, a->weight) || an_buf_putc(&b, ',') ||
            put_u(&b, a->negated) || an_buf_putc(&b, ',') ||
            put_u(&b, a->hedged) || an_buf_putc(&b, ',') ||
            put_u(&b, a->reversed) || an_buf_putc(&b, ',') ||
            put_u(&b, a->documents) ||
            an_buf_printf(&b, ",%u,%u,[", (unsigned)a->first,
                          (unsigned)a->last))
            goto out;
        for (uint32_t x = 0; x < a->n_parts; x++)
            if (an_buf_printf(&b, "%s[%u,", x ? "," : "",
                              (unsigned)parts[x].relation) ||
                put_u(&b, parts[x].weight) || an_buf_putc(&b, ']'))
                goto out;
        if (an_buf_append(&b, "],", 2) || put_evidence(&b, a->ev, a->n_ev) ||
            an_buf_append(&b, "]\n", 2))
            goto out;
        if (drain(&b, fp, 0))
            goto io;
    }
    if (an_buf_printf(&b, "{\"end\":{\"nodes\":%zu,\"edges\":%zu,"
                      "\"relations\":%zu,\"acts\":%zu}}\n", nn, ne, nr, na))
        goto out;
    if (drain(&b, fp, 1) || fflush(fp))
        goto io;
    rc = ACTNET_OK;
    goto out;
io:
    rc = ACTNET_ERR_IO;
    an_error_set(err, "", 0, 0, "writing the partial result failed: %s",
                 errno ? strerror(errno) : "output error");
out:
    if (rc == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0, "out of memory writing the partial "
                     "result");
    an_buf_free(&b);
    free(n_order);
    free(n_rank);
    free(r_order);
    free(r_rank);
    free(links);
    free(parts);
    return rc;
}

/* ---- reading ------------------------------------------------------------ */

/* State of reading one partial. */
typedef struct pr_state {
    an_agg *agg;
    const char *name;
    size_t line;
    actnet_error *err;
    uint32_t *nodes;            /* partial's node number -> agg index */
    size_t n_nodes, cap_nodes;
    uint32_t *rels;             /* partial's relation number -> agg index */
    size_t n_rels, cap_rels;
    size_t n_edges, n_acts;
    int stats;                  /* a stats line was read */
} pr_state;

static actnet_status pr_bad(pr_state *p, const char *what)
{
    an_error_set(p->err, p->name, (int)(p->line > 1000000000 ? 0 : p->line),
                 0, "not a valid actnet partial result (%s); give files "
                 "written by actnet extract, whole", what);
    return ACTNET_ERR_DATA;
}

/* Whether adding v to a count that holds have keeps it a count (below
 * 2^63, what a partial can write and read back); v is one already. */
static int fits(uint64_t have, uint64_t v)
{
    return have <= (uint64_t)INT64_MAX - v;
}

static actnet_status pr_too_large(pr_state *p)
{
    return pr_bad(p, "a count too large: the sum of the partials would "
                     "pass 2^63");
}

static actnet_status pr_nomem(pr_state *p)
{
    an_error_set(p->err, p->name, 0, 0, "out of memory reading the "
                 "partial result");
    return ACTNET_ERR_NOMEM;
}

/* An unsigned integer (< 2^63) at index i of array a; 0 / -1. */
static int get_u(const json_t *a, size_t i, uint64_t *out)
{
    const json_t *v = json_array_get(a, i);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

static int get_u32(const json_t *a, size_t i, uint32_t *out)
{
    uint64_t v;
    if (get_u(a, i, &v) || v > UINT32_MAX)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

/* A string, or NULL for null (*ok 0 when neither). */
static const char *get_str(const json_t *a, size_t i, int nullable, int *ok)
{
    const json_t *v = json_array_get(a, i);
    if (json_is_string(v))
        return json_string_value(v);
    if (!(nullable && json_is_null(v)))
        *ok = 0;
    return NULL;
}

static int get_node(const pr_state *p, const json_t *a, size_t i,
                    uint32_t *out)
{
    uint32_t n;
    if (get_u32(a, i, &n) || n >= p->n_nodes)
        return -1;
    *out = p->nodes[n];
    return 0;
}

/* Offers the evidence list at a[i] to edge e (acts when act is set). */
static actnet_status pr_evidence(pr_state *p, const json_t *a, size_t i,
                                 uint32_t e, int act)
{
    const json_t *list = json_array_get(a, i);
    size_t k;
    const json_t *ev;
    if (!json_is_array(list))
        return pr_bad(p, "evidence is not a list");
    json_array_foreach(list, k, ev) {
        uint32_t s1, s2;
        int ok = 1;
        const char *doc = get_str(ev, 0, 0, &ok);
        const char *text = get_str(ev, 3, 0, &ok);
        if (!json_is_array(ev) || json_array_size(ev) != 4 || !ok ||
            get_u32(ev, 1, &s1) || get_u32(ev, 2, &s2))
            return pr_bad(p, "a bad example of evidence");
        size_t len = json_string_length(json_array_get(ev, 3));
        int rc = act ? an_agg_act_evidence_offer(p->agg, e, doc, s1, s2, text,
                                                 len)
                     : an_agg_evidence_offer(p->agg, e, doc, s1, s2, text,
                                             len);
        if (rc)
            return pr_nomem(p);
    }
    return ACTNET_OK;
}

/* Whether [first, last] is a span a partial can hold: no date (both 0)
 * or two calendar dates YYYYMMDD, the first not after the last. */
static int good_span(uint32_t first, uint32_t last)
{
    static const unsigned char days[] = {31, 29, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
    if (!first && !last)
        return 1;
    uint32_t d[2] = {first, last};
    for (int i = 0; i < 2; i++) {
        uint32_t y = d[i] / 10000, m = d[i] / 100 % 100, dd = d[i] % 100;
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (y < 1 || y > 9999 || m < 1 || m > 12 || dd < 1 ||
            dd > days[m - 1] || (m == 2 && dd == 29 && !leap))
            return 0;
    }
    return first <= last;
}

static actnet_status pr_node(pr_state *p, const json_t *a)
{
    int ok = 1;
    const char *id = get_str(a, 1, 0, &ok);
    const char *label = get_str(a, 2, 0, &ok);
    const char *type = get_str(a, 3, 0, &ok);
    const char *country = get_str(a, 4, 1, &ok);
    const char *kind = get_str(a, 5, 1, &ok);
    uint64_t mentions, documents;
    uint32_t first, last;
    actnet_entity_type t;
    if (json_array_size(a) != 10 || !ok || get_u(a, 6, &mentions) ||
        get_u(a, 7, &documents) || get_u32(a, 8, &first) ||
        get_u32(a, 9, &last))
        return pr_bad(p, "a bad node record");
    if (!good_span(first, last))
        return pr_bad(p, "a node whose first and last dates are not a "
                         "date span");
    if (!strcmp(type, "person"))
        t = ACTNET_PERSON;
    else if (!strcmp(type, "organisation"))
        t = ACTNET_ORGANISATION;
    else if (!strcmp(type, "country"))
        t = ACTNET_COUNTRY;
    else if (!strcmp(type, "place"))
        t = ACTNET_PLACE;
    else
        return pr_bad(p, "a node of unknown type");
    uint32_t n = an_agg_node_intern(p->agg, id, label, t, country, kind);
    if (n == UINT32_MAX ||
        AN_RESERVE(p->nodes, p->cap_nodes, p->n_nodes + 1))
        return pr_nomem(p);
    const an_agg_node *have = &an_agg_nodes(p->agg)[n];
    if (!fits(have->mentions, mentions) || !fits(have->documents, documents))
        return pr_too_large(p);
    an_agg_node_add_counts(p->agg, n, mentions, documents, first, last);
    p->nodes[p->n_nodes++] = n;
    return ACTNET_OK;
}

static actnet_status pr_edge(pr_state *p, const json_t *a)
{
    uint32_t x, y, first, last;
    uint64_t weight, documents;
    if (json_array_size(a) != 8 || get_node(p, a, 1, &x) ||
        get_node(p, a, 2, &y) || x == y || get_u(a, 3, &weight) ||
        get_u(a, 4, &documents) || get_u32(a, 5, &first) ||
        get_u32(a, 6, &last))
        return pr_bad(p, "a bad edge record");
    if (!good_span(first, last))
        return pr_bad(p, "an edge whose first and last dates are not a "
                         "date span");
    if (an_agg_get_options(p->agg)->network != AN_NETWORK_COOCCURRENCE)
        return pr_bad(p, "a co-occurrence edge in an acts-on partial");
    uint32_t e = an_agg_edge_intern(p->agg, x, y);
    if (e == UINT32_MAX)
        return pr_nomem(p);
    const an_agg_edge *have = &an_agg_edges(p->agg)[e];
    if (!fits(have->weight, weight) || !fits(have->documents, documents))
        return pr_too_large(p);
    an_agg_edge_add_counts(p->agg, e, weight, documents, first, last);
    p->n_edges++;
    return pr_evidence(p, a, 7, e, 0);
}

static actnet_status pr_relation(pr_state *p, const json_t *a)
{
    int ok = 1;
    const char *id = get_str(a, 1, 0, &ok);
    const char *label = get_str(a, 2, 0, &ok);
    const char *cls = get_str(a, 4, 1, &ok);
    const json_t *pol = json_array_get(a, 3), *sym = json_array_get(a, 5);
    size_t na = json_array_size(a);
    /* 10 fields: with the CAMEO code and PLOVER event, mode, context */
    const char *cameo = na == 10 ? get_str(a, 6, 1, &ok) : NULL;
    const char *event = na == 10 ? get_str(a, 7, 1, &ok) : NULL;
    const char *mode = na == 10 ? get_str(a, 8, 1, &ok) : NULL;
    const char *context = na == 10 ? get_str(a, 9, 1, &ok) : NULL;
    if ((na != 6 && na != 10) || !ok || !json_is_integer(pol) ||
        json_integer_value(pol) < -1 || json_integer_value(pol) > 1 ||
        !json_is_boolean(sym))
        return pr_bad(p, "a bad relation record");
    uint32_t r = an_agg_relation_intern(p->agg, id, label,
                                        (int)json_integer_value(pol), cls,
                                        json_is_true(sym));
    if (r == UINT32_MAX ||
        an_agg_relation_codes(p->agg, r, cameo, event, mode, context) ||
        AN_RESERVE(p->rels, p->cap_rels, p->n_rels + 1))
        return pr_nomem(p);
    p->rels[p->n_rels++] = r;
    return ACTNET_OK;
}

static int get_rel(const pr_state *p, const json_t *a, size_t i,
                   uint32_t *out)
{
    uint32_t r;
    if (get_u32(a, i, &r) || r >= p->n_rels)
        return -1;
    *out = p->rels[r];
    return 0;
}

static actnet_status pr_act(pr_state *p, const json_t *a)
{
    const an_agg_options *o = an_agg_get_options(p->agg);
    uint32_t actor, target, rel, first, last;
    uint64_t weight, negated, hedged, reversed, documents;
    const json_t *jr = json_array_get(a, 3), *parts = json_array_get(a, 11);
    if (json_array_size(a) != 13 || get_node(p, a, 1, &actor) ||
        get_node(p, a, 2, &target) || !json_is_integer(jr) ||
        get_u(a, 4, &weight) || get_u(a, 5, &negated) ||
        get_u(a, 6, &hedged) || get_u(a, 7, &reversed) ||
        get_u(a, 8, &documents) || get_u32(a, 9, &first) ||
        get_u32(a, 10, &last) || !json_is_array(parts) ||
        o->network != AN_NETWORK_ACTS_ON)
        return pr_bad(p, "a bad acts-on edge record");
    if (!good_span(first, last))
        return pr_bad(p, "an acts-on edge whose first and last dates are "
                         "not a date span");
    if (json_integer_value(jr) == -1) {
        if (!o->collapse)
            return pr_bad(p, "a collapsed edge in a partial that is not");
        rel = AN_AGG_COLLAPSED;
    } else if (o->collapse || get_rel(p, a, 3, &rel)) {
        return pr_bad(p, "an acts-on edge of an unknown relation");
    }
    size_t k;
    const json_t *part;
    /* A collapsed edge is its parts: at least one, none of weight 0, and
     * they add up to its weight (a crafted one once reached undefined
     * behaviour in the graph and wrote a weight-0 edge). */
    if (rel == AN_AGG_COLLAPSED) {
        uint64_t sum = 0, pw;
        if (!json_array_size(parts))
            return pr_bad(p, "a collapsed edge without parts");
        json_array_foreach(parts, k, part) {
            if (!json_is_array(part) || json_array_size(part) != 2 ||
                get_u(part, 1, &pw) || pw == 0 || pw > UINT64_MAX - sum)
                return pr_bad(p, "a bad part of a collapsed edge (weights "
                                 "are counts above 0)");
            sum += pw;
        }
        if (sum != weight)
            return pr_bad(p, "a collapsed edge whose parts do not add up "
                             "to its weight");
    } else if (json_array_size(parts)) {
        return pr_bad(p, "parts in an edge that is not collapsed");
    }
    uint32_t e = an_agg_act_intern(p->agg, actor, target, rel);
    if (e == UINT32_MAX)
        return pr_bad(p, "an acts-on edge that does not fit");
    /* (the parts add up to the weight, so they fit when it does) */
    const an_agg_act *have = &an_agg_acts(p->agg)[e];
    if (!fits(have->weight, weight) || !fits(have->negated, negated) ||
        !fits(have->hedged, hedged) || !fits(have->reversed, reversed) ||
        !fits(have->documents, documents))
        return pr_too_large(p);
    json_array_foreach(parts, k, part) {
        uint32_t pr;
        uint64_t pw;
        if (!json_is_array(part) || json_array_size(part) != 2 ||
            get_rel(p, part, 0, &pr) || get_u(part, 1, &pw))
            return pr_bad(p, "a bad part of a collapsed edge");
        if (an_agg_act_add_counts(p->agg, e, pr, pw, 0, 0, 0, 0, 0, 0))
            return pr_nomem(p);
    }
    if (an_agg_act_add_counts(p->agg, e, rel,
                              json_array_size(parts) ? 0 : weight, negated,
                              hedged, reversed, documents, first, last))
        return pr_nomem(p);
    p->n_acts++;
    return pr_evidence(p, a, 12, e, 1);
}

/* The options of a header record into o; 0, or -1 when it is not one. */
static int pr_header(const json_t *h, an_agg_options *o)
{
    const char *fmt = json_string_value(json_object_get(h, "format"));
    const char *net = json_string_value(json_object_get(h, "network"));
    const char *win = json_string_value(json_object_get(h, "window"));
    const json_t *ver = json_object_get(h, "version");
    const json_t *wt = json_object_get(h, "window_tokens");
    const json_t *ev = json_object_get(h, "evidence");
    const json_t *eb = json_object_get(h, "evidence_bytes");
    const json_t *neg = json_object_get(h, "negated");
    const json_t *hed = json_object_get(h, "hedged");
    const json_t *col = json_object_get(h, "collapse");
    /* absent in partials written before it existed: excluded */
    const json_t *med = json_object_get(h, "media");

    an_agg_options_init(o);
    if (!fmt || strcmp(fmt, "actnet-partial") || !json_is_integer(ver) ||
        !net || an_network_parse(net, &o->network) || !win ||
        !json_is_integer(wt) || !json_is_integer(ev) ||
        !json_is_integer(eb) || !json_is_boolean(neg) ||
        !json_is_boolean(hed) || !json_is_boolean(col) ||
        (med && !json_is_boolean(med)))
        return -1;
    if (!strcmp(win, "sentence"))
        o->window.kind = AN_WINDOW_SENTENCE;
    else if (!strcmp(win, "paragraph"))
        o->window.kind = AN_WINDOW_PARAGRAPH;
    else if (!strcmp(win, "document"))
        o->window.kind = AN_WINDOW_DOCUMENT;
    else if (!strcmp(win, "tokens"))
        o->window.kind = AN_WINDOW_TOKENS;
    else
        return -1;
    /* (a tokens window of 0 tokens is no window: an_agg_create refuses
     * it, which read as out of memory; found by fuzz_partial) */
    if (json_integer_value(wt) < 0 || json_integer_value(wt) > 100000 ||
        (o->window.kind == AN_WINDOW_TOKENS && json_integer_value(wt) < 1) ||
        json_integer_value(ev) < 0 ||
        json_integer_value(ev) > AN_EVIDENCE_MAX ||
        json_integer_value(eb) < 16 || json_integer_value(eb) > (1 << 30))
        return -1;
    o->window.tokens = (uint32_t)json_integer_value(wt);
    o->evidence = (uint32_t)json_integer_value(ev);
    o->evidence_bytes = (size_t)json_integer_value(eb);
    o->include_negated = json_is_true(neg);
    o->exclude_hedged = !json_is_true(hed);
    o->collapse = json_is_true(col);
    o->include_media = med && json_is_true(med);
    return 0;
}

/* Names the first option in which a and b differ, for the message. */
static const char *option_differs(const an_agg_options *a,
                                  const an_agg_options *b)
{
    if (a->network != b->network)
        return "--network";
    if (a->window.kind != b->window.kind ||
        a->window.tokens != b->window.tokens)
        return "--window";
    if (a->evidence != b->evidence)
        return "--evidence";
    if (a->evidence_bytes != b->evidence_bytes)
        return "the evidence size";
    if (a->include_negated != b->include_negated)
        return "--negated";
    if (a->exclude_hedged != b->exclude_hedged)
        return "--hedged";
    if (a->collapse != b->collapse)
        return "--collapse";
    if (a->include_media != b->include_media)
        return "--media";
    return NULL;
}

static actnet_status pr_stats(pr_state *p, const json_t *s)
{
    static const char *const keys[] = {"documents", "dated", "bad_dates",
                                       "mentions", "first", "last",
                                       "events", "left_out"};
    uint64_t v[8];
    /* extract writes one; a second would count the corpus twice */
    if (p->stats)
        return pr_bad(p, "a second stats line");
    p->stats = 1;
    for (size_t i = 0; i < 8; i++) {
        const json_t *x = json_object_get(s, keys[i]);
        if (!json_is_integer(x) || json_integer_value(x) < 0)
            return pr_bad(p, "bad totals");
        v[i] = (uint64_t)json_integer_value(x);
    }
    if (v[4] > UINT32_MAX || v[5] > UINT32_MAX)
        return pr_bad(p, "bad totals");
    if (!good_span((uint32_t)v[4], (uint32_t)v[5]))
        return pr_bad(p, "totals whose first and last dates are not a date "
                         "span");
    const an_agg_stats *have = an_agg_get_stats(p->agg);
    if (!fits(have->documents, v[0]) || !fits(have->dated, v[1]) ||
        !fits(have->bad_dates, v[2]) || !fits(have->mentions, v[3]) ||
        !fits(have->events, v[6]) || !fits(have->left_out, v[7]))
        return pr_too_large(p);
    an_agg_stats st;
    memset(&st, 0, sizeof(st));
    st.documents = v[0];
    st.dated = v[1];
    st.bad_dates = v[2];
    st.mentions = v[3];
    st.first = (uint32_t)v[4];
    st.last = (uint32_t)v[5];
    st.events = v[6];
    st.left_out = v[7];
    an_agg_stats_add(p->agg, &st);
    return ACTNET_OK;
}

/* The end record: the counts must be those read. */
static actnet_status pr_end(pr_state *p, const json_t *e)
{
    static const char *const keys[] = {"nodes", "edges", "relations",
                                       "acts"};
    size_t have[4] = {p->n_nodes, p->n_edges, p->n_rels, p->n_acts};
    for (size_t i = 0; i < 4; i++) {
        const json_t *x = json_object_get(e, keys[i]);
        if (!json_is_integer(x) || json_integer_value(x) < 0 ||
            (uint64_t)json_integer_value(x) != have[i])
            return pr_bad(p, "its records do not add up to its end line");
    }
    return ACTNET_OK;
}

/*
 * Lines are read with a limit, so that an endless line (merge /dev/zero)
 * is refused at once instead of growing until memory runs out.  The
 * header must fit in AN_PARTIAL_HEAD_MAX; later lines in a limit made
 * from the header's evidence options: node and relation lines hold rule
 * strings (PR_LINE_BASE), an edge or act line up to K examples, each a
 * text of evidence_bytes (6 bytes a byte at worst, \u00XX) and a
 * document id.  The bytes are read in blocks and split with memchr (NUL
 * bytes included: they make the line bad JSON, not a shorter line).
 */
#define PR_HEAD_MAX ((size_t)1 << 16)
#define PR_LINE_BASE ((size_t)64 << 20)
#define PR_DOC_ID_MAX ((size_t)1 << 16)
#define PR_BLOCK ((size_t)1 << 16)

typedef struct pr_in {
    FILE *fp;
    char *block;
    size_t pos, end;
    int eof;
} pr_in;

static size_t line_limit(const an_agg_options *o)
{
    size_t per = 6 * o->evidence_bytes + 6 * PR_DOC_ID_MAX + 64;
    size_t cap = (size_t)1 << 31;   /* evidence_bytes is at most 2^30 */
    if (o->evidence && per > (cap - PR_LINE_BASE) / o->evidence)
        return cap;
    return PR_LINE_BASE + o->evidence * per;
}

/* The next line (with its \n, if any) into line: 1, 0 at the end, -1
 * longer than limit, -2 out of memory, -3 a read error (errno). */
static int pr_getline(pr_in *in, an_buf *line, size_t limit)
{
    line->len = 0;
    for (;;) {
        if (in->pos == in->end) {
            if (in->eof)
                return line->len ? 1 : 0;
            size_t n = fread(in->block, 1, PR_BLOCK, in->fp);
            if (!n) {
                if (ferror(in->fp))
                    return -3;
                in->eof = 1;
                continue;
            }
            in->pos = 0;
            in->end = n;
        }
        const char *from = in->block + in->pos;
        const char *nl = memchr(from, '\n', in->end - in->pos);
        size_t take = nl ? (size_t)(nl - from) + 1 : in->end - in->pos;
        if (take > limit - line->len)
            return -1;
        if (an_buf_append(line, from, take))
            return -2;
        in->pos += take;
        if (nl)
            return 1;
    }
}

actnet_status an_partial_read(an_agg **agg, FILE *fp, const char *name,
                              actnet_error *err)
{
    pr_state p;
    an_buf line = {0};
    pr_in in = {fp, malloc(PR_BLOCK), 0, 0, 0};
    size_t limit = PR_HEAD_MAX;
    int got = 0;
    actnet_status st = ACTNET_OK;
    int ended = 0, created = 0;

    memset(&p, 0, sizeof(p));
    p.name = name;
    p.err = err;
    if (!in.block)
        st = pr_nomem(&p);
    while (st == ACTNET_OK && (got = pr_getline(&in, &line, limit)) > 0) {
        json_error_t je;
        size_t len = line.len;
        p.line++;
        if (ended) {
            st = pr_bad(&p, "a record after its end line");
            break;
        }
        json_t *j = json_loadb(line.data, len, 0, &je);
        if (!j) {
            st = p.line == 1 ? pr_bad(&p, "not JSON Lines")
                             : pr_bad(&p, je.text);
            break;
        }
        if (p.line == 1) {
            an_agg_options o;
            const char *diff;
            if (!json_is_object(j) || pr_header(j, &o)) {
                st = pr_bad(&p, "no actnet-partial header");
            } else if (json_integer_value(json_object_get(j, "version")) !=
                       AN_PARTIAL_VERSION) {
                an_error_set(err, name, 1, 0, "partial result of version "
                             "%lld; this actnet reads version %d (make the "
                             "partials with the same actnet version)",
                             (long long)json_integer_value(
                                 json_object_get(j, "version")),
                             AN_PARTIAL_VERSION);
                st = ACTNET_ERR_DATA;
            } else if (*agg && (diff = option_differs(an_agg_get_options(*agg),
                                                      &o)) != NULL) {
                an_error_set(err, name, 1, 0, "made with another %s than "
                             "the partials before it; merge only partials "
                             "extracted with the same options", diff);
                st = ACTNET_ERR_USAGE;
            } else if (!*agg && !(*agg = an_agg_create(&o))) {
                st = pr_nomem(&p);
            } else {
                created = 1;
                p.agg = *agg;
                limit = line_limit(an_agg_get_options(p.agg));
            }
        } else if (json_is_array(j) && json_is_string(json_array_get(j, 0))) {
            const char *kind = json_string_value(json_array_get(j, 0));
            if (!strcmp(kind, "node"))
                st = pr_node(&p, j);
            else if (!strcmp(kind, "edge"))
                st = pr_edge(&p, j);
            else if (!strcmp(kind, "relation"))
                st = pr_relation(&p, j);
            else if (!strcmp(kind, "act"))
                st = pr_act(&p, j);
            else
                st = pr_bad(&p, "an unknown record");
        } else if (json_is_object(j) && json_object_get(j, "stats")) {
            st = pr_stats(&p, json_object_get(j, "stats"));
        } else if (json_is_object(j) && json_object_get(j, "end")) {
            st = pr_end(&p, json_object_get(j, "end"));
            ended = 1;
        } else {
            st = pr_bad(&p, "an unknown record");
        }
        json_decref(j);
    }
    if (st == ACTNET_OK && got == -1) {
        p.line++;
        an_error_set(err, name, (int)(p.line > 1000000000 ? 0 : p.line), 0,
                     "a line longer than %zu bytes: not an actnet partial "
                     "result (its lines are shorter); give files written "
                     "by actnet extract", limit);
        st = ACTNET_ERR_DATA;
    } else if (st == ACTNET_OK && got == -2) {
        st = pr_nomem(&p);
    } else if (st == ACTNET_OK && got == -3) {
        an_error_set(err, name, 0, 0, "cannot read the partial result: %s",
                     strerror(errno));
        st = ACTNET_ERR_IO;
    }
    if (st == ACTNET_OK && !created)
        st = pr_bad(&p, "empty");
    else if (st == ACTNET_OK && !ended)
        st = pr_bad(&p, "cut short: no end line");
    an_buf_free(&line);
    free(in.block);
    free(p.nodes);
    free(p.rels);
    return st;
}
