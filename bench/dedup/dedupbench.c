/*
 * dedupbench.c — speed, memory and quality of the copy index
 * (src/dedup/) on newsgen streams. Built by `make bench-dedup`; driven by
 * bench/dedup/run.sh, which writes the tables of bench/dedup/README.md.
 *
 *   dedupbench speed FILE [--limit N] [--cache MB] [--params LIST]
 *       streams FILE through analysis (untimed) and the copy index
 *       (timed per step: shingles, signature + band keys, add = exact check
 *       + LSH query + verification + LSH insert); prints per-article cost,
 *       process RSS and the index's own bytes at 10k, 100k, 1M articles.
 *       Shingle sets not cached are read back from a temporary file, as the
 *       store would serve them.
 *
 *   dedupbench index FILE [--limit N] [--repeat R] [--params LIST]
 *       the same per-step costs without the noise of analysis: the first
 *       N articles' words (folded forms, stopword flags) are kept in
 *       memory, then indexed R times from scratch (default 3); the best
 *       run is reported. Shingle time includes hashing the words.
 *
 *   dedupbench stage FILE DB [--limit N]
 *       the copy stage as ingest runs it, SQLite writes included: each
 *       article is stored (sl_store_put, not counted) then given to
 *       copies_add, 1000 articles a transaction; prints the stage's mean
 *       cost an article (wall clock).
 *
 *   dedupbench restore DB
 *       opens the copy stage on a store (what a writer does when it
 *       starts): time to read the band keys and groups and rebuild the
 *       LSH table, and the memory it then holds.
 *
 *   dedupbench quality FILE [--sample N] [--params LIST]
 *       on the first N articles (default 20000): every pair's exact
 *       Jaccard by brute force (an inverted index over shingles, so only
 *       pairs sharing a shingle are touched, but every such pair counted
 *       exactly), against the pairs LSH proposes and verification keeps;
 *       precision and recall at Jaccard 0.5, 0.7, 0.8, 0.9, and times.
 *
 *   dedupbench groups FILE --gold TSV [--params LIST] [--grid]
 *       copy groups of the real index against gold dup_group (pairwise
 *       P/R/F1); --grid scores threshold choices on the exact pairs, to
 *       choose the defaults (tune on one stream, check on another).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "storyline.h"
#include "../../src/dedup/copies.h"
#include "../../src/dedup/dedup.h"
#include "../../src/eval/metrics.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this thread: what the work cost, whatever else the machine
 * runs (a syscall, so taken per batch of articles, not per article). */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "dedupbench: out of memory\n");
        exit(1);
    }
    return p;
}

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

/* ------------------------------------------------------------------ articles in memory */

typedef struct set {
    uint64_t id;   /* XXH3 of the article id */
    uint64_t hash; /* normalised-text hash */
    bool has_text;
    uint32_t n;
    uint32_t *v;
} set;

typedef struct corpus {
    set *s;
    size_t n, cap, limit;
    dedup_params p;
    shingler sh;
    sl_ctx *ctx;
    double t_analyse;
} corpus;

static bool on_raw_collect(void *user, const sl_raw *raw)
{
    corpus *c = user;
    if (c->limit && c->n >= c->limit)
        return false;
    double t0 = now();
    sl_article *a = sl_article_build(c->ctx, raw);
    c->t_analyse += now() - t0;
    if (!a)
        return true;
    const uint32_t *v;
    size_t n = shingle_tokens(&c->sh, a->toks, a->n_toks, c->p.k, c->p.mode, &v);
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4096;
        c->s = xrealloc(c->s, c->cap * sizeof *c->s);
    }
    set *s = &c->s[c->n++];
    s->id = XXH3_64bits(a->id, strlen(a->id));
    s->hash = a->hash;
    s->has_text = a->text_len > 0;
    s->n = (uint32_t)n;
    s->v = xrealloc(NULL, (n + 1) * sizeof *s->v);
    memcpy(s->v, v, n * sizeof *v);
    sl_article_free(a);
    return true;
}

static void corpus_load(corpus *c, const char *path)
{
    c->ctx = sl_ctx_new(quiet, NULL);
    shingle_init(&c->sh);
    double t0 = now();
    sl_read_path(c->ctx, path, on_raw_collect, c);
    fprintf(stderr, "loaded %zu articles in %.1f s (analysis %.1f s)\n", c->n, now() - t0,
            c->t_analyse);
}

/* ------------------------------------------------------------------ exact pairs */

typedef struct pair {
    uint32_t i, j; /* i < j */
    float jac, con;
    uint32_t small; /* size of the smaller set */
} pair;

typedef struct pairs {
    pair *p;
    size_t n, cap;
} pairs;

