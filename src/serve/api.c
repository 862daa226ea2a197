/*
 * api.c — the read side of the JSON API: stories, one story's digest,
 * articles, search, entities, facets, health and metrics.
 *
 * Each pool thread of the HTTP server gets its own reader (a context, a
 * read-only connection to the store, prepared statements, a response
 * cache) on its first request, kept under a pthread key: readers never
 * share anything, so nothing here locks. The cache maps a request (path and
 * query) to the answer computed at a store version; the writer bumps the
 * version on every commit, which makes every cached answer stale at once.
 * All SQL is static text with bound parameters; optional filters are
 * written as "(?N IS NULL OR ...)".
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../facts/dates.h"
#include "../store/store.h"
#include "../util/json.h"
#include "serve.h"

/* ---------------------------------------------------------------- replies */

void reply_init(reply *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->body);
    r->status = 200;
    r->ctype = "application/json; charset=utf-8";
}

void reply_free(reply *r)
{
    buf_free(&r->body);
    if (r->shared)
        cblob_release(r->shared);
    r->shared = NULL;
    if (r->resp)
        MHD_destroy_response(r->resp);
    r->resp = NULL;
}

void reply_header(reply *r, const char *name, const char *value)
{
    if (r->n_hdr < 4) {
        r->hdr[r->n_hdr][0] = name;
        r->hdr[r->n_hdr][1] = value;
        r->n_hdr++;
    }
}

void reply_error(reply *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->status = status;
    r->ctype = "application/json; charset=utf-8";
    buf_clear(&r->body);
    buf_adds(&r->body, "{\"error\":{\"code\":");
    json_str(&r->body, code);
    buf_adds(&r->body, ",\"message\":");
    json_str(&r->body, msg);
    buf_adds(&r->body, "}}\n");
}

/* ---------------------------------------------------------------- helpers */

void api_time(int64_t t, char *out)
{
    if (t == SL_TIME_NONE) {
        out[0] = 0;
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        out[0] = 0;
        return;
    }
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void add_time(buf *b, const char *key, sqlite3_stmt *q, int col)
{
    buf_printf(b, ",\"%s\":", key);
    if (sqlite3_column_type(q, col) == SQLITE_NULL) {
        buf_adds(b, "null");
        return;
    }
    char t[32];
    api_time(sqlite3_column_int64(q, col), t);
    json_str(b, t);
}

static const char *col(sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    return s ? (const char *)s : "";
}

static void add_str(buf *b, const char *key, const char *v)
{
    buf_printf(b, ",\"%s\":", key);
    json_str(b, v);
}

void api_snippet_html(buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\x02': buf_adds(out, "<mark>"); break;
        case '\x03': buf_adds(out, "</mark>"); break;
        case '<': buf_adds(out, "&lt;"); break;
        case '>': buf_adds(out, "&gt;"); break;
        case '&': buf_adds(out, "&amp;"); break;
        case '"': buf_adds(out, "&quot;"); break;
        case '\'': buf_adds(out, "&#39;"); break;
        default: buf_addc(out, *s);
        }
    }
}

static void add_html(buf *b, const char *key, const char *v)
{
    buf html;
    buf_init(&html);
    api_snippet_html(&html, v);
    add_str(b, key, html.data ? html.data : "");
    buf_free(&html);
}

void api_fts_query(const char *q, buf *out)
{
    buf_clear(out);
    int words = 0;
    const char *p = q;
    size_t last_end = 0; /* where the last word written ends in out */
    while (*p && words < 16) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        bool any = false;
        for (const char *c = w; c < p; c++)
            if ((unsigned char)*c >= 0x80 || isalnum((unsigned char)*c))
                any = true;
        if (!any)
            continue;
        if (words++)
            buf_addc(out, ' ');
        buf_addc(out, '"');
        for (const char *c = w; c < p; c++) {
            if (*c == '"')
                buf_addc(out, '"');
            buf_addc(out, *c);
        }
        buf_addc(out, '"');
        last_end = out->len;
    }
    /* the last word is a prefix: "crue" finds "crues" as one types */
    if (words && last_end == out->len)
        buf_addc(out, '*');
}

/* Is s valid UTF-8 (what may be echoed into JSON)? */
static bool utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

/* A time filter: ISO 8601 date or time, or Unix seconds. */
static bool parse_when(const char *s, int64_t *t)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s && !*end && strlen(s) != 4 && strlen(s) != 8) {
        *t = v;
        return true;
    }
    uint8_t prec;
    return dates_parse_stamp(s, strlen(s), t, &prec);
}

