/*
 * sqlite.c — the default store: one SQLite file in WAL mode.
 *
 * Writers batch articles in explicit transactions (sl_store_begin/commit);
 * what was committed survives a crash of the process (WAL, synchronous
 * NORMAL). Re-putting an article with the same id and content hash writes
 * nothing, so ingesting the same input twice is idempotent.
 *
 * The full-text index (articles_fts, FTS5 over the articles' title and
 * text, external content) is filled by ranges of rids, not by row
 * triggers: FTS5 flushes its pending terms at every statement that touches
 * it, so a trigger made one index segment per article (and endless
 * merging), half of the whole ingest's time. store_meta 'fts_rid' says
 * that every article up to that rid is indexed and none after it. A
 * transaction indexes the rids it inserted with one statement just before
 * its COMMIT, so the index commits with the articles; a bulk writer may
 * instead leave them to sl_store_index_search (the server runs it when it
 * opens a store and when another process wrote to it). An update of an
 * indexed article takes the old text out of the index at once and puts the
 * new one in at commit; an article past fts_rid is only indexed later.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/json.h"
#include "store.h"

enum {
    Q_FIND,
    Q_INSERT,
    Q_UPDATE,
    Q_ERROR,
    Q_FTS_RANGE,
    Q_FTS_DEL,
    Q_FTS_RID_GET,
    Q_FTS_RID_SET,
    Q_MAX_RID,
    Q__COUNT
};

static const char *const queries[Q__COUNT] = {
    [Q_FIND] = "SELECT hash, rid FROM articles WHERE id = ?1",
    [Q_INSERT] =
        "INSERT INTO articles (id, hash, outlet, url, title, lang, author, published,"
        " published_prec, date_source, agencies, text, paras, sents, dates, removed, n_tokens,"
        " origin, origin_line, format, bad_bytes, truncated, ingested_at, updated_at)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
        "?23,?23)",
    [Q_UPDATE] =
        "UPDATE articles SET hash=?2, outlet=?3, url=?4, title=?5, lang=?6, author=?7,"
        " published=?8, published_prec=?9, date_source=?10, agencies=?11, text=?12, paras=?13,"
        " sents=?14, dates=?15, removed=?16, n_tokens=?17, origin=?18, origin_line=?19,"
        " format=?20, bad_bytes=?21, truncated=?22, updated_at=?23 WHERE id=?1",
    [Q_ERROR] = "INSERT INTO ingest_errors (origin, line, message, at) VALUES (?1,?2,?3,?4)",
    [Q_FTS_RANGE] = "INSERT INTO articles_fts (rowid, title, text)"
                    " SELECT rid, title, text FROM articles WHERE rid BETWEEN ?1 AND ?2",
    [Q_FTS_DEL] = "INSERT INTO articles_fts (articles_fts, rowid, title, text)"
                  " SELECT 'delete', rid, title, text FROM articles WHERE rid = ?1",
    [Q_FTS_RID_GET] = "SELECT value FROM store_meta WHERE key = 'fts_rid'",
    [Q_FTS_RID_SET] = "UPDATE store_meta SET value = ?1 WHERE key = 'fts_rid'",
    [Q_MAX_RID] = "SELECT coalesce(max(rid), 0) FROM articles",
};

/* Articles indexed per transaction by sl_store_index_search. */
#define FTS_CHUNK 20000

struct sl_store {
    sl_ctx *ctx;
    sqlite3 *db;
    char *path;
    sqlite3_stmt *q[Q__COUNT];
    int in_tx;
    long long last_rid;
    bool defer_fts;     /* new articles are left to sl_store_index_search */
    long long fts_rid;  /* the index holds exactly the rids up to this (read at begin) */
    long long new_hi;   /* largest rid this transaction inserted, 0 if none */
    long long *fts_upd; /* indexed articles this transaction updated (out of the index) */
    size_t n_fts_upd, fts_upd_cap;
    buf scratch[5];
};

sl_store *sl_store_open(sl_ctx *ctx, const char *path)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        sl_diag(ctx, SL_ERROR, path, 0, "cannot open store: %s",
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char *err = NULL;
    /* page_size only counts for a new file (articles then rarely overflow a
     * page: a fifth less file, a tenth less ingest time than 4 KiB); a
     * 64 MiB page cache; a checkpoint every 80 MB of WAL rather than every
     * 4 MB (a page rewritten by many batches reaches the file once) */
    if (sqlite3_exec(db,
                     "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
                     " PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=5000;",
                     NULL, NULL, &err) != SQLITE_OK) {
        sl_diag(ctx, SL_ERROR, path, 0, "cannot open store: %s", err ? err : "?");
        sqlite3_free(err);
        sqlite3_close(db);
        return NULL;
    }
    if (store_migrate(ctx, db, path) != 0) {
        sqlite3_close(db);
        return NULL;
    }
    sl_store *st = calloc(1, sizeof *st);
    if (!st)
        abort();
    st->ctx = ctx;
    st->db = db;
    st->path = strdup(path);
    for (int i = 0; i < Q__COUNT; i++) {
        if (sqlite3_prepare_v3(db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL) !=
            SQLITE_OK) {
            sl_diag(ctx, SL_ERROR, path, 0, "store query failed to prepare: %s",
                    sqlite3_errmsg(db));
            sl_store_close(st);
            return NULL;
        }
    }
    for (int i = 0; i < 5; i++)
        buf_init(&st->scratch[i]);
    return st;
}

