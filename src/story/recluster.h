/*
 * recluster.h — the batch pass over stored stories that the online pass
 * cannot make: merging fragments of one story whose centroids converged,
 * and splitting stories whose members drifted into two groups.
 *
 * Merge: every pair of live stories that share strong terms (found through
 * an inverted index, as online) is scored both ways with the online score
 * model, one story's centroid standing for an article; when both scores
 * reach params.merge_threshold, the later story's articles move into the
 * earlier one, which is marked merged_into.
 * Split: the scored members of a story (copies follow their group) are
 * rebuilt from the store and cut in two by 2-means on their vectors; when
 * the halves score below params.split_threshold against each other and
 * each holds at least two members, the half without the story's first
 * article becomes a new story.
 */
#ifndef SL_STORY_RECLUSTER_H
#define SL_STORY_RECLUSTER_H

#include <stdbool.h>
#include <stdio.h>

#include <sqlite3.h>
#include <stdint.h>

#include "../ctx.h"

typedef struct recluster_opts {
    int64_t since;    /* only stories active since (SL_TIME_NONE: all) */
    bool dry_run;     /* report, write nothing */
    bool merge, split;
    FILE *log;        /* one line per change (NULL: silent) */
} recluster_opts;

typedef struct recluster_report {
    long stories;     /* live stories looked at */
    long merged;      /* stories merged into another */
    long split;       /* stories split in two */
    long moved;       /* articles that changed story */
} recluster_report;

/* Runs the pass on st inside one transaction. 0, or -1 after a diagnostic
 * (nothing written then). */
int recluster_run(sl_ctx *ctx, sl_store *st, const recluster_opts *o, recluster_report *r);

/* Writes the merges the online clusterer made (cluster_merges(), in order)
 * into the store: gone's articles move to keep (how = 3, as a recluster
 * move), gone is marked merged_into keep. Call it in the transaction that
 * saves the dirty stories, before cluster_clean(). 0, or -1 after a
 * diagnostic. */
struct cluster_merge;
int recluster_apply_merges(sl_ctx *ctx, sqlite3 *db, const struct cluster_merge *m, uint32_t n);

#endif
