/*
 * write.c — what the graph writers share: the dispatch by format (the
 * table in format.c), text cleaning, colours by node type, number
 * formatting and attribute tables.  See write.h.
 */
#include "write/write.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/encode.h"
#include "text/text.h"

actnet_status an_write_net(const an_net *net, an_format f, FILE *fp,
                           const an_write_opts *opts, actnet_error *err)
{
    const an_format_info *fi = an_format_get(f);
    if (fi && fi->write)
        return fi->write(net, fp, opts, err);
    if (f == AN_FORMAT_CSV)
        an_error_set(err, "", 0, 0, "the csv format writes two files (nodes "
                     "and edges); write csv-nodes and csv-edges separately");
    else
        an_error_set(err, "", 0, 0, "the %s format is no network format",
                     fi ? fi->name : "unknown");
    return ACTNET_ERR_USAGE;
}

actnet_status an_write_graph(const igraph_t *g, an_format f, FILE *fp,
                             actnet_error *err)
{
    an_net net;
    actnet_status st;
    if (f == AN_FORMAT_CSV)
        return an_write_net(NULL, f, fp, NULL, err);   /* refused */
    if (an_net_from_igraph(&net, g))
        return an_write_failed(err, an_format_get(f) ? an_format_get(f)->title
                                                     : "CSV", 1);
    st = an_write_net(&net, f, fp, NULL, err);
    an_net_finish(&net);
    return st;
}

actnet_status an_write_graphml(const igraph_t *g, FILE *fp,
                               actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_GRAPHML, fp, err);
}

actnet_status an_write_gexf(const igraph_t *g, FILE *fp, actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_GEXF, fp, err);
}

actnet_status an_write_dot(const igraph_t *g, FILE *fp, actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_DOT, fp, err);
}

actnet_status an_write_json(const igraph_t *g, FILE *fp, actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_JSON, fp, err);
}

actnet_status an_write_csv_nodes(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_CSV_NODES, fp, err);
}

actnet_status an_write_csv_edges(const igraph_t *g, FILE *fp,
                                 actnet_error *err)
{
    return an_write_graph(g, AN_FORMAT_CSV_EDGES, fp, err);
}

/* ---- colours and numbers -------------------------------------------------- */

void an_type_color(const char *type, unsigned char rgb[3])
{
    /* Tableau 10: blue, orange, green; grey for anything else. */
    static const unsigned char person[3] = {78, 121, 167};
    static const unsigned char organisation[3] = {242, 142, 43};
    static const unsigned char country[3] = {89, 161, 79};
    static const unsigned char other[3] = {186, 176, 172};
    const unsigned char *c = other;
    if (type && !strcmp(type, "person"))
        c = person;
    else if (type && !strcmp(type, "organisation"))
        c = organisation;
    else if (type && !strcmp(type, "country"))
        c = country;
    memcpy(rgb, c, 3);
}

void an_community_color(double k, unsigned char rgb[3])
{
    /* Tableau 20 without its greys, the strong colours first. */
    static const unsigned char palette[][3] = {
        {78, 121, 167}, {242, 142, 43}, {225, 87, 89}, {89, 161, 79},
        {182, 153, 45}, {73, 152, 148}, {211, 114, 149}, {176, 122, 161},
        {157, 118, 96}, {160, 203, 232}, {255, 190, 125}, {255, 157, 154},
        {140, 209, 125}, {241, 206, 99}, {134, 188, 182}, {250, 191, 210},
        {212, 166, 200}, {215, 181, 166},
    };
    static const unsigned char grey[3] = {186, 176, 172};
    size_t n = sizeof(palette) / sizeof(palette[0]);
    const unsigned char *c = grey;
    if (k >= 0 && k < (double)n && k == floor(k))
        c = palette[(size_t)k];
    memcpy(rgb, c, 3);
}

