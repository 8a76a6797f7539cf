/*
 * cli.c — what every actnet subcommand shares: the input options, finding
 * and loading the rules, opening the reader, diagnostics in the
 * "actnet: path:line:col: message" form.  See cli.h (the output files
 * are cli_output.c's).
 */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "text/text.h"

const struct option cli_common_options[] = {
    {"rules", required_argument, NULL, CLI_OPT_RULES},
    {"glob", required_argument, NULL, CLI_OPT_GLOB},
    {"text-field", required_argument, NULL, CLI_OPT_TEXT_FIELD},
    {"id-field", required_argument, NULL, CLI_OPT_ID_FIELD},
    {"date-field", required_argument, NULL, CLI_OPT_DATE_FIELD},
    {"max-doc-size", required_argument, NULL, CLI_OPT_MAX_DOC},
    {"quiet", no_argument, NULL, CLI_OPT_QUIET},
    {"strict", no_argument, NULL, CLI_OPT_STRICT},
    {"stdin-jsonl", no_argument, NULL, CLI_OPT_STDIN_JSONL},
    {"threads", required_argument, NULL, CLI_OPT_THREADS},
    {"since", required_argument, NULL, CLI_OPT_SINCE},
    {"until", required_argument, NULL, CLI_OPT_UNTIL},
    {NULL, 0, NULL, 0}
};

const char cli_common_help[] =
    "Input and rules:\n"
    "  --rules PATH         rule file or directory (repeatable); default: the\n"
    "                       rules that ship with actnet\n"
    "  --glob PATTERN       file pattern for directories (repeatable); default:\n"
    "                       *.txt *.txt.gz *.jsonl *.jsonl.gz\n"
    "  --text-field NAME    JSON Lines field holding the text (default: text)\n"
    "  --id-field NAME      JSON Lines field holding the id (default: id)\n"
    "  --date-field NAME    JSON Lines field holding the date (default: date)\n"
    "  --stdin-jsonl        standard input (-) holds JSON Lines, not one text\n"
    "                       (without it, - is read as JSON Lines when its\n"
    "                       first line is a JSON object with the text field)\n"
    "  --since DATE, --until DATE\n"
    "                       only documents dated from / up to DATE\n"
    "                       (YYYY-MM-DD, both included); undated documents\n"
    "                       are then left out too\n"
    "  --max-doc-size SIZE  skip documents larger than SIZE bytes (K, M, G\n"
    "                       suffixes; default 64M)\n"
    "  --threads N          process documents on N threads (default: all\n"
    "                       cores); the output is the same for any N\n"
    "  --quiet              no warnings or progress on stderr\n"
    "  --strict             a bad document or a rules warning is an error\n"
    "                       (exit 1, no output)\n"
    "INPUT is a file, a directory (read recursively), or - for standard\n"
    "input.  Files ending in .gz are decompressed; .jsonl files hold one JSON\n"
    "document per line.  A plain file whose path contains a date YYYY-MM-DD\n"
    "is dated by it.\n";

static const char *progname = "actnet";

/* Case-insensitive Levenshtein distance of two short ASCII names, capped
 * at 64 characters (longer names are not typos of commands). */
static size_t name_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[65];
    if (la > 64 || lb > 64)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = tolower((unsigned char)a[i - 1]) ==
                       tolower((unsigned char)b[j - 1]);
            size_t best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *cli_did_you_mean(char *buf, size_t size, const char *word,
                             const char *const *cands, size_t n)
{
    const char *near = cli_suggest(word, cands, n);
    if (near && strcasecmp(near, word))
        snprintf(buf, size, " (did you mean '%s'?)", near);
    else if (size)
        buf[0] = '\0';
    return buf;
}

const char *cli_suggest(const char *word, const char *const *cands,
                        size_t n)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX, wl = strlen(word);
    size_t limit = wl < 4 ? 1 : wl / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = name_distance(word, cands[i]);
        /* "page" for "pagerank", "check" for "check-rules". */
        if (wl >= 3 && !strncasecmp(cands[i], word, wl))
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

int cli_progress_shown;

/* A message would be written after the progress line, on the same
 * screen line: erase the line first (the next tick draws it again). */
static void erase_progress(void)
{
    if (cli_progress_shown) {
        fputs("\r\033[K", stderr);
        cli_progress_shown = 0;
    }
}

