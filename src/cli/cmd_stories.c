/*
 * cmd_stories.c — `storyline stories` (a listing, most recently active
 * first) and `storyline story ID` (one story: its articles in time order
 * with their copy groups, and how each got there).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../facts/dates.h"
#include "../store/store.h"
#include "cli.h"

/* ISO time, "-" for none: at precision prec (a date alone for a time known
 * to the day, as `articles` shows it), at most the minute; the minute when
 * prec is unknown (0). */
static void when(int64_t t, int prec, char *out)
{
    cli_time(t, prec > 0 && prec < SL_PREC_MINUTE ? prec : SL_PREC_MINUTE, out);
}

/* Width of a time column: "2026-09-28T07:02Z" (minute precision, the finest
 * `when` prints). */
#define WHEN_W 17

/* SQL: the story's headline. One story has one headline in every view: the
 * headline of its stored digest (story_text, written when `serve` digests the
 * story: the one the API, the web page and the digest show) when there is
 * one, else the clusterer's, chosen by the digest's own rule (dg_title_choose).
 * The API lists stories by the same rule (src/serve/api.c). */
#define HEADLINE "coalesce(t.headline, s.headline)"
#define WITH_TEXT " LEFT JOIN story_text t ON t.story = s.id"

/* SQL: how precisely the articles of story s published at s.END date that
 * end — the finest of their precisions; NULL when none was (an ingest time). */
#define END_PREC(END)                                                                      \
    " (SELECT max(a.published_prec) FROM story_articles sa JOIN articles a ON a.rid = sa.rid" \
    "   WHERE sa.story = s.id AND a.published = s." END ")"

/* ------------------------------------------------------------------ stories */

static const cli_opt list_opts[] = {
    CLI_OPT_DB,
    {"since", "DATE", "only stories active since DATE (ISO 8601 date or time)"},
    {"lang", "CODE", "only stories with an article in this language"},
    {"limit", "N", "at most N stories (default 50, 0 = all)"},
    {"json", NULL, "JSON Lines output, one story per line"},
    {NULL, NULL, NULL},
};

static int run_list(const cli_cmd *cmd, cli_args *a)
{
    long limit = cli_long(cmd, a, "limit", 50);
    if (limit < 0)
        return EXIT_USAGE;
    const char *since = cli_get(cmd, a, "since"), *lang = cli_get(cmd, a, "lang");
    int64_t since_t = SL_TIME_NONE;
    uint8_t prec;
    if (since && !dates_parse_stamp(since, strlen(since), &since_t, &prec))
        return cli_usage_error(cmd, "--since wants an ISO 8601 date, not '%s'", since);
    bool json = cli_flag(cmd, a, "json");
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(
        sl_store_db(st),
        "SELECT s.id, " HEADLINE ", s.n_articles, s.first, s.last,"
        " (SELECT count(DISTINCT a.outlet) FROM story_articles sa JOIN articles a"
        "   ON a.rid = sa.rid WHERE sa.story = s.id),"
        " (SELECT group_concat(lang, ',') FROM (SELECT DISTINCT a.lang AS lang"
        "   FROM story_articles sa JOIN articles a ON a.rid = sa.rid WHERE sa.story = s.id"
        "   ORDER BY a.lang)),"
        END_PREC("first") "," END_PREC("last")
        " FROM stories s" WITH_TEXT " WHERE s.merged_into IS NULL AND (?1 IS NULL OR s.last >= ?1)"
        " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM story_articles sa JOIN articles a"
        "   ON a.rid = sa.rid WHERE sa.story = s.id AND a.lang = ?2))"
        " ORDER BY s.last DESC, s.id DESC LIMIT ?3",
        -1, &q, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "storyline stories: %s\n", sqlite3_errmsg(sl_store_db(st)));
        cli_store_close(st, ctx);
        return EXIT_FAILED;
    }
    if (since)
        sqlite3_bind_int64(q, 1, since_t);
    if (lang)
        sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, limit ? limit : -1);
    if (!json)
        printf("%-7s %-*s %-*s %5s %4s %-8s %s\n", "story", WHEN_W, "first", WHEN_W, "last",
               "arts", "outl", "langs", "headline");
    while (sqlite3_step(q) == SQLITE_ROW) {
        char first[32], last[32];
        when(sqlite3_column_int64(q, 3), sqlite3_column_int(q, 7), first);
        when(sqlite3_column_int64(q, 4), sqlite3_column_int(q, 8), last);
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
            json_object_set_new(o, "headline", json_string(cli_col(q, 1)));
            json_object_set_new(o, "articles", json_integer(sqlite3_column_int64(q, 2)));
            json_object_set_new(o, "outlets", json_integer(sqlite3_column_int64(q, 5)));
            json_t *langs = json_array();
            char *l = strdup(cli_col(q, 6));
            for (char *tok = strtok(l, ","); tok; tok = strtok(NULL, ","))
                json_array_append_new(langs, json_string(tok));
            free(l);
            json_object_set_new(o, "languages", langs);
            json_object_set_new(o, "first", json_string(first));
            json_object_set_new(o, "last", json_string(last));
            cli_print_json(o, JSON_COMPACT);
        } else {
            printf("%-7lld %-*s %-*s %5lld %4lld %-8.8s %s\n",
                   (long long)sqlite3_column_int64(q, 0), WHEN_W, first, WHEN_W, last,
                   (long long)sqlite3_column_int64(q, 2), (long long)sqlite3_column_int64(q, 5),
                   cli_col(q, 6), cli_col(q, 1));
        }
    }
    sqlite3_finalize(q);
    cli_store_close(st, ctx);
    return EXIT_OK;
}

