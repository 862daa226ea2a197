/*
 * sse.c — Server-Sent Events: GET /api/events streams what the writer
 * publishes (story created / updated / merged) to every connected page.
 *
 * The idea: a ring of the last events, each with a sequence number, and a
 * list of streams. A stream is a libmicrohttpd callback response. When the
 * callback finds nothing to send it suspends its connection (no thread
 * waits, no busy loop); publishing an event resumes every suspended stream,
 * and each copies what it has not sent yet. Event ids are "<boot>-<seq>",
 * boot being the server's start time, so a client that comes back with a
 * Last-Event-ID continues where it was — or, when its id is from another
 * run or has fallen off the ring, gets a "reset" event telling it to
 * reload instead of silently missing changes. A comment line every
 * heartbeat seconds keeps proxies from closing idle streams and finds
 * clients that went away (suspended connections see no disconnect).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

typedef struct sse_event {
    char *text; /* "id: ...\nevent: ...\ndata: ...\n\n" */
    size_t len;
} sse_event;

typedef struct sse_client {
    sse_hub *h;
    struct MHD_Connection *conn;
    uint64_t next;     /* sequence number of the next event to send */
    buf out;           /* bytes due before the next event (hello, reset, ping, an event) */
    size_t off;        /* of out already sent */
    bool suspended;
    double last_write;
    struct sse_client *prev, *nxt;
} sse_client;

struct sse_hub {
    pthread_mutex_t mu;
    pthread_cond_t gone;
    sse_event *ring;
    unsigned cap;
    uint64_t head;     /* sequence number the next event gets (first is 1) */
    sse_client *clients;
    unsigned n_clients, max_clients, heartbeat;
    bool closing;
    char boot[24];
    metrics *m;
};

sse_hub *sse_hub_new(unsigned ring, unsigned max_clients, unsigned heartbeat, metrics *m)
{
    sse_hub *h = calloc(1, sizeof *h);
    if (!h)
        abort();
    h->cap = ring ? ring : 1;
    h->ring = calloc(h->cap, sizeof *h->ring);
    if (!h->ring)
        abort();
    h->head = 1;
    h->max_clients = max_clients;
    h->heartbeat = heartbeat ? heartbeat : 15;
    h->m = m;
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->gone, NULL);
    snprintf(h->boot, sizeof h->boot, "%llx", (unsigned long long)time(NULL));
    return h;
}

const char *sse_boot(sse_hub *h) { return h->boot; }

unsigned sse_clients(sse_hub *h)
{
    pthread_mutex_lock(&h->mu);
    unsigned n = h->n_clients;
    pthread_mutex_unlock(&h->mu);
    return n;
}

static uint64_t oldest(const sse_hub *h) { return h->head > h->cap ? h->head - h->cap : 1; }

/* Resumes a stream that waits; call with the hub locked. */
static void wake(sse_client *c)
{
    if (!c->suspended)
        return;
    c->suspended = false;
    MHD_resume_connection(c->conn);
}

uint64_t sse_publish(sse_hub *h, const char *type, const char *json)
{
    pthread_mutex_lock(&h->mu);
    uint64_t seq = h->head++;
    sse_event *e = &h->ring[seq % h->cap];
    free(e->text);
    buf b;
    buf_init(&b);
    buf_printf(&b, "id: %s-%" PRIu64 "\nevent: %s\ndata: %s\n\n", h->boot, seq, type, json);
    e->len = b.len;
    e->text = buf_steal(&b);
    for (sse_client *c = h->clients; c; c = c->nxt)
        wake(c);
    pthread_mutex_unlock(&h->mu);
    atomic_fetch_add_explicit(&h->m->events, 1, memory_order_relaxed);
    return seq;
}

static const char reset_event[] = "event: reset\ndata: {\"reason\":\"events were missed\"}\n\n";

