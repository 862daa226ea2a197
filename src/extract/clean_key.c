/*
 * clean_key.c — line keys for the cleaner and the matching of table
 * phrases against them.
 *
 * A key is the line's words, case folded and accent stripped, joined by
 * single spaces; every word remembers its raw byte span so detectors can
 * look at the punctuation between words and cut author names or stamps
 * out of the original text. ASCII runs go through a block scan (SSE2: 16
 * bytes a test, a bit per byte "letter or digit", words read off the bits);
 * two-byte code points come from a table built once from utf8proc; other
 * code points are folded one at a time by utf8proc (decompose + case fold
 * + strip marks), so no allocation happens per line. The byte-at-a-time
 * builder stays as the reference (ckey_build_bytewise) and for keys near
 * their caps, where it decides the truncation.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "clean_int.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Folded form of an ASCII letter or digit; 0 for every other byte. */
static const char ascii_key[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
    ['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k',
    ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
    ['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
    ['z'] = 'z', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
    ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm',
    ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
    ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CKEY_SWAR 1
/* Folds the 8 bytes at p into o (all 8 written: letters lowercased, the
 * rest as it comes) and returns how many of them, from the first, are
 * ASCII letters or digits: the run goes on through them. Byte-wise range
 * tests in one 64-bit word; high bits are cleared first so that no sum
 * carries into the next byte. */
static inline unsigned alnum8(const unsigned char *p, char *o)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t v;
    memcpy(&v, p, 8);
    uint64_t x = v | ones * 0x20; /* ASCII letters → lowercase */
    uint64_t lx = x & ~high, lv = v & ~high;
    uint64_t letter = (lx + ones * (0x80 - 'a')) & ~(lx + ones * (0x7F - 'z'));
    uint64_t digit = (lv + ones * (0x80 - '0')) & ~(lv + ones * (0x7F - '9'));
    uint64_t stop = ~((letter | digit) & ~v) & high;
    memcpy(o, &x, 8);
    return stop ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}
#endif

/* Opens a word at raw offset i; false (and trunc set) when the key is full. */
static inline bool word_open(ckey *k, size_t i)
{
    if (k->nw == CKEY_MAXW || k->kn + 2 + 16 > CKEY_CAP) {
        k->trunc = true;
        return false;
    }
    if (k->nw)
        k->k[k->kn++] = ' ';
    ckey_word *w = &k->w[k->nw++];
    w->rs = w->re = (uint32_t)i;
    w->ks = w->ke = (uint16_t)k->kn;
    return true;
}

/* Closes the word being built: its key end, and its bit in the bloom. */
static inline void word_close(ckey *k)
{
    ckey_word *w = &k->w[k->nw - 1];
    w->ke = (uint16_t)k->kn;
    unsigned h = ckey_tri_hash(k->k + w->ks, (size_t)(w->ke - w->ks));
    k->bloom[h >> 6] |= (uint64_t)1 << (h & 63);
}

/* Drops the word being built when it no longer fits in the key. */
static void word_abort(ckey *k)
{
    ckey_word *w = &k->w[--k->nw];
    k->kn = w->ks ? (size_t)w->ks - 1 : 0;
    k->trunc = true;
}

/* Writes the folded form of a letter or digit code point at out (room for
 * 32 bytes) and returns its length. */
static size_t fold_cp_to(int32_t cp, char *out)
{
    if (cp == 0x153 || cp == 0x152 || cp == 0xE6 || cp == 0xC6) { /* œ Œ æ Æ */
        out[0] = (cp == 0x153 || cp == 0x152) ? 'o' : 'a';
        out[1] = 'e';
        return 2;
    }
    utf8proc_int32_t dst[8];
    int bc = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, dst, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &bc);
    if (m < 0 || m > 8) {
        dst[0] = cp;
        m = 1;
    }
    size_t o = 0;
    for (utf8proc_ssize_t j = 0; j < m; j++) {
        if (dst[j] < 0x80)
            out[o++] = (char)dst[j];
        else
            o += (size_t)utf8proc_encode_char(dst[j], (utf8proc_uint8_t *)out + o);
    }
    return o;
}

/* Appends the folded form of a letter or digit code point; false when full. */
static bool fold_cp(ckey *k, int32_t cp)
{
    if (k->kn + 16 > CKEY_CAP)
        return false;
    k->kn += fold_cp_to(cp, k->k + k->kn);
    return true;
}

/* What a code point does to a key: joins or starts a word (letters and
 * numbers), extends the open word's raw span (marks), or ends it. */
enum { CP_SEP = 0, CP_WORD, CP_MARK };

static int cp_class(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
        (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
        return CP_WORD;
    if ((cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_CF)
        return CP_MARK;
    return CP_SEP;
}

/* The two-byte code points (U+0080..U+07FF: Latin, Greek, Cyrillic,
 * Hebrew, Arabic letters and marks) precomputed with the functions above:
 * class, and folded bytes when they fit in 6. Built once, read-only after. */
typedef struct cp2_ent {
    uint8_t cls, len; /* len 0xFF: fold longer than 6 bytes, use utf8proc */
    char fold[6];
} cp2_ent;

static cp2_ent cp2_tab[0x800];
static pthread_once_t cp2_once = PTHREAD_ONCE_INIT;

static void cp2_build(void)
{
    for (int32_t cp = 0x80; cp < 0x800; cp++) {
        cp2_ent *e = &cp2_tab[cp];
        e->cls = (uint8_t)cp_class(cp);
        if (e->cls != CP_WORD)
            continue;
        char out[40];
        size_t l = fold_cp_to(cp, out);
        e->len = l <= sizeof e->fold ? (uint8_t)l : 0xFF;
        memcpy(e->fold, out, l <= sizeof e->fold ? l : 0);
    }
}

static void ckey_reset(ckey *k, const char *raw, size_t n)
{
    pthread_once(&cp2_once, cp2_build);
    k->raw = raw;
    k->rn = n;
    k->kn = 0;
    k->nw = 0;
    k->trunc = false;
    k->bloom[0] = k->bloom[1] = k->bloom[2] = k->bloom[3] = 0;
}

/* One code point at raw offset *i (≥ 0x80): folded into the open word or
 * a new one, or a separator; *i moves past it. False when the key is full
 * (it is then marked truncated and the word being built dropped). */
static bool ckey_cp_step(ckey *k, size_t *ip, bool *inwp)
{
    const char *raw = k->raw;
    size_t n = k->rn, i = *ip;
    bool inw = *inwp;
    const unsigned char *u = (const unsigned char *)raw + i;
    if (u[0] >= 0xC2 && u[0] <= 0xDF && i + 1 < n && (u[1] & 0xC0) == 0x80) {
        /* a valid two-byte sequence: from the table */
        const cp2_ent *e = &cp2_tab[((u[0] & 0x1F) << 6) | (u[1] & 0x3F)];
        if (e->cls == CP_WORD && e->len != 0xFF) {
            if (!inw && !word_open(k, i))
                return false;
            *inwp = true;
            if (k->kn + 16 > CKEY_CAP) { /* as fold_cp */
                word_abort(k);
                return false;
            }
            memcpy(k->k + k->kn, e->fold, sizeof e->fold);
            k->kn += e->len;
            k->w[k->nw - 1].re = (uint32_t)(i + 2);
            *ip = i + 2;
            return true;
        }
        if (e->cls == CP_MARK) {
            if (inw)
                k->w[k->nw - 1].re = (uint32_t)(i + 2);
            *ip = i + 2;
            return true;
        }
        if (e->cls == CP_SEP) {
            if (inw)
                word_close(k);
            *inwp = false;
            *ip = i + 2;
            return true;
        }
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t l =
        utf8proc_iterate((const utf8proc_uint8_t *)raw + i, (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) { /* invalid byte: a separator */
        if (inw)
            word_close(k);
        *inwp = false;
        *ip = i + 1;
        return true;
    }
    int cls = cp_class(cp);
    if (cls == CP_WORD) {
        if (!inw && !word_open(k, i))
            return false;
        *inwp = true;
        if (!fold_cp(k, cp)) {
            word_abort(k);
            return false;
        }
        k->w[k->nw - 1].re = (uint32_t)(i + (size_t)l);
    } else if (cls == CP_MARK) {
        if (inw)
            k->w[k->nw - 1].re = (uint32_t)(i + (size_t)l);
    } else if (inw) {
        word_close(k);
        *inwp = false;
    }
    *ip = i + (size_t)l;
    return true;
}

/* The byte-at-a-time builder, from raw offset i on with a word open or not
 * (inw): ASCII runs 8 bytes at a time, other code points one by one. */
static void ckey_scan_from(ckey *k, size_t i, bool inw)
{
    const char *raw = k->raw;
    size_t n = k->rn;
    while (i < n) {
        unsigned char c = (unsigned char)raw[i];
        if (c < 0x80) {
            if (ascii_key[c]) { /* a run of ASCII letters and digits */
                if (!inw && !word_open(k, i))
                    goto done;
                inw = true;
                /* a folded code point may have taken the key past
                 * CKEY_CAP - 16 in the open word: no room then (the run
                 * is dropped as too long, like any run that fills it) */
                size_t room = k->kn < CKEY_CAP - 16 ? CKEY_CAP - 16 - k->kn : 0, j = i;
                size_t lim = n - i < room ? n : i + room;
                char *o = k->k + k->kn, x;
                const unsigned char *u = (const unsigned char *)raw;
                bool ended = false;
#ifdef CKEY_SWAR
                /* lim - i ≤ room: 8-byte stores stay inside k->k */
                while (j + 8 <= lim) {
                    unsigned run = alnum8(u + j, o);
                    o += run;
                    j += run;
                    if (run < 8) {
                        ended = run > 0; /* 0: let the byte loop decide */
                        break;
                    }
                }
#endif
                while (!ended && j < lim && (x = ascii_key[u[j]]))
                    *o++ = x, j++;
                k->kn = (size_t)(o - k->k);
                if (j - i == room) {
                    word_abort(k);
                    goto done;
                }
                k->w[k->nw - 1].re = (uint32_t)j;
                i = j;
                continue;
            }
            if (inw) {
                word_close(k);
                inw = false;
            }
            i++;
            continue;
        }
        if (!ckey_cp_step(k, &i, &inw))
            goto done;
    }
done:
    if (inw && k->nw)
        word_close(k);
    k->k[k->kn] = 0;
}

#ifdef __SSE2__
#define CKEY_FAST_MAX 704 /* bytes one block scan covers (a multiple of 64) */

/* The block scan of the ASCII bytes at the start of p[0..n), 16 at a time,
 * at most cap bytes: bit j of bits says p[j] is an ASCII letter or digit,
 * and low[j] is p[j] | 0x20 (the folded form of every letter and digit;
 * low gets 16 zero bytes past the last block written). bits needs
 * CKEY_FAST_MAX / 64 zeroed words, low CKEY_FAST_MAX + 32 bytes. Returns
 * the length scanned: up to the first non-ASCII byte, n or cap, whichever
 * comes first; no bit is set past it. */
static size_t ckey_scan_ascii(const char *p, size_t n, size_t cap, uint64_t *bits, char *low)
{
    const __m128i x20 = _mm_set1_epi8(0x20);
    const __m128i la = _mm_set1_epi8((char)(0x80 - 'a')), lz = _mm_set1_epi8((char)(0x80 + 26));
    const __m128i da = _mm_set1_epi8((char)(0x80 - '0')), dz = _mm_set1_epi8((char)(0x80 + 10));
    size_t lim = n < cap ? n : cap, b = 0;
    for (; b < lim; b += 16) {
        __m128i v;
        if (b + 16 <= n) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(p + b));
        } else { /* the last bytes, zero padded: zeros are separators */
            char tail[16] = {0};
            memcpy(tail, p + b, n - b);
            v = _mm_loadu_si128((const __m128i *)(const void *)tail);
        }
        __m128i lw = _mm_or_si128(v, x20);
        _mm_storeu_si128((__m128i *)(void *)(low + b), lw);
        /* signed (x + 0x80 - lo) < 0x80 + count  ⇔  lo ≤ x < lo + count */
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lw, la), lz);
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, da), dz);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
        unsigned hi = (unsigned)_mm_movemask_epi8(v);
        if (hi) { /* a non-ASCII byte: the scan ends there */
            unsigned f = (unsigned)__builtin_ctz(hi);
            m &= (1u << f) - 1;
            lim = b + f < lim ? b + f : lim;
        }
        if (b + 16 > lim) /* cap inside this block (cap is a multiple of 16: n) */
            m &= (1u << (lim - b)) - 1;
        bits[b >> 6] |= (uint64_t)m << (b & 63);
        if (hi) {
            b += 16;
            break;
        }
    }
    _mm_storeu_si128((__m128i *)(void *)(low + b), _mm_setzero_si128());
    return lim;
}

