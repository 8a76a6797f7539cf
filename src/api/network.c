/*
 * network.c — the public network API (include/actnet.h, "Networks"):
 * thin wrappers that give clients (the CLI, the Python module, programs
 * linking libactnet) the counts, the partial results, the network, its
 * filters, measures, layout and writers without the private headers of
 * src/net and src/write.  The logic stays in those layers; what lives
 * here is the bookkeeping of which form a network is in:
 *
 *   counted   an_agg alone: written as it was counted, the read view is
 *             made straight from the counts (an_graph_net), no igraph copy
 *             of every attribute (what makes an unfiltered build fast);
 *   graph     an igraph graph (after a filter, an analysis, or read from
 *             GraphML): the counts are freed, the view is made from the
 *             graph (an_net_from_igraph).
 *
 * The read view (an_net) is what the writers and the attribute accessors
 * read; it is made on first use after a change and dropped by every
 * change, so both forms give the same bytes (graph.h promises that
 * an_graph_net equals an_net_from_igraph of an_graph_build).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actnet.h"
#include "core/util.h"
#include "net/aggregate.h"
#include "net/analyse.h"
#include "net/graph.h"
#include "net/partial.h"
#include "net/table.h"
#include "write/write.h"

/* The public enums are the private ones by value: a cast converts. */
_Static_assert((int)ACTNET_NETWORK_ACTS_ON == (int)AN_NETWORK_ACTS_ON,
               "network kinds");
_Static_assert((int)ACTNET_WINDOW_TOKENS == (int)AN_WINDOW_TOKENS,
               "windows");
_Static_assert((int)ACTNET_MEASURE_COUNT == (int)AN_M_COUNT, "measures");
_Static_assert((int)ACTNET_MEASURE_COOPERATION_RECEIVED ==
                   (int)AN_M_COOPERATION_RECEIVED, "measures");
_Static_assert((int)ACTNET_COMMUNITY_LOUVAIN == (int)AN_COMMUNITY_LOUVAIN,
               "communities");
_Static_assert((int)ACTNET_FORMAT_CSV_EDGES == (int)AN_FORMAT_CSV_EDGES,
               "formats");
_Static_assert((int)ACTNET_ATTR_EDGE == (int)AN_TABLE_EDGES, "scopes");
_Static_assert((int)ACTNET_ATTR_BOOLEAN == (int)AN_COL_BOOL, "types");

struct actnet_counts {
    an_agg *agg;
};

struct actnet_network {
    an_agg *agg;            /* counted form: the counts, else NULL */
    igraph_t g;             /* graph form, when have_graph */
    int have_graph;
    an_net view;            /* the read view, when have_view */
    int have_view;
    int laid_out;           /* the view holds x / y of the layout */
    char *size_by, *color_by;   /* actnet_network_set_style, or NULL */
};

static pthread_once_t igraph_once = PTHREAD_ONCE_INIT;

/* igraph's attribute table and silent error handlers are global: set
 * them once, whoever the client is (the CLI sets them too: harmless). */
static void setup_igraph(void)
{
    pthread_once(&igraph_once, an_graph_setup_igraph);
}

static actnet_status nomem(actnet_error *err)
{
    an_error_set(err, "", 0, 0, "out of memory");
    return ACTNET_ERR_NOMEM;
}

/* ---- names -------------------------------------------------------------- */

actnet_status actnet_network_kind_parse(const char *name,
                                        actnet_network_kind *kind)
{
    an_network n;
    if (!name || an_network_parse(name, &n))
        return ACTNET_ERR_USAGE;
    *kind = (actnet_network_kind)n;
    return ACTNET_OK;
}

const char *actnet_network_kind_name(actnet_network_kind kind)
{
    if (kind != ACTNET_NETWORK_COOCCURRENCE && kind != ACTNET_NETWORK_ACTS_ON)
        return "";
    return an_network_name((an_network)kind);
}

actnet_status actnet_window_parse(const char *name, actnet_window *w)
{
    an_window aw;
    if (!name || an_window_parse(name, &aw))
        return ACTNET_ERR_USAGE;
    w->kind = (actnet_window_kind)aw.kind;
    w->tokens = aw.tokens;
    return ACTNET_OK;
}

const char *actnet_window_name(const actnet_window *w, char *buf,
                               size_t size)
{
    an_window aw = {(an_window_kind)w->kind, w->tokens};
    return an_window_name(&aw, buf, size);
}

