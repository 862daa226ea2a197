/*
 * utf8.c — UTF-8 hygiene and normalisation.
 *
 * utf8_clean turns arbitrary bytes into valid UTF-8 following the Unicode
 * "maximal subpart" practice: each maximal ill-formed subsequence (a bad
 * lead byte, or a valid prefix of a sequence that is cut short) becomes one
 * U+FFFD, and every byte so replaced is counted. Overlongs and surrogates
 * are ill-formed by the well-formed byte table (Unicode 15, table 3-7).
 * The common case — already clean text — is a scan plus one memcpy.
 *
 * Folding is NFKC + full case folding + removal of default-ignorable code
 * points (soft hyphen, zero-width joiners) through utf8proc, with an ASCII
 * fast path (plain lowercase) and, for words, a scratch buffer in text_res
 * so that no allocation happens per word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_res.h"

#define FOLD_OPTS                                                                                  \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* Length of the well-formed sequence at s[0..n), or 0 when ill-formed; then
 * *bad gets the length of the maximal subpart to replace (≥ 1). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned c = s[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* beyond U+10FFFF */
    } else {
        *bad = 1; /* 80..C1, F5..FF never start a sequence */
        return 0;
    }
    size_t k = 1;
    for (; k < need; k++) {
        if (k >= n)
            break;
        unsigned b = s[k];
        unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h)
            break;
    }
    if (k == need)
        return need;
    *bad = k;
    return 0;
}

/* True when the 8 bytes at p are ASCII with no CR and no NUL. */
static int utf8_plain8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t cr = v ^ (0x0Dull * ones);
    uint64_t zero = (v - ones) & ~v & highs;
    uint64_t iscr = (cr - ones) & ~cr & highs;
    return !(v & highs) && !zero && !iscr;
}

/* One pass of cleaning: with out == NULL only measures. Returns the output
 * length; counts replaced bytes in *n_bad and sets *changed when the output
 * differs from the input. */
