/*
 * summary.c — the extractive summary and the headline.
 *
 * Summary: a concept-coverage objective in the manner of Gillick & Favre
 * (ICSISumm): the value of a set of sentences is the total weight of the
 * distinct concepts (stem bigrams) it covers, each concept counted once, so
 * redundancy earns nothing. The budget is in words. The set is grown
 * greedily by gain per word (the budgeted submodular rule of Lin & Bilmes),
 * and compared at the end with the best single sentence. Each sentence also
 * brings its own learned quality (a linear model of the share of its words
 * that reference summaries use, fit on DUC 2003): a modular term, so the
 * objective stays "coverage + λ · quality" and the greedy and the swaps work
 * on it unchanged. Sentences are then
 * put in reading order: chronology of the article that first carried them,
 * then position in it.
 *
 * Headline: the member title whose words most member titles share (in the
 * members' majority language), by dg_title_choose, the rule the clusterer
 * also applies to its members so that a story has one headline everywhere;
 * when no title is good, the most central sentence cut at a clause boundary.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../text/text.h"
#include "digest.h"

/* Gain of unit u: weight of its concepts not yet covered. */
static double unit_gain(const dg_build *b, const dg_unit *u, const bool *covered)
{
    double g = 0;
    for (uint32_t i = 0; i < u->n_concepts; i++)
        if (!covered[u->concepts[i]])
            g += b->concept_w[u->concepts[i]];
    return g;
}

/* Too close to a chosen sentence: a paraphrase adds nothing for the reader
 * even when it covers a concept or two. */
static bool redundant(const dg_build *b, const dg_unit *u, const uint32_t *sel, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (dg_jaccard(u, &b->units[sel[i]]) >= b->prm.redundant)
            return true;
    return false;
}

/* The greedy step: best gain per word among units that fit in `left` words
 * (any length when left is SIZE_MAX... callers pass the budget). */
static long pick(const dg_build *b, const bool *covered, const bool *taken, uint32_t left,
                 const uint32_t *sel, size_t n_sel)
{
    long best = -1;
    double best_s = 0;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!u->eligible || taken[ui] || u->words > left)
            continue;
        double g = unit_gain(b, u, covered);
        if (g <= 0)
            continue;
        g += u->bonus;
        /* a slight preference for early sentences, which state the news */
        double s = g / pow(u->words, b->prm.len_exp) * (1.0 - b->prm.pos_w * u->pos);
        if (s > best_s && !redundant(b, u, sel, n_sel)) {
            best_s = s;
            best = (long)ui;
        }
    }
    return best;
}

static double set_value(const dg_build *b, const uint32_t *sel, size_t n, bool *covered)
{
    memset(covered, 0, b->n_concepts * sizeof *covered);
    double v = 0;
    for (size_t i = 0; i < n; i++) {
        const dg_unit *u = &b->units[sel[i]];
        v += u->bonus;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            if (!covered[u->concepts[k]]) {
                covered[u->concepts[k]] = true;
                v += b->concept_w[u->concepts[k]];
            }
    }
    return v;
}

/* Rank (by time) of the earliest article carrying unit u or a near copy of
 * it: the time its attribution shows (attribution.c names them all). */
static uint32_t first_rank(const dg_build *b, uint32_t u)
{
    uint32_t best = UINT32_MAX, v = u;
    do {
        const dg_unit *x = &b->units[v];
        for (uint32_t c = 0; c < x->n_carriers; c++)
            if (b->rank[x->carriers[c]] < best)
                best = b->rank[x->carriers[c]];
        v = b->near_next ? b->near_next[v] : u;
    } while (v != u);
    return best;
}

typedef struct reading {
    const dg_build *b;
    const uint32_t *first; /* first_rank of each unit (those chosen) */
} reading;

static int cmp_reading(const void *x, const void *y, void *arg)
{
    const reading *r = arg;
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    if (r->first[i] != r->first[j])
        return r->first[i] < r->first[j] ? -1 : 1;
    const dg_unit *u = &r->b->units[i], *v = &r->b->units[j];
    return (u->sent > v->sent) - (u->sent < v->sent);
}

/* ------------------------------------------------------------ trimming */

/* Weekday phrases add nothing to a digest spanning days ("Tuesday" of which
 * week?), and reference summaries hardly use them: "police said on Tuesday
 * that" reads "police said that" (a time-expression rule of sentence
 * trimmers, Zajic et al. 2007). English only; a phrase is cut when it is
 * "[on|late|early] WEEKDAY [night|morning|afternoon|evening]" standing alone:
 * not after a word that makes it part of a name, a span or an object ("Good
 * Friday", "since Monday", "last Tuesday", "spent Sunday visiting"), nor
 * before a capitalised word, a possessive, a hyphen or a calendar date. */
static bool norm_in(const sl_token *t, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (t->norm && !strcmp(t->norm, *w))
            return true;
    return false;
}

static const char *const pronouns[] = {"he",    "she",   "it",    "they",  "we",  "i",   "you",
                                       "this",  "that",  "these", "those", "his", "her", "its",
                                       "their", "there", "but",   "also",  NULL};

