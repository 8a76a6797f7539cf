/*
 * match.h — the match stage (private).
 *
 * An an_matcher is a trie over normalised tokens: every phrase (alias,
 * list item, ...) is tokenised exactly as documents are (an_text_segment),
 * so "Lukashenko's" in a text and "Lukashenko" in the rules meet on the
 * same tokens.  Token strings are interned to ids in a hash map; trie edges
 * are (state, token id) pairs in one open-addressing table, so a lookup is
 * one hash of the token's folded form and one probe per step.  Case is
 * handled by walking the folded forms and verifying the exact normalised
 * forms for case-sensitive phrases at accepting states.
 *
 * an_match_document runs the whole stage over a segmented document:
 * gazetteer (longest-leftmost), ignore list, agents combined with a
 * country, then discovery patterns over the tokens left.
 */
#ifndef ACTNET_MATCH_H
#define ACTNET_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rules.h"
#include "text/text.h"

#include "text/trie.h"

struct actnet_extractor;



/*
 * The match stage over ex->text: fills ex->mentions (in text order, no
 * overlaps) from the gazetteer, agents and discovery patterns.  0 / -1.
 */
int an_match_document(struct actnet_extractor *ex);

/* Frees the match stage's per-extractor work arrays (NULL is fine). */
struct an_match_state;
void an_match_state_destroy(struct an_match_state *ms);

/* ---- helpers shared by match.c and resolve.c ------------------------ */

/*
 * Per-token work arrays in ex->scratch (owned by the extractor): cover[i]
 * is the index in ex->mentions of the mention covering token i, or one of
 * the values below; hashes[i] is the hash of token i's folded form (as
 * the matchers hash it).
 * Returns 1 when the arrays were already set up for this text (by
 * an_match_document; scratch.len tells), 0 when they were just made (all
 * tokens free), -1 when out of memory.
 */
#define AN_COVER_FREE UINT32_MAX
#define AN_COVER_IGNORED (UINT32_MAX - 1)
int an_match_scratch(struct actnet_extractor *ex, uint32_t **cover,
                     uint64_t **hashes);


/* The original text of tokens [s, e) with punctuation folded and white
 * space runs as one space, NUL-terminated in out (reset first).  0 / -1. */
int an_match_span_text(const an_text *t, uint32_t s, uint32_t e,
                       an_buf *out);

/* Interns the discovered entity "<type>:<name>" (label name), using tmp
 * as work space; its index, or UINT32_MAX when out of memory. */
uint32_t an_match_intern_named(struct actnet_extractor *ex,
                               actnet_entity_type type, const char *name,
                               an_buf *tmp);

/* Appends a mention of entity over tokens [s, e) with sentence and
 * paragraph filled in.  0 / -1. */
int an_match_add(struct actnet_extractor *ex, uint32_t s, uint32_t e,
                 uint32_t entity, actnet_via via);

/* Is token j inside an item of a rules list (lists:)?  1 / 0, -1 OOM. */
int an_match_in_list(const actnet_rules *r, const an_text *t,
                     const uint64_t *hs, size_t j);

/*
 * Marks on entities within one document, kept by the extractor from one
 * document to the next (no map to build and free per document):
 * an_match_marks_begin clears every mark (in constant time); an_match_mark
 * sets entity e's mark (0 / -1 when out of memory); an_match_marked says
 * whether it is set (1 / 0).
 */
int an_match_marks_begin(struct actnet_extractor *ex);
int an_match_mark(struct actnet_extractor *ex, uint32_t e);
int an_match_marked(const struct actnet_extractor *ex, uint32_t e);

/* Drops mentions whose entity is UINT32_MAX, sorts the rest by position
 * and, if cover is not NULL, refills it (keeping AN_COVER_IGNORED).
 * Always 0. */
int an_match_finish_mentions(struct actnet_extractor *ex, uint32_t *cover);

/* ---- resolve.c ------------------------------------------------------ */

/*
 * The resolve stage: surnames and short forms to full names seen in the
 * same document, gazetteer surnames, and acronyms defined in brackets
 * ("... in Europe (OSCE)").  Rewrites ex->mentions in place and may add
 * mentions.  0 / -1.
 */
int an_resolve_document(struct actnet_extractor *ex);

#endif /* ACTNET_MATCH_H */
