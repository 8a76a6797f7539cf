/*
 * test_oracle.c — the filter oracle: the match and relate stages' filters
 * and skip tables (vocabulary and edge bit filters, gazetteer start
 * classes, pattern candidates, pm_cannot_start, first / multi bits, the
 * word tables of except lists; relate's head filter, word sets, sentence
 * skip and phrase bit sets) promise to be necessary conditions only, so
 * that they change what is tried, never what is found.  Each case runs
 * the same documents through an extractor with the filters (the product)
 * and one without them (an_extract_set_filters(ex, 0): every place
 * walked) and requires the same mentions and events, field by field,
 * entities compared by id.
 *
 * Documents: the fuzzers' pipeline seeds (tests/fuzz/corpus/pipeline,
 * with what the fuzzers found), the example corpus and the text fixtures
 * of tests/data, and generated text: words, phrases and names drawn from
 * the rules themselves (so that phrases, lists and patterns are met
 * often), in random case, with random punctuation, possessives and
 * inflections.  Rules: the default rules, the CLI fixtures' rules, and a
 * generated rule set with more than 64 lists and 63 patterns (the
 * non-compact paths of the candidate pass).
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "actnet.h"
#include "extract/extract.h"
#include "rules/rules.h"

/* ------------------------------------------------------------------ */
/* Two extractors and the comparison                                   */

typedef struct oracle {
    actnet_rules *rules;
    actnet_extractor *fast, *slow;
    size_t docs, mentions, events;  /* what was compared */
} oracle;

static const char *root_path(const char *rel, char *buf, size_t cap)
{
    const char *root = getenv("ACTNET_SOURCE_ROOT");
    ck_assert_msg(root != NULL, "ACTNET_SOURCE_ROOT is not set (run via "
                  "meson test)");
    int w = snprintf(buf, cap, "%s/%s", root, rel);
    ck_assert_msg(w > 0 && (size_t)w < cap, "path too long: %s", rel);
    return buf;
}

/* Loads the rule files (NULL-terminated, relative to the source root)
 * or the YAML text y, and makes both extractors. */
static void oracle_open(oracle *o, const char *const *files, const char *y)
{
    actnet_error err;
    char path[4096];
    memset(o, 0, sizeof(*o));
    o->rules = actnet_rules_create();
    ck_assert_ptr_nonnull(o->rules);
    for (size_t i = 0; files && files[i]; i++)
        ck_assert_msg(actnet_rules_load(o->rules, root_path(files[i], path,
                                                             sizeof(path)),
                                        &err) == ACTNET_OK,
                      "%s: %s", files[i], err.message);
    if (y)
        ck_assert_msg(actnet_rules_load_string(o->rules, "generated", y,
                                               strlen(y), &err) == ACTNET_OK,
                      "generated rules: %s:%d: %s", err.path, err.line,
                      err.message);
    ck_assert_msg(actnet_rules_compile(o->rules, &err) == ACTNET_OK, "%s",
                  err.message);
    o->fast = actnet_extractor_create(o->rules);
    o->slow = actnet_extractor_create(o->rules);
    ck_assert_ptr_nonnull(o->fast);
    ck_assert_ptr_nonnull(o->slow);
    an_extract_set_filters(o->slow, 0);
}

static void oracle_close(oracle *o)
{
    fprintf(stderr, "oracle: %zu documents, %zu mentions, %zu events the "
            "same with and without the filters\n", o->docs, o->mentions,
            o->events);
    actnet_extractor_destroy(o->fast);
    actnet_extractor_destroy(o->slow);
    actnet_rules_destroy(o->rules);
}

static const char *entity_id(const actnet_extractor *ex, uint32_t e)
{
    const actnet_entity *ent = actnet_extractor_entity(ex, e);
    ck_assert_ptr_nonnull(ent);
    return ent->id;
}

/* Runs one document through both extractors; every mention and event
 * must be the same. */
