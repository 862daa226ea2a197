/*
 * headline.c — a story's members as the headline rule (dg_title_choose,
 * src/digest/summary.c) sees them, kept small for million-article streams.
 *
 * The rule reads of a member: its title's content keys, its language and
 * time, whether the title is a question, and — to break ties — the order
 * of titles published at the same time (strcmp). So a member keeps no text:
 * the title's keys (shared by members with the same title and language, as
 * copies are), its first 8 bytes and a hash of the whole. Before the rule
 * runs, each title is given a short stand-in string that sorts among the
 * stand-ins of its time as the titles do (and ends in '?' for a question);
 * the rule then picks exactly what it would pick on the texts. Titles that
 * agree on 8 bytes but not on the hash are ordered by their stored text,
 * read through cluster_title_source; so is the title the rule picks, once
 * (s->head_is_title says the headline already is it).
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../digest/digest.h"
#include "../text/text.h"
#include "../util/arena.h"
#include "cluster.h"

_Static_assert(DG_TITLE_KEYS <= 255, "story_title.n_keys is a byte");

void cluster_title_source(cluster *cl, cluster_title_fn fn, void *arg, void (*free_arg)(void *))
{
    if (cl->title_free)
        cl->title_free(cl->title_arg);
    cl->title_fn = fn;
    cl->title_arg = arg;
    cl->title_free = free_arg;
}

void story_titles_clear(story *s)
{
    free(s->titles);
    free(s->title_keys);
    s->titles = NULL;
    s->title_keys = NULL;
    s->n_titles = s->cap_titles = s->n_tkeys = s->cap_tkeys = 0;
}

/* Index of language lang in cl->langs (0 for none or ""); a language past
 * the table's 255 counts as none. */
static uint8_t lang_index(cluster *cl, const char *lang)
{
    if (!lang || !*lang)
        return 0;
    for (uint32_t i = 1; i <= cl->n_langs; i++)
        if (!strcmp(cl->langs[i], lang))
            return (uint8_t)i;
    if (cl->n_langs == 255)
        return 0;
    char *d = strdup(lang);
    if (!d)
        abort();
    cl->langs[++cl->n_langs] = d;
    return (uint8_t)cl->n_langs;
}

static const char *lang_name(const cluster *cl, uint8_t i)
{
    return i ? cl->langs[i] : "";
}

/* ---- the order of titles */

/* A stored title through the source, or NULL. */
static char *stored_title(const cluster *cl, int64_t rid)
{
    return cl->title_fn ? cl->title_fn(cl->title_arg, rid) : NULL;
}

/* strcmp order of the titles of a and b (untitled: ""). */
static int title_cmp(const cluster *cl, const story_title *a, const story_title *b)
{
    if (a->head != b->head)
        return a->head < b->head ? -1 : 1;
    if (!(a->flags & ST_LONG) || a->hash == b->hash)
        return 0; /* the 8 bytes hold the whole title, or the same title */
    char *x = stored_title(cl, a->rid), *y = stored_title(cl, b->rid);
    int d = x && y ? strcmp(x, y) : 0;
    free(x);
    free(y);
    if (d)
        return d;
    return a->hash < b->hash ? -1 : a->hash > b->hash; /* unreadable: some fixed order */
}

typedef struct order_ctx {
    const cluster *cl;
    const story_title *t;
} order_ctx;

/* The rule's order of members: time, title, language. */
static int cmp_member(const void *x, const void *y, void *arg)
{
    const order_ctx *o = arg;
    const story_title *a = x, *b = y;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    int d = title_cmp(o->cl, a, b);
    return d ? d : strcmp(lang_name(o->cl, a->lang), lang_name(o->cl, b->lang));
}

/* Indexes into o->t ordered by time, then title. */
static int cmp_time_title_at(const void *x, const void *y, void *arg)
{
    const order_ctx *o = arg;
    const story_title *a = &o->t[*(const uint32_t *)x], *b = &o->t[*(const uint32_t *)y];
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return title_cmp(o->cl, a, b);
}

