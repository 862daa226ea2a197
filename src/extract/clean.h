/*
 * clean.h — line-level cleaning of already-extracted article text.
 *
 * Scraped text arrives with residue: consent notices, ad markers, share
 * widgets, captions, bylines, teasers, lists of other headlines, embedded
 * posts, crumbs, repeated headlines, metadata prefix lines. The cleaner
 * classifies every line, keeps the article's own paragraphs and reports
 * each removed line with its reason. Metadata found on the way (headline,
 * date stamp, agencies, author, outlet, url, language) is returned.
 */
#ifndef SL_CLEAN_H
#define SL_CLEAN_H

#include "../ctx.h"
#include "../util/arena.h"

typedef struct clean_result {
    const char *text;   /* kept paragraphs joined by "\n\n" (arena) */
    size_t len;
    sl_span *paras;     /* paragraph spans in text */
    size_t n_paras;
    sl_removed *removed;
    size_t n_removed;
    const char *title;  /* headline found in the text, or NULL */
    const char *date;   /* date string from a metadata line ("2017-11"), or NULL */
    const char *stamp;  /* date string from a visible published/updated stamp or
                           dateline ("Publié le 14/03/2026 à 10h32"), or NULL */
    const char *source; /* outlet from a metadata line, or NULL */
    const char *url;    /* from a metadata line, or NULL */
    const char *lang;   /* from a metadata line, or NULL */
    const char *author; /* from a byline, or NULL */
    const char **agencies; /* credited agencies, deduplicated, canonical names */
    size_t n_agencies;
} clean_result;

/* Cleans text[0..n) (valid UTF-8, LF line ends). given_title is the title
 * known from the record (or NULL): lines repeating it are removed; when
 * NULL the headline is detected from the text. */
void clean_text(sl_ctx *ctx, sl_arena *a, const char *text, size_t n, const char *given_title,
                clean_result *out);

#endif
