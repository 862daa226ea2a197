/*
 * align.c — which passages two copies share, and which only one has.
 *
 * The idea is greedy string tiling (Wise 1993) over words: the longest run
 * of words common to both texts becomes a shared passage ("tile") and its
 * words are used up on both sides; then the next longest among what is
 * left, down to a minimum length (5 words, the shingle size: shorter
 * common runs are chance phrases such as "the president of the"). Tiles
 * need not be in the same order on both sides, so reordered paragraphs
 * come out as shared passages in a different order, and the words left
 * over are what only one side has: the trimmed tail, the added lead, the
 * outlet's boilerplate, the rewritten half of a sentence.
 *
 * Finding the maximal common runs: B's word 5-grams are hashed into a
 * table (chained by position); each position of A looks up its 5-gram and
 * extends every left-maximal hit to the right; positions of A inside a
 * match already found (of at least twice the minimum) are not seeds again,
 * so two copies of a long text cost one pass. For ordinary prose each
 * 5-gram occurs once, so the cost is linear. A text that repeats itself
 * hundreds of times would make it quadratic: at most 16 occurrences of a
 * 5-gram are followed and a work budget (16 steps a word) bounds the rest,
 * after which the passages found so far are kept and the result says it
 * was truncated. Unlike textbook GST, maximal matches are collected once
 * and then tiled longest first; a match that overlaps an earlier tile
 * contributes its unused stretches if they are still long enough. The
 * texts compared here are copies of each other, for which this gives the
 * same tiles.
 *
 * Words are the tokens' folded forms without punctuation (as shingles
 * are), so case, quotes and spacing changes are not differences.
 */
#include "align.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "grow.h"
#include "shingle.h"

typedef struct words {
    uint64_t *h;   /* word hashes */
    uint32_t *tok; /* token index of each word */
    int32_t *sent; /* sentence of each word, -1 if none */
    uint32_t n;
} words;

typedef struct match {
    uint32_t i, j, len;
} match;

static void words_of(sl_arena *ar, const sl_article *x, words *w)
{
    uint32_t n = 0;
    for (size_t t = 0; t < x->n_toks; t++)
        n += x->toks[t].kind != SL_TOK_PUNCT && x->toks[t].norm;
    w->n = n;
    w->h = arena_alloc(ar, (n + 1) * sizeof *w->h);
    w->tok = arena_alloc(ar, (n + 1) * sizeof *w->tok);
    w->sent = arena_alloc(ar, (n + 1) * sizeof *w->sent);
    size_t s = 0;
    n = 0;
    for (size_t t = 0; t < x->n_toks; t++) {
        const sl_token *k = &x->toks[t];
        if (k->kind == SL_TOK_PUNCT || !k->norm)
            continue;
        while (s < x->n_sents && x->sents[s].tok_end <= t)
            s++;
        w->h[n] = shingle_word_hash(k->norm, strlen(k->norm));
        w->tok[n] = (uint32_t)t;
        w->sent[n] = s < x->n_sents && x->sents[s].tok_first <= t ? (int32_t)s : -1;
        n++;
    }
}

