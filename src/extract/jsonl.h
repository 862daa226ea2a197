/*
 * jsonl.h — the JSON Lines reader's decoding of one line, open to tests:
 * jansson parses the record with its long strings (text, title, url) cut
 * out, and those are decoded on their own (see jsonl.c for why and when).
 */
#ifndef SL_JSONL_H
#define SL_JSONL_H

#include <jansson.h>
#include <stddef.h>

#include "../util/buf.h"

#define JSONL_CUTS 8 /* long strings cut out of a line's frame, at most */

/* Buffers reused from line to line. */
typedef struct jsonl_scratch {
    buf frame; /* the line with its long strings replaced */
    buf value; /* those strings, decoded, one after the other */
    struct {
        size_t s, e;
    } cut[JSONL_CUTS]; /* their spans in the line */
    size_t n_cut;
    unsigned long framed; /* lines decoded through a frame (for tests) */
} jsonl_scratch;

void jsonl_scratch_init(jsonl_scratch *sc);
void jsonl_scratch_free(jsonl_scratch *sc);

/* Parses the JSON text s[0..n) as json_loadb(s, n, JSON_ALLOW_NUL, err)
 * does, giving an equal value; sc NULL: jansson alone. On failure err is
 * jansson's, for the line as it is. The caller owns the result. */
json_t *jsonl_parse(const char *s, size_t n, jsonl_scratch *sc, json_error_t *err);

#endif
