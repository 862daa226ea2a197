/*
 * cmd_eval.c — `storyline eval KIND --gold FILE`: how close a grouping the
 * store holds is to a gold one, as pairwise precision/recall/F1 (the pairs
 * of articles put together) and B-cubed, computed by src/eval/metrics.c.
 *
 * Kinds are rows of a table: a name, the gold column it reads by default
 * and a function that streams (article id, predicted label) from the
 * store. `dups` compares copy groups with gold dup_group; a `clusters`
 * kind for stories is one more row.
 *
 * Gold files are TSV: `id<TAB>label`, extra columns ignored. A header line
 * is recognised when it holds the kind's column name (newsgen writes
 * `id story_id dup_group`) or the name given with --column, which may also
 * be a 1-based column number. Without a header the label is column 2.
 * Articles of the gold file missing from the store are counted and left
 * out of the scores; stored articles absent from the gold file are
 * ignored.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../eval/metrics.h"
#include "../store/store.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"gold", "FILE", "gold TSV: id<TAB>label (header line allowed, extra columns ignored)"},
    {"column", "NAME", "gold column holding the label: header name or 1-based number"},
    {"json", NULL, "JSON output"},
    /* summaries (src/cli/eval_summaries.c) */
    {"peers", "DIR", "summaries: system summaries, files TOPIC.SYSTEM"},
    {"models", "DIR", "summaries: reference summaries, files TOPIC.*"},
    {"words", "N", "summaries: cut every summary at N words (default 100)"},
    {"lang", "LANG", "summaries: language (en: ROUGE-1.5.5 rules; others: Unicode + Snowball)"},
    {"wordnet", "DIR", "summaries: WordNet *.exc folder (default /usr/share/wordnet; none)"},
    {"system", "NAME", "summaries: score only this system"},
    {"published", "FILE", "summaries: ROUGE-1.5.5 report of the same peers, shown beside"},
    {"per-topic", NULL, "summaries: print every topic's scores"},
    {NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ gold file */

typedef struct gold_row {
    uint64_t id;    /* XXH3 of the article id */
    int64_t label;  /* XXH3 of the label: only equality matters */
    int64_t pred;   /* filled from the store */
    bool found;
} gold_row;

typedef struct gold {
    gold_row *rows;
    size_t n, cap;
    size_t duplicates;
    size_t not_in_gold; /* stored articles the gold file does not list */
} gold;

static uint64_t hash_str(const char *s, size_t n)
{
    return XXH3_64bits(s, n);
}

/* Splits line (NUL-terminated, no newline) at tabs into f[0..max). */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* The label column from the first line: -2 when the line is no header.
 * name may list alternatives separated by '|' ("story_id|tdt_topic"). */
static int header_column(char **f, int nf, const char *name)
{
    for (const char *n = name; *n;) {
        size_t len = strcspn(n, "|");
        for (int i = 0; i < nf; i++)
            if (strlen(f[i]) == len && !strncmp(f[i], n, len))
                return i;
        n += len + (n[len] == '|');
    }
    return -2;
}

static int cmp_row(const void *x, const void *y)
{
    const gold_row *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

/* Reads path into g. column: name or 1-based number from --column (NULL:
 * dflt by header, else column 2). Returns 0, or -1 after a message. */
static int gold_read(const char *path, const char *column, const char *dflt, gold *g)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "storyline eval: %s: cannot open\n", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int col = -1, rc = 0;
    char *num_end = NULL;
    long num = column ? strtol(column, &num_end, 10) : 0;
    bool numeric = column && *column && !*num_end && num >= 1 && num <= 64;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (len == 0)
            continue;
        char *fld[66];
        int nf = split_tabs(line, fld, 66);
        if (col < 0) { /* first line: header or data? */
            if (numeric)
                col = (int)num - 1;
            else {
                int h = header_column(fld, nf, column ? column : dflt);
                if (h >= 0) {
                    col = h;
                    continue;
                }
                if (column) {
                    fprintf(stderr, "storyline eval: %s:1: no column '%s' in the header\n", path,
                            column);
                    rc = -1;
                    break;
                }
                col = 1;
            }
            if (numeric && header_column(fld, nf, dflt) >= 0)
                continue; /* a header line, column chosen by number */
        }
        if (nf <= col || !*fld[0]) {
            fprintf(stderr, "storyline eval: %s:%u: fewer than %d columns\n", path, lineno,
                    col + 1);
            rc = -1;
            break;
        }
        if (g->n == g->cap) {
            g->cap = g->cap ? g->cap * 2 : 4096;
            g->rows = realloc(g->rows, g->cap * sizeof *g->rows);
            if (!g->rows)
                abort();
        }
        gold_row *r = &g->rows[g->n++];
        r->id = hash_str(fld[0], strlen(fld[0]));
        r->label = (int64_t)hash_str(fld[col], strlen(fld[col]));
        r->pred = 0;
        r->found = false;
    }
    free(line);
    fclose(f);
    if (rc == 0 && g->n == 0) {
        fprintf(stderr, "storyline eval: %s: no gold rows\n", path);
        rc = -1;
    }
    if (rc == 0) {
        qsort(g->rows, g->n, sizeof *g->rows, cmp_row);
        size_t k = 0; /* repeated ids: the first row counts */
        for (size_t i = 0; i < g->n; i++) {
            if (k && g->rows[k - 1].id == g->rows[i].id) {
                g->duplicates++;
                continue;
            }
            g->rows[k++] = g->rows[i];
        }
        g->n = k;
    }
    return rc;
}

