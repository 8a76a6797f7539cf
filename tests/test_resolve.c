/*
 * test_resolve.c — check suite for src/extract/resolve.c, run through the
 * extractor: bare surnames of gazetteer persons (and when they are
 * ambiguous, ignored or someone else's), "Mr X" resolved to a full name
 * seen in the document, later surnames of discovered persons, and
 * acronyms defined in brackets.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actnet.h"
#include "expect_mentions.h"

static actnet_rules *rules;
static actnet_extractor *ex;
static const char *doc_text;

static void setup(void)
{
    rules = NULL;
    ex = NULL;
    doc_text = NULL;
}

static void teardown(void)
{
    actnet_extractor_destroy(ex);
    actnet_rules_destroy(rules);
}

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

static void run(const char *text)
{
    actnet_error err;
    doc_text = text;
    actnet_document d = {"doc", NULL, text, strlen(text)};
    ck_assert_int_eq(actnet_extractor_run(ex, &d, &err), ACTNET_OK);
}

static const char *const RULES =
    "version: 1\n"
    "abbreviations: [Mr, Mrs]\n"
    "lists:\n"
    "  titles: [Mr, Mrs, Foreign Minister, President, opposition leader]\n"
    "  weekdays: [Monday, Tuesday]\n"
    "entities:\n"
    "  - {id: BLR, type: country, name: Belarus}\n"
    "  - {id: lukashenko, type: person, name: Alexander Lukashenko,"
    " country: BLR, by_surname: true}\n"
    "  - {id: lebedko, type: person, name: Anatoly Lebedko}\n"
    "  - {id: smith-a, type: person, name: Adam Smith}\n"
    "  - {id: smith-b, type: person, name: Zadie Smith}\n"
    "  - {id: washington, type: person, name: George Washington}\n"
    "  - {id: dc, type: country, name: United States,"
    " metonyms: [Washington]}\n"
    "  - {id: osce-long, type: organisation,"
    " name: Organization for Security and Co-operation in Europe}\n"
    "  - {id: EU, type: organisation, name: European Union, aliases: [EU]}\n"
    "ignore: [Lebedko Street]\n"
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
    "      - capitalised: 1-3\n"
    "        name: true\n"
    "      - word: Party\n"
    "        name: true\n";

START_TEST(gazetteer_surname)
{
    load(RULES);
    /* "Later" starts a sentence but occurs in lower case: no first name */
    run("Alexander Lukashenko spoke. Later Lukashenko and Lukashenko's "
        "aides left later.");
    EXPECT({"lukashenko", "Alexander Lukashenko", 0, ACTNET_VIA_ALIAS},
           {"lukashenko", "Lukashenko", 1, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 2, ACTNET_VIA_SURNAME});
    /* known by the surname: no full name needed; a title does not block
     * it.  Lebedko is not: his bare surname needs his full name first */
    run("President Lukashenko said. Lebedko agreed.");
    EXPECT({"lukashenko", "Lukashenko", 0, ACTNET_VIA_SURNAME});
    run("Lebedko came. Then Anatoly Lebedko spoke, and Lebedko left.");
    EXPECT({"lebedko", "Anatoly Lebedko", 0, ACTNET_VIA_ALIAS},
           {"lebedko", "Lebedko", 2, ACTNET_VIA_SURNAME});
}
END_TEST

START_TEST(gazetteer_surname_refused)
{
    load(RULES);
    /* Smith: two persons; Washington: also a metonym; a street name
     * ignored; "Viktor Lukashenko" and "Mike Lebedko" are somebody else;
     * lower case no */
    run("Smith met Washington on Lebedko Street, with Viktor Lukashenko; "
        "lukashenko. Mike Lebedko said.");
    EXPECT({"dc", "Washington", 0, ACTNET_VIA_METONYM});
}
END_TEST

