/*
 * test_aggregate.c — check suite for src/net/aggregate.c: window parsing and
 * semantics (sentence, paragraph, document, N tokens), weights, document
 * counts, dates, evidence choice and cap, label conflicts, cleaning of
 * ids, and that merging is associative and order-independent (equal to a
 * single accumulator fed everything); the acts-on network: weights per
 * (actor, target, relation), symmetric relations, negated and hedged
 * events, collapse, evidence, and merging.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg_fixture.h"
#include "net/aggregate.h"

static const actnet_entity ents[] = {
    {"A", "Alpha", ACTNET_PERSON, "C", NULL, NULL, 0},
    {"B", "Beta", ACTNET_ORGANISATION, NULL, "news", NULL, 0},
    {"C", "Gamma", ACTNET_COUNTRY, NULL, NULL, NULL, 0},
    {"D", "Delta", ACTNET_PERSON, NULL, NULL, NULL, 0},
};
#define N_ENTS (sizeof(ents) / sizeof(ents[0]))
enum { A, B, C, D };

static an_agg *agg;

static an_agg *make(an_window_kind kind, uint32_t tokens, uint32_t evidence)
{
    an_agg_options o;
    an_agg_options_init(&o);
    o.window.kind = kind;
    o.window.tokens = tokens;
    o.evidence = evidence;
    an_agg *a = an_agg_create(&o);
    ck_assert_ptr_nonnull(a);
    return a;
}

static void teardown(void)
{
    an_agg_destroy(agg);
    agg = NULL;
}

/* Four sentences in two paragraphs:
 *   p0: s0 "Alpha met Beta."  s1 "Alpha and Alpha saw Beta and Beta."
 *   p1: s2 "Gamma alone."     s3 "Alpha, Beta and Gamma." */
static const fx_doc doc4 = {
    "doc4", NULL,
    {"Alpha met Beta.", "Alpha and Alpha saw Beta and Beta.",
     "Gamma alone.", "Alpha, Beta and Gamma.", NULL},
    {0, 0, 1, 1},
    {{A, 0, 0}, {B, 0, 2}, {A, 1, 4}, {A, 1, 6}, {B, 1, 9}, {B, 1, 11},
     {C, 2, 14}, {A, 3, 17}, {B, 3, 19}, {C, 3, 21}},
    10
};

START_TEST(window_parse)
{
    an_window w;
    char buf[32];
    ck_assert_int_eq(an_window_parse("sentence", &w), 0);
    ck_assert_int_eq(w.kind, AN_WINDOW_SENTENCE);
    ck_assert_int_eq(an_window_parse("paragraph", &w), 0);
    ck_assert_int_eq(w.kind, AN_WINDOW_PARAGRAPH);
    ck_assert_int_eq(an_window_parse("document", &w), 0);
    ck_assert_int_eq(w.kind, AN_WINDOW_DOCUMENT);
    ck_assert_str_eq(an_window_name(&w, buf, sizeof(buf)), "document");
    ck_assert_int_eq(an_window_parse("12", &w), 0);
    ck_assert_int_eq(w.kind, AN_WINDOW_TOKENS);
    ck_assert_uint_eq(w.tokens, 12);
    ck_assert_str_eq(an_window_name(&w, buf, sizeof(buf)), "12 tokens");
    ck_assert_int_eq(an_window_parse("1", &w), 0);
    ck_assert_int_eq(an_window_parse("100000", &w), 0);
    const char *bad[] = {"0", "100001", "-3", "12x", "", "Sentence",
                         "99999999999999999999", " 5"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(an_window_parse(bad[i], &w) == -1, "'%s' accepted",
                      bad[i]);
}
END_TEST

START_TEST(date_parse)
{
    uint32_t d = 0;
    char buf[11];
    ck_assert_int_eq(an_date_parse("2020-08-10", &d), 0);
    ck_assert_uint_eq(d, 20200810);
    an_date_format(d, buf);
    ck_assert_str_eq(buf, "2020-08-10");
    ck_assert_int_eq(an_date_parse("2020-08-10T21:00:00Z", &d), 0);
    ck_assert_int_eq(an_date_parse("2020-02-29", &d), 0);
    ck_assert_int_eq(an_date_parse("2000-02-29", &d), 0);
    const char *bad[] = {"2021-02-29", "1900-02-29", "2020-13-01",
                         "2020-00-10", "2020-04-31", "2020-8-10", "20200810",
                         "2020-08-101", "0000-01-01", "yesterday", ""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_msg(an_date_parse(bad[i], &d) == -1, "'%s' accepted",
                      bad[i]);
    ck_assert_int_eq(an_date_parse(NULL, &d), -1);
    an_date_format(0, buf);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(create_refuses_bad_options)
{
    an_agg_options o;
    an_agg_options_init(&o);
    o.evidence = AN_EVIDENCE_MAX + 1;
    ck_assert_ptr_null(an_agg_create(&o));
    an_agg_options_init(&o);
    o.evidence_bytes = 3;
    ck_assert_ptr_null(an_agg_create(&o));
    an_agg_options_init(&o);
    o.window.kind = AN_WINDOW_TOKENS;
    o.window.tokens = 0;
    ck_assert_ptr_null(an_agg_create(&o));
    an_agg_destroy(NULL);
}
END_TEST

START_TEST(sentence_window)
{
    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, ents, N_ENTS, &doc4);
    ck_assert_uint_eq(an_agg_node_count(agg), 3);
    ck_assert_uint_eq(an_agg_edge_count(agg), 3);
    /* Each pair once per sentence, however often mentioned in it. */
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 3);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 1);
    ck_assert_uint_eq(fx_edge(agg, "B", "C")->weight, 1);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->documents, 1);
    ck_assert_ptr_null(fx_edge(agg, "A", "A"));
    const an_agg_node *n = an_agg_nodes(agg);
    ck_assert_uint_eq(n[fx_node(agg, "A")].mentions, 4);
    ck_assert_uint_eq(n[fx_node(agg, "B")].mentions, 4);
    ck_assert_uint_eq(n[fx_node(agg, "C")].mentions, 2);
    ck_assert_uint_eq(n[fx_node(agg, "A")].documents, 1);
    ck_assert_str_eq(n[fx_node(agg, "A")].label, "Alpha");
    ck_assert_str_eq(n[fx_node(agg, "A")].country, "C");
    ck_assert_str_eq(n[fx_node(agg, "B")].kind, "news");
    ck_assert_int_eq(n[fx_node(agg, "C")].type, ACTNET_COUNTRY);
    ck_assert_uint_eq(an_agg_get_stats(agg)->mentions, 10);
    ck_assert_uint_eq(an_agg_get_stats(agg)->documents, 1);
}
END_TEST

START_TEST(paragraph_window)
{
    agg = make(AN_WINDOW_PARAGRAPH, 0, 0);
    fx_feed(agg, ents, N_ENTS, &doc4);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 2);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 1);
    ck_assert_uint_eq(fx_edge(agg, "B", "C")->weight, 1);
}
END_TEST

