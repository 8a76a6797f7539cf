/*
 * test_rules.c — check suite for the YAML rule loader (src/rules/rules.c).
 *
 * Fixtures live in $ACTNET_TEST_DATA/rules: valid/ is a multi-file rule
 * set (subdirectory, .yml, a hidden file and a README that must be
 * skipped, a list used before the file that defines it); bad/ holds one
 * file per error kind.  Every error test asserts the exact path, line,
 * column and a message substring, and that the rule set is poisoned.
 * The "load" case needs only the loader; "compile" also runs match.c.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actnet.h"
#include "rules/rules.h"
#include "rules/yaml_fast.h"

/* $ACTNET_TEST_DATA/rules/<rel> into out. */
static void data_path(char *out, size_t size, const char *rel)
{
    const char *d = getenv("ACTNET_TEST_DATA");
    ck_assert_msg(d != NULL, "ACTNET_TEST_DATA is not set (run via meson)");
    snprintf(out, size, "%s/rules/%s", d, rel);
}

/* Asserts err is at path:line:col and its message contains substr. */
static void assert_err(const actnet_error *err, const char *path, int line,
                       int col, const char *substr)
{
    ck_assert_str_eq(err->path, path);
    ck_assert_msg(err->line == line && err->column == col,
                  "error at %d:%d, expected %d:%d: %s", err->line,
                  err->column, line, col, err->message);
    ck_assert_msg(strstr(err->message, substr) != NULL,
                  "message '%s' lacks '%s'", err->message, substr);
}

/* After a failure: the set refuses further loads and compiles. */
static void assert_poisoned(actnet_rules *r)
{
    actnet_error err;
    ck_assert_int_eq(r->poisoned, 1);
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "earlier error"));
    ck_assert_int_eq(r->compiled, 0);
    const char ok[] = "version: 1\n";
    ck_assert_int_eq(actnet_rules_load_string(r, "ok.yaml", ok,
                                              sizeof(ok) - 1, &err),
                     ACTNET_ERR_RULES);
}

/*
 * Loads the fixture bad/<rel> (a file or directory) and expects load to
 * fail with status st at bad/<at>:line:col with substr in the message.
 */
static void expect_load_error(const char *rel, actnet_status st,
                              const char *at, int line, int col,
                              const char *substr)
{
    char path[2048], where[2048];
    actnet_error err;
    actnet_error_clear(&err);
    data_path(path, sizeof(path), rel);
    data_path(where, sizeof(where), at);
    actnet_rules *r = actnet_rules_create();
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), st);
    assert_err(&err, where, line, col, substr);
    assert_poisoned(r);
    actnet_rules_destroy(r);
}

#define LOAD_ERROR(file, line, col, substr) \
    expect_load_error("bad/" file, ACTNET_ERR_RULES, "bad/" file, line, \
                      col, substr)

/* Loads bad/<rel> fine, then expects compile to fail at bad/<at>. */
static void expect_compile_error(const char *rel, const char *at, int line,
                                 int col, const char *substr)
{
    char path[2048], where[2048];
    actnet_error err;
    actnet_error_clear(&err);
    data_path(path, sizeof(path), rel);
    data_path(where, sizeof(where), at);
    actnet_rules *r = actnet_rules_create();
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    assert_err(&err, where, line, col, substr);
    assert_poisoned(r);
    actnet_rules_destroy(r);
}

/* Loads a string; returns the status, err filled. */
static actnet_status load_str(actnet_rules *r, const char *yaml,
                              actnet_error *err)
{
    actnet_error_clear(err);
    return actnet_rules_load_string(r, "mem.yaml", yaml, strlen(yaml), err);
}

/* ---- one test per error kind (load) -------------------------------- */

START_TEST(unknown_key)
{
    LOAD_ERROR("unknown-key.yaml", 7, 5,
               "unknown key 'alias' in entity; did you mean 'aliases'?");
}
END_TEST

START_TEST(unknown_section)
{
    LOAD_ERROR("unknown-section.yaml", 2, 1,
               "unknown key 'entity' in the top level of a rule file; did "
               "you mean 'entities'?");
}
END_TEST

START_TEST(unknown_key_no_suggestion)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nagents:\n  - id: police\n"
                                 "    name: police\n    colour: blue\n",
                              &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 5, 5, "unknown key 'colour' in agent; the "
               "keys allowed here are id, name, aliases, case and note");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(entity_type)
{
    LOAD_ERROR("entity-type.yaml", 4, 11, "entity type 'persn' is not one "
               "of person, organisation, country, place; did you mean 'person'?");
}
END_TEST

START_TEST(missing_id)
{
    LOAD_ERROR("missing-id.yaml", 6, 5, "missing required key 'id' in "
               "entity");
}
END_TEST

START_TEST(polarity)
{
    LOAD_ERROR("polarity.yaml", 4, 15, "polarity must be -1, 0 or 1");
}
END_TEST

START_TEST(duplicate_key)
{
    LOAD_ERROR("duplicate-key.yaml", 6, 5, "duplicate key 'name' (first at "
               "line 4, column 5)");
}
END_TEST

START_TEST(yaml_alias)
{
    LOAD_ERROR("yaml-alias.yaml", 6, 24,
               "YAML aliases (*x) are not allowed in rule files");
}
END_TEST

START_TEST(yaml_anchor)
{
    LOAD_ERROR("yaml-anchor.yaml", 3, 11,
               "YAML anchors (&t) are not allowed in rule files");
}
END_TEST

START_TEST(deep_nesting)
{
    /* ignore: [[[...]]] — the 16th bracket is level 17 */
    LOAD_ERROR("deep.yaml", 2, 24, "nesting deeper than 16 levels");
}
END_TEST

START_TEST(syntax_error)
{
    LOAD_ERROR("syntax.yaml", 6, 1, "YAML syntax error: found unexpected "
               "end of stream (while scanning a quoted scalar at line 5, "
               "column 11)");
}
END_TEST

