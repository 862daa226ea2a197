/*
 * recluster.c — the batch merge/split pass over stored stories.
 *
 * The live stories are restored into a clusterer of their own (the same
 * code as online: vectors, inverted index, score model), so "would this
 * story's centroid, taken as an article, join that story?" is asked with
 * the online question. Changes are written in one transaction: moved
 * articles get how = 3 in story_articles, merged stories get merged_into,
 * changed stories get new counts, spans and centroids.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store.h"
#include "cluster.h"
#include "recluster.h"
#include "reload.h"
#include "story.h"

typedef struct rc {
    sl_ctx *ctx;
    sqlite3 *db;
    sl_store *st;
    cluster *cl;
    const recluster_opts *o;
    recluster_report *r;
    int64_t next_id;
} rc;

static int sql_exec(rc *x, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(x->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        sl_diag(x->ctx, SL_ERROR, NULL, 0, "recluster: %s", err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int step(rc *x, sqlite3_stmt *q)
{
    int s = sqlite3_step(q);
    sqlite3_reset(q);
    if (s != SQLITE_DONE && s != SQLITE_ROW) {
        sl_diag(x->ctx, SL_ERROR, NULL, 0, "recluster: %s", sqlite3_errmsg(x->db));
        return -1;
    }
    return 0;
}

/* ---- loading */

static int load(rc *x)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(x->db, "SELECT value FROM story_meta WHERE key = 'df'", -1, &q,
                           NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        terms_unpack(&x->cl->df, sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0));
    sqlite3_finalize(q);
    unsigned bad = 0;
    long n = story_restore_active(x->db, x->cl,
                                  x->o->since == SL_TIME_NONE ? INT64_MIN : x->o->since, &bad);
    if (n < 0)
        return -1;
    x->r->stories += n;
    sqlite3_stmt *m;
    if (sqlite3_prepare_v2(x->db, "SELECT max(id) FROM stories", -1, &m, NULL) == SQLITE_OK &&
        sqlite3_step(m) == SQLITE_ROW)
        x->next_id = sqlite3_column_int64(m, 0) + 1;
    sqlite3_finalize(m);
    return 0;
}

/* Score of a's centroid joining b and of b's joining a: the smaller. */
static double pair_score(rc *x, const story *a, const story *b, art_vec *tmp)
{
    return cluster_pair_score(x->cl, a, b, tmp);
}

/* ---- merging */

static int cmp_first(const void *pa, const void *pb, void *arg)
{
    const story *s = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    if (s[a].first != s[b].first)
        return s[a].first < s[b].first ? -1 : 1;
    return (s[a].id > s[b].id) - (s[a].id < s[b].id);
}

static int merge_into(rc *x, story *keep, story *gone, double score)
{
    const int k[SP__COUNT] = {x->cl->prm.cen_text, x->cl->prm.cen_ent, x->cl->prm.cen_title};
    svec tmp = {0};
    for (int i = 0; i < SP__COUNT; i++)
        sv_add(&keep->v[i], &gone->v[i], 1.0f, (uint32_t)k[i], &tmp);
    sv_free(&tmp);
    keep->n_articles += gone->n_articles;
    keep->n_dispatch += gone->n_dispatch;
    if (gone->first < keep->first)
        keep->first = gone->first;
    if (gone->last > keep->last)
        keep->last = gone->last;
    keep->vec_dirty = true;
    uint32_t slot = cluster_find(x->cl, keep->id);
    cluster_touch(x->cl, slot);
    x->r->merged++;
    x->r->moved += gone->n_articles;
    if (x->o->log)
        fprintf(x->o->log, "merge: story %lld (%u articles) into story %lld, score %.2f\n",
                (long long)gone->id, gone->n_articles, (long long)keep->id, score);
    int rc_ = 0;
    if (!x->o->dry_run) {
        sqlite3_stmt *q;
        sqlite3_prepare_v2(x->db,
                           "UPDATE story_articles SET story = ?1, how = 3 WHERE story = ?2;", -1,
                           &q, NULL);
        sqlite3_bind_int64(q, 1, keep->id);
        sqlite3_bind_int64(q, 2, gone->id);
        rc_ = step(x, q);
        sqlite3_finalize(q);
        sqlite3_prepare_v2(x->db,
                           "UPDATE stories SET merged_into = ?1, n_articles = 0 WHERE id = ?2",
                           -1, &q, NULL);
        sqlite3_bind_int64(q, 1, keep->id);
        sqlite3_bind_int64(q, 2, gone->id);
        rc_ |= step(x, q);
        sqlite3_finalize(q);
    }
    cluster_retire(x->cl, cluster_find(x->cl, gone->id));
    return rc_;
}

