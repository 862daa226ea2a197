/*
 * test_html_rules.c — the extractor's rules for furniture inside the
 * article's own box and for content outside it, each on an invented page:
 * teaser, credit, ad-marker, call-to-action and date lines (html_lines.c),
 * headings over nothing, the standfirst between headline and body, boxes
 * sandwiched between two parts of an article, anchor ids on headings,
 * class names that say both "article" and "header", display-utility class
 * names, boxes headed as teasers, digest list items, photo captions and
 * <br>-made link lines (session 3).
 */
#include <string.h>

#include "../src/extract/html.h"
#include "../src/extract/html_int.h"
#include "harness.h"

static html_doc *page(const char *html)
{
    return html_extract(html, strlen(html), NULL);
}

static int has(const html_doc *d, const char *s)
{
    return d && d->text && strstr(d->text, s) != NULL;
}

static uint32_t words(const char *s)
{
    uint32_t n = 0;
    for (int in = 0; *s; s++) {
        int sp = *s == ' ';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

#define LINE(fn, s) fn(s, strlen(s), words(s))

/* Four paragraphs of an invented report: enough prose to be chosen. */
#define P1                                                                                         \
    "<p>The ferry between Kellan and the island of Moray ran again on Thursday, after a week "     \
    "in which storms kept the harbour closed and the island's shop ran short of bread.</p>"
#define P2                                                                                         \
    "<p>The operator said the crossing would run twice a day until the repairs to the pier, "      \
    "damaged by the waves, are finished at the end of the month.</p>"
#define P3                                                                                         \
    "<p>Islanders, who had relied on a fishing boat for medicine and post, said the week had "     \
    "shown again how fragile their link to the mainland is.</p>"
#define P4                                                                                         \
    "<p>The council will discuss a second landing stage, on the sheltered side of the island, "    \
    "at its meeting in March, the harbour master said.</p>"

/* ---------------------------------------------------------------- lines */

TEST(html_lines_teaser_openings)
{
    CHECK(LINE(hl_teaser, "Lesen Sie auch: Der Hafen bekommt einen neuen Kai"));
    CHECK(LINE(hl_teaser, "LE PUEDE INTERESAR: Las obras del puerto terminan en marzo"));
    CHECK(LINE(hl_teaser, "Czytaj także: Prom znowu kursuje"));
    CHECK(LINE(hl_teaser, "Mehr zu Hafen und Fähre"));
    CHECK(LINE(hl_teaser, "Related coverage"));
    /* a word that only begins like an opening is not one */
    CHECK(!LINE(hl_teaser, "Mehr zum Wetter sagte der Kapitän nichts."));
    CHECK(!LINE(hl_teaser, "Relatedly, the council met on Monday."));
    /* a long paragraph is never a teaser line */
    CHECK(!LINE(hl_teaser, "Read more than forty pages of the report and you find that the pier "
                           "was inspected twice in the last ten years and both times the "
                           "inspectors asked for repairs that were never made by the council"));
}

TEST(html_lines_marks_case_and_follow_lines)
{
    /* openings behind brackets, arrows and bullets */
    CHECK(LINE(hl_teaser, "[Related: The island's council votes on a second pier]"));
    CHECK(LINE(hl_teaser, "» Lesen Sie auch: Die Fähre fährt wieder"));
    CHECK(LINE(hl_teaser, "LEE MÁS | El puerto reabre tras la tormenta"));
    CHECK(!LINE(hl_teaser, "[The pier] was closed for a week."));
    /* capitals with accents are lower-cased like ASCII ones */
    CHECK(hl_boilerplate("ÚNETE a nuestro canal", 22, 4) != NULL);
    /* invitations to follow name networks; steps to follow do not */
    CHECK(LINE(hl_boilerplate, "Follow the Harbour Desk on Facebook, Twitter and Instagram.") !=
          NULL);
    CHECK(LINE(hl_boilerplate, "Folge mir auf Instagram!") != NULL);
    CHECK(LINE(hl_boilerplate, "Follow these steps shared on Twitter to reach the island.") ==
          NULL);
    CHECK(LINE(hl_boilerplate, "This slideshow requires JavaScript.") != NULL);
    /* reading-time estimates and "no guarantee" notes */
    CHECK(LINE(hl_boilerplate, "Tempo de leitura: 1 minuto") != NULL);
    CHECK(LINE(hl_boilerplate, "4 min read") != NULL);
    CHECK(LINE(hl_boilerplate, "Alle Angaben ohne Gewähr.") != NULL);
    CHECK(LINE(hl_boilerplate, "The reading time of the report, he said, was three hours for a "
                               "careful reader.") == NULL);
}

TEST(html_lines_phrases_sorted)
{
    CHECK(hl_phrases_sorted());
    CHECK(hs_parts_sorted());
}

TEST(html_lines_credits_ads_calls_dates)
{
    CHECK(LINE(hl_credit, "© Harbour Office | Jan Smit"));
    CHECK(LINE(hl_credit, "Foto: Hafenamt Kellan"));
    CHECK(LINE(hl_credit, "The pier after the storm (Image: Getty Images)"));
    CHECK(LINE(hl_credit, "Crédits photos : Studio Nord"));
    CHECK(!LINE(hl_credit, "The photographer waited on the pier for two hours."));
    CHECK(LINE(hl_ad_marker, "Advertisement"));
    CHECK(LINE(hl_ad_marker, "ANZEIGE - Jetzt bestellen und sparen"));
    CHECK(!LINE(hl_ad_marker, "Advertisements for the ferry appeared in every shop window."));
    CHECK(LINE(hl_call_to_action, "Never miss a story: sign up for our daily newsletter!"));
    CHECK(LINE(hl_call_to_action, "Síguenos en redes sociales para más noticias."));
    CHECK(LINE(hl_call_to_action, "Sie sind aktuell nicht eingeloggt."));
    /* "subscribers" in a news sentence is not a call to subscribe */
    CHECK(!LINE(hl_call_to_action, "The ferry company now has 4,000 subscribers to its pass."));
    CHECK(!LINE(hl_call_to_action, "Sign up for a season pass for $40 a month."));
    CHECK(LINE(hl_call_to_action, "Have a tip? Ann Lorne may be reached at ann@example.org."));
    CHECK(LINE(hl_credit, "Ann Lorne, photo: Harbour Office archive"));
    CHECK(LINE(hl_credit, "This text is the copyrighted property of the Valley Times. Written "
                          "permission must be obtained before any reprint in print or online "
                          "media."));
    CHECK(LINE(hl_dateline, "Nov. 20, 2026 5:52 AM EST"));
    CHECK(LINE(hl_dateline, "Posted on March 30, 2026 by Admin"));
    /* the signature of an embedded post, a sentence, one number: not date lines */
    CHECK(!LINE(hl_dateline, "— Harbour Office (@kellanport) March 3, 2026"));
    CHECK(!LINE(hl_dateline, "The pier opened in 2026."));
    CHECK(!LINE(hl_dateline, "Some of 2026's best ferries"));
    CHECK(hl_boilerplate("Advertisement", 13, 1) != NULL);
    CHECK(hl_boilerplate(P1, strlen(P1), words(P1)) == NULL);
}

/* ---------------------------------------------------------------- pages */

TEST(html_rules_lines_inside_the_article_dropped)
{
    html_doc *d = page("<html><body><div class=\"story-body\">" P1 "<p>Advertisement</p>" P2
                       "<p>Lesen Sie auch: Die Fähre nach Moray fährt wieder</p>"
                       "<p>The pier after the storm (Foto: Hafenamt Kellan)</p>" P3
                       "<p>Get the latest island news: sign up for our newsletter.</p>" P4
                       "</div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Advertisement"));
    CHECK(!has(d, "Lesen Sie auch"));
    CHECK(!has(d, "Hafenamt"));
    CHECK(!has(d, "newsletter"));
    html_doc_free(d);
}

TEST(html_rules_heading_over_nothing_dropped)
{
    html_doc *d = page("<html><body><div class=\"article\">" P1 P2 "<h2>The pier</h2>" P3 P4
                       "<h2>More from the coast</h2><ul><li><a href=\"/a\">Lighthouse keeper "
                       "retires after forty years</a></li><li><a href=\"/b\">Seals return to "
                       "the northern beach</a></li></ul><h2>Weather</h2>"
                       "<p>Calm seas are expected for the rest of the week, with light winds "
                       "from the west and sunny spells.</p></div></body></html>");
    CHECK(has(d, "The pier\n\nIslanders"));
    CHECK(!has(d, "More from the coast"));
    CHECK(!has(d, "Lighthouse keeper"));
    CHECK(has(d, "Weather\n\nCalm seas"));
    html_doc_free(d);
}

TEST(html_rules_standfirst_between_headline_and_body)
{
    html_doc *d = page("<html><body><header class=\"page-head\"><h1>Ferry runs again after a "
                       "week of storms</h1><div class=\"summary\">After seven days cut off, "
                       "the island has its crossing back, for now.</div></header>"
                       "<div class=\"byline\">By Ann Lorne</div><div>Thursday</div>"
                       "<div class=\"share\"><a href=\"#\">Share</a></div>"
                       "<p class=\"dek\">The harbour reopened at dawn and the first boat "
                       "carried bread, post and medicine to the island's three hundred "
                       "people.</p><div class=\"picture\">Picture</div>"
                       "<div class=\"article-text\">" P1 P2 P3 P4 "</div></body></html>");
    CHECK(has(d, "After seven days cut off"));
    CHECK(has(d, "The harbour reopened at dawn"));
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(!has(d, "Ann Lorne"));
    CHECK(!has(d, "Share"));
    CHECK(!has(d, "Picture"));
    CHECK(!has(d, "Ferry runs again after a week")); /* the headline is the title */
    html_doc_free(d);
}

TEST(html_rules_box_between_article_parts_kept)
{
    html_doc *d = page("<html><body><main><div class=\"article-part\">" P1 P2 "</div>"
                       "<table><tr><th>Day</th><th>Crossings</th></tr><tr><td>Monday</td>"
                       "<td>none</td></tr><tr><td>Thursday</td><td>two</td></tr></table>"
                       "<div class=\"article-part\">" P3 P4 "</div>"
                       "<div class=\"more\"><a href=\"/x\">Other news from the harbour "
                       "office</a></div></main></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "Thursday"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Other news from the harbour"));
    html_doc_free(d);
}

