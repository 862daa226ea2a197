/*
 * charset.h — turning the bytes of a web page into valid UTF-8.
 *
 * The encoding is decided in the order a browser would: byte-order mark,
 * the HTTP Content-Type charset (from a WARC record), a <meta charset> or
 * http-equiv declaration in the first bytes, then detection. A declaration
 * that the bytes contradict loses: a page that is valid multi-byte UTF-8
 * is read as UTF-8 whatever it declares, and a page declared UTF-8 with
 * many invalid sequences is read as windows-1252. Whatever cannot be
 * decoded becomes U+FFFD, so the result is always valid UTF-8.
 */
#ifndef SL_CHARSET_H
#define SL_CHARSET_H

#include <stddef.h>

#include "../util/buf.h"

typedef enum charset_from {
    CHARSET_BOM,
    CHARSET_HTTP,
    CHARSET_META,
    CHARSET_DETECTED
} charset_from;

/* Finds the charset named in a Content-Type value ("text/html; charset=x")
 * or NULL; the name is copied into out (cap bytes). */
const char *charset_from_content_type(const char *ctype, char *out, size_t cap);

/* Decides the encoding of p[0..n). http_charset may be NULL. Returns a
 * canonical iconv name ("UTF-8", "WINDOWS-1252", ...) written into name
 * (≥ 40 bytes); *from says where it came from; *skip is the BOM length;
 * *clean (may be NULL) is set when the answer is UTF-8 and the bytes after
 * the BOM are all valid, so they can be used without conversion. */
const char *charset_decide(const char *p, size_t n, const char *http_charset, char *name,
                           charset_from *from, size_t *skip, int *clean);

/* Appends p[0..n) decoded from enc to out as valid UTF-8 (NUL bytes
 * dropped). Returns the number of bytes that could not be decoded. */
size_t charset_to_utf8(const char *p, size_t n, const char *enc, buf *out);

/* Is p[0..n) valid UTF-8? Sets *multi when it holds multi-byte sequences. */
int charset_valid_utf8(const char *p, size_t n, int *multi);

#endif
