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
#include <utf8proc.h>
#include <xxhash.h>

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

/* Everything a key holds, compared field by field; 0 when a and b agree. */
static int key_diff(const ckey *a, const ckey *b)
{
    if (a->kn != b->kn || a->nw != b->nw || a->trunc != b->trunc ||
        memcmp(a->k, b->k, a->kn + 1) != 0 || memcmp(a->bloom, b->bloom, sizeof a->bloom) != 0)
        return 1;
    for (size_t i = 0; i < a->nw; i++)
        if (a->w[i].rs != b->w[i].rs || a->w[i].re != b->w[i].re || a->w[i].ks != b->w[i].ks ||
            a->w[i].ke != b->w[i].ke)
            return 1;
    return 0;
}

TEST(clean_key_block_scan_matches_the_byte_builder)
{
    /* pieces: ASCII words, ASCII separators, letters and marks that join
     * words (é, œ, ŉ folds to 3 bytes, Greek), separators that do not
     * (’, no-break space, invalid bytes), so that the block scan's prefix
     * ends inside words, between them and at every offset of a block */
    static const char *const pieces[] = {
        "a", "Zq", "river", "CENTIMETRES", "2017", "x9Y", "Internationalisation",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ", " ", "  ", ", ", "-", "/", "\t", "@",
        "`", "{", "\x01", "\xC3\xA9", "\xC5\x93", "\xC5\x89", "\xCE\xB2", "\xCC\x81",
        "\xE2\x80\x99", "\xC2\xA0", "\xFF", "\x80", "\xE2\x80", "\xE6\x97\xA5"};
    size_t np = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    int bad = 0, long_lines = 0, truncated = 0, mixed = 0;
    static ckey fast, ref;
    for (int round = 0; round < 6000; round++) {
        char buf[4200];
        size_t o = 0, want = (size_t)(round % 3 == 0 ? 3000 : round % 3 == 1 ? 200 : 40);
        int ascii_only = round % 4 == 0;
        while (o < want) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (ascii_only ? 18 : np)];
            size_t l = strlen(p);
            memcpy(buf + o, p, l);
            o += l;
        }
        char *line = malloc(o ? o : 1); /* exactly the line: no readable byte past it */
        memcpy(line, buf, o);
        ckey_build_bytewise(&ref, line, o);
        ckey_build(&fast, line, o);
        if (key_diff(&fast, &ref) && bad++ < 3)
            harness_fail(__FILE__, __LINE__, "round %d (%zu bytes): key \"%.60s\" vs \"%.60s\"",
                         round, o, fast.k, ref.k);
        long_lines += o > 704;
        truncated += ref.trunc;
        mixed += !ascii_only;
        free(line);
    }
    CHECK_INT(bad, 0);
    CHECK(long_lines > 1000); /* the cases reach past one scan and the key's caps */
    CHECK(truncated > 1000);
    CHECK(mixed > 3000);
    /* a word glued across a non-ASCII letter stays one word */
    ckey_build(&fast, "ab\xC3\xA9" "cd ef", 9);
    CHECK_STR(fast.k, "abecd ef");
    CHECK_INT(fast.w[0].re, 6);
}

/* Regression: folded letters could take the open word's key past
 * CKEY_CAP - 16, and the ASCII run after them then had a negative (huge)
 * room and wrote past the key. The word is now dropped as too long. */
TEST(clean_key_ascii_run_after_folds_at_the_cap_is_dropped)
{
    char line[1024];
    size_t o = 0;
    for (int w = 0; w < 74; w++) { /* 74 words: a key of 739 bytes */
        memcpy(line + o, "abcdefghi ", 10);
        o += 10;
    }
    const char *tail = "ab\xC3\xA9\xC3\xA9\xC3\xA9xyzxyzxyz"; /* key 740 + "abeee" → 745 */
    memcpy(line + o, tail, strlen(tail));
    o += strlen(tail);
    static ckey k, r;
    ckey_build_bytewise(&r, line, o);
    CHECK(r.trunc);
    CHECK_INT(r.nw, 74);
    CHECK_INT(r.kn, 739);
    ckey_build(&k, line, o);
    CHECK(!key_diff(&k, &r));
}