static int merge_pass(rc *x)
{
    cluster *cl = x->cl;
    uint32_t n = 0, *order = malloc((cl->n_slots + 1) * sizeof *order);
    for (uint32_t i = 0; i < cl->n_slots; i++)
        if (cl->s[i].live)
            order[n++] = i;
    qsort_r(order, n, sizeof *order, cmp_first, cl->s);
    art_vec tmp = {0};
    uint32_t *cand = malloc(((size_t)cl->prm.max_candidates + 1) * sizeof *cand);
    int rc_ = 0;
    for (uint32_t i = 0; i < n && rc_ == 0; i++) {
        story *a = &cl->s[order[i]];
        if (!a->live)
            continue;
        cluster_as_article(a, &cl->av);
        uint32_t nc = cluster_candidates(cl);
        memcpy(cand, cl->touched, nc * sizeof *cand);
        for (uint32_t c = 0; c < nc && rc_ == 0; c++) {
            story *b = &cl->s[cand[c]];
            if (!b->live || b == a || cmp_first(&cand[c], &order[i], cl->s) < 0)
                continue; /* each pair once: b starts after a */
            double sc = pair_score(x, a, b, &tmp);
            if (sc >= cl->prm.merge_threshold)
                rc_ = merge_into(x, a, b, sc);
        }
    }
    art_vec_free(&tmp);
    free(cand);
    free(order);
    return rc_;
}

/* ---- splitting */

typedef struct member {
    long long rid, group;
    int64_t time;
    art_vec v;
    char *title;
    int half;
} member;

/* Similarity used by 2-means: the three cosines, text in the member's language. */
static double sim(const art_vec *a, const story *c)
{
    uint16_t lang = (uint16_t)(a->lang + 1);
    return 0.5 * sv_cos_lang(&a->v[SP_TEXT], &c->v[SP_TEXT], lang, NULL) +
           0.3 * sv_cos(&a->v[SP_ENT], &c->v[SP_ENT]) +
           0.2 * sv_cos_lang(&a->v[SP_TITLE], &c->v[SP_TITLE], lang, NULL);
}

static void centroid(rc *x, member *m, size_t n, int half, story *c)
{
    const int k[SP__COUNT] = {x->cl->prm.cen_text, x->cl->prm.cen_ent, x->cl->prm.cen_title};
    svec tmp = {0};
    for (int i = 0; i < SP__COUNT; i++)
        c->v[i].n = 0;
    c->first = INT64_MAX;
    c->last = INT64_MIN;
    c->n_dispatch = 0;
    for (size_t j = 0; j < n; j++) {
        if (m[j].half != half)
            continue;
        for (int i = 0; i < SP__COUNT; i++)
            sv_add(&c->v[i], &m[j].v.v[i], 1.0f, (uint32_t)k[i], &tmp);
        c->first = m[j].time < c->first ? m[j].time : c->first;
        c->last = m[j].time > c->last ? m[j].time : c->last;
        c->n_dispatch++;
    }
    sv_free(&tmp);
}

static size_t load_members(rc *x, int64_t id, member **out)
{
    sqlite3_stmt *q;
    size_t n = 0, cap = 16;
    member *m = calloc(cap, sizeof *m);
    if (sqlite3_prepare_v2(x->db,
                           "SELECT " STORY_RELOAD_COLUMNS ", sa.time FROM story_articles sa"
                           " JOIN articles a ON a.rid = sa.rid LEFT JOIN copies c"
                           " ON c.rid = a.rid WHERE sa.story = ?1 AND sa.how != 2"
                           " ORDER BY sa.time, sa.rid",
                           -1, &q, NULL) != SQLITE_OK) {
        *out = m;
        return 0;
    }
    sqlite3_bind_int64(q, 1, id);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == cap)
            m = sv_xrealloc(m, (cap *= 2) * sizeof *m);
        member *e = &m[n++];
        memset(e, 0, sizeof *e);
        sl_article *a = story_reload(x->ctx, q, &e->rid, &e->group);
        e->time = sqlite3_column_int64(q, 11);
        e->title = strdup(a->title);
        feat_article(&x->cl->feat, x->ctx, &x->cl->df, &x->cl->prm, a, false, &e->v);
        sl_article_free(a);
    }
    sqlite3_finalize(q);
    *out = m;
    return n;
}

static void free_members(member *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        art_vec_free(&m[i].v);
        free(m[i].title);
    }
    free(m);
}

static void free_story_vecs(story *s)
{
    for (int i = 0; i < SP__COUNT; i++)
        sv_free(&s->v[i]);
}

