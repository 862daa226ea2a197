/*
 * outlines-build.c — build-time tool: turns the country outlines of the
 * world-countries npm package (data/<cca3>.geo.json, GeoJSON polygons from
 * the thematicmapping.org world borders) into the small binary file that
 * src/facts/outlines.c maps at run time (format in src/facts/facts.h), so
 * story maps can draw land and borders offline.
 *
 * Usage: outlines-build OUT.bin FILE.geo.json...
 *
 * Only outer rings are kept (holes in a country are other countries, drawn
 * on their own). Each ring is simplified with Douglas-Peucker at
 * OUTL_TOLERANCE degrees (about 1 km): finer than any story map needs,
 * and it shrinks the data about tenfold. Rings that collapse to fewer than
 * four points (islets) are dropped.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/facts/facts.h"

#define OUTL_TOLERANCE 0.01

typedef struct builder {
    outl_ring *rings;
    size_t n_rings, cap_rings;
    float *pts; /* lon, lat pairs */
    size_t n_pts, cap_pts;
    size_t in_pts;
} builder;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "outlines-build: out of memory\n");
        exit(1);
    }
    return p;
}

/* Distance of point p from segment a–b, in degrees (planar: rings are
 * small next to the earth, and the tolerance is tiny). */
static double seg_dist(const double *p, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
    return sqrt(ex * ex + ey * ey);
}

/* Douglas-Peucker on pts[lo..hi] (2 doubles each): marks the points to
 * keep. Iterative with an explicit stack, so long coastlines cannot
 * overflow the call stack. */
static void simplify(const double *pts, size_t n, unsigned char *keep)
{
    size_t *stack = xrealloc(NULL, 2 * n * sizeof *stack);
    size_t top = 0;
    keep[0] = keep[n - 1] = 1;
    stack[top++] = 0;
    stack[top++] = n - 1;
    while (top) {
        size_t hi = stack[--top], lo = stack[--top];
        double best = -1;
        size_t at = 0;
        for (size_t i = lo + 1; i < hi; i++) {
            double d = seg_dist(&pts[2 * i], &pts[2 * lo], &pts[2 * hi]);
            if (d > best) {
                best = d;
                at = i;
            }
        }
        if (best > OUTL_TOLERANCE) {
            keep[at] = 1;
            stack[top++] = lo;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = hi;
        }
    }
    free(stack);
}

static void add_ring(builder *b, json_t *ring)
{
    size_t n = json_array_size(ring);
    if (n < 4)
        return;
    double *pts = xrealloc(NULL, 2 * n * sizeof *pts);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(ring, i);
        if (json_array_size(p) < 2)
            continue;
        pts[2 * m] = json_number_value(json_array_get(p, 0));
        pts[2 * m + 1] = json_number_value(json_array_get(p, 1));
        m++;
    }
    b->in_pts += m;
    unsigned char *keep = calloc(m ? m : 1, 1);
    if (!keep) {
        fprintf(stderr, "outlines-build: out of memory\n");
        exit(1);
    }
    size_t kept = 0;
    if (m >= 4) {
        simplify(pts, m, keep);
        for (size_t i = 0; i < m; i++)
            kept += keep[i];
    }
    if (kept >= 4) {
        if (b->n_rings == b->cap_rings) {
            b->cap_rings = b->cap_rings ? 2 * b->cap_rings : 1024;
            b->rings = xrealloc(b->rings, b->cap_rings * sizeof *b->rings);
        }
        if (b->n_pts + kept > b->cap_pts) {
            b->cap_pts = 2 * (b->n_pts + kept);
            b->pts = xrealloc(b->pts, 2 * b->cap_pts * sizeof *b->pts);
        }
        outl_ring *r = &b->rings[b->n_rings++];
        r->first = (uint32_t)b->n_pts;
        r->count = (uint32_t)kept;
        r->w = r->s = INFINITY;
        r->e = r->n = -INFINITY;
        for (size_t i = 0; i < m; i++) {
            if (!keep[i])
                continue;
            float lon = (float)pts[2 * i], lat = (float)pts[2 * i + 1];
            b->pts[2 * b->n_pts] = lon;
            b->pts[2 * b->n_pts + 1] = lat;
            b->n_pts++;
            r->w = fminf(r->w, lon);
            r->e = fmaxf(r->e, lon);
            r->s = fminf(r->s, lat);
            r->n = fmaxf(r->n, lat);
        }
    }
    free(keep);
    free(pts);
}

/* A Polygon's outer ring, or every outer ring of a MultiPolygon. */
static void add_geometry(builder *b, json_t *g)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *coords = json_object_get(g, "coordinates");
    if (!type || !json_is_array(coords))
        return;
    if (!strcmp(type, "Polygon")) {
        add_ring(b, json_array_get(coords, 0));
    } else if (!strcmp(type, "MultiPolygon")) {
        for (size_t i = 0; i < json_array_size(coords); i++)
            add_ring(b, json_array_get(json_array_get(coords, i), 0));
    }
}

static int add_file(builder *b, const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        fprintf(stderr, "%s:%d: %s, file skipped\n", path, err.line, err.text);
        return -1;
    }
    json_t *feats = json_object_get(root, "features");
    if (json_is_array(feats)) {
        for (size_t i = 0; i < json_array_size(feats); i++)
            add_geometry(b, json_object_get(json_array_get(feats, i), "geometry"));
    } else {
        add_geometry(b, json_object_get(root, "geometry"));
    }
    json_decref(root);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: outlines-build OUT.bin FILE.geo.json...\n");
        return 2;
    }
    builder b = {0};
    int failed = 0;
    for (int i = 2; i < argc; i++)
        failed |= add_file(&b, argv[i]) != 0;
    outl_header h = {0};
    memcpy(h.magic, OUTL_MAGIC, 8);
    h.n_rings = (uint32_t)b.n_rings;
    h.n_points = (uint32_t)b.n_pts;
    h.off_rings = sizeof h;
    h.off_points = h.off_rings + (uint32_t)(b.n_rings * sizeof *b.rings);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        perror(tmp);
        return 1;
    }
    int bad = fwrite(&h, sizeof h, 1, f) != 1 ||
              (b.n_rings && fwrite(b.rings, sizeof *b.rings, b.n_rings, f) != b.n_rings) ||
              (b.n_pts && fwrite(b.pts, 2 * sizeof *b.pts, b.n_pts, f) != b.n_pts);
    if (fclose(f) != 0 || bad || rename(tmp, argv[1]) != 0) {
        perror(argv[1]);
        remove(tmp);
        return 1;
    }
    fprintf(stderr, "outlines: %zu rings, %zu of %zu points kept (%d files)\n", b.n_rings, b.n_pts,
            b.in_pts, argc - 2);
    free(b.rings);
    free(b.pts);
    return failed;
}
