/*
 * index.h — the inverted index from a term to the active stories that have
 * it among their strongest terms: where candidate stories come from, so an
 * article is compared with a handful of stories, never with all of them.
 *
 * Postings are (story slot, generation) and are removed lazily: a story
 * that loses a term or leaves the active set leaves stale postings behind,
 * which readers skip (the caller checks them) and which a list sheds when
 * it is compacted. Lists are in posting order, so their tail holds the
 * stories that took the term most recently.
 */
#ifndef SL_STORY_INDEX_H
#define SL_STORY_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct posting {
    uint32_t slot, gen;
} posting;

/* A term's postings. Most terms are posted by one story only (a rare name,
 * a number): a list of one keeps its posting in place of the pointer, so
 * such a term costs no allocation. Read the postings with plist_at. */
typedef struct plist {
    union {
        posting *p;  /* cap > 1: heap */
        posting one; /* cap 1: the posting itself */
    };
    uint32_t n, cap;
    uint32_t n_after_compact; /* length after the last compaction */
} plist;

typedef struct story_index {
    uint64_t *keys;  /* 0 = empty */
    uint32_t *which; /* list number per key slot */
    size_t cap, used;
    plist *lists;
    size_t n_lists;
    size_t postings; /* total, stale ones included */
} story_index;

/* The postings of l, in posting order (l->n of them). */
static inline posting *plist_at(plist *l) { return l->cap > 1 ? l->p : &l->one; }

void index_init(story_index *ix);
void index_free(story_index *ix);
/* Drops every posting and term (the caller then posts the live ones). */
void index_clear(story_index *ix);

/* Appends (slot, gen) to term's list. */
void index_post(story_index *ix, uint64_t term, uint32_t slot, uint32_t gen);
/* term's list, or NULL if the term was never posted. */
plist *index_get(const story_index *ix, uint64_t term);

/* Keeps the postings for which keep(user, term, posting) is true (keep
 * must also say no to a second posting of the same slot); returns the
 * count dropped. */
typedef int (*index_keep_fn)(void *user, uint64_t term, posting p);
size_t index_compact(story_index *ix, plist *l, uint64_t term, index_keep_fn keep, void *user);

#endif
