/*
 * cli.h — shared pieces of the actnet command-line tool (private to the
 * CLI, not part of the library).
 *
 * main.c parses the global part of the command line and dispatches to one
 * cmd_*.c file per subcommand.  The helpers here keep the subcommands
 * consistent: the same input options, the same way of loading rules, the
 * same diagnostics ("actnet: path:line:col: message" on stderr) and exit
 * codes (0 ok, 1 data or runtime error, 2 usage error).
 */
#ifndef ACTNET_CLI_H
#define ACTNET_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "actnet.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Options shared by every command that reads a corpus. */
typedef struct cli_common {
    const char **rules;        /* --rules PATH (repeatable); NULL-terminated */
    size_t n_rules;
    const char **globs;        /* --glob PATTERN (repeatable) */
    size_t n_globs;
    actnet_reader_options reader;
    int threads;               /* --threads N (0 = all cores) */
    int quiet;                 /* --quiet */
    int strict;                /* --strict: a bad document is an error */
    const char **inputs;       /* positional INPUT... (at least one) */
    size_t n_inputs;
    size_t n_skipped;          /* documents skipped so far */
    size_t n_repaired;         /* documents processed after a repair */
    uint32_t since, until;     /* --since / --until as YYYYMMDD, 0 = none */
    size_t n_out_of_period;    /* documents left out by since / until */
} cli_common;

/* Long-option ids for the shared options (values above any short option). */
enum {
    CLI_OPT_RULES = 1000, CLI_OPT_GLOB, CLI_OPT_TEXT_FIELD, CLI_OPT_ID_FIELD,
    CLI_OPT_DATE_FIELD, CLI_OPT_MAX_DOC, CLI_OPT_THREADS, CLI_OPT_QUIET,
    CLI_OPT_STRICT, CLI_OPT_STDIN_JSONL, CLI_OPT_SINCE, CLI_OPT_UNTIL,
    CLI_OPT_FIRST_COMMAND = 1100  /* commands number their own from here */
};

/*
 * The shared long options, terminated by a zero entry; commands copy them
 * into their own table with cli_merge_options.
 */
extern const struct option cli_common_options[];
/* Help text for the shared options, for each command's --help. */
extern const char cli_common_help[];

/* Sets defaults; finish frees what parse allocated. */
void cli_common_init(cli_common *c);
void cli_common_finish(cli_common *c);

/*
 * Builds a getopt_long table: the command's own options followed by the
 * shared ones.  Returns a malloc'ed array the caller frees, or NULL.
 */
struct option *cli_merge_options(const struct option *own);

/*
 * Handles one shared option returned by getopt_long.  Returns 1 if it was
 * a shared option (consumed), 0 if not, -1 on a bad value (already
 * reported; exit 2).
 */
int cli_common_option(cli_common *c, int opt, const char *arg);

/* Takes the positional arguments after getopt; -1 (reported) if none. */
int cli_common_inputs(cli_common *c, int argc, char **argv, int optind_);

/*
 * Loads and compiles the rules named by --rules, or the default rules.
 * Prints every error and (unless quiet) warning; returns NULL on failure.
 * The caller destroys the result.
 */
actnet_rules *cli_load_rules(const cli_common *c);

/* The default rules directory (installed, or the source tree when the
 * program runs from its build directory), or NULL if none exists. */
const char *cli_default_rules(void);

/*
 * A reader over the inputs; NULL (reported) on failure.  The caller
 * destroys it.
 */
actnet_reader *cli_open_reader(const cli_common *c);
/*
 * What kind of network file path is ("GraphML", "GEXF", "DOT", "GML",
 * "JSON (node-link)", "actnet partial"; static strings), by its name or
 * its first 4 KiB, or NULL when it is not a regular file that looks like
 * one.  cli_open_reader refuses such inputs (networks are not articles).
 */
const char *cli_network_file(const char *path);

/*
 * Reports a skipped document and decides what to do: returns 0 to go on,
 * -1 to stop (under --strict).  Counts skips for cli_report_summary.
 */
int cli_document_error(cli_common *c, actnet_status st,
                       const actnet_error *err);
/*
 * Call after a document was read and run through the extractor: reports
 * what had to be repaired in it (invalid UTF-8 bytes replaced by U+FFFD,
 * by the reader or the extractor; NUL bytes, which are read as spaces)
 * and counts it.  Returns 0 to go on (also when nothing was repaired),
 * -1 to stop (under --strict, reported).
 */
int cli_document_repaired(cli_common *c, const actnet_reader *r,
                          const actnet_extractor *ex,
                          const actnet_document *doc);
/*
 * The same from the counts, for a document processed away from its
 * reader (cli_run.c): reader_bad bytes repaired by the reader, where
 * its location then (as actnet_reader_repaired gives it; NULL = none),
 * ex_bad bytes repaired by the extractor.
 */
