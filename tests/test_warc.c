/*
 * test_warc.c — the WARC reader: plain and gzip (one member per record,
 * as CC-NEWS), HTML responses kept and others counted, HTTP charset,
 * chunked and gzip-encoded payloads, and damage: truncated records and
 * gzip streams, corrupt members, garbage between records, oversized
 * records, decompression bombs.
 */
#include <zlib.h>

#include "harness.h"
#include "web_util.h"

#define PAGE_FR                                                                                     \
    "<html><head><title>Le tramway de Brest prolongé</title></head><body><nav><a href=\"/\">"      \
    "Accueil</a></nav><div class=\"article\"><p>La métropole a voté mardi le prolongement de la " \
    "ligne de tramway jusqu'à la gare maritime, pour un coût de 96 millions d'euros.</p><p>Les "  \
    "travaux commenceront en 2027 et dureront trois ans, selon le vice-président chargé des "     \
    "mobilités.</p></div></body></html>"

/* One WARC record around an HTTP response (or a raw block). */
static void add_record(buf *w, const char *type, const char *uri, const char *http_headers,
                       const char *body, size_t body_len)
{
    buf blk;
    buf_init(&blk);
    if (http_headers)
        buf_adds(&blk, http_headers);
    buf_add(&blk, body, body_len);
    buf_printf(w, "WARC/1.0\r\nWARC-Type: %s\r\n", type);
    if (uri)
        buf_printf(w, "WARC-Target-URI: %s\r\n", uri);
    if (http_headers)
        buf_adds(w, "Content-Type: application/http; msgtype=response\r\n");
    buf_printf(w, "Content-Length: %zu\r\n\r\n", blk.len);
    buf_add(w, blk.data, blk.len);
    buf_adds(w, "\r\n\r\n");
    buf_free(&blk);
}

/* Appends data as one gzip member. */
static void gz_member(buf *out, const void *data, size_t n)
{
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, (uLong)n);
    buf_reserve(out, cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)n;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    out->len += cap - z.avail_out;
    out->data[out->len] = 0;
    deflateEnd(&z);
}

static const char *HTML_OK = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";

TEST(warc_fixture_gz_and_plain)
{
    const char *files[] = {"tests/fixtures/web/sample.warc.gz", "tests/fixtures/web/sample.warc"};
    for (int i = 0; i < 2; i++) {
        size_t n;
        char *p = wu_load(files[i], &n);
        CHECK(p != NULL);
        if (!p)
            continue;
        CHECK(reader_warc.sniff(files[i], (const unsigned char *)p, n < 4096 ? n : 4096) >= 90);
        wu_run x;
        wu_read(&x, &reader_warc, files[i], p, n);
        CHECK_INT(x.n, 2);
        CHECK_INT(x.errors, 0);
        CHECK_STR(x.r[0].url, "https://coastal-ledger.example/news/2026/03/14/lighthouse-vote");
        CHECK_STR(x.r[0].title, "Harbour town votes to rebuild its old lighthouse");
        CHECK_STR(x.r[0].format, "warc");
        CHECK(x.r[0].text && strstr(x.r[0].text, "stone lighthouse that collapsed"));
        /* ISO-8859-1 from the HTTP header */
        CHECK(x.r[1].text && strstr(x.r[1].text, "sarà soppresso per tutto il mese"));
        CHECK_STR(x.r[1].date, "2026-05-28");
        CHECK(wu_said(&x, "1 non-HTML responses skipped"));
        CHECK(wu_said(&x, "3 request/metadata/other records skipped"));
        wu_free(&x);
        free(p);
    }
}

TEST(warc_many_members_streamed)
{
    buf w, gz;
    buf_init(&w);
    buf_init(&gz);
    for (int i = 0; i < 40; i++) {
        buf_clear(&w);
        char uri[64];
        snprintf(uri, sizeof uri, "https://ouest.example/2026/02/%02d/tram", i % 28 + 1);
        add_record(&w, "response", uri, HTML_OK, PAGE_FR, strlen(PAGE_FR));
        gz_member(&gz, w.data, w.len);
    }
    wu_run x;
    wu_read(&x, &reader_warc, "many.warc.gz", gz.data, gz.len);
    CHECK_INT(x.n, 40);
    CHECK_INT(x.returned, 40);
    CHECK_INT(x.errors, 0);
    CHECK(x.r[39].text && strstr(x.r[39].text, "prolongement de la ligne"));
    CHECK(x.r[0].text && !strstr(x.r[0].text, "Accueil"));
    CHECK_STR(x.r[3].date, "2026-02-04");
    wu_free(&x);
    buf_free(&w);
    buf_free(&gz);
}

TEST(warc_truncated_gzip_and_record)
{
    buf w, gz;
    buf_init(&w);
    buf_init(&gz);
    for (int i = 0; i < 3; i++) {
        buf_clear(&w);
        add_record(&w, "response", "https://a.example/x", HTML_OK, PAGE_FR, strlen(PAGE_FR));
        gz_member(&gz, w.data, w.len);
    }
    /* cut in the middle of the third member */
    wu_run x;
    wu_read(&x, &reader_warc, "cut.warc.gz", gz.data, gz.len - 200);
    CHECK_INT(x.n, 2);
    CHECK(x.errors >= 1);
    CHECK(wu_said(&x, "cut"));
    wu_free(&x);
    /* plain WARC whose last record is shorter than its Content-Length */
    buf_clear(&w);
    add_record(&w, "response", "https://a.example/1", HTML_OK, PAGE_FR, strlen(PAGE_FR));
    add_record(&w, "response", "https://a.example/2", HTML_OK, PAGE_FR, strlen(PAGE_FR));
    wu_read(&x, &reader_warc, "cut.warc", w.data, w.len - 300);
    CHECK_INT(x.n, 1);
    CHECK(wu_said(&x, "record cut by the end of input"));
    wu_free(&x);
    buf_free(&w);
    buf_free(&gz);
}

