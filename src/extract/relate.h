/*
 * relate.h — the relate stage (private): relation verbs and nouns matched
 * in a segmented document, with their actor and target entity mentions,
 * become acts-on events ("the EU sanctioned Lukashenko" -> EU -> lukashenko,
 * relation sanction).
 *
 * The rules side (an_rules_build_relations / an_rules_free_relations,
 * declared in rules.h) compiles every verb and noun phrase of the
 * relations: section into word-id sequences keyed by the stems of the
 * language: section's Snowball stemmer, plus the irregular forms of the inflections: section.  The
 * document side (an_relate_document) runs after resolve and fills the
 * extractor's events array; how actors and targets are attached is told
 * at the top of relate.c.
 */
#ifndef ACTNET_RELATE_H
#define ACTNET_RELATE_H

#include "extract/extract.h"
#include "rules/rules.h"

/* Per-extractor state of the relate stage (a stemmer and caches). */
struct an_relate_state;

/*
 * The relate stage over ex->text and ex->mentions: replaces ex->events
 * with the events of the document, in text order.  Creates ex->relate on
 * first use.  Returns 0, or -1 when out of memory.
 */
int an_relate_document(an_extract *ex);

/* Frees a relate state (NULL is fine). */
void an_relate_state_destroy(struct an_relate_state *st);

#endif /* ACTNET_RELATE_H */