/* First position ≥ pos, below lim, whose bit is set (want 1) or clear
 * (want 0); lim when none. */
static inline size_t bits_next(const uint64_t *bits, size_t pos, size_t lim, int want)
{
    while (pos < lim) {
        uint64_t w = bits[pos >> 6];
        if (!want)
            w = ~w;
        w >>= pos & 63;
        if (w) {
            pos += (size_t)__builtin_ctzll(w);
            return pos < lim ? pos : lim;
        }
        pos = (pos | 63) + 1;
    }
    return lim;
}

/* Appends the folded bytes low[s..e) to the key (the word being built). */
static inline void key_append(ckey *k, const char *low, size_t s, size_t e)
{
    if (e - s <= 16) /* the caller keeps kn + 16 inside k->k */
        memcpy(k->k + k->kn, low + s, 16);
    else
        memcpy(k->k + k->kn, low + s, e - s);
    k->kn += e - s;
}

/* The words of the ASCII bytes from raw offset from on (raw[from] is
 * ASCII), as the byte builder would make them, from a block scan. *inw: a
 * word is open on entry / on return (it touches the end of the scan).
 * Returns where the byte builder goes on; from itself when the key is too
 * close to full for a scan (then the byte builder does the rest, with its
 * truncation rules). *full: the word count is at its cap and a word starts
 * at the returned offset (the key is then truncated there). The scan is
 * capped so that no word can overflow the key inside it: the key grows by
 * at most one byte more than the raw bytes scanned. */
