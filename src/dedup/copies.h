/*
 * copies.h — the copy stage of the pipeline: the copy index (dedup.h)
 * kept in the store, so that groups persist, grow incrementally and reload
 * when a writer opens the store.
 */
#ifndef SL_DEDUP_COPIES_H
#define SL_DEDUP_COPIES_H

#include "../ctx.h"
#include "dedup.h"

typedef struct copies copies;

/* Opens the copy stage on st: reads the parameters the store's index was
 * built with (a new index takes the defaults and records them) and
 * restores the index from the store. NULL, with a diagnostic, on a store
 * error. cache_bytes overrides the shingle cache size when non-zero. */
copies *copies_open(sl_ctx *ctx, sl_store *st, size_t cache_bytes);
void copies_close(copies *c);

/* Runs the stage for an article the store just handled (rid, put: what
 * sl_store_put did). New and updated articles are (re)indexed and their
 * group written to the store; unchanged ones only report their group.
 * Fills *info; returns 0, or -1 on a store error (diagnostic given). */
int copies_add(copies *c, const sl_article *a, long long rid, sl_put_result put,
               sl_copy_info *info);

/* What copies_add computes from the article alone: its shingle set and
 * band keys. A writer may have it computed beforehand, on the thread that
 * analyses (copies_sign with the index's parameters and a shingler of that
 * thread's own): the result is the same. */
typedef struct copies_sig {
    uint32_t *sh; /* sorted distinct shingles (malloc'd; copies_sig_free) */
    size_t n;
    uint32_t keys[DEDUP_MAX_BANDS]; /* valid when n > 0 */
} copies_sig;

void copies_sign(const dedup_params *p, shingler *s, const sl_article *a, copies_sig *out);
void copies_sig_free(copies_sig *sig);

/* copies_add with the signature computed beforehand (sig may be NULL). */
int copies_add_signed(copies *c, const sl_article *a, long long rid, sl_put_result put,
                      const copies_sig *sig, sl_copy_info *info);

/* The index, for statistics. */
const dedup *copies_index(const copies *c);

/* The parameters st's index was built with (the defaults when it has none
 * yet). 0, or -1 when the recorded ones cannot be read. */
int copies_params(sl_store *st, dedup_params *p);

/* Rebuilds the whole copy index of st with parameters p from the stored
 * clean texts (re-tokenised), in rid order, committing every batch
 * articles, and records p as the store's. *n_out gets the articles
 * indexed. 0, or -1 on a store error. */
int copies_reindex(sl_ctx *ctx, sl_store *st, const dedup_params *p, long batch, long *n_out);

#endif
