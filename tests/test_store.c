/*
 * test_store.c — the SQLite store: the full-text index filled by ranges at
 * commit or later (deferred), updates that move an article's text in the
 * index, and FTS5's own integrity check after each step.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../include/storyline.h"
#include "../src/util/buf.h"
#include "harness.h"

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static void db_path(char *path, size_t n, const char *what)
{
    snprintf(path, n, "/tmp/sl-test-store-%s-%d.db", what, (int)getpid());
    const char *ext[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s%s", path, ext[i]);
        unlink(p);
    }
}

static sl_put_result put(sl_ctx *ctx, sl_store *st, const char *id, const char *text)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = id;
    raw.source = "The Test Herald";
    raw.title = "A headline";
    raw.date = "2026-05-04T10:00:00Z";
    raw.lang = "en";
    raw.text = text;
    raw.text_len = strlen(text);
    raw.origin = "test";
    raw.format = "jsonl";
    sl_article *a = sl_article_build(ctx, &raw);
    sl_put_result r = a ? sl_store_put(st, a) : SL_PUT_FAILED;
    sl_article_free(a);
    return r;
}

/* Articles whose indexed title or text has the word w. */
static long long hits(sl_store *st, const char *w)
{
    sqlite3_stmt *q;
    long long n = -1;
    if (sqlite3_prepare_v2(sl_store_db(st),
                           "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1", -1, &q,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, w, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* FTS5 compares the index with the articles table: 0 when they agree. */
static int fts_check(sl_store *st)
{
    return sqlite3_exec(sl_store_db(st),
                        "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", NULL,
                        NULL, NULL);
}

TEST(store_search_index_follows_batches_and_updates)
{
    char path[256];
    db_path(path, sizeof path, "fts");
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK(sl_store_schema_version(st) >= 5); /* ranges of rids came with v5 */
    sl_store_begin(st);
    CHECK_INT(put(ctx, st, "a", "The lighthouse keeper counted forty gulls on the pier."),
              SL_PUT_NEW);
    CHECK_INT(put(ctx, st, "b", "A ferry left the harbour before the storm arrived."), SL_PUT_NEW);
    /* an article inserted and changed in the same batch is indexed once, as it ends */
    CHECK_INT(put(ctx, st, "c", "The bakery sold its last loaf at noon."), SL_PUT_NEW);
    CHECK_INT(put(ctx, st, "c", "The bakery closed early because of the flood."), SL_PUT_UPDATED);
    CHECK_INT(hits(st, "lighthouse"), 0); /* not before the commit */
    CHECK_INT(sl_store_commit(st), 0);
    CHECK_INT(hits(st, "lighthouse"), 1);
    CHECK_INT(hits(st, "ferry"), 1);
    CHECK_INT(hits(st, "flood"), 1);
    CHECK_INT(hits(st, "loaf"), 0);
    CHECK_INT(sl_store_search_backlog(st), 0);
    CHECK_INT(fts_check(st), SQLITE_OK);

    /* a committed article changes: its old words leave the index */
    sl_store_begin(st);
    CHECK_INT(put(ctx, st, "a", "The lighthouse keeper saw a whale near the rocks."),
              SL_PUT_UPDATED);
    CHECK_INT(put(ctx, st, "a", "The lighthouse keeper saw two whales near the rocks."),
              SL_PUT_UPDATED);
    CHECK_INT(sl_store_commit(st), 0);
    CHECK_INT(hits(st, "gulls"), 0);
    CHECK_INT(hits(st, "whales"), 1);
    CHECK_INT(hits(st, "whale"), 0);
    CHECK_INT(fts_check(st), SQLITE_OK);

    /* outside a batch, a put is its own transaction and is indexed */
    CHECK_INT(put(ctx, st, "d", "Volunteers rebuilt the footbridge over the canal."), SL_PUT_NEW);
    CHECK_INT(hits(st, "footbridge"), 1);
    CHECK_INT(fts_check(st), SQLITE_OK);
    sl_store_close(st);
    sl_ctx_free(ctx);
    db_path(path, sizeof path, "fts");
}

TEST(store_deferred_search_index_catches_up)
{
    char path[256];
    db_path(path, sizeof path, "defer");
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    CHECK(st != NULL);
    if (!st)
        return;
    sl_store_begin(st);
    CHECK_INT(put(ctx, st, "a", "The orchard gave a record harvest of pears."), SL_PUT_NEW);
    CHECK_INT(sl_store_commit(st), 0);

    sl_store_defer_search(st, true);
    sl_store_begin(st);
    CHECK_INT(put(ctx, st, "b", "Engineers tested the new tram line at night."), SL_PUT_NEW);
    CHECK_INT(put(ctx, st, "c", "The museum lent two paintings to a gallery abroad."), SL_PUT_NEW);
    /* an indexed article changed by a deferring writer is still kept right */
    CHECK_INT(put(ctx, st, "a", "The orchard gave a poor harvest of apples."), SL_PUT_UPDATED);
    CHECK_INT(sl_store_commit(st), 0);
    CHECK_INT(hits(st, "tram"), 0);
    CHECK_INT(hits(st, "pears"), 0);
    CHECK_INT(hits(st, "apples"), 1);
    CHECK_INT(sl_store_search_backlog(st), 2);
    CHECK_INT(fts_check(st), SQLITE_OK);
    /* a deferred article that changes before it is indexed */
    sl_store_begin(st);
    CHECK_INT(put(ctx, st, "b", "Engineers tested the new cable car at night."), SL_PUT_UPDATED);
    CHECK_INT(sl_store_commit(st), 0);
    CHECK_INT(fts_check(st), SQLITE_OK);
    sl_store_close(st);

    /* another writer (the server) catches up, a bounded step at a time */
    st = sl_store_open(ctx, path);
    CHECK_INT(sl_store_search_backlog(st), 2);
    CHECK_INT(sl_store_index_search(st, 1), 1);
    CHECK_INT(sl_store_search_backlog(st), 1);
    CHECK_INT(sl_store_index_search(st, 0), 1);
    CHECK_INT(sl_store_search_backlog(st), 0);
    CHECK_INT(sl_store_index_search(st, 0), 0);
    CHECK_INT(hits(st, "cable"), 1);
    CHECK_INT(hits(st, "tram"), 0);
    CHECK_INT(hits(st, "museum"), 1);
    CHECK_INT(fts_check(st), SQLITE_OK);
    /* rows deleted from outside leave the index (if they were in it) */
    CHECK_INT(
        sqlite3_exec(sl_store_db(st), "DELETE FROM articles WHERE id = 'c'", NULL, NULL, NULL),
        SQLITE_OK);
    CHECK_INT(hits(st, "museum"), 0);
    CHECK_INT(fts_check(st), SQLITE_OK);
    sl_store_close(st);
    sl_ctx_free(ctx);
    db_path(path, sizeof path, "defer");
}

/* The dates column is written by hand (no printf): the same text as
 * "[%u,%u,%lld|null,%u,%u,%.2f]" per date, confidences on and beside the
 * rounding halves included. */
TEST(store_dates_json_as_printf_writes_it)
{
    char path[256];
    db_path(path, sizeof path, "dates");
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    CHECK(st != NULL);
    if (!st)
        return;
    static const float conf[] = {0.0f,   1.0f,  0.5f,   0.125f, 0.375f, 0.005f, 0.015f,
                                 0.145f, 0.95f, 0.995f, 0.999f,  0.35f,  0.85f,  0.6f,
                                 1e-7f,  0.7f,  2.675f, 123.455f, -0.001f, -0.5f};
    static const int64_t times[] = {SL_TIME_NONE, 0, 1700000000, -86400, -1, 4102444800LL};
    enum { N = sizeof conf / sizeof *conf };
    sl_date d[N];
    buf want;
    buf_init(&want);
    buf_addc(&want, '[');
    for (unsigned i = 0; i < N; i++) {
        d[i] = (sl_date){.start = i * 7,
                         .end = i * 7 + 5 + i * 100000,
                         .time = times[i % 6],
                         .precision = (uint8_t)(i % 4),
                         .kind = (uint8_t)(i % 5),
                         .confidence = conf[i]};
        if (i)
            buf_addc(&want, ',');
        if (d[i].time == SL_TIME_NONE)
            buf_printf(&want, "[%u,%u,null,%u,%u,%.2f]", d[i].start, d[i].end, d[i].precision,
                       d[i].kind, d[i].confidence);
        else
            buf_printf(&want, "[%u,%u,%lld,%u,%u,%.2f]", d[i].start, d[i].end,
                       (long long)d[i].time, d[i].precision, d[i].kind, d[i].confidence);
    }
    buf_addc(&want, ']');
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = "dates-1";
    raw.title = "Dates written by hand";
    raw.lang = "en";
    raw.text = "The bridge opened again.";
    raw.text_len = strlen(raw.text);
    raw.origin = "test";
    raw.format = "jsonl";
    sl_article *a = sl_article_build(ctx, &raw);
    CHECK(a != NULL);
    if (a) {
        a->dates = d;
        a->n_dates = N;
        CHECK(sl_store_put(st, a) != SL_PUT_FAILED);
        sl_article_free(a);
    }
    sqlite3_stmt *q;
    char *got = NULL;
    if (sqlite3_prepare_v2(sl_store_db(st), "SELECT dates FROM articles WHERE id = 'dates-1'",
                           -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            got = strdup((const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
    }
    CHECK(got && !strcmp(got, want.data));
    if (got && strcmp(got, want.data))
        fprintf(stderr, "  got  %s\n  want %s\n", got, want.data);
    free(got);
    buf_free(&want);
    sl_store_close(st);
    sl_ctx_free(ctx);
    db_path(path, sizeof path, "dates");
}
