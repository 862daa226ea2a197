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

/* ------------------------------------------------------ a big alias story */

/* A story of 400 invented articles in five languages: 10 people named in
 * full, then by surname and with an honorific; 6 organisations given as
 * "Expansion (ACRO)" then by acronym; two invented noise names an article
 * (some with a real surname's first letters). The French articles also
 * name "BK" alone, which the gazetteer reads as a place: the set of "Bund
 * der Küstenfischer (BK)" must stay an organisation. The alias sets must
 * keep each person and organisation whole and apart, and be the same when
 * built twice. */

enum { BIG_N = 400, BIG_PEOPLE = 10, BIG_ORGS = 6, BIG_NOISE = 2 * BIG_N };

static const char *const big_people[BIG_PEOPLE][2] = {
    {"Liora", "Vennikor"},    {"Tomas", "Brandolet"},   {"Ilse", "Marquandt"},
    {"Rafael", "Osterbek"},   {"Giulia", "Pandolfini"}, {"Henrik", "Zavelund"},
    {"Amaia", "Etxegorri"},   {"Corentin", "Flamarède"}, {"Mirela", "Dravonesti"},
    {"Ottavio", "Rinaldesco"}};

/* {expansion, acronym}; the language of each below */
static const char *const big_orgs[BIG_ORGS][2] = {
    {"Union of Dock Workers", "UDW"},    {"Office national des forêts alpines", "ONFA"},
    {"Bund der Küstenfischer", "BK"},    {"Agencia Fluvial del Norte", "AFN"},
    {"Consorzio Idrico Lombardo", "CIL"}, {"Federation of Glass Makers", "FGM"}};

static const char *const big_langs[5] = {"fr", "en", "de", "es", "it"};

/* The person named first and second in article k, and its organisation. */
static int big_p1(int k) { return (k / 5) % BIG_PEOPLE; }
static int big_p2(int k) { return (k / 5 + 1 + k % 5) % BIG_PEOPLE; }
static int big_org(int k)
{
    static const int of_lang[5] = {1, 0, 2, 3, 4};
    return k % 5 == 1 && (k / 5) % 2 ? 5 : of_lang[k % 5];
}

/* The honorific form of person p in article k (language k % 5). */
static void big_honorific(int k, int p, char *out, size_t cap)
{
    static const char *const hon[5] = {"M.", "Mr", "Herr", "Sr.", "sig."};
    const char *h = hon[k % 5];
    if (k % 5 == 1 && (k / 50) % 2)
        h = "Ms";
    snprintf(out, cap, "%s %s", h, big_people[p][1]);
}

/* Noise name i ("Glemri Tevoka"): invented syllables; one in ten takes
 * the first five letters of a real surname ("Vennikaka"). */
static void big_noise(int i, char *out, size_t cap)
{
    static const char *const syl[20] = {"ka", "lo", "mi", "te", "ru", "sa", "vi", "zo", "da",
                                        "le", "mo", "nu", "ri", "vo", "ge", "pa", "ti", "se",
                                        "na", "bu"};
    static const char *const head[8] = {"Trav", "Glem", "Drosk", "Vrel", "Smit", "Kron",
                                        "Plav", "Zest"};
    char first[16], last[32];
    snprintf(first, sizeof first, "%s%s", head[(7 * i + 3) % 8], syl[(i / 3) % 20]);
    if (i % 10 == 0)
        snprintf(last, sizeof last, "%.5s%s%s", big_people[(i / 10) % BIG_PEOPLE][1],
                 syl[(i / 100) % 20], syl[(i / 10) % 20]);
    else
        snprintf(last, sizeof last, "%s%s%s", syl[i % 20], syl[(i / 20) % 20], syl[(i / 400) % 20]);
    if (i % 10 != 0)
        last[0] = (char)(last[0] - 32);
    snprintf(out, cap, "%s %s", first, last);
}

