/*
 * segment.c — the segment stage: cuts a document into paragraphs,
 * sentences and tokens in one linear pass over the original bytes.
 *
 * Tokens follow the tokenisation contract of the brief (WORD, NUMBER,
 * ACRONYM, POSSESSIVE, PUNCT).  Every token keeps its byte span in the
 * original text, however many bytes its characters took and whatever was
 * repaired; its normalised form (an_fold_punct applied, case kept) and its
 * case-folded form are appended to an_text.norm as the token is scanned.
 * The fold shares the norm's bytes when folding changes nothing.
 *
 * Paragraphs end at blank lines (two or more line breaks with only
 * whitespace between them; \r\n counts as one break, U+2029 as two).
 * A sentence ends at . ! ? or U+2026 (possibly followed by closing quotes
 * and brackets) when whitespace follows and then an upper-case letter, a
 * digit, an opening quote or bracket, a line break, or the end of the
 * text; a period after an abbreviation of the caller's set, after a single
 * capital initial or inside a number does not end one.  A paragraph break
 * always ends a sentence, so an unpunctuated headline is one sentence.
 *
 * Speed: ASCII bytes are classified by table and copied in runs; only
 * non-ASCII code points are decoded and looked up in utf8proc.  Nothing
 * is allocated per token: the arrays of an_text grow geometrically and are
 * reused for the next document.
 */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define AN_SSE2 1
#else
#define AN_SSE2 0
#endif

/* scan_word is the hot loop of every word: inlined where the compiler
 * allows (the call's register saves cost more than its body). */
#if defined(__GNUC__)
#define AN_SEG_INLINE static inline __attribute__((always_inline))
#else
#define AN_SEG_INLINE static inline
#endif

/* Longest stored form of a token; longer tokens are cut (span kept). */
#define FORM_MAX 65535u
/* Room kept free in the norm buffer before each token: norm + fold. */
#define NORM_SLACK (2u * 65536u + 16u)

/* Character kinds after an_fold_punct.  0 means "not ASCII: decode". */
enum {
    K_HIGH = 0,
    K_UPPER,     /* upper- or title-case letter */
    K_LOWER,     /* lower-case letter */
    K_LETTER,    /* caseless letter or combining mark */
    K_DIGIT,
    K_APOS,      /* ' (and every apostrophe folded to it) */
    K_PERIOD,
    K_PUNCT,     /* anything else that is visible */
    K_BAD,       /* an invalid byte, repaired as U+FFFD */
    K_DROP,      /* soft hyphen, zero-width characters: ignored */
    K_SPACE,     /* whitespace and control characters (NUL too) */
    K_NL,        /* line feed, U+2028, U+0085 */
    K_CR,        /* carriage return (\r\n is one line break) */
    K_PARA       /* U+2029 paragraph separator */
};

#define SP K_SPACE
#define NL K_NL
#define CR K_CR
#define UP K_UPPER
#define LO K_LOWER
#define DG K_DIGIT
#define AP K_APOS
#define PE K_PERIOD
#define PU K_PUNCT
static const unsigned char ascii_kind[256] = {
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, NL, SP, SP, CR, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, PU, PU, PU, PU, PU, PU, AP,
    PU, PU, PU, PU, PU, PU, PE, PU,
    DG, DG, DG, DG, DG, DG, DG, DG,
    DG, DG, PU, PU, PU, PU, PU, PU,
    PU, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, PU, PU, PU, PU, PU,
    PU, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, PU, PU, PU, PU, SP,
    /* 0x80..0xFF: K_HIGH (0) */
};
#undef SP
#undef NL
#undef CR
#undef UP
#undef LO
#undef DG
#undef AP
#undef PE
#undef PU

/* Case bits collected over a token's letters. */
#define CASE_UP 1u
#define CASE_LO 2u

/* ASCII word characters for the scanning loops: CASE_UP, CASE_LO, or 4
 * for a digit; 0 for everything else (non-ASCII bytes included). */
#define WU CASE_UP
#define WL CASE_LO
static const unsigned char word_bits[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0,
    0, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU,
    WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, 0, 0, 0, 0, 0,
    0, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL,
    WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, 0, 0, 0, 0, 0,
    /* 0x80..0xFF: 0 */
};
#undef WU
#undef WL

