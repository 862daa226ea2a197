/*
 * test_feed.c — the RSS/Atom reader: fields of RSS 2.0 and Atom items,
 * HTML content through the extractor, RFC 822 and ISO dates, and bad
 * feeds: invalid XML, bad dates, empty items, entity declarations.
 */
#include "../src/extract/feed.h"
#include "harness.h"
#include "web_util.h"

static void read_feed(wu_run *x, const char *xml)
{
    wu_read(x, &reader_feed, "test.xml", xml, strlen(xml));
}

TEST(feed_rss_fixture)
{
    size_t n;
    char *p = wu_load("tests/fixtures/web/feed-rss.xml", &n);
    CHECK(p != NULL);
    if (!p)
        return;
    wu_run x;
    wu_read(&x, &reader_feed, "feed-rss.xml", p, n);
    CHECK_INT(x.n, 3);
    CHECK_STR(x.r[0].title, "Le port d'Annecy-le-Petit rouvre aux bateaux à voile");
    CHECK_STR(x.r[0].url, "https://courrier-du-lac.example/2026/04/02/port-rouvre");
    CHECK_STR(x.r[0].date, "2026-04-02T08:30:00+02:00");
    CHECK_STR(x.r[0].source, "Le Courrier du Lac");
    CHECK_STR(x.r[0].format, "rss");
    /* content:encoded preferred over description, share bar dropped */
    CHECK(x.r[0].text && strstr(x.r[0].text, "travaux de dragage"));
    CHECK(x.r[0].text && strstr(x.r[0].text, "\n\nLes plaisanciers"));
    CHECK(x.r[0].text && !strstr(x.r[0].text, "Partager"));
    /* escaped HTML in description */
    CHECK_STR(x.r[1].text, "Le festival de jazz du lac accueillera vingt-deux concerts du 3 au 6 "
                           "juillet, dont huit gratuits sur la plage municipale.");
    CHECK_STR(x.r[1].date, "2026-04-01T18:00:00+00:00");
    /* unreadable date: reported, item kept without a date */
    CHECK(x.r[2].date == NULL);
    CHECK(wu_said(&x, "not understood"));
    /* the empty item is an error, the rest goes on */
    CHECK(wu_said(&x, "item without title nor text"));
    CHECK_INT(x.errors, 1);
    wu_free(&x);
    free(p);
}

TEST(feed_atom_fixture)
{
    size_t n;
    char *p = wu_load("tests/fixtures/web/feed-atom.xml", &n);
    CHECK(p != NULL);
    if (!p)
        return;
    wu_run x;
    wu_read(&x, &reader_feed, "feed-atom.xml", p, n);
    CHECK_INT(x.n, 2);
    CHECK_STR(x.r[0].url, "https://nordstadt-rundschau.example/lokales/radweg-ems");
    CHECK_STR(x.r[0].date, "2026-05-10T09:45:00+02:00"); /* published, not updated */
    CHECK_STR(x.r[0].source, "Nordstadt Rundschau");
    CHECK_STR(x.r[0].format, "atom");
    CHECK(x.r[0].text && strstr(x.r[0].text, "elf Kilometer lang"));
    CHECK(x.r[0].text && strstr(x.r[0].text, "\n\nDie Baukosten"));
    CHECK_STR(x.r[1].url, "https://nordstadt-rundschau.example/kultur/bibliothek");
    CHECK_STR(x.r[1].date, "2026-05-09T16:20:00Z");
    CHECK_STR(x.r[1].text, "Die Stadtbibliothek öffnet ab Juni auch samstags bis 18 Uhr. Damit "
                           "reagiert die Stadt auf eine Umfrage unter Studierenden.");
    CHECK_INT(x.errors, 0);
    wu_free(&x);
    free(p);
}

