/*
 * cmd_articles.c — `storyline articles` (a listing) and `storyline article
 * ID` (one article: metadata, clean text, sentences, dates, and with
 * --removed the lines cleaning took out and why).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"

static const char *date_source_name(int s)
{
    static const char *const n[] = {"none", "metadata", "text", "ingest"};
    return s >= 0 && s < 4 ? n[s] : "?";
}

/* A publication time for JSON: its text (when), null when there is none. */
static json_t *time_json(int64_t t, const char *when)
{
    return t == SL_TIME_NONE ? json_null() : json_string(when);
}

/* ------------------------------------------------------------------ articles */

static const cli_opt list_opts[] = {
    CLI_OPT_DB,
    {"lang", "CODE", "only articles in this language"},
    {"outlet", "NAME", "only articles of this outlet"},
    {"limit", "N", "at most N articles (default 100, 0 = all)"},
    {"json", NULL, "JSON Lines output, one article per line"},
    {NULL, NULL, NULL},
};

static int run_list(const cli_cmd *cmd, cli_args *a)
{
    long limit = cli_long(cmd, a, "limit", 100);
    if (limit < 0)
        return EXIT_USAGE;
    const char *lang = cli_get(cmd, a, "lang"), *outlet = cli_get(cmd, a, "outlet");
    bool json = cli_flag(cmd, a, "json");
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
#define LIST_ROWS                                                                          \
    " FROM articles WHERE (?1 IS NULL OR lang = ?1) AND (?2 IS NULL OR outlet = ?2)"      \
    " ORDER BY published IS NULL, published, rid LIMIT ?3"
    sqlite3_stmt *q;
    /* the id column is as wide as the longest id listed (32 at least), so
     * that every row's time starts at one column */
    int id_w = 32;
    if (!json) {
        sqlite3_prepare_v2(sl_store_db(st), "SELECT max(n) FROM (SELECT length(id) n" LIST_ROWS ")",
                           -1, &q, NULL);
        if (lang)
            sqlite3_bind_text(q, 1, lang, -1, SQLITE_STATIC);
        if (outlet)
            sqlite3_bind_text(q, 2, outlet, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, limit ? limit : -1);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > id_w)
            id_w = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_prepare_v2(sl_store_db(st),
                       "SELECT id, published, published_prec, lang, outlet, title, agencies,"
                       " length(text), n_tokens" LIST_ROWS,
                       -1, &q, NULL);
    if (lang)
        sqlite3_bind_text(q, 1, lang, -1, SQLITE_STATIC);
    if (outlet)
        sqlite3_bind_text(q, 2, outlet, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, limit ? limit : -1);
    while (sqlite3_step(q) == SQLITE_ROW) {
        char when[32];
        int64_t t = cli_col_time(q, 1);
        cli_time(t, sqlite3_column_int(q, 2), when);
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(cli_col(q, 0)));
            json_object_set_new(o, "published", time_json(t, when));
            json_object_set_new(o, "lang", json_string(cli_col(q, 3)));
            json_object_set_new(o, "outlet", json_string(cli_col(q, 4)));
            json_object_set_new(o, "title", json_string(cli_col(q, 5)));
            json_object_set_new(o, "agencies", json_loads(cli_col(q, 6), 0, NULL));
            json_object_set_new(o, "bytes", json_integer(sqlite3_column_int64(q, 7)));
            json_object_set_new(o, "tokens", json_integer(sqlite3_column_int64(q, 8)));
            cli_print_json(o, JSON_COMPACT);
        } else {
            cli_pad(stdout, cli_col(q, 0), id_w);
            printf(" %-20s %-3s ", when, cli_col(q, 3));
            cli_pad(stdout, cli_col(q, 4), 24);
            printf(" %s\n", cli_col(q, 5));
        }
    }
    sqlite3_finalize(q);
    cli_store_close(st, ctx);
    return EXIT_OK;
}

const cli_cmd cmd_articles = {
    "articles",  "[--db FILE] [--lang CODE] [--outlet NAME] [--limit N] [--json]",
    "list stored articles, oldest first",
    "Columns: id, publication time, language, outlet, title.",
    list_opts,   0,
    0,           run_list,
};

