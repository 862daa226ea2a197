/*
 * test_facts_corpus.c — the sample corpus as an acceptance test of facts
 * extraction: every article of corpus/ is built and its facts compared with
 * the person, org, place, figure and quote rows of corpus/facts.tsv.
 *
 * Reported per kind (one line each, in the test output): recall of the
 * listed facts, and "listed precision" — the share of extracted items that
 * match a listed row. facts.tsv lists the key facts only, not every name
 * an article has, so that precision is a lower bound; it is printed, not
 * asserted. The assertions are:
 *   - recall floors per kind (regression guards below the measured values;
 *     places only with the gazetteer, which finds towns named without a cue);
 *   - what the corpus README states unambiguously: exonyms resolving to the
 *     same place (Anvers/Antwerp, Varsovie/Warsaw, Londres/London,
 *     Hambourg/Hamburg, La Haye/The Hague), alias sets (Union of Dock
 *     Workers = UDW = Union des dockers, Chimirhône = Chimirhone), and the
 *     figure table: real disagreements flagged, formatting differences not.
 *
 * Matching: a listed name matches an extracted entity of the same kind
 * when their keys (sl_fact_key, leading titles such as "Dr." removed) are
 * equal, for any surface form or the acronym; a listed figure matches a
 * figure of equal value (percent rows need a percentage); a listed quote
 * (its first six words) matches a quote starting with them, and its
 * speaker is right when the speaker's name ends with the listed surname.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../src/facts/facts.h"
#include "harness.h"
#include "tsv.h"

#define MAX_ROWS 4096
#define MAX_ARTS 64

typedef struct corpus {
    sl_ctx *ctx;
    sl_article *arts[MAX_ARTS];
    sl_facts *facts[MAX_ARTS];
    const char *story[MAX_ARTS];
    int n;
    tsv_row gold[256];
    int n_gold;
} corpus;

static bool keep_article(void *user, const sl_raw *raw)
{
    corpus *c = user;
    if (c->n >= MAX_ARTS)
        return false;
    sl_article *a = sl_article_build(c->ctx, raw);
    if (!a)
        return true;
    c->arts[c->n] = a;
    c->facts[c->n] = sl_facts_extract(c->ctx, a);
    c->story[c->n] = "";
    for (int i = 0; i < c->n_gold; i++)
        if (!strcmp(c->gold[i].id, a->id))
            c->story[c->n] = c->gold[i].kind;
    c->n++;
    return true;
}

/* Key of a name without its leading titles ("Dr. Sara Ng" → "sarang"). */
static void name_key(const char *s, char *out, size_t cap)
{
    static const char *const t[] = {"Dr.", "Dr", "Gen.", "M.", "Mme", "Pr", "Prof.", "Mr.",
                                    "Mrs.", "Ms.", NULL};
    for (int again = 1; again;) {
        again = 0;
        for (const char *const *p = t; *p; p++) {
            size_t l = strlen(*p);
            if (!strncmp(s, *p, l) && s[l] == ' ') {
                s += l + 1;
                again = 1;
            }
        }
    }
    sl_fact_key(s, out, cap);
}

static bool entity_matches(const sl_entity *e, const char *key)
{
    char k[512];
    if (!strcmp(e->key, key))
        return true;
    for (size_t i = 0; i < e->n_forms; i++) {
        name_key(e->forms[i], k, sizeof k);
        if (!strcmp(k, key))
            return true;
    }
    if (e->acronym) {
        sl_fact_key(e->acronym, k, sizeof k);
        if (!strcmp(k, key))
            return true;
    }
    return false;
}

static int kind_of(const char *k)
{
    if (!strcmp(k, "person"))
        return SL_ENT_PERSON;
    if (!strcmp(k, "place"))
        return SL_ENT_PLACE;
    if (!strcmp(k, "org"))
        return SL_ENT_ORG;
    return -1;
}

