/*
 * storybench.c — story clustering alone, on a store that ingest filled:
 * quality against a gold file and clustering speed, for one or several
 * parameter settings (the tuning loop of bench/stories/README.md).
 *
 *   storybench --db DB [--gold FILE] [--column NAME] [--no-copies]
 *              [--stream] [--every N] [SPEC ...]
 *
 * Articles are read back from the store in ingest order (tokens and
 * sentences recomputed from the stored clean text, copy groups from the
 * copy index) and clustered from scratch by a fresh clusterer per SPEC
 * ("name=value,..."; none: the defaults). Only cluster_add is timed.
 * --stream re-reads the store for each run instead of keeping the articles
 * in memory (for million-article stores) and prints the cost per article
 * every N articles, to show whether it grows with the number of stories.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "../../src/eval/metrics.h"
#include "../../src/story/cluster.h"
#include "../../src/story/reload.h"
#include "../../src/store/store.h"

typedef struct item {
    sl_article *a; /* NULL in stream mode */
    long long rid, group;
    uint64_t id;   /* XXH3 of the article id */
    char *name;    /* the article id */
} item;

typedef struct gold_ent {
    uint64_t id;
    int64_t label;
    size_t order; /* row number: the first row of a repeated id counts */
    char *name;   /* the label */
} gold_ent;

static int cmp_gold(const void *x, const void *y)
{
    const gold_ent *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

static int cmp_gold_order(const void *x, const void *y)
{
    const gold_ent *a = x, *b = y;
    if (a->id != b->id)
        return (a->id > b->id) - (a->id < b->id);
    return (a->order > b->order) - (a->order < b->order);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* TSV id<TAB>...; the label column is found by header name (column may
 * list alternatives a|b), else column 2. Repeated ids: the first counts. */
static gold_ent *read_gold(const char *path, const char *column, size_t *n_out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "storybench: %s: cannot open\n", path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, n = 0, gcap = 1024;
    gold_ent *g = malloc(gcap * sizeof *g);
    int col = -1;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        char *fld[32];
        int nf = 0;
        fld[nf++] = line;
        for (char *p = line; *p && nf < 32; p++)
            if (*p == '\t') {
                *p = 0;
                fld[nf++] = p + 1;
            }
        if (col < 0) {
            col = 1;
            bool header = false;
            for (const char *c = column; *c && !header;) {
                size_t l = strcspn(c, "|");
                for (int i = 0; i < nf; i++)
                    if (strlen(fld[i]) == l && !strncmp(fld[i], c, l)) {
                        col = i;
                        header = true;
                    }
                c += l + (c[l] == '|');
            }
            if (header)
                continue;
        }
        if (nf <= col)
            continue;
        if (n == gcap)
            g = realloc(g, (gcap *= 2) * sizeof *g);
        g[n].id = XXH3_64bits(fld[0], strlen(fld[0]));
        g[n].label = (int64_t)XXH3_64bits(fld[col], strlen(fld[col]));
        g[n].order = n;
        g[n].name = strdup(fld[col]);
        n++;
    }
    free(line);
    fclose(f);
    qsort(g, n, sizeof *g, cmp_gold_order);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && g[k - 1].id == g[i].id) {
            free(g[i].name);
            continue;
        }
        g[k++] = g[i];
    }
    *n_out = k;
    return g;
}

