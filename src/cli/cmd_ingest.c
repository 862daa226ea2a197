/*
 * cmd_ingest.c — `storyline ingest`: read → clean → analyse → store.
 *
 * Articles are committed in batches (one transaction each), so a crash
 * loses at most the batch in flight, never a committed one; every error is
 * printed as file:line and also kept in the store's ingest_errors table.
 * Batches are 5000 articles by default: an index with random keys (the
 * articles' ids) has most of its pages rewritten by every batch once the
 * store is large, so fewer, larger batches write much less (a million
 * articles: 1000-article batches cost 13% more of the writer's time).
 *
 * Story clustering wants articles in time order, so they pass through a
 * sorting window first: a min-heap of up to --sort-window built articles
 * keyed by publication time, from which the earliest goes on each time the
 * window is full. Input whose disorder spans fewer articles than the window
 * comes out sorted, with memory bounded by the window whatever the input's
 * length (a stdin stream of millions included). An article without a date
 * keeps its place in ingest order (it sorts as the latest date seen before
 * it) and the story stage marks it undated.
 *
 * Two threads: the calling one reads, cleans and analyses; a writer thread
 * takes the built articles through a bounded queue, in arrival order, and
 * runs the sorting window, the store, copies, stories and the commits. Each
 * thread has its own context (a context is not thread-safe). The writer
 * sees exactly the sequence a single thread would, so results are the same
 * as with --threads 1; diagnostics of the reading side travel through the
 * same queue, so only the writer touches the store. The queue holds
 * QUEUE_CAP articles: memory stays flat whichever side is slower.
 *
 * The full-text index is left to the server (sl_store_defer_search), which
 * indexes the new articles when it opens the store; --search-index builds
 * it here, batch by batch, at about 55 µs of CPU an article.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../pipeline.h"
#include "cli.h"

#define QUEUE_CAP 256

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"batch", "N", "articles per transaction (default 5000)"},
    {"sort-window", "N", "articles held to sort by publication time (default 2000, 0: none)"},
    {"threads", "N", "1: all on one thread; 2 (default): analysis beside the store writes"},
    {"search-index", NULL, "fill the full-text index now (else the server does when it opens)"},
    {"dry-run", NULL, "read, clean and analyse, but write nothing (no store is opened)"},
    {"quiet", NULL, "no summary line"},
    {"json", NULL, "print the summary as JSON"},
    {NULL, NULL, NULL},
};

/* An article waiting in the sorting window. */
typedef struct pending {
    sl_article *a;
    copies_sig *sig;   /* computed by the reading side, or NULL */
    int64_t key;       /* publication time, or the latest one seen before it */
    unsigned long seq; /* arrival order, for ties */
} pending;

/* What the reading side hands the writer: an article, or (a == NULL) an
 * error to record in the store. */
typedef struct item {
    sl_article *a;
    copies_sig *sig;
    char *file, *msg;
    unsigned line;
} item;

/* Bounded FIFO between the two threads. */
typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t can_take, can_put;
    item v[QUEUE_CAP];
    size_t head, n;
    bool closed;
} queue;

typedef struct ingest {
    sl_ctx *ctx;  /* the reading side's */
    sl_ctx *wctx; /* the writer's (store, pipeline) */
    bool threaded;
    queue q;
    pending *heap;
    size_t n_heap, window;
    unsigned long seq;
    int64_t last_dated;
    sl_store *st;
    sl_pipeline *pl;
    bool sign;            /* the reading side computes copy signatures */
    dedup_params cparams; /* with these parameters (the store's) */
    shingler sh;          /* the reading side's scratch */
    long batch, in_batch;
    long read, failed_build;           /* reading side */
    long added, updated, same, failed; /* writer side */
    double bytes;
    bool dry;
} ingest;

/* ---- the queue */

static void queue_init(queue *q)
{
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->can_take, NULL);
    pthread_cond_init(&q->can_put, NULL);
}

static void queue_destroy(queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->can_take);
    pthread_cond_destroy(&q->can_put);
}

static void queue_put(queue *q, item it)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == QUEUE_CAP)
        pthread_cond_wait(&q->can_put, &q->mu);
    q->v[(q->head + q->n) % QUEUE_CAP] = it;
    q->n++;
    pthread_cond_signal(&q->can_take);
    pthread_mutex_unlock(&q->mu);
}

/* No more items will come. */
static void queue_close(queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_signal(&q->can_take);
    pthread_mutex_unlock(&q->mu);
}

/* Takes the next item; false when the queue is closed and empty. */
static bool queue_take(queue *q, item *it)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0 && !q->closed)
        pthread_cond_wait(&q->can_take, &q->mu);
    bool got = q->n > 0;
    if (got) {
        *it = q->v[q->head];
        q->head = (q->head + 1) % QUEUE_CAP;
        q->n--;
        pthread_cond_signal(&q->can_put);
    }
    pthread_mutex_unlock(&q->mu);
    return got;
}