/* Word characters: letters, marks, digits. */
static inline int is_wordk(int k)
{
    return k >= K_UPPER && k <= K_DIGIT;
}

static inline int is_letterk(int k)
{
    return k >= K_UPPER && k <= K_LETTER;
}

static inline unsigned case_of(int k)
{
    return k == K_UPPER ? CASE_UP : k == K_LOWER ? CASE_LO : 0u;
}

/* One character of the original text: its folded code point, its byte
 * length there and its kind. */
typedef struct an_ch {
    int32_t cp;
    uint32_t n;
    int k;
} an_ch;

/* Classifies the non-ASCII character at s[p]. */
static an_ch ch_slow(const unsigned char *s, size_t len, size_t p)
{
    an_ch c;
    int bad;
    c.n = (uint32_t)an_utf8_decode((const char *)s + p, len - p, &c.cp, &bad);
    if (bad) {
        c.k = K_BAD;
        return c;
    }
    int32_t f = an_fold_punct(c.cp);
    if (f < 0) {
        c.k = K_DROP;
        return c;
    }
    c.cp = f;
    if (f < 0x80) {
        c.k = ascii_kind[f];
        return c;
    }
    if (f == 0x85 || f == 0x2028) {
        c.k = K_NL;
        return c;
    }
    if (f == 0x2029) {
        c.k = K_PARA;
        return c;
    }
    switch (utf8proc_category(f)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        c.k = K_UPPER;
        break;
    case UTF8PROC_CATEGORY_LL:
        c.k = K_LOWER;
        break;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        c.k = K_LETTER;
        break;
    case UTF8PROC_CATEGORY_ND:
        c.k = K_DIGIT;
        break;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
        c.k = K_SPACE;
        break;
    default:
        c.k = K_PUNCT;
        break;
    }
    return c;
}

/* The character at s[p] (p < len). */
static inline an_ch ch_at(const unsigned char *s, size_t len, size_t p)
{
    unsigned char b = s[p];
    if (b < 0x80) {
        an_ch c = { b, 1, ascii_kind[b] };
        return c;
    }
    return ch_slow(s, len, p);
}

static inline int is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static inline int is_closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}';
}

/* May a character begin the sentence after a terminal? */
static inline int is_starter(const an_ch *c)
{
    return c->k == K_UPPER || c->k == K_DIGIT || c->cp == '"' ||
           c->cp == '\'' || c->cp == '(' || c->cp == '[' || c->cp == '{';
}

/* The state of one an_text_segment call. */
typedef struct seg {
    an_text *t;
    const unsigned char *s;
    size_t len;
    const an_strmap *abbrevs;
    int pending;      /* an unprotected terminal awaits the next token */
    int need_start;   /* AN_TF_SENT_START not yet given in this sentence */
} seg;

/* The forms of the token being scanned (norm written at nstart). */
typedef struct tokacc {
    uint32_t nstart;
    uint32_t nlen;
    unsigned case_bits;
    int nonascii;     /* the norm holds non-ASCII bytes */
    int full;         /* the norm was cut at FORM_MAX */
} tokacc;

/* Appends bytes of ASCII word characters to the norm (room reserved). */
static inline void acc_bytes(an_text *t, tokacc *a, const unsigned char *b,
                             size_t n)
{
    if (a->full)
        return;
    if (n > FORM_MAX - a->nlen) {
        n = FORM_MAX - a->nlen;
        a->full = 1;
    }
    memcpy(t->norm.data + t->norm.len, b, n);
    t->norm.len += n;
    a->nlen += (uint32_t)n;
}

/* Appends one code point to the norm (room reserved). */
static inline void acc_cp(an_text *t, tokacc *a, int32_t cp)
{
    if (a->full)
        return;
    if (cp < 0x80) {
        if (a->nlen >= FORM_MAX) {
            a->full = 1;
            return;
        }
        t->norm.data[t->norm.len++] = (char)cp;
        a->nlen++;
        return;
    }
    char tmp[4];
    size_t n = an_utf8_encode(cp, tmp);
    if (a->nlen + n > FORM_MAX) {
        a->full = 1;
        return;
    }
    memcpy(t->norm.data + t->norm.len, tmp, n);
    t->norm.len += n;
    a->nlen += (uint32_t)n;
    a->nonascii = 1;
}

