/*
 * fuzz_digest.c — libFuzzer target for everything after the readers: the
 * article build (language, sentences, tokens, stems, dates), the facts
 * (entities, figures, quotes) and the digest of a story (summary, timeline,
 * attribution, figure groups) rendered in every format.
 *
 * Input layout: byte 0 picks the settings (below), then the text of up to
 * FD_MAX_ARTS articles separated by FD_SEP (0x1E, ASCII record separator).
 * Each piece is one article; its first line is its title when titles are on,
 * and its next line its date as written when hostile dates are on.
 *
 *   bits 0-2  language: en fr de es it, 5 = none (detected), 6 = "und", 7 = "xx"
 *   bit 3     titles: first line of each piece is the title
 *   bit 4     dates: each article gets a valid ISO date (one story over days)
 *   bit 5     hostile dates: the next line is the date as written (overrides)
 *   bit 6     agencies and authors given as metadata; fill the word budget
 *   bit 7     facts only: each piece is built and its facts extracted, no digest
 *
 * Besides the sanitizers, the target checks what later code relies on: spans
 * inside the text, indexes inside their arrays, and JSON output that parses.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"

#define FD_MAX_ARTS 8
#define FD_SEP 0x1e
#define FD_CHECK(c) ((c) ? (void)0 : __builtin_trap())

static sl_ctx *fd_ctx;

static void fd_quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

/* Cuts one line off [*p, end) into a malloc'd NUL-terminated string. */
static char *fd_line(const char **p, const char *end)
{
    const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    char *out = malloc((size_t)(e - s) + 1);
    memcpy(out, s, (size_t)(e - s));
    out[e - s] = 0;
    *p = nl ? nl + 1 : end;
    return out;
}

/* Checks the article's arrays against its text. */
static void fd_check_article(const sl_article *a)
{
    for (size_t i = 0; i < a->n_paras; i++)
        FD_CHECK(a->paras[i].start <= a->paras[i].end && a->paras[i].end <= a->text_len);
    for (size_t i = 0; i < a->n_sents; i++) {
        const sl_sentence *s = &a->sents[i];
        FD_CHECK(s->start <= s->end && s->end <= a->text_len);
        FD_CHECK(s->tok_first <= s->tok_end && s->tok_end <= a->n_toks);
    }
    for (size_t i = 0; i < a->n_toks; i++) {
        const sl_token *t = &a->toks[i];
        FD_CHECK(t->start <= t->end && t->end <= a->text_len && t->norm && t->stem);
    }
    for (size_t i = 0; i < a->n_dates; i++)
        FD_CHECK(a->dates[i].start <= a->dates[i].end && a->dates[i].end <= a->text_len);
}

/* Checks the facts' spans and indexes against the article. */
static void fd_check_facts(const sl_article *a, const sl_facts *f)
{
    uint32_t ns = (uint32_t)a->n_sents;
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        FD_CHECK(e->text && e->key && e->span.end <= a->text_len);
        FD_CHECK(e->span.start <= e->span.end && (!ns || e->sent < ns));
        for (size_t k = 0; k < e->n_forms; k++)
            FD_CHECK(e->forms[k] != NULL);
    }
    for (size_t i = 0; i < f->n_mentions; i++) {
        FD_CHECK(f->mentions[i].entity < f->n_entities);
        FD_CHECK(f->mentions[i].span.start <= f->mentions[i].span.end);
        FD_CHECK(f->mentions[i].span.end <= a->text_len);
    }
    for (size_t i = 0; i < f->n_figures; i++) {
        const sl_figure *g = &f->figures[i];
        FD_CHECK(g->text && g->unit && g->unit_key && g->span.end <= a->text_len);
        FD_CHECK(g->span.start <= g->span.end && (!ns || g->sent < ns));
    }
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        FD_CHECK(q->text && q->span.start <= q->span.end && q->span.end <= a->text_len);
        FD_CHECK(q->entity < (int32_t)f->n_entities && (!ns || q->sent < ns));
    }
}

/* Checks that every source index of the digest is one of its sources. */
static void fd_check_idx(const uint32_t *idx, size_t n, size_t n_sources)
{
    for (size_t i = 0; i < n; i++)
        FD_CHECK(idx[i] < n_sources);
}