const char *actnet_measure_name(actnet_measure m)
{
    return (unsigned)m < AN_M_COUNT ? an_measure_name((an_measure)m) : "";
}

const char *actnet_measure_help(actnet_measure m)
{
    return (unsigned)m < AN_M_COUNT ? an_measure_help((an_measure)m) : "";
}

actnet_status actnet_measure_parse(const char *name, actnet_measure *m)
{
    an_measure am;
    if (!name || an_measure_parse(name, &am))
        return ACTNET_ERR_USAGE;
    *m = (actnet_measure)am;
    return ACTNET_OK;
}

actnet_status actnet_measure_parse_list(const char *list, uint32_t *mask,
                                        const char **bad)
{
    return list && !an_measure_parse_list(list, mask, bad)
               ? ACTNET_OK : ACTNET_ERR_USAGE;
}

actnet_status actnet_community_parse(const char *name, actnet_community *m)
{
    an_community_method cm;
    if (!name || an_community_parse(name, &cm))
        return ACTNET_ERR_USAGE;
    *m = (actnet_community)cm;
    return ACTNET_OK;
}

const char *actnet_community_name(actnet_community m)
{
    return an_community_name((an_community_method)m);
}

actnet_status actnet_format_parse(const char *name, actnet_format *f)
{
    an_format af;
    if (!name || an_format_parse(name, &af))
        return ACTNET_ERR_USAGE;
    *f = (actnet_format)af;
    return ACTNET_OK;
}

actnet_status actnet_format_from_path(const char *path, actnet_format *f)
{
    an_format af;
    if (!path || an_format_from_path(path, &af))
        return ACTNET_ERR_USAGE;
    *f = (actnet_format)af;
    return ACTNET_OK;
}

const char *actnet_format_name(actnet_format f)
{
    return (unsigned)f < ACTNET_FORMAT_COUNT ? an_format_name((an_format)f)
                                             : "";
}

actnet_status actnet_types_parse(const char *list, unsigned *mask)
{
    return list && !an_graph_parse_types(list, mask) ? ACTNET_OK
                                                     : ACTNET_ERR_USAGE;
}

/* ---- counts ------------------------------------------------------------- */

static void to_agg_options(const actnet_counts_options *o, an_agg_options *a)
{
    an_agg_options_init(a);
    a->network = (an_network)o->network;
    a->window.kind = (an_window_kind)o->window.kind;
    a->window.tokens = o->window.tokens;
    a->evidence = o->evidence;
    a->evidence_bytes = o->evidence_bytes;
    a->include_negated = o->include_negated;
    a->exclude_hedged = o->exclude_hedged;
    a->collapse = o->collapse;
    a->places = o->places;
    a->include_media = o->include_media;
}

static void from_agg_options(const an_agg_options *a, actnet_counts_options *o)
{
    memset(o, 0, sizeof(*o));
    o->network = (actnet_network_kind)a->network;
    o->window.kind = (actnet_window_kind)a->window.kind;
    o->window.tokens = a->window.tokens;
    o->evidence = a->evidence;
    o->evidence_bytes = a->evidence_bytes;
    o->include_negated = a->include_negated;
    o->exclude_hedged = a->exclude_hedged;
    o->collapse = a->collapse;
    o->places = a->places;
    o->include_media = a->include_media;
}

void actnet_counts_options_init(actnet_counts_options *opts)
{
    an_agg_options a;
    an_agg_options_init(&a);
    from_agg_options(&a, opts);
}

/* Says what is wrong with o, or returns ACTNET_OK. */
static actnet_status check_options(const actnet_counts_options *o,
                                   actnet_error *err)
{
    const char *bad = NULL;
    if (o->network != ACTNET_NETWORK_COOCCURRENCE &&
        o->network != ACTNET_NETWORK_ACTS_ON)
        bad = "network is neither co-occurrence nor acts-on";
    else if ((unsigned)o->window.kind > ACTNET_WINDOW_TOKENS)
        bad = "the window is not sentence, paragraph, document or tokens";
    else if (o->window.kind == ACTNET_WINDOW_TOKENS &&
             (o->window.tokens < 1 || o->window.tokens > 100000))
        bad = "a window of tokens needs 1 to 100000 tokens";
    else if (o->evidence > ACTNET_EVIDENCE_MAX)
        bad = "evidence keeps at most ACTNET_EVIDENCE_MAX (1000) examples";
    else if (o->evidence_bytes < 16)
        bad = "evidence_bytes must be at least 16";
    if (!bad)
        return ACTNET_OK;
    an_error_set(err, "", 0, 0, "counts options: %s", bad);
    return ACTNET_ERR_USAGE;
}

