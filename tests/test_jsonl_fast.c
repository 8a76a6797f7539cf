/*
 * test_jsonl_fast.c — the reader's hand-written JSON Lines fast path
 * (read.c) must hand out exactly what jansson's parse would: the same
 * documents (id, date, text bytes) and the same lines refused.  Each line
 * of a generated file (hand-picked edge cases plus thousands of random
 * lines: escapes, surrogate pairs, NUL, raw UTF-8 and invalid bytes,
 * numbers, literals, nesting, duplicate and escaped keys, trailing
 * garbage) is compared with an oracle that parses it with jansson
 * directly, following the documented rules of the reader.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actnet.h"

static char tmp_dir[4096];

/* ---- the oracle ---------------------------------------------------------- */

typedef struct expect {
    int ok;             /* 1: a document, 0: refused, -1: blank (skipped) */
    char *id, *date;    /* malloc'ed; date NULL when none */
    char *text;
    size_t len;
} expect;

/* Length of the valid UTF-8 sequence at p, 0 when invalid (the reader's
 * rules: no overlong forms, surrogates or code points above U+10FFFF). */
static size_t seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
        (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
        return 0;
    return len;
}

/* line with invalid bytes replaced by U+FFFD (malloc'ed, *n its length) */
static char *repair(const char *s, size_t len, size_t *n)
{
    char *out = malloc(len * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t k = seq_len((const unsigned char *)s + i, len - i);
        if (!k) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    *n = o;
    return out;
}

static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(" \t\n\r\f\v", s[i]))
            return 0;
    return 1;
}

static expect oracle(const char *line, size_t len, size_t line_no,
                     const char *path)
{
    expect x = {0, NULL, NULL, NULL, 0};
    json_error_t je;
    char *fixed = NULL;
    if (all_space(line, len)) {
        x.ok = -1;
        return x;
    }
    json_t *j = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    if (!j && json_error_code(&je) == json_error_invalid_utf8) {
        size_t n;
        fixed = repair(line, len, &n);
        j = json_loadb(fixed, n, JSON_ALLOW_NUL, &je);
    }
    free(fixed);
    if (!j || !json_is_object(j))
        goto out;
    json_t *text = json_object_get(j, "text");
    if (!json_is_string(text) ||
        all_space(json_string_value(text), json_string_length(text)))
        goto out;
    json_t *id = json_object_get(j, "id");
    char buf[1100];
    if (json_is_string(id) && json_string_value(id)[0])
        x.id = strdup(json_string_value(id));
    else if (json_is_integer(id)) {
        snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        x.id = strdup(buf);
    } else if (!id || json_is_null(id) || json_is_string(id)) {
        snprintf(buf, sizeof(buf), "%s:%zu", path, line_no);
        x.id = strdup(buf);
    } else {
        goto out;
    }
    json_t *date = json_object_get(j, "date");
    if (date && !json_is_null(date) && !json_is_string(date)) {
        free(x.id);
        x.id = NULL;
        goto out;
    }
    if (json_is_string(date) && json_string_value(date)[0])
        x.date = strdup(json_string_value(date));
    x.len = json_string_length(text);
    x.text = malloc(x.len + 1);
    memcpy(x.text, json_string_value(text), x.len + 1);
    x.ok = 1;
out:
    json_decref(j);
    return x;
}

/* ---- random lines ----------------------------------------------------------- */

static unsigned long long rng_state = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* A JSON string value, mostly well-formed, sometimes not. */
static void rand_string(sbuf *b)
{
    static const char *const pieces[] = {
        "Lukashenko", " met ", "Putin", ". ", "\\n\\n", "\\\"", "\\\\",
        "\\/", "\\t", "\\r", "\\b", "\\f", "\\u00e9", "\\u2019",
        "\\ud83d\\ude00", "\\u0000", "\xc3\xa9", "\xe2\x80\x99",
        "\xf0\x9f\x98\x80", "EU", "   ", "x",
        /* unusual: */
        "\\ud800", "\\udc00x", "\\x", "\\u12", "\xff", "\xc3", "\x01",
        "\xed\xa0\x80", "\"", "\\"};
    size_t n_ok = 22, n_all = sizeof(pieces) / sizeof(pieces[0]);
    puts_(b, "\"");
    unsigned k = rnd(12);
    for (unsigned i = 0; i < k; i++) {
        /* one line in six or so gets something unusual */
        size_t which = rnd(40) == 0 ? n_ok + rnd((unsigned)(n_all - n_ok))
                                    : rnd((unsigned)n_ok);
        puts_(b, pieces[which]);
    }
    puts_(b, "\"");
}