START_TEST(by_surname_checked)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    /* only persons; and the section's ids must name persons */
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - {id: acme, "
                                 "type: organisation, name: Acme,\n"
                                 "     by_surname: true}\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 4, 6, "'by_surname' is only for persons");
    actnet_rules_destroy(r);
    r = actnet_rules_create();
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - {id: acme, "
                                 "type: organisation, name: Acme}\n"
                                 "by_surname: [acme,\n  nobody]\n", &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 4, 14, "names 'acme', which is no person");
    actnet_rules_destroy(r);
    r = actnet_rules_create();
    ck_assert_int_eq(load_str(r, "version: 1\nby_surname: putin\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 2, 13, "must be a list of person ids");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(syntax_error_colon)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - id: x\n"
                                 "    name: a: b\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 4, 12, "YAML syntax error: mapping values "
               "are not allowed in this context");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(not_utf8)
{
    LOAD_ERROR("not-utf8.yaml", 2, 18, "not valid UTF-8 text: invalid "
               "leading UTF-8 octet (byte 0xFC)");
}
END_TEST

START_TEST(empty_file)
{
    LOAD_ERROR("empty.yaml", 1, 1, "empty rule file: it has no "
               "'version: 1'");
    LOAD_ERROR("comments-only.yaml", 1, 1, "empty rule file");
}
END_TEST

START_TEST(version_2)
{
    LOAD_ERROR("version-2.yaml", 2, 10, "rule language version 2 is not "
               "supported; this actnet reads version 1");
}
END_TEST

START_TEST(missing_version)
{
    LOAD_ERROR("missing-version.yaml", 1, 1, "missing required key "
               "'version' in this rule file; add 'version: 1'");
}
END_TEST

START_TEST(wrong_type)
{
    LOAD_ERROR("not-a-list.yaml", 6, 14, "'aliases' must be a list of "
               "strings, not a string; write aliases: [Byelorussia]");
    LOAD_ERROR("not-a-mapping.yaml", 1, 1, "a rule file must be a YAML "
               "mapping");
}
END_TEST

START_TEST(adjectives_person)
{
    LOAD_ERROR("adjectives-person.yaml", 6, 5, "'adjectives' are only for "
               "entities of type country, and 'maas' is a person");
}
END_TEST

START_TEST(bad_id)
{
    LOAD_ERROR("bad-id.yaml", 3, 9, "id 'Heiko Maas' contains a space");
}
END_TEST

START_TEST(capitalised_range)
{
    LOAD_ERROR("capitalised.yaml", 6, 22, "'capitalised' must be a word "
               "count N or a range N-M with 1 <= N <= M <= 16");
}
END_TEST

START_TEST(element_two_kinds)
{
    LOAD_ERROR("two-kinds.yaml", 7, 9, "this pattern element has both "
               "'list' and 'word'");
}
END_TEST

START_TEST(pattern_all_optional)
{
    LOAD_ERROR("all-optional.yaml", 5, 5, "every element of pattern 'p' is "
               "optional");
}
END_TEST

START_TEST(except_not_capitalised)
{
    LOAD_ERROR("except-not-caps.yaml", 7, 9, "'except' applies only to "
               "'capitalised' elements");
}
END_TEST

START_TEST(relation_class)
{
    LOAD_ERROR("relation-class.yaml", 5, 12, "class 'verbal-coop' is not "
               "one of verbal-cooperation");
}
END_TEST

START_TEST(relation_without_phrases)
{
    LOAD_ERROR("relation-empty.yaml", 3, 5, "relation 'meet' has no verbs "
               "and no nouns");
}
END_TEST

START_TEST(case_value)
{
    LOAD_ERROR("case-value.yaml", 2, 7, "'case' must be sensitive or "
               "insensitive; found 'insenstive'");
}
END_TEST

START_TEST(bool_value)
{
    LOAD_ERROR("bool-value.yaml", 5, 16, "'symmetric' must be true or "
               "false; found 'yes'");
}
END_TEST

START_TEST(two_documents)
{
    LOAD_ERROR("two-documents.yaml", 2, 1, "a second YAML document starts "
               "here");
}
END_TEST

START_TEST(shared_not_alias)
{
    LOAD_ERROR("shared-not-alias.yaml", 7, 14, "shared phrase 'the bloc' is "
               "not the name, an alias");
}
END_TEST

START_TEST(complex_key)
{
    LOAD_ERROR("complex-key.yaml", 3, 5, "a mapping key must be a string, "
               "not a list");
}
END_TEST

START_TEST(missing_value)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - id: BLR\n"
                                 "    type: country\n    name:\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 5, 5, "'name' has no value");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(empty_item)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nignore: [a, '', b]\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 2, 13, "empty item in 'ignore'");
    actnet_rules_destroy(r);
}
END_TEST

/* Columns count characters, not bytes. */
START_TEST(column_counts_characters)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nignore: [\xC5\x81\xC3\xB3"
                                 "d\xC5\xBA, *x]\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 2, 16, "YAML aliases (*x)");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(file_too_big)
{
    char dir[] = "/tmp/actnet-test-rules-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/big.yaml", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    /* sparse: costs no disk; refused before a byte is read */
    ck_assert_int_eq(ftruncate(fd, ((off_t)64 << 20) + 1), 0);
    close(fd);

    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_ERR_RULES);
    assert_err(&err, path, 0, 0, "files over 64 MiB are refused");
    assert_poisoned(r);
    actnet_rules_destroy(r);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(missing_file)
{
    char path[2048];
    data_path(path, sizeof(path), "bad/no-such-file.yaml");
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_ERR_IO);
    assert_err(&err, path, 0, 0, "No such file");
    assert_poisoned(r);
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(empty_directory)
{
    char dir[] = "/tmp/actnet-test-rules-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, dir, &err), ACTNET_ERR_RULES);
    assert_err(&err, dir, 0, 0, "no rule files (*.yaml, *.yml or dictionaries");
    assert_poisoned(r);
    actnet_rules_destroy(r);
    rmdir(dir);
}
END_TEST

/* A bad file inside a directory is named with its full path. */
START_TEST(error_in_directory)
{
    expect_load_error("bad", ACTNET_ERR_RULES, "bad/adjectives-person.yaml",
                      6, 5, "'adjectives' are only for entities");
}
END_TEST

/* ---- load-level behaviour ------------------------------------------ */

START_TEST(poisoned_refuses)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nentities: [\n", &err),
                     ACTNET_ERR_RULES);
    ck_assert_int_eq(load_str(r, "version: 1\n", &err), ACTNET_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "earlier error"));
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "earlier error"));
    ck_assert_uint_eq(actnet_rules_entity_count(r), 0);
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(load_string_values)
{
    static const char y[] =
        "version: 1\n"
        "case: insensitive\n"
        "entities:\n"
        "  - id: NOR\n"
        "    type: country\n"
        "    name: Norway\n"
        "    aliases: [NO, Norway, yes]\n"
        "    country: ~\n"
        "  - id: nato\n"
        "    type: organization\n"
        "    name: NATO\n"
        "    case: sensitive\n"
        "    aliases:\n"
        "lists:\n"
        "  empty:\n";
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, y, &err), ACTNET_OK);
    ck_assert_uint_eq(r->n_entities, 2);
    const an_entity_rule *e = &r->entities[0];
    ck_assert_str_eq(e->id, "NOR");
    ck_assert_int_eq(e->type, ACTNET_COUNTRY);
    ck_assert_ptr_null(e->country);          /* null means absent */
    ck_assert_uint_eq(e->aliases.n, 3);
    ck_assert_str_eq(e->aliases.items[0].text, "NO"); /* no "Norway problem" */
    ck_assert_str_eq(e->aliases.items[2].text, "yes");
    ck_assert_int_eq(e->case_insensitive, 1);
    ck_assert_int_eq(e->aliases.items[0].case_insensitive, 1);
    ck_assert_str_eq(e->loc.path, "mem.yaml");
    ck_assert_int_eq(e->loc.line, 4);
    ck_assert_int_eq(e->loc.col, 9);
    ck_assert_int_eq(r->entities[1].type, ACTNET_ORGANISATION);
    ck_assert_int_eq(r->entities[1].case_insensitive, 0);
    ck_assert_uint_eq(r->entities[1].aliases.n, 0);
    ck_assert_uint_eq(r->n_lists, 1);
    ck_assert_uint_eq(r->lists[0].items.n, 0);
    /* the empty list is worth a warning */
    ck_assert_uint_eq(actnet_rules_warning_count(r), 1);
    const actnet_error *w = actnet_rules_warning(r, 0);
    assert_err(w, "mem.yaml", 15, 3, "list 'empty' is empty");
    ck_assert_ptr_null(actnet_rules_warning(r, 1));
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(load_string_error)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    static const char y[] = "version: 1\nentities:\n  - id: x\n    type: "
                            "person\n";
    ck_assert_int_eq(actnet_rules_load_string(r, NULL, y, sizeof(y) - 1,
                                              &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "<string>", 3, 5, "missing required key 'name'");
    assert_poisoned(r);
    actnet_rules_destroy(r);
}
END_TEST

