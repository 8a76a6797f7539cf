/*
 * expect_mentions.c — see expect_mentions.h.
 */
#include "expect_mentions.h"

#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void find_span(const char *doc_text, const char *span, int nth,
                      size_t *s, size_t *e)
{
    const char *p = doc_text;
    size_t len = strlen(span);
    for (int k = 0;; p++) {
        p = strstr(p, span);
        ck_assert_msg(p != NULL, "test bug: '%s' #%d not in text", span, nth);
        if ((p > doc_text && isalnum((unsigned char)p[-1])) ||
            isalnum((unsigned char)p[len]))
            continue;
        if (k++ == nth)
            break;
    }
    *s = (size_t)(p - doc_text);
    *e = *s + len;
}

static void dump(const actnet_extractor *ex, const char *doc_text,
                 char *buf, size_t cap)
{
    const actnet_mention *m = actnet_extractor_mentions(ex);
    size_t n = actnet_extractor_mention_count(ex), len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < cap; i++) {
        const actnet_entity *e = actnet_extractor_entity(ex, m[i].entity);
        int w = snprintf(buf + len, cap - len, " [%s %zu-%zu '%.*s' %s]",
                         e ? e->id : "?", m[i].start, m[i].end,
                         (int)(m[i].end - m[i].start), doc_text + m[i].start,
                         actnet_via_name(m[i].via));
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

void expect_mentions(const actnet_extractor *ex, const char *doc_text,
                     const exp_mention *want, size_t n_want)
{
    char got[2048];
    dump(ex, doc_text, got, sizeof(got));
    size_t n = actnet_extractor_mention_count(ex);
    ck_assert_msg(n == n_want, "want %zu mentions, got %zu:%s", n_want, n,
                  got);
    const actnet_mention *m = actnet_extractor_mentions(ex);
    for (size_t i = 0; i < n; i++) {
        size_t s, e;
        find_span(doc_text, want[i].span, want[i].nth, &s, &e);
        const actnet_entity *ent = actnet_extractor_entity(ex, m[i].entity);
        ck_assert_ptr_nonnull(ent);
        ck_assert_msg(strcmp(ent->id, want[i].id) == 0 && m[i].start == s &&
                      m[i].end == e && m[i].via == want[i].via,
                      "mention %zu: want [%s %zu-%zu %s], got:%s", i,
                      want[i].id, s, e, actnet_via_name(want[i].via), got);
        /* sorted, non-overlapping, consistent token spans */
        ck_assert_uint_lt(m[i].tok_start, m[i].tok_end);
        if (i > 0)
            ck_assert_uint_le(m[i - 1].tok_end, m[i].tok_start);
    }
}