static void big_text(int k, char *out, size_t cap)
{
    static const char *const tpl[5] = {
        "%1$s a présenté mardi le rapport annuel de l'%3$s (%4$s). Le texte a été relu par "
        "%5$s et par %2$s.\n\nSelon %7$s, l'%4$s demandera des moyens supplémentaires. "
        "%9$s a approuvé, tout comme %6$s, a indiqué %8$s. Des observateurs du BK étaient "
        "présents.",
        "%1$s presented the annual report of the %3$s (%4$s) on Tuesday. The text was "
        "reviewed by %5$s and by %2$s.\n\nAccording to %7$s, the %4$s will ask for more "
        "funding. %9$s agreed, as did %6$s, %8$s said.",
        "%1$s sprach am Dienstag für den %3$s (%4$s) über den Jahresbericht. Der Text wurde "
        "von %5$s und von %2$s geprüft.\n\nWie %7$s erklärte, wird der %4$s mehr Mittel "
        "fordern. Auch %9$s stimmte zu, ebenso wie %6$s, sagte %8$s.",
        "%1$s presentó el martes el informe anual de la %3$s (%4$s). El texto fue revisado "
        "por %5$s y por %2$s.\n\nSegún el %7$s, la %4$s pedirá más fondos. %9$s estuvo de "
        "acuerdo, igual que %6$s, dijo %8$s.",
        "%1$s ha presentato martedì il rapporto annuale del %3$s (%4$s). Il testo è stato "
        "riletto da %5$s e da %2$s.\n\nSecondo il %7$s, il %4$s chiederà più fondi. %9$s si "
        "è detto d'accordo, come %6$s, ha aggiunto %8$s."};
    int p1 = big_p1(k), p2 = big_p2(k), o = big_org(k);
    char f1[64], f2[64], n1[64], n2[64], h1[64];
    snprintf(f1, sizeof f1, "%s %s", big_people[p1][0], big_people[p1][1]);
    snprintf(f2, sizeof f2, "%s %s", big_people[p2][0], big_people[p2][1]);
    big_noise(2 * k, n1, sizeof n1);
    big_noise(2 * k + 1, n2, sizeof n2);
    big_honorific(k, p1, h1, sizeof h1);
    snprintf(out, cap, tpl[k % 5], f1, f2, big_orgs[o][0], big_orgs[o][1], n1, n2, h1,
             big_people[p1][1], big_people[p2][1]);
}

/* Index of the set with exact member m, or -1; *count gets how many have it. */
static long big_set_of(const sl_alias_sets *as, const char *m, int *count)
{
    long at = -1;
    *count = 0;
    for (size_t i = 0; i < as->n; i++)
        for (size_t j = 0; j < as->sets[i].n_members; j++)
            if (!strcmp(as->sets[i].members[j], m)) {
                (*count)++;
                if (at < 0)
                    at = (long)i;
            }
    return at;
}

static int big_cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The expected forms of person p: full name, surname, honorifics. */
static size_t big_person_forms(int p, char out[8][64])
{
    static const char *const hon[6] = {"M.", "Mr", "Ms", "Herr", "Sr.", "sig."};
    snprintf(out[0], 64, "%s %s", big_people[p][0], big_people[p][1]);
    snprintf(out[1], 64, "%s", big_people[p][1]);
    for (int h = 0; h < 6; h++)
        snprintf(out[2 + h], 64, "%s %s", hon[h], big_people[p][1]);
    return 8;
}

static void big_check_person(const sl_alias_sets *as, int p, long *set)
{
    char forms[8][64];
    size_t nf = big_person_forms(p, forms);
    int cnt;
    long s = big_set_of(as, forms[0], &cnt);
    *set = s;
    if (s < 0) {
        harness_fail(__FILE__, __LINE__, "%s: no set", forms[0]);
        return;
    }
    const sl_alias_set *st = &as->sets[s];
    CHECK_STR(st->canonical, forms[0]);
    CHECK_INT(st->kind, SL_ENT_PERSON);
    if (st->n_articles < 40)
        harness_fail(__FILE__, __LINE__, "%s: %u articles", forms[0], st->n_articles);
    for (size_t f = 1; f < nf; f++)
        if (big_set_of(as, forms[f], &cnt) != s)
            harness_fail(__FILE__, __LINE__, "%s not with %s", forms[f], forms[0]);
    for (size_t m = 0; m < st->n_members; m++) { /* nothing else: no noise */
        bool known = false;
        for (size_t f = 0; f < nf; f++)
            known |= !strcmp(st->members[m], forms[f]);
        if (!known)
            harness_fail(__FILE__, __LINE__, "%s joined %s", st->members[m], forms[0]);
    }
}

