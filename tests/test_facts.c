/*
 * test_facts.c — unit tests of the facts library: the name key, the
 * gazetteer (skipped with a message when it is not built), alias sets and
 * figure groups on invented articles, and robustness on odd input.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../src/facts/facts.h"
#include "harness.h"

static const char *key(const char *s)
{
    static char out[8][256];
    static int k;
    k = (k + 1) % 8;
    sl_fact_key(s, out[k], sizeof out[k]);
    return out[k];
}

TEST(facts_key_transliteration)
{
    static const char *const same[][2] = {
        {"al-Qaïm", "Al Qaim"},       {"al Qaïm", "Qaïm"},          {"AL-QAIM", "al-Qaïm"},
        {"Daech", "Daesh"},           {"Mossoul", "Mosul"},         {"Chimirhône", "Chimirhone"},
        {"Jean-Pierre", "Jean Pierre"}, {"Müller", "Muller"},       {"État islamique", "Etat islamique"},
        {"Iraq", "Irak"},             {"Djihad", "Jihad"},          {"Hassan", "Hasan"},
        {"Ørsted", "Orsted"},         {"Łódź", "Lodz"},             {"O'Brien", "OBrien"},
        {"Saint-Denis", "SAINT DENIS"}, {"Straße", "Strasse"},      {"Philadelphia", "Filadelfia"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (strcmp(key(same[i][0]), key(same[i][1])) != 0)
            harness_fail(__FILE__, __LINE__, "key(%s)=%s != key(%s)=%s", same[i][0],
                         key(same[i][0]), same[i][1], key(same[i][1]));
    static const char *const differ[][2] = {
        {"Lyon", "Lion"},    {"Antwerp", "Rotterdam"}, {"Paris", "Parise"},
        {"Mueller", "Muller"}, {"Al", "El"},           {"Kiev", "Kyiv"},
    };
    for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++)
        if (strcmp(key(differ[i][0]), key(differ[i][1])) == 0)
            harness_fail(__FILE__, __LINE__, "key(%s) == key(%s) = %s", differ[i][0],
                         differ[i][1], key(differ[i][0]));
    CHECK_STR(key("Mossoul"), "mosul");
    CHECK_STR(key("al-Qaïm"), "kaim");
    CHECK_STR(key("Al"), "al"); /* an "al" alone stays */
    CHECK_STR(key(""), "");
    CHECK_STR(key("-- ' . --"), "");
}

TEST(facts_key_odd_input)
{
    char out[64];
    CHECK_INT(sl_fact_key(NULL, out, sizeof out), 0);
    CHECK_STR(out, "");
    CHECK_INT(sl_fact_key("abc", out, 0), 0);
    CHECK_INT(sl_fact_key("abcdef", out, 3), 2); /* cut to fit */
    CHECK_STR(out, "ab");
    CHECK(sl_fact_key("\xff\xfe Mos\xc3oul \x80", out, sizeof out) > 0); /* invalid UTF-8 */
    char *big = malloc(100001);
    for (int i = 0; i < 100000; i++)
        big[i] = "Aé- "[i % 5 == 0 ? 3 : i % 3];
    big[100000] = 0;
    char small[16];
    size_t n = sl_fact_key(big, small, sizeof small);
    CHECK(n < sizeof small);
    CHECK_INT(strlen(small), n);
    free(big);
    /* a cut never leaves half a UTF-8 sequence */
    char cut[6];
    sl_fact_key("ΑΘΗΝΑ", cut, sizeof cut);
    for (size_t i = 0; cut[i]; i++)
        if ((unsigned char)cut[i] >= 0xC0)
            CHECK(cut[i + 1] != 0);
}

/* ------------------------------------------------------------- gazetteer */

static bool need_gazetteer(sl_ctx *ctx, const char *test)
{
    if (sl_gazetteer_path(ctx))
        return true;
    printf("%s: SKIPPED, no gazetteer (scripts/install-deps.sh, then make)\n", test);
    return false;
}

