/*
 * test_normalise.c — check suite for src/text/normalise.c: strict UTF-8
 * decoding (overlongs, surrogates, out-of-range and truncated sequences
 * repaired one byte at a time), encoding, punctuation and case folding,
 * and the character classes the tokenizer relies on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Decodes s (n bytes) and checks the code point, length and bad flag. */
static void expect_decode(const char *s, size_t n, int32_t cp, size_t used,
                          int bad)
{
    int32_t got = -2;
    int gbad = -1;
    size_t k = an_utf8_decode(s, n, &got, &gbad);
    ck_assert_msg(k == used && got == cp && gbad == bad,
                  "decode of %zu bytes starting %02x: got cp %04x len %zu "
                  "bad %d, want %04x len %zu bad %d",
                  n, (unsigned)(unsigned char)s[0], (unsigned)got, k, gbad,
                  (unsigned)cp, used, bad);
}

static void expect_bad(const char *s, size_t n)
{
    expect_decode(s, n, 0xFFFD, 1, 1);
}

START_TEST(decode_valid)
{
    expect_decode("A", 1, 'A', 1, 0);
    expect_decode("", 1, 0, 1, 0);                    /* NUL is valid */
    expect_decode("\x7F", 1, 0x7F, 1, 0);
    expect_decode("\xC2\x80", 2, 0x80, 2, 0);
    expect_decode("\xC3\xA9z", 3, 0xE9, 2, 0);         /* é, rest ignored */
    expect_decode("\xDF\xBF", 2, 0x7FF, 2, 0);
    expect_decode("\xE0\xA0\x80", 3, 0x800, 3, 0);
    expect_decode("\xE2\x80\x99", 3, 0x2019, 3, 0);    /* ’ */
    expect_decode("\xED\x9F\xBF", 3, 0xD7FF, 3, 0);    /* before surrogates */
    expect_decode("\xEE\x80\x80", 3, 0xE000, 3, 0);    /* after them */
    expect_decode("\xEF\xBF\xBF", 3, 0xFFFF, 3, 0);
    expect_decode("\xEF\xBF\xBD", 3, 0xFFFD, 3, 0);    /* a real U+FFFD */
    expect_decode("\xF0\x90\x80\x80", 4, 0x10000, 4, 0);
    expect_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4, 0);
    expect_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4, 0);
}
END_TEST

START_TEST(decode_overlong_and_surrogates)
{
    expect_bad("\xC0\x80", 2);             /* overlong NUL */
    expect_bad("\xC1\xBF", 2);             /* overlong DEL */
    expect_bad("\xE0\x80\x80", 3);
    expect_bad("\xE0\x9F\xBF", 3);         /* overlong U+07FF */
    expect_bad("\xF0\x80\x80\x80", 4);
    expect_bad("\xF0\x8F\xBF\xBF", 4);     /* overlong U+FFFF */
    expect_bad("\xED\xA0\x80", 3);         /* U+D800 */
    expect_bad("\xED\xBF\xBF", 3);         /* U+DFFF */
    expect_bad("\xF4\x90\x80\x80", 4);     /* U+110000 */
    expect_bad("\xF5\x80\x80\x80", 4);
    expect_bad("\xF8\x88\x80\x80\x80", 5); /* old 5-byte form */
    expect_bad("\xFF", 1);
    expect_bad("\xFE", 1);
}
END_TEST

START_TEST(decode_stray_and_truncated)
{
    expect_bad("\x80", 1);                 /* lone continuation */
    expect_bad("\xBF\x80", 2);
    expect_bad("\xC3", 1);                 /* cut at the end */
    expect_bad("\xC3\xA9", 1);             /* len says only 1 byte */
    expect_bad("\xE2\x80", 2);
    expect_bad("\xE2\x80x", 3);            /* ASCII in the middle */
    expect_bad("\xF0\x9F\x98", 3);
    expect_bad("\xF0\x9F\x98 ", 4);
    expect_bad("\xC3\xC3\xA9", 3);         /* lead byte instead of tail */

    /* Repair consumes one byte at a time, so the next valid character
     * is found again: "\xE2\x80" + "é" decodes as FFFD FFFD é. */
    const char *s = "\xE2\x80\xC3\xA9";
    size_t len = 4, p = 0, nbad = 0;
    int32_t cps[4];
    size_t n = 0;
    while (p < len) {
        int32_t cp;
        int bad;
        p += an_utf8_decode(s + p, len - p, &cp, &bad);
        nbad += (size_t)bad;
        cps[n++] = cp;
    }
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(nbad, 2);
    ck_assert_int_eq(cps[0], 0xFFFD);
    ck_assert_int_eq(cps[1], 0xFFFD);
    ck_assert_int_eq(cps[2], 0xE9);
}
END_TEST