static size_t ckey_fast(ckey *k, size_t from, bool *inw, bool *full)
{
    if (k->kn + 19 + 64 > CKEY_CAP)
        return from;
    size_t cap = CKEY_CAP - 19 - k->kn;
    cap = cap < CKEY_FAST_MAX ? cap & ~(size_t)15 : CKEY_FAST_MAX;
    uint64_t bits[CKEY_FAST_MAX / 64] = {0};
    char low[CKEY_FAST_MAX + 32];
    size_t rest = k->rn - from;
    size_t lim = ckey_scan_ascii(k->raw + from, rest, cap, bits, low), i = 0;
    if (*inw) { /* the open word goes on through the leading run, if any */
        size_t e = bits_next(bits, 0, lim, 0);
        if (e) {
            key_append(k, low, 0, e);
            k->w[k->nw - 1].re = (uint32_t)(from + e);
            if (e == lim && lim < rest)
                return from + lim;
        }
        word_close(k);
        *inw = false;
        i = e;
    }
    /* the bloom bits gather in registers: the words' hashes are read from
     * low, not from the key just stored */
    uint64_t bl[4] = {0, 0, 0, 0};
    size_t at;
    for (;;) {
        size_t s = bits_next(bits, i, lim, 1);
        if (s >= lim) {
            at = from + lim;
            break;
        }
        if (k->nw == CKEY_MAXW) {
            *full = true;
            at = from + s;
            break;
        }
        size_t e = bits_next(bits, s, lim, 0);
        if (k->nw)
            k->k[k->kn++] = ' ';
        ckey_word *w = &k->w[k->nw++];
        w->rs = (uint32_t)(from + s);
        w->ks = (uint16_t)k->kn;
        key_append(k, low, s, e);
        w->re = (uint32_t)(from + e);
        if (e == lim && lim < rest) {
            *inw = true;
            at = from + lim;
            break;
        }
        w->ke = (uint16_t)k->kn;
        unsigned h = ckey_tri_hash(low + s, e - s);
        bl[h >> 6] |= (uint64_t)1 << (h & 63);
        i = e;
    }
    k->bloom[0] |= bl[0], k->bloom[1] |= bl[1], k->bloom[2] |= bl[2], k->bloom[3] |= bl[3];
    return at;
}
#endif

