/*
 * feed.h — RSS 2.0 / RSS 1.0 / Atom feeds as a source of articles.
 */
#ifndef SL_FEED_H
#define SL_FEED_H

#include "../ctx.h"

/* Feeds larger than this are refused. */
#define FEED_MAX_BYTES (32u << 20)

/* Parses a feed held in memory and hands each item to fn as an sl_raw
 * (title, link, date, text from content:encoded / content / description /
 * summary, HTML turned into text). name labels messages (file or URL).
 * Bad items are reported as name:line and skipped; an unreadable feed is
 * one error. Returns the number of items emitted; sets *stopped when fn
 * asked to stop. */
long feed_parse(sl_ctx *ctx, const char *name, const char *p, size_t n, sl_raw_fn fn, void *user,
                int *stopped);

/* Is this the start of a feed document? */
int feed_looks_like(const unsigned char *head, size_t n);

#endif