/* Every two-byte code point (the cleaner's table) between "a" and "b", held
 * to utf8proc directly: letters and numbers fold into one word, marks join
 * the word, anything else splits it. */
TEST(clean_key_two_byte_table_matches_utf8proc)
{
    int bad = 0;
    static ckey k;
    for (int32_t cp = 0x80; cp < 0x800; cp++) {
        char line[8] = {'a', (char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 'b', 0};
        utf8proc_category_t cat = utf8proc_category(cp);
        bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        bool mark = (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
                    cat == UTF8PROC_CATEGORY_CF;
        char want[64] = "a";
        size_t o = 1;
        if (word && (cp == 0x153 || cp == 0x152 || cp == 0xE6 || cp == 0xC6)) {
            want[o++] = cp == 0x153 || cp == 0x152 ? 'o' : 'a';
            want[o++] = 'e';
        } else if (word) {
            utf8proc_int32_t dst[8];
            int bc = 0;
            utf8proc_ssize_t m = utf8proc_decompose_char(
                cp, dst, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &bc);
            if (m < 0 || m > 8)
                dst[0] = cp, m = 1;
            for (utf8proc_ssize_t j = 0; j < m; j++)
                o += (size_t)utf8proc_encode_char(dst[j], (utf8proc_uint8_t *)want + o);
        } else if (!mark) {
            want[o++] = ' ';
        }
        want[o++] = 'b';
        want[o] = 0;
        ckey_build(&k, line, 4);
        size_t nw = word || mark ? 1 : 2;
        if ((strcmp(k.k, want) != 0 || k.nw != nw || k.w[0].re != (word || mark ? 4u : 1u)) &&
            bad++ < 5)
            harness_fail(__FILE__, __LINE__, "U+%04X: key \"%s\" (%zu words), expected \"%s\"",
                         (unsigned)cp, k.k, k.nw, want);
    }
    CHECK_INT(bad, 0);
}

/* The content hash reads norms 8 bytes at a time: it must still be the
 * hash of the word and number norms joined by spaces, for norms of every
 * length around the 8-byte steps and past the 256-byte buffer piece. */
TEST(article_content_hash_reads_norms_as_the_rule)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    int bad = 0, long_norms = 0;
    for (size_t round = 0; round < 40; round++) {
        char text[8192];
        size_t o = 0;
        for (size_t w = 1; w <= 48 && o < sizeof text - 400; w++) {
            size_t len = (w * 7 + round * 3) % 23 + 1;
            if (w % 16 == 0)
                len = 250 + round % 20; /* some norms reach past 256 bytes */
            for (size_t j = 0; j < len; j++)
                text[o++] = (char)("Abcdefghijklmnopqrstuvwxyz"[(j + w + round) % 26]);
            text[o++] = w % 5 == 0 ? ',' : ' ';
            text[o++] = ' ';
        }
        memcpy(text + o, "1,5 million.", 12);
        o += 12;
        sl_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.id = "hash-test";
        raw.title = "A title";
        raw.lang = "en";
        raw.text = text;
        raw.text_len = o;
        raw.origin = "test";
        raw.format = "jsonl";
        sl_article *a = sl_article_build(ctx, &raw);
        CHECK(a != NULL);
        if (!a)
            break;
        size_t cap = 1, k = 0;
        for (size_t i = 0; i < a->n_toks; i++)
            cap += strlen(a->toks[i].norm) + 1;
        char *joined = malloc(cap);
        for (size_t i = 0; i < a->n_toks; i++) {
            if (a->toks[i].kind == SL_TOK_PUNCT)
                continue;
            size_t l = strlen(a->toks[i].norm);
            long_norms += l > 256;
            memcpy(joined + k, a->toks[i].norm, l);
            k += l;
            joined[k++] = ' ';
        }
        if (a->hash != XXH3_64bits(joined, k) && bad++ < 3)
            harness_fail(__FILE__, __LINE__, "round %zu: hash differs from the joined norms", round);
        free(joined);
        sl_article_free(a);
    }
    CHECK_INT(bad, 0);
    CHECK(long_norms > 0);
    sl_ctx_free(ctx);
}
