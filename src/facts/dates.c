/*
 * dates.c — publication stamps and date mentions in fr/en/de/es/it.
 *
 * The idea: one left-to-right pass over the bytes, no tokens, no regex.
 * Only two things can start a date: a run of digits ("24", "2017",
 * "24.10.2017") and a handful of anchor words (month and weekday names,
 * "hier", "yesterday", ...). Every other word costs one table test (is
 * there an anchor with this first letter, second letter and length? the
 * table is built at compile time from the anchor lists); words that pass
 * are folded (lowercase ASCII, Latin-1 accents stripped: "Février" →
 * "fevrier") and compared with the anchors of their first letter. From an
 * anchor we parse forward (day, month, year, time of day) and peek at the
 * neighbouring words for cues ("en", "in", "im", "last", "dernier",
 * "prochain", ...). Measured: ~4 µs for a 2.2 KB article (bench/dates_bench.c).
 *
 * Resolution against the publication time comes last: partial dates get a
 * year, weekdays and "hier" a day. Conventions (news are past-looking):
 *   - "en juillet": the closest July whose first day is not after pub + 7 days;
 *   - "le 3 mars": the most recent 3 March on or before pub if it is at most
 *     ~10 months (305 days) back, else the next one;
 *   - "mercredi": the most recent Wednesday on or before pub (pub's own day
 *     if it is a Wednesday); "dernier/last" strictly before, "prochain/next"
 *     strictly after; after "avant/until/bis/hasta/entro", in a future-tense
 *     clause ("will meet on Friday", "se réunira vendredi") or a plan ("due to
 *     resume on Thursday", "est prévue jeudi") the coming one.
 * Times without a zone are taken as UTC (the article's local zone is not
 * known): "le 24 octobre 2017 à 10h32" is 2017-10-24T10:32Z. Explicit zones
 * ("+01:00", "GMT", "CET", "EDT", ...) are converted to UTC.
 *
 * Nothing here allocates except the result array (in the caller's arena);
 * there is no global mutable state.
 */
#include "dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ vocabulary */

enum { L_FR = 1, L_EN = 2, L_DE = 4, L_ES = 8, L_IT = 16, L_OTHER = 128 };
#define L_ROM (L_FR | L_ES | L_IT)

enum { K_MONTH = 1, K_WDAY, K_REL, K_PART };
enum { KF_ABBR = 1, KF_HOME = 2 }; /* abbreviation; only in its own languages */
enum { CASE_LOWER, CASE_CAP, CASE_UPPER };
enum { CTX_DAY, CTX_YEAR, CTX_WEAK }; /* how strong the surrounding evidence is */

#define DAY_SECS 86400
#define WORD_MAX 15

/* An anchor word, folded and zero-padded (compared 8 bytes at a time). val:
 * month 1..12, weekday 0..6 (Sunday = 0), or a day offset for relative words. */
typedef struct kw {
    char s[WORD_MAX + 1];
    uint8_t len, type, langs, flags;
    int8_t val;
} kw;

/* The anchors, one X-macro per first letter: X(kind, folded word, value, languages).
 * Kinds: MO month, MA month abbreviation, MH month of its own languages only,
 * WD weekday, RE relative day ("hier"), PA part of day ("matin", needs "ce"). */
#define KW_A(X, c) \
    X(MO, "april", 4, L_EN | L_DE, c) X(MO, "aprile", 4, L_IT, c) X(MO, "abril", 4, L_ES, c) \
    X(MO, "avril", 4, L_FR, c) X(MO, "august", 8, L_EN | L_DE, c) \
    X(MO, "agosto", 8, L_ES | L_IT, c) X(MO, "aout", 8, L_FR, c) \
    X(MA, "apr", 4, L_EN | L_DE | L_IT, c) X(MA, "avr", 4, L_FR, c) X(MA, "abr", 4, L_ES, c) \
    X(MA, "aug", 8, L_EN | L_DE, c) X(MA, "ago", 8, L_ES | L_IT, c) X(RE, "aujourd", 0, L_FR, c) \
    X(RE, "ayer", -1, L_ES, c) X(RE, "anteayer", -2, L_ES, c) X(RE, "anoche", -1, L_ES, c) \
    X(RE, "altroieri", -2, L_IT, c) X(PA, "afternoon", 0, L_EN, c) X(PA, "apres", 0, L_FR, c)
#define KW_D(X, c) \
    X(MO, "december", 12, L_EN, c) X(MO, "dezember", 12, L_DE, c) X(MO, "diciembre", 12, L_ES, c) \
    X(MO, "dicembre", 12, L_IT, c) X(MO, "decembre", 12, L_FR, c) X(MA, "dec", 12, L_EN | L_FR, c) \
    X(MA, "dez", 12, L_DE, c) X(MA, "dic", 12, L_ES | L_IT, c) X(WD, "dimanche", 0, L_FR, c) \
    X(WD, "dienstag", 2, L_DE, c) X(WD, "donnerstag", 4, L_DE, c) X(WD, "domingo", 0, L_ES, c) \
    X(WD, "domenica", 0, L_IT, c) X(RE, "demain", 1, L_FR, c) X(RE, "domani", 1, L_IT, c) \
    X(RE, "dopodomani", 2, L_IT, c)
#define KW_E(X, c) \
    X(MO, "enero", 1, L_ES, c) X(MA, "ene", 1, L_ES, c) X(PA, "evening", 0, L_EN, c)
#define KW_F(X, c) \
    X(MO, "february", 2, L_EN, c) X(MO, "februar", 2, L_DE, c) X(MO, "febrero", 2, L_ES, c) \
    X(MO, "febbraio", 2, L_IT, c) X(MO, "fevrier", 2, L_FR, c) \
    X(MA, "feb", 2, L_EN | L_DE | L_ES | L_IT, c) X(MA, "fevr", 2, L_FR, c) \
    X(WD, "friday", 5, L_EN, c) X(WD, "freitag", 5, L_DE, c)
#define KW_G(X, c) \
    X(MO, "gennaio", 1, L_IT, c) X(MA, "gen", 1, L_IT, c) X(MO, "giugno", 6, L_IT, c) \
    X(MA, "giu", 6, L_IT, c) X(WD, "giovedi", 4, L_IT, c) X(RE, "gestern", -1, L_DE, c)
#define KW_H(X, c) \
    X(RE, "hier", -1, L_FR, c) X(RE, "heute", 0, L_DE, c) X(RE, "hoy", 0, L_ES, c)
#define KW_I(X, c) \
    X(RE, "ieri", -1, L_IT, c)
#define KW_J(X, c) \
    X(MO, "january", 1, L_EN, c) X(MO, "januar", 1, L_DE, c) X(MO, "janvier", 1, L_FR, c) \
    X(MO, "janner", 1, L_DE, c) X(MA, "jan", 1, L_EN | L_DE, c) X(MA, "janv", 1, L_FR, c) \
    X(MO, "june", 6, L_EN, c) X(MO, "juni", 6, L_DE, c) X(MO, "junio", 6, L_ES, c) \
    X(MO, "juin", 6, L_FR, c) X(MA, "jun", 6, L_EN | L_DE | L_ES, c) X(MO, "july", 7, L_EN, c) \
    X(MO, "juli", 7, L_DE, c) X(MO, "julio", 7, L_ES, c) X(MO, "juillet", 7, L_FR, c) \
    X(MA, "jul", 7, L_EN | L_DE | L_ES, c) X(MA, "juil", 7, L_FR, c) X(WD, "jeudi", 4, L_FR, c) \
    X(WD, "jueves", 4, L_ES, c)
#define KW_L(X, c) \
    X(MO, "luglio", 7, L_IT, c) X(MA, "lug", 7, L_IT, c) X(WD, "lundi", 1, L_FR, c) \
    X(WD, "lunes", 1, L_ES, c) X(WD, "lunedi", 1, L_IT, c)
#define KW_M(X, c) \
    X(MO, "march", 3, L_EN, c) X(MO, "marz", 3, L_DE, c) X(MO, "maerz", 3, L_DE, c) \
    X(MO, "mars", 3, L_FR, c) X(MO, "marzo", 3, L_ES | L_IT, c) \
    X(MA, "mar", 3, L_EN | L_ES | L_IT, c) X(MO, "may", 5, L_EN, c) \
    X(MH, "mai", 5, L_FR | L_DE, c) X(MO, "mayo", 5, L_ES, c) X(MO, "maggio", 5, L_IT, c) \
    X(MA, "mag", 5, L_IT, c) X(WD, "monday", 1, L_EN, c) X(WD, "montag", 1, L_DE, c) \
    X(WD, "mardi", 2, L_FR, c) X(WD, "martes", 2, L_ES, c) X(WD, "martedi", 2, L_IT, c) \
    X(WD, "mercredi", 3, L_FR, c) X(WD, "mittwoch", 3, L_DE, c) X(WD, "miercoles", 3, L_ES, c) \
    X(WD, "mercoledi", 3, L_IT, c) X(RE, "morgen", 1, L_DE, c) X(RE, "manana", 1, L_ES, c) \
    X(PA, "matin", 0, L_FR, c) X(PA, "morning", 0, L_EN, c) X(PA, "mattina", 0, L_IT, c) \
    X(PA, "mattino", 0, L_IT, c)
#define KW_N(X, c) \
    X(MO, "november", 11, L_EN | L_DE, c) X(MO, "noviembre", 11, L_ES, c) \
    X(MO, "novembre", 11, L_FR | L_IT, c) X(MA, "nov", 11, L_EN | L_FR | L_DE | L_ES | L_IT, c) \
    X(PA, "noche", 0, L_ES, c)
#define KW_O(X, c) \
    X(MO, "october", 10, L_EN, c) X(MO, "oktober", 10, L_DE, c) X(MO, "octubre", 10, L_ES, c) \
    X(MO, "ottobre", 10, L_IT, c) X(MO, "octobre", 10, L_FR, c) \
    X(MA, "oct", 10, L_EN | L_FR | L_ES, c) X(MA, "okt", 10, L_DE, c) X(MA, "ott", 10, L_IT, c) \
    X(RE, "oggi", 0, L_IT, c)
#define KW_P(X, c) \
    X(PA, "pomeriggio", 0, L_IT, c)
