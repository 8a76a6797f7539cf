/*
 * read.c — the read stage: turns the inputs (files, directories walked
 * recursively, standard input; plain text, JSON Lines, gzip) into a
 * stream of documents handed out one at a time.  A bad document or input
 * is reported through the error record and skipped; the next call goes
 * on with the rest.
 *
 * Memory: one document (plus the listings of the directories on the
 * current path) is held at a time; the buffers are reused across
 * documents.  A document over the size limit is never read whole: reading
 * stops past the limit and the rest is skipped in chunks.
 *
 * Plain files are one document each, with the path as id; an ISO date
 * (YYYY-MM-DD) in the path, the last one if several, is the date.
 */
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#define AN_DEFAULT_MAX_DOC ((size_t)64 << 20)
#define AN_SNIFF_BYTES ((size_t)8192)        /* looked at for binary data */
#ifndef AN_READ_CHUNK   /* the fuzzing build makes it small (meson.build) */
#define AN_READ_CHUNK ((size_t)256 << 10)   /* read() / gzread() size */
#endif
_Static_assert(AN_READ_CHUNK >= AN_SNIFF_BYTES,
               "the first read must hold the bytes sniffed for binary data");

static const char *const an_default_globs[] = {
    "*.txt", "*.txt.gz", "*.jsonl", "*.jsonl.gz", NULL
};

/* One directory on the path of the walk: its sorted listing. */
typedef struct an_dir_frame {
    char *path;          /* owned */
    dev_t dev;
    ino_t ino;
    char **names;        /* owned, each owned; hidden entries left out */
    size_t n, next;
} an_dir_frame;

/* An open byte source: a file, a gzip stream over a file, or stdin. */
typedef struct an_source {
    int fd;              /* -1 when closed (or owned by gz) */
    gzFile gz;           /* non-NULL when decompressing; owns its fd */
    int is_stdin;        /* fd 0: never closed */
    int check_gzip;      /* the first gzread must find a gzip header */
    uint64_t done;       /* bytes consumed from the file (compressed) */
    const char *pre;     /* stdin: bytes already read to tell JSON Lines
                            from text, handed out before fd 0's */
    size_t pre_len;
} an_source;

struct actnet_reader {
    actnet_reader_options opts;
    size_t max;                  /* effective max_doc_bytes */
    uint64_t bytes_closed;       /* bytes consumed by closed sources */

    char **inputs;               /* queued paths, owned */
    size_t n_inputs, cap_inputs, next_input;

    an_dir_frame *dirs;          /* the walk's current path */
    size_t n_dirs, cap_dirs;
    an_buf path;                 /* path of the input being opened */

    /* JSON Lines input in progress */
    int jsonl_open;
    an_source src;
    char *src_path;              /* owned; the name in ids and errors */
    size_t line_no;              /* lines read so far (1-based after read) */
    size_t src_items;            /* documents and reported lines so far */
    char *rbuf;                  /* read buffer (AN_READ_CHUNK) */
    size_t rpos, rlen;
    int reof;
    an_buf line;                 /* a line split across reads */
    an_buf fixed;                /* a line with invalid UTF-8 replaced */
    size_t repaired;             /* bytes replaced in the current line */
    json_t *json;                /* the current JSON document, owned */
    an_buf jtext;                /* text and date of a JSON document */
    an_buf jdate;                /* parsed by the fast path */
    an_buf jskip;                /* values of other fields (discarded) */

    /* the current document's storage */
    char *text;                  /* plain text; capacity text_cap */
    size_t text_cap;
    an_buf id;
    char date[11];

    an_buf stdin_head;           /* the first line of standard input (up
                                    to 64 KiB), read to see whether it
                                    is JSON Lines */
    int stdin_peeked;
};

/* ------------------------------------------------------------------ */
/* Options, creation, destruction                                       */

void actnet_reader_options_init(actnet_reader_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof(*opts));
    opts->text_field = "text";
    opts->id_field = "id";
    opts->date_field = "date";
    opts->globs = NULL;
    opts->max_doc_bytes = AN_DEFAULT_MAX_DOC;
    opts->stdin_jsonl = 0;
}

/* The reader owns everything it allocates; opts' strings stay the
 * caller's and must outlive the reader. */
actnet_reader *actnet_reader_create(const actnet_reader_options *opts)
{
    actnet_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    if (opts)
        r->opts = *opts;
    else
        actnet_reader_options_init(&r->opts);
    if (!r->opts.text_field)
        r->opts.text_field = "text";
    if (!r->opts.id_field)
        r->opts.id_field = "id";
    if (!r->opts.date_field)
        r->opts.date_field = "date";
    if (!r->opts.globs)
        r->opts.globs = an_default_globs;
    r->max = r->opts.max_doc_bytes ? r->opts.max_doc_bytes
                                   : AN_DEFAULT_MAX_DOC;
    if (r->max > SIZE_MAX / 2)
        r->max = SIZE_MAX / 2;
    r->src.fd = -1;
    return r;
}

static void an_source_close(an_source *s)
{
    if (s->gz)
        gzclose(s->gz);
    else if (s->fd >= 0 && !s->is_stdin)
        close(s->fd);
    memset(s, 0, sizeof(*s));
    s->fd = -1;
}

/* Ends the JSON Lines input in progress (keeps the buffers for reuse). */
static void an_jsonl_close(actnet_reader *r)
{
    r->bytes_closed += r->src.done;
    an_source_close(&r->src);
    free(r->src_path);
    r->src_path = NULL;
    r->jsonl_open = 0;
    r->rpos = r->rlen = 0;
    r->reof = 0;
    r->line_no = 0;
    r->src_items = 0;
}

static void an_dir_frame_free(an_dir_frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->path);
    memset(f, 0, sizeof(*f));
}

void actnet_reader_destroy(actnet_reader *r)
{
    if (!r)
        return;
    an_jsonl_close(r);
    json_decref(r->json);
    for (size_t i = 0; i < r->n_dirs; i++)
        an_dir_frame_free(&r->dirs[i]);
    free(r->dirs);
    for (size_t i = 0; i < r->n_inputs; i++)
        free(r->inputs[i]);
    free(r->inputs);
    an_buf_free(&r->path);
    free(r->rbuf);
    an_buf_free(&r->line);
    an_buf_free(&r->fixed);
    an_buf_free(&r->jtext);
    an_buf_free(&r->jdate);
    an_buf_free(&r->jskip);
    free(r->text);
    an_buf_free(&r->id);
    an_buf_free(&r->stdin_head);
    free(r);
}