static void big_check_org(const sl_alias_sets *as, int o, long *set)
{
    int cnt;
    long s = big_set_of(as, big_orgs[o][0], &cnt), t = big_set_of(as, big_orgs[o][1], &cnt);
    *set = s;
    if (s < 0 || s != t) {
        harness_fail(__FILE__, __LINE__, "%s (%s): sets %ld and %ld", big_orgs[o][0],
                     big_orgs[o][1], s, t);
        return;
    }
    const sl_alias_set *st = &as->sets[s];
    CHECK_STR(st->canonical, big_orgs[o][0]);
    CHECK_STR(st->acronym, big_orgs[o][1]);
    if (st->kind != SL_ENT_ORG)
        harness_fail(__FILE__, __LINE__, "%s: kind %d, expected %d (org)", big_orgs[o][0],
                     st->kind, SL_ENT_ORG);
    if (st->n_members != 2)
        harness_fail(__FILE__, __LINE__, "%s: %zu members (%s, %s, %s...)", big_orgs[o][0],
                     st->n_members, st->members[0], st->n_members > 1 ? st->members[1] : "",
                     st->n_members > 2 ? st->members[2] : "");
}

TEST(facts_alias_sets_big_story)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_article **arts = calloc(BIG_N, sizeof *arts);
    const sl_facts **facts = calloc(BIG_N, sizeof *facts);
    char text[2048], id[16];
    size_t n = 0;
    for (int k = 0; k < BIG_N; k++) {
        big_text(k, text, sizeof text);
        sl_raw raw;
        memset(&raw, 0, sizeof raw);
        snprintf(id, sizeof id, "big%d", k);
        raw.id = id;
        raw.source = "Outlet";
        raw.title = "Report";
        raw.lang = big_langs[k % 5];
        raw.text = text;
        raw.text_len = strlen(text);
        raw.origin = "test";
        arts[n] = sl_article_build(ctx, &raw);
        if (!arts[n])
            continue;
        facts[n] = sl_facts_extract(ctx, arts[n]);
        n++;
    }
    CHECK_INT(n, BIG_N);
    sl_alias_sets *as = sl_alias_sets_build(ctx, facts, n);
    if (as->n < 300)
        harness_fail(__FILE__, __LINE__, "%zu sets, expected at least 300", as->n);
    long ps[BIG_PEOPLE], os[BIG_ORGS];
    for (int p = 0; p < BIG_PEOPLE; p++)
        big_check_person(as, p, &ps[p]);
    for (int o = 0; o < BIG_ORGS; o++)
        big_check_org(as, o, &os[o]);
    for (int p = 0; p < BIG_PEOPLE; p++)
        for (int q = p + 1; q < BIG_PEOPLE; q++)
            if (ps[p] >= 0 && ps[p] == ps[q])
                harness_fail(__FILE__, __LINE__, "%s and %s together", big_people[p][1],
                             big_people[q][1]);
    for (int o = 0; o < BIG_ORGS; o++) {
        for (int q = o + 1; q < BIG_ORGS; q++)
            if (os[o] >= 0 && os[o] == os[q])
                harness_fail(__FILE__, __LINE__, "%s and %s together", big_orgs[o][1],
                             big_orgs[q][1]);
        for (int p = 0; p < BIG_PEOPLE; p++)
            if (os[o] >= 0 && os[o] == ps[p])
                harness_fail(__FILE__, __LINE__, "%s with %s", big_orgs[o][1],
                             big_people[p][1]);
    }
    /* every noise name has a set, none a person's */
    char nm[64];
    for (int i = 0; i < BIG_NOISE; i++) {
        big_noise(i, nm, sizeof nm);
        int cnt;
        long s = big_set_of(as, nm, &cnt);
        if (s < 0) {
            harness_fail(__FILE__, __LINE__, "noise %s: no set", nm);
            continue;
        }
        for (int p = 0; p < BIG_PEOPLE; p++)
            if (s == ps[p])
                harness_fail(__FILE__, __LINE__, "noise %s with %s", nm, big_people[p][1]);
    }
    /* every form in exactly one set */
    size_t nm_all = 0;
    for (size_t i = 0; i < as->n; i++)
        nm_all += as->sets[i].n_members;
    const char **all = malloc((nm_all + 1) * sizeof *all);
    nm_all = 0;
    for (size_t i = 0; i < as->n; i++)
        for (size_t j = 0; j < as->sets[i].n_members; j++)
            all[nm_all++] = as->sets[i].members[j];
    qsort(all, nm_all, sizeof *all, big_cmp_str);
    for (size_t i = 1; i < nm_all; i++)
        if (!strcmp(all[i - 1], all[i]))
            harness_fail(__FILE__, __LINE__, "%s in two sets", all[i]);
    free(all);
    /* most articles first */
    for (size_t i = 1; i < as->n; i++)
        if (as->sets[i].n_articles > as->sets[i - 1].n_articles)
            harness_fail(__FILE__, __LINE__, "set %zu (%u articles) after set %zu (%u)", i,
                         as->sets[i].n_articles, i - 1, as->sets[i - 1].n_articles);
    /* built again: the same */
    sl_alias_sets *again = sl_alias_sets_build(ctx, facts, n);
    CHECK_INT(again->n, as->n);
    for (size_t i = 0; i < as->n && i < again->n; i++)
        if (strcmp(as->sets[i].canonical, again->sets[i].canonical) ||
            as->sets[i].n_members != again->sets[i].n_members ||
            as->sets[i].kind != again->sets[i].kind) {
            harness_fail(__FILE__, __LINE__, "set %zu: %s, then %s", i, as->sets[i].canonical,
                         again->sets[i].canonical);
            break;
        }
    sl_alias_sets_free(again);
    sl_alias_sets_free(as);
    for (size_t i = 0; i < n; i++)
        sl_article_free(arts[i]);
    free(arts);
    free(facts);
    sl_ctx_free(ctx);
}