void sl_store_close(sl_store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        sl_store_commit(st);
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(st->q[i]);
    for (int i = 0; i < 5; i++)
        buf_free(&st->scratch[i]);
    free(st->fts_upd);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

static int exec(sl_store *st, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        sl_diag(st->ctx, SL_ERROR, st->path, 0, "%s failed: %s", sql, err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

/* Steps a statement that returns at most one integer; dflt if none, -1 on error. */
static long long scalar(sl_store *st, sqlite3_stmt *q, long long dflt)
{
    int rc = sqlite3_step(q);
    long long v = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : dflt;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sl_diag(st->ctx, SL_ERROR, st->path, 0, "full-text index: %s", sqlite3_errmsg(st->db));
        return -1;
    }
    return v;
}

int sl_store_begin(sl_store *st)
{
    if (st->in_tx)
        return 0;
    if (exec(st, "BEGIN IMMEDIATE") != 0)
        return -1;
    st->in_tx = 1;
    st->new_hi = 0;
    st->n_fts_upd = 0;
    st->fts_rid = scalar(st, st->q[Q_FTS_RID_GET], 0);
    return st->fts_rid < 0 ? -1 : 0;
}

/* Indexes the articles with rids lo..hi. 0 or -1 (reported). */
static int fts_add(sl_store *st, long long lo, long long hi)
{
    sqlite3_stmt *q = st->q[Q_FTS_RANGE];
    sqlite3_bind_int64(q, 1, lo);
    sqlite3_bind_int64(q, 2, hi);
    return scalar(st, q, 0) < 0 ? -1 : 0;
}

static int fts_set_rid(sl_store *st, long long rid)
{
    sqlite3_stmt *q = st->q[Q_FTS_RID_SET];
    sqlite3_bind_int64(q, 1, rid);
    if (scalar(st, q, 0) < 0)
        return -1;
    st->fts_rid = rid;
    return 0;
}

/* What the transaction owes the index before its COMMIT: the updated
 * articles back in, and (unless deferred) the new ones. */
static int fts_before_commit(sl_store *st)
{
    for (size_t i = 0; i < st->n_fts_upd; i++)
        if (fts_add(st, st->fts_upd[i], st->fts_upd[i]) != 0)
            return -1;
    st->n_fts_upd = 0;
    if (!st->defer_fts && st->new_hi > st->fts_rid) {
        if (fts_add(st, st->fts_rid + 1, st->new_hi) != 0 || fts_set_rid(st, st->new_hi) != 0)
            return -1;
    }
    st->new_hi = 0;
    return 0;
}

int sl_store_commit(sl_store *st)
{
    if (!st->in_tx)
        return 0;
    st->in_tx = 0;
    if (fts_before_commit(st) != 0)
        return -1; /* not committed: the caller rolls back */
    return exec(st, "COMMIT");
}

void sl_store_defer_search(sl_store *st, bool defer) { st->defer_fts = defer; }

long long sl_store_search_backlog(sl_store *st)
{
    long long top = scalar(st, st->q[Q_MAX_RID], 0), done = scalar(st, st->q[Q_FTS_RID_GET], 0);
    return top < 0 || done < 0 ? -1 : top > done ? top - done : 0;
}

long sl_store_index_search(sl_store *st, long max)
{
    if (st->in_tx)
        return -1;
    long done = 0;
    while (max <= 0 || done < max) {
        if (sl_store_begin(st) != 0)
            return -1;
        long long top = scalar(st, st->q[Q_MAX_RID], 0);
        if (top < 0) {
            sl_store_commit(st);
            return -1;
        }
        long long hi = st->fts_rid + FTS_CHUNK;
        if (max > 0 && hi > st->fts_rid + (max - done))
            hi = st->fts_rid + (max - done);
        if (hi > top)
            hi = top;
        if (hi <= st->fts_rid) {
            sl_store_commit(st);
            break;
        }
        done += (long)(hi - st->fts_rid);
        if (fts_add(st, st->fts_rid + 1, hi) != 0 || fts_set_rid(st, hi) != 0) {
            st->in_tx = 0;
            exec(st, "ROLLBACK");
            return -1;
        }
        if (sl_store_commit(st) != 0)
            return -1;
    }
    return done;
}

/* Before the indexed article rid is updated: its old text out of the
 * index (the new one goes in at commit). 0 or -1. */
static int fts_unindex(sl_store *st, long long rid)
{
    if (rid > st->fts_rid)
        return 0;
    for (size_t i = 0; i < st->n_fts_upd; i++)
        if (st->fts_upd[i] == rid)
            return 0;
    sqlite3_stmt *q = st->q[Q_FTS_DEL];
    sqlite3_bind_int64(q, 1, rid);
    if (scalar(st, q, 0) < 0)
        return -1;
    if (st->n_fts_upd == st->fts_upd_cap) {
        st->fts_upd_cap = st->fts_upd_cap ? 2 * st->fts_upd_cap : 64;
        st->fts_upd = realloc(st->fts_upd, st->fts_upd_cap * sizeof *st->fts_upd);
        if (!st->fts_upd)
            abort();
    }
    st->fts_upd[st->n_fts_upd++] = rid;
    return 0;
}

sqlite3 *sl_store_db(sl_store *st) { return st->db; }

long long sl_store_last_rid(sl_store *st) { return st->last_rid; }

int sl_store_schema_version(sl_store *st)
{
    sqlite3_stmt *q;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* ---- serialising the article's arrays as compact JSON (numbers written
 * by hand: printf was a twentieth of the writer's time, and its "%.2f" of a
 * date's confidence still 2% of an ingest's instructions) */

/* Appends the decimal digits of v, then the character after (if any). */
static void add_u64(buf *b, uint64_t v, char after)
{
    char tmp[24];
    size_t n = sizeof tmp;
    if (after)
        tmp[--n] = after;
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_add(b, tmp + n, sizeof tmp - n);
}

static void json_agencies(buf *b, const sl_article *a)
{
    buf_clear(b);
    buf_addc(b, '[');
    for (size_t i = 0; i < a->n_agencies; i++) {
        if (i)
            buf_addc(b, ',');
        json_str(b, a->agencies[i]);
    }
    buf_addc(b, ']');
}

static void json_spans(buf *b, const sl_article *a)
{
    buf_clear(b);
    buf_addc(b, '[');
    for (size_t i = 0; i < a->n_paras; i++) {
        buf_add(b, i ? ",[" : "[", i ? 2 : 1);
        add_u64(b, a->paras[i].start, ',');
        add_u64(b, a->paras[i].end, ']');
    }
    buf_addc(b, ']');
}

static void json_sents(buf *b, const sl_article *a)
{
    buf_clear(b);
    buf_addc(b, '[');
    for (size_t i = 0; i < a->n_sents; i++) {
        buf_add(b, i ? ",[" : "[", i ? 2 : 1);
        add_u64(b, a->sents[i].start, ',');
        add_u64(b, a->sents[i].end, ',');
        add_u64(b, a->sents[i].para, ']');
    }
    buf_addc(b, ']');
}

/* Appends v as printf's "%.2f" writes it. By hand when v * 100 is small and
 * clearly on one side of a rounding boundary (its error, under 1e-9, cannot
 * cross it); printf decides the rest (negative, large, within 1e-6 of a half). */
static void add_fixed2(buf *b, double v)
{
    double x = v * 100.0;
    double f = floor(x), frac = x - f;
    if (!(x >= 0 && x < 1e7) || signbit(v) || fabs(frac - 0.5) < 1e-6) {
        buf_printf(b, "%.2f", v);
        return;
    }
    uint64_t k = (uint64_t)f + (frac > 0.5);
    add_u64(b, k / 100, '.');
    char d[2] = {(char)('0' + k % 100 / 10), (char)('0' + k % 10)};
    buf_add(b, d, 2);
}

static void json_dates(buf *b, const sl_article *a)
{
    buf_clear(b);
    buf_addc(b, '[');
    for (size_t i = 0; i < a->n_dates; i++) {
        const sl_date *d = &a->dates[i];
        buf_add(b, i ? ",[" : "[", i ? 2 : 1);
        add_u64(b, d->start, ',');
        add_u64(b, d->end, ',');
        if (d->time == SL_TIME_NONE) {
            buf_add(b, "null,", 5);
        } else {
            if (d->time < 0)
                buf_addc(b, '-');
            add_u64(b, d->time < 0 ? (uint64_t)-(d->time + 1) + 1 : (uint64_t)d->time, ',');
        }
        add_u64(b, d->precision, ',');
        add_u64(b, d->kind, ',');
        add_fixed2(b, d->confidence);
        buf_addc(b, ']');
    }
    buf_addc(b, ']');
}

static void json_removed(buf *b, const sl_article *a)
{
    buf_clear(b);
    buf_addc(b, '[');
    for (size_t i = 0; i < a->n_removed; i++) {
        const sl_removed *r = &a->removed[i];
        buf_add(b, i ? ",[" : "[", i ? 2 : 1);
        add_u64(b, r->line, ',');
        buf_addc(b, '"');
        buf_adds(b, sl_reason_name(r->reason));
        buf_add(b, "\",", 2);
        json_str(b, r->text);
        buf_addc(b, ']');
    }
    buf_addc(b, ']');
}

static int bind_article(sl_store *st, sqlite3_stmt *q, const sl_article *a, const char *hash,
                        int64_t now)
{
    buf *s = st->scratch;
    json_agencies(&s[0], a);
    json_spans(&s[1], a);
    json_sents(&s[2], a);
    json_dates(&s[3], a);
    json_removed(&s[4], a);
    sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, a->outlet, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, a->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, a->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, a->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, a->author, -1, SQLITE_STATIC);
    if (a->published == SL_TIME_NONE)
        sqlite3_bind_null(q, 8);
    else
        sqlite3_bind_int64(q, 8, a->published);
    sqlite3_bind_int(q, 9, a->published_prec);
    sqlite3_bind_int(q, 10, a->date_source);
    sqlite3_bind_text(q, 11, s[0].data, (int)s[0].len, SQLITE_STATIC);
    sqlite3_bind_text(q, 12, a->text, (int)a->text_len, SQLITE_STATIC);
    sqlite3_bind_text(q, 13, s[1].data, (int)s[1].len, SQLITE_STATIC);
    sqlite3_bind_text(q, 14, s[2].data, (int)s[2].len, SQLITE_STATIC);
    sqlite3_bind_text(q, 15, s[3].data, (int)s[3].len, SQLITE_STATIC);
    sqlite3_bind_text(q, 16, s[4].data, (int)s[4].len, SQLITE_STATIC);
    sqlite3_bind_int64(q, 17, (int64_t)a->n_toks);
    sqlite3_bind_text(q, 18, a->origin, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 19, (int)a->origin_line);
    sqlite3_bind_text(q, 20, a->format, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 21, (int)a->bad_bytes);
    sqlite3_bind_int(q, 22, a->truncated);
    sqlite3_bind_int64(q, 23, now);
    return 0;
}

static int step_done(sl_store *st, sqlite3_stmt *q, const sl_article *a)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE) {
        sl_diag(st->ctx, SL_ERROR, a->origin, a->origin_line, "article %s not stored: %s", a->id,
                sqlite3_errmsg(st->db));
        return -1;
    }
    return 0;
}