const cli_cmd cmd_stories = {
    "stories",
    "[--db FILE] [--since DATE] [--lang CODE] [--limit N] [--json]",
    "list stories, most recently active first",
    "Columns: story id, time of its first and last article, articles, outlets,\n"
    "languages, headline: the headline of the story's stored digest (`serve` digests\n"
    "every story, as the API, the web page and `story ID --format` show it), else the\n"
    "headline the clusterer chose by the same rule as the digest (a member title, else,\n"
    "when no title passes the rule, the digest's central sentence).\n"
    "A time is shown as precisely as the articles give it: a date alone when they\n"
    "give only the day. Stories merged into another by `storyline recluster` are not listed.",
    list_opts,
    0,
    0,
    run_list,
};

/* ------------------------------------------------------------------ story */

static const cli_opt show_opts[] = {
    CLI_OPT_DB,
    {"json", NULL, "JSON output"},
    {"format", "FMT", "the story's digest instead: text, md, json or html (src/digest)"},
    {"words", "N", "with --format: summary length in words (default 100)"},
    {NULL, NULL, NULL},
};

/* `story ID --format FMT`: the digest (headline, summary with sources,
 * timeline, entities, figures, quotes, sources) rendered by src/digest. */
static int run_digest(const cli_cmd *cmd, cli_args *a, long long id, const char *fmt_name)
{
    sl_format fmt;
    if (!sl_format_parse(fmt_name, &fmt))
        return cli_usage_error(cmd, "unknown format '%s' (text, md, json, html)", fmt_name);
    long words = cli_long(cmd, a, "words", 100);
    if (words <= 0)
        return words < 0 ? EXIT_USAGE : cli_usage_error(cmd, "--words must be at least 1");
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    sl_digest_opts o = {.words = (unsigned)words};
    sl_digest *d = sl_story_digest(ctx, st, id, &o);
    int rc = EXIT_OK;
    if (!d) {
        fprintf(stderr, "storyline story: no story %lld\n", id);
        rc = EXIT_FAILED;
    } else {
        char sid[32];
        snprintf(sid, sizeof sid, "%lld", id);
        char *out = sl_digest_render(d, fmt, sid);
        fputs(out, stdout);
        free(out);
        sl_digest_free(d);
    }
    cli_store_close(st, ctx);
    return rc;
}

static const char *how_name(int how)
{
    static const char *const n[] = {"started", "joined", "copy", "recluster"};
    return how >= 0 && how < 4 ? n[how] : "?";
}

static const char *time_note(int how)
{
    return how == 1 ? "undated" : how == 2 ? "date not trusted" : "";
}

/* Parses "42" or "s42". */
static bool parse_id(const char *s, long long *id)
{
    if (*s == 's')
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return false;
    *id = v;
    return true;
}

