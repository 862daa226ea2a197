/*
 * cluster.c — the online clusterer: candidate retrieval through the
 * inverted index, scoring, centroid updates, aging.
 *
 * Invariants (asserted in debug builds):
 *   - a live story's idx[] terms all have a posting (slot, gen) in the index;
 *   - a free slot has live == false and empty vectors;
 *   - s[slot].gen only grows, so a stale posting never matches again.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "../digest/digest.h"

#define DAY 86400.0

static void ids_rebuild(cluster *cl, uint32_t need);
static void extend_span(story *s, int64_t t);

/* ---- slots */

static void grow_slots(cluster *cl)
{
    uint32_t cap = cl->cap_slots ? cl->cap_slots * 2 : 256;
    cl->s = sv_xrealloc(cl->s, cap * sizeof *cl->s);
    memset(cl->s + cl->cap_slots, 0, (cap - cl->cap_slots) * sizeof *cl->s);
    cl->acc = sv_xrealloc(cl->acc, cap * sizeof *cl->acc);
    cl->acc_stamp = sv_xrealloc(cl->acc_stamp, cap * sizeof *cl->acc_stamp);
    cl->term_stamp = sv_xrealloc(cl->term_stamp, cap * sizeof *cl->term_stamp);
    cl->touched = sv_xrealloc(cl->touched, cap * sizeof *cl->touched);
    cl->free_slots = sv_xrealloc(cl->free_slots, cap * sizeof *cl->free_slots);
    memset(cl->acc_stamp + cl->cap_slots, 0, (cap - cl->cap_slots) * sizeof *cl->acc_stamp);
    memset(cl->term_stamp + cl->cap_slots, 0, (cap - cl->cap_slots) * sizeof *cl->term_stamp);
    cl->cap_slots = cap;
}

static uint32_t slot_alloc(cluster *cl)
{
    if (cl->n_free)
        return cl->free_slots[--cl->n_free];
    if (cl->n_slots == cl->cap_slots)
        grow_slots(cl);
    return cl->n_slots++;
}

static void mark_dirty(cluster *cl, uint32_t slot)
{
    story *s = &cl->s[slot];
    if (s->dirty)
        return;
    s->dirty = true;
    if (cl->n_dirty == cl->cap_dirty) {
        cl->cap_dirty = cl->cap_dirty ? cl->cap_dirty * 2 : 256;
        cl->dirty = sv_xrealloc(cl->dirty, cl->cap_dirty * sizeof *cl->dirty);
    }
    cl->dirty[cl->n_dirty++] = slot;
}

cluster *cluster_new(sl_ctx *ctx, const story_params *prm)
{
    cluster *cl = calloc(1, sizeof *cl);
    if (!cl)
        abort();
    cl->ctx = ctx;
    cl->prm = *prm;
    terms_init(&cl->df);
    index_init(&cl->ix);
    feat_init(&cl->feat);
    cl->now = SL_TIME_NONE;
    cl->wall = (int64_t)time(NULL);
    cl->next_id = 1;
    cl->scratch = arena_new();
    grow_slots(cl);
    ids_rebuild(cl, 0);
    cl->cand_score = sv_xrealloc(NULL, ((size_t)prm->max_candidates + 1) * sizeof(float));
    return cl;
}

static void story_release(story *s)
{
    for (int i = 0; i < SP__COUNT; i++)
        sv_free(&s->v[i]);
    free(s->idx);
    free(s->headline);
    story_titles_clear(s);
    s->idx = NULL;
    s->headline = NULL;
    s->n_idx = 0;
    s->live = false;
}

void cluster_free(cluster *cl)
{
    if (!cl)
        return;
    for (uint32_t i = 0; i < cl->n_slots; i++)
        story_release(&cl->s[i]);
    free(cl->s);
    free(cl->acc);
    free(cl->acc_stamp);
    free(cl->term_stamp);
    free(cl->touched);
    free(cl->free_slots);
    free(cl->dirty);
    arena_free(cl->scratch);
    for (uint32_t i = 1; i <= cl->n_langs; i++)
        free(cl->langs[i]);
    if (cl->title_free)
        cl->title_free(cl->title_arg);
    free(cl->copies);
    free(cl->ids);
    free(cl->id_slot);
    free(cl->alias_from);
    free(cl->alias_to);
    free(cl->merges);
    free(cl->cand_score);
    art_vec_free(&cl->pair_av);
    terms_free(&cl->df);
    index_free(&cl->ix);
    feat_free(&cl->feat);
    art_vec_free(&cl->av);
    sv_free(&cl->tmp);
    sv_free(&cl->merge);
    free(cl);
}

story *cluster_story(cluster *cl, uint32_t slot)
{
    return slot < cl->n_slots && cl->s[slot].live ? &cl->s[slot] : NULL;
}

/* ---- story id → slot */

/* The slot of id in an open-addressing table of cap (a power of two) int64
 * keys, 0 meaning empty: where id is, else the empty slot where it would go.
 * Serves the id → slot map and the merge aliases. */
