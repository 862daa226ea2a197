/*
 * metrics.c — what the server counts, and its Prometheus text rendering.
 *
 * Every counter is a relaxed atomic bumped by whichever thread sees the
 * event: no lock on the request path. Latencies go into a fixed histogram
 * per route (bucket bounds below, in seconds); the rendering turns the
 * per-bucket counts into Prometheus' cumulative ones.
 */
#include <stdio.h>

#include "serve.h"

const char *const route_names[R__COUNT] = {
    [R_PAGE] = "page",         [R_ASSET] = "asset",       [R_POST] = "post_articles",
    [R_STORIES] = "stories",   [R_STORY] = "story",       [R_ARTICLE] = "article",
    [R_SEARCH] = "search",     [R_ENTITIES] = "entities", [R_FACETS] = "facets",
    [R_EVENTS] = "events",     [R_HEALTH] = "healthz",    [R_METRICS] = "metrics",
    [R_RECLUSTER] = "recluster", [R_OTHER] = "other",
};

static const double bounds[LAT_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                           0.1,    0.25,  0.5,    1,     2.5,   5,     10};

#define ADD(x, n) atomic_fetch_add_explicit(&(x), (n), memory_order_relaxed)
#define GET(x) atomic_load_explicit(&(x), memory_order_relaxed)

void metrics_observe(metrics *m, route r, unsigned status, double seconds)
{
    if ((unsigned)r >= R__COUNT)
        r = R_OTHER;
    unsigned cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    ADD(m->req[r][cls - 1], 1);
    if (seconds < 0)
        return;
    int b = 0;
    while (b < LAT_BUCKETS && seconds > bounds[b])
        b++;
    ADD(m->lat[r][b], 1);
    ADD(m->lat_us[r], (uint64_t)(seconds * 1e6));
}

static void head(buf *out, const char *name, const char *type, const char *help)
{
    buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void requests(metrics *m, buf *out)
{
    head(out, "storyline_http_requests_total", "counter",
         "HTTP requests answered, by route and status class.");
    for (int r = 0; r < R__COUNT; r++)
        for (int c = 0; c < 5; c++) {
            uint64_t n = GET(m->req[r][c]);
            if (n)
                buf_printf(out, "storyline_http_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n",
                           route_names[r], c + 1, (unsigned long long)n);
        }
}

static void latencies(metrics *m, buf *out)
{
    head(out, "storyline_http_request_duration_seconds", "histogram",
         "Time from the first byte of a request to its answer, by route.");
    for (int r = 0; r < R__COUNT; r++) {
        uint64_t total = 0;
        for (int b = 0; b <= LAT_BUCKETS; b++)
            total += GET(m->lat[r][b]);
        if (!total)
            continue;
        uint64_t cum = 0;
        for (int b = 0; b < LAT_BUCKETS; b++) {
            cum += GET(m->lat[r][b]);
            buf_printf(out,
                       "storyline_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} "
                       "%llu\n",
                       route_names[r], bounds[b], (unsigned long long)cum);
        }
        buf_printf(out,
                   "storyline_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                   "storyline_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                   "storyline_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                   route_names[r], (unsigned long long)total, route_names[r],
                   (double)GET(m->lat_us[r]) / 1e6, route_names[r], (unsigned long long)total);
    }
}

static void one(buf *out, const char *name, const char *type, const char *help, double v)
{
    head(out, name, type, help);
    buf_printf(out, "%s %.17g\n", name, v);
}

void metrics_render(metrics *m, uint64_t version, double uptime, buf *out)
{
    static const char *const results[4] = {"new", "updated", "unchanged", "failed"};
    requests(m, out);
    latencies(m, out);
    head(out, "storyline_articles_ingested_total", "counter",
         "Articles received through the API, by what the store did with them.");
    for (int i = 0; i < 4; i++)
        buf_printf(out, "storyline_articles_ingested_total{result=\"%s\"} %llu\n", results[i],
                   (unsigned long long)GET(m->ingested[i]));
    one(out, "storyline_articles", "gauge", "Articles in the store.", (double)GET(m->articles));
    one(out, "storyline_stories", "gauge", "Live stories in the store (not merged).",
        (double)GET(m->stories));
    one(out, "storyline_writer_commits_total", "counter", "Transactions committed by the writer.",
        (double)GET(m->commits));
    one(out, "storyline_writer_queue", "gauge", "Write requests waiting for the writer.",
        (double)GET(m->queue));
    one(out, "storyline_writes_rejected_total", "counter",
        "Write requests refused because the writer queue was full.", (double)GET(m->rejected));
    one(out, "storyline_digests_total", "counter", "Story digests rendered by the writer.",
        (double)GET(m->digests));
    one(out, "storyline_digests_pending", "gauge", "Stories whose digest is due.",
        (double)GET(m->pending_digests));
    one(out, "storyline_search_index_pending", "gauge",
        "Articles not in the full-text search index yet (indexed in the background).",
        (double)GET(m->search_backlog));
    one(out, "storyline_sse_clients", "gauge", "Open event streams.",
        (double)GET(m->sse_clients));
    one(out, "storyline_sse_events_total", "counter", "Events published.",
        (double)GET(m->events));
    one(out, "storyline_cache_hits_total", "counter", "GET answers served from a response cache.",
        (double)GET(m->cache_hits));
    one(out, "storyline_cache_misses_total", "counter", "GET answers computed.",
        (double)GET(m->cache_misses));
    one(out, "storyline_store_version", "gauge", "Changes seen by readers since the start.",
        (double)version);
    one(out, "storyline_uptime_seconds", "gauge", "Seconds since the server started.", uptime);
}
