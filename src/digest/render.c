/*
 * render.c — a digest as terminal text, Markdown, JSON, a standalone HTML
 * page, or bare summary lines (what ROUGE scores).
 *
 * Every renderer shows the same things in the same order: headline, span
 * and counts, summary (each sentence followed by its outlets and agency),
 * timeline, places (with the SVG map in HTML), sources (outlet, time,
 * title, url, agency, language, wire share). The attribution label is built
 * once here so all formats name sources alike: outlets in time order, each
 * named once, then "· AGENCY" for wire copy. Text, Markdown and HTML share
 * one walk of the digest (render_doc); each supplies only its markup table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../facts/dates.h"
#include "../util/json.h"
#include "digest.h"

static const char *prec_name(uint8_t p)
{
    switch (p) {
    case SL_PREC_YEAR:
        return "year";
    case SL_PREC_MONTH:
        return "month";
    case SL_PREC_DAY:
        return "day";
    case SL_PREC_MINUTE:
        return "minute";
    case SL_PREC_SECOND:
        return "second";
    default:
        return "none";
    }
}

/* t as text at precision prec (the day when unknown) into s; false when
 * there is no time. */
static bool time_text(int64_t t, uint8_t prec, char s[40])
{
    if (t == SL_TIME_NONE)
        return false;
    dates_format(t, prec ? prec : SL_PREC_DAY, s);
    return true;
}

static void add_time(buf *out, int64_t t, uint8_t prec)
{
    char s[40];
    buf_adds(out, time_text(t, prec, s) ? s : "-");
}

/* Width of t as add_time writes it. */
static size_t time_width(int64_t t, uint8_t prec)
{
    char s[40];
    return time_text(t, prec, s) ? strlen(s) : 1;
}

/* add_time, then spaces up to width w: text columns stay aligned when a
 * month ("2026-03") stands above a time of day ("2026-03-14T09:32:00Z"). */
static void add_time_padded(buf *out, int64_t t, uint8_t prec, size_t w)
{
    add_time(out, t, prec);
    for (size_t n = time_width(t, prec); n < w; n++)
        buf_addc(out, ' ');
}

/* Only web links become links: a scraped "javascript:" or "data:" url is
 * shown as text, never put in an href. */
static bool web_url(const char *u)
{
    return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

static const char *source_name(const sl_digest_source *s)
{
    return s->outlet && *s->outlet ? s->outlet : s->id;
}

/* Marks first[i] when src[i] is the first of src[0..i] to name its outlet
 * (malloc'd, n + 1 entries; the caller frees it). Open addressing over the
 * names, so that a sentence carried by thousands of sources costs their
 * number, not its square. */
static bool *first_named(const sl_digest *d, const uint32_t *src, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    bool *first = calloc(n + 1, sizeof *first);
    const char **seen = calloc(cap, sizeof *seen);
    if (!first || !seen)
        abort();
    for (size_t i = 0; i < n; i++) {
        const char *name = source_name(&d->sources[src[i]]);
        uint64_t h = 1469598103934665603u; /* FNV-1a */
        for (const char *p = name; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211u;
        size_t k = h & (cap - 1);
        while (seen[k] && strcmp(seen[k], name) != 0)
            k = (k + 1) & (cap - 1);
        first[i] = !seen[k];
        seen[k] = name;
    }
    free(seen);
    return first;
}

/* "Outlet A, Outlet B · AFP": outlets once each, in time order. */
static void attribution(buf *out, const sl_digest *d, const uint32_t *src, size_t n,
                        const char *agency)
{
    size_t shown = 0;
    bool *first = first_named(d, src, n);
    for (size_t i = 0; i < n; i++) {
        if (!first[i])
            continue;
        if (shown++)
            buf_adds(out, ", ");
        buf_adds(out, source_name(&d->sources[src[i]]));
    }
    free(first);
    if (agency && *agency) {
        buf_adds(out, shown ? " · " : "");
        buf_adds(out, agency);
    }
}

/* How precisely the sources date time t (an end of the story's span): the
 * finest precision of the sources published at t, at most cap. A story of
 * articles dated to the month spans "2017-07 – 2017-08", not the first days
 * of those months. */
static uint8_t span_prec(const sl_digest *d, int64_t t, uint8_t cap)
{
    uint8_t p = 0;
    for (size_t i = 0; i < d->n_sources; i++)
        if (d->sources[i].published == t && d->sources[i].published_prec > p)
            p = d->sources[i].published_prec;
    return p && p < cap ? p : cap;
}

static void span_line(buf *out, const sl_digest *d)
{
    buf_printf(out, "%zu source%s · ", d->n_sources, d->n_sources == 1 ? "" : "s");
    uint8_t pf = span_prec(d, d->first, SL_PREC_DAY);
    add_time(out, d->first, pf);
    if (d->last != SL_TIME_NONE && d->first != SL_TIME_NONE) {
        char a[40], b[40];
        dates_format(d->first, pf, a);
        dates_format(d->last, span_prec(d, d->last, SL_PREC_DAY), b);
        if (strcmp(a, b)) /* the same day (or month) once */
            buf_printf(out, " – %s", b);
    }
    buf_printf(out, " · %s", d->lang);
}

/* Coordinates of a place entity, if the map has it. */
static const sl_digest_place *place_of(const sl_digest *d, const char *name)
{
    for (size_t i = 0; i < d->n_places; i++)
        if (!strcmp(d->places[i].name, name))
            return &d->places[i];
    return NULL;
}

static size_t count_kind(const sl_digest *d, int kind)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_entities; i++)
        n += d->entities[i].kind == kind;
    return n;
}