void ckey_build(ckey *k, const char *raw, size_t n)
{
    ckey_reset(k, raw, n);
    bool inw = false;
    size_t i = 0;
#ifdef __SSE2__
    while (i < n) {
        if ((unsigned char)raw[i] >= 0x80) {
            if (!ckey_cp_step(k, &i, &inw))
                goto done;
            continue;
        }
        bool full = false;
        size_t j = ckey_fast(k, i, &inw, &full);
        if (full) {
            k->trunc = true;
            goto done;
        }
        if (j == i)
            break; /* the key is nearly full: the byte builder finishes */
        i = j;
    }
    if (i == n) {
    done:
        if (inw && k->nw)
            word_close(k);
        k->k[k->kn] = 0;
        return;
    }
#endif
    ckey_scan_from(k, i, inw);
}

void ckey_build_bytewise(ckey *k, const char *raw, size_t n)
{
    ckey_reset(k, raw, n);
    ckey_scan_from(k, 0, false);
}

size_t ckey_fold_phrase(const char *s, char *out, size_t cap)
{
    /* '#' is the pattern wildcard: keep it as a word of its own. */
    ckey kb, *k = &kb;
    size_t n = strlen(s), o = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '#')
            continue;
        ckey_build(k, s + start, i - start);
        if (k->kn && o + k->kn + 2 < cap) {
            if (o)
                out[o++] = ' ';
            memcpy(out + o, k->k, k->kn);
            o += k->kn;
        }
        if (i < n && o + 3 < cap) {
            if (o)
                out[o++] = ' ';
            out[o++] = '#';
        }
        start = i + 1;
    }
    out[o] = 0;
    return o;
}

