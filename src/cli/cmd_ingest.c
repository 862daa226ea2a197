/*
 * cmd_ingest.c — `storyline ingest`: read → clean → analyse → store.
 *
 * Articles are committed in batches (one transaction each), so a crash
 * loses at most the batch in flight, never a committed one; every error is
 * printed as file:line and also kept in the store's ingest_errors table.
 *
 * Story clustering wants articles in time order, so they pass through a
 * sorting window first: a min-heap of up to --sort-window built articles
 * keyed by publication time, from which the earliest goes on each time the
 * window is full. Input whose disorder spans fewer articles than the window
 * comes out sorted, with memory bounded by the window whatever the input's
 * length (a stdin stream of millions included). An article without a date
 * keeps its place in ingest order (it sorts as the latest date seen before
 * it) and the story stage marks it undated.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const cli_opt opts[] = {
    {"db", "FILE", "store file (default ./storyline.db, or $STORYLINE_DB)"},
    {"batch", "N", "articles per transaction (default 1000)"},
    {"sort-window", "N", "articles held to sort by publication time (default 2000, 0: none)"},
    {"dry-run", NULL, "read, clean and analyse, but write nothing (no store is opened)"},
    {"quiet", NULL, "no summary line"},
    {"json", NULL, "print the summary as JSON"},
    {NULL, NULL, NULL},
};

/* An article waiting in the sorting window. */
typedef struct pending {
    sl_article *a;
    int64_t key;        /* publication time, or the latest one seen before it */
    unsigned long seq;  /* arrival order, for ties */
} pending;

typedef struct ingest {
    sl_ctx *ctx;
    pending *heap;
    size_t n_heap, window;
    unsigned long seq;
    int64_t last_dated;
    sl_store *st;
    sl_pipeline *pl;
    long batch, in_batch;
    long read, added, updated, same, failed;
    double bytes;
    bool dry;
} ingest;

/* Errors go to stderr and, once the store is open, into ingest_errors. */
static void diag(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    ingest *g = user;
    const char *tag = sev == SL_ERROR ? "error" : sev == SL_WARNING ? "warning" : "info";
    if (file && line)
        fprintf(stderr, "%s:%u: %s: %s\n", file, line, tag, msg);
    else if (file)
        fprintf(stderr, "%s: %s: %s\n", file, tag, msg);
    else
        fprintf(stderr, "storyline: %s: %s\n", tag, msg);
    if (g->st && sev == SL_ERROR)
        sl_store_log_error(g->st, file, line, msg);
}

/* Runs one article through the pipeline and commits full batches. */
static void process(ingest *g, sl_article *a)
{
    switch (sl_pipeline_add(g->pl, a).put) {
    case SL_PUT_NEW: g->added++; break;
    case SL_PUT_UPDATED: g->updated++; break;
    case SL_PUT_SAME: g->same++; break;
    default: g->failed++; break;
    }
    sl_article_free(a);
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

static sl_article *heap_pop(ingest *g)
{
    sl_article *top = g->heap[0].a;
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

static bool on_raw(void *user, const sl_raw *raw)
{
    ingest *g = user;
    g->read++;
    g->bytes += (double)raw->text_len;
    sl_article *a = sl_article_build(g->ctx, raw);
    if (!a) {
        g->failed++;
        return true;
    }
    if (g->dry) {
        g->added++;
        sl_article_free(a);
        return true;
    }
    if (!g->window) {
        process(g, a);
        return true;
    }
    if (a->published != SL_TIME_NONE && a->date_source != SL_DATE_INGEST &&
        a->published > g->last_dated)
        g->last_dated = a->published;
    int64_t key = a->published != SL_TIME_NONE && a->date_source != SL_DATE_INGEST
                      ? a->published
                      : g->last_dated;
    heap_push(g, (pending){a, key, g->seq++});
    if (g->n_heap > g->window)
        process(g, heap_pop(g));
    return true;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    ingest g = {0};
    g.batch = cli_long(cmd, a, "batch", 1000);
    if (g.batch < 0)
        return EXIT_USAGE;
    if (g.batch == 0)
        g.batch = 1;
    long window = cli_long(cmd, a, "sort-window", 2000);
    if (window < 0)
        return EXIT_USAGE;
    g.window = (size_t)window;
    g.last_dated = INT64_MIN;
    if (g.window) {
        g.heap = malloc((g.window + 1) * sizeof *g.heap);
        if (!g.heap)
            abort();
    }
    g.dry = cli_flag(cmd, a, "dry-run");
    g.ctx = sl_ctx_new(diag, &g);
    const char *db = g.dry ? "(dry run)" : cli_db_path(cmd, a);
    if (!g.dry) {
        g.st = sl_store_open(g.ctx, db);
        if (!g.st) {
            sl_ctx_free(g.ctx);
            return EXIT_FAILED;
        }
        g.pl = sl_pipeline_open(g.ctx, g.st);
        sl_store_begin(g.st);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < a->n_pos; i++)
        sl_read_path(g.ctx, a->pos[i], on_raw, &g);
    while (g.n_heap)
        process(&g, heap_pop(&g));
    free(g.heap);
    if (g.st) {
        sl_pipeline_flush(g.pl);
        sl_store_commit(g.st);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    unsigned errors = sl_ctx_errors(g.ctx), warnings = sl_ctx_warnings(g.ctx);
    if (cli_flag(cmd, a, "json")) {
        printf("{\"read\":%ld,\"new\":%ld,\"updated\":%ld,\"unchanged\":%ld,\"failed\":%ld,"
               "\"errors\":%u,\"warnings\":%u,\"seconds\":%.3f,\"bytes\":%.0f}\n",
               g.read, g.added, g.updated, g.same, g.failed, errors, warnings, secs, g.bytes);
    } else if (!cli_flag(cmd, a, "quiet")) {
        fprintf(stderr,
                "ingested %ld article%s into %s: %ld new, %ld updated, %ld unchanged, %ld failed"
                " (%u error%s, %u warning%s) in %.2f s\n",
                g.read, g.read == 1 ? "" : "s", db, g.added, g.updated, g.same, g.failed, errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", secs);
    }
    sl_pipeline_close(g.pl);
    sl_store_close(g.st);
    sl_ctx_free(g.ctx);
    return errors ? EXIT_FAILED : EXIT_OK;
}

const cli_cmd cmd_ingest = {
    "ingest",
    "[--db FILE] PATH...",
    "read articles from files, directories (recursive) or - (stdin) into the store",
    "Formats are detected by extension and content: plain text (.txt: one article per\n"
    "file, optional `key: value` metadata lines on top) and JSON Lines (.jsonl: fields\n"
    "id, url, source, title, date, lang, text). A file's article id is its path relative\n"
    "to the argument without extension (news/0042). Re-ingesting the same article is a\n"
    "no-op; changed content replaces it. Bad records are reported as file:line and skipped;\n"
    "the exit code is 1 when any input failed. Articles are sorted by publication time\n"
    "within a window of --sort-window articles before they are stored and clustered\n"
    "(input sorted to within that many articles comes out sorted; undated articles keep\n"
    "their place and are marked). $STORYLINE_STORY_PARAMS overrides clustering\n"
    "parameters (name=value,...; see src/story/params.c).",
    opts,
    1,
    -1,
    run,
};
