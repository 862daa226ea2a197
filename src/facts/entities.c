/*
 * entities.c — people, places and organisations named in an article, by
 * rules that need no trained model (fr, en, de, es, it), and the entry
 * point sl_facts_extract that runs every facts pass.
 *
 * The idea: a name is a run of capitalised tokens (with the connectors
 * names carry: "Union of Dock Workers", "Stade de France", "Jean-Pierre
 * Rigaud"); its kind comes from the words around and inside it, strongest
 * evidence first:
 *
 *   1. a person title or honorific before it ("le préfet", "Prime
 *      Minister", "Mme", "Gen.", "UDW president") or after it (", préfet
 *      de ..."), also across a complement ("le maire de X, Jean Y": Jean Y
 *      is a person, X a place);
 *   2. an acronym in brackets after words whose initials spell it ("Agence
 *      régionale de santé (ARS)", "état-major des armées (EMA)"): an
 *      organisation (or a country);
 *   3. organisation words inside the name (Union, Agence, Institute, FC,
 *      Lines, GmbH...) or around it ("le parti X", "X party"); French,
 *      Spanish and Italian organisation names go on in lower case ("Service
 *      de prévision des crues"): after such a head, adjectives and "de +
 *      noun" groups are taken in;
 *   4. place words ("golfe de", "Gulf of", "Stade", "place", "-sur-" in a
 *      French commune name, a locative preposition "à", "in", "near");
 *   5. the gazetteer: countries, and towns it knows;
 *   6. two or three capitalised words with no other evidence: a person;
 *      a lone capitalised word: a name of unknown kind (in German, where
 *      every noun is capitalised, not even that).
 *
 * A capitalised word that only starts a sentence is kept when it is later
 * known as a name (a surname, a town). Within the article, mentions
 * consolidate: "Méchin" and "M. Méchin" join "Laurent Méchin"; "Brennholt"
 * joins "Brennholt Maritime" when that is the only name it starts.
 * Month and weekday names, and nationality words (demonyms) are not names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"
#include "facts.h"

/* ------------------------------------------------------------------ lists */

bool facts_in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (strncmp(*list, w, n) == 0 && (*list)[n] == 0)
            return true;
    return false;
}

/* Person titles and honorifics (folded, without final dot). */
static const char *const titles[] = {
    /* fr */
    "m", "mm", "mme", "mmes", "mlle", "me", "dr", "docteur", "docteure", "pr", "professeur",
    "professeure", "général", "générale", "gén", "colonel", "commandant", "capitaine",
    "lieutenant", "amiral", "sergent", "préfet", "préfète", "sous-préfet", "maire", "ministre",
    "président", "présidente", "juge", "procureur", "procureure", "sénateur", "sénatrice",
    "député", "députée", "directeur", "directrice", "porte-parole", "secrétaire", "chancelier",
    "chancelière", "roi", "reine", "prince", "princesse", "pape", "abbé", "cheikh", "imam",
    "ayatollah", "émir", "patron", "patronne", "maître", "avocat", "avocate", "entraîneur",
    "entraîneure", "sélectionneur", "gardien", "attaquant", "défenseur", "buteur", "habitant", "habitante", "riverain", "riveraine", "témoin", "ingénieur",
    "chercheur", "chercheuse", "pédiatre", "infirmier", "infirmière", "chef", "cheffe",
    "adjoint", "adjointe", "conseiller", "conseillère", "vice-président", "vice-présidente",
    "gouverneur", "dirigeant", "dirigeante", "fondateur", "fondatrice", "délégué", "déléguée",
    "représentant", "représentante", "responsable", "ambassadeur", "ambassadrice",
    /* en */
    "mr", "mrs", "ms", "miss", "prof", "professor", "gen", "general", "col", "capt", "captain",
    "lt", "adm", "admiral", "sgt", "sergeant", "cmdr", "commander", "president", "minister",
    "secretary", "chancellor", "senator", "sen", "rep", "representative", "governor", "gov",
    "mayor", "judge", "justice", "king", "queen", "princess", "pope", "sheikh", "rev",
    "reverend", "sir", "dame", "lord", "lady", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "executive", "ceo", "director", "coach", "manager", "striker",
    "goalkeeper", "prosecutor", "inspector", "detective", "chief", "leader", "founder",
    "analyst", "economist", "resident", "ambassador", "envoy", "prefect", "substitute",
    "midfielder", "defender", "winger",
    "doctor", "nurse", "researcher", "scientist", "pediatrician", "paediatrician", "officer",
    "head", "chair", "premier", "cardinal", "archbishop", "bishop",
    /* de */
    "herr", "frau", "bundeskanzler", "bundeskanzlerin", "kanzler", "kanzlerin", "ministerin",
    "präsident", "präsidentin", "bürgermeister", "bürgermeisterin", "sprecher", "sprecherin",
    "chefin", "trainer", "richter", "richterin", "staatsanwalt", "staatsanwältin",
    /* es */
    "sr", "sra", "srta", "don", "doña", "presidenta", "ministro", "ministra", "alcalde",
    "alcaldesa", "doctora", "portavoz", "juez", "jueza", "rey", "reina", "secretario",
    "secretaria", "directora", "entrenador",
    /* it */
    "sig", "sig.ra", "signor", "signora", "dott", "dottor", "dottoressa", "professore",
    "professoressa", "sindaco", "generale", "portavoce", "giudice", "re", "regina", "papa",
    "segretario", "direttore", "direttrice", "allenatore", NULL};

/* Words that only qualify a following title ("Prime Minister", "la Première
 * ministre", "vice-président", "Chief Executive"). */
static const char *const title_mods[] = {"premier", "première", "prime", "vice", "deputy",
                                         "chief", "head", "acting", "former", "ancien",
                                         "ancienne", "ex", "nouveau", "nouvelle", "new", NULL};

/* Honorifics that make a lone capitalised word a person ("M. Dupuis"). */
static const char *const honorifics[] = {
    "m", "mm", "mme", "mmes", "mlle", "me", "dr", "pr", "docteur", "docteure", "professeur",
    "mr", "mrs", "ms", "miss", "prof", "herr", "frau", "sr", "sra", "srta", "don", "doña", "sig",
    "signor", "signora", "dott", "général", "gén", "gen", "general", "colonel", "col", NULL};

/* Titles whose complement names a place ("maire de X", "mayor of X"). */
static const char *const territorial[] = {
    "préfet", "préfète", "sous-préfet", "maire", "gouverneur", "mayor", "governor",
    "bürgermeister", "bürgermeisterin", "alcalde", "alcaldesa", "sindaco", "prefect", NULL};

/* Words that make a name an organisation when inside it. */
static const char *const org_heads[] = {
    /* fr */
    "service", "agence", "institut", "autorité", "union", "fédération", "commission", "conseil",
    "ministère", "office", "direction", "syndicat", "parti", "banque", "comité", "caisse",
    "cour", "tribunal", "assemblée", "sénat", "observatoire", "centre", "société",
    "association", "confédération", "organisation", "fondation", "marine", "armée",
    "gendarmerie", "préfecture", "université", "école", "académie", "hôpital", "clinique",
    "groupe", "compagnie", "chambre", "mouvement", "front", "alliance", "régie", "laboratoire",
    "laboratoires", "état-major", "garde", "croix-rouge", "sécurité", "ligue", "coupe",
    "championnat", "fédération",
    /* en */
    "agency", "institute", "authority", "federation", "council", "ministry", "department",
    "party", "bank", "committee", "court", "assembly", "senate", "institution", "center",
    "society", "confederation", "organization", "foundation", "navy", "army", "police",
    "university", "college", "school", "academy", "hospital", "clinic", "group", "company",
    "corporation", "corp", "inc", "ltd", "llc", "plc", "board", "administration", "chamber",
    "movement", "staff", "guard", "fund", "trust", "lines", "maritime", "biologics",
    "airlines", "airways", "pharma", "pharmaceuticals", "motors", "holdings", "partners",
    "energy", "technologies", "systems", "shipping", "logistics", "media", "club", "fc",
    "united", "sa", "ag", "gmbh", "nv", "bv", "spa", "srl", "network", "labs", "laboratories",
    "industries", "solutions", "insurance", "railways", "exchange", "reserve", "cross",
    "forces", "force",
    "commission", "union", "service", "as", "ac", "sc", "cf", "ud", "rc", "league", "cup",
    "championship", "hospital", "review", "journal", "times", "post", "herald", "press",
    /* de */
    "partei", "gewerkschaft", "bundesamt", "ministerium", "verband", "universität", "gericht",
    "kommission", "rat", "agentur", "stiftung", "gruppe", "konzern", "verein", "bundeswehr",
    "polizei", "bundesbank", "landtag", "bundestag", "bundesrat", "bund", "vereinigung",
    "genossenschaft", "gesellschaft", "kammer", "behörde", "akademie", "konsortium",
    /* es */
    "partido", "sindicato", "ministerio", "banco", "agencia", "instituto", "universidad",
    "comisión", "consejo", "fundación", "grupo", "empresa", "compañía", "asociación",
    "federación", "unión", "servicio", "ejército", "armada", "policía", "guardia",
    "consorcio", "confederación", "organización", "comité", "autoridad", "sindicato",
    /* it */
    "partito", "ministero", "banca", "agenzia", "istituto", "università", "tribunale",
    "commissione", "consiglio", "fondazione", "gruppo", "associazione", "federazione",
    "unione", "servizio", "esercito", "polizia", "azienda", "consorzio", "sindacato",
    "confederazione", "organizzazione", "comitato", "autorità", "ente", NULL};

/* Lowercase organisation words that belong to the name after them
 * ("institut Halvorsen", "hôpital Édouard-Herriot"). */
