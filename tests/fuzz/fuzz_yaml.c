/*
 * fuzz_yaml.c — differential libFuzzer target for the rule loader's fast
 * YAML reader (src/rules/yaml_fast.c).  The fast reader promises that whenever
 * it accepts a whole buffer, libyaml would have produced exactly the same
 * events (type, start line and column, scalar value and style) and no
 * error.  Positions are compared on every event but the end events,
 * whose marks the loader never reads.  This target reads any bytes with both and aborts on the first
 * difference, so a wrong promise is a crash with the input that shows it.
 * Buffers the fast reader refuses are not compared: the loader reads
 * those with libyaml alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "rules/yaml_fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One event as both readers are compared on; the value points into the
 * input (fast reader) or into this record's own copy (libyaml). */
typedef struct ev {
    yaml_event_type_t type;
    size_t line, column;
    int style;
    const char *value;
    size_t length;
} ev;

typedef struct evs {
    ev *v;
    size_t n, cap;
} evs;

static int push(evs *e, const yaml_event_t *y)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        ev *nv = realloc(e->v, cap * sizeof(*nv));
        if (!nv)
            return -1;
        e->v = nv;
        e->cap = cap;
    }
    ev *x = &e->v[e->n++];
    memset(x, 0, sizeof(*x));
    x->type = y->type;
    x->line = y->start_mark.line;
    x->column = y->start_mark.column;
    if (y->type == YAML_SCALAR_EVENT) {
        x->style = (int)y->data.scalar.style;
        x->value = (const char *)y->data.scalar.value;
        x->length = y->data.scalar.length;
    }
    return 0;
}

static int collect(void *ctx, const yaml_event_t *y)
{
    return push(ctx, y) ? 1 : 0;
}

/* Reports the first difference and aborts. */
static void differ(size_t i, const ev *a, const ev *b)
{
    fprintf(stderr, "fuzz_yaml: event %zu differs: fast type %d at %zu:%zu "
            "'%.*s' (style %d), libyaml ", i, (int)a->type, a->line + 1,
            a->column + 1, (int)a->length, a->value ? a->value : "",
            a->style);
    if (b)
        fprintf(stderr, "type %d at %zu:%zu '%.*s' (style %d)\n",
                (int)b->type, b->line + 1, b->column + 1, (int)b->length,
                b->value ? b->value : "", b->style);
    else
        fprintf(stderr, "has no such event or failed\n");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ev none;
    evs fast = { 0 }, lib = { 0 };
    yaml_parser_t p;
    int parser = 0;
    if (!an_yaml_fast_parse((const char *)data, size, collect, &fast))
        goto out;
    if (!yaml_parser_initialize(&p))
        goto out;
    parser = 1;
    yaml_parser_set_input_string(&p, data, size);
    for (size_t i = 0;; i++) {
        yaml_event_t y;
        if (!yaml_parser_parse(&p, &y))
            differ(i, i < fast.n ? &fast.v[i] : &none, NULL);
        if (i >= fast.n) {
            ev extra;
            memset(&extra, 0, sizeof(extra));
            extra.type = y.type;
            differ(i, &extra, NULL);
        }
        const ev *a = &fast.v[i];
        /* the loader reads no position off an end event */
        int ends = y.type == YAML_SEQUENCE_END_EVENT ||
                   y.type == YAML_MAPPING_END_EVENT ||
                   y.type == YAML_DOCUMENT_END_EVENT ||
                   y.type == YAML_STREAM_END_EVENT;
        int same = a->type == y.type &&
                   (ends || (a->line == y.start_mark.line &&
                             a->column == y.start_mark.column));
        /* the fast reader never yields anchors, tags or aliases */
        if (y.type == YAML_ALIAS_EVENT ||
            (y.type == YAML_SCALAR_EVENT &&
             (y.data.scalar.anchor || y.data.scalar.tag)) ||
            (y.type == YAML_SEQUENCE_START_EVENT &&
             (y.data.sequence_start.anchor || y.data.sequence_start.tag)) ||
            (y.type == YAML_MAPPING_START_EVENT &&
             (y.data.mapping_start.anchor || y.data.mapping_start.tag)))
            same = 0;
        if (same && y.type == YAML_SCALAR_EVENT)
            same = a->style == (int)y.data.scalar.style &&
                   a->length == y.data.scalar.length &&
                   memcmp(a->value, y.data.scalar.value, a->length) == 0;
        if (!same) {
            ev b;
            memset(&b, 0, sizeof(b));
            if (push(&lib, &y) == 0)
                b = lib.v[lib.n - 1];
            differ(i, a, &b);
        }
        int end = y.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&y);
        if (end) {
            if (i + 1 != fast.n)
                differ(i + 1, &fast.v[i + 1], NULL);
            break;
        }
    }
out:
    if (parser)
        yaml_parser_delete(&p);
    free(fast.v);
    free(lib.v);
    return 0;
}