static sl_put_result put(sl_store *st, const sl_article *a)
{
    char hash[17];
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)a->hash);
    sqlite3_stmt *find = st->q[Q_FIND];
    sqlite3_bind_text(find, 1, a->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(find);
    int exists = rc == SQLITE_ROW;
    int same = exists && strcmp((const char *)sqlite3_column_text(find, 0), hash) == 0;
    st->last_rid = exists ? sqlite3_column_int64(find, 1) : 0;
    sqlite3_reset(find);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sl_diag(st->ctx, SL_ERROR, a->origin, a->origin_line, "article %s not stored: %s", a->id,
                sqlite3_errmsg(st->db));
        return SL_PUT_FAILED;
    }
    if (same)
        return SL_PUT_SAME;
    if (exists && fts_unindex(st, st->last_rid) != 0) {
        st->last_rid = 0;
        return SL_PUT_FAILED;
    }
    sqlite3_stmt *q = st->q[exists ? Q_UPDATE : Q_INSERT];
    bind_article(st, q, a, hash, (int64_t)time(NULL));
    if (step_done(st, q, a) != 0) {
        st->last_rid = 0;
        return SL_PUT_FAILED;
    }
    if (!exists) {
        st->last_rid = sqlite3_last_insert_rowid(st->db);
        st->new_hi = st->last_rid;
    }
    return exists ? SL_PUT_UPDATED : SL_PUT_NEW;
}

sl_put_result sl_store_put(sl_store *st, const sl_article *a)
{
    if (st->in_tx)
        return put(st, a);
    /* outside a batch: a transaction of its own, so the index follows */
    if (sl_store_begin(st) != 0)
        return SL_PUT_FAILED;
    sl_put_result r = put(st, a);
    if (sl_store_commit(st) != 0)
        r = SL_PUT_FAILED;
    return r;
}

void sl_store_log_error(sl_store *st, const char *origin, unsigned line, const char *msg)
{
    sqlite3_stmt *q = st->q[Q_ERROR];
    sqlite3_bind_text(q, 1, origin ? origin : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, (int)line);
    sqlite3_bind_text(q, 3, msg, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, (int64_t)time(NULL));
    sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
}
