/*
 * story.c — the story stage in the store: placing articles, saving changed
 * stories at each flush, reloading the active ones when a writer opens.
 *
 * The centroid blob of a story is written only when its centroid changed
 * (copies only move counters and times), and the document-frequency table
 * (one blob) only every DF_EVERY placed articles and at close: after a
 * crash it may lag behind the stories by that much, which only nudges term
 * weights.
 *
 * Before a changed story is saved its headline is chosen by the digest's
 * rule (dg_title_choose) over its members' titles, so `stories` and the
 * story's digest agree; the members come from memory, or from the store
 * for a story restored, left by a member, or joined by a copy in the store.
 * When no member title passes the rule, the digest's fallback decides: its
 * sentence (dg_stored_headline, the members read back from the store — a
 * few stories in a hundred, at the flush only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../digest/digest.h"
#include "../store/store.h"
#include "recluster.h"
#include "story.h"

#define DF_EVERY 200000
#define COPY_RELOAD_DAYS 3 /* copies arrive within a day of their first article */
/* A story's members read back for the headline rule: its window (the latest
 * DG_TITLE_RECENT, 256) and a margin for members equal in time, title and
 * language. */
#define TITLES_SQL                                                                         \
    "SELECT a.rid, a.title, a.lang, a.published FROM story_articles sa JOIN articles a"     \
    " ON a.rid = sa.rid WHERE sa.story = ?1"                                                \
    " ORDER BY a.published DESC, a.title DESC, a.lang DESC LIMIT 320"

enum {
    Q_FIND_ART,
    Q_PUT_ART,
    Q_DEC,
    Q_SAVE_STATE,
    Q_SAVE,
    Q_META_PUT,
    Q_COPY_STORY,
    Q_COPY_JOIN,
    Q_TITLES,
    Q_SET_HEAD,
    Q__COUNT
};

static const char *const queries[Q__COUNT] = {
    [Q_FIND_ART] = "SELECT story FROM story_articles WHERE rid = ?1",
    [Q_PUT_ART] = "INSERT OR REPLACE INTO story_articles (rid, story, how, score, time, time_how)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_DEC] = "UPDATE stories SET n_articles = n_articles - 1 WHERE id = ?1 AND n_articles > 0",
    [Q_SAVE_STATE] =
        "INSERT INTO stories (id, first, last, n_articles, headline, headline_rid, state,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO UPDATE SET"
        " first = excluded.first, last = excluded.last, n_articles = excluded.n_articles,"
        " headline = excluded.headline, headline_rid = excluded.headline_rid,"
        " state = excluded.state, updated_at = excluded.updated_at",
    [Q_SAVE] = "UPDATE stories SET first = ?2, last = ?3, n_articles = ?4, headline = ?5,"
               " headline_rid = ?6, updated_at = ?8 WHERE id = ?1",
    [Q_META_PUT] = "INSERT OR REPLACE INTO story_meta (key, value) VALUES (?1, ?2)",
    [Q_COPY_STORY] = "SELECT sa.story FROM copies c JOIN story_articles sa ON sa.rid = c.rid"
                     " JOIN stories s ON s.id = sa.story AND s.merged_into IS NULL"
                     " WHERE c.grp = ?1 AND c.rid != ?2 LIMIT 1",
    [Q_COPY_JOIN] = "UPDATE stories SET n_articles = n_articles + 1, first = min(first, ?2),"
                    " last = max(last, ?2), updated_at = ?3 WHERE id = ?1",
    [Q_TITLES] = TITLES_SQL,
    [Q_SET_HEAD] = "UPDATE stories SET headline = ?2, headline_rid = ?3 WHERE id = ?1",
};

struct story_stage {
    sl_ctx *ctx;
    sl_store *st;
    sqlite3 *db;
    sqlite3_stmt *q[Q__COUNT];
    cluster *cl;
    uint64_t since_df; /* articles placed since the DF table was saved */
};

static int sql_fail(story_stage *ss, const char *what)
{
    sl_diag(ss->ctx, SL_ERROR, NULL, 0, "stories: %s: %s", what, sqlite3_errmsg(ss->db));
    return -1;
}

static int step_done(story_stage *ss, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 0 : sql_fail(ss, what);
}

/* ---- saving */

static int save_story(story_stage *ss, const story *s)
{
    bool with_state = s->vec_dirty || s->is_new;
    sqlite3_stmt *q = ss->q[with_state ? Q_SAVE_STATE : Q_SAVE];
    unsigned char *blob = NULL;
    size_t len = 0;
    sqlite3_bind_int64(q, 1, s->id);
    sqlite3_bind_int64(q, 2, s->first);
    sqlite3_bind_int64(q, 3, s->last);
    sqlite3_bind_int64(q, 4, s->n_articles);
    sqlite3_bind_text(q, 5, s->headline ? s->headline : "", -1, SQLITE_STATIC);
    if (s->head_rid)
        sqlite3_bind_int64(q, 6, s->head_rid);
    else
        sqlite3_bind_null(q, 6);
    if (with_state) {
        story_pack(s, &ss->cl->df, &blob, &len);
        sqlite3_bind_blob(q, 7, blob, (int)len, SQLITE_STATIC);
    }
    sqlite3_bind_int64(q, 8, (int64_t)time(NULL));
    int rc = step_done(ss, q, "saving a story");
    free(blob);
    return rc;
}

