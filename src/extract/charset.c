/*
 * charset.c — encoding decision and conversion to UTF-8 (see charset.h).
 *
 * UTF-8 input is validated and copied in runs (ASCII fast path); any other
 * encoding goes through iconv, one undecodable byte at a time replaced by
 * U+FFFD. Names follow the WHATWG encoding table where it differs from
 * the label: latin-1 and ASCII labels mean windows-1252, GB2312 means GBK.
 */
#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define META_SCAN 16384

static const char REPL[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* Counts invalid and multi-byte sequences in p[0..n). */
static void utf8_stats(const char *p, size_t n, size_t *bad, size_t *multi)
{
    const unsigned char *s = (const unsigned char *)p;
    *bad = *multi = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            /* ASCII fast path, eight bytes at a time */
            while (i + 8 <= n) {
                uint64_t v;
                memcpy(&v, s + i, 8);
                if (v & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            if (i < n && s[i] < 0x80)
                i++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i);
        if (k == 0) {
            /* a sequence cut by the end of a truncated input is not an error */
            if (n - i < 4 && s[i] >= 0xC2)
                break;
            (*bad)++;
            i++;
        } else {
            (*multi)++;
            i += k;
        }
    }
}

int charset_valid_utf8(const char *p, size_t n, int *multi)
{
    size_t bad, m;
    utf8_stats(p, n, &bad, &m);
    if (multi)
        *multi = m > 0;
    return bad == 0;
}

/* Lower-cases and maps a charset label to a canonical iconv name; NULL for
 * an unknown or unusable label. */
static const char *canon(const char *label, char *out, size_t cap)
{
    static const char *const map[][2] = {
        {"utf-8", "UTF-8"},
        {"utf8", "UTF-8"},
        {"unicode-1-1-utf-8", "UTF-8"},
        {"iso-8859-1", "WINDOWS-1252"},
        {"iso8859-1", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"},
        {"latin-1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"},
        {"windows-1252", "WINDOWS-1252"},
        {"cp1252", "WINDOWS-1252"},
        {"iso-8859-15", "ISO-8859-15"},
        {"iso-8859-2", "ISO-8859-2"},
        {"windows-1250", "WINDOWS-1250"},
        {"windows-1251", "WINDOWS-1251"},
        {"cp1251", "WINDOWS-1251"},
        {"koi8-r", "KOI8-R"},
        {"koi8-u", "KOI8-U"},
        {"iso-8859-5", "ISO-8859-5"},
        {"iso-8859-7", "ISO-8859-7"},
        {"windows-1253", "WINDOWS-1253"},
        {"iso-8859-9", "WINDOWS-1254"},
        {"windows-1254", "WINDOWS-1254"},
        {"windows-1256", "WINDOWS-1256"},
        {"windows-1257", "WINDOWS-1257"},
        {"shift_jis", "SHIFT_JIS"},
        {"shift-jis", "SHIFT_JIS"},
        {"sjis", "SHIFT_JIS"},
        {"x-sjis", "SHIFT_JIS"},
        {"euc-jp", "EUC-JP"},
        {"iso-2022-jp", "ISO-2022-JP"},
        {"gb2312", "GBK"},
        {"gbk", "GBK"},
        {"gb18030", "GB18030"},
        {"big5", "BIG5"},
        {"euc-kr", "CP949"},
        {"ks_c_5601-1987", "CP949"},
        {"tis-620", "WINDOWS-874"},
        {"windows-874", "WINDOWS-874"},
        {"utf-16", "UTF-16"},
        {"utf-16le", "UTF-16LE"},
        {"utf-16be", "UTF-16BE"},
    };
    char low[40];
    size_t n = 0;
    while (label[n] && n + 1 < sizeof low) {
        low[n] = (char)tolower((unsigned char)label[n]);
        n++;
    }
    low[n] = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(low, map[i][0]) == 0) {
            snprintf(out, cap, "%s", map[i][1]);
            return out;
        }
    /* Unknown label: accept it if iconv knows it. */
    if (n == 0)
        return NULL;
    iconv_t cd = iconv_open("UTF-8", low);
    if (cd == (iconv_t)-1)
        return NULL;
    iconv_close(cd);
    snprintf(out, cap, "%s", low);
    for (char *q = out; *q; q++)
        *q = (char)toupper((unsigned char)*q);
    return out;
}

/* Reads a charset token after "charset" at p (skipping spaces, '=', quotes). */
static size_t read_token(const char *p, const char *end, char *out, size_t cap)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '=')
        return 0;
    p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
        p++;
    size_t k = 0;
    while (p < end && k + 1 < cap &&
           (isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
        out[k++] = *p++;
    out[k] = 0;
    return k;
}

const char *charset_from_content_type(const char *ctype, char *out, size_t cap)
{
    if (!ctype)
        return NULL;
    const char *p = strcasestr(ctype, "charset");
    if (!p)
        return NULL;
    p += 7;
    return read_token(p, p + strlen(p), out, cap) ? out : NULL;
}

/* The charset declared by a <meta> tag in the first bytes, or NULL. */
static const char *meta_charset(const char *p, size_t n, char *out, size_t cap)
{
    const char *end = p + (n < META_SCAN ? n : META_SCAN);
    const char *s = p;
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt || end - lt < 6)
            return NULL;
        s = lt + 1;
        if (strncasecmp(s, "meta", 4) != 0)
            continue;
        const char *gt = memchr(s, '>', (size_t)(end - s));
        if (!gt)
            return NULL;
        for (const char *q = s; q + 7 < gt; q++) {
            if (strncasecmp(q, "charset", 7) == 0 && read_token(q + 7, gt, out, cap))
                return out;
        }
        s = gt;
    }
    return NULL;
}

