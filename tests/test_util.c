/*
 * test_util.c — check suite for src/core/util.c: an_reserve growth and its
 * overflow refusal, an_buf, an_strmap growth and lookup, an_hash
 * stability, an_edit_distance, string duplication and error records.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static an_strmap map;
static an_buf buf;

static void setup(void)
{
    memset(&map, 0, sizeof(map));
    memset(&buf, 0, sizeof(buf));
}

static void teardown(void)
{
    an_strmap_free(&map);
    an_buf_free(&buf);
}

START_TEST(reserve_grows_geometrically)
{
    int *arr = NULL;
    size_t cap = 0;
    ck_assert_int_eq(AN_RESERVE(arr, cap, 1), 0);
    ck_assert_ptr_nonnull(arr);
    ck_assert_uint_eq(cap, 8);
    ck_assert_int_eq(AN_RESERVE(arr, cap, 8), 0);
    ck_assert_uint_eq(cap, 8);                 /* enough: unchanged */
    ck_assert_int_eq(AN_RESERVE(arr, cap, 9), 0);
    ck_assert_uint_eq(cap, 16);
    ck_assert_int_eq(AN_RESERVE(arr, cap, 1000), 0);
    ck_assert_uint_eq(cap, 1024);
    for (int i = 0; i < 1000; i++)
        arr[i] = i;                            /* the room is usable */
    ck_assert_int_eq(arr[999], 999);

    /* Sizes that overflow are refused and leave the array alone. */
    int *before = arr;
    ck_assert_int_eq(AN_RESERVE(arr, cap, SIZE_MAX / sizeof(int) + 1), -1);
    ck_assert_int_eq(AN_RESERVE(arr, cap, SIZE_MAX), -1);
    ck_assert_ptr_eq(arr, before);
    ck_assert_uint_eq(cap, 1024);
    ck_assert_int_eq(arr[500], 500);
    free(arr);
}
END_TEST

START_TEST(buf_append_printf)
{
    ck_assert_int_eq(an_buf_terminate(&buf), 0);
    ck_assert_str_eq(buf.data, "");
    ck_assert_uint_eq(buf.len, 0);
    ck_assert_int_eq(an_buf_append(&buf, "net", 3), 0);
    ck_assert_int_eq(an_buf_putc(&buf, '-'), 0);
    ck_assert_int_eq(an_buf_printf(&buf, "%s:%d", "w", 42), 0);
    ck_assert_uint_eq(buf.len, 8);
    ck_assert_str_eq(buf.data, "net-w:42");         /* NUL-terminated */
    ck_assert_int_eq(an_buf_append(&buf, "", 0), 0);
    ck_assert_uint_eq(buf.len, 8);

    /* Binary data and growth past the first capacity. */
    ck_assert_int_eq(an_buf_append(&buf, "a\0b", 3), 0);
    ck_assert_uint_eq(buf.len, 11);
    ck_assert(memcmp(buf.data + 8, "a\0b", 3) == 0);
    char big[5000];
    memset(big, 'q', sizeof(big));
    ck_assert_int_eq(an_buf_printf(&buf, "%.*s|", (int)sizeof(big), big), 0);
    ck_assert_uint_eq(buf.len, 11 + 5001);
    ck_assert_int_eq(buf.data[buf.len - 1], '|');
    ck_assert_int_eq(buf.data[buf.len], '\0');
    ck_assert_uint_ge(buf.cap, buf.len + 1);

    an_buf_free(&buf);
    ck_assert_ptr_null(buf.data);
    ck_assert_uint_eq(buf.len, 0);
    ck_assert_uint_eq(buf.cap, 0);
    an_buf_free(&buf);                               /* twice is fine */
}
END_TEST

