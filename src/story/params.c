/*
 * params.c — the table of clustering parameters: name, place, default and
 * one line of documentation each. The table drives the defaults, the
 * name=value parser and the description, so they cannot disagree.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

typedef struct param_def {
    const char *name;
    size_t off;
    char type; /* 'd' double, 'i' int */
    double dflt;
    double lo, hi;
    const char *doc;
} param_def;

#define P(name, type, dflt, lo, hi, doc) {#name, offsetof(story_params, name), type, dflt, lo, hi, doc}

static const param_def defs[] = {
    P(b0, 'd', -2.1, -100, 100, "score model: intercept"),
    P(b_text, 'd', 16, -100, 100, "score model: text-stems cosine"),
    P(b_ent, 'd', 12, -100, 100, "score model: names/numbers cosine"),
    P(b_title, 'd', 0, -100, 100, "score model: title-stems cosine"),
    P(b_notitle, 'd', -0.368, -100, 100, "score model: no title cosine"),
    P(b_xling, 'd', 1.7, -100, 100, "score model: story in other languages only"),
    P(b_gap, 'd', -1.9, -100, 100, "score model: ln(1 + gap in days to the story)"),
    P(b_size, 'd', -1, -100, 100, "score model: ln(articles scored into the story)"),
    P(b_names, 'd', -4, -100, 100, "score model: names disagree (cluster.h F_NAMES)"),
    P(b_textc, 'd', 0, -100, 100, "score model: share of the article's text stems in the story"),
    P(b_entc, 'd', 0, -100, 100, "score model: share of the article's names in the story"),
    P(b_rare, 'd', 0, -100, 100, "score model: IDF of the rarest shared name (cluster.h F_RARE)"),
    P(b_nrare, 'd', 0, -100, 100, "score model: ln(1 + rare names shared)"),
    P(b_xnames, 'd', 4, -100, 100, "score model: names disagree, extra when cross-language"),
    P(b_xrare, 'd', 0, -100, 100, "score model: rarest shared name, extra when cross-language"),
    P(rare_idf, 'd', 0.6, 0, 1, "a shared name is rare when its IDF is this share of the largest"),
    P(threshold, 'd', 0.55, 0, 1, "score needed to join a story (else a new one starts)"),
    P(window_days, 'd', 45, 0.01, 100000, "days after its last article a story stays a candidate"),
    P(w_text, 'd', 0.45, 0, 100, "retrieval: weight of text terms when ranking"),
    P(w_ent, 'd', 0.7, 0, 100, "retrieval: weight of names/numbers when ranking"),
    P(w_title, 'd', 0.20, 0, 100, "retrieval: weight of title terms when ranking"),
    P(lead_boost, 'd', 2, 0, 100, "extra weight of the lead: sentence k weighs 1 + b/(1+k)"),
    P(list_penalty, 'd', 0.3, 0, 1, "weight of sentences without final punctuation"),
    P(idf_add, 'd', 1, 0, 100, "IDF = ln((N+1)/(df+1)) + idf_add"),
    P(place_pop, 'd', 2e5, -1, 1e10, "places this populous, countries: one key in all languages"),
    P(num_fold, 'i', 1, 0, 1, "1: a number's key ignores a percent sign (34,2 % = 34.2 percent)"),
    P(art_text, 'i', 60, 1, 4096, "text terms kept per article"),
    P(art_ent, 'i', 30, 1, 4096, "names and numbers kept per article"),
    P(art_title, 'i', 12, 1, 4096, "title terms kept per article"),
    P(cen_text, 'i', 100, 1, 4096, "text terms kept per story centroid"),
    P(cen_ent, 'i', 50, 1, 4096, "names and numbers kept per story centroid"),
    P(cen_title, 'i', 24, 1, 4096, "title terms kept per story centroid"),
    P(index_terms, 'i', 80, 1, 255, "strongest story terms posted in the inverted index"),
    P(query_terms, 'i', 40, 1, 255, "strongest article terms looked up in the index"),
    P(max_postings, 'i', 400, 1, 1000000, "postings read per query term (most recent first)"),
    P(max_candidates, 'i', 30, 1, 10000, "candidate stories scored in full per article"),
    P(future_days, 'd', 2, 0, 100000, "dates beyond wall clock + this many days are not trusted"),
    P(min_year, 'i', 1800, 0, 9999, "dates before this year are not trusted"),
    P(decay_days, 'd', 0, 0, 100000, "a story's older members fade by exp(-days / this); 0: off"),
    P(merge_seed, 'd', 0.4, 0, 1, "online merge: article score making a second story a suspect"),
    P(merge_online, 'd', 0.35, 0, 10, "online merge: pair score (both ways) to merge; > 1: off"),
    P(merge_names, 'd', 0.1, 0, 1, "online merge: least names cosine between the two stories"),
    P(merge_rare, 'd', 0.8, 0, 1, "online merge: the two stories share a name this rare (F_RARE)"),
    P(merge_checks, 'i', 2, 0, 100, "online merge: other candidates checked per article"),
    P(merge_threshold, 'd', 0.9, 0, 10, "recluster: merge two stories scoring this much"),
    P(split_threshold, 'd', 0.01, 0, 10, "recluster: split halves of a story scoring below this"),
};
#define N_DEFS (sizeof defs / sizeof defs[0])

