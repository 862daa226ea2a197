/*
 * facts.c — the facts part of a digest: who and what is involved, the key
 * figures with their disagreements, the quotes with their speakers.
 *
 * The facts module does the reading (sl_facts_extract per article, alias
 * sets and figure groups per story); this file chooses what a reader's one
 * screen has room for and copies it into the digest's arena:
 *   entities  people, organisations and places named by the most articles
 *             (at most DG_ENT_MAX of each kind; a one-article story keeps
 *             its most mentioned ones);
 *   places    the resolved places, with coordinates, for the map;
 *   figures   groups stated by two articles or more, or disagreeing, at most
 *             DG_FIG_MAX, each source's value kept (by source time);
 *   quotes    every quote of three words or more once: copies of a quote
 *             (same words, case and punctuation aside) merge, their outlets
 *             are all kept, the speaker is the first one found.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "digest.h"

#define DG_ENT_MAX 8
#define DG_FIG_MAX 10
#define DG_QUOTE_MAX 8

static uint64_t quote_key(const char *s, uint32_t *words);

/* Are a and b the same name but for case, accents and punctuation
 * ("VALLIERES-SUR-LOIRE", "Vallières-sur-Loire")? */
static bool same_name(const char *a, const char *b)
{
    uint32_t w;
    return quote_key(a, &w) == quote_key(b, &w);
}

/* Does s have a lower-case ASCII letter (is it more than a shout in capitals)? */
static bool has_lower(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            return true;
    return false;
}

/* Appends member m to e's aliases unless it only respells the name or an
 * alias already there (then the spelling in mixed case is kept). */
static void add_alias(sl_digest *d, sl_digest_entity *e, const char *m)
{
    if (same_name(m, e->name))
        return;
    for (size_t k = 0; k < e->n_aliases; k++)
        if (same_name(m, e->aliases[k])) {
            if (!has_lower(e->aliases[k]) && has_lower(m))
                e->aliases[k] = arena_strdup(d->arena, m);
            return;
        }
    e->aliases[e->n_aliases++] = arena_strdup(d->arena, m);
}

static void copy_entities(dg_build *b, sl_digest *d, const sl_alias_sets *as)
{
    d->entities = arena_calloc(d->arena, as->n ? as->n : 1, sizeof *d->entities);
    size_t per_kind[4] = {0};
    for (size_t i = 0; i < as->n; i++) {
        const sl_alias_set *s = &as->sets[i];
        if (s->kind > SL_ENT_ORG || per_kind[s->kind] >= DG_ENT_MAX)
            continue;
        if (b->n_arts > 2 && s->n_articles < 2)
            continue; /* named once in a story of many: not what it is about */
        per_kind[s->kind]++;
        sl_digest_entity *e = &d->entities[d->n_entities++];
        e->name = arena_strdup(d->arena, s->canonical);
        e->kind = s->kind;
        e->articles = s->n_articles;
        e->aliases = arena_alloc(d->arena, (s->n_members ? s->n_members : 1) * sizeof(char *));
        for (size_t k = 0; k < s->n_members; k++)
            add_alias(d, e, s->members[k]);
    }
}

static void copy_places(dg_build *b, sl_digest *d, const sl_alias_sets *as)
{
    d->places = arena_calloc(d->arena, as->n ? as->n : 1, sizeof *d->places);
    for (size_t i = 0; i < as->n; i++) {
        const sl_alias_set *s = &as->sets[i];
        if (s->kind != SL_ENT_PLACE || !s->resolved)
            continue;
        sl_digest_place *p = &d->places[d->n_places++];
        p->name = arena_strdup(d->arena, s->canonical);
        p->lat = s->lat;
        p->lon = s->lon;
        p->mentions = s->n_articles;
        sl_place g;
        p->country = sl_place_lookup(b->ctx, s->canonical, NULL, 0, &g) && g.is_country;
    }
}

static int cmp_value_source(const void *x, const void *y)
{
    const sl_digest_value *a = x, *b = y;
    return (a->sources[0] > b->sources[0]) - (a->sources[0] < b->sources[0]);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Sorts v[0..n) and drops repeats; returns the new length. */
static size_t sort_unique(uint32_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_u32);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1] != v[i])
            v[m++] = v[i];
    return m;
}

static void copy_figures(dg_build *b, sl_digest *d, const sl_figure_groups *g)
{
    d->figures = arena_calloc(d->arena, g->n ? g->n : 1, sizeof *d->figures);
    for (size_t i = 0; i < g->n && d->n_figures < DG_FIG_MAX; i++) {
        const sl_figure_group *fg = &g->groups[i];
        if (!fg->disagree && fg->n_articles < 2 && b->n_arts > 1)
            continue;
        if (fg->kind == SL_FIG_ORDINAL)
            continue; /* "XIXe siècle", "7e minute": a rank, not a key figure */
        sl_digest_figure *f = &d->figures[d->n_figures++];
        f->label = arena_strdup(d->arena, fg->label ? fg->label : fg->key);
        f->kind = fg->kind;
        f->disagree = fg->disagree;
        /* one value per way of writing it: a wire figure carried by five
         * outlets is one value with five sources */
        size_t nv = fg->n_values ? fg->n_values : 1;
        f->values = arena_calloc(d->arena, nv, sizeof *f->values);
        for (size_t k = 0; k < fg->n_values; k++) {
            const sl_figure_value *v = &fg->values[k];
            if (v->article >= b->n_arts || !v->fig || !v->fig->text)
                continue;
            uint32_t src = dg_source_of(b, v->article);
            sl_digest_value *o = NULL;
            for (size_t j = 0; j < f->n_values && !o; j++)
                if (!strcmp(f->values[j].text, v->fig->text))
                    o = &f->values[j];
            if (!o) {
                o = &f->values[f->n_values++];
                o->text = arena_strdup(d->arena, v->fig->text);
                o->value = v->fig->value;
                o->approx = v->fig->approx;
                o->sources = arena_alloc(d->arena, nv * sizeof *o->sources);
            }
            o->sources[o->n_sources++] = src; /* duplicates go below */
        }
        for (size_t j = 0; j < f->n_values; j++) /* sources by time, each once */
            f->values[j].n_sources = sort_unique(f->values[j].sources, f->values[j].n_sources);
        qsort(f->values, f->n_values, sizeof *f->values, cmp_value_source);
    }
}

