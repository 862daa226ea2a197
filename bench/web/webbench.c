/*
 * webbench.c — evaluation and speed of storyline's HTML extraction.
 *
 *   webbench extract DIR OUT.json       extract every DIR/<id>.html[.gz]; write
 *                                       {"<id>": {"articleBody": text}}; print speed
 *   webbench score GOLD.json PRED.json [dev|test|all] [--worst[=X]]
 *                                       the Scrapinghub benchmark's score (below)
 *   webbench tfeval EVALDATA.json HTMLDIR [dev|test|all] [--misses]
 *                                       the trafilatura evaluation (must / must not)
 *
 * Score of the Scrapinghub article-extraction benchmark, as its README
 * describes it: tokens are maximal runs of \w (Python: letters, digits,
 * numbers of any script, '_'), case kept; 4-token shingles as a multiset;
 * per page tp/fp/fn from shingle counts; per-page precision (pages with
 * output) and recall (pages with gold) averaged; F1 is the harmonic mean
 * of the two means; accuracy is the share of exact token sequences;
 * ± is the standard deviation over 1000 bootstrap resamples.
 *
 * Splits: pages sorted by id (Scrapinghub) or by file name (trafilatura);
 * "dev" is the first half, "test" the second (which was tuned on when:
 * README.md, "Splits").
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "../../src/extract/html.h"
#include "../../src/util/buf.h"
#include "../../src/util/dir.h"

/* ---------------------------------------------------------------- files */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Process CPU time: the machine is shared, wall time would measure the neighbours. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- extract */

static int cmd_extract(const char *dir, const char *out)
{
    size_t n;
    char **names = dir_list(dir, &n);
    if (!names) {
        perror(dir);
        return 1;
    }
    json_t *res = json_object();
    double secs = 0, bytes = 0;
    size_t pages = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strstr(names[i], ".htm"))
            continue;
        pages++;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *page = buf_load(path, BUF_LOAD_GUNZIP, 0, &len, NULL);
        if (!page)
            continue;
        double t0 = now();
        html_doc *doc = html_extract(page, len, NULL);
        secs += now() - t0;
        bytes += (double)len;
        char *id = strdup(names[i]);
        *strstr(id, ".htm") = 0;
        json_t *o = json_object();
        json_object_set_new(o, "articleBody", json_stringn(doc->text, doc->text_len));
        json_object_set_new(res, id, o);
        free(id);
        html_doc_free(doc);
        free(page);
    }
    json_dump_file(res, out, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(res);
    fprintf(stderr,
            "extract: %zu pages, %.1f MB, %.3f s: %.0f pages/s, %.1f MB/s (extraction only, CPU "
            "time)\n",
            pages, bytes / 1e6, secs, (double)pages / secs, bytes / 1e6 / secs);
    dir_list_free(names, n);
    return 0;
}

/* ---------------------------------------------------------------- scorer */

static int is_word(utf8proc_int32_t c)
{
    if (c == '_')
        return 1;
    if (c < 128)
        return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

typedef struct toks {
    uint64_t *h; /* token hashes */
    size_t n;
} toks;

static toks tokenize(const char *s, size_t n)
{
    toks t = {malloc((n / 2 + 2) * sizeof(uint64_t)), 0};
    size_t i = 0, start = 0;
    int in = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            k = 1;
            c = -1;
        }
        int w = c >= 0 && is_word(c);
        if (w && !in) {
            start = i;
            in = 1;
        } else if (!w && in) {
            t.h[t.n++] = XXH3_64bits(s + start, i - start);
            in = 0;
        }
        i += (size_t)k;
    }
    if (in)
        t.h[t.n++] = XXH3_64bits(s + start, i - start);
    return t;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted shingle hashes of a token list. */
static uint64_t *shingles(const toks *t, size_t *m)
{
    if (t->n == 0) {
        *m = 0;
        return NULL;
    }
    size_t k = t->n >= 4 ? t->n - 3 : 1;
    uint64_t *s = malloc(k * sizeof *s);
    for (size_t i = 0; i < k; i++) {
        size_t w = t->n >= 4 ? 4 : t->n;
        s[i] = XXH3_64bits(t->h + i, w * sizeof(uint64_t));
    }
    qsort(s, k, sizeof *s, cmp_u64);
    *m = k;
    return s;
}

typedef struct page_score {
    double tp, fp, fn;
    int exact;
} page_score;

