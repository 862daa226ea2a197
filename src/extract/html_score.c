/*
 * html_score.c — which text of a page is the article.
 *
 * The walk follows the parser's SAX events (no tree is built) and makes
 * blocks: each run of text owned by the nearest block-level element (a
 * paragraph, a heading, a list item, the loose text of a div), with its
 * length, the part inside links, commas and words. Block-level elements
 * become nodes that sum their subtree. Furniture is marked on the way:
 * nav/aside/footer/header/figure, hidden elements, ARIA landmarks, and
 * class/id cues (comments, share bars, related links, ads, cookie and
 * newsletter prompts) — marked, not cut, so --explain can show it, and a
 * mark is revoked when the marked element holds half the page's
 * paragraphs (a body class "has-sidebar").
 *
 * Selection follows the candidate idea: every paragraph gives points
 * (one, plus its commas, plus one per 100 bytes up to three) to its
 * ancestors, fading with distance; class/id cues add or remove points;
 * a candidate's points shrink with its link density. The best candidate
 * is widened to an ancestor when several strong candidates share it, and
 * its siblings join when they score close or read as prose; a second
 * strong prose-heavy candidate elsewhere joins too. Inside the chosen
 * region each block is then judged on its own (link density, furniture
 * marks, link lists, credit and teaser lines), as a paragraph classifier
 * would, and prose right next to the region is taken in.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xxhash.h>

#include <libxml/parserInternals.h>

#include "html_int.h"

#define NEIGHBOUR_LEN 80
#define OTHER_SHARE 0.35f /* a second region needs this share of the best score */
#define LEAD_WEIGHT 30    /* class/id weight of a lead box (see judge_name) */
#define SANDWICH_LINKS 0.3f /* link density above which a box between article parts is not */
#define LEAD_SPAN 40      /* blocks between a headline and its article's first block */

/* ---------------------------------------------------------------- tags */

static int tag_kind(const char *t)
{
    switch (t[0]) {
    case 'a':
        if (!t[1])
            return TK_LINK;
        if (!strcmp(t, "article"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "aside"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "address"))
            return TK_BLOCK;
        if (!strcmp(t, "audio") || !strcmp(t, "applet") || !strcmp(t, "area"))
            return TK_SKIP;
        return 0;
    case 'b':
        if (!strcmp(t, "br"))
            return TK_BR;
        if (!strcmp(t, "blockquote"))
            return TK_BLOCK | TK_PARA;
        if (!strcmp(t, "body"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "button"))
            return TK_SKIP;
        return 0;
    case 'c':
        if (!strcmp(t, "center"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "caption"))
            return TK_BLOCK;
        if (!strcmp(t, "canvas"))
            return TK_SKIP;
        return 0;
    case 'd':
        if (!strcmp(t, "div"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "dd"))
            return TK_BLOCK | TK_PARA;
        if (!strcmp(t, "dt"))
            return TK_BLOCK | TK_ITEM;
        if (!strcmp(t, "dl"))
            return TK_BLOCK | TK_LIST;
        if (!strcmp(t, "details"))
            return TK_BLOCK;
        if (!strcmp(t, "dialog"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "datalist"))
            return TK_SKIP;
        return 0;
    case 'e':
        return !strcmp(t, "embed") ? TK_SKIP : 0;
    case 'f':
        if (!strcmp(t, "footer"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "figure"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "figcaption"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "form"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "fieldset"))
            return TK_BLOCK;
        if (!strcmp(t, "frameset") || !strcmp(t, "frame"))
            return TK_SKIP;
        return 0;
    case 'h':
        if (t[1] >= '1' && t[1] <= '6' && !t[2])
            return TK_BLOCK | TK_HEADING;
        if (!strcmp(t, "header"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "hr"))
            return TK_BLOCK;
        if (!strcmp(t, "head"))
            return TK_SKIP;
        if (!strcmp(t, "html"))
            return TK_BLOCK | TK_CONTAINER;
        return 0;
    case 'i':
        if (!strcmp(t, "iframe") || !strcmp(t, "input") || !strcmp(t, "img"))
            return TK_SKIP;
        return 0;
    case 'l':
        if (!strcmp(t, "li"))
            return TK_BLOCK | TK_ITEM;
        if (!strcmp(t, "label") || !strcmp(t, "link"))
            return TK_SKIP;
        return 0;
    case 'm':
        if (!strcmp(t, "main"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "menu"))
            return TK_BLOCK | TK_DROP | TK_LIST;
        if (!strcmp(t, "map") || !strcmp(t, "math") || !strcmp(t, "meta"))
            return TK_SKIP;
        return 0;
    case 'n':
        if (!strcmp(t, "nav"))
            return TK_BLOCK | TK_DROP;
        if (!strcmp(t, "noscript"))
            return TK_SKIP;
        return 0;
    case 'o':
        if (!strcmp(t, "ol"))
            return TK_BLOCK | TK_LIST;
        if (!strcmp(t, "object") || !strcmp(t, "option") || !strcmp(t, "optgroup") ||
            !strcmp(t, "output"))
            return TK_SKIP;
        return 0;
    case 'p':
        if (!t[1])
            return TK_BLOCK | TK_PARA;
        if (!strcmp(t, "pre"))
            return TK_BLOCK | TK_PARA;
        if (!strcmp(t, "picture") || !strcmp(t, "param") || !strcmp(t, "progress"))
            return TK_SKIP;
        return 0;
    case 's':
        if (!strcmp(t, "section"))
            return TK_BLOCK | TK_CONTAINER;
        if (!strcmp(t, "script") || !strcmp(t, "style") || !strcmp(t, "select") ||
            !strcmp(t, "svg") || !strcmp(t, "source"))
            return TK_SKIP;
        if (!strcmp(t, "summary"))
            return TK_BLOCK;
        return 0;
    case 't':
        if (!strcmp(t, "td"))
            return TK_BLOCK | TK_PARA | TK_TABLE;
        if (!strcmp(t, "th"))
            return TK_BLOCK | TK_TABLE;
        if (!strcmp(t, "tr") || !strcmp(t, "table") || !strcmp(t, "tbody") || !strcmp(t, "thead") ||
            !strcmp(t, "tfoot"))
            return TK_BLOCK | TK_TABLE;
        if (!strcmp(t, "textarea") || !strcmp(t, "template") || !strcmp(t, "title") ||
            !strcmp(t, "track"))
            return TK_SKIP;
        return 0;
    case 'u':
        return !strcmp(t, "ul") ? TK_BLOCK | TK_LIST : 0;
    case 'v':
        return !strcmp(t, "video") ? TK_SKIP : 0;
    default:
        return 0;
    }
}

