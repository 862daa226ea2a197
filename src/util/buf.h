/*
 * buf.h — growable byte buffer on the heap (for output building and I/O).
 * The buffer is always NUL-terminated; buf_free releases it.
 */
#ifndef SL_BUF_H
#define SL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_clear(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Takes ownership of the bytes: returns data (malloc'd), leaves b empty. */
char *buf_steal(buf *b);
/* The bytes of the file at path, NUL-terminated ("" for an empty file;
 * malloc'd), their count in *n; NULL when the file cannot be opened. */
char *buf_load_file(const char *path, size_t *n);

/* How buf_load reads: "-" as standard input, gzip files decompressed. */
enum { BUF_LOAD_STDIN = 1, BUF_LOAD_GUNZIP = 2 };
/* The whole-file loader behind buf_load_file, for the callers that want
 * more: with BUF_LOAD_STDIN the path "-" reads standard input (as it is);
 * with BUF_LOAD_GUNZIP a gzip file comes decompressed (any other as it is).
 * With max > 0 only the first max bytes are kept, the rest is read and
 * dropped, and *cut (when cut is not NULL) says whether there was more.
 * Returns as buf_load_file. */
char *buf_load(const char *path, int flags, size_t max, size_t *n, int *cut);

#endif
