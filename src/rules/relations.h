/*
 * relations.h — the compiled relations (private to the library): what
 * the rules compiler (src/rules/relations.c) builds from the relations:
 * and inflections: sections, and what the relate stage
 * (src/extract/relate.c) reads per token.  The word tables and the
 * probing helpers are static inline here because the relate stage calls
 * them for nearly every token of a sentence with two mentions.
 */
#ifndef ACTNET_RELATIONS_H
#define ACTNET_RELATIONS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "text/text.h"


#define NONE UINT32_MAX
#define WID_UNSET (UINT32_MAX - 1)
#define WID_SLOT (UINT32_MAX - 2)  /* "..." in a phrase: an object */
#define SLOT_MAX 6               /* tokens of an object slot */
#define LEX_UNSET UINT32_MAX      /* token: lexicon entry not looked up */
#define MAX_ARGS 16              /* actors or targets of one phrase */
#define MAX_GAP 2                /* tokens skipped between phrase words */
#define AN_REL_CACHE_MAX (1u << 18)
#define EPOCH_WORDS 16384        /* tokens per judgement of eager */
#define EAGER_RATE 512           /* eager while fewer new forms than
                                    one per this many tokens */
#define APPOS_MAX 25             /* tokens in an appositive */
#define QUOTE_MIN 4              /* a quotation of up to 3 tokens is
                                    part of its clause */

/* ---- function words ---------------------------------------------------- */

enum {
    FW_AUX = 1u << 0,     /* has, did, ... */
    FW_BE = 1u << 1,      /* is, was, been, ... */
    FW_MODAL = 1u << 2,   /* would, may, ... */
    FW_NEG = 1u << 3,     /* not, never, without */
    FW_PRON = 1u << 4,    /* subject pronouns */
    FW_ART = 1u << 5,     /* articles, possessive and demonstrative
                             determiners */
    FW_DET = 1u << 6,     /* other determiners (all, both, some, ...) */
    FW_PREP = 1u << 7,
    FW_CONJ = 1u << 8,    /* and, or, but, nor */
    FW_REL = 1u << 9,     /* who, which, that, ... */
    FW_SUBORD = 1u << 10, /* when, because, after, ... */
    FW_SPEECH = 1u << 11, /* said, told, ... */
    FW_NEGVERB = 1u << 12,/* refuse, decline, fail (+ to) */
    FW_ADV = 1u << 13,
    FW_TO = 1u << 14,
    FW_BY = 1u << 15,
    FW_OF = 1u << 16,
    FW_HEDGE = 1u << 17,  /* if, whether, unless */
    FW_NO = 1u << 18,     /* "no" (negates a noun) */
    FW_LIGHT = 1u << 19,  /* a verb that takes a relation noun: "gave
                             support to", "imposed sanctions against" */
    FW_PROMISE = 1u << 20,/* ... and only promises it: "vowed support" */
    FW_DIRECTED = 1u << 21,/* a preposition whose object an act is aimed
                             at: "threatened action against X" */
    FW_INDEF = 1u << 22,  /* a, an: "launched an attack on" */
    FW_RECIP = 1u << 23,  /* between, among: "talks between X and Y" */
    FW_ALL = (1u << 24) - 1,
    /* not function-word flags: what else the lexicon knows of a word */
    TK_HEAD = 1u << 29,   /* the word of a token that starts a phrase
                             unless it is inside an entity mention */
    TK_FORM = 1u << 30,   /* an irregular form (inflections:) */
    TK_CONTRAST = 1u << 26, /* but, nor: never join a list of actors */
    TK_HAVE = 1u << 27,   /* has, have, had, having */
    TK_THAT = 1u << 28    /* that */
};



/* ---- word tables -------------------------------------------------------- */

/* The function words, the irregular forms and the per-extractor cache of
 * word ids are looked up for millions of tokens, nearly all of them
 * short.  A word of up to 16 bytes is packed into two 64-bit integers
 * (little-endian, so the packing does not depend on the machine), hashed
 * and compared as integers: no byte loop, no memcmp, no key arena.
 * Longer words go to an an_strmap.  The key of a word is its bytes,
 * zero-padded (the length is compared too). */
#define WKEY_MAX 16

typedef struct wkey {
    uint64_t a, b;
} wkey;

