/*
 * test_read.c — check suite of the read stage (src/input/read.c): files,
 * directories, globs, gzip, JSON Lines, standard input, dates from paths,
 * the size limit and every kind of bad input.
 *
 * Each test works in a fresh temporary directory (mkdtemp) that is the
 * current directory while it runs, so document ids are short relative
 * paths; the fixtures are written by the tests themselves.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "actnet.h"
#include "core/util.h"

static char tmpdir[256];
static char oldcwd[4096];
static char self_path[4096];    /* this program, to run it as a child */

/* ------------------------------------------------------------------ */
/* Fixture helpers                                                      */

/* Removes path and everything under it (restoring permissions first). */
static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char sub[4096];
                snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
                rm_rf(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void setup(void)
{
    ck_assert_ptr_nonnull(getcwd(oldcwd, sizeof(oldcwd)));
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/actnet-read-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    ck_assert_int_eq(chdir(tmpdir), 0);
}

static void teardown(void)
{
    if (chdir(oldcwd) != 0)
        return;
    rm_rf(tmpdir);
}

/* Creates the directories leading to path (relative). */
static void make_parents(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0)
            ck_assert_int_eq(errno, EEXIST);
        *p = '/';
    }
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    make_parents(path);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

static void write_file(const char *path, const char *text)
{
    write_bytes(path, text, strlen(text));
}

/* Writes data as one gzip member, appended to the file when append. */
static void write_gz(const char *path, const void *data, size_t len,
                     int append)
{
    make_parents(path);
    gzFile gz = gzopen(path, append ? "ab" : "wb");
    ck_assert_ptr_nonnull(gz);
    if (len)
        ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
    ck_assert_int_eq(gzclose(gz), Z_OK);
}

static char *read_whole(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    an_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ck_assert_int_eq(an_buf_append(&b, chunk, n), 0);
    fclose(fp);
    *len = b.len;
    return b.data;
}

/* Deterministic text of about n bytes that does not compress to nothing. */
static char *noisy_lines(size_t n, int jsonl, size_t *len)
{
    an_buf b = {0};
    uint32_t x = 12345;
    for (int i = 1; b.len < n; i++) {
        x = x * 1103515245u + 12345u;
        if (jsonl)
            an_buf_printf(&b, "{\"id\": %d, \"text\": \"Line %d says %08x.\"}\n",
                          i, i, (unsigned)x);
        else
            an_buf_printf(&b, "Line %d of the corpus says %08x.\n", i,
                          (unsigned)x);
    }
    *len = b.len;
    return b.data;
}

/* ------------------------------------------------------------------ */
/* Reading everything into a log                                        */

static const char *status_tag(actnet_status st)
{
    switch (st) {
    case ACTNET_ERR_IO: return "IO";
    case ACTNET_ERR_DATA: return "DATA";
    case ACTNET_ERR_NOMEM: return "NOMEM";
    case ACTNET_ERR_USAGE: return "USAGE";
    default: return "?";
    }
}

static void log_escaped(an_buf *log, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            an_buf_append(log, "\\n", 2);
        else if (s[i] == '\0')
            an_buf_append(log, "\\0", 2);
        else
            an_buf_putc(log, s[i]);
    }
}

/*
 * Runs the reader to the end and returns a log (caller frees), one line
 * per call: "D|id|date|text" for a document (date "-" when none),
 * "E|STATUS|path|line|message" for a skipped one.
 */
static char *drain(actnet_reader *r)
{
    an_buf log = {0};
    an_buf_terminate(&log);
    for (int guard = 0; guard < 100000; guard++) {
        actnet_document d;
        actnet_error e;
        actnet_error_clear(&e);
        actnet_status st = actnet_reader_next(r, &d, &e);
        if (st == ACTNET_DONE)
            break;
        ck_assert_int_ne(st, ACTNET_ERR_NOMEM);
        if (st == ACTNET_OK) {
            ck_assert_ptr_nonnull(d.id);
            ck_assert_ptr_nonnull(d.text);
            an_buf_printf(&log, "D|%s|%s|", d.id, d.date ? d.date : "-");
            log_escaped(&log, d.text, d.len);
            an_buf_putc(&log, '\n');
        } else {
            an_buf_printf(&log, "E|%s|%s|%d|%s\n", status_tag(st), e.path,
                          e.line, e.message);
        }
    }
    return log.data;
}