static uint32_t key_probe(const int64_t *keys, uint32_t cap, int64_t id)
{
    uint32_t mask = cap - 1;
    uint32_t i = (uint32_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (keys[i] && keys[i] != id)
        i = (i + 1) & mask;
    return i;
}

static uint32_t id_probe(const cluster *cl, int64_t id)
{
    return key_probe(cl->ids, cl->ids_cap, id);
}

/* Rebuilds the map from the live slots, at a size fit for need entries. */
static void ids_rebuild(cluster *cl, uint32_t need)
{
    uint32_t cap = 1024;
    while (cap < need * 2 + 2)
        cap *= 2;
    free(cl->ids);
    free(cl->id_slot);
    cl->ids = calloc(cap, sizeof *cl->ids);
    cl->id_slot = sv_xrealloc(NULL, cap * sizeof *cl->id_slot);
    if (!cl->ids)
        abort();
    cl->ids_cap = cap;
    cl->n_ids = 0;
    for (uint32_t i = 0; i < cl->n_slots; i++) {
        if (!cl->s[i].live)
            continue;
        uint32_t j = id_probe(cl, cl->s[i].id);
        cl->ids[j] = cl->s[i].id;
        cl->id_slot[j] = i;
        cl->n_ids++;
    }
}

static void ids_put(cluster *cl, int64_t id, uint32_t slot)
{
    if ((cl->n_ids + 1) * 2 > cl->ids_cap) {
        ids_rebuild(cl, cl->n_ids + 1);
        if (cl->s[slot].live && cl->ids[id_probe(cl, id)] == id)
            return; /* the rebuild saw it */
    }
    uint32_t j = id_probe(cl, id);
    if (!cl->ids[j])
        cl->n_ids++;
    cl->ids[j] = id;
    cl->id_slot[j] = slot;
}

uint32_t cluster_find(const cluster *cl, int64_t id)
{
    if (!id || !cl->ids_cap)
        return UINT32_MAX;
    uint32_t j = id_probe(cl, id);
    if (!cl->ids[j])
        return UINT32_MAX;
    uint32_t slot = cl->id_slot[j];
    return slot < cl->n_slots && cl->s[slot].live && cl->s[slot].id == id ? slot : UINT32_MAX;
}

const uint32_t *cluster_dirty(const cluster *cl, uint32_t *n)
{
    *n = cl->n_dirty;
    return cl->dirty;
}

void cluster_touch(cluster *cl, uint32_t slot)
{
    if (slot < cl->n_slots && cl->s[slot].live)
        mark_dirty(cl, slot);
}

void cluster_clean(cluster *cl)
{
    for (uint32_t i = 0; i < cl->n_dirty; i++) {
        cl->s[cl->dirty[i]].dirty = false;
        cl->s[cl->dirty[i]].is_new = false;
        cl->s[cl->dirty[i]].vec_dirty = false;
    }
    cl->n_dirty = 0;
    cl->n_merges = 0;
}

/* ---- online merges: gone id → keep id, open addressing (0 = empty) */

static uint32_t alias_probe(const cluster *cl, int64_t id)
{
    return key_probe(cl->alias_from, cl->alias_cap, id);
}

static int64_t alias_get(const cluster *cl, int64_t id)
{
    if (!cl->alias_cap)
        return 0;
    uint32_t i = alias_probe(cl, id);
    return cl->alias_from[i] ? cl->alias_to[i] : 0;
}

int64_t cluster_resolve(const cluster *cl, int64_t id)
{
    for (int hops = 0; hops < 64; hops++) { /* chains are short; the bound guards a cycle */
        int64_t to = alias_get(cl, id);
        if (!to)
            break;
        id = to;
    }
    return id;
}

/* Rebuilds the alias map at a size fit for need entries, keeping only the
 * aliases that lead to a story still in memory when prune is set. */
static void alias_rehash(cluster *cl, uint32_t need, bool prune)
{
    int64_t *from = cl->alias_from, *to = cl->alias_to;
    uint32_t old_cap = cl->alias_cap;
    uint32_t cap = 256;
    while (cap < need * 2 + 2)
        cap *= 2;
    cl->alias_from = calloc(cap, sizeof *cl->alias_from);
    cl->alias_to = sv_xrealloc(NULL, cap * sizeof *cl->alias_to);
    if (!cl->alias_from)
        abort();
    cl->alias_cap = cap;
    cl->n_alias = 0;
    for (uint32_t i = 0; i < old_cap; i++) {
        if (!from[i])
            continue;
        int64_t end = to[i];
        for (int hops = 0; hops < 64; hops++) { /* resolve through the old table */
            uint32_t j = (uint32_t)(((uint64_t)end * 0x9E3779B97F4A7C15ull) >> 32) & (old_cap - 1);
            while (from[j] && from[j] != end)
                j = (j + 1) & (old_cap - 1);
            if (!from[j])
                break;
            end = to[j];
        }
        if (prune && cluster_find(cl, end) == UINT32_MAX)
            continue;
        uint32_t k = alias_probe(cl, from[i]);
        cl->alias_from[k] = from[i];
        cl->alias_to[k] = end;
        cl->n_alias++;
    }
    free(from);
    free(to);
}

static void alias_put(cluster *cl, int64_t gone, int64_t keep)
{
    if ((cl->n_alias + 1) * 2 > cl->alias_cap)
        alias_rehash(cl, cl->n_alias + 1, false);
    uint32_t i = alias_probe(cl, gone);
    if (!cl->alias_from[i])
        cl->n_alias++;
    cl->alias_from[i] = gone;
    cl->alias_to[i] = keep;
}

const cluster_merge *cluster_merges(const cluster *cl, uint32_t *n)
{
    *n = cl->n_merges;
    return cl->merges;
}

/* ---- copy groups: group → story, open addressing */

static uint32_t copy_probe(const cluster *cl, int64_t group)
{
    uint32_t mask = cl->copies_cap - 1;
    uint64_t h = (uint64_t)group * 0x9E3779B97F4A7C15ull;
    uint32_t i = (uint32_t)(h >> 32) & mask;
    while (cl->copies[i].group && cl->copies[i].group != group)
        i = (i + 1) & mask;
    return i;
}

static void copy_rehash(cluster *cl, uint32_t cap, bool drop_dead)
{
    copy_ent *old = cl->copies;
    uint32_t old_cap = cl->copies_cap;
    cl->copies = calloc(cap, sizeof *cl->copies);
    if (!cl->copies)
        abort();
    cl->copies_cap = cap;
    cl->n_copies = 0;
    for (uint32_t i = 0; i < old_cap; i++) {
        copy_ent e = old[i];
        if (!e.group)
            continue;
        if (drop_dead && (e.slot >= cl->n_slots || cl->s[e.slot].gen != e.gen ||
                          !cl->s[e.slot].live)) {
            uint32_t to = cl->n_alias ? cluster_find(cl, cluster_resolve(cl, e.story))
                                      : UINT32_MAX;
            if (to == UINT32_MAX)
                continue;
            e = (copy_ent){e.group, cl->s[to].id, to, cl->s[to].gen}; /* merged: follow */
        }
        cl->copies[copy_probe(cl, e.group)] = e;
        cl->n_copies++;
    }
    free(old);
}

static void copy_put(cluster *cl, int64_t group, uint32_t slot)
{
    if (!group)
        return;
    if ((cl->n_copies + 1) * 2 > cl->copies_cap)
        copy_rehash(cl, cl->copies_cap ? cl->copies_cap * 2 : 1024, true);
    uint32_t i = copy_probe(cl, group);
    if (!cl->copies[i].group)
        cl->n_copies++;
    cl->copies[i] = (copy_ent){group, cl->s[slot].id, slot, cl->s[slot].gen};
}

/* The live slot of group's story, or UINT32_MAX. */
static uint32_t copy_get(const cluster *cl, int64_t group)
{
    if (!group || !cl->copies_cap)
        return UINT32_MAX;
    const copy_ent *e = &cl->copies[copy_probe(cl, group)];
    if (!e->group)
        return UINT32_MAX;
    if (e->slot >= cl->n_slots || !cl->s[e->slot].live || cl->s[e->slot].gen != e->gen)
        return cl->n_alias ? cluster_find(cl, cluster_resolve(cl, e->story)) : UINT32_MAX;
    return e->slot;
}

void cluster_note_copy(cluster *cl, int64_t group, int64_t story_id)
{
    uint32_t slot = cluster_find(cl, story_id);
    if (slot != UINT32_MAX)
        copy_put(cl, group, slot);
}

/* ---- time */

static int64_t year_start(int year)
{
    /* days from 1970-01-01 to year-01-01 (proleptic Gregorian) */
    int64_t y = year - 1;
    int64_t days = y * 365 + y / 4 - y / 100 + y / 400 - 719162;
    return days * 86400;
}

/* Chooses the time the clustering uses for a; sets *how. */
int64_t cluster_time(cluster *cl, const sl_article *a, int *how)
{
    int64_t t = a->published;
    bool dated = t != SL_TIME_NONE && a->date_source != SL_DATE_INGEST;
    if (dated && t <= cl->wall + (int64_t)(cl->prm.future_days * DAY) &&
        t >= year_start(cl->prm.min_year)) {
        *how = CL_TIME_DATED;
        if (cl->now == SL_TIME_NONE || t > cl->now)
            cl->now = t;
        return t;
    }
    *how = dated ? CL_TIME_UNTRUSTED : CL_TIME_UNDATED;
    return cl->now != SL_TIME_NONE ? cl->now : cl->wall;
}

/* Gap in days between t and the story's time span (0 inside it). */
static double gap_days(const story *s, int64_t t)
{
    int64_t gap = t > s->last ? t - s->last : t < s->first ? s->first - t : 0;
    return (double)gap / DAY;
}

/* How rare the names shared by a and b are: *rare gets the largest IDF of
 * a shared name over the IDF of a name seen once (1 for a name only these
 * two have, near 0 for a name everybody uses), *n_rare ln(1 + the count of
 * shared names whose ratio reaches params.rare_idf). Invented or little
 * known names (a village, a minor official) tie the reports of one event;
 * names a whole topic shares (a country, an organisation) do not. */
static void shared_names(const cluster *cl, const svec *a, const svec *b, double *rare,
                         double *n_rare)
{
    const terms *df = &cl->df;
    double top = terms_idf(df->n_total, 1, cl->prm.idf_add);
    double best = 0;
    int n = 0;
    const sv_entry *x = a->e, *y = b->e, *xe = x + a->n, *ye = y + b->n;
    while (x < xe && y < ye) {
        if (x->term < y->term) {
            x++;
        } else if (x->term > y->term) {
            y++;
        } else {
            double r = terms_idf(df->n_total, terms_df(df, x->term), cl->prm.idf_add) / top;
            if (r > best)
                best = r;
            n += r >= cl->prm.rare_idf;
            x++, y++;
        }
    }
    *rare = best > 1 ? 1 : best;
    *n_rare = log1p(n);
}

/* The features of (av, s) at t; the extra ones (containment, rare names)
 * only when all is set or their coefficient is not 0 (else they are 0):
 * they cost merges and table lookups per candidate. */
static void features(const cluster *cl, const art_vec *av, const story *s, int64_t t, double *x,
                     bool all)
{
    const story_params *p = &cl->prm;
    uint16_t lang = (uint16_t)(av->lang + 1);
    bool has_text = false, has_title = false;
    x[F_TEXT] = sv_cos_lang(&av->v[SP_TEXT], &s->v[SP_TEXT], lang, &has_text);
    x[F_ENT] = sv_cos(&av->v[SP_ENT], &s->v[SP_ENT]);
    x[F_TITLE] = sv_cos_lang(&av->v[SP_TITLE], &s->v[SP_TITLE], lang, &has_title);
    x[F_NOTITLE] = av->v[SP_TITLE].n == 0 || !has_title;
    x[F_XLING] = !has_text;
    x[F_GAP] = log1p(gap_days(s, t));
    x[F_SIZE] = log((double)(s->n_dispatch ? s->n_dispatch : 1));
    bool named = av->v[SP_ENT].n >= 4 && s->v[SP_ENT].n >= 4;
    x[F_NAMES] = named && x[F_ENT] < 0.25 ? 1 - x[F_ENT] / 0.25 : 0;
    x[F_TEXTC] = all || p->b_textc ? sv_contain(&av->v[SP_TEXT], &s->v[SP_TEXT]) : 0;
    x[F_ENTC] = all || p->b_entc ? sv_contain(&av->v[SP_ENT], &s->v[SP_ENT]) : 0;
    x[F_RARE] = x[F_NRARE] = 0;
    if (all || p->b_rare || p->b_nrare)
        shared_names(cl, &av->v[SP_ENT], &s->v[SP_ENT], &x[F_RARE], &x[F_NRARE]);
}

void cluster_features(const cluster *cl, const art_vec *av, const story *s, int64_t t, double *x)
{
    features(cl, av, s, t, x, true);
}

double cluster_score(const cluster *cl, const art_vec *av, const story *s, int64_t t)
{
    const story_params *p = &cl->prm;
    double x[F__COUNT];
    features(cl, av, s, t, x, false);
    if (x[F_XLING] && x[F_ENT] <= 0)
        return 0; /* nothing in common that this language can see */
    double z = p->b0 + p->b_text * x[F_TEXT] + p->b_ent * x[F_ENT] + p->b_title * x[F_TITLE] +
               p->b_notitle * x[F_NOTITLE] + p->b_xling * x[F_XLING] + p->b_gap * x[F_GAP] +
               p->b_size * x[F_SIZE] + p->b_names * x[F_NAMES] + p->b_textc * x[F_TEXTC] +
               p->b_entc * x[F_ENTC] + p->b_rare * x[F_RARE] + p->b_nrare * x[F_NRARE];
    if (x[F_XLING]) {
        /* across languages, names are all the article and the story can
         * share: their disagreement and their rarity may count otherwise */
        z += p->b_xnames * x[F_NAMES];
        if (p->b_xrare) {
            if (!p->b_rare && !p->b_nrare)
                shared_names(cl, &av->v[SP_ENT], &s->v[SP_ENT], &x[F_RARE], &x[F_NRARE]);
            z += p->b_xrare * x[F_RARE];
        }
    }
    return 1 / (1 + exp(-z));
}

/* The language slot of the heaviest text term of s (0 if none). */
static int main_lang(const story *s)
{
    const svec *v = &s->v[SP_TEXT];
    float best = -1;
    int lang = 0;
    for (uint32_t i = 0; i < v->n; i++)
        if (v->e[i].w > best && v->e[i].lang) {
            best = v->e[i].w;
            lang = v->e[i].lang - 1;
        }
    return lang;
}

void cluster_as_article(const story *s, art_vec *av)
{
    for (int i = 0; i < SP__COUNT; i++) {
        sv_copy(&av->v[i], &s->v[i]);
        sv_normalize(&av->v[i]);
    }
    av->lang = main_lang(s);
    av->n_terms = s->v[0].n + s->v[1].n + s->v[2].n;
}

double cluster_pair_score(const cluster *cl, const story *a, const story *b, art_vec *tmp)
{
    cluster_as_article(a, tmp);
    double s1 = cluster_score(cl, tmp, b, a->last < b->first ? a->last : a->first);
    cluster_as_article(b, tmp);
    double s2 = cluster_score(cl, tmp, a, b->first > a->last ? b->first : b->last);
    return s1 < s2 ? s1 : s2;
}

/* ---- the index terms of a story */

typedef sv_entry ranked; /* (term, weight) ranked by weight */

/* Strongest terms across the spaces of vectors v (weights scaled to unit
 * norm per space and by the space weight) into out[0..k); returns count. */
static uint32_t top_terms(const cluster *cl, const svec *v, uint32_t k, ranked *rk,
                          uint64_t *out)
{
    const story_params *p = &cl->prm;
    const double w[SP__COUNT] = {p->w_text, p->w_ent, p->w_title};
    uint32_t n = 0;
    for (int i = 0; i < SP__COUNT; i++) {
        if (v[i].norm <= 0)
            continue;
        float scale = (float)(w[i] / v[i].norm);
        for (uint32_t j = 0; j < v[i].n; j++)
            rk[n++] = (ranked){v[i].e[j].term, v[i].e[j].w * scale, 0};
    }
    if (n > k) {
        sv_select_top(rk, n, k);
        n = k;
    }
    for (uint32_t i = 0; i < n; i++)
        out[i] = rk[i].term;
    return n;
}

static ranked *rank_buf(cluster *cl, size_t n)
{
    sv_reserve(&cl->tmp, (uint32_t)n);
    return cl->tmp.e;
}

/* A fresh stamp value; on wrap-around all stamps are cleared. */
static uint32_t next_stamp(cluster *cl)
{
    if (cl->stamp == UINT32_MAX) {
        memset(cl->acc_stamp, 0, cl->cap_slots * sizeof *cl->acc_stamp);
        memset(cl->term_stamp, 0, cl->cap_slots * sizeof *cl->term_stamp);
        cl->stamp = 0;
    }
    return ++cl->stamp;
}

static bool has_term(const story *s, uint64_t term)
{
    for (uint32_t i = 0; i < s->n_idx; i++)
        if (s->idx[i] == term)
            return true;
    return false;
}

/* Recomputes slot's index terms and posts the new ones. */
static void reindex(cluster *cl, uint32_t slot)
{
    story *s = &cl->s[slot];
    uint32_t k = (uint32_t)cl->prm.index_terms;
    size_t total = 0;
    for (int i = 0; i < SP__COUNT; i++)
        total += s->v[i].n;
    uint64_t fresh[256];
    if (k > 256)
        k = 256;
    uint32_t n = top_terms(cl, s->v, k, rank_buf(cl, total + 1), fresh);
    if (!s->idx)
        s->idx = sv_xrealloc(NULL, k * sizeof *s->idx);
    for (uint32_t i = 0; i < n; i++)
        if (!has_term(s, fresh[i]))
            index_post(&cl->ix, fresh[i], slot, s->gen);
    memcpy(s->idx, fresh, n * sizeof *fresh);
    s->n_idx = n;
}

/* ---- candidates */

typedef struct keep_ctx {
    cluster *cl;
    uint32_t stamp;
} keep_ctx;

static int keep_posting(void *user, uint64_t term, posting p)
{
    keep_ctx *k = user;
    cluster *cl = k->cl;
    if (p.slot >= cl->n_slots)
        return 0;
    story *s = &cl->s[p.slot];
    if (!s->live || s->gen != p.gen || !has_term(s, term) || cl->term_stamp[p.slot] == k->stamp)
        return 0;
    cl->term_stamp[p.slot] = k->stamp;
    return 1;
}

static void compact_if_stale(cluster *cl, plist *l, uint64_t term)
{
    uint32_t base = l->n_after_compact > 8 ? l->n_after_compact : 8;
    if (l->n < 2 * base)
        return;
    keep_ctx k = {cl, next_stamp(cl)};
    index_compact(&cl->ix, l, term, keep_posting, &k);
}

static void accumulate(cluster *cl, uint64_t term, float w, uint32_t acc_stamp)
{
    plist *l = index_get(&cl->ix, term);
    if (!l || !l->n)
        return;
    compact_if_stale(cl, l, term);
    uint32_t ts = next_stamp(cl);
    uint32_t from = l->n > (uint32_t)cl->prm.max_postings ? l->n - (uint32_t)cl->prm.max_postings
                                                          : 0;
    const posting *ps = plist_at(l);
    for (uint32_t i = l->n; i-- > from;) {
        posting p = ps[i];
        story *s = &cl->s[p.slot];
        if (!s->live || s->gen != p.gen || cl->term_stamp[p.slot] == ts)
            continue;
        cl->term_stamp[p.slot] = ts;
        if (cl->acc_stamp[p.slot] != acc_stamp) {
            cl->acc_stamp[p.slot] = acc_stamp;
            cl->acc[p.slot] = 0;
            cl->touched[cl->n_touched++] = p.slot;
        }
        cl->acc[p.slot] += w;
    }
}

static int cmp_acc_desc(const void *pa, const void *pb, void *arg)
{
    const float *acc = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    if (acc[a] != acc[b])
        return acc[a] < acc[b] ? 1 : -1;
    return (a > b) - (a < b);
}

/* Best story for the article vectors in cl->av at time t; UINT32_MAX when
 * no candidate. *best_score gets its score. */
uint32_t cluster_candidates(cluster *cl)
{
    uint64_t q[256];
    uint32_t nq = (uint32_t)cl->prm.query_terms;
    if (nq > 256)
        nq = 256;
    size_t total = 0;
    for (int i = 0; i < SP__COUNT; i++)
        total += cl->av.v[i].n;
    ranked *rb = rank_buf(cl, total + 1);
    nq = top_terms(cl, cl->av.v, nq, rb, q);
    float qw[256];
    for (uint32_t i = 0; i < nq; i++)
        qw[i] = rb[i].w;

    uint32_t acc_stamp = next_stamp(cl);
    cl->n_touched = 0;
    for (uint32_t i = 0; i < nq; i++)
        accumulate(cl, q[i], qw[i], acc_stamp);

    uint32_t n = cl->n_touched, c = (uint32_t)cl->prm.max_candidates;
    if (n > c) {
        qsort_r(cl->touched, n, sizeof *cl->touched, cmp_acc_desc, cl->acc);
        n = c;
    }
    return n;
}

/* Best of the candidates for the article vectors in cl->av at time t;
 * UINT32_MAX when none. *best_score gets its score. */
static uint32_t best_story(cluster *cl, int64_t t, double *best_score, uint32_t *n_scored)
{
    uint32_t n = cluster_candidates(cl), best = UINT32_MAX;
    *best_score = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t slot = cl->touched[i];
        cl->cand_score[i] = -1;
        if (gap_days(&cl->s[slot], t) > cl->prm.window_days)
            continue; /* aged out, even if not yet evicted */
        double sc = cluster_score(cl, &cl->av, &cl->s[slot], t);
        cl->cand_score[i] = (float)sc;
        if (sc > *best_score || (sc == *best_score && best != UINT32_MAX &&
                                 cl->s[slot].id < cl->s[best].id)) {
            *best_score = sc;
            best = slot;
        }
    }
    *n_scored = n;
    return best;
}