/* Hash of a quote's words: case folded, everything but letters and digits
 * dropped, so typography and spacing do not split copies. */
static uint64_t quote_key(const char *s, uint32_t *words)
{
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    uint64_t h = 0x243f6a8885a308d3ULL;
    *words = 0;
    if (n < 0) {
        free(f);
        return 0;
    }
    utf8proc_ssize_t i = 0;
    while (i < n) {
        while (i < n && f[i] < 0x80 &&
               !((f[i] >= 'a' && f[i] <= 'z') || (f[i] >= '0' && f[i] <= '9')))
            i++;
        utf8proc_ssize_t st = i;
        while (i < n &&
               (f[i] >= 0x80 || (f[i] >= 'a' && f[i] <= 'z') || (f[i] >= '0' && f[i] <= '9')))
            i++;
        if (i > st) {
            h = XXH3_64bits_withSeed(f + st, (size_t)(i - st), h);
            (*words)++;
        }
    }
    free(f);
    return h;
}

typedef struct dq {
    uint64_t key;
    const sl_quote *q;
    const char *speaker;
    bool *has;
    uint32_t n_has, first_rank;
} dq;

static int cmp_dq(const void *x, const void *y)
{
    const dq *a = x, *b = y;
    if (a->n_has != b->n_has)
        return a->n_has > b->n_has ? -1 : 1;
    if ((a->speaker != NULL) != (b->speaker != NULL))
        return a->speaker ? -1 : 1;
    return (a->first_rank > b->first_rank) - (a->first_rank < b->first_rank);
}

static void copy_quotes(dg_build *b, sl_digest *d, const sl_facts *const *facts)
{
    size_t total = 0;
    for (size_t i = 0; i < b->n_arts; i++)
        total += facts[i]->n_quotes;
    dq *v = arena_alloc(b->tmp, (total ? total : 1) * sizeof *v);
    size_t n = 0;
    dg_map seen; /* quote key → its index in v */
    dg_map_init(&seen, b->tmp, total + 1);
    for (size_t r = 0; r < b->n_arts; r++) { /* by time: the first carrier leads */
        uint32_t ai = b->order[r];
        const sl_facts *f = facts[ai];
        for (size_t k = 0; k < f->n_quotes; k++) {
            const sl_quote *q = &f->quotes[k];
            uint32_t words;
            uint64_t key = q->text ? quote_key(q->text, &words) : 0;
            if (!key || words < 3)
                continue;
            size_t slot = dg_map_slot(&seen, key);
            dq *x = seen.key[slot] ? &v[seen.val[slot]] : NULL;
            if (!x) {
                seen.key[slot] = key;
                seen.val[slot] = (uint32_t)n;
                x = &v[n++];
                memset(x, 0, sizeof *x);
                x->key = key;
                x->q = q;
                x->has = arena_calloc(b->tmp, b->n_arts, sizeof *x->has);
                x->first_rank = (uint32_t)r;
            }
            if (!x->speaker && q->speaker && *q->speaker)
                x->speaker = q->speaker;
            if (!x->has[ai]) {
                x->has[ai] = true;
                x->n_has++;
            }
        }
    }
    qsort(v, n, sizeof *v, cmp_dq);
    if (n > DG_QUOTE_MAX)
        n = DG_QUOTE_MAX;
    d->quotes = arena_calloc(d->arena, n ? n : 1, sizeof *d->quotes);
    d->n_quotes = n;
    for (size_t i = 0; i < n; i++) {
        sl_digest_quote *o = &d->quotes[i];
        o->text = arena_strdup(d->arena, v[i].q->text);
        o->speaker = v[i].speaker ? arena_strdup(d->arena, v[i].speaker) : NULL;
        o->sources = arena_alloc(d->arena, v[i].n_has * sizeof *o->sources);
        for (size_t r = 0; r < b->n_arts; r++)
            if (v[i].has[b->order[r]])
                o->sources[o->n_sources++] = (uint32_t)r;
    }
}

void dg_facts(dg_build *b, sl_digest *d)
{
    const sl_facts **facts = arena_alloc(b->tmp, b->n_arts * sizeof *facts);
    for (size_t i = 0; i < b->n_arts; i++)
        facts[i] = sl_facts_extract(b->ctx, b->arts[i]);
    sl_alias_sets *as = sl_alias_sets_build(b->ctx, facts, b->n_arts);
    if (as) {
        copy_entities(b, d, as);
        copy_places(b, d, as);
        dg_map_land(b->ctx, d);
        sl_alias_sets_free(as);
    }
    sl_figure_groups *g = sl_figure_groups_build(b->ctx, b->arts, facts, b->n_arts);
    if (g) {
        copy_figures(b, d, g);
        sl_figure_groups_free(g);
    }
    copy_quotes(b, d, facts);
}
