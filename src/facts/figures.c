/*
 * figures.c — numbers with what they count: "1.500 habitants évacués",
 * "près de 90 %", "4,2 milliards d'euros", "70 percent of east Mosul".
 *
 * The tokenizer already reads numbers in their national forms (1.500,
 * 1 500, 1,500, 150'000, 4,2) with their value; here a figure is built
 * around each number token (and number words: "deux morts", "a dozen",
 * "une soixantaine"):
 *
 *   qualifier   the words before it: environ, about, près de, nearly, plus
 *               de, more than, au moins, at least, moins de, up to (fr, en,
 *               de, es, it) → sl_approx;
 *   scale       million(s), milliard(s), billion, Millionen, mil millones...
 *   kind        percent (90 %, 70 percent, pour cent, Prozent), money (a
 *               currency sign before, or euros/dollars after), measure
 *               (mètres, km, tonnes, miles...), age ("de 78 ans",
 *               "78-year-old"), ordinal (7e, seventh), else a count;
 *   unit        the noun after it ("habitants", "navires");
 *   subject     the words after the unit up to punctuation ("évacués",
 *               "of east Mosul"), or before it for a bare percentage.
 *
 * unit_key groups figures that count the same thing across languages and
 * outlets: a concept from a small lexicon of what news counts (@dead,
 * @injured, @missing, @evacuated, @arrested, @freed, @firefighters,
 * @spectators, @ships, @containers, @crew, @infants, @employees, @turnout,
 * @votes, @seats, @soldiers, @people), event concepts winning over what is
 * counted (1.500 habitants évacués → @evacuated); else the stem of the
 * unit noun. Percentages are keyed by what they are of (a concept, else the
 * stem of the first content word after or before them); money and plain
 * "people" counts also by order of magnitude (4,2 milliards and 350
 * millions are different sums). Years (4-digit 1500–2100 written plainly),
 * dates, times, scores (2-1) and bare numbers with nothing counted are not
 * figures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"

const char *sl_approx_name(int approx)
{
    static const char *const names[] = {"exact", "about", "nearly", "more", "at-least", "less"};
    return approx >= 0 && approx <= SL_APPROX_LESS ? names[approx] : "?";
}

/* ------------------------------------------------------------------ lexicon */

typedef struct qual {
    const char *w1, *w2, *w3; /* words, the last one right before the number */
    uint8_t approx;
} qual;

static const qual quals[] = {
    {"un", "peu", "plus", SL_APPROX_MORE}, /* "un peu plus de" before "de" */
    {"pas", "moins", "de", SL_APPROX_AT_LEAST},
    {NULL, "plus", "de", SL_APPROX_MORE},     {NULL, "plus", "d'", SL_APPROX_MORE},
    {NULL, "moins", "de", SL_APPROX_LESS},    {NULL, "moins", "d'", SL_APPROX_LESS},
    {NULL, "au", "moins", SL_APPROX_AT_LEAST}, {NULL, "près", "de", SL_APPROX_NEARLY},
    {NULL, "près", "d'", SL_APPROX_NEARLY},   {NULL, "jusqu'", "à", SL_APPROX_LESS},
    {NULL, "more", "than", SL_APPROX_MORE},   {NULL, "less", "than", SL_APPROX_LESS},
    {NULL, "fewer", "than", SL_APPROX_LESS},  {NULL, "at", "least", SL_APPROX_AT_LEAST},
    {NULL, "close", "to", SL_APPROX_NEARLY},  {NULL, "up", "to", SL_APPROX_LESS},
    {NULL, "mehr", "als", SL_APPROX_MORE},    {NULL, "weniger", "als", SL_APPROX_LESS},
    {NULL, "bis", "zu", SL_APPROX_LESS},      {NULL, "más", "de", SL_APPROX_MORE},
    {NULL, "menos", "de", SL_APPROX_LESS},    {NULL, "al", "menos", SL_APPROX_AT_LEAST},
    {NULL, "cerca", "de", SL_APPROX_NEARLY},  {NULL, "alrededor", "de", SL_APPROX_ABOUT},
    {NULL, "più", "di", SL_APPROX_MORE},      {NULL, "meno", "di", SL_APPROX_LESS},
    {NULL, "fino", "a", SL_APPROX_LESS},      {NULL, "a", "dozen", SL_APPROX_ABOUT},
    {NULL, NULL, "environ", SL_APPROX_ABOUT}, {NULL, NULL, "quelque", SL_APPROX_ABOUT},
    {NULL, NULL, "about", SL_APPROX_ABOUT},   {NULL, NULL, "around", SL_APPROX_ABOUT},
    {NULL, NULL, "some", SL_APPROX_ABOUT},    {NULL, NULL, "roughly", SL_APPROX_ABOUT},
    {NULL, NULL, "approximately", SL_APPROX_ABOUT}, {NULL, NULL, "nearly", SL_APPROX_NEARLY},
    {NULL, NULL, "almost", SL_APPROX_NEARLY}, {NULL, NULL, "presque", SL_APPROX_NEARLY},
    {NULL, NULL, "over", SL_APPROX_MORE},     {NULL, NULL, "under", SL_APPROX_LESS},
    {NULL, NULL, "etwa", SL_APPROX_ABOUT},    {NULL, NULL, "rund", SL_APPROX_ABOUT},
    {NULL, NULL, "ungefähr", SL_APPROX_ABOUT}, {NULL, NULL, "circa", SL_APPROX_ABOUT},
    {NULL, NULL, "fast", SL_APPROX_NEARLY},   {NULL, NULL, "knapp", SL_APPROX_NEARLY},
    {NULL, NULL, "über", SL_APPROX_MORE},     {NULL, NULL, "mindestens", SL_APPROX_AT_LEAST},
    {NULL, NULL, "unos", SL_APPROX_ABOUT},    {NULL, NULL, "unas", SL_APPROX_ABOUT},
    {NULL, NULL, "casi", SL_APPROX_NEARLY},   {NULL, NULL, "quasi", SL_APPROX_NEARLY},
    {NULL, NULL, "oltre", SL_APPROX_MORE},    {NULL, NULL, "almeno", SL_APPROX_AT_LEAST},
    {NULL, NULL, NULL, 0}};

