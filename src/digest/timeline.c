/*
 * timeline.c — what happened when: dated lines from the dates the articles
 * mention and from their publication times, one line per event, merged
 * across sources.
 *
 * Every resolved date mention (day or month precision, confident) makes a
 * candidate: its day and the sentence that holds it. Candidates of the same
 * day whose sentences are copies, near copies or share most content stems
 * are one event: the line is the sentence most outlets carry, the sources
 * are all of theirs. A publication day with no such line gets one line from
 * the titles published that day. Lines are ranked by how many articles
 * support them (the classic date-selection signal of timeline
 * summarisation: a date many reports mention matters), the best kept (one a
 * day first, so that a short timeline shows as many days as it can, then a
 * second line a day while room is left), then put in time order.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"

#define DG_NONE UINT32_MAX
#define TL_SAME_EVENT 0.3 /* stem Jaccard of two sentences telling one event */
#define TL_PER_DAY 2      /* lines kept per day */
#define TL_SENT_DATES 8   /* dates of one sentence weighed (each costs a read of it) */
#define DAY 86400

typedef struct tl_cand {
    int64_t time; /* start of day (or month) */
    uint8_t prec;
    uint32_t unit; /* DG_NONE for a publication candidate */
    uint32_t art;
} tl_cand;

typedef struct tl_entry {
    int64_t time;
    uint8_t prec;
    bool from_text;
    uint32_t unit;      /* representative sentence, DG_NONE: a title line */
    uint32_t title_art; /* article whose title tells it (title lines) */
    bool *has;          /* per article */
    uint32_t support;
    bool plain; /* in the story's language and not a quotation */
} tl_entry;

static int64_t floor_day(int64_t t)
{
    int64_t d = t / DAY;
    if (t % DAY < 0)
        d--;
    return d * DAY;
}

/* Index of the sentence of a holding byte offset off, or DG_NONE. */
static uint32_t sentence_at(const sl_article *a, uint32_t off)
{
    size_t lo = 0, hi = a->n_sents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sents[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < a->n_sents && a->sents[lo].start <= off)
        return (uint32_t)lo;
    return DG_NONE;
}

static int cmp_cand(const void *x, const void *y)
{
    const tl_cand *a = x, *b = y;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    if (a->prec != b->prec)
        return a->prec > b->prec ? -1 : 1;
    return (a->art > b->art) - (a->art < b->art);
}

/* Is date mention d usable for the timeline of article a? */
static bool usable(const sl_article *a, const sl_date *d)
{
    if (d->time == SL_TIME_NONE || d->confidence < 0.5f || d->precision < SL_PREC_MONTH)
        return false;
    /* "lundi", "en juillet" resolved against a publication known to the
     * month only could be any week: not a timeline date */
    return d->kind == SL_DK_ABSOLUTE || a->published_prec >= SL_PREC_DAY;
}

/* Is the date at byte d in a relative clause of sentence s that tells
 * background: one set inside the sentence ("Unions at Antwerp, where
 * dockers staged a strike in May, said…") or in the pluperfect
 * ("l'entraîneur, qui avait prolongé son contrat jeudi dernier"), or an
 * apposition telling a person's past ("la préfète, arrivée en poste en
 * juillet, a déclaré")? Its date
 * is not when the sentence's news happened. A clause that ends the
 * sentence in a plain past tells the news itself ("…damage in Brittany,
 * where homes lost power on Friday night"). The clause opens at a comma
 * (or parenthesis) followed by a relative word and runs to the next comma
 * or the end. */