/* ------------------------------------------------------------------ article */

static const cli_opt show_opts[] = {
    CLI_OPT_DB,
    {"removed", NULL, "show the lines cleaning removed, with their reasons"},
    {"sentences", NULL, "show the text one sentence per line"},
    {"json", NULL, "JSON output (always includes removed lines and sentences)"},
    {NULL, NULL, NULL},
};

static json_t *sentences_json(const char *text, size_t len, json_t *spans)
{
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(spans, i, s)
    {
        size_t b = (size_t)json_integer_value(json_array_get(s, 0));
        size_t e = (size_t)json_integer_value(json_array_get(s, 1));
        if (b <= e && e <= len)
            json_array_append_new(out, json_stringn(text + b, e - b));
    }
    return out;
}

static json_t *dates_json(const char *text, size_t len, json_t *dates)
{
    static const char *const kinds[] = {"absolute", "partial", "relative"};
    json_t *out = json_array();
    size_t i;
    json_t *d;
    json_array_foreach(dates, i, d)
    {
        size_t b = (size_t)json_integer_value(json_array_get(d, 0));
        size_t e = (size_t)json_integer_value(json_array_get(d, 1));
        json_t *t = json_array_get(d, 2);
        int prec = (int)json_integer_value(json_array_get(d, 3));
        int kind = (int)json_integer_value(json_array_get(d, 4));
        char when[32] = "-";
        if (json_is_integer(t))
            cli_time(json_integer_value(t), prec, when);
        json_t *o = json_object();
        if (b <= e && e <= len)
            json_object_set_new(o, "text", json_stringn(text + b, e - b));
        json_object_set_new(o, "date", json_is_integer(t) ? json_string(when) : json_null());
        json_object_set_new(o, "kind", json_string(kind >= 0 && kind < 3 ? kinds[kind] : "?"));
        json_object_set_new(o, "confidence", json_real(json_real_value(json_array_get(d, 5))));
        json_array_append_new(out, o);
    }
    return out;
}

static json_t *removed_json(json_t *removed)
{
    json_t *out = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(removed, i, r)
    {
        json_t *o = json_object();
        json_object_set(o, "line", json_array_get(r, 0));
        json_object_set(o, "reason", json_array_get(r, 1));
        json_object_set(o, "text", json_array_get(r, 2));
        json_array_append_new(out, o);
    }
    return out;
}

/* The article's copy group: the group's first article, its size, the
 * closest copy, and the members by publication time (at most 50); NULL
 * when the article is not in the copy index. */
static json_t *copies_json(sl_store *st, long long rid)
{
    sl_copy_info ci;
    if (sl_copy_get(st, rid, &ci) != 0)
        return NULL;
    sqlite3_stmt *q;
    sqlite3_prepare_v2(sl_store_db(st),
                       "SELECT a.id, a.outlet, a.published, a.published_prec, c.jaccard,"
                       " c.containment, c.exact, a.rid, c.rid = ?2, a.rid = ?3"
                       " FROM copies c JOIN articles a ON a.rid = c.rid WHERE c.grp = ?1"
                       " ORDER BY a.published IS NULL, a.published, c.rid LIMIT 50",
                       -1, &q, NULL);
    sqlite3_bind_int64(q, 1, ci.group);
    sqlite3_bind_int64(q, 2, rid);
    sqlite3_bind_int64(q, 3, ci.match);
    json_t *o = json_object(), *members = json_array(), *first = json_null(), *match = json_null();
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_t *m = json_object();
        char when[32];
        int64_t t = cli_col_time(q, 2);
        cli_time(t, sqlite3_column_int(q, 3), when);
        json_object_set_new(m, "id", json_string(cli_col(q, 0)));
        json_object_set_new(m, "outlet", json_string(cli_col(q, 1)));
        json_object_set_new(m, "published", time_json(t, when));
        bool has = sqlite3_column_type(q, 4) != SQLITE_NULL;
        json_object_set_new(m, "jaccard",
                            has ? json_real(sqlite3_column_double(q, 4)) : json_null());
        json_object_set_new(m, "containment",
                            has ? json_real(sqlite3_column_double(q, 5)) : json_null());
        json_object_set_new(m, "exact", json_boolean(sqlite3_column_int(q, 6)));
        json_object_set_new(m, "self", json_boolean(sqlite3_column_int(q, 8)));
        if (sqlite3_column_int64(q, 7) == ci.group)
            first = json_string(cli_col(q, 0));
        if (sqlite3_column_int(q, 9)) {
            json_decref(match);
            match = json_string(cli_col(q, 0));
        }
        json_array_append_new(members, m);
    }
    sqlite3_finalize(q);
    json_object_set_new(o, "group", first);
    json_object_set_new(o, "size", json_integer(ci.size));
    json_object_set_new(o, "match", match);
    json_object_set_new(o, "jaccard", ci.match ? json_real(ci.jaccard) : json_null());
    json_object_set_new(o, "containment", ci.match ? json_real(ci.containment) : json_null());
    json_object_set_new(o, "exact", json_boolean(ci.exact));
    json_object_set_new(o, "members", members);
    return o;
}

