/*
 * rouge.c — ROUGE-N recall, reproducing ROUGE-1.5.5 (see rouge.h).
 *
 * The idea: a summary becomes a sequence of 64-bit token hashes; an n-gram
 * is the hash of n consecutive token hashes; the n-grams of each side are
 * sorted, and one merge walk counts the clipped matches (min of both counts
 * per distinct n-gram). Everything is O(n log n) on summaries of a hundred
 * words, so a whole DUC run scores in milliseconds.
 *
 * The reading steps follow ROUGE-1.5.5 literally, because reproducing the
 * published numbers depends on them: lines are lowercased, then the length
 * cut counts Perl `split(/\s+/)` fields of each line (a line that starts
 * with blanks counts one empty field), and only then is the kept text
 * tokenised.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "../util/buf.h"
#include "rouge.h"

typedef struct exc_slot {
    uint64_t h; /* 0: empty */
    char *word; /* "word\0base\0" in one allocation */
    const char *base;
} exc_slot;

struct rouge {
    bool classic;            /* the ROUGE-1.5.5 ASCII rules */
    struct sb_stemmer *stem; /* NULL: no stemming */
    exc_slot *exc;           /* irregular forms → base form (open addressing) */
    size_t exc_cap, exc_n;
};

rouge *rouge_new(const char *lang, int stem)
{
    rouge *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (!lang || !*lang)
        lang = "en";
    r->classic = strcmp(lang, "en") == 0;
    if (stem)
        r->stem = sb_stemmer_new(r->classic ? "porter" : lang, "UTF_8");
    return r;
}

void rouge_free(rouge *r)
{
    if (!r)
        return;
    if (r->stem)
        sb_stemmer_delete(r->stem);
    for (size_t i = 0; i < r->exc_cap; i++)
        free(r->exc[i].word);
    free(r->exc);
    free(r);
}

void rouge_text_free(rouge_text *t)
{
    free(t->tok);
    t->tok = NULL;
    t->n = 0;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends the first `keep` Perl split(/\s+/) fields of line[0..n) to out,
 * joined by single spaces. A leading blank run yields one empty field. */
static void add_fields(buf *out, const char *line, size_t n, size_t keep)
{
    size_t i = 0, field = 0;
    if (n && is_space((unsigned char)line[0])) { /* the empty first field */
        field = 1;
        while (i < n && is_space((unsigned char)line[i]))
            i++;
    }
    while (i < n && field < keep) {
        size_t s = i;
        while (i < n && !is_space((unsigned char)line[i]))
            i++;
        if (field > 0)
            buf_addc(out, ' ');
        buf_add(out, line + s, i - s);
        field++;
        while (i < n && is_space((unsigned char)line[i]))
            i++;
    }
}

/* Number of Perl split(/\s+/) fields of line[0..n) (trailing empties dropped). */
static size_t count_fields(const char *line, size_t n)
{
    size_t i = 0, k = 0;
    bool any = false;
    if (n && is_space((unsigned char)line[0])) {
        k = 1;
        while (i < n && is_space((unsigned char)line[i]))
            i++;
    }
    while (i < n) {
        any = true;
        while (i < n && !is_space((unsigned char)line[i]))
            i++;
        k++;
        while (i < n && is_space((unsigned char)line[i]))
            i++;
    }
    return any ? k : 0; /* an all-blank line has only empty fields: none */
}

/* The text ROUGE keeps: lines lowercased (ASCII), joined, cut at limit words. */
static void keep_text(const char *text, size_t len, unsigned limit, buf *out)
{
    size_t have = 0, i = 0;
    while (i < len) {
        size_t s = i;
        while (i < len && text[i] != '\n')
            i++;
        const char *line = text + s;
        size_t n = i - s;
        i++; /* the newline */
        if (n == 0)
            continue;
        size_t fields = count_fields(line, n);
        if (limit == 0 || have + fields < limit) {
            if (out->len)
                buf_addc(out, ' ');
            buf_add(out, line, n);
            have += fields;
            continue;
        }
        if (have > 0)
            buf_addc(out, ' ');
        add_fields(out, line, n, limit - have);
        break;
    }
    for (size_t k = 0; k < out->len; k++)
        if (out->data[k] >= 'A' && out->data[k] <= 'Z')
            out->data[k] = (char)(out->data[k] - 'A' + 'a');
}

static uint64_t exc_key(const char *w, size_t n)
{
    uint64_t h = XXH3_64bits(w, n);
    return h ? h : 1;
}

static const char *exc_find(const rouge *r, const char *w, size_t n)
{
    if (!r->exc_n)
        return NULL;
    uint64_t h = exc_key(w, n);
    for (size_t i = h & (r->exc_cap - 1);; i = (i + 1) & (r->exc_cap - 1)) {
        const exc_slot *e = &r->exc[i];
        if (!e->h)
            return NULL;
        if (e->h == h && strlen(e->word) == n && memcmp(e->word, w, n) == 0)
            return e->base;
    }
}

static void exc_grow(rouge *r)
{
    size_t cap = r->exc_cap ? r->exc_cap * 2 : 1024;
    exc_slot *t = calloc(cap, sizeof *t);
    if (!t)
        abort();
    for (size_t k = 0; k < r->exc_cap; k++) {
        exc_slot e = r->exc[k];
        if (!e.h)
            continue;
        size_t i = e.h & (cap - 1);
        while (t[i].h)
            i = (i + 1) & (cap - 1);
        t[i] = e;
    }
    free(r->exc);
    r->exc = t;
    r->exc_cap = cap;
}

void rouge_exception(rouge *r, const char *word, const char *base)
{
    size_t n = strlen(word), m = strlen(base);
    if (!n || !m)
        return;
    if ((r->exc_n + 1) * 2 > r->exc_cap)
        exc_grow(r);
    uint64_t h = exc_key(word, n);
    size_t i = h & (r->exc_cap - 1);
    while (r->exc[i].h && !(r->exc[i].h == h && strcmp(r->exc[i].word, word) == 0))
        i = (i + 1) & (r->exc_cap - 1);
    exc_slot *e = &r->exc[i];
    free(e->word); /* a later entry replaces an earlier one, as in ROUGE's table */
    e->word = malloc(n + m + 2);
    if (!e->word)
        abort();
    memcpy(e->word, word, n + 1);
    memcpy(e->word + n + 1, base, m + 1);
    e->base = e->word + n + 1;
    if (!e->h)
        r->exc_n++;
    e->h = h;
}

long rouge_load_exceptions(rouge *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    long n = 0;
    while (fgets(line, sizeof line, f)) {
        char *w = strtok(line, " \t\r\n");
        char *b = w ? strtok(NULL, " \t\r\n") : NULL;
        if (!b)
            continue;
        rouge_exception(r, w, b);
        n++;
    }
    fclose(f);
    return n;
}

static uint64_t token_hash(rouge *r, const char *w, size_t n, bool stem_it)
{
    if (r->stem && stem_it) {
        const char *base = exc_find(r, w, n);
        if (base)
            return XXH3_64bits(base, strlen(base));
    }
    if (r->stem && stem_it) {
        const sb_symbol *s = sb_stemmer_stem(r->stem, (const sb_symbol *)w, (int)n);
        if (s)
            return XXH3_64bits(s, (size_t)sb_stemmer_length(r->stem));
    }
    return XXH3_64bits(w, n);
}

static void push(rouge_text *t, size_t *cap, uint64_t h)
{
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        uint64_t *p = realloc(t->tok, *cap * sizeof *p);
        if (!p)
            abort();
        t->tok = p;
    }
    t->tok[t->n++] = h;
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* ROUGE-1.5.5: [a-z0-9]+ runs; ROUGE stems words longer than 3 bytes. */
static void tokens_classic(rouge *r, const char *s, size_t n, rouge_text *t, size_t *cap)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !ascii_alnum((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < n && ascii_alnum((unsigned char)s[i]))
            i++;
        if (i > b)
            push(t, cap, token_hash(r, s + b, i - b, i - b > 3));
    }
}

