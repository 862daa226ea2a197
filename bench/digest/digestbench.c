/*
 * digestbench.c — how fast digests are: every story of a labelled stream
 * (newsgen JSONL + gold TSV with a story_id column) digested once, and the
 * largest story digested repeatedly.
 *
 * Usage: digestbench STREAM.jsonl GOLD.tsv [WORDS]
 *
 * The stream is read whole, its lines grouped by gold story; then story by
 * story the articles are built (read → clean → analyse, as ingest or a
 * store reload does) and digested (sl_digest_build, then rendered as JSON).
 * Building and digesting are timed apart: the digest time is what the
 * digest costs, the build time what getting the articles back costs.
 * Prints one line per measure (CPU time of the process, one thread); the
 * first 50 articles of the largest story are digested 20 times and the
 * median reported.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline.h"

typedef struct line {
    char *s;
    int story;
} line;

typedef struct sid {
    char *name;
} sid;

/* CPU time of the process: the machine may be shared, and all is one thread */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Gold: id → story index, via a sorted array of (id, story). */
typedef struct gold {
    char *id;
    int story;
} gold;

static int cmp_gold(const void *a, const void *b)
{
    return strcmp(((const gold *)a)->id, ((const gold *)b)->id);
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static sl_article *build(sl_ctx *ctx, const char *text)
{
    json_t *o = json_loads(text, 0, NULL);
    if (!o)
        return NULL;
    sl_raw r;
    memset(&r, 0, sizeof r);
    r.id = jstr(o, "id");
    r.url = jstr(o, "url");
    r.source = jstr(o, "source");
    r.title = jstr(o, "title");
    r.date = jstr(o, "date");
    r.lang = jstr(o, "lang");
    r.text = jstr(o, "text");
    r.text_len = r.text ? strlen(r.text) : 0;
    r.origin = "bench";
    r.format = "jsonl";
    sl_article *a = sl_article_build(ctx, &r);
    json_decref(o);
    return a;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: digestbench STREAM.jsonl GOLD.tsv [WORDS]\n");
        return 2;
    }
    unsigned words = argc > 3 ? (unsigned)atoi(argv[3]) : 100;
    /* gold */
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    size_t ng = 0, capg = 1 << 16, nst = 0, capst = 1 << 12;
    gold *g = malloc(capg * sizeof *g);
    char **stories = malloc(capst * sizeof *stories);
    char *ln = NULL;
    size_t lcap = 0;
    ssize_t len;
    int col = 1;
    bool header = true;
    while ((len = getline(&ln, &lcap, f)) > 0) {
        ln[strcspn(ln, "\r\n")] = 0;
        char *fld[8];
        int nf = 0;
        for (char *p = ln, *t; nf < 8 && (t = strsep(&p, "\t"));)
            fld[nf++] = t;
        if (header) {
            header = false;
            for (int i = 0; i < nf; i++)
                if (!strcmp(fld[i], "story_id"))
                    col = i;
            if (col != 1 || (nf > 1 && !strcmp(fld[1], "story_id")))
                continue;
        }
        if (nf <= col)
            continue;
        int s = -1; /* stories are few: a linear scan from the end finds recent ones */
        for (size_t i = nst; i-- > 0 && s < 0;)
            if (!strcmp(stories[i], fld[col]))
                s = (int)i;
        if (s < 0) {
            if (nst == capst)
                stories = realloc(stories, (capst *= 2) * sizeof *stories);
            stories[nst] = strdup(fld[col]);
            s = (int)nst++;
        }
        if (ng == capg)
            g = realloc(g, (capg *= 2) * sizeof *g);
        g[ng].id = strdup(fld[0]);
        g[ng++].story = s;
    }
    fclose(f);
    qsort(g, ng, sizeof *g, cmp_gold);
    /* stream, grouped */
    f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    size_t nl = 0, capl = 1 << 16;
    line *lines = malloc(capl * sizeof *lines);
    while ((len = getline(&ln, &lcap, f)) > 0) {
        json_t *o = json_loadb(ln, (size_t)len, 0, NULL);
        const char *id = o ? jstr(o, "id") : NULL;
        gold key = {.id = (char *)id};
        gold *hit = id ? bsearch(&key, g, ng, sizeof *g, cmp_gold) : NULL;
        json_decref(o);
        if (!hit)
            continue;
        if (nl == capl)
            lines = realloc(lines, (capl *= 2) * sizeof *lines);
        lines[nl].s = strndup(ln, (size_t)len);
        lines[nl++].story = hit->story;
    }
    fclose(f);
    free(ln);
    /* bucket the lines by story */
    size_t *cnt = calloc(nst + 1, sizeof *cnt), *start = calloc(nst + 1, sizeof *start);
    for (size_t i = 0; i < nl; i++)
        cnt[lines[i].story]++;
    for (size_t s = 1; s <= nst; s++)
        start[s] = start[s - 1] + cnt[s - 1];
    size_t *order = malloc((nl ? nl : 1) * sizeof *order), *fill = calloc(nst, sizeof *fill);
    for (size_t i = 0; i < nl; i++)
        order[start[lines[i].story] + fill[lines[i].story]++] = i;

    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    sl_digest_opts opts = {.words = words};
    double t_build = 0, t_digest = 0, t_render = 0;
    double *per = malloc((nst ? nst : 1) * sizeof *per);
    size_t n_done = 0, biggest = 0, big_n = 0, arts_total = 0;
    sl_article **arts = malloc((nl ? nl : 1) * sizeof *arts);
    for (size_t s = 0; s < nst; s++) {
        size_t n = 0;
        double t0 = now();
        for (size_t k = 0; k < cnt[s]; k++) {
            sl_article *a = build(ctx, lines[order[start[s] + k]].s);
            if (a)
                arts[n++] = a;
        }
        double t1 = now();
        if (n) {
            sl_digest *d = sl_digest_build(ctx, (const sl_article *const *)arts, n, &opts);
            double t2 = now();
            char *js = sl_digest_render(d, SL_FORMAT_JSON, stories[s]);
            double t3 = now();
            free(js);
            sl_digest_free(d);
            per[n_done++] = t2 - t1;
            t_digest += t2 - t1;
            t_render += t3 - t2;
            arts_total += n;
            if (n > big_n) {
                big_n = n;
                biggest = s;
            }
        }
        t_build += t1 - t0;
        for (size_t k = 0; k < n; k++)
            sl_article_free(arts[k]);
    }
    qsort(per, n_done, sizeof *per, cmp_double);
    printf("stories             %zu (%zu articles, %.1f per story, largest %zu)\n", n_done,
           arts_total, n_done ? (double)arts_total / (double)n_done : 0.0, big_n);
    printf("build articles      %.2f s (read, clean, analyse: what a reload costs)\n", t_build);
    printf("digest all          %.2f s (sl_digest_build: summary, attribution, timeline, facts)\n",
           t_digest);
    printf("render all (JSON)   %.2f s\n", t_render);
    if (n_done)
        printf("per story digest    median %.2f ms, p99 %.2f ms, max %.2f ms\n",
               per[n_done / 2] * 1e3, per[(size_t)((double)n_done * 0.99)] * 1e3,
               per[n_done - 1] * 1e3);
    /* the largest story, again and again */
    if (big_n) {
        size_t n = big_n < 50 ? big_n : 50, m = 0;
        for (size_t k = 0; k < cnt[biggest] && m < n; k++) {
            sl_article *a = build(ctx, lines[order[start[biggest] + k]].s);
            if (a)
                arts[m++] = a;
        }
        double reps[20];
        for (int r = 0; r < 20; r++) {
            double t0 = now();
            sl_digest *d = sl_digest_build(ctx, (const sl_article *const *)arts, m, &opts);
            reps[r] = now() - t0;
            sl_digest_free(d);
        }
        qsort(reps, 20, sizeof *reps, cmp_double);
        printf("story of %zu articles  median %.2f ms over 20 digests\n", m, reps[10] * 1e3);
        for (size_t k = 0; k < m; k++)
            sl_article_free(arts[k]);
    }
    sl_ctx_free(ctx);
    for (size_t i = 0; i < nl; i++)
        free(lines[i].s);
    for (size_t i = 0; i < ng; i++)
        free(g[i].id);
    for (size_t i = 0; i < nst; i++)
        free(stories[i]);
    free(lines), free(g), free(stories), free(cnt), free(start), free(order), free(fill);
    free(per), free(arts);
    return 0;
}