typedef struct numword {
    const char *w;
    double v;
    uint8_t approx;
    uint8_t ordinal;
    uint8_t lang; /* FL_*: "due" is two in Italian only ("due process") */
} numword;

static const numword numwords[] = {
    {"deux", 2, 0, 0, FL_FR}, {"trois", 3, 0, 0, FL_FR}, {"quatre", 4, 0, 0, FL_FR},
    {"cinq", 5, 0, 0, FL_FR}, {"six", 6, 0, 0, FL_FR}, {"sept", 7, 0, 0, FL_FR},
    {"huit", 8, 0, 0, FL_FR}, {"neuf", 9, 0, 0, FL_FR}, {"dix", 10, 0, 0, FL_FR},
    {"onze", 11, 0, 0, FL_FR}, {"douze", 12, 0, 0, FL_FR}, {"quinze", 15, 0, 0, FL_FR},
    {"vingt", 20, 0, 0, FL_FR}, {"trente", 30, 0, 0, FL_FR}, {"cent", 100, 0, 0, FL_FR},
    {"two", 2, 0, 0, FL_EN}, {"three", 3, 0, 0, FL_EN}, {"four", 4, 0, 0, FL_EN},
    {"five", 5, 0, 0, FL_EN}, {"six", 6, 0, 0, FL_EN}, {"seven", 7, 0, 0, FL_EN},
    {"eight", 8, 0, 0, FL_EN}, {"nine", 9, 0, 0, FL_EN}, {"ten", 10, 0, 0, FL_EN},
    {"eleven", 11, 0, 0, FL_EN}, {"twelve", 12, 0, 0, FL_EN}, {"fifteen", 15, 0, 0, FL_EN},
    {"twenty", 20, 0, 0, FL_EN}, {"thirty", 30, 0, 0, FL_EN}, {"hundred", 100, 0, 0, FL_EN},
    {"zwei", 2, 0, 0, FL_DE}, {"drei", 3, 0, 0, FL_DE}, {"vier", 4, 0, 0, FL_DE},
    {"fünf", 5, 0, 0, FL_DE}, {"sechs", 6, 0, 0, FL_DE}, {"sieben", 7, 0, 0, FL_DE},
    {"acht", 8, 0, 0, FL_DE}, {"zehn", 10, 0, 0, FL_DE}, {"zwölf", 12, 0, 0, FL_DE},
    {"dos", 2, 0, 0, FL_ES}, {"tres", 3, 0, 0, FL_ES}, {"cuatro", 4, 0, 0, FL_ES},
    {"cinco", 5, 0, 0, FL_ES}, {"seis", 6, 0, 0, FL_ES}, {"siete", 7, 0, 0, FL_ES},
    {"ocho", 8, 0, 0, FL_ES}, {"diez", 10, 0, 0, FL_ES}, {"doce", 12, 0, 0, FL_ES},
    {"due", 2, 0, 0, FL_IT}, {"tre", 3, 0, 0, FL_IT}, {"quattro", 4, 0, 0, FL_IT},
    {"cinque", 5, 0, 0, FL_IT}, {"sette", 7, 0, 0, FL_IT}, {"otto", 8, 0, 0, FL_IT},
    {"dieci", 10, 0, 0, FL_IT}, {"dodici", 12, 0, 0, FL_IT},
    /* approximate: une soixantaine, a dozen, dozens */
    {"dizaine", 10, SL_APPROX_ABOUT, 0, FL_FR}, {"douzaine", 12, SL_APPROX_ABOUT, 0, FL_FR},
    {"quinzaine", 15, SL_APPROX_ABOUT, 0, FL_FR}, {"vingtaine", 20, SL_APPROX_ABOUT, 0, FL_FR},
    {"trentaine", 30, SL_APPROX_ABOUT, 0, FL_FR}, {"quarantaine", 40, SL_APPROX_ABOUT, 0, FL_FR},
    {"cinquantaine", 50, SL_APPROX_ABOUT, 0, FL_FR}, {"soixantaine", 60, SL_APPROX_ABOUT, 0, FL_FR},
    {"centaine", 100, SL_APPROX_ABOUT, 0, FL_FR}, {"millier", 1000, SL_APPROX_ABOUT, 0, FL_FR},
    {"dozen", 12, SL_APPROX_ABOUT, 0, FL_EN}, {"dutzend", 12, SL_APPROX_ABOUT, 0, FL_DE},
    {"docena", 12, SL_APPROX_ABOUT, 0, FL_ES}, {"decina", 10, SL_APPROX_ABOUT, 0, FL_IT},
    /* ordinals */
    {"deuxième", 2, 0, 1, FL_FR}, {"troisième", 3, 0, 1, FL_FR}, {"quatrième", 4, 0, 1, FL_FR},
    {"cinquième", 5, 0, 1, FL_FR}, {"septième", 7, 0, 1, FL_FR}, {"dixième", 10, 0, 1, FL_FR},
    {"second", 2, 0, 1, FL_EN}, {"third", 3, 0, 1, FL_EN}, {"fourth", 4, 0, 1, FL_EN},
    {"fifth", 5, 0, 1, FL_EN}, {"sixth", 6, 0, 1, FL_EN}, {"seventh", 7, 0, 1, FL_EN},
    {"eighth", 8, 0, 1, FL_EN}, {"ninth", 9, 0, 1, FL_EN}, {"tenth", 10, 0, 1, FL_EN},
    {NULL, 0, 0, 0, 0}};

/* Words that make "un/une/one/a" a count: "un mort", "one dead". */


typedef struct scale {
    const char *w;
    double f;
} scale;

static const scale scales[] = {
    {"million", 1e6},     {"millions", 1e6},   {"milliard", 1e9},   {"milliards", 1e9},
    {"billion", 1e9},     {"billions", 1e9},   {"trillion", 1e12},  {"thousand", 1e3},
    {"mille", 1e3},       {"millionen", 1e6},  {"million.", 1e6},   {"mio", 1e6},
    {"milliarde", 1e9},   {"milliarden", 1e9}, {"mrd", 1e9},        {"millón", 1e6},
    {"millones", 1e6},    {"milione", 1e6},    {"milioni", 1e6},    {"miliardo", 1e9},
    {"miliardi", 1e9},    {"bn", 1e9},         {"mn", 1e6},         {NULL, 0}};