/* ---- joining and starting */

/* An article's headline: its title, else its first sentence cut at a word
 * boundary near 120 bytes (wire texts have no titles). NULL if neither. */
static char *headline_of(const sl_article *a)
{
    if (a->title && *a->title)
        return strdup(a->title);
    if (!a->n_sents || !a->text)
        return NULL;
    size_t b = a->sents[0].start, e = a->sents[0].end;
    if (e > a->text_len || b >= e)
        return NULL;
    size_t n = e - b;
    if (n > 120) {
        n = 120;
        while (n > 60 && a->text[b + n] != ' ')
            n--;
        while (n > 0 && ((unsigned char)a->text[b + n] & 0xC0) == 0x80)
            n--; /* never cut inside a UTF-8 sequence */
    }
    char *h = malloc(n + 4);
    if (!h)
        abort();
    memcpy(h, a->text + b, n);
    strcpy(h + n, n < e - b ? "..." : "");
    return h;
}

/* Headline rank: how central its article was (0–1) when it had a title; a
 * sentence of an untitled article ranks HEAD_UNTITLED lower, so any titled
 * member replaces it (the store keeps the rank in the state blob). */
#define HEAD_UNTITLED 2.0f

static bool has_title(const sl_article *a) { return a->title && *a->title; }

static float head_rank(const sl_article *a, double sim)
{
    return has_title(a) ? (float)sim : (float)sim - HEAD_UNTITLED;
}

