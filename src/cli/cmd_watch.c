/*
 * cmd_watch.c — `storyline watch FEEDLIST`: polls RSS/Atom feeds over HTTP
 * and ingests their new items through the same pipeline as `ingest`.
 *
 * Politeness and economy: conditional GET (If-None-Match with the ETag,
 * If-Modified-Since with the Last-Modified the server gave last time, both
 * remembered in the store), one request per host at most every --delay
 * seconds, retries on network errors, 429 and 5xx with exponential
 * backoff. Items already stored are recognised by the store (same id,
 * same content: nothing written), so only new or changed items count.
 *
 * Feed state lives in the table feed_state of the store (schema v6,
 * src/store/schema.c):
 *   feed_state(url PRIMARY KEY, etag, last_modified, fetched_at, status,
 *              items, new_items)
 * --once polls every feed once and exits (tests, cron); otherwise the
 * list is polled every --interval seconds until SIGINT/SIGTERM.
 */
#include <curl/curl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../ctx.h"
#include "../extract/feed.h"
#include "../util/buf.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"once", NULL, "poll every feed once, then exit"},
    {"interval", "SEC", "seconds between polls of the list (default 900)"},
    {"delay", "MS", "politeness: milliseconds between two requests to one host (default 2000)"},
    {"retries", "N", "retries after a network error, 429 or 5xx (default 3)"},
    {"backoff", "MS", "first retry delay in milliseconds, doubled each time (default 1000)"},
    {"timeout", "SEC", "timeout of one request (default 30)"},
    {"quiet", NULL, "no per-feed lines"},
    {NULL, NULL, NULL},
};

/* Set by SIGINT/SIGTERM: the only process-wide state, as signals need. */
static volatile sig_atomic_t watch_stop;

static void on_signal(int sig)
{
    (void)sig;
    watch_stop = 1;
}

typedef struct host_slot {
    char host[256];
    double last; /* monotonic seconds of the last request */
} host_slot;

typedef struct watch {
    sl_ctx *ctx;
    sl_store *st;
    sl_pipeline *pl;
    CURL *curl;
    long delay_ms, retries, backoff_ms, timeout;
    host_slot hosts[64];
    size_t n_hosts;
    long items, fresh, failed_items;
    bool quiet;
} watch;

typedef struct fetch {
    buf body;
    char etag[512], lastmod[128];
    int too_big;
} fetch;

static double mono(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(double ms)
{
    while (ms > 0 && !watch_stop) {
        double step = ms > 200 ? 200 : ms;
        struct timespec ts = {(time_t)(step / 1000),
                              (long)((step - (double)(long)(step / 1000) * 1000) * 1e6)};
        nanosleep(&ts, NULL);
        ms -= step;
    }
}

/* Warnings and errors on stderr as everywhere (info left out); errors are
 * also kept in the store's ingest_errors, as ingest keeps them. */
static void diag(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    watch *w = user;
    if (sev == SL_INFO)
        return;
    ctx_diag_stderr(NULL, sev, file, line, msg);
    if (w->st && sev == SL_ERROR)
        sl_store_log_error(w->st, file, line, msg);
}

static size_t on_body(char *p, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t k = size * n;
    if (f->body.len + k > FEED_MAX_BYTES) {
        f->too_big = 1;
        return 0; /* aborts the transfer */
    }
    buf_add(&f->body, p, k);
    return k;
}

/* Keeps the value of a header line "Name: value" when the name matches. */
static void take_header(const char *line, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    if (n <= nl + 1 || strncasecmp(line, name, nl) || line[nl] != ':')
        return;
    const char *v = line + nl + 1;
    size_t k = n - nl - 1;
    while (k && (*v == ' ' || *v == '\t'))
        v++, k--;
    while (k && (v[k - 1] == '\r' || v[k - 1] == '\n' || v[k - 1] == ' '))
        k--;
    if (k >= cap)
        return;
    memcpy(out, v, k);
    out[k] = 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t k = size * n;
    take_header(p, k, "ETag", f->etag, sizeof f->etag);
    take_header(p, k, "Last-Modified", f->lastmod, sizeof f->lastmod);
    return k;
}

/* Host part of a URL, for politeness. */
static void url_host(const char *url, char *out, size_t cap)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/?#");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = 0;
}

/* Waits until the host may be asked again, then notes the request. */
static void polite(watch *w, const char *url)
{
    char host[256];
    url_host(url, host, sizeof host);
    host_slot *h = NULL;
    for (size_t i = 0; i < w->n_hosts; i++)
        if (!strcmp(w->hosts[i].host, host))
            h = &w->hosts[i];
    if (!h) {
        h = &w->hosts[w->n_hosts < 64 ? w->n_hosts++ : 63];
        snprintf(h->host, sizeof h->host, "%s", host);
        h->last = -1e9;
    }
    double wait = (double)w->delay_ms - (mono() - h->last) * 1000.0;
    if (wait > 0)
        sleep_ms(wait);
    h->last = mono();
}