/* "34,2 %" → 34.2 (percent); "4.2 billion euros" → 4.2e9; "7e" → 7. */
static double parse_value(const char *s, bool *percent)
{
    char num[64];
    size_t k = 0;
    for (; *s && k + 1 < sizeof num; s++) {
        if (*s >= '0' && *s <= '9')
            num[k++] = *s;
        else if (*s == ',' || *s == '.')
            num[k++] = '.';
        else
            break;
    }
    num[k] = 0;
    double v = atof(num);
    *percent = strstr(s, "%") || strstr(s, "percent");
    if (strstr(s, "billion") || strstr(s, "milliard"))
        v *= 1e9;
    return v;
}

static bool starts_with_words(const char *text, const char *words)
{
    while (*words) {
        while (*text == ' ')
            text++;
        while (*words == ' ')
            words++;
        if (!*words)
            break;
        if (*text != *words)
            return false;
        text++, words++;
    }
    return true;
}

typedef struct score {
    int expected, found, extracted, matched;
} score;

static void report(const char *kind, const score *s)
{
    double r = s->expected ? (double)s->found / s->expected : 1;
    double p = s->extracted ? (double)s->matched / s->extracted : 1;
    printf("facts corpus: %-7s recall %3d/%-3d = %.2f   listed precision %3d/%-3d = %.2f\n",
           kind, s->found, s->expected, r, s->matched, s->extracted, p);
}

static double recall(const score *s) { return s->expected ? (double)s->found / s->expected : 1; }

static corpus *load_corpus(void)
{
    static corpus c;
    static int loaded;
    if (loaded)
        return c.n ? &c : NULL;
    loaded = 1;
    /* gold.tsv: id, story_id (read as kind), dup_group */
    c.n_gold = tsv_load("corpus/gold.tsv", c.gold, 256, 3, 2);
    if (c.n_gold < 0)
        c.n_gold = 0;
    c.ctx = sl_ctx_new(NULL, NULL);
    sl_read_path(c.ctx, "corpus", keep_article, &c);
    return c.n ? &c : NULL;
}

static int article_index(const corpus *c, const char *id)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->arts[i]->id, id))
            return i;
    return -1;
}