/* Two-means over the members; returns false when a half is too small. */
static bool two_means(rc *x, member *m, size_t n, story *c0, story *c1)
{
    size_t far = 1;
    double worst = 2;
    story seed = {0};
    for (int i = 0; i < SP__COUNT; i++)
        sv_copy(&seed.v[i], &m[0].v.v[i]);
    for (size_t j = 1; j < n; j++) {
        double s = sim(&m[j].v, &seed);
        if (s < worst) {
            worst = s;
            far = j;
        }
    }
    free_story_vecs(&seed);
    for (size_t j = 0; j < n; j++)
        m[j].half = j == far;
    for (int it = 0; it < 6; it++) {
        centroid(x, m, n, 0, c0);
        centroid(x, m, n, 1, c1);
        bool changed = false;
        for (size_t j = 1; j < n; j++) { /* the first member anchors half 0 */
            int h = sim(&m[j].v, c1) > sim(&m[j].v, c0);
            changed = changed || h != m[j].half;
            m[j].half = h;
        }
        if (!changed)
            break;
    }
    centroid(x, m, n, 0, c0);
    centroid(x, m, n, 1, c1);
    return c0->n_dispatch >= 2 && c1->n_dispatch >= 2;
}

static int write_split(rc *x, story *s, member *m, size_t n, story *c0, story *c1, double score)
{
    int64_t new_id = x->next_id++;
    long moved = 0;
    sqlite3_stmt *q = NULL;
    if (!x->o->dry_run)
        sqlite3_prepare_v2(x->db,
                           "UPDATE story_articles SET story = ?1, how = 3 WHERE story = ?2 AND"
                           " (rid = ?3 OR rid IN (SELECT rid FROM copies WHERE grp = ?4))",
                           -1, &q, NULL);
    const char *head = NULL;
    double best = -1;
    for (size_t j = 0; j < n; j++) {
        if (m[j].half != 1)
            continue;
        double sm = sim(&m[j].v, c1);
        if (m[j].title && *m[j].title && sm > best) {
            best = sm;
            head = m[j].title;
        }
        if (q) {
            sqlite3_bind_int64(q, 1, new_id);
            sqlite3_bind_int64(q, 2, s->id);
            sqlite3_bind_int64(q, 3, m[j].rid);
            sqlite3_bind_int64(q, 4, m[j].group ? m[j].group : -1);
            if (step(x, q) != 0) {
                sqlite3_finalize(q);
                return -1;
            }
            moved += sqlite3_changes(x->db);
        } else {
            moved++;
        }
    }
    sqlite3_finalize(q);
    x->r->split++;
    x->r->moved += moved;
    if (x->o->log)
        fprintf(x->o->log, "split: story %lld: %ld articles to new story %lld, score %.2f\n",
                (long long)s->id, moved, (long long)new_id, score);
    if (x->o->dry_run)
        return 0;
    /* the story keeps half 0; the new story gets half 1 */
    for (int i = 0; i < SP__COUNT; i++) {
        svec t = s->v[i];
        s->v[i] = c0->v[i];
        c0->v[i] = t;
    }
    s->first = c0->first;
    s->last = c0->last;
    s->n_dispatch = c0->n_dispatch;
    s->n_articles = s->n_articles > (uint32_t)moved ? s->n_articles - (uint32_t)moved : 0;
    s->vec_dirty = true;
    cluster_touch(x->cl, cluster_find(x->cl, s->id));
    story ns = {0};
    ns.id = new_id;
    for (int i = 0; i < SP__COUNT; i++) {
        ns.v[i] = c1->v[i];
        memset(&c1->v[i], 0, sizeof c1->v[i]);
    }
    ns.first = c1->first;
    ns.last = c1->last;
    ns.n_dispatch = c1->n_dispatch;
    ns.n_articles = (uint32_t)moved;
    ns.headline = head ? strdup(head) : NULL;
    ns.vec_dirty = true;
    cluster_restore(x->cl, &ns);
    uint32_t slot = cluster_find(x->cl, new_id);
    x->cl->s[slot].vec_dirty = true;
    x->cl->s[slot].is_new = true;
    cluster_touch(x->cl, slot);
    return 0;
}

