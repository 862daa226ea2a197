/*
 * html_meta.c — what a page says about itself: title, publication time,
 * author, site, canonical URL, language, agency credits.
 *
 * Elements are offered one by one during the walk (hm_start, hm_text,
 * hm_end: the text of a title, h1, byline or JSON-LD script is captured); the
 * choice is made at the end (hm_finish), most explicit source first:
 * JSON-LD (NewsArticle & co, @graph included), then OpenGraph/article:*
 * and named <meta>, then microdata and <time datetime>, then the URL
 * (/2026/03/14/), then a short visible stamp in a date-marked element.
 * The title prefers the <h1> when the <title> confirms it, else og:title
 * or the JSON-LD headline, else the <title> with the site's suffix cut.
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "../facts/dates.h"
#include "html_int.h"
#include "title.h"

#define META_TEXT_CAP 1024

/* Trimmed, whitespace-collapsed copy in the arena; NULL when blank. */
static const char *tidy(sl_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (n > META_TEXT_CAP)
        n = META_TEXT_CAP;
    char *o = arena_alloc(a, n + 1);
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ') {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = (char)c;
    }
    /* do not leave a cut UTF-8 sequence at the end */
    while (k && ((unsigned char)o[k - 1] & 0xC0) == 0x80 && n == META_TEXT_CAP)
        k--;
    if (k && n == META_TEXT_CAP && ((unsigned char)o[k - 1] & 0xC0) == 0xC0)
        k--;
    o[k] = 0;
    return k ? o : NULL;
}

static void set_once(const char **slot, const char *v)
{
    if (!*slot && v)
        *slot = v;
}

/* ---------------------------------------------------------------- JSON-LD */

static const char *json_str(json_t *v)
{
    return v && json_is_string(v) ? json_string_value(v) : NULL;
}

/* A name from a string, an object with "name", or an array of those
 * (joined by ", "). */
static const char *json_names(sl_arena *a, json_t *v)
{
    if (!v)
        return NULL;
    if (json_is_string(v))
        return tidy(a, json_string_value(v));
    if (json_is_object(v))
        return tidy(a, json_str(json_object_get(v, "name")));
    if (!json_is_array(v))
        return NULL;
    buf b;
    buf_init(&b);
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        const char *n = json_is_string(e)   ? json_string_value(e)
                        : json_is_object(e) ? json_str(json_object_get(e, "name"))
                                            : NULL;
        if (!n || !*n || i >= 8)
            continue;
        if (b.len)
            buf_adds(&b, ", ");
        buf_adds(&b, n);
    }
    const char *r = tidy(a, b.data);
    buf_free(&b);
    return r;
}

static int type_is_article(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e) if (type_is_article(e)) return 1;
        return 0;
    }
    const char *s = json_str(t);
    return s && (strstr(s, "Article") || !strcmp(s, "BlogPosting") || !strcmp(s, "Report") ||
                 !strcmp(s, "LiveBlogPosting") || !strcmp(s, "SocialMediaPosting"));
}

static void ld_take(hwalk *w, json_t *o)
{
    hmeta *m = &w->m;
    sl_arena *a = w->a;
    int art = type_is_article(json_object_get(o, "@type"));
    if (!art && m->ld_is_article)
        return;
    if (art && !m->ld_is_article) {
        /* an article object overrides what a WebPage object said */
        m->ld_is_article = 1;
        m->ld_headline = m->ld_date = m->ld_author = m->ld_body = NULL;
    }
    set_once(&m->ld_headline, tidy(a, json_str(json_object_get(o, "headline"))));
    set_once(&m->ld_date, tidy(a, json_str(json_object_get(o, "datePublished"))));
    set_once(&m->ld_date, tidy(a, json_str(json_object_get(o, "dateCreated"))));
    set_once(&m->ld_author, json_names(a, json_object_get(o, "author")));
    set_once(&m->ld_author, json_names(a, json_object_get(o, "creator")));
    set_once(&m->ld_publisher, json_names(a, json_object_get(o, "publisher")));
    set_once(&m->ld_lang, tidy(a, json_str(json_object_get(o, "inLanguage"))));
    set_once(&m->ld_url, tidy(a, json_str(json_object_get(o, "url"))));
    const char *body = json_str(json_object_get(o, "articleBody"));
    if (body && !m->ld_body)
        m->ld_body = arena_strdup(a, body);
}

static void ld_walk(hwalk *w, json_t *v, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) ld_walk(w, e, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *g = json_object_get(v, "@graph");
    if (g)
        ld_walk(w, g, depth + 1);
    if (json_object_get(v, "@type"))
        ld_take(w, v);
}

static void ld_script(hwalk *w, const char *s, size_t n)
{
    json_error_t err;
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!j)
        return;
    ld_walk(w, j, 0);
    json_decref(j);
}

