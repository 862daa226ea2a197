/*
 * httpd_stub.c — a tiny HTTP server for the `storyline watch` test, on
 * 127.0.0.1 only, built on libmicrohttpd.
 *
 *   httpd-stub DIR PORTFILE LOGFILE [SECONDS]
 *
 * Serves the files of DIR (no subdirectories, no "..") with an ETag and a
 * Last-Modified, answers 304 to a matching If-None-Match or
 * If-Modified-Since, and fails the first two requests of any path that
 * starts with /flaky/ with 503 (to exercise retries). It picks a free
 * port, writes it to PORTFILE, logs one line per request to LOGFILE
 * ("GET /path 200" / "... 304 conditional") and exits by itself after
 * SECONDS (default 60), so a failed test never leaves it running.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LAST_MODIFIED "Sat, 14 Mar 2026 10:00:00 GMT"

typedef struct stub {
    const char *dir;
    FILE *log;
    char flaky[16][256];
    int flaky_count[16];
    int n_flaky;
} stub;

static unsigned long hash(const char *p, size_t n)
{
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + (unsigned char)p[i];
    return h;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *body)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ret;
}

/* Fails the first two requests of each /flaky/ path. */
static int flaky_fails(stub *s, const char *url)
{
    if (strncmp(url, "/flaky/", 7) != 0)
        return 0;
    for (int i = 0; i < s->n_flaky; i++)
        if (!strcmp(s->flaky[i], url))
            return ++s->flaky_count[i] <= 2;
    if (s->n_flaky < 16) {
        snprintf(s->flaky[s->n_flaky], sizeof s->flaky[0], "%s", url);
        s->flaky_count[s->n_flaky++] = 1;
    }
    return 1;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)version, (void)upload, (void)upload_size, (void)state;
    stub *s = cls;
    if (strcmp(method, "GET") != 0)
        return reply(c, 405, "method not allowed\n");
    if (flaky_fails(s, url)) {
        fprintf(s->log, "GET %s 503\n", url);
        fflush(s->log);
        return reply(c, 503, "try again later\n");
    }
    const char *name = strrchr(url, '/');
    name = name ? name + 1 : url;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = (*name && !strstr(name, "..")) ? fopen(path, "rb") : NULL;
    if (!f) {
        fprintf(s->log, "GET %s 404\n", url);
        fflush(s->log);
        return reply(c, 404, "not found\n");
    }
    char *body = malloc(1 << 20);
    size_t n = fread(body, 1, 1 << 20, f);
    fclose(f);
    char etag[64];
    snprintf(etag, sizeof etag, "\"%lx-%zx\"", hash(body, n), n);
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since");
    int not_modified = (inm && !strcmp(inm, etag)) || (!inm && ims && !strcmp(ims, LAST_MODIFIED));
    struct MHD_Response *r;
    unsigned code;
    if (not_modified) {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        code = 304;
        free(body);
    } else {
        r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
        code = 200;
    }
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Last-Modified", LAST_MODIFIED);
    MHD_add_response_header(r, "Content-Type", "application/rss+xml; charset=utf-8");
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    fprintf(s->log, "GET %s %u%s\n", url, code, inm || ims ? " conditional" : "");
    fflush(s->log);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: httpd-stub DIR PORTFILE LOGFILE [SECONDS]\n");
        return 2;
    }
    stub s = {0};
    s.dir = argv[1];
    s.log = fopen(argv[3], "a");
    if (!s.log)
        return 1;
    int secs = argc > 4 ? atoi(argv[4]) : 60;
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, handle,
                                            &s, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "httpd-stub: cannot start\n");
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    FILE *pf = fopen(argv[2], "w");
    if (!pf || !info)
        return 1;
    fprintf(pf, "%u\n", (unsigned)info->port);
    fclose(pf);
    for (int i = 0; i < secs * 10; i++)
        usleep(100000);
    MHD_stop_daemon(d);
    fclose(s.log);
    return 0;
}
