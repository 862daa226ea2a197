/*
 * warc.c — WARC reader (plain or gzip, as CC-NEWS ships it): every
 * `response` record whose HTTP payload is HTML becomes one article.
 *
 * The file is streamed: gzip members are inflated one after the other
 * (a .warc.gz is one member per record), records are read header by
 * header and the block is held only while it is extracted, so memory stays
 * bounded by the largest record, itself capped at WARC_MAX_RECORD. A
 * record that says it is larger is skipped. Damaged input is survived:
 * corrupt gzip data resynchronises at the next member, garbage between
 * records is skipped up to the next "WARC/" line, a truncated record or
 * gzip stream is reported. A decompression bomb (output growing far past
 * what the compressed input can plausibly hold) stops the file.
 *
 * Payloads that are not HTML (images, PDF, JSON, robots.txt) are counted
 * and reported once per file, as are request/metadata/warcinfo records.
 * The HTTP Content-Type charset is passed to the HTML extractor; chunked
 * transfer and gzip/deflate content encodings are undone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "charset.h"
#include "html.h"
#include "reader.h"

#define WARC_MAX_RECORD ((size_t)50 << 20)
#define WARC_MAX_HEADER 65536
#define BOMB_RATIO 200
#define BOMB_FLOOR ((uint64_t)256 << 20)

/* ---------------------------------------------------------------- byte source */

typedef struct wsrc {
    reader_input *in;
    size_t head_pos;
    int gz, zinit, zeof, zerr;
    z_stream z;
    unsigned char cbuf[65536]; /* compressed input */
    unsigned char obuf[65536]; /* plain bytes ready */
    size_t opos, olen;
    int eof;
    uint64_t c_total, d_total; /* compressed read, decompressed produced */
    sl_ctx *ctx;
    int bomb, truncated_gz, resyncs;
} wsrc;

/* Reads raw (compressed or not) bytes: the sniffed head first. */
static size_t raw_read(wsrc *s, unsigned char *out, size_t cap)
{
    reader_input *in = s->in;
    if (s->head_pos < in->head_len) {
        size_t k = in->head_len - s->head_pos;
        if (k > cap)
            k = cap;
        memcpy(out, in->head + s->head_pos, k);
        s->head_pos += k;
        return k;
    }
    return fread(out, 1, cap, in->f);
}

/* Looks for the next gzip member header in the pending input. */
static int resync(wsrc *s)
{
    for (;;) {
        while (s->z.avail_in >= 3) {
            unsigned char *p = memchr(s->z.next_in + 1, 0x1f, s->z.avail_in - 1);
            if (!p)
                break;
            size_t off = (size_t)(p - s->z.next_in);
            s->z.next_in = p;
            s->z.avail_in -= (uInt)off;
            if (s->z.avail_in >= 3 && p[1] == 0x8b && p[2] == 8)
                return 1;
        }
        unsigned char keep[2];
        size_t kk = s->z.avail_in < 2 ? s->z.avail_in : 2;
        memcpy(keep, s->z.next_in + s->z.avail_in - kk, kk);
        memcpy(s->cbuf, keep, kk);
        size_t k = raw_read(s, s->cbuf + kk, sizeof s->cbuf - kk);
        if (k == 0)
            return 0;
        s->c_total += k;
        s->z.next_in = s->cbuf;
        s->z.avail_in = (uInt)(k + kk);
    }
}

/* Refills obuf; returns 0 at the end of input. */
static int src_fill(wsrc *s)
{
    s->opos = s->olen = 0;
    if (s->eof)
        return 0;
    if (!s->gz) {
        s->olen = raw_read(s, s->obuf, sizeof s->obuf);
        if (!s->olen)
            s->eof = 1;
        return s->olen > 0;
    }
    while (s->olen == 0) {
        if (s->z.avail_in == 0) {
            size_t k = raw_read(s, s->cbuf, sizeof s->cbuf);
            if (k == 0) {
                if (!s->zeof)
                    s->truncated_gz = 1;
                s->eof = 1;
                return 0;
            }
            s->c_total += k;
            s->z.next_in = s->cbuf;
            s->z.avail_in = (uInt)k;
            if (s->zeof) { /* a new member starts */
                inflateReset(&s->z);
                s->zeof = 0;
            }
        }
        s->z.next_out = s->obuf;
        s->z.avail_out = sizeof s->obuf;
        int r = inflate(&s->z, Z_NO_FLUSH);
        s->olen = sizeof s->obuf - s->z.avail_out;
        s->d_total += s->olen;
        if (s->d_total > BOMB_FLOOR && s->d_total > s->c_total * BOMB_RATIO) {
            s->bomb = 1;
            s->eof = 1;
            s->olen = 0;
            return 0;
        }
        if (r == Z_STREAM_END) {
            s->zeof = 1;
            if (s->z.avail_in > 0) {
                inflateReset(&s->z);
                s->zeof = 0;
            }
        } else if (r == Z_DATA_ERROR || r == Z_NEED_DICT || r == Z_MEM_ERROR) {
            s->resyncs++;
            if (!resync(s)) {
                s->eof = 1;
                return s->olen > 0;
            }
            inflateReset(&s->z);
        } else if (r == Z_BUF_ERROR && s->z.avail_in > 0 && s->olen == 0) {
            s->eof = 1;
            return 0;
        }
    }
    return 1;
}

