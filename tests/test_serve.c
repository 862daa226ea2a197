/*
 * test_serve.c — the server's pure parts: token checks, search query
 * building, snippet escaping, routes, times, metrics text. The HTTP side is
 * tested over real sockets by tests/api/run.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/serve/serve.h"
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
