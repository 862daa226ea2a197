/*
 * qfeat.c — bench tool of the learned sentence quality (summary.c): dumps
 * every candidate sentence's quality features beside its ROUGE precision
 * against a docset's reference summaries (the training targets), and writes
 * summaries with given model coefficients and mixing weight (for
 * cross-validation). Driven by bench/digest/qfit.py; not part of the product.
 *
 *   qfeat dump MODELS_DIR FILE.jsonl...
 *       one TSV line per eligible sentence: topic, unit, words, ROUGE-1
 *       hits / peer unigrams / ROUGE-2 hits / peer bigrams (summed over the
 *       references), the DG_QF features, the sentence
 *   qfeat summarize OUT_DIR NAME [--mix M] [--coef c0,...] [--pos W] [--set PARAM=V]...
 *                   [--fill] FILE.jsonl...
 *       the 100-word summary of each file (one docset each) in
 *       OUT_DIR/TOPIC.NAME, one sentence a line (as `storyline summarize
 *       --format lines`)
 *
 * TOPIC is the file's name without ".jsonl" and a trailing "t" (d30001t.jsonl:
 * d30001), as the DUC reference files name it.
 */
#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest/digest.h"
#include "eval/rouge.h"
#include "storyline.h"

typedef struct arts {
    sl_ctx *ctx;
    sl_article **a;
    size_t n, cap;
} arts;

static void quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static bool on_raw(void *user, const sl_raw *raw)
{
    arts *g = user;
    sl_article *a = sl_article_build(g->ctx, raw);
    if (!a)
        return true;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->a = realloc(g->a, g->cap * sizeof *g->a);
    }
    g->a[g->n++] = a;
    return true;
}

static char *topic_of(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char *t = strdup(b);
    char *dot = strchr(t, '.');
    if (dot)
        *dot = 0;
    size_t n = strlen(t);
    if (n > 1 && t[n - 1] == 't')
        t[n - 1] = 0;
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len + 1);
    *n = fread(s, 1, (size_t)len, f);
    s[*n] = 0;
    fclose(f);
    return s;
}

typedef struct dumpctx {
    const char *topic;
    rouge *r;
    rouge_text models[16];
    size_t n_models;
} dumpctx;

static void dump_probe(dg_build *b, void *arg)
{
    dumpctx *dc = arg;
    double *F = dg_quality_features(b);
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!u->eligible)
            continue;
        char *text = dg_sentence_text(b->tmp, b->arts[u->art], u->sent);
        rouge_text t;
        rouge_read(dc->r, text, strlen(text), 0, &t);
        rouge_count c1 = {0}, c2 = {0};
        rouge_ngram(&t, dc->models, dc->n_models, 1, &c1);
        rouge_ngram(&t, dc->models, dc->n_models, 2, &c2);
        rouge_text_free(&t);
        printf("%s\t%zu\t%u\t%g\t%g\t%g\t%g", dc->topic, ui, u->words, c1.hit, c1.peer, c2.hit,
               c2.peer);
        for (int k = 0; k < DG_QF; k++)
            printf("\t%.6g", F[ui * DG_QF + k]);
        for (char *p = text; *p; p++)
            if (*p == '\t' || *p == '\n')
                *p = ' ';
        printf("\t%s\n", text);
    }
}