actnet_status actnet_counts_create(const actnet_counts_options *opts,
                                   actnet_counts **out, actnet_error *err)
{
    an_agg_options a;
    actnet_status st;
    *out = NULL;
    if ((st = check_options(opts, err)) != ACTNET_OK)
        return st;
    to_agg_options(opts, &a);
    actnet_counts *c = malloc(sizeof(*c));
    if (!c || !(c->agg = an_agg_create(&a))) {
        free(c);
        return nomem(err);
    }
    *out = c;
    return ACTNET_OK;
}

void actnet_counts_destroy(actnet_counts *counts)
{
    if (!counts)
        return;
    an_agg_destroy(counts->agg);
    free(counts);
}

void actnet_counts_get_options(const actnet_counts *counts,
                               actnet_counts_options *opts)
{
    from_agg_options(an_agg_get_options(counts->agg), opts);
}

void actnet_counts_get_stats(const actnet_counts *counts,
                             actnet_counts_stats *stats)
{
    const an_agg *agg = counts->agg;
    const an_agg_stats *s = an_agg_get_stats(agg);
    memset(stats, 0, sizeof(*stats));
    stats->documents = s->documents;
    stats->dated = s->dated;
    stats->bad_dates = s->bad_dates;
    stats->mentions = s->mentions;
    stats->events = s->events;
    stats->left_out = s->left_out;
    stats->nodes = an_agg_node_count(agg);
    stats->edges = an_agg_get_options(agg)->network == AN_NETWORK_ACTS_ON
                       ? an_agg_act_count(agg) : an_agg_edge_count(agg);
}

actnet_status actnet_counts_add(actnet_counts *counts,
                                const actnet_extractor *ex,
                                const actnet_document *doc,
                                actnet_error *err)
{
    if (an_agg_add_document(counts->agg, ex, doc))
        return nomem(err);
    return ACTNET_OK;
}

actnet_status actnet_counts_merge(actnet_counts *dst,
                                  const actnet_counts *src,
                                  actnet_error *err)
{
    actnet_status st = an_agg_merge(dst->agg, src->agg);
    if (st == ACTNET_ERR_USAGE)
        an_error_set(err, "", 0, 0, "counts made with different options "
                     "cannot be merged; count both with the same options");
    else if (st != ACTNET_OK)
        nomem(err);
    return st;
}

actnet_status actnet_counts_write_partial(const actnet_counts *counts,
                                          FILE *fp, actnet_error *err)
{
    return an_partial_write(counts->agg, fp, err);
}

actnet_status actnet_counts_read_partial(actnet_counts **counts, FILE *fp,
                                         const char *name,
                                         actnet_error *err)
{
    int fresh = !*counts;
    if (fresh) {
        if (!(*counts = calloc(1, sizeof(**counts))))
            return nomem(err);
    }
    /* an_partial_read makes the aggregate with the partial's options when
     * given NULL, and leaves it to the caller also on failure */
    return an_partial_read(&(*counts)->agg, fp, name ? name : "", err);
}

/* ---- the network: its two forms ----------------------------------------- */

static void drop_view(actnet_network *net)
{
    if (net->have_view)
        an_net_finish(&net->view);
    net->have_view = 0;
    net->laid_out = 0;
}

/* The graph form (built from the counts, which are then freed). */
static actnet_status ensure_graph(actnet_network *net, actnet_error *err)
{
    actnet_status st;
    if (net->have_graph)
        return ACTNET_OK;
    drop_view(net);                 /* it may point into the counts */
    an_agg_compact(net->agg);       /* nothing is counted any more */
    if ((st = an_graph_build(net->agg, &net->g, err)) != ACTNET_OK)
        return st;
    net->have_graph = 1;
    an_agg_destroy(net->agg);       /* the graph holds all that is needed */
    net->agg = NULL;
    return ACTNET_OK;
}

/* The read view, made from the form the network is in. */
static actnet_status ensure_view(actnet_network *net, actnet_error *err)
{
    if (net->have_view)
        return ACTNET_OK;
    if (net->have_graph) {
        if (an_net_from_igraph(&net->view, &net->g))
            return nomem(err);
    } else {
        actnet_status st;
        an_agg_compact(net->agg);
        if ((st = an_graph_net(net->agg, &net->view, err)) != ACTNET_OK)
            return st;
    }
    net->have_view = 1;
    if (net->size_by)
        net->view.size_by = net->size_by;
    if (net->color_by)
        net->view.color_by = net->color_by;
    return ACTNET_OK;
}