typedef struct currency {
    const char *w;
    const char *code;
} currency;

static const currency currencies[] = {
    {"euros", "EUR"},   {"euro", "EUR"},    {"eur", "EUR"},     {"dollars", "USD"},
    {"dollar", "USD"},  {"usd", "USD"},     {"dólares", "USD"}, {"dollari", "USD"},
    {"livres", "GBP"},  {"pounds", "GBP"},  {"sterling", "GBP"}, {"gbp", "GBP"},
    {"francs", "CHF"},  {"franken", "CHF"}, {"chf", "CHF"},     {"yens", "JPY"},
    {"yen", "JPY"},     {"yuans", "CNY"},   {"yuan", "CNY"},    {"roubles", "RUB"},
    {"rubles", "RUB"},  {NULL, NULL}};

#define MEASURES_LIST \
    "mètres", "mètre", "metres", "metre", "meters", "meter", "m", "km", "kilomètres", \
    "kilomètre", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", \
    "milles", "mille", "tonnes", "tonne", "tons", "ton", "t", "kg", "kilos", "hectares", "ha", \
    "degrés", "degrees", "litres", "liters", "mm", "cm", "heures", "hours", "minutes", "jours", \
    "days", "semaines", "weeks", "mois", "months", "ans", "years", "année", "années", "km²", \
    "km2", "mw", "gw", "kwh", "twh", "noeuds", "nœuds", "knots", "teu", "barils", "barrels", \
    "stunden", "tage", "jahre", "meter", "kilometer", "horas", "días", "años", "metros", \
    "ore", "giorni", "anni", "metri", "nautiques", "nautical"

/* Durations: figures, but never grouped (two durations in a story are
 * rarely the same thing). */
#define DURATIONS_LIST \
    "heures", "heure", "hours", "hour", "minutes", "minute", "jours", "jour", "days", "day", \
    "semaines", "weeks", "mois", "months", "month", "ans", "an", "years", "year", "année", \
    "années", "stunden", "tage", "jahre", "horas", "días", "años", "ore", "giorni", "anni", \
    "decades", "décennies", "siècles", "centuries", "secondes", "seconds"

/* A concept and the word beginnings that call it. Event concepts first. */
typedef struct concept {
    const char *key;
    const char *const *pref;
    bool event;
} concept;

#define C(...) (const char *const[]){__VA_ARGS__, NULL}
static const concept concepts[] = {
    {"@dead", C("mort", "décès", "décéd", "tué", "tuée", "dead", "died", "death", "killed",
                "fatalit", "toll", "tote", "toten", "getötet", "muert", "murier", "murió", "fallec",
                "morti"),
     true},
    {"@injured", C("blessé", "injur", "wounded", "hurt", "verletz", "herid", "ferit"), true},
    {"@missing", C("disparu", "missing", "vermisst", "desaparecid", "dispers"), true},
    {"@evacuated", C("évacu", "evacu", "forced", "displaced", "déplacé", "relogé", "evakuier",
                     "sfollat"),
     true},
    {"@arrested", C("interpell", "arrêté", "arrested", "detained", "festgenommen", "detenid",
                    "arrestat"),
     true},
    {"@freed", C("libéré", "freed", "released", "rescued", "sauvé", "befreit", "liberad",
                 "liberat"),
     true},
    {"@firefighters", C("pompier", "firefight", "firemen", "feuerwehr", "bombero", "vigili"),
     false},
    {"@spectators", C("spectat", "crowd", "attendance", "zuschauer", "espectador", "spettator"),
     false},
    {"@ships", C("navire", "bateau", "vessel", "ship", "schiff", "buque", "barco", "navi"),
     false},
    {"@containers", C("conteneur", "container", "contenedor"), false},
    {"@crew", C("équipage", "crew", "marin", "sailor", "besatzung", "tripulant", "equipagg"),
     false},
    {"@infants", C("bébé", "nourrisson", "babies", "baby", "infant", "säugling", "bebé",
                   "neonat"),
     false},
    {"@employees", C("salarié", "employé", "worker", "employee", "mitarbeiter", "beschäftigt",
                     "emplead", "trabajador", "dipendent", "lavorator"),
     false},
    {"@turnout", C("participation", "turnout", "wahlbeteiligung", "participación", "affluenza"),
     false},
    {"@votes", C("voix", "vote", "suffrage", "stimme", "voto", "voti"), false},
    {"@seats", C("siège", "seat", "sitz", "sitze", "escaño", "seggi", "mandat"), false},
    {"@soldiers", C("soldat", "militaire", "troop", "soldier", "soldad", "soldati"), false},
    {"@people", C("personne", "habitant", "resident", "people", "person", "einwohner",
                  "mensch", "persona", "persone", "abitant"),
     false},
    {NULL, NULL, false}};
#undef C

/* ------------------------------------------------------------------ helpers */

typedef struct figw {
    facts_work *w;
    const sl_article *a;
    const sl_token *t;
    size_t nt;
    size_t cap;
    const wordset *ws;
} figw;

/* Word lists of this file as bits of the context's word set: the concepts
 * (prefixes) first, one bit each, then the lists below. */
enum { FB_MEASURES = 24, FB_DURATIONS, FB_PERCENT, FB_ONE, FB_NUMWORDS, FB_SCALES,
       FB_CURRENCIES, FB_CSTART, FB_QUALEND, FB_ADJ, FB_TIMEW, FB_IRREG, FB__COUNT };

/* Adjectives that stand between a number and the noun it counts ("trois
 * grands ports", "two more people", "drei weitere"): a closed list per
 * language; English adjectives are also known by their endings (see
 * fig_adjective). */
