/*
 * jsonl.c — JSON Lines reader: one JSON object per line with the fields
 * id, url, source, title, date, lang, text (unknown fields ignored, missing
 * ones derived later). A bad line is reported as file:line and skipped.
 *
 * Lines are read in a streaming way (stdin may carry millions of articles);
 * a line longer than JSONL_MAX_LINE is drained and reported, never loaded.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
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
        json_t *obj = json_loadb(s, n, JSON_ALLOW_NUL, &err);
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
    free(l);
    return count;
}

const reader_ops reader_jsonl = {"jsonl", jsonl_sniff, jsonl_read};
