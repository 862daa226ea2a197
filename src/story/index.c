/*
 * index.c — term → posting list, open addressing on the term hash; the
 * lists live in one growable array so a key slot holds a small number, and
 * a list of one posting holds it in place (plist_at).
 */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "vector.h"

void index_init(story_index *ix)
{
    memset(ix, 0, sizeof *ix);
    ix->cap = 1024;
    ix->keys = calloc(ix->cap, sizeof *ix->keys);
    ix->which = calloc(ix->cap, sizeof *ix->which);
    if (!ix->keys || !ix->which)
        abort();
}

void index_free(story_index *ix)
{
    for (size_t i = 0; i < ix->n_lists; i++)
        if (ix->lists[i].cap > 1)
            free(ix->lists[i].p);
    free(ix->lists);
    free(ix->keys);
    free(ix->which);
    memset(ix, 0, sizeof *ix);
}

void index_clear(story_index *ix)
{
    index_free(ix);
    index_init(ix);
}

static size_t probe(const story_index *ix, uint64_t key)
{
    size_t mask = ix->cap - 1, i = (size_t)(key ^ (key >> 31)) & mask;
    while (ix->keys[i] && ix->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static void grow(story_index *ix)
{
    story_index old = *ix;
    ix->cap *= 2;
    ix->keys = calloc(ix->cap, sizeof *ix->keys);
    ix->which = calloc(ix->cap, sizeof *ix->which);
    if (!ix->keys || !ix->which)
        abort();
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.keys[i])
            continue;
        size_t j = probe(ix, old.keys[i]);
        ix->keys[j] = old.keys[i];
        ix->which[j] = old.which[i];
    }
    free(old.keys);
    free(old.which);
}

plist *index_get(const story_index *ix, uint64_t term)
{
    term = term ? term : 1;
    size_t i = probe(ix, term);
    return ix->keys[i] ? &ix->lists[ix->which[i]] : NULL;
}

void index_post(story_index *ix, uint64_t term, uint32_t slot, uint32_t gen)
{
    term = term ? term : 1;
    size_t i = probe(ix, term);
    if (!ix->keys[i]) {
        if ((ix->used + 1) * 2 > ix->cap) {
            grow(ix);
            i = probe(ix, term);
        }
        if ((ix->n_lists & (ix->n_lists - 1)) == 0) /* power of two: double */
            ix->lists = sv_xrealloc(ix->lists, (ix->n_lists ? ix->n_lists * 2 : 1) *
                                                   sizeof *ix->lists);
        ix->keys[i] = term;
        ix->which[i] = (uint32_t)ix->n_lists;
        memset(&ix->lists[ix->n_lists++], 0, sizeof(plist));
        ix->used++;
    }
    plist *l = &ix->lists[ix->which[i]];
    if (l->n == l->cap) {
        if (l->cap == 0) {
            l->cap = 1; /* in place */
        } else if (l->cap == 1) {
            posting first = l->one;
            l->p = sv_xrealloc(NULL, 4 * sizeof *l->p);
            l->p[0] = first;
            l->cap = 4;
        } else {
            l->cap *= 2;
            l->p = sv_xrealloc(l->p, l->cap * sizeof *l->p);
        }
    }
    plist_at(l)[l->n++] = (posting){slot, gen};
    ix->postings++;
}

size_t index_compact(story_index *ix, plist *l, uint64_t term, index_keep_fn keep, void *user)
{
    uint32_t k = 0;
    posting *ps = plist_at(l);
    for (uint32_t i = 0; i < l->n; i++) {
        posting p = ps[i];
        if (keep(user, term, p))
            ps[k++] = p;
    }
    size_t dropped = l->n - k;
    ix->postings -= dropped;
    l->n = k;
    l->n_after_compact = k;
    if (l->cap > 16 && k < l->cap / 4) {
        l->cap = k < 4 ? 4 : k * 2;
        l->p = sv_xrealloc(l->p, l->cap * sizeof *l->p);
    }
    return dropped;
}
