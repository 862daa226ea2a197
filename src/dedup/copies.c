/*
 * copies.c — the copy stage: the copy index of src/dedup/dedup.c, kept in
 * the store so that copy groups persist and grow incrementally.
 *
 * What the store holds (schema v2, src/store/schema.c):
 *   dedup_meta      the parameters the index was built with ("params")
 *   dedup_sig       per article: text hash, shingle count, LSH band keys
 *   dedup_shingles  per article: the sorted 32-bit shingle set
 *   copies          per article: group id, closest copy, its similarity
 *
 * Opening a writer reads dedup_sig and copies (≈ 170 bytes an article,
 * band keys only; 2.7 s for a million articles) to rebuild the in-memory
 * band table and groups; shingle sets stay on disk and are read only to
 * verify a candidate that is not in the recent-articles cache. Each new
 * article is checked against all the earlier ones and then indexed, in
 * the caller's transaction: what is committed is always consistent with
 * the articles table.
 *
 * Group ids are the smallest rid of the group. When a new article bridges
 * two groups, the absorbed group's rows are rewritten (copies_grp index).
 * An article whose content changes (SL_PUT_UPDATED) leaves the index and
 * its group first: the rest of that group is regrouped by verifying its
 * members pairwise (it may split), then the article is added anew.
 *
 * The store remembers the parameters it was built with: changing them
 * (`storyline dups --reindex`) rebuilds the index from the stored texts.
 * Blobs hold little-endian uint32s.
 *
 * One writer at a time: the index lives in the writer's memory, so what a
 * second process adds to the same store meanwhile is seen only when the
 * index is opened again (SQLite serialises the writes themselves).
 */
#include "copies.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "../util/buf.h"
#include "grow.h"

/* Past this size, a group that loses an article is not re-verified pairwise. */
#define COPIES_MAX_REGROUP 400

enum {
    Q_SIG_PUT,
    Q_SH_PUT,
    Q_COPY_PUT,
    Q_COPY_BEST,
    Q_COPY_REWRITE,
    Q_GRP_MOVE,
    Q_SH_GET,
    Q_SIG_GET,
    Q_MEMBERS,
    Q_HASH_OTHER,
    Q_COPY_GET,
    Q_MATCH_CLEAR,
    Q__COUNT
};

static const char *const queries[Q__COUNT] = {
    [Q_SIG_PUT] = "INSERT OR REPLACE INTO dedup_sig (rid, hash, nsh, bands) VALUES (?1,?2,?3,?4)",
    [Q_SH_PUT] = "INSERT OR REPLACE INTO dedup_shingles (rid, sh) VALUES (?1,?2)",
    [Q_COPY_PUT] =
        "INSERT OR REPLACE INTO copies (rid, grp, match_rid, jaccard, containment, exact)"
        " VALUES (?1,?2,?3,?4,?5,?6)",
    [Q_COPY_BEST] = "UPDATE copies SET match_rid=?2, jaccard=?3, containment=?4, exact=?5"
                    " WHERE rid=?1",
    [Q_COPY_REWRITE] = "UPDATE copies SET grp=?2, match_rid=?3, jaccard=?4, containment=?5,"
                       " exact=?6 WHERE rid=?1",
    [Q_GRP_MOVE] = "UPDATE copies SET grp=?1 WHERE grp=?2",
    [Q_SH_GET] = "SELECT sh FROM dedup_shingles WHERE rid=?1",
    [Q_SIG_GET] = "SELECT hash, bands FROM dedup_sig WHERE rid=?1",
    [Q_MEMBERS] = "SELECT rid FROM copies WHERE grp=?1 AND rid<>?2 ORDER BY rid",
    [Q_HASH_OTHER] = "SELECT hash FROM dedup_sig WHERE rid=?1",
    [Q_COPY_GET] = "SELECT grp, match_rid, jaccard, containment, exact FROM copies WHERE rid=?1",
    [Q_MATCH_CLEAR] = "UPDATE copies SET match_rid=NULL, jaccard=NULL, containment=NULL, exact=0"
                      " WHERE match_rid=?1",
};

struct copies {
    sl_ctx *ctx;
    sl_store *st;
    sqlite3 *db;
    sqlite3_stmt *q[Q__COUNT];
    dedup d;
    shingler sh;
    uint32_t keys[DEDUP_MAX_BANDS];
    uint32_t *members;
    size_t members_cap;
    buf blob;
    bool warned_rid;
};

