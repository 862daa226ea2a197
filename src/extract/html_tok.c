/*
 * html_tok.c — storyline's own HTML tokenizer, with the tree repair the
 * extractor's walk relies on.
 *
 * The idea: one pass over the page, which is never copied nor changed.
 * Text runs are found with memchr('<') and handed over where they stand;
 * only a run holding a character reference is decoded, into a scratch
 * buffer that every token reuses, as are a tag's lowercased names and
 * decoded values: nothing is allocated per token (names of elements the
 * page invents are kept once each). The bodies of <script> and <style> are
 * raw text up to "</script" / "</style"; <svg> bodies and comments are
 * skipped whole (they are not text).
 *
 * Tree repair keeps the events balanced and nested the way libxml2's HTML
 * parser (the extractor's first parser, still available) nests them, so
 * the walk sees the same page from either: HTML 4's optional end tags (a
 * start tag closes the open element on top while the pair is in the
 * table below: <p> closes <p>, <li> closes <li>, <td> closes <td>, ...),
 * implied <html>, <head> and <body>, text outside any element put in an
 * implied <p>, misplaced <html>/<head>/<body> ignored, an end tag closes
 * every element above its own unless one of them ranks higher (a </span>
 * does not close a <div>, a </td> does not close a <table>), and end tags
 * of elements that are not open are ignored. Void elements are HTML 4's.
 *
 * Which start tag closes which open element was measured pair by pair
 * against libxml2 2.9.14 (the table ELEMS below is ours). On purpose we
 * differ where libxml2 loses text: numeric references to 0x80..0x9F mean
 * windows-1252 characters (&#150; is an en dash), control bytes and NULs
 * are passed on (libxml2 drops them, and stops at a NUL), "<svg ... />"
 * closes itself.
 *
 * Every open element is a frame on a stack (no recursion: any depth
 * works). Finding the topmost open element of a name and the "ranks
 * higher" test are O(1): names are interned to ids, each frame links to
 * the frame below it with the same id, and each rank level keeps the
 * frames of that rank or more.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/arena.h"
#include "html_tok.h"

/* ---------------------------------------------------------------- elements */

/* Elements the rules name. The first ones (up to E_HEAD) can be closed by
 * a start tag: their bit in a closing mask is their id. */
/* clang-format off */
enum {
    E_P, E_A, E_B, E_BIG, E_I, E_S, E_SMALL, E_STRIKE, E_TT, E_U, E_FONT, E_SPAN, E_H1, E_H2,
    E_H3, E_H4, E_H5, E_H6, E_UL, E_OL, E_DL, E_DT, E_DD, E_LI, E_ADDRESS, E_DIR, E_LISTING,
    E_MENU, E_PRE, E_XMP, E_CAPTION, E_COLGROUP, E_LEGEND, E_OPTION, E_TD, E_TH, E_TR, E_THEAD,
    E_TBODY, E_TFOOT, E_FORM, E_TITLE, E_HEAD,
    /* not closable by a start tag */
    E_HTML, E_BODY, E_DIV, E_BLOCKQUOTE, E_CENTER, E_COL, E_FIELDSET, E_FRAMESET, E_FRAME,
    E_NOFRAMES, E_HR, E_OPTGROUP, E_TABLE, E_SCRIPT, E_STYLE, E_META, E_LINK, E_BASE, E_SVG,
    E_AREA, E_BASEFONT, E_BR, E_IMG, E_INPUT, E_ISINDEX, E_PARAM, E_ABBR, E_ACRONYM, E_BDO,
    E_CITE, E_CODE, E_DFN, E_EM, E_IFRAME, E_KBD, E_MAP, E_Q, E_SAMP, E_STRONG, E_SUB, E_SUP,
    E_VAR,
    E_KNOWN /* ids from here on: other names, interned per page */
};
/* clang-format on */

#define B(e) (1ull << E_##e)
#define HEADINGS (B(H1) | B(H2) | B(H3) | B(H4) | B(H5) | B(H6))
#define FONTSTYLE (B(TT) | B(I) | B(B) | B(U) | B(S) | B(STRIKE) | B(BIG) | B(SMALL))
#define OLD_LISTS (B(ADDRESS) | B(DIR) | B(LISTING) | B(MENU) | B(PRE) | B(XMP))
#define CELLS (B(TD) | B(TH))
#define TSECT (B(CAPTION) | B(COLGROUP) | B(P) | B(TBODY) | CELLS | B(THEAD) | B(TR))

enum { F_VOID = 1, F_RAW = 2, F_SKIP = 4, F_HEADISH = 8 };

typedef struct elem {
    const char *name;
    uint64_t closes; /* open elements (on top) its start tag closes */
    uint8_t flags;
    uint8_t rank; /* 0..7: how deep into the stack its end tag may close */
} elem;

/* Indexed by id. closes: the open elements a start tag ends while they are
 * on top (HTML 4's optional end tags, and <head> for whatever belongs in
 * a body). Ranks: 0 most elements, 1 div, 2 td/th, 3 tr, 4 table
 * sections, 5 table, 6 head/body, 7 html. */