static sqlite3_stmt *open_rows(sqlite3 *db)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "SELECT " STORY_RELOAD_COLUMNS
                           " FROM articles a LEFT JOIN copies c ON c.rid = a.rid ORDER BY a.rid",
                           -1, &q, NULL) != SQLITE_OK) {
        fprintf(stderr, "storybench: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    return q;
}

typedef struct run_out {
    double secs;
    size_t n, stories;
    int64_t *pred;
    float *score; /* the score cluster_add returned (joined: its own; new: the best rejected) */
    char *how;    /* CL_NEW, CL_JOINED, CL_COPY */
} run_out;

/* Notes the online merges made since the last cluster_clean in fwd (story
 * id → the id it went into; ids are below cap). */
static void note_merges(const cluster *cl, int64_t *fwd, size_t cap)
{
    uint32_t n;
    const cluster_merge *m = cluster_merges(cl, &n);
    for (uint32_t i = 0; i < n; i++)
        if (m[i].gone >= 0 && (size_t)m[i].gone < cap)
            fwd[m[i].gone] = m[i].keep;
}

static void run(sl_ctx *ctx, sqlite3 *db, item *items, size_t n_items, bool stream,
                const story_params *prm, bool copies, long every, run_out *out)
{
    cluster *cl = cluster_new(ctx, prm);
    sqlite3_stmt *q = stream ? open_rows(db) : NULL;
    double secs = 0, win = 0;
    size_t i = 0;
    out->pred = malloc((n_items + 1) * sizeof *out->pred);
    out->score = malloc((n_items + 1) * sizeof *out->score);
    out->how = malloc(n_items + 1);
    if (every)
        printf("  %10s %12s %10s %12s %12s\n", "articles", "us/article", "live", "postings",
               "scored");
    uint64_t scored0 = 0;
    size_t fcap = n_items + 2;
    int64_t *fwd = calloc(fcap, sizeof *fwd);
    for (;; i++) {
        item *it;
        item tmp;
        if (stream) {
            if (sqlite3_step(q) != SQLITE_ROW)
                break;
            tmp.a = story_reload(ctx, q, &tmp.rid, &tmp.group);
            it = &tmp;
        } else {
            if (i >= n_items)
                break;
            it = &items[i];
        }
        double t0 = now_s();
        cluster_result r = cluster_add(cl, it->a, it->rid, copies ? it->group : 0);
        double dt = now_s() - t0;
        secs += dt;
        win += dt;
        if (i < n_items) {
            out->pred[i] = r.story;
            out->score[i] = r.score;
            out->how[i] = (char)r.how;
        }
        if (stream)
            sl_article_free(tmp.a);
        if ((i + 1) % 1000 == 0) {
            double t1 = now_s();
            note_merges(cl, fwd, fcap);
            cluster_clean(cl);
            cluster_age(cl);
            double da = now_s() - t1;
            secs += da;
            win += da;
        }
        if (every && (long)((i + 1) % (size_t)every) == 0) {
            printf("  %10zu %12.2f %10u %12zu %12llu\n", i + 1, win / (double)every * 1e6,
                   cl->n_live, cl->ix.postings, (unsigned long long)(cl->n_scored - scored0));
            scored0 = cl->n_scored;
            win = 0;
            fflush(stdout);
        }
    }
    note_merges(cl, fwd, fcap);
    for (size_t k = 0; k < i && k < n_items; k++) /* stories merged online: where they went */
        for (int hops = 0; hops < 1000 && out->pred[k] > 0 && (size_t)out->pred[k] < fcap &&
                           fwd[out->pred[k]];
             hops++)
            out->pred[k] = fwd[out->pred[k]];
    free(fwd);
    out->secs = secs;
    out->n = i;
    out->stories = (size_t)(cl->next_id - 1 - (int64_t)cl->n_merged);
    if (q)
        sqlite3_finalize(q);
    cluster_free(cl);
}

/* One row's features, in the order of the header features_run writes. */
static void put_features(FILE *f, const double *x, const char *lang)
{
    fprintf(f, "%.5f\t%.5f\t%.5f\t%.0f\t%.0f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%s\n",
            x[F_TEXT], x[F_ENT], x[F_TITLE], x[F_NOTITLE], x[F_XLING], x[F_GAP], x[F_SIZE],
            x[F_NAMES], x[F_TEXTC], x[F_ENTC], x[F_RARE], x[F_NRARE], lang);
}

/* Teacher-forced run: every article goes to its gold story, and each
 * (article, candidate) pair the index retrieves is written out with its
 * features and whether the candidate is the article's gold story: the
 * training data of the score model (bench/stories/fit.py). */
static void features_run(sl_ctx *ctx, item *items, size_t n, const story_params *prm,
                         const gold_ent *gold, size_t n_gold, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "storybench: %s: cannot write\n", path);
        exit(1);
    }
    fprintf(f, "label\trank\tgold\ttext\tent\ttitle\tnotitle\txling\tgap\tsize\tnames\ttextc"
               "\tentc\trare\tnrare\tlang\n");
    cluster *cl = cluster_new(ctx, prm);
    /* distinct gold labels, sorted; story_of[i]: the story of label i */
    int64_t *labels = malloc((n_gold + 1) * sizeof *labels);
    size_t n_labels = 0;
    for (size_t i = 0; i < n_gold; i++)
        labels[i] = gold[i].label;
    qsort(labels, n_gold, sizeof *labels, cmp_i64);
    for (size_t i = 0; i < n_gold; i++)
        if (!n_labels || labels[n_labels - 1] != labels[i])
            labels[n_labels++] = labels[i];
    int64_t *story_of = calloc(n_labels + 1, sizeof *story_of);
    size_t misses = 0, placed = 0, pairs = 0;
    for (size_t i = 0; i < n; i++) {
        item *it = &items[i];
        int how;
        int64_t t = cluster_time(cl, it->a, &how);
        gold_ent key = {it->id, 0, 0, NULL};
        const gold_ent *ge = bsearch(&key, gold, n_gold, sizeof key, cmp_gold);
        const int64_t *lp = ge ? bsearch(&ge->label, labels, n_labels, sizeof *labels, cmp_i64)
                               : NULL;
        size_t gi = lp ? (size_t)(lp - labels) : n_labels;
        uint32_t target = gi < n_labels ? cluster_find(cl, story_of[gi]) : UINT32_MAX;
        uint32_t slot = cluster_copy_slot(cl, it->group);
        if (slot != UINT32_MAX) {
            cluster_join_copy(cl, slot, it->a, it->rid, t);
        } else {
            uint32_t nt = cluster_featurize(cl, it->a);
            bool found = false;
            uint32_t nc = nt ? cluster_candidates(cl) : 0;
            for (uint32_t c = 0; c < nc; c++) {
                uint32_t cs = cl->touched[c];
                double x[F__COUNT];
                cluster_features(cl, &cl->av, &cl->s[cs], t, x);
                bool same = cs == target;
                found = found || same;
                fprintf(f, "%d\t%u\t%s\t", same, c, ge ? ge->name : "-");
                put_features(f, x, it->a->lang);
                pairs++;
            }
            if (target != UINT32_MAX && !found && nt) { /* the gold story, not retrieved */
                double x[F__COUNT];
                cluster_features(cl, &cl->av, &cl->s[target], t, x);
                fprintf(f, "2\t-1\t%s\t", ge ? ge->name : "-");
                put_features(f, x, it->a->lang);
            }
            if (target != UINT32_MAX) {
                placed++;
                misses += !found;
                cluster_join(cl, target, it->a, it->rid, t);
                slot = target;
            } else {
                slot = cluster_start(cl, it->a, it->rid, t);
                if (gi < n_labels)
                    story_of[gi] = cl->s[slot].id;
            }
            cluster_set_copy(cl, it->group, slot);
        }
        if ((i + 1) % 1000 == 0) {
            cluster_clean(cl);
            cluster_age(cl);
        }
    }
    fprintf(stderr, "storybench: %zu pairs; %zu of %zu articles whose gold story was live had it "
                    "missing from the candidates\n", pairs, misses, placed);
    fclose(f);
    free(story_of);
    free(labels);
    cluster_free(cl);
}