/* ---------------------------------------------------------------- attributes */

/* Does a CSS style declaration hide the element? */
static int style_hides(const char *s)
{
    const char *p = s;
    while ((p = strcasestr(p, "display"))) {
        p += 7;
        while (*p == ' ' || *p == ':')
            p++;
        if (!strncasecmp(p, "none", 4))
            return 1;
    }
    p = strcasestr(s, "visibility");
    if (p) {
        p += 10;
        while (*p == ' ' || *p == ':')
            p++;
        if (!strncasecmp(p, "hidden", 6))
            return 1;
    }
    return 0;
}

/* Words of class/id names that mark furniture, matched against each part
 * of a name split at '-', '_' and spaces. */
static const char *const NEG_PARTS[] = {
    "ad",           "ads",         "adv",       "advert",      "advertisement",
    "advertising",  "author",      "authors",   "banner",      "bio",
    "breadcrumb",   "breadcrumbs", "byline",    "caption",     "comment",
    "comments",     "commentlist", "consent",   "cookie",      "cookies",
    "credit",       "credits",     "dateline",  "disclaimer",  "donate",
    "follow",       "footer",      "gdpr",      "header",      "hidden",
    "hide",         "keywords",    "login",     "masthead",    "menu",
    "meta",         "modal",       "more",      "nav",         "navbar",
    "navigation",   "newsletter",  "outbrain",  "pagination",  "pager",
    "popular",      "popup",       "print",     "promo",       "promos",
    "promotion",    "rating",      "readmore",  "recommended", "related",
    "share",        "sharing",     "sidebar",   "signup",      "skip",
    "social",       "sponsor",     "sponsored", "sronly",      "subscribe",
    "subscription", "taboola",     "tag",       "tags",        "timestamp",
    "toolbar",      "tools",       "topbar",    "trending",    "visually",
    "widget",       "widgets",     "mostread",  "shares",      "sharebar",
    "socials",      "tooltip",     "overlay",   "inline",      "newsletters",
    "promoted",     "jump",        "crumbs",    NULL};
/* Substrings of class/id names that mark furniture even inside one word. */
static const char *const NEG_SUBS[] = {
    "comment",     "share",        "social",  "related",  "sidebar",  "breadcrumb", "cookie",
    "newsletter",  "subscri",      "advert",  "sponsor",  "outbrain", "taboola",    "pagination",
    "navigation",  "navbar",       "footer",  "masthead", "popup",    "recommend",  "trending",
    "mostread",    "most-read",    "signup",  "sign-up",  "byline",   "disqus",     "banner",
    "videoplayer", "video-player", "caption", NULL};
static const char *const LEAD_PARTS[] = {"lead",  "intro",   "standfirst", "summary", "abstract",
                                         "chapo", "chapeau", "lede",       "deck",    NULL};
static const char *const POS_SUBS[] = {"article", "content", "entry", "story", "post", "body",
                                       "text",    "prose",   "blog",  "main",  NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strncmp(*list, w, n) == 0 && (*list)[n] == 0)
            return 1;
    return 0;
}

/* Judges one class or id name (lower-cased): -1 furniture, +1 content, 0. */
static int judge_name(const char *s, size_t n)
{
    char low[128];
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = 0;
    int neg = 0, pos = 0;
    if (strstr(low, "commentary") || strstr(low, "shareholder"))
        return 0;
    /* a lead / intro / standfirst box is the article's opening, wherever it sits */
    for (size_t i = 0; i < n;) {
        while (i < n && !isalnum((unsigned char)low[i]))
            i++;
        size_t j = i;
        while (j < n && isalnum((unsigned char)low[j]))
            j++;
        if (j > i && in_list(low + i, j - i, LEAD_PARTS))
            return 2;
        i = j;
    }
    int neg_sub = 0;
    for (const char *const *p = NEG_SUBS; *p && !neg; p++)
        neg = neg_sub = strstr(low, *p) != NULL;
    if (!neg) {
        size_t i = 0;
        while (i < n && !neg) {
            while (i < n && !isalnum((unsigned char)low[i]))
                i++;
            size_t j = i;
            while (j < n && isalnum((unsigned char)low[j]))
                j++;
            if (j > i)
                neg = in_list(low + i, j - i, NEG_PARTS);
            i = j;
        }
    }
    for (const char *const *p = POS_SUBS; *p && !pos; p++)
        pos = strstr(low, *p) != NULL;
    /* "article-header", "author-article": one name says both, so neither */
    if (neg && pos && !neg_sub)
        return 0;
    if (neg)
        return -1;
    return pos ? 1 : 0;
}

/* Weight of an element from its class and id: sets *drop when the names
 * say furniture and nothing says content. Pages repeat their class names,
 * so verdicts are cached per page by a hash of the names. */
static int cue_weight_raw(const char *cls, const char *id, int *drop);

