/*
 * minhash.c — one-permutation MinHash with optimal densification.
 *
 * Classic MinHash applies K hash functions to every shingle and keeps K
 * minima: K × |set| hash evaluations (≈ 45,000 for a 350-shingle article
 * and K = 128), which alone would cost more than the whole analysis of the
 * article. One-permutation hashing (Li, Owen, Zhang 2012) hashes each
 * shingle once: the top bits of the hash pick one of K bins, the low bits
 * compete for the bin's minimum. Two sets agree on a bin with probability
 * equal to their Jaccard similarity, as with K permutations, for the cost
 * of |set| hashes. Bins that no shingle fell into (short texts) borrow the
 * value of a non-empty bin chosen by a fixed pseudo-random probe sequence
 * of the bin's index (Shrivastava 2017, "optimal densification"): two sets
 * with the same non-empty bins borrow the same way, which keeps the
 * agreement probability close to the Jaccard similarity.
 *
 * Signatures and band keys are functions of the 32-bit shingle values
 * only, so they can be rebuilt from the stored shingle sets.
 */
#include "minhash.h"

#include <stdbool.h>
#include <string.h>
#include <xxhash.h>

static inline uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

/* Maps a 32-bit value onto [0, n) without a division. */
static inline unsigned fastrange(uint32_t x, unsigned n)
{
    return (unsigned)(((uint64_t)x * n) >> 32);
}

static void densify(uint32_t *sig, const bool *full, unsigned bins)
{
    for (unsigned i = 0; i < bins; i++) {
        if (full[i])
            continue;
        unsigned j = bins;
        for (uint64_t attempt = 1; attempt <= 4096; attempt++) {
            unsigned c = fastrange((uint32_t)(mix64(((uint64_t)i << 32) | attempt) >> 32), bins);
            if (full[c]) {
                j = c;
                break;
            }
        }
        if (j == bins) /* (astronomically unlikely) fall back to the next full bin */
            for (unsigned d = 1; d <= bins; d++)
                if (full[(i + d) % bins]) {
                    j = (i + d) % bins;
                    break;
                }
        sig[i] = sig[j];
    }
}

void minhash_sign(const uint32_t *sh, size_t n, unsigned bins, uint32_t *sig)
{
    bool full[MINHASH_MAX_BINS];
    if (bins > MINHASH_MAX_BINS)
        bins = MINHASH_MAX_BINS;
    memset(full, 0, bins * sizeof full[0]);
    for (unsigned i = 0; i < bins; i++)
        sig[i] = UINT32_MAX;
    if (n == 0) {
        memset(sig, 0, bins * sizeof sig[0]);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t m = mix64(sh[i]);
        unsigned b = fastrange((uint32_t)(m >> 32), bins);
        uint32_t v = (uint32_t)m;
        full[b] = true;
        if (v < sig[b])
            sig[b] = v;
    }
    densify(sig, full, bins);
}

double minhash_estimate(const uint32_t *a, const uint32_t *b, unsigned bins)
{
    if (bins == 0)
        return 0;
    unsigned eq = 0;
    for (unsigned i = 0; i < bins; i++)
        eq += a[i] == b[i];
    return (double)eq / bins;
}

void minhash_bands(const uint32_t *sig, unsigned bands, unsigned rows, uint32_t *keys)
{
    for (unsigned i = 0; i < bands; i++) {
        uint32_t k =
            (uint32_t)XXH3_64bits_withSeed(sig + (size_t)i * rows, rows * sizeof sig[0], i + 1);
        keys[i] = k ? k : 1;
    }
}