static uint64_t gram(const uint64_t *w, unsigned len)
{
    uint64_t h = 0x51ed270b27c0a5f3ull;
    for (unsigned i = 0; i < len; i++) {
        h = (h ^ w[i]) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    return h ? h : 1;
}

/* B's grams: open-addressing table gram → first position, chained by next. */
typedef struct gram_index {
    uint64_t *key;
    int32_t *head, *next;
    size_t mask;
} gram_index;

static size_t gram_slot(const gram_index *g, uint64_t h)
{
    size_t i = (size_t)h & g->mask;
    while (g->key[i] && g->key[i] != h)
        i = (i + 1) & g->mask;
    return i;
}

static void gram_build(gram_index *g, const words *b, unsigned len)
{
    size_t cap = 16;
    while (cap < 2 * ((size_t)b->n + 1))
        cap *= 2;
    g->mask = cap - 1;
    g->key = grow_calloc(cap, sizeof *g->key);
    g->head = grow_calloc(cap, sizeof *g->head);
    g->next = grow_calloc((size_t)b->n + 1, sizeof *g->next);
    if (b->n < len)
        return;
    for (uint32_t j = b->n - len + 1; j-- > 0;) { /* backwards: chains ascend */
        uint64_t h = gram(b->h + j, len);
        size_t s = gram_slot(g, h);
        g->next[j] = g->key[s] ? g->head[s] : -1;
        g->key[s] = h;
        g->head[s] = (int32_t)j;
    }
}

static void gram_free(gram_index *g)
{
    free(g->key);
    free(g->head);
    free(g->next);
}

static int cmp_match(const void *x, const void *y)
{
    const match *a = x, *b = y;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

/* All left-maximal common runs of at least len words, within the budget. */
static match *find_matches(const words *a, const words *b, unsigned len, size_t *n_out,
                           bool *truncated)
{
    match *m = NULL;
    size_t n = 0, cap = 0;
    *n_out = 0;
    if (a->n < len || b->n < len)
        return NULL;
    gram_index g;
    gram_build(&g, b, len);
    uint64_t budget = 16 * ((uint64_t)a->n + b->n) + 100000, work = 0;
    uint32_t covered = 0; /* A's words [.., covered) lie in a match found already */
    for (uint32_t i = 0; i + len <= a->n && !*truncated; i++) {
        if (i < covered)
            continue;
        size_t s = gram_slot(&g, gram(a->h + i, len));
        if (!g.key[s])
            continue;
        unsigned visits = 0;
        for (int32_t jj = g.head[s]; jj >= 0 && visits < 16; jj = g.next[jj], visits++) {
            uint32_t j = (uint32_t)jj;
            if (++work > budget) {
                *truncated = true;
                break;
            }
            if (i > 0 && j > 0 && a->h[i - 1] == b->h[j - 1])
                continue; /* inside a longer run found from its start */
            if (memcmp(a->h + i, b->h + j, len * sizeof *a->h) != 0)
                continue;
            uint32_t l = len;
            while (i + l < a->n && j + l < b->n && a->h[i + l] == b->h[j + l])
                l++;
            work += l;
            grow_array(&m, &cap, n + 1, sizeof *m);
            m[n++] = (match){i, j, l};
            if (i + l > covered && l >= 2 * len)
                covered = i + l;
        }
    }
    gram_free(&g);
    *n_out = n;
    return m;
}

static align_passage passage(const sl_article *a, const words *wa, uint32_t ai, const sl_article *b,
                             const words *wb, uint32_t bj, uint32_t len)
{
    align_passage p = {0};
    p.words = len;
    p.a_word = ai;
    p.b_word = bj;
    if (a) {
        p.a_start = a->toks[wa->tok[ai]].start;
        p.a_end = a->toks[wa->tok[ai + len - 1]].end;
    }
    if (b) {
        p.b_start = b->toks[wb->tok[bj]].start;
        p.b_end = b->toks[wb->tok[bj + len - 1]].end;
    }
    return p;
}

static int cmp_by_a(const void *x, const void *y)
{
    const align_passage *a = x, *b = y;
    return (a->a_word > b->a_word) - (a->a_word < b->a_word);
}

/* Runs of words not in any tile, as passages of one side. */
static align_passage *leftovers(sl_arena *ar, const sl_article *x, const words *w,
                                const uint8_t *used, bool side_a, size_t *n_out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < w->n; i++)
        n += !used[i] && (i == 0 || used[i - 1]);
    align_passage *out = arena_alloc(ar, (n + 1) * sizeof *out);
    n = 0;
    for (uint32_t i = 0; i < w->n;) {
        if (used[i]) {
            i++;
            continue;
        }
        uint32_t s = i;
        while (i < w->n && !used[i])
            i++;
        out[n++] = side_a ? passage(x, w, s, NULL, NULL, 0, i - s)
                          : passage(NULL, NULL, 0, x, w, s, i - s);
    }
    *n_out = n;
    return out;
}

/* Status of each sentence of x and its main counterpart in the other. */
static align_sentence *sentences(sl_arena *ar, const sl_article *x, const words *w,
                                 const int32_t *other_word, const words *wo)
{
    align_sentence *s = arena_calloc(ar, x->n_sents + 1, sizeof *s);
    for (size_t k = 0; k < x->n_sents; k++)
        s[k].other = -1;
    /* words of a sentence are contiguous: tally counterparts per sentence */
    for (uint32_t i = 0; i < w->n;) {
        int32_t sent = w->sent[i];
        uint32_t e = i;
        while (e < w->n && w->sent[e] == sent)
            e++;
        if (sent >= 0) {
            align_sentence *o = &s[sent];
            int32_t cand[8];
            uint32_t cnt[8], nc = 0;
            for (uint32_t k = i; k < e; k++) {
                o->words++;
                if (other_word[k] < 0)
                    continue;
                o->shared++;
                int32_t c = wo->sent[other_word[k]];
                uint32_t q = 0;
                while (q < nc && cand[q] != c)
                    q++;
                if (q < nc)
                    cnt[q]++;
                else if (nc < 8 && c >= 0) {
                    cand[nc] = c;
                    cnt[nc++] = 1;
                }
            }
            uint32_t best_n = 0;
            for (uint32_t q = 0; q < nc; q++)
                if (cnt[q] > best_n) {
                    best_n = cnt[q];
                    o->other = cand[q];
                }
            o->status = o->shared == 0          ? ALIGN_ONLY
                        : o->shared == o->words ? ALIGN_SHARED
                                                : ALIGN_PARTIAL;
        }
        i = e;
    }
    return s;
}

void align_articles(sl_arena *ar, const sl_article *a, const sl_article *b, unsigned min_words,
                    align_result *out)
{
    memset(out, 0, sizeof *out);
    words wa, wb;
    words_of(ar, a, &wa);
    words_of(ar, b, &wb);
    out->words_a = wa.n;
    out->words_b = wb.n;
    unsigned len = min_words ? min_words : 5;
    uint32_t shorter = wa.n < wb.n ? wa.n : wb.n;
    if (shorter < len)
        len = shorter ? shorter : 1;

    size_t nm = 0;
    match *m = find_matches(&wa, &wb, len, &nm, &out->truncated);
    if (nm)
        qsort(m, nm, sizeof *m, cmp_match);

    uint8_t *used_a = arena_calloc(ar, wa.n + 1, 1), *used_b = arena_calloc(ar, wb.n + 1, 1);
    int32_t *a2b = arena_alloc(ar, (wa.n + 1) * sizeof *a2b);
    int32_t *b2a = arena_alloc(ar, (wb.n + 1) * sizeof *b2a);
    for (uint32_t i = 0; i < wa.n; i++)
        a2b[i] = -1;
    for (uint32_t j = 0; j < wb.n; j++)
        b2a[j] = -1;
    align_passage *tiles = NULL;
    size_t nt = 0, tcap = 0;
    for (size_t k = 0; k < nm; k++) {
        const match *x = &m[k];
        for (uint32_t o = 0; o < x->len;) {
            if (used_a[x->i + o] || used_b[x->j + o]) {
                o++;
                continue;
            }
            uint32_t s = o;
            while (o < x->len && !used_a[x->i + o] && !used_b[x->j + o])
                o++;
            if (o - s < len)
                continue;
            for (uint32_t q = s; q < o; q++) {
                used_a[x->i + q] = used_b[x->j + q] = 1;
                a2b[x->i + q] = (int32_t)(x->j + q);
                b2a[x->j + q] = (int32_t)(x->i + q);
            }
            grow_array(&tiles, &tcap, nt + 1, sizeof *tiles);
            tiles[nt++] = passage(a, &wa, x->i + s, b, &wb, x->j + s, o - s);
            out->shared_words += o - s;
        }
    }
    free(m);
    if (nt)
        qsort(tiles, nt, sizeof *tiles, cmp_by_a);
    out->shared = arena_alloc(ar, (nt + 1) * sizeof *out->shared);
    for (size_t k = 0; k < nt; k++) {
        out->shared[k] = tiles[k];
        out->shared[k].id = (uint32_t)k + 1;
    }
    out->n_shared = nt;
    free(tiles);
    out->only_a = leftovers(ar, a, &wa, used_a, true, &out->n_only_a);
    out->only_b = leftovers(ar, b, &wb, used_b, false, &out->n_only_b);
    out->sent_a = sentences(ar, a, &wa, a2b, &wb);
    out->sent_b = sentences(ar, b, &wb, b2a, &wa);
    out->n_sent_a = a->n_sents;
    out->n_sent_b = b->n_sents;
}

/* ------------------------------------------------------------------ rendering */

typedef struct segment {
    uint32_t start, end, id; /* id 0: the side's own passage */
} segment;

static int cmp_seg(const void *x, const void *y)
{
    const segment *a = x, *b = y;
    return (a->start > b->start) - (a->start < b->start);
}

static void add_indented(buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_addc(out, s[i]);
        if (s[i] == '\n') {
            while (i + 1 < n && s[i + 1] == '\n')
                i++;
            buf_adds(out, "     ");
        }
    }
}