static void rand_value(sbuf *b)
{
    static const char *const scalars[] = {
        "0", "-1", "42", "3.25", "-0.5", "1e5", "2E-3", "007", "1.",
        "123456789012345678901234567890", "true", "false", "null", "nul",
        "[]", "[1, \"a\"]", "{}", "{\"a\": {\"b\": 1}}", "-", "tru"};
    if (rnd(3))
        rand_string(b);
    else
        puts_(b, scalars[rnd(sizeof(scalars) / sizeof(scalars[0]))]);
}

static void rand_ws(sbuf *b)
{
    static const char *const ws[] = {"", "", "", " ", "  ", "\t", "\r"};
    puts_(b, ws[rnd(sizeof(ws) / sizeof(ws[0]))]);
}

static void rand_line(sbuf *b)
{
    static const char *const keys[] = {
        "\"text\"", "\"id\"", "\"date\"", "\"title\"", "\"url\"",
        "\"t\\u0065xt\"", "\"te\\\"xt\"", "\"\xc3\xa9t\xc3\xa9\"", "\"\""};
    rand_ws(b);
    if (rnd(50) == 0)
        puts_(b, "[");
    else
        puts_(b, "{");
    unsigned n = rnd(6);
    int have_text = 0;
    for (unsigned i = 0; i < n || (!have_text && rnd(8)); i++) {
        if (i)
            puts_(b, rnd(60) ? "," : "");
        rand_ws(b);
        const char *k = i == n ? "\"text\"" : keys[rnd(9)];
        if (!strcmp(k, "\"text\""))
            have_text = 1;
        puts_(b, k);
        rand_ws(b);
        puts_(b, rnd(80) ? ":" : "");
        rand_ws(b);
        rand_value(b);
        rand_ws(b);
    }
    puts_(b, rnd(50) ? "}" : "");
    if (rnd(40) == 0)
        puts_(b, rnd(2) ? " x" : " }");
    rand_ws(b);
}

/* ---- the test ------------------------------------------------------------------ */

static const char *const fixed_lines[] = {
    "{\"id\": \"a\", \"date\": \"2020-08-10\", \"text\": \"Lukashenko met "
        "Putin.\"}",
    "{\"text\": \"no id\"}",
    "{\"text\": \"  \"}",
    "{\"text\": \"x\", \"text\": \"duplicate, the last wins\"}",
    "{\"id\": 17, \"text\": \"integer id\"}",
    "{\"id\": null, \"date\": null, \"text\": \"nulls\"}",
    "{\"id\": \"\", \"date\": \"\", \"text\": \"empty id and date\"}",
    "{\"id\": \"\\u0000x\", \"text\": \"id starting with NUL\"}",
    "{\"id\": \"a\\u0000b\", \"date\": \"2020-01-01\\u0000x\", \"text\": "
        "\"NUL inside\\u0000 the text\"}",
    "{\"id\": [1], \"text\": \"array id\"}",
    "{\"date\": 20200101, \"text\": \"numeric date\"}",
    "{\"text\": \"\\ud83d\\ude00 \\u00e9 \\u2019 \\/ \\b\\f\\n\\r\\t\"}",
    "{\"text\": \"lone \\ud800 surrogate\"}",
    "{\"text\": \"bad \xff byte\"}",
    "{\"text\": \"raw \x01 control\"}",
    "{\"text\": \"x\"} trailing",
    "  {\"text\" : \"spaces\" ,\"id\":\"s\"}  ",
    "{\"n\": 1e400, \"text\": \"huge number\"}",
    "{\"n\": 123456789012345678901234567890, \"text\": \"big int\"}",
    "{\"n\": {\"deep\": [1, 2]}, \"text\": \"nested\"}",
    "{\"t\\u0065xt\": \"escaped key\"}",
    "{}",
    "[]",
    "\"just a string\"",
    "{\"text\": \"unterminated",
    "",
    "   ",
};

