/*
 * main.c — the actnet command-line tool: global options (--help,
 * --version) and dispatch to one subcommand per cmd_*.c file.
 *
 * Exit status: 0 ok, 1 data or runtime error, 2 usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"
#include "cli/cli_graph.h"
#include "net/graph.h"
#include "write/write.h"

static const char usage[] =
    "Usage: actnet COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Turns news articles into actor networks.\n"
    "\n"
    "Commands:\n"
    "  build INPUT... -o FILE    extract entities and write the network\n"
    "                            (%s)\n"
    "  rank INPUT...             the most central entities (PageRank,\n"
    "                            degree, betweenness, ...) of a corpus or\n"
    "                            of a GraphML file written by build\n"
    "  entities INPUT...         every entity mention with its position\n"
    "                            (%s)\n"
    "  events INPUT...           every acts-on event (actor, relation,\n"
    "                            target) with its sentence\n"
    "  check-rules PATH...       validate rule files\n"
    "  extract INPUT...          the counts of build as a partial result,\n"
    "                            for corpora split into shards\n"
    "  merge PARTIAL... -o FILE  the network of the partials' documents\n"
    "  report INPUT... -o FILE   an HTML page of both networks, to open in\n"
    "                            a browser (clickable, with the evidence)\n"
    "\n"
    "Run 'actnet COMMAND --help' or 'actnet help COMMAND' for the options\n"
    "of a command, 'man actnet' for all of them.\n"
    "Options: --help, --version.\n";

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"build", cmd_build},
    {"rank", cmd_rank},
    {"entities", cmd_entities},
    {"events", cmd_events},
    {"check-rules", cmd_check_rules},
    {"extract", cmd_extract},
    {"merge", cmd_merge},
    {"report", cmd_report},
};

/* The usage text with the format lists of the table in write/. */
static void print_usage(FILE *fp)
{
    an_buf exts = {0}, titles = {0};
    if (an_format_list(&exts, AN_WRITES_NETWORK, AN_FL_EXTS, " ", NULL) ||
        an_buf_putc(&exts, 0) ||
        an_format_list(&titles, AN_WRITES_MENTIONS, AN_FL_TITLES, ", ",
                       " or ") ||
        an_buf_putc(&titles, 0))
        fputs("actnet: out of memory\n", stderr);
    else
        fprintf(fp, usage, exts.data, titles.data);
    an_buf_free(&exts);
    an_buf_free(&titles);
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_USAGE;
    }
    size_t n_cmd = sizeof(commands) / sizeof(commands[0]);
    const char *names[sizeof(commands) / sizeof(commands[0])];
    for (size_t i = 0; i < n_cmd; i++)
        names[i] = commands[i].name;
    /* "actnet help build" is "actnet build --help". */
    char help_opt[] = "--help";
    char *help_argv[4] = {argv[0], NULL, help_opt, NULL};
    if (!strcmp(argv[1], "help") && argc > 2) {
        help_argv[1] = argv[2];
        argv = help_argv;
        argc = 3;
    } else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
               !strcmp(argv[1], "help")) {
        print_usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("actnet %s\n", ACTNET_VERSION);
        return CLI_OK;
    }
    /* igraph: attribute table and a non-aborting error handler, once. */
    an_graph_setup_igraph();
    for (size_t i = 0; i < n_cmd; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            /* getopt names argv[0] in its messages: "actnet: unrecognized
             * option", like every other message. */
            char prog[] = "actnet";
            argv[1] = prog;
            return commands[i].run(argc - 1, argv + 1);
        }
    const char *near = cli_suggest(argv[1], names, n_cmd);
    if (near)
        cli_errorf("unknown command '%s'; did you mean '%s'? (the commands "
                   "are listed by actnet --help)", argv[1], near);
    else
        cli_errorf("unknown command '%s'; the commands are build, rank, "
                   "entities, events, check-rules, extract, merge and report "
                   "(see actnet --help)",
                   argv[1]);
    return CLI_USAGE;
}

/* Whatever a command printed (--help, --version, check-rules' listings)
 * must have reached standard output: a failed write (a full disk,
 * /dev/full) is an error, not exit 0.  A closed pipe stays quiet, as in
 * coreutils; an error cli_output_commit reported is not reported twice. */
int main(int argc, char **argv)
{
    int rc = run(argc, argv);
    errno = 0;
    if ((fflush(stdout) || ferror(stdout)) && !cli_stdout_reported) {
        if (errno != EPIPE)
            cli_errorf("standard output: %s",
                       strerror(errno ? errno : EIO));
        if (rc == CLI_OK)
            rc = CLI_FAIL;
    }
    return rc;
}