int cli_document_repaired_counts(cli_common *c, size_t reader_bad,
                                 const actnet_error *where, size_t ex_bad,
                                 const actnet_document *doc);
/*
 * The number (cli_run.c) of workers for --threads N: N, or for 0 (the default) the
 * number of processors this process may run on; at least 1.
 */
size_t cli_run_workers(const cli_common *c);

/* Prints "actnet: N documents processed (R repaired), M skipped" when
 * something was skipped or repaired. */
void cli_report_summary(const cli_common *c, size_t docs);
/* A warning when --since / --until left no document (cli_report_summary
 * gives it too). */
void cli_report_period(const cli_common *c, size_t docs);

/* Diagnostics: "actnet: path:line:col: message" (parts omitted if empty). */
/*
 * Makes room for need elements of size bytes in the caller's array *ptr
 * of capacity *cap (grown geometrically; realloc'd, freed by the
 * caller).  0, or -1 when out of memory (then both are unchanged).
 */
int cli_reserve(void **ptr, size_t *cap, size_t need, size_t size);
#define CLI_RESERVE(arr, cap, need) \
    cli_reserve((void **)&(arr), &(cap), (need), sizeof(*(arr)))

void cli_print_error(const actnet_error *err);
void cli_print_warning(const actnet_error *err);
/*
 * "Did you mean": the candidate closest to word (case-insensitive edit
 * distance, a prefix counting as close), or NULL when none is within
 * about a third of word's length.  For messages about unknown names.
 */
const char *cli_suggest(const char *word, const char *const *cands,
                        size_t n);
/* " (did you mean 'X'?)" for cli_suggest's X into buf, or "" when there
 * is none; returns buf, for a message's %s. */
const char *cli_did_you_mean(char *buf, size_t size, const char *word,
                             const char *const *cands, size_t n);

/*
 * Prints one option of a --help text to fp: "  " opt, its text from
 * column 23 (on the next line when opt is too long), the text wrapped
 * into lines of at most 71 characters, as the hand-written help texts
 * mostly are (the spaces between two words on one line kept as written:
 * two after a full stop).  For texts assembled at run time (the format
 * lists of the table in write/); 0, or -1 when text is NULL.
 */
int cli_help_option(FILE *fp, const char *opt, const char *text);

/*
 * 1 while cli_run's progress line is on the screen (stderr, a terminal):
 * cli_errorf and the diagnostics erase it before they print.  Set and
 * read only by the thread that reads the documents and prints.
 */
extern int cli_progress_shown;

void cli_errorf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/*
 * Output files (cli_output.c): "-" is standard output; a regular file is
 * written to an unnamed temporary file (O_TMPFILE; a named ".NAME.XXXXXX"
 * where the file system has none) that replaces it, synced, only at
 * cli_output_commit, keeping the mode and owner of the file it replaces;
 * cli_output_abort leaves the target as it was.  A symbolic link is
 * followed (its target replaced, the link kept); devices, FIFOs and
 * /dev/stdout, /dev/fd/N are written through; a file with other hard
 * links, another owner or in an unwritable directory is rewritten in
 * place from a complete temporary copy.  A directory, a socket or a loop
 * of links is refused at open.  While a named temporary file exists, the
 * fatal signals that can be caught remove it before the program dies of
 * the signal; SIGXFSZ is ignored, so a file size limit makes the write
 * fail (EFBIG) and the output is abandoned cleanly.
 */
typedef struct cli_output {
    FILE *fp;
    char *path;      /* as given, NULL for stdout */
    char *final;     /* the name written: path with its links followed */
    char *tmp;       /* a named temporary file, or NULL */
    int kind;        /* how it is written (cli_output.c) */
    int target_fd;   /* the target, rewritten in place at commit */
    int err;         /* errno of the first failed write, 0 if none */
} cli_output;

/* Set once a failed write to standard output has been reported (main
 * does not report it again at exit). */
extern int cli_stdout_reported;

int cli_output_open(cli_output *o, const char *path);   /* 0 / -1 reported */
int cli_output_commit(cli_output *o);                   /* 0 / -1 reported */
void cli_output_abort(cli_output *o);
/*
 * 1 when a write to the output has failed (disk full, file too large,
 * closed pipe): the caller stops early and lets cli_output_commit report
 * it; 0 while all is well.  Cheap enough to call once per document.
 */
int cli_output_failed(cli_output *o);

/* The subcommands (cmd_*.c).  argv[0] is the command name. */
int cmd_entities(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_check_rules(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_extract(int argc, char **argv);   /* cmd_extract.c */
int cmd_merge(int argc, char **argv);     /* cmd_build.c */
int cmd_report(int argc, char **argv);    /* cmd_report.c */

#endif /* ACTNET_CLI_H */
