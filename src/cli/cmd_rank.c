/*
 * cmd_rank.c — `actnet rank INPUT...`: who is central.  The network comes
 * from a corpus (exactly as `build` makes it, cli_graph.c) or from one
 * GraphML file written by `actnet build` (read back with igraph); the
 * filters of build apply; the analyse stage computes the measures asked
 * for with --by; the nodes are sorted by the first one (ties by id) and
 * printed as an aligned table (display widths of UTF-8 text respected),
 * CSV, TSV or JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "actnet.h"
#include "net/analyse.h"
#include "cli/cli.h"
#include "cli/cli_graph.h"
#include "net/graph.h"
#include "text/encode.h"
#include "text/text.h"
#include "core/util.h"
#include "write/write.h"

static const char help_start[] =
    "Usage: actnet rank [OPTIONS] INPUT...\n"
    "\n"
    "Ranks the entities of a network by centrality: the nodes with the\n"
    "highest value of the first --by measure first (ties by id), with\n"
    "their label, type and every measure asked for.  INPUT is a corpus\n"
    "(files, directories or -, made into the network as actnet build does)\n"
    "or one GraphML file written by actnet build (a name ending in\n"
    ".graphml); both give the same table for the same network.  Other\n"
    "network files (GEXF, DOT, node-link JSON, GML) are refused: write a\n"
    "GraphML file with actnet build.\n"
    "\n"
    "Ranking:\n"
    "  --by MEASURE         a measure to show (repeatable, or a comma-\n"
    "                       separated list); the first one sorts.  Default:\n"
    "                       pagerank\n"
    "  --top N              show the first N nodes (default 20; 0 = all)\n"
    "  --type TYPES         show only nodes of these types (comma-separated:\n"
    "                       person, organisation, country, place); the\n"
    "                       measures are still those of the whole network\n"
    "";

/* After --format (print_help, from the format table). */
static const char help_after_format[] =
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "  --communities M      add a community column: leiden or louvain (see\n"
    "                       below)\n"
    "\n"
    "Measures (weights are edge weights; where paths are concerned an edge\n"
    "of weight w has length 1/w, so strong ties are short):\n";

static const char help_measures_end[] =
    "  Every measure is computed on the simple network: parallel edges\n"
    "  merged (weights summed), self-loops ignored.  indegree, outdegree,\n"
    "  instrength, outstrength, hub, authority and the hostility /\n"
    "  cooperation sums need a directed network (acts-on); eigenvector,\n"
    "  coreness and communities use it without directions.  Closeness and\n"
    "  harmonic of a directed network follow edges out of the node.\n"
    "\n";

static const char help_mid[] =
    "  --giant              keep the largest connected component\n"
    "\n"
    "Analysis:\n";

static const char help_end[] =
    "\n"
    "With a GraphML input the corpus options (--rules, --window, ...) do not\n"
    "apply; the filters do.\n"
    "\n"
    "  -h, --help           this text\n"
    "\n";

enum {
    OPT_BY = CLI_OPT_FIRST_COMMAND, OPT_TOP, OPT_TYPE, OPT_FORMAT
};


typedef struct rank_opts {
    cli_graph_opts graph;
    an_measure by[AN_M_COUNT];  /* in the order given, no repeats */
    size_t n_by;
    long long top;              /* rows; 0 = all */
    unsigned types;             /* --type mask; 0 = all */
    an_format format;       /* of AN_WRITES_RANKING */
    const char *output;         /* -o, NULL = stdout */
    int communities;            /* --communities given (not none) */
} rank_opts;

/* True when path names a GraphML file (by its extension). */
static int is_graphml(const char *path)
{
    size_t n = strlen(path);
    return n > 8 && !strcasecmp(path + n - 8, ".graphml");
}

