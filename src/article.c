/*
 * article.c — builds an sl_article from a raw record: the "extract" and
 * "analyse" stages of the flow, in order, each adding its fields:
 *
 *   bytes → valid UTF-8 → cleaning (residue out, metadata in) → identity
 *   (id, outlet, url, title) → language → publication time → tokens →
 *   sentences → date mentions → content hash.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "ctx.h"
#include "extract/clean.h"
#include "extract/title.h"
#include "facts/dates.h"
#include "text/text.h"
#include "util/arena.h"

/* Collapses whitespace runs and trims; NULL or blank → NULL. */
static const char *tidy(sl_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)c;
    }
    out[k] = 0;
    return k ? out : NULL;
}

/* Metadata strings may be invalid UTF-8 too: sanitise and tidy. */
static const char *meta(sl_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n;
    unsigned bad;
    char *clean = utf8_clean(a, s, strlen(s), &n, &bad);
    return tidy(a, clean);
}

/* "https://www.example.org/x" → "example.org"; NULL when no host. */
static const char *url_host(sl_arena *a, const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? arena_strndup(a, p, n) : NULL;
}

/* The directory name in path before its last '/': its start in *dir, its
 * length returned (0 when path has no directory part). */
static size_t parent_name(const char *path, const char **dir)
{
    const char *end = path ? strrchr(path, '/') : NULL;
    if (!end)
        return 0;
    const char *d = end;
    while (d > path && d[-1] != '/')
        d--;
    *dir = d;
    return (size_t)(end - d);
}

/* Files beside a plain-text file read for the outlet their slug names. */
#define SIBLINGS_READ 8

/* The "source:" and "url:" header lines at the top of plain-text file path
 * (its first 1 KB), into src and url (empty when absent). */
static void txt_header(const char *path, char *src, char *url, size_t cap)
{
    src[0] = url[0] = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        size_t k = 0;
        while (line[k] >= 'a' && line[k] <= 'z')
            k++;
        if (!k || line[k] != ':')
            break; /* the header ends at the first other line */
        char *v = line + k + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t vn = strcspn(v, "\r");
        char *out = k == 6 && !strncmp(line, "source", 6) ? src
                    : k == 3 && !strncmp(line, "url", 3)  ? url
                                                          : NULL;
        if (out && vn < cap) {
            memcpy(out, v, vn);
            out[vn] = 0;
        }
    }
}

/* The outlet a directory slug stands for: the "source:" of a plain-text
 * file beside path (among the first SIBLINGS_READ read) whose name or url
 * host the slug names (title_names_site: "echo-rhodanien" for "L'Écho
 * rhodanien" at www.echo-rhodanien.fr), so a paper's files without a header
 * take the name its other files give it. NULL when none does. */
static const char *sibling_outlet(sl_arena *a, const char *path, const char *slug, size_t sn)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    char *dir = arena_strndup(a, path, (size_t)(slash - path) + 1);
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    const char *found = NULL;
    int read = 0;
    struct dirent *e;
    while (!found && read < SIBLINGS_READ && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") || !strcmp(e->d_name, slash + 1))
            continue;
        char file[4096], src[256], url[1024];
        if ((size_t)snprintf(file, sizeof file, "%s%s", dir, e->d_name) >= sizeof file)
            continue;
        read++;
        txt_header(file, src, url, sizeof src);
        if (src[0] && title_names_site(slug, sn, src, url[0] ? url : NULL))
            found = arena_strdup(a, src);
    }
    closedir(d);
    return found;
}

/* The outlet of a plain-text file that names none: the name of the
 * directory holding it, the outlet slug of a scrape laid out as
 * <outlet>/<article>.txt (corpus/README.md) — or the outlet that slug
 * stands for when a file beside it names it (sibling_outlet). "." and ".."
 * are resolved; NULL for stdin, other formats, or a path with no usable
 * directory. */
static const char *dir_outlet(sl_arena *a, const sl_raw *raw)
{
    if (!raw->format || strcmp(raw->format, "txt") || !raw->origin || !strcmp(raw->origin, "-"))
        return NULL;
    const char *dir = NULL;
    size_t n = parent_name(raw->origin, &dir);
    char *real = NULL;
    if (!n || (n == 1 && dir[0] == '.') || (n == 2 && !strncmp(dir, "..", 2))) {
        real = realpath(raw->origin, NULL); /* "./x.txt", "x.txt", "../x.txt" */
        n = parent_name(real, &dir);
    }
    const char *out = n ? sibling_outlet(a, real ? real : raw->origin, dir, n) : NULL;
    if (n && !out)
        out = arena_strndup(a, dir, n);
    free(real);
    return out;
}