static const elem ELEMS[E_KNOWN] = {
    [E_P] = {"p", FONTSTYLE | HEADINGS | B(P) | B(HEAD), 0, 0},
    [E_A] = {"a", B(A) | B(HEAD), 0, 0},
    [E_B] = {"b", B(HEAD), 0, 0},
    [E_BIG] = {"big", B(HEAD), 0, 0},
    [E_I] = {"i", B(HEAD), 0, 0},
    [E_S] = {"s", B(HEAD), 0, 0},
    [E_SMALL] = {"small", B(HEAD), 0, 0},
    [E_STRIKE] = {"strike", B(HEAD), 0, 0},
    [E_TT] = {"tt", B(HEAD), 0, 0},
    [E_U] = {"u", B(HEAD), 0, 0},
    [E_FONT] = {"font", B(HEAD), 0, 0},
    [E_SPAN] = {"span", B(HEAD), 0, 0},
    [E_H1] = {"h1", B(P) | B(HEAD), 0, 0},
    [E_H2] = {"h2", B(P) | B(HEAD), 0, 0},
    [E_H3] = {"h3", B(P) | B(HEAD), 0, 0},
    [E_H4] = {"h4", B(P) | B(HEAD), 0, 0},
    [E_H5] = {"h5", B(P) | B(HEAD), 0, 0},
    [E_H6] = {"h6", B(P) | B(HEAD), 0, 0},
    [E_UL] = {"ul", OLD_LISTS | B(OL) | B(P) | B(HEAD), 0, 0},
    [E_OL] = {"ol", B(P) | B(UL) | B(HEAD), 0, 0},
    [E_DL] = {"dl", OLD_LISTS | B(DT) | B(P) | B(HEAD), 0, 0},
    [E_DT] = {"dt", OLD_LISTS | B(DD) | B(P) | B(HEAD), 0, 0},
    [E_DD] = {"dd", OLD_LISTS | B(DT) | B(P) | B(HEAD), 0, 0},
    [E_LI] = {"li", (OLD_LISTS & ~(B(DIR) | B(MENU))) | B(DL) | HEADINGS | B(LI) | B(P) | B(HEAD),
              0, 0},
    [E_ADDRESS] = {"address", B(P) | B(UL) | B(HEAD), 0, 0},
    [E_DIR] = {"dir", B(P) | B(HEAD), 0, 0},
    [E_LISTING] = {"listing", B(P) | B(HEAD), 0, 0},
    [E_MENU] = {"menu", B(P) | B(UL) | B(HEAD), 0, 0},
    [E_PRE] = {"pre", B(P) | B(UL) | B(HEAD), 0, 0},
    [E_XMP] = {"xmp", B(P) | B(HEAD), 0, 0},
    [E_CAPTION] = {"caption", B(P), 0, 0},
    [E_COLGROUP] = {"colgroup", B(CAPTION) | B(COLGROUP) | B(P), 0, 0},
    [E_LEGEND] = {"legend", 0, 0, 0},
    [E_OPTION] = {"option", B(OPTION), 0, 0},
    [E_TD] = {"td", B(A) | B(B) | B(FONT) | B(I) | B(P) | B(SPAN) | CELLS | B(U), 0, 2},
    [E_TH] = {"th", B(A) | B(B) | B(FONT) | B(I) | B(P) | B(SPAN) | CELLS | B(U), 0, 2},
    [E_TR] = {"tr", B(CAPTION) | B(COLGROUP) | B(P) | CELLS | B(TR), 0, 3},
    [E_THEAD] = {"thead", B(CAPTION) | B(COLGROUP), 0, 4},
    [E_TBODY] = {"tbody", TSECT | B(TFOOT), 0, 4},
    [E_TFOOT] = {"tfoot", TSECT, 0, 4},
    [E_FORM] = {"form", OLD_LISTS | B(DL) | B(FORM) | HEADINGS | B(OL) | B(P) | B(UL) | B(HEAD), 0,
                0},
    [E_TITLE] = {"title", B(P), F_HEADISH, 0},
    [E_HEAD] = {"head", B(P), 0, 6},
    [E_HTML] = {"html", 0, 0, 7},
    [E_BODY] = {"body", B(HEAD) | B(P) | B(TITLE), 0, 6},
    [E_DIV] = {"div", B(P) | B(HEAD), 0, 1},
    [E_BLOCKQUOTE] = {"blockquote", B(P) | B(HEAD), 0, 0},
    [E_CENTER] = {"center", B(B) | B(FONT) | B(I) | B(P) | B(HEAD), 0, 0},
    [E_COL] = {"col", B(CAPTION) | B(P), F_VOID, 0},
    [E_FIELDSET] = {"fieldset",
                    B(A) | HEADINGS | B(LEGEND) | B(LISTING) | B(P) | B(PRE) | B(XMP) | B(HEAD), 0,
                    0},
    [E_FRAMESET] = {"frameset", B(P) | B(TITLE) | B(HEAD), 0, 0},
    [E_FRAME] = {"frame", 0, F_VOID, 0},
    [E_NOFRAMES] = {"noframes", 0, 0, 0},
    [E_HR] = {"hr", B(P) | B(HEAD), F_VOID, 0},
    [E_OPTGROUP] = {"optgroup", B(OPTION), 0, 0},
    [E_TABLE] = {"table", B(A) | HEADINGS | B(LISTING) | B(P) | B(PRE) | B(XMP) | B(HEAD), 0, 5},
    [E_SCRIPT] = {"script", 0, F_RAW | F_HEADISH, 0},
    [E_STYLE] = {"style", 0, F_RAW | F_HEADISH, 0},
    [E_META] = {"meta", 0, F_VOID | F_HEADISH, 0},
    [E_LINK] = {"link", 0, F_VOID | F_HEADISH, 0},
    [E_BASE] = {"base", 0, F_VOID | F_HEADISH, 0},
    [E_SVG] = {"svg", 0, F_SKIP, 0},
    [E_AREA] = {"area", 0, F_VOID, 0},
    [E_BASEFONT] = {"basefont", 0, F_VOID, 0},
    [E_BR] = {"br", B(HEAD), F_VOID, 0},
    [E_IMG] = {"img", B(HEAD), F_VOID, 0},
    [E_INPUT] = {"input", 0, F_VOID, 0},
    [E_ISINDEX] = {"isindex", 0, F_VOID, 0},
    [E_PARAM] = {"param", 0, F_VOID, 0},
    [E_ABBR] = {"abbr", B(HEAD), 0, 0},
    [E_ACRONYM] = {"acronym", B(HEAD), 0, 0},
    [E_BDO] = {"bdo", B(HEAD), 0, 0},
    [E_CITE] = {"cite", B(HEAD), 0, 0},
    [E_CODE] = {"code", B(HEAD), 0, 0},
    [E_DFN] = {"dfn", B(HEAD), 0, 0},
    [E_EM] = {"em", B(HEAD), 0, 0},
    [E_IFRAME] = {"iframe", B(HEAD), 0, 0},
    [E_KBD] = {"kbd", B(HEAD), 0, 0},
    [E_MAP] = {"map", B(HEAD), 0, 0},
    [E_Q] = {"q", B(HEAD), 0, 0},
    [E_SAMP] = {"samp", B(HEAD), 0, 0},
    [E_STRONG] = {"strong", B(HEAD), 0, 0},
    [E_SUB] = {"sub", B(HEAD), 0, 0},
    [E_SUP] = {"sup", B(HEAD), 0, 0},
    [E_VAR] = {"var", B(HEAD), 0, 0},
};

