/*
 * reader.h — the reader interface. A reader turns the bytes of one input
 * (a file or stdin) into sl_raw records and hands each to a callback.
 *
 * Every format (plain text, JSON Lines; later HTML, WARC, feeds) is one
 * reader_ops entry: a sniffer that says from a file's name and first bytes
 * whether the format is its own, and a read function over a stream. Adding
 * a format is adding an entry to the table in read.c.
 */
#ifndef SL_READER_H
#define SL_READER_H

#include <stdio.h>

#include "../ctx.h"

typedef struct reader_input {
    FILE *f;
    const char *name;    /* for messages: the path, or "-" */
    const char *path_id; /* article id derived from the path, or NULL */
    const unsigned char *head; /* first bytes of the input (already read) */
    size_t head_len;
} reader_input;

typedef struct reader_ops {
    const char *name;  /* "txt", "jsonl", ... */
    /* Confidence 0..100 that the input is this format, from the file name's
     * extension (may be NULL for stdin) and its first bytes (head may be
     * NULL with n = 0: then the extension alone decides; ≥ 50 = "mine"). */
    int (*sniff)(const char *filename, const unsigned char *head, size_t n);
    /* Reads every record, reporting bad ones through ctx and going on.
     * Returns the number of records emitted; stops early if fn returns false
     * (then *stopped is set). */
    long (*read)(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped);
} reader_ops;

extern const reader_ops reader_txt;
extern const reader_ops reader_jsonl;
extern const reader_ops reader_html; /* html.c */
extern const reader_ops reader_warc; /* warc.c */
extern const reader_ops reader_feed; /* feed.c */

/* Reads a whole stream (head bytes first) into a malloc'd buffer, at most
 * cap bytes; sets *truncated when more was there (the rest is drained). */
char *reader_slurp(reader_input *in, size_t cap, size_t *len, int *truncated);

#endif
