/*
 * cli_run.h — the corpus driver shared by the commands that read
 * documents (entities, events, build, extract): reads the inputs, runs
 * every document through an extractor on --threads N threads, and hands
 * each processed document to the command's callback.  Output bytes the
 * callback produces are written in input order, and every diagnostic
 * about a document (skipped, repaired, --strict) is printed in input
 * order too, so the output and the messages are the same for any N.
 *
 * With N = 1 everything runs on the calling thread, one document at a
 * time.  With N > 1 the calling thread reads documents into batches
 * (copies of their id, date and text) and N - 1 worker threads plus the
 * calling thread itself (whenever the queue is full) process them; each
 * worker has its own extractor and its own callback context (e.g. its
 * own aggregate, merged by the caller afterwards).  At most 4 N batches
 * are in flight, so memory stays bounded whatever the corpus size.
 *
 * On a terminal (stderr is a tty, no --quiet) long runs show a progress
 * line: documents, megabytes read, rate and, when the size of the input
 * is known, the percentage and the time left.
 */
#ifndef ACTNET_CLI_RUN_H
#define ACTNET_CLI_RUN_H

#include <stdio.h>

#include "actnet.h"
#include "cli/cli.h"
#include "core/util.h"

/*
 * Called on a worker thread for every document the extractor processed
 * without error: ctx is that worker's context, ex holds the document's
 * results, out collects the bytes to write for it (appended; written in
 * input order by the driver).  Returns 0, or -1 when out of memory.
 */
typedef int (*cli_doc_fn)(void *ctx, const actnet_extractor *ex,
                          const actnet_document *doc, an_buf *out);

typedef struct cli_run_spec {
    cli_doc_fn document;     /* required */
    void *const *ctx;        /* n_ctx contexts, one per worker */
    size_t n_ctx;            /* = the number of workers; see
                                cli_run_workers */
    cli_output *output;      /* where out bytes go, or NULL (no output) */
    const char *header;      /* written to output once the inputs are
                                open, or NULL */
    int events;              /* the callback needs acts-on events (else
                                the relate stage is skipped) */
} cli_run_spec;

/* cli_run_workers (cli.h): the number of workers for --threads. */

/*
 * Reads every input of c, runs each document through an extractor over
 * rules and spec->document.  *docs receives the number of documents
 * processed.  Returns CLI_OK, or CLI_FAIL after reporting (a document
 * refused under --strict, out of memory, a failed write is left for
 * cli_output_commit to report), or CLI_USAGE when an input cannot be
 * opened.
 */
int cli_run(cli_common *c, const actnet_rules *rules,
            const cli_run_spec *spec, size_t *docs);

/* ---- listing commands (entities, events) ---------------------------- */

/* The options of a command that lists items one per line. */
typedef struct cli_listing {
    int jsonl;               /* --format jsonl (default tsv) */
    int plover;              /* events --format plover (jsonl is set too) */
    int header;              /* TSV header row (--no-header clears it) */
    int explain;             /* --explain (only when the command has it) */
    const char *output;      /* -o FILE, or NULL for stdout */
} cli_listing;

/*
 * Parses the arguments of listing command name (the common options,
 * --format tsv|jsonl, --no-header, -o/--output, -h/--help and, when
 * with_explain, --explain) into c and o (o is initialised here).  Prints
 * help on --help: the command's text, its --format option (from the
 * format table in write/), help_opts, then the common options.  Returns
 * CLI_OK, -1 after --help (exit 0), or CLI_USAGE / CLI_FAIL after
 * reporting.
 */
int cli_listing_parse(int argc, char **argv, cli_common *c, cli_listing *o,
                      const char *name, const char *help,
                      const char *help_opts, int with_explain);

/*
 * Runs a listing command over c's inputs: document is called for each
 * document with ctx (shared read-only by all workers, so it must not be
 * written to), header (when not NULL) goes first in TSV with a header,
 * events says whether document needs acts-on events.  The output is
 * committed atomically and the summary reported.  Returns CLI_OK or
 * CLI_FAIL / CLI_USAGE after reporting.
 */
int cli_listing_run(cli_common *c, const actnet_rules *rules,
                    const cli_listing *o, cli_doc_fn document, void *ctx,
                    const char *header, int events);

/* ---- cheap output formatting into a buffer ------------------------- */

/* s[0..len) as a TSV field / a JSON string (encode.h), appended to b;
 * 0 / -1. */
int cli_buf_tsv_field(an_buf *b, const char *s, size_t len);
int cli_buf_json_string(an_buf *b, const char *s, size_t len);
/* Appends the decimal digits of v; 0 / -1. */
int cli_buf_uint(an_buf *b, uint64_t v);
int cli_buf_int(an_buf *b, int64_t v);
/* Appends the NUL-terminated s; 0 / -1. */
int cli_buf_str(an_buf *b, const char *s);

#endif /* ACTNET_CLI_RUN_H */
