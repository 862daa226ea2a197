/*
 * dedup.h — the copy index: exact and near-duplicate detection over a
 * growing collection of articles, each known by its store row id (rid),
 * and the copy groups it maintains. It knows nothing of SQLite: what must
 * survive a restart is handed back to the caller (src/dedup/copies.c keeps
 * it in the store), and shingle sets it no longer caches are asked for
 * through a callback.
 */
#ifndef SL_DEDUP_DEDUP_H
#define SL_DEDUP_DEDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lsh.h"
#include "minhash.h"
#include "shingle.h"

enum { DEDUP_MAX_BANDS = 64 };

typedef struct dedup_params {
    unsigned k;           /* words per shingle */
    unsigned mode;        /* shingle_mode */
    unsigned bins;        /* MinHash signature length */
    unsigned bands, rows; /* LSH: bands × rows ≤ bins, bands ≤ DEDUP_MAX_BANDS */
    double jaccard;       /* a verified pair is a copy when Jaccard ≥ this ... */
    double containment;   /* ... or containment of the smaller set ≥ this */
    unsigned min_contain; /* ... and the smaller set has ≥ this many shingles */
    unsigned sat;         /* LSH: rids kept per band key (runtime, not recorded) */
    unsigned max_verify;  /* candidate verifications per article */
    unsigned per_group;   /* failed verifications before a group is given up */
    size_t cache_bytes;   /* shingle sets cached in memory (0: unbounded) */
} dedup_params;

/* The defaults (tuned on newsgen realistic streams: bench/dedup/README.md). */
void dedup_params_default(dedup_params *p);
/* "k=5 mode=all bins=96 bands=32 rows=3 jaccard=0.5 containment=0.6
 * min_contain=20": the parameters a store's index was built with. Only the
 * fields that decide shingles, signatures and verdicts are written. */
void dedup_params_format(const dedup_params *p, char *out, size_t n);
/* Reads such a string over p (unknown keys or bad values: -1, p partly
 * set); checks the bounds (bands × rows ≤ bins ≤ MINHASH_MAX_BINS...). */
int dedup_params_parse(dedup_params *p, const char *s);
const char *dedup_mode_name(unsigned mode);

/* Fetches the shingle set of an earlier article that is not cached: fills
 * *v (a heap array of *cap values, grown with realloc as needed) and *n;
 * returns 0, or -1 when rid is unknown. */
typedef int (*dedup_fetch_fn)(void *user, uint32_t rid, uint32_t **v, size_t *cap, size_t *n);

/* A verified copy pair, from the side of an earlier article. */
typedef struct dedup_pair {
    uint32_t rid; /* the earlier article */
    float jaccard, containment;
    bool exact;
} dedup_pair;

typedef struct dedup_cache_ent {
    uint32_t rid, n;
    uint32_t *sh; /* NULL once dropped */
} dedup_cache_ent;

typedef struct dedup {
    dedup_params p;
    dedup_fetch_fn fetch;
    void *fetch_user;
    lsh bands;
    /* per rid (index = rid; store rids are dense, assigned in order):
     * union-find parent (0: unknown rid), group size at roots, cache slot
     * + 1, Jaccard of the best known copy (-1: none) */
    uint32_t *parent, *size, *slot;
    float *best;
    size_t n_rid; /* arrays cover rids [0, n_rid) */
    /* exact map: normalised-text hash → first rid with it (open addressing) */
    struct dedup_exact {
        uint64_t h;
        uint32_t rid;
    } * exact;
    size_t exact_cap, exact_len;
    /* shingle cache: FIFO ring of sets */
    dedup_cache_ent *ring;
    size_t ring_cap, ring_head, ring_len, cache_bytes;
    /* scratch */
    uint32_t *cand, *count, *fetched, *tmp;
    size_t cand_cap, fetched_cap;
    uint32_t *absorbed;
    dedup_pair *updated;
    size_t absorbed_len, absorbed_cap, updated_len, updated_cap;
    /* counters */
    uint64_t n_added, n_exact, n_verified, n_fetched, n_copies;
} dedup;

/* What adding an article found. Arrays point into the index and are valid
 * until the next call. */
