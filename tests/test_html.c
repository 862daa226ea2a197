/*
 * test_html.c — HTML main-content extraction: what is kept and dropped on
 * invented pages in en/fr/de/es/it, metadata sources and their order,
 * charsets (BOM, <meta>, HTTP, wrong declarations, detection), --explain
 * blocks, and bad input (empty, truncated, deeply nested, huge, binary).
 */
#include <stdlib.h>
#include <string.h>

#include "../src/extract/charset.h"
#include "../src/extract/html.h"
#include "../src/util/buf.h"
#include "harness.h"

/* ---------------------------------------------------------------- helpers */

static html_doc *ex(const char *html)
{
    return html_extract(html, strlen(html), NULL);
}

static html_doc *ex_url(const char *html, const char *url)
{
    html_opts o = {0};
    o.url = url;
    return html_extract(html, strlen(html), &o);
}

static int has(const html_doc *d, const char *s)
{
    return d && d->text && strstr(d->text, s) != NULL;
}

static html_doc *ex_file(const char *path)
{
    size_t n = 0;
    char *p = buf_load_file(path, &n);
    if (!p) {
        harness_fail(__FILE__, __LINE__, "cannot read fixture %s", path);
        return html_extract("", 0, NULL);
    }
    html_doc *d = html_extract(p, n, NULL);
    free(p);
    return d;
}

/* Every result must be valid UTF-8 with no NUL inside. */
static void check_valid(const html_doc *d)
{
    CHECK(d != NULL);
    CHECK(d->text != NULL);
    CHECK_INT(strlen(d->text), d->text_len);
    CHECK(charset_valid_utf8(d->text, d->text_len, NULL));
}

/* A page with furniture around a four-paragraph article. */
#define FURNITURE_TOP                                                                              \
    "<div class=\"cookie-notice\">We use cookies on this site. Accept or refuse them.</div>"       \
    "<nav><ul><li><a href=\"/a\">Home</a></li><li><a href=\"/b\">World</a></li></ul></nav>"
#define FURNITURE_BOTTOM                                                                           \
    "<div class=\"share-buttons\"><a href=\"#\">Share this article on Facebook</a></div>"          \
    "<div class=\"related\"><h3>Read more</h3><ul><li><a href=\"/x\">Another headline "            \
    "about something else entirely</a></li><li><a href=\"/y\">A second unrelated "                 \
    "headline for the list</a></li></ul></div>"                                                    \
    "<div id=\"comments\"><p>I totally disagree with this, the author should check the "           \
    "facts before writing such a long piece.</p></div>"                                            \
    "<footer><p>Copyright 2026 Example Media Group. All rights reserved.</p></footer>"

/* ---------------------------------------------------------------- content */

TEST(html_keeps_article_drops_furniture_en)
{
    const char *page =
        "<html><head><title>Bridge reopens after repairs - Valley "
        "Times</title></head><body>" FURNITURE_TOP "<div class=\"article-body\">"
        "<p>The old river bridge in Ashford reopened to traffic on Monday morning, after eight "
        "months of repairs that cost the county far more than planned.</p>"
        "<p>Engineers replaced the corroded steel beams, rebuilt both ramps and widened the "
        "footpath, said the county surveyor, Ruth Okafor.</p>"
        "<h2>Traffic returns</h2>"
        "<p>By nine o'clock, queues had already formed on the eastern side, as lorries that had "
        "been diverted through the town centre came back to their usual route.</p>"
        "<p>Shopkeepers in the centre said they would miss the passing trade, but welcomed the "
        "end of the noise and the dust.</p></div>" FURNITURE_BOTTOM "</body></html>";
    html_doc *d = ex(page);
    check_valid(d);
    CHECK(has(d, "The old river bridge in Ashford reopened"));
    CHECK(has(d, "end of the noise and the dust."));
    CHECK(has(d, "\n\nTraffic returns\n\nBy nine o'clock"));
    CHECK(!has(d, "cookies"));
    CHECK(!has(d, "Home"));
    CHECK(!has(d, "Share this article"));
    CHECK(!has(d, "Another headline"));
    CHECK(!has(d, "totally disagree"));
    CHECK(!has(d, "Copyright"));
    CHECK_STR(d->title, "Bridge reopens after repairs");
    html_doc_free(d);
}