int main(int argc, char **argv)
{
    const char *db_path = NULL, *gold_path = NULL, *column = "story_id|tdt_topic|cluster";
    const char *dump = NULL, *features = NULL;
    bool stream = false, copies = true;
    long every = 0;
    const char *specs[64];
    int n_specs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db_path = argv[++i];
        else if (!strcmp(argv[i], "--gold") && i + 1 < argc)
            gold_path = argv[++i];
        else if (!strcmp(argv[i], "--column") && i + 1 < argc)
            column = argv[++i];
        else if (!strcmp(argv[i], "--features") && i + 1 < argc)
            features = argv[++i];
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump = argv[++i];
        else if (!strcmp(argv[i], "--stream"))
            stream = true;
        else if (!strcmp(argv[i], "--no-copies"))
            copies = false;
        else if (!strcmp(argv[i], "--every") && i + 1 < argc)
            every = atol(argv[++i]);
        else if (argv[i][0] != '-' && n_specs < 64)
            specs[n_specs++] = argv[i];
        else {
            fprintf(stderr, "usage: storybench --db DB [--gold FILE] [--column NAME] "
                            "[--no-copies] [--stream] [--every N] [--dump FILE] [SPEC ...]\n");
            return 2;
        }
    }
    if (!db_path)
        return fprintf(stderr, "storybench: --db is required\n"), 2;
    if (n_specs == 0)
        specs[n_specs++] = "";
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_store *st = sl_store_open(ctx, db_path);
    if (!st)
        return 1;
    sqlite3 *db = sl_store_db(st);

    /* the articles (ids always; built articles unless streaming) */
    size_t n = 0, cap = 1024;
    item *items = malloc(cap * sizeof *items);
    double t0 = now_s();
    sqlite3_stmt *q = open_rows(db);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == cap)
            items = realloc(items, (cap *= 2) * sizeof *items);
        item *it = &items[n++];
        const char *id = (const char *)sqlite3_column_text(q, 1);
        it->id = XXH3_64bits(id ? id : "", id ? strlen(id) : 0);
        it->name = strdup(id ? id : "");
        it->rid = sqlite3_column_int64(q, 0);
        it->group = sqlite3_column_int64(q, 10);
        it->a = stream ? NULL : story_reload(ctx, q, &it->rid, &it->group);
    }
    sqlite3_finalize(q);
    fprintf(stderr, "storybench: %zu articles read back in %.1f s\n", n, now_s() - t0);

    gold_ent *gold = NULL;
    size_t n_gold = 0;
    if (gold_path)
        gold = read_gold(gold_path, column, &n_gold);

    if (features) {
        story_params prm;
        char err[160];
        story_params_default(&prm);
        if (!gold || stream || story_params_set(&prm, specs[0], err, sizeof err) != 0) {
            fprintf(stderr, "storybench: --features needs --gold, no --stream, a good SPEC\n");
            return 2;
        }
        features_run(ctx, items, n, &prm, gold, n_gold, features);
        return 0;
    }
    printf("%-44s %7s %7s | %6s %6s %6s | %6s %6s %6s | %6s %6s | %9s\n", "params", "articles",
           "stories", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "NMI", "ARI",
           "art/s");
    for (int s = 0; s < n_specs; s++) {
        story_params prm;
        char err[160];
        story_params_default(&prm);
        if (story_params_set(&prm, specs[s], err, sizeof err) != 0) {
            fprintf(stderr, "storybench: %s\n", err);
            return 2;
        }
        run_out o;
        run(ctx, db, items, n, stream, &prm, copies, every, &o);
        metrics_scores m = {0};
        if (gold) {
            int64_t *p = malloc((n + 1) * sizeof *p), *g = malloc((n + 1) * sizeof *g);
            size_t k = 0;
            for (size_t i = 0; i < n && i < o.n; i++) {
                gold_ent key = {items[i].id, 0, 0, NULL};
                gold_ent *e = bsearch(&key, gold, n_gold, sizeof key, cmp_gold);
                if (!e)
                    continue;
                p[k] = o.pred[i];
                g[k++] = e->label;
            }
            metrics_score(p, g, k, &m);
            free(p);
            free(g);
        }
        printf("%-44s %7zu %7zu | %6.4f %6.4f %6.4f | %6.4f %6.4f %6.4f | %6.4f %6.4f | %9.0f\n",
               *specs[s] ? specs[s] : "(defaults)", o.n, o.stories, m.b3_p, m.b3_r, m.b3_f1,
               m.pair_p, m.pair_r, m.pair_f1, m.nmi, m.ari, (double)o.n / o.secs);
        fflush(stdout);
        if (dump) { /* the assignments of the last run: id, story, copy group (as `export
                     * assignments` writes them), then how and score */
            FILE *f = fopen(dump, "w");
            for (size_t i = 0; f && i < n && i < o.n; i++)
                fprintf(f, "%s\t%lld\t%lld\t%d\t%.3f\n", items[i].name, (long long)o.pred[i],
                        items[i].group, o.how[i], o.score[i]);
            if (f)
                fclose(f);
        }
        free(o.pred);
        free(o.score);
        free(o.how);
    }
    for (size_t i = 0; i < n; i++) {
        sl_article_free(items[i].a);
        free(items[i].name);
    }
    free(items);
    free(gold);
    sl_store_close(st);
    sl_ctx_free(ctx);
    return 0;
}
