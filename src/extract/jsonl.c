/*
 * jsonl.c — JSON Lines reader: one JSON object per line with the fields
 * id, url, source, title, date, lang, text (unknown fields ignored, missing
 * ones derived later). A bad line is reported as file:line and skipped.
 *
 * Lines are read in a streaming way (stdin may carry millions of articles);
 * a line longer than JSONL_MAX_LINE is drained and reported, never loaded.
 *
 * Decoding: jansson reads byte by byte through its stream layer (about
 * 12 ns a byte), and nearly all of a record's bytes are one string, the
 * text, then the title and url. So a line goes through jansson as a
 * *frame*: the long string values of the top-level object are cut out and
 * replaced by placeholders ("\u0000a", "\u0000b", ...); those strings are
 * decoded here, strictly (only what jansson surely accepts: well-formed
 * UTF-8, no control bytes, the JSON escapes with paired surrogates), and
 * put back into the object jansson built. Whenever anything is unusual (a
 * string does not decode strictly, the frame would hold a \u0000 of its
 * own, the frame does not parse) the whole line goes to jansson as it is,
 * so errors, their columns and every decoded value are jansson's own.
 * tests/test_jsonl.c checks that both ways give equal objects.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "jsonl.h"
#include "reader.h"

/* JSON escaping can grow text up to 6x; allow that over the article cap. */
#define JSONL_MAX_LINE ((size_t)SL_MAX_ARTICLE_BYTES * 6 + 65536)

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int jsonl_sniff(const char *filename, const unsigned char *head, size_t n)
{
    if (filename && (ends_with(filename, ".jsonl") || ends_with(filename, ".ndjson") ||
                     ends_with(filename, ".json")))
        return 90;
    size_t i = 0;
    if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
        i++;
    /* Starts with an object whose first key is quoted: JSON Lines. */
    if (i + 1 < n && head[i] == '{') {
        size_t j = i + 1;
        while (j < n && (head[j] == ' ' || head[j] == '\t'))
            j++;
        if (j < n && head[j] == '"')
            return 70;
    }
    return 0;
}

/* Streaming line source: the sniffed head first, then the file. */
typedef struct lines {
    reader_input *in;
    size_t head_pos;
    unsigned char chunk[65536];
    size_t pos, len;
    int eof;
} lines;

static int lines_getc(lines *l)
{
    if (l->head_pos < l->in->head_len)
        return l->in->head[l->head_pos++];
    if (l->pos == l->len) {
        if (l->eof)
            return EOF;
        l->len = fread(l->chunk, 1, sizeof l->chunk, l->in->f);
        l->pos = 0;
        if (l->len == 0) {
            l->eof = 1;
            return EOF;
        }
    }
    return l->chunk[l->pos++];
}

/* Reads one line into b (without the newline). Returns 0 at end of input,
 * 1 for a line, -1 for a line over the limit (drained, b emptied). */
static int lines_next(lines *l, buf *b)
{
    buf_clear(b);
    int c, any = 0, over = 0;
    /* Fast path: copy runs from the chunk buffer. */
    for (;;) {
        if (l->head_pos >= l->in->head_len && l->pos < l->len) {
            unsigned char *s = l->chunk + l->pos;
            unsigned char *nl = memchr(s, '\n', l->len - l->pos);
            size_t k = nl ? (size_t)(nl - s) : l->len - l->pos;
            if (!over) {
                if (b->len + k > JSONL_MAX_LINE) {
                    over = 1;
                    buf_clear(b);
                } else {
                    buf_add(b, s, k);
                }
            }
            any = 1;
            l->pos += k;
            if (nl) {
                l->pos++;
                return over ? -1 : 1;
            }
            continue;
        }
        c = lines_getc(l);
        if (c == EOF)
            return any ? (over ? -1 : 1) : 0;
        any = 1;
        if (c == '\n')
            return over ? -1 : 1;
        if (!over) {
            if (b->len + 1 > JSONL_MAX_LINE) {
                over = 1;
                buf_clear(b);
            } else {
                buf_addc(b, (char)c);
            }
        }
    }
}

/* ------------------------------------------------------- the frame fast path */

#define JSONL_CUT_MIN 12   /* strings shorter than this stay in the frame */
#define JSONL_CUT_WORTH 128 /* below this many bytes to cut, jansson alone */

/* End of the JSON string whose content starts at s[i] (just after its
 * opening quote): the index of the closing quote, or n when none. */
