/*
 * test_serve.c — the server's pure parts: token checks, search query
 * building, snippet escaping, routes, times, metrics text, how the writer
 * sees the merges it commits. The HTTP side is
 * tested over real sockets by tests/api/run.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "../src/serve/serve.h"
#include "../src/story/cluster.h"
#include "../src/story/recluster.h"
#include "harness.h"

TEST(serve_auth_accepts_only_the_exact_bearer_token)
{
    const char *tok = "0123456789abcdef-token";
    CHECK(auth_check(tok, "Bearer 0123456789abcdef-token"));
    CHECK(auth_check(tok, "bearer 0123456789abcdef-token")); /* the scheme is case-blind */
    CHECK(!auth_check(tok, "Bearer 0123456789abcdef-tokeN"));
    CHECK(!auth_check(tok, "Bearer 0123456789abcdef-token2"));
    CHECK(!auth_check(tok, "Bearer 0123456789abcdef-toke"));
    CHECK(!auth_check(tok, "Bearer "));
    CHECK(!auth_check(tok, "Basic 0123456789abcdef-token"));
    CHECK(!auth_check(tok, "0123456789abcdef-token"));
    CHECK(!auth_check(tok, ""));
    CHECK(!auth_check(tok, NULL));
    CHECK(!auth_check(NULL, "Bearer x"));
}

TEST(serve_auth_load_wants_a_long_visible_token)
{
    char path[] = "/tmp/sl-token-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("  a-long-enough-token-1234\n", f);
    fclose(f);
    const char *why = "unset";
    char *t = auth_load(path, &why);
    CHECK_STR(t, "a-long-enough-token-1234");
    CHECK(why == NULL);
    free(t);
    f = fopen(path, "w");
    fputs("short\n", f);
    fclose(f);
    t = auth_load(path, &why);
    CHECK(t == NULL);
    CHECK(why != NULL);
    f = fopen(path, "w");
    fputs("has a space in the middle of it\n", f);
    fclose(f);
    CHECK(auth_load(path, &why) == NULL);
    remove(path);
    CHECK(auth_load("/nonexistent/dir/token", &why) == NULL);
    CHECK(why != NULL);
}

static void fts(const char *q, const char *want)
{
    buf b;
    buf_init(&b);
    api_fts_query(q, &b);
    CHECK_STR(b.data ? b.data : "", want);
    buf_free(&b);
}

TEST(serve_fts_query_quotes_every_word)
{
    fts("digue", "\"digue\"*");
    fts("  crue   de la Loire ", "\"crue\" \"de\" \"la\" \"Loire\"*");
    fts("Maison-Rouge", "\"Maison-Rouge\"*");
    /* FTS5 syntax is only words here */
    fts("digue OR NEAR(x)", "\"digue\" \"OR\" \"NEAR(x)\"*");
    fts("say \"hello\"", "\"say\" \"\"\"hello\"\"\"*");
    fts("l'usine", "\"l'usine\"*");
    fts("Zürich Straße", "\"Zürich\" \"Straße\"*");
    fts("( ) * -", "");
    fts("", "");
}

TEST(serve_snippets_are_escaped_with_marks)
{
    buf b;
    buf_init(&b);
    api_snippet_html(&b, "a <b>bold</b> \x02word\x03 & \"q\" 'x'");
    CHECK_STR(b.data, "a &lt;b&gt;bold&lt;/b&gt; <mark>word</mark> &amp; &quot;q&quot; &#39;x&#39;");
    buf_free(&b);
}

TEST(serve_routes)
{
    CHECK_INT(api_route("GET", "/api/stories"), R_STORIES);
    CHECK_INT(api_route("GET", "/api/stories/12"), R_STORY);
    CHECK_INT(api_route("POST", "/api/articles"), R_POST);
    CHECK_INT(api_route("GET", "/api/articles/news/0042"), R_ARTICLE);
    CHECK_INT(api_route("GET", "/api/search"), R_SEARCH);
    CHECK_INT(api_route("GET", "/api/events"), R_EVENTS);
    CHECK_INT(api_route("GET", "/healthz"), R_HEALTH);
    CHECK_INT(api_route("GET", "/metrics"), R_METRICS);
    CHECK_INT(api_route("GET", "/"), R_PAGE);
    CHECK_INT(api_route("GET", "/story/3"), R_PAGE);
    CHECK_INT(api_route("GET", "/app.js"), R_ASSET);
    CHECK_INT(api_route("GET", "/style.css"), R_ASSET);
    CHECK_INT(api_route("GET", "/../etc/passwd"), R_OTHER);
    CHECK_INT(api_route("GET", "/api/"), R_OTHER);
    CHECK_INT(api_route("GET", "/apix"), R_OTHER);
}

