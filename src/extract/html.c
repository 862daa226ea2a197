/*
 * html.c — the HTML reader and html_extract(): bytes → UTF-8 → tokenizer
 * → walk (blocks, metadata) → selection → text.
 *
 * One file is one page is one article. No tree is built: the walk in
 * html_score.c follows the parser's events. The parser is storyline's own
 * (html_tok.c: one pass over the page where it is), or, with
 * STORYLINE_HTML_PARSER=libxml2 (or html_opts.parser), libxml2's
 * recovering HTML parser in SAX mode, which never fetches anything
 * (NONET), keeps going on broken markup (RECOVER) and is told the input is
 * UTF-8 and to ignore what the page declares, since charset.c already
 * decided and converted; for it the bodies of scripts, styles, svg and
 * comments are cut out first (strip_raw_text). Both give the walk the same
 * nesting (see html_tok.c), so both extract the same text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "html_int.h"
#include "reader.h"

static const char *from_name(charset_from f)
{
    switch (f) {
    case CHARSET_BOM:
        return "bom";
    case CHARSET_HTTP:
        return "http";
    case CHARSET_META:
        return "meta";
    default:
        return "detected";
    }
}

/* Is s (n bytes left) "<script", "<style" or "<svg" as a tag? Returns the
 * name's length. */
static size_t raw_tag(const char *s, size_t n)
{
    size_t k = 0;
    if (n > 8 && !strncasecmp(s + 1, "script", 6))
        k = 6;
    else if (n > 7 && !strncasecmp(s + 1, "style", 5))
        k = 5;
    else if (n > 5 && !strncasecmp(s + 1, "svg", 3))
        k = 3;
    if (!k)
        return 0;
    char c = s[1 + k];
    return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ? k : 0;
}

/* End of a start tag beginning at s (past '>'), quotes respected. */
static const char *tag_end(const char *s, const char *end)
{
    char q = 0;
    for (; s < end; s++) {
        if (q) {
            if (*s == q)
                q = 0;
        } else if (*s == '"' || *s == '\'') {
            q = *s;
        } else if (*s == '>') {
            return s + 1;
        }
    }
    return end;
}

/* Copies the page without the bodies of <script>, <style> and <svg>
 * elements (JSON-LD kept) nor comments: more than half the bytes of a news
 * page, which the parser would otherwise read character by character to
 * throw away. The tags themselves stay, so the structure is what the
 * parser would see (a script's end is its first "</script", as in HTML). */
static void strip_raw_text(const char *p, size_t n, buf *out)
{
    const char *s = p, *end = p + n, *run = p;
    buf_reserve(out, n / 2 + 64);
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            break;
        size_t left = (size_t)(end - lt);
        if (left >= 4 && !memcmp(lt, "<!--", 4)) {
            const char *e = memmem(lt + 4, left - 4, "-->", 3);
            buf_add(out, run, (size_t)(lt - run));
            run = s = e ? e + 3 : end;
            continue;
        }
        size_t k = raw_tag(lt, left);
        if (!k) {
            s = lt + 1;
            continue;
        }
        const char *body = tag_end(lt + 1 + k, end);
        int keep = memmem(lt, (size_t)(body - lt), "ld+json", 7) != NULL;
        const char *close = body;
        for (;;) {
            close = memmem(close, (size_t)(end - close), "</", 2);
            if (!close || ((size_t)(end - close) > k + 2 && !strncasecmp(close + 2, lt + 1, k)))
                break;
            close += 2;
        }
        if (!close)
            close = end;
        if (!keep) {
            buf_add(out, run, (size_t)(body - run));
            run = close;
        }
        s = close;
    }
    buf_add(out, run, (size_t)(end - run));
}

html_parser html_parser_of(const html_opts *o)
{
    if (o && o->parser)
        return o->parser;
    const char *e = getenv("STORYLINE_HTML_PARSER");
    return e && !strcmp(e, "libxml2") ? HTML_PARSER_LIBXML2 : HTML_PARSER_OWN;
}

