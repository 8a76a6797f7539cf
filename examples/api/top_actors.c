/*
 * top_actors.c — the smallest complete client of libactnet: it reads
 * articles, finds the actors the rules name, counts which of them are
 * mentioned in one sentence, and prints the actors ranked by PageRank in
 * that co-occurrence network, with their mentions.
 *
 *   cc top_actors.c $(pkg-config --cflags --libs actnet) -o top_actors
 *   ./top_actors "$(pkg-config --variable=rulesdir actnet)" articles/
 *
 * It is also what the test suite builds against an installed library
 * (tests/check_api_install.sh), so it must keep compiling with nothing
 * but <actnet.h> and pkg-config.
 */
#include <actnet.h>

#include <stdio.h>
#include <stdlib.h>

#define TOP 10

/* Prints err the way the actnet command does: path:line:col: message. */
static void report(const actnet_error *err)
{
    fprintf(stderr, "top_actors: %s", err->path);
    if (err->line > 0)
        fprintf(stderr, ":%d:%d", err->line, err->column);
    fprintf(stderr, "%s%s\n", err->path[0] ? ": " : "", err->message);
}

/* Loads and compiles the rules at path; NULL (reported) on failure. */
static actnet_rules *load_rules(const char *path)
{
    actnet_error err;
    actnet_rules *rules = actnet_rules_create();
    if (rules == NULL) {
        fprintf(stderr, "top_actors: out of memory\n");
        return NULL;
    }
    if (actnet_rules_load(rules, path, &err) != ACTNET_OK ||
        actnet_rules_compile(rules, &err) != ACTNET_OK) {
        report(&err);
        actnet_rules_destroy(rules);
        return NULL;
    }
    return rules;
}

/* Counts every readable document of paths into counts; a document that
 * cannot be read is reported and skipped.  0 on success. */
static int count_documents(const actnet_rules *rules, char **paths, int n,
                           actnet_counts *counts)
{
    actnet_error err;
    actnet_document doc;
    actnet_status st;
    int rc = 1;
    actnet_reader_options ro;
    actnet_reader_options_init(&ro);    /* *.txt, *.jsonl and their .gz */
    actnet_reader *reader = actnet_reader_create(&ro);
    actnet_extractor *ex = actnet_extractor_create(rules);
    if (reader == NULL || ex == NULL)
        goto out;
    for (int i = 0; i < n; i++)
        if (actnet_reader_add(reader, paths[i], &err) != ACTNET_OK) {
            report(&err);
            goto out;
        }
    while ((st = actnet_reader_next(reader, &doc, &err)) != ACTNET_DONE) {
        if (st == ACTNET_ERR_NOMEM)
            goto out;
        if (st != ACTNET_OK) {
            report(&err);       /* that document is skipped */
            continue;
        }
        if (actnet_extractor_run(ex, &doc, &err) != ACTNET_OK ||
            actnet_counts_add(counts, ex, &doc, &err) != ACTNET_OK) {
            report(&err);
            goto out;
        }
    }
    rc = 0;
out:
    actnet_extractor_destroy(ex);
    actnet_reader_destroy(reader);
    return rc;
}

/* Prints the TOP nodes of net by PageRank (computed here). */
static int print_top(actnet_network *net)
{
    actnet_error err;
    actnet_analyse_options ao;
    actnet_analyse_options_init(&ao);
    ao.measures = ACTNET_MEASURE_BIT(ACTNET_MEASURE_PAGERANK);
    if (actnet_network_analyse(net, &ao, NULL, &err) != ACTNET_OK) {
        report(&err);
        return 1;
    }
    size_t n = actnet_network_node_count(net);
    size_t label = actnet_network_attr_find(net, ACTNET_ATTR_NODE, "label");
    size_t mentions = actnet_network_attr_find(net, ACTNET_ATTR_NODE,
                                               "mentions");
    size_t rank = actnet_network_attr_find(net, ACTNET_ATTR_NODE,
                         actnet_measure_name(ACTNET_MEASURE_PAGERANK));
    /* a selection of the TOP best, enough for a handful of rows */
    size_t best[TOP], k = 0;
    for (size_t v = 0; v < n; v++) {
        double r = actnet_network_attr_number(net, ACTNET_ATTR_NODE, rank, v);
        size_t at = k < TOP ? k++ : TOP;
        while (at > 0 && actnet_network_attr_number(net, ACTNET_ATTR_NODE,
                                          rank, best[at - 1]) < r) {
            if (at < TOP)
                best[at] = best[at - 1];
            at--;
        }
        if (at < TOP)
            best[at] = v;
    }
    printf("%-32s %9s %8s\n", "actor", "pagerank", "mentions");
    for (size_t i = 0; i < k; i++)
        printf("%-32s %9.4f %8.0f\n",
               actnet_network_attr_string(net, ACTNET_ATTR_NODE, label,
                                          best[i]),
               actnet_network_attr_number(net, ACTNET_ATTR_NODE, rank,
                                          best[i]),
               actnet_network_attr_number(net, ACTNET_ATTR_NODE, mentions,
                                          best[i]));
    return 0;
}

int main(int argc, char **argv)
{
    actnet_error err;
    actnet_counts_options co;
    actnet_counts *counts = NULL;
    actnet_network *net = NULL;
    actnet_rules *rules = NULL;
    int rc = 1;
    if (argc < 3) {
        fprintf(stderr, "usage: top_actors RULES INPUT...\n");
        return 2;
    }
    rules = load_rules(argv[1]);
    if (rules == NULL)
        goto out;
    actnet_counts_options_init(&co);    /* co-occurrence in sentences */
    if (actnet_counts_create(&co, &counts, &err) != ACTNET_OK) {
        report(&err);
        goto out;
    }
    if (count_documents(rules, argv + 2, argc - 2, counts))
        goto out;
    /* the network takes the counts, also when it fails */
    actnet_status st = actnet_network_create(counts, &net, &err);
    counts = NULL;
    if (st != ACTNET_OK) {
        report(&err);
        goto out;
    }
    rc = print_top(net);
out:
    actnet_network_destroy(net);
    actnet_counts_destroy(counts);
    actnet_rules_destroy(rules);
    return rc;
}
