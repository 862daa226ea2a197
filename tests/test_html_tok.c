/*
 * test_html_tok.c — storyline's HTML tokenizer (src/extract/html_tok.c):
 * the event stream it gives (implied and optional tags, void and raw-text
 * elements, end tags that may or may not close, references, attributes),
 * bad input (truncated tags, unterminated comments and attributes, deep
 * nesting, a 50 MB page, random bytes: always a balanced stream), and the
 * differential test: the extractor gives the same text from our tokenizer
 * and from libxml2's parser on the fixtures and on invented pages.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/extract/html.h"
#include "../src/extract/html_tok.h"
#include "../src/util/buf.h"
#include "../src/util/dir.h"
#include "harness.h"

/* ---------------------------------------------------------------- a recording sink */

typedef struct rec {
    buf out;       /* the events as text: <a k=v>, </a>, text as is */
    long depth;    /* open elements */
    long min;      /* lowest depth seen (below 0: an end without a start) */
    long max;      /* deepest nesting */
    size_t events; /* all events */
    int keep;      /* write events to out */
} rec;

static void rec_start(void *u, const unsigned char *name, const unsigned char **atts)
{
    rec *r = u;
    r->events++;
    if (++r->depth > r->max)
        r->max = r->depth;
    if (!r->keep)
        return;
    buf_printf(&r->out, "<%s", (const char *)name);
    for (; atts && atts[0]; atts += 2)
        buf_printf(&r->out, " %s=%s", (const char *)atts[0],
                   atts[1] ? (const char *)atts[1] : "(none)");
    buf_addc(&r->out, '>');
}

static void rec_end(void *u, const unsigned char *name)
{
    rec *r = u;
    r->events++;
    if (--r->depth < r->min)
        r->min = r->depth;
    if (r->keep)
        buf_printf(&r->out, "</%s>", (const char *)name);
}

static void rec_text(void *u, const unsigned char *s, int n)
{
    rec *r = u;
    r->events++;
    if (n <= 0 || !s)
        r->min = -1000; /* never an empty or negative run */
    if (r->keep)
        buf_add(&r->out, s, (size_t)n);
}

static const htok_sink SINK = {rec_start, rec_end, rec_text};

/* The events of html as one string (caller frees); checks balance. */
static char *events(const char *html)
{
    rec r = {0};
    r.keep = 1;
    buf_init(&r.out);
    buf_adds(&r.out, "");
    htok_parse(html, strlen(html), &SINK, &r);
    CHECK_INT(r.depth, 0);
    CHECK_INT(r.min, 0);
    return buf_steal(&r.out);
}

#define CHECK_EVENTS(html, want)                                                                   \
    do {                                                                                           \
        char *got_ = events(html);                                                                 \
        CHECK_STR(got_, want);                                                                     \
        free(got_);                                                                                \
    } while (0)

/* Counts only (big inputs): balanced, and how deep. */
static rec count(const char *p, size_t n)
{
    rec r = {0};
    htok_parse(p, n, &SINK, &r);
    CHECK_INT(r.depth, 0);
    CHECK_INT(r.min, 0);
    return r;
}

/* ---------------------------------------------------------------- structure */

TEST(htok_implies_html_body_and_paragraph)
{
    CHECK_EVENTS("Plain words.", "<html><body><p>Plain words.</p></body></html>");
    CHECK_EVENTS("<title>Crue</title><p>Texte",
                 "<html><head><title>Crue</title></head><body><p>Texte</p></body></html>");
    CHECK_EVENTS("<html><head><meta charset=utf-8></head><body><div>x</div></body></html>",
                 "<html><head><meta charset=utf-8></meta></head><body><div>x</div></body></html>");
    /* text right in <head> opens a paragraph, which ends the head */
    CHECK_EVENTS("<head><title>T</title>stray words",
                 "<html><head><title>T</title></head><body><p>stray words</p></body></html>");
    /* whitespace alone opens nothing */
    CHECK_EVENTS("<html> \n<body>a</body></html>", "<html> \n<body>a</body></html>");
}

TEST(htok_optional_end_tags)
{
    CHECK_EVENTS("<body><p>one<p>two<div>three</div>",
                 "<html><body><p>one</p><p>two</p><div>three</div></body></html>");
    CHECK_EVENTS("<body><ul><li>a<li>b</ul>",
                 "<html><body><ul><li>a</li><li>b</li></ul></body></html>");
    CHECK_EVENTS("<body><table><tr><td>a<td>b<tr><td>c</table>d",
                 "<html><body><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>d"
                 "</body></html>");
    CHECK_EVENTS("<body><dl><dt>term<dd>meaning<dt>next</dl>",
                 "<html><body><dl><dt>term</dt><dd>meaning</dd><dt>next</dt></dl></body></html>");
    CHECK_EVENTS("<body><select><option>a<option>b</select>",
                 "<html><body><select><option>a</option><option>b</option></select></body></html>");
    /* a paragraph ends the font styles it is opened in */
    CHECK_EVENTS("<body><b><p>x</p></b>", "<html><body><b></b><p>x</p></body></html>");
    /* only the element on top is looked at: a <p> inside a <span> nests */
    CHECK_EVENTS("<body><p><span>x<p>y", "<html><body><p><span>x<p>y</p></span></p></body></html>");
}

