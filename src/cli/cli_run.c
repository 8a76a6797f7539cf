/*
 * cli_run.c — the corpus driver of the CLI: reading, extraction on
 * --threads N threads, output and diagnostics in input order, and the
 * progress line.  See cli_run.h.
 *
 * Threads.  The calling thread reads documents into batches (a batch
 * holds copies of its documents' ids, dates and texts, up to about
 * RUN_BATCH_BYTES of text or RUN_BATCH_DOCS documents) and queues them in
 * a ring of 4 N slots; batches get sequence numbers in input order.  N - 1
 * worker threads take the oldest batch nobody has taken, run every
 * document through their own extractor and the command's callback (with
 * their own context), and mark the batch done.  The calling thread
 * writes done batches strictly in sequence order ("flush": diagnostics,
 * then the output bytes of each document), and when the ring is full it
 * takes a batch itself instead of waiting idle, so N threads compute.
 * Because every document is processed the same way whatever thread takes
 * it, and everything it produces comes out in input order, the output is
 * the same for any N.
 */
#include "cli/cli_run.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#define RUN_BATCH_BYTES ((size_t)1 << 20)
#define RUN_BATCH_DOCS 256
#define RUN_NONE UINT32_MAX

/* ---- cheap formatting ------------------------------------------------ */

int cli_buf_str(actnet_buffer *b, const char *s)
{
    return actnet_buffer_append(b, s, strlen(s));
}

int cli_buf_uint(actnet_buffer *b, uint64_t v)
{
    char tmp[24];
    size_t n = sizeof(tmp);
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return actnet_buffer_append(b, tmp + n, sizeof(tmp) - n);
}

int cli_buf_int(actnet_buffer *b, int64_t v)
{
    if (v < 0) {
        if (actnet_buffer_putc(b, '-'))
            return -1;
        return cli_buf_uint(b, (uint64_t)0 - (uint64_t)v);
    }
    return cli_buf_uint(b, (uint64_t)v);
}

int cli_buf_tsv_field(actnet_buffer *b, const char *s, size_t len)
{
    return actnet_buffer_encode(b, ACTNET_ENCODE_TSV, s, len);
}

int cli_buf_json_string(actnet_buffer *b, const char *s, size_t len)
{
    return actnet_buffer_encode(b, ACTNET_ENCODE_JSON, s, len);
}

/* ---- worker count ------------------------------------------------------ */

size_t cli_run_workers(const cli_common *c)
{
    if (c->threads > 0)
        return (size_t)c->threads;
    long n = 0;
#ifdef CPU_COUNT
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        n = CPU_COUNT(&set);
#endif
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* ---- progress ---------------------------------------------------------- */

typedef struct run_progress {
    int on;                 /* a terminal, not --quiet (the line on the
                               screen is cli_progress_shown) */
    double start, last;     /* seconds (monotonic) */
    uint64_t total;         /* bytes of input, 0 when unknown */
} run_progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds the sizes of the files under dir that the reader would read
 * (names matching the globs, hidden entries skipped) to *total; depth
 * guards against symbolic link loops.  0, or -1 when unknown. */
static int dir_size(const char *dir, const char *const *globs, int depth,
                    uint64_t *total)
{
    DIR *d;
    struct dirent *de;
    actnet_buffer path = {0};
    int rc = 0;

    if (depth > 64 || !(d = opendir(dir)))
        return -1;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        path.len = 0;
        if (actnet_buffer_printf(&path, "%s/%s", dir, de->d_name) ||
            stat(path.data, &st) != 0) {
            rc = -1;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = dir_size(path.data, globs, depth + 1, total);
            continue;
        }
        if (!S_ISREG(st.st_mode))
            continue;
        for (const char *const *g = globs; *g; g++)
            if (fnmatch(*g, de->d_name, 0) == 0) {
                *total += (uint64_t)st.st_size;
                break;
            }
    }
    closedir(d);
    actnet_buffer_finish(&path);
    return rc;
}