static inline uint64_t le64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
           (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* The key of s (n <= WKEY_MAX bytes): its bytes zero-padded. */
static inline wkey wkey_of(const char *s, size_t n)
{
    unsigned char buf[WKEY_MAX] = {0};
    memcpy(buf, s, n);
    return (wkey){le64(buf), le64(buf + 8)};
}

/* wkey_of(s, n) with two plain loads, where 16 bytes can be read at s:
 * the bytes past n are masked. */
static inline wkey wkey_load(const char *s, size_t n)
{
    /* the first n of 16 bytes */
    static const uint64_t mask[WKEY_MAX + 1][2] = {
        {0x0000000000000000u, 0x0000000000000000u},
        {0x00000000000000ffu, 0x0000000000000000u},
        {0x000000000000ffffu, 0x0000000000000000u},
        {0x0000000000ffffffu, 0x0000000000000000u},
        {0x00000000ffffffffu, 0x0000000000000000u},
        {0x000000ffffffffffu, 0x0000000000000000u},
        {0x0000ffffffffffffu, 0x0000000000000000u},
        {0x00ffffffffffffffu, 0x0000000000000000u},
        {0xffffffffffffffffu, 0x0000000000000000u},
        {0xffffffffffffffffu, 0x00000000000000ffu},
        {0xffffffffffffffffu, 0x000000000000ffffu},
        {0xffffffffffffffffu, 0x0000000000ffffffu},
        {0xffffffffffffffffu, 0x00000000ffffffffu},
        {0xffffffffffffffffu, 0x000000ffffffffffu},
        {0xffffffffffffffffu, 0x0000ffffffffffffu},
        {0xffffffffffffffffu, 0x00ffffffffffffffu},
        {0xffffffffffffffffu, 0xffffffffffffffffu}};
    const unsigned char *p = (const unsigned char *)s;
    return (wkey){le64(p) & mask[n][0], le64(p + 8) & mask[n][1]};
}

/* wkey_of(s, n); limit: the end of the readable bytes (wkey_load when
 * 16 bytes are there). */
static inline wkey wkey_at(const char *s, size_t n, const char *limit)
{
    return limit - s < WKEY_MAX ? wkey_of(s, n) : wkey_load(s, n);
}

static inline uint64_t wkey_hash(wkey k, size_t n)
{
    uint64_t h = (k.a ^ (k.b << 29 | k.b >> 35) ^ n) *
                 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 32);
}

/* One slot: len 0 = empty. */
typedef struct wslot {
    uint64_t a, b;
    uint32_t len, val;
} wslot;

/* A map from words to uint32 values; init to {0}. */
typedef struct wtab {
    wslot *slots;
    size_t mask, count;      /* slots: mask + 1 (a power of two) */
    an_strmap longer;        /* words over WKEY_MAX bytes */
} wtab;


static inline int wtab_get(const wtab *t, const char *s, size_t n,
                           uint32_t *val)
{
    if (n > WKEY_MAX)
        return an_strmap_get(&t->longer, s, n, val);
    if (n == 0 || !t->slots)
        return 0;
    wkey k = wkey_of(s, n);
    for (size_t i = wkey_hash(k, n) & t->mask;; i = (i + 1) & t->mask) {
        const wslot *sl = &t->slots[i];
        if (sl->len == n && sl->a == k.a && sl->b == k.b) {
            *val = sl->val;
            return 1;
        }
        if (sl->len == 0)
            return 0;
    }
}




/* Noun-forming suffixes: "critic" is no inflection of "criticise", nor
 * "demonstration" of "demonstrate", though they share a stem. */
typedef struct suffix {
    const char *s;
    size_t n;
} suffix;

#define SUF(x) {x, sizeof(x) - 1}
static const suffix nominal_suffixes[] = {
    SUF("ion"), SUF("ions"), SUF("ment"), SUF("ments"), SUF("ence"),
    SUF("ences"), SUF("ance"), SUF("ances"), SUF("er"), SUF("ers"),
    SUF("or"), SUF("ors"), SUF("ic"), SUF("ics"), SUF("ist"), SUF("ists"),
    SUF("ism"), SUF("isms"), SUF("ity"), SUF("ive"), SUF("ives"), SUF("al"),
    SUF("als"), SUF("ure"), SUF("ures"), SUF("ee"), SUF("ees"), SUF("ant"),
    SUF("ants"), SUF("ship"), SUF("ships")};
#undef SUF
#define N_NOMINAL (sizeof(nominal_suffixes) / sizeof(nominal_suffixes[0]))
_Static_assert(N_NOMINAL <= 32, "suffix masks are 32 bits");

static inline int ends_in(const char *w, size_t n, const char *suf, size_t m)
{
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (w[n - m + i] != suf[i])
            return 0;
    return 1;
}



/* ---- the compiled relations ------------------------------------------- */

enum { VF_HEAD = 1, VF_PREP = 2 };

/* The folded lemma of a phrase word (for inflection_ok). */
typedef struct an_lemma {
    uint32_t off;         /* in lemmas, NUL-terminated */
    uint32_t len;         /* strlen */
    uint32_t suffixes;    /* bit i: ends in nominal_suffixes[i] */
} an_lemma;

/* A phrase as its head word's list has it (R->by_head): what match_at
 * reads before it knows the phrase may match, in one place. */
typedef struct an_head_phrase {
    uint32_t pi;          /* phrase index */
    uint32_t first;       /* its first word in words and lemma */
    uint32_t off;         /* lemma[first].off */
    uint32_t w1;          /* its second word id (WID_SLOT, or NONE for a
                             one-word phrase) */
    uint8_t n;            /* words (at most 16) */
    uint8_t noun;         /* a relation noun */
    uint8_t adv1;         /* the second word is its last and a
                             preposition: only adverbs before it */
    uint8_t li;           /* its lemma's index among the distinct lemmas
                             of its head word's phrases (HEAD_LEMMAS:
                             too many to remember) */
    uint64_t wmask;       /* its words after the head (word_bits) */
} an_head_phrase;