TEST(htok_void_and_self_closing)
{
    CHECK_EVENTS("<body>a<br>b<img src=x.png>c<hr/>d",
                 "<html><body>a<br></br>b<img src=x.png></img>c<hr></hr>d</body></html>");
    CHECK_EVENTS("<body><div/>x", "<html><body><div></div>x</body></html>");
    /* names HTML 4 does not know stay open until something closes them */
    CHECK_EVENTS("<body><p>a<wbr>b</p>", "<html><body><p>a<wbr>b</wbr></p></body></html>");
}

TEST(htok_end_tags_close_or_not)
{
    /* </div> closes the span inside it; the late </span> is ignored */
    CHECK_EVENTS("<body><div><span>x</div>y</span>z",
                 "<html><body><div><span>x</span></div>yz</body></html>");
    /* </span> cannot close a div around it */
    CHECK_EVENTS("<body><span><div>x</span>y</div>",
                 "<html><body><span><div>xy</div></span></body></html>");
    /* a table cell protects what is outside it from a stray </div> */
    CHECK_EVENTS("<body><div><table><tr><td>a</div>b</td></tr></table></div>",
                 "<html><body><div><table><tr><td>ab</td></tr></table></div></body></html>");
    /* end tags of elements that are not open, and broken ones */
    CHECK_EVENTS("<body></em>a</ 3>b", "<html><body>a 3>b</body></html>");
    /* after </html>, text starts a new html */
    CHECK_EVENTS("<html><body>a</body></html>b",
                 "<html><body>a</body></html><html><p>b</p></html>");
}

TEST(htok_misplaced_html_head_body)
{
    CHECK_EVENTS("<html><body>a<body class=x>b</body>c</body>d",
                 "<html><body>abc</body><p>d</p></html>");
    CHECK_EVENTS("<body><html lang=fr>x</html>y", "<html><body>xy</body></html>");
    CHECK_EVENTS("<body><head><title>t</title></head>z",
                 "<html><body><title>t</title>z</body></html>");
}

TEST(htok_raw_text_comments_doctype)
{
    CHECK_EVENTS("<body><script>if (a<b) s = \"</div>\";</script>after",
                 "<html><body><script>if (a<b) s = \"</div>\";</script>after</body></html>");
    CHECK_EVENTS("<head><style>p > a { color: red }</STYLE></head>",
                 "<html><head><style>p > a { color: red }</style></head></html>");
    CHECK_EVENTS("<body><svg viewBox=\"0 0 2 2\"><text>drawn</text></svg>after",
                 "<html><body><svg viewbox=0 0 2 2></svg>after</body></html>");
    CHECK_EVENTS("<!DOCTYPE html><!-- a <p> in a comment --><body>x<?php echo 1 ?>y",
                 "<html><body>xy</body></html>");
    /* a '<' that starts no markup is text */
    CHECK_EVENTS("<body>a < b <3 c<![CDATA[d]]>",
                 "<html><body>a < b <3 c<![CDATA[d]]></body></html>");
}

TEST(htok_attributes)
{
    CHECK_EVENTS(
        "<body><A HREF=\"/x?a=1&amp;b=2\" Class='k' hidden data-n=7 href=dup>t</a>",
        "<html><body><a href=/x?a=1&b=2 class=k hidden=(none) data-n=7>t</a></body></html>");
    /* junk between attributes is skipped */
    CHECK_EVENTS("<body><div \"odd\" @click=go id=a>t</div>",
                 "<html><body><div id=a>t</div></body></html>");
    /* '>' inside a quoted value does not end the tag */
    CHECK_EVENTS("<body><a title=\"1 > 0\">t</a>",
                 "<html><body><a title=1 > 0>t</a></body></html>");
}