static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};

/* A comma right after token t (commas are no tokens). */
static bool comma_after(const sl_article *a, const sl_token *t)
{
    return a->text[t->end] == ',';
}

/* The weekday phrase around token w of [first, end): sets [*lo, *hi) and
 * returns true when it may go. */
static bool weekday_phrase(const sl_article *a, uint32_t first, uint32_t end, uint32_t w,
                           uint32_t *lo, uint32_t *hi)
{
    static const char *const parts[] = {"night", "morning", "afternoon", "evening", NULL};
    static const char *const lead[] = {"on", "late", "early", NULL};
    static const char *const months[] = {
        "jan",  "january", "feb", "february", "march", "april",    "may",
        "june", "july",    "aug", "august",   "sept",  "sep",      "september",
        "oct",  "october", "nov", "november", "dec",   "december", NULL};
    static const char *const tied[] = {"since", "until", "till", "by", "before", "after", "from",
                                       "through", "last", "next", "this", "that", "every", "each",
                                       "the", "a", "of", "between", "and", "or", "to", "for",
                                       "following", "previous", "coming", "past", "all", "as",
                                       /* the weekday is the object: "spent Sunday visiting" */
                                       "spent", "spend", "spends", "spending", "declared", "named",
                                       "set", "chose", "picked", "designated", NULL};
    const sl_token *T = a->toks;
    const char *x = a->text + T[w].end;
    if (*x == '\'' || *x == '-' || !strncmp(x, "\xe2\x80\x99", 3))
        return false; /* Tuesday's, Monday-Friday */
    *lo = w;
    *hi = w + 1;
    if (*hi < end && norm_in(&T[*hi], parts) && !(T[*hi].flags & SL_TOKF_CAP))
        ++*hi;
    bool nc = comma_after(a, &T[*hi - 1]);
    if (*hi < end && T[*hi].kind != SL_TOK_PUNCT &&
        (T[*hi].kind != SL_TOK_WORD || norm_in(&T[*hi], months)))
        return false; /* Wednesday, Nov. 4 */
    if (*hi < end && !nc && T[*hi].kind == SL_TOK_WORD && (T[*hi].flags & SL_TOKF_CAP))
        return false; /* Sunday Times */
    if (*lo > first && norm_in(&T[*lo - 1], lead))
        --*lo;
    else if (*lo > first && T[*lo - 1].kind == SL_TOK_WORD && (T[*lo - 1].flags & SL_TOKF_CAP))
        return false; /* Good Friday */
    if (*lo > first && norm_in(&T[*lo - 1], tied))
        return false;
    return true;
}

/* Measures restated in other units: "40 kilometers (25 miles)", "130 kph (81 mph)",
 * "minus 26 Celsius (minus 4 Fahrenheit)", "at 9:45 p.m. (1945 GMT)". The
 * parenthesis says again what the words before it said, for readers of another
 * system of units (or time zone); a summary says it once. A parenthesis is a
 * conversion when the word before it and its own last word are units, and it
 * holds nothing else than an optional qualifier and a figure ("about 25 miles",
 * "100-foot"). */
static bool unit_word(const char *w, size_t n)
{
    static const char *const units[] = {
        "kilometers", "kilometres", "kilometer", "kilometre", "km", "kms", "miles", "mile",
        "mph", "kph", "km/h", "celsius", "fahrenheit", "f", "c", "degrees", "meters", "metres",
        "meter", "metre", "feet", "foot", "ft", "yards", "yard", "inches", "inch", "centimeters",
        "centimetres", "cm", "millimeters", "millimetres", "mm", "hectares", "acres", "kilograms",
        "kg", "kgs", "pounds", "lbs", "tons", "tonnes", "liters", "litres", "gallons", "knots",
        "gmt", "utc", "a.m.", "p.m.", "edt", "est", "long", "wide", "high", "tall", "deep", NULL};
    char low[16];
    if (!n || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
    low[n] = 0;
    for (const char *const *u = units; *u; u++)
        if (!strcmp(low, *u))
            return true;
    return false;
}

/* A unit word, or a compound with a unit part ("5-meter", "30-meter-long"). */
static bool unit_field(const char *w, size_t n)
{
    while (n && (w[n - 1] == ',' || w[n - 1] == ';'))
        n--;
    if (unit_word(w, n))
        return true;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && w[j] != '-')
            j++;
        if (j < n && i && unit_word(w + i, j - i))
            return true;
        if (j == n && i && unit_word(w + i, j - i))
            return true;
        i = j + 1;
    }
    return false;
}

/* Fields (blank-separated) of s[0..n): up to max, as (offset, length). */
static size_t fields(const char *s, size_t n, uint32_t (*f)[2], size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r')
            j++;
        if (j > i) {
            f[k][0] = (uint32_t)i;
            f[k++][1] = (uint32_t)(j - i);
        }
        i = j;
    }
    return k;
}

