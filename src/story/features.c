/*
 * features.c — article → three TF-IDF sub-vectors.
 *
 * One pass over the tokens fills a small open-addressing table of
 * (term, space) → weighted count, where a token's count is its sentence's
 * position weight. Term weights are then ln(1 + tf) × idf, each space keeps
 * its heaviest terms and is scaled to unit length. Nothing here allocates
 * once the scratch buffers have grown to the largest article seen.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../text/text.h"
#include "../util/arena.h"
#include "features.h"

#define MIN_NUMBER 10 /* smaller numbers say nothing about an event */

void feat_init(feat *f)
{
    memset(f, 0, sizeof *f);
    f->arena = arena_new();
}

void feat_free(feat *f)
{
    free(f->keys);
    free(f->tf);
    free(f->space);
    free(f->used);
    free(f->caps);
    free(f->initial);
    free(f->weight);
    free(f->tmp);
    free(f->place_from);
    free(f->place_to);
    arena_free(f->arena);
    memset(f, 0, sizeof *f);
}

void art_vec_free(art_vec *v)
{
    for (int i = 0; i < SP__COUNT; i++)
        sv_free(&v->v[i]);
}

static uint64_t space_seed(int space, const char *lang)
{
    uint64_t s = (uint64_t)(space + 1) * 0x9E3779B97F4A7C15ull;
    if (space != SP_ENT && lang)
        for (int i = 0; i < 3 && lang[i]; i++)
            s ^= (uint64_t)(unsigned char)lang[i] << (8 * i + 8);
    return s;
}

uint64_t feat_key(int space, const char *lang, const char *s, size_t n)
{
    uint64_t k = XXH3_64bits_withSeed(s, n, space_seed(space, lang));
    return k ? k : 1;
}

/* Key of two adjacent names read as one ("boris" "yeltsin"). */
static uint64_t pair_key(uint64_t a, uint64_t b)
{
    uint64_t k = (a ^ (b << 17 | b >> 47)) * 0xC2B2AE3D27D4EB4Full;
    k ^= k >> 31;
    return k ? k : 1;
}

/* ---- names of places, keyed by the place */

#define PLACE_CACHE 8192 /* slots of the name → place cache, emptied when half full */

/* The key of a name as a place: a country, or a place of at least
 * prm->place_pop inhabitants, is keyed by its gazetteer name, so that
 * "Pologne", "Polen" and "Poland" (or "Varsovie" and "Warsaw") give one
 * term in every language. Other names keep their key k. Lookups are cached
 * per clusterer: the gazetteer is asked once per distinct name. */
static uint64_t place_key(feat *f, sl_ctx *ctx, const story_params *prm, const char *norm,
                          uint64_t k)
{
    if (prm->place_pop < 0)
        return k;
    if (!f->place_from) {
        f->place_from = calloc(PLACE_CACHE, sizeof *f->place_from);
        f->place_to = sv_xrealloc(NULL, PLACE_CACHE * sizeof *f->place_to);
        if (!f->place_from)
            abort();
    }
    uint32_t mask = PLACE_CACHE - 1, i = (uint32_t)(k ^ (k >> 29)) & mask;
    while (f->place_from[i] && f->place_from[i] != k)
        i = (i + 1) & mask;
    if (f->place_from[i])
        return f->place_to[i];
    uint64_t out = k;
    sl_place p;
    if (sl_place_lookup(ctx, norm, NULL, 0, &p) && p.name &&
        (p.is_country || p.population >= prm->place_pop)) {
        char buf[256];
        int len = snprintf(buf, sizeof buf, "@%s", p.name);
        if (len > 0 && (size_t)len < sizeof buf)
            out = feat_key(SP_ENT, NULL, buf, (size_t)len);
    }
    if (f->place_n + 1 > PLACE_CACHE / 2) {
        memset(f->place_from, 0, PLACE_CACHE * sizeof *f->place_from);
        f->place_n = 0;
        i = (uint32_t)(k ^ (k >> 29)) & mask;
    }
    f->place_from[i] = k;
    f->place_to[i] = out;
    f->place_n++;
    return out;
}

/* ---- the per-article table */