static const char *const name_heads[] = {
    "institut", "institute", "agence", "université", "university", "hôpital", "hospital",
    "banque", "fondation", "école", "académie", "musée", "lycée", "collège", "universidad",
    "instituto", "istituto", "università", "ospedale", "hospital", NULL};

/* Lowercase words before a name that make it an organisation ("le parti X",
 * "shipping consultancy X"); in German they may be capitalised. */
static const char *const org_cues_before[] = {
    "groupe", "société", "entreprise", "firme", "compagnie", "usine", "syndicat",
    "association", "parti", "club", "assureur", "constructeur", "laboratoire", "géant",
    "armateur", "transporteur", "cabinet", "journal", "quotidien", "hebdomadaire", "chaîne",
    "company", "firm", "group", "consultancy", "carrier", "bank", "union", "party", "agency",
    "insurer", "maker", "manufacturer", "retailer", "newspaper", "operator", "giant", "rival",
    "startup", "lab", "broker", "airline", "daily", "line", "conglomerate", "shipper",
    "institut", "institute", "agence", "université", "hôpital", "banque", "fondation",
    "konzern", "firma", "unternehmen", "gewerkschaft", "partei", "hersteller", "zeitung",
    "empresa", "grupo", "compañía", "partido", "sindicato", "periódico", "società",
    "gruppo", "azienda", "partito", "sindacato", "giornale", NULL};

/* Lowercase words after a name that make it an organisation ("X party"). */
static const char *const org_cues_after[] = {
    "party", "union", "group", "company", "firm", "club", "agency", "ministry", "movement",
    "alliance", "coalition", "bank", "airline", "newspaper", "consortium", "federation",
    "institute", "foundation", "corporation", NULL};

/* Words that make a name a place: first word of it ("Gulf of Guinea"). */
static const char *const place_first[] = {
    "gulf", "golfe", "golf", "golfo", "lake", "lac", "lago", "mount", "mont", "monte",
    "cape", "cap", "cabo", "capo", "bay", "baie", "bahía", "baia", "stade", "stadium",
    "stadion", "estadio", "stadio", "place", "rue", "avenue", "boulevard", "quai", "port",
    "île", "isla", "isola", "mer", "mar", "mare", "forêt", "plaza", "piazza", "calle",
    "aéroport", "aeropuerto", "aeroporto", "gare", "pont", "parc", "vallée", "détroit",
    "strait", "canal", "col", "massif", "plaine", "lac", "pointe", "baie", NULL};

/* ... or its last word ("Ruhr Valley", "Red Sea"). */
static const char *const place_last[] = {
    "sea", "river", "ocean", "island", "islands", "bay", "valley", "desert", "square",
    "strip", "hill", "heights", "east",
    "street", "avenue", "road", "stadium", "airport", "station", "park", "mountains",
    "region", "province", "county", "peninsula", "coast", "strait", "canal", "bridge",
    "platz", "straße", "strasse", "see", "tal", "gebirge", "insel", "stadion", "flughafen",
    "bahnhof", NULL};

/* Lowercase place words before a name: "golfe de Guinée", "place Bellecour". */
static const char *const place_cues_before[] = {
    "golfe", "lac", "mont", "monts", "île", "îles", "place", "rue", "avenue", "boulevard",
    "quai", "pont", "canal", "détroit", "baie", "cap", "plaine", "vallée", "forêt", "massif",
    "mer", "océan", "région", "département", "canton", "province", "ville", "village",
    "commune", "hameau", "quartier", "banlieue", "port", "aéroport", "gare", "stade",
    "city", "town", "village", "province", "region", "state", "district", "suburb",
    "golfo", "lago", "plaza", "calle", "piazza", "via", "città", "ciudad", "pueblo", "paese",
    "stadt", "dorf", "gemeinde", NULL};

/* Locative prepositions (the word right before a name). */
static const char *const locatives[] = {
    "à", "au", "aux", "vers", "depuis", "near", "in", "at", "outside", "across", "from",
    "nach", "bei", "aus", "en", "cerca", "desde", "hacia", "presso", "verso", "près", "til",
    NULL};

/* Connectors inside names ("Union of Dock Workers", "Stade de France"):
 * taken only when the name so far has an organisation or place word. */
static const char *const connectors[] = {"of", "de", "du", "des", "d'", "for", "on", "upon",
                                         "sur", "lès", "la", "le", "di", "del", "della",
                                         "dello", "da", "do", "dos", "das", NULL};

/* Particles of personal names, always taken ("Joris van Dijk"). */
static const char *const particles[] = {"von", "van", "der", "den", "ter", "bin", "ben",
                                        "ibn", "abu", "al", "el", "da", "di", "dos", "del",
                                        "de", "le", NULL};

/* Lowercase words an acronym's letters pass over, besides the connectors
 * and "and"s: "Bund der Küstenfischer (BK)", "Comitato per la difesa". */
static const char *const acro_links[] = {"der", "die", "den", "dem", "des", "für", "zur",
                                         "zum", "the", "el", "los", "las", "para", "dei",
                                         "degli", "delle", "per", "il", "a", "à", "au", "aux",
                                         "en", NULL};

/* "and"-like words, allowed inside an organisation name only. */
static const char *const ands[] = {"and", "&", "et", "und", "y", "e", NULL};

/* Articles that may start a place name when capitalised mid-sentence. */
static const char *const name_articles[] = {"le", "la", "les", "l'", "the", "el", "los",
                                            "las", "il", "lo", "den", "de", NULL};

/* Months and weekdays: capitalised in English and German, never names. */
static const char *const calendar[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "januar", "februar", "märz",
    "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "gennaio", "febbraio", "aprile",
    "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "lunedì", "martedì",
    "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "christmas", "noël", "easter",
    "pâques", "ramadan", NULL};

/* Words that name a storm ("Storm Ilona", "la tempête Ilona"): the name
 * after them is an event, not a person. */
static const char *const storms[] = {
    "storm", "hurricane", "typhoon", "cyclone", "tempête", "ouragan", "typhon", "sturm",
    "orkan", "tormenta", "huracán", "tifón", "ciclón", "tempesta", "uragano", "tifone",
    "ciclone", NULL};

/* Continents an organisation name may end with ("... Cooperation in Europe"). */
static const char *const continents[] = {"europe", "africa", "asia", "america", "americas",
                                         "oceania", NULL};

/* Capitalised words that are never names on their own. */
static const char *const not_names[] = {
    "i", "ok", "tv", "web", "internet", "covid", "covid-19", "etc", "mme", "m", "mr", "mrs",
    "dr", "ms", "no", "nr", "n°", "op", "ed", "am", "pm", "gmt", "utc", "cet", "eur",
    "usd", "km", "kg", "xixe", "xxe", "xxie", "teu", NULL};

/* Words of a disease's name: its acronym names no organisation
 * ("virus respiratoire syncytial (VRS)", "respiratory syncytial virus, or
 * RSV"). */
static const char *const diseases[] = {"virus", "syndrome", "disease", "maladie", "fièvre",
                                       "fever", "syndrom", "krankheit", "enfermedad",
                                       "malattia", "grippe", NULL};

/* Nationality words that are capitalised in English ("Belgian", "Dutch"):
 * a closed set of suffixes is enough to keep them out of names when the
 * gazetteer cannot say. */
static bool demonym_like(const char *norm, size_t n, int lang)
{
    if (lang != FL_EN)
        return false;
    static const char *const sfx[] = {"ian", "ish", "ese", "ean", "an", "i", "ch", NULL};
    static const char *const words[] = {
        "dutch", "french", "british", "english", "german", "belgian", "polish", "european",
        "african", "american", "asian", "french-led", "swiss", "greek", "thai", "iraqi",
        "israeli", "western", "eastern", "northern", "southern",
        /* religions, peoples and creeds, as adjectives or plurals: "an Islamic
         * group", "Kurdish deputies", "Bosnian Serbs", "the Democrats" */
        "islamic", "muslim", "muslims", "jewish", "jews", "arab", "arabs", "arabic", "kurdish",
        "kurds", "turkish", "spanish", "danish", "swedish", "finnish", "irish", "scottish",
        "welsh", "serbs", "croats", "israelis", "palestinians", "christian", "christians",
        "catholic", "catholics", "protestant", "orthodox", "sunni", "shiite", "shiites",
        "communist", "communists", "socialist", "socialists", "marxist", "democratic",
        "democrat", "democrats", "republican", "republicans", "liberal", "liberals",
        "yugoslav", "soviet", "olympic", "foreign", NULL};
    if (facts_in_list(words, norm, n))
        return true;
    (void)sfx;
    return false;
}

int facts_lang(const char *lang)
{
    if (!lang)
        return FL_OTHER;
    if (!strncmp(lang, "fr", 2))
        return FL_FR;
    if (!strncmp(lang, "en", 2))
        return FL_EN;
    if (!strncmp(lang, "de", 2))
        return FL_DE;
    if (!strncmp(lang, "es", 2))
        return FL_ES;
    if (!strncmp(lang, "it", 2))
        return FL_IT;
    return FL_OTHER;
}

/* ------------------------------------------------------------------ tokens */

typedef struct ents {
    facts_work *w;
    const sl_article *a;
    const sl_token *t;
    size_t nt;
    const wordset *ws;
    const uint64_t *tmask; /* token_lists() */
} ents;

static bool tk_word(const sl_token *t) { return t->kind == SL_TOK_WORD; }
static bool tk_cap(const sl_token *t)
{
    return t->kind == SL_TOK_WORD && (t->flags & (SL_TOKF_CAP | SL_TOKF_ALLCAPS));
}
static bool tk_punct(const sl_token *t, const char *s)
{
    return t->kind == SL_TOK_PUNCT && strcmp(t->norm, s) == 0;
}
static size_t tk_len(const sl_token *t) { return t->end - t->start; }