static int cue_weight(hwalk *w, const char *cls, const char *id, int *drop)
{
    uint64_t h = XXH3_64bits_withSeed(cls ? cls : "", cls ? strlen(cls) : 0, 1);
    h = XXH3_64bits_withSeed(id ? id : "", id ? strlen(id) : 0, h);
    h |= 1; /* 0 marks an empty slot */
    size_t i = (size_t)(h >> 40) % CUE_CACHE;
    for (size_t k = 0; k < 16; k++, i = (i + 1) % CUE_CACHE) {
        if (w->cue_key[i] == h) {
            *drop = w->cue_val[i] & 1;
            return (w->cue_val[i] >> 1) - 64;
        }
        if (!w->cue_key[i])
            break;
    }
    int weight = cue_weight_raw(cls, id, drop);
    if (!w->cue_key[i]) {
        w->cue_key[i] = h;
        w->cue_val[i] = (uint8_t)(((weight + 64) << 1) | (*drop ? 1 : 0));
    }
    return weight;
}

static int cue_weight_raw(const char *cls, const char *id, int *drop)
{
    int neg = 0, pos = 0, lead = 0;
    *drop = 0;
    if (cls) {
        const char *p = cls;
        while (*p) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            size_t n = strcspn(p, " \t\n");
            if (!n)
                break;
            int j = judge_name(p, n);
            neg += j < 0;
            pos += j > 0;
            lead += j > 1;
            p += n;
        }
    }
    if (id && *id) {
        int j = judge_name(id, strlen(id));
        neg += j < 0;
        pos += j > 0;
        lead += j > 1;
    }
    if (lead)
        return LEAD_WEIGHT;
    if (neg && !pos)
        *drop = 1;
    return (pos ? 25 : 0) - (neg ? 25 : 0);
}

static int role_drops(const char *r)
{
    static const char *const roles[] = {"navigation", "banner",  "complementary", "contentinfo",
                                        "menu",       "menubar", "dialog",        "alert",
                                        "search",     NULL};
    for (const char *const *p = roles; *p; p++)
        if (!strcasecmp(r, *p))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- the walk */

/* The walk runs on libxml2's SAX events: no tree is built. Every start
 * tag pushes a frame that its end tag pops (the parser closes implied and
 * unclosed elements itself), so the state of the walk is a stack. */
typedef struct hframe {
    hnode *node; /* block node opened by this element, or NULL */
    hnode *saved_owner, *saved_dropper;
    uint8_t link, list, skip, head, muted;
} hframe;

static hnode *node_new(hwalk *w, const char *name, int kind)
{
    hnode *h = arena_calloc(w->a, 1, sizeof *h);
    h->name = arena_strdup(w->a, name); /* the parser's names die with it */
    h->kind = (uint16_t)kind;
    h->parent = w->owner;
    h->dropper = w->dropper;
    if (w->n_nodes == w->cap_nodes) {
        size_t cap = w->cap_nodes ? w->cap_nodes * 2 : 256;
        w->nodes = arena_grow(w->a, w->nodes, w->n_nodes, cap, sizeof *w->nodes);
        w->cap_nodes = cap;
    }
    h->h_idx = (uint32_t)w->n_nodes;
    w->nodes[w->n_nodes++] = h;
    h->b_first = (uint32_t)w->n_blocks;
    return h;
}

static int ends_sentence(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == ')' || s[n - 1] == '\''))
        n--;
    if (!n)
        return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
        return 1;
    /* closing quotes and ideographic full stop in UTF-8 */
    if (n >= 3 && (!memcmp(s + n - 3, "\xE3\x80\x82", 3) || !memcmp(s + n - 3, "\xE2\x80\x9D", 3)))
        return 1;
    return n >= 2 && !memcmp(s + n - 2, "\xC2\xBB", 2);
}

/* Ends the block being gathered: it belongs to the current owner. */
static void flush(hwalk *w)
{
    buf *c = &w->cur;
    while (c->len && (c->data[c->len - 1] == ' ' || c->data[c->len - 1] == '\n'))
        c->len--;
    w->pending_space = 0;
    if (!c->len)
        goto reset;
    if (w->n_blocks == w->cap_blocks) {
        size_t cap = w->cap_blocks ? w->cap_blocks * 2 : 256;
        w->blocks = arena_grow(w->a, w->blocks, w->n_blocks, cap, sizeof *w->blocks);
        w->cap_blocks = cap;
    }
    hblock *b = &w->blocks[w->n_blocks++];
    memset(b, 0, sizeof *b);
    b->owner = w->owner;
    b->dropper = w->dropper;
    b->text = arena_strndup(w->a, c->data, c->len);
    b->len = (uint32_t)c->len;
    b->link = w->cur_link > c->len ? (uint32_t)c->len : w->cur_link;
    b->commas = w->cur_commas;
    b->kind = w->owner ? w->owner->kind : 0;
    b->in_list = (uint8_t)(w->in_list > 0);
    if (w->owner && (w->owner->kind & TK_HEADING))
        b->level = (uint8_t)(w->owner->name[1] - '0');
    b->has_punct = (uint8_t)ends_sentence(c->data, c->len);
    uint32_t words = 0;
    int inw = 0;
    for (size_t i = 0; i < c->len; i++) {
        int sp = c->data[i] == ' ' || c->data[i] == '\n';
        if (!sp && !inw)
            words++;
        inw = !sp;
    }
    b->words = words;
    if (w->owner) {
        w->owner->text_all += b->len;
        if (b->len >= NEIGHBOUR_LEN && (b->kind & (TK_PARA | TK_CONTAINER)) && !b->level)
            w->owner->para_all += b->len;
        if (!w->dropper) {
            w->owner->text += b->len;
            w->owner->link += b->link;
        }
    }
reset:
    buf_clear(c);
    w->cur_link = 0;
    w->cur_commas = 0;
}

