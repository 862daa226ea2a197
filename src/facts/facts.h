/*
 * facts.h — private to src/facts: what the facts files share.
 *
 * The facts of an article are computed in one call (sl_facts_extract, in
 * entities.c) that runs, in order: entities (names, kinds, mentions),
 * places (gazetteer resolution with the article's country context),
 * figures and quotes (which use the entities for speakers). The story-level
 * functions (alias sets, figure groups) live in aliases.c and groups.c.
 *
 * The gazetteer is a file built at build time from GeoNames-derived npm
 * packages (scripts/gazetteer.sh → scripts/gazetteer-build.c) and mapped
 * read-only at run time; its format is below, shared with the builder.
 */
#ifndef SL_FACTS_H
#define SL_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../ctx.h"
#include "../util/arena.h"

/* ------------------------------------------------------------ gazetteer file */

/* Layout (little-endian, 4-byte aligned):
 *   gaz_header
 *   gaz_place[n_places]
 *   gaz_key[n_keys]    sorted by strcmp of their key strings
 *   uint32_t post[n_post]  place indexes of each key, best first (countries,
 *                      then population); bit 31 set: the name is a code
 *                      ("UK", "USA") that only matches an all-capitals form
 *   char str[str_size] NUL-terminated strings (keys and display names)
 */
#define GAZ_MAGIC "SLGAZ01\n"

typedef struct gaz_header {
    char magic[8];
    uint32_t n_places, n_keys, n_post, str_size;
    uint32_t off_places, off_keys, off_post, off_str;
} gaz_header;

enum {
    GAZ_CITY = 0,    /* populated place */
    GAZ_ADMIN = 1,   /* seat of an administrative division */
    GAZ_CAPITAL = 2, /* national capital */
    GAZ_COUNTRY = 3
};

typedef struct gaz_place {
    float lat, lon;
    uint32_t population;
    uint32_t name;   /* offset in str */
    char cc[2];      /* ISO 3166-1 alpha-2 */
    uint8_t kind;    /* GAZ_* */
    uint8_t pad;
} gaz_place;

typedef struct gaz_key {
    uint32_t key;    /* offset in str */
    uint32_t post;   /* index of the first posting */
    uint32_t n;      /* postings */
} gaz_key;

#define GAZ_POST_CODE 0x80000000u

/* ------------------------------------------------------------ outlines file */

/* Country outlines for story maps (scripts/outlines-build.c → outlines.c).
 * Layout (little-endian, 4-byte aligned):
 *   outl_header
 *   outl_ring[n_rings]   outer rings, with their bounding boxes
 *   float pts[2 * n_points]  lon, lat pairs; ring r owns [first, first+count)
 */
#define OUTL_MAGIC "SLOUTL1\n"

typedef struct outl_header {
    char magic[8];
    uint32_t n_rings, n_points;
    uint32_t off_rings, off_points;
} outl_header;

typedef struct outl_ring {
    float w, s, e, n; /* bounding box, degrees */
    uint32_t first, count;
} outl_ring;

/* ------------------------------------------------------------ resources */

typedef struct gaz gaz;
typedef struct outl outl;
typedef struct wordset wordset;

struct facts_res {
    gaz *gz;          /* NULL when no gazetteer */
    bool gz_tried;
    char *gz_path;    /* malloc'd, or NULL */
    outl *ol;         /* country outlines, NULL when none */
    bool ol_tried;
    wordset *ws_entities, *ws_figures, *ws_quotes; /* built on first use */
};

/* ------------------------------------------------------------ words.c */

/* Builds the set of a NULL-terminated array (≤ 64) of word lists. */
wordset *wordset_build(const char *const *const *lists);
void wordset_free(wordset *ws);
/* Bit set of the lists holding w[0..n) (bit i: lists[i]). */
uint64_t wordset_get(const wordset *ws, const char *w, size_t n);
/* Lists (among the bits of lists) holding the longest prefix of w of at
 * least min bytes; *len gets its length. */
uint64_t wordset_prefix(const wordset *ws, const char *w, size_t n, size_t min, uint64_t lists,
                        size_t *len);