static bool in_relative_clause(const sl_article *a, uint32_t s, uint32_t d)
{
    static const char *const past_perfect[] = {" had ", " avait ", " avaient ", " había ",
                                               " habían ", " aveva ", " avevano ", NULL};
    static const char *const rel[] = {"where", "which", "who", "whom", "whose", "qui", "où",
                                      "dont", "lequel", "laquelle", "lesquels", "lesquelles",
                                      "donde", "quien", "quienes", "cui", "dove",
                                      /* a person's past, in apposition: "la préfète,
                                       * Hélène Castagnet, arrivée en poste en juillet," */
                                      "arrivé", "arrivée", "nommé", "nommée", "élu", "élue",
                                      "appointed", "elected", "nombrado", "nombrada",
                                      "nominato", "nominata", "eletto", "eletta", NULL};
    const char *t = a->text;
    uint32_t open = UINT32_MAX;
    for (uint32_t i = a->sents[s].start; i < d; i++)
        if (t[i] == ',' || t[i] == '(')
            open = i;
    if (open == UINT32_MAX)
        return false;
    uint32_t w = open + 1;
    while (w < d && t[w] == ' ')
        w++;
    uint32_t e = w;
    while (e < d && t[e] != ' ' && t[e] != ',')
        e++;
    bool relative = false;
    for (const char *const *r = rel; *r && !relative; r++)
        relative = strlen(*r) == e - w && !strncasecmp(t + w, *r, e - w);
    if (!relative)
        return false;
    uint32_t end = a->sents[s].end, c = d;
    while (c < end && t[c] != ',' && t[c] != ')')
        c++;
    if (c < end)
        return true; /* the sentence goes on after the clause */
    for (const char *const *p = past_perfect; *p; p++) {
        const char *hit = memmem(t + w, end - w, *p, strlen(*p));
        if (hit)
            return true;
    }
    return false;
}

/* One candidate per sentence: of its dates, the latest one not after the
 * publication day (what a report tells is its latest news: "the toll rose
 * on Sunday after the flood of Friday night" is Sunday's), else the first.
 * Only its first TL_SENT_DATES dates are weighed: each one reads the
 * sentence again (in_relative_clause), and a sentence listing thousands of
 * dates must not cost their square. */
static size_t collect(dg_build *b, tl_cand **out)
{
    /* a story's timeline stays near its reports: a date half a year before the
     * first or a month after the last is background (or a law's date in a
     * site's legal notice), not an event of the story */
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (b->first != SL_TIME_NONE && b->last != SL_TIME_NONE) {
        lo = b->first - 183 * (int64_t)DAY;
        hi = b->last + 31 * (int64_t)DAY;
    }
    size_t cap = 0;
    for (size_t i = 0; i < b->n_arts; i++)
        cap += b->arts[i]->n_dates;
    tl_cand *c = arena_alloc(b->tmp, (cap ? cap : 1) * sizeof *c);
    size_t n = 0;
    for (size_t ai = 0; ai < b->n_arts; ai++) {
        const sl_article *a = b->arts[ai];
        int64_t pub_end = a->published == SL_TIME_NONE ? INT64_MAX : floor_day(a->published) + DAY;
        for (size_t k = 0; k < a->n_dates;) {
            uint32_t s = sentence_at(a, a->dates[k].start);
            const sl_date *best = NULL;
            size_t j = k;
            for (; j < a->n_dates && sentence_at(a, a->dates[j].start) == s; j++) {
                const sl_date *d = &a->dates[j];
                if (j - k >= TL_SENT_DATES)
                    continue; /* a list of dates, not news: bounded work */
                if (!usable(a, d) || d->time < lo || d->time > hi)
                    continue;
                if (s != DG_NONE && in_relative_clause(a, s, d->start))
                    continue;
                if (!best || (d->time < pub_end && (best->time >= pub_end || d->time > best->time)))
                    best = d;
            }
            k = j > k ? j : k + 1;
            if (!best || s == DG_NONE || b->art_units[ai][s] == DG_NONE)
                continue;
            const dg_unit *u = &b->units[b->art_units[ai][s]];
            if (u->furniture || u->words < 6 || u->n_content < 3)
                continue; /* a line must tell something, and not be the site's */
            if (dg_half_quote(b, (uint32_t)ai, s))
                continue; /* "We want more,” she said on Friday": part of a quotation */
            tl_cand *x = &c[n++];
            x->prec = best->precision >= SL_PREC_DAY ? SL_PREC_DAY : SL_PREC_MONTH;
            x->time = floor_day(best->time);
            x->unit = b->art_units[ai][s];
            x->art = (uint32_t)ai;
        }
    }
    qsort(c, n, sizeof *c, cmp_cand);
    *out = c;
    return n;
}

