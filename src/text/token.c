/*
 * token.c — the tokenizer: words, numbers in their national forms, percents,
 * ordinals, dates, times, and the punctuation the sentence splitter needs.
 *
 * One left-to-right pass. ASCII is classified by a table; other code points
 * by utf8proc's general category. A token starting with a digit goes to the
 * number reader (dates and times first, then thousands groups, decimals,
 * percent, ordinal suffix); a token starting with a letter goes to the word
 * reader, which keeps hyphenated compounds whole (Jean-Pierre, COVID-19),
 * splits elisions the way a reader of the language would (fr l'|armée,
 * jusqu'|à but aujourd'hui whole; it dell'|anno) and, in French, detaches
 * inverted subject pronouns (dit-il → dit | il, a-t-on → a | on).
 *
 * Numbers, per language (see tests/cases/README.md for the full list):
 *   - a group separator joins a 1–3 digit head to groups of exactly 3
 *     digits: space, no-break spaces (U+00A0, U+202F, U+2009, U+2007), the
 *     Swiss apostrophe (' and ’), the dot in every language, the comma only
 *     where it is not the decimal mark (en and unknown languages);
 *   - a 4-digit head never starts groups ("en 2017 1 500" is two numbers),
 *     nor does a lone 0 ("0.500" is a decimal);
 *   - in English "1.500" therefore reads 1500, the common news reading of a
 *     3-digit group after one dot; "3.5" and "1.5000" are decimals;
 *   - the decimal mark is the comma in comma-decimal languages (fr, de, es,
 *     it, pt, nl, ...; also accepted for unknown languages), the dot in every
 *     language; in English "3,5" is two numbers.
 * Commas, dashes, slashes and symbols make no token.
 *
 * Words are cached per language by their surface bytes (norm, stem, flags),
 * so a word seen before costs one hash lookup and one copy of its norm into
 * the arena.
 */
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#include "text_res.h"

/* ------------------------------------------------------------------ classes */

enum {
    CH_OTHER = 0, /* punctuation, symbols */
    CH_SPACE,     /* separators, controls */
    CH_LOWER,
    CH_UPPER,
    CH_LETTER,  /* caseless letters */
    CH_MARK,    /* combining marks: inside words only */
    CH_IGN,     /* format characters (soft hyphen, joiners): inside words only */
    CH_DIGIT,   /* decimal digit with a known value */
    CH_NUMCHAR, /* other numeric characters (², ½): word characters */
};

#define CH_IS_LETTER(c) ((c) >= CH_LOWER && (c) <= CH_LETTER)
#define CH_IS_WORD(c) ((c) >= CH_LOWER)
#define CH_IS_ALNUM(c) (CH_IS_LETTER(c) || (c) == CH_DIGIT || (c) == CH_NUMCHAR)

static const uint8_t tk_ascii[128] = {
    [0 ... 31] = CH_SPACE,    [' '] = CH_SPACE,         [127] = CH_SPACE,
    ['0' ... '9'] = CH_DIGIT, ['a' ... 'z'] = CH_LOWER, ['A' ... 'Z'] = CH_UPPER,
};

/* Value of a decimal digit code point, -1 if not one we read. */
static int tk_digit_value(int32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return cp - '0';
    if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width */
        return cp - 0xFF10;
    if (cp >= 0x0660 && cp <= 0x0669) /* Arabic-Indic */
        return cp - 0x0660;
    if (cp >= 0x06F0 && cp <= 0x06F9) /* Eastern Arabic-Indic */
        return cp - 0x06F0;
    if (cp >= 0x0966 && cp <= 0x096F) /* Devanagari */
        return cp - 0x0966;
    return -1;
}

static int tk_class_slow(int32_t cp);

/* Classes of U+0080..U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic), built
 * once per process and read-only afterwards. */
static uint8_t tk_cls2[0x800];
static pthread_once_t tk_cls2_once = PTHREAD_ONCE_INIT;

static void tk_cls2_build(void)
{
    for (int32_t cp = 0x80; cp < 0x800; cp++)
        tk_cls2[cp] = (uint8_t)tk_class_slow(cp);
}

static inline int tk_class_cp(int32_t cp)
{
    if (cp < 0x800)
        return tk_cls2[cp];
    return tk_class_slow(cp);
}

static int tk_class_slow(int32_t cp)
{
    if (cp == 0x200B || cp == 0xFEFF)
        return CH_SPACE; /* zero-width space, BOM */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return CH_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return CH_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return CH_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CH_MARK;
    case UTF8PROC_CATEGORY_ND:
        return tk_digit_value(cp) >= 0 ? CH_DIGIT : CH_NUMCHAR;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CH_NUMCHAR;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return CH_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return CH_IGN;
    default:
        return CH_OTHER;
    }
}

