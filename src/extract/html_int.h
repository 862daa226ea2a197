/*
 * html_int.h — what html.c, html_score.c and html_meta.c share: the walk
 * over the parsed page, its blocks (runs of text owned by a block-level
 * element) and nodes (block-level elements with subtree totals), and the
 * metadata gathered on the way.
 */
#ifndef SL_HTML_INT_H
#define SL_HTML_INT_H

#include <libxml/HTMLparser.h>
#include <stdint.h>

#include "../util/buf.h"
#include "html.h"
#include "html_tok.h"

/* Tag kinds (bit set). */
enum {
    TK_BLOCK = 1,   /* starts a new block of text */
    TK_SKIP = 2,    /* not content at all (script, style, form controls) */
    TK_DROP = 4,    /* page furniture (nav, aside, footer): walked, never kept */
    TK_HEADING = 8, /* h1..h6 */
    TK_PARA = 16,   /* paragraph-like: p, pre, td, blockquote, dd */
    TK_ITEM = 32,   /* li, dt */
    TK_BR = 64,
    TK_LINK = 128,
    TK_LIST = 256,      /* ul, ol, dl */
    TK_TABLE = 512,     /* table, tr, tbody, ... */
    TK_CONTAINER = 1024 /* div, section, article, main: may hold a whole article */
};

/* Why a block was dropped before scoring (0: not dropped). */
enum {
    DROP_NONE = 0,
    DROP_TAG,    /* inside nav/aside/footer/header/figcaption/form */
    DROP_HIDDEN, /* hidden attribute, aria-hidden, display:none */
    DROP_CUE,    /* class/id says comments, share bar, related, ad, ... */
    DROP_ROLE,   /* ARIA role navigation, banner, complementary, ... */
    DROP_TEASERS /* a box headed "You may also like" (found after the walk) */
};

typedef struct hnode hnode;
struct hnode {
    hnode *parent;  /* nearest block-level ancestor */
    hnode *dropper; /* nearest ancestor-or-self that drops its subtree */
    const char *name;
    const char *cue;         /* class/id text that decided a weight, or NULL */
    uint32_t text, link;     /* kept text bytes in the subtree, of which in links */
    uint32_t text_all;       /* all text bytes, dropped parts included */
    uint32_t para_all;       /* bytes in long paragraph-like blocks, dropped included */
    uint32_t h_idx, h_end;   /* own index and end of subtree in the node list */
    uint32_t b_first, b_end; /* blocks of the subtree */
    uint32_t n_child;        /* block-level children */
    float score;             /* content score (readability-like) */
    int16_t weight;          /* class/id/itemprop weight */
    uint16_t kind;           /* TK_* of the element */
    uint8_t drop;            /* DROP_* when this node drops its subtree */
    uint8_t scored;
    uint8_t selected;
    uint8_t revoked; /* a drop undone: the node holds most of the article */
};

typedef struct hblock {
    hnode *owner;
    hnode *dropper; /* nearest dropping ancestor when walked, or NULL */
    const char *text;
    uint32_t len, link, commas, words;
    uint16_t kind; /* TK_* of the owner */
    uint8_t level; /* heading level 1..6, else 0 */
    uint8_t in_list;
    uint8_t kept;
    uint8_t has_punct;  /* ends like a sentence */
    uint8_t link_first; /* its text opens inside a link */
    const char *why;
    float score;
} hblock;

/* Metadata as found, before choosing (html_meta.c). */
typedef struct hmeta {
    const char *title_tag, *h1;
    const char *og_title, *og_site, *og_url, *og_desc, *og_type;
    const char *canonical, *html_lang, *content_lang, *og_locale;
    const char *meta_date[4]; /* article:published_time, date, pubdate, dc.date ... */
    const char *itemprop_date, *time_datetime, *visible_date;
    const char *meta_author, *article_author, *rel_author, *itemprop_author;
    const char *description, *application_name;
    const char *ld_headline, *ld_date, *ld_author, *ld_publisher, *ld_body, *ld_lang, *ld_url;
    int ld_is_article;
} hmeta;

#define NAME_CACHE 2048

typedef struct hwalk {
    sl_arena *a;
    const html_opts *opts;
    buf cur; /* text of the block being gathered */
    uint32_t cur_link, cur_commas;
    int cur_link_first;        /* the block being gathered opened inside a link */
    uint32_t n_links, n_flush; /* links opened and blocks ended so far (card cutting) */
    int pending_space;
    int in_link, in_list, depth;
    hnode *owner;   /* current block-level element */
    hnode *dropper; /* current dropping ancestor */
    hnode **nodes;
    size_t n_nodes, cap_nodes;
    hblock *blocks;
    size_t n_blocks, cap_blocks;
    uint32_t total_para;
    hmeta m;
    int in_head, skip;
    void *stack; /* hframe[] (html_score.c) */
    size_t n_stack, cap_stack;
    int cap_kind;     /* metadata text being captured (html_meta.c), 0 if none */
    size_t cap_level; /* stack level of the capturing element */
    buf cap;
    uint64_t name_key[NAME_CACHE]; /* class word verdict cache (html_score.c) */
    int8_t name_val[NAME_CACHE];
} hwalk;

/* The attributes the extractor looks at, gathered in one pass. */
typedef struct hattrs {
    const char *cls, *id, *style, *role, *aria_hidden, *hidden, *itemprop, *rel;
    const char *datetime, *content, *property, *name, *http_equiv, *href, *type, *lang;
} hattrs;

/* html_score.c */
/* Parses p[0..n) (UTF-8) with libxml2's HTML SAX parser, walking it into
 * blocks and nodes, then chooses the article's blocks (kept/why set on
 * every block). */
void hs_parse(hwalk *w, const char *p, size_t n, int options);
/* The same walk over html_tok.c's events (the default parser). */
void hs_parse_tok(hwalk *w, const char *p, size_t n);
void hs_select(hwalk *w);
/* 1 when html_score.c's table of class/id name parts is in the order its
 * search needs. */
int hs_parts_sorted(void);
/* The page's text from kept blocks into out ("\n\n" between blocks). */
void hs_text(hwalk *w, buf *out);

/* html_meta.c */
/* An element starts (its frame is on the stack), text arrives, the element
 * at stack level `level` ends. */
void hm_start(hwalk *w, const char *name, const hattrs *at);
void hm_text(hwalk *w, const char *s, size_t n);
void hm_end(hwalk *w, size_t level);
void hm_finish(hwalk *w, html_doc *d);

/* html_lines.c: what a short block says about itself (t NUL-terminated,
 * n bytes, words as counted by the walk). Each returns 1 for furniture. */
int hl_teaser(const char *t, size_t n, uint32_t words);
int hl_credit(const char *t, size_t n, uint32_t words);
int hl_ad_marker(const char *t, size_t n, uint32_t words);
int hl_call_to_action(const char *t, size_t n, uint32_t words);
int hl_dateline(const char *t, size_t n, uint32_t words);
/* 1 when html_lines.c's phrase table is in the order its search needs. */
int hl_phrases_sorted(void);
/* The reason of the first test above that says furniture, or NULL. */
const char *hl_boilerplate(const char *t, size_t n, uint32_t words);

#endif