/* The length is honoured: bytes after len are not read. */
START_TEST(load_string_length)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    static const char y[] = "version: 1\nignore: [a]\nNOT YAML: [";
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load_string(r, "cut", y, 23, &err),
                     ACTNET_OK);
    ck_assert_uint_eq(r->ignore.n, 1);
    ck_assert_str_eq(r->ignore.items[0].text, "a");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(warn_alias_repeated)
{
    char path[2048];
    data_path(path, sizeof(path), "warn-repeat.yaml");
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_OK);
    ck_assert_uint_eq(actnet_rules_warning_count(r), 2);
    assert_err(actnet_rules_warning(r, 0), path, 6, 37, "'Byelorussia' "
               "appears twice in entity 'BLR' (first at line 6, column 24)");
    assert_err(actnet_rules_warning(r, 1), path, 8, 23, "'Belarusian' "
               "appears twice in entity 'BLR' (first at line 7, column 18)");
    actnet_rules_destroy(r);
}
END_TEST

/* A verb and a noun may be written alike; a repeated verb is warned. */
START_TEST(warn_verb_repeated)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nrelations:\n  - id: reply\n"
                                 "    polarity: 0\n"
                                 "    verbs: [reply to, answer, reply to]\n"
                                 "    nouns: [reply to]\n", &err),
                     ACTNET_OK);
    ck_assert_uint_eq(actnet_rules_warning_count(r), 1);
    assert_err(actnet_rules_warning(r, 0), "mem.yaml", 5, 31, "'reply to' "
               "appears twice in the verbs of relation 'reply' (first at "
               "line 5, column 13)");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(destroy_null)
{
    actnet_rules_destroy(NULL);
    ck_assert_uint_eq(actnet_rules_warning_count(NULL), 0);
    ck_assert_ptr_null(actnet_rules_warning(NULL, 0));
}
END_TEST

/* ---- the valid multi-file set -------------------------------------- */

static size_t list_index(const actnet_rules *r, const char *name)
{
    for (size_t i = 0; i < r->n_lists; i++)
        if (!strcmp(r->lists[i].name, name))
            return i;
    return SIZE_MAX;
}