/* Class of the code point at s[i]; *cp and *len receive it. */
static inline int tk_class(const char *s, size_t n, size_t i, int32_t *cp, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        *len = 1;
        return tk_ascii[c];
    }
    if (c >= 0xC2 && c < 0xE0 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
        *cp = (int32_t)((c & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu));
        *len = 2;
        return tk_cls2[*cp]; /* the common non-ASCII case, decoded inline */
    }
    *len = utf8_next(s, n, i, cp);
    return tk_class_cp(*cp);
}

static inline int tk_class_at(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return CH_SPACE;
    int32_t cp;
    size_t len;
    return tk_class(s, n, i, &cp, &len);
}

static int tk_is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}
static int tk_is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* ------------------------------------------------------------ language rules */

typedef struct tk_lang {
    uint8_t comma_decimal;       /* ',' is a decimal mark */
    uint8_t comma_group;         /* ',' groups thousands */
    uint8_t month_first;         /* 10/24/2017 */
    uint8_t clitics;             /* dit-il → dit | il */
    uint8_t dot_ordinal;         /* 3. Oktober */
    uint8_t roman;               /* XXIe siècle */
    const char *const *elisions; /* lowercase prefixes split off before an apostrophe */
    const char *const *ordinals; /* folded suffixes after digits */
} tk_lang;

static const char *const elide_fr[] = {"l", "d",  "j",     "m",      "n",      "s",      "t",
                                       "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", NULL};
static const char *const elide_it[] = {"l",    "d",     "c",     "m",    "t",    "s",    "v",
                                       "n",    "un",    "dell",  "all",  "dall", "nell", "sull",
                                       "coll", "quell", "quest", "bell", "sant", "tutt", "senz",
                                       "com",  "dov",   "anch",  "cos",  NULL};
static const char *const elide_ca[] = {"l", "d", "s", "n", "m", "t", NULL};
static const char *const ord_fr[] = {"e",  "er",  "re",  "ère",  "ème",  "eme",
                                     "es", "ers", "res", "ères", "èmes", "emes",
                                     "nd", "nde", "nds", "ndes", NULL};
static const char *const ord_en[] = {"st", "nd", "rd", "th", NULL};
static const char *const ord_es[] = {"er", "ra", "ro", "do", "da", "to", "ta",
                                     "vo", "va", "mo", "ma", "no", "na", NULL};
static const char *const ord_nl[] = {"e", "de", "ste", NULL};
static const char *const ord_ca[] = {"r", "n", "t", "è", "a", NULL};
static const char *const ord_und[] = {"st", "nd", "rd", "th", "e", "er", "re", "ère", "ème", NULL};

/* Languages writing 1,500.5 like English (comma groups, no comma decimal). */
static const char *const tk_dot_decimal_langs[] = {"en", "zh", "ja", "ko", "he", "hi", "th",
                                                   "ga", "ms", "tl", "ur", "bn", "ta", NULL};

static void tk_lang_of(const char *lang, tk_lang *lp)
{
    memset(lp, 0, sizeof *lp);
    char c[3] = {0};
    if (lang && lang[0] && lang[1] && (!lang[2] || lang[2] == '-' || lang[2] == '_')) {
        c[0] = (char)(lang[0] | 0x20);
        c[1] = (char)(lang[1] | 0x20);
    }
    if (!c[0]) { /* unknown: accept both readings where they do not clash */
        lp->comma_decimal = lp->comma_group = 1;
        lp->ordinals = ord_und;
        return;
    }
    lp->comma_decimal = 1;
    for (const char *const *d = tk_dot_decimal_langs; *d; d++)
        if (!strcmp(*d, c))
            lp->comma_decimal = 0, lp->comma_group = 1;
    if (!strcmp(c, "en"))
        lp->month_first = 1, lp->ordinals = ord_en;
    else if (!strcmp(c, "fr"))
        lp->elisions = elide_fr, lp->ordinals = ord_fr, lp->clitics = 1, lp->roman = 1;
    else if (!strcmp(c, "it"))
        lp->elisions = elide_it;
    else if (!strcmp(c, "ca"))
        lp->elisions = elide_ca, lp->ordinals = ord_ca;
    else if (!strcmp(c, "es") || !strcmp(c, "pt") || !strcmp(c, "gl"))
        lp->ordinals = ord_es;
    else if (!strcmp(c, "nl"))
        lp->ordinals = ord_nl;
    else if (!strcmp(c, "de"))
        lp->dot_ordinal = 1;
}

/* ------------------------------------------------------------ the tokenizer */

#define TK_WORD_MAX 64 /* longer words bypass the caches */

typedef struct tk {
    sl_ctx *ctx;
    text_res *r;
    lang_slot *slot;
    tk_lang lp;
    sl_arena *a;
    const char *s;
    size_t n;
    sl_token *v;
    size_t len, cap;
    char *ncur; /* bump space for norms in the arena */
    size_t nleft;
} tk;

