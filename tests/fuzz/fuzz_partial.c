/*
 * fuzz_partial.c — libFuzzer target for `actnet merge`'s input: any bytes
 * as a partial result (doc/partial-format.md).  A partial is refused with
 * its name and line, or read; one that is read must write back a partial
 * that reads again and writes the same bytes (the writer sorts, so a
 * partial is a function of its counts), and must make a network that
 * writes as GraphML (a crafted collapsed edge once reached undefined
 * behaviour in the graph).  Memory streams only: no files.
 */
#define _GNU_SOURCE 1   /* fmemopen, open_memstream */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads a partial from size bytes at data into *c (NULL when refused);
 * the status.  Aborts on a broken promise of the reader. */
static actnet_status read_partial(const void *data, size_t size,
                                  actnet_counts **c)
{
    actnet_error err;
    actnet_error_clear(&err);
    *c = NULL;
    /* fmemopen refuses size 0: read an empty file from /dev/null */
    FILE *fp = size ? fmemopen((void *)data, size, "rb")
                    : fopen("/dev/null", "rb");
    if (!fp)
        abort();
    actnet_status st = actnet_counts_read_partial(c, fp, "p.partial", &err);
    fclose(fp);
    if (st != ACTNET_OK) {
        if (st == ACTNET_ERR_NOMEM || !err.message[0] ||
            strcmp(err.path, "p.partial") != 0)
            abort();   /* every refusal names the file and says why */
        actnet_counts_destroy(*c);
        *c = NULL;
    } else if (!*c) {
        abort();
    }
    return st;
}

/* The partial c writes, malloc'ed, its length in *len. */
static char *write_partial(const actnet_counts *c, size_t *len)
{
    char *buf = NULL;
    actnet_error err;
    FILE *fp = open_memstream(&buf, len);
    if (!fp || actnet_counts_write_partial(c, fp, &err) != ACTNET_OK ||
        fclose(fp))
        abort();
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    actnet_counts *c, *c2;
    if (read_partial(data, size, &c) != ACTNET_OK)
        return 0;
    size_t n1, n2;
    char *once = write_partial(c, &n1);
    if (read_partial(once, n1, &c2) != ACTNET_OK)
        abort();   /* what the writer writes the reader reads */
    char *twice = write_partial(c2, &n2);
    if (n1 != n2 || memcmp(once, twice, n1) != 0)
        abort();   /* and it is a fixed point */
    free(once);
    free(twice);
    actnet_counts_destroy(c2);

    actnet_network *net = NULL;
    actnet_error err;
    if (actnet_network_create(c, &net, &err) != ACTNET_OK)
        abort();
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp ||
        actnet_network_write(net, ACTNET_FORMAT_GRAPHML, fp, 1, &err) !=
            ACTNET_OK ||
        fclose(fp))
        abort();
    free(buf);
    actnet_network_destroy(net);
    return 0;
}
