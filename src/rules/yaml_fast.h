/*
 * yaml_fast.h — a fast reader for the common shape of rule files (private;
 * used by the rule loader, rules.c).
 *
 * an_yaml_fast_parse reads a subset of YAML — block mappings and
 * sequences indented with spaces, one-line plain and quoted scalars,
 * one-line flow sequences and mappings, comments — and hands the caller
 * exactly the events libyaml would produce for it.  On the first thing
 * outside the subset it stops and says so; the caller then parses the
 * whole buffer again with libyaml.  See yaml_fast.c.
 */
#ifndef ACTNET_YAML_FAST_H
#define ACTNET_YAML_FAST_H

#include <stddef.h>
#include <yaml.h>

/*
 * Receives one event.  Scalar values point into the parsed buffer and
 * are not NUL-terminated (use data.scalar.length); nothing in the event
 * is owned by the receiver.  Returns 0 to go on, nonzero to receive no
 * more events (the buffer is still read to its end, see below).
 */
typedef int (*an_yaml_fast_fn)(void *ctx, const yaml_event_t *ev);

/*
 * Reads buf (len bytes) and passes its events to fn, from STREAM-START
 * to STREAM-END, until fn returns nonzero.  Returns 1 when the whole
 * buffer is in the subset: libyaml would have produced the same events
 * (type, start mark line and column, scalar value and style; no anchors,
 * tags or aliases) and no error.  Returns 0 when it is not; fn may have
 * received events up to that point, which the caller discards.  Allocates
 * nothing.
 */
int an_yaml_fast_parse(const char *buf, size_t len, an_yaml_fast_fn fn,
                       void *ctx);

#endif /* ACTNET_YAML_FAST_H */