static inline sl_token *tk_push(tk *t, size_t start, size_t end, int kind, unsigned flags)
{
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        t->v = arena_grow(t->a, t->v, t->len, cap, sizeof *t->v);
        t->cap = cap;
    }
    sl_token *k = &t->v[t->len++];
    k->start = (uint32_t)start;
    k->end = (uint32_t)end;
    k->kind = (uint8_t)kind;
    k->flags = (uint8_t)flags;
    k->norm = k->stem = "";
    k->value = 0;
    return k;
}

/* Norms of word and number tokens all live in these chunks; each chunk
 * keeps TK_NORM_SLACK readable bytes past its end, so that a norm can be
 * read 8 bytes at a time up to its NUL (the content hash in article.c). */
#define TK_NORM_SLACK 8

static const char *tk_norm_copy(tk *t, const char *s, size_t n)
{
    if (n + 1 > t->nleft) {
        size_t want = n + 1 > 4096 ? n + 1 : 4096;
        t->ncur = arena_alloc(t->a, want + TK_NORM_SLACK);
        t->nleft = want;
    }
    char *p = t->ncur;
    memcpy(p, s, n);
    p[n] = 0;
    t->ncur += n + 1;
    t->nleft -= n + 1;
    return p;
}

/* Non-word token: norm is the folded text, stem the same string. */
static sl_token *tk_emit_plain(tk *t, size_t start, size_t end, int kind, double value)
{
    const char *f;
    size_t fl = text_fold_scratch(t->r, t->s + start, end - start, &f);
    sl_token *k = tk_push(t, start, end, kind, 0);
    k->norm = k->stem = tk_norm_copy(t, f, fl);
    k->value = value;
    return k;
}

/* Rewrites typographic apostrophes (’ ʼ) as ' and the Unicode hyphen
 * (U+2010, also what NFKC makes of U+2011) as - in place; returns the
 * length. */
static size_t tk_apos_ascii(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x90)) {
            s[o++] = (unsigned char)s[i + 2] == 0x99 ? '\'' : '-';
            i += 2;
        } else if ((unsigned char)s[i] == 0xCA && i + 1 < n && (unsigned char)s[i + 1] == 0xBC) {
            s[o++] = '\'';
            i += 1;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

/* SL_TOKF_CAP / SL_TOKF_ALLCAPS from the letters of w. */
static unsigned tk_case_flags(const char *w, size_t n)
{
    unsigned upper = 0, lower = 0, first = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t len;
        int c = tk_class(w, n, i, &cp, &len);
        i += len;
        if (c == CH_UPPER || c == CH_LOWER || c == CH_LETTER) {
            if (!first)
                first = (unsigned)c;
            upper += c == CH_UPPER;
            lower += c == CH_LOWER;
        }
    }
    unsigned f = first == CH_UPPER ? SL_TOKF_CAP : 0;
    if (upper >= 2 && lower == 0)
        f |= SL_TOKF_ALLCAPS;
    return f;
}

/* Value of an uppercase Roman numeral, 0 if s is not one. */
static int tk_roman_value(const char *s, size_t n)
{
    static const int val[26] = {
        ['I' - 'A'] = 1, ['V' - 'A'] = 5, ['X' - 'A'] = 10, ['L' - 'A'] = 50, ['C' - 'A'] = 100};
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z' || !val[s[i] - 'A'])
            return 0;
        int v = val[s[i] - 'A'];
        int next = i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z' ? val[s[i + 1] - 'A'] : 0;
        total += next > v ? -v : v;
    }
    return total > 0 ? total : 0;
}

/* French Roman ordinal (XXIe, Ier, IIIème): its value, or 0. A lone L or C
 * is refused ("Le", "Ce" are words). */
static int tk_roman_ordinal(const char *w, size_t n)
{
    static const char *const sfx[] = {"e", "er", "re", "\xC3\xA8me", "eme", NULL};
    size_t k = 0;
    while (k < n && strchr("IVXLC", w[k]) && w[k])
        k++;
    if (k == 0 || k == n || (k == 1 && (w[0] == 'L' || w[0] == 'C')))
        return 0;
    for (const char *const *p = sfx; *p; p++)
        if (!strncmp(*p, w + k, n - k) && (*p)[n - k] == 0)
            return tk_roman_value(w, k);
    return 0;
}

static int tk_has_byte(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (strchr(set, s[i]) && s[i])
            return 1;
    return 0;
}

/* Computes what a word surface gives in this language and caches it. NULL
 * when it cannot be cached: then the token was emitted here already. */