/* Queues path (copied).  Only existence is checked now; the input is
 * opened when next reaches it. */
actnet_status actnet_reader_add(actnet_reader *r, const char *path,
                                actnet_error *err)
{
    if (!r || !path || !*path) {
        an_error_set(err, "", 0, 0, "no input path given");
        return ACTNET_ERR_USAGE;
    }
    if (strcmp(path, "-") != 0) {
        struct stat st;
        if (stat(path, &st) != 0) {
            an_error_set(err, path, 0, 0,
                         "cannot read this input: %s; check the path",
                         strerror(errno));
            return ACTNET_ERR_IO;
        }
    }
    char *copy = an_strdup(path);
    if (!copy || AN_RESERVE(r->inputs, r->cap_inputs, r->n_inputs + 1)) {
        free(copy);
        an_error_set(err, path, 0, 0, "out of memory");
        return ACTNET_ERR_NOMEM;
    }
    r->inputs[r->n_inputs++] = copy;
    return ACTNET_OK;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

/* 1 if name ends with suffix, ignoring ASCII case. */
static int an_ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

static int an_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int an_all_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!an_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

static int an_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int an_valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    if (m == 2 && d == 29)
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return 1;
}

/*
 * Finds the last calendar date YYYY-MM-DD in path that is not part of a
 * longer run of digits; writes it NUL-terminated into out.  Returns 1 if
 * found, else 0.
 */
static int an_path_date(const char *path, char out[11])
{
    size_t len = strlen(path);
    int found = 0;
    for (size_t i = 0; i + 10 <= len; i++) {
        const char *p = path + i;
        if (!an_digits(p, 4) || p[4] != '-' || !an_digits(p + 5, 2) ||
            p[7] != '-' || !an_digits(p + 8, 2))
            continue;
        if (i > 0 && an_digits(p - 1, 1))
            continue;
        if (i + 10 < len && an_digits(p + 10, 1))
            continue;
        int y = atoi(p), m = (p[5] - '0') * 10 + (p[6] - '0');
        int d = (p[8] - '0') * 10 + (p[9] - '0');
        if (!an_valid_ymd(y, m, d))
            continue;
        memcpy(out, p, 10);
        out[10] = '\0';
        found = 1;
    }
    return found;
}

/*
 * Looks at the first bytes of a document.  Returns NULL for text, or a
 * short reason (a static string, or written into note) for binary data:
 * a known file signature, NUL bytes in more than 1% of the bytes, or
 * other control characters (not tab, line breaks, form feed or escape)
 * in more than 5% of them (random bytes have 10%; text in any 8-bit
 * encoding has next to none).
 */
static const char *an_binary_reason(const char *data, size_t n,
                                    char *note, size_t note_size)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } sigs[] = {
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"GIF87a", 6, "a GIF image"},
        {"GIF89a", 6, "a GIF image"},
        {"%PDF-", 5, "a PDF document; extract its text first"},
        {"PK\x03\x04", 4, "a ZIP archive (or .docx, .odt, .epub)"},
        {"\x1f\x8b", 2, "gzip data; give the file a .gz name"},
        {"\x7f" "ELF", 4, "an executable"},
        {"\xfd" "7zXZ", 6, "xz data"},
        {"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive"},
        {"\x28\xb5\x2f\xfd", 4, "zstd data"},
        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an MS Office document"},
        {"\xff\xfe", 2, "UTF-16 text; convert it to UTF-8, e.g. with "
                        "iconv -f UTF-16 -t UTF-8"},
        {"\xfe\xff", 2, "UTF-16 text; convert it to UTF-8, e.g. with "
                        "iconv -f UTF-16 -t UTF-8"},
    };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (n >= sigs[i].len && memcmp(data, sigs[i].magic, sigs[i].len) == 0)
            return sigs[i].what;
    if (n >= 10 && memcmp(data, "BZh", 3) == 0 && data[3] >= '1' &&
        data[3] <= '9' && memcmp(data + 4, "1AY&SY", 6) == 0)
        return "bzip2 data";
    size_t look = n < AN_SNIFF_BYTES ? n : AN_SNIFF_BYTES;
    size_t nul = 0, ctrl = 0;
    for (size_t i = 0; i < look; i++) {
        unsigned char c = (unsigned char)data[i];
        nul += c == 0;
        ctrl += (c < 0x20 && (c < '\t' || c > '\r') && c != 0x1b) ||
                c == 0x7f;
    }
    if (nul * 100 > look) {
        snprintf(note, note_size, "%zu of the first %zu bytes are NUL", nul,
                 look);
        return note;
    }
    if (ctrl >= 4 && ctrl * 20 > look) {
        snprintf(note, note_size, "%zu of the first %zu bytes are control "
                 "characters", ctrl, look);
        return note;
    }
    return NULL;
}

/*
 * Length of the valid UTF-8 sequence at p (1 to 4 bytes), or 0 when the
 * byte there does not start one (overlong forms, surrogates and code
 * points above U+10FFFF are invalid).
 */
static size_t an_utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
        (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
        return 0;
    return len;
}

/* Copies s into out with every invalid UTF-8 byte replaced by U+FFFD.
 * Returns the number of bytes replaced, or -1 when out of memory. */
static ssize_t an_utf8_repair(an_buf *out, const char *s, size_t len)
{
    ssize_t bad = 0;
    out->len = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t k = an_utf8_seq(p + i, len - i);
        if (k == 0) {
            if (an_buf_append(out, "\xef\xbf\xbd", 3))
                return -1;
            i++;
            bad++;
            continue;
        }
        if (an_buf_append(out, s + i, k))
            return -1;
        i += k;
    }
    return bad;
}

/* Appends formatted text to err's message (truncated if need be). */
static void an_error_append(actnet_error *err, const char *fmt, ...)
    AN_PRINTF(2, 3);
