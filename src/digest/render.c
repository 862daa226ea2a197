/*
 * render.c — a digest as terminal text, Markdown, JSON, a standalone HTML
 * page, or bare summary lines (what ROUGE scores).
 *
 * Every renderer shows the same things in the same order: headline, span
 * and counts, summary (each sentence followed by its outlets and agency),
 * timeline, places (with the SVG map in HTML), sources (outlet, time,
 * title, url, agency, language, wire share). The attribution label is built
 * once here so all formats name sources alike: outlets in time order, each
 * named once, then "· AGENCY" for wire copy.
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

static void add_time(buf *out, int64_t t, uint8_t prec)
{
    char s[40];
    if (t == SL_TIME_NONE) {
        buf_adds(out, "-");
        return;
    }
    dates_format(t, prec ? prec : SL_PREC_DAY, s);
    buf_adds(out, s);
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

/* "Outlet A, Outlet B · AFP": outlets once each, in time order. */
static void attribution(buf *out, const sl_digest *d, const uint32_t *src, size_t n,
                        const char *agency)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = source_name(&d->sources[src[i]]);
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(source_name(&d->sources[src[j]]), name) == 0;
        if (dup)
            continue;
        if (shown++)
            buf_adds(out, ", ");
        buf_adds(out, name);
    }
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

static const char *kind_title(int kind)
{
    return kind == SL_ENT_PERSON ? "People" : kind == SL_ENT_ORG ? "Organisations" : "Places";
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

/* "1.500 habitants (Le Courrier du Matin, Info Continu)": a value and who
 * writes it so. */
static void value_line(buf *out, const sl_digest *d, const sl_digest_value *v)
{
    buf_printf(out, "%s (", v->text);
    attribution(out, d, v->sources, v->n_sources, NULL);
    buf_addc(out, ')');
}

static const int entity_kinds[] = {SL_ENT_PERSON, SL_ENT_ORG, SL_ENT_PLACE};

/* ------------------------------------------------------------ text */

static void render_text(buf *out, const sl_digest *d, const char *id)
{
    buf_printf(out, "%s\n", *d->headline ? d->headline : "(no headline)");
    if (id)
        buf_printf(out, "story %s · ", id);
    span_line(out, d);
    buf_adds(out, "\n\nSUMMARY\n");
    for (size_t i = 0; i < d->n_summary; i++) {
        const sl_digest_sentence *s = &d->summary[i];
        buf_printf(out, "  %s [", s->text);
        attribution(out, d, s->sources, s->n_sources, s->agency);
        buf_adds(out, "]\n");
    }
    if (d->n_timeline)
        buf_adds(out, "\nTIMELINE\n");
    for (size_t i = 0; i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        buf_adds(out, "  ");
        add_time(out, t->time, t->precision);
        buf_printf(out, "  %s [", t->text);
        attribution(out, d, t->sources, t->n_sources, NULL);
        buf_adds(out, "]\n");
    }
    for (int k = 0; k < 3; k++) {
        int kind = entity_kinds[k];
        if (!count_kind(d, kind))
            continue;
        buf_printf(out, "\n%s\n",
                   kind == SL_ENT_PERSON ? "PEOPLE"
                   : kind == SL_ENT_ORG  ? "ORGANISATIONS"
                                         : "PLACES");
        for (size_t i = 0; i < d->n_entities; i++) {
            const sl_digest_entity *e = &d->entities[i];
            if (e->kind != kind)
                continue;
            buf_printf(out, "  %s", e->name);
            const sl_digest_place *p = kind == SL_ENT_PLACE ? place_of(d, e->name) : NULL;
            if (p)
                buf_printf(out, " (%.3f, %.3f)", p->lat, p->lon);
            buf_printf(out, " · %u article%s", e->articles, e->articles == 1 ? "" : "s");
            for (size_t a = 0; a < e->n_aliases; a++)
                buf_printf(out, "%s%s", a ? ", " : " · also ", e->aliases[a]);
            buf_addc(out, '\n');
        }
    }
    if (d->n_figures)
        buf_adds(out, "\nFIGURES\n");
    for (size_t i = 0; i < d->n_figures; i++) {
        const sl_digest_figure *f = &d->figures[i];
        buf_printf(out, "  %s%s: ", f->label, f->disagree ? " [SOURCES DISAGREE]" : "");
        for (size_t k = 0; k < f->n_values; k++) {
            if (k)
                buf_adds(out, "; ");
            value_line(out, d, &f->values[k]);
        }
        buf_addc(out, '\n');
    }
    if (d->n_quotes)
        buf_adds(out, "\nQUOTES\n");
    for (size_t i = 0; i < d->n_quotes; i++) {
        const sl_digest_quote *q = &d->quotes[i];
        buf_printf(out, "  \"%s\" — %s [", q->text, q->speaker ? q->speaker : "(speaker unknown)");
        attribution(out, d, q->sources, q->n_sources, NULL);
        buf_adds(out, "]\n");
    }
    buf_adds(out, "\nSOURCES\n");
    for (size_t i = 0; i < d->n_sources; i++) {
        const sl_digest_source *s = &d->sources[i];
        buf_adds(out, "  ");
        add_time(out, s->published, s->published_prec);
        buf_printf(out, "  %s · %s", source_name(s), *s->title ? s->title : "(no title)");
        buf_printf(out, " · %s", s->lang);
        if (*s->agency)
            buf_printf(out, " · %s", s->agency);
        buf_printf(out, " · wire %d%%\n", (int)(s->wire * 100 + 0.5f));
        if (*s->url)
            buf_printf(out, "    %s\n", s->url);
    }
}

/* ------------------------------------------------------------ Markdown */

/* Markdown text: characters that would start markup are escaped. */
static void md_escape(buf *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_addc(out, '\\');
        buf_addc(out, *s == '\n' ? ' ' : *s);
    }
}