/* ---- diagnostics: printed at once; errors also kept in ingest_errors,
 * written by the writer only */

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

/* The reading side's sink: errors go to the writer through the queue. */
static void diag_read(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    ingest *g = user;
    ctx_diag_stderr(NULL, sev, file, line, msg);
    if (!g->st || sev != SL_ERROR)
        return;
    if (!g->threaded) {
        sl_store_log_error(g->st, file, line, msg);
        return;
    }
    queue_put(&g->q, (item){NULL, NULL, dup_or_null(file), dup_or_null(msg), line});
}

static void diag_write(void *user, sl_severity sev, const char *file, unsigned line,
                       const char *msg)
{
    ingest *g = user;
    ctx_diag_stderr(NULL, sev, file, line, msg);
    if (g->st && sev == SL_ERROR)
        sl_store_log_error(g->st, file, line, msg);
}

/* ---- the writer's side: sorting window, pipeline, batches */

/* Runs one article through the pipeline and commits full batches. */
static void process(ingest *g, sl_article *a, copies_sig *sig)
{
    switch (pipeline_add_signed(g->pl, a, sig).put) {
    case SL_PUT_NEW:
        g->added++;
        break;
    case SL_PUT_UPDATED:
        g->updated++;
        break;
    case SL_PUT_SAME:
        g->same++;
        break;
    default:
        g->failed++;
        break;
    }
    sl_article_free(a);
    if (sig) {
        copies_sig_free(sig);
        free(sig);
    }
    if (++g->in_batch >= g->batch) {
        sl_pipeline_flush(g->pl);
        sl_store_commit(g->st);
        sl_store_begin(g->st);
        g->in_batch = 0;
    }
}

static bool earlier(const pending *x, const pending *y)
{
    return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

static void heap_push(ingest *g, pending p)
{
    size_t i = g->n_heap++;
    while (i > 0 && earlier(&p, &g->heap[(i - 1) / 2])) {
        g->heap[i] = g->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    g->heap[i] = p;
}

static pending heap_pop(ingest *g)
{
    pending top = g->heap[0];
    pending last = g->heap[--g->n_heap];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= g->n_heap)
            break;
        if (c + 1 < g->n_heap && earlier(&g->heap[c + 1], &g->heap[c]))
            c++;
        if (!earlier(&g->heap[c], &last))
            break;
        g->heap[i] = g->heap[c];
        i = c;
    }
    if (g->n_heap)
        g->heap[i] = last;
    return top;
}

/* A built article enters the sorting window (or goes straight on). */
static void consume(ingest *g, sl_article *a, copies_sig *sig)
{
    if (!g->window) {
        process(g, a, sig);
        return;
    }
    if (a->published != SL_TIME_NONE && a->date_source != SL_DATE_INGEST &&
        a->published > g->last_dated)
        g->last_dated = a->published;
    int64_t key = a->published != SL_TIME_NONE && a->date_source != SL_DATE_INGEST ? a->published
                                                                                   : g->last_dated;
    heap_push(g, (pending){a, sig, key, g->seq++});
    if (g->n_heap > g->window) {
        pending p = heap_pop(g);
        process(g, p.a, p.sig);
    }
}

/* Empties the window and commits the last batch. */
static void finish(ingest *g)
{
    while (g->n_heap) {
        pending p = heap_pop(g);
        process(g, p.a, p.sig);
    }
    sl_pipeline_flush(g->pl);
    sl_store_commit(g->st);
}

static void *writer_main(void *arg)
{
    ingest *g = arg;
    item it;
    while (queue_take(&g->q, &it)) {
        if (it.a) {
            consume(g, it.a, it.sig);
            continue;
        }
        sl_store_log_error(g->st, it.file, it.line, it.msg);
        free(it.file);
        free(it.msg);
    }
    finish(g);
    return NULL;
}

/* ---- the reading side */

static bool on_raw(void *user, const sl_raw *raw)
{
    ingest *g = user;
    g->read++;
    g->bytes += (double)raw->text_len;
    sl_article *a = sl_article_build(g->ctx, raw);
    if (!a) {
        g->failed_build++;
        return true;
    }
    if (g->dry) {
        g->added++;
        sl_article_free(a);
    } else if (g->threaded) {
        copies_sig *sig = NULL;
        if (g->sign) {
            sig = malloc(sizeof *sig);
            if (!sig)
                abort();
            copies_sign(&g->cparams, &g->sh, a, sig);
        }
        queue_put(&g->q, (item){a, sig, NULL, NULL, 0});
    } else {
        consume(g, a, NULL);
    }
    return true;
}