void an_node_style_init(an_node_style *st, const an_net *net)
{
    const an_table *vt = &net->vt;
    const char *size_by = net->size_by;
    const char *color_by = net->color_by;
    memset(st, 0, sizeof(*st));
    st->size_name = size_by && an_table_find(vt, size_by) ? size_by
                                                          : "mentions";
    st->size = an_table_find(vt, st->size_name);
    if (st->size && st->size->type != AN_COL_NUMBER)
        st->size = NULL;
    for (igraph_integer_t v = 0; st->size && v < vt->rows; v++)
        if (VECTOR(st->size->num)[v] > st->size_max)
            st->size_max = VECTOR(st->size->num)[v];
    if (color_by && !strcmp(color_by, "community")) {
        st->community = an_table_find(vt, "community");
        if (st->community && st->community->type != AN_COL_NUMBER)
            st->community = NULL;
    }
    st->type = an_table_find(vt, "type");
    if (st->type && st->type->type != AN_COL_STRING)
        st->type = NULL;
}

double an_node_size_share(const an_node_style *st, igraph_integer_t v)
{
    double x = st->size ? VECTOR(st->size->num)[v] : 0;
    if (!(st->size_max > 0) || !(x > 0))
        return 0;
    return x >= st->size_max ? 1.0 : sqrt(x / st->size_max);
}

void an_node_color(const an_node_style *st, igraph_integer_t v,
                   unsigned char rgb[3])
{
    if (st->community)
        an_community_color(VECTOR(st->community->num)[v], rgb);
    else
        an_type_color(st->type ? igraph_strvector_get(&st->type->str, v)
                               : NULL, rgb);
}

/* ---- the XML writer ---------------------------------------------------------- */

/* Buffered bytes written to fp once there are this many. */
#define AN_XML_BLOCK (1u << 20)

/* Writes the buffered bytes if there are many (all when force).  0 / -1.
 * A writer of one chunk of rows (an_xml_rows) has no file: its bytes stay
 * in its buffer. */
static int xml_drain(an_xml *w, int force)
{
    if (!w->fp || !w->out.len || (!force && w->out.len < AN_XML_BLOCK))
        return 0;
    size_t n = fwrite(w->out.data, 1, w->out.len, w->fp);
    int rc = n == w->out.len ? 0 : -1;
    w->out.len = 0;
    return rc;
}

/* Makes room for n more bytes in the buffer.  0 / -1 (memory). */
static int xml_room(an_xml *w, size_t n)
{
    if (w->out.len + n + 1 <= w->out.cap)
        return 0;
    if (an_reserve((void **)&w->out.data, &w->out.cap, w->out.len + n + 1,
                   1)) {
        w->nomem = 1;
        return -1;
    }
    return 0;
}

static int xml_put(an_xml *w, const char *s, size_t n)
{
    if (xml_room(w, n))
        return -1;
    memcpy(w->out.data + w->out.len, s, n);
    w->out.len += n;
    return 0;
}

static int xml_puts(an_xml *w, const char *s)
{
    return xml_put(w, s, strlen(s));
}

/* Indentation of the innermost element: two spaces per open parent. */
static int xml_indent(an_xml *w)
{
    static const char spaces[2 * AN_XML_DEPTH + 1] =
        "                                ";
    return xml_put(w, spaces, 2 * (size_t)(w->depth - 1));
}

/*
 * Appends s[0..len) escaped (an_xml_escape_raw, encode.h).  With check
 * set it gives up (returns 1, nothing appended) at the first byte that
 * cleaning might change: the caller cleans and comes back.  0 / 1 / -1
 * (memory).
 */
static int xml_escape(an_xml *w, const char *s, size_t len, int attr,
                      int check)
{
    /* each byte becomes at most 6 ("&quot;") */
    if (len > (SIZE_MAX - 64) / 6 || xml_room(w, 6 * len)) {
        w->nomem = 1;
        return -1;
    }
    char *o = an_xml_escape_raw(w->out.data + w->out.len, s, len, attr,
                                check);
    if (!o)
        return 1;   /* w->out.len untouched: nothing appended */
    w->out.len = (size_t)(o - w->out.data);
    return 0;
}

/* Appends s cleaned (write.h, no flags) and escaped: printable ASCII in
 * one pass (cleaning leaves it as it is), anything else cleaned first. */
static int xml_clean_escape(an_xml *w, const char *s, int attr)
{
    size_t len = strlen(s);
    int rc = xml_escape(w, s, len, attr, 1);
    if (rc <= 0)
        return rc;
    w->scratch.len = 0;
    if (an_clean_text(&w->scratch, s, len, 0, 0)) {
        w->nomem = 1;
        return -1;
    }
    return xml_escape(w, w->scratch.data, w->scratch.len, attr, 0);
}