static void oracle_doc(oracle *o, const char *name, const char *text,
                       size_t len)
{
    actnet_error e1, e2;
    actnet_document doc = {name, NULL, text, len};
    actnet_status s1 = actnet_extractor_run(o->fast, &doc, &e1);
    actnet_status s2 = actnet_extractor_run(o->slow, &doc, &e2);
    ck_assert_msg(s1 == s2, "%s: status %d with filters, %d without", name,
                  (int)s1, (int)s2);
    if (s1 != ACTNET_OK)
        return;
    o->docs++;
    size_t n = actnet_extractor_mention_count(o->fast);
    size_t n2 = actnet_extractor_mention_count(o->slow);
    const actnet_mention *a = actnet_extractor_mentions(o->fast);
    const actnet_mention *b = actnet_extractor_mentions(o->slow);
    for (size_t i = 0; i < n && i < n2; i++) {
        const char *ia = entity_id(o->fast, a[i].entity);
        const char *ib = entity_id(o->slow, b[i].entity);
        ck_assert_msg(a[i].start == b[i].start && a[i].end == b[i].end &&
                          a[i].tok_start == b[i].tok_start &&
                          a[i].tok_end == b[i].tok_end &&
                          a[i].sentence == b[i].sentence &&
                          a[i].paragraph == b[i].paragraph &&
                          a[i].via == b[i].via && !strcmp(ia, ib),
                      "%s: mention %zu: with filters %s %zu-%zu '%.*s' "
                      "(via %s), without %s %zu-%zu '%.*s' (via %s)",
                      name, i, ia, a[i].start, a[i].end,
                      (int)(a[i].end - a[i].start), text + a[i].start,
                      actnet_via_name(a[i].via), ib, b[i].start, b[i].end,
                      (int)(b[i].end - b[i].start), text + b[i].start,
                      actnet_via_name(b[i].via));
    }
    ck_assert_msg(n == n2, "%s: %zu mentions with filters, %zu without",
                  name, n, n2);
    o->mentions += n;
    n = actnet_extractor_event_count(o->fast);
    n2 = actnet_extractor_event_count(o->slow);
    const actnet_event *x = actnet_extractor_events(o->fast);
    const actnet_event *y = actnet_extractor_events(o->slow);
    for (size_t i = 0; i < n && i < n2; i++)
        ck_assert_msg(!strcmp(entity_id(o->fast, x[i].actor),
                              entity_id(o->slow, y[i].actor)) &&
                          !strcmp(entity_id(o->fast, x[i].target),
                                  entity_id(o->slow, y[i].target)) &&
                          x[i].relation == y[i].relation &&
                          x[i].sentence == y[i].sentence &&
                          x[i].start == y[i].start && x[i].end == y[i].end &&
                          x[i].negated == y[i].negated &&
                          x[i].hedged == y[i].hedged &&
                          x[i].actor_mention == y[i].actor_mention &&
                          x[i].target_mention == y[i].target_mention,
                      "%s: event %zu differs: with filters '%.*s' %s -> %s, "
                      "without '%.*s' %s -> %s", name, i,
                      (int)(x[i].end - x[i].start), text + x[i].start,
                      entity_id(o->fast, x[i].actor),
                      entity_id(o->fast, x[i].target),
                      (int)(y[i].end - y[i].start), text + y[i].start,
                      entity_id(o->slow, y[i].actor),
                      entity_id(o->slow, y[i].target));
    ck_assert_msg(n == n2, "%s: %zu events with filters, %zu without",
                  name, n, n2);
    o->events += n;
}

/* Every regular file under dir (relative to the source root), read
 * recursively, as one document each. */
static void oracle_dir(oracle *o, const char *rel)
{
    char path[4096];
    DIR *d = opendir(root_path(rel, path, sizeof(path)));
    ck_assert_msg(d != NULL, "cannot open %s", path);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char sub[4096], full[4096];
        struct stat st;
        int w = snprintf(sub, sizeof(sub), "%s/%s", rel, de->d_name);
        ck_assert(w > 0 && (size_t)w < sizeof(sub));
        root_path(sub, full, sizeof(full));
        ck_assert_int_eq(stat(full, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            oracle_dir(o, sub);
            continue;
        }
        FILE *fp = fopen(full, "rb");
        ck_assert_ptr_nonnull(fp);
        char *buf = malloc((size_t)st.st_size + 1);
        ck_assert_ptr_nonnull(buf);
        size_t n = fread(buf, 1, (size_t)st.st_size, fp);
        fclose(fp);
        oracle_doc(o, sub, buf, n);
        free(buf);
    }
    closedir(d);
}

