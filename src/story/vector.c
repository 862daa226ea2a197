/*
 * vector.c — sparse vectors sorted by term: merge-based dot products and
 * centroid updates, top-K truncation by weight.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vector.h"

void *sv_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "storyline: out of memory (%zu bytes), aborting\n", n);
        abort();
    }
    return q;
}

void sv_free(svec *v)
{
    free(v->e);
    memset(v, 0, sizeof *v);
}

void sv_reserve(svec *v, uint32_t cap)
{
    if (cap <= v->cap)
        return;
    v->e = sv_xrealloc(v->e, (size_t)cap * sizeof *v->e);
    v->cap = cap;
}

void sv_copy(svec *dst, const svec *src)
{
    sv_reserve(dst, src->n);
    if (src->n)
        memcpy(dst->e, src->e, (size_t)src->n * sizeof *src->e);
    dst->n = src->n;
    dst->norm = src->norm;
}

/* Walks the terms a and b share (both sorted by term) and sums, per shared
 * term, a's weight times b's — or times a's own when own_weight (how much
 * of a lies on b's terms). */
static inline double sv_shared(const svec *a, const svec *b, bool own_weight)
{
    const sv_entry *x = a->e, *y = b->e, *xe = x + a->n, *ye = y + b->n;
    double d = 0;
    while (x < xe && y < ye) {
        if (x->term < y->term)
            x++;
        else if (x->term > y->term)
            y++;
        else
            d += (double)x->w * (own_weight ? x->w : y->w), x++, y++;
    }
    return d;
}

double sv_dot(const svec *a, const svec *b)
{
    return sv_shared(a, b, false);
}

double sv_cos(const svec *a, const svec *b)
{
    if (a->n == 0 || b->n == 0 || a->norm <= 0 || b->norm <= 0)
        return 0;
    return sv_dot(a, b) / ((double)a->norm * b->norm);
}

double sv_cos_lang(const svec *a, const svec *b, uint16_t lang, bool *has_lang)
{
    if (!lang) {
        if (has_lang)
            *has_lang = b->n > 0;
        return sv_cos(a, b);
    }
    double nb = 0;
    for (uint32_t i = 0; i < b->n; i++)
        if (b->e[i].lang == lang)
            nb += (double)b->e[i].w * b->e[i].w;
    if (has_lang)
        *has_lang = nb > 0;
    if (a->n == 0 || a->norm <= 0 || nb <= 0)
        return 0;
    return sv_dot(a, b) / ((double)a->norm * sqrt(nb));
}

double sv_contain(const svec *a, const svec *b)
{
    if (a->n == 0 || b->n == 0 || a->norm <= 0)
        return 0;
    return sv_shared(a, b, true) / ((double)a->norm * a->norm);
}

static int cmp_term(const void *pa, const void *pb)
{
    const sv_entry *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

uint32_t sv_sort_terms(sv_entry *e, uint32_t n)
{
    if (n < 2)
        return n;
    qsort(e, n, sizeof *e, cmp_term);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (k && e[k - 1].term == e[i].term)
            e[k - 1].w += e[i].w;
        else
            e[k++] = e[i];
    }
    return k;
}

void sv_recompute_norm(svec *v)
{
    double s = 0;
    for (uint32_t i = 0; i < v->n; i++)
        s += (double)v->e[i].w * v->e[i].w;
    v->norm = (float)sqrt(s);
}

/* a before b in "heaviest first, then by term" order */
static inline bool heavier(const sv_entry *a, const sv_entry *b)
{
    return a->w > b->w || (a->w == b->w && a->term < b->term);
}

static inline void swap_e(sv_entry *a, sv_entry *b)
{
    sv_entry t = *a;
    *a = *b;
    *b = t;
}

void sv_select_top(sv_entry *e, uint32_t n, uint32_t k)
{
    uint32_t lo = 0, hi = n; /* the k-th heaviest lies in [lo, hi) */
    while (k > lo && k < hi && hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        /* median of three to e[lo] as pivot */
        if (heavier(&e[mid], &e[lo]))
            swap_e(&e[mid], &e[lo]);
        if (heavier(&e[hi - 1], &e[lo]))
            swap_e(&e[hi - 1], &e[lo]);
        if (heavier(&e[mid], &e[hi - 1]))
            swap_e(&e[mid], &e[hi - 1]);
        swap_e(&e[lo], &e[hi - 1]); /* pivot = median, now at lo */
        sv_entry pivot = e[lo];
        uint32_t i = lo + 1;
        for (uint32_t j = lo + 1; j < hi; j++)
            if (heavier(&e[j], &pivot))
                swap_e(&e[i++], &e[j]);
        swap_e(&e[lo], &e[i - 1]); /* pivot at i-1: all before it are heavier */
        uint32_t p = i - 1;
        if (p == k || p + 1 == k)
            return;
        if (p > k)
            hi = p;
        else
            lo = p + 1;
    }
}

void sv_truncate(svec *v, uint32_t k)
{
    if (v->n > k) {
        sv_select_top(v->e, v->n, k);
        v->n = k;
        qsort(v->e, v->n, sizeof *v->e, cmp_term);
    }
    sv_recompute_norm(v);
}

void sv_scale(svec *v, float f)
{
    for (uint32_t i = 0; i < v->n; i++)
        v->e[i].w *= f;
    v->norm *= f;
}

void sv_normalize(svec *v)
{
    sv_recompute_norm(v);
    if (v->norm <= 0)
        return;
    float inv = 1.0f / v->norm;
    for (uint32_t i = 0; i < v->n; i++)
        v->e[i].w *= inv;
    v->norm = 1;
}

void sv_add(svec *acc, const svec *x, float s, uint32_t k, svec *tmp)
{
    sv_reserve(tmp, acc->n + x->n);
    const sv_entry *a = acc->e, *ae = a + acc->n, *b = x->e, *be = b + x->n;
    sv_entry *o = tmp->e;
    while (a < ae || b < be) {
        if (b == be || (a < ae && a->term < b->term))
            *o++ = *a++;
        else if (a == ae || b->term < a->term)
            *o++ = (sv_entry){b->term, b->w * s, b->lang}, b++;
        else
            *o++ = (sv_entry){a->term, a->w + b->w * s, a->lang}, a++, b++;
    }
    tmp->n = (uint32_t)(o - tmp->e);
    sv_truncate(tmp, k);
    /* copied back rather than swapped: the accumulator (a story's centroid,
     * thousands of them live) keeps an array of its own size, not the
     * scratch's largest merge */
    sv_reserve(acc, tmp->n);
    if (tmp->n)
        memcpy(acc->e, tmp->e, (size_t)tmp->n * sizeof *tmp->e);
    acc->n = tmp->n;
    acc->norm = tmp->norm;
}
