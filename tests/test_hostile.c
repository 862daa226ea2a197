/*
 * test_hostile.c — the analysis and digest path on hostile text: inputs
 * that cost a scan per mark, per sentence or per date once cost their
 * square. Each test builds a text large enough that the quadratic version
 * took tens of seconds (measured before the fix) and checks the step stays
 * under a bound many times what the linear version needs, also under
 * sanitizers. Found by fuzz/fuzz_digest.c and by growing its inputs; the
 * texts are invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline.h"
#include "harness.h"

#define HOSTILE_MAX_SECONDS 5.0

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

/* n copies of fmt, each formatted with its index (fmt has at most ten %d),
 * then tail; malloc'd. */
static char *repeat(const char *fmt, size_t n, const char *tail)
{
    size_t cap = n * (strlen(fmt) + 100) + strlen(tail) + 1, len = 0;
    char *s = malloc(cap);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len, fmt, (int)i, (int)i, (int)i, (int)i, (int)i,
                                (int)i, (int)i, (int)i, (int)i, (int)i);
    snprintf(s + len, cap - len, "%s", tail);
    return s;
}

static sl_article *build(sl_ctx *ctx, const char *lang, const char *text)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = "hostile";
    raw.source = "Le Courrier";
    raw.title = "Une longue page";
    raw.date = "2017-10-24T08:00:00Z";
    raw.lang = lang;
    raw.text = text;
    raw.text_len = strlen(text);
    raw.origin = "test";
    raw.format = "jsonl";
    return sl_article_build(ctx, &raw);
}

static double seconds_since(clock_t t0)
{
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* Digests a alone, renders it, and returns the CPU seconds it took. */
static double digest_time(sl_ctx *ctx, const sl_article *a, size_t *n_summary)
{
    clock_t t0 = clock();
    sl_digest *d = sl_digest_build(ctx, &a, 1, NULL);
    double t = seconds_since(t0);
    *n_summary = d ? d->n_summary : 0;
    char *out = d ? sl_digest_render(d, SL_FORMAT_JSON, NULL) : NULL;
    free(out);
    sl_digest_free(d);
    return t;
}

/* Quotation marks that never close, in one paragraph: each looked for its
 * closer to the paragraph's end (quotes.c), 100,000 scans of 400 kB. */
TEST(hostile_unclosed_quote_marks)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text =
        repeat("\xE2\x80\x9C"
               "a ",
               100000, "\xC2\xAB Nous partirons demain matin \xC2\xBB, a dit Jean Dupont.");
    sl_article *a = build(ctx, "fr", text);
    CHECK(a != NULL);
    clock_t t0 = clock();
    sl_facts *f = sl_facts_extract(ctx, a);
    double t = seconds_since(t0);
    CHECK(t < HOSTILE_MAX_SECONDS);
    CHECK_INT(f->n_quotes, 1); /* the closed one, after all the open ones */
    CHECK_STR(f->n_quotes ? f->quotes[0].text : NULL, "Nous partirons demain matin");
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* One paragraph of 40,000 sentences: whether a sentence is part of a
 * quotation was read from the paragraph's start for each sentence
 * (digest.c). Every word differs, so no other step compares sentences. */
TEST(hostile_digest_one_long_paragraph)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text = repeat("Wa%d xb%d yc%d zd%d ve%d ug%d th%d sk%d rl%d qm%d. ", 40000, "");
    sl_article *a = build(ctx, "fr", text);
    CHECK(a != NULL && a->n_sents >= 40000);
    size_t n_summary = 0;
    CHECK(digest_time(ctx, a, &n_summary) < HOSTILE_MAX_SECONDS);
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* 40,000 sentences sharing most of their words: every pair was a near-copy
 * candidate (attribution.c) and a redundancy check. An article gives at
 * most DG_MAX_ART_UNITS units; the summary still comes from its lead. */
TEST(hostile_digest_many_similar_sentences)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text =
        repeat("Le maire w%d a annonc\xC3\xA9 que la ville b%d allait bien.\n\n", 40000, "");
    sl_article *a = build(ctx, "fr", text);
    CHECK(a != NULL && a->n_sents >= 40000);
    size_t n_summary = 0;
    CHECK(digest_time(ctx, a, &n_summary) < HOSTILE_MAX_SECONDS);
    CHECK(n_summary > 0);
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* One sentence of 100,000 dates: each date read the sentence again for a
 * relative clause (timeline.c). */
TEST(hostile_digest_sentence_of_dates)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text = repeat("2017-10-24 ", 100000, "");
    sl_article *a = build(ctx, "en", text);
    CHECK(a != NULL && a->n_dates >= 100000);
    size_t n_summary = 0;
    CHECK(digest_time(ctx, a, &n_summary) < HOSTILE_MAX_SECONDS);
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* Extracts the facts of a text in lang; returns the CPU seconds it took. */
static double facts_time(sl_ctx *ctx, sl_article *a, sl_facts **out)
{
    clock_t t0 = clock();
    *out = sl_facts_extract(ctx, a);
    return seconds_since(t0);
}

/* 200,000 names: each candidate looked for its entity among all entities
 * (entities.c), and each lone word for its surname among all persons. The
 * lone "Martin77" at the end still joins "Paul Martin77". */
TEST(hostile_entities_many_names)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text = repeat("Paul Martin%d a vu Xab%d. ", 100000, "Hier, Martin77 a parl\xC3\xA9.");
    sl_article *a = build(ctx, "fr", text);
    sl_facts *f;
    CHECK(facts_time(ctx, a, &f) < HOSTILE_MAX_SECONDS);
    CHECK(f->n_entities >= 100000);
    long hit = -1;
    for (size_t i = 0; i < f->n_entities; i++)
        if (!strcmp(f->entities[i].text, "Paul Martin77"))
            hit = (long)i;
    CHECK(hit >= 0);
    CHECK_INT(hit >= 0 ? f->entities[hit].mentions : 0, 2);
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* 100,000 names with an acronym in brackets: each sentence read every
 * candidate of the article for one (entities.c acronyms), and each acronym
 * alone every earlier one. A spelt-out disease still makes its acronym
 * "other", not an organisation. */
TEST(hostile_entities_many_acronyms)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *text = repeat("Le groupe Acme%d (AC%d) a dit. ", 100000,
                        "Le virus respiratoire syncytial (VRS) circule. Le VRS touche les "
                        "enfants.");
    sl_article *a = build(ctx, "fr", text);
    sl_facts *f;
    CHECK(facts_time(ctx, a, &f) < HOSTILE_MAX_SECONDS);
    int acme = 0, vrs = -1;
    for (size_t i = 0; i < f->n_entities; i++) {
        if (f->entities[i].acronym && !strncmp(f->entities[i].acronym, "AC", 2))
            acme++;
        if (f->entities[i].acronym && !strcmp(f->entities[i].acronym, "VRS"))
            vrs = f->entities[i].kind;
    }
    CHECK(acme >= 20000); /* AC0..AC9999 at least (longer ones are no acronyms) */
    CHECK_INT(vrs, SL_ENT_OTHER);
    sl_article_free(a);
    free(text);
    sl_ctx_free(ctx);
}

