/*
 * test_relate.c — check suite for src/extract/relate.c, run through the
 * extractor: one test per construction of the relate stage (simple SVO,
 * inflections by stemming and from the irregular table, gaps inside a
 * phrase, prepositional targets, appositives, relative clauses,
 * coordination, passive voice, possessive actors of relation nouns,
 * reported speech, negation, modality, symmetric relations, object
 * slots "dispatch ... to"), each
 * asserting the exact (actor, relation, target, negated, hedged) tuples;
 * plus the rules side (relation views, bad phrases, warnings).
 *
 * Rules and sentences are written for these tests.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"

static const char world[] =
    "version: 1\n"
    "abbreviations: [Mr]\n"
    "lists:\n"
    "  titles: [ambassador, envoy, President]\n"
    "entities:\n"
    "  - {id: RUS, type: country, name: Russia, adjectives: [Russian],\n"
    "     metonyms: [Kremlin]}\n"
    "  - {id: BLR, type: country, name: Belarus, adjectives: [Belarusian]}\n"
    "  - {id: LTU, type: country, name: Lithuania}\n"
    "  - {id: EU, type: organisation, name: European Union,\n"
    "     aliases: [EU]}\n"
    "  - {id: UK, type: country, name: United Kingdom, aliases: [UK],\n"
    "     adjectives: [British]}\n"
    "  - {id: putin, type: person, name: Vladimir Putin, aliases: [Putin]}\n"
    "  - {id: luka, type: person, name: Alexander Lukashenko,\n"
    "     aliases: [Lukashenko]}\n"
    "  - {id: macron, type: person, name: Emmanuel Macron,\n"
    "     aliases: [Macron]}\n"
    "  - {id: merkel, type: person, name: Angela Merkel,\n"
    "     aliases: [Merkel]}\n"
    "  - {id: tikh, type: person, name: Svetlana Tikhanovskaya,\n"
    "     aliases: [Tikhanovskaya]}\n"
    "agents:\n"
    "  - {id: police, name: police, aliases: [police]}\n"
    "relations:\n"
    "  - id: sanction\n"
    "    label: sanctions\n"
    "    polarity: -1\n"
    "    class: material-conflict\n"
    "    verbs: [sanction, impose sanctions on]\n"
    "    nouns: [sanctions against]\n"
    "  - id: meet\n"
    "    polarity: 1\n"
    "    symmetric: true\n"
    "    class: verbal-cooperation\n"
    "    verbs: [meet, meet with, hold talks with]\n"
    "    nouns: [meeting with]\n"
    "  - {id: urge, polarity: 0, class: verbal-cooperation,\n"
    "     verbs: [urge, call on]}\n"
    "  - {id: support, polarity: 1, class: verbal-cooperation,\n"
    "     verbs: [support, back], nouns: [support for]}\n"
    "  - {id: congratulate, polarity: 1, class: verbal-cooperation,\n"
    "     verbs: [congratulate]}\n"
    "  - {id: detain, polarity: -1, class: material-conflict,\n"
    "     verbs: [detain, arrest]}\n"
    "  - {id: criticise, polarity: -1, class: verbal-conflict,\n"
    "     verbs: [criticise, condemn]}\n"
    "  - {id: visit, polarity: 1, class: verbal-cooperation,\n"
    "     verbs: [visit]}\n"
    "inflections:\n"
    "  meet: [met]\n"
    "  hold: [held]\n";

static actnet_rules *rules;
static actnet_extractor *ex;
static char got[4096];

static void load(const char *yaml)
{
    actnet_error err;
    rules = actnet_rules_create();
    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(actnet_rules_load_string(rules, "t.yaml", yaml,
                                           strlen(yaml), &err) == ACTNET_OK &&
                  actnet_rules_compile(rules, &err) == ACTNET_OK,
                  "%s:%d:%d: %s", err.path, err.line, err.column,
                  err.message);
    ex = actnet_extractor_create(rules);
    ck_assert_ptr_nonnull(ex);
}

static void setup(void)
{
    rules = NULL;
    ex = NULL;
    load(world);
}

static void teardown(void)
{
    actnet_extractor_destroy(ex);
    actnet_rules_destroy(rules);
}

/*
 * Runs the pipeline over text and returns its events as
 * "actor relation target[ neg][ hedge]" joined by "; ", in text order.
 */
