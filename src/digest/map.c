/*
 * map.c — the story's places drawn offline as an SVG map.
 *
 * Equirectangular projection of the places' bounding box (padded, at least
 * two degrees wide), with longitudes shrunk by cos(mid latitude) so
 * distances look right at the story's latitude. No tiles, no coastline
 * data: a graticule with its degree labels gives the frame, points sized by
 * the number of articles naming the place carry their names. A country
 * stands for its centre, which would stretch a map of towns across half a
 * continent: countries are drawn only when nothing finer is known. Labels
 * go right of their point, else left, above or below, wherever they do not
 * cover a label already placed (most mentioned places first).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "digest.h"

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

void dg_map_svg(buf *out, const sl_digest_place *p, size_t n)
{
    size_t used = 0;
    bool countries = true; /* only when no finer place is known */
    for (size_t i = 0; i < n; i++)
        if (drawable(&p[i], false))
            countries = false;
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (size_t i = 0; i < n; i++) {
        if (!drawable(&p[i], countries))
            continue;
        used++;
        lat0 = fmin(lat0, p[i].lat);
        lat1 = fmax(lat1, p[i].lat);
        lon0 = fmin(lon0, p[i].lon);
        lon1 = fmax(lon1, p[i].lon);
    }
    if (!used)
        return;
    double dlat = fmax(lat1 - lat0, 1.0), dlon = fmax(lon1 - lon0, 2.0);
    double clat = (lat0 + lat1) / 2, clon = (lon0 + lon1) / 2;
    lat0 = fmax(clat - dlat * 0.65, -89.9);
    lat1 = fmin(clat + dlat * 0.65, 89.9);
    lon0 = clon - dlon * 0.65;
    lon1 = clon + dlon * 0.65;
    double kx = cos(clat * M_PI / 180.0);
    if (kx < 0.2)
        kx = 0.2;
    double sx = (MAP_W - 2 * MAP_PAD) / ((lon1 - lon0) * kx);
    double h = (lat1 - lat0) * sx + 2 * MAP_PAD;
    if (h > 520) { /* tall boxes: scale to fit the height instead */
        sx *= (520 - 2 * MAP_PAD) / (h - 2 * MAP_PAD);
        h = 520;
    }
    if (h < 200)
        h = 200;
    double ox = (MAP_W - (lon1 - lon0) * kx * sx) / 2, oy = (h - (lat1 - lat0) * sx) / 2;
#define PX(lon) (ox + ((lon)-lon0) * kx * sx)
#define PY(lat) (oy + (lat1 - (lat)) * sx)
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
               "aria-label=\"map of the places in the story\">\n",
               MAP_W, h);
    buf_printf(out, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#eef4f8\"/>\n", MAP_W, h);
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