/* Is txt[open..close] ("(...)") a conversion of the measure before it? */
static bool conversion_at(const char *txt, uint32_t from, uint32_t open, uint32_t close)
{
    static const char *const qual[] = {"about", "some", "minus", "nearly", "almost", "roughly",
                                       "around", "approximately", "over", "under", NULL};
    uint32_t f[6][2];
    size_t k = fields(txt + open + 1, close - open - 1, f, 6);
    if (k == 0 || k > 4)
        return false;
    const char *in = txt + open + 1;
    size_t i = 0;
    for (bool more = true; more && i + 1 < k;) {
        more = false;
        for (const char *const *q = qual; *q && !more; q++)
            more = strlen(*q) == f[i][1] && !strncmp(in + f[i][0], *q, f[i][1]);
        i += more;
    }
    if (i == k || !(in[f[i][0]] >= '0' && in[f[i][0]] <= '9'))
        return false; /* a figure first */
    if (!unit_field(in + f[k - 1][0], f[k - 1][1]))
        return false;
    if (k - i > 3)
        return false;
    /* the word before the parenthesis is a unit, and a figure comes at most two
     * words before it ("10 meters high (33 feet)"; not "high (10 meters)") */
    uint32_t e = open;
    while (e > from && txt[e - 1] == ' ')
        e--;
    uint32_t b0 = e;
    while (b0 > from && txt[b0 - 1] != ' ')
        b0--;
    if (e <= b0 || !unit_field(txt + b0, e - b0))
        return false;
    uint32_t w = 0;
    for (uint32_t p = e; p > from && w < 3; p--) {
        char c = txt[p - 1];
        if (c >= '0' && c <= '9')
            return true;
        w += c == ' ' && p - 1 > from && txt[p - 2] != ' ';
    }
    return false;
}