TEST(feed_rfc822_dates)
{
    static const char *const cases[][2] = {
        {"Mon, 06 Apr 2026 07:05:00 EST", "2026-04-06T07:05:00-05:00"},
        {"6 Apr 26 07:05 -0330", "2026-04-06T07:05:00-03:30"},
        {"Tue, 7 Apr 2026 23:59:59 +0000", "2026-04-07T23:59:59+00:00"},
        {"Sun, 12 Jul 2026 10:00:00 CEST", "2026-07-12T10:00:00+02:00"},
        {"2026-08-01T12:00:00Z", "2026-08-01T12:00:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char xml[1024];
        snprintf(xml, sizeof xml,
                 "<rss><channel><title>T</title><item><title>Titre</title><pubDate>%s</pubDate>"
                 "<description>Un court texte.</description></item></channel></rss>",
                 cases[i][0]);
        wu_run x;
        read_feed(&x, xml);
        CHECK_INT(x.n, 1);
        CHECK_STR(x.r[0].date, cases[i][1]);
        wu_free(&x);
    }
}

TEST(feed_invalid_xml_recovers_items)
{
    size_t n;
    char *p = wu_load("tests/fixtures/web/feed-broken.xml", &n);
    CHECK(p != NULL);
    if (!p)
        return;
    wu_run x;
    wu_read(&x, &reader_feed, "feed-broken.xml", p, n);
    CHECK(x.n >= 1);
    CHECK_STR(x.r[0].title, "El puerto bate su récord de contenedores");
    wu_free(&x);
    free(p);
    static const char *const bad[] = {
        "not xml at all",
        "<",
        "<rss>",
        "<html><body>no feed</body></html>",
        "<rss><channel><item><title>Sin cierre",
        "<feed><entry><title>x</title></entry>",
        "<?xml version=\"1.0\"?><rss><channel><item>\xFF\xFE</item></channel></rss>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        read_feed(&x, bad[i]);
        CHECK(x.n <= 1);
        wu_free(&x);
    }
    read_feed(&x, "<html><body>no feed</body></html>");
    CHECK(wu_said(&x, "is not rss, RDF or feed"));
    wu_free(&x);
}

TEST(feed_entities_refused)
{
    const char *laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<rss><channel><item><title>&c;</title></item></channel></rss>";
    wu_run x;
    read_feed(&x, laughs);
    CHECK_INT(x.n, 0);
    CHECK(wu_said(&x, "declares XML entities"));
    wu_free(&x);
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]><rss><channel><item><title>&x;</title>"
                      "</item></channel></rss>";
    read_feed(&x, xxe);
    CHECK_INT(x.n, 0);
    wu_free(&x);
}

TEST(feed_guid_without_link_and_rdf)
{
    wu_run x;
    read_feed(&x, "<rss><channel><title>Radio Valle</title><item><title>Nieve en la sierra"
                  "</title><guid>tag:radio-valle.example,2026:77</guid><description>Nieva desde "
                  "el amanecer.</description></item></channel></rss>");
    CHECK_INT(x.n, 1);
    CHECK(x.r[0].url == NULL);
    CHECK_STR(x.r[0].id, "tag:radio-valle.example,2026:77");
    wu_free(&x);
    read_feed(&x,
              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
              "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
              "<channel><title>Gazzetta</title></channel><item><title>Neve sulle Alpi</title>"
              "<link>https://gazzetta.example/neve</link><dc:date>2026-01-15T08:00:00+01:00"
              "</dc:date><description>Nevica dalle prime ore del mattino.</description></item>"
              "</rdf:RDF>");
    CHECK_INT(x.n, 1);
    CHECK_STR(x.r[0].date, "2026-01-15T08:00:00+01:00");
    CHECK_STR(x.r[0].text, "Nevica dalle prime ore del mattino.");
    wu_free(&x);
}

TEST(feed_sniff)
{
    CHECK_INT(reader_feed.sniff("a.xml", (const unsigned char *)"<?xml?><rss>", 12), 95);
    CHECK(reader_feed.sniff("a.rss", NULL, 0) >= 50);
    CHECK_INT(reader_feed.sniff("a.txt", (const unsigned char *)"hello", 5), 0);
    CHECK(feed_looks_like((const unsigned char *)"<feed xmlns=", 12));
}
