/*
 * http.c — the HTTP side of `storyline serve`: libmicrohttpd wiring, the
 * life of a request, limits, the web page, and start/stop.
 *
 * libmicrohttpd runs its own polling threads (a pool of o->threads, each
 * with its own epoll set) and calls on_request for every request, several
 * times for one with a body. A GET is answered on its second call (once
 * MHD knows the request is whole: an answer queued earlier makes it close
 * the connection, and keep-alive matters: it is 6x the throughput). A POST
 * is checked on the first call (token, content type, declared length),
 * its body gathered on the next ones up to max_body, and on the last call
 * handed to the writer as a job while the connection is suspended; when
 * the writer resumes it, on_request runs once more and sends the job's
 * reply. on_completed records the status and latency.
 *
 * Limits: connections idle for `timeout` seconds are closed (MHD), a
 * request body must arrive within `body_timeout` seconds, headers and
 * buffers are capped by the connection memory limit, bodies by max_body,
 * waiting writes by the writer's queue, event streams by the hub.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "../util/json.h"
#include "serve.h"

void serve_story_changed(server *s, long long id)
{
    if (id > 0)
        atomic_fetch_add(&s->story_gen[(unsigned long long)id % STORY_GENS], 1);
}

double serve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One request's state across the calls of on_request. */
typedef struct request {
    route rt;
    double t0;
    unsigned status;  /* of the answer queued, 0 before */
    buf body;
    bool over;        /* the body passed max_body: being drained, 413 at the end */
    const char *format;
    wjob *job;        /* handed to the writer */
} request;

/* ---------------------------------------------------------------- answers */

static enum MHD_Result send_reply(server *s, struct MHD_Connection *c, request *q, reply *r)
{
    struct MHD_Response *resp = r->resp;
    if (resp) {
        r->resp = NULL;
    } else if (r->shared) { /* a cached answer, sent without a copy */
        cblob *b = r->shared;
        resp = MHD_create_response_from_buffer_with_free_callback_cls(b->len, b->data,
                                                                      cblob_release, b);
        if (!resp)
            return MHD_NO;
        r->shared = NULL;
        MHD_add_response_header(resp, "Content-Type", r->ctype);
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
    } else {
        size_t n = r->body.len;
        char *data = buf_steal(&r->body);
        resp = MHD_create_response_from_buffer(n, data ? data : (char *)"",
                                               data ? MHD_RESPMEM_MUST_FREE
                                                    : MHD_RESPMEM_PERSISTENT);
        if (!resp) {
            free(data);
            return MHD_NO;
        }
        MHD_add_response_header(resp, "Content-Type", r->ctype);
        MHD_add_response_header(resp, "Cache-Control", r->no_cache ? "no-store" : "no-cache");
    }
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    for (int i = 0; i < r->n_hdr; i++)
        MHD_add_response_header(resp, r->hdr[i][0], r->hdr[i][1]);
    q->status = r->status;
    enum MHD_Result ok = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    (void)s;
    return ok;
}

static enum MHD_Result send_error(server *s, struct MHD_Connection *c, request *q,
                                  unsigned status, const char *code, const char *msg)
{
    reply r;
    reply_init(&r);
    reply_error(&r, status, code, "%s", msg);
    if (status == 401)
        reply_header(&r, "WWW-Authenticate", "Bearer realm=\"storyline\"");
    if (status == 503)
        reply_header(&r, "Retry-After", "1");
    enum MHD_Result ok = send_reply(s, c, q, &r);
    reply_free(&r);
    return ok;
}

