/*
 * test_jsonl.c — the JSON Lines reader's frame fast path (jsonl_parse with
 * scratch buffers) must give exactly what jansson alone gives: an equal
 * object, or the same error at the same column. Hand-written lines cover
 * each escape and each refusal; generated lines mix them at random.
 */
#include <stdlib.h>

#include "../src/extract/jsonl.h"
#include "harness.h"

static unsigned long framed; /* lines the last same_both_ways() framed */

/* Parses s both ways; true when the results agree. */
static int same_both_ways(const char *s, size_t n)
{
    jsonl_scratch sc;
    jsonl_scratch_init(&sc);
    json_error_t e1, e2;
    memset(&e1, 0, sizeof e1);
    memset(&e2, 0, sizeof e2);
    json_t *fast = jsonl_parse(s, n, &sc, &e1);
    json_t *slow = jsonl_parse(s, n, NULL, &e2);
    int ok;
    if (fast && slow)
        ok = json_equal(fast, slow);
    else
        ok = !fast && !slow && !strcmp(e1.text, e2.text) && e1.column == e2.column &&
             e1.position == e2.position;
    json_decref(fast);
    json_decref(slow);
    framed = sc.framed;
    jsonl_scratch_free(&sc);
    return ok;
}

/* A line whose "text" member holds the given raw JSON string content,
 * padded past the fast path's minimum size. */
static int text_case(const char *content)
{
    char line[4096];
    snprintf(line, sizeof line,
             "{\"id\":\"a-1\",\"title\":\"T\",\"text\":\"%s and then a long tail of plain "
             "words that makes this value the longest of the record by far, well over the "
             "threshold of the fast path\"}",
             content);
    return same_both_ways(line, strlen(line));
}

TEST(jsonl_fast_path_decodes_text_like_jansson)
{
    /* accepted: these go through the frame */
    CHECK(text_case("plain") && framed == 1);
    CHECK(text_case("quote \\\" backslash \\\\ slash \\/ b\\b f\\f n\\n r\\r t\\t") &&
          framed == 1);
    CHECK(text_case("caf\\u00e9 \\u20AC \\u00E9t\\u00e9 emoji \\ud83d\\ude00") && framed == 1);
    CHECK(text_case("raw UTF-8: caf\xC3\xA9, \xE2\x80\x94, \xF0\x9F\x98\x80") && framed == 1);
    CHECK(text_case("nul \\u0000 inside") && framed == 1);
    CHECK(text_case("ends in backslash pair \\\\") && framed == 1);
    /* refusals: each must give jansson's error, column included */
    CHECK(text_case("lone high \\ud83d then text"));
    CHECK(text_case("lone low \\ude00 then text"));
    CHECK(text_case("bad pair \\ud83d\\u0041"));
    CHECK(text_case("bad hex \\u12G4"));
    CHECK(text_case("short \\u12"));
    CHECK(text_case("bad escape \\x41"));
    CHECK(text_case("control \x01 byte"));
    CHECK(text_case("tab \t raw"));
    CHECK(text_case("invalid \xC3 byte"));
    CHECK(text_case("overlong \xC0\xAF slash"));
    CHECK(text_case("surrogate \xED\xA0\x80 in UTF-8"));
    CHECK(text_case("too high \xF4\x90\x80\x80 code point"));
    CHECK(text_case("truncated \xE2\x80"));
}