/* ------------------------------------------------------------------ blobs */

static bool host_is_le(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}

static void blob_u32(buf *b, const uint32_t *v, size_t n)
{
    buf_clear(b);
    if (host_is_le()) {
        buf_add(b, v, n * sizeof *v);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char x[4] = {(unsigned char)v[i], (unsigned char)(v[i] >> 8),
                              (unsigned char)(v[i] >> 16), (unsigned char)(v[i] >> 24)};
        buf_add(b, x, 4);
    }
}

static void unblob_u32(const void *p, size_t n, uint32_t *out)
{
    if (host_is_le()) {
        memcpy(out, p, n * sizeof *out);
        return;
    }
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        out[i] = (uint32_t)s[4 * i] | (uint32_t)s[4 * i + 1] << 8 | (uint32_t)s[4 * i + 2] << 16 |
                 (uint32_t)s[4 * i + 3] << 24;
}

/* ------------------------------------------------------------------ statements */

static int store_error(copies *c, const char *what)
{
    sl_diag(c->ctx, SL_ERROR, NULL, 0, "copy index: %s: %s", what, sqlite3_errmsg(c->db));
    return -1;
}

/* Steps a write statement to completion and resets it. */
static int run(copies *c, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 0 : store_error(c, what);
}

static void bind_opt_rid(sqlite3_stmt *q, int i, uint32_t rid)
{
    if (rid)
        sqlite3_bind_int64(q, i, rid);
    else
        sqlite3_bind_null(q, i);
}

static void bind_opt_real(sqlite3_stmt *q, int i, float v, bool present)
{
    if (present)
        sqlite3_bind_double(q, i, (double)(int)(v * 10000.0f + 0.5f) / 10000.0);
    else
        sqlite3_bind_null(q, i);
}

/* ------------------------------------------------------------------ params */

static int read_params(sqlite3 *db, dedup_params *p, bool *found)
{
    dedup_params_default(p);
    *found = false;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT value FROM dedup_meta WHERE key='params'", -1, &q, NULL) !=
        SQLITE_OK)
        return -1;
    int rc = 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        *found = true;
        const char *v = (const char *)sqlite3_column_text(q, 0);
        rc = dedup_params_parse(p, v ? v : "");
    }
    sqlite3_finalize(q);
    return rc;
}

int copies_params(sl_store *st, dedup_params *p)
{
    bool found;
    return read_params(sl_store_db(st), p, &found);
}

static int write_params(sqlite3 *db, const dedup_params *p)
{
    char text[256];
    dedup_params_format(p, text, sizeof text);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO dedup_meta (key, value) VALUES ('params', ?1)",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, text, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(q);
    return rc;
}

/* ------------------------------------------------------------------ fetching sets */

static int fetch_shingles(void *user, uint32_t rid, uint32_t **v, size_t *cap, size_t *n)
{
    copies *c = user;
    sqlite3_stmt *q = c->q[Q_SH_GET];
    sqlite3_bind_int64(q, 1, rid);
    int rc = -1;
    if (sqlite3_step(q) == SQLITE_ROW) {
        size_t bytes = (size_t)sqlite3_column_bytes(q, 0);
        const void *p = sqlite3_column_blob(q, 0);
        *n = bytes / 4;
        grow_array(v, cap, *n + 1, sizeof **v);
        if (*n)
            unblob_u32(p, *n, *v);
        rc = 0;
    }
    sqlite3_reset(q);
    return rc;
}

/* ------------------------------------------------------------------ restoring */