#define ADJECTIVES_LIST \
    "special", "other", "more", "new", "former", "top", "major", "main", "senior", "young", \
    "old", "elderly", "ethnic", "local", "foreign", "further", "additional", "separate", \
    "different", "such", "same", "own", "last", "next", "first", "big", "small", "large", \
    "great", "long", "high", "low", "key", "rival", "armed", "unarmed", "suspected", \
    "alleged", "unidentified", "so-called", "grand", "grands", "grande", "grandes", "petit", \
    "petits", "petite", "petites", "nouveaux", "nouvelles", "nouveau", "nouvel", "nouvelle", \
    "autres", "autre", "premiers", "premières", "derniers", "dernières", "jeunes", "vieux", \
    "vieilles", "anciens", "anciennes", "principaux", "principales", "gros", "grosses", \
    "seuls", "seules", "bons", "bonnes", "hauts", "hautes", "vrais", "futurs", "mêmes", \
    "weitere", "weiteren", "andere", "anderen", "neue", "neuen", "große", "großen", "kleine", \
    "kleinen", "ersten", "letzten", "grandes", "nuevos", "nuevas", "otros", "otras", \
    "primeros", "primeras", "últimos", "últimas", "principales", "pequeños", "jóvenes", \
    "grandi", "nuovi", "nuove", "altri", "altre", "primi", "prime", "ultimi", "ultime", \
    "principali", "piccoli", "giovani"

/* Words after a number that are never what it counts: words of time ("a
 * week or two ago", "deux ans plus tard") and English modals ("one Tosourne
 * 820, will begin..."). */
#define TIME_WORDS_LIST \
    "will", "would", "could", "should", "might", "must", "can", "cannot", \
    "ago", "later", "earlier", "apart", "ahead", "back", "before", "after", "since", \
    "auparavant", "tard", "tôt", "avant", "après", "depuis", "später", "früher", "zuvor", \
    "danach", "atrás", "a.m.", "p.m.", "después", "antes", "fa", "dopo", "prima"

/* English plurals without an s. */
#define IRREGULAR_PLURALS_LIST \
    "men", "women", "children", "people", "police", "personnel", "staff", "cattle", "feet", \
    "sheep", "fish", "crew", "livestock", "clergy", "militia", "youth"

static bool is_word(const sl_token *t) { return t->kind == SL_TOK_WORD; }

static bool in_bit(const figw *f, const sl_token *t, int bit)
{
    return (wordset_get(f->ws, t->norm, strlen(t->norm)) >> bit) & 1;
}
#define in_list(t, list) in_bit(f, t, list)
#define measures FB_MEASURES
#define durations FB_DURATIONS
#define percent_words FB_PERCENT
#define one_words FB_ONE

/* Concept of a folded word (its longest listed beginning), or NULL. */
static const concept *concept_of_ws(const figw *f, const char *norm)
{
    size_t n = strlen(norm);
    if (n < 3 || !((wordset_get(f->ws, norm, 3) >> FB_CSTART) & 1))
        return NULL; /* no concept starts with these 3 bytes */
    uint64_t m = wordset_prefix(f->ws, norm, n, 3, (1ull << FB_MEASURES) - 1, NULL);
    if (!m || !strncmp(norm, "mortar", 6) || !strncmp(norm, "mortgag", 7) ||
        !strncmp(norm, "fatalité", strlen("fatalité")))
        return NULL; /* not "mort"; French "une fatalité" is fate, not a death */
    for (int i = 0; concepts[i].key; i++)
        if ((m >> i) & 1)
            return &concepts[i];
    return NULL;
}
#define concept_of(norm) concept_of_ws(f, norm)

/* The wordset of this file, built on first use in the context. */
static const wordset *fig_words(sl_ctx *ctx)
{
    facts_res *r = facts_res_of(ctx);
    if (r->ws_figures)
        return r->ws_figures;
    const char *const *lists[FB__COUNT + 1];
    memset(lists, 0, sizeof lists);
    static const char *const none[] = {NULL};
    for (int i = 0, end = 0; i < FB_MEASURES; i++) {
        end = end || !concepts[i].key;
        lists[i] = end ? none : concepts[i].pref;
    }
    static const char *const measure_l[] = {MEASURES_LIST, NULL};
    static const char *const duration_l[] = {DURATIONS_LIST, NULL};
    static const char *const percent_l[] = {"percent", "pct", "prozent", "%", NULL};
    static const char *const one_l[] = {"un", "une", "one", "ein", "eine", "uno", "una", NULL};
    lists[FB_MEASURES] = measure_l;
    lists[FB_DURATIONS] = duration_l;
    lists[FB_PERCENT] = percent_l;
    lists[FB_ONE] = one_l;
    static const char *const adj_l[] = {ADJECTIVES_LIST, NULL};
    static const char *const time_l[] = {TIME_WORDS_LIST, NULL};
    static const char *const irreg_l[] = {IRREGULAR_PLURALS_LIST, NULL};
    lists[FB_ADJ] = adj_l;
    lists[FB_TIMEW] = time_l;
    lists[FB_IRREG] = irreg_l;
    const char **nw = calloc(sizeof numwords / sizeof numwords[0] + 1, sizeof *nw);
    const char **sc = calloc(sizeof scales / sizeof scales[0] + 1, sizeof *sc);
    const char **cu = calloc(sizeof currencies / sizeof currencies[0] + 1, sizeof *cu);
    if (!nw || !sc || !cu)
        abort();
    for (size_t i = 0; numwords[i].w; i++)
        nw[i] = numwords[i].w;
    for (size_t i = 0; scales[i].w; i++)
        sc[i] = scales[i].w;
    for (size_t i = 0; currencies[i].w; i++)
        cu[i] = currencies[i].w;
    lists[FB_NUMWORDS] = nw;
    lists[FB_SCALES] = sc;
    lists[FB_CURRENCIES] = cu;
    /* first 3 bytes of every concept beginning; last word of every qualifier */
    size_t np = 0;
    for (size_t i = 0; concepts[i].key; i++)
        for (size_t k = 0; concepts[i].pref[k]; k++)
            np++;
    char (*starts)[4] = calloc(np + 1, sizeof *starts);
    const char **sp = calloc(np + 1, sizeof *sp);
    const char **qe = calloc(sizeof quals / sizeof quals[0] + 1, sizeof *qe);
    if (!starts || !sp || !qe)
        abort();
    np = 0;
    for (size_t i = 0; concepts[i].key; i++)
        for (size_t k = 0; concepts[i].pref[k]; k++, np++) {
            memcpy(starts[np], concepts[i].pref[k], 3);
            sp[np] = starts[np];
        }
    for (size_t i = 0; quals[i].w3; i++)
        qe[i] = quals[i].w3;
    lists[FB_CSTART] = sp;
    lists[FB_QUALEND] = qe;
    r->ws_figures = wordset_build(lists); /* copies the words */
    free(nw), free(sc), free(cu), free(starts), free(sp), free(qe);
    return r->ws_figures;
}