/* ---------------------------------------------------------------- bytes */

enum { C_NAME = 1, C_START = 2, C_BLANK = 4, C_ALNUM = 8 };

/* Character classes: name characters (letters, digits, : - _ .), name
 * starts (letters, _ : .), blanks (space, tab, CR, LF), ASCII alnum. */
/* clang-format off */
static const uint8_t CLS[256] = {
    ['\t'] = C_BLANK, ['\n'] = C_BLANK, ['\r'] = C_BLANK, [' '] = C_BLANK,
    ['-'] = C_NAME, ['.'] = C_NAME | C_START, [':'] = C_NAME | C_START, ['_'] = C_NAME | C_START,
#define D(c) [c] = C_NAME | C_ALNUM
#define L(c) [c] = C_NAME | C_START | C_ALNUM, [c - 32] = C_NAME | C_START | C_ALNUM
    D('0'), D('1'), D('2'), D('3'), D('4'), D('5'), D('6'), D('7'), D('8'), D('9'),
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'),
    L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'),
    L('w'), L('x'), L('y'), L('z'),
#undef D
#undef L
};
/* clang-format on */

static int is_letter(unsigned char c)
{
    return (unsigned char)((c | 32) - 'a') < 26;
}

/* ---------------------------------------------------------------- references */

/* The named references of HTML 4.01 (and &apos;), sorted by name: the ones
 * pages use for text. Others are kept as written. */
