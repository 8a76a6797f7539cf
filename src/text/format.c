/*
 * format.c — text cleaning and number formatting shared by every output
 * (see format.h).
 */
#include "text/format.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "text/text.h"

/* ---- text cleaning ------------------------------------------------------ */

static int is_line_space(int32_t cp)
{
    return cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 ||
           cp == 0x2029;
}

static int is_dropped(int32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return 0;
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
           cp == 0xfffe || cp == 0xffff;
}

/* Cuts out->data[start..] to at most max_bytes - 3 bytes at a character
 * boundary, without trailing spaces, and appends an ellipsis. */
static int cut_with_ellipsis(an_buf *out, size_t start, size_t max_bytes)
{
    size_t pos = start + max_bytes - 3;
    while (pos > start && ((unsigned char)out->data[pos] & 0xC0) == 0x80)
        pos--;
    while (pos > start && out->data[pos - 1] == ' ')
        pos--;
    out->len = pos;
    return an_buf_append(out, "\xE2\x80\xA6", 3);
}

int an_clean_text(an_buf *out, const char *s, size_t len, unsigned flags,
                  size_t max_bytes)
{
    size_t start = out->len, i = 0, room;
    int pending = 0, truncated = 0;
    int collapse = (flags & AN_CLEAN_COLLAPSE) != 0;
    int oneline = (flags & (AN_CLEAN_ONELINE | AN_CLEAN_COLLAPSE)) != 0;
    char *o;

    if (max_bytes && max_bytes < 8)
        max_bytes = 8;
    /* Each input byte gives at most 3 output bytes (a bad byte becomes
     * U+FFFD); with a cap, writing stops a few bytes past it.  So one
     * reservation covers the whole loop. */
    room = len > (SIZE_MAX - 64) / 3 ? SIZE_MAX - 64 : 3 * len;
    if (max_bytes && room > max_bytes + 8)
        room = max_bytes + 8;
    if (an_reserve((void **)&out->data, &out->cap, out->len + room + 1, 1))
        return -1;
    o = out->data + out->len;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        const char *from;
        size_t n;
        if (c > 0x20 && c < 0x7f) {             /* plain ASCII: fast path */
            from = s + i;
            n = 1;
            i++;
        } else {
            int32_t cp;
            int bad;
            n = an_utf8_decode(s + i, len - i, &cp, &bad);
            from = s + i;
            i += n;
            if (bad) {
                from = "\xEF\xBF\xBD";
                n = 3;
            } else if (is_dropped(cp)) {
                continue;
            } else if (cp == ' ' || (oneline && is_line_space(cp))) {
                if (collapse) {
                    pending = 1;
                    continue;
                }
                from = " ";
                n = 1;
            }
        }
        if (pending) {
            pending = 0;
            if (o > out->data + start)
                *o++ = ' ';
        }
        memcpy(o, from, n);
        o += n;
        if (max_bytes && (size_t)(o - (out->data + start)) > max_bytes) {
            truncated = 1;
            break;
        }
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    if (truncated && cut_with_ellipsis(out, start, max_bytes))
        return -1;
    return 0;
}

const char *an_format_integer(long long v, char buf[32])
{
    char tmp[24];
    size_t n = 0, k = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                 : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return buf;
}

const char *an_format_number(double x, char buf[32])
{
    if (isnan(x))
        snprintf(buf, 32, "NaN");
    else if (isinf(x))
        snprintf(buf, 32, "%s", x < 0 ? "-Inf" : "Inf");
    else if (x == floor(x) && fabs(x) < 9007199254740992.0)
        an_format_integer((long long)x, buf);
    else
        snprintf(buf, 32, "%.15g", x);
    return buf;
}

double an_round2(double x)
{
    return round(x * 100.0) / 100.0;
}

const char *an_format_whole(double x, char buf[32], size_t *n)
{
    long long v = (long long)x;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                 : (unsigned long long)v;
    char *p = buf + 32;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    *n = (size_t)(buf + 32 - p);
    return p;
}

