/*
 * metrics.h — how close a clustering is to a gold one.
 *
 * Library code, so that `storyline eval clusters`, the benchmarks and the
 * tests compute the same numbers. Items are given as two label arrays of
 * the same length (pred[i], gold[i]: the clusters of item i); labels are
 * arbitrary integers, only equality matters.
 *
 * Measures (all in [0, 1] except ARI, which can go below 0):
 *   - B-cubed precision/recall/F1 (Bagga & Baldwin 1998): per item, the
 *     share of its predicted cluster that is in its gold cluster (P) and the
 *     share of its gold cluster that is in its predicted cluster (R),
 *     averaged over items.
 *   - pairwise precision/recall/F1 (the measure of Miranda et al. 2018):
 *     over the pairs of items put together by pred (P) or by gold (R).
 *     With no pair on a side, that side's measure is 1 (nothing claimed,
 *     nothing wrong).
 *   - NMI: mutual information over the arithmetic mean of the two entropies
 *     (scikit-learn's default normalisation); 1 when both sides are a single
 *     cluster.
 *   - ARI: Hubert & Arabie's adjusted Rand index; 1 when the expected and
 *     maximum index coincide (e.g. both sides all singletons).
 */
#ifndef SL_METRICS_H
#define SL_METRICS_H

#include <stddef.h>
#include <stdint.h>

typedef struct metrics_scores {
    size_t n;              /* items scored */
    size_t n_pred, n_gold; /* clusters on each side */
    double b3_p, b3_r, b3_f1;
    double pair_p, pair_r, pair_f1;
    double pairs_pred, pairs_gold, pairs_both; /* pair counts */
    double nmi, ari;
} metrics_scores;

/* Scores pred against gold over n items. n == 0 gives all measures 1 and
 * zero counts. Allocates O(n) temporary memory (aborts if it cannot). */
void metrics_score(const int64_t *pred, const int64_t *gold, size_t n, metrics_scores *out);

/* Harmonic mean of p and r (0 when both are 0). */
double metrics_f1(double p, double r);

#endif