/* Appends text, collapsing whitespace (NBSP included). */
static void add_text(hwalk *w, const unsigned char *p, size_t n)
{
    buf *c = &w->cur;
    if (c->len > HTML_MAX_BYTES)
        return;
    size_t before = c->len;
    const unsigned char *end = p + n;
    while (p < end) {
        const unsigned char *q = p;
        uint32_t commas = 0;
        while (q<end && * q> ' ' && !(q[0] == 0xC2 && q + 1 < end && q[1] == 0xA0)) {
            commas += *q == ',';
            q++;
        }
        if (q > p) {
            if (w->pending_space && c->len && c->data[c->len - 1] != '\n')
                buf_addc(c, ' ');
            w->pending_space = 0;
            buf_add(c, p, (size_t)(q - p));
            w->cur_commas += commas;
        }
        if (q >= end)
            break;
        w->pending_space = 1;
        p = q + (*q == 0xC2 ? 2 : 1);
    }
    if (w->in_link)
        w->cur_link += (uint32_t)(c->len - before);
}

static hframe *push(hwalk *w)
{
    if (w->n_stack == w->cap_stack) {
        size_t cap = w->cap_stack ? w->cap_stack * 2 : 64;
        w->stack = arena_grow(w->a, w->stack, w->n_stack, cap, sizeof(hframe));
        w->cap_stack = cap;
    }
    hframe *f = (hframe *)w->stack + w->n_stack++;
    memset(f, 0, sizeof *f);
    return f;
}

static void sax_attrs(const xmlChar **atts, hattrs *a)
{
    memset(a, 0, sizeof *a);
    for (; atts && atts[0]; atts += 2) {
        const char *n = (const char *)atts[0];
        const char *v = atts[1] ? (const char *)atts[1] : "";
        switch (n[0]) {
        case 'a':
            if (!strcmp(n, "aria-hidden"))
                a->aria_hidden = v;
            break;
        case 'c':
            if (!strcmp(n, "class"))
                a->cls = v;
            else if (!strcmp(n, "content"))
                a->content = v;
            break;
        case 'd':
            if (!strcmp(n, "datetime"))
                a->datetime = v;
            break;
        case 'h':
            if (!strcmp(n, "hidden"))
                a->hidden = v;
            else if (!strcmp(n, "href"))
                a->href = v;
            else if (!strcmp(n, "http-equiv"))
                a->http_equiv = v;
            break;
        case 'i':
            if (!strcmp(n, "id"))
                a->id = v;
            else if (!strcmp(n, "itemprop"))
                a->itemprop = v;
            break;
        case 'l':
            if (!strcmp(n, "lang"))
                a->lang = v;
            break;
        case 'n':
            if (!strcmp(n, "name"))
                a->name = v;
            break;
        case 'p':
            if (!strcmp(n, "property"))
                a->property = v;
            break;
        case 'r':
            if (!strcmp(n, "role"))
                a->role = v;
            else if (!strcmp(n, "rel"))
                a->rel = v;
            break;
        case 's':
            if (!strcmp(n, "style"))
                a->style = v;
            break;
        case 't':
            if (!strcmp(n, "type"))
                a->type = v;
            break;
        case 'x':
            if (!strcmp(n, "xml:lang") && !a->lang)
                a->lang = v;
            break;
        default:
            break;
        }
    }
}

/* A short copy of a class/id for --explain and sibling matching. */
static const char *cue_copy(sl_arena *a, const char *s)
{
    size_t n = strlen(s);
    return arena_strndup(a, s, n > 80 ? 80 : n);
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    hwalk *w = ctx;
    hframe *f = push(w);
    if (w->skip) { /* inside a script, a style, a hidden inline element */
        f->muted = 1;
        return;
    }
    const char *name = (const char *)xname;
    if (!name)
        return;
    int kind = tag_kind(name);
    hattrs at;
    sax_attrs(atts, &at);
    hm_start(w, name, &at);
    if (!strcmp(name, "head")) {
        f->head = 1;
        w->in_head++;
        return;
    }
    if (kind & TK_SKIP) {
        f->skip = 1;
        w->skip++;
        return;
    }
    if (kind & TK_BR) {
        if (w->cur.len && w->cur.data[w->cur.len - 1] != '\n')
            buf_addc(&w->cur, '\n');
        w->pending_space = 0;
        return;
    }
    int drop = kind & TK_DROP ? DROP_TAG : DROP_NONE, weight = 0, cue_drop = 0;
    const char *cls = at.cls, *id = at.id;
    if (atts) {
        /* the id of a heading or a paragraph is an anchor made of its own
         * words ("nav_the-last-day"), not a verdict on it */
        if (kind & (TK_HEADING | TK_PARA))
            id = NULL;
        if (cls || id)
            weight = cue_weight(w, cls, id, &cue_drop);
        const char *ip = at.itemprop;
        if (ip && (strcasestr(ip, "articleBody") || strcasestr(ip, "text")))
            weight += 50, cue_drop = 0;
        const char *st = at.style, *role = at.role, *ah = at.aria_hidden;
        if (at.hidden || (st && style_hides(st)) || (ah && !strcasecmp(ah, "true")))
            drop = DROP_HIDDEN;
        else if (role && role_drops(role))
            drop = DROP_ROLE;
        else if (!drop && cue_drop && strcmp(name, "body") && strcmp(name, "html") &&
                 strcmp(name, "a") && strcmp(name, "main"))
            drop = DROP_CUE;
    }
    /* Elements that name content win over the furniture tag around them. */
    if (drop == DROP_TAG && weight > 25)
        drop = DROP_NONE;
    if (!(kind & TK_BLOCK)) {
        if (drop == DROP_HIDDEN || drop == DROP_ROLE) {
            f->skip = 1; /* hidden inline text is simply not there */
            w->skip++;
            return;
        }
        if (kind & TK_LINK) {
            f->link = 1;
            w->in_link++;
        }
        return;
    }
    flush(w);
    hnode *h = node_new(w, name, kind);
    h->weight = (int16_t)weight;
    if (cls || id)
        h->cue = cue_copy(w->a, cls && *cls ? cls : id ? id : cls);
    f->node = h;
    f->saved_owner = w->owner;
    f->saved_dropper = w->dropper;
    if (drop) {
        h->drop = (uint8_t)drop;
        w->dropper = h;
        h->dropper = h;
    } else if (weight == LEAD_WEIGHT && w->dropper && w->dropper->drop != DROP_HIDDEN) {
        w->dropper = NULL; /* a lead inside a header is content */
        h->dropper = NULL;
    }
    if (w->owner)
        w->owner->n_child++;
    w->owner = h;
    if (kind & TK_LIST) {
        f->list = 1;
        w->in_list++;
    }
}

