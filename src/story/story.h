/*
 * story.h — the story stage of the pipeline: the online clusterer
 * (cluster.h) kept in the store, so that stories have stable ids, persist,
 * and grow across ingests.
 *
 * Tables (schema v3, src/store/schema.c):
 *   stories        one row per story: time span, size, headline, and the
 *                  centroid state (a blob) used to reload active stories;
 *   story_articles one row per clustered article: its story, how it got
 *                  there (started, joined by score, copy, moved by
 *                  recluster), the score, and the time the clustering used
 *                  (with how it was set: dated, undated, untrusted date);
 *   story_meta     the document-frequency table and the parameters.
 *
 * Writes happen inside the caller's transaction: one story_articles row per
 * article as it is placed, the changed stories at each flush. A writer that
 * opens the store reloads the document frequencies and the stories still
 * active (last article within the window of the newest one); older stories
 * stay in the store only.
 */
#ifndef SL_STORY_STORY_H
#define SL_STORY_STORY_H

#include <sqlite3.h>

#include "cluster.h"

typedef struct story_stage story_stage;

/* Puts the unmerged stories of db whose last article is at or after since
 * back into cl (centroids from their state blobs; cl->df must be loaded).
 * Returns how many, or -1 on an SQL error; *bad counts the stories whose
 * state could not be read, left out. */
long story_restore_active(sqlite3 *db, cluster *cl, int64_t since, unsigned *bad);

/* Reads the members of s again from story_articles into s->titles (the
 * headline rule's view of them). *q: the statement, prepared on first use
 * (the caller finalizes it). 0, or -1 on an SQL error. */
int story_reread_titles(sqlite3 *db, sqlite3_stmt **q, cluster *cl, story *s);

/* The headline of stored story s when no member title passes the rule: the
 * digest's own fallback (its central sentence) over the members in
 * story_articles, into s->headline. false (s unchanged) when the story has
 * no members or the digest no headline. */
bool story_headline_fallback(sl_ctx *ctx, sl_store *st, story *s);

/* Lets cl read the stored titles of db's articles (cluster_title_source).
 * 0, or -1 on an SQL error. */
int story_title_source(sqlite3 *db, cluster *cl);

/* Opens the stage on st and reloads its state. NULL (with a diagnostic)
 * on a store error. Parameters: defaults, or $STORYLINE_STORY_PARAMS. */
story_stage *story_stage_open(sl_ctx *ctx, sl_store *st);
/* Flushes the document frequencies and frees the stage. */
void story_stage_close(story_stage *ss);

/* Places the article the store just handled (rid, put) in a story.
 * copy_group, copy_size: its copy group id and size (0 = unknown). A copy
 * of an article placed earlier joins that article's story, even one that
 * left memory long ago. An unchanged article keeps the story it has; a
 * changed one is placed again. Returns the story id (0 when the article
 * was not placed: failed put or store error) and fills *res when res is
 * not NULL. */
long long story_stage_add(story_stage *ss, const sl_article *a, long long rid, sl_put_result put,
                          long long copy_group, long long copy_size, cluster_result *res);

/* Writes the changed stories, then ages old ones out of memory. 0 or -1. */
int story_stage_flush(story_stage *ss);

/* The clusterer (for benchmarks and statistics). */
cluster *story_stage_cluster(story_stage *ss);

#endif
