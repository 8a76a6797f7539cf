/*
 * test_parallel.c — determinism of the parallel driver and of sharding:
 * `actnet entities`, `events` and `build` (every output format) give
 * byte-identical output and messages with --threads 1, 2 and 3, and
 * `actnet extract` over three shards of a corpus followed by `actnet
 * merge` writes exactly the files of a single `build` run (and refuses
 * partials made with other options or cut short); merges nested into a
 * tree (`merge -o X.partial`) give the bytes of one `extract`.
 *
 * The corpus is made here from the bundled examples: thousands of JSON
 * Lines documents (so that many batches are in flight on several
 * threads), each built from paragraphs of the example articles, with
 * dates, a few undated ones, a line of bad JSON, an empty text and
 * invalid UTF-8 among them, plus a directory of plain files.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

static int valgrind;

/* ---- helpers ------------------------------------------------------------ */

/*
 * Runs actnet with args (NULL-terminated) in runner_tmp, standard input
 * from stdin_path (or /dev/null), standard output to runner_tmp/out_name
 * and standard error to runner_tmp/out_name.err.  Returns the exit status.
 */
static int run(const char *stdin_path, const char *out_name,
               const char *const *args)
{
    runner_opts o = {0};
    o.stdin_path = stdin_path;
    o.out_name = out_name;
    run_result r = runner_run_with(&o, args);
    int status = r.status;
    run_free(&r);
    return status;
}

/* Asserts that runner_tmp/a and runner_tmp/b exist and hold the same bytes. */
static void assert_same(const char *a, const char *b)
{
    char pa[4200], pb[4200];
    size_t la, lb;
    runner_path(pa, sizeof(pa), a);
    runner_path(pb, sizeof(pb), b);
    char *x = runner_slurp(pa, &la), *y = runner_slurp(pb, &lb);
    ck_assert_msg(x != NULL, "%s was not written", a);
    ck_assert_msg(y != NULL, "%s was not written", b);
    size_t i = 0;
    while (i < la && i < lb && x[i] == y[i])
        i++;
    ck_assert_msg(la == lb && i == la,
                  "%s and %s differ at byte %zu (%zu vs %zu bytes)", a, b,
                  i, la, lb);
    free(x);
    free(y);
}

/* Asserts that runner_tmp/name holds at least min bytes and contains s. */
static void assert_has(const char *name, size_t min, const char *s)
{
    char p[4200];
    size_t len;
    runner_path(p, sizeof(p), name);
    char *x = runner_slurp(p, &len);
    ck_assert_msg(x != NULL, "%s was not written", name);
    ck_assert_msg(len >= min, "%s has %zu bytes, expected at least %zu",
                  name, len, min);
    ck_assert_msg(!s || strstr(x, s), "%s does not contain '%s'", name, s);
    free(x);
}

/* ---- the corpus -------------------------------------------------------- */

/* The paragraphs of the example articles (malloc'ed, NUL-terminated). */
static char **paragraphs(size_t *n)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    char dir[4200];
    ck_assert_ptr_nonnull(root);
    snprintf(dir, sizeof(dir), "%s/examples", root);
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    char *names[64];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && nn < 64)
        if (strstr(de->d_name, ".txt"))
            names[nn++] = strdup(de->d_name);
    closedir(d);
    ck_assert_uint_gt(nn, 0);
    /* sorted, so the corpus is the same wherever readdir's order */
    for (size_t i = 1; i < nn; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    char **ps = NULL;
    size_t np = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[4400];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        free(names[i]);
        char *text = runner_slurp(path, NULL);
        ck_assert_ptr_nonnull(text);
        for (char *p = text; *p;) {
            char *e = strstr(p, "\n\n");
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len > 20) {
                ps = realloc(ps, (np + 1) * sizeof(*ps));
                ps[np++] = strndup(p, len);
            }
            p += len;
            while (*p == '\n')
                p++;
        }
        free(text);
    }
    ck_assert_uint_gt(np, 4);
    *n = np;
    return ps;
}