/* The lists of this file, in the order of their bits in the context's
 * word set (the L_ names below). */
static const char *const *const ent_lists[] = {
    titles, title_mods, honorifics, territorial, org_heads, name_heads, org_cues_before,
    org_cues_after, place_first, place_last, place_cues_before, locatives, connectors,
    particles, ands, name_articles, calendar, not_names, acro_links, storms, continents, NULL};
enum {
    L_titles, L_title_mods, L_honorifics, L_territorial, L_org_heads, L_name_heads,
    L_org_cues_before, L_org_cues_after, L_place_first, L_place_last, L_place_cues_before,
    L_locatives, L_connectors, L_particles, L_ands, L_name_articles, L_calendar, L_not_names,
    L_acro_links, L_storms, L_continents
};

/* Lists holding each token's norm (final dots and "'s" left out), computed
 * once per article: a list test is then a bit test. */
static uint64_t *token_lists(const wordset *ws, sl_arena *a, const sl_token *t, size_t n)
{
    uint64_t *m = arena_alloc(a, (n + 1) * sizeof *m);
    for (size_t i = 0; i < n; i++) {
        m[i] = 0;
        if (t[i].kind != SL_TOK_WORD)
            continue;
        size_t l = strlen(t[i].norm);
        while (l > 1 && t[i].norm[l - 1] == '.')
            l--;
        if (l > 2 && t[i].norm[l - 1] == 's' && t[i].norm[l - 2] == '\'')
            l -= 2; /* Union's */
        m[i] = wordset_get(ws, t[i].norm, l);
    }
    return m;
}

/* Is the token (one of e->t) in the list? */
#define norm_in(tok, list) ((e->tmask[(tok) - e->t] >> L_##list) & 1)

bool facts_gap_has(const sl_article *a, size_t i, const char *set)
{
    if (i >= a->n_toks)
        return false;
    size_t s = a->toks[i].end;
    size_t e = i + 1 < a->n_toks ? a->toks[i + 1].start : a->text_len;
    for (size_t k = s; k < e && k < a->text_len; k++) {
        unsigned char c = (unsigned char)a->text[k];
        if (c < 0x80 && strchr(set, c) && c)
            return true;
        /* dashes — – count as separators too */
        if (c == 0xE2 && k + 2 < e && (unsigned char)a->text[k + 1] == 0x80 &&
            ((unsigned char)a->text[k + 2] == 0x93 || (unsigned char)a->text[k + 2] == 0x94) &&
            strchr(set, '-'))
            return true;
    }
    return false;
}

/* Nothing but spaces between tokens i and i+1 (and no line break). */
static bool tight(const ents *e, size_t i) { return !facts_gap_has(e->a, i, ",;:()[]-\n/|"); }

/* First word of its sentence, or after an opening quote, colon or dash. */
static bool initial(const ents *e, size_t i, size_t first)
{
    size_t k = i;
    while (k > first && e->t[k - 1].kind == SL_TOK_PUNCT) {
        const char *p = e->t[k - 1].norm;
        if (!strcmp(p, ".") || !strcmp(p, "'"))
            break;
        k--;
    }
    if (k == first)
        return true;
    if (k < i)
        return true; /* after « " ( : */
    return facts_gap_has(e->a, i - 1, ":-\n");
}

/* -------------------------------------------------------------- candidates */

enum { EV_NONE = 0, EV_WEAK = 1, EV_CAPS = 2 };

typedef struct cand {
    uint32_t tf, te;      /* token range of the name */
    uint32_t start, end;  /* byte span of the display form */
    uint32_t kstart, kend; /* byte span the key is computed from */
    int kind;             /* sl_entity_kind, or -1 undecided */
    bool weak;            /* only sentence-initial evidence */
    bool shape;           /* kind guessed from the shape only (step 6) */
    bool initial;
    bool storm;           /* a named storm ("Storm Ilona", "tempête Ilona") */
    const char *title;
    const char *acronym;
    int entity;
} cand;

typedef struct cands {
    cand *v;
    size_t n, cap;
    uint32_t *acr; /* indexes of the candidates given an acronym, in order */
    size_t n_acr, acr_cap;
} cands;

/* Names given an acronym that a later acronym alone looks back on. */
#define ACR_LOOKBACK 256

/* Gives candidate ci the acronym text, and lists it among those having one
 * (so that a later acronym alone reads them, not every candidate). */
static void cand_set_acronym(sl_arena *a, cands *cs, size_t ci, const char *text)
{
    if (!cs->v[ci].acronym) {
        if (cs->n_acr == cs->acr_cap) {
            size_t nc = cs->acr_cap ? 2 * cs->acr_cap : 16;
            cs->acr = arena_grow(a, cs->acr, cs->n_acr, nc, sizeof *cs->acr);
            cs->acr_cap = nc;
        }
        cs->acr[cs->n_acr++] = (uint32_t)ci;
    }
    cs->v[ci].acronym = text;
}

/* The token ends with a possessive "'s" ("Kowal's"). */
static bool possessive(const sl_token *t)
{
    size_t n = strlen(t->norm);
    return n > 2 && t->norm[n - 1] == 's' && t->norm[n - 2] == '\'';
}

static cand *cand_push(ents *e, cands *cs, size_t tf, size_t te)
{
    if (cs->n == cs->cap) {
        size_t nc = cs->cap ? 2 * cs->cap : 32;
        cs->v = arena_grow(e->w->arena, cs->v, cs->n, nc, sizeof *cs->v);
        cs->cap = nc;
    }
    cand *c = &cs->v[cs->n++];
    memset(c, 0, sizeof *c);
    c->tf = (uint32_t)tf;
    c->te = (uint32_t)te;
    c->start = c->kstart = e->t[tf].start;
    c->end = c->kend = e->t[te - 1].end;
    if (possessive(&e->t[te - 1]) && c->end - 2 > c->start)
        c->end = c->kend = c->end - 2; /* Kowal's → Kowal */
    c->kind = -1;
    c->entity = -1;
    return c;
}

static const char *span_text(ents *e, uint32_t s, uint32_t t)
{
    return arena_strndup(e->w->arena, e->a->text + s, t - s);
}

/* A token that can start or continue a name. */
static bool name_tok(const ents *e, size_t i)
{
    const sl_token *t = &e->t[i];
    if (!tk_cap(t))
        return false;
    if (norm_in(t, calendar) || norm_in(t, not_names))
        return false;
    if (t->flags & SL_TOKF_HYPHEN) { /* "Antwerp-based", "French-led" */
        const char *h = strrchr(t->norm, '-');
        const char *raw = e->a->text + t->start + (h - t->norm) + 1;
        if (h && raw < e->a->text + t->end && *raw >= 'a' && *raw <= 'z')
            return false;
    }
    return true;
}


static bool caps_acronym(const sl_token *t)
{
    size_t n = tk_len(t);
    return (t->flags & SL_TOKF_ALLCAPS) && n >= 2 && n <= 6 && !(t->flags & SL_TOKF_HYPHEN);
}

/* Does the run [i, end) start or end with a place word? */
static bool place_head_in(const ents *e, size_t i, size_t end)
{
    return end > i && (norm_in(&e->t[i], place_first) || norm_in(&e->t[end - 1], place_last));
}

/* Does some token in [i, end) of a run carry an organisation head? */
static bool org_head_in(const ents *e, size_t i, size_t end)
{
    for (size_t k = i; k < end; k++)
        if (e->t[k].kind == SL_TOK_WORD && norm_in(&e->t[k], org_heads))
            return true;
    return false;
}

static int gaz_kind(ents *e, uint32_t s, uint32_t t, bool initial_pos, bool locative,
                    bool *country);

/* "Organization for Security and Cooperation in Europe": an organisation
 * run [i, j) whose last word follows a connector ("for Security") goes on
 * over "and" (token j) with one more capitalised word, when one of the two
 * is an abstract noun and neither is a place ("Bank of England and
 * Barclays" are two), and then over "in" and a continent. Sets *end. */
static bool org_and(const ents *e, size_t i, size_t j, size_t se, size_t *end)
{
    if (j < i + 3 || !org_head_in(e, i, j - 1) || !tk_word(&e->t[j - 2]) ||
        tk_cap(&e->t[j - 2]) || !norm_in(&e->t[j - 2], connectors))
        return false;
    size_t b = j + 1;
    if (b >= se || !name_tok(e, b) || caps_acronym(&e->t[b]) || !tight(e, j) ||
        (b + 1 < se && name_tok(e, b + 1) && tight(e, b)))
        return false;
    static const char *const abstract[] = {"tion", "sion", "ity", "ment", "ance", "ence", "ure",
                                           "ism", "ship", "ness", "ics", "ery", NULL};
    bool abs = false; /* "Security", "Cooperation", "Development" */
    for (const char *const *x = abstract; *x && !abs; x++) {
        size_t l = strlen(*x), na = strlen(e->t[j - 1].norm), nb = strlen(e->t[b].norm);
        abs = (na > l + 2 && !strcmp(e->t[j - 1].norm + na - l, *x)) ||
              (nb > l + 2 && !strcmp(e->t[b].norm + nb - l, *x));
    }
    ents *me = (ents *)e;
    if (!abs || gaz_kind(me, e->t[j - 1].start, e->t[j - 1].end, false, false, NULL) >= 0 ||
        gaz_kind(me, e->t[b].start, e->t[b].end, false, false, NULL) >= 0)
        return false;
    *end = b + 1;
    if (b + 2 < se && tk_word(&e->t[b + 1]) && !strcmp(e->t[b + 1].norm, "in") &&
        tight(e, b) && tight(e, b + 1) && norm_in(&e->t[b + 2], continents))
        *end = b + 3;
    return true;
}

