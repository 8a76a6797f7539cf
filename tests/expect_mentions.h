/*
 * expect_mentions.h — asserting the exact mentions an extractor found,
 * shared by the match and resolve suites: each expected mention names
 * the entity id, a whole-word span of the text (its nth occurrence) and
 * how it was found.
 */
#ifndef ACTNET_TEST_EXPECT_MENTIONS_H
#define ACTNET_TEST_EXPECT_MENTIONS_H

#include <stddef.h>

#include "actnet.h"

typedef struct exp_mention {
    const char *id;
    const char *span;
    int nth;          /* 0-based whole-word occurrence of span */
    actnet_via via;
} exp_mention;

/*
 * Asserts that ex's last run over text found exactly the mentions in
 * want, in order, sorted and non-overlapping.
 */
void expect_mentions(const actnet_extractor *ex, const char *text,
                     const exp_mention *want, size_t n_want);

/* EXPECT(...) in a suite whose extractor is `ex` and text `doc_text`. */
#define EXPECT(...)                                                    \
    do {                                                               \
        const exp_mention want_[] = {__VA_ARGS__};                     \
        expect_mentions(ex, doc_text, want_,                           \
                        sizeof(want_) / sizeof(want_[0]));             \
    } while (0)

#endif /* ACTNET_TEST_EXPECT_MENTIONS_H */