/* Digits after the decimal mark of the written number (0 for integers). */
static double precision_of(double v)
{
    double p = 1;
    for (int d = 0; d < 6; d++) {
        double x = v / p;
        if (fabs(x - nearbyint(x)) < 1e-6)
            return p;
        p /= 10;
    }
    return p;
}

static const char *text_of(figw *f, uint32_t s, uint32_t e)
{
    return arena_strndup(f->w->arena, f->a->text + s, e - s);
}

/* Currency sign in the text right before byte pos ("$4.9", "€ 12"). */
static const char *sign_before(const figw *f, uint32_t pos, uint32_t lo)
{
    const unsigned char *s = (const unsigned char *)f->a->text;
    uint32_t p = pos;
    while (p > lo && s[p - 1] == ' ')
        p--;
    if (p > lo && s[p - 1] == '$')
        return "USD";
    if (p >= lo + 3 && s[p - 3] == 0xE2 && s[p - 2] == 0x82 && s[p - 1] == 0xAC)
        return "EUR";
    if (p >= lo + 2 && s[p - 2] == 0xC2 && s[p - 1] == 0xA3)
        return "GBP";
    return NULL;
}

static const char *sign_after(const figw *f, uint32_t pos, uint32_t hi)
{
    const unsigned char *s = (const unsigned char *)f->a->text;
    uint32_t p = pos;
    while (p < hi && s[p] == ' ')
        p++;
    if (p + 3 <= hi && s[p] == 0xE2 && s[p + 1] == 0x82 && s[p + 2] == 0xAC)
        return "EUR";
    if (p < hi && s[p] == '$')
        return "USD";
    return NULL;
}

/* The qualifier ending right before token i: sets *start to its first token. */
static uint8_t qualifier(const figw *f, size_t i, size_t first, size_t *start)
{
    *start = i;
    if (i == first || f->t[i - 1].kind != SL_TOK_WORD || !in_bit(f, &f->t[i - 1], FB_QUALEND))
        return SL_APPROX_EXACT;
    for (const qual *q = quals; q->w3; q++) {
        size_t n = q->w1 ? 3 : q->w2 ? 2 : 1;
        if (i < first + n)
            continue;
        const char *w[3] = {q->w1, q->w2, q->w3};
        bool ok = true;
        for (size_t k = 0; k < n && ok; k++) {
            const sl_token *t = &f->t[i - n + k];
            ok = is_word(t) && strcmp(t->norm, w[3 - n + k]) == 0;
        }
        if (ok) {
            *start = i - n;
            return q->approx;
        }
    }
    return SL_APPROX_EXACT;
}

static void fig_push(figw *f, const sl_figure *g)
{
    sl_facts *fa = f->w->f;
    if (fa->n_figures == f->cap) {
        size_t nc = f->cap ? 2 * f->cap : 16;
        fa->figures = arena_grow(f->w->arena, fa->figures, fa->n_figures, nc, sizeof *g);
        f->cap = nc;
    }
    fa->figures[fa->n_figures++] = *g;
}

/* Is token i a plainly written year (2019, 1998)? */
static bool is_year(const figw *f, size_t i)
{
    const sl_token *t = &f->t[i];
    if (t->kind != SL_TOK_NUMBER || t->end - t->start != 4)
        return false;
    for (uint32_t k = t->start; k < t->end; k++)
        if (f->a->text[k] < '0' || f->a->text[k] > '9')
            return false;
    return t->value >= 1500 && t->value <= 2100;
}

/* Joins words [s, e) (stopping at punctuation) into a subject string. */
static const char *words_text(figw *f, size_t s, size_t e)
{
    if (s >= e)
        return "";
    return text_of(f, f->t[s].start, f->t[e - 1].end);
}

/* ------------------------------------------------------------- counted noun */

static bool ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k + 2 && !memcmp(w + n - k, suf, k);
}

/* Is token t an adjective rather than a noun? The closed list, and in
 * English the usual adjective endings, superlatives and hyphenated
 * modifiers ("self-styled", "forty-foot", "family-rooted"). */
static bool fig_adjective(const figw *f, const sl_token *t)
{
    if (in_bit(f, t, FB_ADJ))
        return true;
    if (f->w->lang != FL_EN)
        return false;
    const char *w = t->norm;
    size_t n = strlen(w);
    if (n && w[n - 1] == 's')
        return false; /* a plural: a noun */
    static const char *const endings[] = {"ic", "al", "ous", "ive", "ful", "less", "able",
                                          "ible", "est", "ern", "ish", NULL};
    for (const char *const *e = endings; *e; e++)
        if (ends_with(w, n, *e))
            return true;
    return strchr(w, '-') != NULL;
}

/* An English plural: "ports", "Albanians", "women" (not "-ss", "-ous"). */
static bool fig_plural(const figw *f, const sl_token *t)
{
    const char *w = t->norm;
    size_t n = strlen(w);
    if (in_bit(f, t, FB_IRREG))
        return true;
    return n > 2 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'' &&
           !ends_with(w, n, "ous") && !ends_with(w, n, "ics");
}

/* Can token k continue the noun phrase after token k - 1? */
static bool np_next(const figw *f, size_t k, size_t se)
{
    return k < se && is_word(&f->t[k]) && !(f->t[k].flags & SL_TOKF_STOP) &&
           !facts_gap_has(f->a, k - 1, ",;:()");
}

/* The noun counted by a figure whose first word after the number is token
 * u: u itself, or a noun after the adjectives and modifiers that start the
 * phrase ("12 ethnic Hungarian families", "30 mortar rounds", "trois
 * grands ports", "drei weitere Häuser"). (size_t)-1 when u is a word of
 * time ("two ago") or an adjective with no noun after it ("the three
 * biggest"): nothing is counted. */