START_TEST(document_window)
{
    fx_doc again = doc4;
    agg = make(AN_WINDOW_DOCUMENT, 0, 0);
    fx_feed(agg, ents, N_ENTS, &doc4);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 1);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 1);
    again.id = "doc4-copy";
    fx_feed(agg, ents, N_ENTS, &again);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 2);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->documents, 2);
    ck_assert_uint_eq(an_agg_nodes(agg)[fx_node(agg, "C")].documents, 2);
}
END_TEST

/* A@0 and B@3 in s0; A@5 in s1; C@20 in s2. */
static const fx_doc tokdoc = {
    "tok", NULL,
    {"Alpha x x Beta.", "Alpha y y.", "z z z Gamma.", NULL},
    {0, 0, 0},
    {{A, 0, 0}, {B, 0, 3}, {A, 1, 5}, {C, 2, 20}},
    4
};

START_TEST(token_window)
{
    /* N = 5: (A0,B3) and (B3,A5) pair; A0-A5 is one entity; C too far. */
    agg = make(AN_WINDOW_TOKENS, 5, 0);
    fx_feed(agg, ents, N_ENTS, &tokdoc);
    ck_assert_uint_eq(an_agg_edge_count(agg), 1);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 2);
    an_agg_destroy(agg);

    /* N = 2: A0-B3 is 3 apart, B3-A5 is 2 apart (at most N). */
    agg = make(AN_WINDOW_TOKENS, 2, 0);
    fx_feed(agg, ents, N_ENTS, &tokdoc);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 1);
    an_agg_destroy(agg);

    /* N = 15: A5-C20 is exactly 15 apart; B3-C20 is 17. */
    agg = make(AN_WINDOW_TOKENS, 15, 0);
    fx_feed(agg, ents, N_ENTS, &tokdoc);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 1);
    ck_assert_ptr_null(fx_edge(agg, "B", "C"));
    an_agg_destroy(agg);

    /* N = 20: every cross pair; both A mentions pair with C. */
    agg = make(AN_WINDOW_TOKENS, 20, 0);
    fx_feed(agg, ents, N_ENTS, &tokdoc);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 2);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 2);
    ck_assert_uint_eq(fx_edge(agg, "B", "C")->weight, 1);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->documents, 1);
}
END_TEST

START_TEST(mentions_out_of_order)
{
    /* The token window sorts mentions itself. */
    fx_doc d = tokdoc;
    d.mentions[0] = tokdoc.mentions[3];
    d.mentions[3] = tokdoc.mentions[0];
    agg = make(AN_WINDOW_TOKENS, 20, 0);
    fx_feed(agg, ents, N_ENTS, &d);
    ck_assert_uint_eq(fx_edge(agg, "A", "B")->weight, 2);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->weight, 2);
}
END_TEST

START_TEST(dates)
{
    fx_doc d = {"d1", "2020-08-10", {"Alpha Beta.", NULL}, {0},
                {{A, 0, 0}, {B, 0, 1}}, 2};
    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, ents, N_ENTS, &d);
    d.id = "d2";
    d.date = "2020-09-01T10:00";
    d.n_mentions = 1;                     /* Alpha only */
    fx_feed(agg, ents, N_ENTS, &d);
    d.id = "d3";
    d.date = NULL;
    d.n_mentions = 2;
    fx_feed(agg, ents, N_ENTS, &d);
    d.id = "d4";
    d.date = "yesterday";
    fx_feed(agg, ents, N_ENTS, &d);
    d.id = "d5";
    d.date = "2020-07-31";
    d.mentions[0].entity = D;
    fx_feed(agg, ents, N_ENTS, &d);

    const an_agg_node *a = &an_agg_nodes(agg)[fx_node(agg, "A")];
    ck_assert_uint_eq(a->documents, 4);
    ck_assert_uint_eq(a->first, 20200810);
    ck_assert_uint_eq(a->last, 20200901);
    const an_agg_edge *ab = fx_edge(agg, "A", "B");
    ck_assert_uint_eq(ab->documents, 3);
    ck_assert_uint_eq(ab->first, 20200810);
    ck_assert_uint_eq(ab->last, 20200810);
    const an_agg_edge *bd = fx_edge(agg, "B", "D");
    ck_assert_uint_eq(bd->first, 20200731);
    const an_agg_stats *st = an_agg_get_stats(agg);
    ck_assert_uint_eq(st->documents, 5);
    ck_assert_uint_eq(st->dated, 3);
    ck_assert_uint_eq(st->bad_dates, 1);
    ck_assert_uint_eq(st->first, 20200731);
    ck_assert_uint_eq(st->last, 20200901);
}
END_TEST

/* Alpha and Beta share sentence `s` of a document with id `id`. */
static void feed_pair(const char *id, uint32_t s)
{
    fx_doc d;
    memset(&d, 0, sizeof(d));
    d.id = id;
    for (uint32_t i = 0; i <= s + 1 && i < FX_MAX - 1; i++)
        d.sentences[i] = i == s ? "Alpha\tmet \n Beta\x01  here." : "Filler.";
    d.mentions[0] = (fx_mention){A, s, 2 * s};
    d.mentions[1] = (fx_mention){B, s, 2 * s + 1};
    d.n_mentions = 2;
    fx_feed(agg, ents, N_ENTS, &d);
}

START_TEST(evidence_smallest_keys)
{
    agg = make(AN_WINDOW_SENTENCE, 0, 2);
    feed_pair("b", 0);
    feed_pair("a", 5);
    feed_pair("c", 0);
    feed_pair("a", 2);
    const an_agg_edge *e = fx_edge(agg, "A", "B");
    ck_assert_uint_eq(e->weight, 4);
    ck_assert_uint_eq(e->n_ev, 2);
    ck_assert_str_eq(e->ev[0].doc, "a");
    ck_assert_uint_eq(e->ev[0].s1, 2);
    ck_assert_str_eq(e->ev[1].doc, "a");
    ck_assert_uint_eq(e->ev[1].s1, 5);
    /* White space collapsed, control characters removed. */
    ck_assert_str_eq(e->ev[0].text, "Alpha met Beta here.");
}
END_TEST

START_TEST(evidence_natural_document_order)
{
    agg = make(AN_WINDOW_SENTENCE, 0, 3);
    feed_pair("feed.jsonl:10", 0);
    feed_pair("feed.jsonl:9", 0);
    feed_pair("feed.jsonl:100", 0);
    feed_pair("feed.jsonl:09", 0);
    const an_agg_edge *e = fx_edge(agg, "A", "B");
    ck_assert_uint_eq(e->n_ev, 3);
    ck_assert_str_eq(e->ev[0].doc, "feed.jsonl:09");  /* = 9, bytes decide */
    ck_assert_str_eq(e->ev[1].doc, "feed.jsonl:9");
    ck_assert_str_eq(e->ev[2].doc, "feed.jsonl:10");
}
END_TEST