START_TEST(fast_path_matches_jansson)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/lines.jsonl", tmp_dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    size_t n_fixed = sizeof(fixed_lines) / sizeof(fixed_lines[0]);
    size_t n_lines = n_fixed + 5000;
    char **lines = calloc(n_lines, sizeof(*lines));
    size_t *lens = calloc(n_lines, sizeof(*lens));
    for (size_t i = 0; i < n_lines; i++) {
        sbuf b = {NULL, 0, 0};
        if (i < n_fixed)
            puts_(&b, fixed_lines[i]);
        else
            rand_line(&b);
        if (!b.s)
            puts_(&b, "");
        /* no raw newlines inside a line */
        for (size_t k = 0; k < b.len; k++)
            if (b.s[k] == '\n')
                b.s[k] = ' ';
        lines[i] = b.s;
        lens[i] = b.len;
        fwrite(b.s, 1, b.len, f);
        fputc('\n', f);
    }
    fclose(f);

    actnet_reader_options o;
    actnet_reader_options_init(&o);
    actnet_reader *r = actnet_reader_create(&o);
    actnet_error err;
    ck_assert_int_eq(actnet_reader_add(r, path, &err), ACTNET_OK);
    size_t next = 0, docs = 0, refused = 0;
    for (;;) {
        actnet_document doc;
        actnet_error_clear(&err);
        actnet_status st = actnet_reader_next(r, &doc, &err);
        if (st == ACTNET_DONE)
            break;
        size_t line_no;
        if (st == ACTNET_OK) {
            actnet_error where;
            actnet_reader_repaired(r, &where);
            line_no = (size_t)where.line;
        } else {
            line_no = (size_t)err.line;
        }
        ck_assert_uint_gt(line_no, next);
        /* the lines in between were blank */
        for (size_t l = next + 1; l < line_no; l++) {
            expect x = oracle(lines[l - 1], lens[l - 1], l, path);
            ck_assert_msg(x.ok == -1, "line %zu was skipped: %s", l,
                          lines[l - 1]);
        }
        next = line_no;
        expect x = oracle(lines[line_no - 1], lens[line_no - 1], line_no,
                          path);
        if (st != ACTNET_OK) {
            ck_assert_msg(x.ok == 0, "line %zu refused (%s) but jansson "
                          "reads it: %s", line_no, err.message,
                          lines[line_no - 1]);
            refused++;
            continue;
        }
        ck_assert_msg(x.ok == 1, "line %zu read but jansson refuses it: %s",
                      line_no, lines[line_no - 1]);
        ck_assert_str_eq(doc.id, x.id);
        if (x.date)
            ck_assert_msg(doc.date && !strcmp(doc.date, x.date),
                          "line %zu: date", line_no);
        else
            ck_assert_msg(doc.date == NULL, "line %zu: date %s", line_no,
                          doc.date);
        ck_assert_msg(doc.len == x.len && !memcmp(doc.text, x.text, x.len),
                      "line %zu: text differs: %s", line_no,
                      lines[line_no - 1]);
        free(x.id);
        free(x.date);
        free(x.text);
        docs++;
    }
    for (size_t l = next + 1; l <= n_lines; l++) {
        expect x = oracle(lines[l - 1], lens[l - 1], l, path);
        ck_assert_msg(x.ok == -1, "line %zu was skipped: %s", l,
                      lines[l - 1]);
    }
    /* both kinds are well represented */
    ck_assert_uint_gt(docs, 1000);
    ck_assert_uint_gt(refused, 500);
    actnet_reader_destroy(r);
    for (size_t i = 0; i < n_lines; i++)
        free(lines[i]);
    free(lines);
    free(lens);
}
END_TEST

static void setup(void)
{
    snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/actnet-jsonl-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
}

static void teardown(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dir);
    ck_assert_int_eq(system(cmd), 0);
}

int main(void)
{
    Suite *s = suite_create("jsonl_fast");
    TCase *tc = tcase_create("jsonl_fast");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fast_path_matches_jansson);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