/*
 * The word ids of a sentence's tokens as a 64-bit set (bit w % 64): a
 * phrase can match only where the set has the bits of all its words
 * after the head, so most multi-word phrases are ruled out without a
 * walk.  Only phrase words have ids, so few bits are set.  word_bit
 * gives a word id's bit number, WB_NONE for NONE and WB_UNKNOWN for an
 * id not known yet; word_bits the set of one bit number (empty for
 * those two).
 */
#define WB_NONE 64u
#define WB_UNKNOWN 128u

static inline uint32_t word_bit(uint32_t w)
{
    return w == NONE ? WB_NONE : w == WID_UNSET ? WB_UNKNOWN : (w & 63);
}

static inline uint64_t word_bits(uint32_t bit)
{
    return (uint64_t)(bit < 64) << (bit & 63);
}

/* Inflection checks of a head form are remembered for this many lemmas
 * of its head word (an_lex.memo). */
#define HEAD_LEMMAS 15

typedef struct an_rel_phrase {
    uint32_t rel;         /* relation index */
    uint32_t first;       /* offset of its word ids in words */
    uint32_t n;           /* number of words (a slot counts as one) */
    int noun;             /* a relation noun, not a verb */
    int slot;             /* has an object slot ("dispatch ... to") */
} an_rel_phrase;

struct an_relations {
    actnet_relation *pub;
    size_t n_rel;
    an_rel_phrase *phrases;
    size_t n_phrases, cap_phrases;
    uint32_t *words;      /* word ids of all phrases */
    size_t n_words, cap_words;
    an_lemma *lemma;      /* per phrase word: its folded lemma */
    size_t cap_lemma;
    an_buf lemmas;        /* folded lemmas, NUL-separated, each once
                             (so equal offsets mean equal lemmas) */
    an_strmap lemma_offs; /* lemma -> its offset in lemmas */
    uint8_t *vflags;      /* per word id: VF_* */
    size_t n_vocab, cap_vocab;
    uint32_t *head_start; /* per word id + 1: range in by_head */
    an_head_phrase *by_head; /* phrases by head, longest first */
    an_strmap stems;      /* stem -> word id */
    wtab forms;           /* irregular form (folded) -> word id */
    wtab func;            /* function word -> FW_* and TK_CONTRAST,
                             TK_HAVE, TK_THAT (language: words) */
    const char *stemmer;  /* the Snowball algorithm (the rules' string) */
    uint8_t prefix[8192]; /* first two bytes of stems and forms */
    uint8_t head4[8192];  /* head filter (head_set): 4-byte keys */
    uint8_t head3[8192];  /* 3-byte keys */
    uint8_t head2[8192];  /* 1- and 2-byte keys */
    uint32_t suffix_last[256]; /* suffix_last_byte of every byte */
};


static inline int prefix_has(const struct an_relations *R, const char *s, size_t n)
{
    unsigned key = ((unsigned)(unsigned char)s[0] << 8) |
                   (n > 1 ? (unsigned char)s[1] : 0u);
    return (R->prefix[key >> 3] >> (key & 7)) & 1;
}

/* The filter of phrase heads.  A text word and the stem or lemma of
 * its verb share their first four bytes (Snowball only rewrites
 * suffixes), so heads are indexed by the hashed first four bytes of
 * their lemma, stem and irregular forms; a shorter key (stem "urg" of
 * "urging", "go" of "goes") goes to the table of its length, whose keys
 * are tested against as many bytes of the text word. */
static inline unsigned key_hash(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return (unsigned)(((v ^ (uint32_t)n) * 2654435761u) >> 16);
}


static inline int bit_has(const uint8_t *bits, unsigned k)
{
    return (bits[k >> 3] >> (k & 7)) & 1;
}


static inline int head_has(const struct an_relations *R, const char *s, size_t n)
{
    uint32_t v = 0;
    size_t m = n < 4 ? n : 4;
    for (size_t i = 0; i < m; i++)
        v |= (uint32_t)(unsigned char)s[i] << (8 * i);
    /* key_hash(s, len) for len = 4, 3, 2, 1 from one load */
#define KH(val, len) ((unsigned)((((val) ^ (uint32_t)(len)) * 2654435761u) >> 16))
    int hit = (n >= 4 && bit_has(R->head4, KH(v, 4))) ||
              (n >= 3 && bit_has(R->head3, KH(v & 0xFFFFFFu, 3))) ||
              (n >= 2 && bit_has(R->head2, KH(v & 0xFFFFu, 2))) ||
              (n >= 1 && bit_has(R->head2, KH(v & 0xFFu, 1)));
#undef KH
    return hit;
}


/* The function-word flags (FW_*) of the folded word w[0..n). */
static inline uint32_t func_flags(const struct an_relations *R, const char *w,
                                  size_t n)
{
    uint32_t v = 0;
    wtab_get(&R->func, w, n, &v);
    return v;
}

#endif /* ACTNET_RELATIONS_H */