/* One line (without CR LF) into b, at most max bytes kept. 0 at EOF. */
static int src_line(wsrc *s, buf *b, size_t max)
{
    buf_clear(b);
    int any = 0;
    for (;;) {
        if (s->opos == s->olen && !src_fill(s))
            return any;
        any = 1;
        unsigned char *p = s->obuf + s->opos;
        size_t avail = s->olen - s->opos;
        unsigned char *nl = memchr(p, '\n', avail);
        size_t k = nl ? (size_t)(nl - p) : avail;
        if (b->len < max)
            buf_add(b, p, b->len + k > max ? max - b->len : k);
        s->opos += k + (nl ? 1 : 0);
        if (nl) {
            if (b->len && b->data[b->len - 1] == '\r')
                b->data[--b->len] = 0;
            return 1;
        }
    }
}

/* Reads n bytes into b (if b) or skips them; returns the count obtained. */
static size_t src_take(wsrc *s, size_t n, buf *b)
{
    size_t got = 0;
    while (got < n) {
        if (s->opos == s->olen && !src_fill(s))
            break;
        size_t k = s->olen - s->opos;
        if (k > n - got)
            k = n - got;
        if (b)
            buf_add(b, s->obuf + s->opos, k);
        s->opos += k;
        got += k;
    }
    return got;
}

/* ---------------------------------------------------------------- HTTP payload */

/* Value of a "Name: value" header in a block of header lines, or NULL;
 * copied into out. */
static const char *header(const char *h, size_t n, const char *name, char *out, size_t cap)
{
    if (!h || !n)
        return NULL;
    size_t nl = strlen(name);
    const char *p = h, *end = h + n;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        if ((size_t)(e - p) > nl && !strncasecmp(p, name, nl) && p[nl] == ':') {
            const char *v = p + nl + 1;
            while (v < e && (*v == ' ' || *v == '\t'))
                v++;
            size_t k = (size_t)(e - v);
            while (k && (v[k - 1] == '\r' || v[k - 1] == ' '))
                k--;
            if (k >= cap)
                k = cap - 1;
            memcpy(out, v, k);
            out[k] = 0;
            return out;
        }
        p = e + 1;
    }
    return NULL;
}

/* Undoes chunked transfer encoding in place; returns the new length. */
static size_t dechunk(char *p, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        char *end;
        unsigned long sz = strtoul(p + r, &end, 16);
        if (end == p + r)
            break;
        char *nl = memchr(end, '\n', n - (size_t)(end - p));
        if (!nl)
            break;
        r = (size_t)(nl - p) + 1;
        if (sz == 0 || sz > n - r)
            sz = sz ? n - r : 0;
        if (!sz)
            break;
        memmove(p + w, p + r, sz);
        w += sz;
        r += sz;
        while (r < n && (p[r] == '\r' || p[r] == '\n'))
            r++;
    }
    return w;
}