/* Document i's text: three to five paragraphs, chosen by i. */
static void doc_text(FILE *f, char **ps, size_t np, size_t i)
{
    size_t k = 3 + i % 3;
    for (size_t j = 0; j < k; j++) {
        if (j)
            fputs("\\n\\n", f);
        const char *p = ps[(i * 7 + j * 3) % np];
        /* json_string without its quotes */
        for (; *p; p++) {
            if (*p == '"' || *p == '\\')
                fprintf(f, "\\%c", *p);
            else if (*p == '\n')
                fputs("\\n", f);
            else
                fputc(*p, f);
        }
    }
}

/* runner_tmp/corpus.jsonl (ndocs documents and a few bad lines) and
 * runner_tmp/docs/ (some plain text files). */
static void make_corpus(size_t ndocs)
{
    size_t np;
    char **ps = paragraphs(&np);
    char path[4200];
    runner_path(path, sizeof(path), "corpus.jsonl");
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (size_t i = 0; i < ndocs; i++) {
        if (i == 37) {
            fputs("{\"id\": \"broken\", \"text\": \"no end\n", f);
            continue;
        }
        if (i == 501) {
            fputs("{\"id\": \"empty\", \"text\": \"  \"}\n", f);
            continue;
        }
        fprintf(f, "{\"id\": \"d%zu\"", i);
        if (i % 11)
            fprintf(f, ", \"date\": \"2020-%02zu-%02zu\"", 1 + i % 12,
                    1 + i % 28);
        fputs(", \"text\": \"", f);
        if (i == 600)   /* inside the 700 documents of a valgrind run */
            fputs("Bad \xff byte next to Lukashenko. ", f);
        doc_text(f, ps, np, i);
        fputs("\"}\n", f);
    }
    fclose(f);
    runner_path(path, sizeof(path), "docs");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    for (size_t i = 0; i < 40; i++) {
        char name[4300];
        snprintf(name, sizeof(name), "%s/2020-09-%02zu_%03zu.txt", path,
                 1 + i % 28, i);
        FILE *g = fopen(name, "w");
        ck_assert_ptr_nonnull(g);
        for (size_t j = 0; j < 2 + i % 4; j++)
            fprintf(g, "%s\n\n", ps[(i * 5 + j) % np]);
        fclose(g);
    }
    for (size_t i = 0; i < np; i++)
        free(ps[i]);
    free(ps);
}