START_TEST(encode_round_trip)
{
    char buf[4];
    /* Plain comparisons in the loop: check records every assertion. */
    int32_t first_wrong = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF && first_wrong < 0; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        size_t n = an_utf8_encode(cp, buf);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        int32_t back;
        int bad;
        if (n != want || an_utf8_decode(buf, n, &back, &bad) != n || bad ||
            back != cp)
            first_wrong = cp;
    }
    ck_assert_msg(first_wrong < 0, "U+%04X does not round-trip",
                  (unsigned)first_wrong);
    ck_assert_uint_eq(an_utf8_encode(0x141, buf), 2);
    ck_assert(memcmp(buf, "\xC5\x81", 2) == 0);          /* Ł */
    /* Not scalar values: encoded as U+FFFD. */
    const int32_t invalid[] = { -1, 0xD800, 0xDFFF, 0x110000, 0x7FFFFFFF };
    for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        ck_assert_uint_eq(an_utf8_encode(invalid[i], buf), 3);
        ck_assert(memcmp(buf, "\xEF\xBF\xBD", 3) == 0);
    }
}
END_TEST

START_TEST(fold_punct_table)
{
    const int32_t apos[] = { 0x2019, 0x2018, 0x201B, 0x2032, 0x02BC, 0xFF07 };
    const int32_t quote[] = { 0x201C, 0x201D, 0x201E, 0x2033, 0x00AB,
                              0x00BB };
    const int32_t dash[] = { 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                             0x2212, 0xFE58, 0xFE63, 0xFF0D };
    const int32_t space[] = { 0x00A0, 0x2000, 0x2005, 0x200A, 0x202F,
                              0x205F, 0x3000 };
    const int32_t drop[] = { 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060,
                             0xFEFF };
    for (size_t i = 0; i < sizeof(apos) / sizeof(apos[0]); i++)
        ck_assert_int_eq(an_fold_punct(apos[i]), '\'');
    for (size_t i = 0; i < sizeof(quote) / sizeof(quote[0]); i++)
        ck_assert_int_eq(an_fold_punct(quote[i]), '"');
    for (size_t i = 0; i < sizeof(dash) / sizeof(dash[0]); i++)
        ck_assert_int_eq(an_fold_punct(dash[i]), '-');
    for (size_t i = 0; i < sizeof(space) / sizeof(space[0]); i++)
        ck_assert_int_eq(an_fold_punct(space[i]), ' ');
    for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
        ck_assert_int_eq(an_fold_punct(drop[i]), -1);

    /* Everything else is left alone. */
    const int32_t keep[] = { 'a', 'Z', '\'', '"', '-', ' ', 0, '\n', 0x7F,
                             0x9F, 0xE9, 0x141, 0x2030, 0x2026,
                             0x2039, 0x203A, 0x2016, 0xFFFD, 0x1F600,
                             0x10FFFF };
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
        ck_assert_int_eq(an_fold_punct(keep[i]), keep[i]);
}
END_TEST

START_TEST(fold_case)
{
    ck_assert_int_eq(an_fold_case('A'), 'a');
    ck_assert_int_eq(an_fold_case('Z'), 'z');
    ck_assert_int_eq(an_fold_case('a'), 'a');
    ck_assert_int_eq(an_fold_case('@'), '@');
    ck_assert_int_eq(an_fold_case('['), '[');
    ck_assert_int_eq(an_fold_case('7'), '7');
    ck_assert_int_eq(an_fold_case(0x141), 0x142);    /* Ł -> ł */
    ck_assert_int_eq(an_fold_case(0xC9), 0xE9);      /* É -> é */
    ck_assert_int_eq(an_fold_case(0x3A3), 0x3C3);    /* Σ -> σ */
    ck_assert_int_eq(an_fold_case(0x410), 0x430);    /* А -> а */
    ck_assert_int_eq(an_fold_case(0xDF), 0xDF);      /* ß stays */
    ck_assert_int_eq(an_fold_case(0x5317), 0x5317);  /* 北 */
    ck_assert_int_eq(an_fold_case(0xFFFD), 0xFFFD);
    ck_assert_int_eq(an_fold_case(-1), -1);
}
END_TEST

