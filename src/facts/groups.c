/*
 * groups.c — a story's figures grouped by what they count, and whether the
 * sources really disagree.
 *
 * Figures group by their unit key (figures.c: a concept such as @dead or
 * @evacuated, a percentage's subject, money by currency and magnitude).
 * Each figure stands for an interval of values, so that formatting and
 * rounding never count as disagreement but different statements do:
 *
 *   exact       v ± half the unit of its last digit  (1500 ± 0.5, 89.6 ± 0.05)
 *   about       v ± half its granularity, the place of its last non-zero
 *               digit (environ 1 400 → 1350–1450; about 70 → 65–75)
 *   nearly      [v − g/2, v]      (près de 90 % → 85–90)
 *   more than / at least   [v, v + g/2]
 *   less than / up to      [v − g/2, v]
 *
 * Two figures from different articles disagree when their intervals do not
 * overlap by a positive length: "1.500" = "1,500" = "1 500"; "environ
 * 1 400" ≠ "1.500"; "près de 90 %" = "89,6 %"; "plus de 60" = "une
 * soixantaine" ≠ "about 70"; "78.000" ≠ "77 500". A group where articles
 * state several values (198 seats, 52 seats, of 460) flags a pair only when
 * neither value has a match in the other article. Only groups that know
 * what they count are flagged: a concept (@dead, @evacuated...; not the
 * generic @people), a percentage, a sum of money. Groups keyed by a bare
 * noun or a measure ("trois saisons", "6,12 mètres") are listed but never
 * flagged: two such numbers are too often two different facts. A group
 * where no sources disagree is then split into groups of values that agree
 * (6,12 mètres = 6.12 metres, 1.2 metres apart; 198 seats, 52 seats): each
 * group shown is one fact. Ages and durations are not grouped, nor an
 * article's figures past its first FG_ART_FIGURES (values are compared
 * pairwise: a page of numbers must not cost their square).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"

/* Place value of the last non-zero digit of v written with precision p. */
static double granularity(double v, double p)
{
    double g = p > 0 ? p : 1;
    double a = fabs(v);
    if (a < g)
        return g;
    for (int i = 0; i < 15; i++) {
        double q = a / (g * 10);
        if (fabs(q - nearbyint(q)) > 1e-9)
            break;
        g *= 10;
    }
    return g;
}

static void interval(const sl_figure *f, double *lo, double *hi)
{
    double v = f->value, p = f->precision > 0 ? f->precision : 1;
    double g = granularity(v, p);
    switch (f->approx) {
    case SL_APPROX_ABOUT: *lo = v - g / 2, *hi = v + g / 2; break;
    case SL_APPROX_NEARLY: *lo = v - g / 2, *hi = v; break;
    case SL_APPROX_MORE:
    case SL_APPROX_AT_LEAST: *lo = v, *hi = v + g / 2; break;
    case SL_APPROX_LESS: *lo = v - g / 2, *hi = v; break;
    default: *lo = v - p / 2, *hi = v + p / 2; break;
    }
}

static bool overlap(const sl_figure_value *a, const sl_figure_value *b)
{
    double lo = a->lo > b->lo ? a->lo : b->lo;
    double hi = a->hi < b->hi ? a->hi : b->hi;
    return hi - lo > 1e-9 * (fabs(hi) + 1);
}

/* Does the group know what it counts well enough to flag disagreement? */
static bool flaggable(const char *key)
{
    if (key[0] == '%' || key[0] == '$')
        return true;
    return key[0] == '@' && strncmp(key, "@people", 7) != 0;
}

/* Does article art state a value compatible with v in the group? */
static bool matched_in(const sl_figure_group *g, const sl_figure_value *v, uint32_t art)
{
    for (size_t i = 0; i < g->n_values; i++)
        if (g->values[i].article == art && overlap(&g->values[i], v))
            return true;
    return false;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Number of distinct articles among g's values (sorted, not pairwise: a
 * story of thousands of articles). */
static uint32_t count_articles(const sl_figure_group *g)
{
    uint32_t *art = malloc((g->n_values + 1) * sizeof *art);
    if (!art)
        abort();
    for (size_t i = 0; i < g->n_values; i++)
        art[i] = g->values[i].article;
    qsort(art, g->n_values, sizeof *art, cmp_u32);
    uint32_t n = 0;
    for (size_t i = 0; i < g->n_values; i++)
        n += i == 0 || art[i] != art[i - 1];
    free(art);
    return n;
}

/* Sets g's min, max, number of articles and whether they disagree. */
static void group_measure(sl_figure_group *g)
{
    g->min = g->max = g->values[0].fig->value;
    g->n_articles = count_articles(g);
    g->disagree = false;
    for (size_t i = 0; i < g->n_values; i++) {
        const sl_figure_value *v = &g->values[i];
        double x = v->fig->value;
        if (x < g->min)
            g->min = x;
        if (x > g->max)
            g->max = x;
        for (size_t j = 0; j < i && !g->disagree && flaggable(g->key); j++)
            if (g->values[j].article != v->article && !overlap(&g->values[j], v) &&
                !matched_in(g, v, g->values[j].article) &&
                !matched_in(g, &g->values[j], v->article))
                g->disagree = true;
    }
}

