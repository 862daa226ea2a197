/*
 * dump_clean.c — the "clean" case dumper (format in tests/cases/README.md):
 *
 *     title: …            metadata that is set, in this order: title, date,
 *     agencies: AFP, …    stamp, source, url, lang, author, agencies
 *     --
 *     keep: <line>        one row per non-empty input line, in order
 *     drop[<reason>]: <line>
 *     --
 *     P: <paragraph>      the paragraphs of the clean text
 *
 * @title passes a given title to the cleaner.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/extract/clean.h"
#include "cases.h"

static void meta(buf *out, const char *name, const char *v)
{
    if (v)
        buf_printf(out, "%s: %s\n", name, v);
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return false;
    return true;
}

/* The input line, whitespace collapsed as the cleaner does. */
static void add_norm(buf *out, const char *s, size_t n)
{
    int space = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = 1;
            continue;
        }
        if (space && any)
            buf_addc(out, ' ');
        space = 0;
        any = 1;
        buf_addc(out, c);
    }
}

void dump_clean(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_arena *a = arena_new();
    clean_result r;
    clean_text(ctx, a, in, n, o->title, &r);
    meta(out, "title", r.title);
    meta(out, "date", r.date);
    meta(out, "stamp", r.stamp);
    meta(out, "source", r.source);
    meta(out, "url", r.url);
    meta(out, "lang", r.lang);
    meta(out, "author", r.author);
    if (r.n_agencies) {
        buf_adds(out, "agencies: ");
        for (size_t i = 0; i < r.n_agencies; i++)
            buf_printf(out, "%s%s", i ? ", " : "", r.agencies[i]);
        buf_addc(out, '\n');
    }
    buf_adds(out, "--\n");
    size_t rm = 0;
    unsigned line = 0;
    for (const char *p = in, *end = in + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        if (!blank_line(p, len)) {
            while (rm < r.n_removed && r.removed[rm].line < line)
                rm++;
            if (rm < r.n_removed && r.removed[rm].line == line) {
                buf_printf(out, "drop[%s]: %s\n", sl_reason_name(r.removed[rm].reason),
                           r.removed[rm].text);
            } else {
                buf_adds(out, "keep: ");
                add_norm(out, p, len);
                buf_addc(out, '\n');
            }
        }
        p = nl ? nl + 1 : end;
    }
    buf_adds(out, "--\n");
    for (size_t i = 0; i < r.n_paras; i++)
        buf_printf(out, "P: %.*s\n", (int)(r.paras[i].end - r.paras[i].start),
                   r.text + r.paras[i].start);
    arena_free(a);
}
