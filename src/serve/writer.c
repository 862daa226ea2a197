/*
 * writer.c — the one thread that writes: posted articles go through the
 * pipeline here, digests rendered by the digester are stored here, events
 * leave from here.
 *
 * POST handlers queue a job and suspend their connection. The writer takes
 * every job waiting (group commit: one transaction for all of them), reads
 * each body with the reader of its format, builds and adds each article,
 * stores each digest, flushes the pipeline and commits — and only then
 * fills the replies and resumes the connections, so a 2xx always means
 * committed (the writer's connection runs with synchronous=FULL: committed
 * means on disk). After a commit it bumps the store version (cached
 * answers go stale), publishes story.created / story.updated events and
 * asks the digester for new digests of the stories touched. Rendering a
 * digest takes milliseconds and happens on the digester's thread: a post
 * never waits for one.
 *
 * Stories merged inside a batch (the online clusterer merges a fragment
 * into the story an article also fits; recluster_apply_merges writes it)
 * are seen by a TEMP trigger on this connection that logs every story
 * getting a merged_into into temp.serve_merges: after the commit each row
 * becomes a story.merged event, as a recluster's merges do (a rolled back
 * batch rolls its rows back too).
 *
 * Articles a bulk ingest left out of the full-text index (see
 * src/store/sqlite.c) are indexed here in slices of a few thousand between
 * batches, so the server answers at once and a post waits one slice at
 * most; while a backlog remains, posted articles join it (indexed by the
 * slices, in rid order) and search answers say how many are pending.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../extract/reader.h"
#include "../store/store.h"
#include "../story/recluster.h"
#include "../util/json.h"
#include "serve.h"

#define BATCH_MAX 256
#define ITEMS_MAX 10000 /* articles answered one by one in a reply */
#define ADDED_IDS 16    /* article ids an event lists */
#define INDEX_SLICE 2000 /* articles indexed between batches ($STORYLINE_INDEX_SLICE) */

typedef struct touched {
    long long story;
    unsigned placed; /* articles of this batch placed in it */
    buf ids;         /* their ids, JSON strings joined by commas (at most ADDED_IDS) */
} touched;

enum {
    W_GROUP_ID,
    W_STORY,
    W_STORY_VER,
    W_TEXT_PUT,
    W_ENT_DEL,
    W_ENT_PUT,
    W_MERGED,
    W_DATA_VERSION,
    W__COUNT
};

static const char *const wqueries[W__COUNT] = {
    [W_GROUP_ID] = "SELECT id FROM articles WHERE rid = ?1",
    [W_STORY] = "SELECT coalesce(t.headline, s.headline), s.n_articles, s.first, s.last"
                " FROM stories s LEFT JOIN story_text t ON t.story = s.id WHERE s.id = ?1",
    [W_STORY_VER] = "SELECT n_articles, updated_at, merged_into FROM stories WHERE id = ?1",
    [W_TEXT_PUT] = "INSERT INTO story_text (story, headline, summary, digest, n_articles,"
                   " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(story) DO UPDATE"
                   " SET headline = excluded.headline, summary = excluded.summary,"
                   " digest = excluded.digest, n_articles = excluded.n_articles,"
                   " updated_at = excluded.updated_at",
    [W_ENT_DEL] = "DELETE FROM story_entities WHERE story = ?1",
    [W_ENT_PUT] = "INSERT INTO story_entities (story, key, name, kind, articles)"
                  " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    [W_MERGED] = "SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL ORDER BY id",
    [W_DATA_VERSION] = "PRAGMA data_version",
};

struct writer {
    server *s;
    sl_ctx *ctx;
    sl_store *st;
    sl_pipeline *pl;
    sqlite3 *db;
    sqlite3_stmt *q[W__COUNT];
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    wjob *head, *tail;
    unsigned n_jobs;
    bool stop, accepting;
    wjob *cur;          /* the job being read: diagnostics go to it */
    touched *touch;
    size_t n_touch, cap_touch;
    long long batch_new;
    long long data_version; /* of the store as this connection last saw it */
    long long fts_backlog;  /* articles not in the full-text index yet */
    long slice;             /* articles indexed per slice */
    bool fts_stalled;       /* indexing failed: not tried again before an outside write */
    long long fts_from;     /* backlog when the catch-up began (for the log) */
    double fts_t0;          /* and when */
};

