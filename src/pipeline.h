/*
 * pipeline.h — inside the pipeline (src/pipeline.c), for a writer that
 * computes the per-article part of the copy stage on another thread.
 */
#ifndef SL_PIPELINE_H
#define SL_PIPELINE_H

#include "ctx.h"
#include "dedup/copies.h"

/* The parameters of the store's copy index, for copies_sign; NULL when the
 * pipeline has no copy stage (it could not be opened). Fixed while the
 * pipeline is open. */
const dedup_params *pipeline_copy_params(const sl_pipeline *p);

/* sl_pipeline_add with the article's copy signature computed beforehand
 * (copies_sign with pipeline_copy_params); sig may be NULL. */
sl_added pipeline_add_signed(sl_pipeline *p, const sl_article *a, const copies_sig *sig);

#endif