/* A reader over the given inputs (NULL-terminated), with opts or NULL. */
static actnet_reader *reader_over(const actnet_reader_options *opts,
                                  const char *const *inputs)
{
    actnet_reader *r = actnet_reader_create(opts);
    ck_assert_ptr_nonnull(r);
    for (; *inputs; inputs++) {
        actnet_error e;
        actnet_error_clear(&e);
        ck_assert_msg(actnet_reader_add(r, *inputs, &e) == ACTNET_OK,
                      "add %s: %s", *inputs, e.message);
    }
    return r;
}

/* Reads inputs with opts and returns the log (caller frees). */
static char *read_all(const actnet_reader_options *opts,
                      const char *const *inputs)
{
    actnet_reader *r = reader_over(opts, inputs);
    char *log = drain(r);
    /* after the end, the reader stays at the end */
    actnet_document d;
    ck_assert_int_eq(actnet_reader_next(r, &d, NULL), ACTNET_DONE);
    actnet_reader_destroy(r);
    return log;
}

#define INPUTS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void expect_log(char *log, const char *want)
{
    ck_assert_str_eq(log, want);
    free(log);
}

/* ------------------------------------------------------------------ */
/* Options and plain files                                              */

START_TEST(options_defaults)
{
    actnet_reader_options o;
    memset(&o, 0x5a, sizeof(o));
    actnet_reader_options_init(&o);
    ck_assert_str_eq(o.text_field, "text");
    ck_assert_str_eq(o.id_field, "id");
    ck_assert_str_eq(o.date_field, "date");
    ck_assert_ptr_null(o.globs);
    ck_assert_uint_eq(o.max_doc_bytes, (size_t)64 << 20);
    ck_assert_int_eq(o.stdin_jsonl, 0);
    actnet_reader_destroy(NULL);
    actnet_reader *r = actnet_reader_create(NULL);
    ck_assert_ptr_nonnull(r);
    actnet_document d;
    ck_assert_int_eq(actnet_reader_next(r, &d, NULL), ACTNET_DONE);
    actnet_reader_destroy(r);
}
END_TEST

START_TEST(plain_file)
{
    write_file("a.txt", "Hello world.\n\nSecond paragraph.");
    write_file("notes.md", "Read although not *.txt: named inputs need no glob.");
    actnet_reader *r = reader_over(NULL, INPUTS("a.txt", "notes.md"));
    actnet_document d;
    actnet_error e;
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "a.txt");
    ck_assert_ptr_null(d.date);
    ck_assert_uint_eq(d.len, 31);
    ck_assert(memcmp(d.text, "Hello world.\n\nSecond paragraph.", 31) == 0);
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "notes.md");
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    actnet_reader_destroy(r);
}
END_TEST

