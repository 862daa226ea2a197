/*
 * wcache.c — the per-language word cache: surface bytes → norm, stem, flags.
 *
 * It is probed once per word token, so it is laid out for the memory
 * system rather than for generality: the index is an array of 8-byte slots
 * (a 32-bit hash tag and a record offset), and each record keeps its key,
 * norm, stem pointer and flags together in one pool, so a hit costs a slot
 * read and one or two cache lines of record. The cache is bounded: when
 * full it empties itself (stems stay valid: they are interned elsewhere).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_res.h"

#define WC_POOL_MAX (64u << 20) /* bytes of records before the cache empties */

static void *wc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "storyline: out of memory (word cache), aborting\n");
        abort();
    }
    return q;
}

void wcache_init(wcache *c, size_t limit)
{
    memset(c, 0, sizeof *c);
    c->limit = limit;
}

void wcache_free(wcache *c)
{
    free(c->slots);
    free(c->pool);
    memset(c, 0, sizeof *c);
}

static void wcache_clear(wcache *c)
{
    memset(c->slots, 0, c->cap * sizeof *c->slots);
    c->len = 0;
    c->plen = 0;
}

static void wcache_resize(wcache *c, size_t cap)
{
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        fprintf(stderr, "storyline: out of memory (word cache), aborting\n");
        abort();
    }
    for (size_t i = 0; i < c->cap; i++) {
        uint64_t s = c->slots[i];
        if (!s)
            continue;
        const wrec *r = (const wrec *)(c->pool + ((s & 0xFFFFFFFFu) - 1) * 8);
        size_t j = (size_t)r->h & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
}

wrec *wcache_add(wcache *c, uint64_t h, const char *key, size_t klen, const char *norm, size_t nlen)
{
    if (klen > 255 || nlen > 255)
        return NULL;
    size_t need = (sizeof(wrec) + klen + nlen + 1 + 7) & ~(size_t)7;
    if ((c->limit && c->len >= c->limit) || c->plen + need > WC_POOL_MAX)
        wcache_clear(c);
    if ((c->len + 1) * 2 > c->cap)
        wcache_resize(c, c->cap ? c->cap * 2 : 512);
    /* WREC_SLACK bytes past the last record stay readable (wide copies) */
    if (c->plen + need + WREC_SLACK > c->pcap) {
        size_t cap = c->pcap ? c->pcap * 2 : 16384;
        while (cap < c->plen + need + WREC_SLACK)
            cap *= 2;
        c->pool = wc_xrealloc(c->pool, cap);
        c->pcap = cap;
    }
    wrec *r = (wrec *)(c->pool + c->plen);
    memset(r, 0, sizeof *r);
    r->h = h;
    r->klen = (uint8_t)klen;
    r->nlen = (uint8_t)nlen;
    memcpy(r->bytes, key, klen);
    memcpy(r->bytes + klen, norm, nlen);
    r->bytes[klen + nlen] = 0;
    uint64_t slot = (h >> 32) << 32 | (uint64_t)(c->plen / 8 + 1);
    size_t j = (size_t)h & (c->cap - 1);
    while (c->slots[j])
        j = (j + 1) & (c->cap - 1);
    c->slots[j] = slot;
    c->plen += need;
    c->len++;
    return r;
}
