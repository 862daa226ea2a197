/*
 * params.h — every tunable of story clustering, in one place.
 *
 * The defaults (params.c, with a line of documentation each) were tuned on
 * development data only: newsgen realistic streams of seeds 2 and 3 and a
 * 50,000-article scale stream of seed 2 (bench/stories/fit.py gave the
 * first score model, bench/stories/tune.py the coordinate descent on mean
 * B-cubed F1 that set the values; bench/stories/README.md keeps the runs).
 * Test seeds are never used for tuning.
 *
 * Overrides, for experiments: STORYLINE_STORY_PARAMS="threshold=0.3,tau_days=9"
 * in the environment of any command that clusters (ingest, recluster).
 */
#ifndef SL_STORY_PARAMS_H
#define SL_STORY_PARAMS_H

#include <stddef.h>

typedef struct story_params {
    /* scoring: logistic model over the features of cluster.h */
    double b0, b_text, b_ent, b_title, b_notitle, b_xling, b_gap, b_size, b_names;
    double b_textc, b_entc, b_rare, b_nrare;
    double b_xnames, b_xrare; /* cross-language candidates only: extra weight of F_NAMES, F_RARE */
    double rare_idf;    /* a shared name is rare when its IDF is this share of the largest */
    double threshold;   /* minimum score to join a story; below, a new one starts */
    double window_days; /* a story leaves the candidate set this long after its last article */
    /* candidate retrieval: weights of the sub-spaces when ranking terms */
    double w_text, w_ent, w_title;
    /* article features */
    double lead_boost;   /* sentence k of the text weighs 1 + lead_boost / (1 + k) */
    double list_penalty; /* weight of sentences without final punctuation (headline lists) */
    double idf_add;      /* IDF = ln((N+1)/(df+1)) + idf_add */
    double place_pop;    /* names of countries and of gazetteer places this populous are keyed
                          * by the place (Varsovie = Warsaw); < 0: off */
    int num_fold;        /* 1: "34,2 %" and "34.2 percent" give one number key */
    int art_text, art_ent, art_title; /* terms kept per article sub-vector */
    /* story centroids and candidate retrieval */
    int cen_text, cen_ent, cen_title; /* terms kept per story sub-vector */
    int index_terms;    /* a story's strongest terms posted in the inverted index */
    int query_terms;    /* an article's strongest terms looked up */
    int max_postings;   /* postings read per query term (the most recent) */
    int max_candidates; /* stories scored in full per article */
    /* dates */
    double future_days; /* a date later than the wall clock + this is not trusted */
    int min_year;       /* a date before this year is not trusted */
    double decay_days;  /* centroid weights fade by exp(-days / this) as a story goes on; 0: off */
    /* online merge: after an article joins a story, another candidate it
     * scored at least merge_seed with is merged into it when their centroids
     * score merge_online both ways (cluster_pair_score); > 1 disables */
    double merge_seed, merge_online;
    double merge_names; /* online merge: least names cosine of the two centroids */
    double merge_rare;  /* online merge: least rarity of a name both share (F_RARE) */
    int merge_checks;   /* other candidates checked per article */
    /* recluster */
    double merge_threshold; /* score (both ways) above which two stories merge */
    double split_threshold; /* halves of a story scoring below this are split */
} story_params;

void story_params_default(story_params *p);

/* Applies "name=value,name=value" to p. Returns 0, or -1 with a message in
 * err (of errlen bytes) naming the bad item; p keeps the items before it. */
int story_params_set(story_params *p, const char *spec, char *err, size_t errlen);

/* Defaults, then $STORYLINE_STORY_PARAMS if set; -1 (message in err) when
 * the variable is malformed. */
int story_params_from_env(story_params *p, char *err, size_t errlen);

/* Writes "name=value ..." of all parameters, one per line with their
 * documentation, into out (for --help and the bench README). */
void story_params_describe(const story_params *p, char *out, size_t outlen);

#endif