static void setup(void)
{
    valgrind = runner_under_valgrind();
    runner_tmpdir("parallel");
    ck_assert_int_eq(chdir(runner_tmp), 0);
    /* enough documents for many batches on every thread (fewer under
     * valgrind, where each run is slow) */
    make_corpus(valgrind ? 700 : 3000);
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

/* ---- tests -------------------------------------------------------------- */

/* Runs `actnet CMD ARGS... --threads T INPUTS` for T = 1, 2, 3 and
 * asserts the same exit status, stdout and stderr. */
static int same_for_threads(const char *tag, const char *const *args)
{
    static const char *const threads[] = {"1", "2", "3"};
    int status0 = -1;
    char name0[64];
    for (size_t t = 0; t < 3; t++) {
        if (valgrind && t == 2)
            break;
        const char *argv[40];
        size_t n = 0;
        for (size_t i = 0; args[i]; i++)
            argv[n++] = args[i];
        argv[n++] = "--threads";
        argv[n++] = threads[t];
        argv[n] = NULL;
        char name[64];
        snprintf(name, sizeof(name), "%s-t%s", tag, threads[t]);
        int st = run(NULL, name, argv);
        if (t == 0) {
            status0 = st;
            snprintf(name0, sizeof(name0), "%s", name);
            continue;
        }
        ck_assert_msg(st == status0, "%s: exit %d with --threads %s, %d "
                      "with --threads 1", tag, st, threads[t], status0);
        char e0[80], e1[80];
        snprintf(e0, sizeof(e0), "%s.err", name0);
        snprintf(e1, sizeof(e1), "%s.err", name);
        assert_same(name0, name);
        assert_same(e0, e1);
    }
    return status0;
}

START_TEST(entities_same_for_any_threads)
{
    int st = same_for_threads("ent-tsv", (const char *[]){
        "entities", "corpus.jsonl", "docs", NULL});
    ck_assert_int_eq(st, 0);
    assert_has("ent-tsv-t1", 100000, "\tperson\tAlexander Lukashenko\t");
    /* the bad lines are reported (in input order), the rest processed */
    assert_has("ent-tsv-t1.err", 10, "corpus.jsonl:38");
    assert_has("ent-tsv-t1.err", 10, "invalid UTF-8");
    st = same_for_threads("ent-jsonl", (const char *[]){
        "entities", "--format", "jsonl", "corpus.jsonl", NULL});
    ck_assert_int_eq(st, 0);
    assert_has("ent-jsonl-t1", 100000, "\"via\":\"surname\"");
}
END_TEST

START_TEST(events_same_for_any_threads)
{
    int st = same_for_threads("ev-tsv", (const char *[]){
        "events", "--explain", "corpus.jsonl", "docs", NULL});
    ck_assert_int_eq(st, 0);
    assert_has("ev-tsv-t1", 10000, "\tsanction\t");
    st = same_for_threads("ev-jsonl", (const char *[]){
        "events", "--format", "jsonl", "--quiet", "corpus.jsonl", NULL});
    ck_assert_int_eq(st, 0);
    assert_has("ev-jsonl-t1", 10000, "\"relation\":");
}
END_TEST

/* --strict stops at the first bad document, whatever the threads. */
START_TEST(strict_same_for_any_threads)
{
    int st = same_for_threads("strict", (const char *[]){
        "entities", "--strict", "corpus.jsonl", NULL});
    ck_assert_int_eq(st, 1);
    assert_has("strict-t1.err", 10, "corpus.jsonl:38");
}
END_TEST

/* Every output file of `build -o ...` with --threads T (names get the
 * suffix -tT). */
static const char *const formats[] = {"graphml", "gexf", "dot", "json",
                                      "nodes.csv", "edges.csv"};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static void build_with(const char *tag, const char *threads,
                       const char *const *extra)
{
    char outs[N_FORMATS][128], csv[128], log[128];
    const char *argv[48];
    size_t n = 0;
    argv[n++] = "build";
    for (size_t i = 0; extra[i]; i++)
        argv[n++] = extra[i];
    for (size_t f = 0; f < N_FORMATS; f++) {
        if (strstr(formats[f], "csv"))
            continue;
        snprintf(outs[f], sizeof(outs[f]), "%s-t%s.%s", tag, threads,
                 formats[f]);
        argv[n++] = "-o";
        argv[n++] = outs[f];
    }
    snprintf(csv, sizeof(csv), "%s-t%s.csv", tag, threads);
    argv[n++] = "-o";
    argv[n++] = csv;
    argv[n++] = "--threads";
    argv[n++] = threads;
    argv[n++] = "corpus.jsonl";
    argv[n++] = "docs";
    argv[n] = NULL;
    snprintf(log, sizeof(log), "%s-t%s.log", tag, threads);
    ck_assert_int_eq(run(NULL, log, argv), 0);
}

/* runner_tmp/name's text with every "TAG-tT." made "TAG-t*." */
static char *err_without_names(const char *name, const char *tag,
                               const char *t)
{
    char path[4200], from[128];
    runner_path(path, sizeof(path), name);
    char *s = runner_slurp(path, NULL);
    ck_assert_ptr_nonnull(s);
    snprintf(from, sizeof(from), "%s-t%s.", tag, t);
    size_t fl = strlen(from), tl = strlen(tag) + 4;   /* "TAG-t*." */
    for (char *p = strstr(s, from); p; p = strstr(p, from)) {
        memmove(p + tl, p + fl, strlen(p + fl) + 1);
        memcpy(p + tl - 2, "*.", 2);
        p += tl;
    }
    return s;
}

static void assert_build_same(const char *tag, const char *t1,
                              const char *t2)
{
    for (size_t f = 0; f < N_FORMATS; f++) {
        char a[128], b[128];
        snprintf(a, sizeof(a), "%s-t%s.%s", tag, t1, formats[f]);
        snprintf(b, sizeof(b), "%s-t%s.%s", tag, t2, formats[f]);
        assert_same(a, b);
    }
    /* The messages are the same too, but for the names of the files
     * in the summary line, which hold the number of threads. */
    char a[128], b[128];
    snprintf(a, sizeof(a), "%s-t%s.log.err", tag, t1);
    snprintf(b, sizeof(b), "%s-t%s.log.err", tag, t2);
    char *ea = err_without_names(a, tag, t1), *eb = err_without_names(b, tag, t2);
    ck_assert_msg(!strcmp(ea, eb), "%s and %s differ:\n%s\n--\n%s", a, b,
                  ea, eb);
    free(ea);
    free(eb);
}

START_TEST(build_same_for_any_threads)
{
    static const char *const sentence[] = {"--evidence=2", NULL};
    static const char *const tokens[] = {"--window", "5", "--evidence",
                                         NULL};
    build_with("cooc", "1", sentence);
    build_with("cooc", "2", sentence);
    assert_build_same("cooc", "1", "2");
    assert_has("cooc-t1.graphml", 10000, "Lukashenko");
    build_with("tok", "1", tokens);
    build_with("tok", "2", tokens);
    assert_build_same("tok", "1", "2");
    if (!valgrind) {
        build_with("tok", "3", tokens);
        assert_build_same("tok", "1", "3");
    }
}
END_TEST

START_TEST(acts_on_same_for_any_threads)
{
    static const char *const acts[] = {"--network", "acts-on",
                                       "--evidence=2", NULL};
    build_with("acts", "1", acts);
    build_with("acts", "2", acts);
    assert_build_same("acts", "1", "2");
    assert_has("acts-t1.graphml", 10000, "sanction");
}
END_TEST

START_TEST(rank_same_for_any_threads)
{
    int st = same_for_threads("rank", (const char *[]){
        "rank", "--by", "pagerank,degree", "--top", "0", "--format", "tsv",
        "corpus.jsonl", "docs", NULL});
    ck_assert_int_eq(st, 0);
    assert_has("rank-t1", 1000, "lukashenko");
}
END_TEST

/* Splits corpus.jsonl into three shards s0.jsonl, s1.jsonl, s2.jsonl
 * (every third line, so each shard has documents from everywhere). */
static void make_shards(void)
{
    FILE *in = fopen("corpus.jsonl", "r"), *out[3];
    char name[32], *line = NULL;
    size_t cap = 0, i = 0;
    ck_assert_ptr_nonnull(in);
    for (int k = 0; k < 3; k++) {
        snprintf(name, sizeof(name), "s%d.jsonl", k);
        out[k] = fopen(name, "w");
        ck_assert_ptr_nonnull(out[k]);
    }
    while (getline(&line, &cap, in) > 0)
        fputs(line, out[i++ % 3]);
    free(line);
    fclose(in);
    for (int k = 0; k < 3; k++)
        fclose(out[k]);
}

/* `actnet extract OPTS` of the three shards (the third also reads the
 * plain files, and the second comes on standard input) into p0..p2 with
 * the given prefix; then `merge` writes every format under the name
 * TAG-merge, and a single `build` over everything TAG-t1. */
static void extract_merge(const char *tag, const char *const *opts)
{
    char path[3][64], s1[4200];
    for (int k = 0; k < 3; k++) {
        const char *argv[32];
        size_t n = 0;
        char shard[32];
        snprintf(shard, sizeof(shard), "s%d.jsonl", k);
        snprintf(path[k], sizeof(path[k]), "%s-p%d", tag, k);
        argv[n++] = "extract";
        argv[n++] = "--quiet";
        for (size_t i = 0; opts[i]; i++)
            argv[n++] = opts[i];
        if (k == 1) {
            argv[n++] = "--stdin-jsonl";
            argv[n++] = "-";
        } else {
            argv[n++] = shard;
        }
        if (k == 2)
            argv[n++] = "docs";
        argv[n] = NULL;
        runner_path(s1, sizeof(s1), "s1.jsonl");
        ck_assert_int_eq(run(k == 1 ? s1 : NULL, path[k], argv), 0);
        assert_has(path[k], 1000, "{\"format\":\"actnet-partial\"");
    }
    char outs[N_FORMATS][128], csv[128], log[128];
    const char *argv[48];
    size_t n = 0;
    argv[n++] = "merge";
    for (size_t f = 0; f < N_FORMATS; f++) {
        if (strstr(formats[f], "csv"))
            continue;
        snprintf(outs[f], sizeof(outs[f]), "%s-merge.%s", tag, formats[f]);
        argv[n++] = "-o";
        argv[n++] = outs[f];
    }
    snprintf(csv, sizeof(csv), "%s-merge.csv", tag);
    argv[n++] = "-o";
    argv[n++] = csv;
    /* in another order than the shards: the result does not depend on it */
    argv[n++] = path[2];
    argv[n++] = path[0];
    argv[n++] = path[1];
    argv[n] = NULL;
    snprintf(log, sizeof(log), "%s-merge.log", tag);
    ck_assert_int_eq(run(NULL, log, argv), 0);
    build_with(tag, "1", opts);
    for (size_t f = 0; f < N_FORMATS; f++) {
        char a[128], b[128];
        snprintf(a, sizeof(a), "%s-t1.%s", tag, formats[f]);
        snprintf(b, sizeof(b), "%s-merge.%s", tag, formats[f]);
        assert_same(a, b);
    }
}

/* Three shards through extract and merge give the files of one build. */
START_TEST(extract_merge_same_as_build)
{
    static const char *const sentence[] = {"--evidence=2", NULL};
    static const char *const tokens[] = {"--window", "6", NULL};
    static const char *const acts[] = {"--network", "acts-on",
                                       "--evidence", NULL};
    make_shards();
    extract_merge("xs", sentence);
    assert_has("xs-merge.graphml", 10000, "Lukashenko");
    if (!valgrind)
        extract_merge("xt", tokens);
    extract_merge("xa", acts);
    assert_has("xa-merge.graphml", 10000, "sanction");
}
END_TEST

/* `extract OPTS` of corpus.jsonl's four shards q0..q3 (every fourth
 * line) into TAG-q0..3, of the whole corpus on 3 threads into TAG-whole;
 * then merges of the four partials into partials in two trees, ((0 1)
 * (2 3)) and (((3 1) 0) 2) (one step through standard output), and a
 * merge of each root into TAG-rootN.graphml.  Both roots must be the
 * bytes of the one extract (a partial does not depend on how the
 * corpus was split nor on threads), and their networks those of one
 * build. */
static void tree_merge(const char *tag, const char *const *opts)
{
    char name[64], buf[4][64], whole[64];
    const char *argv[32];
    size_t n;
    FILE *in = fopen("corpus.jsonl", "r"), *out[4];
    char *line = NULL;
    size_t cap = 0, i = 0;
    ck_assert_ptr_nonnull(in);
    for (int k = 0; k < 4; k++) {
        snprintf(name, sizeof(name), "q%d.jsonl", k);
        out[k] = fopen(name, "w");
        ck_assert_ptr_nonnull(out[k]);
    }
    while (getline(&line, &cap, in) > 0)
        fputs(line, out[i++ % 4]);
    free(line);
    fclose(in);
    for (int k = 0; k < 4; k++)
        fclose(out[k]);

    for (int k = 0; k <= 4; k++) {
        n = 0;
        argv[n++] = "extract";
        argv[n++] = "--quiet";
        for (size_t j = 0; opts[j]; j++)
            argv[n++] = opts[j];
        if (k < 4) {
            snprintf(name, sizeof(name), "q%d.jsonl", k);
            snprintf(buf[k], sizeof(buf[k]), "%s-q%d", tag, k);
            argv[n++] = name;
        } else {
            snprintf(whole, sizeof(whole), "%s-whole", tag);
            argv[n++] = "--threads";
            argv[n++] = "3";
            argv[n++] = "corpus.jsonl";
        }
        argv[n] = NULL;
        ck_assert_int_eq(run(NULL, k < 4 ? buf[k] : whole, argv), 0);
    }

    /* ((0 1) (2 3)) */
    char a[64], b[64], ab[64], c[64], d[64], e[64];
    snprintf(a, sizeof(a), "%s-01.partial", tag);
    snprintf(b, sizeof(b), "%s-23.partial", tag);
    snprintf(ab, sizeof(ab), "%s-root1.partial", tag);
    ck_assert_int_eq(run(NULL, "tm1", (const char *[]){
        "merge", "--quiet", buf[0], buf[1], "-o", a, NULL}), 0);
    ck_assert_int_eq(run(NULL, "tm2", (const char *[]){
        "merge", "--quiet", buf[2], buf[3], "-o", b, NULL}), 0);
    ck_assert_int_eq(run(NULL, "tm3", (const char *[]){
        "merge", "--quiet", a, b, "-o", ab, NULL}), 0);
    /* (((3 1) 0) 2), the middle step to standard output */
    snprintf(c, sizeof(c), "%s-31.partial", tag);
    snprintf(d, sizeof(d), "%s-310", tag);
    snprintf(e, sizeof(e), "%s-root2.partial", tag);
    ck_assert_int_eq(run(NULL, "tm4", (const char *[]){
        "merge", "--quiet", buf[3], buf[1], "-o", c, NULL}), 0);
    ck_assert_int_eq(run(NULL, d, (const char *[]){
        "merge", "--quiet", c, buf[0], "--format", "partial", "-o", "-",
        NULL}), 0);
    ck_assert_int_eq(run(NULL, "tm5", (const char *[]){
        "merge", "--quiet", buf[2], d, "-o", e, NULL}), 0);
    assert_has(ab, 1000, "{\"format\":\"actnet-partial\"");
    assert_same(whole, ab);
    assert_same(whole, e);

    char g1[64], g2[64], gb[64];
    snprintf(g1, sizeof(g1), "%s-root1.graphml", tag);
    snprintf(g2, sizeof(g2), "%s-root2.graphml", tag);
    snprintf(gb, sizeof(gb), "%s-build.graphml", tag);
    ck_assert_int_eq(run(NULL, "tm6", (const char *[]){
        "merge", "--quiet", ab, "-o", g1, NULL}), 0);
    ck_assert_int_eq(run(NULL, "tm7", (const char *[]){
        "merge", "--quiet", e, "-o", g2, NULL}), 0);
    n = 0;
    argv[n++] = "build";
    argv[n++] = "--quiet";
    for (size_t j = 0; opts[j]; j++)
        argv[n++] = opts[j];
    argv[n++] = "corpus.jsonl";
    argv[n++] = "-o";
    argv[n++] = gb;
    argv[n] = NULL;
    ck_assert_int_eq(run(NULL, "tm8", argv), 0);
    assert_has(gb, 10000, "<edge");
    assert_same(gb, g1);
    assert_same(gb, g2);
}

/* Merges nested in two shapes over four shards give the bytes of one
 * extract and, merged once more, of one build. */
START_TEST(tree_merge_same_as_build)
{
    static const char *const sentence[] = {"--evidence=2", NULL};
    static const char *const acts[] = {"--network", "acts-on",
                                       "--evidence", NULL};
    static const char *const collapsed[] = {"--network", "acts-on",
                                            "--collapse", "--evidence=1",
                                            NULL};
    tree_merge("ts", sentence);
    tree_merge("ta", acts);
    if (!valgrind)
        tree_merge("tc", collapsed);
}
END_TEST

/* A partial holds unfiltered counts, and build writes no partials: both
 * refused with a message, nothing written. */
START_TEST(merge_partial_refusals)
{
    char p[4200];
    ck_assert_int_eq(run(NULL, "w0", (const char *[]){
        "extract", "--quiet", "corpus.jsonl", NULL}), 0);
    ck_assert_int_eq(run(NULL, "r1", (const char *[]){
        "merge", "w0", "--top", "5", "-o", "top.partial", NULL}), 2);
    assert_has("r1.err", 10, "filters and measures");
    ck_assert_int_eq(run(NULL, "r2", (const char *[]){
        "merge", "w0", "--measures", "-o", "m.partial", NULL}), 2);
    assert_has("r2.err", 10, "last merge");
    ck_assert_int_eq(run(NULL, "r3", (const char *[]){
        "build", "corpus.jsonl", "-o", "b.partial", NULL}), 2);
    assert_has("r3.err", 10, "actnet extract");
    runner_path(p, sizeof(p), "top.partial");
    ck_assert_int_ne(access(p, F_OK), 0);
    runner_path(p, sizeof(p), "b.partial");
    ck_assert_int_ne(access(p, F_OK), 0);
}
END_TEST

/* Partials made with other options, or cut short, are refused and
 * nothing is written. */
START_TEST(merge_refuses_bad_partials)
{
    make_shards();
    ck_assert_int_eq(run(NULL, "w0", (const char *[]){
        "extract", "--quiet", "s0.jsonl", NULL}), 0);
    ck_assert_int_eq(run(NULL, "w1", (const char *[]){
        "extract", "--quiet", "--window", "3", "s1.jsonl", NULL}), 0);
    ck_assert_int_eq(run(NULL, "m", (const char *[]){
        "merge", "w0", "w1", "-o", "m.graphml", NULL}), 1);
    assert_has("m.err", 10, "--window");
    char p[4200];
    runner_path(p, sizeof(p), "m.graphml");
    ck_assert_int_ne(access(p, F_OK), 0);

    /* w0 without its last line, and w0 cut in the middle of a line */
    char src[4200], dst[4200];
    size_t len;
    runner_path(src, sizeof(src), "w0");
    char *all = runner_slurp(src, &len);
    ck_assert_ptr_nonnull(all);
    ck_assert_uint_gt(len, 100);
    size_t cut = len - 1;
    while (cut > 0 && all[cut - 1] != '\n')
        cut--;
    runner_path(dst, sizeof(dst), "cut1");
    FILE *f = fopen(dst, "w");
    fwrite(all, 1, cut, f);
    fclose(f);
    runner_path(dst, sizeof(dst), "cut2");
    f = fopen(dst, "w");
    fwrite(all, 1, len / 2, f);
    fclose(f);
    free(all);
    ck_assert_int_eq(run(NULL, "c1", (const char *[]){
        "merge", "cut1", "-o", "m.graphml", NULL}), 1);
    assert_has("c1.err", 10, "cut short");
    ck_assert_int_eq(run(NULL, "c2", (const char *[]){
        "merge", "w0", "cut2", "-o", "m.graphml", NULL}), 1);
    assert_has("c2.err", 10, "cut2:");
    ck_assert_int_ne(access(p, F_OK), 0);
    /* not a partial at all */
    ck_assert_int_eq(run(NULL, "c3", (const char *[]){
        "merge", "corpus.jsonl", "-o", "m.graphml", NULL}), 1);
    assert_has("c3.err", 10, "not a valid actnet partial");
}
END_TEST

static Suite *parallel_suite(void)
{
    Suite *s = suite_create("parallel");
    TCase *tc = tcase_create("parallel");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, entities_same_for_any_threads);
    tcase_add_test(tc, events_same_for_any_threads);
    tcase_add_test(tc, strict_same_for_any_threads);
    tcase_add_test(tc, build_same_for_any_threads);
    tcase_add_test(tc, acts_on_same_for_any_threads);
    tcase_add_test(tc, rank_same_for_any_threads);
    tcase_add_test(tc, extract_merge_same_as_build);
    tcase_add_test(tc, merge_refuses_bad_partials);
    tcase_add_test(tc, tree_merge_same_as_build);
    tcase_add_test(tc, merge_partial_refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return runner_main(parallel_suite());
}
