/*
 * test_dedup.c — the copy index (src/dedup/): shingles, MinHash, the LSH
 * table, groups, persistence in the store, passage alignment, the source
 * guess, and bad input. All texts are invented for these tests.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/dedup/align.h"
#include "../src/dedup/copies.h"
#include "../src/dedup/dedup.h"
#include "../src/eval/metrics.h"
#include "../src/text/text.h"
#include "../src/util/arena.h"
#include "../src/util/buf.h"
#include "harness.h"

/* ------------------------------------------------------------------ helpers */

typedef struct rng {
    uint64_t s;
} rng;

static uint32_t rnd(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 16);
}

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

/* An analysed article from text (no cleaning: tokens, paragraphs split at
 * blank lines, sentences), so alignment tests see exactly their text. */
static sl_article *mk(sl_ctx *ctx, const char *lang, const char *text)
{
    sl_arena *a = arena_new();
    sl_article *x = arena_calloc(a, 1, sizeof *x);
    x->arena = a;
    x->id = "t";
    x->outlet = "";
    x->url = x->title = x->author = x->origin = x->format = "";
    x->lang = lang;
    x->published = SL_TIME_NONE;
    x->text = arena_strdup(a, text);
    x->text_len = strlen(text);
    size_t np = 1;
    for (const char *p = text; (p = strstr(p, "\n\n")); p += 2)
        np++;
    x->paras = arena_calloc(a, np, sizeof *x->paras);
    uint32_t start = 0;
    for (const char *p = text; (p = strstr(p, "\n\n")); p += 2) {
        x->paras[x->n_paras++] = (sl_span){start, (uint32_t)(p - text)};
        start = (uint32_t)(p - text) + 2;
    }
    x->paras[x->n_paras++] = (sl_span){start, (uint32_t)x->text_len};
    x->n_toks = tokenize(ctx, a, lang, x->text, x->text_len, &x->toks);
    x->n_sents = sentence_split(a, lang, x->text, x->text_len, x->paras, x->n_paras, x->toks,
                                x->n_toks, &x->sents);
    return x;
}

/* Shingle set of a text (k = 5, all shingles), copied into out (≥ 4096). */
static size_t set_of(sl_ctx *ctx, const char *lang, const char *text, uint32_t *out)
{
    sl_article *x = mk(ctx, lang, text);
    shingler s;
    shingle_init(&s);
    const uint32_t *v;
    size_t n = shingle_tokens(&s, x->toks, x->n_toks, 5, SHINGLE_ALL, &v);
    memcpy(out, v, n * sizeof *v);
    shingle_free(&s);
    sl_article_free(x);
    return n;
}

/* A random set of n distinct values, the first common of them shared with b. */
static void random_pair(rng *r, size_t common, size_t only_a, size_t only_b, uint32_t *a,
                        size_t *na, uint32_t *b, size_t *nb)
{
    uint32_t tmp[8192];
    *na = *nb = 0;
    for (size_t i = 0; i < common; i++) {
        uint32_t v = rnd(r) * 2u + 1; /* odd: shared */
        a[(*na)++] = v;
        b[(*nb)++] = v;
    }
    for (size_t i = 0; i < only_a; i++)
        a[(*na)++] = rnd(r) * 4u; /* ≡ 0 mod 4 */
    for (size_t i = 0; i < only_b; i++)
        b[(*nb)++] = rnd(r) * 4u + 2; /* ≡ 2 mod 4 */
    *na = shingle_sort_unique(a, *na, tmp);
    *nb = shingle_sort_unique(b, *nb, tmp);
}

/* ------------------------------------------------------------------ shingles */

TEST(shingle_counts_by_length)
{
    shingler s;
    shingle_init(&s);
    uint64_t w[10] = {11, 22, 33, 44, 55, 66, 77, 11, 22, 33};
    const uint32_t *v;
    CHECK_INT(shingle_words(&s, w, NULL, 7, 5, SHINGLE_ALL, &v), 3);
    CHECK_INT(shingle_words(&s, w, NULL, 5, 5, SHINGLE_ALL, &v), 1);
    /* fewer words than k: one shingle of all of them */
    CHECK_INT(shingle_words(&s, w, NULL, 3, 5, SHINGLE_ALL, &v), 1);
    CHECK_INT(shingle_words(&s, w, NULL, 1, 5, SHINGLE_ALL, &v), 1);
    CHECK_INT(shingle_words(&s, w, NULL, 0, 5, SHINGLE_ALL, &v), 0);
    /* a repeated run gives the same shingle once */
    uint64_t rep[10] = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5};
    CHECK_INT(shingle_words(&s, rep, NULL, 10, 5, SHINGLE_ALL, &v), 5);
    /* order matters: a reordered run is another shingle */
    uint64_t a[5] = {1, 2, 3, 4, 5}, b[5] = {2, 1, 3, 4, 5};
    shingle_words(&s, a, NULL, 5, 5, SHINGLE_ALL, &v);
    uint32_t first = v[0];
    shingle_words(&s, b, NULL, 5, 5, SHINGLE_ALL, &v);
    CHECK(first != v[0]);
    shingle_free(&s);
}

TEST(shingle_three_words_is_not_a_prefix_shingle)
{
    /* a 3-word text's single shingle differs from any 5-word shingle */
    shingler s;
    shingle_init(&s);
    uint64_t w[6] = {7, 8, 9, 10, 11, 12};
    const uint32_t *v;
    shingle_words(&s, w, NULL, 3, 5, SHINGLE_ALL, &v);
    uint32_t short_one = v[0];
    size_t n = shingle_words(&s, w, NULL, 6, 5, SHINGLE_ALL, &v);
    for (size_t i = 0; i < n; i++)
        CHECK(v[i] != short_one);
    shingle_free(&s);
}

TEST(shingle_stopword_modes)
{
    shingler s;
    shingle_init(&s);
    const uint32_t *v;
    /* words 0-4 all stopwords, then content */
    uint64_t w[8] = {1, 2, 3, 4, 5, 100, 200, 300};
    uint8_t stop[8] = {1, 1, 1, 1, 1, 0, 0, 0};
    CHECK_INT(shingle_words(&s, w, stop, 8, 5, SHINGLE_ALL, &v), 4);
    CHECK_INT(shingle_words(&s, w, stop, 8, 5, SHINGLE_NOSTOP, &v), 3);
    /* only stopwords: NOSTOP falls back to all shingles */
    CHECK_INT(shingle_words(&s, w, stop, 5, 5, SHINGLE_NOSTOP, &v), 1);
    /* SPOT: anchors 0..4, each needs 4 non-stopwords after it: none has */
    CHECK_INT(shingle_words(&s, w, stop, 8, 3, SHINGLE_SPOT, &v), 5);
    uint8_t none[8] = {0};
    /* no stopword at all: SPOT falls back to all shingles */
    CHECK_INT(shingle_words(&s, w, none, 8, 5, SHINGLE_SPOT, &v), 4);
    shingle_free(&s);
}