#define KW_S(X, c) \
    X(MO, "september", 9, L_EN | L_DE, c) X(MO, "septiembre", 9, L_ES, c) \
    X(MO, "setiembre", 9, L_ES, c) X(MO, "settembre", 9, L_IT, c) X(MO, "septembre", 9, L_FR, c) \
    X(MA, "sep", 9, L_EN | L_ES, c) X(MA, "sept", 9, L_EN | L_FR | L_DE, c) \
    X(MA, "set", 9, L_IT, c) X(WD, "samedi", 6, L_FR, c) X(WD, "sabado", 6, L_ES, c) \
    X(WD, "sabato", 6, L_IT, c) X(WD, "saturday", 6, L_EN, c) X(WD, "samstag", 6, L_DE, c) \
    X(WD, "sonnabend", 6, L_DE, c) X(WD, "sunday", 0, L_EN, c) X(WD, "sonntag", 0, L_DE, c) \
    X(PA, "soir", 0, L_FR, c) X(PA, "sera", 0, L_IT, c) X(RE, "stamattina", 0, L_IT, c) \
    X(RE, "stamani", 0, L_IT, c) X(RE, "stasera", 0, L_IT, c)
#define KW_T(X, c) \
    X(WD, "thursday", 4, L_EN, c) X(WD, "tuesday", 2, L_EN, c) X(RE, "today", 0, L_EN, c) \
    X(RE, "tomorrow", 1, L_EN, c) X(RE, "tonight", 0, L_EN, c) X(PA, "tarde", 0, L_ES, c)
#define KW_U(X, c) \
    X(RE, "ubermorgen", 2, L_DE, c)
#define KW_V(X, c) \
    X(WD, "vendredi", 5, L_FR, c) X(WD, "viernes", 5, L_ES, c) X(WD, "venerdi", 5, L_IT, c) \
    X(RE, "vorgestern", -2, L_DE, c)
#define KW_W(X, c) \
    X(WD, "wednesday", 3, L_EN, c)
#define KW_Y(X, c) \
    X(RE, "yesterday", -1, L_EN, c)

#define KE_MO(s, v, l) {s, sizeof s - 1, K_MONTH, l, 0, v},
#define KE_MA(s, v, l) {s, sizeof s - 1, K_MONTH, l, KF_ABBR, v},
#define KE_MH(s, v, l) {s, sizeof s - 1, K_MONTH, l, KF_HOME, v},
#define KE_WD(s, v, l) {s, sizeof s - 1, K_WDAY, l, 0, v},
#define KE_RE(s, v, l) {s, sizeof s - 1, K_REL, l, KF_HOME, v},
#define KE_PA(s, v, l) {s, sizeof s - 1, K_PART, l, KF_HOME, v},
#define KW_ENTRY(kind, s, v, l, c) KE_##kind(s, v, l)
/* bit len of the anchors whose second letter is c */
#define KW_LENBIT(kind, s, v, l, c) | ((s)[1] == (c) ? 1u << (sizeof s - 1) : 0u)

static const kw kw_a[] = {KW_A(KW_ENTRY, 0)};
static const kw kw_d[] = {KW_D(KW_ENTRY, 0)};
static const kw kw_e[] = {KW_E(KW_ENTRY, 0)};
static const kw kw_f[] = {KW_F(KW_ENTRY, 0)};
static const kw kw_g[] = {KW_G(KW_ENTRY, 0)};
static const kw kw_h[] = {KW_H(KW_ENTRY, 0)};
static const kw kw_i[] = {KW_I(KW_ENTRY, 0)};
static const kw kw_j[] = {KW_J(KW_ENTRY, 0)};
static const kw kw_l[] = {KW_L(KW_ENTRY, 0)};
static const kw kw_m[] = {KW_M(KW_ENTRY, 0)};
static const kw kw_n[] = {KW_N(KW_ENTRY, 0)};
static const kw kw_o[] = {KW_O(KW_ENTRY, 0)};
static const kw kw_p[] = {KW_P(KW_ENTRY, 0)};
static const kw kw_s[] = {KW_S(KW_ENTRY, 0)};
static const kw kw_t[] = {KW_T(KW_ENTRY, 0)};
static const kw kw_u[] = {KW_U(KW_ENTRY, 0)};
static const kw kw_v[] = {KW_V(KW_ENTRY, 0)};
static const kw kw_w[] = {KW_W(KW_ENTRY, 0)};
static const kw kw_y[] = {KW_Y(KW_ENTRY, 0)};

/* Anchors by first letter, with a cheap filter for plain ASCII words: for
 * each second letter, the set of lengths of the anchors that start so. */
typedef struct kw_list {
    const kw *k;
    uint8_t n;
    uint16_t lens[26];
} kw_list;
#define KW_L2(L, c) 0 KW_##L(KW_LENBIT, c)
#define KW_LENS(L) \
    {KW_L2(L, 'a'), KW_L2(L, 'b'), KW_L2(L, 'c'), KW_L2(L, 'd'), KW_L2(L, 'e'), KW_L2(L, 'f'), \
     KW_L2(L, 'g'), KW_L2(L, 'h'), KW_L2(L, 'i'), KW_L2(L, 'j'), KW_L2(L, 'k'), KW_L2(L, 'l'), \
     KW_L2(L, 'm'), KW_L2(L, 'n'), KW_L2(L, 'o'), KW_L2(L, 'p'), KW_L2(L, 'q'), KW_L2(L, 'r'), \
     KW_L2(L, 's'), KW_L2(L, 't'), KW_L2(L, 'u'), KW_L2(L, 'v'), KW_L2(L, 'w'), KW_L2(L, 'x'), \
     KW_L2(L, 'y'), KW_L2(L, 'z')}
#define KL(l, L) {kw_##l, (uint8_t)(sizeof kw_##l / sizeof kw_##l[0]), KW_LENS(L)}
#define KNONE {NULL, 0, {0}}
static const kw_list kw_by_letter[26] = {
    KL(a, A), KNONE, KNONE, KL(d, D), KL(e, E), KL(f, F), KL(g, G), KL(h, H), KL(i, I),
    KL(j, J), KNONE, KL(l, L), KL(m, M), KL(n, N), KL(o, O), KL(p, P), KNONE, KNONE,
    KL(s, S), KL(t, T), KL(u, U), KL(v, V), KL(w, W), KNONE, KL(y, Y), KNONE,
};

/* Word sets for the neighbours of an anchor (folded, zero-padded). */
#define WSET(name, ...) static const char ws_##name[][WORD_MAX + 1] = {__VA_ARGS__}
WSET(before_past, "last", "letzten", "letzte", "letztem", "vergangenen", "vergangene",
    "vergangenem", "pasado", "pasada", "scorso", "scorsa");
WSET(before_next, "next", "nachsten", "nachste", "nachstem", "kommenden", "kommende", "kommendem",
    "proximo", "proxima", "prossimo", "prossima");
WSET(after_past, "dernier", "derniere", "passe", "passee", "pasado", "pasada", "scorso", "scorsa",
    "passato", "passata");
WSET(after_next, "prochain", "prochaine", "proximo", "proxima", "prossimo", "prossima");
/* a plain weekday after these points forward ("avant lundi", "dès lundi", "until Thursday"):
 * the coming such day, the publication day included */
WSET(forward_cues, "avant", "des", "ici", "until", "till", "before", "bis", "hasta", "entro");
WSET(month_cues, "en", "in", "im", "depuis", "des", "fin", "debut", "mi", "courant", "avant",
    "apres", "since", "until", "till", "early", "late", "mid", "before", "after", "during",
    "through", "seit", "bis", "ab", "anfang", "ende", "mitte", "desde", "hasta", "a", "ad", "da",
    "dal", "entro", "inizio", "fine", "meta", "nel", "durante");
/* not "by May", "from May": Theresa May */
WSET(may_cues, "in", "since", "until", "early", "late", "mid", "during");
WSET(of_words, "de", "d", "di", "del", "of");
WSET(of_cues, "mois", "mes", "mese", "principios", "finales", "mediados", "comienzos", "inicios",
    "fines", "end", "beginning", "middle", "start", "fin", "debut", "inizio", "fine", "meta",
    "courant");
WSET(year_cues, "en", "in", "nel", "depuis", "since", "seit", "desde", "dal", "jahr", "jahre",
    "jahres", "ano", "anno", "fin", "debut", "ende", "anfang");
WSET(time_links, "a", "at", "um", "alle", "ore", "vers", "gegen", "kl");
WSET(time_las, "las", "la");
WSET(glued_to_time, "am", "pm", "a", "p", "z");
WSET(ordinal_suffixes, "st", "nd", "rd", "th");
WSET(day_of, "de", "of");
WSET(part_fr, "matin", "soir");
WSET(part_en, "morning", "afternoon", "evening", "night");
WSET(part_de, "morgen", "abend", "nachmittag", "vormittag", "fruh", "nacht", "mittag");
WSET(part_it, "mattina", "mattino", "sera", "pomeriggio", "notte");
WSET(part_es, "manana", "tarde", "noche");
WSET(cap_before_weekday, "on", "last", "next", "this", "by", "since", "until", "till", "from",
    "through", "before", "after", "early", "late", "every", "each", "and", "but", "or", "as",
    "that", "for", "of", "in", "at", "to");
WSET(weekday_articles, "le", "den", "dem", "the", "el", "il");
WSET(manana_morning, "la", "una", "cada", "de", "por", "media", "toda", "esa", "otra");
WSET(morgen_morning, "am", "jeden", "guten", "vom", "heute", "gestern");
WSET(this_words, "ce", "cet", "this", "questa", "questo", "esta");

/* ------------------------------------------------------------ scanner state */

/* A mention being built. */
typedef struct dm {
    uint32_t s, e;
    uint8_t kind, prec;
    int y, mo, d;        /* y 0: to infer */
    int hh, mi, ss;      /* time of day when prec ≥ MINUTE */
    int zone;            /* minutes east of UTC */
    int wday;            /* named weekday 0..6, or -1 */
    int mode;            /* 0 plain, -1 last/past, +1 next, +2 on or after */
    int off;             /* relative day offset */
    float conf;
    bool bad;            /* looks like a date but does not exist (31 février): skip it */
} dm;

typedef struct scan {
    const uint8_t *t;
    uint32_t n;
    uint8_t lang;  /* L_* of the hint, 0 when unknown */
    bool mdy;      /* ambiguous a/b/yyyy read month first (en) */
    bool stamp;    /* stamp mode: first absolute date only */
    bool done;
    uint32_t floor; /* end of the last mention: neighbours are not looked for before */
    /* publication time */
    bool pub_ok;
    uint8_t pub_prec;
    int64_t pub, pday;
    int py, pm, pwd;
    /* results */
    sl_arena *a;
    sl_date *out;
    size_t n_out, cap;
    dm first;        /* stamp mode: the first absolute date */
    int fb_year;     /* stamp mode: a bare year 1000..2999, if nothing better */
} scan;

