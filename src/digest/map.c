/*
 * map.c — the story's places drawn offline as an SVG map.
 *
 * Equirectangular projection of the places' bounding box (padded, at least
 * two degrees wide), with longitudes shrunk by cos(mid latitude) so
 * distances look right at the story's latitude. No tiles: the land is the
 * country outlines cut to the map's region when the digest was built
 * (src/facts/outlines.c; none without the outlines file), a graticule with
 * its degree labels gives the scale, points sized by the number of
 * articles naming the place carry their names. A country
 * stands for its centre, which would stretch a map of towns across half a
 * continent: countries are drawn only when nothing finer is known. Labels
 * go right of their point, else left, above or below, wherever they do not
 * cover a label already placed (most mentioned places first).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "digest.h"
#include "../facts/facts.h"

#define MAP_W 640.0
#define MAP_PAD 28.0

static double nice_step(double span)
{
    static const double steps[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (span / steps[i] <= 7)
            return steps[i];
    return 90;
}

static void fmt_deg(char *out, size_t n, double v, char pos, char neg, double step)
{
    int dec = step < 1 ? (step < 0.25 ? 1 : 2) : 0;
    if (step == 0.5)
        dec = 1;
    snprintf(out, n, "%.*f°%c", dec, fabs(v), v < 0 ? neg : pos);
}

static bool drawable(const sl_digest_place *p, bool countries)
{
    return isfinite(p->lat) && isfinite(p->lon) && fabs(p->lat) <= 90 && fabs(p->lon) <= 180 &&
           (countries || !p->country);
}

typedef struct box {
    double x0, y0, x1, y1;
} box;

static bool overlaps(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Where the map looks: the padded box of its places and its projection
 * onto MAP_W × h pixels. */
typedef struct frame {
    bool countries; /* countries are drawn (no finer place is known) */
    double lat0, lat1, lon0, lon1, kx, sx, h, ox, oy;
} frame;

static bool map_frame(const sl_digest_place *p, size_t n, frame *f)
{
    size_t used = 0;
    f->countries = true; /* only when no finer place is known */
    for (size_t i = 0; i < n; i++)
        if (drawable(&p[i], false))
            f->countries = false;
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (size_t i = 0; i < n; i++) {
        if (!drawable(&p[i], f->countries))
            continue;
        used++;
        lat0 = fmin(lat0, p[i].lat);
        lat1 = fmax(lat1, p[i].lat);
        lon0 = fmin(lon0, p[i].lon);
        lon1 = fmax(lon1, p[i].lon);
    }
    if (!used)
        return false;
    double dlat = fmax(lat1 - lat0, 1.0), dlon = fmax(lon1 - lon0, 2.0);
    double clat = (lat0 + lat1) / 2, clon = (lon0 + lon1) / 2;
    f->lat0 = fmax(clat - dlat * 0.65, -89.9);
    f->lat1 = fmin(clat + dlat * 0.65, 89.9);
    f->lon0 = clon - dlon * 0.65;
    f->lon1 = clon + dlon * 0.65;
    f->kx = fmax(cos(clat * M_PI / 180.0), 0.2);
    f->sx = (MAP_W - 2 * MAP_PAD) / ((f->lon1 - f->lon0) * f->kx);
    f->h = (f->lat1 - f->lat0) * f->sx + 2 * MAP_PAD;
    if (f->h > 520) { /* tall boxes: scale to fit the height instead */
        f->sx *= (520 - 2 * MAP_PAD) / (f->h - 2 * MAP_PAD);
        f->h = 520;
    }
    if (f->h < 200)
        f->h = 200;
    f->ox = (MAP_W - (f->lon1 - f->lon0) * f->kx * f->sx) / 2;
    f->oy = (f->h - (f->lat1 - f->lat0) * f->sx) / 2;
    return true;
}

void dg_map_land(sl_ctx *ctx, sl_digest *d)
{
    frame f;
    if (!map_frame(d->places, d->n_places, &f))
        return;
    const outl *o = facts_outlines(ctx);
    if (!o)
        return;
    /* what the map shows, and as much again around it: the web page frames
     * its map a little differently */
    double w = f.lon0 - f.ox / (f.kx * f.sx), e = f.lon0 + (MAP_W - f.ox) / (f.kx * f.sx);
    double n = f.lat1 + f.oy / f.sx, s = f.lat1 - (f.h - f.oy) / f.sx;
    double pw = (e - w) / 2, ph = (n - s) / 2;
    d->land_box[0] = fmax(w - pw, -180);
    d->land_box[1] = fmax(s - ph, -90);
    d->land_box[2] = fmin(e + pw, 180);
    d->land_box[3] = fmin(n + ph, 90);
    double tol = (e - w) / MAP_W; /* a pixel of this map */
    d->n_land = outl_clip(o, d->land_box[0], d->land_box[1], d->land_box[2], d->land_box[3], tol,
                          d->arena, &d->land);
}