void align_render(buf *out, const sl_article *x, const align_result *r, bool side_a,
                  const align_colors *colors)
{
    size_t n_own = side_a ? r->n_only_a : r->n_only_b;
    const align_passage *own = side_a ? r->only_a : r->only_b;
    size_t n = r->n_shared + n_own;
    segment *seg = grow_calloc(n + 1, sizeof *seg);
    for (size_t i = 0; i < r->n_shared; i++) {
        const align_passage *p = &r->shared[i];
        seg[i] = side_a ? (segment){p->a_start, p->a_end, p->id}
                        : (segment){p->b_start, p->b_end, p->id};
    }
    for (size_t i = 0; i < n_own; i++)
        seg[r->n_shared + i] = side_a ? (segment){own[i].a_start, own[i].a_end, 0}
                                      : (segment){own[i].b_start, own[i].b_end, 0};
    qsort(seg, n, sizeof *seg, cmp_seg);
    for (size_t i = 0; i < n; i++) {
        uint32_t end = i + 1 < n ? seg[i + 1].start : (uint32_t)x->text_len;
        while (end > seg[i].end && (x->text[end - 1] == ' ' || x->text[end - 1] == '\n'))
            end--;
        char mark[16];
        if (seg[i].id)
            snprintf(mark, sizeof mark, "[=%u]", seg[i].id);
        else
            snprintf(mark, sizeof mark, "[%s]", side_a ? "A" : "B");
        buf_printf(out, "%-5s", mark);
        if (colors)
            buf_adds(out, seg[i].id ? colors->shared : colors->own);
        add_indented(out, x->text + seg[i].start, end - seg[i].start);
        if (colors)
            buf_adds(out, colors->reset);
        buf_addc(out, '\n');
    }
    free(seg);
}