/* ---- keys */

static uint32_t keys_reserve(story *s, uint32_t n)
{
    if (s->n_tkeys + n > s->cap_tkeys) {
        uint32_t cap = s->cap_tkeys ? s->cap_tkeys : 16;
        while (cap < s->n_tkeys + n)
            cap *= 2;
        s->title_keys = sv_xrealloc(s->title_keys, cap * sizeof *s->title_keys);
        s->cap_tkeys = cap;
    }
    return s->n_tkeys;
}

/* Keeps the latest DG_TITLE_RECENT members: the rule reads no others, and a
 * member once out of them never comes back (later ones only add). The keys
 * of the members left are packed again. */
static void titles_prune(const cluster *cl, story *s)
{
    order_ctx o = {cl, s->titles};
    qsort_r(s->titles, s->n_titles, sizeof *s->titles, cmp_member, &o);
    uint32_t drop = s->n_titles - DG_TITLE_RECENT;
    memmove(s->titles, s->titles + drop, DG_TITLE_RECENT * sizeof *s->titles);
    s->n_titles = DG_TITLE_RECENT;
    uint64_t *old = s->title_keys;
    uint32_t *from = sv_xrealloc(NULL, s->n_titles * sizeof *from);
    s->title_keys = NULL;
    s->n_tkeys = s->cap_tkeys = 0;
    for (uint32_t i = 0; i < s->n_titles; i++) {
        story_title *t = &s->titles[i];
        from[i] = t->key_at;
        uint32_t j = 0;
        while (j < i && !(from[j] == t->key_at && s->titles[j].n_keys == t->n_keys))
            j++;
        if (j < i) { /* shared with an earlier member */
            t->key_at = s->titles[j].key_at;
            continue;
        }
        uint32_t at = keys_reserve(s, t->n_keys);
        if (t->n_keys)
            memcpy(s->title_keys + at, old + t->key_at, t->n_keys * sizeof *old);
        s->n_tkeys += t->n_keys;
        t->key_at = at;
    }
    free(from);
    free(old);
}

static uint64_t title_head(const char *title, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < 8; i++)
        h = h << 8 | (i < n ? (unsigned char)title[i] : 0);
    return h;
}

void cluster_title_add_tokens(cluster *cl, story *s, long long rid, const char *title,
                              const char *lang, int64_t time, const sl_token *toks, size_t nt)
{
    story_title m = {.rid = rid, .time = time, .lang = lang_index(cl, lang)};
    if (title && *title) {
        size_t n = strlen(title);
        m.head = title_head(title, n);
        m.hash = XXH3_64bits(title, n);
        m.hash += !m.hash;
        m.flags = ST_TITLED | (strchr(title, '?') ? ST_QUESTION : 0) | (n >= 8 ? ST_LONG : 0);
    }
    uint32_t j = s->n_titles;
    while (j > 0 && !(s->titles[j - 1].hash == m.hash && s->titles[j - 1].head == m.head &&
                      s->titles[j - 1].lang == m.lang))
        j--;
    if (j > 0) { /* the same title in the same language: the same keys */
        m.key_at = s->titles[j - 1].key_at;
        m.n_keys = s->titles[j - 1].n_keys;
    } else if (m.flags & ST_TITLED) {
        uint64_t keys[DG_TITLE_KEYS];
        uint32_t k;
        if (toks) {
            k = dg_token_keys(toks, nt, keys, DG_TITLE_KEYS);
        } else {
            k = dg_title_keys(cl->ctx, cl->scratch, lang, title, keys, DG_TITLE_KEYS);
            arena_reset(cl->scratch);
        }
        m.key_at = keys_reserve(s, k);
        if (k)
            memcpy(s->title_keys + m.key_at, keys, k * sizeof *keys);
        s->n_tkeys += k;
        m.n_keys = (uint8_t)k;
    }
    if (s->n_titles == s->cap_titles) {
        s->cap_titles = s->cap_titles ? s->cap_titles * 2 : 4;
        s->titles = sv_xrealloc(s->titles, s->cap_titles * sizeof *s->titles);
    }
    s->titles[s->n_titles++] = m;
    if (s->n_titles >= 2 * DG_TITLE_RECENT)
        titles_prune(cl, s);
}

