/*
 * title.h — headline tidying shared by every reader: what a site adds
 * around an article's headline is cut, the headline itself is kept.
 *
 *   "Dam gives way near Brisley - The Valley Post"  → "Dam gives way near Brisley"
 *   "LIVE: Dam gives way near Brisley"              → "Dam gives way near Brisley"
 *   "EN IMAGES. La digue cède"                      → "La digue cède"
 *
 * A trailing " - Name" / " | Name" / " – Name" segment is cut only when Name
 * names the article's own outlet or site (compared folded: case, accents,
 * punctuation and a leading article aside, against the outlet name and the
 * url's host), so a real headline with a dash ("Kosovo - talks resume")
 * keeps it. The HTML reader cuts a <title>'s site segment with the same
 * separators (html_meta.c).
 */
#ifndef SL_TITLE_H
#define SL_TITLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

/* Separators between a headline and a site's name, NULL-terminated:
 * " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " » ". */
extern const char *const title_seps[];

/* Does name (n bytes) name the outlet or the site at url (either may be
 * NULL)? Folded comparison, see above. */
bool title_names_site(const char *name, size_t n, const char *outlet, const char *url);

/* The headline t without a trailing segment naming the outlet or site and
 * without a live/breaking lead-in ("LIVE:", "BREAKING:", "Latest:",
 * "WATCH:", "UPDATE 2-", "EN DIRECT.", "EN IMAGES.", "VIDÉO.", "Eilmeldung:",
 * "Liveticker:", "ÚLTIMA HORA:", "EN VIVO:" ...) and without a leading
 * segment that is exactly the site's name, after such a word or alone
 * ("INFO Le Vigilant. ", "Evening Courier: "). t itself when nothing is
 * cut (or when cutting would leave too little); NULL for NULL. */
const char *title_tidy(sl_arena *a, const char *t, const char *outlet, const char *url);

#endif
