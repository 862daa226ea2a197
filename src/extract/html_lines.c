/*
 * html_lines.c — what one short block of a page says about itself: a
 * pointer to other articles ("Lesen Sie auch", "Le puede interesar"), a
 * photo credit or copyright line, an ad marker, or a call to action
 * (newsletter, subscription, follow us, log in).
 *
 * The idea: furniture that sits inside the article's own container has no
 * class or id to betray it, but its words do, and they are few: such a
 * block is short. Each test below looks only at short blocks and at
 * phrases a reader would never find in a news paragraph's own prose, in
 * the languages the project reads (en, de, fr, es, it, pl, pt, nl). The
 * tests are called on blocks already inside the chosen region
 * (html_score.c), so a stray match costs one short block, never the page.
 */
#include <string.h>

#include "html_int.h"

/* The tests below run on a lower-cased (ASCII) copy of a short block. */
#define HL_LINE_MAX 512

/* Does t (n bytes, lower case) start with p, followed by a non-letter (or
 * the end)? */
static int starts_word(const char *t, size_t n, const char *p)
{
    if (t[0] != p[0])
        return 0;
    size_t k = strlen(p);
    if (n < k || memcmp(t, p, k))
        return 0;
    if (n == k)
        return 1;
    unsigned char c = (unsigned char)t[k];
    unsigned char last = (unsigned char)p[k - 1];
    /* a prefix ending in a letter must end a word: "mehr zu" is not "mehr zum" */
    if (last >= 'a' && last <= 'z')
        return !(c >= 'a' && c <= 'z') && c < 0x80;
    return 1;
}

static int starts_any(const char *t, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (starts_word(t, n, *list))
            return 1;
    return 0;
}

/* Phrases found anywhere in a short block (a phrase that begins with a
 * letter or a digit must begin a word there): a caption's credit (blocks of
 * up to 30 words), a rights or licence notice, a call to the reader to do
 * something for the site (newsletter, subscription, follow us, log in,
 * cookies). Sorted by their bytes, for the binary search in phrase_find
 * (the test html_lines_phrases_sorted checks the order). */
enum { PH_CREDIT = 1, PH_RIGHTS, PH_CTA };
typedef struct phrase {
    const char *s;
    uint8_t len, kind;
} phrase;
#define PH(s, kind)                                                                                \
    {                                                                                              \
        s, sizeof s - 1, kind                                                                      \
    }
