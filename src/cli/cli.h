/*
 * cli.h — the command-line surface: one file per subcommand, each with a
 * table of its options. The table is the single source of the option
 * parser, of `storyline CMD --help` and of the README's usage section.
 *
 * Exit codes: 0 ok, 1 some inputs failed (or the thing asked for does not
 * exist), 2 usage error.
 */
#ifndef SL_CLI_H
#define SL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "storyline.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli_opt {
    const char *name; /* long name without "--" */
    const char *arg;  /* argument placeholder ("FILE"), NULL for a flag */
    const char *help;
} cli_opt;

/* The --db option of every command that opens the store (cli_db_path). */
#define CLI_OPT_DB {"db", "FILE", "store file (default ./storyline.db, or $STORYLINE_DB)"}

#define CLI_MAX_OPTS 24
#define CLI_MAX_POS 4096

typedef struct cli_args {
    const char *val[CLI_MAX_OPTS]; /* per option: its value, "1" for a set flag, NULL */
    const char *pos[CLI_MAX_POS];
    int n_pos;
} cli_args;

typedef struct cli_cmd {
    const char *name;
    const char *usage;   /* after "storyline NAME ": "[--db FILE] PATH..." */
    const char *summary; /* one line */
    const char *details; /* paragraph(s) for --help, may be NULL */
    const cli_opt *opts; /* terminated by {NULL} */
    int min_pos, max_pos; /* positional argument count bounds (-1: unbounded) */
    int (*run)(const struct cli_cmd *cmd, cli_args *a);
} cli_cmd;

/* Looks an option's value up by name ("db"); NULL when not given. */
const char *cli_get(const cli_cmd *cmd, const cli_args *a, const char *name);
bool cli_flag(const cli_cmd *cmd, const cli_args *a, const char *name);
/* Parses a non-negative integer option, with default; -1 on a bad value
 * (after printing a usage error). */
long cli_long(const cli_cmd *cmd, const cli_args *a, const char *name, long dflt);
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The database path: --db, else $STORYLINE_DB, else ./storyline.db. */
const char *cli_db_path(const cli_cmd *cmd, const cli_args *a);
/* Opens a store that must exist (listings, dups, compare, eval, recluster);
 * prints the error and returns NULL when the file does not exist (never
 * creates one: only ingest, watch and serve do). */
sl_store *cli_open_store_ro(sl_ctx *ctx, const char *path);
/* The start of a command on an existing store: a new context in *ctx and
 * the store of --db opened by cli_open_store_ro; NULL, with nothing left
 * open, when that fails. cli_store_close closes both. */
sl_store *cli_store_open(const cli_cmd *cmd, const cli_args *a, sl_ctx **ctx);
void cli_store_close(sl_store *st, sl_ctx *ctx);

/* Prints a JSON value on one line of stdout (keys in insertion order; flags
 * as jansson's: JSON_COMPACT, JSON_INDENT(2)...), then frees it. */
struct json_t;
void cli_print_json(struct json_t *o, size_t flags);

/* Prints s in exactly width columns (cut on a character boundary, padded
 * with spaces); counts code points, not bytes, so accents do not shift
 * columns. */
void cli_pad(FILE *out, const char *s, int width);

/* Text of column i of a result row; "" for NULL (never NULL). */
struct sqlite3_stmt;
const char *cli_col(struct sqlite3_stmt *q, int i);
/* Column i of a result row as a time: SL_TIME_NONE for NULL. */
int64_t cli_col_time(struct sqlite3_stmt *q, int i);

/* Formats a time as ISO 8601 by precision into out (≥ 32 bytes). */
void cli_time(int64_t t, int prec, char *out);

extern const cli_cmd cmd_ingest, cmd_articles, cmd_article, cmd_stats;
extern const cli_cmd cmd_dups, cmd_compare, cmd_eval; /* copies */
extern const cli_cmd cmd_extract, cmd_watch; /* web input */
extern const cli_cmd cmd_summarize;            /* digests */
extern const cli_cmd cmd_stories, cmd_story, cmd_export, cmd_recluster; /* stories */
extern const cli_cmd cmd_serve;                 /* the server (src/serve) */
/* `storyline eval summaries` (eval_summaries.c), dispatched by cmd_eval. */
int eval_summaries(const cli_cmd *cmd, cli_args *a);
/* `storyline eval clusters` (eval_clusters.c): streams (article id, story id). */
int eval_predict_clusters(sl_store *st, void (*emit)(void *, const char *, size_t, int64_t),
                          void *user);
/* Streams the rows of sql, (article id, label) each, to emit; -1 when sql
 * does not prepare. */
int eval_predict_rows(sl_store *st, const char *sql,
                      void (*emit)(void *, const char *, size_t, int64_t), void *user);

#endif
