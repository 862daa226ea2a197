/*
 * dedup.c — the copy index: which earlier articles is a new one a copy of?
 *
 * The idea, in the order an article meets it:
 *
 *   1. Exact copies: the normalised-text hash (sl_article.hash, XXH3 of
 *      the folded tokens) is looked up in a hash map; a hit joins that
 *      article's group with Jaccard 1 and needs nothing else.
 *   2. Near copies: the article's MinHash signature is cut into bands of
 *      rows; any earlier article with an identical band is a candidate
 *      (LSH, src/dedup/lsh.c). A pair of Jaccard s shares at least one of
 *      b bands of r rows with probability 1 - (1 - s^r)^b: with 32 × 3 it
 *      is 0.986 at s = 0.5, 0.99999 at 0.7, 0.58 at 0.3 and 0.08 at 0.14
 *      (the most that different wire texts share in newsgen streams).
 *   3. Verification: candidates, most shared bands first, are checked on
 *      their real shingle sets: a copy when Jaccard ≥ 0.5, or when the
 *      smaller set is ≥ 0.6 inside the larger (a trimmed copy, or a copy
 *      with a new lead) and has at least 20 shingles (so a one-line brief
 *      is not "contained" in every article that quotes it). Once a group
 *      has one verified member the others are skipped (the union is the
 *      same); a group whose first few members fail is given up.
 *   4. Groups: union-find over verified pairs, the root being the
 *      smallest rid, so a group's id is its first article and stays
 *      stable as the group grows. A new article that verifies against two
 *      groups merges them (the caller rewrites the absorbed ids).
 *
 * The defaults were chosen on newsgen streams (bench/dedup/README.md).
 * On exact pairs of realistic streams, any Jaccard threshold from 0.3 to
 * 0.6 with containment 0.5 to 0.7 scores F1 ≥ 0.9999; the scale stream,
 * where short dispatches of different stories share background sentences,
 * tells them apart: containment 0.5 merges different dispatches
 * (precision 0.991), 0.6 does not (F1 1.0000 with Jaccard 0.5). Three rows
 * per band keep pairs of Jaccard 0.5-0.6 that four lose (F1 0.9998 vs
 * 0.9994); two rows and 48 bands reach 1.0000 for 1.5 times the memory.
 * Band keys keep 8 rids, not 32: a quarter fewer band entries in streams
 * with many copies and the same groups; on text from an earlier cleaner,
 * which left lists of related headlines in, it also kept the candidate
 * list of an article of a big group from filling up with that group
 * (F1 0.9973 with 32, 0.9998 with 8).
 *
 * Memory per article: band entries (≈ 10 bytes × bands), 16 bytes of
 * per-rid arrays, an exact-map entry; shingle sets (≈ 4 bytes a word) only
 * for the most recent articles, up to cache_bytes, since copies arrive
 * within hours of their source; older sets are fetched from the store.
 */
#include "dedup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

void dedup_params_default(dedup_params *p)
{
    p->k = 5;
    p->mode = SHINGLE_ALL;
    p->bins = 96;
    p->bands = 32;
    p->rows = 3;
    p->jaccard = 0.5;
    p->containment = 0.6;
    p->min_contain = 20;
    p->sat = 8;
    p->max_verify = 32;
    p->per_group = 3;
    p->cache_bytes = (size_t)128 << 20;
}

static const char *const mode_names[] = {"all", "nostop", "spot"};

const char *dedup_mode_name(unsigned mode)
{
    return mode < 3 ? mode_names[mode] : "?";
}

void dedup_params_format(const dedup_params *p, char *out, size_t n)
{
    snprintf(out, n,
             "k=%u mode=%s bins=%u bands=%u rows=%u jaccard=%g containment=%g min_contain=%u", p->k,
             dedup_mode_name(p->mode), p->bins, p->bands, p->rows, p->jaccard, p->containment,
             p->min_contain);
}

static int parse_uint(const char *v, unsigned *out)
{
    char *end;
    unsigned long x = strtoul(v, &end, 10);
    if (end == v || *end || x > 1000000)
        return -1;
    *out = (unsigned)x;
    return 0;
}