/* End of the capitalised run starting at i (sentence ends at se). */
static size_t run_end(const ents *e, size_t i, size_t se)
{
    size_t j = i + 1;
    while (j < se && tight(e, j - 1)) {
        const sl_token *t = &e->t[j];
        if (possessive(&e->t[j - 1])) {
            /* "St. Mary's Children's Hospital" goes on; "Kowal's party" stops */
            if (!name_tok(e, j))
                break;
            size_t k = run_end(e, j, se);
            if (!org_head_in(e, j, k) && !place_head_in(e, j, k))
                break;
            j = k;
            break;
        }
        if (name_tok(e, j)) {
            j++;
            continue;
        }
        if (j + 1 < se && tk_punct(t, "'") && name_tok(e, j + 1) && tight(e, j)) {
            j += 2; /* Port Employers' Federation */
            continue;
        }
        if (j + 1 < se && tk_punct(t, ".") && tk_len(&e->t[j - 1]) <= 3 && name_tok(e, j + 1)) {
            j += 2; /* St. Mary's */
            continue;
        }
        if (tk_word(t) && !tk_cap(t) && (norm_in(t, connectors) || norm_in(t, particles))) {
            bool head = org_head_in(e, i, j) || place_head_in(e, i, j) ||
                        (j + 1 < se && name_tok(e, j + 1) &&
                         gaz_kind((ents *)e, e->t[i].start, e->t[j + 1].end, false, false,
                                  NULL) >= 0); /* Afrique du Sud */
            if (!head && !norm_in(t, particles))
                break;
            size_t k = j + 1;
            if (head && k < se && tk_word(&e->t[k]) && !tk_cap(&e->t[k]) &&
                (!strcmp(e->t[k].norm, "la") || !strcmp(e->t[k].norm, "l'") ||
                 !strcmp(e->t[k].norm, "the")))
                k++;
            if (k < se && name_tok(e, k) && tight(e, k - 1) && !caps_acronym(&e->t[k])) {
                j = k + 1;
                continue;
            }
            if (head && (t->flags & SL_TOKF_ELIDED) && k < se && name_tok(e, k)) {
                j = k + 1;
                continue;
            }
        }
        if (tk_word(t) && !tk_cap(t) && norm_in(t, ands) && j + 1 < se && name_tok(e, j + 1)) {
            size_t k = run_end(e, j + 1, se);
            if (org_head_in(e, j + 1, k)) {
                j = k;
                continue;
            }
            if (org_and(e, i, j, se, &k)) {
                j = k;
                continue;
            }
        }
        break;
    }
    return j;
}

/* French/Spanish/Italian adjective by its ending (after an org head). */
static bool adjective_like(const sl_token *t)
{
    static const char *const sfx[] = {
        "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens",
        "iennes", "ais", "aise", "ois", "oise", "ique", "iques", "aire", "aires", "if", "ive",
        "ifs", "ives", "é", "ée", "és", "ées", "eux", "euse", "ain", "aine", "ier", "ière",
        "ano", "ana", "ico", "ica", "ali", "ivo", "iva", "ario", "aria", "ese", "ense", "ino",
        "ina", "ale", "nal", "nale", "ile", "iles", "ique", "éen", "éenne", "éens", "éennes",
        NULL};
    const char *w = t->norm;
    size_t n = strlen(w);
    if (n < 4 || !tk_word(t) || tk_cap(t) || (t->flags & SL_TOKF_STOP))
        return false;
    for (const char *const *s = sfx; *s; s++) {
        size_t l = strlen(*s);
        if (n > l + 2 && !memcmp(w + n - l, *s, l))
            return true;
    }
    return false;
}

static bool plain_lower(const sl_token *t)
{
    return tk_word(t) && !tk_cap(t) && !(t->flags & SL_TOKF_STOP) && tk_len(t) >= 3;
}

/* Lowercase continuation of an organisation name in fr/es/it: adjectives
 * and "de (la) noun (adjective)" groups. Returns the new end. */
static size_t org_extend(const ents *e, size_t j, size_t se)
{
    static const char *const conn[] = {"de", "des", "du", "d'", "pour", "del", "della",
                                       "dei", "degli", "delle", "di", "de los", "para",
                                       "per", NULL};
    size_t end = j, adj = 0;
    while (end < se && adj < 2 && tight(e, end - 1) && adjective_like(&e->t[end])) {
        end++;
        adj++;
    }
    for (int groups = 0; groups < 2 && end < se; groups++) {
        size_t k = end;
        if (!tight(e, k - 1) || !tk_word(&e->t[k]) || !facts_in_list(conn, e->t[k].norm, strlen(e->t[k].norm)))
            break;
        k++;
        if (k < se && tk_word(&e->t[k]) &&
            (!strcmp(e->t[k].norm, "la") || !strcmp(e->t[k].norm, "l'") ||
             !strcmp(e->t[k].norm, "los") || !strcmp(e->t[k].norm, "las")))
            k++;
        if (k >= se || !plain_lower(&e->t[k]) || !tight(e, k - 1))
            break;
        k++;
        if (k < se && tight(e, k - 1) && adjective_like(&e->t[k]))
            k++;
        end = k;
    }
    return end;
}

/* Index of the word token before i, skipping one dot ("Dr." "Gen."), or -1. */
static long prev_word(const ents *e, size_t i, size_t first)
{
    if (i == first)
        return -1;
    size_t k = i - 1;
    if (tk_punct(&e->t[k], ".") && k > first)
        k--;
    if (!tk_word(&e->t[k]))
        return -1;
    if (!tight(e, k) && !(k + 1 < e->nt && tk_punct(&e->t[k + 1], ".")))
        return -1;
    return (long)k;
}

/* Title words ending right before i: sets *tf to the first title token. */
static bool title_before(const ents *e, size_t i, size_t first, size_t *tf)
{
    long k = prev_word(e, i, first);
    if (k < 0 || !norm_in(&e->t[k], titles))
        return false;
    size_t s = (size_t)k;
    for (;;) {
        long p = prev_word(e, s, first);
        if (p < 0 || !(norm_in(&e->t[p], titles) || norm_in(&e->t[p], title_mods)))
            break;
        s = (size_t)p;
    }
    *tf = s;
    return true;
}

static const char *title_text(ents *e, size_t tf, size_t te)
{
    uint32_t s = e->t[tf].start, t = e->t[te - 1].end;
    if (te < e->nt && tk_punct(&e->t[te], ".") && e->t[te].start == t)
        t = e->t[te].end;
    return span_text(e, s, t);
}

/* What the gazetteer says of the name [s, t): SL_ENT_PLACE when it is a
 * country, a capital, or a town a reader would take the name for; -1 else.
 * A single word needs more: its own main name (not an alternate such as
 * "Selon" for Salon-de-Provence) and some size, unless a locative
 * preposition introduces it. Smaller towns are left to facts_places, which
 * knows the article's countries. *country: the name is a country. */
static int gaz_kind(ents *e, uint32_t s, uint32_t t, bool initial_pos, bool locative,
                    bool *country)
{
    if (country)
        *country = false;
    gaz *g = facts_gaz(e->w->ctx);
    if (!g || t <= s)
        return -1;
    char key[512];
    char name[256];
    size_t n = t - s;
    if (n >= sizeof name)
        return -1;
    memcpy(name, e->a->text + s, n);
    name[n] = 0;
    sl_fact_key(name, key, sizeof key);
    gaz_hit hits[16];
    size_t nh = gaz_candidates(g, key, hits, 16);
    bool caps = true, multi = false;
    for (size_t i = 0; i < n; i++) {
        if (name[i] >= 'a' && name[i] <= 'z')
            caps = false;
        if (name[i] == ' ')
            multi = true;
    }
    for (size_t i = 0; i < nh; i++) {
        if (hits[i].code && !caps)
            continue;
        const gaz_place *p = hits[i].place;
        if (p->kind == GAZ_COUNTRY) {
            if (country)
                *country = true;
            return SL_ENT_PLACE;
        }
        if (locative && p->population >= 500)
            return SL_ENT_PLACE;
        if (multi && p->population >= 1000)
            return SL_ENT_PLACE;
        char mk[512];
        sl_fact_key(hits[i].name, mk, sizeof mk);
        bool main_name = strcmp(mk, key) == 0;
        if (initial_pos ? main_name && (p->population >= 20000 || p->kind == GAZ_CAPITAL)
                        : p->population >= 100000 || p->kind == GAZ_CAPITAL)
            return SL_ENT_PLACE;
    }
    return -1;
}

/* An English nationality word the gazetteer knows the country of:
 * "Albanian(s)" (Albania), "Serbian" (Serbia), "Brazilian" (Brazil),
 * "Kenyan" (Kenya), "Japanese" (Japan), "Chinese" (China). */
