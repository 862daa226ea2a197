/*
 * digester.c — keeps the stored digests of stories fresh, off the writer's
 * thread.
 *
 * A digest reads every member of a story back from the store and
 * summarises them: milliseconds for a small story, a second for a story of
 * hundreds of articles. Here that happens on a thread of its own, through
 * a read-only connection; the result (JSON, summary text, entities) goes to
 * the writer as a small job that it stores with the next batch. Stories
 * wait in a FIFO with their due time (a story already waiting keeps its
 * place, so a story that keeps changing is digested every digest_delay, not
 * at every article). After a digest that took d seconds the next waits 2d:
 * at most a third of one core goes to digests, whatever the load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store.h"
#include "serve.h"

typedef struct due {
    long long story;
    double at;
} due;

struct digester {
    server *s;
    sl_ctx *ctx;
    sl_store *st;
    sqlite3 *db;
    sqlite3_stmt *q_stale, *q_story;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    due *dues; /* FIFO: dues[head..n) */
    size_t head, n, cap;
    bool stop, rescan, running;
    double ready; /* no digest before this time (duty cycle) */
};

static size_t pending(const digester *d) { return d->n - d->head; }

/* Call with the lock held. */
static void push(digester *d, long long story, double at)
{
    for (size_t i = d->head; i < d->n; i++)
        if (d->dues[i].story == story)
            return;
    if (d->head > 0 && d->head * 2 >= d->n) { /* compact */
        memmove(d->dues, d->dues + d->head, pending(d) * sizeof *d->dues);
        d->n -= d->head;
        d->head = 0;
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->dues = realloc(d->dues, d->cap * sizeof *d->dues);
        if (!d->dues)
            abort();
    }
    d->dues[d->n++] = (due){story, at};
    atomic_store(&d->s->m.pending_digests, (int64_t)pending(d));
}

void digester_schedule(digester *d, long long story, double at)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->mu);
    if (!d->stop) {
        push(d, story, at);
        pthread_cond_signal(&d->cv);
    }
    pthread_mutex_unlock(&d->mu);
}

void digester_rescan(digester *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->mu);
    d->rescan = true;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
}

/* Every live story whose digest is missing or older than the story. */
static void scan(digester *d)
{
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(d->q_stale) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            ids = realloc(ids, cap * sizeof *ids);
            if (!ids)
                abort();
        }
        ids[n++] = sqlite3_column_int64(d->q_stale, 0);
    }
    sqlite3_reset(d->q_stale);
    double t = serve_now();
    pthread_mutex_lock(&d->mu);
    for (size_t i = 0; i < n; i++)
        push(d, ids[i], t);
    pthread_mutex_unlock(&d->mu);
    free(ids);
}

void wdigest_free(wdigest *g)
{
    if (!g)
        return;
    free(g->headline);
    free(g->summary);
    free(g->json);
    for (size_t i = 0; i < g->n_ents; i++) {
        free(g->ents[i].key);
        free(g->ents[i].name);
    }
    free(g->ents);
    free(g);
}

static char *sdup(const char *s)
{
    char *t = strdup(s ? s : "");
    if (!t)
        abort();
    return t;
}

/* Renders the digest of one story; NULL when it is gone, merged or empty. */
static wdigest *render(digester *d, long long id)
{
    sqlite3_stmt *q = d->q_story;
    sqlite3_bind_int64(q, 1, id);
    bool live = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 2) == SQLITE_NULL;
    long long n = live ? sqlite3_column_int64(q, 0) : 0, upd = live ? sqlite3_column_int64(q, 1) : 0;
    sqlite3_reset(q);
    if (!live || n == 0)
        return NULL;
    sl_digest *dg = sl_story_digest(d->ctx, d->st, id, NULL);
    if (!dg)
        return NULL;
    wdigest *g = calloc(1, sizeof *g);
    if (!g)
        abort();
    g->story = id;
    g->n_articles = n;
    g->updated_at = upd;
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", id);
    g->json = sl_digest_render(dg, SL_FORMAT_JSON, sid);
    g->headline = sdup(dg->headline);
    buf sum;
    buf_init(&sum);
    for (size_t i = 0; i < dg->n_summary; i++) {
        if (i)
            buf_addc(&sum, ' ');
        buf_adds(&sum, dg->summary[i].text);
    }
    g->summary = sum.data ? buf_steal(&sum) : sdup("");
    g->ents = calloc(dg->n_entities ? dg->n_entities : 1, sizeof *g->ents);
    if (!g->ents)
        abort();
    for (size_t i = 0; i < dg->n_entities; i++) {
        char key[256];
        if (!sl_fact_key(dg->entities[i].name, key, sizeof key))
            continue;
        wdigest_entity *e = &g->ents[g->n_ents++];
        e->key = sdup(key);
        e->name = sdup(dg->entities[i].name);
        e->kind = dg->entities[i].kind;
        e->articles = dg->entities[i].articles;
    }
    sl_digest_free(dg);
    return g;
}

