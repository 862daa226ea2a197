/*
 * test_title.c — headline tidying (src/extract/title.c): the site's name
 * after a headline and a live-blog lead-in before it go, whatever the
 * reader; a headline's own dash, colon or period stays. Invented headlines.
 */
#include <string.h>

#include "../include/storyline.h"
#include "../src/extract/title.h"
#include "harness.h"

static const char *tidy(sl_arena *a, const char *t, const char *outlet, const char *url)
{
    return title_tidy(a, t, outlet, url);
}

TEST(title_cuts_the_outlet_after_a_separator)
{
    sl_arena *a = arena_new();
    CHECK_STR(tidy(a, "Dam gives way near Brisley - Sentinel-Gazette", "Sentinel-Gazette", NULL),
              "Dam gives way near Brisley");
    CHECK_STR(
        tidy(a, "La digue cède près d'Ancenis | Actu Monde Express", "Actu Monde Express", NULL),
        "La digue cède près d'Ancenis");
    /* en dash, an outlet name with a word more ("English") */
    CHECK_STR(tidy(a, "Ferry runs aground off Brest \xE2\x80\x93 Nordic Wire English",
                   "Nordic Wire", NULL),
              "Ferry runs aground off Brest");
    /* named by the url's host only, with or without its article */
    CHECK_STR(tidy(a, "Ferry runs aground off Brest - The Lantern", NULL,
                   "https://www.thelantern.news/news/ferry"),
              "Ferry runs aground off Brest");
    CHECK_STR(tidy(a, "Ferry runs aground off Brest | Evening Courier", "",
                   "https://www.eveningcourier.co.uk/world/ferry"),
              "Ferry runs aground off Brest");
    /* accents and case folded */
    CHECK_STR(tidy(a, "Le port rouvre après trois jours - LA VOIX DE MONTREAL",
                   "La Voix de Montréal", NULL),
              "Le port rouvre après trois jours");
    arena_free(a);
}

TEST(title_keeps_dashes_that_are_the_headline)
{
    sl_arena *a = arena_new();
    /* a dash that is not the outlet's name */
    const char *t = "Kosovo - talks resume in Rambouillet";
    CHECK(tidy(a, t, "Crossroads Daily", "https://www.crossroadsdaily.com/x") == t);
    const char *u = "Brennholt buys Vandersteen - a deal of 4.2 billion euros";
    CHECK(tidy(a, u, "Harbour Gazette", NULL) == u);
    /* the outlet alone, or too little left: kept whole */
    const char *v = "Weather - Sentinel-Gazette";
    CHECK(tidy(a, v, "Sentinel-Gazette", NULL) == v);
    /* a name only sharing a short start with the outlet */
    const char *w = "Dam gives way near Brisley - The Sun rises";
    CHECK(tidy(a, w, "The Sunday Ledger", NULL) == w);
    CHECK(tidy(a, NULL, "x", NULL) == NULL);
    arena_free(a);
}

TEST(title_cuts_live_and_breaking_lead_ins)
{
    sl_arena *a = arena_new();
    CHECK_STR(tidy(a, "LIVE: Dam gives way near Brisley", NULL, NULL),
              "Dam gives way near Brisley");
    CHECK_STR(tidy(a, "BREAKING: Dam gives way near Brisley", NULL, NULL),
              "Dam gives way near Brisley");
    CHECK_STR(tidy(a, "Latest: Gen. Ollivier visits the frigate", NULL, NULL),
              "Gen. Ollivier visits the frigate");
    CHECK_STR(tidy(a, "EN IMAGES. La digue de Vallières a cédé", NULL, NULL),
              "La digue de Vallières a cédé");
    CHECK_STR(tidy(a, "VID\xC3\x89O. La digue de Vallières a cédé", NULL, NULL),
              "La digue de Vallières a cédé");
    CHECK_STR(tidy(a, "UPDATE 2-Dockers extend strike at Antwerp", NULL, NULL),
              "Dockers extend strike at Antwerp");
    CHECK_STR(tidy(a, "Eilmeldung: Deich bricht bei Ancenis", NULL, NULL),
              "Deich bricht bei Ancenis");
    CHECK_STR(tidy(a, "\xC3\x9ALTIMA HORA: Se rompe un dique en Ancenis", NULL, NULL),
              "Se rompe un dique en Ancenis");
    /* lead-in and outlet together, lowercase start raised */
    CHECK_STR(tidy(a, "WATCH: rescue boats reach the ferry - The Lantern", "The Lantern", NULL),
              "Rescue boats reach the ferry");
    /* a headline that merely starts with such a word keeps it */
    const char *t = "Liverpool: the docks reopen after the strike";
    CHECK(tidy(a, t, NULL, NULL) == t);
    const char *u = "Live music returns to the Saint-Nazaire docks";
    CHECK(tidy(a, u, NULL, NULL) == u);
    arena_free(a);
}

/* Every reader: a JSON Lines record's title loses them on the way in. */
TEST(title_cuts_the_outlet_before_the_headline)
{
    sl_arena *a = arena_new();
    /* a lead-in word, then the site's own name, then the headline */
    CHECK_STR(tidy(a, "INFO Brisley Evening Post. Setting the stage for a quarrel over dams",
                   "Brisley Evening Post", "https://brisleyeveningpost.com/x"),
              "Setting the stage for a quarrel over dams");
    /* the site's name alone before a colon or a dash, named by the url's host */
    CHECK_STR(tidy(a, "Evening Courier: ferry runs aground off Brest", NULL,
                   "https://www.eveningcourier.co.uk/world/ferry"),
              "Ferry runs aground off Brest");
    CHECK_STR(tidy(a, "Le Vigilant - La digue cède près d'Ancenis", "Le Vigilant", NULL),
              "La digue cède près d'Ancenis");
    /* a place or a person before the period is the headline's own */
    const char *t = "Brisley. Setting the stage for a quarrel over dams";
    CHECK(tidy(a, t, "Brisley Evening Post", NULL) == t);
    const char *u = "INFO Brisley. Setting the stage for a quarrel over dams";
    CHECK(tidy(a, u, "Evening Post", NULL) == u);
    arena_free(a);
}

TEST(title_tidied_when_an_article_is_built)
{
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_raw raw = {0};
    raw.id = "t-1";
    raw.source = "Riverbend Gazette";
    raw.url = "https://riverbendgazette.com/amp/nation/dam";
    raw.title = "BREAKING: Dam gives way near Brisley - Riverbend Gazette";
    raw.text = "The old dam above Brisley gave way on Tuesday night. Two hundred people left "
               "their homes before dawn, the county said.";
    raw.text_len = strlen(raw.text);
    raw.format = "jsonl";
    sl_article *art = sl_article_build(ctx, &raw);
    CHECK(art != NULL);
    if (art)
        CHECK_STR(art->title, "Dam gives way near Brisley");
    sl_article_free(art);
    sl_ctx_free(ctx);
}
