/*
 * test_text.c — unit tests of the text module: UTF-8 cleaning, folding,
 * language identification, stems, stopwords, interning, and robustness of
 * the tokenizer and sentence splitter on hostile input. Every paragraph
 * below was written for these tests.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../src/text/text.h"

/* utf8_clean on a literal of n bytes: the cleaned text and the bad count. */
static const char *clean(sl_arena *a, const char *s, size_t n, unsigned *bad, size_t *len)
{
    size_t l;
    const char *out = utf8_clean(a, s, n, &l, bad);
    if (len)
        *len = l;
    return out;
}

#define FFFD "\xEF\xBF\xBD"

TEST(utf8_clean_valid_text_is_unchanged)
{
    sl_arena *a = arena_new();
    unsigned bad = 99;
    size_t len;
    const char *s = "L'armée « tire » — 10 €, Straße, 東京, 🙂";
    const char *out = clean(a, s, strlen(s), &bad, &len);
    CHECK_STR(out, s);
    CHECK_INT(bad, 0);
    CHECK_INT(len, strlen(s));
    out = clean(a, "", 0, &bad, &len);
    CHECK_STR(out, "");
    CHECK_INT(len, 0);
    arena_free(a);
}

TEST(utf8_clean_invalid_bytes)
{
    sl_arena *a = arena_new();
    unsigned bad;
    /* lone continuation byte, Latin-1 é, bytes that never start a sequence */
    CHECK_STR(clean(a, "a\x80z", 3, &bad, NULL), "a" FFFD "z");
    CHECK_INT(bad, 1);
    CHECK_STR(clean(a, "caf\xE9 ok", 7, &bad, NULL), "caf" FFFD " ok");
    CHECK_INT(bad, 1);
    CHECK_STR(clean(a, "\xFF\xFE", 2, &bad, NULL), FFFD FFFD);
    CHECK_INT(bad, 2);
    /* overlong encodings of '/' and of U+0000 */
    CHECK_STR(clean(a, "\xC0\xAF", 2, &bad, NULL), FFFD FFFD);
    CHECK_INT(bad, 2);
    CHECK_STR(clean(a, "\xE0\x80\xAF", 3, &bad, NULL), FFFD FFFD FFFD);
    CHECK_INT(bad, 3);
    CHECK_STR(clean(a, "\xF0\x80\x80\xAF", 4, &bad, NULL), FFFD FFFD FFFD FFFD);
    CHECK_INT(bad, 4);
    /* UTF-16 surrogate encoded in UTF-8, beyond U+10FFFF */
    CHECK_STR(clean(a, "x\xED\xA0\x80y", 5, &bad, NULL), "x" FFFD FFFD FFFD "y");
    CHECK_INT(bad, 3);
    CHECK_STR(clean(a, "\xF4\x90\x80\x80", 4, &bad, NULL), FFFD FFFD FFFD FFFD);
    CHECK_INT(bad, 4);
    /* the largest valid code points survive */
    CHECK_STR(clean(a, "\xED\x9F\xBF\xF4\x8F\xBF\xBF", 7, &bad, NULL),
              "\xED\x9F\xBF\xF4\x8F\xBF\xBF");
    CHECK_INT(bad, 0);
    arena_free(a);
}

TEST(utf8_clean_truncated_sequences)
{
    sl_arena *a = arena_new();
    unsigned bad;
    /* cut at the end: one U+FFFD for the maximal valid prefix */
    CHECK_STR(clean(a, "prix 10 \xE2\x82", 10, &bad, NULL), "prix 10 " FFFD);
    CHECK_INT(bad, 2);
    CHECK_STR(clean(a, "\xF0\x9F\x99", 3, &bad, NULL), FFFD);
    CHECK_INT(bad, 3);
    CHECK_STR(clean(a, "\xC3", 1, &bad, NULL), FFFD);
    CHECK_INT(bad, 1);
    /* cut in the middle, then ASCII resumes */
    CHECK_STR(clean(a, "\xE2\x82z\xC3\xA9", 5, &bad, NULL), FFFD "z\xC3\xA9");
    CHECK_INT(bad, 2);
    arena_free(a);
}