/* The size of the input in bytes (files, directories walked with the
 * globs), or 0 when unknown (standard input). */
static uint64_t input_size(const cli_common *c)
{
    static const char *const defaults[] = {"*.txt", "*.txt.gz", "*.jsonl",
                                           "*.jsonl.gz", NULL};
    const char *const *globs = c->reader.globs ? c->reader.globs : defaults;
    uint64_t total = 0;
    for (size_t i = 0; i < c->n_inputs; i++) {
        struct stat st;
        if (!strcmp(c->inputs[i], "-") || stat(c->inputs[i], &st) != 0)
            return 0;
        if (S_ISREG(st.st_mode))
            total += (uint64_t)st.st_size;
        else if (!S_ISDIR(st.st_mode) ||
                 dir_size(c->inputs[i], globs, 0, &total))
            return 0;
    }
    return total;
}

static void progress_init(run_progress *p, const cli_common *c)
{
    memset(p, 0, sizeof(*p));
    p->on = !c->quiet && isatty(2);
    if (!p->on)
        return;
    p->start = p->last = now_seconds();
    p->total = input_size(c);
}

/* Prints h:mm:ss or m:ss. */
static void fmt_duration(char *buf, size_t size, double s)
{
    unsigned long t = s > 0 && s < 1e7 ? (unsigned long)(s + 0.5) : 0;
    if (t >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60,
                 t % 60);
    else
        snprintf(buf, size, "%lu:%02lu", t / 60, t % 60);
}

/* Shows the line at most 4 times a second, starting after one second. */
static void progress_tick(run_progress *p, size_t docs, uint64_t bytes)
{
    if (!p->on)
        return;
    double t = now_seconds();
    if (t - p->last < 0.25 || t - p->start < 1.0)
        return;
    p->last = t;
    double el = t - p->start, mb = (double)bytes / 1048576.0;
    char line[160], left[32];
    int n = snprintf(line, sizeof(line), "actnet: %zu documents, %.1f MB, "
                     "%.1f MB/s", docs, mb, mb / el);
    if (p->total && bytes <= p->total && bytes > 0 && n > 0 &&
        (size_t)n < sizeof(line)) {
        double frac = (double)bytes / (double)p->total;
        fmt_duration(left, sizeof(left), el / frac - el);
        snprintf(line + n, sizeof(line) - (size_t)n, ", %.0f%%, %s left",
                 frac * 100.0, left);
    }
    /* A line longer than the terminal wraps, and "\r" then goes back
     * only to the start of its last row: every refresh would leave
     * a row behind.  Cut it to the width (the line is ASCII). */
    struct winsize ws;
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 &&
        strlen(line) >= ws.ws_col)
        line[ws.ws_col - 1] = '\0';
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    cli_progress_shown = 1;
}

static void progress_clear(run_progress *p)
{
    (void)p;
    if (cli_progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        cli_progress_shown = 0;
    }
}

/* ---- batches ------------------------------------------------------------ */

/* One document of a batch: offsets into the batch's data. */
typedef struct run_doc {
    size_t id, date, text, len;  /* date == SIZE_MAX: none */
    actnet_status st;            /* the reader's, then the extractor's */
    uint32_t err;                /* index into errs, or RUN_NONE */
    size_t where;                /* the reader's location of the document
                                    (its file, in data) */
    int where_line;              /* and line (JSON Lines), or 0 */
    size_t rd_repaired;          /* bytes repaired by the reader */
    size_t ex_repaired;          /* bytes repaired by the extractor */
    size_t out_end;              /* end of its bytes in out */
    int failed;                  /* the callback ran out of memory */
} run_doc;

enum { BATCH_QUEUED = 0, BATCH_TAKEN, BATCH_DONE };

typedef struct run_batch {
    actnet_buffer data;
    run_doc *docs;
    size_t n_docs, cap_docs;
    actnet_error *errs;
    size_t n_errs, cap_errs;
    actnet_buffer out;
    int state;
} run_batch;