void cluster_title_add(cluster *cl, story *s, long long rid, const char *title, const char *lang,
                       int64_t time)
{
    cluster_title_add_tokens(cl, s, rid, title, lang, time, NULL, 0);
}

void cluster_titles_take(cluster *cl, story *k, story *g)
{
    uint32_t base = keys_reserve(k, g->n_tkeys);
    if (g->n_tkeys)
        memcpy(k->title_keys + base, g->title_keys, g->n_tkeys * sizeof *g->title_keys);
    k->n_tkeys += g->n_tkeys;
    for (uint32_t i = 0; i < g->n_titles; i++) {
        if (k->n_titles == k->cap_titles) {
            k->cap_titles = k->cap_titles ? k->cap_titles * 2 : 4;
            k->titles = sv_xrealloc(k->titles, k->cap_titles * sizeof *k->titles);
        }
        story_title t = g->titles[i];
        t.key_at += base;
        k->titles[k->n_titles++] = t;
    }
    k->titles_partial |= g->titles_partial;
    story_titles_clear(g);
    if (k->n_titles >= 2 * DG_TITLE_RECENT)
        titles_prune(cl, k);
}

/* ---- the rule */

#define TAG_DIGITS 3 /* a rank in base 32: 32,768 titles of one time at most */
#define TAG_SIZE (TAG_DIGITS + 2)

/* Writes the stand-in of rank r into tag: TAG_DIGITS letters that sort as
 * r, then "?" for a question. */
static void tag_write(char *tag, uint32_t r, bool question)
{
    for (int d = TAG_DIGITS - 1; d >= 0; d--, r /= 32)
        tag[d] = (char)('A' + r % 32);
    tag[TAG_DIGITS] = question ? '?' : 0;
    tag[TAG_DIGITS + 1] = 0;
}

bool cluster_headline_refresh(cluster *cl, story *s)
{
    uint32_t n = s->n_titles;
    if (!n)
        return false;
    uint32_t *ord = sv_xrealloc(NULL, n * sizeof *ord);
    char *tags = sv_xrealloc(NULL, (size_t)n * TAG_SIZE);
    dg_title_cand *c = sv_xrealloc(NULL, n * sizeof *c);
    for (uint32_t i = 0; i < n; i++)
        ord[i] = i;
    order_ctx o = {cl, s->titles};
    qsort_r(ord, n, sizeof *ord, cmp_time_title_at, &o);
    uint32_t rank = 0;
    for (uint32_t k = 0; k < n; k++) {
        const story_title *t = &s->titles[ord[k]], *p = k ? &s->titles[ord[k - 1]] : NULL;
        if (!p || p->time != t->time)
            rank = 0;
        else if (title_cmp(cl, p, t) != 0)
            rank++;
        tag_write(tags + (size_t)ord[k] * TAG_SIZE, rank, t->flags & ST_QUESTION);
    }
    for (uint32_t i = 0; i < n; i++) {
        const story_title *t = &s->titles[i];
        c[i] = (dg_title_cand){.title = t->flags & ST_TITLED ? tags + (size_t)i * TAG_SIZE : "",
                               .keys = t->n_keys ? s->title_keys + t->key_at : NULL,
                               .n_keys = t->n_keys,
                               .lang = t->lang ? cl->langs[t->lang] : NULL,
                               .time = t->time};
    }
    long w = dg_title_choose(c, n);
    free(c);
    free(tags);
    free(ord);
    if (w < 0)
        return false;
    const story_title *t = &s->titles[w];
    if (!(s->headline && s->head_is_title && s->head_rid == t->rid)) {
        char *h = stored_title(cl, t->rid);
        if (!h)
            return false;
        free(s->headline);
        s->headline = h;
        s->head_is_title = true;
    }
    s->head_rid = t->rid;
    return true;
}