static bool parse_count(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* ---------------------------------------------------------------- readers */

enum {
    Q_STORIES,
    Q_STORY_SOURCES,
    Q_STORY,
    Q_STORY_MEMBERS,
    Q_ARTICLE,
    Q_ARTICLE_STORY,
    Q_ARTICLE_COPY,
    Q_SEARCH_ARTICLES,
    Q_SEARCH_STORIES,
    Q_ENTITIES_TOP,
    Q_ENTITIES_PREFIX,
    Q_LANGS,
    Q_OUTLETS,
    Q__COUNT
};

static const char *const queries[Q__COUNT] = {
    [Q_STORIES] =
        "SELECT s.id, coalesce(t.headline, s.headline), s.n_articles, s.first, s.last,"
        " s.updated_at, t.summary, t.n_articles"
        " FROM stories s LEFT JOIN story_text t ON t.story = s.id"
        " WHERE s.merged_into IS NULL AND s.n_articles > 0"
        " AND (?1 IS NULL OR s.last >= ?1) AND (?2 IS NULL OR s.first <= ?2)"
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM story_articles sa JOIN articles a"
        "   ON a.rid = sa.rid WHERE sa.story = s.id AND a.lang = ?3))"
        " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM story_articles sa JOIN articles a"
        "   ON a.rid = sa.rid WHERE sa.story = s.id AND a.outlet = ?4))"
        " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM story_entities e"
        "   WHERE e.story = s.id AND e.key = ?5))"
        " AND (?6 IS NULL OR s.id IN (SELECT rowid FROM story_fts WHERE story_fts MATCH ?6)"
        "   OR s.id IN (SELECT sa.story FROM articles_fts f JOIN story_articles sa"
        "   ON sa.rid = f.rowid WHERE articles_fts MATCH ?6))"
        " AND (?7 IS NULL OR s.last < ?7 OR (s.last = ?7 AND s.id < ?8))"
        " ORDER BY s.last DESC, s.id DESC LIMIT ?9",
    [Q_STORY_SOURCES] = "SELECT a.outlet, a.lang, count(*) FROM story_articles sa JOIN articles a"
                        " ON a.rid = sa.rid WHERE sa.story = ?1 GROUP BY a.outlet, a.lang"
                        " ORDER BY count(*) DESC, a.outlet",
    [Q_STORY] = "SELECT s.id, coalesce(t.headline, s.headline), s.n_articles, s.first, s.last,"
                " s.updated_at, s.merged_into, t.digest, t.n_articles, t.updated_at"
                " FROM stories s LEFT JOIN story_text t ON t.story = s.id WHERE s.id = ?1",
    [Q_STORY_MEMBERS] =
        "SELECT a.id, a.outlet, a.lang, sa.how, g.id,"
        " (SELECT count(*) FROM copies c2 WHERE c2.grp = c.grp)"
        " FROM story_articles sa JOIN articles a ON a.rid = sa.rid"
        " LEFT JOIN copies c ON c.rid = sa.rid LEFT JOIN articles g ON g.rid = c.grp"
        " WHERE sa.story = ?1 ORDER BY sa.time, sa.rid",
    [Q_ARTICLE] = "SELECT rid, id, outlet, url, title, lang, author, published, published_prec,"
                  " agencies, text, ingested_at, updated_at, format FROM articles WHERE id = ?1",
    [Q_ARTICLE_STORY] = "SELECT story FROM story_articles WHERE rid = ?1",
    [Q_ARTICLE_COPY] = "SELECT g.id, (SELECT count(*) FROM copies c2 WHERE c2.grp = c.grp)"
                       " FROM copies c JOIN articles g ON g.rid = c.grp WHERE c.rid = ?1",
    [Q_SEARCH_ARTICLES] =
        "SELECT a.id, a.title, a.outlet, a.lang, a.published, sa.story,"
        " snippet(articles_fts, 1, char(2), char(3), '…', 18),"
        " highlight(articles_fts, 0, char(2), char(3))"
        " FROM articles_fts JOIN articles a ON a.rid = articles_fts.rowid"
        " LEFT JOIN story_articles sa ON sa.rid = a.rid"
        " WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ?2",
    [Q_SEARCH_STORIES] =
        "SELECT t.story, t.headline, snippet(story_fts, 1, char(2), char(3), '…', 20),"
        " highlight(story_fts, 0, char(2), char(3)), s.n_articles, s.last"
        " FROM story_fts JOIN story_text t ON t.story = story_fts.rowid"
        " JOIN stories s ON s.id = t.story"
        " WHERE story_fts MATCH ?1 AND s.merged_into IS NULL"
        " ORDER BY bm25(story_fts, 3.0, 1.0) LIMIT ?2",
    [Q_ENTITIES_TOP] = "SELECT min(e.name), min(e.kind), count(*), sum(e.articles), e.key"
                       " FROM story_entities e JOIN stories s ON s.id = e.story"
                       " AND s.merged_into IS NULL GROUP BY e.key"
                       " ORDER BY count(*) DESC, sum(e.articles) DESC, e.key LIMIT ?3",
    [Q_ENTITIES_PREFIX] = "SELECT min(e.name), min(e.kind), count(*), sum(e.articles), e.key"
                          " FROM story_entities e JOIN stories s ON s.id = e.story"
                          " AND s.merged_into IS NULL WHERE e.key >= ?1 AND e.key < ?2"
                          " GROUP BY e.key ORDER BY count(*) DESC, sum(e.articles) DESC, e.key"
                          " LIMIT ?3",
    [Q_LANGS] = "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC, lang",
    [Q_OUTLETS] = "SELECT outlet, count(*) FROM articles WHERE outlet != '' GROUP BY outlet"
                  " ORDER BY count(*) DESC, outlet LIMIT 500",
};

typedef struct reader {
    sl_ctx *ctx;
    sl_store *st;
    sqlite3 *db;
    sqlite3_stmt *q[Q__COUNT];
    buf key, fts;
} reader;

void api_reader_free(void *state)
{
    reader *rd = state;
    if (!rd)
        return;
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(rd->q[i]);
    buf_free(&rd->key);
    buf_free(&rd->fts);
    sl_store_close(rd->st);
    sl_ctx_free(rd->ctx);
    free(rd);
}

static void quiet(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    if (sev == SL_ERROR)
        fprintf(stderr, "storyline serve: %s%s%s\n", file ? file : "", file ? ": " : "", msg);
}

/* This thread's reader, opened on first use; NULL when the store cannot be
 * opened. */
static reader *reader_get(server *s)
{
    reader *rd = pthread_getspecific(s->reader_key);
    if (rd)
        return rd;
    rd = calloc(1, sizeof *rd);
    if (!rd)
        abort();
    rd->ctx = sl_ctx_new(quiet, NULL);
    rd->st = sl_store_open(rd->ctx, s->o.db);
    if (!rd->st) {
        sl_ctx_free(rd->ctx);
        free(rd);
        return NULL;
    }
    rd->db = sl_store_db(rd->st);
    sqlite3_exec(rd->db, "PRAGMA query_only=1", NULL, NULL, NULL);
    for (int i = 0; i < Q__COUNT; i++)
        if (sqlite3_prepare_v3(rd->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &rd->q[i],
                               NULL) != SQLITE_OK) {
            fprintf(stderr, "storyline serve: query %d: %s\n", i, sqlite3_errmsg(rd->db));
            api_reader_free(rd);
            return NULL;
        }
    buf_init(&rd->key);
    buf_init(&rd->fts);
    pthread_setspecific(s->reader_key, rd);
    return rd;
}

static sqlite3_stmt *stmt(reader *rd, int i)
{
    sqlite3_reset(rd->q[i]);
    sqlite3_clear_bindings(rd->q[i]);
    return rd->q[i];
}

static bool db_failed(reader *rd, reply *r, int rc)
{
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return false;
    reply_error(r, 500, "store_error", "The store could not be read (%s).",
                sqlite3_errstr(rc));
    (void)rd;
    return true;
}

/* ---------------------------------------------------------------- the cache key */

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    buf *b = cls;
    buf_addc(b, '\x1f');
    buf_adds(b, k);
    buf_addc(b, '=');
    if (v)
        buf_adds(b, v);
    return MHD_YES;
}