/* Regression: a dateline's capitals were a set's display name ("HAMBURG · also
 * Hambourg", "PARIS"): any form in mixed case shows first, and a place known
 * only in capitals shows with the gazetteer's spelling. */
TEST(facts_alias_sets_capitals_are_not_the_display_name)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Evening Ledger", "en",
              "HAMBURG (Reuters) - The shipping group Kellmar said on Tuesday it would buy a "
              "rival for two billion euros, its chief executive Anke Rohde told reporters.");
    story_add(&s, "Le Veilleur", "fr",
              "Le groupe de transport maritime Kellmar, basé à Hambourg, a annoncé mardi le "
              "rachat d'un concurrent, a déclaré sa directrice générale Anke Rohde à PARIS.");
    story_add(&s, "Abendblatt", "de",
              "HAMBURG (Reuters) - Die Reederei Kellmar will einen Konkurrenten kaufen, sagte "
              "Anke Rohde am Dienstag.");
    sl_alias_sets *as = sl_alias_sets_build(s.ctx, s.f, s.n);
    long h = sl_alias_sets_find(as, "HAMBURG");
    CHECK(h >= 0);
    if (h >= 0) {
        CHECK(together(as, "HAMBURG", "Hambourg"));
        CHECK_STR(as->sets[h].canonical, "Hambourg");
    }
    long p = sl_alias_sets_find(as, "PARIS");
    CHECK(p >= 0);
    if (p >= 0 && as->sets[p].resolved)
        CHECK_STR(as->sets[p].canonical, "Paris");
    sl_alias_sets_free(as);
    story_free(&s);
}

/* Regression: a company and a person of the same name were one set
 * ("Vandersteen Lines · also Joris Vandersteen, Vandersteen") because both
 * were called "Vandersteen" for short: a word naming a person and the same
 * word naming a company are two forms. */
TEST(facts_alias_sets_company_and_person_of_one_name_stay_apart)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Evening Ledger", "en",
              "The carrier Kellmar agreed on Tuesday to buy Ostwind Lines for two billion "
              "euros. Ostwind shares rose 20% in Hamburg.");
    story_add(&s, "Harbour News", "en",
              "Pieter Ostwind, the chairman of the family firm, will join the board of Kellmar. "
              "Ostwind said the family had agreed to sell.");
    story_add(&s, "Morning Star", "en",
              "Kellmar will buy Ostwind Lines. Chairman Pieter Ostwind backed the deal, and "
              "Ostwind told staff their jobs were safe.");
    sl_alias_sets *as = sl_alias_sets_build(s.ctx, s.f, s.n);
    CHECK(sl_alias_sets_find(as, "Ostwind Lines") >= 0);
    CHECK(sl_alias_sets_find(as, "Pieter Ostwind") >= 0);
    CHECK(!together(as, "Ostwind Lines", "Pieter Ostwind"));
    long p = sl_alias_sets_find(as, "Pieter Ostwind");
    if (p >= 0)
        CHECK_INT(as->sets[p].kind, SL_ENT_PERSON);
    sl_alias_sets_free(as);
    story_free(&s);
}

/* A storm's name is no person or place of the story, even in reports that
 * only give the name ("Teodor moved north") (review: "Ilona · also Storm
 * Ilona" as a person, "Georges" as a place). */
