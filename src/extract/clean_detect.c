/*
 * clean_detect.c — the cleaner's detectors: the residue kinds a phrase
 * table cannot decide alone because they depend on punctuation or on what
 * follows a marker (bylines and their agencies, stamps and their date
 * words, captions ending in a photo credit, crumbs, embedded posts, and the
 * residue of news agency wires: typesetting codes, operator initials,
 * write-through pointers).
 *
 * Each detector reads one line's key (see clean_int.h) and answers yes or
 * no, filling a cinfo with what it learnt (agencies, author, stamp). They
 * are strict on purpose: a long line needs strong evidence, and none of
 * them may remove a sentence of prose that only mentions the same words.
 */
#include <string.h>

#include "clean_int.h"

/* ---------------------------------------------------------------- helpers */

static bool starts_with(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(s, lit, l) == 0;
}

static bool mem_has(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return l <= n && memmem(s, n, lit, l) != NULL;
}

static void add_agency(cinfo *ci, const char *name)
{
    for (size_t i = 0; i < ci->n_agencies; i++)
        if (ci->agencies[i] == name)
            return;
    if (ci->n_agencies < sizeof ci->agencies / sizeof ci->agencies[0])
        ci->agencies[ci->n_agencies++] = name;
}

static void add_agencies(cinfo *ci, const char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_agency(ci, names[i]);
}

/* A gap that separates parts of a byline or stamp: , ; | ( ) or a dash,
 * or a spaced / or :, but not the "-" of "Jean-Luc", the "/" of a date or
 * the ":" of a time. */
static bool gap_sep(const ckey *k, long i)
{
    const char *p;
    size_t n;
    ckey_gap(k, i, &p, &n);
    bool space = memchr(p, ' ', n) != NULL;
    for (size_t j = 0; j < n; j++)
        if (p[j] == ',' || p[j] == ';' || p[j] == '|' || p[j] == '(' || p[j] == ')' ||
            ((p[j] == '/' || p[j] == ':') && space))
            return true;
    return ckey_gap_has(k, i, "", true) && (n > 1 || p[0] != '-');
}

/* End (exclusive) of the segment starting at word j: the next word after
 * a separator gap, or the word count. */
static size_t seg_end(const ckey *k, size_t j)
{
    size_t e = j + 1;
    while (e < k->nw && !gap_sep(k, (long)e - 1))
        e++;
    return e;
}

/* A word of a date or time: in the date set, or starting with a digit. */
static bool date_word(const ckey *k, size_t j, uint8_t *flags, bool *digit)
{
    const char *w = ckey_wp(k, j);
    if (w[0] >= '0' && w[0] <= '9' && ckey_wl(k, j) <= 10) {
        *digit = true;
        return true;
    }
    const clean_word *cw = cws_word(&cws_date, k, j);
    if (!cw)
        return false;
    *flags |= cw->flags;
    return true;
}

/* Raw text has digit [/.:-h] digit (14/03, 14.03, 10:32, 2026-03, 10h32). */
static bool raw_date_pattern(const char *s, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++) {
        char c = s[i];
        if ((c == '/' || c == '.' || c == ':' || c == '-' || c == 'h') && s[i - 1] >= '0' &&
            s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
            return true;
    }
    return false;
}

static void set_stamp(cinfo *ci, const ckey *k, size_t from, size_t to, int cls)
{
    if (cls <= ci->stamp_class)
        return;
    ci->stamp_s = k->w[from].rs;
    ci->stamp_e = k->w[to].re;
    ci->stamp_class = cls;
}

/* ---------------------------------------------------------------- stamps */

/* Stamp markers, longest first within a language; connectors ("le", "on",
 * "am", "el", "il") are date words and need not be listed. */
static const struct {
    const char *pat;
    int cls;
} stamp_markers[] = {
    {"publie", CSTAMP_PUB}, {"publiee", CSTAMP_PUB}, {"mis en ligne", CSTAMP_PUB},
    {"mis a jour", CSTAMP_UPDATE}, {"modifie", CSTAMP_UPDATE}, {"modifiee", CSTAMP_UPDATE},
    {"actualise", CSTAMP_UPDATE}, {"actualisee", CSTAMP_UPDATE},
    {"derniere mise a jour", CSTAMP_UPDATE},
    {"first published", CSTAMP_PUB}, {"published", CSTAMP_PUB}, {"posted", CSTAMP_PUB},
    {"last updated", CSTAMP_UPDATE}, {"updated", CSTAMP_UPDATE},
    {"veroffentlicht", CSTAMP_PUB}, {"erschienen", CSTAMP_PUB},
    {"zuletzt aktualisiert", CSTAMP_UPDATE}, {"aktualisiert", CSTAMP_UPDATE},
    {"stand", CSTAMP_UPDATE},
    {"publicado", CSTAMP_PUB}, {"publicada", CSTAMP_PUB}, {"actualizado", CSTAMP_UPDATE},
    {"actualizada", CSTAMP_UPDATE}, {"ultima actualizacion", CSTAMP_UPDATE},
    {"pubblicato", CSTAMP_PUB}, {"pubblicata", CSTAMP_PUB}, {"aggiornato", CSTAMP_UPDATE},
    {"aggiornata", CSTAMP_UPDATE}, {"ultimo aggiornamento", CSTAMP_UPDATE},
};