static void an_error_append(actnet_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    size_t n = strlen(err->message);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message + n, sizeof(err->message) - n, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Byte sources                                                         */

/*
 * Opens path (or standard input) into s, decompressing when gz.
 * Returns ACTNET_OK, or ACTNET_ERR_IO / ACTNET_ERR_NOMEM with err filled.
 */
static actnet_status an_source_open(an_source *s, const char *path,
                                    int is_stdin, int gz, actnet_error *err)
{
    memset(s, 0, sizeof(*s));
    s->fd = -1;
    if (is_stdin) {
        s->fd = 0;
        s->is_stdin = 1;
        return ACTNET_OK;
    }
    int fd;
    do
        fd = open(path, O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        an_error_set(err, path, 0, 0, "cannot open this file: %s",
                     strerror(errno));
        return ACTNET_ERR_IO;
    }
    if (!gz) {
        s->fd = fd;
        return ACTNET_OK;
    }
    s->gz = gzdopen(fd, "rb");
    if (!s->gz) {
        close(fd);
        an_error_set(err, path, 0, 0, "out of memory opening gzip data");
        return ACTNET_ERR_NOMEM;
    }
    gzbuffer(s->gz, (unsigned)AN_READ_CHUNK);
    s->check_gzip = 1;
    return ACTNET_OK;
}

/* zlib's messages start with "<fd:N>: "; drops that. */
static const char *an_gz_message(const char *msg)
{
    if (msg && msg[0] == '<') {
        const char *p = strstr(msg, ">: ");
        if (p)
            return p + 3;
    }
    return msg ? msg : "unknown error";
}

/*
 * Reads up to n bytes into buf.  Returns the count (0 at the end), or -1
 * with *st and err set (err names path and says what failed; the caller
 * appends what happens next).
 */
static ssize_t an_source_read(an_source *s, char *buf, size_t n,
                              const char *path, actnet_status *st,
                              actnet_error *err)
{
    if (n > (size_t)1 << 30)
        n = (size_t)1 << 30;
    if (s->pre_len) {
        size_t k = n < s->pre_len ? n : s->pre_len;
        memcpy(buf, s->pre, k);
        s->pre += k;
        s->pre_len -= k;
        s->done += (uint64_t)k;
        return (ssize_t)k;
    }
    if (!s->gz) {
        ssize_t got;
        do
            got = read(s->fd, buf, n);
        while (got < 0 && errno == EINTR);
        if (got < 0) {
            *st = ACTNET_ERR_IO;
            an_error_set(err, path, 0, 0, "cannot read this file: %s",
                         strerror(errno));
        } else {
            s->done += (uint64_t)got;
        }
        return got;
    }
    int got = gzread(s->gz, buf, (unsigned)n);
    z_off_t at = gzoffset(s->gz);
    if (at > 0)
        s->done = (uint64_t)at;
    int code = Z_OK;
    const char *msg = NULL;
    if (got < 0) {
        msg = gzerror(s->gz, &code);
    } else if (got == 0) {
        /* a premature end is reported as Z_BUF_ERROR after the data */
        msg = gzerror(s->gz, &code);
        if (code != Z_BUF_ERROR)
            code = Z_OK;
    } else if (s->check_gzip && gzdirect(s->gz)) {
        *st = ACTNET_ERR_DATA;
        an_error_set(err, path, 0, 0,
                     "not gzip-compressed although the name ends in .gz "
                     "(rename or recompress it)");
        return -1;
    }
    if (got > 0)
        s->check_gzip = 0;
    if (code == Z_OK)
        return got;
    if (code == Z_ERRNO) {
        *st = ACTNET_ERR_IO;
        an_error_set(err, path, 0, 0, "cannot read this file: %s",
                     strerror(errno));
    } else if (code == Z_MEM_ERROR) {
        *st = ACTNET_ERR_NOMEM;
        an_error_set(err, path, 0, 0, "out of memory decompressing");
    } else {
        *st = ACTNET_ERR_DATA;
        an_error_set(err, path, 0, 0, "corrupt gzip data (%s)",
                     code == Z_BUF_ERROR ? "unexpected end of file"
                                         : an_gz_message(msg));
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Directory walk                                                       */

static int an_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if name matches one of the reader's globs. */
static int an_glob_match(const actnet_reader *r, const char *name)
{
    for (const char *const *g = r->opts.globs; *g; g++)
        if (fnmatch(*g, name, 0) == 0)
            return 1;
    return 0;
}

/*
 * Reads the listing of directory path (with status st) and pushes it on
 * the walk.  A directory already on the walk's path is a symbolic link
 * loop: reported (ACTNET_ERR_IO) and not entered.
 */
static actnet_status an_dir_push(actnet_reader *r, const char *path,
                                 const struct stat *st, actnet_error *err)
{
    actnet_status status = ACTNET_OK;
    DIR *d = NULL;
    an_dir_frame f = {0};

    for (size_t i = 0; i < r->n_dirs; i++) {
        if (r->dirs[i].dev == st->st_dev && r->dirs[i].ino == st->st_ino) {
            an_error_set(err, path, 0, 0,
                         "symbolic link loop: this is the directory '%s' "
                         "again, which is already being read",
                         r->dirs[i].path);
            return ACTNET_ERR_IO;
        }
    }
    d = opendir(path);
    if (!d) {
        an_error_set(err, path, 0, 0,
                     "cannot open this directory: %s",
                     strerror(errno));
        return ACTNET_ERR_IO;
    }
    f.dev = st->st_dev;
    f.ino = st->st_ino;
    f.path = an_strdup(path);
    if (!f.path)
        goto nomem;
    size_t cap = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) {
                an_error_set(err, path, 0, 0,
                             "cannot list this directory: %s",
                             strerror(errno));
                status = ACTNET_ERR_IO;
                goto out;
            }
            break;
        }
        if (e->d_name[0] == '.')
            continue;     /* hidden, and "." and ".." */
        if (AN_RESERVE(f.names, cap, f.n + 1))
            goto nomem;
        f.names[f.n] = an_strdup(e->d_name);
        if (!f.names[f.n])
            goto nomem;
        f.n++;
    }
    if (f.n > 1)
        qsort(f.names, f.n, sizeof(*f.names), an_name_cmp);
    if (AN_RESERVE(r->dirs, r->cap_dirs, r->n_dirs + 1))
        goto nomem;
    r->dirs[r->n_dirs++] = f;
    memset(&f, 0, sizeof(f));
    goto out;
nomem:
    an_error_set(err, path, 0, 0, "out of memory listing this directory");
    status = ACTNET_ERR_NOMEM;
out:
    if (d)
        closedir(d);
    an_dir_frame_free(&f);
    return status;
}