TEST(serve_assets_are_embedded)
{
    const asset *a = asset_find("/index.html");
    CHECK(a != NULL);
    if (a) {
        CHECK(strstr(a->ctype, "text/html") != NULL);
        CHECK(a->len > 100);
        CHECK(a->etag[0] == '"');
    }
    CHECK(asset_find("/app.js") != NULL);
    CHECK(asset_find("/style.css") != NULL);
    CHECK(asset_find("/nope.js") == NULL);
    CHECK(asset_find(NULL) == NULL);
}

TEST(serve_times_are_iso_utc)
{
    char t[32];
    api_time(0, t);
    CHECK_STR(t, "1970-01-01T00:00:00Z");
    api_time(1773468600, t); /* 2026-03-14 06:10 UTC */
    CHECK_STR(t, "2026-03-14T06:10:00Z");
    api_time(SL_TIME_NONE, t);
    CHECK_STR(t, "");
}

TEST(serve_metrics_histogram_is_cumulative)
{
    metrics *m = calloc(1, sizeof *m);
    metrics_observe(m, R_STORIES, 200, 0.0004);
    metrics_observe(m, R_STORIES, 200, 0.003);
    metrics_observe(m, R_STORIES, 404, 20.0);
    metrics_observe(m, R_EVENTS, 200, -1); /* counted, no latency */
    buf b;
    buf_init(&b);
    metrics_render(m, 7, 1.5, &b);
    CHECK(strstr(b.data, "storyline_http_requests_total{route=\"stories\",code=\"2xx\"} 2\n"));
    CHECK(strstr(b.data, "storyline_http_requests_total{route=\"stories\",code=\"4xx\"} 1\n"));
    CHECK(strstr(b.data, "storyline_http_requests_total{route=\"events\",code=\"2xx\"} 1\n"));
    CHECK(strstr(b.data, "_bucket{route=\"stories\",le=\"0.0005\"} 1\n"));
    CHECK(strstr(b.data, "_bucket{route=\"stories\",le=\"0.005\"} 2\n"));
    CHECK(strstr(b.data, "_bucket{route=\"stories\",le=\"10\"} 2\n"));
    CHECK(strstr(b.data, "_bucket{route=\"stories\",le=\"+Inf\"} 3\n"));
    CHECK(strstr(b.data, "_count{route=\"stories\"} 3\n"));
    CHECK(strstr(b.data, "route=\"events\",le") == NULL);
    CHECK(strstr(b.data, "storyline_store_version 7\n"));
    CHECK(strstr(b.data, "# TYPE storyline_http_request_duration_seconds histogram\n"));
    buf_free(&b);
    free(m);
}

/* The writer learns of the merges a batch wrote (online merges are written
 * by recluster_apply_merges inside the batch) from a TEMP trigger: each
 * merge committed is taken once, a rolled back one never. */
TEST(serve_merges_are_seen_once_and_not_when_rolled_back)
{
    char path[] = "/tmp/sl-merges-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = sl_store_open(ctx, path);
    CHECK(st != NULL);
    sqlite3 *db = sl_store_db(st);
    CHECK_INT(merges_watch(db), 0);
    CHECK_INT(merges_watch(db), 0); /* twice is harmless */
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO stories (id, first, last, n_articles, updated_at) VALUES"
                           " (1, 0, 0, 1, 0), (2, 0, 0, 1, 0), (3, 0, 0, 1, 0), (4, 0, 0, 1, 0)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    size_t n;
    merged *v = merges_take(db, &n);
    CHECK(v == NULL && n == 0);
    /* a committed batch merging 2 into 1, then 3 into 1 */
    cluster_merge m[2] = {{.gone = 2, .keep = 1}, {.gone = 3, .keep = 1}};
    CHECK_INT(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(recluster_apply_merges(ctx, db, m, 2), 0);
    CHECK_INT(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    v = merges_take(db, &n);
    CHECK_INT(n, 2);
    CHECK(v && v[0].id == 2 && v[0].into == 1 && v[1].id == 3 && v[1].into == 1);
    free(v);
    v = merges_take(db, &n); /* taken once */
    CHECK(v == NULL && n == 0);
    /* a rolled back batch leaves nothing to announce */
    cluster_merge m2 = {.gone = 4, .keep = 1};
    CHECK_INT(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(recluster_apply_merges(ctx, db, &m2, 1), 0);
    CHECK_INT(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    v = merges_take(db, &n);
    CHECK(v == NULL && n == 0);
    /* a story already merged, pointed elsewhere, is not merged again */
    CHECK_INT(sqlite3_exec(db, "UPDATE stories SET merged_into = 4 WHERE id = 2", NULL, NULL,
                           NULL),
              SQLITE_OK);
    v = merges_take(db, &n);
    CHECK(v == NULL && n == 0);
    sl_store_close(st);
    sl_ctx_free(ctx);
    char side[64];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}
