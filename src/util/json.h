/*
 * json.h — writing JSON text into a buf (reading is jansson's job).
 */
#ifndef SL_JSON_H
#define SL_JSON_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..n) as a JSON string literal, quotes included. Invalid UTF-8
 * is not expected (the pipeline sanitises text first) but control bytes are
 * escaped. NULL is written as null. */
void json_str(buf *b, const char *s);
void json_strn(buf *b, const char *s, size_t n);

#endif
