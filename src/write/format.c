/*
 * format.c — the table of output formats (see write.h, "formats"): every
 * format any command writes, with its names, file name endings, what it
 * can hold (a network, a partial, mentions, events, a ranking), its
 * writer where the library writes it, and its help note.  Writing
 * (an_write_net), the extension mapping (-o x.gexf), --format validation
 * and the format lists of every --help and usage error are read from it,
 * so a format is added in one place (CONTRIBUTING.md, "A new output
 * format").
 */
#include "write/write.h"

#include <string.h>
#include <strings.h>

/* The order is the order of every list: the networks' formats as the
 * writers were added, then the ranking's and the listings' (table, csv,
 * tsv, json for rank; tsv, jsonl, plover for the listings). */
static const an_format_info formats[] = {
    {AN_FORMAT_GRAPHML, "graphml", NULL, ".graphml", "GraphML",
     AN_WRITES_NETWORK, 1, an_write_net_graphml, NULL},
    {AN_FORMAT_GEXF, "gexf", NULL, ".gexf", "GEXF", AN_WRITES_NETWORK, 1,
     an_write_net_gexf, NULL},
    {AN_FORMAT_DOT, "dot", "gv", ".dot .gv", "DOT", AN_WRITES_NETWORK, 1,
     an_write_net_dot, NULL},
    {AN_FORMAT_JSON, "json", NULL, ".json", "JSON", AN_WRITES_NETWORK, 1,
     an_write_net_json, NULL},
    {AN_FORMAT_CSV, "csv", NULL, ".csv", "CSV", AN_WRITES_NETWORK, 0, NULL,
     "for both tables (-o net.csv writes net.nodes.csv and net.edges.csv)"},
    {AN_FORMAT_CSV_NODES, "csv-nodes", NULL, ".nodes.csv", "CSV",
     AN_WRITES_NETWORK, 1, an_write_net_csv_nodes, NULL},
    {AN_FORMAT_CSV_EDGES, "csv-edges", NULL, ".edges.csv", "CSV",
     AN_WRITES_NETWORK, 1, an_write_net_csv_edges, NULL},
    /* written by net/partial.c (an_partial_write) */
    {AN_FORMAT_PARTIAL, "partial", NULL, ".partial", "actnet-partial",
     AN_WRITES_PARTIAL, 1, NULL, NULL},
    /* written by the commands (cmd_rank.c, cmd_entities.c, cmd_events.c) */
    {AN_FORMAT_TABLE, "table", NULL, NULL, "table", AN_WRITES_RANKING, 1,
     NULL, "the default; aligned columns"},
    {AN_FORMAT_RANK_CSV, "csv", NULL, NULL, "CSV", AN_WRITES_RANKING, 1,
     NULL, NULL},
    {AN_FORMAT_TSV, "tsv", NULL, NULL, "TSV",
     AN_WRITES_RANKING | AN_WRITES_MENTIONS | AN_WRITES_EVENTS, 1, NULL,
     NULL},
    {AN_FORMAT_RANK_JSON, "json", NULL, NULL, "JSON", AN_WRITES_RANKING, 1,
     NULL, NULL},
    {AN_FORMAT_JSONL, "jsonl", NULL, NULL, "JSON Lines",
     AN_WRITES_MENTIONS | AN_WRITES_EVENTS, 1, NULL, NULL},
    {AN_FORMAT_PLOVER, "plover", NULL, NULL, "PLOVER", AN_WRITES_EVENTS, 1,
     NULL, "one PLOVER-style JSON record per event (id, date, event, mode, "
           "context, cameo, source / target: text as written, code = "
           "actnet id, name; negated, hedged, trigger, doc, text)"},
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const an_format_info *an_format_at(size_t i)
{
    return i < N_FORMATS ? &formats[i] : NULL;
}

const an_format_info *an_format_get(an_format f)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (formats[i].id == f)
            return &formats[i];
    return NULL;
}

const an_format_info *an_format_find(const char *name, unsigned kinds)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if ((formats[i].writes & kinds) &&
            (!strcmp(name, formats[i].name) ||
             (formats[i].alias && !strcmp(name, formats[i].alias))))
            return &formats[i];
    return NULL;
}

/* The length of the longest of the space-separated endings exts that
 * path ends with (ASCII case ignored, and longer than it), or 0. */
static size_t ext_match(const char *path, const char *exts)
{
    size_t lp = strlen(path), best = 0;
    while (exts && *exts) {
        size_t n = strcspn(exts, " ");
        if (lp > n && n > best && !strncasecmp(path + lp - n, exts, n))
            best = n;
        exts += n + (exts[n] == ' ');
    }
    return best;
}

const an_format_info *an_format_for_path(const char *path, unsigned kinds)
{
    /* the longest ending wins: x.nodes.csv is csv-nodes, not csv */
    const an_format_info *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < N_FORMATS; i++) {
        size_t n = (formats[i].writes & kinds)
                       ? ext_match(path, formats[i].exts) : 0;
        if (n > best_n) {
            best = &formats[i];
            best_n = n;
        }
    }
    return best;
}