int cli_help_option(FILE *fp, const char *opt, const char *text)
{
    enum { COL = 23, WIDTH = 71 };
    if (!text)
        return -1;
    int col = fprintf(fp, "  %s", opt);
    if (col + 1 > COL) {
        fputc('\n', fp);
        col = 0;
    }
    fprintf(fp, "%*s", COL - col, "");
    col = COL;
    int line_start = 1;
    for (const char *p = text; *p;) {
        size_t sp = strspn(p, " ");
        size_t n = strcspn(p + sp, " ");
        if (!n)
            break;
        if (!line_start && col + (int)(sp + n) > WIDTH) {
            fprintf(fp, "\n%*s", COL, "");
            col = COL;
            line_start = 1;
        }
        if (line_start)
            p += sp, sp = 0;   /* no spaces at a line's start */
        fprintf(fp, "%.*s", (int)(sp + n), p);
        col += (int)(sp + n);
        line_start = 0;
        p += sp + n;
    }
    fputc('\n', fp);
    return 0;
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    erase_progress();
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void print_diag(const char *kind, const actnet_error *err)
{
    erase_progress();
    fprintf(stderr, "%s: ", progname);
    if (err->path[0]) {
        fputs(err->path, stderr);
        if (err->line > 0) {
            fprintf(stderr, ":%d", err->line);
            if (err->column > 0)
                fprintf(stderr, ":%d", err->column);
        }
        fputs(": ", stderr);
    }
    if (kind)
        fprintf(stderr, "%s: ", kind);
    fprintf(stderr, "%s\n", err->message[0] ? err->message : "unknown error");
}

void cli_print_error(const actnet_error *err)
{
    print_diag(NULL, err);
}

void cli_print_warning(const actnet_error *err)
{
    print_diag("warning", err);
}

void cli_common_init(cli_common *c)
{
    memset(c, 0, sizeof(*c));
    actnet_reader_options_init(&c->reader);
}

void cli_common_finish(cli_common *c)
{
    free(c->rules);
    free(c->globs);
    free(c->inputs);
    memset(c, 0, sizeof(*c));
}

struct option *cli_merge_options(const struct option *own)
{
    size_t n_own = 0, n_common = 0;
    while (own && own[n_own].name)
        n_own++;
    while (cli_common_options[n_common].name)
        n_common++;
    struct option *all = calloc(n_own + n_common + 1, sizeof(*all));
    if (!all)
        return NULL;
    if (n_own)
        memcpy(all, own, n_own * sizeof(*all));
    memcpy(all + n_own, cli_common_options, n_common * sizeof(*all));
    return all;
}

/* Appends s to a NULL-terminated array of strings; 0 / -1. */
static int push_str(const char ***arr, size_t *n, const char *s)
{
    const char **p = realloc(*arr, (*n + 2) * sizeof(*p));
    if (!p)
        return -1;
    p[(*n)++] = s;
    p[*n] = NULL;
    *arr = p;
    return 0;
}

/* Parses "64M"-style sizes; 0 on success. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned long long mul = 1;
    switch (*end) {
    case 'k': case 'K': mul = 1ull << 10; end++; break;
    case 'm': case 'M': mul = 1ull << 20; end++; break;
    case 'g': case 'G': mul = 1ull << 30; end++; break;
    default: break;
    }
    if (*end || v == 0 || v > SIZE_MAX / mul)
        return -1;
    *out = (size_t)(v * mul);
    return 0;
}

int cli_common_option(cli_common *c, int opt, const char *arg)
{
    char *end;
    long v;

    switch (opt) {
    case CLI_OPT_RULES:
        return push_str(&c->rules, &c->n_rules, arg) ? -1 : 1;
    case CLI_OPT_GLOB:
        if (push_str(&c->globs, &c->n_globs, arg))
            return -1;
        c->reader.globs = c->globs;
        return 1;
    case CLI_OPT_TEXT_FIELD:
        c->reader.text_field = arg;
        return 1;
    case CLI_OPT_ID_FIELD:
        c->reader.id_field = arg;
        return 1;
    case CLI_OPT_DATE_FIELD:
        c->reader.date_field = arg;
        return 1;
    case CLI_OPT_MAX_DOC:
        if (parse_size(arg, &c->reader.max_doc_bytes)) {
            cli_errorf("--max-doc-size: '%s' is not a size such as 64M", arg);
            return -1;
        }
        return 1;
    case CLI_OPT_THREADS:
        errno = 0;
        v = strtol(arg, &end, 10);
        if (errno || *end || end == arg || v < 0 || v > 1024) {
            cli_errorf("--threads: '%s' is not a number from 0 to 1024", arg);
            return -1;
        }
        c->threads = (int)v;
        return 1;
    case CLI_OPT_QUIET:
        c->quiet = 1;
        return 1;
    case CLI_OPT_STRICT:
        c->strict = 1;
        return 1;
    case CLI_OPT_STDIN_JSONL:
        c->reader.stdin_jsonl = 1;
        return 1;
    case CLI_OPT_SINCE:
    case CLI_OPT_UNTIL: {
        uint32_t *d = opt == CLI_OPT_SINCE ? &c->since : &c->until;
        const char *name = opt == CLI_OPT_SINCE ? "--since" : "--until";
        if (strlen(arg) != 10 || actnet_date_parse(arg, d)) {
            cli_errorf("%s: '%s' is not a date YYYY-MM-DD such as "
                       "2020-08-09", name, arg);
            return -1;
        }
        if (c->since && c->until && c->since > c->until) {
            cli_errorf("--since is after --until: no document can be "
                       "in the period");
            return -1;
        }
        return 1;
    }
    default:
        return 0;
    }
}

int cli_common_inputs(cli_common *c, int argc, char **argv, int optind_)
{
    struct stat st;
    for (int i = optind_; i < argc; i++) {
        /* "--evidence 2": getopt leaves an optional value that is not
         * joined by '=' as an INPUT, which then does not exist (getopt
         * has moved the INPUTs to the end, so the order is lost) */
        const char *p = argv[i];
        while (*p >= '0' && *p <= '9')
            p++;
        if (*argv[i] && !*p && stat(argv[i], &st) != 0) {
            for (int j = 1; j < argc; j++)
                if (!strcmp(argv[j], "--evidence")) {
                    cli_errorf("'--evidence %s': write --evidence=%s (an "
                               "optional value takes '='); '%s' was read "
                               "as an INPUT", argv[i], argv[i], argv[i]);
                    return -1;
                }
        }
        if (push_str(&c->inputs, &c->n_inputs, argv[i]))
            return -1;
    }
    if (!c->n_inputs) {
        cli_errorf("no INPUT given: name files, directories or - for "
                   "standard input (see --help)");
        return -1;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when this program runs from the meson build tree it was built in. */
static int running_from_build_tree(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    size_t rl = strlen(ACTNET_BUILD_ROOT);
    return strncmp(exe, ACTNET_BUILD_ROOT, rl) == 0 && exe[rl] == '/';
}

const char *cli_default_rules(void)
{
    const char *env = getenv("ACTNET_RULES_DIR");
    if (env && *env)
        return env;
    if (running_from_build_tree() && is_dir(ACTNET_SOURCE_RULES_DIR))
        return ACTNET_SOURCE_RULES_DIR;
    if (is_dir(ACTNET_RULES_DIR))
        return ACTNET_RULES_DIR;
    if (is_dir(ACTNET_SOURCE_RULES_DIR))
        return ACTNET_SOURCE_RULES_DIR;
    return NULL;
}

actnet_rules *cli_load_rules(const cli_common *c)
{
    actnet_error err;
    actnet_rules *rules = actnet_rules_create();
    const char *def = NULL;

    if (!rules) {
        cli_errorf("out of memory");
        return NULL;
    }
    if (!c->n_rules) {
        def = cli_default_rules();
        if (!def) {
            cli_errorf("no default rules found (looked in %s and %s); give "
                       "rules with --rules PATH or set ACTNET_RULES_DIR",
                       ACTNET_RULES_DIR, ACTNET_SOURCE_RULES_DIR);
            goto fail;
        }
    }
    for (size_t i = 0; i < (def ? 1 : c->n_rules); i++) {
        actnet_error_clear(&err);
        if (actnet_rules_load(rules, def ? def : c->rules[i], &err)) {
            cli_print_error(&err);
            goto fail;
        }
    }
    actnet_error_clear(&err);
    if (actnet_rules_compile(rules, &err)) {
        cli_print_error(&err);
        goto fail;
    }
    size_t nw = actnet_rules_warning_count(rules);
    if (!c->quiet || c->strict)
        for (size_t i = 0; i < nw; i++)
            cli_print_warning(actnet_rules_warning(rules, i));
    if (c->strict && nw) {
        /* a dictionary's unreadable lines are warnings: --strict refuses
         * a rule set that did not load whole */
        cli_errorf("stopped (--strict): the rules have %zu warning%s", nw,
                   nw == 1 ? "" : "s");
        goto fail;
    }
    return rules;
fail:
    cli_errorf("rules refused; nothing was processed");
    actnet_rules_destroy(rules);
    return NULL;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && !strcasecmp(s + n - k, suffix);
}

/* The bytes from p on, past white space and // or # comment lines. */
static const char *skip_comments(const char *p)
{
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if ((p[0] == '/' && p[1] == '/') || p[0] == '#') {
            p = strchr(p, '\n');
            if (!p)
                return "";
            continue;
        }
        return p;
    }
}

