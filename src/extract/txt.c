/*
 * txt.c — plain-text reader: one file is one article. Metadata lines at the
 * top (source:, url:, date ...) and the headline are left to the cleaner;
 * this reader only takes the bytes, capped at SL_MAX_ARTICLE_BYTES.
 */
#include <stdlib.h>
#include <string.h>

#include "reader.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int txt_sniff(const char *filename, const unsigned char *head, size_t n)
{
    if (filename && (ends_with(filename, ".txt") || ends_with(filename, ".text")))
        return 80;
    /* Any text is acceptable as a last resort. */
    return n ? 10 : 0;
}

static long txt_read(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped)
{
    size_t len;
    int truncated;
    char *text = reader_slurp(in, SL_MAX_ARTICLE_BYTES, &len, &truncated);
    if (truncated)
        sl_diag(ctx, SL_WARNING, in->name, 0, "file larger than %u MB, text cut at that size",
                SL_MAX_ARTICLE_BYTES >> 20);
    sl_raw raw = {0};
    raw.path_id = in->path_id;
    raw.text = text;
    raw.text_len = len;
    raw.origin = in->name;
    raw.line = 1;
    raw.format = "txt";
    raw.truncated = truncated;
    if (!fn(user, &raw))
        *stopped = 1;
    free(text);
    return 1;
}

const reader_ops reader_txt = {"txt", txt_sniff, txt_read};