static int parse_frac(const char *v, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= 0 && x <= 1))
        return -1;
    *out = x;
    return 0;
}

static int parse_pair(dedup_params *p, const char *key, const char *v)
{
    if (!strcmp(key, "k"))
        return parse_uint(v, &p->k);
    if (!strcmp(key, "bins"))
        return parse_uint(v, &p->bins);
    if (!strcmp(key, "bands"))
        return parse_uint(v, &p->bands);
    if (!strcmp(key, "rows"))
        return parse_uint(v, &p->rows);
    if (!strcmp(key, "min_contain"))
        return parse_uint(v, &p->min_contain);
    if (!strcmp(key, "sat"))
        return parse_uint(v, &p->sat);
    if (!strcmp(key, "jaccard"))
        return parse_frac(v, &p->jaccard);
    if (!strcmp(key, "containment"))
        return parse_frac(v, &p->containment);
    if (!strcmp(key, "mode")) {
        for (unsigned i = 0; i < 3; i++)
            if (!strcmp(v, mode_names[i])) {
                p->mode = i;
                return 0;
            }
    }
    return -1;
}

int dedup_params_parse(dedup_params *p, const char *s)
{
    char tok[128];
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        size_t n = strcspn(s, " ,");
        if (n == 0)
            break;
        if (n >= sizeof tok)
            return -1;
        memcpy(tok, s, n);
        tok[n] = 0;
        s += n;
        char *eq = strchr(tok, '=');
        if (!eq)
            return -1;
        *eq = 0;
        if (parse_pair(p, tok, eq + 1) != 0)
            return -1;
    }
    if (p->k < 1 || p->k > 16 || p->bins < 1 || p->bins > MINHASH_MAX_BINS || p->bands < 1 ||
        p->bands > DEDUP_MAX_BANDS || p->rows < 1 || p->bands * p->rows > p->bins)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ setup */

void dedup_init(dedup *d, const dedup_params *p, dedup_fetch_fn fetch, void *user)
{
    memset(d, 0, sizeof *d);
    d->p = *p;
    d->fetch = fetch;
    d->fetch_user = user;
    lsh_init(&d->bands, p->sat);
}

void dedup_free(dedup *d)
{
    lsh_free(&d->bands);
    for (size_t i = 0; i < d->ring_len; i++)
        free(d->ring[(d->ring_head + i) % d->ring_cap].sh);
    free(d->ring);
    free(d->parent);
    free(d->size);
    free(d->slot);
    free(d->best);
    free(d->exact);
    free(d->cand);
    free(d->count);
    free(d->fetched);
    free(d->tmp);
    free(d->absorbed);
    free(d->updated);
    memset(d, 0, sizeof *d);
}

/* Grows the per-rid arrays to cover rid; new rids are unknown (parent 0). */
static void cover_rid(dedup *d, uint32_t rid)
{
    if (rid < d->n_rid)
        return;
    size_t old = d->n_rid, cap = d->n_rid;
    size_t need = (size_t)rid + 1;
    grow_array(&d->parent, &cap, need, sizeof *d->parent);
    size_t c2 = d->n_rid;
    grow_array(&d->size, &c2, cap, sizeof *d->size);
    c2 = d->n_rid;
    grow_array(&d->slot, &c2, cap, sizeof *d->slot);
    c2 = d->n_rid;
    grow_array(&d->best, &c2, cap, sizeof *d->best);
    for (size_t i = old; i < cap; i++) {
        d->parent[i] = 0;
        d->size[i] = 0;
        d->slot[i] = 0;
        d->best[i] = -1;
    }
    d->n_rid = cap;
}

/* ------------------------------------------------------------------ groups */

static uint32_t find(dedup *d, uint32_t x)
{
    if (x >= d->n_rid)
        return 0;
    while (d->parent[x] != x) {
        d->parent[x] = d->parent[d->parent[x]];
        x = d->parent[x];
    }
    return x;
}