START_TEST(evidence_none_without_k)
{
    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    feed_pair("a", 0);
    const an_agg_edge *e = fx_edge(agg, "A", "B");
    ck_assert_uint_eq(e->n_ev, 0);
    ck_assert_ptr_null(e->ev);
}
END_TEST

START_TEST(evidence_cap_and_repair)
{
    an_agg_options o;
    an_buf text = {0};
    an_agg_options_init(&o);
    o.evidence = 1;
    o.evidence_bytes = 40;
    agg = an_agg_create(&o);
    ck_assert_ptr_nonnull(agg);
    for (int i = 0; i < 60; i++)
        an_buf_append(&text, "\xC3\xA9", 2);          /* é */
    an_buf_append(&text, "\xFF end", 5);               /* invalid byte */
    an_buf_terminate(&text);
    fx_doc d = {"d", NULL, {text.data, NULL}, {0},
                {{A, 0, 0}, {B, 0, 1}}, 2};
    fx_feed(agg, ents, N_ENTS, &d);
    const char *t = fx_edge(agg, "A", "B")->ev[0].text;
    size_t len = strlen(t);
    ck_assert_uint_le(len, 40);
    ck_assert_uint_ge(len, 34);
    ck_assert_str_eq(t + len - 3, "\xE2\x80\xA6");    /* … */
    ck_assert_int_eq(memcmp(t, "\xC3\xA9\xC3\xA9", 4), 0);
    /* Cut on a character boundary: only whole é before the ellipsis. */
    ck_assert_uint_eq((len - 3) % 2, 0);
    an_buf_free(&text);

    /* Without the cap the invalid byte becomes U+FFFD. */
    an_agg_destroy(agg);
    o.evidence_bytes = 1000;
    agg = an_agg_create(&o);
    fx_doc d2 = {"d", NULL, {"Alpha \xFF Beta", NULL}, {0},
                 {{A, 0, 0}, {B, 0, 2}}, 2};
    fx_feed(agg, ents, N_ENTS, &d2);
    ck_assert_str_eq(fx_edge(agg, "A", "B")->ev[0].text,
                     "Alpha \xEF\xBF\xBD Beta");
}
END_TEST

START_TEST(evidence_wide_windows)
{
    fx_doc d = {"w", NULL, {"One Alpha.", "Two Beta.", "Three Gamma.", NULL},
                {0, 0, 0}, {{A, 0, 1}, {B, 1, 3}, {C, 2, 5}}, 3};
    agg = make(AN_WINDOW_PARAGRAPH, 0, 3);
    fx_feed(agg, ents, N_ENTS, &d);
    ck_assert_str_eq(fx_edge(agg, "A", "B")->ev[0].text,
                     "One Alpha. Two Beta.");
    ck_assert_str_eq(fx_edge(agg, "A", "C")->ev[0].text,
                     "One Alpha. \xE2\x80\xA6 Three Gamma.");
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->ev[0].s1, 0);
    ck_assert_uint_eq(fx_edge(agg, "A", "C")->ev[0].s2, 2);
    an_agg_destroy(agg);

    /* Token windows: the sentences of the two mentions. */
    agg = make(AN_WINDOW_TOKENS, 10, 3);
    fx_feed(agg, ents, N_ENTS, &d);
    ck_assert_str_eq(fx_edge(agg, "B", "C")->ev[0].text,
                     "Two Beta. Three Gamma.");
}
END_TEST

START_TEST(label_conflicts_settle_the_same_way)
{
    static const actnet_entity t1[] = {
        {"X", "Zed", ACTNET_ORGANISATION, NULL, NULL, NULL, 0},
        {"Y", "Why", ACTNET_PERSON, NULL, NULL, NULL, 0}};
    static const actnet_entity t2[] = {
        {"X", "Ace", ACTNET_PERSON, "C", "k", NULL, 0},
        {"Y", "Why", ACTNET_PERSON, NULL, NULL, NULL, 0}};
    fx_doc d = {"d", NULL, {"X Y.", NULL}, {0}, {{0, 0, 0}, {1, 0, 1}}, 2};
    char *one, *two;

    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, t1, 2, &d);
    fx_feed(agg, t2, 2, &d);
    one = fx_dump(agg);
    an_agg_destroy(agg);
    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, t2, 2, &d);
    fx_feed(agg, t1, 2, &d);
    two = fx_dump(agg);
    ck_assert_str_eq(one, two);
    const an_agg_node *x = &an_agg_nodes(agg)[fx_node(agg, "X")];
    ck_assert_str_eq(x->label, "Ace");
    ck_assert_str_eq(x->country, "C");
    ck_assert_str_eq(x->kind, "k");
    ck_assert_int_eq(x->type, ACTNET_PERSON);
    free(one);
    free(two);
}
END_TEST

/* The accumulator remembers the node of each entity index across
 * documents; a source whose indices mean other entities in a later
 * document (another extractor, other rules) must still be counted by
 * the entities' content. */
START_TEST(entity_indices_may_change_meaning)
{
    static const actnet_entity t1[] = {
        {"X", "Ex", ACTNET_PERSON, NULL, NULL, NULL, 0},
        {"Y", "Why", ACTNET_PERSON, NULL, NULL, NULL, 0}};
    static const actnet_entity t2[] = {
        {"Y", "Why", ACTNET_PERSON, NULL, NULL, NULL, 0},
        {"Z", "Zed", ACTNET_COUNTRY, NULL, NULL, NULL, 0}};
    static const actnet_entity t3[] = {
        {"Y", "A why", ACTNET_ORGANISATION, "C", "k", NULL, 0},
        {"X", "Ex", ACTNET_PERSON, NULL, NULL, NULL, 0}};
    fx_doc d = {"d", NULL, {"P Q.", NULL}, {0}, {{0, 0, 0}, {1, 0, 1}}, 2};

    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, t1, 2, &d);
    fx_feed(agg, t2, 2, &d);
    fx_feed(agg, t3, 2, &d);
    fx_feed(agg, t1, 2, &d);
    ck_assert_uint_eq(an_agg_node_count(agg), 3);
    const an_agg_node *x = &an_agg_nodes(agg)[fx_node(agg, "X")];
    const an_agg_node *y = &an_agg_nodes(agg)[fx_node(agg, "Y")];
    const an_agg_node *z = &an_agg_nodes(agg)[fx_node(agg, "Z")];
    ck_assert_uint_eq(x->mentions, 3);
    ck_assert_uint_eq(y->mentions, 4);
    ck_assert_uint_eq(z->mentions, 1);
    ck_assert_str_eq(y->label, "A why");
    ck_assert_str_eq(y->country, "C");
    ck_assert_str_eq(y->kind, "k");
    ck_assert_int_eq(y->type, ACTNET_PERSON);
    ck_assert_uint_eq(fx_edge(agg, "X", "Y")->weight, 3);
    ck_assert_uint_eq(fx_edge(agg, "Y", "Z")->weight, 1);
}
END_TEST

