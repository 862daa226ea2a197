/*
 * cmd_compare.c — `storyline compare A B`: two stored articles side by
 * side as passages: what they share word for word (numbered, so a passage
 * moved elsewhere is recognisable), what only A has, what only B has, how
 * similar they are, and which one is likely the source.
 *
 * On a terminal, shared passages are green, A's own yellow, B's own cyan;
 * piped, the same layout without colour (the markers [=n], [A], [B] carry
 * the meaning either way).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../dedup/align.h"
#include "../dedup/copies.h"
#include "../dedup/load.h"
#include "../dedup/shingle.h"
#include "cli.h"

static const cli_opt opts[] = {
    CLI_OPT_DB,
    {"json", NULL, "JSON output"},
    {"color", NULL, "colour even when not writing to a terminal"},
    {"plain", NULL, "no colour even on a terminal"},
    {NULL, NULL, NULL},
};

#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* ------------------------------------------------------------------ JSON */

static json_t *span_json(const sl_article *x, uint32_t s, uint32_t e)
{
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer(s));
    json_object_set_new(o, "end", json_integer(e));
    json_object_set_new(o, "text", json_stringn(x->text + s, e - s));
    return o;
}

static json_t *meta_json(const sl_article *x, uint32_t words)
{
    json_t *o = json_object();
    char when[32];
    cli_time(x->published, x->published_prec, when);
    json_object_set_new(o, "id", json_string(x->id));
    json_object_set_new(o, "outlet", json_string(x->outlet));
    json_object_set_new(o, "title", json_string(x->title));
    json_object_set_new(o, "published",
                        x->published == SL_TIME_NONE ? json_null() : json_string(when));
    json_object_set_new(o, "words", json_integer(words));
    return o;
}