static int restore(copies *c)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(c->db, "SELECT count(bands) FROM dedup_sig", -1, &q, NULL) != SQLITE_OK)
        return store_error(c, "reading the index");
    if (sqlite3_step(q) == SQLITE_ROW)
        lsh_reserve(&c->d.bands, (size_t)sqlite3_column_int64(q, 0) * c->d.p.bands);
    sqlite3_finalize(q);
    if (sqlite3_prepare_v2(c->db,
                           "SELECT s.rid, s.hash, s.bands, c.grp, c.jaccard FROM dedup_sig s"
                           " JOIN copies c ON c.rid = s.rid ORDER BY s.rid",
                           -1, &q, NULL) != SQLITE_OK)
        return store_error(c, "reading the index");
    uint32_t keys[DEDUP_MAX_BANDS];
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(q, 0), grp = sqlite3_column_int64(q, 3);
        if (rid <= 0 || rid > UINT32_MAX || grp <= 0 || grp > rid)
            continue;
        size_t nk = (size_t)sqlite3_column_bytes(q, 2) / 4;
        if (nk != c->d.p.bands)
            nk = 0;
        if (nk)
            unblob_u32(sqlite3_column_blob(q, 2), nk, keys);
        bool has_text = sqlite3_column_type(q, 1) != SQLITE_NULL;
        float best =
            sqlite3_column_type(q, 4) == SQLITE_NULL ? -1.0f : (float)sqlite3_column_double(q, 4);
        dedup_restore(&c->d, (uint32_t)rid, (uint32_t)grp, best,
                      (uint64_t)sqlite3_column_int64(q, 1), has_text, keys, nk);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : store_error(c, "reading the index");
}

/* Says so when articles are stored that the index does not know. */
static void check_coverage(copies *c)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(
            c->db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM dedup_sig)", -1,
            &q, NULL) != SQLITE_OK)
        return;
    if (sqlite3_step(q) == SQLITE_ROW) {
        long long arts = sqlite3_column_int64(q, 0), sigs = sqlite3_column_int64(q, 1);
        if (arts > sigs)
            sl_diag(c->ctx, SL_WARNING, NULL, 0,
                    "%lld stored article%s not in the copy index (stored before it existed); "
                    "`storyline dups --reindex` indexes them",
                    arts - sigs, arts - sigs == 1 ? " is" : "s are");
    }
    sqlite3_finalize(q);
}

copies *copies_open(sl_ctx *ctx, sl_store *st, size_t cache_bytes)
{
    copies *c = grow_calloc(1, sizeof *c);
    c->ctx = ctx;
    c->st = st;
    c->db = sl_store_db(st);
    buf_init(&c->blob);
    shingle_init(&c->sh);
    dedup_params p;
    bool found;
    if (read_params(c->db, &p, &found) != 0) {
        sl_diag(ctx, SL_ERROR, NULL, 0, "copy index: unreadable parameters in dedup_meta");
        free(c);
        return NULL;
    }
    if (cache_bytes)
        p.cache_bytes = cache_bytes;
    if (!found && write_params(c->db, &p) != 0) {
        store_error(c, "recording the parameters");
        free(c);
        return NULL;
    }
    dedup_init(&c->d, &p, fetch_shingles, c);
    for (int i = 0; i < Q__COUNT; i++)
        if (sqlite3_prepare_v3(c->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &c->q[i], NULL) !=
            SQLITE_OK) {
            store_error(c, "preparing a query");
            copies_close(c);
            return NULL;
        }
    if (restore(c) != 0) {
        copies_close(c);
        return NULL;
    }
    check_coverage(c);
    return c;
}

void copies_close(copies *c)
{
    if (!c)
        return;
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(c->q[i]);
    dedup_free(&c->d);
    shingle_free(&c->sh);
    buf_free(&c->blob);
    free(c->members);
    free(c);
}

const dedup *copies_index(const copies *c)
{
    return &c->d;
}

/* ------------------------------------------------------------------ updates */

/* Rewrites the rows of what remains of group g after article r left it. */
static int regroup(copies *c, uint32_t r, uint32_t g, size_t nm)
{
    uint32_t *best = grow_calloc(nm, sizeof *best);
    float *bj = grow_calloc(nm, sizeof *bj), *bc = grow_calloc(nm, sizeof *bc);
    dedup_regroup(&c->d, c->members, nm, best, bj, bc, COPIES_MAX_REGROUP);
    int rc = 0;
    if (nm > COPIES_MAX_REGROUP) {
        sqlite3_stmt *q = c->q[Q_GRP_MOVE];
        sqlite3_bind_int64(q, 1, c->members[0]);
        sqlite3_bind_int64(q, 2, g);
        rc = run(c, q, "regrouping");
        q = c->q[Q_MATCH_CLEAR];
        sqlite3_bind_int64(q, 1, r);
        rc |= run(c, q, "regrouping");
    } else {
        for (size_t i = 0; i < nm && rc == 0; i++) {
            sqlite3_stmt *q = c->q[Q_COPY_REWRITE];
            sqlite3_bind_int64(q, 1, c->members[i]);
            sqlite3_bind_int64(q, 2, dedup_group(&c->d, c->members[i]));
            bind_opt_rid(q, 3, best[i]);
            bind_opt_real(q, 4, bj[i], best[i] != 0);
            bind_opt_real(q, 5, bc[i], best[i] != 0);
            sqlite3_bind_int(q, 6, best[i] && bj[i] >= 1.0f);
            rc = run(c, q, "regrouping");
        }
    }
    free(best);
    free(bj);
    free(bc);
    return rc;
}

