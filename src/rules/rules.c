/*
 * rules.c — the YAML rule loader.
 *
 * A rule file is parsed with libyaml's event API into a small node tree
 * that keeps every node's mark (line and column); YAML anchors and
 * aliases, non-string keys, duplicate keys and nesting deeper than 16
 * levels are refused while the tree is built.  The tree is then walked
 * section by section: every key and value is checked where it is read,
 * so each error names file:line:col, says what is wrong and what to do.
 * actnet_rules_compile checks what spans files (unique ids, country and
 * list references) and hands over to match.c for the gazetteer.
 *
 * After any error the rule set is poisoned: later loads and compiles are
 * refused, so a bad rule set is never half-used.  The language is
 * documented in rules/README.md.
 */
#include "rules/rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libstemmer.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rules/dict.h"
#include "text/trie.h"
#include "text/text.h"
#include "rules/yaml_fast.h"

#define AN_RULES_MAX_BYTES ((size_t)64 << 20) /* larger files are refused */
#define AN_RULES_MAX_DEPTH 16                 /* nesting of lists/mappings */
#define AN_RULES_MAX_CAPS 16                  /* capitalised: N-M, M <= 16 */
#define AN_RULES_MAX_DIR_DEPTH 32             /* directory recursion */
#define AN_RULES_MAX_WARNINGS 1000            /* more are summarised */

/* ------------------------------------------------------------------ */
/* The node tree                                                        */

enum { YN_SCALAR = 0, YN_SEQ, YN_MAP };
#define YN_NONE UINT32_MAX

/*
 * One YAML node (24 bytes: a rule file of a million aliases has millions
 * of them).  Children (list items; for mappings alternately key and
 * value) are linked by index.  Scalar text lives NUL-terminated in the
 * tree's text arena.
 */
typedef struct yn {
    uint8_t kind;
    uint8_t plain;            /* a plain (unquoted) scalar */
    int line, col;            /* 1-based */
    uint32_t next;            /* next sibling, or YN_NONE */
    union {
        struct {              /* YN_SCALAR */
            uint32_t str, len;/* text: offset into text, length (files
                                 are at most 64 MiB) */
        };
        struct {              /* YN_SEQ, YN_MAP */
            uint32_t first;   /* first child, or YN_NONE */
            uint32_t n;       /* number of children */
        };
    };
} yn;

typedef struct ytree {
    yn *nodes;
    size_t n, cap;
    an_buf text;
    uint32_t root;
} ytree;

static void ytree_free(ytree *t)
{
    free(t->nodes);
    an_buf_free(&t->text);
    memset(t, 0, sizeof(*t));
}

/* State of loading one file; lives on the stack of load_buffer. */
typedef struct an_load {
    actnet_rules *r;
    const char *path;         /* stable: owned by r->path_list */
    const char *buf;          /* the file's bytes (for reader errors) */
    size_t len;
    ytree t;
    actnet_error *err;
    actnet_status st;         /* the first failure */
    int file_ci;              /* file-level case: insensitive */
    int dated_items;          /* phrase lists may hold {phrase, from,
                                 until} mappings (an entity's) */
} an_load;

static const yn *yfirst(const an_load *L, const yn *n)
{
    return n->first == YN_NONE ? NULL : &L->t.nodes[n->first];
}

static const yn *ynext(const an_load *L, const yn *n)
{
    return n->next == YN_NONE ? NULL : &L->t.nodes[n->next];
}

static const char *ys(const an_load *L, const yn *n)
{
    return L->t.text.data + n->str;
}

static const char *kind_name(const yn *n)
{
    switch (n->kind) {
    case YN_SEQ: return "a list";
    case YN_MAP: return "a mapping";
    default: return "a string";
    }
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */

static int lfail_at(an_load *L, int line, int col, const char *fmt, ...)
    AN_PRINTF(4, 5);

/* Records a rules error at line:col of the current file; returns -1. */
static int lfail_at(an_load *L, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    an_error_vset(L->err, L->path, line, col, fmt, ap);
    va_end(ap);
    if (L->st == ACTNET_OK)
        L->st = ACTNET_ERR_RULES;
    return -1;
}

static int lfail(an_load *L, const yn *n, const char *fmt, ...)
    AN_PRINTF(3, 4);

/* Records a rules error at node n; returns -1. */
static int lfail(an_load *L, const yn *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    an_error_vset(L->err, L->path, n->line, n->col, fmt, ap);
    va_end(ap);
    if (L->st == ACTNET_OK)
        L->st = ACTNET_ERR_RULES;
    return -1;
}

static int lnomem(an_load *L)
{
    an_error_set(L->err, L->path, 0, 0,
                 "out of memory while loading rules");
    L->st = ACTNET_ERR_NOMEM;
    return -1;
}

static int lwarn(an_load *L, const yn *n, const char *fmt, ...)
    AN_PRINTF(3, 4);

/* Adds a warning at node n; -1 only when out of memory. */
static int lwarn(an_load *L, const yn *n, const char *fmt, ...)
{
    char msg[sizeof(((actnet_error *)0)->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (an_rules_warn(L->r, L->path, n->line, n->col, "%s", msg))
        return lnomem(L);
    return 0;
}

int an_rules_warn(actnet_rules *r, const char *path, int line, int col,
                  const char *fmt, ...)
{
    if (r->n_warnings > AN_RULES_MAX_WARNINGS)
        return 0;
    if (AN_RESERVE(r->warnings, r->cap_warnings, r->n_warnings + 1))
        return -1;
    actnet_error *w = &r->warnings[r->n_warnings++];
    if (r->n_warnings > AN_RULES_MAX_WARNINGS) {
        an_error_set(w, path, line, col,
                     "more than %d warnings; the rest are not shown",
                     AN_RULES_MAX_WARNINGS);
        return 0;
    }
    va_list ap;
    va_start(ap, fmt);
    an_error_vset(w, path, line, col, fmt, ap);
    va_end(ap);
    return 0;
}

/*
 * The candidate closest to word (ASCII case ignored), or NULL when none
 * is close enough to be a plausible typo.
 */
static const char *suggest(const char *word, const char *const *cands,
                           size_t n)
{
    char lw[65], lc[65];
    size_t wl = strlen(word);
    if (wl == 0 || wl > 64)
        return NULL;
    for (size_t i = 0; i <= wl; i++)
        lw[i] = (char)((word[i] >= 'A' && word[i] <= 'Z') ? word[i] + 32
                                                          : word[i]);
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t cl = strlen(cands[i]);
        if (cl > 64)
            continue;
        for (size_t j = 0; j <= cl; j++)
            lc[j] = (char)((cands[i][j] >= 'A' && cands[i][j] <= 'Z')
                               ? cands[i][j] + 32 : cands[i][j]);
        size_t d = an_edit_distance(lw, lc);
        size_t longer = wl > cl ? wl : cl;
        if (d <= 3 && 2 * d <= longer && d < best_d) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}

/* "a, b or c" into out (size bytes). */
static void join_words(char *out, size_t size, const char *const *w,
                       size_t n, const char *last_sep)
{
    size_t off = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && off < size; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? last_sep : ", ");
        int k = snprintf(out + off, size - off, "%s%s", sep, w[i]);
        if (k < 0)
            break;
        off += (size_t)k;
    }
}

/* ------------------------------------------------------------------ */
/* Building the tree from libyaml events                                */

/* An open collection while the tree is built. */
typedef struct yt_open {
    uint32_t node;
    uint32_t last;            /* its last child so far, or YN_NONE */
} yt_open;

/* on_event's state while the tree is built. */
typedef struct tree_build {
    an_load *L;
    yt_open stack[AN_RULES_MAX_DEPTH];
    int depth, docs, done;
} tree_build;

/* Adds a node as the last child of parent (NULL: the root). */
static int yt_add(an_load *L, int kind, const yaml_mark_t *m,
                  yt_open *parent, uint32_t *out)
{
    ytree *t = &L->t;
    if (t->n >= YN_NONE - 1)
        return lfail_at(L, (int)m->line + 1, (int)m->column + 1,
                        "too many YAML nodes in one file; split the file");
    if (t->n == t->cap && AN_RESERVE_HUGE(t->nodes, t->cap, t->n + 1))
        return lnomem(L);
    uint32_t idx = (uint32_t)t->n++;
    yn *n = &t->nodes[idx];
    n->kind = (uint8_t)kind;
    n->plain = 0;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    n->next = YN_NONE;
    n->first = YN_NONE;       /* for a scalar, str and len are set next */
    n->n = 0;
    if (!parent) {
        t->root = idx;
    } else {
        yn *p = &t->nodes[parent->node];
        if (parent->last == YN_NONE)
            p->first = idx;
        else
            t->nodes[parent->last].next = idx;
        parent->last = idx;
        p->n++;
    }
    *out = idx;
    return 0;
}

/* Refuses a second occurrence of a key in the mapping at index mi. */
static int check_dup_keys(an_load *L, uint32_t mi)
{
    const yn *map = &L->t.nodes[mi];
    if (map->n <= 2)
        return 0;
    if (map->n <= 32) {
        /* small mappings (every entity is one): compare the keys pairwise,
         * the first occurrence is found first */
        for (const yn *k = yfirst(L, map); k; k = ynext(L, ynext(L, k)))
            for (const yn *o = yfirst(L, map); o != k;
                 o = ynext(L, ynext(L, o)))
                if (o->len == k->len &&
                    !memcmp(ys(L, o), ys(L, k), k->len))
                    return lfail(L, k, "duplicate key '%s' (first at line "
                                 "%d, column %d); a key may appear only "
                                 "once in a mapping — remove or merge one "
                                 "of them", ys(L, k), o->line, o->col);
        return 0;
    }
    int rc = 0;
    an_strmap seen = {0};
    for (const yn *k = yfirst(L, map); k; k = ynext(L, ynext(L, k))) {
        uint32_t kidx = (uint32_t)(k - L->t.nodes), old;
        int put = an_strmap_put(&seen, ys(L, k), k->len, kidx, &old);
        if (put < 0) {
            rc = lnomem(L);
            break;
        }
        if (put == 0) {
            const yn *o = &L->t.nodes[old];
            rc = lfail(L, k, "duplicate key '%s' (first at line %d, column "
                       "%d); a key may appear only once in a mapping — "
                       "remove or merge one of them",
                       ys(L, k), o->line, o->col);
            break;
        }
    }
    an_strmap_free(&seen);
    return rc;
}

/* Position (1-based) of byte offset off in the buffer: for reader errors,
 * which libyaml reports as an offset only.  Columns count characters. */
static void offset_to_mark(const an_load *L, size_t off, int *line, int *col)
{
    int ln = 1, cl = 1;
    size_t i = 0;
    if (off > L->len)
        off = L->len;
    if (L->len >= 3 && memcmp(L->buf, "\xEF\xBB\xBF", 3) == 0 && off >= 3)
        i = 3;
    for (; i < off; i++) {
        unsigned char c = (unsigned char)L->buf[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= L->len ||
                                        L->buf[i + 1] != '\n'))) {
            ln++;
            cl = 1;
        } else if ((c & 0xC0) != 0x80 && c != '\r') {
            cl++;
        }
    }
    *line = ln;
    *col = cl;
}

static int syntax_error(an_load *L, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        return lnomem(L);
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        size_t off = p->problem_offset;
        /* libyaml may point past the culprit (at the byte after a bad
         * lead byte, or at the end of a cut sequence): name the first
         * invalid byte itself */
        for (size_t i = 0; i < L->len;) {
            int32_t cp;
            int bad;
            size_t n = an_utf8_decode(L->buf + i, L->len - i, &cp, &bad);
            if (!bad) {
                i += n;
                continue;
            }
            offset_to_mark(L, i, &line, &col);
            return lfail_at(L, line, col, "the file is not valid UTF-8 "
                            "text: %s (byte 0x%02X); save the file as UTF-8",
                            i == off && p->problem ? p->problem
                                                   : "invalid UTF-8 sequence",
                            (unsigned)(unsigned char)L->buf[i]);
        }
        offset_to_mark(L, off, &line, &col);
        if (p->problem_value >= 0)
            return lfail_at(L, line, col, "the file is not valid UTF-8 "
                            "text: %s (byte 0x%02X); save the file as UTF-8",
                            p->problem ? p->problem : "invalid byte",
                            (unsigned)p->problem_value & 0xFFu);
        return lfail_at(L, line, col, "the file cannot be read as text: "
                        "%s; save the file as UTF-8",
                        p->problem ? p->problem : "invalid input");
    }
    int line = (int)p->problem_mark.line + 1;
    int col = (int)p->problem_mark.column + 1;
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context)
        return lfail_at(L, line, col, "YAML syntax error: %s (%s at line "
                        "%d, column %d); check the indentation, and quote "
                        "values that contain ': ', ' #' or start with a "
                        "special character", problem, p->context,
                        (int)p->context_mark.line + 1,
                        (int)p->context_mark.column + 1);
    return lfail_at(L, line, col, "YAML syntax error: %s; check the "
                    "indentation, and quote values that contain ': ', ' #' "
                    "or start with a special character", problem);
}