static double now(void) { return serve_now(); }

static sqlite3_stmt *wq(writer *w, int i)
{
    sqlite3_reset(w->q[i]);
    sqlite3_clear_bindings(w->q[i]);
    return w->q[i];
}

/* ---------------------------------------------------------------- diagnostics */

/* Reader and pipeline messages: into the reply of the job being read (and
 * errors into the store's ingest_errors, as the CLI does). */
static void wdiag(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    writer *w = user;
    wjob *j = w ? w->cur : NULL;
    if (!j) {
        if (sev != SL_INFO)
            fprintf(stderr, "storyline serve: %s%s%s\n", file ? file : "", file ? ": " : "",
                    msg);
        return;
    }
    if (sev == SL_INFO)
        return;
    if (j->n_errs < 1000) {
        buf_printf(&j->errs, "%s{\"line\":%u,\"severity\":\"%s\",\"message\":", j->n_errs ? "," : "",
                   line, sev == SL_ERROR ? "error" : "warning");
        json_str(&j->errs, msg);
        buf_addc(&j->errs, '}');
    }
    j->n_errs++;
    if (sev == SL_ERROR && w->st)
        sl_store_log_error(w->st, "api", line, msg);
}

static void publish_story(writer *w, const char *type, long long id, const char *extra)
{
    sqlite3_stmt *q = wq(w, W_STORY);
    sqlite3_bind_int64(q, 1, id);
    buf b;
    buf_init(&b);
    buf_printf(&b, "{\"story\":%lld", id);
    if (sqlite3_step(q) == SQLITE_ROW) {
        char t[32];
        buf_adds(&b, ",\"headline\":");
        json_str(&b, (const char *)sqlite3_column_text(q, 0));
        buf_printf(&b, ",\"articles\":%lld", (long long)sqlite3_column_int64(q, 1));
        api_time(sqlite3_column_int64(q, 2), t);
        buf_printf(&b, ",\"first\":\"%s\"", t);
        api_time(sqlite3_column_int64(q, 3), t);
        buf_printf(&b, ",\"last\":\"%s\"", t);
    }
    sqlite3_reset(q);
    if (extra)
        buf_adds(&b, extra);
    buf_addc(&b, '}');
    sse_publish(w->s->hub, type, b.data);
    buf_free(&b);
}

/* Stores a digest the digester rendered: its text (summary indexed for
 * search) and its entities, inside the batch transaction. 0 or -1. */
static int write_digest(writer *w, const wdigest *g)
{
    int rc = 0;
    sqlite3_stmt *q = wq(w, W_TEXT_PUT);
    sqlite3_bind_int64(q, 1, g->story);
    sqlite3_bind_text(q, 2, g->headline, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, g->summary, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, g->json, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 5, g->n_articles);
    sqlite3_bind_int64(q, 6, g->updated_at);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = -1;
    q = wq(w, W_ENT_DEL);
    sqlite3_bind_int64(q, 1, g->story);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = -1;
    for (size_t i = 0; i < g->n_ents && rc == 0; i++) {
        q = wq(w, W_ENT_PUT);
        sqlite3_bind_int64(q, 1, g->story);
        sqlite3_bind_text(q, 2, g->ents[i].key, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, g->ents[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, g->ents[i].kind);
        sqlite3_bind_int64(q, 5, g->ents[i].articles);
        if (sqlite3_step(q) != SQLITE_DONE)
            rc = -1;
    }
    if (rc)
        fprintf(stderr, "storyline serve: the digest of story %lld could not be stored: %s\n",
                g->story, sqlite3_errmsg(w->db));
    return rc;
}

/* ---------------------------------------------------------------- merges */

int merges_watch(sqlite3 *db)
{
    return sqlite3_exec(db,
                        "CREATE TEMP TABLE IF NOT EXISTS serve_merges (gone INTEGER, keep INTEGER);"
                        "CREATE TEMP TRIGGER IF NOT EXISTS serve_merge AFTER UPDATE OF merged_into"
                        " ON main.stories WHEN new.merged_into IS NOT NULL"
                        " AND old.merged_into IS NULL BEGIN"
                        " INSERT INTO serve_merges VALUES (new.id, new.merged_into); END;",
                        NULL, NULL, NULL) == SQLITE_OK
               ? 0
               : -1;
}

merged *merges_take(sqlite3 *db, size_t *n)
{
    sqlite3_stmt *q;
    merged *v = NULL;
    size_t cap = 0;
    *n = 0;
    if (sqlite3_prepare_v2(db, "SELECT gone, keep FROM temp.serve_merges ORDER BY rowid", -1, &q,
                           NULL) != SQLITE_OK)
        return NULL;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                abort();
        }
        v[(*n)++] = (merged){sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1)};
    }
    sqlite3_finalize(q);
    if (*n)
        sqlite3_exec(db, "DELETE FROM temp.serve_merges", NULL, NULL, NULL);
    return v;
}

