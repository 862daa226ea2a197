/*
 * digest.h — inside the story digest: the pieces shared by the files of
 * src/digest (summary, attribution, timeline, rendering, map, export).
 *
 * A digest is built in one pass over the story's articles:
 *   units     every distinct sentence once: copies (same normalised words)
 *             collapse into one unit that remembers every article carrying it;
 *   summary   concept coverage over the units (summary.c);
 *   attribution  outlets and agency of each chosen unit, wire share of each
 *             source (attribution.c);
 *   timeline  dated lines from publication times and dates in the text,
 *             merged across sources (timeline.c).
 * Everything lives in the digest's arena; the scratch state (dg_build) lives
 * in a second arena dropped when the digest is done.
 */
#ifndef SL_DIGEST_INT_H
#define SL_DIGEST_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "storyline.h"

/* One distinct sentence of the story. */
typedef struct dg_unit {
    uint32_t art;       /* first carrier: index into the article array */
    uint32_t sent;      /* its sentence index there */
    uint32_t skip;      /* bytes of dateline at the start ("LONDON (AP) _ ") */
    uint32_t words;     /* whitespace-separated words (ROUGE's count), dateline aside */
    uint32_t n_content; /* content tokens (words and numbers, not stopwords) */
    uint64_t hash;      /* normalised words: copies share it */
    uint32_t *carriers; /* article indexes carrying it, ascending time order */
    uint32_t n_carriers, cap_carriers;
    uint32_t *concepts; /* distinct concept ids */
    uint32_t n_concepts;
    uint64_t *stems; /* sorted distinct content stem hashes (similarity) */
    uint32_t n_stems;
    const char *text; /* the sentence as the summary shows it once trimmed (summary.c); NULL:
                       * the sentence itself. words then counts the trimmed text */
    float pos;        /* relative position in its article, 0 = lead */
    float quality;    /* learned sentence quality (summary.c), 0 when the model is off */
    float bonus;      /* its quality's share of the selection value (see dg_params) */
    bool eligible;    /* may enter the summary */
    bool furniture;   /* repeated on many days: site furniture, not news */
} dg_unit;

struct dg_build;

#define DG_TRIM_WEEKDAY 1    /* "police said on Tuesday that" → "police said that" */
#define DG_TRIM_CONVERSION 2 /* "40 kilometers (25 miles)" → "40 kilometers" */

/* Tuning of the summary (defaults in digest.c, chosen on DUC 2003). */
typedef struct dg_params {
    double len_exp;    /* gain per words^len_exp */
    double pos_w;      /* preference for early sentences */
    double lead_bonus; /* concept weight bonus for appearing in a lead sentence */
    double uni_w;      /* weight of content-stem concepts relative to bigrams */
    int floor;         /* df floor for stories of 6+ articles */
    int min_words, max_words;
    int overflow;     /* last sentence may cross the budget */
    int swaps;        /* local search after the greedy */
    int near_df;      /* near copies count once in concept weights */
    double df_pow;    /* concept weight = df^df_pow (+ lead bonus) */
    double redundant; /* stem Jaccard above which a sentence repeats a chosen one */
    /* learned sentence quality (summary.c): a sentence's value in the summary is its
     * uncovered concept weight plus q_mix · (quality − the story's mean) · words · the
     * story's mean concept weight per word. q_mix 0 turns the model off; q_coef NULL
     * means the coefficients shipped in summary.c (fit on DUC 2003). */
    double q_mix;
    const double *q_coef; /* DG_QF coefficients, intercept first */
    /* trimming (summary.c), DG_TRIM_* bits: English weekday phrases ("on Tuesday", "late
     * Friday night") and measures restated in other units ("(25 miles)") cut from the
     * chosen sentences, the words saved going to more sentences; 0: off */
    int trim;
    /* bench hook: called once the units are ready for selection (NULL: none) */
    void (*probe)(struct dg_build *b, void *arg);
    void *probe_arg;
} dg_params;

/* Features of the sentence quality model, f[0] = 1 the intercept. */
#define DG_QF 16

