/*
 * shingle.c — word k-shingles of an article, hashed to 32 bits.
 *
 * The idea: a copy of a text shares most of its runs of k words with the
 * original, whatever was trimmed, inserted or reordered around them, while
 * two different texts share almost none once k is 5 or so. Words are the
 * tokens' folded forms (NFKC + case fold) without punctuation, so case,
 * quotes and spacing changes do not count as edits.
 *
 * Each word is hashed once (XXH3, 64 bits); a shingle's hash mixes its k
 * word hashes in order and keeps 32 bits. 32 bits are enough: sets hold
 * hundreds of values, so a chance collision between two sets' different
 * shingles (~n²/2³² per pair) moves a Jaccard estimate by nothing
 * measurable, and they halve the memory and disk the sets take.
 *
 * "Stopword-aware" modes (measured in bench/dedup/README.md): NOSTOP drops
 * shingles made only of stopwords ("and it was in the"), which are the
 * shingles two unrelated texts are most likely to share; SPOT follows
 * SpotSigs (Theobald et al. 2008): each stopword anchors a signature of
 * itself and the next k-1 non-stopwords, so only running prose (which is
 * full of stopwords) yields signatures, and navigation-like residue little.
 *
 * Very short texts (fewer than k words) get a single shingle of all their
 * words: they can still be found as exact copies of one another, and never
 * as "contained" in a longer text (whose shingles are all k words long).
 */
#include "shingle.h"

#include <string.h>
#include <xxhash.h>

#include "grow.h"

void shingle_init(shingler *s)
{
    memset(s, 0, sizeof *s);
}

void shingle_free(shingler *s)
{
    free(s->wh);
    free(s->stop);
    free(s->out);
    free(s->tmp);
    shingle_init(s);
}

uint64_t shingle_word_hash(const char *norm, size_t len)
{
    return XXH3_64bits(norm, len);
}

static void reserve_words(shingler *s, size_t n)
{
    if (n <= s->cap_w)
        return;
    size_t cap = s->cap_w;
    grow_array(&s->wh, &cap, n, sizeof *s->wh);
    cap = s->cap_w;
    grow_array(&s->stop, &cap, n, sizeof *s->stop);
    s->cap_w = cap;
}

static void reserve_out(shingler *s, size_t n)
{
    if (n <= s->cap_o)
        return;
    size_t cap = s->cap_o;
    grow_array(&s->out, &cap, n, sizeof *s->out);
    cap = s->cap_o;
    grow_array(&s->tmp, &cap, n, sizeof *s->tmp);
    s->cap_o = cap;
}

/* Order-sensitive mix of n word hashes into 32 bits. */
static uint32_t mix_words(const uint64_t *w, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ w[i]) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    h *= 0x94d049bb133111ebull;
    return (uint32_t)(h >> 32);
}

static size_t all_shingles(shingler *s, const uint64_t *wh, size_t nw, unsigned k)
{
    if (nw < k) {
        s->out[0] = mix_words(wh, nw);
        return 1;
    }
    size_t n = 0;
    for (size_t i = 0; i + k <= nw; i++)
        s->out[n++] = mix_words(wh + i, k);
    return n;
}

static size_t nostop_shingles(shingler *s, const uint64_t *wh, const uint8_t *stop, size_t nw,
                              unsigned k)
{
    if (nw < k)
        return 0;
    size_t n = 0, run = 0; /* run: stopwords ending at i + k - 1 */
    for (size_t i = 0; i < k - 1; i++)
        run = stop[i] ? run + 1 : 0;
    for (size_t i = 0; i + k <= nw; i++) {
        run = stop[i + k - 1] ? run + 1 : 0;
        if (run >= k)
            continue;
        s->out[n++] = mix_words(wh + i, k);
    }
    return n;
}

static size_t spot_shingles(shingler *s, const uint64_t *wh, const uint8_t *stop, size_t nw,
                            unsigned k)
{
    uint64_t chain[16];
    if (k > 16)
        k = 16;
    size_t n = 0;
    for (size_t i = 0; i < nw; i++) {
        if (!stop[i])
            continue;
        size_t m = 0;
        chain[m++] = wh[i];
        for (size_t j = i + 1; j < nw && m < k; j++)
            if (!stop[j])
                chain[m++] = wh[j];
        if (m < k)
            break; /* later anchors have even fewer words after them */
        s->out[n++] = mix_words(chain, k);
    }
    return n;
}

