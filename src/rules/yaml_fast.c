/*
 * yaml_fast.c — a fast reader for the common shape of rule files (see
 * yaml_fast.h).
 *
 * Why: libyaml is exact but spends about 180 ns on each event; a rule
 * file of a million aliases (45 MB, 6 million events) costs over a second
 * in it, more than all the rest of loading.  Nearly every large rule file
 * is written in a small part of YAML, which this reader takes line by
 * line without allocating.
 *
 * The subset.  Lines are printable ASCII or UTF-8 (no tab, CR, control
 * character, byte order mark, NEL or Unicode line separator); blank and
 * comment lines are skipped.  The first content line starts at column 0.
 * A content line is
 *   - a key line "KEY: VALUE" or "KEY:" (KEY a plain scalar of letters,
 *     digits, non-ASCII characters, spaces and _ - . / ( ) ' +, starting
 *     with a letter, digit, _ or non-ASCII character), or
 *   - an entry line "- VALUE", "-", or "- KEY: VALUE" / "- KEY:" (a
 *     mapping that starts on the entry's line);
 * VALUE is a plain scalar (to " #" or the end of the line; it must not
 * contain ": " or end with ':'), a single- or double-quoted scalar
 * without escapes, or a flow sequence or mapping that closes on the same
 * line (items: plain scalars without ':', '#' or '?', quoted scalars,
 * nested flow collections; mapping entries "KEY: VALUE"); a comment may
 * follow.  A key or entry without a value on its line takes the
 * collection on the following, deeper lines (a sequence may also start
 * at the key's own column), else an empty value.  Every other content
 * line sits exactly at the column of an open collection and is of its
 * kind.  Anything else — a deeper line that would continue a plain
 * scalar, a second document, directives, anchors, tags, block scalars,
 * escapes, multi-line flow collections — is outside the subset.
 *
 * For input inside the subset the events are the ones libyaml produces:
 * a mapping starts at its first key, a block sequence at its first '-',
 * an empty value is a plain "" marked just after its ':' or '-', columns
 * count characters.  test_rules.c compares the two readers on many
 * inputs.
 */
#include "rules/yaml_fast.h"

#include <stdint.h>
#include <string.h>

#define YF_MAX_DEPTH 40   /* deeper: libyaml (the loader allows 16) */
#define YF_MAX_KEY 1000   /* libyaml refuses simple keys of 1024+ chars */

enum { YF_MAP, YF_SEQ };
enum { YF_NONE = 0, YF_VALUE, YF_ITEM };   /* what a line left open */

/* An open block collection. */
typedef struct yf_level {
    int kind;               /* YF_MAP / YF_SEQ */
    int indentless;         /* a sequence at its parent mapping's column */
    size_t indent;          /* column of its keys or of its '-' */
} yf_level;

typedef struct yf {
    const unsigned char *line, *eol, *end;  /* current line [line, eol) */
    size_t lineno;          /* 0-based, as libyaml's marks */
    int ascii;              /* the current line is ASCII: columns = bytes */
    yf_level lv[YF_MAX_DEPTH];
    int depth;
    int pending;            /* YF_VALUE / YF_ITEM: a key or '-' whose
                               value was not on its line */
    size_t pend_line, pend_col;  /* where its empty value is marked */
    int started;            /* the document has begun */
    an_yaml_fast_fn fn;
    void *ctx;
    int stopped;            /* fn asked for no more events */
    yaml_event_t ev;        /* the event handed to fn: zeroed once, then
                               only the fields of each event are set (no
                               anchor or tag is ever set) */
} yf;

static const unsigned char yf_empty[1] = {0};

/* The column (in characters) of p on the current line. */
static size_t yf_col(const yf *y, const unsigned char *p)
{
    if (y->ascii)
        return (size_t)(p - y->line);
    size_t c = 0;
    for (const unsigned char *q = y->line; q < p; q++)
        c += (*q & 0xC0) != 0x80;
    return c;
}

static void yf_emit(yf *y, yaml_event_type_t type, size_t line, size_t col,
                    const unsigned char *val, size_t len,
                    yaml_scalar_style_t style)
{
    if (y->stopped)
        return;
    yaml_event_t *ev = &y->ev;
    ev->type = type;
    ev->start_mark.line = line;
    ev->start_mark.column = col;
    ev->end_mark = ev->start_mark;
    if (type == YAML_SCALAR_EVENT) {
        /* the receiver only reads the value */
        ev->data.scalar.value = (yaml_char_t *)(uintptr_t)val;
        ev->data.scalar.length = len;
        ev->data.scalar.style = style;
        ev->data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
        ev->data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
    } else if (type == YAML_SEQUENCE_START_EVENT) {
        ev->data.sequence_start.implicit = 1;
        ev->data.sequence_start.style = YAML_BLOCK_SEQUENCE_STYLE;
    } else if (type == YAML_MAPPING_START_EVENT) {
        ev->data.mapping_start.implicit = 1;
        ev->data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
    }
    if (y->fn(y->ctx, ev))
        y->stopped = 1;
}