TEST(facts_gazetteer_exonyms)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    if (!need_gazetteer(ctx, "facts_gazetteer_exonyms")) {
        sl_ctx_free(ctx);
        return;
    }
    static const char *const pairs[][3] = {
        {"Mossoul", "Mosul", "IQ"},   {"Anvers", "Antwerp", "BE"},  {"Londres", "London", "GB"},
        {"Varsovie", "Warsaw", "PL"}, {"Cracovie", "Kraków", "PL"}, {"Hambourg", "Hamburg", "DE"},
        {"La Haye", "The Hague", "NL"}, {"Munich", "München", "DE"}, {"Milan", "Milano", "IT"},
        {"Séville", "Sevilla", "ES"}, {"Côte d'Ivoire", "Ivory Coast", "CI"},
        {"Allemagne", "Germany", "DE"}, {"Alemania", "Deutschland", "DE"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        sl_place a, b;
        bool fa = sl_place_lookup(ctx, pairs[i][0], NULL, 0, &a);
        bool fb = sl_place_lookup(ctx, pairs[i][1], NULL, 0, &b);
        if (!fa || !fb) {
            harness_fail(__FILE__, __LINE__, "%s or %s not found", pairs[i][0], pairs[i][1]);
            continue;
        }
        if (strcmp(a.country, pairs[i][2]) || strcmp(b.country, pairs[i][2]) ||
            fabs(a.lat - b.lat) > 1e-6 || fabs(a.lon - b.lon) > 1e-6)
            harness_fail(__FILE__, __LINE__, "%s → %s %s (%.2f,%.2f); %s → %s %s (%.2f,%.2f)",
                         pairs[i][0], a.name, a.country, a.lat, a.lon, pairs[i][1], b.name,
                         b.country, b.lat, b.lon);
    }
    sl_place p;
    CHECK(!sl_place_lookup(ctx, "Vallières-sur-Loire", NULL, 0, &p)); /* invented */
    CHECK(!sl_place_lookup(ctx, "", NULL, 0, &p));
    CHECK(!sl_place_lookup(ctx, NULL, NULL, 0, &p));
    CHECK(sl_place_lookup(ctx, "Mosul", NULL, 0, &p) && fabs(p.lat - 36.3) < 0.5 &&
          fabs(p.lon - 43.1) < 0.5);
    CHECK(sl_place_lookup(ctx, "France", NULL, 0, &p) && p.is_country && !strcmp(p.country, "FR"));
    sl_ctx_free(ctx);
}

TEST(facts_gazetteer_country_context)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    if (!need_gazetteer(ctx, "facts_gazetteer_country_context")) {
        sl_ctx_free(ctx);
        return;
    }
    sl_place p;
    const char *fr[] = {"FR"}, *re[] = {"RE"}, *us[] = {"US"}, *ca[] = {"CA"};
    /* the most populous without context, the context's own with it */
    CHECK(sl_place_lookup(ctx, "Saint-Denis", NULL, 0, &p) && !strcmp(p.country, "RE"));
    CHECK(sl_place_lookup(ctx, "Saint-Denis", fr, 1, &p) && !strcmp(p.country, "FR"));
    CHECK(sl_place_lookup(ctx, "Saint-Denis", re, 1, &p) && !strcmp(p.country, "RE"));
    CHECK(sl_place_lookup(ctx, "London", ca, 1, &p) && !strcmp(p.country, "CA"));
    /* ... unless the world's reading dwarfs the context's */
    CHECK(sl_place_lookup(ctx, "London", us, 1, &p) && !strcmp(p.country, "GB"));
    /* codes match only in capitals */
    CHECK(sl_place_lookup(ctx, "UK", NULL, 0, &p) && !strcmp(p.country, "GB"));
    sl_ctx_free(ctx);
}

/* ------------------------------------------------------- invented stories */

typedef struct story {
    sl_ctx *ctx;
    sl_article *a[8];
    const sl_facts *f[8];
    size_t n;
} story;