/* Loads tests/data/rules/valid: checks everything the loader filled. */
START_TEST(valid_directory_load)
{
    char path[2048], file[2048];
    data_path(path, sizeof(path), "valid");
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_OK);

    /* sorted: 00-base, countries/belarus, countries/lithuania, more,
     * zz-lists; .hidden.yaml and README.md skipped */
    ck_assert_uint_eq(r->n_entities, 5);
    ck_assert_str_eq(r->entities[0].id, "BLR");
    data_path(file, sizeof(file), "valid/countries/belarus.yaml");
    ck_assert_str_eq(r->entities[0].loc.path, file);
    ck_assert_int_eq(r->entities[0].loc.line, 4);
    ck_assert_int_eq(r->entities[0].loc.col, 9);
    ck_assert_uint_eq(r->entities[0].adjectives.n, 1);
    ck_assert_str_eq(r->entities[0].metonyms.items[0].text, "Minsk");
    ck_assert_str_eq(r->entities[1].id, "lukashenko");
    ck_assert_str_eq(r->entities[1].country, "LTU");
    ck_assert_int_eq(r->entities[1].country_loc.line, 14);
    ck_assert_int_eq(r->entities[1].country_loc.col, 14);
    const an_entity_rule *eu = &r->entities[2];
    ck_assert_str_eq(eu->kind, "bloc");
    ck_assert_int_eq(eu->case_insensitive, 1);
    ck_assert_uint_eq(eu->shared.n, 1);
    ck_assert_str_eq(eu->shared.items[0].text, "Brussels");
    /* file-level case: insensitive, overridden by the entity */
    ck_assert_str_eq(r->entities[3].id, "LTU");
    ck_assert_int_eq(r->entities[3].case_insensitive, 0);
    ck_assert_int_eq(r->entities[4].case_insensitive, 1);
    ck_assert_uint_eq(r->ignore.n, 2);
    ck_assert_int_eq(r->ignore.items[1].case_insensitive, 1);
    ck_assert_int_eq(r->ignore_case_insensitive, 1);

    ck_assert_uint_eq(r->abbreviations.n, 4);
    ck_assert_str_eq(r->abbreviations.items[0].text, "Mr");
    ck_assert_str_eq(r->abbreviations.items[1].text, "Dr");
    ck_assert_str_eq(r->abbreviations.items[2].text, "U.S");

    ck_assert_uint_eq(r->n_agents, 1);
    ck_assert_uint_eq(r->agents[0].aliases.n, 3);
    ck_assert_uint_eq(r->n_relations, 2);
    ck_assert_str_eq(r->relations[0].cls, "material-conflict");
    ck_assert_int_eq(r->relations[0].polarity, -1);
    ck_assert_uint_eq(r->relations[0].nouns.n, 1);
    ck_assert_str_eq(r->relations[1].label, "meet"); /* defaults to id */
    ck_assert_int_eq(r->relations[1].polarity, 1);
    ck_assert_int_eq(r->relations[1].symmetric, 1);
    ck_assert_ptr_null(r->relations[1].cls);

    /* inflections merged across files: meet, hold, sell */
    ck_assert_uint_eq(r->n_inflections, 3);
    ck_assert_str_eq(r->inflections[0].lemma, "meet");
    ck_assert_uint_eq(r->inflections[0].forms.n, 2);
    ck_assert_str_eq(r->inflections[2].lemma, "sell");
    ck_assert_uint_eq(actnet_rules_warning_count(r), 1);
    data_path(file, sizeof(file), "valid/zz-lists.yml");
    assert_err(actnet_rules_warning(r, 0), file, 9, 10,
               "'met' is already a form of 'meet'");

    ck_assert_uint_eq(r->n_lists, 2);
    ck_assert_int_eq(r->lists[1].case_insensitive, 1);
    ck_assert_uint_eq(r->n_patterns, 3);
    const an_pattern_rule *p = &r->patterns[0];
    ck_assert_uint_eq(p->n_elems, 2);
    ck_assert_int_eq(p->elems[0].kind, AN_ELEM_LIST);
    ck_assert_str_eq(p->elems[0].list_name, "titles");
    ck_assert_int_eq(p->elems[1].kind, AN_ELEM_CAPITALISED);
    ck_assert_uint_eq(p->elems[1].min, 1);
    ck_assert_uint_eq(p->elems[1].max, 3);
    ck_assert_int_eq(p->elems[1].name, 1);
    ck_assert_uint_eq(p->elems[1].except_names.n, 1);
    p = &r->patterns[1];
    ck_assert_int_eq(p->elems[0].kind, AN_ELEM_WORDS);
    ck_assert_int_eq(p->elems[0].optional, 1);
    ck_assert_uint_eq(p->elems[1].min, 2);
    ck_assert_uint_eq(p->elems[1].max, 2);
    ck_assert_uint_eq(p->elems[2].words.n, 2);
    ck_assert_int_eq(r->patterns[2].elems[2].kind, AN_ELEM_ENTITY);
    ck_assert_int_eq(r->patterns[2].elems[2].entity_type, ACTNET_COUNTRY);
    actnet_rules_destroy(r);
}
END_TEST

/* ---- compile -------------------------------------------------------- */