static bool demonym_gaz(ents *e, const sl_token *t)
{
    gaz *g = facts_gaz(e->w->ctx);
    const char *w = t->norm;
    size_t n = strlen(w);
    if (!g || !tk_word(t) || !tk_cap(t) || n < 5 || n > 40 || (t->flags & SL_TOKF_ALLCAPS))
        return false;
    if (w[n - 1] == 's')
        n--; /* Albanians */
    struct { const char *sfx, *repl[3]; } const rules[] = {
        {"ian", {"ia", "a", ""}}, {"an", {"a", "", NULL}}, {"ese", {"a", "", NULL}}};
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        size_t l = strlen(rules[r].sfx);
        if (n <= l + 2 || memcmp(w + n - l, rules[r].sfx, l))
            continue;
        for (int k = 0; k < 3 && rules[r].repl[k]; k++) {
            char name[64], key[128];
            snprintf(name, sizeof name, "%.*s%s", (int)(n - l), w, rules[r].repl[k]);
            sl_fact_key(name, key, sizeof key);
            gaz_hit hits[8];
            size_t nh = gaz_candidates(g, key, hits, 8);
            for (size_t h = 0; h < nh; h++)
                if (hits[h].place->kind == GAZ_COUNTRY)
                    return true;
        }
        return false;
    }
    return false;
}

/* French commune shape: Vallières-sur-Loire, Mauves-sur-Loire, Saint-Fons. */
static bool commune_like(const ents *e, const sl_token *t)
{
    static const char *const parts[] = {"-sur-", "-sous-", "-lès-", "-les-", "-en-", "-le-",
                                        "-la-", "-du-", "-des-", "-aux-", "-d'", "-de-",
                                        "-am-", "-an-der-", "-upon-", NULL};
    if (!(t->flags & SL_TOKF_HYPHEN))
        return false;
    for (const char *const *p = parts; *p; p++)
        if (strstr(t->norm, *p))
            return true;
    return false;
}

/* ----------------------------------------------------------- classification */

/* Decides the kind of the run [i, j) of sentence [first, se) and pushes
 * the candidates it holds (a run may hold a title and a name). */
static void classify_run(ents *e, cands *cs, size_t i, size_t j, size_t first, size_t se)
{
    int lang = e->w->lang;
    /* a capitalised article mid-sentence starts a name ("à La Haye") only
     * when followed by a capitalised word */
    const sl_token *t0 = &e->t[i];
    bool init = initial(e, i, first);
    if ((t0->flags & SL_TOKF_STOP) && !caps_acronym(t0)) {
        bool art = norm_in(t0, name_articles) && !init && j > i + 1;
        if (!art) {
            if (j > i + 1)
                classify_run(e, cs, i + 1, j, first, se);
            return;
        }
    }
    /* title words inside the run split it: "Prime Minister Anna Kowal",
     * "Brennholt Chief Executive Katrin Albrecht" */
    for (size_t k = j; k-- > i;) {
        if (!norm_in(&e->t[k], titles) || caps_acronym(&e->t[k]))
            continue;
        if (k + 1 >= j) /* the run ends with a title: no name after it */
            return;
        if (org_head_in(e, k + 1, j))
            break; /* "General Staff": an organisation */
        size_t ts = k;
        while (ts > i && (norm_in(&e->t[ts - 1], titles) || norm_in(&e->t[ts - 1], title_mods)))
            ts--;
        if (ts > i)
            classify_run(e, cs, i, ts, first, se);
        size_t ns = k + 1;
        if (ns < j && tk_punct(&e->t[ns], "."))
            ns++;
        if (ns >= j)
            return;
        size_t tf0 = ts;
        size_t ltf;
        if (ts == i && title_before(e, i, first, &ltf))
            tf0 = ltf; /* "la Première ministre" */
        cand *c = cand_push(e, cs, ns, j);
        c->kind = SL_ENT_PERSON;
        c->title = title_text(e, tf0, k + 1);
        if (ns + 1 == j && norm_in(&e->t[k], honorifics))
            c->start = e->t[k].start; /* "Herr Vennikor", "Sr. Vennikor", as "M. Dupuis" */
        return;
    }
    /* German nouns as cues at the head of a run: "Konzern Siemens" */
    if (j > i + 1 && norm_in(t0, org_cues_before) && lang == FL_DE) {
        cand *c = cand_push(e, cs, i + 1, j);
        c->kind = SL_ENT_ORG;
        return;
    }
    /* a run made of month names and such only */
    if (j == i + 1 && ((t0->flags & SL_TOKF_STOP) || tk_len(t0) < 2))
        return;
    if (j == i + 1 && demonym_like(t0->norm, strlen(t0->norm), lang))
        return;
    bool adjectives = true; /* "Turkish Kurdish", "Orthodox Jewish": no name */
    for (size_t k = i; k < j && adjectives; k++)
        adjectives = !tk_word(&e->t[k]) || !tk_cap(&e->t[k]) ||
                     demonym_like(e->t[k].norm, strlen(e->t[k].norm), lang);
    if (adjectives)
        return;
    /* nationality words at either end: "Kosovo Albanian" is Kosovo */
    if (lang == FL_EN && demonym_gaz(e, t0)) {
        if (j > i + 1)
            classify_run(e, cs, i + 1, j, first, se);
        return;
    }
    if (lang == FL_EN && j > i + 1 && demonym_gaz(e, &e->t[j - 1])) {
        classify_run(e, cs, i, j - 1, first, se);
        return;
    }
    if (j == i + 1 && caps_acronym(t0) && i > first && e->t[i - 1].kind == SL_TOK_NUMBER)
        return; /* a unit: "24,000 TEU" */

    cand *c = cand_push(e, cs, i, j);
    c->initial = init;
    size_t tf;
    long pw = prev_word(e, i, first);
    const sl_token *prev = pw >= 0 ? &e->t[pw] : NULL;
    bool single = j == i + 1;

    /* a named storm: "Storm Ilona", "la tempête Ilona" */
    if ((norm_in(t0, storms) && !single) ||
        (prev && !tk_cap(prev) && norm_in(prev, storms) && tight(e, (size_t)pw))) {
        c->kind = SL_ENT_OTHER;
        c->storm = true;
        if (!norm_in(t0, storms))
            c->start = prev->start; /* "tempête Ilona" */
        return;
    }
    /* 1. titles before */
    if (title_before(e, i, first, &tf)) {
        const sl_token *tt = &e->t[pw];
        bool hon = norm_in(tt, honorifics);
        if (!caps_acronym(t0) || hon) {
            c->kind = SL_ENT_PERSON;
            c->title = title_text(e, tf, (size_t)pw + 1);
            if (single && hon) { /* "M. Dupuis": keep the honorific in view */
                c->start = e->t[pw].start;
            }
            return;
        }
    }
    /* 3. organisation words */
    if (org_head_in(e, i, j) || (prev && !tk_cap(prev) && norm_in(prev, org_cues_before)) ||
        (j < se && tight(e, j - 1) && tk_word(&e->t[j]) && !tk_cap(&e->t[j]) &&
         norm_in(&e->t[j], org_cues_after))) {
        c->kind = SL_ENT_ORG;
        if (prev && !tk_cap(prev) && norm_in(prev, name_heads) && tight(e, (size_t)pw))
            c->start = c->kstart = prev->start; /* "institut Halvorsen" */
        if ((lang == FL_FR || lang == FL_ES || lang == FL_IT) && j < se) {
            size_t ne = org_extend(e, j, se);
            if (ne > j) {
                c->te = (uint32_t)ne;
                c->end = c->kend = e->t[ne - 1].end;
            }
        }
        return;
    }
    /* 4. place words */
    if (norm_in(t0, place_first) || norm_in(&e->t[j - 1], place_last) ||
        (single && commune_like(e, t0))) {
        c->kind = SL_ENT_PLACE;
        return;
    }
    if (prev && !tk_cap(prev) && norm_in(prev, place_cues_before)) {
        c->kind = SL_ENT_PLACE;
        if (norm_in(prev, place_first)) /* "place Bellecour", "golfe de Guinée" */
            c->start = c->kstart = prev->start;
        return;
    }
    if (pw >= 1 && prev && tk_word(prev) && (!strcmp(prev->norm, "de") ||
                                              !strcmp(prev->norm, "d'"))) {
        long pp = prev_word(e, (size_t)pw, first);
        if (pp >= 0 && norm_in(&e->t[pp], place_first) && !tk_cap(&e->t[pp])) {
            c->kind = SL_ENT_PLACE;
            c->start = c->kstart = e->t[pp].start;
            return;
        }
        if (pp >= 0 && (norm_in(&e->t[pp], territorial) ||
                        (norm_in(&e->t[pp], place_cues_before) && !tk_cap(&e->t[pp])))) {
            c->kind = SL_ENT_PLACE; /* maire de X, village de X */
            return;
        }
    }
    bool loc = prev && tk_word(prev) && !tk_cap(prev) && norm_in(prev, locatives);
    if (norm_in(t0, name_articles) && !init && single == false && j == i + 2 &&
        (e->t[i + 1].flags & SL_TOKF_HYPHEN)) {
        c->kind = SL_ENT_PLACE; /* La Chapelle-Ormeau */
        return;
    }
    /* 5. the gazetteer */
    if (!caps_acronym(t0) || !single) {
        int gk = gaz_kind(e, c->kstart, c->kend, init, loc, NULL);
        if (gk >= 0) {
            c->kind = gk;
            return;
        }
    } else {
        int gk = gaz_kind(e, c->kstart, c->kend, init, false, NULL);
        if (gk >= 0) {
            c->kind = gk; /* ROME, USA */
            return;
        }
    }
    if (single && caps_acronym(t0)) {
        c->kind = SL_ENT_ORG; /* acronyms name organisations */
        /* unless spelt out before as something else: among the last
         * ACR_LOOKBACK names given an acronym (a page listing thousands of
         * them must not read them all for each) */
        for (size_t q = cs->n_acr, seen = 0; q-- > 0 && seen++ < ACR_LOOKBACK;) {
            const cand *o = &cs->v[cs->acr[q]];
            if (o != c && o->kind == SL_ENT_OTHER && strlen(o->acronym) == tk_len(t0) &&
                !memcmp(o->acronym, e->a->text + t0->start, tk_len(t0)))
                c->kind = SL_ENT_OTHER; /* "le VRS" after "virus respiratoire syncytial (VRS)" */
        }
        /* "respiratory syncytial virus, or RSV" */
        if (i >= first + 3 && tk_word(&e->t[i - 1]) &&
            (!strcmp(e->t[i - 1].norm, "or") || !strcmp(e->t[i - 1].norm, "ou")) &&
            facts_gap_has(e->a, i - 2, ","))
            for (size_t k = i - 2, n = 0; k >= first && n < 5; k--, n++) {
                if (tk_word(&e->t[k]) &&
                    facts_in_list(diseases, e->t[k].norm, strlen(e->t[k].norm))) {
                    c->kind = SL_ENT_OTHER; /* later "RSV" alone follow it (above) */
                    cand_set_acronym(e->w->arena, cs, (size_t)(c - cs->v),
                                     span_text(e, t0->start, t0->end));
                }
                if (k == first)
                    break;
            }
        return;
    }
    if (loc && !init) {
        c->kind = SL_ENT_PLACE;
        return;
    }
    /* 6. shape */
    size_t words = 0;
    bool stop_inside = false, country_inside = false;
    for (size_t k = i; k < j; k++) {
        if (!tk_word(&e->t[k]))
            continue;
        if (!tk_cap(&e->t[k]))
            continue; /* connector */
        words++;
        if ((e->t[k].flags & SL_TOKF_STOP) && k > i)
            stop_inside = true;
        if (k > i && gaz_kind(e, e->t[k].start, e->t[k].end, false, false, NULL) >= 0)
            country_inside = true; /* Forward Poland, Bourse de Bruxelles */
    }
    /* words no person's name holds: "World War II", "Olympic Games",
     * "Social Security", "Human Rights Campaign" */
    static const char *const not_person[] = {"war", "games", "olympics", "campaign", "security",
                                             "soviet", "rights", "treaty", "accord", NULL};
    bool thing = false;
    for (size_t k = i; k < j && !thing; k++)
        thing = tk_word(&e->t[k]) && facts_in_list(not_person, e->t[k].norm,
                                                   strlen(e->t[k].norm));
    if (lang == FL_EN && words >= 2 && norm_in(&e->t[j - 1], continents)) {
        c->kind = SL_ENT_PLACE; /* Latin America, South Asia */
        return;
    }
    if (words >= 2 && words <= 3 && !stop_inside && !(t0->flags & SL_TOKF_ALLCAPS) && !thing &&
        !demonym_like(t0->norm, strlen(t0->norm), lang)) {
        c->kind = country_inside ? SL_ENT_ORG : SL_ENT_PERSON;
        c->shape = true;
        c->weak = init && (t0->flags & SL_TOKF_STOP);
        return;
    }
    c->kind = SL_ENT_OTHER;
    c->weak = init || (lang == FL_DE && single);
}

