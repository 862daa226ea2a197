/*
 * storyline.h — the public API of libstoryline.
 *
 * storyline turns a stream of scraped news articles into stories. An article
 * flows once through: read (a reader turns bytes into sl_raw records) →
 * clean (residue lines removed, metadata kept) → analyse (language,
 * paragraphs, sentences, tokens, stems, dates) → store.
 *
 * Ownership, said once: every sl_article owns an arena; all its strings and
 * arrays live there and die with sl_article_free(). Strings handed to
 * callbacks are valid only during the callback. A context (sl_ctx) holds the
 * language resources and caches; it is not thread-safe: use one per thread.
 */
#ifndef STORYLINE_H
#define STORYLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SL_VERSION "0.1.0"

/* Time is Unix seconds UTC; SL_TIME_NONE when unknown. */
#define SL_TIME_NONE INT64_MIN

/* Articles larger than this are cut (with a warning). */
#define SL_MAX_ARTICLE_BYTES (5u << 20)

/* ---------------------------------------------------------------- diagnostics */

typedef enum sl_severity { SL_INFO, SL_WARNING, SL_ERROR } sl_severity;

/* Receives every message as `file:line: what is wrong, what was done`.
 * line is 0 when the message concerns a whole file. */
typedef void (*sl_diag_fn)(void *user, sl_severity sev, const char *file, unsigned line,
                           const char *msg);

/* ---------------------------------------------------------------- context */

typedef struct sl_ctx sl_ctx;

/* Opens a context. diag may be NULL (messages go to stderr). Returns NULL on
 * failure to allocate. Language resources load lazily on first use. */