TEST(shingle_ignores_case_punctuation_spacing)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    uint32_t a[4096], b[4096], c[4096];
    size_t na = set_of(ctx, "fr",
                       "Le maire de Villeneuve a annoncé, mardi, la fermeture du pont "
                       "pour trois semaines de travaux.",
                       a);
    size_t nb = set_of(ctx, "fr",
                       "le MAIRE de villeneuve a annoncé mardi la fermeture du pont\n"
                       "pour trois semaines de travaux",
                       b);
    size_t nc = set_of(ctx, "fr",
                       "Le maire de Villeneuve a annoncé mardi la réouverture du pont "
                       "après trois semaines de travaux.",
                       c);
    CHECK(na > 5);
    CHECK_INT(na, nb);
    CHECK(memcmp(a, b, na * sizeof *a) == 0);
    CHECK(shingle_overlap(a, na, c, nc) < na / 2); /* a changed word breaks 5 shingles */
    sl_ctx_free(ctx);
}

TEST(shingle_sort_unique_matches_reference)
{
    rng r = {0x1234567};
    uint32_t v[3000], ref[3000], tmp[3000];
    size_t sizes[] = {0, 1, 2, 47, 48, 49, 300, 3000};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t];
        for (size_t i = 0; i < n; i++)
            v[i] = ref[i] = rnd(&r) % (n / 2 + 1); /* many repeats */
        size_t m = shingle_sort_unique(v, n, tmp);
        /* reference: selection of distinct values in order */
        size_t k = 0;
        for (uint32_t x = 0; x <= n / 2 + 1; x++) {
            bool present = false;
            for (size_t i = 0; i < n; i++)
                present |= ref[i] == x;
            if (present) {
                CHECK(k < m && v[k] == x);
                k++;
            }
        }
        CHECK_INT(m, k);
    }
}

TEST(shingle_overlap_by_hand)
{
    uint32_t a[] = {1, 3, 5, 7, 9}, b[] = {2, 3, 4, 5, 10, 11};
    CHECK_INT(shingle_overlap(a, 5, b, 6), 2);
    CHECK_INT(shingle_overlap(a, 5, a, 5), 5);
    CHECK_INT(shingle_overlap(a, 0, b, 6), 0);
    uint32_t c[] = {UINT32_MAX - 1, UINT32_MAX}, d[] = {0, UINT32_MAX};
    CHECK_INT(shingle_overlap(c, 2, d, 2), 1);
}

/* ------------------------------------------------------------------ minhash */

TEST(minhash_estimates_jaccard)
{
    rng r = {99};
    static uint32_t a[8192], b[8192];
    /* (common, only a, only b) → J = common / (common + a + b) */
    size_t shapes[][3] = {{100, 200, 200}, {250, 125, 125}, {400, 50, 50}, {160, 40, 0}};
    for (size_t s = 0; s < 4; s++) {
        double truth = (double)shapes[s][0] / (shapes[s][0] + shapes[s][1] + shapes[s][2]);
        double sum = 0, worst = 0;
        for (int t = 0; t < 30; t++) {
            size_t na, nb;
            random_pair(&r, shapes[s][0], shapes[s][1], shapes[s][2], a, &na, b, &nb);
            uint32_t sa[128], sb[128];
            minhash_sign(a, na, 128, sa);
            minhash_sign(b, nb, 128, sb);
            double e = minhash_estimate(sa, sb, 128);
            sum += e;
            worst = fmax(worst, fabs(e - truth));
        }
        /* 128 bins: standard error ≤ 0.045; the mean of 30 within 0.03 */
        CHECK(fabs(sum / 30 - truth) < 0.03);
        CHECK(worst < 0.2);
    }
}

TEST(minhash_identical_and_disjoint)
{
    rng r = {5};
    static uint32_t a[8192], b[8192];
    size_t na, nb;
    random_pair(&r, 0, 300, 300, a, &na, b, &nb);
    uint32_t sa[128], sb[128], sc[128], ka[32], kc[32], kb[32];
    minhash_sign(a, na, 128, sa);
    minhash_sign(a, na, 128, sc);
    minhash_sign(b, nb, 128, sb);
    CHECK(memcmp(sa, sc, sizeof sa) == 0);
    CHECK(minhash_estimate(sa, sb, 128) < 0.05);
    minhash_bands(sa, 32, 4, ka);
    minhash_bands(sc, 32, 4, kc);
    minhash_bands(sb, 32, 4, kb);
    CHECK(memcmp(ka, kc, sizeof ka) == 0);
    int same = 0;
    for (int i = 0; i < 32; i++) {
        same += ka[i] == kb[i];
        CHECK(ka[i] != 0);
    }
    CHECK_INT(same, 0);
}

TEST(minhash_short_sets_densified)
{
    /* one or three shingles fill every bin, deterministically */
    uint32_t one[1] = {424242}, three[3] = {5, 17, 99}, s1[128], s2[128], s3[128];
    minhash_sign(one, 1, 128, s1);
    minhash_sign(one, 1, 128, s2);
    CHECK(memcmp(s1, s2, sizeof s1) == 0);
    minhash_sign(three, 3, 128, s3);
    for (int i = 0; i < 128; i++)
        CHECK(s3[i] != UINT32_MAX);
    CHECK(minhash_estimate(s1, s3, 128) < 0.2);
    /* empty set: all zero, never used for candidates */
    minhash_sign(three, 0, 128, s3);
    for (int i = 0; i < 128; i++)
        CHECK_INT(s3[i], 0);
}

/* ------------------------------------------------------------------ LSH table */

