/*
 * clean_int.h — the inside of the cleaner, shared by clean.c (the driver),
 * clean_key.c (line keys and pattern matching), clean_rules.c (the data
 * tables), clean_detect.c (detectors that need more than a table) and
 * agency.c (wire agencies).
 *
 * The idea: every line is turned once into a "key" — its words, case
 * folded and accent stripped, joined by single spaces ("À LIRE AUSSI :
 * Le…" → "a lire aussi le …"), with each word's byte span in the raw line
 * kept beside it. Rules are data: phrases in that folded form, matched as
 * a whole line or as a line prefix, looked up by the line's first word in
 * a sorted table. Detectors that need punctuation (captions' "/ AFP",
 * "(@handle)", "Tags :") read the raw bytes around the words.
 */
#ifndef SL_CLEAN_INT_H
#define SL_CLEAN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clean.h"

/* ---------------------------------------------------------------- line keys */

#define CKEY_MAXW 96    /* words recorded per line; more → truncated key */
#define CKEY_CAP 760    /* bytes of key per line */

typedef struct ckey_word {
    uint32_t rs, re; /* byte span in the raw line */
    uint16_t ks, ke; /* byte span in the key */
} ckey_word;

typedef struct ckey {
    const char *raw; /* the line (trimmed), not NUL-terminated */
    size_t rn;
    char k[CKEY_CAP + 16];
    size_t kn;
    size_t nw;       /* words recorded */
    bool trunc;      /* the line has more words than recorded */
    uint64_t bloom[4]; /* hashes of the words' first three bytes: a quick "no" */
    ckey_word w[CKEY_MAXW];
} ckey;

/* Builds the key of raw[0..n). Never fails; invalid UTF-8 bytes count as
 * separators. Lines longer than the caps get a truncated key (trunc). */
void ckey_build(ckey *k, const char *raw, size_t n);
/* The same key from the byte-at-a-time builder alone, without the block
 * scan of ASCII stretches (the reference the tests hold ckey_build to). */
void ckey_build_bytewise(ckey *k, const char *raw, size_t n);

/* Word count for "at most N words" checks: truncated keys count as huge. */
static inline size_t ckey_words(const ckey *k) { return k->trunc ? 100000 : k->nw; }

/* Key bytes of word i, and its length. */
static inline const char *ckey_wp(const ckey *k, size_t i) { return k->k + k->w[i].ks; }
static inline size_t ckey_wl(const ckey *k, size_t i) { return (size_t)(k->w[i].ke - k->w[i].ks); }
/* True when word i is exactly s (a folded word). */
bool ckey_word_is(const ckey *k, size_t i, const char *s);
/* True when word i is all ASCII digits. */
bool ckey_word_digits(const ckey *k, size_t i);
/* True when the raw bytes of word i are all ASCII uppercase letters. */
bool ckey_word_upper(const ckey *k, size_t i);
/* True when the raw word i starts with an uppercase letter (any script). */
bool ckey_word_cap(const ckey *k, size_t i);
/* The raw bytes between word i and word i+1 (or the line end when i is the
 * last word, or the line start when i == -1). */
void ckey_gap(const ckey *k, long i, const char **p, size_t *n);
/* True when the raw gap after word i holds one of the bytes in set (ASCII)
 * or a dash/guillemet/pipe-like character (when dash is true). */
bool ckey_gap_has(const ckey *k, long i, const char *set, bool dash);

/* Hash of a word's first (up to) three bytes, 0..255: h = (len < 3 ?
 * len * 97 : 0), then h = h * 131 + byte over those bytes, written out. */
static inline unsigned ckey_tri_hash(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    unsigned h;
    if (len >= 3)
        h = ((unsigned)u[0] * 131u + u[1]) * 131u + u[2];
    else if (len == 2)
        h = (194u * 131u + u[0]) * 131u + u[1];
    else
        h = len ? 97u * 131u + u[0] : 0;
    return (h ^ (h >> 8)) & 255u;
}