/* Sets r->path to dir + "/" + name; 0 or -1 when out of memory. */
static int an_join(actnet_reader *r, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    r->path.len = 0;
    if (an_buf_append(&r->path, dir, dl))
        return -1;
    if (dl && dir[dl - 1] != '/' && an_buf_putc(&r->path, '/'))
        return -1;
    return an_buf_append(&r->path, name, strlen(name));
}

/*
 * Finds the next file to read: from the directory walk, else from the
 * queue.  Returns ACTNET_OK with its path in r->path (and *is_stdin set
 * for "-"), ACTNET_DONE when no input is left, or an error for an entry
 * that had to be skipped (the walk goes on at the next call).
 */
static actnet_status an_next_file(actnet_reader *r, int *is_stdin,
                                  actnet_error *err)
{
    struct stat st;
    *is_stdin = 0;
    for (;;) {
        if (r->n_dirs > 0) {
            an_dir_frame *f = &r->dirs[r->n_dirs - 1];
            if (f->next == f->n) {
                an_dir_frame_free(f);
                r->n_dirs--;
                continue;
            }
            const char *name = f->names[f->next++];
            if (an_join(r, f->path, name)) {
                an_error_set(err, f->path, 0, 0, "out of memory");
                return ACTNET_ERR_NOMEM;
            }
            if (stat(r->path.data, &st) != 0) {
                if (!an_glob_match(r, name))
                    continue;   /* e.g. a dangling link we would not read */
                an_error_set(err, r->path.data, 0, 0,
                             "cannot read this file: %s",
                             strerror(errno));
                return ACTNET_ERR_IO;
            }
            if (S_ISDIR(st.st_mode)) {
                actnet_status s = an_dir_push(r, r->path.data, &st, err);
                if (s != ACTNET_OK)
                    return s;
                continue;
            }
            if (S_ISREG(st.st_mode) && an_glob_match(r, name))
                return ACTNET_OK;
            continue;
        }
        if (r->next_input == r->n_inputs)
            return ACTNET_DONE;
        const char *in = r->inputs[r->next_input++];
        r->path.len = 0;
        if (an_buf_append(&r->path, in, strlen(in))) {
            an_error_set(err, in, 0, 0, "out of memory");
            return ACTNET_ERR_NOMEM;
        }
        if (strcmp(in, "-") == 0) {
            *is_stdin = 1;
            return ACTNET_OK;
        }
        if (stat(in, &st) != 0) {
            an_error_set(err, in, 0, 0, "cannot read this input: %s",
                         strerror(errno));
            return ACTNET_ERR_IO;
        }
        if (!S_ISDIR(st.st_mode))
            return ACTNET_OK;   /* named inputs are read whatever the globs */
        actnet_status s = an_dir_push(r, in, &st, err);
        if (s != ACTNET_OK)
            return s;
    }
}

/* ------------------------------------------------------------------ */
/* Plain text documents                                                 */

static actnet_status an_too_large(const actnet_reader *r, const char *name,
                                  int line, actnet_error *err)
{
    an_error_set(err, name, line, 0,
                 "document is larger than the limit of %zu bytes; raise it "
                 "with --max-doc-size", r->max);
    return ACTNET_ERR_DATA;
}

/* Grows the text buffer to hold at least need bytes (need <= max + 2). */
static int an_text_reserve(actnet_reader *r, size_t need)
{
    if (need <= r->text_cap)
        return 0;
    size_t ncap = r->text_cap ? r->text_cap : (size_t)64 << 10;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (ncap > r->max + 2)
        ncap = r->max + 2 > need ? r->max + 2 : need;
    char *p = realloc(r->text, ncap);
    if (!p)
        return -1;
    r->text = p;
    r->text_cap = ncap;
    return 0;
}

/* Hands the bytes an_stdin_is_jsonl read to the source first. */
static void an_stdin_unread(actnet_reader *r, an_source *s)
{
    s->pre = r->stdin_head.data;
    s->pre_len = r->stdin_head.len;
    r->stdin_head.len = 0;    /* handed out once */
}

/*
 * Whether standard input holds JSON Lines: its first line (read here, up
 * to 64 KiB, and handed back by an_stdin_unread) is a JSON object with
 * the text field.  Text does not start that way; a JSON Lines corpus
 * piped in (`zcat corpus.jsonl.gz | actnet build -`) does.  0 / 1; -1
 * when out of memory.
 */