static gold_row *gold_find(gold *g, const char *id, size_t n)
{
    gold_row key = {.id = hash_str(id, n)};
    return bsearch(&key, g->rows, g->n, sizeof key, cmp_row);
}

/* ------------------------------------------------------------------ kinds */

typedef void (*emit_fn)(void *user, const char *id, size_t n, int64_t label);

typedef struct eval_kind {
    const char *name;
    const char *column;  /* gold column read by default */
    const char *what;    /* what is scored, for the report */
    int (*predict)(sl_store *st, emit_fn emit, void *user);
} eval_kind;

/* dups: an article's copy group; an article outside the copy index is a
 * group of its own. */
static int predict_dups(sl_store *st, emit_fn emit, void *user)
{
    return eval_predict_rows(st,
                             "SELECT a.id, coalesce(c.grp, -a.rid) FROM articles a"
                             " LEFT JOIN copies c ON c.rid = a.rid",
                             emit, user);
}

static const eval_kind kinds[] = {
    {"dups", "dup_group", "copy groups", predict_dups},
    {"clusters", "story_id|tdt_topic|cluster", "stories", eval_predict_clusters},
};

static void on_pred(void *user, const char *id, size_t n, int64_t label)
{
    gold_row *r = id ? gold_find(user, id, n) : NULL;
    if (r) {
        r->pred = label;
        r->found = true;
    } else {
        ((gold *)user)->not_in_gold++;
    }
}

/* ------------------------------------------------------------------ report */