/* A word of the text, folded. */
typedef struct dword {
    uint32_t s, e;
    uint8_t len; /* folded length; 0 when empty, too long or not foldable */
    uint8_t cas;
    char f[WORD_MAX + 1];
} dword;

/* ------------------------------------------------------------ calendar */

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int mdays(int y, int m)
{
    static const int dm_[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dm_[m - 1];
}

static bool valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && d >= 1 && d <= mdays(y, m);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days before each month in a common year. */
static const int cum_days[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/* Days from 1970-01-01 to y-m-d (y ≥ 1, valid date), proleptic Gregorian:
 * whole years since 0001-01-01 with their leap days, then the day of year. */
static int64_t days_from_ymd(int y, int m, int d)
{
    int64_t p = y - 1;
    int64_t days = 365 * p + p / 4 - p / 100 + p / 400 + cum_days[m - 1] +
                   (m > 2 && is_leap(y)) + d - 1;
    return days - 719162; /* days from 0001-01-01 to 1970-01-01 */
}

/* The inverse, for days in years 1..9999. */
static void ymd_from_days(int64_t days, int *y, int *m, int *d)
{
    int yy = (int)((days + 719162) * 400 / 146097) + 1; /* within one of the truth */
    while (yy > 1 && days_from_ymd(yy, 1, 1) > days)
        yy--;
    while (days_from_ymd(yy + 1, 1, 1) <= days)
        yy++;
    int doy = (int)(days - days_from_ymd(yy, 1, 1)), leap = is_leap(yy), mm = 12;
    while (mm > 1 && cum_days[mm - 1] + (mm > 2 && leap) > doy)
        mm--;
    *y = yy;
    *m = mm;
    *d = doy - cum_days[mm - 1] - (mm > 2 && leap) + 1;
}

/* UTC seconds of y-m-d 00:00 (valid date). Computed by hand because it runs
 * for every mention; dates_parse_stamp() converts with timegm(), and the
 * tests check that both agree. */
static int64_t civil(int y, int m, int d)
{
    return days_from_ymd(y, m, d) * DAY_SECS;
}

/* The same with timegm(), for stamps. */
static int64_t civil_timegm(int y, int m, int d)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return (int64_t)timegm(&tm);
}

static int weekday_of(int64_t t)
{
    return (int)((floor_div(t, DAY_SECS) % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
}

/* Years 1..9999 only: everything else is treated as unknown. */
#define T_MIN (-62135596800LL)  /* 0001-01-01 */
#define T_MAX (253402300799LL)  /* 9999-12-31T23:59:59 */

/* ------------------------------------------------------------ bytes and words */

static inline bool is_digit(uint8_t c)
{
    return (unsigned)(c - '0') < 10u;
}

static inline bool is_alpha(uint8_t c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

/* Length of the letter at i (ASCII, Latin-1 supplement, Latin Extended-A), or 0. */
static inline unsigned letter_len(const uint8_t *t, uint32_t i, uint32_t n)
{
    uint8_t c = t[i];
    if (is_alpha(c))
        return 1;
    if (c >= 0xC3 && c <= 0xC5 && i + 1 < n && (t[i + 1] & 0xC0) == 0x80) {
        if (c == 0xC3 && (t[i + 1] == 0x97 || t[i + 1] == 0xB7)) /* × ÷ */
            return 0;
        return 2;
    }
    return 0;
}

/* Length of the letter ending at i (exclusive), not reaching below lo, or 0. */
static unsigned letter_len_before(const uint8_t *t, uint32_t i, uint32_t lo)
{
    if (i >= lo + 1 && is_alpha(t[i - 1]))
        return 1;
    if (i >= lo + 2 && t[i - 2] >= 0xC3 && t[i - 2] <= 0xC5 && (t[i - 1] & 0xC0) == 0x80 &&
        !(t[i - 2] == 0xC3 && (t[i - 1] == 0x97 || t[i - 1] == 0xB7)))
        return 2;
    return 0;
}

/* Length of a horizontal space at i (space, tab, no-break and thin spaces), or 0. */
static inline unsigned space_len(const uint8_t *t, uint32_t i, uint32_t n)
{
    uint8_t c = t[i];
    if (c == ' ' || c == '\t')
        return 1;
    if (c == 0xC2 && i + 1 < n && t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
        (t[i + 2] == 0xAF || t[i + 2] == 0x89 || t[i + 2] == 0x8A))
        return 3;
    return 0;
}

static uint32_t skip_sp(const scan *sc, uint32_t i)
{
    unsigned l;
    while (i < sc->n && (l = space_len(sc->t, i, sc->n)) > 0)
        i += l;
    return i;
}

static uint32_t back_sp(const scan *sc, uint32_t i)
{
    const uint8_t *t = sc->t;
    while (i > sc->floor) {
        if (t[i - 1] == ' ' || t[i - 1] == '\t')
            i--;
        else if (i >= sc->floor + 2 && t[i - 2] == 0xC2 && t[i - 1] == 0xA0)
            i -= 2;
        else if (i >= sc->floor + 3 && t[i - 3] == 0xE2 && t[i - 2] == 0x80 &&
                 (t[i - 1] == 0xAF || t[i - 1] == 0x89 || t[i - 1] == 0x8A))
            i -= 3;
        else
            break;
    }
    return i;
}

/* Accent stripping for the second byte of U+00C0..U+00FF (index & 0x1F). */
static const char fold_c3[32] = {'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e',
                                 'e', 'i', 'i', 'i', 'i', 0,   'n', 'o', 'o', 'o', 'o',
                                 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   0};

/* Reads the word starting at i (letters only, not beyond lim) into w. Stops
 * after WORD_MAX + 1 letters: a longer word matches nothing, and its end
 * does not matter. */
static void read_word(const scan *sc, uint32_t i, uint32_t lim, dword *w)
{
    const uint8_t *t = sc->t;
    unsigned len = 0, letters = 0, lower = 0;
    bool ok = true, first_up = false;
    memset(w->f, 0, sizeof w->f);
    w->s = i;
    if (lim > sc->n)
        lim = sc->n;
    while (i < lim && letters <= WORD_MAX) {
        unsigned l = letter_len(t, i, lim);
        if (!l)
            break;
        char f;
        bool up;
        if (l == 1) {
            up = t[i] < 'a';
            f = (char)(t[i] | 0x20);
        } else if (t[i] == 0xC3) {
            uint8_t b = t[i + 1];
            f = b == 0xBF ? 'y' : fold_c3[b & 0x1F];
            up = b < 0xA0 && b != 0x9F;
        } else {
            f = 0; /* Latin Extended-A: no anchor uses it */
            up = false;
        }
        if (!f || len >= WORD_MAX)
            ok = false;
        else
            w->f[len++] = f;
        if (letters == 0)
            first_up = up;
        letters++;
        lower += !up;
        i += l;
    }
    w->e = i;
    if (letters > WORD_MAX)
        ok = false;
    if (!ok)
        memset(w->f, 0, sizeof w->f);
    w->len = ok ? (uint8_t)len : 0;
    w->cas = !first_up ? CASE_LOWER : (letters >= 2 && lower == 0) ? CASE_UPPER : CASE_CAP;
}

/* The word just before i on the same line (after spaces, or glued by an
 * apostrophe or hyphen: "d'octobre", "mi-juillet", "avant-hier"), not
 * reaching below the scanner's floor. Empty (s == e) when none. */
static void prev_word(const scan *sc, uint32_t i, dword *w)
{
    const uint8_t *t = sc->t;
    uint32_t j = i;
    if (j > sc->floor && (t[j - 1] == '\'' || t[j - 1] == '-'))
        j--;
    else if (j >= sc->floor + 3 && t[j - 3] == 0xE2 && t[j - 2] == 0x80 && t[j - 1] == 0x99)
        j -= 3;
    else
        j = back_sp(sc, j);
    uint32_t k = j;
    unsigned l;
    while (j - k < 4 * WORD_MAX && (l = letter_len_before(t, k, sc->floor)) > 0)
        k -= l; /* a longer word is cut, and its tail too long to match */
    read_word(sc, k, j, w);
}

/* The word after i, past horizontal spaces. */
static void next_word(const scan *sc, uint32_t i, dword *w)
{
    read_word(sc, skip_sp(sc, i), sc->n, w);
}

static bool w_is(const dword *w, const char *s)
{
    return w->len && strcmp(w->f, s) == 0;
}

/* True when w is in the word set (a ws_* array). */
#define w_in(w, set) w_in_((w), (set), sizeof(set) / sizeof((set)[0]))
static bool w_in_(const dword *w, const char (*set)[WORD_MAX + 1], size_t n)
{
    if (!w->len)
        return false;
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, w->f, 8);
    memcpy(&a1, w->f + 8, 8);
    for (size_t i = 0; i < n; i++) {
        memcpy(&b0, set[i], 8);
        if (a0 != b0)
            continue;
        memcpy(&b1, set[i] + 8, 8);
        if (a1 == b1)
            return true;
    }
    return false;
}

static const kw *kw_find(const dword *w)
{
    if (w->len < 3)
        return NULL;
    unsigned c = (unsigned)(w->f[0] - 'a');
    if (c >= 26)
        return NULL;
    const kw_list *l = &kw_by_letter[c];
    uint64_t a0, a1;
    memcpy(&a0, w->f, 8);
    memcpy(&a1, w->f + 8, 8);
    for (unsigned i = 0; i < l->n; i++) {
        const kw *k = &l->k[i];
        uint64_t b0, b1;
        if (k->len != w->len)
            continue;
        memcpy(&b0, k->s, 8);
        memcpy(&b1, k->s + 8, 8);
        if (a0 == b0 && a1 == b1)
            return k;
    }
    return NULL;
}

/* Reads a run of digits at i: its end, and its value in *v (capped). */
static uint32_t digits_at(const scan *sc, uint32_t i, int *v)
{
    int x = 0;
    while (i < sc->n && is_digit(sc->t[i])) {
        if (x < 100000000)
            x = x * 10 + (sc->t[i] - '0');
        i++;
    }
    *v = x;
    return i;
}

/* True at the start of a sentence, a line or a quotation. */
static bool sentence_start(const scan *sc, uint32_t i)
{
    const uint8_t *t = sc->t;
    while (i > 0) {
        uint8_t c = t[i - 1];
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '-' ||
            c == '*') {
            i--;
            continue;
        }
        if (i >= 2 && t[i - 2] == 0xC2 && (c == 0xA0 || c == 0xAB)) { /* nbsp, « */
            i -= 2;
            continue;
        }
        if (i >= 3 && t[i - 3] == 0xE2 && t[i - 2] == 0x80) {
            if (c == 0xA6) /* … */
                return true;
            if (c == 0x9C || c == 0x98 || c == 0x94 || c == 0x93 || c == 0xAF || c == 0x89) {
                i -= 3; /* “ ‘ — – and thin spaces */
                continue;
            }
        }
        return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == '|';
    }
    return true;
}

/* ------------------------------------------------------------ word rules */

/* Words of the article's own language only ("hier" is "here" in German,
 * "mai" is "never" in Italian). Unknown language: everything goes. */
static bool home_ok(const scan *sc, const kw *k)
{
    if (!sc->lang || !(k->flags & KF_HOME))
        return true;
    return (sc->lang & k->langs) != 0;
}

/* Case rules: English months and weekdays are capitalised ("march", "may"
 * are verbs); Romance names are lowercase, so a capitalised one in the
 * middle of a sentence is a name ("Domingo", "Mars 2020") unless a day
 * number stands next to it. */
static bool case_ok(const scan *sc, const kw *k, const dword *w, int ctx)
{
    if (w->cas == CASE_UPPER)
        return true;
    bool rom = (k->langs & L_ROM) != 0, en = (k->langs & L_EN) != 0, de = (k->langs & L_DE) != 0;
    if (w->cas == CASE_LOWER)
        return rom || (de && !en);
    if (sc->lang && !(sc->lang & k->langs) && ctx != CTX_DAY)
        return false; /* a foreign capitalised word: a name rather than a date */
    if (en || de)
        return true;
    return ctx == CTX_DAY || sentence_start(sc, w->s);
}

/* Checks a month word in context; *me gets its end (past an abbreviation's dot). */
static bool month_word_ok(const scan *sc, const kw *k, const dword *w, int ctx, uint32_t *me)
{
    bool dot = w->e < sc->n && sc->t[w->e] == '.';
    if (k->flags & KF_ABBR) {
        if (ctx == CTX_WEAK)
            return false;
        /* "Oct 24" and "14 Mar 2026" need no dot; lowercase "ago", "set" do */
        if (!dot && !(w->cas != CASE_LOWER && (k->langs & (L_EN | L_DE))))
            return false;
    }
    if (!home_ok(sc, k) || !case_ok(sc, k, w, ctx))
        return false;
    *me = w->e + ((k->flags & KF_ABBR) && dot ? 1 : 0);
    return true;
}

/* ------------------------------------------------------------ numbers */

static bool year_ok(const scan *sc, int y)
{
    return sc->stamp ? (y >= 1 && y <= 9999) : (y >= 1000 && y <= 2999);
}

/* After a 4-digit year ending at e: not a decimal ("2017,5") nor a grouped
 * number ("2 017 500" style "2017 500"). */
static bool year_tail_ok(const scan *sc, uint32_t e)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    if (e >= n)
        return true;
    if ((t[e] == '.' || t[e] == ',') && e + 1 < n && is_digit(t[e + 1]))
        return false;
    unsigned l = space_len(t, e, n);
    if (l) {
        uint32_t i = e + l, k = i;
        while (k < n && is_digit(t[k]))
            k++;
        if (k - i == 3)
            return false;
    }
    return true;
}

/* A 4-digit year at i (i at a digit). */
static bool year4_at(const scan *sc, uint32_t i, int *y, uint32_t *e)
{
    int v;
    uint32_t q = digits_at(sc, i, &v);
    if (q - i != 4 || !year_ok(sc, v) || !year_tail_ok(sc, q))
        return false;
    *y = v;
    *e = q;
    return true;
}

/* The year after a day or month ending at i: " 2017", ", 2017" (if comma),
 * " de 2017", " del 2017". */
static bool year_after(const scan *sc, uint32_t i, bool comma, int *y, uint32_t *e)
{
    uint32_t r = skip_sp(sc, i);
    if (comma && r < sc->n && sc->t[r] == ',' && r == i)
        r = skip_sp(sc, r + 1);
    if (r == i || r >= sc->n)
        return false;
    if (!is_digit(sc->t[r])) {
        dword w;
        read_word(sc, r, sc->n, &w);
        if (!w_is(&w, "de") && !w_is(&w, "del"))
            return false;
        r = skip_sp(sc, w.e);
        if (r == w.e || r >= sc->n || !is_digit(sc->t[r]))
            return false;
    }
    return year4_at(sc, r, y, e);
}

/* True when the number at p may start a date: not glued to letters or
 * digits, not the continuation of "1.500" or "3-1". */
static bool digit_start_ok(const scan *sc, uint32_t p)
{
    if (p == 0)
        return true;
    uint8_t c = sc->t[p - 1];
    if (is_alpha(c) || is_digit(c))
        return false;
    if ((c == '.' || c == ',' || c == '/' || c == ':' || c == '-') && p >= 2 &&
        is_digit(sc->t[p - 2]))
        return false;
    return true;
}

/* ------------------------------------------------------------ time of day */

static int zone_named(const dword *w)
{
    static const struct {
        const char *s;
        int min;
    } z[] = {{"gmt", 0},    {"utc", 0},    {"ut", 0},     {"z", 0},      {"wet", 0},
             {"cet", 60},   {"mez", 60},   {"bst", 60},   {"west", 60},  {"cest", 120},
             {"mesz", 120}, {"eet", 120},  {"eest", 180}, {"est", -300}, {"edt", -240},
             {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480},
             {"pdt", -420}};
    if (w->cas != CASE_UPPER && !(w->len == 1 && w->cas == CASE_CAP))
        return INT32_MIN;
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
        if (w_is(w, z[i].s))
            return z[i].min;
    return INT32_MIN;
}

/* "+01:00", "+0100", "-05": minutes east of UTC; *e past it. */
static bool zone_offset(const scan *sc, uint32_t i, int *min, uint32_t *e)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    if (i >= n || (t[i] != '+' && t[i] != '-'))
        return false;
    int sign = t[i] == '-' ? -1 : 1, h, m = 0;
    uint32_t q = digits_at(sc, i + 1, &h);
    if (q - (i + 1) == 4) {
        m = h % 100;
        h /= 100;
    } else if (q - (i + 1) == 2) {
        if (q + 2 < n && t[q] == ':' && is_digit(t[q + 1]) && is_digit(t[q + 2])) {
            m = (t[q + 1] - '0') * 10 + (t[q + 2] - '0');
            q += 3;
        }
    } else if (!(q - (i + 1) == 1 && i > 0 && is_alpha(t[i - 1]))) { /* "GMT+1" */
        return false;
    }
    if (h > 14 || m > 59 || (q < n && is_digit(t[q])))
        return false;
    *min = sign * (h * 60 + m);
    *e = q;
    return true;
}

