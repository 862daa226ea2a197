/*
 * eval_clusters.c — the `clusters` kind of `storyline eval`: every stored
 * article with the story the clustering put it in. An article that was
 * never placed in a story (stored before stories existed, or failed) is a
 * story of its own, so it costs recall rather than vanishing. Also the
 * row streamer that every kind's prediction is (eval_predict_rows).
 */
#include <sqlite3.h>

#include "cli.h"

int eval_predict_rows(sl_store *st, const char *sql,
                      void (*emit)(void *, const char *, size_t, int64_t), void *user)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st), sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(q) == SQLITE_ROW)
        emit(user, (const char *)sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0),
             sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
    return 0;
}

int eval_predict_clusters(sl_store *st, void (*emit)(void *, const char *, size_t, int64_t),
                          void *user)
{
    return eval_predict_rows(st,
                             "SELECT a.id, coalesce(sa.story, -a.rid) FROM articles a"
                             " LEFT JOIN story_articles sa ON sa.rid = a.rid",
                             emit, user);
}