static void batch_reset(run_batch *b)
{
    b->data.len = 0;
    b->n_docs = 0;
    b->n_errs = 0;
    b->out.len = 0;
    b->state = BATCH_QUEUED;
}

static void batch_free(run_batch *b)
{
    actnet_buffer_finish(&b->data);
    free(b->docs);
    free(b->errs);
    actnet_buffer_finish(&b->out);
}

/* Stores a copy of err; its index, or RUN_NONE when out of memory. */
static uint32_t batch_err(run_batch *b, const actnet_error *err)
{
    if (b->n_errs >= RUN_NONE - 1 ||
        CLI_RESERVE(b->errs, b->cap_errs, b->n_errs + 1))
        return RUN_NONE;
    b->errs[b->n_errs] = *err;
    return (uint32_t)b->n_errs++;
}

static int batch_str(run_batch *b, const char *s, size_t len, size_t *off)
{
    *off = b->data.len;
    if (actnet_buffer_append(&b->data, s ? s : "", s ? len : 0) ||
        actnet_buffer_putc(&b->data, '\0'))
        return -1;
    return 0;
}

/* Appends a document (or a reading error) to the batch; 0 / -1. */
static int batch_add(run_batch *b, actnet_status st, const actnet_document
                     *doc, const actnet_error *err, const actnet_reader *r)
{
    if (CLI_RESERVE(b->docs, b->cap_docs, b->n_docs + 1))
        return -1;
    run_doc *d = &b->docs[b->n_docs];
    memset(d, 0, sizeof(*d));
    d->date = SIZE_MAX;
    d->err = RUN_NONE;
    d->st = st;
    if (st != ACTNET_OK) {
        if ((d->err = batch_err(b, err)) == RUN_NONE)
            return -1;
        b->n_docs++;
        return 0;
    }
    actnet_error where;
    d->rd_repaired = actnet_reader_repaired(r, &where);
    d->where_line = where.line;
    if (batch_str(b, where.path, strlen(where.path), &d->where) ||
        batch_str(b, doc->id, doc->id ? strlen(doc->id) : 0, &d->id) ||
        (doc->date &&
         batch_str(b, doc->date, strlen(doc->date), &d->date)) ||
        batch_str(b, doc->text, doc->len, &d->text))
        return -1;
    d->len = doc->len;
    b->n_docs++;
    return 0;
}

static void batch_doc(const run_batch *b, const run_doc *d,
                      actnet_document *doc)
{
    doc->id = b->data.data + d->id;
    doc->date = d->date == SIZE_MAX ? NULL : b->data.data + d->date;
    doc->text = b->data.data + d->text;
    doc->len = d->len;
}

/* Runs every document of the batch (on any thread). */
static void batch_process(run_batch *b, actnet_extractor *ex,
                          const cli_run_spec *spec, void *ctx)
{
    for (size_t i = 0; i < b->n_docs; i++) {
        run_doc *d = &b->docs[i];
        if (d->st == ACTNET_OK) {
            actnet_document doc;
            actnet_error err;
            batch_doc(b, d, &doc);
            actnet_error_clear(&err);
            d->st = actnet_extractor_run(ex, &doc, &err);
            if (d->st != ACTNET_OK) {
                if ((d->err = batch_err(b, &err)) == RUN_NONE)
                    d->failed = 1;
            } else {
                d->ex_repaired = actnet_extractor_repaired(ex);
                if (spec->document(ctx, ex, &doc, &b->out))
                    d->failed = 1;
            }
        }
        d->out_end = b->out.len;
    }
}

/* ---- the driver ------------------------------------------------------------ */

typedef struct run_state {
    cli_common *c;
    const actnet_rules *rules;
    const cli_run_spec *spec;
    size_t n_workers;

    pthread_mutex_t mu;
    pthread_cond_t work;        /* a batch was queued, or stop / eof */
    pthread_cond_t done;        /* a batch is done */
    run_batch *ring;
    size_t cap;                 /* slots: 4 N */
    uint64_t pushed, taken, flushed;
    int eof, stop;
    int nomem;                  /* a worker could not create its extractor */

    size_t docs;                /* documents processed (flushed) */
    run_progress prog;
    actnet_reader *reader;
} run_state;