/* Stamp marker at word j: returns the index after it (j when none). */
static size_t stamp_marker(const ckey *k, size_t j, int *cls)
{
    size_t best = 0;
    if (j >= k->nw)
        return j;
    char c = ckey_wp(k, j)[0];
    for (size_t m = 0; m < sizeof stamp_markers / sizeof stamp_markers[0]; m++) {
        if (stamp_markers[m].pat[0] != c)
            continue;
        size_t used = cpat_match(stamp_markers[m].pat, k, j, false);
        if (used > best) {
            best = used;
            *cls = stamp_markers[m].cls;
        }
    }
    return j + best;
}

/* Parses a stamp starting at word j: a marker (publié, mis à jour,
 * updated, ...) then date words. Returns the index after it, or j when it
 * is not a stamp. Relative stamps ("il y a 3 heures") are stamps without a
 * date for the parser. */
static size_t parse_stamp_at(const ckey *k, size_t j, cinfo *ci)
{
    int cls = CSTAMP_NONE;
    size_t i = stamp_marker(k, j, &cls);
    if (i == j)
        return j;
    uint8_t flags = 0;
    bool digit = false;
    size_t d = i;
    while (d < k->nw && date_word(k, d, &flags, &digit))
        d++;
    if (d == i || (!digit && !(flags & DW_REL)))
        return j;
    if (flags & DW_REL)
        cls = CSTAMP_NONE;
    set_stamp(ci, k, j, d - 1, cls);
    return d;
}

static bool is_stamp_marker(const ckey *k, size_t j)
{
    int cls;
    return stamp_marker(k, j, &cls) != j;
}

bool cdet_stamp(const ckey *k, size_t marker, cinfo *ci)
{
    (void)marker;
    if (k->trunc || (craw_ends_period(k->raw, k->rn) && k->nw > 8))
        return false;
    cinfo tmp = *ci;
    size_t j = parse_stamp_at(k, 0, &tmp);
    if (j == 0)
        return false;
    while (j < k->nw) {
        size_t next = parse_stamp_at(k, j, &tmp);
        if (next != j) {
            j = next;
            continue;
        }
        if (cws_word(&cws_byline, k, j) && j + 1 < k->nw) {
            if (!cdet_byline(k, j + 1, &tmp))
                return false;
            break;
        }
        if (gap_sep(k, (long)j - 1) && k->nw - j <= 6)
            break;
        return false;
    }
    tmp.reason = SL_RM_TIMESTAMP;
    *ci = tmp;
    return true;
}

bool cdet_date_line(const ckey *k, cinfo *ci)
{
    if (k->trunc || k->nw < 2 || k->nw > 14)
        return false;
    uint8_t flags = 0;
    bool digit = false;
    for (size_t j = 0; j < k->nw; j++)
        if (!date_word(k, j, &flags, &digit))
            return false;
    if (!digit || !((flags & (DW_MONTH | DW_DAY | DW_REL)) || raw_date_pattern(k->raw, k->rn)))
        return false;
    if (!(flags & DW_REL))
        set_stamp(ci, k, 0, k->nw - 1, CSTAMP_PUB);
    ci->reason = SL_RM_TIMESTAMP;
    return true;
}

/* ---------------------------------------------------------------- bylines */

/* A word that can be part of a person's name at position j of a name run
 * that started at s: capitalised, an initial, or a particle between
 * capitalised words ("de", "van", "di"). */
static bool name_word(const ckey *k, size_t j, size_t s)
{
    if (ckey_word_cap(k, j))
        return !is_stamp_marker(k, j);
    return j > s && j + 1 < k->nw && cws_word(&cws_particle, k, j) && ckey_word_cap(k, j + 1) &&
           !gap_sep(k, (long)j - 1) && !gap_sep(k, (long)j);
}

