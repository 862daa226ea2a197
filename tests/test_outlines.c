/*
 * test_outlines.c — the country outlines file (src/facts/outlines.c): a
 * hand-made file of two rings, opened, rejected when damaged, and clipped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/digest/digest.h"
#include "../src/facts/facts.h"
#include "harness.h"

/* A 10° square island at [0, 10] × [0, 10] (first point repeated last, as
 * GeoJSON writes it) and a triangle far away at [100, 101] × [50, 51]. */
static const float square[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0};
static const float triangle[] = {100, 50, 101, 50, 100.5f, 51, 100, 50};

static char *write_file(const char *magic, uint32_t extra_count)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/sl-outl-%d.bin", (int)getpid());
    outl_header h = {0};
    memcpy(h.magic, magic, 8);
    h.n_rings = 2;
    h.n_points = 9;
    h.off_rings = sizeof h;
    h.off_points = h.off_rings + 2 * sizeof(outl_ring);
    outl_ring r[2] = {{0, 0, 10, 10, 0, 5 + extra_count}, {100, 50, 101, 51, 5, 4}};
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(&h, sizeof h, 1, f);
    fwrite(r, sizeof r, 1, f);
    fwrite(square, sizeof square, 1, f);
    fwrite(triangle, sizeof triangle, 1, f);
    fclose(f);
    return path;
}

static double ring_area(const sl_geo_ring *g)
{
    double a = 0;
    for (size_t i = 0; i < g->n; i++) {
        size_t j = (i + 1) % g->n;
        a += (double)g->lonlat[2 * i] * g->lonlat[2 * j + 1] -
             (double)g->lonlat[2 * j] * g->lonlat[2 * i + 1];
    }
    return fabs(a) / 2;
}

TEST(outlines_clip_keeps_whole_rings_and_cuts_the_others)
{
    const char *path = write_file(OUTL_MAGIC, 0);
    CHECK(path != NULL);
    const char *why = NULL;
    outl *o = outl_open(path, &why);
    CHECK(o != NULL);
    sl_arena *a = arena_new();
    sl_geo_ring *rings;
    /* the whole square inside the box: kept as it is, last point dropped */
    size_t n = outl_clip(o, -5, -5, 15, 15, 0.001, a, &rings);
    CHECK(n == 1);
    CHECK(rings[0].n == 4);
    CHECK(fabs(ring_area(&rings[0]) - 100) < 1e-6);
    /* a box over the square's corner: the quarter [5,10] × [5,10] */
    n = outl_clip(o, 5, 5, 20, 20, 0.001, a, &rings);
    CHECK(n == 1);
    CHECK(fabs(ring_area(&rings[0]) - 25) < 1e-6);
    for (size_t i = 0; i < rings[0].n; i++) {
        CHECK(rings[0].lonlat[2 * i] >= 5 && rings[0].lonlat[2 * i] <= 10);
        CHECK(rings[0].lonlat[2 * i + 1] >= 5 && rings[0].lonlat[2 * i + 1] <= 10);
    }
    /* a box holding both: two rings; a box over the sea: none */
    CHECK(outl_clip(o, -1, -1, 102, 52, 0.001, a, &rings) == 2);
    CHECK(outl_clip(o, 20, 20, 30, 30, 0.001, a, &rings) == 0);
    /* a box inside the square: the box itself is land */
    n = outl_clip(o, 2, 2, 4, 3, 0.001, a, &rings);
    CHECK(n == 1);
    CHECK(fabs(ring_area(&rings[0]) - 2) < 1e-6);
    /* a coarse tolerance merges the triangle's points into nothing drawable */
    CHECK(outl_clip(o, 99, 49, 102, 52, 5, a, &rings) == 0);
    /* an empty or inverted box */
    CHECK(outl_clip(o, 10, 0, 0, 10, 0.001, a, &rings) == 0);
    arena_free(a);
    outl_close(o);
    unlink(path);
}

