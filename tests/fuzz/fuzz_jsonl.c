/*
 * fuzz_jsonl.c — libFuzzer target for the JSON Lines reader: any bytes
 * as a .jsonl file, read to the end.  Bad lines must be reported and
 * skipped, never crash the reader or stop it early.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actnet.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(path, sizeof(path), "/tmp/actnet-fuzz-%ld.jsonl",
             (long)getpid());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);

    actnet_reader_options opts;
    actnet_reader_options_init(&opts);
    opts.max_doc_bytes = 1 << 16;
    actnet_reader *r = actnet_reader_create(&opts);
    actnet_error err;
    if (!r || actnet_reader_add(r, path, &err))
        abort();
    for (size_t guard = 0; guard <= size + 1; guard++) {
        actnet_document doc;
        actnet_status st = actnet_reader_next(r, &doc, &err);
        if (st == ACTNET_DONE)
            break;
        if (st == ACTNET_ERR_NOMEM)
            abort();
        if (st == ACTNET_OK && (!doc.id || (doc.len && !doc.text)))
            abort();
    }
    actnet_reader_destroy(r);
    unlink(path);
    return 0;
}