static const char *events(const char *text)
{
    actnet_error err;
    actnet_document d = {"doc", NULL, text, strlen(text)};
    ck_assert_int_eq(actnet_extractor_run(ex, &d, &err), ACTNET_OK);
    const actnet_event *ev = actnet_extractor_events(ex);
    size_t n = actnet_extractor_event_count(ex);
    size_t len = 0;
    got[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const actnet_entity *a = actnet_extractor_entity(ex, ev[i].actor);
        const actnet_entity *t = actnet_extractor_entity(ex, ev[i].target);
        const actnet_relation *r = actnet_rules_relation(rules,
                                                         ev[i].relation);
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(t);
        ck_assert_ptr_nonnull(r);
        len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s %s %s%s%s",
                                i ? "; " : "", a->id, r->id, t->id,
                                ev[i].negated ? " neg" : "",
                                ev[i].hedged ? " hedge" : "");
        ck_assert_uint_lt(len, sizeof(got));
    }
    return got;
}

#define EXPECT(text, want) ck_assert_str_eq(events(text), want)

START_TEST(simple_svo)
{
    EXPECT("The EU sanctioned Lukashenko.", "EU sanction luka");
    EXPECT("Putin congratulated Lukashenko on his re-election.",
           "putin congratulate luka");
    /* No actor, no target, or a pronoun subject: no event. */
    EXPECT("The sanctions were harsh.", "");
    EXPECT("Lukashenko condemned the decision.", "");
    EXPECT("He met Putin.", "");
}
END_TEST

START_TEST(event_span_and_sentence)
{
    const char *text = "Nothing here. The UK imposed fresh sanctions on "
                       "Lukashenko.";
    EXPECT(text, "UK sanction luka");
    const actnet_event *ev = actnet_extractor_events(ex);
    const char *p = strstr(text, "imposed");
    ck_assert_uint_eq(ev[0].sentence, 1);
    ck_assert_uint_eq(ev[0].start, (size_t)(p - text));
    ck_assert_uint_eq(ev[0].end, (size_t)(p - text) +
                                     strlen("imposed fresh sanctions on"));
}
END_TEST

START_TEST(inflection_by_stemming)
{
    EXPECT("Putin congratulates Lukashenko.", "putin congratulate luka");
    EXPECT("The EU is sanctioning Russia.", "EU sanction RUS");
    EXPECT("Macron urges Russia to talk.", "macron urge RUS");
    /* British and American spellings share a stem. */
    EXPECT("Merkel criticized Russia.", "merkel criticise RUS");
}
END_TEST

START_TEST(irregular_form)
{
    EXPECT("Putin met Lukashenko.", "putin meet luka");
    EXPECT("Tikhanovskaya held talks with Macron.",
           "tikh meet macron");
    /* Forms not in the table and not stems of a verb do not match. */
    EXPECT("Putin meat Lukashenko.", "");
}
END_TEST

START_TEST(gap_inside_phrase)
{
    EXPECT("The UK imposed fresh sanctions on Lukashenko.",
           "UK sanction luka");
    EXPECT("The UK imposed tough new sanctions on Lukashenko.",
           "UK sanction luka");
    EXPECT("Macron strongly condemned Russia.", "macron criticise RUS");
    /* Three words, or a preposition in the gap: no phrase. */
    EXPECT("The UK imposed very tough new sanctions on Lukashenko.", "");
    EXPECT("The EU called for talks on Belarus.", "");
}
END_TEST

START_TEST(prepositional_target)
{
    EXPECT("The EU called on Russia to withdraw.", "EU urge RUS");
    EXPECT("EU sanctions against Belarus were extended.",
           "EU sanction BLR");
    /* "the X of Y" after the phrase gives Y. */
    EXPECT("The UK calls on the Government of Belarus to act.",
           "UK urge BLR");
    /* Another preposition's object is no target. */
    EXPECT("Macron met reporters in Lithuania.", "");
}
END_TEST

START_TEST(appositive_skipped)
{
    EXPECT("Tikhanovskaya, the opposition leader living in Lithuania, "
           "urged the EU to act.", "tikh urge EU");
    EXPECT("Putin, 68, congratulated Lukashenko.", "putin congratulate luka");
    /* A verb inside the appositive refers to the name before it. */
    EXPECT("Lukashenko, backed by Putin, condemned the EU.",
           "putin support luka; luka criticise EU");
}
END_TEST

