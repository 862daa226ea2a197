/*
 * align.h — passage alignment of two articles: what they share, word for
 * word, and what only one of them has; and a guess at which is the source.
 */
#ifndef SL_DEDUP_ALIGN_H
#define SL_DEDUP_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "storyline.h"
#include "../util/buf.h"

/* A passage: a run of words of A, of B, or of both (shared). Byte spans
 * are into each article's text, from the first word's start to the last
 * word's end (0, 0 when the passage is not on that side). */
typedef struct align_passage {
    uint32_t id;             /* shared passages: 1, 2, ... in A's order; 0 otherwise */
    uint32_t a_word, b_word; /* first word (index among the article's words) */
    uint32_t words;          /* length in words */
    uint32_t a_start, a_end; /* bytes in A's text */
    uint32_t b_start, b_end; /* bytes in B's text */
} align_passage;

enum { ALIGN_ONLY = 0, ALIGN_PARTIAL, ALIGN_SHARED };

/* How one sentence fares: status ALIGN_SHARED when all its words are in
 * shared passages, ALIGN_PARTIAL when some are, ALIGN_ONLY when none;
 * other: the other article's sentence holding most of its shared words
 * (-1: none). */
typedef struct align_sentence {
    uint8_t status;
    int32_t other;
    uint32_t words, shared;
} align_sentence;

typedef struct align_result {
    align_passage *shared; /* by position in A */
    size_t n_shared;
    align_passage *only_a; /* by position in A */
    size_t n_only_a;
    align_passage *only_b; /* by position in B */
    size_t n_only_b;
    align_sentence *sent_a, *sent_b; /* one per sentence of A, of B */
    size_t n_sent_a, n_sent_b;
    uint32_t words_a, words_b, shared_words;
    bool truncated; /* pathological repetition: the search stopped early */
} align_result;

/* Aligns a and b (analysed articles: text, toks, sents) by greedy string
 * tiling over their folded words: shared passages are maximal common runs
 * of at least min_words words (5 when 0; less when an article is shorter),
 * longest first, each word used once per side. Everything lives in arena.
 * Work is bounded (O(words) for ordinary text); on pathological repetition
 * the search stops early and sets truncated. */
void align_articles(sl_arena *arena, const sl_article *a, const sl_article *b, unsigned min_words,
                    align_result *out);

/* Escape strings around passages when rendering (NULL: plain text). */
typedef struct align_colors {
    const char *shared, *own, *reset;
} align_colors;

/* Appends one side's text as its passages in reading order, one per line:
 * "[=n] text" for shared passage n, "[A] text" (or "[B]") for the side's
 * own words; a passage runs to the next one, so punctuation stays with
 * it; paragraph breaks inside a passage continue on an indented line.
 * Text before the first word (leading punctuation) is left out. */
void align_render(buf *out, const sl_article *x, const align_result *r, bool side_a,
                  const align_colors *colors);

/* Which of two copies is the source? */
typedef struct align_direction {
    int source; /* 0: A, 1: B, -1: cannot tell */
    char reason[256];
} align_direction;

/* Guesses the source from publication times (the earlier, when they differ
 * by a minute or more), the credited agencies (an article whose outlet is
 * an agency the other credits is the source) and containment (a text
 * found ≥ 90% inside the other, but not the reverse, is a trimmed copy of
 * it). a_in_b: share of A's shingles found in B; b_in_a likewise. */
void align_direction_guess(const sl_article *a, const sl_article *b, double a_in_b, double b_in_a,
                           align_direction *out);

#endif
