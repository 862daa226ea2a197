/*
 * terms.c — the document-frequency table: linear probing on 64-bit term
 * hashes (already well mixed, so the low bits index directly), grown at
 * half load. Blob format: "SLDF1", counts, languages, then (key, df) pairs,
 * all little-endian.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "terms.h"
#include "vector.h"

void terms_init(terms *t)
{
    memset(t, 0, sizeof *t);
    t->cap = 1024;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->df = calloc(t->cap, sizeof *t->df);
    if (!t->keys || !t->df)
        abort();
}

void terms_free(terms *t)
{
    free(t->keys);
    free(t->df);
    memset(t, 0, sizeof *t);
}

static uint64_t fix_key(uint64_t k) { return k ? k : 1; }

static size_t probe(const terms *t, uint64_t key)
{
    size_t mask = t->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    while (t->keys[i] && t->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

uint32_t terms_df(const terms *t, uint64_t key)
{
    size_t i = probe(t, fix_key(key));
    return t->keys[i] ? t->df[i] : 0;
}

static void grow(terms *t)
{
    terms old = *t;
    t->cap *= 2;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->df = calloc(t->cap, sizeof *t->df);
    if (!t->keys || !t->df)
        abort();
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.keys[i])
            continue;
        size_t j = probe(t, old.keys[i]);
        t->keys[j] = old.keys[i];
        t->df[j] = old.df[i];
    }
    free(old.keys);
    free(old.df);
}

void terms_inc(terms *t, uint64_t key)
{
    key = fix_key(key);
    size_t i = probe(t, key);
    if (!t->keys[i]) {
        if ((t->used + 1) * 2 > t->cap) {
            grow(t);
            i = probe(t, key);
        }
        t->keys[i] = key;
        t->used++;
    }
    if (t->df[i] < UINT32_MAX)
        t->df[i]++;
}

int terms_lang(terms *t, const char *lang)
{
    char code[4] = {0};
    const char *l = lang && *lang ? lang : "und";
    for (int i = 0; i < 3 && l[i]; i++)
        code[i] = l[i];
    for (int i = 0; i < TERMS_MAX_LANGS - 1; i++) {
        if (!t->langs[i][0]) {
            memcpy(t->langs[i], code, 4);
            return i;
        }
        if (!memcmp(t->langs[i], code, 4))
            return i;
    }
    return TERMS_MAX_LANGS - 1;
}

void terms_count_doc(terms *t, int l)
{
    if (l >= 0 && l < TERMS_MAX_LANGS)
        t->n_lang[l]++;
    t->n_total++;
}

double terms_idf(uint64_t n, uint32_t df, double add)
{
    if (df > n)
        df = (uint32_t)(n < UINT32_MAX ? n : UINT32_MAX);
    return log(((double)n + 1) / ((double)df + 1)) + add;
}

/* ---- blob */

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define HEAD 5
#define LANG_REC 12

void terms_pack(const terms *t, unsigned char **out, size_t *len)
{
    size_t n = HEAD + 16 + TERMS_MAX_LANGS * LANG_REC + t->used * 12;
    unsigned char *p = sv_xrealloc(NULL, n), *q = p;
    memcpy(q, "SLDF1", HEAD);
    q += HEAD;
    put64(q, t->n_total);
    put64(q + 8, t->used);
    q += 16;
    for (int i = 0; i < TERMS_MAX_LANGS; i++, q += LANG_REC) {
        memcpy(q, t->langs[i], 4);
        put64(q + 4, t->n_lang[i]);
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        put64(q, t->keys[i]);
        put32(q + 8, t->df[i]);
        q += 12;
    }
    *out = p;
    *len = (size_t)(q - p);
}

int terms_unpack(terms *t, const unsigned char *p, size_t len)
{
    terms_free(t);
    terms_init(t);
    size_t fixed = HEAD + 16 + TERMS_MAX_LANGS * LANG_REC;
    if (!p || len < fixed || memcmp(p, "SLDF1", HEAD) != 0)
        return -1;
    uint64_t n_total = get64(p + HEAD), used = get64(p + HEAD + 8);
    if (used > (len - fixed) / 12 || (len - fixed) != used * 12)
        return -1;
    const unsigned char *q = p + HEAD + 16;
    for (int i = 0; i < TERMS_MAX_LANGS; i++, q += LANG_REC) {
        memcpy(t->langs[i], q, 4);
        t->langs[i][3] = 0;
        t->n_lang[i] = get64(q + 4);
    }
    while (t->cap < used * 2 + 2)
        grow(t);
    for (uint64_t i = 0; i < used; i++, q += 12) {
        uint64_t key = fix_key(get64(q));
        size_t j = probe(t, key);
        if (!t->keys[j])
            t->used++;
        t->keys[j] = key;
        t->df[j] = get32(q + 8);
    }
    t->n_total = n_total;
    return 0;
}
