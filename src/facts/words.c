/*
 * words.c — fast membership of folded words in the facts modules' word
 * lists (titles, organisation words, verbs, concepts...).
 *
 * Each module describes its lists once (a NULL-terminated array of
 * NULL-terminated word arrays, copied); the first lookup builds, in the context, an
 * open-addressing hash table mapping a word to the bit set of the lists
 * holding it. A lookup is then one hash and one compare instead of a scan
 * of a few hundred strings. Prefix lists (attribution verbs, concepts)
 * store their entries as prefixes and are probed with every prefix of the
 * word (3 to 16 bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "facts.h"

struct wordset {
    struct ws_ent {
        const char *w; /* in pool */
        uint32_t len;
        uint64_t mask;
    } *v;
    size_t cap; /* power of two */
    char *pool; /* copies of the words */
};

static uint64_t ws_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

wordset *wordset_build(const char *const *const *lists)
{
    size_t n = 0;
    for (size_t l = 0; lists[l]; l++)
        for (size_t i = 0; lists[l][i]; i++)
            n++;
    wordset *ws = calloc(1, sizeof *ws);
    if (!ws)
        abort();
    ws->cap = 64;
    while (ws->cap < 2 * n + 16)
        ws->cap *= 2;
    ws->v = calloc(ws->cap, sizeof *ws->v);
    size_t bytes = 0;
    for (size_t l = 0; lists[l]; l++)
        for (size_t i = 0; lists[l][i]; i++)
            bytes += strlen(lists[l][i]) + 1;
    ws->pool = malloc(bytes + 1);
    if (!ws->v || !ws->pool)
        abort();
    char *p = ws->pool;
    for (size_t l = 0; lists[l] && l < 64; l++)
        for (size_t i = 0; lists[l][i]; i++) {
            const char *w = lists[l][i];
            size_t len = strlen(w);
            size_t k = ws_hash(w, len) & (ws->cap - 1);
            while (ws->v[k].w && !(ws->v[k].len == len && !memcmp(ws->v[k].w, w, len)))
                k = (k + 1) & (ws->cap - 1);
            if (!ws->v[k].w) {
                memcpy(p, w, len + 1);
                ws->v[k].w = p;
                p += len + 1;
            }
            ws->v[k].len = (uint32_t)len;
            ws->v[k].mask |= 1ull << l;
        }
    return ws;
}

void wordset_free(wordset *ws)
{
    if (!ws)
        return;
    free(ws->v);
    free(ws->pool);
    free(ws);
}

uint64_t wordset_get(const wordset *ws, const char *w, size_t n)
{
    if (!ws || n == 0)
        return 0;
    size_t k = ws_hash(w, n) & (ws->cap - 1);
    while (ws->v[k].w) {
        if (ws->v[k].len == n && !memcmp(ws->v[k].w, w, n))
            return ws->v[k].mask;
        k = (k + 1) & (ws->cap - 1);
    }
    return 0;
}

uint64_t wordset_prefix(const wordset *ws, const char *w, size_t n, size_t min, uint64_t lists,
                        size_t *len)
{
    for (size_t l = n < 16 ? n : 16; l >= min && l > 0; l--) {
        uint64_t m = wordset_get(ws, w, l) & lists;
        if (m) {
            if (len)
                *len = l;
            return m;
        }
    }
    return 0;
}
