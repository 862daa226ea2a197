/*
 * fuzz_reader.h — shared body of the reader fuzz targets: the input bytes
 * go through one reader (as a file would) and every record through the
 * whole article build, so cleaning and analysis are fuzzed too.
 */
#include <stdio.h>
#include <string.h>

#include "../src/extract/reader.h"

static sl_ctx *fuzz_ctx;

static void fuzz_quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static bool fuzz_on_raw(void *user, const sl_raw *raw)
{
    (void)user;
    sl_article *a = sl_article_build(fuzz_ctx, raw);
    if (a) {
        /* touch what later stages read */
        for (size_t i = 0; i < a->n_sents; i++)
            if (a->sents[i].end > a->text_len || a->sents[i].start > a->sents[i].end)
                __builtin_trap();
        for (size_t i = 0; i < a->n_toks; i++)
            if (a->toks[i].end > a->text_len || !a->toks[i].norm || !a->toks[i].stem)
                __builtin_trap();
        for (size_t i = 0; i < a->n_dates; i++)
            if (a->dates[i].end > a->text_len)
                __builtin_trap();
    }
    sl_article_free(a);
    return true;
}

static int fuzz_one(const reader_ops *r, const char *name, const uint8_t *data, size_t size)
{
    if (!fuzz_ctx)
        fuzz_ctx = sl_ctx_new(fuzz_quiet, NULL);
    size_t head = size < 4096 ? size : 4096;
    static char nothing[1];
    FILE *f = size > head ? fmemopen((void *)(data + head), size - head, "rb")
                          : fmemopen(nothing, 1, "rb");
    if (!f)
        return 0;
    if (size == head)
        fgetc(f); /* the rest is empty */
    reader_input in = {f, name, "fuzz/0001", data, head};
    int stopped = 0;
    r->read(fuzz_ctx, &in, fuzz_on_raw, NULL, &stopped);
    fclose(f);
    return 0;
}