/* Is the apostrophe of n bytes at p inside a word (don't, O'Brien)?  It
 * is when a letter follows, unless that is a final possessive s. */
static int apos_inside(const seg *g, size_t p, size_t n)
{
    size_t q = p + n;
    if (q >= g->len)
        return 0;
    an_ch c = ch_at(g->s, g->len, q);
    if (!is_letterk(c.k))
        return 0;
    if (c.cp != 's' && c.cp != 'S')
        return 1;
    q += 1;
    if (q >= g->len)
        return 0;
    an_ch d = ch_at(g->s, g->len, q);
    return is_wordk(d.k);
}

#if AN_SSE2
/*
 * The run of ASCII letters and digits at the start of the 16 bytes c:
 * returns its length (0..16) and ORs its case bits into *bits.  Bytes
 * from 0x80 up are never word characters here.
 */
static inline unsigned word_run16(__m128i c, unsigned *bits)
{
    __m128i folded = _mm_or_si128(c, _mm_set1_epi8(0x20));
    __m128i letter = _mm_cmplt_epi8(
        _mm_add_epi8(folded, _mm_set1_epi8((char)(128 - 'a'))),
        _mm_set1_epi8((char)(-128 + 26)));
    __m128i upper = _mm_cmplt_epi8(
        _mm_add_epi8(c, _mm_set1_epi8((char)(128 - 'A'))),
        _mm_set1_epi8((char)(-128 + 26)));
    __m128i digit = _mm_cmplt_epi8(
        _mm_add_epi8(c, _mm_set1_epi8((char)(128 - '0'))),
        _mm_set1_epi8((char)(-128 + 10)));
    unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    unsigned n = (unsigned)__builtin_ctz(~word);   /* bit 16 is set */
    unsigned in = (1u << n) - 1u;
    unsigned up = (unsigned)_mm_movemask_epi8(upper) & in;
    unsigned lo = (unsigned)_mm_movemask_epi8(letter) & in & ~up;
    *bits |= (up ? CASE_UP : 0u) | (lo ? CASE_LO : 0u);
    return n;
}
#endif

/* Scans word characters from p (letters, digits, marks, internal
 * apostrophes, soft hyphens and zero-width characters between word
 * characters), appending the norm; returns the end. */