TEST(lsh_add_get_remove_against_reference)
{
    rng r = {77};
    lsh l;
    lsh_init(&l, 1000);
    enum { N = 20000 };
    static uint32_t key[N], rid[N];
    static bool live[N];
    for (int i = 0; i < N; i++) {
        key[i] = 1 + rnd(&r) % 3000; /* repeated keys */
        rid[i] = (uint32_t)i + 1;
        live[i] = lsh_add(&l, key[i], rid[i]) == 1;
        CHECK(live[i]);
    }
    for (int i = 0; i < N; i += 3) { /* remove a third */
        CHECK_INT(lsh_remove(&l, key[i], rid[i]), 1);
        live[i] = false;
    }
    CHECK_INT(lsh_remove(&l, 999999, 1), 0);
    CHECK_INT(l.len, N - (N + 2) / 3);
    uint32_t out[1000];
    for (uint32_t k = 1; k <= 3000; k += 7) {
        size_t n = lsh_get(&l, k, out, 1000);
        size_t want = 0;
        for (int i = 0; i < N; i++)
            want += live[i] && key[i] == k;
        CHECK_INT(n, want);
        for (size_t j = 0; j < n; j++) {
            uint32_t i = out[j] - 1;
            CHECK(i < N && live[i] && key[i] == k);
        }
    }
    lsh_free(&l);
}

TEST(lsh_saturation_bounds_a_key)
{
    lsh l;
    lsh_init(&l, 4);
    int added = 0;
    for (uint32_t i = 1; i <= 100; i++)
        added += lsh_add(&l, 12345, i);
    CHECK_INT(added, 4);
    uint32_t out[10];
    CHECK_INT(lsh_get(&l, 12345, out, 10), 4);
    CHECK_INT(lsh_get(&l, 12345, out, 2), 2);
    CHECK_INT(lsh_get(&l, 54321, out, 10), 0);
    lsh_free(&l);
}

TEST(lsh_recall_on_constructed_pairs)
{
    rng r = {2024};
    dedup_params p;
    dedup_params_default(&p);
    p.cache_bytes = 0;
    dedup d;
    dedup_init(&d, &p, NULL, NULL);
    static uint32_t a[8192], b[8192];
    uint32_t keys[DEDUP_MAX_BANDS], rids[1024], cnt[1024];
    int found_hi = 0, found_zero = 0;
    /* 200 pairs of Jaccard 0.7 (280 common, 60 + 60 own) and unrelated sets */
    for (uint32_t t = 0; t < 200; t++) {
        size_t na, nb;
        random_pair(&r, 280, 60, 60, a, &na, b, &nb);
        dedup_keys(&d, a, na, keys);
        dedup_match m;
        dedup_add(&d, 2 * t + 1, t, true, a, na, keys, &m);
        dedup_keys(&d, b, nb, keys);
        size_t nc = dedup_candidates(&d, keys, rids, cnt, 1024);
        bool hit = false;
        for (size_t i = 0; i < nc; i++)
            hit |= rids[i] == 2 * t + 1;
        found_hi += hit;
        /* nothing else: other pairs share no shingle */
        found_zero += (int)(nc - hit);
    }
    /* theory: 1 - (1 - 0.7^r)^b = 0.9999 for the default bands */
    CHECK(found_hi >= 198);
    CHECK_INT(found_zero, 0);
    dedup_free(&d);
}

/* ------------------------------------------------------------------ the index */

/* Sets for articles: [base, base+len) words of a synthetic sequence. */
static size_t words_set(shingler *s, uint64_t base, size_t len, const uint32_t **v)
{
    uint64_t w[4096];
    for (size_t i = 0; i < len; i++)
        w[i] = (base + i) * 0x9e3779b97f4a7c15ull;
    return shingle_words(s, w, NULL, len, 5, SHINGLE_ALL, v);
}

static void add_words(dedup *d, shingler *s, uint32_t rid, uint64_t base, size_t len, uint64_t hash,
                      dedup_match *m)
{
    const uint32_t *v;
    size_t n = words_set(s, base, len, &v);
    uint32_t keys[DEDUP_MAX_BANDS];
    if (n)
        dedup_keys(d, v, n, keys);
    dedup_add(d, rid, hash, len > 0, v, n, keys, m);
}

TEST(dedup_groups_union_and_merge)
{
    dedup_params p;
    dedup_params_default(&p);
    dedup d;
    dedup_init(&d, &p, NULL, NULL);
    shingler s;
    shingle_init(&s);
    dedup_match m;
    add_words(&d, &s, 1, 1000, 300, 1, &m); /* A */
    CHECK_INT(m.group, 1);
    CHECK_INT(m.match, 0);
    add_words(&d, &s, 2, 1000, 240, 2, &m); /* B: A trimmed by a fifth */
    CHECK_INT(m.group, 1);
    CHECK_INT(m.match, 1);
    CHECK(m.containment > 0.99f);
    CHECK(fabsf(m.jaccard - 236.0f / 296.0f) < 1e-4f);
    CHECK_INT(m.n_updated, 1);               /* A's best copy is now B */
    add_words(&d, &s, 3, 50000, 200, 3, &m); /* C: unrelated */
    CHECK_INT(m.group, 3);
    add_words(&d, &s, 4, 50000, 200, 4, &m); /* D: same words as C, other hash */
    CHECK_INT(m.group, 3);
    CHECK(m.jaccard > 0.999f);
    CHECK(!m.exact);
    CHECK_INT(dedup_group_size(&d, 4), 2);
    /* E holds A's and C's texts: a copy of both groups, which merge */
    const uint32_t *va, *vc;
    uint32_t both[1024], tmp[1024];
    size_t na = words_set(&s, 1000, 300, &va);
    memcpy(both, va, na * sizeof *va);
    size_t nc = words_set(&s, 50000, 200, &vc);
    memcpy(both + na, vc, nc * sizeof *vc);
    size_t nb = shingle_sort_unique(both, na + nc, tmp);
    uint32_t keys[DEDUP_MAX_BANDS];
    dedup_keys(&d, both, nb, keys);
    dedup_add(&d, 5, 5, true, both, nb, keys, &m);
    CHECK_INT(m.group, 1);
    CHECK_INT(m.n_absorbed >= 1, 1);
    bool absorbed3 = false;
    for (size_t i = 0; i < m.n_absorbed; i++)
        absorbed3 |= m.absorbed[i] == 3;
    CHECK(absorbed3);
    CHECK_INT(dedup_group(&d, 4), 1);
    CHECK_INT(dedup_group_size(&d, 1), 5);
    shingle_free(&s);
    dedup_free(&d);
}

