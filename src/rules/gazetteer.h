/*
 * gazetteer.h — what the compiled gazetteer and lists matchers promise to
 * the match stage (private to the library).
 *
 * The lists matcher carries, per word, bit sets of the lists and pattern
 * words elements that a phrase starting with that word belongs to; the
 * bit of a (kind, target) pair is an_lists_start_bit's, computed the same
 * way when the tables are built (gazetteer.c) and when the match stage
 * asks for them (match.c).
 */
#ifndef ACTNET_GAZETTEER_H
#define ACTNET_GAZETTEER_H

#include <stdint.h>

#include "rules/rules.h"
#include "text/trie.h"

/* The start bit of a lists matcher entry: AN_PH_LIST targets take bits
 * 0..words_base-1 (mod 64), AN_PH_WORDS targets (pattern << 8 | element)
 * the bits from words_base up, so the two kinds never share a bit. */
/* The start bit of a lists-matcher entry of lm: bit L % 64 for an item
 * of list L; for a phrase of words element E of pattern P (target P << 8
 * | E) one of the bits from lm->words_base up, so that they share no bit
 * with the first lists.  Start bits are filters: a clear bit means no
 * such phrase (two that share a bit only filter less). */
static inline uint64_t an_lists_start_bit(const an_matcher *lm, uint32_t kind,
                                    uint32_t target)
{
    uint32_t base = lm->words_base;
    return (uint64_t)1 << (kind == AN_PH_LIST
                               ? target % 64
                               : base + ((target >> 8) * 8 + (target & 255)) %
                                            (64 - base));
}

#endif /* ACTNET_GAZETTEER_H */
