/*
 * reload.c — stored row → sl_article with tokens and sentences, by running
 * the tokenizer and the sentence splitter again on the stored clean text.
 */
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "../util/arena.h"
#include "reload.h"

static const char *col_str(sl_arena *ar, sqlite3_stmt *q, int i)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    return arena_strndup(ar, s ? s : "", s ? (size_t)sqlite3_column_bytes(q, i) : 0);
}

/* "[[0,120],[122,300]]" → spans (bounded by len); malformed parts end it. */
static size_t parse_paras(sl_arena *ar, const char *s, size_t len, sl_span **out)
{
    size_t cap = 8, n = 0;
    sl_span *v = arena_alloc(ar, cap * sizeof *v);
    const char *p = s ? strchr(s, '[') : NULL;
    while (p) {
        p = strchr(p + 1, '[');
        if (!p)
            break;
        char *end;
        unsigned long a = strtoul(p + 1, &end, 10);
        if (*end != ',')
            break;
        unsigned long b = strtoul(end + 1, &end, 10);
        if (*end != ']' || a > b || b > len)
            break;
        if (n == cap) {
            v = arena_grow(ar, v, n, cap * 2, sizeof *v);
            cap *= 2;
        }
        v[n++] = (sl_span){(uint32_t)a, (uint32_t)b};
        p = end;
    }
    if (n == 0 && len) { /* no spans: the whole text is one paragraph */
        v[0] = (sl_span){0, (uint32_t)len};
        n = 1;
    }
    *out = v;
    return n;
}

sl_article *story_reload(sl_ctx *ctx, sqlite3_stmt *q, long long *rid, long long *group)
{
    sl_arena *ar = arena_new();
    sl_article *a = arena_calloc(ar, 1, sizeof *a);
    a->arena = ar;
    *rid = sqlite3_column_int64(q, 0);
    a->id = col_str(ar, q, 1);
    a->title = col_str(ar, q, 2);
    a->lang = col_str(ar, q, 3);
    a->outlet = col_str(ar, q, 4);
    a->url = a->author = "";
    a->text = col_str(ar, q, 5);
    a->text_len = strlen(a->text);
    a->n_paras = parse_paras(ar, (const char *)sqlite3_column_text(q, 6), a->text_len, &a->paras);
    a->published = sqlite3_column_type(q, 7) == SQLITE_NULL ? SL_TIME_NONE
                                                             : sqlite3_column_int64(q, 7);
    a->published_prec = (uint8_t)sqlite3_column_int(q, 8);
    a->date_source = (uint8_t)sqlite3_column_int(q, 9);
    *group = sqlite3_column_int64(q, 10);
    a->origin = a->format = "";
    a->n_toks = tokenize(ctx, ar, a->lang, a->text, a->text_len, &a->toks);
    a->n_sents = sentence_split(ar, a->lang, a->text, a->text_len, a->paras, a->n_paras, a->toks,
                                a->n_toks, &a->sents);
    return a;
}