/* ------------------------------------------------------------------ */
/* Generated text                                                       */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64*: the same documents on every run */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static size_t rnd_below(size_t n)
{
    return n ? (size_t)(rnd() % n) : 0;
}

/* The pieces generated text is made of: words and phrases. */
typedef struct pieces {
    char **v;
    size_t n, cap;
} pieces;

static void pieces_add(pieces *p, const char *s, size_t len)
{
    if (!len)
        return;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 1024;
        p->v = realloc(p->v, p->cap * sizeof(*p->v));
        ck_assert_ptr_nonnull(p->v);
    }
    p->v[p->n] = malloc(len + 1);
    ck_assert_ptr_nonnull(p->v[p->n]);
    memcpy(p->v[p->n], s, len);
    p->v[p->n++][len] = '\0';
}

static void pieces_free(pieces *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

/* Every word of text (letters, apostrophes, hyphens; UTF-8 bytes count
 * as letters) and every line of it as a phrase. */
static void pieces_from_text(pieces *p, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && (s[j] == '\'' || s[j] == '-' ||
                           (unsigned char)s[j] >= 0x80 ||
                           (s[j] >= 'a' && s[j] <= 'z') ||
                           (s[j] >= 'A' && s[j] <= 'Z')))
            j++;
        pieces_add(p, s + i, j - i);
        i = j + 1;
    }
}

static void pieces_from_file(pieces *p, const char *full)
{
    FILE *fp = fopen(full, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", full);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        pieces_from_text(p, buf, n);
    fclose(fp);
}

/* The aliases of the rules, one phrase each. */
static void pieces_from_aliases(pieces *p, const actnet_rules *rules)
{
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    actnet_rules_write_aliases(rules, fp);
    rewind(fp);
    char line[4096];
    while (fgets(line, sizeof(line), fp)) {
        size_t len = strcspn(line, "\n");
        pieces_add(p, line, len);
    }
    fclose(fp);
}

static void buf_put(char **b, size_t *len, size_t *cap, const char *s,
                    size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = 2 * (*len + n + 1);
        *b = realloc(*b, *cap);
        ck_assert_ptr_nonnull(*b);
    }
    memcpy(*b + *len, s, n);
    *len += n;
    (*b)[*len] = '\0';
}

/* One generated document of about n pieces into *b. */
static void gen_doc(const pieces *p, size_t n, char **b, size_t *len,
                    size_t *cap)
{
    static const char *const punct[] = {
        ".", ",", ",", ";", ":", "(", ")", "\"", "-", " - ", "'s", "'",
        "...", "?", "!", ".\n\n", "\n", "1996-08-30", "3", "n't"};
    static const char *const suffix[] = {"s", "ed", "ing", "es", "d", "ly"};
    *len = 0;
    buf_put(b, len, cap, "", 0);
    for (size_t k = 0; k < n; k++) {
        size_t r = rnd_below(100);
        if (r < 14) {
            const char *s = punct[rnd_below(sizeof(punct) / sizeof(*punct))];
            buf_put(b, len, cap, s, strlen(s));
            if (rnd_below(2))
                buf_put(b, len, cap, " ", 1);
            continue;
        }
        const char *w = p->v[rnd_below(p->n)];
        size_t at = *len;
        buf_put(b, len, cap, w, strlen(w));
        size_t c = rnd_below(10);
        for (size_t x = at; x < *len && c < 3; x++) {
            char ch = (*b)[x];
            if (c != 2 && ch >= 'a' && ch <= 'z')       /* Capitalised, */
                (*b)[x] = (char)(ch - 32);              /* ALL CAPITALS */
            else if (c == 2 && ch >= 'A' && ch <= 'Z')  /* lower case */
                (*b)[x] = (char)(ch + 32);
            if (c == 0)
                break;
        }
        if (rnd_below(12) == 0) {
            const char *s = suffix[rnd_below(sizeof(suffix) /
                                             sizeof(*suffix))];
            buf_put(b, len, cap, s, strlen(s));
        }
        buf_put(b, len, cap, rnd_below(20) ? " " : "  ", rnd_below(20) ? 1 : 2);
    }
}

