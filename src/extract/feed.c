/*
 * feed.c — RSS and Atom reader: each item or entry is one article.
 *
 * libxml2's XML parser reads the feed in recovery mode with no network
 * and no entity substitution; a feed that declares entities is refused
 * outright, so neither external entities nor entity bombs get a chance.
 * An item's text is the richest field it has (content:encoded, Atom
 * content, then description/summary); HTML in it goes through the HTML
 * extractor in fragment mode (all text but furniture kept). Dates are
 * RFC 822 in RSS ("Sat, 14 Mar 2026 10:32:00 +0100") and ISO 8601 in
 * Atom; both become ISO 8601, and an unreadable date is reported and
 * left out while the item is kept.
 */
#include "feed.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../facts/dates.h"
#include "../util/buf.h"
#include "html.h"
#include "reader.h"

/* ---------------------------------------------------------------- helpers */

static int is_el(xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

static int has_prefix(xmlNode *n, const char *prefix)
{
    return n->ns && n->ns->prefix && !strcmp((const char *)n->ns->prefix, prefix);
}

static xmlNode *child(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

/* Text content of a node into the arena (NULL when empty). */
static char *node_str(sl_arena *a, xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    char *r = *c ? arena_strdup(a, (const char *)c) : NULL;
    xmlFree(c);
    return r;
}

static const char *MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                               "jul", "aug", "sep", "oct", "nov", "dec"};

/* "Sat, 14 Mar 2026 10:32:00 +0100" → "2026-03-14T10:32:00+01:00";
 * NULL when the string is not RFC 822. */
static const char *rfc822(sl_arena *a, const char *s)
{
    const char *p = s;
    while (*p == ' ')
        p++;
    if (isalpha((unsigned char)*p)) { /* weekday */
        while (isalpha((unsigned char)*p))
            p++;
        if (*p == ',')
            p++;
        while (*p == ' ')
            p++;
    }
    char *end;
    long day = strtol(p, &end, 10);
    if (end == p || day < 1 || day > 31)
        return NULL;
    p = end;
    while (*p == ' ' || *p == '-')
        p++;
    int mon = -1;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(p, MONTHS[i], 3))
            mon = i + 1;
    if (mon < 0)
        return NULL;
    while (isalpha((unsigned char)*p))
        p++;
    while (*p == ' ' || *p == '-')
        p++;
    long year = strtol(p, &end, 10);
    if (end == p)
        return NULL;
    if (year < 100)
        year += year < 70 ? 2000 : 1900;
    if (year < 1900 || year > 2200)
        return NULL;
    p = end;
    while (*p == ' ')
        p++;
    int hh = 0, mm = 0, ss = 0;
    if (isdigit((unsigned char)*p)) {
        if (sscanf(p, "%d:%d:%d", &hh, &mm, &ss) < 2)
            return NULL;
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return NULL;
    int off = 0; /* minutes east of UTC */
    if (*p == '+' || *p == '-') {
        int v = atoi(p + 1);
        off = (v / 100) * 60 + v % 100;
        if (*p == '-')
            off = -off;
    } else if (*p) {
        static const struct {
            const char *z;
            int off;
        } zones[] = {{"GMT", 0},    {"UT", 0},     {"UTC", 0},    {"Z", 0},      {"EST", -300},
                     {"EDT", -240}, {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360},
                     {"PST", -480}, {"PDT", -420}, {"CET", 60},   {"CEST", 120}, {"BST", 60},
                     {"MEZ", 60},   {"MESZ", 120}};
        int found = 0;
        for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
            size_t zl = strlen(zones[i].z);
            if (!strncasecmp(p, zones[i].z, zl) && !isalpha((unsigned char)p[zl])) {
                off = zones[i].off;
                found = 1;
            }
        }
        if (!found)
            return NULL;
    }
    return arena_printf(a, "%04ld-%02d-%02ldT%02d:%02d:%02d%c%02d:%02d", year, mon, day, hh, mm, ss,
                        off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
}

/* A date as ISO 8601 if readable; *bad set when present but unreadable. */
static const char *item_date(sl_arena *a, const char *s, int *bad)
{
    *bad = 0;
    if (!s)
        return NULL;
    const char *iso = rfc822(a, s);
    if (iso)
        return iso;
    int64_t t;
    uint8_t prec;
    if (dates_parse_stamp(s, strlen(s), &t, &prec))
        return s;
    *bad = 1;
    return NULL;
}

static int looks_html(const char *s)
{
    const char *lt = strchr(s, '<');
    return lt && strchr(lt, '>');
}

/* ---------------------------------------------------------------- items */

typedef struct fstate {
    sl_ctx *ctx;
    const char *name;
    const char *feed_title;
    sl_raw_fn fn;
    void *user;
    int *stopped;
    long emitted;
} fstate;

/* Serialises an Atom xhtml content element's children. */
static char *xhtml_children(sl_arena *a, xmlNode *n)
{
    xmlBufferPtr b = xmlBufferCreate();
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(b, n->doc, c, 0, 0);
    char *r = arena_strdup(a, (const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return r;
}

static void emit_item(fstate *st, xmlNode *it, int atom)
{
    sl_arena *a = arena_new();
    unsigned line = (unsigned)xmlGetLineNo(it);
    const char *title = NULL, *link = NULL, *date = NULL, *guid = NULL;
    const char *content = NULL, *summary = NULL;
    for (xmlNode *c = it->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->name)
            continue;
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "title") && !title) {
            title = node_str(a, c);
        } else if (!strcmp(nm, "link")) {
            if (atom) {
                xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
                xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
                int alt = !rel || !strcmp((const char *)rel, "alternate");
                if (href && alt && !link)
                    link = arena_strdup(a, (const char *)href);
                xmlFree(rel);
                xmlFree(href);
            } else if (!link) {
                link = node_str(a, c);
            }
        } else if ((!strcmp(nm, "pubDate") || !strcmp(nm, "published") ||
                    (!strcmp(nm, "date") && has_prefix(c, "dc"))) &&
                   !date) {
            date = node_str(a, c);
        } else if (!strcmp(nm, "updated") && !date) {
            date = node_str(a, c);
        } else if (!strcmp(nm, "guid") || !strcmp(nm, "id")) {
            guid = node_str(a, c);
        } else if (!strcmp(nm, "encoded") || (atom && !strcmp(nm, "content"))) {
            if (content)
                continue;
            xmlChar *type = atom ? xmlGetProp(c, (const xmlChar *)"type") : NULL;
            content = type && !strcmp((const char *)type, "xhtml") ? xhtml_children(a, c)
                                                                   : node_str(a, c);
            xmlFree(type);
        } else if ((!strcmp(nm, "description") || !strcmp(nm, "summary")) && !summary) {
            summary = node_str(a, c);
        }
    }
    if (link) { /* links are often padded with whitespace */
        while (isspace((unsigned char)*link))
            link++;
        char *l = arena_strdup(a, link);
        size_t k = strlen(l);
        while (k && isspace((unsigned char)l[k - 1]))
            l[--k] = 0;
        link = *l ? l : NULL;
    }
    const char *body = content ? content : summary;
    int bad_date;
    const char *iso = item_date(a, date, &bad_date);
    if (bad_date)
        sl_diag(st->ctx, SL_WARNING, st->name, line, "item date '%.60s' not understood, left out",
                date);
    if (!body && !title) {
        sl_diag(st->ctx, SL_ERROR, st->name, line, "item without title nor text, skipped");
        arena_free(a);
        return;
    }
    html_doc *d = NULL;
    const char *text = body ? body : "";
    size_t text_len = strlen(text);
    if (body && looks_html(body)) {
        html_opts o = {0};
        o.fragment = true;
        o.url = link;
        d = html_extract(body, strlen(body), &o);
        text = d->text;
        text_len = d->text_len;
    }
    sl_raw raw = {0};
    raw.url = link;
    raw.id = link ? NULL : guid;
    raw.source = st->feed_title;
    raw.title = title;
    raw.date = iso;
    raw.text = text;
    raw.text_len = text_len;
    raw.origin = st->name;
    raw.line = line;
    raw.format = atom ? "atom" : "rss";
    st->emitted++;
    if (!st->fn(st->user, &raw))
        *st->stopped = 1;
    html_doc_free(d);
    arena_free(a);
}