static void print_copies(json_t *c)
{
    long long size = (long long)json_integer_value(json_object_get(c, "size"));
    if (size < 2) {
        printf("copies:    none found\n");
        return;
    }
    json_t *match = json_object_get(c, "match");
    printf("copies:    %lld articles carry this text", size);
    if (json_is_string(match))
        printf(" (closest: %s, %s, Jaccard %.2f, containment %.2f)", json_string_value(match),
               json_is_true(json_object_get(c, "exact")) ? "exact" : "near",
               json_real_value(json_object_get(c, "jaccard")),
               json_real_value(json_object_get(c, "containment")));
    printf("\n");
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(c, "members"), i, m)
    {
        if (i == 10) {
            printf("           ... and %lld more (storyline dups)\n", size - 10);
            break;
        }
        json_t *pub = json_object_get(m, "published");
        printf("           %-32s %-17s %s%s\n", json_string_value(json_object_get(m, "id")),
               json_is_string(pub) ? json_string_value(pub) : "-",
               json_string_value(json_object_get(m, "outlet")),
               json_is_true(json_object_get(m, "self")) ? "  (this article)" : "");
    }
}

static int run_show(const cli_cmd *cmd, cli_args *a)
{
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    sqlite3_stmt *q;
    sqlite3_prepare_v2(sl_store_db(st),
                       "SELECT id, outlet, url, title, lang, author, published, published_prec,"
                       " date_source, agencies, text, sents, dates, removed, origin, origin_line,"
                       " format, hash, rid FROM articles WHERE id = ?1",
                       -1, &q, NULL);
    sqlite3_bind_text(q, 1, a->pos[0], -1, SQLITE_STATIC);
    int rc = EXIT_OK;
    if (sqlite3_step(q) != SQLITE_ROW) {
        fprintf(stderr, "storyline article: no article with id '%s'\n", a->pos[0]);
        rc = EXIT_FAILED;
        goto done;
    }
    const char *text = cli_col(q, 10);
    size_t len = (size_t)sqlite3_column_bytes(q, 10);
    int64_t t = cli_col_time(q, 6);
    char when[32];
    cli_time(t, sqlite3_column_int(q, 7), when);
    json_t *agencies = json_loads(cli_col(q, 9), 0, NULL);
    json_t *sents = json_loads(cli_col(q, 11), 0, NULL);
    json_t *dates = json_loads(cli_col(q, 12), 0, NULL);
    json_t *removed = json_loads(cli_col(q, 13), 0, NULL);
    json_t *sj = sentences_json(text, len, sents);
    json_t *dj = dates_json(text, len, dates);
    json_t *rj = removed_json(removed);
    json_t *cj = copies_json(st, sqlite3_column_int64(q, 18));

    if (cli_flag(cmd, a, "json")) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(cli_col(q, 0)));
        json_object_set_new(o, "outlet", json_string(cli_col(q, 1)));
        json_object_set_new(o, "url", json_string(cli_col(q, 2)));
        json_object_set_new(o, "title", json_string(cli_col(q, 3)));
        json_object_set_new(o, "lang", json_string(cli_col(q, 4)));
        json_object_set_new(o, "author", json_string(cli_col(q, 5)));
        json_object_set_new(o, "published", time_json(t, when));
        json_object_set_new(o, "date_source",
                            json_string(date_source_name(sqlite3_column_int(q, 8))));
        json_object_set(o, "agencies", agencies);
        json_object_set_new(o, "text", json_stringn(text, len));
        json_object_set(o, "sentences", sj);
        json_object_set(o, "dates", dj);
        json_object_set(o, "removed", rj);
        json_object_set_new(o, "origin", json_string(cli_col(q, 14)));
        json_object_set_new(o, "origin_line", json_integer(sqlite3_column_int(q, 15)));
        json_object_set_new(o, "format", json_string(cli_col(q, 16)));
        json_object_set_new(o, "hash", json_string(cli_col(q, 17)));
        json_object_set(o, "copies", cj ? cj : json_null());
        cli_print_json(o, JSON_INDENT(2));
    } else {
        printf("%s\n", *cli_col(q, 3) ? cli_col(q, 3) : "(no title)");
        printf("id:        %s\n", cli_col(q, 0));
        printf("outlet:    %s\n", *cli_col(q, 1) ? cli_col(q, 1) : "-");
        if (*cli_col(q, 2))
            printf("url:       %s\n", cli_col(q, 2));
        printf("published: %s (%s)\n", when, date_source_name(sqlite3_column_int(q, 8)));
        printf("language:  %s\n", cli_col(q, 4));
        if (*cli_col(q, 5))
            printf("author:    %s\n", cli_col(q, 5));
        if (json_array_size(agencies)) {
            printf("agencies: ");
            size_t i;
            json_t *v;
            json_array_foreach(agencies, i, v) printf(" %s", json_string_value(v));
            printf("\n");
        }
        printf("source:    %s:%d (%s)\n", cli_col(q, 14), sqlite3_column_int(q, 15),
               cli_col(q, 16));
        if (cj)
            print_copies(cj);
        printf("\n");
        if (cli_flag(cmd, a, "sentences")) {
            size_t i;
            json_t *v;
            json_array_foreach(sj, i, v) printf("%3zu  %s\n", i + 1, json_string_value(v));
        } else {
            fwrite(text, 1, len, stdout);
            printf("\n");
        }
        if (json_array_size(dj)) {
            printf("\ndates mentioned:\n");
            size_t i;
            json_t *v;
            json_array_foreach(dj, i, v)
            {
                json_t *d = json_object_get(v, "date");
                printf("  %-28s %s (%s)\n", json_string_value(json_object_get(v, "text")),
                       json_is_string(d) ? json_string_value(d) : "unresolved",
                       json_string_value(json_object_get(v, "kind")));
            }
        }
        if (cli_flag(cmd, a, "removed")) {
            printf("\nremoved by cleaning (%zu line%s):\n", json_array_size(rj),
                   json_array_size(rj) == 1 ? "" : "s");
            size_t i;
            json_t *v;
            json_array_foreach(rj, i, v)
            {
                printf("  %4lld  %-11s %s\n",
                       (long long)json_integer_value(json_object_get(v, "line")),
                       json_string_value(json_object_get(v, "reason")),
                       json_string_value(json_object_get(v, "text")));
            }
        } else if (json_array_size(rj)) {
            printf("\n(%zu line%s removed by cleaning: --removed shows them)\n",
                   json_array_size(rj), json_array_size(rj) == 1 ? "" : "s");
        }
    }
    json_decref(agencies);
    json_decref(sents);
    json_decref(dates);
    json_decref(removed);
    json_decref(sj);
    json_decref(dj);
    json_decref(rj);
    json_decref(cj);
done:
    sqlite3_finalize(q);
    cli_store_close(st, ctx);
    return rc;
}

const cli_cmd cmd_article = {
    "article", "[--db FILE] [--removed] [--sentences] [--json] ID",
    "show one article: metadata, clean text, dates, removed lines",
    NULL,      show_opts,
    1,         1,
    run_show,
};