static const int entity_kinds[] = {SL_ENT_PERSON, SL_ENT_ORG, SL_ENT_PLACE};

/* ------------------------------------------------------------ text, Markdown, HTML */

/*
 * The three formats for people walk the digest alike (doc_*): headline and
 * meta line, summary, timeline, entities by kind, figures, quotes, sources.
 * A markup table says what one format writes around each part — the
 * strings that open and close a section and an item and stand between an
 * item's fields — and how it escapes text and cites sources. Only the
 * source rows differ in kind (a line in text, a table row elsewhere).
 */

/* Strings around one section and its items. The section's open and close
 * are written only when it has items, except where the walk says so. */
typedef struct frame {
    const char *open;  /* before the first item */
    const char *item;  /* before each item */
    const char *mid;   /* between an item's two text fields */
    const char *end;   /* after each item */
    const char *close; /* after the last item */
} frame;

typedef struct markup markup;
struct markup {
    void (*esc)(buf *out, const char *s);      /* the digest's text */
    void (*meta_esc)(buf *out, const char *s); /* the meta line (id, span), lang codes */
    const char *head[2];                       /* around the headline */
    const char *id[2];                         /* around the story id, before the span */
    const char *meta_end;
    const char *cite[2];   /* around a sentence's (or quote's) sources */
    const char *vcite[2];  /* around a figure value's sources */
    const char *agency[2]; /* around a summary sentence's agency, cited apart; else NULL */
    frame summary, timeline, quotes, figures, sources;
    const char *speaker_unknown;
    const char *figure_dis[2]; /* item and mid of a figure the sources disagree on */
    const char *value_sep;
    const char *kind_title[3]; /* by entity_kinds */
    const char *kind_head[2];  /* around a kind's title */
    frame entities;            /* open: after the map, when the kind has entities */
    bool coords;               /* show a place's coordinates */
    const char *count_sep;     /* before an entity's article count */
    void (*map)(buf *out, const sl_digest *d); /* drawn under the places' title */
    void (*source)(buf *out, const markup *m, const sl_digest_source *s, size_t time_w);
    bool pad_times;        /* times padded to one width (plain text columns) */
    void (*link)(buf *out, const char *url, const char *title); /* a web url's title */
};

static void raw_text(buf *out, const char *s)
{
    buf_adds(out, s);
}

/* Markdown text: characters that would start markup are escaped. */
static void md_escape(buf *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_addc(out, '\\');
        buf_addc(out, *s == '\n' ? ' ' : *s);
    }
}

void dg_html_escape(buf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            buf_adds(out, "&amp;");
            break;
        case '<':
            buf_adds(out, "&lt;");
            break;
        case '>':
            buf_adds(out, "&gt;");
            break;
        case '"':
            buf_adds(out, "&quot;");
            break;
        case '\'':
            buf_adds(out, "&#39;");
            break;
        default:
            buf_addc(out, *s);
        }
    }
}

