/*
 * fuzz_html_tok.c — libFuzzer target for storyline's HTML tokenizer
 * (src/extract/html_tok.c) on arbitrary bytes: the event stream must be
 * balanced (no end without its start, nothing left open), names non-empty
 * and lowercase, text runs non-empty; then the whole extractor runs on the
 * same bytes with that tokenizer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/extract/html.h"
#include "../src/extract/html_tok.h"

typedef struct fz {
    long depth;
} fz;

static void check_name(const unsigned char *n)
{
    if (!n || !n[0])
        __builtin_trap();
    for (; *n; n++)
        if (*n >= 'A' && *n <= 'Z')
            __builtin_trap();
}

static void fz_start(void *u, const unsigned char *name, const unsigned char **atts)
{
    check_name(name);
    for (; atts && atts[0]; atts += 2) {
        check_name(atts[0]);
        if (atts[1])
            (void)strlen((const char *)atts[1]);
    }
    ((fz *)u)->depth++;
}

static void fz_end(void *u, const unsigned char *name)
{
    check_name(name);
    if (--((fz *)u)->depth < 0)
        __builtin_trap();
}

static void fz_text(void *u, const unsigned char *s, int n)
{
    (void)u;
    if (!s || n <= 0)
        __builtin_trap();
    volatile unsigned char first = s[0], last = s[n - 1]; /* ASan: the run is readable */
    (void)first, (void)last;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy: reading past the end is caught */
    char *p = malloc(size ? size : 1);
    if (!p)
        return 0;
    memcpy(p, data, size);
    fz f = {0};
    htok_sink sink = {fz_start, fz_end, fz_text};
    htok_parse(p, size, &sink, &f);
    if (f.depth != 0)
        __builtin_trap();
    html_opts o = {0};
    o.parser = HTML_PARSER_OWN;
    html_doc_free(html_extract(p, size, &o));
    free(p);
    return 0;
}
