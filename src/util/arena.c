/*
 * arena.c — bump allocator: a chain of blocks, the newest first. Large
 * requests get a block of their own so a big article does not waste space.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024u)

struct arena_block {
    arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", n);
        abort();
    }
    return p;
}

static arena_block *block_new(size_t cap)
{
    arena_block *b = xmalloc(sizeof *b + cap);
    b->next = NULL;
    b->used = 0;
    b->cap = cap;
    return b;
}

sl_arena *arena_new(void)
{
    sl_arena *a = xmalloc(sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    a->total = 0;
    return a;
}

void arena_free(sl_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void arena_reset(sl_arena *a)
{
    arena_block *b = a->head, *keep = NULL;
    while (b) {
        arena_block *n = b->next;
        if (!n && b->cap == ARENA_BLOCK)
            keep = b;
        else
            free(b);
        b = n;
    }
    if (!keep)
        keep = block_new(ARENA_BLOCK);
    keep->used = 0;
    keep->next = NULL;
    a->head = keep;
    a->total = 0;
}

void *arena_alloc(sl_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    arena_block *b = a->head;
    if (b->used + n > b->cap) {
        if (n > ARENA_BLOCK / 4) {
            /* big request: own block, linked behind the current one */
            arena_block *big = block_new(n);
            big->used = n;
            big->next = b->next;
            b->next = big;
            a->total += n;
            return big->data;
        }
        b = block_new(ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *arena_calloc(sl_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        fprintf(stderr, "storyline: allocation overflow, aborting\n");
        abort();
    }
    void *p = arena_alloc(a, n * size);
    memset(p, 0, n * size);
    return p;
}

char *arena_strndup(sl_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(sl_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : arena_strndup(a, "", 0);
}

char *arena_printf(sl_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(sl_arena *a, void *old, size_t n, size_t cap, size_t size)
{
    void *p = arena_calloc(a, cap, size);
    if (old && n)
        memcpy(p, old, n * size);
    return p;
}