static int cmp_groups(const void *x, const void *y)
{
    const sl_figure_group *a = x, *b = y;
    if (a->disagree != b->disagree)
        return a->disagree ? -1 : 1;
    if (a->n_articles != b->n_articles)
        return a->n_articles > b->n_articles ? -1 : 1;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return (a->min > b->min) - (a->min < b->min); /* groups split from one key */
}

/* Splits group gi, where no sources disagree (its values all have a match,
 * or it cannot tell: a measure, a bare noun), into groups of values that
 * agree: values whose intervals overlap, chained. A river's level (6,12
 * mètres = 6.12 metres) and a flooded floor's height (1.2 metres) are two
 * facts, not one figure; 198 seats, 52 seats and 460 seats three. A group
 * that disagrees stays whole: its values are the disagreement. The new
 * groups take the same key and go at groups[ng...]; returns the new count.
 * groups has room for one group per figure. */
static size_t split_group(sl_arena *a, sl_figure_group *groups, size_t gi, size_t ng)
{
    sl_figure_group *g = &groups[gi];
    size_t n = g->n_values;
    if (n < 2 || g->disagree)
        return ng;
    size_t *comp = malloc(n * sizeof *comp), *stack = malloc(n * sizeof *stack);
    size_t *next = malloc((n + 1) * sizeof *next); /* values not in a component yet, in order */
    if (!comp || !stack || !next)
        abort();
    for (size_t i = 0; i < n; i++)
        comp[i] = SIZE_MAX, next[i] = i + 1;
    size_t head = 0, nc = 0; /* n ends the list */
    while (head < n) {
        size_t top = 0;
        comp[head] = nc;
        stack[top++] = head;
        head = next[head];
        while (top) {
            size_t x = stack[--top];
            for (size_t y = head, prev = n; y < n; y = next[y]) {
                if (!overlap(&g->values[x], &g->values[y])) {
                    prev = y;
                    continue;
                }
                comp[y] = nc, stack[top++] = y;
                if (prev == n)
                    head = next[y];
                else
                    next[prev] = next[y];
            }
        }
        nc++;
    }
    free(next);
    sl_figure_value *all = g->values;
    size_t *size = calloc(nc + 1, sizeof *size); /* values of each component */
    if (!size)
        abort();
    for (size_t i = 0; i < n; i++)
        size[comp[i]]++;
    sl_figure_group *first = &groups[ng];
    for (size_t c = 0; c < nc; c++) {
        sl_figure_group *d = c == 0 ? g : &groups[ng++];
        d->values = arena_calloc(a, size[c] ? size[c] : 1, sizeof *d->values);
        d->n_values = 0;
        if (c > 0) {
            d->key = g->key;
            d->kind = g->kind;
        }
    }
    for (size_t i = 0; i < n; i++) { /* in order within each component */
        sl_figure_group *d = comp[i] == 0 ? g : &first[comp[i] - 1];
        d->values[d->n_values++] = all[i];
    }
    free(size);
    free(comp);
    free(stack);
    return ng;
}

/* The word of stem st as written in the sentence of one of the group's
 * figures, folded ("hospitalizations" for "hospit"), or NULL. */
static const char *word_of_stem(const sl_figure_group *g, const sl_article *const *arts,
                                size_t n_arts, const char *st)
{
    for (size_t i = 0; arts && i < g->n_values; i++) {
        const sl_figure_value *v = &g->values[i];
        const sl_article *art = v->article < n_arts ? arts[v->article] : NULL;
        if (!art || !v->fig || v->fig->sent >= art->n_sents)
            continue;
        const sl_sentence *se = &art->sents[v->fig->sent];
        const char *best = NULL;
        uint32_t bestd = UINT32_MAX;
        for (size_t k = se->tok_first; k < se->tok_end && k < art->n_toks; k++) {
            const sl_token *t = &art->toks[k];
            if (t->kind != SL_TOK_WORD || !t->stem || strcmp(t->stem, st))
                continue;
            uint32_t d = t->start >= v->fig->span.end     ? t->start - v->fig->span.end
                         : v->fig->span.start >= t->end ? v->fig->span.start - t->end
                                                          : 0;
            if (d < bestd)
                bestd = d, best = t->norm;
        }
        if (best)
            return best;
    }
    return NULL;
}

/* A readable label: "évacués", "percent votes", "percent hospitalizations",
 * "EUR". */