static bool same_group(const dg_build *b, uint32_t u, uint32_t v)
{
    uint32_t w = u;
    do {
        if (w == v)
            return true;
        w = b->near_next[w];
    } while (w != u);
    return false;
}

static tl_entry *new_entry(dg_build *b, tl_entry *e, size_t *n, int64_t t, uint8_t prec)
{
    tl_entry *x = &e[(*n)++];
    memset(x, 0, sizeof *x);
    x->time = t;
    x->prec = prec;
    x->unit = DG_NONE;
    x->title_art = DG_NONE;
    x->has = arena_calloc(b->tmp, b->n_arts, sizeof *x->has);
    return x;
}

/* Sentence carried by more outlets wins the line; then the earlier one. */
static bool better_rep(const dg_build *b, uint32_t u, uint32_t cur)
{
    if (cur == DG_NONE)
        return true;
    const dg_unit *x = &b->units[u], *y = &b->units[cur];
    if (x->n_carriers != y->n_carriers)
        return x->n_carriers > y->n_carriers;
    return b->rank[x->art] < b->rank[y->art];
}

static int cmp_support(const void *x, const void *y)
{
    const tl_entry *a = x, *b = y;
    if (a->support != b->support)
        return a->support > b->support ? -1 : 1;
    if (a->plain != b->plain)
        return a->plain ? -1 : 1;
    if (a->from_text != b->from_text)
        return a->from_text ? -1 : 1;
    return (a->time > b->time) - (a->time < b->time);
}

static bool plain_unit(const dg_build *b, uint32_t u)
{
    if (u == DG_NONE)
        return true;
    const sl_article *a = b->arts[b->units[u].art];
    const sl_sentence *s = &a->sents[b->units[u].sent];
    const char *t = a->text + s->start + b->units[u].skip;
    bool quote = !strncmp(t, "\xc2\xab", 2) || !strncmp(t, "\xe2\x80\x9c", 3) || t[0] == '"' ||
                 !strncmp(t, "``", 2);
    return dg_lang_is(a, b->lang) && !quote;
}

static int cmp_time(const void *x, const void *y)
{
    const tl_entry *a = x, *b = y;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return (a->prec < b->prec) - (a->prec > b->prec);
}

static void add_pub_lines(dg_build *b, tl_entry *e, size_t *n)
{
    size_t n_text = *n;
    for (size_t r = 0; r < b->n_arts; r++) {
        uint32_t ai = b->order[r];
        const sl_article *a = b->arts[ai];
        if (a->published == SL_TIME_NONE || a->date_source == SL_DATE_INGEST ||
            a->published_prec < SL_PREC_DAY)
            continue;
        int64_t day = floor_day(a->published);
        bool told = false;
        for (size_t k = 0; k < n_text && !told; k++)
            told = e[k].time == day && e[k].prec == SL_PREC_DAY && e[k].has[ai];
        if (told)
            continue;
        tl_entry *x = NULL;
        for (size_t k = n_text; k < *n; k++)
            if (e[k].time == day)
                x = &e[k];
        if (!x)
            x = new_entry(b, e, n, day, SL_PREC_DAY);
        if (x->title_art == DG_NONE && a->title && *a->title)
            x->title_art = ai;
        if (x->title_art == DG_NONE && x->unit == DG_NONE) {
            for (uint32_t s = 0; s < a->n_sents && x->unit == DG_NONE; s++) {
                uint32_t u = b->art_units[ai][s];
                if (u != DG_NONE && b->units[u].eligible)
                    x->unit = u;
            }
        }
        x->has[ai] = true;
    }
}