static const struct ent {
    const char *name;
    uint32_t cp;
} ENTS[] = {{"AElig", 0xC6},     {"Aacute", 0xC1},   {"Acirc", 0xC2},     {"Agrave", 0xC0},
            {"Alpha", 0x391},    {"Aring", 0xC5},    {"Atilde", 0xC3},    {"Auml", 0xC4},
            {"Beta", 0x392},     {"Ccedil", 0xC7},   {"Chi", 0x3A7},      {"Dagger", 0x2021},
            {"Delta", 0x394},    {"ETH", 0xD0},      {"Eacute", 0xC9},    {"Ecirc", 0xCA},
            {"Egrave", 0xC8},    {"Epsilon", 0x395}, {"Eta", 0x397},      {"Euml", 0xCB},
            {"Gamma", 0x393},    {"Iacute", 0xCD},   {"Icirc", 0xCE},     {"Igrave", 0xCC},
            {"Iota", 0x399},     {"Iuml", 0xCF},     {"Kappa", 0x39A},    {"Lambda", 0x39B},
            {"Mu", 0x39C},       {"Ntilde", 0xD1},   {"Nu", 0x39D},       {"OElig", 0x152},
            {"Oacute", 0xD3},    {"Ocirc", 0xD4},    {"Ograve", 0xD2},    {"Omega", 0x3A9},
            {"Omicron", 0x39F},  {"Oslash", 0xD8},   {"Otilde", 0xD5},    {"Ouml", 0xD6},
            {"Phi", 0x3A6},      {"Pi", 0x3A0},      {"Prime", 0x2033},   {"Psi", 0x3A8},
            {"Rho", 0x3A1},      {"Scaron", 0x160},  {"Sigma", 0x3A3},    {"THORN", 0xDE},
            {"Tau", 0x3A4},      {"Theta", 0x398},   {"Uacute", 0xDA},    {"Ucirc", 0xDB},
            {"Ugrave", 0xD9},    {"Upsilon", 0x3A5}, {"Uuml", 0xDC},      {"Xi", 0x39E},
            {"Yacute", 0xDD},    {"Yuml", 0x178},    {"Zeta", 0x396},     {"aacute", 0xE1},
            {"acirc", 0xE2},     {"acute", 0xB4},    {"aelig", 0xE6},     {"agrave", 0xE0},
            {"alefsym", 0x2135}, {"alpha", 0x3B1},   {"amp", 0x26},       {"and", 0x2227},
            {"ang", 0x2220},     {"apos", 0x27},     {"aring", 0xE5},     {"asymp", 0x2248},
            {"atilde", 0xE3},    {"auml", 0xE4},     {"bdquo", 0x201E},   {"beta", 0x3B2},
            {"brvbar", 0xA6},    {"bull", 0x2022},   {"cap", 0x2229},     {"ccedil", 0xE7},
            {"cedil", 0xB8},     {"cent", 0xA2},     {"chi", 0x3C7},      {"circ", 0x2C6},
            {"clubs", 0x2663},   {"cong", 0x2245},   {"copy", 0xA9},      {"crarr", 0x21B5},
            {"cup", 0x222A},     {"curren", 0xA4},   {"dArr", 0x21D3},    {"dagger", 0x2020},
            {"darr", 0x2193},    {"deg", 0xB0},      {"delta", 0x3B4},    {"diams", 0x2666},
            {"divide", 0xF7},    {"eacute", 0xE9},   {"ecirc", 0xEA},     {"egrave", 0xE8},
            {"empty", 0x2205},   {"emsp", 0x2003},   {"ensp", 0x2002},    {"epsilon", 0x3B5},
            {"equiv", 0x2261},   {"eta", 0x3B7},     {"eth", 0xF0},       {"euml", 0xEB},
            {"euro", 0x20AC},    {"exist", 0x2203},  {"fnof", 0x192},     {"forall", 0x2200},
            {"frac12", 0xBD},    {"frac14", 0xBC},   {"frac34", 0xBE},    {"frasl", 0x2044},
            {"gamma", 0x3B3},    {"ge", 0x2265},     {"gt", 0x3E},        {"hArr", 0x21D4},
            {"harr", 0x2194},    {"hearts", 0x2665}, {"hellip", 0x2026},  {"iacute", 0xED},
            {"icirc", 0xEE},     {"iexcl", 0xA1},    {"igrave", 0xEC},    {"image", 0x2111},
            {"infin", 0x221E},   {"int", 0x222B},    {"iota", 0x3B9},     {"iquest", 0xBF},
            {"isin", 0x2208},    {"iuml", 0xEF},     {"kappa", 0x3BA},    {"lArr", 0x21D0},
            {"lambda", 0x3BB},   {"lang", 0x2329},   {"laquo", 0xAB},     {"larr", 0x2190},
            {"lceil", 0x2308},   {"ldquo", 0x201C},  {"le", 0x2264},      {"lfloor", 0x230A},
            {"lowast", 0x2217},  {"loz", 0x25CA},    {"lrm", 0x200E},     {"lsaquo", 0x2039},
            {"lsquo", 0x2018},   {"lt", 0x3C},       {"macr", 0xAF},      {"mdash", 0x2014},
            {"micro", 0xB5},     {"middot", 0xB7},   {"minus", 0x2212},   {"mu", 0x3BC},
            {"nabla", 0x2207},   {"nbsp", 0xA0},     {"ndash", 0x2013},   {"ne", 0x2260},
            {"ni", 0x220B},      {"not", 0xAC},      {"notin", 0x2209},   {"nsub", 0x2284},
            {"ntilde", 0xF1},    {"nu", 0x3BD},      {"oacute", 0xF3},    {"ocirc", 0xF4},
            {"oelig", 0x153},    {"ograve", 0xF2},   {"oline", 0x203E},   {"omega", 0x3C9},
            {"omicron", 0x3BF},  {"oplus", 0x2295},  {"or", 0x2228},      {"ordf", 0xAA},
            {"ordm", 0xBA},      {"oslash", 0xF8},   {"otilde", 0xF5},    {"otimes", 0x2297},
            {"ouml", 0xF6},      {"para", 0xB6},     {"part", 0x2202},    {"permil", 0x2030},
            {"perp", 0x22A5},    {"phi", 0x3C6},     {"pi", 0x3C0},       {"piv", 0x3D6},
            {"plusmn", 0xB1},    {"pound", 0xA3},    {"prime", 0x2032},   {"prod", 0x220F},
            {"prop", 0x221D},    {"psi", 0x3C8},     {"quot", 0x22},      {"rArr", 0x21D2},
            {"radic", 0x221A},   {"rang", 0x232A},   {"raquo", 0xBB},     {"rarr", 0x2192},
            {"rceil", 0x2309},   {"rdquo", 0x201D},  {"real", 0x211C},    {"reg", 0xAE},
            {"rfloor", 0x230B},  {"rho", 0x3C1},     {"rlm", 0x200F},     {"rsaquo", 0x203A},
            {"rsquo", 0x2019},   {"sbquo", 0x201A},  {"scaron", 0x161},   {"sdot", 0x22C5},
            {"sect", 0xA7},      {"shy", 0xAD},      {"sigma", 0x3C3},    {"sigmaf", 0x3C2},
            {"sim", 0x223C},     {"spades", 0x2660}, {"sub", 0x2282},     {"sube", 0x2286},
            {"sum", 0x2211},     {"sup", 0x2283},    {"sup1", 0xB9},      {"sup2", 0xB2},
            {"sup3", 0xB3},      {"supe", 0x2287},   {"szlig", 0xDF},     {"tau", 0x3C4},
            {"there4", 0x2234},  {"theta", 0x3B8},   {"thetasym", 0x3D1}, {"thinsp", 0x2009},
            {"thorn", 0xFE},     {"tilde", 0x2DC},   {"times", 0xD7},     {"trade", 0x2122},
            {"uArr", 0x21D1},    {"uacute", 0xFA},   {"uarr", 0x2191},    {"ucirc", 0xFB},
            {"ugrave", 0xF9},    {"uml", 0xA8},      {"upsih", 0x3D2},    {"upsilon", 0x3C5},
            {"uuml", 0xFC},      {"weierp", 0x2118}, {"xi", 0x3BE},       {"yacute", 0xFD},
            {"yen", 0xA5},       {"yuml", 0xFF},     {"zeta", 0x3B6},     {"zwj", 0x200D},
            {"zwnj", 0x200C}};