/* An event marked at p on the current line. */
static void yf_emit_at(yf *y, yaml_event_type_t type, const unsigned char *p)
{
    yf_emit(y, type, y->lineno, yf_col(y, p), NULL, 0,
            YAML_ANY_SCALAR_STYLE);
}

static void yf_scalar(yf *y, const unsigned char *p, const unsigned char *v,
                      size_t len, yaml_scalar_style_t style)
{
    yf_emit(y, YAML_SCALAR_EVENT, y->lineno, yf_col(y, p), len ? v : yf_empty,
            len, style);
}

/* The empty value of the key or entry left open. */
static void yf_empty_value(yf *y)
{
    yf_emit(y, YAML_SCALAR_EVENT, y->pend_line, y->pend_col, yf_empty, 0,
            YAML_PLAIN_SCALAR_STYLE);
    y->pending = YF_NONE;
}

/*
 * The length of the UTF-8 character at p (before end) when libyaml reads
 * it as a printable character that is neither a line break nor a byte
 * order mark; else 0.
 */
static size_t yf_utf8(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!n || c > 0xF4 || (size_t)(end - p) < n)
        return 0;
    uint32_t cp = c & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;   /* overlong, surrogate, beyond Unicode */
    /* C1 controls (U+0085 breaks lines in YAML), line and paragraph
     * separators, byte order mark, non-characters */
    if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
        cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

/* Finds the end of the line at y->line and checks its characters.
 * 0, or -1 when one is outside the subset. */
static int yf_line(yf *y)
{
    const unsigned char *p = y->line;
    const unsigned char *nl = memchr(p, '\n', (size_t)(y->end - p));
    const unsigned char *eol = nl ? nl : y->end;
    int ascii = 1;
    while (p < eol) {
        unsigned c = *p;
        if (c >= 0x20 && c < 0x7F) {
            p++;
            continue;
        }
        if (c < 0x80)
            return -1;      /* tab, CR, another control character, DEL */
        size_t n = yf_utf8(p, eol);
        if (!n)
            return -1;
        ascii = 0;
        p += n;
    }
    y->eol = eol;
    y->ascii = ascii;
    return 0;
}

static const unsigned char *yf_skip(const unsigned char *p,
                                    const unsigned char *eol)
{
    while (p < eol && *p == ' ')
        p++;
    return p;
}

