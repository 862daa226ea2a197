/*
 * sentence.c — sentence splitting inside paragraphs.
 *
 * A candidate end is a run of terminators (. ! ? … and the CJK 。！？)
 * followed by closing quotes or brackets, then white space. The candidate
 * becomes a boundary unless the next text shows the sentence goes on:
 *   - the next word starts lowercase ("« Il viendra. » a-t-il dit",
 *     "Quoi ? dit-il"), or the next character is , ; : or a closer;
 *   - for a single dot, the word before it says it is an abbreviation:
 *       title      M. Dupont, Dr. Smith, z.B. Autos: never an end;
 *       numbered   p. 12, No. 5, Nr. 3: not an end before a number;
 *       (etc., usw., ecc. are ordinary words: an end before a capital)
 *       acronym    U.S., Inc., Jan., EE.UU., any dotted letters: an end
 *                  only before a capitalised stopword ("the U.S. The ...")
 *                  — "U.S. President" goes on, and so does a bracket
 *                  opening on a digit or lowercase ("9 a.m. (0700 GMT) the");
 *       initial    a single capital letter (J. Smith, James P. Rubin) never
 *                  ends, whatever the tables say of the letter ("p. 12");
 *     and after a dot, a wire's dash (" _ ", " -- ") goes on: AP datelines
 *     "AMHERST, N.Y. _ A doctor ..." (a dash never opens a sentence);
 *     plus a number starting the sentence (list items "1. ") and, in German,
 *     an ordinal before a month ("am 3. Oktober").
 * Sentences never cross a paragraph; spans are trimmed of white space.
 * The splitter reads the text itself; tokens only give each sentence its
 * token range, so it works with any tokenisation (or none).
 */
#include <string.h>
#include <utf8proc.h>

#include "text_res.h"

enum { AB_NONE = 0, AB_TITLE, AB_NUM, AB_ACRO, AB_INITIAL };
#define AB_EXACT 0x10 /* match the case as written ("No." but not "no.") */

typedef struct abbr {
    const char *w; /* without the final dot */
    uint8_t len;   /* strlen(w) */
    uint8_t cls;
} abbr;

/* clang-format off */
#define AB(w, c) {w, sizeof(w) - 1, c}
#define T AB_TITLE
#define N AB_NUM
#define A AB_ACRO
static const abbr ab_common[] = {
    AB("Dr", T), AB("Prof", T), AB("Mr", T), AB("Mrs", T), AB("Ms", T), AB("St", T), {NULL, 0, 0}};
static const abbr ab_fr[] = {
    AB("M", T), AB("MM", T), AB("Mme", T), AB("Mmes", T), AB("Mlle", T), AB("Mlles", T),
    AB("Me", T), AB("Mgr", T), AB("Pr", T), AB("gén", T), AB("col", T), AB("cdt", T), AB("cne", T),
    AB("lt", T), AB("cap", T), AB("sgt", T), AB("adj", T), AB("Ste", T), AB("Sts", T), AB("av", T),
    AB("apr", T), AB("bd", T), AB("boul", T), AB("fg", T), AB("cf", T), AB("Vve", T), AB("p", N),
    AB("pp", N), AB("n", N), AB("no", N), AB("art", N), AB("vol", N), AB("chap", N), AB("fig", N),
    AB("tél", N), AB("t", N), AB("env", N), AB("éd", N), AB("janv", A), AB("févr", A),
    AB("fév", A), AB("avr", A), AB("juil", A), AB("sept", A), AB("oct", A), AB("nov", A),
    AB("déc", A), AB("Cie", A), {NULL, 0, 0}};
