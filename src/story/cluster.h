/*
 * cluster.h — single-pass online clustering of the article stream.
 *
 * Articles arrive in time order. Each one either joins the best-scoring
 * active story or starts a new one:
 *
 *   1. a copy of an article already placed (same copy group) joins that
 *      article's story at once, without scoring;
 *   2. otherwise its sub-vectors are built (features.h), the inverted index
 *      over the stories' strongest terms yields the candidate stories that
 *      share its strongest terms, and each candidate is scored:
 *          score = time factor × Σ w_s · cos(article_s, centroid_s) / Σ w_s
 *      (sums over the sub-spaces the article has), the time factor being
 *      exp(-(gap - grace) / tau) for a gap to the story's time span beyond
 *      the grace period;
 *   3. the best candidate at or above the threshold takes the article (its
 *      centroid adds the article's vectors and is cut back to its K
 *      strongest terms); below it, a new story starts. Before joining, a
 *      second candidate the article also fits may be merged with the best
 *      one when their centroids agree (params merge_*; logged for the store
 *      by cluster_merges()).
 *
 * A story leaves the candidate set (and memory) window_days after its last
 * article; the store keeps it. Work per article depends on the parameters
 * (query terms, postings read, candidates scored), not on the number of
 * stories.
 *
 * The clusterer knows nothing of the store: story.c loads it and saves what
 * it marks dirty.
 */
#ifndef SL_STORY_CLUSTER_H
#define SL_STORY_CLUSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "../ctx.h"
#include "features.h"
#include "index.h"
#include "params.h"
#include "terms.h"
#include "vector.h"

typedef struct story {
    int64_t id;
    int64_t first, last;  /* time span of the members */
    uint32_t n_articles;  /* members, copies included */
    uint32_t n_dispatch;  /* members that were scored (not copies) */
    uint32_t gen;         /* slot generation: postings with another one are stale */
    bool live, dirty, is_new;
    bool vec_dirty;       /* the centroid changed since the last save */
    svec v[SP__COUNT];    /* centroid: sum of member vectors, cut to K terms */
    uint64_t *idx;        /* terms posted in the index (params.index_terms max) */
    uint32_t n_idx;
    float head_sim;       /* rank of the headline: its article's similarity when chosen,
                           * minus 2 for the first sentence of an untitled article */
    int64_t head_rid;     /* store row of the headline's article (0 = none) */
    char *headline;       /* heap: at each flush the digest's choice among titles
                           * (cluster_headline_refresh); else, as members join, the
                           * most central titled member's title, else the first
                           * sentence of an untitled one; NULL when neither */
    bool head_is_title;   /* headline is the stored title of head_rid's article */
    bool titles_partial;  /* titles miss members (restored, or one left): reread them */
    struct story_title *titles; /* heap: every member as the headline rule sees it */
    uint64_t *title_keys; /* heap: the members' title keys (story_title.key_at) */
    uint32_t n_titles, cap_titles, n_tkeys, cap_tkeys;
} story;

/* A member for the headline rule (dg_title_choose), without its title's
 * text: what the rule reads of a title is its keys, whether it is a
 * question, and its order among titles of members published at the same
 * time (ties of the rule). That order is kept as the title's first 8 bytes
 * and a hash of the whole; the stored title is read (cluster_title_source)
 * only when two such titles agree on those bytes and differ after, and
 * for the one the rule picks. Members with the same title and language
 * share their keys in story.title_keys. */
typedef struct story_title {
    int64_t rid, time;
    uint64_t head;   /* first 8 bytes of the title, big-endian, 0-padded (orders as strcmp) */
    uint64_t hash;   /* hash of the whole title (0: untitled) */
    uint32_t key_at; /* keys: story.title_keys[key_at .. key_at + n_keys) */
    uint8_t n_keys;
    uint8_t lang;    /* index in cluster.langs (0: none) */
    uint8_t flags;   /* ST_* */
} story_title;

enum { ST_TITLED = 1, ST_QUESTION = 2, ST_LONG = 4 /* 8 bytes or more */ };

/* Reads the stored title of article rid: a malloc'ed string, or NULL. */
typedef char *(*cluster_title_fn)(void *arg, int64_t rid);

enum { CL_NEW = 0, CL_JOINED = 1, CL_COPY = 2 };
/* How an article's time was set. */
enum { CL_TIME_DATED = 0, CL_TIME_UNDATED = 1, CL_TIME_UNTRUSTED = 2 };