static size_t str_end(const char *s, size_t n, size_t i)
{
    for (;;) {
        const char *q = i < n ? memchr(s + i, '"', n - i) : NULL;
        if (!q)
            return n;
        size_t at = (size_t)(q - s), bs = 0;
        while (at - bs > i && s[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at;
        i = at + 1;
    }
}

/* The string values of at least JSONL_CUT_MIN bytes that are members of
 * the top-level object of s[0..n), in order (at most JSONL_CUTS): their
 * content spans go to sc->cut. Returns the bytes they hold. Read as valid
 * JSON: on invalid input the spans may be anything, and the caller's
 * jansson parse of the frame then decides. */
static size_t find_cuts(const char *s, size_t n, jsonl_scratch *sc)
{
    size_t i = 0, total = 0;
    sc->n_cut = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (i == n || s[i] != '{')
        return 0;
    int depth = 0;
    char last = 0; /* last character outside strings that is not a space */
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"') {
            size_t e = str_end(s, n, i + 1);
            if (e == n)
                return 0;
            if (depth == 1 && last == ':' && e - (i + 1) >= JSONL_CUT_MIN &&
                sc->n_cut < JSONL_CUTS) {
                sc->cut[sc->n_cut].s = i + 1;
                sc->cut[sc->n_cut].e = e;
                sc->n_cut++;
                total += e - (i + 1);
            }
            last = '"';
            i = e;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            last = c;
    }
    return total;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Length of the well-formed UTF-8 sequence (2–4 bytes) at s[0..n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0; /* overlong, surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0; /* overlong, above U+10FFFF */
        return 4;
    }
    return 0;
}

static char *put_utf8(char *o, int cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Appends the decoded content of a JSON string, s[0..n), to b. False on
 * anything that jansson might refuse or read otherwise: then the caller
 * gives the line to jansson whole. */
static bool unescape(const char *s, size_t n, buf *b)
{
    buf_reserve(b, n);
    char *o = b->data + b->len;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    while (i < n) {
        /* eight plain ASCII bytes at a time: none ≥ 0x80, below 0x20 or a
         * backslash (the tests may flag more bytes, never fewer) */
        while (i + 8 <= n) {
            uint64_t v, bs;
            memcpy(&v, s + i, 8);
            bs = v ^ (ones * '\\');
            if (((v | ((v - ones * 0x20) & ~v) | ((bs - ones) & ~bs)) & high))
                break;
            memcpy(o, &v, 8);
            o += 8;
            i += 8;
        }
        if (i == n)
            break;
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '\\') {
            *o++ = (char)c;
            i++;
        } else if (c >= 0x80) {
            size_t l = utf8_seq(u + i, n - i);
            if (!l)
                return false;
            memcpy(o, s + i, l);
            o += l;
            i += l;
        } else if (c != '\\' || i + 1 == n) {
            return false; /* a control byte */
        } else {
            char e = s[i + 1];
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                *o++ = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
                i += 2;
                continue;
            }
            if (e != 'u' || i + 6 > n)
                return false;
            int cp = hex4(s + i + 2);
            i += 6;
            if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int lo = i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u' ? hex4(s + i + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                cp = ((cp - 0xD800) << 10) + (lo - 0xDC00) + 0x10000;
                i += 6;
            }
            o = put_utf8(o, cp);
        }
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = 0;
    return true;
}

static json_t *frame_parse(const char *s, size_t n, jsonl_scratch *sc)
{
    if (find_cuts(s, n, sc) < JSONL_CUT_WORTH)
        return NULL;
    buf *f = &sc->frame, *v = &sc->value;
    buf_clear(f);
    buf_clear(v);
    size_t from = 0, off[JSONL_CUTS + 1];
    for (size_t k = 0; k < sc->n_cut; k++) {
        /* the placeholders must be the only NULs the frame can decode to */
        const char *gap = s + from;
        size_t gn = sc->cut[k].s - from;
        if (memmem(gap, gn, "\\u0000", 6))
            return NULL;
        off[k] = v->len;
        if (!unescape(s + sc->cut[k].s, sc->cut[k].e - sc->cut[k].s, v))
            return NULL;
        buf_add(f, gap, gn);
        char ph[8] = {'\\', 'u', '0', '0', '0', '0', (char)('a' + k), 0};
        buf_add(f, ph, 7);
        from = sc->cut[k].e;
    }
    off[sc->n_cut] = v->len;
    if (memmem(s + from, n - from, "\\u0000", 6))
        return NULL;
    buf_add(f, s + from, n - from);
    json_error_t err;
    json_t *obj = json_loadb(f->data, f->len, JSON_ALLOW_NUL, &err);
    if (!obj || !json_is_object(obj)) {
        json_decref(obj);
        return NULL;
    }
    /* a placeholder may be gone: a later duplicate key replaced it, as it
     * would have replaced the string itself */
    const char *key;
    json_t *m;
    json_object_foreach(obj, key, m)
    {
        const char *p = json_is_string(m) ? json_string_value(m) : NULL;
        size_t k = p && json_string_length(m) == 2 && !p[0] ? (size_t)(p[1] - 'a') : JSONL_CUTS;
        if (k < sc->n_cut)
            json_string_setn_nocheck(m, v->data + off[k], off[k + 1] - off[k]);
    }
    sc->framed++;
    return obj;
}

