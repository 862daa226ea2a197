/*
 * load.c — a stored article back as an sl_article. The store keeps what
 * analysis found about the text (paragraphs, sentences as byte spans) but
 * not the tokens: they are recomputed from the clean text with the same
 * tokenizer, which is deterministic, and sentences get their token ranges
 * back from their byte spans.
 */
#include "load.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "../util/arena.h"

static const char *col_dup(sl_arena *a, sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    return arena_strndup(a, s ? (const char *)s : "", s ? (size_t)sqlite3_column_bytes(q, i) : 0);
}

static json_t *col_json(sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    json_t *j = s ? json_loads((const char *)s, 0, NULL) : NULL;
    return json_is_array(j) ? j : (json_decref(j), json_array());
}

static uint32_t jget(json_t *arr, size_t i)
{
    json_int_t v = json_integer_value(json_array_get(arr, i));
    return v < 0 ? 0 : (uint32_t)v;
}

/* First token starting at or after byte off. */
static uint32_t tok_at(const sl_article *x, uint32_t off)
{
    size_t lo = 0, hi = x->n_toks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

static void load_spans(sl_article *x, json_t *paras, json_t *sents)
{
    sl_arena *a = x->arena;
    size_t np = json_array_size(paras), ns = json_array_size(sents);
    x->paras = arena_calloc(a, np + 1, sizeof *x->paras);
    for (size_t i = 0; i < np; i++) {
        json_t *p = json_array_get(paras, i);
        uint32_t s = jget(p, 0), e = jget(p, 1);
        if (s <= e && e <= x->text_len)
            x->paras[x->n_paras++] = (sl_span){s, e};
    }
    x->sents = arena_calloc(a, ns + 1, sizeof *x->sents);
    for (size_t i = 0; i < ns; i++) {
        json_t *p = json_array_get(sents, i);
        sl_sentence s = {jget(p, 0), jget(p, 1), jget(p, 2), 0, 0};
        if (s.start > s.end || s.end > x->text_len)
            continue;
        s.tok_first = tok_at(x, s.start);
        s.tok_end = tok_at(x, s.end);
        x->sents[x->n_sents++] = s;
    }
}

static void load_agencies(sl_article *x, json_t *ag)
{
    size_t n = json_array_size(ag);
    x->agencies = arena_calloc(x->arena, n + 1, sizeof *x->agencies);
    for (size_t i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(ag, i));
        if (s)
            x->agencies[x->n_agencies++] = arena_strdup(x->arena, s);
    }
}

sl_article *load_article(sl_ctx *ctx, sl_store *st, const char *id, long long rid,
                         long long *rid_out)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st),
                           "SELECT rid, id, outlet, url, title, lang, published, published_prec,"
                           " agencies, text, paras, sents, hash FROM articles"
                           " WHERE (?1 IS NOT NULL AND id = ?1) OR (?1 IS NULL AND rid = ?2)",
                           -1, &q, NULL) != SQLITE_OK)
        return NULL;
    if (id)
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, rid);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        return NULL;
    }
    sl_arena *a = arena_new();
    sl_article *x = arena_calloc(a, 1, sizeof *x);
    x->arena = a;
    if (rid_out)
        *rid_out = sqlite3_column_int64(q, 0);
    x->id = col_dup(a, q, 1);
    x->outlet = col_dup(a, q, 2);
    x->url = col_dup(a, q, 3);
    x->title = col_dup(a, q, 4);
    x->lang = col_dup(a, q, 5);
    x->author = "";
    x->origin = "";
    x->format = "";
    x->published =
        sqlite3_column_type(q, 6) == SQLITE_NULL ? SL_TIME_NONE : sqlite3_column_int64(q, 6);
    x->published_prec = (uint8_t)sqlite3_column_int(q, 7);
    x->text = col_dup(a, q, 9);
    x->text_len = (size_t)sqlite3_column_bytes(q, 9);
    const char *hex = (const char *)sqlite3_column_text(q, 12);
    x->hash = hex ? strtoull(hex, NULL, 16) : 0;
    x->n_toks = tokenize(ctx, a, x->lang, x->text, x->text_len, &x->toks);
    json_t *ag = col_json(q, 8), *paras = col_json(q, 10), *sents = col_json(q, 11);
    load_agencies(x, ag);
    load_spans(x, paras, sents);
    json_decref(ag);
    json_decref(paras);
    json_decref(sents);
    sqlite3_finalize(q);
    return x;
}