TEST(utf8_clean_nul_and_line_ends)
{
    sl_arena *a = arena_new();
    unsigned bad;
    size_t len;
    CHECK_STR(clean(a, "a\0b\0\0c", 6, &bad, &len), "abc");
    CHECK_INT(len, 3);
    CHECK_INT(bad, 0);
    CHECK_STR(clean(a, "one\r\ntwo\rthree\n\r\nfour\r", 23, &bad, &len),
              "one\ntwo\nthree\n\nfour\n");
    CHECK_INT(bad, 0);
    /* a long plain run (fast path) with a CR deep inside */
    char big[200];
    memset(big, 'x', sizeof big);
    big[150] = '\r';
    const char *out = clean(a, big, sizeof big, &bad, &len);
    CHECK_INT(len, 200);
    CHECK(out[150] == '\n' && out[149] == 'x' && out[199] == 'x' && out[200] == 0);
    arena_free(a);
}

TEST(utf8_clean_random_bytes_never_crash)
{
    sl_arena *a = arena_new();
    unsigned seed = 12345;
    char b[512];
    for (int round = 0; round < 300; round++) {
        for (size_t i = 0; i < sizeof b; i++) {
            seed = seed * 1103515245u + 12345u;
            b[i] = (char)(seed >> 16);
        }
        size_t n = (size_t)round % sizeof b, len;
        unsigned bad;
        const char *out = utf8_clean(a, b, n, &len, &bad);
        /* the output must be valid: cleaning it again changes nothing */
        size_t len2;
        unsigned bad2;
        const char *again = utf8_clean(a, out, len, &len2, &bad2);
        CHECK_INT(bad2, 0);
        CHECK_INT(len2, len);
        CHECK(memcmp(out, again, len) == 0);
        CHECK(memchr(out, '\r', len) == NULL);
        CHECK(strlen(out) == len); /* no NUL inside */
    }
    arena_free(a);
}

TEST(text_fold_nfkc_and_case)
{
    sl_arena *a = arena_new();
    size_t len;
    CHECK_STR(text_fold(a, "Élysée", strlen("Élysée"), &len), "élysée");
    CHECK_STR(text_fold(a, "STRASSE Straße", strlen("STRASSE Straße"), &len), "strasse strasse");
    CHECK_STR(text_fold(a, "\xEF\xAC\x81n", 4, &len), "fin"); /* ﬁ ligature */
    CHECK_INT(len, 3);
    CHECK_STR(text_fold(a, "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x97", 12, &len),
              "2017"); /* full-width digits */
    CHECK_STR(text_fold(a,
                        "1\xC2\xA0"
                        "500",
                        6, &len),
              "1 500"); /* no-break space */
    CHECK_STR(text_fold(a, "e\xCC\x81t\xC3\xA9", 6, &len), "\xC3\xA9t\xC3\xA9"); /* composed */
    CHECK_STR(text_fold(a, "pr\xC3\xA9\xC2\xADsident", 12, &len),
              "pr\xC3\xA9sident"); /* soft hyphen */
    CHECK_STR(text_fold(a, "ΑΘΗΝΑ", strlen("ΑΘΗΝΑ"), &len), "αθηνα");
    CHECK_STR(text_fold(a, "ABC xyz 123", 11, &len), "abc xyz 123");
    CHECK_STR(text_fold(a, "", 0, &len), "");
    CHECK_INT(len, 0);
    arena_free(a);
}

TEST(utf8_decode_code_points)
{
    int32_t cp;
    CHECK_INT(utf8_decode("a", 1, &cp), 1);
    CHECK_INT(cp, 'a');
    CHECK_INT(utf8_decode("\xC3\xA9", 2, &cp), 2);
    CHECK_INT(cp, 0xE9);
    CHECK_INT(utf8_decode("\xE2\x80\x99", 3, &cp), 3);
    CHECK_INT(cp, 0x2019);
    CHECK_INT(utf8_decode("\xF0\x9F\x99\x82", 4, &cp), 4);
    CHECK_INT(cp, 0x1F642);
    CHECK_INT(utf8_decode("\xE2\x80", 2, &cp), 1); /* cut short: one byte, U+FFFD */
    CHECK_INT(cp, 0xFFFD);
}

/* ------------------------------------------------------------- languages */

static const char *detect(sl_ctx *ctx, const char *s)
{
    return lang_detect(ctx, s, strlen(s));
}