static page_score score_page(const char *gold, size_t gl, const char *pred, size_t pl)
{
    toks tg = tokenize(gold, gl), tpred = tokenize(pred, pl);
    size_t ng, np;
    uint64_t *sg = shingles(&tg, &ng), *sp = shingles(&tpred, &np);
    double tp = 0, fp = 0, fn = 0;
    size_t i = 0, j = 0;
    while (i < ng || j < np) {
        if (j >= np || (i < ng && sg[i] < sp[j])) {
            fn++, i++;
        } else if (i >= ng || sp[j] < sg[i]) {
            fp++, j++;
        } else {
            tp++, i++, j++;
        }
    }
    page_score r = {tp, fp, fn, 0};
    double sum = tp + fp + fn;
    if (sum > 0)
        r.tp = tp / sum, r.fp = fp / sum, r.fn = fn / sum;
    r.exact = tg.n == tpred.n && (tg.n == 0 || !memcmp(tg.h, tpred.h, tg.n * sizeof(uint64_t)));
    free(tg.h), free(tpred.h), free(sg), free(sp);
    return r;
}

typedef struct metrics {
    double p, r, f1, acc;
} metrics;

static metrics aggregate(const page_score *s, const size_t *idx, size_t n)
{
    double ps = 0, rs = 0, acc = 0;
    size_t pn = 0, rn = 0;
    for (size_t k = 0; k < n; k++) {
        const page_score *x = &s[idx[k]];
        if (x->tp + x->fp > 0) {
            ps += x->fp == 0 && x->fn == 0 ? 1.0 : x->tp / (x->tp + x->fp);
            pn++;
        }
        if (x->tp + x->fn > 0) {
            rs += x->fp == 0 && x->fn == 0 ? 1.0 : x->tp / (x->tp + x->fn);
            rn++;
        }
        acc += x->exact;
    }
    metrics m = {pn ? ps / (double)pn : 0, rn ? rs / (double)rn : 0, 0, n ? acc / (double)n : 0};
    m.f1 = m.p + m.r > 0 ? 2 * m.p * m.r / (m.p + m.r) : 0;
    return m;
}

static const char *body_of(json_t *root, const char *id)
{
    json_t *out = json_object_get(root, "output");
    json_t *o = json_object_get(out ? out : root, id);
    json_t *b = o ? json_object_get(o, "articleBody") : NULL;
    return b && json_is_string(b) ? json_string_value(b) : "";
}

/* Which ids of a sorted list a split takes. */
static int in_split(const char *split, size_t i, size_t n)
{
    if (!strcmp(split, "dev"))
        return i < n / 2;
    if (!strcmp(split, "test"))
        return i >= n / 2;
    return 1;
}

/* --worst lists the pages under 0.9 precision or recall; --worst=X under X. */
static int cmd_score(const char *goldp, const char *predp, const char *split, int worst,
                     double worst_below)
{
    json_error_t err;
    json_t *gold = json_load_file(goldp, 0, &err);
    json_t *pred = json_load_file(predp, 0, &err);
    if (!gold || !pred) {
        fprintf(stderr, "score: cannot load JSON: %s\n", err.text);
        return 1;
    }
    size_t n = json_object_size(gold), k = 0;
    const char **ids = malloc(n * sizeof *ids);
    const char *key;
    json_t *v;
    json_object_foreach(gold, key, v) ids[k++] = key;
    qsort(ids, n, sizeof *ids, cmp_str);
    page_score *s = calloc(n, sizeof *s);
    size_t *idx = malloc(n * sizeof *idx), m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_split(split, i, n))
            continue;
        const char *g = body_of(gold, ids[i]), *p = body_of(pred, ids[i]);
        s[i] = score_page(g, strlen(g), p, strlen(p));
        idx[m++] = i;
    }
    metrics all = aggregate(s, idx, m);
    /* bootstrap */
    uint64_t seed = 42;
    double sum[4] = {0}, sq[4] = {0};
    size_t *bs = malloc(m * sizeof *bs);
    for (int r = 0; r < 1000; r++) {
        for (size_t i = 0; i < m; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            bs[i] = idx[(seed >> 33) % m];
        }
        metrics b = aggregate(s, bs, m);
        double x[4] = {b.f1, b.p, b.r, b.acc};
        for (int j = 0; j < 4; j++)
            sum[j] += x[j], sq[j] += x[j] * x[j];
    }
    double sd[4];
    for (int j = 0; j < 4; j++)
        sd[j] = sqrt(sq[j] / 1000 - (sum[j] / 1000) * (sum[j] / 1000));
    printf("%-6s pages %3zu  F1 %.3f ± %.3f  precision %.3f ± %.3f  recall %.3f ± %.3f  "
           "accuracy %.3f ± %.3f\n",
           split, m, all.f1, sd[0], all.p, sd[1], all.r, sd[2], all.acc, sd[3]);
    if (worst) {
        for (size_t i = 0; i < m; i++) {
            page_score *x = &s[idx[i]];
            double p = x->tp + x->fp > 0 ? x->tp / (x->tp + x->fp) : 0;
            double r = x->tp + x->fn > 0 ? x->tp / (x->tp + x->fn) : 0;
            if (p < worst_below || r < worst_below)
                printf("  %s  P %.2f R %.2f\n", ids[idx[i]], p, r);
        }
    }
    free(bs), free(s), free(idx), free(ids);
    json_decref(gold), json_decref(pred);
    return 0;
}