START_TEST(ids_are_cleaned_and_unknown_entities_skipped)
{
    static const actnet_entity t[] = {
        {"a\x01" "b", "L\tabel", ACTNET_PERSON, NULL, NULL, NULL, 0},
        {"ab", "Label", ACTNET_PERSON, NULL, NULL, NULL, 0},
        {"c", NULL, ACTNET_COUNTRY, NULL, NULL, NULL, 0}};
    fx_doc d = {"d", NULL, {"s.", NULL}, {0},
                {{0, 0, 0}, {1, 0, 1}, {2, 0, 2}, {7, 0, 3}}, 4};
    agg = make(AN_WINDOW_SENTENCE, 0, 0);
    fx_feed(agg, t, 3, &d);
    ck_assert_uint_eq(an_agg_node_count(agg), 2);
    const an_agg_node *n = &an_agg_nodes(agg)[fx_node(agg, "ab")];
    ck_assert_uint_eq(n->mentions, 2);
    ck_assert_str_eq(n->label, "L abel");   /* tab -> space; smaller wins */
    ck_assert_str_eq(an_agg_nodes(agg)[fx_node(agg, "c")].label, "c");
    ck_assert_uint_eq(an_agg_get_stats(agg)->mentions, 3);
    ck_assert_uint_eq(fx_edge(agg, "ab", "c")->weight, 1);
}
END_TEST

/* Six documents with dates, repeats and evidence ties. */
static fx_doc corpus[6];

static void corpus_init(void)
{
    static const char *ids[6] = {"n3", "n1", "n5", "n0", "n4", "n2"};
    static const char *when[6] = {"2020-08-10", NULL, "2020-09-14",
                                   "2020-08-01", "bad", "2020-10-02"};
    memset(corpus, 0, sizeof(corpus));
    for (int i = 0; i < 6; i++) {
        fx_doc *d = &corpus[i];
        d->id = ids[i];
        d->date = when[i];
        d->sentences[0] = "Alpha Beta Gamma.";
        d->sentences[1] = "Beta Delta.";
        d->sentences[2] = "Alpha Delta Alpha.";
        d->paragraph[0] = 0;
        d->paragraph[1] = (uint32_t)(i % 2);
        d->paragraph[2] = 1;
        fx_mention ms[] = {{A, 0, 0}, {B, 0, 1}, {C, 0, 2}, {B, 1, 4},
                           {D, 1, 5}, {A, 2, 7}, {D, 2, 8}, {A, 2, 9}};
        size_t n = 8 - (size_t)(i % 3);     /* vary the documents */
        memcpy(d->mentions, ms, n * sizeof(ms[0]));
        d->n_mentions = n;
    }
}

static an_agg *feed_some(const int *which, int n, an_window_kind kind)
{
    an_agg *a = make(kind, 4, 2);
    for (int i = 0; i < n; i++)
        fx_feed(a, ents, N_ENTS, &corpus[which[i]]);
    return a;
}

START_TEST(merge_is_order_independent)
{
    static const an_window_kind kinds[] = {AN_WINDOW_SENTENCE,
                                           AN_WINDOW_PARAGRAPH,
                                           AN_WINDOW_TOKENS};
    an_window_kind kind = kinds[_i];
    int all[6] = {0, 1, 2, 3, 4, 5}, rev[6] = {5, 4, 3, 2, 1, 0};
    int g1[2] = {0, 1}, g2[2] = {2, 3}, g3[2] = {4, 5};
    int g3r[2] = {5, 4};
    char *want, *got;

    corpus_init();
    an_agg *single = feed_some(all, 6, kind);
    want = fx_dump(single);
    an_agg *reversed = feed_some(rev, 6, kind);
    got = fx_dump(reversed);
    ck_assert_str_eq(want, got);
    free(got);

    /* (g1 + g2) + g3 */
    an_agg *a1 = feed_some(g1, 2, kind), *a2 = feed_some(g2, 2, kind);
    an_agg *a3 = feed_some(g3, 2, kind);
    ck_assert_int_eq(an_agg_merge(a1, a2), ACTNET_OK);
    ck_assert_int_eq(an_agg_merge(a1, a3), ACTNET_OK);
    got = fx_dump(a1);
    ck_assert_str_eq(want, got);
    free(got);

    /* g3' + (g2 + g1): other grouping, other order inside a part */
    an_agg *b1 = feed_some(g1, 2, kind), *b2 = feed_some(g2, 2, kind);
    an_agg *b3 = feed_some(g3r, 2, kind);
    ck_assert_int_eq(an_agg_merge(b2, b1), ACTNET_OK);
    ck_assert_int_eq(an_agg_merge(b3, b2), ACTNET_OK);
    got = fx_dump(b3);
    ck_assert_str_eq(want, got);
    free(got);

    /* Merging an empty accumulator changes nothing. */
    an_agg *empty = feed_some(all, 0, kind);
    ck_assert_int_eq(an_agg_merge(single, empty), ACTNET_OK);
    got = fx_dump(single);
    ck_assert_str_eq(want, got);
    free(got);

    /* The evidence kept is the two smallest keys of the whole corpus. */
    const an_agg_edge *e = fx_edge(single, "A", "B");
    ck_assert_uint_eq(e->n_ev, 2);
    ck_assert_str_eq(e->ev[0].doc, "n0");

    free(want);
    an_agg_destroy(single);
    an_agg_destroy(reversed);
    an_agg_destroy(a1);
    an_agg_destroy(a2);
    an_agg_destroy(a3);
    an_agg_destroy(b1);
    an_agg_destroy(b2);
    an_agg_destroy(b3);
    an_agg_destroy(empty);
}
END_TEST

START_TEST(merge_refuses_other_options)
{
    an_agg *a = make(AN_WINDOW_SENTENCE, 0, 0);
    an_agg *b = make(AN_WINDOW_PARAGRAPH, 0, 0);
    an_agg *c = make(AN_WINDOW_SENTENCE, 0, 3);
    ck_assert_int_eq(an_agg_merge(a, b), ACTNET_ERR_USAGE);
    ck_assert_int_eq(an_agg_merge(a, c), ACTNET_ERR_USAGE);
    ck_assert_int_eq(an_agg_merge(a, a), ACTNET_ERR_USAGE);
    an_agg_destroy(a);
    an_agg_destroy(b);
    an_agg_destroy(c);
}
END_TEST

