/*
 * load.h — a stored article back as an analysed sl_article (for compare
 * and reindexing): the store keeps the clean text, its paragraphs and
 * sentences, not the tokens, which are recomputed.
 */
#ifndef SL_DEDUP_LOAD_H
#define SL_DEDUP_LOAD_H

#include "storyline.h"

/* The stored article with this id, or when id is NULL the one at row rid:
 * metadata, text, paragraphs, sentences (token ranges recomputed), tokens
 * (re-tokenised), hash. *rid_out (may be NULL) gets its row id. NULL when
 * there is no such article. Free with sl_article_free. */
sl_article *load_article(sl_ctx *ctx, sl_store *st, const char *id, long long rid,
                         long long *rid_out);

#endif