/* "FR", "fr-FR", "fr_CA" → "fr"; anything else → NULL. */
static const char *lang_code(sl_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = 0;
    while (isalpha((unsigned char)s[n]) && n < 4)
        n++;
    if (n < 2 || n > 3 || (s[n] && s[n] != '-' && s[n] != '_'))
        return NULL;
    char *out = arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    return strcmp(out, "und") == 0 ? NULL : out;
}

/* Agencies credited in the text (bylines, datelines) plus those the
 * record's metadata names ("AFP, Reuters"), each once. */
static void merge_agencies(sl_article *art, const clean_result *cr, const char *hint)
{
    size_t cap = cr->n_agencies + 8;
    const char **list = arena_calloc(art->arena, cap, sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < cr->n_agencies; i++)
        list[n++] = cr->agencies[i];
    for (const char *p = hint; p && *p && n < cap;) {
        p += strspn(p, ", ");
        size_t len = strcspn(p, ",");
        while (len && p[len - 1] == ' ')
            len--;
        if (len) {
            const char *name = arena_strndup(art->arena, p, len);
            int seen = 0;
            for (size_t i = 0; i < n && !seen; i++)
                seen = strcasecmp(list[i], name) == 0;
            if (!seen)
                list[n++] = name;
        }
        p += strcspn(p, ",");
    }
    art->agencies = list;
    art->n_agencies = n;
}

/* Feeds chunk[0..k) to the streaming state (created on first use); 0. */
static size_t hash_flush(XXH3_state_t **st, const char *chunk, size_t k)
{
    if (!*st) {
        *st = XXH3_createState();
        if (!*st)
            abort();
        XXH3_64bits_reset(*st);
    }
    XXH3_64bits_update(*st, chunk, k);
    return 0;
}

/* Hash of the normalised text: the folded word and number tokens joined by
 * spaces, so whitespace, case and residue do not change it. The joined
 * bytes are gathered in a stack buffer and hashed a buffer at a time
 * (XXH3 streaming gives the same value as hashing them in one piece). */