START_TEST(many_edges_grow_the_table)
{
    /* 120 entities in one document window: 7140 edges, table regrown. */
    actnet_entity many[120];
    char ids[120][8];
    fx_doc d;
    agg = make(AN_WINDOW_DOCUMENT, 0, 0);
    for (int i = 0; i < 120; i++) {
        snprintf(ids[i], sizeof(ids[i]), "e%03d", i);
        many[i] = (actnet_entity){ids[i], ids[i], ACTNET_PERSON, NULL, NULL,
                                  NULL, 0};
    }
    for (int part = 0; part < 4; part++) {
        memset(&d, 0, sizeof(d));
        d.id = "big";
        d.sentences[0] = "x";
        for (int i = 0; i < 30; i++)
            d.mentions[i] = (fx_mention){(uint32_t)(part * 30 + i), 0,
                                         (uint32_t)i};
        d.n_mentions = 30;
        fx_feed(agg, many, 120, &d);
    }
    /* Four documents of 30 entities each: 4 * 435 edges. */
    ck_assert_uint_eq(an_agg_edge_count(agg), 4 * 435);
    ck_assert_uint_eq(an_agg_node_count(agg), 120);
    ck_assert_ptr_nonnull(fx_edge(agg, "e090", "e119"));
    ck_assert_ptr_null(fx_edge(agg, "e000", "e119"));
}
END_TEST


/* ---- acts-on ----------------------------------------------------------- */

static const actnet_relation rels[] = {
    {.id = "sanction", .label = "sanctions", .polarity = -1,
     .cls = "material-conflict", .symmetric = 0},
    {.id = "meet", .label = "meets", .polarity = 1,
     .cls = "verbal-cooperation", .symmetric = 1},
    {.id = "urge", .label = "urges", .polarity = 0,
     .cls = "verbal-conflict", .symmetric = 0},
};
enum { SANCTION, MEET, URGE };

static an_agg *make_acts(int include_negated, int exclude_hedged,
                         int collapse, uint32_t evidence)
{
    an_agg_options o;
    an_agg_options_init(&o);
    o.network = AN_NETWORK_ACTS_ON;
    o.include_negated = include_negated;
    o.exclude_hedged = exclude_hedged;
    o.collapse = collapse;
    o.evidence = evidence;
    an_agg *a = an_agg_create(&o);
    ck_assert_ptr_nonnull(a);
    return a;
}

/*
 * d1 (2020-08-10):
 *   s0 "Alpha sanctioned Beta."            A sanction B
 *   s1 "Alpha sanctioned Beta, who met Alpha."  A sanction B; B meet A
 *   s2 "Alpha met Beta but did not urge Gamma; Gamma may urge Alpha."
 *                                          A meet B; A urge C (negated);
 *                                          C urge A (hedged)
 *   s3 "Delta sanctioned Delta."           D sanction D (a self-loop)
 * d2 (2020-09-01):
 *   s0 "Alpha sanctioned Beta."            A sanction B
 *   s1 "Gamma met Beta."                   C meet B (symmetric: B - C)
 */
static fx_doc act_docs[2];
static fx_events act_events[2];

static void acts_init(void)
{
    memset(act_docs, 0, sizeof(act_docs));
    memset(act_events, 0, sizeof(act_events));
    act_docs[0] = (fx_doc){
        "d1", "2020-08-10",
        {"Alpha sanctioned Beta.", "Alpha sanctioned Beta, who met Alpha.",
         "Alpha met Beta but did not urge Gamma; Gamma may urge Alpha.",
         "Delta sanctioned Delta.", NULL},
        {0, 0, 1, 1},
        {{A, 0, 0}, {B, 0, 2}, {A, 1, 4}, {B, 1, 6}, {A, 1, 9}, {A, 2, 11},
         {B, 2, 13}, {C, 2, 18}, {C, 2, 20}, {A, 2, 23}, {D, 3, 25},
         {D, 3, 27}},
        12};
    act_events[0] = (fx_events){
        rels, 3,
        {{A, SANCTION, B, 0, 0, 0}, {A, SANCTION, B, 1, 0, 0},
         {B, MEET, A, 1, 0, 0}, {A, MEET, B, 2, 0, 0},
         {A, URGE, C, 2, 1, 0}, {C, URGE, A, 2, 0, 1},
         {D, SANCTION, D, 3, 0, 0}},
        7};
    act_docs[1] = (fx_doc){
        "d2", "2020-09-01",
        {"Alpha sanctioned Beta.", "Gamma met Beta.", NULL},
        {0, 0},
        {{A, 0, 0}, {B, 0, 2}, {C, 1, 4}, {B, 1, 6}},
        4};
    act_events[1] = (fx_events){
        rels, 3,
        {{A, SANCTION, B, 0, 0, 0}, {C, MEET, B, 1, 0, 0}},
        2};
}

static void feed_acts(an_agg *a, int which)
{
    fx_feed_events(a, ents, N_ENTS, &act_docs[which], &act_events[which]);
}

static const actnet_entity *wide_entity(const void *ctx, uint32_t idx)
{
    const actnet_entity *t = ctx;
    return idx < 200 ? &t[idx] : NULL;
}

static void wide_span(const void *ctx, size_t s, size_t *start, size_t *end)
{
    (void)ctx;
    *start = s * 4;
    *end = s * 4 + 3;
}

/* One sentence with 200 entities: 19900 pairs, more than the accumulator
 * holds before counting them, counted in the same order (edge numbers,
 * evidence) as any smaller document's. */
START_TEST(wide_window_counts_every_pair_in_order)
{
    static actnet_entity t[200];
    static char ids[200][8];
    static actnet_mention ms[400];
    an_agg_source src;
    actnet_document doc = {"wide", "2020-01-02", "One. Two.", 9};
    for (int i = 0; i < 200; i++) {
        snprintf(ids[i], sizeof(ids[i]), "w%03d", i);
        t[i] = (actnet_entity){ids[i], ids[i], ACTNET_PERSON, NULL, NULL,
                               NULL, 0};
    }
    /* every entity in sentence 0, then again in sentence 1 */
    for (uint32_t i = 0; i < 400; i++) {
        memset(&ms[i], 0, sizeof(ms[i]));
        ms[i].entity = i % 200;
        ms[i].sentence = i / 200;
        ms[i].tok_start = i;
        ms[i].tok_end = i + 1;
    }
    memset(&src, 0, sizeof(src));
    src.doc = &doc;
    src.mentions = ms;
    src.n_mentions = 400;
    src.entity = wide_entity;
    src.sentence_span = wide_span;
    src.ctx = t;
    agg = make(AN_WINDOW_SENTENCE, 0, 1);
    ck_assert_int_eq(an_agg_add_source(agg, &src), 0);
    ck_assert_uint_eq(an_agg_edge_count(agg), 19900);
    const an_agg_edge *e = an_agg_edges(agg);
    size_t x = 0;
    for (uint32_t a = 0; a < 200; a++)
        for (uint32_t b = a + 1; b < 200; b++, x++) {
            ck_assert_uint_eq(e[x].a, a);
            ck_assert_uint_eq(e[x].b, b);
            ck_assert_uint_eq(e[x].weight, 2);
            ck_assert_uint_eq(e[x].documents, 1);
            ck_assert_uint_eq(e[x].first, 20200102);
            ck_assert_uint_eq(e[x].n_ev, 1);
            ck_assert_uint_eq(e[x].ev[0].s1, 0);
            ck_assert_str_eq(e[x].ev[0].text, "One");
        }
}
END_TEST