bool ckey_word_is(const ckey *k, size_t i, const char *s)
{
    size_t l = strlen(s);
    return i < k->nw && ckey_wl(k, i) == l && memcmp(ckey_wp(k, i), s, l) == 0;
}

bool ckey_word_digits(const ckey *k, size_t i)
{
    if (i >= k->nw)
        return false;
    const char *p = ckey_wp(k, i);
    size_t l = ckey_wl(k, i);
    for (size_t j = 0; j < l; j++)
        if (p[j] < '0' || p[j] > '9')
            return false;
    return l > 0;
}

bool ckey_word_upper(const ckey *k, size_t i)
{
    if (i >= k->nw)
        return false;
    for (uint32_t j = k->w[i].rs; j < k->w[i].re; j++)
        if (k->raw[j] < 'A' || k->raw[j] > 'Z')
            return false;
    return true;
}

bool ckey_word_cap(const ckey *k, size_t i)
{
    if (i >= k->nw)
        return false;
    unsigned char c = (unsigned char)k->raw[k->w[i].rs];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)k->raw + k->w[i].rs,
                                          (utf8proc_ssize_t)(k->rn - k->w[i].rs), &cp);
    if (l <= 0)
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

void ckey_gap(const ckey *k, long i, const char **p, size_t *n)
{
    size_t s, e;
    if (i < 0) {
        s = 0;
        e = k->nw ? k->w[0].rs : k->rn;
    } else if ((size_t)i + 1 >= k->nw) {
        s = (size_t)i < k->nw ? k->w[i].re : k->rn;
        e = k->trunc ? s : k->rn;
    } else {
        s = k->w[i].re;
        e = k->w[i + 1].rs;
    }
    *p = k->raw + s;
    *n = e - s;
}

/* Dash-like separators at p[j]: | and a spaced -, and as UTF-8:
 * · » (C2 ..), – — ― • › (E2 80 ..), → (E2 86 92), ▶ ► (E2 96 ..). */
static bool dash_at(const char *p, size_t n, size_t j)
{
    unsigned char c = (unsigned char)p[j];
    if (c == '|')
        return true;
    if (c == '-')
        return n > 1;
    if (c == 0xC2 && j + 1 < n)
        return (unsigned char)p[j + 1] == 0xB7 || (unsigned char)p[j + 1] == 0xBB;
    if (c != 0xE2 || j + 2 >= n)
        return false;
    unsigned char b1 = (unsigned char)p[j + 1], b2 = (unsigned char)p[j + 2];
    if (b1 == 0x80)
        return b2 == 0x93 || b2 == 0x94 || b2 == 0x95 || b2 == 0xA2 || b2 == 0xBA;
    if (b1 == 0x86)
        return b2 == 0x92;
    return b1 == 0x96 && (b2 == 0xB6 || b2 == 0xBA);
}

bool ckey_gap_has(const ckey *k, long i, const char *set, bool dash)
{
    const char *p;
    size_t n;
    ckey_gap(k, i, &p, &n);
    for (size_t j = 0; j < n; j++) {
        if ((unsigned char)p[j] < 0x80 && p[j] && strchr(set, p[j]))
            return true;
        if (dash && dash_at(p, n, j))
            return true;
    }
    return false;
}

size_t cpat_match(const char *pat, const ckey *k, size_t from, bool exact)
{
    size_t wi = from;
    const char *p = pat;
    while (*p) {
        if (wi >= k->nw)
            return 0;
        if (p[0] == '#' && (p[1] == ' ' || !p[1])) {
            if (!ckey_word_digits(k, wi))
                return 0;
            p++;
        } else {
            const char *w = ckey_wp(k, wi), *we = w + ckey_wl(k, wi);
            while (w < we && *p == *w)
                p++, w++;
            if (w != we || (*p && *p != ' '))
                return 0;
        }
        wi++;
        if (*p == ' ')
            p++;
    }
    if (exact && (wi != k->nw || k->trunc))
        return 0;
    return wi - from;
}