/* Handles one event; sets b->done at the end of the stream. */
static int on_event(tree_build *b, const yaml_event_t *ev)
{
    an_load *L = b->L;
    yt_open *parent = b->depth ? &b->stack[b->depth - 1] : NULL;
    const yaml_mark_t *m = &ev->start_mark;
    int line = (int)m->line + 1, col = (int)m->column + 1;
    const yaml_char_t *anchor = NULL;
    uint32_t idx;

    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        b->done = 1;
        return 0;
    case YAML_DOCUMENT_START_EVENT:
        if (++b->docs > 1)
            return lfail_at(L, line, col, "a second YAML document starts "
                            "here; a rule file holds exactly one — remove "
                            "the '---' or put the rules in another file");
        return 0;
    case YAML_ALIAS_EVENT:
        return lfail_at(L, line, col, "YAML aliases (*%s) are not allowed "
                        "in rule files; write the value out in full",
                        (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        idx = b->stack[--b->depth].node;
        if (ev->type == YAML_MAPPING_END_EVENT)
            return check_dup_keys(L, idx);
        return 0;
    default:
        return 0;
    }
    if (anchor)
        return lfail_at(L, line, col, "YAML anchors (&%s) are not allowed "
                        "in rule files; write the value out in full "
                        "wherever it is needed", (const char *)anchor);

    int is_key = parent && L->t.nodes[parent->node].kind == YN_MAP &&
                 L->t.nodes[parent->node].n % 2 == 0;
    if (ev->type == YAML_SCALAR_EVENT) {
        const char *v = (const char *)ev->data.scalar.value;
        size_t len = ev->data.scalar.length;
        if (memchr(v, '\0', len))
            return lfail_at(L, line, col, "this string contains a NUL "
                            "character (\\0); remove it");
        size_t off = L->t.text.len;
        if (len >= UINT32_MAX - off)
            return lfail_at(L, line, col, "too much text in one file; "
                            "split the file");
        an_buf *text = &L->t.text;  /* the value and a NUL */
        if (off + len + 1 > text->cap &&
            an_reserve((void **)&text->data, &text->cap, off + len + 1, 1))
            return lnomem(L);
        memcpy(text->data + off, v, len);
        text->data[off + len] = '\0';
        text->len = off + len + 1;
        if (yt_add(L, YN_SCALAR, m, parent, &idx))
            return -1;
        yn *n = &L->t.nodes[idx];
        n->str = (uint32_t)off;
        n->len = (uint32_t)len;
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return 0;
    }
    if (is_key)
        return lfail_at(L, line, col, "a mapping key must be a string, "
                        "not %s", ev->type == YAML_MAPPING_START_EVENT
                                      ? "a mapping" : "a list");
    if (b->depth >= AN_RULES_MAX_DEPTH)
        return lfail_at(L, line, col, "nesting deeper than %d levels; rule "
                        "files need only a few — check the indentation",
                        AN_RULES_MAX_DEPTH);
    if (yt_add(L, ev->type == YAML_MAPPING_START_EVENT ? YN_MAP : YN_SEQ,
               m, parent, &idx))
        return -1;
    b->stack[b->depth].node = idx;
    b->stack[b->depth++].last = YN_NONE;
    return 0;
}

/* An empty tree with room for the text of the file's scalars (which
 * is about as long as the file) in one block.  0 / -1. */
static int tree_init(an_load *L)
{
    L->t.root = YN_NONE;
    if (an_reserve((void **)&L->t.text.data, &L->t.text.cap,
                   L->len + L->len / 4 + 64, 1))
        return -1;
    an_hint_huge(L->t.text.data, L->t.text.cap);
    return 0;
}

/* Receives an event of the fast reader: on_event, until it fails. */
static int fast_event(void *ctx, const yaml_event_t *ev)
{
    return on_event(ctx, ev);
}

/*
 * Parses L->buf into L->t.  0 / -1 (error recorded).
 *
 * The fast reader (yaml_fast.c) goes first: when the whole file is in its
 * subset, libyaml would have produced the same events without error, so
 * the tree — or the error on_event found — is what libyaml's events
 * give.  Otherwise what it built is dropped and libyaml reads the file.
 */
static int build_tree(an_load *L)
{
    yaml_parser_t p;
    yaml_event_t ev;
    tree_build fb;
    actnet_error saved;
    int rc = 0;

    memset(&fb, 0, sizeof(fb));
    fb.L = L;
    if (L->err)
        saved = *L->err;
    if (tree_init(L))
        return lnomem(L);
    if (an_yaml_fast_parse(L->buf, L->len, fast_event, &fb))
        return L->st == ACTNET_OK ? 0 : -1;
    ytree_free(&L->t);
    L->st = ACTNET_OK;
    if (L->err)
        *L->err = saved;
    if (tree_init(L))
        return lnomem(L);
    memset(&fb, 0, sizeof(fb));
    fb.L = L;

    if (!yaml_parser_initialize(&p))
        return lnomem(L);
    yaml_parser_set_input_string(&p, (const unsigned char *)L->buf, L->len);
    while (!fb.done && rc == 0) {
        if (!yaml_parser_parse(&p, &ev)) {
            rc = syntax_error(L, &p);
            break;
        }
        rc = on_event(&fb, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Reading values                                                       */

typedef struct field {
    const yn *key, *val;
} field;

/* A plain scalar that YAML reads as null: empty, ~ or null. */
static int is_null(const an_load *L, const yn *n)
{
    if (n->kind != YN_SCALAR || !n->plain)
        return 0;
    const char *s = ys(L, n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/*
 * Splits a mapping into the fields named in names (out[i] for names[i];
 * NULL key when absent).  An unknown key is an error with a suggestion.
 */
static int get_fields(an_load *L, const yn *map, const char *what,
                      const char *const *names, size_t n, field *out)
{
    memset(out, 0, n * sizeof(*out));
    for (const yn *k = yfirst(L, map); k; k = ynext(L, ynext(L, k))) {
        const char *ks = ys(L, k);
        size_t i;
        for (i = 0; i < n; i++)
            if (!strcmp(ks, names[i]))
                break;
        if (i < n) {
            out[i].key = k;
            out[i].val = ynext(L, k);
            continue;
        }
        const char *s = suggest(ks, names, n);
        if (s)
            return lfail(L, k, "unknown key '%s' in %s; did you mean '%s'?",
                         ks, what, s);
        char list[512];
        join_words(list, sizeof(list), names, n, " and ");
        return lfail(L, k, "unknown key '%s' in %s; the keys allowed here "
                     "are %s", ks, what, list);
    }
    return 0;
}

static int missing(an_load *L, const yn *map, const char *key,
                   const char *what, const char *needs)
{
    return lfail(L, map, "missing required key '%s' in %s; %s", key, what,
                 needs);
}

/*
 * A string value: *out gets a copy (in the rules' arena), or stays NULL
 * for a null value when optional.
 */
static int want_string(an_load *L, const field *f, int optional, char **out)
{
    const char *k = ys(L, f->key);
    if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "'%s' must be a string, not %s", k,
                     kind_name(f->val));
    if (is_null(L, f->val) || is_blank(ys(L, f->val))) {
        if (optional && is_null(L, f->val))
            return 0;
        return lfail(L, f->key, "'%s' has no value; write a string after "
                     "'%s:' or remove the key", k, k);
    }
    *out = an_arena_strndup(&L->r->arena, ys(L, f->val), f->val->len);
    return *out ? 0 : lnomem(L);
}

static int want_bool(an_load *L, const field *f, int *out)
{
    const char *k = ys(L, f->key);
    const char *v = f->val->kind == YN_SCALAR ? ys(L, f->val) : "";
    if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE")) {
        *out = 0;
        return 0;
    }
    if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "'%s' must be true or false, not %s", k,
                     kind_name(f->val));
    return lfail(L, f->val, "'%s' must be true or false; found '%s'", k, v);
}

/* case: sensitive | insensitive -> *ci. */
static int want_case(an_load *L, const field *f, int *ci)
{
    const char *v = f->val->kind == YN_SCALAR ? ys(L, f->val) : "";
    if (!strcmp(v, "sensitive")) {
        *ci = 0;
        return 0;
    }
    if (!strcmp(v, "insensitive")) {
        *ci = 1;
        return 0;
    }
    if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "'case' must be sensitive or insensitive, "
                     "not %s", kind_name(f->val));
    return lfail(L, f->val, "'case' must be sensitive or insensitive; "
                 "found '%s'", v);
}

/* A free-text value (note, description): any string or null. */
static int want_text(an_load *L, const field *f)
{
    if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "'%s' must be a string (free text), not %s",
                     ys(L, f->key), kind_name(f->val));
    return 0;
}

static const char *const type_names[] = {"person", "organisation",
                                         "country", "place"};

/* An entity type name -> *type (also accepts the spelling organization). */
static int want_type(an_load *L, const field *f, const char *what,
                     actnet_entity_type *type)
{
    if (f->val->kind != YN_SCALAR || is_null(L, f->val))
        return lfail(L, f->val->kind == YN_SCALAR ? f->key : f->val,
                     "'%s' must be one of person, organisation, country, "
                     "place",
                     ys(L, f->key));
    const char *v = ys(L, f->val);
    if (!strcmp(v, "person"))
        *type = ACTNET_PERSON;
    else if (!strcmp(v, "organisation") || !strcmp(v, "organization"))
        *type = ACTNET_ORGANISATION;
    else if (!strcmp(v, "country"))
        *type = ACTNET_COUNTRY;
    else if (!strcmp(v, "place"))
        *type = ACTNET_PLACE;
    else {
        const char *s = suggest(v, type_names, 4);
        if (s)
            return lfail(L, f->val, "%s type '%s' is not one of person, "
                         "organisation, country, place; did you mean "
                         "'%s'?", what, v, s);
        return lfail(L, f->val, "%s type '%s' is not one of person, "
                     "organisation, country, place", what, v);
    }
    return 0;
}

/* An id or list name: [A-Za-z0-9_.:-]+ */
static int check_id(an_load *L, const yn *n, const char *what)
{
    const char *s = ys(L, n);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' ||
            c == '-')
            continue;
        int clen = 1;
        if (c >= 0xC0)
            while (clen < 4 && ((unsigned char)p[clen] & 0xC0) == 0x80)
                clen++;
        if (c == ' ')
            return lfail(L, n, "%s '%s' contains a space; %ss may contain "
                         "only letters A-Z, digits and _ . : - (use _ "
                         "instead of spaces)", what, s, what);
        return lfail(L, n, "%s '%s' contains '%.*s'; %ss may contain only "
                     "letters A-Z, digits and _ . : -", what, s, clen, p,
                     what);
    }
    return 0;
}

/* A required id-like string (checked with check_id). */
static int want_id(an_load *L, const field *f, const char *what, char **out)
{
    if (want_string(L, f, 0, out))
        return -1;
    return check_id(L, f->val, what);
}

/* Appends text (len bytes; copied to the rules' arena) written at node n
 * to ps. */
static int add_phrase(an_load *L, an_phrases *ps, const yn *n, int ci,
                      const char *text, size_t len)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap;
        if (ps->n >= UINT32_MAX / 2 ||
            AN_RESERVE(ps->items, cap, (size_t)ps->n + 1))
            return lnomem(L);
        ps->cap = (uint32_t)cap;
    }
    an_phrase *p = &ps->items[ps->n];
    p->text = an_arena_strndup(&L->r->arena, text, len);
    if (!p->text)
        return lnomem(L);
    p->loc.path = L->path;
    p->loc.line = n->line;
    p->loc.col = n->col;
    p->case_insensitive = ci;
    p->valid = 0;
    ps->n++;
    return 0;
}

/* One string item of a list of phrases (checked, not added). */
static int check_item(an_load *L, const yn *it, const char *k)
{
    if (it->kind != YN_SCALAR)
        return lfail(L, it, "each item of '%s' must be a string%s, not %s",
                     k, L->dated_items ? " or a mapping {phrase: ..., "
                     "from: ..., until: ...}" : "", kind_name(it));
    if (is_null(L, it))
        return lfail(L, it, "empty item in '%s'; remove it (or quote it, "
                     "\"null\", if you mean the word)", k);
    if (is_blank(ys(L, it)))
        return lfail(L, it, "empty item in '%s'; remove it", k);
    return 0;
}

static int want_validity(an_load *L, const field *from, const field *until,
                         an_validity *v);

enum { DK_PHRASE, DK_FROM, DK_UNTIL, DK_NOTE, DK_N };
static const char *const dated_keys[DK_N] = {"phrase", "from", "until",
                                             "note"};

/* An item {phrase: TEXT, from: DATE, until: DATE} of an entity's phrase
 * list k: the phrase names the entity only between those dates. */
static int dated_item(an_load *L, const yn *it, const char *k,
                      an_phrases *out, int ci)
{
    field f[DK_N];
    an_validity v;
    if (get_fields(L, it, "a dated phrase", dated_keys, DK_N, f))
        return -1;
    if (!f[DK_PHRASE].key)
        return lfail(L, it, "missing required key 'phrase' in an item of "
                     "'%s'; write {phrase: Moscow, until: 1991-12-26}", k);
    if (check_item(L, f[DK_PHRASE].val, k) ||
        want_validity(L, &f[DK_FROM], &f[DK_UNTIL], &v) ||
        (f[DK_NOTE].key && want_text(L, &f[DK_NOTE])))
        return -1;
    const yn *pv = f[DK_PHRASE].val;
    if (add_phrase(L, out, pv, ci, ys(L, pv), pv->len))
        return -1;
    uint32_t vi = an_rules_add_valid(L->r, v);
    if (vi == UINT32_MAX)
        return lnomem(L);
    out->items[out->n - 1].valid = vi;
    return 0;
}

/*
 * A list of phrases (null counts as an empty list), appended to out with
 * case flag ci.  key names the list in messages.  With once (out is
 * empty and filled only here: a set of an entity or agent), the array is
 * made in the rules' arena, of exactly the size needed.
 */