static void push_u32(uint32_t **a, size_t *len, size_t *cap, uint32_t v)
{
    grow_array(a, cap, *len + 1, sizeof **a);
    (*a)[(*len)++] = v;
}

/* Joins the groups of a and b; the larger root is absorbed into the smaller. */
static void join(dedup *d, uint32_t a, uint32_t b)
{
    uint32_t ra = find(d, a), rb = find(d, b);
    if (ra == rb || !ra || !rb)
        return;
    uint32_t lo = ra < rb ? ra : rb, hi = ra < rb ? rb : ra;
    d->parent[hi] = lo;
    d->size[lo] += d->size[hi];
    push_u32(&d->absorbed, &d->absorbed_len, &d->absorbed_cap, hi);
}

uint32_t dedup_group(dedup *d, uint32_t rid)
{
    return find(d, rid);
}

uint32_t dedup_group_size(dedup *d, uint32_t rid)
{
    uint32_t r = find(d, rid);
    return r ? d->size[r] : 0;
}

/* ------------------------------------------------------------------ exact map */

static size_t exact_slot(const dedup *d, uint64_t h)
{
    size_t i = (size_t)(((h >> 32) * d->exact_cap) >> 32);
    while (d->exact[i].h && d->exact[i].h != h)
        i = i + 1 == d->exact_cap ? 0 : i + 1;
    return i;
}

static void exact_grow(dedup *d)
{
    struct dedup_exact *old = d->exact;
    size_t old_cap = d->exact_cap;
    d->exact_cap = old_cap ? old_cap * 2 : 1024;
    d->exact = grow_calloc(d->exact_cap, sizeof *d->exact);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].h)
            d->exact[exact_slot(d, old[i].h)] = old[i];
    free(old);
}

static inline uint64_t exact_key(uint64_t h)
{
    return h ? h : 1; /* 0 marks empty slots */
}

uint32_t dedup_exact_rid(const dedup *d, uint64_t h)
{
    if (!d->exact_cap)
        return 0;
    return d->exact[exact_slot(d, exact_key(h))].rid;
}

void dedup_set_exact(dedup *d, uint64_t hash, uint32_t rid)
{
    if ((d->exact_len + 1) * 10 > d->exact_cap * 7)
        exact_grow(d);
    uint64_t h = exact_key(hash);
    size_t i = exact_slot(d, h);
    if (!d->exact[i].h) {
        d->exact[i].h = h;
        d->exact_len++;
    }
    d->exact[i].rid = rid;
}

/* ------------------------------------------------------------------ shingle cache */

static void cache_drop_oldest(dedup *d)
{
    dedup_cache_ent *e = &d->ring[d->ring_head];
    if (e->sh) {
        if (e->rid < d->n_rid && d->slot[e->rid] == d->ring_head + 1)
            d->slot[e->rid] = 0;
        d->cache_bytes -= (size_t)e->n * sizeof *e->sh;
        free(e->sh);
        e->sh = NULL;
    }
    d->ring_head = (d->ring_head + 1) % d->ring_cap;
    d->ring_len--;
}

static void cache_grow_ring(dedup *d)
{
    size_t cap = d->ring_cap ? d->ring_cap * 2 : 1024;
    dedup_cache_ent *r = grow_calloc(cap, sizeof *r);
    for (size_t i = 0; i < d->ring_len; i++) {
        r[i] = d->ring[(d->ring_head + i) % d->ring_cap];
        if (r[i].sh)
            d->slot[r[i].rid] = (uint32_t)(i + 1);
    }
    free(d->ring);
    d->ring = r;
    d->ring_cap = cap;
    d->ring_head = 0;
}