typedef struct dg_build {
    sl_ctx *ctx;
    sl_arena *tmp; /* scratch, freed after the build */
    const sl_article *const *arts;
    size_t n_arts;
    uint32_t *order;     /* article indexes by publication time */
    uint32_t *rank;      /* rank[art] = position in order */
    const char *lang;    /* majority language */
    int64_t first, last; /* publication span (SL_TIME_NONE: unknown) */
    dg_unit *units;
    size_t n_units;
    uint32_t **art_units; /* per article: unit of each sentence */
    bool **half_quote;    /* per article: is sentence si part of a quotation
                           * (dg_half_quote)? */
    double *concept_w;    /* weight of each concept */
    size_t n_concepts;
    uint32_t *near_next; /* near-copy groups: circular lists of units */
    unsigned words;      /* summary budget */
    unsigned tl_max;     /* timeline lines at most */
    dg_params prm;
} dg_build;

/* ---- digest.c */
/* Open addressing map of non-zero 64-bit keys (stem and sentence hashes):
 * a key's slot indexes val and any array of cap elements the caller keeps
 * beside it. Lives in an arena; never full (sized for n keys at half load). */
typedef struct dg_map {
    uint64_t *key; /* 0: empty slot */
    uint32_t *val; /* zeroed at init */
    size_t cap;
} dg_map;
void dg_map_init(dg_map *m, sl_arena *a, size_t n);
/* The slot of key: where it is, or the empty slot where it goes. */
size_t dg_map_slot(const dg_map *m, uint64_t key);

uint32_t dg_count_words(const char *s, size_t n);
/* Is sentence sent of article art part of a quotation: inside one opened before it in
 * its paragraph, closing one it did not open, or opening one it leaves open
 * ("We want more,” she said" after the splitter cut a quotation of two
 * sentences)? Such a line means nothing out of its article. */
bool dg_half_quote(const dg_build *b, uint32_t art, uint32_t sent);
/* Bytes of dateline opening s[0..n) ("PARIS (AFP) - "), 0 when none. */
uint32_t dg_dateline_len(const char *s, size_t n);
/* First token of sentence s at or after byte skip of it. */
uint32_t dg_first_token(const sl_article *a, const sl_sentence *s, uint32_t skip);
/* Copies text[s..e) into the arena with blank runs collapsed to one space. */
char *dg_sentence_text(sl_arena *a, const sl_article *art, uint32_t sent);
/* Hash of a token's stem (or norm), 0 when the token is not content. */
uint64_t dg_token_key(const sl_token *t, bool keep_stop);
bool dg_lang_is(const sl_article *a, const char *lang);
/* Jaccard similarity of the content stems of two units. */
double dg_jaccard(const dg_unit *a, const dg_unit *b);

/* The parameters of the shipped digest (chosen on DUC 2003). */
dg_params dg_default_params(void);
/* sl_digest_build with explicit parameters (bench and tests; opts->fill is
 * still read from opts). */
sl_digest *dg_digest_build_with(sl_ctx *ctx, const sl_article *const *arts, size_t n,
                                const sl_digest_opts *opts, const dg_params *prm);

/* ---- summary.c */
/* The quality model's features of every unit: row u at [u * DG_QF], f[0] = 1
 * (b->tmp; needs the concept weights). Language-independent: position, length,
 * copies, centrality, concept density and weight, content share, figures,
 * capitalised words, quotes, article rank (list in summary.c). */
double *dg_quality_features(dg_build *b);
/* Sets every eligible unit's quality from the model (prm.q_coef or the
 * shipped coefficients); a no-op when prm.q_mix is 0. */
void dg_quality(dg_build *b);
/* Sentence sent of article a from byte skip (its dateline) with what `what` asks
 * cut (DG_TRIM_* bits): English weekday phrases ("police said on Tuesday that" →
 * "police said that"), conversions of a measure in parentheses ("40 kilometers
 * (25 miles) north" → "40 kilometers north"); blanks collapsed; NULL when
 * nothing goes. */
char *dg_trim_sentence(sl_arena *arena, const sl_article *a, uint32_t sent, uint32_t skip,
                       unsigned what);