/* Fills c->out with what is due next; call with the hub locked. */
static void refill(sse_hub *h, sse_client *c)
{
    if (c->off < c->out.len)
        return;
    buf_clear(&c->out);
    c->off = 0;
    if (c->next >= h->head)
        return;
    if (c->next < oldest(h)) { /* fell behind the ring */
        buf_add(&c->out, reset_event, sizeof reset_event - 1);
        c->next = h->head;
        return;
    }
    const sse_event *e = &h->ring[c->next % h->cap];
    buf_add(&c->out, e->text, e->len);
    c->next++;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *dst, size_t max)
{
    sse_client *c = cls;
    sse_hub *h = c->h;
    pthread_mutex_lock(&h->mu);
    if (h->closing) {
        pthread_mutex_unlock(&h->mu);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    size_t n = 0;
    while (n < max) {
        refill(h, c);
        if (c->off >= c->out.len)
            break;
        size_t k = c->out.len - c->off;
        if (k > max - n)
            k = max - n;
        memcpy(dst + n, c->out.data + c->off, k);
        c->off += k;
        n += k;
    }
    if (n == 0) {
        c->suspended = true;
        MHD_suspend_connection(c->conn);
    } else {
        c->last_write = serve_now();
    }
    pthread_mutex_unlock(&h->mu);
    return (ssize_t)n;
}

static void sse_free(void *cls)
{
    sse_client *c = cls;
    sse_hub *h = c->h;
    pthread_mutex_lock(&h->mu);
    if (c->prev)
        c->prev->nxt = c->nxt;
    else
        h->clients = c->nxt;
    if (c->nxt)
        c->nxt->prev = c->prev;
    h->n_clients--;
    atomic_fetch_sub_explicit(&h->m->sse_clients, 1, memory_order_relaxed);
    pthread_cond_broadcast(&h->gone);
    pthread_mutex_unlock(&h->mu);
    buf_free(&c->out);
    free(c);
}

/* Where a client resumes: the event after last_id when that id is one of
 * ours and still in the ring; else from now, after a reset event when it
 * asked for an id we cannot honour. Call with the hub locked. */
static void start_at(sse_hub *h, sse_client *c, const char *last_id)
{
    c->next = h->head;
    if (!last_id || !*last_id)
        return;
    size_t bl = strlen(h->boot);
    char *end = NULL;
    uint64_t seq = 0;
    bool ours = strncmp(last_id, h->boot, bl) == 0 && last_id[bl] == '-';
    if (ours)
        seq = strtoull(last_id + bl + 1, &end, 10);
    if (ours && end && !*end && seq < h->head && seq + 1 >= oldest(h)) {
        c->next = seq + 1;
        return;
    }
    buf_add(&c->out, reset_event, sizeof reset_event - 1);
}

struct MHD_Response *sse_open(sse_hub *h, struct MHD_Connection *conn, const char *last_id)
{
    pthread_mutex_lock(&h->mu);
    if (h->closing || h->n_clients >= h->max_clients) {
        pthread_mutex_unlock(&h->mu);
        return NULL;
    }
    sse_client *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->h = h;
    c->conn = conn;
    buf_init(&c->out);
    buf_printf(&c->out, "retry: 2000\n: storyline events %s\n\n", h->boot);
    start_at(h, c, last_id);
    c->last_write = serve_now();
    c->nxt = h->clients;
    if (h->clients)
        h->clients->prev = c;
    h->clients = c;
    h->n_clients++;
    atomic_fetch_add_explicit(&h->m->sse_clients, 1, memory_order_relaxed);
    pthread_mutex_unlock(&h->mu);
    struct MHD_Response *r =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read, c, sse_free);
    if (!r) {
        sse_free(c);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    /* An event stream is idle by nature: the heartbeat, not the idle
     * timeout, finds dead clients. */
    MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT, 0u);
    return r;
}

void sse_tick(sse_hub *h)
{
    double now = serve_now();
    pthread_mutex_lock(&h->mu);
    for (sse_client *c = h->clients; c; c = c->nxt) {
        if (!c->suspended || now - c->last_write < (double)h->heartbeat)
            continue;
        if (c->off >= c->out.len) {
            buf_clear(&c->out);
            c->off = 0;
        }
        buf_adds(&c->out, ": ping\n\n");
        wake(c);
    }
    pthread_mutex_unlock(&h->mu);
}

void sse_hub_close(sse_hub *h)
{
    pthread_mutex_lock(&h->mu);
    h->closing = true;
    for (sse_client *c = h->clients; c; c = c->nxt)
        wake(c);
    /* Streams end as MHD calls them back; give them a few seconds. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 3;
    while (h->n_clients > 0)
        if (pthread_cond_timedwait(&h->gone, &h->mu, &until) != 0)
            break;
    /* Whatever is still there must not stay suspended when MHD stops. */
    for (sse_client *c = h->clients; c; c = c->nxt)
        wake(c);
    pthread_mutex_unlock(&h->mu);
}

void sse_hub_free(sse_hub *h)
{
    if (!h)
        return;
    for (unsigned i = 0; i < h->cap; i++)
        free(h->ring[i].text);
    free(h->ring);
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->gone);
    free(h);
}