char *dg_trim_sentence(sl_arena *arena, const sl_article *a, uint32_t sent, uint32_t skip,
                       unsigned what)
{
    const sl_sentence *s = &a->sents[sent];
    uint32_t first = dg_first_token(a, s, skip);
    uint32_t end = s->tok_end < a->n_toks ? s->tok_end : (uint32_t)a->n_toks;
    uint32_t cut[16][2], n_cut = 0; /* byte ranges to drop, ascending */
    bool cap = false;
    for (uint32_t t = first; (what & DG_TRIM_WEEKDAY) && t < end && n_cut < 8; t++) {
        uint32_t lo, hi;
        if (!norm_in(&a->toks[t], weekdays) || !weekday_phrase(a, first, end, t, &lo, &hi))
            continue;
        const sl_token *T = a->toks;
        bool nc = comma_after(a, &T[hi - 1]);
        if (lo == first) { /* "On Saturday, police said" → "Police said" */
            if (!nc || hi >= end || T[hi].kind != SL_TOK_WORD || lo == t ||
                norm_in(&T[hi], pronouns))
                continue; /* "On Sunday, he said": a pronoun would open the sentence */
            cut[n_cut][0] = T[lo].start;
            cut[n_cut++][1] = T[hi].start;
            cap = true;
        } else if (comma_after(a, &T[lo - 1])) {
            /* "The jet, on Tuesday, crashed", "in Thailand on Tuesday." */
            cut[n_cut][0] = T[lo - 1].end;
            cut[n_cut++][1] = T[hi - 1].end + nc;
        } else { /* "police said Tuesday, adding" */
            cut[n_cut][0] = T[lo - 1].end;
            cut[n_cut++][1] = T[hi - 1].end;
        }
        t = hi;
    }
    const char *txt = a->text;
    uint32_t from = s->start + skip;
    for (uint32_t i = from; (what & DG_TRIM_CONVERSION) && i < s->end && n_cut < 16; i++) {
        if (txt[i] != '(')
            continue;
        uint32_t j = i + 1;
        while (j < s->end && txt[j] != ')' && txt[j] != '(')
            j++;
        if (j >= s->end || txt[j] != ')' || !conversion_at(txt, from, i, j))
            continue;
        if (j + 1 < s->end && !strchr(" \t\n,.;:", txt[j + 1]))
            continue; /* "1.5-meter (5-foot)-high": the parenthesis is inside a word */
        uint32_t lo = i;
        while (lo > from && txt[lo - 1] == ' ')
            lo--;
        bool inside = false; /* a weekday cut already covers it */
        for (uint32_t c = 0; c < n_cut; c++)
            inside |= lo < cut[c][1] && j + 1 > cut[c][0];
        if (!inside) {
            uint32_t c = n_cut++;
            while (c && cut[c - 1][0] > lo) {
                cut[c][0] = cut[c - 1][0];
                cut[c][1] = cut[c - 1][1];
                c--;
            }
            cut[c][0] = lo;
            cut[c][1] = j + 1;
        }
        i = j;
    }
    if (!n_cut)
        return NULL;
    char *out = arena_alloc(arena, s->end - from + 1);
    size_t k = 0, c = 0;
    bool space = false;
    for (uint32_t i = from; i < s->end; i++) {
        while (c < n_cut && i >= cut[c][1])
            c++;
        if (c < n_cut && i >= cut[c][0]) {
            i = cut[c][1] - 1;
            continue;
        }
        if (txt[i] == ' ' || txt[i] == '\t' || txt[i] == '\n' || txt[i] == '\r') {
            space = true;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = false;
        out[k++] = txt[i];
    }
    out[k] = 0;
    if (cap && out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
    return out;
}

/* Trims the units of sel[0..n) (prm.trim, English stories); their words then
 * count the trimmed text, which the summary shows. Returns the words saved. */
static uint32_t trim_units(dg_build *b, const uint32_t *sel, size_t n)
{
    if (!b->prm.trim || !b->lang || strcmp(b->lang, "en") != 0)
        return 0;
    uint32_t saved = 0;
    for (size_t i = 0; i < n; i++) {
        dg_unit *u = &b->units[sel[i]];
        if (!u->eligible || u->text)
            continue;
        char *t = dg_trim_sentence(b->tmp, b->arts[u->art], u->sent, u->skip,
                                   (unsigned)b->prm.trim);
        if (t) {
            u->text = t;
            uint32_t w = dg_count_words(t, strlen(t));
            saved += u->words - w;
            u->words = w;
        }
    }
    return saved;
}

/* When nothing has concept weight (a tiny story), fall back to the lead:
 * the first eligible sentences of the earliest article. */
static size_t lead_fallback(dg_build *b, uint32_t *sel)
{
    size_t n = 0;
    uint32_t used = 0;
    for (size_t r = 0; r < b->n_arts && !n; r++) {
        uint32_t ai = b->order[r];
        const sl_article *a = b->arts[ai];
        for (uint32_t si = 0; si < a->n_sents; si++) { /* its own units, in order */
            uint32_t ui = b->art_units[ai][si];
            if (ui == UINT32_MAX)
                continue;
            const dg_unit *u = &b->units[ui];
            if (u->art != ai || u->sent != si || !u->eligible)
                continue;
            if (used + u->words > b->words && n)
                break;
            sel[n++] = (uint32_t)ui;
            used += u->words;
        }
    }
    return n;
}

/* Local search after the greedy: replace one chosen sentence by another
 * (or add one) whenever the covered weight grows within the budget. cnt[c]
 * counts the chosen sentences covering concept c. */
static void improve(dg_build *b, uint32_t *sel, size_t *n, bool *taken, uint32_t *cnt)
{
    for (int round = 0; round < 8; round++) {
        bool changed = false;
        uint32_t used = 0;
        for (size_t i = 0; i < *n; i++)
            used += b->units[sel[i]].words;
        for (size_t i = 0; i <= *n && !changed; i++) {
            const dg_unit *out = i < *n ? &b->units[sel[i]] : NULL;
            double loss = out ? out->bonus : 0;
            if (out)
                for (uint32_t k = 0; k < out->n_concepts; k++)
                    if (cnt[out->concepts[k]] == 1)
                        loss += b->concept_w[out->concepts[k]];
            if (out)
                for (uint32_t k = 0; k < out->n_concepts; k++)
                    cnt[out->concepts[k]]--;
            uint32_t room = b->words - used + (out ? out->words : 0);
            long best = -1;
            double best_gain = loss + 1e-9;
            for (size_t ui = 0; ui < b->n_units; ui++) {
                const dg_unit *u = &b->units[ui];
                if (!u->eligible || taken[ui] || u->words > room)
                    continue;
                double g = u->bonus;
                for (uint32_t k = 0; k < u->n_concepts; k++)
                    if (!cnt[u->concepts[k]])
                        g += b->concept_w[u->concepts[k]];
                if (g > best_gain && !redundant(b, u, sel, *n)) {
                    best_gain = g;
                    best = (long)ui;
                }
            }
            if (best >= 0) {
                const dg_unit *u = &b->units[best];
                for (uint32_t k = 0; k < u->n_concepts; k++)
                    cnt[u->concepts[k]]++;
                taken[best] = true;
                if (out) {
                    taken[sel[i]] = false;
                    sel[i] = (uint32_t)best;
                } else {
                    sel[(*n)++] = (uint32_t)best;
                }
                changed = true;
            } else if (out) {
                for (uint32_t k = 0; k < out->n_concepts; k++)
                    cnt[out->concepts[k]]++;
            }
        }
        if (!changed)
            break;
    }
}

/* When no sentence adds a concept any more (small stories: little is said
 * twice), the words left go to the lead sentences of the articles, earliest
 * article first, as long as they fit and repeat nothing chosen. */
static size_t pad_with_lead(dg_build *b, uint32_t *sel, size_t n, bool *taken)
{
    uint32_t used = 0;
    for (size_t i = 0; i < n; i++)
        used += b->units[sel[i]].words;
    for (size_t r = 0; r < b->n_arts; r++) {
        uint32_t ai = b->order[r];
        const sl_article *a = b->arts[ai];
        for (uint32_t si = 0; si < a->n_sents; si++) {
            uint32_t ui = b->art_units[ai][si];
            if (ui == UINT32_MAX || taken[ui] || !b->units[ui].eligible)
                continue;
            const dg_unit *u = &b->units[ui];
            if (used + u->words > b->words || redundant(b, u, sel, n))
                continue;
            taken[ui] = true;
            sel[n++] = ui;
            used += u->words;
        }
    }
    return n;
}

/* Grows sel[0..n) by the greedy step while a unit fits in `left` words;
 * covered[] must be that of the set. Returns the new count. */
static size_t greedy(const dg_build *b, bool *covered, bool *taken, uint32_t *sel, size_t n,
                     uint32_t left)
{
    for (;;) {
        long p = pick(b, covered, taken, left, sel, n);
        if (p < 0)
            return n;
        const dg_unit *u = &b->units[p];
        taken[p] = true;
        sel[n++] = (uint32_t)p;
        left -= u->words;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            covered[u->concepts[k]] = true;
    }
}

size_t dg_summary_select(dg_build *b, uint32_t **out)
{
    uint32_t *sel = arena_alloc(b->tmp, (b->n_units + 1) * sizeof *sel);
    bool *covered = arena_calloc(b->tmp, b->n_concepts + 1, sizeof *covered);
    bool *taken = arena_calloc(b->tmp, b->n_units + 1, sizeof *taken);
    size_t n = greedy(b, covered, taken, sel, 0, b->words);
    /* the best single sentence may beat the greedy set (Lin & Bilmes) */
    double v = set_value(b, sel, n, covered);
    long single = -1;
    double single_v = v;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!u->eligible || u->words > b->words)
            continue;
        double g = u->bonus;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            g += b->concept_w[u->concepts[k]];
        if (g > single_v) {
            single_v = g;
            single = (long)ui;
        }
    }
    if (single >= 0) {
        for (size_t i = 0; i < n; i++)
            taken[sel[i]] = false;
        sel[0] = (uint32_t)single;
        taken[single] = true;
        n = 1;
    }
    if (b->prm.swaps && n) {
        uint32_t *cnt = arena_calloc(b->tmp, b->n_concepts + 1, sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            for (uint32_t k = 0; k < b->units[sel[i]].n_concepts; k++)
                cnt[b->units[sel[i]].concepts[k]]++;
        improve(b, sel, &n, taken, cnt);
    }
    /* trimmed after the choice (chosen on DUC 2003, bench/digest/README.md): the
     * words it saves go to more sentences, then to the fill */
    if (trim_units(b, sel, n)) {
        uint32_t used = 0;
        for (size_t i = 0; i < n; i++)
            used += b->units[sel[i]].words;
        set_value(b, sel, n, covered);
        size_t n0 = n;
        n = greedy(b, covered, taken, sel, n, b->words > used ? b->words - used : 0);
        trim_units(b, sel + n0, n - n0);
    }
    if (n == 0)
        n = lead_fallback(b, sel);
    else
        n = pad_with_lead(b, sel, n, taken);
    trim_units(b, sel, n);
    /* reading order: by the time the attribution shows, then position */
    uint32_t *first = arena_alloc(b->tmp, (b->n_units + 1) * sizeof *first);
    for (size_t i = 0; i < n; i++)
        first[sel[i]] = first_rank(b, sel[i]);
    qsort_r(sel, n, sizeof *sel, cmp_reading, &(reading){b, first});
    if (b->prm.overflow && n) { /* fill: one more sentence, last, crossing the budget */
        set_value(b, sel, n, covered);
        long p = pick(b, covered, taken, UINT32_MAX, sel, n);
        if (p >= 0) {
            sel[n++] = (uint32_t)p;
            trim_units(b, sel + n - 1, 1);
        }
    }
    *out = sel;
    return n;
}

/* ------------------------------------------------------------ headline */

/* Document frequency of every content stem of the story's language: m->val
 * counts the articles carrying a sentence with the stem. */
static void stem_df_build(dg_build *b, dg_map *m)
{
    size_t total = 0;
    for (size_t u = 0; u < b->n_units; u++)
        total += b->units[u].n_stems;
    dg_map_init(m, b->tmp, total + 1);
    uint32_t *last = arena_alloc(b->tmp, m->cap * sizeof *last);
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!dg_lang_is(b->arts[u->art], b->lang))
            continue;
        for (uint32_t k = 0; k < u->n_stems; k++) {
            size_t s = dg_map_slot(m, u->stems[k]);
            if (!m->key[s]) {
                m->key[s] = u->stems[k];
                last[s] = UINT32_MAX;
            }
            /* every carrier counts: a title matches what all outlets say */
            for (uint32_t c = 0; c < u->n_carriers; c++)
                if (last[s] != u->carriers[c]) {
                    m->val[s]++;
                    last[s] = u->carriers[c];
                }
        }
    }
}