static void set_headline(story *s, const sl_article *a, long long rid, float rank)
{
    char *h = headline_of(a);
    if (!h)
        return;
    free(s->headline);
    s->headline = h;
    s->head_is_title = has_title(a); /* the store keeps a->title as the article's title */
    s->head_sim = rank;
    s->head_rid = rid;
}

static void extend_span(story *s, int64_t t)
{
    if (t < s->first)
        s->first = t;
    if (t > s->last)
        s->last = t;
}

/* How central the article in cl->av is to story s (for the headline). */
static double headline_sim(const cluster *cl, const story *s)
{
    uint16_t lang = (uint16_t)(cl->av.lang + 1);
    return 0.5 * sv_cos_lang(&cl->av.v[SP_TEXT], &s->v[SP_TEXT], lang, NULL) +
           0.3 * sv_cos(&cl->av.v[SP_ENT], &s->v[SP_ENT]) +
           0.2 * sv_cos_lang(&cl->av.v[SP_TITLE], &s->v[SP_TITLE], lang, NULL);
}

void cluster_join(cluster *cl, uint32_t slot, const sl_article *a, long long rid, int64_t t)
{
    story *s = &cl->s[slot];
    const int keep[SP__COUNT] = {cl->prm.cen_text, cl->prm.cen_ent, cl->prm.cen_title};
    if (cl->prm.decay_days > 0 && t > s->last) { /* older members fade: the story drifts */
        float f = (float)exp(-(double)(t - s->last) / DAY / cl->prm.decay_days);
        for (int i = 0; i < SP__COUNT; i++)
            sv_scale(&s->v[i], f);
    }
    for (int i = 0; i < SP__COUNT; i++)
        if (cl->av.v[i].n)
            sv_add(&s->v[i], &cl->av.v[i], 1.0f, (uint32_t)keep[i], &cl->merge);
    s->n_articles++;
    s->n_dispatch++;
    extend_span(s, t);
    reindex(cl, slot);
    s->vec_dirty = true;
    /* the headline: the titled member closest to the centroid as it grows;
     * older similarities fade a little since the centroid moved on */
    float rank = head_rank(a, headline_sim(cl, s));
    if (s->head_sim >= 0)
        s->head_sim *= 0.97f;
    else
        s->head_sim = (s->head_sim + HEAD_UNTITLED) * 0.97f - HEAD_UNTITLED;
    if (!s->headline || rank > s->head_sim)
        set_headline(s, a, rid, rank);
    size_t nt;
    const sl_token *tt = feat_title_tokens(&cl->feat, a->title, &nt);
    cluster_title_add_tokens(cl, s, rid, a->title, a->lang, a->published, tt, nt);
    mark_dirty(cl, slot);
}

