/*
 * html_tok.h — storyline's own HTML tokenizer and tree repair (html_tok.c).
 *
 * It turns a UTF-8 page into the event stream a SAX walk consumes: start
 * tags with their attributes, end tags and text, properly nested (every
 * start has its end), with character references decoded. The callbacks
 * have the shape of libxml2's SAX handlers, so the same walk can follow
 * either parser (html.c chooses; html_score.c walks).
 */
#ifndef SL_HTML_TOK_H
#define SL_HTML_TOK_H

#include <stddef.h>

typedef struct htok_sink {
    /* atts: name, value, name, value, ..., NULL; a value is NULL for an
     * attribute given without one. Names are lowercase. */
    void (*start)(void *user, const unsigned char *name, const unsigned char **atts);
    void (*end)(void *user, const unsigned char *name);
    void (*text)(void *user, const unsigned char *s, int len);
} htok_sink;

/* Tokenizes p[0..n) (not changed, need not be NUL-terminated) and calls
 * the sink for every event, in document order; at the end every element
 * still open is closed. What the sink gets lives until the callback
 * returns (copy what is kept). Never fails: any bytes give a balanced
 * stream (possibly with no events at all). */
void htok_parse(const char *p, size_t n, const htok_sink *sink, void *user);

/* Decodes the named or numeric character reference at s[0..n) (s[0] ==
 * '&') into out (at least 4 bytes). Returns the bytes consumed (0: not a
 * reference, keep the '&' as it is) and sets *out_len (0 for a reference
 * to nothing, e.g. "&#0;"). Exposed for the tests. */
size_t htok_ref(const char *s, size_t n, char *out, size_t *out_len);

#endif
