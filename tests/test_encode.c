/*
 * test_encode.c — check suite for src/text/encode.c: each syntax's
 * escaping of the bytes that matter to it (quotes, backslashes, control
 * characters, invalid UTF-8, separators), so that every writer and
 * listing, which all call these, spell one string one way.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "text/encode.h"

static an_buf buf;

static void setup(void)
{
    memset(&buf, 0, sizeof(buf));
}

static void teardown(void)
{
    an_buf_free(&buf);
}

/* The encoding of s[0..len) by fn, as a NUL-terminated string in buf. */
static const char *enc(int (*fn)(an_buf *, const char *, size_t),
                       const char *s, size_t len)
{
    buf.len = 0;
    ck_assert_int_eq(fn(&buf, s, len), 0);
    ck_assert_uint_eq(strlen(buf.data), buf.len);
    return buf.data;
}

#define S(lit) lit, sizeof(lit) - 1

START_TEST(json_escapes_controls_and_bad_utf8)
{
    ck_assert_str_eq(enc(an_json_string, S("plain")), "\"plain\"");
    ck_assert_str_eq(enc(an_json_string, S("a\"b\\c")), "\"a\\\"b\\\\c\"");
    ck_assert_str_eq(enc(an_json_string, S("\b\f\n\r\t")),
                     "\"\\b\\f\\n\\r\\t\"");
    ck_assert_str_eq(enc(an_json_string, S("\x01\x1f\x7f")),
                     "\"\\u0001\\u001f\\u007f\"");
    /* a NUL inside the string is escaped, not an end */
    ck_assert_str_eq(enc(an_json_string, S("a\0b")), "\"a\\u0000b\"");
    /* valid UTF-8 as it is, each invalid byte as U+FFFD */
    ck_assert_str_eq(enc(an_json_string, S("Łukaszenka")),
                     "\"Łukaszenka\"");
    ck_assert_str_eq(enc(an_json_string, S("x\xff\xfey")),
                     "\"x\\ufffd\\ufffdy\"");
    ck_assert_str_eq(enc(an_json_string, S("\xe2\x82")), "\"\\ufffd\\ufffd\"");
    buf.len = 0;
    ck_assert_int_eq(an_json_cstring(&buf, NULL), 0);
    ck_assert_str_eq(buf.data, "null");
}
END_TEST

START_TEST(json_appends)
{
    ck_assert_int_eq(an_buf_append(&buf, "[", 1), 0);
    ck_assert_int_eq(an_json_string(&buf, S("a")), 0);
    ck_assert_int_eq(an_buf_append(&buf, ",", 1), 0);
    ck_assert_int_eq(an_json_string(&buf, S("")), 0);
    ck_assert_int_eq(an_buf_append(&buf, "]", 1), 0);
    ck_assert_int_eq(an_buf_terminate(&buf), 0);
    ck_assert_str_eq(buf.data, "[\"a\",\"\"]");
}
END_TEST

START_TEST(csv_quotes_when_needed)
{
    ck_assert_str_eq(enc(an_csv_field, S("Minsk")), "Minsk");
    ck_assert_str_eq(enc(an_csv_field, S("a,b")), "\"a,b\"");
    ck_assert_str_eq(enc(an_csv_field, S("say \"no\"")),
                     "\"say \"\"no\"\"\"");
    ck_assert_str_eq(enc(an_csv_field, S(" lead")), "\" lead\"");
    ck_assert_str_eq(enc(an_csv_field, S("trail ")), "\"trail \"");
    ck_assert_str_eq(enc(an_csv_field, S("two\nlines")), "\"two\nlines\"");
    ck_assert_str_eq(enc(an_csv_field, S("")), "");
}
END_TEST

START_TEST(tsv_turns_controls_into_spaces)
{
    ck_assert_str_eq(enc(an_tsv_field, S("a\tb\nc\rd\x7f" "e")),
                     "a b c d e");
    buf.len = 0;
    ck_assert_int_eq(an_tsv_field(&buf, S("x\0y")), 0);
    ck_assert_str_eq(buf.data, "x y");
}
END_TEST

START_TEST(formula_cells_neutralised)
{
    /* OWASP's list: = + - @ tab CR start a formula in a spreadsheet */
    ck_assert_str_eq(enc(an_csv_field, S("=HYPERLINK(\"x\")")),
                     "\"'=HYPERLINK(\"\"x\"\")\"");
    ck_assert_str_eq(enc(an_csv_field, S("+cmd")), "\"'+cmd\"");
    ck_assert_str_eq(enc(an_csv_field, S("-2+3")), "\"'-2+3\"");
    ck_assert_str_eq(enc(an_csv_field, S("@SUM(A1)")), "\"'@SUM(A1)\"");
    ck_assert_str_eq(enc(an_csv_field, S("\tx")), "\"'\tx\"");
    ck_assert_str_eq(enc(an_csv_field, S("\rx")), "\"'\rx\"");
    ck_assert_str_eq(enc(an_csv_field, S("-inf")), "\"'-inf\"");
    ck_assert_str_eq(enc(an_csv_field, S("-1e")), "\"'-1e\"");
    ck_assert_str_eq(enc(an_tsv_field, S("=1+2")), "'=1+2");
    ck_assert_str_eq(enc(an_tsv_field, S("@x\ty")), "'@x y");
    /* a leading tab is a space in TSV already */
    ck_assert_str_eq(enc(an_tsv_field, S("\t=x")), " =x");
    /* numbers stay numbers, and "-" (none) stays itself */
    static const char *const plain[] = {"-3", "+0.25", "-1e-05", "-.5",
                                        "-", "a=b", "x@y", "", "1-2"};
    for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
        size_t n = strlen(plain[i]);
        ck_assert_msg(!an_cell_is_formula(plain[i], n), "%s", plain[i]);
        ck_assert_str_eq(enc(an_tsv_field, plain[i], n), plain[i]);
        ck_assert_str_eq(enc(an_csv_field, plain[i], n), plain[i]);
    }
}
END_TEST