/* Inflates a gzip or deflate body into out, capped. 0 on failure. */
static int inflate_body(const char *p, size_t n, int gzip, buf *out)
{
    z_stream z = {0};
    if (inflateInit2(&z, gzip ? 15 + 32 : -15) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    unsigned char tmp[65536];
    int r;
    do {
        z.next_out = tmp;
        z.avail_out = sizeof tmp;
        r = inflate(&z, Z_NO_FLUSH);
        buf_add(out, tmp, sizeof tmp - z.avail_out);
        if (out->len > WARC_MAX_RECORD)
            break;
    } while (r == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
    inflateEnd(&z);
    return out->len > 0;
}

static int is_html_type(const char *ct)
{
    return strcasestr(ct, "text/html") || strcasestr(ct, "application/xhtml");
}

/* ---------------------------------------------------------------- records */

typedef struct wstate {
    sl_ctx *ctx;
    reader_input *in;
    sl_raw_fn fn;
    void *user;
    int *stopped;
    long emitted, responses, html, not_html, other, errors;
} wstate;

static void http_response(wstate *st, unsigned rec, const char *url, char *blk, size_t n)
{
    st->responses++;
    if (!blk || n == 0) {
        sl_diag(st->ctx, SL_ERROR, st->in->name, rec, "empty response record, skipped");
        st->errors++;
        return;
    }
    char *sep = memmem(blk, n, "\r\n\r\n", 4);
    size_t hl = sep ? (size_t)(sep - blk) + 4 : 0;
    if (!sep) {
        char *s2 = memmem(blk, n, "\n\n", 2);
        hl = s2 ? (size_t)(s2 - blk) + 2 : 0;
    }
    if (!hl || strncmp(blk, "HTTP/", 5) != 0) {
        sl_diag(st->ctx, SL_ERROR, st->in->name, rec,
                "response record without HTTP headers, skipped");
        st->errors++;
        return;
    }
    char ct[256], te[64], ce[64], csbuf[64];
    if (!header(blk, hl, "Content-Type", ct, sizeof ct))
        ct[0] = 0;
    const char *sp = memchr(blk, ' ', hl);
    int status = sp ? atoi(sp + 1) : 0;
    if (!is_html_type(ct) || (status && (status < 200 || status >= 300))) {
        st->not_html++;
        return;
    }
    st->html++;
    char *body = blk + hl;
    size_t bl = n - hl;
    if (header(blk, hl, "Transfer-Encoding", te, sizeof te) && strcasestr(te, "chunked"))
        bl = dechunk(body, bl);
    buf inflated;
    buf_init(&inflated);
    if (header(blk, hl, "Content-Encoding", ce, sizeof ce) &&
        (strcasestr(ce, "gzip") || strcasestr(ce, "deflate"))) {
        if (inflate_body(body, bl, strcasestr(ce, "gzip") != NULL, &inflated)) {
            body = inflated.data;
            bl = inflated.len;
        }
    }
    html_opts o = {0};
    o.http_charset = charset_from_content_type(ct, csbuf, sizeof csbuf);
    o.url = url;
    html_doc *d = html_extract(body, bl, &o);
    buf_free(&inflated);
    if (!d->text_len) {
        sl_diag(st->ctx, SL_ERROR, st->in->name, rec, "%s: no article text found, skipped",
                url ? url : "(no URL)");
        st->errors++;
    } else {
        sl_raw raw;
        html_doc_raw(d, &raw);
        raw.origin = st->in->name;
        raw.line = rec;
        raw.format = "warc";
        st->emitted++;
        if (!st->fn(st->user, &raw))
            *st->stopped = 1;
    }
    html_doc_free(d);
}

/* Reads the record headers after the "WARC/x" line. 0 at EOF. */
static int read_headers(wsrc *s, buf *line, buf *hdr)
{
    buf_clear(hdr);
    for (;;) {
        if (!src_line(s, line, WARC_MAX_HEADER))
            return 0;
        if (line->len == 0)
            return 1;
        if (hdr->len < WARC_MAX_HEADER) {
            buf_add(hdr, line->data, line->len);
            buf_addc(hdr, '\n');
        }
    }
}

static long warc_read(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped)
{
    wsrc *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->in = in;
    s->ctx = ctx;
    s->gz = in->head_len >= 2 && in->head[0] == 0x1f && in->head[1] == 0x8b;
    if (s->gz && inflateInit2(&s->z, 15 + 16) != Z_OK) {
        free(s);
        return 0;
    }
    wstate st = {ctx, in, fn, user, stopped, 0, 0, 0, 0, 0, 0};
    buf line, hdr, blk;
    buf_init(&line);
    buf_init(&hdr);
    buf_init(&blk);
    unsigned rec = 0;
    long skipped_bytes = 0;
    while (!*stopped) {
        if (!src_line(s, &line, 256))
            break;
        if (line.len == 0)
            continue;
        if (strncmp(line.data, "WARC/", 5) != 0) {
            skipped_bytes += (long)line.len;
            continue;
        }
        rec++;
        if (!read_headers(s, &line, &hdr)) {
            sl_diag(ctx, SL_ERROR, in->name, rec, "record headers cut by the end of input");
            st.errors++;
            break;
        }
        char v[1024], type[64], ct[256];
        if (!header(hdr.data, hdr.len, "Content-Length", v, sizeof v)) {
            sl_diag(ctx, SL_ERROR, in->name, rec, "record without Content-Length, skipped");
            st.errors++;
            continue;
        }
        char *end;
        unsigned long long clen = strtoull(v, &end, 10);
        if (!header(hdr.data, hdr.len, "WARC-Type", type, sizeof type))
            type[0] = 0;
        if (clen > WARC_MAX_RECORD) {
            sl_diag(ctx, SL_ERROR, in->name, rec, "record of %llu MB over the %zu MB cap, skipped",
                    clen >> 20, WARC_MAX_RECORD >> 20);
            st.errors++;
            if (src_take(s, (size_t)clen, NULL) < clen)
                break;
            continue;
        }
        int response = !strcasecmp(type, "response");
        if (response && header(hdr.data, hdr.len, "Content-Type", ct, sizeof ct) &&
            !strcasestr(ct, "application/http")) {
            response = 0;
        }
        if (!response) {
            st.other++;
            if (src_take(s, (size_t)clen, NULL) < clen) {
                sl_diag(ctx, SL_ERROR, in->name, rec, "record cut by the end of input");
                st.errors++;
                break;
            }
            continue;
        }
        buf_clear(&blk);
        size_t got = src_take(s, (size_t)clen, &blk);
        if (got < clen) {
            sl_diag(ctx, SL_ERROR, in->name, rec,
                    "record cut by the end of input (%zu of %llu bytes), skipped", got, clen);
            st.errors++;
            break;
        }
        char url[4096];
        const char *u = header(hdr.data, hdr.len, "WARC-Target-URI", url, sizeof url);
        if (u && *u == '<') { /* WARC 1.0 drafts wrote <uri> */
            memmove(url, url + 1, strlen(url));
            char *gt = strchr(url, '>');
            if (gt)
                *gt = 0;
        }
        http_response(&st, rec, u, blk.data, blk.len);
    }
    if (s->bomb)
        sl_diag(ctx, SL_ERROR, in->name, rec,
                "decompressed size over %dx the compressed size (decompression bomb?), file "
                "abandoned",
                BOMB_RATIO);
    if (s->truncated_gz)
        sl_diag(ctx, SL_ERROR, in->name, rec, "gzip stream cut short (truncated file)");
    if (s->resyncs)
        sl_diag(ctx, SL_ERROR, in->name, 0,
                "corrupt gzip data, skipped to the next member %d time%s", s->resyncs,
                s->resyncs == 1 ? "" : "s");
    if (skipped_bytes)
        sl_diag(ctx, SL_WARNING, in->name, 0, "%ld bytes outside WARC records skipped",
                skipped_bytes);
    if (st.not_html || st.other)
        sl_diag(ctx, SL_INFO, in->name, 0,
                "%u records: %ld HTML responses read, %ld non-HTML responses skipped, %ld "
                "request/metadata/other records skipped",
                rec, st.html, st.not_html, st.other);
    if (s->gz)
        inflateEnd(&s->z);
    buf_free(&line);
    buf_free(&hdr);
    buf_free(&blk);
    free(s);
    return st.emitted;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int warc_sniff(const char *filename, const unsigned char *head, size_t n)
{
    if (filename && !head && (ends_with(filename, ".warc") || ends_with(filename, ".warc.gz")))
        return 90; /* asked by name only (directory walk) */
    if (n >= 5 && !memcmp(head, "WARC/", 5))
        return 100;
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
        /* inflate the first bytes and look for a WARC record */
        unsigned char out[16];
        z_stream z = {0};
        if (inflateInit2(&z, 15 + 16) != Z_OK)
            return 0;
        z.next_in = (unsigned char *)head;
        z.avail_in = (uInt)n;
        z.next_out = out;
        z.avail_out = sizeof out;
        inflate(&z, Z_NO_FLUSH);
        size_t got = sizeof out - z.avail_out;
        inflateEnd(&z);
        if (got >= 5 && !memcmp(out, "WARC/", 5))
            return 100;
        return filename && ends_with(filename, ".warc.gz") ? 60 : 0;
    }
    if (filename && ends_with(filename, ".warc"))
        return 60;
    return 0;
}

const reader_ops reader_warc = {"warc", warc_sniff, warc_read};