static void md_link(buf *out, const char *url, const char *title)
{
    buf_adds(out, "[");
    md_escape(out, title);
    buf_adds(out, "](");
    for (const char *p = url; *p; p++) /* keep the link intact */
        if (*p == ')')
            buf_adds(out, "%29");
        else if (*p == ' ')
            buf_adds(out, "%20");
        else
            buf_addc(out, *p);
    buf_adds(out, ")");
}

static void html_link(buf *out, const char *url, const char *title)
{
    buf_adds(out, "<a href=\"");
    dg_html_escape(out, url);
    buf_adds(out, "\">");
    dg_html_escape(out, title);
    buf_adds(out, "</a>");
}

/* "  2026-03-01T09:00Z  Outlet · Title · en · AFP · wire 80%", url below;
 * the time padded to width w. */
static void text_source(buf *out, const markup *m, const sl_digest_source *s, size_t w)
{
    (void)m;
    buf_adds(out, "  ");
    add_time_padded(out, s->published, s->published_prec, w);
    buf_printf(out, "  %s · %s", source_name(s), *s->title ? s->title : "(no title)");
    buf_printf(out, " · %s", s->lang);
    if (*s->agency)
        buf_printf(out, " · %s", s->agency);
    buf_printf(out, " · wire %d%%\n", (int)(s->wire * 100 + 0.5f));
    if (*s->url)
        buf_printf(out, "    %s\n", s->url);
}

/* A table row: time, outlet, title (a link for web urls), agency, wire, lang. */
static void table_source(buf *out, const markup *m, const sl_digest_source *s, size_t w)
{
    (void)w;
    const char *sep = m->sources.mid;
    buf_adds(out, m->sources.item);
    add_time(out, s->published, s->published_prec);
    buf_adds(out, sep);
    m->esc(out, source_name(s));
    buf_adds(out, sep);
    const char *title = *s->title ? s->title : "(no title)";
    if (web_url(s->url))
        m->link(out, s->url, title);
    else
        m->esc(out, title);
    buf_adds(out, sep);
    m->esc(out, *s->agency ? s->agency : "-");
    buf_adds(out, sep);
    buf_printf(out, "%d%%", (int)(s->wire * 100 + 0.5f));
    buf_adds(out, sep);
    m->meta_esc(out, s->lang);
    buf_adds(out, m->sources.end);
}

static const markup text_markup = {
    .esc = raw_text,
    .meta_esc = raw_text,
    .head = {"", "\n"},
    .id = {"story ", " · "},
    .meta_end = "\n",
    .cite = {" [", "]"},
    .vcite = {" (", ")"},
    .summary = {"\nSUMMARY\n", "  ", "", "\n", ""},
    .timeline = {"\nTIMELINE\n", "  ", "  ", "\n", ""},
    .pad_times = true,
    .quotes = {"\nQUOTES\n", "  \"", "\" — ", "\n", ""},
    .speaker_unknown = "(speaker unknown)",
    .figures = {"\nFIGURES\n", "  ", ": ", "\n", ""},
    .figure_dis = {"  ", " [SOURCES DISAGREE]: "},
    .value_sep = "; ",
    .kind_title = {"PEOPLE", "ORGANISATIONS", "PLACES"},
    .kind_head = {"\n", "\n"},
    .entities = {"", "  ", "", "\n", ""},
    .coords = true,
    .count_sep = " · ",
    .sources = {"\nSOURCES\n", "", "", "", ""},
    .source = text_source,
};

static const markup md_markup = {
    .esc = md_escape,
    .meta_esc = raw_text,
    .head = {"# ", "\n\n"},
    .id = {"Story `", "` · "},
    .meta_end = "\n",
    .cite = {" *(", ")*"},
    .vcite = {" (", ")"},
    .summary = {"\n## Summary\n\n", "- ", "", "\n", ""},
    .timeline = {"\n## Timeline\n\n", "- **", "** ", "\n", ""},
    .quotes = {"\n## Quotes\n\n", "> ", "\n>\n> — ", "\n\n", ""},
    .speaker_unknown = "(speaker unknown)",
    .figures = {"\n## Figures\n\n", "- **", "**: ", "\n", ""},
    .figure_dis = {"- **", "** ⚠ *sources disagree*: "},
    .value_sep = "; ",
    .kind_title = {"People", "Organisations", "Places"},
    .kind_head = {"\n## ", "\n\n"},
    .entities = {"", "- **", "**", "\n", ""},
    .coords = true,
    .count_sep = " · ",
    .sources = {"\n## Sources\n\n| time | outlet | title | agency | wire | lang |\n"
                "|---|---|---|---|---|---|\n",
                "| ", " | ", " |\n", ""},
    .source = table_source,
    .link = md_link,
};

