/*
 * attribution.c — who said it: the sources of a story, the outlets and
 * agency behind each summary sentence, and how much of each source is wire
 * copy.
 *
 * A sentence is carried by every article that has it word for word (the
 * unit's carriers) and by every article that has a near copy of it (same
 * content stems, Jaccard ≥ 0.7: an outlet that retouched a wire sentence
 * still carries it). It is wire copy when one of its carriers credits an
 * agency. A source's wire share is the part of its words in sentences that
 * it shares with an agency-credited article; a source credited to an agency
 * with no byline of its own is wire copy as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "digest.h"

#define NEAR_COPY 0.7

uint32_t dg_source_of(const dg_build *b, uint32_t art)
{
    return b->rank[art];
}

static bool credits_agency(const sl_article *a)
{
    return a->n_agencies > 0 && a->agencies[0] && *a->agencies[0];
}

static const char *join_agencies(sl_arena *ar, const sl_article *a)
{
    buf s;
    buf_init(&s);
    for (size_t i = 0; i < a->n_agencies; i++) {
        if (!a->agencies[i] || !*a->agencies[i])
            continue;
        if (s.len)
            buf_adds(&s, ", ");
        buf_adds(&s, a->agencies[i]);
    }
    const char *r = arena_strdup(ar, s.data ? s.data : "");
    buf_free(&s);
    return r;
}

/* ---- near copies: prefix filtering (Chaudhuri et al.) finds every pair of
 * units with stem Jaccard ≥ NEAR_COPY without comparing all pairs: two such
 * sets must share one of the first |x| - ceil(t·|x|) + 1 elements of each
 * set in a common order. The order is rarest stem first, so prefixes hold
 * rare stems and the lists of units sharing one stay short. Pairs are
 * verified, then joined into groups (union-find; each group also threaded
 * as a circular list). */

typedef struct pref {
    uint64_t stem;
    uint32_t unit;
} pref;

static int cmp_pref(const void *x, const void *y)
{
    const pref *a = x, *b = y;
    if (a->stem != b->stem)
        return a->stem < b->stem ? -1 : 1;
    return (a->unit > b->unit) - (a->unit < b->unit);
}

/* Rarest first (ties by hash): the global order of the prefixes. */
static int cmp_rare(const void *x, const void *y, void *arg)
{
    const dg_map *m = arg; /* stem → number of units having it */
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    uint32_t fa = m->val[dg_map_slot(m, a)], fb = m->val[dg_map_slot(m, b)];
    if (fa != fb)
        return fa < fb ? -1 : 1;
    return (a > b) - (a < b);
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_join(dg_build *b, uint32_t *parent, uint32_t x, uint32_t y)
{
    uint32_t rx = uf_find(parent, x), ry = uf_find(parent, y);
    if (rx == ry)
        return;
    parent[ry] = rx;
    uint32_t t = b->near_next[x]; /* splice the two cycles into one */
    b->near_next[x] = b->near_next[y];
    b->near_next[y] = t;
}

static bool near_pair(const dg_unit *x, const dg_unit *y)
{
    if (x->n_stems < 4 || y->n_stems < 4)
        return false;
    uint32_t lo = x->n_stems < y->n_stems ? x->n_stems : y->n_stems;
    uint32_t hi = x->n_stems + y->n_stems - lo;
    if ((double)lo / hi < NEAR_COPY)
        return false;
    return dg_jaccard(x, y) >= NEAR_COPY;
}

static uint32_t prefix_len(uint32_t n)
{
    return n - (uint32_t)(NEAR_COPY * n + 0.999) + 1;
}

void dg_near_copies(dg_build *b)
{
    size_t nu = b->n_units, total = 0, np = 0;
    b->near_next = arena_alloc(b->tmp, (nu ? nu : 1) * sizeof *b->near_next);
    uint32_t *parent = arena_alloc(b->tmp, (nu ? nu : 1) * sizeof *parent);
    for (size_t u = 0; u < nu; u++) {
        b->near_next[u] = parent[u] = (uint32_t)u;
        total += b->units[u].n_stems;
    }
    dg_map m;
    dg_map_init(&m, b->tmp, total + 1);
    for (size_t u = 0; u < nu; u++) {
        const dg_unit *x = &b->units[u];
        for (uint32_t i = 0; i < x->n_stems; i++) {
            size_t sl = dg_map_slot(&m, x->stems[i]);
            m.key[sl] = x->stems[i];
            m.val[sl]++;
        }
        if (x->n_stems >= 4)
            np += prefix_len(x->n_stems);
    }
    pref *p = arena_alloc(b->tmp, (np ? np : 1) * sizeof *p);
    uint64_t *tmp = arena_alloc(b->tmp, 256 * sizeof *tmp);
    size_t tcap = 256, k = 0;
    for (size_t u = 0; u < nu; u++) {
        const dg_unit *x = &b->units[u];
        if (x->n_stems < 4)
            continue;
        if (x->n_stems > tcap) {
            tcap = x->n_stems;
            tmp = arena_alloc(b->tmp, tcap * sizeof *tmp);
        }
        memcpy(tmp, x->stems, x->n_stems * sizeof *tmp);
        qsort_r(tmp, x->n_stems, sizeof *tmp, cmp_rare, &m);
        uint32_t len = prefix_len(x->n_stems);
        for (uint32_t i = 0; i < len; i++)
            p[k++] = (pref){tmp[i], (uint32_t)u};
    }
    qsort(p, k, sizeof *p, cmp_pref);
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && p[j].stem == p[i].stem)
            j++;
        for (size_t x = i; x < j; x++)
            for (size_t y = x + 1; y < j; y++) {
                uint32_t ux = p[x].unit, uy = p[y].unit;
                if (uf_find(parent, ux) == uf_find(parent, uy))
                    continue;
                if (near_pair(&b->units[ux], &b->units[uy]))
                    uf_join(b, parent, ux, uy);
            }
        i = j;
    }
}