static void table_reset(feat *f, size_t need)
{
    uint32_t cap = f->cap ? f->cap : 1024;
    while (cap < need * 2)
        cap *= 2;
    if (cap != f->cap) {
        free(f->keys);
        free(f->tf);
        free(f->space);
        free(f->used);
        f->keys = calloc(cap, sizeof *f->keys);
        f->tf = sv_xrealloc(NULL, cap * sizeof *f->tf);
        f->space = sv_xrealloc(NULL, cap);
        f->used = sv_xrealloc(NULL, cap * sizeof *f->used);
        if (!f->keys)
            abort();
        f->cap = cap;
    } else {
        for (uint32_t i = 0; i < f->n_used; i++)
            f->keys[f->used[i]] = 0;
    }
    f->n_used = 0;
}

/* Adds w to (key, space); keys differ per space by construction (seeded). */
static void table_add(feat *f, uint64_t key, int space, float w)
{
    uint32_t mask = f->cap - 1, i = (uint32_t)(key ^ (key >> 32)) & mask;
    while (f->keys[i] && f->keys[i] != key)
        i = (i + 1) & mask;
    if (!f->keys[i]) {
        if ((f->n_used + 1) * 2 > f->cap)
            return; /* full: the table was sized for the article, cannot happen */
        f->keys[i] = key;
        f->tf[i] = 0;
        f->space[i] = (uint8_t)space;
        f->used[f->n_used++] = i;
    }
    f->tf[i] += w;
}

/* ---- the set of names capitalised inside sentences */

static void caps_reset(feat *f, size_t need)
{
    uint32_t cap = f->caps_cap ? f->caps_cap : 256;
    while (cap < need * 2 + 2)
        cap *= 2;
    if (cap != f->caps_cap) {
        free(f->caps);
        f->caps = calloc(cap, sizeof *f->caps);
        if (!f->caps)
            abort();
        f->caps_cap = cap;
    } else {
        memset(f->caps, 0, cap * sizeof *f->caps);
    }
    f->n_caps = 0;
}

static bool caps_has(const feat *f, uint64_t k, bool add, feat *fw)
{
    uint32_t mask = f->caps_cap - 1, i = (uint32_t)k & mask;
    while (f->caps[i] && f->caps[i] != k)
        i = (i + 1) & mask;
    if (f->caps[i])
        return true;
    if (add && (fw->n_caps + 1) * 2 <= fw->caps_cap) {
        fw->caps[i] = k;
        fw->n_caps++;
    }
    return false;
}

/* ---- token roles */

static bool is_opener(const char *norm)
{
    static const char *const opens[] = {":", "\"", "\xC2\xAB", "\xE2\x80\x9C", "\xE2\x80\x9E",
                                        "\xE2\x80\x98", "\xC2\xBF", "\xC2\xA1", "...", "(",
                                        "\xE2\x80\xB9", "\xE2\x80\x9A"};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++)
        if (!strcmp(norm, opens[i]))
            return true;
    return false;
}

static bool is_closer(const char *norm)
{
    return !strcmp(norm, "\"") || !strcmp(norm, "'") || !strcmp(norm, ")") ||
           !strcmp(norm, "]") || !strcmp(norm, "\xC2\xBB") || !strcmp(norm, "\xE2\x80\x9D") ||
           !strcmp(norm, "\xE2\x80\xBA");
}

static bool is_terminal(const char *norm)
{
    return !strcmp(norm, ".") || !strcmp(norm, "!") || !strcmp(norm, "?") ||
           !strcmp(norm, "...") || !strcmp(norm, "\xE3\x80\x82");
}

/* Does sentence s end like prose (., !, ? possibly inside quotes)? */
static bool ends_as_prose(const sl_article *a, const sl_sentence *s)
{
    for (uint32_t i = s->tok_end; i > s->tok_first; i--) {
        const sl_token *t = &a->toks[i - 1];
        if (t->kind != SL_TOK_PUNCT)
            return false;
        if (is_terminal(t->norm))
            return true;
        if (!is_closer(t->norm))
            return false;
    }
    return false;
}