typedef struct dedup_match {
    uint32_t group;           /* the article's group after adding: its smallest rid */
    uint32_t match;           /* best verified copy among earlier articles, 0: none */
    float jaccard;            /* with match (1 for an exact copy) */
    float containment;        /* of the smaller shingle set in the larger */
    bool exact;               /* same normalised-text hash as match */
    const uint32_t *absorbed; /* groups merged into group (they no longer exist) */
    size_t n_absorbed;
    const dedup_pair *updated; /* earlier articles whose best copy is now this one */
    size_t n_updated;
} dedup_match;

/* An empty index. fetch may be NULL when cache_bytes is 0 (everything is
 * kept). The index copies p. */
void dedup_init(dedup *d, const dedup_params *p, dedup_fetch_fn fetch, void *user);
void dedup_free(dedup *d);

/* Band keys of a shingle set (n ≥ 1) into keys[0..bands). */
void dedup_keys(const dedup *d, const uint32_t *sh, size_t n, uint32_t *keys);
/* The same from the parameters alone (touches no index: any thread). */
void dedup_keys_with(const dedup_params *p, const uint32_t *sh, size_t n, uint32_t *keys);

/* Adds article rid (not yet in the index) with its normalised-text hash
 * (has_text: false when the text is empty, so the hash says nothing), its
 * shingle set (n may be 0: exact detection only) and band keys from
 * dedup_keys (ignored when n is 0). Looks for copies among the articles
 * added before, joins their groups, indexes the article. */
void dedup_add(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh, size_t n,
               const uint32_t *keys, dedup_match *m);

/* dedup_add in its two steps (timed apart by the benchmark): find the
 * copies of article rid and join their groups, then index it. */
void dedup_find(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh, size_t n,
                const uint32_t *keys, dedup_match *m);
void dedup_insert(dedup *d, uint32_t rid, uint64_t hash, bool has_text, const uint32_t *sh,
                  size_t n, const uint32_t *keys);

/* Restores an article from the store without searching: its group root
 * and best Jaccard as recorded, its band keys (n_keys 0: none), its hash. */
void dedup_restore(dedup *d, uint32_t rid, uint32_t group, float best, uint64_t hash, bool has_text,
                   const uint32_t *keys, size_t n_keys);

/* Candidates for a set with these band keys: distinct rids sharing at
 * least one band, most shared bands first (ties: oldest first), at
 * most max; counts[i] gets the number of shared bands. Returns the count. */
size_t dedup_candidates(dedup *d, const uint32_t *keys, uint32_t *rids, uint32_t *counts,
                        size_t max);

/* Shingle set of an indexed article (cache, then fetch); NULL if unknown.
 * Valid until the next call into the index. */
const uint32_t *dedup_shingles(dedup *d, uint32_t rid, size_t *n);

/* Verdict on two shingle sets: fills *j and *c and says whether the pair
 * is a copy under the index's thresholds. */
bool dedup_verify(const dedup_params *p, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                  float *j, float *c);

/* Takes article rid out of the index before it is re-added with new
 * content: its band entries (keys: the bands it was indexed with), its
 * cached set, the exact map's pointer to it (when hash maps to rid).
 * Group membership is the caller's business (dedup_regroup). */
void dedup_forget(dedup *d, uint32_t rid, const uint32_t *keys, size_t n_keys, uint64_t hash);
/* Points the exact map's entry for hash at rid (0: nobody). */
void dedup_set_exact(dedup *d, uint64_t hash, uint32_t rid);
/* The rid the exact map holds for hash (0: none). */
uint32_t dedup_exact_rid(const dedup *d, uint64_t hash);

/* Rebuilds groups over members (ascending rids: what remains of a group
 * after one article left): each becomes a singleton, then every pair that
 * verifies is joined. best_rid/best_j/best_c[i] get member i's best copy
 * among the others (0 / -1 when none). Groups larger than max_pairs
 * members are not re-verified: they stay one group rooted at members[0]
 * and best_rid[i] is left as given. */
void dedup_regroup(dedup *d, const uint32_t *members, size_t n, uint32_t *best_rid, float *best_j,
                   float *best_c, size_t max_pairs);

/* Root of rid's group (rid itself when alone), 0 for an unknown rid. */
uint32_t dedup_group(dedup *d, uint32_t rid);
/* Size of rid's group (0 for an unknown rid). */
uint32_t dedup_group_size(dedup *d, uint32_t rid);

/* Heap bytes held by the index (band table, per-rid arrays, exact map,
 * shingle cache). */
size_t dedup_bytes(const dedup *d);

#endif