TEST(lang_detect_stopword_languages)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    CHECK_STR(detect(ctx, "Le maire de la commune a annoncé mardi que les travaux du pont "
                          "reprendraient au printemps, après deux ans d'attente pour les "
                          "habitants qui doivent faire un long détour chaque jour."),
              "fr");
    CHECK_STR(detect(ctx, "The city council said on Tuesday that work on the bridge would "
                          "resume in the spring, after two years of waiting for residents "
                          "who have to make a long detour every day."),
              "en");
    CHECK_STR(detect(ctx, "Der Bürgermeister der Gemeinde kündigte am Dienstag an, dass die "
                          "Arbeiten an der Brücke im Frühjahr wieder aufgenommen werden, "
                          "nachdem die Anwohner zwei Jahre lang gewartet haben."),
              "de");
    CHECK_STR(detect(ctx, "El alcalde del municipio anunció el martes que las obras del "
                          "puente se reanudarán en la primavera, después de dos años de "
                          "espera para los vecinos que deben dar un largo rodeo."),
              "es");
    CHECK_STR(detect(ctx, "Il sindaco del comune ha annunciato martedì che i lavori del ponte "
                          "riprenderanno in primavera, dopo due anni di attesa per gli "
                          "abitanti che devono fare una lunga deviazione ogni giorno."),
              "it");
    CHECK_STR(detect(ctx, "O prefeito do município anunciou na terça-feira que as obras da "
                          "ponte serão retomadas na primavera, depois de dois anos de espera "
                          "para os moradores que precisam fazer um longo desvio todos os dias."),
              "pt");
    CHECK_STR(detect(ctx, "De burgemeester van de gemeente heeft dinsdag aangekondigd dat de "
                          "werkzaamheden aan de brug in het voorjaar worden hervat, na twee "
                          "jaar wachten voor de bewoners die elke dag moeten omrijden."),
              "nl");
    sl_ctx_free(ctx);
}

TEST(lang_detect_other_languages_through_textcat)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    /* Polish and Czech have no stopword list here: exttextcat decides */
    CHECK_STR(detect(ctx, "Burmistrz gminy zapowiedział we wtorek, że prace przy budowie mostu "
                          "zostaną wznowione wiosną, po dwóch latach oczekiwania mieszkańców, "
                          "którzy codziennie muszą jeździć długą okrężną drogą do pracy."),
              "pl");
    CHECK_STR(detect(ctx, "Starosta obce v úterý oznámil, že práce na mostě budou na jaře "
                          "obnoveny, po dvou letech čekání obyvatel, kteří musí každý den "
                          "jezdit dlouhou objížďkou přes sousední vesnici do města."),
              "cs");
    sl_ctx_free(ctx);
}

TEST(lang_detect_short_or_empty_is_und)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    CHECK_STR(lang_detect(ctx, "", 0), "und");
    CHECK_STR(lang_detect(ctx, NULL, 0), "und");
    CHECK_STR(detect(ctx, "OK"), "und");
    CHECK_STR(detect(ctx, "12 345 678"), "und");
    CHECK_STR(detect(ctx, "— … « » !!"), "und");
    sl_ctx_free(ctx);
}

TEST(lang_detect_elisions_and_capitals)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    /* typographic apostrophes and sentence-initial capitals still count */
    CHECK_STR(detect(ctx, "À l’aube, l’armée s’est retirée d’un village où elle n’avait "
                          "jamais été accueillie. C’est ce qu’a dit le préfet."),
              "fr");
    CHECK_STR(detect(ctx, "THE GOVERNMENT SAID THAT IT WOULD NOT CHANGE ITS PLANS FOR THE "
                          "BUDGET BEFORE THE ELECTION IN MAY."),
              "en");
    sl_ctx_free(ctx);
}

/* ----------------------------------------------------- stems and stopwords */

