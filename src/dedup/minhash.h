/*
 * minhash.h — MinHash signatures of shingle sets by one-permutation hashing
 * with densification, and their LSH band keys.
 */
#ifndef SL_DEDUP_MINHASH_H
#define SL_DEDUP_MINHASH_H

#include <stddef.h>
#include <stdint.h>

enum { MINHASH_MAX_BINS = 256 };

/* Signature of a non-empty shingle set sh[0..n) into sig[0..bins)
 * (1 ≤ bins ≤ MINHASH_MAX_BINS). The fraction of equal positions of two
 * signatures estimates the sets' Jaccard similarity. An empty set gives an
 * all-zero signature (callers do not index those). */
void minhash_sign(const uint32_t *sh, size_t n, unsigned bins, uint32_t *sig);

/* Fraction of equal positions of two signatures. */
double minhash_estimate(const uint32_t *a, const uint32_t *b, unsigned bins);

/* LSH band keys: band i hashes sig[i*rows .. (i+1)*rows) with its own seed
 * into keys[i], never 0 (0 marks an empty slot in the band table).
 * bands * rows must not exceed the signature length. */
void minhash_bands(const uint32_t *sig, unsigned bands, unsigned rows, uint32_t *keys);

#endif
