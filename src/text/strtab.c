/*
 * strtab.c — open-addressing hash table of byte strings (linear probing,
 * xxHash3 keys). Keys are copied into a bump pool carved from an arena, so
 * a table costs two allocations per growth, never one per key.
 *
 * A table with a limit is a cache: when it holds `limit` entries it is
 * emptied (pool included) rather than grown, which bounds its memory on an
 * endless stream of new words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_res.h"

#define STRTAB_CHUNK 16384u

static void *strtab_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) {
        fprintf(stderr, "storyline: out of memory (string table), aborting\n");
        abort();
    }
    return p;
}

void strtab_init(strtab *t, size_t limit)
{
    memset(t, 0, sizeof *t);
    t->limit = limit;
}

void strtab_free(strtab *t)
{
    free(t->ents);
    arena_free(t->pool);
    memset(t, 0, sizeof *t);
}

static void strtab_place(strtab_ent *ents, size_t cap, const strtab_ent *e)
{
    size_t mask = cap - 1;
    size_t i = (size_t)e->h & mask;
    while (ents[i].key)
        i = (i + 1) & mask;
    ents[i] = *e;
}

static void strtab_resize(strtab *t, size_t cap)
{
    strtab_ent *ents = strtab_xcalloc(cap, sizeof *ents);
    for (size_t i = 0; i < t->cap; i++)
        if (t->ents[i].key)
            strtab_place(ents, cap, &t->ents[i]);
    free(t->ents);
    t->ents = ents;
    t->cap = cap;
}

static void strtab_clear(strtab *t)
{
    memset(t->ents, 0, t->cap * sizeof *t->ents);
    t->len = 0;
    if (t->pool)
        arena_reset(t->pool);
    t->pcur = NULL;
    t->pleft = 0;
}

/* NUL-terminated copy of s[0..n) in the table's pool. */
static const char *strtab_dup(strtab *t, const char *s, size_t n)
{
    if (n + 1 > t->pleft) {
        if (!t->pool)
            t->pool = arena_new();
        size_t want = n + 1 > STRTAB_CHUNK ? n + 1 : STRTAB_CHUNK;
        t->pcur = arena_alloc(t->pool, want);
        t->pleft = want;
    }
    char *p = t->pcur;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    t->pcur += n + 1;
    t->pleft -= n + 1;
    return p;
}

strtab_ent *strtab_add(strtab *t, uint64_t h, const char *s, size_t n)
{
    if (t->limit && t->len >= t->limit)
        strtab_clear(t);
    if ((t->len + 1) * 2 > t->cap)
        strtab_resize(t, t->cap ? t->cap * 2 : 256);
    strtab_ent e = {.h = h, .klen = n};
    e.key = strtab_dup(t, s, n);
    size_t mask = t->cap - 1;
    size_t i = (size_t)h & mask;
    while (t->ents[i].key)
        i = (i + 1) & mask;
    t->ents[i] = e;
    t->len++;
    return &t->ents[i];
}