TEST(warc_corrupt_member_resyncs)
{
    buf w, gz;
    buf_init(&w);
    buf_init(&gz);
    for (int i = 0; i < 3; i++) {
        buf_clear(&w);
        add_record(&w, "response", "https://b.example/y", HTML_OK, PAGE_FR, strlen(PAGE_FR));
        size_t start = gz.len;
        gz_member(&gz, w.data, w.len);
        if (i == 1) /* damage the compressed data of the second member */
            for (size_t k = start + 20; k < start + 60; k++)
                gz.data[k] = (char)0xA5;
    }
    wu_run x;
    wu_read(&x, &reader_warc, "bad.warc.gz", gz.data, gz.len);
    CHECK(x.n >= 2); /* first and third survive */
    CHECK(wu_said(&x, "corrupt gzip data"));
    wu_free(&x);
    buf_free(&w);
    buf_free(&gz);
}

TEST(warc_garbage_oversize_non_html)
{
    buf w;
    buf_init(&w);
    buf_adds(&w, "some junk line before anything\nmore junk\n");
    add_record(&w, "response", "https://c.example/1", HTML_OK, PAGE_FR, strlen(PAGE_FR));
    buf_adds(&w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900000000\r\n\r\nshort");
    wu_run x;
    wu_read(&x, &reader_warc, "junk.warc", w.data, w.len);
    CHECK_INT(x.n, 1);
    CHECK(wu_said(&x, "outside WARC records skipped"));
    CHECK(wu_said(&x, "over the 50 MB cap"));
    wu_free(&x);
    /* JSON and image responses, 404 HTML, missing Content-Length */
    buf_clear(&w);
    add_record(&w, "response", "https://c.example/api",
               "HTTP/1.1 200 OK\r\nContent-Type: "
               "application/json\r\n\r\n",
               "{\"a\":1}", 7);
    add_record(&w, "response", "https://c.example/gone",
               "HTTP/1.1 404 Not Found\r\n"
               "Content-Type: text/html\r\n\r\n",
               PAGE_FR, strlen(PAGE_FR));
    buf_adds(&w, "WARC/1.0\r\nWARC-Type: response\r\n\r\n");
    add_record(&w, "response", "https://c.example/ok", HTML_OK, PAGE_FR, strlen(PAGE_FR));
    wu_read(&x, &reader_warc, "mixed.warc", w.data, w.len);
    CHECK_INT(x.n, 1);
    CHECK_STR(x.r[0].url, "https://c.example/ok");
    CHECK(wu_said(&x, "2 non-HTML responses skipped"));
    CHECK(wu_said(&x, "without Content-Length"));
    wu_free(&x);
    buf_free(&w);
}

TEST(warc_chunked_gzip_payload)
{
    /* body gzip-encoded, then sent chunked */
    buf body;
    buf_init(&body);
    gz_member(&body, PAGE_FR, strlen(PAGE_FR));
    buf chunked;
    buf_init(&chunked);
    size_t half = body.len / 2;
    buf_printf(&chunked, "%zx\r\n", half);
    buf_add(&chunked, body.data, half);
    buf_printf(&chunked, "\r\n%zx\r\n", body.len - half);
    buf_add(&chunked, body.data + half, body.len - half);
    buf_adds(&chunked, "\r\n0\r\n\r\n");
    buf w;
    buf_init(&w);
    add_record(&w, "response", "https://d.example/z",
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
               "Content-Encoding: gzip\r\n\r\n",
               chunked.data, chunked.len);
    wu_run x;
    wu_read(&x, &reader_warc, "chunked.warc", w.data, w.len);
    CHECK_INT(x.n, 1);
    CHECK(x.r[0].text && strstr(x.r[0].text, "gare maritime"));
    wu_free(&x);
    buf_free(&w);
    buf_free(&body);
    buf_free(&chunked);
}

TEST(warc_decompression_bomb_capped)
{
    /* a record header claiming 600 MB followed by zeros: ~600 KB compressed */
    z_stream z = {0};
    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    buf gz;
    buf_init(&gz);
    static const char hdr[] =
        "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 629145600\r\n\r\n";
    static char zeros[1 << 20];
    buf_reserve(&gz, 2u << 20);
    unsigned char out[1 << 16];
    for (int i = -1; i < 600; i++) {
        z.next_in = (unsigned char *)(i < 0 ? hdr : zeros);
        z.avail_in = i < 0 ? (uInt)strlen(hdr) : (uInt)sizeof zeros;
        int flush = i == 599 ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, flush);
            buf_add(&gz, out, sizeof out - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    CHECK(gz.len < (4u << 20));
    wu_run x;
    wu_read(&x, &reader_warc, "bomb.warc.gz", gz.data, gz.len);
    CHECK_INT(x.n, 0);
    CHECK(wu_said(&x, "decompression bomb"));
    wu_free(&x);
    buf_free(&gz);
}

TEST(warc_sniff)
{
    CHECK(reader_warc.sniff("x.warc.gz", NULL, 0) >= 90);
    CHECK(reader_warc.sniff("x.warc", NULL, 0) >= 90);
    CHECK_INT(reader_warc.sniff("x.txt", (const unsigned char *)"hello", 5), 0);
    CHECK_INT(reader_warc.sniff(NULL, (const unsigned char *)"WARC/1.0\r\n", 10), 100);
}
