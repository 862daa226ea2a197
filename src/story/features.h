/*
 * features.h — what an article looks like to the clusterer: three TF-IDF
 * sub-vectors in the spirit of Miranda et al. 2018:
 *
 *   TEXT   stems of the non-stopword words of the text (per language);
 *   ENT    names (capitalised words that are not just sentence openers,
 *          all-caps words, adjacent names joined as one more term) and
 *          numbers, across languages: "Pinochet" is "Pinochet" in any;
 *   TITLE  stems of the title (per language).
 *
 * Words weigh by where they are: the lead counts more, and sentences with
 * no final punctuation (headline lists of other stories that cleaning
 * missed, captions) count little.
 */
#ifndef SL_STORY_FEATURES_H
#define SL_STORY_FEATURES_H

#include <stdbool.h>

#include "../ctx.h"
#include "params.h"
#include "terms.h"
#include "vector.h"

enum { SP_TEXT = 0, SP_ENT, SP_TITLE, SP__COUNT };

typedef struct art_vec {
    svec v[SP__COUNT]; /* unit vectors (empty when the space has no term) */
    int lang;          /* language slot in the terms table */
    uint32_t n_terms;  /* distinct terms before truncation */
} art_vec;

/* Scratch state reused from article to article (no per-article malloc once
 * warm). One per clusterer. */
typedef struct feat {
    uint64_t *keys;
    float *tf;
    uint8_t *space;
    uint32_t *used;
    uint32_t cap, n_used;
    uint64_t *caps; /* set of names seen capitalised after a sentence start */
    uint32_t caps_cap, n_caps;
    uint8_t *initial; /* per token: 1 opens a sentence (or a quote), 2 in a date mention */
    float *weight;    /* per token: position weight */
    size_t tok_cap;
    sv_entry *tmp;
    size_t tmp_cap;
    struct sl_arena *arena; /* title tokens */
    const sl_token *title_toks; /* the last article's whole title, tokenized (in arena) */
    size_t n_title_toks;
    const char *title_src;      /* that title (the article's string), NULL when none */
    uint64_t *place_from, *place_to; /* cache: name key → its place key (or itself) */
    uint32_t place_n;
} feat;

void feat_init(feat *f);
void feat_free(feat *f);
void art_vec_free(art_vec *v);

/* Builds a's vectors into out (whose arrays are reused). When count is set,
 * the article is a new dispatch: its distinct terms and its language are
 * counted in df before weighting. */
void feat_article(feat *f, sl_ctx *ctx, terms *df, const story_params *prm, const sl_article *a,
                  bool count, art_vec *out);

/* The tokens of title as the last feat_article saw it (the whole title, in
 * its article's language), when title is that article's very string; else
 * NULL. Valid until the next feat_article. */
const sl_token *feat_title_tokens(const feat *f, const char *title, size_t *n);

/* The term hash of string s[0..n) in a space (lang ignored for SP_ENT). */
uint64_t feat_key(int space, const char *lang, const char *s, size_t n);

#endif