START_TEST(by_surname_section)
{
    /* the section flags a person defined in another file of the set */
    actnet_error err;
    const char *more = "version: 1\nby_surname: [lebedko]\n";
    rules = actnet_rules_create();
    ck_assert_int_eq(actnet_rules_load_string(rules, "t.yaml", RULES,
                                              strlen(RULES), &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_load_string(rules, "s.yaml", more,
                                              strlen(more), &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(rules, &err), ACTNET_OK);
    ex = actnet_extractor_create(rules);
    run("Lebedko agreed. A cricket report: Smith bowled.");
    EXPECT({"lebedko", "Lebedko", 0, ACTNET_VIA_SURNAME});
}
END_TEST

START_TEST(mr_to_full_name)
{
    load(RULES);
    run("Ales Mikhalevich, a candidate, spoke. Police detained "
        "Mr. Mikhalevich on Monday. Mr Mikhalevich was freed.");
    EXPECT({"person:Ales Mikhalevich", "Ales Mikhalevich", 0,
            ACTNET_VIA_PATTERN},
           {"person:Ales Mikhalevich", "Mikhalevich", 1, ACTNET_VIA_SURNAME},
           {"person:Ales Mikhalevich", "Mikhalevich", 2,
            ACTNET_VIA_SURNAME});
    const actnet_mention *m = actnet_extractor_mentions(ex);
    const actnet_entity *e = actnet_extractor_entity(ex, m[0].entity);
    ck_assert_str_eq(e->label, "Ales Mikhalevich");
    ck_assert_int_eq(e->type, ACTNET_PERSON);
}
END_TEST

START_TEST(mr_full_name_later_and_two_words)
{
    load(RULES);
    /* the full name may come after; up to two words before the surname */
    run("Mrs Tsikhanouskaya left. Then Sviatlana Heorhiyeuna "
        "Tsikhanouskaya spoke.");
    EXPECT({"person:Sviatlana Heorhiyeuna Tsikhanouskaya", "Tsikhanouskaya",
            0, ACTNET_VIA_SURNAME},
           {"person:Sviatlana Heorhiyeuna Tsikhanouskaya",
            "Sviatlana Heorhiyeuna Tsikhanouskaya", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(mr_unresolved_and_common_words)
{
    load(RULES);
    /* "Yesterday" starts a sentence and occurs in lower case: not a first
     * name; a title is not a first name either */
    run("Yesterday Mikhalevich left. Mr Mikhalevich said it was yesterday.");
    EXPECT({"person:Mikhalevich", "Mikhalevich", 1, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(many_sentence_initial_words)
{
    load(RULES);
    /* more sentence-initial words before a surname than resolve.c answers
     * by scanning the text: the later ones are looked up in the set of
     * lower-case words, with the same results ("Viktor" and "Mike" do not
     * occur in lower case, so they are first names) */
    run("Then Lukashenko left. Later Lukashenko left. Soon Lukashenko "
        "left. Now Lukashenko left. Today Lukashenko left. Still "
        "Lukashenko left. Again Lukashenko left. Once Lukashenko left. "
        "Viktor Lukashenko left. Also Lukashenko left. Mike Lukashenko "
        "left, and then later soon now today still again once also.");
    EXPECT({"lukashenko", "Lukashenko", 0, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 1, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 2, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 3, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 4, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 5, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 6, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 7, ACTNET_VIA_SURNAME},
           {"lukashenko", "Lukashenko", 9, ACTNET_VIA_SURNAME});
}
END_TEST

START_TEST(mr_to_gazetteer_surname)
{
    load(RULES);
    run("Mr Lebedko said.");
    EXPECT({"lebedko", "Lebedko", 0, ACTNET_VIA_SURNAME});
}
END_TEST

START_TEST(discovered_surname)
{
    load(RULES);
    run("Foreign Minister Heiko Maas arrived. Maas said Mr Maas would go. "
        "Heiko left.");
    EXPECT({"person:Heiko Maas", "Heiko Maas", 0, ACTNET_VIA_PATTERN},
           {"person:Heiko Maas", "Maas", 1, ACTNET_VIA_SURNAME},
           {"person:Heiko Maas", "Maas", 2, ACTNET_VIA_SURNAME});
    /* before the full name was seen, a bare surname stays unresolved */
    run("Maas came. Foreign Minister Heiko Maas arrived.");
    EXPECT({"person:Heiko Maas", "Heiko Maas", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(discovered_surname_ambiguous)
{
    load(RULES);
    run("President Anna Kowalska and President Jan Kowalska met. "
        "Kowalska said.");
    EXPECT({"person:Anna Kowalska", "Anna Kowalska", 0, ACTNET_VIA_PATTERN},
           {"person:Jan Kowalska", "Jan Kowalska", 0, ACTNET_VIA_PATTERN});
}
END_TEST

START_TEST(discovered_vs_gazetteer_surname)
{
    load(RULES);
    /* a person seen in the document wins over the gazetteer's ... */
    run("President Ivan Lebedko came. Lebedko said.");
    EXPECT({"person:Ivan Lebedko", "Ivan Lebedko", 0, ACTNET_VIA_PATTERN},
           {"person:Ivan Lebedko", "Lebedko", 1, ACTNET_VIA_SURNAME});
    /* ... unless the gazetteer's person was mentioned too */
    run("Anatoly Lebedko spoke. President Ivan Lebedko came. Lebedko said.");
    EXPECT({"lebedko", "Anatoly Lebedko", 0, ACTNET_VIA_ALIAS},
           {"person:Ivan Lebedko", "Ivan Lebedko", 0, ACTNET_VIA_PATTERN});
    /* "mentioned" is per document: the last one is forgotten */
    run("President Ivan Lebedko came. Lebedko said.");
    EXPECT({"person:Ivan Lebedko", "Ivan Lebedko", 0, ACTNET_VIA_PATTERN},
           {"person:Ivan Lebedko", "Lebedko", 1, ACTNET_VIA_SURNAME});
}
END_TEST

START_TEST(acronyms)
{
    load(RULES);
    run("The Organization for Security and Co-operation in Europe (OSCE) "
        "sent observers. The OSCE's report, OSCE said. Osce is not it.");
    EXPECT({"osce-long",
            "Organization for Security and Co-operation in Europe", 0,
            ACTNET_VIA_ALIAS},
           {"osce-long", "OSCE", 0, ACTNET_VIA_ACRONYM},
           {"osce-long", "OSCE", 1, ACTNET_VIA_ACRONYM},
           {"osce-long", "OSCE", 2, ACTNET_VIA_ACRONYM});
    /* not before its definition */
    run("OSCE came. The Organization for Security and Co-operation in "
        "Europe (OSCE) said.");
    EXPECT({"osce-long",
            "Organization for Security and Co-operation in Europe", 0,
            ACTNET_VIA_ALIAS},
           {"osce-long", "OSCE", 1, ACTNET_VIA_ACRONYM});
}
END_TEST

START_TEST(acronym_redefined)
{
    load(RULES);
    run("So the United Civil Party (UCP) met. The Organization for Security "
        "and Co-operation in Europe (UCP) too. UCP said.");
    EXPECT({"organisation:United Civil Party", "United Civil Party", 0,
            ACTNET_VIA_PATTERN},
           {"organisation:United Civil Party", "UCP", 0, ACTNET_VIA_ACRONYM},
           {"osce-long",
            "Organization for Security and Co-operation in Europe", 0,
            ACTNET_VIA_ALIAS},
           {"osce-long", "UCP", 1, ACTNET_VIA_ACRONYM},
           {"osce-long", "UCP", 2, ACTNET_VIA_ACRONYM});
}
END_TEST

START_TEST(acronym_after_discovered_org)
{
    load(RULES);
    run("Members of the United Civil Party (UCP) met. The UCP said.");
    EXPECT({"organisation:United Civil Party", "United Civil Party", 0,
            ACTNET_VIA_PATTERN},
           {"organisation:United Civil Party", "UCP", 0, ACTNET_VIA_ACRONYM},
           {"organisation:United Civil Party", "UCP", 1,
            ACTNET_VIA_ACRONYM});
}
END_TEST

START_TEST(acronym_refused)
{
    load(RULES);
    /* already a gazetteer alias; after a person; not in brackets */
    run("The European Union (EU) and Alexander Lukashenko (AL) and the "
        "European Union, EUX. AL said.");
    EXPECT({"EU", "European Union", 0, ACTNET_VIA_ALIAS},
           {"EU", "EU", 0, ACTNET_VIA_ALIAS},
           {"lukashenko", "Alexander Lukashenko", 0, ACTNET_VIA_ALIAS},
           {"EU", "European Union", 1, ACTNET_VIA_ALIAS});
}
END_TEST

/* Rules where a short phrase and an acronym belong to other entities. */
static const char *const ACR_RULES =
    "version: 1\n"
    "lists:\n"
    "  titles: [Mr]\n"
    "entities:\n"
    "  - {id: JPN, type: country, name: Japan}\n"
    "  - {id: greens-us, type: organisation, name: Green Alliance}\n"
    "  - {id: nga-global, type: organisation, name: Northern Growers Army,"
    " aliases: [NGA]}\n"
    "  - {id: pine, type: person, name: Walter Pine}\n";

START_TEST(acronym_long_form_by_initials)
{
    load(ACR_RULES);
    /* the initials reach past the gazetteer's shorter phrase: the long
     * form is a new organisation, and the acronym is its own */
    run("Voters backed the Rural Green Alliance (RGA) in the north. The "
        "RGA said it would join talks.");
    EXPECT({"organisation:Rural Green Alliance", "Rural Green Alliance", 0,
            ACTNET_VIA_PATTERN},
           {"organisation:Rural Green Alliance", "RGA", 0,
            ACTNET_VIA_ACRONYM},
           {"organisation:Rural Green Alliance", "RGA", 1,
            ACTNET_VIA_ACRONYM});
    /* connectors, a hyphenated word and a country inside the long form */
    run("The Bank of Japan Co-operative (BJC) lent more. BJC staff agreed.");
    EXPECT({"organisation:Bank of Japan Co-operative",
            "Bank of Japan Co-operative", 0, ACTNET_VIA_PATTERN},
           {"organisation:Bank of Japan Co-operative", "BJC", 0,
            ACTNET_VIA_ACRONYM},
           {"organisation:Bank of Japan Co-operative", "BJC", 1,
            ACTNET_VIA_ACRONYM});
}
END_TEST

START_TEST(acronym_beats_global_alias)
{
    load(ACR_RULES);
    /* NGA is the gazetteer's alias of another body; in this document it
     * is the company named before it, from its definition on */
    run("NGA marched. Shares of Nordic Gravel Associates (NGA) rose, and "
        "NGA hired staff.");
    EXPECT({"nga-global", "NGA", 0, ACTNET_VIA_ALIAS},
           {"organisation:Nordic Gravel Associates",
            "Nordic Gravel Associates", 0, ACTNET_VIA_PATTERN},
           {"organisation:Nordic Gravel Associates", "NGA", 1,
            ACTNET_VIA_ACRONYM},
           {"organisation:Nordic Gravel Associates", "NGA", 2,
            ACTNET_VIA_ACRONYM});
    /* the long form of the gazetteer's own entity: nothing changes */
    run("The Northern Growers Army (NGA) left. NGA came back.");
    EXPECT({"nga-global", "Northern Growers Army", 0, ACTNET_VIA_ALIAS},
           {"nga-global", "NGA", 0, ACTNET_VIA_ALIAS},
           {"nga-global", "NGA", 1, ACTNET_VIA_ALIAS});
}
END_TEST

START_TEST(acronym_initials_refused)
{
    load(ACR_RULES);
    /* a person's name spelt by the letters; letters that do not match;
     * a lower-case word right before the bracket */
    run("Walter Pine (WP) spoke. Rival Farm Group (XYZ) met. They held "
        "talks (TT) there. WP and XYZ left.");
    EXPECT({"pine", "Walter Pine", 0, ACTNET_VIA_ALIAS});
}
END_TEST

static Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *tc = tcase_create("surnames");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, gazetteer_surname);
    tcase_add_test(tc, gazetteer_surname_refused);
    tcase_add_test(tc, by_surname_section);
    tcase_add_test(tc, mr_to_full_name);
    tcase_add_test(tc, mr_full_name_later_and_two_words);
    tcase_add_test(tc, mr_unresolved_and_common_words);
    tcase_add_test(tc, mr_to_gazetteer_surname);
    tcase_add_test(tc, many_sentence_initial_words);
    tcase_add_test(tc, discovered_surname);
    tcase_add_test(tc, discovered_surname_ambiguous);
    tcase_add_test(tc, discovered_vs_gazetteer_surname);
    suite_add_tcase(s, tc);

    tc = tcase_create("acronyms");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, acronyms);
    tcase_add_test(tc, acronym_after_discovered_org);
    tcase_add_test(tc, acronym_redefined);
    tcase_add_test(tc, acronym_refused);
    tcase_add_test(tc, acronym_long_form_by_initials);
    tcase_add_test(tc, acronym_beats_global_alias);
    tcase_add_test(tc, acronym_initials_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(resolve_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
