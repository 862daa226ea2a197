/*
 * html.h — main-content extraction from a web page.
 *
 * html_extract() parses a page with storyline's forgiving HTML tokenizer
 * (html_tok.h; libxml2's on demand), after turning its bytes into UTF-8
 * (see charset.h), and returns the article: its
 * text, paragraphs separated by "\n\n", and the metadata the page states
 * (title, publication time, author, site, canonical URL, language).
 * How the text is chosen is in html_score.c, the metadata in html_meta.c.
 * With explain set, every text block of the page is returned with its
 * score and the reason it was kept or dropped.
 */
#ifndef SL_HTML_H
#define SL_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

/* Pages larger than this are cut before parsing (with a warning). */
#define HTML_MAX_BYTES (64u << 20)

/* Which parser feeds the walk. */
typedef enum html_parser {
    HTML_PARSER_DEFAULT = 0, /* $STORYLINE_HTML_PARSER ("libxml2"), else our own */
    HTML_PARSER_OWN,         /* html_tok.c */
    HTML_PARSER_LIBXML2      /* libxml2's HTML parser (SAX) */
} html_parser;

typedef struct html_opts {
    const char *http_charset; /* charset from an HTTP header, or NULL */
    const char *url;          /* where the page came from, or NULL */
    bool explain;             /* keep every block with its verdict */
    bool fragment;            /* a snippet (feed item), not a page: keep all its text */
    html_parser parser;       /* HTML_PARSER_DEFAULT: see html_parser_of() */
} html_opts;

/* The parser o asks for, $STORYLINE_HTML_PARSER deciding the default. */
html_parser html_parser_of(const html_opts *o);

typedef struct html_block {
    const char *text; /* whitespace-collapsed text (arena) */
    size_t len;
    const char *tag;    /* owning element: "p", "h2", "li", "div", ... */
    const char *where;  /* class/id of the nearest marked ancestor, or "" */
    float score;        /* block score (higher = more article-like) */
    float link_density; /* share of the text inside links */
    bool kept;
    const char *why; /* the rule that decided */
} html_block;

typedef struct html_doc {
    sl_arena *arena;  /* owns everything below */
    const char *text; /* main text, paragraphs joined by "\n\n" */
    size_t text_len;
    const char *title;     /* NULL when none */
    const char *date;      /* publication time as found (ISO 8601 when it was) */
    const char *date_from; /* "json-ld", "meta", "time", "url", or NULL */
    const char *author;
    const char *site; /* outlet / site name */
    const char *url;  /* canonical URL, else og:url, else the given URL */
    const char *lang; /* as declared (html lang, content-language), or NULL */
    const char *description;
    const char *agencies;     /* wire agencies credited in the metadata, "AFP, Reuters" */
    const char *charset;      /* encoding the bytes were read with */
    const char *charset_from; /* "bom", "http", "meta", "detected" */
    unsigned bad_bytes;       /* undecodable bytes replaced by U+FFFD */
    bool truncated;           /* page cut at HTML_MAX_BYTES */
    html_block *blocks;       /* all blocks in page order (explain only) */
    size_t n_blocks;
} html_doc;

/* Extracts the article from page bytes p[0..n). Never fails on bad input
 * (an unusable page gives empty text); returns NULL only if p is NULL.
 * Free with html_doc_free(). */
html_doc *html_extract(const char *p, size_t n, const html_opts *o);
void html_doc_free(html_doc *d);

/* Sets *raw to the article of page d, for the readers that parse pages
 * (html, warc): url, site as source, title, date, lang, author, agencies,
 * text, truncated; every other field zero (where it came from is the
 * reader's to say). */
struct sl_raw;
void html_doc_raw(const html_doc *d, struct sl_raw *raw);

/* Is this the start of an HTML document? (for sniffing) */
int html_looks_like(const unsigned char *head, size_t n);

#endif