static const markup html_markup = {
    .esc = dg_html_escape,
    .meta_esc = dg_html_escape,
    .head = {"<article>\n<h1>", "</h1>\n<p class=\"meta\">"},
    .id = {"story ", " · "},
    .meta_end = "</p>\n",
    .cite = {"<span class=\"src\">", "</span>"},
    .vcite = {"<span class=\"src\">", "</span>"},
    .agency = {"<span class=\"src ag\">", "</span>"},
    .summary = {"<h2>Summary</h2>\n<ul class=\"sum\">\n", "<li>", "", "</li>\n", "</ul>\n"},
    .timeline = {"<h2>Timeline</h2>\n<ol class=\"tl\">\n", "<li><time>", "</time>", "</li>\n",
                 "</ol>\n"},
    .quotes = {"<h2>Quotes</h2>\n", "<blockquote><p>", "</p><footer>— ",
               "</footer></blockquote>\n", ""},
    .speaker_unknown = "speaker unknown",
    .figures = {"<h2>Figures</h2>\n<ul class=\"fig\">\n", "<li><b>", "</b><br>", "</li>\n",
                "</ul>\n"},
    .figure_dis = {"<li class=\"dis\"><b>",
                   "</b> <span class=\"flag\">sources disagree</span><br>"},
    .value_sep = " · ",
    .kind_title = {"People", "Organisations", "Places"},
    .kind_head = {"<h2>", "</h2>\n"},
    .entities = {"<ul class=\"ent\">\n", "<li><b>", "</b> <span class=\"meta\">",
                 "</span></li>\n", "</ul>\n"},
    .coords = false,
    .count_sep = "",
    .map = dg_map_svg,
    .sources = {"<h2>Sources</h2>\n<table>\n<tr><th>time</th><th>outlet</th><th>title</th>"
                "<th>agency</th><th>wire</th><th>lang</th></tr>\n",
                "<tr><td>", "</td><td>", "</td></tr>\n", "</table>\n</article>\n"},
    .source = table_source,
    .link = html_link,
};

/* Who writes it (the attribution label), between the brackets br. In
 * formats that cite the agency apart, it follows in its own brackets. */
static void doc_cite(buf *out, const markup *m, const sl_digest *d, const uint32_t *src,
                     size_t n, const char *agency, const char *const br[2])
{
    buf a;
    buf_init(&a);
    attribution(&a, d, src, n, m->agency[0] ? NULL : agency);
    buf_adds(out, br[0]);
    m->esc(out, a.data ? a.data : "");
    buf_adds(out, br[1]);
    if (m->agency[0] && agency && *agency) {
        buf_adds(out, m->agency[0]);
        m->esc(out, agency);
        buf_adds(out, m->agency[1]);
    }
    buf_free(&a);
}

/* Headline, then "story ID · 5 sources · SPAN · LANG". */
static void doc_head(buf *out, const markup *m, const sl_digest *d, const char *id)
{
    buf_adds(out, m->head[0]);
    m->esc(out, *d->headline ? d->headline : "(no headline)");
    buf_adds(out, m->head[1]);
    buf meta;
    buf_init(&meta);
    if (id) {
        buf_adds(&meta, m->id[0]);
        buf_adds(&meta, id);
        buf_adds(&meta, m->id[1]);
    }
    span_line(&meta, d);
    m->meta_esc(out, meta.data);
    buf_free(&meta);
    buf_adds(out, m->meta_end);
}

static void doc_summary(buf *out, const markup *m, const sl_digest *d)
{
    buf_adds(out, m->summary.open); /* even when empty */
    for (size_t i = 0; i < d->n_summary; i++) {
        const sl_digest_sentence *s = &d->summary[i];
        buf_adds(out, m->summary.item);
        m->esc(out, s->text);
        doc_cite(out, m, d, s->sources, s->n_sources, s->agency, m->cite);
        buf_adds(out, m->summary.end);
    }
    buf_adds(out, m->summary.close);
}