START_TEST(strmap_growth_and_lookup)
{
    uint32_t v = 7;
    ck_assert_int_eq(an_strmap_get(&map, "x", 1, &v), 0);   /* empty map */
    ck_assert_uint_eq(v, 7);

    char key[32];
    const unsigned n = 20000;
    for (unsigned i = 0; i < n; i++) {
        int len = snprintf(key, sizeof(key), "key-%u", i);
        if (an_strmap_put(&map, key, (size_t)len, i * 3, NULL) != 1)
            ck_abort_msg("put %s", key);
    }
    ck_assert_uint_eq(map.count, n);
    ck_assert_uint_ge(map.cap * 3, map.count * 4);   /* load <= 3/4 */
    ck_assert_uint_eq(map.cap & (map.cap - 1), 0);   /* power of two */
    for (unsigned i = 0; i < n; i++) {
        int len = snprintf(key, sizeof(key), "key-%u", i);
        uint32_t got = 0;
        if (!an_strmap_get(&map, key, (size_t)len, &got) || got != i * 3)
            ck_abort_msg("get %s gave %u", key, got);
    }
    ck_assert_int_eq(an_strmap_get(&map, "key-20000", 9, NULL), 0);
    ck_assert_int_eq(an_strmap_get(&map, "key-1", 4, NULL), 0); /* prefix */
    ck_assert_int_eq(an_strmap_get(&map, "key-1", 5, NULL), 1);

    /* A present key is not replaced; its value is reported. */
    uint32_t old = 0;
    ck_assert_int_eq(an_strmap_put(&map, "key-5", 5, 999, &old), 0);
    ck_assert_uint_eq(old, 15);
    ck_assert_int_eq(an_strmap_get(&map, "key-5", 5, &v), 1);
    ck_assert_uint_eq(v, 15);
    ck_assert_int_eq(an_strmap_put(&map, "key-5", 5, 999, NULL), 0);
    ck_assert_uint_eq(map.count, n);
}
END_TEST

START_TEST(strmap_binary_keys)
{
    /* Keys are byte strings: length counts, NULs are ordinary bytes. */
    ck_assert_int_eq(an_strmap_put(&map, "", 0, 1, NULL), 1);
    ck_assert_int_eq(an_strmap_put(&map, "a", 1, 2, NULL), 1);
    ck_assert_int_eq(an_strmap_put(&map, "a\0", 2, 3, NULL), 1);
    ck_assert_int_eq(an_strmap_put(&map, "a\0b", 3, 4, NULL), 1);
    ck_assert_int_eq(an_strmap_put(&map, "U.S", 3, 5, NULL), 1);
    ck_assert_int_eq(an_strmap_put(&map, "u.s", 3, 6, NULL), 1);
    uint32_t v;
    ck_assert_int_eq(an_strmap_get(&map, "", 0, &v), 1);
    ck_assert_uint_eq(v, 1);
    ck_assert_int_eq(an_strmap_get(&map, "a\0zzz", 2, &v), 1);
    ck_assert_uint_eq(v, 3);
    ck_assert_int_eq(an_strmap_get(&map, "a\0b", 3, &v), 1);
    ck_assert_uint_eq(v, 4);
    ck_assert_int_eq(an_strmap_get(&map, "U.S.", 3, &v), 1);
    ck_assert_uint_eq(v, 5);
    ck_assert_int_eq(an_strmap_get(&map, "u.s", 3, &v), 1);
    ck_assert_uint_eq(v, 6);
    ck_assert_uint_eq(map.count, 6);

    /* The key is copied: changing the caller's buffer changes nothing. */
    char k[] = "Minsk";
    ck_assert_int_eq(an_strmap_put(&map, k, 5, 9, NULL), 1);
    k[0] = 'X';
    ck_assert_int_eq(an_strmap_get(&map, "Minsk", 5, &v), 1);
    ck_assert_uint_eq(v, 9);
    ck_assert_int_eq(an_strmap_get(&map, k, 5, NULL), 0);

    /* Freed, the map is empty and usable again. */
    an_strmap_free(&map);
    ck_assert_uint_eq(map.count, 0);
    ck_assert_int_eq(an_strmap_get(&map, "a", 1, NULL), 0);
    ck_assert_int_eq(an_strmap_put(&map, "a", 1, 2, NULL), 1);
}
END_TEST

START_TEST(hash_is_stable)
{
    /* Pinned values: the hash decides map layout and may be relied on
     * for reproducible output; changing it must be a conscious act. */
    ck_assert_uint_eq(an_hash("", 0), 0x6d8ba87f4b91396cull);
    ck_assert_uint_eq(an_hash("a", 1), 0x9b6cf6e5298f735eull);
    ck_assert_uint_eq(an_hash("Lukashenko", 10), 0x9ca02f3f7591cb0eull);
    ck_assert_uint_eq(an_hash("European Union", 14), 0x4a1e859835a9a27full);
    ck_assert_uint_eq(an_hash("0123456789abcdef", 16),
                      0x88054803afa9be2cull);

    /* Only the bytes count, not where they are. */
    char a[40], b[40];
    memcpy(a + 1, "European Union", 14);
    memcpy(b + 3, "European Union", 14);
    ck_assert_uint_eq(an_hash(a + 1, 14), an_hash(b + 3, 14));
    /* Length and every byte count; never 0 (0 marks empty map slots). */
    ck_assert_uint_ne(an_hash("a", 1), an_hash("a\0", 2));
    ck_assert_uint_ne(an_hash("abcdefgh1", 9), an_hash("abcdefgh2", 9));
    ck_assert_uint_ne(an_hash("Xbcdefgh1", 9), an_hash("abcdefgh1", 9));
    unsigned zero = 0;
    for (unsigned i = 0; i < 10000; i++)
        zero += an_hash(&i, sizeof(i)) == 0;
    ck_assert_uint_eq(zero, 0);
}
END_TEST