/* The request as a cache key: path and every query argument. */
static void cache_key(reader *rd, struct MHD_Connection *c, const char *url)
{
    buf_clear(&rd->key);
    buf_adds(&rd->key, url);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_arg, &rd->key);
}

/* The version an answer of route rt depends on: a story's own changes for
 * a story, any change for everything else. */
static uint64_t answer_version(server *s, route rt, const char *url)
{
    if (rt == R_STORY) {
        char *end;
        long long id = strtoll(url + strlen("/api/stories/"), &end, 10);
        if (id > 0 && !*end)
            return atomic_load(&s->epoch) << 32 |
                   atomic_load(&s->story_gen[(unsigned long long)id % STORY_GENS]);
    }
    return atomic_load(&s->version);
}

/* ---------------------------------------------------------------- stories */

static void story_sources(reader *rd, long long id, buf *b)
{
    sqlite3_stmt *q = stmt(rd, Q_STORY_SOURCES);
    sqlite3_bind_int64(q, 1, id);
    /* outlets by articles carried (GROUP BY outlet, lang: merge the langs) */
    char langs[16][8];
    int n_langs = 0, n_outlets = 0;
    buf outs;
    buf_init(&outs);
    const char *seen[64];
    char *owned[64];
    int n_seen = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *o = col(q, 0), *l = col(q, 1);
        bool dup = false;
        for (int i = 0; i < n_seen && !dup; i++)
            dup = strcmp(seen[i], o) == 0;
        if (!dup && *o) {
            if (n_seen < 64) {
                owned[n_seen] = strdup(o);
                seen[n_seen] = owned[n_seen];
                n_seen++;
            }
            if (n_outlets < 12) {
                buf_adds(&outs, n_outlets ? "," : "");
                json_str(&outs, o);
            }
            n_outlets++;
        }
        bool have = false;
        for (int i = 0; i < n_langs && !have; i++)
            have = strcmp(langs[i], l) == 0;
        if (!have && n_langs < 16 && strlen(l) < 8)
            strcpy(langs[n_langs++], l);
    }
    for (int i = 0; i < n_seen; i++)
        free(owned[i]);
    /* languages in a stable order */
    for (int i = 1; i < n_langs; i++)
        for (int j = i; j > 0 && strcmp(langs[j - 1], langs[j]) > 0; j--) {
            char t[8];
            memcpy(t, langs[j], 8);
            memcpy(langs[j], langs[j - 1], 8);
            memcpy(langs[j - 1], t, 8);
        }
    buf_printf(b, ",\"outlets\":[%s],\"n_outlets\":%d,\"languages\":[", outs.data ? outs.data : "",
               n_outlets);
    for (int i = 0; i < n_langs; i++) {
        buf_adds(b, i ? "," : "");
        json_str(b, langs[i]);
    }
    buf_addc(b, ']');
    buf_free(&outs);
}