/* A random phrase of ps, or NULL when it has none. */
static const char *rnd_phrase(const an_phrases *ps)
{
    return ps->n ? ps->items[rnd_below(ps->n)].text : NULL;
}

/* A name of an entity of type ty in the rules (an alias, an adjective,
 * a metonym), or NULL. */
static const char *rnd_entity_name(const actnet_rules *r,
                                   actnet_entity_type ty)
{
    for (int tries = 0; tries < 64 && r->n_entities; tries++) {
        const an_entity_rule *e = &r->entities[rnd_below(r->n_entities)];
        if (e->type != ty)
            continue;
        const char *a = rnd_phrase(rnd_below(3) ? &e->aliases
                                   : rnd_below(2) ? &e->adjectives
                                                  : &e->metonyms);
        return a ? a : e->name;
    }
    return NULL;
}

static void put_word(char **b, size_t *len, size_t *cap, const char *w)
{
    if (w) {
        buf_put(b, len, cap, w, strlen(w));
        buf_put(b, len, cap, " ", 1);
    }
}

/*
 * Appends text shaped like one of the rules' patterns or relations: its
 * elements filled from the lists, entities and words the rules name, and
 * now and then an element left out, a capitalised word replaced by an
 * except list's word or a particle put between two, so that the walks
 * and their filters meet near misses as well as matches.
 */
static void gen_shaped(const actnet_rules *r, const pieces *p, char **b,
                       size_t *len, size_t *cap)
{
    static const char *const names[] = {"Smith", "Maas", "Novak", "Ivanova",
                                        "Leyen", "Gaulle", "Assad", "Lee"};
    static const actnet_entity_type any[] = {ACTNET_PERSON, ACTNET_COUNTRY,
                                             ACTNET_ORGANISATION};
    if (r->n_relations && rnd_below(3) == 0) {
        const an_relation_rule *rel = &r->relations[rnd_below(r->n_relations)];
        put_word(b, len, cap, rnd_entity_name(r, any[rnd_below(3)]));
        if (rnd_below(3) == 0)
            put_word(b, len, cap, rnd_below(2) ? "has" : "did not");
        put_word(b, len, cap, rnd_phrase(rnd_below(3) ? &rel->verbs
                                                       : &rel->nouns));
        put_word(b, len, cap, rnd_entity_name(r, any[rnd_below(3)]));
        return;
    }
    if (!r->n_patterns)
        return;
    const an_pattern_rule *pr = &r->patterns[rnd_below(r->n_patterns)];
    for (size_t e = 0; e < pr->n_elems; e++) {
        const an_pattern_elem *el = &pr->elems[e];
        if (rnd_below(12) == 0)
            continue;   /* a near miss */
        switch (el->kind) {
        case AN_ELEM_LIST:
            put_word(b, len, cap, rnd_phrase(&r->lists[el->list].items));
            break;
        case AN_ELEM_WORDS:
            put_word(b, len, cap, rnd_phrase(&el->words));
            break;
        case AN_ELEM_ENTITY:
            put_word(b, len, cap, rnd_entity_name(r, el->entity_type));
            break;
        case AN_ELEM_CAPITALISED: {
            unsigned n = el->min + (unsigned)rnd_below(el->max - el->min + 2);
            for (unsigned k = 0; k < n; k++) {
                size_t c = rnd_below(8);
                if (c == 0 && el->n_except)
                    put_word(b, len, cap, rnd_phrase(
                        &r->lists[el->except[rnd_below(el->n_except)]]
                             .items));
                else if (c == 1 && el->n_particles && k)
                    put_word(b, len, cap, rnd_phrase(
                        &r->lists[el->particles[rnd_below(el->n_particles)]]
                             .items));
                else if (c == 2)
                    put_word(b, len, cap, p->v[rnd_below(p->n)]);
                else
                    put_word(b, len, cap, names[rnd_below(8)]);
            }
            break;
        }
        }
    }
}

/* How many generated documents to compare: n, or a tenth of it under
 * valgrind (ACTNET_VALGRIND, set by the valgrind test setup), where the
 * full count takes ten minutes and a tenth still crosses every path the
 * generator reaches; the plain and sanitizer runs compare all n. */
static size_t doc_count(size_t n)
{
    const char *vg = getenv("ACTNET_VALGRIND");
    return vg && *vg && strcmp(vg, "0") != 0 ? n / 10 : n;
}