const char *cli_network_file(const char *path)
{
    char head[4097];
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode))
        return NULL;
    if (has_suffix(path, ".graphml"))
        return "GraphML";
    if (has_suffix(path, ".gexf"))
        return "GEXF";
    if (has_suffix(path, ".dot") || has_suffix(path, ".gv"))
        return "DOT";
    if (has_suffix(path, ".gml"))
        return "GML";
    if (has_suffix(path, ".partial"))
        return "actnet partial";
    /* Other names: by their first 4 KiB, as a reader would tell them.
     * Article text does not begin with an XML prolog and a <graphml>
     * element, a DOT graph header or a node-link JSON object. */
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;   /* the reader reports it */
    size_t n = fread(head, 1, sizeof(head) - 1, fp);
    fclose(fp);
    head[n] = '\0';
    if (memchr(head, '\0', n))
        return NULL;   /* binary: the reader says what it is */
    const char *p = skip_comments(head);
    if (!strncmp(p, "<?xml", 5) || !strncmp(p, "<graphml", 8) ||
        !strncmp(p, "<gexf", 5)) {
        if (strstr(p, "<graphml"))
            return "GraphML";
        if (strstr(p, "<gexf"))
            return "GEXF";
        return NULL;
    }
    const char *q = p;
    if (!strncmp(q, "strict", 6) && isspace((unsigned char)q[6]))
        q = skip_comments(q + 6);
    if (!strncmp(q, "digraph", 7) || !strncmp(q, "graph", 5)) {
        const char *eol = strchr(q, '\n');
        const char *brace = strchr(q, '{');
        if (brace && (!eol || brace < eol))
            return "DOT";
    }
    if (*p == '{' && strstr(p, "\"format\":\"actnet-partial\""))
        return "actnet partial";
    /* node-link JSON (networkx, d3, actnet): an object with a "nodes"
     * array near its start ("links" may come megabytes later) */
    for (const char *k = *p == '{' && !has_suffix(path, ".jsonl") ? strstr(p, "\"nodes\"") : NULL; k;
         k = strstr(k + 7, "\"nodes\"")) {
        const char *v = skip_comments(k + 7);
        if (*v == ':' && *skip_comments(v + 1) == '[')
            return "JSON (node-link)";
    }
    return NULL;
}

