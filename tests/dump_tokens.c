/*
 * dump_tokens.c — the "tokens" case dumper: tokenises the input in the
 * case's @lang ("und" when absent) and prints one line per token:
 *
 *     KIND text|norm|stem [=value] [flags]
 *
 * KIND is WORD, NUM, PCT, ORD, DATE, TIME or PUNCT; text is the token's
 * bytes in the input; =value (printed with %.15g) appears for NUM, PCT,
 * ORD (the number), DATE (yyyymmdd) and TIME (hhmm); flags, when any, are a
 * comma list in brackets of cap, allcaps, stop, elided, hyphen.
 */
#include "cases.h"

#include <string.h>

#include "../src/text/text.h"

static const char *dump_kind(int k)
{
    static const char *const names[] = {"WORD", "NUM", "PCT", "ORD", "DATE", "TIME", "PUNCT"};
    return k >= 0 && k <= SL_TOK_PUNCT ? names[k] : "?";
}

static void dump_flags(buf *out, unsigned f)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{SL_TOKF_CAP, "cap"},
                 {SL_TOKF_ALLCAPS, "allcaps"},
                 {SL_TOKF_STOP, "stop"},
                 {SL_TOKF_ELIDED, "elided"},
                 {SL_TOKF_HYPHEN, "hyphen"}};
    if (!f)
        return;
    buf_adds(out, " [");
    int first = 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(f & names[i].bit))
            continue;
        if (!first)
            buf_addc(out, ',');
        buf_adds(out, names[i].name);
        first = 0;
    }
    buf_addc(out, ']');
}

void dump_tokens(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_arena *a = arena_new();
    sl_token *t;
    size_t k = tokenize(ctx, a, o->lang ? o->lang : "und", in, n, &t);
    for (size_t i = 0; i < k; i++) {
        buf_printf(out, "%s %.*s|%s|%s", dump_kind(t[i].kind), (int)(t[i].end - t[i].start),
                   in + t[i].start, t[i].norm, t[i].stem);
        if (t[i].kind != SL_TOK_WORD && t[i].kind != SL_TOK_PUNCT)
            buf_printf(out, " =%.15g", t[i].value);
        dump_flags(out, t[i].flags);
        buf_addc(out, '\n');
    }
    arena_free(a);
}