/* After a commit: every story merged by it leaves as story.merged (its
 * answers and the kept story's go stale, the kept one is due a digest at
 * time at), like a recluster's merges. */
static void publish_merges(writer *w, const merged *v, size_t n, double at)
{
    for (size_t i = 0; i < n; i++) {
        char extra[80];
        snprintf(extra, sizeof extra, ",\"into\":%lld,\"reason\":\"online\"", v[i].into);
        serve_story_changed(w->s, v[i].id);
        serve_story_changed(w->s, v[i].into);
        publish_story(w, "story.merged", v[i].id, extra);
        atomic_fetch_sub_explicit(&w->s->m.stories, 1, memory_order_relaxed);
        digester_schedule(w->s->dg, v[i].into, at);
    }
}

/* ---------------------------------------------------------------- articles */

static void touch(writer *w, long long story, const char *article_id)
{
    touched *t = NULL;
    for (size_t i = 0; i < w->n_touch && !t; i++)
        if (w->touch[i].story == story)
            t = &w->touch[i];
    if (!t) {
        if (w->n_touch == w->cap_touch) {
            w->cap_touch = w->cap_touch ? w->cap_touch * 2 : 32;
            w->touch = realloc(w->touch, w->cap_touch * sizeof *w->touch);
            if (!w->touch)
                abort();
        }
        t = &w->touch[w->n_touch++];
        t->story = story;
        t->placed = 0;
        buf_init(&t->ids);
    }
    if (t->placed++ < ADDED_IDS) {
        if (t->ids.len)
            buf_addc(&t->ids, ',');
        json_str(&t->ids, article_id);
    }
}

static const char *put_name(sl_put_result p)
{
    switch (p) {
    case SL_PUT_NEW: return "new";
    case SL_PUT_SAME: return "unchanged";
    case SL_PUT_UPDATED: return "updated";
    default: return "failed";
    }
}

static void item_failed(wjob *j, const char *id, const char *why)
{
    j->counts[3]++;
    if (j->n_items++ >= ITEMS_MAX)
        return;
    buf_adds(&j->items, j->items.len ? ",{\"id\":" : "{\"id\":");
    json_str(&j->items, id);
    buf_adds(&j->items, ",\"status\":\"failed\",\"message\":");
    json_str(&j->items, why);
    buf_addc(&j->items, '}');
}

static bool on_raw(void *user, const sl_raw *raw)
{
    writer *w = user;
    wjob *j = w->cur;
    sl_article *a = sl_article_build(w->ctx, raw);
    if (!a) {
        item_failed(j, raw->id, "nothing usable: no text and no title");
        return true;
    }
    sl_added ad = sl_pipeline_add(w->pl, a);
    int k = ad.put == SL_PUT_NEW ? 0 : ad.put == SL_PUT_UPDATED ? 1 : ad.put == SL_PUT_SAME ? 2 : 3;
    j->counts[k]++;
    if (ad.put == SL_PUT_NEW)
        w->batch_new++;
    if ((ad.put == SL_PUT_NEW || ad.put == SL_PUT_UPDATED) && ad.story > 0)
        touch(w, ad.story, a->id);
    if (j->n_items++ < ITEMS_MAX) {
        buf *b = &j->items;
        buf_adds(b, b->len ? ",{\"id\":" : "{\"id\":");
        json_str(b, a->id);
        buf_printf(b, ",\"status\":\"%s\"", put_name(ad.put));
        if (ad.rid)
            buf_printf(b, ",\"rid\":%lld", ad.rid);
        if (ad.copy.group) {
            sqlite3_stmt *q = wq(w, W_GROUP_ID);
            sqlite3_bind_int64(q, 1, ad.copy.group);
            buf_adds(b, ",\"copy_group\":");
            if (sqlite3_step(q) == SQLITE_ROW)
                json_str(b, (const char *)sqlite3_column_text(q, 0));
            else
                buf_adds(b, "null");
            sqlite3_reset(q);
            buf_printf(b, ",\"copies\":%lld", ad.copy.size);
        } else {
            buf_adds(b, ",\"copy_group\":null");
        }
        if (ad.story > 0)
            buf_printf(b, ",\"story\":%lld", ad.story);
        else
            buf_adds(b, ",\"story\":null");
        buf_addc(b, '}');
    }
    sl_article_free(a);
    return true;
}