/* ---------------------------------------------------------------- elements */

static void meta_tag(hwalk *w, const hattrs *at)
{
    hmeta *m = &w->m;
    const char *content = at->content;
    if (!content || !*content)
        return;
    const char *key = at->property;
    if (!key)
        key = at->name;
    if (!key)
        key = at->itemprop;
    const char *he = at->http_equiv;
    if (he && !strcasecmp(he, "content-language"))
        set_once(&m->content_lang, tidy(w->a, content));
    if (!key)
        return;
    sl_arena *a = w->a;
    if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title"))
        set_once(&m->og_title, tidy(a, content));
    else if (!strcasecmp(key, "og:site_name"))
        set_once(&m->og_site, tidy(a, content));
    else if (!strcasecmp(key, "og:url"))
        set_once(&m->og_url, tidy(a, content));
    else if (!strcasecmp(key, "og:type"))
        set_once(&m->og_type, tidy(a, content));
    else if (!strcasecmp(key, "og:locale"))
        set_once(&m->og_locale, tidy(a, content));
    else if (!strcasecmp(key, "description") || !strcasecmp(key, "og:description"))
        set_once(&m->description, tidy(a, content));
    else if (!strcasecmp(key, "application-name"))
        set_once(&m->application_name, tidy(a, content));
    else if (!strcasecmp(key, "author") || !strcasecmp(key, "dc.creator") ||
             !strcasecmp(key, "byl") || !strcasecmp(key, "sailthru.author"))
        set_once(&m->meta_author, tidy(a, content));
    else if (!strcasecmp(key, "article:author")) {
        if (strncmp(content, "http", 4) != 0)
            set_once(&m->article_author, tidy(a, content));
    } else if (!strcasecmp(key, "article:published_time") ||
               !strcasecmp(key, "og:published_time") || !strcasecmp(key, "datePublished"))
        set_once(&m->meta_date[0], tidy(a, content));
    else if (!strcasecmp(key, "pubdate") || !strcasecmp(key, "publishdate") ||
             !strcasecmp(key, "publish-date") || !strcasecmp(key, "parsely-pub-date") ||
             !strcasecmp(key, "sailthru.date") || !strcasecmp(key, "article.published"))
        set_once(&m->meta_date[1], tidy(a, content));
    else if (!strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
             !strcasecmp(key, "dcterms.created") || !strcasecmp(key, "dcterms.issued") ||
             !strcasecmp(key, "date"))
        set_once(&m->meta_date[2], tidy(a, content));
    else if (!strcasecmp(key, "article:modified_time") || !strcasecmp(key, "dateModified"))
        set_once(&m->meta_date[3], tidy(a, content));
}

static int parses(const char *s)
{
    int64_t t;
    uint8_t prec;
    return s && dates_parse_stamp(s, strlen(s), &t, &prec);
}

/* What a capture is for. */
enum { CAP_NONE, CAP_TITLE, CAP_H1, CAP_LDJSON, CAP_DATE, CAP_AUTHOR, CAP_REL_AUTHOR, CAP_STAMP };

#define LD_CAP ((size_t)4 << 20)

static void capture(hwalk *w, int kind)
{
    if (w->cap_kind)
        return; /* one at a time: the outer one wins */
    w->cap_kind = kind;
    w->cap_level = w->n_stack - 1;
    buf_clear(&w->cap);
}

/* Does a class say "date", "time" or "publish" (any case, anywhere)? One
 * pass instead of three strcasestr: it runs on every element of the page. */