START_TEST(valid_directory_compile)
{
    char path[2048];
    data_path(path, sizeof(path), "valid");
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    actnet_error_clear(&err);
    ck_assert_int_eq(actnet_rules_load(r, path, &err), ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_OK);
    ck_assert_int_eq(r->compiled, 1);
    /* the list used in 00-base.yaml is defined in zz-lists.yml */
    ck_assert_uint_eq(r->patterns[0].elems[0].list, list_index(r, "titles"));
    ck_assert_uint_eq(r->patterns[0].elems[1].n_except, 1);
    ck_assert_uint_eq(r->patterns[0].elems[1].except[0],
                      list_index(r, "months"));
    /* entities and the agent */
    ck_assert_uint_eq(actnet_rules_entity_count(r), 6);
    ck_assert_uint_gt(actnet_rules_alias_count(r), 10);
    /* compiling twice is harmless; loading after compile is not allowed */
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_OK);
    ck_assert_int_eq(load_str(r, "version: 1\n", &err), ACTNET_ERR_USAGE);
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(write_aliases)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - id: BLR\n"
                                 "    type: country\n    name: Belarus\n"
                                 "    aliases: [Byelorussia]\n", &err),
                     ACTNET_OK);
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(actnet_rules_write_aliases(r, fp), 0); /* not compiled */
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_OK);
    ck_assert_uint_eq(actnet_rules_alias_count(r), 2);
    ck_assert_uint_eq(actnet_rules_write_aliases(r, fp), 2);
    rewind(fp);
    char buf[256] = "";
    size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    ck_assert_ptr_nonnull(strstr(buf, "Belarus\n"));
    ck_assert_ptr_nonnull(strstr(buf, "Byelorussia\n"));
    fclose(fp);
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(duplicate_id)
{
    expect_compile_error("bad/dup-id", "bad/dup-id/b.yaml", 9, 9,
                         "duplicate id 'BLR' (first defined at ");
    char first[2048], want[2200];
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    /* the same across two load calls, naming the first file:line:col */
    data_path(first, sizeof(first), "bad/dup-id/a.yaml");
    ck_assert_int_eq(actnet_rules_load(r, first, &err), ACTNET_OK);
    data_path(want, sizeof(want), "bad/dup-id/b.yaml");
    ck_assert_int_eq(actnet_rules_load(r, want, &err), ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    snprintf(want, sizeof(want), "duplicate id 'BLR' (first defined at "
             "%s:3:9)", first);
    ck_assert_ptr_nonnull(strstr(err.message, want));
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(duplicate_id_many)
{
    /* many ids (they are inserted a few ahead of their check): the
     * duplicate is found at its own place, naming the first; an agent
     * shares the namespace */
    an_buf y = {0};
    ck_assert_int_eq(an_buf_printf(&y, "version: 1\nentities:\n"), 0);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(an_buf_printf(&y, "- {id: e%d, type: person, "
                                       "name: N%d}\n", i == 700 ? 3 : i,
                                       i), 0);
    for (int k = 0; k < 2; k++) {
        actnet_rules *r = actnet_rules_create();
        actnet_error err;
        ck_assert_int_eq(actnet_rules_load_string(r, "mem.yaml", y.data,
                                                  y.len, &err), ACTNET_OK);
        ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
        if (k == 0)
            assert_err(&err, "mem.yaml", 703, 8, "duplicate id 'e3' (first "
                       "defined at mem.yaml:6:8)");
        else
            assert_err(&err, "mem.yaml", 1004, 17, "duplicate id 'e999' "
                       "(first defined at mem.yaml:1002:8)");
        actnet_rules_destroy(r);
        /* the second time, e700 is back and an agent repeats e999 */
        y.len = 0;
        ck_assert_int_eq(an_buf_printf(&y, "version: 1\nentities:\n"), 0);
        for (int i = 0; i < 1000; i++)
            ck_assert_int_eq(an_buf_printf(&y, "- {id: e%d, type: person, "
                                           "name: N%d}\n", i, i), 0);
        ck_assert_int_eq(an_buf_printf(&y, "agents:\n- {name: X, id: "
                                       "e999}\n"), 0);
    }
    an_buf_free(&y);
}
END_TEST

START_TEST(duplicate_list)
{
    expect_compile_error("bad/dup-list", "bad/dup-list/b.yaml", 4, 3,
                         "duplicate list name 'titles' (first defined at ");
}
END_TEST

START_TEST(agent_entity_same_id)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n  - {id: police, "
                                 "type: organisation, name: Police}\n"
                                 "agents:\n  - {id: police, name: police}\n",
                              &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 5, 10, "duplicate id 'police' (first "
               "defined at mem.yaml:3:10)");
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(country_unknown)
{
    expect_compile_error("bad/country-unknown.yaml",
                         "bad/country-unknown.yaml", 9, 14,
                         "'country: BLT' names no entity (did you mean "
                         "'BLR'?); define an entity with id BLT of type "
                         "country");
}
END_TEST

START_TEST(country_not_country)
{
    expect_compile_error("bad/country-not-country.yaml",
                         "bad/country-not-country.yaml", 9, 14,
                         "'country: lukashenko' names a person");
}
END_TEST

START_TEST(list_unknown)
{
    expect_compile_error("bad/list-unknown.yaml", "bad/list-unknown.yaml",
                         8, 15, "pattern 'p' uses list 'titels', which is "
                         "not defined (did you mean 'titles'?)");
}
END_TEST

START_TEST(except_unknown)
{
    expect_compile_error("bad/except-unknown.yaml",
                         "bad/except-unknown.yaml", 11, 26,
                         "pattern 'p' uses list 'weekdays', which is not "
                         "defined");
}
END_TEST

/* ---- particles: (name particles of a capitalised element) ---------- */

/* A person pattern with the given element keys after "capitalised: 1-3"
 * (each line indented for the element). */
#define PARTICLE_RULES(extra)                                              \
    "version: 1\n"                                                         \
    "lists:\n"                                                             \
    "  titles: [Mr, Dr]\n"                                                 \
    "  particles_x: [von, von der, al-]\n"                                 \
    "patterns:\n"                                                          \
    "  - id: p\n"                                                          \
    "    type: person\n"                                                   \
    "    tokens:\n"                                                        \
    "      - list: titles\n"                                               \
    "      - capitalised: 1-3\n"                                           \
    "        name: true\n" extra

START_TEST(particles_syntax)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, PARTICLE_RULES(
                                     "        except: [titles]\n"
                                     "        particles: [particles_x]\n"),
                              &err),
                     ACTNET_OK);
    const an_pattern_elem *el = &r->patterns[0].elems[1];
    ck_assert_uint_eq(el->particle_names.n, 1);
    ck_assert_str_eq(el->particle_names.items[0].text, "particles_x");
    ck_assert_int_eq(el->particle_names.items[0].loc.line, 13);
    ck_assert_int_eq(el->particle_names.items[0].loc.col, 21);
    ck_assert_ptr_null(el->particles);       /* resolved by compile */
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_OK);
    ck_assert_uint_eq(el->n_particles, 1);
    ck_assert_uint_eq(el->particles[0], 1);  /* particles_x */
    ck_assert_uint_eq(el->n_except, 1);
    ck_assert_uint_eq(el->except[0], 0);
    actnet_rules_destroy(r);
}
END_TEST

/* Each load error of 'particles', at file:line:col. */
START_TEST(particles_errors)
{
    static const struct {
        const char *yaml;
        int line, col;
        const char *msg;
    } cases[] = {
        {"        particles: particles_x\n", 12, 20,
         "'particles' must be a list of strings, not a string; write "
         "particles: [particles_x]"},
        {"        particles: {a: b}\n", 12, 20,
         "'particles' must be a list of strings, not a mapping"},
        {"        particles: [particles_x, name particles]\n", 12, 34,
         "'particles' takes list names, and 'name particles' is not one"},
        {"        particle: [particles_x]\n", 12, 9,
         "unknown key 'particle' in pattern element; did you mean "
         "'particles'?"},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        char full[2048];
        snprintf(full, sizeof(full), "%s%s", PARTICLE_RULES(""),
                 cases[k].yaml);
        actnet_rules *r = actnet_rules_create();
        actnet_error err;
        ck_assert_int_eq(load_str(r, full, &err), ACTNET_ERR_RULES);
        assert_err(&err, "mem.yaml", cases[k].line, cases[k].col,
                   cases[k].msg);
        assert_poisoned(r);
        actnet_rules_destroy(r);
    }
    /* only capitalised elements take particles */
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, "version: 1\n"
                                 "lists:\n"
                                 "  titles: [Mr]\n"
                                 "patterns:\n"
                                 "  - id: p\n"
                                 "    type: person\n"
                                 "    tokens:\n"
                                 "      - list: titles\n"
                                 "        particles: [titles]\n"
                                 "      - capitalised: 1\n",
                              &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 9, 9, "'particles' applies only to "
               "'capitalised' elements; remove it here");
    actnet_rules_destroy(r);
}
END_TEST

