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

typedef struct an_matcher an_matcher;
struct actnet_extractor;

/* One phrase match: tokens [tok_start, tok_end), what it stands for. */
typedef struct an_match {
    uint32_t tok_start, tok_end;
    uint32_t kind;     /* an_phrase_kind */
    uint32_t target;
} an_match;

/* A new empty matcher, or NULL.  Free with an_matcher_destroy (NULL ok). */
an_matcher *an_matcher_create(void);
void an_matcher_destroy(an_matcher *m);

/*
 * Adds a phrase (UTF-8 text, tokenised like documents).  The same phrase
 * may be added several times with different kinds/targets.  kind is an
 * an_phrase_kind (kept in 16 bits).  Returns 0, 1 if the phrase has no
 * tokens (ignored), or -1 when out of memory.
 */
int an_matcher_add(an_matcher *m, const char *phrase, size_t len,
                   uint32_t kind, uint32_t target, int case_sensitive);

/* Number of distinct phrases added. */
size_t an_matcher_phrase_count(const an_matcher *m);

/*
 * Every phrase that matches text t starting at token i, shortest first
 * (several entries for one phrase come in the order added).  Writes at
 * most max entries to out and returns how many matched in all.
 */
size_t an_matcher_at(const an_matcher *m, const an_text *t, size_t i,
                     an_match *out, size_t max);

/* Writes every distinct phrase (original text), one per line; returns n. */
size_t an_matcher_write_phrases(const an_matcher *m, void *file);



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

/*
 * Every match of m at token i: written to stack (stack_n entries) when
 * they fit, else to a malloc'ed array the caller frees if *out != stack.
 * hs: the tokens' hashes (an_match_scratch) or NULL.  Returns the count,
 * or SIZE_MAX when out of memory.
 */
size_t an_match_all_at(const an_matcher *m, const an_text *t,
                       const uint64_t *hs, size_t i, an_match *stack,
                       size_t stack_n, an_match **out);

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
