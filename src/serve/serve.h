/*
 * serve.h — inside `storyline serve`: the store as a live news service.
 *
 * One process. libmicrohttpd answers on a pool of threads (http.c); GET
 * handlers (api.c) read through one read-only SQLite connection per pool
 * thread (WAL: readers never wait for the writer) and keep a small response
 * cache each, keyed by the store version; every write goes through ONE
 * writer thread (writer.c) that owns the pipeline, commits before a POST is
 * answered, bumps the store version, keeps story digests fresh and
 * publishes what changed as Server-Sent Events (sse.c). metrics.c counts,
 * auth.c checks bearer tokens, assets.c serves the web page embedded at
 * build time.
 */
#ifndef SL_SERVE_H
#define SL_SERVE_H

#include <microhttpd.h>
#include <sqlite3.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "../util/buf.h"
#include "storyline.h"

/* ---------------------------------------------------------------- options */

typedef struct serve_opts {
    const char *db;         /* store file */
    const char *listen;     /* "127.0.0.1:8080", "[::1]:8080", ":8080"; port 0 picks one */
    unsigned threads;       /* HTTP pool threads (1..64) */
    size_t max_body;        /* bytes of a POST body at most */
    unsigned timeout;       /* seconds a connection may stay idle */
    unsigned body_timeout;  /* seconds a request may take to arrive in full */
    unsigned heartbeat;     /* seconds between SSE keep-alive comments */
    unsigned max_clients;   /* SSE streams at most */
    unsigned max_conn;      /* connections at most */
    unsigned queue;         /* POSTs waiting for the writer at most */
    unsigned digest_delay_ms; /* a changed story is digested again after this */
    const char *token;      /* bearer token for writes; NULL: writes refused */
    const char *port_file;  /* write the bound port here once listening (NULL: no) */
    bool access_log;        /* one line per request on stderr (never headers) */
} serve_opts;

/* Runs the server until SIGINT or SIGTERM. Returns 0 after a clean stop, -1
 * when it could not start (reported on stderr). */
int serve_run(const serve_opts *o);

/* ---------------------------------------------------------------- routes */

typedef enum route {
    R_PAGE = 0, /* the web page (/, /story/ID) */
    R_ASSET,    /* /app.js, /style.css, ... */
    R_POST,     /* POST /api/articles */
    R_STORIES,  /* GET /api/stories */
    R_STORY,    /* GET /api/stories/{id} */
    R_ARTICLE,  /* GET /api/articles/{id} */
    R_SEARCH,   /* GET /api/search */
    R_ENTITIES, /* GET /api/entities */
    R_FACETS,   /* GET /api/facets */
    R_EVENTS,   /* GET /api/events */
    R_HEALTH,   /* GET /healthz */
    R_METRICS,  /* GET /metrics */
    R_RECLUSTER, /* POST /api/recluster */
    R_OTHER,    /* anything else (404, 405) */
    R__COUNT
} route;

extern const char *const route_names[R__COUNT];

/* ---------------------------------------------------------------- metrics.c */

#define LAT_BUCKETS 14

typedef struct metrics {
    _Atomic uint64_t req[R__COUNT][5];               /* answers by status class 1xx..5xx */
    _Atomic uint64_t lat[R__COUNT][LAT_BUCKETS + 1]; /* latency histogram (+Inf last) */
    _Atomic uint64_t lat_us[R__COUNT];               /* latency sum, microseconds */
    _Atomic uint64_t ingested[4];                    /* new, updated, unchanged, failed */
    _Atomic uint64_t commits, digests, events, cache_hits, cache_misses, rejected;
    _Atomic int64_t articles, stories;               /* gauges kept by the writer */
    _Atomic int64_t queue, pending_digests, sse_clients;
    _Atomic int64_t search_backlog;                  /* articles not in the search index yet */
} metrics;

/* Counts an answer: its route, status and time taken (seconds; < 0 when the
 * latency should not be recorded, as for event streams). Thread-safe. */
void metrics_observe(metrics *m, route r, unsigned status, double seconds);
/* Appends every metric in the Prometheus text format (version 0.0.4). */
void metrics_render(metrics *m, uint64_t version, double uptime, buf *out);

/* ---------------------------------------------------------------- auth.c */

/* Loads the write token: the first line of file (when file is not NULL),
 * else $STORYLINE_TOKEN. Returns a malloc'd token, or NULL with *why set to
 * a sentence (no token given: why = NULL; unreadable file or token shorter
 * than 16 bytes: why set). The token itself never appears in a message. */
char *auth_load(const char *file, const char **why);
/* Does the Authorization header value carry exactly this bearer token?
 * Compares in time independent of where the strings differ. header and
 * token may be NULL (then false). */
