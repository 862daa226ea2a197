/* PLACEHOLDER — replaced by the dates module */
#include <stdio.h>
#include "dates.h"
bool dates_parse_stamp(const char *s, size_t n, int64_t *t, uint8_t *prec) { return false; }
size_t dates_find(sl_arena *a, const char *lang, const char *text, size_t n,
                  const sl_token *toks, size_t n_toks, int64_t pub, uint8_t pub_prec,
                  sl_date **out) { *out = NULL; return 0; }
void dates_format(int64_t t, uint8_t prec, char *out) { snprintf(out, 32, "?"); }