TEST(dedup_thresholds_decide)
{
    dedup_params p;
    dedup_params_default(&p);
    p.jaccard = 0.5;
    p.containment = 0.8;
    p.min_contain = 20;
    uint32_t a[200], b[200];
    for (uint32_t i = 0; i < 200; i++)
        a[i] = b[i] = i * 7;
    float j, c;
    /* 100 of 100 inside 200: C = 1, J = 0.5 */
    CHECK(dedup_verify(&p, a, 100, b, 200, &j, &c));
    CHECK(fabsf(j - 0.5f) < 1e-6f && fabsf(c - 1.0f) < 1e-6f);
    /* 30 of 30 inside 200: J 0.15 but contained, 30 ≥ 20 shingles */
    CHECK(dedup_verify(&p, a, 30, b, 200, &j, &c));
    /* 10 of 10 inside 200: too small to count as contained */
    CHECK(!dedup_verify(&p, a, 10, b, 200, &j, &c));
    CHECK(fabsf(c - 1.0f) < 1e-6f);
    /* half overlap of equal sets: J = 1/3, C = 0.5 */
    CHECK(!dedup_verify(&p, a, 100, a + 50, 100, &j, &c));
    CHECK(fabsf(j - 50.0f / 150.0f) < 1e-6f && fabsf(c - 0.5f) < 1e-6f);
    CHECK(!dedup_verify(&p, a, 0, b, 200, &j, &c));
}

TEST(dedup_exact_short_and_empty)
{
    dedup_params p;
    dedup_params_default(&p);
    dedup d;
    dedup_init(&d, &p, NULL, NULL);
    shingler s;
    shingle_init(&s);
    dedup_match m;
    add_words(&d, &s, 1, 7000, 120, 0xabcdef, &m);
    add_words(&d, &s, 2, 7000, 120, 0xabcdef, &m); /* same text, other id */
    CHECK_INT(m.group, 1);
    CHECK(m.exact);
    CHECK(m.jaccard == 1.0f);
    /* three words: one shingle; same three words → copy; inside a long text → not */
    add_words(&d, &s, 3, 900000, 3, 31, &m);
    add_words(&d, &s, 4, 900000, 3, 32, &m);
    CHECK_INT(m.group, 3);
    CHECK(m.jaccard == 1.0f);
    add_words(&d, &s, 5, 900000, 400, 33, &m);
    CHECK_INT(m.group, 5);
    /* empty texts (no words, has_text false) stay alone even with equal hashes */
    dedup_add(&d, 6, 0x777, false, NULL, 0, NULL, &m);
    CHECK_INT(m.group, 6);
    dedup_add(&d, 7, 0x777, false, NULL, 0, NULL, &m);
    CHECK_INT(m.group, 7);
    CHECK_INT(dedup_group(&d, 99), 0); /* unknown rid */
    shingle_free(&s);
    dedup_free(&d);
}

TEST(dedup_params_roundtrip)
{
    dedup_params p, q;
    dedup_params_default(&p);
    p.jaccard = 0.45;
    p.mode = SHINGLE_NOSTOP;
    char text[256];
    dedup_params_format(&p, text, sizeof text);
    dedup_params_default(&q);
    CHECK_INT(dedup_params_parse(&q, text), 0);
    CHECK(q.jaccard == 0.45 && q.mode == SHINGLE_NOSTOP && q.bands == p.bands && q.k == p.k);
    CHECK_INT(dedup_params_parse(&q, "jaccard=1.5"), -1);
    CHECK_INT(dedup_params_parse(&q, "bands=40 rows=4"), -1); /* 160 > 128 bins */
    CHECK_INT(dedup_params_parse(&q, "colour=blue"), -1);
    CHECK_INT(dedup_params_parse(&q, "k"), -1);
    dedup_params_default(&q);
    CHECK_INT(dedup_params_parse(&q, ""), 0);
}

/* ------------------------------------------------------------------ store */

static const char *const wire_fr =
    "Les pompiers de la vallée de l'Ubaye ont évacué mardi soir quarante habitants du hameau de "
    "Clos-Rivier, menacé par une coulée de boue après trois jours de pluies continues.\n\n"
    "La préfecture a ouvert un gymnase à Barcelonnette pour accueillir les familles et a "
    "interdit la circulation sur la route départementale jusqu'à nouvel ordre.\n\n"
    "Selon Météo-France, les précipitations devraient cesser jeudi, mais le sol gorgé d'eau "
    "reste instable et de nouveaux glissements ne sont pas exclus ce week-end.";

static const char *const other_en =
    "The city council of Harlow Bay approved the budget for next year after a debate of six "
    "hours about the cost of the new tram line and the renovation of the central library, "
    "which has been closed since a fire damaged its roof in the spring.";

static sl_article *build(sl_ctx *ctx, const char *id, const char *source, const char *date,
                         const char *lang, const char *text)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = id;
    raw.source = source;
    raw.title = "Titre";
    raw.date = date;
    raw.lang = lang;
    raw.text = text;
    raw.text_len = strlen(text);
    raw.origin = "test";
    raw.format = "jsonl";
    return sl_article_build(ctx, &raw);
}

static sl_added put(sl_ctx *ctx, sl_pipeline *pl, const char *id, const char *source,
                    const char *text)
{
    sl_article *a = build(ctx, id, source, "2026-03-03T08:00:00Z", "fr", text);
    sl_added r = sl_pipeline_add(pl, a);
    sl_article_free(a);
    return r;
}

static void tmp_db(char *path, size_t n)
{
    snprintf(path, n, "/tmp/sl-test-dedup-%d.db", (int)getpid());
    char more[300];
    unlink(path);
    snprintf(more, sizeof more, "%s-wal", path);
    unlink(more);
    snprintf(more, sizeof more, "%s-shm", path);
    unlink(more);
}

static void rm_db(const char *path)
{
    char more[300];
    unlink(path);
    snprintf(more, sizeof more, "%s-wal", path);
    unlink(more);
    snprintf(more, sizeof more, "%s-shm", path);
    unlink(more);
}

