/*
 * cmd_summarize.c — `storyline summarize PATH...`: digests the given
 * articles as one story, without a store. For a reader with a folder of
 * articles, and for evaluation (`--format lines` prints the summary
 * sentences alone, one a line, which is what ROUGE reads).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ctx.h"
#include "cli.h"

static const cli_opt opts[] = {
    {"words", "N", "summary length in words (default 100)"},
    {"format", "FMT", "text, md, json, html, or lines (summary sentences only)"},
    {"timeline", "N", "timeline lines at most (default 12)"},
    {"id", "ID", "story id to show in the output"},
    {"fill", NULL, "let one last sentence cross the word budget (for ROUGE's cut at N words)"},
    {NULL, NULL, NULL},
};

typedef struct arts {
    sl_ctx *ctx;
    sl_article **a;
    size_t n, cap;
    long failed;
} arts;

/* Errors and warnings on stderr; info is left out. */
static void diag(void *user, sl_severity sev, const char *file, unsigned line, const char *msg)
{
    if (sev != SL_INFO)
        ctx_diag_stderr(user, sev, file, line, msg);
}

static bool on_raw(void *user, const sl_raw *raw)
{
    arts *g = user;
    sl_article *a = sl_article_build(g->ctx, raw);
    if (!a) {
        g->failed++;
        return true;
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        sl_article **p = realloc(g->a, g->cap * sizeof *p);
        if (!p) {
            sl_article_free(a);
            return false;
        }
        g->a = p;
    }
    g->a[g->n++] = a;
    return true;
}

static int run(const cli_cmd *cmd, cli_args *args)
{
    long words = cli_long(cmd, args, "words", 100);
    long tl = cli_long(cmd, args, "timeline", 12);
    if (words < 0 || tl < 0)
        return EXIT_USAGE;
    if (words == 0)
        return cli_usage_error(cmd, "--words must be at least 1");
    sl_format fmt = SL_FORMAT_TEXT;
    const char *f = cli_get(cmd, args, "format");
    if (f && !sl_format_parse(f, &fmt))
        return cli_usage_error(cmd, "unknown format '%s' (text, md, json, html, lines)", f);

    arts g = {0};
    g.ctx = sl_ctx_new(diag, &g);
    if (!g.ctx)
        return EXIT_FAILED;
    int rc = EXIT_OK;
    for (int i = 0; i < args->n_pos; i++)
        if (sl_read_path(g.ctx, args->pos[i], on_raw, &g) < 0)
            rc = EXIT_FAILED;
    if (g.failed)
        rc = EXIT_FAILED;
    if (g.n == 0) {
        fprintf(stderr, "storyline summarize: no article could be read\n");
        rc = EXIT_FAILED;
    } else {
        sl_digest_opts o = {.words = (unsigned)words,
                            .timeline = (unsigned)tl,
                            .fill = cli_flag(cmd, args, "fill")};
        sl_digest *d = sl_digest_build(g.ctx, (const sl_article *const *)g.a, g.n, &o);
        char *out = sl_digest_render(d, fmt, cli_get(cmd, args, "id"));
        fputs(out, stdout);
        free(out);
        sl_digest_free(d);
    }
    for (size_t i = 0; i < g.n; i++)
        sl_article_free(g.a[i]);
    free(g.a);
    sl_ctx_free(g.ctx);
    if (fflush(stdout) != 0)
        rc = EXIT_FAILED;
    return rc;
}

const cli_cmd cmd_summarize = {
    .name = "summarize",
    .usage = "[--words N] [--format FMT] PATH...",
    .summary = "digest the given articles as one story (headline, summary, timeline, sources)",
    .details = "Reads the articles (files, directories, or - for stdin) like ingest does, but "
               "touches no store. Every summary sentence names the outlets that carry it and "
               "the agency when it is wire copy; copies of a sentence count once.",
    .opts = opts,
    .min_pos = 1,
    .max_pos = -1,
    .run = run,
};
