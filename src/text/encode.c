/*
 * encode.c — the encoders of encode.h.  Each reserves the worst case
 * once and copies runs of bytes that need nothing, so that writing a
 * large network spends its time in memcpy rather than in per-byte calls.
 */
#include "text/encode.h"

#include <stdint.h>
#include <string.h>

#include "text/text.h"

/* Room for n more bytes in b (len unchanged); 0 / -1. */
static int room(an_buf *b, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return -1;
    return an_reserve((void **)&b->data, &b->cap, b->len + n + 1, 1);
}

int an_json_string(an_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    /* each byte becomes at most 6 ("\u00xx", "\ufffd") */
    if (len > (SIZE_MAX - 8) / 6 || room(b, 6 * len + 2))
        return -1;
    char *o = b->data + b->len;
    size_t i = 0;
    *o++ = '"';
    while (i < len) {
        size_t j = i;
        while (j < len) {
            unsigned char c = (unsigned char)s[j];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
                break;
            j++;
        }
        memcpy(o, s + i, j - i);
        o += j - i;
        i = j;
        if (i == len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            int bad;
            size_t n = an_utf8_decode(s + i, len - i, &cp, &bad);
            if (bad) {
                memcpy(o, "\\ufffd", 6);
                o += 6;
            } else {
                memcpy(o, s + i, n);
                o += n;
            }
            i += n;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        i++;
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

int an_json_cstring(an_buf *b, const char *s)
{
    return s ? an_json_string(b, s, strlen(s)) : an_buf_append(b, "null", 4);
}

/* Whether s[0..len) is a decimal number ("-3", "+0.25", "-1e-05") or a
 * lone "-" (the listings' "none"): neither can be a formula, and a
 * spreadsheet should still read the numbers as numbers. */
static int harmless_sign(const char *s, size_t len)
{
    size_t i = 1, digits = 0;
    if (len == 1)
        return s[0] == '-';
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = ++i;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            e = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return 0;
    }
    return i == len;
}

int an_cell_is_formula(const char *s, size_t len)
{
    if (!len)
        return 0;
    switch (s[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
        return 1;
    case '+':
    case '-':
        return !harmless_sign(s, len);
    default:
        return 0;
    }
}

int an_csv_field(an_buf *b, const char *s, size_t len)
{
    int formula = an_cell_is_formula(s, len);
    int quote = formula || (len && (s[0] == ' ' || s[len - 1] == ' '));
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote)
        return an_buf_append(b, s, len);
    if (len > (SIZE_MAX - 8) / 2 || room(b, 2 * len + 3))
        return -1;
    char *o = b->data + b->len;
    *o++ = '"';
    if (formula)
        *o++ = '\'';
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            *o++ = '"';
        *o++ = s[i];
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

int an_tsv_field(an_buf *b, const char *s, size_t len)
{
    /* a leading tab or CR becomes a space below, so only = + - @ are
     * left to neutralise */
    int formula = an_cell_is_formula(s, len) && s[0] != '\t' &&
                  s[0] != '\r';
    if (room(b, len + 1))
        return -1;
    char *o = b->data + b->len;
    if (formula)
        *o++ = '\'';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        o[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    b->len += len + (size_t)formula;
    b->data[b->len] = '\0';
    return 0;
}

int an_dot_string(an_buf *b, const char *s, size_t len)
{
    if (len > (SIZE_MAX - 8) / 2 || room(b, 2 * len + 2))
        return -1;
    char *o = b->data + b->len;
    *o++ = '"';
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\')
            *o++ = '\\';
        *o++ = s[i];
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

/*
 * What each byte asks of the XML escaper: 0 copy it; 1 escape it (& < > "
 * CR); 2 escape it in attribute values (tab, LF; copied in text); 4 it
 * may need cleaning (other controls, DEL, non-ASCII).
 */
static const unsigned char xml_class[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 4, 4, 1, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

char *an_xml_escape_raw(char *o, const char *s, size_t len, int attr,
                        int check)
{
    const unsigned char stop = (unsigned char)(1 | (attr ? 2 : 0) |
                                               (check ? 4 : 0));
    const char *end = s + len;
    while (s < end) {
        const char *run = s;
        while (s < end && !(xml_class[(unsigned char)*s] & stop))
            s++;
        memcpy(o, run, (size_t)(s - run));
        o += s - run;
        if (s == end)
            break;
        const char *e;
        size_t n;
        switch (*s) {
        case '&': e = "&amp;"; n = 5; break;
        case '<': e = "&lt;"; n = 4; break;
        case '>': e = "&gt;"; n = 4; break;
        case '"': e = "&quot;"; n = 6; break;
        case '\r': e = "&#13;"; n = 5; break;
        case '\t': e = attr ? "&#9;" : "\t"; n = attr ? 4 : 1; break;
        case '\n': e = attr ? "&#10;" : "\n"; n = attr ? 5 : 1; break;
        default:
            if (check)
                return NULL;
            e = s;
            n = 1;
        }
        s++;
        memcpy(o, e, n);
        o += n;
    }
    return o;
}

int an_xml_escape(an_buf *b, const char *s, size_t len, int attr)
{
    if (len > (SIZE_MAX - 8) / 6 || room(b, 6 * len))
        return -1;
    char *o = an_xml_escape_raw(b->data + b->len, s, len, attr, 0);
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

int actnet_buffer_encode(actnet_buffer *b, actnet_encoding enc,
                         const char *s, size_t len)
{
    switch (enc) {
    case ACTNET_ENCODE_JSON: return an_json_string(b, s, len);
    case ACTNET_ENCODE_CSV: return an_csv_field(b, s, len);
    case ACTNET_ENCODE_TSV: return an_tsv_field(b, s, len);
    case ACTNET_ENCODE_XML_TEXT: return an_xml_escape(b, s, len, 0);
    case ACTNET_ENCODE_XML_ATTR: return an_xml_escape(b, s, len, 1);
    case ACTNET_ENCODE_DOT: return an_dot_string(b, s, len);
    }
    return -1;
}