static void report(const eval_kind *k, const char *path, const gold *g, size_t missing,
                   const metrics_scores *m, bool json)
{
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(k->name));
        json_object_set_new(o, "gold", json_string(path));
        json_object_set_new(o, "articles", json_integer((json_int_t)m->n));
        json_object_set_new(o, "missing", json_integer((json_int_t)missing));
        json_object_set_new(o, "gold_groups", json_integer((json_int_t)m->n_gold));
        json_object_set_new(o, "our_groups", json_integer((json_int_t)m->n_pred));
        json_object_set_new(o, "pair_precision", json_real(m->pair_p));
        json_object_set_new(o, "pair_recall", json_real(m->pair_r));
        json_object_set_new(o, "pair_f1", json_real(m->pair_f1));
        json_object_set_new(o, "pairs_ours", json_real(m->pairs_pred));
        json_object_set_new(o, "pairs_gold", json_real(m->pairs_gold));
        json_object_set_new(o, "pairs_both", json_real(m->pairs_both));
        json_object_set_new(o, "b3_precision", json_real(m->b3_p));
        json_object_set_new(o, "b3_recall", json_real(m->b3_r));
        json_object_set_new(o, "b3_f1", json_real(m->b3_f1));
        json_object_set_new(o, "nmi", json_real(m->nmi));
        json_object_set_new(o, "ari", json_real(m->ari));
        json_object_set_new(o, "not_in_gold", json_integer((json_int_t)g->not_in_gold));
        cli_print_json(o, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        return;
    }
    printf("eval %s: %s against %s\n", k->name, k->what, path);
    printf("articles:  %zu scored, %zu of the gold file not in the store%s\n", m->n, missing,
           g->duplicates ? " (repeated gold ids ignored)" : "");
    printf("groups:    %zu ours, %zu gold\n", m->n_pred, m->n_gold);
    printf("pairwise:  precision %.4f  recall %.4f  F1 %.4f"
           "  (pairs: %.0f ours, %.0f gold, %.0f both)\n",
           m->pair_p, m->pair_r, m->pair_f1, m->pairs_pred, m->pairs_gold, m->pairs_both);
    printf("B-cubed:   precision %.4f  recall %.4f  F1 %.4f\n", m->b3_p, m->b3_r, m->b3_f1);
    printf("NMI %.4f  ARI %.4f\n", m->nmi, m->ari);
    if (g->not_in_gold)
        printf("(%zu stored article%s not in the gold file, not scored)\n", g->not_in_gold,
               g->not_in_gold == 1 ? "" : "s");
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    if (!strcmp(a->pos[0], "summaries"))
        return eval_summaries(cmd, a);
    const eval_kind *k = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].name, a->pos[0]))
            k = &kinds[i];
    if (!k)
        return cli_usage_error(cmd, "unknown kind '%s' (known: dups, clusters, summaries)",
                               a->pos[0]);
    const char *path = cli_get(cmd, a, "gold");
    if (!path)
        return cli_usage_error(cmd, "--gold FILE is required");
    gold g = {0};
    if (gold_read(path, cli_get(cmd, a, "column"), k->column, &g) != 0) {
        free(g.rows);
        return EXIT_FAILED;
    }
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st) {
        free(g.rows);
        return EXIT_FAILED;
    }
    int rc = EXIT_OK;
    if (k->predict(st, on_pred, &g) != 0) {
        fprintf(stderr, "storyline eval: cannot read the store's %s\n", k->what);
        rc = EXIT_FAILED;
    } else {
        int64_t *pred = malloc((g.n + 1) * sizeof *pred), *lab = malloc((g.n + 1) * sizeof *lab);
        if (!pred || !lab)
            abort();
        size_t n = 0;
        for (size_t i = 0; i < g.n; i++)
            if (g.rows[i].found) {
                pred[n] = g.rows[i].pred;
                lab[n++] = g.rows[i].label;
            }
        metrics_scores m;
        metrics_score(pred, lab, n, &m);
        report(k, path, &g, g.n - n, &m, cli_flag(cmd, a, "json"));
        if (n == 0) {
            fprintf(stderr, "storyline eval: no article of %s is in the store\n", path);
            rc = EXIT_FAILED;
        }
        free(pred);
        free(lab);
    }
    free(g.rows);
    cli_store_close(st, ctx);
    return rc;
}

const cli_cmd cmd_eval = {
    "eval",
    "KIND --gold FILE [--column NAME] [--db FILE] [--json] | summaries --peers DIR --models DIR",
    "score the store's groupings against a gold file (KIND: dups, clusters, summaries)",
    "dups: copy groups against gold copy groups (newsgen's dup_group column).\n"
    "clusters: stories against gold stories (column story_id, tdt_topic or cluster);\n"
    "also prints NMI and ARI, and how many stored articles the gold file lacks.\n"
    "Prints pairwise precision, recall and F1 over the pairs of articles grouped\n"
    "together, and B-cubed. The gold file is TSV id<TAB>label; a header line naming the\n"
    "column is recognised, extra columns are ignored, --column picks another one.\n"
    "summaries: ROUGE-1 and ROUGE-2 recall of the summaries in --peers (TOPIC.SYSTEM)\n"
    "against the references in --models (TOPIC.*), as ROUGE-1.5.5 -n 2 -m -l 100 -f A\n"
    "computes them (stopwords kept, Porter stems, WordNet exceptions); no store needed.",
    opts,
    1,
    1,
    run,
};