TEST(htok_character_references)
{
    CHECK_EVENTS("<body>&amp; &lt;&gt; &quot;&apos; caf&eacute; &#233;&#xE9;&#XE9",
                 "<html><body>& <> \"' café ééé</body></html>");
    /* unknown names and a missing ';' are kept as written */
    CHECK_EVENTS("<body>&bogus; &amp &copy2 AT&T",
                 "<html><body>&bogus; &amp &copy2 AT&T</body></html>");
    /* windows-1252 numbers mean their characters; no character, nothing */
    CHECK_EVENTS("<body>a&#150;b&#0;c&#xD800;d&#x110000;e&#;f", "<html><body>a\xE2\x80\x93"
                                                                "bcdef</body></html>");
    char out[4];
    size_t len;
    CHECK_INT(htok_ref("&nbsp;", 6, out, &len), 6);
    CHECK_INT(len, 2);
    CHECK(!memcmp(out, "\xC2\xA0", 2));
    CHECK_INT(htok_ref("&#128512;", 9, out, &len), 9);
    CHECK_INT(len, 4);
    CHECK_INT(htok_ref("&x", 2, out, &len), 0);
    CHECK_INT(htok_ref("&", 1, out, &len), 0);
}

/* ---------------------------------------------------------------- bad input */

TEST(htok_truncated_input_stays_balanced)
{
    static const char *const cases[] = {
        "<div class=\"open quote never closed",
        "<p>text<",
        "<p>text</",
        "<p>text</di",
        "<a href='x",
        "<!-- comment never closed <p>lost",
        "<script>var s = '<p>never closed';",
        "<svg><g>",
        "<!DOCTYPE",
        "<?php",
        "&#x",
        "&#",
        "&",
        "<",
        "</",
        "<a b=",
        "<a b= ",
        "<a/",
        "<table><tr><td><table><tr><td>",
        "</p></div></body></html>",
        "",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *e = events(cases[i]);
        free(e);
        /* every prefix too */
        size_t n = strlen(cases[i]);
        for (size_t k = 0; k < n; k++)
            count(cases[i], k);
    }
    CHECK_EVENTS("<p>text<", "<html><body><p>text<</p></body></html>");
    CHECK_EVENTS("<div class=\"never closed",
                 "<html><body><div class=never closed></div></body></html>");
    CHECK_EVENTS("a<!-- never closed <p>lost", "<html><body><p>a</p></body></html>");
}

TEST(htok_deep_nesting_has_no_limit)
{
    size_t depth = 200000;
    buf b;
    buf_init(&b);
    buf_adds(&b, "<body>");
    for (size_t i = 0; i < depth; i++)
        buf_adds(&b, "<div><span>");
    buf_adds(&b, "deep words");
    rec r = count(b.data, b.len);
    CHECK(r.max >= (long)(2 * depth));
    /* and end tags that close nothing, under all of it: not one scan each */
    for (size_t i = 0; i < depth; i++)
        buf_adds(&b, "</x-none></b></td>");
    clock_t t0 = clock();
    r = count(b.data, b.len);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
    /* the whole extractor too */
    html_doc *d = html_extract(b.data, b.len, NULL);
    CHECK(d != NULL);
    CHECK(d->text && strstr(d->text, "deep words"));
    html_doc_free(d);
    buf_free(&b);
}

TEST(htok_fifty_megabyte_page)
{
    buf b;
    buf_init(&b);
    buf_adds(&b, "<html><head><title>Big</title></head><body><article>");
    static const char para[] =
        "<p>The river rose by two metres overnight, and the dyke at Maison-Rouge held &amp; "
        "the village stayed dry, said the mayor, who had spent the night on the bank.</p>\n";
    while (b.len < (50u << 20))
        buf_add(&b, para, sizeof para - 1);
    buf_adds(&b, "</article></body></html>");
    rec r = count(b.data, b.len);
    CHECK(r.events > 300000);
    html_doc *d = html_extract(b.data, b.len, NULL);
    CHECK(d != NULL);
    CHECK(!d->truncated);
    CHECK(d->text_len > 1000000);
    html_doc_free(d);
    buf_free(&b);
}

TEST(htok_random_bytes_stay_balanced)
{
    static const char alphabet[] = "<<<>>//!!--\"\"''==&&#;; abpdivtrlx\n\x00\xC3\xA9\xFF";
    uint64_t s = 42;
    char page[4096];
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(round % 97) * 41 % sizeof page;
        for (size_t i = 0; i < n; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            page[i] = alphabet[(s >> 33) % (sizeof alphabet - 1)];
        }
        count(page, n);
    }
}

/* ---------------------------------------------------------------- both parsers */

static html_doc *with(const char *p, size_t n, html_parser which)
{
    html_opts o = {0};
    o.parser = which;
    return html_extract(p, n, &o);
}

