/*
 * test_fastpaths.c — the word-at-a-time fast paths of the cleaner and the
 * tokenizer must give what the plain byte-by-byte rules give. Each test
 * builds inputs that put the interesting bytes (double spaces, tabs,
 * control bytes, case, digits, UTF-8, word ends) at every offset of an
 * 8-byte block, and checks the result against a reference written here
 * from the rule itself.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/extract/clean.h"
#include "../src/extract/clean_int.h"
#include "../src/text/text.h"
#include "harness.h"

/* The cleaner's whitespace rule for one kept line: runs of space, tab,
 * CR, FF, VT become one space, NUL bytes go, the ends are trimmed. */
static size_t ref_collapse(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!c)
            continue;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
            continue;
        }
        out[o++] = (char)c;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = 0;
    return o;
}

TEST(clean_whitespace_fast_path_matches_the_rule)
{
    static const char *const inserts[] = {"  ", "\t", " \t ", "\x01", " \x02", "\x1f ",
                                          "   ", " ", "\v", "\f x"};
    const char *base = "The river rose by forty centimetres overnight near the old "
                       "stone bridge, officials said on Tuesday morning.";
    int bad = 0;
    for (size_t ins = 0; ins < sizeof inserts / sizeof inserts[0]; ins++) {
        for (size_t at = 1; at < 40; at++) {
            char line[512], want[512];
            size_t bl = strlen(base), il = strlen(inserts[ins]);
            memcpy(line, base, at);
            memcpy(line + at, inserts[ins], il);
            memcpy(line + at + il, base + at, bl - at + 1);
            ref_collapse(line, strlen(line), want);
            sl_ctx *ctx = sl_ctx_new(NULL, NULL);
            sl_arena *a = arena_new();
            clean_result r;
            clean_text(ctx, a, line, strlen(line), "A given title", &r);
            if ((!r.text || strcmp(r.text, want) != 0) && bad++ < 5)
                harness_fail(__FILE__, __LINE__, "insert %zu at %zu: \"%s\", expected \"%s\"",
                             ins, at, r.text ? r.text : "(null)", want);
            arena_free(a);
            sl_ctx_free(ctx);
        }
    }
    CHECK_INT(bad, 0);
}

/* Key of an ASCII line by the rule: maximal runs of letters and digits,
 * lowercased, joined by one space. */
static void ref_key(const char *s, char *out)
{
    size_t o = 0;
    int inw = 0;
    for (; *s; s++) {
        char c = *s;
        int al = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (al) {
            if (!inw && o)
                out[o++] = ' ';
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        inw = al;
    }
    out[o] = 0;
}

TEST(clean_key_word_runs_match_the_rule)
{
    /* separators just below and above the letter and digit ranges, at
     * every place of a block, in words of every length up to 19 */
    static const char seps[] = {' ', '/', ':', '@', '[', '`', '{', '-', '\x01', '_', '^', '\x19'};
    static const char alpha[] = "aZ0m9QzA7k";
    int bad = 0;
    for (size_t sp = 0; sp < sizeof seps; sp++) {
        for (size_t wl = 1; wl < 20; wl++) {
            char line[256], want[512];
            size_t o = 0;
            for (size_t w = 0; o + wl + 2 < sizeof line - 1 && w < 9; w++) {
                for (size_t j = 0; j < wl + (w % 3); j++)
                    line[o++] = alpha[(j + w + sp) % (sizeof alpha - 1)];
                line[o++] = seps[(sp + w) % sizeof seps];
            }
            line[o] = 0;
            ref_key(line, want);
            ckey k;
            ckey_build(&k, line, o);
            if (strcmp(k.k, want) != 0 && bad++ < 5)
                harness_fail(__FILE__, __LINE__, "key of \"%s\": \"%s\", expected \"%s\"", line,
                             k.k, want);
            for (size_t i = 0; i < k.nw; i++) /* every word passes its own bloom test */
                if (!ckey_may_have(&k, ckey_wp(&k, i)) && bad++ < 5)
                    harness_fail(__FILE__, __LINE__, "bloom misses word %zu of \"%s\"", i, line);
        }
    }
    /* UTF-8 and digits glued to ASCII runs */
    ckey k;
    const char *mixed =
        "Caf\xC3\xA9 CR\xC3\x88ME br\xC3\xBBl\xC3\xA9""e 2017abc XYZ\xC3\x89t\xC3\xA9";
    ckey_build(&k, mixed, strlen(mixed));
    CHECK_STR(k.k, "cafe creme brulee 2017abc xyzete");
    CHECK_INT(k.nw, 5);
    CHECK(!bad);
}

TEST(tokenizer_word_runs_match_the_rule)
{
    /* letter-led words of every length with digits inside, ended by ASCII
     * punctuation, spaces, and UTF-8 letters or punctuation */
    static const char *const ends[] = {" ",  ", ", ". ", "; ", "\xC3\xA9 ", " \xE2\x80\x94 ",
                                       ") ", ": ", "/ ", "@ ", "[ ", "` ", "{ "};
    static const char alpha[] = "bQx4Rt0yUw";
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    int bad = 0;
    for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
        for (size_t wl = 1; wl < 20; wl++) {
            char text[512];
            size_t o = 0, starts[16], stops[16], nw = 0;
            for (size_t w = 0; w < 8; w++) {
                starts[nw] = o;
                for (size_t j = 0; j < wl + w % 3; j++)
                    text[o++] = j ? alpha[(j + w) % (sizeof alpha - 1)] : 'K';
                const char *end = ends[(e + w) % (sizeof ends / sizeof ends[0])];
                if ((unsigned char)end[0] == 0xC3) /* é goes on the word */
                    memcpy(text + o, end, 2), o += 2, end += 2;
                stops[nw++] = o;
                memcpy(text + o, end, strlen(end));
                o += strlen(end);
            }
            text[o] = 0;
            sl_arena *a = arena_new();
            sl_token *toks;
            size_t n = tokenize(ctx, a, "en", text, o, &toks), w = 0;
            for (size_t i = 0; i < n; i++) {
                if (toks[i].kind == SL_TOK_PUNCT)
                    continue;
                if ((w >= nw || toks[i].start != starts[w] || toks[i].end != stops[w]) &&
                    bad++ < 5)
                    harness_fail(__FILE__, __LINE__, "token %zu of \"%s\": [%u, %u)", i, text,
                                 toks[i].start, toks[i].end);
                w++;
            }
            if (w != nw && bad++ < 5)
                harness_fail(__FILE__, __LINE__, "%zu words in \"%s\", expected %zu", w, text, nw);
            arena_free(a);
        }
    }
    /* hyphens and apostrophes go on inside a word, after runs of any length */
    for (size_t wl = 1; wl < 12; wl++) {
        char text[64];
        size_t o = 0;
        for (size_t j = 0; j < wl; j++)
            text[o++] = j ? alpha[j % (sizeof alpha - 1)] : 'K';
        memcpy(text + o, "-Kab2 O'Brien", 13);
        o += 13;
        text[o] = 0;
        sl_arena *a = arena_new();
        sl_token *toks;
        size_t n = tokenize(ctx, a, "en", text, o, &toks);
        CHECK_INT(n, 2);
        if (n == 2) {
            CHECK_INT(toks[0].end, wl + 5);
            CHECK(toks[0].flags & SL_TOKF_HYPHEN);
            CHECK_INT(toks[1].start, wl + 6);
            CHECK_INT(toks[1].end, o);
        }
        arena_free(a);
    }
    sl_ctx_free(ctx);
    CHECK_INT(bad, 0);
}
