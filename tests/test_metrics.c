/*
 * test_metrics.c — the clustering measures against cases computed by hand
 * (the arithmetic is written next to each expected value).
 */
#include <math.h>

#include "../src/eval/metrics.h"
#include "harness.h"

#define CHECK_NEAR(a, b)                                                                   \
    do {                                                                                   \
        double x_ = (a), y_ = (b);                                                         \
        if (!(fabs(x_ - y_) < 1e-9))                                                       \
            harness_fail(__FILE__, __LINE__, "%s == %.12f, expected %.12f", #a, x_, y_);  \
    } while (0)

/* gold a a a b b, pred 1 1 2 2 2: cells (1,a)=2 (2,a)=1 (2,b)=2; pred sizes 2,3;
 * gold sizes 3,2. */
TEST(metrics_mixed_case)
{
    int64_t gold[] = {10, 10, 10, 20, 20}, pred[] = {1, 1, 2, 2, 2};
    metrics_scores s;
    metrics_score(pred, gold, 5, &s);
    CHECK_INT(s.n, 5);
    CHECK_INT(s.n_pred, 2);
    CHECK_INT(s.n_gold, 2);
    /* P = (2²/2 + 1²/3 + 2²/3) / 5 = 11/15; R = (2²/3 + 1²/3 + 2²/2) / 5 = 11/15 */
    CHECK_NEAR(s.b3_p, 11.0 / 15);
    CHECK_NEAR(s.b3_r, 11.0 / 15);
    CHECK_NEAR(s.b3_f1, 11.0 / 15);
    /* pairs together in both: C(2,2)+C(1,2)+C(2,2) = 2; pred pairs 1+3 = 4; gold 3+1 = 4 */
    CHECK_NEAR(s.pairs_both, 2);
    CHECK_NEAR(s.pairs_pred, 4);
    CHECK_NEAR(s.pairs_gold, 4);
    CHECK_NEAR(s.pair_p, 0.5);
    CHECK_NEAR(s.pair_r, 0.5);
    CHECK_NEAR(s.pair_f1, 0.5);
    /* ARI: expected 4·4/C(5,2) = 1.6, maximum (4+4)/2 = 4: (2-1.6)/(4-1.6) = 1/6 */
    CHECK_NEAR(s.ari, 1.0 / 6);
    /* MI = .4 ln(10/6) + .2 ln(5/9) + .4 ln(10/6); H = -(.4 ln .4 + .6 ln .6) both sides */
    double mi = 0.4 * log(10.0 / 6) + 0.2 * log(5.0 / 9) + 0.4 * log(10.0 / 6);
    double h = -(0.4 * log(0.4) + 0.6 * log(0.6));
    CHECK_NEAR(s.nmi, mi / h);
    CHECK(fabs(s.nmi - 0.43253806) < 1e-6);
}

TEST(metrics_perfect_match_up_to_renaming)
{
    int64_t gold[] = {7, 7, 3, 3, 3, 9}, pred[] = {-1, -1, 42, 42, 42, 0};
    metrics_scores s;
    metrics_score(pred, gold, 6, &s);
    CHECK_NEAR(s.b3_p, 1);
    CHECK_NEAR(s.b3_r, 1);
    CHECK_NEAR(s.pair_f1, 1);
    CHECK_NEAR(s.nmi, 1);
    CHECK_NEAR(s.ari, 1);
}

/* Everything in one predicted cluster; gold a a b b. */
TEST(metrics_one_big_cluster)
{
    int64_t gold[] = {1, 1, 2, 2}, pred[] = {5, 5, 5, 5};
    metrics_scores s;
    metrics_score(pred, gold, 4, &s);
    /* P = (2²/4 + 2²/4)/4 = 1/2, R = (2²/2 + 2²/2)/4 = 1 */
    CHECK_NEAR(s.b3_p, 0.5);
    CHECK_NEAR(s.b3_r, 1);
    CHECK_NEAR(s.b3_f1, 2 * 0.5 / 1.5);
    /* both 1+1 = 2, pred C(4,2) = 6, gold 1+1 = 2 */
    CHECK_NEAR(s.pair_p, 2.0 / 6);
    CHECK_NEAR(s.pair_r, 1);
    /* expected 6·2/6 = 2 = both: ARI 0; no information: NMI 0 */
    CHECK_NEAR(s.ari, 0);
    CHECK_NEAR(s.nmi, 0);
}

/* Every item alone; gold a a b. */
TEST(metrics_all_singletons)
{
    int64_t gold[] = {1, 1, 2}, pred[] = {1, 2, 3};
    metrics_scores s;
    metrics_score(pred, gold, 3, &s);
    /* P = 1, R = (1/2 + 1/2 + 1)/3 = 2/3 */
    CHECK_NEAR(s.b3_p, 1);
    CHECK_NEAR(s.b3_r, 2.0 / 3);
    CHECK_NEAR(s.b3_f1, 0.8);
    /* no predicted pair: P = 1 by convention; the gold pair is missed: R = 0 */
    CHECK_NEAR(s.pair_p, 1);
    CHECK_NEAR(s.pair_r, 0);
    CHECK_NEAR(s.pair_f1, 0);
    CHECK_NEAR(s.ari, 0);
    /* MI = H(gold) = -(2/3 ln 2/3 + 1/3 ln 1/3); H(pred) = ln 3 */
    double hg = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3));
    CHECK_NEAR(s.nmi, hg / ((hg + log(3)) / 2));
}