TEST(facts_alias_sets_a_named_storm_is_no_person_or_place)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Evening Ledger", "en",
              "Storm Teodor brought heavy rain to the coast on Monday. Officials said Teodor "
              "would weaken.");
    story_add(&s, "Harbour News", "en",
              "Fishermen stayed in port on Monday. Winds from Teodor reached 150 km/h on the "
              "islands.");
    story_add(&s, "Morning Star", "en",
              "The ferries stopped on Monday. Gusts from Teodor tore roofs off in the harbour.");
    story_add(&s, "Coast Daily", "fr",
              "Le passage de la tempête Teodor a privé 3 000 foyers d'électricité.");
    sl_alias_sets *as = sl_alias_sets_build(s.ctx, s.f, s.n);
    long p = sl_alias_sets_find(as, "Storm Teodor"), q = sl_alias_sets_find(as, "Teodor");
    CHECK(p >= 0);
    CHECK(q >= 0);
    if (p >= 0)
        CHECK_INT(as->sets[p].kind, SL_ENT_OTHER);
    if (q >= 0)
        CHECK_INT(as->sets[q].kind, SL_ENT_OTHER);
    sl_alias_sets_free(as);
    story_free(&s);
}

/* The label of the group holding the figure with value v in article k. */
static const char *label_with(const sl_figure_groups *g, const story *s, size_t k, double v)
{
    const sl_figure_group *x = group_with(g, s, k, v);
    return x && x->label ? x->label : "(none)";
}

/* A group that cannot tell disagreement (a measure, a bare noun) lists only
 * values that agree: a river's level and a flooded floor's height are two
 * facts, not one "mètres" figure (review4: corpus story 1 showed "mètres:
 * 6,12 mètres; hundred metres; 6.12 metres; six mètres; 1.2 metres"). */
TEST(facts_figure_groups_of_measures_keep_one_fact)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Outlet One", "fr", "À Ancenis, la Loire a atteint samedi 6,12 mètres.");
    story_add(&s, "Outlet Two", "en", "At Ancenis the Loire reached 6.12 metres on Saturday.");
    story_add(&s, "Outlet Three", "en", "Her kitchen was flooded to a height of 1.2 metres.");
    story_add(&s, "Outlet Four", "en", "The party won 198 of the 460 seats, and its ally 52 seats.");
    story_add(&s, "Outlet Five", "fr", "Le parti obtient 198 sièges, son allié 52 sièges.");
    sl_figure_groups *g = sl_figure_groups_build(s.ctx, (const sl_article *const *)s.a, s.f, s.n);
    const sl_figure_group *level = group_with(g, &s, 0, 6.12);
    CHECK(level != NULL && level == group_with(g, &s, 1, 6.12));
    CHECK(group_with(g, &s, 2, 1.2) != NULL && group_with(g, &s, 2, 1.2) != level);
    if (level)
        CHECK_INT(level->n_values, 2);
    const sl_figure_group *seats = group_with(g, &s, 3, 198);
    CHECK(seats != NULL && seats == group_with(g, &s, 4, 198));
    CHECK(group_with(g, &s, 3, 52) != NULL && group_with(g, &s, 3, 52) != seats);
    CHECK(group_with(g, &s, 3, 52) == group_with(g, &s, 4, 52));
    CHECK(group_with(g, &s, 3, 460) != seats);
    sl_figure_groups_free(g);
    story_free(&s);
}

/* Labels are words a reader knows, not stems ("percent hospit") nor a
 * dangling "percent " when nothing says what the percentage is of. */
TEST(facts_figure_group_labels_are_words)
{
    story s = {sl_ctx_new(NULL, NULL), {0}, {0}, 0};
    story_add(&s, "Outlet One", "en",
              "The vaccine cut hospitalizations by nearly 90 percent, researchers said.");
    story_add(&s, "Outlet Two", "fr",
              "Le parti centriste arrive derrière les deux autres (11,5 %). Rien d'autre.");
    story_add(&s, "Outlet Three", "en", "The poll found 38 percent of residents opposed the plan.");
    sl_figure_groups *g = sl_figure_groups_build(s.ctx, (const sl_article *const *)s.a, s.f, s.n);
    CHECK_STR(label_with(g, &s, 0, 90), "percent hospitalizations");
    CHECK_STR(label_with(g, &s, 1, 11.5), "percent");
    CHECK_STR(label_with(g, &s, 2, 38), "percent people"); /* not "percent people:1" */
    sl_figure_groups_free(g);
    story_free(&s);
}