static void md_attribution(buf *out, const sl_digest *d, const uint32_t *src, size_t n,
                           const char *agency)
{
    buf a;
    buf_init(&a);
    attribution(&a, d, src, n, agency);
    buf_adds(out, " *(");
    md_escape(out, a.data ? a.data : "");
    buf_adds(out, ")*");
    buf_free(&a);
}

static void render_md(buf *out, const sl_digest *d, const char *id)
{
    buf_adds(out, "# ");
    md_escape(out, *d->headline ? d->headline : "(no headline)");
    buf_adds(out, "\n\n");
    if (id) {
        buf_adds(out, "Story `");
        buf_adds(out, id);
        buf_adds(out, "` · ");
    }
    span_line(out, d);
    buf_adds(out, "\n\n## Summary\n\n");
    for (size_t i = 0; i < d->n_summary; i++) {
        const sl_digest_sentence *s = &d->summary[i];
        buf_adds(out, "- ");
        md_escape(out, s->text);
        md_attribution(out, d, s->sources, s->n_sources, s->agency);
        buf_addc(out, '\n');
    }
    if (d->n_timeline)
        buf_adds(out, "\n## Timeline\n\n");
    for (size_t i = 0; i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        buf_adds(out, "- **");
        add_time(out, t->time, t->precision);
        buf_adds(out, "** ");
        md_escape(out, t->text);
        md_attribution(out, d, t->sources, t->n_sources, NULL);
        buf_addc(out, '\n');
    }
    for (int k = 0; k < 3; k++) {
        int kind = entity_kinds[k];
        if (!count_kind(d, kind))
            continue;
        buf_printf(out, "\n## %s\n\n", kind_title(kind));
        for (size_t i = 0; i < d->n_entities; i++) {
            const sl_digest_entity *e = &d->entities[i];
            if (e->kind != kind)
                continue;
            buf_adds(out, "- **");
            md_escape(out, e->name);
            buf_adds(out, "**");
            const sl_digest_place *p = kind == SL_ENT_PLACE ? place_of(d, e->name) : NULL;
            if (p)
                buf_printf(out, " (%.3f, %.3f)", p->lat, p->lon);
            buf_printf(out, " · %u article%s", e->articles, e->articles == 1 ? "" : "s");
            for (size_t a = 0; a < e->n_aliases; a++) {
                buf_adds(out, a ? ", " : " · also ");
                md_escape(out, e->aliases[a]);
            }
            buf_addc(out, '\n');
        }
    }
    if (d->n_figures)
        buf_adds(out, "\n## Figures\n\n");
    for (size_t i = 0; i < d->n_figures; i++) {
        const sl_digest_figure *f = &d->figures[i];
        buf_adds(out, "- **");
        md_escape(out, f->label);
        buf_adds(out, f->disagree ? "** ⚠ *sources disagree*: " : "**: ");
        for (size_t k = 0; k < f->n_values; k++) {
            buf m;
            buf_init(&m);
            value_line(&m, d, &f->values[k]);
            buf_adds(out, k ? "; " : "");
            md_escape(out, m.data);
            buf_free(&m);
        }
        buf_addc(out, '\n');
    }
    if (d->n_quotes)
        buf_adds(out, "\n## Quotes\n\n");
    for (size_t i = 0; i < d->n_quotes; i++) {
        const sl_digest_quote *q = &d->quotes[i];
        buf_adds(out, "> ");
        md_escape(out, q->text);
        buf_adds(out, "\n>\n> — ");
        md_escape(out, q->speaker ? q->speaker : "(speaker unknown)");
        md_attribution(out, d, q->sources, q->n_sources, NULL);
        buf_adds(out, "\n\n");
    }
    buf_adds(out, "\n## Sources\n\n| time | outlet | title | agency | wire | lang |\n"
                  "|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < d->n_sources; i++) {
        const sl_digest_source *s = &d->sources[i];
        buf_adds(out, "| ");
        add_time(out, s->published, s->published_prec);
        buf_adds(out, " | ");
        md_escape(out, source_name(s));
        buf_adds(out, " | ");
        bool link = web_url(s->url);
        if (link)
            buf_adds(out, "[");
        md_escape(out, *s->title ? s->title : "(no title)");
        if (link) {
            buf_adds(out, "](");
            for (const char *p = s->url; *p; p++) /* keep the link intact */
                if (*p == ')')
                    buf_adds(out, "%29");
                else if (*p == ' ')
                    buf_adds(out, "%20");
                else
                    buf_addc(out, *p);
            buf_adds(out, ")");
        }
        buf_adds(out, " | ");
        md_escape(out, *s->agency ? s->agency : "-");
        buf_printf(out, " | %d%% | %s |\n", (int)(s->wire * 100 + 0.5f), s->lang);
    }
}