START_TEST(dot_escapes_quotes_and_backslashes)
{
    ck_assert_str_eq(enc(an_dot_string, S("Lukashenko")), "\"Lukashenko\"");
    ck_assert_str_eq(enc(an_dot_string, S("a\"b\\c")), "\"a\\\"b\\\\c\"");
}
END_TEST

static int xml_text(an_buf *b, const char *s, size_t len)
{
    return an_xml_escape(b, s, len, 0);
}

static int xml_attr(an_buf *b, const char *s, size_t len)
{
    return an_xml_escape(b, s, len, 1);
}

START_TEST(xml_escapes_as_libxml2)
{
    ck_assert_str_eq(enc(xml_text, S("a&b<c>d\"e")),
                     "a&amp;b&lt;c&gt;d&quot;e");
    ck_assert_str_eq(enc(xml_text, S("t\tl\nc\r")), "t\tl\nc&#13;");
    ck_assert_str_eq(enc(xml_attr, S("t\tl\nc\r")), "t&#9;l&#10;c&#13;");
    /* check mode stops at a byte that cleaning could change */
    char out[64];
    ck_assert_ptr_null(an_xml_escape_raw(out, S("caf\xc3\xa9"), 0, 1));
    char *end = an_xml_escape_raw(out, S("cafe"), 0, 1);
    ck_assert_ptr_nonnull(end);
    ck_assert_int_eq((int)(end - out), 4);
}
END_TEST

/* The public buffer and encoder give the bytes of the internal ones, for
 * every syntax, and refuse an encoding that does not exist. */
START_TEST(public_encoder_is_the_internal_one)
{
    static const char s[] = "=1+\"a\"\t<b>&\x01\xff, \\z";
    const size_t n = sizeof(s) - 1;
    struct {
        actnet_encoding enc;
        int (*inner)(an_buf *, const char *, size_t);
    } cases[] = {
        {ACTNET_ENCODE_JSON, an_json_string},
        {ACTNET_ENCODE_CSV, an_csv_field},
        {ACTNET_ENCODE_TSV, an_tsv_field},
        {ACTNET_ENCODE_DOT, an_dot_string},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        actnet_buffer pub;
        an_buf in = {0};
        actnet_buffer_init(&pub);
        ck_assert_int_eq(actnet_buffer_encode(&pub, cases[i].enc, s, n), 0);
        ck_assert_int_eq(cases[i].inner(&in, s, n), 0);
        ck_assert_uint_eq(pub.len, in.len);
        ck_assert_mem_eq(pub.data, in.data, in.len);
        actnet_buffer_finish(&pub);
        an_buf_free(&in);
    }
    for (int attr = 0; attr < 2; attr++) {
        actnet_buffer pub = {0};
        an_buf in = {0};
        ck_assert_int_eq(actnet_buffer_encode(&pub, attr ?
                             ACTNET_ENCODE_XML_ATTR : ACTNET_ENCODE_XML_TEXT,
                             s, n), 0);
        ck_assert_int_eq(an_xml_escape(&in, s, n, attr), 0);
        ck_assert_str_eq(pub.data, in.data);
        actnet_buffer_finish(&pub);
        an_buf_free(&in);
    }
    actnet_buffer b;
    actnet_buffer_init(&b);
    ck_assert_int_eq(actnet_buffer_encode(&b, (actnet_encoding)99, s, n), -1);
    ck_assert_uint_eq(b.len, 0);
    /* printf beyond any first allocation, then append and putc */
    ck_assert_int_eq(actnet_buffer_printf(&b, "%0300d|%s", 7, "x"), 0);
    ck_assert_uint_eq(b.len, 302);
    ck_assert_int_eq(actnet_buffer_append(&b, "ab", 2), 0);
    ck_assert_int_eq(actnet_buffer_putc(&b, 'c'), 0);
    ck_assert_str_eq(b.data + 299, "7|xabc");
    actnet_buffer_finish(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
}
END_TEST

static Suite *encode_suite(void)
{
    Suite *s = suite_create("encode");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, json_escapes_controls_and_bad_utf8);
    tcase_add_test(tc, json_appends);
    tcase_add_test(tc, csv_quotes_when_needed);
    tcase_add_test(tc, tsv_turns_controls_into_spaces);
    tcase_add_test(tc, formula_cells_neutralised);
    tcase_add_test(tc, dot_escapes_quotes_and_backslashes);
    tcase_add_test(tc, xml_escapes_as_libxml2);
    tcase_add_test(tc, public_encoder_is_the_internal_one);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(encode_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