static uint32_t stem_df_get(const dg_map *m, uint64_t k)
{
    size_t s = dg_map_slot(m, k);
    return m->key[s] ? m->val[s] : 0;
}

/* ------------------------------------------------------------ title rule */

static int cmp_u64_keys(const void *x, const void *y)
{
    uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;
    return (p > q) - (p < q);
}

uint32_t dg_token_keys(const sl_token *toks, size_t nt, uint64_t *out, uint32_t max)
{
    uint32_t k = 0;
    for (size_t i = 0; i < nt && k < max; i++) {
        uint64_t h = dg_token_key(&toks[i], false);
        if (!h)
            continue;
        bool dup = false;
        for (uint32_t j = 0; j < k; j++)
            dup |= out[j] == h;
        if (!dup)
            out[k++] = h;
    }
    return k;
}

uint32_t dg_title_keys(sl_ctx *ctx, sl_arena *a, const char *lang, const char *title,
                       uint64_t *out, uint32_t max)
{
    if (!title || !*title)
        return 0;
    sl_token *toks = NULL;
    size_t nt = tokenize(ctx, a, lang, title, strlen(title), &toks);
    return dg_token_keys(toks, nt, out, max);
}

static bool same_lang(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

/* c[i] before c[j] in the rule's ties: earlier, then smaller title, lang. */
static bool cand_first(const dg_title_cand *c, size_t i, size_t j)
{
    if (c[i].time != c[j].time)
        return c[i].time < c[j].time;
    int d = strcmp(c[i].title ? c[i].title : "", c[j].title ? c[j].title : "");
    if (d)
        return d < 0;
    return strcmp(c[i].lang ? c[i].lang : "", c[j].lang ? c[j].lang : "") < 0;
}

/* The language most members are in (ties: the one of the earliest member).
 * O(n · languages). */
static const char *cands_lang(const dg_title_cand *c, size_t n)
{
    size_t best = 0, best_n = 0;
    for (size_t i = 0; i < n; i++) {
        bool seen = false; /* each language once: from its first member in c */
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_lang(c[i].lang, c[j].lang);
        if (seen)
            continue;
        size_t k = 0, first = i;
        for (size_t j = i; j < n; j++)
            if (same_lang(c[i].lang, c[j].lang)) {
                k++;
                if (cand_first(c, j, first))
                    first = j;
            }
        if (k > best_n || (k == best_n && cand_first(c, first, best)))
            best = first, best_n = k;
    }
    return n ? c[best].lang : NULL;
}

static size_t key_count(const uint64_t *v, size_t n, uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first >= k */
        size_t m = (lo + hi) / 2;
        if (v[m] < k)
            lo = m + 1;
        else
            hi = m;
    }
    size_t e = lo;
    while (e < n && v[e] == k)
        e++;
    return e - lo;
}