/* "le préfet de Loire-Atlantique, Laurent Méchin": the candidate before a
 * comma is the title's complement; the one after it, the person. Also
 * "Nadia Benali, une habitante": a title after the name. */
static void appositions(ents *e, cands *cs)
{
    static const char *const arts[] = {"un", "une", "le", "la", "l'", "the", "a", "an", "der",
                                       "die", "el", "il", "lo", "uno", "una", NULL};
    for (size_t ci = 0; ci < cs->n; ci++) {
        cand *c = &cs->v[ci];
        if ((c->kind == SL_ENT_PERSON && !c->shape) || c->kind == SL_ENT_ORG)
            continue;
        /* title after: "X, une habitante" / "X, préfet du Rhône" */
        size_t j = c->te;
        if (j < e->nt && j > 0 && facts_gap_has(e->a, j - 1, ",")) {
            size_t k = j;
            if (k < e->nt && tk_word(&e->t[k]) && facts_in_list(arts, e->t[k].norm, strlen(e->t[k].norm)))
                k++;
            if (k < e->nt && tk_word(&e->t[k]) && !tk_cap(&e->t[k]) &&
                norm_in(&e->t[k], titles) && !norm_in(&e->t[k], honorifics)) {
                size_t words = 0;
                for (size_t q = c->tf; q < c->te; q++)
                    words += tk_cap(&e->t[q]);
                if (words >= 2 && words <= 3) {
                    c->kind = SL_ENT_PERSON;
                    c->weak = c->shape = false;
                    c->title = span_text(e, e->t[k].start, e->t[k].end);
                    continue;
                }
            }
        }
        /* complement then name: previous candidate ends before a comma */
        if (ci == 0 || c->tf == 0)
            continue;
        cand *p = &cs->v[ci - 1];
        if (p->te != c->tf || !facts_gap_has(e->a, p->te - 1, ","))
            continue;
        if (p->tf < 2)
            continue;
        const sl_token *conn = &e->t[p->tf - 1];
        if (!tk_word(conn) || !(strcmp(conn->norm, "de") == 0 || !strcmp(conn->norm, "du") ||
                                !strcmp(conn->norm, "d'") || !strcmp(conn->norm, "des") ||
                                !strcmp(conn->norm, "of") || !strcmp(conn->norm, "von")))
            continue;
        const sl_token *tt = &e->t[p->tf - 2];
        if (!tk_word(tt) || !norm_in(tt, titles))
            continue;
        size_t words = 0;
        for (size_t q = c->tf; q < c->te; q++)
            words += tk_cap(&e->t[q]);
        if (words < 2 || words > 3)
            continue;
        c->kind = SL_ENT_PERSON;
        c->weak = c->shape = false;
        c->title = span_text(e, tt->start, tt->end);
        if (p->kind == -1 || p->kind == SL_ENT_OTHER || p->kind == SL_ENT_PERSON)
            p->kind = norm_in(tt, territorial) ? SL_ENT_PLACE : SL_ENT_ORG;
    }
}

/* "Agence régionale de santé (ARS)": the words before the bracket whose
 * initials spell the acronym become one organisation with that acronym.
 * Candidates from index sent_ci on are the sentence's; *open is the first
 * candidate that may still take a bracketed acronym after it (one ending
 * near the end of an earlier sentence): the candidates before it are
 * settled, so a sentence reads its own candidates, not the article's. */
static void acronyms(ents *e, cands *cs, size_t first, size_t se, size_t sent_ci, size_t *open)
{
    for (size_t i = first + 2; i + 1 < se; i++) {
        const sl_token *ac = &e->t[i];
        if (!caps_acronym(ac) || !tk_punct(&e->t[i - 1], "(") || !tk_punct(&e->t[i + 1], ")"))
            continue;
        size_t m = tk_len(ac);
        /* walk back over words, matching initials right to left */
        size_t k = i - 1, need = m;
        size_t start = i - 1;
        bool ok = false;
        int steps = 0;
        while (k-- > first && steps++ < 14) {
            const sl_token *t = &e->t[k];
            if (!tk_word(t))
                break;
            if (norm_in(t, connectors) || norm_in(t, ands) || (t->flags & SL_TOKF_ELIDED) ||
                (norm_in(t, acro_links) && !tk_cap(t))) {
                continue;
            }
            /* a hyphenated word gives one initial per part: état-major */
            const char *w = e->a->text + t->start;
            size_t wl = tk_len(t);
            size_t parts[8], np = 0;
            parts[np++] = 0;
            for (size_t q = 1; q < wl && np < 8; q++)
                if (w[q - 1] == '-')
                    parts[np++] = q;
            bool match = true;
            if (np > need) {
                match = false;
            } else {
                for (size_t pi = 0; pi < np; pi++) {
                    char c0 = w[parts[pi]], want = ac->norm[need - np + pi];
                    if (c0 >= 'A' && c0 <= 'Z')
                        c0 = (char)(c0 + 32);
                    if ((unsigned char)c0 >= 0x80) {
                        char f[16];
                        facts_fold(w + parts[pi], wl - parts[pi] < 4 ? wl - parts[pi] : 4, f,
                                   sizeof f);
                        c0 = f[0];
                    }
                    if (c0 != want)
                        match = false;
                }
            }
            if (!match)
                break;
            need -= np;
            start = k;
            if (need == 0) {
                ok = true;
                break;
            }
        }
        if (!ok)
            continue;
        /* drop the candidates inside the expansion; add the expansion: an
         * organisation, whatever the gazetteer says of its words or of the
         * acronym, unless it is a place name without an organisation word */
        uint32_t s = e->t[start].start, t = e->t[i - 2].end;
        int kind = SL_ENT_ORG;
        bool org_word = org_head_in(e, start, i - 1);
        /* "virus respiratoire syncytial (VRS)": a disease, not an organisation */
        for (size_t dk = start; dk + 1 < i && !org_word; dk++)
            if (tk_word(&e->t[dk]) &&
                facts_in_list(diseases, e->t[dk].norm, strlen(e->t[dk].norm)))
                kind = SL_ENT_OTHER;
        for (size_t ci = sent_ci; ci < cs->n; ci++) { /* inside the sentence */
            cand *c = &cs->v[ci];
            if (c->start >= s && c->end <= t) {
                if (c->kind == SL_ENT_PLACE && c->start == s && c->end == t && !org_word)
                    kind = SL_ENT_PLACE; /* a country: République démocratique du Congo */
                c->kind = -2; /* removed */
            }
            if (c->tf == i && c->te == i + 1)
                c->kind = -2;
        }
        cand *x = cand_push(e, cs, start, i - 1);
        x->kind = kind;
        cand_set_acronym(e->w->arena, cs, (size_t)(x - cs->v), span_text(e, ac->start, ac->end));
        cand *y = cand_push(e, cs, i, i + 1);
        x = &cs->v[cs->n - 2]; /* the push may have moved the array */
        y->kind = kind;
        cand_set_acronym(e->w->arena, cs, cs->n - 1, x->acronym);
    }
    /* "Union des dockers (UDW)": initials do not spell it; the organisation
     * ending at the bracket takes the acronym */
    for (size_t ci = *open; ci < cs->n; ci++) {
        cand *c = &cs->v[ci];
        if (c->kind != SL_ENT_ORG || c->acronym || c->te + 2 >= se)
            continue;
        size_t b = c->te;
        if (b + 2 < e->nt && tk_punct(&e->t[b], "(") && caps_acronym(&e->t[b + 1]) &&
            tk_punct(&e->t[b + 2], ")")) {
            cand_set_acronym(e->w->arena, cs, ci, span_text(e, e->t[b + 1].start, e->t[b + 1].end));
            for (size_t cj = sent_ci; cj < cs->n; cj++) /* b + 1 is in the sentence */
                if (cs->v[cj].tf == b + 1 && cs->v[cj].te == b + 2)
                    cand_set_acronym(e->w->arena, cs, cj, c->acronym);
        }
    }
    /* settled: read above with its brackets inside the sentence (kinds and
     * tokens do not change after), or not an organisation any more */
    while (*open < cs->n && (cs->v[*open].te + 2 < se || cs->v[*open].kind == -2))
        (*open)++;
}