/* False when no word of k can start like the first word of phrase pat
 * (a 256-bit filter on first three bytes); true means "maybe". Inline: it
 * runs for every phrase of every table tried on a line. */
static inline bool ckey_may_have(const ckey *k, const char *pat)
{
    size_t l = 0;
    while (l < 3 && pat[l] && pat[l] != ' ' && pat[l] != '*')
        l++;
    if (pat[l] == '*' && l < 3)
        return true; /* a short stem: no filter */
    unsigned h = ckey_tri_hash(pat, l);
    return (k->bloom[h >> 6] >> (h & 63)) & 1;
}

/* Folds a NUL-terminated phrase into key form (used by tests to check that
 * the tables are written in folded form). out needs CKEY_CAP bytes. */
size_t ckey_fold_phrase(const char *s, char *out, size_t cap);

/* Matches pattern pat (folded words; "#" matches one all-digit word) at
 * word index from of k. Returns the number of key words consumed, or 0 when
 * it does not match. exact: the pattern must reach the end of the key. */
size_t cpat_match(const char *pat, const ckey *k, size_t from, bool exact);

/* ---------------------------------------------------------------- rule tables */

enum { CR_EXACT = 0, CR_PREFIX = 1 };

/* What to do once a rule's phrase matched. */
enum {
    CH_PLAIN = 0, /* remove with the rule's reason */
    CH_COLON,     /* remove only when a colon follows the phrase ("Tags :") */
    CH_TEASER,    /* teaser marker: check what follows ("Lire aussi : …") */
    CH_STAMP,     /* published/updated stamp: check the date words */
    CH_RELATED,   /* header of a list of other headlines */
    CH_BYLINE,    /* "Par/By/Von/Por/Di" + names + agencies */
    CH_CREDIT,    /* "Source : AFP", "Avec AFP": an agency credit */
    CH_FOLLOW,    /* marker alone on its line; the next headline-like line goes too */
    CH_LABEL      /* remove unless the line ends with a period (a label, not prose) */
};

typedef struct clean_rule {
    const char *pat; /* folded phrase */
    uint8_t kind;    /* CR_EXACT / CR_PREFIX */
    uint8_t reason;  /* sl_reason */
    uint8_t handler; /* CH_* */
    uint8_t maxw;    /* the line has at most this many words; 0: no limit */
} clean_rule;

extern const clean_rule clean_rules[];
extern const size_t clean_n_rules;

/* Calls fn for each rule whose phrase matches k from word 0 (first word
 * looked up by binary search), in table order, until fn returns true.
 * Returns true when fn accepted a rule. */
typedef bool (*crule_fn)(void *user, const clean_rule *r, size_t nwords);
bool crule_each(const ckey *k, crule_fn fn, void *user);

/* A phrase that removes a short line wherever it occurs in it. */
typedef struct clean_contains {
    const char *pat;
    uint8_t reason;
    uint8_t maxw;
} clean_contains;
extern const clean_contains clean_contains_rules[];
extern const size_t clean_n_contains;

/* An anchor word ("cookie") that removes a line when it co-occurs with a
 * strong phrase (any line up to maxw words) or a weak one (lines up to
 * weak_maxw words), or alone in a line of at most alone_maxw words. */
typedef struct clean_cooc {
    const char *anchor;
    const char *const *strong;
    const char *const *weak;
    uint8_t reason;
    uint8_t maxw, weak_maxw, alone_maxw;
} clean_cooc;
extern const clean_cooc clean_cooc_rules[];
extern const size_t clean_n_cooc;

/* Sorted word sets (folded words). */
typedef struct clean_word {
    const char *w;
    uint8_t flags;
} clean_word;

enum { DW_MONTH = 1, DW_DAY = 2, DW_REL = 4, DW_CONN = 8, DW_UNIT = 16 };

typedef struct clean_wordset {
    const char *name;
    const clean_word *v;
    size_t n;
} clean_wordset;

extern const clean_wordset cws_date, cws_share, cws_photo, cws_photo_lead, cws_home,
    cws_particle, cws_outlet_det, cws_author_join, cws_credit_join, cws_byline;
