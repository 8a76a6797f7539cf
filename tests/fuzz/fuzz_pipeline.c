/*
 * fuzz_pipeline.c — libFuzzer target for the text pipeline (normalise ->
 * segment -> match -> resolve) with the default rules: any bytes as a
 * document.  Checks the invariants every caller relies on: mentions in
 * order, inside the text, on known entities, in known sentences.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "actnet.h"
#include "config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static actnet_rules *rules;
static actnet_extractor *ex;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    actnet_error err;
    const char *path = getenv("ACTNET_FUZZ_RULES");
    rules = actnet_rules_create();
    if (!rules ||
        actnet_rules_load(rules, path ? path : ACTNET_SOURCE_RULES_DIR,
                          &err) ||
        actnet_rules_compile(rules, &err))
        abort();
    ex = actnet_extractor_create(rules);
    if (!ex)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    actnet_error err;
    actnet_document doc = {"fuzz", NULL, (const char *)data, size};
    if (actnet_extractor_run(ex, &doc, &err) != ACTNET_OK)
        return 0;
    size_t n = actnet_extractor_mention_count(ex);
    const actnet_mention *m = actnet_extractor_mentions(ex);
    size_t nsent = actnet_extractor_sentence_count(ex);
    for (size_t i = 0; i < n; i++) {
        if (m[i].start >= m[i].end || m[i].end > size)
            abort();
        if (i && m[i].start < m[i - 1].end)
            abort();
        if (m[i].sentence >= nsent)
            abort();
        if (!actnet_extractor_entity(ex, m[i].entity))
            abort();
    }
    return 0;
}