/* Fills f->weight and f->initial for a's tokens. */
static void token_roles(feat *f, const story_params *prm, const sl_article *a)
{
    size_t n = a->n_toks;
    if (n > f->tok_cap) {
        f->initial = sv_xrealloc(f->initial, n);
        f->weight = sv_xrealloc(f->weight, n * sizeof *f->weight);
        f->tok_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        f->weight[i] = 1;
        f->initial[i] = i == 0;
    }
    for (size_t k = 0; k < a->n_sents; k++) {
        const sl_sentence *s = &a->sents[k];
        if (s->tok_first >= s->tok_end || s->tok_end > n)
            continue;
        float w = (float)(1 + prm->lead_boost / (1 + (double)k));
        if (!ends_as_prose(a, s))
            w *= (float)prm->list_penalty;
        for (uint32_t i = s->tok_first; i < s->tok_end; i++)
            f->weight[i] = w;
        f->initial[s->tok_first] = 1;
    }
    for (size_t i = 1; i < n; i++)
        if (a->toks[i - 1].kind == SL_TOK_PUNCT && is_opener(a->toks[i - 1].norm))
            f->initial[i] = 1;
}

static bool name_like(const sl_token *t)
{
    return t->kind == SL_TOK_WORD && (t->flags & (SL_TOKF_CAP | SL_TOKF_ALLCAPS)) &&
           !(t->flags & (SL_TOKF_STOP | SL_TOKF_ELIDED)) && t->norm && t->norm[0] &&
           t->norm[1];
}

/* Tokens inside date mentions ("Tuesday", "le 24 octobre") are no names:
 * marks them with bit 2 of f->initial. */
static void mark_dates(feat *f, const sl_article *a)
{
    size_t d = 0;
    for (size_t i = 0; i < a->n_toks && d < a->n_dates; i++) {
        const sl_token *t = &a->toks[i];
        while (d < a->n_dates && a->dates[d].end <= t->start)
            d++;
        if (d < a->n_dates && t->start >= a->dates[d].start && t->end <= a->dates[d].end)
            f->initial[i] |= 2;
    }
}

static void add_text_terms(feat *f, sl_ctx *ctx, const story_params *prm, const sl_article *a)
{
    const char *lang = a->lang;
    mark_dates(f, a);
    caps_reset(f, a->n_toks);
    for (size_t i = 0; i < a->n_toks; i++) {
        const sl_token *t = &a->toks[i];
        if (name_like(t) && !(f->initial[i] & 3))
            caps_has(f, feat_key(SP_ENT, NULL, t->norm, strlen(t->norm)), true, f);
    }
    uint64_t prev_name = 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < a->n_toks; i++) {
        const sl_token *t = &a->toks[i];
        float w = f->weight[i];
        uint64_t name = 0;
        if (t->kind == SL_TOK_WORD) {
            if (!(t->flags & (SL_TOKF_STOP | SL_TOKF_ELIDED)) && t->stem && t->stem[0] &&
                t->stem[1])
                table_add(f, feat_key(SP_TEXT, lang, t->stem, strlen(t->stem)), SP_TEXT, w);
            if (name_like(t) && !(f->initial[i] & 2)) {
                uint64_t k = feat_key(SP_ENT, NULL, t->norm, strlen(t->norm));
                if ((t->flags & SL_TOKF_ALLCAPS) || !(f->initial[i] & 1) ||
                    caps_has(f, k, false, f))
                    name = place_key(f, ctx, prm, t->norm, k);
            }
        } else if ((t->kind == SL_TOK_NUMBER || t->kind == SL_TOK_PERCENT) &&
                   fabs(t->value) >= MIN_NUMBER && isfinite(t->value)) {
            char num[40];
            int len = snprintf(num, sizeof num, "#%.6g%s", t->value,
                               t->kind == SL_TOK_PERCENT && !prm->num_fold ? "%" : "");
            table_add(f, feat_key(SP_ENT, NULL, num, (size_t)len), SP_ENT, w * 0.5f);
        }
        if (name) {
            table_add(f, name, SP_ENT, w);
            if (prev_name && t->start <= prev_end + 1)
                table_add(f, pair_key(prev_name, name), SP_ENT, w);
        }
        prev_name = name;
        prev_end = t->end;
    }
}