uint32_t cluster_start(cluster *cl, const sl_article *a, long long rid, int64_t t)
{
    uint32_t slot = slot_alloc(cl);
    story *s = &cl->s[slot];
    uint32_t gen = s->gen + 1;
    memset(s, 0, sizeof *s);
    s->gen = gen;
    s->live = true;
    s->is_new = true;
    s->id = cl->next_id++;
    s->first = s->last = t;
    s->n_articles = 1;
    s->n_dispatch = 1;
    for (int i = 0; i < SP__COUNT; i++)
        sv_copy(&s->v[i], &cl->av.v[i]);
    reindex(cl, slot);
    set_headline(s, a, rid, head_rank(a, 1.0));
    size_t nt;
    const sl_token *tt = feat_title_tokens(&cl->feat, a->title, &nt);
    cluster_title_add_tokens(cl, s, rid, a->title, a->lang, a->published, tt, nt);
    s->vec_dirty = true;
    cl->n_live++;
    ids_put(cl, s->id, slot);
    mark_dirty(cl, slot);
    return slot;
}

void cluster_join_copy(cluster *cl, uint32_t slot, const sl_article *a, long long rid, int64_t t)
{
    story *s = &cl->s[slot];
    s->n_articles++;
    extend_span(s, t);
    if (!s->headline || (s->head_sim < 0 && has_title(a))) /* a title at last */
        set_headline(s, a, rid, head_rank(a, 0));
    cluster_title_add(cl, s, rid, a->title, a->lang, a->published);
    mark_dirty(cl, slot);
    cl->n_copies_joined++;
}