static const phrase PHRASES[] = {
    PH("(bild:", PH_CREDIT),
    PH("(foto:", PH_CREDIT),
    PH("(image:", PH_CREDIT),
    PH("(photo:", PH_CREDIT),
    PH(", photo:", PH_CREDIT),
    PH("abbonati", PH_CTA),
    PH("abonnez-vous", PH_CTA),
    PH("abonnieren", PH_CTA),
    PH("all rights reserved", PH_RIGHTS),
    PH("alle rechte vorbehalten", PH_RIGHTS),
    PH("already a subscriber", PH_CTA),
    PH("apoya el periodismo", PH_CTA),
    PH("apóyanos", PH_CTA),
    PH("artikel teilen", PH_CTA),
    PH("become a member", PH_CTA),
    PH("beitrag teilen", PH_CTA),
    PH("can be reached at", PH_CTA),
    PH("chat with us", PH_CTA),
    PH("click here", PH_CTA),
    PH("cliquez ici", PH_CTA),
    PH("comparte esta", PH_CTA),
    PH("contributed to this report", PH_CREDIT),
    PH("copyrighted", PH_RIGHTS),
    PH("creative commons", PH_RIGHTS),
    PH("datenschutzerklärung", PH_CTA),
    PH("déjà abonné", PH_CTA),
    PH("eingeloggt", PH_CTA),
    PH("enable javascript", PH_CTA),
    PH("folge uns", PH_CTA),
    PH("folgen sie uns", PH_CTA),
    PH("follow her on", PH_CTA),
    PH("follow him on", PH_CTA),
    PH("follow us", PH_CTA),
    PH("getty images", PH_CREDIT),
    PH("have a tip?", PH_CTA),
    PH("haz clic", PH_CTA),
    PH("hier klicken", PH_CTA),
    PH("if you enjoyed this", PH_CTA),
    PH("if you liked this", PH_CTA),
    PH("imago images", PH_CREDIT),
    PH("inscrivez-vous", PH_CTA),
    PH("iscriviti", PH_CTA),
    PH("istock", PH_CREDIT),
    PH("javascript aktivieren", PH_CTA),
    PH("javascript is disabled", PH_CTA),
    PH("jetzt anmelden", PH_CTA),
    PH("jetzt registrieren", PH_CTA),
    PH("klicken sie hier", PH_CTA),
    PH("log in to", PH_CTA),
    PH("logged in", PH_CTA),
    PH("may be reached at", PH_CTA),
    PH("melden sie sich", PH_CTA),
    PH("nachdruck nur mit", PH_RIGHTS),
    PH("newsletter", PH_CTA),
    PH("nutzt cookies", PH_CTA),
    PH("obserwuj nas", PH_CTA),
    PH("ohne gewähr", PH_RIGHTS),
    PH("partager cet article", PH_CTA),
    PH("photo credit", PH_CREDIT),
    PH("picture alliance", PH_CREDIT),
    PH("picture-alliance", PH_CREDIT),
    PH("please subscribe", PH_CTA),
    PH("privacy policy", PH_CTA),
    PH("privatsphäre", PH_CTA),
    PH("registrieren sie sich", PH_CTA),
    PH("requires javascript", PH_CTA),
    PH("sans garantie", PH_RIGHTS),
    PH("seguici", PH_CTA),
    PH("setzt cookies", PH_CTA),
    PH("share this", PH_CTA),
    PH("shutterstock", PH_CREDIT),
    PH("sign up for free", PH_CTA),
    PH("sign up for our", PH_CTA),
    PH("sign up here", PH_CTA),
    PH("sign up to our", PH_CTA),
    PH("sign up today", PH_CTA),
    PH("signing up", PH_CTA),
    PH("siguenos", PH_CTA),
    PH("sin garantía", PH_RIGHTS),
    PH("subscribe for", PH_CTA),
    PH("subscribe now", PH_CTA),
    PH("subscribe to", PH_CTA),
    PH("subscribe today", PH_CTA),
    PH("subskrybuj", PH_CTA),
    PH("suivez-nous", PH_CTA),
    PH("support our journalism", PH_CTA),
    PH("suscribete", PH_CTA),
    PH("suscríbete", PH_CTA),
    PH("síguenos", PH_CTA),
    PH("tell us what you think", PH_CTA),
    PH("to continue reading", PH_CTA),
    PH("todos los derechos reservados", PH_RIGHTS),
    PH("tous droits réservés", PH_RIGHTS),
    PH("tutti i diritti riservati", PH_RIGHTS),
    PH("unter der lizenz", PH_RIGHTS),
    PH("uses cookies", PH_CTA),
    PH("utilise des cookies", PH_CTA),
    PH("utilizamos cookies", PH_CTA),
    PH("verwendet cookies", PH_CTA),
    PH("war der artikel", PH_CTA),
    PH("war dieser artikel", PH_CTA),
    PH("was this article helpful", PH_CTA),
    PH("we use cookies", PH_CTA),
    PH("we'd like to hear", PH_CTA),
    PH("werden sie mitglied", PH_CTA),
    PH("we’d like to hear", PH_CTA),
    PH("wszelkie prawa zastrzeżone", PH_RIGHTS),
    PH("zapisz się", PH_CTA),
    PH("©", PH_CREDIT),
    PH("únete", PH_CTA),
};
#define N_PHRASES (sizeof PHRASES / sizeof PHRASES[0])

/* The kind of the first phrase of PHRASES found in t (n bytes, lower
 * case, of `words` words), 0 if none. */