static void walk_items(fstate *st, xmlNode *parent, int atom, int depth)
{
    for (xmlNode *c = parent->children; c && !*st->stopped; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, atom ? "entry" : "item"))
            emit_item(st, c, atom);
        else if (!atom && depth < 2 && is_el(c, "channel"))
            walk_items(st, c, atom, depth + 1);
    }
}

long feed_parse(sl_ctx *ctx, const char *name, const char *p, size_t n, sl_raw_fn fn, void *user,
                int *stopped)
{
    if (n > FEED_MAX_BYTES) {
        sl_diag(ctx, SL_ERROR, name, 0, "feed larger than %u MB, skipped", FEED_MAX_BYTES >> 20);
        return 0;
    }
    size_t scan = n < 65536 ? n : 65536;
    if (memmem(p, scan, "<!ENTITY", 8)) {
        sl_diag(ctx, SL_ERROR, name, 0, "feed declares XML entities (refused), skipped");
        return 0;
    }
    int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
               XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlReadMemory(p, (int)n, NULL, NULL, opts);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        sl_diag(ctx, SL_ERROR, name, 0, "not a readable XML feed, skipped");
        xmlFreeDoc(doc);
        return 0;
    }
    sl_arena *a = arena_new();
    fstate st = {ctx, name, NULL, fn, user, stopped, 0};
    int atom = is_el(root, "feed");
    if (!atom && !is_el(root, "rss") && !is_el(root, "RDF")) {
        sl_diag(ctx, SL_ERROR, name, 0, "root element <%s> is not rss, RDF or feed, skipped",
                (const char *)root->name);
    } else {
        xmlNode *ch = atom ? root : child(root, "channel");
        xmlNode *t = ch ? child(ch, "title") : NULL;
        st.feed_title = node_str(a, t);
        walk_items(&st, root, atom, 0);
    }
    arena_free(a);
    xmlFreeDoc(doc);
    return st.emitted;
}

int feed_looks_like(const unsigned char *head, size_t n)
{
    size_t k = n < 2048 ? n : 2048;
    return memmem(head, k, "<rss", 4) || memmem(head, k, "<feed", 5) ||
           memmem(head, k, "<rdf:RDF", 8);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int feed_sniff(const char *filename, const unsigned char *head, size_t n)
{
    if (head && feed_looks_like(head, n))
        return 95;
    if (filename && (ends_with(filename, ".rss") || ends_with(filename, ".atom")))
        return 80;
    if (filename && ends_with(filename, ".xml"))
        return 55;
    return 0;
}

static long feed_read(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped)
{
    size_t len;
    int truncated;
    char *bytes = reader_slurp(in, FEED_MAX_BYTES + 1, &len, &truncated);
    long n = feed_parse(ctx, in->name, bytes, len, fn, user, stopped);
    free(bytes);
    return n;
}

const reader_ops reader_feed = {"feed", feed_sniff, feed_read};