static const reader_ops *reader_for(const char *format)
{
    if (!strcmp(format, "jsonl"))
        return &reader_jsonl;
    if (!strcmp(format, "html"))
        return &reader_html;
    if (!strcmp(format, "warc"))
        return &reader_warc;
    if (!strcmp(format, "txt"))
        return &reader_txt;
    return NULL;
}

/* Reads the job's body with its format's reader, adding every article. */
static void read_job(writer *w, wjob *j)
{
    const reader_ops *ops = reader_for(j->format);
    FILE *f = ops && j->len ? fmemopen(j->body, j->len, "rb") : NULL;
    if (!f) {
        wdiag(w, SL_ERROR, "body", 0, "the body cannot be read");
        return;
    }
    unsigned char head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    reader_input in = {f, "body", j->id_hint, head, n};
    int stopped = 0;
    ops->read(w->ctx, &in, on_raw, w, &stopped);
    fclose(f);
}

/* The answer to an articles job once its batch is committed. */
static void finish_articles(writer *w, wjob *j, bool committed)
{
    reply *r = &j->r;
    if (!committed) {
        reply_error(r, 500, "store_error",
                    "The articles could not be committed; nothing of this request was kept.");
        return;
    }
    metrics *m = &w->s->m;
    for (int k = 0; k < 4; k++)
        atomic_fetch_add_explicit(&m->ingested[k], j->counts[k], memory_order_relaxed);
    buf *b = &r->body;
    buf_clear(b);
    if (j->n_items == 0) {
        r->status = 422;
        buf_adds(b, "{\"error\":{\"code\":\"no_article\",\"message\":\"No article could be read "
                    "from the body.\"},\"errors\":[");
        buf_add(b, j->errs.data, j->errs.len);
        buf_adds(b, "]}\n");
        return;
    }
    r->status = j->counts[0] ? 201 : 200;
    buf_printf(b, "{\"new\":%u,\"updated\":%u,\"unchanged\":%u,\"failed\":%u,\"articles\":[",
               j->counts[0], j->counts[1], j->counts[2], j->counts[3]);
    buf_add(b, j->items.data, j->items.len);
    buf_adds(b, "],\"errors\":[");
    buf_add(b, j->errs.data, j->errs.len);
    buf_adds(b, "]}\n");
}

/* Events and digest schedule for the stories a committed batch touched. */
static void after_commit(writer *w)
{
    metrics *m = &w->s->m;
    atomic_fetch_add(&w->s->version, 1);
    atomic_fetch_add_explicit(&m->commits, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->articles, w->batch_new, memory_order_relaxed);
    double at = now() + w->s->o.digest_delay_ms / 1000.0;
    for (size_t i = 0; i < w->n_touch; i++) {
        touched *t = &w->touch[i];
        sqlite3_stmt *q = wq(w, W_STORY_VER);
        sqlite3_bind_int64(q, 1, t->story);
        bool row = sqlite3_step(q) == SQLITE_ROW;
        long long n = row ? sqlite3_column_int64(q, 0) : 0;
        bool gone = row && sqlite3_column_type(q, 2) != SQLITE_NULL;
        sqlite3_reset(q);
        bool created = n > 0 && n <= (long long)t->placed;
        if (created)
            atomic_fetch_add_explicit(&m->stories, 1, memory_order_relaxed);
        if (gone)
            continue; /* merged by this batch: its story.merged event follows */
        buf extra;
        buf_init(&extra);
        buf_printf(&extra, ",\"reason\":\"articles\",\"added\":[%s]",
                   t->ids.data ? t->ids.data : "");
        serve_story_changed(w->s, t->story);
        publish_story(w, created ? "story.created" : "story.updated", t->story, extra.data);
        buf_free(&extra);
        digester_schedule(w->s->dg, t->story, at);
    }
    size_t nm;
    merged *v = merges_take(w->db, &nm);
    publish_merges(w, v, nm, at);
    free(v);
}