static void on_end(void *ctx, const xmlChar *xname)
{
    hwalk *w = ctx;
    (void)xname;
    if (!w->n_stack)
        return;
    hframe f = ((hframe *)w->stack)[--w->n_stack];
    hm_end(w, w->n_stack);
    if (f.muted)
        return;
    if (f.head)
        w->in_head--;
    if (f.skip)
        w->skip--;
    if (f.link)
        w->in_link--;
    if (!f.node)
        return;
    hnode *h = f.node;
    flush(w);
    if (f.list)
        w->in_list--;
    w->owner = f.saved_owner;
    w->dropper = f.saved_dropper;
    h->h_end = (uint32_t)w->n_nodes;
    h->b_end = (uint32_t)w->n_blocks;
    hnode *up = f.saved_owner;
    if (up) {
        up->text_all += h->text_all;
        up->para_all += h->para_all;
        if (!h->drop) {
            up->text += h->text;
            up->link += h->link;
        }
    }
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    hwalk *w = ctx;
    if (len <= 0)
        return;
    hm_text(w, (const char *)ch, (size_t)len);
    if (w->skip || w->in_head)
        return;
    add_text(w, ch, (size_t)len);
}

void hs_parse(hwalk *w, const char *p, size_t n, int options)
{
    htmlParserCtxtPtr c = htmlCreateMemoryParserCtxt(p, (int)n);
    if (!c)
        return;
    htmlSAXHandler *sax = (htmlSAXHandler *)c->sax;
    memset(sax, 0, sizeof *sax);
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->cdataBlock = on_text;
    sax->initialized = 1;
    c->userData = w;
    htmlCtxtUseOptions(c, options);
    xmlSwitchEncoding(c, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(c);
    while (w->n_stack) /* what the parser left open */
        on_end(w, NULL);
    flush(w);
    hs_select(w);
    if (c->myDoc)
        xmlFreeDoc(c->myDoc);
    htmlFreeParserCtxt(c);
}

void hs_parse_tok(hwalk *w, const char *p, size_t n)
{
    htok_sink sink = {on_start, on_end, on_text};
    htok_parse(p, n, &sink, w);
    while (w->n_stack) /* html_tok.c closes everything; kept for symmetry */
        on_end(w, NULL);
    flush(w);
    hs_select(w);
}

/* ---------------------------------------------------------------- selection */

static float link_density(const hnode *h)
{
    return h->text ? (float)h->link / (float)h->text : 0.f;
}

/* Is the block (or node) under a drop that still holds? */
static hnode *active_dropper(hnode *d)
{
    while (d && d->revoked)
        d = d->parent ? d->parent->dropper : NULL;
    return d;
}

/* A drop covering most of the page's paragraphs is a mistake: undo it. */
static void revoke_big_drops(hwalk *w)
{
    uint32_t total = 0;
    for (size_t i = 0; i < w->n_nodes; i++)
        if (!w->nodes[i]->parent)
            total += w->nodes[i]->para_all;
    w->total_para = total;
    if (!total)
        return;
    for (size_t i = 0; i < w->n_nodes; i++) {
        hnode *h = w->nodes[i];
        if (h->drop && h->drop != DROP_HIDDEN && h->para_all * 2 >= total)
            h->revoked = 1;
    }
    /* recompute kept totals bottom-up for nodes whose drop was revoked */
    int any = 0;
    for (size_t i = 0; i < w->n_nodes; i++)
        any |= w->nodes[i]->revoked;
    if (!any)
        return;
    for (size_t i = 0; i < w->n_nodes; i++)
        w->nodes[i]->text = w->nodes[i]->link = 0;
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (b->owner && !active_dropper(b->dropper)) {
            b->owner->text += b->len;
            b->owner->link += b->link;
        }
    }
    for (size_t i = w->n_nodes; i-- > 0;) {
        hnode *h = w->nodes[i];
        if (h->parent && !active_dropper(h->dropper)) {
            h->parent->text += h->text;
            h->parent->link += h->link;
        }
    }
}

static float tag_base(const hnode *h)
{
    const char *t = h->name;
    if (!strcmp(t, "div") || !strcmp(t, "article") || !strcmp(t, "section") || !strcmp(t, "main"))
        return 5;
    if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
        return 3;
    if (h->kind & (TK_LIST | TK_ITEM) || !strcmp(t, "form") || !strcmp(t, "address"))
        return -3;
    if (h->kind & TK_HEADING || !strcmp(t, "th"))
        return -5;
    return 0;
}

static void give(hnode *h, float pts)
{
    if (!h->scored) {
        h->scored = 1;
        h->score = tag_base(h);
    }
    h->score += pts;
}