/* sentence_start: only on capitalised elements, and a boolean */
START_TEST(sentence_start_key)
{
    static const char head[] = "version: 1\n"
                               "lists:\n"
                               "  forms: [Inc]\n"
                               "patterns:\n"
                               "  - id: p\n"
                               "    type: organisation\n"
                               "    tokens:\n";
    char full[1024];
    actnet_error err;
    actnet_rules *r = actnet_rules_create();
    snprintf(full, sizeof(full), "%s%s", head,
             "      - capitalised: 1-2\n"
             "        sentence_start: true\n"
             "      - list: forms\n");
    ck_assert_int_eq(load_str(r, full, &err), ACTNET_OK);
    actnet_rules_destroy(r);

    r = actnet_rules_create();
    snprintf(full, sizeof(full), "%s%s", head,
             "      - list: forms\n"
             "        sentence_start: true\n"
             "      - capitalised: 1\n");
    ck_assert_int_eq(load_str(r, full, &err), ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 9, 9, "'sentence_start' applies only to "
               "'capitalised' elements; remove it here");
    assert_poisoned(r);
    actnet_rules_destroy(r);

    r = actnet_rules_create();
    snprintf(full, sizeof(full), "%s%s", head,
             "      - capitalised: 1\n"
             "        sentence_start: often\n"
             "      - list: forms\n");
    ck_assert_int_eq(load_str(r, full, &err), ACTNET_ERR_RULES);
    ck_assert_msg(strstr(err.message, "sentence_start"), "%s", err.message);
    assert_poisoned(r);
    actnet_rules_destroy(r);
}
END_TEST

START_TEST(particles_unknown)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    ck_assert_int_eq(load_str(r, PARTICLE_RULES(
                                     "        particles: [particles_y]\n"),
                              &err),
                     ACTNET_OK);
    ck_assert_int_eq(actnet_rules_compile(r, &err), ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 12, 21, "pattern 'p' uses list "
               "'particles_y', which is not defined (did you mean "
               "'particles_x'?)");
    assert_poisoned(r);
    actnet_rules_destroy(r);
}
END_TEST

/* ---- the fast reader (yaml_fast.c) against libyaml ------------------ */

/* One event as the loader sees it. */
typedef struct ev_rec {
    int type;
    size_t line, col;
    int style;
    char val[64];
    size_t len;
    int extra;              /* an anchor, tag or alias (never fast) */
} ev_rec;

typedef struct ev_list {
    ev_rec ev[512];
    size_t n;
    int overflow;
} ev_list;

static void ev_push(ev_list *l, const yaml_event_t *e)
{
    if (l->n == sizeof(l->ev) / sizeof(l->ev[0])) {
        l->overflow = 1;
        return;
    }
    ev_rec *r = &l->ev[l->n++];
    memset(r, 0, sizeof(*r));
    r->type = e->type;
    r->line = e->start_mark.line;
    r->col = e->start_mark.column;
    if (e->type == YAML_SCALAR_EVENT) {
        r->style = e->data.scalar.style;
        r->len = e->data.scalar.length;
        memcpy(r->val, e->data.scalar.value,
               r->len < sizeof(r->val) ? r->len : sizeof(r->val));
        r->extra = e->data.scalar.anchor || e->data.scalar.tag;
    } else if (e->type == YAML_MAPPING_START_EVENT) {
        r->extra = e->data.mapping_start.anchor || e->data.mapping_start.tag;
    } else if (e->type == YAML_SEQUENCE_START_EVENT) {
        r->extra = e->data.sequence_start.anchor ||
                   e->data.sequence_start.tag;
    } else if (e->type == YAML_ALIAS_EVENT) {
        r->extra = 1;
    }
}

static int ev_collect(void *ctx, const yaml_event_t *e)
{
    ev_push(ctx, e);
    return 0;
}