static int cmp_cand_at(const void *x, const void *y, void *arg)
{
    const dg_title_cand *c = arg;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    return cand_first(c, i, j) ? -1 : cand_first(c, j, i) ? 1 : (i > j) - (i < j);
}

static long title_choose_all(const dg_title_cand *c, size_t n);

long dg_title_choose(const dg_title_cand *c, size_t n)
{
    if (!c || !n)
        return -1;
    if (n <= DG_TITLE_RECENT)
        return title_choose_all(c, n);
    /* the latest DG_TITLE_RECENT members */
    size_t *ix = malloc(n * sizeof *ix);
    dg_title_cand *w = malloc(DG_TITLE_RECENT * sizeof *w);
    if (!ix || !w)
        abort();
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    qsort_r(ix, n, sizeof *ix, cmp_cand_at, (void *)c);
    size_t from = n - DG_TITLE_RECENT;
    for (size_t i = 0; i < DG_TITLE_RECENT; i++)
        w[i] = c[ix[from + i]];
    long r = title_choose_all(w, DG_TITLE_RECENT);
    r = r < 0 ? -1 : (long)ix[from + (size_t)r];
    free(ix);
    free(w);
    return r;
}

static long title_choose_all(const dg_title_cand *c, size_t n)
{
    const char *lang = cands_lang(c, n);
    size_t total = 0, n_lang = 0;
    for (size_t i = 0; i < n; i++)
        if (same_lang(c[i].lang, lang) && c[i].title && *c[i].title) {
            total += c[i].n_keys;
            n_lang++;
        }
    if (!total)
        return -1;
    uint64_t *all = malloc(total * sizeof *all);
    if (!all)
        abort();
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (same_lang(c[i].lang, lang) && c[i].title && *c[i].title)
            for (uint32_t k = 0; k < c[i].n_keys; k++)
                all[m++] = c[i].keys[k];
    qsort(all, m, sizeof *all, cmp_u64_keys);
    long best = -1;
    double best_s = 0;
    for (size_t i = 0; i < n; i++) {
        if (!same_lang(c[i].lang, lang) || !c[i].title || !*c[i].title || c[i].n_keys < 3)
            continue;
        double s = 0;
        for (uint32_t k = 0; k < c[i].n_keys; k++)
            s += (double)key_count(all, m, c[i].keys[k]) / (double)n_lang;
        s /= sqrt((double)c[i].n_keys + 2.0);
        if (strchr(c[i].title, '?'))
            s *= 0.5; /* a question is a teaser, not what happened */
        if (s > best_s || (best >= 0 && s == best_s && cand_first(c, i, (size_t)best))) {
            best_s = s;
            best = (long)i;
        }
    }
    free(all);
    return best;
}

