/*
 * lsh.c — the band table of locality-sensitive hashing: band key → rids.
 *
 * The idea: one open-addressing table of 8-byte (key, rid) entries with
 * linear probing, where a key may appear many times (one entry per article
 * having that band). All entries of a key lie in one probe run, so a
 * lookup walks one run and stops at the first empty slot. Memory is
 * 8 bytes / load factor per (article, band): at 32 bands and ≤ 0.8 load,
 * about 320–480 bytes an article, with no pointers and no per-key
 * allocation. The table grows by half, not by doubling, so that a million
 * articles do not jump to twice the memory they need, and slots are found
 * by "fastrange" (key × cap / 2³²) so the capacity need not be a power of
 * two. Keys are hashes already, so their top bits are uniform.
 *
 * Saturation: a key that already holds `sat` rids takes no more. Without
 * it, a template sent ten thousand times (same text, changing numbers)
 * would make every insert walk a run of ten thousand entries; with it,
 * work per insert and query is bounded, and nothing is lost that matters:
 * an article arriving later still finds the `sat` holders of that key (and
 * its own copies through its other bands).
 *
 * Removal uses backward-shift deletion, so no tombstones accumulate.
 *
 * Large tables are mapped directly and marked for transparent huge pages:
 * every lookup lands on a random page of a table of hundreds of MB, and
 * with 4 KB pages most of them would also miss the TLB.
 */
#include "lsh.h"

#include <string.h>
#include <sys/mman.h>

#include "grow.h"

#define LSH_MAX_LOAD 0.7

#define LSH_MAP_MIN ((size_t)4 << 20) /* tables from 4 MB on are mmap'ed */

/* A zeroed table of cap entries. */
static lsh_ent *table_alloc(size_t cap)
{
    size_t bytes = cap * sizeof(lsh_ent);
    if (bytes < LSH_MAP_MIN)
        return grow_calloc(cap, sizeof(lsh_ent));
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", bytes);
        abort();
    }
    madvise(p, bytes, MADV_HUGEPAGE); /* a hint: fine if refused */
    return p;
}

static void table_free(lsh_ent *t, size_t cap)
{
    if (!t)
        return;
    if (cap * sizeof *t < LSH_MAP_MIN)
        free(t);
    else
        munmap(t, cap * sizeof *t);
}

void lsh_init(lsh *l, unsigned sat)
{
    memset(l, 0, sizeof *l);
    l->sat = sat ? sat : 1;
}

void lsh_free(lsh *l)
{
    table_free(l->t, l->cap);
    l->t = NULL;
    l->cap = l->len = 0;
}

static inline size_t home(uint32_t key, size_t cap)
{
    return (size_t)(((uint64_t)key * cap) >> 32);
}

static inline size_t next(size_t i, size_t cap)
{
    return i + 1 == cap ? 0 : i + 1;
}

static void rehash(lsh *l, size_t cap)
{
    lsh_ent *old = l->t;
    size_t old_cap = l->cap;
    l->t = table_alloc(cap);
    l->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].key)
            continue;
        size_t j = home(old[i].key, cap);
        while (l->t[j].key)
            j = next(j, cap);
        l->t[j] = old[i];
    }
    table_free(old, old_cap);
}

void lsh_reserve(lsh *l, size_t n)
{
    size_t need = (size_t)((double)n / LSH_MAX_LOAD) + 1;
    if (need > l->cap)
        rehash(l, need < 1024 ? 1024 : need);
}

int lsh_add(lsh *l, uint32_t key, uint32_t rid)
{
    if ((double)(l->len + 1) > (double)l->cap * LSH_MAX_LOAD)
        rehash(l, l->cap < 1024 ? 1024 : l->cap + l->cap / 2);
    size_t i = home(key, l->cap);
    unsigned same = 0;
    while (l->t[i].key) {
        if (l->t[i].key == key && ++same >= l->sat)
            return 0;
        i = next(i, l->cap);
    }
    l->t[i].key = key;
    l->t[i].rid = rid;
    l->len++;
    return 1;
}

/* Empties slot i and moves later entries of the run back over the gap. */
static void delete_at(lsh *l, size_t i)
{
    size_t j = i;
    l->t[i].key = 0;
    for (;;) {
        j = next(j, l->cap);
        if (!l->t[j].key)
            break;
        size_t h = home(l->t[j].key, l->cap);
        /* the entry may move to i unless its home lies cyclically in (i, j] */
        int stays = i <= j ? (h > i && h <= j) : (h > i || h <= j);
        if (stays)
            continue;
        l->t[i] = l->t[j];
        l->t[j].key = 0;
        i = j;
    }
    l->len--;
}

int lsh_remove(lsh *l, uint32_t key, uint32_t rid)
{
    if (!l->cap)
        return 0;
    for (size_t i = home(key, l->cap); l->t[i].key; i = next(i, l->cap)) {
        if (l->t[i].key == key && l->t[i].rid == rid) {
            delete_at(l, i);
            return 1;
        }
    }
    return 0;
}

size_t lsh_get(const lsh *l, uint32_t key, uint32_t *out, size_t max)
{
    size_t n = 0;
    if (!l->cap)
        return 0;
    for (size_t i = home(key, l->cap); l->t[i].key && n < max; i = next(i, l->cap))
        if (l->t[i].key == key)
            out[n++] = l->t[i].rid;
    return n;
}

size_t lsh_bytes(const lsh *l)
{
    return l->cap * sizeof *l->t;
}