static int save_df(story_stage *ss)
{
    unsigned char *blob;
    size_t len;
    terms_pack(&ss->cl->df, &blob, &len);
    sqlite3_stmt *q = ss->q[Q_META_PUT];
    sqlite3_bind_text(q, 1, "df", -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, blob, (int)len, SQLITE_STATIC);
    int rc = step_done(ss, q, "saving term frequencies");
    free(blob);
    ss->since_df = 0;
    return rc;
}

/* The stored titles the clusterer reads (cluster_title_source): a
 * statement of its own on the store's connection, so it sees the rows of
 * the transaction under way. */
typedef struct title_reader {
    sqlite3_stmt *q;
} title_reader;

static char *read_title(void *arg, int64_t rid)
{
    title_reader *r = arg;
    sqlite3_bind_int64(r->q, 1, rid);
    char *t = NULL;
    if (sqlite3_step(r->q) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(r->q, 0);
        t = strdup(v ? v : "");
        if (!t)
            abort();
    }
    sqlite3_reset(r->q);
    return t;
}

static void free_title_reader(void *arg)
{
    title_reader *r = arg;
    sqlite3_finalize(r->q);
    free(r);
}

int story_title_source(sqlite3 *db, cluster *cl)
{
    title_reader *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    if (sqlite3_prepare_v3(db, "SELECT title FROM articles WHERE rid = ?1", -1,
                           SQLITE_PREPARE_PERSISTENT, &r->q, NULL) != SQLITE_OK) {
        free(r);
        return -1;
    }
    cluster_title_source(cl, read_title, r, free_title_reader);
    return 0;
}

int story_reread_titles(sqlite3 *db, sqlite3_stmt **qp, cluster *cl, story *s)
{
    if (!*qp && sqlite3_prepare_v2(db, TITLES_SQL, -1, qp, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *q = *qp;
    story_titles_clear(s);
    sqlite3_bind_int64(q, 1, s->id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        cluster_title_add(cl, s, sqlite3_column_int64(q, 0),
                          (const char *)sqlite3_column_text(q, 1),
                          (const char *)sqlite3_column_text(q, 2),
                          sqlite3_column_type(q, 3) == SQLITE_NULL ? SL_TIME_NONE
                                                                   : sqlite3_column_int64(q, 3));
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return -1;
    s->titles_partial = false;
    s->head_is_title = false; /* a member's title may have changed: read the pick again */
    return 0;
}

bool story_headline_fallback(sl_ctx *ctx, sl_store *st, story *s)
{
    char *h = dg_stored_headline(ctx, st, s->id);
    if (!h)
        return false;
    if (*h) {
        free(s->headline);
        s->headline = h;
        s->head_is_title = false;
        return true;
    }
    free(h);
    return false;
}

/* The headline of a changed story by the digest's rule (dg_title_choose),
 * else by the digest's fallback, so `stories` and the story's digest show
 * the same one; the clusterer's own choice stays when neither gives one. */
static int refresh_headline(story_stage *ss, story *s)
{
    if (s->titles_partial && story_reread_titles(ss->db, &ss->q[Q_TITLES], ss->cl, s) != 0)
        return sql_fail(ss, "reading a story's titles");
    if (!cluster_headline_refresh(ss->cl, s))
        story_headline_fallback(ss->ctx, ss->st, s);
    return 0;
}

int story_stage_flush(story_stage *ss)
{
    /* stories merged online since the last flush: their rows move first,
     * in the same transaction as the stories saved below */
    uint32_t nm;
    const cluster_merge *m = cluster_merges(ss->cl, &nm);
    if (nm && recluster_apply_merges(ss->ctx, ss->db, m, nm) != 0)
        return -1;
    uint32_t n;
    const uint32_t *dirty = cluster_dirty(ss->cl, &n);
    int rc = 0;
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        story *s = cluster_story(ss->cl, dirty[i]);
        if (s && (rc = refresh_headline(ss, s)) == 0)
            rc = save_story(ss, s);
    }
    if (rc != 0)
        return rc; /* keep them dirty: the next flush tries again */
    cluster_clean(ss->cl);
    cluster_age(ss->cl);
    if (ss->since_df >= DF_EVERY)
        rc = save_df(ss);
    return rc;
}

/* ---- loading */

static int load_df(story_stage *ss)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(ss->db, "SELECT value FROM story_meta WHERE key = 'df'", -1, &q,
                           NULL) != SQLITE_OK)
        return sql_fail(ss, "reading term frequencies");
    if (sqlite3_step(q) == SQLITE_ROW &&
        terms_unpack(&ss->cl->df, sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0)))
        sl_diag(ss->ctx, SL_WARNING, NULL, 0,
                "stories: stored term frequencies unreadable, starting afresh");
    sqlite3_finalize(q);
    return 0;
}

