/*
 * cmd_stats.c — `storyline stats`: what the store holds, counted by
 * language, outlet and day, plus the inputs that failed.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../store/store.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"days", "N", "show the N most recent days (default 14, 0 = all)"},
    {"json", NULL, "JSON output"},
    {NULL, NULL, NULL},
};

static long scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q;
    long v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* Runs a two-column (key, count) query into a JSON object, keeping order. */
static json_t *counts(sqlite3 *db, const char *sql, long limit)
{
    json_t *o = json_object();
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return o;
    sqlite3_bind_int64(q, 1, limit ? limit : -1);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *k = sqlite3_column_text(q, 0);
        json_object_set_new(o, k && *k ? (const char *)k : "(unknown)",
                            json_integer(sqlite3_column_int64(q, 1)));
    }
    sqlite3_finalize(q);
    return o;
}

static void print_counts(const char *title, json_t *o)
{
    printf("\n%s:\n", title);
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        printf("  ");
        cli_pad(stdout, k, 32);
        printf(" %6lld\n", (long long)json_integer_value(v));
    }
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    long days = cli_long(cmd, a, "days", 14);
    if (days < 0)
        return EXIT_USAGE;
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    sqlite3 *db = sl_store_db(st);
    long n = scalar(db, "SELECT count(*) FROM articles");
    long errs = scalar(db, "SELECT count(*) FROM ingest_errors");
    long removed = scalar(db, "SELECT coalesce(sum(json_array_length(removed)),0) FROM articles");
    long undated = scalar(db, "SELECT count(*) FROM articles WHERE published IS NULL");
    json_t *by_lang = counts(db,
                             "SELECT lang, count(*) c FROM articles GROUP BY lang"
                             " ORDER BY c DESC, lang LIMIT ?1",
                             0);
    json_t *by_outlet = counts(db,
                               "SELECT outlet, count(*) c FROM articles GROUP BY outlet"
                               " ORDER BY c DESC, outlet LIMIT ?1",
                               0);
    /* an article dated to the month (or year) only counts under "2026-03"
     * (or "2026"), not under a day it does not claim (SL_PREC_YEAR = 1,
     * SL_PREC_MONTH = 2) */
    json_t *by_day = counts(db,
                            "SELECT * FROM (SELECT CASE published_prec"
                            " WHEN 1 THEN strftime('%Y', published, 'unixepoch')"
                            " WHEN 2 THEN strftime('%Y-%m', published, 'unixepoch')"
                            " ELSE date(published, 'unixepoch') END d, count(*)"
                            " FROM articles WHERE published IS NOT NULL GROUP BY d"
                            " ORDER BY d DESC LIMIT ?1) ORDER BY d",
                            days);
    json_t *by_agency = counts(db,
                               "SELECT j.value, count(*) c FROM articles,"
                               " json_each(articles.agencies) j"
                               " GROUP BY j.value ORDER BY c DESC LIMIT ?1",
                               0);
    if (cli_flag(cmd, a, "json")) {
        json_t *o = json_object();
        json_object_set_new(o, "articles", json_integer(n));
        json_object_set_new(o, "undated", json_integer(undated));
        json_object_set_new(o, "removed_lines", json_integer(removed));
        json_object_set_new(o, "ingest_errors", json_integer(errs));
        json_object_set_new(o, "schema_version", json_integer(sl_store_schema_version(st)));
        json_object_set(o, "languages", by_lang);
        json_object_set(o, "outlets", by_outlet);
        json_object_set(o, "agencies", by_agency);
        json_object_set(o, "days", by_day);
        cli_print_json(o, JSON_INDENT(2));
    } else {
        printf("articles:       %ld (%ld without a date)\n", n, undated);
        printf("removed lines:  %ld\n", removed);
        printf("ingest errors:  %ld\n", errs);
        print_counts("languages", by_lang);
        print_counts("outlets", by_outlet);
        if (json_object_size(by_agency))
            print_counts("wire agencies credited", by_agency);
        print_counts(days ? "days (most recent)" : "days", by_day);
    }
    json_decref(by_lang);
    json_decref(by_outlet);
    json_decref(by_day);
    json_decref(by_agency);
    cli_store_close(st, ctx);
    return EXIT_OK;
}

const cli_cmd cmd_stats = {
    "stats", "[--db FILE] [--days N] [--json]",
    "counts of stored articles by language, outlet, agency and day",
    NULL,    opts,
    0,       0,
    run,
};