/* The first (smallest rid) of the nm members c->members (rid order) whose
 * text has the given hash, or 0. An article with the same text as another
 * is always in its copy group (exact copies join it, and a regrouping keeps
 * identical shingle sets together), so the group is where to look. */
static uint32_t same_text(copies *c, uint64_t hash, size_t nm)
{
    sqlite3_stmt *q = c->q[Q_HASH_OTHER];
    uint32_t found = 0;
    for (size_t i = 0; i < nm && !found; i++) {
        sqlite3_bind_int64(q, 1, c->members[i]);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL &&
            (uint64_t)sqlite3_column_int64(q, 0) == hash)
            found = c->members[i];
        sqlite3_reset(q);
    }
    return found;
}

/* Takes article r out of the index and out of its group before it is
 * re-added with its new content. */
static int forget(copies *c, uint32_t r)
{
    sqlite3_stmt *q = c->q[Q_SIG_GET];
    sqlite3_bind_int64(q, 1, r);
    uint32_t keys[DEDUP_MAX_BANDS];
    size_t nk = 0;
    bool had_hash = false;
    uint64_t hash = 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        had_hash = sqlite3_column_type(q, 0) != SQLITE_NULL;
        hash = (uint64_t)sqlite3_column_int64(q, 0);
        nk = (size_t)sqlite3_column_bytes(q, 1) / 4;
        if (nk > DEDUP_MAX_BANDS)
            nk = 0;
        if (nk)
            unblob_u32(sqlite3_column_blob(q, 1), nk, keys);
    }
    sqlite3_reset(q);
    dedup_forget(&c->d, r, keys, nk, had_hash ? hash : 0);

    uint32_t g = dedup_group(&c->d, r);
    size_t nm = 0;
    q = c->q[Q_MEMBERS];
    sqlite3_bind_int64(q, 1, g);
    sqlite3_bind_int64(q, 2, r);
    while (sqlite3_step(q) == SQLITE_ROW) {
        grow_array(&c->members, &c->members_cap, nm + 1, sizeof *c->members);
        c->members[nm++] = (uint32_t)sqlite3_column_int64(q, 0);
    }
    sqlite3_reset(q);
    if (nm && regroup(c, r, g, nm) != 0)
        return -1;

    if (had_hash && !dedup_exact_rid(&c->d, hash)) {
        uint32_t other = same_text(c, hash, nm);
        if (other && dedup_group(&c->d, other))
            dedup_set_exact(&c->d, hash, other);
    }
    return 0;
}

/* ------------------------------------------------------------------ adding */

static int write_rows(copies *c, uint32_t r, const sl_article *a, const uint32_t *sh, size_t n,
                      const dedup_match *m)
{
    sqlite3_stmt *q = c->q[Q_SIG_PUT];
    sqlite3_bind_int64(q, 1, r);
    if (a->text_len)
        sqlite3_bind_int64(q, 2, (sqlite3_int64)a->hash);
    else
        sqlite3_bind_null(q, 2);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)n);
    if (n) {
        blob_u32(&c->blob, c->keys, c->d.p.bands);
        sqlite3_bind_blob(q, 4, c->blob.data, (int)c->blob.len, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(q, 4);
    }
    if (run(c, q, "writing a signature") != 0)
        return -1;

    q = c->q[Q_SH_PUT];
    sqlite3_bind_int64(q, 1, r);
    blob_u32(&c->blob, sh, n);
    if (n)
        sqlite3_bind_blob64(q, 2, c->blob.data, c->blob.len, SQLITE_STATIC);
    else
        sqlite3_bind_zeroblob(q, 2, 0);
    if (run(c, q, "writing shingles") != 0)
        return -1;

    q = c->q[Q_COPY_PUT];
    sqlite3_bind_int64(q, 1, r);
    sqlite3_bind_int64(q, 2, m->group);
    bind_opt_rid(q, 3, m->match);
    bind_opt_real(q, 4, m->jaccard, m->match != 0);
    bind_opt_real(q, 5, m->containment, m->match != 0);
    sqlite3_bind_int(q, 6, m->exact);
    if (run(c, q, "writing a copy group") != 0)
        return -1;

    for (size_t i = 0; i < m->n_absorbed; i++) {
        if (m->absorbed[i] == r)
            continue;
        q = c->q[Q_GRP_MOVE];
        sqlite3_bind_int64(q, 1, m->group);
        sqlite3_bind_int64(q, 2, m->absorbed[i]);
        if (run(c, q, "merging copy groups") != 0)
            return -1;
    }
    for (size_t i = 0; i < m->n_updated; i++) {
        const dedup_pair *u = &m->updated[i];
        q = c->q[Q_COPY_BEST];
        sqlite3_bind_int64(q, 1, u->rid);
        sqlite3_bind_int64(q, 2, r);
        bind_opt_real(q, 3, u->jaccard, true);
        bind_opt_real(q, 4, u->containment, true);
        sqlite3_bind_int(q, 5, u->exact);
        if (run(c, q, "recording a closest copy") != 0)
            return -1;
    }
    return 0;
}