html_doc *html_extract(const char *p, size_t n, const html_opts *o)
{
    if (!p)
        return NULL;
    static const html_opts none = {0};
    if (!o)
        o = &none;
    sl_arena *a = arena_new();
    html_doc *d = arena_calloc(a, 1, sizeof *d);
    d->arena = a;
    d->text = "";
    if (n > HTML_MAX_BYTES) {
        n = HTML_MAX_BYTES;
        d->truncated = true;
    }
    char enc[48];
    charset_from from;
    size_t skip;
    int clean;
    charset_decide(p, n, o->http_charset, enc, &from, &skip, &clean);
    d->charset = arena_strdup(a, enc);
    d->charset_from = from_name(from);
    buf u;
    buf_init(&u);
    const char *src = p + skip;
    size_t src_len = n - skip;
    if (!clean) { /* valid UTF-8 is parsed in place; anything else converted */
        d->bad_bytes = (unsigned)charset_to_utf8(p + skip, n - skip, enc, &u);
        src = u.data;
        src_len = u.len;
    }

    hwalk w = {0};
    w.a = a;
    w.opts = o;
    buf_init(&w.cur);
    buf_init(&w.cap);
    buf lean;
    buf_init(&lean);
    if (src_len && html_parser_of(o) == HTML_PARSER_LIBXML2) {
        int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
        strip_raw_text(src, src_len, &lean);
        hs_parse(&w, lean.data, lean.len, flags);
    } else if (src_len) {
        hs_parse_tok(&w, src, src_len); /* in place, no copy */
    }
    buf_free(&lean);
    buf_free(&u);
    buf t;
    buf_init(&t);
    hs_text(&w, &t);
    d->text = arena_strndup(a, t.data ? t.data : "", t.len);
    d->text_len = t.len;
    buf_free(&t);
    hm_finish(&w, d);
    if (o->explain && w.n_blocks) {
        d->blocks = arena_calloc(a, w.n_blocks, sizeof *d->blocks);
        for (size_t i = 0; i < w.n_blocks; i++) {
            hblock *b = &w.blocks[i];
            html_block *x = &d->blocks[i];
            x->text = b->text;
            x->len = b->len;
            x->tag = arena_strdup(a, b->owner ? b->owner->name : "");
            const char *where = "";
            hnode *dr = b->dropper;
            while (dr && dr->revoked)
                dr = dr->parent ? dr->parent->dropper : NULL;
            if (dr && dr->cue)
                where = dr->cue;
            else
                for (hnode *h = b->owner; h; h = h->parent)
                    if (h->cue) {
                        where = h->cue;
                        break;
                    }
            x->where = arena_strndup(a, where, strlen(where) > 60 ? 60 : strlen(where));
            x->score = b->score;
            x->link_density = b->len ? (float)b->link / (float)b->len : 0.f;
            x->kept = b->kept;
            x->why = b->why ? b->why : "";
        }
        d->n_blocks = w.n_blocks;
    }
    buf_free(&w.cur);
    buf_free(&w.cap);
    return d;
}

void html_doc_free(html_doc *d)
{
    if (d)
        arena_free(d->arena);
}

/* Skips a BOM, whitespace and <!-- comments --> at the start. */
static size_t skip_lead(const unsigned char *h, size_t n)
{
    size_t i = 0;
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        i = 3;
    for (;;) {
        while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
            i++;
        if (i + 4 <= n && !memcmp(h + i, "<!--", 4)) {
            const unsigned char *e = memmem(h + i, n - i, "-->", 3);
            if (!e)
                return i;
            i = (size_t)(e - h) + 3;
            continue;
        }
        return i;
    }
}

int html_looks_like(const unsigned char *h, size_t n)
{
    size_t i = skip_lead(h, n);
    const char *s = (const char *)h + i;
    size_t left = n - i;
    if (left >= 14 && !strncasecmp(s, "<!doctype html", 14))
        return 1;
    if (left >= 5 && !strncasecmp(s, "<html", 5))
        return 1;
    if (left >= 5 && !strncasecmp(s, "<?xml", 5)) {
        /* XHTML, not a feed */
        return memmem(h, n, "<html", 5) && !memmem(h, n, "<rss", 4) && !memmem(h, n, "<feed", 5);
    }
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int html_sniff(const char *filename, const unsigned char *head, size_t n)
{
    if (filename && (ends_with(filename, ".html") || ends_with(filename, ".htm") ||
                     ends_with(filename, ".xhtml") || ends_with(filename, ".shtml")))
        return 90;
    if (!head)
        return 0;
    if (html_looks_like(head, n))
        return 85;
    /* a fragment that is plainly markup */
    if (memmem(head, n, "<body", 5) || memmem(head, n, "<BODY", 5) || memmem(head, n, "<p>", 3))
        return memmem(head, n, "</", 2) ? 50 : 0;
    return 0;
}

void html_doc_raw(const html_doc *d, sl_raw *raw)
{
    *raw = (sl_raw){0};
    raw->url = d->url;
    raw->source = d->site;
    raw->title = d->title;
    raw->date = d->date;
    raw->lang = d->lang;
    raw->text = d->text;
    raw->text_len = d->text_len;
    raw->author = d->author;
    raw->agencies = d->agencies;
    raw->truncated = d->truncated;
}

static long html_read(sl_ctx *ctx, reader_input *in, sl_raw_fn fn, void *user, int *stopped)
{
    size_t len;
    int truncated;
    char *bytes = reader_slurp(in, HTML_MAX_BYTES, &len, &truncated);
    if (truncated)
        sl_diag(ctx, SL_WARNING, in->name, 0, "page larger than %u MB, cut at that size",
                HTML_MAX_BYTES >> 20);
    html_opts o = {0};
    html_doc *d = html_extract(bytes, len, &o);
    free(bytes);
    long count = 0;
    if (d->bad_bytes)
        sl_diag(ctx, SL_WARNING, in->name, 0, "%u bytes not valid %s, replaced", d->bad_bytes,
                d->charset);
    if (!d->text_len) {
        sl_diag(ctx, SL_ERROR, in->name, 0, "no article text found in the page, skipped");
    } else {
        sl_raw raw;
        html_doc_raw(d, &raw);
        raw.path_id = in->path_id;
        raw.origin = in->name;
        raw.line = 1;
        raw.format = "html";
        raw.truncated = truncated || d->truncated;
        count = 1;
        if (!fn(user, &raw))
            *stopped = 1;
    }
    html_doc_free(d);
    return count;
}

const reader_ops reader_html = {"html", html_sniff, html_read};