void jsonl_scratch_init(jsonl_scratch *sc)
{
    buf_init(&sc->frame);
    buf_init(&sc->value);
    sc->framed = 0;
}

void jsonl_scratch_free(jsonl_scratch *sc)
{
    buf_free(&sc->frame);
    buf_free(&sc->value);
}

json_t *jsonl_parse(const char *s, size_t n, jsonl_scratch *sc, json_error_t *err)
{
    if (sc) {
        json_t *obj = frame_parse(s, n, sc);
        if (obj)
            return obj;
    }
    return json_loadb(s, n, JSON_ALLOW_NUL, err);
}

/* ------------------------------------------------------------------ records */

/* A field as a string: strings as they are, numbers printed; else NULL. */
static const char *field(json_t *obj, const char *key, char *numbuf, size_t nb)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(numbuf, nb, "%lld", (long long)json_integer_value(v));
        return numbuf;
    }
    return NULL;
}

static const char *first_field(json_t *obj, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(obj, *keys);
        if (v && json_is_string(v))
            return json_string_value(v);
    }
    return NULL;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static long jsonl_read(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped)
{
    static const char *const k_source[] = {"source", "outlet", "site", "site_name", NULL};
    static const char *const k_date[] = {"date", "published", "published_at", "pubdate",
                                         "datePublished", NULL};
    static const char *const k_text[] = {"text", "body", "content", NULL};
    static const char *const k_lang[] = {"lang", "language", NULL};

    lines *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    l->in = in;
    buf line;
    buf_init(&line);
    jsonl_scratch sc;
    jsonl_scratch_init(&sc);
    long count = 0;
    unsigned lineno = 0;
    int r;
    while ((r = lines_next(l, &line)) != 0) {
        lineno++;
        if (r < 0) {
            sl_diag(ctx, SL_ERROR, in->name, lineno, "line longer than %zu MB, skipped",
                    JSONL_MAX_LINE >> 20);
            continue;
        }
        const char *s = line.data;
        size_t n = line.len;
        if (lineno == 1 && n >= 3 && (unsigned char)s[0] == 0xEF &&
            (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
            s += 3, n -= 3;
        if (blank(s, n))
            continue;
        json_error_t err;
        json_t *obj = jsonl_parse(s, n, &sc, &err);
        if (!obj) {
            sl_diag(ctx, SL_ERROR, in->name, lineno, "invalid JSON (%s at column %d), line skipped",
                    err.text, err.column);
            continue;
        }
        if (!json_is_object(obj)) {
            sl_diag(ctx, SL_ERROR, in->name, lineno, "not a JSON object, line skipped");
            json_decref(obj);
            continue;
        }
        json_t *tv = NULL;
        for (const char *const *k = k_text; *k && !tv; k++) {
            json_t *v = json_object_get(obj, *k);
            if (v && json_is_string(v))
                tv = v;
        }
        const char *title = first_field(obj, (const char *const[]){"title", "headline", NULL});
        if (!tv && !title) {
            sl_diag(ctx, SL_ERROR, in->name, lineno, "no \"text\" nor \"title\" field, line skipped");
            json_decref(obj);
            continue;
        }
        char idbuf[32];
        sl_raw raw = {0};
        raw.id = field(obj, "id", idbuf, sizeof idbuf);
        raw.url = first_field(obj, (const char *const[]){"url", "link", NULL});
        raw.source = first_field(obj, k_source);
        raw.title = title;
        raw.date = first_field(obj, k_date);
        raw.lang = first_field(obj, k_lang);
        raw.text = tv ? json_string_value(tv) : "";
        raw.text_len = tv ? json_string_length(tv) : 0;
        raw.origin = in->name;
        raw.line = lineno;
        raw.format = "jsonl";
        count++;
        int go_on = fn(user, &raw);
        json_decref(obj);
        if (!go_on) {
            *stopped = 1;
            break;
        }
    }
    buf_free(&line);
    jsonl_scratch_free(&sc);
    free(l);
    return count;
}

const reader_ops reader_jsonl = {"jsonl", jsonl_sniff, jsonl_read};