static const wrec *tk_learn(tk *t, size_t start, size_t end, uint64_t h, unsigned extra)
{
    const char *w = t->s + start;
    size_t n = end - start;
    const char *f;
    size_t fl = text_fold_scratch(t->r, w, n, &f);
    fl = tk_apos_ascii((char *)f, fl); /* the scratch buffer is ours to edit */
    unsigned flags = extra | tk_case_flags(w, n);
    int kind = SL_TOK_WORD;
    const char *stem = NULL; /* NULL: the norm is the stem */
    if (extra & SL_TOKF_ELIDED) {
        flags |= SL_TOKF_STOP;
    } else if (t->lp.roman && tk_roman_ordinal(w, n)) {
        kind = SL_TOK_ORDINAL;
    } else {
        if (t->slot->stop_bit && (stopword_mask(f, fl) & t->slot->stop_bit))
            flags |= SL_TOKF_STOP;
        /* codes (4g, covid-19) and dotted abbreviations have no stem, so
         * their endless variety is never interned */
        if (!tk_has_byte(f, fl, ".0123456789"))
            stem = stem_slot(t->r, t->slot, f, fl);
    }
    /* stem_slot and interning do not touch the fold scratch: f is intact */
    wrec *r = wcache_add(&t->slot->words, h, w, n, f, fl);
    if (r) {
        r->stem = stem;
        r->aux = (uint16_t)(flags | (unsigned)kind << 8);
        return r;
    }
    sl_token *k = tk_push(t, start, end, kind, flags);
    k->norm = tk_norm_copy(t, f, fl);
    k->stem = stem ? stem : k->norm;
    if (kind == SL_TOK_ORDINAL)
        k->value = tk_roman_ordinal(w, n);
    return NULL;
}

/* A word too long to be a word (a run of letters, a glued URL): not cached,
 * not stemmed, nothing kept in the context. */
static void tk_emit_long_word(tk *t, size_t start, size_t end, unsigned extra)
{
    const char *f;
    size_t fl = text_fold_scratch(t->r, t->s + start, end - start, &f);
    fl = tk_apos_ascii((char *)f, fl);
    unsigned flags = extra | tk_case_flags(t->s + start, end - start);
    sl_token *k = tk_push(t, start, end, SL_TOK_WORD, flags);
    k->norm = k->stem = tk_norm_copy(t, f, fl);
}

/* Runs once per word: inlined into its callers (the call was a tenth of it). */
static inline __attribute__((always_inline)) void tk_emit_word(tk *t, size_t start, size_t end,
                                                               unsigned extra)
{
    const char *w = t->s + start;
    size_t n = end - start;
    if (n > TK_WORD_MAX) {
        tk_emit_long_word(t, start, end, extra);
        return;
    }
    uint64_t h = strtab_hash(w, n);
    const wrec *r = wcache_find(&t->slot->words, h, w, n);
    if (!r && !(r = tk_learn(t, start, end, h, extra)))
        return;
    sl_token *k = tk_push(t, start, end, r->aux >> 8, r->aux & 0xFF);
    if (r->nlen <= WREC_SLACK && t->nleft > WREC_SLACK) {
        /* the usual short norm: one fixed-size move (the record's pool
         * keeps WREC_SLACK bytes readable past it) */
        char *p = t->ncur;
        memcpy(p, r->bytes + r->klen, WREC_SLACK);
        p[r->nlen] = 0;
        t->ncur += r->nlen + 1;
        t->nleft -= r->nlen + 1;
        k->norm = p;
    } else {
        k->norm = tk_norm_copy(t, r->bytes + r->klen, r->nlen);
    }
    k->stem = r->stem ? r->stem : k->norm;
    if (k->kind == SL_TOK_ORDINAL)
        k->value = tk_roman_ordinal(w, n);
}

/* ------------------------------------------------------------------ words */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* How many of the 8 bytes at p, from the first, are ASCII letters or
 * digits (the ASCII word characters): byte-wise range tests in one 64-bit
 * word, high bits cleared first so that no sum carries into the next byte. */
static inline unsigned tk_alnum8(const char *p)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t v;
    memcpy(&v, p, 8);
    uint64_t lx = (v | ones * 0x20) & ~high, lv = v & ~high;
    uint64_t letter = (lx + ones * (0x80 - 'a')) & ~(lx + ones * (0x7F - 'z'));
    uint64_t digit = (lv + ones * (0x80 - '0')) & ~(lv + ones * (0x7F - '9'));
    uint64_t stop = ~((letter | digit) & ~v) & high;
    return stop ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}
#define TK_SWAR 1
#endif

static size_t tk_skip_word_chars(const tk *t, size_t p)
{
#ifdef TK_SWAR
    while (p + 8 <= t->n) {
        unsigned run = tk_alnum8(t->s + p);
        p += run;
        if (run < 8)
            break;
    }
#endif
    while (p < t->n) {
        unsigned char c = (unsigned char)t->s[p];
        if (c < 0x80) {
            if (tk_ascii[c] < CH_LOWER)
                return p;
            p++;
            continue;
        }
        int32_t cp;
        size_t len;
        if (!CH_IS_WORD(tk_class(t->s, t->n, p, &cp, &len)))
            return p;
        p += len;
    }
    return p;
}