/* Refines a day-precision mention with a following time of day: "à 10h32",
 * "at 3:42 p.m.", ", 10:32 Uhr", "T10:32:00+01:00", " 3:42 PM GMT".
 * Returns false when there is none. */
static bool parse_time(const scan *sc, dm *m, bool iso)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n, r = m->e;
    dword w;
    if (m->prec != SL_PREC_DAY)
        return false;
    if (iso && r < n && (t[r] == 'T' || t[r] == 't')) {
        r++;
    } else {
        r = skip_sp(sc, r);
        if (r < n && t[r] == ',')
            r = skip_sp(sc, r + 1);
        if (r >= n)
            return false;
        if (!is_digit(t[r])) {
            read_word(sc, r, n, &w);
            if (!w_in(&w, ws_time_links))
                return false;
            r = skip_sp(sc, w.e);
            read_word(sc, r, n, &w);
            if (w_in(&w, ws_time_las))
                r = skip_sp(sc, w.e);
        }
    }
    if (r >= n || !is_digit(t[r]))
        return false;
    int h, mi = 0, ss = -1, zone = 0;
    uint32_t q = digits_at(sc, r, &h);
    if (q - r > 2)
        return false;
    uint32_t hs = skip_sp(sc, q);
    if (q + 2 < n && t[q] == ':' && is_digit(t[q + 1]) && is_digit(t[q + 2])) {
        mi = (t[q + 1] - '0') * 10 + (t[q + 2] - '0');
        q += 3;
        if (q + 2 < n && t[q] == ':' && is_digit(t[q + 1]) && is_digit(t[q + 2])) {
            ss = (t[q + 1] - '0') * 10 + (t[q + 2] - '0');
            q += 3;
            if (q + 1 < n && (t[q] == '.' || t[q] == ',') && is_digit(t[q + 1])) {
                int frac;
                q = digits_at(sc, q + 1, &frac);
            }
        }
    } else if (hs < n && (t[hs] == 'h' || t[hs] == 'H')) { /* 10h32, 10 h 32 */
        uint32_t k = skip_sp(sc, hs + 1);
        if (k + 1 >= n || !is_digit(t[k]) || !is_digit(t[k + 1]))
            return false;
        mi = (t[k] - '0') * 10 + (t[k + 1] - '0');
        q = k + 2;
    } else if (q + 2 < n && t[q] == '.' && is_digit(t[q + 1]) && is_digit(t[q + 2])) {
        mi = (t[q + 1] - '0') * 10 + (t[q + 2] - '0'); /* 10.32 Uhr */
        next_word(sc, q + 3, &w);
        if (!w_is(&w, "uhr"))
            return false;
        q += 3;
    } else {
        return false;
    }
    if (q < n && is_digit(t[q]))
        return false;
    if (q < n && letter_len(t, q, n)) { /* only "3:42PM", "10:32Z" glued */
        read_word(sc, q, n, &w);
        if (!w_in(&w, ws_glued_to_time))
            return false;
    }
    uint32_t e = q;
    /* Uhr, am/pm */
    next_word(sc, e, &w);
    if (w_is(&w, "uhr")) {
        e = w.e;
        next_word(sc, e, &w);
    }
    int ampm = 0;
    if (w_is(&w, "am") || w_is(&w, "pm")) {
        ampm = w.f[0] == 'p' ? 2 : 1;
        e = w.e;
    } else if (w.len == 1 && (w.f[0] == 'a' || w.f[0] == 'p') && w.e + 2 < n &&
               t[w.e] == '.' && (t[w.e + 1] | 0x20) == 'm' && t[w.e + 2] == '.') {
        ampm = w.f[0] == 'p' ? 2 : 1;
        e = w.e + 3;
    }
    if (ampm) {
        if (h < 1 || h > 12)
            return false;
        h = h % 12 + (ampm == 2 ? 12 : 0);
    }
    if (h > 23 || mi > 59 || ss > 60)
        return false;
    if (ss == 60)
        ss = 59;
    /* zone */
    uint32_t z = skip_sp(sc, e), ze;
    int off;
    if (zone_offset(sc, z, &off, &ze)) {
        zone = off;
        e = ze;
    } else {
        read_word(sc, z, n, &w);
        int zn = zone_named(&w);
        if (zn != INT32_MIN) {
            zone = zn;
            e = w.e;
            if (zone_offset(sc, e, &off, &ze)) { /* GMT+1 */
                zone += off;
                e = ze;
            }
        }
    }
    m->hh = h;
    m->mi = mi;
    m->ss = ss < 0 ? 0 : ss;
    m->zone = zone;
    m->prec = ss < 0 ? SL_PREC_MINUTE : SL_PREC_SECOND;
    m->e = e;
    return true;
}