static void clear_touched(writer *w)
{
    for (size_t i = 0; i < w->n_touch; i++)
        buf_free(&w->touch[i].ids);
    w->n_touch = 0;
    w->batch_new = 0;
}

static void resume(wjob *j)
{
    atomic_store(&j->done, true);
    MHD_resume_connection(j->conn);
}

/* After the commit of a stored digest: readers see it, pages hear of it. */
static void digest_stored(writer *w, const wdigest *g)
{
    serve_story_changed(w->s, g->story);
    atomic_fetch_add_explicit(&w->s->m.digests, 1, memory_order_relaxed);
    publish_story(w, "story.updated", g->story, ",\"reason\":\"digest\"");
}

static void run_batch(writer *w, wjob *jobs)
{
    bool ok = sl_store_begin(w->st) == 0;
    for (wjob *j = jobs; j && ok; j = j->next) {
        if (j->kind == WJ_DIGEST) {
            /* a digest that cannot be stored must not fail the posts with it:
             * it is dropped (the story stays due at the next change) */
            if (write_digest(w, j->dg) != 0)
                j->dg->story = 0;
            continue;
        }
        w->cur = j;
        read_job(w, j);
        w->cur = NULL;
    }
    if (ok && sl_pipeline_flush(w->pl) != 0)
        ok = false;
    if (ok)
        ok = sl_store_commit(w->st) == 0;
    else
        sl_store_commit(w->st);
    if (!ok) {
        sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
        /* the clusterer's memory may now be ahead of the store: reload it */
        sl_pipeline_close(w->pl);
        w->pl = sl_pipeline_open(w->ctx, w->st);
        digester_rescan(w->s->dg);
    } else {
        after_commit(w);
    }
    clear_touched(w);
    for (wjob *j = jobs, *next; j; j = next) {
        next = j->next;
        if (j->kind == WJ_DIGEST) {
            if (ok && j->dg->story)
                digest_stored(w, j->dg);
            wjob_free(j);
            continue;
        }
        finish_articles(w, j, ok);
        resume(j);
    }
}

/* ---------------------------------------------------------------- recluster */

static merged *merged_list(writer *w, size_t *n)
{
    sqlite3_stmt *q = wq(w, W_MERGED);
    merged *v = NULL;
    size_t cap = 0;
    *n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                abort();
        }
        v[(*n)++] = (merged){sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1)};
    }
    sqlite3_reset(q);
    return v;
}

static void run_recluster(writer *w, wjob *j)
{
    size_t n_before, n_after;
    merged *before = merged_list(w, &n_before);
    sl_pipeline_close(w->pl); /* the clusterer's state is rebuilt from the store after */
    w->pl = NULL;
    recluster_opts o = {.since = SL_TIME_NONE, .merge = true, .split = true};
    recluster_report rep = {0};
    w->cur = j;
    int rc = recluster_run(w->ctx, w->st, &o, &rep);
    w->cur = NULL;
    w->pl = sl_pipeline_open(w->ctx, w->st);
    if (rc != 0) {
        reply_error(&j->r, 500, "store_error", "The recluster pass failed; nothing was changed.");
        free(before);
        resume(j);
        return;
    }
    size_t n_logged; /* the trigger saw these merges too: the diff below tells them */
    free(merges_take(w->db, &n_logged));
    merged *after = merged_list(w, &n_after);
    atomic_fetch_add(&w->s->epoch, 1); /* stories moved: every story answer is stale */
    atomic_fetch_add(&w->s->version, 1);
    size_t k = 0;
    for (size_t i = 0; i < n_after; i++) {
        while (k < n_before && before[k].id < after[i].id)
            k++;
        if (k < n_before && before[k].id == after[i].id)
            continue;
        char extra[64];
        snprintf(extra, sizeof extra, ",\"into\":%lld", after[i].into);
        publish_story(w, "story.merged", after[i].id, extra);
        atomic_fetch_sub_explicit(&w->s->m.stories, 1, memory_order_relaxed);
    }
    free(before);
    free(after);
    digester_rescan(w->s->dg); /* stories that gained, lost or got articles */
    j->r.status = 200;
    buf_printf(&j->r.body, "{\"stories\":%ld,\"merged\":%ld,\"split\":%ld,\"moved\":%ld}\n",
               rep.stories, rep.merged, rep.split, rep.moved);
    resume(j);
}