TEST(copies_persist_and_grow_incrementally)
{
    char path[256];
    tmp_db(path, sizeof path);
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    CHECK(st != NULL);
    if (!st)
        return;
    sl_pipeline *pl = sl_pipeline_open(ctx, st);
    sl_added a = put(ctx, pl, "wire", "Agence Alpes", wire_fr);
    /* the copy keeps the first two paragraphs */
    char trimmed[2048];
    const char *cut = strstr(wire_fr, "\n\nSelon");
    snprintf(trimmed, sizeof trimmed, "%.*s", (int)(cut - wire_fr), wire_fr);
    sl_added b = put(ctx, pl, "copy-1", "Le Courrier", trimmed);
    sl_added c = put(ctx, pl, "other", "Harlow Post", other_en);
    CHECK_INT(a.put, SL_PUT_NEW);
    CHECK_INT(b.copy.group, a.rid);
    CHECK_INT(b.copy.size, 2);
    CHECK_INT(b.copy.match, a.rid);
    CHECK(b.copy.containment > 0.99);
    CHECK(!b.copy.exact);
    CHECK_INT(c.copy.group, c.rid);
    CHECK_INT(c.copy.size, 1);
    sl_pipeline_close(pl);
    sl_store_close(st);

    /* reopen: the index is restored from the store; a new copy joins */
    st = sl_store_open(ctx, path);
    pl = sl_pipeline_open(ctx, st);
    sl_added d = put(ctx, pl, "copy-2", "La Gazette", wire_fr); /* verbatim: exact */
    CHECK_INT(d.copy.group, a.rid);
    CHECK_INT(d.copy.size, 3);
    CHECK(d.copy.exact);
    CHECK_INT(d.copy.match, a.rid);
    /* the same article again: nothing changes, its group is reported */
    sl_added d2 = put(ctx, pl, "copy-2", "La Gazette", wire_fr);
    CHECK_INT(d2.put, SL_PUT_SAME);
    CHECK_INT(d2.copy.group, a.rid);
    CHECK_INT(d2.copy.size, 3);
    sl_copy_info info;
    CHECK_INT(sl_copy_get(st, b.rid, &info), 0);
    CHECK_INT(info.group, a.rid);
    CHECK_INT(info.size, 3);
    CHECK_INT(sl_copy_get(st, 9999, &info), -1);
    CHECK_INT(info.group, 0);
    long long members[8];
    CHECK_INT(sl_copy_members(st, a.rid, members, 8), 3);
    CHECK_INT(members[0], a.rid);
    CHECK_INT(members[1], b.rid);
    CHECK_INT(members[2], d.rid);
    CHECK_INT(sl_copy_members(st, a.rid, NULL, 0), 3);
    dedup_params p;
    CHECK_INT(copies_params(st, &p), 0);
    CHECK_INT(p.k, 5);
    sl_pipeline_close(pl);
    sl_store_close(st);
    sl_ctx_free(ctx);
    rm_db(path);
}

TEST(copies_updated_article_leaves_its_group)
{
    char path[256];
    tmp_db(path, sizeof path);
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    sl_pipeline *pl = sl_pipeline_open(ctx, st);
    sl_added a = put(ctx, pl, "wire", "Agence Alpes", wire_fr);
    sl_added b = put(ctx, pl, "copy", "Le Courrier", wire_fr);
    CHECK_INT(b.copy.group, a.rid);
    /* the wire item is replaced by another text: it leaves; the copy stays alone */
    sl_added a2 = put(ctx, pl, "wire", "Agence Alpes", other_en);
    CHECK_INT(a2.put, SL_PUT_UPDATED);
    CHECK_INT(a2.rid, a.rid);
    CHECK_INT(a2.copy.size, 1);
    sl_copy_info info;
    CHECK_INT(sl_copy_get(st, b.rid, &info), 0);
    CHECK_INT(info.group, b.rid);
    CHECK_INT(info.size, 1);
    CHECK_INT(info.match, 0);
    /* a new verbatim copy of the old text finds the remaining copy by its hash */
    sl_added c = put(ctx, pl, "copy-2", "La Gazette", wire_fr);
    CHECK_INT(c.copy.group, b.rid);
    CHECK(c.copy.exact);
    /* and a copy of the new text finds the updated article */
    sl_added d = put(ctx, pl, "other-copy", "Harlow Herald", other_en);
    CHECK_INT(d.copy.group, a.rid);
    sl_pipeline_close(pl);

    /* everything survives a reopen, and a reindex gives the same groups */
    pl = sl_pipeline_open(ctx, st);
    sl_pipeline_close(pl);
    long n = 0;
    dedup_params p;
    dedup_params_default(&p);
    CHECK_INT(copies_reindex(ctx, st, &p, 2, &n), 0);
    CHECK_INT(n, 4);
    CHECK_INT(sl_copy_get(st, c.rid, &info), 0);
    CHECK_INT(info.group, b.rid);
    CHECK_INT(sl_copy_get(st, d.rid, &info), 0);
    CHECK_INT(info.group, a.rid);
    sl_store_close(st);
    sl_ctx_free(ctx);
    rm_db(path);
}

/* ------------------------------------------------------------------ bad input */

TEST(copies_bad_input_defined)
{
    char path[256];
    tmp_db(path, sizeof path);
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    sl_pipeline *pl = sl_pipeline_open(ctx, st);
    /* 3 words: indexed; the same 3 words elsewhere are a copy, a longer text is not */
    sl_added s1 = put(ctx, pl, "short-1", "A", "Pluie demain matin.");
    sl_added s2 = put(ctx, pl, "short-2", "B", "pluie DEMAIN matin");
    sl_added s3 = put(ctx, pl, "short-3", "C",
                      "Pluie demain matin sur toute la région, selon "
                      "les prévisionnistes de la station locale.");
    CHECK_INT(s2.copy.group, s1.rid);
    CHECK_INT(s3.copy.group, s3.rid);
    /* all stopwords: two different ones are not copies, the same one is */
    sl_added w1 = put(ctx, pl, "stop-1", "A", "Il y a de la et du pour les.");
    sl_added w2 = put(ctx, pl, "stop-2", "B", "Nous sommes les uns avec les autres et eux.");
    sl_added w3 = put(ctx, pl, "stop-3", "C", "Il y a de la et du pour les.");
    CHECK_INT(w2.copy.group, w2.rid);
    CHECK_INT(w3.copy.group, w1.rid);
    CHECK(w3.copy.exact);
    /* a title and no text: indexed alone; two of them are not "the same text" */
    sl_added e1 = put(ctx, pl, "empty-1", "A", "");
    sl_added e2 = put(ctx, pl, "empty-2", "B", "");
    CHECK(e1.rid > 0 && e2.rid > 0);
    CHECK_INT(e1.copy.group, e1.rid);
    CHECK_INT(e2.copy.group, e2.rid);
    CHECK_INT(e2.copy.size, 1);
    sl_pipeline_close(pl);
    sl_store_close(st);
    sl_ctx_free(ctx);
    rm_db(path);
}