static json_t *sentences_json(const sl_article *x, const align_sentence *s, size_t n)
{
    static const char *const status[] = {"only", "partial", "shared"};
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(
            o, "text",
            json_stringn(x->text + x->sents[i].start, x->sents[i].end - x->sents[i].start));
        json_object_set_new(o, "status", json_string(status[s[i].status]));
        json_object_set_new(o, "other", s[i].other < 0 ? json_null() : json_integer(s[i].other));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void print_json(const sl_article *a, const sl_article *b, const align_result *r,
                       const shingle_sims *s, const align_direction *d, const sl_copy_info *ca,
                       const sl_copy_info *cb)
{
    json_t *o = json_object();
    json_object_set_new(o, "a", meta_json(a, r->words_a));
    json_object_set_new(o, "b", meta_json(b, r->words_b));
    json_object_set_new(o, "jaccard", json_real(s->jaccard));
    json_object_set_new(o, "a_in_b", json_real(s->a_in_b));
    json_object_set_new(o, "b_in_a", json_real(s->b_in_a));
    json_object_set_new(o, "same_group", json_boolean(ca->group && ca->group == cb->group));
    json_t *dir = json_object();
    json_object_set_new(dir, "source",
                        d->source < 0 ? json_null() : json_string(d->source ? "b" : "a"));
    json_object_set_new(dir, "reason", json_string(d->reason));
    json_object_set_new(o, "direction", dir);
    json_object_set_new(o, "shared_words", json_integer(r->shared_words));
    json_t *sh = json_array();
    for (size_t i = 0; i < r->n_shared; i++) {
        const align_passage *p = &r->shared[i];
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(p->id));
        json_object_set_new(x, "words", json_integer(p->words));
        json_object_set_new(x, "a", span_json(a, p->a_start, p->a_end));
        json_object_set_new(x, "b", span_json(b, p->b_start, p->b_end));
        json_array_append_new(sh, x);
    }
    json_object_set_new(o, "shared", sh);
    json_t *oa = json_array(), *ob = json_array();
    for (size_t i = 0; i < r->n_only_a; i++) {
        json_t *x = span_json(a, r->only_a[i].a_start, r->only_a[i].a_end);
        json_object_set_new(x, "words", json_integer(r->only_a[i].words));
        json_array_append_new(oa, x);
    }
    for (size_t i = 0; i < r->n_only_b; i++) {
        json_t *x = span_json(b, r->only_b[i].b_start, r->only_b[i].b_end);
        json_object_set_new(x, "words", json_integer(r->only_b[i].words));
        json_array_append_new(ob, x);
    }
    json_object_set_new(o, "only_a", oa);
    json_object_set_new(o, "only_b", ob);
    json_object_set_new(o, "sentences_a", sentences_json(a, r->sent_a, r->n_sent_a));
    json_object_set_new(o, "sentences_b", sentences_json(b, r->sent_b, r->n_sent_b));
    json_object_set_new(o, "truncated", json_boolean(r->truncated));
    cli_print_json(o, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
}

/* ------------------------------------------------------------------ text */

static void print_side(const sl_article *x, const align_result *r, bool side_a, bool color)
{
    align_colors c = {GREEN, side_a ? YELLOW : CYAN, RESET};
    buf out;
    buf_init(&out);
    align_render(&out, x, r, side_a, color ? &c : NULL);
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
}

static void print_head(const char *tag, const sl_article *x, uint32_t words, bool color)
{
    char when[32];
    cli_time(x->published, x->published_prec, when);
    printf("%s%s%s  %s  %s  %s  %u words\n", color ? BOLD : "", tag, color ? RESET : "", x->id,
           *x->outlet ? x->outlet : "-", when, words);
}

static double pct(uint32_t part, uint32_t whole)
{
    return whole ? 100.0 * part / whole : 0;
}

static void print_text(const sl_article *a, const sl_article *b, const align_result *r,
                       const shingle_sims *s, const align_direction *d, const sl_copy_info *ca,
                       const sl_copy_info *cb, bool color)
{
    print_head("A", a, r->words_a, color);
    print_head("B", b, r->words_b, color);
    printf("similarity: Jaccard %.2f, A inside B %.2f, B inside A %.2f (word shingles)\n",
           s->jaccard, s->a_in_b, s->b_in_a);
    if (ca->group && ca->group == cb->group)
        printf("copy group: the same (%lld articles)\n", ca->size);
    else
        printf("copy group: different\n");
    printf("source: %s (%s)\n", d->source < 0 ? "cannot tell" : d->source ? "B" : "A", d->reason);
    uint32_t only_a = r->words_a - r->shared_words, only_b = r->words_b - r->shared_words;
    printf("shared: %zu passage%s, %u words (%.0f%% of A, %.0f%% of B); only in A: %u words;"
           " only in B: %u words%s\n",
           r->n_shared, r->n_shared == 1 ? "" : "s", r->shared_words,
           pct(r->shared_words, r->words_a), pct(r->shared_words, r->words_b), only_a, only_b,
           r->truncated ? " (repetitive text: alignment cut short)" : "");
    printf("\n%s--- A: %s%s\n", color ? BOLD : "", *a->outlet ? a->outlet : a->id,
           color ? RESET : "");
    print_side(a, r, true, color);
    printf("\n%s--- B: %s%s\n", color ? BOLD : "", *b->outlet ? b->outlet : b->id,
           color ? RESET : "");
    print_side(b, r, false, color);
}

/* ------------------------------------------------------------------ command */

static int run(const cli_cmd *cmd, cli_args *a)
{
    if (cli_flag(cmd, a, "color") && cli_flag(cmd, a, "plain"))
        return cli_usage_error(cmd, "--color and --plain exclude each other");
    bool color = cli_flag(cmd, a, "color") || (!cli_flag(cmd, a, "plain") && isatty(1));
    sl_ctx *ctx;
    sl_store *st = cli_store_open(cmd, a, &ctx);
    if (!st)
        return EXIT_FAILED;
    long long ra = 0, rb = 0;
    sl_article *x = load_article(ctx, st, a->pos[0], 0, &ra);
    sl_article *y = load_article(ctx, st, a->pos[1], 0, &rb);
    int rc = EXIT_OK;
    if (!x || !y) {
        fprintf(stderr, "storyline compare: no article with id '%s'\n", !x ? a->pos[0] : a->pos[1]);
        rc = EXIT_FAILED;
    } else {
        dedup_params p;
        if (copies_params(st, &p) != 0)
            dedup_params_default(&p);
        shingle_sims s;
        shingle_similarity(x, y, p.k, p.mode, &s);
        align_result r;
        align_articles(x->arena, x, y, p.k, &r);
        align_direction d;
        align_direction_guess(x, y, s.a_in_b, s.b_in_a, &d);
        sl_copy_info ca, cb;
        sl_copy_get(st, ra, &ca);
        sl_copy_get(st, rb, &cb);
        if (cli_flag(cmd, a, "json"))
            print_json(x, y, &r, &s, &d, &ca, &cb);
        else
            print_text(x, y, &r, &s, &d, &ca, &cb, color);
    }
    sl_article_free(x);
    sl_article_free(y);
    cli_store_close(st, ctx);
    return rc;
}

const cli_cmd cmd_compare = {
    "compare",
    "[--db FILE] [--json] [--color | --plain] ID_A ID_B",
    "show what two articles share word for word, and what each adds",
    "Shared passages are maximal common runs of at least 5 words (case, punctuation and\n"
    "spacing ignored), numbered [=1], [=2]... in A's order, so a passage moved elsewhere\n"
    "in B keeps its number; [A] and [B] mark what only that article has. The source guess\n"
    "uses publication times, agency credits and which text is inside the other.\n"
    "Colour on a terminal (green shared, yellow only A, cyan only B); plain when piped.",
    opts,
    2,
    2,
    run,
};