/* Opens the store and the pipeline on the writer's context. */
static int open_store(ingest *g, const char *db, bool search_now)
{
    g->wctx = sl_ctx_new(diag_write, g);
    if (!g->wctx)
        abort();
    g->st = sl_store_open(g->wctx, db);
    if (!g->st)
        return -1;
    sl_store_defer_search(g->st, !search_now);
    g->pl = sl_pipeline_open(g->wctx, g->st);
    const dedup_params *cp = pipeline_copy_params(g->pl);
    if (cp) {
        g->cparams = *cp;
        g->sign = true;
    }
    sl_store_begin(g->st);
    return 0;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    ingest g = {0};
    g.batch = cli_long(cmd, a, "batch", 5000);
    if (g.batch < 0)
        return EXIT_USAGE;
    if (g.batch == 0)
        g.batch = 1;
    long window = cli_long(cmd, a, "sort-window", 2000);
    if (window < 0)
        return EXIT_USAGE;
    long threads = cli_long(cmd, a, "threads", 2);
    if (threads < 0)
        return EXIT_USAGE;
    if (threads > 2)
        return cli_usage_error(cmd, "--threads is 1 or 2");
    g.window = (size_t)window;
    g.last_dated = INT64_MIN;
    if (g.window) {
        g.heap = malloc((g.window + 1) * sizeof *g.heap);
        if (!g.heap)
            abort();
    }
    g.dry = cli_flag(cmd, a, "dry-run");
    g.ctx = sl_ctx_new(diag_read, &g);
    const char *db = g.dry ? "(dry run)" : cli_db_path(cmd, a);
    if (!g.dry && open_store(&g, db, cli_flag(cmd, a, "search-index")) != 0) {
        sl_ctx_free(g.wctx);
        sl_ctx_free(g.ctx);
        free(g.heap);
        return EXIT_FAILED;
    }
    g.threaded = !g.dry && threads != 1;
    shingle_init(&g.sh);
    pthread_t writer;
    if (g.threaded) {
        queue_init(&g.q);
        if (pthread_create(&writer, NULL, writer_main, &g) != 0)
            g.threaded = false;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < a->n_pos; i++)
        sl_read_path(g.ctx, a->pos[i], on_raw, &g);
    if (g.threaded) {
        queue_close(&g.q);
        pthread_join(writer, NULL);
        queue_destroy(&g.q);
    } else if (g.st) {
        finish(&g);
    }
    free(g.heap);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    unsigned errors = sl_ctx_errors(g.ctx) + (g.wctx ? sl_ctx_errors(g.wctx) : 0);
    unsigned warnings = sl_ctx_warnings(g.ctx) + (g.wctx ? sl_ctx_warnings(g.wctx) : 0);
    long failed = g.failed + g.failed_build;
    if (cli_flag(cmd, a, "json")) {
        printf("{\"read\":%ld,\"new\":%ld,\"updated\":%ld,\"unchanged\":%ld,\"failed\":%ld,"
               "\"errors\":%u,\"warnings\":%u,\"seconds\":%.3f,\"bytes\":%.0f}\n",
               g.read, g.added, g.updated, g.same, failed, errors, warnings, secs, g.bytes);
    } else if (!cli_flag(cmd, a, "quiet")) {
        fprintf(stderr,
                "ingested %ld article%s into %s: %ld new, %ld updated, %ld unchanged, %ld failed"
                " (%u error%s, %u warning%s) in %.2f s\n",
                g.read, g.read == 1 ? "" : "s", db, g.added, g.updated, g.same, failed, errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", secs);
    }
    shingle_free(&g.sh);
    sl_pipeline_close(g.pl);
    sl_store_close(g.st);
    sl_ctx_free(g.wctx);
    sl_ctx_free(g.ctx);
    return errors ? EXIT_FAILED : EXIT_OK;
}

const cli_cmd cmd_ingest = {
    "ingest",
    "[--db FILE] PATH...",
    "read articles from files, directories (recursive) or - (stdin) into the store",
    "Formats are detected by extension and content: plain text (.txt: one article per\n"
    "file, optional `key: value` metadata lines on top), JSON Lines (.jsonl: fields\n"
    "id, url, source, title, date, lang, text), HTML (.html: the page's main content;\n"
    "$STORYLINE_HTML_PARSER=libxml2 parses with libxml2), WARC (.warc, .warc.gz) and\n"
    "RSS/Atom feeds (.rss, .atom, .xml). A file's article id is its path relative\n"
    "to the argument without extension (news/0042). Re-ingesting the same article is a\n"
    "no-op; changed content replaces it. Bad records are reported as file:line and skipped;\n"
    "the exit code is 1 when any input failed. Articles are sorted by publication time\n"
    "within a window of --sort-window articles before they are stored and clustered\n"
    "(input sorted to within that many articles comes out sorted; undated articles keep\n"
    "their place and are marked). $STORYLINE_STORY_PARAMS overrides clustering\n"
    "parameters (name=value,...; see src/story/params.c). Reading and analysis run on one\n"
    "thread, the store on another (--threads 1: one thread; same results). New articles\n"
    "enter the full-text search index when `storyline serve` next opens the store, or\n"
    "during the ingest with --search-index.",
    opts,
    1,
    -1,
    run,
};
