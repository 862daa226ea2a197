/*
 * schema.c — the store's schema as a list of migrations, applied in order
 * and recorded in PRAGMA user_version. Never edit a shipped migration: add
 * the next one.
 */
#include <stdio.h>

#include "store.h"

const char *const store_migrations[] = {
    /* 0 → 1: articles, what cleaning removed, failed inputs */
    "CREATE TABLE articles ("
    "  rid INTEGER PRIMARY KEY,"        /* ingest order */
    "  id TEXT NOT NULL UNIQUE,"
    "  hash TEXT NOT NULL,"             /* normalised-text hash, 16 hex */
    "  outlet TEXT NOT NULL DEFAULT '',"
    "  url TEXT NOT NULL DEFAULT '',"
    "  title TEXT NOT NULL DEFAULT '',"
    "  lang TEXT NOT NULL DEFAULT 'und',"
    "  author TEXT NOT NULL DEFAULT '',"
    "  published INTEGER,"              /* Unix seconds UTC, NULL if unknown */
    "  published_prec INTEGER NOT NULL DEFAULT 0,"
    "  date_source INTEGER NOT NULL DEFAULT 0,"
    "  agencies TEXT NOT NULL DEFAULT '[]'," /* JSON array */
    "  text TEXT NOT NULL,"
    "  paras TEXT NOT NULL DEFAULT '[]',"    /* JSON [[start,end],...] */
    "  sents TEXT NOT NULL DEFAULT '[]',"    /* JSON [[start,end,para],...] */
    "  dates TEXT NOT NULL DEFAULT '[]',"    /* JSON [[start,end,time,prec,kind,conf],...] */
    "  removed TEXT NOT NULL DEFAULT '[]',"  /* JSON [[line,reason,text],...] */
    "  n_tokens INTEGER NOT NULL DEFAULT 0,"
    "  origin TEXT NOT NULL DEFAULT '',"
    "  origin_line INTEGER NOT NULL DEFAULT 0,"
    "  format TEXT NOT NULL DEFAULT '',"
    "  bad_bytes INTEGER NOT NULL DEFAULT 0,"
    "  truncated INTEGER NOT NULL DEFAULT 0,"
    "  ingested_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE INDEX articles_published ON articles(published);"
    "CREATE INDEX articles_outlet ON articles(outlet);"
    "CREATE INDEX articles_hash ON articles(hash);"
    "CREATE TABLE ingest_errors ("
    "  id INTEGER PRIMARY KEY,"
    "  origin TEXT NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  message TEXT NOT NULL,"
    "  at INTEGER NOT NULL"
    ");",
};

const int store_schema_latest = (int)(sizeof store_migrations / sizeof store_migrations[0]);

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_migrate(sl_ctx *ctx, sqlite3 *db, const char *path)
{
    int v = user_version(db);
    if (v < 0) {
        sl_diag(ctx, SL_ERROR, path, 0, "not a readable SQLite database: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (v > store_schema_latest) {
        sl_diag(ctx, SL_ERROR, path, 0,
                "store schema version %d is newer than this storyline (%d); not opened", v,
                store_schema_latest);
        return -1;
    }
    for (; v < store_schema_latest; v++) {
        char *err = NULL;
        char set[64];
        snprintf(set, sizeof set, "PRAGMA user_version=%d;", v + 1);
        if (sqlite3_exec(db, "BEGIN IMMEDIATE;", NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(db, store_migrations[v], NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(db, set, NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT;", NULL, NULL, &err) != SQLITE_OK) {
            sl_diag(ctx, SL_ERROR, path, 0, "migration to schema %d failed: %s; rolled back",
                    v + 1, err ? err : "?");
            sqlite3_free(err);
            sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}