static void cache_put(dedup *d, uint32_t rid, const uint32_t *sh, size_t n)
{
    size_t bytes = n * sizeof *sh;
    size_t limit = d->p.cache_bytes;
    if (n == 0 || (limit && bytes > limit / 4))
        return; /* nothing to keep, or a giant better fetched when needed */
    while (limit && d->ring_len && d->cache_bytes + bytes > limit)
        cache_drop_oldest(d);
    if (d->ring_len == d->ring_cap)
        cache_grow_ring(d);
    size_t pos = (d->ring_head + d->ring_len) % d->ring_cap;
    dedup_cache_ent *e = &d->ring[pos];
    e->rid = rid;
    e->n = (uint32_t)n;
    e->sh = malloc(bytes);
    if (!e->sh)
        abort();
    memcpy(e->sh, sh, bytes);
    d->ring_len++;
    d->cache_bytes += bytes;
    d->slot[rid] = (uint32_t)(pos + 1);
}

static void cache_remove(dedup *d, uint32_t rid)
{
    if (rid >= d->n_rid || !d->slot[rid])
        return;
    dedup_cache_ent *e = &d->ring[d->slot[rid] - 1];
    d->cache_bytes -= (size_t)e->n * sizeof *e->sh;
    free(e->sh);
    e->sh = NULL;
    e->n = 0;
    d->slot[rid] = 0;
}

const uint32_t *dedup_shingles(dedup *d, uint32_t rid, size_t *n)
{
    if (rid < d->n_rid && d->slot[rid]) {
        dedup_cache_ent *e = &d->ring[d->slot[rid] - 1];
        *n = e->n;
        return e->sh;
    }
    if (!d->fetch || d->fetch(d->fetch_user, rid, &d->fetched, &d->fetched_cap, n) != 0)
        return NULL;
    d->n_fetched++;
    return d->fetched;
}

/* ------------------------------------------------------------------ candidates */

void dedup_keys(const dedup *d, const uint32_t *sh, size_t n, uint32_t *keys)
{
    dedup_keys_with(&d->p, sh, n, keys);
}

void dedup_keys_with(const dedup_params *p, const uint32_t *sh, size_t n, uint32_t *keys)
{
    uint32_t sig[MINHASH_MAX_BINS];
    minhash_sign(sh, n, p->bins, sig);
    minhash_bands(sig, p->bands, p->rows, keys);
}

size_t dedup_candidates(dedup *d, const uint32_t *keys, uint32_t *rids, uint32_t *counts,
                        size_t max)
{
    size_t total = (size_t)d->p.bands * d->p.sat;
    size_t cap = d->cand_cap;
    grow_array(&d->cand, &cap, total, sizeof *d->cand);
    cap = d->cand_cap;
    grow_array(&d->count, &cap, total, sizeof *d->count);
    cap = d->cand_cap;
    grow_array(&d->tmp, &cap, total, sizeof *d->tmp);
    d->cand_cap = cap;
    size_t n = 0;
    for (unsigned b = 0; b < d->p.bands; b++)
        lsh_prefetch(&d->bands, keys[b]);
    for (unsigned b = 0; b < d->p.bands; b++)
        n += lsh_get(&d->bands, keys[b], d->cand + n, d->p.sat);
    /* sorted, a rid's run length is the number of bands it shares */
    shingle_sort(d->cand, n, d->tmp);
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && d->cand[j] == d->cand[i])
            j++;
        d->cand[m] = d->cand[i];
        d->count[m++] = (uint32_t)(j - i < d->p.bands ? j - i : d->p.bands);
        i = j;
    }
    /* stable counting sort by shared bands, most first, and within a count
     * the oldest first (rids ascending): a group's first verified member is
     * then its earliest, usually the source; only the first max are
     * written out */
    size_t start[DEDUP_MAX_BANDS + 2] = {0};
    unsigned nb = d->p.bands;
    for (size_t i = 0; i < m; i++)
        start[nb - d->count[i] + 1]++;
    for (unsigned c = 1; c <= nb + 1; c++)
        start[c] += start[c - 1];
    for (size_t i = 0; i < m; i++) {
        size_t at = start[nb - d->count[i]]++;
        if (at < max) {
            rids[at] = d->cand[i];
            counts[at] = d->count[i];
        }
    }
    return m < max ? m : max;
}

/* ------------------------------------------------------------------ verification */