static int split_pass(rc *x)
{
    cluster *cl = x->cl;
    uint32_t n_slots = cl->n_slots;
    int rc_ = 0;
    for (uint32_t i = 0; i < n_slots && rc_ == 0; i++) {
        story *s = cluster_story(cl, i);
        if (!s || s->n_dispatch < 4)
            continue;
        int64_t id = s->id;
        member *m;
        size_t n = load_members(x, id, &m);
        story c0 = {0}, c1 = {0};
        if (n >= 4 && two_means(x, m, n, &c0, &c1)) {
            art_vec tmp = {0};
            double sc = pair_score(x, &c0, &c1, &tmp);
            art_vec_free(&tmp);
            if (sc < cl->prm.split_threshold)
                rc_ = write_split(x, cluster_story(cl, cluster_find(cl, id)), m, n, &c0, &c1,
                                  sc);
        }
        free_story_vecs(&c0);
        free_story_vecs(&c1);
        free_members(m, n);
    }
    return rc_;
}

/* ---- saving */

static int save(rc *x)
{
    sqlite3_stmt *q, *titles = NULL;
    if (sqlite3_prepare_v2(x->db,
                           "INSERT INTO stories (id, first, last, n_articles, headline, state,"
                           " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO"
                           " UPDATE SET first = excluded.first, last = excluded.last,"
                           " n_articles = excluded.n_articles, state = excluded.state,"
                           " headline = excluded.headline, updated_at = excluded.updated_at",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    uint32_t n;
    const uint32_t *d = cluster_dirty(x->cl, &n);
    int rc_ = 0;
    for (uint32_t i = 0; i < n && rc_ == 0; i++) {
        story *s = cluster_story(x->cl, d[i]);
        if (!s)
            continue;
        /* the headline by the digest's rule over the members now in it */
        if (story_reread_titles(x->db, &titles, x->cl, s) != 0) {
            rc_ = -1;
            break;
        }
        if (!cluster_headline_refresh(x->cl, s))
            story_headline_fallback(x->ctx, x->st, s);
        unsigned char *blob;
        size_t len;
        story_pack(s, &x->cl->df, &blob, &len);
        sqlite3_bind_int64(q, 1, s->id);
        sqlite3_bind_int64(q, 2, s->first);
        sqlite3_bind_int64(q, 3, s->last);
        sqlite3_bind_int64(q, 4, s->n_articles);
        sqlite3_bind_text(q, 5, s->headline ? s->headline : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(q, 6, blob, (int)len, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 7, (int64_t)time(NULL));
        rc_ = step(x, q);
        free(blob);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(titles);
    cluster_clean(x->cl);
    return rc_;
}

int recluster_run(sl_ctx *ctx, sl_store *st, const recluster_opts *o, recluster_report *r)
{
    story_params prm;
    char err[160];
    memset(r, 0, sizeof *r);
    if (story_params_from_env(&prm, err, sizeof err) != 0) {
        sl_diag(ctx, SL_ERROR, NULL, 0, "STORYLINE_STORY_PARAMS: %s", err);
        return -1;
    }
    rc x = {ctx, sl_store_db(st), st, cluster_new(ctx, &prm), o, r, 1};
    int res = story_title_source(x.db, x.cl) == 0 ? load(&x) : -1;
    if (res == 0 && !o->dry_run)
        res = sql_exec(&x, "BEGIN IMMEDIATE");
    if (res == 0 && o->merge)
        res = merge_pass(&x);
    if (res == 0 && o->split)
        res = split_pass(&x);
    if (res == 0 && !o->dry_run)
        res = save(&x);
    if (!o->dry_run)
        res = res == 0 ? sql_exec(&x, "COMMIT") : (sql_exec(&x, "ROLLBACK"), -1);
    cluster_free(x.cl);
    return res;
}

int recluster_apply_merges(sl_ctx *ctx, sqlite3 *db, const cluster_merge *m, uint32_t n)
{
    if (!n)
        return 0;
    sqlite3_stmt *move = NULL, *mark = NULL;
    int rc_ = 0;
    if (sqlite3_prepare_v2(db, "UPDATE story_articles SET story = ?1, how = 3 WHERE story = ?2",
                           -1, &move, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "UPDATE stories SET merged_into = ?1, n_articles = 0 WHERE id = ?2",
                           -1, &mark, NULL) != SQLITE_OK)
        rc_ = -1;
    for (uint32_t i = 0; i < n && rc_ == 0; i++) {
        sqlite3_stmt *q[2] = {move, mark};
        for (int k = 0; k < 2 && rc_ == 0; k++) {
            sqlite3_bind_int64(q[k], 1, m[i].keep);
            sqlite3_bind_int64(q[k], 2, m[i].gone);
            if (sqlite3_step(q[k]) != SQLITE_DONE)
                rc_ = -1;
            sqlite3_reset(q[k]);
        }
    }
    if (rc_ != 0)
        sl_diag(ctx, SL_ERROR, NULL, 0, "saving the merges of stories: %s", sqlite3_errmsg(db));
    sqlite3_finalize(move);
    sqlite3_finalize(mark);
    return rc_;
}
