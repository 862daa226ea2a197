/*
 * store.h — inside the SQLite store, for the store's own files and for
 * listings that read it (CLI, server).
 */
#ifndef SL_STORE_H
#define SL_STORE_H

#include <sqlite3.h>

#include "../ctx.h"

/* Schema migrations: migrations[i] brings the schema from version i to i+1. */
extern const char *const store_migrations[];
extern const int store_schema_latest;

/* Runs the pending migrations inside one transaction each. 0 on success. */
int store_migrate(sl_ctx *ctx, sqlite3 *db, const char *path);

/* Packs/unpacks spans as little-endian uint32 triples/pairs for BLOB columns. */
#endif