TEST(facts_corpus_recall_and_listed_precision)
{
    static tsv_row rows[MAX_ROWS];
    int nr = tsv_load("corpus/facts.tsv", rows, MAX_ROWS, 4, 1);
    CHECK(nr > 300);
    corpus *c = load_corpus();
    CHECK(c != NULL);
    if (!c || nr <= 0)
        return;
    CHECK_INT(c->n, 50);
    score ent[3] = {{0}}, fig = {0}, quo = {0};
    int speakers = 0, approx_rows = 0, approx_ok = 0;
    for (int i = 0; i < nr; i++) {
        tsv_row *r = &rows[i];
        int ai = article_index(c, r->id);
        if (ai < 0)
            continue;
        const sl_facts *f = c->facts[ai];
        int k = kind_of(r->kind);
        if (k >= 0) {
            char key[512];
            name_key(r->value, key, sizeof key);
            ent[k].expected++;
            bool hit = false;
            for (size_t e = 0; e < f->n_entities && !hit; e++)
                hit = f->entities[e].kind == k && entity_matches(&f->entities[e], key);
            if (hit)
                ent[k].found++;
            else
                printf("facts corpus: missed %s \"%s\" in %s\n", r->kind, r->value, r->id);
        } else if (!strcmp(r->kind, "figure")) {
            bool pct;
            double v = parse_value(r->value, &pct);
            fig.expected++;
            const sl_figure *hit = NULL;
            for (size_t g = 0; g < f->n_figures && !hit; g++) {
                const sl_figure *x = &f->figures[g];
                if (fabs(x->value - v) <= 1e-6 * (fabs(v) + 1) &&
                    (!pct || x->kind == SL_FIG_PERCENT))
                    hit = x;
            }
            if (hit)
                fig.found++;
            else
                printf("facts corpus: missed figure %s (%s) in %s\n", r->value, r->detail, r->id);
            bool appr = strstr(r->detail, "(environ)") || strstr(r->detail, "(about)") ||
                        strstr(r->detail, "(près de)") || strstr(r->detail, "(more than)") ||
                        strstr(r->detail, "(plus de)") || strstr(r->detail, "(at least)");
            if (appr && hit) {
                approx_rows++;
                approx_ok += hit->approx != SL_APPROX_EXACT;
            }
        } else if (!strcmp(r->kind, "quote")) {
            quo.expected++;
            const sl_quote *hit = NULL;
            for (size_t q = 0; q < f->n_quotes && !hit; q++)
                if (starts_with_words(f->quotes[q].text, r->value))
                    hit = &f->quotes[q];
            if (!hit) {
                printf("facts corpus: missed quote \"%s\" in %s\n", r->value, r->id);
                continue;
            }
            quo.found++;
            char want[256], got[256];
            sl_fact_key(r->detail, want, sizeof want);
            const char *sp = hit->speaker ? hit->speaker : "";
            const char *last = strrchr(sp, ' ');
            sl_fact_key(last ? last + 1 : sp, got, sizeof got);
            char whole[512];
            sl_fact_key(sp, whole, sizeof whole);
            size_t lw = strlen(want), lg = strlen(whole);
            if (!strcmp(want, got) || (lg >= lw && !strcmp(whole + lg - lw, want)))
                speakers++;
            else
                printf("facts corpus: quote \"%s\" in %s: speaker %s, expected %s\n", r->value,
                       r->id, sp[0] ? sp : "(none)", r->detail);
        }
    }
    /* listed precision: extracted items matching a listed row */
    for (int ai = 0; ai < c->n; ai++) {
        const sl_facts *f = c->facts[ai];
        const char *id = c->arts[ai]->id;
        bool listed = false;
        for (int i = 0; i < nr && !listed; i++)
            listed = !strcmp(rows[i].id, id) && kind_of(rows[i].kind) >= 0;
        for (size_t e = 0; e < f->n_entities && listed; e++) {
            const sl_entity *en = &f->entities[e];
            if (en->kind == SL_ENT_OTHER)
                continue;
            ent[en->kind].extracted++;
            for (int i = 0; i < nr; i++) {
                if (strcmp(rows[i].id, id) || kind_of(rows[i].kind) != en->kind)
                    continue;
                char key[512];
                name_key(rows[i].value, key, sizeof key);
                if (entity_matches(en, key)) {
                    ent[en->kind].matched++;
                    break;
                }
            }
        }
    }
    report("person", &ent[SL_ENT_PERSON]);
    report("org", &ent[SL_ENT_ORG]);
    report("place", &ent[SL_ENT_PLACE]);
    report("figure", &fig);
    report("quote", &quo);
    printf("facts corpus: quote speakers right %d/%d; approximations marked %d/%d\n", speakers,
           quo.found, approx_ok, approx_rows);
    /* regression floors, below the values measured when this was written */
    CHECK(recall(&ent[SL_ENT_PERSON]) >= 0.85);
    CHECK(recall(&ent[SL_ENT_ORG]) >= 0.70);
    if (sl_gazetteer_path(c->ctx))
        CHECK(recall(&ent[SL_ENT_PLACE]) >= 0.80);
    else /* towns named without a cue need the gazetteer */
        printf("facts corpus: no gazetteer: place recall not checked\n");
    CHECK(recall(&fig) >= 0.80);
    CHECK(recall(&quo) >= 0.95);
    CHECK(quo.found == 0 || (double)speakers / quo.found >= 0.85);
    CHECK(approx_rows == 0 || approx_ok * 10 >= approx_rows * 8);
    tsv_free(rows, nr);
}

/* ------------------------------------------------------------- exonyms */

static const sl_entity *find_entity(const corpus *c, const char *id, const char *text)
{
    int ai = article_index(c, id);
    if (ai < 0)
        return NULL;
    char key[512];
    sl_fact_key(text, key, sizeof key);
    const sl_facts *f = c->facts[ai];
    for (size_t e = 0; e < f->n_entities; e++)
        if (entity_matches(&f->entities[e], key))
            return &f->entities[e];
    return NULL;
}