/* Our tokenizer and libxml2 give the extractor the same page. */
static void same_both_ways(const char *name, const char *p, size_t n)
{
    html_doc *a = with(p, n, HTML_PARSER_OWN), *b = with(p, n, HTML_PARSER_LIBXML2);
    if (strcmp(a->text, b->text))
        harness_fail(__FILE__, __LINE__, "%s: text differs (own %zu bytes, libxml2 %zu bytes)",
                     name, a->text_len, b->text_len);
    if (strcmp(a->title ? a->title : "", b->title ? b->title : ""))
        harness_fail(__FILE__, __LINE__, "%s: title differs", name);
    if (strcmp(a->date ? a->date : "", b->date ? b->date : ""))
        harness_fail(__FILE__, __LINE__, "%s: date differs", name);
    html_doc_free(a);
    html_doc_free(b);
}

static int is_html(const char *f)
{
    size_t n = strlen(f);
    return n > 5 && !strcmp(f + n - 5, ".html");
}

TEST(htok_same_text_as_libxml2_on_fixtures)
{
    const char *dir = "tests/fixtures/web";
    size_t n;
    char **names = dir_list(dir, &n);
    CHECK(names != NULL);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_html(names[i]))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *page = buf_load_file(path, &len);
        if (!page)
            continue;
        html_doc *x = with(page, len, HTML_PARSER_OWN);
        CHECK(x->text_len > 200); /* the fixtures are articles: the test compares something */
        html_doc_free(x);
        same_both_ways(path, page, len);
        free(page);
        seen++;
    }
    dir_list_free(names, n);
    CHECK(seen >= 4);
}

TEST(htok_same_text_as_libxml2_on_invented_pages)
{
    static const char *const pages[] = {
        /* unclosed paragraphs and list items, a table layout, furniture */
        "<!DOCTYPE html><html lang=en><head><title>Flood at Ancenis | The Courier</title>"
        "<meta property=\"article:published_time\" content=\"2026-03-14T06:10:00Z\">"
        "<script>var x = '<p>not text</p>';</script></head><body>"
        "<nav><ul><li><a href=/>Home<li><a href=/w>World</ul></nav>"
        "<table><tr><td class=main><h1>Flood at Ancenis</h1>"
        "<p>The Loire rose by two metres overnight, and the dyke at Maison-Rouge held, "
        "the mayor said on Saturday morning after a night on the bank."
        "<p>Three hundred people left their homes in the lower town, where the water "
        "reached the first floors of the houses along the quay &amp; the church square."
        "<p>Firefighters from four departments worked until dawn to raise sandbag walls "
        "along the road to Saint-Herblon, the prefecture said in a statement."
        "<td class=sidebar><div class=related><a href=/1>Another story</a></div></table>"
        "<footer><p>&copy; 2026 The Courier</footer></body></html>",
        /* nested inline elements left open, stray end tags, entities */
        "<html><body><div id=article><div class=entry-content>"
        "<p><b>Nantes &ndash; </b>Le tribunal a rendu sa d&eacute;cision mardi, <i>apr&egrave;s "
        "trois semaines de d&eacute;bats</i>, dans l&#8217;affaire du pont effondr&eacute;."
        "</span></em><p>Les familles des victimes ont salu&eacute; un jugement &laquo; juste "
        "&raquo;, selon leur avocate, qui parlait devant le palais de justice."
        "<div class=share-buttons><a href=#>Partager</a></div>"
        "<p>Le constructeur dispose de dix jours pour faire appel de la condamnation, "
        "a pr&eacute;cis&eacute; le parquet dans un communiqu&eacute;.</div></div>",
        /* text outside any element, a second body, comments in the middle */
        "Ein Satz vor allem anderen.<html><head><title>Hochwasser</title></head>"
        "<body><!-- header --><article><h2>Hochwasser an der Elbe</h2>"
        "<p>Die Elbe ist in der Nacht um zwei Meter gestiegen, teilte die Stadt Dresden am "
        "Samstag mit, und der Deich bei Pillnitz hat gehalten.</p><body class=second>"
        "<p>Dreihundert Menschen haben ihre Wohnungen in der Altstadt verlassen m&uuml;ssen, "
        "das Wasser stand bis zum ersten Stock der H&auml;user am Ufer.</p>"
        "</article></body></html>trailing words",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char name[32];
        snprintf(name, sizeof name, "invented page %zu", i);
        html_doc *x = with(pages[i], strlen(pages[i]), HTML_PARSER_OWN);
        CHECK(x->text_len > 100);
        html_doc_free(x);
        same_both_ways(name, pages[i], strlen(pages[i]));
    }
}

TEST(htok_parser_choice)
{
    html_opts o = {0};
    CHECK(html_parser_of(&o) == HTML_PARSER_OWN || getenv("STORYLINE_HTML_PARSER"));
    o.parser = HTML_PARSER_LIBXML2;
    CHECK(html_parser_of(&o) == HTML_PARSER_LIBXML2);
    o.parser = HTML_PARSER_OWN;
    CHECK(html_parser_of(&o) == HTML_PARSER_OWN);
}