TEST(outlines_open_rejects_damaged_files)
{
    const char *why = NULL;
    const char *path = write_file("NOTOUTL\n", 0);
    CHECK(outl_open(path, &why) == NULL);
    CHECK(why != NULL);
    /* a ring claiming points past the end */
    path = write_file(OUTL_MAGIC, 100);
    why = NULL;
    CHECK(outl_open(path, &why) == NULL);
    CHECK(why != NULL);
    unlink(path);
    why = NULL;
    CHECK(outl_open("/nonexistent/outlines.bin", &why) == NULL);
    CHECK(why != NULL);
}

/* The digest's map takes the land around its places from the context's
 * outlines file and draws it under the points. */
TEST(outlines_digest_map_draws_the_land_around_its_places)
{
    const char *path = write_file(OUTL_MAGIC, 0);
    CHECK(path != NULL);
    setenv("STORYLINE_OUTLINES", path, 1);
    sl_ctx *ctx = sl_ctx_new(NULL, NULL);
    sl_digest_place p[] = {{"Port Alpha", 5.0, 5.0, 2, false}, {"Cape Beta", 6.0, 8.0, 1, false}};
    sl_digest d = {.places = p, .n_places = 2, .arena = arena_new()};
    dg_map_land(ctx, &d);
    CHECK(d.n_land == 1);
    CHECK(d.land_box[0] < 5 && d.land_box[2] > 8 && d.land_box[1] < 5 && d.land_box[3] > 6);
    buf out;
    buf_init(&out);
    dg_map_svg(&out, &d);
    const char *path_el = out.data ? strstr(out.data, "<path") : NULL;
    const char *circle = out.data ? strstr(out.data, "<circle") : NULL;
    CHECK(path_el && circle && path_el < circle); /* land first, points on top */
    buf_free(&out);
    /* places at sea, far from the island: a map with no land */
    sl_digest_place sea[] = {{"Mid-ocean buoy", -40.0, -150.0, 1, false}};
    sl_digest d2 = {.places = sea, .n_places = 1, .arena = d.arena};
    dg_map_land(ctx, &d2);
    CHECK(d2.n_land == 0);
    arena_free(d.arena);
    sl_ctx_free(ctx);
    unsetenv("STORYLINE_OUTLINES");
    unlink(path);
}

static const char *fixed(buf *b, double v, int dec)
{
    buf_clear(b);
    dg_add_fixed(b, v, dec);
    buf_addc(b, 0);
    return b->data;
}

/* The map's number writer: as %.Nf rounds, trailing zeros dropped. */
TEST(outlines_fixed_point_numbers)
{
    buf b;
    buf_init(&b);
    CHECK_STR(fixed(&b, 0, 3), "0");
    CHECK_STR(fixed(&b, -0.0004, 3), "0");
    CHECK_STR(fixed(&b, 1.5, 3), "1.5");
    CHECK_STR(fixed(&b, -12.25, 3), "-12.25");
    CHECK_STR(fixed(&b, 47.2181, 3), "47.218");
    CHECK_STR(fixed(&b, 100, 3), "100");
    CHECK_STR(fixed(&b, -179.9996, 3), "-180");
    CHECK_STR(fixed(&b, 734.44, 1), "734.4");
    CHECK_STR(fixed(&b, -0.06, 1), "-0.1");
    CHECK_STR(fixed(&b, 5, 0), "5");
    unsigned seed = 12345;
    for (int i = 0; i < 10000; i++) {
        seed = seed * 1103515245u + 12345u;
        double v = ((double)(seed >> 8) / (1 << 24) - 0.5) * 400;
        const char *s = fixed(&b, v, 3);
        char *end;
        double back = strtod(s, &end);
        CHECK(*end == 0);
        CHECK(fabs(back - v) <= 0.0005 + 1e-9);
        const char *dot = strchr(s, '.');
        CHECK(!dot || (strlen(dot + 1) <= 3 && s[strlen(s) - 1] != '0'));
    }
    buf_free(&b);
}