static int tk_in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (!strncmp(*list, w, n) && (*list)[n] == 0)
            return 1;
    return 0;
}

/* Is s[0..n) (the letters before an apostrophe) an elided word? */
static int tk_is_elision(const tk_lang *lp, const char *s, size_t n)
{
    char low[8];
    if (!lp->elisions || n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return 0;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return tk_in_list(lp->elisions, low, n);
}

/* Dotted abbreviation of 1–2 letter parts (U.S., e.g., z.B., EE.UU.):
 * its end, or 0. */
static size_t tk_acronym(const tk *t, size_t i)
{
    const unsigned char *u = (const unsigned char *)t->s + i;
    size_t left = t->n - i;
    if (left < 4)
        return 0;
    if (u[0] < 0x80 && u[1] < 0x80 && u[2] < 0x80 && u[1] != '.' && u[2] != '.')
        return 0; /* the common case: no dot after one or two ASCII letters */
    size_t p = i;
    int parts = 0;
    for (;;) {
        size_t q = p, letters = 0;
        while (q < t->n && letters < 3) {
            int32_t cp;
            size_t len;
            if (!CH_IS_LETTER(tk_class(t->s, t->n, q, &cp, &len)))
                break;
            q += len;
            letters++;
        }
        if (letters == 0 || letters > 2 || q >= t->n || t->s[q] != '.')
            break;
        p = q + 1;
        parts++;
    }
    if (parts < 2 || CH_IS_ALNUM(tk_class_at(t->s, t->n, p)))
        return 0;
    return p;
}

/* French inverted subject pronoun after the last hyphen of [start, end):
 * emits head and pronoun and returns 1, or returns 0. */
static int tk_clitic_split(tk *t, size_t start, size_t end)
{
    static const char *const pron[] = {"il", "elle", "ils",  "elles", "on", "je",
                                       "tu", "ce",   "nous", "vous",  NULL};
    const char *s = t->s;
    size_t h = end;
    while (h > start && s[h - 1] != '-')
        h--;
    if (h <= start + 1)
        return 0;
    size_t seg = h, sl = end - seg;
    char low[8];
    if (sl >= sizeof low)
        return 0;
    for (size_t i = 0; i < sl; i++)
        low[i] = (char)((unsigned char)s[seg + i] | 0x20);
    if (!tk_in_list(pron, low, sl))
        return 0;
    size_t head_end = h - 1; /* the hyphen */
    if (head_end >= start + 3 && (s[head_end - 1] | 0x20) == 't' && s[head_end - 2] == '-')
        head_end -= 2; /* euphonic -t- */
    if (head_end - start == 6 && !memcmp(s + start, "rendez", 6))
        return 0; /* rendez-vous */
    unsigned hf = memchr(s + start, '-', head_end - start) ? SL_TOKF_HYPHEN : 0;
    tk_emit_word(t, start, head_end, hf);
    tk_emit_word(t, seg, end, 0);
    return 1;
}

static size_t tk_word(tk *t, size_t i)
{
    size_t start = i, p = i;
    int hyph = 0;
    const unsigned char *u = (const unsigned char *)t->s + i;
    /* the common case, tested here without a call: no dot after one or two
     * ASCII letters, so no dotted abbreviation */
    bool plain = t->n - i >= 4 && u[0] < 0x80 && u[1] < 0x80 && u[2] < 0x80 && u[1] != '.' &&
                 u[2] != '.';
    size_t acro = plain ? 0 : tk_acronym(t, i);
    if (acro) {
        tk_emit_word(t, start, acro, 0);
        return acro;
    }
    for (;;) {
        p = tk_skip_word_chars(t, p);
        if (p >= t->n)
            break;
        unsigned char stop = (unsigned char)t->s[p];
        if (stop < 0x80 && stop != '-' && stop != '\'')
            break; /* the usual end: ASCII space or punctuation */
        int32_t cp;
        size_t l = utf8_next(t->s, t->n, p, &cp);
        if (tk_is_hyphen(cp) && CH_IS_ALNUM(tk_class_at(t->s, t->n, p + l))) {
            hyph = 1;
            p += l;
            continue;
        }
        if (tk_is_apos(cp)) {
            int next = tk_class_at(t->s, t->n, p + l);
            if (!hyph && CH_IS_ALNUM(next) && tk_is_elision(&t->lp, t->s + start, p - start)) {
                tk_emit_word(t, start, p + l, SL_TOKF_ELIDED); /* l'armée, l'1,5 % */
                return p + l;
            }
            if (CH_IS_LETTER(next)) {
                p += l; /* aujourd'hui, O'Brien, don't */
                continue;
            }
        }
        break;
    }
    if (hyph && t->lp.clitics && tk_clitic_split(t, start, p))
        return p;
    tk_emit_word(t, start, p, hyph ? SL_TOKF_HYPHEN : 0);
    return p;
}

/* ------------------------------------------------------------------ numbers */

enum { SEP_NONE = 0, SEP_DOT, SEP_COMMA, SEP_SPACE, SEP_APOS };

/* Number separator at s[p]: its kind, length in *len. */
static int tk_sep(const tk *t, size_t p, size_t *len)
{
    if (p >= t->n)
        return SEP_NONE;
    const unsigned char *u = (const unsigned char *)t->s + p;
    size_t left = t->n - p;
    *len = 1;
    switch (u[0]) {
    case '.':
        return SEP_DOT;
    case ',':
        return SEP_COMMA;
    case ' ':
        return SEP_SPACE;
    case '\'':
        return SEP_APOS;
    case 0xC2:
        *len = 2;
        return left >= 2 && u[1] == 0xA0 ? SEP_SPACE : SEP_NONE;
    case 0xE2:
        *len = 3;
        if (left < 3 || u[1] != 0x80)
            return SEP_NONE;
        if (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x87)
            return SEP_SPACE; /* U+202F, U+2009, U+2007 */
        return u[2] == 0x99 ? SEP_APOS : SEP_NONE;
    default:
        return SEP_NONE;
    }
}

/* Reads decimal digits from p: returns the end; value and count out. */
static size_t tk_digits(const tk *t, size_t p, double *val, unsigned *nd)
{
    double v = 0;
    unsigned k = 0;
    while (p < t->n) {
        unsigned char c = (unsigned char)t->s[p];
        int d;
        size_t len = 1;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 0x80) {
            int32_t cp;
            len = utf8_next(t->s, t->n, p, &cp);
            d = tk_digit_value(cp);
        } else {
            break;
        }
        if (d < 0)
            break;
        v = v * 10 + d;
        k++;
        p += len;
    }
    *val = v;
    *nd = k;
    return p;
}