typedef struct cluster_result {
    int64_t story;   /* id of the story the article is in */
    int how;         /* CL_NEW, CL_JOINED, CL_COPY */
    float score;     /* joined: its score; new: the best rejected score (0 if none) */
    int64_t time;    /* time the clustering used */
    int time_how;    /* CL_TIME_* */
    uint32_t n_candidates; /* stories scored in full */
    uint32_t n_terms;      /* distinct terms of the article (0: nothing to compare) */
} cluster_result;

typedef struct copy_ent {
    int64_t group, story;
    uint32_t slot, gen;
} copy_ent;

/* A merge made online: story gone's members now belong to story keep. */
typedef struct cluster_merge {
    int64_t gone, keep;
} cluster_merge;

typedef struct cluster {
    sl_ctx *ctx;
    story_params prm;
    terms df;
    story_index ix;
    feat feat;
    art_vec av;
    svec tmp, merge; /* scratch: ranking, centroid merges */
    story *s;
    uint32_t n_slots, cap_slots, n_live;
    uint32_t *free_slots;
    uint32_t n_free;
    uint32_t *dirty;       /* slots to save */
    uint32_t n_dirty, cap_dirty;
    float *acc;            /* per slot: candidate accumulator */
    uint32_t *acc_stamp, *term_stamp;
    uint32_t stamp;
    uint32_t *touched;
    uint32_t n_touched;
    int64_t *ids;          /* story id → slot: open addressing on id (0 = empty) */
    uint32_t *id_slot;
    uint32_t ids_cap, n_ids;
    copy_ent *copies;      /* open addressing on group; group 0 = empty */
    uint32_t copies_cap, n_copies;
    int64_t *alias_from, *alias_to; /* merged story id → the id it went into (open addr.) */
    uint32_t alias_cap, n_alias;
    cluster_merge *merges; /* merges since the last cluster_clean() */
    uint32_t n_merges, cap_merges;
    float *cand_score;     /* scores of the candidates of the last article, as touched[] */
    art_vec pair_av;       /* scratch: a centroid taken as an article */
    int64_t now;           /* latest trusted article time (SL_TIME_NONE before any) */
    int64_t wall;          /* wall clock when opened */
    int64_t next_id;
    sl_arena *scratch;     /* tokens of titles for the headline rule */
    char *langs[256];      /* languages of members' titles, interned; [0] none */
    uint32_t n_langs;
    cluster_title_fn title_fn; /* stored titles (cluster_title_source) */
    void *title_arg;
    void (*title_free)(void *arg);
    uint64_t n_added, n_scored, n_copies_joined, n_evicted, n_merged;
} cluster;

/* A new, empty clusterer. prm is copied. Never NULL (aborts on OOM). */
cluster *cluster_new(sl_ctx *ctx, const story_params *prm);
void cluster_free(cluster *cl);

/* Places article a (stored as row rid) in a story. copy_group is the id of
 * its copy group (0 when unknown: the article is then its own group). */
cluster_result cluster_add(cluster *cl, const sl_article *a, long long rid, int64_t copy_group);

/* The story in slot, or NULL; slots of dirty stories come from
 * cluster_dirty(). */
story *cluster_story(cluster *cl, uint32_t slot);
/* Slot of a live story by id, or UINT32_MAX. */
uint32_t cluster_find(const cluster *cl, int64_t id);
/* The dirty slots since the last cluster_clean(); *n gets the count. */
const uint32_t *cluster_dirty(const cluster *cl, uint32_t *n);
void cluster_clean(cluster *cl);
/* Marks the story in slot as changed (to be saved). */
void cluster_touch(cluster *cl, uint32_t slot);

/* Drops from memory and from the candidate set the stories whose last
 * article is older than now - window (they must have been saved: dirty
 * ones are kept). Returns the count evicted. */
uint32_t cluster_age(cluster *cl);

/* The merges made online since the last cluster_clean(), oldest first
 * (*n gets the count): the store moves gone's articles into keep and marks
 * gone merged. */
const cluster_merge *cluster_merges(const cluster *cl, uint32_t *n);
/* The story id now holding the members of story id (id itself unless it
 * was merged online into another, while that one is in memory). */
int64_t cluster_resolve(const cluster *cl, int64_t id);

/* A story's centroid taken as an article (its main language). */
void cluster_as_article(const story *s, art_vec *av);
/* Score of a's centroid joining b and of b's joining a: the smaller (tmp
 * is scratch). The question of the merges, online and in recluster. */
double cluster_pair_score(const cluster *cl, const story *a, const story *b, art_vec *tmp);

/* Drops the story in slot from memory and from the candidates at once
 * (recluster: it was merged into another). */
void cluster_retire(cluster *cl, uint32_t slot);

/* Adds a story read back from the store (vectors from story_unpack). Takes
 * ownership of the vectors' arrays and of headline. */
