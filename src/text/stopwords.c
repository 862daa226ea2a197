/*
 * stopwords.c — stopword lookup over the lists generated from Debian's
 * liblingua-stopwords-perl (build/gen/stopwords_data.c, see
 * scripts/gen-stopwords.sh).
 *
 * All lists are merged into one hash set mapping a word to a bit mask of
 * the languages it is a stopword of, so that language identification can
 * score every language with a single lookup per word. The set is built once
 * per process (pthread_once) and read-only afterwards, which is why
 * stopword_is() needs no context.
 *
 * The Snowball lists have a few paradigm gaps that matter in news text
 * (French has le, la, des but not les; il, elle but not ils, elles; ai,
 * as, ont but not a; Portuguese lacks é); sw_extra fills exactly those,
 * nothing more.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_res.h"

/* Generated table: {lang, NULL-terminated word list}, closed by {NULL, NULL}. */
extern const struct {
    const char *lang;
    const char *const *words;
} stopword_lists[];

typedef struct sw_ent {
    uint64_t h;
    const char *w;
    uint32_t len;
    uint32_t mask;
} sw_ent;

static const struct {
    const char *lang, *word;
} sw_extra[] = {
    {"fr", "les"},   {"fr", "a"},   {"fr", "ils"},      {"fr", "elles"},
    {"fr", "cette"}, {"fr", "cet"}, {"pt", "\xC3\xA9"}, {"es", "unas"},
};

static struct {
    sw_ent *ents;
    size_t cap;
    unsigned n_langs;
} sw_set; /* written once under pthread_once, read-only after */

static pthread_once_t sw_once = PTHREAD_ONCE_INIT;

static sw_ent *sw_slot(uint64_t h, const char *w, size_t n)
{
    size_t mask = sw_set.cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        sw_ent *e = &sw_set.ents[i];
        if (!e->w || (e->h == h && e->len == n && memcmp(e->w, w, n) == 0))
            return e;
    }
}

static void sw_insert(const char *w, uint32_t bit)
{
    size_t n = strlen(w);
    uint64_t h = strtab_hash(w, n);
    sw_ent *e = sw_slot(h, w, n);
    if (!e->w) {
        e->h = h;
        e->w = w;
        e->len = (uint32_t)n;
    }
    e->mask |= bit;
}

static void sw_build(void)
{
    size_t total = 0;
    unsigned l = 0;
    for (; stopword_lists[l].lang && l < 32; l++)
        for (const char *const *w = stopword_lists[l].words; *w; w++)
            total++;
    sw_set.n_langs = l;
    size_t cap = 64;
    total += sizeof sw_extra / sizeof sw_extra[0];
    while (cap < total * 2)
        cap *= 2;
    sw_set.ents = calloc(cap, sizeof *sw_set.ents);
    if (!sw_set.ents) {
        fprintf(stderr, "storyline: out of memory (stopwords), aborting\n");
        abort();
    }
    sw_set.cap = cap;
    for (unsigned i = 0; i < l; i++)
        for (const char *const *w = stopword_lists[i].words; *w; w++)
            sw_insert(*w, 1u << i);
    for (size_t k = 0; k < sizeof sw_extra / sizeof sw_extra[0]; k++)
        for (unsigned i = 0; i < l; i++)
            if (!strcmp(stopword_lists[i].lang, sw_extra[k].lang))
                sw_insert(sw_extra[k].word, 1u << i);
}

uint32_t stopword_mask(const char *w, size_t n)
{
    pthread_once(&sw_once, sw_build);
    if (!n || n > 64)
        return 0;
    sw_ent *e = sw_slot(strtab_hash(w, n), w, n);
    return e->w ? e->mask : 0;
}

/* Two-letter code of lang ("fr-FR" → "fr"), Norwegian variants as "no". */
static int sw_code(const char *lang, char code[3])
{
    if (!lang || !lang[0] || !lang[1] || (lang[2] && lang[2] != '-' && lang[2] != '_'))
        return 0;
    code[0] = (char)(lang[0] | 0x20);
    code[1] = (char)(lang[1] | 0x20);
    code[2] = 0;
    if (!strcmp(code, "nb") || !strcmp(code, "nn"))
        strcpy(code, "no");
    return 1;
}

uint32_t stopword_bit(const char *lang)
{
    char code[3];
    pthread_once(&sw_once, sw_build);
    if (!sw_code(lang, code))
        return 0;
    for (unsigned i = 0; i < sw_set.n_langs; i++)
        if (!strcmp(stopword_lists[i].lang, code))
            return 1u << i;
    return 0;
}

const char *stopword_lang(unsigned i)
{
    pthread_once(&sw_once, sw_build);
    return i < sw_set.n_langs ? stopword_lists[i].lang : NULL;
}

bool stopword_is(const char *lang, const char *w, size_t n)
{
    uint32_t bit = stopword_bit(lang);
    return bit && (stopword_mask(w, n) & bit);
}
