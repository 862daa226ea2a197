/*
 * test_story_titles.c — the clusterer's compact view of members' titles
 * (src/story/headline.c) picks what the digest's rule (dg_title_choose)
 * picks on the full texts: random member sets with many ties in time,
 * titles that agree on their first bytes, questions, untitled members,
 * several languages, more members than the rule's window, merges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/digest/digest.h"
#include "../src/story/cluster.h"
#include "../src/text/text.h"
#include "../src/util/arena.h"
#include "harness.h"

typedef struct title_book {
    char **t; /* by rid */
    size_t n;
    unsigned reads;
} title_book;

static char *book_read(void *arg, int64_t rid)
{
    title_book *b = arg;
    b->reads++;
    return rid > 0 && (size_t)rid < b->n && b->t[rid] ? strdup(b->t[rid]) : NULL;
}

static uint64_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* An invented title: a shared opening (so many agree on 8 bytes or more),
 * then words; sometimes a question, sometimes none at all. */
static char *make_title(uint64_t *r)
{
    static const char *const open[] = {
        "Flood waters",      "Flood waters rise", "Floods",          "River Tarn",
        "River Tarn floods", "Le pont",           "Le pont de Tarn", "Storm"};
    static const char *const word[] = {"rise",   "again", "near",     "town",   "bridge",
                                       "closed", "rain",  "villages", "rescue", "crews",
                                       "fermé",  "pluie", "the",      "of",     "in"};
    if (rng_next(r) % 9 == 0)
        return strdup("");
    char b[200];
    size_t n = (size_t)snprintf(b, sizeof b, "%s", open[rng_next(r) % 8]);
    unsigned words = (unsigned)(rng_next(r) % 5);
    for (unsigned i = 0; i < words; i++)
        n += (size_t)snprintf(b + n, sizeof b - n, " %s", word[rng_next(r) % 15]);
    if (rng_next(r) % 6 == 0)
        snprintf(b + n, sizeof b - n, "?");
    return strdup(b);
}

/* What the rule picks on the full texts of members rids[0..n): a rid, or 0. */
static int64_t rule_on_texts(sl_ctx *ctx, const title_book *b, const int64_t *rids,
                             const char *const *langs, const int64_t *times, size_t n)
{
    sl_arena *a = arena_new();
    dg_title_cand *c = calloc(n, sizeof *c);
    uint64_t *keys = calloc(n * DG_TITLE_KEYS, sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        const char *t = b->t[rids[i]];
        c[i] = (dg_title_cand){
            .title = t,
            .keys = keys + i * DG_TITLE_KEYS,
            .n_keys = dg_title_keys(ctx, a, langs[i], t, keys + i * DG_TITLE_KEYS, DG_TITLE_KEYS),
            .lang = *langs[i] ? langs[i] : NULL,
            .time = times[i]};
    }
    long w = dg_title_choose(c, n);
    free(c);
    free(keys);
    arena_free(a);
    return w < 0 ? 0 : rids[w];
}

static cluster *titles_cluster(sl_ctx **ctx, title_book *b)
{
    *ctx = sl_ctx_new(NULL, NULL);
    story_params p;
    story_params_default(&p);
    cluster *cl = cluster_new(*ctx, &p);
    cluster_title_source(cl, book_read, b, NULL);
    return cl;
}

/* Members of one random story into s (and into the arrays, for the rule on
 * texts); rids from *next_rid. */
static void add_members(cluster *cl, story *s, title_book *b, uint64_t *r, size_t n,
                        int64_t *next_rid, int64_t *rids, const char **langs, int64_t *times)
{
    static const char *const lang[] = {"en", "en", "en", "fr", ""};
    for (size_t i = 0; i < n; i++) {
        int64_t rid = (*next_rid)++;
        b->t[rid] = make_title(r);
        rids[i] = rid;
        langs[i] = lang[rng_next(r) % 5];
        times[i] = 1000 + (int64_t)(rng_next(r) % 4) * 60; /* many members per time */
        cluster_title_add(cl, s, rid, b->t[rid], langs[i], times[i]);
    }
}

