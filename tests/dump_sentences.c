/*
 * dump_sentences.c — the "sentences" case dumper. The input's paragraphs
 * are separated by blank lines; it is tokenised and split in the case's
 * @lang ("und" when absent). Output: one line per sentence (its text, line
 * breaks inside shown as spaces), a blank line where a new paragraph
 * starts. A sentence whose token range does not match its span is flagged
 * with a line "!! tokens" so the ranges are checked by every case.
 */
#include "cases.h"

#include <string.h>

#include "../src/text/text.h"

/* Paragraph spans: runs of lines separated by blank lines. */
static size_t dump_paras(sl_arena *a, const char *s, size_t n, sl_span **out)
{
    size_t cap = 16, k = 0;
    sl_span *v = arena_alloc(a, cap * sizeof *v);
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '\n' || s[i] == ' '))
            i++;
        if (i >= n)
            break;
        size_t start = i;
        for (;;) {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - s) : n;
            size_t j = e + 1;
            while (j < n && s[j] == ' ')
                j++;
            if (!nl || j >= n || s[j] == '\n') {
                i = e;
                break;
            }
            i = e + 1;
        }
        if (k == cap) {
            v = arena_grow(a, v, k, cap * 2, sizeof *v);
            cap *= 2;
        }
        v[k].start = (uint32_t)start;
        v[k].end = (uint32_t)i;
        k++;
    }
    *out = v;
    return k;
}

static int dump_range_ok(const sl_sentence *st, const sl_token *t, size_t nt)
{
    if (st->tok_first > st->tok_end || st->tok_end > nt)
        return 0;
    for (size_t i = st->tok_first; i < st->tok_end; i++)
        if (t[i].start < st->start || t[i].end > st->end)
            return 0;
    if (st->tok_first > 0 && t[st->tok_first - 1].start >= st->start)
        return 0;
    if (st->tok_end < nt && t[st->tok_end].start < st->end)
        return 0;
    return 1;
}

void dump_sentences(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_arena *a = arena_new();
    const char *lang = o->lang ? o->lang : "und";
    sl_span *paras;
    size_t np = dump_paras(a, in, n, &paras);
    sl_token *t;
    size_t nt = tokenize(ctx, a, lang, in, n, &t);
    sl_sentence *s;
    size_t ns = sentence_split(a, lang, in, n, paras, np, t, nt, &s);
    for (size_t i = 0; i < ns; i++) {
        if (i > 0 && s[i].para != s[i - 1].para)
            buf_addc(out, '\n');
        for (uint32_t j = s[i].start; j < s[i].end; j++)
            buf_addc(out, in[j] == '\n' ? ' ' : in[j]);
        buf_addc(out, '\n');
        if (!dump_range_ok(&s[i], t, nt))
            buf_adds(out, "!! tokens\n");
    }
    arena_free(a);
}
