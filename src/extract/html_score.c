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
 * paragraphs (a body class "has-sidebar"). After the walk, a box that
 * opens with a heading saying "other articles" is marked too, for good.
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
#define OTHER_SHARE 0.35f   /* a second region needs this share of the best score */
#define LEAD_WEIGHT 30      /* class/id weight of a lead box (see judge_name) */
#define SANDWICH_LINKS 0.3f /* link density above which a box between article parts is not */
#define LEAD_SPAN 40        /* blocks between a headline and its article's first block */
#define CARD_LINKS 3        /* a hover card holds at least this many links ... */
#define CARD_LEN 80         /* ... and this many bytes */

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

/* Substrings of class/id names, by their first letter. Kind '-': furniture
 * even inside one word ("commentlist", "postshare"); '+': content
 * ("article-body", "entry"); '=': a word that only looks like furniture
 * ("commentary", "shareholder": the name says nothing). One pass over the
 * name finds them all (a strstr per substring was a quarter of the
 * extraction time). */
typedef struct name_sub {
    char kind;
    char s[15];
} name_sub;
static const name_sub SUB_A[] = {{'-', "advert"}, {'+', "article"}, {0, ""}};
static const name_sub SUB_B[] = {{'-', "breadcrumb"}, {'-', "byline"}, {'-', "banner"},
                                 {'+', "body"},       {'+', "blog"},   {0, ""}};
static const name_sub SUB_C[] = {{'-', "comment"}, {'-', "cookie"},     {'-', "caption"},
                                 {'+', "content"}, {'=', "commentary"}, {0, ""}};
static const name_sub SUB_D[] = {{'-', "disqus"}, {0, ""}};
static const name_sub SUB_E[] = {{'+', "entry"}, {0, ""}};
static const name_sub SUB_F[] = {{'-', "footer"}, {0, ""}};
static const name_sub SUB_M[] = {
    {'-', "masthead"}, {'-', "mostread"}, {'-', "most-read"}, {'+', "main"}, {0, ""}};
static const name_sub SUB_N[] = {
    {'-', "newsletter"}, {'-', "navigation"}, {'-', "navbar"}, {0, ""}};
static const name_sub SUB_O[] = {{'-', "outbrain"}, {0, ""}};
static const name_sub SUB_P[] = {
    {'-', "pagination"}, {'-', "popup"}, {'+', "post"}, {'+', "prose"}, {0, ""}};
static const name_sub SUB_R[] = {{'-', "related"}, {'-', "recommend"}, {0, ""}};
static const name_sub SUB_S[] = {
    {'-', "share"},  {'-', "social"},  {'-', "sidebar"}, {'-', "subscri"},     {'-', "sponsor"},
    {'-', "signup"}, {'-', "sign-up"}, {'+', "story"},   {'=', "shareholder"}, {0, ""}};
static const name_sub SUB_T[] = {{'-', "taboola"}, {'-', "trending"}, {'+', "text"}, {0, ""}};
static const name_sub SUB_V[] = {{'-', "videoplayer"}, {'-', "video-player"}, {0, ""}};
static const name_sub *const SUBS[26] = {
    ['a' - 'a'] = SUB_A, ['b' - 'a'] = SUB_B, ['c' - 'a'] = SUB_C, ['d' - 'a'] = SUB_D,
    ['e' - 'a'] = SUB_E, ['f' - 'a'] = SUB_F, ['m' - 'a'] = SUB_M, ['n' - 'a'] = SUB_N,
    ['o' - 'a'] = SUB_O, ['p' - 'a'] = SUB_P, ['r' - 'a'] = SUB_R, ['s' - 'a'] = SUB_S,
    ['t' - 'a'] = SUB_T, ['v' - 'a'] = SUB_V,
};
enum { SUB_NEG = 1, SUB_POS = 2, SUB_NONE = 4 };

/* The SUB_* kinds of the substrings found in low[0..n) (lower-cased,
 * NUL-terminated). */
static int find_subs(const char *low, size_t n)
{
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)low[i] - 'a';
        if (c >= 26 || !SUBS[c])
            continue;
        for (const name_sub *e = SUBS[c]; e->kind; e++) {
            size_t k = 1;
            while (e->s[k] && e->s[k] == low[i + k]) /* low's NUL stops it */
                k++;
            if (!e->s[k])
                found |= e->kind == '-' ? SUB_NEG : e->kind == '+' ? SUB_POS : SUB_NONE;
        }
    }
    return found;
}

