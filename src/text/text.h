/*
 * text.h — text analysis: UTF-8 hygiene, normalisation, language
 * identification, stopwords, stems, tokens and sentences.
 *
 * All strings returned live in the given arena, except stems and language
 * codes, which are interned in the context (valid while the context lives).
 */
#ifndef SL_TEXT_H
#define SL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../ctx.h"
#include "../util/arena.h"

/* Resources kept in sl_ctx->text; created lazily by the functions below. */
text_res *text_res_new(void);
void text_res_free(text_res *r);

/* ---- utf8.c */

/* Copies s[0..n) into the arena as valid UTF-8: invalid or overlong
 * sequences and surrogates become U+FFFD (each counted in *n_bad), NUL
 * bytes are dropped, CRLF and lone CR become LF. *out_len gets the length. */
char *utf8_clean(sl_arena *a, const char *s, size_t n, size_t *out_len, unsigned *n_bad);

/* NFKC + Unicode case folding of valid UTF-8 s[0..n) into the arena. */
char *text_fold(sl_arena *a, const char *s, size_t n, size_t *out_len);

/* Decodes one code point at s (valid UTF-8, n > 0); returns its length. */
size_t utf8_decode(const char *s, size_t n, int32_t *cp);

/* ---- lang.c */

/* Identifies the language of text: ISO 639-1 code ("fr", "en", ...) or
 * "und" when unsure. Fast path on stopword profiles for the languages we
 * have stopwords for, libexttextcat for the rest. Returned string is static. */
const char *lang_detect(sl_ctx *ctx, const char *text, size_t n);

/* ---- stopwords.c (tables generated from Debian's liblingua-stopwords-perl) */

/* True when the case-folded word w[0..n) is a stopword of lang. */
bool stopword_is(const char *lang, const char *w, size_t n);

/* ---- stem.c */

/* Snowball stem of the case-folded word w[0..n) in lang (any language
 * libstemmer ships; others return the word itself). Interned and cached:
 * the pointer stays valid while ctx lives. */
const char *stem_word(sl_ctx *ctx, const char *lang, const char *w, size_t n);

/* Interns a string in the context; equal strings give the same pointer. */
const char *text_intern(sl_ctx *ctx, const char *s, size_t n);

/* ---- token.c */

/* Tokenises text[0..n) (valid UTF-8) in lang: words (elisions split as a
 * French reader would: l'|armée, d'|al-Qaïm; hyphenated names kept),
 * numbers in their national forms with value, percents, ordinals, dates,
 * times, and PUNCT tokens for sentence punctuation and quotes. Fills norm,
 * stem, flags. Returns the count; *out in the arena. */
size_t tokenize(sl_ctx *ctx, sl_arena *a, const char *lang, const char *text, size_t n,
                sl_token **out);

/* ---- sentence.c */

/* Splits into sentences, never across paragraphs, using per-language
 * abbreviations (M., Mme, Dr., U.S., gén.) and quotes/guillemets. Sets span,
 * paragraph and token range of each sentence. Returns the count. */
size_t sentence_split(sl_arena *a, const char *lang, const char *text, size_t n,
                      const sl_span *paras, size_t n_paras, const sl_token *toks, size_t n_toks,
                      sl_sentence **out);

#endif