AN_SEG_INLINE size_t scan_word(const seg *g, size_t p, tokacc *a)
{
    const unsigned char *s = g->s;
    size_t len = g->len;
    an_text *t = g->t;
    for (;;) {
        /* The ASCII run, copied as it is scanned while the form has
         * room, then only scanned. */
        size_t q = p;
        unsigned bits = 0, wb;
#if AN_SSE2
        /* 16 bytes at a time while the text and the form have room (the
         * norm buffer always has slack for the 16-byte store). */
        int run_ended = 0;
        while (!a->full && len - q >= 16 && FORM_MAX - a->nlen >= 16) {
            __m128i c = _mm_loadu_si128((const __m128i *)(const void *)
                                        (s + q));
            unsigned n = word_run16(c, &bits);
            _mm_storeu_si128((__m128i *)(void *)(t->norm.data +
                                                 t->norm.len), c);
            t->norm.len += n;
            a->nlen += n;
            q += n;
            if (n < 16) {
                run_ended = 1;
                break;
            }
        }
        p = q;
        if (!run_ended && !a->full) {
#else
        if (!a->full) {
#endif
            size_t room = FORM_MAX - a->nlen;
            size_t lim = len - p > room ? p + room : len;
            char *d = t->norm.data + t->norm.len;
            while (q < lim && (wb = word_bits[s[q]]) != 0) {
                d[q - p] = (char)s[q];
                bits |= wb;
                q++;
            }
            t->norm.len += q - p;
            a->nlen += (uint32_t)(q - p);
            if (q == lim && lim < len && word_bits[s[q]])
                a->full = 1;
        }
#if AN_SSE2
        /* a run the 16-byte loop saw end needs no more scanning */
        while (!run_ended && q < len && (wb = word_bits[s[q]]) != 0) {
#else
        while (q < len && (wb = word_bits[s[q]]) != 0) {
#endif
            bits |= wb;
            q++;
        }
        a->case_bits |= bits & (CASE_UP | CASE_LO);
        p = q;
        if (p >= len)
            break;
        if (s[p] < 0x80) {
            if (s[p] == '\'' && apos_inside(g, p, 1)) {
                acc_cp(t, a, '\'');
                p++;
                continue;
            }
            break;
        }
        an_ch c = ch_slow(s, len, p);
        if (is_wordk(c.k)) {
            acc_cp(t, a, c.cp);
            a->case_bits |= case_of(c.k);
            p += c.n;
            continue;
        }
        if (c.k == K_APOS && apos_inside(g, p, c.n)) {
            acc_cp(t, a, '\'');
            p += c.n;
            continue;
        }
        if (c.k == K_DROP) {
            size_t r = p + c.n;
            while (r < len) {
                an_ch d = ch_at(s, len, r);
                if (d.k != K_DROP)
                    break;
                r += d.n;
            }
            if (r < len && is_wordk(ch_at(s, len, r).k)) {
                p = r;
                continue;
            }
        }
        break;
    }
    return p;
}

/* Scans a number from p (a digit): digits with internal . or , before a
 * digit.  Digits running straight into letters make a word (1990s, 3rd);
 * *kind says which.  Returns the end. */
static size_t scan_number(const seg *g, size_t p, tokacc *a, int *kind)
{
    const unsigned char *s = g->s;
    size_t len = g->len;
    int seps = 0;
    *kind = AN_TOK_NUMBER;
    for (;;) {
        size_t q = p;
        while (q < len && s[q] >= '0' && s[q] <= '9')
            q++;
        if (q > p) {
            acc_bytes(g->t, a, s + p, q - p);
            p = q;
        }
        if (p >= len)
            break;
        an_ch c = ch_at(s, len, p);
        if (c.k == K_DIGIT) {
            acc_cp(g->t, a, c.cp);
            p += c.n;
            continue;
        }
        if (is_letterk(c.k) && !seps) {
            *kind = AN_TOK_WORD;
            return scan_word(g, p, a);
        }
        if ((c.cp == '.' || c.cp == ',') && p + 1 < len &&
            ch_at(s, len, p + 1).k == K_DIGIT) {
            acc_cp(g->t, a, c.cp);
            p += 1;
            seps = 1;
            continue;
        }
        break;
    }
    return p;
}

/* An acronym at p: single letters each followed by a period, at least
 * two (U.S., e.g.).  Appends it and returns its end, or returns 0. */
static size_t scan_acronym(const seg *g, size_t p, const an_ch *c0,
                           tokacc *a)
{
    const unsigned char *s = g->s;
    size_t len = g->len;
    if (p + c0->n >= len || s[p + c0->n] != '.')
        return 0;
    size_t q = p + c0->n + 1;
    unsigned count = 1;
    while (q < len) {
        an_ch c = ch_at(s, len, q);
        if (!is_letterk(c.k) || q + c.n >= len || s[q + c.n] != '.')
            break;
        count++;
        q += c.n + 1;
    }
    if (count < 2)
        return 0;
    size_t r = p;
    while (r < q) {
        an_ch c = ch_at(s, len, r);
        acc_cp(g->t, a, c.cp);
        a->case_bits |= case_of(c.k);
        r += c.n;
    }
    return q;
}

/* An apostrophe (n bytes) at p: a possessive ('s, or ' after a word
 * ending in s) when it directly follows a word, acronym or number; else
 * punctuation.  Appends the form, sets *kind, returns the end. */
static size_t scan_apos(const seg *g, size_t p, size_t n, tokacc *a,
                        int *kind)
{
    const an_text *t = g->t;
    *kind = AN_TOK_PUNCT;
    acc_cp(g->t, a, '\'');
    if (t->n_toks == 0)
        return p + n;
    const an_token *prev = &t->toks[t->n_toks - 1];
    if (prev->end != p || prev->kind == AN_TOK_PUNCT ||
        prev->kind == AN_TOK_POSSESSIVE)
        return p + n;
    size_t q = p + n;
    an_ch c = { 0, 0, K_SPACE };
    if (q < g->len)
        c = ch_at(g->s, g->len, q);
    if (c.cp == 's' || c.cp == 'S') {
        if (q + 1 >= g->len || !is_wordk(ch_at(g->s, g->len, q + 1).k)) {
            acc_cp(g->t, a, c.cp);
            a->case_bits |= case_of(c.k);
            *kind = AN_TOK_POSSESSIVE;
            return q + 1;
        }
    }
    if (!is_wordk(c.k) && prev->norm_len > 0) {
        char last = t->norm.data[prev->norm + prev->norm_len - 1];
        if (last == 's' || last == 'S')
            *kind = AN_TOK_POSSESSIVE;
    }
    return p + n;
}

/* Is the first letter of form f upper case? */
static int first_letter_upper(const char *f, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)f[i];
        if (b < 0x80) {
            int k = ascii_kind[b];
            if (k == K_UPPER)
                return 1;
            if (k == K_LOWER)
                return 0;
            i++;
            continue;
        }
        int32_t cp;
        int bad;
        i += an_utf8_decode(f + i, n - i, &cp, &bad);
        if (an_is_letter(cp))
            return an_is_upper(cp);
    }
    return 0;
}

