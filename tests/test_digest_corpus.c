/*
 * test_digest_corpus.c — the sample corpus as a data-driven test of digests:
 * the articles of corpus/ grouped by the story_id of corpus/gold.tsv, each
 * story digested, and what the gold file says checked on the digest:
 *   - every summary sentence names at least one source, and every article
 *     that carries the sentence word for word (or trimmed of its weekday
 *     phrases) is among them (copies of a wire dispatch are attributed to
 *     every outlet, counted once);
 *   - a sentence carried by an article credited to an agency names it;
 *   - no summary sentence twice, none a copy inside another;
 *   - summary within its budget (or one sentence), in reading order;
 *   - timeline in time order with no line twice on a day;
 *   - the sources are the story's articles, each once, by time.
 * One test result per story, so a failure names the story.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/util/buf.h"
#include "storyline.h"
#include "harness.h"

#define MAX_ARTS 128
#define MAX_STORIES 32

typedef struct cstory {
    char name[64];
    sl_article *a[MAX_ARTS];
    size_t n;
} cstory;

typedef struct corpus {
    sl_ctx *ctx;
    char *ids[512], *stories[512];
    int n_gold;
    cstory st[MAX_STORIES];
    int n_st;
} corpus;

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static int load_gold(corpus *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[1024];
    int first = 1;
    while (fgets(line, sizeof line, f) && c->n_gold < 512) {
        if (first) {
            first = 0;
            continue;
        }
        char *t1 = strchr(line, '\t');
        if (!t1)
            continue;
        *t1 = 0;
        char *t2 = strpbrk(t1 + 1, "\t\r\n");
        if (t2)
            *t2 = 0;
        c->ids[c->n_gold] = strdup(line);
        c->stories[c->n_gold++] = strdup(t1 + 1);
    }
    fclose(f);
    return 0;
}

static bool on_raw(void *user, const sl_raw *raw)
{
    corpus *c = user;
    sl_article *a = sl_article_build(c->ctx, raw);
    if (!a)
        return true;
    const char *story = NULL;
    for (int i = 0; i < c->n_gold && !story; i++)
        if (!strcmp(c->ids[i], a->id))
            story = c->stories[i];
    cstory *s = NULL;
    for (int i = 0; story && i < c->n_st && !s; i++)
        if (!strcmp(c->st[i].name, story))
            s = &c->st[i];
    if (story && !s && c->n_st < MAX_STORIES) {
        s = &c->st[c->n_st++];
        snprintf(s->name, sizeof s->name, "%s", story);
    }
    if (!s || s->n >= MAX_ARTS) {
        sl_article_free(a);
        return true;
    }
    s->a[s->n++] = a;
    return true;
}

/* Whitespace-collapsed copy (the digest prints sentences so). */
static char *collapse(const char *t)
{
    size_t n = strlen(t), k = 0;
    char *o = malloc(n + 1);
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r') {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = t[i];
    }
    o[k] = 0;
    return o;
}

/* Does text carry sentence x: word for word, or trimmed (summary.c cuts weekday
 * phrases: at most 40 characters of the passage left out, the first letter
 * possibly capitalised)? */
static bool carries(const char *text, const char *x)
{
    if (strstr(text, x))
        return true;
    size_t n = strlen(x);
    for (const char *p = text; n && *p; p++) {
        if ((*p | 0x20) != (x[0] | 0x20))
            continue;
        size_t i = 1, skipped = 0;
        const char *q = p + 1;
        while (i < n && *q && skipped <= 40) {
            if (*q == x[i])
                i++;
            else
                skipped++;
            q++;
        }
        if (i == n && skipped <= 40)
            return true;
    }
    return false;
}

static bool has_source(const sl_digest *d, const sl_digest_sentence *x, const char *id)
{
    for (size_t i = 0; i < x->n_sources; i++)
        if (!strcmp(d->sources[x->sources[i]].id, id))
            return true;
    return false;
}