/* What windows-1252 puts at 0x80..0x9F: numeric references there mean it. */
static const uint16_t C1[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                                0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                                0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};

static int ent_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct ent *)e)->name);
}

static size_t put_utf8(uint32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* A code point text may hold (XML's Char: no NUL, controls, surrogates). */
static int is_char(uint32_t c)
{
    return c == 9 || c == 10 || c == 13 || (c >= 0x20 && c < 0xD800) ||
           (c >= 0xE000 && c < 0xFFFE) || (c >= 0x10000 && c < 0x110000);
}

/* "&#65;", "&#x41" (the ';' may be missing): digits are read while they
 * come; a reference to no character decodes to nothing. */
static size_t numeric_ref(const char *s, size_t n, char *out, size_t *out_len)
{
    size_t i = 2;
    uint32_t v = 0;
    int hex = i < n && (s[i] == 'x' || s[i] == 'X');
    if (hex)
        i++;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
            d = (c | 32) - 'a' + 10;
        else
            break;
        if (v < 0x110000)
            v = v * (hex ? 16 : 10) + d;
    }
    if (i < n && s[i] == ';')
        i++;
    if (v >= 0x80 && v < 0xA0)
        v = C1[v - 0x80];
    *out_len = is_char(v) ? put_utf8(v, out) : 0;
    return i;
}

size_t htok_ref(const char *s, size_t n, char *out, size_t *out_len)
{
    *out_len = 0;
    if (n < 2 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return numeric_ref(s, n, out, out_len);
    size_t k = 1;
    while (k < n && k < 10 && (CLS[(unsigned char)s[k]] & C_ALNUM))
        k++;
    if (k == 1 || k >= n || s[k] != ';')
        return 0;
    char name[12];
    memcpy(name, s + 1, k - 1);
    name[k - 1] = 0;
    const struct ent *e = bsearch(name, ENTS, sizeof ENTS / sizeof *ENTS, sizeof *ENTS, ent_cmp);
    if (!e)
        return 0;
    *out_len = put_utf8(e->cp, out);
    return k + 1;
}

/* Copies s[0..n) to dst (n bytes room, may be s itself) with its
 * references decoded; returns the length written. */
static size_t decode_to(char *dst, const char *s, size_t n)
{
    const char *amp = memchr(s, '&', n);
    if (!amp) {
        memmove(dst, s, n);
        return n;
    }
    memmove(dst, s, (size_t)(amp - s));
    char *w = dst + (amp - s);
    const char *r = amp, *end = s + n;
    while (r < end) {
        char tmp[4];
        size_t len, k = htok_ref(r, (size_t)(end - r), tmp, &len);
        if (k) {
            memcpy(w, tmp, len);
            w += len;
            r += k;
        } else {
            *w++ = *r++;
        }
        const char *next = memchr(r, '&', (size_t)(end - r));
        size_t run = (size_t)((next ? next : end) - r);
        memmove(w, r, run);
        w += run;
        r += run;
    }
    return (size_t)(w - dst);
}

/* ---------------------------------------------------------------- state */

#define NONE UINT32_MAX
#define MAX_ATTRS 64 /* attributes kept per element; the rest are read and dropped */
#define RANKS 8

typedef struct frame {
    const char *name;
    uint32_t id;
    uint32_t below; /* the frame below with the same id, or NONE */
} frame;

typedef struct u32s {
    uint32_t *v;
    size_t n, cap;
} u32s;

typedef struct htok {
    const htok_sink *sink;
    void *user;
    frame *st; /* open elements */
    size_t n, cap;
    u32s top;           /* id → topmost open frame with it, or NONE */
    u32s rank[RANKS];   /* rank r ≥ 1: open frames of rank ≥ r, bottom to top */
    const char **names; /* interned names (id → name) */
    sl_arena *kept;     /* names of elements the page invents */
    char *scr;          /* scratch: a tag's names and values, decoded text */
    size_t scr_len, scr_cap;
    size_t att_off[2 * MAX_ATTRS]; /* a tag's names and values in scr (NONE: no value) */
    uint64_t *slots;               /* hash table of names: hash << 32 | (id + 1), 0 empty */
    size_t n_names, cap_names, n_slots;
    int seen_head, seen_body, misplaced;
    const unsigned char *atts[2 * MAX_ATTRS + 2];
    uint32_t att_len[MAX_ATTRS];
} htok;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    p = realloc(p, c * size);
    if (!p)
        abort();
    *cap = c;
    return p;
}

static void u32_push(u32s *a, uint32_t v)
{
    a->v = grow(a->v, &a->cap, a->n + 1, sizeof *a->v);
    a->v[a->n++] = v;
}

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void slots_insert(htok *t, uint32_t id)
{
    const char *nm = t->names[id];
    uint32_t h = hash(nm, strlen(nm));
    size_t mask = t->n_slots - 1, i = h & mask;
    while (t->slots[i])
        i = (i + 1) & mask;
    t->slots[i] = (uint64_t)h << 32 | (id + 1);
}

/* The id of name s[0..n) (lowercase); with add, a name not seen yet gets
 * a new id (and a copy of its own), else NONE. */
static uint32_t intern(htok *t, const char *s, size_t n, int add)
{
    uint32_t h = hash(s, n);
    size_t mask = t->n_slots - 1, i = h & mask;
    for (uint64_t v; (v = t->slots[i]); i = (i + 1) & mask) {
        if ((uint32_t)(v >> 32) != h)
            continue;
        const char *nm = t->names[(uint32_t)v - 1];
        if (!strncmp(nm, s, n) && !nm[n])
            return (uint32_t)v - 1;
    }
    if (!add)
        return NONE;
    uint32_t id = (uint32_t)t->n_names;
    t->names = grow(t->names, &t->cap_names, t->n_names + 1, sizeof *t->names);
    t->names[t->n_names++] = id < E_KNOWN ? s : arena_strndup(t->kept, s, n);
    u32_push(&t->top, NONE);
    if (t->n_names * 2 > t->n_slots) { /* rehash at half full */
        free(t->slots);
        t->n_slots *= 2;
        t->slots = calloc(t->n_slots, sizeof *t->slots);
        if (!t->slots)
            abort();
        for (uint32_t k = 0; k < t->n_names; k++)
            slots_insert(t, k);
    } else {
        t->slots[i] = (uint64_t)h << 32 | (id + 1);
    }
    return id;
}

static int rank_of(uint32_t id)
{
    return id < E_KNOWN ? ELEMS[id].rank : 0;
}

/* ---------------------------------------------------------------- the stack */

static void push(htok *t, const char *name, uint32_t id, const unsigned char **atts)
{
    t->st = grow(t->st, &t->cap, t->n + 1, sizeof *t->st);
    frame *f = &t->st[t->n];
    f->name = name;
    f->id = id;
    f->below = t->top.v[id];
    t->top.v[id] = (uint32_t)t->n;
    for (int r = rank_of(id); r >= 1; r--)
        u32_push(&t->rank[r], (uint32_t)t->n);
    t->n++;
    if (id == E_HEAD)
        t->seen_head = 1;
    else if (id == E_BODY)
        t->seen_body = 1;
    t->sink->start(t->user, (const unsigned char *)name, atts);
}

static void pop(htok *t)
{
    frame *f = &t->st[--t->n];
    t->top.v[f->id] = f->below;
    for (int r = rank_of(f->id); r >= 1; r--)
        t->rank[r].n--;
    t->sink->end(t->user, (const unsigned char *)f->name);
}

static uint32_t top_id(const htok *t)
{
    return t->n ? t->st[t->n - 1].id : NONE;
}

/* A start tag closes the elements on top that it ends (<p> ends a <p>). */
static void auto_close(htok *t, uint32_t id)
{
    uint64_t closes = id < E_KNOWN ? ELEMS[id].closes : 0;
    uint32_t top;
    while (closes && (top = top_id(t)) < 64 && (closes >> top & 1))
        pop(t);
}

/* The <html>, <head> or <body> a start tag implies. */
static void implied(htok *t, uint32_t id)
{
    if (id == E_HTML)
        return;
    if (!t->n)
        push(t, "html", E_HTML, NULL);
    if (id == E_BODY || id == E_HEAD)
        return;
    if (t->n <= 1 && id < E_KNOWN && (ELEMS[id].flags & F_HEADISH)) {
        if (!t->seen_head && !t->seen_body)
            push(t, "head", E_HEAD, NULL);
    } else if (id != E_NOFRAMES && id != E_FRAME && id != E_FRAMESET) {
        if (!t->seen_body && t->top.v[E_BODY] == NONE && t->top.v[E_HEAD] == NONE)
            push(t, "body", E_BODY, NULL);
    }
}

/* Text outside any element, or right in <html> or <head>, goes in a <p>. */
static void paragraph(htok *t)
{
    uint32_t top = top_id(t);
    if (top != NONE && top != E_HTML && top != E_HEAD)
        return;
    auto_close(t, E_P);
    implied(t, E_P);
    push(t, "p", E_P, NULL);
}

/* ---------------------------------------------------------------- tokens */

static int blank_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(CLS[(unsigned char)s[i]] & C_BLANK))
            return 0;
    return 1;
}