void dg_timeline(dg_build *b, sl_digest *d)
{
    tl_cand *c;
    size_t nc = collect(b, &c);
    tl_entry *e = arena_alloc(b->tmp, (nc + b->n_arts + 1) * sizeof *e);
    size_t n = 0;
    for (size_t i = 0, day_start = 0; i < nc; i++) {
        if (i == 0 || c[i].time != c[i - 1].time || c[i].prec != c[i - 1].prec)
            day_start = n;
        const dg_unit *u = &b->units[c[i].unit];
        tl_entry *x = NULL;
        for (size_t k = day_start; k < n && !x; k++) {
            const dg_unit *r = &b->units[e[k].unit];
            if (same_group(b, e[k].unit, c[i].unit) || dg_jaccard(u, r) >= TL_SAME_EVENT)
                x = &e[k];
        }
        if (!x) {
            x = new_entry(b, e, &n, c[i].time, c[i].prec);
            x->from_text = true;
        }
        if (better_rep(b, c[i].unit, x->unit))
            x->unit = c[i].unit;
        uint32_t v = c[i].unit; /* the sentence's carriers, near copies too */
        do {
            const dg_unit *w = &b->units[v];
            for (uint32_t k = 0; k < w->n_carriers; k++)
                x->has[w->carriers[k]] = true;
            v = b->near_next[v];
        } while (v != c[i].unit);
        x->has[c[i].art] = true;
    }
    add_pub_lines(b, e, &n);
    for (size_t k = 0; k < n; k++) {
        e[k].support = 0;
        for (size_t a = 0; a < b->n_arts; a++)
            e[k].support += e[k].has[a];
        if (e[k].prec < SL_PREC_DAY) /* a month is a weaker line than a day */
            e[k].support = e[k].support / 2;
        e[k].plain = plain_unit(b, e[k].unit);
    }
    qsort(e, n, sizeof *e, cmp_support);
    /* the best lines, at most TL_PER_DAY a day: a timeline shows the days,
     * so one line for each day first, then second lines while room is left;
     * a sentence (or a copy of it) is told once, on its best supported day,
     * though reports a week apart read its "Tuesday" as two days */
    size_t kept = 0;
    bool *in = arena_calloc(b->tmp, n + 1, sizeof *in);
    tl_entry *best = arena_alloc(b->tmp, (n + 1) * sizeof *best);
    for (int pass = 1; pass <= TL_PER_DAY; pass++)
        for (size_t k = 0; k < n && kept < b->tl_max; k++) {
            size_t same = 0;
            bool told = false;
            for (size_t j = 0; j < kept; j++) {
                same += best[j].time == e[k].time && best[j].prec == e[k].prec;
                told |= e[k].unit != DG_NONE && best[j].unit != DG_NONE &&
                        same_group(b, best[j].unit, e[k].unit);
            }
            if (told)
                in[k] = true;
            if (!in[k] && same < (size_t)pass) {
                in[k] = true;
                best[kept++] = e[k];
            }
        }
    memcpy(e, best, kept * sizeof *e);
    n = kept;
    qsort(e, n, sizeof *e, cmp_time);

    d->timeline = arena_calloc(d->arena, n ? n : 1, sizeof *d->timeline);
    d->n_timeline = n;
    for (size_t k = 0; k < n; k++) {
        sl_timeline_entry *t = &d->timeline[k];
        t->time = e[k].time;
        t->precision = e[k].prec;
        t->from_text = e[k].from_text;
        if (e[k].unit != DG_NONE && (e[k].from_text || e[k].title_art == DG_NONE))
            t->text = dg_sentence_text(d->arena, b->arts[b->units[e[k].unit].art],
                                       b->units[e[k].unit].sent);
        else if (e[k].title_art != DG_NONE)
            t->text = arena_strdup(d->arena, b->arts[e[k].title_art]->title);
        else
            t->text = "";
        size_t m = 0;
        for (size_t a = 0; a < b->n_arts; a++)
            m += e[k].has[a];
        t->sources = arena_alloc(d->arena, (m ? m : 1) * sizeof *t->sources);
        for (size_t r = 0; r < b->n_arts; r++)
            if (e[k].has[b->order[r]])
                t->sources[t->n_sources++] = (uint32_t)r;
    }
}