static void check_story(corpus *c, cstory *s)
{
    buf e;
    buf_init(&e);
    sl_digest_opts o = {.words = 100};
    sl_digest *d = sl_digest_build(c->ctx, (const sl_article *const *)s->a, s->n, &o);
    char **texts = malloc(s->n * sizeof *texts);
    for (size_t i = 0; i < s->n; i++)
        texts[i] = collapse(s->a[i]->text);
    if (!d || d->n_summary == 0)
        buf_printf(&e, "  no summary\n");
    if (d && !*d->headline)
        buf_printf(&e, "  no headline\n");
    if (d && d->n_sources != s->n)
        buf_printf(&e, "  %zu sources for %zu articles\n", d->n_sources, s->n);
    for (size_t i = 1; d && i < d->n_sources; i++)
        if (d->sources[i - 1].published != SL_TIME_NONE &&
            d->sources[i].published != SL_TIME_NONE &&
            d->sources[i - 1].published > d->sources[i].published)
            buf_printf(&e, "  sources not in time order at %zu\n", i);
    for (size_t i = 0; d && i < d->n_summary; i++) {
        const sl_digest_sentence *x = &d->summary[i];
        if (x->n_sources == 0)
            buf_printf(&e, "  unattributed: %s\n", x->text);
        bool agency = false;
        size_t carriers = 0;
        for (size_t k = 0; k < s->n; k++) {
            if (!carries(texts[k], x->text))
                continue;
            carriers++;
            if (!has_source(d, x, s->a[k]->id))
                buf_printf(&e, "  %s carries \"%.60s\" but is not named\n", s->a[k]->id, x->text);
            agency |= s->a[k]->n_agencies > 0;
        }
        if (carriers == 0)
            buf_printf(&e, "  \"%.60s\" is in no article\n", x->text);
        if (agency && !*x->agency)
            buf_printf(&e, "  wire sentence without its agency: %.60s\n", x->text);
        for (size_t j = 0; j < d->n_summary; j++)
            if (j != i && strstr(d->summary[j].text, x->text))
                buf_printf(&e, "  summary sentence repeated: %.60s\n", x->text);
        if (i > 0 && d->summary[i - 1].time != SL_TIME_NONE && x->time != SL_TIME_NONE &&
            d->summary[i - 1].time > x->time)
            buf_printf(&e, "  summary not in reading order at %zu\n", i);
    }
    if (d && d->summary_words > 100 && d->n_summary > 1)
        buf_printf(&e, "  summary of %u words over a budget of 100\n", d->summary_words);
    for (size_t i = 0; d && i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        if (i && d->timeline[i - 1].time > t->time)
            buf_printf(&e, "  timeline not in time order at %zu\n", i);
        if (t->n_sources == 0)
            buf_printf(&e, "  timeline line without source: %s\n", t->text);
        for (size_t j = 0; j < i; j++)
            if (d->timeline[j].time == t->time && !strcmp(d->timeline[j].text, t->text))
                buf_printf(&e, "  timeline line twice: %s\n", t->text);
    }
    char name[128];
    snprintf(name, sizeof name, "digest corpus: %s (%zu articles)", s->name, s->n);
    harness_add_result(name, e.len == 0, e.data ? e.data : "");
    buf_free(&e);
    for (size_t i = 0; i < s->n; i++)
        free(texts[i]);
    free(texts);
    sl_digest_free(d);
}

TEST(digest_corpus_stories)
{
    corpus *c = calloc(1, sizeof *c);
    c->ctx = sl_ctx_new(quiet, NULL);
    if (load_gold(c, "corpus/gold.tsv") != 0 || sl_read_path(c->ctx, "corpus", on_raw, c) < 0) {
        harness_add_result("digest corpus: corpus/ readable", 0, "  cannot read corpus/\n");
        sl_ctx_free(c->ctx);
        free(c);
        return;
    }
    CHECK(c->n_st >= 9);
    for (int i = 0; i < c->n_st; i++)
        check_story(c, &c->st[i]);
    for (int i = 0; i < c->n_st; i++)
        for (size_t k = 0; k < c->st[i].n; k++)
            sl_article_free(c->st[i].a[k]);
    for (int i = 0; i < c->n_gold; i++) {
        free(c->ids[i]);
        free(c->stories[i]);
    }
    sl_ctx_free(c->ctx);
    free(c);
}