START_TEST(classes)
{
    /* letters, including combining marks and caseless scripts */
    const int32_t letters[] = { 'a', 'z', 'A', 'Z', 0xE9, 0x141, 0x3C3,
                                0x5317, 0x0301, 0x093F, 0x02B0 };
    for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
        ck_assert_msg(an_is_letter(letters[i]), "%04x is a letter",
                      (unsigned)letters[i]);
    const int32_t not_letters[] = { '0', '-', '\'', '_', ' ', 0, 0xFFFD,
                                    0x2019, 0x00B2, 0x0663, -1, 0x110000 };
    for (size_t i = 0; i < sizeof(not_letters) / sizeof(not_letters[0]); i++)
        ck_assert_msg(!an_is_letter(not_letters[i]), "%04x is no letter",
                      (unsigned)not_letters[i]);

    ck_assert(an_is_digit('0') && an_is_digit('9'));
    ck_assert(an_is_digit(0x0663));       /* Arabic-Indic three */
    ck_assert(!an_is_digit('a') && !an_is_digit('/') && !an_is_digit(':'));
    ck_assert(!an_is_digit(0x00B2));      /* superscript two: No, not Nd */
    ck_assert(!an_is_digit(-1));

    ck_assert(an_is_upper('A') && an_is_upper('Z'));
    ck_assert(an_is_upper(0x141) && an_is_upper(0xC9));
    ck_assert(an_is_upper(0x1C5));        /* ǅ, title case */
    ck_assert(!an_is_upper('a') && !an_is_upper('@') && !an_is_upper('1'));
    ck_assert(!an_is_upper(0x142) && !an_is_upper(0x5317));

    const int32_t spaces[] = { ' ', '\t', '\n', '\r', '\v', '\f', 0, 0x1B,
                               0x7F, 0x85, 0xA0, 0x2003, 0x2028, 0x2029,
                               0x3000 };
    for (size_t i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++)
        ck_assert_msg(an_is_space(spaces[i]), "%04x is a space",
                      (unsigned)spaces[i]);
    const int32_t not_spaces[] = { 'a', '!', 0x200B, 0xFEFF, 0xFFFD, -1,
                                   0x110000 };
    for (size_t i = 0; i < sizeof(not_spaces) / sizeof(not_spaces[0]); i++)
        ck_assert_msg(!an_is_space(not_spaces[i]), "%04x is no space",
                      (unsigned)not_spaces[i]);
}
END_TEST

/* Every byte sequence decodes to a scalar value or to U+FFFD with bad
 * set, never consumes more than it has, and valid UTF-8 of the decoded
 * code point is exactly what was consumed. */
START_TEST(decode_random_bytes)
{
    unsigned long x = 12345;
    unsigned char buf[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = 1 + (size_t)(round % 6);
        for (size_t i = 0; i < n; i++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            buf[i] = (unsigned char)(x >> 56);
            if (i && (x >> 20) % 2)
                buf[i] = (unsigned char)(0x80 | (buf[i] & 0x3F));
        }
        int32_t cp;
        int bad;
        size_t k = an_utf8_decode((const char *)buf, n, &cp, &bad);
        int ok;
        if (bad) {
            ok = k == 1 && cp == 0xFFFD;
        } else {
            char enc[4];
            ok = k >= 1 && k <= n && cp >= 0 && cp <= 0x10FFFF &&
                 (cp < 0xD800 || cp > 0xDFFF) &&
                 an_utf8_encode(cp, enc) == k && memcmp(enc, buf, k) == 0;
        }
        if (!ok)
            ck_abort_msg("round %d: %zu bytes from %02x: cp %04x len %zu "
                         "bad %d", round, n, buf[0], (unsigned)cp, k, bad);
    }
}
END_TEST

static Suite *normalise_suite(void)
{
    Suite *s = suite_create("normalise");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, decode_valid);
    tcase_add_test(tc, decode_overlong_and_surrogates);
    tcase_add_test(tc, decode_stray_and_truncated);
    tcase_add_test(tc, encode_round_trip);
    tcase_add_test(tc, decode_random_bytes);
    suite_add_tcase(s, tc);
    tc = tcase_create("fold");
    tcase_add_test(tc, fold_punct_table);
    tcase_add_test(tc, fold_case);
    tcase_add_test(tc, classes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(normalise_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