TEST(jsonl_fast_path_structure_like_jansson)
{
    static const char *const lines[] = {
        /* the big string is the title, or nested (not a top-level member) */
        "{\"title\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\",\"x\":1}",
        "{\"meta\":{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
        "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim\"},"
        "\"text\":\"s\"}",
        "[\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis\"]",
        /* duplicate keys: the last one wins, big or not */
        "{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\","
        "\"text\":\"b\"}",
        "{\"text\":\"a\",\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed "
        "do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\"}",
        /* a \u0000 elsewhere in the line, and a value that is just a NUL */
        "{\"t\":\"\\u0000\",\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
        "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim\"}",
        /* a big key (not a value), spaces around the colon */
        "{\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis\" : 1}",
        "{ \"text\" : \"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\" }",
        /* errors after, before and around the big string */
        "{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\",}",
        "{\"a\":tru,\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
        "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\"}",
        "{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\"} x",
        "{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam",
        "{\"text\":\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\"",
        "{\"text\"\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam\"}",
        /* several long strings: title, url and text cut together */
        "{\"url\":\"https://example.org/a/long/path/to/the/report\",\"title\":\"Caf\\u00e9 "
        "owners \\\"protest\\\" the new rules\",\"text\":\"Lorem ipsum dolor sit amet, consectetur "
        "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\"}",
        "{\"title\":\"Caf\\u00e9 owners protest the new rules\",\"text\":\"Lorem ipsum dolor sit "
        "amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
        "magna aliqua.\",\"title\":\"A second title, long enough to be cut\"}",
        "{\"title\":\"Caf\\u00e9 owners protest the new rules\",\"text\":\"Lorem ipsum dolor sit "
        "amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
        "magna aliqua.\",\"x\":\"\\u0000\"}",
        "  {\"n\":-1.5e3,\"ok\":true,\"no\":null,\"l\":[1,{\"a\":[]}],\"text\":\"Lorem ipsum "
        "dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
        "labore\"}",
    };
    unsigned long n_framed = 0;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!same_both_ways(lines[i], strlen(lines[i])))
            harness_fail(__FILE__, __LINE__, "line %zu parsed differently", i);
        n_framed += framed;
    }
    /* framed: the title one, the duplicate texts (twice), spaces around the
     * colon, and those with several long strings except the one holding a
     * \u0000 of its own; the last one has too few bytes to cut */
    CHECK_INT(n_framed, 6);
}

/* Random records from pieces (escapes, UTF-8, bad bytes, structure), then
 * random byte flips of them: both ways must always agree. */
TEST(jsonl_fast_path_random_lines_like_jansson)
{
    static const char *const pieces[] = {
        "word ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\u20ac", "\\ud83d\\ude00",
        "\\u0000", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\\ud83d", "\\x", "\x01",
        "\xC3", "\xED\xA0\x80", "\"", "\\", "{", "}", ":", ",", "[", "]",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    char line[8192];
    int bad = 0;
    for (int iter = 0; iter < 4000; iter++) {
        /* a title and a text, both long enough to be cut out of the frame */
        size_t o = (size_t)snprintf(line, sizeof line, "{\"id\":\"r%d\",\"title\":\"", iter);
        for (int part = 0; part < 2; part++) {
            int len = part ? 20 + (int)(rand_r(&seed) % 200) : 4 + (int)(rand_r(&seed) % 20);
            for (int k = 0; k < len && o + 16 < sizeof line - 64; k++) {
                /* mostly harmless pieces, a risky one now and then */
                size_t pick =
                    rand_r(&seed) % 8 ? (size_t)(rand_r(&seed) % 10) : rand_r(&seed) % np;
                size_t pl = strlen(pieces[pick]);
                memcpy(line + o, pieces[pick], pl);
                o += pl;
            }
            o += (size_t)snprintf(line + o, sizeof line - o, part ? "\",\"lang\":\"en\"}"
                                                                  : "\",\"text\":\"");
        }
        if (iter % 2) { /* flip a few bytes */
            for (int f = 0; f < 1 + (int)(rand_r(&seed) % 3); f++)
                line[rand_r(&seed) % o] = (char)(rand_r(&seed) % 256);
        }
        if (!same_both_ways(line, o) && bad++ < 5)
            harness_fail(__FILE__, __LINE__, "random line %d parsed differently: %.*s", iter,
                         o > 200 ? 200 : (int)o, line);
    }
    CHECK_INT(bad, 0);
}