/* The group of an unchanged article, as stored. */
static int read_info(copies *c, uint32_t r, sl_copy_info *info)
{
    sqlite3_stmt *q = c->q[Q_COPY_GET];
    sqlite3_bind_int64(q, 1, r);
    if (sqlite3_step(q) == SQLITE_ROW) {
        info->group = sqlite3_column_int64(q, 0);
        info->match = sqlite3_column_int64(q, 1);
        info->jaccard = sqlite3_column_double(q, 2);
        info->containment = sqlite3_column_double(q, 3);
        info->exact = sqlite3_column_int(q, 4) != 0;
        info->size = dedup_group_size(&c->d, r);
    }
    sqlite3_reset(q);
    return 0;
}

void copies_sign(const dedup_params *p, shingler *s, const sl_article *a, copies_sig *out)
{
    const uint32_t *sh;
    out->n = shingle_tokens(s, a->toks, a->n_toks, p->k, p->mode, &sh);
    out->sh = NULL;
    if (!out->n)
        return;
    out->sh = grow_calloc(out->n, sizeof *out->sh);
    memcpy(out->sh, sh, out->n * sizeof *sh);
    dedup_keys_with(p, out->sh, out->n, out->keys);
}

void copies_sig_free(copies_sig *sig)
{
    if (!sig)
        return;
    free(sig->sh);
    sig->sh = NULL;
    sig->n = 0;
}

int copies_add(copies *c, const sl_article *a, long long rid, sl_put_result put, sl_copy_info *info)
{
    return copies_add_signed(c, a, rid, put, NULL, info);
}

int copies_add_signed(copies *c, const sl_article *a, long long rid, sl_put_result put,
                      const copies_sig *sig, sl_copy_info *info)
{
    memset(info, 0, sizeof *info);
    if (put == SL_PUT_FAILED || rid <= 0)
        return 0;
    if (rid > (long long)UINT32_MAX) {
        if (!c->warned_rid)
            sl_diag(c->ctx, SL_WARNING, NULL, 0,
                    "row ids above 2^32 are not indexed for copies (rid %lld)", rid);
        c->warned_rid = true;
        return 0;
    }
    uint32_t r = (uint32_t)rid;
    bool known = dedup_group(&c->d, r) != 0;
    if (put == SL_PUT_SAME && known)
        return read_info(c, r, info);
    if (known && forget(c, r) != 0)
        return -1;
    const uint32_t *sh;
    size_t n;
    if (sig) {
        sh = sig->sh;
        n = sig->n;
        if (n)
            memcpy(c->keys, sig->keys, c->d.p.bands * sizeof *c->keys);
    } else {
        n = shingle_tokens(&c->sh, a->toks, a->n_toks, c->d.p.k, c->d.p.mode, &sh);
        if (n)
            dedup_keys(&c->d, sh, n, c->keys);
    }
    dedup_match m;
    dedup_add(&c->d, r, a->hash, a->text_len > 0, sh, n, c->keys, &m);
    if (write_rows(c, r, a, sh, n, &m) != 0)
        return -1;
    info->group = m.group;
    info->size = dedup_group_size(&c->d, r);
    info->match = m.match;
    info->jaccard = m.match ? m.jaccard : 0;
    info->containment = m.match ? m.containment : 0;
    info->exact = m.exact;
    return 0;
}