/* Classifies the segment [j, e) after the names. false: not a byline. */
static bool byline_segment(const ckey *k, size_t j, size_t e, bool first, cinfo *ci)
{
    const char *names[8];
    size_t n = agency_list(k, j, e, names, 8);
    if (n) {
        add_agencies(ci, names, n);
        return true;
    }
    if (cws_word(&cws_credit_join, k, j) && j + 1 < e) { /* "avec AFP", "pour Le Courrier" */
        n = agency_list(k, j + 1, e, names, 8);
        add_agencies(ci, names, n);
        return n || (ckey_word_cap(k, j + 1) && e - j <= 6);
    }
    if (parse_stamp_at(k, j, ci) != j)
        return true;
    uint8_t flags = 0;
    bool digit = false;
    size_t d = j;
    while (d < e && date_word(k, d, &flags, &digit))
        d++;
    if (d == e && digit) {
        set_stamp(ci, k, j, e - 1, flags & DW_REL ? CSTAMP_NONE : CSTAMP_PUB);
        return true;
    }
    return first && e - j <= 8; /* role or place: "envoyée spéciale à Kyiv" */
}

/* Names from word s: "Claire Dubois", "Tom Hale and Ana Silva". Returns the
 * index after the last name word (s when there is no name). */
static size_t parse_names(const ckey *k, size_t s, size_t *n_cap)
{
    size_t j = s, end = s;
    *n_cap = 0;
    while (j < k->nw) {
        if (j > s && gap_sep(k, (long)j - 1))
            break;
        size_t used;
        const char *names[8];
        if (j > s && agency_at(k, j, &used) && agency_list(k, j, seg_end(k, j), names, 8))
            break; /* "By Tom Hale Reuters" */
        if (name_word(k, j, s)) {
            if (ckey_word_cap(k, j))
                (*n_cap)++;
            end = ++j;
            continue;
        }
        if (j > s && cws_word(&cws_author_join, k, j) && j + 1 < k->nw &&
            ckey_word_cap(k, j + 1) && !cws_word(&cws_credit_join, k, j + 1)) {
            size_t used2;
            if (agency_at(k, j + 1, &used2))
                break;
            j++;
            continue;
        }
        break;
    }
    return end;
}

/* "in", "à", "aus", "en", "a", "da": the place of a reporter. */
static bool place_word(const ckey *k, size_t j)
{
    return ckey_word_is(k, j, "in") || ckey_word_is(k, j, "a") || ckey_word_is(k, j, "aus") ||
           ckey_word_is(k, j, "en") || ckey_word_is(k, j, "da") || ckey_word_is(k, j, "at");
}

bool cdet_byline(const ckey *k, size_t marker, cinfo *ci)
{
    if (k->trunc || marker >= k->nw || k->nw > 30)
        return false;
    if (craw_ends_period(k->raw, k->rn) && ckey_wl(k, k->nw - 1) > 1)
        return false; /* a sentence, not a byline (a final initial is fine) */
    cinfo tmp = *ci;
    const char *names[8];
    size_t e = seg_end(k, marker);
    size_t n = agency_list(k, marker, e, names, 8); /* "Par AFP", "By The Associated Press" */
    size_t j;
    if (n) {
        add_agencies(&tmp, names, n);
        j = e;
    } else {
        size_t n_cap;
        j = parse_names(k, marker, &n_cap);
        if (j == marker || n_cap < 2 || j - marker > 12)
            return false;
        if (!cws_word(&cws_outlet_det, k, marker) && tmp.author_e <= tmp.author_s) {
            tmp.author_s = k->w[marker].rs;
            tmp.author_e = k->w[j - 1].re;
        }
    }
    bool first = true;
    while (j < k->nw) {
        size_t se = seg_end(k, j);
        if (!gap_sep(k, (long)j - 1)) {
            /* no separator: a place ("in Nantes", "à Lyon"), a credit or a stamp */
            size_t used;
            if (first && place_word(k, j) && j + 1 < k->nw && ckey_word_cap(k, j + 1)) {
                size_t pe = j + 1;
                while (pe < k->nw && pe <= j + 3 && ckey_word_cap(k, pe) &&
                       !gap_sep(k, (long)pe - 1))
                    pe++;
                j = pe;
                first = false;
                continue;
            }
            bool ok = cws_word(&cws_credit_join, k, j) || agency_at(k, j, &used) ||
                      is_stamp_marker(k, j);
            if (!ok)
                return false;
        }
        if (!byline_segment(k, j, se, first, &tmp))
            return false;
        first = false;
        j = se;
    }
    tmp.reason = SL_RM_BYLINE;
    *ci = tmp;
    return true;
}

bool cdet_credit(const ckey *k, size_t marker, cinfo *ci)
{
    if (k->trunc || craw_ends_period(k->raw, k->rn))
        return false;
    const char *names[8];
    size_t n = agency_list(k, marker, k->nw, names, 8);
    if (n) {
        add_agencies(ci, names, n);
        ci->reason = SL_RM_BYLINE;
        return true;
    }
    /* "Source : ministère de l'Intérieur" */
    bool source = ckey_word_is(k, 0, "source") || ckey_word_is(k, 0, "sources") ||
                  ckey_word_is(k, 0, "quelle") || ckey_word_is(k, 0, "quellen") ||
                  ckey_word_is(k, 0, "fuente") || ckey_word_is(k, 0, "fuentes") ||
                  ckey_word_is(k, 0, "fonte") || ckey_word_is(k, 0, "fonti");
    if (source && ckey_gap_has(k, (long)marker - 1, ":", false) && k->nw <= 8) {
        ci->reason = SL_RM_BYLINE;
        return true;
    }
    return false;
}