static size_t fig_counted(const figw *f, size_t u, size_t se, double v)
{
    const sl_token *t = &f->t[u];
    if (in_bit(f, t, FB_TIMEW))
        return (size_t)-1;
    if (in_list(t, measures)) /* "120 nautical miles" */
        return np_next(f, u + 1, se) && in_list(&f->t[u + 1], measures) ? u + 1 : u;
    const concept *c = concept_of(t->norm);
    if (c && (c->event || f->w->lang != FL_EN))
        return u; /* "two wounded", "deux marins" */
    if (f->w->lang == FL_DE) { /* nouns are capitalised */
        if (t->flags & SL_TOKF_CAP)
            return u;
        for (size_t k = u + 1; k < u + 3 && np_next(f, k, se); k++)
            if (f->t[k].flags & SL_TOKF_CAP)
                return k;
        return (size_t)-1;
    }
    if (f->w->lang == FL_EN && v != 1) {
        /* the first plural of the phrase; an irregular one ("police",
         * "crew") may still modify a regular plural ("police units") */
        for (size_t k = u; k < u + 4 && (k == u || np_next(f, k, se)); k++) {
            if (!fig_plural(f, &f->t[k]))
                continue;
            size_t n = k + 1;
            if (in_bit(f, &f->t[k], FB_IRREG) && np_next(f, n, se) &&
                fig_plural(f, &f->t[n]) && !in_bit(f, &f->t[n], FB_IRREG))
                return n;
            return k;
        }
        size_t n = strlen(t->norm);
        if (fig_adjective(f, t) || ends_with(t->norm, n, "ly") || ends_with(t->norm, n, "ed"))
            return (size_t)-1; /* "2, usually", "231 needed": no noun */
        return u;
    }
    size_t k = u;
    while (fig_adjective(f, &f->t[k])) {
        if (k >= u + 2 || !np_next(f, k + 1, se))
            return (size_t)-1;
        k++;
    }
    return k;
}

/* -------------------------------------------------------------- event words */

static const concept *concept_named(const char *key)
{
    for (int i = 0; concepts[i].key; i++)
        if (!strcmp(concepts[i].key, key))
            return &concepts[i];
    return NULL;
}

static bool starts_any(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strncmp(w, *list, strlen(*list)))
            return true;
    return false;
}

/* People who left or cannot regain their homes were evacuated: a word of
 * home in the clause after the number ([j, se), up to 8 words) with a verb
 * of leaving or returning at most 3 words before it ("ont dû quitter leur
 * domicile", "remain unable to go home", "fled their homes"). */
static bool fig_left_home(const figw *f, size_t j, size_t se)
{
    static const char *const homes[] = {"domicile", "logement", "maison", "foyer", "home",
                                        "house", "häuser", "wohnung", "zuhause", "hogar",
                                        "casa", "vivienda", "abitazion", NULL};
    static const char *const leave[] = {"quitt", "regagn", "rentr", "retourn", "fui", "fuy",
                                        "chass", "leav", "left", "fled", "flee", "forced",
                                        "return", "go", "went", "gone", "driven", "verlass",
                                        "flüch", "flieh", "abandon", "huy", "volv", "regres",
                                        "lasci", "fugg", "rientr", "torn", NULL};
    for (size_t k = j; k < se && k < j + 8; k++) {
        if (f->t[k].kind == SL_TOK_PUNCT || (k > j && facts_gap_has(f->a, k - 1, ",;:")))
            break;
        if (!is_word(&f->t[k]) || !starts_any(f->t[k].norm, homes))
            continue;
        for (size_t b = k > j + 3 ? k - 3 : j; b < k; b++) {
            const char *w = f->t[b].norm;
            if (is_word(&f->t[b]) && starts_any(w, leave) &&
                (strncmp(w, "go", 2) || !strcmp(w, "go") || !strcmp(w, "gone")))
                return true;
        }
    }
    return false;
}

/* A verb of killing or wounding right before the number governs it
 * ("killing three of the pirates", "tuant deux personnes"); further away
 * it tells nothing of the number ("19 crew members and killing three"). */
static const concept *fig_governing_verb(const figw *f, size_t qs, size_t first)
{
    static const char *const kill[] = {"killing", "tuant", "tötete", "matando", "uccidendo",
                                       NULL};
    static const char *const wound[] = {"wounding", "injuring", "blessant", "hiriendo",
                                        "ferendo", NULL};
    if (qs == first || !is_word(&f->t[qs - 1]))
        return NULL;
    const char *w = f->t[qs - 1].norm;
    const char *key = facts_in_list(kill, w, strlen(w))    ? "@dead"
                      : facts_in_list(wound, w, strlen(w)) ? "@injured"
                                                           : NULL;
    return key ? concept_named(key) : NULL;
}

/* ------------------------------------------------------------------ figures */

/* Builds the figure whose number is token i (value v, already read from a
 * number word when word is true). Returns the token after it. */
