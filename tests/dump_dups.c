/*
 * dump_dups.c — the "dups" and "align" case dumpers (tests/cases/dups/,
 * tests/cases/align/).
 *
 * The input holds several articles, each introduced by a line
 *
 *     @@ ID [DATE] [OUTLET...]
 *
 * (DATE in ISO 8601, "-" for none) and built like an ingested JSONL
 * record (sl_article_build: cleaning, analysis; language from @lang,
 * default en; a fixed title so no line is taken for a headline).
 *
 *   dups    indexes the articles in order with the default parameters and
 *           prints one line per article: its id, then "alone" or "copy of
 *           ID (exact | similar | contained)" — similar: Jaccard reached
 *           the threshold; contained: only containment did — and then one
 *           "group ID: MEMBERS" line per group of two or more.
 *   align   aligns the first two articles (A, B) and prints A's passages,
 *           a "--" line, B's passages (as `storyline compare` does, without
 *           colour), and "source: A|B|?" with the guess.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/dedup/align.h"
#include "../src/dedup/dedup.h"
#include "cases.h"

enum { MAX_ARTICLES = 64 };

/* Builds the articles of the input; returns their count. */
static size_t parse_articles(sl_ctx *ctx, const case_opts *o, const char *in, size_t n,
                             sl_article **out, char ids[][64])
{
    size_t count = 0;
    const char *p = in, *end = in + n;
    while (p < end && count < MAX_ARTICLES) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le - p < 3 || memcmp(p, "@@ ", 3) != 0) {
            p = nl ? nl + 1 : end;
            continue;
        }
        char head[512];
        snprintf(head, sizeof head, "%.*s", (int)(le - p - 3), p + 3);
        char *date = NULL, *outlet = NULL, *sp = strchr(head, ' ');
        if (sp) {
            *sp = 0;
            date = sp + 1;
            sp = strchr(date, ' ');
            if (sp) {
                *sp = 0;
                outlet = sp + 1;
            }
            if (!strcmp(date, "-"))
                date = NULL;
        }
        const char *body = nl ? nl + 1 : end, *q = body;
        while (q < end && !(q + 3 <= end && memcmp(q, "@@ ", 3) == 0 && (q == in || q[-1] == '\n')))
            q++;
        snprintf(ids[count], 64, "%.63s", head);
        sl_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.id = ids[count];
        raw.title = "Case";
        raw.lang = o->lang ? o->lang : "en";
        raw.date = date;
        raw.source = outlet;
        raw.text = body;
        raw.text_len = (size_t)(q - body);
        raw.origin = "case";
        raw.format = "jsonl";
        out[count++] = sl_article_build(ctx, &raw);
        p = q;
    }
    return count;
}

void dump_dups(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_article *arts[MAX_ARTICLES];
    char ids[MAX_ARTICLES][64];
    size_t na = parse_articles(ctx, o, in, n, arts, ids);
    dedup_params p;
    dedup_params_default(&p);
    p.cache_bytes = 0;
    dedup d;
    dedup_init(&d, &p, NULL, NULL);
    shingler sh;
    shingle_init(&sh);
    for (size_t i = 0; i < na; i++) {
        buf_printf(out, "%-12s ", ids[i]);
        if (!arts[i]) {
            buf_adds(out, "(not built)\n");
            continue;
        }
        const uint32_t *v;
        size_t ns = shingle_tokens(&sh, arts[i]->toks, arts[i]->n_toks, p.k, p.mode, &v);
        uint32_t keys[DEDUP_MAX_BANDS];
        if (ns)
            dedup_keys(&d, v, ns, keys);
        dedup_match m;
        dedup_add(&d, (uint32_t)i + 1, arts[i]->hash, arts[i]->text_len > 0, v, ns, keys, &m);
        if (!m.match)
            buf_adds(out, "alone\n");
        else
            buf_printf(out, "copy of %s (%s)\n", ids[m.match - 1],
                       m.exact                  ? "exact"
                       : m.jaccard >= p.jaccard ? "similar"
                                                : "contained");
    }
    for (size_t i = 0; i < na; i++) {
        uint32_t g = dedup_group(&d, (uint32_t)i + 1);
        if (g != i + 1 || dedup_group_size(&d, g) < 2)
            continue;
        buf_printf(out, "group %s:", ids[i]);
        for (size_t k = i; k < na; k++)
            if (dedup_group(&d, (uint32_t)k + 1) == g)
                buf_printf(out, " %s", ids[k]);
        buf_addc(out, '\n');
    }
    for (size_t i = 0; i < na; i++)
        sl_article_free(arts[i]);
    shingle_free(&sh);
    dedup_free(&d);
}

void dump_align(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out)
{
    sl_article *arts[MAX_ARTICLES];
    char ids[MAX_ARTICLES][64];
    size_t na = parse_articles(ctx, o, in, n, arts, ids);
    if (na < 2 || !arts[0] || !arts[1]) {
        buf_adds(out, "(needs two articles)\n");
    } else {
        sl_article *a = arts[0], *b = arts[1];
        align_result r;
        align_articles(a->arena, a, b, 5, &r);
        align_render(out, a, &r, true, NULL);
        buf_adds(out, "--\n");
        align_render(out, b, &r, false, NULL);
        shingle_sims sim;
        shingle_similarity(a, b, 5, SHINGLE_ALL, &sim);
        align_direction dir;
        align_direction_guess(a, b, sim.a_in_b, sim.b_in_a, &dir);
        buf_printf(out, "source: %s\n", dir.source < 0 ? "?" : dir.source ? "B" : "A");
    }
    for (size_t i = 0; i < na; i++)
        sl_article_free(arts[i]);
}