/* Count of ASCII digits at s[p..], at most max+1. */
static unsigned tk_adigits(const tk *t, size_t p, unsigned max, unsigned *val)
{
    unsigned k = 0, v = 0;
    while (p + k < t->n && k <= max && t->s[p + k] >= '0' && t->s[p + k] <= '9')
        v = v * 10 + (unsigned)(t->s[p + k] - '0'), k++;
    *val = v;
    return k;
}

static int tk_adigit_at(const tk *t, size_t p)
{
    return p < t->n && t->s[p] >= '0' && t->s[p] <= '9';
}

static int tk_valid_day(unsigned d, unsigned m)
{
    return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/* 2017-10-24, 24.10.2017, 24/10/2017, 24-10-2017 (10/24/2017 in English). */
static size_t tk_date(const tk *t, size_t i, double *value)
{
    unsigned a, b, c;
    unsigned na = tk_adigits(t, i, 4, &a);
    if (na == 4 && i + 10 <= t->n && t->s[i + 4] == '-' && t->s[i + 7] == '-' &&
        tk_adigits(t, i + 5, 2, &b) == 2 && tk_adigits(t, i + 8, 2, &c) == 2 &&
        !tk_adigit_at(t, i + 10) && tk_valid_day(c, b)) {
        *value = a * 10000.0 + b * 100 + c;
        return i + 10;
    }
    if (na < 1 || na > 2 || i + na >= t->n)
        return 0;
    char sep = t->s[i + na];
    if (sep != '.' && sep != '/' && sep != '-')
        return 0;
    size_t p = i + na + 1;
    unsigned nb = tk_adigits(t, p, 2, &b);
    if (nb < 1 || nb > 2 || p + nb >= t->n || t->s[p + nb] != sep)
        return 0;
    p += nb + 1;
    if (tk_adigits(t, p, 4, &c) != 4)
        return 0;
    unsigned d = a, m = b;
    if (sep == '/' && (t->lp.month_first || !tk_valid_day(a, b)) && tk_valid_day(b, a))
        d = b, m = a;
    if (!tk_valid_day(d, m))
        return 0;
    *value = c * 10000.0 + m * 100 + d;
    return p + 4;
}

/* 10h32, 10h, 10 h 32, 10:32, 3:42, 10:32:15. */
static size_t tk_time(const tk *t, size_t i, double *value)
{
    unsigned h, m, sec;
    unsigned nh = tk_adigits(t, i, 2, &h);
    if (nh < 1 || nh > 2 || h > 24)
        return 0;
    size_t p = i + nh;
    if (p < t->n && (t->s[p] == 'h' || t->s[p] == 'H')) {
        size_t q = p + 1;
        if (tk_adigits(t, q, 2, &m) == 2 && m <= 59 &&
            !CH_IS_WORD(tk_class_at(t->s, t->n, q + 2))) {
            *value = h * 100 + m;
            return q + 2;
        }
        if (!CH_IS_WORD(tk_class_at(t->s, t->n, q))) {
            *value = h * 100;
            return q;
        }
        return 0;
    }
    if (p + 4 < t->n && t->s[p] == ' ' && (t->s[p + 1] == 'h' || t->s[p + 1] == 'H') &&
        t->s[p + 2] == ' ' && tk_adigits(t, p + 3, 2, &m) == 2 && m <= 59 &&
        !CH_IS_WORD(tk_class_at(t->s, t->n, p + 5))) {
        *value = h * 100 + m;
        return p + 5;
    }
    if (p < t->n && t->s[p] == ':' && tk_adigits(t, p + 1, 2, &m) == 2 && m <= 59 && h <= 24) {
        size_t q = p + 3;
        if (q < t->n && t->s[q] == ':' && tk_adigits(t, q + 1, 2, &sec) == 2 && sec <= 59)
            q += 3;
        if (tk_adigit_at(t, q))
            return 0;
        *value = h * 100 + m;
        return q;
    }
    return 0;
}

static int tk_month_de(const char *s, size_t n)
{
    static const char *const months[] = {"januar",  "jänner",   "februar",  "märz",   "april",
                                         "mai",     "juni",     "juli",     "august", "september",
                                         "oktober", "november", "dezember", NULL};
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return tk_in_list(months, low, n);
}

/* German ordinal "3. Oktober": the end after the dot, or 0. */
static size_t tk_dot_ordinal(const tk *t, size_t end)
{
    if (end + 2 >= t->n || t->s[end] != '.' || t->s[end + 1] != ' ')
        return 0;
    size_t q = end + 2, w = q;
    while (w < t->n && (unsigned char)t->s[w] > ' ' && t->s[w] != ',' && t->s[w] != '.')
        w++;
    return tk_month_de(t->s + q, w - q) ? end + 1 : 0;
}

/* Ordinal suffix at [p, q) after digits? */
static int tk_ordinal_suffix(tk *t, size_t p, size_t q)
{
    const char *s = t->s + p;
    size_t n = q - p;
    if (n == 2 && (unsigned char)s[0] == 0xC2 &&
        ((unsigned char)s[1] == 0xBA || (unsigned char)s[1] == 0xAA))
        return 1; /* º ª */
    if (!t->lp.ordinals || n > 12)
        return 0;
    const char *f;
    size_t fl = text_fold_scratch(t->r, s, n, &f);
    return tk_in_list(t->lp.ordinals, f, fl);
}

static size_t tk_number(tk *t, size_t i)
{
    double value;
    size_t end;
    if ((end = tk_date(t, i, &value))) {
        tk_emit_plain(t, i, end, SL_TOK_DATE, value);
        return end;
    }
    if ((end = tk_time(t, i, &value))) {
        tk_emit_plain(t, i, end, SL_TOK_TIME, value);
        return end;
    }
    unsigned nd;
    end = tk_digits(t, i, &value, &nd);
    int gsep = SEP_NONE, decimal = 0;
    if (nd <= 3 && !(nd == 1 && value == 0)) {
        for (;;) {
            size_t sl;
            int sep = tk_sep(t, end, &sl);
            if (sep == SEP_NONE || (gsep && sep != gsep) ||
                (sep == SEP_COMMA && !t->lp.comma_group))
                break;
            double g;
            unsigned gd;
            size_t q = tk_digits(t, end + sl, &g, &gd);
            if (gd != 3)
                break;
            value = value * 1000 + g;
            end = q;
            gsep = sep;
        }
    }
    size_t sl;
    int sep = tk_sep(t, end, &sl);
    if ((sep == SEP_DOT || (sep == SEP_COMMA && t->lp.comma_decimal)) && sep != gsep &&
        tk_class_at(t->s, t->n, end + sl) == CH_DIGIT) {
        double frac;
        unsigned fd;
        size_t q = tk_digits(t, end + sl, &frac, &fd);
        double scale = 1;
        for (unsigned k = 0; k < fd; k++)
            scale *= 10;
        value += frac / scale;
        end = q;
        decimal = 1;
    }
    /* percent: 90%, 90 %, 3,5 % */
    size_t p = end;
    if (tk_sep(t, p, &sl) == SEP_SPACE)
        p += sl;
    if (p < t->n && (t->s[p] == '%' || (p + 2 < t->n && !memcmp(t->s + p, "\xEF\xBC\x85", 3)))) {
        tk_emit_plain(t, i, p + (t->s[p] == '%' ? 1 : 3), SL_TOK_PERCENT, value);
        return p + (t->s[p] == '%' ? 1 : 3);
    }
    if (!gsep && !decimal) {
        int32_t cp;
        size_t len;
        int c = end < t->n ? tk_class(t->s, t->n, end, &cp, &len) : CH_SPACE;
        if (CH_IS_LETTER(c)) {
            size_t q = end;
            while (q < t->n && CH_IS_LETTER(tk_class(t->s, t->n, q, &cp, &len)))
                q += len;
            if (!CH_IS_WORD(tk_class_at(t->s, t->n, q)) && tk_ordinal_suffix(t, end, q)) {
                tk_emit_plain(t, i, q, SL_TOK_ORDINAL, value);
                return q;
            }
            return tk_word(t, i); /* 4G, 100km */
        }
        if (c == CH_MARK || c == CH_IGN || c == CH_NUMCHAR)
            return tk_word(t, i);
        if (end < t->n && tk_is_hyphen(cp) && CH_IS_LETTER(tk_class_at(t->s, t->n, end + len)))
            return tk_word(t, i); /* 20-year-old */
        size_t q;
        if (t->lp.dot_ordinal && nd <= 2 && (q = tk_dot_ordinal(t, end))) {
            tk_emit_plain(t, i, q, SL_TOK_ORDINAL, value);
            return q;
        }
    }
    tk_emit_plain(t, i, end, SL_TOK_NUMBER, value);
    return end;
}

/* --------------------------------------------------------------- punctuation */

/* Norm of a punctuation code point kept as a token, or NULL. */
static const char *tk_punct_norm(int32_t cp)
{
    switch (cp) {
    case '!':
        return "!";
    case '?':
        return "?";
    case ';':
        return ";";
    case ':':
        return ":";
    case '"':
        return "\"";
    case '\'':
        return "'";
    case '(':
        return "(";
    case ')':
        return ")";
    case '[':
        return "[";
    case ']':
        return "]";
    case 0x00A1:
        return "\xC2\xA1"; /* ¡ */
    case 0x00BF:
        return "\xC2\xBF"; /* ¿ */
    case 0x00AB:
        return "\xC2\xAB"; /* « */
    case 0x00BB:
        return "\xC2\xBB"; /* » */
    case 0x2018:
        return "\xE2\x80\x98"; /* ‘ */
    case 0x2019:
        return "'"; /* ’ alone: a quote */
    case 0x201A:
        return "\xE2\x80\x9A"; /* ‚ */
    case 0x201C:
        return "\xE2\x80\x9C"; /* “ */
    case 0x201D:
        return "\xE2\x80\x9D"; /* ” */
    case 0x201E:
        return "\xE2\x80\x9E"; /* „ */
    case 0x2039:
        return "\xE2\x80\xB9"; /* ‹ */
    case 0x203A:
        return "\xE2\x80\xBA"; /* › */
    case 0x2026:
        return "..."; /* … */
    case 0x203C:
        return "!!"; /* ‼ */
    case 0x2047:
        return "??"; /* ⁇ */
    case 0x2048:
        return "?!"; /* ⁈ */
    case 0x2049:
        return "!?"; /* ⁉ */
    case 0x3002:
        return "\xE3\x80\x82"; /* 。 */
    case 0xFF01:
        return "!";
    case 0xFF1F:
        return "?";
    default:
        return NULL;
    }
}

static size_t tk_punct(tk *t, size_t i, int32_t cp, size_t len)
{
    if (cp == '.') {
        size_t q = i;
        while (q < t->n && t->s[q] == '.')
            q++;
        sl_token *k = tk_push(t, i, q, SL_TOK_PUNCT, 0);
        k->norm = k->stem = q - i > 1 ? "..." : ".";
        return q;
    }
    const char *norm = tk_punct_norm(cp);
    if (norm) {
        sl_token *k = tk_push(t, i, i + len, SL_TOK_PUNCT, 0);
        k->norm = k->stem = norm;
    }
    return i + len;
}

size_t tokenize(sl_ctx *ctx, sl_arena *a, const char *lang, const char *text, size_t n,
                sl_token **out)
{
    pthread_once(&tk_cls2_once, tk_cls2_build);
    tk t;
    memset(&t, 0, sizeof t);
    t.ctx = ctx;
    t.r = text_res_of(ctx);
    t.slot = text_slot(t.r, lang);
    tk_lang_of(lang, &t.lp);
    t.a = a;
    t.s = text ? text : "";
    t.n = text ? n : 0;
    t.cap = t.n / 4 + 16; /* news text: a token per 5–6 bytes */
    t.v = arena_alloc(a, t.cap * sizeof *t.v);
    size_t i = 0;
    while (i < t.n) {
        int32_t cp;
        size_t len;
        int c = tk_class(t.s, t.n, i, &cp, &len);
        switch (c) {
        case CH_SPACE:
        case CH_MARK:
        case CH_IGN:
            i += len;
            break;
        case CH_DIGIT:
            i = tk_number(&t, i);
            break;
        case CH_LOWER:
        case CH_UPPER:
        case CH_LETTER:
        case CH_NUMCHAR:
            i = tk_word(&t, i);
            break;
        default:
            i = tk_punct(&t, i, cp, len);
            break;
        }
    }
    *out = t.v;
    return t.len;
}