/* A page of 300,000 figures: a group compared its values pairwise, split
 * them pairwise and found each figure's group among all groups (groups.c).
 * An article's first FG_ART_FIGURES figures are grouped. */
TEST(hostile_figure_groups)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    char *same = repeat("1,5 %% ", 200000, "");
    char *text = repeat("%d xq%d ", 100000, same);
    sl_article *a = build(ctx, "fr", text);
    sl_facts *f = sl_facts_extract(ctx, a);
    CHECK(f->n_figures >= 200000);
    const sl_article *arts[1] = {a};
    const sl_facts *facts[1] = {f};
    clock_t t0 = clock();
    sl_figure_groups *g = sl_figure_groups_build(ctx, arts, facts, 1);
    CHECK(seconds_since(t0) < HOSTILE_MAX_SECONDS);
    CHECK(g->n > 0);
    size_t values = 0;
    for (size_t i = 0; i < g->n; i++)
        values += g->groups[i].n_values;
    CHECK(values > 0 && values <= 5000);
    sl_figure_groups_free(g);
    size_t n_summary = 0;
    CHECK(digest_time(ctx, a, &n_summary) < HOSTILE_MAX_SECONDS);
    sl_article_free(a);
    free(text);
    free(same);
    sl_ctx_free(ctx);
}

/* A story of 24,000 articles carrying one wire text: the majority language
 * counted each article against all (digest.c), the wire share read every
 * article for each sentence of each (attribution.c), and the renderers
 * checked each outlet against the ones before it (render.c). */
TEST(hostile_digest_many_articles)
{
    enum { N = 24000 };
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_article **arts = calloc(N, sizeof *arts);
    static const char text[] = "La ville allait bien ce matin selon les habitants du quartier "
                               "nord. Les habitants du quartier nord attendent encore la venue "
                               "des secours promis par la mairie.";
    for (size_t i = 0; i < N; i++) {
        char id[32], outlet[32], date[32];
        snprintf(id, sizeof id, "wire-%zu", i);
        snprintf(outlet, sizeof outlet, "Outlet %zu", i % 40);
        snprintf(date, sizeof date, "2017-10-24T%02zu:%02zu:00Z", i / 60 % 24, i % 60);
        sl_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.id = id;
        raw.source = outlet;
        raw.title = "La ville attend les secours";
        raw.date = date;
        raw.lang = i % 3 == 1 ? "en" : "fr";
        raw.agencies = i % 2 ? "AFP" : NULL;
        raw.text = text;
        raw.text_len = strlen(text);
        raw.origin = "test";
        raw.format = "jsonl";
        arts[i] = sl_article_build(ctx, &raw);
        CHECK(arts[i] != NULL);
    }
    clock_t t0 = clock();
    sl_digest *d = sl_digest_build(ctx, (const sl_article *const *)arts, N, NULL);
    CHECK(seconds_since(t0) < HOSTILE_MAX_SECONDS);
    CHECK_STR(d->lang, "fr");
    CHECK(d->n_summary > 0);
    CHECK(d->n_summary > 0 && d->summary[0].n_sources == N);
    t0 = clock();
    char *out = sl_digest_render(d, SL_FORMAT_TEXT, NULL);
    char *json = sl_digest_render(d, SL_FORMAT_JSON, NULL);
    CHECK(seconds_since(t0) < HOSTILE_MAX_SECONDS);
    CHECK(out && strstr(out, "Outlet 39") && !strstr(strstr(out, "Outlet 39") + 1, "Outlet 39,"));
    free(out);
    free(json);
    sl_digest_free(d);
    for (size_t i = 0; i < N; i++)
        sl_article_free(arts[i]);
    free(arts);
    sl_ctx_free(ctx);
}
