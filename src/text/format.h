/*
 * format.h — text as every output writes it: cleaning (invalid UTF-8
 * repaired, control characters dropped, white space folded, long text cut
 * with an ellipsis) and numbers formatted the same way in every format
 * (whole numbers without a fraction, others with 15 significant digits).
 * The writers, the partial-result format and the listings all use these,
 * so one value has one spelling in every file actnet writes.
 */
#ifndef ACTNET_TEXT_FORMAT_H
#define ACTNET_TEXT_FORMAT_H

#include <stddef.h>

#include "core/util.h"

enum {
    AN_CLEAN_ONELINE = 1,   /* tab, CR, LF and line separators -> space */
    AN_CLEAN_COLLAPSE = 2   /* runs of white space -> one space, trimmed */
};

/*
 * Appends s[0..len) to out, cleaned: invalid UTF-8 bytes become U+FFFD;
 * C0 controls other than tab / CR / LF, DEL, C1 controls, U+FFFE and
 * U+FFFF are dropped; flags as above.  When max_bytes > 0 and the result
 * would be longer, it is cut at a character boundary and ends in "…",
 * within max_bytes.  out stays NUL-terminated.  0 / -1 (memory).
 */
int an_clean_text(an_buf *out, const char *s, size_t len, unsigned flags,
                  size_t max_bytes);

/* Formats a number: whole numbers (|x| < 2^53) without a fraction, others
 * with 15 significant digits; "NaN", "Inf", "-Inf".  Returns buf. */
const char *an_format_number(double x, char buf[32]);

/* Formats a whole number in decimal.  Returns buf. */
const char *an_format_integer(long long v, char buf[32]);

/* The same for a double known to be whole and below 2^53 (a column with
 * integral set), written backwards from the end of buf (no NUL): returns
 * where it starts, *n its length. */
const char *an_format_whole(double x, char buf[32], size_t *n);

/* Rounds x to two decimals (for sizes and pen widths). */
double an_round2(double x);

#endif /* ACTNET_TEXT_FORMAT_H */
