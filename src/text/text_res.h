/*
 * text_res.h — private to src/text: the inside of text_res (the per-context
 * language resources) and the helpers the text module's files share.
 *
 * The idea: everything that costs more than a table lookup per word is done
 * once and remembered in the context. A per-language word cache maps a
 * token's surface bytes to its norm, stem and flags, so a word seen before
 * costs one hash lookup; a per-language stem cache maps norm → stem; stems
 * and language codes are interned for the life of the context. Snowball
 * stemmers and the exttextcat classifier are created on first use.
 */
#ifndef SL_TEXT_RES_H
#define SL_TEXT_RES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "text.h"

/* ---- strtab.c: hash table of byte strings whose keys live in its own pool
 * (the intern table, the norm → stem caches) */

typedef struct strtab_ent {
    uint64_t h;
    const char *key; /* NUL-terminated copy in the table's pool; NULL = empty slot */
    const char *val; /* user value */
    size_t klen;
} strtab_ent;

typedef struct strtab {
    strtab_ent *ents;
    size_t cap, len;
    size_t limit;   /* 0: grows for ever; else cleared when len reaches limit */
    sl_arena *pool; /* keys and pooled values */
    char *pcur;     /* bump pointer inside the current pool chunk */
    size_t pleft;
} strtab;

void strtab_init(strtab *t, size_t limit);
void strtab_free(strtab *t);
static inline uint64_t strtab_hash(const char *s, size_t n)
{
    return XXH3_64bits(s, n);
}

/* memcmp(a, b, n) == 0 for the short keys of word tables, without a call. */
static inline int strtab_same(const char *a, const char *b, size_t n)
{
    if (n > 24)
        return memcmp(a, b, n) == 0;
    if (n >= 8) { /* 8-byte words; the last one overlaps the one before */
        uint64_t x, y, d = 0;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
            d |= x ^ y;
        }
        memcpy(&x, a + n - 8, 8), memcpy(&y, b + n - 8, 8);
        return !(d | (x ^ y));
    }
    if (n >= 4) { /* two 4-byte words, overlapping when n < 8 */
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4), memcpy(&y0, b, 4);
        memcpy(&x1, a + n - 4, 4), memcpy(&y1, b + n - 4, 4);
        return !((x0 ^ y0) | (x1 ^ y1));
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Entry whose key is s[0..n) (h = strtab_hash(s, n)), or NULL. Inline: it
 * runs once per token. */
static inline strtab_ent *strtab_find(const strtab *t, uint64_t h, const char *s, size_t n)
{
    if (!t->ents)
        return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        strtab_ent *e = &t->ents[i];
        if (!e->key)
            return NULL;
        if (e->h == h && e->klen == n && strtab_same(e->key, s, n))
            return e;
    }
}
/* Adds a key known to be absent and returns its entry, valid until the next
 * add. A bounded table may clear itself first: pointers into its pool from
 * earlier entries are then gone (callers of bounded tables copy values out). */
strtab_ent *strtab_add(strtab *t, uint64_t h, const char *s, size_t n);

/* ---- wcache.c: the per-language word cache (surface → norm, stem, flags) */

typedef struct wrec {
    uint64_t h;       /* strtab_hash of the key */
    const char *stem; /* interned stem, or NULL when the norm is the stem */
    uint16_t aux;     /* SL_TOKF_* flags | sl_tok_kind << 8 */
    uint8_t klen, nlen;
    char bytes[]; /* key (klen bytes), then norm (nlen bytes) and a NUL */
} wrec;

/* Bytes readable past the end of any record's norm: a norm of up to
 * WREC_SLACK bytes can be copied with one fixed-size move. */
#define WREC_SLACK 16

typedef struct wcache {
    uint64_t *slots; /* hash tag << 32 | (record offset / 8 + 1); 0 = empty */
    size_t cap, len, limit;
    char *pool; /* records, 8-byte aligned */
    size_t plen, pcap;
} wcache;

void wcache_init(wcache *c, size_t limit);
void wcache_free(wcache *c);
/* Adds a key known to be absent; NULL when key or norm is too long to
 * cache. The record (like every record) is valid until the next add. */
wrec *wcache_add(wcache *c, uint64_t h, const char *key, size_t klen, const char *norm,
                 size_t nlen);

/* Record of key[0..n), or NULL. */
static inline wrec *wcache_find(const wcache *c, uint64_t h, const char *key, size_t n)
{
    if (!c->cap)
        return NULL;
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = c->cap - 1;
    for (size_t j = (size_t)h & mask;; j = (j + 1) & mask) {
        uint64_t s = c->slots[j];
        if (!s)
            return NULL;
        if ((uint32_t)(s >> 32) != tag)
            continue;
        wrec *r = (wrec *)(c->pool + ((s & 0xFFFFFFFFu) - 1) * 8);
        if (r->klen == n && strtab_same(r->bytes, key, n))
            return r;
    }
}

/* ---- stem.c: languages, stemmers and caches */

/* What each language slot knows. Languages without a stemmer nor a
 * stopword list share the "und" slot. */
typedef struct lang_slot {
    const char *code;      /* canonical ISO 639-1 code, "und" for slot 0 */
    const char *stemmer;   /* libstemmer algorithm name or NULL */
    uint32_t stop_bit;     /* bit in stopword masks, 0 when no list */
    struct sb_stemmer *sb; /* created on first use */
    bool sb_tried;
    strtab stems; /* norm → stem (val, interned) */
    wcache words; /* surface → norm, stem, flags (token.c) */
} lang_slot;

enum { TEXT_N_SLOTS = 32 };

struct text_res {
    strtab intern;
    lang_slot slots[TEXT_N_SLOTS];
    size_t n_slots;
    void *textcat; /* exttextcat handle, created on first need */
    bool textcat_tried;
    int32_t *cp; /* scratch code points for folding */
    size_t cp_cap;
    char *fold; /* scratch output of text_fold_scratch */
    size_t fold_cap;
};

/* The context's resources, created if missing (aborts on out-of-memory). */
text_res *text_res_of(sl_ctx *ctx);
/* Slot for a language code ("fr", "fr-FR", "FR"...); slot 0 ("und") when
 * the language has neither stemmer nor stopwords, or lang is NULL. */
lang_slot *text_slot(text_res *r, const char *lang);
/* stem_word on a known slot. */
const char *stem_slot(text_res *r, lang_slot *s, const char *w, size_t n);
/* text_intern on the resources themselves. */
const char *text_intern_res(text_res *r, const char *s, size_t n);

/* ---- lang.c */

/* Releases the exttextcat handle, if any. */
void text_textcat_free(text_res *r);

/* ---- utf8.c */

/* NFKC + case fold of valid UTF-8 s[0..n) into r's scratch buffer
 * (valid until the next call). Returns the length; *out gets the bytes. */
size_t text_fold_scratch(text_res *r, const char *s, size_t n, const char **out);
/* Decodes one code point at s[i] of s[0..n) even from invalid bytes:
 * returns its length (≥ 1); an invalid byte gives U+FFFD and length 1. */
size_t utf8_next(const char *s, size_t n, size_t i, int32_t *cp);

/* ---- stopwords.c */

/* Bit of lang's stopword list in stopword_mask() results, 0 if none. */
uint32_t stopword_bit(const char *lang);
/* Languages (as bits) for which the case-folded w[0..n) is a stopword. */
uint32_t stopword_mask(const char *w, size_t n);
/* Code of the language of bit number i (0-based), NULL past the end. */
const char *stopword_lang(unsigned i);

#endif