TEST(facts_corpus_exonyms_resolve_to_the_same_place)
{
    corpus *c = load_corpus();
    CHECK(c != NULL);
    if (!c)
        return;
    if (!sl_gazetteer_path(c->ctx)) {
        printf("facts corpus: SKIPPED exonym resolution: no gazetteer "
               "(scripts/install-deps.sh, then make)\n");
        return;
    }
    static const char *const pairs[][4] = {
        {"courrier-du-matin/greve-dockers-anvers", "Anvers",
         "harbour-gazette/dock-strike-antwerp-rotterdam", "Antwerp"},
        {"courrier-du-matin/pologne-legislatives", "Varsovie",
         "northbridge-herald/poland-election-kowal", "Warsaw"},
        {"echo-rhodanien/vaccin-bronchiolite-lyon", "Londres", "meridian-2026-0422-a", "London"},
        {"courrier-du-matin/brennholt-vandersteen", "Hambourg",
         "harbour-gazette/dock-strike-antwerp-rotterdam", "Hamburg"},
        {"courrier-du-matin/greve-dockers-anvers", "La Haye",
         "harbour-gazette/dock-strike-antwerp-rotterdam", "The Hague"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const sl_entity *a = find_entity(c, pairs[i][0], pairs[i][1]);
        const sl_entity *b = find_entity(c, pairs[i][2], pairs[i][3]);
        CHECK(a && b);
        if (!a || !b)
            continue;
        CHECK(a->kind == SL_ENT_PLACE && b->kind == SL_ENT_PLACE);
        CHECK(a->resolved && b->resolved);
        if (!a->resolved || !b->resolved)
            continue;
        if (fabs(a->lat - b->lat) > 1e-6 || fabs(a->lon - b->lon) > 1e-6 ||
            strcmp(a->country, b->country))
            harness_fail(__FILE__, __LINE__, "%s (%s %.3f,%.3f) and %s (%s %.3f,%.3f) differ",
                         pairs[i][1], a->country, a->lat, a->lon, pairs[i][3], b->country, b->lat,
                         b->lon);
    }
    /* the country context: Saint-Denis of the Stade de France, not Réunion */
    const sl_entity *sd = find_entity(c, "courrier-du-matin/finale-coupe-de-france", "Saint-Denis");
    CHECK(sd && sd->resolved && !strcmp(sd->country, "FR"));
}

/* ------------------------------------------------------- story level */

static int story_members(const corpus *c, const char *story, const sl_article **arts,
                         const sl_facts **facts)
{
    int n = 0;
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->story[i], story)) {
            arts[n] = c->arts[i];
            facts[n] = c->facts[i];
            n++;
        }
    return n;
}

static bool same_set(const sl_alias_sets *s, const char *a, const char *b)
{
    long x = sl_alias_sets_find(s, a), y = sl_alias_sets_find(s, b);
    return x >= 0 && x == y;
}

TEST(facts_corpus_alias_sets)
{
    corpus *c = load_corpus();
    CHECK(c != NULL);
    if (!c)
        return;
    const sl_article *arts[MAX_ARTS];
    const sl_facts *facts[MAX_ARTS];
    int n = story_members(c, "strike-ports-2026-05", arts, facts);
    CHECK_INT(n, 6);
    sl_alias_sets *s = sl_alias_sets_build(c->ctx, facts, (size_t)n);
    CHECK(same_set(s, "Union of Dock Workers", "UDW"));
    CHECK(same_set(s, "Union of Dock Workers", "Union des dockers"));
    CHECK(same_set(s, "Port Employers' Federation", "PEF"));
    if (sl_gazetteer_path(c->ctx))
        CHECK(same_set(s, "Anvers", "Antwerp"));
    CHECK(!same_set(s, "Antwerp", "Rotterdam"));
    sl_alias_sets_free(s);

    n = story_members(c, "fire-saintfons-2026-06", arts, facts);
    CHECK_INT(n, 5);
    s = sl_alias_sets_build(c->ctx, facts, (size_t)n);
    CHECK(same_set(s, "Chimirhône", "Chimirhone"));
    CHECK(same_set(s, "Philippe Garnier-Dutheil", "Garnier-Dutheil"));
    sl_alias_sets_free(s);

    n = story_members(c, "election-poland-2026-09", arts, facts);
    s = sl_alias_sets_build(c->ctx, facts, (size_t)n);
    CHECK(same_set(s, "Anna Kowal", "Kowal"));
    if (sl_gazetteer_path(c->ctx))
        CHECK(same_set(s, "Varsovie", "Warsaw"));
    sl_alias_sets_free(s);
}