static void load_models(dumpctx *dc, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    size_t tl = strlen(dc->topic);
    while ((e = readdir(d)) && dc->n_models < 16) {
        if (strncasecmp(e->d_name, dc->topic, tl) || e->d_name[tl] != '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n;
        char *s = slurp(path, &n);
        if (s)
            rouge_read(dc->r, s, n, 100, &dc->models[dc->n_models++]);
        free(s);
    }
    closedir(d);
}

/* --set NAME=VALUE: a numeric summary parameter (the experiments of README.md). */
static void set_param(dg_params *p, const char *kv)
{
    static const struct {
        const char *name;
        size_t off;
        bool is_int;
    } known[] = {
        {"len_exp", offsetof(dg_params, len_exp), false},
        {"pos_w", offsetof(dg_params, pos_w), false},
        {"lead_bonus", offsetof(dg_params, lead_bonus), false},
        {"uni_w", offsetof(dg_params, uni_w), false},
        {"df_pow", offsetof(dg_params, df_pow), false},
        {"redundant", offsetof(dg_params, redundant), false},
        {"q_mix", offsetof(dg_params, q_mix), false},
        {"floor", offsetof(dg_params, floor), true},
        {"min_words", offsetof(dg_params, min_words), true},
        {"max_words", offsetof(dg_params, max_words), true},
        {"swaps", offsetof(dg_params, swaps), true},
        {"near_df", offsetof(dg_params, near_df), true},
        {"trim", offsetof(dg_params, trim), true},
    };
    const char *eq = strchr(kv, '=');
    size_t n = eq ? (size_t)(eq - kv) : 0;
    for (size_t i = 0; eq && i < sizeof known / sizeof *known; i++) {
        if (strlen(known[i].name) != n || strncmp(kv, known[i].name, n))
            continue;
        char *at = (char *)p + known[i].off;
        if (known[i].is_int)
            *(int *)(void *)at = atoi(eq + 1);
        else
            *(double *)(void *)at = atof(eq + 1);
        return;
    }
    fprintf(stderr, "qfeat: unknown parameter %s\n", kv);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "dump") && strcmp(argv[1], "summarize"))) {
        fprintf(stderr, "usage: qfeat dump MODELS_DIR FILE.jsonl...\n"
                        "       qfeat summarize OUT_DIR NAME [--mix M] [--coef c0,...] [--fill] "
                        "FILE.jsonl...\n");
        return 2;
    }
    bool dump = !strcmp(argv[1], "dump");
    dg_params prm = dg_default_params();
    sl_digest_opts opts = {.words = 100};
    double coef[DG_QF] = {0};
    int i = dump ? 3 : 4;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        if (!strcmp(argv[i], "--fill"))
            opts.fill = true;
        else if (!strcmp(argv[i], "--mix") && i + 1 < argc)
            prm.q_mix = atof(argv[++i]);
        else if (!strcmp(argv[i], "--pos") && i + 1 < argc)
            prm.pos_w = atof(argv[++i]);
        else if (!strcmp(argv[i], "--set") && i + 1 < argc)
            set_param(&prm, argv[++i]);
        else if (!strcmp(argv[i], "--coef") && i + 1 < argc) {
            char *p = argv[++i];
            for (int k = 0; k < DG_QF && *p; k++) {
                coef[k] = strtod(p, &p);
                if (*p == ',')
                    p++;
            }
            prm.q_coef = coef;
        }
    }
    rouge *r = NULL;
    if (dump) {
        r = rouge_new("en", 1);
        static const char *const exc[] = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};
        for (int k = 0; k < 4; k++) {
            char p[256];
            snprintf(p, sizeof p, "/usr/share/wordnet/%s", exc[k]);
            rouge_load_exceptions(r, p);
        }
    }
    for (; i < argc; i++) {
        arts g = {0};
        g.ctx = sl_ctx_new(quiet, NULL);
        sl_read_path(g.ctx, argv[i], on_raw, &g);
        char *topic = topic_of(argv[i]);
        dumpctx dc = {.topic = topic, .r = r};
        dg_params p = prm;
        if (dump) {
            load_models(&dc, argv[2]);
            p.probe = dump_probe;
            p.probe_arg = &dc;
        }
        if (g.n) {
            sl_digest *d =
                dg_digest_build_with(g.ctx, (const sl_article *const *)g.a, g.n, &opts, &p);
            if (!dump) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s.%s", argv[2], topic, argv[3]);
                FILE *f = fopen(path, "w");
                char *out = sl_digest_render(d, SL_FORMAT_LINES, NULL);
                if (f) {
                    fputs(out, f);
                    fclose(f);
                }
                free(out);
            }
            sl_digest_free(d);
        }
        for (size_t k = 0; k < dc.n_models; k++)
            rouge_text_free(&dc.models[k]);
        for (size_t k = 0; k < g.n; k++)
            sl_article_free(g.a[k]);
        free(g.a);
        free(topic);
        sl_ctx_free(g.ctx);
    }
    if (r)
        rouge_free(r);
    return 0;
}