static size_t utf8_clean_pass(const unsigned char *s, size_t n, char *out, unsigned *n_bad,
                              int *changed)
{
    int ch = 0;
    static const char fffd[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
    size_t i = 0, o = 0;
    unsigned bad_total = 0;
    while (i < n) {
        if (i + 8 <= n && utf8_plain8(s + i)) {
            if (out)
                memcpy(out + o, s + i, 8);
            i += 8;
            o += 8;
            continue;
        }
        unsigned c = s[i];
        if (c == 0) {
            i++;
            ch = 1;
            continue;
        }
        if (c == '\r') {
            ch = 1;
            if (out)
                out[o] = '\n';
            o++;
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        size_t bad = 0, k = utf8_seq(s + i, n - i, &bad);
        if (k) {
            if (out)
                memcpy(out + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        if (out)
            memcpy(out + o, fffd, 3);
        o += 3;
        i += bad;
        bad_total += (unsigned)bad;
        ch = 1;
    }
    *n_bad = bad_total;
    *changed = ch;
    return o;
}

char *utf8_clean(sl_arena *a, const char *s, size_t n, size_t *out_len, unsigned *n_bad)
{
    unsigned bad = 0;
    int changed = 0;
    if (!s)
        n = 0;
    size_t len = utf8_clean_pass((const unsigned char *)s, n, NULL, &bad, &changed);
    char *out = arena_alloc(a, len + 1);
    if (!changed) {
        if (n)
            memcpy(out, s, n);
    } else {
        utf8_clean_pass((const unsigned char *)s, n, out, &bad, &changed);
    }
    out[len] = 0;
    *out_len = len;
    if (n_bad)
        *n_bad = bad;
    return out;
}

size_t utf8_next(const char *s, size_t n, size_t i, int32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t left = n - i, bad = 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t k = utf8_seq(p, left, &bad);
    switch (k) {
    case 2:
        *cp = (int32_t)(((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu));
        return 2;
    case 3:
        *cp = (int32_t)(((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
        return 3;
    case 4:
        *cp = (int32_t)(((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
                        (p[3] & 0x3Fu));
        return 4;
    default:
        *cp = 0xFFFD;
        return 1;
    }
}

size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
    if (!n) {
        *cp = 0;
        return 0;
    }
    return utf8_next(s, n, 0, cp);
}

static int fold_is_ascii(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if (v & 0x8080808080808080ull)
            return 0;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static void fold_ascii(char *dst, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
}

/* utf8proc folding into buf (cap code points). Returns the UTF-8 length
 * written over buf, -1 on an utf8proc error, or -2 when cap is too small
 * (then *need gets the count of code points needed). */
static utf8proc_ssize_t fold_utf8proc(const char *s, size_t n, int32_t *buf, size_t cap,
                                      size_t *need)
{
    utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf,
                                            (utf8proc_ssize_t)cap, FOLD_OPTS);
    if (k < 0)
        return -1;
    if ((size_t)k >= cap) { /* reencode also writes a NUL after the bytes */
        *need = (size_t)k + 1;
        return -2;
    }
    utf8proc_ssize_t len = utf8proc_reencode(buf, k, FOLD_OPTS);
    return len < 0 ? -1 : len;
}

char *text_fold(sl_arena *a, const char *s, size_t n, size_t *out_len)
{
    if (!s)
        n = 0;
    if (fold_is_ascii(s, n)) {
        char *out = arena_alloc(a, n + 1);
        fold_ascii(out, s, n);
        out[n] = 0;
        *out_len = n;
        return out;
    }
    int32_t stack[512];
    int32_t *buf = stack;
    size_t cap = sizeof stack / sizeof stack[0], need = 0;
    utf8proc_ssize_t len = fold_utf8proc(s, n, buf, cap, &need);
    if (len == -2) {
        cap = need + 1;
        buf = malloc(cap * sizeof *buf);
        len = buf ? fold_utf8proc(s, n, buf, cap, &need) : -1;
        if (!buf)
            buf = stack;
    }
    char *out;
    if (len >= 0) {
        out = arena_strndup(a, (const char *)buf, (size_t)len);
        *out_len = (size_t)len;
    } else { /* not valid UTF-8 after all: lowercase what is ASCII */
        out = arena_alloc(a, n + 1);
        fold_ascii(out, s, n);
        out[n] = 0;
        *out_len = n;
    }
    if (buf != stack)
        free(buf);
    return out;
}

static void *utf8_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("storyline: out of memory (fold), aborting\n", stderr);
        abort();
    }
    return q;
}

size_t text_fold_scratch(text_res *r, const char *s, size_t n, const char **out)
{
    if (r->fold_cap < n + 1) {
        r->fold_cap = n + 64;
        r->fold = utf8_xrealloc(r->fold, r->fold_cap);
    }
    if (fold_is_ascii(s, n)) {
        fold_ascii(r->fold, s, n);
        r->fold[n] = 0;
        *out = r->fold;
        return n;
    }
    if (r->cp_cap < 64) {
        r->cp_cap = 64;
        r->cp = utf8_xrealloc(r->cp, r->cp_cap * sizeof *r->cp);
    }
    size_t need = 0;
    utf8proc_ssize_t len = fold_utf8proc(s, n, r->cp, r->cp_cap, &need);
    if (len == -2) {
        r->cp_cap = need + 1;
        r->cp = utf8_xrealloc(r->cp, r->cp_cap * sizeof *r->cp);
        len = fold_utf8proc(s, n, r->cp, r->cp_cap, &need);
    }
    if (len < 0) {
        fold_ascii(r->fold, s, n);
        r->fold[n] = 0;
        *out = r->fold;
        return n;
    }
    *out = (const char *)r->cp; /* reencode wrote UTF-8 over the code points */
    return (size_t)len;
}
