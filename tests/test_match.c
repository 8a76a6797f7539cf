/*
 * test_match.c — check suite for src/extract/match.c: the token trie matcher
 * (an_matcher_*), the gazetteer compiled from rules (warnings, surnames,
 * abbreviations) and the match stage run through the extractor: longest
 * match, possessives, case modes, ignore, adjectives, metonyms, agents
 * with and without a country, discovery patterns (except lists, the
 * sentence-initial rule, words, entity and optional elements, name
 * particles).
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "expect_mentions.h"
#include "extract/match.h"
#include "rules/rules.h"
#include "text/text.h"

/* ------------------------------------------------------------------ */
/* The matcher on its own                                               */

static an_matcher *mt;
static an_text txt;

static void matcher_setup(void)
{
    mt = an_matcher_create();
    ck_assert_ptr_nonnull(mt);
    an_text_init(&txt);
}

static void matcher_teardown(void)
{
    an_matcher_destroy(mt);
    an_text_finish(&txt);
}

static void add(const char *phrase, uint32_t kind, uint32_t target, int cs)
{
    ck_assert_int_eq(an_matcher_add(mt, phrase, strlen(phrase), kind, target,
                                    cs), 0);
}

static void segment(const char *s)
{
    ck_assert_int_eq(an_text_segment(&txt, s, strlen(s), NULL), 0);
}

START_TEST(matcher_shortest_first)
{
    add("New York", AN_PH_ALIAS, 1, 1);
    add("New York Times", AN_PH_ALIAS, 2, 1);
    add("New", AN_PH_ALIAS, 3, 1);
    add("York", AN_PH_ALIAS, 4, 1);
    segment("the New York Times said");
    an_match out[8];
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 0, out, 8), 0);
    size_t n = an_matcher_at(mt, &txt, 1, out, 8);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(out[0].tok_start, 1);
    ck_assert_uint_eq(out[0].tok_end, 2);
    ck_assert_uint_eq(out[0].target, 3);
    ck_assert_uint_eq(out[1].tok_end, 3);
    ck_assert_uint_eq(out[1].target, 1);
    ck_assert_uint_eq(out[2].tok_end, 4);
    ck_assert_uint_eq(out[2].target, 2);
    /* max smaller than the count: the count is still the total */
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 1, out, 1), 3);
    ck_assert_uint_eq(out[0].target, 3);
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 2, out, 8), 1);
    ck_assert_uint_eq(out[0].target, 4);
    ck_assert_uint_eq(an_matcher_phrase_count(mt), 4);
}
END_TEST

START_TEST(matcher_entries_in_order)
{
    add("Georgia", AN_PH_ALIAS, 7, 1);
    add("Georgia", AN_PH_ALIAS, 9, 1);
    add("Georgia", AN_PH_ALIAS, 7, 1);   /* the same entry: not again */
    add("Georgia", AN_PH_METONYM, 7, 1);
    segment("Georgia");
    an_match out[8];
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 0, out, 8), 3);
    ck_assert_uint_eq(out[0].target, 7);
    ck_assert_uint_eq(out[0].kind, AN_PH_ALIAS);
    ck_assert_uint_eq(out[1].target, 9);
    ck_assert_uint_eq(out[2].kind, AN_PH_METONYM);
    ck_assert_uint_eq(an_matcher_phrase_count(mt), 1);
}
END_TEST

START_TEST(matcher_case)
{
    add("US", AN_PH_ALIAS, 1, 1);          /* case-sensitive */
    add("Nato", AN_PH_ALIAS, 2, 0);        /* case-insensitive */
    add("us", AN_PH_ALIAS, 3, 1);
    an_match out[4];
    segment("US us Us NATO nato");
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 0, out, 4), 1);
    ck_assert_uint_eq(out[0].target, 1);
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 1, out, 4), 1);
    ck_assert_uint_eq(out[0].target, 3);
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 2, out, 4), 0);
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 3, out, 4), 1);
    ck_assert_uint_eq(out[0].target, 2);
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 4, out, 4), 1);
    /* "US" and "us" are two phrases; "Nato" one */
    ck_assert_uint_eq(an_matcher_phrase_count(mt), 3);
}
END_TEST

START_TEST(matcher_possessives)
{
    add("Lukashenko", AN_PH_ALIAS, 1, 1);
    add("Belarus", AN_PH_ALIAS, 2, 1);
    const char *texts[] = {"Lukashenko's", "Lukashenko\xE2\x80\x99s",
                           "Belarus' x", "Belarus\xE2\x80\x99 x"};
    for (size_t k = 0; k < 4; k++) {
        segment(texts[k]);
        an_match out[2];
        ck_assert_uint_eq(an_matcher_at(mt, &txt, 0, out, 2), 1);
        ck_assert_uint_eq(out[0].tok_end, 1);
        ck_assert_uint_eq(txt.toks[1].kind, AN_TOK_POSSESSIVE);
    }
}
END_TEST

START_TEST(matcher_punctuation_and_empty)
{
    /* a phrase with a hyphen and typographic dash folds alike */
    add("Co-operation Council", AN_PH_ALIAS, 1, 1);
    ck_assert_int_eq(an_matcher_add(mt, " ", 1, AN_PH_ALIAS, 2, 1), 1);
    ck_assert_int_eq(an_matcher_add(mt, "", 0, AN_PH_ALIAS, 2, 1), 1);
    segment("the Co\xE2\x80\x93operation Council met");
    an_match out[2];
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 1, out, 2), 1);
    ck_assert_uint_eq(out[0].tok_start, 1);
    ck_assert_uint_eq(out[0].tok_end, 5);
    /* the walk stops at an unknown token */
    segment("Co-operation Committee");
    ck_assert_uint_eq(an_matcher_at(mt, &txt, 0, out, 2), 0);
    ck_assert_uint_eq(an_matcher_phrase_count(mt), 1);
}
END_TEST

