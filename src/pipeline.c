/*
 * pipeline.c — what happens to an analysed article as it arrives: it is
 * stored, checked for copies (src/dedup/copies.c: writes its copy group in
 * the same transaction) and placed in a story. The CLI's ingest and the
 * server both feed articles through here, so the order of stages is
 * written once.
 */
#include <stdlib.h>

#include "pipeline.h"
#include "story/story.h"

struct sl_pipeline {
    sl_ctx *ctx;
    sl_store *st;
    copies *copies; /* NULL if the copy index could not be opened (reported) */
    story_stage *stories; /* NULL if the story state could not be read (reported) */
};

sl_pipeline *sl_pipeline_open(sl_ctx *ctx, sl_store *st)
{
    sl_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->ctx = ctx;
    p->st = st;
    p->copies = copies_open(ctx, st, 0);
    p->stories = story_stage_open(ctx, st);
    return p;
}

const dedup_params *pipeline_copy_params(const sl_pipeline *p)
{
    return p->copies ? &copies_index(p->copies)->p : NULL;
}

sl_added sl_pipeline_add(sl_pipeline *p, const sl_article *a)
{
    return pipeline_add_signed(p, a, NULL);
}

sl_added pipeline_add_signed(sl_pipeline *p, const sl_article *a, const copies_sig *sig)
{
    sl_added r = {0};
    r.put = sl_store_put(p->st, a);
    r.rid = r.put == SL_PUT_FAILED ? 0 : sl_store_last_rid(p->st);
    if (p->copies)
        copies_add_signed(p->copies, a, r.rid, r.put, sig, &r.copy);
    if (p->stories)
        r.story = story_stage_add(p->stories, a, r.rid, r.put, r.copy.group, r.copy.size,
                                  NULL);
    return r;
}

int sl_pipeline_flush(sl_pipeline *p)
{
    int rc = 0;
    if (p->stories && story_stage_flush(p->stories) != 0)
        rc = -1;
    return rc;
}

void sl_pipeline_close(sl_pipeline *p)
{
    if (!p)
        return;
    copies_close(p->copies);
    story_stage_close(p->stories);
    free(p);
}