START_TEST(network_parse)
{
    an_network n = AN_NETWORK_ACTS_ON;
    ck_assert_int_eq(an_network_parse("cooccurrence", &n), 0);
    ck_assert_int_eq(n, AN_NETWORK_COOCCURRENCE);
    n = AN_NETWORK_ACTS_ON;
    ck_assert_int_eq(an_network_parse("co-occurrence", &n), 0);
    ck_assert_int_eq(n, AN_NETWORK_COOCCURRENCE);
    ck_assert_int_eq(an_network_parse("acts-on", &n), 0);
    ck_assert_int_eq(n, AN_NETWORK_ACTS_ON);
    ck_assert_int_eq(an_network_parse("actson", &n), -1);
    ck_assert_int_eq(an_network_parse("", &n), -1);
    ck_assert_int_eq(an_network_parse(NULL, &n), -1);
    ck_assert_str_eq(an_network_name(AN_NETWORK_ACTS_ON), "acts-on");
    ck_assert_str_eq(an_network_name(AN_NETWORK_COOCCURRENCE),
                     "cooccurrence");
}
END_TEST

START_TEST(acts_on_edges)
{
    acts_init();
    agg = make_acts(0, 0, 0, 0);
    feed_acts(agg, 0);
    feed_acts(agg, 1);
    /* No co-occurrence edges; nodes counted from mentions as ever. */
    ck_assert_uint_eq(an_agg_edge_count(agg), 0);
    ck_assert_uint_eq(an_agg_node_count(agg), 4);
    const an_agg_node *n = an_agg_nodes(agg);
    ck_assert_uint_eq(n[fx_node(agg, "A")].mentions, 6);
    ck_assert_uint_eq(n[fx_node(agg, "B")].mentions, 5);
    ck_assert_uint_eq(n[fx_node(agg, "D")].mentions, 2);
    ck_assert_uint_eq(n[fx_node(agg, "C")].documents, 2);

    const an_agg_act *e = fx_act(agg, "A", "B", "sanction");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->weight, 3);
    ck_assert_uint_eq(e->documents, 2);
    ck_assert_uint_eq(e->negated, 0);
    ck_assert_uint_eq(e->hedged, 0);
    ck_assert_uint_eq(e->first, 20200810);
    ck_assert_uint_eq(e->last, 20200901);
    ck_assert_ptr_null(fx_act(agg, "B", "A", "sanction"));
    /* meet is symmetric: "B met A" and "A met B" are one edge A -> B. */
    e = fx_act(agg, "A", "B", "meet");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->weight, 2);
    ck_assert_uint_eq(e->reversed, 1);      /* "Beta met Alpha" */
    ck_assert_uint_eq(e->documents, 1);
    ck_assert_ptr_null(fx_act(agg, "B", "A", "meet"));
    /* "Gamma met Beta": B < C, so B -> C, written the other way. */
    ck_assert_uint_eq(fx_act(agg, "B", "C", "meet")->weight, 1);
    ck_assert_uint_eq(fx_act(agg, "B", "C", "meet")->reversed, 1);
    ck_assert_uint_eq(fx_act(agg, "A", "B", "sanction")->reversed, 0);
    ck_assert_ptr_null(fx_act(agg, "C", "B", "meet"));
    /* The negated urge is left out, the hedged one counts. */
    ck_assert_ptr_null(fx_act(agg, "A", "C", "urge"));
    e = fx_act(agg, "C", "A", "urge");
    ck_assert_uint_eq(e->weight, 1);
    ck_assert_uint_eq(e->hedged, 1);
    ck_assert_uint_eq(e->negated, 0);
    /* D -> D is no edge. */
    ck_assert_ptr_null(fx_act(agg, "D", "D", "sanction"));
    ck_assert_uint_eq(an_agg_act_count(agg), 4);
    /* 9 events: 1 left out (negated), 1 self-loop dropped. */
    ck_assert_uint_eq(an_agg_get_stats(agg)->events, 7);
    ck_assert_uint_eq(an_agg_get_stats(agg)->left_out, 1);
    /* The relation table. */
    ck_assert_uint_eq(an_agg_relation_count(agg), 3);
    const an_agg_relation *r = an_agg_relations(agg);
    const an_agg_act *s = fx_act(agg, "A", "B", "sanction");
    ck_assert_str_eq(r[s->relation].label, "sanctions");
    ck_assert_int_eq(r[s->relation].polarity, -1);
    ck_assert_str_eq(r[s->relation].cls, "material-conflict");
    ck_assert_int_eq(r[s->relation].symmetric, 0);
    ck_assert_int_eq(r[fx_act(agg, "A", "B", "meet")->relation].symmetric,
                     1);
}
END_TEST

START_TEST(acts_on_negated_and_hedged_options)
{
    acts_init();
    agg = make_acts(1, 0, 0, 0);
    feed_acts(agg, 0);
    const an_agg_act *e = fx_act(agg, "A", "C", "urge");
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->weight, 1);
    ck_assert_uint_eq(e->negated, 1);
    ck_assert_uint_eq(an_agg_get_stats(agg)->left_out, 0);
    ck_assert_uint_eq(an_agg_get_stats(agg)->events, 6);
    an_agg_destroy(agg);

    agg = make_acts(0, 1, 0, 0);
    feed_acts(agg, 0);
    ck_assert_ptr_null(fx_act(agg, "A", "C", "urge"));
    ck_assert_ptr_null(fx_act(agg, "C", "A", "urge"));
    ck_assert_uint_eq(an_agg_get_stats(agg)->left_out, 2);
    ck_assert_uint_eq(an_agg_get_stats(agg)->events, 4);
    an_agg_destroy(agg);

    /* Both: the negated one is in, the hedged one out. */
    agg = make_acts(1, 1, 0, 0);
    feed_acts(agg, 0);
    ck_assert_uint_eq(fx_act(agg, "A", "C", "urge")->negated, 1);
    ck_assert_ptr_null(fx_act(agg, "C", "A", "urge"));
}
END_TEST