static void state_get(sqlite3 *db, const char *url, char *etag, size_t ec, char *lm, size_t lc)
{
    etag[0] = lm[0] = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT etag, last_modified FROM feed_state WHERE url = ?", -1, &s,
                           NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *e = (const char *)sqlite3_column_text(s, 0);
        const char *l = (const char *)sqlite3_column_text(s, 1);
        snprintf(etag, ec, "%s", e ? e : "");
        snprintf(lm, lc, "%s", l ? l : "");
    }
    sqlite3_finalize(s);
}

static void state_put(sqlite3 *db, const char *url, const fetch *f, long status, long items,
                      long fresh, int keep_validators)
{
    sqlite3_stmt *s;
    const char *sql =
        keep_validators
            ? "INSERT INTO feed_state(url, fetched_at, status, items, new_items) "
              "VALUES(?1,?4,?5,?6,?7)"
              " ON CONFLICT(url) DO UPDATE SET fetched_at=?4, status=?5, items=?6, new_items=?7"
            : "INSERT INTO feed_state VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(url) DO UPDATE SET"
              " etag=?2, last_modified=?3, fetched_at=?4, status=?5, items=?6, new_items=?7";
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
    if (!keep_validators) {
        if (f->etag[0])
            sqlite3_bind_text(s, 2, f->etag, -1, SQLITE_STATIC);
        if (f->lastmod[0])
            sqlite3_bind_text(s, 3, f->lastmod, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(s, 4, (sqlite3_int64)time(NULL));
    sqlite3_bind_int64(s, 5, status);
    sqlite3_bind_int64(s, 6, items);
    sqlite3_bind_int64(s, 7, fresh);
    sqlite3_step(s);
    sqlite3_finalize(s);
}

static bool on_raw(void *user, const sl_raw *raw)
{
    watch *w = user;
    w->items++;
    sl_article *a = sl_article_build(w->ctx, raw);
    if (!a) {
        w->failed_items++;
        return true;
    }
    sl_added r = sl_pipeline_add(w->pl, a);
    if (r.put == SL_PUT_NEW || r.put == SL_PUT_UPDATED)
        w->fresh++;
    else if (r.put == SL_PUT_FAILED)
        w->failed_items++;
    sl_article_free(a);
    return true;
}

/* One GET with validators; returns the HTTP status, 0 on a network error. */
static long get(watch *w, const char *url, const char *etag, const char *lm, fetch *f, char *err,
                size_t ec)
{
    CURL *c = w->curl;
    curl_easy_reset(c);
    struct curl_slist *hdr = NULL;
    char line[700];
    if (etag[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", etag);
        hdr = curl_slist_append(hdr, line);
    }
    if (lm[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", lm);
        hdr = curl_slist_append(hdr, line);
    }
    char ebuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, f);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, w->timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, w->timeout < 10 ? w->timeout : 10L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "storyline/" SL_VERSION " (feed watcher)");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(err, ec, "%s",
                 f->too_big ? "feed too large"
                 : ebuf[0]  ? ebuf
                            : curl_easy_strerror(rc));
    curl_slist_free_all(hdr);
    return status;
}

/* Polls one feed (with retries); returns 0 ok/not modified, -1 failed. */
static int poll_feed(watch *w, const char *url)
{
    sqlite3 *db = sl_store_db(w->st);
    char etag[512], lm[128], err[CURL_ERROR_SIZE + 32];
    state_get(db, url, etag, sizeof etag, lm, sizeof lm);
    fetch f;
    long status = 0;
    for (long attempt = 0;; attempt++) {
        memset(&f, 0, sizeof f);
        buf_init(&f.body);
        err[0] = 0;
        polite(w, url);
        status = get(w, url, etag, lm, &f, err, sizeof err);
        int retry = status == 0 || status == 429 || status >= 500;
        if (!retry || attempt >= w->retries || watch_stop || f.too_big)
            break;
        double wait = (double)w->backoff_ms * (double)(1L << (attempt < 20 ? attempt : 20));
        if (!w->quiet)
            fprintf(stderr, "%s: %s, retry %ld/%ld in %.1f s\n", url,
                    status ? "server busy or failing" : err, attempt + 1, w->retries, wait / 1000);
        buf_free(&f.body);
        sleep_ms(wait);
    }
    int ok = 0;
    if (status == 304) {
        state_put(db, url, &f, status, 0, 0, 1);
        if (!w->quiet)
            fprintf(stderr, "%s: not modified\n", url);
    } else if (status >= 200 && status < 300) {
        long before_items = w->items, before_fresh = w->fresh;
        int stopped = 0;
        sl_store_begin(w->st);
        feed_parse(w->ctx, url, f.body.data ? f.body.data : "", f.body.len, on_raw, w, &stopped);
        state_put(db, url, &f, status, w->items - before_items, w->fresh - before_fresh, 0);
        sl_pipeline_flush(w->pl);
        sl_store_commit(w->st);
        if (!w->quiet)
            fprintf(stderr, "%s: %ld items, %ld new\n", url, w->items - before_items,
                    w->fresh - before_fresh);
    } else {
        char msg[CURL_ERROR_SIZE + 64];
        if (status)
            snprintf(msg, sizeof msg, "HTTP status %ld, feed skipped this round", status);
        else
            snprintf(msg, sizeof msg, "%s, feed skipped this round", err);
        sl_diag(w->ctx, SL_ERROR, url, 0, "%s", msg);
        state_put(db, url, &f, status, 0, 0, 1);
        ok = -1;
    }
    buf_free(&f.body);
    return ok;
}

/* Reads FEEDLIST: one URL per line, blank lines and # comments ignored. */
static char **read_list(const char *path, size_t *n)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!fp)
        return NULL;
    char **urls = NULL;
    size_t cap = 0;
    *n = 0;
    char line[4096];
    while (fgets(line, sizeof line, fp)) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t k = strcspn(s, " \t\r\n#");
        if (!k || *s == '#')
            continue;
        s[k] = 0;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            urls = realloc(urls, cap * sizeof *urls);
        }
        urls[(*n)++] = strdup(s);
    }
    if (fp != stdin)
        fclose(fp);
    if (!urls)
        urls = calloc(1, sizeof *urls);
    return urls;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    watch w = {0};
    long interval = cli_long(cmd, a, "interval", 900);
    w.delay_ms = cli_long(cmd, a, "delay", 2000);
    w.retries = cli_long(cmd, a, "retries", 3);
    w.backoff_ms = cli_long(cmd, a, "backoff", 1000);
    w.timeout = cli_long(cmd, a, "timeout", 30);
    if (interval < 0 || w.delay_ms < 0 || w.retries < 0 || w.backoff_ms < 0 || w.timeout < 0)
        return EXIT_USAGE;
    if (w.timeout == 0)
        w.timeout = 1;
    w.quiet = cli_flag(cmd, a, "quiet");
    size_t n_urls = 0;
    char **urls = read_list(a->pos[0], &n_urls);
    if (!urls) {
        fprintf(stderr, "storyline watch: %s: cannot read the feed list\n", a->pos[0]);
        return EXIT_FAILED;
    }
    w.ctx = sl_ctx_new(diag, &w);
    w.st = sl_store_open(w.ctx, cli_db_path(cmd, a));
    if (!w.st) {
        sl_ctx_free(w.ctx);
        return EXIT_FAILED;
    }
    w.pl = sl_pipeline_open(w.ctx, w.st);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    w.curl = curl_easy_init();
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int failed = 0;
    bool once = cli_flag(cmd, a, "once");
    do {
        failed = 0;
        long items0 = w.items, fresh0 = w.fresh;
        for (size_t i = 0; i < n_urls && !watch_stop; i++)
            failed += poll_feed(&w, urls[i]) != 0;
        fprintf(stderr, "watch: %zu feed%s polled, %d failed; %ld items, %ld new\n", n_urls,
                n_urls == 1 ? "" : "s", failed, w.items - items0, w.fresh - fresh0);
        if (!once)
            sleep_ms((double)interval * 1000.0);
    } while (!once && !watch_stop);
    curl_easy_cleanup(w.curl);
    curl_global_cleanup();
    sl_pipeline_close(w.pl);
    sl_store_close(w.st);
    sl_ctx_free(w.ctx);
    for (size_t i = 0; i < n_urls; i++)
        free(urls[i]);
    free(urls);
    return failed ? EXIT_FAILED : EXIT_OK;
}

const cli_cmd cmd_watch = {
    "watch",
    "[--db FILE] [--once] [--interval SEC] FEEDLIST",
    "poll RSS/Atom feeds over HTTP and ingest their new items",
    "FEEDLIST has one feed URL per line (# comments; - reads the list from stdin).\n"
    "Requests are conditional (ETag / Last-Modified kept in the store's feed_state\n"
    "table), one host is asked at most every --delay ms, failures (network, 429, 5xx)\n"
    "are retried with exponential backoff. Items go through the same pipeline as\n"
    "`storyline ingest`; items already stored are unchanged. Exit 1 when a feed failed\n"
    "in the last round.",
    opts,
    1,
    1,
    run,
};
