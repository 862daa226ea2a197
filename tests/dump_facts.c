/*
 * dump_facts.c — the "entities", "figures" and "quotes" case dumpers.
 *
 * The input is built as an article (sl_article_build, language from @lang,
 * a fixed title so no line is taken for a headline), then its facts are
 * printed one per line:
 *
 *   entities   KIND TEXT [(title: T)] [(acronym: A)] [= OTHER FORM ...] [@CC]
 *              KIND is person, place, org or other; @CC is the country of a
 *              place resolved by the gazetteer. Entities of kind "other"
 *              are printed too.
 *   figures    VALUE KIND APPROX UNIT_KEY | TEXT | SUBJECT
 *              VALUE printed with %g; KIND count/percent/money/measure/
 *              ordinal/age; CURRENCY follows money values.
 *   quotes     «TEXT» — SPEAKER (VERB)       SPEAKER/VERB "?" when unknown
 *
 * When the gazetteer is missing, the entities output starts with a line
 * saying so (so the case fails with the reason in view).
 */
#include <string.h>

#include "../src/facts/facts.h"
#include "cases.h"

static sl_article *case_article(sl_ctx *ctx, const case_opts *o, const char *in, size_t n)
{
    sl_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.id = "case";
    raw.title = o->title ? o->title : "Case";
    raw.lang = o->lang ? o->lang : "fr";
    raw.date = o->pub;
    raw.text = in;
    raw.text_len = n;
    raw.origin = "case";
    raw.format = "txt";
    return sl_article_build(ctx, &raw);
}

void dump_entities(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    if (!sl_gazetteer_path(ctx))
        buf_adds(out, "(gazetteer missing: run scripts/install-deps.sh, then make)\n");
    sl_article *a = case_article(ctx, o, in, n);
    if (!a)
        return;
    sl_facts *f = sl_facts_extract(ctx, a);
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        buf_printf(out, "%s %s", sl_entity_kind_name(e->kind), e->text);
        if (e->title)
            buf_printf(out, " (title: %s)", e->title);
        if (e->acronym)
            buf_printf(out, " (acronym: %s)", e->acronym);
        for (size_t k = 1; k < e->n_forms; k++)
            buf_printf(out, " = %s", e->forms[k]);
        if (e->resolved)
            buf_printf(out, " @%s", e->country);
        buf_addc(out, '\n');
    }
    sl_article_free(a);
}

static const char *fig_kind_name(int k)
{
    static const char *const names[] = {"count", "percent", "money", "measure", "ordinal", "age"};
    return k >= 0 && k <= SL_FIG_AGE ? names[k] : "?";
}

void dump_figures(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_article *a = case_article(ctx, o, in, n);
    if (!a)
        return;
    sl_facts *f = sl_facts_extract(ctx, a);
    for (size_t i = 0; i < f->n_figures; i++) {
        const sl_figure *g = &f->figures[i];
        buf_printf(out, "%g %s %s %s", g->value, fig_kind_name(g->kind), sl_approx_name(g->approx),
                   g->unit_key && *g->unit_key ? g->unit_key : "-");
        if (g->currency)
            buf_printf(out, " %s", g->currency);
        buf_printf(out, " | %s | %s\n", g->text, g->subject && *g->subject ? g->subject : "-");
    }
    sl_article_free(a);
}

void dump_quotes(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_article *a = case_article(ctx, o, in, n);
    if (!a)
        return;
    sl_facts *f = sl_facts_extract(ctx, a);
    for (size_t i = 0; i < f->n_quotes; i++) {
        const sl_quote *q = &f->quotes[i];
        buf_printf(out, "«%s» — %s (%s)\n", q->text, q->speaker ? q->speaker : "?",
                   q->verb ? q->verb : "?");
    }
    sl_article_free(a);
}