START_TEST(relative_clause_skipped)
{
    EXPECT("Tikhanovskaya, who fled to Lithuania, urged the EU to act.",
           "tikh urge EU");
    EXPECT("Lukashenko, who met Putin, criticised the EU.",
           "luka meet putin; luka criticise EU");
}
END_TEST

START_TEST(coordination_of_actors)
{
    EXPECT("Macron and Merkel urged Russia to negotiate.",
           "macron urge RUS; merkel urge RUS");
    EXPECT("The UK, Lithuania and the EU condemned Russia.",
           "UK criticise RUS; LTU criticise RUS; EU criticise RUS");
    /* Titles between coordinated names are skipped. */
    EXPECT("Russian President Vladimir Putin and Belarusian leader "
           "Alexander Lukashenko criticised the EU.",
           "putin criticise EU; luka criticise EU");
}
END_TEST

START_TEST(coordination_of_targets)
{
    EXPECT("Lukashenko visited Lithuania and Russia.",
           "luka visit LTU; luka visit RUS");
    EXPECT("Putin met Macron, Merkel and Tikhanovskaya.",
           "putin meet macron; putin meet merkel; putin meet tikh");
    /* A comma alone is no list: "Merkel" starts a new clause. */
    EXPECT("Putin met Macron, Merkel said.", "putin meet macron");
}
END_TEST

START_TEST(coordinated_verbs)
{
    /* The second verb takes the first verb's actor. */
    EXPECT("Tikhanovskaya met EU ministers in Lithuania and urged them "
           "to act.", "tikh meet EU");
    EXPECT("Putin congratulated Lukashenko and criticised the EU.",
           "putin congratulate luka; putin criticise EU");
}
END_TEST

START_TEST(passive_with_by)
{
    EXPECT("Tikhanovskaya was detained by Belarusian police.",
           "BLR/police detain tikh");
    EXPECT("Lukashenko has been sanctioned by the EU.", "EU sanction luka");
    EXPECT("Lukashenko was criticised by Macron and Merkel.",
           "macron criticise luka; merkel criticise luka");
    /* Without "by" the actor is unknown: no event. */
    EXPECT("Tikhanovskaya was detained.", "");
    EXPECT("Tikhanovskaya was detained in Lithuania.", "");
}
END_TEST

START_TEST(possessive_noun)
{
    EXPECT("Putin's support for Lukashenko is firm.",
           "putin support luka");
    EXPECT("Putin\xe2\x80\x99s continued support for Lukashenko is firm.",
           "putin support luka");
    EXPECT("Tikhanovskaya's meeting with Macron was short.",
           "tikh meet macron");
    /* A relation noun without a possessor or modifier: no event. */
    EXPECT("The support for Lukashenko is firm.", "");
    EXPECT("The EU criticised the support for Lukashenko.", "");
}
END_TEST

START_TEST(light_verb_noun)
{
    /* The subject of a verb that takes the relation noun. */
    EXPECT("The EU imposed sanctions against Belarus.", "EU sanction BLR");
    EXPECT("The Kremlin said talks ended after Putin this week vowed "
           "military support for Lukashenko.", "putin support luka hedge");
    EXPECT("The EU did not impose sanctions against Belarus.",
           "EU sanction BLR neg");
}
END_TEST

START_TEST(derived_nouns_rejected)
{
    /* "critic" shares the stem of "criticize" but is no form of it. */
    EXPECT("Lukashenko critic Macron criticized Russia.",
           "macron criticise RUS");
    /* Inflections of phrase words other than the head are fine. */
    EXPECT("The UK was imposing sanctions on Lukashenko.",
           "UK sanction luka");
}
END_TEST

START_TEST(unknown_subjects)
{
    /* A gerund after a preposition, a purpose infinitive after a noun. */
    EXPECT("Lithuania was praised for sanctioning Russia.", "");
    EXPECT("Merkel organised a summit to criticise Russia.", "");
    /* ... but "accused X of -ing" has X as subject. */
    EXPECT("Lukashenko accused the Kremlin of sanctioning Belarus.",
           "RUS sanction BLR");
    /* a gerund of means has the clause's subject */
    EXPECT("Lukashenko broke his promise by detaining Tikhanovskaya.",
           "luka detain tikh");
}
END_TEST