/* Hands text to the sink (in pieces a SAX length can say). */
static void emit(htok *t, const char *s, size_t n)
{
    for (; n > INT32_MAX; s += INT32_MAX, n -= INT32_MAX)
        t->sink->text(t->user, (const unsigned char *)s, INT32_MAX);
    if (n)
        t->sink->text(t->user, (const unsigned char *)s, (int)n);
}

/* Room for n more bytes in the scratch buffer. */
static void scr_reserve(htok *t, size_t n)
{
    t->scr = grow(t->scr, &t->scr_cap, t->scr_len + n + 1, 1);
}

/* Appends s[0..n) lowercased and a NUL; returns its offset. */
static size_t scr_lower(htok *t, const char *s, size_t n)
{
    scr_reserve(t, n);
    size_t off = t->scr_len;
    char *o = t->scr + off;
    for (size_t i = 0; i < n; i++)
        o[i] = (char)(s[i] | ((unsigned char)(s[i] - 'A') < 26 ? 32 : 0));
    o[n] = 0;
    t->scr_len += n + 1;
    return off;
}

/* Appends s[0..n) with its references decoded and a NUL; returns its offset. */
static size_t scr_decoded(htok *t, const char *s, size_t n)
{
    scr_reserve(t, n);
    size_t off = t->scr_len, len = decode_to(t->scr + off, s, n);
    t->scr[off + len] = 0;
    t->scr_len += len + 1;
    return off;
}