sl_ctx *sl_ctx_new(sl_diag_fn diag, void *diag_user);
void sl_ctx_free(sl_ctx *ctx);
/* Count of SL_ERROR / SL_WARNING messages emitted through ctx so far. */
unsigned sl_ctx_errors(const sl_ctx *ctx);
unsigned sl_ctx_warnings(const sl_ctx *ctx);
/* Emits a diagnostic through the context (printf-style). */
void sl_diag(sl_ctx *ctx, sl_severity sev, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ---------------------------------------------------------------- raw input */

/* What a reader produces: one scraped article, fields as found (NULL when
 * absent). text need not be valid UTF-8 nor NUL-terminated. */
typedef struct sl_raw {
    const char *id;      /* given id (JSONL "id"), or NULL */
    const char *path_id; /* id derived from the file path (news/0042), or NULL */
    const char *url;
    const char *source;  /* outlet name */
    const char *title;
    const char *date;    /* publication time as written (ISO 8601 preferred) */
    const char *lang;    /* ISO 639-1 */
    const char *text;
    size_t text_len;
    const char *origin;  /* file name for messages ("-" for stdin) */
    unsigned line;       /* line of the record in origin (1-based), 0 if n/a */
    const char *format;  /* "txt", "jsonl", ... */
    bool truncated;      /* the reader already cut the text at the size cap */
    const char *author;  /* from page metadata (HTML), or NULL */
    const char *agencies; /* wire agencies from metadata, "AFP, Reuters", or NULL */
} sl_raw;

/* Called by readers for each record; return false to stop reading. */
typedef bool (*sl_raw_fn)(void *user, const sl_raw *raw);

/* Reads a file, a directory (recursively, sorted by name) or "-" (stdin),
 * detecting each file's format by content and extension. Bad records are
 * reported through ctx diagnostics and skipped. Returns the number of
 * records emitted, or -1 if the path could not be opened at all. */
long sl_read_path(sl_ctx *ctx, const char *path, sl_raw_fn fn, void *user);

/* ---------------------------------------------------------------- the article */

typedef struct sl_arena sl_arena;

typedef enum sl_date_source {
    SL_DATE_NONE = 0, /* unknown */
    SL_DATE_META,     /* given by the record (JSONL date, metadata line) */
    SL_DATE_TEXT,     /* found in a visible dateline/byline of the text */
    SL_DATE_INGEST    /* unknown: ingest order stands in */
} sl_date_source;

typedef enum sl_precision {
    SL_PREC_NONE = 0,
    SL_PREC_YEAR,
    SL_PREC_MONTH,
    SL_PREC_DAY,
    SL_PREC_MINUTE,
    SL_PREC_SECOND
} sl_precision;

/* Why a line was removed by cleaning. Keep sl_removed_reason_name() in sync. */
typedef enum sl_reason {
    SL_RM_META = 0,   /* metadata prefix line (date 2017-11, source: X) — used as metadata */
    SL_RM_SCRIPT,     /* JavaScript / browser notice */
    SL_RM_COOKIE,     /* cookie / consent notice */
    SL_RM_AD,         /* advertisement marker */
    SL_RM_SHARE,      /* share / social / embed widget */
    SL_RM_CAPTION,    /* photo/video caption or photo credit */
    SL_RM_BYLINE,     /* byline, agency credit (kept as metadata) */
    SL_RM_TIMESTAMP,  /* published/updated stamp (may set the date) */
    SL_RM_TEASER,     /* "Read also" teaser */
    SL_RM_RELATED,    /* list of other headlines (header and items) */
    SL_RM_SOCIAL,     /* embedded social post */
    SL_RM_NAV,        /* navigation crumbs */
    SL_RM_HEADLINE,   /* the headline line itself (becomes the title) */
    SL_RM_DUP_TITLE,  /* repetition of the headline */
    SL_RM_NEWSLETTER, /* newsletter / subscription prompt */
    SL_RM_READTIME,   /* reading time */
    SL_RM_COMMENTS,   /* comment counters / comment prompts */
    SL_RM_TAGS,       /* tag / keyword lists */
    SL_RM_COPYRIGHT,  /* copyright / rights line */
    SL_RM_OTHER,      /* other boilerplate */
    SL_RM__COUNT
} sl_reason;

const char *sl_reason_name(sl_reason r);

typedef struct sl_removed {
    unsigned line; /* 1-based line number in the raw text */
    sl_reason reason;
    const char *text;
} sl_removed;

typedef struct sl_span {
    uint32_t start, end; /* byte offsets into sl_article.text, end exclusive */
} sl_span;

typedef struct sl_sentence {
    uint32_t start, end;        /* byte span in text */
    uint32_t para;              /* paragraph index */
    uint32_t tok_first, tok_end; /* token index range */
} sl_sentence;

typedef enum sl_tok_kind {
    SL_TOK_WORD = 0,
    SL_TOK_NUMBER,  /* 1.500, 1 500, 1,500, 150'000, 3.5 — value set */
    SL_TOK_PERCENT, /* 90 %, 90% — value set */
    SL_TOK_ORDINAL, /* 7e, 1er, 3rd — value set */
    SL_TOK_DATE,    /* 2017-10-24, 24.10.2017, 24/10/2017 */
    SL_TOK_TIME,    /* 10h32, 10:32 */
    SL_TOK_PUNCT    /* sentence punctuation kept for the splitter; not indexed */
} sl_tok_kind;

enum {
    SL_TOKF_CAP = 1,      /* starts with an uppercase letter in the text */
    SL_TOKF_ALLCAPS = 2,  /* all letters uppercase, length ≥ 2 */
    SL_TOKF_STOP = 4,     /* stopword of the article's language */
    SL_TOKF_ELIDED = 8,   /* elided article/pronoun (l', d', qu') */
    SL_TOKF_HYPHEN = 16   /* hyphenated compound kept whole */
};

typedef struct sl_token {
    uint32_t start, end; /* byte span in text */
    uint8_t kind;        /* sl_tok_kind */
    uint8_t flags;       /* SL_TOKF_* */
    const char *norm;    /* NFKC + case folded form (arena) */
    const char *stem;    /* Snowball stem of norm (interned; == norm if none) */
    double value;        /* numeric value for NUMBER/PERCENT/ORDINAL */
} sl_token;

typedef enum sl_date_kind {
    SL_DK_ABSOLUTE = 0, /* le 24 octobre 2017, 2017-10-24 */
    SL_DK_PARTIAL,      /* en juillet, le 28 septembre dernier (year inferred) */
    SL_DK_RELATIVE      /* mercredi, jeudi dernier, yesterday */
} sl_date_kind;

typedef struct sl_date {
    uint32_t start, end; /* byte span in text */
    int64_t time;        /* start of the period, UTC; SL_TIME_NONE if unresolved */
    uint8_t precision;   /* sl_precision */
    uint8_t kind;        /* sl_date_kind */
    float confidence;    /* 0..1 */
} sl_date;

typedef struct sl_article {
    const char *id;
    const char *outlet;    /* "" when unknown */
    const char *url;       /* "" when unknown */
    const char *title;     /* "" when none could be found */
    const char *lang;      /* ISO 639-1, or "und" */
    const char *author;    /* from a byline, "" when none */
    int64_t published;     /* SL_TIME_NONE when unknown */
    uint8_t published_prec;   /* sl_precision */
    uint8_t date_source;   /* sl_date_source */
    const char **agencies; /* wire agencies credited: "AFP", "Reuters", "AP", ... */
    size_t n_agencies;

    const char *text;      /* clean text: paragraphs joined by "\n\n" */
    size_t text_len;
    sl_span *paras;
    size_t n_paras;
    sl_sentence *sents;
    size_t n_sents;
    sl_token *toks;
    size_t n_toks;
    sl_date *dates;
    size_t n_dates;
    sl_removed *removed;
    size_t n_removed;

    uint64_t hash;         /* hash of the normalised clean text (exact duplicates) */
    const char *origin;    /* file the article came from */
    unsigned origin_line;
    const char *format;
    unsigned bad_bytes;    /* invalid UTF-8 bytes replaced */
    bool truncated;        /* cut at SL_MAX_ARTICLE_BYTES */

    sl_arena *arena;
} sl_article;

/* Cleans and analyses one raw record into an article. Returns NULL (with a
 * diagnostic) only when nothing usable remains (empty text and no title). */
sl_article *sl_article_build(sl_ctx *ctx, const sl_raw *raw);
void sl_article_free(sl_article *a);

/* ---------------------------------------------------------------- the store */

typedef struct sl_store sl_store;

typedef enum sl_put_result {
    SL_PUT_NEW = 0,    /* first time this id is seen */
    SL_PUT_SAME,       /* same id, same content: nothing written */
    SL_PUT_UPDATED,    /* same id, new content: replaced */
    SL_PUT_FAILED = -1
} sl_put_result;

/* Opens (creating and migrating if needed) the SQLite store at path.
 * Returns NULL and a diagnostic through ctx on failure. */
sl_store *sl_store_open(sl_ctx *ctx, const char *path);
void sl_store_close(sl_store *st);
int sl_store_begin(sl_store *st);
int sl_store_commit(sl_store *st);
sl_put_result sl_store_put(sl_store *st, const sl_article *a);
/* Row id of the article last written or found by sl_store_put. */
long long sl_store_last_rid(sl_store *st);
/* Records a failed input so nothing is lost silently. */
void sl_store_log_error(sl_store *st, const char *origin, unsigned line, const char *msg);
int sl_store_schema_version(sl_store *st);
/* Full-text search index (articles_fts). A transaction indexes the
 * articles it inserted at its commit, unless the writer deferred that
 * (a bulk ingest): deferred articles are searchable once
 * sl_store_index_search indexed them. It indexes up to max of them (all if
 * max <= 0) in transactions of its own, outside a batch; returns how many,
 * or -1. The backlog is the number of rids not indexed yet (-1: error). */
void sl_store_defer_search(sl_store *st, bool defer);
long sl_store_index_search(sl_store *st, long max);
long long sl_store_search_backlog(sl_store *st);
/* Raw SQLite handle, for the CLI's listings (read-only use). */
struct sqlite3 *sl_store_db(sl_store *st);

/* ---------------------------------------------------------------- copies */

/* An article's copy group: the articles that carry the same underlying
 * text (an agency dispatch and its republications), found as exact
 * duplicates (same normalised text) or near duplicates (word 5-shingle
 * Jaccard ≥ 0.5, or ≥ 0.6 of the smaller article inside the larger; the
 * store keeps the thresholds it was built with). A group's id is the row
 * id of its first article. */
typedef struct sl_copy_info {
    long long group;    /* 0 when the article is not indexed */
    long long size;     /* articles in the group, itself included (1: no copy) */
    long long match;    /* row id of its closest known copy, 0 if none */
    double jaccard;     /* word-shingle Jaccard with match (0 if none) */
    double containment; /* share of the smaller shingle set inside the larger */
    bool exact;         /* match has the same normalised text */
} sl_copy_info;

/* Copy group of the stored article rid. Returns 0, or -1 (and a zeroed
 * *out) when rid is not in the copy index. */
int sl_copy_get(sl_store *st, long long rid, sl_copy_info *out);
/* Row ids of the members of a group, ascending, at most cap of them into
 * rids (may be NULL when cap is 0). Returns the group's size. */
size_t sl_copy_members(sl_store *st, long long group, long long *rids, size_t cap);

/* ---------------------------------------------------------------- the pipeline */

/* The stages after analysis, run for each article as it arrives: store,
 * copies (dedup), stories. One pipeline per writer; it owns no store. */
typedef struct sl_pipeline sl_pipeline;

typedef struct sl_added {
    sl_put_result put;   /* what the store did */
    long long rid;       /* store row of the article (0 if failed) */
    sl_copy_info copy;   /* its copy group after adding (group 0 if not indexed) */
    long long story;     /* id of its story (0 if not placed) */
} sl_added;

sl_pipeline *sl_pipeline_open(sl_ctx *ctx, sl_store *st);
/* Runs the article through the stages. */
sl_added sl_pipeline_add(sl_pipeline *p, const sl_article *a);
/* Flushes what the stages keep in memory into the store (call inside the
 * batch transaction, before committing). */
int sl_pipeline_flush(sl_pipeline *p);
void sl_pipeline_close(sl_pipeline *p);

/* ---------------------------------------------------------------- facts */

/* What an article says and who says it: named entities (people, places,
 * organisations), figures (a number, what it counts, how exactly) and
 * quotes with their speaker. Rules only, no trained model: fr, en, de, es,
 * it. Computed on demand from a built article (cheap: re-analysis is the
 * way to get them back from the store) and kept in the article's arena. */

typedef enum sl_entity_kind {
    SL_ENT_PERSON = 0,
    SL_ENT_PLACE,
    SL_ENT_ORG,
    SL_ENT_OTHER /* a name of unknown kind */
} sl_entity_kind;

const char *sl_entity_kind_name(int kind); /* "person", "place", "org", "other" */

typedef struct sl_entity {
    uint8_t kind;         /* sl_entity_kind */
    bool resolved;        /* a place found in the gazetteer: lat, lon, country set */
    const char *text;     /* display name: the longest form seen ("Laurent Méchin") */
    const char *key;      /* transliteration-tolerant key of text (sl_fact_key) */
    const char *acronym;  /* acronym given with it ("SPC"), or NULL */
    const char *title;    /* title or honorific seen with a person ("préfet"), or NULL */
    const char **forms;   /* distinct surface forms in the article, first = text */
    size_t n_forms;
    sl_span span;         /* first mention */
    uint32_t sent;        /* sentence of the first mention */
    uint32_t mentions;    /* mentions in the article */
    double lat, lon;      /* degrees, when resolved */
    char country[3];      /* ISO 3166-1 alpha-2 when resolved, else "" */
    const char *geo_name; /* gazetteer name when resolved ("Antwerpen"), else NULL */
    uint32_t population;  /* gazetteer population (0: unknown or a country) */
} sl_entity;

typedef struct sl_mention {
    sl_span span;
    uint32_t entity; /* index into sl_facts.entities */
} sl_mention;

/* How a figure is qualified. */
typedef enum sl_approx {
    SL_APPROX_EXACT = 0,
    SL_APPROX_ABOUT,     /* environ, about, quelque, une soixantaine, etwa */
    SL_APPROX_NEARLY,    /* près de, nearly, almost, presque, fast, casi */
    SL_APPROX_MORE,      /* plus de, more than, over, über, más de, oltre */
    SL_APPROX_AT_LEAST,  /* au moins, at least, mindestens, al menos, almeno */
    SL_APPROX_LESS,      /* moins de, less than, fewer than, under, up to */
} sl_approx;

const char *sl_approx_name(int approx); /* "exact", "about", "nearly", ... */

typedef enum sl_fig_kind {
    SL_FIG_COUNT = 0, /* 1.500 habitants */
    SL_FIG_PERCENT,   /* 90 %, 70 percent */
    SL_FIG_MONEY,     /* 4,2 milliards d'euros, $4.9 billion */
    SL_FIG_MEASURE,   /* 6,12 mètres, 42.000 tonnes, 2 km */
    SL_FIG_ORDINAL,   /* 7e minute */
    SL_FIG_AGE        /* 78 ans, 78-year-old */
} sl_fig_kind;

typedef struct sl_figure {
    double value;         /* normalised: 1.500 → 1500; 4,2 milliards → 4.2e9; 90 % → 90 */
    double precision;     /* unit of the last written digit: 1 for 1500, 0.1 for 89.6 */
    uint8_t kind;         /* sl_fig_kind */
    uint8_t approx;       /* sl_approx */
    const char *text;     /* as written, qualifier included ("près de 1 400") */
    const char *unit;     /* the unit noun as written ("habitants", "percent"), "" if none */
    const char *unit_key; /* grouping key of the unit: a concept ("@dead", "@evacuated")
                           * or the folded stem of the unit noun */
    const char *subject;  /* what it is about: words around ("évacués", "of east Mosul") */
    const char *currency; /* "EUR", "USD", "GBP"... for money, else NULL */
    sl_span span;         /* the number (with its qualifier and unit) */
    uint32_t sent;        /* sentence index */
} sl_figure;

typedef struct sl_quote {
    const char *text;    /* between the marks */
    const char *speaker; /* display name of the speaker, NULL if not found */
    int32_t entity;      /* speaker's index in sl_facts.entities, -1 if none */
    const char *verb;    /* attribution verb as written ("a affirmé", "said"), or NULL */
    sl_span span;        /* the quote, marks included */
    uint32_t sent;       /* sentence of the opening mark */
} sl_quote;

typedef struct sl_facts {
    sl_entity *entities; /* by first mention */
    size_t n_entities;
    sl_mention *mentions; /* every mention, in text order */
    size_t n_mentions;
    sl_figure *figures;  /* in text order */
    size_t n_figures;
    sl_quote *quotes;    /* in text order */
    size_t n_quotes;
    const char **countries; /* country context (ISO codes): countries named, countries
                             * of places with one clear reading, the language's country */
    size_t n_countries;
} sl_facts;

/* Extracts the facts of a built article. Everything lives in a's arena and
 * dies with it; each call computes them anew (cheap). Places are resolved
 * with the gazetteer when one is found (see sl_gazetteer_path); without it
 * they are still extracted, unresolved. Never returns NULL. */
sl_facts *sl_facts_extract(sl_ctx *ctx, const sl_article *a);

/* Path of the gazetteer the context uses (env STORYLINE_GAZETTEER, then the
 * build directory, then /usr/local/share/storyline, /usr/share/storyline),
 * or NULL when none was found. Opens it on first call. */
const char *sl_gazetteer_path(sl_ctx *ctx);

/* A gazetteer answer for a place name ("Mossoul", "Antwerp"), preferring
 * places in the given countries (ISO codes, may be NULL/0), then the most
 * populous. Returns false when the name is unknown or no gazetteer. */
typedef struct sl_place {
    const char *name;    /* gazetteer name (valid while ctx lives) */
    double lat, lon;
    char country[3];
    uint32_t population;
    bool is_country;
} sl_place;
bool sl_place_lookup(sl_ctx *ctx, const char *name, const char *const *countries,
                     size_t n_countries, sl_place *out);

/* Transliteration-tolerant key of a name, written into out (cap bytes,
 * NUL-terminated; returns its length): case and accents folded, hyphens,
 * apostrophes, dots and spaces dropped, leading "al-"/"el-" dropped,
 * doubled letters single, ou→u, q→k, ck→k, ch/sch→sh, ph→f, dj→j
 * (the full list is in src/facts/aliases.c). "al-Qaïm", "Al Qaim", "Qaïm" → "kaim";
 * "Daech", "Daesh" → "daesh"; "Mossoul", "Mosul" → "mosul". */
size_t sl_fact_key(const char *name, char *out, size_t cap);

/* Story level: the entities of many articles consolidated into alias sets
 * (same key, acronym ↔ expansion, surname ↔ full name, exonyms resolving to
 * the same gazetteer place). */
typedef struct sl_alias_set {
    uint8_t kind;          /* sl_entity_kind (majority) */
    const char *canonical; /* display name: the most frequent full form */
    const char *key;
    const char *acronym;   /* NULL if none */
    const char **members;  /* distinct surface forms, most frequent first */
    size_t n_members;
    uint32_t n_articles;   /* articles naming it */
    uint32_t mentions;
    bool resolved;         /* places: coordinates known */
    double lat, lon;
    char country[3];
} sl_alias_set;

typedef struct sl_alias_sets {
    sl_alias_set *sets;    /* most articles first */
    size_t n;
    sl_arena *arena;
} sl_alias_sets;

/* Builds the alias sets of n articles' facts (facts[i] from
 * sl_facts_extract). The result copies what it keeps. */
sl_alias_sets *sl_alias_sets_build(sl_ctx *ctx, const sl_facts *const *facts, size_t n);
/* Index of the set holding this surface form (by key), or -1. */
long sl_alias_sets_find(const sl_alias_sets *s, const char *form);
void sl_alias_sets_free(sl_alias_sets *s);

/* Story level: figures grouped by what they count, each source's value,
 * and whether sources really disagree (normalised values differ beyond
 * rounding and the stated approximation: "1.500" = "1,500" = "1 500";
 * "environ 1 400" ≠ "1.500"; "près de 90 %" = "89,6 %"). */
typedef struct sl_figure_value {
    uint32_t article;       /* index into the input arrays */
    const char *source;     /* the article's outlet */
    const sl_figure *fig;   /* points into that article's facts */
    double lo, hi;          /* interval the figure stands for */
} sl_figure_value;

typedef struct sl_figure_group {
    const char *key;        /* unit key (+ subject key for percentages) */
    const char *label;      /* a readable label: the most common unit + subject */
    uint8_t kind;           /* sl_fig_kind */
    sl_figure_value *values;
    size_t n_values;
    uint32_t n_articles;
    bool disagree;          /* two articles state incompatible values */
    double min, max;        /* of the values */
} sl_figure_group;

typedef struct sl_figure_groups {
    sl_figure_group *groups; /* disagreements first, then most articles */
    size_t n;
    sl_arena *arena;
} sl_figure_groups;

/* Groups the figures of n articles (arts[i] and its facts[i]). The result
 * points into the facts for fig: keep the articles alive while using it. */
sl_figure_groups *sl_figure_groups_build(sl_ctx *ctx, const sl_article *const *arts,
                                         const sl_facts *const *facts, size_t n);
void sl_figure_groups_free(sl_figure_groups *g);

/* ---------------------------------------------------------------- digests */

/* What a reader sees of a story in one screen: headline, a summary whose
 * every sentence names the outlets (and agency) carrying it, a timeline,
 * places for the map and the list of sources. Built from the story's
 * articles; everything lives in the digest's arena. */

/* LINES: the summary sentences alone, one a line (what evaluation scores). */
typedef enum sl_format {
    SL_FORMAT_TEXT = 0,
    SL_FORMAT_MD,
    SL_FORMAT_JSON,
    SL_FORMAT_HTML,
    SL_FORMAT_LINES
} sl_format;

/* "text", "md", "json", "html", "lines" → *out; false for anything else. */
bool sl_format_parse(const char *name, sl_format *out);

typedef struct sl_digest_opts {
    unsigned words;    /* summary length in words; 0 means 100 */
    unsigned timeline; /* timeline lines at most; 0 means 12 */
    bool fill;         /* one last sentence may cross the word budget (as DUC
                        * systems did: ROUGE cuts at the budget) */
} sl_digest_opts;

typedef struct sl_digest_source {
    const char *id, *outlet, *title, *url, *lang;
    int64_t published;      /* SL_TIME_NONE when unknown */
    uint8_t published_prec; /* sl_precision */
    const char *agency;     /* agencies credited, ", "-joined; "" when none */
    float wire;             /* share of its words that are wire copy, 0..1 */
    uint32_t words;         /* words of its text */
} sl_digest_source;

typedef struct sl_digest_sentence {
    const char *text;
    uint32_t *sources;  /* indexes into sl_digest.sources, by time */
    size_t n_sources;
    const char *agency; /* the agency when the sentence is wire copy, else "" */
    int64_t time;       /* earliest publication carrying it */
} sl_digest_sentence;

typedef struct sl_timeline_entry {
    int64_t time;       /* start of the period, UTC */
    uint8_t precision;  /* sl_precision: DAY, MONTH... */
    bool from_text;     /* a date found in the text (else a publication time) */
    const char *text;   /* one line: the sentence or title telling it */
    uint32_t *sources;
    size_t n_sources;
} sl_timeline_entry;

typedef struct sl_digest_place {
    const char *name;
    double lat, lon;    /* degrees */
    uint32_t mentions;  /* articles naming it */
    bool country;       /* a whole country (its centre): left off maps of cities */
} sl_digest_place;

/* A closed ring of land (a country's outline clipped to the map's region):
 * n points as lon, lat pairs in degrees. */
typedef struct sl_geo_ring {
    const float *lonlat;
    size_t n;
} sl_geo_ring;

typedef struct sl_digest_entity {
    const char *name;      /* the alias set's canonical name */
    uint8_t kind;          /* sl_entity_kind */
    const char **aliases;  /* other forms seen ("AFP" for "Agence France-Presse") */
    size_t n_aliases;
    uint32_t articles;     /* articles naming it */
} sl_digest_entity;

typedef struct sl_digest_value {
    const char *text;      /* as written ("près de 1 400 habitants") */
    double value;          /* normalised */
    uint8_t approx;        /* sl_approx */
    uint32_t *sources;     /* sources writing it so (same words), by time */
    size_t n_sources;
} sl_digest_value;

typedef struct sl_digest_figure {
    const char *label;     /* what it counts ("habitants évacués") */
    uint8_t kind;          /* sl_fig_kind */
    bool disagree;         /* sources state incompatible values */
    sl_digest_value *values; /* one per way of writing it, first source's time order */
    size_t n_values;
} sl_digest_figure;

typedef struct sl_digest_quote {
    const char *text;      /* between the marks */
    const char *speaker;   /* NULL when not found */
    uint32_t *sources;     /* outlets carrying it, by time */
    size_t n_sources;
} sl_digest_quote;

typedef struct sl_digest {
    const char *headline;
    const char *lang;              /* majority language of the story */
    sl_digest_sentence *summary;   /* in reading order */
    size_t n_summary;
    uint32_t summary_words;
    sl_timeline_entry *timeline;   /* by time */
    size_t n_timeline;
    sl_digest_source *sources;     /* one per article, by publication time */
    size_t n_sources;
    sl_digest_place *places;       /* with coordinates, most mentioned first */
    size_t n_places;
    sl_geo_ring *land;             /* country outlines around the places (none
                                    * without an outlines file) */
    size_t n_land;
    double land_box[4];            /* region they were cut to: w, s, e, n */
    sl_digest_entity *entities;    /* people, organisations, places: most articles first */
    size_t n_entities;
    sl_digest_figure *figures;     /* disagreements first, then most articles */
    size_t n_figures;
    sl_digest_quote *quotes;       /* most carried first */
    size_t n_quotes;
    int64_t first, last;           /* publication span */
    sl_arena *arena;
} sl_digest;

/* Digests n articles as one story (opts may be NULL). The articles must
 * outlive the call only; the digest copies what it keeps. Returns NULL only
 * when n is 0. */
sl_digest *sl_digest_build(sl_ctx *ctx, const sl_article *const *arts, size_t n,
                           const sl_digest_opts *opts);
void sl_digest_free(sl_digest *d);

/* Renders the digest (story_id may be NULL) as a NUL-terminated malloc'd
 * string; HTML is a whole standalone page with an offline SVG map. */
char *sl_digest_render(const sl_digest *d, sl_format fmt, const char *story_id);

/* Static HTML export of many stories: index.html plus story-ID.html per
 * story, in dir (created if needed). add() may be called any number of
 * times; close() writes the index and returns 0, or -1 on an I/O error
 * (with a diagnostic through ctx). */
typedef struct sl_html_export sl_html_export;
sl_html_export *sl_html_export_open(sl_ctx *ctx, const char *dir);
int sl_html_export_add(sl_html_export *x, const char *story_id, const sl_digest *d);
int sl_html_export_close(sl_html_export *x);

/* Digest of a stored story (its members read back from the store); NULL
 * when the story does not exist or has no member. */
sl_digest *sl_story_digest(sl_ctx *ctx, sl_store *st, long long story, const sl_digest_opts *opts);
/* Writes the static HTML site of every live story of the store into dir.
 * Returns the number of stories written, or -1 on an error (diagnosed). */
long sl_export_html(sl_ctx *ctx, sl_store *st, const char *dir, const sl_digest_opts *opts);

#ifdef __cplusplus
}
#endif
#endif
