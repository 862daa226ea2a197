/*
 * reload.h — an article back from the store, as clustering sees it.
 *
 * The store keeps the clean text and its paragraph spans; tokens and
 * sentences are recomputed from them (the same analysis ingest ran), which
 * is what `storyline recluster` and the clustering benchmark need. Cheaper
 * than a full rebuild: no cleaning, no language detection, no dates.
 */
#ifndef SL_STORY_RELOAD_H
#define SL_STORY_RELOAD_H

#include <sqlite3.h>

#include "../ctx.h"

/* The columns story_reload reads, in order, from a statement built on
 * "SELECT " STORY_RELOAD_COLUMNS " FROM articles a LEFT JOIN copies c ON c.rid = a.rid ..." */
#define STORY_RELOAD_COLUMNS                                                               \
    "a.rid, a.id, a.title, a.lang, a.outlet, a.text, a.paras, a.published,"              \
    " a.published_prec, a.date_source, coalesce(c.grp, 0)"

/* Builds the article of the current row of q (columns as above, starting
 * at column 0). *rid and *group get the row id and copy group (0: none).
 * Never NULL; the caller frees with sl_article_free. */
sl_article *story_reload(sl_ctx *ctx, sqlite3_stmt *q, long long *rid, long long *group);

#endif