static void get_stories(reader *rd, struct MHD_Connection *c, reply *r)
{
    const char *since = arg(c, "since"), *until = arg(c, "until"), *lang = arg(c, "lang"),
               *outlet = arg(c, "outlet"), *entity = arg(c, "entity"), *qs = arg(c, "q"),
               *cursor = arg(c, "cursor"), *lim = arg(c, "limit");
    int64_t t_since = 0, t_until = 0;
    long limit = 20;
    long long c_last = 0, c_id = 0;
    if (since && !parse_when(since, &t_since))
        return reply_error(r, 400, "bad_parameter",
                           "since must be an ISO 8601 date or time, or Unix seconds.");
    if (until && !parse_when(until, &t_until))
        return reply_error(r, 400, "bad_parameter",
                           "until must be an ISO 8601 date or time, or Unix seconds.");
    if (lim && !parse_count(lim, 1, 100, &limit))
        return reply_error(r, 400, "bad_parameter", "limit must be a number from 1 to 100.");
    if (cursor) {
        char *end;
        c_last = strtoll(cursor, &end, 10);
        if (end == cursor || *end != '_' || !end[1])
            return reply_error(r, 400, "bad_cursor", "The cursor is not one this API gave.");
        const char *idp = end + 1;
        c_id = strtoll(idp, &end, 10);
        if (*end || c_id <= 0)
            return reply_error(r, 400, "bad_cursor", "The cursor is not one this API gave.");
    }
    char ekey[256];
    if (entity && sl_fact_key(entity, ekey, sizeof ekey) == 0)
        return reply_error(r, 400, "bad_parameter", "entity must name someone or something.");
    if (qs) {
        api_fts_query(qs, &rd->fts);
        if (!rd->fts.len)
            return reply_error(r, 400, "bad_parameter", "q must contain a word.");
    }
    sqlite3_stmt *q = stmt(rd, Q_STORIES);
    if (since)
        sqlite3_bind_int64(q, 1, t_since);
    if (until)
        sqlite3_bind_int64(q, 2, t_until);
    if (lang)
        sqlite3_bind_text(q, 3, lang, -1, SQLITE_TRANSIENT);
    if (outlet)
        sqlite3_bind_text(q, 4, outlet, -1, SQLITE_TRANSIENT);
    if (entity)
        sqlite3_bind_text(q, 5, ekey, -1, SQLITE_TRANSIENT);
    if (qs)
        sqlite3_bind_text(q, 6, rd->fts.data, (int)rd->fts.len, SQLITE_TRANSIENT);
    if (cursor) {
        sqlite3_bind_int64(q, 7, c_last);
        sqlite3_bind_int64(q, 8, c_id);
    }
    sqlite3_bind_int64(q, 9, limit + 1);
    /* rows first (the per-story statement resets nothing of this one) */
    typedef struct row {
        long long id, n, first, last, updated, digested;
        char *headline, *summary;
        bool has_summary;
    } row;
    row rows[101];
    int n = 0, rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && n < limit + 1) {
        row *w = &rows[n++];
        w->id = sqlite3_column_int64(q, 0);
        w->headline = strdup(col(q, 1));
        w->n = sqlite3_column_int64(q, 2);
        w->first = sqlite3_column_int64(q, 3);
        w->last = sqlite3_column_int64(q, 4);
        w->updated = sqlite3_column_int64(q, 5);
        w->has_summary = sqlite3_column_type(q, 6) != SQLITE_NULL;
        w->summary = strdup(col(q, 6));
        w->digested = sqlite3_column_int64(q, 7);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        for (int i = 0; i < n; i++)
            free(rows[i].headline), free(rows[i].summary);
        if (qs)
            return reply_error(r, 400, "bad_query", "The search words could not be used.");
        db_failed(rd, r, rc);
        return;
    }
    buf *b = &r->body;
    buf_adds(b, "{\"stories\":[");
    int shown = n > limit ? (int)limit : n;
    for (int i = 0; i < shown; i++) {
        row *w = &rows[i];
        char t[32];
        buf_printf(b, "%s{\"id\":%lld", i ? "," : "", w->id);
        add_str(b, "headline", w->headline);
        add_str(b, "summary", w->summary);
        buf_printf(b, ",\"articles\":%lld", w->n);
        story_sources(rd, w->id, b);
        api_time(w->first, t);
        add_str(b, "first", t);
        api_time(w->last, t);
        add_str(b, "last", t);
        api_time(w->updated, t);
        add_str(b, "updated", t);
        add_str(b, "digest",
                !w->has_summary ? "pending" : w->digested == w->n ? "fresh" : "stale");
        buf_addc(b, '}');
    }
    buf_adds(b, "],\"next_cursor\":");
    if (n > limit)
        buf_printf(b, "\"%lld_%lld\"", rows[limit - 1].last, rows[limit - 1].id);
    else
        buf_adds(b, "null");
    buf_printf(b, ",\"count\":%d}\n", shown);
    for (int i = 0; i < n; i++)
        free(rows[i].headline), free(rows[i].summary);
}

