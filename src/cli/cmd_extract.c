/*
 * cmd_extract.c — `storyline extract`: shows what the HTML extractor takes
 * from one page (a file or stdin) and, with --explain, why: every text
 * block with its tag, the class/id around it, its score, link density and
 * the rule that kept or dropped it. Nothing is stored.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/html.h"
#include "../facts/dates.h"
#include "../util/buf.h"
#include "cli.h"

static const cli_opt opts[] = {
    {"json", NULL, "print the result as one JSON object"},
    {"explain", NULL, "list every text block: kept or dropped, score, link density, rule"},
    {"url", "URL", "the page's address (for the date in the URL and relative links)"},
    {"charset", "NAME", "charset from an HTTP header (else BOM, <meta>, detection)"},
    {NULL, NULL, NULL},
};

static void set_str(json_t *o, const char *k, const char *v)
{
    json_object_set_new(o, k, v ? json_string(v) : json_null());
}

/* The page's date as ingest reads it (ISO 8601 at its precision) into
 * when; false when there is none or no date can be read from it. */
static bool resolve_date(const html_doc *d, char when[32])
{
    int64_t t;
    uint8_t prec;
    if (!d->date || !dates_parse_stamp(d->date, strlen(d->date), &t, &prec))
        return false;
    cli_time(t, prec, when);
    return true;
}

static void print_json(const html_doc *d, bool explain)
{
    json_t *o = json_object();
    set_str(o, "title", d->title);
    set_str(o, "date", d->date);
    set_str(o, "date_from", d->date_from);
    char when[32];
    set_str(o, "date_resolved", resolve_date(d, when) ? when : NULL);
    set_str(o, "author", d->author);
    set_str(o, "site", d->site);
    set_str(o, "url", d->url);
    set_str(o, "lang", d->lang);
    set_str(o, "description", d->description);
    set_str(o, "agencies", d->agencies);
    set_str(o, "charset", d->charset);
    set_str(o, "charset_from", d->charset_from);
    json_object_set_new(o, "bad_bytes", json_integer(d->bad_bytes));
    json_object_set_new(o, "truncated", json_boolean(d->truncated));
    json_object_set_new(o, "text", json_stringn(d->text, d->text_len));
    if (explain) {
        json_t *arr = json_array();
        for (size_t i = 0; i < d->n_blocks; i++) {
            const html_block *b = &d->blocks[i];
            json_t *x = json_object();
            json_object_set_new(x, "kept", json_boolean(b->kept));
            json_object_set_new(x, "why", json_string(b->why));
            json_object_set_new(x, "tag", json_string(b->tag));
            json_object_set_new(x, "where", json_string(b->where));
            json_object_set_new(x, "score", json_real((double)b->score));
            json_object_set_new(x, "link_density", json_real((double)b->link_density));
            json_object_set_new(x, "text", json_stringn(b->text, b->len));
            json_array_append_new(arr, x);
        }
        json_object_set_new(o, "blocks", arr);
    }
    cli_print_json(o, JSON_INDENT(2) | JSON_REAL_PRECISION(3));
}

/* The page's date as ingest reads it, then where it came from and the
 * string as written: "2026-08-28 (text: Publié le 28 août 2026)"; a string
 * no date can be read from is shown alone, marked so. */
static void print_date(const html_doc *d)
{
    char when[32];
    printf("%-9s %s (%s: %s)\n", "date", resolve_date(d, when) ? when : "unresolved",
           d->date_from ? d->date_from : "page", d->date);
}

static void print_text(const html_doc *d, bool explain)
{
    const char *labels[] = {"title", "date", "author",   "site",
                            "url",   "lang", "agencies", "charset"};
    const char *vals[] = {d->title, d->date, d->author,   d->site,
                          d->url,   d->lang, d->agencies, d->charset};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (!vals[i])
            continue;
        if (i == 1)
            print_date(d);
        else
            printf("%-9s %s%s%s%s\n", labels[i], vals[i], i == 7 ? " (" : "",
                   i == 7 ? d->charset_from : "", i == 7 ? ")" : "");
    }
    if (explain) {
        printf("\n%-4s %5s %4s %-10s %-24s %-20s %s\n", "", "score", "ld", "tag", "rule", "where",
               "text");
        for (size_t i = 0; i < d->n_blocks; i++) {
            const html_block *b = &d->blocks[i];
            int show = b->len > 70 ? 70 : (int)b->len;
            /* do not cut a UTF-8 sequence */
            while (show < (int)b->len && show > 0 && ((unsigned char)b->text[show] & 0xC0) == 0x80)
                show--;
            printf("%-4s %5.1f %4.2f %-10.10s %-24.24s %-20.20s %.*s%s\n",
                   b->kept ? "KEEP" : "drop", (double)b->score, (double)b->link_density, b->tag,
                   b->why, b->where, show, b->text, show < (int)b->len ? "…" : "");
        }
        return;
    }
    printf("\n%.*s\n", (int)d->text_len, d->text);
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *path = a->n_pos ? a->pos[0] : "-";
    size_t len;
    int cut;
    char *bytes = buf_load(path, BUF_LOAD_STDIN, HTML_MAX_BYTES, &len, &cut);
    if (!bytes) {
        fprintf(stderr, "storyline extract: %s: cannot open\n", path);
        return EXIT_FAILED;
    }
    if (cut)
        fprintf(stderr, "storyline extract: %s: larger than %u MB, cut\n", path,
                HTML_MAX_BYTES >> 20);
    html_opts o = {0};
    o.url = cli_get(cmd, a, "url");
    o.http_charset = cli_get(cmd, a, "charset");
    o.explain = cli_flag(cmd, a, "explain");
    html_doc *d = html_extract(bytes, len, &o);
    free(bytes);
    if (cli_flag(cmd, a, "json"))
        print_json(d, o.explain);
    else
        print_text(d, o.explain);
    int rc = d->text_len ? EXIT_OK : EXIT_FAILED;
    if (!d->text_len)
        fprintf(stderr, "storyline extract: %s: no article text found\n", path);
    html_doc_free(d);
    return rc;
}

const cli_cmd cmd_extract = {
    "extract",
    "[--json] [--explain] [--url URL] [FILE]",
    "show the article text and metadata extracted from one HTML page (FILE or stdin)",
    "The page is read as a browser would decode it (BOM, --charset, <meta charset>,\n"
    "detection), parsed leniently, and its main content chosen by block scoring: text\n"
    "and link density, class/id cues, paragraph points given to ancestors. --explain\n"
    "lists every block with the rule that kept or dropped it. storyline's own tokenizer\n"
    "parses the page; $STORYLINE_HTML_PARSER=libxml2 uses libxml2's parser instead.\n"
    "Exit 1 when no article text was found.",
    opts,
    0,
    1,
    run,
};