static const abbr ab_en[] = {
    AB("Messrs", T), AB("Gen", T), AB("Col", T), AB("Lt", T), AB("Sgt", T), AB("Capt", T),
    AB("Cmdr", T), AB("Adm", T), AB("Maj", T), AB("Brig", T), AB("Cpl", T), AB("Pvt", T),
    AB("Rep", T), AB("Sen", T), AB("Gov", T), AB("Pres", T), AB("Rev", T), AB("Hon", T),
    AB("Fr", T), AB("Mt", T), AB("Ft", T), AB("Det", T), AB("Supt", T), AB("vs", T), AB("v", T),
    AB("e.g", T), AB("i.e", T), AB("cf", T), AB("approx", T), AB("No", N | AB_EXACT),
    AB("Nos", N | AB_EXACT), AB("p", N), AB("pp", N), AB("Vol", N), AB("Art", N), AB("Fig", N),
    AB("ch", N), AB("Inc", A), AB("Corp", A), AB("Co", A), AB("Ltd", A), AB("Jr", A), AB("Sr", A),
    AB("Bros", A), AB("Ave", A), AB("Blvd", A), AB("Rd", A), AB("Jan", A), AB("Feb", A),
    AB("Mar", A), AB("Apr", A), AB("Jun", A), AB("Jul", A), AB("Aug", A), AB("Sep", A),
    AB("Sept", A), AB("Oct", A), AB("Nov", A), AB("Dec", A), AB("Calif", A), AB("Fla", A),
    AB("Mass", A), AB("Conn", A), AB("Ariz", A), AB("Tenn", A), {NULL, 0, 0}};
static const abbr ab_de[] = {
    AB("Hr", T), AB("Hrn", T), AB("Fr", T), AB("z.B", T), AB("bzw", T), AB("ca", T), AB("vgl", T),
    AB("sog", T), AB("ggf", T), AB("evtl", T), AB("inkl", T), AB("bspw", T), AB("zzt", T),
    AB("u.a", T), AB("d.h", T), AB("o.ä", T), AB("u.U", T), AB("i.d.R", T), AB("s.o", T),
    AB("s.u", T), AB("v.a", T), AB("z.T", T), AB("u.v.m", T), AB("Nr", N), AB("S", N),
    AB("Abs", N), AB("Art", N), AB("Bd", N), AB("Kap", N), AB("Abb", N), AB("Str", N),
    AB("Jan", A), AB("Feb", A), AB("Aug", A), AB("Sept", A), AB("Okt", A), AB("Nov", A),
    AB("Dez", A), AB("Mio", A), AB("Mrd", A), AB("Jh", A), {NULL, 0, 0}};
static const abbr ab_es[] = {
    AB("Sr", T), AB("Sra", T), AB("Srta", T), AB("Sres", T), AB("Dra", T), AB("Lic", T),
    AB("Ing", T), AB("Arq", T), AB("Gral", T), AB("Excmo", T), AB("Excma", T), AB("Sto", T),
    AB("Sta", T), AB("Avda", T), AB("Av", T), AB("Pdte", T), AB("Ud", T), AB("Uds", T),
    AB("Dña", T), AB("Profa", T), AB("núm", N), AB("pág", N), AB("págs", N), AB("p", N),
    AB("art", N), AB("cap", N), AB("vol", N), AB("tel", N), AB("aprox", N), AB("ene", A),
    AB("abr", A), AB("jun", A), AB("jul", A), AB("ago", A), AB("sept", A), AB("oct", A),
    AB("nov", A), AB("dic", A), {NULL, 0, 0}};
static const abbr ab_it[] = {
    AB("Sig", T), AB("Sigg", T), AB("Sig.ra", T), AB("Sig.na", T), AB("Dott", T),
    AB("Dott.ssa", T), AB("Prof.ssa", T), AB("Avv", T), AB("Ing", T), AB("Arch", T), AB("Geom", T),
    AB("Rag", T), AB("On", T), AB("Sen", T), AB("Mons", T), AB("Ss", T), AB("Gen", T),
    AB("Col", T), AB("Cav", T), AB("pag", N), AB("pagg", N), AB("p", N), AB("n", N), AB("art", N),
    AB("cap", N), AB("vol", N), AB("tel", N), {NULL, 0, 0}};
static const abbr ab_pt[] = {
    AB("Sr", T), AB("Sra", T), AB("Srta", T), AB("Dra", T), AB("Profa", T), AB("Exmo", T),
    AB("Exma", T), AB("Eng", T), AB("Av", T), AB("n", N), AB("nº", N), AB("pág", N), AB("art", N),
    AB("p", N), AB("Lda", A), {NULL, 0, 0}};