START_TEST(reported_speech)
{
    /* The inner clause has its own subject. */
    EXPECT("Putin said Lukashenko had met Macron.", "luka meet macron");
    EXPECT("Merkel said that the EU would sanction Russia.",
           "EU sanction RUS hedge");
    /* A pronoun subject after a speech verb is the speaker. */
    EXPECT("Macron said he met Putin.", "macron meet putin");
    /* A non-entity subject in the inner clause: no event. */
    EXPECT("Putin said protesters had met Lukashenko.", "");
    /* "after" introducing a clause, not a prepositional phrase. */
    EXPECT("The talks ended after Russia said it would sanction "
           "Lithuania.", "RUS sanction LTU hedge");
    /* A quotation is a clause of its own. */
    EXPECT("\xe2\x80\x9cWe ask whether Lukashenko, who met Putin, should "
           "be sanctioned by the EU,\xe2\x80\x9d Merkel said.",
           "luka meet putin; EU sanction luka hedge");
    /* Scare quotes are no quotation. */
    EXPECT("Merkel said Russia was \xe2\x80\x9csupporting\xe2\x80\x9d "
           "Lukashenko.", "RUS support luka");
}
END_TEST

START_TEST(negation)
{
    EXPECT("The EU did not sanction Russia.", "EU sanction RUS neg");
    EXPECT("The EU didn't sanction Russia.", "EU sanction RUS neg");
    EXPECT("Russia refused to meet Lithuania.", "RUS meet LTU neg");
    EXPECT("Putin never met Tikhanovskaya.", "putin meet tikh neg");
    EXPECT("Lukashenko was not detained by the police.",
           "police detain luka neg");
}
END_TEST

START_TEST(modality)
{
    EXPECT("Russia threatened to sanction Lithuania.",
           "RUS sanction LTU hedge");
    EXPECT("The EU could sanction Belarus.", "EU sanction BLR hedge");
    EXPECT("Lukashenko plans to visit Russia.", "luka visit RUS hedge");
    EXPECT("Lukashenko may visit Russia.", "luka visit RUS hedge");
    EXPECT("The EU would not sanction Russia.",
           "EU sanction RUS neg hedge");
}
END_TEST

START_TEST(symmetric_relation)
{
    /* As written, in both directions. */
    EXPECT("Putin met Lukashenko.", "putin meet luka");
    EXPECT("Lukashenko met Putin.", "luka meet putin");
    /* Coordinated actors and no target: one event per pair. */
    EXPECT("Putin and Lukashenko met in Sochi.", "putin meet luka");
    /* Not for a relation that is not symmetric. */
    EXPECT("Putin and Lukashenko criticised in Sochi.", "");
}
END_TEST

START_TEST(clause_boundaries)
{
    /* A new subject after a comma ends the clause. */
    EXPECT("When Putin arrived, officials met Lukashenko.", "");
    /* An object of a preposition is no actor. */
    EXPECT("Protesters in Belarus have condemned Putin.", "");
    /* The head a possessive points to: "Lukashenko's ally Russia". */
    EXPECT("Macron urged Lukashenko's close ally Russia to act.",
           "macron urge RUS");
    /* A semicolon ends the clause. */
    EXPECT("Putin arrived; officials met Lukashenko.", "");
    /* A country adjective before a common noun is no target. */
    EXPECT("Merkel criticised stodgy British food.", "");
    EXPECT("Merkel criticised Belarusian police.", "merkel criticise "
           "BLR/police");
    /* ... but before a title it stands for the country. */
    EXPECT("Merkel criticised the British ambassador.",
           "merkel criticise UK");
}
END_TEST

START_TEST(relation_views)
{
    ck_assert_uint_eq(actnet_rules_relation_count(rules), 8);
    const actnet_relation *r = actnet_rules_relation(rules, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->id, "sanction");
    ck_assert_str_eq(r->label, "sanctions");
    ck_assert_int_eq(r->polarity, -1);
    ck_assert_str_eq(r->cls, "material-conflict");
    ck_assert_int_eq(r->symmetric, 0);
    ck_assert_str_eq(r->rule_path, "t.yaml");
    ck_assert_int_gt(r->rule_line, 0);
    r = actnet_rules_relation(rules, 1);
    ck_assert_int_eq(r->symmetric, 1);
    ck_assert_ptr_null(actnet_rules_relation(rules, 8));
}
END_TEST