/* ------------------------------------------------------------ forms */

static void dm_init(dm *m, uint32_t s, uint32_t e, uint8_t kind, uint8_t prec, float conf)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->e = e;
    m->kind = kind;
    m->prec = prec;
    m->conf = conf;
    m->wday = -1;
}

/* "dernier", "prochain", "pasado", "que viene" after the mention; "last",
 * "letzten", "el pasado", "lo scorso" before. Returns true when one is seen. */
static bool modifiers(const scan *sc, dm *m, uint32_t before)
{
    dword w;
    bool seen = false;
    prev_word(sc, before, &w);
    if (w_in(&w, ws_before_past)) {
        m->mode = -1;
        m->s = w.s;
        seen = true;
    } else if (w_in(&w, ws_before_next)) {
        m->mode = 1;
        m->s = w.s;
        seen = true;
    }
    next_word(sc, m->e, &w);
    if (w_in(&w, ws_after_past)) {
        m->mode = -1;
        m->e = w.e;
        seen = true;
    } else if (w_in(&w, ws_after_next)) {
        m->mode = 1;
        m->e = w.e;
        seen = true;
    } else if (w_is(&w, "que")) {
        dword v;
        next_word(sc, w.e, &v);
        if (w_is(&v, "viene")) {
            m->mode = 1;
            m->e = v.e;
            seen = true;
        }
    }
    return seen;
}

/* Future tense, read off the words before a weekday: auxiliaries and, for
 * the Romance futures, endings ("réunira", "seront", "reunirá", "riunirà"). */
WSET(future_en, "will", "shall", "ll", "won");
WSET(future_fr, "va", "vont", "doit", "doivent");
WSET(future_de, "wird", "werden", "werde", "soll", "sollen");
WSET(future_es, "va", "van", "vamos");
/* words ending like a French future that are not verbs */
WSET(not_future_fr, "opera", "camera", "extra", "ultra", "cobra", "zebra", "mantra", "tiara",
    "sierra", "contra", "sahara", "chimera", "flora", "front", "affront");
/* a reporting verb in the past ends the search: "... will be long the minister said Friday" */
WSET(said_words, "said", "told", "sagte", "dijo", "disse");
/* words of a plan or a schedule: "talks are due to resume on Thursday", "une réunion est
 * prévue jeudi", "le ministre est attendu dimanche" (folded; not "planned" or "programme",
 * too often past or a noun) */
WSET(plan_words, "due", "scheduled", "expected", "slated", "prevu", "prevue", "prevus",
    "prevues", "attendu", "attendue", "attendus", "attendues", "programmee", "programmees",
    "geplant", "previsto", "prevista", "previstos", "previstas", "previsti", "previste",
    "programado", "programada", "atteso", "attesa");
/* "il a attendu lundi": attendre in the passé composé is past */
WSET(avoir_forms, "a", "ont", "avait", "avaient", "ai", "as", "avons", "avez", "aura");

static bool ends_with(const dword *w, const char *tail)
{
    size_t n = strlen(tail);
    return w->len >= n && memcmp(w->f + w->len - n, tail, n) == 0;
}

/* The raw bytes of w end with tail (accents kept: "reunirá", not "reunira"). */
static bool raw_ends_with(const scan *sc, const dword *w, const char *tail)
{
    size_t n = strlen(tail);
    return w->e - w->s >= n + 2 && memcmp(sc->t + w->e - n, tail, n) == 0;
}

static bool future_word(const scan *sc, const dword *w)
{
    bool any = sc->lang == 0;
    if ((any || (sc->lang & L_EN)) && w_in(w, ws_future_en))
        return true;
    if ((any || (sc->lang & L_DE)) && w_in(w, ws_future_de))
        return true;
    if (any || (sc->lang & L_FR)) {
        if (w_in(w, ws_future_fr))
            return true;
        /* futur simple: infinitive + -a/-ont ("votera", "ira", "prendra", "seront") */
        if (w->cas == CASE_LOWER && w->len >= 3 && !w_in(w, ws_not_future_fr) &&
            ((ends_with(w, "ra") && strchr("eidrvu", w->f[w->len - 3])) ||
             (w->len >= 5 && ends_with(w, "ront"))))
            return true;
    }
    if ((any || (sc->lang & L_ES)) &&
        (w_in(w, ws_future_es) || raw_ends_with(sc, w, "r\xC3\xA1") ||
         raw_ends_with(sc, w, "r\xC3\xA1n")))
        return true;
    if ((any || (sc->lang & L_IT)) &&
        (raw_ends_with(sc, w, "r\xC3\xA0") || (w->len >= 7 && ends_with(w, "ranno"))))
        return true;
    return false;
}

/* Is w a word of a plan ("due", "prévue", "attendu" but not "a attendu")? */
static bool plan_word(const scan *sc, const dword *w)
{
    if (!w_in(w, ws_plan_words))
        return false;
    if (w->f[0] != 'a' || w->f[1] != 't')
        return true;
    dword p;
    prev_word(sc, w->s, &p);
    return !(p.s < p.e && w_in(&p, ws_avoir_forms));
}

/* Is the clause before i (at most eight words back, no punctuation crossed)
 * in the future tense, or a plan? "The council will meet on Friday", "se
 * réunira vendredi", "wird am Freitag abstimmen", "talks are due to resume
 * in The Hague on Thursday". A comma ends the clause: "It will be long, the
 * minister said on Friday" is about the past Friday. */
static bool future_clause(const scan *sc, uint32_t i)
{
    for (int k = 0; k < 8; k++) {
        dword w;
        prev_word(sc, i, &w);
        if (w.s >= w.e || w.s >= i)
            return false;
        for (uint32_t p = w.e; p < i; p++) /* blanks, apostrophes, hyphens only */
            if (!strchr(" \t'-", sc->t[p]) && sc->t[p] < 0x80)
                return false;
        if (future_word(sc, &w) || plan_word(sc, &w))
            return true;
        if (w_in(&w, ws_said_words))
            return false;
        i = w.s;
    }
    return false;
}

/* words of a plan after the weekday: "On Tuesday he plans to travel" */
WSET(plan_after_words, "plans", "intends", "prevoit", "envisage", "compte", "plant", "planea",
    "prevede");

/* Is the clause after a weekday ending at e (at most five words, a comma
 * right after the weekday allowed: "Mardi, la ministre se rendra...") in the
 * future tense, or a plan? A verb of saying or an English past ("-ed")
 * ends the search: "On Tuesday he said the port will reopen". */
static bool future_after(const scan *sc, uint32_t e)
{
    uint32_t i = skip_sp(sc, e);
    if (i < sc->n && sc->t[i] == ',')
        i++;
    for (int k = 0; k < 5; k++) {
        dword w;
        next_word(sc, i, &w);
        if (w.s >= w.e)
            return false;
        for (uint32_t p = i; p < w.s; p++) /* blanks, apostrophes, hyphens only */
            if (!strchr(" \t'-", sc->t[p]) && sc->t[p] < 0x80)
                return false;
        if (future_word(sc, &w) || plan_word(sc, &w) || w_in(&w, ws_plan_after_words))
            return true;
        if (w_in(&w, ws_said_words) || ((sc->lang == 0 || (sc->lang & L_EN)) &&
                                        w.len > 3 && ends_with(&w, "ed")))
            return false;
        i = w.e;
    }
    return false;
}

/* "avant lundi", "until Thursday", "hasta el lunes": the word before the
 * weekday (past an article) asks for the coming day; so does a future
 * tense in the weekday's clause, before it ("will meet on Friday", "se
 * réunira vendredi") or after it ("On Tuesday he plans to travel"). The
 * span stays the weekday's own. */
static void forward_cue(const scan *sc, dm *m, uint32_t before, uint32_t after)
{
    dword w;
    prev_word(sc, before, &w);
    if (w_in(&w, ws_weekday_articles))
        prev_word(sc, w.s, &w);
    if (w_in(&w, ws_forward_cues) || future_clause(sc, before) || future_after(sc, after))
        m->mode = 2;
}

/* "24.10.2017", "24/10/2017", "10/24/2017", "24-10-2017" (p..q: first number). */
static bool parse_numeric(const scan *sc, uint32_t p, uint32_t q, dm *m)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    if (q - p > 2 || q + 1 >= n)
        return false;
    uint8_t sep = t[q];
    if (sep != '.' && sep != '/' && sep != '-')
        return false;
    int a, b, y;
    digits_at(sc, p, &a);
    uint32_t q2 = digits_at(sc, q + 1, &b);
    if (q2 == q + 1 || q2 - (q + 1) > 2 || q2 + 1 >= n || t[q2] != sep)
        return false;
    uint32_t q3 = digits_at(sc, q2 + 1, &y);
    if (q3 - (q2 + 1) != 4 || !year_ok(sc, y))
        return false;
    if (q3 + 1 < n && (t[q3] == '.' || t[q3] == '/' || t[q3] == '-' || t[q3] == ':' ||
                       t[q3] == ',') && is_digit(t[q3 + 1]))
        return false;
    int d, mo;
    float conf = 0.95f;
    if (sep == '.' || (a > 12 && b <= 12)) {
        d = a;
        mo = b;
    } else if (a <= 12 && b > 12) {
        mo = a;
        d = b;
    } else if (a <= 12 && b <= 12) {
        mo = sc->mdy ? a : b;
        d = sc->mdy ? b : a;
        if (a != b)
            conf = 0.6f;
    } else {
        return false;
    }
    if (!valid_ymd(y, mo, d))
        return false;
    dm_init(m, p, q3, SL_DK_ABSOLUTE, SL_PREC_DAY, conf);
    m->y = y;
    m->mo = mo;
    m->d = d;
    parse_time(sc, m, false);
    return true;
}