static int add_by(rank_opts *o, const char *list)
{
    const char *p = list;
    char name[64];
    for (;;) {
        size_t len = strcspn(p, ",");
        an_measure m;
        if (len == 0 || len >= sizeof(name)) {
            cli_errorf("--by: '%s' is not a measure list such as "
                       "pagerank,degree", list);
            return -1;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        if (an_measure_parse(name, &m)) {
            char hint[96];
            cli_errorf("--by: unknown measure '%s'%s; the measures are "
                       "listed by actnet rank --help", name,
                       cli_measure_hint(hint, sizeof(hint), name));
            return -1;
        }
        size_t i = 0;
        while (i < o->n_by && o->by[i] != m)
            i++;
        if (i == o->n_by)
            o->by[o->n_by++] = m;
        p += len;
        if (!*p)
            return 0;
        p++;
    }
}

static int rank_option(rank_opts *o, int opt, const char *arg)
{
    double v;
    switch (opt) {
    case OPT_BY:
        return add_by(o, arg);
    case OPT_TOP:
        if (cli_parse_number(arg, 1, 1e15, &v)) {
            cli_errorf("--top: '%s' is not a whole number >= 0", arg);
            return -1;
        }
        o->top = (long long)v;
        return 0;
    case OPT_TYPE:
        if (an_graph_parse_types(arg, &o->types)) {
            cli_errorf("--type: '%s' is not person, organisation or country "
                       "(or a comma-separated list of them)", arg);
            return -1;
        }
        return 0;
    case OPT_FORMAT: {
        const an_format_info *f = an_format_find(arg, AN_WRITES_RANKING);
        if (f) {
            o->format = f->id;
            return 0;
        }
        an_buf l = {0};
        if (an_format_list(&l, AN_WRITES_RANKING, 0, ", ", " or ") ||
            an_buf_putc(&l, 0))
            cli_errorf("out of memory");
        else
            cli_errorf("--format: '%s' is not %s", arg, l.data);
        an_buf_free(&l);
        return -1;
    }
    case 'o':
        o->output = arg;
        return 0;
    default:
        fputs("Try 'actnet rank --help'.\n", stderr);
        return -1;
    }
}

/* rank's --format option from the format table: the formats with the
 * default's note, and what the others add.  0 / -1 when out of memory. */
static int print_format_help(void)
{
    static const char others[] = " add the node id and print full precision";
    an_buf b = {0};
    int rc = -1;
    if (!an_format_list(&b, AN_WRITES_RANKING, AN_FL_NOTES, ", ", " or ") &&
        !an_buf_append(&b, "; ", 2) &&
        !an_format_list(&b, AN_WRITES_RANKING, AN_FL_NOT_FIRST, ", ",
                        " and ") &&
        !an_buf_append(&b, others, sizeof(others)))
        rc = cli_help_option(stdout, "--format FMT", b.data);
    if (rc)
        cli_errorf("out of memory");
    an_buf_free(&b);
    return rc;
}

static int print_help(void)
{
    fputs(help_start, stdout);
    if (print_format_help())
        return -1;
    fputs(help_after_format, stdout);
    for (int i = 0; i < AN_M_COUNT; i++)
        printf("  %-21s%s\n", an_measure_name((an_measure)i),
               an_measure_help((an_measure)i));
    fputs(help_measures_end, stdout);
    fputs(cli_graph_help, stdout);
    fputs(help_mid, stdout);
    fputs(cli_analyse_help, stdout);
    fputs(help_end, stdout);
    fputs(cli_common_help, stdout);
    return 0;
}

/* Returns CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_args(int argc, char **argv, cli_common *c, rank_opts *o)
{
    static const struct option own[] = {
        {"by", required_argument, NULL, OPT_BY},
        {"top", required_argument, NULL, OPT_TOP},
        {"type", required_argument, NULL, OPT_TYPE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int rc = CLI_USAGE, opt;
    struct option *all = cli_graph_merge_options(own);
    if (!all) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", all, NULL)) != -1) {
        int r = cli_common_option(c, opt, optarg);
        if (r == 0 && opt == CLI_OPT_COMMUNITIES)
            o->communities = strcmp(optarg, "none") != 0;
        if (r == 0)
            r = cli_graph_option(&o->graph, opt, optarg);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (opt == 'h') {
            rc = print_help() ? CLI_FAIL : -1;
            goto out;
        }
        if (rank_option(o, opt, optarg))
            goto out;
    }
    if (cli_graph_check(&o->graph) ||
        cli_common_inputs(c, argc, argv, optind))
        goto out;
    if (!o->n_by)
        o->by[o->n_by++] = AN_M_PAGERANK;
    if (!o->communities)
        o->graph.analyse.community = AN_COMMUNITY_NONE;
    for (size_t i = 0; i < c->n_inputs; i++) {
        if (is_graphml(c->inputs[i]) && c->n_inputs > 1) {
            cli_errorf("%s: a GraphML input must be the only INPUT; rank one "
                       "network at a time", c->inputs[i]);
            goto out;
        }
    }
    rc = CLI_OK;
out:
    free(all);
    return rc;
}

/* Reads the GraphML file path into *g; CLI_OK or CLI_FAIL (reported). */
static int read_graphml(const char *path, igraph_t *g)
{
    FILE *fp = fopen(path, "rb");
    igraph_error_t rc;
    if (!fp) {
        cli_errorf("%s: cannot open: %s", path, strerror(errno));
        return CLI_FAIL;
    }
    rc = igraph_read_graph_graphml(g, fp, 0);
    fclose(fp);
    if (rc != IGRAPH_SUCCESS) {
        cli_errorf("%s: cannot read it as GraphML (igraph: %s); give a "
                   "GraphML file such as actnet build -o FILE.graphml "
                   "writes", path, igraph_strerror(rc));
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* Checks that the measures apply to the network; CLI_OK or CLI_USAGE
 * (reported). */
static int check_measures(const rank_opts *o, const igraph_t *g)
{
    for (size_t i = 0; i < o->n_by; i++) {
        if (an_measure_applies(o->by[i], g))
            continue;
        cli_errorf("--by %s: not defined for this %s network; it needs the "
                   "directed acts-on network%s", an_measure_name(o->by[i]),
                   igraph_is_directed(g) ? "directed" : "undirected",
                   igraph_is_directed(g) ? " with edge polarities" : "");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The same check before a corpus is read, for the networks whose
 * direction is known in advance (co-occurrence: undirected). */
static int check_measures_early(const rank_opts *o)
{
    igraph_t probe;
    int rc;
    if (o->graph.agg.network != AN_NETWORK_COOCCURRENCE)
        return CLI_OK;
    if (igraph_empty(&probe, 0, IGRAPH_UNDIRECTED)) {
        cli_errorf("out of memory");
        return CLI_FAIL;
    }
    rc = check_measures(o, &probe);
    igraph_destroy(&probe);
    return rc;
}

/* ---- the rows ----------------------------------------------------------- */

typedef struct rank_row {
    igraph_integer_t v;
    double key;
    const char *id;
} rank_row;

static int row_cmp(const void *pa, const void *pb)
{
    const rank_row *a = pa, *b = pb;
    /* NaN last */
    int an = isnan(a->key), bn = isnan(b->key);
    if (an != bn)
        return an - bn;
    if (!an && a->key != b->key)
        return a->key > b->key ? -1 : 1;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->v < b->v ? -1 : a->v > b->v;
}

/* What the printers need. */
typedef struct rank_table {
    an_table vt;                    /* vertex attributes */
    const an_column *label, *type, *community;
    const an_column *cols[AN_M_COUNT];
    size_t n_cols;
    rank_row *rows;
    size_t n_rows;
    char idbuf[32];
} rank_table;

static const char *row_id(rank_table *t, igraph_integer_t v)
{
    return an_node_id(&t->vt, v, t->idbuf);
}

static const char *col_str(const an_column *c, igraph_integer_t v)
{
    if (!c || c->type != AN_COL_STRING)
        return "";
    return igraph_strvector_get(&c->str, v);
}

static unsigned type_bit(const char *type)
{
    if (!strcmp(type, "person"))
        return 1u << ACTNET_PERSON;
    if (!strcmp(type, "organisation"))
        return 1u << ACTNET_ORGANISATION;
    if (!strcmp(type, "country"))
        return 1u << ACTNET_COUNTRY;
    if (!strcmp(type, "place"))
        return 1u << ACTNET_PLACE;
    return 0;
}

/* Selects, sorts and cuts the rows; 0 / -1 (memory). */
static int make_rows(rank_table *t, const rank_opts *o)
{
    igraph_integer_t n = t->vt.rows;
    const an_column *key = t->cols[0];
    const an_column *idc = an_table_find(&t->vt, "id");
    t->label = an_table_find(&t->vt, "label");
    t->type = an_table_find(&t->vt, "type");
    t->rows = malloc((n ? (size_t)n : 1) * sizeof(*t->rows));
    if (!t->rows)
        return -1;
    for (igraph_integer_t v = 0; v < n; v++) {
        if (o->types && !(type_bit(col_str(t->type, v)) & o->types))
            continue;
        rank_row *r = &t->rows[t->n_rows++];
        r->v = v;
        r->key = VECTOR(key->num)[v];
        r->id = idc && idc->type == AN_COL_STRING
                    ? igraph_strvector_get(&idc->str, v) : "";
    }
    qsort(t->rows, t->n_rows, sizeof(*t->rows), row_cmp);
    if (o->top > 0 && (size_t)o->top < t->n_rows)
        t->n_rows = (size_t)o->top;
    return 0;
}

/* ---- printers ---------------------------------------------------------- */

/* Display width of UTF-8 text (wide characters count 2, combining 0). */
static size_t display_width(const char *s)
{
    size_t w = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int bad;
        i += an_utf8_decode(s + i, len - i, &cp, &bad);
        int cw = bad ? 1 : utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

/* Text cleaned to one line into b (NUL-terminated); 0 / -1. */
static int clean_line(an_buf *b, const char *s)
{
    b->len = 0;
    if (an_clean_text(b, s, strlen(s), AN_CLEAN_COLLAPSE, 0))
        return -1;
    return an_buf_terminate(b);
}

/* Decimals for a table column: none when every shown value is whole,
 * else about four significant digits of the largest (2 to 10). */
static int column_decimals(const rank_table *t, const an_column *c)
{
    double max = 0;
    int whole = 1;
    for (size_t i = 0; i < t->n_rows; i++) {
        double x = VECTOR(c->num)[t->rows[i].v];
        if (!isfinite(x))
            continue;
        if (x != floor(x))
            whole = 0;
        if (fabs(x) > max)
            max = fabs(x);
    }
    if (whole)
        return 0;
    int d = max > 0 ? 3 - (int)floor(log10(max)) : 4;
    return d < 2 ? 2 : d > 10 ? 10 : d;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

/* One cell: left or right aligned in width columns, two spaces apart. */
static void cell(FILE *fp, const char *s, size_t width, int right, int last)
{
    size_t w = display_width(s);
    if (right)
        pad(fp, width > w ? width - w : 0);
    fputs(s, fp);
    if (!right && !last)
        pad(fp, width > w ? width - w : 0);
    fputs(last ? "\n" : "  ", fp);
}

static int print_table(FILE *fp, rank_table *t)
{
    size_t nc = 3 + t->n_cols + (t->community ? 1 : 0);
    size_t *width = calloc(nc, sizeof(*width));
    int *dec = calloc(t->n_cols ? t->n_cols : 1, sizeof(*dec));
    char **text = NULL;
    an_buf b = {0};
    int rc = -1;
    char num[64];

    if (!width || !dec)
        goto out;
    /* every cell as text first, for the widths */
    text = calloc((t->n_rows + 1) * nc, sizeof(*text));
    if (!text)
        goto out;
    text[0] = an_strdup("rank");
    text[1] = an_strdup("label");
    text[2] = an_strdup("type");
    for (size_t k = 0; k < t->n_cols; k++) {
        text[3 + k] = an_strdup(t->cols[k]->name);
        dec[k] = column_decimals(t, t->cols[k]);
    }
    if (t->community)
        text[nc - 1] = an_strdup("community");
    for (size_t i = 0; i < t->n_rows; i++) {
        igraph_integer_t v = t->rows[i].v;
        char **row = text + (i + 1) * nc;
        const char *label = col_str(t->label, v);
        snprintf(num, sizeof(num), "%zu", i + 1);
        row[0] = an_strdup(num);
        if (clean_line(&b, label[0] ? label : row_id(t, v)))
            goto out;
        row[1] = an_strdup(b.data);
        if (clean_line(&b, col_str(t->type, v)))
            goto out;
        row[2] = an_strdup(b.data);
        for (size_t k = 0; k < t->n_cols; k++) {
            double x = VECTOR(t->cols[k]->num)[v];
            if (isfinite(x))
                snprintf(num, sizeof(num), "%.*f", dec[k], x);
            else
                snprintf(num, sizeof(num), "%s", isnan(x) ? "NaN" : "Inf");
            row[3 + k] = an_strdup(num);
        }
        if (t->community)
            row[nc - 1] = an_strdup(
                an_format_number(VECTOR(t->community->num)[v], num));
    }
    for (size_t i = 0; i < (t->n_rows + 1) * nc; i++) {
        if (!text[i])
            goto out;
        size_t w = display_width(text[i]);
        if (w > width[i % nc])
            width[i % nc] = w;
    }
    for (size_t i = 0; i <= t->n_rows; i++)
        for (size_t k = 0; k < nc; k++)
            cell(fp, text[i * nc + k], width[k], k == 0 || k >= 3,
                 k + 1 == nc);
    rc = 0;
out:
    for (size_t i = 0; text && i < (t->n_rows + 1) * nc; i++)
        free(text[i]);
    free(text);
    free(width);
    free(dec);
    an_buf_free(&b);
    return rc;
}

/* s cleaned to one line as a CSV field (RFC 4180 quoting) or a TSV
 * field. */
static int field(FILE *fp, an_buf *b, const char *s, int csv)
{
    an_buf enc = {0};
    int rc = -1;
    if (clean_line(b, s) ||
        (csv ? an_csv_field(&enc, b->data, b->len)
             : an_tsv_field(&enc, b->data, b->len)))
        goto out;
    fwrite(enc.data, 1, enc.len, fp);
    rc = 0;
out:
    an_buf_free(&enc);
    return rc;
}

static int print_separated(FILE *fp, rank_table *t, int csv)
{
    char sep = csv ? ',' : '\t', num[32];
    an_buf b = {0};
    int rc = -1;
    fprintf(fp, "rank%cid%clabel%ctype", sep, sep, sep);
    for (size_t k = 0; k < t->n_cols; k++)
        fprintf(fp, "%c%s", sep, t->cols[k]->name);
    if (t->community)
        fprintf(fp, "%ccommunity", sep);
    fputc('\n', fp);
    for (size_t i = 0; i < t->n_rows; i++) {
        igraph_integer_t v = t->rows[i].v;
        fprintf(fp, "%zu%c", i + 1, sep);
        if (field(fp, &b, row_id(t, v), csv))
            goto out;
        fputc(sep, fp);
        if (field(fp, &b, col_str(t->label, v), csv))
            goto out;
        fputc(sep, fp);
        if (field(fp, &b, col_str(t->type, v), csv))
            goto out;
        for (size_t k = 0; k < t->n_cols; k++)
            fprintf(fp, "%c%s", sep,
                    an_format_number(VECTOR(t->cols[k]->num)[v], num));
        if (t->community)
            fprintf(fp, "%c%s", sep,
                    an_format_number(VECTOR(t->community->num)[v], num));
        fputc('\n', fp);
    }
    rc = 0;
out:
    an_buf_free(&b);
    return rc;
}

static void json_number(FILE *fp, double x)
{
    char num[32];
    fputs(isfinite(x) ? an_format_number(x, num) : "null", fp);
}

static int json_text(FILE *fp, an_buf *b, const char *s)
{
    an_buf enc = {0};
    int rc = -1;
    if (clean_line(b, s) || an_json_string(&enc, b->data, b->len))
        goto out;
    fwrite(enc.data, 1, enc.len, fp);
    rc = 0;
out:
    an_buf_free(&enc);
    return rc;
}

static int print_json(FILE *fp, rank_table *t, const igraph_t *g,
                      const an_analyse_report *rep)
{
    an_buf b = {0};
    int rc = -1;
    const char *net = igraph_is_directed(g) ? "acts-on" : "cooccurrence";
    if (igraph_cattribute_has_attr(g, IGRAPH_ATTRIBUTE_GRAPH, "network"))
        net = GAS(g, "network");
    fputs("{\"network\": ", fp);
    if (json_text(fp, &b, net))
        goto out;
    fprintf(fp, ", \"nodes\": %lld, \"edges\": %lld, \"by\": [",
            (long long)igraph_vcount(g), (long long)igraph_ecount(g));
    for (size_t k = 0; k < t->n_cols; k++)
        fprintf(fp, "%s\"%s\"", k ? ", " : "", t->cols[k]->name);
    fputs("], \"paths\": ", fp);
    if (rep->paths.sources > 0)
        fprintf(fp, "{\"sampled_sources\": %lld, \"seed\": %lu}",
                (long long)rep->paths.sources, rep->paths.seed);
    else if (rep->paths.cutoff > 0) {
        fputs("{\"cutoff\": ", fp);
        json_number(fp, rep->paths.cutoff);
        fputc('}', fp);
    } else
        fputs("\"exact\"", fp);
    if (t->community) {
        fputs(", \"communities\": ", fp);
        if (json_text(fp, &b, GAS(g, "communities")))
            goto out;
        fputs(", \"modularity\": ", fp);
        json_number(fp, rep->modularity);
    }
    fputs(",\n \"rows\": [", fp);
    for (size_t i = 0; i < t->n_rows; i++) {
        igraph_integer_t v = t->rows[i].v;
        fprintf(fp, "%s\n  {\"rank\": %zu, \"id\": ", i ? "," : "", i + 1);
        if (json_text(fp, &b, row_id(t, v)))
            goto out;
        fputs(", \"label\": ", fp);
        if (json_text(fp, &b, col_str(t->label, v)))
            goto out;
        fputs(", \"type\": ", fp);
        if (json_text(fp, &b, col_str(t->type, v)))
            goto out;
        for (size_t k = 0; k < t->n_cols; k++) {
            fprintf(fp, ", \"%s\": ", t->cols[k]->name);
            json_number(fp, VECTOR(t->cols[k]->num)[v]);
        }
        if (t->community) {
            fputs(", \"community\": ", fp);
            json_number(fp, VECTOR(t->community->num)[v]);
        }
        fputc('}', fp);
    }
    fputs(t->n_rows ? "\n ]}\n" : "]}\n", fp);
    rc = 0;
out:
    an_buf_free(&b);
    return rc;
}

/* Analyses g and prints the ranking; CLI_OK or CLI_FAIL (reported). */
static int rank_graph(cli_common *c, rank_opts *o, igraph_t *g)
{
    an_analyse_options ao = o->graph.analyse;
    an_analyse_report rep;
    rank_table t;
    cli_output out;
    int rc = CLI_FAIL, have_out = 0, bad;

    memset(&t, 0, sizeof(t));
    ao.measures = 0;
    for (size_t i = 0; i < o->n_by; i++)
        ao.measures |= AN_MEASURE_BIT(o->by[i]);
    if (cli_analyse(c, g, &ao, 0, &rep))
        goto out;
    if (an_table_read(&t.vt, g, AN_TABLE_VERTICES))
        goto nomem;
    for (size_t i = 0; i < o->n_by; i++) {
        const an_column *col = an_table_find(&t.vt, an_measure_name(o->by[i]));
        if (!col || col->type != AN_COL_NUMBER)
            goto nomem;     /* an_analyse set it: cannot happen */
        t.cols[t.n_cols++] = col;
    }
    if (ao.community != AN_COMMUNITY_NONE)
        t.community = an_table_find(&t.vt, "community");
    if (make_rows(&t, o))
        goto nomem;
    if (cli_output_open(&out, o->output ? o->output : "-"))
        goto out;
    have_out = 1;
    switch (o->format) {
    case AN_FORMAT_TABLE: bad = print_table(out.fp, &t); break;
    case AN_FORMAT_RANK_CSV: bad = print_separated(out.fp, &t, 1); break;
    case AN_FORMAT_TSV: bad = print_separated(out.fp, &t, 0); break;
    default: bad = print_json(out.fp, &t, g, &rep); break;
    }
    if (bad)
        goto nomem;
    have_out = 0;
    if (cli_output_commit(&out))
        goto out;
    rc = CLI_OK;
    goto out;
nomem:
    cli_errorf("out of memory");
out:
    if (have_out)
        cli_output_abort(&out);
    free(t.rows);
    an_table_finish(&t.vt);
    return rc;
}

int cmd_rank(int argc, char **argv)
{
    cli_common c;
    rank_opts o;
    actnet_rules *rules = NULL;
    igraph_t g;
    int have_graph = 0, rc;
    size_t docs = 0;
    actnet_error err;

    cli_common_init(&c);
    memset(&o, 0, sizeof(o));
    cli_graph_opts_init(&o.graph);
    o.top = 20;
    o.format = AN_FORMAT_TABLE;
    rc = parse_args(argc, argv, &c, &o);
    if (rc) {
        rc = rc < 0 ? CLI_OK : rc;
        goto out;
    }
    if (is_graphml(c.inputs[0])) {
        rc = read_graphml(c.inputs[0], &g);
        if (rc != CLI_OK)
            goto out;
        have_graph = 1;
        rc = CLI_FAIL;
        actnet_error_clear(&err);
        if (an_graph_filter_apply(&g, &o.graph.filter, &err) != ACTNET_OK) {
            cli_print_error(&err);
            goto out;
        }
    } else {
        rc = check_measures_early(&o);
        if (rc != CLI_OK)
            goto out;
        rc = CLI_FAIL;
        if (!(rules = cli_load_rules(&c)))
            goto out;
        rc = cli_corpus_graph(&c, rules, &o.graph, &g, &docs);
        if (rc != CLI_OK)
            goto out;
        have_graph = 1;
    }
    rc = check_measures(&o, &g);
    if (rc != CLI_OK)
        goto out;
    rc = rank_graph(&c, &o, &g);
    if (rc == CLI_OK && !is_graphml(c.inputs[0]))
        cli_report_summary(&c, docs);
out:
    if (have_graph)
        igraph_destroy(&g);
    actnet_rules_destroy(rules);
    cli_common_finish(&c);
    return rc;
}