/* -------------------------------------------------------------- entities */

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end > b->end ? -1 : a->end < b->end;
}

static sl_entity *ent_push(facts_work *w)
{
    sl_facts *f = w->f;
    if (f->n_entities == w->ent_cap) {
        size_t nc = w->ent_cap ? 2 * w->ent_cap : 16;
        f->entities = arena_grow(w->arena, f->entities, f->n_entities, nc, sizeof *f->entities);
        w->ent_cap = nc;
    }
    sl_entity *en = &f->entities[f->n_entities++];
    memset(en, 0, sizeof *en);
    return en;
}

static void ent_add_form(facts_work *w, sl_entity *en, const char *text)
{
    for (size_t i = 0; i < en->n_forms; i++)
        if (strcmp(en->forms[i], text) == 0)
            return;
    const char **nf = arena_alloc(w->arena, (en->n_forms + 1) * sizeof *nf);
    if (en->n_forms)
        memcpy(nf, en->forms, en->n_forms * sizeof *nf);
    nf[en->n_forms++] = text;
    en->forms = nf;
}

static void mention_push(facts_work *w, uint32_t s, uint32_t t, uint32_t ent)
{
    sl_facts *f = w->f;
    if (f->n_mentions == w->men_cap) {
        size_t nc = w->men_cap ? 2 * w->men_cap : 32;
        f->mentions = arena_grow(w->arena, f->mentions, f->n_mentions, nc, sizeof *f->mentions);
        w->men_cap = nc;
    }
    f->mentions[f->n_mentions].span.start = s;
    f->mentions[f->n_mentions].span.end = t;
    f->mentions[f->n_mentions].entity = ent;
    f->n_mentions++;
}

/* Words of a display text ("Laurent Méchin" → 2). */
static size_t word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* Key of the last word of a display text. */
static const char *last_key(facts_work *w, const char *s)
{
    const char *p = strrchr(s, ' ');
    p = p ? p + 1 : s;
    return facts_key(w->arena, p, strlen(p));
}

static const char *first_key(facts_work *w, const char *s)
{
    const char *p = strchr(s, ' ');
    size_t n = p ? (size_t)(p - s) : strlen(s);
    return facts_key(w->arena, s, n);
}

/* FNV-1a hash of a key, never 0. */
static uint64_t ent_hash(const char *key)
{
    uint64_t h = 1469598103934665603u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 1099511628211u;
    return h ? h : 1;
}

/* The words a lone word may join, counted: the last word of each person's
 * name of two words or more (a surname), the first word of each other name
 * of two words or more. Each key keeps how many entities give it and the
 * sum of their indexes (the index itself when there is one), and each
 * entity what it gives, so that a change of its name or kind moves it. Open
 * addressing; never full (sized for one key per entity state at half
 * load). Built when the first lone word comes, so that a lone word costs a
 * lookup, not a read of every entity. */
typedef struct word_slot {
    uint64_t hash; /* 0: empty */
    const char *key;
    uint32_t count;
    uint64_t sum;
} word_slot;

typedef struct name_words {
    word_slot *slot;
    size_t mask;
    const char **given; /* per entity: the key it gives, or NULL */
    bool *surname;      /* per entity: given is a surname (else a first word) */
} name_words;

/* Slot of key with kind (surname or first word), found or empty. */
static word_slot *nw_slot(const name_words *x, const char *key, bool surname)
{
    uint64_t h = (ent_hash(key) << 1 | surname) | 2;
    size_t i = h & x->mask;
    while (x->slot[i].hash && !(x->slot[i].hash == h && strcmp(x->slot[i].key, key) == 0))
        i = (i + 1) & x->mask;
    x->slot[i].hash = h;
    if (!x->slot[i].key)
        x->slot[i].key = key;
    return &x->slot[i];
}

/* Slot of key with kind, or NULL when no entity ever gave it. */
static const word_slot *nw_find(const name_words *x, const char *key, bool surname)
{
    uint64_t h = (ent_hash(key) << 1 | surname) | 2;
    for (size_t i = h & x->mask; x->slot[i].hash; i = (i + 1) & x->mask)
        if (x->slot[i].hash == h && strcmp(x->slot[i].key, key) == 0)
            return &x->slot[i];
    return NULL;
}

/* Counts entity k under what its name and kind give now, in place of what
 * they gave before. */
static void nw_refresh(facts_work *w, name_words *x, size_t k)
{
    const sl_entity *en = &w->f->entities[k];
    if (x->given[k]) {
        word_slot *o = nw_slot(x, x->given[k], x->surname[k]);
        o->count--;
        o->sum -= k;
        x->given[k] = NULL;
    }
    if (word_count(en->text) < 2)
        return;
    x->surname[k] = en->kind == SL_ENT_PERSON;
    x->given[k] = x->surname[k] ? last_key(w, en->text) : first_key(w, en->text);
    word_slot *o = nw_slot(x, x->given[k], x->surname[k]);
    o->count++;
    o->sum += k;
}

static void nw_init(facts_work *w, name_words *x, size_t cap_entities)
{
    size_t cap = 16;
    while (cap < 4 * cap_entities + 2)
        cap *= 2;
    x->slot = arena_calloc(w->arena, cap, sizeof *x->slot);
    x->mask = cap - 1;
    x->given = arena_calloc(w->arena, cap_entities + 1, sizeof *x->given);
    x->surname = arena_calloc(w->arena, cap_entities + 1, sizeof *x->surname);
    for (size_t k = 0; k < w->f->n_entities; k++)
        nw_refresh(w, x, k);
}

/* Entity a lone word (key) refers to: the single person whose surname it
 * is, else the single multi-word name it starts; -1 if none or several. */
static long attach_single(const name_words *x, const char *key, int kind)
{
    const word_slot *s = nw_find(x, key, true);
    if (s && s->count == 1)
        return (long)s->sum;
    if ((s && s->count > 1) || kind == SL_ENT_PERSON || kind == SL_ENT_PLACE)
        return -1;
    s = nw_find(x, key, false);
    return s && s->count == 1 ? (long)s->sum : -1;
}

/* Key of entity k: of its display name, honorific left out. */
static const char *en_key(const sl_facts *f, size_t k) { return f->entities[k].key; }

/* Entities by key, so that finding a candidate's entity does not read every
 * entity (an article naming thousands). Open addressing over entries
 * (hash of a key, entity); an entity gets an entry each time it takes a key,
 * so an entry whose entity has since changed key is stale: a lookup checks
 * the entity's key as it is now. Never full: sized for every key an entity
 * can take (one per candidate) at half load. */
typedef struct ent_index {
    uint64_t *hash; /* 0: empty slot */
    uint32_t *ent;
    size_t mask;
} ent_index;

static void ent_index_init(ent_index *x, sl_arena *a, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    x->hash = arena_calloc(a, cap, sizeof *x->hash);
    x->ent = arena_calloc(a, cap, sizeof *x->ent);
    x->mask = cap - 1;
}

/* Records that entity k now has key. */
static void ent_index_add(ent_index *x, const char *key, size_t k)
{
    uint64_t h = ent_hash(key);
    size_t i = h & x->mask;
    while (x->hash[i])
        i = (i + 1) & x->mask;
    x->hash[i] = h;
    x->ent[i] = (uint32_t)k;
}

/* The first entity (lowest index) whose key is key, or -1. */
static long ent_index_find(const ent_index *x, const sl_facts *f, const char *key)
{
    uint64_t h = ent_hash(key);
    long best = -1;
    for (size_t i = h & x->mask; x->hash[i]; i = (i + 1) & x->mask)
        if (x->hash[i] == h && (best < 0 || x->ent[i] < (uint64_t)best) &&
            strcmp(en_key(f, x->ent[i]), key) == 0)
            best = (long)x->ent[i];
    return best;
}