TEST(copies_gigantic_article)
{
    /* ~5 MB of varied invented sentences; then a copy of its first half */
    buf big;
    buf_init(&big);
    static const char *const subj[] = {"The ferry", "A council clerk", "The harbour master",
                                       "Two engineers", "The night shift"};
    static const char *const verb[] = {"inspected", "repainted", "measured", "logged",
                                       "photographed"};
    for (unsigned i = 0; big.len < (5u << 20) - 200; i++)
        buf_printf(&big, "%s %s crane number %u near quay %u on day %u.%s", subj[i % 5],
                   verb[(i / 5) % 5], i, i % 97, i % 365, i % 8 == 7 ? "\n\n" : " ");
    char path[256];
    tmp_db(path, sizeof path);
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    if (!st) {
        CHECK(st != NULL);
        buf_free(&big);
        return;
    }
    sl_store_begin(st);
    sl_pipeline *pl = sl_pipeline_open(ctx, st);
    sl_article *a = build(ctx, "giant", "Port Weekly", NULL, "en", big.data);
    CHECK(a != NULL && a->n_toks > 500000);
    sl_added ra = sl_pipeline_add(pl, a);
    CHECK_INT(ra.copy.group, ra.rid);
    size_t half = big.len / 2;
    while (half < big.len && big.data[half] != '\n')
        half++;
    sl_article *b =
        build(ctx, "giant-half", "Port Daily", NULL, "en", arena_strndup(a->arena, big.data, half));
    sl_added rb = sl_pipeline_add(pl, b);
    CHECK_INT(rb.copy.group, ra.rid);
    CHECK(rb.copy.containment > 0.99);
    /* aligning the two: one shared passage covers the half */
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    CHECK(r.n_shared >= 1);
    CHECK(r.shared_words + 10 >= r.words_b);
    CHECK_INT(r.n_only_b, 0);
    sl_article_free(a);
    sl_article_free(b);
    sl_pipeline_close(pl);
    sl_store_commit(st);
    sl_store_close(st);
    sl_ctx_free(ctx);
    rm_db(path);
    buf_free(&big);
}

/* ------------------------------------------------------------------ alignment */

/* Text of passage p on side a (or b), for readable checks. */
static const char *ptext(const sl_article *x, const align_passage *p, bool side_a, char *out,
                         size_t n)
{
    uint32_t s = side_a ? p->a_start : p->b_start, e = side_a ? p->a_end : p->b_end;
    snprintf(out, n, "%.*s", (int)(e - s), x->text + s);
    return out;
}

TEST(align_trimmed_copy_fr)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_article *a = mk(ctx, "fr", wire_fr);
    const char *cut = strstr(wire_fr, "\n\nSelon");
    char trimmed[2048];
    snprintf(trimmed, sizeof trimmed, "%.*s", (int)(cut - wire_fr), wire_fr);
    sl_article *b = mk(ctx, "fr", trimmed);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    char t[1024];
    CHECK_INT(r.n_shared, 1);
    CHECK_INT(r.n_only_b, 0);
    CHECK_INT(r.n_only_a, 1);
    CHECK_INT(r.shared_words, r.words_b);
    CHECK_STR(ptext(a, &r.only_a[0], true, t, sizeof t),
              "Selon Météo-France, les précipitations devraient cesser jeudi, mais le sol gorgé "
              "d'eau reste instable et de nouveaux glissements ne sont pas exclus ce week-end");
    /* sentences: A's last one is A's own, B's all shared */
    CHECK_INT(r.sent_a[r.n_sent_a - 1].status, ALIGN_ONLY);
    for (size_t i = 0; i < r.n_sent_b; i++) {
        CHECK_INT(r.sent_b[i].status, ALIGN_SHARED);
        CHECK_INT(r.sent_b[i].other, (int32_t)i);
    }
    sl_article_free(a);
    sl_article_free(b);
    sl_ctx_free(ctx);
}

TEST(align_inserted_lead_de)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    const char *wire = "Der Stadtrat von Lindenau hat am Montag den Bau einer neuen Brücke über "
                       "die Saale beschlossen. Die Arbeiten sollen im Frühjahr beginnen und zwei "
                       "Jahre dauern.\n\nDie Kosten werden auf achtzehn Millionen Euro geschätzt, "
                       "ein Drittel davon trägt das Land.";
    char copy[2048];
    snprintf(copy, sizeof copy, "Endlich eine Lösung für den täglichen Stau am Fluss.\n\n%s", wire);
    sl_article *a = mk(ctx, "de", wire), *b = mk(ctx, "de", copy);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    char t[512];
    CHECK_INT(r.n_shared, 1);
    CHECK_INT(r.n_only_a, 0);
    CHECK_INT(r.n_only_b, 1);
    CHECK_STR(ptext(b, &r.only_b[0], false, t, sizeof t),
              "Endlich eine Lösung für den täglichen Stau am Fluss");
    CHECK_INT(r.shared_words, r.words_a);
    CHECK_INT(r.sent_b[0].status, ALIGN_ONLY);
    CHECK_INT(r.sent_b[1].other, 0);
    sl_article_free(a);
    sl_article_free(b);
    sl_ctx_free(ctx);
}

TEST(align_reordered_paragraphs_es)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    const char *p1 = "El ayuntamiento de Valdeluz cerró el mercado central durante tres días "
                     "por una avería en el sistema eléctrico.";
    const char *p2 = "Los comerciantes calculan unas pérdidas de cuarenta mil euros y piden "
                     "ayudas a la diputación provincial.";
    const char *p3 = "La alcaldesa prometió que las obras terminarán antes del fin de semana y "
                     "que el mercado abrirá el lunes.";
    char a_txt[1024], b_txt[1024];
    snprintf(a_txt, sizeof a_txt, "%s\n\n%s\n\n%s", p1, p2, p3);
    snprintf(b_txt, sizeof b_txt, "%s\n\n%s\n\n%s", p1, p3, p2);
    sl_article *a = mk(ctx, "es", a_txt), *b = mk(ctx, "es", b_txt);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    CHECK_INT(r.n_shared, 3);
    CHECK_INT(r.n_only_a + r.n_only_b, 0);
    CHECK_INT(r.shared_words, r.words_a);
    /* numbered in A's order; in B the second and third swap places */
    CHECK_INT(r.shared[0].id, 1);
    CHECK(r.shared[1].b_start > r.shared[2].b_start);
    CHECK(r.shared[1].a_start < r.shared[2].a_start);
    sl_article_free(a);
    sl_article_free(b);
    sl_ctx_free(ctx);
}