/* Digest of a story that has none stored yet: computed here, not kept (the
 * writer stores it when its turn comes). */
static char *digest_now(reader *rd, long long id)
{
    sl_digest *d = sl_story_digest(rd->ctx, rd->st, id, NULL);
    if (!d)
        return NULL;
    char sid[32];
    snprintf(sid, sizeof sid, "%lld", id);
    char *json = sl_digest_render(d, SL_FORMAT_JSON, sid);
    sl_digest_free(d);
    return json;
}

static bool parse_id(const char *s, long long *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || !isdigit((unsigned char)*s))
        return false;
    *id = v;
    return true;
}

static void story_members(reader *rd, long long id, buf *b)
{
    static const char *const how[] = {"started", "joined", "copy", "recluster"};
    sqlite3_stmt *q = stmt(rd, Q_STORY_MEMBERS);
    sqlite3_bind_int64(q, 1, id);
    buf_adds(b, ",\"members\":[");
    int i = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        buf_adds(b, i++ ? ",{" : "{");
        buf_adds(b, "\"id\":");
        json_str(b, col(q, 0));
        add_str(b, "outlet", col(q, 1));
        add_str(b, "lang", col(q, 2));
        int h = sqlite3_column_int(q, 3);
        add_str(b, "how", h >= 0 && h < 4 ? how[h] : "");
        if (sqlite3_column_type(q, 4) != SQLITE_NULL) {
            add_str(b, "copy_group", col(q, 4));
            buf_printf(b, ",\"copies\":%lld", (long long)sqlite3_column_int64(q, 5));
        }
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

static void get_story(reader *rd, const char *idstr, reply *r)
{
    long long id;
    if (strchr(idstr, '/'))
        return reply_error(r, 404, "not_found", "Nothing is here."); /* /api/stories/1/x */
    if (!parse_id(idstr, &id))
        return reply_error(r, 404, "not_found", "A story id is a positive number.");
    sqlite3_stmt *q = stmt(rd, Q_STORY);
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE)
        return reply_error(r, 404, "not_found", "There is no story %lld.", id);
    if (db_failed(rd, r, rc))
        return;
    buf *b = &r->body;
    buf_printf(b, "{\"id\":%lld", id);
    add_str(b, "headline", col(q, 1));
    long long n = sqlite3_column_int64(q, 2);
    buf_printf(b, ",\"articles\":%lld", n);
    add_time(b, "first", q, 3);
    add_time(b, "last", q, 4);
    add_time(b, "updated", q, 5);
    if (sqlite3_column_type(q, 6) == SQLITE_NULL)
        buf_adds(b, ",\"merged_into\":null");
    else
        buf_printf(b, ",\"merged_into\":%lld", (long long)sqlite3_column_int64(q, 6));
    bool stored = sqlite3_column_type(q, 7) != SQLITE_NULL;
    char *digest = stored ? strdup(col(q, 7)) : NULL;
    long long digested = sqlite3_column_int64(q, 8);
    sqlite3_reset(q);
    if (!digest)
        digest = digest_now(rd, id);
    add_str(b, "digest_state", !stored ? "computed" : digested == n ? "fresh" : "stale");
    story_members(rd, id, b);
    buf_adds(b, ",\"digest\":");
    if (digest) {
        size_t k = strlen(digest);
        while (k && (digest[k - 1] == '\n' || digest[k - 1] == ' '))
            k--;
        buf_add(b, digest, k);
    } else {
        buf_adds(b, "null");
    }
    buf_adds(b, "}\n");
    free(digest);
}