static void pairs_add(pairs *ps, uint32_t i, uint32_t j, float jac, float con, uint32_t small)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 65536;
        ps->p = xrealloc(ps->p, ps->cap * sizeof *ps->p);
    }
    ps->p[ps->n++] = (pair){i < j ? i : j, i < j ? j : i, jac, con, small};
}

static int cmp_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Every pair among the first n sets with Jaccard ≥ min_j or containment ≥
 * min_c, exactly: postings per shingle value (sorted array of (value,
 * article)), intersection sizes accumulated per article pair. */
static void brute_pairs(const corpus *c, size_t n, double min_j, double min_c, pairs *out)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += c->s[i].n;
    uint64_t *post = xrealloc(NULL, (total + 1) * sizeof *post);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t q = 0; q < c->s[i].n; q++)
            post[k++] = (uint64_t)c->s[i].v[q] << 32 | (uint32_t)i;
    qsort(post, total, sizeof *post, cmp_u64);
    /* per article i, the articles j < i sharing each of its shingles */
    uint32_t *cnt = calloc(n + 1, sizeof *cnt), *touched = xrealloc(NULL, (n + 1) * 4);
    /* postings grouped by value: for each group, all (j, i) pairs; to stay
     * O(pairs) we accumulate per i over groups: build per-article lists of
     * group starts */
    size_t *gstart = xrealloc(NULL, (total + 1) * sizeof *gstart), ng = 0;
    uint32_t *gof = xrealloc(NULL, (total + 1) * sizeof *gof); /* posting → group */
    for (size_t a = 0; a < total; a++) {
        if (a == 0 || post[a] >> 32 != post[a - 1] >> 32)
            gstart[ng++] = a;
        gof[a] = (uint32_t)(ng - 1);
    }
    gstart[ng] = total;
    /* per article: its postings' groups */
    size_t *aoff = calloc(n + 1, sizeof *aoff);
    for (size_t a = 0; a < total; a++)
        aoff[(uint32_t)post[a] + 1]++;
    for (size_t i = 0; i < n; i++)
        aoff[i + 1] += aoff[i];
    uint32_t *agroups = xrealloc(NULL, (total + 1) * sizeof *agroups);
    size_t *fill = calloc(n + 1, sizeof *fill);
    for (size_t a = 0; a < total; a++) {
        uint32_t i = (uint32_t)post[a];
        agroups[aoff[i] + fill[i]++] = gof[a];
    }
    for (size_t i = 0; i < n; i++) {
        size_t nt = 0;
        for (size_t g = aoff[i]; g < aoff[i + 1]; g++) {
            uint32_t grp = agroups[g];
            for (size_t a = gstart[grp]; a < gstart[grp + 1]; a++) {
                uint32_t j = (uint32_t)post[a];
                if (j >= i)
                    break; /* postings of a value are sorted by article */
                if (!cnt[j]++)
                    touched[nt++] = j;
            }
        }
        for (size_t t = 0; t < nt; t++) {
            uint32_t j = touched[t];
            uint32_t inter = cnt[j];
            cnt[j] = 0;
            uint32_t ni = c->s[i].n, nj = c->s[j].n;
            double jac = (double)inter / (ni + nj - inter);
            uint32_t small = ni < nj ? ni : nj;
            double con = (double)inter / small;
            if (jac >= min_j || con >= min_c)
                pairs_add(out, j, (uint32_t)i, (float)jac, (float)con, small);
        }
    }
    free(post);
    free(cnt);
    free(touched);
    free(gstart);
    free(gof);
    free(aoff);
    free(agroups);
    free(fill);
    qsort(out->p, out->n, sizeof *out->p, cmp_pair);
}

/* ------------------------------------------------------------------ quality */

static size_t count_common(const pairs *a, const pairs *b, double t)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n && j < b->n) {
        int c = cmp_pair(&a->p[i], &b->p[j]);
        if (c == 0) {
            n += a->p[i].jac >= t && b->p[j].jac >= t;
            i++;
            j++;
        } else if (c < 0)
            i++;
        else
            j++;
    }
    return n;
}

static size_t count_at(const pairs *a, double t)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        n += a->p[i].jac >= t;
    return n;
}