START_TEST(edit_distance)
{
    ck_assert_uint_eq(an_edit_distance("", ""), 0);
    ck_assert_uint_eq(an_edit_distance("aliases", "aliases"), 0);
    ck_assert_uint_eq(an_edit_distance("abc", ""), 3);
    ck_assert_uint_eq(an_edit_distance("", "abcd"), 4);
    ck_assert_uint_eq(an_edit_distance("kitten", "sitting"), 3);
    ck_assert_uint_eq(an_edit_distance("flaw", "lawn"), 2);
    ck_assert_uint_eq(an_edit_distance("entites", "entities"), 1);
    ck_assert_uint_eq(an_edit_distance("alaises", "aliases"), 2);
    ck_assert_uint_eq(an_edit_distance("polarity", "polarty"), 1);
    ck_assert_uint_eq(an_edit_distance("verbs", "nouns"), 4);
    /* Symmetric. */
    ck_assert_uint_eq(an_edit_distance("relations", "relatoins"),
                      an_edit_distance("relatoins", "relations"));
    /* Beyond 64 characters the longer length is returned. */
    char long_a[80], long_b[70];
    memset(long_a, 'x', 79);
    long_a[79] = '\0';
    memset(long_b, 'x', 69);
    long_b[69] = '\0';
    ck_assert_uint_eq(an_edit_distance(long_a, long_b), 79);
    ck_assert_uint_eq(an_edit_distance("x", long_a), 79);
}
END_TEST

START_TEST(strdup_and_errors)
{
    char *s = an_strdup("Minsk");
    ck_assert_str_eq(s, "Minsk");
    free(s);
    ck_assert_ptr_null(an_strdup(NULL));
    s = an_strndup("Vienna talks", 6);
    ck_assert_str_eq(s, "Vienna");
    free(s);
    s = an_strndup("a\0b", 3);
    ck_assert(memcmp(s, "a\0b\0", 4) == 0);
    free(s);

    actnet_error err;
    an_error_set(&err, "rules/x.yaml", 3, 7, "unknown key '%s'", "aliasses");
    ck_assert_str_eq(err.path, "rules/x.yaml");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 7);
    ck_assert_str_eq(err.message, "unknown key 'aliasses'");
    an_error_set(&err, NULL, 0, 0, "%s", "no path");
    ck_assert_str_eq(err.path, "");
    an_error_set(NULL, "p", 1, 1, "ignored");          /* no record: ok */

    /* Over-long messages are cut, never overflow. */
    char longmsg[3000];
    memset(longmsg, 'm', sizeof(longmsg) - 1);
    longmsg[sizeof(longmsg) - 1] = '\0';
    an_error_set(&err, longmsg, 1, 1, "%s", longmsg);
    ck_assert_uint_eq(strlen(err.path), sizeof(err.path) - 1);
    ck_assert_uint_eq(strlen(err.message), sizeof(err.message) - 1);

    actnet_error_clear(&err);
    ck_assert_str_eq(err.message, "");
    ck_assert_int_eq(err.line, 0);
    actnet_error_clear(NULL);

    ck_assert_str_eq(actnet_status_string(ACTNET_ERR_NOMEM), "out of memory");
    ck_assert_str_eq(actnet_entity_type_name(ACTNET_COUNTRY), "country");
    ck_assert_str_eq(actnet_via_name(ACTNET_VIA_SURNAME), "surname");
}
END_TEST

static Suite *util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("containers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, reserve_grows_geometrically);
    tcase_add_test(tc, buf_append_printf);
    tcase_add_test(tc, strmap_growth_and_lookup);
    tcase_add_test(tc, strmap_binary_keys);
    suite_add_tcase(s, tc);
    tc = tcase_create("strings");
    tcase_add_test(tc, hash_is_stable);
    tcase_add_test(tc, edit_distance);
    tcase_add_test(tc, strdup_and_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(util_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