TEST(story_titles_pick_what_the_rule_picks_on_texts)
{
    sl_ctx *ctx;
    title_book b = {calloc(20000, sizeof(char *)), 20000, 0};
    cluster *cl = titles_cluster(&ctx, &b);
    uint64_t r = 42;
    int64_t next = 1, rids[900], times[900];
    const char *langs[900];
    unsigned agree = 0, picked = 0, rounds = 0;
    static const size_t sizes[] = {1, 2, 3, 5, 8, 20, 60, 255, 256, 257, 511, 512, 700};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (int rep = 0; rep < 3; rep++) {
            story s = {0};
            size_t n = sizes[k];
            add_members(cl, &s, &b, &r, n, &next, rids, langs, times);
            CHECK(s.n_titles <= 2 * DG_TITLE_RECENT);
            int64_t want = rule_on_texts(ctx, &b, rids, langs, times, n);
            bool got = cluster_headline_refresh(cl, &s);
            rounds++;
            if (got == (want != 0) &&
                (!got || (s.head_rid == want && !strcmp(s.headline, b.t[want]))))
                agree++;
            else
                fprintf(stderr, "  size %zu: rule %lld, kept view %lld\n", n, (long long)want,
                        got ? (long long)s.head_rid : 0LL);
            picked += got;
            story_titles_clear(&s);
            free(s.headline);
        }
    CHECK_INT(agree, rounds);
    CHECK(picked > rounds / 2); /* the sets are not all without a qualifying title */
    CHECK(b.reads > rounds);    /* ties on 8 bytes were read from the texts */
    cluster_free(cl);
    for (size_t i = 0; i < b.n; i++)
        free(b.t[i]);
    free(b.t);
    sl_ctx_free(ctx);
}

TEST(story_titles_merge_keeps_the_rule)
{
    sl_ctx *ctx;
    title_book b = {calloc(4000, sizeof(char *)), 4000, 0};
    cluster *cl = titles_cluster(&ctx, &b);
    uint64_t r = 7;
    int64_t next = 1, rids[1200], times[1200];
    const char *langs[1200];
    static const size_t sizes[][2] = {{3, 4}, {100, 200}, {300, 300}, {500, 20}};
    for (size_t k = 0; k < 4; k++) {
        story s1 = {0}, s2 = {0};
        size_t n1 = sizes[k][0], n2 = sizes[k][1];
        add_members(cl, &s1, &b, &r, n1, &next, rids, langs, times);
        add_members(cl, &s2, &b, &r, n2, &next, rids + n1, langs + n1, times + n1);
        cluster_titles_take(cl, &s1, &s2);
        CHECK_INT(s2.n_titles, 0);
        int64_t want = rule_on_texts(ctx, &b, rids, langs, times, n1 + n2);
        bool got = cluster_headline_refresh(cl, &s1);
        CHECK(got == (want != 0));
        if (got) {
            CHECK_INT(s1.head_rid, want);
            CHECK(!strcmp(s1.headline, b.t[want]));
        }
        story_titles_clear(&s1);
        free(s1.headline);
    }
    cluster_free(cl);
    for (size_t i = 0; i < b.n; i++)
        free(b.t[i]);
    free(b.t);
    sl_ctx_free(ctx);
}

/* Without a title source the rule's pick cannot be named: the headline
 * stays as it was. */
TEST(story_titles_without_source_keep_the_headline)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    story_params p;
    story_params_default(&p);
    cluster *cl = cluster_new(ctx, &p);
    story s = {0};
    s.headline = strdup("earlier headline");
    cluster_title_add(cl, &s, 1, "Bridge over the Tarn closed after floods", "en", 10);
    cluster_title_add(cl, &s, 2, "Tarn bridge closed as floods rise", "en", 20);
    CHECK(!cluster_headline_refresh(cl, &s));
    CHECK(!strcmp(s.headline, "earlier headline"));
    story_titles_clear(&s);
    free(s.headline);
    cluster_free(cl);
    sl_ctx_free(ctx);
}

/* dg_token_keys on a title's tokens gives dg_title_keys's keys: the
 * clusterer computes them from the tokens its features already made. */
TEST(title_token_keys_match_the_digest)
{
    static const char *const t[][2] = {
        {"en", "Floods close the bridge over the Tarn, and the bridge stays closed"},
        {"fr", "Le pont de l'Aude est fermé : les crues montent encore à Carcassonne"},
        {"de", "Die Brücke über den Tarn bleibt wegen Hochwasser gesperrt"},
        {"es", "¿Por qué cerraron el puente del Tarn? Las lluvias siguen"},
        {"en", "U.S. aid of $40 million reaches 3,000 families - Daily Courier"},
        {"it", "Il ponte sul Tarn chiuso per la piena | Gazzetta"},
        {"", "no language given, some words repeated words"},
    };
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_arena *a = arena_new();
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        uint64_t want[DG_TITLE_KEYS], got[DG_TITLE_KEYS];
        uint32_t nw = dg_title_keys(ctx, a, t[i][0], t[i][1], want, DG_TITLE_KEYS);
        sl_token *toks;
        size_t nt = tokenize(ctx, a, t[i][0], t[i][1], strlen(t[i][1]), &toks);
        uint32_t ng = dg_token_keys(toks, nt, got, DG_TITLE_KEYS);
        CHECK(nw >= 3);
        CHECK_INT(ng, nw);
        CHECK(ng == nw && !memcmp(got, want, ng * sizeof *got));
        uint32_t n2 = dg_token_keys(toks, nt, got, 2); /* the cap holds */
        CHECK_INT(n2, 2);
        arena_reset(a);
    }
    arena_free(a);
    sl_ctx_free(ctx);
}