static void story_add(story *s, const char *outlet, const char *lang, const char *text)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    char id[32];
    snprintf(id, sizeof id, "t%zu", s->n);
    raw.id = id;
    raw.source = outlet;
    raw.title = "Test";
    raw.lang = lang;
    raw.text = text;
    raw.text_len = strlen(text);
    raw.origin = "test";
    sl_article *a = sl_article_build(s->ctx, &raw);
    if (!a)
        return;
    s->a[s->n] = a;
    s->f[s->n] = sl_facts_extract(s->ctx, a);
    s->n++;
}

static void story_free(story *s)
{
    for (size_t i = 0; i < s->n; i++)
        sl_article_free(s->a[i]);
    sl_ctx_free(s->ctx);
}

static bool together(const sl_alias_sets *s, const char *a, const char *b)
{
    long x = sl_alias_sets_find(s, a), y = sl_alias_sets_find(s, b);
    return x >= 0 && x == y;
}

TEST(facts_alias_sets_invented_story)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Le Veilleur", "fr",
              "Le groupe Etat islamique (EI) a revendiqué mardi l'attaque contre un poste "
              "militaire près d'al-Qaïm, a affirmé le général Paul Renard.\n\n"
              "Selon M. Renard, l'EI a perdu plusieurs positions depuis janvier.");
    story_add(&s, "Evening Ledger", "en",
              "The Islamic State group claimed the attack near Al Qaim, General Paul Renard "
              "said on Tuesday. Daesh fighters fled, Renard added.");
    story_add(&s, "Abendblatt", "de",
              "Die Terrormiliz Daech bekannte sich zu dem Anschlag bei Qaim, sagte General "
              "Paul Renard am Dienstag.");
    sl_alias_sets *as = sl_alias_sets_build(s.ctx, s.f, s.n);
    CHECK(together(as, "Etat islamique", "EI"));
    CHECK(together(as, "Daesh", "Daech"));
    CHECK(together(as, "al-Qaïm", "Al Qaim"));
    CHECK(together(as, "Paul Renard", "M. Renard"));
    CHECK(together(as, "Paul Renard", "Renard"));
    CHECK(!together(as, "Paul Renard", "EI"));
    long pr = sl_alias_sets_find(as, "Paul Renard");
    CHECK(pr >= 0);
    if (pr >= 0) {
        CHECK_STR(as->sets[pr].canonical, "Paul Renard");
        CHECK_INT(as->sets[pr].kind, SL_ENT_PERSON);
        CHECK_INT(as->sets[pr].n_articles, 3);
    }
    long ei = sl_alias_sets_find(as, "EI");
    CHECK(ei >= 0 && as->sets[ei].acronym && !strcmp(as->sets[ei].acronym, "EI"));
    CHECK(sl_alias_sets_find(as, "Nobody Here") < 0);
    CHECK(sl_alias_sets_find(as, NULL) < 0);
    sl_alias_sets_free(as);
    story_free(&s);
}

/* The group of the figure with value v in article k, or NULL. */
static const sl_figure_group *group_with(const sl_figure_groups *g, const story *s, size_t k,
                                         double v)
{
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->groups[i].n_values; j++) {
            const sl_figure_value *x = &g->groups[i].values[j];
            if (x->article == k && fabs(x->fig->value - v) < 1e-9 * (v + 1) &&
                x->fig >= s->f[k]->figures && x->fig < s->f[k]->figures + s->f[k]->n_figures)
                return &g->groups[i];
        }
    return NULL;
}

/* Two one-sentence articles; their figures v1 and v2 must be grouped, and
 * disagree (or not). */
static void pair(const char *l1, const char *t1, double v1, const char *l2, const char *t2,
                 double v2, bool disagree, int line)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Outlet One", l1, t1);
    story_add(&s, "Outlet Two", l2, t2);
    sl_figure_groups *g = sl_figure_groups_build(s.ctx, (const sl_article *const *)s.a, s.f, s.n);
    const sl_figure_group *a = s.n == 2 ? group_with(g, &s, 0, v1) : NULL;
    const sl_figure_group *b = s.n == 2 ? group_with(g, &s, 1, v2) : NULL;
    if (!a || !b || a != b)
        harness_fail(__FILE__, line, "\"%s\" / \"%s\": %g and %g not grouped", t1, t2, v1, v2);
    else if (a->disagree != disagree)
        harness_fail(__FILE__, line, "\"%s\" / \"%s\": disagree=%d, expected %d (group %s)", t1,
                     t2, a->disagree, disagree, a->key);
    else if (a->n_articles != 2 || a->min > a->max)
        harness_fail(__FILE__, line, "group %s: %u articles", a->key, a->n_articles);
    sl_figure_groups_free(g);
    story_free(&s);
}