/* The land as one SVG path, points closer than a pixel merged. */
static void draw_land(buf *out, const sl_digest *d, const frame *f)
{
    if (!d->n_land)
        return;
    buf_adds(out, "<path fill=\"#f6f3ea\" stroke=\"#aeb9c1\" stroke-width=\"0.7\" "
                  "stroke-linejoin=\"round\" d=\"");
    for (size_t r = 0; r < d->n_land; r++) {
        const sl_geo_ring *g = &d->land[r];
        double lx = 0, ly = 0;
        size_t drawn = 0;
        for (size_t i = 0; i < g->n; i++) {
            double x = f->ox + (g->lonlat[2 * i] - f->lon0) * f->kx * f->sx;
            double y = f->oy + (f->lat1 - g->lonlat[2 * i + 1]) * f->sx;
            if (drawn && fabs(x - lx) < 1 && fabs(y - ly) < 1)
                continue;
            buf_addc(out, drawn ? 'L' : 'M');
            dg_add_fixed(out, x, 1);
            buf_addc(out, ' ');
            dg_add_fixed(out, y, 1);
            lx = x;
            ly = y;
            drawn++;
        }
        if (drawn)
            buf_adds(out, "Z");
    }
    buf_adds(out, "\"/>\n");
}

void dg_map_svg(buf *out, const sl_digest *d)
{
    const sl_digest_place *p = d->places;
    size_t n = d->n_places;
    frame f;
    if (!map_frame(p, n, &f))
        return;
    bool countries = f.countries;
    double lat0 = f.lat0, lat1 = f.lat1, lon0 = f.lon0, lon1 = f.lon1;
    double kx = f.kx, sx = f.sx, h = f.h, ox = f.ox, oy = f.oy;
#define PX(lon) (ox + ((lon)-lon0) * kx * sx)
#define PY(lat) (oy + (lat1 - (lat)) * sx)
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
               "aria-label=\"map of the places in the story\">\n",
               MAP_W, h);
    buf_printf(out, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#e3edf3\"/>\n", MAP_W, h);
    draw_land(out, d, &f);
    /* graticule */
    double step = nice_step(fmax(lat1 - lat0, (lon1 - lon0) * kx));
    buf_adds(out, "<g stroke=\"#c5d3dd\" stroke-width=\"1\" fill=\"#7890a0\" "
                  "font-family=\"sans-serif\" font-size=\"10\">\n");
    char lab[32];
    for (double v = ceil(lon0 / step) * step; v <= lon1; v += step) {
        buf_printf(out, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\"/>", PX(v), PX(v), h);
        fmt_deg(lab, sizeof lab, v, 'E', 'W', step);
        buf_printf(out, "<text x=\"%.1f\" y=\"%.0f\" stroke=\"none\">%s</text>\n", PX(v) + 2, h - 4,
                   lab);
    }
    for (double v = ceil(lat0 / step) * step; v <= lat1; v += step) {
        buf_printf(out, "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>", PY(v), MAP_W,
                   PY(v));
        fmt_deg(lab, sizeof lab, v, 'N', 'S', step);
        buf_printf(out, "<text x=\"3\" y=\"%.1f\" stroke=\"none\">%s</text>\n", PY(v) - 3, lab);
    }
    buf_adds(out, "</g>\n<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#223\">\n");
    box placed[64];
    size_t n_placed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!drawable(&p[i], countries))
            continue;
        double x = PX(p[i].lon), y = PY(p[i].lat);
        double r = 3.5 + 1.5 * sqrt((double)(p[i].mentions ? p[i].mentions : 1));
        buf_printf(out,
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#c0392b\" "
                   "fill-opacity=\"0.8\" stroke=\"#fff\"><title>",
                   x, y, r);
        dg_html_escape(out, p[i].name);
        buf_printf(out, " (%.3f, %.3f)</title></circle>", p[i].lat, p[i].lon);
        /* label: right, left, above, below; the first spot that is free */
        double w = 7.0 * (double)strlen(p[i].name) * 0.95, hh = 13;
        struct {
            double x, y;
            bool end;
        } spot[4] = {{x + r + 3, y + 4, false},
                     {x - r - 3, y + 4, true},
                     {x - w / 2, y - r - 4, false},
                     {x - w / 2, y + r + 13, false}};
        int pick = x > MAP_W * 0.75 ? 1 : 0;
        for (int k = 0; k < 4; k++) {
            int c = (pick + k) % 4;
            double bx = spot[c].end ? spot[c].x - w : spot[c].x;
            box bb = {bx, spot[c].y - hh + 3, bx + w, spot[c].y + 3};
            bool free = bb.x0 >= 0 && bb.x1 <= MAP_W;
            for (size_t j = 0; j < n_placed && free; j++)
                free = !overlaps(&bb, &placed[j]);
            if (free || k == 3) {
                pick = c;
                if (n_placed < 64)
                    placed[n_placed++] = bb;
                break;
            }
        }
        buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\"%s>", spot[pick].x, spot[pick].y,
                   spot[pick].end ? " text-anchor=\"end\"" : "");
        dg_html_escape(out, p[i].name);
        buf_adds(out, "</text>\n");
    }
    buf_adds(out, "</g>\n</svg>\n");
#undef PX
#undef PY
}
