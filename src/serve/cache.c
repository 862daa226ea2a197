/*
 * cache.c — answers to GET requests, shared by every HTTP thread.
 *
 * A direct-mapped table of slots, each holding one answer (key = path and
 * query, the version it was computed at, an immutable reference-counted
 * blob). A hit hands out a reference that libmicrohttpd sends without a
 * copy and releases when done. A miss claims the slot: the other threads
 * that miss on the same slot wait for that one computation instead of
 * repeating it (one computation per version, however many clients ask at
 * once). Versions are the caller's business: a story's answer is valid
 * while its story has not changed, a listing while nothing has.
 *
 * Locks are striped (slot index modulo the stripes) and held only for a
 * lookup or a swap, never while an answer is computed or sent. The bytes
 * held are capped: past the cap new answers are simply not kept.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

#define STRIPES 64
#define WAIT_MS 200 /* longest wait for another thread's computation */

typedef struct slot {
    char *key;
    size_t klen;
    uint64_t version;
    cblob *b;
    bool computing;
} slot;

struct rcache {
    slot *slots;
    size_t n;
    size_t max_bytes;
    _Atomic size_t bytes;
    pthread_mutex_t mu[STRIPES];
    pthread_cond_t cv[STRIPES];
};

rcache *rcache_new(size_t slots, size_t max_bytes)
{
    rcache *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->n = slots ? slots : 1;
    c->slots = calloc(c->n, sizeof *c->slots);
    if (!c->slots)
        abort();
    c->max_bytes = max_bytes;
    for (int i = 0; i < STRIPES; i++) {
        pthread_mutex_init(&c->mu[i], NULL);
        pthread_cond_init(&c->cv[i], NULL);
    }
    return c;
}

static void blob_drop(cblob *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
        if (b->owner)
            atomic_fetch_sub(&b->owner->bytes, b->len);
        free(b);
    }
}

void cblob_release(void *b) { blob_drop(b); }

void rcache_free(rcache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->slots[i].key);
        blob_drop(c->slots[i].b);
    }
    for (int i = 0; i < STRIPES; i++) {
        pthread_mutex_destroy(&c->mu[i]);
        pthread_cond_destroy(&c->cv[i]);
    }
    free(c->slots);
    free(c);
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static bool same(const slot *s, const char *key, size_t klen)
{
    return s->key && s->klen == klen && memcmp(s->key, key, klen) == 0;
}

cblob *rcache_get(rcache *c, const char *key, size_t klen, uint64_t version, bool *claimed)
{
    size_t i = hash(key, klen) % c->n;
    slot *s = &c->slots[i];
    pthread_mutex_t *mu = &c->mu[i % STRIPES];
    *claimed = false;
    pthread_mutex_lock(mu);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += WAIT_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    for (;;) {
        if (s->b && s->version == version && same(s, key, klen)) {
            cblob *b = s->b;
            atomic_fetch_add(&b->refs, 1);
            pthread_mutex_unlock(mu);
            return b;
        }
        if (!s->computing) {
            s->computing = true;
            *claimed = true;
            break;
        }
        /* another thread computes this slot's answer: wait for it, a while */
        if (pthread_cond_timedwait(&c->cv[i % STRIPES], mu, &until) != 0)
            break;
    }
    pthread_mutex_unlock(mu);
    return NULL;
}

cblob *rcache_put(rcache *c, const char *key, size_t klen, uint64_t version, bool claimed,
                  unsigned status, const char *data, size_t len)
{
    cblob *b = NULL;
    if (data) {
        b = malloc(sizeof *b + len + 1);
        if (!b)
            abort();
        atomic_init(&b->refs, 1);
        b->status = status;
        b->len = len;
        b->owner = NULL;
        memcpy(b->data, data, len);
        b->data[len] = 0;
    }
    size_t i = hash(key, klen) % c->n;
    slot *s = &c->slots[i];
    pthread_mutex_t *mu = &c->mu[i % STRIPES];
    pthread_mutex_lock(mu);
    if (claimed)
        s->computing = false;
    bool keep = b && claimed && atomic_load(&c->bytes) + len <= c->max_bytes;
    if (keep) {
        char *k = malloc(klen + 1);
        if (!k)
            abort();
        memcpy(k, key, klen);
        k[klen] = 0;
        free(s->key);
        s->key = k;
        s->klen = klen;
        s->version = version;
        cblob *old = s->b;
        s->b = b;
        b->owner = c;
        atomic_fetch_add(&c->bytes, len);
        atomic_fetch_add(&b->refs, 1); /* the slot's reference */
        pthread_mutex_unlock(mu);
        blob_drop(old);
    } else {
        pthread_mutex_unlock(mu);
    }
    if (claimed)
        pthread_cond_broadcast(&c->cv[i % STRIPES]);
    return b;
}