bool dedup_verify(const dedup_params *p, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                  float *j, float *c)
{
    if (na == 0 || nb == 0) {
        *j = *c = 0;
        return false;
    }
    size_t inter = shingle_overlap(a, na, b, nb);
    size_t small = na < nb ? na : nb;
    *j = (float)((double)inter / (double)(na + nb - inter));
    *c = (float)((double)inter / (double)small);
    if (*j >= p->jaccard)
        return true;
    return small >= p->min_contain && *c >= p->containment;
}

/* ------------------------------------------------------------------ adding */

static void note_best(dedup *d, dedup_match *m, uint32_t rid, uint32_t other, float j, float c,
                      bool exact)
{
    if (!m->match || j > m->jaccard) {
        m->match = other;
        m->jaccard = j;
        m->containment = c;
        m->exact = exact;
    }
    if (j > d->best[other]) {
        d->best[other] = j;
        grow_array(&d->updated, &d->updated_cap, d->updated_len + 1, sizeof *d->updated);
        d->updated[d->updated_len++] = (dedup_pair){other, j, c, exact};
    }
    if (j > d->best[rid])
        d->best[rid] = j;
}

/* Verifies candidates in order, one success per group suffices. */
static void verify_candidates(dedup *d, uint32_t rid, const uint32_t *sh, size_t n,
                              const uint32_t *keys, dedup_match *m)
{
    enum { MAX_CAND = 256 };
    uint32_t rids[MAX_CAND], counts[MAX_CAND];
    uint32_t fail_root[MAX_CAND], fail_n[MAX_CAND];
    size_t n_fail = 0, verified = 0;
    size_t nc = dedup_candidates(d, keys, rids, counts, MAX_CAND);
    for (size_t i = 0; i < nc && verified < d->p.max_verify; i++) {
        uint32_t r = find(d, rids[i]);
        if (!r || r == find(d, rid))
            continue;
        size_t f = 0;
        while (f < n_fail && fail_root[f] != r)
            f++;
        if (f < n_fail && fail_n[f] >= d->p.per_group)
            continue;
        size_t on;
        const uint32_t *other = dedup_shingles(d, rids[i], &on);
        if (!other)
            continue;
        verified++;
        d->n_verified++;
        float j, c;
        if (dedup_verify(&d->p, sh, n, other, on, &j, &c)) {
            note_best(d, m, rid, rids[i], j, c, false);
            join(d, rid, rids[i]);
            continue;
        }
        if (f == n_fail) {
            fail_root[n_fail] = r;
            fail_n[n_fail++] = 0;
        }
        fail_n[f]++;
    }
}

static void add_rid(dedup *d, uint32_t rid)
{
    cover_rid(d, rid);
    d->parent[rid] = rid;
    d->size[rid] = 1;
    d->best[rid] = -1;
}

void dedup_find(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh, size_t n,
                const uint32_t *keys, dedup_match *m)
{
    memset(m, 0, sizeof *m);
    d->absorbed_len = d->updated_len = 0;
    add_rid(d, rid);
    d->n_added++;
    uint32_t same = has_text ? dedup_exact_rid(d, hash) : 0;
    if (same && same != rid && find(d, same)) {
        d->n_exact++;
        note_best(d, m, rid, same, 1.0f, 1.0f, true);
        join(d, rid, same);
    }
    if (n && !m->exact)
        verify_candidates(d, rid, sh, n, keys, m);
    if (m->match)
        d->n_copies++;
    m->group = find(d, rid);
    m->absorbed = d->absorbed;
    m->n_absorbed = d->absorbed_len;
    m->updated = d->updated;
    m->n_updated = d->updated_len;
}

void dedup_insert(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh,
                  size_t n, const uint32_t *keys)
{
    if (has_text && !dedup_exact_rid(d, hash))
        dedup_set_exact(d, hash, rid);
    for (unsigned b = 0; n && b < d->p.bands; b++)
        lsh_prefetch(&d->bands, keys[b]);
    for (unsigned b = 0; n && b < d->p.bands; b++)
        lsh_add(&d->bands, keys[b], rid);
    cache_put(d, rid, sh, n);
}