/* Story in slot b goes into story in slot a (the older of the two keeps its
 * id): centroids summed and cut, counts and spans joined, b retired and
 * remembered as an alias of a (for its copy groups) and in the merge log.
 * Returns the slot kept. */
static uint32_t merge_stories(cluster *cl, uint32_t a, uint32_t b)
{
    if (cl->s[b].id < cl->s[a].id) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    story *k = &cl->s[a], *g = &cl->s[b];
    const int keep[SP__COUNT] = {cl->prm.cen_text, cl->prm.cen_ent, cl->prm.cen_title};
    for (int i = 0; i < SP__COUNT; i++)
        if (g->v[i].n)
            sv_add(&k->v[i], &g->v[i], 1.0f, (uint32_t)keep[i], &cl->merge);
    k->n_articles += g->n_articles;
    k->n_dispatch += g->n_dispatch;
    extend_span(k, g->first);
    extend_span(k, g->last);
    if (g->headline && (!k->headline || g->head_sim > k->head_sim)) {
        char *h = k->headline;
        k->headline = g->headline;
        g->headline = h;
        k->head_sim = g->head_sim;
        k->head_rid = g->head_rid;
        k->head_is_title = g->head_is_title;
    }
    cluster_titles_take(cl, k, g); /* g's members move to k */
    k->vec_dirty = true;
    reindex(cl, a);
    mark_dirty(cl, a);
    alias_put(cl, g->id, k->id);
    if (cl->n_merges == cl->cap_merges) {
        cl->cap_merges = cl->cap_merges ? cl->cap_merges * 2 : 64;
        cl->merges = sv_xrealloc(cl->merges, cl->cap_merges * sizeof *cl->merges);
    }
    cl->merges[cl->n_merges++] = (cluster_merge){g->id, k->id};
    cluster_retire(cl, b);
    cl->n_merged++;
    return a;
}