/* ---------------------------------------------------------------- the thread */

static long long count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q;
    long long n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* Counts the articles not in the full-text index yet. While there are
 * some, new articles are left to the slices too: else the first commit
 * would index the whole backlog before its post is answered. */
static void backlog_count(writer *w)
{
    long long n = sl_store_search_backlog(w->st);
    w->fts_backlog = n > 0 ? n : 0;
    sl_store_defer_search(w->st, w->fts_backlog > 0);
    atomic_store(&w->s->m.search_backlog, (int64_t)w->fts_backlog);
    if (w->fts_backlog && !w->fts_from) {
        w->fts_from = w->fts_backlog;
        w->fts_t0 = now();
    }
}

/* Does the writer have a slice of the search index to do? */
static bool index_due(writer *w) { return w->fts_backlog > 0 && !w->fts_stalled; }

/* Indexes one slice of the backlog in its own transaction; search answers
 * change (the version is bumped). */
static void index_slice(writer *w)
{
    if (!index_due(w))
        return;
    long done = sl_store_index_search(w->st, w->slice);
    if (done < 0) {
        fprintf(stderr, "storyline serve: the search index could not be brought up to date\n");
        w->fts_stalled = true;
        return;
    }
    backlog_count(w);
    atomic_fetch_add(&w->s->version, 1);
    if (!w->fts_backlog && w->fts_from) {
        if (w->fts_from >= 10000)
            fprintf(stderr, "storyline serve: %lld articles indexed for search in %.1f s\n",
                    w->fts_from, now() - w->fts_t0);
        w->fts_from = 0;
    }
}

/* Writes made by another process (an `ingest` into the same file) change
 * the data version this connection sees: then every cached answer may be
 * stale, and stories may want new digests. */
static void check_outside_writes(writer *w)
{
    sqlite3_stmt *q = wq(w, W_DATA_VERSION);
    long long v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (v == w->data_version)
        return;
    bool first = w->data_version == 0;
    w->data_version = v;
    if (first)
        return;
    w->fts_stalled = false;
    backlog_count(w);
    atomic_fetch_add(&w->s->epoch, 1);
    atomic_fetch_add(&w->s->version, 1);
    atomic_store(&w->s->m.articles, count(w->db, "SELECT count(*) FROM articles"));
    atomic_store(&w->s->m.stories, count(w->db, "SELECT count(*) FROM stories WHERE"
                                                " merged_into IS NULL AND n_articles > 0"));
    digester_rescan(w->s->dg);
}

/* Waits for a job, a second at most (outside writes are looked for then);
 * not at all while the search index has a slice to do. */
static void wait_work(writer *w)
{
    if (w->head || w->stop || index_due(w))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += 1;
    pthread_cond_timedwait(&w->cv, &w->mu, &ts);
}

/* Takes every waiting job up to BATCH_MAX (a recluster alone); call with
 * the queue locked. */
static wjob *take_batch(writer *w)
{
    wjob *batch = NULL, **tail = &batch;
    unsigned taken = 0;
    while (w->head && taken < BATCH_MAX && (w->head->kind != WJ_RECLUSTER || taken == 0)) {
        wjob *j = w->head;
        w->head = j->next;
        j->next = NULL;
        *tail = j;
        tail = &j->next;
        taken++;
        if (j->kind == WJ_RECLUSTER)
            break;
    }
    if (!w->head)
        w->tail = NULL;
    w->n_jobs -= taken;
    atomic_store(&w->s->m.queue, (int64_t)w->n_jobs);
    return batch;
}

