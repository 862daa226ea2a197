/*
 * arena.h — bump allocator for per-article memory.
 *
 * Everything an article owns is allocated here and freed at once with
 * arena_free(). Allocation never fails silently: on out-of-memory the
 * process aborts with a message (there is no sensible partial article).
 */
#ifndef SL_ARENA_H
#define SL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
struct sl_arena {
    arena_block *head;
    size_t total; /* bytes handed out, for accounting */
};
typedef struct sl_arena sl_arena;

sl_arena *arena_new(void);
void arena_free(sl_arena *a);
/* Resets to empty, keeping the first block for reuse. */
void arena_reset(sl_arena *a);
void *arena_alloc(sl_arena *a, size_t n);        /* 16-byte aligned, uninitialised */
void *arena_calloc(sl_arena *a, size_t n, size_t size);
char *arena_strndup(sl_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(sl_arena *a, const char *s);            /* NULL → "" */
char *arena_printf(sl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grows an arena array: returns a copy of old (n elements) with room for cap. */
void *arena_grow(sl_arena *a, void *old, size_t n, size_t cap, size_t size);

#endif