static size_t figure_at(figw *f, size_t i, size_t first, size_t se, double v, uint8_t approx,
                        bool ordinal)
{
    const sl_token *t = &f->t[i];
    sl_figure g;
    memset(&g, 0, sizeof g);
    g.kind = t->kind == SL_TOK_PERCENT ? SL_FIG_PERCENT
             : (t->kind == SL_TOK_ORDINAL || ordinal) ? SL_FIG_ORDINAL
                                                      : SL_FIG_COUNT;
    g.precision = precision_of(v);
    size_t qs;
    uint8_t q = qualifier(f, i, first, &qs);
    g.approx = approx ? approx : q;
    if (approx && qs == i && i > first && is_word(&f->t[i - 1]) &&
        (in_list(&f->t[i - 1], one_words) || !strcmp(f->t[i - 1].norm, "a")))
        qs = i - 1; /* "une soixantaine", "a dozen" */
    size_t j = i + 1;
    /* scale: 4,2 milliards */
    if (j < se && is_word(&f->t[j])) {
        for (const scale *s = scales; s->w; s++)
            if (strcmp(f->t[j].norm, s->w) == 0) {
                v *= s->f;
                g.precision *= s->f;
                j++;
                break;
            }
    }
    /* percent words: 70 percent, 70 pour cent, 70 per cent */
    if (g.kind == SL_FIG_COUNT && j < se && is_word(&f->t[j])) {
        if (in_list(&f->t[j], percent_words)) {
            g.kind = SL_FIG_PERCENT;
            j++;
        } else if (j + 1 < se && (!strcmp(f->t[j].norm, "pour") || !strcmp(f->t[j].norm, "per") ||
                                  !strcmp(f->t[j].norm, "por")) &&
                   (!strcmp(f->t[j + 1].norm, "cent") || !strcmp(f->t[j + 1].norm, "ciento") ||
                    !strcmp(f->t[j + 1].norm, "cento"))) {
            g.kind = SL_FIG_PERCENT;
            j += 2;
        }
    }
    /* money: a sign before or after, or a currency word (d'euros) */
    const char *cur = sign_before(f, t->start, i > first ? f->t[i - 1].end : t->start);
    if (!cur)
        cur = sign_after(f, f->t[j - 1].end, j < se ? f->t[j].start : f->t[j - 1].end);
    size_t u = j;
    if (u < se && is_word(&f->t[u]) && (f->t[u].flags & SL_TOKF_ELIDED))
        u++; /* d'euros */
    else if (u + 1 < se && is_word(&f->t[u]) &&
             (!strcmp(f->t[u].norm, "de") || !strcmp(f->t[u].norm, "of")) && v >= 1e6)
        u++;
    if (u < se && is_word(&f->t[u]))
        for (const currency *c = currencies; c->w; c++)
            if (strcmp(f->t[u].norm, c->w) == 0) {
                cur = c->code;
                j = u + 1;
                break;
            }
    size_t unit = (size_t)-1, mod = (size_t)-1; /* counted noun, first word of its phrase */
    if (cur) {
        g.kind = SL_FIG_MONEY;
        g.currency = cur;
    } else if (g.kind != SL_FIG_PERCENT && j < se && is_word(&f->t[j]) &&
               !(f->t[j].flags & SL_TOKF_STOP) && !facts_gap_has(f->a, j - 1, ",;:()") &&
               (!(f->t[j].flags & SL_TOKF_CAP) || f->w->lang == FL_DE)) { /* 2.300 Einwohner */
        size_t h = fig_counted(f, j, se, v);
        if (h != (size_t)-1) {
            mod = j;
            unit = h;
            j = h + 1;
            if (in_list(&f->t[unit], measures) && g.kind == SL_FIG_COUNT)
                g.kind = SL_FIG_MEASURE;
        }
    } else if (g.kind != SL_FIG_PERCENT && j + 1 < se && is_word(&f->t[j]) &&
               (f->t[j].flags & SL_TOKF_ELIDED) == 0 && !strcmp(f->t[j].norm, "de") &&
               approx) {
        unit = mod = j + 1; /* une soixantaine de navires */
        j += 2;
    } else if (g.kind == SL_FIG_COUNT && j + 1 < se && is_word(&f->t[j]) &&
               (!strcmp(f->t[j].norm, "of") || !strcmp(f->t[j].norm, "sur") ||
                !strcmp(f->t[j].norm, "von") || !strcmp(f->t[j].norm, "de"))) {
        /* "198 of the 460 seats": the unit of the whole */
        size_t k = j + 1;
        if (k < se && is_word(&f->t[k]) && (f->t[k].flags & SL_TOKF_STOP))
            k++;
        if (k + 1 < se && f->t[k].kind == SL_TOK_NUMBER && is_word(&f->t[k + 1]) &&
            !(f->t[k + 1].flags & SL_TOKF_STOP)) {
            mod = k + 1; /* j stays: the whole is a figure of its own */
            unit = fig_counted(f, k + 1, se, f->t[k].value);
        }
    }
    /* "de 78 ans", "aged 78", "78-year-old" are ages */
    if (unit != (size_t)-1 && (!strcmp(f->t[unit].norm, "ans") || !strcmp(f->t[unit].norm, "years") ||
                               !strcmp(f->t[unit].norm, "jahre") || !strcmp(f->t[unit].norm, "años") ||
                               !strcmp(f->t[unit].norm, "anni"))) {
        bool age = i > first && is_word(&f->t[i - 1]) &&
                   (!strcmp(f->t[i - 1].norm, "de") || !strcmp(f->t[i - 1].norm, "aged") ||
                    !strcmp(f->t[i - 1].norm, "âgé") || !strcmp(f->t[i - 1].norm, "âgée"));
        if (age || (j < se && !strcmp(f->t[j].norm, "old")))
            g.kind = SL_FIG_AGE;
    }
    g.value = v;
    if (g.precision <= 0 || !isfinite(g.precision))
        g.precision = 1;
    /* subject: words after the unit up to punctuation (≤ 5), else before */
    size_t ss = j, se2 = j;
    while (se2 < se && se2 < j + 5 && f->t[se2].kind != SL_TOK_PUNCT &&
           !facts_gap_has(f->a, se2 - 1, ",;:()")) {
        if (f->t[se2].kind != SL_TOK_WORD)
            break;
        se2++;
    }
    g.subject = words_text(f, ss, se2);
    /* key: an event concept near the number, else what is counted */
    const concept *ev = NULL, *what = NULL;
    for (size_t k = mod; unit != (size_t)-1 && k <= unit && !ev; k++) {
        const concept *c = concept_of(f->t[k].norm); /* "19 crew members" */
        if (c && c->event)
            ev = c;
        else if (c && !what)
            what = c;
    }
    for (size_t k = j; k < se && k < j + 6 && !ev && g.kind != SL_FIG_PERCENT; k++) {
        if (f->t[k].kind == SL_TOK_PUNCT || (k > j && facts_gap_has(f->a, k - 1, ",;:")))
            break;
        const concept *c = concept_of(f->t[k].norm);
        if (c && c->event)
            ev = c;
        else if (c && !what && k < j + 2) /* 18 membres d'équipage, 14,000 port workers */
            what = c;
    }
    const char *content = NULL; /* percent: what it is of */
    if (g.kind == SL_FIG_PERCENT) {
        size_t k = j;
        if (k < se && is_word(&f->t[k]) &&
            (!strcmp(f->t[k].norm, "de") || !strcmp(f->t[k].norm, "des") ||
             !strcmp(f->t[k].norm, "du") || !strcmp(f->t[k].norm, "of") ||
             (f->t[k].flags & SL_TOKF_ELIDED)))
            k++;
        while (k < se && k < j + 4 && is_word(&f->t[k]) && (f->t[k].flags & SL_TOKF_STOP))
            k++;
        bool cut = false; /* a comma between the number and the word */
        for (size_t g2 = j - 1; g2 < k && !cut; g2++)
            cut = facts_gap_has(f->a, g2, ",;:");
        if (k < se && is_word(&f->t[k]) && !cut) {
            what = concept_of(f->t[k].norm);
            content = f->t[k].stem;
        }
    }
    size_t lo = qs > first + 4 ? qs - 4 : first;
    for (size_t k = qs; k-- > lo && !ev && !(what && g.kind == SL_FIG_PERCENT);) {
        if (f->t[k].kind == SL_TOK_PUNCT || facts_gap_has(f->a, k, ",;:"))
            break;
        const concept *c = concept_of(f->t[k].norm);
        if (c && c->event && g.kind == SL_FIG_COUNT)
            ev = c;
        else if (c && !c->event && g.kind == SL_FIG_PERCENT && !what)
            what = c;
        else if (!content && g.kind == SL_FIG_PERCENT && is_word(&f->t[k]) &&
                 !(f->t[k].flags & SL_TOKF_STOP) && f->t[k].end - f->t[k].start > 3)
            content = f->t[k].stem;
    }
    if (!ev && g.kind == SL_FIG_COUNT)
        ev = fig_governing_verb(f, qs, first);
    if (!ev && g.kind == SL_FIG_COUNT && (!what || !strcmp(what->key, "@people")) &&
        fig_left_home(f, j, se))
        ev = concept_named("@evacuated");
    if (!ev && !what && unit == (size_t)-1 && g.kind == SL_FIG_COUNT)
        return j; /* a bare number: nothing counted */
    if (!ev && t->kind == SL_TOK_WORD && g.kind == SL_FIG_COUNT && unit == (size_t)-1)
        return j; /* "seven" alone, without "were injured" */
    const char *base = ev ? ev->key : what ? what->key
                       : unit != (size_t)-1 ? f->t[unit].stem
                       : content ? content : "";
    if (what && !ev && !strcmp(what->key, "@people"))
        base = arena_printf(f->w->arena, "@people:%d", (int)floor(log10(v > 1 ? v : 1)));
    switch (g.kind) {
    case SL_FIG_PERCENT: g.unit_key = arena_printf(f->w->arena, "%%%s", base); break;
    case SL_FIG_MONEY:
        g.unit_key = arena_printf(f->w->arena, "$%s:%d", g.currency,
                                  (int)floor(log10(v > 1 ? v : 1)));
        break;
    case SL_FIG_MEASURE: g.unit_key = arena_printf(f->w->arena, "m:%s", f->t[unit].stem); break;
    case SL_FIG_ORDINAL: g.unit_key = arena_printf(f->w->arena, "#%s", base); break;
    case SL_FIG_AGE: g.unit_key = "age"; break;
    default: g.unit_key = base; break;
    }
    if (unit != (size_t)-1 && g.kind != SL_FIG_AGE && g.kind != SL_FIG_ORDINAL &&
        in_list(&f->t[unit], durations))
        g.unit_key = "";
    g.unit = unit != (size_t)-1 ? text_of(f, f->t[unit].start, f->t[unit].end)
             : g.kind == SL_FIG_PERCENT ? "%" : "";
    size_t last = unit != (size_t)-1 && unit + 1 > j ? unit + 1 : j;
    g.span.start = f->t[qs].start;
    g.span.end = f->t[last - 1].end;
    g.text = text_of(f, g.span.start, g.span.end);
    g.sent = f->w->tok_sent ? f->w->tok_sent[i] : 0;
    fig_push(f, &g);
    return j > i + 1 ? j : i + 1;
}