/* Paragraph points flow to the ancestors of each paragraph. */
static void score_blocks(hwalk *w)
{
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (!b->owner || b->len < 25 || b->level || active_dropper(b->dropper))
            continue;
        float ld = b->len ? (float)b->link / (float)b->len : 0;
        if (ld > 0.5f)
            continue;
        float pts = 1.f + (float)b->commas + (b->len / 100 > 3 ? 3.f : (float)(b->len / 100));
        b->score = pts;
        hnode *start =
            (b->kind & (TK_PARA | TK_ITEM)) || b->owner->n_child == 0 ? b->owner->parent : b->owner;
        int level = 0;
        for (hnode *h = start; h && level < 5; h = h->parent, level++) {
            float div = level == 0 ? 1.f : level == 1 ? 2.f : (float)level * 3.f;
            give(h, pts / div);
        }
    }
}

static int is_ancestor(const hnode *a, const hnode *d)
{
    return d->h_idx >= a->h_idx && d->h_idx < a->h_end;
}

static hnode *pick_top(hwalk *w)
{
    hnode *top = NULL;
    hnode *best[5] = {0};
    for (size_t i = 0; i < w->n_nodes; i++) {
        hnode *h = w->nodes[i];
        if (!h->scored || active_dropper(h->dropper))
            continue;
        /* class/id weight counts in full only for a node with real text */
        float share = (float)h->text / 1000.f;
        h->score =
            h->score * (1.f - link_density(h)) + (float)h->weight * (share < 1.f ? share : 1.f);
        for (int k = 0; k < 5; k++) {
            if (!best[k] || h->score > best[k]->score) {
                memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof *best);
                best[k] = h;
                break;
            }
        }
    }
    top = best[0];
    if (!top)
        return NULL;
    /* Several strong candidates under one ancestor: the ancestor it is. */
    int strong = 0;
    for (int k = 1; k < 5; k++)
        strong += best[k] && best[k]->score >= top->score * 0.75f && !is_ancestor(best[k], top) &&
                  !is_ancestor(top, best[k]);
    if (strong >= 2) {
        for (hnode *p = top->parent; p && p->parent; p = p->parent) {
            int in = 0;
            for (int k = 1; k < 5; k++)
                in += best[k] && best[k]->score >= top->score * 0.75f && is_ancestor(p, best[k]);
            if (in >= 2) {
                top = p;
                break;
            }
        }
    }
    /* Climb while the parent scores at least as well. */
    float last = top->score, floor = top->score / 3.f;
    for (hnode *p = top->parent; p && p->parent; p = p->parent) {
        if (!p->scored)
            continue;
        if (p->score < floor)
            break;
        if (p->score > last) {
            top = p;
            break;
        }
        last = p->score;
    }
    while (top->parent && top->parent->parent && top->parent->n_child == 1)
        top = top->parent;
    return top;
}

/* Text of a direct block of a node (loose text in a div) or of a node
 * when judging a sibling as prose. */
static int prose_like(uint32_t len, float ld, int punct)
{
    if (len > NEIGHBOUR_LEN && ld < 0.25f)
        return 1;
    return len > 0 && len <= NEIGHBOUR_LEN && ld == 0.f && punct;
}

static void mark_subtree(hwalk *w, hnode *h)
{
    for (uint32_t i = h->h_idx; i < h->h_end; i++)
        w->nodes[i]->selected = 1;
}

/* An article split across sibling boxes keeps what stands between its
 * parts (a table, a list, a box of few paragraphs) unless it is furniture
 * or mostly links: the children of par between the first and the last
 * selected one join. */
static void take_sandwiched(hwalk *w, hnode *par)
{
    hnode *first = NULL, *last = NULL;
    for (uint32_t i = par->h_idx + 1; i < par->h_end; i++) {
        hnode *s = w->nodes[i];
        if (s->parent == par && s->selected) {
            if (!first)
                first = s;
            last = s;
        }
    }
    if (!first || first == last)
        return;
    for (uint32_t i = first->h_idx + 1; i < last->h_idx; i++) {
        hnode *s = w->nodes[i];
        if (s->parent != par || s->selected || active_dropper(s->dropper) ||
            link_density(s) >= SANDWICH_LINKS)
            continue;
        /* a table or a list, or a box with more than a caption's worth of text */
        if (!(s->kind & (TK_TABLE | TK_LIST)) && s->text < NEIGHBOUR_LEN)
            continue;
        if (!s->text)
            continue;
        mark_subtree(w, s);
    }
}

/* Top candidate plus siblings that score close or read as prose. */
static void select_region(hwalk *w, hnode *top)
{
    hnode *par = top->parent;
    if (!par) {
        mark_subtree(w, top);
        return;
    }
    float threshold = top->score * 0.2f > 10.f ? top->score * 0.2f : 10.f;
    for (uint32_t i = par->h_idx + 1; i < par->h_end; i++) {
        hnode *s = w->nodes[i];
        if (s->parent != par)
            continue;
        if (s == top) {
            mark_subtree(w, s);
            continue;
        }
        if (active_dropper(s->dropper))
            continue;
        float bonus = 0;
        if (top->cue && s->cue && !strcmp(top->cue, s->cue))
            bonus = top->score * 0.2f;
        if (s->scored && s->score + bonus >= threshold) {
            mark_subtree(w, s);
            continue;
        }
        if (s->kind & (TK_PARA | TK_HEADING | TK_LIST)) {
            int punct = s->b_end > s->b_first ? w->blocks[s->b_end - 1].has_punct : 0;
            if (prose_like(s->text, link_density(s), punct) || (s->kind & TK_HEADING))
                mark_subtree(w, s);
        }
    }
    take_sandwiched(w, par);
}

/* A second strong, prose-heavy candidate away from the region (an article
 * split in two boxes around an embed or an ad) joins it. */
static void select_others(hwalk *w, hnode *top)
{
    float best = 0;
    for (size_t i = 0; i < w->n_nodes; i++)
        if (w->nodes[i]->scored && w->nodes[i]->score > best &&
            !active_dropper(w->nodes[i]->dropper))
            best = w->nodes[i]->score;
    for (size_t i = 0; i < w->n_nodes; i++) {
        hnode *h = w->nodes[i];
        if (!h->scored || h->selected || h->score < best * OTHER_SHARE || is_ancestor(h, top) ||
            active_dropper(h->dropper) || link_density(h) > 0.2f)
            continue;
        mark_subtree(w, h);
    }
}