static int an_stdin_is_jsonl(actnet_reader *r)
{
    if (r->stdin_peeked)
        return 0;
    r->stdin_peeked = 1;
    while (r->stdin_head.len < 65536 &&
           !memchr(r->stdin_head.data ? r->stdin_head.data : "", '\n',
                   r->stdin_head.len)) {
        char chunk[4096];
        ssize_t got;
        do
            got = read(0, chunk, sizeof(chunk));
        while (got < 0 && errno == EINTR);
        if (got <= 0)
            break;   /* an error shows again when the source reads */
        if (an_buf_append(&r->stdin_head, chunk, (size_t)got))
            return -1;
    }
    const char *p = r->stdin_head.data;
    size_t n = r->stdin_head.len;
    if (!p)
        return 0;
    const char *nl = memchr(p, '\n', n);
    size_t len = nl ? (size_t)(nl - p) : n;
    size_t a = 0;
    while (a < len && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r'))
        a++;
    if (a == len || p[a] != '{')
        return 0;
    json_error_t jerr;
    json_t *j = json_loadb(p + a, len - a, 0, &jerr);
    int yes = j && json_is_object(j) &&
              json_object_get(j, r->opts.text_field) != NULL;
    json_decref(j);
    return yes;
}

/*
 * Reads the file r->path (or standard input) as one document into doc.
 * Reads at most max + 1 bytes: a larger document is skipped without being
 * read whole (standard input is drained so the writer is not cut off).
 */
static actnet_status an_read_plain(actnet_reader *r, int is_stdin,
                                   actnet_document *doc, actnet_error *err)
{
    const char *path = r->path.data;
    actnet_status status = ACTNET_OK;
    an_source s;
    int gz = !is_stdin && an_ends_with(path, ".gz");
    size_t len = 0, limit = r->max + 1;
    int sniffed = 0, known_large = 0;
    char note[96];

    status = an_source_open(&s, path, is_stdin, gz, err);
    if (status == ACTNET_OK && is_stdin)
        an_stdin_unread(r, &s);
    if (status != ACTNET_OK)
        return status;
    if (!gz && !is_stdin) {
        struct stat st;
        if (fstat(s.fd, &st) == 0 && S_ISREG(st.st_mode) &&
            (uintmax_t)st.st_size > (uintmax_t)r->max) {
            known_large = 1;             /* only look for binary data */
            limit = AN_SNIFF_BYTES;
        }
    }
    for (;;) {
        /* here len < limit */
        size_t want = len + AN_READ_CHUNK;
        if (want > limit || want < len)
            want = limit;
        if (an_text_reserve(r, want + 1)) {
            an_error_set(err, path, 0, 0, "out of memory reading this file");
            status = ACTNET_ERR_NOMEM;
            goto out;
        }
        ssize_t got = an_source_read(&s, r->text + len, want - len, path,
                                     &status, err);
        if (got < 0)
            goto out;
        len += (size_t)got;
        int end = got == 0 || len >= limit;
        if (!sniffed && (end || len >= AN_SNIFF_BYTES)) {
            sniffed = 1;
            const char *why = an_binary_reason(r->text, len, note,
                                               sizeof(note));
            if (why) {
                an_error_set(err, path, 0, 0,
                             "looks like a binary file (%s)", why);
                status = ACTNET_ERR_DATA;
                goto drain;
            }
        }
        if (len > r->max || (known_large && len >= limit)) {
            status = an_too_large(r, path, 0, err);
            goto drain;
        }
        if (end)
            break;
    }
    if (an_all_space(r->text, len)) {
        an_error_set(err, path, 0, 0, "empty document");
        status = ACTNET_ERR_DATA;
        goto out;
    }
    r->text[len] = '\0';
    r->id.len = 0;
    if (an_buf_append(&r->id, path, strlen(path))) {
        an_error_set(err, path, 0, 0, "out of memory");
        status = ACTNET_ERR_NOMEM;
        goto out;
    }
    doc->id = r->id.data;
    doc->date = !is_stdin && an_path_date(path, r->date) ? r->date : NULL;
    doc->text = r->text;
    doc->len = len;
    goto out;
drain:
    /* skip the rest of standard input in chunks; files are just closed */
    if (is_stdin) {
        actnet_error ignored;
        actnet_status ignored_st;
        while (an_source_read(&s, r->text, r->text_cap, path, &ignored_st,
                              &ignored) > 0)
            ;
    }
out:
    r->bytes_closed += s.done;
    an_source_close(&s);
    return status;
}

/* ------------------------------------------------------------------ */
/* JSON Lines                                                           */

/* Opens the JSON Lines input r->path (or standard input). */
static actnet_status an_jsonl_open(actnet_reader *r, int is_stdin,
                                   actnet_error *err)
{
    const char *path = r->path.data;
    int gz = !is_stdin && an_ends_with(path, ".gz");
    if (!r->rbuf) {
        r->rbuf = malloc(AN_READ_CHUNK);
        if (!r->rbuf) {
            an_error_set(err, path, 0, 0, "out of memory");
            return ACTNET_ERR_NOMEM;
        }
    }
    r->src_path = an_strdup(path);
    if (!r->src_path) {
        an_error_set(err, path, 0, 0, "out of memory");
        return ACTNET_ERR_NOMEM;
    }
    actnet_status st = an_source_open(&r->src, path, is_stdin, gz, err);
    if (st == ACTNET_OK && is_stdin)
        an_stdin_unread(r, &r->src);
    if (st != ACTNET_OK) {
        an_jsonl_close(r);
        return st;
    }
    r->jsonl_open = 1;
    r->rpos = r->rlen = 0;
    r->reof = 0;
    r->line_no = 0;
    r->src_items = 0;

    /* look at the first bytes for binary data and a byte order mark
     * (standard input: at what the first read gives, not to stall) */
    while (!r->reof && r->rlen < AN_SNIFF_BYTES &&
           !(is_stdin && r->rlen > 0)) {
        ssize_t got = an_source_read(&r->src, r->rbuf + r->rlen,
                                     AN_READ_CHUNK - r->rlen, path, &st, err);
        if (got < 0 && r->rlen == 0) {
            an_jsonl_close(r);
            return st;
        }
        if (got < 0) {
            /* damage after some data (a cut gzip file): hand out the
             * lines before it; the next read meets the error again and
             * reports it after the last good line */
            actnet_error_clear(err);
            break;
        }
        if (got == 0)
            r->reof = 1;
        r->rlen += (size_t)got;
    }
    char note[96];
    const char *why = an_binary_reason(r->rbuf, r->rlen, note, sizeof(note));
    if (why) {
        an_error_set(err, path, 0, 0,
                     "looks like a binary file (%s)", why);
        an_jsonl_close(r);
        return ACTNET_ERR_DATA;
    }
    if (r->rlen >= 3 && memcmp(r->rbuf, "\xef\xbb\xbf", 3) == 0)
        r->rpos = 3;
    return ACTNET_OK;
}

/*
 * Reads the next line of the JSON Lines input (without its newline).
 * Returns 1 with *line / *len set (valid until the next read), 2 when the
 * line was longer than the limit (it has been skipped), 0 at the end of
 * the input, -1 on a read error (*st and err set).
 */
static int an_jsonl_line(actnet_reader *r, const char **line, size_t *len,
                         actnet_status *st, actnet_error *err)
{
    size_t seen = 0;
    int too_long = 0, nl_seen = 0;
    r->line.len = 0;
    for (;;) {
        if (r->rpos == r->rlen) {
            if (r->reof)
                break;
            ssize_t got = an_source_read(&r->src, r->rbuf, AN_READ_CHUNK,
                                         r->src_path, st, err);
            if (got < 0)
                return -1;
            r->rpos = 0;
            r->rlen = (size_t)got;
            if (got == 0) {
                r->reof = 1;
                break;
            }
        }
        char *start = r->rbuf + r->rpos;
        size_t avail = r->rlen - r->rpos;
        char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        r->rpos += take + (nl != NULL);
        seen += take;
        if (!too_long && seen > r->max) {
            too_long = 1;
            an_buf_free(&r->line);   /* do not keep the limit's worth */
        }
        if (!too_long) {
            if (nl && r->line.len == 0) {
                r->line_no++;
                *line = start;       /* whole line in the read buffer */
                *len = take;
                return 1;
            }
            if (an_buf_append(&r->line, start, take)) {
                *st = ACTNET_ERR_NOMEM;
                an_error_set(err, r->src_path, 0, 0, "out of memory");
                return -1;
            }
        }
        if (nl) {
            nl_seen = 1;
            break;
        }
    }
    if (!nl_seen && seen == 0)
        return 0;   /* the end of the input, nothing after the last newline */
    r->line_no++;
    if (too_long)
        return 2;
    *line = r->line.data ? r->line.data : "";
    *len = r->line.len;
    return 1;
}

static const char *an_json_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    case JSON_NULL: return "null";
    }
    return "something else";
}

