/*
 * facts_bench.c — speed of facts extraction (sl_facts_extract) on one core.
 *
 * Reads PATH (a file or directory of .txt / JSONL articles), builds every
 * article once (timed apart: read + clean + analysis), then runs the facts
 * extraction over all of them ROUNDS times and prints articles per second
 * for both, and what the facts found (entities, resolved places, figures,
 * quotes per article). Times are CPU time of the process. Built and run by
 * bench/facts/run.sh.
 *
 *   facts-bench PATH [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline.h"

typedef struct set {
    sl_ctx *ctx;
    sl_article **a;
    size_t n, cap;
    size_t bytes;
} set;

/* CPU time of the process (one thread): the machine is shared, and the
 * figure to hold is the work done per article, not the wall clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool keep(void *user, const sl_raw *raw)
{
    set *s = user;
    sl_article *a = sl_article_build(s->ctx, raw);
    if (!a)
        return true;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->a = realloc(s->a, s->cap * sizeof *s->a);
        if (!s->a)
            abort();
    }
    s->a[s->n++] = a;
    s->bytes += a->text_len;
    return true;
}

static void quiet(void *u, sl_severity sev, const char *f, unsigned l, const char *m)
{
    (void)u, (void)sev, (void)f, (void)l, (void)m;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "corpus";
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    if (rounds < 1)
        rounds = 1;
    set s = {0};
    s.ctx = sl_ctx_new(quiet, NULL);
    double t0 = now();
    if (sl_read_path(s.ctx, path, keep, &s) < 0 || s.n == 0) {
        fprintf(stderr, "facts-bench: nothing read from %s\n", path);
        return 1;
    }
    double t_build = now() - t0;
    printf("gazetteer: %s\n", sl_gazetteer_path(s.ctx) ? sl_gazetteer_path(s.ctx) : "(none)");
    size_t ents = 0, places = 0, resolved = 0, figs = 0, quotes = 0;
    double t1 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < s.n; i++) {
            sl_facts *f = sl_facts_extract(s.ctx, s.a[i]);
            if (r == 0) {
                ents += f->n_entities;
                figs += f->n_figures;
                quotes += f->n_quotes;
                for (size_t e = 0; e < f->n_entities; e++) {
                    places += f->entities[e].kind == SL_ENT_PLACE;
                    resolved += f->entities[e].resolved;
                }
            }
        }
    double t_facts = now() - t1;
    double n = (double)s.n;
    printf("articles: %zu (%.1f KB average clean text), %d rounds\n", s.n,
           s.bytes / n / 1024.0, rounds);
    printf("build (read + clean + analyse): %.0f articles/s\n", n / t_build);
    printf("facts extraction:               %.0f articles/s (%.1f us/article)\n",
           n * rounds / t_facts, t_facts / (n * rounds) * 1e6);
    printf("per article: %.1f entities (%.1f places, %.1f resolved), %.1f figures, %.2f quotes\n",
           ents / n, places / n, resolved / n, figs / n, quotes / n);
    for (size_t i = 0; i < s.n; i++)
        sl_article_free(s.a[i]);
    free(s.a);
    sl_ctx_free(s.ctx);
    return 0;
}
