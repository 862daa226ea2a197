/*
 * outlines.c — country outlines, so that a story's map shows land, sea and
 * borders rather than dots on an empty grid.
 *
 * The data is the world-countries npm package's GeoJSON outlines (the same
 * package that gives the gazetteer its country names), simplified at build
 * time by scripts/outlines-build.c into one small binary file mapped
 * read-only here. Looked for like the gazetteer: $STORYLINE_OUTLINES, the
 * build directory the library was compiled for (SL_OUTLINES_DEFAULT),
 * /usr/local/share/storyline/outlines.bin, /usr/share/storyline/
 * outlines.bin. Without one, maps are drawn without land.
 *
 * A map asks for the land inside its region: every ring whose bounding box
 * meets the region is clipped to it (Sutherland–Hodgman against the four
 * edges: a clipped ring stays a closed ring that fills correctly), and
 * points closer than the map's resolution are merged, so a map of a town
 * and a map of a continent both carry a few thousand points at most.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "facts.h"

#ifndef SL_OUTLINES_DEFAULT
#define SL_OUTLINES_DEFAULT "build/outlines.bin"
#endif

struct outl {
    void *map;
    size_t size;
    const outl_header *h;
    const outl_ring *rings;
    const float *pts;
};

/* ------------------------------------------------------------------ the file */

outl *outl_open(const char *path, const char **why)
{
    size_t size;
    void *map = facts_map_file(path, sizeof(outl_header), &size, why);
    if (!map)
        return NULL;
    const outl_header *h = map;
    uint64_t need_rings = (uint64_t)h->off_rings + (uint64_t)h->n_rings * sizeof(outl_ring);
    uint64_t need_pts = (uint64_t)h->off_points + (uint64_t)h->n_points * 2 * sizeof(float);
    bool ok = memcmp(h->magic, OUTL_MAGIC, 8) == 0 && need_rings <= size && need_pts <= size &&
              !(h->off_rings & 3) && !(h->off_points & 3);
    const outl_ring *rings = (const outl_ring *)((const char *)map + h->off_rings);
    for (uint32_t i = 0; ok && i < h->n_rings; i++)
        ok = (uint64_t)rings[i].first + rings[i].count <= h->n_points;
    outl *o = ok ? calloc(1, sizeof *o) : NULL;
    if (!o) {
        munmap(map, size);
        *why = ok ? "out of memory" : "not a storyline outlines file (rebuild it with make)";
        return NULL;
    }
    o->map = map;
    o->size = size;
    o->h = h;
    o->rings = rings;
    o->pts = (const float *)((const char *)map + h->off_points);
    return o;
}

void outl_close(outl *o)
{
    if (!o)
        return;
    munmap(o->map, o->size);
    free(o);
}

outl *facts_outlines(sl_ctx *ctx)
{
    facts_res *r = facts_res_of(ctx);
    if (r->ol_tried)
        return r->ol;
    r->ol_tried = true;
    const char *env = getenv("STORYLINE_OUTLINES");
    const char *paths[] = {env && *env ? env : NULL, SL_OUTLINES_DEFAULT,
                           "/usr/local/share/storyline/outlines.bin",
                           "/usr/share/storyline/outlines.bin"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        if (!paths[i])
            continue;
        const char *why;
        r->ol = outl_open(paths[i], &why);
        if (r->ol)
            return r->ol;
        if (i == 0) /* asked for by name: say why it is not used */
            sl_diag(ctx, SL_WARNING, paths[i], 0, "outlines %s, maps drawn without land", why);
    }
    return NULL;
}

/* ------------------------------------------------------------------ clipping */

/* A growable list of points (lon, lat pairs) in plain memory. */
typedef struct ptlist {
    double *p;
    size_t n, cap;
} ptlist;

static bool pt_push(ptlist *l, double x, double y)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        double *p = realloc(l->p, 2 * cap * sizeof *p);
        if (!p)
            return false;
        l->p = p;
        l->cap = cap;
    }
    l->p[2 * l->n] = x;
    l->p[2 * l->n + 1] = y;
    l->n++;
    return true;
}