static const char *dateline_end(const char *s)
{
    /* "PARIS (AFP) - ", "LONDON (AP) _ ", "Ancenis (AFP) – " */
    const char *p = strchr(s, ')');
    if (p && p - s < 60) {
        const char *q = p + 1;
        while (*q == ' ')
            q++;
        if (*q == '-' || *q == '_' || !strncmp(q, "\xe2\x80\x94", 3) ||
            !strncmp(q, "\xe2\x80\x93", 3)) {
            q += (*q == '-' || *q == '_') ? 1 : 3;
            while (*q == '-' || *q == ' ')
                q++;
            return q;
        }
    }
    return s;
}

/* Small words a cut headline must not end on (fr, en, de, es, it). */
static bool dangling_tail(const char *w, size_t n)
{
    static const char *const small[] = {
        "de",  "du",  "des", "la",  "le",  "les",  "l'",  "d'",   "à",    "au",  "aux",
        "et",  "en",  "un",  "une", "par", "pour", "sur", "dans", "the",  "of",  "a",
        "an",  "to",  "in",  "on",  "and", "for",  "by",  "at",   "with", "der", "die",
        "das", "und", "von", "mit", "im",  "el",   "los", "las",  "y",    "del", "con",
        "il",  "lo",  "gli", "e",   "di",  "da",   "per", "che",  NULL};
    for (const char *const *s = small; *s; s++)
        if (strlen(*s) == n && !strncmp(w, *s, n))
            return true;
    return false;
}

/* The central sentence cut to a headline: dateline off, cut at a clause
 * boundary after a few words, at most ~14 words, no final period. */
static const char *compress_sentence(sl_arena *a, const char *s)
{
    s = dateline_end(s);
    size_t n = strlen(s), cut = n;
    uint32_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool blank = s[i] == ' ';
        if (!blank && !in)
            words++;
        in = !blank;
        if (words >= 6 && (s[i] == ',' || s[i] == ';' || s[i] == ':')) {
            cut = i;
            break;
        }
        if (words > 14 && blank) {
            cut = i;
            break;
        }
    }
    /* no headline ends on "de", "of the", "à la" */
    for (;;) {
        while (cut && (s[cut - 1] == '.' || s[cut - 1] == ' ' || s[cut - 1] == ','))
            cut--;
        size_t w = cut;
        while (w && s[w - 1] != ' ')
            w--;
        if (w == 0 || !dangling_tail(s + w, cut - w))
            break;
        cut = w;
    }
    char *h = arena_strndup(a, s, cut);
    if (h[0] >= 'a' && h[0] <= 'z')
        h[0] = (char)(h[0] - 'a' + 'A');
    return h;
}

const char *dg_headline(dg_build *b, sl_arena *a)
{
    dg_title_cand *c = arena_alloc(b->tmp, (b->n_arts + 1) * sizeof *c);
    for (size_t i = 0; i < b->n_arts; i++) {
        const sl_article *art = b->arts[i];
        uint64_t *keys = arena_alloc(b->tmp, DG_TITLE_KEYS * sizeof *keys);
        c[i] = (dg_title_cand){.title = art->title,
                               .keys = keys,
                               .n_keys = dg_title_keys(b->ctx, b->tmp, art->lang, art->title,
                                                       keys, DG_TITLE_KEYS),
                               .lang = art->lang,
                               .time = art->published};
    }
    long w = dg_title_choose(c, b->n_arts);
    if (w >= 0)
        return arena_strdup(a, c[w].title);
    /* no good title: the sentence richest in story concepts, early ones first */
    long bu = -1;
    double bs = 0;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!u->eligible)
            continue;
        double g = 0;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            g += b->concept_w[u->concepts[k]];
        g = g / sqrt((double)u->words) * (1.0 - 0.5 * u->pos);
        if (g > bs) {
            bs = g;
            bu = (long)ui;
        }
    }
    if (bu < 0) { /* a title in any language, else nothing */
        for (size_t r = 0; r < b->n_arts; r++)
            if (b->arts[b->order[r]]->title && *b->arts[b->order[r]]->title)
                return arena_strdup(a, b->arts[b->order[r]]->title);
        return "";
    }
    const dg_unit *u = &b->units[bu];
    return compress_sentence(a, dg_sentence_text(b->tmp, b->arts[u->art], u->sent));
}

/* ------------------------------------------------------------ quality */

/* The shipped sentence quality model: a least-squares fit (ridge 1, the
 * intercept free) of each candidate sentence's ROUGE-1 precision against the
 * four reference summaries of its docset (the share of its words, stemmed as
 * ROUGE does, that the references use: stopwords count, as in ROUGE) on the
 * features of dg_quality_features, over the 4,350 eligible sentences of the
 * 30 DUC 2003 task-2 docsets (our development set; DUC 2004 never seen).
 * Refit with `python3 bench/digest/qfit.py fit BUILD` (it prints this array;
 * `qfit.py cv BUILD` is the 5-fold cross-validation that chose q_mix). Order:
 * intercept, position, lead, log index, length, length², log copies,
 * centrality, concept density, concept weight, content share, figure,
 * capitalised words, quote, content share × centrality, article rank. */