static int phrase_find(const char *t, size_t n, uint32_t words)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char prev = i ? (unsigned char)t[i - 1] : ' ', c = (unsigned char)t[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c == ' ' || (alnum && ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'))))
            continue;
        size_t lo = 0, hi = N_PHRASES; /* first phrase whose first byte is >= c */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if ((unsigned char)PHRASES[mid].s[0] < c)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < N_PHRASES && (unsigned char)PHRASES[k].s[0] == c; k++) {
            size_t len = PHRASES[k].len;
            if (len <= n - i && t[i + 1] == PHRASES[k].s[1] && !memcmp(t + i, PHRASES[k].s, len) &&
                (PHRASES[k].kind != PH_CREDIT || words <= 30))
                return PHRASES[k].kind;
        }
    }
    return 0;
}

int hl_phrases_sorted(void)
{
    for (size_t k = 1; k < N_PHRASES; k++)
        if (strcmp(PHRASES[k - 1].s, PHRASES[k].s) >= 0)
            return 0;
    return 1;
}

/* Lower-cases t into low (ASCII letters and the Latin-1 capitals À..Þ, so
 * that "Únete" and "ÜBER" match); 0 when too long to be a line. */
static size_t lower_copy(const char *t, size_t n, char *low)
{
    if (n >= HL_LINE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        else if (i && (unsigned char)t[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c += 0x20; /* second byte of U+00C0..U+00DE, × excepted */
        else if (c == 0xD0 && i + 1 < n && (unsigned char)t[i + 1] >= 0x90 &&
                 (unsigned char)t[i + 1] <= 0xAF) {
            /* Cyrillic А..Я: А..П → а..п (D0 B0..BF), Р..Я → р..я (D1 80..8F) */
            unsigned char d = (unsigned char)t[i + 1];
            low[i] = (char)(d < 0xA0 ? 0xD0 : 0xD1);
            low[i + 1] = (char)(d < 0xA0 ? d + 0x20 : d - 0x20);
            i++;
            continue;
        }
        low[i] = (char)c;
    }
    low[n] = 0;
    return n;
}

/* Past the marks that may open a pointer line: brackets, arrows, bullets,
 * dashes ("[Related: ...]", "» Lesen Sie auch", "▶ Leia mais"). */
static size_t skip_marks(const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        if (c == '[' || c == '(' || c == '>' || c == '-' || c == '*' || c == '|' || c == ' ')
            i++;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xBB) /* » */
            i += 2;
        else if (c == 0xE2 && i + 2 < n &&
                 ((unsigned char)t[i + 1] == 0x80 || (unsigned char)t[i + 1] == 0x86 ||
                  (unsigned char)t[i + 1] == 0x96)) /* dashes, bullets, arrows, triangles */
            i += 3;
        else
            break;
    }
    return i;
}

/* Openings of a line that points to other articles or sections. */
static const char *const TEASER_STARTS[] = {
    /* en */
    "read more", "read also", "also read", "see also", "related", "more on this", "more from",
    "you may also like", "you might also like", "recommended for you", "see more:", "don't miss",
    "don’t miss", "most read", "most popular", "latest news", "trending now", "what to read next",
    "keep reading", "more stories", "you may also be interested", "you might also be interested",
    "you may be interested",
    /* de */
    "lesen sie auch", "lesen sie hier", "lesen sie mehr", "lies auch", "auch interessant",
    "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "das interessiert sie vielleicht", "mehr zum thema", "mehr zu", "mehr themen", "mehr aus",
    "zum weiterlesen", "weiterlesen", "siehe auch", "verwandte themen", "verwandte artikel",
    "verwandte themenbereiche", "neueste artikel", "ähnliche artikel", "weitere artikel",
    "auch lesen", "schon gelesen", "meistgelesen",
    /* fr */
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également",
    "voir aussi", "à voir aussi", "sur le même sujet", "vous aimerez aussi",
    "vous aimerez peut-être", "les plus lus", "à découvrir aussi", "découvrez aussi",
    /* es */
    "lea también", "lea más", "lea:", "lee también", "lee más", "leer más", "le puede interesar",
    "te puede interesar", "también te puede interesar", "noticias relacionadas", "más noticias",
    "ver también", "lo más leído", "mira también",
    /* it */
    "leggi anche", "leggi pure", "potrebbe interessarti", "articoli correlati",
    /* pl */
    "czytaj też", "czytaj także", "czytaj więcej", "zobacz też", "zobacz także",
    "dowiedz się więcej", "przeczytaj też", "przeczytaj także", "polecamy",
    /* ru */
    "читайте также", "смотрите также", "похожие статьи", "популярные статьи", "самые популярные",
    "читать далее", "читать также",
    /* pt, nl */
    "leia também", "leia mais", "veja também", "lees ook", "lees meer", NULL};