/* Writes the case-folded form after the norm (or shares the norm's bytes
 * when folding changes nothing) and fills the token's form fields. */
static void finish_forms(an_text *t, const tokacc *a, an_token *tok)
{
    tok->norm = a->nstart;
    tok->norm_len = (uint16_t)a->nlen;
    tok->fold = a->nstart;
    tok->fold_len = (uint16_t)a->nlen;
    if (!a->nonascii && !(a->case_bits & CASE_UP))
        return;
    const char *src = t->norm.data + a->nstart;
    char *dst = t->norm.data + t->norm.len;
    size_t out = 0;
    if (!a->nonascii) {
#if AN_SSE2
        /* Short forms: 16 bytes at once (the buffer has the slack). */
        if (a->nlen <= 16) {
            __m128i c = _mm_loadu_si128((const __m128i *)(const void *)src);
            __m128i up = _mm_cmplt_epi8(
                _mm_add_epi8(c, _mm_set1_epi8((char)(128 - 'A'))),
                _mm_set1_epi8((char)(-128 + 26)));
            _mm_storeu_si128((__m128i *)(void *)dst,
                             _mm_or_si128(c, _mm_and_si128(
                                 up, _mm_set1_epi8(0x20))));
            tok->fold = (uint32_t)t->norm.len;
            tok->fold_len = (uint16_t)a->nlen;
            t->norm.len += a->nlen;
            return;
        }
#endif
        for (size_t i = 0; i < a->nlen; i++) {
            unsigned char c = (unsigned char)src[i];
            dst[i] = (char)(c | ((word_bits[c] & CASE_UP) << 5));
        }
        out = a->nlen;
    } else {
        size_t i = 0;
        while (i < a->nlen) {
            int32_t cp;
            int bad;
            i += an_utf8_decode(src + i, a->nlen - i, &cp, &bad);
            char tmp[4];
            size_t n = an_utf8_encode(an_fold_case(cp), tmp);
            if (out + n > FORM_MAX)
                break;
            memcpy(dst + out, tmp, n);
            out += n;
        }
        if (out == a->nlen && memcmp(src, dst, out) == 0)
            return;
    }
    tok->fold = (uint32_t)t->norm.len;
    tok->fold_len = (uint16_t)out;
    t->norm.len += out;
}

/* Is token i a single capital initial (the J of "J. Smith")? */
static int is_initial(const an_text *t, const an_token *tok)
{
    if (tok->kind != AN_TOK_WORD || tok->norm_len == 0 ||
        tok->norm_len > 4)
        return 0;
    const char *f = t->norm.data + tok->norm;
    int32_t cp;
    int bad;
    size_t n = an_utf8_decode(f, tok->norm_len, &cp, &bad);
    return n == tok->norm_len && an_is_upper(cp);
}

