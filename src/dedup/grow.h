/*
 * grow.h — the one allocation helper the dedup module shares: growing a
 * heap array. Out of memory aborts with a message, as the arena does: an
 * index with a hole in it is worse than no index.
 */
#ifndef SL_DEDUP_GROW_H
#define SL_DEDUP_GROW_H

#include <stdio.h>
#include <stdlib.h>

/* Makes *p (an array of *cap elements of size bytes) hold at least need
 * elements, at least doubling; new elements are uninitialised. */
static inline void grow_array(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(*(void **)p, c * size);
    if (!q) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", c * size);
        abort();
    }
    *(void **)p = q;
    *cap = c;
}

/* calloc that aborts on failure. */
static inline void *grow_calloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size);
    if (!q) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", n * size);
        abort();
    }
    return q;
}

#endif