bool auth_check(const char *token, const char *header);

/* ---------------------------------------------------------------- sse.c */

typedef struct sse_hub sse_hub;

/* A hub keeping the last `ring` events for clients that resume, and at most
 * max_clients streams; heartbeat seconds between keep-alive comments. */
sse_hub *sse_hub_new(unsigned ring, unsigned max_clients, unsigned heartbeat, metrics *m);
/* Ends every stream (they must all be gone before the daemon stops: see
 * sse_clients) then frees the hub once the last stream has closed. */
void sse_hub_close(sse_hub *h);
void sse_hub_free(sse_hub *h);
/* Publishes an event of type (story.created, story.updated, story.merged)
 * whose data is one JSON object (no newline). Returns its sequence number.
 * Wakes every waiting stream. Thread-safe. */
uint64_t sse_publish(sse_hub *h, const char *type, const char *json);
/* A streaming response for a new client of connection conn, starting after
 * last_id (the Last-Event-ID it sent, NULL for a new client: then only new
 * events are sent). NULL when the hub is full or closing. */
struct MHD_Response *sse_open(sse_hub *h, struct MHD_Connection *conn, const char *last_id);
/* Called about once a second: sends keep-alive comments that are due. */
void sse_tick(sse_hub *h);
unsigned sse_clients(sse_hub *h);
/* Id prefix of this process's events ("<boot>-<seq>"). */
const char *sse_boot(sse_hub *h);

/* ---------------------------------------------------------------- assets.c */

typedef struct asset {
    const char *path;  /* "/app.js" */
    const char *ctype;
    const char *etag;  /* quoted */
    const unsigned char *data;
    size_t len;
} asset;

/* The embedded file at path, or NULL. "/" and page routes map to index.html
 * in http.c, not here. */
const asset *asset_find(const char *path);

/* ---------------------------------------------------------------- cache.c */

typedef struct rcache rcache;

/* An immutable answer shared by the cache and the responses sending it. */
typedef struct cblob {
    _Atomic int refs;
    unsigned status;
    size_t len;
    rcache *owner;   /* counts its bytes while set */
    char data[];     /* NUL-terminated */
} cblob;

/* A cache of `slots` answers holding at most max_bytes. */
rcache *rcache_new(size_t slots, size_t max_bytes);
void rcache_free(rcache *c);
/* The answer for key at version, with a reference the caller releases
 * (cblob_release); or NULL: then when *claimed the caller computes the
 * answer and must call rcache_put with claimed = true (other threads
 * missing on the slot wait for it a moment). */
cblob *rcache_get(rcache *c, const char *key, size_t klen, uint64_t version, bool *claimed);
/* Stores an answer (data NULL: nothing to keep, only the claim released);
 * returns a blob of it with one reference for the caller (NULL if data was
 * NULL). Only a claimed computation is kept. */
cblob *rcache_put(rcache *c, const char *key, size_t klen, uint64_t version, bool claimed,
                  unsigned status, const char *data, size_t len);
/* Drops a reference (also the free callback of responses sending a blob). */
void cblob_release(void *b);

/* ---------------------------------------------------------------- server */

typedef struct writer writer;
typedef struct digester digester;

#define STORY_GENS 4096

typedef struct server {
    serve_opts o;
    struct MHD_Daemon *daemon;
    metrics m;
    sse_hub *hub;
    writer *w;
    digester *dg;
    _Atomic uint64_t version; /* bumped by every commit that changes what readers see */
    _Atomic uint64_t epoch;   /* bumped when anything may have changed (another process
                               * wrote, a recluster ran): every story answer is stale */
    _Atomic uint32_t story_gen[STORY_GENS]; /* bumped when story id % STORY_GENS changes */
    rcache *cache;
    _Atomic bool stopping;
    pthread_key_t reader_key; /* per pool thread: api.c's reader state */
    int64_t started;          /* Unix seconds */
    double t0;                /* monotonic seconds at start */
} server;

double serve_now(void); /* monotonic seconds */
/* Marks story id as changed (its cached answers go stale). */
void serve_story_changed(server *s, long long id);

/* A response being built by a handler. */
typedef struct reply {
    unsigned status;
    buf body;
    const char *ctype;
    const char *hdr[4][2]; /* extra headers (static strings or owned by hbuf) */
    int n_hdr;
    char hbuf[64];         /* storage for one formatted header value */
    struct MHD_Response *resp; /* a ready response (event streams): used as is */
    cblob *shared;         /* a cached answer: sent instead of body (one reference) */
    bool no_cache;         /* Cache-Control: no-store */
} reply;

