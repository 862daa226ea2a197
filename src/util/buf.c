/* buf.c — growable byte buffer; doubles its capacity, aborts on OOM. Also
 * the one whole-file loader (files, stdin, gzip), built on it. */
#include "buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void buf_init(buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_clear(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fprintf(stderr, "storyline: out of memory, aborting\n");
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void buf_add(buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_adds(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(buf *b, char c) { buf_add(b, &c, 1); }

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *buf_steal(buf *b)
{
    char *p = b->data;
    if (!p) {
        p = malloc(1);
        if (!p)
            abort();
        p[0] = 0;
    }
    buf_init(b);
    return p;
}

char *buf_load(const char *path, int flags, size_t max, size_t *n, int *cut)
{
    bool in = (flags & BUF_LOAD_STDIN) && !strcmp(path, "-");
    FILE *f = NULL;
    gzFile gz = NULL;
    if (in)
        f = stdin;
    else if (flags & BUF_LOAD_GUNZIP)
        gz = gzopen(path, "rb");
    else
        f = fopen(path, "rb");
    if (!f && !gz)
        return NULL;
    buf b;
    buf_init(&b);
    char chunk[65536];
    int over = 0;
    for (;;) {
        size_t k;
        if (gz) {
            int r = gzread(gz, chunk, sizeof chunk);
            k = r > 0 ? (size_t)r : 0;
        } else {
            k = fread(chunk, 1, sizeof chunk, f);
        }
        if (!k)
            break;
        size_t keep = max && b.len + k > max ? max - b.len : k;
        over |= keep < k;
        buf_add(&b, chunk, keep);
    }
    if (gz)
        gzclose(gz);
    else if (!in)
        fclose(f);
    if (cut)
        *cut = over;
    *n = b.len;
    return buf_steal(&b);
}

char *buf_load_file(const char *path, size_t *n) { return buf_load(path, 0, 0, n, NULL); }