START_TEST(add_missing_path)
{
    actnet_reader *r = actnet_reader_create(NULL);
    actnet_error e;
    actnet_error_clear(&e);
    ck_assert_int_eq(actnet_reader_add(r, "nope/x.txt", &e), ACTNET_ERR_IO);
    ck_assert_str_eq(e.path, "nope/x.txt");
    ck_assert_ptr_nonnull(strstr(e.message, "No such file or directory"));
    ck_assert_int_eq(actnet_reader_add(r, "", &e), ACTNET_ERR_USAGE);
    actnet_document d;
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    actnet_reader_destroy(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Directories and globs                                                */

static void make_tree(void)
{
    write_file("c/b.txt", "B");
    write_file("c/a.txt", "A lower");
    write_file("c/A.txt", "A upper");
    write_file("c/a/z.txt", "Z in a");
    write_file("c/sub/x.txt", "X");
    write_gz("c/sub/deeper/y.txt.gz", "Y zipped", 8, 0);
    write_file("c/docs.jsonl", "{\"id\": \"j1\", \"text\": \"J one\"}\n"
                               "{\"id\": \"j2\", \"text\": \"J two\"}\n");
    write_file("c/notes.md", "markdown");
    write_file("c/sub/readme", "no extension");
    write_file("c/.hidden.txt", "hidden");
    write_file("c/.git/h.txt", "hidden dir");
}

START_TEST(directory_order)
{
    make_tree();
    const char *want =
        "D|c/A.txt|-|A upper\n"
        "D|c/a/z.txt|-|Z in a\n"
        "D|c/a.txt|-|A lower\n"
        "D|c/b.txt|-|B\n"
        "D|j1|-|J one\n"
        "D|j2|-|J two\n"
        "D|c/sub/deeper/y.txt.gz|-|Y zipped\n"
        "D|c/sub/x.txt|-|X\n";
    expect_log(read_all(NULL, INPUTS("c")), want);
    /* a trailing slash does not double the separator */
    char *log = read_all(NULL, INPUTS("c/"));
    ck_assert_ptr_nonnull(strstr(log, "D|c/a/z.txt|-|Z in a\n"));
    free(log);
    /* inputs are read in the order queued */
    expect_log(read_all(NULL, INPUTS("c/b.txt", "c/sub", "c/a.txt")),
               "D|c/b.txt|-|B\n"
               "D|c/sub/deeper/y.txt.gz|-|Y zipped\n"
               "D|c/sub/x.txt|-|X\n"
               "D|c/a.txt|-|A lower\n");
}
END_TEST

START_TEST(custom_globs)
{
    make_tree();
    const char *const globs[] = {"*.md", "read*", NULL};
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.globs = globs;
    expect_log(read_all(&o, INPUTS("c", "c/b.txt")),
               "D|c/notes.md|-|markdown\n"
               "D|c/sub/readme|-|no extension\n"
               "D|c/b.txt|-|B\n");
}
END_TEST

START_TEST(symlink_loops)
{
    write_file("l/a.txt", "A");
    write_file("l/sub/b.txt", "B");
    write_file("other/c.txt", "C");
    ck_assert_int_eq(symlink("..", "l/sub/up"), 0);
    ck_assert_int_eq(symlink(".", "l/self"), 0);
    ck_assert_int_eq(symlink("../other", "l/link"), 0);
    ck_assert_int_eq(symlink("a.txt", "l/alias.txt"), 0);
    expect_log(read_all(NULL, INPUTS("l")),
               "D|l/a.txt|-|A\n"
               "D|l/alias.txt|-|A\n"
               "D|l/link/c.txt|-|C\n"
               "E|IO|l/self|0|symbolic link loop: this is the directory 'l' "
               "again, which is already being read\n"
               "D|l/sub/b.txt|-|B\n"
               "E|IO|l/sub/up|0|symbolic link loop: this is the directory "
               "'l' again, which is already being read\n");
}
END_TEST

START_TEST(dangling_and_vanished)
{
    write_file("d/ok.txt", "fine");
    write_file("gone.txt", "soon gone");
    ck_assert_int_eq(symlink("nowhere.txt", "d/dangling.txt"), 0);
    ck_assert_int_eq(symlink("nowhere.md", "d/dangling.md"), 0);
    actnet_reader *r = reader_over(NULL, INPUTS("gone.txt", "d"));
    ck_assert_int_eq(unlink("gone.txt"), 0);
    expect_log(drain(r),
               "E|IO|gone.txt|0|cannot read this input: No such file or "
               "directory\n"
               "E|IO|d/dangling.txt|0|cannot read this file: No such file or "
               "directory\n"
               "D|d/ok.txt|-|fine\n");
    actnet_reader_destroy(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* gzip                                                                 */

START_TEST(gzip_plain_and_multimember)
{
    write_gz("g.txt.gz", "Hello ", 6, 0);
    write_gz("g.txt.gz", "world.", 6, 1);       /* a second member */
    write_gz("G.JSONL.GZ", "{\"text\": \"zipped line\"}\n", 24, 0);
    write_gz("2020-08-12_day.txt.gz", "dated", 5, 0);
    expect_log(read_all(NULL, INPUTS("g.txt.gz", "G.JSONL.GZ",
                                     "2020-08-12_day.txt.gz")),
               "D|g.txt.gz|-|Hello world.\n"
               "D|G.JSONL.GZ:1|-|zipped line\n"
               "D|2020-08-12_day.txt.gz|2020-08-12|dated\n");
}
END_TEST

START_TEST(gzip_bad)
{
    size_t n, zlen;
    char *text = noisy_lines(200000, 0, &n);
    write_gz("big.txt.gz", text, n, 0);
    free(text);
    char *z = read_whole("big.txt.gz", &zlen);
    ck_assert_uint_gt(zlen, 20000);
    /* corrupt: garbage in the middle of the compressed data */
    memset(z + zlen / 2, 0xff, 64);
    write_bytes("corrupt.txt.gz", z, zlen);
    /* truncated */
    write_bytes("short.txt.gz", z, zlen / 3);
    free(z);
    write_file("fake.txt.gz", "plain text under a .gz name");
    write_file("ok.txt", "still read");

    char *log = read_all(NULL, INPUTS("corrupt.txt.gz", "short.txt.gz",
                                      "fake.txt.gz", "ok.txt"));
    ck_assert_ptr_nonnull(strstr(log, "E|DATA|corrupt.txt.gz|0|corrupt gzip "
                                      "data ("));
    ck_assert_ptr_nonnull(strstr(log, "E|DATA|short.txt.gz|0|corrupt gzip "
                                      "data (unexpected end of file)\n"));
    ck_assert_ptr_nonnull(strstr(log, "E|DATA|fake.txt.gz|0|not "
                                      "gzip-compressed although the name "
                                      "ends in .gz (rename or recompress "
                                      "it)\n"));
    ck_assert_ptr_nonnull(strstr(log, "D|ok.txt|-|still read\n"));
    ck_assert_ptr_null(strstr(log, "D|corrupt"));
    ck_assert_ptr_null(strstr(log, "D|short"));
    free(log);
}
END_TEST

START_TEST(gzip_jsonl_truncated)
{
    size_t n, zlen;
    char *text = noisy_lines(300000, 1, &n);
    write_gz("lines.jsonl.gz", text, n, 0);
    free(text);
    char *z = read_whole("lines.jsonl.gz", &zlen);
    write_bytes("cut.jsonl.gz", z, zlen / 2);
    free(z);
    write_file("after.txt", "after");
    actnet_reader *r = reader_over(NULL, INPUTS("cut.jsonl.gz", "after.txt"));
    actnet_document d;
    actnet_error e;
    actnet_status st;
    int docs = 0;
    while ((st = actnet_reader_next(r, &d, &e)) == ACTNET_OK) {
        docs++;
        char id[32];
        snprintf(id, sizeof(id), "%d", docs);
        ck_assert_str_eq(d.id, id);   /* every good line, in order */
    }
    ck_assert_int_gt(docs, 100);
    ck_assert_int_eq(st, ACTNET_ERR_DATA);
    ck_assert_str_eq(e.path, "cut.jsonl.gz");
    char want[128];
    snprintf(want, sizeof(want),
             "corrupt gzip data (unexpected end of file) after line %d", docs);
    ck_assert_str_eq(e.message, want);
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "after.txt");
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    actnet_reader_destroy(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* JSON Lines                                                           */

START_TEST(jsonl_bad_lines)
{
    write_file("bad.jsonl",
               "{\"id\": \"d1\", \"text\": \"First.\", \"date\": \"2020-08-10\"}\n"
               "not json\n"
               "\n"
               "[1, 2]\n"
               "{\"id\": \"d5\"}\n"
               "{\"id\": 7, \"text\": \"Seven.\"}\n"
               "{\"text\": \"No id.\"}\n"
               "{\"text\": 5}\n"
               "   \t \n"
               "{\"text\": \"Two\\nlines\", \"id\": -42}\r\n"
               "{\"text\": \"   \"}\n"
               "{\"text\": \"Last.\", \"id\": \"d12\"}");
    expect_log(read_all(NULL, INPUTS("bad.jsonl")),
               "D|d1|2020-08-10|First.\n"
               "E|DATA|bad.jsonl|2|not valid JSON: '[' or '{' expected near "
               "'not'\n"
               "E|DATA|bad.jsonl|4|the line is an array, not a JSON object "
               "such as {\"text\": \"...\"}\n"
               "E|DATA|bad.jsonl|5|no \"text\" field in this object; name the "
               "field that holds the text with --text-field\n"
               "D|7|-|Seven.\n"
               "D|bad.jsonl:7|-|No id.\n"
               "E|DATA|bad.jsonl|8|the \"text\" field is an integer, not a "
               "string\n"
               "D|-42|-|Two\\nlines\n"
               "E|DATA|bad.jsonl|11|empty document (the \"text\" field is "
               "empty)\n"
               "D|d12|-|Last.\n");
}
END_TEST

START_TEST(jsonl_column_and_bom)
{
    write_file("col.jsonl", "\xef\xbb\xbf{\"text\": \"BOM first\"}\n"
                            "{\"text\": \"x\",, \"id\": 1}\n");
    actnet_reader *r = reader_over(NULL, INPUTS("col.jsonl"));
    actnet_document d;
    actnet_error e;
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "col.jsonl:1");
    ck_assert_uint_eq(d.len, 9);
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_ERR_DATA);
    ck_assert_str_eq(e.path, "col.jsonl");
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 14);   /* the second comma */
    ck_assert_ptr_nonnull(strstr(e.message, "not valid JSON"));
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    actnet_reader_destroy(r);
}
END_TEST

START_TEST(jsonl_custom_fields_and_types)
{
    write_file("f.jsonl",
               "{\"uid\": \"a\", \"body\": \"Body A\", \"published\": "
               "\"2021-03-04T10:00:00Z\", \"text\": \"not this\"}\n"
               "{\"uid\": null, \"body\": \"Body B\", \"published\": null}\n"
               "{\"uid\": 1.5, \"body\": \"Body C\"}\n"
               "{\"uid\": \"d\", \"body\": \"Body D\", \"published\": 2021}\n"
               "{\"uid\": \"\", \"body\": \"Body E\"}\n"
               "{\"uid\": \"f\", \"body\": \"nul\\u0000inside\"}\n");
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.text_field = "body";
    o.id_field = "uid";
    o.date_field = "published";
    expect_log(read_all(&o, INPUTS("f.jsonl")),
               "D|a|2021-03-04T10:00:00Z|Body A\n"
               "D|f.jsonl:2|-|Body B\n"
               "E|DATA|f.jsonl|3|the \"uid\" field is a number; it must be a "
               "string or an integer\n"
               "E|DATA|f.jsonl|4|the \"published\" field is an integer; it "
               "must be a string such as \"2020-08-10\"\n"
               "D|f.jsonl:5|-|Body E\n"
               "D|f|-|nul\\0inside\n");
}
END_TEST

START_TEST(jsonl_invalid_utf8_is_kept)
{
    write_file("u.jsonl", "{\"id\": \"u\", \"text\": \"caf\xe9 ok\"}\n"
                          "{\"id\": \"v\", \"text\": \"fine \xc3\xa9\"}\n");
    expect_log(read_all(NULL, INPUTS("u.jsonl")),
               "D|u|-|caf\xef\xbf\xbd ok\n"
               "D|v|-|fine \xc3\xa9\n");
}
END_TEST

START_TEST(jsonl_deep_nesting)
{
    size_t depth = 100000;
    char *line = malloc(depth + 40);
    ck_assert_ptr_nonnull(line);
    memset(line, '[', depth);
    strcpy(line + depth, "\n{\"text\": \"survivor\"}\n");
    write_file("deep.jsonl", line);
    free(line);
    char *log = read_all(NULL, INPUTS("deep.jsonl"));
    ck_assert_ptr_nonnull(strstr(log, "E|DATA|deep.jsonl|1|not valid JSON"));
    ck_assert_ptr_nonnull(strstr(log, "D|deep.jsonl:2|-|survivor\n"));
    free(log);
}
END_TEST

START_TEST(jsonl_empty_file)
{
    write_file("none.jsonl", "");
    write_file("blank.jsonl", "\n  \n\n");
    write_file("ok.txt", "ok");
    expect_log(read_all(NULL, INPUTS("none.jsonl", "blank.jsonl", "ok.txt")),
               "E|DATA|none.jsonl|0|empty file: no JSON Lines documents in "
               "it\n"
               "E|DATA|blank.jsonl|0|empty file: no JSON Lines documents in "
               "it\n"
               "D|ok.txt|-|ok\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Dates from paths                                                     */

START_TEST(dates_from_paths)
{
    write_file("2020-08-10_minsk.txt", "1");
    write_file("news/2020-08-11/x.txt", "2");
    write_file("2019-01-01/2020-02-03_x.txt", "3");
    write_file("2020-13-45_bad.txt", "4");
    write_file("2021-02-29_noleap.txt", "5");
    write_file("2024-02-29_leap.txt", "6");
    write_file("12020-08-10.txt", "7");
    write_file("plain.txt", "8");
    expect_log(read_all(NULL, INPUTS("2020-08-10_minsk.txt", "news",
                                     "2019-01-01/2020-02-03_x.txt",
                                     "2020-13-45_bad.txt",
                                     "2021-02-29_noleap.txt",
                                     "2024-02-29_leap.txt",
                                     "12020-08-10.txt", "plain.txt")),
               "D|2020-08-10_minsk.txt|2020-08-10|1\n"
               "D|news/2020-08-11/x.txt|2020-08-11|2\n"
               "D|2019-01-01/2020-02-03_x.txt|2020-02-03|3\n"
               "D|2020-13-45_bad.txt|-|4\n"
               "D|2021-02-29_noleap.txt|-|5\n"
               "D|2024-02-29_leap.txt|2024-02-29|6\n"
               "D|12020-08-10.txt|-|7\n"
               "D|plain.txt|-|8\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* The size limit                                                       */

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

START_TEST(size_limit_plain)
{
    char *s64 = repeat('a', 64), *s65 = repeat('b', 65);
    char *big = repeat('c', 1 << 20);
    write_file("at.txt", s64);
    write_file("over.txt", s65);
    write_file("big.txt", big);
    write_gz("big.txt.gz", big, 1 << 20, 0);
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.max_doc_bytes = 64;
    char *log = read_all(&o, INPUTS("at.txt", "over.txt", "big.txt",
                                    "big.txt.gz", "at.txt"));
    an_buf want = {0};
    const char *msg = "document is larger than the limit of 64 bytes; raise "
                      "it with --max-doc-size";
    an_buf_printf(&want, "D|at.txt|-|%s\n", s64);
    an_buf_printf(&want, "E|DATA|over.txt|0|%s\n", msg);
    an_buf_printf(&want, "E|DATA|big.txt|0|%s\n", msg);
    an_buf_printf(&want, "E|DATA|big.txt.gz|0|%s\n", msg);
    an_buf_printf(&want, "D|at.txt|-|%s\n", s64);
    expect_log(log, want.data);
    an_buf_free(&want);
    free(s64);
    free(s65);

    /* a limit of exactly the bytes looked at for binary data */
    write_bytes("8k.txt", big, 8192);
    write_bytes("8k1.txt", big, 8193);
    o.max_doc_bytes = 8192;
    log = read_all(&o, INPUTS("8k.txt", "8k1.txt", "big.txt", "big.txt.gz"));
    msg = "document is larger than the limit of 8192 bytes; raise it with "
          "--max-doc-size";
    an_buf_printf(&want, "D|8k.txt|-|%.8192s\n", big);
    an_buf_printf(&want, "E|DATA|8k1.txt|0|%s\n", msg);
    an_buf_printf(&want, "E|DATA|big.txt|0|%s\n", msg);
    an_buf_printf(&want, "E|DATA|big.txt.gz|0|%s\n", msg);
    expect_log(log, want.data);
    an_buf_free(&want);
    free(big);
}
END_TEST

START_TEST(size_limit_jsonl)
{
    /* lines of exactly 64 and 65 bytes, then one of 600 KB that spans
     * several reads, then a good line */
    const char *head = "{\"text\": \"";
    an_buf b = {0};
    an_buf_printf(&b, "%s%s\"}\n", head, "x123456789012345678901234567890"
                  "12345678901234567890X");
    size_t first = b.len - 1;
    an_buf_printf(&b, "%s%s\"}\n", head, "y123456789012345678901234567890"
                  "123456789012345678901YY");
    char *huge = repeat('z', 600000);
    an_buf_printf(&b, "%s%s\"}\n{\"text\": \"after\"}\n", head, huge);
    free(huge);
    ck_assert_uint_eq(first, 64);
    write_bytes("lim.jsonl", b.data, b.len);
    an_buf_free(&b);
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.max_doc_bytes = 64;
    char *log = read_all(&o, INPUTS("lim.jsonl"));
    const char *msg = "document is larger than the limit of 64 bytes; raise "
                      "it with --max-doc-size";
    an_buf want = {0};
    an_buf_printf(&want, "D|lim.jsonl:1|-|x123456789012345678901234567890"
                  "12345678901234567890X\n");
    an_buf_printf(&want, "E|DATA|lim.jsonl|2|%s\n", msg);
    an_buf_printf(&want, "E|DATA|lim.jsonl|3|%s\n", msg);
    an_buf_printf(&want, "D|lim.jsonl:4|-|after\n");
    expect_log(log, want.data);
    an_buf_free(&want);
}
END_TEST

/*
 * A document far over the limit is not read whole: the reader stops a
 * byte past the limit.  The test holds the write end of a FIFO open (so
 * a reader that wanted everything would block, and the test time out),
 * fills it, and counts what the reader left unread.
 */
START_TEST(size_limit_stops_reading)
{
    ck_assert_int_eq(mkfifo("pipe.txt", 0600), 0);
    int w = open("pipe.txt", O_RDWR | O_NONBLOCK);
    ck_assert_int_ge(w, 0);
    static char chunk[4096];
    memset(chunk, 'w', sizeof(chunk));
    size_t written = 0;
    for (;;) {
        ssize_t n = write(w, chunk, sizeof(chunk));
        if (n < 0) {
            ck_assert_int_eq(errno, EAGAIN);
            break;
        }
        written += (size_t)n;
    }
    ck_assert_uint_gt(written, 4000);
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.max_doc_bytes = 1000;
    actnet_reader *r = reader_over(&o, INPUTS("pipe.txt"));
    actnet_document d;
    actnet_error e;
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(e.message, "larger than the limit of 1000"));
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_DONE);
    actnet_reader_destroy(r);
    int left = -1;
    ck_assert_int_eq(ioctl(w, FIONREAD, &left), 0);
    ck_assert_int_eq(left, (int)(written - 1001));
    close(w);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Empty, binary and unreadable files                                   */

START_TEST(empty_documents)
{
    write_file("empty.txt", "");
    write_file("spaces.txt", "  \n\t\n");
    write_gz("empty.txt.gz", "", 0, 0);
    write_file("zero.txt.gz", "");
    write_file("ok.txt", "ok");
    expect_log(read_all(NULL, INPUTS("empty.txt", "spaces.txt", "empty.txt.gz",
                                     "zero.txt.gz", "ok.txt")),
               "E|DATA|empty.txt|0|empty document\n"
               "E|DATA|spaces.txt|0|empty document\n"
               "E|DATA|empty.txt.gz|0|empty document\n"
               "E|DATA|zero.txt.gz|0|empty document\n"
               "D|ok.txt|-|ok\n");
}
END_TEST

START_TEST(binary_files)
{
    char bin[4096];
    for (size_t i = 0; i < sizeof(bin); i++)
        bin[i] = (char)(i % 7 == 0 ? 0 : 'a' + i % 26);
    write_bytes("bin.txt", bin, sizeof(bin));
    write_bytes("bin.jsonl", bin, sizeof(bin));
    write_bytes("image.txt", "\x89PNG\r\n\x1a\n rest of it", 20);
    write_bytes("utf16.txt", "\xff\xfeH\0i\0", 6);
    /* one NUL in 1000 bytes is not binary (0.1%) */
    char *mostly = repeat('t', 1000);
    mostly[500] = '\0';
    write_bytes("mostly.txt", mostly, 1000);
    free(mostly);
    char *log = read_all(NULL, INPUTS("bin.txt", "bin.jsonl", "image.txt",
                                      "utf16.txt", "mostly.txt"));
    const char *want =
        "E|DATA|bin.txt|0|looks like a binary file (586 of the first 4096 "
        "bytes are NUL)\n"
        "E|DATA|bin.jsonl|0|looks like a binary file (586 of the first 4096 "
        "bytes are NUL)\n"
        "E|DATA|image.txt|0|looks like a binary file (a PNG image)\n"
        "E|DATA|utf16.txt|0|looks like a binary file (UTF-16 text; convert "
        "it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8)\n"
        "D|mostly.txt|-|";
    ck_assert_int_eq(strncmp(log, want, strlen(want)), 0);
    ck_assert_ptr_nonnull(strstr(log, "\\0"));
    free(log);
}
END_TEST

/* The reads of unreadable_files; returns 0 when all went as expected. */
static int check_unreadable(void)
{
    actnet_reader *r = actnet_reader_create(NULL);
    actnet_document d;
    actnet_error e;
    int bad = 0;
    if (!r || actnet_reader_add(r, "locked.txt", &e) != ACTNET_OK ||
        actnet_reader_add(r, "dir", &e) != ACTNET_OK)
        return 10;
    if (actnet_reader_next(r, &d, &e) != ACTNET_ERR_IO ||
        strcmp(e.path, "locked.txt") != 0 ||
        strcmp(e.message, "cannot open this file: Permission denied") != 0)
        bad = 11;
    else if (actnet_reader_next(r, &d, &e) != ACTNET_OK ||
             strcmp(d.id, "dir/a.txt") != 0)
        bad = 12;
    else if (actnet_reader_next(r, &d, &e) != ACTNET_ERR_IO ||
             strcmp(e.path, "dir/locked") != 0 ||
             strcmp(e.message,
                    "cannot open this directory: Permission denied") != 0)
        bad = 13;
    else if (actnet_reader_next(r, &d, &e) != ACTNET_OK ||
             strcmp(d.id, "dir/z.txt") != 0)
        bad = 14;
    else if (actnet_reader_next(r, &d, &e) != ACTNET_DONE)
        bad = 15;
    actnet_reader_destroy(r);
    return bad;
}

START_TEST(unreadable_files)
{
    write_file("locked.txt", "secret");
    write_file("dir/a.txt", "A");
    write_file("dir/locked/in.txt", "hidden by permissions");
    write_file("dir/z.txt", "Z");
    ck_assert_int_eq(chmod("locked.txt", 0), 0);
    ck_assert_int_eq(chmod("dir/locked", 0), 0);
    if (geteuid() != 0) {
        ck_assert_int_eq(check_unreadable(), 0);
        return;
    }
    /* root reads everything: check as an unprivileged user, in a child
     * that runs this program again (so it exits cleanly under valgrind) */
    ck_assert_int_eq(chmod(tmpdir, 0755), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(99);
        execl(self_path, self_path, "--unreadable-child", (char *)NULL);
        _exit(98);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    if (WEXITSTATUS(status) == 99)
        return;   /* cannot drop privileges here: nothing to check */
    ck_assert_int_ne(WEXITSTATUS(status), 98);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Standard input                                                       */

/* Makes data the standard input; returns the saved descriptor. */
static int stdin_from(const char *data)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    size_t len = strlen(data);
    ck_assert(len < 60000);   /* fits the pipe buffer */
    ck_assert_int_eq(write(p[1], data, len), (ssize_t)len);
    close(p[1]);
    int saved = dup(0);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_eq(dup2(p[0], 0), 0);
    close(p[0]);
    return saved;
}

static void stdin_restore(int saved)
{
    dup2(saved, 0);
    close(saved);
}

START_TEST(stdin_plain)
{
    write_file("2020-01-01.txt", "file");
    int saved = stdin_from("From standard input.\n");
    char *log = read_all(NULL, INPUTS("-", "2020-01-01.txt"));
    stdin_restore(saved);
    expect_log(log, "D|-|-|From standard input.\\n\n"
                    "D|2020-01-01.txt|2020-01-01|file\n");
}
END_TEST

START_TEST(stdin_jsonl)
{
    int saved = stdin_from("{\"id\": \"s1\", \"text\": \"One.\"}\n"
                           "oops\n"
                           "{\"text\": \"Two.\"}\n");
    actnet_reader_options o;
    actnet_reader_options_init(&o);
    o.stdin_jsonl = 1;
    char *log = read_all(&o, INPUTS("-"));
    stdin_restore(saved);
    expect_log(log, "D|s1|-|One.\n"
                    "E|DATA|-|2|not valid JSON: '[' or '{' expected near "
                    "'oops'\n"
                    "D|-:3|-|Two.\n");
}
END_TEST

START_TEST(stdin_empty)
{
    int saved = stdin_from("");
    char *log = read_all(NULL, INPUTS("-"));
    stdin_restore(saved);
    expect_log(log, "E|DATA|-|0|empty document\n");
}
END_TEST

/* Destroying a reader in the middle of an input frees everything (the
 * valgrind run of the suite checks). */
START_TEST(destroy_midway)
{
    size_t n;
    char *text = noisy_lines(100000, 1, &n);
    write_bytes("many.jsonl", text, n);
    write_gz("many.jsonl.gz", text, n, 0);
    free(text);
    write_file("t/a/b/c.txt", "deep");
    actnet_reader *r = reader_over(NULL, INPUTS("many.jsonl", "many.jsonl.gz",
                                                "t"));
    actnet_document d;
    actnet_error e;
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "1");
    actnet_reader_destroy(r);
    r = reader_over(NULL, INPUTS("many.jsonl.gz", "t"));
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    actnet_reader_destroy(r);
    r = reader_over(NULL, INPUTS("t"));
    ck_assert_int_eq(actnet_reader_next(r, &d, &e), ACTNET_OK);
    ck_assert_str_eq(d.id, "t/a/b/c.txt");
    actnet_reader_destroy(r);
}
END_TEST

static Suite *read_suite(void)
{
    Suite *s = suite_create("read");
    TCase *tc = tcase_create("read");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, options_defaults);
    tcase_add_test(tc, plain_file);
    tcase_add_test(tc, add_missing_path);
    tcase_add_test(tc, directory_order);
    tcase_add_test(tc, custom_globs);
    tcase_add_test(tc, symlink_loops);
    tcase_add_test(tc, dangling_and_vanished);
    tcase_add_test(tc, gzip_plain_and_multimember);
    tcase_add_test(tc, gzip_bad);
    tcase_add_test(tc, gzip_jsonl_truncated);
    tcase_add_test(tc, jsonl_bad_lines);
    tcase_add_test(tc, jsonl_column_and_bom);
    tcase_add_test(tc, jsonl_custom_fields_and_types);
    tcase_add_test(tc, jsonl_invalid_utf8_is_kept);
    tcase_add_test(tc, jsonl_deep_nesting);
    tcase_add_test(tc, jsonl_empty_file);
    tcase_add_test(tc, dates_from_paths);
    tcase_add_test(tc, size_limit_plain);
    tcase_add_test(tc, size_limit_jsonl);
    tcase_add_test(tc, size_limit_stops_reading);
    tcase_add_test(tc, empty_documents);
    tcase_add_test(tc, binary_files);
    tcase_add_test(tc, unreadable_files);
    tcase_add_test(tc, stdin_plain);
    tcase_add_test(tc, stdin_jsonl);
    tcase_add_test(tc, stdin_empty);
    tcase_add_test(tc, destroy_midway);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    /* absolute: the tests change the current directory */
    if (!strchr(argv[0], '/') || !realpath(argv[0], self_path))
        snprintf(self_path, sizeof(self_path), "/proc/self/exe");
    if (argc == 2 && strcmp(argv[1], "--unreadable-child") == 0)
        return check_unreadable();
    SRunner *sr = srunner_create(read_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