static void fd_check_digest(const sl_digest *d, size_t n_arts)
{
    FD_CHECK(d->headline && d->lang && d->n_sources == n_arts);
    for (size_t i = 0; i < d->n_summary; i++) {
        FD_CHECK(d->summary[i].text != NULL);
        fd_check_idx(d->summary[i].sources, d->summary[i].n_sources, d->n_sources);
    }
    for (size_t i = 0; i < d->n_timeline; i++) {
        FD_CHECK(d->timeline[i].text != NULL);
        fd_check_idx(d->timeline[i].sources, d->timeline[i].n_sources, d->n_sources);
    }
    for (size_t i = 0; i < d->n_figures; i++)
        for (size_t k = 0; k < d->figures[i].n_values; k++)
            fd_check_idx(d->figures[i].values[k].sources, d->figures[i].values[k].n_sources,
                         d->n_sources);
    for (size_t i = 0; i < d->n_quotes; i++)
        fd_check_idx(d->quotes[i].sources, d->quotes[i].n_sources, d->n_sources);
}

/* Renders every format; the JSON must parse back. */
static void fd_render_all(const sl_digest *d)
{
    static const sl_format fmts[] = {SL_FORMAT_TEXT, SL_FORMAT_MD, SL_FORMAT_JSON, SL_FORMAT_HTML,
                                     SL_FORMAT_LINES};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        char *out = sl_digest_render(d, fmts[i], i % 2 ? "7" : NULL);
        FD_CHECK(out != NULL);
        if (fmts[i] == SL_FORMAT_JSON) {
            json_error_t err;
            json_t *j = json_loads(out, 0, &err);
            FD_CHECK(j != NULL);
            json_decref(j);
        }
        free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"en", "fr", "de", "es", "it", NULL, "und", "xx"};
    static const char *const dates[] = {
        "2017-10-24T08:00:00Z", "2017-10-24T17:30:00Z",      "2017-10-25",
        "2017-10-23T23:59:59Z", "2017-11-02T06:15:00+02:00", "2017-10-26"};
    static const char *const outlets[] = {"Le Courrier", "Daily Ledger", "Tageblatt", "El Diario"};
    if (!size)
        return 0;
    if (!fd_ctx)
        fd_ctx = sl_ctx_new(fd_quiet, NULL);
    uint8_t mode = data[0];
    const char *p = (const char *)data + 1, *end = (const char *)data + size;
    sl_article *arts[FD_MAX_ARTS];
    size_t n = 0;
    while (p <= end && n < FD_MAX_ARTS) {
        const char *sep = memchr(p, FD_SEP, (size_t)(end - p));
        const char *pe = sep ? sep : end;
        char *title = mode & 8 ? fd_line(&p, pe) : NULL;
        char *date = mode & 32 ? fd_line(&p, pe) : NULL;
        sl_raw raw = {0};
        raw.id = "fuzz";
        raw.source = outlets[n % 4];
        raw.title = title;
        raw.date = date ? date : mode & 16 ? dates[n % 6] : NULL;
        raw.lang = langs[mode & 7];
        raw.text = p;
        raw.text_len = (size_t)(pe - p);
        raw.origin = "fuzz";
        raw.format = "jsonl";
        if (mode & 64) {
            raw.author = n % 2 ? "Anne Martin" : "Jean Dupont";
            raw.agencies = n % 3 ? "AFP, Reuters" : "dpa";
        }
        sl_article *a = sl_article_build(fd_ctx, &raw);
        free(title);
        free(date);
        if (a) {
            fd_check_article(a);
            fd_check_facts(a, sl_facts_extract(fd_ctx, a));
            if (mode & 128)
                sl_article_free(a);
            else
                arts[n++] = a;
        }
        if (!sep)
            break;
        p = sep + 1;
    }
    if (n) {
        sl_digest_opts o = {.words = mode & 64 ? 60 : 0, .timeline = 0, .fill = mode & 64};
        sl_digest *d = sl_digest_build(fd_ctx, (const sl_article *const *)arts, n, &o);
        FD_CHECK(d != NULL);
        fd_check_digest(d, n);
        fd_render_all(d);
        sl_digest_free(d);
    }
    for (size_t i = 0; i < n; i++)
        sl_article_free(arts[i]);
    return 0;
}