/* ------------------------------------------------------------------ direction */

static void duration(int64_t s, char *out, size_t n)
{
    if (s < 3600)
        snprintf(out, n, "%" PRId64 " min", s / 60);
    else if (s < 2 * 86400)
        snprintf(out, n, "%" PRId64 " h %02" PRId64 " min", s / 3600, s % 3600 / 60);
    else
        snprintf(out, n, "%" PRId64 " days", s / 86400);
}

/* Does outlet name (or contain) one of the agencies other credits? */
static bool outlet_is_credited(const sl_article *x, const sl_article *other)
{
    if (!x->outlet || !*x->outlet)
        return false;
    for (size_t i = 0; i < other->n_agencies; i++) {
        const char *ag = other->agencies[i];
        if (ag && strlen(ag) >= 2 && strcasestr(x->outlet, ag))
            return true;
    }
    return false;
}

static void add_reason(align_direction *d, const char *s)
{
    size_t l = strlen(d->reason);
    snprintf(d->reason + l, sizeof d->reason - l, "%s%s", l ? "; " : "", s);
}

void align_direction_guess(const sl_article *a, const sl_article *b, double a_in_b, double b_in_a,
                           align_direction *out)
{
    const sl_article *side[2] = {a, b};
    const char *name[2] = {"A", "B"};
    int score[2] = {0, 0};
    char tmp[160], dur[48];
    out->source = -1;
    out->reason[0] = 0;
    if (a->published != SL_TIME_NONE && b->published != SL_TIME_NONE) {
        int64_t d = b->published - a->published;
        int64_t ad = d < 0 ? -d : d;
        if (ad >= 60) {
            int early = d > 0 ? 0 : 1;
            score[early] += 2;
            duration(ad, dur, sizeof dur);
            snprintf(tmp, sizeof tmp, "%s was published %s earlier", name[early], dur);
            add_reason(out, tmp);
        }
    }
    for (int s = 0; s < 2; s++)
        if (outlet_is_credited(side[s], side[1 - s])) {
            score[s] += 2;
            snprintf(tmp, sizeof tmp, "%s's outlet is the agency %s credits", name[s], name[1 - s]);
            add_reason(out, tmp);
        }
    double in[2] = {a_in_b, b_in_a}; /* in[s]: share of side s inside the other */
    for (int s = 0; s < 2; s++)
        if (in[s] >= 0.9 && in[1 - s] < 0.9) {
            score[1 - s] += 1;
            snprintf(tmp, sizeof tmp, "%.0f%% of %s is inside %s, not the reverse (%s is cut)",
                     in[s] * 100, name[s], name[1 - s], name[s]);
            add_reason(out, tmp);
        }
    if (score[0] != score[1])
        out->source = score[0] > score[1] ? 0 : 1;
    else if (!out->reason[0])
        add_reason(out, "same time, no agency credit, neither text inside the other");
    else
        add_reason(out, "the signs disagree");
}
