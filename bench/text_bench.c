/*
 * text_bench.c — micro-benchmark of the text module: tokenises (with norms,
 * stems, flags) and sentence-splits a synthetic ~2.2 KB French/English news
 * text ITER times, then prints tokens/s and articles/s. Language detection
 * is timed apart (it runs once per article without a given language).
 * Times are CPU time of the process.
 *
 * Build and run: make bench-text   (or by hand against libstoryline.a)
 * Usage: text_bench [iterations]   (default 100000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline.h"
#include "text/text.h"

/* Invented text: two paragraphs of each language, numbers, quotes, dates. */
static const char *const bench_paras[] = {
    "PARIS, 24 octobre 2017 — Le gouvernement a présenté mardi un projet de loi "
    "qui prévoit 1 500 postes supplémentaires d'ici à 2019, soit une hausse de 3,5 % "
    "du budget. « Nous tiendrons nos engagements », a assuré M. Dupont, ministre "
    "de l'Intérieur, lors d'une conférence de presse à 10h30. L'opposition dénonce "
    "un texte « bâclé » et réclame un débat au Parlement avant le 15 novembre.",
    "Selon l'Insee, le chômage a reculé de 0,2 point au troisième trimestre, à "
    "9,4 % de la population active. Les syndicats restent prudents : « C'est une "
    "bonne nouvelle, mais elle ne suffit pas », estime la secrétaire générale de la "
    "CFDT. Jean-Pierre Martin, économiste, rappelle qu'aujourd'hui encore plus de "
    "2,5 millions de personnes cherchent un emploi depuis plus d'un an.",
    "WASHINGTON (Reuters) — The U.S. Senate on Tuesday approved a $1.2 billion aid "
    "package for regions hit by the hurricane, sending the bill to the House. "
    "\"We cannot leave these families behind,\" said Sen. Jane Miller, who led the "
    "negotiations. The vote was 78-21. Officials said 3,400 homes were destroyed "
    "and about 12% of residents are still without power on Oct. 24.",
    "Analysts at Acme Corp. expect the economy to grow 2.1% this year, down from "
    "2.4% in 2016. Dr. Robert Chen, a professor at the university, said the "
    "figures were \"better than feared\" but warned that rising rates could slow "
    "investment. Markets closed higher: the index gained 0.8% to 2,575.21 points, "
    "its 5th record close this month. Trading volume was light...",
    "À Marseille, la préfecture a annoncé la fermeture de 12 écoles jusqu'au "
    "1er novembre. « La sécurité des élèves passe avant tout », a déclaré le préfet, "
    "qui n'exclut pas de prolonger la mesure. Les parents, réunis devant la mairie "
    "vers 18h, ont dénoncé un manque d'information. Le maire s'est dit « surpris ». "
    "Une réunion est prévue jeudi.",
    "Meanwhile, the European Central Bank kept its main rate at 0% and said it would "
    "review its bond purchases in December. \"Inflation remains too low,\" the bank's "
    "president told reporters in Frankfurt. Economists had expected no change, "
    "and the euro rose 0.3% against the dollar after the announcement.",
};

/* CPU time of the process: on a shared machine, wall time also counts the
 * time other processes held the core. */
static double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 100000;
    if (iters <= 0)
        iters = 1;
    size_t np = sizeof bench_paras / sizeof bench_paras[0];
    char text[8192];
    sl_span paras[8];
    size_t n = 0;
    for (size_t i = 0; i < np; i++) {
        if (i) {
            memcpy(text + n, "\n\n", 2);
            n += 2;
        }
        size_t l = strlen(bench_paras[i]);
        paras[i].start = (uint32_t)n;
        memcpy(text + n, bench_paras[i], l);
        n += l;
        paras[i].end = (uint32_t)n;
    }
    text[n] = 0;

    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_arena *a = arena_new();
    size_t total_toks = 0, total_sents = 0;
    double t0 = bench_now();
    for (long it = 0; it < iters; it++) {
        sl_token *toks;
        sl_sentence *sents;
        size_t nt = tokenize(ctx, a, "fr", text, n, &toks);
        size_t ns = sentence_split(a, "fr", text, n, paras, np, toks, nt, &sents);
        total_toks += nt;
        total_sents += ns;
        arena_reset(a);
    }
    double dt = bench_now() - t0;
    printf("text: %zu bytes, %zu tokens, %zu sentences per article\n", n,
           total_toks / (size_t)iters, total_sents / (size_t)iters);
    printf("tokenize+stem+sentences: %.0f tokens/s, %.0f articles/s, %.2f us/article\n",
           (double)total_toks / dt, (double)iters / dt, dt * 1e6 / (double)iters);

    long lit = iters / 10 > 0 ? iters / 10 : 1;
    const char *lang = "";
    t0 = bench_now();
    for (long it = 0; it < lit; it++)
        lang = lang_detect(ctx, text, n);
    dt = bench_now() - t0;
    printf("lang_detect: \"%s\", %.2f us/article\n", lang, dt * 1e6 / (double)lit);
    arena_free(a);
    sl_ctx_free(ctx);
    return 0;
}