/* Does the token just pushed end its sentence unless what follows says
 * otherwise?  Periods after abbreviations and initials do not. */
static int is_candidate(const seg *g)
{
    const an_text *t = g->t;
    const an_token *tok = &t->toks[t->n_toks - 1];
    const char *f = t->norm.data + tok->norm;
    if (tok->kind == AN_TOK_ACRONYM)
        return !(g->abbrevs && an_strmap_get(g->abbrevs, f,
                                             tok->norm_len - 1u, NULL));
    if (tok->kind != AN_TOK_PUNCT)
        return 0;
    int32_t cp;
    int bad;
    if (an_utf8_decode(f, tok->norm_len, &cp, &bad) != tok->norm_len ||
        !is_terminal(cp))
        return 0;
    if (cp != '.' || t->n_toks < 2)
        return 1;
    const an_token *prev = tok - 1;
    if (prev->end != tok->start || prev->kind != AN_TOK_WORD)
        return 1;
    if (is_initial(t, prev))
        return 0;
    if (g->abbrevs && an_strmap_get(g->abbrevs, t->norm.data + prev->norm,
                                    prev->norm_len, NULL))
        return 0;
    return 1;
}

/* Closes the open sentence at the last token. */
static void close_sentence(an_text *t)
{
    if (t->n_sents == 0)
        return;
    an_sentence *se = &t->sents[t->n_sents - 1];
    se->tok_end = (uint32_t)t->n_toks;
    se->end = t->toks[t->n_toks - 1].end;
}

/* Opens a sentence at the next token (token start given).  0 / -1. */
static int open_sentence(seg *g, uint32_t start)
{
    an_text *t = g->t;
    close_sentence(t);
    if (t->n_sents == t->cap_sents &&
        AN_RESERVE(t->sents, t->cap_sents, t->n_sents + 1))
        return -1;
    an_sentence *se = &t->sents[t->n_sents++];
    se->tok_start = se->tok_end = (uint32_t)t->n_toks;
    se->start = se->end = start;
    se->paragraph = (uint32_t)(t->n_paragraphs - 1);
    g->need_start = 1;
    return 0;
}

void an_text_init(an_text *t)
{
    memset(t, 0, sizeof(*t));
}

/* Frees everything t owns (not src); t may be initialised again. */
void an_text_finish(an_text *t)
{
    an_buf_free(&t->norm);
    free(t->toks);
    free(t->sents);
    memset(t, 0, sizeof(*t));
}

/* Ensures room for one more token and its forms.  0 / -1. */
static int reserve_token(an_text *t)
{
    if (t->n_toks == t->cap_toks &&
        AN_RESERVE(t->toks, t->cap_toks, t->n_toks + 1))
        return -1;
    if (t->norm.cap - t->norm.len < NORM_SLACK) {
        if (t->norm.len > UINT32_MAX - NORM_SLACK)
            return -1;   /* form offsets are 32-bit */
        if (an_reserve((void **)&t->norm.data, &t->norm.cap,
                       t->norm.len + NORM_SLACK, 1))
            return -1;
    }
    return 0;
}

/*
 * Segments src into t; see text.h.  On failure (out of memory, or a
 * document of 4 GiB or more) t holds no tokens and -1 is returned.
 */