/* "2017-10-24", "2017/10/24", with "T10:32:00Z" or " 10:32"; "2017-11" in stamps. */
static bool parse_iso(const scan *sc, uint32_t p, dm *m)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    int y, mo, d;
    uint32_t q = digits_at(sc, p, &y);
    if (q - p != 4 || q + 1 >= n || (t[q] != '-' && t[q] != '/') || !year_ok(sc, y))
        return false;
    uint8_t sep = t[q];
    uint32_t q2 = digits_at(sc, q + 1, &mo);
    if (q2 - (q + 1) != 2 || mo < 1 || mo > 12)
        return false;
    if (q2 + 1 < n && t[q2] == sep && is_digit(t[q2 + 1])) {
        uint32_t q3 = digits_at(sc, q2 + 1, &d);
        if (q3 - (q2 + 1) != 2 || !valid_ymd(y, mo, d))
            return false;
        if (q3 + 1 < n && (t[q3] == '.' || t[q3] == '/' || t[q3] == '-' || t[q3] == ',') &&
            is_digit(t[q3 + 1]))
            return false;
        dm_init(m, p, q3, SL_DK_ABSOLUTE, SL_PREC_DAY, 0.95f);
        m->y = y;
        m->mo = mo;
        m->d = d;
        if (!parse_time(sc, m, true) && q3 + 1 < n && t[q3] == 'T' && is_digit(t[q3 + 1]))
            m->bad = true; /* "2026-03-14T25:00": a broken stamp, not a day */
        return true;
    }
    if (!sc->stamp || (q2 < n && (is_digit(t[q2]) || t[q2] == sep)))
        return false;
    dm_init(m, p, q2, SL_DK_ABSOLUTE, SL_PREC_MONTH, 0.9f);
    m->y = y;
    m->mo = mo;
    return true;
}

/* "24 octobre 2017", "24. Oktober", "24 de octubre de 2017", "1er mars",
 * "4th of July", "24 oct. 2017"; p..q is the day number. wday: a weekday
 * named just before, or -1. */
static bool parse_day_first(const scan *sc, uint32_t p, uint32_t q, int wday, dm *m)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n, r = q;
    int d;
    dword w;
    digits_at(sc, p, &d);
    if (q - p > 2 || d < 1 || d > 31 || q >= n)
        return false;
    if (is_alpha(t[r])) {
        read_word(sc, r, n, &w);
        if (!(w_is(&w, "er") && d == 1) && !w_in(&w, ws_ordinal_suffixes))
            return false;
        r = w.e;
    } else if (r + 1 < n && t[r] == 0xC2 && (t[r + 1] == 0xBA || t[r + 1] == 0xB0)) {
        r += 2; /* 1º, 1° */
    }
    if (r < n && t[r] == '.') {
        r++;
        if (r + 1 < n && t[r] == 0xC2 && t[r + 1] == 0xBA)
            r += 2; /* 1.º */
    }
    uint32_t s2 = skip_sp(sc, r);
    if (s2 == r || s2 >= n)
        return false;
    read_word(sc, s2, n, &w);
    if (w_in(&w, ws_day_of)) {
        uint32_t s3 = skip_sp(sc, w.e);
        if (s3 == w.e)
            return false;
        read_word(sc, s3, n, &w);
    }
    const kw *k = kw_find(&w);
    uint32_t me;
    if (!k || k->type != K_MONTH || !month_word_ok(sc, k, &w, CTX_DAY, &me))
        return false;
    int mo = k->val, y;
    uint32_t ye;
    if (year_after(sc, me, false, &y, &ye)) {
        dm_init(m, p, ye, SL_DK_ABSOLUTE, SL_PREC_DAY, 0.95f);
        m->y = y;
        m->bad = d > mdays(y, mo);
    } else if (d > mdays(2000, mo)) {
        dm_init(m, p, me, SL_DK_PARTIAL, SL_PREC_DAY, 0.7f);
        m->bad = true;
    } else {
        dm_init(m, p, me, SL_DK_PARTIAL, SL_PREC_DAY, 0.7f);
        modifiers(sc, m, p);
    }
    m->mo = mo;
    m->d = d;
    m->wday = wday;
    if (!m->bad)
        parse_time(sc, m, false);
    return true;
}

/* "October 24, 2017", "Oct. 24 2017", "March 1st, 2026", "October 24". */
static bool parse_month_first(const scan *sc, const kw *k, const dword *w, int wday, dm *m)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n, me;
    if (!(k->langs & L_EN) || w->cas == CASE_LOWER || !month_word_ok(sc, k, w, CTX_DAY, &me))
        return false;
    uint32_t r = skip_sp(sc, me);
    if (r == me || r >= n || !is_digit(t[r]))
        return false;
    int d, y;
    uint32_t q = digits_at(sc, r, &d), e = q;
    if (q - r > 2 || d < 1 || d > 31)
        return false;
    if (q < n && is_alpha(t[q])) {
        dword s;
        read_word(sc, q, n, &s);
        if (!w_in(&s, ws_ordinal_suffixes))
            return false;
        e = s.e;
    } else if (q < n && (t[q] == ':' || ((t[q] == '.' || t[q] == '/' || t[q] == '-' ||
                                          t[q] == ',') && q + 1 < n && is_digit(t[q + 1])))) {
        return false;
    }
    uint32_t ye;
    if (year_after(sc, e, true, &y, &ye)) {
        dm_init(m, w->s, ye, SL_DK_ABSOLUTE, SL_PREC_DAY, 0.95f);
        m->y = y;
        m->bad = d > mdays(y, k->val);
    } else if (d > mdays(2000, k->val)) {
        dm_init(m, w->s, e, SL_DK_PARTIAL, SL_PREC_DAY, 0.7f);
        m->bad = true;
    } else {
        dm_init(m, w->s, e, SL_DK_PARTIAL, SL_PREC_DAY, 0.7f);
        modifiers(sc, m, w->s);
    }
    m->mo = k->val;
    m->d = d;
    m->wday = wday;
    if (!m->bad)
        parse_time(sc, m, false);
    return true;
}

/* "octobre 2017", "October 2017", "octubre de 2017", "Oct. 2017". */
static bool parse_month_year(const scan *sc, const kw *k, const dword *w, dm *m)
{
    uint32_t me, ye;
    int y;
    if (!month_word_ok(sc, k, w, CTX_YEAR, &me) || !year_after(sc, me, false, &y, &ye))
        return false;
    dm_init(m, w->s, ye, SL_DK_ABSOLUTE, SL_PREC_MONTH, 0.9f);
    m->y = y;
    m->mo = k->val;
    return true;
}

/* "en juillet", "in July", "im Juli", "a luglio", "juillet dernier", "last
 * July", "mi-juillet", "a principios de julio": needs such a cue. */
static bool parse_month_partial(const scan *sc, const kw *k, const dword *w, dm *m)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    if ((k->flags & KF_ABBR) || !home_ok(sc, k) || !case_ok(sc, k, w, CTX_WEAK))
        return false;
    if (w->e + 1 < n && t[w->e] == '\'' && (t[w->e + 1] | 0x20) == 's')
        return false; /* "May's" */
    if (w->e + 3 < n && t[w->e] == 0xE2 && t[w->e + 1] == 0x80 && t[w->e + 2] == 0x99 &&
        (t[w->e + 3] | 0x20) == 's')
        return false;
    dm_init(m, w->s, w->e, SL_DK_PARTIAL, SL_PREC_MONTH, 0.7f);
    m->mo = k->val;
    bool cue = modifiers(sc, m, w->s);
    if (!cue) {
        dword pw;
        prev_word(sc, w->s, &pw);
        if (k->langs == L_EN && k->val == 5)
            cue = w_in(&pw, ws_may_cues);
        else if (w_in(&pw, ws_month_cues))
            cue = true;
        else if (w_in(&pw, ws_of_words)) {
            dword pp;
            prev_word(sc, pw.s, &pp);
            cue = w_in(&pp, ws_of_cues);
        }
    }
    return cue;
}

/* ------------------------------------------------------------ resolution */

/* Time of day of m, in seconds, zone applied. */
static int64_t time_of_day(const dm *m)
{
    if (m->prec < SL_PREC_MINUTE)
        return 0;
    return (int64_t)m->hh * 3600 + m->mi * 60 + m->ss - (int64_t)m->zone * 60;
}

/* Year of a partial month. */
static int partial_month_year(const scan *sc, const dm *m)
{
    if (m->mode < 0)
        return m->mo < sc->pm ? sc->py : sc->py - 1;
    if (m->mode > 0)
        return m->mo > sc->pm ? sc->py : sc->py + 1;
    for (int y = sc->py + 1; y >= sc->py - 1; y--)
        if (y >= 1 && y <= 9999 && civil(y, m->mo, 1) <= sc->pub + 7 * DAY_SECS)
            return y;
    return sc->py - 1;
}

/* Day of a partial day-month (adjusts m->conf when a weekday was named). */
static int64_t partial_day(const scan *sc, dm *m)
{
    int64_t past = SL_TIME_NONE, fut = SL_TIME_NONE, res;
    for (int y = sc->py; y >= sc->py - 8 && y >= 1; y--) {
        if (!valid_ymd(y, m->mo, m->d))
            continue;
        int64_t c = civil(y, m->mo, m->d);
        if (m->mode < 0 ? c < sc->pday : c <= sc->pday) {
            past = c;
            break;
        }
    }
    for (int y = sc->py; y <= sc->py + 8 && y <= 9999; y++) {
        if (!valid_ymd(y, m->mo, m->d))
            continue;
        int64_t c = civil(y, m->mo, m->d);
        if (c > sc->pday) {
            fut = c;
            break;
        }
    }
    if (m->mode < 0)
        res = past;
    else if (m->mode > 0)
        res = fut;
    else if (past != SL_TIME_NONE && (fut == SL_TIME_NONE || sc->pday - past <= 305 * DAY_SECS))
        res = past;
    else
        res = fut;
    if (m->wday >= 0 && res != SL_TIME_NONE) {
        int64_t other = res == past ? fut : past;
        if (weekday_of(res) == m->wday) {
            m->conf = 0.8f;
        } else if (m->mode == 0 && other != SL_TIME_NONE && weekday_of(other) == m->wday) {
            res = other;
            m->conf = 0.8f;
        } else {
            m->conf = 0.6f;
        }
    }
    return res;
}