/* Length of the title without a trailing " | Outlet" or " - Outlet". Not
 * title_tidy's job (src/extract/title.c cuts only the article's own site,
 * by name): copies carry the name of the site they were taken from, which
 * must not make their title terms differ from the original's. */
static size_t title_core(const sl_article *a)
{
    const char *t = a->title;
    size_t n = strlen(t);
    for (size_t i = n; i >= 3; i--) {
        if ((t[i - 2] == '|' || t[i - 2] == '-') && t[i - 3] == ' ' && t[i - 1] == ' ') {
            if (n - i <= 48 && i - 3 >= 8)
                return i - 3;
            break;
        }
    }
    return n;
}

/* The title's stems, from the tokens of the whole title (kept for the
 * headline rule's keys: one tokenization of the title per article) but
 * only those before a trailing " | Outlet" (title_core). */
static void add_title_terms(feat *f, sl_ctx *ctx, const story_params *prm, const sl_article *a)
{
    f->title_toks = NULL;
    f->n_title_toks = 0;
    f->title_src = NULL;
    if (!a->title || !*a->title)
        return;
    arena_reset(f->arena);
    sl_token *toks;
    size_t n = tokenize(ctx, f->arena, a->lang, a->title, strlen(a->title), &toks);
    f->title_toks = toks;
    f->n_title_toks = n;
    f->title_src = a->title;
    size_t core = title_core(a);
    float lead = (float)(1 + prm->lead_boost);
    for (size_t i = 0; i < n; i++) {
        const sl_token *t = &toks[i];
        if (t->end > core)
            break;
        if (t->kind != SL_TOK_WORD || (t->flags & (SL_TOKF_STOP | SL_TOKF_ELIDED)) || !t->stem ||
            !t->stem[0] || !t->stem[1])
            continue;
        size_t len = strlen(t->stem);
        table_add(f, feat_key(SP_TITLE, a->lang, t->stem, len), SP_TITLE, 1);
        table_add(f, feat_key(SP_TEXT, a->lang, t->stem, len), SP_TEXT, lead);
    }
}

const sl_token *feat_title_tokens(const feat *f, const char *title, size_t *n)
{
    if (!title || title != f->title_src) {
        *n = 0;
        return NULL;
    }
    *n = f->n_title_toks;
    return f->title_toks;
}

void feat_article(feat *f, sl_ctx *ctx, terms *df, const story_params *prm, const sl_article *a,
                  bool count, art_vec *out)
{
    size_t title_len = a->title ? strlen(a->title) : 0;
    table_reset(f, a->n_toks * 3 + title_len * 2 + 16);
    token_roles(f, prm, a);
    add_text_terms(f, ctx, prm, a);
    add_title_terms(f, ctx, prm, a);

    out->lang = terms_lang(df, a->lang);
    out->n_terms = f->n_used;
    if (count && f->n_used) {
        terms_count_doc(df, out->lang);
        for (uint32_t i = 0; i < f->n_used; i++)
            terms_inc(df, f->keys[f->used[i]]);
    }
    uint64_t n_lang = df->n_lang[out->lang], n_all = df->n_total;
    for (int s = 0; s < SP__COUNT; s++) {
        sv_reserve(&out->v[s], f->n_used);
        out->v[s].n = 0;
    }
    for (uint32_t i = 0; i < f->n_used; i++) {
        uint32_t slot = f->used[i];
        int s = f->space[slot];
        uint64_t key = f->keys[slot];
        double idf = terms_idf(s == SP_ENT ? n_all : n_lang, terms_df(df, key), prm->idf_add);
        float w = (float)(log1p(f->tf[slot]) * idf);
        uint16_t lang = s == SP_ENT ? 0 : (uint16_t)(out->lang + 1);
        if (w > 0)
            out->v[s].e[out->v[s].n++] = (sv_entry){key, w, lang};
    }
    const int keep[SP__COUNT] = {prm->art_text, prm->art_ent, prm->art_title};
    for (int s = 0; s < SP__COUNT; s++) {
        svec *v = &out->v[s];
        v->n = sv_sort_terms(v->e, v->n);
        sv_truncate(v, (uint32_t)keep[s]);
        sv_normalize(v);
    }
}
