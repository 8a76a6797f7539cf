/*
 * cmd_check_rules.c — `actnet check-rules PATH...`: loads and compiles
 * rule files or directories exactly as the other commands would, prints
 * every error and warning with file:line:col, and a one-line summary.
 * With --strict, warnings (such as an alias shared by two entities) fail
 * the check too, which is how the shipped rules are tested.
 *
 * A user's rules usually extend the shipped ones (they name the default
 * countries and agents), so --with-defaults checks PATHs on top of the
 * default rules, as `--rules DEFAULTS --rules PATH` loads them, and
 * --where prints the folder the defaults are read from.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "actnet.h"
#include "cli/cli.h"

static const char help[] =
    "Usage: actnet check-rules [--with-defaults] [--strict] [--quiet] PATH...\n"
    "       actnet check-rules --where\n"
    "\n"
    "Validates rule files (or every *.yaml file of a directory) as one rule\n"
    "set: YAML syntax, keys, types, values, duplicate and unknown ids.\n"
    "The first error stops the check (file:line:col); every warning is\n"
    "listed.  Without PATH, checks the default rules.\n"
    "\n"
    "  --with-defaults  check PATH on top of the default rules, for files\n"
    "                   that extend them (name their countries, agents):\n"
    "                   as build --rules DEFAULTS --rules PATH loads them\n"
    "  --where          print the folder of the default rules and exit\n"
    "  --strict         warnings are errors too (exit 1)\n"
    "  --list-aliases   print every alias phrase, one per line, to stdout\n"
    "  --quiet          print only errors\n"
    "  -h, --help       this text\n"
    "\n"
    "Exit status: 0 valid, 1 invalid, 2 usage error.\n";

int cmd_check_rules(int argc, char **argv)
{
    static const struct option opts[] = {
        {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"list-aliases", no_argument, NULL, 'l'},
        {"with-defaults", no_argument, NULL, 'd'},
        {"where", no_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int strict = 0, quiet = 0, list = 0, with_def = 0, where = 0, c;
    int rc = CLI_FAIL;
    actnet_error err;
    actnet_rules *rules = NULL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': with_def = 1; break;
        case 'w': where = 1; break;
        case 's': strict = 1; break;
        case 'q': quiet = 1; break;
        case 'l': list = 1; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default:
            fputs(help, stderr);
            return CLI_USAGE;
        }
    }
    const char *def = NULL;
    if (optind == argc || with_def || where) {
        def = cli_default_rules();
        if (!def) {
            cli_errorf("no default rules found; set ACTNET_RULES_DIR to "
                       "their folder");
            return CLI_FAIL;
        }
    }
    if (where) {
        printf("%s\n", def);
        return CLI_OK;
    }
    if (with_def && optind == argc) {
        cli_errorf("--with-defaults needs the PATH of the rules to check on "
                   "top of the defaults");
        return CLI_USAGE;
    }
    rules = actnet_rules_create();
    if (!rules) {
        cli_errorf("out of memory");
        goto out;
    }
    /* The defaults first (alone when no PATH is given), then each PATH. */
    for (int i = def ? optind - 1 : optind; i < argc; i++) {
        const char *path = i < optind ? def : argv[i];
        actnet_error_clear(&err);
        if (actnet_rules_load(rules, path, &err)) {
            cli_print_error(&err);
            goto out;
        }
        if (i < optind && !with_def)
            break;
    }
    actnet_error_clear(&err);
    if (actnet_rules_compile(rules, &err)) {
        cli_print_error(&err);
        /* An unknown id in a user's files is most often one of the
         * defaults' (country: BLR): say how to check them together. */
        if (!def && strstr(err.message, "names no"))
            cli_errorf("if these files extend the default rules, check them "
                      "on top of them: actnet check-rules --with-defaults "
                      "PATH...");
        goto out;
    }
    size_t nw = actnet_rules_warning_count(rules);
    if (!quiet || strict)
        for (size_t i = 0; i < nw; i++)
            cli_print_warning(actnet_rules_warning(rules, i));
    if (strict && nw) {
        cli_errorf("%zu warning%s (--strict makes them errors)", nw,
                   nw == 1 ? "" : "s");
        goto out;
    }
    if (list)
        actnet_rules_write_aliases(rules, stdout);
    else if (!quiet)
        printf("rules ok: %zu entities and agents, %zu alias phrases, "
               "%zu warning%s\n", actnet_rules_entity_count(rules),
               actnet_rules_alias_count(rules), nw, nw == 1 ? "" : "s");
    rc = CLI_OK;
out:
    actnet_rules_destroy(rules);
    return rc;
}
