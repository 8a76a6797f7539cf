/*
 * text.h — the normalise and segment stages.
 *
 * normalise.c decodes UTF-8 (repairing invalid bytes as U+FFFD), folds
 * typographic apostrophes, quotes, dashes and non-breaking spaces to their
 * ASCII forms for matching, and case-folds.  segment.c cuts a document into
 * paragraphs (blank lines), sentences and tokens.  Every token keeps its
 * byte span in the original text; its normalised and case-folded forms are
 * stored in the an_text's own buffer, so matching never re-normalises.
 */
#ifndef ACTNET_TEXT_H
#define ACTNET_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* ---- normalise.c ---------------------------------------------------- */

/*
 * Decodes one UTF-8 code point from s (len > 0 bytes available).  Returns
 * the number of bytes consumed (1..4) and sets *cp.  An invalid or
 * truncated sequence, an overlong form or a surrogate consumes 1 byte and
 * yields 0xFFFD with *bad set to 1 (else 0).
 */
size_t an_utf8_decode(const char *s, size_t len, int32_t *cp, int *bad);

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t an_utf8_encode(int32_t cp, char *out);

/*
 * Folds a code point for matching: typographic apostrophes (’ ‘ ‛ ′ ʼ) to
 * '\'', typographic double quotes (“ ” „ ″ « ») to '"', dashes and minus
 * (‐ ‑ ‒ – — ― −) to '-', non-breaking and other Unicode spaces to ' ',
 * soft hyphen and zero-width characters to -1 (dropped).  Others unchanged.
 */
int32_t an_fold_punct(int32_t cp);

/* Lower-cases a code point (ASCII fast path, utf8proc otherwise). */
int32_t an_fold_case(int32_t cp);

/* Character classes used by the tokenizer (after an_fold_punct). */
int an_is_letter(int32_t cp);
int an_is_digit(int32_t cp);
int an_is_upper(int32_t cp);
int an_is_space(int32_t cp);   /* includes newlines */

/* ---- segment.c ------------------------------------------------------ */

typedef enum an_tok_kind {
    AN_TOK_WORD = 0,     /* letters (and internal apostrophes: don't, O'Brien) */
    AN_TOK_NUMBER,       /* digits, with internal . or , (3.5, 1,000) */
    AN_TOK_ACRONYM,      /* letters with periods: U.S., U.K. (period kept) */
    AN_TOK_POSSESSIVE,   /* 's or ' right after a word: Lukashenko's */
    AN_TOK_PUNCT         /* any other single character (. , - " ( ...) */
} an_tok_kind;

enum {
    AN_TF_CAP = 1 << 0,        /* first letter is upper case */
    AN_TF_UPPER = 1 << 1,      /* every letter upper case (at least one) */
    AN_TF_SENT_START = 1 << 2, /* first word-like token of its sentence */
    AN_TF_PARA_START = 1 << 3, /* first token of its paragraph */
    AN_TF_SPACE_BEFORE = 1 << 4,/* whitespace precedes the token */
    AN_TF_REPAIRED = 1 << 5,   /* contains a repaired invalid byte */
    AN_TF_CAPS_LINE = 1 << 6   /* in a headline or dateline written in
                                  capitals (set by the match stage) */
};

typedef struct an_token {
    uint32_t start, end;     /* byte span in the original text */
    uint32_t norm;           /* offset of the normalised form in an_text.norm */
    uint32_t fold;           /* offset of the case-folded form */
    uint16_t norm_len;       /* bytes (forms longer than 65535 are cut) */
    uint16_t fold_len;
    uint16_t kind;           /* an_tok_kind */
    uint16_t flags;          /* AN_TF_* */
    uint32_t sentence;       /* 0-based sentence index */
} an_token;

typedef struct an_sentence {
    uint32_t tok_start, tok_end; /* token span [tok_start, tok_end) */
    uint32_t start, end;         /* byte span in the original text */
    uint32_t paragraph;          /* 0-based */
} an_sentence;

/*
 * A segmented document.  Caller-owned storage: an_text_init before first
 * use, an_text_finish to free; reusing it for the next document keeps the
 * allocations (no per-document malloc in the steady state).
 */
typedef struct an_text {
    const char *src;         /* the original bytes (not owned) */
    size_t len;
    an_buf norm;             /* normalised and folded token forms */
    an_token *toks;
    size_t n_toks, cap_toks;
    an_sentence *sents;
    size_t n_sents, cap_sents;
    size_t n_paragraphs;
    size_t repaired;         /* invalid UTF-8 bytes seen */
} an_text;

void an_text_init(an_text *t);
void an_text_finish(an_text *t);

/*
 * Segments src[0..len) into t (previous content discarded).  abbrevs, if
 * not NULL, is the set of abbreviations (normalised form without the final
 * period, e.g. "Mr", "U.S", "Gen") after which a period does not end a
 * sentence; single capital initials ("J.") and decimals never end one.
 * src must stay valid while t is used.  Returns 0, or -1 when out of memory.
 */
int an_text_segment(an_text *t, const char *src, size_t len,
                     const an_strmap *abbrevs);

/* Normalised / folded form of token i (not NUL-terminated). */
static inline const char *an_tok_norm(const an_text *t, size_t i)
{
    return t->norm.data + t->toks[i].norm;
}
static inline const char *an_tok_fold(const an_text *t, size_t i)
{
    return t->norm.data + t->toks[i].fold;
}

#endif /* ACTNET_TEXT_H */
