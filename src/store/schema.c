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
    /* 1 → 2: copies (src/dedup/copies.c): the copy index and the copy groups */
    "CREATE TABLE dedup_meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");"
    "CREATE TABLE dedup_sig ("           /* read whole when a writer opens the store */
    "  rid INTEGER PRIMARY KEY,"         /* articles.rid */
    "  hash INTEGER,"                    /* sl_article.hash; NULL when the text is empty */
    "  nsh INTEGER NOT NULL,"            /* distinct shingles */
    "  bands BLOB"                       /* LSH band keys, uint32 LE each; NULL if no shingle */
    ");"
    "CREATE TABLE dedup_shingles ("      /* read for verification when not cached */
    "  rid INTEGER PRIMARY KEY,"
    "  sh BLOB NOT NULL"                 /* sorted distinct 32-bit shingle hashes, LE */
    ");"
    "CREATE TABLE copies ("
    "  rid INTEGER PRIMARY KEY,"         /* articles.rid */
    "  grp INTEGER NOT NULL,"            /* copy group: rid of its first article */
    "  match_rid INTEGER,"               /* closest known copy, NULL if none */
    "  jaccard REAL,"                    /* word-shingle Jaccard with match_rid */
    "  containment REAL,"                /* of the smaller shingle set in the larger */
    "  exact INTEGER NOT NULL DEFAULT 0" /* same normalised text as match_rid */
    ");"
    "CREATE INDEX copies_grp ON copies(grp);",
    /* 2 → 3: stories (src/story/story.c): stories, article → story, clustering state */
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"          /* stable story id */
    "  first INTEGER NOT NULL,"          /* time span of the members, Unix seconds */
    "  last INTEGER NOT NULL,"
    "  n_articles INTEGER NOT NULL,"
    "  headline TEXT NOT NULL DEFAULT '',"
    "  headline_rid INTEGER,"            /* the member whose title is the headline */
    "  merged_into INTEGER,"             /* recluster: the story that absorbed this one */
    "  state BLOB,"                      /* centroid (src/story/cluster.c story_pack) */
    "  updated_at INTEGER NOT NULL"
    ");"
    "CREATE INDEX stories_last ON stories(last);"
    "CREATE TABLE story_articles ("
    "  rid INTEGER PRIMARY KEY,"         /* articles.rid */
    "  story INTEGER NOT NULL,"
    "  how INTEGER NOT NULL,"            /* 0 started, 1 joined by score, 2 copy, 3 recluster */
    "  score REAL NOT NULL,"
    "  time INTEGER NOT NULL,"           /* time the clustering used */
    "  time_how INTEGER NOT NULL DEFAULT 0" /* 0 dated, 1 undated (ingest order), 2 date
                                            * not trusted (far future or past) */
    ");"
    "CREATE INDEX story_articles_story ON story_articles(story);"
    "CREATE TABLE story_meta ("
    "  key TEXT PRIMARY KEY,"            /* 'df': document frequencies (terms_pack) */
    "  value BLOB"
    ");",
    /* 3 → 4: search and the server's story texts (src/serve): full-text
     * indexes (FTS5, external content kept in step by triggers) over the
     * articles and over each story's headline and digest summary; the
     * digest the server last rendered for each story, and its entities
     * (for the entity filter and lookups). */
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    "  content_rowid='rid', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);"
    " END;"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.rid, old.title, old.text);"
    " END;"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.rid, old.title, old.text);"
    "  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);"
    " END;"
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');"
    "CREATE TABLE story_text ("
    "  story INTEGER PRIMARY KEY,"       /* stories.id */
    "  headline TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"           /* the digest's summary sentences, plain text */
    "  digest TEXT NOT NULL,"            /* the digest as JSON (sl_digest_render) */
    "  n_articles INTEGER NOT NULL,"     /* stories.n_articles when digested */
    "  updated_at INTEGER NOT NULL"      /* stories.updated_at when digested */
    ");"
    "CREATE VIRTUAL TABLE story_fts USING fts5(headline, summary, content='story_text',"
    "  content_rowid='story', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER story_fts_ai AFTER INSERT ON story_text BEGIN"
    "  INSERT INTO story_fts(rowid, headline, summary)"
    "    VALUES (new.story, new.headline, new.summary);"
    " END;"
    "CREATE TRIGGER story_fts_ad AFTER DELETE ON story_text BEGIN"
    "  INSERT INTO story_fts(story_fts, rowid, headline, summary)"
    "    VALUES ('delete', old.story, old.headline, old.summary);"
    " END;"
    "CREATE TRIGGER story_fts_au AFTER UPDATE ON story_text BEGIN"
    "  INSERT INTO story_fts(story_fts, rowid, headline, summary)"
    "    VALUES ('delete', old.story, old.headline, old.summary);"
    "  INSERT INTO story_fts(rowid, headline, summary)"
    "    VALUES (new.story, new.headline, new.summary);"
    " END;"
    "CREATE TABLE story_entities ("
    "  story INTEGER NOT NULL,"          /* stories.id */
    "  key TEXT NOT NULL,"               /* sl_fact_key of the name */
    "  name TEXT NOT NULL,"              /* the alias set's canonical name */
    "  kind INTEGER NOT NULL,"           /* sl_entity_kind */
    "  articles INTEGER NOT NULL,"       /* articles of the story naming it */
    "  PRIMARY KEY (story, key)"
    ") WITHOUT ROWID;"
    "CREATE INDEX story_entities_key ON story_entities(key);",
    /* 4 → 5: the articles' full-text index is no longer kept in step by
     * row triggers (each firing flushed FTS5's pending terms into a segment
     * of its own: half of the ingest's time). The store indexes articles in
     * ranges of rids, in the transaction that wrote them or later (a bulk
     * ingest defers it to the server); store_meta 'fts_rid' says up to
     * which rid the index is complete (src/store/sqlite.c). Rows deleted
     * from outside still leave the index by trigger, if they were in it.
     * The index on articles.hash goes: its random keys made every batch
     * rewrite most of its pages (a tenth of a million-article ingest), and
     * its one reader (src/dedup/copies.c) looks among the copy group. */
    "DROP INDEX articles_hash;"
    "DROP TRIGGER articles_fts_ai;"
    "DROP TRIGGER articles_fts_au;"
    "DROP TRIGGER articles_fts_ad;"
    "CREATE TABLE store_meta ("
    "  key TEXT PRIMARY KEY,"
    "  value INTEGER NOT NULL"
    ");"
    "INSERT INTO store_meta (key, value) VALUES ('fts_rid', (SELECT coalesce(max(rid), 0)"
    "  FROM articles));"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles"
    "  WHEN old.rid <= (SELECT value FROM store_meta WHERE key = 'fts_rid') BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.rid, old.title, old.text);"
    " END;",
    /* 5 → 6: what `storyline watch` remembers of each feed (conditional GET
     * validators, last poll and its outcome). Earlier watchers created it
     * themselves, hence IF NOT EXISTS. */
    "CREATE TABLE IF NOT EXISTS feed_state ("
    "  url TEXT PRIMARY KEY,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  fetched_at INTEGER,"            /* unix seconds of the last poll */
    "  status INTEGER,"                /* its HTTP status (0: no answer) */
    "  items INTEGER,"                 /* items in the feed */
    "  new_items INTEGER"              /* of them new or changed */
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