START_TEST(acts_on_collapse)
{
    acts_init();
    agg = make_acts(0, 0, 1, 3);
    feed_acts(agg, 0);
    feed_acts(agg, 1);
    ck_assert_uint_eq(an_agg_act_count(agg), 3);
    ck_assert_ptr_null(fx_act(agg, "A", "B", "sanction"));
    const an_agg_act *e = fx_act(agg, "A", "B", NULL);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->relation, AN_AGG_COLLAPSED);
    ck_assert_uint_eq(e->weight, 5);            /* 3 sanction + 2 meet */
    ck_assert_uint_eq(e->n_parts, 2);
    ck_assert_uint_eq(fx_part(agg, e, "sanction"), 3);
    ck_assert_uint_eq(fx_part(agg, e, "meet"), 2);
    ck_assert_uint_eq(fx_part(agg, e, "urge"), 0);
    ck_assert_uint_eq(e->documents, 2);         /* a pair's documents */
    /* Evidence: the sentence of both s1 events is kept once. */
    ck_assert_uint_eq(e->n_ev, 3);
    ck_assert_str_eq(e->ev[0].doc, "d1");
    ck_assert_uint_eq(e->ev[0].s1, 0);
    ck_assert_uint_eq(e->ev[1].s1, 1);
    ck_assert_uint_eq(e->ev[1].s2, 1);
    ck_assert_str_eq(e->ev[1].text, "Alpha sanctioned Beta, who met Alpha.");
    ck_assert_uint_eq(e->ev[2].s1, 2);
    e = fx_act(agg, "C", "A", NULL);
    ck_assert_uint_eq(e->weight, 1);
    ck_assert_uint_eq(e->hedged, 1);
    ck_assert_uint_eq(fx_part(agg, e, "urge"), 1);
    ck_assert_uint_eq(fx_act(agg, "B", "C", NULL)->weight, 1);
}
END_TEST

START_TEST(acts_on_evidence)
{
    acts_init();
    agg = make_acts(0, 0, 0, 2);
    feed_acts(agg, 1);
    feed_acts(agg, 0);
    const an_agg_act *e = fx_act(agg, "A", "B", "sanction");
    ck_assert_uint_eq(e->n_ev, 2);      /* d1 s0, d1 s1; d2 s0 dropped */
    ck_assert_str_eq(e->ev[0].doc, "d1");
    ck_assert_uint_eq(e->ev[0].s1, 0);
    ck_assert_str_eq(e->ev[0].text, "Alpha sanctioned Beta.");
    ck_assert_str_eq(e->ev[1].doc, "d1");
    ck_assert_uint_eq(e->ev[1].s1, 1);
    e = fx_act(agg, "B", "C", "meet");
    ck_assert_uint_eq(e->n_ev, 1);
    ck_assert_str_eq(e->ev[0].text, "Gamma met Beta.");
}
END_TEST

START_TEST(acts_on_merge_is_order_independent)
{
    char *want, *got;
    int collapse = _i;
    acts_init();
    an_agg *single = make_acts(0, 0, collapse, 2);
    feed_acts(single, 0);
    feed_acts(single, 1);
    want = fx_dump(single);
    an_agg *rev = make_acts(0, 0, collapse, 2);
    feed_acts(rev, 1);
    feed_acts(rev, 0);
    got = fx_dump(rev);
    ck_assert_str_eq(want, got);
    free(got);
    /* Merged from two shards, either way round. */
    an_agg *p0 = make_acts(0, 0, collapse, 2), *p1 = make_acts(0, 0,
                                                                collapse, 2);
    feed_acts(p0, 0);
    feed_acts(p1, 1);
    ck_assert_int_eq(an_agg_merge(p1, p0), ACTNET_OK);
    got = fx_dump(p1);
    ck_assert_str_eq(want, got);
    free(got);
    an_agg *q0 = make_acts(0, 0, collapse, 2), *q1 = make_acts(0, 0,
                                                                collapse, 2);
    an_agg *empty = make_acts(0, 0, collapse, 2);
    feed_acts(q0, 0);
    feed_acts(q1, 1);
    ck_assert_int_eq(an_agg_merge(empty, q0), ACTNET_OK);
    ck_assert_int_eq(an_agg_merge(empty, q1), ACTNET_OK);
    got = fx_dump(empty);
    ck_assert_str_eq(want, got);
    free(got);
    ck_assert_ptr_nonnull(strstr(want, collapse ? "A A|B|*|5|" :
                                                  "A A|B|sanction|3|0|0|2|"));
    free(want);
    an_agg_destroy(single);
    an_agg_destroy(rev);
    an_agg_destroy(p0);
    an_agg_destroy(p1);
    an_agg_destroy(q0);
    an_agg_destroy(q1);
    an_agg_destroy(empty);
}
END_TEST

START_TEST(compact_then_count_again)
{
    /* The lookup tables freed by an_agg_compact are rebuilt: counting,
     * merging and interning after it give what they give without it. */
    char *want, *got;
    int collapse = _i;
    acts_init();
    an_agg *single = make_acts(0, 0, collapse, 2);
    feed_acts(single, 0);
    feed_acts(single, 1);
    want = fx_dump(single);
    an_agg *c = make_acts(0, 0, collapse, 2);
    feed_acts(c, 0);
    an_agg_compact(c);
    an_agg_compact(c);          /* twice: nothing left to free */
    feed_acts(c, 1);
    got = fx_dump(c);
    ck_assert_str_eq(want, got);
    free(got);
    an_agg *m = make_acts(0, 0, collapse, 2), *m1 = make_acts(0, 0,
                                                               collapse, 2);
    feed_acts(m, 0);
    feed_acts(m1, 1);
    an_agg_compact(m);
    ck_assert_int_eq(an_agg_merge(m, m1), ACTNET_OK);
    got = fx_dump(m);
    ck_assert_str_eq(want, got);
    free(got);
    free(want);
    /* an existing act is found again, a new one appended */
    size_t n = an_agg_act_count(m);
    const an_agg_act *a0 = &an_agg_acts(m)[0];
    uint32_t actor = a0->actor, target = a0->target, rel = a0->relation;
    an_agg_compact(m);
    ck_assert_uint_eq(an_agg_act_intern(m, actor, target, rel), 0);
    ck_assert_uint_eq(an_agg_act_count(m), n);
    an_agg_destroy(single);
    an_agg_destroy(c);
    an_agg_destroy(m);
    an_agg_destroy(m1);

    /* co-occurrence edges: 4 x 435 edges, compacted after each part */
    actnet_entity many[120];
    char ids[120][8];
    fx_doc d;
    an_agg *e = make(AN_WINDOW_DOCUMENT, 0, 0);
    for (int i = 0; i < 120; i++) {
        snprintf(ids[i], sizeof(ids[i]), "e%03d", i);
        many[i] = (actnet_entity){ids[i], ids[i], ACTNET_PERSON, NULL, NULL,
                                  NULL, 0};
    }
    for (int part = 0; part < 8; part++) {
        memset(&d, 0, sizeof(d));
        d.id = "big";
        d.sentences[0] = "x";
        for (int i = 0; i < 30; i++)
            d.mentions[i] = (fx_mention){(uint32_t)(part % 4 * 30 + i), 0,
                                         (uint32_t)i};
        d.n_mentions = 30;
        fx_feed(e, many, 120, &d);
        an_agg_compact(e);
    }
    ck_assert_uint_eq(an_agg_edge_count(e), 4 * 435);
    ck_assert_uint_eq(fx_edge(e, "e090", "e119")->weight, 2);
    ck_assert_uint_eq(an_agg_edge_intern(e, 1, 0), 0);
    ck_assert_uint_eq(an_agg_edge_count(e), 4 * 435);
    an_agg_destroy(e);
}
END_TEST

