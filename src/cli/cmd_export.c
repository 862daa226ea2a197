/*
 * cmd_export.c — `storyline export KIND`: what the store holds, in a form
 * other tools read. Kinds are rows of a table (name, summary, writer).
 *
 *   assignments   TSV article_id<TAB>story_id<TAB>copy_group, one line per
 *                 stored article in ingest order, after a header line; the
 *                 format `storyline eval` reads (clusters: column story_id;
 *                 dups: --column copy_group). A copy group is named by the
 *                 id of its first article; an article never placed in a
 *                 story (stored before stories existed) has story_id 0.
 */
#include <stdio.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"no-header", NULL, "assignments: no header line"},
    {"html", "DIR", "a static HTML site of every story (digest pages, index.html) into DIR"},
    {NULL, NULL, NULL},
};

/* Ids with a tab or newline would break the TSV: those bytes become spaces. */
static void put_field(const char *s)
{
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int export_assignments(const cli_cmd *cmd, cli_args *a, sl_store *st)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(sl_store_db(st),
                           "SELECT a.id, coalesce(sa.story, 0), coalesce(g.id, a.id)"
                           " FROM articles a LEFT JOIN story_articles sa ON sa.rid = a.rid"
                           " LEFT JOIN copies c ON c.rid = a.rid"
                           " LEFT JOIN articles g ON g.rid = c.grp ORDER BY a.rid",
                           -1, &q, NULL) != SQLITE_OK) {
        fprintf(stderr, "storyline export: %s\n", sqlite3_errmsg(sl_store_db(st)));
        return EXIT_FAILED;
    }
    if (!cli_flag(cmd, a, "no-header"))
        printf("article_id\tstory_id\tcopy_group\n");
    while (sqlite3_step(q) == SQLITE_ROW) {
        put_field(cli_col(q, 0));
        printf("\t%lld\t", (long long)sqlite3_column_int64(q, 1));
        put_field(cli_col(q, 2));
        putchar('\n');
    }
    sqlite3_finalize(q);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

typedef struct export_kind {
    const char *name;
    int (*run)(const cli_cmd *cmd, cli_args *a, sl_store *st);
} export_kind;

static const export_kind kinds[] = {
    {"assignments", export_assignments},
};

/* --html DIR: one digest page per live story and an index (src/digest/export.c). */
static int export_html(const cli_cmd *cmd, cli_args *a, const char *dir)
{
    if (a->n_pos)
        return cli_usage_error(cmd, "--html DIR takes no KIND");
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = cli_open_store_ro(ctx, cli_db_path(cmd, a));
    if (!st) {
        sl_ctx_free(ctx);
        return EXIT_FAILED;
    }
    long n = sl_export_html(ctx, st, dir, NULL);
    if (n >= 0)
        fprintf(stderr, "exported %ld stor%s to %s/index.html\n", n, n == 1 ? "y" : "ies", dir);
    sl_store_close(st);
    sl_ctx_free(ctx);
    return n >= 0 ? EXIT_OK : EXIT_FAILED;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    if (cli_get(cmd, a, "html"))
        return export_html(cmd, a, cli_get(cmd, a, "html"));
    if (a->n_pos != 1)
        return cli_usage_error(cmd, "missing KIND (assignments), or --html DIR");
    const export_kind *k = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].name, a->pos[0]))
            k = &kinds[i];
    if (!k)
        return cli_usage_error(cmd, "unknown kind '%s' (known: assignments)", a->pos[0]);
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = cli_open_store_ro(ctx, cli_db_path(cmd, a));
    if (!st) {
        sl_ctx_free(ctx);
        return EXIT_FAILED;
    }
    int rc = k->run(cmd, a, st);
    sl_store_close(st);
    sl_ctx_free(ctx);
    return rc;
}

const cli_cmd cmd_export = {
    "export",
    "KIND [--db FILE] [--no-header] | --html DIR [--db FILE]",
    "write what the store holds for other tools (KIND: assignments), or an HTML site",
    "assignments: TSV article_id<TAB>story_id<TAB>copy_group, one line per stored\n"
    "article in ingest order, after a header line. `storyline eval clusters --gold` and\n"
    "`storyline eval dups --column copy_group --gold` read it as a gold file; a copy\n"
    "group is named by the id of its first article.\n"
    "--html DIR: a static site, one page per story (the digest `storyline story ID\n"
    "--format html` shows: summary with sources, timeline, offline SVG map, figures,\n"
    "quotes, sources) and index.html, newest first; no script, no outside resource.",
    opts,
    0,
    1,
    run,
};