/* ------------------------------------------------------------------ rebuilding */

/* Indexes stored articles with rid > after, at most batch of them; returns
 * how many were read (0 at the end), -1 on error; *last gets the last rid. */
static long reindex_batch(copies *c, sl_arena *arena, long long after, long batch, long long *last)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT rid, hash, lang, text FROM articles WHERE rid > ?1"
                           " ORDER BY rid LIMIT ?2",
                           -1, &q, NULL) != SQLITE_OK)
        return store_error(c, "reading articles");
    sqlite3_bind_int64(q, 1, after);
    sqlite3_bind_int64(q, 2, batch);
    long n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        sl_article art;
        memset(&art, 0, sizeof art);
        long long rid = sqlite3_column_int64(q, 0);
        const char *hex = (const char *)sqlite3_column_text(q, 1);
        const char *lang = (const char *)sqlite3_column_text(q, 2);
        art.text = (const char *)sqlite3_column_text(q, 3);
        art.text_len = (size_t)sqlite3_column_bytes(q, 3);
        art.hash = hex ? strtoull(hex, NULL, 16) : 0;
        arena_reset(arena);
        art.n_toks = tokenize(c->ctx, arena, lang ? lang : "und", art.text ? art.text : "",
                              art.text_len, &art.toks);
        sl_copy_info info;
        if (copies_add(c, &art, rid, SL_PUT_NEW, &info) != 0) {
            sqlite3_finalize(q);
            return -1;
        }
        *last = rid;
        n++;
    }
    sqlite3_finalize(q);
    return n;
}

int copies_reindex(sl_ctx *ctx, sl_store *st, const dedup_params *p, long batch, long *n_out)
{
    sqlite3 *db = sl_store_db(st);
    *n_out = 0;
    if (batch <= 0)
        batch = 1000;
    if (sl_store_begin(st) != 0)
        return -1;
    char *err = NULL;
    if (sqlite3_exec(db, "DELETE FROM dedup_sig; DELETE FROM dedup_shingles; DELETE FROM copies;",
                     NULL, NULL, &err) != SQLITE_OK ||
        write_params(db, p) != 0) {
        sl_diag(ctx, SL_ERROR, NULL, 0, "copy index: cannot clear: %s",
                err ? err : sqlite3_errmsg(db));
        sqlite3_free(err);
        return -1;
    }
    copies *c = copies_open(ctx, st, p->cache_bytes);
    if (!c)
        return -1;
    sl_arena *arena = arena_new();
    long long last = 0;
    long n;
    int rc = 0;
    while ((n = reindex_batch(c, arena, last, batch, &last)) > 0) {
        *n_out += n;
        if (sl_store_commit(st) != 0 || sl_store_begin(st) != 0) {
            rc = -1;
            break;
        }
    }
    if (n < 0)
        rc = -1;
    arena_free(arena);
    copies_close(c);
    if (sl_store_commit(st) != 0)
        rc = -1;
    return rc;
}

/* ------------------------------------------------------------------ public API */

int sl_copy_get(sl_store *st, long long rid, sl_copy_info *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st),
                           "SELECT c.grp, c.match_rid, c.jaccard, c.containment, c.exact,"
                           " (SELECT count(*) FROM copies WHERE grp = c.grp)"
                           " FROM copies c WHERE c.rid = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, rid);
    int rc = -1;
    if (sqlite3_step(q) == SQLITE_ROW) {
        out->group = sqlite3_column_int64(q, 0);
        out->match = sqlite3_column_int64(q, 1);
        out->jaccard = sqlite3_column_double(q, 2);
        out->containment = sqlite3_column_double(q, 3);
        out->exact = sqlite3_column_int(q, 4) != 0;
        out->size = sqlite3_column_int64(q, 5);
        rc = 0;
    }
    sqlite3_finalize(q);
    return rc;
}

size_t sl_copy_members(sl_store *st, long long group, long long *rids, size_t cap)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st), "SELECT rid FROM copies WHERE grp = ?1 ORDER BY rid",
                           -1, &q, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(q, 1, group);
    size_t n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n < cap)
            rids[n] = sqlite3_column_int64(q, 0);
        n++;
    }
    sqlite3_finalize(q);
    return n;
}