static void doc_timeline(buf *out, const markup *m, const sl_digest *d)
{
    if (!d->n_timeline)
        return;
    buf_adds(out, m->timeline.open);
    size_t w = 0;
    for (size_t i = 0; m->pad_times && i < d->n_timeline; i++)
        if (time_width(d->timeline[i].time, d->timeline[i].precision) > w)
            w = time_width(d->timeline[i].time, d->timeline[i].precision);
    for (size_t i = 0; i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        buf_adds(out, m->timeline.item);
        add_time_padded(out, t->time, t->precision, w);
        buf_adds(out, m->timeline.mid);
        m->esc(out, t->text);
        doc_cite(out, m, d, t->sources, t->n_sources, NULL, m->cite);
        buf_adds(out, m->timeline.end);
    }
    buf_adds(out, m->timeline.close);
}

static void doc_entity(buf *out, const markup *m, const sl_digest *d, const sl_digest_entity *e)
{
    buf_adds(out, m->entities.item);
    m->esc(out, e->name);
    buf_adds(out, m->entities.mid);
    const sl_digest_place *p =
        m->coords && e->kind == SL_ENT_PLACE ? place_of(d, e->name) : NULL;
    if (p)
        buf_printf(out, " (%.3f, %.3f)", p->lat, p->lon);
    buf_adds(out, m->count_sep);
    buf_printf(out, "%u article%s", e->articles, e->articles == 1 ? "" : "s");
    for (size_t a = 0; a < e->n_aliases; a++) {
        buf_adds(out, a ? ", " : " · also ");
        m->esc(out, e->aliases[a]);
    }
    buf_adds(out, m->entities.end);
}

/* People, organisations, places: a section each that has any (places also
 * when the format draws a map of them). */
static void doc_entities(buf *out, const markup *m, const sl_digest *d)
{
    for (int k = 0; k < 3; k++) {
        int kind = entity_kinds[k];
        size_t n = count_kind(d, kind);
        bool map = m->map && kind == SL_ENT_PLACE;
        if (!n && !(map && d->n_places))
            continue;
        buf_adds(out, m->kind_head[0]);
        buf_adds(out, m->kind_title[k]);
        buf_adds(out, m->kind_head[1]);
        if (map)
            m->map(out, d);
        if (!n)
            continue;
        buf_adds(out, m->entities.open);
        for (size_t i = 0; i < d->n_entities; i++)
            if (d->entities[i].kind == kind)
                doc_entity(out, m, d, &d->entities[i]);
        buf_adds(out, m->entities.close);
    }
}

static void doc_figures(buf *out, const markup *m, const sl_digest *d)
{
    if (!d->n_figures)
        return;
    buf_adds(out, m->figures.open);
    for (size_t i = 0; i < d->n_figures; i++) {
        const sl_digest_figure *f = &d->figures[i];
        buf_adds(out, f->disagree ? m->figure_dis[0] : m->figures.item);
        m->esc(out, f->label);
        buf_adds(out, f->disagree ? m->figure_dis[1] : m->figures.mid);
        for (size_t k = 0; k < f->n_values; k++) {
            const sl_digest_value *v = &f->values[k];
            buf_adds(out, k ? m->value_sep : "");
            m->esc(out, v->text);
            doc_cite(out, m, d, v->sources, v->n_sources, NULL, m->vcite);
        }
        buf_adds(out, m->figures.end);
    }
    buf_adds(out, m->figures.close);
}

static void doc_quotes(buf *out, const markup *m, const sl_digest *d)
{
    if (!d->n_quotes)
        return;
    buf_adds(out, m->quotes.open);
    for (size_t i = 0; i < d->n_quotes; i++) {
        const sl_digest_quote *q = &d->quotes[i];
        buf_adds(out, m->quotes.item);
        m->esc(out, q->text);
        buf_adds(out, m->quotes.mid);
        m->esc(out, q->speaker ? q->speaker : m->speaker_unknown);
        doc_cite(out, m, d, q->sources, q->n_sources, NULL, m->cite);
        buf_adds(out, m->quotes.end);
    }
    buf_adds(out, m->quotes.close);
}