size_t shingle_words(shingler *s, const uint64_t *wh, const uint8_t *stop, size_t nw, unsigned k,
                     shingle_mode mode, const uint32_t **out)
{
    if (k == 0)
        k = 1;
    reserve_out(s, nw + 1);
    size_t n = 0;
    if (nw == 0) {
        *out = s->out;
        return 0;
    }
    if (stop && mode == SHINGLE_NOSTOP)
        n = nostop_shingles(s, wh, stop, nw, k);
    else if (stop && mode == SHINGLE_SPOT)
        n = spot_shingles(s, wh, stop, nw, k);
    if (n == 0)
        n = all_shingles(s, wh, nw, k);
    n = shingle_sort_unique(s->out, n, s->tmp);
    *out = s->out;
    return n;
}

size_t shingle_tokens(shingler *s, const sl_token *toks, size_t n_toks, unsigned k,
                      shingle_mode mode, const uint32_t **out)
{
    reserve_words(s, n_toks + 1);
    size_t nw = 0;
    for (size_t i = 0; i < n_toks; i++) {
        const sl_token *t = &toks[i];
        if (t->kind == SL_TOK_PUNCT || !t->norm)
            continue;
        s->wh[nw] = shingle_word_hash(t->norm, strlen(t->norm));
        s->stop[nw] = (t->flags & SL_TOKF_STOP) != 0;
        nw++;
    }
    s->words = nw;
    return shingle_words(s, s->wh, s->stop, nw, k, mode, out);
}

/* ---- sorting: small arrays by insertion; up to 1024 values one pass of
 * bucketing on the top byte (≈ 4 values a bucket) then insertion sort of
 * the nearly sorted result; larger ones LSD radix sort on bytes */

static void insertion_sort(uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void radix_sort(uint32_t *v, size_t n, uint32_t *tmp)
{
    uint32_t count[4][256];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = v[i];
        count[0][x & 255]++;
        count[1][(x >> 8) & 255]++;
        count[2][(x >> 16) & 255]++;
        count[3][x >> 24]++;
    }
    uint32_t *src = v, *dst = tmp;
    for (int pass = 0; pass < 4; pass++) {
        uint32_t sum = 0;
        for (int b = 0; b < 256; b++) {
            uint32_t c = count[pass][b];
            count[pass][b] = sum;
            sum += c;
        }
        int shift = pass * 8;
        for (size_t i = 0; i < n; i++)
            dst[count[pass][(src[i] >> shift) & 255]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    /* four passes: the sorted data is back in v */
}

static void bucket_sort(uint32_t *v, size_t n, uint32_t *tmp)
{
    /* 256 buckets over the range in use, so that clustered values (row ids)
     * spread as well as hashes do */
    uint32_t lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    uint32_t span = hi - lo;
    int shift = span >> 8 ? 24 - __builtin_clz(span) : 0;
    uint32_t start[257];
    memset(start, 0, sizeof start);
    for (size_t i = 0; i < n; i++)
        start[((v[i] - lo) >> shift) + 1]++;
    for (int b = 0; b < 256; b++)
        start[b + 1] += start[b];
    for (size_t i = 0; i < n; i++)
        tmp[start[(v[i] - lo) >> shift]++] = v[i];
    insertion_sort(tmp, n);
    memcpy(v, tmp, n * sizeof *v);
}

void shingle_sort(uint32_t *v, size_t n, uint32_t *tmp)
{
    if (n <= 48)
        insertion_sort(v, n);
    else if (n <= 1024)
        bucket_sort(v, n, tmp);
    else
        radix_sort(v, n, tmp);
}

size_t shingle_sort_unique(uint32_t *v, size_t n, uint32_t *tmp)
{
    if (n < 2)
        return n;
    shingle_sort(v, n, tmp);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

size_t shingle_overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i], y = b[j];
        n += x == y;
        i += x <= y;
        j += y <= x;
    }
    return n;
}

void shingle_similarity(const sl_article *a, const sl_article *b, unsigned k, shingle_mode mode,
                        shingle_sims *out)
{
    shingler sa, sb;
    shingle_init(&sa);
    shingle_init(&sb);
    const uint32_t *va, *vb;
    out->na = shingle_tokens(&sa, a->toks, a->n_toks, k, mode, &va);
    out->nb = shingle_tokens(&sb, b->toks, b->n_toks, k, mode, &vb);
    out->common = shingle_overlap(va, out->na, vb, out->nb);
    size_t uni = out->na + out->nb - out->common;
    out->jaccard = uni ? (double)out->common / (double)uni : 0;
    out->a_in_b = out->na ? (double)out->common / (double)out->na : 0;
    out->b_in_a = out->nb ? (double)out->common / (double)out->nb : 0;
    shingle_free(&sa);
    shingle_free(&sb);
}