/* Ends the start tag of the innermost element (">"), before content. */
static int xml_close_tag(an_xml *w, int newline)
{
    if (!w->depth || w->text[w->depth - 1])
        return 0;
    w->text[w->depth - 1] = 1;
    return xml_put(w, newline ? ">\n" : ">", newline ? 2 : 1);
}

int an_xml_open(an_xml *w, FILE *fp)
{
    memset(w, 0, sizeof(*w));
    w->fp = fp;
    w->doindent = 1;
    return xml_puts(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

int an_xml_close(an_xml *w, int ok)
{
    while (ok && w->depth)
        if (an_xml_end(w))
            ok = 0;
    if (ok && xml_drain(w, 1))
        ok = 0;
    an_buf_free(&w->out);
    an_buf_free(&w->scratch);
    free(w->memo);
    an_buf_free(&w->memo_text);
    return ok ? 0 : -1;
}

int an_xml_start(an_xml *w, const char *name)
{
    if (w->depth == AN_XML_DEPTH || xml_close_tag(w, 1) || xml_drain(w, 0))
        return -1;
    w->names[w->depth] = name;
    w->text[w->depth] = 0;
    w->depth++;
    if (xml_indent(w) || xml_put(w, "<", 1))
        return -1;
    return xml_puts(w, name);
}

int an_xml_end(an_xml *w)
{
    if (!w->depth)
        return -1;
    if (!w->text[w->depth - 1]) {
        w->doindent = 1;
        if (xml_put(w, "/>\n", 3))
            return -1;
    } else {
        if (w->doindent && xml_indent(w))
            return -1;
        w->doindent = 1;
        if (xml_put(w, "</", 2) || xml_puts(w, w->names[w->depth - 1]) ||
            xml_put(w, ">\n", 2))
            return -1;
    }
    w->depth--;
    return 0;
}

int an_xml_attr(an_xml *w, const char *name, const char *value)
{
    if (!w->depth || w->text[w->depth - 1])
        return -1;
    if (xml_put(w, " ", 1) || xml_puts(w, name) || xml_put(w, "=\"", 2) ||
        xml_clean_escape(w, value, 1))
        return -1;
    return xml_put(w, "\"", 1);
}

int an_xml_attr_raw(an_xml *w, const char *name, const char *value)
{
    if (!w->depth || w->text[w->depth - 1])
        return -1;
    if (xml_put(w, " ", 1) || xml_puts(w, name) || xml_put(w, "=\"", 2) ||
        xml_escape(w, value, strlen(value), 1, 0))
        return -1;
    return xml_put(w, "\"", 1);
}

int an_xml_text(an_xml *w, const char *text)
{
    if (!w->depth || xml_close_tag(w, 0))
        return -1;
    w->doindent = 0;
    return xml_clean_escape(w, text, 0);
}

int an_xml_element(an_xml *w, const char *name, const char *text)
{
    if (an_xml_start(w, name) || an_xml_text(w, text))
        return -1;
    return an_xml_end(w);
}

/* ---- buffered output ------------------------------------------------------------ */

void an_sink_init(an_sink *k, FILE *fp)
{
    memset(k, 0, sizeof(*k));
    k->fp = fp;
}

int an_sink_room(an_sink *k, size_t n)
{
    if (k->out.len + n + 1 <= k->out.cap)
        return 0;
    if (n > SIZE_MAX / 2 ||
        an_reserve((void **)&k->out.data, &k->out.cap, k->out.len + n + 1,
                   1)) {
        k->nomem = 1;
        return -1;
    }
    return 0;
}

int an_sink_put(an_sink *k, const char *s, size_t n)
{
    if (an_sink_room(k, n))
        return -1;
    memcpy(an_sink_end(k), s, n);
    k->out.len += n;
    return 0;
}

int an_sink_puts(an_sink *k, const char *s)
{
    return an_sink_put(k, s, strlen(s));
}

int an_sink_putc(an_sink *k, char c)
{
    if (an_sink_room(k, 1))
        return -1;
    k->out.data[k->out.len++] = c;
    return 0;
}

/* Writes everything buffered; 0 / -1. */
static int sink_flush(an_sink *k)
{
    if (k->out.len &&
        fwrite(k->out.data, 1, k->out.len, k->fp) != k->out.len)
        k->failed = 1;
    k->out.len = 0;
    return k->failed ? -1 : 0;
}

int an_sink_drain(an_sink *k)
{
    /* a sink of one chunk of rows (no file) keeps its bytes */
    return !k->fp || k->out.len < AN_XML_BLOCK ? 0 : sink_flush(k);
}

int an_sink_close(an_sink *k, int ok)
{
    if (ok && sink_flush(k))
        ok = 0;
    an_buf_free(&k->out);
    return ok ? 0 : -1;
}

int an_xml_element_tags(an_xml *w, const char *open, size_t open_len,
                        const char *close, size_t close_len,
                        const char *text)
{
    /* an_xml_start: end the parent's start tag, indent one deeper */
    if (w->depth == AN_XML_DEPTH || xml_close_tag(w, 1) || xml_drain(w, 0))
        return -1;
    w->depth++;
    int rc = xml_indent(w);
    w->depth--;
    /* the start tag closed by the text, then the end tag on its line */
    if (rc || xml_put(w, open, open_len) || xml_clean_escape(w, text, 0) ||
        xml_put(w, close, close_len) || xml_put(w, "\n", 1))
        return -1;
    w->doindent = 1;
    return 0;
}

/* Slots of an XML writer's memo of escaped strings (direct-mapped): room
 * for the few hundred strings of each of a dozen columns. */
#define AN_MEMO 4096

struct an_xml_memo {
    const an_column *c;         /* the column, or NULL: an empty slot */
    const char *s;              /* the string, by address */
    int attr;                   /* escaped as an attribute value */
    size_t off, len;            /* its escaped bytes in memo_text */
};

/* Appends s cleaned and escaped (as an attribute value when attr) to b,
 * by an XML writer of its own into b's buffer.  0 / -1. */
static int escape_into(an_buf *b, const char *s, int attr)
{
    an_xml w;
    memset(&w, 0, sizeof(w));
    w.out = *b;
    int rc = xml_clean_escape(&w, s, attr);
    *b = w.out;
    an_buf_free(&w.scratch);
    return rc < 0 ? -1 : 0;
}

/* String s of shared column c cleaned and escaped (as an attribute value
 * when attr): *off and *n set to its bytes in memo_text, made there when
 * the memo does not have them.  0 / -1. */
static int xml_memo(an_xml *w, const an_column *c, const char *s, int attr,
                    size_t *off, size_t *n)
{
    if (!w->memo && !(w->memo = calloc(AN_MEMO, sizeof(*w->memo)))) {
        w->nomem = 1;
        return -1;
    }
    uintptr_t h = (uintptr_t)s ^ (uintptr_t)c >> 4;
    struct an_xml_memo *m = &w->memo[(h ^ h >> 8 ^ h >> 16) &
                                     (AN_MEMO - 1)];
    if (m->c != c || m->s != s || m->attr != attr) {
        size_t start = w->memo_text.len;
        if (escape_into(&w->memo_text, s, attr)) {
            w->nomem = 1;
            return -1;
        }
        *m = (struct an_xml_memo){c, s, attr, start,
                                  w->memo_text.len - start};
    }
    *off = m->off;
    *n = m->len;
    return 0;
}

int an_xml_escape_text(an_buf *b, const char *s)
{
    return escape_into(b, s, 0);
}

int an_xml_memo(an_xml *w, const an_column *c, const char *s, size_t *off,
                size_t *n)
{
    return xml_memo(w, c, s, 0, off, n);
}

char *an_xml_reserve(an_xml *w, size_t n)
{
    return xml_room(w, n) ? NULL : w->out.data + w->out.len;
}

void an_xml_wrote(an_xml *w, const char *end)
{
    w->out.len = (size_t)(end - w->out.data);
    w->doindent = 1;
}

int an_xml_cell(an_xml *w, const char *open, size_t open_len,
                const char *close, size_t close_len, const an_column *c,
                igraph_integer_t r)
{
    char num[32];
    const char *v = NULL;
    size_t n, ind, memo = 0;
    switch (c->type) {
    case AN_COL_STRING:
        if (!c->shared)
            return an_xml_element_tags(w, open, open_len, close, close_len,
                                       igraph_strvector_get(&c->str, r));
        if (xml_memo(w, c, igraph_strvector_get(&c->str, r), 0, &memo, &n))
            return -1;
        break;
    case AN_COL_BOOL:
        v = VECTOR(c->bools)[r] ? "true" : "false";
        n = VECTOR(c->bools)[r] ? 4 : 5;
        break;
    default:
        /* a column of whole numbers needs no test of each value */
        if (c->integral) {
            v = an_format_whole(VECTOR(c->num)[r], num, &n);
        } else {
            v = an_format_number(VECTOR(c->num)[r], num);
            n = strlen(v);
        }
    }
    /* as an_xml_element_tags, in one piece: numbers and booleans are
     * plain ASCII, which cleaning and escaping leave alone, and a shared
     * string is escaped already */
    if (!w->depth || w->depth == AN_XML_DEPTH)
        return -1;
    if (!w->text[w->depth - 1] && xml_close_tag(w, 1))
        return -1;
    if (w->fp && w->out.len >= AN_XML_BLOCK && xml_drain(w, 0))
        return -1;
    ind = 2 * (size_t)w->depth;
    if (xml_room(w, ind + open_len + n + close_len + 1))
        return -1;
    if (!v)
        v = w->memo_text.data + memo;
    char *o = w->out.data + w->out.len;
    memset(o, ' ', ind);
    o += ind;
    memcpy(o, open, open_len);
    o += open_len;
    memcpy(o, v, n);
    o += n;
    memcpy(o, close, close_len);
    o += close_len;
    *o++ = '\n';
    w->out.len = (size_t)(o - w->out.data);
    w->doindent = 1;
    return 0;
}

int an_xml_escape_attr(an_buf *b, const char *value)
{
    return escape_into(b, value, 1);
}

int an_xml_attr_escaped(an_xml *w, const char *name, const char *value,
                        size_t len)
{
    size_t nl = strlen(name);
    if (!w->depth || w->text[w->depth - 1] || xml_room(w, nl + len + 4))
        return -1;
    char *o = w->out.data + w->out.len;
    *o++ = ' ';
    memcpy(o, name, nl);
    o += nl;
    *o++ = '=';
    *o++ = '"';
    memcpy(o, value, len);
    o += len;
    *o++ = '"';
    w->out.len = (size_t)(o - w->out.data);
    return 0;
}

int an_xml_empty_tags(an_xml *w, const char *head, size_t head_len,
                      const char *value)
{
    /* as an_xml_element_tags; an empty element ends in "/>" */
    if (w->depth == AN_XML_DEPTH || xml_close_tag(w, 1) || xml_drain(w, 0))
        return -1;
    w->depth++;
    int rc = xml_indent(w);
    w->depth--;
    if (rc || xml_put(w, head, head_len) || xml_clean_escape(w, value, 1) ||
        xml_put(w, "\"/>\n", 4))
        return -1;
    w->doindent = 1;
    return 0;
}

int an_xml_start_tag(an_buf *b, const char *name, const char *attr,
                     const char *value, const char *last)
{
    /* written by an XML writer of its own into b's buffer */
    an_xml w;
    memset(&w, 0, sizeof(w));
    w.out = *b;
    w.names[0] = name;
    w.depth = 1;
    int rc = xml_put(&w, "<", 1) || xml_puts(&w, name) ||
             an_xml_attr(&w, attr, value) ||
             (last ? xml_put(&w, " ", 1) || xml_puts(&w, last) ||
                         xml_put(&w, "=\"", 2)
                   : xml_put(&w, ">", 1)) ? -1 : 0;
    *b = w.out;
    an_buf_free(&w.scratch);
    return rc;
}

/* ---- rows in chunks, on threads ------------------------------------------ */

/* Rows per chunk by default: about a megabyte of GraphML edges. */
#define AN_ROWS_CHUNK 2048

/* A chunk's buffer; at most n_slots chunks are formatted ahead of the
 * one written next. */
typedef struct rows_slot {
    an_buf buf;
    size_t chunk;               /* the chunk it holds */
    int state;                  /* 0 free, 1 being formatted, 2 ready */
} rows_slot;

typedef struct rows_job {
    size_t n, chunk, n_chunks;
    an_rows_fn fn;
    void *ctx;
    FILE *fp;
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* a chunk is ready or written */
    size_t next;                /* the next chunk to format */
    size_t written;             /* chunks written so far */
    int writing;                /* a thread is writing chunk written */
    rows_slot *slots;
    size_t n_slots;
    int failed;                 /* stop: a chunk failed, or the write */
    int io;                     /* it was the write */
} rows_job;

/* Formats chunk c into buf (emptied first).  0 / -1 (memory). */
static int rows_format(rows_job *j, an_buf *buf, size_t c)
{
    size_t from = c * j->chunk;
    size_t to = j->n - from > j->chunk ? from + j->chunk : j->n;
    buf->len = 0;
    return j->fn(j->ctx, buf, from, to);
}

/*
 * What every thread of an_write_rows does, the calling one included:
 * writes the next chunk when it is ready and nobody is writing (the
 * chunks go to the file one at a time, in order, by whichever thread is
 * free), else formats the next chunk not taken (at most n_slots ahead of
 * the one written next), else waits.  Writing costs the kernel's copy of
 * every byte: shared this way, the threads end together.  Returns when
 * every chunk is written, or at a failure.
 */
static void *rows_loop(void *arg)
{
    rows_job *j = arg;
    pthread_mutex_lock(&j->mu);
    while (j->written < j->n_chunks && !j->failed) {
        rows_slot *s = &j->slots[j->written % j->n_slots];
        if (!j->writing && s->state == 2 && s->chunk == j->written) {
            j->writing = 1;
            pthread_mutex_unlock(&j->mu);
            int io = s->buf.len &&
                     fwrite(s->buf.data, 1, s->buf.len, j->fp) != s->buf.len;
            pthread_mutex_lock(&j->mu);
            j->writing = 0;
            s->state = 0;
            j->written++;
            if (io)
                j->failed = j->io = 1;
        } else if (j->next < j->n_chunks &&
                   j->next - j->written < j->n_slots) {
            s = &j->slots[j->next % j->n_slots];
            s->chunk = j->next++;
            s->state = 1;
            pthread_mutex_unlock(&j->mu);
            int rc = rows_format(j, &s->buf, s->chunk);
            pthread_mutex_lock(&j->mu);
            s->state = 2;
            if (rc)
                j->failed = 1;
        } else {
            pthread_cond_wait(&j->cv, &j->mu);
            continue;
        }
        pthread_cond_broadcast(&j->cv);
    }
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

/* an_write_rows on the calling thread alone: one buffer, reused. */
static int rows_serial(rows_job *j, FILE *fp, int *nomem)
{
    an_buf buf = {0};
    int rc = 0;
    for (size_t c = 0; c < j->n_chunks && !rc; c++) {
        if (rows_format(j, &buf, c)) {
            *nomem = 1;
            rc = -1;
        } else if (buf.len && fwrite(buf.data, 1, buf.len, fp) != buf.len) {
            rc = -1;
        }
    }
    an_buf_free(&buf);
    return rc;
}

int an_write_rows(FILE *fp, size_t n, an_rows_fn fn, void *ctx,
                  const an_write_opts *opts, int *nomem)
{
    rows_job j;
    pthread_t *tids = NULL;
    size_t threads = opts && opts->threads > 1 ? opts->threads : 1;
    size_t started = 0;
    int rc = -1;

    memset(&j, 0, sizeof(j));
    *nomem = 0;
    j.n = n;
    j.chunk = opts && opts->chunk ? opts->chunk : AN_ROWS_CHUNK;
    j.n_chunks = n / j.chunk + (n % j.chunk != 0);
    j.fn = fn;
    j.ctx = ctx;
    if (threads > j.n_chunks)
        threads = j.n_chunks;
    if (threads <= 1)
        return rows_serial(&j, fp, nomem);
    /* room for a thread to run ahead while another one writes */
    j.n_slots = 4 * threads;
    j.fp = fp;
    j.slots = calloc(j.n_slots, sizeof(*j.slots));
    tids = malloc((threads - 1) * sizeof(*tids));
    if (!j.slots || !tids) {
        free(j.slots);
        free(tids);
        *nomem = 1;
        return -1;
    }
    if (pthread_mutex_init(&j.mu, NULL))
        goto out_mem;
    if (pthread_cond_init(&j.cv, NULL)) {
        pthread_mutex_destroy(&j.mu);
        goto out_mem;
    }
    /* a thread that cannot be started leaves its share to the others:
     * the bytes are the same */
    /* the helpers block every signal: the caller's thread keeps the
     * signals it chose to take */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    while (started < threads - 1 &&
           !pthread_create(&tids[started], NULL, rows_loop, &j))
        started++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    rows_loop(&j);
    for (size_t i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    if (j.io)
        rc = -1;
    else if (j.written < j.n_chunks)
        *nomem = 1;             /* a chunk failed: memory */
    else
        rc = 0;
    pthread_cond_destroy(&j.cv);
    pthread_mutex_destroy(&j.mu);
    goto out;
out_mem:
    *nomem = 1;
out:
    for (size_t i = 0; i < j.n_slots; i++)
        an_buf_free(&j.slots[i].buf);
    free(j.slots);
    free(tids);
    return rc;
}

/* The rows of an_xml_rows: the parent writer, the caller's function. */
typedef struct xml_rows {
    const an_xml *parent;
    an_xml_rows_fn fn;
    void *ctx;
    size_t n;
    int doindent;               /* the parent's after the last row */
} xml_rows;

/* One chunk, by a writer of its own in the parent's state (no file: the
 * bytes stay in out). */
static int xml_rows_chunk(void *ctx, an_buf *out, size_t from, size_t to)
{
    xml_rows *x = ctx;
    an_xml w;
    memset(&w, 0, sizeof(w));
    memcpy(w.names, x->parent->names, sizeof(w.names));
    memcpy(w.text, x->parent->text, sizeof(w.text));
    w.depth = x->parent->depth;
    w.doindent = x->parent->doindent;
    w.out = *out;
    int rc = x->fn(x->ctx, &w, from, to);
    if (!rc && w.depth != x->parent->depth)
        rc = -1;                /* a row left an element open */
    if (!rc && to == x->n)
        x->doindent = w.doindent;   /* one chunk only has the last row */
    *out = w.out;
    an_buf_free(&w.scratch);
    free(w.memo);
    an_buf_free(&w.memo_text);
    return rc;
}

int an_xml_rows(an_xml *w, size_t n, an_xml_rows_fn fn, void *ctx,
                const an_write_opts *opts)
{
    xml_rows x = {w, fn, ctx, n, w->doindent};
    int nomem = 0;
    if (!n)
        return 0;
    /* the rows' parent has content: its start tag is closed once, here,
     * as the first row would have closed it; then what is buffered goes
     * before the rows */
    if (xml_close_tag(w, 1) || xml_drain(w, 1))
        return -1;
    if (an_write_rows(w->fp, n, xml_rows_chunk, &x, opts, &nomem)) {
        w->nomem = w->nomem || nomem;
        return -1;
    }
    w->doindent = x.doindent;
    return 0;
}

/* The rows of an_sink_rows. */
typedef struct sink_rows {
    an_sink_rows_fn fn;
    void *ctx;
} sink_rows;

static int sink_rows_chunk(void *ctx, an_buf *out, size_t from, size_t to)
{
    sink_rows *x = ctx;
    an_sink k;
    an_sink_init(&k, NULL);
    k.out = *out;
    int rc = x->fn(x->ctx, &k, from, to);
    *out = k.out;
    return rc;
}

int an_sink_rows(an_sink *k, size_t n, an_sink_rows_fn fn, void *ctx,
                 const an_write_opts *opts)
{
    sink_rows x = {fn, ctx};
    int nomem = 0;
    if (!n)
        return 0;
    if (sink_flush(k))
        return -1;
    if (an_write_rows(k->fp, n, sink_rows_chunk, &x, opts, &nomem)) {
        if (nomem)
            k->nomem = 1;
        else
            k->failed = 1;
        return -1;
    }
    return 0;
}

actnet_status an_write_failed(actnet_error *err, const char *format,
                              int nomem)
{
    if (nomem) {
        an_error_set(err, "", 0, 0, "writing %s: out of memory", format);
        return ACTNET_ERR_NOMEM;
    }
    an_error_set(err, "", 0, 0, "writing %s failed: %s", format,
                 errno ? strerror(errno) : "output error");
    return ACTNET_ERR_IO;
}