START_TEST(matcher_write_phrases)
{
    add("Belarus", AN_PH_ALIAS, 1, 1);
    add("Republic of Belarus", AN_PH_ALIAS, 1, 1);
    add("Belarus", AN_PH_ADJECTIVE, 2, 0);
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(an_matcher_write_phrases(mt, f), 2);
    rewind(f);
    char buf[128] = "";
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "Belarus\nRepublic of Belarus\n");
    fclose(f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The pipeline through the extractor                                   */

static actnet_rules *rules;
static actnet_extractor *ex;
static const char *doc_text;

static void pipe_setup(void)
{
    rules = NULL;
    ex = NULL;
    doc_text = NULL;
}

static void pipe_teardown(void)
{
    actnet_extractor_destroy(ex);
    actnet_rules_destroy(rules);
}

/* Loads YAML (as file "t.yaml") and compiles; fails the test on error. */
static void load(const char *yaml)
{
    actnet_error err;
    actnet_error_clear(&err);
    if (!rules)
        rules = actnet_rules_create();
    ck_assert_ptr_nonnull(rules);
    actnet_status st = actnet_rules_load_string(rules, "t.yaml", yaml,
                                                strlen(yaml), &err);
    ck_assert_msg(st == ACTNET_OK, "load: %s:%d:%d: %s", err.path, err.line,
                  err.column, err.message);
    st = actnet_rules_compile(rules, &err);
    ck_assert_msg(st == ACTNET_OK, "compile: %s:%d:%d: %s", err.path,
                  err.line, err.column, err.message);
}

static void run(const char *text)
{
    actnet_error err;
    if (!ex)
        ex = actnet_extractor_create(rules);
    ck_assert_ptr_nonnull(ex);
    doc_text = text;
    actnet_document d = {"doc", NULL, text, strlen(text)};
    ck_assert_int_eq(actnet_extractor_run(ex, &d, &err), ACTNET_OK);
}

static void expect_none(void)
{
    expect_mentions(ex, doc_text, NULL, 0);
}

static const char *const BASE_RULES =
    "version: 1\n"
    "abbreviations: [Mr, Dr]\n"
    "entities:\n"
    "  - id: BLR\n"
    "    type: country\n"
    "    name: Belarus\n"
    "    aliases: [Republic of Belarus]\n"
    "    adjectives: [Belarusian]\n"
    "    metonyms: [Minsk]\n"
    "  - id: RUS\n"
    "    type: country\n"
    "    name: Russia\n"
    "    adjectives: [Russian]\n"
    "    metonyms: [Kremlin, the Kremlin]\n"
    "  - id: lukashenko\n"
    "    type: person\n"
    "    name: Alexander Lukashenko\n"
    "    aliases: [Lukashenko]\n"
    "    country: BLR\n"
    "  - id: EU\n"
    "    type: organisation\n"
    "    name: European Union\n"
    "    aliases: [EU, the bloc]\n"
    "  - id: NATO\n"
    "    type: organisation\n"
    "    name: NATO\n"
    "    case: insensitive\n"
    "  - id: US\n"
    "    type: country\n"
    "    name: United States\n"
    "    aliases: [US, U.S.]\n"
    "agents:\n"
    "  - id: police\n"
    "    name: police\n"
    "    aliases: [riot police, security forces]\n"
    "  - id: army\n"
    "    name: army\n"
    "ignore: [Georgia Tech, European Union Street]\n";

START_TEST(longest_match)
{
    load(BASE_RULES);
    run("The Republic of Belarus and the European Union; Belarus.");
    EXPECT({"BLR", "Republic of Belarus", 0, ACTNET_VIA_ALIAS},
           {"EU", "European Union", 0, ACTNET_VIA_ALIAS},
           {"BLR", "Belarus", 1, ACTNET_VIA_ALIAS});
    /* mentions carry sentence and paragraph */
    run("Minsk.\n\nIt said. Russia.");
    EXPECT({"BLR", "Minsk", 0, ACTNET_VIA_METONYM},
           {"RUS", "Russia", 0, ACTNET_VIA_ALIAS});
    const actnet_mention *m = actnet_extractor_mentions(ex);
    ck_assert_uint_eq(m[0].sentence, 0);
    ck_assert_uint_eq(m[0].paragraph, 0);
    ck_assert_uint_eq(m[1].sentence, 2);
    ck_assert_uint_eq(m[1].paragraph, 1);
}
END_TEST

START_TEST(possessives)
{
    load(BASE_RULES);
    run("Lukashenko's men, Lukashenko\xE2\x80\x99s aides, Belarus' army "
        "and the EU\xE2\x80\x99s view.");
    EXPECT({"lukashenko", "Lukashenko", 0, ACTNET_VIA_ALIAS},
           {"lukashenko", "Lukashenko", 1, ACTNET_VIA_ALIAS},
           {"BLR/army", "Belarus' army", 0, ACTNET_VIA_AGENT},
           {"EU", "EU", 0, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(case_modes)
{
    load(BASE_RULES);
    /* US is case-sensitive (the default); NATO insensitive */
    run("Let us see: the US, U.S. and Nato, NATO, nato.");
    EXPECT({"US", "US", 0, ACTNET_VIA_ALIAS},
           {"US", "U.S.", 0, ACTNET_VIA_ALIAS},
           {"NATO", "Nato", 0, ACTNET_VIA_ALIAS},
           {"NATO", "NATO", 0, ACTNET_VIA_ALIAS},
           {"NATO", "nato", 0, ACTNET_VIA_ALIAS});
    run("belarus and BELARUS are not Belarus");
    EXPECT({"BLR", "Belarus", 0, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(file_level_case)
{
    load("version: 1\n"
         "case: insensitive\n"
         "entities:\n"
         "  - {id: UN, type: organisation, name: United Nations}\n"
         "  - {id: WHO, type: organisation, name: WHO, case: sensitive}\n");
    run("The united nations and UNITED NATIONS; who said? WHO said.");
    EXPECT({"UN", "united nations", 0, ACTNET_VIA_ALIAS},
           {"UN", "UNITED NATIONS", 0, ACTNET_VIA_ALIAS},
           {"WHO", "WHO", 0, ACTNET_VIA_ALIAS});
}
END_TEST

/* The tokens the gazetteer step looks at: a word that only starts
 * case-sensitive phrases with a capital is skipped in lower case, one
 * that starts no phrase alone needs an edge to the next token. */
START_TEST(gazetteer_start_filters)
{
    load("version: 1\n"
         "entities:\n"
         "  - {id: SD, type: organisation, name: State Department}\n"
         "  - {id: SM, type: organisation, name: state media}\n"
         "  - {id: WHO, type: organisation, name: WHO}\n"
         "  - {id: who2, type: organisation, name: Who Knows,"
         " case: insensitive}\n"
         "  - {id: ELY, type: organisation, name: \u00c9lys\u00e9e Palace}\n"
         "  - {id: D9, type: organisation, name: 9 Downing}\n"
         "  - {id: KR, type: country, name: Kremlin,"
         " metonyms: [the Kremlin]}\n"
         "  - {id: TH, type: organisation, name: The Hague Court}\n");
    run("The State Department and the state media, not state Department "
        "or State media; who knows? WHO, who, Who knows. \u00c9lys\u00e9e "
        "Palace, \u00e9lys\u00e9e Palace, 9 Downing. In the Kremlin, "
        "then The Hague Court, the Hague court and The Hague court, and "
        "the");
    EXPECT({"SD", "State Department", 0, ACTNET_VIA_ALIAS},
           {"SM", "state media", 0, ACTNET_VIA_ALIAS},
           {"who2", "who knows", 0, ACTNET_VIA_ALIAS},
           {"WHO", "WHO", 0, ACTNET_VIA_ALIAS},
           {"who2", "Who knows", 0, ACTNET_VIA_ALIAS},
           {"ELY", "\u00c9lys\u00e9e Palace", 0, ACTNET_VIA_ALIAS},
           {"D9", "9 Downing", 0, ACTNET_VIA_ALIAS},
           {"KR", "the Kremlin", 0, ACTNET_VIA_METONYM},
           {"TH", "The Hague Court", 0, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(ignore_list)
{
    load(BASE_RULES);
    run("He studied at Georgia Tech near European Union Street; the "
        "European Union said.");
    EXPECT({"EU", "European Union", 1, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(ignore_blocks_entity)
{
    load("version: 1\n"
         "entities:\n"
         "  - {id: GEO, type: country, name: Georgia}\n"
         "ignore: [Georgia Tech]\n");
    run("Georgia Tech is not in Georgia.");
    EXPECT({"GEO", "Georgia", 1, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(ignore_wins_tie)
{
    /* an ignore phrase as long as an alias wins over it */
    load("version: 1\n"
         "entities:\n"
         "  - {id: GEO, type: country, name: Georgia, aliases: [Sakartvelo]}\n"
         "ignore: [Georgia]\n");
    run("Georgia, or Sakartvelo.");
    EXPECT({"GEO", "Sakartvelo", 0, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(adjectives_and_metonyms)
{
    load(BASE_RULES);
    run("Belarusian officials met Russian ones in the Kremlin; Minsk "
        "agreed.");
    EXPECT({"BLR", "Belarusian", 0, ACTNET_VIA_ADJECTIVE},
           {"RUS", "Russian", 0, ACTNET_VIA_ADJECTIVE},
           {"RUS", "the Kremlin", 0, ACTNET_VIA_METONYM},
           {"BLR", "Minsk", 0, ACTNET_VIA_METONYM});
}
END_TEST

START_TEST(agents)
{
    load(BASE_RULES);
    run("Belarusian riot police and Russia's army met the police, and "
        "Minsk security forces. Belarus. Police said.");
    EXPECT({"BLR/police", "Belarusian riot police", 0, ACTNET_VIA_AGENT},
           {"RUS/army", "Russia's army", 0, ACTNET_VIA_AGENT},
           {"police", "police", 1, ACTNET_VIA_AGENT},
           {"BLR/police", "Minsk security forces", 0, ACTNET_VIA_AGENT},
           {"BLR", "Belarus", 0, ACTNET_VIA_ALIAS});
    const actnet_mention *m = actnet_extractor_mentions(ex);
    const actnet_entity *e = actnet_extractor_entity(ex, m[0].entity);
    ck_assert_str_eq(e->label, "Belarus police");
    ck_assert_int_eq(e->type, ACTNET_ORGANISATION);
    ck_assert_str_eq(e->country, "BLR");
    /* one stable entity per combination */
    ck_assert_uint_eq(m[0].entity, m[3].entity);
    e = actnet_extractor_entity(ex, m[2].entity);
    ck_assert_int_eq(e->type, ACTNET_ORGANISATION);
    ck_assert_ptr_null(e->country);
    /* an organisation's name before an agent does not combine */
    run("the EU police");
    EXPECT({"EU", "EU", 0, ACTNET_VIA_ALIAS},
           {"police", "police", 0, ACTNET_VIA_AGENT});
    /* a country name right before an agent; not across a paragraph
     * (hence sentence) end or other tokens */
    run("Belarus security forces came. They left Belarus\n\narmy units "
        "and Russia, army units.");
    EXPECT({"BLR/police", "Belarus security forces", 0, ACTNET_VIA_AGENT},
           {"BLR", "Belarus", 1, ACTNET_VIA_ALIAS},
           {"army", "army", 0, ACTNET_VIA_AGENT},
           {"RUS", "Russia", 0, ACTNET_VIA_ALIAS},
           {"army", "army", 1, ACTNET_VIA_AGENT});
    ck_assert_uint_ne(actnet_extractor_mentions(ex)[1].sentence,
                      actnet_extractor_mentions(ex)[2].sentence);
}
END_TEST

static const char *const PATTERN_RULES =
    "version: 1\n"
    "abbreviations: [Mr]\n"
    "lists:\n"
    "  titles: [President, Foreign Minister, Minister, Mr]\n"
    "  weekdays: [Monday, Tuesday]\n"
    "entities:\n"
    "  - {id: BLR, type: country, name: Belarus, adjectives: [Belarusian]}\n"
    "  - {id: macron, type: person, name: Emmanuel Macron}\n"
    "patterns:\n"
    "  - id: titled-person\n"
    "    type: person\n"
    "    tokens:\n"
    "      - list: titles\n"
    "      - capitalised: 1-3\n"
    "        name: true\n"
    "        except: [weekdays]\n"
    "  - id: party\n"
    "    type: organisation\n"
    "    tokens:\n"
    "      - word: the\n"
    "      - entity: country\n"
    "        optional: true\n"
    "        name: true\n"
    "      - capitalised: 1-2\n"
    "        name: true\n"
    "      - words: [Party, Front]\n"
    "        name: true\n";

START_TEST(pattern_title_person)
{
    load(PATTERN_RULES);
    run("He met Foreign Minister Heiko Maas and Mr. Jean-Claude Juncker "
        "and President Emmanuel Macron.");
    EXPECT({"person:Heiko Maas", "Heiko Maas", 0, ACTNET_VIA_PATTERN},
           {"person:Jean-Claude Juncker", "Jean-Claude Juncker", 0,
            ACTNET_VIA_PATTERN},
           {"macron", "Emmanuel Macron", 0, ACTNET_VIA_ALIAS});
    const actnet_mention *m = actnet_extractor_mentions(ex);
    const actnet_entity *e = actnet_extractor_entity(ex, m[0].entity);
    ck_assert_str_eq(e->label, "Heiko Maas");
    ck_assert_int_eq(e->type, ACTNET_PERSON);
    ck_assert_ptr_null(e->rule_path);
}
END_TEST

START_TEST(pattern_first_names_of_known_person)
{
    load("version: 1\n"
         "lists:\n"
         "  titles: [President]\n"
         "entities:\n"
         "  - {id: putin, type: person, name: Putin}\n"
         "patterns:\n"
         "  - id: titled\n"
         "    type: person\n"
         "    tokens:\n"
         "      - list: titles\n"
         "      - {capitalised: 1-3, name: true}\n");
    run("President Vladimir Putin and President Jan Novak met.");
    EXPECT({"putin", "Putin", 0, ACTNET_VIA_ALIAS},
           {"person:Jan Novak", "Jan Novak", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(pattern_name_normalised)
{
    load(PATTERN_RULES);
    run("Minister Heiko\n  Maas left.");
    EXPECT({"person:Heiko Maas", "Heiko\n  Maas", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(pattern_except)
{
    load(PATTERN_RULES);
    /* a weekday does not count as a capitalised word */
    run("He saw Mr Monday and Minister Smith Tuesday.");
    EXPECT({"person:Smith", "Smith", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(pattern_sentence_initial)
{
    load("version: 1\n"
         "patterns:\n"
         "  - id: said\n"
         "    type: person\n"
         "    tokens:\n"
         "      - {capitalised: 1-2, name: true}\n"
         "      - {word: said}\n");
    /* a capitalised element cannot start a match at a sentence start */
    run("Yesterday said nothing. Then Anna Smith said it.");
    EXPECT({"person:Anna Smith", "Anna Smith", 0, ACTNET_VIA_PATTERN});
    run("Anna said it.");
    expect_none();
}
END_TEST

START_TEST(pattern_entity_words_optional)
{
    load(PATTERN_RULES);
    run("Members of the Belarusian Popular Front and of the United Civil "
        "Party met the Party.");
    EXPECT({"organisation:Belarusian Popular Front",
            "Belarusian Popular Front", 0, ACTNET_VIA_PATTERN},
           {"organisation:United Civil Party", "United Civil Party", 0,
            ACTNET_VIA_PATTERN});
    /* the words element is case-sensitive by default */
    run("the United Civil party");
    expect_none();
}
END_TEST

START_TEST(pattern_keeps_gazetteer)
{
    load("version: 1\n"
         "lists:\n"
         "  titles: [President]\n"
         "entities:\n"
         "  - {id: macron, type: person, name: Macron}\n"
         "patterns:\n"
         "  - id: titled\n"
         "    type: person\n"
         "    tokens:\n"
         "      - list: titles\n"
         "      - entity: person\n"
         "        name: true\n");
    run("President Macron spoke.");
    EXPECT({"macron", "Macron", 0, ACTNET_VIA_ALIAS});
    ck_assert_uint_eq(actnet_extractor_entity_count(ex),
                      actnet_rules_entity_count(rules));
}
END_TEST

/* ------------------------------------------------------------------ */
/* The compiled gazetteer                                               */

static void load_named(const char *name, const char *yaml)
{
    actnet_error err;
    if (!rules)
        rules = actnet_rules_create();
    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(actnet_rules_load_string(rules, name, yaml, strlen(yaml),
                                           &err) == ACTNET_OK,
                  "%s:%d:%d: %s", err.path, err.line, err.column,
                  err.message);
}

static void compile(void)
{
    actnet_error err;
    ck_assert_msg(actnet_rules_compile(rules, &err) == ACTNET_OK,
                  "%s:%d:%d: %s", err.path, err.line, err.column,
                  err.message);
}

START_TEST(ambiguity_warning)
{
    load_named("rules/x.yaml",
               "version: 1\n"
               "entities:\n"
               "  - id: GEO\n"
               "    type: country\n"
               "    name: Georgia\n");
    load_named("rules/y.yaml",
               "version: 1\n"
               "entities:\n"
               "  - id: georgia-us\n"
               "    type: country\n"
               "    name: State of Georgia\n"
               "    aliases: [State of Georgia, Georgia]\n");
    compile();
    ck_assert_uint_eq(actnet_rules_warning_count(rules), 1);
    const actnet_error *w = actnet_rules_warning(rules, 0);
    ck_assert_str_eq(w->path, "rules/y.yaml");
    ck_assert_int_eq(w->line, 6);
    ck_assert_int_eq(w->column, 33);
    ck_assert_str_eq(w->message,
                     "alias 'Georgia' of entity 'GEO' (rules/x.yaml:3:9) is "
                     "also an alias of 'georgia-us' (rules/y.yaml:6:33); the "
                     "first wins (if that is intended, list it under "
                     "'shared' of 'georgia-us')");
    /* the first-defined entity wins at match time */
    run("Georgia and the State of Georgia");
    EXPECT({"GEO", "Georgia", 0, ACTNET_VIA_ALIAS},
           {"georgia-us", "State of Georgia", 0, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(ambiguity_shared_and_case)
{
    load_named("a.yaml",
               "version: 1\n"
               "entities:\n"
               "  - {id: GEO, type: country, name: Georgia}\n"
               "  - {id: us, type: country, name: US}\n"
               "  - {id: PRC, type: country, name: China,"
               " adjectives: [Chinese]}\n");
    load_named("b.yaml",
               "version: 1\n"
               "entities:\n"
               "  - {id: ga, type: country, name: State of Georgia,"
               " aliases: [Georgia], shared: [Georgia]}\n"
               "  - {id: us-pronoun, type: organisation, name: us}\n"
               "  - {id: ROC, type: country, name: Taiwan,"
               " adjectives: [chinese], case: insensitive}\n");
    compile();
    /* Georgia: shared; US / us: both case-sensitive and different;
     * Chinese / chinese: one insensitive, so they collide */
    ck_assert_uint_eq(actnet_rules_warning_count(rules), 1);
    const actnet_error *w = actnet_rules_warning(rules, 0);
    ck_assert_str_eq(w->path, "b.yaml");
    ck_assert_msg(strstr(w->message, "adjective 'Chinese' of entity 'PRC' "
                                     "(a.yaml:5:") == w->message,
                  "%s", w->message);
    ck_assert_msg(strstr(w->message, "is also an adjective of 'ROC' (b.yaml:"),
                  "%s", w->message);
}
END_TEST

START_TEST(gazetteer_tables)
{
    load("version: 1\n"
         "abbreviations: [Mr., Gen, U.S.]\n"
         "lists:\n"
         "  titles: [Mr, General]\n"
         "entities:\n"
         "  - {id: BLR, type: country, name: Belarus}\n"
         "  - {id: a, type: person, name: Alexander Lukashenko,"
         " aliases: [Alyaksandr Lukashenka], country: BLR}\n"
         "  - {id: b, type: person, name: Viktor Lukashenko}\n"
         "  - {id: c, type: person, name: Heiko Maas}\n"
         "  - {id: d, type: person, name: George Washington}\n"
         "  - {id: dc, type: organisation, name: Washington}\n"
         "  - {id: e, type: person, name: Anna Smith}\n"
         "  - {id: moon, type: person, name: Moon Jae-in}\n"
         "agents:\n"
         "  - {id: police, name: police}\n"
         "ignore: [Maas]\n");
    ck_assert_uint_eq(actnet_rules_entity_count(rules), 9);
    ck_assert_uint_eq(rules->n_gaz, 9);
    ck_assert_int_eq(rules->gaz[8].is_agent, 1);
    ck_assert_str_eq(rules->gaz[8].pub.id, "police");
    ck_assert_int_eq(rules->gaz[8].pub.type, ACTNET_ORGANISATION);
    ck_assert_uint_eq(rules->gaz[1].country_idx, 0);
    ck_assert_uint_eq(rules->gaz[0].country_idx, UINT32_MAX);
    ck_assert_str_eq(rules->gaz[1].pub.rule_path, "t.yaml");
    ck_assert_int_eq(rules->gaz[1].pub.rule_line, 7);
    ck_assert_str_eq(rules->gaz[1].pub.country, "BLR");
    /* Belarus, 7 person names, Washington, police, Maas */
    ck_assert_uint_eq(actnet_rules_alias_count(rules), 11);

    uint32_t v;
    ck_assert(an_strmap_get(&rules->abbrevs, "Mr", 2, NULL));
    ck_assert(an_strmap_get(&rules->abbrevs, "Gen", 3, NULL));
    ck_assert(an_strmap_get(&rules->abbrevs, "U.S", 3, NULL));
    ck_assert(!an_strmap_get(&rules->abbrevs, "Mr.", 3, NULL));

    ck_assert(an_strmap_get(&rules->surnames, "lukashenka", 10, &v));
    ck_assert_uint_eq(v, 1);
    ck_assert(an_strmap_get(&rules->surnames, "lukashenko", 10, &v));
    ck_assert_uint_eq(v, UINT32_MAX);      /* two persons */
    ck_assert(an_strmap_get(&rules->surnames, "maas", 4, &v));
    ck_assert_uint_eq(v, UINT32_MAX);      /* ignored */
    ck_assert(an_strmap_get(&rules->surnames, "smith", 5, &v));
    ck_assert_uint_eq(v, 6);
    ck_assert(an_strmap_get(&rules->surnames, "washington", 10, &v));
    ck_assert_uint_eq(v, UINT32_MAX);      /* another entity's alias */
    ck_assert(!an_strmap_get(&rules->surnames, "belarus", 7, NULL));
    /* the last word of "Moon Jae-in" is no surname */
    ck_assert(!an_strmap_get(&rules->surnames, "in", 2, NULL));
    ck_assert(!an_strmap_get(&rules->surnames, "jae", 3, NULL));

    ck_assert(an_strmap_get(&rules->gaz_ids, "police", 6, &v));
    ck_assert_uint_eq(v, 8);
}
END_TEST

/* The shortcuts taken before a pattern is walked (a following list
 * phrase or capitalised word after an entity or a one-token list
 * phrase) must not lose a match. */
START_TEST(pattern_first_two_elements)
{
    load("version: 1\n"
         "abbreviations: [Mr]\n"
         "lists:\n"
         "  titles: [MP, chief, Foreign Minister]\n"
         "  short: {case: sensitive, items: [Mr, Professor]}\n"
         "entities:\n"
         "  - {id: labour, type: organisation, name: Labour}\n"
         "  - {id: BLR, type: country, name: Belarus,"
         " adjectives: [Belarusian]}\n"
         "patterns:\n"
         "  - id: org-titled\n"
         "    type: person\n"
         "    tokens:\n"
         "      - entity: organisation\n"
         "      - list: titles\n"
         "      - {capitalised: 2-3, name: true}\n"
         "  - id: short-titled\n"
         "    type: person\n"
         "    tokens:\n"
         "      - list: short\n"
         "      - {capitalised: 1-2, name: true}\n"
         "  - id: country-org\n"
         "    type: organisation\n"
         "    tokens:\n"
         "      - {entity: country, name: true}\n"
         "      - {capitalised: 1-2, name: true}\n"
         "      - {words: [Front], name: true}\n");
    run("Then Labour MP Pamela Nash and Labour chief Jo Li Wu spoke, and "
        "Labour said so.");
    EXPECT({"labour", "Labour", 0, ACTNET_VIA_ALIAS},
           {"person:Pamela Nash", "Pamela Nash", 0, ACTNET_VIA_PATTERN},
           {"labour", "Labour", 1, ACTNET_VIA_ALIAS},
           {"person:Jo Li Wu", "Jo Li Wu", 0, ACTNET_VIA_PATTERN},
           {"labour", "Labour", 2, ACTNET_VIA_ALIAS});
    /* a multi-token title; the period after an abbreviation; case */
    run("Then Labour Foreign Minister Ann Lee met Mr. Smith, MR Jones, "
        "Professor Brown and PROFESSOR White.");
    EXPECT({"labour", "Labour", 0, ACTNET_VIA_ALIAS},
           {"person:Ann Lee", "Ann Lee", 0, ACTNET_VIA_PATTERN},
           {"person:Smith", "Smith", 0, ACTNET_VIA_PATTERN},
           {"person:Brown", "Brown", 0, ACTNET_VIA_PATTERN});
    run("He saw the Belarusian Popular Front and Belarus front men.");
    EXPECT({"organisation:Belarusian Popular Front",
            "Belarusian Popular Front", 0, ACTNET_VIA_PATTERN},
           {"BLR", "Belarus", 0, ACTNET_VIA_ALIAS});
}
END_TEST

/* Words longer than 8 bytes are compared beyond their first 8 bytes. */
START_TEST(long_words)
{
    load("version: 1\n"
         "entities:\n"
         "  - {id: luk, type: person, name: Lukashenko}\n"
         "  - {id: ind, type: organisation, name: Independentists}\n");
    run("Lukashenka, Lukashenko, Independentist and Independentists.");
    EXPECT({"luk", "Lukashenko", 0, ACTNET_VIA_ALIAS},
           {"ind", "Independentists", 0, ACTNET_VIA_ALIAS});
}
END_TEST

/* Rules with more than 64 lists and 63 patterns: the lists from 64 on
 * and the patterns from 63 on take the general paths. */
START_TEST(many_lists_and_patterns)
{
    size_t cap = 65536, len = 0;
    char *y = malloc(cap);
    ck_assert_ptr_nonnull(y);
    len += (size_t)snprintf(y + len, cap - len, "version: 1\nlists:\n");
    for (int l = 0; l < 70; l++)
        len += (size_t)snprintf(y + len, cap - len, "  l%d: [Word%d]\n", l,
                                l);
    len += (size_t)snprintf(y + len, cap - len,
                            "  days: [Monday]\n  heads: [Party]\n"
                            "patterns:\n");
    for (int p = 0; p < 66; p++)
        len += (size_t)snprintf(y + len, cap - len,
                                "  - id: p%d\n    type: organisation\n"
                                "    tokens:\n"
                                "      - {word: w%d}\n"
                                "      - {capitalised: 1-2, name: true,"
                                " except: [l69, days]}\n"
                                "      - {list: heads, name: true}\n",
                                p, p);
    ck_assert_uint_lt(len, cap);
    load(y);
    free(y);
    run("A w65 Green Party, a w64 Monday Party and w65 Word69 Party.");
    EXPECT({"organisation:Green Party", "Green Party", 0,
            ACTNET_VIA_PATTERN});
}
END_TEST

/* Name particles: the titled pattern takes them, the "said" one counts
 * exactly two capitalised words.  (Titles are list items: resolve would
 * take a capitalised word of no list before a one-word name for a first
 * name.) */
static const char *const PARTICLE_RULES =
    "version: 1\n"
    "abbreviations: [Mr]\n"
    "lists:\n"
    "  titles: [President, General, Minister, Composer, Mr]\n"
    "  weekdays: [Monday]\n"
    "  particles: [von, von der, van, van der, de, bin, al-]\n"
    "  doctor: [Dr]\n"
    "patterns:\n"
    "  - id: titled\n"
    "    type: person\n"
    "    tokens:\n"
    "      - list: titles\n"
    "      - {capitalised: 1-3, name: true, except: [weekdays],\n"
    "         particles: [particles]}\n"
    "  - id: said\n"
    "    type: person\n"
    "    tokens:\n"
    "      - {capitalised: 2, name: true, particles: [particles]}\n"
    "      - {word: said}\n"
    "  - id: plain\n"
    "    type: person\n"
    "    tokens:\n"
    "      - {list: doctor}\n"
    "      - {capitalised: 1-3, name: true}\n";

START_TEST(pattern_particles)
{
    load(PARTICLE_RULES);
    run("President Ursula von der Leyen met General Charles de Gaulle, "
        "Composer Ludwig van Beethoven, Mr Osama bin Laden and Minister "
        "Bashar al-Assad.");
    EXPECT({"person:Ursula von der Leyen", "Ursula von der Leyen", 0,
            ACTNET_VIA_PATTERN},
           {"person:Charles de Gaulle", "Charles de Gaulle", 0,
            ACTNET_VIA_PATTERN},
           {"person:Ludwig van Beethoven", "Ludwig van Beethoven", 0,
            ACTNET_VIA_PATTERN},
           {"person:Osama bin Laden", "Osama bin Laden", 0,
            ACTNET_VIA_PATTERN},
           {"person:Bashar al-Assad", "Bashar al-Assad", 0,
            ACTNET_VIA_PATTERN});
    /* an element without particles stops at the particle, as before */
    run("They saw Dr Ursula von der Leyen.");
    EXPECT({"person:Ursula", "Ursula", 0, ACTNET_VIA_PATTERN});
    /* "al-" is joined to the next word; with spaces it is no particle */
    run("They saw Minister Bashar al - Assad.");
    EXPECT({"person:Bashar", "Bashar", 0, ACTNET_VIA_PATTERN});
    /* a phrase of two particles only where the list has it */
    run("They saw President Anna von van Smith.");
    EXPECT({"person:Anna", "Anna", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(pattern_particles_not_at_ends)
{
    load(PARTICLE_RULES);
    /* never first: no capitalised word before the particle */
    run("They saw President von der Leyen.");
    expect_none();
    /* never last: nothing capitalised after it (end of sentence, a
     * punctuation mark, an excepted word, another sentence) */
    run("They saw President Anna von der. Then Minister Jan de, "
        "General Piet van Monday and Composer Karel van");
    EXPECT({"person:Anna", "Anna", 0, ACTNET_VIA_PATTERN},
           {"person:Jan", "Jan", 0, ACTNET_VIA_PATTERN},
           {"person:Piet", "Piet", 0, ACTNET_VIA_PATTERN},
           {"person:Karel", "Karel", 0, ACTNET_VIA_PATTERN});
    run("They saw President Anna von\n\nLeyen next.");
    EXPECT({"person:Anna", "Anna", 0, ACTNET_VIA_PATTERN});
    /* a run of particles only is no name */
    run("They saw President von der and General de.");
    expect_none();
}
END_TEST

START_TEST(pattern_particles_count)
{
    load(PARTICLE_RULES);
    /* particles do not count toward N-M: three capitalised words */
    run("They saw Minister Jan Karel van der Berg Smit.");
    EXPECT({"person:Jan Karel van der Berg", "Jan Karel van der Berg", 0,
            ACTNET_VIA_PATTERN});
    /* exactly two capitalised words, the particle between them */
    run("Yes, Charles de Gaulle said so; and Anna Maria de Vries said no.");
    EXPECT({"person:Charles de Gaulle", "Charles de Gaulle", 0,
            ACTNET_VIA_PATTERN},
           {"person:Maria de Vries", "Maria de Vries", 0,
            ACTNET_VIA_PATTERN});
}
END_TEST

/* A particles list from 64 on (its start bit shared with list L % 64). */
START_TEST(pattern_particles_big_list)
{
    size_t cap = 65536, len = 0;
    char *y = malloc(cap);
    ck_assert_ptr_nonnull(y);
    len += (size_t)snprintf(y + len, cap - len, "version: 1\nlists:\n");
    for (int l = 0; l < 70; l++)
        len += (size_t)snprintf(y + len, cap - len, "  l%d: [w%d]\n", l, l);
    len += (size_t)snprintf(y + len, cap - len,
                            "  l70: [de la, van]\n  l71: [Mr]\n"
                            "patterns:\n"
                            "  - id: p\n    type: person\n    tokens:\n"
                            "      - {list: l71}\n"
                            "      - {capitalised: 1-3, name: true,"
                            " particles: [l70]}\n");
    ck_assert_uint_lt(len, cap);
    load(y);
    free(y);
    run("A talk with Mr Juan de la Cruz and Mr Kees w6 Smit.");
    EXPECT({"person:Juan de la Cruz", "Juan de la Cruz", 0,
            ACTNET_VIA_PATTERN},
           {"person:Kees", "Kees", 0, ACTNET_VIA_PATTERN});
}
END_TEST


/* A title of several words, perhaps an abbreviation and its period,
 * then the name: the pattern is tried only where a free capitalised
 * word comes within that many tokens. */
START_TEST(pattern_title_then_capital)
{
    load("version: 1\n"
         "abbreviations: [adm]\n"
         "lists:\n"
         "  titles: {case: insensitive, items: [prime minister, rear adm,"
         " Secretary of State for Defence]}\n"
         "patterns:\n"
         "  - id: titled\n"
         "    type: person\n"
         "    tokens:\n"
         "      - list: titles\n"
         "      - {capitalised: 1-2, name: true}\n");
    run("The prime minister Ann Lee met rear adm. Bo Chan, the prime "
        "minister, Rear Adm Cy Doe, Secretary of State for Defence Di Fu "
        "and Secretary of State Jo Wu; a prime minister\n\nTom Li.");
    EXPECT({"person:Ann Lee", "Ann Lee", 0, ACTNET_VIA_PATTERN},
           {"person:Bo Chan", "Bo Chan", 0, ACTNET_VIA_PATTERN},
           {"person:Cy Doe", "Cy Doe", 0, ACTNET_VIA_PATTERN},
           {"person:Di Fu", "Di Fu", 0, ACTNET_VIA_PATTERN});
}
END_TEST

/* Rules whose patterns need a list or words element after capitalised
 * and entity elements: the candidate pass checks that it may start
 * within the run from the token (capitalised words, hyphens, particles,
 * mentions).  With "-" a word of the lists (in `titles` or `particles`)
 * or not. */
static const char *const REACH_RULES =
    "version: 1\n"
    "lists:\n"
    "  heads: [Party, Front, Council of State]\n"
    "  particles: [%s]\n"
    "  titles: [%s]\n"
    "entities:\n"
    "  - {id: labour, type: organisation, name: Labour}\n"
    "  - {id: BLR, type: country, name: Belarus,"
    " adjectives: [Belarusian]}\n"
    "patterns:\n"
    "  - id: named\n"
    "    type: organisation\n"
    "    tokens:\n"
    "      - {word: the, optional: true, name: true}\n"
    "      - {capitalised: 1-3, name: true, particles: [particles]}\n"
    "      - {list: heads, name: true}\n"
    "  - id: agent-named\n"
    "    type: organisation\n"
    "    tokens:\n"
    "      - {capitalised: 1-2, name: true, optional: true}\n"
    "      - {entity: organisation, name: true}\n"
    "      - {list: heads, name: true}\n"
    "  - id: country-named\n"
    "    type: organisation\n"
    "    tokens:\n"
    "      - {entity: country, name: true}\n"
    "      - {capitalised: 1-2, name: true}\n"
    "      - {words: [Union, Movement], name: true}\n"
    "  - id: said\n"
    "    type: person\n"
    "    tokens:\n"
    "      - {capitalised: 2-3, name: true, particles: [particles]}\n"
    "      - {words: [said, told]}\n";

static void reach_cases(void)
{
    run("Then the Jean-Paul Green Party, the Anna von Berg Front and "
        "Omar van der Bashir Council of State met.");
    EXPECT({"organisation:the Jean-Paul Green Party",
            "the Jean-Paul Green Party", 0, ACTNET_VIA_PATTERN},
           {"organisation:the Anna von Berg Front", "the Anna von Berg Front",
            0, ACTNET_VIA_PATTERN},
           {"organisation:Omar van der Bashir Council of State",
            "Omar van der Bashir Council of State", 0, ACTNET_VIA_PATTERN});
    run("Then New Labour Party and Labour Front and the Labour men met.");
    EXPECT({"organisation:New Labour Party", "New Labour Party", 0,
            ACTNET_VIA_PATTERN},
           {"organisation:Labour Front", "Labour Front", 0,
            ACTNET_VIA_PATTERN},
           {"labour", "Labour", 2, ACTNET_VIA_ALIAS});
    run("Then the Belarusian Free Trade Union and Belarus Green Movement "
        "met, and Belarus green men.");
    EXPECT({"organisation:Belarusian Free Trade Union",
            "Belarusian Free Trade Union", 0, ACTNET_VIA_PATTERN},
           {"organisation:Belarus Green Movement", "Belarus Green Movement",
            0, ACTNET_VIA_PATTERN},
           {"BLR", "Belarus", 1, ACTNET_VIA_ALIAS});
    run("Yes, Jan van der Berg said so; Ali Hassan-Omar told them, but "
        "Ali Hassan and Petra said nothing and Green Party men Ali Ben "
        "said no.");
    EXPECT({"person:Jan van der Berg", "Jan van der Berg", 0,
            ACTNET_VIA_PATTERN},
           {"person:Ali Hassan-Omar", "Ali Hassan-Omar", 0,
            ACTNET_VIA_PATTERN},
           {"organisation:Green Party", "Green Party", 0,
            ACTNET_VIA_PATTERN},
           {"person:Ali Ben", "Ali Ben", 0, ACTNET_VIA_PATTERN});
    /* nothing to reach: the list element is not in the run */
    run("Then the Green Left, the party, Green said Party men met.");
    expect_none();
}

START_TEST(pattern_reach)
{
    char y[2048];
    snprintf(y, sizeof(y), REACH_RULES, "von, van der", "Vice-President, Mr");
    load(y);
    reach_cases();
}
END_TEST

/* The same without "-" among the lists' words. */
START_TEST(pattern_reach_no_hyphen_word)
{
    char y[2048];
    snprintf(y, sizeof(y), REACH_RULES, "von, van der", "Mr");
    load(y);
    reach_cases();
}
END_TEST

/* The same with more reach needs than the compacted tables hold (the
 * patterns are then tested one by one). */
START_TEST(pattern_reach_general)
{
    size_t cap = 65536, len = 0;
    char *y = malloc(cap);
    ck_assert_ptr_nonnull(y);
    len += (size_t)snprintf(y + len, cap - len, REACH_RULES,
                            "von, van der, al-", "Mr");
    for (int p = 0; p < 12; p++)
        len += (size_t)snprintf(y + len, cap - len,
                                "  - id: x%d\n    type: person\n"
                                "    tokens:\n"
                                "      - {capitalised: 2, name: true}\n"
                                "      - {word: verb%d}\n",
                                p, p);
    ck_assert_uint_lt(len, cap);
    load(y);
    free(y);
    reach_cases();
    run("Then Ann Lee verb7 it and Ann verb3 it.");
    EXPECT({"person:Ann Lee", "Ann Lee", 0, ACTNET_VIA_PATTERN});
    run("Then Omar al-Bashir Front met.");
    EXPECT({"organisation:Omar al-Bashir Front", "Omar al-Bashir Front", 0,
            ACTNET_VIA_PATTERN});
}
END_TEST

static Suite *match_suite(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("matcher");
    tcase_add_checked_fixture(tc, matcher_setup, matcher_teardown);
    tcase_add_test(tc, matcher_shortest_first);
    tcase_add_test(tc, matcher_entries_in_order);
    tcase_add_test(tc, matcher_case);
    tcase_add_test(tc, matcher_possessives);
    tcase_add_test(tc, matcher_punctuation_and_empty);
    tcase_add_test(tc, matcher_write_phrases);
    suite_add_tcase(s, tc);

    tc = tcase_create("gazetteer");
    tcase_add_checked_fixture(tc, pipe_setup, pipe_teardown);
    tcase_add_test(tc, longest_match);
    tcase_add_test(tc, possessives);
    tcase_add_test(tc, case_modes);
    tcase_add_test(tc, file_level_case);
    tcase_add_test(tc, ignore_list);
    tcase_add_test(tc, ignore_blocks_entity);
    tcase_add_test(tc, ignore_wins_tie);
    tcase_add_test(tc, adjectives_and_metonyms);
    tcase_add_test(tc, agents);
    tcase_add_test(tc, long_words);
    tcase_add_test(tc, gazetteer_start_filters);
    suite_add_tcase(s, tc);

    tc = tcase_create("patterns");
    tcase_add_checked_fixture(tc, pipe_setup, pipe_teardown);
    tcase_add_test(tc, pattern_title_person);
    tcase_add_test(tc, pattern_name_normalised);
    tcase_add_test(tc, pattern_first_names_of_known_person);
    tcase_add_test(tc, pattern_except);
    tcase_add_test(tc, pattern_sentence_initial);
    tcase_add_test(tc, pattern_entity_words_optional);
    tcase_add_test(tc, pattern_keeps_gazetteer);
    tcase_add_test(tc, pattern_first_two_elements);
    tcase_add_test(tc, many_lists_and_patterns);
    tcase_add_test(tc, pattern_particles);
    tcase_add_test(tc, pattern_particles_not_at_ends);
    tcase_add_test(tc, pattern_particles_count);
    tcase_add_test(tc, pattern_particles_big_list);
    tcase_add_test(tc, pattern_title_then_capital);
    tcase_add_test(tc, pattern_reach);
    tcase_add_test(tc, pattern_reach_no_hyphen_word);
    tcase_add_test(tc, pattern_reach_general);
    suite_add_tcase(s, tc);

    tc = tcase_create("compile");
    tcase_add_checked_fixture(tc, pipe_setup, pipe_teardown);
    tcase_add_test(tc, ambiguity_warning);
    tcase_add_test(tc, ambiguity_shared_and_case);
    tcase_add_test(tc, gazetteer_tables);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(match_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