/* The page and its files, with ETags (304 when the client has it). */
static enum MHD_Result send_asset(server *s, struct MHD_Connection *c, request *q,
                                  const char *url)
{
    const asset *a = asset_find(q->rt == R_PAGE ? "/index.html" : url);
    if (!a)
        return send_error(s, c, q, 404, "not_found", "Nothing is here.");
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    bool fresh = inm && strstr(inm, a->etag);
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        fresh ? 0 : a->len, fresh ? (void *)"" : (void *)a->data, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", a->ctype);
    MHD_add_response_header(resp, "ETag", a->etag);
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (q->rt == R_PAGE) {
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                " script-src 'self'; connect-src 'self'; object-src 'none';"
                                " base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    }
    q->status = fresh ? 304 : 200;
    enum MHD_Result ok = MHD_queue_response(c, q->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* ---------------------------------------------------------------- writes */

/* The reader a POST body goes to, from its Content-Type; NULL: unsupported. */
static const char *body_format(const char *ctype)
{
    if (!ctype)
        return NULL;
    char t[128];
    size_t n = strcspn(ctype, ";");
    if (n >= sizeof t)
        return NULL;
    memcpy(t, ctype, n);
    t[n] = 0;
    while (n && t[n - 1] == ' ')
        t[--n] = 0;
    static const char *const map[][2] = {
        {"application/json", "json"},          {"application/x-ndjson", "jsonl"},
        {"application/ndjson", "jsonl"},       {"application/jsonl", "jsonl"},
        {"application/x-jsonlines", "jsonl"},  {"application/jsonlines", "jsonl"},
        {"text/html", "html"},                 {"application/xhtml+xml", "html"},
        {"application/warc", "warc"},          {"application/x-warc", "warc"},
        {"text/plain", "txt"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(t, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

/* A JSON body (one object, or an array of objects) as JSON Lines, so that
 * the JSONL reader reads it with every field alias it knows. false with
 * *why set when it is not JSON of that shape. */
static bool json_to_lines(buf *body, char *why, size_t wn)
{
    json_error_t err;
    json_t *v = json_loadb(body->data, body->len, JSON_ALLOW_NUL, &err);
    if (!v) {
        snprintf(why, wn, "The body is not valid JSON (%s, line %d, column %d).", err.text,
                 err.line, err.column);
        return false;
    }
    buf out;
    buf_init(&out);
    bool ok = true;
    if (json_is_object(v)) {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        buf_adds(&out, s);
        buf_addc(&out, '\n');
        free(s);
    } else if (json_is_array(v) && json_array_size(v) > 0) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (!json_is_object(e)) {
                snprintf(why, wn, "Element %zu of the array is not an object.", i);
                ok = false;
                break;
            }
            char *s = json_dumps(e, JSON_COMPACT);
            buf_adds(&out, s);
            buf_addc(&out, '\n');
            free(s);
        }
    } else {
        snprintf(why, wn, "The body must be an article object or an array of them.");
        ok = false;
    }
    json_decref(v);
    if (ok) {
        buf_free(body);
        *body = out;
    } else {
        buf_free(&out);
    }
    return ok;
}

/* First call of a POST: may it go on? Answers (and returns true) if not. */
static bool post_refused(server *s, struct MHD_Connection *c, request *q, enum MHD_Result *res)
{
    const char *why = NULL, *code = NULL;
    unsigned status = 0;
    if (!s->o.token) {
        status = 403, code = "writes_disabled";
        why = "This server was started without a token: it does not accept writes.";
    } else if (!auth_check(s->o.token,
                           MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"))) {
        status = 401, code = "unauthorized";
        why = "Writes need the header Authorization: Bearer <token>.";
    }
    if (!status && q->rt == R_POST) {
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        q->format = body_format(ct);
        if (!q->format) {
            status = 415, code = "unsupported_media_type";
            why = "Send application/json, application/x-ndjson (JSON Lines), text/html,"
                  " application/warc or text/plain.";
        }
    }
    if (!status) {
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body) {
            status = 413, code = "body_too_large";
            why = "The body is larger than this server accepts (see --max-body).";
        }
    }
    if (!status)
        return false;
    *res = send_error(s, c, q, status, code, why);
    return true;
}

/* Last call of a POST: the body is all there. */
static enum MHD_Result post_submit(server *s, struct MHD_Connection *c, request *q,
                                   const char *url)
{
    if (q->over)
        return send_error(s, c, q, 413, "body_too_large",
                          "The body is larger than this server accepts (see --max-body).");
    wjob *j = wjob_new(q->rt == R_RECLUSTER ? WJ_RECLUSTER : WJ_ARTICLES);
    j->conn = c;
    if (q->rt != R_RECLUSTER) {
        if (q->body.len == 0) {
            wjob_free(j);
            return send_error(s, c, q, 400, "empty_body", "The body is empty: send articles.");
        }
        if (!strcmp(q->format, "json")) {
            char why[256];
            if (!json_to_lines(&q->body, why, sizeof why)) {
                wjob_free(j);
                return send_error(s, c, q, 400, "bad_json", why);
            }
            q->format = "jsonl";
        }
        j->format = q->format;
        const char *id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
        j->id_hint = id && *id ? strdup(id) : NULL;
        j->len = q->body.len;
        j->body = buf_steal(&q->body);
    }
    (void)url;
    q->job = j;
    if (!writer_submit(s->w, j)) {
        q->job = NULL;
        wjob_free(j);
        return send_error(s, c, q, 503, "busy",
                          "Too many writes are waiting; try again in a moment.");
    }
    return MHD_YES;
}

/* ---------------------------------------------------------------- dispatch */

static bool method_ok(route rt, const char *method, const char **allow)
{
    bool write = rt == R_POST || rt == R_RECLUSTER;
    *allow = write ? "POST" : "GET, HEAD";
    if (write)
        return !strcmp(method, "POST");
    return !strcmp(method, "GET") || !strcmp(method, "HEAD");
}

static enum MHD_Result answer_get(server *s, struct MHD_Connection *c, request *q,
                                  const char *url)
{
    if (q->rt == R_PAGE || q->rt == R_ASSET)
        return send_asset(s, c, q, url);
    if (q->rt == R_EVENTS) {
        const char *last = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
        if (!last)
            last = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "last_event_id");
        reply r;
        reply_init(&r);
        r.resp = sse_open(s->hub, c, last);
        if (!r.resp) {
            reply_free(&r);
            return send_error(s, c, q, 503, "too_many_streams",
                              "Too many event streams are open; try again later.");
        }
        enum MHD_Result ok = send_reply(s, c, q, &r);
        reply_free(&r);
        return ok;
    }
    if (q->rt == R_OTHER)
        return send_error(s, c, q, 404, "not_found", "Nothing is here.");
    reply r;
    reply_init(&r);
    api_get(s, c, q->rt, url, &r);
    enum MHD_Result ok = send_reply(s, c, q, &r);
    reply_free(&r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    server *s = cls;
    request *q = *con_cls;
    (void)version;
    if (!q) {
        q = calloc(1, sizeof *q);
        if (!q)
            return MHD_NO;
        *con_cls = q;
        q->t0 = serve_now();
        q->rt = api_route(method, url);
        buf_init(&q->body);
        const char *allow;
        if (q->rt != R_OTHER && !method_ok(q->rt, method, &allow)) {
            reply r;
            reply_init(&r);
            reply_error(&r, 405, "method_not_allowed", "Use %s here.", allow);
            reply_header(&r, "Allow", allow);
            enum MHD_Result ok = send_reply(s, c, q, &r);
            reply_free(&r);
            return ok;
        }
        if (q->rt == R_POST || q->rt == R_RECLUSTER) {
            enum MHD_Result res;
            if (post_refused(s, c, q, &res))
                return res;
            return MHD_YES; /* the body comes next */
        }
        /* Answered on the next call, once MHD knows the request is whole: an
         * answer queued before that makes MHD close the connection. */
        return MHD_YES;
    }
    if (q->status) { /* answered already (an early refusal): drain */
        *upload_size = 0;
        return MHD_YES;
    }
    if (q->job) { /* resumed by the writer */
        if (!atomic_load(&q->job->done))
            return MHD_YES;
        enum MHD_Result ok = send_reply(s, c, q, &q->job->r);
        return ok;
    }
    if (q->rt != R_POST && q->rt != R_RECLUSTER) {
        if (*upload_size) { /* a body nobody asked for */
            *upload_size = 0;
            return MHD_YES;
        }
        return answer_get(s, c, q, url);
    }
    if (*upload_size) {
        if (serve_now() - q->t0 > s->o.body_timeout)
            return MHD_NO; /* a body trickling in too slowly: close */
        if (!q->over && q->body.len + *upload_size <= s->o.max_body) {
            buf_add(&q->body, upload, *upload_size);
        } else {
            q->over = true;
            buf_free(&q->body);
            buf_init(&q->body);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    return post_submit(s, c, q, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    server *s = cls;
    request *q = *con_cls;
    (void)c;
    if (!q)
        return;
    double dt = serve_now() - q->t0;
    if (q->status)
        metrics_observe(&s->m, q->rt, q->status, q->rt == R_EVENTS ? -1.0 : dt);
    if (s->o.access_log)
        fprintf(stderr, "%s %u %.1fms%s\n", route_names[q->rt], q->status, dt * 1e3,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection ended)");
    buf_free(&q->body);
    wjob_free(q->job);
    free(q);
    *con_cls = NULL;
}

/* ---------------------------------------------------------------- start, stop */

/* "127.0.0.1:8080", "[::1]:8080", ":8080" (all IPv4 addresses), "8080". */
static bool parse_listen(const char *spec, struct sockaddr_storage *ss, bool *v6)
{
    memset(ss, 0, sizeof *ss);
    char host[128] = "";
    const char *port;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (!end || end[1] != ':' || (size_t)(end - spec - 1) >= sizeof host)
            return false;
        memcpy(host, spec + 1, (size_t)(end - spec - 1));
        port = end + 2;
        *v6 = true;
    } else {
        const char *colon = strrchr(spec, ':');
        if (colon) {
            if ((size_t)(colon - spec) >= sizeof host)
                return false;
            memcpy(host, spec, (size_t)(colon - spec));
            port = colon + 1;
        } else {
            port = spec;
        }
        *v6 = false;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return false;
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)p);
        return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)p);
    if (!*host) {
        a->sin_addr.s_addr = htonl(INADDR_ANY);
        return true;
    }
    if (!strcmp(host, "localhost"))
        strcpy(host, "127.0.0.1");
    return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

typedef struct ticker {
    server *s;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
} ticker;

/* Once a second: keep-alive comments for event streams. */
static void *tick_main(void *arg)
{
    ticker *t = arg;
    pthread_mutex_lock(&t->mu);
    while (!t->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&t->cv, &t->mu, &ts);
        if (!t->stop)
            sse_tick(t->s->hub);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

static void write_port_file(const char *path, unsigned port)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "storyline serve: cannot write %s: %s\n", tmp, strerror(errno));
        return;
    }
    fprintf(f, "%u\n", port);
    fclose(f);
    rename(tmp, path);
}

/* Frees what the server holds once its threads are stopped (those parts
 * that were started; the stop and free functions take NULL). */
static void server_free(server *s)
{
    writer_free(s->w);
    digester_free(s->dg);
    sse_hub_free(s->hub);
    rcache_free(s->cache);
    pthread_key_delete(s->reader_key);
    free(s);
}

int serve_run(const serve_opts *o)
{
    server *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->o = *o;
    s->started = (int64_t)time(NULL);
    s->t0 = serve_now();
    struct sockaddr_storage addr;
    bool v6;
    if (!parse_listen(o->listen, &addr, &v6)) {
        fprintf(stderr, "storyline serve: cannot listen on '%s': want HOST:PORT\n", o->listen);
        free(s);
        return -1;
    }
    /* Signals are taken by sigwait below: block them in every thread. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    pthread_key_create(&s->reader_key, api_reader_free);
    s->cache = rcache_new(8192, (size_t)256 << 20);
    s->hub = sse_hub_new(1024, o->max_clients, o->heartbeat, &s->m);
    s->w = writer_start(s);
    s->dg = s->w ? digester_start(s) : NULL;
    if (!s->dg) {
        writer_stop(s->w);
        server_free(s);
        return -1;
    }
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                     (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)o->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_conn, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon) {
        fprintf(stderr, "storyline serve: cannot listen on %s (address in use?)\n", o->listen);
        digester_stop(s->dg);
        writer_stop(s->w);
        server_free(s);
        return -1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    if (o->port_file)
        write_port_file(o->port_file, port);
    fprintf(stderr,
            "storyline serve: %s on port %u, %u threads; writes %s\n", o->db, port, o->threads,
            o->token ? "need the bearer token" : "disabled (no token)");

    ticker t = {.s = s};
    pthread_mutex_init(&t.mu, NULL);
    pthread_cond_init(&t.cv, NULL);
    pthread_create(&t.th, NULL, tick_main, &t);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "storyline serve: %s, stopping\n", sig == SIGINT ? "interrupted" : "terminated");

    /* Stop taking connections, finish the writes (their connections resume
     * with their answers), end event streams, then stop the threads. */
    MHD_socket ls = MHD_quiesce_daemon(s->daemon);
    digester_stop(s->dg);
    writer_stop(s->w);
    sse_hub_close(s->hub);
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL); /* let the resumed connections send their answers */
    MHD_stop_daemon(s->daemon);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    pthread_mutex_lock(&t.mu);
    t.stop = true;
    pthread_cond_signal(&t.cv);
    pthread_mutex_unlock(&t.mu);
    pthread_join(t.th, NULL);
    pthread_mutex_destroy(&t.mu);
    pthread_cond_destroy(&t.cv);
    server_free(s);
    return 0;
}