/* ---------------------------------------------------------------- articles */

static void get_article(reader *rd, const char *id, reply *r)
{
    if (!*id)
        return reply_error(r, 404, "not_found", "An article id is needed after /api/articles/.");
    sqlite3_stmt *q = stmt(rd, Q_ARTICLE);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE)
        return reply_error(r, 404, "not_found", "There is no article with this id.");
    if (db_failed(rd, r, rc))
        return;
    long long rid = sqlite3_column_int64(q, 0);
    buf *b = &r->body;
    buf_adds(b, "{\"id\":");
    json_str(b, col(q, 1));
    buf_printf(b, ",\"rid\":%lld", rid);
    add_str(b, "outlet", col(q, 2));
    add_str(b, "url", col(q, 3));
    add_str(b, "title", col(q, 4));
    add_str(b, "lang", col(q, 5));
    add_str(b, "author", col(q, 6));
    add_time(b, "published", q, 7);
    static const char *const precs[] = {"none", "year", "month", "day", "minute", "second"};
    int p = sqlite3_column_int(q, 8);
    add_str(b, "published_precision", p >= 0 && p < 6 ? precs[p] : "none");
    /* agencies is a JSON array written by the store itself */
    json_error_t err;
    json_t *ag = json_loads(col(q, 9), 0, &err);
    char *ags = ag && json_is_array(ag) ? json_dumps(ag, JSON_COMPACT) : NULL;
    buf_printf(b, ",\"agencies\":%s", ags ? ags : "[]");
    free(ags);
    json_decref(ag);
    add_str(b, "text", col(q, 10));
    add_time(b, "ingested", q, 11);
    add_time(b, "updated", q, 12);
    add_str(b, "format", col(q, 13));
    sqlite3_reset(q);
    q = stmt(rd, Q_ARTICLE_STORY);
    sqlite3_bind_int64(q, 1, rid);
    if (sqlite3_step(q) == SQLITE_ROW)
        buf_printf(b, ",\"story\":%lld", (long long)sqlite3_column_int64(q, 0));
    else
        buf_adds(b, ",\"story\":null");
    q = stmt(rd, Q_ARTICLE_COPY);
    sqlite3_bind_int64(q, 1, rid);
    if (sqlite3_step(q) == SQLITE_ROW) {
        add_str(b, "copy_group", col(q, 0));
        buf_printf(b, ",\"copies\":%lld", (long long)sqlite3_column_int64(q, 1));
    } else {
        buf_adds(b, ",\"copy_group\":null,\"copies\":1");
    }
    buf_adds(b, "}\n");
}

/* ---------------------------------------------------------------- search */

/* pending: articles not in the full-text index yet (they cannot be found;
 * the answer says how many). */