static int yf_alnum(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Can a plain scalar of the subset start at p? */
static int yf_plain_first(const unsigned char *p, const unsigned char *eol)
{
    unsigned c = *p;
    if (yf_alnum(c) || c >= 0x80)
        return 1;
    if (c == '-')
        return p + 1 < eol && yf_alnum(p[1]);
    return c && strchr("_.(/+=~^$;<)\\", (int)c) != NULL;
}

/* Are [p, e) the characters of a key of the subset? */
static int yf_key_chars(const unsigned char *p, const unsigned char *e)
{
    if (!(yf_alnum(*p) || *p == '_' || *p >= 0x80))
        return 0;
    for (; p < e; p++)
        if (!(yf_alnum(*p) || *p >= 0x80 || strchr(" _-./()'+", *p)))
            return 0;
    return 1;
}

/* The ':' of "KEY: ..." when the plain text at p is a key, else NULL. */
static const unsigned char *yf_find_key(const yf *y, const unsigned char *p)
{
    if (*p == '[' || *p == '{' || *p == '\'' || *p == '"')
        return NULL;
    for (const unsigned char *s = p; s < y->eol; s++) {
        if (*s == ':' && (s + 1 == y->eol || s[1] == ' '))
            return s;
        if (*s == ' ' && s + 1 < y->eol && s[1] == '#')
            return NULL;    /* a comment */
    }
    return NULL;
}

/* A quoted scalar at *pq that closes on this line; *pq moves past it. */
static int yf_quoted(yf *y, const unsigned char **pq)
{
    const unsigned char *q = *pq, *s = q + 1;
    unsigned char quote = *q;
    while (s < y->eol && *s != quote) {
        if (*s == '\\' && quote == '"')
            return -1;      /* escapes: libyaml */
        s++;
    }
    if (s == y->eol || (quote == '\'' && s + 1 < y->eol && s[1] == '\''))
        return -1;          /* goes on (next line, or '' for a quote) */
    yf_scalar(y, q, q + 1, (size_t)(s - q - 1),
              quote == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                           : YAML_SINGLE_QUOTED_SCALAR_STYLE);
    *pq = s + 1;
    return 0;
}

/* A plain scalar in a flow collection at *pq, up to the next flow
 * indicator (key: up to ": "); *pq moves to that indicator. */
static int yf_flow_plain(yf *y, const unsigned char **pq, int key)
{
    const unsigned char *q = *pq, *s = q, *vend = q;
    if (!yf_plain_first(q, y->eol))
        return -1;
    for (; s < y->eol; s++) {
        unsigned c = *s;
        if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')
            break;
        if (c == ':') {
            if (key && s + 1 < y->eol && s[1] == ' ')
                break;
            return -1;
        }
        if (c == '#' || c == '?')
            return -1;
        if (c != ' ')
            vend = s + 1;
    }
    yf_scalar(y, q, q, (size_t)(vend - q), YAML_PLAIN_SCALAR_STYLE);
    *pq = s;
    return 0;
}

/* A flow sequence or mapping at *pq that closes on this line; depth
 * counts the flow collections it is in.  *pq moves past it. */
static int yf_flow(yf *y, const unsigned char **pq, int depth)
{
    const unsigned char *q = *pq;
    int map = *q == '{';
    unsigned char close = map ? '}' : ']';
    if (y->depth + depth + 1 >= YF_MAX_DEPTH)
        return -1;
    yf_emit_at(y, map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT,
               q);
    q = yf_skip(q + 1, y->eol);
    while (q == y->eol || *q != close) {
        if (q == y->eol)
            return -1;
        if (map) {
            if (yf_flow_plain(y, &q, 1) || q == y->eol || *q != ':')
                return -1;
            q = yf_skip(q + 1, y->eol);
            if (q == y->eol)
                return -1;
        }
        int rc;
        if (*q == '[' || *q == '{')
            rc = yf_flow(y, &q, depth + 1);
        else if (*q == '\'' || *q == '"')
            rc = yf_quoted(y, &q);
        else
            rc = yf_flow_plain(y, &q, 0);
        if (rc)
            return -1;
        q = yf_skip(q, y->eol);
        if (q < y->eol && *q == ',') {
            q = yf_skip(q + 1, y->eol);
            if (q < y->eol && (*q == close || *q == ','))
                return -1;  /* "[a, ]", "[a,,b]" */
        } else if (q == y->eol || *q != close) {
            return -1;
        }
    }
    yf_emit_at(y, map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, q);
    *pq = q + 1;
    return 0;
}

/* The value at q, the rest of a key or entry line. */
static int yf_value(yf *y, const unsigned char *q)
{
    if (*q == '[' || *q == '{' || *q == '\'' || *q == '"') {
        const unsigned char *after = q;
        if ((*q == '[' || *q == '{') ? yf_flow(y, &after, 0)
                                     : yf_quoted(y, &after))
            return -1;
        /* then only spaces and a comment (a ':' would make it a key) */
        const unsigned char *s = yf_skip(after, y->eol);
        return s == y->eol || (*s == '#' && s > after) ? 0 : -1;
    }
    if (!yf_plain_first(q, y->eol))
        return -1;
    const unsigned char *s = q, *vend = q;
    while (s < y->eol) {
        if (*s == ' ') {
            if (s + 1 < y->eol && s[1] == '#')
                break;      /* a comment */
            s++;
            continue;
        }
        if (*s == ':' && (s + 1 == y->eol || s[1] == ' '))
            return -1;      /* "a: b: c" */
        vend = ++s;
    }
    yf_scalar(y, q, q, (size_t)(vend - q), YAML_PLAIN_SCALAR_STYLE);
    return 0;
}

/* "KEY: ..." at p, colon at its ':'. */
static int yf_key_value(yf *y, const unsigned char *p,
                        const unsigned char *colon)
{
    const unsigned char *kend = colon;
    while (kend > p && kend[-1] == ' ')
        kend--;
    if (kend == p || kend - p > YF_MAX_KEY || !yf_key_chars(p, kend))
        return -1;
    yf_scalar(y, p, p, (size_t)(kend - p), YAML_PLAIN_SCALAR_STYLE);
    const unsigned char *q = yf_skip(colon + 1, y->eol);
    if (q == y->eol || *q == '#') {
        y->pending = YF_VALUE;
        y->pend_line = y->lineno;
        y->pend_col = yf_col(y, colon + 1);
        return 0;
    }
    return yf_value(y, q);
}

static int yf_push(yf *y, int kind, size_t indent, int indentless)
{
    if (y->depth + 1 >= YF_MAX_DEPTH)
        return -1;
    yf_level *l = &y->lv[y->depth++];
    l->kind = kind;
    l->indent = indent;
    l->indentless = indentless;
    return 0;
}

static void yf_close(yf *y)
{
    y->depth--;
    yf_emit(y, y->lv[y->depth].kind == YF_MAP ? YAML_MAPPING_END_EVENT
                                              : YAML_SEQUENCE_END_EVENT,
            y->lineno, 0, NULL, 0, YAML_ANY_SCALAR_STYLE);
}

/* An entry line's "- ..." at p. */
static int yf_entry(yf *y, const unsigned char *p)
{
    const unsigned char *q = yf_skip(p + 1, y->eol);
    if (q == y->eol || *q == '#') {
        y->pending = YF_ITEM;
        y->pend_line = y->lineno;
        y->pend_col = yf_col(y, p + 1);
        return 0;
    }
    if (*q == '-' && (q + 1 == y->eol || q[1] == ' '))
        return -1;          /* "- - x" */
    const unsigned char *colon = yf_find_key(y, q);
    if (!colon)
        return yf_value(y, q);
    /* "- KEY: ...": a mapping at KEY's column */
    if (yf_push(y, YF_MAP, yf_col(y, q), 0))
        return -1;
    yf_emit_at(y, YAML_MAPPING_START_EVENT, q);
    return yf_key_value(y, q, colon);
}

/* A key line at p. */
static int yf_key_line(yf *y, const unsigned char *p)
{
    const unsigned char *colon = yf_find_key(y, p);
    return colon ? yf_key_value(y, p, colon) : -1;
}

/* A collection that starts at p (an entry line when entry). */
static int yf_open(yf *y, const unsigned char *p, int entry, int indentless)
{
    y->pending = YF_NONE;
    if (yf_push(y, entry ? YF_SEQ : YF_MAP, yf_col(y, p), indentless))
        return -1;
    if (entry) {
        yf_emit_at(y, YAML_SEQUENCE_START_EVENT, p);
        return yf_entry(y, p);
    }
    yf_emit_at(y, YAML_MAPPING_START_EVENT, p);
    return yf_key_line(y, p);
}

/* One line.  0, or -1 outside the subset. */
static int yf_content(yf *y)
{
    const unsigned char *p = yf_skip(y->line, y->eol);
    if (p == y->eol || *p == '#')
        return 0;           /* blank or comment */
    size_t n = (size_t)(p - y->line);
    if (n == 0 && (*p == '%' ||
                   (y->eol - p >= 3 && (!memcmp(p, "---", 3) ||
                                        !memcmp(p, "...", 3)))))
        return -1;          /* directives, document markers */
    int entry = *p == '-' && (p + 1 == y->eol || p[1] == ' ');

    if (!y->started) {
        if (n)
            return -1;
        y->started = 1;
        yf_emit_at(y, YAML_DOCUMENT_START_EVENT, p);
        return yf_open(y, p, entry, 0);
    }
    if (y->pending) {
        const yf_level *top = &y->lv[y->depth - 1];
        if (n > top->indent)
            return yf_open(y, p, entry, 0);
        if (y->pending == YF_VALUE && entry && n == top->indent)
            return yf_open(y, p, entry, 1);
        yf_empty_value(y);
    }
    /* leave the collections this line is not in */
    while (y->depth && y->lv[y->depth - 1].indent > n)
        yf_close(y);
    if (y->depth && y->lv[y->depth - 1].indentless && !entry &&
        y->lv[y->depth - 1].indent == n)
        yf_close(y);
    if (!y->depth || y->lv[y->depth - 1].indent != n)
        return -1;
    if (y->lv[y->depth - 1].kind == YF_SEQ)
        return entry ? yf_entry(y, p) : -1;
    return entry ? -1 : yf_key_line(y, p);
}

int an_yaml_fast_parse(const char *buf, size_t len, an_yaml_fast_fn fn,
                       void *ctx)
{
    yf y;
    memset(&y, 0, sizeof(y));
    y.end = (const unsigned char *)buf + len;
    y.fn = fn;
    y.ctx = ctx;
    yf_emit(&y, YAML_STREAM_START_EVENT, 0, 0, NULL, 0,
            YAML_ANY_SCALAR_STYLE);
    for (y.line = (const unsigned char *)buf; y.line < y.end;
         y.line = y.eol + 1, y.lineno++)
        if (yf_line(&y) || yf_content(&y))
            return 0;
    if (y.pending)
        yf_empty_value(&y);
    while (y.depth)
        yf_close(&y);
    if (y.started)
        yf_emit(&y, YAML_DOCUMENT_END_EVENT, y.lineno, 0, NULL, 0,
                YAML_ANY_SCALAR_STYLE);
    yf_emit(&y, YAML_STREAM_END_EVENT, y.lineno, 0, NULL, 0,
            YAML_ANY_SCALAR_STYLE);
    return 1;
}
