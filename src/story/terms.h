/*
 * terms.h — running document frequencies for term weighting.
 *
 * An open-addressing table from term hash to the number of dispatches
 * (distinct texts: copies of one text count once) that contained it, plus
 * the number of dispatches seen per language. IDF is then
 * ln((N+1)/(df+1)) + add (params.idf_add: a small constant keeps terms
 * shared by everything small but non-zero, so the first articles of a
 * stream can still be compared).
 *
 * The table packs into a blob for the store and unpacks from it.
 */
#ifndef SL_STORY_TERMS_H
#define SL_STORY_TERMS_H

#include <stddef.h>
#include <stdint.h>

#define TERMS_MAX_LANGS 64

typedef struct terms {
    uint64_t *keys; /* 0 = empty slot */
    uint32_t *df;
    size_t cap, used; /* cap is a power of 2 */
    char langs[TERMS_MAX_LANGS][4]; /* language codes, "" unused */
    uint64_t n_lang[TERMS_MAX_LANGS];
    uint64_t n_total;
} terms;

void terms_init(terms *t);
void terms_free(terms *t);

/* Document frequency of key (0 when never seen). */
uint32_t terms_df(const terms *t, uint64_t key);
/* Adds one to key's document frequency. */
void terms_inc(terms *t, uint64_t key);

/* Slot of a language code ("en"), created on first use; the last slot is
 * shared by overflow languages. */
int terms_lang(terms *t, const char *lang);
/* Counts one more dispatch of language slot l. */
void terms_count_doc(terms *t, int l);

/* IDF of a term with document frequency df among n dispatches:
 * ln((n+1)/(df+1)) + add. */
double terms_idf(uint64_t n, uint32_t df, double add);

/* Serialises into a heap buffer (*out, *len; caller frees). */
void terms_pack(const terms *t, unsigned char **out, size_t *len);
/* Replaces t's content from a blob made by terms_pack. -1 on a malformed
 * blob (t is then empty). */
int terms_unpack(terms *t, const unsigned char *p, size_t len);

#endif