static const char *label_of(sl_arena *a, const sl_figure_group *g,
                            const sl_article *const *arts, size_t n_arts)
{
    const char *k = g->key;
    if (k[0] == '@') {
        const char *c = strchr(k, ':');
        return c ? arena_strndup(a, k + 1, (size_t)(c - k - 1)) : k + 1;
    }
    if (k[0] == '%') {
        if (k[1] == '@') { /* "%@people:1": the concept without its magnitude */
            const char *c = strchr(k, ':');
            return arena_printf(a, "percent %.*s", (int)(c ? (size_t)(c - k - 2) : strlen(k + 2)),
                                k + 2);
        }
        if (!k[1])
            return "percent";
        const char *w = word_of_stem(g, arts, n_arts, k + 1);
        return arena_printf(a, "percent %s", w ? w : k + 1);
    }
    if (k[0] == '$') {
        const char *c = strchr(k, ':');
        return c ? arena_strndup(a, k + 1, (size_t)(c - k - 1)) : k + 1;
    }
    const sl_figure *f = g->values[0].fig;
    return f->unit && *f->unit ? f->unit : k;
}

/* Figures of one article that are grouped, at most: a report states tens
 * (the longest page of the CL-TLS French set, a scraped archive, under
 * 2,000); past this (a table, a page of numbers) the rest is left out,
 * since a group compares its values pairwise. */
#define FG_ART_FIGURES 5000

/* Group of each unit key: open addressing over group indexes (+1; 0 is an
 * empty slot), sized for one group per figure at half load. */
typedef struct fg_keys {
    uint32_t *slot;
    size_t mask;
} fg_keys;

static uint64_t fg_hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of key: holding its group, or the empty slot where it goes. */
static uint32_t *fg_slot(const fg_keys *k, const sl_figure_group *groups, const char *key)
{
    size_t i = fg_hash(key) & k->mask;
    while (k->slot[i] && strcmp(groups[k->slot[i] - 1].key, key) != 0)
        i = (i + 1) & k->mask;
    return &k->slot[i];
}

sl_figure_groups *sl_figure_groups_build(sl_ctx *ctx, const sl_article *const *arts,
                                         const sl_facts *const *facts, size_t n)
{
    (void)ctx;
    sl_arena *a = arena_new();
    sl_figure_groups *out = arena_calloc(a, 1, sizeof *out);
    out->arena = a;
    size_t total = 0;
    for (size_t k = 0; k < n; k++)
        if (facts && facts[k])
            total += facts[k]->n_figures;
    if (total == 0)
        return out;
    sl_figure_group *groups = arena_calloc(a, total, sizeof *groups);
    size_t *caps = calloc(total, sizeof *caps);
    fg_keys keys = {NULL, 0};
    size_t cap = 16;
    while (cap < 2 * total + 2)
        cap *= 2;
    keys.slot = calloc(cap, sizeof *keys.slot);
    keys.mask = cap - 1;
    if (!caps || !keys.slot)
        abort();
    size_t ng = 0;
    for (size_t k = 0; k < n; k++) {
        const sl_facts *f = facts[k];
        if (!f)
            continue;
        for (size_t i = 0, taken = 0; i < f->n_figures && taken < FG_ART_FIGURES; i++) {
            const sl_figure *fig = &f->figures[i];
            if (!fig->unit_key || !*fig->unit_key || fig->kind == SL_FIG_AGE)
                continue;
            taken++;
            uint32_t *slot = fg_slot(&keys, groups, fig->unit_key);
            if (!*slot) {
                groups[ng].key = arena_strdup(a, fig->unit_key);
                groups[ng].kind = fig->kind;
                *slot = (uint32_t)++ng;
            }
            size_t gi = *slot - 1;
            sl_figure_group *g = &groups[gi];
            if (g->n_values == caps[gi]) {
                size_t nc = caps[gi] ? 2 * caps[gi] : 4;
                g->values = arena_grow(a, g->values, g->n_values, nc, sizeof *g->values);
                caps[gi] = nc;
            }
            sl_figure_value *v = &g->values[g->n_values++];
            v->article = (uint32_t)k;
            v->source = !arts || !arts[k] ? ""
                        : arena_strdup(a, arts[k]->outlet && *arts[k]->outlet ? arts[k]->outlet
                                                                              : arts[k]->id);
            v->fig = fig;
            interval(fig, &v->lo, &v->hi);
        }
    }
    free(caps);
    free(keys.slot);
    for (size_t gi = 0; gi < ng; gi++)
        group_measure(&groups[gi]);
    for (size_t gi = 0, n0 = ng; gi < n0; gi++) {
        size_t was = ng;
        ng = split_group(a, groups, gi, ng);
        if (ng != was)
            for (size_t k = gi; k < ng; k = k == gi ? was : k + 1)
                group_measure(&groups[k]);
    }
    for (size_t gi = 0; gi < ng; gi++)
        groups[gi].label = label_of(a, &groups[gi], arts, n);
    qsort(groups, ng, sizeof *groups, cmp_groups);
    out->groups = groups;
    out->n = ng;
    return out;
}

void sl_figure_groups_free(sl_figure_groups *g)
{
    if (g)
        arena_free(g->arena);
}
