/*
 * partial.h — partial results: an aggregate (aggregate.h) written as
 * text by `actnet extract` and read back by `actnet merge`, so that a
 * corpus split into shards, each extracted anywhere (processes, machines,
 * a Hadoop or Spark job), merges into exactly the graph one `actnet
 * build` run over the whole corpus makes.
 *
 * The format ("actnet-partial", version 1) is specified in
 * doc/partial-format.md; in short, JSON Lines, one record per line,
 * UTF-8:
 *
 *   {"format":"actnet-partial","version":1,"network":"cooccurrence",
 *    "window":"sentence","window_tokens":0,"evidence":0,
 *    "evidence_bytes":600,"negated":false,"hedged":true,
 *    "collapse":false}
 *       the header: the options every partial of one merge must share
 *       (window is sentence, paragraph, document or tokens; negated:
 *       negated events counted; hedged: hedged events counted; collapse:
 *       one acts-on edge per actor and target)
 *   {"stats":{"documents":N,"dated":N,"bad_dates":N,"mentions":N,
 *    "first":YYYYMMDD,"last":YYYYMMDD,"events":N,"left_out":N}}
 *       corpus totals (dates as numbers, 0 = none)
 *   ["node",ID,LABEL,TYPE,COUNTRY,KIND,MENTIONS,DOCUMENTS,FIRST,LAST]
 *       TYPE is person, organisation or country; COUNTRY and KIND may be
 *       null; nodes are numbered from 0 in the order of their lines
 *   ["edge",A,B,WEIGHT,DOCUMENTS,FIRST,LAST,[[DOC,S1,S2,TEXT],...]]
 *       a co-occurrence edge between nodes A and B, with its evidence
 *       (document id, 0-based sentence numbers, text)
 *   ["relation",ID,LABEL,POLARITY,CLASS,SYMMETRIC]
 *       relations are numbered from 0 in the order of their lines
 *   ["act",ACTOR,TARGET,RELATION,WEIGHT,NEGATED,HEDGED,REVERSED,
 *    DOCUMENTS,FIRST,LAST,[[RELATION,WEIGHT],...],[[DOC,S1,S2,TEXT],...]]
 *       an acts-on edge; RELATION is -1 for a collapsed edge, whose
 *       relations and their weights are the list that follows
 *   {"end":{"nodes":N,"edges":N,"relations":N,"acts":N}}
 *       the last line: a partial without it (a cut file) is refused
 *
 * Nodes and relations come before the edges that name them.  Any other
 * record is refused (a later version would change the version number).
 * The writer sorts nodes and relations by id, edges by their ends' node
 * numbers (A < B), acts by actor, target and relation, and the parts of
 * a collapsed act by relation, so that equal counts give equal bytes
 * whatever the threads, the shards and the tree of merges behind them.
 */
#ifndef ACTNET_PARTIAL_H
#define ACTNET_PARTIAL_H

#include <stdio.h>

#include "actnet.h"
#include "net/aggregate.h"

#define AN_PARTIAL_VERSION 1

/*
 * Writes agg as a partial result to fp (which stays the caller's).
 * Returns ACTNET_OK, or ACTNET_ERR_IO / ACTNET_ERR_NOMEM with err filled.
 */
actnet_status an_partial_write(const an_agg *agg, FILE *fp,
                               actnet_error *err);

/*
 * Reads the partial result in fp (name is used in errors, with the line)
 * and adds it to *agg: when *agg is NULL, a new aggregate with the
 * partial's options is created (the caller destroys it, also on
 * failure); otherwise the partial's options must equal those of *agg
 * (else ACTNET_ERR_USAGE, err saying which option differs and how to
 * fix it).  The result is the same as an_agg_merge of the aggregate
 * that was written.  Returns ACTNET_OK, ACTNET_ERR_DATA (not a partial,
 * a bad record, a cut file), ACTNET_ERR_USAGE, ACTNET_ERR_IO or
 * ACTNET_ERR_NOMEM.
 */
actnet_status an_partial_read(an_agg **agg, FILE *fp, const char *name,
                              actnet_error *err);

#endif /* ACTNET_PARTIAL_H */