/* libyaml's events for buf into l; 1 when it read buf without error. */
static int libyaml_events(const char *buf, size_t len, ev_list *l)
{
    yaml_parser_t p;
    yaml_event_t e;
    int ok = 1, done = 0;
    l->n = 0;
    l->overflow = 0;
    ck_assert(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    while (!done) {
        if (!yaml_parser_parse(&p, &e)) {
            ok = 0;
            break;
        }
        ev_push(l, &e);
        done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return ok;
}

/*
 * Runs the fast reader on buf; when it accepts, asserts that libyaml
 * reads buf without error and with the same events (type; start mark of
 * scalars and collections; scalar value and style).  Returns whether the
 * fast reader accepted.
 */
static int fast_agrees(const char *buf, size_t len)
{
    static ev_list fast, lib;
    fast.n = 0;
    fast.overflow = 0;
    if (!an_yaml_fast_parse(buf, len, ev_collect, &fast))
        return 0;
    int ok = libyaml_events(buf, len, &lib);
    ck_assert_msg(ok, "fast reader accepted what libyaml refuses:\n%.*s",
                  (int)len, buf);
    ck_assert(!fast.overflow && !lib.overflow);
    ck_assert_msg(fast.n == lib.n, "%zu events, libyaml %zu:\n%.*s", fast.n,
                  lib.n, (int)len, buf);
    for (size_t i = 0; i < lib.n; i++) {
        const ev_rec *a = &lib.ev[i], *b = &fast.ev[i];
        int marked = a->type == YAML_SCALAR_EVENT ||
                     a->type == YAML_MAPPING_START_EVENT ||
                     a->type == YAML_SEQUENCE_START_EVENT;
        ck_assert_msg(a->type == b->type && !a->extra &&
                      (!marked || (a->line == b->line && a->col == b->col)) &&
                      a->style == b->style && a->len == b->len &&
                      !memcmp(a->val, b->val, sizeof(a->val)),
                      "event %zu differs (type %d/%d at %zu:%zu/%zu:%zu, "
                      "'%.*s'/'%.*s'):\n%.*s", i, a->type, b->type, a->line,
                      a->col, b->line, b->col, (int)a->len, a->val,
                      (int)b->len, b->val, (int)len, buf);
    }
    return 1;
}

START_TEST(fast_reader_subset)
{
    /* every shape of the subset: each is read by the fast reader, with
     * libyaml's events */
    static const char *const in[] = {
        "",
        "# only a comment\n\n",
        "version: 1\n",
        "version: 1",
        "a:\n",
        "a:",
        "a: b\nc:\nd: e\n",
        "a:\n  b: 1\n  c:\n    - x\n    -\n    - y  # c\n",
        "entities:\n- id: p1\n  type: person\n- id: p2\n  aliases:\n  - A B\n"
        "  -\nnext: 1\n",
        "entities:\n  - id: p1\n    aliases: [T. Tunikkin, 'x y', \"z\"]\n"
        "  -   id: p2\n      note: a, b [c] {d}\n",
        "l: []\nm: {}\nn: [ a , b ]\no: {a: b, c: [d, {e: f}], g: 'h'}\n",
        "- a\n- \n-\n",
        "-\n  - a\n  - b\n-\n  k: v\n- k2:\n  - i\n",
        "k: \xC3\x89vora \xE6\x97\xA5\xE6\x9C\xAC\nl: [\xC5\x81\xC3\xB3"
        "d\xC5\xBA, \xF0\x9F\x98\x80 x]\n",
        "a: C# and AT&T x:y 50% -1\nb: -1\nc: ~\nd: null  \ne: 'q: #'\n",
        "a:   # comment\n  b: c\n\n   \n  # x\n  d: e\n",
        "a b c: d\nO'Brien (x): y\n_u.v/w+z: 1\n",
        "a:\n- x\nb:\n    - y\n",
        "x:\n  - a: 1\n    b:\n    c: 2\n  - d\n",
    };
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
        ck_assert_msg(fast_agrees(in[i], strlen(in[i])),
                      "fast reader refused (%zu):\n%s", i, in[i]);
}
END_TEST

START_TEST(fast_reader_outside)
{
    /* outside the subset (libyaml reads these, or reports the error) */
    static const char *const in[] = {
        "a:\tb\n", "a: b\r\n", "a: &x b\n", "a: *x\n", "a: !t b\n",
        "---\na: b\n", "%YAML 1.1\n---\na: b\n", "a: |\n  b\n",
        "a: >-\n  b\n", "a: b\n  c\n", "a: [b,\n  c]\n", "a: \"b\\n\"\n",
        "a: 'it''s'\n", " a: b\n", "a: b: c\n", "- - a\n", "? a\n: b\n",
        "a: [b: c]\n", "a: [b, ]\n", "\"a\": b\n", "a:\n  b\n",
        "\xEF\xBB\xBF\x61: b\n", "a: \xC2\x85\n", "a: \xC3\n",
        "a: b\n...\n", "a: @b\n", "a:b\n", "a: b # c\n  d: e\n",
        "a: [b # c]\n", "a:\n b: 1\n c: 2\n  d: 3\n",
    };
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
        ck_assert_msg(!fast_agrees(in[i], strlen(in[i])),
                      "fast reader accepted (%zu):\n%s", i, in[i]);
}
END_TEST

/* A small deterministic generator of YAML-like text: mostly well-formed
 * block structure with random scalars, flows, comments, empty values,
 * and now and then a character that breaks it. */
static unsigned long long gen_state = 0x9E3779B97F4A7C15ull;

static unsigned gen_rnd(unsigned n)
{
    gen_state ^= gen_state << 13;
    gen_state ^= gen_state >> 7;
    gen_state ^= gen_state << 17;
    return (unsigned)(gen_state % n);
}

static const char *const gen_words[] = {
    "a", "id", "name", "Foo Bar", "T. Tunikkin", "x-y", "O'Brien", "C#",
    "a:b", "1", "-1", "~", "\xC3\x89vora", "\xF0\x9F\x98\x80", "a  b",
    "AT&T", "(x)", "50%", "a,b", "q?", "-x", "_u", "a/b", "\\x"};
static const char *const gen_breaks[] = {
    ":", " :", ": ", "#", " #", "-", "- ", "[", "]", "{", "}", ",", "'",
    "\"", "&a ", "*a", "!t ", "|", ">", "%", "@", "?", " ", "\t", "\r",
    "\xC2\x85", "\xE2\x80\xA8", "\xC3", "\\\"", "''"};

static void gen_put(char *b, size_t *n, const char *s)
{
    size_t l = strlen(s);
    memcpy(b + *n, s, l);
    *n += l;
}

#define GEN_N(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

static void gen_scalar(char *b, size_t *n, int flow)
{
    unsigned k = gen_rnd(16);
    if (k == 0 || k == 1) {
        gen_put(b, n, k ? "'" : "\"");
        gen_put(b, n, gen_words[gen_rnd(GEN_N(gen_words))]);
        gen_put(b, n, k ? "'" : "\"");
    } else if (k == 2 && flow < 2) {
        unsigned m = gen_rnd(4);
        gen_put(b, n, "[");
        for (unsigned i = 0; i < m; i++) {
            gen_put(b, n, i ? ", " : "");
            gen_scalar(b, n, flow + 1);
        }
        gen_put(b, n, "]");
    } else if (k == 3 && flow < 2) {
        unsigned m = gen_rnd(3);
        gen_put(b, n, "{");
        for (unsigned i = 0; i < m; i++) {
            gen_put(b, n, i ? ", " : "");
            gen_put(b, n, gen_words[gen_rnd(6)]);
            gen_put(b, n, ": ");
            gen_scalar(b, n, flow + 1);
        }
        gen_put(b, n, "}");
    } else {
        gen_put(b, n, gen_words[gen_rnd(GEN_N(gen_words))]);
    }
}

static void gen_block(char *b, size_t *n, int map, unsigned col,
                      int depth, int inline_first)
{
    unsigned m = 1 + gen_rnd(3);
    for (unsigned i = 0; i < m && *n < 3000; i++) {
        if (!(inline_first && i == 0))
            for (unsigned c = 0; c < col; c++)
                b[(*n)++] = ' ';
        unsigned k = gen_rnd(8);
        if (map) {
            gen_put(b, n, gen_words[gen_rnd(gen_rnd(3) ? 6 : 12)]);
            gen_put(b, n, ":");
        } else {
            gen_put(b, n, "-");
            if (k < 2 && depth < 4) {
                gen_put(b, n, " ");
                gen_block(b, n, 1, col + 2, depth + 1, 1);
                continue;
            }
        }
        if (k < 5 || depth >= 4) {
            if (k) {
                gen_put(b, n, " ");
                gen_scalar(b, n, 0);
            }
            gen_put(b, n, gen_rnd(8) ? "\n" : " # c\n");
        } else {
            gen_put(b, n, "\n");
            if (gen_rnd(6) == 0)
                gen_put(b, n, "\n  # x\n");
            unsigned ncol = col + 1 + gen_rnd(3);
            int nmap = (int)gen_rnd(2);
            if (map && !nmap && gen_rnd(2))
                ncol = col;     /* a sequence at the key's column */
            gen_block(b, n, nmap, ncol, depth + 1, 0);
        }
    }
}

START_TEST(fast_reader_random)
{
    static char buf[8192];
    unsigned accepted = 0;
    for (int i = 0; i < 20000; i++) {
        size_t n = 0;
        gen_block(buf, &n, gen_rnd(5) != 0, 0, 0, 0);
        if (gen_rnd(3) == 0) {  /* break something */
            size_t at = gen_rnd((unsigned)n + 1);
            const char *s = gen_breaks[gen_rnd(GEN_N(gen_breaks))];
            size_t l = strlen(s);
            memmove(buf + at + l, buf + at, n - at);
            memcpy(buf + at, s, l);
            n += l;
        }
        if (gen_rnd(4) == 0 && n && buf[n - 1] == '\n')
            n--;
        accepted += (unsigned)fast_agrees(buf, n);
    }
    /* the generator mostly writes the subset: most must be read fast */
    ck_assert_msg(accepted > 6000, "only %u of 20000 read fast", accepted);
}
END_TEST

START_TEST(fast_reader_errors)
{
    actnet_rules *r = actnet_rules_create();
    actnet_error err;
    /* in the subset: the loader's own error, found on the fast reader's
     * events */
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n- id: a\n"
                                 "  type: person\n  id: b\n", &err),
                     ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 5, 3, "duplicate key 'id'");
    actnet_rules_destroy(r);
    /* the same with a syntax error further on: the fast reader gives up,
     * and libyaml's reading finds the duplicate key first, as before */
    r = actnet_rules_create();
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n- id: a\n"
                                 "  type: person\n  id: b\n- id: [c\n",
                              &err), ACTNET_ERR_RULES);
    assert_err(&err, "mem.yaml", 5, 3, "duplicate key 'id'");
    actnet_rules_destroy(r);
    /* a syntax error before the duplicate: libyaml's error */
    r = actnet_rules_create();
    ck_assert_int_eq(load_str(r, "version: 1\nentities:\n- id: [a\n"
                                 "  type: person\n  id: b\n", &err),
                     ACTNET_ERR_RULES);
    ck_assert_msg(strstr(err.message, "YAML syntax error") != NULL, "%s",
                  err.message);
    actnet_rules_destroy(r);
}
END_TEST

static Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, unknown_key);
    tcase_add_test(tc, unknown_section);
    tcase_add_test(tc, unknown_key_no_suggestion);
    tcase_add_test(tc, entity_type);
    tcase_add_test(tc, missing_id);
    tcase_add_test(tc, polarity);
    tcase_add_test(tc, duplicate_key);
    tcase_add_test(tc, yaml_alias);
    tcase_add_test(tc, yaml_anchor);
    tcase_add_test(tc, deep_nesting);
    tcase_add_test(tc, syntax_error);
    tcase_add_test(tc, syntax_error_colon);
    tcase_add_test(tc, not_utf8);
    tcase_add_test(tc, empty_file);
    tcase_add_test(tc, version_2);
    tcase_add_test(tc, missing_version);
    tcase_add_test(tc, wrong_type);
    tcase_add_test(tc, adjectives_person);
    tcase_add_test(tc, bad_id);
    tcase_add_test(tc, capitalised_range);
    tcase_add_test(tc, element_two_kinds);
    tcase_add_test(tc, pattern_all_optional);
    tcase_add_test(tc, except_not_capitalised);
    tcase_add_test(tc, particles_syntax);
    tcase_add_test(tc, particles_errors);
    tcase_add_test(tc, relation_class);
    tcase_add_test(tc, relation_without_phrases);
    tcase_add_test(tc, case_value);
    tcase_add_test(tc, bool_value);
    tcase_add_test(tc, two_documents);
    tcase_add_test(tc, shared_not_alias);
    tcase_add_test(tc, complex_key);
    tcase_add_test(tc, missing_value);
    tcase_add_test(tc, empty_item);
    tcase_add_test(tc, column_counts_characters);
    tcase_add_test(tc, file_too_big);
    tcase_add_test(tc, missing_file);
    tcase_add_test(tc, empty_directory);
    tcase_add_test(tc, error_in_directory);
    tcase_add_test(tc, poisoned_refuses);
    tcase_add_test(tc, load_string_values);
    tcase_add_test(tc, load_string_error);
    tcase_add_test(tc, load_string_length);
    tcase_add_test(tc, warn_alias_repeated);
    tcase_add_test(tc, warn_verb_repeated);
    tcase_add_test(tc, destroy_null);
    tcase_add_test(tc, valid_directory_load);
    suite_add_tcase(s, tc);

    tc = tcase_create("compile");
    tcase_add_test(tc, valid_directory_compile);
    tcase_add_test(tc, write_aliases);
    tcase_add_test(tc, duplicate_id);
    tcase_add_test(tc, duplicate_id_many);
    tcase_add_test(tc, duplicate_list);
    tcase_add_test(tc, agent_entity_same_id);
    tcase_add_test(tc, country_unknown);
    tcase_add_test(tc, country_not_country);
    tcase_add_test(tc, list_unknown);
    tcase_add_test(tc, except_unknown);
    tcase_add_test(tc, particles_unknown);
    tcase_add_test(tc, sentence_start_key);
    suite_add_tcase(s, tc);

    tc = tcase_create("fast reader");
    tcase_add_test(tc, fast_reader_subset);
    tcase_add_test(tc, fast_reader_outside);
    tcase_add_test(tc, fast_reader_random);
    tcase_add_test(tc, fast_reader_errors);
    tcase_add_test(tc, by_surname_checked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