/* A change to the network: refused once it is laid out, else the graph
 * form with no view.  ACTNET_OK or as ensure_graph. */
static actnet_status begin_change(actnet_network *net, const char *what,
                                  actnet_error *err)
{
    if (net->laid_out) {
        an_error_set(err, "", 0, 0, "%s after the layout: lay the network "
                     "out last (its positions would not fit)", what);
        return ACTNET_ERR_USAGE;
    }
    actnet_status st = ensure_graph(net, err);
    drop_view(net);
    return st;
}

actnet_status actnet_network_create(actnet_counts *counts,
                                    actnet_network **out,
                                    actnet_error *err)
{
    *out = NULL;
    setup_igraph();
    actnet_network *net = calloc(1, sizeof(*net));
    if (!net) {
        actnet_counts_destroy(counts);
        return nomem(err);
    }
    net->agg = counts->agg;
    free(counts);
    *out = net;
    return ACTNET_OK;
}

actnet_status actnet_network_read_graphml(FILE *fp, const char *name,
                                          actnet_network **out,
                                          actnet_error *err)
{
    *out = NULL;
    setup_igraph();
    actnet_network *net = calloc(1, sizeof(*net));
    if (!net)
        return nomem(err);
    igraph_error_t rc = igraph_read_graph_graphml(&net->g, fp, 0);
    if (rc != IGRAPH_SUCCESS) {
        free(net);
        if (rc == IGRAPH_ENOMEM)
            return nomem(err);
        an_error_set(err, name ? name : "", 0, 0, "cannot read it as "
                     "GraphML (igraph: %s); give a GraphML file such as "
                     "actnet build -o FILE.graphml writes",
                     igraph_strerror(rc));
        return ACTNET_ERR_DATA;
    }
    net->have_graph = 1;
    *out = net;
    return ACTNET_OK;
}

void actnet_network_destroy(actnet_network *net)
{
    if (!net)
        return;
    drop_view(net);
    if (net->have_graph)
        igraph_destroy(&net->g);
    an_agg_destroy(net->agg);
    free(net->size_by);
    free(net->color_by);
    free(net);
}

/* ---- changes ------------------------------------------------------------ */

void actnet_filter_init(actnet_filter *f)
{
    an_graph_filter g;
    an_graph_filter_init(&g);
    memset(f, 0, sizeof(*f));
    f->radius = g.radius;
}

actnet_status actnet_network_filter(actnet_network *net,
                                    const actnet_filter *f,
                                    actnet_error *err)
{
    an_graph_filter g;
    actnet_status st = begin_change(net, "filter", err);
    if (st != ACTNET_OK)
        return st;
    an_graph_filter_init(&g);
    g.types = f->types;
    g.min_mentions = f->min_mentions;
    g.min_weight = f->min_weight;
    g.ego = f->ego;
    g.radius = f->radius;
    g.top = (igraph_integer_t)f->top;
    g.giant = f->giant;
    return an_graph_filter_apply(&net->g, &g, err);
}

void actnet_analyse_options_init(actnet_analyse_options *o)
{
    an_analyse_options a;
    an_analyse_options_init(&a);
    memset(o, 0, sizeof(*o));
    o->measures = a.measures;
    o->community = ACTNET_COMMUNITY_LEIDEN;
    o->cutoff = a.cutoff;
    o->sample = a.sample;
    o->seed = a.seed;
}

actnet_status actnet_network_analyse(actnet_network *net,
                                     const actnet_analyse_options *o,
                                     actnet_analyse_report *report,
                                     actnet_error *err)
{
    an_analyse_options a;
    an_analyse_report r;
    actnet_status st = begin_change(net, "analyse", err);
    if (st != ACTNET_OK)
        return st;
    an_analyse_options_init(&a);
    a.measures = o->measures & AN_MEASURES_ALL;
    a.community = (an_community_method)o->community;
    a.cutoff = o->cutoff;
    a.sample = o->sample;
    a.seed = o->seed;
    if ((st = an_analyse(&net->g, &a, &r, err)) != ACTNET_OK)
        return st;
    if (report) {
        memset(report, 0, sizeof(*report));
        report->computed = r.computed;
        report->skipped = r.skipped;
        report->path_sources = (int64_t)r.paths.sources;
        report->path_cutoff = r.paths.cutoff;
        report->path_seed = r.paths.seed;
        report->communities = (int64_t)r.communities;
        report->modularity = r.modularity;
    }
    return ACTNET_OK;
}