TEST(stem_word_snowball)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    CHECK_STR(stem_word(ctx, "en", "running", 7), "run");
    CHECK_STR(stem_word(ctx, "en", "elections", 9), "elect");
    CHECK_STR(stem_word(ctx, "fr", "manifestations", 14), "manifest");
    CHECK_STR(stem_word(ctx, "fr", "armée", strlen("armée")), "armé"); /* Snowball keeps é */
    CHECK_STR(stem_word(ctx, "de", "häuser", strlen("häuser")), "haus");
    CHECK_STR(stem_word(ctx, "es", "ciudades", 8), "ciudad");
    CHECK_STR(stem_word(ctx, "it", "governo", 7), "govern");
    /* unknown language or und: the word itself */
    CHECK_STR(stem_word(ctx, "und", "elections", 9), "elections");
    CHECK_STR(stem_word(ctx, "xx", "elections", 9), "elections");
    CHECK_STR(stem_word(ctx, NULL, "elections", 9), "elections");
    /* region subtags are accepted */
    CHECK_STR(stem_word(ctx, "en-GB", "running", 7), "run");
    /* interned and cached: same pointer for the same stem */
    const char *a = stem_word(ctx, "en", "elections", 9);
    const char *b = stem_word(ctx, "en", "elected", 7);
    CHECK(a == b);
    CHECK(stem_word(ctx, "en", "elections", 9) == a);
    /* empty word */
    CHECK_STR(stem_word(ctx, "fr", "", 0), "");
    sl_ctx_free(ctx);
}

TEST(stopword_is_per_language)
{
    CHECK(stopword_is("fr", "les", 3));
    CHECK(stopword_is("fr", "été", strlen("été")));
    CHECK(!stopword_is("fr", "armée", strlen("armée")));
    CHECK(stopword_is("en", "the", 3));
    CHECK(stopword_is("en", "don't", 5));
    CHECK(!stopword_is("en", "les", 3));
    CHECK(stopword_is("de", "und", 3));
    CHECK(stopword_is("de", "über", strlen("über")));
    CHECK(stopword_is("es", "los", 3));
    CHECK(stopword_is("it", "della", 5));
    CHECK(stopword_is("pt", "não", strlen("não")));
    CHECK(stopword_is("nl", "het", 3));
    CHECK(stopword_is("no", "og", 2));
    CHECK(stopword_is("nb", "og", 2)); /* Bokmål uses the Norwegian list */
    CHECK(stopword_is("FR", "les", 3));
    CHECK(!stopword_is("und", "the", 3));
    CHECK(!stopword_is("pl", "the", 3));
    CHECK(!stopword_is(NULL, "the", 3));
    CHECK(!stopword_is("en", "The", 3)); /* callers pass folded words */
    CHECK(!stopword_is("en", "", 0));
    CHECK(!stopword_is("en", "th", 2)); /* prefix of a stopword is not one */
}

TEST(text_intern_same_pointer)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    char w1[] = "cluster", w2[] = "cluster";
    const char *a = text_intern(ctx, w1, 7), *b = text_intern(ctx, w2, 7);
    CHECK(a == b);
    CHECK(a != w1);
    CHECK_STR(a, "cluster");
    CHECK(text_intern(ctx, "clust", 5) != a);
    CHECK_STR(text_intern(ctx, "clusters", 5), "clust");
    CHECK_STR(text_intern(ctx, "", 0), "");
    /* many strings: earlier pointers stay valid while the table grows */
    char tmp[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(tmp, sizeof tmp, "w%d", i);
        text_intern(ctx, tmp, (size_t)n);
    }
    CHECK(text_intern(ctx, "cluster", 7) == a);
    CHECK_STR(a, "cluster");
    sl_ctx_free(ctx);
}

/* ------------------------------------------------------ tokens, sentences */

TEST(tokenize_values_and_spans)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_arena *a = arena_new();
    const char *s = "Selon l'Insee, 1 500 emplois (3,5 %) en 2017.";
    sl_token *t;
    size_t n = tokenize(ctx, a, "fr", s, strlen(s), &t);
    /* Selon l' Insee 1·500 emplois ( 3,5·% ) en 2017 . — the comma makes no token */
    CHECK_INT(n, 11);
    if (n == 11) {
        CHECK_INT(t[1].start, 6);
        CHECK_INT(t[1].end, 8);
        CHECK(t[1].flags & SL_TOKF_ELIDED);
        CHECK_INT(t[3].kind, SL_TOK_NUMBER);
        CHECK(t[3].value == 1500);
        CHECK_INT(t[3].start, 15);
        CHECK_INT(t[3].end, 20);
        CHECK_INT(t[6].kind, SL_TOK_PERCENT);
        CHECK(t[6].value == 3.5);
        CHECK_INT(t[9].kind, SL_TOK_NUMBER);
        CHECK(t[9].value == 2017);
        CHECK_INT(t[10].kind, SL_TOK_PUNCT);
        CHECK(t[3].stem == t[3].norm); /* numbers: the norm is the stem */
    }
    /* the same word twice: same interned stem pointer, distinct norm copies */
    const char *s2 = "Emplois, emplois.";
    n = tokenize(ctx, a, "fr", s2, strlen(s2), &t);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK(t[0].stem == t[1].stem);
        CHECK_STR(t[0].norm, "emplois");
        CHECK(t[0].flags & SL_TOKF_CAP);
        CHECK(!(t[1].flags & SL_TOKF_CAP));
    }
    arena_free(a);
    sl_ctx_free(ctx);
}

