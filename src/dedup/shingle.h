/*
 * shingle.h — word shingles: the set of k consecutive words of an article,
 * each hashed to 32 bits, sorted and without repeats. Two articles' shingle
 * sets give their resemblance (Jaccard) and how much of one is inside the
 * other (containment); MinHash signatures are computed from them.
 */
#ifndef SL_DEDUP_SHINGLE_H
#define SL_DEDUP_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"

typedef enum shingle_mode {
    SHINGLE_ALL = 0, /* every run of k words */
    SHINGLE_NOSTOP,  /* runs made only of stopwords left out */
    SHINGLE_SPOT     /* SpotSigs-like: a stopword anchor + the next k-1 non-stopwords */
} shingle_mode;

/* Scratch space reused from article to article (heap; shingle_free). */
typedef struct shingler {
    uint64_t *wh;  /* word hashes */
    uint8_t *stop; /* word is a stopword */
    uint32_t *out; /* the shingle set */
    uint32_t *tmp; /* radix sort buffer */
    size_t cap_w, cap_o;
    size_t words; /* words (non-punctuation tokens) of the last call */
} shingler;

void shingle_init(shingler *s);
void shingle_free(shingler *s);

/* Hash of one folded word, as shingles use it (XXH3 of the bytes). */
uint64_t shingle_word_hash(const char *norm, size_t len);

/* The shingle set of toks: folded non-punctuation tokens (norm), k words
 * per shingle. A text of 1..k-1 words gives one shingle of all its words;
 * no word gives none. In NOSTOP and SPOT modes, a text whose filtered set
 * would be empty falls back to SHINGLE_ALL. *out points into s (valid
 * until the next call); returns the count. */
size_t shingle_tokens(shingler *s, const sl_token *toks, size_t n_toks, unsigned k,
                      shingle_mode mode, const uint32_t **out);

/* The same from word hashes already computed (tests, benchmarks):
 * stop may be NULL (no stopwords). */
size_t shingle_words(shingler *s, const uint64_t *wh, const uint8_t *stop, size_t n_words,
                     unsigned k, shingle_mode mode, const uint32_t **out);

/* Sorts v[0..n) ascending (repeats kept); tmp must hold n values. */
void shingle_sort(uint32_t *v, size_t n, uint32_t *tmp);
/* Sorts v[0..n) ascending and removes repeats in place; returns the new n.
 * tmp must hold n values. */
size_t shingle_sort_unique(uint32_t *v, size_t n, uint32_t *tmp);

/* How two articles' shingle sets compare. */
typedef struct shingle_sims {
    size_t na, nb, common; /* set sizes and their intersection */
    double jaccard;        /* common / union (0 when both are empty) */
    double a_in_b, b_in_a; /* common / na, common / nb (0 for an empty set) */
} shingle_sims;

/* Shingles both articles (k words, mode) and compares the sets. */
void shingle_similarity(const sl_article *a, const sl_article *b, unsigned k, shingle_mode mode,
                        shingle_sims *out);

/* |a ∩ b| of two sorted, repeat-free sets. */
size_t shingle_overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

#endif
