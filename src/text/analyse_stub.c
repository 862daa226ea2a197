/* PLACEHOLDER — replaced by the text module (lang.c, stopwords.c, stem.c, token.c, sentence.c) */
#include <stdlib.h>
#include <string.h>
#include "text.h"
struct text_res { int dummy; };
text_res *text_res_new(void) { return calloc(1, sizeof(text_res)); }
void text_res_free(text_res *r) { free(r); }
const char *lang_detect(sl_ctx *ctx, const char *text, size_t n) { return "und"; }
bool stopword_is(const char *lang, const char *w, size_t n) { return false; }
const char *stem_word(sl_ctx *ctx, const char *lang, const char *w, size_t n) { return ""; }
const char *text_intern(sl_ctx *ctx, const char *s, size_t n) { return ""; }
size_t tokenize(sl_ctx *ctx, sl_arena *a, const char *lang, const char *text, size_t n,
                sl_token **out) { *out = NULL; return 0; }
size_t sentence_split(sl_arena *a, const char *lang, const char *text, size_t n,
                      const sl_span *paras, size_t n_paras, const sl_token *toks,
                      size_t n_toks, sl_sentence **out) { *out = NULL; return 0; }
