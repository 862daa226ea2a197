/*
 * store.c — digests of stored stories: the members are read back from the
 * store (src/dedup/load.c rebuilds text, sentences and tokens; the date
 * mentions are found again, as ingest found them), then digested like any
 * set of articles. Also the static HTML export of every story.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dedup/load.h"
#include "../facts/dates.h"
#include "../util/arena.h"
#include "digest.h"

/* What load_article leaves out and the digest reads: the byline (wire share)
 * and the date mentions (timeline). */
static void complete(sl_article *a, const char *author)
{
    if (author && *author)
        a->author = arena_strdup(a->arena, author);
    if (!a->n_dates && a->text_len)
        a->n_dates = dates_find(a->arena, a->lang, a->text, a->text_len, a->toks, a->n_toks,
                                a->published, a->published_prec, &a->dates);
}

/* The members of story id, in time order; *n their count; NULL and *n = 0
 * when the story has none or does not exist. full: with what only the
 * digest's sources and timeline read (complete); the headline does without. */
static sl_article **load_members(sl_ctx *ctx, sl_store *st, long long id, size_t *n, bool full)
{
    sqlite3 *db = sl_store_db(st);
    sqlite3_stmt *q;
    *n = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT sa.rid, a.author FROM story_articles sa JOIN articles a"
                           " ON a.rid = sa.rid WHERE sa.story = ?1 ORDER BY sa.time, sa.rid",
                           -1, &q, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(q, 1, id);
    size_t cap = 0;
    sl_article **v = NULL;
    while (sqlite3_step(q) == SQLITE_ROW) {
        sl_article *a = load_article(ctx, st, NULL, sqlite3_column_int64(q, 0), NULL);
        if (!a)
            continue;
        if (full)
            complete(a, (const char *)sqlite3_column_text(q, 1));
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            sl_article **p = realloc(v, cap * sizeof *p);
            if (!p)
                abort();
            v = p;
        }
        v[(*n)++] = a;
    }
    sqlite3_finalize(q);
    return v;
}

sl_digest *sl_story_digest(sl_ctx *ctx, sl_store *st, long long story, const sl_digest_opts *o)
{
    size_t n;
    sl_article **v = load_members(ctx, st, story, &n, true);
    sl_digest *d = n ? sl_digest_build(ctx, (const sl_article *const *)v, n, o) : NULL;
    for (size_t i = 0; i < n; i++)
        sl_article_free(v[i]);
    free(v);
    return d;
}

char *dg_stored_headline(sl_ctx *ctx, sl_store *st, long long id)
{
    size_t n;
    sl_article **v = load_members(ctx, st, id, &n, false);
    char *h = n ? dg_headline_build(ctx, (const sl_article *const *)v, n) : NULL;
    for (size_t i = 0; i < n; i++)
        sl_article_free(v[i]);
    free(v);
    return h;
}

long sl_export_html(sl_ctx *ctx, sl_store *st, const char *dir, const sl_digest_opts *o)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st),
                           "SELECT id FROM stories WHERE merged_into IS NULL AND n_articles > 0"
                           " ORDER BY last DESC, id",
                           -1, &q, NULL) != SQLITE_OK) {
        sl_diag(ctx, SL_ERROR, NULL, 0, "export: the store has no stories table: %s",
                sqlite3_errmsg(sl_store_db(st)));
        return -1;
    }
    sl_html_export *x = sl_html_export_open(ctx, dir);
    if (!x) {
        sqlite3_finalize(q);
        return -1;
    }
    long count = 0;
    int rc = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(q, 0);
        sl_digest *d = sl_story_digest(ctx, st, id, o);
        if (!d)
            continue;
        char sid[32];
        snprintf(sid, sizeof sid, "%lld", id);
        if (sl_html_export_add(x, sid, d) != 0)
            rc = -1;
        sl_digest_free(d);
        count++;
    }
    sqlite3_finalize(q);
    if (sl_html_export_close(x) != 0)
        rc = -1;
    return rc ? -1 : count;
}