static int want_phrases_in(an_load *L, const yn *key, const yn *val,
                           an_phrases *out, int ci, int once)
{
    const char *k = ys(L, key);
    if (is_null(L, val))
        return 0;
    if (val->kind == YN_SCALAR)
        return lfail(L, val, "'%s' must be a list of strings, not a string; "
                     "write %s: [%s]", k, k, ys(L, val));
    if (val->kind != YN_SEQ)
        return lfail(L, val, "'%s' must be a list of strings, not a "
                     "mapping; write %s: [first, second, ...]", k, k);
    /* room for exactly these items: most lists are short, and a rule set
     * may hold a million of them */
    if (val->n && once) {
        out->items = an_arena_alloc(&L->r->arena,
                                    val->n * sizeof(*out->items));
        if (!out->items)
            return lnomem(L);
        out->cap = val->n;
    } else if (val->n && (size_t)out->n + val->n > out->cap) {
        size_t need = (size_t)out->n + val->n;
        an_phrase *p = need < UINT32_MAX / 2
                       ? realloc(out->items, need * sizeof(*p)) : NULL;
        if (!p)
            return lnomem(L);
        out->items = p;
        out->cap = (uint32_t)need;
    }
    for (const yn *it = yfirst(L, val); it; it = ynext(L, it)) {
        if (it->kind == YN_MAP && L->dated_items) {
            if (dated_item(L, it, k, out, ci))
                return -1;
            continue;
        }
        if (check_item(L, it, k) ||
            add_phrase(L, out, it, ci, ys(L, it), it->len))
            return -1;
    }
    return 0;
}

static int want_phrases(an_load *L, const yn *key, const yn *val,
                        an_phrases *out, int ci)
{
    return want_phrases_in(L, key, val, out, ci, 0);
}

/*
 * Warns about a phrase repeated within the given phrase sets (exact
 * text).  The owner is named "<kind>'<id>'" ("entity 'BLR'"); that text
 * is only made when there is something to warn about.
 */
static int warn_repeats(an_load *L, an_phrases *const *sets, size_t nsets,
                        const char *kind, const char *id)
{
    size_t total = 0, k = 0;
    char what[300];
    for (size_t s = 0; s < nsets; s++)
        total += sets[s]->n;
    if (total < 2)
        return 0;
    snprintf(what, sizeof(what), "%s'%s'", kind, id);
    const an_phrase **all = malloc(total * sizeof(*all));
    if (!all)
        return lnomem(L);
    an_strmap seen = {0};
    int rc = 0;
    for (size_t s = 0; s < nsets && rc == 0; s++) {
        for (size_t i = 0; i < sets[s]->n && rc == 0; i++) {
            const an_phrase *p = &sets[s]->items[i];
            uint32_t old;
            all[k] = p;
            int put = an_strmap_put(&seen, p->text, strlen(p->text),
                                    (uint32_t)k, &old);
            k++;
            if (put < 0) {
                rc = lnomem(L);
            } else if (put == 0 && all[old]->valid == p->valid) {
                const an_phrase *o = all[old];
                if (an_rules_warn(L->r, L->path, p->loc.line, p->loc.col,
                                  "'%s' appears twice in %s (first at line "
                                  "%d, column %d); remove one", p->text,
                                  what, o->loc.line, o->loc.col))
                    rc = lnomem(L);
            }
        }
    }
    an_strmap_free(&seen);
    free(all);
    return rc;
}

/* A mapping value for a record ("each entity must be a mapping ..."). */
static int want_map(an_load *L, const yn *n, const char *what,
                    const char *example)
{
    if (n->kind == YN_MAP)
        return 0;
    return lfail(L, n, "each %s must be a mapping (%s), not %s", what,
                 example, kind_name(n));
}

/* A section's value must be a list (null: empty section). */
static int want_section_list(an_load *L, const field *f, const char *hint)
{
    if (f->val->kind == YN_SEQ || is_null(L, f->val))
        return 0;
    return lfail(L, f->val, "'%s' must be a list (%s), not %s",
                 ys(L, f->key), hint, kind_name(f->val));
}

/* ------------------------------------------------------------------ */
/* Time                                                                 */

