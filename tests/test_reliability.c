/*
 * test_reliability.c — end-to-end tests of actnet on bad input: runs the
 * built binary (ACTNET_BIN) on fixtures generated in a temporary
 * directory — broken documents (invalid UTF-8, NUL bytes, binary files,
 * empty files, huge documents, bad JSON Lines, corrupt gzip, unreadable
 * files, symbolic link loops), bad rule files (syntax errors, alias
 * bombs, deep nesting, non-UTF-8, duplicate keys, enormous files) and
 * failing outputs (file size limit, missing directory, a directory as
 * target, closed pipes, a fatal signal) — and checks the message on
 * stderr, the exit code, that the good documents' results are unchanged
 * and that no partial output is left behind.
 *
 * With ACTNET_VALGRIND=1 (the `valgrind` test setup) every actnet run is
 * itself run under valgrind; an error or a leak makes it exit with 97,
 * which no assertion accepts.
 */
#define _GNU_SOURCE 1   /* memmem, pipe2 */

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "runner.h"

/* Everything a test writes lives in runner_tmp, the current directory
 * of the test and of every actnet run. */
static char out_dir[4200];   /* where -o outputs go (checked for leftovers) */
static char rules[4200];     /* the rules of these tests */

/* The plain run of actnet with args. */
static run_result run(const char *const *args)
{
    return runner_run(NULL, args);
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                             */

static void write_bytes(const char *rel, const void *data, size_t len)
{
    char p[4300];
    FILE *f = fopen(runner_path(p, sizeof(p), rel), "wb");
    ck_assert_msg(f != NULL, "%s: %s", p, strerror(errno));
    if (len)
        ck_assert_int_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void write_text(const char *rel, const char *text)
{
    write_bytes(rel, text, strlen(text));
}

static void make_dir(const char *rel)
{
    char p[4300];
    ck_assert_int_eq(mkdir(runner_path(p, sizeof(p), rel), 0755), 0);
}

/* gzip-compresses data into runner_tmp/rel (no name or time in the header,
 * so the bytes are reproducible). */
static void write_gzip(const char *rel, const void *data, size_t len,
                       unsigned char **zout, size_t *zlen)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    if (rel)
        write_bytes(rel, buf, n);
    if (zout) {
        *zout = buf;
        *zlen = n;
    } else {
        free(buf);
    }
}

static const char rules_yaml[] =
    "# rules of the reliability tests\n"
    "version: 1\n"
    "abbreviations: [Mr, Ms]\n"
    "lists:\n"
    "  titles: [President, Foreign Minister, Mr, Ms]\n"
    "entities:\n"
    "  - id: ARC\n"
    "    type: country\n"
    "    name: Arcadia\n"
    "    adjectives: [Arcadian]\n"
    "    metonyms: [Port Lyre]\n"
    "  - id: BOR\n"
    "    type: country\n"
    "    name: Borealia\n"
    "  - id: volkov\n"
    "    type: person\n"
    "    name: Ivo Volkov\n"
    "    country: ARC\n"
    "  - id: UL\n"
    "    type: organisation\n"
    "    name: Union of Lakes\n"
    "    aliases: [UL]\n"
    "agents:\n"
    "  - id: police\n"
    "    name: police\n"
    "    aliases: [riot police]\n"
    "patterns:\n"
    "  - id: titled-person\n"
    "    type: person\n"
    "    tokens:\n"
    "      - list: titles\n"
    "      - capitalised: 1-2\n"
    "        name: true\n";

/* The good documents: 4 of them (a.txt, b.txt, two lines of c.jsonl). */
static void write_good(void)
{
    make_dir("good");
    write_text("good/2021-05-01_a.txt",
               "President Ivo Volkov of Arcadia met Foreign Minister Lena "
               "Marsh in Port Lyre on Monday. Mr Volkov said the talks "
               "with Borealia were useful.\n\nArcadian riot police "
               "detained protesters. The Union of Lakes criticised "
               "Borealia.\n");
    write_text("good/b.txt",
               "The UL said Volkov\xe2\x80\x99s plan failed. Ms Marsh "
               "disagreed.\n");
    write_text("good/c.jsonl",
               "{\"id\": \"c1\", \"date\": \"2021-05-02\", \"text\": "
               "\"Borealia and Arcadia signed a treaty.\"}\n"
               "{\"id\": \"c2\", \"text\": \"Ivo Volkov visited the Union "
               "of Lakes.\"}\n");
}

static void setup(void)
{
    runner_tmpdir("rel");
    /* readable by the unprivileged child of the permission tests */
    ck_assert_int_eq(chmod(runner_tmp, 0755), 0);
    ck_assert_int_eq(chdir(runner_tmp), 0);
    snprintf(out_dir, sizeof(out_dir), "%s/out", runner_tmp);
    ck_assert_int_eq(mkdir(out_dir, 0755), 0);
    snprintf(rules, sizeof(rules), "%s/rules.yaml", runner_tmp);
    write_text("rules.yaml", rules_yaml);
    write_good();
}

static void teardown(void)
{
    runner_tmpdir_remove();
}

/* Number of entries in dir (without . and ..). */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* out without the lines of document id (lines starting "id\t"). */
static char *without_doc(const char *out, const char *id)
{
    size_t il = strlen(id);
    char *res = malloc(strlen(out) + 1);
    ck_assert_ptr_nonnull(res);
    char *w = res;
    for (const char *p = out; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
        if (!(strncmp(p, id, il) == 0 && p[il] == '\t')) {
            memcpy(w, p, len);
            w += len;
        }
        p += len;
    }
    *w = '\0';
    return res;
}

static void assert_contains(const char *hay, const char *needle)
{
    ck_assert_msg(strstr(hay, needle) != NULL, "'%s' not found in:\n%.2000s",
                  needle, hay);
}

/* ------------------------------------------------------------------ */
/* Bad documents: the common check                                      */

/* The run over the good documents only: stdout (TSV, no header). */
static char *baseline(void)
{
    run_result r = run(ARGS("entities", "--rules", rules, "--no-header",
                            "good/2021-05-01_a.txt", "good/b.txt",
                            "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    ck_assert(r.out_len > 200);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/*
 * Runs entities over the good documents with bad (a path under runner_tmp)
 * among them and checks: exit 0; the message "name: reason; skipped" on
 * stderr (or, when repaired, "name: warning: reason; processed"); the
 * summary line; the good documents' output lines byte-identical to the
 * baseline (bad_id: the id of the bad document's lines when it is not
 * its path).  Then --strict: exit 1, "name: reason" (repaired: "name:
 * not clean UTF-8 text: reason"), no output file and no temporary file
 * left.  Then --quiet: nothing on stderr and the same output.  Returns
 * the default run's stdout (the caller frees it) for more checks.
 */
static char *check_bad_doc(const char *bad, const char *name,
                           const char *reason, int repaired,
                           const char *bad_id)
{
    char *base = baseline();
    char want[2048], out_file[4300];

    /* default: reported, skipped (or repaired), good documents intact */
    run_result r = run(ARGS("entities", "--rules", rules, "--no-header",
                            "good/2021-05-01_a.txt", bad, "good/b.txt",
                            "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "status %d, stderr: %s", r.status, r.err);
    snprintf(want, sizeof(want), "actnet: %s: %s%s%s", name,
             repaired ? "warning: " : "", reason,
             repaired ? "; processed\n" : "; skipped\n");
    assert_contains(r.err, want);
    if (repaired)
        assert_contains(r.err, "5 documents processed (1 repaired), "
                               "0 skipped");
    else
        assert_contains(r.err, "actnet: 4 documents processed, 1 skipped "
                               "(see the messages above)\n");
    char *good_only = without_doc(r.out, bad_id ? bad_id : bad);
    ck_assert_str_eq(good_only, base);
    free(good_only);
    if (!repaired)
        ck_assert_str_eq(r.out, base);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);

    /* --strict: an error, and no output at all */
    snprintf(out_file, sizeof(out_file), "%s/strict.tsv", out_dir);
    r = run(ARGS("entities", "--rules", rules, "--strict", "-o", out_file,
                 "good/2021-05-01_a.txt", bad, "good/b.txt"));
    ck_assert_msg(r.status == 1, "status %d, stderr: %s", r.status, r.err);
    snprintf(want, sizeof(want), "actnet: %s: %s%s", name,
             repaired ? "not clean UTF-8 text: " : "", reason);
    assert_contains(r.err, want);
    assert_contains(r.err, "(--strict)");
    assert_contains(r.err, "nothing was written");
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);

    /* --quiet: the same output, nothing on stderr */
    r = run(ARGS("entities", "--rules", rules, "--no-header", "--quiet",
                 "good/2021-05-01_a.txt", bad, "good/b.txt",
                 "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "status %d, stderr: %s", r.status, r.err);
    ck_assert_str_eq(r.err, "");
    ck_assert_str_eq(r.out, out);
    run_free(&r);
    free(base);
    return out;
}

/* Byte offset of needle in the file runner_tmp/rel. */
static long offset_in(const char *rel, const char *needle)
{
    char p[4300];
    size_t len;
    char *s = runner_slurp(runner_path(p, sizeof(p), rel), &len);
    ck_assert_ptr_nonnull(s);
    const char *x = memmem(s, len, needle, strlen(needle));
    ck_assert_ptr_nonnull(x);
    long off = (long)(x - s);
    free(s);
    return off;
}

/* ------------------------------------------------------------------ */
/* Bad documents                                                        */

START_TEST(invalid_utf8_repaired)
{
    static const char doc[] =
        "Caf\xe9 owners in Borealia \xff\xfe met Ivo Volkov.\n";
    write_text("latin1.txt", doc);
    char *out = check_bad_doc("latin1.txt", "latin1.txt", "3 invalid UTF-8 "
                              "bytes replaced by U+FFFD", 1, NULL);
    /* offsets are those of the bytes in the file, each bad byte one */
    char want[128];
    long b = offset_in("latin1.txt", "Borealia");
    ck_assert_int_eq(b, 15);
    snprintf(want, sizeof(want), "latin1.txt\t1\t%ld\t%ld\tBOR\t", b, b + 8);
    assert_line_ordered(out, want, "\tBorealia", NULL);
    long v = offset_in("latin1.txt", "Ivo Volkov");
    snprintf(want, sizeof(want), "latin1.txt\t1\t%ld\t%ld\tvolkov\t", v,
             v + 10);
    assert_line_ordered(out, want, "\tIvo Volkov", NULL);
    free(out);

    /* JSON output stays valid: a bad byte inside a mention's text is
     * written as \ufffd */
    write_text("bad-mention.txt", "The Union of Lakes met Ivo Volkov\xff.\n");
    run_result r = run(ARGS("entities", "--rules", rules, "--format",
                            "jsonl", "bad-mention.txt"));
    ck_assert_int_eq(r.status, 0);
    assert_contains(r.err, "bad-mention.txt: warning: 1 invalid UTF-8 byte "
                           "replaced by U+FFFD; processed");
    assert_line_ordered(r.out, "\"doc\":\"bad-mention.txt\"",
                        "\"id\":\"UL\"", NULL);
    assert_line_ordered(r.out, "\"doc\":\"bad-mention.txt\"",
                        "\"id\":\"volkov\"", NULL);
    run_free(&r);
}
END_TEST

START_TEST(invalid_utf8_in_json_lines)
{
    /* a JSON Lines line must be valid UTF-8 to be parsed: the reader
     * repairs it, and offsets are into the repaired text (U+FFFD is 3
     * bytes) */
    write_text("bad.jsonl", "{\"id\": \"r1\", \"text\": \"\xff Borealia "
                            "\xc3(\"}\n");
    char *out = check_bad_doc("bad.jsonl", "bad.jsonl:1", "document 'r1': "
                              "2 invalid UTF-8 bytes replaced by U+FFFD",
                              1, "r1");
    assert_line_ordered(out, "r1\t1\t4\t12\tBOR\t", "\tBorealia", NULL);
    free(out);
}
END_TEST

START_TEST(nul_bytes)
{
    /* mostly NUL: binary, skipped */
    static const char nuls[64] = "Borealia";
    write_bytes("nul.txt", nuls, sizeof(nuls));
    free(check_bad_doc("nul.txt", "nul.txt", "looks like a binary file (56 "
                       "of the first 64 bytes are NUL)", 0, NULL));

    /* a stray NUL in text: read as a space, reported */
    char text[4096];
    size_t n = 0;
    while (n + 40 < sizeof(text)) {
        memcpy(text + n, "Borealia and Arcadia met once more.\n", 36);
        n += 36;
    }
    memcpy(text + n, "Ivo\0Volkov came.\n", 17);
    n += 17;
    write_bytes("stray-nul.txt", text, n);
    char *out = check_bad_doc("stray-nul.txt", "stray-nul.txt", "1 NUL byte "
                              "read as space", 1, NULL);
    /* the name across the NUL is found; the TSV field shows a space */
    char want[64];
    snprintf(want, sizeof(want), "\t%zu\t%zu\tvolkov\t", n - 17, n - 7);
    assert_line_ordered(out, want, "\talias\tIvo Volkov", NULL);
    free(out);
}
END_TEST

START_TEST(binary_files)
{
    /* random bytes (a fixed generator): control characters give it away */
    unsigned char junk[20000];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof(junk); i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    junk[0] = 'A';   /* no file signature */
    write_bytes("junk.txt", junk, sizeof(junk));
    free(check_bad_doc("junk.txt", "junk.txt", "looks like a binary file "
                       "(897 of the first 8192 bytes are control "
                       "characters)", 0, NULL));

    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    write_bytes("image.txt", png, sizeof(png) - 1);
    free(check_bad_doc("image.txt", "image.txt", "looks like a binary file "
                       "(a PNG image)", 0, NULL));

    /* UTF-16 text: named, with the way out */
    write_bytes("utf16.txt", "\xff\xfe" "B\0o\0r\0", 8);
    free(check_bad_doc("utf16.txt", "utf16.txt", "looks like a binary file "
                       "(UTF-16 text; convert it to UTF-8, e.g. with iconv "
                       "-f UTF-16 -t UTF-8)", 0, NULL));
}
END_TEST

START_TEST(empty_files)
{
    write_text("empty.txt", "");
    free(check_bad_doc("empty.txt", "empty.txt", "empty document", 0, NULL));
    write_text("blank.txt", "  \n\t\r\n  \n");
    free(check_bad_doc("blank.txt", "blank.txt", "empty document", 0, NULL));
    write_text("empty.jsonl", "");
    free(check_bad_doc("empty.jsonl", "empty.jsonl", "empty file: no JSON "
                       "Lines documents in it", 0, NULL));
}
END_TEST

/* A file of size bytes: one line of text, no line break. */
static void write_long_line(const char *rel, size_t size)
{
    char p[4300];
    FILE *f = fopen(runner_path(p, sizeof(p), rel), "wb");
    ck_assert_ptr_nonnull(f);
    static const char words[] = "Borealia and Arcadia talked again; ";
    for (size_t n = 0; n < size; n += sizeof(words) - 1)
        fwrite(words, 1, n + sizeof(words) - 1 <= size
                             ? sizeof(words) - 1 : size - n, f);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(too_large_documents)
{
    char want[256];
    /* a 3 MB single line with a limit of 1 MiB */
    write_long_line("long.txt", 3u << 20);
    char *base = baseline();
    run_result r = run(ARGS("entities", "--rules", rules, "--no-header",
                            "--max-doc-size", "1M", "good/2021-05-01_a.txt",
                            "long.txt", "good/b.txt", "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: long.txt: document is larger than the "
                           "limit of 1048576 bytes; raise it with "
                           "--max-doc-size; skipped\n");
    assert_contains(r.err, "4 documents processed, 1 skipped");
    ck_assert_str_eq(r.out, base);
    run_free(&r);

    /* the same, compressed (the limit applies to the decompressed text) */
    char p[4300];
    size_t len;
    char *big = runner_slurp(runner_path(p, sizeof(p), "long.txt"), &len);
    write_gzip("long.txt.gz", big, len, NULL, NULL);
    free(big);
    r = run(ARGS("entities", "--rules", rules, "--no-header",
                 "--max-doc-size", "1M", "good/2021-05-01_a.txt",
                 "long.txt.gz", "good/b.txt", "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: long.txt.gz: document is larger than "
                           "the limit of 1048576 bytes");
    ck_assert_str_eq(r.out, base);
    run_free(&r);

    /* standard input over the limit: skipped, and drained so that the
     * writer is not cut off */
    runner_opts o = {0};
    o.stdin_path = p;
    runner_path(p, sizeof(p), "long.txt");
    r = runner_run_with(&o, ARGS("entities", "--rules", rules,
                                 "--max-doc-size", "64K", "-"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: -: document is larger than the limit of "
                           "65536 bytes");
    run_free(&r);

    /* a JSON Lines line over the limit: that line is skipped, the lines
     * after it are read */
    FILE *f = fopen(runner_path(p, sizeof(p), "long.jsonl"), "wb");
    ck_assert_ptr_nonnull(f);
    fputs("{\"id\": \"j1\", \"text\": \"Ivo Volkov in Borealia.\"}\n", f);
    fputs("{\"id\": \"j2\", \"text\": \"", f);
    for (int i = 0; i < 100000; i++)
        fputs("Arcadia and Borealia ", f);
    fputs("\"}\n{\"id\": \"j3\", \"text\": \"The Union of Lakes.\"}\n", f);
    ck_assert_int_eq(fclose(f), 0);
    r = run(ARGS("entities", "--rules", rules, "--no-header",
                 "--max-doc-size", "1M", "long.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: long.jsonl:2: document is larger than "
                           "the limit of 1048576 bytes; raise it with "
                           "--max-doc-size; skipped\n");
    assert_contains(r.err, "2 documents processed, 1 skipped");
    assert_line_ordered(r.out, "j1\t1\t", "\tvolkov\t", NULL);
    assert_line_ordered(r.out, "j3\t1\t", "\tUL\t", NULL);
    ck_assert_ptr_null(strstr(r.out, "j2\t"));
    run_free(&r);

    /* a genuinely huge file (300 MB, sparse: text, then a hole) with the
     * default limit of 64 MiB: refused from its size, without reading it */
    int fd = open(runner_path(p, sizeof(p), "huge.txt"),
                  O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_int_ge(fd, 0);
    static const char head[] = "Borealia and Arcadia. ";
    for (int i = 0; i < 1000; i++)   /* more than the 8 KiB sniffed */
        ck_assert_int_eq(write(fd, head, sizeof(head) - 1), sizeof(head) - 1);
    ck_assert_int_eq(ftruncate(fd, (off_t)300 << 20), 0);
    ck_assert_int_eq(close(fd), 0);
    r = run(ARGS("entities", "--rules", rules, "--no-header",
                 "good/2021-05-01_a.txt", "huge.txt", "good/b.txt",
                 "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    snprintf(want, sizeof(want), "actnet: huge.txt: document is larger than "
             "the limit of %lu bytes", 64ul << 20);
    assert_contains(r.err, want);
    ck_assert_str_eq(r.out, base);
    /* memory stays far below the document's size */
    if (!runner_under_valgrind())
        ck_assert_int_lt(r.maxrss_kb, 200 * 1024);
    run_free(&r);
    free(base);

    /* an invalid size is a usage error */
    r = run(ARGS("entities", "--rules", rules, "--max-doc-size", "lots",
                 "good"));
    ck_assert_int_eq(r.status, 2);
    assert_contains(r.err, "--max-doc-size: 'lots' is not a size");
    run_free(&r);
}
END_TEST

START_TEST(bad_json_lines)
{
    /* good lines (with ids, so their output does not depend on the line
     * numbers) mixed with every kind of bad line */
    write_text("clean.jsonl",
               "{\"id\": \"m1\", \"text\": \"Ivo Volkov met the UL.\"}\n"
               "{\"id\": \"m2\", \"text\": \"Borealia and Arcadia.\"}\n"
               "{\"id\": \"m3\", \"text\": \"Arcadian riot police.\"}\n");
    write_text("mixed.jsonl",
               "{\"id\": \"m1\", \"text\": \"Ivo Volkov met the UL.\"}\n"
               "this is not JSON\n"
               "{\"id\": \"x\", \"body\": \"Borealia\"}\n"
               "\n"
               "{\"id\": \"m2\", \"text\": \"Borealia and Arcadia.\"}\n"
               "[\"Borealia\"]\n"
               "{\"text\": 42}\n"
               "{\"text\": \"Borealia\", \"date\": 2020}\n"
               "{\"id\": \"\\u0000z\", \"text\": \"Borealia\"}\n"
               "{\"text\": \"Borealia\", \"id\": \"m3\"\n"
               "{\"id\": \"m3\", \"text\": \"Arcadian riot police.\"}\n"
               "{\"id\": \"cut\", \"text\": \"Bore");
    run_result clean = run(ARGS("entities", "--rules", rules, "--no-header",
                                "clean.jsonl"));
    ck_assert_int_eq(clean.status, 0);
    run_result r = run(ARGS("entities", "--rules", rules, "--no-header",
                            "mixed.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    static const char *const msgs[] = {
        "actnet: mixed.jsonl:2:4: not valid JSON: '[' or '{' expected near "
        "'this'; skipped\n",
        "actnet: mixed.jsonl:3: no \"text\" field in this object; name the "
        "field that holds the text with --text-field; skipped\n",
        "actnet: mixed.jsonl:6: the line is an array, not a JSON object such "
        "as {\"text\": \"...\"}; skipped\n",
        "actnet: mixed.jsonl:7: the \"text\" field is an integer, not a "
        "string; skipped\n",
        "actnet: mixed.jsonl:8: the \"date\" field is an integer; it must be "
        "a string such as \"2020-08-10\"; skipped\n",
        "actnet: mixed.jsonl:10:",
        "actnet: mixed.jsonl:12:",
        "actnet: 4 documents processed, 7 skipped (see the messages above)\n",
    };
    for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
        assert_contains(r.err, msgs[i]);
    /* the id that is only a NUL falls back to PATH:LINE */
    assert_line(r.out, "mixed.jsonl:9\t1\t0\t8\tBOR\t", NULL, NULL);
    char *good = without_doc(r.out, "mixed.jsonl:9");
    ck_assert_str_eq(good, clean.out);
    free(good);
    run_free(&r);
    run_free(&clean);

    /* --text-field names another field */
    r = run(ARGS("entities", "--rules", rules, "--no-header", "--text-field",
                 "body", "mixed.jsonl"));
    ck_assert_int_eq(r.status, 0);
    assert_line(r.out, "x\t1\t0\t8\tBOR\t", NULL, NULL);
    run_free(&r);

    /* --strict: the first bad line stops the run, nothing is written */
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/strict.tsv", out_dir);
    r = run(ARGS("entities", "--rules", rules, "--strict", "-o", out_file,
                 "mixed.jsonl"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: mixed.jsonl:2:4: not valid JSON");
    ck_assert_ptr_null(strstr(r.err, "mixed.jsonl:3"));
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
}
END_TEST

START_TEST(corrupt_gzip)
{
    static const char text[] = "Borealia and Arcadia signed a treaty in "
                               "Port Lyre, said Ivo Volkov.\n";
    unsigned char *z;
    size_t zl;
    write_gzip("ok.txt.gz", text, sizeof(text) - 1, &z, &zl);
    run_result r = run(ARGS("entities", "--rules", rules, "ok.txt.gz"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    assert_line(r.out, "ok.txt.gz\t1\t0\t8\tBOR\t", NULL, NULL);
    run_free(&r);

    /* not gzip at all */
    write_text("plain.txt.gz", "Borealia and Arcadia.\n");
    free(check_bad_doc("plain.txt.gz", "plain.txt.gz", "not gzip-compressed "
                       "although the name ends in .gz (rename or recompress "
                       "it)", 0, NULL));
    /* cut short */
    write_bytes("cut.txt.gz", z, zl - 12);
    free(check_bad_doc("cut.txt.gz", "cut.txt.gz", "corrupt gzip data "
                       "(unexpected end of file)", 0, NULL));
    /* a wrong checksum */
    z[zl - 8] ^= 0xff;
    write_bytes("crc.txt.gz", z, zl);
    free(check_bad_doc("crc.txt.gz", "crc.txt.gz", "corrupt gzip data "
                       "(incorrect data check)", 0, NULL));
    z[zl - 8] ^= 0xff;
    /* garbage in the compressed data */
    memset(z + 10, 0xff, 8);
    write_bytes("garbled.txt.gz", z, zl);
    free(check_bad_doc("garbled.txt.gz", "garbled.txt.gz", "corrupt gzip "
                       "data (invalid block type)", 0, NULL));
    /* compressed JSON Lines, cut short: the lines before the cut count */
    static const char lines[] =
        "{\"id\": \"g1\", \"text\": \"Ivo Volkov in Borealia.\"}\n"
        "{\"id\": \"g2\", \"text\": \"The Union of Lakes met.\"}\n";
    unsigned char *zj;
    size_t zjl;
    write_gzip(NULL, lines, sizeof(lines) - 1, &zj, &zjl);
    write_bytes("cut.jsonl.gz", zj, zjl - 10);
    r = run(ARGS("entities", "--rules", rules, "cut.jsonl.gz"));
    ck_assert_int_eq(r.status, 0);
    assert_contains(r.err, "actnet: cut.jsonl.gz: corrupt gzip data "
                           "(unexpected end of file) after line ");
    assert_line(r.out, "g1\t1\t0\t10\tvolkov\t", NULL, NULL);
    run_free(&r);
    free(zj);
    free(z);
}
END_TEST

START_TEST(unreadable_files)
{
    char p[4300];
    write_text("secret.txt", "Borealia and Arcadia.\n");
    ck_assert_int_eq(chmod(runner_path(p, sizeof(p), "secret.txt"), 0), 0);
    make_dir("locked");
    write_text("locked/inside.txt", "Borealia.\n");
    ck_assert_int_eq(chmod(runner_path(p, sizeof(p), "locked"), 0), 0);

    runner_opts o = {0};
    o.as_nobody = 1;
    char *base = NULL;
    {
        run_result b = runner_run_with(&o, ARGS("entities", "--rules", rules,
                                                "--no-header",
                                                "good/2021-05-01_a.txt",
                                                "good/b.txt", "good/c.jsonl"));
        if (b.status == 99) {
            fprintf(stderr, "unreadable_files: cannot drop privileges "
                            "here; not checked\n");
            run_free(&b);
            return;
        }
        ck_assert_msg(b.status == 0, "stderr: %s", b.err);
        base = b.out;
        b.out = NULL;
        run_free(&b);
    }
    run_result r = runner_run_with(&o, ARGS("entities", "--rules", rules,
                                            "--no-header",
                                            "good/2021-05-01_a.txt",
                                            "secret.txt", "good/b.txt",
                                            "locked", "good/c.jsonl"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: secret.txt: cannot open this file: "
                           "Permission denied; skipped\n");
    assert_contains(r.err, "actnet: locked: cannot open this directory: "
                           "Permission denied; skipped\n");
    assert_contains(r.err, "4 documents processed, 2 skipped");
    ck_assert_str_eq(r.out, base);
    run_free(&r);

    /* --strict: exit 1, and an output directory nobody may write to is
     * refused before anything is read */
    snprintf(p, sizeof(p), "%s/strict.tsv", out_dir);
    ck_assert_int_eq(chmod(out_dir, 0777), 0);
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "--strict",
                                 "-o", p, "good/2021-05-01_a.txt",
                                 "secret.txt"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: secret.txt: cannot open this file: "
                           "Permission denied\n");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
    ck_assert_int_eq(chmod(out_dir, 0755), 0);
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "-o", p,
                                 "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "strict.tsv: cannot create the output file: "
                           "Permission denied");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);

    /* unreadable rules: exit 1, nothing processed */
    ck_assert_int_eq(chmod(rules, 0600), 0);
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "rules.yaml: cannot open the rule file: "
                           "Permission denied");
    assert_contains(r.err, "rules refused; nothing was processed");
    ck_assert_str_eq(r.out, "");
    run_free(&r);
    free(base);
}
END_TEST

START_TEST(symlink_loops)
{
    char p[4300], q[4300];
    make_dir("tree");
    make_dir("tree/sub");
    write_text("tree/sub/2021-05-03_t.txt", "Borealia and Arcadia.\n");
    ck_assert_int_eq(symlink("..", runner_path(p, sizeof(p), "tree/sub/up")),
                     0);
    ck_assert_int_eq(symlink("self.txt",
                             runner_path(p, sizeof(p), "tree/self.txt")), 0);
    ck_assert_int_eq(symlink("a.txt", runner_path(p, sizeof(p), "tree/b.txt")),
                     0);
    ck_assert_int_eq(symlink("b.txt", runner_path(q, sizeof(q), "tree/a.txt")),
                     0);
    run_result r = run(ARGS("entities", "--rules", rules, "--no-header",
                            "tree"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: tree/sub/up: symbolic link loop: this is "
                           "the directory 'tree' again, which is already "
                           "being read; skipped\n");
    assert_contains(r.err, "actnet: tree/self.txt: cannot read this file: "
                           "Too many levels of symbolic links; skipped\n");
    assert_contains(r.err, "actnet: tree/a.txt: cannot read this file: "
                           "Too many levels of symbolic links; skipped\n");
    assert_contains(r.err, "1 document processed, 4 skipped");
    /* the document is read once, not once per trip round the loop */
    ck_assert_str_eq(r.out, "tree/sub/2021-05-03_t.txt\t1\t0\t8\tBOR\tcountry"
                            "\tBorealia\talias\tBorealia\n"
                            "tree/sub/2021-05-03_t.txt\t1\t13\t20\tARC\t"
                            "country\tArcadia\talias\tArcadia\n");
    run_free(&r);
    r = run(ARGS("entities", "--rules", rules, "--strict", "tree"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "(--strict)");
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bad rules                                                            */

/*
 * Runs entities with the rule file rel (and -o into out_dir): exit 1,
 * where ("rel:line:col: ") and what in the message, nothing processed:
 * no output, no file.  check-rules says the same.
 */
static void check_bad_rules(const char *rel, const char *where,
                            const char *what)
{
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/never.tsv", out_dir);
    run_result r = run(ARGS("entities", "--rules", rules, "--rules", rel,
                            "-o", out_file, "good"));
    ck_assert_msg(r.status == 1, "status %d, stderr: %s", r.status, r.err);
    char want[1024];
    snprintf(want, sizeof(want), "actnet: %s", where);
    assert_contains(r.err, want);
    assert_contains(r.err, what);
    assert_contains(r.err, "actnet: rules refused; nothing was processed\n");
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
    r = run(ARGS("check-rules", rel));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, want);
    run_free(&r);
}

START_TEST(rules_syntax_error)
{
    write_text("syntax.yaml", "version: 1\nentities:\n  - id: a\n"
                              "    type: person\n   name: A\n");
    check_bad_rules("syntax.yaml", "syntax.yaml:5:4: ",
                    "YAML syntax error");
    write_text("quote.yaml", "version: 1\ndescription: \"unterminated\n");
    check_bad_rules("quote.yaml", "quote.yaml:3:1: ", "YAML syntax error");
    write_text("tab.yaml", "version: 1\nlists:\n\tx: [a]\n");
    check_bad_rules("tab.yaml", "tab.yaml:3:1: ", "YAML syntax error");
}
END_TEST

START_TEST(rules_alias_bomb)
{
    /* "billion laughs": nine levels of nine aliases each */
    char doc[4096];
    size_t n = (size_t)snprintf(doc, sizeof(doc),
                                "version: 1\nl0: &l0 [lol, lol, lol, lol, "
                                "lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
        n += (size_t)snprintf(doc + n, sizeof(doc) - n, "l%d: &l%d [", i, i);
        for (int j = 0; j < 9; j++)
            n += (size_t)snprintf(doc + n, sizeof(doc) - n, "%s*l%d",
                                  j ? ", " : "", i - 1);
        n += (size_t)snprintf(doc + n, sizeof(doc) - n, "]\n");
    }
    write_text("laughs.yaml", doc);
    check_bad_rules("laughs.yaml", "laughs.yaml:2:5: ",
                    "YAML anchors (&l0) are not allowed in rule files");
    /* an alias without its anchor, in a real section */
    write_text("alias.yaml", "version: 1\nignore: [*bomb]\n");
    check_bad_rules("alias.yaml", "alias.yaml:2:10: ",
                    "YAML aliases (*bomb) are not allowed in rule files");
}
END_TEST

START_TEST(rules_deep_nesting)
{
    /* 100000 nested lists: refused at the 17th level, not parsed down */
    size_t depth = 100000;
    char *doc = malloc(2 * depth + 64);
    ck_assert_ptr_nonnull(doc);
    size_t n = (size_t)sprintf(doc, "version: 1\nlists:\n  x: ");
    memset(doc + n, '[', depth);
    memset(doc + n + depth, ']', depth);
    strcpy(doc + n + 2 * depth, "\n");
    write_text("deep.yaml", doc);
    free(doc);
    check_bad_rules("deep.yaml", "deep.yaml:3:20: ",
                    "nesting deeper than 16 levels");
    /* block style */
    char block[4096];
    n = (size_t)sprintf(block, "version: 1\ndescription:\n");
    for (int i = 1; i <= 20; i++)
        n += (size_t)sprintf(block + n, "%*s- \n", 2 * i, "");
    write_text("deep-block.yaml", block);
    check_bad_rules("deep-block.yaml", "deep-block.yaml:", "nesting deeper "
                    "than 16 levels");
}
END_TEST

START_TEST(rules_not_utf8)
{
    write_text("latin1.yaml", "version: 1\nentities:\n  - id: jose\n"
                              "    type: person\n    name: Jos\xe9 Ruiz\n");
    check_bad_rules("latin1.yaml", "latin1.yaml:5:14: ",
                    "the file is not valid UTF-8 text: invalid UTF-8 "
                    "sequence (byte 0xE9); save the file as UTF-8");
    write_text("bad-byte.yaml", "version: 1\ndescription: a \xff b\n");
    check_bad_rules("bad-byte.yaml", "bad-byte.yaml:2:16: ",
                    "not valid UTF-8");
    write_text("nul.yaml", "version: 1\ndescription: \"a\\0b\"\n");
    check_bad_rules("nul.yaml", "nul.yaml:2:14: ", "NUL");
}
END_TEST

START_TEST(rules_duplicate_keys)
{
    write_text("dup.yaml", "version: 1\nentities:\n  - id: a\n"
                           "    type: person\n    name: A\n    name: B\n");
    check_bad_rules("dup.yaml", "dup.yaml:6:5: ",
                    "duplicate key 'name' (first at line 5, column 5)");
    write_text("dup-top.yaml", "version: 1\nignore: [x]\nversion: 1\n");
    check_bad_rules("dup-top.yaml", "dup-top.yaml:3:1: ",
                    "duplicate key 'version'");
}
END_TEST

/* Writes a rule file of about size bytes of valid, distinct entities;
 * returns their number. */
static size_t write_many_entities(const char *rel, size_t size)
{
    char p[4300];
    FILE *f = fopen(runner_path(p, sizeof(p), rel), "wb");
    ck_assert_ptr_nonnull(f);
    long n = fprintf(f, "version: 1\nentities:\n");
    size_t count = 0;
    while ((size_t)n < size) {
        n += fprintf(f, "  - id: e%zu\n    type: organisation\n"
                        "    name: Committee Number %zu of Lakes\n"
                        "    aliases: [CN%zu, Committee %zu]\n",
                     count, count, count, count);
        count++;
    }
    ck_assert_int_eq(fclose(f), 0);
    return count;
}

START_TEST(rules_enormous)
{
    /* 20 MB of valid entities (1 MB under valgrind) load, in bounded
     * memory; the test's timeout bounds the time */
    size_t size = runner_under_valgrind() ? (1u << 20) : (20u << 20);
    size_t count = write_many_entities("many.yaml", size);
    run_result r = run(ARGS("check-rules", "many.yaml"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char want[128];
    snprintf(want, sizeof(want), "rules ok: %zu entities and agents, %zu "
             "alias phrases", count, 3 * count);
    assert_contains(r.out, want);
    if (!runner_under_valgrind())
        ck_assert_msg(r.maxrss_kb < 2l * 1024 * 1024, "%ld kB for %zu bytes "
                      "of rules", r.maxrss_kb, size);
    run_free(&r);

    /* over 64 MiB: refused from the size at once (a sparse file) */
    char p[4300];
    int fd = open(runner_path(p, sizeof(p), "huge.yaml"), O_WRONLY | O_CREAT,
                  0644);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "version: 1\n", 11), 11);
    ck_assert_int_eq(ftruncate(fd, (off_t)70 << 20), 0);
    ck_assert_int_eq(close(fd), 0);
    check_bad_rules("huge.yaml", "huge.yaml: ", "the rule file is 73400320 "
                    "bytes; files over 64 MiB are refused");

    /* over 64 MiB through a pipe: read no further than the limit */
    int pp[2];
    ck_assert_int_eq(pipe2(pp, O_CLOEXEC), 0);
    pid_t writer = fork();
    ck_assert_int_ge(writer, 0);
    if (writer == 0) {
        static char chunk[1 << 16];
        memset(chunk, '#', sizeof(chunk));
        chunk[sizeof(chunk) - 1] = '\n';
        signal(SIGPIPE, SIG_DFL);
        close(pp[0]);
        for (int i = 0; i < 80 * 16; i++)
            if (write(pp[1], chunk, sizeof(chunk)) < 0)
                _exit(0);
        _exit(0);
    }
    close(pp[1]);
    runner_opts o = {0};
    o.stdin_fd = pp[0];
    r = runner_run_with(&o, ARGS("check-rules", "/dev/stdin"));
    close(pp[0]);
    waitpid(writer, NULL, 0);
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: /dev/stdin: the rule file is over "
                           "64 MiB; files that large are refused");
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Output                                                               */

/* A corpus whose TSV output is well over 64 KiB. */
static void write_big_corpus(void)
{
    write_long_line("big.txt", 200000);
}

/* Whether the process pid has a descriptor open on a file under dir;
 * *unnamed is set when it has no name there (O_TMPFILE, "(deleted)"). */
static int has_file_open_under(pid_t pid, const char *dir, int *unnamed)
{
    char fddir[64], link[4400], target[4400];
    snprintf(fddir, sizeof(fddir), "/proc/%d/fd", (int)pid);
    DIR *d = opendir(fddir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    size_t dl = strlen(dir);
    while (!found && (e = readdir(d)) != NULL) {
        snprintf(link, sizeof(link), "%s/%s", fddir, e->d_name);
        ssize_t n = readlink(link, target, sizeof(target) - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strncmp(target, dir, dl) == 0 && target[dl] == '/') {
            found = 1;
            *unnamed = strstr(target, "(deleted)") != NULL;
        }
    }
    closedir(d);
    return found;
}

START_TEST(output_file_size_limit)
{
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/result.tsv", out_dir);
    write_text("out/result.tsv", "the previous result\n");
    write_big_corpus();

    runner_opts o = {0};
    o.fsize_limit = 16384;
    run_result r = runner_run_with(&o, ARGS("entities", "--rules", rules, "-o",
                                            out_file, "big.txt"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "result.tsv: writing failed: File too large; "
                           "nothing was written\n");
    ck_assert_str_eq(r.out, "");
    /* the previous file is untouched and no temporary file is left */
    char *prev = runner_slurp(out_file, NULL);
    ck_assert_str_eq(prev, "the previous result\n");
    free(prev);
    ck_assert_int_eq(count_entries(out_dir), 1);
    run_free(&r);

    /* the same limit on standard output redirected to a file */
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "big.txt"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: standard output: File too large\n");
    run_free(&r);

    /* without the limit it works, and replaces the previous file */
    r = run(ARGS("entities", "--rules", rules, "-o", out_file, "big.txt"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    size_t len;
    char *s = runner_slurp(out_file, &len);
    ck_assert(len > 16384);
    ck_assert(strncmp(s, "doc\tsentence\t", 13) == 0);
    free(s);
    ck_assert_int_eq(count_entries(out_dir), 1);
    /* the mode a plain fopen would give, not mkstemp's 0600 */
    struct stat st;
    mode_t um = umask(0);
    umask(um);
    ck_assert_int_eq(stat(out_file, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0666 & ~um);
    run_free(&r);
}
END_TEST

START_TEST(output_bad_targets)
{
    char target[4300];
    /* a directory that does not exist: refused before reading */
    snprintf(target, sizeof(target), "%s/no/such/dir/out.tsv", runner_tmp);
    run_result r = run(ARGS("entities", "--rules", rules, "-o", target,
                            "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "out.tsv: cannot create the output file: No such "
                           "file or directory");
    ck_assert_str_eq(r.out, "");
    run_free(&r);

    /* a directory as the target: refused, left as it was */
    make_dir("out/target");
    snprintf(target, sizeof(target), "%s/target", out_dir);
    r = run(ARGS("entities", "--rules", rules, "-o", target, "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "target: is a directory; give the name of the "
                           "file to write");
    ck_assert_int_eq(count_entries(out_dir), 1);
    ck_assert_int_eq(count_entries(target), 0);
    run_free(&r);
}
END_TEST

START_TEST(output_closed_pipe)
{
    write_big_corpus();
    /* the reader is gone before actnet writes: killed by SIGPIPE, like
     * coreutils, with nothing on stderr */
    int p[2];
    ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
    close(p[0]);
    runner_opts o = {0};
    o.stdout_fd = p[1];
    run_result r = runner_run_with(&o, ARGS("entities", "--rules", rules,
                                            "big.txt"));
    close(p[1]);
    ck_assert_int_eq(r.status, 128 + SIGPIPE);
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    /* `actnet entities ... | head -1`: read a line, then close */
    ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
    FILE *rd = fdopen(p[0], "r");
    ck_assert_ptr_nonnull(rd);
    pid_t reader = fork();
    ck_assert_int_ge(reader, 0);
    if (reader == 0) {
        char line[256];
        close(p[1]);
        _exit(fgets(line, sizeof(line), rd) &&
              strncmp(line, "doc\t", 4) == 0 ? 0 : 1);
    }
    fclose(rd);
    o.stdout_fd = p[1];
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "big.txt"));
    close(p[1]);
    int st;
    ck_assert_int_eq(waitpid(reader, &st, 0), reader);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    ck_assert_msg(r.status == 128 + SIGPIPE || r.status == 0, "status %d",
                  r.status);
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    /* with SIGPIPE ignored by the parent: the write fails (EPIPE), and
     * actnet stops quietly with status 1 */
    ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
    close(p[0]);
    o.stdout_fd = p[1];
    o.ignore_sigpipe = 1;
    r = runner_run_with(&o, ARGS("entities", "--rules", rules, "big.txt"));
    close(p[1]);
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

START_TEST(output_killed_midway)
{
    /* actnet waits for standard input with its temporary output open;
     * SIGTERM then must not leave the temporary file behind */
    char target[4300];
    snprintf(target, sizeof(target), "%s/partial.tsv", out_dir);
    int p[2];
    ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
    runner_opts o = {0};
    o.stdin_fd = p[0];
    pid_t pid = runner_start(&o, ARGS("entities", "--rules", rules, "-o",
                                      target, "-"));
    close(p[0]);
    ck_assert_int_eq(write(p[1], "Borealia ", 9), 9);
    /* wait (up to the test's timeout) for the output to be open */
    int unnamed;
    while (!has_file_open_under(pid, out_dir, &unnamed))
        usleep(10000);
    kill(pid, SIGTERM);
    run_result r = runner_wait(pid, &o);
    close(p[1]);
    ck_assert_int_eq(r.signal, SIGTERM);
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
}
END_TEST

START_TEST(build_outputs_all_or_nothing)
{
    /* actnet build with several outputs: a failed write leaves every
     * output as it was */
    char graphml[4300], csv[4300];
    snprintf(graphml, sizeof(graphml), "%s/net.graphml", out_dir);
    snprintf(csv, sizeof(csv), "%s/net.csv", out_dir);
    write_text("out/net.graphml", "the previous network\n");
    runner_opts o = {0};
    o.fsize_limit = 1024;
    run_result r = runner_run_with(&o, ARGS("build", "--rules", rules, "-o",
                                            csv, "-o", graphml, "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "File too large");
    assert_contains(r.err, "nothing was written");
    ck_assert_int_eq(count_entries(out_dir), 1);
    char *prev = runner_slurp(graphml, NULL);
    ck_assert_str_eq(prev, "the previous network\n");
    free(prev);
    run_free(&r);

    r = run(ARGS("build", "--rules", rules, "-o", csv, "-o", graphml,
                 "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_int_eq(count_entries(out_dir), 3);   /* graphml, 2 csv */
    prev = runner_slurp(graphml, NULL);
    ck_assert_ptr_nonnull(strstr(prev, "<graphml"));
    free(prev);
    run_free(&r);
}
END_TEST

START_TEST(events_bad_documents)
{
    /* actnet events treats bad documents like entities does */
    write_text("relations.yaml", "version: 1\nrelations:\n"
               "  - id: sanction\n    label: sanctions\n    polarity: -1\n"
               "    class: material-conflict\n"
               "    verbs: [sanction, impose sanctions on]\n");
    write_text("ev.txt", "Borealia sanctioned Arcadia on Monday.\n");
    write_text("ev-bad.txt", "The Union of Lakes sanctioned \xff Borealia.\n");
    write_bytes("ev-binary.txt", "Borealia\0\0\0\0\0\0\0", 15);
    char rel[4300], out_file[4300];
    runner_path(rel, sizeof(rel), "relations.yaml");
    run_result r = run(ARGS("events", "--rules", rules, "--rules", rel,
                            "--format", "jsonl", "ev.txt", "ev-bad.txt",
                            "ev-binary.txt"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.err, "actnet: ev-bad.txt: warning: 1 invalid UTF-8 "
                           "byte replaced by U+FFFD; processed\n");
    assert_contains(r.err, "actnet: ev-binary.txt: looks like a binary file "
                           "(7 of the first 15 bytes are NUL); skipped\n");
    assert_contains(r.err, "2 documents processed (1 repaired), 1 skipped");
    assert_line_ordered(r.out, "\"doc\":\"ev.txt\"", "\"sanction\"", NULL);
    /* the sentence with the bad byte stays valid JSON */
    assert_line_ordered(r.out, "\"doc\":\"ev-bad.txt\"", "sanctioned \\ufffd "
                "Borealia", NULL);
    run_free(&r);

    snprintf(out_file, sizeof(out_file), "%s/events.tsv", out_dir);
    r = run(ARGS("events", "--rules", rules, "--rules", rel, "--strict",
                 "-o", out_file, "ev.txt", "ev-bad.txt"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: ev-bad.txt: not clean UTF-8 text: 1 "
                           "invalid UTF-8 byte replaced by U+FFFD\n");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
}
END_TEST

START_TEST(exit_codes)
{
    run_result r = run(ARGS("entities", "--rules", rules, "good"));
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    r = run(ARGS("entities", "--no-such-option", "good"));
    ck_assert_int_eq(r.status, 2);
    run_free(&r);
    r = run(ARGS("entities", "--rules", rules));
    ck_assert_int_eq(r.status, 2);
    assert_contains(r.err, "no INPUT given");
    run_free(&r);
    r = run(ARGS("entities", "--rules", rules, "missing-input"));
    ck_assert_int_eq(r.status, 2);
    assert_contains(r.err, "missing-input: cannot read this input");
    run_free(&r);
    r = run(ARGS("entities", "--rules", "missing.yaml", "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "missing.yaml: cannot read rules: No such file");
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Output targets that are not plain new files                          */

/* The TSV of entities over the good documents (its first line is the
 * header). */
static char *good_tsv(void)
{
    run_result r = run(ARGS("entities", "--rules", rules, "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

START_TEST(output_through_devices)
{
    char dev[4300];
    char *want = good_tsv();
    struct stat st;
    /* a character device of our own (as root): written through, left a
     * device; this comes first, so that a build that would replace the
     * target never reaches the system's /dev/null below */
    if (geteuid() == 0) {
        runner_path(dev, sizeof(dev), "null");
        ck_assert_int_eq(mknod(dev, S_IFCHR | 0666, makedev(1, 3)), 0);
        run_result r = run(ARGS("entities", "--rules", rules, "-o", dev,
                                "good"));
        ck_assert_msg(r.status == 0, "stderr: %s", r.err);
        ck_assert_int_eq(stat(dev, &st), 0);
        ck_assert_msg(S_ISCHR(st.st_mode), "the device was replaced");
        run_free(&r);
    }
    run_result r = run(ARGS("entities", "--rules", rules, "-o", "/dev/null",
                            "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.err, "");
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
    run_free(&r);

    /* /dev/stdout and /dev/fd/1: what standard output is (here a file of
     * runner_tmp) gets the output */
    r = run(ARGS("entities", "--rules", rules, "-o", "/dev/stdout", "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.out, want);
    run_free(&r);
    r = run(ARGS("entities", "--rules", rules, "-o", "/dev/fd/1", "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    ck_assert_str_eq(r.out, want);
    run_free(&r);
    ck_assert_int_eq(lstat("/dev/stdout", &st), 0);
    ck_assert(S_ISLNK(st.st_mode));

    /* /dev/full: the write fails, reported */
    r = run(ARGS("entities", "--rules", rules, "-o", "/dev/full", "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "/dev/full: writing failed: No space left on "
                           "device");
    run_free(&r);
    free(want);
}
END_TEST

START_TEST(output_through_fifo)
{
    char fifo[4300];
    snprintf(fifo, sizeof(fifo), "%s/fifo", out_dir);
    ck_assert_int_eq(mkfifo(fifo, 0644), 0);
    /* the reader: copies what comes through the FIFO to got.tsv */
    pid_t reader = fork();
    ck_assert_int_ge(reader, 0);
    if (reader == 0) {
        /* a build that replaces the FIFO never writes it; generous,
         * because under valgrind both processes run many times slower */
        alarm(600);
        FILE *in = fopen(fifo, "r"), *out = fopen("got.tsv", "w");
        int c;
        if (!in || !out)
            _exit(1);
        while ((c = getc(in)) != EOF)
            putc(c, out);
        _exit(fclose(out) ? 1 : 0);
    }
    run_result r = run(ARGS("entities", "--rules", rules, "-o", fifo,
                            "good"));
    int st;
    ck_assert_int_eq(waitpid(reader, &st, 0), reader);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    /* computed after the fork, so that the reader holds no copy of it */
    char *want = good_tsv();
    char *got = runner_slurp("got.tsv", NULL);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);   /* before the next fork, which would hold a copy */
    struct stat sb;
    ck_assert_int_eq(lstat(fifo, &sb), 0);
    ck_assert(S_ISFIFO(sb.st_mode));
    ck_assert_int_eq(count_entries(out_dir), 1);
    run_free(&r);

    /* a socket cannot be opened for writing: refused, clearly */
    char sock[4300];
    snprintf(sock, sizeof(sock), "%s/sock", out_dir);
    pid_t p = fork();
    ck_assert_int_ge(p, 0);
    if (p == 0) {
        /* mknod of a socket: a name with no listener */
        _exit(mknod(sock, S_IFSOCK | 0644, 0) ? 1 : 0);
    }
    ck_assert_int_eq(waitpid(p, &st, 0), p);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    r = run(ARGS("entities", "--rules", rules, "-o", sock, "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "sock: is a socket; actnet writes to files, "
                           "devices and FIFOs");
    ck_assert_int_eq(lstat(sock, &sb), 0);
    ck_assert(S_ISSOCK(sb.st_mode));
    run_free(&r);
}
END_TEST

START_TEST(output_through_symlink)
{
    char link[4300], dangling[4300];
    char *want = good_tsv();
    write_text("out/real.tsv", "the previous result\n");
    snprintf(link, sizeof(link), "%s/link.tsv", out_dir);
    ck_assert_int_eq(symlink("real.tsv", link), 0);
    run_result r = run(ARGS("entities", "--rules", rules, "-o", link,
                            "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
    char *got = runner_slurp("out/real.tsv", NULL);
    ck_assert_str_eq(got, want);
    free(got);
    ck_assert_int_eq(count_entries(out_dir), 2);
    run_free(&r);

    /* a link to a link to a file not there yet: the file is made */
    make_dir("out/sub");
    snprintf(dangling, sizeof(dangling), "%s/dangling.tsv", out_dir);
    ck_assert_int_eq(symlink("sub/hop.tsv", dangling), 0);
    ck_assert_int_eq(symlink("new.tsv", "out/sub/hop.tsv"), 0);
    r = run(ARGS("entities", "--rules", rules, "-o", dangling, "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    got = runner_slurp("out/sub/new.tsv", NULL);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
    ck_assert_int_eq(lstat(dangling, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(count_entries("out/sub"), 2);
    run_free(&r);

    /* a loop of links: refused */
    ck_assert_int_eq(symlink("loop2", "out/loop1"), 0);
    ck_assert_int_eq(symlink("loop1", "out/loop2"), 0);
    r = run(ARGS("entities", "--rules", rules, "-o", "out/loop1", "good"));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "out/loop1: ");
    assert_contains(r.err, "symbolic links");
    run_free(&r);
    free(want);
}
END_TEST

START_TEST(output_keeps_mode_owner_links)
{
    char secret[4300], hard[4300];
    char *want = good_tsv();
    snprintf(secret, sizeof(secret), "%s/secret.tsv", out_dir);
    write_text("out/secret.tsv", "the previous result\n");
    ck_assert_int_eq(chmod(secret, 0600), 0);
    int root = geteuid() == 0;
    if (root)   /* as root: a file of another user keeps its owner */
        ck_assert_int_eq(chown(secret, 65534, 65534), 0);
    run_result r = run(ARGS("entities", "--rules", rules, "-o", secret,
                            "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    struct stat st;
    ck_assert_int_eq(stat(secret, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    if (root) {
        ck_assert_int_eq(st.st_uid, 65534);
        ck_assert_int_eq(st.st_gid, 65534);
    }
    char *got = runner_slurp(secret, NULL);
    ck_assert_str_eq(got, want);
    free(got);
    run_free(&r);

    /* a file with a second hard link: both names see the new content */
    snprintf(hard, sizeof(hard), "%s/hard.tsv", out_dir);
    ck_assert_int_eq(link(secret, hard), 0);
    write_text("out/hard.tsv", "the previous result\n");
    r = run(ARGS("entities", "--rules", rules, "-o", secret, "good"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    struct stat a, b;
    ck_assert_int_eq(stat(secret, &a), 0);
    ck_assert_int_eq(stat(hard, &b), 0);
    ck_assert(a.st_ino == b.st_ino);
    got = runner_slurp(hard, NULL);
    ck_assert_str_eq(got, want);
    free(got);
    ck_assert_int_eq(count_entries(out_dir), 2);
    run_free(&r);
    free(want);
}
END_TEST

START_TEST(output_nothing_left_after_kill)
{
    /* actnet waits for standard input with its output open; whatever
     * signal ends it, no temporary file is left beside the output: where
     * the file system has unnamed temporary files (O_TMPFILE) none is
     * ever named, and the catchable signals remove a named one */
    static const int sigs[] = {SIGKILL, SIGQUIT, SIGALRM, SIGUSR1,
                               SIGXCPU, SIGTERM};
    int fd = open(out_dir, O_TMPFILE | O_WRONLY, 0600);
    int have_tmpfile = fd >= 0;
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        char dir[4300], target[4400];
        snprintf(dir, sizeof(dir), "%s/k%zu", out_dir, i);
        ck_assert_int_eq(mkdir(dir, 0755), 0);
        snprintf(target, sizeof(target), "%s/result.tsv", dir);
        int p[2], unnamed = 0;
        ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
        runner_opts o = {0};
        o.stdin_fd = p[0];
        pid_t pid = runner_start(&o, ARGS("entities", "--rules", rules, "-o",
                                          target, "-"));
        close(p[0]);
        ck_assert_int_eq(write(p[1], "Borealia ", 9), 9);
        /* wait (up to the test's timeout) for the open output; under
         * valgrind the pid is valgrind's, which is actnet's too */
        while (!has_file_open_under(pid, dir, &unnamed))
            usleep(10000);
        kill(pid, sigs[i]);
        run_result r = runner_wait(pid, &o);
        close(p[1]);
        ck_assert_int_eq(r.signal, sigs[i]);
        if (have_tmpfile)
            ck_assert_msg(unnamed, "the temporary output has a name");
        if (have_tmpfile || sigs[i] != SIGKILL)
            ck_assert_msg(count_entries(dir) == 0, "signal %d left a "
                          "file", sigs[i]);
        run_free(&r);
    }
}
END_TEST

START_TEST(stdout_write_failures)
{
    /* every command that prints to standard output fails when the
     * writes fail (here /dev/full) */
    const char *const *cmds[] = {
        ARGS("check-rules", rules),
        ARGS("check-rules", "--list-aliases", rules),
        ARGS("--help"), ARGS("--version"), ARGS("build", "--help"),
        ARGS("entities", "--rules", rules, "good"),
    };
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
        ck_assert_int_ge(fd, 0);
        runner_opts o = {0};
        o.stdout_fd = fd;
        run_result r = runner_run_with(&o, cmds[i]);
        close(fd);
        ck_assert_msg(r.status == 1, "%s %s: status %d", cmds[i][0],
                      cmds[i][1] ? cmds[i][1] : "", r.status);
        assert_contains(r.err, "actnet: standard output: No space left on "
                               "device\n");
        run_free(&r);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* merge: partial results that cannot be right                         */

#define P_HEAD(net, collapse) \
    "{\"format\":\"actnet-partial\",\"version\":1,\"network\":\"" net \
    "\",\"window\":\"sentence\",\"window_tokens\":0,\"evidence\":0," \
    "\"evidence_bytes\":600,\"negated\":false,\"hedged\":true," \
    "\"collapse\":" collapse "}\n"
#define P_STATS(docs) \
    "{\"stats\":{\"documents\":" docs ",\"dated\":1,\"bad_dates\":0," \
    "\"mentions\":2,\"first\":20200101,\"last\":20200101,\"events\":0," \
    "\"left_out\":0}}\n"
#define P_NODE(id, mentions, first, last) \
    "[\"node\",\"" id "\",\"" id "\",\"country\",null,null," mentions \
    ",1," first "," last "]\n"
#define P_END(n, e, r, a) \
    "{\"end\":{\"nodes\":" n ",\"edges\":" e ",\"relations\":" r \
    ",\"acts\":" a "}}\n"

/* Merges the partial text into out/net.graphml; the result (the caller
 * frees it). */
static run_result merge_text(const char *text)
{
    write_text("p.partial", text);
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/net.graphml", out_dir);
    return run(ARGS("merge", "p.partial", "-o", out_file));
}

static void assert_merge_refused(const char *text, const char *why)
{
    run_result r = merge_text(text);
    ck_assert_msg(r.status == 1, "status %d for %s\nstderr: %s", r.status,
                  why, r.err);
    assert_contains(r.err, "p.partial:");
    assert_contains(r.err, why);
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
}

START_TEST(merge_refuses_bad_collapsed_edges)
{
    /* a collapsed acts-on edge whose parts weigh nothing (undefined
     * behaviour in the graph once), do not add up to its weight, or are
     * missing */
    assert_merge_refused(P_HEAD("acts-on", "true") P_STATS("1")
                         P_NODE("ARC", "1", "20200101", "20200101")
                         P_NODE("BOR", "1", "20200101", "20200101")
                         "[\"relation\",\"meet\",\"meets\",1,null,true]\n"
                         "[\"act\",0,1,-1,0,0,0,0,0,20200101,20200101,"
                         "[[0,0]],[]]\n" P_END("2", "0", "1", "1"),
                         "collapsed edge");
    assert_merge_refused(P_HEAD("acts-on", "true") P_STATS("1")
                         P_NODE("ARC", "1", "20200101", "20200101")
                         P_NODE("BOR", "1", "20200101", "20200101")
                         "[\"relation\",\"meet\",\"meets\",1,null,true]\n"
                         "[\"act\",0,1,-1,5,0,0,0,1,20200101,20200101,"
                         "[[0,2]],[]]\n" P_END("2", "0", "1", "1"),
                         "collapsed edge");
    assert_merge_refused(P_HEAD("acts-on", "true") P_STATS("1")
                         P_NODE("ARC", "1", "20200101", "20200101")
                         P_NODE("BOR", "1", "20200101", "20200101")
                         "[\"act\",0,1,-1,0,0,0,0,0,20200101,20200101,"
                         "[],[]]\n" P_END("2", "0", "0", "1"),
                         "collapsed edge");
}
END_TEST

START_TEST(merge_refuses_bad_dates)
{
    /* dates that are no dates, or a first after the last */
    assert_merge_refused(P_HEAD("cooccurrence", "false") P_STATS("1")
                         P_NODE("ARC", "1", "99999999", "99999999")
                         P_END("1", "0", "0", "0"), "a date span");
    assert_merge_refused(P_HEAD("cooccurrence", "false") P_STATS("1")
                         P_NODE("ARC", "1", "20200230", "20200230")
                         P_END("1", "0", "0", "0"), "a date span");
    assert_merge_refused(P_HEAD("cooccurrence", "false") P_STATS("1")
                         P_NODE("ARC", "1", "20200105", "20200101")
                         P_END("1", "0", "0", "0"), "a date span");
    assert_merge_refused(P_HEAD("cooccurrence", "false")
                         "{\"stats\":{\"documents\":1,\"dated\":1,"
                         "\"bad_dates\":0,\"mentions\":2,\"first\":20201301,"
                         "\"last\":20201301,\"events\":0,\"left_out\":0}}\n"
                         P_END("0", "0", "0", "0"), "a date span");
    /* a leap day is a date */
    run_result r = merge_text(P_HEAD("cooccurrence", "false") P_STATS("1")
                              P_NODE("ARC", "1", "20200229", "20200229")
                              P_END("1", "0", "0", "0"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    run_free(&r);
}
END_TEST

START_TEST(merge_refuses_impossible_counts)
{
    /* a window of 0 tokens (was "out of memory"; fuzz_partial) */
    assert_merge_refused("{\"format\":\"actnet-partial\",\"version\":1,"
                         "\"network\":\"cooccurrence\",\"window\":"
                         "\"tokens\",\"window_tokens\":0,\"evidence\":0,"
                         "\"evidence_bytes\":600,\"negated\":false,"
                         "\"hedged\":true,\"collapse\":false}\n"
                         P_END("0", "0", "0", "0"), "no actnet-partial header");
    /* the totals twice */
    assert_merge_refused(P_HEAD("cooccurrence", "false") P_STATS("1")
                         P_STATS("1") P_END("0", "0", "0", "0"),
                         "a second stats line");
    /* counts that add up past 2^63 (one node three times) */
    assert_merge_refused(P_HEAD("cooccurrence", "false") P_STATS("1")
                         P_NODE("ARC", "9223372036854775807", "20200101",
                                "20200101")
                         P_NODE("ARC", "9223372036854775807", "20200101",
                                "20200101")
                         P_NODE("ARC", "9223372036854775807", "20200101",
                                "20200101")
                         P_END("3", "0", "0", "0"), "too large");
    /* and across partials: the documents of two */
    write_text("big.partial", P_HEAD("cooccurrence", "false")
               P_STATS("9223372036854775000") P_END("0", "0", "0", "0"));
    write_text("big2.partial", P_HEAD("cooccurrence", "false")
               P_STATS("1000") P_END("0", "0", "0", "0"));
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/net.graphml", out_dir);
    run_result r = run(ARGS("merge", "big.partial", "big2.partial", "-o",
                            out_file));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "big2.partial:2: ");
    assert_contains(r.err, "too large");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
    /* the largest counts that fit are read */
    r = merge_text(P_HEAD("cooccurrence", "false")
                   P_STATS("9223372036854775807")
                   P_NODE("ARC", "9223372036854775807", "20200101",
                          "20200101") P_END("1", "0", "0", "0"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    run_free(&r);
}
END_TEST

START_TEST(merge_line_limit)
{
    /* endless input without a line break: refused at the header's limit,
     * without reading on */
    char out_file[4300];
    snprintf(out_file, sizeof(out_file), "%s/net.graphml", out_dir);
    run_result r = run(ARGS("merge", "/dev/zero", "-o", out_file));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "actnet: /dev/zero:1: ");
    assert_contains(r.err, "longer than");
    if (!runner_under_valgrind())
        ck_assert_int_lt(r.maxrss_kb, 200 * 1024);
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
    /* and a long line after the header: refused at the line's limit */
    FILE *f = fopen("long.partial", "w");
    ck_assert_ptr_nonnull(f);
    fputs(P_HEAD("cooccurrence", "false"), f);
    fputs("[\"node\",\"", f);
    static char chunk[1 << 16];
    memset(chunk, 'x', sizeof(chunk));
    for (int i = 0; i < 1100; i++)
        ck_assert_uint_eq(fwrite(chunk, 1, sizeof(chunk), f), sizeof(chunk));
    ck_assert_int_eq(fclose(f), 0);
    r = run(ARGS("merge", "long.partial", "-o", out_file));
    ck_assert_int_eq(r.status, 1);
    assert_contains(r.err, "long.partial:2: ");
    assert_contains(r.err, "longer than");
    ck_assert_int_eq(count_entries(out_dir), 0);
    run_free(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The same bytes whatever the threads                                  */

START_TEST(extract_same_bytes_any_threads)
{
    /* 600 documents naming the entities in changing orders, so that each
     * thread's share meets them in another order */
    static const char *const names[] = {"Arcadia", "Borealia",
                                        "Ivo Volkov", "the Union of Lakes",
                                        "riot police", "Port Lyre"};
    make_dir("many");
    for (int i = 0; i < 600; i++) {
        char rel[64], text[512];
        int a = i % 6, b = (i / 6) % 6, c = (i / 36) % 6;
        snprintf(rel, sizeof(rel), "many/2020-01-%02d_%03d.txt", i % 28 + 1,
                 i);
        snprintf(text, sizeof(text), "%s met %s on Monday. %s and %s "
                 "talked.\n\n%s criticised %s.\n", names[a], names[b],
                 names[c], names[a], names[b], names[c]);
        write_text(rel, text);
    }
    write_text("acts.yaml", "version: 1\nrelations:\n"
               "  - id: meet\n    label: meets\n    polarity: 1\n"
               "    class: verbal-cooperation\n    symmetric: true\n"
               "    verbs: [met]\n"
               "  - id: criticise\n    label: criticises\n"
               "    polarity: -1\n    class: verbal-conflict\n"
               "    verbs: [criticised]\n");
    char acts[4300];
    runner_path(acts, sizeof(acts), "acts.yaml");
    /* each network: 1, 2 and 4 threads, and 2 and 4 again (a run is
     * not another run's copy: the threads take documents as they come) */
    static const char *const nets[] = {"cooccurrence", "acts-on",
                                       "acts-on"};
    static const char *const threads[] = {"1", "2", "4", "2", "4"};
    for (size_t n = 0; n < 3; n++) {
        char *first = NULL;
        for (size_t i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
            run_result r = run(ARGS("extract", "--rules", rules,
                                    "--rules", acts, "--evidence=2",
                                    "--network", nets[n],
                                    n == 2 ? "--collapse" : "--evidence=2",
                                    "--threads", threads[i], "many"));
            ck_assert_msg(r.status == 0, "stderr: %s", r.err);
            if (!first) {
                first = r.out;
                r.out = NULL;
            } else {
                ck_assert_msg(strcmp(first, r.out) == 0, "%s: --threads %s "
                              "made another partial", nets[n], threads[i]);
            }
            run_free(&r);
        }
        free(first);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Spreadsheet formula injection                                         */

/* Whether a field (a CSV one may be quoted) would start a formula in a
 * spreadsheet: it starts with = + - @, a tab or a carriage return and is
 * not a number nor a lone "-". */
static int formula_field(const char *f, size_t n)
{
    if (n && f[0] == '"') {
        f++;
        n--;
    }
    if (!n || !strchr("=+-@\t\r", f[0]))
        return 0;
    if (n == 1 && f[0] == '-')
        return 0;
    char *end;
    char tmp[64];
    if (n < sizeof(tmp)) {
        memcpy(tmp, f, n);
        tmp[n] = '\0';
        if (tmp[n - 1] == '"')
            tmp[n - 1] = '\0';
        strtod(tmp, &end);
        if (*end == '\0' && end != tmp)
            return 0;
    }
    return 1;
}

/* Asserts that no field of text (fields split at sep) starts a
 * formula. */
static void assert_no_formula(const char *text, char sep)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, sep == ',' ? ",\n" : "\t\n");
        ck_assert_msg(!formula_field(p, n), "a formula cell: '%.*s'",
                      (int)(n > 80 ? 80 : n), p);
        p += n;
        if (*p)
            p++;
    }
}

START_TEST(no_formulas_in_tables)
{
    write_text("rel-rules.yaml", "version: 1\nrelations:\n"
               "  - id: sanction\n    label: \"=sanctions\"\n"
               "    polarity: -1\n    class: material-conflict\n"
               "    verbs: [sanction, sanctioned]\n"
               "entities:\n  - id: \"-ZEN\"\n    type: country\n"
               "    name: \"=HYPERLINK(\\\"http://example.invalid\\\")\"\n"
               "    aliases: [Zenda]\n");
    make_dir("f");
    write_text("f/=cmd.txt", "=HYPERLINK(\"x\") Zenda sanctioned Arcadia on "
               "Monday.\n\n+Borealia sanctioned Zenda.\n\n-Arcadia "
               "sanctioned Borealia.\n");
    write_text("f/d.jsonl", "{\"id\":\"@SUM(A1)\",\"text\":\"@Zenda "
               "sanctioned Borealia.\"}\n");
    char rel[4300];
    runner_path(rel, sizeof(rel), "rel-rules.yaml");
    run_result r = run(ARGS("events", "--rules", rules, "--rules", rel,
                            "f"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.out, "'=HYPERLINK(\"x\") Zenda sanctioned");
    assert_contains(r.out, "'@SUM(A1)");
    assert_no_formula(r.out, '\t');
    run_free(&r);
    r = run(ARGS("entities", "--rules", rules, "--rules", rel, "f"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.out, "'=HYPERLINK(");
    assert_no_formula(r.out, '\t');
    run_free(&r);
    /* build's CSV tables and rank's csv and tsv */
    r = run(ARGS("build", "--rules", rules, "--rules", rel, "--network",
                 "acts-on", "-o", "out/net.csv", "-o", "out/net.graphml",
                 "f"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    run_free(&r);
    static const char *const csvs[] = {"out/net.nodes.csv",
                                       "out/net.edges.csv"};
    for (size_t i = 0; i < 2; i++) {
        char *s = runner_slurp(csvs[i], NULL);
        ck_assert_msg(s != NULL, "%s missing", csvs[i]);
        assert_contains(s, "'=");
        assert_no_formula(s, ',');
        free(s);
    }
    r = run(ARGS("rank", "--format", "csv", "out/net.graphml"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_contains(r.out, "'=HYPERLINK(");
    assert_no_formula(r.out, ',');
    run_free(&r);
    r = run(ARGS("rank", "--format", "tsv", "out/net.graphml"));
    ck_assert_msg(r.status == 0, "stderr: %s", r.err);
    assert_no_formula(r.out, '\t');
    run_free(&r);
}
END_TEST


static Suite *reliability_suite(void)
{
    Suite *s = suite_create("reliability");
    TCase *docs = tcase_create("documents");
    tcase_add_checked_fixture(docs, setup, teardown);
    tcase_set_timeout(docs, 120);
    tcase_add_test(docs, invalid_utf8_repaired);
    tcase_add_test(docs, invalid_utf8_in_json_lines);
    tcase_add_test(docs, nul_bytes);
    tcase_add_test(docs, binary_files);
    tcase_add_test(docs, empty_files);
    tcase_add_test(docs, too_large_documents);
    tcase_add_test(docs, bad_json_lines);
    tcase_add_test(docs, corrupt_gzip);
    tcase_add_test(docs, unreadable_files);
    tcase_add_test(docs, symlink_loops);
    suite_add_tcase(s, docs);

    TCase *rl = tcase_create("rules");
    tcase_add_checked_fixture(rl, setup, teardown);
    tcase_set_timeout(rl, 120);
    tcase_add_test(rl, rules_syntax_error);
    tcase_add_test(rl, rules_alias_bomb);
    tcase_add_test(rl, rules_deep_nesting);
    tcase_add_test(rl, rules_not_utf8);
    tcase_add_test(rl, rules_duplicate_keys);
    tcase_add_test(rl, rules_enormous);
    suite_add_tcase(s, rl);

    TCase *out = tcase_create("output");
    tcase_add_checked_fixture(out, setup, teardown);
    tcase_set_timeout(out, 120);
    tcase_add_test(out, output_file_size_limit);
    tcase_add_test(out, output_bad_targets);
    tcase_add_test(out, output_closed_pipe);
    tcase_add_test(out, output_killed_midway);
    tcase_add_test(out, build_outputs_all_or_nothing);
    tcase_add_test(out, events_bad_documents);
    tcase_add_test(out, exit_codes);
    suite_add_tcase(s, out);

    /* -o to what is not a new plain file (CK_RUN_CASE=targets) */
    TCase *tg = tcase_create("targets");
    tcase_add_checked_fixture(tg, setup, teardown);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, output_through_devices);
    tcase_add_test(tg, output_through_fifo);
    tcase_add_test(tg, output_through_symlink);
    tcase_add_test(tg, output_keeps_mode_owner_links);
    tcase_add_test(tg, output_nothing_left_after_kill);
    tcase_add_test(tg, stdout_write_failures);
    tcase_add_test(tg, merge_refuses_bad_collapsed_edges);
    tcase_add_test(tg, merge_refuses_bad_dates);
    tcase_add_test(tg, merge_refuses_impossible_counts);
    tcase_add_test(tg, merge_line_limit);
    tcase_add_test(tg, no_formulas_in_tables);
    tcase_add_test(tg, extract_same_bytes_any_threads);
    suite_add_tcase(s, tg);
    return s;
}

int main(void)
{
    return runner_main(reliability_suite());
}