static int64_t scalar(sqlite3 *db, const char *sql, int64_t dflt)
{
    sqlite3_stmt *q;
    int64_t v = dflt;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW &&
        sqlite3_column_type(q, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

long story_restore_active(sqlite3 *db, cluster *cl, int64_t since, unsigned *bad)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, first, last, n_articles, headline, headline_rid, state"
                           " FROM stories WHERE merged_into IS NULL AND last >= ?1 ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, since);
    long n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        story s = {0};
        s.id = sqlite3_column_int64(q, 0);
        s.first = sqlite3_column_int64(q, 1);
        s.last = sqlite3_column_int64(q, 2);
        s.n_articles = (uint32_t)sqlite3_column_int64(q, 3);
        const char *h = (const char *)sqlite3_column_text(q, 4);
        s.head_rid = sqlite3_column_int64(q, 5);
        if (story_unpack(&s, &cl->df, sqlite3_column_blob(q, 6),
                         (size_t)sqlite3_column_bytes(q, 6))) {
            for (int i = 0; i < SP__COUNT; i++)
                sv_free(&s.v[i]);
            (*bad)++;
            continue;
        }
        s.headline = h && *h ? strdup(h) : NULL;
        cluster_restore(cl, &s);
        n++;
    }
    sqlite3_finalize(q);
    return n;
}

static int load_stories(story_stage *ss)
{
    cluster *cl = ss->cl;
    int64_t next = scalar(ss->db, "SELECT max(id) FROM stories", 0) + 1;
    int64_t newest = scalar(ss->db, "SELECT max(last) FROM stories WHERE merged_into IS NULL",
                            SL_TIME_NONE);
    if (next > cl->next_id)
        cl->next_id = next;
    if (newest == SL_TIME_NONE)
        return 0;
    unsigned bad = 0;
    if (story_restore_active(ss->db, cl, newest - (int64_t)(cl->prm.window_days * 86400),
                             &bad) < 0)
        return sql_fail(ss, "reading stories");
    if (bad)
        sl_diag(ss->ctx, SL_WARNING, NULL, 0,
                "stories: %u stored stor%s with an unreadable state left out of the candidates",
                bad, bad == 1 ? "y" : "ies");
    return 0;
}

/* Copy groups of the recent articles, so later copies join their story. */
static void load_copies(story_stage *ss)
{
    cluster *cl = ss->cl;
    if (cl->now == SL_TIME_NONE)
        return;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(ss->db,
                           "SELECT c.grp, min(sa.story) FROM story_articles sa"
                           " JOIN copies c ON c.rid = sa.rid WHERE sa.time >= ?1 GROUP BY c.grp",
                           -1, &q, NULL) != SQLITE_OK)
        return; /* no copy table: every article is its own group */
    sqlite3_bind_int64(q, 1, cl->now - COPY_RELOAD_DAYS * 86400);
    while (sqlite3_step(q) == SQLITE_ROW)
        cluster_note_copy(cl, sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
}

story_stage *story_stage_open(sl_ctx *ctx, sl_store *st)
{
    story_params prm;
    char err[160];
    if (story_params_from_env(&prm, err, sizeof err) != 0) {
        sl_diag(ctx, SL_WARNING, NULL, 0, "STORYLINE_STORY_PARAMS: %s; defaults used", err);
        story_params_default(&prm);
    }
    story_stage *ss = calloc(1, sizeof *ss);
    if (!ss)
        abort();
    ss->ctx = ctx;
    ss->st = st;
    ss->db = sl_store_db(st);
    ss->cl = cluster_new(ctx, &prm);
    for (int i = 0; i < Q__COUNT; i++) {
        if (sqlite3_prepare_v3(ss->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &ss->q[i],
                               NULL) != SQLITE_OK) {
            sql_fail(ss, "preparing a query");
            story_stage_close(ss);
            return NULL;
        }
    }
    if (load_df(ss) != 0 || load_stories(ss) != 0) {
        story_stage_close(ss);
        return NULL;
    }
    if (story_title_source(ss->db, ss->cl) != 0) {
        sql_fail(ss, "preparing a query");
        story_stage_close(ss);
        return NULL;
    }
    load_copies(ss);
    return ss;
}