static bool credit_words_to(const ckey *k, size_t end, cinfo *ci);

/* Where the stamps that end k start ("… Publié le 21 février 2011 à 16h56 -
 * Mis à jour le 22 février 2011 à 14h45"): the word index, with the stamps
 * parsed into *ci; k->nw when the line does not end in stamps. */
static size_t stamps_tail(const ckey *k, cinfo *ci)
{
    for (size_t s = 1; s < k->nw && s <= 8; s++) {
        if (!is_stamp_marker(k, s))
            continue;
        cinfo tmp = *ci;
        size_t j = s;
        while (j < k->nw) {
            size_t next = parse_stamp_at(k, j, &tmp);
            if (next == j)
                break;
            j = next;
        }
        if (j == k->nw) {
            *ci = tmp;
            return s;
        }
        return k->nw;
    }
    return k->nw;
}

bool cdet_credit_line(const ckey *k, cinfo *ci)
{
    if (k->trunc || k->nw == 0)
        return false;
    if (k->nw > 8) { /* "Le Monde avec AFP et Reuters Publié le … - Mis à jour le …" */
        cinfo tmp = *ci;
        size_t s = stamps_tail(k, &tmp);
        if (s == k->nw || !credit_words_to(k, s, &tmp))
            return false;
        *ci = tmp;
        return true;
    }
    if (craw_ends_period(k->raw, k->rn))
        return false;
    return credit_words_to(k, k->nw, ci);
}

/* Is k's [0, end) a credit line (an agency list, or a capitalised outlet
 * name joined to one)? Agencies into *ci. */