/* Compares the first word of pattern p with w[0..n) as unsigned bytes. */
static int first_word_cmp(const char *p, const char *w, size_t n)
{
    size_t j = 0;
    for (; p[j] && p[j] != ' ' && j < n; j++) {
        if (p[j] != w[j])
            return (unsigned char)p[j] < (unsigned char)w[j] ? -1 : 1;
    }
    bool pend = !p[j] || p[j] == ' ';
    if (pend && j == n)
        return 0;
    return pend ? -1 : 1;
}

/* The rules whose phrase starts with byte b are [crule_first[b],
 * crule_first[b + 1]) of the sorted table: built once per process, then
 * only read. A table out of order (never: tests check it) is searched
 * whole, as before the index. */
static size_t crule_first[257];
static bool crule_indexed;
static pthread_once_t crule_once = PTHREAD_ONCE_INIT;

static void crule_index_build(void)
{
    size_t r = 0;
    for (unsigned b = 0; b < 256; b++) {
        crule_first[b] = r;
        while (r < clean_n_rules && (unsigned char)clean_rules[r].pat[0] == b)
            r++;
    }
    crule_first[256] = r;
    crule_indexed = r == clean_n_rules;
}

bool crule_each(const ckey *k, crule_fn fn, void *user)
{
    if (k->nw == 0)
        return false;
    pthread_once(&crule_once, crule_index_build);
    const char *fw = ckey_word_digits(k, 0) ? "#" : ckey_wp(k, 0);
    size_t fl = ckey_word_digits(k, 0) ? 1 : ckey_wl(k, 0);
    unsigned b = (unsigned char)fw[0];
    size_t lo = 0, hi = clean_n_rules;
    if (crule_indexed)
        lo = crule_first[b], hi = crule_first[b + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (first_word_cmp(clean_rules[mid].pat, fw, fl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t words = ckey_words(k);
    for (size_t i = lo; i < clean_n_rules; i++) {
        const clean_rule *r = &clean_rules[i];
        if (first_word_cmp(r->pat, fw, fl) != 0)
            break;
        if (r->maxw && words > r->maxw)
            continue;
        size_t m = cpat_match(r->pat, k, 0, r->kind == CR_EXACT);
        if (m && fn(user, r, m))
            return true;
    }
    return false;
}

const clean_word *cws_find(const clean_wordset *s, const char *w, size_t n)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = s->v[mid].w;
        int c = 0; /* strncmp(e, w, n), inline: the words are short */
        for (size_t j = 0; j < n; j++) {
            unsigned char a = (unsigned char)e[j], b = (unsigned char)w[j];
            if (a != b) {
                c = a < b ? -1 : 1;
                break;
            }
            if (!a)
                break;
        }
        if (c == 0 && e[n])
            c = 1;
        if (c == 0)
            return &s->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---------------------------------------------------------------- raw helpers */

/* Length of s once trailing spaces and closing quotes/brackets are cut. */
static size_t strip_closers(const char *s, size_t n)
{
    for (;;) {
        while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'' ||
                     s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == '*'))
            n--;
        if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0 || /* ” */
                       memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0 || /* ’ */
                       memcmp(s + n - 3, "\xE2\x80\xBA", 3) == 0)) { /* › */
            n -= 3;
            continue;
        }
        if (n >= 2 && (memcmp(s + n - 2, "\xC2\xBB", 2) == 0 ||      /* » */
                       memcmp(s + n - 2, "\xC2\xA0", 2) == 0)) {      /* nbsp */
            n -= 2;
            continue;
        }
        return n;
    }
}

bool craw_ends_sentence(const char *s, size_t n)
{
    n = strip_closers(s, n);
    if (!n)
        return false;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?')
        return true;
    return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0; /* … */
}

bool craw_ends_period(const char *s, size_t n)
{
    n = strip_closers(s, n);
    return n && s[n - 1] == '.';
}

bool craw_starts_lower(const char *s, size_t n)
{
    if (!n)
        return false;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool craw_starts_dash(const char *s, size_t n)
{
    if (n && s[0] == '-')
        return true;
    return n >= 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0 ||
                      memcmp(s, "\xE2\x80\x95", 3) == 0);
}