START_TEST(acts_on_merge_refuses_other_options)
{
    an_agg *a = make_acts(0, 0, 0, 0);
    an_agg *others[] = {make(AN_WINDOW_SENTENCE, 0, 0), make_acts(1, 0, 0, 0),
                        make_acts(0, 1, 0, 0), make_acts(0, 0, 1, 0)};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        ck_assert_int_eq(an_agg_merge(a, others[i]), ACTNET_ERR_USAGE);
        an_agg_destroy(others[i]);
    }
    an_agg_destroy(a);
}
END_TEST

START_TEST(acts_on_intern)
{
    agg = make_acts(0, 0, 0, 0);
    uint32_t x = an_agg_node_intern(agg, "x", "X", ACTNET_PERSON, NULL,
                                    NULL);
    uint32_t y = an_agg_node_intern(agg, "y", "Y", ACTNET_PERSON, NULL,
                                    NULL);
    uint32_t r = an_agg_relation_intern(agg, "visit", NULL, 5, NULL, 0);
    ck_assert_uint_eq(r, 0);
    /* The label defaults to the id; polarity is clamped to -1 .. 1. */
    ck_assert_str_eq(an_agg_relations(agg)[r].label, "visit");
    ck_assert_int_eq(an_agg_relations(agg)[r].polarity, 1);
    ck_assert_ptr_null(an_agg_relations(agg)[r].cls);
    /* Settled the same way whatever the order. */
    ck_assert_uint_eq(an_agg_relation_intern(agg, "visit", "visits", 0,
                                             "verbal-cooperation", 1), r);
    ck_assert_str_eq(an_agg_relations(agg)[r].label, "visit");
    ck_assert_int_eq(an_agg_relations(agg)[r].polarity, 0);
    ck_assert_str_eq(an_agg_relations(agg)[r].cls, "verbal-cooperation");
    ck_assert_int_eq(an_agg_relations(agg)[r].symmetric, 1);
    ck_assert_uint_eq(an_agg_act_intern(agg, x, x, r), UINT32_MAX);
    ck_assert_uint_eq(an_agg_act_intern(agg, x, y, r + 1), UINT32_MAX);
    ck_assert_uint_eq(an_agg_act_intern(agg, x, y, AN_AGG_COLLAPSED),
                      UINT32_MAX);
    ck_assert_uint_eq(an_agg_act_intern(agg, x, 7, r), UINT32_MAX);
    uint32_t e = an_agg_act_intern(agg, x, y, r);
    ck_assert_uint_eq(e, 0);
    ck_assert_uint_eq(an_agg_act_intern(agg, y, x, r), 1);
    ck_assert_uint_eq(an_agg_act_intern(agg, x, y, r), e);
    ck_assert_int_eq(an_agg_act_add_counts(agg, e, r, 4, 1, 2, 1, 3,
                                           20200102, 20200101), 0);
    const an_agg_act *a = &an_agg_acts(agg)[e];
    ck_assert_uint_eq(a->weight, 4);
    ck_assert_uint_eq(a->negated, 1);
    ck_assert_uint_eq(a->hedged, 2);
    ck_assert_uint_eq(a->reversed, 1);
    ck_assert_uint_eq(a->documents, 3);
    ck_assert_uint_eq(a->first, 20200101);
    ck_assert_uint_eq(a->last, 20200102);
    ck_assert_uint_eq(a->n_parts, 0);
    ck_assert_int_eq(an_agg_act_evidence_offer(agg, e, "doc\n1", 3, 3,
                                               "Hi\x01 there", 10), 0);
    ck_assert_uint_eq(a->n_ev, 0);              /* evidence is off */
    an_agg_destroy(agg);

    /* Many acts: the hash table grows. */
    agg = make_acts(0, 0, 1, 0);
    char id[16];
    uint32_t nodes[40];
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof(id), "n%02d", i);
        nodes[i] = an_agg_node_intern(agg, id, NULL, ACTNET_COUNTRY, NULL,
                                      NULL);
    }
    r = an_agg_relation_intern(agg, "meet", "meets", 1, NULL, 1);
    ck_assert_uint_eq(an_agg_act_intern(agg, nodes[0], nodes[1], r),
                      UINT32_MAX);          /* collapsed takes no relation */
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++)
            if (i != j) {
                uint32_t k = an_agg_act_intern(agg, nodes[i], nodes[j],
                                               AN_AGG_COLLAPSED);
                ck_assert_uint_ne(k, UINT32_MAX);
                ck_assert_int_eq(an_agg_act_add_counts(agg, k, r, 1, 0, 0,
                                                       0, 1, 0, 0), 0);
            }
    ck_assert_uint_eq(an_agg_act_count(agg), 40 * 39);
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++)
            if (i != j)
                ck_assert_uint_eq(an_agg_act_intern(agg, nodes[i], nodes[j],
                                                    AN_AGG_COLLAPSED),
                                  (uint32_t)(i * 39 + j - (j > i)));
    ck_assert_uint_eq(an_agg_acts(agg)[5].parts[0].weight, 1);
}
END_TEST

static Suite *aggregate_suite(void)
{
    Suite *s = suite_create("aggregate");
    TCase *tc = tcase_create("aggregate");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, window_parse);
    tcase_add_test(tc, date_parse);
    tcase_add_test(tc, create_refuses_bad_options);
    tcase_add_test(tc, sentence_window);
    tcase_add_test(tc, paragraph_window);
    tcase_add_test(tc, document_window);
    tcase_add_test(tc, token_window);
    tcase_add_test(tc, mentions_out_of_order);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, evidence_smallest_keys);
    tcase_add_test(tc, evidence_natural_document_order);
    tcase_add_test(tc, evidence_none_without_k);
    tcase_add_test(tc, evidence_cap_and_repair);
    tcase_add_test(tc, evidence_wide_windows);
    tcase_add_test(tc, label_conflicts_settle_the_same_way);
    tcase_add_test(tc, entity_indices_may_change_meaning);
    tcase_add_test(tc, ids_are_cleaned_and_unknown_entities_skipped);
    tcase_add_loop_test(tc, merge_is_order_independent, 0, 3);
    tcase_add_test(tc, merge_refuses_other_options);
    tcase_add_test(tc, many_edges_grow_the_table);
    tcase_add_test(tc, wide_window_counts_every_pair_in_order);
    tcase_add_test(tc, network_parse);
    tcase_add_test(tc, acts_on_edges);
    tcase_add_test(tc, acts_on_negated_and_hedged_options);
    tcase_add_test(tc, acts_on_collapse);
    tcase_add_test(tc, acts_on_evidence);
    tcase_add_loop_test(tc, acts_on_merge_is_order_independent, 0, 2);
    tcase_add_loop_test(tc, compact_then_count_again, 0, 2);
    tcase_add_test(tc, acts_on_merge_refuses_other_options);
    tcase_add_test(tc, acts_on_intern);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(aggregate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