/* Whole parts of class/id names (split at anything not a letter or a
 * digit), sorted by their bytes for part_flags' binary search (the test
 * html_name_parts_sorted checks the order). P_NEG: furniture ("share",
 * "menu", "byline"); P_LEAD: a lead / intro / standfirst box; P_AUTHOR and
 * P_BOX: together in one name, the writer's box ("author-box", "post-
 * author-bio"); P_HIDE: hides the element, unless a P_QUALIFIER says only
 * its label is hidden (Drupal's "field--label-hidden" is on every field of
 * a page; a "hidden-xs" or "hide-for-small-only" box stays furniture: it is
 * mostly the other screen size's copy of a teaser or a menu). */
enum { P_NEG = 1, P_LEAD = 2, P_AUTHOR = 4, P_BOX = 8, P_HIDE = 16, P_QUALIFIER = 32 };
typedef struct name_part {
    const char *s;
    int flags;
} name_part;
static const name_part PARTS[] = {
    {"about", P_BOX},
    {"abstract", P_LEAD},
    {"ad", P_NEG},
    {"ads", P_NEG},
    {"adv", P_NEG},
    {"advert", P_NEG},
    {"advertisement", P_NEG},
    {"advertising", P_NEG},
    {"auteur", P_AUTHOR},
    {"author", P_NEG | P_AUTHOR},
    {"authors", P_NEG},
    {"autor", P_AUTHOR},
    {"autore", P_AUTHOR},
    {"banner", P_NEG},
    {"bio", P_NEG | P_BOX},
    {"box", P_BOX},
    {"breadcrumb", P_NEG},
    {"breadcrumbs", P_NEG},
    {"byline", P_NEG},
    {"caption", P_NEG},
    {"card", P_BOX},
    {"chapeau", P_LEAD},
    {"chapo", P_LEAD},
    {"comment", P_NEG},
    {"commentlist", P_NEG},
    {"comments", P_NEG},
    {"consent", P_NEG},
    {"cookie", P_NEG},
    {"cookies", P_NEG},
    {"credit", P_NEG},
    {"credits", P_NEG},
    {"crumbs", P_NEG},
    {"dateline", P_NEG},
    {"deck", P_LEAD},
    {"desc", P_BOX},
    {"details", P_BOX},
    {"disclaimer", P_NEG},
    {"donate", P_NEG},
    {"follow", P_NEG},
    {"footer", P_NEG},
    {"gdpr", P_NEG},
    {"header", P_NEG},
    {"hidden", P_NEG | P_HIDE},
    {"hide", P_NEG | P_HIDE},
    {"info", P_BOX},
    {"inline", P_NEG},
    {"intro", P_LEAD},
    {"jump", P_NEG},
    {"keywords", P_NEG},
    {"label", P_QUALIFIER},
    {"lead", P_LEAD},
    {"lede", P_LEAD},
    {"login", P_NEG},
    {"masthead", P_NEG},
    {"menu", P_NEG},
    {"meta", P_NEG},
    {"modal", P_NEG},
    {"more", P_NEG},
    {"mostread", P_NEG},
    {"nav", P_NEG},
    {"navbar", P_NEG},
    {"navigation", P_NEG},
    {"newsletter", P_NEG},
    {"newsletters", P_NEG},
    {"outbrain", P_NEG},
    {"overlay", P_NEG},
    {"pager", P_NEG},
    {"pagination", P_NEG},
    {"popular", P_NEG},
    {"popup", P_NEG},
    {"print", P_NEG},
    {"profile", P_BOX},
    {"promo", P_NEG},
    {"promos", P_NEG},
    {"promoted", P_NEG},
    {"promotion", P_NEG},
    {"rating", P_NEG},
    {"readmore", P_NEG},
    {"recommended", P_NEG},
    {"related", P_NEG},
    {"share", P_NEG},
    {"sharebar", P_NEG},
    {"shares", P_NEG},
    {"sharing", P_NEG},
    {"sidebar", P_NEG},
    {"signup", P_NEG},
    {"skip", P_NEG},
    {"social", P_NEG},
    {"socials", P_NEG},
    {"sponsor", P_NEG},
    {"sponsored", P_NEG},
    {"sronly", P_NEG},
    {"standfirst", P_LEAD},
    {"subscribe", P_NEG},
    {"subscription", P_NEG},
    {"summary", P_LEAD},
    {"taboola", P_NEG},
    {"tag", P_NEG},
    {"tags", P_NEG},
    {"timestamp", P_NEG},
    {"title", P_QUALIFIER},
    {"toolbar", P_NEG},
    {"tools", P_NEG},
    {"tooltip", P_NEG},
    {"topbar", P_NEG},
    {"trending", P_NEG},
    {"visually", P_NEG},
    {"widget", P_NEG},
    {"widgets", P_NEG},
    {"writer", P_AUTHOR},
};
#define N_PARTS (sizeof PARTS / sizeof PARTS[0])