static void text(htok *t, const char *s, const char *e)
{
    if (s >= e)
        return;
    size_t n = (size_t)(e - s);
    if (memchr(s, '&', n)) {
        t->scr_len = 0;
        size_t off = scr_decoded(t, s, n);
        s = t->scr + off;
        n = t->scr_len - 1 - off;
    }
    if (!n)
        return;
    uint32_t top = top_id(t);
    if ((top == NONE || top == E_HTML || top == E_HEAD) && !blank_only(s, n))
        paragraph(t);
    emit(t, s, n);
}

/* The end of the name starting at s. */
static const char *name_end(const char *s, const char *end)
{
    while (s < end && (CLS[(unsigned char)*s] & C_NAME))
        s++;
    return s;
}

static const char *skip_blanks(const char *s, const char *end)
{
    while (s < end && (CLS[(unsigned char)*s] & C_BLANK))
        s++;
    return s;
}

/* The end of a raw-text body starting at s: the first "</name" (any case),
 * or end. */
static const char *raw_end(const char *s, const char *end, const char *name, size_t len)
{
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            return end;
        if ((size_t)(end - lt) >= len + 2 && lt[1] == '/' && !strncasecmp(lt + 2, name, len))
            return lt;
        s = lt + 1;
    }
    return end;
}

/* Reads one attribute at q (a name start) into the scratch buffer, unless
 * the element has it already; returns where the tag goes on. */
static const char *attribute(htok *t, const char *q, const char *end, size_t *n_att)
{
    const char *an = q;
    q = name_end(q, end);
    size_t an_len = (size_t)(q - an);
    const char *val = NULL, *val_end = NULL;
    q = skip_blanks(q, end);
    if (q < end && *q == '=') {
        q = skip_blanks(q + 1, end);
        if (q < end && (*q == '"' || *q == '\'')) {
            const char *c = memchr(q + 1, *q, (size_t)(end - q - 1));
            val = q + 1;
            val_end = c ? c : end;
            q = c ? c + 1 : end;
        } else {
            val = q;
            while (q < end && !(CLS[(unsigned char)*q] & C_BLANK) && *q != '>')
                q++;
            val_end = q;
        }
    }
    if (*n_att == MAX_ATTRS)
        return q;
    size_t off = scr_lower(t, an, an_len);
    for (size_t k = 0; k < *n_att; k++)
        if (t->att_len[k] == an_len && !memcmp(t->scr + t->att_off[2 * k], t->scr + off, an_len)) {
            t->scr_len = off; /* the first one counts */
            return q;
        }
    t->att_off[2 * *n_att] = off;
    t->att_off[2 * *n_att + 1] = val ? scr_decoded(t, val, (size_t)(val_end - val)) : NONE;
    t->att_len[(*n_att)++] = (uint32_t)an_len;
    return q;
}