/* The context's facts resources, created if missing (aborts on OOM). */
facts_res *facts_res_of(sl_ctx *ctx);
void facts_res_free(facts_res *r);

/* ------------------------------------------------------------ keys (aliases.c) */

/* Longest key written by sl_fact_key for a name of n bytes. */
#define FACTS_KEY_MAX(n) (2 * (n) + 8)

/* sl_fact_key into the arena; "" for a name with no letter or digit. */
const char *facts_key(sl_arena *a, const char *s, size_t n);
/* Folded (case, accents) copy of s[0..n) with separators kept as they are,
 * ASCII-lowercased; into out (cap ≥ 2n+1); returns its length. */
size_t facts_fold(const char *s, size_t n, char *out, size_t cap);

/* ------------------------------------------------------------ places.c */

/* Maps a whole file read-only (at least min bytes); NULL with *why set
 * ("cannot open", "too small", "cannot map"). Unmap with munmap(p, *size). */
void *facts_map_file(const char *path, size_t min, size_t *size, const char **why);

/* Gazetteer of the context (opened on first call), or NULL. */
gaz *facts_gaz(sl_ctx *ctx);

/* Opens a gazetteer file; NULL (and *why set) when it is not one. */
gaz *gaz_open(const char *path, const char **why);
void gaz_close(gaz *g);

typedef struct gaz_hit {
    const gaz_place *place;
    const char *name;
    bool code;   /* matched through a code (UK, USA) */
} gaz_hit;

/* Candidates for a key (from sl_fact_key): up to cap hits, best first.
 * Returns the number written. */
size_t gaz_candidates(const gaz *g, const char *key, gaz_hit *out, size_t cap);

/* Chooses among the candidates of key: countries first, then a place in
 * one of the countries ccs (n_cc codes of 2 letters), then the most
 * populous. allcaps: the surface form is written in capitals (codes match
 * only then). Returns false when none. */
bool gaz_resolve(const gaz *g, const char *key, bool allcaps, const char *const *ccs,
                 size_t n_cc, gaz_hit *out);

/* ------------------------------------------------------------ outlines.c */

/* Country outlines of the context (opened on first call), or NULL. */
outl *facts_outlines(sl_ctx *ctx);
/* Opens an outlines file; NULL (and *why set) when it is not one. */
outl *outl_open(const char *path, const char **why);
void outl_close(outl *o);

/* The land inside the box [w, e] × [s, n] (degrees, w < e, s < n): every
 * ring meeting it, clipped to it, with consecutive points closer than tol
 * degrees merged. Rings go to *out (arena-allocated array, points too).
 * Returns their number. */
size_t outl_clip(const outl *o, double w, double s, double e, double n, double tol,
                 sl_arena *a, sl_geo_ring **out);

/* ------------------------------------------------------------ extraction */

/* Working state of one article's extraction, shared by the passes. */
typedef struct facts_work {
    sl_ctx *ctx;
    const sl_article *a;
    sl_arena *arena;   /* the article's */
    sl_facts *f;
    int lang;          /* FL_* below */
    uint32_t *tok_sent; /* sentence of each token */
    size_t ent_cap, men_cap;
    bool *storm;        /* per entity: a named storm, never resolved as a place (or NULL) */
} facts_work;

enum { FL_OTHER = 0, FL_FR, FL_EN, FL_DE, FL_ES, FL_IT };
int facts_lang(const char *lang);

/* entities.c: names and their kinds, mentions, persons consolidated. */
void facts_entities(facts_work *w);
/* places.c: resolves place entities, fills f->countries. */
void facts_places(facts_work *w);
/* figures.c */
void facts_figures(facts_work *w);
/* quotes.c */
void facts_quotes(facts_work *w);

/* Is the folded word w[0..n) in the NULL-terminated list? */
bool facts_in_list(const char *const *list, const char *w, size_t n);
/* True when the text between tokens i and i+1 (or after i if last)
 * contains one of the ASCII bytes in set. */
bool facts_gap_has(const sl_article *a, size_t i, const char *set);

/* Entity index of the person mentioned last before byte pos, or -1. */
long facts_last_person(const sl_facts *f, uint32_t pos);

#endif