/* The P_* flags of the part w[0..n), 0 if it is not in PARTS. */
static int part_flags(const char *w, size_t n)
{
    size_t lo = 0, hi = N_PARTS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *p = PARTS[mid].s;
        size_t k = 0;
        while (k < n && p[k] == w[k])
            k++;
        /* p < w, p == w or p > w (a p that is longer than w comes after it) */
        int c = k < n ? (unsigned char)p[k] - (unsigned char)w[k] : p[n] != 0;
        if (!c)
            return PARTS[mid].flags;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int hs_parts_sorted(void)
{
    for (size_t k = 1; k < N_PARTS; k++)
        if (strcmp(PARTS[k - 1].s, PARTS[k].s) >= 0)
            return 0;
    return 1;
}

/* Is the part low[i..j) the "inline" of a CSS display value spelt as a
 * utility class: Bootstrap's "d-inline-block", "d-md-inline-flex",
 * Tailwind's "inline-block" / "inline-flex"? Such a name says how a box is
 * laid out, not what it holds (an "inline" part otherwise marks a teaser or
 * an ad dropped into the article: "related-inline", "inline-promo"). */
static int display_value(const char *low, size_t i, size_t j)
{
    if (j - i != 6 || memcmp(low + i, "inline", 6))
        return 0;
    return !strncmp(low + j, "-block", 6) || !strncmp(low + j, "-flex", 5) ||
           !strncmp(low + j, "-grid", 5) || !strncmp(low + j, "-table", 6);
}

/* Judges one class or id name (lower-cased): -1 furniture, +1 content,
 * 2 a lead box, 0 nothing said. */
static int judge_name(const char *s, size_t n)
{
    char low[128];
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = 0;
    int subs = find_subs(low, n);
    if (subs & SUB_NONE)
        return 0;
    /* a lead / intro / standfirst box is the article's opening, wherever
     * it sits; otherwise a furniture word among the name's parts */
    int lead = 0, neg_part = 0, author = 0, box = 0, hidden = 0, qualified = 0;
    for (size_t i = 0; i < n && !lead;) {
        while (i < n && !isalnum((unsigned char)low[i]))
            i++;
        size_t j = i;
        while (j < n && isalnum((unsigned char)low[j]))
            j++;
        int f = j > i ? part_flags(low + i, j - i) : 0;
        if (f && display_value(low, i, j))
            f = 0;
        if (f) {
            lead = (f & P_LEAD) != 0;
            if (!(subs & SUB_NEG) && (f & P_NEG)) {
                if (f & P_HIDE)
                    hidden = 1;
                else
                    neg_part = 1;
            }
            qualified |= (f & P_QUALIFIER) != 0;
            author |= (f & P_AUTHOR) != 0;
            box |= (f & P_BOX) != 0;
        }
        i = j;
    }
    /* "label-hidden": the element shows, its label does not */
    neg_part |= hidden && !qualified;
    if (lead)
        return 2;
    /* "author-box--content", "post-author-bio": the writer's box, whatever
     * else the name says */
    if (author && box)
        return -1;
    int neg = (subs & SUB_NEG) || neg_part, pos = (subs & SUB_POS) != 0;
    /* "article-header", "author-article": one name says both, so neither */
    if (neg && pos && !(subs & SUB_NEG))
        return 0;
    if (neg)
        return -1;
    return pos ? 1 : 0;
}

/* judge_name through the page's cache of names: pages repeat their class
 * words ("row", "col-md-8", "article-body") on hundreds of elements, in
 * ever new combinations and next to unique ids, so the verdict is kept
 * per word. */
static int judge_cached(hwalk *w, const char *s, size_t n)
{
    uint64_t h = XXH3_64bits(s, n) | 1; /* 0 marks an empty slot */
    size_t i = (size_t)(h >> 40) % NAME_CACHE;
    for (size_t k = 0; k < 8; k++, i = (i + 1) % NAME_CACHE) {
        if (w->name_key[i] == h)
            return w->name_val[i];
        if (!w->name_key[i])
            break;
    }
    int j = judge_name(s, n);
    if (!w->name_key[i]) {
        w->name_key[i] = h;
        w->name_val[i] = (int8_t)j;
    }
    return j;
}

/* Weight of an element from its class and id: sets *drop when the names
 * say furniture and nothing says content. A class is judged word by word
 * (cached); an id, mostly unique, directly. */
static int cue_weight(hwalk *w, const char *cls, const char *id, int *drop)
{
    int neg = 0, pos = 0, lead = 0;
    *drop = 0;
    if (cls) {
        const char *p = cls;
        for (;;) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            const char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
            if (q == p)
                break;
            int j = judge_cached(w, p, (size_t)(q - p));
            neg += j < 0;
            pos += j > 0;
            lead += j > 1;
            p = q;
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
    /* an inline element: where its text starts in the block being gathered */
    uint32_t at_len, at_link, at_commas, at_links, at_flush;
    uint8_t link, list, skip, head, muted, inl, at_space;
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
    w->n_flush++;
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
    b->link_first = (uint8_t)w->cur_link_first;
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
    w->cur_link_first = 0;
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
    if (w->in_link) {
        w->cur_link += (uint32_t)(c->len - before);
        w->cur_link_first |= !before && c->len;
    }
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
        /* an inline element's names decide nothing (only hiding does):
         * spans and links are most of a page's elements */
        if ((kind & TK_BLOCK) && (cls || id))
            weight = cue_weight(w, cls, id, &cue_drop);
        const char *ip = at.itemprop;
        if ((kind & TK_BLOCK) && ip && (strcasestr(ip, "articleBody") || strcasestr(ip, "text")))
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
            w->n_links++;
        } else {
            f->inl = 1;
            f->at_len = (uint32_t)w->cur.len;
            f->at_link = w->cur_link;
            f->at_commas = w->cur_commas;
            f->at_links = w->n_links;
            f->at_flush = w->n_flush;
            f->at_space = (uint8_t)w->pending_space;
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

/* A hover card glued into a sentence: an inline element, after text of
 * its block, that holds nothing but several links ("Ilhan Omar" followed
 * by a person card listing three headlines about her). A reader never
 * sees it in the sentence; it is cut from the block. */
static void cut_card(hwalk *w, const hframe *f)
{
    if (w->n_flush != f->at_flush || !f->at_len || w->n_links - f->at_links < CARD_LINKS)
        return;
    uint32_t len = (uint32_t)w->cur.len - f->at_len, link = w->cur_link - f->at_link;
    if (len < CARD_LEN || (float)link < (float)len * 0.9f)
        return;
    w->cur.len = f->at_len;
    w->cur_link = f->at_link;
    w->cur_commas = f->at_commas;
    w->pending_space = f->at_space;
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
    if (f.inl)
        cut_card(w, &f);
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

/* Does a heading's class/id name a list of other articles ("related-posts-
 * title", "recommended-heading", "most-popular")? */
static int teaser_cue(const char *cue)
{
    static const char *const words[] = {"related",  "recommend", "popular", "trending",
                                        "mostread", "most-read", NULL};
    if (!cue)
        return 0;
    for (const char *const *p = words; *p; p++)
        if (strcasestr(cue, *p))
            return 1;
    return 0;
}

/* Does the box open with a heading of its own (a direct child) that says
 * "other articles": a teaser line ("You may also like", "Leia também") or
 * a heading whose class says so ("related-posts-title"), over two boxes
 * or more? Then the box is a list of other articles, however much prose
 * their excerpts hold. */
static int headed_as_teasers(hwalk *w, const hnode *s)
{
    for (uint32_t i = s->b_first; i < s->b_end; i++) {
        hblock *b = &w->blocks[i];
        if (!b->len)
            continue;
        if (b->level < 2 || b->owner->parent != s || s->n_child < 3)
            return 0;
        return hl_teaser(b->text, b->len, b->words) || teaser_cue(b->owner->cue);
    }
    return 0;
}

/* Boxes headed as teasers drop their subtree, as a class cue would have
 * (they are found after the walk: the heading comes after the box's
 * start). Returns whether any was found. */
static int drop_teaser_boxes(hwalk *w)
{
    int any = 0;
    for (size_t i = 0; i < w->n_nodes; i++) {
        hnode *h = w->nodes[i];
        if (!(h->kind & TK_CONTAINER) || h->drop || active_dropper(h->dropper) ||
            !headed_as_teasers(w, h))
            continue;
        h->drop = DROP_TEASERS;
        h->dropper = h;
        for (uint32_t k = h->h_idx + 1; k < h->h_end; k++)
            if (!w->nodes[k]->dropper)
                w->nodes[k]->dropper = h;
        for (uint32_t k = h->b_first; k < h->b_end; k++)
            if (!w->blocks[k].dropper)
                w->blocks[k].dropper = h;
        any = 1;
    }
    return any;
}

/* A drop covering most of the page's paragraphs is a mistake: undo it
 * (not a box of teasers, whose heading says what it is). Kept totals are
 * counted again when a drop was undone or added after the walk (added). */
static void revoke_big_drops(hwalk *w, int added)
{
    uint32_t total = 0;
    for (size_t i = 0; i < w->n_nodes; i++)
        if (!w->nodes[i]->parent)
            total += w->nodes[i]->para_all;
    w->total_para = total;
    for (size_t i = 0; total && i < w->n_nodes; i++) {
        hnode *h = w->nodes[i];
        if (h->drop && h->drop != DROP_HIDDEN && h->drop != DROP_TEASERS &&
            h->para_all * 2 >= total)
            h->revoked = 1;
    }
    /* recompute kept totals bottom-up for nodes whose drop was revoked */
    int any = added;
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
    case DROP_TEASERS:
        return "box of teasers";
    default:
        return "class/id cue";
    }
}

/* Is the block's first line (up to a <br>) a teaser line ("Read more",
 * "Don't miss")? */
static int opens_with_teaser(const hblock *b)
{
    const char *nl = memchr(b->text, '\n', b->len);
    if (!nl)
        return 0;
    size_t n = (size_t)(nl - b->text);
    uint32_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += b->text[i] != ' ' && (i == 0 || b->text[i - 1] == ' ');
    return hl_teaser(b->text, n, words);
}

/* Is the block three lines or more (cut by <br>), none over six words? */
static int short_lines(const hblock *b)
{
    uint32_t lines = 1, words = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->text[i];
        if (c == '\n') {
            lines++;
            words = 0;
        } else if (c != ' ' && (i == 0 || b->text[i - 1] == ' ' || b->text[i - 1] == '\n') &&
                   ++words > 6) {
            return 0;
        }
    }
    return lines >= 3;
}

static const char *judge_block(hwalk *w, hblock *b)
{
    for (hnode *h = b->owner; h && h->selected; h = h->parent)
        if (node_is_junk(h))
            return "link list";
    float ld = b->len ? (float)b->link / (float)b->len : 0;
    if (b->kind & TK_PARA) {
        if (ld > 0.9f)
            return "mostly links";
    } else if (ld > 0.5f) {
        return "mostly links";
    }
    /* a list item that is mostly its link points elsewhere; one whose
     * linked headline is followed by sentences of its own is a digest's
     * news item ("<a>X is stepping down.</a> Y will take over in May.") */
    if (b->in_list && ld > 0.3f &&
        !(b->link_first && ld <= 0.6f && b->len - b->link >= 60 && b->has_punct))
        return "linked list item";
    if (credit_line(b->text, b->len))
        return "credit line";
    if (b->words < 25 && teaser_line(b->text, b->len))
        return "teaser line";
    /* "DON'T MISS" over a few linked headlines, one paragraph cut by <br> */
    if (ld > 0.5f && opens_with_teaser(b))
        return "teaser line";
    /* "Listen: <link><br>Download: <link><br>...": a list of links made
     * with <br>, not a paragraph */
    if (ld > 0.5f && short_lines(b))
        return "link lines";
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

/* A short paragraph dressed as the article's edge paragraph (the same
 * nearest class), link-free and ending like a sentence: "The report is here:"
 * after the last paragraph. */
static const char *near_cue(const hnode *h)
{
    for (; h; h = h->parent)
        if (h->cue)
            return h->cue;
    return NULL;
}

static int same_paragraph_kind(const hblock *b, const hnode *edge)
{
    if (!(b->kind & TK_PARA) || b->level || b->in_list || !b->has_punct || b->len < 20 ||
        b->link * 10 > b->len)
        return 0;
    const char *mine = near_cue(b->owner), *theirs = near_cue(edge);
    if (!mine || !theirs || strcmp(mine, theirs))
        return 0;
    return !credit_line(b->text, b->len) && !teaser_line(b->text, b->len) &&
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
        const hnode *edge = w->blocks[i].owner;
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
            if (same_paragraph_kind(b, edge)) {
                b->kept = 1;
                b->why = "paragraph like the article's";
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
        /* the JSON-LD body has the teasers and links its page has inline:
         * what a block's own text says furniture stays out */
        if (!b->kept && in && drop_reason(b) == NULL && !judge_block(w, b)) {
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
    revoke_big_drops(w, drop_teaser_boxes(w));
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
