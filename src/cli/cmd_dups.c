/*
 * cmd_dups.c — `storyline dups`: the copy groups of the store (articles
 * that are the same underlying text), largest first, with their members,
 * outlets and similarity; `--reindex` rebuilds the copy index from the
 * stored texts, optionally with other parameters.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dedup/copies.h"
#include "../store/store.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"min-size", "N", "only groups of at least N articles (default 2)"},
    {"limit", "N", "at most N groups (default 100, 0 = all)"},
    {"json", NULL, "JSON Lines output, one group per line"},
    {"reindex", NULL, "rebuild the copy index from the stored texts, then list"},
    {"params", "LIST", "with --reindex: parameters, e.g. \"jaccard=0.6 containment=0.85\""},
    {NULL, NULL, NULL},
};

static int reindex(const cli_cmd *cmd, cli_args *a, sl_ctx *ctx, sl_store *st)
{
    dedup_params p;
    if (copies_params(st, &p) != 0)
        dedup_params_default(&p);
    const char *given = cli_get(cmd, a, "params");
    if (given && dedup_params_parse(&p, given) != 0)
        return cli_usage_error(cmd,
                               "--params: bad parameter list '%s' (keys: k, mode, bins,"
                               " bands, rows, jaccard, containment, min_contain)",
                               given);
    long n = 0;
    if (copies_reindex(ctx, st, &p, 1000, &n) != 0)
        return EXIT_FAILED;
    char text[256];
    dedup_params_format(&p, text, sizeof text);
    fprintf(stderr, "reindexed %ld article%s (%s)\n", n, n == 1 ? "" : "s", text);
    return EXIT_OK;
}

/* One group: its members by publication time, each with its closest copy. */
static json_t *group_json(sqlite3 *db, long long grp)
{
    sqlite3_stmt *q;
    sqlite3_prepare_v2(db,
                       "SELECT a.id, a.outlet, a.published, a.published_prec, a.title,"
                       " c.jaccard, c.containment, c.exact, m.id FROM copies c"
                       " JOIN articles a ON a.rid = c.rid"
                       " LEFT JOIN articles m ON m.rid = c.match_rid"
                       " WHERE c.grp = ?1 ORDER BY a.published IS NULL, a.published, c.rid",
                       -1, &q, NULL);
    sqlite3_bind_int64(q, 1, grp);
    json_t *members = json_array(), *outlets = json_array();
    double jsum = 0;
    int jn = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_t *m = json_object();
        char when[32];
        int64_t t = cli_col_time(q, 2);
        cli_time(t, sqlite3_column_int(q, 3), when);
        json_object_set_new(m, "id", json_string(cli_col(q, 0)));
        json_object_set_new(m, "outlet", json_string(cli_col(q, 1)));
        json_object_set_new(m, "published", t == SL_TIME_NONE ? json_null() : json_string(when));
        json_object_set_new(m, "title", json_string(cli_col(q, 4)));
        bool has = sqlite3_column_type(q, 8) != SQLITE_NULL;
        json_object_set_new(m, "match", has ? json_string(cli_col(q, 8)) : json_null());
        json_object_set_new(m, "jaccard",
                            has ? json_real(sqlite3_column_double(q, 5)) : json_null());
        json_object_set_new(m, "containment",
                            has ? json_real(sqlite3_column_double(q, 6)) : json_null());
        json_object_set_new(m, "exact", json_boolean(sqlite3_column_int(q, 7)));
        if (has) {
            jsum += sqlite3_column_double(q, 5);
            jn++;
        }
        bool seen = false;
        size_t i;
        json_t *o;
        json_array_foreach(outlets, i, o) seen |= strcmp(json_string_value(o), cli_col(q, 1)) == 0;
        if (!seen && *cli_col(q, 1))
            json_array_append_new(outlets, json_string(cli_col(q, 1)));
        json_array_append_new(members, m);
    }
    sqlite3_finalize(q);
    json_t *g = json_object();
    json_t *first = json_array_get(members, 0);
    json_object_set(g, "group", first ? json_object_get(first, "id") : json_null());
    json_object_set_new(g, "size", json_integer((json_int_t)json_array_size(members)));
    json_object_set_new(g, "outlets", outlets);
    json_object_set_new(g, "mean_jaccard", json_real(jn ? jsum / jn : 0));
    json_object_set_new(g, "members", members);
    return g;
}

/* A group as text, the id column id_w wide; "(no title)" for an untitled
 * member, as `articles` and `story` say. */
