/*
 * pipeline.c — what happens to an analysed article as it arrives: it is
 * stored, then (as those stages land) checked for copies and placed in a
 * story. The CLI's ingest and the server both feed articles through here,
 * so the order of stages is written once.
 */
#include <stdlib.h>

#include "ctx.h"

struct sl_pipeline {
    sl_ctx *ctx;
    sl_store *st;
};

sl_pipeline *sl_pipeline_open(sl_ctx *ctx, sl_store *st)
{
    sl_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->ctx = ctx;
    p->st = st;
    return p;
}

sl_added sl_pipeline_add(sl_pipeline *p, const sl_article *a)
{
    sl_added r = {0};
    r.put = sl_store_put(p->st, a);
    r.rid = r.put == SL_PUT_FAILED ? 0 : sl_store_last_rid(p->st);
    return r;
}

int sl_pipeline_flush(sl_pipeline *p)
{
    (void)p;
    return 0;
}

void sl_pipeline_close(sl_pipeline *p)
{
    free(p);
}
