/*
 * stem.c — the text module's per-context resources: language slots, lazy
 * Snowball stemmers (libstemmer), the norm → stem caches and the intern
 * table.
 *
 * Every language libstemmer ships has a slot, keyed by its ISO 639-1 code;
 * languages with neither stemmer nor stopword list share slot 0 ("und"),
 * where the stem is the norm itself. Stems are interned: equal stems are the
 * same pointer for the life of the context. The caches are bounded (they
 * empty themselves when full); the intern table is not, so that every stem
 * handed out stays valid.
 */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_res.h"

#define STEM_CACHE_LIMIT (1u << 18)
#define WORD_CACHE_LIMIT (1u << 18)
#define STEM_MAX_BYTES 96 /* longer "words" are not stemmed */

static const struct {
    const char *code, *stemmer;
} stem_langs[] = {
    {"und", NULL},        {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},
    {"ca", "catalan"},    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},
    {"fi", "finnish"},    {"fr", "french"},     {"de", "german"},     {"el", "greek"},
    {"hi", "hindi"},      {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},
    {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},
    {"es", "spanish"},    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
    {"yi", "yiddish"},
};

text_res *text_res_new(void)
{
    text_res *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    strtab_init(&r->intern, 0);
    size_t n = sizeof stem_langs / sizeof stem_langs[0];
    for (size_t i = 0; i < n && i < TEXT_N_SLOTS; i++) {
        lang_slot *s = &r->slots[i];
        s->code = stem_langs[i].code;
        s->stemmer = stem_langs[i].stemmer;
        s->stop_bit = i ? stopword_bit(s->code) : 0;
        strtab_init(&s->stems, STEM_CACHE_LIMIT);
        wcache_init(&s->words, WORD_CACHE_LIMIT);
        r->n_slots = i + 1;
    }
    return r;
}

void text_res_free(text_res *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_slots; i++) {
        lang_slot *s = &r->slots[i];
        if (s->sb)
            sb_stemmer_delete(s->sb);
        strtab_free(&s->stems);
        wcache_free(&s->words);
    }
    strtab_free(&r->intern);
    text_textcat_free(r);
    free(r->cp);
    free(r->fold);
    free(r);
}

text_res *text_res_of(sl_ctx *ctx)
{
    if (!ctx->text)
        ctx->text = text_res_new();
    if (!ctx->text) {
        fprintf(stderr, "storyline: out of memory (text resources), aborting\n");
        abort();
    }
    return ctx->text;
}

lang_slot *text_slot(text_res *r, const char *lang)
{
    if (!lang || !lang[0] || !lang[1])
        return &r->slots[0];
    char code[3] = {(char)(lang[0] | 0x20), (char)(lang[1] | 0x20), 0};
    if (lang[2] && lang[2] != '-' && lang[2] != '_')
        return &r->slots[0]; /* three-letter codes: none of ours */
    if (!strcmp(code, "nb") || !strcmp(code, "nn"))
        code[1] = 'o';
    for (size_t i = 1; i < r->n_slots; i++)
        if (r->slots[i].code[0] == code[0] && r->slots[i].code[1] == code[1])
            return &r->slots[i];
    return &r->slots[0];
}

const char *text_intern_res(text_res *r, const char *s, size_t n)
{
    uint64_t h = strtab_hash(s, n);
    strtab_ent *e = strtab_find(&r->intern, h, s, n);
    if (!e)
        e = strtab_add(&r->intern, h, s, n);
    return e->key;
}

const char *text_intern(sl_ctx *ctx, const char *s, size_t n)
{
    if (!s)
        s = "", n = 0;
    return text_intern_res(text_res_of(ctx), s, n);
}

static int stem_has_digit(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] >= '0' && w[i] <= '9')
            return 1;
    return 0;
}

/* The Snowball stem of w, interned; the word itself when no stemmer. */
static const char *stem_compute(text_res *r, lang_slot *s, const char *w, size_t n)
{
    if (s->stemmer && !s->sb_tried) {
        s->sb_tried = true;
        s->sb = sb_stemmer_new(s->stemmer, "UTF_8");
    }
    if (!s->sb || n == 0 || n > STEM_MAX_BYTES || stem_has_digit(w, n))
        return text_intern_res(r, w, n);
    const sb_symbol *st = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n);
    if (!st)
        return text_intern_res(r, w, n);
    return text_intern_res(r, (const char *)st, (size_t)sb_stemmer_length(s->sb));
}

const char *stem_slot(text_res *r, lang_slot *s, const char *w, size_t n)
{
    uint64_t h = strtab_hash(w, n);
    strtab_ent *e = strtab_find(&s->stems, h, w, n);
    if (e)
        return e->val;
    const char *stem = stem_compute(r, s, w, n);
    e = strtab_add(&s->stems, h, w, n);
    e->val = stem;
    return stem;
}

const char *stem_word(sl_ctx *ctx, const char *lang, const char *w, size_t n)
{
    text_res *r = text_res_of(ctx);
    if (!w)
        w = "", n = 0;
    return stem_slot(r, text_slot(r, lang), w, n);
}