static int quality(corpus *c)
{
    size_t n = c->n;
    double t0 = now();
    pairs brute = {0};
    brute_pairs(c, n, 0.5, 2.0, &brute);
    double t_brute = now() - t0;

    /* LSH as an algorithm: each article's candidates among the earlier
     * ones, all verified; keys do not saturate (a key keeps up to 4096
     * rids), so every pair sharing a band is a candidate */
    dedup d;
    dedup_params p = c->p;
    p.cache_bytes = 0;
    p.sat = 4096;
    dedup_init(&d, &p, NULL, NULL);
    pairs cand = {0};
    size_t cap = (size_t)p.bands * p.sat;
    uint32_t *rids = xrealloc(NULL, cap * 4), *cnts = xrealloc(NULL, cap * 4);
    uint32_t keys[DEDUP_MAX_BANDS];
    size_t n_cand = 0;
    t0 = now();
    for (size_t i = 0; i < n; i++) {
        set *s = &c->s[i];
        if (!s->n)
            continue;
        dedup_keys(&d, s->v, s->n, keys);
        size_t nc = dedup_candidates(&d, keys, rids, cnts, cap);
        n_cand += nc;
        for (size_t k = 0; k < nc; k++) {
            set *o = &c->s[rids[k] - 1];
            float jac, con;
            dedup_verify(&p, s->v, s->n, o->v, o->n, &jac, &con);
            if (jac >= 0.5)
                pairs_add(&cand, rids[k] - 1, (uint32_t)i, jac, con, 0);
        }
        for (unsigned b = 0; b < p.bands; b++)
            lsh_add(&d.bands, keys[b], (uint32_t)i + 1);
    }
    double t_lsh = now() - t0;
    qsort(cand.p, cand.n, sizeof *cand.p, cmp_pair);

    /* the copy index as ingest runs it (saturating keys, one verified
     * member per group): which brute-force pairs end up in one group */
    dedup g;
    dedup_params q = c->p;
    q.cache_bytes = 0;
    dedup_init(&g, &q, NULL, NULL);
    t0 = now();
    for (size_t i = 0; i < n; i++) {
        set *s = &c->s[i];
        if (s->n)
            dedup_keys(&g, s->v, s->n, keys);
        dedup_match m;
        dedup_add(&g, (uint32_t)i + 1, s->hash, s->has_text, s->v, s->n, keys, &m);
    }
    double t_index = now() - t0;

    char ptxt[256];
    dedup_params_format(&p, ptxt, sizeof ptxt);
    printf("quality: %zu articles, %s\n", n, ptxt);
    printf("brute force (exact, inverted index): %.2f s; LSH (signatures, candidates, exact"
           " verification of all): %.2f s, %.1f candidates an article; the copy index: %.2f s\n",
           t_brute, t_lsh, (double)n_cand / (double)n, t_index);
    printf("| Jaccard ≥ | pairs (brute force) | pairs (LSH) | precision | recall |"
           " recall through copy groups |\n");
    printf("|---|---|---|---|---|---|\n");
    double ts[] = {0.5, 0.7, 0.8, 0.9};
    for (int k = 0; k < 4; k++) {
        size_t truth = count_at(&brute, ts[k]), found = count_at(&cand, ts[k]);
        size_t both = count_common(&brute, &cand, ts[k]), grouped = 0;
        for (size_t i = 0; i < brute.n; i++)
            grouped += brute.p[i].jac >= ts[k] &&
                       dedup_group(&g, brute.p[i].i + 1) == dedup_group(&g, brute.p[i].j + 1);
        printf("| %.1f | %zu | %zu | %.4f | %.4f | %.4f |\n", ts[k], truth, found,
               found ? (double)both / found : 1.0, truth ? (double)both / truth : 1.0,
               truth ? (double)grouped / truth : 1.0);
    }
    dedup_free(&g);
    free(rids);
    free(cnts);
    free(brute.p);
    free(cand.p);
    dedup_free(&d);
    return 0;
}

/* ------------------------------------------------------------------ groups */