static int is_selected_block(hwalk *w, hblock *b, hnode *top)
{
    if (!b->owner)
        return 0;
    if (b->owner->selected)
        return 1;
    /* loose text directly in the parent of the region */
    if (top->parent && b->owner == top->parent) {
        float ld = b->len ? (float)b->link / (float)b->len : 0;
        return prose_like(b->len, ld, b->has_punct);
    }
    (void)w;
    return 0;
}

/* Lists, tables and divs inside the region that are mostly links or
 * marked as furniture go (readability's conditional cleaning). */
static int node_is_junk(const hnode *h)
{
    if (!h->text)
        return 0;
    float ld = link_density(h);
    if (h->kind & (TK_LIST | TK_TABLE))
        return ld > 0.5f || (h->weight < 0 && ld > 0.2f);
    if (h->kind & TK_CONTAINER)
        return h->text < 300 && ((h->weight < 0 && ld > 0.3f) || ld > 0.6f);
    return 0;
}

/* Wire-service credit lines that close an article. */
static int credit_line(const char *t, size_t n)
{
    static const char *const starts[] = {"(Reporting by",
                                         "Reporting by",
                                         "(Additional reporting",
                                         "Additional reporting by",
                                         "Editing by",
                                         "(Editing by",
                                         "Writing by",
                                         "Compiled by",
                                         "Associated Press writer",
                                         NULL};
    for (const char *const *s = starts; *s; s++) {
        size_t k = strlen(*s);
        if (n >= k && !memcmp(t, *s, k))
            return 1;
    }
    return 0;
}

/* "Read more: ...", "Lesen Sie auch", "Lire aussi" — a pointer to another article. */
static int teaser_line(const char *t, size_t n)
{
    static const char *const starts[] = {"Read more",
                                         "READ MORE",
                                         "Read also",
                                         "Read More",
                                         "Also read",
                                         "ALSO READ",
                                         "See also",
                                         "Related:",
                                         "RELATED:",
                                         "Lire aussi",
                                         "À lire aussi",
                                         "A lire aussi",
                                         "Lire également",
                                         "Lesen Sie auch",
                                         "Auch lesen",
                                         "Schon gelesen",
                                         "Mehr zum Thema",
                                         "Lea también",
                                         "Lea más",
                                         "Lee también",
                                         "Leer más",
                                         "Leggi anche",
                                         "Leggi pure",
                                         "Czytaj też",
                                         "Czytaj także",
                                         "Czytaj więcej",
                                         "Zobacz też",
                                         "Zobacz także",
                                         NULL};
    for (const char *const *s = starts; *s; s++) {
        size_t k = strlen(*s);
        if (n >= k && !memcmp(t, *s, k))
            return 1;
    }
    return 0;
}

static const char *drop_reason(hblock *b)
{
    hnode *d = active_dropper(b->dropper);
    if (!d)
        return NULL;
    switch (d->drop) {
    case DROP_TAG:
        return "furniture tag";
    case DROP_HIDDEN:
        return "hidden";
    case DROP_ROLE:
        return "ARIA landmark";
    default:
        return "class/id cue";
    }
}

static const char *judge_block(hwalk *w, hblock *b)
{
    for (hnode *h = b->owner; h && h->selected; h = h->parent)
        if (node_is_junk(h))
            return "link list";
    float ld = b->len ? (float)b->link / (float)b->len : 0;
    if (b->kind & TK_PARA) {
        if (ld > 0.9f && b->words < 12)
            return "mostly links";
    } else if (ld > 0.5f) {
        return "mostly links";
    }
    if (b->in_list && ld > 0.3f)
        return "linked list item";
    if (credit_line(b->text, b->len))
        return "credit line";
    if (b->words < 25 && teaser_line(b->text, b->len))
        return "teaser line";
    if (b->level == 1)
        return "headline";
    const char *bp = hl_boilerplate(b->text, b->len, b->words);
    if (bp)
        return bp;
    (void)w;
    return NULL;
}

static int is_prose(const hblock *b)
{
    float ld = b->len ? (float)b->link / (float)b->len : 0;
    return b->len >= 100 && ld < 0.15f && b->has_punct && !b->level && !b->in_list &&
           !credit_line(b->text, b->len) && !teaser_line(b->text, b->len) &&
           !hl_boilerplate(b->text, b->len, b->words);
}

/* Prose right before or after the chosen region belongs to it (a lead
 * paragraph in its own box, a last paragraph after an embed): walk out
 * from the region's first and last kept blocks, over short non-link
 * blocks (a byline, a date), until something that is not prose. */
static void extend_neighbours(hwalk *w)
{
    size_t first = w->n_blocks, last = 0;
    for (size_t i = 0; i < w->n_blocks; i++)
        if (w->blocks[i].kept) {
            if (first == w->n_blocks)
                first = i;
            last = i;
        }
    if (first == w->n_blocks)
        return;
    for (int dir = -1; dir <= 1; dir += 2) {
        int skips = 0;
        size_t i = dir < 0 ? first : last;
        while ((dir < 0 && i > 0) || (dir > 0 && i + 1 < w->n_blocks)) {
            i = dir < 0 ? i - 1 : i + 1;
            hblock *b = &w->blocks[i];
            if (b->kept)
                continue;
            if (drop_reason(b) || b->level == 1)
                break;
            if (is_prose(b)) {
                b->kept = 1;
                b->why = "prose next to the article";
                skips = 0;
                continue;
            }
            float ld = b->len ? (float)b->link / (float)b->len : 0;
            if (b->len < 100 && ld < 0.5f && ++skips <= 2)
                continue;
            break;
        }
    }
}