/* ------------------------------------------------------------ JSON */

static void json_time(buf *out, int64_t t, uint8_t prec)
{
    if (t == SL_TIME_NONE) {
        buf_adds(out, "null");
        return;
    }
    char s[40];
    dates_format(t, prec ? prec : SL_PREC_DAY, s);
    json_str(out, s);
}

static void json_sources(buf *out, const sl_digest *d, const uint32_t *src, size_t n)
{
    buf_adds(out, "\"sources\":[");
    for (size_t i = 0; i < n; i++)
        buf_printf(out, "%s%u", i ? "," : "", src[i]);
    buf_adds(out, "],\"outlets\":[");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = source_name(&d->sources[src[i]]);
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(source_name(&d->sources[src[j]]), name) == 0;
        if (dup)
            continue;
        buf_adds(out, shown++ ? "," : "");
        json_str(out, name);
    }
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

static void html_attr(buf *out, const sl_digest *d, const uint32_t *src, size_t n,
                      const char *agency)
{
    buf a;
    buf_init(&a);
    attribution(&a, d, src, n, NULL);
    buf_adds(out, "<span class=\"src\">");
    dg_html_escape(out, a.data ? a.data : "");
    buf_adds(out, "</span>");
    if (agency && *agency) {
        buf_adds(out, "<span class=\"src ag\">");
        dg_html_escape(out, agency);
        buf_adds(out, "</span>");
    }
    buf_free(&a);
}