/* Marks in `has` (per article) every article carrying unit u or a near copy. */
static void carriers_of(const dg_build *b, uint32_t u, bool *has)
{
    uint32_t v = u;
    do {
        const dg_unit *y = &b->units[v];
        for (uint32_t c = 0; c < y->n_carriers; c++)
            has[y->carriers[c]] = true;
        v = b->near_next[v];
    } while (v != u);
}

/* For each unit, whether its near-copy group is wire copy shared between
 * articles: carried by two articles or more, one of them crediting an
 * agency. One pass over each group's carriers (stamp marks an article seen
 * in the group), so a story of thousands of articles is not read once per
 * sentence of each. */
static bool *wire_units(dg_build *b)
{
    size_t nu = b->n_units;
    bool *wire = arena_calloc(b->tmp, nu + 1, sizeof *wire);
    bool *done = arena_calloc(b->tmp, nu + 1, sizeof *done);
    uint32_t *stamp = arena_calloc(b->tmp, b->n_arts + 1, sizeof *stamp);
    for (size_t u0 = 0; u0 < nu; u0++) {
        if (done[u0])
            continue;
        uint32_t distinct = 0, agency = 0, v = (uint32_t)u0;
        do {
            const dg_unit *y = &b->units[v];
            for (uint32_t c = 0; c < y->n_carriers; c++) {
                uint32_t o = y->carriers[c];
                if (stamp[o] == u0 + 1)
                    continue;
                stamp[o] = (uint32_t)u0 + 1;
                distinct++;
                agency += credits_agency(b->arts[o]);
            }
            v = b->near_next[v];
        } while (v != u0);
        v = (uint32_t)u0;
        do {
            done[v] = true;
            wire[v] = distinct >= 2 && agency >= 1;
            v = b->near_next[v];
        } while (v != u0);
    }
    return wire;
}

void dg_sources(dg_build *b, sl_digest *d)
{
    d->n_sources = b->n_arts;
    d->sources = arena_calloc(d->arena, b->n_arts, sizeof *d->sources);
    bool *wire_unit = wire_units(b);
    for (size_t r = 0; r < b->n_arts; r++) {
        uint32_t ai = b->order[r];
        const sl_article *a = b->arts[ai];
        sl_digest_source *s = &d->sources[r];
        s->id = arena_strdup(d->arena, a->id);
        s->outlet = arena_strdup(d->arena, a->outlet);
        s->title = arena_strdup(d->arena, a->title);
        s->url = arena_strdup(d->arena, a->url);
        s->lang = arena_strdup(d->arena, a->lang);
        s->published = a->published;
        s->published_prec = a->published_prec;
        s->agency = join_agencies(d->arena, a);
        s->words = dg_count_words(a->text, a->text_len);
        if (credits_agency(a) && (!a->author || !*a->author)) {
            s->wire = 1.0f;
            continue;
        }
        /* words in sentences shared with an agency-credited article */
        uint32_t wire = 0, total = 0;
        for (uint32_t si = 0; si < a->n_sents; si++) {
            uint32_t u = b->art_units[ai][si];
            if (u == UINT32_MAX)
                continue;
            uint32_t w = b->units[u].words;
            total += w;
            if (wire_unit[u]) /* shared with another article, one crediting an agency */
                wire += w;
        }
        s->wire = total ? (float)wire / (float)total : 0.0f;
    }
}

void dg_attribute(dg_build *b, sl_digest *d, const uint32_t *sel, size_t n_sel)
{
    bool *has = arena_alloc(b->tmp, b->n_arts * sizeof *has);
    for (size_t i = 0; i < n_sel; i++) {
        memset(has, 0, b->n_arts * sizeof *has);
        carriers_of(b, sel[i], has);
        sl_digest_sentence *s = &d->summary[i];
        size_t k = 0;
        for (size_t o = 0; o < b->n_arts; o++)
            k += has[o];
        s->sources = arena_alloc(d->arena, (k ? k : 1) * sizeof *s->sources);
        s->n_sources = 0;
        const char *agency = "";
        int64_t first = SL_TIME_NONE;
        for (size_t r = 0; r < b->n_arts; r++) { /* by time */
            uint32_t ai = b->order[r];
            if (!has[ai])
                continue;
            s->sources[s->n_sources++] = (uint32_t)r;
            const sl_article *a = b->arts[ai];
            if (!*agency && credits_agency(a))
                agency = a->agencies[0];
            if (first == SL_TIME_NONE)
                first = a->published;
        }
        s->agency = arena_strdup(d->arena, agency);
        s->time = first;
    }
}