/* A start tag at lt ("<" and a letter). Returns where parsing goes on. */
static const char *start_tag(htok *t, const char *lt, const char *end)
{
    const char *q = name_end(lt + 1, end);
    size_t name_len = (size_t)(q - lt - 1), n_att = 0;
    t->scr_len = 0;
    size_t name_off = scr_lower(t, lt + 1, name_len);
    int self_close = 0;
    for (;;) {
        q = skip_blanks(q, end);
        if (q >= end)
            break;
        if (*q == '>') {
            q++;
            break;
        }
        if (*q == '/' && q + 1 < end && q[1] == '>') {
            q += 2;
            self_close = 1;
            break;
        }
        if (CLS[(unsigned char)*q] & C_START) {
            q = attribute(t, q, end, &n_att);
            continue;
        }
        /* not an attribute: skip the word */
        while (q < end && !(CLS[(unsigned char)*q] & C_BLANK) && *q != '>' &&
               !(*q == '/' && q + 1 < end && q[1] == '>'))
            q++;
    }
    /* the tree */
    uint32_t id = intern(t, t->scr + name_off, name_len, 1);
    auto_close(t, id);
    implied(t, id);
    if ((id == E_HTML && t->n) || (id == E_HEAD && t->n != 1) ||
        (id == E_BODY && t->top.v[E_BODY] != NONE)) {
        t->misplaced++; /* ignored, and so will be its end tag */
        return q;
    }
    for (size_t k = 0; k < 2 * n_att; k++)
        t->atts[k] = t->att_off[k] == NONE ? NULL : (const unsigned char *)t->scr + t->att_off[k];
    t->atts[2 * n_att] = t->atts[2 * n_att + 1] = NULL;
    const char *nm = t->names[id];
    push(t, nm, id, n_att ? t->atts : NULL);
    uint8_t flags = id < E_KNOWN ? ELEMS[id].flags : 0;
    if (flags & F_VOID) {
        pop(t);
    } else if (flags & F_RAW) { /* script, style: raw text, whatever "/>" says */
        const char *close = raw_end(q, end, nm, name_len);
        emit(t, q, (size_t)(close - q));
        q = close;
    } else if (self_close) {
        pop(t);
    } else if (flags & F_SKIP) { /* svg: markup, not text */
        q = raw_end(q, end, nm, name_len);
    }
    return q;
}

/* An end tag at lt ("</" and a name start). */
static const char *end_tag(htok *t, const char *lt, const char *end)
{
    const char *q = name_end(lt + 2, end);
    size_t len = (size_t)(q - lt - 2);
    const char *gt = memchr(q, '>', (size_t)(end - q));
    const char *next = gt ? gt + 1 : end;
    t->scr_len = 0;
    size_t off = scr_lower(t, lt + 2, len); /* before t->scr: it may move */
    uint32_t id = intern(t, t->scr + off, len, 0);
    if (id == NONE)
        return next;
    if (t->misplaced && (id == E_HTML || id == E_BODY || id == E_HEAD)) {
        t->misplaced--;
        return next;
    }
    uint32_t at = t->top.v[id];
    if (at == NONE)
        return next;
    int r = rank_of(id);
    /* an element of a higher rank above it protects it */
    if (r + 1 < RANKS && t->rank[r + 1].n && t->rank[r + 1].v[t->rank[r + 1].n - 1] > at)
        return next;
    while (t->n > at)
        pop(t);
    return next;
}

/* What follows "<!": a comment or a doctype is skipped; anything else is
 * text. Returns where parsing goes on, or NULL for text. */
static const char *bang(const char *lt, const char *end)
{
    size_t left = (size_t)(end - lt);
    if (left >= 4 && lt[2] == '-' && lt[3] == '-') {
        const char *e = memmem(lt + 4, left - 4, "-->", 3);
        return e ? e + 3 : end;
    }
    if (left >= 9 && !strncasecmp(lt + 2, "doctype", 7)) {
        const char *gt = memchr(lt, '>', left);
        return gt ? gt + 1 : end;
    }
    return NULL;
}

static void known_names(htok *t)
{
    t->n_slots = 512;
    t->slots = calloc(t->n_slots, sizeof *t->slots);
    if (!t->slots)
        abort();
    for (uint32_t id = 0; id < E_KNOWN; id++) {
        const char *nm = ELEMS[id].name;
        intern(t, nm, strlen(nm), 1);
    }
}

void htok_parse(const char *p, size_t n, const htok_sink *sink, void *user)
{
    htok t = {0};
    t.sink = sink;
    t.user = user;
    t.kept = arena_new();
    known_names(&t);
    const char *s = p, *end = p + n, *run = p;
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            break;
        unsigned char c = lt + 1 < end ? (unsigned char)lt[1] : 0;
        const char *next = NULL;
        if (is_letter(c)) {
            text(&t, run, lt);
            next = start_tag(&t, lt, end);
        } else if (c == '/') {
            unsigned char d = lt + 2 < end ? (unsigned char)lt[2] : 0;
            text(&t, run, lt);
            next = CLS[d] & C_START ? end_tag(&t, lt, end) : lt + 2;
        } else if (c == '!') {
            const char *b = bang(lt, end);
            if (b) {
                text(&t, run, lt);
                next = b;
            }
        } else if (c == '?') { /* processing instruction: up to '>' */
            const char *gt = memchr(lt, '>', (size_t)(end - lt));
            text(&t, run, lt);
            next = gt ? gt + 1 : end;
        }
        if (next) {
            s = run = next;
        } else {
            s = lt + 1; /* a '<' that is text */
        }
    }
    text(&t, run, end);
    while (t.n)
        pop(&t);
    free(t.st);
    free(t.top.v);
    for (int r = 0; r < RANKS; r++)
        free(t.rank[r].v);
    free(t.names);
    free(t.slots);
    free(t.scr);
    arena_free(t.kept);
}