static void print_group(json_t *g, int id_w)
{
    json_t *members = json_object_get(g, "members");
    size_t i;
    json_t *m;
    printf("%s  %lld articles, %zu outlet%s, mean Jaccard %.2f\n",
           json_string_value(json_object_get(g, "group")),
           (long long)json_integer_value(json_object_get(g, "size")),
           json_array_size(json_object_get(g, "outlets")),
           json_array_size(json_object_get(g, "outlets")) == 1 ? "" : "s",
           json_real_value(json_object_get(g, "mean_jaccard")));
    json_array_foreach(members, i, m)
    {
        json_t *pub = json_object_get(m, "published");
        json_t *match = json_object_get(m, "match");
        char sim[64] = "";
        if (json_is_string(match))
            snprintf(sim, sizeof sim, "%s J=%.2f C=%.2f",
                     json_is_true(json_object_get(m, "exact")) ? "exact" : "near ",
                     json_real_value(json_object_get(m, "jaccard")),
                     json_real_value(json_object_get(m, "containment")));
        const char *title = json_string_value(json_object_get(m, "title"));
        printf("  ");
        cli_pad(stdout, json_string_value(json_object_get(m, "id")), id_w);
        printf(" %-20s ", json_is_string(pub) ? json_string_value(pub) : "-");
        cli_pad(stdout, json_string_value(json_object_get(m, "outlet")), 24);
        printf(" %-22s %s\n", sim, title && *title ? title : "(no title)");
    }
}

static int list(const cli_cmd *cmd, cli_args *a, sl_store *st)
{
    long min = cli_long(cmd, a, "min-size", 2), limit = cli_long(cmd, a, "limit", 100);
    if (min < 0 || limit < 0)
        return EXIT_USAGE;
    bool json = cli_flag(cmd, a, "json");
    sqlite3 *db = sl_store_db(st);
    sqlite3_stmt *q;
#define LISTED_GROUPS                                                                          \
    "SELECT grp, count(*) AS n FROM copies GROUP BY grp HAVING n >= ?1"                          \
    " ORDER BY n DESC, grp LIMIT ?2"
    /* the id column is as wide as the longest id listed (32 at least), so
     * that every member's time starts at one column */
    int id_w = 32;
    if (!json) {
        sqlite3_prepare_v2(db,
                           "SELECT max(length(a.id)) FROM copies c JOIN articles a"
                           " ON a.rid = c.rid WHERE c.grp IN (SELECT grp FROM (" LISTED_GROUPS
                           "))",
                           -1, &q, NULL);
        sqlite3_bind_int64(q, 1, min);
        sqlite3_bind_int64(q, 2, limit ? limit : -1);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > id_w)
            id_w = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_prepare_v2(db, LISTED_GROUPS, -1, &q, NULL);
    sqlite3_bind_int64(q, 1, min);
    sqlite3_bind_int64(q, 2, limit ? limit : -1);
    long shown = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_t *g = group_json(db, sqlite3_column_int64(q, 0));
        if (json) {
            cli_print_json(g, JSON_COMPACT | JSON_REAL_PRECISION(4));
        } else {
            if (shown)
                printf("\n");
            print_group(g, id_w);
            json_decref(g);
        }
        shown++;
    }
    sqlite3_finalize(q);
    if (!json) {
        sqlite3_prepare_v2(db,
                           "SELECT count(*), coalesce(sum(n), 0),"
                           " (SELECT count(*) FROM articles) - (SELECT count(*) FROM copies)"
                           " FROM (SELECT count(*) AS n FROM copies GROUP BY grp HAVING n >= 2)",
                           -1, &q, NULL);
        if (sqlite3_step(q) == SQLITE_ROW) {
            long long groups = sqlite3_column_int64(q, 0), missing = sqlite3_column_int64(q, 2);
            fprintf(stderr, "%lld copy group%s of 2 or more, %lld articles in them%s\n", groups,
                    groups == 1 ? "" : "s", sqlite3_column_int64(q, 1),
                    shown < groups ? " (--limit)" : "");
            if (missing > 0)
                fprintf(stderr,
                        "%lld stored article%s not in the copy index: `storyline dups"
                        " --reindex` indexes them\n",
                        missing, missing == 1 ? " is" : "s are");
        }
        sqlite3_finalize(q);
    }
    return EXIT_OK;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    if (cli_get(cmd, a, "params") && !cli_flag(cmd, a, "reindex"))
        return cli_usage_error(cmd, "--params only goes with --reindex");
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    int rc = EXIT_OK;
    if (cli_flag(cmd, a, "reindex"))
        rc = reindex(cmd, a, ctx, st);
    if (rc == EXIT_OK)
        rc = list(cmd, a, st);
    cli_store_close(st, ctx);
    return rc;
}

const cli_cmd cmd_dups = {
    "dups",
    "[--db FILE] [--min-size N] [--limit N] [--json] [--reindex [--params LIST]]",
    "list copy groups: articles carrying the same underlying text",
    "A copy group holds an agency dispatch and its republications: exact copies (same\n"
    "normalised text) and near copies (word 5-shingle Jaccard >= 0.5, or >= 0.6 of the\n"
    "shorter inside the longer). Groups come largest first; each member shows its\n"
    "closest copy's similarity (J: Jaccard, C: containment). The index is built while\n"
    "ingesting; --reindex rebuilds it from the stored texts (after changing --params,\n"
    "or for articles stored before it existed).",
    opts,
    0,
    0,
    run,
};