TEST(tokenize_and_split_hostile_input)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_arena *a = arena_new();
    sl_token *t;
    sl_sentence *st;
    /* empty and NULL */
    CHECK_INT(tokenize(ctx, a, "fr", "", 0, &t), 0);
    CHECK_INT(tokenize(ctx, a, "fr", NULL, 0, &t), 0);
    CHECK_INT(sentence_split(a, "fr", "", 0, NULL, 0, NULL, 0, &st), 0);
    /* punctuation only, odd joiners at the ends */
    const char *odd[] = {"...", "'",   "-",        "l'",     "d'-",    "1.",       "1,",
                         "1 ",  "10h", "2017-10-", "24.10.", "1.500.", "%",        "\xC2\xA0%",
                         "U.S", "a-",  "-a",       "««»»",   "?!?!",   "\xCC\x81", "\xC2\xAD",
                         "qu'", "1e",  "XXe",      "à-t-il"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        size_t n = tokenize(ctx, a, "fr", odd[i], strlen(odd[i]), &t);
        for (size_t k = 0; k < n; k++) {
            CHECK(t[k].start < t[k].end);
            CHECK(t[k].end <= strlen(odd[i]));
            CHECK(t[k].norm && t[k].stem);
        }
        sentence_split(a, "fr", odd[i], strlen(odd[i]), NULL, 0, t, n, &st);
    }
    /* a huge run without spaces, and random valid UTF-8 made by utf8_clean */
    size_t big = 300000;
    char *h = malloc(big);
    for (size_t i = 0; i < big; i++)
        h[i] = "a.'-1,%"[i % 7];
    size_t n = tokenize(ctx, a, "en", h, big, &t);
    CHECK(n > 0);
    sentence_split(a, "en", h, big, NULL, 0, t, n, &st);
    unsigned seed = 7;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < 600; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            /* bias towards the characters the tokenizer cares about */
            static const char pick[] = " .,'-%1a\xC2\xA0\xE2\x80\x99\xC3\xA9";
            h[i] = r % 3 ? pick[r % (sizeof pick - 1)] : (char)r;
        }
        size_t len;
        unsigned bad;
        char *c = utf8_clean(a, h, 600, &len, &bad);
        const char *langs[] = {"fr", "en", "de", "it", "und"};
        n = tokenize(ctx, a, langs[round % 5], c, len, &t);
        size_t prev = 0;
        for (size_t k = 0; k < n; k++) {
            CHECK(t[k].start >= prev && t[k].start < t[k].end && t[k].end <= len);
            prev = t[k].end;
        }
        sl_span para = {0, (uint32_t)len};
        size_t ns = sentence_split(a, langs[round % 5], c, len, &para, 1, t, n, &st);
        for (size_t k = 0; k < ns; k++)
            CHECK(st[k].start < st[k].end && st[k].end <= len && st[k].tok_first <= st[k].tok_end &&
                  st[k].tok_end <= n);
        lang_detect(ctx, c, len);
        arena_reset(a);
    }
    /* raw bytes, not cleaned first: the contract says valid UTF-8, but a
     * caller's mistake must not crash */
    for (int round = 0; round < 100; round++) {
        for (size_t i = 0; i < 600; i++) {
            seed = seed * 1103515245u + 12345u;
            h[i] = (char)(seed >> 16);
        }
        n = tokenize(ctx, a, round % 2 ? "fr" : "en", h, 600, &t);
        for (size_t k = 0; k < n; k++)
            CHECK(t[k].start < t[k].end && t[k].end <= 600);
        sentence_split(a, "fr", h, 600, NULL, 0, t, n, &st);
        lang_detect(ctx, h, 600);
        arena_reset(a);
    }
    /* a very long word: one token, norm folded, stem = norm, nothing cached */
    for (size_t i = 0; i < 100000; i++)
        h[i] = i ? 'a' : 'A';
    n = tokenize(ctx, a, "fr", h, 100000, &t);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK(t[0].end == 100000 && t[0].norm[0] == 'a' && strlen(t[0].norm) == 100000);
        CHECK(t[0].stem == t[0].norm);
        CHECK(t[0].flags == SL_TOKF_CAP);
    }
    free(h);
    arena_free(a);
    sl_ctx_free(ctx);
}