actnet_reader *cli_open_reader(const cli_common *c)
{
    actnet_error err;
    for (size_t i = 0; i < c->n_inputs; i++) {
        const char *kind = cli_network_file(c->inputs[i]);
        if (!kind)
            continue;
        /* Read as text it would give nonsense mentions: refuse it. */
        if (!strcmp(kind, "actnet partial"))
            cli_errorf("%s: an actnet partial result, not article text; "
                       "combine partials with actnet merge %s ...",
                       c->inputs[i], c->inputs[i]);
        else if (!strcmp(kind, "GraphML"))
            cli_errorf("%s: a GraphML network, not article text; rank "
                       "its nodes with actnet rank %s (the commands that "
                       "read articles refuse networks)", c->inputs[i],
                       c->inputs[i]);
        else
            cli_errorf("%s: a %s network, not article text; actnet reads "
                       "networks only as GraphML (actnet rank FILE.graphml:"
                       " write one with actnet build ARTICLES -o "
                       "FILE.graphml)", c->inputs[i], kind);
        return NULL;
    }
    actnet_reader *r = actnet_reader_create(&c->reader);
    if (!r) {
        cli_errorf("out of memory");
        return NULL;
    }
    for (size_t i = 0; i < c->n_inputs; i++) {
        actnet_error_clear(&err);
        if (actnet_reader_add(r, c->inputs[i], &err)) {
            cli_print_error(&err);
            actnet_reader_destroy(r);
            return NULL;
        }
    }
    return r;
}