void dedup_add(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh, size_t n,
               const uint32_t *keys, dedup_match *m)
{
    dedup_find(d, rid, hash, has_text, sh, n, keys, m);
    dedup_insert(d, rid, hash, has_text, sh, n, keys);
}

void dedup_restore(dedup *d, uint32_t rid, uint32_t group, float best, uint64_t hash, bool has_text,
                   const uint32_t *keys, size_t n_keys)
{
    cover_rid(d, group > rid ? group : rid);
    /* the root may be restored after or before its members: make it a root */
    if (group && group != rid && d->parent[group] == 0) {
        d->parent[group] = group;
        d->size[group] = 0;
    }
    if (!group || group == rid) {
        uint32_t had = d->parent[rid] == rid ? d->size[rid] : 0;
        d->parent[rid] = rid;
        d->size[rid] = had + 1;
    } else {
        d->parent[rid] = group;
        d->size[group]++;
    }
    d->best[rid] = best;
    if (has_text && !dedup_exact_rid(d, hash))
        dedup_set_exact(d, hash, rid);
    for (size_t b = 0; b < n_keys; b++)
        lsh_add(&d->bands, keys[b], rid);
}

/* ------------------------------------------------------------------ updates */

void dedup_forget(dedup *d, uint32_t rid, const uint32_t *keys, size_t n_keys, uint64_t hash)
{
    for (size_t b = 0; b < n_keys; b++)
        lsh_remove(&d->bands, keys[b], rid);
    cache_remove(d, rid);
    if (d->exact_cap) {
        size_t i = exact_slot(d, exact_key(hash));
        if (d->exact[i].h && d->exact[i].rid == rid)
            d->exact[i].rid = 0;
    }
}

/* Copies a fetched set (the fetch buffer is reused by the next fetch). */
static uint32_t *copy_set(const uint32_t *v, size_t n)
{
    uint32_t *c = malloc((n ? n : 1) * sizeof *c);
    if (!c)
        abort();
    if (n)
        memcpy(c, v, n * sizeof *c);
    return c;
}

void dedup_regroup(dedup *d, const uint32_t *members, size_t n, uint32_t *best_rid, float *best_j,
                   float *best_c, size_t max_pairs)
{
    if (n == 0)
        return;
    cover_rid(d, members[n - 1]);
    for (size_t i = 0; i < n; i++) {
        d->parent[members[i]] = n > max_pairs ? members[0] : members[i];
        d->size[members[i]] = 1;
    }
    if (n > max_pairs) {
        d->size[members[0]] = (uint32_t)n;
        return;
    }
    uint32_t **sets = grow_calloc(n, sizeof *sets);
    size_t *lens = grow_calloc(n, sizeof *lens);
    for (size_t i = 0; i < n; i++) {
        const uint32_t *s = dedup_shingles(d, members[i], &lens[i]);
        sets[i] = s ? copy_set(s, lens[i]) : NULL;
        if (!s)
            lens[i] = 0;
        best_rid[i] = 0;
        best_j[i] = best_c[i] = -1;
        d->best[members[i]] = -1;
    }
    d->absorbed_len = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = i + 1; k < n; k++) {
            float j, c;
            if (!dedup_verify(&d->p, sets[i], lens[i], sets[k], lens[k], &j, &c))
                continue;
            join(d, members[i], members[k]);
            size_t ends[2] = {i, k};
            for (int e = 0; e < 2; e++) {
                size_t x = ends[e], y = ends[1 - e];
                if (j > best_j[x]) {
                    best_j[x] = j;
                    best_c[x] = c;
                    best_rid[x] = members[y];
                    d->best[members[x]] = j;
                }
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(sets[i]);
    free(sets);
    free(lens);
}

/* ------------------------------------------------------------------ accounting */

size_t dedup_bytes(const dedup *d)
{
    size_t b = lsh_bytes(&d->bands);
    b += d->n_rid * (sizeof *d->parent + sizeof *d->size + sizeof *d->slot + sizeof *d->best);
    b += d->exact_cap * sizeof *d->exact;
    b += d->ring_cap * sizeof *d->ring + d->cache_bytes;
    return b;
}