/* n_docs generated documents from pieces p (and, one time in eight,
 * text shaped by the rules' patterns and relations) through the oracle. */
static void oracle_generated(oracle *o, const pieces *p, size_t n_docs,
                             uint64_t seed)
{
    char *b = NULL, *piece = NULL, name[64];
    size_t len = 0, cap = 0, plen = 0, pcap = 0;
    rng_state = seed;
    for (size_t d = 0; d < n_docs; d++) {
        size_t n = 20 + rnd_below(400);
        len = 0;
        buf_put(&b, &len, &cap, "", 0);
        while (n > 0) {
            size_t k = 1 + rnd_below(12);
            k = k < n ? k : n;
            n -= k;
            gen_doc(p, k, &piece, &plen, &pcap);
            buf_put(&b, &len, &cap, piece, plen);
            if (rnd_below(2) == 0)
                gen_shaped(o->rules, p, &b, &len, &cap);
        }
        snprintf(name, sizeof(name), "generated-%zu (seed %llu)", d,
                 (unsigned long long)seed);
        oracle_doc(o, name, b, len);
    }
    free(b);
    free(piece);
}

/* ------------------------------------------------------------------ */
/* Cases                                                                */

static const char *const DEFAULT_RULES[] = {"rules", NULL};
static const char *const CLI_RULES[] = {"tests/data/cli/rules.yaml",
                                        "tests/data/cli/relations.yaml",
                                        NULL};

START_TEST(default_rules_on_seeds)
{
    oracle o;
    oracle_open(&o, DEFAULT_RULES, NULL);
    oracle_dir(&o, "tests/fuzz/corpus/pipeline");
    oracle_dir(&o, "examples");
    oracle_dir(&o, "tests/data/cli");
    oracle_dir(&o, "tests/data/rank/corpus");
    /* a check that cannot pass vacuously */
    ck_assert_uint_gt(o.docs, 100);
    ck_assert_uint_gt(o.mentions, 1000);
    ck_assert_uint_gt(o.events, 50);
    oracle_close(&o);
}
END_TEST

/* Pieces of the rules' files and aliases: the text meets their phrases. */
static void rules_pieces(pieces *p, const oracle *o, const char *const *files)
{
    char path[4096];
    for (size_t i = 0; files[i]; i++) {
        root_path(files[i], path, sizeof(path));
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        if (!S_ISDIR(st.st_mode)) {
            pieces_from_file(p, path);
            continue;
        }
        DIR *d = opendir(path);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 5 && !strcmp(de->d_name + l - 5, ".yaml")) {
                char full[8192];
                int w = snprintf(full, sizeof(full), "%s/%s", path,
                                 de->d_name);
                ck_assert(w > 0 && (size_t)w < sizeof(full));
                pieces_from_file(p, full);
            }
        }
        closedir(d);
    }
    pieces_from_aliases(p, o->rules);
}

START_TEST(default_rules_on_generated_text)
{
    oracle o;
    pieces p = {0};
    oracle_open(&o, DEFAULT_RULES, NULL);
    rules_pieces(&p, &o, DEFAULT_RULES);
    oracle_generated(&o, &p, doc_count(1500), 0x9E3779B97F4A7C15ull + (uint64_t)_i);
    ck_assert_uint_gt(o.mentions, 5000);
    ck_assert_uint_gt(o.events, 20);
    pieces_free(&p);
    oracle_close(&o);
}
END_TEST

START_TEST(cli_rules_on_generated_text)
{
    oracle o;
    pieces p = {0};
    oracle_open(&o, CLI_RULES, NULL);
    rules_pieces(&p, &o, CLI_RULES);
    oracle_dir(&o, "tests/data/cli/corpus");
    oracle_generated(&o, &p, doc_count(1500), 12345);
    ck_assert_uint_gt(o.mentions, 1000);
    ck_assert_uint_gt(o.events, 20);
    pieces_free(&p);
    oracle_close(&o);
}
END_TEST

/* A rule set of 70 lists and 70 patterns (more than the 64 bits of the
 * candidate masks and the compacted needs), with random elements:
 * lists of one- and several-word items, words, capitalised runs with
 * except lists (some from list 64 on) and particles, entities, optional
 * elements. */