static void doc_sources(buf *out, const markup *m, const sl_digest *d)
{
    buf_adds(out, m->sources.open); /* even when empty */
    size_t w = 0;
    for (size_t i = 0; m->pad_times && i < d->n_sources; i++) {
        const sl_digest_source *s = &d->sources[i];
        if (time_width(s->published, s->published_prec) > w)
            w = time_width(s->published, s->published_prec);
    }
    for (size_t i = 0; i < d->n_sources; i++)
        m->source(out, m, &d->sources[i], w);
    buf_adds(out, m->sources.close);
}

/* The whole digest in markup m. */
static void render_doc(buf *out, const markup *m, const sl_digest *d, const char *id)
{
    doc_head(out, m, d, id);
    doc_summary(out, m, d);
    doc_timeline(out, m, d);
    doc_entities(out, m, d);
    doc_figures(out, m, d);
    doc_quotes(out, m, d);
    doc_sources(out, m, d);
}
/* ------------------------------------------------------------ JSON */

static void json_time(buf *out, int64_t t, uint8_t prec)
{
    char s[40];
    if (time_text(t, prec, s))
        json_str(out, s);
    else
        buf_adds(out, "null");
}

static void json_sources(buf *out, const sl_digest *d, const uint32_t *src, size_t n)
{
    buf_adds(out, "\"sources\":[");
    for (size_t i = 0; i < n; i++)
        buf_printf(out, "%s%u", i ? "," : "", src[i]);
    buf_adds(out, "],\"outlets\":[");
    size_t shown = 0;
    bool *first = first_named(d, src, n);
    for (size_t i = 0; i < n; i++) {
        if (!first[i])
            continue;
        buf_adds(out, shown++ ? "," : "");
        json_str(out, source_name(&d->sources[src[i]]));
    }
    free(first);
    buf_adds(out, "]");
}

void dg_add_fixed(buf *out, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1000, 10000};
    if (decimals < 0 || decimals > 4 || !isfinite(v) || fabs(v) > 1e12) {
        buf_printf(out, "%.*f", decimals < 0 || decimals > 4 ? 3 : decimals, isfinite(v) ? v : 0);
        return;
    }
    long long m = llround(v * scale[decimals]);
    char tmp[40], *e = tmp + sizeof tmp, *p = e;
    bool neg = m < 0;
    unsigned long long u = neg ? 0ULL - (unsigned long long)m : (unsigned long long)m;
    int d = 0;
    for (; d < decimals; d++) { /* fraction, trailing zeros dropped */
        unsigned digit = (unsigned)(u % 10);
        u /= 10;
        if (digit || p != e)
            *--p = (char)('0' + digit);
    }
    if (p != e)
        *--p = '.';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg && !(p[0] == '0' && p + 1 == e))
        *--p = '-';
    buf_add(out, p, (size_t)(e - p));
}

/* "land": the country outlines around the places, for maps drawn by the
 * reader (the web page): the region they were cut to and the rings as flat
 * lon, lat arrays (3 decimals: 100 m, finer than any story map). */
static void json_land(buf *out, const sl_digest *d)
{
    if (!d->n_land) {
        buf_adds(out, "\"land\":null");
        return;
    }
    buf_adds(out, "\"land\":{\"box\":[");
    for (int k = 0; k < 4; k++) {
        if (k)
            buf_addc(out, ',');
        dg_add_fixed(out, d->land_box[k], 3);
    }
    buf_adds(out, "],\"rings\":[");
    for (size_t r = 0; r < d->n_land; r++) {
        buf_adds(out, r ? ",[" : "[");
        for (size_t i = 0; i < 2 * d->land[r].n; i++) {
            if (i)
                buf_addc(out, ',');
            dg_add_fixed(out, d->land[r].lonlat[i], 3);
        }
        buf_addc(out, ']');
    }
    buf_adds(out, "]}");
}