void dg_render_html_body(buf *out, const sl_digest *d, const char *id)
{
    buf_adds(out, "<article>\n<h1>");
    dg_html_escape(out, *d->headline ? d->headline : "(no headline)");
    buf_adds(out, "</h1>\n<p class=\"meta\">");
    buf m;
    buf_init(&m);
    if (id)
        buf_printf(&m, "story %s · ", id);
    span_line(&m, d);
    dg_html_escape(out, m.data);
    buf_free(&m);
    buf_adds(out, "</p>\n<h2>Summary</h2>\n<ul class=\"sum\">\n");
    for (size_t i = 0; i < d->n_summary; i++) {
        const sl_digest_sentence *s = &d->summary[i];
        buf_adds(out, "<li>");
        dg_html_escape(out, s->text);
        html_attr(out, d, s->sources, s->n_sources, s->agency);
        buf_adds(out, "</li>\n");
    }
    buf_adds(out, "</ul>\n");
    if (d->n_timeline)
        buf_adds(out, "<h2>Timeline</h2>\n<ol class=\"tl\">\n");
    for (size_t i = 0; i < d->n_timeline; i++) {
        const sl_timeline_entry *t = &d->timeline[i];
        buf_adds(out, "<li><time>");
        add_time(out, t->time, t->precision);
        buf_adds(out, "</time>");
        dg_html_escape(out, t->text);
        html_attr(out, d, t->sources, t->n_sources, NULL);
        buf_adds(out, "</li>\n");
    }
    if (d->n_timeline)
        buf_adds(out, "</ol>\n");
    for (int k = 0; k < 3; k++) {
        int kind = entity_kinds[k];
        if (!count_kind(d, kind) && !(kind == SL_ENT_PLACE && d->n_places))
            continue;
        buf_printf(out, "<h2>%s</h2>\n", kind_title(kind));
        if (kind == SL_ENT_PLACE)
            dg_map_svg(out, d);
        if (!count_kind(d, kind))
            continue;
        buf_adds(out, "<ul class=\"ent\">\n");
        for (size_t i = 0; i < d->n_entities; i++) {
            const sl_digest_entity *e = &d->entities[i];
            if (e->kind != kind)
                continue;
            buf_adds(out, "<li><b>");
            dg_html_escape(out, e->name);
            buf_printf(out, "</b> <span class=\"meta\">%u article%s", e->articles,
                       e->articles == 1 ? "" : "s");
            for (size_t a = 0; a < e->n_aliases; a++) {
                buf_adds(out, a ? ", " : " · also ");
                dg_html_escape(out, e->aliases[a]);
            }
            buf_adds(out, "</span></li>\n");
        }
        buf_adds(out, "</ul>\n");
    }
    if (d->n_figures)
        buf_adds(out, "<h2>Figures</h2>\n<ul class=\"fig\">\n");
    for (size_t i = 0; i < d->n_figures; i++) {
        const sl_digest_figure *f = &d->figures[i];
        buf_adds(out, f->disagree ? "<li class=\"dis\"><b>" : "<li><b>");
        dg_html_escape(out, f->label);
        buf_adds(out, "</b>");
        if (f->disagree)
            buf_adds(out, " <span class=\"flag\">sources disagree</span>");
        buf_adds(out, "<br>");
        for (size_t k = 0; k < f->n_values; k++) {
            buf_adds(out, k ? " · " : "");
            dg_html_escape(out, f->values[k].text);
            html_attr(out, d, f->values[k].sources, f->values[k].n_sources, NULL);
        }
        buf_adds(out, "</li>\n");
    }
    if (d->n_figures)
        buf_adds(out, "</ul>\n");
    if (d->n_quotes)
        buf_adds(out, "<h2>Quotes</h2>\n");
    for (size_t i = 0; i < d->n_quotes; i++) {
        const sl_digest_quote *q = &d->quotes[i];
        buf_adds(out, "<blockquote><p>");
        dg_html_escape(out, q->text);
        buf_adds(out, "</p><footer>— ");
        dg_html_escape(out, q->speaker ? q->speaker : "speaker unknown");
        html_attr(out, d, q->sources, q->n_sources, NULL);
        buf_adds(out, "</footer></blockquote>\n");
    }
    buf_adds(out, "<h2>Sources</h2>\n<table>\n<tr><th>time</th><th>outlet</th><th>title</th>"
                  "<th>agency</th><th>wire</th><th>lang</th></tr>\n");
    for (size_t i = 0; i < d->n_sources; i++) {
        const sl_digest_source *s = &d->sources[i];
        buf_adds(out, "<tr><td>");
        add_time(out, s->published, s->published_prec);
        buf_adds(out, "</td><td>");
        dg_html_escape(out, source_name(s));
        buf_adds(out, "</td><td>");
        bool link = web_url(s->url);
        if (link) {
            buf_adds(out, "<a href=\"");
            dg_html_escape(out, s->url);
            buf_adds(out, "\">");
        }
        dg_html_escape(out, *s->title ? s->title : "(no title)");
        buf_adds(out, link ? "</a></td><td>" : "</td><td>");
        dg_html_escape(out, *s->agency ? s->agency : "-");
        buf_printf(out, "</td><td>%d%%</td><td>", (int)(s->wire * 100 + 0.5f));
        dg_html_escape(out, s->lang);
        buf_adds(out, "</td></tr>\n");
    }
    buf_adds(out, "</table>\n</article>\n");
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
        render_md(&out, d, story_id);
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
        render_text(&out, d, story_id);
        break;
    }
    if (!out.data)
        buf_adds(&out, "");
    return buf_steal(&out);
}
