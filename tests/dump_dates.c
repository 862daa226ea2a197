/*
 * dump_dates.c — the "dates" case dumper (format in tests/cases/README.md).
 *
 * One line per mention found by dates_find():
 *     <matched text> → <dates_format(time, precision)> <kind> <precision> <confidence>
 * Options: @lang (hint, default "und"), @pub (parsed with dates_parse_stamp).
 * With "@lang stamp" every input line is a publication stamp instead:
 *     <line> → <dates_format(time, precision)> <precision>     or     <line> → none
 */
#include <stdlib.h>
#include <string.h>

#include "../src/facts/dates.h"
#include "cases.h"

static const char *kind_name(uint8_t k)
{
    static const char *const names[] = {"absolute", "partial", "relative"};
    return k < 3 ? names[k] : "?";
}

static const char *prec_name(uint8_t p)
{
    static const char *const names[] = {"none", "year", "month", "day", "minute", "second"};
    return p < 6 ? names[p] : "?";
}

static void dump_stamps(const char *in, size_t n, buf *out)
{
    const char *p = in, *end = in + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int64_t t;
        uint8_t prec;
        char f[32];
        if (dates_parse_stamp(p, len, &t, &prec)) {
            dates_format(t, prec, f);
            buf_printf(out, "%.*s → %s %s\n", (int)len, p, f, prec_name(prec));
        } else {
            buf_printf(out, "%.*s → none\n", (int)len, p);
        }
        p += len + (nl ? 1 : 0);
    }
}

void dump_dates(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    (void)ctx;
    if (o->lang && strcmp(o->lang, "stamp") == 0) {
        dump_stamps(in, n, out);
        return;
    }
    int64_t pub = SL_TIME_NONE;
    uint8_t pub_prec = SL_PREC_NONE;
    if (o->pub && !dates_parse_stamp(o->pub, strlen(o->pub), &pub, &pub_prec)) {
        buf_printf(out, "(bad @pub %s)\n", o->pub);
        return;
    }
    sl_arena *a = arena_new();
    sl_date *d;
    size_t k = dates_find(a, o->lang ? o->lang : "und", in, n, NULL, 0, pub, pub_prec, &d);
    for (size_t i = 0; i < k; i++) {
        char f[32];
        dates_format(d[i].time, d[i].precision, f);
        buf_printf(out, "%.*s → %s %s %s %.2f\n", (int)(d[i].end - d[i].start), in + d[i].start,
                   f, kind_name(d[i].kind), prec_name(d[i].precision), d[i].confidence);
    }
    arena_free(a);
}