TEST(align_added_boilerplate_it)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    const char *wire = "La protezione civile ha chiuso le scuole di Borgo Serre per due giorni "
                       "a causa della neve caduta durante la notte sulle colline.";
    char copy[1024];
    snprintf(copy, sizeof copy,
             "Ricevi ogni mattina le notizie della tua provincia direttamente sul telefono.\n\n%s"
             "\n\nTutti i diritti riservati alla redazione del Corriere delle Valli.",
             wire);
    sl_article *a = mk(ctx, "it", wire), *b = mk(ctx, "it", copy);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    char t[512];
    CHECK_INT(r.n_shared, 1);
    CHECK_INT(r.n_only_b, 2);
    CHECK_STR(ptext(b, &r.only_b[1], false, t, sizeof t),
              "Tutti i diritti riservati alla redazione del Corriere delle Valli");
    CHECK_INT(r.n_only_a, 0);
    sl_article_free(a);
    sl_article_free(b);
    sl_ctx_free(ctx);
}

TEST(align_rewritten_sentence_en)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    const char *a_txt = "Rescue teams reached the stranded hikers on Mount Carrow late on "
                        "Sunday after a search that lasted nine hours. All four were taken to "
                        "the hospital in Elmsford with mild hypothermia.";
    const char *b_txt = "Rescue teams reached the stranded hikers on Mount Carrow late on "
                        "Sunday after a search that lasted nine hours. The four climbers, all "
                        "students, were flown to a clinic in the valley for checks.";
    sl_article *a = mk(ctx, "en", a_txt), *b = mk(ctx, "en", b_txt);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    CHECK_INT(r.n_shared, 1);
    CHECK_INT(r.n_only_a, 1);
    CHECK_INT(r.n_only_b, 1);
    CHECK_INT(r.sent_a[0].status, ALIGN_SHARED);
    CHECK_INT(r.sent_a[1].status, ALIGN_ONLY);
    /* a sentence rewritten in its second half: partly shared */
    const char *c_txt = "Rescue teams reached the stranded hikers on Mount Carrow late on "
                        "Sunday, when the fog had already hidden the ridge from the village.";
    sl_article *c = mk(ctx, "en", c_txt);
    align_articles(a->arena, a, c, 5, &r);
    CHECK_INT(r.n_shared, 1);
    CHECK_INT(r.sent_b[0].status, ALIGN_PARTIAL);
    CHECK_INT(r.sent_a[0].status, ALIGN_PARTIAL);
    CHECK_INT(r.sent_b[0].other, 0);
    CHECK_INT(r.shared[0].words, 12); /* "rescue teams ... late on sunday" */
    sl_article_free(a);
    sl_article_free(b);
    sl_article_free(c);
    sl_ctx_free(ctx);
}

TEST(align_nothing_shared_and_empty)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_article *a = mk(ctx, "en", other_en), *b = mk(ctx, "fr", wire_fr), *e = mk(ctx, "en", "");
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    CHECK_INT(r.n_shared, 0);
    CHECK_INT(r.n_only_a, 1);
    CHECK_INT(r.n_only_b, 1);
    align_articles(a->arena, a, e, 5, &r);
    CHECK_INT(r.n_shared, 0);
    CHECK_INT(r.words_b, 0);
    CHECK_INT(r.n_only_b, 0);
    align_articles(a->arena, e, e, 5, &r);
    CHECK_INT(r.n_shared + r.n_only_a + r.n_only_b, 0);
    sl_article_free(a);
    sl_article_free(b);
    sl_article_free(e);
    sl_ctx_free(ctx);
}

TEST(align_repetitive_text_is_bounded)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    buf t;
    buf_init(&t);
    for (int i = 0; i < 4000; i++)
        buf_adds(&t, "the same five words again ");
    sl_article *a = mk(ctx, "en", t.data), *b = mk(ctx, "en", t.data);
    align_result r;
    align_articles(a->arena, a, b, 5, &r);
    CHECK(r.n_shared >= 1);
    CHECK(r.shared_words <= r.words_a);
    sl_article_free(a);
    sl_article_free(b);
    buf_free(&t);
    sl_ctx_free(ctx);
}

/* ------------------------------------------------------------------ direction */

TEST(direction_guess)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_article *a = mk(ctx, "fr", wire_fr), *b = mk(ctx, "fr", wire_fr);
    align_direction d;
    /* same time, same text: cannot tell */
    align_direction_guess(a, b, 1.0, 1.0, &d);
    CHECK_INT(d.source, -1);
    /* earlier wins */
    a->published = 1000000;
    b->published = 1000000 + 2 * 3600;
    align_direction_guess(a, b, 1.0, 1.0, &d);
    CHECK_INT(d.source, 0);
    CHECK(strstr(d.reason, "A was published 2 h 00 min earlier") != NULL);
    /* 30 seconds apart is no signal; B cut (B inside A, not the reverse) */
    b->published = 1000030;
    align_direction_guess(a, b, 0.6, 0.95, &d);
    CHECK_INT(d.source, 0);
    CHECK(strstr(d.reason, "95% of B is inside A") != NULL);
    /* the agency's own wire is the source, even published later than a quick copy */
    const char *afp = "AFP";
    a->outlet = "Le Matin";
    a->agencies = &afp;
    a->n_agencies = 1;
    b->outlet = "AFP";
    b->published = 1000000 + 120;
    align_direction_guess(a, b, 0.95, 0.6, &d);
    CHECK_INT(d.source, 1);
    sl_article_free(a);
    sl_article_free(b);
    sl_ctx_free(ctx);
}

/* ------------------------------------------------------------------ scores */