static int64_t weekday_day(const scan *sc, const dm *m)
{
    int back = (sc->pwd - m->wday + 7) % 7, fwd = (m->wday - sc->pwd + 7) % 7;
    if (m->mode < 0)
        return sc->pday - (int64_t)(back ? back : 7) * DAY_SECS;
    if (m->mode == 2)
        return sc->pday + (int64_t)fwd * DAY_SECS;
    if (m->mode > 0)
        return sc->pday + (int64_t)(fwd ? fwd : 7) * DAY_SECS;
    return sc->pday - (int64_t)back * DAY_SECS;
}

static int64_t resolve(const scan *sc, dm *m)
{
    int64_t day;
    if (m->kind == SL_DK_ABSOLUTE) {
        day = civil(m->y, m->mo ? m->mo : 1, m->d ? m->d : 1);
    } else if (m->kind == SL_DK_PARTIAL) {
        if (!sc->pub_ok || sc->pub_prec < SL_PREC_MONTH)
            return SL_TIME_NONE;
        if (m->prec == SL_PREC_MONTH)
            return civil(partial_month_year(sc, m), m->mo, 1);
        day = partial_day(sc, m);
    } else {
        if (!sc->pub_ok || sc->pub_prec < SL_PREC_DAY)
            return SL_TIME_NONE;
        day = m->wday >= 0 ? weekday_day(sc, m) : sc->pday + (int64_t)m->off * DAY_SECS;
    }
    if (day == SL_TIME_NONE)
        return SL_TIME_NONE;
    return day + time_of_day(m);
}

/* Records m; returns where scanning goes on. */
static uint32_t emit(scan *sc, dm *m)
{
    if (m->bad) {
        sc->floor = m->e;
        return m->e;
    }
    int64_t tm = resolve(sc, m);
    if (tm != SL_TIME_NONE && (tm < T_MIN || tm > T_MAX))
        tm = SL_TIME_NONE; /* "9999-12-31T23:00-05:00": beyond what we represent */
    sc->floor = m->e;
    if (sc->stamp) {
        if (m->kind == SL_DK_ABSOLUTE && tm != SL_TIME_NONE) {
            sc->first = *m;
            sc->done = true;
        }
        return m->e;
    }
    if (sc->n_out == sc->cap) {
        size_t cap = sc->cap ? sc->cap * 2 : 8;
        sc->out = arena_grow(sc->a, sc->out, sc->n_out, cap, sizeof *sc->out);
        sc->cap = cap;
    }
    sl_date *d = &sc->out[sc->n_out++];
    d->start = m->s;
    d->end = m->e;
    d->time = tm;
    d->precision = m->prec;
    d->kind = m->kind;
    d->confidence = m->conf;
    return m->e;
}

/* ------------------------------------------------------------ anchors */

static uint32_t on_digits(scan *sc, uint32_t p)
{
    int v;
    uint32_t q = digits_at(sc, p, &v);
    dm m;
    if (!digit_start_ok(sc, p))
        return q;
    if (q - p == 4) {
        if (parse_iso(sc, p, &m))
            return emit(sc, &m);
        if (sc->stamp) {
            const uint8_t *t = sc->t;
            bool glued = q + 1 < sc->n && (t[q] == '-' || t[q] == '/' || t[q] == '.' ||
                                           t[q] == ':') && is_digit(t[q + 1]);
            if (!sc->fb_year && v >= 1000 && v <= 2999 && !glued)
                sc->fb_year = v;
            return q;
        }
        dword pw;
        int y;
        uint32_t ye;
        if (v >= 1900 && v <= 2099 && year4_at(sc, p, &y, &ye) &&
            (q >= sc->n || !letter_len(sc->t, q, sc->n))) { /* not "1990s" */
            prev_word(sc, p, &pw);
            if (w_in(&pw, ws_year_cues)) {
                dm_init(&m, p, q, SL_DK_ABSOLUTE, SL_PREC_YEAR, 0.8f);
                m.y = v;
                return emit(sc, &m);
            }
        }
        return q;
    }
    if (q - p <= 2 && (parse_numeric(sc, p, q, &m) || parse_day_first(sc, p, q, -1, &m)))
        return emit(sc, &m);
    return q;
}

static uint32_t on_month(scan *sc, const kw *k, const dword *w)
{
    dm m;
    if (parse_month_first(sc, k, w, -1, &m) || parse_month_year(sc, k, w, &m) ||
        parse_month_partial(sc, k, w, &m))
        return emit(sc, &m);
    return 0;
}

/* "matin", "soir", "morning", ... after the day: "hier soir", "Tuesday night". */
static void part_of_day(const scan *sc, dm *m, uint8_t langs)
{
    dword w;
    next_word(sc, m->e, &w);
    if (!w.len)
        return;
    if (((langs & L_FR) && w_in(&w, ws_part_fr)) ||
        ((langs & L_EN) && w_in(&w, ws_part_en)) ||
        ((langs & L_DE) && w_in(&w, ws_part_de)) ||
        ((langs & L_IT) && w_in(&w, ws_part_it))) {
        m->e = w.e;
        return;
    }
    if ((langs & L_FR) && w_is(&w, "apres") && w.e < sc->n && sc->t[w.e] == '-') {
        dword v;
        read_word(sc, w.e + 1, sc->n, &v);
        if (w_is(&v, "midi"))
            m->e = v.e;
        return;
    }
    if ((langs & L_ES) && w_is(&w, "por")) {
        dword v, x;
        next_word(sc, w.e, &v);
        if (!w_is(&v, "la"))
            return;
        next_word(sc, v.e, &x);
        if (w_in(&x, ws_part_es))
            m->e = x.e;
    }
}

/* True when a capitalised word that is not a preposition stands just
 * before i: "Black Friday", "Super Tuesday", "Cyber Monday". */
static bool after_cap_word(const scan *sc, uint32_t i)
{
    dword pw;
    prev_word(sc, i, &pw);
    if (pw.s == pw.e || pw.cas == CASE_LOWER)
        return false;
    return !sentence_start(sc, pw.s) ||
           !w_in(&pw, ws_cap_before_weekday);
}

static uint32_t on_weekday(scan *sc, const kw *k, const dword *w)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    dm m;
    if (!case_ok(sc, k, w, CTX_WEAK) || (k->langs == L_EN && after_cap_word(sc, w->s)))
        return 0;
    /* a date right after: "mercredi 24 octobre", "Wednesday, October 24, 2017" */
    uint32_t r = skip_sp(sc, w->e);
    if (r < n && t[r] == ',')
        r = skip_sp(sc, r + 1);
    dword a;
    read_word(sc, r, n, &a);
    if (w_in(&a, ws_weekday_articles)) {
        r = skip_sp(sc, a.e);
        read_word(sc, r, n, &a);
    }
    bool got = false;
    if (r < n && is_digit(t[r])) {
        int v;
        uint32_t q = digits_at(sc, r, &v);
        got = parse_numeric(sc, r, q, &m) || parse_day_first(sc, r, q, k->val, &m);
    } else if (a.len) {
        const kw *k2 = kw_find(&a);
        got = k2 && k2->type == K_MONTH && parse_month_first(sc, k2, &a, k->val, &m);
    }
    /* a full date on another weekday is not this weekday's date: a list */
    if (got && !m.bad &&
        (m.kind != SL_DK_ABSOLUTE || weekday_of(civil(m.y, m.mo, m.d)) == k->val)) {
        m.s = w->s;
        return emit(sc, &m);
    }
    dm_init(&m, w->s, w->e, SL_DK_RELATIVE, SL_PREC_DAY, 0.6f);
    m.wday = k->val;
    if (!modifiers(sc, &m, w->s))
        forward_cue(sc, &m, w->s, w->e);
    part_of_day(sc, &m, k->langs);
    parse_time(sc, &m, false);
    return emit(sc, &m);
}

static uint32_t on_relative(scan *sc, const kw *k, const dword *w)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n;
    dword pw, pp, nw;
    dm m;
    if (!home_ok(sc, k))
        return 0;
    if (w->cas == CASE_CAP && !sentence_start(sc, w->s))
        return 0; /* a name: "The Today show", "El diario Hoy" */
    dm_init(&m, w->s, w->e, SL_DK_RELATIVE, SL_PREC_DAY, 0.6f);
    m.off = k->val;
    prev_word(sc, w->s, &pw);
    if (w_is(w, "aujourd")) { /* aujourd'hui, aujourd’hui */
        uint32_t r = w->e;
        if (r < n && t[r] == '\'')
            r++;
        else if (r + 2 < n && t[r] == 0xE2 && t[r + 1] == 0x80 && t[r + 2] == 0x99)
            r += 3;
        else
            return 0;
        read_word(sc, r, n, &nw);
        if (!w_is(&nw, "hui"))
            return 0;
        m.e = nw.e;
    } else if ((w_is(w, "hier") && w_is(&pw, "avant")) ||
               (w_is(w, "demain") && w_is(&pw, "apres")) ||
               (w_is(w, "ieri") && w_is(&pw, "altro")) ||
               (w_is(w, "manana") && w_is(&pw, "pasado"))) {
        m.off = k->val * 2;
        m.s = pw.s;
    } else if (w_is(w, "yesterday") || w_is(w, "tomorrow") || w_is(w, "ayer")) {
        prev_word(sc, pw.s, &pp);
        if ((w_is(&pw, "before") && w_is(&pp, "day") && m.off < 0) ||
            (w_is(&pw, "after") && w_is(&pp, "day") && m.off > 0) ||
            (w_is(&pw, "de") && w_is(&pp, "antes"))) {
            m.off *= 2;
            m.s = pp.s;
            dword the;
            prev_word(sc, pp.s, &the);
            if (w_is(&the, "the"))
                m.s = the.s;
        }
    } else if (w_is(w, "manana")) {
        if (w_is(&pw, "esta")) {
            m.off = 0;
            m.s = pw.s;
        } else if (w_in(&pw, ws_manana_morning)) {
            return 0;
        }
    } else if (w_is(w, "morgen")) {
        if (w->cas != CASE_LOWER && !sentence_start(sc, w->s))
            return 0; /* "Morgen": the morning */
        if (w_in(&pw, ws_morgen_morning))
            return 0;
    } else if (w_is(w, "hoy")) {
        next_word(sc, w->e, &nw);
        if (w_is(&nw, "en")) {
            next_word(sc, nw.e, &pp);
            if (w_is(&pp, "dia"))
                return 0; /* hoy en día: nowadays */
        }
    }
    part_of_day(sc, &m, k->langs);
    parse_time(sc, &m, false);
    return emit(sc, &m);
}