int actnet_network_measure_applies(actnet_network *net, actnet_measure m)
{
    if ((unsigned)m >= AN_M_COUNT)
        return 0;
    /* the counted form becomes a graph: the measures are asked about
     * before they are computed, and computing them needs the graph */
    if (ensure_graph(net, NULL) != ACTNET_OK)
        return 0;
    return an_measure_applies((an_measure)m, &net->g);
}

actnet_status actnet_network_set_style(actnet_network *net,
                                       const char *size_by,
                                       const char *color_by,
                                       actnet_error *err)
{
    char *s = NULL, *c = NULL;
    if (color_by && strcmp(color_by, "type") && strcmp(color_by, "community")) {
        an_error_set(err, "", 0, 0, "colour by '%s': give type or community",
                     color_by);
        return ACTNET_ERR_USAGE;
    }
    if ((size_by && !(s = an_strdup(size_by))) ||
        (color_by && !(c = an_strdup(color_by)))) {
        free(s);
        return nomem(err);
    }
    free(net->size_by);
    free(net->color_by);
    net->size_by = s;
    net->color_by = c;
    if (net->have_view) {
        /* as an_net_from_igraph reads the hidden graph attributes */
        net->view.size_by = s;
        net->view.color_by = c;
    }
    return ACTNET_OK;
}

actnet_status actnet_network_layout(actnet_network *net, actnet_error *err)
{
    actnet_status st = ensure_view(net, err);
    if (st == ACTNET_OK && (st = an_net_layout(&net->view, err)) ==
                               ACTNET_OK)
        net->laid_out = 1;
    return st;
}

/* ---- writing ------------------------------------------------------------ */

actnet_status actnet_network_write(actnet_network *net, actnet_format f,
                                   FILE *fp, unsigned threads,
                                   actnet_error *err)
{
    an_write_opts wo = {threads, 0};
    actnet_status st;
    if ((unsigned)f >= ACTNET_FORMAT_COUNT || f == ACTNET_FORMAT_CSV) {
        an_error_set(err, "", 0, 0, "format %s writes two files: write "
                     "csv-nodes and csv-edges", actnet_format_name(f));
        return ACTNET_ERR_USAGE;
    }
    if ((st = ensure_view(net, err)) != ACTNET_OK)
        return st;
    return an_write_net(&net->view, (an_format)f, fp, &wo, err);
}

/* Writes one file through a temporary one beside it; renamed over path
 * only when whole. */
static actnet_status write_one(actnet_network *net, actnet_format f,
                               const char *path, actnet_error *err)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = malloc(strlen(path) + 16);
    actnet_status st;
    FILE *fp = NULL;
    int fd;

    if (!tmp)
        return nomem(err);
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
    if ((fd = mkstemp(tmp)) < 0 || !(fp = fdopen(fd, "w"))) {
        an_error_set(err, path, 0, 0, "cannot write beside it: %s",
                     strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return ACTNET_ERR_IO;
    }
    /* mkstemp makes the file 0600: give it the mode a new file gets */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    st = actnet_network_write(net, f, fp, 1, err);
    if (st != ACTNET_OK) {
        if (err)
            snprintf(err->path, sizeof(err->path), "%s", path);
        fclose(fp);
    } else {
        int bad = fflush(fp) || fsync(fileno(fp));
        int e = errno;
        if (fclose(fp))
            bad = 1, e = errno;
        if (!bad && rename(tmp, path))
            bad = 1, e = errno;
        if (!bad) {
            free(tmp);
            return ACTNET_OK;
        }
        an_error_set(err, path, 0, 0, "cannot write: %s", strerror(e));
        st = ACTNET_ERR_IO;
    }
    unlink(tmp);
    free(tmp);
    return st;
}

actnet_status actnet_network_write_path(actnet_network *net,
                                        actnet_format f, const char *path,
                                        actnet_error *err)
{
    if (f != ACTNET_FORMAT_CSV)
        return write_one(net, f, path, err);
    size_t len = strlen(path);
    if (len > 4 && !strcasecmp(path + len - 4, ".csv"))
        len -= 4;
    char *p = malloc(len + 16);
    actnet_status st;
    if (!p)
        return nomem(err);
    sprintf(p, "%.*s.nodes.csv", (int)len, path);
    st = write_one(net, ACTNET_FORMAT_CSV_NODES, p, err);
    if (st == ACTNET_OK) {
        sprintf(p, "%.*s.edges.csv", (int)len, path);
        st = write_one(net, ACTNET_FORMAT_CSV_EDGES, p, err);
    }
    free(p);
    return st;
}

