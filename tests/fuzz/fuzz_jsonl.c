/*
 * fuzz_jsonl.c — libFuzzer target for the read stage, mainly the JSON
 * Lines reader: any bytes as a .jsonl file, read to the end four ways —
 * as JSON Lines with the default-sized limit, with a tiny limit (the
 * too-long-line path), gzip-compressed (.jsonl.gz, which must hand out
 * exactly the same documents), and as a plain .txt document.  Bad lines
 * must be reported and skipped, never crash the reader or stop it early.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "actnet.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path_jsonl[64], path_txt[64], path_gz[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    long pid = (long)getpid();
    snprintf(path_jsonl, sizeof(path_jsonl), "/tmp/actnet-fuzz-%ld.jsonl",
             pid);
    snprintf(path_txt, sizeof(path_txt), "/tmp/actnet-fuzz-%ld.txt", pid);
    snprintf(path_gz, sizeof(path_gz), "/tmp/actnet-fuzz-%ld.jsonl.gz",
             pid);
    return 0;
}

/* What one read of the input handed out: a digest to compare reads. */
typedef struct summary {
    size_t docs, errors;
    uint64_t hash;
} summary;

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return (h ^ n) * 1099511628211ull;
}

/* Reads path to the end with the given size limit; aborts on a broken
 * invariant.  The reader is created and destroyed here. */
static summary read_all(const char *path, size_t max, size_t size)
{
    summary s = {0, 0, 14695981039346656037ull};
    actnet_reader_options opts;
    actnet_reader_options_init(&opts);
    opts.max_doc_bytes = max;
    actnet_reader *r = actnet_reader_create(&opts);
    actnet_error err;
    if (!r || actnet_reader_add(r, path, &err))
        abort();
    /* every call either hands out a document, reports a line or ends:
     * there cannot be more calls than lines (+1) */
    for (size_t guard = 0;; guard++) {
        if (guard > size + 2)
            abort();
        actnet_document doc;
        actnet_error_clear(&err);
        actnet_status st = actnet_reader_next(r, &doc, &err);
        if (st == ACTNET_DONE)
            break;
        if (st == ACTNET_ERR_NOMEM || st == ACTNET_ERR_USAGE)
            abort();
        if (st != ACTNET_OK) {
            if (!err.message[0] || strcmp(err.path, path) != 0)
                abort();   /* every skip names the input and says why */
            s.errors++;
            continue;
        }
        /* (a repaired invalid byte becomes 3: U+FFFD) */
        if (!doc.id || !*doc.id || !doc.text || doc.len == 0 ||
            doc.len > 3 * max)
            abort();
        s.docs++;
        s.hash = mix(s.hash, doc.text, doc.len);
        if (doc.date)
            s.hash = mix(s.hash, doc.date, strlen(doc.date));
    }
    actnet_reader_destroy(r);
    return s;
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f))
        abort();
}

static void write_gz(const char *path, const uint8_t *data, size_t size)
{
    gzFile g = gzopen(path, "wb1");
    if (!g)
        abort();
    if (size && gzwrite(g, data, (unsigned)size) != (int)size)
        abort();
    if (gzclose(g) != Z_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(path_jsonl, data, size);
    write_gz(path_gz, data, size);

    summary plain = read_all(path_jsonl, 1 << 16, size);
    summary gz = read_all(path_gz, 1 << 16, size);
    if (plain.docs != gz.docs || plain.errors != gz.errors ||
        plain.hash != gz.hash)
        abort();   /* decompression must not change what is read */
    (void)read_all(path_jsonl, 64, size);

    if (rename(path_jsonl, path_txt))
        abort();
    summary txt = read_all(path_txt, 1 << 16, size);
    if (txt.docs + txt.errors != 1)
        abort();   /* a plain file is exactly one document, or skipped */
    unlink(path_txt);
    unlink(path_gz);
    return 0;
}
