/*
 * fuzz_graphml.c — libFuzzer target for `actnet rank`'s GraphML input:
 * any bytes read as GraphML (igraph's reader on libxml2, as rank reads
 * it), and a network that is read is analysed with every measure that
 * applies and the communities (Leiden, seeded), then written as GraphML
 * and JSON, the way rank and build would.  A network that cannot be read
 * is refused with a message, never a crash; a weight that is no number
 * above 0 is refused by the analysis with a message.
 */
#define _GNU_SOURCE 1   /* fmemopen, open_memstream */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_as(actnet_network *net, actnet_format f)
{
    char *buf = NULL;
    size_t len = 0;
    actnet_error err;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp || actnet_network_write(net, f, fp, 1, &err) != ACTNET_OK ||
        fclose(fp))
        abort();
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp)
        abort();
    actnet_network *net = NULL;
    actnet_error err;
    actnet_error_clear(&err);
    actnet_status st = actnet_network_read_graphml(fp, "n.graphml", &net,
                                                   &err);
    fclose(fp);
    if (st != ACTNET_OK) {
        if (net || st == ACTNET_ERR_NOMEM || !err.message[0])
            abort();
        return 0;
    }
    actnet_analyse_options o;
    actnet_analyse_options_init(&o);
    o.measures = ACTNET_MEASURES_ALL;
    actnet_error_clear(&err);
    st = actnet_network_analyse(net, &o, NULL, &err);
    if (st != ACTNET_OK && (st != ACTNET_ERR_DATA || !err.message[0]))
        abort();
    if (st == ACTNET_OK) {
        write_as(net, ACTNET_FORMAT_GRAPHML);
        write_as(net, ACTNET_FORMAT_JSON);
    }
    actnet_network_destroy(net);
    return 0;
}