/* Before the article of cl->av joins the story in slot (its best
 * candidate): the other candidates it scored merge_seed or more with (at
 * most merge_checks, best first) are merged with that story when the two
 * centroids, as they are before the article, score merge_online both ways
 * and share names (merge_names). An article that fits two stories is a
 * sign they tell one event; asking the centroids without it keeps a
 * report naming two events from gluing them. n is the count of candidates
 * of cluster_candidates. Returns the slot the article goes to. */
static uint32_t merge_online(cluster *cl, uint32_t slot, uint32_t n, int64_t t)
{
    const story_params *p = &cl->prm;
    if (p->merge_online > 1 || p->merge_checks <= 0)
        return slot;
    for (int done = 0; done < p->merge_checks; done++) {
        int pick = -1;
        for (uint32_t i = 0; i < n; i++) /* the best candidate left above the seed */
            if (cl->touched[i] != slot && cl->cand_score[i] >= p->merge_seed &&
                (pick < 0 || cl->cand_score[i] > cl->cand_score[pick]))
                pick = (int)i;
        if (pick < 0)
            return slot;
        uint32_t other = cl->touched[pick];
        cl->cand_score[pick] = -1;
        if (!cl->s[other].live || gap_days(&cl->s[other], t) > p->window_days)
            continue;
        if (sv_cos(&cl->s[slot].v[SP_ENT], &cl->s[other].v[SP_ENT]) < p->merge_names)
            continue; /* stories that name different things stay apart */
        double rare, n_rare;
        shared_names(cl, &cl->s[slot].v[SP_ENT], &cl->s[other].v[SP_ENT], &rare, &n_rare);
        if (rare < p->merge_rare)
            continue; /* only names a whole topic uses in common */
        if (cluster_pair_score(cl, &cl->s[slot], &cl->s[other], &cl->pair_av) >= p->merge_online)
            slot = merge_stories(cl, slot, other);
    }
    return slot;
}

uint32_t cluster_copy_slot(const cluster *cl, int64_t group) { return copy_get(cl, group); }

void cluster_set_copy(cluster *cl, int64_t group, uint32_t slot) { copy_put(cl, group, slot); }

uint32_t cluster_featurize(cluster *cl, const sl_article *a)
{
    feat_article(&cl->feat, cl->ctx, &cl->df, &cl->prm, a, true, &cl->av);
    return cl->av.n_terms;
}

cluster_result cluster_add(cluster *cl, const sl_article *a, long long rid, int64_t copy_group)
{
    cluster_result r = {0};
    r.time = cluster_time(cl, a, &r.time_how);
    cl->n_added++;
    uint32_t slot = copy_get(cl, copy_group);
    if (slot != UINT32_MAX) {
        cluster_join_copy(cl, slot, a, rid, r.time);
        r.story = cl->s[slot].id;
        r.how = CL_COPY;
        r.score = 1;
        return r;
    }
    r.n_terms = cluster_featurize(cl, a);
    double score = 0;
    uint32_t best = UINT32_MAX;
    if (r.n_terms) {
        best = best_story(cl, r.time, &score, &r.n_candidates);
        cl->n_scored++;
    }
    r.score = (float)score;
    if (best != UINT32_MAX && score >= cl->prm.threshold) {
        slot = merge_online(cl, best, r.n_candidates, r.time);
        cluster_join(cl, slot, a, rid, r.time);
        r.how = CL_JOINED;
    } else {
        slot = cluster_start(cl, a, rid, r.time);
        r.how = CL_NEW;
    }
    copy_put(cl, copy_group, slot);
    r.story = cl->s[slot].id;
    return r;
}

/* ---- aging */

static void rebuild_index(cluster *cl)
{
    index_clear(&cl->ix);
    for (uint32_t i = 0; i < cl->n_slots; i++) {
        story *s = &cl->s[i];
        if (!s->live)
            continue;
        for (uint32_t j = 0; j < s->n_idx; j++)
            index_post(&cl->ix, s->idx[j], i, s->gen);
    }
}

void cluster_retire(cluster *cl, uint32_t slot)
{
    story *s = cluster_story(cl, slot);
    if (!s)
        return;
    story_release(s);
    s->gen++;
    s->dirty = false;
    cl->free_slots[cl->n_free++] = slot;
    cl->n_live--;
}

uint32_t cluster_age(cluster *cl)
{
    if (cl->now == SL_TIME_NONE)
        return 0;
    int64_t limit = cl->now - (int64_t)(cl->prm.window_days * DAY);
    uint32_t evicted = 0;
    for (uint32_t i = 0; i < cl->n_slots; i++) {
        story *s = &cl->s[i];
        if (!s->live || s->dirty || s->last >= limit)
            continue;
        story_release(s);
        s->gen++;
        cl->free_slots[cl->n_free++] = i;
        cl->n_live--;
        evicted++;
    }
    cl->n_evicted += evicted;
    if (evicted) {
        size_t live_postings = (size_t)cl->n_live * (size_t)cl->prm.index_terms;
        if (cl->ix.postings > 4 * live_postings + 4096)
            rebuild_index(cl);
        ids_rebuild(cl, cl->n_live);
        copy_rehash(cl, cl->copies_cap ? cl->copies_cap : 1024, true);
        if (cl->n_alias)
            alias_rehash(cl, cl->n_alias, true);
    }
    return evicted;
}