TEST(facts_figure_groups_formatting_is_not_disagreement)
{
    pair("fr", "Quelque 1.500 habitants ont été évacués dimanche.", 1500, "en",
         "Some 1,500 residents were evacuated on Sunday.", 1500, false, __LINE__);
    pair("fr", "Au total, 1 500 habitants ont été évacués.", 1500, "de",
         "Insgesamt wurden 1.500 Einwohner evakuiert.", 1500, false, __LINE__);
    pair("en", "The port handled 150,000 containers last week.", 150000, "en",
         "The port handled 150'000 containers last week.", 150000, false, __LINE__);
    pair("fr", "Le parti a obtenu 34,2 % des voix.", 34.2, "en",
         "The party won 34.2 percent of the vote.", 34.2, false, __LINE__);
    pair("fr", "Le vaccin réduit de près de 90 % les hospitalisations.", 90, "fr",
         "Le vaccin réduit de 89,6 % les hospitalisations.", 89.6, false, __LINE__);
    pair("fr", "Plus de 60 navires attendaient au large.", 60, "fr",
         "Une soixantaine de navires attendaient au large.", 60, false, __LINE__);
    pair("es", "Al menos 12 personas murieron en la inundación.", 12, "it",
         "Almeno 12 persone sono morte nell'alluvione.", 12, false, __LINE__);
}

TEST(facts_figure_groups_real_disagreements)
{
    pair("fr", "Quelque 1.500 habitants ont été évacués dimanche.", 1500, "fr",
         "Environ 1 400 habitants ont été évacués dimanche.", 1400, true, __LINE__);
    pair("fr", "Le stade comptait 78.000 spectateurs.", 78000, "fr",
         "Le stade comptait 77 500 spectateurs.", 77500, true, __LINE__);
    pair("en", "More than 60 vessels were waiting at anchor.", 60, "en",
         "About 70 ships were waiting at anchor.", 70, true, __LINE__);
    pair("fr", "Près de 4.000 habitants ont été évacués.", 4000, "en",
         "About 4,200 people were evacuated.", 4200, true, __LINE__);
    pair("en", "Seven people were injured in the blast.", 7, "fr",
         "L'explosion a fait huit blessés.", 8, true, __LINE__);
    pair("de", "Bei dem Unglück wurden 14 Menschen getötet.", 14, "en",
         "At least 12 people were killed in the accident.", 12, true, __LINE__);
}

TEST(facts_figure_values_and_qualifiers)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "O", "fr",
              "Le rachat atteint 4,2 milliards d'euros. Près de 90 % de leur territoire a été "
              "repris par 1.500 djihadistes. Un homme de 78 ans est mort. Le but est tombé à la "
              "7e minute.");
    story_add(&s, "O", "en",
              "The deal is worth $4.9 billion. Forces retook 70 percent of east Mosul, and at "
              "least 50,000 residents fled in 2016.");
    CHECK_INT(s.n, 2);
    if (s.n == 2) {
        const sl_facts *f = s.f[0];
        int seen = 0;
        for (size_t i = 0; i < f->n_figures; i++) {
            const sl_figure *g = &f->figures[i];
            if (fabs(g->value - 4.2e9) < 1) {
                seen |= 1;
                CHECK_INT(g->kind, SL_FIG_MONEY);
                CHECK_STR(g->currency, "EUR");
            } else if (g->value == 90) {
                seen |= 2;
                CHECK_INT(g->kind, SL_FIG_PERCENT);
                CHECK_INT(g->approx, SL_APPROX_NEARLY);
            } else if (g->value == 1500) {
                seen |= 4;
                CHECK_STR(g->unit, "djihadistes");
            } else if (g->value == 78) {
                seen |= 8;
                CHECK_INT(g->kind, SL_FIG_AGE);
            } else if (g->value == 7) {
                seen |= 16;
                CHECK_INT(g->kind, SL_FIG_ORDINAL);
            }
        }
        CHECK_INT(seen, 31);
        f = s.f[1];
        seen = 0;
        for (size_t i = 0; i < f->n_figures; i++) {
            const sl_figure *g = &f->figures[i];
            CHECK(g->value != 2016); /* a year is not a figure */
            if (fabs(g->value - 4.9e9) < 1) {
                seen |= 1;
                CHECK_STR(g->currency, "USD");
            } else if (g->value == 70) {
                seen |= 2;
                CHECK_INT(g->kind, SL_FIG_PERCENT);
                CHECK(g->subject && strstr(g->subject, "Mosul"));
            } else if (g->value == 50000) {
                seen |= 4;
                CHECK_INT(g->approx, SL_APPROX_AT_LEAST);
            }
        }
        CHECK_INT(seen, 7);
    }
    story_free(&s);
}