/* ---- reading ------------------------------------------------------------ */

/* The view, or NULL when it cannot be made (out of memory). */
static const an_net *view(actnet_network *net)
{
    return ensure_view(net, NULL) == ACTNET_OK ? &net->view : NULL;
}

int actnet_network_is_directed(actnet_network *net)
{
    if (net->have_graph)
        return igraph_is_directed(&net->g);
    return an_agg_get_options(net->agg)->network == AN_NETWORK_ACTS_ON;
}

size_t actnet_network_node_count(actnet_network *net)
{
    if (net->have_graph)
        return (size_t)igraph_vcount(&net->g);
    const an_net *v = view(net);
    return v ? (size_t)v->vt.rows : 0;
}

size_t actnet_network_edge_count(actnet_network *net)
{
    if (net->have_graph)
        return (size_t)igraph_ecount(&net->g);
    const an_net *v = view(net);
    return v ? (size_t)v->et.rows : 0;
}

actnet_status actnet_network_edge_ends(actnet_network *net, size_t e,
                                       size_t *from, size_t *to)
{
    const an_net *v = view(net);
    if (!v || e >= (size_t)v->et.rows)
        return ACTNET_ERR_USAGE;
    *from = (size_t)VECTOR(v->ends)[2 * e];
    *to = (size_t)VECTOR(v->ends)[2 * e + 1];
    return ACTNET_OK;
}

static const an_table *table(actnet_network *net, actnet_attr_scope scope)
{
    const an_net *v = view(net);
    if (!v)
        return NULL;
    switch (scope) {
    case ACTNET_ATTR_GRAPH: return &v->gt;
    case ACTNET_ATTR_NODE: return &v->vt;
    case ACTNET_ATTR_EDGE: return &v->et;
    }
    return NULL;
}

/* Column i of scope when row is a row of it (any row for SIZE_MAX). */
static const an_column *column(actnet_network *net, actnet_attr_scope scope,
                               size_t i, size_t row)
{
    const an_table *t = table(net, scope);
    if (!t || i >= t->n)
        return NULL;
    if (row != SIZE_MAX && row >= (size_t)t->rows)
        return NULL;
    return &t->cols[i];
}

size_t actnet_network_attr_count(actnet_network *net,
                                 actnet_attr_scope scope)
{
    const an_table *t = table(net, scope);
    return t ? t->n : 0;
}

const char *actnet_network_attr_name(actnet_network *net,
                                     actnet_attr_scope scope, size_t i)
{
    const an_column *c = column(net, scope, i, SIZE_MAX);
    return c ? c->name : NULL;
}

int actnet_network_attr_type(actnet_network *net, actnet_attr_scope scope,
                             size_t i)
{
    const an_column *c = column(net, scope, i, SIZE_MAX);
    return c ? (int)c->type : -1;
}

size_t actnet_network_attr_find(actnet_network *net,
                                actnet_attr_scope scope, const char *name)
{
    const an_table *t = table(net, scope);
    for (size_t i = 0; t && name && i < t->n; i++)
        if (!strcmp(t->cols[i].name, name))
            return i;
    return (size_t)-1;
}

double actnet_network_attr_number(actnet_network *net,
                                  actnet_attr_scope scope, size_t i,
                                  size_t row)
{
    const an_column *c = column(net, scope, i, row);
    if (!c || c->type != AN_COL_NUMBER)
        return NAN;
    return VECTOR(c->num)[row];
}

const char *actnet_network_attr_string(actnet_network *net,
                                       actnet_attr_scope scope, size_t i,
                                       size_t row)
{
    const an_column *c = column(net, scope, i, row);
    if (!c || c->type != AN_COL_STRING)
        return NULL;
    return igraph_strvector_get(&c->str, (igraph_integer_t)row);
}

int actnet_network_attr_boolean(actnet_network *net,
                                actnet_attr_scope scope, size_t i,
                                size_t row)
{
    const an_column *c = column(net, scope, i, row);
    if (!c || c->type != AN_COL_BOOL)
        return -1;
    return VECTOR(c->bools)[row] ? 1 : 0;
}