/* ---- restore */

void cluster_restore(cluster *cl, story *in)
{
    uint32_t slot = slot_alloc(cl);
    story *s = &cl->s[slot];
    uint32_t gen = s->gen + 1;
    *s = *in;
    s->gen = gen;
    s->live = true;
    s->dirty = s->is_new = false;
    s->idx = NULL;
    s->n_idx = 0;
    s->titles = NULL; /* its members' titles are read again when it changes */
    s->title_keys = NULL;
    s->n_titles = s->cap_titles = s->n_tkeys = s->cap_tkeys = 0;
    s->head_is_title = false;
    s->titles_partial = true;
    for (int i = 0; i < SP__COUNT; i++)
        sv_recompute_norm(&s->v[i]);
    reindex(cl, slot);
    cl->n_live++;
    ids_put(cl, s->id, slot);
    if (s->id >= cl->next_id)
        cl->next_id = s->id + 1;
    if (cl->now == SL_TIME_NONE || s->last > cl->now)
        cl->now = s->last;
    memset(in, 0, sizeof *in);
}

/* ---- the state blob: "SLST2", head_sim f32, n_dispatch u32, the
 * languages used (count u8, then 3-byte codes), then per space a count u32
 * and entries (term u64, weight f32, language u8: 1-based index into the
 * codes, 0 none); little-endian. Language codes rather than slots, so a
 * blob survives a document-frequency table rebuilt in another order. */

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_f32(unsigned char *p, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put_u32(p, v);
}

static float get_f32(const unsigned char *p)
{
    uint32_t v = get_u32(p);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

#define BLOB_MAX_LANGS 255

void story_pack(const story *s, const terms *df, unsigned char **out, size_t *len)
{
    uint16_t slots[BLOB_MAX_LANGS]; /* slot + 1 of each code written */
    uint8_t n_langs = 0;
    size_t n = 5 + 8 + 1;
    for (int i = 0; i < SP__COUNT; i++)
        n += 4 + (size_t)s->v[i].n * 13;
    for (int i = 0; i < SP__COUNT; i++)
        for (uint32_t j = 0; j < s->v[i].n; j++) {
            uint16_t l = s->v[i].e[j].lang;
            bool known = l == 0;
            for (uint8_t k = 0; k < n_langs && !known; k++)
                known = slots[k] == l;
            if (!known && n_langs < BLOB_MAX_LANGS)
                slots[n_langs++] = l;
        }
    n += (size_t)n_langs * 3;
    unsigned char *p = sv_xrealloc(NULL, n), *q = p;
    memcpy(q, "SLST2", 5);
    put_f32(q + 5, s->head_sim);
    put_u32(q + 9, s->n_dispatch);
    q[13] = n_langs;
    q += 14;
    for (uint8_t k = 0; k < n_langs; k++, q += 3) {
        uint16_t slot = (uint16_t)(slots[k] - 1);
        memcpy(q, slot < TERMS_MAX_LANGS ? df->langs[slot] : "und", 3);
    }
    for (int i = 0; i < SP__COUNT; i++) {
        put_u32(q, s->v[i].n);
        q += 4;
        for (uint32_t j = 0; j < s->v[i].n; j++, q += 13) {
            const sv_entry *e = &s->v[i].e[j];
            put_u32(q, (uint32_t)e->term);
            put_u32(q + 4, (uint32_t)(e->term >> 32));
            put_f32(q + 8, e->w);
            uint8_t code = 0;
            for (uint8_t k = 0; k < n_langs && e->lang; k++)
                if (slots[k] == e->lang)
                    code = (uint8_t)(k + 1);
            q[12] = code;
        }
    }
    *out = p;
    *len = (size_t)(q - p);
}

int story_unpack(story *s, terms *df, const unsigned char *p, size_t len)
{
    if (!p || len < 14 || memcmp(p, "SLST2", 5) != 0)
        return -1;
    s->head_sim = get_f32(p + 5);
    s->n_dispatch = get_u32(p + 9);
    uint8_t n_langs = p[13];
    size_t off = 14;
    if (len - off < (size_t)n_langs * 3)
        return -1;
    uint16_t slots[BLOB_MAX_LANGS + 1];
    slots[0] = 0;
    for (uint8_t k = 0; k < n_langs; k++, off += 3) {
        char code[4] = {(char)p[off], (char)p[off + 1], (char)p[off + 2], 0};
        slots[k + 1] = (uint16_t)(terms_lang(df, code) + 1);
    }
    for (int i = 0; i < SP__COUNT; i++) {
        if (len - off < 4)
            return -1;
        uint32_t n = get_u32(p + off);
        off += 4;
        if (n > (len - off) / 13)
            return -1;
        svec *v = &s->v[i];
        sv_reserve(v, n);
        v->n = 0;
        uint64_t prev = 0;
        for (uint32_t j = 0; j < n; j++, off += 13) {
            uint64_t term = get_u32(p + off) | (uint64_t)get_u32(p + off + 4) << 32;
            float w = get_f32(p + off + 8);
            uint8_t code = p[off + 12];
            if ((j && term <= prev) || !isfinite(w) || code > n_langs)
                return -1; /* terms must be sorted and unique */
            prev = term;
            v->e[v->n++] = (sv_entry){term, w, slots[code]};
        }
        sv_recompute_norm(v);
    }
    return off == len ? 0 : -1;
}