/* ------------------------------------------------------------ robustness */

static void quiet(void *u, sl_severity sev, const char *f, unsigned l, const char *m)
{
    (void)u, (void)sev, (void)f, (void)l, (void)m;
}

TEST(facts_odd_input_never_crashes)
{
    sl_ctx *ctx = sl_ctx_new(quiet, NULL);
    size_t big = 300000;
    char *t = malloc(big + 1);
    const char *pieces[] = {"« ", " » ", "\" ", "“", "”", "Jean ", "Dupont ", "(UDW) ", "1.500 ",
                            "% ", "M. ", "de ", "la ", "Ville-sur-Mer ", "a déclaré ", ", ",
                            ". ", "\xff", "\xc3", "99999999999999999999999 ", "milliards ",
                            "\n\n", "l'", "PRIME MINISTER ", "Al-", "environ ", "-"};
    unsigned r = 12345;
    size_t k = 0;
    while (k < big) {
        r = r * 1103515245u + 12345u;
        const char *p = pieces[(r >> 16) % (sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (k + l > big)
            break;
        memcpy(t + k, p, l);
        k += l;
    }
    t[k] = 0;
    const char *texts[] = {"", " ", "«", "»«", "\"\"\"", "“ ” „", "(A) (B) (C)", "M.", "Mme",
                           "1 %", "de de de de", t};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        sl_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.id = "odd";
        raw.title = "Odd";
        raw.lang = i % 2 ? "en" : "fr";
        raw.text = texts[i];
        raw.text_len = strlen(texts[i]);
        sl_article *a = sl_article_build(ctx, &raw);
        if (!a)
            continue;
        sl_facts *f = sl_facts_extract(ctx, a);
        CHECK(f != NULL);
        for (size_t e = 0; e < f->n_entities; e++)
            CHECK(f->entities[e].text && f->entities[e].key && f->entities[e].n_forms >= 1);
        for (size_t m = 0; m < f->n_mentions; m++)
            CHECK(f->mentions[m].entity < f->n_entities &&
                  f->mentions[m].span.end <= a->text_len);
        for (size_t q = 0; q < f->n_quotes; q++)
            CHECK(f->quotes[q].span.end <= a->text_len &&
                  (f->quotes[q].entity < 0 || (size_t)f->quotes[q].entity < f->n_entities));
        const sl_facts *fs[2] = {f, f};
        sl_alias_sets *as = sl_alias_sets_build(ctx, fs, 2);
        sl_alias_sets_free(as);
        const sl_article *arts[2] = {a, a};
        sl_figure_groups *g = sl_figure_groups_build(ctx, arts, fs, 2);
        sl_figure_groups_free(g);
        sl_article_free(a);
    }
    sl_alias_sets_free(sl_alias_sets_build(ctx, NULL, 0));
    sl_figure_groups_free(sl_figure_groups_build(ctx, NULL, NULL, 0));
    free(t);
    sl_ctx_free(ctx);
}