void reply_init(reply *r);
void reply_free(reply *r);
/* A JSON error: {"error":{"code":code,"message":"A sentence."}}. */
void reply_error(reply *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void reply_header(reply *r, const char *name, const char *value);

/* ---------------------------------------------------------------- api.c */

/* Which route a method and path take. */
route api_route(const char *method, const char *url);
/* Answers a GET (HEAD too) of route rt at url into r. */
void api_get(server *s, struct MHD_Connection *conn, route rt, const char *url, reply *r);
/* Frees a pool thread's reader state (pthread key destructor). */
void api_reader_free(void *state);
/* Writes t as ISO 8601 UTC ("2026-03-14T06:10:00Z") into out (≥ 32 bytes);
 * "" for SL_TIME_NONE. */
void api_time(int64_t t, char *out);
/* Appends s HTML-escaped, with the bytes 0x02/0x03 turned into
 * <mark>/</mark> (how search snippets come out of SQLite). */
void api_snippet_html(buf *out, const char *s);
/* Turns what a person typed into an FTS5 query: each word a quoted
 * phrase, all required, the last one a prefix. Empty when q has no word. */
void api_fts_query(const char *q, buf *out);

/* ---------------------------------------------------------------- writer.c */

typedef enum wjob_kind { WJ_ARTICLES = 0, WJ_RECLUSTER, WJ_DIGEST } wjob_kind;

/* A digest rendered by the digester, for the writer to store. */
typedef struct wdigest_entity {
    char *key, *name;
    int kind;
    long long articles;
} wdigest_entity;

typedef struct wdigest {
    long long story, n_articles, updated_at; /* the story as digested */
    char *headline, *summary, *json;
    wdigest_entity *ents;
    size_t n_ents;
} wdigest;

void wdigest_free(wdigest *g);

/* A write waiting for the writer: made by a POST handler, which suspends
 * its connection; the writer fills the reply and resumes the connection. */
typedef struct wjob {
    wjob_kind kind;
    char *body;          /* owned */
    size_t len;
    const char *format;  /* reader name: "json", "jsonl", "html", "warc", "txt" */
    char *id_hint;       /* article id for a single HTML or text body (?id=), owned, or NULL */
    struct MHD_Connection *conn;
    reply r;             /* the answer, filled by the writer */
    buf items, errs;     /* writer's scratch: one JSON object per article, per problem */
    unsigned n_items, n_errs;
    unsigned counts[4];  /* new, updated, unchanged, failed */
    wdigest *dg;         /* WJ_DIGEST: what to store (owned) */
    _Atomic bool done;
    struct wjob *next;
} wjob;

/* Starts the writer on its own store connection. NULL (reported on stderr)
 * when the store cannot be opened. */
writer *writer_start(server *s);
/* Finishes the queued jobs, commits, stops the thread, closes the store;
 * from then on writer_submit refuses. */
void writer_stop(writer *w);
/* Frees a stopped writer (once no connection can submit any more). */
void writer_free(writer *w);
/* Queues j and suspends its connection, if it has one (MHD resumes it
 * when the job is done; a job without a connection is freed by the
 * writer). false when the queue is full or the writer stopping: the caller
 * answers 503 itself (or keeps its job), nothing is suspended. */
bool writer_submit(writer *w, wjob *j);
/* A job of that kind with an empty reply and scratch (aborts when memory
 * runs out); wjob_free frees it and what it owns. */
wjob *wjob_new(wjob_kind kind);
void wjob_free(wjob *j);

/* A story merged into another. */
typedef struct merged {
    long long id, into;
} merged;

/* Makes connection db log every story that gets a merged_into (an online
 * merge written by recluster_apply_merges, or a recluster): a TEMP table
 * and trigger of this connection only; rows of a rolled back transaction
 * go with it. 0 or -1. */
int merges_watch(sqlite3 *db);
/* The merges logged since the last call, oldest first, then forgotten:
 * malloc'd (NULL when none), *n of them. */
merged *merges_take(sqlite3 *db, size_t *n);

/* ---------------------------------------------------------------- digester.c */

/* The thread that renders story digests (on its own read connection) and
 * hands them to the writer. Stories are digested once due (digest_delay
 * after a change), oldest due first, and digests take at most a third of one
 * core, so that under a stream of posts they lag rather than slow answers. */

/* Starts it; every story whose stored digest is missing or older than the
 * story is due at once (most recent stories first). NULL when the store
 * cannot be opened. */
digester *digester_start(server *s);
/* Stops the thread (queued stories are left for the next start). */
void digester_stop(digester *d);
void digester_free(digester *d);
/* Story id is due for a digest at time `at` (serve_now() clock); a story
 * already waiting keeps its place. Thread-safe; a no-op once stopped. */
void digester_schedule(digester *d, long long story, double at);
/* Looks again for every story whose digest is missing or old. */
void digester_rescan(digester *d);

#endif