static int names_stamp(const char *c)
{
    for (; *c; c++) {
        switch (*c | 0x20) {
        case 'd':
            if (!strncasecmp(c, "date", 4))
                return 1;
            break;
        case 't':
            if (!strncasecmp(c, "time", 4))
                return 1;
            break;
        case 'p':
            if (!strncasecmp(c, "publish", 7))
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

void hm_start(hwalk *w, const char *name, const hattrs *at)
{
    hmeta *m = &w->m;
    switch (name[0]) {
    case 'h':
        if (!strcmp(name, "html"))
            set_once(&m->html_lang, tidy(w->a, at->lang));
        else if (!strcmp(name, "h1") && !m->h1)
            capture(w, CAP_H1);
        break;
    case 't':
        if (!strcmp(name, "title") && !m->title_tag)
            capture(w, CAP_TITLE);
        else if (!strcmp(name, "time") && !m->time_datetime)
            m->time_datetime = tidy(w->a, at->datetime);
        break;
    case 'm':
        if (!strcmp(name, "meta"))
            meta_tag(w, at);
        break;
    case 'l':
        if (!strcmp(name, "link") && at->rel && !strcasecmp(at->rel, "canonical"))
            set_once(&m->canonical, tidy(w->a, at->href));
        break;
    case 's':
        if (!strcmp(name, "script") && at->type && !strcasecmp(at->type, "application/ld+json"))
            capture(w, CAP_LDJSON);
        break;
    default:
        break;
    }
    if (!strcmp(name, "meta"))
        return;
    const char *cls = at->cls;
    if (cls && !m->visible_date && names_stamp(cls))
        capture(w, CAP_STAMP);
    const char *ip = at->itemprop;
    if (ip) {
        if (!strcmp(ip, "datePublished") && !m->itemprop_date) {
            const char *v = at->datetime ? at->datetime : at->content;
            if (v)
                m->itemprop_date = tidy(w->a, v);
            else
                capture(w, CAP_DATE);
        } else if (!strcmp(ip, "author") && !m->itemprop_author) {
            capture(w, CAP_AUTHOR);
        }
    }
    if (at->rel && !strcasecmp(at->rel, "author") && !m->rel_author)
        capture(w, CAP_REL_AUTHOR);
}

void hm_text(hwalk *w, const char *s, size_t n)
{
    if (!w->cap_kind)
        return;
    if (w->cap_kind == CAP_LDJSON) {
        if (w->cap.len + n <= LD_CAP)
            buf_add(&w->cap, s, n);
        return;
    }
    /* <title> is itself skipped text; scripts inside an h1 are not text */
    if ((w->skip && w->cap_kind != CAP_TITLE) || w->cap.len > META_TEXT_CAP)
        return;
    buf_add(&w->cap, s, n);
}

void hm_end(hwalk *w, size_t level)
{
    if (!w->cap_kind || level != w->cap_level)
        return;
    hmeta *m = &w->m;
    int kind = w->cap_kind;
    w->cap_kind = CAP_NONE;
    if (kind == CAP_LDJSON) {
        if (w->cap.len)
            ld_script(w, w->cap.data, w->cap.len);
        return;
    }
    const char *t = w->cap.len ? tidy(w->a, w->cap.data) : NULL;
    switch (kind) {
    case CAP_TITLE:
        m->title_tag = t;
        break;
    case CAP_H1:
        m->h1 = t;
        break;
    case CAP_DATE:
        m->itemprop_date = t;
        break;
    case CAP_AUTHOR:
        m->itemprop_author = t;
        break;
    case CAP_REL_AUTHOR:
        m->rel_author = t;
        break;
    case CAP_STAMP:
        if (t && strlen(t) < 80 && parses(t))
            m->visible_date = t;
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- choices */

/* "2026/03/14", "2026-03-14", "20260314" in a URL path → "2026-03-14". */
static const char *url_date(sl_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_')
            continue;
        const char *s = p + 1;
        if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
            !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]))
            continue;
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if (y < 1995 || y > 2100)
            continue;
        int mo, d;
        char sep = s[4];
        if ((sep == '/' || sep == '-' || sep == '_') && isdigit((unsigned char)s[5]) &&
            isdigit((unsigned char)s[6]) && s[7] == sep && isdigit((unsigned char)s[8]) &&
            isdigit((unsigned char)s[9]) && !isdigit((unsigned char)s[10])) {
            mo = (s[5] - '0') * 10 + (s[6] - '0');
            d = (s[8] - '0') * 10 + (s[9] - '0');
        } else if (isdigit((unsigned char)s[4]) && isdigit((unsigned char)s[5]) &&
                   isdigit((unsigned char)s[6]) && isdigit((unsigned char)s[7]) &&
                   !isdigit((unsigned char)s[8])) {
            mo = (s[4] - '0') * 10 + (s[5] - '0');
            d = (s[6] - '0') * 10 + (s[7] - '0');
        } else {
            continue;
        }
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
            return arena_printf(a, "%04d-%02d-%02d", y, mo, d);
    }
    return NULL;
}

static void choose_date(hwalk *w, html_doc *d, const char *url)
{
    hmeta *m = &w->m;
    struct {
        const char *v, *from;
    } c[] = {{m->ld_date, "json-ld"},      {m->meta_date[0], "meta"}, {m->itemprop_date, "meta"},
             {m->meta_date[1], "meta"},    {m->meta_date[2], "meta"}, {m->time_datetime, "time"},
             {url_date(w->a, url), "url"}, {m->meta_date[3], "meta"}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (parses(c[i].v)) {
            d->date = c[i].v;
            d->date_from = c[i].from;
            return;
        }
    /* a short visible stamp in an element whose class speaks of dates */
    if (m->visible_date) {
        d->date = m->visible_date;
        d->date_from = "text";
    }
}

/* Cuts " | Site", " - Site", " — Site" off a <title>: keeps the longest
 * segment, or the part that is not the site's name. */
static const char *strip_site(sl_arena *a, const char *t, const char *site)
{
    const char *const *seps = title_seps; /* title.c: every reader cuts at these */
    if (!t)
        return NULL;
    const char *best = t;
    size_t best_len = strlen(t);
    for (const char *const *s = seps; *s; s++) {
        const char *p = strstr(t, *s);
        if (!p)
            continue;
        /* split at every occurrence, take the longest segment */
        const char *seg = t;
        size_t sl = strlen(*s);
        size_t longest = 0;
        const char *lp = t;
        for (;;) {
            const char *q = strstr(seg, *s);
            size_t n = q ? (size_t)(q - seg) : strlen(seg);
            if (n > longest && !(site && n == strlen(site) && !strncasecmp(seg, site, n))) {
                longest = n;
                lp = seg;
            }
            if (!q)
                break;
            seg = q + sl;
        }
        if (longest >= 10) {
            best = lp;
            best_len = longest;
        }
        break;
    }
    return arena_strndup(a, best, best_len);
}

static const char *choose_title(hwalk *w, const char *site)
{
    hmeta *m = &w->m;
    const char *tt = strip_site(w->a, m->title_tag, site);
    const char *og = strip_site(w->a, m->og_title, site);
    if (m->h1 && strlen(m->h1) >= 10 &&
        ((m->title_tag && strstr(m->title_tag, m->h1)) || (og && !strcmp(og, m->h1)) ||
         (m->ld_headline && !strcmp(m->ld_headline, m->h1))))
        return m->h1;
    if (og)
        return og;
    if (m->ld_headline)
        return m->ld_headline;
    if (tt)
        return tt;
    return m->h1;
}

/* Wire agencies named in credits ("Jane Doe with AFP", publisher "dpa"). */
static const char *agencies(sl_arena *a, const char *const *srcs, size_t n)
{
    static const struct {
        const char *pat, *name;
        int word; /* must stand as a word */
    } ag[] = {
        {"AFP", "AFP", 1},
        {"Agence France-Presse", "AFP", 0},
        {"Reuters", "Reuters", 1},
        {"Associated Press", "AP", 0},
        {"AP", "AP", 1},
        {"dpa", "dpa", 1},
        {"ANSA", "ANSA", 1},
        {"EFE", "EFE", 1},
        {"Xinhua", "Xinhua", 1},
        {"PA Media", "PA", 0},
        {"Belga", "Belga", 1},
        {"ATS", "ATS", 1},
        {"Keystone-SDA", "Keystone-SDA", 0},
        {"APA", "APA", 1},
        {"Kyodo", "Kyodo", 1},
        {"UPI", "UPI", 1},
        {"Europa Press", "Europa Press", 0},
        {"Bloomberg", "Bloomberg", 1},
    };
    buf b;
    buf_init(&b);
    for (size_t k = 0; k < sizeof ag / sizeof ag[0]; k++) {
        int found = 0;
        for (size_t i = 0; i < n && !found; i++) {
            const char *s = srcs[i];
            if (!s)
                continue;
            size_t pl = strlen(ag[k].pat);
            for (const char *p = strstr(s, ag[k].pat); p && !found; p = strstr(p + 1, ag[k].pat)) {
                int before = p == s || !isalnum((unsigned char)p[-1]);
                int after = !isalnum((unsigned char)p[pl]);
                found = !ag[k].word || (before && after);
            }
        }
        if (found && !strstr(b.data ? b.data : "", ag[k].name)) {
            if (b.len)
                buf_adds(&b, ", ");
            buf_adds(&b, ag[k].name);
        }
    }
    const char *r = b.len ? arena_strndup(a, b.data, b.len) : NULL;
    buf_free(&b);
    return r;
}

void hm_finish(hwalk *w, html_doc *d)
{
    hmeta *m = &w->m;
    const char *given = w->opts ? w->opts->url : NULL;
    d->url = m->canonical && strstr(m->canonical, "://") ? m->canonical
             : m->og_url                                 ? m->og_url
             : m->ld_url                                 ? m->ld_url
             : given                                     ? arena_strdup(w->a, given)
                                                         : NULL;
    d->site = m->og_site ? m->og_site : m->ld_publisher ? m->ld_publisher : m->application_name;
    d->title = choose_title(w, d->site);
    d->author = m->ld_author         ? m->ld_author
                : m->meta_author     ? m->meta_author
                : m->article_author  ? m->article_author
                : m->itemprop_author ? m->itemprop_author
                                     : m->rel_author;
    d->lang = m->html_lang      ? m->html_lang
              : m->content_lang ? m->content_lang
              : m->ld_lang      ? m->ld_lang
                                : m->og_locale;
    d->description = m->description;
    choose_date(w, d, d->url ? d->url : given);
    if (!d->date && given && d->url != given)
        choose_date(w, d, given);
    const char *srcs[] = {d->author, m->ld_publisher, m->meta_author, m->itemprop_author};
    d->agencies = agencies(w->a, srcs, sizeof srcs / sizeof srcs[0]);
}