static int digits_at(const char *s, size_t n, int32_t *out)
{
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int32_t month_days(int32_t y, int32_t m)
{
    static const int32_t d[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the start of s: *y, *m, *d (0 when
 * not given); returns the length read, or 0 when s starts with none. */
static size_t date_parts(const char *s, size_t len, int32_t *y, int32_t *m,
                         int32_t *d)
{
    *y = *m = *d = 0;
    if (len < 4 || digits_at(s, 4, y) || *y < 1)
        return 0;
    if (len < 7 || s[4] != '-' || digits_at(s + 5, 2, m))
        return (len == 4 || !(s[4] >= '0' && s[4] <= '9')) ? 4 : 0;
    if (*m < 1 || *m > 12)
        return 0;
    if (len < 10 || s[7] != '-' || digits_at(s + 8, 2, d))
        return 7;
    if (*d < 1 || *d > month_days(*y, *m))
        return 0;
    return 10;
}

int32_t an_rules_date(const char *s, size_t len)
{
    int32_t y, m, d;
    if (!s || !date_parts(s, len, &y, &m, &d))
        return 0;
    return y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
}

uint32_t an_rules_add_valid(actnet_rules *r, an_validity v)
{
    if (v.from <= AN_DATE_MIN && v.until >= AN_DATE_MAX)
        return 0;
    if (!r->n_valids) {
        if (AN_RESERVE(r->valids, r->cap_valids, 1))
            return UINT32_MAX;
        r->valids[0].from = AN_DATE_MIN;
        r->valids[0].until = AN_DATE_MAX;
        r->n_valids = 1;
    }
    /* consecutive phrases of one entity often share a validity */
    if (r->valids[r->n_valids - 1].from == v.from &&
        r->valids[r->n_valids - 1].until == v.until && r->n_valids > 1)
        return (uint32_t)(r->n_valids - 1);
    if (r->n_valids >= UINT32_MAX - 1 ||
        AN_RESERVE(r->valids, r->cap_valids, r->n_valids + 1))
        return UINT32_MAX;
    r->valids[r->n_valids] = v;
    r->has_time = 1;
    return (uint32_t)r->n_valids++;
}

/*
 * A 'from' or 'until' value: a date YYYY-MM-DD (or YYYY-MM, YYYY: the
 * first day of that month or year for from, the last for until); null
 * leaves *out open.
 */
static int want_date(an_load *L, const field *f, int until, int32_t *out)
{
    const char *k = ys(L, f->key);
    if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "'%s' must be a date (YYYY-MM-DD), not %s",
                     k, kind_name(f->val));
    if (is_null(L, f->val))
        return 0;
    const char *s = ys(L, f->val);
    int32_t y, m, d;
    size_t n = date_parts(s, f->val->len, &y, &m, &d);
    if (!n || n != f->val->len)
        return lfail(L, f->val, "'%s: %s' is not a date; write YYYY-MM-DD "
                     "(e.g. %s: 1991-12-26), or YYYY-MM or YYYY", k, s, k);
    if (!m)
        m = until ? 12 : 1;
    if (!d)
        d = until ? month_days(y, m) : 1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

/* from/until fields (either may be absent: f->key NULL) into *v; a range
 * that ends before it starts is an error. */
static int want_validity(an_load *L, const field *from, const field *until,
                         an_validity *v)
{
    v->from = AN_DATE_MIN;
    v->until = AN_DATE_MAX;
    if ((from->key && want_date(L, from, 0, &v->from)) ||
        (until->key && want_date(L, until, 1, &v->until)))
        return -1;
    if (v->from > v->until)
        return lfail(L, until->val, "'until: %s' is before 'from: %s'; "
                     "swap them or fix one", ys(L, until->val),
                     ys(L, from->val));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sections                                                             */

enum { EK_ID, EK_TYPE, EK_NAME, EK_ALIASES, EK_ADJECTIVES, EK_METONYMS,
       EK_COUNTRY, EK_CASE, EK_KIND, EK_NOTE, EK_SHARED, EK_FROM, EK_UNTIL,
       EK_CODE, EK_ROLES, EK_BY_SURNAME, EK_N };
static const char *const entity_keys[EK_N] = {
    "id", "type", "name", "aliases", "adjectives", "metonyms", "country",
    "case", "kind", "note", "shared", "from", "until", "code", "roles",
    "by_surname"};

enum { RO_CODE, RO_COUNTRY, RO_FROM, RO_UNTIL, RO_NOTE, RO_N };
static const char *const role_keys[RO_N] = {"code", "country", "from",
                                            "until", "note"};

/* roles: [{code, country, from, until}, ...] of entity e. */
static int load_roles(an_load *L, const field *rf, an_entity_rule *e)
{
    if (is_null(L, rf->val))
        return 0;
    if (rf->val->kind != YN_SEQ)
        return lfail(L, rf->val, "'roles' must be a list of mappings "
                     "({code: DEUGOV, from: 1982-10-04, until: 1992-12-31}), "
                     "not %s", kind_name(rf->val));
    if (!rf->val->n)
        return 0;
    e->roles = an_arena_alloc(&L->r->arena, rf->val->n * sizeof(*e->roles));
    if (!e->roles)
        return lnomem(L);
    for (const yn *it = yfirst(L, rf->val); it; it = ynext(L, it)) {
        field f[RO_N];
        an_role *ro = &e->roles[e->n_roles];
        memset(ro, 0, sizeof(*ro));
        if (want_map(L, it, "role", "code: ..., country: ..., from: ..., "
                     "until: ...") ||
            get_fields(L, it, "role", role_keys, RO_N, f))
            return -1;
        if (!f[RO_CODE].key && !f[RO_COUNTRY].key)
            return lfail(L, it, "a role needs a 'code' or a 'country' (or "
                         "both); add one or remove the role");
        if ((f[RO_CODE].key && want_string(L, &f[RO_CODE], 1, &ro->code)) ||
            (f[RO_COUNTRY].key &&
             want_string(L, &f[RO_COUNTRY], 1, &ro->country)) ||
            want_validity(L, &f[RO_FROM], &f[RO_UNTIL], &ro->valid) ||
            (f[RO_NOTE].key && want_text(L, &f[RO_NOTE])))
            return -1;
        if (ro->code && check_id(L, f[RO_CODE].val, "code"))
            return -1;
        ro->loc.path = L->path;
        ro->loc.line = it->line;
        ro->loc.col = it->col;
        if (f[RO_COUNTRY].key) {
            ro->loc.line = f[RO_COUNTRY].val->line;
            ro->loc.col = f[RO_COUNTRY].val->col;
        }
        ro->country_idx = UINT32_MAX;
        if (ro->valid.from > AN_DATE_MIN || ro->valid.until < AN_DATE_MAX) {
            e->dated_roles++;
            L->r->has_time = 1;
        }
        e->n_roles++;
    }
    return 0;
}

/* Each 'shared' phrase must be one of the entity's own phrases. */
static int check_shared(an_load *L, const an_entity_rule *e)
{
    const an_phrases *sets[3] = {&e->aliases, &e->adjectives, &e->metonyms};
    for (size_t i = 0; i < e->shared.n; i++) {
        const an_phrase *sp = &e->shared.items[i];
        int found = !strcmp(sp->text, e->name);
        for (size_t s = 0; s < 3 && !found; s++)
            for (size_t j = 0; j < sets[s]->n && !found; j++)
                found = !strcmp(sp->text, sets[s]->items[j].text);
        if (!found)
            return lfail_at(L, sp->loc.line, sp->loc.col, "shared phrase "
                            "'%s' is not the name, an alias, adjective or "
                            "metonym of entity '%s'; add it to 'aliases' or "
                            "remove it from 'shared'", sp->text, e->id);
    }
    return 0;
}

static int load_entity(an_load *L, const yn *m)
{
    actnet_rules *r = L->r;
    field f[EK_N];
    if (want_map(L, m, "entity", "id: ..., type: ..., name: ...") ||
        get_fields(L, m, "entity", entity_keys, EK_N, f))
        return -1;
    if (AN_RESERVE_HUGE(r->entities, r->cap_entities, r->n_entities + 1))
        return lnomem(L);
    an_entity_rule *e = &r->entities[r->n_entities++];
    memset(e, 0, sizeof(*e));
    e->case_insensitive = L->file_ci;

    const char *needs = "every entity needs id, type and name";
    for (int k = EK_ID; k <= EK_NAME; k++)
        if (!f[k].key)
            return missing(L, m, entity_keys[k], "entity", needs);
    if (want_id(L, &f[EK_ID], "id", &e->id) ||
        want_type(L, &f[EK_TYPE], "entity", &e->type) ||
        want_string(L, &f[EK_NAME], 0, &e->name))
        return -1;
    e->loc.path = L->path;
    e->loc.line = f[EK_ID].val->line;
    e->loc.col = f[EK_ID].val->col;
    if (f[EK_CASE].key && want_case(L, &f[EK_CASE], &e->case_insensitive))
        return -1;
    int ci = e->case_insensitive;
    if (want_validity(L, &f[EK_FROM], &f[EK_UNTIL], &e->valid))
        return -1;
    if (e->valid.from > AN_DATE_MIN || e->valid.until < AN_DATE_MAX)
        r->has_time = 1;
    if ((f[EK_CODE].key && want_string(L, &f[EK_CODE], 1, &e->code)) ||
        (e->code && check_id(L, f[EK_CODE].val, "code")) ||
        (f[EK_ROLES].key && load_roles(L, &f[EK_ROLES], e)))
        return -1;
    if (f[EK_ADJECTIVES].key && e->type != ACTNET_COUNTRY)
        return lfail(L, f[EK_ADJECTIVES].key, "'adjectives' are only for "
                     "entities of type country, and '%s' is a%s %s; move "
                     "these words to 'aliases'", e->id,
                     e->type == ACTNET_ORGANISATION ? "n" : "",
                     actnet_entity_type_name(e->type));
    if (f[EK_METONYMS].key &&
        (e->type == ACTNET_PERSON || e->type == ACTNET_PLACE))
        return lfail(L, f[EK_METONYMS].key, "'metonyms' are only for "
                     "countries and organisations, and '%s' is a %s; "
                     "move these words to 'aliases'", e->id,
                     actnet_entity_type_name(e->type));
    L->dated_items = 1;
    int bad = (f[EK_ALIASES].key &&
               want_phrases_in(L, f[EK_ALIASES].key, f[EK_ALIASES].val,
                               &e->aliases, ci, 1)) ||
              (f[EK_ADJECTIVES].key &&
               want_phrases_in(L, f[EK_ADJECTIVES].key, f[EK_ADJECTIVES].val,
                               &e->adjectives, ci, 1)) ||
              (f[EK_METONYMS].key &&
               want_phrases_in(L, f[EK_METONYMS].key, f[EK_METONYMS].val,
                               &e->metonyms, ci, 1));
    L->dated_items = 0;
    if (bad ||
        (f[EK_SHARED].key &&
         want_phrases_in(L, f[EK_SHARED].key, f[EK_SHARED].val, &e->shared,
                         ci, 1)))
        return -1;
    if (f[EK_COUNTRY].key) {
        if (want_string(L, &f[EK_COUNTRY], 1, &e->country))
            return -1;
        e->country_loc.path = L->path;
        e->country_loc.line = f[EK_COUNTRY].val->line;
        e->country_loc.col = f[EK_COUNTRY].val->col;
    }
    if (f[EK_BY_SURNAME].key) {
        if (e->type != ACTNET_PERSON)
            return lfail(L, f[EK_BY_SURNAME].key, "'by_surname' is only "
                         "for persons, and '%s' is a%s %s; remove it",
                         e->id, e->type == ACTNET_ORGANISATION ? "n" : "",
                         actnet_entity_type_name(e->type));
        if (want_bool(L, &f[EK_BY_SURNAME], &e->by_surname))
            return -1;
    }
    if ((f[EK_KIND].key && want_string(L, &f[EK_KIND], 1, &e->kind)) ||
        (f[EK_NOTE].key && want_text(L, &f[EK_NOTE])) ||
        check_shared(L, e))
        return -1;

    an_phrases *sets[3] = {&e->aliases, &e->adjectives, &e->metonyms};
    return warn_repeats(L, sets, 3, "entity ", e->id);
}

enum { AK_ID, AK_NAME, AK_ALIASES, AK_CASE, AK_NOTE, AK_N };
static const char *const agent_keys[AK_N] = {"id", "name", "aliases",
                                             "case", "note"};

static int load_agent(an_load *L, const yn *m)
{
    actnet_rules *r = L->r;
    field f[AK_N];
    if (want_map(L, m, "agent", "id: ..., name: ..., aliases: [...]") ||
        get_fields(L, m, "agent", agent_keys, AK_N, f))
        return -1;
    if (AN_RESERVE(r->agents, r->cap_agents, r->n_agents + 1))
        return lnomem(L);
    an_agent_rule *a = &r->agents[r->n_agents++];
    memset(a, 0, sizeof(*a));
    a->case_insensitive = L->file_ci;
    for (int k = AK_ID; k <= AK_NAME; k++)
        if (!f[k].key)
            return missing(L, m, agent_keys[k], "agent",
                           "every agent needs id and name");
    if (want_id(L, &f[AK_ID], "id", &a->id) ||
        want_string(L, &f[AK_NAME], 0, &a->name) ||
        (f[AK_CASE].key && want_case(L, &f[AK_CASE], &a->case_insensitive)))
        return -1;
    a->loc.path = L->path;
    a->loc.line = f[AK_ID].val->line;
    a->loc.col = f[AK_ID].val->col;
    if ((f[AK_ALIASES].key &&
         want_phrases_in(L, f[AK_ALIASES].key, f[AK_ALIASES].val,
                         &a->aliases, a->case_insensitive, 1)) ||
        (f[AK_NOTE].key && want_text(L, &f[AK_NOTE])))
        return -1;
    an_phrases *sets[1] = {&a->aliases};
    return warn_repeats(L, sets, 1, "agent ", a->id);
}

enum { LK_CASE, LK_ITEMS, LK_NOTE, LK_N };
static const char *const list_keys[LK_N] = {"case", "items", "note"};

/* One list: name -> [items] or name -> {case, items, note}. */
static int load_list(an_load *L, const yn *key, const yn *val)
{
    actnet_rules *r = L->r;
    if (check_id(L, key, "list name"))
        return -1;
    if (AN_RESERVE(r->lists, r->cap_lists, r->n_lists + 1))
        return lnomem(L);
    an_list_rule *l = &r->lists[r->n_lists++];
    memset(l, 0, sizeof(*l));
    l->case_insensitive = L->file_ci;
    l->name = an_arena_strndup(&r->arena, ys(L, key), key->len);
    if (!l->name)
        return lnomem(L);
    l->loc.path = L->path;
    l->loc.line = key->line;
    l->loc.col = key->col;
    const yn *items_key = key, *items = val;
    if (val->kind == YN_MAP) {
        field f[LK_N];
        char what[300];
        snprintf(what, sizeof(what), "list '%s'", l->name);
        if (get_fields(L, val, what, list_keys, LK_N, f) ||
            (f[LK_CASE].key &&
             want_case(L, &f[LK_CASE], &l->case_insensitive)) ||
            (f[LK_NOTE].key && want_text(L, &f[LK_NOTE])))
            return -1;
        if (!f[LK_ITEMS].key)
            return missing(L, val, "items", what, "write items: [first, "
                           "second, ...]");
        items_key = f[LK_ITEMS].key;
        items = f[LK_ITEMS].val;
    } else if (val->kind == YN_SCALAR && !is_null(L, val)) {
        return lfail(L, val, "list '%s' must be a list of phrases, not a "
                     "string; write %s: [%s]", l->name, l->name,
                     ys(L, val));
    }
    if (want_phrases(L, items_key, items, &l->items, l->case_insensitive))
        return -1;
    if (l->items.n == 0)
        return lwarn(L, key, "list '%s' is empty; patterns that use it "
                     "never match", l->name);
    an_phrases *sets[1] = {&l->items};
    return warn_repeats(L, sets, 1, "list ", l->name);
}

static int load_lists(an_load *L, const field *f)
{
    if (is_null(L, f->val))
        return 0;
    if (f->val->kind != YN_MAP)
        return lfail(L, f->val, "'lists' must be a mapping of list names to "
                     "phrases (lists: {titles: [Mr, Dr]}), not %s",
                     kind_name(f->val));
    for (const yn *k = yfirst(L, f->val); k; k = ynext(L, ynext(L, k)))
        if (load_list(L, k, ynext(L, k)))
            return -1;
    return 0;
}

static int load_ignore(an_load *L, const field *f)
{
    actnet_rules *r = L->r;
    size_t before = r->ignore.n;
    if (want_phrases(L, f->key, f->val, &r->ignore, L->file_ci))
        return -1;
    if (r->ignore.n > before)
        r->ignore_case_insensitive =
            (before == 0 || r->ignore_case_insensitive) && L->file_ci;
    return 0;
}

static int load_abbreviations(an_load *L, const field *f)
{
    if (is_null(L, f->val))
        return 0;
    if (f->val->kind != YN_SEQ)
        return lfail(L, f->val, "'abbreviations' must be a list of words "
                     "(abbreviations: [Mr, Dr, U.S.]), not %s",
                     kind_name(f->val));
    for (const yn *it = yfirst(L, f->val); it; it = ynext(L, it)) {
        if (check_item(L, it, "abbreviations"))
            return -1;
        const char *s = ys(L, it);
        size_t len = it->len;
        if (strpbrk(s, " \t\r\n"))
            return lfail(L, it, "abbreviation '%s' must be a single word "
                         "(periods inside are fine, as in U.S.); split it",
                         s);
        if (len && s[len - 1] == '.')
            len--;
        if (len == 0)
            return lfail(L, it, "abbreviation '%s' has no letters; remove "
                         "it", s);
        if (add_phrase(L, &L->r->abbreviations, it, 0, s, len))
            return -1;
    }
    return 0;
}

enum { EL_LIST, EL_WORD, EL_WORDS, EL_CAPITALISED, EL_ENTITY, EL_NAME,
       EL_OPTIONAL, EL_EXCEPT, EL_PARTICLES, EL_SENT_START, EL_N };
static const char *const elem_keys[EL_N] = {
    "list", "word", "words", "capitalised", "entity", "name", "optional",
    "except", "particles", "sentence_start"};

/* capitalised: N or N-M with 1 <= N <= M <= AN_RULES_MAX_CAPS. */
static int want_caps(an_load *L, const field *f, unsigned *min,
                     unsigned *max)
{
    const char *s = f->val->kind == YN_SCALAR ? ys(L, f->val) : "";
    unsigned a = 0, b = 0;
    const char *p = s;
    int ok = *p >= '0' && *p <= '9';
    while (ok && *p >= '0' && *p <= '9' && a <= 1000)
        a = a * 10 + (unsigned)(*p++ - '0');
    b = a;
    if (ok && *p == '-') {
        p++;
        ok = *p >= '0' && *p <= '9';
        b = 0;
        while (ok && *p >= '0' && *p <= '9' && b <= 1000)
            b = b * 10 + (unsigned)(*p++ - '0');
    }
    ok = ok && *p == '\0' && a >= 1 && a <= b && b <= AN_RULES_MAX_CAPS;
    if (!ok)
        return lfail(L, f->val, "'capitalised' must be a word count N or a "
                     "range N-M with 1 <= N <= M <= %d (e.g. capitalised: "
                     "1-3); found %s%s%s", AN_RULES_MAX_CAPS,
                     f->val->kind == YN_SCALAR ? "'" : "",
                     f->val->kind == YN_SCALAR ? s : kind_name(f->val),
                     f->val->kind == YN_SCALAR ? "'" : "");
    *min = a;
    *max = b;
    return 0;
}

/* The list names of a capitalised element's 'except' or 'particles'
 * key into out (resolved to indices by compile).  0 / -1. */
static int want_list_names(an_load *L, const field *f,
                           const an_pattern_elem *el, an_phrases *out)
{
    const char *k = ys(L, f->key);
    if (el->kind != AN_ELEM_CAPITALISED)
        return lfail(L, f->key, "'%s' applies only to 'capitalised' "
                     "elements; remove it here", k);
    if (want_phrases(L, f->key, f->val, out, 0))
        return -1;
    for (size_t i = 0; i < out->n; i++) {
        const char *s = out->items[i].text;
        if (strpbrk(s, " \t\r\n"))
            return lfail_at(L, out->items[i].loc.line, out->items[i].loc.col,
                            "'%s' takes list names, and '%s' is not one "
                            "(list names have no spaces); define a list "
                            "under 'lists:' and name it here", k, s);
    }
    return 0;
}

static int load_elem(an_load *L, const yn *m, an_pattern_elem *el)
{
    field f[EL_N];
    if (want_map(L, m, "pattern element", "list: NAME, capitalised: 1-3, "
                 "...") ||
        get_fields(L, m, "pattern element", elem_keys, EL_N, f))
        return -1;
    el->loc.path = L->path;
    el->loc.line = m->line;
    el->loc.col = m->col;
    const yn *kind_key = NULL;
    for (int k = EL_LIST; k <= EL_ENTITY; k++) {
        if (!f[k].key)
            continue;
        if (kind_key)
            return lfail(L, f[k].key, "this pattern element has both '%s' "
                         "and '%s'; an element matches one thing — split it "
                         "into two elements", ys(L, kind_key),
                         elem_keys[k]);
        kind_key = f[k].key;
        el->kind = k == EL_LIST ? AN_ELEM_LIST
                 : k == EL_CAPITALISED ? AN_ELEM_CAPITALISED
                 : k == EL_ENTITY ? AN_ELEM_ENTITY : AN_ELEM_WORDS;
    }
    if (!kind_key)
        return lfail(L, m, "this pattern element matches nothing; give "
                     "exactly one of list, word, words, capitalised, entity");
    if (f[EL_LIST].key) {
        if (want_id(L, &f[EL_LIST], "list name", &el->list_name))
            return -1;
        el->list_loc.path = L->path;
        el->list_loc.line = f[EL_LIST].val->line;
        el->list_loc.col = f[EL_LIST].val->col;
    }
    if (f[EL_WORD].key) {
        const field *w = &f[EL_WORD];
        if (w->val->kind != YN_SCALAR)
            return lfail(L, w->val, "'word' must be a string, not %s; for "
                         "several words use 'words: [...]'",
                         kind_name(w->val));
        if (check_item(L, w->val, "word") ||
            add_phrase(L, &el->words, w->val, L->file_ci, ys(L, w->val),
                       w->val->len))
            return -1;
    }
    if (f[EL_WORDS].key) {
        if (want_phrases(L, f[EL_WORDS].key, f[EL_WORDS].val, &el->words,
                         L->file_ci))
            return -1;
        if (el->words.n == 0)
            return lfail(L, f[EL_WORDS].key, "'words' is empty; list the "
                         "words this element matches");
    }
    if (f[EL_CAPITALISED].key &&
        want_caps(L, &f[EL_CAPITALISED], &el->min, &el->max))
        return -1;
    if (f[EL_ENTITY].key &&
        want_type(L, &f[EL_ENTITY], "element entity", &el->entity_type))
        return -1;
    if ((f[EL_NAME].key && want_bool(L, &f[EL_NAME], &el->name)) ||
        (f[EL_OPTIONAL].key && want_bool(L, &f[EL_OPTIONAL], &el->optional)))
        return -1;
    if (f[EL_EXCEPT].key &&
        want_list_names(L, &f[EL_EXCEPT], el, &el->except_names))
        return -1;
    if (f[EL_PARTICLES].key &&
        want_list_names(L, &f[EL_PARTICLES], el, &el->particle_names))
        return -1;
    if (f[EL_SENT_START].key) {
        if (el->kind != AN_ELEM_CAPITALISED)
            return lfail(L, f[EL_SENT_START].key, "'sentence_start' applies "
                         "only to 'capitalised' elements; remove it here");
        if (want_bool(L, &f[EL_SENT_START], &el->sentence_start))
            return -1;
    }
    return 0;
}

enum { PK_ID, PK_TYPE, PK_TOKENS, PK_NOTE, PK_N };
static const char *const pattern_keys[PK_N] = {"id", "type", "tokens",
                                               "note"};

static int load_pattern(an_load *L, const yn *m)
{
    actnet_rules *r = L->r;
    field f[PK_N];
    if (want_map(L, m, "pattern", "id: ..., type: ..., tokens: [...]") ||
        get_fields(L, m, "pattern", pattern_keys, PK_N, f))
        return -1;
    if (AN_RESERVE(r->patterns, r->cap_patterns, r->n_patterns + 1))
        return lnomem(L);
    an_pattern_rule *p = &r->patterns[r->n_patterns++];
    memset(p, 0, sizeof(*p));
    for (int k = PK_ID; k <= PK_TOKENS; k++)
        if (!f[k].key)
            return missing(L, m, pattern_keys[k], "pattern",
                           "every pattern needs id, type and tokens");
    if (want_id(L, &f[PK_ID], "id", &p->id) ||
        want_type(L, &f[PK_TYPE], "pattern", &p->type) ||
        (f[PK_NOTE].key && want_text(L, &f[PK_NOTE])))
        return -1;
    p->loc.path = L->path;
    p->loc.line = f[PK_ID].val->line;
    p->loc.col = f[PK_ID].val->col;

    const field *tf = &f[PK_TOKENS];
    if (tf->val->kind != YN_SEQ || tf->val->n == 0)
        return lfail(L, tf->val->kind == YN_SEQ || is_null(L, tf->val)
                            ? tf->key : tf->val,
                     "'tokens' must be a non-empty list of elements "
                     "(- list: NAME, - capitalised: 1-3, ...)");
    p->elems = calloc(tf->val->n, sizeof(*p->elems));
    if (!p->elems)
        return lnomem(L);
    p->n_elems = tf->val->n;
    int has_required = 0;
    size_t i = 0;
    for (const yn *it = yfirst(L, tf->val); it; it = ynext(L, it), i++) {
        if (load_elem(L, it, &p->elems[i]))
            return -1;
        has_required |= !p->elems[i].optional;
    }
    if (!has_required)
        return lfail(L, tf->key, "every element of pattern '%s' is "
                     "optional, so it could match nothing; make at least "
                     "one element required", p->id);
    return 0;
}

enum { RK_ID, RK_LABEL, RK_POLARITY, RK_CLASS, RK_SYMMETRIC, RK_VERBS,
       RK_NOUNS, RK_CAMEO, RK_NOTE, RK_N };
static const char *const relation_keys[RK_N] = {
    "id", "label", "polarity", "class", "symmetric", "verbs", "nouns",
    "cameo", "note"};
static const char *const relation_classes[4] = {
    "verbal-cooperation", "material-cooperation", "verbal-conflict",
    "material-conflict"};

static int want_polarity(an_load *L, const field *f, int *out)
{
    const char *s = f->val->kind == YN_SCALAR ? ys(L, f->val) : "";
    if (!strcmp(s, "-1"))
        *out = -1;
    else if (!strcmp(s, "0"))
        *out = 0;
    else if (!strcmp(s, "1") || !strcmp(s, "+1"))
        *out = 1;
    else if (f->val->kind != YN_SCALAR)
        return lfail(L, f->val, "polarity must be -1, 0 or 1 (hostile, "
                     "neutral, cooperative), not %s", kind_name(f->val));
    else
        return lfail(L, f->val, "polarity must be -1, 0 or 1 (hostile, "
                     "neutral, cooperative); found '%s'", s);
    return 0;
}

static int want_class(an_load *L, const field *f, char **out)
{
    if (want_string(L, f, 1, out))
        return -1;
    if (!*out)
        return 0;   /* class: null — no class */
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(*out, relation_classes[i]))
            return 0;
    char list[200];
    join_words(list, sizeof(list), relation_classes, 4, " or ");
    const char *s = suggest(*out, relation_classes, 4);
    if (s)
        return lfail(L, f->val, "class '%s' is not one of %s; did you mean "
                     "'%s'?", *out, list, s);
    return lfail(L, f->val, "class '%s' is not one of %s", *out, list);
}

/*
 * A CAMEO event code: two to four digits whose first two name one of the
 * twenty top-level categories (01 to 20).  1 when s is one.
 */
static int is_cameo_code(const char *s)
{
    size_t n = strspn(s, "0123456789");
    if (s[n] || n < 2 || n > 4)
        return 0;
    int top = (s[0] - '0') * 10 + (s[1] - '0');
    return top >= 1 && top <= 20;
}

/*
 * A string or a list of strings, each checked by ok (what names it in
 * the message), into *out joined by commas (in the rules' arena).
 */
static int want_joined(an_load *L, const field *f, int (*ok)(const char *),
                       const char *what, char **out)
{
    const char *k = ys(L, f->key);
    const yn *v = f->val;
    an_buf b = {0};
    int rc = -1;
    if (v->kind != YN_SCALAR && v->kind != YN_SEQ)
        return lfail(L, v, "'%s' must be %s or a list of them, not %s", k,
                     what, kind_name(v));
    for (const yn *it = v->kind == YN_SEQ ? yfirst(L, v) : v; it;
         it = v->kind == YN_SEQ ? ynext(L, it) : NULL) {
        const char *s = it->kind == YN_SCALAR ? ys(L, it) : "";
        if (it->kind != YN_SCALAR || is_null(L, it) || is_blank(s)) {
            rc = lfail(L, it, "every item of '%s' must be %s", k, what);
            goto out;
        }
        if (ok && !ok(s)) {
            rc = lfail(L, it, "'%s' is not %s", s, what);
            goto out;
        }
        if ((b.len && an_buf_putc(&b, ',')) || an_buf_append(&b, s, strlen(s)))
            goto nomem;
    }
    if (!b.len) {
        rc = lfail(L, f->key, "'%s' is an empty list; give %s or remove "
                   "the key", k, what);
        goto out;
    }
    if (!(*out = an_arena_strndup(&L->r->arena, b.data, b.len)))
        goto nomem;
    rc = 0;
    goto out;
nomem:
    rc = lnomem(L);
out:
    an_buf_free(&b);
    return rc;
}

static const char cameo_what[] =
    "a CAMEO event code (two to four digits, 01 to 20 first: \"042\", "
    "\"1123\")";

/* A PLOVER event type: upper-case letters ("AGREE", "ASSAULT"). */
static int is_plover_event(const char *s)
{
    size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    return n > 0 && !s[n];
}

enum { PL_CAMEO, PL_EVENT, PL_MODE, PL_CONTEXT, PL_NOTE, PL_N };
static const char *const plover_keys[PL_N] = {"cameo", "event", "mode",
                                              "context", "note"};

/* One row of the plover: section (CAMEO code -> PLOVER event). */
static int load_plover(an_load *L, const yn *m)
{
    actnet_rules *r = L->r;
    field f[PL_N];
    if (want_map(L, m, "plover row", "cameo: ..., event: ...") ||
        get_fields(L, m, "plover row", plover_keys, PL_N, f))
        return -1;
    const char *needs = "every plover row needs cameo and event";
    if (!f[PL_CAMEO].key)
        return missing(L, m, "cameo", "plover row", needs);
    if (!f[PL_EVENT].key)
        return missing(L, m, "event", "plover row", needs);
    if (AN_RESERVE(r->plover, r->cap_plover, r->n_plover + 1))
        return lnomem(L);
    an_plover_rule *p = &r->plover[r->n_plover++];
    memset(p, 0, sizeof(*p));
    p->loc.path = L->path;
    p->loc.line = f[PL_CAMEO].val->line;
    p->loc.col = f[PL_CAMEO].val->col;
    if (want_string(L, &f[PL_CAMEO], 0, &p->cameo))
        return -1;
    if (!is_cameo_code(p->cameo))
        return lfail(L, f[PL_CAMEO].val, "'%s' is not %s", p->cameo,
                     cameo_what);
    if (want_string(L, &f[PL_EVENT], 0, &p->event))
        return -1;
    if (!is_plover_event(p->event))
        return lfail(L, f[PL_EVENT].val, "PLOVER event '%s' must be written "
                     "in upper-case letters (AGREE, CONSULT, ...)", p->event);
    if ((f[PL_MODE].key && want_string(L, &f[PL_MODE], 1, &p->mode)) ||
        (f[PL_CONTEXT].key && !is_null(L, f[PL_CONTEXT].val) &&
         want_joined(L, &f[PL_CONTEXT], NULL, "a context word",
                     &p->context)) ||
        (f[PL_NOTE].key && want_text(L, &f[PL_NOTE])))
        return -1;
    return 0;
}

static int load_relation(an_load *L, const yn *m)
{
    actnet_rules *r = L->r;
    field f[RK_N];
    if (want_map(L, m, "relation", "id: ..., polarity: ..., verbs: [...]") ||
        get_fields(L, m, "relation", relation_keys, RK_N, f))
        return -1;
    if (AN_RESERVE(r->relations, r->cap_relations, r->n_relations + 1))
        return lnomem(L);
    an_relation_rule *rel = &r->relations[r->n_relations++];
    memset(rel, 0, sizeof(*rel));
    const char *needs = "every relation needs id and polarity (-1, 0 or 1)";
    if (!f[RK_ID].key)
        return missing(L, m, "id", "relation", needs);
    if (!f[RK_POLARITY].key)
        return missing(L, m, "polarity", "relation", needs);
    if (want_id(L, &f[RK_ID], "id", &rel->id) ||
        want_polarity(L, &f[RK_POLARITY], &rel->polarity))
        return -1;
    rel->loc.path = L->path;
    rel->loc.line = f[RK_ID].val->line;
    rel->loc.col = f[RK_ID].val->col;
    if (f[RK_LABEL].key) {
        if (want_string(L, &f[RK_LABEL], 1, &rel->label))
            return -1;
    }
    if (!rel->label && !(rel->label = an_arena_strndup(&r->arena, rel->id,
                                                       strlen(rel->id))))
        return lnomem(L);
    if ((f[RK_CLASS].key && want_class(L, &f[RK_CLASS], &rel->cls)) ||
        (f[RK_SYMMETRIC].key &&
         want_bool(L, &f[RK_SYMMETRIC], &rel->symmetric)) ||
        (f[RK_VERBS].key &&
         want_phrases(L, f[RK_VERBS].key, f[RK_VERBS].val, &rel->verbs,
                      L->file_ci)) ||
        (f[RK_NOUNS].key &&
         want_phrases(L, f[RK_NOUNS].key, f[RK_NOUNS].val, &rel->nouns,
                      L->file_ci)) ||
        (f[RK_CAMEO].key &&
         want_joined(L, &f[RK_CAMEO], is_cameo_code, cameo_what,
                     &rel->cameo)) ||
        (f[RK_NOTE].key && want_text(L, &f[RK_NOTE])))
        return -1;
    if (rel->verbs.n == 0 && rel->nouns.n == 0)
        return lfail(L, m, "relation '%s' has no verbs and no nouns, so it "
                     "can never be found; give at least one of them",
                     rel->id);
    /* a verb and a noun may be written alike ("reply to"): checked apart */
    an_phrases *verbs[1] = {&rel->verbs}, *nouns[1] = {&rel->nouns};
    if (warn_repeats(L, verbs, 1, "the verbs of relation ", rel->id))
        return -1;
    return warn_repeats(L, nouns, 1, "the nouns of relation ", rel->id);
}

static int load_inflections(an_load *L, const field *f)
{
    actnet_rules *r = L->r;
    if (is_null(L, f->val))
        return 0;
    if (f->val->kind != YN_MAP)
        return lfail(L, f->val, "'inflections' must be a mapping of verbs "
                     "to their irregular forms (inflections: {meet: [met]}), "
                     "not %s", kind_name(f->val));
    an_strmap known = {0};
    int rc = 0;
    for (size_t i = 0; i < r->n_inflections && rc == 0; i++)
        if (an_strmap_put(&known, r->inflections[i].lemma,
                          strlen(r->inflections[i].lemma), (uint32_t)i,
                          NULL) < 0)
            rc = lnomem(L);
    for (const yn *k = yfirst(L, f->val); k && rc == 0;
         k = ynext(L, ynext(L, k))) {
        const yn *v = ynext(L, k);
        const char *lemma = ys(L, k);
        uint32_t idx;
        if (is_blank(lemma)) {
            rc = lfail(L, k, "empty verb in 'inflections'; write the verb's "
                       "base form, e.g. meet: [met]");
            break;
        }
        if (v->kind != YN_SEQ || v->n == 0) {
            rc = lfail(L, v->kind == YN_SEQ || is_null(L, v) ? k : v,
                       "the irregular forms of '%s' must be a non-empty "
                       "list, e.g. %s: [form, ...]", lemma, lemma);
            break;
        }
        if (an_strmap_get(&known, lemma, k->len, &idx)) {
            /* defined in an earlier file: the forms are merged */
        } else if (AN_RESERVE(r->inflections, r->cap_inflections,
                              r->n_inflections + 1)) {
            rc = lnomem(L);
            break;
        } else {
            idx = (uint32_t)r->n_inflections;
            an_inflection_rule *in = &r->inflections[r->n_inflections++];
            memset(in, 0, sizeof(*in));
            in->lemma = an_arena_strndup(&r->arena, lemma, k->len);
            in->loc.path = L->path;
            in->loc.line = k->line;
            in->loc.col = k->col;
            if (!in->lemma ||
                an_strmap_put(&known, lemma, k->len, idx, NULL) < 0) {
                rc = lnomem(L);
                break;
            }
        }
        an_inflection_rule *in = &r->inflections[idx];
        size_t before = in->forms.n;
        rc = want_phrases(L, k, v, &in->forms, 1);
        for (size_t i = before; i < in->forms.n && rc == 0; i++)
            for (size_t j = 0; j < i && rc == 0; j++)
                if (!strcmp(in->forms.items[i].text,
                            in->forms.items[j].text))
                    rc = an_rules_warn(r, L->path, in->forms.items[i].loc.line,
                                       in->forms.items[i].loc.col,
                                       "'%s' is already a form of '%s' (%s:"
                                       "%d:%d); remove one",
                                       in->forms.items[i].text, lemma,
                                       in->forms.items[j].loc.path,
                                       in->forms.items[j].loc.line,
                                       in->forms.items[j].loc.col)
                             ? lnomem(L) : 0;
    }
    an_strmap_free(&known);
    return rc;
}

/* ---- language: the relate stage's function words and stemmer ---- */

const char *const an_word_class_names[AN_WC_N] = {
    "auxiliary", "be", "perfect_auxiliary", "modal", "negator",
    "noun_negator", "pronoun", "article", "determiner", "preposition",
    "infinitive_marker", "passive_agent", "genitive", "conjunction",
    "contrastive_conjunction", "relative", "complementiser",
    "subordinator", "hedge", "speech_verb", "refusal_verb", "light_verb",
    "promise_verb", "adverb", "directed_preposition", "indefinite_article",
    "reciprocal_preposition"};

enum { LG_STEMMER, LG_WORDS, LG_N };
static const char *const language_keys[LG_N] = {"stemmer", "words"};

/* One rule set has one stemmer: libstemmer must know it, and every
 * language: section that names one must name the same. */
static int want_stemmer(an_load *L, const field *f)
{
    actnet_rules *r = L->r;
    const char **algs = sb_stemmer_list();
    char *name = NULL;
    size_t n = 0;
    if (want_string(L, f, 0, &name))
        return -1;
    while (algs[n] && strcmp(algs[n], name))
        n++;
    if (!algs[n]) {
        char list[1024];
        while (algs[n])
            n++;
        join_words(list, sizeof(list), algs, n, " and ");
        return lfail(L, f->val, "unknown stemmer '%s'; write one of "
                     "libstemmer's algorithms: %s", name, list);
    }
    if (r->stemmer && strcmp(r->stemmer, name))
        return lfail(L, f->val, "stemmer '%s' differs from '%s' (%s:%d:%d); "
                     "a rule set has one language: give the stemmer once "
                     "or the same everywhere", name, r->stemmer,
                     r->stemmer_loc.path, r->stemmer_loc.line,
                     r->stemmer_loc.col);
    if (!r->stemmer) {
        r->stemmer = name;
        r->stemmer_loc = (an_loc){L->path, f->val->line, f->val->col};
    }
    return 0;
}

/* The items of ps from `from` on must each be one word as the text is
 * segmented: the relate stage looks function words up by token. */
static int check_words(an_load *L, const an_phrases *ps, uint32_t from,
                       const char *cls)
{
    an_text t;
    int rc = 0;
    an_text_init(&t);
    for (uint32_t i = from; i < ps->n && rc == 0; i++) {
        const an_phrase *p = &ps->items[i];
        if (an_text_segment(&t, p->text, strlen(p->text), NULL))
            rc = lnomem(L);
        else if (t.n_toks != 1 || t.toks[0].kind != AN_TOK_WORD)
            rc = lfail_at(L, p->loc.line, p->loc.col, "'%s' in '%s' is not "
                          "one word; the words of a class are single words "
                          "(write each form apart: say, says, said)",
                          p->text, cls);
    }
    an_text_finish(&t);
    return rc;
}

static int load_language(an_load *L, const field *f)
{
    actnet_rules *r = L->r;
    field lf[LG_N], wf[AN_WC_N];
    if (!r->has_language) {
        r->has_language = 1;
        r->language_loc = (an_loc){L->path, f->key->line, f->key->col};
    }
    if (is_null(L, f->val))
        return 0;
    if (f->val->kind != YN_MAP)
        return lfail(L, f->val, "'language' must be a mapping (language: "
                     "{stemmer: english, words: {...}}), not %s",
                     kind_name(f->val));
    if (get_fields(L, f->val, "a language: section", language_keys, LG_N,
                   lf) ||
        (lf[LG_STEMMER].key && want_stemmer(L, &lf[LG_STEMMER])))
        return -1;
    const yn *w = lf[LG_WORDS].val;
    if (!w || is_null(L, w))
        return 0;
    if (w->kind != YN_MAP)
        return lfail(L, w, "'words' must be a mapping of word classes to "
                     "lists (words: {pronoun: [he, she]}), not %s",
                     kind_name(w));
    if (get_fields(L, w, "the words of a language: section",
                   an_word_class_names, AN_WC_N, wf))
        return -1;
    for (size_t c = 0; c < AN_WC_N; c++) {
        if (!wf[c].key)
            continue;
        an_phrases *ps = &r->words[c];
        uint32_t before = ps->n;
        if (want_phrases(L, wf[c].key, wf[c].val, ps, 1) ||
            check_words(L, ps, before, an_word_class_names[c]))
            return -1;
        /* repeats within this file's list (other files may add a word
         * again: a class is a set) */
        an_phrases mine = {ps->items + before, ps->n - before,
                           ps->n - before};
        an_phrases *set[1] = {&mine};
        if (warn_repeats(L, set, 1, "word class ", an_word_class_names[c]))
            return -1;
    }
    return 0;
}

/* A section that is a list of records, each loaded by fn. */
static int load_records(an_load *L, const field *f, const char *hint,
                        int (*fn)(an_load *, const yn *))
{
    if (want_section_list(L, f, hint))
        return -1;
    if (f->val->kind != YN_SEQ)
        return 0;
    for (const yn *it = yfirst(L, f->val); it; it = ynext(L, it))
        if (fn(L, it))
            return -1;
    return 0;
}

enum { TK_VERSION, TK_CASE, TK_DESCRIPTION, TK_ABBREVIATIONS, TK_LISTS,
       TK_ENTITIES, TK_AGENTS, TK_IGNORE, TK_PATTERNS, TK_RELATIONS,
       TK_INFLECTIONS, TK_LANGUAGE, TK_PLOVER, TK_BY_SURNAME, TK_N };
static const char *const top_keys[TK_N] = {
    "version", "case", "description", "abbreviations", "lists", "entities",
    "agents", "ignore", "patterns", "relations", "inflections",
    "language", "plover", "by_surname"};

/* by_surname: [person id, ...]; the ids are checked when compiled (the
 * persons may be in another file). */
static int load_by_surname(an_load *L, const field *f)
{
    actnet_rules *r = L->r;
    if (is_null(L, f->val))
        return 0;
    if (f->val->kind != YN_SEQ)
        return lfail(L, f->val, "'by_surname' must be a list of person ids "
                     "(by_surname: [putin, merkel]), not %s",
                     kind_name(f->val));
    for (const yn *it = yfirst(L, f->val); it; it = ynext(L, it)) {
        if (check_item(L, it, "by_surname"))
            return -1;
        if (AN_RESERVE(r->by_surname, r->cap_by_surname,
                       r->n_by_surname + 1))
            return lnomem(L);
        struct an_id_ref *ref = &r->by_surname[r->n_by_surname];
        ref->id = an_arena_strndup(&r->arena, ys(L, it), it->len);
        if (!ref->id)
            return lnomem(L);
        ref->loc.path = L->path;
        ref->loc.line = it->line;
        ref->loc.col = it->col;
        r->n_by_surname++;
    }
    return 0;
}

/* Checks the version; -1 unless it is 1. */
static int check_version(an_load *L, const field *f)
{
    const yn *v = f->val;
    if (v->kind == YN_SCALAR && !strcmp(ys(L, v), "1"))
        return 0;
    if (v->kind != YN_SCALAR || is_null(L, v))
        return lfail(L, v->kind == YN_SCALAR ? f->key : v,
                     "'version' must be 1; write 'version: 1'");
    const char *s = ys(L, v);
    size_t digits = strspn(s, "0123456789");
    if (digits && !s[digits])
        return lfail(L, v, "rule language version %s is not supported; "
                     "this actnet reads version 1 only — write the rules "
                     "for version 1 or use a newer actnet", s);
    return lfail(L, v, "'version' must be 1; found '%s'", s);
}

/* Walks a parsed file into the rule set. */
static int load_tree(an_load *L)
{
    const yn *root = L->t.root == YN_NONE ? NULL : &L->t.nodes[L->t.root];
    field f[TK_N];
    if (!root || is_null(L, root))
        return lfail_at(L, 1, 1, "empty rule file: it has no 'version: 1'; "
                        "a rule file is a YAML mapping that starts with "
                        "'version: 1'");
    if (root->kind != YN_MAP)
        return lfail(L, root, "a rule file must be a YAML mapping of "
                     "sections ('version: 1', 'entities:', ...), not %s",
                     kind_name(root));
    /* The version first: a file for another version gets that message,
     * not complaints about keys this version does not know. */
    for (const yn *k = yfirst(L, root); k; k = ynext(L, ynext(L, k))) {
        if (!strcmp(ys(L, k), "version")) {
            field vf = {k, ynext(L, k)};
            if (check_version(L, &vf))
                return -1;
        }
    }
    if (get_fields(L, root, "the top level of a rule file", top_keys, TK_N,
                   f))
        return -1;
    if (!f[TK_VERSION].key)
        return missing(L, root, "version", "this rule file",
                       "add 'version: 1' as its first line");
    L->file_ci = 0;
    if ((f[TK_CASE].key && want_case(L, &f[TK_CASE], &L->file_ci)) ||
        (f[TK_DESCRIPTION].key && want_text(L, &f[TK_DESCRIPTION])))
        return -1;
    /* The sections in the order written, so errors come in file order. */
    for (const yn *k = yfirst(L, root); k; k = ynext(L, ynext(L, k))) {
        int t;
        for (t = 0; t < TK_N; t++)
            if (!strcmp(ys(L, k), top_keys[t]))
                break;
        const field *s = &f[t];
        int rc = 0;
        switch (t) {
        case TK_ABBREVIATIONS: rc = load_abbreviations(L, s); break;
        case TK_BY_SURNAME: rc = load_by_surname(L, s); break;
        case TK_LISTS: rc = load_lists(L, s); break;
        case TK_ENTITIES:
            rc = load_records(L, s, "- id: ..., type: ..., name: ...",
                              load_entity);
            break;
        case TK_AGENTS:
            rc = load_records(L, s, "- id: ..., name: ...", load_agent);
            break;
        case TK_IGNORE:
            rc = want_section_list(L, s, "ignore: [phrase, ...]") ||
                 load_ignore(L, s);
            break;
        case TK_PATTERNS:
            rc = load_records(L, s, "- id: ..., type: ..., tokens: [...]",
                              load_pattern);
            break;
        case TK_RELATIONS:
            rc = load_records(L, s, "- id: ..., polarity: ..., verbs: "
                              "[...]", load_relation);
            break;
        case TK_INFLECTIONS: rc = load_inflections(L, s); break;
        case TK_LANGUAGE: rc = load_language(L, s); break;
        case TK_PLOVER:
            rc = load_records(L, s, "- cameo: ..., event: ...", load_plover);
            break;
        default: break;
        }
        if (rc)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Files and directories                                                */

static void poison(actnet_rules *r)
{
    r->poisoned = 1;
}

static actnet_status refuse_poisoned(const actnet_rules *r,
                                     actnet_error *err)
{
    (void)r;
    an_error_set(err, "", 0, 0, "the rule set was refused because of an "
                 "earlier error; fix that error and load the rules again");
    return ACTNET_ERR_RULES;
}

/* Keeps a copy of path for an_loc.path; NULL when out of memory. */
static const char *keep_path(actnet_rules *r, const char *path)
{
    if (AN_RESERVE(r->path_list, r->cap_paths, r->n_paths + 1))
        return NULL;
    char *p = an_strdup(path);
    if (!p)
        return NULL;
    r->path_list[r->n_paths++] = p;
    return p;
}

/* Loads one file's bytes.  The buffer is not retained. */
static actnet_status load_buffer(actnet_rules *r, const char *path,
                                 const char *buf, size_t len,
                                 actnet_error *err)
{
    an_load L;
    memset(&L, 0, sizeof(L));
    L.r = r;
    L.err = err;
    L.buf = buf;
    L.len = len;
    L.path = keep_path(r, path);
    if (!L.path) {
        an_error_set(err, path, 0, 0, "out of memory while loading rules");
        return ACTNET_ERR_NOMEM;
    }
    if (len > AN_RULES_MAX_BYTES) {
        lfail_at(&L, 0, 0, "the rule file is %zu bytes; files over 64 MiB "
                 "are refused — split it into several files", len);
        goto out;
    }
    an_dict_format fmt = an_dict_format_of(path, buf, len);
    if (fmt != AN_DICT_NONE) {
        L.st = an_dict_load(r, L.path, fmt, buf, len, err);
        goto out;
    }
    if (r->dict_ids_seeded) {
        /* ids of YAML entities after a dictionary: keep dict_ids whole */
        size_t ne = r->n_entities, na = r->n_agents;
        if (build_tree(&L) == 0)
            load_tree(&L);
        for (size_t i = ne; i < r->n_entities && L.st == ACTNET_OK; i++)
            if (an_strmap_put(&r->dict_ids, r->entities[i].id,
                              strlen(r->entities[i].id), (uint32_t)i,
                              NULL) < 0)
                lnomem(&L);
        for (size_t i = na; i < r->n_agents && L.st == ACTNET_OK; i++)
            if (an_strmap_put(&r->dict_ids, r->agents[i].id,
                              strlen(r->agents[i].id), UINT32_MAX, NULL) < 0)
                lnomem(&L);
        goto out;
    }
    if (build_tree(&L) == 0)
        load_tree(&L);
out:
    ytree_free(&L.t);
    return L.st;
}

static actnet_status load_file(actnet_rules *r, const char *path,
                               actnet_error *err)
{
    actnet_status st = ACTNET_OK;
    char *buf = NULL;
    struct stat sb;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        an_error_set(err, path, 0, 0, "cannot open the rule file: %s; check "
                     "the path and its permissions", strerror(errno));
        return ACTNET_ERR_IO;
    }
    int regular = fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode);
    if (regular && (unsigned long long)sb.st_size > AN_RULES_MAX_BYTES) {
        an_error_set(err, path, 0, 0, "the rule file is %llu bytes; files "
                     "over 64 MiB are refused — split it into several "
                     "files", (unsigned long long)sb.st_size);
        st = ACTNET_ERR_RULES;
        goto out;
    }
    /* a regular file is read at once into a buffer of its size (plus
     * one byte, where the read that sees its end goes) */
    size_t len = 0, cap = 0;
    size_t first = regular && sb.st_size > 0 ? (size_t)sb.st_size + 1
                                               : 65536;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : first;
            if (ncap > AN_RULES_MAX_BYTES + 1)
                ncap = AN_RULES_MAX_BYTES + 1;
            if (ncap <= len) {
                an_error_set(err, path, 0, 0, "the rule file is over 64 MiB;"
                             " files that large are refused — split it into "
                             "several files");
                st = ACTNET_ERR_RULES;
                goto out;
            }
            char *nb = realloc(buf, ncap);
            if (!nb) {
                an_error_set(err, path, 0, 0, "out of memory while reading "
                             "rules");
                st = ACTNET_ERR_NOMEM;
                goto out;
            }
            buf = nb;
            cap = ncap;
            an_hint_huge(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        an_error_set(err, path, 0, 0, "cannot read the rule file: %s",
                     strerror(errno));
        st = ACTNET_ERR_IO;
        goto out;
    }
    st = load_buffer(r, path, buf ? buf : "", len, err);
out:
    free(buf);
    fclose(fp);
    return st;
}

static int has_rule_suffix(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/*
 * Is file path (name its base name), met in a directory walk, a
 * dictionary to load: named .actors / .agents / .verbs, or a .txt whose
 * first 64 KiB read as one (dict.c)?  Other files are not rules.
 */
static int is_dict_file(const char *path, const char *name)
{
    if (an_dict_format_of_name(name) != AN_DICT_NONE)
        return 1;
    size_t n = strlen(name);
    if (n < 5 || strcasecmp(name + n - 4, ".txt"))
        return 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    char *head = malloc(65536);
    size_t got = head ? fread(head, 1, 65536, fp) : 0;
    fclose(fp);
    int yes = head && an_dict_format_of_text(head, got) != AN_DICT_NONE;
    free(head);
    return yes;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

/*
 * Loads every *.yaml / *.yml file under dir (sorted by name, hidden
 * entries skipped, subdirectories recursively).  ids holds the
 * directories being walked (loop detection); *nfiles counts the files.
 */
static actnet_status load_dir(actnet_rules *r, const char *dir,
                              dir_id *ids, int depth, size_t *nfiles,
                              actnet_error *err)
{
    actnet_status st = ACTNET_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    char *child = NULL;
    DIR *d = opendir(dir);
    if (!d) {
        an_error_set(err, dir, 0, 0, "cannot open the rules directory: %s",
                     strerror(errno));
        return ACTNET_ERR_IO;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *nm = an_strdup(de->d_name);
        if (!nm || AN_RESERVE(names, cap, n + 1)) {
            free(nm);
            an_error_set(err, dir, 0, 0, "out of memory while listing rules");
            st = ACTNET_ERR_NOMEM;
            goto out;
        }
        names[n++] = nm;
    }
    if (n > 1)
        qsort(names, n, sizeof(*names), cmp_names);
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n && st == ACTNET_OK; i++) {
        struct stat sb;
        free(child);
        child = malloc(dlen + strlen(names[i]) + 2);
        if (!child) {
            an_error_set(err, dir, 0, 0, "out of memory while listing rules");
            st = ACTNET_ERR_NOMEM;
            break;
        }
        snprintf(child, dlen + strlen(names[i]) + 2, "%s%s%s", dir,
                 slash ? "" : "/", names[i]);
        if (stat(child, &sb) != 0) {
            if (!has_rule_suffix(names[i]))
                continue;   /* e.g. a dangling link that is no rule file */
            an_error_set(err, child, 0, 0, "cannot read the rule file: %s",
                         strerror(errno));
            st = ACTNET_ERR_IO;
        } else if (S_ISDIR(sb.st_mode)) {
            int loop = 0;
            for (int j = 0; j < depth; j++)
                loop |= ids[j].dev == sb.st_dev && ids[j].ino == sb.st_ino;
            if (loop || depth >= AN_RULES_MAX_DIR_DEPTH) {
                if (an_rules_warn(r, child, 0, 0, "directory skipped: %s",
                                  loop ? "it links back to a directory that "
                                         "contains it" :
                                         "directories nested too deeply"))
                    st = ACTNET_ERR_NOMEM;
                continue;
            }
            ids[depth].dev = sb.st_dev;
            ids[depth].ino = sb.st_ino;
            st = load_dir(r, child, ids, depth + 1, nfiles, err);
        } else if (S_ISREG(sb.st_mode) &&
                   (has_rule_suffix(names[i]) ||
                    is_dict_file(child, names[i]))) {
            st = load_file(r, child, err);
            (*nfiles)++;
        }
    }
out:
    free(child);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

actnet_rules *actnet_rules_create(void)
{
    return calloc(1, sizeof(actnet_rules));
}

/* Frees a phrase array made with malloc (the texts are in the arena). */
static void phrases_free(an_phrases *ps)
{
    free(ps->items);
    memset(ps, 0, sizeof(*ps));
}

void actnet_rules_destroy(actnet_rules *r)
{
    if (!r)
        return;
    /* entities' and agents' strings and phrase arrays are in the arena */
    free(r->entities);
    free(r->agents);
    for (size_t i = 0; i < r->n_lists; i++)
        phrases_free(&r->lists[i].items);
    free(r->lists);
    phrases_free(&r->ignore);
    phrases_free(&r->abbreviations);
    for (size_t i = 0; i < r->n_patterns; i++) {
        an_pattern_rule *p = &r->patterns[i];
        for (size_t j = 0; j < p->n_elems; j++) {
            phrases_free(&p->elems[j].words);
            phrases_free(&p->elems[j].except_names);
            free(p->elems[j].except);
            phrases_free(&p->elems[j].particle_names);
            free(p->elems[j].particles);
        }
        free(p->elems);
    }
    free(r->patterns);
    for (size_t i = 0; i < r->n_relations; i++) {
        an_relation_rule *rel = &r->relations[i];
        phrases_free(&rel->verbs);
        phrases_free(&rel->nouns);
    }
    free(r->relations);
    for (size_t i = 0; i < r->n_inflections; i++)
        phrases_free(&r->inflections[i].forms);
    free(r->inflections);
    for (size_t c = 0; c < AN_WC_N; c++)
        phrases_free(&r->words[c]);
    free(r->plover);
    free(r->warnings);
    for (size_t i = 0; i < r->n_paths; i++)
        free(r->path_list[i]);
    free(r->path_list);
    an_buf_free(&r->paths);
    an_arena_free(&r->arena);

    free(r->gaz);
    an_strmap_free(&r->gaz_ids);
    an_matcher_destroy(r->gazetteer);
    an_matcher_destroy(r->lists_m);
    an_strmap_free(&r->abbrevs);
    an_strmap_free(&r->surnames);
    free(r->by_surname);
    free(r->sn_multi);
    free(r->valids);
    an_strmap_free(&r->dict_ids);
    an_rules_free_relations(r);
    free(r);
}

/* The checks shared by load and load_string; ACTNET_OK to go on. */
static actnet_status load_allowed(actnet_rules *r, const void *arg,
                                  actnet_error *err)
{
    if (!r || !arg) {
        an_error_set(err, "", 0, 0, "no rule set or no path given");
        return ACTNET_ERR_USAGE;
    }
    if (r->poisoned)
        return refuse_poisoned(r, err);
    if (r->compiled) {
        an_error_set(err, "", 0, 0, "the rules are already compiled; load "
                     "every rule file before compiling");
        return ACTNET_ERR_USAGE;
    }
    return ACTNET_OK;
}

actnet_status actnet_rules_load(actnet_rules *r, const char *path,
                                actnet_error *err)
{
    actnet_status st = load_allowed(r, path, err);
    if (st != ACTNET_OK)
        return st;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        an_error_set(err, path, 0, 0, "cannot read rules: %s; check the "
                     "path", strerror(errno));
        st = ACTNET_ERR_IO;
    } else if (S_ISDIR(sb.st_mode)) {
        dir_id ids[AN_RULES_MAX_DIR_DEPTH];
        size_t nfiles = 0;
        ids[0].dev = sb.st_dev;
        ids[0].ino = sb.st_ino;
        st = load_dir(r, path, ids, 1, &nfiles, err);
        if (st == ACTNET_OK && nfiles == 0) {
            an_error_set(err, path, 0, 0, "no rule files (*.yaml, *.yml or "
                         "dictionaries: *.actors, *.agents, *.verbs) in this "
                         "directory; check the path");
            st = ACTNET_ERR_RULES;
        }
    } else {
        st = load_file(r, path, err);
    }
    if (st != ACTNET_OK)
        poison(r);
    return st;
}

actnet_status actnet_rules_load_string(actnet_rules *r, const char *name,
                                       const char *yaml, size_t len,
                                       actnet_error *err)
{
    actnet_status st = load_allowed(r, yaml, err);
    if (st != ACTNET_OK)
        return st;
    st = load_buffer(r, name ? name : "<string>", yaml, len, err);
    if (st != ACTNET_OK)
        poison(r);
    return st;
}

/* ---- compile ------------------------------------------------------- */

static actnet_status cfail(actnet_error *err, const an_loc *loc,
                           const char *fmt, ...) AN_PRINTF(3, 4);

static actnet_status cfail(actnet_error *err, const an_loc *loc,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    an_error_vset(err, loc->path, loc->line, loc->col, fmt, ap);
    va_end(ap);
    return ACTNET_ERR_RULES;
}

static actnet_status cnomem(actnet_error *err)
{
    an_error_set(err, "", 0, 0, "out of memory while compiling rules");
    return ACTNET_ERR_NOMEM;
}

/*
 * Registers id (defined at loc) in map, whose values index locs;
 * a second definition is an error naming the first.
 */
static actnet_status unique_id_h(an_strmap *map, const an_loc **locs,
                                 size_t *n, const char *id, size_t len,
                                 uint64_t h, const an_loc *loc,
                                 const char *what, actnet_error *err)
{
    uint32_t old;
    int put = an_strmap_put_hashed(map, id, len, h, (uint32_t)*n, &old);
    if (put < 0)
        return cnomem(err);
    if (put == 0)
        return cfail(err, loc, "duplicate %s '%s' (first defined at %s:%d:%d);"
                     " %ss must be unique across all rule files — rename or "
                     "remove one", what, id, locs[old]->path, locs[old]->line,
                     locs[old]->col, what);
    locs[(*n)++] = loc;
    return ACTNET_OK;
}

static actnet_status unique_id(an_strmap *map, const an_loc **locs,
                               size_t *n, const char *id, const an_loc *loc,
                               const char *what, actnet_error *err)
{
    size_t len = strlen(id);
    return unique_id_h(map, locs, n, id, len, an_hash(id, len), loc, what,
                       err);
}

/* Entity or agent i (entities first) of the one id namespace. */
static const char *gaz_rule_id(const actnet_rules *r, size_t i,
                               const an_loc **loc)
{
    if (i < r->n_entities) {
        *loc = &r->entities[i].loc;
        return r->entities[i].id;
    }
    *loc = &r->agents[i - r->n_entities].loc;
    return r->agents[i - r->n_entities].id;
}

/* Entity and agent ids (one namespace), list names, pattern and relation
 * ids: each unique across all files.  The entity and agent ids stay in
 * r->gaz_ids (id -> index: entities in load order, then agents), which
 * is what the gazetteer's entity indices are. */
static actnet_status check_unique(actnet_rules *r, actnet_error *err)
{
    size_t most = r->n_entities + r->n_agents;
    if (r->n_lists > most)
        most = r->n_lists;
    if (r->n_patterns > most)
        most = r->n_patterns;
    if (r->n_relations > most)
        most = r->n_relations;
    const an_loc **locs = malloc((most ? most : 1) * sizeof(*locs));
    if (!locs)
        return cnomem(err);
    actnet_status st = ACTNET_OK;
    an_strmap map = {0};
    size_t n = 0, id_bytes = 0;
    for (size_t i = 0; i < r->n_entities; i++)
        id_bytes += strlen(r->entities[i].id);
    for (size_t i = 0; i < r->n_agents; i++)
        id_bytes += strlen(r->agents[i].id);
    an_strmap_free(&r->gaz_ids);
    if (an_strmap_reserve(&r->gaz_ids, r->n_entities + r->n_agents,
                          id_bytes))
        st = cnomem(err);
    /* each id hashed, and its slot fetched, a few ids ahead: with many
     * entities every insert is a cache miss, and so they overlap */
    enum { AHEAD = 8 };
    uint64_t hs[AHEAD];
    size_t lens[AHEAD], n_ids = r->n_entities + r->n_agents;
    const an_loc *loc;
    for (size_t i = 0; i < n_ids + AHEAD && st == ACTNET_OK; i++) {
        if (i >= AHEAD) {   /* id i - AHEAD, then id i in its place */
            size_t j = i - AHEAD;
            const char *id = gaz_rule_id(r, j, &loc);
            st = unique_id_h(&r->gaz_ids, locs, &n, id, lens[j % AHEAD],
                             hs[j % AHEAD], loc, "id", err);
        }
        if (i < n_ids) {
            const char *id = gaz_rule_id(r, i, &loc);
            lens[i % AHEAD] = strlen(id);
            hs[i % AHEAD] = an_hash(id, lens[i % AHEAD]);
            an_strmap_prefetch(&r->gaz_ids, hs[i % AHEAD]);
        }
    }
    n = 0;
    for (size_t i = 0; i < r->n_lists && st == ACTNET_OK; i++)
        st = unique_id(&map, locs, &n, r->lists[i].name, &r->lists[i].loc,
                       "list name", err);
    an_strmap_free(&map);
    n = 0;
    for (size_t i = 0; i < r->n_patterns && st == ACTNET_OK; i++)
        st = unique_id(&map, locs, &n, r->patterns[i].id,
                       &r->patterns[i].loc, "pattern id", err);
    an_strmap_free(&map);
    n = 0;
    for (size_t i = 0; i < r->n_relations && st == ACTNET_OK; i++)
        st = unique_id(&map, locs, &n, r->relations[i].id,
                       &r->relations[i].loc, "relation id", err);
    an_strmap_free(&map);
    free(locs);
    return st;
}

/* Collects the strings of some items for suggest(); caller frees. */
static const char **collect_names(size_t n)
{
    return malloc((n ? n : 1) * sizeof(const char *));
}

/* Each entity's country names an entity of type country (looked up in
 * r->gaz_ids, built by check_unique: an agent's id names no entity). */
/* Checks that country (written at loc) names an entity of type country;
 * its index into *idx. */
static actnet_status check_country(actnet_rules *r, const char *country,
                                   const an_loc *loc, uint32_t *idx,
                                   actnet_error *err)
{
    actnet_status st = ACTNET_OK;
    const char **countries = NULL;
    size_t n_countries = 0;
    {
        uint32_t j;
        if (!an_strmap_get(&r->gaz_ids, country, strlen(country),
                           &j) || j >= r->n_entities) {
            /* the candidates for "did you mean", only now */
            countries = collect_names(r->n_entities);
            if (!countries) {
                st = cnomem(err);
                goto out;
            }
            for (size_t k = 0; k < r->n_entities; k++)
                if (r->entities[k].type == ACTNET_COUNTRY)
                    countries[n_countries++] = r->entities[k].id;
            const char *s = suggest(country, countries, n_countries);
            char hint[300] = "";
            if (s)
                snprintf(hint, sizeof(hint), " (did you mean '%s'?)", s);
            st = cfail(err, loc, "'country: %s' names no entity%s"
                       "; define an entity with id %s of type country",
                       country, hint, country);
            goto out;
        }
        if (r->entities[j].type != ACTNET_COUNTRY) {
            st = cfail(err, loc, "'country: %s' names a%s %s "
                       "(%s:%d:%d), not a country; 'country' takes the id "
                       "of an entity of type country", country,
                       r->entities[j].type == ACTNET_ORGANISATION ? "n" : "",
                       actnet_entity_type_name(r->entities[j].type),
                       r->entities[j].loc.path, r->entities[j].loc.line,
                       r->entities[j].loc.col);
            goto out;
        }
        *idx = j;
    }
out:
    free(countries);
    return st;
}

static actnet_status check_countries(actnet_rules *r, actnet_error *err)
{
    for (size_t i = 0; i < r->n_entities; i++) {
        an_entity_rule *e = &r->entities[i];
        uint32_t j;
        actnet_status st;
        if (e->country &&
            (st = check_country(r, e->country, &e->country_loc, &j, err)))
            return st;
        for (uint32_t k = 0; k < e->n_roles; k++) {
            an_role *ro = &e->roles[k];
            if (ro->country && (st = check_country(r, ro->country, &ro->loc,
                                                   &ro->country_idx, err)))
                return st;
        }
    }
    return ACTNET_OK;
}

/* Resolves one list reference to an index. */
static actnet_status resolve_list(actnet_rules *r, const an_strmap *lists,
                                  const char *name, const an_loc *loc,
                                  const char *pattern, size_t *out,
                                  actnet_error *err)
{
    uint32_t idx;
    if (an_strmap_get(lists, name, strlen(name), &idx)) {
        *out = idx;
        return ACTNET_OK;
    }
    const char **names = collect_names(r->n_lists);
    if (!names)
        return cnomem(err);
    for (size_t i = 0; i < r->n_lists; i++)
        names[i] = r->lists[i].name;
    const char *s = suggest(name, names, r->n_lists);
    char hint[300] = "";
    if (s)
        snprintf(hint, sizeof(hint), " (did you mean '%s'?)", s);
    free(names);
    return cfail(err, loc, "pattern '%s' uses list '%s', which is not "
                 "defined%s; define it under 'lists:' in any rule file",
                 pattern, name, hint);
}

/* Resolves the list names in names (an element's except or particles)
 * to *out, a new array of *n indices (once: a set *out is kept). */
static actnet_status resolve_lists(actnet_rules *r, const an_strmap *lists,
                                   const an_phrases *names,
                                   const char *pattern, size_t **out,
                                   size_t *n, actnet_error *err)
{
    if (names->n == 0 || *out)
        return ACTNET_OK;
    *out = malloc(names->n * sizeof(size_t));
    if (!*out)
        return cnomem(err);
    *n = names->n;
    actnet_status st = ACTNET_OK;
    for (size_t k = 0; k < names->n && st == ACTNET_OK; k++)
        st = resolve_list(r, lists, names->items[k].text,
                          &names->items[k].loc, pattern, &(*out)[k], err);
    return st;
}

static actnet_status resolve_patterns(actnet_rules *r, actnet_error *err)
{
    actnet_status st = ACTNET_OK;
    an_strmap lists = {0};
    for (size_t i = 0; i < r->n_lists; i++)
        if (an_strmap_put(&lists, r->lists[i].name, strlen(r->lists[i].name),
                          (uint32_t)i, NULL) < 0) {
            st = cnomem(err);
            goto out;
        }
    for (size_t i = 0; i < r->n_patterns && st == ACTNET_OK; i++) {
        an_pattern_rule *p = &r->patterns[i];
        for (size_t j = 0; j < p->n_elems && st == ACTNET_OK; j++) {
            an_pattern_elem *el = &p->elems[j];
            if (el->kind == AN_ELEM_LIST)
                st = resolve_list(r, &lists, el->list_name, &el->list_loc,
                                  p->id, &el->list, err);
            if (st == ACTNET_OK)
                st = resolve_lists(r, &lists, &el->except_names, p->id,
                                   &el->except, &el->n_except, err);
            if (st == ACTNET_OK)
                st = resolve_lists(r, &lists, &el->particle_names, p->id,
                                   &el->particles, &el->n_particles, err);
        }
    }
out:
    an_strmap_free(&lists);
    return st;
}

actnet_status actnet_rules_compile(actnet_rules *r, actnet_error *err)
{
    if (!r) {
        an_error_set(err, "", 0, 0, "no rule set given");
        return ACTNET_ERR_USAGE;
    }
    if (r->poisoned)
        return refuse_poisoned(r, err);
    if (r->compiled)
        return ACTNET_OK;
    actnet_status st = ACTNET_OK;
    /* Rules with relations need function words and a stemmer: written
     * for English before there was a language: section, they get the
     * default rules' one, built in. */
    if (r->n_relations && !r->has_language)
        st = load_buffer(r, "language.yaml (built into actnet)",
                         (const char *)an_builtin_language,
                         an_builtin_language_len, err);
    if (st == ACTNET_OK)
        st = check_unique(r, err);
    if (st == ACTNET_OK)
        st = check_countries(r, err);
    if (st == ACTNET_OK)
        st = resolve_patterns(r, err);
    if (st == ACTNET_OK)
        st = an_rules_build_gazetteer(r, err);
    if (st == ACTNET_OK)
        st = an_rules_build_relations(r, err);
    if (st != ACTNET_OK) {
        poison(r);
        return st;
    }
    r->compiled = 1;
    return ACTNET_OK;
}

size_t actnet_rules_warning_count(const actnet_rules *r)
{
    return r ? r->n_warnings : 0;
}

const actnet_error *actnet_rules_warning(const actnet_rules *r, size_t i)
{
    return r && i < r->n_warnings ? &r->warnings[i] : NULL;
}

size_t actnet_rules_entity_count(const actnet_rules *r)
{
    return r && r->compiled ? r->n_gaz : 0;
}

size_t actnet_rules_alias_count(const actnet_rules *r)
{
    return r && r->compiled ? r->n_alias_phrases : 0;
}

size_t actnet_rules_write_aliases(const actnet_rules *r, void *file)
{
    if (!r || !r->compiled || !r->gazetteer || !file)
        return 0;
    return an_matcher_write_phrases(r->gazetteer, file);
}

/* ------------------------------------------------------------------ */
/* Time queries (for the match and resolve stages)                      */

int an_rules_entity_valid(const actnet_rules *r, uint32_t g, int32_t date)
{
    if (!date || g >= r->n_entities)
        return 1;
    return an_valid_on(r->entities[g].valid, date);
}

int an_rules_entity_current(const actnet_rules *r, uint32_t g, int32_t date)
{
    if (!date || g >= r->n_entities)
        return 1;
    const an_entity_rule *e = &r->entities[g];
    if (!an_valid_on(e->valid, date))
        return 0;
    if (!e->dated_roles)
        return 1;
    for (uint32_t k = 0; k < e->n_roles; k++) {
        an_validity v = e->roles[k].valid;
        if ((v.from > AN_DATE_MIN || v.until < AN_DATE_MAX) &&
            an_valid_on(v, date))
            return 1;
    }
    return 0;
}

const an_role *an_rules_role_on(const actnet_rules *r, uint32_t g,
                                int32_t date)
{
    if (g >= r->n_entities)
        return NULL;
    const an_entity_rule *e = &r->entities[g];
    const an_role *fallback = NULL;
    for (uint32_t k = 0; k < e->n_roles; k++) {
        const an_role *ro = &e->roles[k];
        int dated = ro->valid.from > AN_DATE_MIN ||
                    ro->valid.until < AN_DATE_MAX;
        if (!dated) {
            if (!fallback)
                fallback = ro;
        } else if (date && an_valid_on(ro->valid, date)) {
            return ro;
        }
    }
    return fallback;
}

uint32_t an_rules_surname(const actnet_rules *r, const char *fold,
                          size_t len, int32_t date)
{
    uint32_t g;
    if (!an_strmap_get(&r->surnames, fold, len, &g) || g == UINT32_MAX)
        return UINT32_MAX;
    if (g < AN_SN_MULTI)
        return an_rules_entity_current(r, g, date) ? g : UINT32_MAX;
    if (!date)
        return UINT32_MAX;  /* several persons: none without a date */
    const uint32_t *m = r->sn_multi + (g - AN_SN_MULTI);
    uint32_t found = UINT32_MAX;
    for (uint32_t k = 1; k <= m[0]; k++) {
        if (!an_rules_entity_current(r, m[k], date))
            continue;
        if (found != UINT32_MAX)
            return UINT32_MAX;
        found = m[k];
    }
    return found;
}