/* ---------------------------------------------------------------- trafilatura eval */

/* Whitespace runs (Unicode spaces included) → one space, ends trimmed. */
static char *norm_ws(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t w = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            w = 1;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
            w = 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (((unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x8A) ||
                  (unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0xA8 ||
                  (unsigned char)s[i + 2] == 0xA9))
            w = 3;
        else if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x80)
            w = 3;
        if (w) {
            sp = 1;
            i += w;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = s[i++];
    }
    o[k] = 0;
    return o;
}

typedef struct tf_entry {
    const char *key, *file;
    json_t *with, *without;
} tf_entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const tf_entry *)a)->file, ((const tf_entry *)b)->file);
}

static int cmd_tfeval(const char *evalp, const char *dir, const char *split, int misses)
{
    json_error_t err;
    json_t *ev = json_load_file(evalp, 0, &err);
    if (!ev) {
        fprintf(stderr, "tfeval: %s\n", err.text);
        return 1;
    }
    size_t n = json_object_size(ev), k = 0;
    tf_entry *es = calloc(n, sizeof *es);
    const char *key;
    json_t *v;
    json_object_foreach(ev, key, v)
    {
        json_t *f = json_object_get(v, "file");
        if (!f || !json_is_string(f))
            continue;
        es[k].key = key;
        es[k].file = json_string_value(f);
        es[k].with = json_object_get(v, "with");
        es[k].without = json_object_get(v, "without");
        k++;
    }
    n = k;
    qsort(es, n, sizeof *es, cmp_entry);
    long tp = 0, fn = 0, fp = 0, tn = 0, pages = 0;
    double secs = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_split(split, i, n))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.gz", dir, es[i].file);
        size_t len = 0;
        char *page = buf_load(path, BUF_LOAD_GUNZIP, 0, &len, NULL);
        char *text = NULL;
        if (page) {
            double t0 = now();
            html_doc *doc = html_extract(page, len, NULL);
            secs += now() - t0;
            bytes += (double)len;
            text = norm_ws(doc->text, doc->text_len);
            html_doc_free(doc);
            free(page);
        } else {
            fprintf(stderr, "tfeval: cannot read %s\n", path);
            text = strdup("");
        }
        pages++;
        size_t j;
        json_t *s;
        json_array_foreach(es[i].with, j, s)
        {
            char *sn = norm_ws(json_string_value(s), json_string_length(s));
            if (strstr(text, sn)) {
                tp++;
            } else {
                fn++;
                if (misses)
                    printf("MISS %s: %s\n", es[i].file, sn);
            }
            free(sn);
        }
        json_array_foreach(es[i].without, j, s)
        {
            char *sn = norm_ws(json_string_value(s), json_string_length(s));
            if (strstr(text, sn)) {
                fp++;
                if (misses)
                    printf("LEAK %s: %s\n", es[i].file, sn);
            } else {
                tn++;
            }
            free(sn);
        }
        free(text);
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    double acc = (double)(tp + tn) / (double)(tp + tn + fp + fn);
    double f1 = 2.0 * (double)tp / (double)(2 * tp + fp + fn);
    printf("%-6s pages %3ld  F1 %.3f  precision %.3f  recall %.3f  accuracy %.3f  "
           "(tp %ld fn %ld fp %ld tn %ld)  %.0f pages/s\n",
           split, pages, f1, p, r, acc, tp, fn, fp, tn, (double)pages / secs);
    free(es);
    json_decref(ev);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "extract"))
        return cmd_extract(argv[2], argv[3]);
    if (argc >= 4 && !strcmp(argv[1], "score"))
        return cmd_score(argv[2], argv[3], argc > 4 ? argv[4] : "all",
                         argc > 5 && !strncmp(argv[5], "--worst", 7),
                         argc > 5 && !strncmp(argv[5], "--worst=", 8) ? atof(argv[5] + 8) : 0.9);
    if (argc >= 4 && !strcmp(argv[1], "tfeval"))
        return cmd_tfeval(argv[2], argv[3], argc > 4 ? argv[4] : "all",
                          argc > 5 && !strcmp(argv[5], "--misses"));
    fprintf(stderr, "usage: webbench extract DIR OUT.json | score GOLD PRED [dev|test|all] "
                    "[--worst[=X]] | tfeval EVALDATA DIR [dev|test|all] [--misses]\n");
    return 2;
}