typedef struct run_worker {
    run_state *s;
    size_t index;
    pthread_t tid;
    int started;
} run_worker;

static void *worker_main(void *arg)
{
    run_worker *w = arg;
    run_state *s = w->s;
    actnet_extractor *ex = actnet_extractor_create(s->rules);

    actnet_extractor_set_events(ex, s->spec->events);
    pthread_mutex_lock(&s->mu);
    if (!ex) {
        s->nomem = 1;
        pthread_cond_broadcast(&s->done);
        pthread_mutex_unlock(&s->mu);
        return NULL;
    }
    for (;;) {
        while (!s->stop && s->taken == s->pushed && !s->eof)
            pthread_cond_wait(&s->work, &s->mu);
        if (s->stop || s->taken == s->pushed)
            break;
        run_batch *b = &s->ring[s->taken++ % s->cap];
        b->state = BATCH_TAKEN;
        pthread_mutex_unlock(&s->mu);
        batch_process(b, ex, s->spec, s->spec->ctx[w->index]);
        pthread_mutex_lock(&s->mu);
        b->state = BATCH_DONE;
        pthread_cond_broadcast(&s->done);
    }
    pthread_mutex_unlock(&s->mu);
    actnet_extractor_destroy(ex);
    return NULL;
}

/* Writes bytes of one document; the failure shows in cli_output_failed. */
static void emit(const cli_run_spec *spec, const char *p, size_t n)
{
    if (n && spec->output && spec->output->fp)
        fwrite(p, 1, n, spec->output->fp);
}

/*
 * Diagnostics and output of one processed (or refused) document, in
 * input order.  Returns 0 to go on, -1 to stop (reported).
 */
static int flush_doc(run_state *s, const run_batch *b, const run_doc *d,
                     size_t from)
{
    if (d->st != ACTNET_OK) {
        if (d->err == RUN_NONE) {
            cli_errorf("out of memory");
            return -1;
        }
        return cli_document_error(s->c, d->st, &b->errs[d->err]);
    }
    actnet_document doc;
    batch_doc(b, d, &doc);
    if (d->failed) {
        cli_errorf("out of memory while processing %s", doc.id);
        return -1;
    }
    if (d->rd_repaired || d->ex_repaired ||
        memchr(doc.text, '\0', doc.len)) {
        actnet_error where;
        actnet_error_clear(&where);
        snprintf(where.path, sizeof(where.path), "%s",
                 b->data.data + d->where);
        where.line = d->where_line;
        if (cli_document_repaired_counts(s->c, d->rd_repaired, &where,
                                         d->ex_repaired, &doc))
            return -1;
    }
    s->docs++;
    emit(s->spec, b->out.data + from, d->out_end - from);
    return 0;
}

/* Flushes batch b (done); 0, -1 to stop (reported), 1 when the output
 * failed (left to cli_output_commit). */
static int flush_batch(run_state *s, run_batch *b)
{
    size_t from = 0;
    for (size_t i = 0; i < b->n_docs; i++) {
        if (flush_doc(s, b, &b->docs[i], from))
            return -1;
        from = b->docs[i].out_end;
    }
    if (s->spec->output && cli_output_failed(s->spec->output))
        return 1;
    return 0;
}

/* Called with the lock held: flushes every done batch at the head. */
static int flush_ready(run_state *s)
{
    while (s->flushed < s->pushed &&
           s->ring[s->flushed % s->cap].state == BATCH_DONE) {
        run_batch *b = &s->ring[s->flushed % s->cap];
        pthread_mutex_unlock(&s->mu);
        int rc = flush_batch(s, b);
        progress_tick(&s->prog, s->docs, actnet_reader_bytes_read(s->reader));
        pthread_mutex_lock(&s->mu);
        s->flushed++;
        if (rc)
            return rc;
    }
    return 0;
}