extern const clean_wordset *const clean_all_wordsets[];
extern const size_t clean_n_wordsets;

/* Finds w[0..n) in a set; returns its entry or NULL. */
const clean_word *cws_find(const clean_wordset *s, const char *w, size_t n);
static inline const clean_word *cws_word(const clean_wordset *s, const ckey *k, size_t i)
{
    return cws_find(s, ckey_wp(k, i), ckey_wl(k, i));
}

/* ---------------------------------------------------------------- agencies */

typedef struct agency_def {
    const char *pat;   /* folded words */
    const char *name;  /* canonical name */
    bool upper;        /* the raw words must be uppercase ("AP", "PA") */
} agency_def;
extern const agency_def agency_defs[];
extern const size_t agency_n_defs;

/* Agency at word i of k: returns its canonical name and sets *used (words),
 * or NULL. The longest definition wins. */
const char *agency_at(const ckey *k, size_t i, size_t *used);

/* Parses words [i, end) as a credit list: agencies joined by "et/and/und/
 * y/e/avec/with/...", optional filler ("agences", "the"). Returns the
 * number of agencies found and stores up to cap canonical names in names;
 * returns 0 when any word is neither agency nor connector. */
size_t agency_list(const ckey *k, size_t i, size_t end, const char **names, size_t cap);

/* ---------------------------------------------------------------- detectors */

/* What a detector learnt about a line. */
typedef struct cinfo {
    int reason;          /* sl_reason, or -1 to keep the line */
    const char *agencies[8];
    size_t n_agencies;
    size_t author_s, author_e; /* raw span of the author, when author_e > author_s */
    size_t stamp_s, stamp_e;   /* raw span of the stamp, when stamp_e > stamp_s */
    int stamp_class;     /* CSTAMP_* */
} cinfo;

enum { CSTAMP_NONE = 0, CSTAMP_UPDATE = 1, CSTAMP_PUB = 2 };

/* Each returns true (and fills ci) when the line is of its kind. */
bool cdet_byline(const ckey *k, size_t marker, cinfo *ci);
bool cdet_credit(const ckey *k, size_t marker, cinfo *ci);
bool cdet_credit_line(const ckey *k, cinfo *ci);
bool cdet_stamp(const ckey *k, size_t marker, cinfo *ci);
bool cdet_date_line(const ckey *k, cinfo *ci);
bool cdet_teaser(const ckey *k, size_t marker);
bool cdet_caption(const ckey *k);
bool cdet_copyright(const ckey *k, cinfo *ci);
bool cdet_social(const ckey *k, bool *attribution);
bool cdet_nav(const ckey *k);
bool cdet_share_list(const ckey *k);
bool cdet_code(const ckey *k); /* CSS/script or HTML tag leftovers */
bool cdet_wire_slug(const ckey *k); /* wire codes, operator initials, write-through notes */
/* The length of s[0..n) without a wire slug after its last sentence ("... he
 * said. &UR; vj/mae" → "... he said."); n when there is none. */
size_t cdet_wire_tail(const char *s, size_t n);
/* Bytes of wire codes opening s[0..n) before its text ("&UR; &LR; Police
 * said" → 10); 0 when none or when nothing else follows. */
size_t cdet_wire_head(const char *s, size_t n);
bool cdet_contains(const ckey *k, cinfo *ci);
bool cdet_cooc(const ckey *k, cinfo *ci);
/* A kept line's dateline "PARIS (AFP) —" or closing "(Reuters)": agencies. */
void cdet_kept_credit(const ckey *k, cinfo *ci);

/* Raw-byte helpers. */
bool craw_ends_sentence(const char *s, size_t n);   /* . ! ? … (then quotes) */
bool craw_ends_period(const char *s, size_t n);     /* . or ... (then quotes) */
bool craw_starts_lower(const char *s, size_t n);
bool craw_starts_dash(const char *s, size_t n);     /* - – — */

#endif