/* The group holding a figure of value v of article id, or NULL. */
static const sl_figure_group *group_of(const sl_figure_groups *g, const char *id,
                                       const corpus *c, double v)
{
    int ai = article_index(c, id);
    if (ai < 0)
        return NULL;
    const sl_facts *f = c->facts[ai];
    for (size_t i = 0; i < g->n; i++)
        for (size_t k = 0; k < g->groups[i].n_values; k++) {
            const sl_figure *x = g->groups[i].values[k].fig;
            if (x >= f->figures && x < f->figures + f->n_figures &&
                fabs(x->value - v) < 1e-6 * (v + 1))
                return &g->groups[i];
        }
    return NULL;
}

/* Checks that the figures (id1, v1) and (id2, v2) fall in one group and
 * that the group's disagreement flag is as stated. */
static void check_pair(const corpus *c, const char *story, const char *id1, double v1,
                       const char *id2, double v2, bool disagree)
{
    const sl_article *arts[MAX_ARTS];
    const sl_facts *facts[MAX_ARTS];
    int n = story_members(c, story, arts, facts);
    sl_figure_groups *g = sl_figure_groups_build(c->ctx, arts, facts, (size_t)n);
    const sl_figure_group *a = group_of(g, id1, c, v1), *b = group_of(g, id2, c, v2);
    if (!a || !b || a != b)
        harness_fail(__FILE__, __LINE__, "%s: %g (%s) and %g (%s) not grouped together", story,
                     v1, id1, v2, id2);
    else if (a->disagree != disagree)
        harness_fail(__FILE__, __LINE__, "%s: group %s of %g and %g: disagree=%d, expected %d",
                     story, a->key, v1, v2, a->disagree, disagree);
    sl_figure_groups_free(g);
}

TEST(facts_corpus_figure_disagreements)
{
    corpus *c = load_corpus();
    CHECK(c != NULL);
    if (!c)
        return;
    /* formatting only: no disagreement */
    check_pair(c, "strike-ports-2026-05", "harbour-gazette/dock-strike-antwerp-rotterdam", 150000,
               "atlas-2026-0519-0032", 150000, false);
    check_pair(c, "election-poland-2026-09", "courrier-du-matin/pologne-legislatives", 34.2,
               "northbridge-herald/poland-election-kowal", 34.2, false);
    check_pair(c, "merger-shipping-2026-07", "harbour-gazette/brennholt-vandersteen-deal", 4.2e9,
               "courrier-du-matin/brennholt-vandersteen", 4.2e9, false);
    /* real disagreements */
    check_pair(c, "cup-final-2026-05", "courrier-du-matin/finale-coupe-de-france", 78000,
               "voix-estuaire/saint-nazaire-nuit-de-folie", 77500, true);
    check_pair(c, "fire-saintfons-2026-06", "courrier-du-matin/incendie-saint-fons", 7,
               "echo-rhodanien/saint-fons-temoignages", 8, true);
    check_pair(c, "navy-guinea-2026-11", "courrier-du-matin/golfe-de-guinee-petrolier", 18,
               "meridian-2026-1112-a", 19, true);
    check_pair(c, "election-poland-2026-09", "courrier-du-matin/pologne-legislatives", 71.3,
               "northbridge-herald/poland-election-kowal", 70, true);
    check_pair(c, "strike-ports-2026-05", "lowland-courier/dockers-rotterdam-analysis", 70,
               "harbour-gazette/dock-strike-antwerp-rotterdam", 60, true);
    check_pair(c, "flood-loire-2026-10", "courrier-du-matin/crue-loire-02", 4000,
               "meridian-2026-1025-a", 4200, true);
}