START_TEST(no_relations_no_events)
{
    actnet_extractor_destroy(ex);
    actnet_rules_destroy(rules);
    load("version: 1\n"
         "entities:\n"
         "  - {id: A, type: country, name: Arcadia}\n"
         "  - {id: B, type: country, name: Borealia}\n");
    ck_assert_uint_eq(actnet_rules_relation_count(rules), 0);
    EXPECT("Arcadia sanctioned Borealia.", "");
}
END_TEST


/* A world with object slots: "dispatch ... to" (send) beside specific
 * "send aid to" (aid) and "send troops to" (mobilise), where "troops" is
 * an agent. */
static const char slot_world[] =
    "version: 1\n"
    "entities:\n"
    "  - {id: RUS, type: country, name: Russia, metonyms: [Kremlin],\n"
    "     adjectives: [Russian]}\n"
    "  - {id: BLR, type: country, name: Belarus, metonyms: [Minsk]}\n"
    "  - {id: EU, type: organisation, name: European Union, aliases: [EU]}\n"
    "  - {id: luka, type: person, name: Alexander Lukashenko,\n"
    "     aliases: [Lukashenko]}\n"
    "agents:\n"
    "  - {id: troops, name: troops, aliases: [troops, riot police]}\n"
    "relations:\n"
    "  - {id: aid, polarity: 1, verbs: [send aid to]}\n"
    "  - {id: mobilise, polarity: -1, verbs: [send troops to]}\n"
    "  - {id: send, polarity: 0, verbs: [dispatch ... to, send \xE2\x80\xA6 to]}\n"
    "  - {id: accuse, polarity: -1, verbs: [accuse]}\n"
    "inflections:\n"
    "  send: [sent]\n";

START_TEST(object_slot)
{
    teardown();
    load(slot_world);
    EXPECT("Russia dispatched mercenaries to Belarus.", "RUS send BLR");
    /* The object may be an entity (an agent); it is no target. */
    EXPECT("The Kremlin dispatched troops to Minsk.", "RUS send BLR");
    EXPECT("Lukashenko dispatched his notorious riot police to Minsk.",
           "luka send BLR");
    EXPECT("Russia sent hundreds of observers to Belarus.", "RUS send BLR");
    /* The specific phrase wins over the slot of the same length, also
     * when its word is an agent's ("troops", "Russian troops"). */
    EXPECT("The EU sent aid to Belarus.", "EU aid BLR");
    EXPECT("The Kremlin sent troops to Minsk.", "RUS mobilise BLR");
    EXPECT("The Kremlin sent Russian troops to Minsk.", "RUS mobilise BLR");
    EXPECT("The Kremlin sent riot police to Minsk.", "RUS send BLR");
    /* At least one word, at most six, no clause boundary in between. */
    EXPECT("Russia dispatched to Belarus.", "");
    EXPECT("Russia dispatched a very large and well armed force to Belarus.",
           "");
    EXPECT("Russia dispatched them, and Belarus to Minsk.", "");
    /* "accused X of dispatching Y to Z": X is the actor. */
    EXPECT("Lukashenko accused the Kremlin of dispatching mercenaries to "
           "Minsk.", "luka accuse RUS; RUS send BLR");
}
END_TEST

/* Targets inside the verb's object: a directed preposition after a
 * short object ("threatened action against X"); an object that names an
 * act passes it on for verbs of appeal, support and threat, and is no
 * act on X for the others ("condemned the attack on X"). */
static const char aim_world[] =
    "version: 1\n"
    "entities:\n"
    "  - {id: RUS, type: country, name: Russia}\n"
    "  - {id: BLR, type: country, name: Belarus}\n"
    "  - {id: LTU, type: country, name: Lithuania}\n"
    "relations:\n"
    "  - {id: threaten, polarity: -1, cameo: \"130\", verbs: [threaten]}\n"
    "  - {id: urge, polarity: 0, cameo: \"020\", verbs: [urge, call for]}\n"
    "  - {id: support, polarity: 1, cameo: \"051\", verbs: [back]}\n"
    "  - {id: condemn, polarity: -1, cameo: \"111\", verbs: [condemn]}\n"
    "  - {id: sign, polarity: 1, cameo: \"057\", verbs: [sign]}\n"
    "  - {id: campaign, polarity: -1, cameo: \"100\", verbs: [campaign]}\n"
    "  - id: sanction\n"
    "    polarity: -1\n"
    "    cameo: \"163\"\n"
    "    verbs: [sanction]\n"
    "    nouns: [sanctions on, sanctions against]\n"
    "  - {id: attack, polarity: -1, cameo: \"190\", verbs: [attack],\n"
    "     nouns: [attack on, offensive against, raid on]}\n"
    "  - {id: meet, polarity: 1, symmetric: true, verbs: [meet],\n"
    "     nouns: [talks between, talks with]}\n";