/* Is the number word at token i made vague by the word before it ("a few
 * hundred metres", "plusieurs dizaines", "several dozen")? No figure then. */
static bool fig_vague(const figw *f, size_t i, size_t first)
{
    static const char *const vague[] = {"few", "several", "many", "quelques", "plusieurs",
                                        "einige", "mehrere", "varios", "varias", "algunos",
                                        "algunas", "alcuni", "alcune", "diversi", "diverse",
                                        NULL};
    if (i == first || !is_word(&f->t[i - 1]))
        return false;
    const char *w = f->t[i - 1].norm;
    return facts_in_list(vague, w, strlen(w));
}

void facts_figures(facts_work *w)
{
    const sl_article *a = w->a;
    figw f = {w, a, a->toks, a->n_toks, 0, fig_words(w->ctx)};
    for (size_t s = 0; s < a->n_sents; s++) {
        size_t first = a->sents[s].tok_first, se = a->sents[s].tok_end;
        if (se > a->n_toks)
            se = a->n_toks;
        for (size_t i = first; i < se;) {
            const sl_token *t = &f.t[i];
            if (t->kind == SL_TOK_NUMBER || t->kind == SL_TOK_PERCENT ||
                t->kind == SL_TOK_ORDINAL) {
                bool score = (i > first && f.t[i - 1].kind == SL_TOK_NUMBER &&
                              facts_gap_has(a, i - 1, "-")) ||
                             (i + 1 < se && f.t[i + 1].kind == SL_TOK_NUMBER &&
                              facts_gap_has(a, i, "-"));
                if (is_year(&f, i) || !isfinite(t->value) || score ||
                    (t->kind == SL_TOK_ORDINAL && t->value > 1e6)) {
                    i++;
                    continue;
                }
                i = figure_at(&f, i, first, se, t->value, 0, false);
                continue;
            }
            if (t->kind != SL_TOK_WORD || (t->flags & SL_TOKF_CAP && i > first)) {
                i++;
                continue;
            }
            /* number words */
            const numword *nw = NULL;
            if (in_bit(&f, t, FB_NUMWORDS))
                for (const numword *p = numwords; p->w; p++)
                    if (strcmp(t->norm, p->w) == 0 &&
                        (p->lang == f.w->lang || f.w->lang == FL_OTHER)) {
                        nw = p;
                        break;
                    }
            if (!nw && in_bit(&f, t, FB_ONE) && i + 1 < se) {
                const concept *c = concept_of_ws(&f, f.t[i + 1].norm);
                if (c && c->event && !(f.t[i + 1].flags & SL_TOKF_STOP)) {
                    static const numword one = {"un", 1, 0, 0, FL_OTHER};
                    nw = &one;
                }
            }
            if (!nw || fig_vague(&f, i, first)) {
                i++;
                continue;
            }
            i = figure_at(&f, i, first, se, nw->v, nw->approx, nw->ordinal);
        }
    }
}