static void get_search(reader *rd, struct MHD_Connection *c, long long pending, reply *r)
{
    const char *qs = arg(c, "q"), *lim = arg(c, "limit");
    long limit = 20;
    if (!qs)
        return reply_error(r, 400, "missing_parameter", "Say what to search for with ?q=.");
    if (!utf8_ok(qs))
        return reply_error(r, 400, "bad_parameter", "q must be UTF-8 text.");
    if (lim && !parse_count(lim, 1, 50, &limit))
        return reply_error(r, 400, "bad_parameter", "limit must be a number from 1 to 50.");
    api_fts_query(qs, &rd->fts);
    if (!rd->fts.len)
        return reply_error(r, 400, "bad_parameter", "q must contain a word.");
    buf *b = &r->body;
    buf_adds(b, "{\"query\":");
    json_str(b, qs);
    buf_adds(b, ",\"stories\":[");
    sqlite3_stmt *q = stmt(rd, Q_SEARCH_STORIES);
    sqlite3_bind_text(q, 1, rd->fts.data, (int)rd->fts.len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, limit < 10 ? limit : 10);
    int i = 0, rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        buf_printf(b, "%s{\"id\":%lld", i++ ? "," : "", (long long)sqlite3_column_int64(q, 0));
        add_str(b, "headline", col(q, 1));
        add_html(b, "headline_html", col(q, 3));
        add_html(b, "snippet_html", col(q, 2));
        buf_printf(b, ",\"articles\":%lld", (long long)sqlite3_column_int64(q, 4));
        add_time(b, "last", q, 5);
        buf_addc(b, '}');
    }
    if (rc != SQLITE_DONE) {
        buf_clear(b);
        return reply_error(r, 400, "bad_query", "The search words could not be used.");
    }
    buf_adds(b, "],\"articles\":[");
    q = stmt(rd, Q_SEARCH_ARTICLES);
    sqlite3_bind_text(q, 1, rd->fts.data, (int)rd->fts.len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, limit);
    i = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        buf_adds(b, i++ ? ",{\"id\":" : "{\"id\":");
        json_str(b, col(q, 0));
        add_str(b, "title", col(q, 1));
        add_html(b, "title_html", col(q, 7));
        add_str(b, "outlet", col(q, 2));
        add_str(b, "lang", col(q, 3));
        add_time(b, "published", q, 4);
        if (sqlite3_column_type(q, 5) == SQLITE_NULL)
            buf_adds(b, ",\"story\":null");
        else
            buf_printf(b, ",\"story\":%lld", (long long)sqlite3_column_int64(q, 5));
        add_html(b, "snippet_html", col(q, 6));
        buf_addc(b, '}');
    }
    if (rc != SQLITE_DONE) {
        buf_clear(b);
        return reply_error(r, 400, "bad_query", "The search words could not be used.");
    }
    buf_printf(b, "],\"index_pending\":%lld}\n", pending);
}

/* ---------------------------------------------------------------- entities, facets */

static void get_entities(reader *rd, struct MHD_Connection *c, reply *r)
{
    const char *qs = arg(c, "q"), *lim = arg(c, "limit");
    long limit = 20;
    if (lim && !parse_count(lim, 1, 100, &limit))
        return reply_error(r, 400, "bad_parameter", "limit must be a number from 1 to 100.");
    char key[256];
    size_t kl = qs ? sl_fact_key(qs, key, sizeof key - 1) : 0;
    sqlite3_stmt *q;
    if (kl) {
        q = stmt(rd, Q_ENTITIES_PREFIX);
        sqlite3_bind_text(q, 1, key, (int)kl, SQLITE_TRANSIENT);
        key[kl] = '\xff'; /* every key with this prefix sorts below prefix + 0xFF */
        sqlite3_bind_text(q, 2, key, (int)kl + 1, SQLITE_TRANSIENT);
    } else {
        q = stmt(rd, Q_ENTITIES_TOP);
    }
    sqlite3_bind_int64(q, 3, limit);
    buf *b = &r->body;
    buf_adds(b, "{\"entities\":[");
    int i = 0, rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        buf_adds(b, i++ ? ",{\"name\":" : "{\"name\":");
        json_str(b, col(q, 0));
        add_str(b, "kind", sl_entity_kind_name(sqlite3_column_int(q, 1)));
        buf_printf(b, ",\"stories\":%lld,\"articles\":%lld", (long long)sqlite3_column_int64(q, 2),
                   (long long)sqlite3_column_int64(q, 3));
        add_str(b, "key", col(q, 4));
        buf_addc(b, '}');
    }
    if (db_failed(rd, r, rc))
        return;
    buf_adds(b, "]}\n");
}

static void get_facets(reader *rd, reply *r)
{
    buf *b = &r->body;
    buf_adds(b, "{\"languages\":[");
    sqlite3_stmt *q = stmt(rd, Q_LANGS);
    int i = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        buf_adds(b, i++ ? ",{\"code\":" : "{\"code\":");
        json_str(b, col(q, 0));
        buf_printf(b, ",\"articles\":%lld}", (long long)sqlite3_column_int64(q, 1));
    }
    buf_adds(b, "],\"outlets\":[");
    q = stmt(rd, Q_OUTLETS);
    i = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        buf_adds(b, i++ ? ",{\"name\":" : "{\"name\":");
        json_str(b, col(q, 0));
        buf_printf(b, ",\"articles\":%lld}", (long long)sqlite3_column_int64(q, 1));
    }
    buf_adds(b, "]}\n");
}