void cluster_restore(cluster *cl, story *s);
/* Registers a copy group as placed in story id (after a reload). */
void cluster_note_copy(cluster *cl, int64_t group, int64_t story_id);

/* The headline rule's view of the members (story.titles). */
/* Where the clusterer reads stored titles: fn(arg, rid); free_arg(arg), if
 * set, runs when cl is freed. Without a source the rule's ties between
 * titles that agree on 8 bytes fall back to the hash order, and no title is
 * taken as headline. */
void cluster_title_source(cluster *cl, cluster_title_fn fn, void *arg, void (*free_arg)(void *));
/* Adds a member (row rid) to s->titles: its title's keys, its order among
 * titles, language, publication time. */
void cluster_title_add(cluster *cl, story *s, long long rid, const char *title, const char *lang,
                       int64_t time);
/* The same, when the title's tokens (toks[0..nt), the whole title in lang)
 * are at hand: they give its keys without tokenizing it again. */
void cluster_title_add_tokens(cluster *cl, story *s, long long rid, const char *title,
                              const char *lang, int64_t time, const sl_token *toks, size_t nt);
/* Story g's members join k's (an online merge); g keeps none. */
void cluster_titles_take(cluster *cl, story *k, story *g);
void story_titles_clear(story *s);
/* Sets s->headline and head_rid to the title dg_title_choose picks among
 * s->titles (the digest's rule); false, headline untouched, when none
 * qualifies (or its title cannot be read). */
bool cluster_headline_refresh(cluster *cl, story *s);

/* Story state blob (the centroid vectors and headline similarity); df maps
 * language slots to codes and back (unpack may add languages to it).
 * story_unpack returns -1 on a malformed blob (s's vectors may then hold
 * part of it: free them). */
void story_pack(const story *s, const terms *df, unsigned char **out, size_t *len);
int story_unpack(story *s, terms *df, const unsigned char *p, size_t len);

/* The features of (article vectors av, story s) at time t: */
enum {
    F_TEXT,    /* cosine of the text stems (the story's part in the article's language) */
    F_ENT,     /* cosine of names and numbers */
    F_TITLE,   /* cosine of the title stems (0 when either side has none) */
    F_NOTITLE, /* 1 when the title cosine could not be computed */
    F_XLING,   /* 1 when the story has no text in the article's language */
    F_GAP,     /* ln(1 + days between t and the story's time span) */
    F_SIZE,    /* ln(articles scored into the story) */
    F_NAMES,   /* names disagree: both sides name ≥ 4 things and share little of it
                * (1 - names cosine / 0.25, floored at 0; 0 when either names less) */
    F_TEXTC,   /* containment of the article's text stems in the story (vector.h) */
    F_ENTC,    /* containment of the article's names and numbers in the story */
    F_RARE,    /* the rarest name the two share: its IDF over the largest IDF possible */
    F_NRARE,   /* ln(1 + names shared whose IDF is at least rare_idf of the largest) */
    F__COUNT
};
void cluster_features(const cluster *cl, const art_vec *av, const story *s, int64_t t, double *x);
/* Probability-like score in [0, 1] of av belonging to s: a logistic model
 * over the features (coefficients b_* in params.h). cluster_add joins the
 * best candidate when it reaches params.threshold. */
double cluster_score(const cluster *cl, const art_vec *av, const story *s, int64_t t);

/* cluster_add step by step, for tools that drive the decision themselves
 * (the teacher-forced runs of bench/stories): */
/* The time the clustering uses for a (*how: CL_TIME_*); advances the clock. */
int64_t cluster_time(cluster *cl, const sl_article *a, int *how);
/* Slot of the live story holding copy group group, or UINT32_MAX. */
uint32_t cluster_copy_slot(const cluster *cl, int64_t group);
void cluster_set_copy(cluster *cl, int64_t group, uint32_t slot);
/* Builds a's vectors into cl->av (counting its terms); returns the count. */
uint32_t cluster_featurize(cluster *cl, const sl_article *a);
/* Candidates for cl->av: their slots in cl->touched[0..n), best first. */
uint32_t cluster_candidates(cluster *cl);
/* Adds the article of cl->av to the story in slot / to a new story. */
void cluster_join(cluster *cl, uint32_t slot, const sl_article *a, long long rid, int64_t t);
uint32_t cluster_start(cluster *cl, const sl_article *a, long long rid, int64_t t);
/* Counts a copy into the story in slot (no vectors change). */
void cluster_join_copy(cluster *cl, uint32_t slot, const sl_article *a, long long rid, int64_t t);

#endif
