/*
 * lang.c — language identification.
 *
 * Fast path: read the words of the first ~2 KB (at most LANG_MAX_WORDS),
 * look each up once in the merged stopword set (one mask of languages per
 * word) and score every language by the share of words that are its
 * stopwords. Running text is 30–50 % stopwords in its own language and far
 * less in any other, so a clear winner is decided there. When the winner is
 * not clear (related languages, a language without a stopword list, odd
 * text), libexttextcat's n-gram classifier looks at the first ~1 KB; its
 * category names ("fr--utf8", "zh-CN-utf8") are mapped to ISO 639-1 codes.
 * Every code returned is a static string.
 * The classifier is loaded on first need and kept in the context.
 */
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <utf8proc.h>

#include "text_res.h"

#define LANG_SCAN_BYTES 2000
#define LANG_MAX_WORDS 160
#define LANG_EARLY_WORDS 60
#define LANG_TEXTCAT_BYTES 1024
#define LANG_MIN_WORDS 3
#define LANG_WORD_MAX 40
#define TEXTCAT_DIR "/usr/share/libexttextcat/"

void text_textcat_free(text_res *r)
{
    if (r->textcat)
        textcat_Done(r->textcat);
    r->textcat = NULL;
}

/* Largest cut ≤ max that does not split a UTF-8 sequence. */
static size_t lang_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* Writes to w the lowercase of the code point at p (len bytes) and returns
 * its length; only the cases that matter for stopwords: ASCII, Latin-1,
 * basic Cyrillic; typographic apostrophes become '. */
static size_t lang_lower(const unsigned char *p, size_t len, char *w)
{
    if (len == 1) {
        w[0] = (char)(p[0] >= 'A' && p[0] <= 'Z' ? p[0] + 32 : p[0]);
        return 1;
    }
    if (len == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x99 || p[2] == 0x98)) {
        w[0] = '\''; /* ’ ‘ */
        return 1;
    }
    unsigned char a = p[0], b = len > 1 ? p[1] : 0;
    if (len == 2 && a == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
        b += 0x20; /* À..Þ */
    else if (len == 2 && a == 0xD0 && b >= 0x90 && b <= 0x9F)
        b += 0x20; /* А..П */
    else if (len == 2 && a == 0xD0 && b >= 0xA0 && b <= 0xAF)
        a = 0xD1, b -= 0x20; /* Р..Я */
    else if (len == 2 && a == 0xD0 && b >= 0x80 && b <= 0x8F)
        a = 0xD1, b += 0x10; /* Ѐ..Џ */
    memcpy(w, p, len);
    w[0] = (char)a;
    if (len > 1)
        w[1] = (char)b;
    return len;
}

