/*
 * main.c — `storyline COMMAND [OPTIONS] [ARGS]`: finds the command in the
 * table, parses its options from its own option table, runs it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "../facts/dates.h"
#include "cli.h"

static const cli_cmd *const commands[] = {
    &cmd_ingest, &cmd_articles, &cmd_article, &cmd_stats, &cmd_extract, &cmd_watch,
    &cmd_summarize, &cmd_dups, &cmd_compare, &cmd_eval, &cmd_stories, &cmd_story,
    &cmd_export, &cmd_recluster, &cmd_serve,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *out, const cli_cmd *c)
{
    fprintf(out, "usage: storyline %s %s\n\n%s\n", c->name, c->usage, c->summary);
    if (c->details)
        fprintf(out, "\n%s\n", c->details);
    if (c->opts[0].name)
        fprintf(out, "\noptions:\n");
    for (const cli_opt *o = c->opts; o->name; o++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(out, "  %-22s %s\n", left, o->help);
    }
    fprintf(out, "  %-22s %s\n", "--help", "show this help");
}

static void print_main_help(FILE *out)
{
    fprintf(out,
            "storyline %s — turns a stream of news articles into stories\n\n"
            "usage: storyline COMMAND [OPTIONS] [ARGS]\n\ncommands:\n",
            SL_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "\n`storyline COMMAND --help` tells more. Exit codes: 0 ok, 1 some inputs "
                 "failed or not found, 2 usage error.\n");
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "storyline %s: ", cmd ? cmd->name : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see `storyline %s --help`)\n", cmd ? cmd->name : "");
    return EXIT_USAGE;
}

/* The name of positional argument i in usage ("[--db FILE] ID_A ID_B": 1 →
 * "ID_B"; "PATH...": any i → "PATH"), read up to a "|" outside brackets:
 * words outside brackets that are not an option or an option's value. Into
 * out; false when usage names none there. */
static bool missing_name(const char *usage, int i, char *out, size_t cap)
{
    const char *p = usage, *end = usage + strlen(usage);
    int depth = 0, k = 0;
    bool value = false; /* the next word is an option's value */
    while (p < end) {
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t n = strcspn(p, " ");
        if (depth == 0 && n == 1 && *p == '|')
            break; /* another form of the command */
        for (size_t j = 0; j < n; j++)
            depth += (p[j] == '[') - (p[j] == ']');
        bool in = depth > 0 || p[0] == '[' || p[n - 1] == ']';
        if (!in && !strncmp(p, "--", 2)) {
            value = true;
        } else if (!in && value) {
            value = false;
        } else if (!in) {
            bool more = n > 3 && !strncmp(p + n - 3, "...", 3);
            if (k == i || (more && k < i)) {
                size_t m = more ? n - 3 : n;
                if (m == 0 || m >= cap)
                    return false;
                memcpy(out, p, m);
                out[m] = 0;
                return true;
            }
            k++;
        }
        p += n;
    }
    return false;
}

static int opt_index(const cli_cmd *cmd, const char *name, size_t len)
{
    for (int i = 0; cmd->opts[i].name; i++)
        if (strlen(cmd->opts[i].name) == len && strncmp(cmd->opts[i].name, name, len) == 0)
            return i;
    return -1;
}

const char *cli_get(const cli_cmd *cmd, const cli_args *a, const char *name)
{
    int i = opt_index(cmd, name, strlen(name));
    return i >= 0 ? a->val[i] : NULL;
}

bool cli_flag(const cli_cmd *cmd, const cli_args *a, const char *name)
{
    return cli_get(cmd, a, name) != NULL;
}

long cli_long(const cli_cmd *cmd, const cli_args *a, const char *name, long dflt)
{
    const char *v = cli_get(cmd, a, name);
    if (!v)
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == 0 || *end || n < 0) {
        cli_usage_error(cmd, "--%s wants a non-negative integer, not '%s'", name, v);
        return -1;
    }
    return n;
}

const char *cli_db_path(const cli_cmd *cmd, const cli_args *a)
{
    const char *p = cli_get(cmd, a, "db");
    if (!p)
        p = getenv("STORYLINE_DB");
    return p && *p ? p : "storyline.db";
}