TEST(copy_groups_pairwise_scores_by_hand)
{
    /* gold: {1,2,3} {4,5}; ours: {1,2} {3,4,5}.
     * gold pairs: 3 + 1 = 4; our pairs: 1 + 3 = 4; both: (1,2) and (4,5) = 2
     * P = R = 2/4, F1 = 0.5 */
    int64_t gold[] = {1, 1, 1, 4, 4}, ours[] = {1, 1, 3, 3, 3};
    metrics_scores m;
    metrics_score(ours, gold, 5, &m);
    CHECK(fabs(m.pair_p - 0.5) < 1e-12 && fabs(m.pair_r - 0.5) < 1e-12);
    CHECK(fabs(m.pair_f1 - 0.5) < 1e-12);
    /* all singletons against gold pairs: nothing claimed (P = 1), nothing found (R = 0) */
    int64_t single[] = {1, 2, 3, 4, 5};
    metrics_score(single, gold, 5, &m);
    CHECK(fabs(m.pair_p - 1) < 1e-12 && fabs(m.pair_r) < 1e-12);
    /* one extra article joined to a group of 3: P = 3/6, R = 1 */
    int64_t g2[] = {1, 1, 1, 2}, o2[] = {7, 7, 7, 7};
    metrics_score(o2, g2, 4, &m);
    CHECK(fabs(m.pair_p - 0.5) < 1e-12 && fabs(m.pair_r - 1) < 1e-12);
    CHECK(fabs(m.pair_f1 - 2.0 / 3) < 1e-12);
}

/* ------------------------------------------------------------------ invariants */

/* Store invariants of the copies table: a group's id is its smallest rid,
 * the group's first article carries it, a recorded closest copy is in the
 * same group; every article is indexed. */
static void check_copies_invariants(sl_store *st)
{
    sqlite3 *db = sl_store_db(st);
    const char *checks[] = {
        "SELECT count(*) FROM copies c WHERE grp <> (SELECT min(rid) FROM copies WHERE grp = "
        "c.grp)",
        "SELECT count(*) FROM copies c WHERE NOT EXISTS (SELECT 1 FROM copies WHERE rid = c.grp)",
        "SELECT count(*) FROM copies c JOIN copies m ON m.rid = c.match_rid WHERE m.grp <> c.grp",
        "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM copies)",
        "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM dedup_sig)",
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *q;
        long long bad = -1;
        if (sqlite3_prepare_v2(db, checks[i], -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            bad = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        if (bad != 0)
            harness_fail(__FILE__, __LINE__, "invariant broken (%lld rows): %s", bad, checks[i]);
    }
}

TEST(copies_random_stream_keeps_invariants)
{
    static const char *const words[] = {
        "harbour", "council",  "ferry",  "storm",   "bridge",  "budget",   "river",
        "school",  "mayor",    "police", "market",  "train",   "village",  "hospital",
        "museum",  "festival", "road",   "station", "library", "tower",    "garden",
        "north",   "south",    "closed", "opened",  "said",    "after",    "before",
        "during",  "three",    "seven",  "hundred", "workers", "residents"};
    enum { N_WORDS = sizeof words / sizeof words[0], N_DOCS = 300 };
    char path[256];
    tmp_db(path, sizeof path);
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_store *st = sl_store_open(ctx, path);
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    rng r = {0xfeedbeef};
    static char texts[N_DOCS][1024];
    sl_pipeline *pl = sl_pipeline_open(ctx, st);
    sl_store_begin(st);
    for (int i = 0; i < N_DOCS; i++) {
        char id[32];
        int kind = (int)(rnd(&r) % 10);
        if (i > 0 && kind < 5) { /* a copy of an earlier text, cut or with words changed */
            int src = (int)(rnd(&r) % (uint32_t)i);
            size_t len = strlen(texts[src]);
            size_t keep = kind < 2 ? len * (6 + rnd(&r) % 4) / 10 : len;
            memcpy(texts[i], texts[src], keep); /* src < i: different rows */
            texts[i][keep] = 0;
            if (kind >= 3) /* change one word somewhere */
                for (size_t k = keep / 3; k < keep; k++)
                    if (texts[i][k] == ' ') {
                        memcpy(texts[i] + k + 1, "zzz", 3 < keep - k - 1 ? 3 : keep - k - 1);
                        break;
                    }
        } else { /* a new text of 0 to 120 words */
            size_t n = rnd(&r) % 121, at = 0;
            texts[i][0] = 0;
            for (size_t w = 0; w < n && at + 20 < sizeof texts[i]; w++)
                at += (size_t)snprintf(texts[i] + at, sizeof texts[i] - at, "%s%s", w ? " " : "",
                                       words[rnd(&r) % N_WORDS]);
        }
        /* one article in six re-uses an earlier id: an update (or the same) */
        int idn = i > 10 && rnd(&r) % 6 == 0 ? (int)(rnd(&r) % (uint32_t)i) : i;
        snprintf(id, sizeof id, "doc-%d", idn);
        sl_article *a = build(ctx, id, "Outlet", "2026-04-01T10:00:00Z", "en", texts[i]);
        if (a) {
            sl_added ad = sl_pipeline_add(pl, a);
            CHECK(ad.put != SL_PUT_FAILED);
            CHECK(ad.copy.group > 0 && ad.copy.group <= ad.rid);
            sl_article_free(a);
        }
        if (i % 50 == 49) {
            sl_store_commit(st);
            check_copies_invariants(st);
            sl_store_begin(st);
        }
    }
    sl_store_commit(st);
    sl_pipeline_close(pl);
    check_copies_invariants(st);
    /* reopened, the restored index holds the stored groups and sizes */
    copies *c = copies_open(ctx, st, 0);
    CHECK(c != NULL);
    if (!c) {
        sl_store_close(st);
        sl_ctx_free(ctx);
        return;
    }
    dedup *d = (dedup *)copies_index(c);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(sl_store_db(st),
                       "SELECT rid, grp, (SELECT count(*) FROM copies WHERE grp = c.grp)"
                       " FROM copies c",
                       -1, &q, NULL);
    int mismatches = 0, rows = 0, grouped = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        uint32_t rid = (uint32_t)sqlite3_column_int64(q, 0);
        mismatches += dedup_group(d, rid) != (uint32_t)sqlite3_column_int64(q, 1);
        mismatches += dedup_group_size(d, rid) != (uint32_t)sqlite3_column_int64(q, 2);
        grouped += sqlite3_column_int64(q, 2) > 1;
        rows++;
    }
    sqlite3_finalize(q);
    CHECK(rows > 200);
    CHECK(grouped > 50); /* the stream had copies, and they were found */
    CHECK_INT(mismatches, 0);
    copies_close(c);
    sl_store_close(st);
    sl_ctx_free(ctx);
    rm_db(path);
}