/*
 * Called with the lock held: makes progress until fewer than `limit`
 * batches are in flight — flushing, or processing a queued batch on this
 * thread, or waiting for a worker.  0, -1 / 1 as flush_batch.
 */
static int drain_to(run_state *s, actnet_extractor *ex, uint64_t limit)
{
    for (;;) {
        int rc = flush_ready(s);
        if (rc)
            return rc;
        if (s->pushed - s->flushed < limit || s->flushed == s->pushed)
            return 0;
        if (s->taken < s->pushed) {
            run_batch *b = &s->ring[s->taken++ % s->cap];
            b->state = BATCH_TAKEN;
            pthread_mutex_unlock(&s->mu);
            batch_process(b, ex, s->spec, s->spec->ctx[0]);
            pthread_mutex_lock(&s->mu);
            b->state = BATCH_DONE;
            continue;
        }
        if (s->nomem) {
            cli_errorf("out of memory starting the worker threads");
            return -1;
        }
        pthread_cond_wait(&s->done, &s->mu);
    }
}

/*
 * actnet_reader_next, leaving out the documents outside --since /
 * --until (and, when either is given, the undated ones): they are
 * counted, not reported one by one.
 */
static actnet_status next_document(run_state *s, actnet_document *doc,
                                   actnet_error *err)
{
    for (;;) {
        actnet_status st = actnet_reader_next(s->reader, doc, err);
        if (st != ACTNET_OK || (!s->c->since && !s->c->until))
            return st;
        uint32_t d;
        if (actnet_date_parse(doc->date, &d) == 0 &&
            (!s->c->since || d >= s->c->since) &&
            (!s->c->until || d <= s->c->until))
            return st;
        s->c->n_out_of_period++;
    }
}

static int run_parallel(run_state *s)
{
    run_worker *workers = NULL;
    actnet_extractor *ex = NULL;
    int rc = CLI_FAIL, locked = 0, init = 0;
    size_t n = s->n_workers;

    s->cap = 4 * n;
    s->ring = calloc(s->cap, sizeof(*s->ring));
    workers = calloc(n, sizeof(*workers));
    ex = actnet_extractor_create(s->rules);
    if (!s->ring || !workers || !ex) {
        cli_errorf("out of memory");
        goto out;
    }
    actnet_extractor_set_events(ex, s->spec->events);
    if (pthread_mutex_init(&s->mu, NULL))
        goto out;
    if (pthread_cond_init(&s->work, NULL)) {
        pthread_mutex_destroy(&s->mu);
        goto out;
    }
    if (pthread_cond_init(&s->done, NULL)) {
        pthread_cond_destroy(&s->work);
        pthread_mutex_destroy(&s->mu);
        goto out;
    }
    init = 1;
    /* Workers start with every signal blocked, so that signals reach the
     * main thread, whose handler removes temporary outputs (cli_output.c). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (size_t i = 1; i < n; i++) {
        workers[i].s = s;
        workers[i].index = i;
        int e = pthread_create(&workers[i].tid, NULL, worker_main,
                               &workers[i]);
        if (e) {
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            cli_errorf("cannot start a thread: %s; try a smaller --threads",
                       strerror(e));
            goto out;
        }
        workers[i].started = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    pthread_mutex_lock(&s->mu);
    locked = 1;
    for (;;) {
        /* a free slot to fill */
        int d = drain_to(s, ex, s->cap);
        if (d < 0)
            goto out;
        if (d > 0) {
            rc = CLI_OK;    /* the output failed: cli_output_commit says so */
            goto out;
        }
        run_batch *b = &s->ring[s->pushed % s->cap];
        pthread_mutex_unlock(&s->mu);
        locked = 0;
        batch_reset(b);
        int end = 0;
        while (b->data.len < RUN_BATCH_BYTES && b->n_docs < RUN_BATCH_DOCS) {
            actnet_document doc;
            actnet_error err;
            actnet_error_clear(&err);
            actnet_status st = next_document(s, &doc, &err);
            if (st == ACTNET_DONE) {
                end = 1;
                break;
            }
            if (batch_add(b, st, &doc, &err, s->reader)) {
                cli_errorf("out of memory reading the documents");
                goto out;
            }
            if (st == ACTNET_ERR_NOMEM)
                break;   /* reported, in order, when flushed */
        }
        pthread_mutex_lock(&s->mu);
        locked = 1;
        if (b->n_docs) {
            s->pushed++;
            pthread_cond_signal(&s->work);
        }
        if (end)
            break;
    }
    s->eof = 1;
    pthread_cond_broadcast(&s->work);
    if (drain_to(s, ex, 1) < 0)
        goto out;
    rc = CLI_OK;