void story_stage_close(story_stage *ss)
{
    if (!ss)
        return;
    if (ss->q[Q_META_PUT] && ss->since_df)
        save_df(ss);
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(ss->q[i]);
    cluster_free(ss->cl);
    free(ss);
}

cluster *story_stage_cluster(story_stage *ss) { return ss->cl; }

/* ---- placing */

static int64_t story_of(story_stage *ss, long long rid)
{
    sqlite3_stmt *q = ss->q[Q_FIND_ART];
    sqlite3_bind_int64(q, 1, rid);
    int64_t id = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return id;
}

/* A copy of an article placed before, whose story is not in memory (it
 * aged out, or another process placed it): joins that story in the store.
 * Returns false when a has no such copy. */
static bool stored_copy(story_stage *ss, const sl_article *a, long long rid, long long group,
                        long long size, cluster_result *r)
{
    cluster *cl = ss->cl;
    if (!group || size < 2 || cluster_copy_slot(cl, group) != UINT32_MAX)
        return false;
    sqlite3_stmt *q = ss->q[Q_COPY_STORY];
    sqlite3_bind_int64(q, 1, group);
    sqlite3_bind_int64(q, 2, rid);
    int64_t id = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (!id)
        return false;
    memset(r, 0, sizeof *r);
    r->time = cluster_time(cl, a, &r->time_how);
    r->story = id;
    r->how = CL_COPY;
    r->score = 1;
    uint32_t slot = cluster_find(cl, id);
    if (slot != UINT32_MAX) { /* in memory after all: count it there */
        cluster_join_copy(cl, slot, a, rid, r->time);
        cluster_set_copy(cl, group, slot);
        return true;
    }
    q = ss->q[Q_COPY_JOIN];
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, r->time);
    sqlite3_bind_int64(q, 3, (int64_t)time(NULL));
    step_done(ss, q, "adding a copy to a stored story");
    return true;
}

/* An updated article left story id: one member less there. */
static void leave(story_stage *ss, int64_t id)
{
    uint32_t slot = cluster_find(ss->cl, id);
    story *s = slot == UINT32_MAX ? NULL : cluster_story(ss->cl, slot);
    if (s) {
        if (s->n_articles)
            s->n_articles--;
        s->titles_partial = true; /* its titles are read again at the flush */
        s->head_is_title = false;
        cluster_touch(ss->cl, slot);
        return;
    }
    sqlite3_stmt *q = ss->q[Q_DEC];
    sqlite3_bind_int64(q, 1, id);
    step_done(ss, q, "updating a story");
}

/* A copy joined story id in the store (not in memory): its headline by the
 * rule again, over the members now stored. */
static void stored_headline(story_stage *ss, int64_t id)
{
    story s = {0};
    s.id = id;
    if (story_reread_titles(ss->db, &ss->q[Q_TITLES], ss->cl, &s) != 0)
        sql_fail(ss, "reading a story's titles");
    else if (cluster_headline_refresh(ss->cl, &s) ||
             story_headline_fallback(ss->ctx, ss->st, &s)) {
        sqlite3_stmt *q = ss->q[Q_SET_HEAD];
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_text(q, 2, s.headline, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, s.head_rid);
        step_done(ss, q, "updating a story's headline");
    }
    story_titles_clear(&s);
    free(s.headline);
}

long long story_stage_add(story_stage *ss, const sl_article *a, long long rid, sl_put_result put,
                          long long copy_group, long long copy_size, cluster_result *res)
{
    cluster_result r = {0};
    if (res)
        *res = r;
    if (put == SL_PUT_FAILED || rid <= 0)
        return 0;
    int64_t old = put == SL_PUT_NEW ? 0 : story_of(ss, rid);
    if (put == SL_PUT_SAME && old) {
        r.story = old;
        r.how = -1;
        if (res)
            *res = r;
        return old;
    }
    if (!stored_copy(ss, a, rid, copy_group, copy_size, &r))
        r = cluster_add(ss->cl, a, rid, copy_group);
    if (old)
        leave(ss, old);
    sqlite3_stmt *q = ss->q[Q_PUT_ART];
    sqlite3_bind_int64(q, 1, rid);
    sqlite3_bind_int64(q, 2, r.story);
    sqlite3_bind_int(q, 3, r.how);
    sqlite3_bind_double(q, 4, r.score);
    sqlite3_bind_int64(q, 5, r.time);
    sqlite3_bind_int(q, 6, r.time_how);
    ss->since_df++;
    if (res)
        *res = r;
    if (step_done(ss, q, "placing an article") != 0)
        return 0;
    if (r.how == CL_COPY && cluster_find(ss->cl, r.story) == UINT32_MAX)
        stored_headline(ss, r.story);
    if (old && old != r.story && cluster_find(ss->cl, old) == UINT32_MAX)
        stored_headline(ss, old); /* it left a stored story */
    return r.story;
}