static void render_json(buf *out, const sl_digest *d, const char *id)
{
    buf_adds(out, "{\"id\":");
    json_str(out, id);
    buf_adds(out, ",\"headline\":");
    json_str(out, d->headline);
    buf_adds(out, ",\"lang\":");
    json_str(out, d->lang);
    buf_adds(out, ",\"first\":");
    json_time(out, d->first, SL_PREC_MINUTE);
    buf_adds(out, ",\"last\":");
    json_time(out, d->last, SL_PREC_MINUTE);
    /* first and last stay date-times; how precisely the sources date them: */
    buf_printf(out, ",\"first_precision\":\"%s\",\"last_precision\":\"%s\"",
               prec_name(span_prec(d, d->first, SL_PREC_MINUTE)),
               prec_name(span_prec(d, d->last, SL_PREC_MINUTE)));
    buf_printf(out, ",\"summary_words\":%u,\"summary\":[", d->summary_words);
    for (size_t i = 0; i < d->n_summary; i++) {
        const sl_digest_sentence *s = &d->summary[i];
        buf_adds(out, i ? ",{\"text\":" : "{\"text\":");
        json_str(out, s->text);
        buf_adds(out, ",");
        json_sources(out, d, s->sources, s->n_sources);
        buf_adds(out, ",\"agency\":");
        json_str(out, *s->agency ? s->agency : NULL);
        buf_adds(out, ",\"time\":");
        json_time(out, s->time, SL_PREC_MINUTE);
        buf_adds(out, "}");
    }
    buf_adds(out, "],\"timeline\":[");
    for (size_t i = 0; i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        buf_adds(out, i ? ",{\"date\":" : "{\"date\":");
        json_time(out, t->time, t->precision);
        buf_printf(out, ",\"precision\":\"%s\",\"from_text\":%s,\"text\":", prec_name(t->precision),
                   t->from_text ? "true" : "false");
        json_str(out, t->text);
        buf_adds(out, ",");
        json_sources(out, d, t->sources, t->n_sources);
        buf_adds(out, "}");
    }
    buf_adds(out, "],\"places\":[");
    for (size_t i = 0; i < d->n_places; i++) {
        buf_adds(out, i ? ",{\"name\":" : "{\"name\":");
        json_str(out, d->places[i].name);
        buf_printf(out, ",\"lat\":%.5f,\"lon\":%.5f,\"mentions\":%u}", d->places[i].lat,
                   d->places[i].lon, d->places[i].mentions);
    }
    buf_adds(out, "],");
    json_land(out, d);
    buf_adds(out, ",\"entities\":[");
    for (size_t i = 0; i < d->n_entities; i++) {
        const sl_digest_entity *e = &d->entities[i];
        buf_adds(out, i ? ",{\"name\":" : "{\"name\":");
        json_str(out, e->name);
        buf_adds(out, ",\"kind\":");
        json_str(out, sl_entity_kind_name(e->kind));
        buf_printf(out, ",\"articles\":%u,\"aliases\":[", e->articles);
        for (size_t a = 0; a < e->n_aliases; a++) {
            buf_adds(out, a ? "," : "");
            json_str(out, e->aliases[a]);
        }
        buf_adds(out, "]}");
    }
    buf_adds(out, "],\"figures\":[");
    for (size_t i = 0; i < d->n_figures; i++) {
        const sl_digest_figure *f = &d->figures[i];
        buf_adds(out, i ? ",{\"label\":" : "{\"label\":");
        json_str(out, f->label);
        buf_printf(out, ",\"disagree\":%s,\"values\":[", f->disagree ? "true" : "false");
        for (size_t k = 0; k < f->n_values; k++) {
            const sl_digest_value *v = &f->values[k];
            buf_adds(out, k ? ",{\"text\":" : "{\"text\":");
            json_str(out, v->text);
            buf_adds(out, ",");
            json_sources(out, d, v->sources, v->n_sources);
            buf_printf(out, ",\"value\":%.17g,\"approx\":", v->value);
            json_str(out, sl_approx_name(v->approx));
            buf_adds(out, "}");
        }
        buf_adds(out, "]}");
    }
    buf_adds(out, "],\"quotes\":[");
    for (size_t i = 0; i < d->n_quotes; i++) {
        const sl_digest_quote *q = &d->quotes[i];
        buf_adds(out, i ? ",{\"text\":" : "{\"text\":");
        json_str(out, q->text);
        buf_adds(out, ",\"speaker\":");
        json_str(out, q->speaker);
        buf_adds(out, ",");
        json_sources(out, d, q->sources, q->n_sources);
        buf_adds(out, "}");
    }
    buf_adds(out, "],\"sources\":[");
    for (size_t i = 0; i < d->n_sources; i++) {
        const sl_digest_source *s = &d->sources[i];
        buf_adds(out, i ? ",{\"id\":" : "{\"id\":");
        json_str(out, s->id);
        buf_adds(out, ",\"outlet\":");
        json_str(out, s->outlet);
        buf_adds(out, ",\"time\":");
        json_time(out, s->published, s->published_prec);
        buf_adds(out, ",\"title\":");
        json_str(out, s->title);
        buf_adds(out, ",\"url\":");
        json_str(out, s->url);
        buf_adds(out, ",\"agency\":");
        json_str(out, *s->agency ? s->agency : NULL);
        buf_adds(out, ",\"lang\":");
        json_str(out, s->lang);
        buf_printf(out, ",\"wire\":%.2f,\"words\":%u}", s->wire, s->words);
    }
    buf_adds(out, "]}\n");
}

