/*
 * metrics.c — clustering measures from the contingency table.
 *
 * Every measure is a function of the cells n_ij (items in predicted cluster
 * i and gold cluster j) and of the margins a_i, b_j. The table is built by
 * sorting (pred, gold) pairs, so the cost is O(n log n) and memory O(n),
 * whatever the number of clusters: a million items score in well under a
 * second.
 */
#include <math.h>
#include <stdlib.h>

#include "metrics.h"

typedef struct pair {
    int64_t p, g;
} pair;

typedef struct margin {
    int64_t label;
    double size;
} margin;

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->p != y->p)
        return (x->p > y->p) - (x->p < y->p);
    return (x->g > y->g) - (x->g < y->g);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

/* Cluster sizes of labels[0..n): sorted by label; returns the count. */
static size_t margins(const int64_t *labels, size_t n, margin **out)
{
    int64_t *s = xmalloc(n * sizeof *s);
    for (size_t i = 0; i < n; i++)
        s[i] = labels[i];
    qsort(s, n, sizeof *s, cmp_i64);
    margin *m = xmalloc(n * sizeof *m);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && m[k - 1].label == s[i])
            m[k - 1].size += 1;
        else
            m[k++] = (margin){s[i], 1};
    }
    free(s);
    *out = m;
    return k;
}

static double margin_of(const margin *m, size_t k, int64_t label)
{
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m[mid].label < label)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < k && m[lo].label == label ? m[lo].size : 0;
}

static double pairs(double x) { return x * (x - 1) / 2; }

static double entropy(const margin *m, size_t k, double n)
{
    double h = 0;
    for (size_t i = 0; i < k; i++)
        h -= m[i].size / n * log(m[i].size / n);
    return h;
}

double metrics_f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

void metrics_score(const int64_t *pred, const int64_t *gold, size_t n, metrics_scores *out)
{
    *out = (metrics_scores){.n = n, .b3_p = 1, .b3_r = 1, .b3_f1 = 1, .pair_p = 1, .pair_r = 1,
                            .pair_f1 = 1, .nmi = 1, .ari = 1};
    if (n == 0)
        return;
    margin *ma, *mb;
    size_t ka = margins(pred, n, &ma), kb = margins(gold, n, &mb);
    pair *c = xmalloc(n * sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = (pair){pred[i], gold[i]};
    qsort(c, n, sizeof *c, cmp_pair);

    double dn = (double)n, b3p = 0, b3r = 0, both = 0, mi = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && c[j].p == c[i].p && c[j].g == c[i].g)
            j++;
        double nij = (double)(j - i);
        double a = margin_of(ma, ka, c[i].p), b = margin_of(mb, kb, c[i].g);
        b3p += nij * nij / a;
        b3r += nij * nij / b;
        both += pairs(nij);
        mi += nij / dn * log(dn * nij / (a * b));
        i = j;
    }
    double sa = 0, sb = 0;
    for (size_t i = 0; i < ka; i++)
        sa += pairs(ma[i].size);
    for (size_t i = 0; i < kb; i++)
        sb += pairs(mb[i].size);

    out->n_pred = ka;
    out->n_gold = kb;
    out->b3_p = b3p / dn;
    out->b3_r = b3r / dn;
    out->b3_f1 = metrics_f1(out->b3_p, out->b3_r);
    out->pairs_pred = sa;
    out->pairs_gold = sb;
    out->pairs_both = both;
    out->pair_p = sa > 0 ? both / sa : 1;
    out->pair_r = sb > 0 ? both / sb : 1;
    out->pair_f1 = metrics_f1(out->pair_p, out->pair_r);

    double ha = entropy(ma, ka, dn), hb = entropy(mb, kb, dn);
    if (ha + hb > 0)
        out->nmi = fmax(0, mi / ((ha + hb) / 2));

    double expected = n >= 2 ? sa * sb / pairs(dn) : 0, maximum = (sa + sb) / 2;
    if (n >= 2 && maximum - expected != 0)
        out->ari = (both - expected) / (maximum - expected);

    free(ma);
    free(mb);
    free(c);
}