/* ---------------------------------------------------------------- health, metrics */

static void get_health(server *s, reader *rd, reply *r)
{
    int rc = sqlite3_exec(rd->db, "SELECT 1", NULL, NULL, NULL);
    bool ok = rc == SQLITE_OK;
    metrics *m = &s->m;
    r->status = ok ? 200 : 503;
    buf_printf(&r->body,
               "{\"status\":\"%s\",\"version\":\"%s\",\"articles\":%lld,\"stories\":%lld,"
               "\"store_version\":%llu,\"writer_queue\":%lld,\"digests_pending\":%lld,"
               "\"sse_clients\":%lld,\"search_pending\":%lld,\"uptime\":%.0f,\"writes\":%s}\n",
               ok ? "ok" : "store_unreadable", SL_VERSION, (long long)atomic_load(&m->articles),
               (long long)atomic_load(&m->stories), (unsigned long long)atomic_load(&s->version),
               (long long)atomic_load(&m->queue), (long long)atomic_load(&m->pending_digests),
               (long long)atomic_load(&m->sse_clients),
               (long long)atomic_load(&m->search_backlog), serve_now() - s->t0,
               s->o.token ? "true" : "false");
}

/* ---------------------------------------------------------------- routing */

route api_route(const char *method, const char *url)
{
    (void)method;
    if (strncmp(url, "/api/", 5) == 0) {
        const char *p = url + 5;
        if (!strcmp(p, "articles"))
            return R_POST;
        if (!strncmp(p, "articles/", 9))
            return R_ARTICLE;
        if (!strcmp(p, "stories"))
            return R_STORIES;
        if (!strncmp(p, "stories/", 8))
            return R_STORY;
        if (!strcmp(p, "search"))
            return R_SEARCH;
        if (!strcmp(p, "entities"))
            return R_ENTITIES;
        if (!strcmp(p, "facets"))
            return R_FACETS;
        if (!strcmp(p, "events"))
            return R_EVENTS;
        if (!strcmp(p, "recluster"))
            return R_RECLUSTER;
        return R_OTHER;
    }
    if (!strcmp(url, "/healthz"))
        return R_HEALTH;
    if (!strcmp(url, "/metrics"))
        return R_METRICS;
    if (!strcmp(url, "/") || !strcmp(url, "/index.html") || !strncmp(url, "/story/", 7) ||
        !strncmp(url, "/article/", 9) || !strcmp(url, "/search"))
        return R_PAGE;
    if (asset_find(url))
        return R_ASSET;
    return R_OTHER;
}

void api_get(server *s, struct MHD_Connection *conn, route rt, const char *url, reply *r)
{
    if (rt == R_METRICS) {
        r->ctype = "text/plain; version=0.0.4; charset=utf-8";
        r->no_cache = true;
        metrics_render(&s->m, atomic_load(&s->version), serve_now() - s->t0, &r->body);
        return;
    }
    reader *rd = reader_get(s);
    if (!rd)
        return reply_error(r, 503, "store_unavailable", "The store cannot be opened.");
    if (rt == R_HEALTH) {
        r->no_cache = true;
        return get_health(s, rd, r);
    }
    uint64_t version = answer_version(s, rt, url);
    cache_key(rd, conn, url);
    bool claimed;
    cblob *b = rcache_get(s->cache, rd->key.data, rd->key.len, version, &claimed);
    if (b) {
        atomic_fetch_add_explicit(&s->m.cache_hits, 1, memory_order_relaxed);
        r->shared = b;
        r->status = b->status;
        return;
    }
    atomic_fetch_add_explicit(&s->m.cache_misses, 1, memory_order_relaxed);
    switch (rt) {
    case R_STORIES: get_stories(rd, conn, r); break;
    case R_STORY: get_story(rd, url + strlen("/api/stories/"), r); break;
    case R_ARTICLE: get_article(rd, url + strlen("/api/articles/"), r); break;
    case R_SEARCH: get_search(rd, conn, (long long)atomic_load(&s->m.search_backlog), r); break;
    case R_ENTITIES: get_entities(rd, conn, r); break;
    case R_FACETS: get_facets(rd, r); break;
    default: reply_error(r, 404, "not_found", "Nothing is here."); break;
    }
    /* A statement left on a row keeps its read transaction open, and the
     * connection would go on seeing the store as it was: reset them all. */
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_reset(rd->q[i]);
    bool keep = r->status == 200;
    cblob *nb = rcache_put(s->cache, rd->key.data, rd->key.len, version, claimed, r->status,
                           keep ? r->body.data : NULL, r->body.len);
    cblob_release(nb);
}