static bool credit_words_to(const ckey *k, size_t end, cinfo *ci)
{
    const char *names[8];
    size_t n = agency_list(k, 0, end, names, 8); /* "AFP", "(AFP)", "— AFP", "AFP et Reuters" */
    if (n) {
        add_agencies(ci, names, n);
        ci->reason = SL_RM_BYLINE;
        return true;
    }
    /* "Le Courrier avec AFP", "La Gazzetta con ANSA", "Le Courrier / AFP" */
    if (!ckey_word_cap(k, 0))
        return false;
    for (size_t j = 1; j < end && j <= 5; j++) {
        bool join = cws_word(&cws_credit_join, k, j) && !cws_word(&cws_outlet_det, k, j);
        if (!join && !(gap_sep(k, (long)j - 1) && ckey_gap_has(k, (long)j - 1, "/", false)))
            continue;
        size_t from = join ? j + 1 : j;
        n = agency_list(k, from, end, names, 8);
        if (n) {
            for (size_t m = 0; m < j; m++)
                if (!ckey_word_cap(k, m) && !cws_word(&cws_particle, k, m))
                    return false;
            add_agencies(ci, names, n);
            ci->reason = SL_RM_BYLINE;
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- teasers */

bool cdet_teaser(const ckey *k, size_t marker)
{
    if (marker >= k->nw)
        return !k->trunc;
    if (ckey_gap_has(k, (long)marker - 1, ":.|>", true))
        return true;
    const char *p;
    size_t n;
    ckey_gap(k, -1, &p, &n); /* ">> À lire aussi", "► Lire aussi" */
    for (size_t j = 0; j < n; j++)
        if (p[j] != ' ')
            return true;
    bool caps = true; /* "LIRE AUSSI Le..." */
    for (uint32_t j = k->w[0].rs; j < k->w[marker - 1].re; j++)
        if (k->raw[j] >= 'a' && k->raw[j] <= 'z')
            caps = false;
    if (caps)
        return true;
    ckey_gap(k, (long)marker - 1, &p, &n);
    bool quote = mem_has(p, n, "\"") || mem_has(p, n, "\xC2\xAB") || mem_has(p, n, "\xE2\x80\x9C");
    return (ckey_word_cap(k, marker) || quote) && !craw_ends_period(k->raw, k->rn);
}

/* ---------------------------------------------------------------- captions */

/* True when every word of raw[s..e) is a photo-credit word. */
static bool credit_words(const char *s, size_t n, size_t maxw, bool *lead)
{
    ckey g;
    ckey_build(&g, s, n);
    if (g.trunc || g.nw == 0 || g.nw > maxw)
        return false;
    *lead = cws_word(&cws_photo_lead, &g, 0) != NULL;
    for (size_t j = 0; j < g.nw; j++)
        if (!cws_word(&cws_photo, &g, j))
            return false;
    return true;
}

/* Words of the parenthesised group raw[s..e): is it a photo credit? */
static bool paren_caption(const char *s, size_t n)
{
    ckey g;
    ckey_build(&g, s, n);
    if (g.nw == 0 || g.trunc || g.nw > 14)
        return false;
    if (cws_word(&cws_photo_lead, &g, 0) && g.nw >= 2)
        return true; /* (Photo Jean Roux / AFP), (Foto: dpa) */
    if (g.nw >= 2 && cws_word(&cws_photo_lead, &g, 1)) {
        size_t used;
        if (agency_at(&g, 0, &used) || cws_word(&cws_photo, &g, 0))
            return true; /* (AP Photo/Tom Reyes) */
    }
    const char *first = memchr(s, '/', n), *last = first;
    for (const char *p = first; p; p = memchr(p + 1, '/', n - (size_t)(p + 1 - s)))
        last = p;
    if (!first)
        return false;
    bool lead;
    return credit_words(last + 1, n - (size_t)(last + 1 - s), 4, &lead) || /* (X / AFP) */
           credit_words(s, (size_t)(first - s), 3, &lead);                /* (EFE/Ana Ruiz) */
}

/* A short name after "AGENCY/": "EFE/Ana Ruiz", "ANSA/MARIO ROSSI". */
static bool name_after_slash(const char *s, size_t n)
{
    ckey g;
    ckey_build(&g, s, n);
    if (g.trunc || g.nw == 0 || g.nw > 3 || craw_ends_period(s, n))
        return false;
    for (size_t j = 0; j < g.nw; j++)
        if (!ckey_word_cap(&g, j))
            return false;
    return true;
}

bool cdet_caption(const ckey *k)
{
    size_t n = k->rn;
    const char *s = k->raw;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    if (n && s[n - 1] == ')') {
        int depth = 0;
        size_t lim = n > 200 ? n - 200 : 0;
        for (size_t j = n; j-- > lim;) {
            if (s[j] == ')')
                depth++;
            else if (s[j] == '(' && --depth == 0)
                return paren_caption(s + j + 1, n - 1 - (j + 1));
        }
        return false;
    }
    bool lead;
    if (!k->trunc && k->nw <= 6 && credit_words(s, n, 6, &lead)) {
        for (size_t w = 0; w < k->nw; w++)
            if (cws_word(&cws_photo_lead, k, w))
                return true; /* "Photo AFP", "Illustration Getty Images" */
    }
    /* "… à Lyon. Photo Jean Roux / AFP", "Marc Petit / Getty Images",
     * "… el 3 de marzo. EFE/Ana Ruiz" */
    size_t lim = n > 48 ? n - 48 : 0;
    for (size_t j = n; j-- > lim;) {
        if (s[j] != '/')
            continue;
        ckey before;
        ckey_build(&before, s, j);
        if (!credit_words(s + j + 1, n - j - 1, 4, &lead)) {
            bool credit_before = before.nw > 0 && !before.trunc &&
                                 cws_word(&cws_photo, &before, before.nw - 1) &&
                                 j > 0 && s[j - 1] != ' ';
            return credit_before && name_after_slash(s + j + 1, n - j - 1);
        }
        if (before.nw == 0)
            return true;
        if (cws_word(&cws_photo_lead, &before, 0))
            return true;
        for (size_t w = 0; w < before.nw; w++)
            if (cws_word(&cws_photo_lead, &before, w) && w + 3 >= before.nw)
                return true; /* "... Paris. Photo Jean Roux / AFP" */
        return ckey_words(&before) > 4;
    }
    return false;
}

/* "… samedi soir. © Marie Lenoir / Le Courrier": a credit after the text. */
/* First "©" (C2 A9) in s[0..n), or NULL: memchr on its lead byte, far
 * cheaper than memmem for a two-byte needle. */
static const char *find_copy_sign(const char *s, size_t n)
{
    const char *e = s + n;
    while (s + 1 < e) {
        const char *c = memchr(s, 0xC2, (size_t)(e - s - 1));
        if (!c)
            return NULL;
        if ((unsigned char)c[1] == 0xA9)
            return c;
        s = c + 1;
    }
    return NULL;
}

static bool tail_copyright(const ckey *k)
{
    size_t lim = k->rn > 90 ? k->rn - 90 : 0;
    const char *c = find_copy_sign(k->raw + lim, k->rn - lim);
    if (!c || c == k->raw || craw_ends_period(k->raw, k->rn))
        return false;
    ckey g;
    ckey_build(&g, c + 2, k->rn - (size_t)(c + 2 - k->raw));
    return !g.trunc && g.nw >= 1 && g.nw <= 8;
}

bool cdet_copyright(const ckey *k, cinfo *ci)
{
    if (tail_copyright(k)) {
        ci->reason = SL_RM_CAPTION;
        return true;
    }
    bool sign = starts_with(k->raw, k->rn, "\xC2\xA9") || starts_with(k->raw, k->rn, "(c)") ||
                starts_with(k->raw, k->rn, "(C)");
    if (!sign || k->trunc || k->nw > 30)
        return false;
    bool year = false;
    for (size_t j = 0; j < k->nw; j++) {
        const char *w = ckey_wp(k, j);
        if (ckey_wl(k, j) == 4 && ckey_word_digits(k, j) && (w[0] == '1' || w[0] == '2'))
            year = true;
    }
    ci->reason = year ? SL_RM_COPYRIGHT : SL_RM_CAPTION; /* "© Marie Lenoir / Le Courrier" */
    return true;
}

/* ---------------------------------------------------------------- social, nav */

bool cdet_social(const ckey *k, bool *attribution)
{
    *attribution = false;
    if (ckey_words(k) > 90)
        return false;
    bool pic = ckey_may_have(k, "pic") && (mem_has(k->raw, k->rn, "pic.twitter.com") ||
                                           mem_has(k->raw, k->rn, "pic.x.com"));
    const char *h = memchr(k->raw, '@', k->rn) ? memmem(k->raw, k->rn, "(@", 2) : NULL;
    bool handle = h && memchr(h, ')', k->rn - (size_t)(h - k->raw)) != NULL;
    if (handle && craw_starts_dash(k->raw, k->rn)) {
        *attribution = true; /* "— Marie Lenoir (@mlenoir) March 14, 2026" */
        return true;
    }
    if (pic)
        return true;
    if (!handle || k->nw > 30)
        return false;
    /* "Marie Lenoir (@mlenoir) March 14, 2026": only date words after the handle */
    const char *close = memchr(h, ')', k->rn - (size_t)(h - k->raw));
    size_t after = (size_t)(close + 1 - k->raw);
    uint8_t flags = 0;
    bool digit = false;
    size_t j = 0;
    while (j < k->nw && k->w[j].rs < after)
        j++;
    if (j == k->nw)
        return false;
    for (; j < k->nw; j++)
        if (!date_word(k, j, &flags, &digit))
            return false;
    *attribution = digit;
    return digit;
}

/* A crumb separator in the gap after word i: > › » → • · | or a spaced /. */
static bool nav_gap(const ckey *k, long i)
{
    const char *p;
    size_t n;
    ckey_gap(k, i, &p, &n);
    if (!memchr(p, ' ', n) && !(n >= 2 && (unsigned char)p[0] >= 0x80))
        return false;
    return memchr(p, '>', n) || memchr(p, '|', n) || memchr(p, '/', n) ||
           mem_has(p, n, "\xE2\x80\xBA") || mem_has(p, n, "\xC2\xBB") ||
           mem_has(p, n, "\xE2\x86\x92") || mem_has(p, n, "\xE2\x80\xA2") ||
           mem_has(p, n, "\xC2\xB7");
}

bool cdet_nav(const ckey *k)
{
    if (k->trunc || k->nw < 2 || k->nw > 14 || craw_ends_sentence(k->raw, k->rn))
        return false;
    size_t seps = 0, seg = 0;
    for (size_t j = 0; j < k->nw; j++) {
        seg++;
        if (seg > 4)
            return false;
        if (j + 1 < k->nw && nav_gap(k, (long)j)) {
            seps++;
            seg = 0;
        }
    }
    if (seps >= 2)
        return true;
    return seps == 1 && cws_word(&cws_home, k, 0) && nav_gap(k, 0);
}

bool cdet_code(const ckey *k)
{
    const char *s = k->raw;
    size_t n = k->rn;
    if (n < 2 || ckey_words(k) > 80)
        return false;
    if (s[0] == '<' && s[n - 1] == '>')
        return true; /* a leftover tag: <div class="x"> */
    /* CSS ".logo{display: block;}" or script "function(){ x = 1; }": a ';'
     * inside braces, and the line ends like code, not like a sentence */
    char last = s[n - 1];
    if (last != '}' && last != ';')
        return false;
    const char *open = memchr(s, '{', n);
    if (!open)
        return false;
    const char *close = memchr(open, '}', n - (size_t)(open - s));
    return close && memchr(open, ';', (size_t)(close - open)) != NULL;
}

bool cdet_share_list(const ckey *k)
{
    if (k->trunc || k->nw == 0 || k->nw > 12)
        return false;
    for (size_t j = 0; j < k->nw; j++)
        if (!cws_word(&cws_share, k, j))
            return false;
    return true;
}

/* ---------------------------------------------------------------- phrase search */

/* Finds the folded phrase pat in the key at word boundaries; a trailing
 * '*' lets the last word be a stem. */
static bool key_has(const ckey *k, const char *pat)
{
    if (!ckey_may_have(k, pat))
        return false;
    size_t l = strlen(pat);
    bool stem = l && pat[l - 1] == '*';
    if (stem)
        l--;
    if (!l) /* "" matches nowhere with a word boundary on both sides */
        return stem && k->kn > 0;
    /* a match with a word boundary on its left starts where a word does
     * (words are joined by single spaces and hold none) */
    for (size_t i = 0; i < k->nw; i++) {
        size_t ks = k->w[i].ks;
        const char *f = k->k + ks;
        if (*f != pat[0] || ks + l > k->kn || memcmp(f, pat, l) != 0)
            continue;
        if (stem || ks + l == k->kn || f[l] == ' ')
            return true;
    }
    return false;
}

bool cdet_contains(const ckey *k, cinfo *ci)
{
    size_t words = ckey_words(k);
    for (size_t r = 0; r < clean_n_contains; r++) {
        const clean_contains *c = &clean_contains_rules[r];
        if (words <= c->maxw && key_has(k, c->pat)) {
            ci->reason = c->reason;
            return true;
        }
    }
    return false;
}

static bool any_of(const ckey *k, const char *const *list)
{
    for (; list && *list; list++)
        if (key_has(k, *list))
            return true;
    return false;
}

bool cdet_cooc(const ckey *k, cinfo *ci)
{
    size_t words = ckey_words(k);
    for (size_t r = 0; r < clean_n_cooc; r++) {
        const clean_cooc *c = &clean_cooc_rules[r];
        if (words > c->maxw || !key_has(k, c->anchor))
            continue;
        bool label = words <= c->weak_maxw && !craw_ends_period(k->raw, k->rn);
        if (words <= c->alone_maxw || any_of(k, c->strong) || (label && any_of(k, c->weak))) {
            ci->reason = c->reason;
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- kept lines */

/* Agencies of the words inside raw[s..e) (a parenthesised group). */
static size_t group_agencies(const ckey *k, size_t s, size_t e, const char **names)
{
    size_t a = 0, b;
    while (a < k->nw && k->w[a].rs < s)
        a++;
    b = a;
    while (b < k->nw && k->w[b].re <= e)
        b++;
    if (a == b)
        return 0;
    return agency_list(k, a, b, names, 8);
}

void cdet_kept_credit(const ckey *k, cinfo *ci)
{
    const char *s = k->raw, *names[8];
    size_t n = k->rn, lim = n < 90 ? n : 90;
    /* dateline: "PARIS (AFP) — ...", "(AFP) - ...", "Madrid, 14 mar (EFE).- ..." */
    const char *open = memchr(s, '(', lim);
    if (open) {
        size_t room = n - (size_t)(open - s);
        const char *close = memchr(open, ')', room < 40 ? room : 40);
        size_t os = (size_t)(open - s);
        size_t before = 0;
        while (before < k->nw && k->w[before].re <= os)
            before++;
        if (close && before <= 8) {
            size_t after = (size_t)(close + 1 - s);
            while (after < n && s[after] == ' ')
                after++;
            bool sep = after < n && (s[after] == '-' || s[after] == ':' || s[after] == '.' ||
                                     s[after] == ',' || craw_starts_dash(s + after, n - after));
            bool caps_city = before > 0 && ckey_word_upper(k, 0);
            bool first_cap = before == 0 || ckey_word_cap(k, 0);
            if (first_cap && (before == 0 || sep || caps_city)) {
                size_t m = group_agencies(k, os + 1, (size_t)(close - s), names);
                add_agencies(ci, names, m);
            }
        }
    }
    /* closing credit: "... a-t-il conclu. (Reuters)", "... — AP" */
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    if (n && s[n - 1] == ')') {
        size_t lo = n > 40 ? n - 40 : 0;
        for (size_t j = n - 1; j-- > lo;) {
            if (s[j] == '(') {
                size_t m = group_agencies(k, j + 1, n - 1, names);
                add_agencies(ci, names, m);
                break;
            }
            if (s[j] == ')')
                break;
        }
    } else if (k->nw >= 2 && !k->trunc) {
        for (size_t j = k->nw - 1; j > 0 && j + 3 >= k->nw; j--) {
            bool dash = ckey_gap_has(k, (long)j - 1, "", true);
            if (dash && !ckey_gap_has(k, (long)j - 1, "|", false)) {
                size_t m = agency_list(k, j, k->nw, names, 8);
                add_agencies(ci, names, m);
                break;
            }
        }
    }
}

/* ------------------------------------------------------------ wire residue */

/* "&UR;", "&QL;": a typesetting code of a news agency wire (two or three
 * capitals between & and ;) at s[0..n)? Not the SGML entities &AMP; &LT;
 * &GT;, which stand for text. */
static bool wire_code(const char *s, size_t n)
{
    if (n < 4 || n > 5 || s[0] != '&' || s[n - 1] != ';')
        return false;
    if (!memcmp(s, "&AMP;", n) || !memcmp(s, "&LT;", n) || !memcmp(s, "&GT;", n))
        return false;
    for (size_t i = 1; i + 1 < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* Operator initials closing a dispatch: "nn", "(scl)", "vj/mae",
 * "(vi/gm/ml)", "str-mae-vj" — groups of 1–4 lowercase ASCII letters joined
 * by / or -, at most five groups. A bare single group must hold no vowel
 * ("nn", "kl"): "ok" or "no" alone are words. */
static bool wire_initials(const char *s, size_t n)
{
    bool paren = n >= 2 && s[0] == '(' && s[n - 1] == ')';
    if (paren)
        s++, n -= 2;
    size_t groups = 0, len = 0;
    bool vowel = false;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? s[i] : '/';
        if (c >= 'a' && c <= 'z') {
            if (++len > 4)
                return false;
            vowel = vowel || strchr("aeiouy", c);
        } else if (c == '/' || c == '-') {
            if (!len || ++groups > 5)
                return false;
            len = 0;
        } else {
            return false;
        }
    }
    return paren || groups > 1 || !vowel;
}

/* Does s[0..n) end like a write-through pointer ("... graf", "... pvs.")? */
static bool wire_pointer_end(const char *s, size_t n)
{
    while (n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ' '))
        n--;
    return (n >= 4 && !memcmp(s + n - 4, "graf", 4)) || (n >= 3 && !memcmp(s + n - 3, "pvs", 3));
}

/* Is s[0..n) wire residue and nothing else? strong: only with a code or a
 * write-through pointer in it (not bare initials). */
static bool wire_slug(const char *s, size_t n, bool strong)
{
    size_t codes = 0, words = 0, caps = 0, initials = 0;
    bool graf = false, last_pvs = false, last_graf = false, end = false;
    if (n > 120)
        return false;
    /* every kind below needs a code, "graf", or a single short word: most
     * lines of prose leave here */
    if (!memchr(s, '&', n) && !wire_pointer_end(s, n) && (n > 26 || memchr(s, ' ', n)))
        return false;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == b)
            break;
        const char *w = s + b;
        size_t l = i - b;
        while (l > 1 && (w[l - 1] == ',' || w[l - 1] == '.'))
            l--; /* "graf," "pvs." */
        if (wire_code(w, l)) {
            codes++;
            continue;
        }
        char z = s[i - 1]; /* the word ends a sentence */
        end = z == '.' || z == '!' || z == '?' || z == '"' || z == '\'';
        words++;
        last_pvs = l == 3 && !memcmp(w, "pvs", 3);
        last_graf = l == 4 && !memcmp(w, "graf", 4);
        graf = graf || last_graf;
        bool upper = true; /* "MORE", "NYT-10-05-98", "1735EDT", "___" */
        for (size_t j = 0; j < l && upper; j++)
            upper = (w[j] >= 'A' && w[j] <= 'Z') || (w[j] >= '0' && w[j] <= '9') ||
                    w[j] == '-' || w[j] == '_';
        caps += upper;
        initials += wire_initials(w, l);
    }
    if (!words)
        return codes > 0; /* "&QL;" */
    if (codes && words <= 4 && caps == words)
        return true; /* "&UR; MORE", "&QL; NYT-10-05-98 1735EDT &QL;" */
    if (codes && words <= 6 && !end && wire_code(s + n - 4, 4))
        return true; /* a heading coded for the wire: "Focus: Weather Team &QL;" */
    if (initials == words && ((words == 1 && !strong) || (codes && words <= 2)))
        return true; /* "nn", "(scl)", "&UR; vj/mae" */
    return graf && words <= 12 && (last_pvs || last_graf || codes); /* "The mill, 3rd graf pvs" */
}

bool cdet_wire_slug(const ckey *k)
{
    return wire_slug(k->raw, k->rn, false);
}

size_t cdet_wire_tail(const char *s, size_t n)
{
    if (n < 4)
        return n;
    size_t from = n > 80 ? n - 80 : 1;
    if (!memchr(s + from, '&', n - from) && !wire_pointer_end(s, n))
        return n; /* a tail needs a code or a write-through pointer */
    for (size_t i = from; i + 1 < n; i++) {
        if (s[i - 1] != ' ')
            continue;
        size_t e = i - 1;
        while (e > 0 && s[e - 1] == ' ')
            e--;
        char c = e ? s[e - 1] : 0;
        if (!(c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')'))
            continue;
        if (wire_slug(s + i, n - i, true))
            return e;
    }
    return n;
}

size_t cdet_wire_head(const char *s, size_t n)
{
    size_t i = 0, h = 0;
    for (;;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == b || !wire_code(s + b, i - b))
            break;
        h = i;
    }
    while (h && h < n && s[h] == ' ')
        h++;
    return h < n ? h : 0;
}
