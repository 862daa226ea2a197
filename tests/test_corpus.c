/*
 * test_corpus.c — the sample corpus as an acceptance test of extraction:
 * every article of corpus/ is read and built through the library, then
 * checked against what the corpus's authors wrote down:
 *   residue.tsv  every residue line must be removed, and no other line may
 *                be (headline, repeated headline and metadata lines aside);
 *   facts.tsv    title, publication day and credited agencies.
 * Each article is one test result, so a failure names the article.
 */
#include <stdlib.h>
#include <string.h>

#include "../src/facts/dates.h"
#include "../src/util/buf.h"
#include "harness.h"
#include "tsv.h"

#define MAX_ROWS 4096

/* Whitespace-insensitive equality (the cleaner tidies spaces). */
static int same_text(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || *a == '\t')
            a++;
        while (*b == ' ' || *b == '\t')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (*a != *b)
            return 0;
        a++, b++;
    }
}

typedef struct corpus_check {
    tsv_row *residue, *facts;
    int n_residue, n_facts;
    int articles;
} corpus_check;

static int removed_has(const sl_article *a, const char *text)
{
    for (size_t i = 0; i < a->n_removed; i++)
        if (same_text(a->removed[i].text, text))
            return 1;
    return 0;
}

static bool check_article(void *user, const sl_raw *raw)
{
    corpus_check *c = user;
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_article *a = sl_article_build(ctx, raw);
    buf d;
    buf_init(&d);
    char name[512];
    snprintf(name, sizeof name, "corpus: %s", a ? a->id : "(not built)");
    if (!a) {
        harness_add_result(name, 0, "article not built\n");
        sl_ctx_free(ctx);
        return true;
    }
    c->articles++;
    for (int i = 0; i < c->n_residue; i++) {
        tsv_row *r = &c->residue[i];
        if (strcmp(r->id, a->id) == 0 && !removed_has(a, r->value))
            buf_printf(&d, "  residue kept (%s): %s\n", r->kind, r->value);
    }
    for (size_t k = 0; k < a->n_removed; k++) {
        const sl_removed *rm = &a->removed[k];
        if (rm->reason == SL_RM_META || rm->reason == SL_RM_HEADLINE ||
            rm->reason == SL_RM_DUP_TITLE)
            continue;
        int listed = 0;
        for (int i = 0; i < c->n_residue && !listed; i++)
            listed = strcmp(c->residue[i].id, a->id) == 0 &&
                     same_text(c->residue[i].value, rm->text);
        if (!listed)
            buf_printf(&d, "  real line removed as %s: %s\n", sl_reason_name(rm->reason),
                       rm->text);
    }
    for (int i = 0; i < c->n_facts; i++) {
        tsv_row *f = &c->facts[i];
        if (strcmp(f->id, a->id) != 0)
            continue;
        if (strcmp(f->kind, "title") == 0 && !same_text(a->title, f->value))
            buf_printf(&d, "  title \"%s\", expected \"%s\"\n", a->title, f->value);
        if (strcmp(f->kind, "date") == 0) {
            char day[32];
            dates_format(a->published, SL_PREC_DAY, day);
            if (a->published == SL_TIME_NONE || strncmp(day, f->value, strlen(f->value)) != 0)
                buf_printf(&d, "  published %s, expected %s\n",
                           a->published == SL_TIME_NONE ? "unknown" : day, f->value);
        }
        if (strcmp(f->kind, "agency") == 0) {
            int found = 0;
            for (size_t k = 0; k < a->n_agencies; k++)
                found |= strcmp(a->agencies[k], f->value) == 0;
            if (!found)
                buf_printf(&d, "  agency %s not credited\n", f->value);
        }
    }
    harness_add_result(name, d.len == 0, d.data);
    buf_free(&d);
    sl_article_free(a);
    sl_ctx_free(ctx);
    return true;
}

TEST(corpus_extraction_matches_what_the_authors_wrote)
{
    static tsv_row residue[MAX_ROWS], facts[MAX_ROWS];
    corpus_check c = {residue, facts, 0, 0, 0};
    /* residue.tsv: id, kind, line (tabs and all); facts.tsv: id, kind, value, detail */
    c.n_residue = tsv_load("corpus/residue.tsv", residue, MAX_ROWS, 3, 2);
    c.n_facts = tsv_load("corpus/facts.tsv", facts, MAX_ROWS, 4, 2);
    CHECK(c.n_residue > 400);
    CHECK(c.n_facts > 300);
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    long n = sl_read_path(ctx, "corpus", check_article, &c);
    CHECK_INT(n, 50);
    CHECK_INT(c.articles, 50);
    CHECK_INT(sl_ctx_errors(ctx), 0);
    sl_ctx_free(ctx);
    tsv_free(residue, c.n_residue);
    tsv_free(facts, c.n_facts);
}