static const char *decide(const char *p, size_t n, const char *http_charset, char *name,
                          charset_from *from, size_t *skip, size_t *n_bad);

const char *charset_decide(const char *p, size_t n, const char *http_charset, char *name,
                           charset_from *from, size_t *skip, int *clean)
{
    size_t bad = 1;
    const char *r = decide(p, n, http_charset, name, from, skip, &bad);
    if (clean)
        *clean = bad == 0 && !strcmp(r, "UTF-8");
    return r;
}

static const char *decide(const char *p, size_t n, const char *http_charset, char *name,
                          charset_from *from, size_t *skip, size_t *n_bad)
{
    const unsigned char *u = (const unsigned char *)p;
    char label[64];
    *skip = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *from = CHARSET_BOM;
        *skip = 3;
        size_t m;
        utf8_stats(p + 3, n - 3, n_bad, &m);
        return strcpy(name, "UTF-8");
    }
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *from = CHARSET_BOM;
        *skip = 2;
        return strcpy(name, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
    }
    size_t bad, multi;
    utf8_stats(p, n, &bad, &multi);
    *n_bad = bad;
    const char *declared = NULL;
    if (http_charset && canon(http_charset, name, 40)) {
        declared = name;
        *from = CHARSET_HTTP;
    } else if (meta_charset(p, n, label, sizeof label) && canon(label, name, 40)) {
        declared = name;
        *from = CHARSET_META;
    }
    /* UTF-16 declared in a page that we could read as ASCII is a lie. */
    if (declared && strncmp(declared, "UTF-16", 6) == 0)
        declared = NULL;
    if (declared) {
        int is_utf8 = strcmp(declared, "UTF-8") == 0;
        if (is_utf8 && bad * 20 <= multi + 20)
            return name; /* valid enough: stray bytes become U+FFFD */
        if (!is_utf8 && (bad > 0 || multi == 0))
            return name;
    }
    /* Detection: valid UTF-8 with multi-byte text is UTF-8; else the
     * single-byte encoding the web uses most. */
    *from = CHARSET_DETECTED;
    if (bad == 0 || bad * 50 <= multi)
        return strcpy(name, "UTF-8");
    return strcpy(name, "WINDOWS-1252");
}

/* Copies UTF-8, replacing each invalid byte with U+FFFD and dropping NULs. */
static size_t copy_utf8(const char *p, size_t n, buf *out)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t bad = 0, i = 0, run = 0;
    buf_reserve(out, n + 16);
    while (i < n) {
        if (s[i] < 0x80 && s[i] != 0) {
            i++;
            continue;
        }
        size_t k = s[i] ? utf8_seq(s + i, n - i) : 0;
        if (k) {
            i += k;
            continue;
        }
        buf_add(out, p + run, i - run);
        if (s[i])
            buf_add(out, REPL, 3), bad++;
        i++;
        run = i;
    }
    buf_add(out, p + run, i - run);
    return bad;
}

size_t charset_to_utf8(const char *p, size_t n, const char *enc, buf *out)
{
    if (!enc || strcmp(enc, "UTF-8") == 0)
        return copy_utf8(p, n, out);
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return copy_utf8(p, n, out);
    size_t bad = 0;
    char *in = (char *)p;
    size_t left = n;
    char tmp[16384];
    while (left > 0) {
        char *o = tmp;
        size_t room = sizeof tmp;
        size_t r = iconv(cd, &in, &left, &o, &room);
        size_t made = (size_t)(o - tmp);
        /* drop NUL bytes from the output */
        size_t a = 0;
        for (size_t i = 0; i < made; i++)
            if (tmp[i] == 0) {
                buf_add(out, tmp + a, i - a);
                a = i + 1;
            }
        buf_add(out, tmp + a, made - a);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        /* EILSEQ or EINVAL (cut sequence at the end): replace one byte */
        buf_add(out, REPL, 3);
        bad++;
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return bad;
}