TEST(html_keeps_article_fr_de_es_it)
{
    static const char *const pages[][3] = {
        {"<html lang=\"fr\"><body>" FURNITURE_TOP "<article><p>La mairie de Quimperlé a annoncé "
         "jeudi la fermeture temporaire de la piscine municipale, pour des travaux de mise aux "
         "normes qui dureront tout l'été.</p><p>Les nageurs pourront utiliser le bassin de "
         "Moëlan-sur-Mer, grâce à une navette gratuite mise en place par la communauté de "
         "communes.</p></article>" FURNITURE_BOTTOM "</body></html>",
         "fermeture temporaire de la piscine", "fr"},
        {"<html lang=\"de\"><body>" FURNITURE_TOP "<div class=\"text\"><p>Der Stadtrat von "
         "Waldkirchen hat am Dienstag den Bau einer neuen Grundschule beschlossen, die ab 2028 "
         "rund 300 Kinder aufnehmen soll.</p><p>Die Kosten werden auf zwölf Millionen Euro "
         "geschätzt, davon trägt das Land knapp die Hälfte.</p></div>" FURNITURE_BOTTOM
         "</body></html>",
         "neuen Grundschule beschlossen", "de"},
        {"<html lang=\"es\"><body>" FURNITURE_TOP "<section class=\"cuerpo\"><p>El mercado de "
         "abastos de Teruel celebrará el sábado su centenario con una jornada de puertas "
         "abiertas y degustaciones de productos locales.</p><p>Los comerciantes, organizados en "
         "una asociación desde 1985, han preparado una exposición de fotografías antiguas del "
         "edificio.</p></section>" FURNITURE_BOTTOM "</body></html>",
         "celebrará el sábado su centenario", "es"},
        {"<html lang=\"it\"><body>" FURNITURE_TOP "<div id=\"corpo\"><p>Il consiglio comunale "
         "di Bassano ha approvato ieri sera il nuovo piano del traffico, che prevede una zona a "
         "traffico limitato più ampia nel centro storico.</p><p>Le nuove regole entreranno in "
         "vigore a settembre, dopo un periodo di prova di due mesi.</p></div>" FURNITURE_BOTTOM
         "</body></html>",
         "nuovo piano del traffico", "it"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        html_doc *d = ex(pages[i][0]);
        check_valid(d);
        CHECK(has(d, pages[i][1]));
        CHECK(!has(d, "Share this article"));
        CHECK(!has(d, "Another headline"));
        CHECK(!has(d, "cookies"));
        CHECK_STR(d->lang, pages[i][2]);
        html_doc_free(d);
    }
}

TEST(html_hidden_and_aria_dropped)
{
    html_doc *d =
        ex("<html><body><div class=\"story\"><p>Visible paragraph of the article, long enough to "
           "count as real prose for the scorer, with a comma, and a full stop.</p>"
           "<p style=\"display: none\">Hidden paragraph that a reader never sees on the page at "
           "all, even though it is long.</p>"
           "<div aria-hidden=\"true\"><p>Screen-reader-hidden text that should also go away "
           "from the output entirely.</p></div>"
           "<div role=\"navigation\"><p>Landmark navigation text that lists sections of the "
           "site for visitors.</p></div>"
           "<p>Second visible paragraph, also long enough to be prose, and ending well.</p>"
           "</div></body></html>");
    CHECK(has(d, "Visible paragraph"));
    CHECK(has(d, "Second visible paragraph"));
    CHECK(!has(d, "Hidden paragraph"));
    CHECK(!has(d, "Screen-reader-hidden"));
    CHECK(!has(d, "Landmark navigation"));
    html_doc_free(d);
}

TEST(html_furniture_class_on_wrapper_is_revoked)
{
    /* a page-wide wrapper named "with-sidebar" must not take the article down */
    html_doc *d =
        ex("<html><body><div class=\"layout with-sidebar\"><div class=\"main-col\">"
           "<p>First paragraph of a story about the new tram line, which opens in June after "
           "three years of works in the city centre.</p>"
           "<p>Second paragraph: the line has fourteen stops and runs every six minutes at peak "
           "hours, the operator said on Tuesday.</p>"
           "<p>Third paragraph: tickets will cost the same as on the buses, and transfers will be "
           "free for one hour.</p></div></div></body></html>");
    CHECK(has(d, "First paragraph of a story"));
    CHECK(has(d, "Third paragraph"));
    html_doc_free(d);
}

TEST(html_explain_gives_reasons)
{
    const char *page = "<html><body>" FURNITURE_TOP
                       "<div class=\"entry-content\"><p>A paragraph of article text that is "
                       "long enough to score, with commas, clauses, and a proper end.</p>"
                       "<p>Another paragraph of article text, also long enough to be kept by "
                       "the extractor.</p></div>" FURNITURE_BOTTOM "</body></html>";
    html_opts o = {0};
    o.explain = true;
    html_doc *d = html_extract(page, strlen(page), &o);
    CHECK(d->n_blocks >= 6);
    int kept = 0, cookie_dropped = 0, footer_dropped = 0;
    for (size_t i = 0; i < d->n_blocks; i++) {
        const html_block *b = &d->blocks[i];
        CHECK(b->why && *b->why);
        kept += b->kept;
        if (strstr(b->text, "cookies"))
            cookie_dropped = !b->kept && !strcmp(b->why, "class/id cue");
        if (strstr(b->text, "Copyright"))
            footer_dropped = !b->kept && !strcmp(b->why, "furniture tag");
    }
    CHECK_INT(kept, 2);
    CHECK(cookie_dropped);
    CHECK(footer_dropped);
    html_doc_free(d);
}

TEST(html_fragment_keeps_short_text)
{
    html_opts o = {0};
    o.fragment = true;
    const char *s = "<p>Court texte.</p><div class=\"share\"><a href=\"#\">Partager</a></div>";
    html_doc *d = html_extract(s, strlen(s), &o);
    CHECK_STR(d->text, "Court texte.");
    html_doc_free(d);
}

TEST(html_no_paragraph_keeps_text)
{
    html_doc *d = ex("<html><body><div>Kurzmeldung: Zug fällt aus.</div></body></html>");
    CHECK_STR(d->text, "Kurzmeldung: Zug fällt aus.");
    html_doc_free(d);
}

/* ---------------------------------------------------------------- metadata */

TEST(html_meta_fixture_en)
{
    html_doc *d = ex_file("tests/fixtures/web/article-en.html");
    check_valid(d);
    CHECK_STR(d->title, "Harbour town votes to rebuild its old lighthouse");
    CHECK_STR(d->date, "2026-03-14T09:15:00Z");
    CHECK_STR(d->date_from, "json-ld");
    CHECK_STR(d->author, "Maggie Thornbury, Reuters");
    CHECK_STR(d->site, "The Coastal Ledger");
    CHECK_STR(d->url, "https://coastal-ledger.example/news/2026/03/14/lighthouse-vote");
    CHECK_STR(d->lang, "en-GB");
    CHECK_STR(d->agencies, "Reuters");
    CHECK(has(d, "Fishermen relieved"));
    CHECK(!has(d, "Advertisement"));
    CHECK(!has(d, "Photo: Coastal Ledger archive"));
    CHECK(!has(d, "Storm damage bill"));
    CHECK(!has(d, "Great news for the town"));
    CHECK(!has(d, "Tide tables"));
    CHECK(!has(d, "Do not show this script"));
    html_doc_free(d);
}

TEST(html_title_sources)
{
    html_doc *d = ex("<html><head><title>Les crues de la Garonne inquiètent | Sud Matin"
                     "</title></head><body><p>x</p></body></html>");
    CHECK_STR(d->title, "Les crues de la Garonne inquiètent");
    html_doc_free(d);
    d = ex("<html><head><title>Nachrichten – Hochwasser an der Oder steigt weiter</title>"
           "<meta property=\"og:site_name\" content=\"Nachrichten\"></head><body></body></html>");
    CHECK_STR(d->title, "Hochwasser an der Oder steigt weiter");
    html_doc_free(d);
    d = ex("<html><head><meta property=\"og:title\" content=\"La sequía obliga a restringir el "
           "riego\"><title>Portada</title></head><body></body></html>");
    CHECK_STR(d->title, "La sequía obliga a restringir el riego");
    html_doc_free(d);
    /* h1 confirmed by the <title> wins over og:title */
    d = ex("<html><head><meta property=\"og:title\" content=\"Short social title\">"
           "<title>Il Po in secca, navigazione sospesa - Gazzetta</title></head><body>"
           "<h1>Il Po in secca, navigazione sospesa</h1></body></html>");
    CHECK_STR(d->title, "Il Po in secca, navigazione sospesa");
    html_doc_free(d);
}

TEST(html_date_sources_in_order)
{
    html_doc *d = ex("<html><head><meta property=\"article:published_time\" "
                     "content=\"2026-02-03T10:00:00+01:00\"></head><body><time "
                     "datetime=\"2025-01-01\">old</time></body></html>");
    CHECK_STR(d->date, "2026-02-03T10:00:00+01:00");
    CHECK_STR(d->date_from, "meta");
    html_doc_free(d);
    d = ex("<html><body><p>Text</p><time datetime=\"2026-06-07T08:09:00Z\">7 juin</time>"
           "</body></html>");
    CHECK_STR(d->date, "2026-06-07T08:09:00Z");
    CHECK_STR(d->date_from, "time");
    html_doc_free(d);
    d = ex_url("<html><body><p>Text</p></body></html>",
               "https://zeitung.example/politik/2026/04/19/wahl-ergebnis.html");
    CHECK_STR(d->date, "2026-04-19");
    CHECK_STR(d->date_from, "url");
    html_doc_free(d);
    d = ex_url("<html><body><p>Text</p></body></html>", "https://x.example/a/20261105-story");
    CHECK_STR(d->date, "2026-11-05");
    html_doc_free(d);
    d = ex_url("<html><body><p>Text</p></body></html>", "https://x.example/2026/13/45/no");
    CHECK(d->date == NULL);
    html_doc_free(d);
    d = ex("<html><body><span class=\"pub-date\">14 mars 2026</span><p>Texte de l'article."
           "</p></body></html>");
    CHECK_STR(d->date, "14 mars 2026");
    CHECK_STR(d->date_from, "text");
    html_doc_free(d);
}

TEST(html_jsonld_graph_and_bad_json)
{
    html_doc *d =
        ex("<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\","
           "\"name\":\"Page\"},{\"@type\":[\"NewsArticle\"],\"headline\":\"Sturm über Hamburg\","
           "\"datePublished\":\"2026-01-02T03:04:05Z\",\"author\":{\"@type\":\"Person\",\"name\":"
           "\"Ole Jensen\"},\"publisher\":{\"name\":\"dpa\"}}]}</script>"
           "<script type=\"application/ld+json\">{not json at all</script></head><body>"
           "</body></html>");
    CHECK_STR(d->title, "Sturm über Hamburg");
    CHECK_STR(d->date, "2026-01-02T03:04:05Z");
    CHECK_STR(d->author, "Ole Jensen");
    CHECK_STR(d->agencies, "dpa");
    html_doc_free(d);
}

TEST(html_agencies_need_word_boundaries)
{
    html_doc *d = ex("<html><head><meta name=\"author\" content=\"Capt. Ann Rapp\"></head>"
                     "<body></body></html>");
    CHECK(d->agencies == NULL); /* "AP" inside "Capt." and "Rapp" does not count */
    html_doc_free(d);
    d = ex("<html><head><meta name=\"author\" content=\"Louise Martin avec AFP\"></head>"
           "<body></body></html>");
    CHECK_STR(d->agencies, "AFP");
    html_doc_free(d);
}

/* ---------------------------------------------------------------- charsets */

TEST(html_charset_fixtures)
{
    html_doc *d = ex_file("tests/fixtures/web/article-fr-latin1.html");
    check_valid(d);
    CHECK_STR(d->charset, "WINDOWS-1252");
    CHECK_STR(d->charset_from, "meta");
    CHECK(has(d, "Les premiers coups de sécateur ont été donnés"));
    CHECK_STR(d->title, "Les vendanges commencent tôt dans le Val de Loire");
    html_doc_free(d);
    d = ex_file("tests/fixtures/web/article-de-wrongcharset.html");
    check_valid(d);
    CHECK_STR(d->charset, "UTF-8"); /* declared windows-1252, bytes say UTF-8 */
    CHECK(has(d, "Die neue Fußgängerbrücke über die Aller"));
    html_doc_free(d);
    d = ex_file("tests/fixtures/web/article-es-cp1252.html");
    check_valid(d);
    CHECK_STR(d->charset, "WINDOWS-1252");
    CHECK_STR(d->charset_from, "detected");
    CHECK(has(d, "La biblioteca municipal de Villanueva abrirá también"));
    html_doc_free(d);
}

TEST(html_charset_bom_http_and_bad_bytes)
{
    /* UTF-16LE with BOM */
    const char *ascii = "<html><body><p>Grüße aus Köln, ein kurzer Text.</p></body></html>";
    buf u;
    buf_init(&u);
    buf_add(&u, "\xFF\xFE", 2);
    buf in;
    buf_init(&in);
    charset_to_utf8(ascii, strlen(ascii), "UTF-8", &in);
    /* encode as UTF-16LE by hand (BMP only) */
    for (size_t i = 0; i < in.len;) {
        unsigned char c = (unsigned char)in.data[i];
        unsigned cp;
        if (c < 0x80)
            cp = c, i += 1;
        else
            cp = ((c & 0x1Fu) << 6) | ((unsigned char)in.data[i + 1] & 0x3Fu), i += 2;
        char two[2] = {(char)(cp & 0xFF), (char)(cp >> 8)};
        buf_add(&u, two, 2);
    }
    html_doc *d = html_extract(u.data, u.len, NULL);
    CHECK_STR(d->charset, "UTF-16LE");
    CHECK_STR(d->charset_from, "bom");
    CHECK_STR(d->text, "Grüße aus Köln, ein kurzer Text.");
    html_doc_free(d);
    buf_free(&u);
    buf_free(&in);
    /* HTTP charset beats <meta> */
    const char *l1 = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9 cr\xE8me.</p>"
                     "</body></html>";
    html_opts o = {0};
    o.http_charset = "ISO-8859-1";
    d = html_extract(l1, strlen(l1), &o);
    CHECK_STR(d->charset_from, "http");
    CHECK_STR(d->text, "Café crème.");
    html_doc_free(d);
    /* declared UTF-8 with one stray byte: replaced, the rest kept */
    const char *stray =
        "<html><head><meta charset=\"utf-8\"></head><body><p>Müller sagte "
        "\xFF gestern: Straße gesperrt, Umleitung über Gärtnerweg.</p></body></html>";
    d = html_extract(stray, strlen(stray), NULL);
    check_valid(d);
    CHECK_STR(d->charset, "UTF-8");
    CHECK_INT(d->bad_bytes, 1);
    CHECK(has(d, "Müller sagte \xEF\xBF\xBD gestern"));
    html_doc_free(d);
}

TEST(html_charset_names)
{
    char out[64];
    CHECK_STR(charset_from_content_type("text/html; charset=\"ISO-8859-1\"", out, sizeof out),
              "ISO-8859-1");
    CHECK(charset_from_content_type("text/html", out, sizeof out) == NULL);
    CHECK(charset_from_content_type(NULL, out, sizeof out) == NULL);
    char name[48];
    charset_from from;
    size_t skip;
    const char *p = "<meta charset=gb2312><p>\xC4\xE3\xBA\xC3</p>";
    CHECK_STR(charset_decide(p, strlen(p), NULL, name, &from, &skip, NULL), "GBK");
    p = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=latin1\">";
    CHECK_STR(charset_decide(p, strlen(p), NULL, name, &from, &skip, NULL), "WINDOWS-1252");
    p = "<meta charset=\"no-such-charset\"><p>plain</p>";
    CHECK_STR(charset_decide(p, strlen(p), NULL, name, &from, &skip, NULL), "UTF-8");
    CHECK_INT(from, CHARSET_DETECTED);
}

/* ---------------------------------------------------------------- bad input */

TEST(html_bad_input_never_crashes)
{
    static const char *const bad[] = {
        "",
        "<",
        "<html",
        "<p>unterminated <b>bold <i>italic",
        "</div></div></p>",
        "<html><body><p>Texte coupé au milieu d'un mot et d'une bal",
        "<!-- never closed",
        "<script>never closed",
        "<?xml version=\"1.0\"?><html><body><p>x</p>",
        "<table><tr><td><table><tr><td>nested cells</td></tr></table>",
        "\xEF\xBB\xBF",
        "<p>\xC3</p>",
        "<meta charset=\"utf-16\"><p>claims utf-16</p>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        html_doc *d = ex(bad[i]);
        check_valid(d);
        html_doc_free(d);
    }
    /* binary garbage */
    char junk[5000];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    html_doc *d = html_extract(junk, sizeof junk, NULL);
    check_valid(d);
    html_doc_free(d);
    CHECK(html_extract(NULL, 0, NULL) == NULL);
}

TEST(html_deep_nesting)
{
    buf b;
    buf_init(&b);
    /* 200 levels: everything read; 20000 levels: the parser stops at its depth
     * limit (256), what came before is kept, nothing crashes */
    for (int depth = 200; depth <= 20000; depth *= 100) {
        buf_clear(&b);
        buf_adds(&b, "<html><body><p>Before the nest, a sentence of text that the extractor "
                     "keeps, with a comma.</p>");
        for (int i = 0; i < depth; i++)
            buf_adds(&b, i % 2 ? "<div>" : "<span>");
        buf_adds(&b, "<p>Deep inside the markup, a sentence of real text survives the descent."
                     "</p>");
        html_doc *d = html_extract(b.data, b.len, NULL);
        check_valid(d);
        CHECK(has(d, "Before the nest"));
        if (depth == 200)
            CHECK(has(d, "a sentence of real text survives"));
        html_doc_free(d);
    }
    buf_free(&b);
}

TEST(html_large_page)
{
    /* 12 MB of paragraphs: extracted, not cut, valid */
    buf b;
    buf_init(&b);
    buf_adds(&b, "<html><body><div class=\"article\">");
    while (b.len < (12u << 20))
        buf_adds(&b, "<p>Une phrase de remplissage, répétée, pour faire une très grande page "
                     "de test sans contenu utile.</p>\n");
    buf_adds(&b, "</div></body></html>");
    html_doc *d = html_extract(b.data, b.len, NULL);
    check_valid(d);
    CHECK(!d->truncated);
    CHECK(d->text_len > (8u << 20));
    html_doc_free(d);
    buf_free(&b);
}

TEST(html_sniffing)
{
    CHECK(html_looks_like((const unsigned char *)"<!DOCTYPE html><html>", 21));
    CHECK(html_looks_like((const unsigned char *)"\xEF\xBB\xBF  <!-- c --> <HTML lang=x>", 29));
    CHECK(!html_looks_like((const unsigned char *)"<?xml version=\"1.0\"?><rss>", 26));
    CHECK(!html_looks_like((const unsigned char *)"plain text", 10));
}

TEST(html_scripts_styles_comments_ignored)
{
    html_doc *d = ex(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Le marché couvert rouvre à Dinan\"}</script>"
        "<style>p { color: red } /* <p>not text</p> */</style></head><body>"
        "<script>var s = '<p>Fake paragraph written by a script, long enough to score, with "
        "commas, and an end.</p></div></div>';</script>"
        "<!-- <p>Commented-out paragraph that nobody sees on the page, long and complete.</p> -->"
        "<svg><text>Chart label text</text></svg>"
        "<div class=\"article\"><p>Le marché couvert de Dinan a rouvert samedi après deux ans de "
        "travaux, au grand soulagement des commerçants.</p><p>Les étals ont été refaits et la "
        "charpente restaurée, pour un coût de 3,2 millions d'euros.</p></div>"
        "<SCRIPT type=text/javascript>document.write('</SCRI' + 'PT>');</SCRIPT>"
        "<script>never closed <p>Tail text inside an unclosed script, long enough to count.</p>");
    check_valid(d);
    CHECK(has(d, "Le marché couvert de Dinan a rouvert samedi"));
    CHECK(has(d, "charpente restaurée"));
    CHECK(!has(d, "Fake paragraph"));
    CHECK(!has(d, "Commented-out"));
    CHECK(!has(d, "Chart label"));
    CHECK(!has(d, "Tail text"));
    CHECK(!has(d, "color"));
    CHECK_STR(d->title, "Le marché couvert rouvre à Dinan");
    html_doc_free(d);
}