/* Chooses the summary units (indexes into b->units) in reading order;
 * returns their count, *out in b->tmp. */
size_t dg_summary_select(dg_build *b, uint32_t **out);
/* The headline: the member title dg_title_choose picks, else a cut central
 * sentence. Arena-allocated in a. */
const char *dg_headline(dg_build *b, sl_arena *a);
/* The headline a digest of arts (n > 0) would have, without the rest of the
 * digest (no summary, facts or timeline): the clusterer's when no member
 * title passes dg_title_choose. malloc'd; NULL when n is 0. */
char *dg_headline_build(sl_ctx *ctx, const sl_article *const *arts, size_t n);
/* The same for stored story id, its members read back as sl_story_digest
 * reads them; NULL when it has none. */
char *dg_stored_headline(sl_ctx *ctx, sl_store *st, long long id);

/* One member of a story as the headline rule sees it: its title (NULL or ""
 * when none), the distinct content-stem keys of the title (dg_title_keys),
 * language and publication time. The clusterer (src/story/) keeps these for
 * its members and calls the same rule, so a story has one headline whether
 * it was just ingested or digested. */
typedef struct dg_title_cand {
    const char *title;
    const uint64_t *keys;
    uint32_t n_keys;
    const char *lang;
    int64_t time;
} dg_title_cand;

#define DG_TITLE_KEYS 64     /* keys a title contributes at most */
#define DG_TITLE_RECENT 256  /* the rule reads the latest members only */

/* The distinct content-stem keys (dg_token_key) of nt tokens, at most max,
 * in order of first appearance; their count. */
uint32_t dg_token_keys(const sl_token *toks, size_t nt, uint64_t *out, uint32_t max);

/* The distinct content-stem keys (dg_token_key) of title in lang, at most
 * max, into out; returns their count. Tokens go to arena a. */
uint32_t dg_title_keys(sl_ctx *ctx, sl_arena *a, const char *lang, const char *title,
                       uint64_t *out, uint32_t max);
/* The headline rule: among the titles in the members' majority language, the
 * one whose words most member titles share (mean share of its keys, damped
 * for short titles; a question counts half; three keys at least). Ties: the
 * earlier, then the smaller title. Only the latest DG_TITLE_RECENT members
 * count (in the order time, title, language), so the clusterer needs to
 * keep no more of a big story and the headline follows its news.
 * Independent of the order of c. Returns the index in c, or -1 when no
 * title qualifies. */
long dg_title_choose(const dg_title_cand *c, size_t n);

/* ---- attribution.c */
/* Groups units that are near copies of each other (b->near_next). */
void dg_near_copies(dg_build *b);
/* Fills d->sources (one per article, by time) and the attribution of each
 * summary sentence; sets wire shares. */
void dg_sources(dg_build *b, sl_digest *d);
void dg_attribute(dg_build *b, sl_digest *d, const uint32_t *sel, size_t n_sel);
/* Index of article `art` in d->sources. */
uint32_t dg_source_of(const dg_build *b, uint32_t art);

/* ---- facts.c: entities, places, figures, quotes of the story */
void dg_facts(dg_build *b, sl_digest *d);

/* ---- timeline.c */
void dg_timeline(dg_build *b, sl_digest *d);

/* ---- render.c helpers shared with export.c */
void dg_html_escape(buf *out, const char *s);
/* v with at most `decimals` (0–4) decimals, trailing zeros dropped, as
 * %.Nf would round it; without printf's cost (maps write thousands). */
void dg_add_fixed(buf *out, double v, int decimals);
void dg_render_html_body(buf *out, const sl_digest *d, const char *story_id);
extern const char dg_html_style[];

/* ---- map.c */
/* Appends an SVG map of the digest's places with coordinates, over its land
 * outlines (nothing if no place has coordinates). */
void dg_map_svg(buf *out, const sl_digest *d);
/* Cuts the land around the places out of the context's outlines into
 * d->land (nothing without an outlines file or a place). */
void dg_map_land(sl_ctx *ctx, sl_digest *d);

#endif
