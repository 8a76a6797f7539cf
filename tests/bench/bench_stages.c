/*
 * bench_stages.c — where the time of the text pipeline goes, stage by
 * stage, on one core: reading (the reader, from the page cache), segment,
 * match, resolve, relate and the co-occurrence / acts-on aggregation.
 * The whole corpus is first read into memory, so each stage is timed on
 * its own over the same documents (clock_gettime around each stage of each
 * document, in the thread's CPU time, which a busy machine disturbs less
 * than wall time).  Prints seconds, ns per byte and MB/s per stage, and
 * the token, sentence and mention counts, so a change to one stage can be
 * measured without the noise of the others.
 *
 * Built by meson (build/tests/bench_stages), not run as a test:
 *   build/tests/bench_stages [--rules DIR] [--repeat N] CORPUS.jsonl|DIR...
 * The figure that matters for the targets is the whole command
 * against grep, measured by tests/bench/bench.py; this one says which
 * stage to work on.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actnet.h"
#include "net/aggregate.h"
#include "config.h"
#include "extract/extract.h"
#include "extract/match.h"
#include "extract/relate.h"

enum { ST_READ, ST_SEGMENT, ST_MATCH, ST_RESOLVE, ST_RELATE, ST_AGG_CO,
       ST_AGG_ACT, ST_N };
static const char *const stage_names[ST_N] = {
    "read", "segment", "match", "resolve", "relate", "aggregate co",
    "aggregate acts"};

typedef struct doc_copy {
    char *id, *date, *text;
    size_t len;
} doc_copy;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int main(int argc, char **argv)
{
    const char *rules_dir = ACTNET_SOURCE_RULES_DIR;
    int repeat = 1, rc = 1;
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"repeat", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "r:n:", longopts, NULL)) != -1) {
        if (c == 'r')
            rules_dir = optarg;
        else if (c == 'n')
            repeat = atoi(optarg) > 0 ? atoi(optarg) : 1;
        else
            return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: bench_stages [--rules DIR] [--repeat N] "
                        "CORPUS...\n");
        return 2;
    }

    actnet_error err;
    actnet_rules *rules = actnet_rules_create();
    actnet_reader *rd = NULL;
    actnet_extractor *ex = NULL;
    an_agg *co = NULL, *act = NULL;
    doc_copy *docs = NULL;
    size_t n_docs = 0, cap_docs = 0, bytes = 0;
    double t[ST_N] = {0};

    if (!rules || actnet_rules_load(rules, rules_dir, &err) != ACTNET_OK ||
        actnet_rules_compile(rules, &err) != ACTNET_OK) {
        fprintf(stderr, "bench_stages: %s:%d:%d: %s\n", err.path, err.line,
                err.column, err.message);
        goto out;
    }
    actnet_reader_options ro;
    actnet_reader_options_init(&ro);
    rd = actnet_reader_create(&ro);
    for (int i = optind; rd && i < argc; i++)
        if (actnet_reader_add(rd, argv[i], &err) != ACTNET_OK) {
            fprintf(stderr, "bench_stages: %s: %s\n", err.path, err.message);
            goto out;
        }
    double t0 = now();
    for (;;) {
        actnet_document d;
        actnet_status st = actnet_reader_next(rd, &d, &err);
        if (st == ACTNET_DONE)
            break;
        if (st != ACTNET_OK)
            continue; /* a bad document: the CLI reports and skips it */
        if (n_docs == cap_docs) {
            cap_docs = cap_docs ? cap_docs * 2 : 4096;
            doc_copy *nd = realloc(docs, cap_docs * sizeof(*nd));
            if (!nd)
                goto out;
            docs = nd;
        }
        doc_copy *dc = &docs[n_docs++];
        dc->id = dup_or_null(d.id);
        dc->date = dup_or_null(d.date);
        dc->text = malloc(d.len + 1);
        if (!dc->text)
            goto out;
        memcpy(dc->text, d.text, d.len);
        dc->text[d.len] = '\0';
        dc->len = d.len;
        bytes += d.len;
    }
    t[ST_READ] = now() - t0;

    an_agg_options o;
    an_agg_options_init(&o);
    co = an_agg_create(&o);
    o.network = AN_NETWORK_ACTS_ON;
    act = an_agg_create(&o);
    ex = actnet_extractor_create(rules);
    if (!co || !act || !ex)
        goto out;

    size_t toks = 0, sents = 0, mentions = 0, events = 0;
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < n_docs; i++) {
            actnet_document d = {docs[i].id, docs[i].date, docs[i].text,
                                 docs[i].len};
            ex->doc = &d;
            ex->n_mentions = 0;
            ex->n_events = 0;
            ex->scratch.len = 0;
            double a = now();
            if (an_text_segment(&ex->text, d.text, d.len,
                                &rules->abbrevs))
                goto out;
            double b = now();
            if (an_match_document(ex))
                goto out;
            double c2 = now();
            if (an_resolve_document(ex))
                goto out;
            double e = now();
            if (an_relate_document(ex))
                goto out;
            double f = now();
            if (an_agg_add_document(co, ex, &d))
                goto out;
            double g = now();
            if (an_agg_add_document(act, ex, &d))
                goto out;
            double h = now();
            ex->doc = NULL;
            t[ST_SEGMENT] += b - a;
            t[ST_MATCH] += c2 - b;
            t[ST_RESOLVE] += e - c2;
            t[ST_RELATE] += f - e;
            t[ST_AGG_CO] += g - f;
            t[ST_AGG_ACT] += h - g;
            if (r == 0) {
                toks += ex->text.n_toks;
                sents += ex->text.n_sents;
                mentions += ex->n_mentions;
                events += ex->n_events;
            }
        }
    }

    double mb = (double)bytes / 1e6;
    printf("%zu documents, %.1f MB, %zu tokens, %zu sentences, %zu "
           "mentions, %zu events; %d pass(es)\n",
           n_docs, mb, toks, sents, mentions, events, repeat);
    printf("%-15s %9s %9s %9s %9s\n", "stage", "seconds", "ns/byte",
           "ns/token", "MB/s");
    for (int s = 0; s < ST_N; s++) {
        int reps = s == ST_READ ? 1 : repeat;
        double sec = t[s] / reps;
        printf("%-15s %9.3f %9.2f %9.1f %9.1f\n", stage_names[s], sec,
               sec * 1e9 / (double)bytes, sec * 1e9 / (double)toks,
               sec > 0 ? mb / sec : 0.0);
    }
    /* What build runs per document: co-occurrence skips relate. */
    double co_total = (t[ST_SEGMENT] + t[ST_MATCH] + t[ST_RESOLVE] +
                       t[ST_AGG_CO]) / repeat;
    double act_total = (t[ST_SEGMENT] + t[ST_MATCH] + t[ST_RESOLVE] +
                        t[ST_RELATE] + t[ST_AGG_ACT]) / repeat;
    printf("%-15s %9.3f %9.2f %9.1f %9.1f\n", "co-occurrence", co_total,
           co_total * 1e9 / (double)bytes, co_total * 1e9 / (double)toks,
           mb / co_total);
    printf("%-15s %9.3f %9.2f %9.1f %9.1f\n", "acts-on", act_total,
           act_total * 1e9 / (double)bytes, act_total * 1e9 / (double)toks,
           mb / act_total);
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "bench_stages: failed (out of memory or no "
                        "input)\n");
    for (size_t i = 0; i < n_docs; i++) {
        free(docs[i].id);
        free(docs[i].date);
        free(docs[i].text);
    }
    free(docs);
    actnet_extractor_destroy(ex);
    an_agg_destroy(co);
    an_agg_destroy(act);
    actnet_reader_destroy(rd);
    actnet_rules_destroy(rules);
    return rc;
}