/* ------------------------------------------------------------------ */
/* JSON Lines: the fast path                                            */

/*
 * Most JSON Lines corpora are one flat object per line with string
 * fields.  Such a line is parsed here by hand, without building a
 * jansson tree; anything unusual (nested values, escapes in keys, a
 * field of interest that is not a string or appears twice, invalid
 * UTF-8, control characters, numbers jansson might refuse, a missing or
 * empty text) makes an_jsonl_fast give up, and jansson parses the line
 * and reports whatever is wrong, so the result is always the one jansson
 * would give.
 */

#define AN_ONES ((uint64_t)0x0101010101010101ull)
#define AN_HIGHS ((uint64_t)0x8080808080808080ull)

/* Does any of the 8 bytes of x need attention inside a JSON string: a
 * quote, a backslash, a control character or a non-ASCII byte? */
static inline int an_json_special8(uint64_t x)
{
    uint64_t q = x ^ (AN_ONES * '"'), b = x ^ (AN_ONES * '\\');
    uint64_t zq = (q - AN_ONES) & ~q, zb = (b - AN_ONES) & ~b;
    uint64_t ctl = (x - AN_ONES * 0x20) & ~x;
    return ((zq | zb | ctl) & AN_HIGHS) != 0 || (x & AN_HIGHS) != 0;
}

static const char *an_json_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

static int an_hex4(const char *p, const char *e, uint32_t *out)
{
    uint32_t v = 0;
    if (e - p < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/*
 * Decodes the JSON string whose opening quote was just before p into out
 * (appended; out may be NULL to only check it).  Returns the position
 * after the closing quote, or NULL when the string is unusual (a control
 * character, invalid UTF-8, a bad escape, a lone surrogate, no end) or
 * out of memory: the caller then gives up.
 */
static const char *an_json_string(const char *p, const char *e, an_buf *out)
{
    for (;;) {
        const char *run = p;
        for (;;) {
            /* eight plain ASCII bytes at a time */
            while (e - p >= 8) {
                uint64_t x;
                memcpy(&x, p, 8);
                if (an_json_special8(x))
                    break;
                p += 8;
            }
            if (p >= e)
                break;
            unsigned char c = (unsigned char)*p;
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            if (c >= 0x80) {
                size_t k = an_utf8_seq((const unsigned char *)p,
                                       (size_t)(e - p));
                if (!k)
                    return NULL;
                p += k;
            } else {
                p++;
            }
        }
        if (out && p > run && an_buf_append(out, run, (size_t)(p - run)))
            return NULL;
        if (p >= e || (unsigned char)*p < 0x20)
            return NULL;
        if (*p == '"')
            return p + 1;
        /* an escape */
        if (e - p < 2)
            return NULL;
        char c = p[1], ch;
        p += 2;
        switch (c) {
        case '"': ch = '"'; break;
        case '\\': ch = '\\'; break;
        case '/': ch = '/'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (an_hex4(p, e, &cp))
                return NULL;
            p += 4;
            if (cp >= 0xdc00 && cp <= 0xdfff)
                return NULL;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                if (e - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                    an_hex4(p + 2, e, &lo) || lo < 0xdc00 || lo > 0xdfff)
                    return NULL;
                p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            char enc[4];
            size_t n;
            if (cp < 0x80) {
                enc[0] = (char)cp;
                n = 1;
            } else if (cp < 0x800) {
                enc[0] = (char)(0xc0 | cp >> 6);
                enc[1] = (char)(0x80 | (cp & 0x3f));
                n = 2;
            } else if (cp < 0x10000) {
                enc[0] = (char)(0xe0 | cp >> 12);
                enc[1] = (char)(0x80 | (cp >> 6 & 0x3f));
                enc[2] = (char)(0x80 | (cp & 0x3f));
                n = 3;
            } else {
                enc[0] = (char)(0xf0 | cp >> 18);
                enc[1] = (char)(0x80 | (cp >> 12 & 0x3f));
                enc[2] = (char)(0x80 | (cp >> 6 & 0x3f));
                enc[3] = (char)(0x80 | (cp & 0x3f));
                n = 4;
            }
            if (out && an_buf_append(out, enc, n))
                return NULL;
            continue;
        }
        default:
            return NULL;
        }
        if (out && an_buf_putc(out, ch))
            return NULL;
    }
}

/* Skips a number, true, false or null; NULL when it is anything else or
 * a number jansson might refuse (an exponent, or many digits). */
static const char *an_json_scalar(const char *p, const char *e)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(e - p) >= n && !memcmp(p, words[i], n))
            return p + n;
    }
    const char *s = p;
    if (p < e && *p == '-')
        p++;
    if (p >= e || *p < '0' || *p > '9')
        return NULL;
    if (*p == '0')
        p++;
    else
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    if (p < e && *p == '.') {
        p++;
        if (p >= e || *p < '0' || *p > '9')
            return NULL;
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E'))
        return NULL;
    return p - s > 15 ? NULL : p;
}

