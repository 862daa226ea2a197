/*
 * dates.h — publication stamps and date mentions in fr/en/de/es (+it).
 */
#ifndef SL_DATES_H
#define SL_DATES_H

#include <stdbool.h>
#include <stdint.h>

#include "../ctx.h"
#include "../util/arena.h"

/* Parses a publication time as metadata or a visible stamp gives it:
 * "2017-11", "2026-03-14", "2026-03-14T10:32:00+01:00", "Publié le
 * 14/03/2026 à 10h32", "March 14, 2026 3:42 PM GMT", "14 mars 2026".
 * Sets *t (UTC seconds, start of the period) and *prec. False if none. */
bool dates_parse_stamp(const char *s, size_t n, int64_t *t, uint8_t *prec);

/* Finds date mentions in text: absolute ("le 24 octobre 2017", "October 24,
 * 2017", "24.10.2017", "2017-10-24"), partial ("en juillet", "le 28
 * septembre dernier") and weekday-relative ("mercredi", "jeudi dernier"),
 * resolved against pub (SL_TIME_NONE: partial/relative stay unresolved,
 * time = SL_TIME_NONE). toks may be used for speed. Returns the count. */
size_t dates_find(sl_arena *a, const char *lang, const char *text, size_t n,
                  const sl_token *toks, size_t n_toks, int64_t pub, uint8_t pub_prec,
                  sl_date **out);

/* Formats t at precision prec as ISO 8601 ("2017", "2017-10", "2017-10-24",
 * "2017-10-24T10:32Z") into out (≥ 32 bytes). */
void dates_format(int64_t t, uint8_t prec, char *out);

#endif