static int cmp_idlab(const void *x, const void *y)
{
    const uint64_t *a = x, *b = y;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

/* Gold labels for c's articles (by id), column dup_group. */
static int64_t *gold_labels(const corpus *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dedupbench: cannot open %s\n", path);
        exit(1);
    }
    uint64_t *rows = NULL; /* (idhash, label) pairs */
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    int col = -1;
    while (getline(&line, &lcap, f) > 0) {
        line[strcspn(line, "\r\n")] = 0;
        char *fld[16];
        int nf = 0;
        fld[nf++] = line;
        for (char *p = line; *p && nf < 16; p++)
            if (*p == '\t') {
                *p = 0;
                fld[nf++] = p + 1;
            }
        if (col < 0) {
            for (int i = 0; i < nf; i++)
                if (!strcmp(fld[i], "dup_group"))
                    col = i;
            if (col >= 0)
                continue;
            col = 1;
        }
        if (nf <= col)
            continue;
        if (n + 2 > cap) {
            cap = cap ? cap * 2 : 65536;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        rows[n++] = XXH3_64bits(fld[0], strlen(fld[0]));
        rows[n++] = XXH3_64bits(fld[col], strlen(fld[col]));
    }
    free(line);
    fclose(f);
    qsort(rows, n / 2, 2 * sizeof *rows, cmp_idlab);
    int64_t *lab = xrealloc(NULL, (c->n + 1) * sizeof *lab);
    for (size_t i = 0; i < c->n; i++) {
        uint64_t key[2] = {c->s[i].id, 0};
        uint64_t *r = bsearch(key, rows, n / 2, 2 * sizeof *rows, cmp_idlab);
        lab[i] = r ? (int64_t)r[1] : -(int64_t)i - 1;
    }
    free(rows);
    return lab;
}

static uint32_t uf_find(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

static void score_pairs(const corpus *c, const int64_t *gold, const pairs *ps, double jt, double ct,
                        unsigned min_contain, metrics_scores *m)
{
    size_t n = c->n;
    uint32_t *par = xrealloc(NULL, (n + 1) * 4);
    for (size_t i = 0; i < n; i++)
        par[i] = (uint32_t)i;
    for (size_t k = 0; k < ps->n; k++) {
        const pair *p = &ps->p[k];
        if (p->jac >= jt || (p->small >= min_contain && p->con >= ct)) {
            uint32_t a = uf_find(par, p->i), b = uf_find(par, p->j);
            par[a > b ? a : b] = a < b ? a : b;
        }
    }
    int64_t *pred = xrealloc(NULL, (n + 1) * sizeof *pred);
    for (size_t i = 0; i < n; i++)
        pred[i] = uf_find(par, (uint32_t)i);
    metrics_score(pred, gold, n, m);
    free(par);
    free(pred);
}

static int groups(corpus *c, const char *gold_path, bool grid)
{
    int64_t *gold = gold_labels(c, gold_path);
    dedup d;
    dedup_params p = c->p;
    p.cache_bytes = 0;
    dedup_init(&d, &p, NULL, NULL);
    uint32_t keys[DEDUP_MAX_BANDS];
    int64_t *pred = xrealloc(NULL, (c->n + 1) * sizeof *pred);
    double t0 = now();
    for (size_t i = 0; i < c->n; i++) {
        set *s = &c->s[i];
        if (s->n)
            dedup_keys(&d, s->v, s->n, keys);
        dedup_match m;
        dedup_add(&d, (uint32_t)i + 1, s->hash, s->has_text, s->v, s->n, keys, &m);
    }
    double t = now() - t0;
    for (size_t i = 0; i < c->n; i++)
        pred[i] = dedup_group(&d, (uint32_t)i + 1);
    metrics_scores m;
    metrics_score(pred, gold, c->n, &m);
    char ptxt[256];
    dedup_params_format(&p, ptxt, sizeof ptxt);
    printf("groups: %zu articles, %s: %.2f s (%.0f articles/s)\n", c->n, ptxt, t, c->n / t);
    printf("pairwise P %.4f R %.4f F1 %.4f; groups ours %zu gold %zu; B-cubed F1 %.4f\n", m.pair_p,
           m.pair_r, m.pair_f1, m.n_pred, m.n_gold, m.b3_f1);
    if (grid) {
        pairs ps = {0};
        brute_pairs(c, c->n, 0.2, 0.4, &ps);
        /* exact copies are joined whatever the thresholds */
        printf("\nexact pairs (upper bound of LSH): pairwise F1 by thresholds\n");
        printf("| Jaccard ≥ | containment ≥ (min 20 shingles) | P | R | F1 "
               "|\n|---|---|---|---|---|\n");
        double js[] = {0.3, 0.4, 0.5, 0.6}, cs[] = {0.5, 0.6, 0.7, 0.8, 0.9, 2.0};
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 6; b++) {
                score_pairs(c, gold, &ps, js[a], cs[b], 20, &m);
                printf("| %.1f | %s%.1f | %.4f | %.4f | %.4f |\n", js[a], cs[b] > 1 ? "(off) " : "",
                       cs[b] > 1 ? 0 : cs[b], m.pair_p, m.pair_r, m.pair_f1);
            }
        free(ps.p);
    }
    free(gold);
    free(pred);
    dedup_free(&d);
    return 0;
}

/* ------------------------------------------------------------------ speed */

typedef struct spill {
    FILE *f;
    uint64_t *off;
    uint32_t *len;
    size_t cap;
} spill;

static int spill_fetch(void *user, uint32_t rid, uint32_t **v, size_t *cap, size_t *n)
{
    spill *s = user;
    if (rid >= s->cap || !s->len[rid])
        return -1;
    *n = s->len[rid];
    if (*n + 1 > *cap) {
        *cap = *n + 1;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    if (fseeko(s->f, (off_t)s->off[rid], SEEK_SET) != 0 || fread(*v, 4, *n, s->f) != *n)
        return -1;
    return 0;
}

enum { BATCH = 256 };

typedef struct speed {
    dedup d;
    spill sp;
    shingler sh;
    sl_ctx *ctx;
    size_t n, limit, next_mark;
    double t_analyse, t_shingle, t_sign, t_find, t_insert;
    double w_shingle, w_sign, w_find, w_insert; /* at the previous mark */
    size_t w_n;
    uint64_t words;
    sl_article *batch[BATCH];
    size_t nb;
    uint32_t *sets[BATCH], lens[BATCH], caps[BATCH];
    uint32_t keys[BATCH][DEDUP_MAX_BANDS];
} speed;

static void speed_mark(speed *s)
{
    double dn = (double)(s->n - s->w_n);
    double sh = (s->t_shingle - s->w_shingle) / dn * 1e6, sg = (s->t_sign - s->w_sign) / dn * 1e6,
           fi = (s->t_find - s->w_find) / dn * 1e6, in = (s->t_insert - s->w_insert) / dn * 1e6;
    double all = sh + sg + fi + in;
    printf("| %zu | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %.0f | %.1f |\n", s->n,
           sh, sg, fi, in, all, 1e6 / all, 1e6 / (sg + in), rss_kb() / 1024.0,
           dedup_bytes(&s->d) / 1048576.0, s->d.bands.len / (double)s->n);
    fflush(stdout);
    s->w_shingle = s->t_shingle;
    s->w_sign = s->t_sign;
    s->w_find = s->t_find;
    s->w_insert = s->t_insert;
    s->w_n = s->n;
}

static void spill_put(spill *sp, uint32_t rid, const uint32_t *v, size_t n)
{
    if (rid >= sp->cap) {
        size_t c = sp->cap ? sp->cap * 2 : 65536;
        sp->off = xrealloc(sp->off, c * sizeof *sp->off);
        sp->len = xrealloc(sp->len, c * sizeof *sp->len);
        memset(sp->len + sp->cap, 0, (c - sp->cap) * sizeof *sp->len);
        sp->cap = c;
    }
    fseeko(sp->f, 0, SEEK_END);
    sp->off[rid] = (uint64_t)ftello(sp->f);
    sp->len[rid] = (uint32_t)n;
    fwrite(v, 4, n, sp->f);
}

/* Indexes the batch, one step at a time over all its articles. */
static void speed_batch(speed *s)
{
    double t0 = cpu();
    for (size_t i = 0; i < s->nb; i++) {
        const sl_article *a = s->batch[i];
        const uint32_t *v;
        size_t n = shingle_tokens(&s->sh, a->toks, a->n_toks, s->d.p.k, s->d.p.mode, &v);
        if (n + 1 > s->caps[i]) {
            s->caps[i] = (uint32_t)(n + 1);
            s->sets[i] = xrealloc(s->sets[i], s->caps[i] * sizeof *v);
        }
        memcpy(s->sets[i], v, n * sizeof *v);
        s->lens[i] = (uint32_t)n;
        s->words += s->sh.words;
    }
    double t1 = cpu();
    for (size_t i = 0; i < s->nb; i++)
        if (s->lens[i])
            dedup_keys(&s->d, s->sets[i], s->lens[i], s->keys[i]);
    double t2 = cpu(), wf = 0, wi = 0;
    for (size_t i = 0; i < s->nb; i++) {
        /* each article is indexed before the next one looks for copies, so
         * the two steps alternate: their split comes from the (cheap) wall
         * clock, applied to the batch's CPU time */
        dedup_match m;
        double w0 = now();
        dedup_find(&s->d, (uint32_t)(s->n + i + 1), s->batch[i]->hash, s->batch[i]->text_len > 0,
                   s->sets[i], s->lens[i], s->keys[i], &m);
        double w1 = now();
        dedup_insert(&s->d, (uint32_t)(s->n + i + 1), s->batch[i]->hash, s->batch[i]->text_len > 0,
                     s->sets[i], s->lens[i], s->keys[i]);
        double w2 = now();
        wf += w1 - w0;
        wi += w2 - w1;
    }
    double t4 = cpu(), both = t4 - t2, share = wf + wi > 0 ? wf / (wf + wi) : 0.5;
    s->t_shingle += t1 - t0;
    s->t_sign += t2 - t1;
    s->t_find += both * share;
    s->t_insert += both * (1 - share);
    for (size_t i = 0; i < s->nb; i++) {
        spill_put(&s->sp, (uint32_t)(s->n + i + 1), s->sets[i], s->lens[i]);
        sl_article_free(s->batch[i]);
        s->n++;
        if (s->n == s->next_mark) {
            speed_mark(s);
            s->next_mark = s->next_mark < 100000 ? s->next_mark * 10 : s->next_mark + 250000;
        }
    }
    s->nb = 0;
}

static bool on_raw_speed(void *user, const sl_raw *raw)
{
    speed *s = user;
    if (s->limit && s->n + s->nb >= s->limit)
        return false;
    double t0 = cpu();
    sl_article *a = sl_article_build(s->ctx, raw);
    s->t_analyse += cpu() - t0;
    if (!a)
        return true;
    s->batch[s->nb++] = a;
    if (s->nb == BATCH || (s->n + s->nb) % 10000 == 0)
        speed_batch(s);
    return true;
}

static int speed_run(const char *path, const dedup_params *p, size_t limit, const char *spill_path)
{
    speed s;
    memset(&s, 0, sizeof s);
    s.ctx = sl_ctx_new(quiet, NULL);
    s.sp.f = fopen(spill_path, "w+b");
    if (!s.sp.f) {
        fprintf(stderr, "dedupbench: cannot create %s\n", spill_path);
        return 1;
    }
    dedup_init(&s.d, p, spill_fetch, &s.sp);
    shingle_init(&s.sh);
    s.limit = limit;
    s.next_mark = 10000;
    char ptxt[256];
    dedup_params_format(p, ptxt, sizeof ptxt);
    printf("speed: %s, shingle cache %zu MB\n", ptxt, p->cache_bytes >> 20);
    printf("| articles | shingles µs | signature µs | find µs (exact, LSH query, verify) |"
           " insert µs (LSH, cache) | total µs | articles/s | signature + insert /s |"
           " RSS MB | index MB | band entries an article |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|\n");
    sl_read_path(s.ctx, path, on_raw_speed, &s);
    speed_batch(&s);
    if (s.n != s.w_n)
        speed_mark(&s);
    double all = s.t_shingle + s.t_sign + s.t_find + s.t_insert;
    printf("\n%zu articles, %.0f words an article; analysis %.1f s CPU (%.0f articles/s, not"
           " counted); copy index %.2f s: %.0f articles/s (shingles %.0f%%, signatures %.0f%%,"
           " add %.0f%%); %llu verifications, %llu sets fetched from disk, %llu copies\n",
           s.n, (double)s.words / s.n, s.t_analyse, s.n / s.t_analyse, all, s.n / all,
           100 * s.t_shingle / all, 100 * s.t_sign / all, 100 * (s.t_find + s.t_insert) / all,
           (unsigned long long)s.d.n_verified, (unsigned long long)s.d.n_fetched,
           (unsigned long long)s.d.n_copies);
    fclose(s.sp.f);
    remove(spill_path);
    free(s.sp.off);
    free(s.sp.len);
    for (int i = 0; i < BATCH; i++)
        free(s.sets[i]);
    dedup_free(&s.d);
    shingle_free(&s.sh);
    sl_ctx_free(s.ctx);
    return 0;
}

/* ------------------------------------------------------------------ index (in memory) */

typedef struct wordbank {
    char *norms; /* NUL-separated folded words of all articles */
    size_t len, cap;
    uint8_t *stop; /* per word */
    size_t nw, wcap;
    size_t *first; /* per article: first word; first[n] = nw */
    size_t *noff;  /* per article: offset in norms */
    uint64_t *hash;
    bool *has_text;
    size_t n, acap, limit;
    sl_ctx *ctx;
} wordbank;

static bool on_raw_words(void *user, const sl_raw *raw)
{
    wordbank *w = user;
    if (w->limit && w->n >= w->limit)
        return false;
    sl_article *a = sl_article_build(w->ctx, raw);
    if (!a)
        return true;
    if (w->n + 2 > w->acap) {
        w->acap = w->acap ? w->acap * 2 : 65536;
        w->first = xrealloc(w->first, w->acap * sizeof *w->first);
        w->noff = xrealloc(w->noff, w->acap * sizeof *w->noff);
        w->hash = xrealloc(w->hash, w->acap * sizeof *w->hash);
        w->has_text = xrealloc(w->has_text, w->acap * sizeof *w->has_text);
    }
    w->first[w->n] = w->nw;
    w->noff[w->n] = w->len;
    w->hash[w->n] = a->hash;
    w->has_text[w->n] = a->text_len > 0;
    for (size_t i = 0; i < a->n_toks; i++) {
        const sl_token *t = &a->toks[i];
        if (t->kind == SL_TOK_PUNCT || !t->norm)
            continue;
        size_t l = strlen(t->norm) + 1;
        if (w->len + l > w->cap) {
            w->cap = (w->cap + l) * 2;
            w->norms = xrealloc(w->norms, w->cap);
        }
        memcpy(w->norms + w->len, t->norm, l);
        w->len += l;
        if (w->nw == w->wcap) {
            w->wcap = w->wcap ? w->wcap * 2 : 1 << 20;
            w->stop = xrealloc(w->stop, w->wcap);
        }
        w->stop[w->nw++] = (t->flags & SL_TOKF_STOP) != 0;
    }
    w->n++;
    w->first[w->n] = w->nw;
    sl_article_free(a);
    return true;
}

static int index_run(const char *path, const dedup_params *p, size_t limit, int repeat)
{
    wordbank w;
    memset(&w, 0, sizeof w);
    w.ctx = sl_ctx_new(quiet, NULL);
    w.limit = limit;
    sl_read_path(w.ctx, path, on_raw_words, &w);
    size_t maxw = 0;
    for (size_t i = 0; i < w.n; i++)
        if (w.first[i + 1] - w.first[i] > maxw)
            maxw = w.first[i + 1] - w.first[i];
    uint64_t *wh = xrealloc(NULL, (maxw + 1) * sizeof *wh);
    double best[4] = {1e9, 1e9, 1e9, 1e9};
    size_t bytes = 0;
    for (int r = 0; r < repeat; r++) {
        dedup d;
        dedup_params q = *p;
        q.cache_bytes = 0;
        dedup_init(&d, &q, NULL, NULL);
        shingler sh;
        shingle_init(&sh);
        double t[4] = {0, 0, 0, 0};
        /* one step at a time over a block of articles, timed in CPU time */
        enum { BLOCK = 1024 };
        static uint32_t *sets[BLOCK], lens[BLOCK], caps[BLOCK], keys[BLOCK][DEDUP_MAX_BANDS];
        for (size_t b0 = 0; b0 < w.n; b0 += BLOCK) {
            size_t b1 = b0 + BLOCK < w.n ? b0 + BLOCK : w.n;
            double t0 = cpu();
            for (size_t i = b0; i < b1; i++) {
                const char *s = w.norms + w.noff[i];
                size_t nw = w.first[i + 1] - w.first[i];
                for (size_t k = 0; k < nw; k++) {
                    size_t l = strlen(s);
                    wh[k] = shingle_word_hash(s, l);
                    s += l + 1;
                }
                const uint32_t *v;
                size_t n = shingle_words(&sh, wh, w.stop + w.first[i], nw, q.k, q.mode, &v);
                size_t j = i - b0;
                if (n + 1 > caps[j]) {
                    caps[j] = (uint32_t)(n + 1);
                    sets[j] = xrealloc(sets[j], caps[j] * sizeof *v);
                }
                memcpy(sets[j], v, n * sizeof *v);
                lens[j] = (uint32_t)n;
            }
            double t1 = cpu();
            for (size_t i = b0; i < b1; i++)
                if (lens[i - b0])
                    dedup_keys(&d, sets[i - b0], lens[i - b0], keys[i - b0]);
            double t2 = cpu(), wf = 0, wi = 0;
            for (size_t i = b0; i < b1; i++) {
                dedup_match m;
                double w0 = now();
                dedup_find(&d, (uint32_t)i + 1, w.hash[i], w.has_text[i], sets[i - b0],
                           lens[i - b0], keys[i - b0], &m);
                double w1 = now();
                dedup_insert(&d, (uint32_t)i + 1, w.hash[i], w.has_text[i], sets[i - b0],
                             lens[i - b0], keys[i - b0]);
                double w2 = now();
                wf += w1 - w0;
                wi += w2 - w1;
            }
            double t3 = cpu(), share = wf + wi > 0 ? wf / (wf + wi) : 0.5;
            t[0] += t1 - t0;
            t[1] += t2 - t1;
            t[2] += (t3 - t2) * share;
            t[3] += (t3 - t2) * (1 - share);
        }
        for (int k = 0; k < 4; k++)
            if (t[k] < best[k])
                best[k] = t[k];
        bytes = dedup_bytes(&d);
        dedup_free(&d);
        shingle_free(&sh);
    }
    char ptxt[256];
    dedup_params_format(p, ptxt, sizeof ptxt);
    double us[4], tot = 0;
    for (int k = 0; k < 4; k++)
        tot += us[k] = best[k] / w.n * 1e6;
    printf("index: %zu articles, %.0f words an article, %s, best of %d\n", w.n, (double)w.nw / w.n,
           ptxt, repeat);
    printf("| shingles µs | signature µs | find µs | insert µs | total µs | articles/s |"
           " signature + insert /s | index MB |\n");
    printf("|---|---|---|---|---|---|---|---|\n| %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f |"
           " %.1f |\n",
           us[0], us[1], us[2], us[3], tot, 1e6 / tot, 1e6 / (us[1] + us[3]), bytes / 1048576.0);
    return 0;
}

/* ------------------------------------------------------------------ stage */

typedef struct stage {
    sl_ctx *ctx;
    sl_store *st;
    copies *cp;
    size_t n, limit;
    double t_put, t_copies;
} stage;

static bool on_raw_stage(void *user, const sl_raw *raw)
{
    stage *s = user;
    if (s->limit && s->n >= s->limit)
        return false;
    sl_article *a = sl_article_build(s->ctx, raw);
    if (!a)
        return true;
    double t0 = now();
    sl_put_result put = sl_store_put(s->st, a);
    double t1 = now();
    sl_copy_info info;
    copies_add(s->cp, a, sl_store_last_rid(s->st), put, &info);
    double t2 = now();
    s->t_put += t1 - t0;
    s->t_copies += t2 - t1;
    sl_article_free(a);
    if (++s->n % 1000 == 0) {
        sl_store_commit(s->st);
        sl_store_begin(s->st);
    }
    return true;
}

static int stage_run(const char *path, const char *db, size_t limit)
{
    stage s;
    memset(&s, 0, sizeof s);
    s.ctx = sl_ctx_new(quiet, NULL);
    s.st = sl_store_open(s.ctx, db);
    if (!s.st)
        return 1;
    s.cp = copies_open(s.ctx, s.st, 0);
    s.limit = limit;
    sl_store_begin(s.st);
    sl_read_path(s.ctx, path, on_raw_stage, &s);
    double t0 = now();
    sl_store_commit(s.st);
    double commit = now() - t0;
    printf("stage: %zu articles; store put %.1f µs an article (not the copy stage);"
           " copy stage (index + its SQLite writes) %.1f µs an article = %.0f articles/s;"
           " last commit %.2f s\n",
           s.n, s.t_put / s.n * 1e6, s.t_copies / s.n * 1e6, s.n / s.t_copies, commit);
    copies_close(s.cp);
    sl_store_close(s.st);
    sl_ctx_free(s.ctx);
    return 0;
}

/* ------------------------------------------------------------------ restore */

static int restore_run(const char *path)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = sl_store_open(ctx, path);
    if (!st)
        return 1;
    long before = rss_kb();
    double t0 = now(), c0 = cpu();
    copies *c = copies_open(ctx, st, 0);
    double t1 = now(), c1 = cpu();
    if (!c)
        return 1;
    const dedup *d = copies_index(c);
    printf("restore: %.2f s (%.2f s CPU), index %.0f MB, RSS +%.0f MB, %zu band entries\n", t1 - t0,
           c1 - c0, dedup_bytes(d) / 1048576.0, (rss_kb() - before) / 1024.0, d->bands.len);
    copies_close(c);
    sl_store_close(st);
    sl_ctx_free(ctx);
    return 0;
}

/* ------------------------------------------------------------------ main */

static const char *opt(int argc, char **argv, const char *name)
{
    for (int i = 2; i + 1 < argc; i++)
        if (!strcmp(argv[i], name))
            return argv[i + 1];
    return NULL;
}

static bool flag(int argc, char **argv, const char *name)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], name))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: dedupbench speed|index|stage|restore|quality|groups FILE [options] "
                        "(see the source)\n");
        return 2;
    }
    dedup_params p;
    dedup_params_default(&p);
    const char *plist = opt(argc, argv, "--params");
    if (plist && dedup_params_parse(&p, plist) != 0) {
        fprintf(stderr, "dedupbench: bad --params\n");
        return 2;
    }
    const char *cache = opt(argc, argv, "--cache");
    if (cache)
        p.cache_bytes = (size_t)strtoul(cache, NULL, 10) << 20;
    const char *lim = opt(argc, argv, "--limit");
    if (!strcmp(argv[1], "speed"))
        return speed_run(argv[2], &p, lim ? strtoul(lim, NULL, 10) : 0,
                         opt(argc, argv, "--spill") ? opt(argc, argv, "--spill")
                                                    : "dedupbench.spill");
    if (!strcmp(argv[1], "restore"))
        return restore_run(argv[2]);
    if (!strcmp(argv[1], "stage") && argc > 3)
        return stage_run(argv[2], argv[3], lim ? strtoul(lim, NULL, 10) : 0);
    if (!strcmp(argv[1], "index")) {
        const char *rep = opt(argc, argv, "--repeat");
        return index_run(argv[2], &p, lim ? strtoul(lim, NULL, 10) : 0, rep ? atoi(rep) : 3);
    }
    corpus c;
    memset(&c, 0, sizeof c);
    c.p = p;
    if (!strcmp(argv[1], "quality")) {
        const char *sample = opt(argc, argv, "--sample");
        c.limit = sample ? strtoul(sample, NULL, 10) : 20000;
        corpus_load(&c, argv[2]);
        return quality(&c);
    }
    if (!strcmp(argv[1], "groups")) {
        const char *g = opt(argc, argv, "--gold");
        if (!g) {
            fprintf(stderr, "dedupbench groups: --gold TSV needed\n");
            return 2;
        }
        c.limit = lim ? strtoul(lim, NULL, 10) : 0;
        corpus_load(&c, argv[2]);
        return groups(&c, g, flag(argc, argv, "--grid"));
    }
    fprintf(stderr, "dedupbench: unknown mode %s\n", argv[1]);
    return 2;
}