/* Hands a digest to the writer; when its queue is full, tries later. */
static void submit(digester *d, wdigest *g)
{
    wjob *j = wjob_new(WJ_DIGEST);
    j->dg = g;
    long long story = g->story;
    if (!writer_submit(d->s->w, j)) {
        wjob_free(j);
        digester_schedule(d, story, serve_now() + 1.0);
    }
}

static void *digester_main(void *arg)
{
    digester *d = arg;
    pthread_mutex_lock(&d->mu);
    while (!d->stop) {
        if (d->rescan) {
            d->rescan = false;
            pthread_mutex_unlock(&d->mu);
            scan(d);
            pthread_mutex_lock(&d->mu);
            continue;
        }
        double t = serve_now();
        double next = pending(d) ? d->dues[d->head].at : t + 1.0;
        if (next < d->ready)
            next = d->ready;
        if (pending(d) && next <= t) {
            long long id = d->dues[d->head++].story;
            atomic_store(&d->s->m.pending_digests, (int64_t)pending(d));
            pthread_mutex_unlock(&d->mu);
            double t0 = serve_now();
            wdigest *g = render(d, id);
            if (g)
                submit(d, g);
            double t1 = serve_now();
            pthread_mutex_lock(&d->mu);
            d->ready = t1 + 2 * (t1 - t0);
            continue;
        }
        double wait = next - t;
        if (wait > 1.0)
            wait = 1.0;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        long ns = (long)(wait * 1e9);
        ts.tv_sec += ns / 1000000000L;
        ts.tv_nsec += ns % 1000000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&d->cv, &d->mu, &ts);
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

static void quiet(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    if (sev == SL_ERROR)
        fprintf(stderr, "storyline serve: digest: %s\n", msg);
}

digester *digester_start(server *s)
{
    digester *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->s = s;
    d->ctx = sl_ctx_new(quiet, NULL);
    d->st = sl_store_open(d->ctx, s->o.db);
    if (!d->st) {
        sl_ctx_free(d->ctx);
        free(d);
        return NULL;
    }
    d->db = sl_store_db(d->st);
    sqlite3_exec(d->db, "PRAGMA query_only=1", NULL, NULL, NULL);
    if (sqlite3_prepare_v2(d->db,
                           "SELECT s.id FROM stories s LEFT JOIN story_text t ON t.story = s.id"
                           " WHERE s.merged_into IS NULL AND s.n_articles > 0 AND (t.story IS NULL"
                           " OR t.n_articles != s.n_articles OR t.updated_at != s.updated_at)"
                           " ORDER BY s.last DESC, s.id DESC",
                           -1, &d->q_stale, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(d->db,
                           "SELECT n_articles, updated_at, merged_into FROM stories WHERE id = ?1",
                           -1, &d->q_story, NULL) != SQLITE_OK) {
        fprintf(stderr, "storyline serve: digester: %s\n", sqlite3_errmsg(d->db));
        sqlite3_finalize(d->q_stale);
        sl_store_close(d->st);
        sl_ctx_free(d->ctx);
        free(d);
        return NULL;
    }
    pthread_mutex_init(&d->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&d->cv, &ca);
    pthread_condattr_destroy(&ca);
    d->rescan = true;
    if (pthread_create(&d->th, NULL, digester_main, d) != 0) {
        fprintf(stderr, "storyline serve: cannot start the digester thread\n");
        abort();
    }
    d->running = true;
    return d;
}

void digester_stop(digester *d)
{
    if (!d || !d->running)
        return;
    pthread_mutex_lock(&d->mu);
    d->stop = true;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->th, NULL);
    d->running = false;
    sqlite3_finalize(d->q_stale);
    sqlite3_finalize(d->q_story);
    d->q_stale = d->q_story = NULL;
    sl_store_close(d->st);
    d->st = NULL;
    sl_ctx_free(d->ctx);
    d->ctx = NULL;
}

void digester_free(digester *d)
{
    if (!d)
        return;
    free(d->dues);
    pthread_mutex_destroy(&d->mu);
    pthread_cond_destroy(&d->cv);
    free(d);
}