/* Appends s, 0 / -1. */
static int put(an_buf *b, const char *s, size_t n)
{
    return an_buf_append(b, s, n);
}

/* Is ending e (n bytes) a longer form of another ending in the list (so
 * that naming that one says it: .nodes.csv after .csv)? */
static int ext_covered(unsigned kinds, const char *e, size_t n)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        const char *x = formats[i].exts;
        if (!(formats[i].writes & kinds))
            continue;
        while (x && *x) {
            size_t m = strcspn(x, " ");
            if (m < n && !strncasecmp(e + n - m, x, m))
                return 1;
            x += m + (x[m] == ' ');
        }
    }
    return 0;
}

int an_format_list(an_buf *b, unsigned kinds, unsigned how, const char *sep,
                   const char *last)
{
    /* the items first, then joined: the last separator needs the count */
    const char *item[64], *note[64];
    size_t len[64], n = 0;
    int first = 1;
    for (size_t i = 0; i < N_FORMATS && n < 64; i++) {
        const an_format_info *f = &formats[i];
        if (!(f->writes & kinds) || ((how & AN_FL_ONE_FILE) && !f->one_file))
            continue;
        if (first && (how & AN_FL_NOT_FIRST)) {
            first = 0;
            continue;
        }
        first = 0;
        if (!(how & AN_FL_EXTS)) {
            item[n] = how & AN_FL_TITLES ? f->title : f->name;
            note[n] = how & AN_FL_NOTES ? f->note : NULL;
            len[n] = strlen(item[n]);
            n++;
            continue;
        }
        for (const char *x = f->exts; x && *x && n < 64;) {
            size_t m = strcspn(x, " ");
            if (!ext_covered(kinds, x, m)) {
                item[n] = x;
                note[n] = NULL;
                len[n++] = m;
            }
            x += m + (x[m] == ' ');
        }
    }
    for (size_t k = 0; k < n; k++) {
        const char *s = k == 0 ? "" : k + 1 == n && last ? last : sep;
        if (put(b, s, strlen(s)) || put(b, item[k], len[k]))
            return -1;
        if (note[k] && (put(b, " (", 2) || put(b, note[k], strlen(note[k])) ||
                        put(b, ")", 1)))
            return -1;
    }
    return 0;
}

int an_format_ext_help(an_buf *b, unsigned kinds)
{
    /* one-file formats first, their endings joined by "or"; then those
     * that write several files, with their notes */
    int n = 0;
    for (int pass = 1; pass >= 0; pass--)
        for (size_t i = 0; i < N_FORMATS; i++) {
            const an_format_info *f = &formats[i];
            if (!(f->writes & kinds) || !f->exts || f->one_file != pass)
                continue;
            const char *s = n == 0 ? "" : pass ? ", " : ", and ";
            if (put(b, s, strlen(s)))
                return -1;
            n++;
            for (const char *x = f->exts; *x;) {
                size_t m = strcspn(x, " ");
                if ((x != f->exts && put(b, " or ", 4)) || put(b, x, m))
                    return -1;
                x += m + (x[m] == ' ');
            }
            if (f->note && (put(b, " ", 1) ||
                            put(b, f->note, strlen(f->note))))
                return -1;
        }
    return 0;
}

int an_format_parse(const char *name, an_format *f)
{
    const an_format_info *fi = an_format_find(name, AN_WRITES_NETWORK);
    if (!fi)
        return -1;
    *f = fi->id;
    return 0;
}

int an_format_from_path(const char *path, an_format *f)
{
    const an_format_info *fi = an_format_for_path(path, AN_WRITES_NETWORK);
    if (!fi)
        return -1;
    *f = fi->id;
    return 0;
}

const char *an_format_name(an_format f)
{
    const an_format_info *fi = an_format_get(f);
    return fi ? fi->name : "unknown";
}

/* ---- the public face of the table (actnet.h) ----------------------------- */

const char *actnet_format_find(const char *name, unsigned holds)
{
    const an_format_info *f = name ? an_format_find(name, holds) : NULL;
    return f ? f->name : NULL;
}

const char *actnet_format_of_path(const char *path, unsigned holds)
{
    const an_format_info *f = path ? an_format_for_path(path, holds) : NULL;
    return f ? f->name : NULL;
}

const char *actnet_format_at(size_t i, unsigned holds, const char **note)
{
    for (size_t k = 0; k < N_FORMATS; k++)
        if ((formats[k].writes & holds) && i-- == 0) {
            if (note)
                *note = formats[k].note;
            return formats[k].name;
        }
    return NULL;
}

int actnet_format_list(actnet_buffer *b, unsigned holds, unsigned how,
                       const char *sep, const char *last)
{
    if (how & ACTNET_LIST_SENTENCE)
        return an_format_ext_help(b, holds);
    return an_format_list(b, holds, how, sep ? sep : ", ", last);
}