/* "ce matin", "this morning", "questa sera", "esta noche": today. */
static uint32_t on_part(scan *sc, const kw *k, const dword *w)
{
    dword pw;
    dm m;
    if (!home_ok(sc, k))
        return 0;
    prev_word(sc, w->s, &pw);
    if (!w_in(&pw, ws_this_words))
        return 0;
    dm_init(&m, pw.s, w->e, SL_DK_RELATIVE, SL_PREC_DAY, 0.6f);
    if (w_is(w, "apres")) { /* cet après-midi */
        dword v;
        if (w->e >= sc->n || sc->t[w->e] != '-')
            return 0;
        read_word(sc, w->e + 1, sc->n, &v);
        if (!w_is(&v, "midi"))
            return 0;
        m.e = v.e;
    }
    parse_time(sc, &m, false);
    return emit(sc, &m);
}

static uint32_t on_anchor(scan *sc, const kw *k, const dword *w)
{
    switch (k->type) {
    case K_MONTH:
        return on_month(sc, k, w);
    case K_WDAY:
        return on_weekday(sc, k, w);
    case K_REL:
        return on_relative(sc, k, w);
    default:
        return on_part(sc, k, w);
    }
}

/* True when some anchor has this first letter, second letter and length. */
static inline bool kw_maybe(char c0, char c1, uint32_t len)
{
    unsigned a = (unsigned)(c0 - 'a'), b = (unsigned)(c1 - 'a');
    return a < 26 && b < 26 && len < 16 && ((kw_by_letter[a].lens[b] >> len) & 1);
}

/* Looks at the word [s, e); returns where scanning goes on (0: past it).
 * Plain ASCII words come here only past kw_maybe() and are compared
 * without a full read. */
static uint32_t on_word(scan *sc, uint32_t s, uint32_t e, bool ascii)
{
    const uint8_t *t = sc->t;
    uint32_t len = e - s;
    dword w;
    const kw *k;
    if (len < 3 || len > 12)
        return 0;
    if (ascii) {
        memset(w.f, 0, sizeof w.f);
        for (uint32_t i = 0; i < len; i++)
            w.f[i] = (char)(t[s + i] | 0x20);
        w.len = (uint8_t)len;
        if (!(k = kw_find(&w)))
            return 0;
    } else {
        uint8_t c0 = t[s], c1 = t[s + 1];
        if (c0 >= 0x80) {
            if (c0 != 0xC3 || (c1 != 0xBC && c1 != 0x9C)) /* only "übermorgen" */
                return 0;
        } else if (c1 < 0x80 && !kw_by_letter[(c0 | 0x20) - 'a'].lens[(c1 | 0x20) - 'a']) {
            return 0;
        }
        read_word(sc, s, e, &w);
        if (w.len < 3 || !kw_maybe(w.f[0], w.f[1], w.len) || !(k = kw_find(&w)))
            return 0;
    }
    read_word(sc, s, e, &w);
    return on_anchor(sc, k, &w);
}

/* End of the run of ASCII letters starting at p. */
static inline uint32_t ascii_word_end(const uint8_t *t, uint32_t p, uint32_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: byte-wise "is an ASCII letter" in one 64-bit
     * word (high bits cleared first, so no sum carries into the next byte) */
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    while (p + 8 <= n) {
        uint64_t v;
        memcpy(&v, t + p, 8);
        uint64_t lx = (v | ones * 0x20) & ~high;
        uint64_t letter = (lx + ones * (0x80 - 'a')) & ~(lx + ones * (0x7F - 'z')) & ~v;
        uint64_t stop = ~letter & high;
        if (stop)
            return p + (uint32_t)__builtin_ctzll(stop) / 8;
        p += 8;
    }
#endif
    while (p < n && is_alpha(t[p]))
        p++;
    return p;
}

/* The main pass: digits and words; everything else is skipped. */
static void scan_run(scan *sc)
{
    const uint8_t *t = sc->t;
    uint32_t n = sc->n, p = 0;
    while (p < n && !sc->done) {
        uint8_t c = t[p];
        uint32_t s = p, r = 0;
        unsigned l;
        if (is_alpha(c)) {
            p = ascii_word_end(t, p + 1, n);
            if (p < n && t[p] >= 0xC3 && letter_len(t, p, n)) { /* "février" */
                while (p < n && (l = letter_len(t, p, n)) > 0)
                    p += l;
                r = on_word(sc, s, p, false);
            } else if (p - s >= 3 && p - s <= 12 &&
                       kw_maybe((char)(c | 0x20), (char)(t[s + 1] | 0x20), p - s)) {
                r = on_word(sc, s, p, true);
            }
        } else if (is_digit(c)) {
            r = on_digits(sc, p);
            p++;
        } else if (c >= 0xC3 && (l = letter_len(t, p, n)) > 0) { /* "été", "über" */
            while (p < n && (l = letter_len(t, p, n)) > 0)
                p += l;
            r = on_word(sc, s, p, false);
        } else {
            p++;
            continue;
        }
        if (r > p)
            p = r;
    }
}

/* Language hint → L_* bits; en (US) reads ambiguous a/b/yyyy month first. */
static uint8_t lang_bits(const char *lang, bool *mdy)
{
    static const struct {
        const char *code;
        uint8_t bit;
    } L[] = {{"fr", L_FR}, {"en", L_EN}, {"de", L_DE}, {"es", L_ES}, {"it", L_IT}};
    *mdy = false;
    if (!lang || !lang[0] || strcmp(lang, "und") == 0)
        return 0;
    for (size_t i = 0; i < sizeof L / sizeof L[0]; i++) {
        if (strncmp(lang, L[i].code, 2) != 0 || (lang[2] && lang[2] != '-' && lang[2] != '_'))
            continue;
        if (L[i].bit == L_EN)
            *mdy = !lang[2] || strcmp(lang + 3, "US") == 0 || strcmp(lang + 3, "us") == 0;
        return L[i].bit;
    }
    return L_OTHER;
}

static void scan_init(scan *sc, const char *text, size_t n)
{
    memset(sc, 0, sizeof *sc);
    sc->t = (const uint8_t *)text;
    sc->n = n > UINT32_MAX - 16 ? UINT32_MAX - 16 : (uint32_t)n;
    sc->pub = SL_TIME_NONE;
}

static void scan_set_pub(scan *sc, int64_t pub, uint8_t prec)
{
    if (pub == SL_TIME_NONE || pub < T_MIN || pub > T_MAX)
        return;
    int d;
    sc->pub_ok = true;
    sc->pub = pub;
    sc->pub_prec = prec ? prec : SL_PREC_SECOND;
    sc->pday = floor_div(pub, DAY_SECS) * DAY_SECS;
    ymd_from_days(sc->pday / DAY_SECS, &sc->py, &sc->pm, &d);
    sc->pwd = weekday_of(pub);
}

/* ------------------------------------------------------------ API */

size_t dates_find(sl_arena *a, const char *lang, const char *text, size_t n,
                  const sl_token *toks, size_t n_toks, int64_t pub, uint8_t pub_prec,
                  sl_date **out)
{
    (void)toks;
    (void)n_toks;
    *out = NULL;
    if (!text || !n || !a)
        return 0;
    scan sc;
    scan_init(&sc, text, n);
    sc.lang = lang_bits(lang, &sc.mdy);
    sc.a = a;
    scan_set_pub(&sc, pub, pub_prec);
    scan_run(&sc);
    *out = sc.out;
    return sc.n_out;
}

/* Stamps are read with the same scanner, in stamp mode: the first absolute
 * date (with its time and zone, if any) wins; a lone year is the fallback.
 * The language is unknown, so "03/04/2026" is read day first. */
bool dates_parse_stamp(const char *s, size_t n, int64_t *t, uint8_t *prec)
{
    if (!s || !n)
        return false;
    if (n > 4096)
        n = 4096; /* a stamp is short; do not scan a whole article */
    scan sc;
    scan_init(&sc, s, n);
    sc.stamp = true;
    scan_run(&sc);
    if (sc.done) {
        const dm *m = &sc.first;
        *t = civil_timegm(m->y, m->mo ? m->mo : 1, m->d ? m->d : 1) + time_of_day(m);
        *prec = m->prec;
        return true;
    }
    if (sc.fb_year) {
        *t = civil_timegm(sc.fb_year, 1, 1);
        *prec = SL_PREC_YEAR;
        return true;
    }
    return false;
}

void dates_format(int64_t t, uint8_t prec, char *out)
{
    struct tm tm;
    time_t tt = (time_t)t;
    char b[64];
    if (t == SL_TIME_NONE || t < T_MIN || t > T_MAX || !gmtime_r(&tt, &tm)) {
        snprintf(out, 32, "?");
        return;
    }
    int y = tm.tm_year + 1900, mo = tm.tm_mon + 1;
    switch (prec) {
    case SL_PREC_YEAR:
        snprintf(b, sizeof b, "%04d", y);
        break;
    case SL_PREC_MONTH:
        snprintf(b, sizeof b, "%04d-%02d", y, mo);
        break;
    case SL_PREC_DAY:
        snprintf(b, sizeof b, "%04d-%02d-%02d", y, mo, tm.tm_mday);
        break;
    case SL_PREC_MINUTE:
        snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02dZ", y, mo, tm.tm_mday, tm.tm_hour,
                 tm.tm_min);
        break;
    default: /* SL_PREC_SECOND, or no precision given: say everything */
        snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec);
        break;
    }
    size_t l = strnlen(b, 31);
    memcpy(out, b, l);
    out[l] = 0;
}