/* ------------------------------------------------------------ HTML */

const char dg_html_style[] =
    "body{font:16px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
    "color:#222;background:#fdfcf9}h1{font-size:1.7rem;line-height:1.2;margin:.2rem 0}"
    "h2{font:600 .8rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.08em;"
    "color:#666;border-bottom:1px solid #ddd;margin-top:2rem}.meta{color:#666;"
    "font:.85rem system-ui,sans-serif}.src{font:.8rem system-ui,sans-serif;color:#555;"
    "background:#eef2f6;border-radius:3px;padding:0 .3rem;margin-left:.3rem;white-space:nowrap}"
    ".ag{background:#fbe9d0}ol.tl{list-style:none;padding:0}ol.tl li{margin:.3rem 0;"
    "padding-left:7.5rem;text-indent:-7.5rem}ol.tl time{display:inline-block;width:7rem;"
    "text-indent:0;font:600 .85rem system-ui,sans-serif;color:#345}table{border-collapse:"
    "collapse;width:100%;font:.85rem system-ui,sans-serif}td,th{border-bottom:1px solid #e4e4e4;"
    "padding:.25rem .4rem;text-align:left;vertical-align:top}svg{width:100%;height:auto;"
    "background:#eef4f8;border:1px solid #cdd}a{color:#245}ul.sum li{margin:.4rem 0}"
    "ul.ent,ul.fig{padding-left:1.2rem}li.dis{background:#fff3f0}.flag{font:600 .75rem "
    "system-ui,sans-serif;color:#fff;background:#c0392b;border-radius:3px;padding:0 .35rem}"
    "blockquote{margin:.6rem 0;padding:.2rem .9rem;border-left:3px solid #bcc}blockquote p"
    "{margin:.2rem 0;font-style:italic}blockquote footer{font:.85rem system-ui,sans-serif;"
    "color:#555}";

void dg_render_html_body(buf *out, const sl_digest *d, const char *id)
{
    render_doc(out, &html_markup, d, id);
}

static void render_html(buf *out, const sl_digest *d, const char *id)
{
    buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
    dg_html_escape(out, d->lang);
    buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                  "content=\"width=device-width, initial-scale=1\">\n<title>");
    dg_html_escape(out, *d->headline ? d->headline : "storyline");
    buf_adds(out, "</title>\n<style>");
    buf_adds(out, dg_html_style);
    buf_adds(out, "</style>\n</head>\n<body>\n");
    dg_render_html_body(out, d, id);
    buf_adds(out, "</body>\n</html>\n");
}

static void render_lines(buf *out, const sl_digest *d)
{
    for (size_t i = 0; i < d->n_summary; i++)
        buf_printf(out, "%s\n", d->summary[i].text);
}

char *sl_digest_render(const sl_digest *d, sl_format fmt, const char *story_id)
{
    buf out;
    buf_init(&out);
    if (!d) {
        buf_adds(&out, "");
        return buf_steal(&out);
    }
    switch (fmt) {
    case SL_FORMAT_MD:
        render_doc(&out, &md_markup, d, story_id);
        break;
    case SL_FORMAT_JSON:
        render_json(&out, d, story_id);
        break;
    case SL_FORMAT_HTML:
        render_html(&out, d, story_id);
        break;
    case SL_FORMAT_LINES:
        render_lines(&out, d);
        break;
    default:
        render_doc(&out, &text_markup, d, story_id);
        break;
    }
    if (!out.data)
        buf_adds(&out, "");
    return buf_steal(&out);
}
