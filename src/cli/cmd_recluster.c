/*
 * cmd_recluster.c — `storyline recluster`: the batch pass that merges
 * story fragments whose centroids converged and splits stories that
 * drifted (src/story/recluster.h), reporting every change.
 */
#include <stdio.h>
#include <string.h>

#include "../facts/dates.h"
#include "../story/recluster.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"since", "DATE", "only stories active since DATE (ISO 8601)"},
    {"dry-run", NULL, "report what would change, write nothing"},
    {"no-merge", NULL, "do not merge"},
    {"no-split", NULL, "do not split"},
    {"quiet", NULL, "only the summary line"},
    {NULL, NULL, NULL},
};

static int run(const cli_cmd *cmd, cli_args *a)
{
    recluster_opts o = {SL_TIME_NONE, cli_flag(cmd, a, "dry-run"), !cli_flag(cmd, a, "no-merge"),
                        !cli_flag(cmd, a, "no-split"), cli_flag(cmd, a, "quiet") ? NULL : stdout};
    const char *since = cli_get(cmd, a, "since");
    uint8_t prec;
    if (since && !dates_parse_stamp(since, strlen(since), &o.since, &prec))
        return cli_usage_error(cmd, "--since wants an ISO 8601 date, not '%s'", since);
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    recluster_report r;
    int rc = recluster_run(ctx, st, &o, &r);
    if (rc == 0)
        printf("recluster%s: %ld stories looked at, %ld merged into others, %ld split, %ld "
               "article%s moved\n",
               o.dry_run ? " (dry run)" : "", r.stories, r.merged, r.split, r.moved,
               r.moved == 1 ? "" : "s");
    cli_store_close(st, ctx);
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}

const cli_cmd cmd_recluster = {
    "recluster",
    "[--db FILE] [--since DATE] [--dry-run] [--no-merge] [--no-split] [--quiet]",
    "merge story fragments that converged and split stories that drifted",
    "Merge: two stories whose centroids would each join the other under the online\n"
    "score model (parameter merge_threshold) become one; the later story's articles\n"
    "move to the earlier one, which keeps its id. Split: a story whose scored articles\n"
    "fall into two groups that score below split_threshold against each other loses\n"
    "the group without its first article to a new story (copies follow their group).\n"
    "Prints one line per change and a summary; moved articles are marked in the store.",
    opts,
    0,
    0,
    run,
};