static const abbr ab_nl[] = {
    AB("dhr", T), AB("mevr", T), AB("mw", T), AB("mr", T), AB("ir", T), AB("ing", T), AB("drs", T),
    AB("bijv", T), AB("ca", T), AB("m.b.t", T), AB("o.a", T), AB("nr", N), AB("blz", N),
    AB("p", N), AB("art", N), {NULL, 0, 0}};
#undef T
#undef N
#undef A
#undef AB
/* clang-format on */

static const abbr *sb_table(const char *lang)
{
    if (!lang || !lang[0] || !lang[1])
        return NULL;
    char c0 = (char)(lang[0] | 0x20), c1 = (char)(lang[1] | 0x20);
#define IS(a, b) (c0 == (a) && c1 == (b))
    if (IS('f', 'r'))
        return ab_fr;
    if (IS('e', 'n'))
        return ab_en;
    if (IS('d', 'e'))
        return ab_de;
    if (IS('e', 's'))
        return ab_es;
    if (IS('i', 't'))
        return ab_it;
    if (IS('p', 't'))
        return ab_pt;
    if (IS('n', 'l'))
        return ab_nl;
#undef IS
    return NULL;
}

/* Does w[0..an) equal the NUL-terminated b, ignoring the case of ASCII and
 * Latin-1 letters? (No strlen: tables are scanned on every dot.) */