sl_store *cli_open_store_ro(sl_ctx *ctx, const char *path)
{
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "storyline: %s: no such store (run `storyline ingest` first)\n", path);
        return NULL;
    }
    return sl_store_open(ctx, path);
}

sl_store *cli_store_open(const cli_cmd *cmd, const cli_args *a, sl_ctx **ctx)
{
    *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = cli_open_store_ro(*ctx, cli_db_path(cmd, a));
    if (!st) {
        sl_ctx_free(*ctx);
        *ctx = NULL;
    }
    return st;
}

void cli_store_close(sl_store *st, sl_ctx *ctx)
{
    sl_store_close(st);
    sl_ctx_free(ctx);
}

void cli_print_json(json_t *o, size_t flags)
{
    char *s = json_dumps(o, flags | JSON_PRESERVE_ORDER);
    if (s)
        puts(s);
    free(s);
    json_decref(o);
}

void cli_pad(FILE *out, const char *s, int width)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && cols < width) {
        const unsigned char *start = p++;
        while ((*p & 0xC0) == 0x80) /* continuation bytes of this character */
            p++;
        fwrite(start, 1, (size_t)(p - start), out);
        cols++;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

const char *cli_col(sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    return s ? (const char *)s : "";
}

int64_t cli_col_time(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? SL_TIME_NONE : sqlite3_column_int64(q, i);
}

void cli_time(int64_t t, int prec, char *out)
{
    if (t == SL_TIME_NONE) {
        strcpy(out, "-");
        return;
    }
    dates_format(t, (uint8_t)prec, out);
}

static int parse(const cli_cmd *cmd, int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!only_pos && strcmp(s, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (!only_pos && s[0] == '-' && s[1] == '-') {
            const char *name = s + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int k = opt_index(cmd, name, len);
            if (k < 0)
                return cli_usage_error(cmd, "unknown option --%.*s", (int)len, name);
            if (cmd->opts[k].arg) {
                if (eq)
                    a->val[k] = eq + 1;
                else if (i + 1 < argc)
                    a->val[k] = argv[++i];
                else
                    return cli_usage_error(cmd, "--%s needs a value (%s)", cmd->opts[k].name,
                                           cmd->opts[k].arg);
            } else {
                if (eq)
                    return cli_usage_error(cmd, "--%s takes no value", cmd->opts[k].name);
                a->val[k] = "1";
            }
            continue;
        }
        if (!only_pos && s[0] == '-' && s[1] && s[1] != '-')
            return cli_usage_error(cmd, "unknown option %s", s);
        if (a->n_pos >= CLI_MAX_POS)
            return cli_usage_error(cmd, "too many arguments");
        a->pos[a->n_pos++] = s;
    }
    if (a->n_pos < cmd->min_pos) {
        char name[64];
        if (missing_name(cmd->usage, a->n_pos, name, sizeof name))
            return cli_usage_error(cmd, "missing %s (usage: storyline %s %s)", name, cmd->name,
                                   cmd->usage);
        return cli_usage_error(cmd, "missing argument: %s", cmd->usage);
    }
    if (cmd->max_pos >= 0 && a->n_pos > cmd->max_pos)
        return cli_usage_error(cmd, "too many arguments: %s", cmd->usage);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        if (argc > 2) {
            for (size_t i = 0; i < N_COMMANDS; i++)
                if (!strcmp(commands[i]->name, argv[2])) {
                    print_help(stdout, commands[i]);
                    return EXIT_OK;
                }
        }
        print_main_help(stdout);
        return EXIT_OK;
    }
    if (!strcmp(name, "--version")) {
        printf("storyline %s\n", SL_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const cli_cmd *c = commands[i];
        if (strcmp(c->name, name) != 0)
            continue;
        for (int k = 2; k < argc; k++) {
            if (!strcmp(argv[k], "--"))
                break;
            if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
                print_help(stdout, c);
                return EXIT_OK;
            }
        }
        cli_args a;
        int rc = parse(c, argc - 2, argv + 2, &a);
        if (rc)
            return rc;
        return c->run(c, &a);
    }
    fprintf(stderr, "storyline: unknown command '%s'\n\n", name);
    print_main_help(stderr);
    return EXIT_USAGE;
}