static int teaser_low(const char *t, size_t n, uint32_t words)
{
    size_t k = skip_marks(t, n);
    return words < 25 && k < n && starts_any(t + k, n - k, TEASER_STARTS);
}

/* "Follow the Opinion section on Facebook, Twitter and Instagram", "Folge
 * mir auf Instagram": an invitation to follow, naming networks (two, or one
 * after "follow us / me"). "Follow these steps shared on Twitter" is not. */
static int follow_low(const char *t, size_t n, uint32_t words)
{
    static const char *const FOLLOW[] = {"follow",   "folgen sie", "folge", "suivez",
                                         "síguenos", "sigue",      "segui", NULL};
    static const char *const FOLLOW_US[] = {
        "follow us", "follow me",      "follow him",  "follow her", "folge mir",
        "folge uns", "folgen sie uns", "suivez-nous", "síguenos",   NULL};
    static const char *const NETWORKS[] = {"facebook", "twitter", "instagram", "linkedin",
                                           "youtube",  "tiktok",  NULL};
    if (words > 30 || !starts_any(t, n, FOLLOW))
        return 0;
    /* "Follow our full coverage of the election at https://..." */
    if (memmem(t, n, " at http", 8) || memmem(t, n, " at www.", 8))
        return 1;
    int nets = 0;
    for (const char *const *p = NETWORKS; *p; p++)
        nets += memmem(t, n, *p, strlen(*p)) != NULL;
    return nets >= 2 || (nets && starts_any(t, n, FOLLOW_US));
}

/* A gallery's counter alone on its line: "Image 1 of 5", "Foto 2 von 9",
 * "Slide 3/12". */
static int gallery_low(const char *t, size_t n, uint32_t words)
{
    static const char *const WHAT[] = {"image ", "photo ", "picture ", "slide ",
                                       "foto ",  "bild ",  "imagen ",  NULL};
    static const char *const OF[] = {" of ", " von ", " de ", " di ", " z ", "/", " / ", NULL};
    if (words > 5)
        return 0;
    size_t i = 0;
    for (const char *const *p = WHAT; *p && !i; p++)
        if (n > strlen(*p) && !memcmp(t, *p, strlen(*p)))
            i = strlen(*p);
    if (!i || i >= n || t[i] < '0' || t[i] > '9')
        return 0;
    while (i < n && t[i] >= '0' && t[i] <= '9')
        i++;
    size_t k = 0;
    for (const char *const *p = OF; *p && !k; p++)
        if (n - i > strlen(*p) && !memcmp(t + i, *p, strlen(*p)))
            k = strlen(*p);
    if (!k)
        return 0;
    i += k;
    if (i >= n || t[i] < '0' || t[i] > '9')
        return 0;
    while (i < n && t[i] >= '0' && t[i] <= '9')
        i++;
    return i == n;
}

/* "5 min read", "Lesezeit: 3 Minuten", "Tempo de leitura: 1 minuto": the
 * page's estimate of the reader's time, a few words at most. */