static char *many_rules(uint64_t seed)
{
    char *y = NULL;
    size_t len = 0, cap = 0;
    char line[512];
    rng_state = seed;
#define PUT(...) do { snprintf(line, sizeof(line), __VA_ARGS__); \
        buf_put(&y, &len, &cap, line, strlen(line)); } while (0)
    PUT("version: 1\nabbreviations: [Mr, Gen]\nlists:\n");
    for (int l = 0; l < 70; l++) {
        PUT("  l%d: [", l);
        int n = 1 + (int)rnd_below(4);
        for (int k = 0; k < n; k++) {
            int w1 = (int)rnd_below(90), w2 = (int)rnd_below(90);
            if (rnd_below(3))
                PUT("%sw%d", k ? ", " : "", w1);
            else
                PUT("%sw%d w%d", k ? ", " : "", w1, w2);
        }
        PUT("]\n");
    }
    PUT("  parts: [von, van der, al-]\n");
    PUT("entities:\n");
    for (int e = 0; e < 12; e++)
        PUT("  - {id: e%d, type: %s, name: Ename%d, aliases: [w%d w%d]}\n",
            e, e % 3 == 0 ? "person" : e % 3 == 1 ? "country"
                                                 : "organisation",
            e, (int)rnd_below(90), (int)rnd_below(90));
    PUT("patterns:\n");
    static const char *const types[] = {"person", "organisation",
                                        "country"};
    for (int p = 0; p < 70; p++) {
        PUT("  - id: p%d\n    type: %s\n    tokens:\n", p,
            types[rnd_below(2)]);
        int n = 1 + (int)rnd_below(4), named = 0;
        for (int k = 0; k < n; k++) {
            int kind = (int)rnd_below(4);
            const char *opt = k + 1 < n && rnd_below(4) == 0
                                  ? ", optional: true" : "";
            if (kind == 0)
                PUT("      - {list: l%d%s}\n", (int)rnd_below(70), opt);
            else if (kind == 1)
                PUT("      - {words: [w%d, w%d w%d]%s}\n",
                    (int)rnd_below(90), (int)rnd_below(90),
                    (int)rnd_below(90), opt);
            else if (kind == 2) {
                PUT("      - {capitalised: %d-%d, name: true, except: "
                    "[l%d, l%d]%s%s}\n", 1 + (int)rnd_below(2),
                    2 + (int)rnd_below(3), (int)rnd_below(70),
                    60 + (int)rnd_below(10),
                    rnd_below(2) ? ", particles: [parts]" : "",
                    rnd_below(5) ? "" : ", sentence_start: true");
                named = 1;
            } else
                PUT("      - {entity: %s%s}\n", types[rnd_below(3)], opt);
        }
        if (!named)
            PUT("      - {capitalised: 1, name: true}\n");
    }
#undef PUT
    return y;
}

START_TEST(many_lists_and_patterns)
{
    oracle o;
    pieces p = {0};
    char *y = many_rules(777 + (uint64_t)_i);
    oracle_open(&o, NULL, y);
    pieces_from_text(&p, y, strlen(y));
    for (int r = 0; r < 20; r++)     /* the entities' names, often */
        pieces_from_aliases(&p, o.rules);
    static const char *const extra[] = {"Smith", "Jones", "Mr", "Gen",
                                        "von", "van der", "al-", "Ename3"};
    for (size_t k = 0; k < sizeof(extra) / sizeof(*extra); k++)
        for (int r = 0; r < 40; r++)
            pieces_add(&p, extra[k], strlen(extra[k]));
    oracle_generated(&o, &p, doc_count(1000), 4242 + (uint64_t)_i);
    ck_assert_uint_gt(o.mentions, 500);
    free(y);
    pieces_free(&p);
    oracle_close(&o);
}
END_TEST

static Suite *oracle_suite(void)
{
    Suite *s = suite_create("oracle");
    TCase *tc = tcase_create("oracle");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, default_rules_on_seeds);
    tcase_add_loop_test(tc, default_rules_on_generated_text, 0, 2);
    tcase_add_test(tc, cli_rules_on_generated_text);
    tcase_add_loop_test(tc, many_lists_and_patterns, 0, 3);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(oracle_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
