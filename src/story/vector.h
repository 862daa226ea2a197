/*
 * vector.h — sparse weighted term vectors, the unit of story similarity.
 *
 * A term is a 64-bit hash of (sub-space, language, string); a vector is an
 * array of (term, weight) sorted by term, so a dot product is one merge.
 * Story centroids are sums of member vectors cut to their K heaviest terms:
 * memory per story is fixed however many articles it has.
 */
#ifndef SL_STORY_VECTOR_H
#define SL_STORY_VECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sv_entry {
    uint64_t term;
    float w;
    uint16_t lang; /* language slot + 1 of a per-language term, 0 for shared terms */
} sv_entry;

typedef struct svec {
    sv_entry *e; /* sorted by term, terms unique; heap, owned */
    uint32_t n, cap;
    float norm; /* Euclidean norm of the weights (kept up to date by sv_*) */
} svec;

/* Aborts on out-of-memory: a story state with a hole is worse than none. */
void *sv_xrealloc(void *p, size_t n);

void sv_free(svec *v);
void sv_reserve(svec *v, uint32_t cap);
void sv_copy(svec *dst, const svec *src);

/* Dot product of two sorted vectors. */
double sv_dot(const svec *a, const svec *b);
/* Cosine; 0 when either is empty. */
double sv_cos(const svec *a, const svec *b);
/* Cosine of a with the part of b in language lang (lang 0: all of b), so
 * that a story told in several languages matches an article in each as
 * well as a story in that language only. *has_lang (may be NULL) says
 * whether b has any term of that language. */
double sv_cos_lang(const svec *a, const svec *b, uint16_t lang, bool *has_lang);

/* Containment of a in b: the share of a's squared weight on terms that b
 * also has (0 when a is empty). Unlike the cosine it does not fall as b
 * grows broad: an article whose names all appear in a long story's
 * centroid is contained in it, however many other names the story has. */
double sv_contain(const svec *a, const svec *b);

/* Sorts e[0..n) by term, merging duplicates (weights summed). Returns the
 * new count. */
uint32_t sv_sort_terms(sv_entry *e, uint32_t n);

/* Moves the k heaviest entries of e[0..n) (ties by term: the result does
 * not depend on input order) to e[0..k), in no particular order. */
void sv_select_top(sv_entry *e, uint32_t n, uint32_t k);

/* Keeps the k heaviest entries of a term-sorted vector (ties by term, so
 * the result does not depend on input order), sorted by term again;
 * recomputes the norm. */
void sv_truncate(svec *v, uint32_t k);

/* Multiplies every weight by f (> 0). */
void sv_scale(svec *v, float f);

/* Scales the weights to unit norm (no-op on an empty vector). */
void sv_normalize(svec *v);

/* acc += s * x, then keeps the k heaviest terms. tmp is scratch space the
 * caller keeps between calls (grown as needed); acc's array grows only to
 * the terms it keeps. */
void sv_add(svec *acc, const svec *x, float s, uint32_t k, svec *tmp);

void sv_recompute_norm(svec *v);

#endif