static int reading_time_low(const char *t, size_t n, uint32_t words)
{
    static const char *const READING[] = {"min read",          "minute read",
                                          "minutes read",      "reading time",
                                          "read time",         "lesezeit",
                                          "lesedauer",         "temps de lecture",
                                          "tiempo de lectura", "tempo de leitura",
                                          "tempo di lettura",  "czas czytania",
                                          "leestijd",          NULL};
    if (words > 8)
        return 0;
    for (const char *const *p = READING; *p; p++)
        if (memmem(t, n, *p, strlen(*p)))
            return 1;
    return 0;
}

/* Openings of a photo credit or a copyright line. */
static const char *const CREDIT_STARTS[] = {
    "©",       "(c) ",    "copyright", "foto:",    "fotos:",     "foto :",      "photo:",
    "photos:", "photo :", "bild:",     "bilder:",  "titelbild:", "symbolbild:", "image:",
    "images:", "credit:", "credits:",  "crédit",   "crédits",    "credito:",    "crédito:",
    "fuente:", "quelle:", "abbildung", "zdjęcie:", "fot.",       NULL};

static int credit_low(const char *t, size_t n, uint32_t words)
{
    return words <= 20 && starts_any(t, n, CREDIT_STARTS);
}

/* The reason a phrase gives, given the block's length in words. */
static const char *phrase_reason(int kind, uint32_t words)
{
    (void)words; /* phrase_find knows the limits */
    if (kind == PH_CREDIT || kind == PH_RIGHTS)
        return "credit line";
    return kind == PH_CTA ? "call to action" : NULL;
}

/* An ad marker alone on its line, or opening a sponsored line. */
static const char *const AD_WORDS[] = {"advertisement", "advert",     "anzeige",    "werbung",
                                       "publicité",     "publicidad", "pubblicità", "reklama",
                                       "sponsored",     "*werbung",   "promoted",   NULL};

static int ad_low(const char *t, size_t n, uint32_t words)
{
    if (words > 40 || !starts_any(t, n, AD_WORDS))
        return 0;
    if (words <= 2)
        return 1;
    /* "ANZEIGE - ...", "Werbung: ...", "*Werbung. ..." */
    for (const char *const *p = AD_WORDS; *p; p++) {
        size_t k = strlen(*p);
        if (n > k + 1 && !strncmp(t, *p, k)) {
            char c = t[k] == ' ' ? t[k + 1] : t[k];
            return c == '-' || c == ':' || c == '.' || c == '|';
        }
    }
    return 0;
}

/* A line that is only a date or a time stamp: few words, no sentence,
 * two numbers or more, one a year (19xx, 20xx) or a clock time (9:30).
 * The signature of an embedded post ("— Name (@name) May 3, 2019") is
 * the post's, not a date line. */
int hl_dateline(const char *t, size_t n, uint32_t words)
{
    if (words > 8 || n > 60 || memchr(t, '@', n) || memchr(t, '(', n) || t[0] == '-' ||
        !strncmp(t, "\xE2\x80\x94", n < 3 ? n : 3))
        return 0;
    char e = t[n - 1];
    if (e == '.' || e == '!' || e == '?')
        return 0;
    int numbers = 0;
    for (size_t i = 0; i < n; i++)
        numbers += t[i] >= '0' && t[i] <= '9' && (i == 0 || !(t[i - 1] >= '0' && t[i - 1] <= '9'));
    int alpha = 0;
    for (size_t i = 0; i < n; i++)
        alpha += ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z') && (i == 0 || t[i - 1] == ' ');
    if (numbers < 2 || alpha > 5)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char c = (unsigned char)t[i];
        int before = i == 0 || !(t[i - 1] >= '0' && t[i - 1] <= '9');
        if (before && i + 4 <= n &&
            ((c == '1' && t[i + 1] == '9') || (c == '2' && t[i + 1] == '0')) && t[i + 2] >= '0' &&
            t[i + 2] <= '9' && t[i + 3] >= '0' && t[i + 3] <= '9' &&
            (i + 4 == n || !(t[i + 4] >= '0' && t[i + 4] <= '9')))
            return 1;
        if (c >= '0' && c <= '9' && t[i + 1] == ':' && i + 3 < n && t[i + 2] >= '0' &&
            t[i + 2] <= '5' && t[i + 3] >= '0' && t[i + 3] <= '9')
            return 1;
    }
    return 0;
}