static int sb_eq_ci(const char *a, size_t an, const char *b)
{
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (!y)
            return 0;
        if (x == y)
            continue;
        if (x < 0x80 && y < 0x80) {
            if ((x | 0x20) != (y | 0x20) || !((x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
                return 0;
            continue;
        }
        /* second byte of Latin-1 letters: À..Þ vs à..þ */
        if (i > 0 && (unsigned char)a[i - 1] == 0xC3 && (x ^ y) == 0x20)
            continue;
        return 0;
    }
    return b[an] == 0;
}

static int sb_lookup(const abbr *t, const char *w, size_t n)
{
    for (; t && t->w; t++) {
        if (t->len != n)
            continue; /* (Latin-1 case pairs have the same length) */
        if (t->cls & AB_EXACT) {
            if (!strncmp(t->w, w, n) && t->w[n] == 0)
                return t->cls & ~AB_EXACT;
        } else if (sb_eq_ci(w, n, t->w)) {
            return t->cls;
        }
    }
    return AB_NONE;
}

static int sb_is_space(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if (c < 0x80)
        return c <= ' ' || c == 127;
    int32_t cp;
    *len = utf8_next(s, n, i, &cp);
    if (cp == 0x200B || cp == 0xFEFF)
        return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static size_t sb_skip_space(const char *s, size_t end, size_t i)
{
    size_t len;
    while (i < end && sb_is_space(s, end, i, &len))
        i += len;
    return i;
}

/* Horizontal space only (French spacing before » and after «). */
static size_t sb_skip_hspace(const char *s, size_t end, size_t i)
{
    size_t len;
    while (i < end && s[i] != '\n' && sb_is_space(s, end, i, &len))
        i += len;
    return i;
}

static int sb_cat(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return -1;
    int32_t cp;
    utf8_next(s, n, i, &cp);
    return utf8proc_category(cp);
}

static int sb_is_lower_at(const char *s, size_t n, size_t i)
{
    return sb_cat(s, n, i) == UTF8PROC_CATEGORY_LL;
}

static int sb_is_upper_at(const char *s, size_t n, size_t i)
{
    int c = sb_cat(s, n, i);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Bytes that may start a terminator: . ! ? and the lead bytes of … ‼ ⁇ ⁈ ⁉
 * (E2), 。 (E3), ！？ (EF). */
static const uint8_t sb_maybe_term[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

/* True when the 8 bytes at p are ASCII without . ! ? (no terminator). */
static inline int sb_plain8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
#define SB_HAS(x) (((x)-ones) & ~(x)&highs)
    uint64_t dot = v ^ (ones * '.'), ex = v ^ (ones * '!'), qm = v ^ (ones * '?');
    return !((v & highs) | SB_HAS(dot) | SB_HAS(ex) | SB_HAS(qm));
#undef SB_HAS
}

/* Terminator at s[i]: 1 for . ! ? …, 2 for the CJK ones (no space needed). */
static int sb_terminator(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if (c < 0x80)
        return 0;
    int32_t cp;
    *len = utf8_next(s, n, i, &cp);
    if (cp == 0x2026 || cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049)
        return 1; /* … ‼ ⁇ ⁈ ⁉ */
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
        return 2;
    return 0;
}

/* A closing quote or bracket at s[i] after a terminator; spaced when white
 * space stood between. */
static int sb_closer(const char *s, size_t n, size_t i, int spaced, int de, size_t *len)
{
    int32_t cp;
    *len = utf8_next(s, n, i, &cp);
    size_t after = i + *len;
    int then_space = after >= n || (unsigned char)s[after] <= ' ' ||
                     (s[after] == ',' || s[after] == '.' || s[after] == ';');
    switch (cp) {
    case 0x00BB: /* » */
    case 0x203A: /* › */
        return 1;
    case 0x201D: /* ” */
        return !spaced || then_space;
    case '"':
    case '\'':
    case 0x2019: /* ’ */
        return !spaced || then_space;
    case 0x201C: /* “ closes in German („…“) */
        return de && !spaced;
    case ')':
    case ']':
        return !spaced;
    default:
        return 0;
    }
}

static int sb_month_de(const char *s, size_t n)
{
    static const char *const w[] = {
        "Januar", "Jänner",    "Februar", "März",     "April",    "Mai",         "Juni", "Juli",
        "August", "September", "Oktober", "November", "Dezember", "Jahrhundert", "Jh",   NULL};
    for (const char *const *p = w; *p; p++)
        if (sb_eq_ci(s, n, *p))
            return 1;
    return 0;
}

/* The word at s[i..): end of its letters. */
static size_t sb_word_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        int c = sb_cat(s, n, i);
        if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_ME)
            break;
        int32_t cp;
        i += utf8_next(s, n, i, &cp);
    }
    return i;
}

/* Does the word at s[i..) read as a (capitalised) stopword of lang? */
static int sb_next_is_stopword(const char *lang, const char *s, size_t n, size_t i)
{
    size_t e = sb_word_end(s, n, i);
    char low[32];
    size_t k = e - i;
    if (k == 0 || k >= sizeof low)
        return 0;
    for (size_t j = 0; j < k; j++) {
        unsigned char c = (unsigned char)s[i + j];
        low[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (k >= 2 && (unsigned char)low[0] == 0xC3 && (unsigned char)low[1] >= 0x80 &&
        (unsigned char)low[1] <= 0x9E)
        low[1] = (char)(low[1] + 0x20); /* À → à */
    return stopword_is(lang, low, k);
}

/* Index of the first token starting at or after pos. */
static size_t sb_first_token(const sl_token *toks, size_t n, size_t pos)
{
    size_t lo = 0, hi = toks ? n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct sb {
    const char *lang;
    const abbr *table;
    const char *s;
    size_t n;
    int de;
    const sl_token *toks; /* NULL: scan the text for terminators */
    size_t n_toks, tk;    /* tk: next token to look at */
} sb;

/* Class of the word before the dot at s[dot] (the sentence began at sent). */
static int sb_abbr_class(const sb *b, size_t sent, size_t dot)
{
    const char *s = b->s;
    size_t w = dot;
    while (w > sent && (unsigned char)s[w - 1] > ' ') {
        size_t k = w - 1;
        while (k > sent && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--; /* back to the lead byte */
        int32_t cp;
        utf8_next(s, b->n, k, &cp);
        if (cp == 0xA0 || cp == 0x202F || cp == 0x2009)
            break;
        w = k;
    }
    /* strip opening quotes and brackets */
    while (w < dot) {
        int32_t cp;
        size_t len = utf8_next(s, b->n, w, &cp);
        if (!(cp == '(' || cp == '[' || cp == '"' || cp == '\'' || cp == '`' || cp == 0xAB ||
              cp == 0x201C || cp == 0x201E || cp == 0x2018))
            break;
        w += len;
    }
    size_t n = dot - w;
    if (n == 0)
        return AB_NONE;
    const char *c = s + w;
    int32_t cp;
    size_t l1 = utf8_next(s, b->n, w, &cp);
    if (l1 == n && sb_is_upper_at(s, b->n, w))
        return AB_INITIAL; /* before the tables: "James P. Rubin" is not "p. 12" */
    int cls = sb_lookup(b->table, c, n);
    if (!cls)
        cls = sb_lookup(ab_common, c, n);
    if (cls)
        return cls;
    /* dotted letters (J.-C, S.A, a.m): an acronym */
    int dots = 0, letters = 0;
    for (size_t i = w; i < dot;) {
        size_t len = utf8_next(s, b->n, i, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cp == '.')
            dots++;
        else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            letters++;
        else if (cp != '-')
            return AB_NONE;
        i += len;
    }
    return dots && letters ? AB_ACRO : AB_NONE;
}

static int sb_all_digits(const char *s, size_t from, size_t to)
{
    if (from >= to)
        return 0;
    for (size_t i = from; i < to; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Should the text go on after a terminator run [run, run_end) whose
 * closers end at `after`, with the next word at `nx`? */
static int sb_goes_on(const sb *b, size_t sent, size_t run, size_t run_end, size_t nx)
{
    const char *s = b->s;
    size_t n = b->n;
    unsigned char c = (unsigned char)s[nx];
    if (sb_is_lower_at(s, n, nx))
        return 1;
    if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']')
        return 1;
    int32_t cp;
    size_t cl = utf8_next(s, n, nx, &cp);
    if (cp == 0xBB || cp == 0x2014 || cp == 0x2013) {
        /* "— dit-il" after a quote: goes on when lowercase follows */
        size_t q = sb_skip_hspace(s, n, nx + cl);
        if (cp == 0xBB || sb_is_lower_at(s, n, q))
            return 1;
    }
    if (run_end - run != 1 || s[run] != '.')
        return 0; /* ! ? … : only the lowercase rule */
    if ((c == '_' || (c == '-' && nx + 1 < n && s[nx + 1] == '-')) &&
        (nx + 2 >= n || (unsigned char)s[nx + 1 + (c == '-')] <= ' '))
        return 1; /* a wire's dash never opens a sentence: "AMHERST, N.Y. _ A doctor" */
    size_t w = run;
    while (w > sent && (unsigned char)s[w - 1] > ' ')
        w--;
    if (sb_all_digits(s, w, run)) {
        if (w == sent && run - w <= 3)
            return 1; /* "1. " numbering a list item */
        if (b->de && sb_month_de(s + nx, sb_word_end(s, n, nx) - nx))
            return 1; /* am 3. Oktober */
        return 0;
    }
    int digit_next = c >= '0' && c <= '9';
    switch (sb_abbr_class(b, sent, run)) {
    case AB_TITLE:
    case AB_INITIAL:
        return 1;
    case AB_NUM:
        return digit_next;
    case AB_ACRO:
        if (c == '(' && nx + 1 < n &&
            ((s[nx + 1] >= '0' && s[nx + 1] <= '9') || sb_is_lower_at(s, n, nx + 1)))
            return 1; /* "at 9 a.m. (0700 GMT) the ...": an aside, not a new sentence */
        if (digit_next)
            return 1;
        if (!sb_is_upper_at(s, n, nx))
            return 0;
        if (!stopword_bit(b->lang))
            return 0;
        return !sb_next_is_stopword(b->lang, s, n, nx);
    default:
        return 0;
    }
}

typedef struct sb_out {
    sl_arena *a;
    sl_sentence *v;
    size_t len, cap;
} sb_out;

static void sb_emit(sb_out *o, const char *s, size_t start, size_t end, uint32_t para)
{
    size_t len;
    start = sb_skip_space(s, end, start);
    while (end > start) {
        size_t k = end - 1;
        while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        if (!sb_is_space(s, end, k, &len))
            break;
        end = k;
    }
    if (end <= start)
        return;
    if (o->len == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        o->v = arena_grow(o->a, o->v, o->len, cap, sizeof *o->v);
        o->cap = cap;
    }
    sl_sentence *st = &o->v[o->len++];
    memset(st, 0, sizeof *st);
    st->start = (uint32_t)start;
    st->end = (uint32_t)end;
    st->para = para;
}

/* Next position ≥ i in [i, pe) where a terminator may stand, or pe. With
 * tokens, only the PUNCT tokens and the tokens ending in a dot (U.S., de
 * "3.") are looked at: every other terminator character sits inside a
 * number or an abbreviation, followed by a digit or a letter, so it could
 * not end a sentence anyway. Without tokens, the text is scanned. */
static size_t sb_next_candidate(sb *b, size_t i, size_t pe)
{
    const char *s = b->s;
    if (!b->toks) {
        while (i < pe) {
            if (i + 8 <= pe && sb_plain8(s + i))
                i += 8;
            else if (!sb_maybe_term[(unsigned char)s[i]])
                i++; /* continuation bytes are never lead bytes: byte steps are safe */
            else
                return i;
        }
        return pe;
    }
    for (; b->tk < b->n_toks; b->tk++) {
        const sl_token *t = &b->toks[b->tk];
        if (t->start >= pe)
            return pe;
        if (t->end > b->n || t->start >= t->end)
            continue; /* not a token of this text */
        size_t pos;
        if (t->kind == SL_TOK_PUNCT)
            pos = t->start;
        else if (s[t->end - 1] == '.')
            pos = t->end - 1;
        else
            continue;
        if (pos >= i && sb_maybe_term[(unsigned char)s[pos]])
            return pos;
    }
    return pe;
}

static void sb_paragraph(sb *b, sb_out *o, size_t ps, size_t pe, uint32_t para)
{
    const char *s = b->s;
    size_t sent = sb_skip_space(s, pe, ps);
    size_t i = sent;
    if (b->toks)
        b->tk = sb_first_token(b->toks, b->n_toks, ps);
    while ((i = sb_next_candidate(b, i, pe)) < pe) {
        size_t len;
        int term = sb_terminator(s, pe, i, &len);
        if (!term) {
            i += len;
            continue;
        }
        size_t run = i, run_end = i + len;
        int cjk = term == 2;
        while (run_end < pe && (term = sb_terminator(s, pe, run_end, &len))) {
            cjk |= term == 2;
            run_end += len;
        }
        i = run_end;
        if (run > ps && (s[run - 1] == '(' || s[run - 1] == '['))
            continue; /* (...) [...]: an omission, not an end */
        size_t after = run_end;
        for (;;) {
            size_t q = sb_skip_hspace(s, pe, after), cl;
            if (q >= pe || !sb_closer(s, pe, q, q != after, b->de, &cl))
                break;
            after = q + cl;
        }
        size_t sl;
        if (after < pe && !cjk && !sb_is_space(s, pe, after, &sl))
            continue; /* 3.5, U.S.A, example.com */
        size_t nx = sb_skip_space(s, pe, after);
        if (nx >= pe)
            break;
        if (sb_goes_on(b, sent, run, run_end, nx))
            continue;
        sb_emit(o, s, sent, after, para);
        sent = i = nx;
    }
    sb_emit(o, s, sent, pe, para);
}

size_t sentence_split(sl_arena *a, const char *lang, const char *text, size_t n,
                      const sl_span *paras, size_t n_paras, const sl_token *toks, size_t n_toks,
                      sl_sentence **out)
{
    sb b = {.lang = lang, .table = sb_table(lang), .s = text ? text : "", .n = text ? n : 0};
    if (toks && n_toks) {
        b.toks = toks;
        b.n_toks = n_toks;
    }
    b.de = lang && (lang[0] | 0x20) == 'd' && lang[1] && (lang[1] | 0x20) == 'e';
    sb_out o = {.a = a};
    o.cap = b.n / 80 + 8;
    o.v = arena_alloc(a, o.cap * sizeof *o.v);
    if (!paras || n_paras == 0) {
        sb_paragraph(&b, &o, 0, b.n, 0);
    } else {
        for (size_t p = 0; p < n_paras; p++) {
            size_t ps = paras[p].start, pe = paras[p].end;
            if (pe > b.n)
                pe = b.n;
            if (ps < pe)
                sb_paragraph(&b, &o, ps, pe, (uint32_t)p);
        }
    }
    /* token ranges: tokens are sorted by start */
    for (size_t k = 0; k < o.len; k++) {
        sl_sentence *st = &o.v[k];
        st->tok_first = (uint32_t)sb_first_token(toks, n_toks, st->start);
        st->tok_end = (uint32_t)sb_first_token(toks, n_toks, st->end);
    }
    *out = o.v;
    return o.len;
}
