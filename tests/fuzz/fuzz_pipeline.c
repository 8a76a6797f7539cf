/*
 * fuzz_pipeline.c — libFuzzer target for the text pipeline (normalise ->
 * segment -> match -> resolve -> relate) with the default rules (or the
 * rules named by ACTNET_FUZZ_RULES): any bytes as a document.  Checks the
 * invariants every caller relies on: sentences in order and inside the
 * text, mentions in order, inside the text, on known entities, in known
 * sentences, events between known entities with a known relation.
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
    static unsigned runs;
    actnet_error err;
    actnet_document doc = {"fuzz", NULL, (const char *)data, size};
    /* run-time entities stay interned for the extractor's life: start
     * afresh now and then so that long runs stay within memory limits */
    if (++runs % 4096 == 0) {
        actnet_extractor_destroy(ex);
        ex = actnet_extractor_create(rules);
        if (!ex)
            abort();
    }
    if (actnet_extractor_run(ex, &doc, &err) != ACTNET_OK)
        return 0;
    size_t n = actnet_extractor_mention_count(ex);
    const actnet_mention *m = actnet_extractor_mentions(ex);
    size_t nsent = actnet_extractor_sentence_count(ex);
    size_t prev_end = 0;
    for (size_t i = 0; i < nsent; i++) {
        size_t s, e;
        actnet_extractor_sentence_span(ex, i, &s, &e);
        if (s > e || e > size || s < prev_end)
            abort();
        prev_end = e;
    }
    for (size_t i = 0; i < n; i++) {
        if (m[i].start >= m[i].end || m[i].end > size)
            abort();
        if (i && m[i].start < m[i - 1].end)
            abort();
        if (m[i].sentence >= nsent)
            abort();
        if (!actnet_extractor_entity(ex, m[i].entity))
            abort();
        if (m[i].tok_start >= m[i].tok_end)
            abort();
    }
    size_t nev = actnet_extractor_event_count(ex);
    const actnet_event *ev = actnet_extractor_events(ex);
    for (size_t i = 0; i < nev; i++) {
        if (!actnet_extractor_entity(ex, ev[i].actor) ||
            !actnet_extractor_entity(ex, ev[i].target) ||
            !actnet_rules_relation(rules, ev[i].relation))
            abort();
        if (ev[i].sentence >= nsent || ev[i].start >= ev[i].end ||
            ev[i].end > size)
            abort();
    }
    return 0;
}