static void build_entities(ents *e, cands *cs)
{
    facts_work *w = e->w;
    sl_facts *f = w->f;
    if (cs->n > 1)
        qsort(cs->v, cs->n, sizeof *cs->v, cmp_cand);
    bool *shape = arena_calloc(w->arena, cs->n + 1, sizeof *shape); /* per entity */
    name_words words = {0}; /* from the first lone word on */
    ent_index by_key;
    ent_index_init(&by_key, w->arena, 2 * cs->n + f->n_entities);
    for (size_t k = 0; k < f->n_entities; k++)
        ent_index_add(&by_key, en_key(f, k), k);
    /* two rounds: names with their own evidence, then lone words, which may
     * join a person's surname or a longer name */
    for (int round = 0; round < 2; round++) {
        for (size_t ci = 0; ci < cs->n; ci++) {
            cand *c = &cs->v[ci];
            if (c->kind < 0 || c->entity >= 0)
                continue;
            /* nested in an earlier candidate (acronym expansions) */
            if (ci > 0 && cs->v[ci - 1].kind >= 0 && c->start < cs->v[ci - 1].end &&
                c->start >= cs->v[ci - 1].start && cs->v[ci - 1].end > c->start && round == 0 &&
                !(c->start == cs->v[ci - 1].start && c->end == cs->v[ci - 1].end))
                continue;
            size_t nw = c->te - c->tf;
            bool lone = nw == 1 && !c->acronym && !(e->t[c->tf].flags & SL_TOKF_ALLCAPS);
            if (round == 0 && (lone || c->weak))
                continue;
            if (round == 1 && !(lone || c->weak))
                continue;
            const char *key = facts_key(w->arena, e->a->text + c->kstart, c->kend - c->kstart);
            if (!*key)
                continue;
            const char *text = span_text(e, c->start, c->end);
            long ent = ent_index_find(&by_key, f, key);
            bool attached = false;
            if (ent < 0 && round == 1) {
                if (!words.slot)
                    nw_init(w, &words, cs->n + f->n_entities);
                attached = (ent = attach_single(&words, key, c->kind)) >= 0;
            }
            if (ent < 0 && c->weak)
                continue; /* only a capitalised sentence start */
            if (ent < 0) {
                sl_entity *en = ent_push(w);
                en->kind = (uint8_t)c->kind;
                en->text = text;
                en->key = key;
                en->span.start = c->start;
                en->span.end = c->end;
                en->sent = w->tok_sent ? w->tok_sent[c->tf] : 0;
                ent = (long)(f->n_entities - 1);
                shape[ent] = c->shape;
                ent_index_add(&by_key, key, (size_t)ent);
            }
            sl_entity *en = &f->entities[ent];
            ent_add_form(w, en, text);
            if (c->start < en->span.start) {
                en->span.start = c->start;
                en->span.end = c->end;
                en->sent = w->tok_sent ? w->tok_sent[c->tf] : 0;
            }
            /* evidence beats a guess from the shape; anything beats "other" */
            if (!attached && c->kind != en->kind && c->kind != SL_ENT_OTHER &&
                (en->kind == SL_ENT_OTHER || (shape[ent] && !c->shape))) {
                en->kind = (uint8_t)c->kind;
                shape[ent] = c->shape;
            }
            if (c->title && !en->title)
                en->title = c->title;
            if (c->acronym && !en->acronym)
                en->acronym = c->acronym;
            /* the display form: the longest with the most words, but not a
             * form showing an honorific over a name ("Herr Kranz", "Jo Kranz") */
            bool hon_form = c->start != c->kstart && en->n_forms > 1;
            if (!hon_form &&
                (word_count(text) > word_count(en->text) ||
                 (word_count(text) == word_count(en->text) && strlen(text) > strlen(en->text) &&
                  c->kind == en->kind))) {
                en->text = text;
                en->key = key;
                ent_index_add(&by_key, key, (size_t)ent);
            }
            en->mentions++;
            c->entity = (int)ent;
            mention_push(w, c->start, c->end, (uint32_t)ent);
            if (words.slot)
                nw_refresh(w, &words, (size_t)ent); /* its name or kind may have changed */
        }
    }
    /* first form = display text */
    for (size_t k = 0; k < f->n_entities; k++) {
        sl_entity *en = &f->entities[k];
        for (size_t i = 1; i < en->n_forms; i++) {
            if (strcmp(en->forms[i], en->text) == 0) {
                const char *t = en->forms[0];
                en->forms[0] = en->forms[i];
                en->forms[i] = t;
            }
        }
    }
}

/* By first mention, then by index (a stable order: an insertion sort was
 * quadratic on pages naming thousands). */
static int cmp_first_mention(const void *x, const void *y, void *arg)
{
    const sl_entity *en = arg;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (en[a].span.start != en[b].span.start)
        return en[a].span.start < en[b].span.start ? -1 : 1;
    return (a > b) - (a < b);
}

/* Puts the entities in the order of their first mention and renumbers the
 * mentions. */
static void order_entities(facts_work *w)
{
    sl_facts *f = w->f;
    size_t n = f->n_entities;
    if (n < 2)
        return;
    uint32_t *order = arena_alloc(w->arena, n * sizeof *order);
    uint32_t *where = arena_alloc(w->arena, n * sizeof *where);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    qsort_r(order, n, sizeof *order, cmp_first_mention, f->entities);
    sl_entity *sorted = arena_alloc(w->arena, n * sizeof *sorted);
    for (size_t i = 0; i < n; i++) {
        sorted[i] = f->entities[order[i]];
        where[order[i]] = (uint32_t)i;
    }
    f->entities = sorted;
    w->ent_cap = n;
    for (size_t i = 0; i < f->n_mentions; i++)
        f->mentions[i].entity = where[f->mentions[i].entity];
    if (w->storm) {
        bool *st = arena_calloc(w->arena, n, sizeof *st);
        for (size_t i = 0; i < n; i++)
            st[where[i]] = w->storm[i];
        w->storm = st;
    }
}

static int cmp_mention(const void *x, const void *y)
{
    const sl_mention *a = x, *b = y;
    return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

/* The name of a storm said alone elsewhere in the article ("Ilona also
 * caused damage") is the storm too, not a person or a place. */
static void storm_names(ents *e, cands *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        if (!cs->v[i].storm)
            continue;
        const char *name = e->t[cs->v[i].te - 1].norm;
        for (size_t k = 0; k < cs->n; k++) {
            cand *c = &cs->v[k];
            if (c->te == c->tf + 1 && !strcmp(e->t[c->tf].norm, name))
                c->kind = SL_ENT_OTHER, c->storm = true;
        }
    }
}

void facts_entities(facts_work *w)
{
    const sl_article *a = w->a;
    facts_res *r = facts_res_of(w->ctx);
    if (!r->ws_entities)
        r->ws_entities = wordset_build(ent_lists);
    ents e = {w, a, a->toks, a->n_toks, r->ws_entities,
              token_lists(r->ws_entities, w->arena, a->toks, a->n_toks)};
    cands cs = {0};
    size_t acro_open = 0;
    for (size_t s = 0; s < a->n_sents; s++) {
        size_t sent_ci = cs.n;
        size_t first = a->sents[s].tok_first, se = a->sents[s].tok_end;
        if (se > a->n_toks)
            se = a->n_toks;
        size_t i = first;
        while (i < se) {
            if (!name_tok(&e, i) &&
                !(tk_word(&e.t[i]) && ((e.tmask[i] >> L_name_articles) & 1) && tk_cap(&e.t[i]))) {
                i++;
                continue;
            }
            if (!name_tok(&e, i)) { /* a capitalised article: "La Haye" */
                if (i + 1 < se && name_tok(&e, i + 1) && tight(&e, i)) {
                    size_t j = run_end(&e, i + 1, se);
                    classify_run(&e, &cs, i, j, first, se);
                    i = j;
                } else {
                    i++;
                }
                continue;
            }
            size_t j = run_end(&e, i, se);
            classify_run(&e, &cs, i, j, first, se);
            i = j;
        }
        acronyms(&e, &cs, first, se, sent_ci, &acro_open);
    }
    storm_names(&e, &cs);
    appositions(&e, &cs);
    build_entities(&e, &cs);
    for (size_t i = 0; i < cs.n; i++) {
        if (!cs.v[i].storm || cs.v[i].entity < 0 || (size_t)cs.v[i].entity >= w->f->n_entities)
            continue;
        if (!w->storm)
            w->storm = arena_calloc(w->arena, w->f->n_entities, sizeof *w->storm);
        w->storm[cs.v[i].entity] = true;
    }
    order_entities(w);
    if (w->f->n_mentions > 1)
        qsort(w->f->mentions, w->f->n_mentions, sizeof *w->f->mentions, cmp_mention);
}

long facts_last_person(const sl_facts *f, uint32_t pos)
{
    long best = -1;
    for (size_t i = 0; i < f->n_mentions; i++) {
        const sl_mention *m = &f->mentions[i];
        if (m->span.start >= pos)
            break;
        if (f->entities[m->entity].kind == SL_ENT_PERSON)
            best = (long)m->entity;
    }
    return best;
}

/* -------------------------------------------------------------- entry point */

const char *sl_entity_kind_name(int kind)
{
    static const char *const names[] = {"person", "place", "org", "other"};
    return kind >= 0 && kind <= SL_ENT_OTHER ? names[kind] : "?";
}

sl_facts *sl_facts_extract(sl_ctx *ctx, const sl_article *a)
{
    sl_facts *f = arena_calloc(a->arena, 1, sizeof *f);
    facts_work w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.a = a;
    w.arena = a->arena;
    w.f = f;
    w.lang = facts_lang(a->lang);
    if (a->n_toks) {
        w.tok_sent = arena_calloc(a->arena, a->n_toks, sizeof *w.tok_sent);
        for (size_t s = 0; s < a->n_sents; s++)
            for (size_t i = a->sents[s].tok_first; i < a->sents[s].tok_end && i < a->n_toks; i++)
                w.tok_sent[i] = (uint32_t)s;
    }
    facts_entities(&w);
    facts_places(&w);
    facts_figures(&w);
    facts_quotes(&w);
    return f;
}