START_TEST(targets_in_objects)
{
    teardown();
    load(aim_world);
    EXPECT("Russia threatened tough action against Belarus.",
           "RUS threaten BLR");
    EXPECT("Russia signed a trade pact with Belarus.", "RUS sign BLR");
    /* a preposition that aims at nothing, or a second one: no target */
    EXPECT("Russia signed a trade pact in Belarus.", "");
    EXPECT("Russia threatened action in the east against Belarus.", "");
    /* an adverb is no object */
    EXPECT("Russia campaigned heavily on Belarus.", "");
    /* the act the object names, hedged, for appeals and threats */
    EXPECT("Russia called for sanctions on Belarus.",
           "RUS sanction BLR hedge");
    EXPECT("Lithuania backed new sanctions against Belarus.",
           "LTU sanction BLR hedge");
    EXPECT("Russia threatened an attack on Lithuania.",
           "RUS attack LTU hedge");
    /* someone else's act */
    EXPECT("Russia condemned the attack on Lithuania.", "");
}
END_TEST

/* Events as nouns: light verbs with an indefinite article between
 * ("launched a major offensive against"), "carried out", and a
 * symmetric noun with its pair after it ("talks between X and Y"). */
START_TEST(noun_events_and_light_verbs)
{
    teardown();
    load(aim_world);
    EXPECT("Russia launched a major offensive against Belarus.",
           "RUS attack BLR");
    EXPECT("Russia carried out a raid on Lithuania.", "RUS attack LTU");
    EXPECT("Russia's attack on Lithuania failed.", "RUS attack LTU");
    EXPECT("Talks between Russia and Belarus resumed on Monday.",
           "RUS meet BLR");
    /* "with" is no pair, and a noun after "the" is someone else's */
    EXPECT("Talks with Russia and Belarus resumed.", "");
    EXPECT("Russia announced the offensive against Belarus.", "");
    /* a promising light verb hedges; one event, not two */
    EXPECT("Russia threatened sanctions against Belarus.",
           "RUS sanction BLR hedge");
}
END_TEST

/* A capitalised word inside a sentence is part of a name, not a verb;
 * a headline in title case keeps its verbs. */
START_TEST(capitalised_words_are_names)
{
    EXPECT("Russia praised the new Support Lithuania group of young "
           "artists in the old town.", "");
    EXPECT("Russia and Macron Support Lithuania.", "RUS support LTU; "
           "macron support LTU");
    EXPECT("Russia: Support Lithuania, now and in the long run.", "");
}
END_TEST

START_TEST(object_slot_refused_at_the_ends)
{
    static const char *bad[] = {"[dispatch to ...]", "[dispatch ... ... to]",
                                "[dispatch ...]"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        actnet_error err;
        char yaml[256];
        actnet_rules *r = actnet_rules_create();
        snprintf(yaml, sizeof(yaml), "version: 1\nrelations:\n"
                 "  - id: send\n    polarity: 0\n    verbs: %s\n", bad[i]);
        ck_assert_int_eq(actnet_rules_load_string(r, "s.yaml", yaml,
                                                  strlen(yaml), &err),
                         ACTNET_OK);
        ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
        ck_assert_int_eq(err.line, 5);
        ck_assert_msg(strstr(err.message, "'...' stands for the object"),
                      "%s: %s", bad[i], err.message);
        actnet_rules_destroy(r);
    }
}
END_TEST