out:
    if (init) {
        if (!locked)
            pthread_mutex_lock(&s->mu);
        s->stop = 1;    /* done, or stopped: workers take nothing more */
        s->eof = 1;
        pthread_cond_broadcast(&s->work);
        pthread_mutex_unlock(&s->mu);
    }
    for (size_t i = 1; workers && i < n; i++)
        if (workers[i].started)
            pthread_join(workers[i].tid, NULL);
    if (init) {
        pthread_cond_destroy(&s->done);
        pthread_cond_destroy(&s->work);
        pthread_mutex_destroy(&s->mu);
    }
    for (size_t i = 0; s->ring && i < s->cap; i++)
        batch_free(&s->ring[i]);
    free(s->ring);
    s->ring = NULL;
    free(workers);
    actnet_extractor_destroy(ex);
    return rc;
}

/* One thread: read, run, report, write, one document at a time. */
static int run_serial(run_state *s)
{
    actnet_extractor *ex = actnet_extractor_create(s->rules);
    actnet_buffer out = {0};
    int rc = CLI_FAIL;
    const cli_run_spec *spec = s->spec;

    if (!ex) {
        cli_errorf("out of memory");
        goto out;
    }
    actnet_extractor_set_events(ex, spec->events);
    for (;;) {
        actnet_document doc;
        actnet_error err;
        actnet_error_clear(&err);
        actnet_status st = next_document(s, &doc, &err);
        if (st == ACTNET_DONE)
            break;
        if (st == ACTNET_OK)
            st = actnet_extractor_run(ex, &doc, &err);
        if (st != ACTNET_OK) {
            if (cli_document_error(s->c, st, &err))
                goto out;
            continue;
        }
        if (cli_document_repaired(s->c, s->reader, ex, &doc))
            goto out;
        s->docs++;
        out.len = 0;
        if (spec->document(spec->ctx[0], ex, &doc, &out)) {
            cli_errorf("out of memory while processing %s", doc.id);
            goto out;
        }
        emit(spec, out.data, out.len);
        if (spec->output && cli_output_failed(spec->output))
            break;   /* reported by cli_output_commit */
        progress_tick(&s->prog, s->docs,
                      actnet_reader_bytes_read(s->reader));
    }
    rc = CLI_OK;
out:
    actnet_buffer_finish(&out);
    actnet_extractor_destroy(ex);
    return rc;
}

int cli_run(cli_common *c, const actnet_rules *rules,
            const cli_run_spec *spec, size_t *docs)
{
    run_state s;
    int rc;

    memset(&s, 0, sizeof(s));
    s.c = c;
    s.rules = rules;
    s.spec = spec;
    s.n_workers = spec->n_ctx ? spec->n_ctx : 1;
    *docs = 0;
    if (!(s.reader = cli_open_reader(c)))
        return CLI_USAGE;
    if (spec->header)
        emit(spec, spec->header, strlen(spec->header));
    progress_init(&s.prog, c);
    rc = s.n_workers > 1 ? run_parallel(&s) : run_serial(&s);
    progress_clear(&s.prog);
    actnet_reader_destroy(s.reader);
    *docs = s.docs;
    return rc;
}