static int run_show(const cli_cmd *cmd, cli_args *a)
{
    long long id;
    if (!parse_id(a->pos[0], &id))
        return cli_usage_error(cmd, "a story id is a positive number, not '%s'", a->pos[0]);
    if (cli_get(cmd, a, "format"))
        return run_digest(cmd, a, id, cli_get(cmd, a, "format"));
    bool json = cli_flag(cmd, a, "json");
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    sqlite3 *db = sl_store_db(st);
    sqlite3_stmt *q;
    int rc = EXIT_OK;
    sqlite3_prepare_v2(db,
                       "SELECT s.id, " HEADLINE ", s.n_articles, s.first, s.last, s.merged_into,"
                       END_PREC("first") "," END_PREC("last") " FROM stories s" WITH_TEXT
                       " WHERE s.id = ?1",
                       -1, &q, NULL);
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) != SQLITE_ROW) {
        fprintf(stderr, "storyline story: no story %lld\n", id);
        sqlite3_finalize(q);
        cli_store_close(st, ctx);
        return EXIT_FAILED;
    }
    char first[32], last[32];
    when(sqlite3_column_int64(q, 3), sqlite3_column_int(q, 6), first);
    when(sqlite3_column_int64(q, 4), sqlite3_column_int(q, 7), last);
    long long merged = sqlite3_column_type(q, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64(q, 5);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "headline", json_string(cli_col(q, 1)));
    json_object_set_new(o, "articles", json_integer(sqlite3_column_int64(q, 2)));
    json_object_set_new(o, "first", json_string(first));
    json_object_set_new(o, "last", json_string(last));
    json_object_set_new(o, "merged_into", merged ? json_integer(merged) : json_null());
    if (!json) {
        printf("story %lld: %s\n", id, cli_col(q, 1));
        printf("%lld article%s, %s to %s\n", (long long)sqlite3_column_int64(q, 2),
               sqlite3_column_int64(q, 2) == 1 ? "" : "s", first, last);
        if (merged)
            printf("merged into story %lld by recluster\n", merged);
    }
    sqlite3_finalize(q);

    /* the id column is as wide as the story's longest id (24 at least) */
    int id_w = 24;
    sqlite3_prepare_v2(db,
                       "SELECT max(length(a.id)) FROM story_articles sa JOIN articles a"
                       " ON a.rid = sa.rid WHERE sa.story = ?1",
                       -1, &q, NULL);
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > id_w)
        id_w = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    bool starred = false;

    /* members in time order, with their copy group (the id of its first
     * article) */
    sqlite3_prepare_v2(db,
                       "SELECT a.id, a.outlet, a.lang, a.title, sa.time, sa.time_how, sa.how,"
                       " sa.score, g.id, a.published_prec * (a.published IS sa.time)"
                       " FROM story_articles sa JOIN articles a ON a.rid = sa.rid"
                       " LEFT JOIN copies c ON c.rid = sa.rid LEFT JOIN articles g"
                       " ON g.rid = c.grp WHERE sa.story = ?1 ORDER BY sa.time, sa.rid",
                       -1, &q, NULL);
    sqlite3_bind_int64(q, 1, id);
    json_t *members = json_array();
    json_t *groups = json_object(); /* copy group → member count */
    while (sqlite3_step(q) == SQLITE_ROW) {
        char t[32];
        when(sqlite3_column_int64(q, 4), sqlite3_column_int(q, 9), t);
        int th = sqlite3_column_int(q, 5), how = sqlite3_column_int(q, 6);
        const char *grp = sqlite3_column_type(q, 8) == SQLITE_NULL ? cli_col(q, 0) : cli_col(q, 8);
        json_t *n = json_object_get(groups, grp);
        json_object_set_new(groups, grp, json_integer(n ? json_integer_value(n) + 1 : 1));
        if (json) {
            json_t *m = json_object();
            json_object_set_new(m, "id", json_string(cli_col(q, 0)));
            json_object_set_new(m, "time", json_string(t));
            if (th)
                json_object_set_new(m, "time_note", json_string(time_note(th)));
            json_object_set_new(m, "outlet", json_string(cli_col(q, 1)));
            json_object_set_new(m, "lang", json_string(cli_col(q, 2)));
            json_object_set_new(m, "title", json_string(cli_col(q, 3)));
            json_object_set_new(m, "copy_group", json_string(grp));
            json_object_set_new(m, "how", json_string(how_name(how)));
            json_object_set_new(m, "score", json_real(sqlite3_column_double(q, 7)));
            json_array_append_new(members, m);
        } else {
            printf("  %-*s%s %-3s %-22.22s %-9s %.2f  ", WHEN_W, t, th ? "*" : " ",
                   cli_col(q, 2), cli_col(q, 1), how_name(how), sqlite3_column_double(q, 7));
            cli_pad(stdout, cli_col(q, 0), id_w);
            printf(" %s\n", *cli_col(q, 3) ? cli_col(q, 3) : "(no title)");
            starred |= th != 0;
        }
    }
    sqlite3_finalize(q);
    if (json) {
        json_object_set_new(o, "members", members);
        json_object_set_new(o, "copy_groups", groups);
        cli_print_json(o, JSON_INDENT(2));
    } else {
        printf("copy groups: %zu\n", json_object_size(groups));
        const char *k;
        json_t *v;
        json_object_foreach(groups, k, v)
        {
            if (json_integer_value(v) > 1)
                printf("  %-32s %lld articles\n", k, (long long)json_integer_value(v));
        }
        json_decref(members);
        json_decref(groups);
        json_decref(o);
        if (starred)
            printf("(* time not from the article's date: undated or not trusted)\n");
    }
    cli_store_close(st, ctx);
    return rc;
}

const cli_cmd cmd_story = {
    "story",
    "[--db FILE] [--json | --format FMT] ID",
    "show one story: its articles in time order, with copy groups",
    "Per article: time, language, outlet, how it joined (started the story, joined by\n"
    "score, copy of a member, moved by recluster), its score, id and title. A copy group\n"
    "is named by the id of its first article.",
    show_opts,
    1,
    1,
    run_show,
};