START_TEST(bad_phrase_refused)
{
    actnet_error err;
    actnet_rules *r = actnet_rules_create();
    const char *yaml = "version: 1\n"
                       "relations:\n"
                       "  - id: meet\n"
                       "    polarity: 1\n"
                       "    verbs: [\"(with) meet\"]\n";
    ck_assert_int_eq(actnet_rules_load_string(r, "bad.yaml", yaml,
                                              strlen(yaml), &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    ck_assert_str_eq(err.path, "bad.yaml");
    ck_assert_int_eq(err.line, 5);
    ck_assert_int_eq(err.column, 13);
    ck_assert_ptr_nonnull(strstr(err.message, "must start with a word"));
    ck_assert_ptr_null(actnet_extractor_create(r));
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(phrase_in_two_relations_warned)
{
    actnet_error err;
    actnet_rules *r = actnet_rules_create();
    const char *yaml = "version: 1\n"
                       "relations:\n"
                       "  - {id: meet, polarity: 1, verbs: [meet]}\n"
                       "  - {id: see, polarity: 0, verbs: [see, meets]}\n";
    ck_assert_int_eq(actnet_rules_load_string(r, "w.yaml", yaml,
                                              strlen(yaml), &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_OK);
    int found = 0;
    for (size_t i = 0; i < actnet_rules_warning_count(r); i++) {
        const actnet_error *w = actnet_rules_warning(r, i);
        if (strstr(w->message, "relation 'meet'") && w->line == 4)
            found = 1;
    }
    ck_assert_msg(found, "no warning about 'meets' in two relations");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(events_reset_per_document)
{
    EXPECT("Putin met Lukashenko.", "putin meet luka");
    EXPECT("Nothing happened.", "");
    EXPECT("", "");
}
END_TEST

/* A head word with more phrases than the per-form bit set of relate.c
 * holds (PLAN_MAX, 15): its phrases are walked one by one, with the same
 * results as for a word with few phrases. */
static const char many_world[] =
    "version: 1\n"
    "entities:\n"
    "  - {id: RUS, type: country, name: Russia}\n"
    "  - {id: EU, type: organisation, name: European Union, aliases: [EU]}\n"
    "  - {id: putin, type: person, name: Vladimir Putin, aliases: [Putin]}\n"
    "  - {id: macron, type: person, name: Emmanuel Macron,\n"
    "     aliases: [Macron]}\n"
    "relations:\n"
    "  - {id: urge, polarity: 0, verbs: [call on]}\n"
    "  - {id: phone, polarity: 0, verbs: [call, call at, call by, call in,\n"
    "     call off, call out, call up, call down, call over, call around,\n"
    "     call back, call about, call after, call before, call near],\n"
    "     nouns: [call with]}\n";

START_TEST(many_phrases_per_head)
{
    teardown();
    load(many_world);
    EXPECT("The EU called on Russia to withdraw.", "EU urge RUS");
    EXPECT("Macron called Putin.", "macron phone putin");
    EXPECT("Macron called up Putin.", "macron phone putin");
    EXPECT("Macron calls back Putin.", "macron phone putin");
    /* after an article only the noun matches */
    EXPECT("The call on Russia was ignored.", "");
    EXPECT("Macron's call with Putin was short.", "macron phone putin");
}
END_TEST

/* ---- language: the function words and the stemmer are data ---------- */

static const char small_world[] =
    "version: 1\n"
    "entities:\n"
    "  - {id: putin, type: person, name: Vladimir Putin, aliases: [Putin]}\n"
    "  - {id: luka, type: person, name: Alexander Lukashenko,\n"
    "     aliases: [Lukashenko]}\n"
    "relations:\n"
    "  - {id: meet, polarity: 1, class: verbal-cooperation, verbs: [meet]}\n"
    "inflections:\n"
    "  meet: [met]\n";

/* Without a language: section the built-in English one applies; with one,
 * its words are the only function words ("never" is then no negator). */
START_TEST(language_section_is_the_lexicon)
{
    load(small_world);
    EXPECT("Putin never met Lukashenko.", "putin meet luka neg");
    EXPECT("Putin nie met Lukashenko.", "putin meet luka");
    teardown();
    char yaml[2048];
    snprintf(yaml, sizeof(yaml), "%s%s", small_world,
             "language:\n  stemmer: english\n"
             "  words: {negator: [nie], auxiliary: [did]}\n");
    load(yaml);
    EXPECT("Putin nie met Lukashenko.", "putin meet luka neg");
    EXPECT("Putin never met Lukashenko.", "putin meet luka");
    teardown();
    rules = NULL;
    ex = NULL;
}
END_TEST

/* Loads small_world plus extra; the load or compile error must be at
 * line:col of t.yaml and contain want. */
static void expect_language_error(const char *extra, int line, int col,
                                  const char *want)
{
    char yaml[2048];
    actnet_error err;
    actnet_error_clear(&err);
    snprintf(yaml, sizeof(yaml), "%s%s", small_world, extra);
    actnet_rules *r = actnet_rules_create();
    actnet_status st = actnet_rules_load_string(r, "t.yaml", yaml,
                                                strlen(yaml), &err);
    if (st == ACTNET_OK)
        st = actnet_rules_compile(r, &err);
    ck_assert_int_eq(st, ACTNET_ERR_RULES);
    ck_assert_msg(strstr(err.message, want), "got '%s'", err.message);
    ck_assert_str_eq(err.path, "t.yaml");
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, col);
    actnet_rules_destroy(r);
}

START_TEST(language_errors)
{
    expect_language_error("language:\n  stemmer: englsh\n", 11, 12,
                          "unknown stemmer 'englsh'; write one of "
                          "libstemmer's algorithms");
    expect_language_error("language:\n  words: {pronouns: [he]}\n", 11, 11,
                          "unknown key 'pronouns' in the words of a "
                          "language: section; did you mean 'pronoun'?");
    expect_language_error("language:\n  words:\n    pronoun: [he, no one]\n",
                          12, 19, "'no one' in 'pronoun' is not one word");
    expect_language_error("language:\n  words: {pronoun: [he]}\n", 10, 1,
                          "the rules have relations but no stemmer");
    expect_language_error("language:\n  stemmer: english\n"
                          "  words: [he]\n", 12, 10,
                          "'words' must be a mapping of word classes");
}
END_TEST

/* Two files with different stemmers: refused at the second. */
START_TEST(language_one_stemmer)
{
    actnet_error err;
    static const char a[] = "version: 1\nlanguage: {stemmer: english}\n";
    static const char b[] = "version: 1\nlanguage: {stemmer: german}\n";
    actnet_rules *r = actnet_rules_create();
    ck_assert_int_eq(actnet_rules_load_string(r, "a.yaml", a, strlen(a),
                                              &err), ACTNET_OK);
    ck_assert_int_eq(actnet_rules_load_string(r, "b.yaml", b, strlen(b),
                                              &err), ACTNET_ERR_RULES);
    ck_assert_msg(strstr(err.message, "stemmer 'german' differs from "
                         "'english' (a.yaml:2:21)"), "got '%s'", err.message);
    actnet_rules_destroy(r);
}
END_TEST

static Suite *relate_suite(void)
{
    Suite *s = suite_create("relate");
    TCase *tc = tcase_create("constructions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, simple_svo);
    tcase_add_test(tc, event_span_and_sentence);
    tcase_add_test(tc, inflection_by_stemming);
    tcase_add_test(tc, irregular_form);
    tcase_add_test(tc, gap_inside_phrase);
    tcase_add_test(tc, prepositional_target);
    tcase_add_test(tc, appositive_skipped);
    tcase_add_test(tc, relative_clause_skipped);
    tcase_add_test(tc, coordination_of_actors);
    tcase_add_test(tc, coordination_of_targets);
    tcase_add_test(tc, coordinated_verbs);
    tcase_add_test(tc, passive_with_by);
    tcase_add_test(tc, possessive_noun);
    tcase_add_test(tc, light_verb_noun);
    tcase_add_test(tc, derived_nouns_rejected);
    tcase_add_test(tc, unknown_subjects);
    tcase_add_test(tc, reported_speech);
    tcase_add_test(tc, negation);
    tcase_add_test(tc, modality);
    tcase_add_test(tc, symmetric_relation);
    tcase_add_test(tc, clause_boundaries);
    tcase_add_test(tc, relation_views);
    tcase_add_test(tc, no_relations_no_events);
    tcase_add_test(tc, events_reset_per_document);
    tcase_add_test(tc, object_slot);
    tcase_add_test(tc, targets_in_objects);
    tcase_add_test(tc, capitalised_words_are_names);
    tcase_add_test(tc, noun_events_and_light_verbs);
    tcase_add_test(tc, many_phrases_per_head);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("rules");
    tcase_add_test(tr, bad_phrase_refused);
    tcase_add_test(tr, phrase_in_two_relations_warned);
    tcase_add_test(tr, object_slot_refused_at_the_ends);
    tcase_add_test(tr, language_section_is_the_lexicon);
    tcase_add_test(tr, language_errors);
    tcase_add_test(tr, language_one_stemmer);
    suite_add_tcase(s, tr);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(relate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