int cli_document_error(cli_common *c, actnet_status st,
                       const actnet_error *err)
{
    c->n_skipped++;
    if (c->strict) {
        cli_print_error(err);
        cli_errorf("stopped (--strict): a document could not be read; "
                   "nothing was written");
        return -1;
    }
    if (st == ACTNET_ERR_NOMEM) {
        cli_print_error(err);
        return -1;
    }
    if (!c->quiet) {
        actnet_error e = *err;
        size_t l = strlen(e.message);
        snprintf(e.message + l, sizeof(e.message) - l, "; skipped");
        cli_print_error(&e);
    }
    return 0;
}

int cli_document_repaired(cli_common *c, const actnet_reader *r,
                          const actnet_extractor *ex,
                          const actnet_document *doc)
{
    actnet_error where;
    size_t rd = actnet_reader_repaired(r, &where);
    return cli_document_repaired_counts(c, rd, &where,
                                        actnet_extractor_repaired(ex), doc);
}

int cli_document_repaired_counts(cli_common *c, size_t reader_bad,
                                 const actnet_error *where, size_t ex_bad,
                                 const actnet_document *doc)
{
    actnet_error e;
    size_t bad = reader_bad + ex_bad;
    size_t nul = 0;
    for (const char *p = doc->text, *end = doc->text + doc->len;
         p && (p = memchr(p, '\0', (size_t)(end - p))) != NULL; p++)
        nul++;
    if (!bad && !nul)
        return 0;
    if (where)
        e = *where;
    else
        actnet_error_clear(&e);

    /* "FILE:LINE: document 'ID': ..." when the id is not the location */
    char what[1400] = "", here[1040];
    if (e.line > 0)
        snprintf(here, sizeof(here), "%s:%d", e.path, e.line);
    else
        snprintf(here, sizeof(here), "%s", e.path);
    if (!e.path[0]) {
        snprintf(e.path, sizeof(e.path), "%s", doc->id);
    } else if (strcmp(here, doc->id) != 0) {
        snprintf(what, sizeof(what), "document '%s': ", doc->id);
    }
    size_t l = strlen(what);
    if (bad)
        snprintf(what + l, sizeof(what) - l, "%zu invalid UTF-8 byte%s "
                 "replaced by U+FFFD", bad, bad == 1 ? "" : "s");
    if (nul) {
        l = strlen(what);
        snprintf(what + l, sizeof(what) - l, "%s%zu NUL byte%s read as "
                 "space%s", bad ? ", " : "", nul, nul == 1 ? "" : "s",
                 nul == 1 ? "" : "s");
    }
    if (c->strict) {
        snprintf(e.message, sizeof(e.message), "not clean UTF-8 text: %s",
                 what);
        cli_print_error(&e);
        cli_errorf("stopped (--strict): a document is not clean UTF-8 "
                   "text; nothing was written");
        return -1;
    }
    c->n_repaired++;
    if (!c->quiet) {
        snprintf(e.message, sizeof(e.message), "%s; processed", what);
        cli_print_warning(&e);
    }
    return 0;
}

void cli_report_period(const cli_common *c, size_t docs)
{
    char from[24] = "", to[24] = "";
    if ((!c->since && !c->until) || c->quiet || docs)
        return;
    if (c->since)
        snprintf(from, sizeof(from), "%04u-%02u-%02u", c->since / 10000,
                 c->since / 100 % 100, c->since % 100);
    if (c->until)
        snprintf(to, sizeof(to), "%04u-%02u-%02u", c->until / 10000,
                 c->until / 100 % 100, c->until % 100);
    cli_errorf("warning: no document is dated %s%s%s%s (%zu left out by --since / "
              "--until)", c->since ? "from " : "", from,
              c->until ? (c->since ? " to " : "up to ") : "", to,
              c->n_out_of_period);
}

void cli_report_summary(const cli_common *c, size_t docs)
{
    cli_report_period(c, docs);
    if ((!c->n_skipped && !c->n_repaired) || c->quiet)
        return;
    char repaired[64] = "";
    if (c->n_repaired)
        snprintf(repaired, sizeof(repaired), " (%zu repaired)",
                 c->n_repaired);
    cli_errorf("%zu document%s processed%s, %zu skipped (see the messages "
               "above)", docs, docs == 1 ? "" : "s", repaired, c->n_skipped);
}

int cli_reserve(void **ptr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (n > SIZE_MAX / size)
        return -1;
    void *p = realloc(*ptr, n * size);
    if (p == NULL)
        return -1;
    *ptr = p;
    *cap = n;
    return 0;
}