int an_text_segment(an_text *t, const char *src, size_t len,
                    const an_strmap *abbrevs)
{
    int rc = -1;
    t->src = src;
    t->len = len;
    t->norm.len = 0;
    t->n_toks = t->n_sents = t->n_paragraphs = 0;
    t->repaired = 0;
    if (len > UINT32_MAX)
        goto out;

    seg g = { t, (const unsigned char *)src, len, abbrevs, 0, 0 };
    const unsigned char *s = g.s;
    size_t p = 0;
    for (;;) {
        /* The gap: whitespace, line breaks and dropped characters. */
        unsigned nl = 0;
        int sp = 0;
        an_ch c0 = { 0, 0, K_SPACE };
        if (p < len && s[p] == ' ') {      /* the usual single space */
            sp = 1;
            p++;
        }
        while (p < len) {
            c0 = ch_at(s, len, p);
            if (c0.k == K_DROP) {
                p += c0.n;
                continue;
            }
            if (c0.k < K_SPACE)
                break;
            sp = 1;
            if (c0.k == K_NL) {
                nl++;
            } else if (c0.k == K_CR) {
                nl++;
                if (p + 1 < len && s[p + 1] == '\n')
                    p++;
            } else if (c0.k == K_PARA) {
                nl += 2;
            }
            p += c0.n;
        }
        if (p >= len)
            break;
        if (reserve_token(t))
            goto out;

        /* Paragraph and sentence boundaries before this token. */
        uint16_t flags = sp ? AN_TF_SPACE_BEFORE : 0;
        int new_sent = 0;
        if (t->n_toks == 0 || nl >= 2) {
            t->n_paragraphs++;
            flags |= AN_TF_PARA_START;
            new_sent = 1;
            g.pending = 0;
        } else if (g.pending && sp) {
            new_sent = nl >= 1 || is_starter(&c0);
            g.pending = 0;
        }
        if (new_sent && open_sentence(&g, (uint32_t)p))
            goto out;

        /* The token. */
        tokacc a = { (uint32_t)t->norm.len, 0, 0, 0, 0 };
        int kind = AN_TOK_PUNCT;
        size_t start = p, end;
        if (is_letterk(c0.k)) {
            end = scan_acronym(&g, p, &c0, &a);
            if (end) {
                kind = AN_TOK_ACRONYM;
            } else {
                end = scan_word(&g, p, &a);
                kind = AN_TOK_WORD;
            }
        } else switch (c0.k) {
        case K_DIGIT:
            end = scan_number(&g, p, &a, &kind);
            break;
        case K_APOS:
            end = scan_apos(&g, p, c0.n, &a, &kind);
            break;
        case K_BAD:
            acc_cp(t, &a, 0xFFFD);
            flags |= AN_TF_REPAIRED;
            t->repaired++;
            end = p + 1;
            break;
        default:
            acc_cp(t, &a, c0.cp);
            end = p + c0.n;
            break;
        }
        p = end;

        an_token *tok = &t->toks[t->n_toks];
        tok->start = (uint32_t)start;
        tok->end = (uint32_t)end;
        tok->kind = (uint16_t)kind;
        tok->sentence = (uint32_t)(t->n_sents - 1);
        if (!a.nonascii && !(a.case_bits & CASE_UP)) {
            tok->norm = tok->fold = a.nstart;
            tok->norm_len = tok->fold_len = (uint16_t)a.nlen;
        } else {
            finish_forms(t, &a, tok);
        }
        if (a.case_bits & CASE_UP) {
            unsigned char b0 = (unsigned char)t->norm.data[tok->norm];
            if (word_bits[b0] == CASE_UP ||
                (word_bits[b0] != CASE_LO &&
                 first_letter_upper(t->norm.data + tok->norm,
                                    tok->norm_len)))
                flags |= AN_TF_CAP;
            if (!(a.case_bits & CASE_LO))
                flags |= AN_TF_UPPER;
        }
        if (g.need_start && kind != AN_TOK_PUNCT &&
            kind != AN_TOK_POSSESSIVE) {
            flags |= AN_TF_SENT_START;
            g.need_start = 0;
        }
        tok->flags = flags;
        t->n_toks++;

        /* Closing quotes and brackets (and more terminals) glued to a
         * terminal keep it pending; anything else glued to it cancels. */
        if (g.pending && !(kind == AN_TOK_PUNCT &&
                           (is_closing(c0.cp) || is_terminal(c0.cp))))
            g.pending = 0;
        if ((kind == AN_TOK_PUNCT || kind == AN_TOK_ACRONYM) &&
            is_candidate(&g))
            g.pending = 1;
    }
    close_sentence(t);
    if (t->norm.data)
        t->norm.data[t->norm.len] = '\0';
    rc = 0;
out:
    if (rc) {
        t->norm.len = 0;
        t->n_toks = t->n_sents = t->n_paragraphs = 0;
    }
    return rc;
}