/*
 * Parses the common case of a JSON Lines document (see above).  Returns
 * 1 with doc filled (its strings owned by the reader), 0 when jansson
 * must parse the line instead.
 */
static int an_jsonl_fast(actnet_reader *r, const char *line, size_t len,
                         const char *where, actnet_document *doc)
{
    const char *p = line, *e = line + len;
    const char *names[3] = {r->opts.text_field, r->opts.id_field,
                            r->opts.date_field};
    size_t nlen[3];
    an_buf *dst[3] = {&r->jtext, &r->id, &r->jdate};
    int seen[3] = {0, 0, 0}, date_null = 0;

    for (int k = 0; k < 3; k++) {
        nlen[k] = strlen(names[k]);
        dst[k]->len = 0;
    }
    p = an_json_ws(p, e);
    if (p >= e || *p != '{')
        return 0;
    p = an_json_ws(p + 1, e);
    if (p < e && *p == '}')
        return 0;
    for (;;) {
        /* a key: plain ASCII, no escapes */
        if (p >= e || *p != '"')
            return 0;
        const char *k0 = ++p;
        while (p < e && *p != '"' && *p != '\\' &&
               (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80)
            p++;
        if (p >= e || *p != '"')
            return 0;
        size_t klen = (size_t)(p - k0);
        p = an_json_ws(p + 1, e);
        if (p >= e || *p != ':')
            return 0;
        p = an_json_ws(p + 1, e);
        int which[3], any = 0;
        for (int k = 0; k < 3; k++) {
            which[k] = klen == nlen[k] && !memcmp(k0, names[k], klen);
            if (which[k]) {
                if (seen[k]++)
                    return 0;   /* a duplicate: jansson keeps the last */
                any = 1;
            }
        }
        if (p < e && *p == '"') {
            an_buf *out = &r->jskip;
            int first = -1;
            for (int k = 0; k < 3 && first < 0; k++)
                if (which[k])
                    first = k;
            if (first >= 0)
                out = dst[first];
            out->len = 0;
            const char *q = an_json_string(p + 1, e, out);
            if (!q)
                return 0;
            for (int k = first + 1; first >= 0 && k < 3; k++)
                if (which[k] && an_buf_append(dst[k], out->data ? out->data
                                                                : "",
                                              out->len))
                    return 0;
            p = q;
        } else {
            const char *q = an_json_scalar(p, e);
            if (!q)
                return 0;
            /* of the fields of interest only a null date is usual */
            if (any && !(which[2] && !which[0] && !which[1] &&
                         q - p == 4 && !memcmp(p, "null", 4)))
                return 0;
            if (which[2])
                date_null = 1;
            p = q;
        }
        p = an_json_ws(p, e);
        if (p < e && *p == ',') {
            p = an_json_ws(p + 1, e);
            continue;
        }
        if (p < e && *p == '}')
            break;
        return 0;
    }
    if (an_json_ws(p + 1, e) != e || !seen[0] ||
        an_all_space(r->jtext.data, r->jtext.len))
        return 0;
    /* ids and dates are C strings: they end at a NUL (\u0000) */
    if (!seen[1] || !r->id.len || !r->id.data[0]) {
        r->id.len = 0;
        if (an_buf_append(&r->id, where, strlen(where)))
            return 0;
    }
    if (an_buf_terminate(&r->id) || an_buf_terminate(&r->jtext) ||
        an_buf_terminate(&r->jdate))
        return 0;
    doc->id = r->id.data;
    doc->date = seen[2] && !date_null && r->jdate.len && r->jdate.data[0]
                    ? r->jdate.data : NULL;
    doc->text = r->jtext.data;
    doc->len = r->jtext.len;
    return 1;
}

/*
 * Parses one line into doc.  Returns ACTNET_OK, ACTNET_DONE for a blank
 * line (skipped silently), or an error for a line that is skipped; err
 * names the input's path and the line (and the column of a JSON syntax
 * error).  A document without an id gets "PATH:LINE" as its id.  On
 * success r->json owns the strings doc points to.
 */
static actnet_status an_jsonl_parse(actnet_reader *r, const char *line,
                                    size_t len, actnet_document *doc,
                                    actnet_error *err)
{
    char where[1024];   /* "PATH:LINE", the id when there is none */
    json_error_t je;
    int ln = r->line_no > INT_MAX ? INT_MAX : (int)r->line_no;
    const char *field;

    if (an_all_space(line, len))
        return ACTNET_DONE;
    snprintf(where, sizeof(where), "%s:%zu", r->src_path, r->line_no);
    if (an_jsonl_fast(r, line, len, where, doc))
        return ACTNET_OK;
    json_t *j = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    if (!j && json_error_code(&je) == json_error_invalid_utf8) {
        /* invalid UTF-8 is repaired, not refused: replace it (and count
         * it for actnet_reader_repaired) */
        ssize_t bad = an_utf8_repair(&r->fixed, line, len);
        if (bad < 0) {
            an_error_set(err, r->src_path, ln, 0, "out of memory");
            return ACTNET_ERR_NOMEM;
        }
        r->repaired = (size_t)bad;
        j = json_loadb(r->fixed.data ? r->fixed.data : "", r->fixed.len,
                       JSON_ALLOW_NUL, &je);
    }
    if (!j) {
        if (json_error_code(&je) == json_error_out_of_memory) {
            an_error_set(err, r->src_path, ln, 0, "out of memory");
            return ACTNET_ERR_NOMEM;
        }
        an_error_set(err, r->src_path, ln, je.column > 0 ? je.column : 0,
                     "not valid JSON: %s", je.text);
        return ACTNET_ERR_DATA;
    }
    if (!json_is_object(j)) {
        an_error_set(err, r->src_path, ln, 0,
                     "the line is %s, not a JSON object such as "
                     "{\"%s\": \"...\"}",
                     an_json_type(j), r->opts.text_field);
        goto bad;
    }
    field = r->opts.text_field;
    json_t *text = json_object_get(j, field);
    if (!text) {
        an_error_set(err, r->src_path, ln, 0,
                     "no \"%s\" field in this object; name the field that "
                     "holds the text with --text-field", field);
        goto bad;
    }
    if (!json_is_string(text)) {
        an_error_set(err, r->src_path, ln, 0,
                     "the \"%s\" field is %s, not a string",
                     field, an_json_type(text));
        goto bad;
    }
    size_t tlen = json_string_length(text);
    if (an_all_space(json_string_value(text), tlen)) {
        an_error_set(err, r->src_path, ln, 0,
                     "empty document (the \"%s\" field is empty)", field);
        goto bad;
    }

    field = r->opts.id_field;
    json_t *id = json_object_get(j, field);
    r->id.len = 0;
    int id_ok;
    /* ids and dates are C strings: they end at a NUL (\u0000) */
    if (json_is_string(id) && json_string_value(id)[0])
        id_ok = !an_buf_append(&r->id, json_string_value(id),
                               strlen(json_string_value(id)));
    else if (json_is_integer(id))
        id_ok = !an_buf_printf(&r->id, "%" JSON_INTEGER_FORMAT,
                               json_integer_value(id));
    else if (!id || json_is_null(id) || json_is_string(id))
        id_ok = !an_buf_append(&r->id, where, strlen(where));
    else {
        an_error_set(err, r->src_path, ln, 0,
                     "the \"%s\" field is %s; it must be a string or an "
                     "integer", field, an_json_type(id));
        goto bad;
    }
    if (!id_ok) {
        an_error_set(err, r->src_path, ln, 0, "out of memory");
        json_decref(j);
        return ACTNET_ERR_NOMEM;
    }

    field = r->opts.date_field;
    json_t *date = json_object_get(j, field);
    if (date && !json_is_null(date) && !json_is_string(date)) {
        an_error_set(err, r->src_path, ln, 0,
                     "the \"%s\" field is %s; it must be a string such as "
                     "\"2020-08-10\"", field, an_json_type(date));
        goto bad;
    }
    doc->id = r->id.data;
    doc->date = json_is_string(date) && json_string_value(date)[0]
                    ? json_string_value(date) : NULL;
    doc->text = json_string_value(text);
    doc->len = tlen;
    r->json = j;
    return ACTNET_OK;
bad:
    json_decref(j);
    return ACTNET_ERR_DATA;
}

/*
 * The next document of the JSON Lines input in progress.  Returns
 * ACTNET_OK, an error for a skipped line (or a failed input, which is
 * then closed), or ACTNET_DONE when the input is finished (and closed).
 */
static actnet_status an_jsonl_next(actnet_reader *r, actnet_document *doc,
                                   actnet_error *err)
{
    actnet_status st = ACTNET_OK;
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        int got = an_jsonl_line(r, &line, &len, &st, err);
        if (got < 0) {
            if (r->line_no > 0)
                an_error_append(err, " after line %zu", r->line_no);
            an_jsonl_close(r);
            return st;
        }
        if (got == 0) {
            int empty = r->src_items == 0;
            if (empty)
                an_error_set(err, r->src_path, 0, 0,
                             "empty file: no JSON Lines documents in it");
            an_jsonl_close(r);
            return empty ? ACTNET_ERR_DATA : ACTNET_DONE;
        }
        if (got == 2) {
            r->src_items++;
            return an_too_large(r, r->src_path,
                                r->line_no > INT_MAX ? INT_MAX
                                                     : (int)r->line_no,
                                err);
        }
        st = an_jsonl_parse(r, line, len, doc, err);
        if (st == ACTNET_DONE)
            continue;
        r->src_items++;
        return st;
    }
}

