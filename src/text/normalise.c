/*
 * normalise.c — the normalise stage: strict UTF-8 decoding with repair,
 * folding of typographic punctuation and spaces to ASCII for matching,
 * case folding and the character classes the tokenizer uses.  ASCII takes
 * a fast path everywhere; utf8proc answers only for non-ASCII code points.
 * Nothing here allocates.
 */
#include "text/text.h"

#include <utf8proc.h>

/*
 * Decodes one code point; see text.h.  The accepted forms are exactly the
 * well-formed sequences of Unicode's table 3-7, so overlongs (C0, C1,
 * E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points beyond
 * U+10FFFF (F4 90.., F5..FF) are all rejected one byte at a time.
 */
size_t an_utf8_decode(const char *s, size_t len, int32_t *cp, int *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char b0 = u[0];
    *bad = 0;
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    int32_t c;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        goto invalid;
    }
    if (len < need + 1)
        goto invalid;
    if (u[1] < lo || u[1] > hi)
        goto invalid;
    c = (c << 6) | (u[1] & 0x3F);
    for (size_t i = 2; i <= need; i++) {
        if ((u[i] & 0xC0) != 0x80)
            goto invalid;
        c = (c << 6) | (u[i] & 0x3F);
    }
    *cp = c;
    return need + 1;
invalid:
    *cp = 0xFFFD;
    *bad = 1;
    return 1;
}

/* Encodes cp; anything that is not a Unicode scalar value becomes U+FFFD. */
size_t an_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Folds typographic punctuation; see text.h.  Besides the characters
 * named there, the invisible format characters that creep into copied web
 * text (left-to-right / right-to-left marks and embeddings, invisible
 * operators, the Mongolian vowel separator) are dropped too, and the
 * Ogham space mark counts as a space.
 */
int32_t an_fold_punct(int32_t cp)
{
    if (cp < 0xA0)
        return cp;
    switch (cp) {
    case 0x2019: case 0x2018: case 0x201B: case 0x2032: case 0x02BC:
    case 0xFF07:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB: case 0xFF02:
        return '"';
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return ' ';
    case 0x00AD: case 0x180E: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F:
        return -1;
    default:
        break;
    }
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    if (cp >= 0x2000 && cp <= 0x200A)
        return ' ';
    if (cp >= 0x200B && cp <= 0x200D)
        return -1;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2061 && cp <= 0x2064) ||
        (cp >= 0x2066 && cp <= 0x2069))
        return -1;
    return cp;
}

int32_t an_fold_case(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return cp + ('a' - 'A');
        return cp;
    }
    if (cp > 0x10FFFF)
        return cp;
    return utf8proc_tolower(cp);
}

/* Letters of every category, plus combining marks (so accents written as
 * separate code points stay inside their word). */
int an_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp > 0x10FFFF)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 1;
    default:
        return 0;
    }
}

/* Decimal digits: 0-9 and the other scripts' Nd digits. */
int an_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    if (cp > 0x10FFFF)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Upper-case and title-case letters. */
int an_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp > 0x10FFFF)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/*
 * Whitespace, including newlines.  Control characters (NUL included) and
 * DEL count as whitespace: they separate tokens and never become one.
 */
int an_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (cp <= 0x20 || cp == 0x7F);
    if (cp <= 0x9F)
        return 1;   /* C1 controls, NEL (U+0085) among them */
    if (cp > 0x10FFFF)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return 1;
    default:
        return 0;
    }
}