/* Is the code point at s[i] part of a word for language scoring? */
static int lang_wordchar(const char *s, size_t n, size_t i, size_t *len, int *apos)
{
    unsigned char c = (unsigned char)s[i];
    *apos = 0;
    if (c < 0x80) {
        *len = 1;
        if (c == '\'') {
            *apos = 1;
            return 1;
        }
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    int32_t cp;
    *len = utf8_next(s, n, i, &cp);
    if (cp == 0x2019 || cp == 0x2018) {
        *apos = 1;
        return 1;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

/* Per language: cnt, the words that are its stopwords; excl, the same
 * words weighted 1/k when they are stopwords of k languages, so that "de",
 * "la", "en" (fr, es, pt, ...) weigh little and "los", "der", "the" much. */
typedef struct lang_score {
    unsigned cnt[32];
    float excl[32];
    unsigned words;
    unsigned best, second; /* by excl, after lang_rank */
} lang_score;

static void lang_count(lang_score *sc, const char *w, size_t len, size_t apos_at)
{
    sc->words++;
    if (len > LANG_WORD_MAX)
        return;
    uint32_t m = stopword_mask(w, len);
    if (!m && apos_at)
        m = stopword_mask(w, apos_at); /* elided article or pronoun: l', dell' */
    float wgt = 1.0f / (float)__builtin_popcount(m ? m : 1);
    for (unsigned b = 0; m; b++, m >>= 1) {
        if (m & 1) {
            sc->cnt[b]++;
            sc->excl[b] += wgt;
        }
    }
}

static void lang_rank(lang_score *sc)
{
    unsigned best = 0, second = 1;
    if (sc->excl[1] > sc->excl[0])
        best = 1, second = 0;
    for (unsigned i = 2; i < 32; i++) {
        if (sc->excl[i] > sc->excl[best])
            second = best, best = i;
        else if (sc->excl[i] > sc->excl[second])
            second = i;
    }
    sc->best = best;
    sc->second = second;
}

/* A clear winner: ≥ min_share % of the words are its stopwords and its
 * weighted score is ratio× the runner-up's and at least 1.5 ahead. */
static int lang_clear(lang_score *sc, unsigned min_share, float ratio)
{
    lang_rank(sc);
    float b = sc->excl[sc->best], s2 = sc->excl[sc->second];
    return sc->cnt[sc->best] * 100 >= sc->words * min_share && b >= s2 * ratio && b >= s2 + 1.5f;
}

/* After LANG_EARLY_WORDS words, a language well ahead is certain: the rest
 * of the scan is skipped. */
static int lang_settled(lang_score *sc)
{
    return lang_clear(sc, 25, 2.5f);
}

static void lang_scan(lang_score *sc, const char *s, size_t n)
{
    char w[LANG_WORD_MAX + 8];
    size_t i = 0;
    while (i < n && sc->words < LANG_MAX_WORDS) {
        if (sc->words >= LANG_EARLY_WORDS && sc->words % 20 == 0 && lang_settled(sc))
            return;
        size_t len;
        int apos;
        if (!lang_wordchar(s, n, i, &len, &apos) || apos) {
            i += len;
            continue;
        }
        size_t wl = 0, apos_at = 0;
        while (i < n && lang_wordchar(s, n, i, &len, &apos)) {
            if (apos && !apos_at && wl)
                apos_at = wl;
            if (wl + len <= LANG_WORD_MAX)
                wl += lang_lower((const unsigned char *)s + i, len, w + wl);
            else
                wl = LANG_WORD_MAX + 1; /* too long to be a stopword */
            i += len;
        }
        while (wl && wl <= LANG_WORD_MAX && w[wl - 1] == '\'')
            wl--; /* trailing apostrophe: a quote, not a letter */
        if (apos_at >= wl)
            apos_at = 0;
        lang_count(sc, w, wl, apos_at);
    }
}

/* ISO 639-1, so that lang_detect can return static strings. */
static const char lang_iso639_1[][3] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"};

/* ISO 639-1 code (static) from an exttextcat category name ("fr--utf8",
 * "zh-CN-utf8"), or NULL for the categories that have none. */
static const char *lang_from_textcat(const char *name)
{
    size_t k = 0;
    while (name[k] && name[k] != '-' && name[k] != ']')
        k++;
    if (k != 2)
        return NULL;
    if (name[0] == 'n' && (name[1] == 'b' || name[1] == 'n'))
        return "no"; /* Bokmål, Nynorsk: our Norwegian */
    if (name[0] == 's' && name[1] == 'h')
        return "sr"; /* Serbo-Croatian (Latin) */
    for (size_t i = 0; i < sizeof lang_iso639_1 / sizeof lang_iso639_1[0]; i++)
        if (lang_iso639_1[i][0] == name[0] && lang_iso639_1[i][1] == name[1])
            return lang_iso639_1[i];
    return NULL;
}

/* exttextcat's answer on the first ~1 KB: its candidates, best first, as
 * "[fr--utf8][it--utf8]...", or NULL ("UNKNOWN", "SHORT", no classifier). */
static const char *lang_textcat(sl_ctx *ctx, const char *s, size_t n)
{
    text_res *r = text_res_of(ctx);
    if (!r->textcat && !r->textcat_tried) {
        r->textcat_tried = true;
        r->textcat = special_textcat_Init(TEXTCAT_DIR "fpdb.conf", TEXTCAT_DIR);
    }
    if (!r->textcat)
        return NULL;
    const char *res = textcat_Classify(r->textcat, s, lang_cut(s, n, LANG_TEXTCAT_BYTES));
    return res && res[0] == '[' ? res : NULL;
}

/* The language to answer from exttextcat's candidates: the stopword
 * favourite when exttextcat lists it too (it hesitates between close
 * languages, the stopwords do not), else its first candidate. */
static const char *lang_pick(const char *cands, const char *favourite)
{
    const char *first = NULL;
    for (const char *p = cands; (p = strchr(p, '[')); p++) {
        const char *code = lang_from_textcat(p + 1);
        if (!first)
            first = code;
        if (code && favourite && !strcmp(code, favourite))
            return code;
    }
    return first;
}

const char *lang_detect(sl_ctx *ctx, const char *text, size_t n)
{
    if (!text || !n)
        return "und";
    size_t lim = lang_cut(text, n, LANG_SCAN_BYTES);
    lang_score sc;
    memset(&sc, 0, sizeof sc);
    lang_scan(&sc, text, lim);
    if (sc.words < LANG_MIN_WORDS)
        return "und";
    if (lang_clear(&sc, 15, 1.5f))
        return stopword_lang(sc.best);
    int favoured = sc.cnt[sc.best] >= 2 && sc.excl[sc.best] > sc.excl[sc.second];
    const char *fav = favoured ? stopword_lang(sc.best) : NULL;
    const char *cands = sc.words >= 5 ? lang_textcat(ctx, text, lim) : NULL;
    const char *pick = cands ? lang_pick(cands, fav) : NULL;
    if (pick)
        return pick;
    return fav && sc.excl[sc.best] >= 2 ? fav : "und";
}