/* ------------------------------------------------------------------ */
/* The iterator                                                         */

/* The document handed out stays valid until the next call or destroy;
 * the reader owns all of it. */
actnet_status actnet_reader_next(actnet_reader *r, actnet_document *doc,
                                 actnet_error *err)
{
    actnet_error scratch;
    if (!err)
        err = &scratch;
    if (!r || !doc) {
        an_error_set(err, "", 0, 0, "no reader or document given");
        return ACTNET_ERR_USAGE;
    }
    memset(doc, 0, sizeof(*doc));
    json_decref(r->json);
    r->json = NULL;
    r->repaired = 0;
    for (;;) {
        if (r->jsonl_open) {
            actnet_status st = an_jsonl_next(r, doc, err);
            if (st != ACTNET_DONE)
                return st;
            continue;
        }
        int is_stdin;
        actnet_status st = an_next_file(r, &is_stdin, err);
        if (st != ACTNET_OK)
            return st;
        const char *path = r->path.data;
        int jsonl = is_stdin ? r->opts.stdin_jsonl
                             : an_ends_with(path, ".jsonl") ||
                                   an_ends_with(path, ".jsonl.gz");
        if (is_stdin && !jsonl) {
            int yes = an_stdin_is_jsonl(r);
            if (yes < 0) {
                an_error_set(err, "-", 0, 0, "out of memory");
                return ACTNET_ERR_NOMEM;
            }
            jsonl = yes;
        }
        if (!jsonl)
            return an_read_plain(r, is_stdin, doc, err);
        st = an_jsonl_open(r, is_stdin, err);
        if (st != ACTNET_OK)
            return st;
    }
}

/* The count is kept by an_jsonl_parse; the location comes from the
 * input still open (JSON Lines) or the path of the plain file. */
size_t actnet_reader_repaired(const actnet_reader *r, actnet_error *where)
{
    if (!r)
        return 0;
    if (where) {
        actnet_error_clear(where);
        if (r->jsonl_open && r->src_path) {
            snprintf(where->path, sizeof(where->path), "%s", r->src_path);
            where->line = r->line_no > INT_MAX ? INT_MAX : (int)r->line_no;
        } else if (r->path.data) {
            snprintf(where->path, sizeof(where->path), "%s", r->path.data);
        }
    }
    return r->repaired;
}

uint64_t actnet_reader_bytes_read(const actnet_reader *r)
{
    if (!r)
        return 0;
    return r->bytes_closed + (r->jsonl_open ? r->src.done : 0);
}
