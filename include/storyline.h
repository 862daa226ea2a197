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
/* Raw SQLite handle, for the CLI's listings (read-only use). */
struct sqlite3 *sl_store_db(sl_store *st);

/* ---------------------------------------------------------------- the pipeline */

/* The stages after analysis, run for each article as it arrives: store,
 * copies (dedup), stories. One pipeline per writer; it owns no store. */
typedef struct sl_pipeline sl_pipeline;

typedef struct sl_added {
    sl_put_result put;   /* what the store did */
    long long rid;       /* store row of the article (0 if failed) */
} sl_added;

sl_pipeline *sl_pipeline_open(sl_ctx *ctx, sl_store *st);
/* Runs the article through the stages. */
sl_added sl_pipeline_add(sl_pipeline *p, const sl_article *a);
/* Flushes what the stages keep in memory into the store (call inside the
 * batch transaction, before committing). */
int sl_pipeline_flush(sl_pipeline *p);
void sl_pipeline_close(sl_pipeline *p);

#ifdef __cplusplus
}
#endif
#endif