static void *writer_main(void *arg)
{
    writer *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        wait_work(w);
        if (!w->head && w->stop) {
            pthread_mutex_unlock(&w->mu);
            break;
        }
        wjob *batch = take_batch(w);
        pthread_mutex_unlock(&w->mu);
        check_outside_writes(w);
        if (batch && batch->kind == WJ_RECLUSTER)
            run_recluster(w, batch);
        else if (batch)
            run_batch(w, batch);
        index_slice(w);
        for (int i = 0; i < W__COUNT; i++) /* no statement keeps a read open */
            sqlite3_reset(w->q[i]);
    }
    return NULL;
}

writer *writer_start(server *s)
{
    writer *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    w->s = s;
    w->ctx = sl_ctx_new(wdiag, w);
    w->st = sl_store_open(w->ctx, s->o.db);
    if (!w->st) {
        sl_ctx_free(w->ctx);
        free(w);
        return NULL;
    }
    w->db = sl_store_db(w->st);
    sqlite3_exec(w->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (merges_watch(w->db) != 0)
        fprintf(stderr, "storyline serve: merges will not be announced: %s\n",
                sqlite3_errmsg(w->db));
    for (int i = 0; i < W__COUNT; i++)
        if (sqlite3_prepare_v3(w->db, wqueries[i], -1, SQLITE_PREPARE_PERSISTENT, &w->q[i],
                               NULL) != SQLITE_OK) {
            fprintf(stderr, "storyline serve: writer query %d: %s\n", i, sqlite3_errmsg(w->db));
            for (int k = 0; k < i; k++)
                sqlite3_finalize(w->q[k]);
            sl_store_close(w->st);
            sl_ctx_free(w->ctx);
            free(w);
            return NULL;
        }
    w->pl = sl_pipeline_open(w->ctx, w->st);
    const char *slice = getenv("STORYLINE_INDEX_SLICE");
    w->slice = slice && atol(slice) > 0 ? atol(slice) : INDEX_SLICE;
    backlog_count(w);
    atomic_store(&s->m.articles, count(w->db, "SELECT count(*) FROM articles"));
    atomic_store(&s->m.stories,
                 count(w->db, "SELECT count(*) FROM stories WHERE merged_into IS NULL"
                              " AND n_articles > 0"));
    check_outside_writes(w); /* the version as of now */
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    w->accepting = true;
    if (pthread_create(&w->th, NULL, writer_main, w) != 0) {
        fprintf(stderr, "storyline serve: cannot start the writer thread\n");
        abort();
    }
    return w;
}

bool writer_submit(writer *w, wjob *j)
{
    pthread_mutex_lock(&w->mu);
    if (!w->accepting || w->n_jobs >= w->s->o.queue) {
        pthread_mutex_unlock(&w->mu);
        atomic_fetch_add_explicit(&w->s->m.rejected, 1, memory_order_relaxed);
        return false;
    }
    /* Suspended before the writer can see the job, so its resume always
     * comes after. (Digest jobs have no connection.) */
    if (j->conn)
        MHD_suspend_connection(j->conn);
    j->next = NULL;
    if (w->tail)
        w->tail->next = j;
    else
        w->head = j;
    w->tail = j;
    w->n_jobs++;
    atomic_store(&w->s->m.queue, (int64_t)w->n_jobs);
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return true;
}

void writer_stop(writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->accepting = false;
    w->stop = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    sl_pipeline_close(w->pl);
    w->pl = NULL;
    for (int i = 0; i < W__COUNT; i++) {
        sqlite3_finalize(w->q[i]);
        w->q[i] = NULL;
    }
    sl_store_close(w->st);
    w->st = NULL;
    sl_ctx_free(w->ctx);
    w->ctx = NULL;
}

void writer_free(writer *w)
{
    if (!w)
        return;
    free(w->touch);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}

wjob *wjob_new(wjob_kind kind)
{
    wjob *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    reply_init(&j->r);
    buf_init(&j->items);
    buf_init(&j->errs);
    j->kind = kind;
    return j;
}

void wjob_free(wjob *j)
{
    if (!j)
        return;
    free(j->body);
    free(j->id_hint);
    buf_free(&j->items);
    buf_free(&j->errs);
    reply_free(&j->r);
    wdigest_free(j->dg);
    free(j);
}
