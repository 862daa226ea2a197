/*
 * lsh.c — the band table of locality-sensitive hashing: band key → rids.
 *
 * The idea: open-addressing tables of 8-byte (key, rid) entries with
 * linear probing, where a key may appear many times (one entry per article
 * having that band). All entries of a key lie in one probe run, so a
 * lookup walks one run and stops at the first empty slot. Memory is
 * 8 bytes / load factor per (article, band) entry: at 32 bands and a load
 * between 0.47 and 0.7, about 370–550 bytes an article when no key is
 * saturated (fewer in streams with many copies), with no pointers and no
 * per-key allocation.
 *
 * Keys are hashes already, so their bits are uniform: the top 6 pick one
 * of 64 shards, each its own table, the other 26 the slot in it, by
 * "fastrange" (bits × cap / 2³²), so a capacity need not be a power of two
 * and a shard grows by half, not by doubling. A shard grows on its own, so
 * growing never holds two copies of the whole table at once (at a million
 * articles the table is ~300 MB; a shard's rehash needs 1/64 of that
 * beside it).
 *
 * Saturation: a key that already holds `sat` rids (8 by default) takes no
 * more. Without it, a template sent ten thousand times (same text,
 * changing numbers) would make every insert walk a run of ten thousand
 * entries; with it, work per insert and query is bounded, and nothing is
 * lost that matters: an article arriving later still finds the `sat`
 * holders of that key (and its own copies through its other bands). In a
 * stream with many copies it also saves a quarter of the entries (bands a
 * whole copy group shares are kept for its first members only).
 *
 * Removal uses backward-shift deletion, so no tombstones accumulate.
 *
 * Tables are mapped directly and large ones marked for transparent huge pages:
 * every lookup lands on a random page of a table of hundreds of MB, and
 * with 4 KB pages most of them would also miss the TLB.
 */
#include "lsh.h"

#include <string.h>
#include <sys/mman.h>

#include "grow.h"

#define LSH_MAX_LOAD 0.7

/* A zeroed table of cap entries, mapped directly so that freeing it gives
 * the memory back (through malloc, a freed table of a few MB would raise
 * glibc's mmap threshold and stay in the heap). */
static lsh_ent *table_alloc(size_t cap)
{
    size_t bytes = cap * sizeof(lsh_ent);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", bytes);
        abort();
    }
    if (bytes >= ((size_t)2 << 20))
        madvise(p, bytes, MADV_HUGEPAGE); /* a hint: fine if refused */
    return p;
}

static void table_free(lsh_ent *t, size_t cap)
{
    if (t)
        munmap(t, cap * sizeof *t);
}

void lsh_init(lsh *l, unsigned sat)
{
    memset(l, 0, sizeof *l);
    l->sat = sat ? sat : 1;
}

void lsh_free(lsh *l)
{
    for (int i = 0; i < LSH_SHARDS; i++) {
        table_free(l->s[i].t, l->s[i].cap);
        l->s[i].t = NULL;
        l->s[i].cap = l->s[i].len = 0;
    }
    l->len = 0;
}

static inline lsh_shard *shard_of(const lsh *l, uint32_t key)
{
    return (lsh_shard *)&l->s[key >> 26];
}

/* Slot where key's run starts: the key's lower 26 bits over the shard. */
static inline size_t home(uint32_t key, size_t cap)
{
    return (size_t)(((uint64_t)(uint32_t)(key << 6) * cap) >> 32);
}

static inline size_t next(size_t i, size_t cap)
{
    return i + 1 == cap ? 0 : i + 1;
}

static void rehash(lsh_shard *s, size_t cap)
{
    lsh_ent *old = s->t;
    size_t old_cap = s->cap;
    s->t = table_alloc(cap);
    s->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].key)
            continue;
        size_t j = home(old[i].key, cap);
        while (s->t[j].key)
            j = next(j, cap);
        s->t[j] = old[i];
    }
    table_free(old, old_cap);
}

#define LSH_MIN_CAP 256

void lsh_reserve(lsh *l, size_t n)
{
    /* keys spread evenly over the shards; a little slack for the spread */
    double per = (double)n / LSH_SHARDS;
    size_t need = (size_t)((per + 4 * __builtin_sqrt(per) + 16) / LSH_MAX_LOAD) + 1;
    for (int i = 0; i < LSH_SHARDS; i++)
        if (need > l->s[i].cap)
            rehash(&l->s[i], need < LSH_MIN_CAP ? LSH_MIN_CAP : need);
}

int lsh_add(lsh *l, uint32_t key, uint32_t rid)
{
    lsh_shard *s = shard_of(l, key);
    if ((double)(s->len + 1) > (double)s->cap * LSH_MAX_LOAD)
        rehash(s, s->cap < LSH_MIN_CAP ? LSH_MIN_CAP : s->cap + s->cap / 2);
    size_t i = home(key, s->cap);
    unsigned same = 0;
    while (s->t[i].key) {
        if (s->t[i].key == key && ++same >= l->sat)
            return 0;
        i = next(i, s->cap);
    }
    s->t[i].key = key;
    s->t[i].rid = rid;
    s->len++;
    l->len++;
    return 1;
}

/* Empties slot i and moves later entries of the run back over the gap. */
static void delete_at(lsh_shard *s, size_t i)
{
    size_t j = i;
    s->t[i].key = 0;
    for (;;) {
        j = next(j, s->cap);
        if (!s->t[j].key)
            break;
        size_t h = home(s->t[j].key, s->cap);
        /* the entry may move to i unless its home lies cyclically in (i, j] */
        int stays = i <= j ? (h > i && h <= j) : (h > i || h <= j);
        if (stays)
            continue;
        s->t[i] = s->t[j];
        s->t[j].key = 0;
        i = j;
    }
    s->len--;
}

int lsh_remove(lsh *l, uint32_t key, uint32_t rid)
{
    lsh_shard *s = shard_of(l, key);
    if (!s->cap)
        return 0;
    for (size_t i = home(key, s->cap); s->t[i].key; i = next(i, s->cap)) {
        if (s->t[i].key == key && s->t[i].rid == rid) {
            delete_at(s, i);
            l->len--;
            return 1;
        }
    }
    return 0;
}

size_t lsh_get(const lsh *l, uint32_t key, uint32_t *out, size_t max)
{
    const lsh_shard *s = shard_of(l, key);
    size_t n = 0;
    if (!s->cap)
        return 0;
    for (size_t i = home(key, s->cap); s->t[i].key && n < max; i = next(i, s->cap))
        if (s->t[i].key == key)
            out[n++] = s->t[i].rid;
    return n;
}

size_t lsh_bytes(const lsh *l)
{
    size_t b = 0;
    for (int i = 0; i < LSH_SHARDS; i++)
        b += l->s[i].cap * sizeof(lsh_ent);
    return b;
}