TEST(html_rules_anchor_ids_and_mixed_names)
{
    /* id="nav_..." on a heading is an anchor made of its words, not a menu */
    html_doc *d = page("<html><body><div class=\"story\">" P1 P2
                       "<h3 class=\"subheading\" id=\"nav_the_second_pier\">The second "
                       "pier</h3>" P3 P4 "</div><div class=\"nav\"><a href=\"/\">Home</a> "
                       "<a href=\"/n\">News</a></div></body></html>");
    CHECK(has(d, "The second pier\n\nIslanders"));
    CHECK(!has(d, "Home"));
    html_doc_free(d);
    /* "author-article" says content as much as furniture: not dropped (here
     * it holds less than half the page's prose, so no other rule saves it),
     * while the comments and the aside are */
    d = page("<html><body><div class=\"author-article\">" P1 P2 P3 "</div>"
             "<div class=\"comments\"><p>I took that ferry for thirty years and it never once "
             "left on time, storms or no storms, and nobody ever said sorry for it.</p>"
             "<p>The pier was rotten long before this winter, everybody on the island knew it, "
             "and the council knew it too, they just did not want to pay for it.</p></div>"
             "<aside><p>Bread is not the problem, the problem is the doctor, who comes once a "
             "week when the boat runs and never when it does not, which is most of the "
             "winter.</p><p>A second landing stage has been promised at every election since "
             "I was a child, and I will believe it when I can stand on it with my own two "
             "feet.</p></aside></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "fragile their link to the mainland"));
    CHECK(!has(d, "thirty years"));
    html_doc_free(d);
}

/* Class words are judged one by one and remembered per page: the same word
 * gives the same verdict in any combination, next to any id, in any case;
 * a word that only looks like furniture ("commentary", "shareholder") stays
 * neutral, one that hides furniture inside it ("postshare") does not. */
TEST(html_rules_class_words_judged_alone)
{
    html_doc *d =
        page("<html><body><div class=\"wrap\" id=\"page-81723\">"
             "<div class=\"col commentary\" id=\"x1\">" P1 P2 "</div>"
             "<div class=\"Col Commentary wide\" id=\"x2\">" P3 P4 "</div>"
             "<div class=\"col postshare\" id=\"x3\"><p>Share this report with your friends, "
             "family and everyone who ever took the ferry to the island.</p></div>"
             "<div class=\"wide col\" id=\"x4\"><div class=\"Comments col\"><p>I took that ferry "
             "for thirty years and it never once left on time, storms or no storms.</p></div></div>"
             "<div class=\"col\" id=\"shareholder-note\"><p>The operator's shareholders approved "
             "the repairs to the pier, which will cost more than the ferry earns in a year.</p>"
             "</div></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(has(d, "shareholders approved"));
    CHECK(!has(d, "Share this report"));
    CHECK(!has(d, "thirty years"));
    html_doc_free(d);
}

/* A hover card (an inline box of links after a name) is cut out of the
 * sentence it is glued into; a sentence with a few links of its own is
 * left alone. */
TEST(html_rules_hover_card_cut_from_sentence)
{
    html_doc *d = page(
        "<html><body><div class=\"story\">" P1
        "<p>The harbour master, <span class=\"person\"><a href=\"/p/ann\">Ann Lorne</a>"
        "<span class=\"card\"><a href=\"/p/ann\">Ann Lorne</a><a href=\"/1\">Lorne opens "
        "the new ferry office</a> <a href=\"/2\">Storm closes the harbour for a week</a> "
        "<a href=\"/3\">Island shop runs short of bread</a></span></span>, said the pier would "
        "reopen.</p>" P2
        "<p>She thanked <a href=\"/a\">the crew</a>, <a href=\"/b\">the council</a> and "
        "<a href=\"/c\">the fishermen</a> who carried the post all week.</p>" P3 P4
        "</div></body></html>");
    CHECK(has(d, "The harbour master, Ann Lorne, said the pier would reopen."));
    CHECK(!has(d, "Island shop runs short"));
    CHECK(has(d, "She thanked the crew, the council and the fishermen who carried"));
    html_doc_free(d);
}

/* The writer's box after the article ("author-box--content" says content
 * and author at once) is furniture; the JSON-LD body does not bring back a
 * teaser line it happens to contain. */
TEST(html_rules_author_box_and_ld_teasers)
{
    html_doc *d = page(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"articleBody\":\"The ferry between Kellan and the island of Moray ran again on "
        "Thursday, after a week in which storms kept the harbour closed and the island's shop ran "
        "short of bread. Read also: Seals return to the northern beach. The operator said the "
        "crossing would run twice a day until the repairs to the pier, damaged by the waves, are "
        "finished at the end of the month. Islanders, who had relied on a fishing boat for "
        "medicine "
        "and post, said the week had shown again how fragile their link to the mainland is. The "
        "council will discuss a second landing stage, on the sheltered side of the island, at its "
        "meeting in March, the harbour master said.\"}</script></head><body><div "
        "class=\"article-body\">" P1 "</div><p>Read also: Seals return to the northern beach</p>"
        "<div class=\"article-body\">" P2 P3 P4 "</div>"
        "<div class=\"author-box--content\"><p>Ann Lorne has written about the islands for "
        "twenty years and lives in Kellan with her two dogs and a boat.</p></div>"
        "</body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Seals return"));
    CHECK(!has(d, "her two dogs"));
    html_doc_free(d);
}

/* A paragraph that is all link is a pointer to another article, however
 * long its headline; a field whose label is hidden ("field--label-hidden")
 * is shown, while a box that is hidden outright is not. */
TEST(html_rules_linked_paragraph_and_label_hidden)
{
    html_doc *d = page(
        "<html><body><div class=\"article-body\">" P1
        "<p><a href=\"/x\">HARBOUR MASTER SAYS THE SECOND LANDING STAGE COULD BE READY BEFORE THE "
        "WINTER STORMS RETURN TO THE ISLAND</a></p>" P2 P3 "</div>"
        "<div class=\"field field--name-field-cols field--label-hidden\">" P4 "</div>"
        "<div class=\"hidden\"><p>This box is never shown to anyone who reads the page, "
        "whatever the size of their screen may be.</p></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(!has(d, "HARBOUR MASTER SAYS"));
    CHECK(has(d, "fragile their link to the mainland"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "never shown"));
    html_doc_free(d);
}

/* A short last paragraph in a box of its own, dressed like the article's
 * paragraphs (the same class), is the article's; a short line in another
 * dress is not. */
TEST(html_rules_short_edge_paragraph_like_the_article)
{
    html_doc *d = page("<html><body><div class=\"page\"><div class=\"wrap\">"
                       "<div class=\"text-formatted\">" P1 P2 P3 P4 "</div></div>"
                       "<div class=\"block\"><div class=\"text-formatted\"><p>The council's "
                       "plan is here:</p></div></div>"
                       "<div class=\"block\"><div class=\"links\"><p>Our offices are open "
                       "today.</p></div></div></div></body></html>");
    CHECK(has(d, "at its meeting in March"));
    CHECK(has(d, "The council's plan is here:"));
    CHECK(!has(d, "offices are open"));
    html_doc_free(d);
}

/* "inline" in a class name marks a teaser or an ad dropped into the
 * article ("related-inline"), but not when it is the display value of a
 * utility class (Bootstrap's "d-inline-block", "d-md-inline-flex",
 * Tailwind's "inline-block"): that box holds the article itself. */
#define TILE                                                                                       \
    "<div class=\"tile\"><p>Our offices on the quay are open today, and the cafe next door "       \
    "serves hot soup until six.</p></div>"
#define TILES TILE TILE TILE TILE TILE TILE TILE TILE
TEST(html_rules_display_utility_class_is_not_furniture)
{
    html_doc *d = page("<html><body><div class=\"row\">"
                       "<div class=\"col-md-8 Xd-inline-block d-md-block float-md-left\">"
                       "<div class=\"rich-text\">" P1 P2 P3 P4 "</div></div>"
                       "<div class=\"col-md-4\">" TILES "</div></div>"
                       "<div class=\"related-inline\"><p>Seals return to the northern beach "
                       "after ten years, and the island's children have named them all.</p>"
                       "</div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Seals return"));
    html_doc_free(d);
    d = page("<html><body><div class=\"inline-flex wrap\">" P1 P2 P3 P4 "</div>"
             "<div class=\"list\">" TILES "</div>"
             "<div class=\"inline-promo\"><p>Seals return to the northern beach after ten years, "
             "and the island's children have named them all.</p></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(!has(d, "Seals return"));
    html_doc_free(d);
}

/* A box that opens with its own heading saying "other articles" (a teaser
 * line, or a class naming related / recommended / popular posts) over
 * several items is a list of teasers, even when their excerpts hold more
 * prose than the article itself; a box headed otherwise is not. */
#define TEASER(n)                                                                                  \
    "<div class=\"item\"><h4>Story " #n "</h4><p>The lighthouse keeper of the northern cape "      \
    "retired this spring, after forty years of climbing the same hundred and twelve steps, "       \
    "twice a day, in every kind of weather the island could throw at him.</p></div>"
TEST(html_rules_box_headed_as_teasers_dropped)
{
    html_doc *d =
        page("<html><body><div class=\"page\"><div class=\"entry\">" P1 P2 "</div>"
             "<div class=\"box\"><h3 class=\"relatedposts-title\">Have a look</h3>" TEASER(1)
                 TEASER(2) TEASER(3) TEASER(4) "</div></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "end of the month"));
    CHECK(!has(d, "lighthouse keeper"));
    html_doc_free(d);
    d = page("<html><body><div class=\"page\"><div class=\"entry\">" P1 P2 "</div>"
             "<div class=\"box\"><h3>You may also like</h3>" TEASER(1) TEASER(2) TEASER(3)
                 TEASER(4) "</div></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(!has(d, "lighthouse keeper"));
    html_doc_free(d);
    /* a section of the article under a plain heading stays */
    d = page("<html><body><div class=\"story\">" P1 P2 "<div class=\"part\"><h3 class=\"sub\">"
             "The pier</h3>" P3 P4 "</div></div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    html_doc_free(d);
}

/* A list item that opens with a linked headline followed by sentences of
 * its own is a news digest's item, kept; an item that is mostly its link,
 * or whose link comes after a lead-in, points to another article, dropped. */
TEST(html_rules_digest_items_with_linked_openings)
{
    html_doc *d = page(
        "<html><body><div class=\"story\">" P1 P2
        "<ul><li><a href=\"/pier\">The pier of Kellan reopens on Monday, after a week of repairs."
        "</a> The council said the repairs "
        "cost less than feared, and the ferry will run twice a day from then on.</li>"
        "<li><a href=\"/shop\">The island shop has bread again, and the post arrived as well."
        "</a> A fishing boat brought "
        "flour and yeast on Tuesday, and the baker worked through the night.</li></ul>" P3 P4
        "<ul><li><a href=\"/a\">Storm closes the harbour of Kellan for a whole week</a> "
        "(Tuesday)</li><li><a href=\"/b\">Seals return to the northern beach after ten "
        "years</a> (Monday)</li></ul></div></body></html>");
    CHECK(has(d, "reopens on Monday, after a week of repairs. The council said"));
    CHECK(has(d, "the baker worked through the night."));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Storm closes the harbour"));
    CHECK(!has(d, "Seals return"));
    html_doc_free(d);
    /* the headline must open the item: a teaser after a lead-in is not one */
    d = page("<html><body><div class=\"story\">" P1 P2 P3 P4
             "<ul><li>On the island this week, between the storms and the ferry strike: "
             "<a href=\"/fest\">The harbour festival draws a record crowd to the quay.</a></li>"
             "</ul></div></body></html>");
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "record crowd"));
    html_doc_free(d);
}

/* A wire-style photo caption is not the article's prose, however long;
 * a sentence that only mentions a photo later on is. */
TEST(html_lines_photo_captions)
{
    const char *c1 = "In this March 3, 2019, file photo, the ferry to Moray leaves the harbour "
                     "of Kellan in a storm, with the island's post and the last of the bread on "
                     "board, while fishermen watch from the quay and the harbour master counts "
                     "the passengers one by one as they climb the narrow gangway.";
    CHECK(words(c1) > 40);
    CHECK(hl_boilerplate(c1, strlen(c1), words(c1)) != NULL);
    CHECK(LINE(hl_boilerplate, "In this image made from video, the pier lies under the waves."));
    CHECK(LINE(hl_boilerplate, "This undated handout photo shows the old lighthouse of Moray."));
    CHECK(!LINE(hl_boilerplate, "In this town, the photo shop closed when the ferry stopped."));
    CHECK(!LINE(hl_boilerplate, "This is the photo the islanders sent to the council in May."));
    html_doc *d =
        page("<html><body><div class=\"story\"><div class=\"image top\"><p>In this "
             "Dec. 12, 2006, file photo, made available by the council, the harbour "
             "master, left, and a fisherman, right, inspect the pier.</p></div>" P1 P2 P3 P4
             "</div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(!has(d, "file photo"));
    html_doc_free(d);
}

/* One paragraph cut by <br> into a teaser opening and linked headlines
 * ("DON'T MISS" over three links) is a teaser box, however many words its
 * headlines hold; a paragraph of prose with a link or two is not. */
TEST(html_rules_paragraph_opening_with_teaser_line)
{
    html_doc *d = page(
        "<html><body><div class=\"story\">" P1 P2
        "<p>DON'T MISS<br><a href=\"/a\">Storm closes the harbour of Kellan for a whole week "
        "as waves break over the pier</a> [PICTURES]<br><a href=\"/b\">Seals return to the "
        "northern beach after ten years away from the island</a> [VIDEO]<br><a href=\"/c\">"
        "Lighthouse keeper retires after forty years on the northern cape</a> [INSIGHT]</p>" P3 P4
        "</div></body></html>");
    CHECK(has(d, "The ferry between Kellan"));
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Seals return"));
    CHECK(!has(d, "DON'T MISS"));
    html_doc_free(d);
}

/* More furniture lines: a gallery's counter, "You may also be interested
 * in", a pitch to readers who enjoyed the article, an invitation to follow
 * coverage at an address or to chat, a "contributed to this report"
 * credit. Sentences that resemble them stay. */
TEST(html_lines_gallery_pitch_and_follow_lines)
{
    CHECK(LINE(hl_boilerplate, "Image 1 of 5"));
    CHECK(LINE(hl_boilerplate, "Foto 2 von 9"));
    CHECK(LINE(hl_boilerplate, "Slide 3/12"));
    CHECK(!LINE(hl_boilerplate, "Image 1 of the ferry"));
    CHECK(LINE(hl_teaser, "You may also be interested in..."));
    CHECK(LINE(hl_boilerplate, "If you enjoyed this article, we have an offer for you: join "
                               "the harbour club."));
    CHECK(
        LINE(hl_boilerplate, "Follow our full coverage of the island at https://example.org/isle"));
    CHECK(!LINE(hl_boilerplate, "Follow the coast road to the pier and turn left at the shop."));
    CHECK(LINE(hl_boilerplate, "Ann Lorne of the Island Post contributed to this report."));
    CHECK(LINE(hl_boilerplate, "Chat with us in the harbour app. Find out what is happening."));
}

/* Russian teaser openings, in any case (Cyrillic capitals are lowered). */
TEST(html_lines_russian_teasers)
{
    CHECK(LINE(hl_teaser, "Читайте также: Паром снова ходит на остров"));
    CHECK(LINE(hl_teaser, "САМЫЕ ПОПУЛЯРНЫЕ СТАТЬИ"));
    CHECK(LINE(hl_teaser, "Похожие статьи"));
    CHECK(!LINE(hl_teaser, "Паром снова ходит на остров после недели штормов."));
}

/* A paragraph of short linked lines cut by <br> ("Listen: <link>",
 * "Download: <link>") is a list of links, and the heading over it goes with
 * it; a paragraph with line breaks and a few links inside prose stays. */
TEST(html_rules_link_lines_made_with_br)
{
    html_doc *d = page(
        "<html><body><div class=\"story\">" P1 P2 P3 P4
        "<p>The harbour master wrote:<br>the pier <a href=\"/p\">will open</a> in May,<br>"
        "and the ferry will call twice a day,<br>storms permitting.</p>"
        "<h4>How to hear the harbour podcast</h4><p>Listen: <a href=\"/l\">"
        "https://example.org/pod/15</a><br>Download: <a href=\"/d\">https://example.org/pod/15/dl"
        "</a><br>Feed: <a href=\"/f\">https://example.org/pod/feed</a></p></div></body></html>");
    CHECK(has(d, "at its meeting in March"));
    CHECK(!has(d, "Download:"));
    CHECK(!has(d, "harbour podcast"));
    CHECK(has(d, "storms permitting"));
    html_doc_free(d);
}
