/*
 * lsh.h — the LSH band table: a multimap from 32-bit band keys to article
 * row ids, kept compact enough for millions of articles in memory.
 */
#ifndef SL_DEDUP_LSH_H
#define SL_DEDUP_LSH_H

#include <stddef.h>
#include <stdint.h>

typedef struct lsh_ent {
    uint32_t key; /* 0: empty slot */
    uint32_t rid;
} lsh_ent;

enum { LSH_SHARDS = 64 }; /* tables, chosen by a key's top 6 bits */

typedef struct lsh_shard {
    lsh_ent *t;
    size_t cap, len;
} lsh_shard;

typedef struct lsh {
    lsh_shard s[LSH_SHARDS];
    size_t len;   /* entries in all shards */
    unsigned sat; /* at most this many rids are kept per key */
} lsh;

/* An empty table whose keys saturate at sat rids (≥ 1). */
void lsh_init(lsh *l, unsigned sat);
void lsh_free(lsh *l);
/* Makes room for n entries in all, so that adding them does not rehash. */
void lsh_reserve(lsh *l, size_t n);
/* Adds (key, rid), key ≠ 0. Returns 1, or 0 when key already holds sat
 * rids (the entry is then not needed: anything similar to rid finds those). */
int lsh_add(lsh *l, uint32_t key, uint32_t rid);
/* Removes the entry (key, rid); returns 1 if it was there. */
int lsh_remove(lsh *l, uint32_t key, uint32_t rid);
/* Rids stored under key, at most max of them, into out; returns the count. */
size_t lsh_get(const lsh *l, uint32_t key, uint32_t *out, size_t max);
/* Hints the CPU to load key's first slot: callers about to look up many
 * keys prefetch them all first, so the cache misses overlap. */
static inline void lsh_prefetch(const lsh *l, uint32_t key)
{
    const lsh_shard *s = &l->s[key >> 26];
    if (s->cap)
        __builtin_prefetch(&s->t[((uint64_t)(uint32_t)(key << 6) * s->cap) >> 32]);
}
/* Heap bytes held. */
size_t lsh_bytes(const lsh *l);

#endif