/* Which side of an edge: 0 x ≥ v, 1 x ≤ v, 2 y ≥ v, 3 y ≤ v. */
static bool inside(const double *p, int edge, double v)
{
    switch (edge) {
    case 0: return p[0] >= v;
    case 1: return p[0] <= v;
    case 2: return p[1] >= v;
    default: return p[1] <= v;
    }
}

static void crossing(const double *a, const double *b, int edge, double v, double *out)
{
    if (edge < 2) {
        double t = (v - a[0]) / (b[0] - a[0]);
        out[0] = v;
        out[1] = a[1] + t * (b[1] - a[1]);
    } else {
        double t = (v - a[1]) / (b[1] - a[1]);
        out[0] = a[0] + t * (b[0] - a[0]);
        out[1] = v;
    }
}

/* One Sutherland–Hodgman pass: in (closed ring, last point not repeated)
 * clipped by one edge into out. */
static bool clip_edge(const ptlist *in, ptlist *out, int edge, double v)
{
    out->n = 0;
    for (size_t i = 0; i < in->n; i++) {
        const double *cur = &in->p[2 * i];
        const double *prev = &in->p[2 * (i ? i - 1 : in->n - 1)];
        bool ci = inside(cur, edge, v), pi = inside(prev, edge, v);
        double x[2];
        if (ci != pi) {
            crossing(prev, cur, edge, v, x);
            if (!pt_push(out, x[0], x[1]))
                return false;
        }
        if (ci && !pt_push(out, cur[0], cur[1]))
            return false;
    }
    return true;
}

size_t outl_clip(const outl *o, double w, double s, double e, double n, double tol,
                 sl_arena *a, sl_geo_ring **out)
{
    *out = NULL;
    if (!o || !(w < e) || !(s < n))
        return 0;
    size_t n_out = 0, cap = 0;
    sl_geo_ring *rings = NULL;
    ptlist l[2] = {{0}};
    for (uint32_t r = 0; r < o->h->n_rings; r++) {
        const outl_ring *rg = &o->rings[r];
        if (rg->e < w || rg->w > e || rg->n < s || rg->s > n || rg->count < 3)
            continue;
        l[0].n = 0;
        const float *p = &o->pts[2 * (size_t)rg->first];
        size_t m = rg->count;
        if (p[0] == p[2 * (m - 1)] && p[1] == p[2 * (m - 1) + 1])
            m--; /* GeoJSON repeats the first point last */
        bool ok = true;
        for (size_t i = 0; i < m && ok; i++)
            ok = pt_push(&l[0], p[2 * i], p[2 * i + 1]);
        bool whole = rg->w >= w && rg->e <= e && rg->s >= s && rg->n <= n;
        const double lim[4] = {w, e, s, n};
        int cur = 0;
        for (int edge = 0; edge < 4 && ok && !whole && l[cur].n; edge++) {
            ok = clip_edge(&l[cur], &l[1 - cur], edge, lim[edge]);
            cur = 1 - cur;
        }
        if (!ok)
            break;
        /* merge points closer than tol to the last one kept */
        float *pts = arena_alloc(a, 2 * (l[cur].n ? l[cur].n : 1) * sizeof *pts);
        size_t k = 0;
        for (size_t i = 0; i < l[cur].n; i++) {
            double x = l[cur].p[2 * i], y = l[cur].p[2 * i + 1];
            if (k && fabs(x - pts[2 * k - 2]) < tol && fabs(y - pts[2 * k - 1]) < tol)
                continue;
            pts[2 * k] = (float)x;
            pts[2 * k + 1] = (float)y;
            k++;
        }
        if (k < 3)
            continue;
        if (n_out == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            sl_geo_ring *nr = arena_alloc(a, ncap * sizeof *nr);
            if (n_out)
                memcpy(nr, rings, n_out * sizeof *nr);
            rings = nr;
            cap = ncap;
        }
        rings[n_out].lonlat = pts;
        rings[n_out].n = k;
        n_out++;
    }
    free(l[0].p);
    free(l[1].p);
    *out = rings;
    return n_out;
}
