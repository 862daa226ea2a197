/*
 * cmd_serve.c — `storyline serve`: the store as a live news service (JSON
 * API, event stream, web page). The server itself is src/serve; this file
 * turns options into its settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../serve/serve.h"
#include "cli.h"

static const cli_opt opts[] = {
    {"db", "FILE", "store file (default ./storyline.db, or $STORYLINE_DB); created if absent"},
    {"listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080; port 0 picks one)"},
    {"threads", "N", "HTTP threads (default: the cores, 2 to 4)"},
    {"token-file", "FILE", "bearer token for writes, first line of FILE (else $STORYLINE_TOKEN)"},
    {"max-body", "BYTES", "largest POST body accepted (default 8388608)"},
    {"timeout", "SECONDS", "close connections idle this long (default 30)"},
    {"body-timeout", "SECONDS", "a request body must arrive within this (default 60)"},
    {"max-streams", "N", "event streams at most (default 256)"},
    {"max-connections", "N", "connections at most (default 1024)"},
    {"queue", "N", "writes waiting for the writer at most (default 1024)"},
    {"digest-delay", "MS", "a changed story's digest is rendered again after (default 1000)"},
    {"heartbeat", "SECONDS", "keep-alive comment interval on event streams (default 15)"},
    {"port-file", "FILE", "write the port listened on to FILE once ready"},
    {"access-log", NULL, "one line per request on stderr (route, status, time)"},
    {NULL, NULL, NULL},
};

static bool num(const cli_cmd *cmd, cli_args *a, const char *name, long dflt, long lo, long hi,
                long *out)
{
    long v = cli_long(cmd, a, name, dflt);
    if (v < 0)
        return false;
    if (v < lo || v > hi) {
        cli_usage_error(cmd, "--%s must be from %ld to %ld", name, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    serve_opts o = {0};
    long threads, max_body, timeout, body_timeout, streams, conns, queue, delay, heartbeat;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    long dflt_threads = cores < 2 ? 2 : cores > 4 ? 4 : cores;
    if (!num(cmd, a, "threads", dflt_threads, 1, 64, &threads) ||
        !num(cmd, a, "max-body", 8L << 20, 1024, 1L << 30, &max_body) ||
        !num(cmd, a, "timeout", 30, 1, 3600, &timeout) ||
        !num(cmd, a, "body-timeout", 60, 1, 3600, &body_timeout) ||
        !num(cmd, a, "max-streams", 256, 1, 100000, &streams) ||
        !num(cmd, a, "max-connections", 1024, 4, 100000, &conns) ||
        !num(cmd, a, "queue", 1024, 1, 1000000, &queue) ||
        !num(cmd, a, "digest-delay", 1000, 0, 3600000, &delay) ||
        !num(cmd, a, "heartbeat", 15, 1, 3600, &heartbeat))
        return EXIT_USAGE;
    o.db = cli_db_path(cmd, a);
    o.listen = cli_get(cmd, a, "listen") ? cli_get(cmd, a, "listen") : "127.0.0.1:8080";
    o.threads = (unsigned)threads;
    o.max_body = (size_t)max_body;
    o.timeout = (unsigned)timeout;
    o.body_timeout = (unsigned)body_timeout;
    o.max_clients = (unsigned)streams;
    o.max_conn = (unsigned)conns;
    o.queue = (unsigned)queue;
    o.digest_delay_ms = (unsigned)delay;
    o.heartbeat = (unsigned)heartbeat;
    o.port_file = cli_get(cmd, a, "port-file");
    o.access_log = cli_flag(cmd, a, "access-log");
    const char *why = NULL;
    char *token = auth_load(cli_get(cmd, a, "token-file"), &why);
    if (!token && why) {
        fprintf(stderr, "storyline serve: %s; not started\n", why);
        return EXIT_FAILED;
    }
    o.token = token;
    int rc = serve_run(&o);
    if (token) {
        memset(token, 0, strlen(token));
        free(token);
    }
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}

const cli_cmd cmd_serve = {
    "serve",
    "[--db FILE] [--listen HOST:PORT] [--token-file FILE] [OPTIONS]",
    "serve the store: JSON API, live event stream and the web page",
    "Answers on HOST:PORT until interrupted (SIGINT, SIGTERM: writes in flight are\n"
    "committed and answered first). Reads: GET /api/stories, /api/stories/ID,\n"
    "/api/articles/ID, /api/search?q=, /api/entities?q=, /api/facets, /api/events (Server-Sent\n"
    "Events), /healthz, /metrics; the web page at /. Writes (POST /api/articles, JSON, JSON\n"
    "Lines, HTML, WARC or text) need `Authorization: Bearer TOKEN`, the token read from\n"
    "--token-file or $STORYLINE_TOKEN (16+ characters; without one, writes are refused). An\n"
    "answer to a write comes after its articles are committed. The API is described in\n"
    "docs/openapi.yaml and in the README.",
    opts,
    0,
    0,
    run,
};
