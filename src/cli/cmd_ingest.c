/*
 * cmd_ingest.c — `storyline ingest`: read → clean → analyse → store.
 *
 * Articles are committed in batches (one transaction each), so a crash
 * loses at most the batch in flight, never a committed one; every error is
 * printed as file:line and also kept in the store's ingest_errors table.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const cli_opt opts[] = {
    {"db", "FILE", "store file (default ./storyline.db, or $STORYLINE_DB)"},
    {"batch", "N", "articles per transaction (default 1000)"},
    {"dry-run", NULL, "read, clean and analyse, but write nothing (no store is opened)"},
    {"quiet", NULL, "no summary line"},
    {"json", NULL, "print the summary as JSON"},
    {NULL, NULL, NULL},
};

typedef struct ingest {
    sl_ctx *ctx;
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
    "the exit code is 1 when any input failed.",
    opts,
    1,
    -1,
    run,
};