TEST(sentence_split_paragraphs_and_ranges)
{
    sl_arena *a = arena_new();
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    const char *s = "Premier paragraphe. Encore une phrase\n\nSecond. Fin";
    sl_span paras[2] = {{0, 37}, {39, (uint32_t)strlen(s)}};
    sl_token *t;
    size_t nt = tokenize(ctx, a, "fr", s, strlen(s), &t);
    sl_sentence *st;
    size_t n = sentence_split(a, "fr", s, strlen(s), paras, 2, t, nt, &st);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_INT(st[0].start, 0);
        CHECK_INT(st[0].end, 19);
        CHECK_INT(st[1].end, 37);
        CHECK_INT(st[1].para, 0);
        CHECK_INT(st[2].para, 1);
        CHECK_INT(st[2].start, 39);
        CHECK_INT(st[0].tok_first, 0);
        CHECK_INT(st[0].tok_end, 3); /* Premier paragraphe . */
        CHECK_INT(st[1].tok_first, 3);
        CHECK_INT(st[3].tok_end, nt);
    }
    /* paragraph spans out of range are clamped, never read past the text */
    sl_span wild[2] = {{5, 9999}, {9999, 10000}};
    n = sentence_split(a, "fr", s, strlen(s), wild, 2, t, nt, &st);
    for (size_t k = 0; k < n; k++)
        CHECK(st[k].end <= strlen(s));
    sl_ctx_free(ctx);
    arena_free(a);
}

TEST(sentence_split_same_with_or_without_tokens)
{
    /* with tokens the splitter only visits PUNCT tokens and tokens ending
     * in a dot; the result must equal the plain text scan */
    static const struct {
        const char *lang, *text;
    } t[] = {
        {"fr", "M. Dupont a vu 3.5 t. « Il viendra. » a-t-il dit. Le 3 janv. 2018, etc. Fin… "
               "puis rien (...) Non ! Vraiment ?! J.-P. Martin à 10h32. Voir p. 12. U.S. Le x."},
        {"en", "He met U.S. President Biden at 9 a.m. The U.N. said no. Apple Inc. It rained "
               "(again.) \"Go!\" she said. Mr. J. R. Smith. No. 5 was 1,500.25 km. End‼ Yes."},
        {"de", "Am 3. Oktober kamen z.B. 1.500 Menschen. Es kostet 3 Mio. Euro. „Ja.“ Gut."},
        {"ja", "東京は晴れ。大阪は雨！本当？はい。"},
    };
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_arena *a = arena_new();
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        size_t n = strlen(t[k].text);
        sl_token *tk;
        sl_sentence *s1, *s2;
        size_t nt = tokenize(ctx, a, t[k].lang, t[k].text, n, &tk);
        size_t n1 = sentence_split(a, t[k].lang, t[k].text, n, NULL, 0, tk, nt, &s1);
        size_t n2 = sentence_split(a, t[k].lang, t[k].text, n, NULL, 0, NULL, 0, &s2);
        CHECK_INT(n1, n2);
        CHECK(n1 > 3);
        for (size_t i = 0; i < n1 && i < n2; i++) {
            CHECK_INT(s1[i].start, s2[i].start);
            CHECK_INT(s1[i].end, s2[i].end);
            CHECK_INT(s2[i].tok_first, s2[i].tok_end); /* no tokens given: empty ranges */
        }
    }
    arena_free(a);
    sl_ctx_free(ctx);
}