static uint64_t content_hash(const sl_article *art)
{
    if (art->n_toks == 0) /* no tokens: hash the raw clean text */
        return XXH3_64bits(art->text, art->text_len);
    char chunk[8192];
    size_t k = 0;
    XXH3_state_t *st = NULL;
    for (size_t i = 0; i < art->n_toks; i++) {
        const sl_token *t = &art->toks[i];
        if (t->kind == SL_TOK_PUNCT)
            continue;
        if (sizeof chunk - k < 266) /* a norm of 256 bytes, a space, an 8-byte overrun */
            k = hash_flush(&st, chunk, k);
        /* 8 bytes at a time up to the NUL: the norms of word and number
         * tokens sit in the tokenizer's chunks, which keep 8 readable
         * bytes past their end (token.c, TK_NORM_SLACK) */
        const char *p = t->norm;
        size_t j = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        while (j < 256) {
            uint64_t v;
            memcpy(&v, p + j, 8);
            memcpy(chunk + k + j, &v, 8);
            uint64_t zero = (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
            if (zero) {
                j += (size_t)__builtin_ctzll(zero) / 8;
                break;
            }
            j += 8;
        }
#else
        while (j < 256 && p[j])
            chunk[k + j] = p[j], j++;
#endif
        k += j;
        if (p[j]) { /* a longer norm: the rest goes straight to the state */
            k = hash_flush(&st, chunk, k);
            XXH3_64bits_update(st, p + j, strlen(p + j));
        }
        chunk[k++] = ' ';
    }
    if (!st)
        return XXH3_64bits(chunk, k);
    hash_flush(&st, chunk, k);
    uint64_t h = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return h;
}

static const char *derive_id(sl_arena *a, const sl_raw *raw, const char *url, const char *text,
                             size_t len)
{
    if (raw->id && *raw->id)
        return meta(a, raw->id);
    if (raw->path_id && *raw->path_id)
        return arena_strdup(a, raw->path_id);
    if (url && *url)
        return arena_printf(a, "u%016llx", (unsigned long long)XXH3_64bits(url, strlen(url)));
    return arena_printf(a, "c%016llx", (unsigned long long)XXH3_64bits(text, len));
}

/* Publication time: the record's metadata, then a metadata line, then a
 * visible stamp, then a dateline date in the first paragraph. Captions are
 * gone by now, so their dates cannot win. */
static void find_published(sl_article *art, const sl_raw *raw, const clean_result *cr)
{
    int64_t t;
    uint8_t prec;
    art->published = SL_TIME_NONE;
    art->date_source = SL_DATE_NONE;
    const char *metas[] = {raw->date, cr->date};
    for (size_t i = 0; i < 2; i++) {
        if (metas[i] && dates_parse_stamp(metas[i], strlen(metas[i]), &t, &prec)) {
            art->published = t;
            art->published_prec = prec;
            art->date_source = SL_DATE_META;
            return;
        }
    }
    if (cr->stamp && dates_parse_stamp(cr->stamp, strlen(cr->stamp), &t, &prec)) {
        art->published = t;
        art->published_prec = prec;
        art->date_source = SL_DATE_TEXT;
    }
}

/* Without a stamp, a full date in the opening paragraph is the dateline. */
static void published_from_dateline(sl_article *art)
{
    if (art->published != SL_TIME_NONE || art->n_paras == 0)
        return;
    for (size_t i = 0; i < art->n_dates; i++) {
        const sl_date *d = &art->dates[i];
        if (d->start >= art->paras[0].end)
            break;
        if (d->kind == SL_DK_ABSOLUTE && d->precision >= SL_PREC_DAY && d->time != SL_TIME_NONE) {
            art->published = d->time;
            art->published_prec = d->precision;
            art->date_source = SL_DATE_TEXT;
            return;
        }
    }
}

sl_article *sl_article_build(sl_ctx *ctx, const sl_raw *raw)
{
    const char *origin = raw->origin ? raw->origin : "-";
    sl_arena *a = arena_new();
    sl_article *art = arena_calloc(a, 1, sizeof *art);
    art->arena = a;
    art->origin = arena_strdup(a, origin);
    art->origin_line = raw->line;
    art->format = arena_strdup(a, raw->format ? raw->format : "");

    size_t in_len = raw->text ? raw->text_len : 0;
    art->truncated = raw->truncated;
    if (in_len > SL_MAX_ARTICLE_BYTES) {
        sl_diag(ctx, SL_WARNING, origin, raw->line,
                "article text larger than %u MB, cut at that size", SL_MAX_ARTICLE_BYTES >> 20);
        in_len = SL_MAX_ARTICLE_BYTES;
        art->truncated = true;
    }
    size_t len;
    unsigned bad = 0;
    char *text = utf8_clean(a, raw->text ? raw->text : "", in_len, &len, &bad);
    art->bad_bytes = bad;
    if (bad)
        sl_diag(ctx, SL_WARNING, origin, raw->line,
                "%u invalid UTF-8 byte%s replaced by U+FFFD", bad, bad == 1 ? "" : "s");

    const char *given_title = meta(a, raw->title);
    clean_result cr;
    clean_text(ctx, a, text, len, given_title, &cr);
    art->text = cr.text;
    art->text_len = cr.len;
    art->paras = cr.paras;
    art->n_paras = cr.n_paras;
    art->removed = cr.removed;
    art->n_removed = cr.n_removed;
    merge_agencies(art, &cr, raw->agencies);
    const char *author = cr.author ? cr.author : meta(a, raw->author);
    art->author = author ? author : "";

    const char *url = meta(a, raw->url);
    if (!url)
        url = meta(a, cr.url);
    art->url = url ? url : "";
    const char *outlet = meta(a, raw->source);
    if (!outlet)
        outlet = meta(a, cr.source);
    if (!outlet && url)
        outlet = url_host(a, url);
    if (!outlet)
        outlet = meta(a, dir_outlet(a, raw));
    art->outlet = outlet ? outlet : "";
    const char *title = given_title ? given_title : tidy(a, cr.title);
    title = title_tidy(a, title, outlet, url); /* " - Outlet", "LIVE:" off */
    art->title = title ? title : "";
    art->id = derive_id(a, raw, url, text, len);

    if (art->text_len == 0 && !*art->title) {
        sl_diag(ctx, SL_ERROR, origin, raw->line, "no article text left after cleaning, skipped");
        arena_free(a);
        return NULL;
    }

    const char *lang = lang_code(a, raw->lang);
    if (!lang)
        lang = lang_code(a, cr.lang);
    if (!lang)
        lang = lang_detect(ctx, art->text, art->text_len);
    art->lang = lang;

    find_published(art, raw, &cr);

    art->n_toks = tokenize(ctx, a, art->lang, art->text, art->text_len, &art->toks);
    art->n_sents = sentence_split(a, art->lang, art->text, art->text_len, art->paras,
                                  art->n_paras, art->toks, art->n_toks, &art->sents);
    art->n_dates = dates_find(a, art->lang, art->text, art->text_len, art->toks, art->n_toks,
                              art->published, art->published_prec, &art->dates);
    published_from_dateline(art);
    art->hash = content_hash(art);
    return art;
}

void sl_article_free(sl_article *art)
{
    if (art)
        arena_free(art->arena);
}