static const double q_coef_shipped[DG_QF] = {
    0.46465, 0.04123, -0.01972, -0.02398, 0.01060, -0.01459, -0.01198, 0.02947,
    0.17317, 0.05408, -0.30534, 0.00794,  0.04264, -0.01706, 0.06800,  -0.00692};

static bool is_quote_mark(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] == '"' || (i + 1 < n && t[i] == '`' && t[i + 1] == '`') ||
            (i + 2 < n && !memcmp(t + i, "\xe2\x80\x9c", 3)) ||
            (i + 1 < n && !memcmp(t + i, "\xc2\xab", 2)))
            return true;
    return false;
}

/* Features of one unit; dfm is the story's stem document frequency, dmax
 * and cmax the largest concept density and weight of an eligible unit. */
static void unit_qfeatures(dg_build *b, const dg_map *dfm, const dg_unit *u, double dmax,
                           double cmax, double *f)
{
    const sl_article *a = b->arts[u->art];
    const sl_sentence *s = &a->sents[u->sent];
    double cw = 0;
    for (uint32_t k = 0; k < u->n_concepts; k++)
        cw += b->concept_w[u->concepts[k]];
    double words = u->words ? u->words : 1;
    double cent = 0;
    for (uint32_t k = 0; k < u->n_stems; k++)
        cent += (double)stem_df_get(dfm, u->stems[k]);
    cent = u->n_stems ? cent / u->n_stems / (double)b->n_arts : 0;
    bool figure = false;
    uint32_t caps = 0, first = dg_first_token(a, s, u->skip);
    for (uint32_t t = first; t < s->tok_end && t < a->n_toks; t++) {
        const sl_token *tk = &a->toks[t];
        figure |=
            tk->kind == SL_TOK_NUMBER || tk->kind == SL_TOK_PERCENT || tk->kind == SL_TOK_ORDINAL;
        if (t > first && tk->kind == SL_TOK_WORD && (tk->flags & SL_TOKF_CAP) &&
            !(tk->flags & SL_TOKF_STOP))
            caps++;
    }
    f[0] = 1;
    f[1] = u->pos;
    f[2] = u->sent == 0;
    f[3] = log1p((double)u->sent);
    f[4] = words / 25.0;
    f[5] = f[4] * f[4];
    f[6] = log((double)(u->n_carriers ? u->n_carriers : 1));
    f[7] = cent;
    f[8] = dmax > 0 ? cw / words / dmax : 0;
    f[9] = cmax > 0 ? cw / cmax : 0;
    f[10] = (double)u->n_content / words;
    f[11] = figure;
    f[12] = u->n_content ? (double)caps / u->n_content : 0;
    f[13] = is_quote_mark(a->text + s->start + u->skip, s->end - s->start - u->skip);
    f[14] = f[10] * f[7];
    f[15] = b->n_arts > 1 ? (double)b->rank[u->art] / (double)(b->n_arts - 1) : 0;
}

double *dg_quality_features(dg_build *b)
{
    double *F = arena_calloc(b->tmp, (b->n_units + 1) * DG_QF, sizeof *F);
    dg_map dfm;
    stem_df_build(b, &dfm);
    double dmax = 0, cmax = 0;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        const dg_unit *u = &b->units[ui];
        if (!u->eligible || !u->words)
            continue;
        double cw = 0;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            cw += b->concept_w[u->concepts[k]];
        cmax = cw > cmax ? cw : cmax;
        dmax = cw / u->words > dmax ? cw / u->words : dmax;
    }
    for (size_t ui = 0; ui < b->n_units; ui++)
        unit_qfeatures(b, &dfm, &b->units[ui], dmax, cmax, F + ui * DG_QF);
    return F;
}

void dg_quality(dg_build *b)
{
    if (b->prm.q_mix == 0 || !b->n_units)
        return;
    const double *coef = b->prm.q_coef ? b->prm.q_coef : q_coef_shipped;
    double *F = dg_quality_features(b);
    double qsum = 0, dsum = 0;
    size_t n = 0, nd = 0;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        dg_unit *u = &b->units[ui];
        if (!u->eligible)
            continue;
        double q = 0;
        for (int k = 0; k < DG_QF; k++)
            q += coef[k] * F[ui * DG_QF + k];
        u->quality = (float)q;
        qsum += q;
        n++;
        double cw = 0;
        for (uint32_t k = 0; k < u->n_concepts; k++)
            cw += b->concept_w[u->concepts[k]];
        if (cw > 0) {
            dsum += cw / u->words;
            nd++;
        }
    }
    if (!n || !nd)
        return;
    /* the quality's value is in concept weight: the story's mean per word */
    double qmean = qsum / n, scale = b->prm.q_mix * dsum / nd;
    for (size_t ui = 0; ui < b->n_units; ui++) {
        dg_unit *u = &b->units[ui];
        if (u->eligible)
            u->bonus = (float)(scale * (u->quality - qmean) * u->words);
    }
}