static bool word_cp(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

/* Unicode words (letters, marks, digits), NFKC case folded, all stemmed. */
static void tokens_unicode(rouge *r, const char *s, size_t n, rouge_text *t, size_t *cap)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { /* invalid byte: a separator */
            i++;
            continue;
        }
        if (!word_cp(cp)) {
            i += (size_t)k;
            continue;
        }
        size_t b = i;
        while (i < n) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0 || !word_cp(cp))
                break;
            i += (size_t)k;
        }
        utf8proc_uint8_t *f = NULL;
        utf8proc_ssize_t fl =
            utf8proc_map((const utf8proc_uint8_t *)s + b, (utf8proc_ssize_t)(i - b), &f,
                         UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        if (fl > 0)
            push(t, cap, token_hash(r, (const char *)f, (size_t)fl, true));
        else
            push(t, cap, token_hash(r, s + b, i - b, true));
        free(f);
    }
}

void rouge_read(rouge *r, const char *text, size_t len, unsigned word_limit, rouge_text *out)
{
    out->tok = NULL;
    out->n = 0;
    if (!text || !len)
        return;
    buf kept;
    buf_init(&kept);
    keep_text(text, len, word_limit, &kept);
    size_t cap = 0;
    if (r->classic)
        tokens_classic(r, kept.data, kept.len, out, &cap);
    else
        tokens_unicode(r, kept.data, kept.len, out, &cap);
    buf_free(&kept);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorted n-gram hashes of t (malloc'd; *count gets their number). */
static uint64_t *grams(const rouge_text *t, int n, size_t *count)
{
    *count = 0;
    if (n < 1 || t->n < (size_t)n)
        return NULL;
    size_t m = t->n - (size_t)n + 1;
    uint64_t *g = malloc(m * sizeof *g);
    if (!g)
        abort();
    for (size_t i = 0; i < m; i++)
        g[i] = n == 1 ? t->tok[i] : XXH3_64bits(t->tok + i, (size_t)n * sizeof *t->tok);
    qsort(g, m, sizeof *g, cmp_u64);
    *count = m;
    return g;
}

/* Clipped matches between two sorted multisets. */
static size_t clipped_hits(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, hit = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (a[i] > b[j]) {
            j++;
        } else {
            uint64_t v = a[i];
            size_t ca = 0, cb = 0;
            while (i < na && a[i] == v)
                i++, ca++;
            while (j < nb && b[j] == v)
                j++, cb++;
            hit += ca < cb ? ca : cb;
        }
    }
    return hit;
}

void rouge_ngram(const rouge_text *peer, const rouge_text *models, size_t n_models, int n,
                 rouge_count *acc)
{
    size_t np;
    uint64_t *pg = grams(peer, n, &np);
    for (size_t m = 0; m < n_models; m++) {
        size_t nm;
        uint64_t *mg = grams(&models[m], n, &nm);
        acc->hit += (double)clipped_hits(pg, np, mg, nm);
        acc->model += (double)nm;
        acc->peer += (double)np;
        free(mg);
    }
    free(pg);
}

double rouge_recall(const rouge_count *c)
{
    return c->model > 0 ? c->hit / c->model : 0.0;
}

double rouge_precision(const rouge_count *c)
{
    return c->peer > 0 ? c->hit / c->peer : 0.0;
}