/* The public tests: each lower-cases a copy of the block first. */
int hl_teaser(const char *t, size_t n, uint32_t words)
{
    char low[HL_LINE_MAX];
    return words <= 40 && lower_copy(t, n, low) && teaser_low(low, n, words);
}

int hl_ad_marker(const char *t, size_t n, uint32_t words)
{
    char low[HL_LINE_MAX];
    return words <= 40 && lower_copy(t, n, low) && ad_low(low, n, words);
}

int hl_credit(const char *t, size_t n, uint32_t words)
{
    char low[HL_LINE_MAX];
    if (words > 40 || !lower_copy(t, n, low))
        return 0;
    const char *why = phrase_reason(phrase_find(low, n, words), words);
    return credit_low(low, n, words) || (why && !strcmp(why, "credit line"));
}

int hl_call_to_action(const char *t, size_t n, uint32_t words)
{
    char low[HL_LINE_MAX];
    return words <= 40 && lower_copy(t, n, low) && phrase_find(low, n, words) == PH_CTA;
}

/* A news photo's caption in the wire services' style: "In this Dec. 12,
 * 2006, file photo, ...", "In this image made from video, ...", "This
 * undated photo provided by ... shows ...": the photo word comes within
 * the first words (8 after "in this", 4 after "this"). Up to 80 words. */
static int photo_caption(const char *t, size_t n, uint32_t words)
{
    static const char *const PHOTO[] = {"photo",   "photos",  "photograph", "image",
                                        "picture", "handout", NULL};
    static const char *const CLAUSE[] = {"the", "a",    "an",  "i",   "we",  "he",    "she",
                                         "it",  "they", "our", "his", "her", "their", NULL};
    char low[160];
    size_t m = n < sizeof low ? n : sizeof low - 1;
    if (words > 80 || words < 5 || !n || ((t[0] | 0x20) != 'i' && (t[0] | 0x20) != 't') ||
        !lower_copy(t, m, low))
        return 0;
    size_t i, limit;
    if (m > 8 && !memcmp(low, "in this ", 8))
        i = 8, limit = 8;
    else if (m > 5 && !memcmp(low, "this ", 5))
        i = 5, limit = 4;
    else
        return 0;
    for (size_t w = 0; w < limit && i < m; w++) {
        size_t j = i;
        while (j < m && low[j] != ' ' && low[j] != ',')
            j++;
        for (const char *const *p = PHOTO; *p; p++)
            if (j - i == strlen(*p) && !memcmp(low + i, *p, j - i))
                return 1;
        /* "In this town, the photo shop ...": a new clause, not a caption */
        for (const char *const *p = CLAUSE; *p; p++)
            if (j - i == strlen(*p) && !memcmp(low + i, *p, j - i))
                return 0;
        while (j < m && (low[j] == ' ' || low[j] == ','))
            j++;
        i = j;
    }
    return 0;
}

const char *hl_boilerplate(const char *t, size_t n, uint32_t words)
{
    if (photo_caption(t, n, words))
        return "photo caption";
    if (words > 40 || n >= HL_LINE_MAX) /* a paragraph of its own: none applies */
        return NULL;
    if (hl_dateline(t, n, words))
        return "date line";
    char low[HL_LINE_MAX];
    lower_copy(t, n, low);
    if (teaser_low(low, n, words))
        return "teaser line";
    if (credit_low(low, n, words))
        return "credit line";
    if (ad_low(low, n, words))
        return "ad marker";
    if (follow_low(low, n, words))
        return "call to action";
    if (reading_time_low(low, n, words))
        return "reading time";
    if (gallery_low(low, n, words))
        return "gallery counter";
    return phrase_reason(phrase_find(low, n, words), words);
}