static void put(story_params *p, const param_def *d, double v)
{
    char *base = (char *)p + d->off;
    if (d->type == 'i')
        *(int *)base = (int)v;
    else
        *(double *)base = v;
}

static double get(const story_params *p, const param_def *d)
{
    const char *base = (const char *)p + d->off;
    return d->type == 'i' ? *(const int *)base : *(const double *)base;
}

void story_params_default(story_params *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < N_DEFS; i++)
        put(p, &defs[i], defs[i].dflt);
}

static const param_def *find(const char *name, size_t len)
{
    for (size_t i = 0; i < N_DEFS; i++)
        if (strlen(defs[i].name) == len && strncmp(defs[i].name, name, len) == 0)
            return &defs[i];
    return NULL;
}

int story_params_set(story_params *p, const char *spec, char *err, size_t errlen)
{
    const char *s = spec ? spec : "";
    while (*s) {
        size_t item = strcspn(s, ", ");
        if (item == 0) {
            s++;
            continue;
        }
        const char *eq = memchr(s, '=', item);
        const param_def *d = eq ? find(s, (size_t)(eq - s)) : NULL;
        if (!d) {
            snprintf(err, errlen, "unknown story parameter '%.*s'", (int)item, s);
            return -1;
        }
        char num[64];
        size_t vlen = item - (size_t)(eq + 1 - s);
        if (vlen == 0 || vlen >= sizeof num) {
            snprintf(err, errlen, "bad value for story parameter %s", d->name);
            return -1;
        }
        memcpy(num, eq + 1, vlen);
        num[vlen] = 0;
        char *end;
        double v = strtod(num, &end);
        if (*end || v != v || v < d->lo || v > d->hi) {
            snprintf(err, errlen, "story parameter %s wants a number in [%g, %g], not '%s'",
                     d->name, d->lo, d->hi, num);
            return -1;
        }
        put(p, d, v);
        s += item;
    }
    return 0;
}

int story_params_from_env(story_params *p, char *err, size_t errlen)
{
    story_params_default(p);
    const char *env = getenv("STORYLINE_STORY_PARAMS");
    return env ? story_params_set(p, env, err, errlen) : 0;
}

void story_params_describe(const story_params *p, char *out, size_t outlen)
{
    size_t k = 0;
    if (outlen)
        out[0] = 0;
    for (size_t i = 0; i < N_DEFS && k < outlen; i++) {
        int n = snprintf(out + k, outlen - k, "  %-16s %-8g %s\n", defs[i].name,
                         get(p, &defs[i]), defs[i].doc);
        if (n < 0)
            break;
        k += (size_t)n;
    }
}