/* Is the block inside a lead / intro / standfirst box? */
static int in_lead_box(const hblock *b)
{
    for (const hnode *h = b->owner; h; h = h->parent)
        if (h->weight == LEAD_WEIGHT)
            return 1;
    return 0;
}

/* The standfirst: between the headline (the h1 just before the article)
 * and the article's first kept block, a lead box or a sentence-like,
 * link-free block belongs to the article, however many dates, bylines,
 * share bars and pictures stand between them. */
static void take_lead(hwalk *w)
{
    size_t first = 0;
    while (first < w->n_blocks && !w->blocks[first].kept)
        first++;
    if (first == w->n_blocks)
        return;
    size_t h1 = first;
    for (size_t i = first; i-- > 0 && first - i <= LEAD_SPAN;)
        if (w->blocks[i].level == 1) {
            h1 = i;
            break;
        }
    for (size_t i = h1 + 1; i < first; i++) {
        hblock *b = &w->blocks[i];
        float ld = b->len ? (float)b->link / (float)b->len : 0;
        if (drop_reason(b) || ld >= 0.1f || b->in_list || b->level == 1 ||
            hl_boilerplate(b->text, b->len, b->words) || credit_line(b->text, b->len))
            continue;
        int lead = in_lead_box(b) && b->len >= 40;
        int sentence = b->len >= 80 && b->words >= 10 && (b->has_punct || b->level);
        if (lead || sentence) {
            b->kept = 1;
            b->why = lead ? "lead box" : "lead sentence";
        }
    }
}

/* Whitespace-collapsed copy of s (arena). */
static char *collapse(sl_arena *a, const char *s, size_t n, size_t *out_len)
{
    char *o = arena_alloc(a, n + 1);
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            sp = 1;
            i += c == 0xC2;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = (char)c;
    }
    o[k] = 0;
    *out_len = k;
    return o;
}

/* Is the start of a block's text in the JSON-LD body? */
static int in_ld_body(sl_arena *a, const char *body, const hblock *b)
{
    size_t n;
    char *t = collapse(a, b->text, b->len < 80 ? b->len : 80, &n);
    /* do not end on a cut UTF-8 sequence */
    while (n && ((unsigned char)t[n - 1] & 0xC0) == 0x80)
        n--;
    if (n && (unsigned char)t[n - 1] >= 0xC0)
        n--;
    t[n] = 0;
    return n >= 20 && strstr(body, t) != NULL;
}

/* The page's JSON-LD articleBody, when it is long and agrees with the
 * chosen blocks, brings back the prose it has that the choice left out
 * (outside furniture). Removing what it lacks was tried: it costs more
 * than it gains (bodies there are often abridged). */
static void ld_body_check(hwalk *w)
{
    const char *raw = w->m.ld_body;
    if (!raw || strlen(raw) < 500)
        return;
    size_t bl;
    const char *body = collapse(w->a, raw, strlen(raw), &bl);
    size_t kept = 0, agree = 0;
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (!b->kept || b->len < 40)
            continue;
        kept += b->len;
        if (in_ld_body(w->a, body, b))
            agree += b->len;
    }
    if (!kept || agree * 10 < kept * 7)
        return;
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (b->len < 40 || b->level)
            continue;
        int in = in_ld_body(w->a, body, b);
        if (!b->kept && in && drop_reason(b) == NULL) {
            b->kept = 1;
            b->why = "in the JSON-LD body";
        }
    }
}

/* A kept heading whose section keeps nothing (the next kept text is a
 * heading of the same or a higher rank) titles furniture that went: a
 * "More on this topic" over a dropped list of links. */
static void drop_empty_headings(hwalk *w)
{
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (!b->kept || !b->level)
            continue;
        int content = 0;
        for (size_t j = i + 1; j < w->n_blocks && !content; j++) {
            hblock *c = &w->blocks[j];
            if (c->level && c->level <= b->level)
                break;
            content = c->kept && !c->level;
        }
        if (!content) {
            b->kept = 0;
            b->why = "heading over nothing";
        }
    }
}

void hs_select(hwalk *w)
{
    revoke_big_drops(w);
    score_blocks(w);
    hnode *top = w->opts && w->opts->fragment ? NULL : pick_top(w);
    if (top) {
        select_region(w, top);
        select_others(w, top);
    }
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        const char *furniture = drop_reason(b);
        if (furniture) {
            b->why = furniture;
            continue;
        }
        if (!top) { /* a fragment, or no paragraph anywhere: all but links */
            float ld = b->len ? (float)b->link / (float)b->len : 0;
            b->kept = ld <= 0.5f;
            b->why = b->kept ? "no candidate: all text" : "mostly links";
            continue;
        }
        if (!is_selected_block(w, b, top)) {
            b->why = "outside the article";
            continue;
        }
        const char *why = judge_block(w, b);
        if (why) {
            b->why = why;
            continue;
        }
        b->kept = 1;
        b->why = "article";
    }
    if (top) {
        extend_neighbours(w);
        take_lead(w);
    }
    ld_body_check(w);
    drop_empty_headings(w);
    /* Headings with nothing kept after them close nothing: drop them. */
    for (size_t i = w->n_blocks; i-- > 0;) {
        hblock *b = &w->blocks[i];
        if (!b->kept)
            continue;
        if (!b->level)
            break;
        b->kept = 0;
        b->why = "trailing heading";
    }
}

void hs_text(hwalk *w, buf *out)
{
    for (size_t i = 0; i < w->n_blocks; i++) {
        hblock *b = &w->blocks[i];
        if (!b->kept)
            continue;
        if (out->len)
            buf_add(out, "\n\n", 2);
        buf_add(out, b->text, b->len);
    }
}
