/*
 * test_review4.c — defects a reader found in digests (session 4 review):
 * timeline lines dated by a relative clause's date. Texts invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/digest/digest.h"
#include "../src/util/arena.h"
#include "harness.h"

#define R4_MAXA 8

typedef struct r4_story {
    sl_ctx *ctx;
    sl_article *a[R4_MAXA];
    size_t n;
} r4_story;

static void r4_quiet(void *u, sl_severity s, const char *f, unsigned l, const char *m)
{
    (void)u, (void)s, (void)f, (void)l, (void)m;
}

static void r4_add(r4_story *s, const char *id, const char *outlet, const char *date,
                   const char *lang, const char *title, const char *text)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = id;
    raw.source = outlet;
    raw.title = title;
    raw.date = date;
    raw.lang = lang;
    raw.text = text;
    raw.text_len = strlen(text);
    raw.origin = "test";
    raw.format = "jsonl";
    sl_article *a = sl_article_build(s->ctx, &raw);
    if (a && s->n < R4_MAXA)
        s->a[s->n++] = a;
}

static void r4_free(r4_story *s)
{
    for (size_t i = 0; i < s->n; i++)
        sl_article_free(s->a[i]);
    sl_ctx_free(s->ctx);
}

/* Is there a timeline line whose text starts with prefix? */
static const sl_timeline_entry *r4_line(const sl_digest *d, const char *prefix)
{
    for (size_t i = 0; i < d->n_timeline; i++)
        if (!strncmp(d->timeline[i].text, prefix, strlen(prefix)))
            return &d->timeline[i];
    return NULL;
}

/* A date in a relative clause (", where … in May,", ", qui avait … jeudi
 * dernier") tells the background of the clause, not when the sentence's
 * news happened: corpus story 6 showed "2026-05  Unions at Antwerp, where
 * dockers staged a week-long strike in May, said they would seek
 * guarantees" in a July story, story 3 a coach's post-match words on the
 * Thursday before the final. Such a sentence is no line of that date. */
TEST(review4_timeline_skips_dates_of_relative_clauses)
{
    r4_story s = {sl_ctx_new(r4_quiet, NULL), {0}, 0};
    r4_add(&s, "r1", "Harbour Post", "2026-07-14T09:00:00Z", "en", "Shipper to buy rival",
           "Nordlicht Shipping agreed on Tuesday to buy its rival Keel Lines for two billion "
           "euros, the companies said in a joint statement.\n\n"
           "Unions at Ostend, where dockers staged a week-long strike in May, said they would "
           "seek written guarantees on jobs at the two companies.");
    r4_add(&s, "r2", "Le Veilleur", "2026-05-09T22:00:00Z", "fr", "La finale perdue",
           "Le club de Vauclair a perdu samedi soir la finale de la coupe régionale face à "
           "Saint-Aubin, battu deux buts à un après prolongation.\n\n"
           "« Il nous a manqué de la lucidité devant le but », a résumé l'entraîneur Paul "
           "Rive, qui avait prolongé son contrat jeudi dernier jusqu'en 2029.\n\n"
           "« Nous reviendrons », a promis la présidente du club, Anne Morel, élue en mars, "
           "devant les supporters du stade.");
    r4_add(&s, "r3", "Coast Daily", "2026-10-24T09:00:00Z", "en", "Storm damage",
           "Storm Ilona brought heavy rain to the west of the country overnight, forecasters "
           "said on Saturday.\n\n"
           "The storm also caused damage in Brittany and Normandy, where tens of thousands of "
           "homes lost power on Friday night.");
    sl_digest_opts o = {.words = 100};
    sl_digest *d = sl_digest_build(s.ctx, (const sl_article *const *)s.a, s.n, &o);
    CHECK(d != NULL);
    if (d) {
        const sl_timeline_entry *t = r4_line(d, "Unions at Ostend");
        CHECK(!t || t->time >= 1781049600 /* not before 2026-06-10: not the May strike */);
        t = r4_line(d, "« Il nous a manqué");
        CHECK(!t || t->time >= 1778284800 /* not before 2026-05-09: not jeudi dernier */);
        CHECK(r4_line(d, "Nordlicht Shipping agreed") != NULL); /* dated news stays */
        t = r4_line(d, "« Nous reviendrons");
        CHECK(!t || t->time >= 1778284800 /* not March: élue en mars is her past */);
        t = r4_line(d, "The storm also caused damage"); /* a clause that tells the news */
        CHECK(t && t->time == 1792713600 /* 2026-10-23 */);
        sl_digest_free(d);
    }
    r4_free(&s);
}

/* The exported index dated a story whose first report is dated to the month
 * only ("2026-03") as "2026-03-01" (corpus stories 1 and 2). */
TEST(review4_export_index_dates_a_month_as_a_month)
{
    r4_story s = {sl_ctx_new(r4_quiet, NULL), {0}, 0};
    r4_add(&s, "m1", "Le Veilleur", "2026-03", "fr", "La digue a cédé",
           "La digue de la Maison-Rouge a cédé dans la nuit, a annoncé la préfecture de la "
           "Loire-Atlantique, qui a fait évacuer le village.");
    r4_add(&s, "m2", "Le Guetteur", "2026-03-14T09:00:00Z", "fr", "La digue a cédé",
           "La digue de la Maison-Rouge a cédé samedi, a annoncé la préfecture de la "
           "Loire-Atlantique, qui a fait évacuer tout le village.");
    CHECK_INT(s.n, 2);
    if (s.n == 2)
        CHECK_INT(s.a[0]->published_prec, SL_PREC_MONTH);
    sl_digest_opts o = {.words = 60};
    sl_digest *d = sl_digest_build(s.ctx, (const sl_article *const *)s.a, s.n, &o);
    char dir[64], p[128];
    snprintf(dir, sizeof dir, "/tmp/sl-test-r4-export-%d", (int)getpid());
    sl_html_export *x = d ? sl_html_export_open(s.ctx, dir) : NULL;
    CHECK(x != NULL);
    if (x) {
        CHECK_INT(sl_html_export_add(x, "3", d), 0);
        CHECK_INT(sl_html_export_close(x), 0);
        snprintf(p, sizeof p, "%s/index.html", dir);
        FILE *f = fopen(p, "r");
        char html[8192] = "";
        if (f) {
            html[fread(html, 1, sizeof html - 1, f)] = 0;
            fclose(f);
        }
        CHECK(strstr(html, ">2026-03 · 2 sources") != NULL);
        CHECK(strstr(html, "2026-03-01") == NULL);
        unlink(p);
        snprintf(p, sizeof p, "%s/story-3.html", dir);
        unlink(p);
        rmdir(dir);
    }
    sl_digest_free(d);
    r4_free(&s);
}