TEST(metrics_swapping_sides_swaps_precision_and_recall)
{
    int64_t a[] = {1, 1, 1, 2, 2, 3, 3, 3, 3}, b[] = {4, 4, 5, 5, 5, 5, 6, 6, 4};
    metrics_scores ab, ba;
    metrics_score(a, b, 9, &ab);
    metrics_score(b, a, 9, &ba);
    CHECK_NEAR(ab.b3_p, ba.b3_r);
    CHECK_NEAR(ab.b3_r, ba.b3_p);
    CHECK_NEAR(ab.pair_p, ba.pair_r);
    CHECK_NEAR(ab.pair_r, ba.pair_p);
    CHECK_NEAR(ab.nmi, ba.nmi);
    CHECK_NEAR(ab.ari, ba.ari);
    CHECK(ab.b3_p < 1 && ab.b3_r < 1);
}

/* A split of one gold cluster in two halves: precision stays 1, recall drops. */
TEST(metrics_split_cluster)
{
    int64_t gold[] = {1, 1, 1, 1, 2, 2}, pred[] = {1, 1, 3, 3, 2, 2};
    metrics_scores s;
    metrics_score(pred, gold, 6, &s);
    CHECK_NEAR(s.b3_p, 1);
    /* R = (4·(2/4) + 2·1)/6 = 4/6 */
    CHECK_NEAR(s.b3_r, 4.0 / 6);
    /* both 1+1+1 = 3; gold C(4,2)+1 = 7 */
    CHECK_NEAR(s.pair_p, 1);
    CHECK_NEAR(s.pair_r, 3.0 / 7);
    /* ARI: pred pairs 3, expected 3·7/15 = 1.4, max 5: (3-1.4)/(5-1.4) */
    CHECK_NEAR(s.ari, 1.6 / 3.6);
}

TEST(metrics_degenerate_sizes)
{
    metrics_scores s;
    metrics_score(NULL, NULL, 0, &s);
    CHECK_INT(s.n, 0);
    CHECK_NEAR(s.b3_f1, 1);
    CHECK_NEAR(s.pair_f1, 1);
    int64_t one[] = {4}, other[] = {9};
    metrics_score(one, other, 1, &s);
    CHECK_NEAR(s.b3_f1, 1);
    CHECK_NEAR(s.nmi, 1);
    CHECK_NEAR(s.ari, 1);
    CHECK(!isnan(s.ari) && !isnan(s.nmi));
    CHECK_NEAR(metrics_f1(0, 0), 0);
    CHECK_NEAR(metrics_f1(1, 0.5), 2.0 / 3);
}

/* Large labels and many clusters: sums stay exact enough. */
TEST(metrics_many_items)
{
    enum { N = 100000 };
    static int64_t gold[N], pred[N];
    for (int i = 0; i < N; i++) {
        gold[i] = (int64_t)(i / 10) * 1000003; /* clusters of 10 */
        pred[i] = i / 5;                       /* clusters of 5, each inside one gold */
    }
    metrics_scores s;
    metrics_score(pred, gold, N, &s);
    CHECK_INT(s.n_gold, N / 10);
    CHECK_INT(s.n_pred, N / 5);
    CHECK_NEAR(s.b3_p, 1);
    CHECK_NEAR(s.b3_r, 0.5);
    /* per gold cluster: 2·C(5,2) = 20 of C(10,2) = 45 pairs */
    CHECK_NEAR(s.pair_r, 20.0 / 45);
}
