/*
 * match.c — the token trie matcher, the compiled gazetteer and the match
 * stage (see match.h).
 *
 * The matcher.  Every phrase is tokenised by an_text_segment (no
 * abbreviations), exactly like documents.  Folded token strings are
 * interned to dense ids in the matcher's vocabulary (8-byte open-addressing
 * slots, plus a bit filter that rejects most unknown tokens with one
 * cached read); the root's edges are an array by token id, deeper edges
 * live in one open-addressing table keyed by (state, token id).  A state
 * that ends a phrase carries a chain of entries (kind, target, case flag,
 * phrase).  Matching walks the folded forms of the text; a case-sensitive
 * entry also requires every text token's normalised form to equal the
 * phrase's token form.  A token unknown to the vocabulary ends the walk at
 * once.  The match stage hashes each text token once per document and
 * looks it up once: the lists matcher's words are in the gazetteer's
 * vocabulary too.  A POSSESSIVE token ('s, ') is a token of its own, so
 * "Lukashenko's" and "Belarus’" match "Lukashenko" and "Belarus" and the
 * possessive simply follows the match.
 *
 * Speed.  Filters answer the common "no" without a walk: a bit filter on
 * the vocabulary and on the trie's edges, per-word tables of the lists a
 * word alone is an item of and of the phrases that start with it, the
 * gazetteer words' start classes (GZ_*: no walk at a lower-case token
 * when only capitalised case-sensitive phrases start with its word, nor
 * where a word that is no phrase alone has no edge to the next token),
 * and, for patterns, the candidates of each token (pm_candidates: what
 * its first element needs is there, every list element it cannot skip
 * may still be met in the sentence, and the element after its leading
 * capitalised and entity elements may start within their reach) and
 * checks of the first two elements (pm_cannot_start, which knows the
 * next free capitalised word).  Every filter is a necessary condition
 * of a match, so it changes what is tried, never what is found.
 *
 * The match stage (an_match_document), exactly:
 *  1. Gazetteer, left to right, longest-leftmost.  At token i the longest
 *     phrase starting there wins; among entries of that length an ignore
 *     phrase wins, else the entry added first (entities in load order,
 *     then agents), i.e. the first-defined entity.  Ignore matches are
 *     consumed and dropped: their tokens are not available to later steps
 *     (patterns, surnames, acronyms).
 *  2. A country's alias, adjective or metonym followed, in the same
 *     sentence, by an agent (the longest gazetteer match at the next token
 *     is an agent) combines into one mention of "<CID>/<agent id>" (label
 *     "<country name> <agent name>", organisation, country CID), via
 *     agent, spanning both.  After a country alias or metonym (not an
 *     adjective) one possessive token may sit between ("Belarus's
 *     police").  An agent alone is the generic agent (via agent);
 *     adjectives and metonyms alone are mentions of their entity.
 *  3. Discovery patterns run over the tokens not taken by step 1, left to
 *     right.  At each position every pattern is tried and the longest
 *     match (in tokens) wins, the first pattern on ties; the scan resumes
 *     after the match.  All tokens of a match lie in one sentence.
 *     Elements:
 *       list: a phrase of the list (case per list item);
 *       word/words: one of the phrases (case per phrase, i.e. per file);
 *         after a list or word phrase whose last token is an abbreviation
 *         of the rules, a following "." is consumed too ("Mr. Smith");
 *       capitalised: N-M: N to M capitalised words (at most 32).  A
 *         capitalised word is a WORD token whose first letter is upper
 *         case and that is not a one-token item of an `except` list;
 *         "Jean-Claude" (capitalised words joined by "-" with no spaces)
 *         counts as one word.  With `particles`, a phrase of those
 *         lists may stand between two capitalised words ("Ursula von der
 *         Leyen", "Bashar al-Assad": a phrase ending in "-" is joined to
 *         the next word); it does not count toward N-M, and the words
 *         consumed never start or end with it (the longest phrase
 *         followed by a capitalised word is taken).  A capitalised
 *         element cannot start a match
 *         at a sentence-initial token ("Yesterday Smith said" finds
 *         nothing at "Yesterday");
 *       entity: TYPE: exactly one gazetteer mention of that type from
 *         step 1 starting here;
 *       optional: the element may also be skipped (consuming is tried
 *         first).
 *     The name tokens are those from the first to the last token consumed
 *     by `name: true` elements (the whole match when no element is
 *     marked).  The entity is "<type>:<Name>" (Name = the original text of
 *     those tokens, punctuation folded, white space runs as one space),
 *     the mention spans the name tokens, via pattern.  When the name
 *     tokens are exactly one gazetteer mention, that mention is kept and
 *     nothing is added; when they contain gazetteer mentions (entity
 *     elements marked as name), the discovered mention replaces them.  A
 *     discovered person whose name is directly followed by a mention of a
 *     gazetteer person is not added ("President Vladimir Putin" with only
 *     "Putin" in the rules gives no person "Vladimir").
 *  Mentions come out sorted by position, non-overlapping, with their
 *  sentence and paragraph.
 *
 * Shared with resolve.c: when an_match_document returns, ex->scratch holds
 * the per-token cover array and token hashes (an_match_scratch).
 *
 * an_rules_build_gazetteer compiles the parsed rules; its rules (surnames,
 * ambiguity warnings) are documented above that function.
 */
#include "extract/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

#define NONE UINT32_MAX
#define CAP_UNITS_MAX 32u
#define PATTERN_BUDGET 4096u

/* ------------------------------------------------------------------ */
/* The matcher                                                          */

/* A vocabulary slot: folded token -> token id.  Slots are 8 bytes so
 * that the table, probed once per text token, stays in cache. */
typedef struct mt_word {
    uint32_t tag;                 /* high hash bits | 1; 0 marks empty */
    uint32_t id;
} mt_word;

/* Token id's folded form: its first 8 bytes (zero-padded, key8), and
 * where the whole form is kept in word_keys.  A word of up to 8 bytes is
 * compared with the text without reading word_keys. */
typedef struct mt_wkey {
    uint64_t key8;
    uint32_t off, len;
} mt_wkey;

typedef struct mt_edge {
    uint32_t state, tok, child;   /* child 0 marks an empty slot */
} mt_edge;

typedef struct mt_entry {
    uint64_t nkey8;               /* a one-token phrase of at most 8 bytes:
                                     the key8 of its normalised form, so
                                     the case check reads no phrase key */
    uint32_t target;
    uint32_t phrase;              /* index into phrases */
    uint32_t next;                /* next entry of the same state, or NONE */
    uint16_t kind;                /* an_phrase_kind */
    uint8_t cs;                   /* case-sensitive */
    uint8_t nlen1;                /* that form's length + 1, or 0 */
} mt_entry;

typedef struct mt_phrase {
    size_t text;                  /* offset of the original text in texts */
    size_t key;                   /* offset of the token key in keys */
    uint32_t key_len;
    uint32_t n_toks;
    uint32_t state;               /* the state the phrase ends in */
    uint32_t first_tok;           /* vocabulary id of its first token */
} mt_phrase;

struct an_matcher {
    mt_word *words;               /* vocabulary, open addressing, a */
    size_t word_cap, n_words;     /* third full at most */
    mt_wkey *wkeys;               /* per token id */
    uint32_t *root;               /* per token id: child of the root, or 0 */
    size_t cap_wkeys, cap_root;
    uint64_t *filter;             /* one bit per hash value (high bits) of
                                     the vocabulary: most text tokens are
                                     rejected by one L1 access */
    size_t filter_bits;           /* power of two, 4 * word_cap */
    an_buf word_keys;
    mt_edge *edges;
    size_t edge_cap, n_edges;     /* edge_cap: power of two or 0 */
    uint64_t *edge_bits;          /* one bit per hash value (edge_bit) of
                                   the edges, 2 * edge_cap bits: most
                                   missing edges cost no table probe */
    uint32_t *first;              /* per state: first entry, or NONE */
    size_t n_states, cap_states;
    unsigned char *inner;         /* per state: 1 when it has children (a
                                     walk at a leaf stops without probing
                                     the edge table) */
    size_t cap_inner;
    mt_entry *entries;
    size_t n_entries, cap_entries;
    mt_phrase *phrases;
    size_t n_phrases, cap_phrases;
    an_buf texts;                 /* original phrase texts, NUL-separated */
    an_buf keys;                  /* token keys: per token u16 len + bytes */
    an_buf tmp;                   /* key being built */
    an_text seg;                  /* phrase tokenisation */
    uint32_t max_len;             /* longest phrase in tokens */
    uint64_t *first_bits;         /* lists matcher only: per token id, the
                                     start bits of the phrases that
                                     start with it (match state) */
    uint64_t *multi_bits;         /* lists matcher only: per token id, the
                                     start bits of the phrases of two or
                                     more tokens that start with it */
    uint64_t *one_bits;           /* lists matcher only: per token id, bit
                                     L (L < 64) when the word alone is a
                                     case-insensitive item of list L */
    uint32_t words_base;          /* lists matcher only: the start bits of
                                     words elements are from here up, those
                                     below are the lists' (ms_start_bit) */
    unsigned char *one_cs;        /* lists matcher only: per token id, 1
                                     when the word alone is also a
                                     case-sensitive item of a list < 64
                                     (checked against the text) */
    uint32_t *aux;                /* gazetteer only: per token id, the id
                                     of the same word in the lists
                                     matcher, or NONE (its words are all
                                     in the gazetteer's vocabulary, so a
                                     text token is looked up once) */
};

static int vocab_grow(an_matcher *m);

an_matcher *an_matcher_create(void)
{
    an_matcher *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    an_text_init(&m->seg);
    /* the vocabulary table always exists: lookups need not check */
    if (AN_RESERVE(m->first, m->cap_states, 1) ||
        AN_RESERVE(m->inner, m->cap_inner, 1) || vocab_grow(m)) {
        free(m->first);
        free(m->inner);
        an_text_finish(&m->seg);
        free(m);
        return NULL;
    }
    m->first[0] = NONE;
    m->inner[0] = 0;
    m->n_states = 1;
    return m;
}

void an_matcher_destroy(an_matcher *m)
{
    if (!m)
        return;
    free(m->words);
    free(m->wkeys);
    free(m->root);
    free(m->aux);
    free(m->first_bits);
    free(m->one_bits);
    free(m->one_cs);
    free(m->multi_bits);
    free(m->filter);
    an_buf_free(&m->word_keys);
    free(m->edges);
    free(m->edge_bits);
    free(m->first);
    free(m->inner);
    free(m->entries);
    free(m->phrases);
    an_buf_free(&m->texts);
    an_buf_free(&m->keys);
    an_buf_free(&m->tmp);
    an_text_finish(&m->seg);
    free(m);
}

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* The first n (at most 8) bytes at s as one little-endian number, the
 * rest zero; nothing beyond s + n is read. */
static inline uint64_t load_upto8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        return (uint64_t)a | (uint64_t)b << (8 * (n - 4));
#else
        a = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
            (uint32_t)p[3] << 24;
        b = (uint32_t)p[n - 4] | (uint32_t)p[n - 3] << 8 |
            (uint32_t)p[n - 2] << 16 | (uint32_t)p[n - 1] << 24;
        return (uint64_t)a | (uint64_t)b << (8 * (n - 4));
#endif
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The key8 of a form (mt_wkey). */
static inline uint64_t key8_of(const char *s, size_t len)
{
    return load_upto8(s, len < 8 ? len : 8);
}

/*
 * The key8 of a token form in an an_text: the form buffer keeps room
 * after every form (segment.c), so on a little-endian machine one 8-byte
 * load and a mask do.
 */
static inline uint64_t text_key8(const char *s, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, s, 8);
    static const uint64_t keep[9] = {
        0, 0xff, 0xffff, 0xffffff, 0xffffffffull, 0xffffffffffull,
        0xffffffffffffull, 0xffffffffffffffull, ~0ull};
    /* the mask by index, not a branch on the length (which mispredicts
     * on every other token) */
    return v & keep[len < 8 ? len : 8];
#else
    return key8_of(s, len);
#endif
}

/* The hash of a form of at most 8 bytes from its key8: one multiply,
 * its high half folded onto the low one (the slot takes low bits, the
 * filter high ones). */
static inline uint64_t short_hash(uint64_t key8, size_t len)
{
    uint64_t x = (key8 ^ (0x9E3779B97F4A7C15ull * (len + 1))) *
                 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 32);
}

/*
 * The hash of a folded token.  Tokens are short: up to 8 bytes it is the
 * mix of their key8; longer ones are read 8 bytes at a time (the last
 * load overlapping).
 */
static inline uint64_t tok_hash(const char *s, size_t len)
{
    if (len <= 8)
        return short_hash(load_upto8(s, len), len);
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9E3779B97F4A7C15ull * (len + 1), v;
    size_t i = 0;
    for (; i + 8 < len; i += 8) {
        memcpy(&v, p + i, 8);
        h = mix64(h ^ v);
    }
    memcpy(&v, p + len - 8, 8);
    return mix64(h ^ v);
}

static inline uint32_t word_tag(uint64_t h)
{
    return (uint32_t)(h >> 32) | 1u;
}

/* Do the n bytes at a and b agree?  (tokens are short: no call; two
 * overlapping loads cover 4 to 16 bytes, nothing is read beyond n) */
static inline int key_eq(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        if (n > 16)
            return memcmp(a, b, n) == 0;
        uint64_t x0, y0, x1, y1;
        memcpy(&x0, a, 8);
        memcpy(&y0, b, 8);
        memcpy(&x1, a + n - 8, 8);
        memcpy(&y1, b + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n >= 4) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + n - 4, 4);
        memcpy(&y1, b + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The id of the folded token s (hash h = tok_hash(s, len), k8 its key8),
 * or NONE. */
static inline uint32_t vocab_find_k(const an_matcher *m, uint64_t h,
                                    uint64_t k8, const char *s, size_t len)
{
    size_t bit = (size_t)(h >> 32) & (m->filter_bits - 1);
    if (!(m->filter[bit >> 6] >> (bit & 63) & 1))
        return NONE;
    size_t mask = m->word_cap - 1;
    size_t i = (size_t)h & mask;
    uint32_t tag = word_tag(h);
    for (;;) {
        const mt_word *w = &m->words[i];
        if (!w->tag)
            return NONE;
        if (w->tag == tag) {
            const mt_wkey *k = &m->wkeys[w->id];
            if (k->len == len && k->key8 == k8 &&
                (len <= 8 || key_eq(m->word_keys.data + k->off + 8, s + 8,
                                    len - 8)))
                return w->id;
        }
        i = (i + 1) & mask;
    }
}

/* vocab_find_k with the key8 read from s. */
static inline uint32_t vocab_find(const an_matcher *m, uint64_t h,
                                  const char *s, size_t len)
{
    return vocab_find_k(m, h, key8_of(s, len), s, len);
}

static int vocab_grow(an_matcher *m)
{
    size_t ncap = m->word_cap ? m->word_cap * 2 : 256;
    size_t nbits = ncap * 4;
    mt_word *nw = calloc(ncap, sizeof(*nw));
    uint64_t *nf = calloc(nbits / 64, sizeof(*nf));
    if (!nw || !nf) {
        free(nw);
        free(nf);
        return -1;
    }
    an_hint_huge(nw, ncap * sizeof(*nw));
    for (size_t id = 0; id < m->n_words; id++) {
        const mt_wkey *k = &m->wkeys[id];
        uint64_t h = tok_hash(m->word_keys.data + k->off, k->len);
        size_t j = (size_t)h & (ncap - 1);
        while (nw[j].tag)
            j = (j + 1) & (ncap - 1);
        nw[j].tag = word_tag(h);
        nw[j].id = (uint32_t)id;
        size_t bit = (size_t)(h >> 32) & (nbits - 1);
        nf[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    free(m->words);
    free(m->filter);
    m->words = nw;
    m->filter = nf;
    m->word_cap = ncap;
    m->filter_bits = nbits;
    return 0;
}

/*
 * The id of folded token s (hash h = tok_hash(s, len)), added if new;
 * NONE when out of memory.  The slots are probed directly, not through
 * the filter first: with a large vocabulary each is a cache miss, and
 * for a new word the filter's "no" would be followed by the probe for a
 * free slot anyway.
 */
static uint32_t vocab_put_h(an_matcher *m, const char *s, size_t len,
                            uint64_t h)
{
    uint64_t k8 = key8_of(s, len);
    uint32_t tag = word_tag(h);
    size_t mask = m->word_cap - 1;
    size_t i = (size_t)h & mask;
    for (; m->words[i].tag; i = (i + 1) & mask) {
        if (m->words[i].tag != tag)
            continue;
        /* the comparison of vocab_find_k */
        const mt_wkey *k = &m->wkeys[m->words[i].id];
        if (k->len == len && k->key8 == k8 &&
            (len <= 8 ||
             key_eq(m->word_keys.data + k->off + 8, s + 8, len - 8)))
            return m->words[i].id;
    }
    if (len > UINT32_MAX || m->word_keys.len > UINT32_MAX - len ||
        m->n_words >= NONE - 1)
        return NONE;
    if ((m->n_words + 1) * 3 > m->word_cap) {
        if (vocab_grow(m))
            return NONE;
        mask = m->word_cap - 1;
        for (i = (size_t)h & mask; m->words[i].tag; i = (i + 1) & mask)
            ;
    }
    if (AN_RESERVE_HUGE(m->wkeys, m->cap_wkeys, m->n_words + 1) ||
        AN_RESERVE_HUGE(m->root, m->cap_root, m->n_words + 1))
        return NONE;
    size_t off = m->word_keys.len;
    if (an_buf_append(&m->word_keys, s, len))
        return NONE;
    uint32_t id = (uint32_t)m->n_words++;
    m->words[i].tag = tag;
    m->words[i].id = id;
    m->wkeys[id].key8 = k8;
    m->wkeys[id].off = (uint32_t)off;
    m->wkeys[id].len = (uint32_t)len;
    m->root[id] = 0;
    size_t bit = (size_t)(h >> 32) & (m->filter_bits - 1);
    m->filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
    return id;
}

/* The id of folded token s, added if new; NONE when out of memory. */
static uint32_t vocab_put(an_matcher *m, const char *s, size_t len)
{
    return vocab_put_h(m, s, len, tok_hash(s, len));
}

static inline uint64_t edge_hash(uint32_t state, uint32_t tok)
{
    uint64_t k = ((uint64_t)state << 32 | tok) * 0x9E3779B97F4A7C15ull;
    return k ^ (k >> 29);
}

static inline size_t edge_slot(uint32_t state, uint32_t tok, size_t mask)
{
    return (size_t)edge_hash(state, tok) & mask;
}

/* The edge_bits bit of an edge hash (its high half: the slot takes the
 * low bits); edge_cap > 0. */
static inline size_t edge_bit(const an_matcher *m, uint64_t x)
{
    return (size_t)(x >> 32) & (2 * m->edge_cap - 1);
}

/* The child of state by token id, or 0 when there is no such edge.  The
 * root's edges are a direct array by token id. */
static inline uint32_t edge_find(const an_matcher *m, uint32_t state,
                                 uint32_t tok)
{
    if (state == 0)
        return m->root[tok];
    if (!m->edge_cap)
        return 0;
    uint64_t x = edge_hash(state, tok);
    size_t b = edge_bit(m, x);
    if (!(m->edge_bits[b >> 6] >> (b & 63) & 1))
        return 0;
    size_t mask = m->edge_cap - 1;
    size_t i = (size_t)x & mask;
    for (;;) {
        const mt_edge *e = &m->edges[i];
        if (!e->child)
            return 0;
        if (e->state == state && e->tok == tok)
            return e->child;
        i = (i + 1) & mask;
    }
}

static int edge_grow(an_matcher *m)
{
    size_t ncap = m->edge_cap ? m->edge_cap * 2 : 256;
    mt_edge *ne = calloc(ncap, sizeof(*ne));
    uint64_t *nb = calloc(ncap * 2 / 64, sizeof(*nb));
    if (!ne || !nb) {
        free(ne);
        free(nb);
        return -1;
    }
    an_hint_huge(ne, ncap * sizeof(*ne));
    for (size_t i = 0; i < m->edge_cap; i++) {
        const mt_edge *e = &m->edges[i];
        if (!e->child)
            continue;
        uint64_t x = edge_hash(e->state, e->tok);
        size_t j = (size_t)x & (ncap - 1);
        while (ne[j].child)
            j = (j + 1) & (ncap - 1);
        ne[j] = *e;
        size_t b = (size_t)(x >> 32) & (2 * ncap - 1);
        nb[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    free(m->edges);
    free(m->edge_bits);
    m->edges = ne;
    m->edge_bits = nb;
    m->edge_cap = ncap;
    return 0;
}

/*
 * The child of state by tok, created if absent; 0 when out of memory.
 * The edge slots are probed directly (see vocab_put_h): one probe finds
 * the edge or the free slot for it.
 */
static uint32_t edge_child(an_matcher *m, uint32_t state, uint32_t tok)
{
    size_t i = 0;
    if (state == 0) {
        if (m->root[tok])
            return m->root[tok];
    } else {
        if (m->edge_cap) {
            size_t mask = m->edge_cap - 1;
            for (i = edge_slot(state, tok, mask); m->edges[i].child;
                 i = (i + 1) & mask)
                if (m->edges[i].state == state && m->edges[i].tok == tok)
                    return m->edges[i].child;
        }
        if ((m->n_edges + 1) * 2 > m->edge_cap) {
            if (edge_grow(m))
                return 0;
            size_t mask = m->edge_cap - 1;
            for (i = edge_slot(state, tok, mask); m->edges[i].child;
                 i = (i + 1) & mask)
                ;
        }
    }
    if (m->n_states >= NONE - 1 ||
        AN_RESERVE_HUGE(m->first, m->cap_states, m->n_states + 1) ||
        AN_RESERVE_HUGE(m->inner, m->cap_inner, m->n_states + 1))
        return 0;
    uint32_t child = (uint32_t)m->n_states++;
    m->first[child] = NONE;
    m->inner[child] = 0;
    m->inner[state] = 1;
    if (state == 0) {
        m->root[tok] = child;
        return child;
    }
    m->edges[i].state = state;
    m->edges[i].tok = tok;
    m->edges[i].child = child;
    size_t b = edge_bit(m, edge_hash(state, tok));
    m->edge_bits[b >> 6] |= (uint64_t)1 << (b & 63);
    m->n_edges++;
    return child;
}

/* Tokenises text into m->seg; returns the token count, or -1 (no memory). */
static long matcher_segment(an_matcher *m, const char *text, size_t len)
{
    if (an_text_segment(&m->seg, text, len, NULL))
        return -1;
    return (long)m->seg.n_toks;
}

/* The state reached by the folded tokens of text, or 0 when the trie has
 * no such path (or text has no tokens, or out of memory). */
static uint32_t matcher_state_of(an_matcher *m, const char *text)
{
    long n = matcher_segment(m, text, strlen(text));
    uint32_t state = 0;
    for (long i = 0; i < n; i++) {
        const char *f = an_tok_fold(&m->seg, (size_t)i);
        size_t fl = m->seg.toks[i].fold_len;
        uint32_t id = vocab_find(m, tok_hash(f, fl), f, fl);
        if (id == NONE)
            return 0;
        state = edge_find(m, state, id);
        if (!state)
            return 0;
    }
    return n > 0 ? state : 0;
}

/*
 * an_matcher_add, also telling the phrase index (*phrase_out, if not
 * NULL).  An entry equal to one already at the phrase is not added again.
 */
static int matcher_add(an_matcher *m, const char *phrase, size_t len,
                       uint32_t kind, uint32_t target, int cs,
                       uint32_t *phrase_out)
{
    long n = matcher_segment(m, phrase, len);
    if (n < 0)
        return -1;
    if (n == 0)
        return 1;
    const an_text *t = &m->seg;

    /* The tokens' hashes first, and their vocabulary slots fetched into
     * the cache: with a large vocabulary each is a miss, and the lookups
     * below then wait for them together rather than one after another. */
    uint64_t hs[8];
    for (long i = 0; i < n && i < 8; i++) {
        hs[i] = tok_hash(an_tok_fold(t, (size_t)i), t->toks[i].fold_len);
        __builtin_prefetch(&m->words[(size_t)hs[i] & (m->word_cap - 1)]);
    }

    /* Walk / extend the trie over the folded forms; build the key. */
    m->tmp.len = 0;
    uint32_t state = 0, first_tok = NONE;
    for (long i = 0; i < n; i++) {
        const an_token *tk = &t->toks[i];
        const char *fold = an_tok_fold(t, (size_t)i);
        uint64_t h = i < 8 ? hs[i] : tok_hash(fold, tk->fold_len);
        uint32_t id = vocab_put_h(m, fold, tk->fold_len, h);
        if (id == NONE)
            return -1;
        if (i == 0)
            first_tok = id;
        state = edge_child(m, state, id);
        if (!state)
            return -1;
        unsigned char l2[2] = {(unsigned char)(tk->norm_len & 0xff),
                               (unsigned char)(tk->norm_len >> 8)};
        if (an_buf_append(&m->tmp, l2, 2) ||
            an_buf_append(&m->tmp, an_tok_norm(t, (size_t)i), tk->norm_len))
            return -1;
    }
    if (m->tmp.len > UINT32_MAX)
        return -1;

    /* The same phrase (same normalised tokens) ends in the same state, so
     * the phrases already at this state are the only candidates. */
    uint32_t pidx = NONE;
    for (uint32_t k = m->first[state]; k != NONE && pidx == NONE;
         k = m->entries[k].next) {
        const mt_phrase *q = &m->phrases[m->entries[k].phrase];
        if (q->key_len == m->tmp.len &&
            !memcmp(m->keys.data + q->key, m->tmp.data, m->tmp.len))
            pidx = m->entries[k].phrase;
    }
    if (pidx == NONE) {
        pidx = (uint32_t)m->n_phrases;
        if (AN_RESERVE_HUGE(m->phrases, m->cap_phrases, m->n_phrases + 1))
            return -1;
        mt_phrase *p = &m->phrases[m->n_phrases];
        p->text = m->texts.len;
        p->key = m->keys.len;
        p->key_len = (uint32_t)m->tmp.len;
        p->n_toks = (uint32_t)n;
        p->state = state;
        p->first_tok = first_tok;
        if (an_buf_append(&m->texts, phrase, len) ||
            an_buf_putc(&m->texts, '\0') ||
            an_buf_append(&m->keys, m->tmp.data, m->tmp.len))
            return -1;
        m->n_phrases++;
        if ((uint32_t)n > m->max_len)
            m->max_len = (uint32_t)n;
    }
    if (phrase_out)
        *phrase_out = pidx;

    /* Append the entry to the state's chain unless it is there. */
    uint32_t last = NONE;
    for (uint32_t k = m->first[state]; k != NONE; k = m->entries[k].next) {
        const mt_entry *e = &m->entries[k];
        if (e->phrase == pidx && e->kind == kind && e->target == target &&
            e->cs == cs)
            return 0;
        last = k;
    }
    if (m->n_entries >= NONE ||
        AN_RESERVE_HUGE(m->entries, m->cap_entries, m->n_entries + 1))
        return -1;
    uint32_t ei = (uint32_t)m->n_entries++;
    mt_entry *e = &m->entries[ei];
    e->kind = (uint16_t)kind;
    e->target = target;
    e->phrase = pidx;
    e->next = NONE;
    e->cs = (uint8_t)cs;
    e->nlen1 = 0;
    e->nkey8 = 0;
    if (n == 1 && t->toks[0].norm_len <= 8) {
        e->nlen1 = (uint8_t)(t->toks[0].norm_len + 1);
        e->nkey8 = key8_of(an_tok_norm(t, 0), t->toks[0].norm_len);
    }
    if (last == NONE)
        m->first[state] = ei;
    else
        m->entries[last].next = ei;
    return 0;
}

int an_matcher_add(an_matcher *m, const char *phrase, size_t len,
                   uint32_t kind, uint32_t target, int case_sensitive)
{
    return matcher_add(m, phrase, len, kind, target, case_sensitive != 0,
                       NULL);
}

size_t an_matcher_phrase_count(const an_matcher *m)
{
    return m ? m->n_phrases : 0;
}

/* Do tokens i.. of t have exactly the normalised forms of the phrase of
 * n tokens whose key starts at keys offset off?  (Callers that hold only
 * the offset need not read the phrase record.) */
static int key_verify(const an_matcher *m, size_t off, size_t n,
                      const an_text *t, size_t i)
{
    const unsigned char *k = (const unsigned char *)m->keys.data + off;
    for (size_t j = 0; j < n; j++) {
        size_t len = (size_t)k[0] | (size_t)k[1] << 8;
        const an_token *tk = &t->toks[i + j];
        if (tk->norm_len != len ||
            !key_eq(an_tok_norm(t, i + j), (const char *)k + 2, len))
            return 0;
        k += 2 + len;
    }
    return 1;
}

/* Do tokens i.. of t have exactly the normalised forms of phrase p? */
static int matcher_verify(const an_matcher *m, const mt_phrase *p,
                          const an_text *t, size_t i)
{
    return key_verify(m, p->key, p->n_toks, t, i);
}

/* Does entry en's phrase (which starts at token i of t) have the exact
 * normalised forms of the text?  One-token phrases of up to 8 bytes are
 * checked from the entry alone. */
static inline int entry_verify(const an_matcher *m, const mt_entry *en,
                               const an_text *t, size_t i)
{
    if (en->nlen1) {
        const an_token *tk = &t->toks[i];
        return tk->norm_len + 1u == en->nlen1 &&
               text_key8(an_tok_norm(t, i), tk->norm_len) == en->nkey8;
    }
    return matcher_verify(m, &m->phrases[en->phrase], t, i);
}

/*
 * The entries of state (reached by tokens i..j) into out[count..max),
 * case-sensitive ones only when the text's tokens agree; returns the new
 * count, which goes on growing past max so that the caller learns how
 * many there are.
 */
static inline size_t walk_collect(const an_matcher *m, const an_text *t,
                                  uint32_t state, size_t i, size_t j,
                                  an_match *out, size_t max, size_t count)
{
    uint32_t checked = NONE;
    int ok = 0;
    for (uint32_t e = m->first[state]; e != NONE; e = m->entries[e].next) {
        const mt_entry *en = &m->entries[e];
        if (en->cs) {
            if (en->phrase != checked) {
                checked = en->phrase;
                ok = entry_verify(m, en, t, i);
            }
            if (!ok)
                continue;
        }
        if (count < max) {
            out[count].tok_start = (uint32_t)i;
            out[count].tok_end = (uint32_t)(j + 1);
            out[count].kind = en->kind;
            out[count].target = en->target;
        }
        count++;
    }
    return count;
}

/* an_matcher_at, with the tokens' hashes precomputed in hs (or NULL). */
static size_t matcher_walk(const an_matcher *m, const an_text *t,
                           const uint64_t *hs, size_t i, an_match *out,
                           size_t max)
{
    size_t count = 0;
    uint32_t state = 0;
    for (size_t j = i; j < t->n_toks; j++) {
        const char *f = an_tok_fold(t, j);
        size_t fl = t->toks[j].fold_len;
        uint32_t id = vocab_find(m, hs ? hs[j] : tok_hash(f, fl), f, fl);
        if (id == NONE)
            break;
        state = edge_find(m, state, id);
        if (!state)
            break;
        count = walk_collect(m, t, state, i, j, out, max, count);
        if (!m->inner[state])
            break;
    }
    return count;
}

size_t an_matcher_at(const an_matcher *m, const an_text *t, size_t i,
                     an_match *out, size_t max)
{
    return matcher_walk(m, t, NULL, i, out, max);
}

/* matcher_walk with the tokens' vocabulary ids of m precomputed in ids
 * (NONE for a token m does not know). */
static size_t matcher_walk_ids(const an_matcher *m, const an_text *t,
                               const uint32_t *ids, size_t i, an_match *out,
                               size_t max)
{
    size_t count = 0;
    uint32_t state = 0;
    for (size_t j = i; j < t->n_toks; j++) {
        uint32_t id = ids[j];
        if (id == NONE)
            break;
        state = edge_find(m, state, id);
        if (!state)
            break;
        count = walk_collect(m, t, state, i, j, out, max, count);
        if (!m->inner[state])
            break;
    }
    return count;
}

size_t an_matcher_write_phrases(const an_matcher *m, void *file)
{
    FILE *f = file;
    size_t n = 0;
    if (!m || !f)
        return 0;
    for (size_t i = 0; i < m->n_phrases; i++) {
        for (const char *s = m->texts.data + m->phrases[i].text; *s; s++)
            putc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
        putc('\n', f);
        n++;
    }
    return n;
}

/*
 * Every match at token i, into *out: stack (of stack_n entries) when they
 * fit, else a malloc'ed array the caller frees when *out != stack.
 * Returns the count, or SIZE_MAX when out of memory.
 */
size_t an_match_all_at(const an_matcher *m, const an_text *t,
                       const uint64_t *hs, size_t i, an_match *stack,
                       size_t stack_n, an_match **out)
{
    *out = stack;
    size_t n = matcher_walk(m, t, hs, i, stack, stack_n);
    if (n <= stack_n)
        return n;
    an_match *heap = malloc(n * sizeof(*heap));
    if (!heap)
        return SIZE_MAX;
    matcher_walk(m, t, hs, i, heap, n);
    *out = heap;
    return n;
}

/*
 * The match the gazetteer takes at token i, given the tokens' vocabulary
 * ids: the longest; at that length an ignore entry if any, else the first
 * entry (the first-defined entity).  Found in one walk, without collecting
 * every match.  key_off: per phrase, its key's offset (ms_gz_tables), so
 * that a case check reads no phrase record; or NULL.  1 found, 0 none.
 */
static int best_match_ids(const an_matcher *m, const uint32_t *key_off,
                          const an_text *t, const uint32_t *ids, size_t i,
                          an_match *best)
{
    int found = 0;
    uint32_t state = 0;
    for (size_t j = i; j < t->n_toks; j++) {
        uint32_t id = ids[j];
        if (id == NONE)
            break;
        state = edge_find(m, state, id);
        if (!state)
            break;
        uint32_t checked = NONE;
        int ok = 0, here = 0;
        for (uint32_t e = m->first[state]; e != NONE;
             e = m->entries[e].next) {
            const mt_entry *en = &m->entries[e];
            if (en->cs) {
                if (en->phrase != checked) {
                    const an_token *tk = &t->toks[i];
                    checked = en->phrase;
                    ok = en->nlen1
                             ? tk->norm_len + 1u == en->nlen1 &&
                                   text_key8(an_tok_norm(t, i),
                                             tk->norm_len) == en->nkey8
                         : key_off ? key_verify(m, key_off[en->phrase],
                                                j + 1 - i, t, i)
                                   : entry_verify(m, en, t, i);
                }
                if (!ok)
                    continue;
            }
            if (!here || en->kind == AN_PH_IGNORE) {
                best->tok_start = (uint32_t)i;
                best->tok_end = (uint32_t)(j + 1);
                best->kind = en->kind;
                best->target = en->target;
            }
            here = 1;
            if (en->kind == AN_PH_IGNORE)
                break;
        }
        found |= here;
        if (!m->inner[state])
            break;
    }
    return found;
}

/* ------------------------------------------------------------------ */
/* Helpers shared with resolve.c                                        */

int an_match_span_text(const an_text *t, uint32_t s, uint32_t e, an_buf *out)
{
    out->len = 0;
    if (s >= e)
        return an_buf_terminate(out);
    const char *src = t->src;
    size_t p = t->toks[s].start, end = t->toks[e - 1].end;
    /* room for all of it at once: a source byte gives at most 3 (an
     * invalid one becomes U+FFFD), a space only follows white space that
     * gave nothing, then the NUL */
    if (end - p > (SIZE_MAX - 1) / 3 ||
        an_reserve((void **)&out->data, &out->cap, 3 * (end - p) + 1, 1))
        return -1;
    int space = 0;
    while (p < end) {
        unsigned char b = (unsigned char)src[p];
        if (b < 0x80) {
            /* ASCII: its own fold; controls, space and DEL are white
             * space (an_is_space) */
            p++;
            if (b <= 0x20 || b == 0x7F) {
                space = 1;
                continue;
            }
            if (space && out->len)
                out->data[out->len++] = ' ';
            space = 0;
            out->data[out->len++] = (char)b;
            continue;
        }
        int32_t cp;
        int bad;
        p += an_utf8_decode(src + p, end - p, &cp, &bad);
        cp = an_fold_punct(cp);
        if (cp < 0)
            continue;
        if (an_is_space(cp)) {
            space = 1;
            continue;
        }
        if (space && out->len && an_buf_putc(out, ' '))
            return -1;
        space = 0;
        char enc[4];
        if (an_buf_append(out, enc, an_utf8_encode(cp, enc)))
            return -1;
    }
    return an_buf_terminate(out);
}

uint32_t an_match_intern_named(an_extract *ex, actnet_entity_type type,
                               const char *name, an_buf *tmp)
{
    /* "<type>:<name>", appended (no printf: this runs for every
     * discovered mention) */
    const char *tn = actnet_entity_type_name(type);
    tmp->len = 0;
    if (an_buf_append(tmp, tn, strlen(tn)) || an_buf_putc(tmp, ':') ||
        an_buf_append(tmp, name, strlen(name)))
        return NONE;
    return an_extract_intern(ex, tmp->data, name, type, NULL);
}

int an_match_add(an_extract *ex, uint32_t s, uint32_t e, uint32_t entity,
                 actnet_via via)
{
    const an_text *t = &ex->text;
    /* appended in place (an_extract_add_mention's work, without the call
     * and the copy: this runs for every mention) */
    if (ex->n_mentions == ex->cap_mentions &&
        AN_RESERVE(ex->mentions, ex->cap_mentions, ex->n_mentions + 1))
        return -1;
    actnet_mention *mn = &ex->mentions[ex->n_mentions++];
    memset(mn, 0, sizeof(*mn));
    mn->start = t->toks[s].start;
    mn->end = t->toks[e - 1].end;
    mn->tok_start = s;
    mn->tok_end = e;
    mn->sentence = t->toks[s].sentence;
    mn->paragraph = mn->sentence < t->n_sents
                        ? t->sents[mn->sentence].paragraph : 0;
    mn->entity = entity;
    mn->via = via;
    return 0;
}

int an_match_in_list(const actnet_rules *r, const an_text *t,
                     const uint64_t *hs, size_t j)
{
    const an_matcher *m = r->lists_m;
    if (!m || !m->max_len)
        return 0;
    size_t from = j + 1 >= m->max_len ? j + 1 - m->max_len : 0;
    for (size_t s = from; s <= j; s++) {
        an_match stack[16], *all;
        size_t n = an_match_all_at(m, t, hs, s, stack, 16, &all);
        if (n == SIZE_MAX)
            return -1;
        int hit = 0;
        for (size_t k = 0; k < n && !hit; k++)
            hit = all[k].kind == AN_PH_LIST && all[k].tok_end > j;
        if (all != stack)
            free(all);
        if (hit)
            return 1;
    }
    return 0;
}

static int mention_cmp(const void *a, const void *b)
{
    const actnet_mention *x = a, *y = b;
    return x->tok_start < y->tok_start ? -1 : x->tok_start > y->tok_start;
}

int an_match_finish_mentions(an_extract *ex, uint32_t *cover)
{
    size_t k = 0;
    for (size_t i = 0; i < ex->n_mentions; i++)
        if (ex->mentions[i].entity != NONE)
            ex->mentions[k++] = ex->mentions[i];
    ex->n_mentions = k;
    size_t sorted = 1;
    while (sorted < k &&
           ex->mentions[sorted - 1].tok_start <= ex->mentions[sorted].tok_start)
        sorted++;
    if (k > sorted + 32) {   /* k may be 0: sorted is 1 */
        qsort(ex->mentions, k, sizeof(*ex->mentions), mention_cmp);
    } else {
        /* Mostly a few discovered mentions were appended to sorted ones:
         * each is moved into place (after those with its start, as the
         * stable sort would), no qsort call per document. */
        for (size_t i = sorted; i < k; i++) {
            actnet_mention m = ex->mentions[i];
            size_t lo = 0, hi = i;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (ex->mentions[mid].tok_start <= m.tok_start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            memmove(ex->mentions + lo + 1, ex->mentions + lo,
                    (i - lo) * sizeof(*ex->mentions));
            ex->mentions[lo] = m;
        }
    }
    if (!cover)
        return 0;
    for (size_t i = 0; i < ex->text.n_toks; i++)
        if (cover[i] != AN_COVER_IGNORED)
            cover[i] = AN_COVER_FREE;
    for (size_t i = 0; i < ex->n_mentions; i++)
        for (uint32_t j = ex->mentions[i].tok_start;
             j < ex->mentions[i].tok_end; j++)
            cover[j] = (uint32_t)i;
    return 0;
}

/* The cover and hash arrays in ex->scratch (not filled); the byte size
 * they take in *need.  1 when they are already set up for this text, 0
 * when not, -1 when out of memory. */
static int scratch_arrays(an_extract *ex, uint32_t **cover,
                          uint64_t **hashes, size_t *need)
{
    size_t n = ex->text.n_toks;
    if (n > (SIZE_MAX - 16) / 12)
        return -1;
    size_t cb = (n * sizeof(uint32_t) + 7) & ~(size_t)7;
    *need = cb + n * sizeof(uint64_t);
    int valid = ex->scratch.len == *need;
    if (an_reserve((void **)&ex->scratch.data, &ex->scratch.cap,
                   *need ? *need : 1, 1))
        return -1;
    *cover = (uint32_t *)(void *)ex->scratch.data;
    *hashes = (uint64_t *)(void *)(ex->scratch.data + cb);
    return valid;
}

int an_match_scratch(an_extract *ex, uint32_t **cover, uint64_t **hashes)
{
    const an_text *t = &ex->text;
    size_t need;
    int valid = scratch_arrays(ex, cover, hashes, &need);
    if (valid != 0)
        return valid;
    for (size_t i = 0; i < t->n_toks; i++) {
        (*cover)[i] = AN_COVER_FREE;
        (*hashes)[i] = tok_hash(an_tok_fold(t, i), t->toks[i].fold_len);
    }
    ex->scratch.len = need;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Per-document work arrays of the match stage                          */

/*
 * Kept by the extractor from one document to the next (no allocation in
 * the steady state).  Every text token is looked up once in each
 * matcher's vocabulary; the matches of the lists matcher at a token are
 * computed the first time a pattern asks for them and then reused, so the
 * pattern search never walks the same place twice.
 */
/* The except lists of a pattern element (pm_except_mask), and the start
 * bits of its particle lists (0: none; pm_particle). */
typedef struct pm_except {
    uint64_t mask;
    uint64_t pmask;
    int big;
} pm_except;

/* What a lists word gives the candidate pass (pm_candidates), one record
 * per word so that a token reads one. */
typedef struct pm_word {
    uint64_t cand;          /* the pattern bits its first_bits give
                               (bit_pats) */
    uint64_t fb;            /* its first_bits */
    uint32_t sig;           /* its first bits that needs of patterns ask
                               for, compacted (pm_compact) */
    uint16_t max_len;       /* the most tokens of a phrase starting with
                               it (0xffff: that many or more) */
    uint16_t run;           /* 1 when a free token of it may stand in a
                               capitalised run (a token of a particle
                               phrase, "-") */
} pm_word;

/* A token with candidate patterns (pm_candidates). */
typedef struct pm_cand {
    uint64_t pats;          /* pattern bits of the patterns that may
                               start there */
    uint32_t pos;
    uint32_t next_cap;      /* the first free capitalised word after pos
                               in its sentence (NONE: none), or 0 when
                               not known */
} pm_cand;

/* A gazetteer mention's first token and the pattern bits its entity
 * type gives (pm_candidates). */
typedef struct pm_mstart {
    uint64_t pats;
    uint32_t start;
} pm_mstart;

struct an_match_state {
    uint32_t *gz_id;        /* per token: gazetteer vocabulary id or NONE */
    uint32_t *ls_id;        /* per token: lists vocabulary id or NONE */
    uint32_t *lm_first;     /* per token: its lists matches in pool start
                               here; NONE = not computed yet */
    uint32_t *lm_n;         /* per token: how many */
    size_t cap_toks;
    uint64_t *need_lists;   /* per pattern: pm_first_needs (the rules */
    unsigned *need_misc;    /* never change for an extractor) */
    uint64_t *need_all;     /* per pattern: pm_all_needs */
    unsigned char *pre_kind;/* per pattern: PRE_* (pm_cannot_start) */
    uint64_t *pre_bit;      /* per pattern: the start bit it needs */
    size_t *elem_off;       /* per pattern: its first element in excepts */
    pm_except *excepts;     /* per pattern element */
    size_t n_needs;
    uint64_t cap_pats;      /* pattern bits (PM_BIT) of the patterns whose
                               first needs have PM_CAP, */
    uint64_t ent_pats[3];   /* PM_ENTITY << type, */
    uint64_t bit_pats[64];  /* lists bit b */
    uint64_t *suf;          /* per token: the start bits (first_
                               bits) of every free token from it to the
                               end of its sentence */
    pm_cand *cands;         /* the tokens with candidates, last first */
    uint32_t *gz_pos;       /* the tokens whose word starts a gazetteer
                               phrase, in order (ms_prepare) */
    unsigned char *gz_start;/* per gazetteer word w at w + 1: GZ_* (0 at
                               0: a token of no word); made on the first
                               document (ms_gz_tables) */
    uint32_t *gz_key;       /* per gazetteer phrase: its key's offset, or
                               NULL (keys past 4 GiB) */
    unsigned char *gz_country;/* per gazetteer entity: 1 for a country
                               (not an agent) */
    size_t n_gz_pos;
    size_t n_cands;
    pm_word *words;         /* per lists word w at w + 1, all 0 at 0 (a
                               token of no lists word); or NULL (no word
                               tables) */
    unsigned punct_run;     /* 1 when "-" is no lists word: then any
                               one-character punctuation may be one */
    uint64_t *reach_need;   /* per pattern: pm_reach_need */
    int compact;            /* the needs fit in pm_word.sig (pm_compact) */
    uint64_t excl_lo[256];  /* pm_compact: the pattern bits that a clear */
    uint64_t excl_hi[256];  /* bit in a byte of compacted bits rules out */
    uint64_t excl_reach[256];
    uint64_t *rsuf;         /* per token, kept with suf: its reach and
                               the next one's (pm_candidates) */
    pm_mstart *mstarts;     /* the gazetteer mentions at 1..n; at 0:
                               none (pm_candidates) */
    size_t cap_m;
    uint64_t all_lists;     /* the union of the needs of all patterns */
    unsigned all_misc;
    an_match *pool;
    size_t n_pool, cap_pool;
    an_buf tmp, name;       /* scratch for entity ids and names */
    uint32_t *marks;        /* per entity: the mark generation it was last
                               marked in (an_match_mark) */
    size_t cap_marks;
    uint32_t mark_gen;      /* the current generation (from 1) */
};

void an_match_state_destroy(struct an_match_state *ms)
{
    if (!ms)
        return;
    free(ms->gz_id);
    free(ms->ls_id);
    free(ms->lm_first);
    free(ms->lm_n);
    free(ms->need_lists);
    free(ms->need_misc);
    free(ms->need_all);
    free(ms->pre_kind);
    free(ms->pre_bit);
    free(ms->elem_off);
    free(ms->excepts);
    free(ms->suf);
    free(ms->cands);
    free(ms->words);
    free(ms->reach_need);
    free(ms->rsuf);
    free(ms->mstarts);
    free(ms->gz_pos);
    free(ms->gz_start);
    free(ms->gz_key);
    free(ms->gz_country);
    free(ms->pool);
    an_buf_free(&ms->tmp);
    an_buf_free(&ms->name);
    free(ms->marks);
    free(ms);
}

int an_match_marks_begin(an_extract *ex)
{
    struct an_match_state *ms = ex->match;
    if (!ms && !(ms = ex->match = calloc(1, sizeof(*ms))))
        return -1;
    if (++ms->mark_gen == 0) {   /* wrapped: forget every old mark */
        if (ms->cap_marks)
            memset(ms->marks, 0, ms->cap_marks * sizeof(*ms->marks));
        ms->mark_gen = 1;
    }
    return 0;
}

int an_match_mark(an_extract *ex, uint32_t e)
{
    struct an_match_state *ms = ex->match;
    if (e >= ms->cap_marks) {
        size_t cap = ms->cap_marks ? ms->cap_marks : 1024;
        while (cap <= e)
            cap *= 2;
        uint32_t *nm = realloc(ms->marks, cap * sizeof(*nm));
        if (!nm)
            return -1;
        memset(nm + ms->cap_marks, 0, (cap - ms->cap_marks) * sizeof(*nm));
        ms->marks = nm;
        ms->cap_marks = cap;
    }
    ms->marks[e] = ms->mark_gen;
    return 0;
}

int an_match_marked(const an_extract *ex, uint32_t e)
{
    const struct an_match_state *ms = ex->match;
    return e < ms->cap_marks && ms->marks[e] == ms->mark_gen;
}

/* What a gazetteer word's tokens may start (ms->gz_start). */
enum {
    GZ_STARTS = 1,  /* a phrase starts with the word */
    GZ_CAP = 2,     /* each of them is case-sensitive and its first token
                       starts with a capital A-Z, so a token without
                       AN_TF_CAP (which has another form) starts none */
    GZ_ALONE = 4    /* one of them is the word alone (else a match needs
                       the next token to continue one) */
};

/*
 * Fills ms->gz_start from the gazetteer's root edges and entries,
 * ms->gz_key from its phrases (a dense copy of the one field the case
 * check reads: the phrase records are 40 bytes each and mostly not in
 * cache) and ms->gz_country from the entities (whose records are large).
 * 0 / -1.
 */
static int ms_gz_tables(struct an_match_state *ms, const actnet_rules *r)
{
    const an_matcher *gz = r->gazetteer;
    int small = gz->keys.len <= UINT32_MAX;
    uint32_t *key = small ? malloc((gz->n_phrases ? gz->n_phrases : 1) *
                                   sizeof(*key))
                          : NULL;
    unsigned char *country = calloc(r->n_gaz ? r->n_gaz : 1, 1);
    unsigned char *st = calloc(gz->n_words + 1, 1);
    if ((small && !key) || !country || !st) {
        free(key);
        free(country);
        free(st);
        return -1;
    }
    for (size_t p = 0; small && p < gz->n_phrases; p++)
        key[p] = (uint32_t)gz->phrases[p].key;
    for (size_t e = 0; e < r->n_gaz; e++)
        country[e] = !r->gaz[e].is_agent &&
                     r->gaz[e].pub.type == ACTNET_COUNTRY;
    ms->gz_key = key;
    ms->gz_country = country;
    for (size_t w = 0; w < gz->n_words; w++) {
        uint32_t s = gz->root[w];
        st[w + 1] = !s ? 0
                    : gz->first[s] != NONE ? GZ_STARTS | GZ_CAP | GZ_ALONE
                                           : GZ_STARTS | GZ_CAP;
    }
    for (size_t e = 0; e < gz->n_entries; e++) {
        const mt_entry *en = &gz->entries[e];
        const mt_phrase *ph = &gz->phrases[en->phrase];
        const unsigned char *k =
            (const unsigned char *)gz->keys.data + ph->key;
        size_t len = (size_t)k[0] | (size_t)k[1] << 8;
        if (!en->cs || !len || k[2] < 'A' || k[2] > 'Z')
            st[ph->first_tok + 1] &= (unsigned char)~GZ_CAP;
    }
    ms->gz_start = st;
    return 0;
}

/* The vocabulary id of every token in both matchers; 0 / -1. */
static int ms_prepare(an_extract *ex, uint32_t *cover, uint64_t *hs)
{
    const an_text *t = &ex->text;
    const actnet_rules *r = ex->rules;
    size_t n = t->n_toks;
    struct an_match_state *ms = ex->match;

    if (!ms && !(ms = ex->match = calloc(1, sizeof(*ms))))
        return -1;
    if (n > ms->cap_toks) {
        size_t cap = n < 1024 ? 1024 : n + n / 2;
        uint32_t *a = realloc(ms->gz_id, cap * sizeof(*a));
        if (a)
            ms->gz_id = a;
        uint32_t *b = realloc(ms->ls_id, cap * sizeof(*b));
        if (b)
            ms->ls_id = b;
        uint32_t *c = realloc(ms->lm_first, cap * sizeof(*c));
        if (c)
            ms->lm_first = c;
        uint32_t *d = realloc(ms->lm_n, cap * sizeof(*d));
        if (d)
            ms->lm_n = d;
        uint64_t *g = realloc(ms->suf, cap * sizeof(*g));
        if (g)
            ms->suf = g;
        uint64_t *rs = realloc(ms->rsuf, cap * sizeof(*rs));
        if (rs)
            ms->rsuf = rs;
        pm_cand *h = realloc(ms->cands, cap * sizeof(*h));
        if (h)
            ms->cands = h;
        uint32_t *s = realloc(ms->gz_pos, cap * sizeof(*s));
        if (s)
            ms->gz_pos = s;
        if (!a || !b || !c || !d || !g || !rs || !h || !s)
            return -1;
        ms->cap_toks = cap;
    }
    ms->n_pool = 0;
    const an_matcher *gz = r->gazetteer;
    if (!ms->gz_start && ms_gz_tables(ms, r))
        return -1;
    /* the tokens that may start a gazetteer phrase (GZ_*), listed
     * without a branch (a NONE id reads the zero entry) */
    const unsigned char *gst = ms->gz_start;
    uint32_t *gp = ms->gz_pos;
    size_t ngp = 0;
    for (size_t i = 0; i < n; i++) {
        const char *f = an_tok_fold(t, i);
        size_t fl = t->toks[i].fold_len;
        uint64_t k8 = text_key8(f, fl);
        uint64_t h = fl <= 8 ? short_hash(k8, fl) : tok_hash(f, fl);
        hs[i] = h;
        cover[i] = AN_COVER_FREE;
        uint32_t g = vocab_find_k(gz, h, k8, f, fl);
        ms->gz_id[i] = g;
        ms->ls_id[i] = gz->aux ? (g == NONE ? NONE : gz->aux[g])
                               : vocab_find_k(r->lists_m, h, k8, f, fl);
        ms->lm_first[i] = NONE;
        unsigned sw = gst[g + 1u];
        unsigned cap = (t->toks[i].flags & AN_TF_CAP) != 0;
        gp[ngp] = (uint32_t)i;
        ngp += sw & GZ_STARTS & ((sw >> 1 ^ 1) | cap);
    }
    ms->n_gz_pos = ngp;
    return 0;
}

/* The start bit of a lists-matcher entry of lm: bit L % 64 for an item
 * of list L; for a phrase of words element E of pattern P (target P << 8
 * | E) one of the bits from lm->words_base up, so that they share no bit
 * with the first lists.  Start bits are filters: a clear bit means no
 * such phrase (two that share a bit only filter less). */
static inline uint64_t ms_start_bit(const an_matcher *lm, uint32_t kind,
                                    uint32_t target)
{
    uint32_t base = lm->words_base;
    return (uint64_t)1 << (kind == AN_PH_LIST
                               ? target % 64
                               : base + ((target >> 8) * 8 + (target & 255)) %
                                            (64 - base));
}

/* Fills m->first_bits, one_bits and one_cs (the lists matcher, after
 * its last phrase): for each word, the start bits of every entry whose
 * phrase starts with it, and the lists (< 64) the word alone is an item
 * of.  0 / -1. */
static int lists_first_bits(an_matcher *m)
{
    size_t n = m->n_words ? m->n_words : 1;
    free(m->first_bits);
    free(m->one_bits);
    free(m->one_cs);
    free(m->multi_bits);
    m->first_bits = calloc(n, sizeof(*m->first_bits));
    m->one_bits = calloc(n, sizeof(*m->one_bits));
    m->one_cs = calloc(n, sizeof(*m->one_cs));
    m->multi_bits = calloc(n, sizeof(*m->multi_bits));
    if (!m->first_bits || !m->one_bits || !m->one_cs || !m->multi_bits)
        return -1;
    /* the words elements' bits above the lists' (at most 32 of them) */
    m->words_base = 0;
    for (size_t e = 0; e < m->n_entries; e++)
        if (m->entries[e].kind == AN_PH_LIST &&
            m->entries[e].target >= m->words_base)
            m->words_base = m->entries[e].target + 1;
    if (m->words_base > 32)
        m->words_base = 32;
    for (size_t e = 0; e < m->n_entries; e++) {
        const mt_entry *en = &m->entries[e];
        const mt_phrase *ph = &m->phrases[en->phrase];
        uint64_t bit = ms_start_bit(m, en->kind, en->target);
        m->first_bits[ph->first_tok] |= bit;
        if (ph->n_toks > 1)
            m->multi_bits[ph->first_tok] |= bit;
        if (ph->n_toks != 1 || en->kind != AN_PH_LIST || en->target >= 64)
            continue;
        if (en->cs)
            m->one_cs[ph->first_tok] = 1;
        else
            m->one_bits[ph->first_tok] |= (uint64_t)1 << en->target;
    }
    return 0;
}

/* The lists (< 64) token i alone is an item of, as bits: what a walk of
 * the lists matcher would find ending at i + 1, from the word tables (the
 * case-sensitive items checked against the token). */
static uint64_t ms_one(const struct an_match_state *ms, const an_matcher *m,
                       const an_text *t, size_t i)
{
    uint32_t w = ms->ls_id[i];
    if (w == NONE)
        return 0;
    uint64_t bits = m->one_bits[w];
    if (!m->one_cs[w])
        return bits;
    for (uint32_t e = m->first[m->root[w]]; e != NONE;
         e = m->entries[e].next) {
        const mt_entry *en = &m->entries[e];
        if (en->kind == AN_PH_LIST && en->target < 64 && en->cs &&
            !(bits >> en->target & 1) &&
            entry_verify(m, en, t, i))
            bits |= (uint64_t)1 << en->target;
    }
    return bits;
}

/* The matches of the lists matcher at token i (cached): their count, at
 * ms->pool + ms->lm_first[i], or SIZE_MAX when out of memory. */
static size_t ms_lists_at(struct an_match_state *ms, const actnet_rules *r,
                          const an_text *t, size_t i)
{
    if (ms->lm_first[i] != NONE)
        return ms->lm_n[i];
    if (ms->ls_id[i] == NONE) {
        ms->lm_first[i] = 0;
        ms->lm_n[i] = 0;
        return 0;
    }
    if (ms->n_pool > NONE - 1024 ||
        AN_RESERVE(ms->pool, ms->cap_pool, ms->n_pool + 16))
        return SIZE_MAX;
    size_t n = matcher_walk_ids(r->lists_m, t, ms->ls_id, i,
                                ms->pool + ms->n_pool, 16);
    if (n > 16) {
        if (AN_RESERVE(ms->pool, ms->cap_pool, ms->n_pool + n))
            return SIZE_MAX;
        matcher_walk_ids(r->lists_m, t, ms->ls_id, i, ms->pool + ms->n_pool,
                         n);
    }
    ms->lm_first[i] = (uint32_t)ms->n_pool;
    ms->lm_n[i] = (uint32_t)n;
    ms->n_pool += n;
    return n;
}

/* ------------------------------------------------------------------ */
/* The match stage: gazetteer                                           */

/* Interns "<CID>/<agent>" for country c and agent a. */
static uint32_t intern_country_agent(an_extract *ex, uint32_t c, uint32_t a,
                                     an_buf *tmp)
{
    const actnet_entity *ce = &ex->rules->gaz[c].pub;
    const actnet_entity *ae = &ex->rules->gaz[a].pub;
    /* "<CID>/<agent id>", NUL, "<country name> <agent name>" (appended,
     * no printf: this runs for every combined mention) */
    tmp->len = 0;
    if (an_buf_append(tmp, ce->id, strlen(ce->id)) || an_buf_putc(tmp, '/') ||
        an_buf_append(tmp, ae->id, strlen(ae->id)))
        return NONE;
    size_t lab = tmp->len + 1;
    if (an_buf_putc(tmp, '\0') ||
        an_buf_append(tmp, ce->label, strlen(ce->label)) ||
        an_buf_putc(tmp, ' ') ||
        an_buf_append(tmp, ae->label, strlen(ae->label)))
        return NONE;
    uint32_t idx = an_extract_intern(ex, tmp->data, tmp->data + lab,
                                     ACTNET_ORGANISATION, ce->id);
    tmp->len = 0;
    return idx;
}

static int match_gazetteer(an_extract *ex, uint32_t *cover, an_buf *tmp)
{
    const actnet_rules *r = ex->rules;
    const an_text *t = &ex->text;
    const struct an_match_state *ms = ex->match;
    const uint32_t *ids = ms->gz_id;
    size_t n = t->n_toks;
    size_t next = 0; /* the first token after the last match */

    /* most words start no phrase: only the listed tokens are looked at */
    for (size_t k = 0; k < ms->n_gz_pos; k++) {
        size_t i = ms->gz_pos[k];
        if (i < next)
            continue;
        uint32_t g = ids[i];
        if (!(ms->gz_start[g + 1] & GZ_ALONE)) {
            /* no phrase of this word alone ("the"): none without an
             * edge to the next token */
            uint32_t nx = i + 1 < n ? ids[i + 1] : NONE;
            if (nx == NONE || !edge_find(r->gazetteer, r->gazetteer->root[g],
                                         nx))
                continue;
        }
        an_match bm;
        int rc = best_match_ids(r->gazetteer, ms->gz_key, t, ids, i, &bm);
        if (rc == 0)
            continue;
        uint32_t end = bm.tok_end;
        if (bm.kind == AN_PH_IGNORE) {
            for (size_t j = i; j < end; j++)
                cover[j] = AN_COVER_IGNORED;
            next = end;
            continue;
        }
        uint32_t entity = bm.target;
        actnet_via via = bm.kind == AN_PH_ADJECTIVE  ? ACTNET_VIA_ADJECTIVE
                         : bm.kind == AN_PH_METONYM ? ACTNET_VIA_METONYM
                         : bm.kind == AN_PH_AGENT   ? ACTNET_VIA_AGENT
                                                    : ACTNET_VIA_ALIAS;
        if (bm.kind != AN_PH_AGENT && bm.target < r->n_gaz &&
            ms->gz_country[bm.target]) {
            size_t j = end;
            if (bm.kind != AN_PH_ADJECTIVE && j < n &&
                t->toks[j].kind == AN_TOK_POSSESSIVE)
                j++;
            an_match am;
            if (j < n && t->toks[j].sentence == t->toks[i].sentence) {
                rc = best_match_ids(r->gazetteer, ms->gz_key, t, ids, j,
                                    &am);
                if (rc == 1 && am.kind == AN_PH_AGENT) {
                    entity = intern_country_agent(ex, bm.target, am.target,
                                                  tmp);
                    if (entity == NONE)
                        return -1;
                    via = ACTNET_VIA_AGENT;
                    end = am.tok_end;
                }
            }
        }
        uint32_t mi = (uint32_t)ex->n_mentions;
        if (an_match_add(ex, (uint32_t)i, end, entity, via))
            return -1;
        for (size_t j = i; j < end; j++)
            cover[j] = mi;
        next = end;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The match stage: discovery patterns                                  */

typedef struct pm_ctx {
    an_extract *ex;
    const actnet_rules *r;
    const an_text *t;
    const uint32_t *cover;
    struct an_match_state *ms;
    const an_pattern_rule *p;
    uint32_t pidx;
    uint32_t start, sent;
    uint32_t next_cap;      /* pm_cand.next_cap of start */
    unsigned budget;
    int oom;
    int found;
    uint32_t best_end, best_ns, best_ne;
} pm_ctx;

static int pm_usable(const pm_ctx *c, size_t j)
{
    return j < c->t->n_toks && c->cover[j] == AN_COVER_FREE &&
           c->t->toks[j].sentence == c->sent;
}

/* The except lists of a capitalised element below 64 as bits (*big set
 * when it has one from 64 on). */
static uint64_t pm_except_mask(const an_pattern_elem *el, int *big)
{
    uint64_t mask = 0;
    *big = 0;
    for (size_t x = 0; x < el->n_except; x++) {
        if (el->except[x] < 64)
            mask |= (uint64_t)1 << el->except[x];
        else
            *big = 1;
    }
    return mask;
}

/* Is token j a one-token item of one of the element's except lists from
 * 64 on?  (Those need the lists matcher's walk at j.) */
static int pm_excepted_big(pm_ctx *c, const an_pattern_elem *el, size_t j)
{
    for (size_t x = 0; x < el->n_except; x++) {
        size_t l = el->except[x];
        if (l < 64)
            continue;
        size_t n = ms_lists_at(c->ms, c->r, c->t, j);
        if (n == SIZE_MAX) {
            c->oom = 1;
            return 1;
        }
        const an_match *all = n ? c->ms->pool + c->ms->lm_first[j] : NULL;
        for (size_t k = 0; k < n; k++)
            if (all[k].kind == AN_PH_LIST && all[k].tok_end == j + 1 &&
                all[k].target == l)
                return 1;
    }
    return 0;
}

/* Is token j a capitalised word for element el (mask, big: its except
 * lists, pm_except_mask)?  Lists below 64 are looked up in the word
 * tables (ms_one). */
static int pm_cap_ok(pm_ctx *c, const an_pattern_elem *el, size_t j,
                     uint64_t mask, int big)
{
    const an_token *tk = &c->t->toks[j];
    if (!pm_usable(c, j) || tk->kind != AN_TOK_WORD || !(tk->flags & AN_TF_CAP))
        return 0;
    if (j == c->start && (tk->flags & AN_TF_SENT_START))
        return 0;
    if (!el->n_except)
        return 1;
    if (ms_one(c->ms, c->r->lists_m, c->t, j) & mask)
        return 0;
    return !big || !pm_excepted_big(c, el, j);
}

/* Is list l one of the element's particle lists? */
static int pm_is_particle_list(const an_pattern_elem *el, uint32_t l)
{
    for (size_t x = 0; x < el->n_particles; x++)
        if (el->particles[x] == l)
            return 1;
    return 0;
}

/*
 * A particle phrase of element el (ex: its masks) at token j that a
 * capitalised word follows ("von der" in "Ursula von der Leyen"): the
 * token after the longest such phrase, or NONE.  A phrase ending in "-"
 * ("al-") must be joined to the word after it ("al-Assad").  Most tokens
 * start no particle phrase: the first_bits filter answers without the
 * lists walk.
 */
static uint32_t pm_particle(pm_ctx *c, const an_pattern_elem *el,
                            const pm_except *ex, uint32_t j)
{
    const an_text *t = c->t;
    const an_matcher *lm = c->r->lists_m;
    if (!pm_usable(c, j) || t->toks[j].kind != AN_TOK_WORD)
        return NONE;
    uint32_t w = c->ms->ls_id[j];
    if (w == NONE || (lm->first_bits && !(lm->first_bits[w] & ex->pmask)))
        return NONE;
    size_t n = ms_lists_at(c->ms, c->r, t, j);
    if (n == SIZE_MAX) {
        c->oom = 1;
        return NONE;
    }
    uint32_t first = c->ms->lm_first[j], best = NONE;
    for (size_t k = 0; k < n; k++) {
        /* a copy: pm_cap_ok may grow the pool (except lists from 64) */
        an_match mk = c->ms->pool[first + k];
        uint32_t e = mk.tok_end;
        if (mk.kind != AN_PH_LIST || (best != NONE && e <= best) ||
            !pm_is_particle_list(el, mk.target))
            continue;
        int ok = 1;
        for (uint32_t x = j + 1; x < e && ok; x++)
            ok = pm_usable(c, x);
        const an_token *last = &t->toks[e - 1];
        if (ok && last->kind == AN_TOK_PUNCT && last->norm_len == 1 &&
            an_tok_norm(t, e - 1)[0] == '-')
            ok = !(last->flags & AN_TF_SPACE_BEFORE) && e < t->n_toks &&
                 !(t->toks[e].flags & AN_TF_SPACE_BEFORE);
        if (ok && pm_cap_ok(c, el, e, ex->mask, ex->big))
            best = e;
        if (c->oom)
            return NONE;
    }
    return best;
}

/*
 * The capitalised words of element el from pos, at most max units (a
 * unit is a word or words joined by hyphens): their count, with the end
 * of each run of 1..count units in ends.  Between two units a particle
 * phrase of the element may stand (pm_particle); it is no unit, and a
 * run never starts or ends with one.
 */
static unsigned pm_cap_run(pm_ctx *c, size_t e, uint32_t pos, unsigned max,
                           uint32_t *ends)
{
    const an_text *t = c->t;
    const an_pattern_elem *el = &c->p->elems[e];
    const pm_except *ex = &c->ms->excepts[c->ms->elem_off[c->pidx] + e];
    uint64_t mask = ex->mask;
    int big = ex->big;
    unsigned units = 0;
    uint32_t j = pos;
    if (max == 0 || !pm_cap_ok(c, el, j, mask, big))
        return 0;
    for (;;) {
        uint32_t k = j + 1;
        while (k + 1 < t->n_toks && pm_usable(c, k) &&
               t->toks[k].kind == AN_TOK_PUNCT &&
               t->toks[k].norm_len == 1 && an_tok_norm(t, k)[0] == '-' &&
               !(t->toks[k].flags & AN_TF_SPACE_BEFORE) &&
               !(t->toks[k + 1].flags & AN_TF_SPACE_BEFORE) &&
               pm_cap_ok(c, el, k + 1, mask, big))
            k += 2;
        ends[units++] = k;
        j = k;
        if (units == max || c->oom)
            break;
        if (pm_cap_ok(c, el, j, mask, big))
            continue;
        /* no capitalised word: a particle, then one, may follow */
        if (!ex->pmask || (j = pm_particle(c, el, ex, j)) == NONE)
            break;
    }
    return units;
}

/* A "." after an abbreviation ending a list / words phrase. */
static uint32_t pm_abbrev_period(const pm_ctx *c, uint32_t end)
{
    const an_text *t = c->t;
    if (end == 0 || !pm_usable(c, end) || t->toks[end].kind != AN_TOK_PUNCT ||
        t->toks[end].norm_len != 1 || an_tok_norm(t, end)[0] != '.')
        return end;
    const an_token *last = &t->toks[end - 1];
    if (an_strmap_get(&c->r->abbrevs, an_tok_norm(t, end - 1), last->norm_len,
                      NULL))
        return end + 1;
    return end;
}

static void pm_walk(pm_ctx *c, size_t e, uint32_t pos, uint32_t ns,
                    uint32_t ne);

/* Continues the walk after element e consumed [pos, end). */
static void pm_next(pm_ctx *c, size_t e, uint32_t pos, uint32_t end,
                    uint32_t ns, uint32_t ne)
{
    if (c->p->elems[e].name) {
        if (ns == NONE)
            ns = pos;
        ne = end;
    }
    pm_walk(c, e + 1, end, ns, ne);
}

static void pm_walk(pm_ctx *c, size_t e, uint32_t pos, uint32_t ns,
                    uint32_t ne)
{
    if (c->oom || c->budget == 0)
        return;
    c->budget--;
    if (e == c->p->n_elems) {
        if (pos > c->start && (!c->found || pos > c->best_end)) {
            c->found = 1;
            c->best_end = pos;
            c->best_ns = ns == NONE ? c->start : ns;
            c->best_ne = ns == NONE ? pos : ne;
        }
        return;
    }
    const an_pattern_elem *el = &c->p->elems[e];
    const an_text *t = c->t;

    switch (el->kind) {
    case AN_ELEM_LIST:
    case AN_ELEM_WORDS: {
        uint32_t kind = el->kind == AN_ELEM_LIST ? AN_PH_LIST : AN_PH_WORDS;
        uint32_t target = el->kind == AN_ELEM_LIST
                              ? (uint32_t)el->list
                              : (c->pidx << 8) | (uint32_t)e;
        if (!pm_usable(c, pos))
            break;
        /* no walk when no phrase of this list / element starts with the
         * word (first_bits: a superset of what the walk finds) */
        uint32_t w = c->ms->ls_id[pos];
        const an_matcher *lm = c->r->lists_m;
        uint64_t bit = ms_start_bit(lm, kind, target);
        if (w == NONE || (lm->first_bits && !(lm->first_bits[w] & bit)))
            break;
        if (lm->multi_bits && !(lm->multi_bits[w] & bit)) {
            /* only one-token phrases of the element start with the word:
             * the entries of its state, no walk */
            for (uint32_t k = lm->first[lm->root[w]]; k != NONE;
                 k = lm->entries[k].next) {
                const mt_entry *en = &lm->entries[k];
                if (en->kind == kind && en->target == target &&
                    (!en->cs ||
                     entry_verify(lm, en, t, pos))) {
                    pm_next(c, e, pos, pm_abbrev_period(c, pos + 1), ns, ne);
                    break;
                }
            }
            break;
        }
        size_t n = ms_lists_at(c->ms, c->r, t, pos);
        if (n == SIZE_MAX) {
            c->oom = 1;
            return;
        }
        uint32_t first = c->ms->lm_first[pos];
        uint32_t last_end = NONE;
        for (size_t k = n; k-- > 0;) {
            /* a copy: the walk below may grow the pool */
            an_match mk = c->ms->pool[first + k];
            if (mk.kind != kind || mk.target != target ||
                mk.tok_end == last_end)
                continue;
            int ok = 1;
            for (uint32_t j = pos; j < mk.tok_end && ok; j++)
                ok = pm_usable(c, j);
            if (!ok)
                continue;
            last_end = mk.tok_end;
            pm_next(c, e, pos, pm_abbrev_period(c, mk.tok_end), ns, ne);
        }
        break;
    }
    case AN_ELEM_CAPITALISED: {
        uint32_t ends[CAP_UNITS_MAX];
        unsigned max = el->max < CAP_UNITS_MAX ? el->max : CAP_UNITS_MAX;
        /* mostly the first token is no capitalised word: no call */
        unsigned units = 0;
        if (pos < t->n_toks && t->toks[pos].kind == AN_TOK_WORD &&
            (t->toks[pos].flags & AN_TF_CAP))
            units = pm_cap_run(c, e, pos, max, ends);
        unsigned min = el->min ? el->min : 1;
        for (unsigned u = units; u >= min && u > 0; u--)
            pm_next(c, e, pos, ends[u - 1], ns, ne);
        break;
    }
    case AN_ELEM_ENTITY: {
        if (pos >= t->n_toks)
            break;
        uint32_t mi = c->cover[pos];
        if (mi >= AN_COVER_IGNORED)
            break;
        const actnet_mention *mn = &c->ex->mentions[mi];
        const actnet_entity *ent = actnet_extractor_entity(c->ex, mn->entity);
        if (mn->tok_start != pos || mn->sentence != c->sent || !ent ||
            ent->type != el->entity_type)
            break;
        pm_next(c, e, pos, mn->tok_end, ns, ne);
        break;
    }
    }
    if (el->optional)
        pm_walk(c, e + 1, pos, ns, ne);
}

/*
 * What can consume the first token of a pattern: its first element and,
 * after an optional one, the next, and so on.  As masks: lists bits (the
 * start bits of list and words elements) and PM_* bits for the rest.
 * A pattern whose masks miss what a token has (pm_token_has) cannot
 * start there, so it is not walked.
 */
enum { PM_CAP = 1, PM_ENTITY = 2 /* << entity type */ };

static void pm_first_needs(const actnet_rules *r, size_t p, uint64_t *lists,
                           unsigned *misc)
{
    const an_pattern_rule *pr = &r->patterns[p];
    const an_matcher *lm = r->lists_m;
    *lists = 0;
    *misc = 0;
    for (size_t e = 0; e < pr->n_elems; e++) {
        const an_pattern_elem *el = &pr->elems[e];
        switch (el->kind) {
        case AN_ELEM_LIST:
            *lists |= ms_start_bit(lm, AN_PH_LIST, (uint32_t)el->list);
            break;
        case AN_ELEM_WORDS:
            *lists |= ms_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | e));
            break;
        case AN_ELEM_CAPITALISED:
            *misc |= PM_CAP;
            break;
        case AN_ELEM_ENTITY:
            *misc |= (unsigned)PM_ENTITY << el->entity_type;
            break;
        }
        if (!el->optional)
            break;
    }
}

/*
 * The start bits of every list and words element of pattern p that
 * may not be skipped: a match of p starting at token i needs, for each,
 * a free token from i on in its sentence whose word starts a phrase with
 * that bit (suf), so a pattern whose bits are not all in suf[i] is not
 * walked there.
 */
static uint64_t pm_all_needs(const actnet_rules *r, size_t p)
{
    const an_pattern_rule *pr = &r->patterns[p];
    const an_matcher *lm = r->lists_m;
    uint64_t bits = 0;
    for (size_t e = 0; e < pr->n_elems; e++) {
        const an_pattern_elem *el = &pr->elems[e];
        if (el->optional)
            continue;
        if (el->kind == AN_ELEM_LIST)
            bits |= ms_start_bit(lm, AN_PH_LIST, (uint32_t)el->list);
        else if (el->kind == AN_ELEM_WORDS)
            bits |= ms_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | e));
    }
    return bits;
}

/*
 * The start bit of the first list or words element of pattern p that
 * comes after capitalised and entity elements only (an optional
 * one-token list or words element may stand first), or 0.  Those
 * elements consume capitalised words, hyphens, particles and mentions
 * only, so a match from token i needs this bit in the reach of i or
 * i + 1 (pm_candidates): the first bits of the tokens from there through
 * such tokens and one more.
 */
static uint64_t pm_reach_need(const actnet_rules *r, size_t p,
                              uint64_t multi)
{
    const an_pattern_rule *pr = &r->patterns[p];
    const an_matcher *lm = r->lists_m;
    for (size_t e = 0; e < pr->n_elems; e++) {
        const an_pattern_elem *el = &pr->elems[e];
        if (el->kind == AN_ELEM_CAPITALISED || el->kind == AN_ELEM_ENTITY)
            continue;
        uint64_t bit = el->kind == AN_ELEM_LIST
                           ? ms_start_bit(lm, AN_PH_LIST, (uint32_t)el->list)
                           : ms_start_bit(lm, AN_PH_WORDS,
                                          (uint32_t)(p << 8 | e));
        if (!el->optional)
            return e == 0 ? 0 : bit;
        if (e != 0 || (multi & bit))
            return 0;   /* its phrases may take more than the token i */
    }
    return 0;
}

/*
 * Marks (run) in ms->words the lists words that are tokens of a phrase of
 * a particle list (of any pattern element): such tokens may stand inside
 * a capitalised run.  The phrases are tokenised again, like the lists
 * matcher did.  0 / -1.
 */
static int pm_particle_words(struct an_match_state *ms, const actnet_rules *r)
{
    const an_matcher *lm = r->lists_m;
    an_text seg;
    an_text_init(&seg);
    int rc = 0;
    for (size_t p = 0; p < r->n_patterns && !rc; p++)
        for (size_t e = 0; e < r->patterns[p].n_elems && !rc; e++) {
            const an_pattern_elem *el = &r->patterns[p].elems[e];
            for (size_t x = 0; x < el->n_particles && !rc; x++) {
                const an_phrases *ps = &r->lists[el->particles[x]].items;
                for (size_t k = 0; k < ps->n && !rc; k++) {
                    const char *ph = ps->items[k].text;
                    if (an_text_segment(&seg, ph, strlen(ph), NULL)) {
                        rc = -1;
                        break;
                    }
                    for (size_t j = 0; j < seg.n_toks; j++) {
                        const char *f = an_tok_fold(&seg, j);
                        size_t fl = seg.toks[j].fold_len;
                        uint32_t w = vocab_find(lm, tok_hash(f, fl), f, fl);
                        if (w != NONE)
                            ms->words[w + 1].run = 1;
                    }
                }
            }
        }
    an_text_finish(&seg);
    return rc;
}

/* The bit of pattern p in the per-token candidate masks: patterns from
 * 63 on share the last bit (and are filtered one by one). */
#define PM_BIT(p) ((uint64_t)1 << ((p) < 63 ? (p) : 63))

/*
 * Cheap necessary conditions on a pattern's first two elements, checked
 * before it is walked (pm_cannot_start):
 *   PRE_ENTITY_LIST: an entity element, then a list or words element
 *     (neither optional): the token after the mention must start a
 *     phrase with the second element's start bit;
 *   PRE_ENTITY_CAP: an entity element, then a capitalised one (neither
 *     optional): a capitalised word must follow the mention;
 *   PRE_LIST_CAP: a list or words element, then a capitalised one
 *     (neither optional): where only one-token phrases of the first can
 *     start, a capitalised word must follow it (after a "." too, for an
 *     abbreviation); else a free one must come within the word's longest
 *     phrase and a "." (pm_ctx.next_cap).
 */
enum { PRE_NONE = 0, PRE_ENTITY_LIST, PRE_ENTITY_CAP, PRE_LIST_CAP };

static int pm_pre_kind(const actnet_rules *r, size_t p, uint64_t *bit)
{
    const an_pattern_rule *pr = &r->patterns[p];
    const an_matcher *lm = r->lists_m;
    *bit = 0;
    if (pr->n_elems < 2 || pr->elems[0].optional || pr->elems[1].optional)
        return PRE_NONE;
    const an_pattern_elem *e0 = &pr->elems[0], *e1 = &pr->elems[1];
    int l0 = e0->kind == AN_ELEM_LIST || e0->kind == AN_ELEM_WORDS;
    int l1 = e1->kind == AN_ELEM_LIST || e1->kind == AN_ELEM_WORDS;
    if (e0->kind == AN_ELEM_ENTITY && l1) {
        *bit = e1->kind == AN_ELEM_LIST
                   ? ms_start_bit(lm, AN_PH_LIST, (uint32_t)e1->list)
                   : ms_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | 1));
        return PRE_ENTITY_LIST;
    }
    if (e0->kind == AN_ELEM_ENTITY && e1->kind == AN_ELEM_CAPITALISED)
        return PRE_ENTITY_CAP;
    if (l0 && e1->kind == AN_ELEM_CAPITALISED) {
        *bit = e0->kind == AN_ELEM_LIST
                   ? ms_start_bit(lm, AN_PH_LIST, (uint32_t)e0->list)
                   : ms_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8));
        return PRE_LIST_CAP;
    }
    return PRE_NONE;
}

/* A free capitalised word at token j in sentence c->sent? */
static int pm_free_cap(const pm_ctx *c, size_t j)
{
    return pm_usable(c, j) && c->t->toks[j].kind == AN_TOK_WORD &&
           (c->t->toks[j].flags & AN_TF_CAP);
}

/* Can pattern p not match from c->start (see PRE_*)?  1 when it cannot;
 * 0 when it may (then it is walked). */
static int pm_cannot_start(const pm_ctx *c, size_t p)
{
    const struct an_match_state *ms = c->ms;
    const an_matcher *lm = c->r->lists_m;
    uint32_t i = c->start;
    if (!lm->first_bits || !lm->multi_bits)
        return 0;
    if (ms->pre_kind[p] == PRE_ENTITY_LIST) {
        uint32_t mi = c->cover[i];
        if (mi >= AN_COVER_IGNORED)
            return 1;
        uint32_t e = c->ex->mentions[mi].tok_end;
        uint32_t w = pm_usable(c, e) ? ms->ls_id[e] : NONE;
        return w == NONE || !(lm->first_bits[w] & ms->pre_bit[p]);
    }
    if (ms->pre_kind[p] == PRE_ENTITY_CAP) {
        uint32_t mi = c->cover[i];
        return mi >= AN_COVER_IGNORED ||
               !pm_free_cap(c, c->ex->mentions[mi].tok_end);
    }
    if (ms->pre_kind[p] == PRE_LIST_CAP) {
        uint32_t w = ms->ls_id[i];
        if (w == NONE)
            return 0;
        if (lm->multi_bits[w] & ms->pre_bit[p]) {
            /* a phrase of up to max_len tokens, a "." perhaps, then a
             * free capitalised word */
            uint32_t ml = ms->words ? ms->words[w + 1].max_len : 0xffff;
            return ml < 0xffff && c->next_cap > i + ml + 1u;
        }
        const an_text *t = c->t;
        size_t j = (size_t)i + 1;
        if (pm_free_cap(c, j))
            return 0;
        return !(pm_usable(c, j) && t->toks[j].kind == AN_TOK_PUNCT &&
                 t->toks[j].norm_len == 1 && an_tok_norm(t, j)[0] == '.' &&
                 pm_free_cap(c, j + 1));
    }
    return 0;
}

/* Adds pattern p to the patterns of start bit `bit` in the small table
 * (bits[i], pats[i]) of *n entries, making the entry if there is room
 * (cap).  0, or 1 when the table is full. */
static int bit_pats_add(unsigned char *bits, uint64_t *pats, unsigned *n,
                        unsigned cap, unsigned bit, size_t p)
{
    unsigned k = 0;
    while (k < *n && bits[k] != bit)
        k++;
    if (k == *n) {
        if (*n == cap)
            return 1;
        bits[k] = (unsigned char)bit;
        pats[k] = 0;
        (*n)++;
    }
    pats[k] |= PM_BIT(p);
    return 0;
}

/*
 * The needs pm_candidates checks at every token, compacted: the start bits
 * that need_all of the patterns asks for (at most 16) become bits 0..15 of
 * a word's sig, those of reach_need (at most 8) bits 16..23, and excl_lo,
 * excl_hi (need_all bits 0..7, 8..15) and excl_reach (the reach bits)
 * give, for the bits a token has, the pattern bits that a missing one
 * rules out: three table reads per token, no branch.  When they do not
 * fit (or there are more than 63 patterns), ms->compact stays 0 and the
 * patterns are tested one by one.  Needs ms->words.
 */
static void pm_compact(struct an_match_state *ms, const actnet_rules *r)
{
    const an_matcher *lm = r->lists_m;
    size_t np = r->n_patterns;
    ms->compact = 0;
    if (np > 63)
        return;     /* those from 63 on need suf */
    unsigned char abit[16], rbit[8];
    uint64_t apats[16], rpats[8];
    unsigned na = 0, nr = 0;
    for (size_t p = 0; p < np; p++) {
        for (uint64_t b = ms->need_all[p]; b; b &= b - 1)
            if (bit_pats_add(abit, apats, &na, 16,
                             (unsigned)__builtin_ctzll(b), p))
                return;
        if (ms->reach_need[p] &&
            bit_pats_add(rbit, rpats, &nr, 8,
                         (unsigned)__builtin_ctzll(ms->reach_need[p]), p))
            return;
    }
    for (size_t w = 0; w < lm->n_words; w++) {
        pm_word *pw = &ms->words[w + 1];
        pw->sig = 0;
        for (unsigned k = 0; k < na; k++)
            pw->sig |= (uint32_t)(pw->fb >> abit[k] & 1) << k;
        for (unsigned k = 0; k < nr; k++)
            pw->sig |= (uint32_t)(pw->fb >> rbit[k] & 1) << (16 + k);
    }
    for (unsigned v = 0; v < 256; v++) {
        uint64_t lo = 0, hi = 0, re = 0;
        for (unsigned k = 0; k < na; k++)
            if (!(v >> (k & 7) & 1)) {
                if (k < 8)
                    lo |= apats[k];
                else
                    hi |= apats[k];
            }
        for (unsigned k = 0; k < nr; k++)
            if (!(v >> k & 1))
                re |= rpats[k];
        ms->excl_lo[v] = lo;
        ms->excl_hi[v] = hi;
        ms->excl_reach[v] = re;
    }
    ms->compact = 1;
}

/* Fills ms->need_lists, need_misc, need_all and the pattern masks by
 * first need (the rules never change for an extractor).  0 / -1. */
static int pm_needs(struct an_match_state *ms, const actnet_rules *r)
{
    size_t np = r->n_patterns;
    uint64_t *nl = realloc(ms->need_lists, np * sizeof(*nl));
    if (nl)
        ms->need_lists = nl;
    unsigned *nm = realloc(ms->need_misc, np * sizeof(*nm));
    if (nm)
        ms->need_misc = nm;
    uint64_t *na = realloc(ms->need_all, np * sizeof(*na));
    if (na)
        ms->need_all = na;
    size_t *eo = realloc(ms->elem_off, np * sizeof(*eo));
    if (eo)
        ms->elem_off = eo;
    unsigned char *pk = realloc(ms->pre_kind, np ? np : 1);
    if (pk)
        ms->pre_kind = pk;
    uint64_t *pb = realloc(ms->pre_bit, (np ? np : 1) * sizeof(*pb));
    if (pb)
        ms->pre_bit = pb;
    uint64_t *rn = realloc(ms->reach_need, (np ? np : 1) * sizeof(*rn));
    if (rn)
        ms->reach_need = rn;
    if (!nl || !nm || !na || !eo || !pk || !pb || !rn)
        return -1;
    for (size_t p = 0; p < np; p++)
        pk[p] = (unsigned char)pm_pre_kind(r, p, &pb[p]);
    size_t n_elems = 0;
    for (size_t p = 0; p < np; p++) {
        eo[p] = n_elems;
        n_elems += r->patterns[p].n_elems;
    }
    pm_except *ex = realloc(ms->excepts, (n_elems ? n_elems : 1) *
                                         sizeof(*ex));
    if (!ex)
        return -1;
    ms->excepts = ex;
    for (size_t p = 0; p < np; p++)
        for (size_t e = 0; e < r->patterns[p].n_elems; e++) {
            const an_pattern_elem *el = &r->patterns[p].elems[e];
            pm_except *x = &ex[eo[p] + e];
            x->mask = pm_except_mask(el, &x->big);
            x->pmask = 0;
            for (size_t k = 0; k < el->n_particles; k++)
                x->pmask |= ms_start_bit(r->lists_m, AN_PH_LIST,
                                         (uint32_t)el->particles[k]);
        }
    ms->all_lists = 0;
    ms->cap_pats = 0;
    memset(ms->ent_pats, 0, sizeof(ms->ent_pats));
    memset(ms->bit_pats, 0, sizeof(ms->bit_pats));
    for (size_t p = 0; p < np; p++) {
        pm_first_needs(r, p, &nl[p], &nm[p]);
        na[p] = pm_all_needs(r, p);
        ms->all_lists |= nl[p];
        if (nm[p] & PM_CAP)
            ms->cap_pats |= PM_BIT(p);
        for (unsigned ty = 0; ty < 3; ty++)
            if (nm[p] & ((unsigned)PM_ENTITY << ty))
                ms->ent_pats[ty] |= PM_BIT(p);
        for (unsigned b = 0; b < 64; b++)
            if (nl[p] >> b & 1)
                ms->bit_pats[b] |= PM_BIT(p);
    }
    const an_matcher *lm = r->lists_m;
    uint64_t multi = 0;
    for (size_t w = 0; lm->multi_bits && w < lm->n_words; w++)
        multi |= lm->multi_bits[w];
    for (size_t p = 0; p < np; p++)
        rn[p] = lm->multi_bits ? pm_reach_need(r, p, multi) : 0;
    free(ms->words);
    ms->words = NULL;
    ms->compact = 0;
    if (lm->first_bits) {
        /* shifted by one: ls_id + 1 wraps NONE to the zero entry, so the
         * candidate pass reads them without a branch */
        ms->words = calloc(lm->n_words + 1, sizeof(*ms->words));
        if (!ms->words || pm_particle_words(ms, r))
            return -1;
        uint32_t hy = vocab_find(lm, tok_hash("-", 1), "-", 1);
        if (hy != NONE)
            ms->words[hy + 1].run = 1;
        ms->punct_run = hy == NONE;
        for (size_t e = 0; e < lm->n_entries; e++) {
            const mt_phrase *ph = &lm->phrases[lm->entries[e].phrase];
            pm_word *pw = &ms->words[ph->first_tok + 1];
            uint32_t nt = ph->n_toks < 0xffff ? ph->n_toks : 0xffff;
            if (nt > pw->max_len)
                pw->max_len = (uint16_t)nt;
        }
        for (size_t w = 0; w < lm->n_words; w++) {
            pm_word *pw = &ms->words[w + 1];
            pw->fb = lm->first_bits[w];
            for (uint64_t lb = pw->fb & ms->all_lists; lb; lb &= lb - 1)
                pw->cand |= ms->bit_pats[__builtin_ctzll(lb)];
        }
        pm_compact(ms, r);
    }
    ms->n_needs = np;
    return 0;
}

/*
 * pm_candidates with the needs compacted (pm_compact: fewer than 64
 * patterns, so no suf either): the same candidates, from one word record
 * and three table reads per token, with no branch on what the token is.
 * nm: the mentions in ms->mstarts.
 */
static void pm_candidates_compact(an_extract *ex, const uint32_t *cover,
                                  size_t nm)
{
    struct an_match_state *ms = ex->match;
    const an_text *t = &ex->text;
    const pm_word *words = ms->words;
    const uint32_t *ls_id = ms->ls_id;
    const pm_mstart *mstarts = ms->mstarts;
    pm_cand *out = ms->cands;
    const uint64_t cap_pats = ms->cap_pats;
    const uint32_t punct_run = ms->punct_run;
    size_t mk = nm, n = 0;
    for (size_t s = t->n_sents; s-- > 0;) {
        uint32_t acc = 0, reach_next = 0, next_cap = NONE;
        for (size_t i = t->sents[s].tok_end; i-- > t->sents[s].tok_start;) {
            const an_token *tk = &t->toks[i];
            uint32_t cv = cover[i];
            uint32_t is_free = cv == AN_COVER_FREE;
            const pm_word *w = &words[(ls_id[i] + 1u) & (0u - is_free)];
            uint32_t kind = tk->kind, flags = tk->flags;
            uint32_t capword = (kind == AN_TOK_WORD) &
                               ((flags & AN_TF_CAP) != 0);
            uint64_t capw = is_free & capword &
                            ((flags & AN_TF_SENT_START) == 0);
            /* may it stand in a run of capitalised and entity elements? */
            uint32_t run = (cv < AN_COVER_IGNORED) |
                           (is_free & (capword | w->run |
                                       (punct_run & (kind == AN_TOK_PUNCT) &
                                        (tk->fold_len == 1))));
            uint32_t reach = w->sig | (reach_next & (0u - run));
            uint32_t reach2 = reach | reach_next;
            reach_next = reach;
            acc |= w->sig;
            uint64_t cand = w->cand | (cap_pats & (0 - capw));
            uint64_t at = mstarts[mk].start == i;
            cand |= mstarts[mk].pats & (0 - at);
            mk -= at;
            cand &= ~(ms->excl_lo[acc & 255] | ms->excl_hi[acc >> 8 & 255] |
                      ms->excl_reach[reach2 >> 16 & 255]);
            /* stored always, kept when not empty (no branch) */
            out[n].pats = cand;
            out[n].pos = (uint32_t)i;
            out[n].next_cap = next_cap;
            n += cand != 0;
            next_cap = is_free & capword ? (uint32_t)i : next_cap;
        }
    }
    ms->n_cands = n;
}

/*
 * Fills ms->suf and ms->cands for the text after the gazetteer step, in
 * one pass from the end.  A pattern is a candidate at token i when its
 * first needs meet what the token offers -- a free capitalised word that
 * does not start its sentence (PM_CAP), a gazetteer mention of a type
 * starting there, or the first_bits of a free token's word (a superset
 * of the list and words phrases that start there) -- and every list and
 * words element it cannot skip may find a phrase from i on in the
 * sentence (pm_all_needs within suf[i]), and the element after its
 * leading capitalised and entity elements may start within reach
 * (pm_reach_need): the reach of a token is its first bits and, when it
 * is a mention's, a capitalised word's, a hyphen's or a particle word's
 * (all that those elements consume), the reach of the next token in the
 * sentence.  Walking a pattern that is no candidate would find nothing;
 * walking one that is may still fail.  The gazetteer's mentions are
 * ex->mentions[n0..].  0 / -1.
 */
static int pm_candidates(an_extract *ex, const uint32_t *cover, size_t n0)
{
    struct an_match_state *ms = ex->match;
    const actnet_rules *r = ex->rules;
    const an_text *t = &ex->text;
    const uint64_t *fb = r->lists_m->first_bits;
    const pm_word *words = ms->words;
    uint64_t acc = 0, reach_next = 0, punct_run = ms->punct_run;
    uint32_t sent = NONE;
    int keep_suf = r->n_patterns > 63;

    /* the mentions' starts and pattern bits at 1..nm, 0 for none: read
     * from the last one back as the pass meets their first tokens */
    size_t nm = ex->n_mentions - n0;
    if (nm + 1 > ms->cap_m) {
        size_t cap = nm + 1 < 256 ? 256 : 2 * (nm + 1);
        pm_mstart *a = realloc(ms->mstarts, cap * sizeof(*a));
        if (!a)
            return -1;
        ms->mstarts = a;
        ms->cap_m = cap;
    }
    ms->mstarts[0].start = NONE;
    ms->mstarts[0].pats = 0;
    for (size_t k = 0; k < nm; k++) {
        const actnet_mention *mn = &ex->mentions[n0 + k];
        const actnet_entity *ent = actnet_extractor_entity(ex, mn->entity);
        ms->mstarts[k + 1].start = mn->tok_start;
        ms->mstarts[k + 1].pats = ent && (unsigned)ent->type < 3
                                      ? ms->ent_pats[ent->type] : 0;
    }
    if (ms->compact) {
        pm_candidates_compact(ex, cover, nm);
        return 0;
    }
    size_t mk = nm;

    ms->n_cands = 0;
    for (size_t i = t->n_toks; i-- > 0;) {
        const an_token *tk = &t->toks[i];
        if (tk->sentence != sent) {
            sent = tk->sentence;
            acc = reach_next = 0;
        }
        uint32_t cv = cover[i];
        uint64_t cand = 0, reach2 = ~(uint64_t)0;
        if (words) {
            /* no branch on what the token is (they mispredict): a
             * covered token or one of no lists word reads the zero
             * entries, and the capitalised word's patterns come in
             * by a mask */
            uint64_t is_free = cv == AN_COVER_FREE;
            const pm_word *w =
                &words[(ms->ls_id[i] + 1u) & (0u - (uint32_t)is_free)];
            uint64_t offer = w->fb;
            acc |= offer;
            cand = w->cand;
            uint64_t word = tk->kind == AN_TOK_WORD;
            uint64_t cap = (tk->flags & AN_TF_CAP) != 0;
            uint64_t capw = is_free & word & cap &
                            ((tk->flags & AN_TF_SENT_START) == 0);
            cand |= ms->cap_pats & (0 - capw);
            /* may the token stand in a run of capitalised and entity
             * elements?  (mention, capitalised word, hyphen, particle) */
            uint64_t run = (cv < AN_COVER_IGNORED) |
                           (is_free & ((word & cap) | w->run |
                                       (punct_run &
                                        (tk->kind == AN_TOK_PUNCT) &
                                        (tk->fold_len == 1))));
            uint64_t reach = offer | (reach_next & (0 - run));
            reach2 = reach | reach_next;
            reach_next = reach;
        } else if (cv == AN_COVER_FREE) {
            uint32_t w = ms->ls_id[i];
            if (w != NONE) {
                uint64_t lb = fb ? fb[w] : ~(uint64_t)0;
                acc |= lb;
                for (lb &= ms->all_lists; lb; lb &= lb - 1)
                    cand |= ms->bit_pats[__builtin_ctzll(lb)];
            }
            if (tk->kind == AN_TOK_WORD &&
                (tk->flags & (AN_TF_CAP | AN_TF_SENT_START)) == AN_TF_CAP)
                cand |= ms->cap_pats;
        }
        /* a mention starting here, without a branch */
        uint64_t at = ms->mstarts[mk].start == i;
        cand |= ms->mstarts[mk].pats & (0 - at);
        mk -= at;
        for (uint64_t b = cand & ~PM_BIT(63); b; b &= b - 1) {
            unsigned p = (unsigned)__builtin_ctzll(b);
            if ((ms->need_all[p] & ~acc) | (ms->reach_need[p] & ~reach2))
                cand &= ~((uint64_t)1 << p);
        }
        if (keep_suf) {
            ms->suf[i] = acc;
            ms->rsuf[i] = reach2;
        }
        if (cand) {
            ms->cands[ms->n_cands].pats = cand;
            ms->cands[ms->n_cands].next_cap = 0;
            ms->cands[ms->n_cands++].pos = (uint32_t)i;
        }
    }
    return 0;
}

/* Records the discovered mention of a pattern match. */
static int pm_record(an_extract *ex, uint32_t *cover, const pm_ctx *c,
                     an_buf *name, an_buf *tmp)
{
    const an_text *t = &ex->text;
    uint32_t ns = c->best_ns, ne = c->best_ne;
    uint32_t first = cover[ns];
    if (first < AN_COVER_IGNORED && ex->mentions[first].tok_start == ns &&
        ex->mentions[first].tok_end == ne)
        return 0; /* the name is a gazetteer mention: keep it */
    if (c->p->type == ACTNET_PERSON && ne < t->n_toks &&
        cover[ne] < AN_COVER_IGNORED) {
        const actnet_mention *next = &ex->mentions[cover[ne]];
        const actnet_entity *ne_ent = actnet_extractor_entity(ex, next->entity);
        if (next->tok_start == ne && next->sentence == t->toks[ns].sentence &&
            ne_ent && ne_ent->type == ACTNET_PERSON)
            return 0; /* first names of a known person: no new person */
    }

    if (an_match_span_text(t, ns, ne, name))
        return -1;
    uint32_t idx = an_match_intern_named(ex, c->p->type, name->data, tmp);
    if (idx == NONE)
        return -1;
    for (uint32_t j = ns; j < ne; j++)
        if (cover[j] < AN_COVER_IGNORED)
            ex->mentions[cover[j]].entity = NONE; /* replaced */
    uint32_t mi = (uint32_t)ex->n_mentions;
    if (an_match_add(ex, ns, ne, idx, ACTNET_VIA_PATTERN))
        return -1;
    for (uint32_t j = ns; j < ne; j++)
        cover[j] = mi;
    return 0;
}

static int match_patterns(an_extract *ex, uint32_t *cover, size_t n0,
                          an_buf *name, an_buf *tmp)
{
    const actnet_rules *r = ex->rules;
    const an_text *t = &ex->text;
    if (!r->n_patterns)
        return 0;

    pm_ctx c, best;
    memset(&c, 0, sizeof(c));
    memset(&best, 0, sizeof(best));
    c.ex = ex;
    c.r = r;
    c.t = t;
    c.cover = cover;
    c.ms = ex->match;
    struct an_match_state *ms = ex->match;
    if (ms->n_needs < r->n_patterns && pm_needs(ms, r))
        return -1;
    if (pm_candidates(ex, cover, n0))
        return -1;
    size_t i = 0;   /* the scan resumes here (after a match) */
    for (size_t k = ms->n_cands; k-- > 0;) {
        if (ms->cands[k].pos < i)
            continue;
        i = ms->cands[k].pos;
        uint64_t cand = ms->cands[k].pats;
        c.next_cap = ms->cands[k].next_cap;
        best.found = 0;
        c.start = (uint32_t)i;
        c.sent = t->toks[i].sentence;
        /* the candidates in order: the set bits below 63, then the
         * patterns from 63 on one by one */
        for (uint64_t b = cand; b; b &= b - 1) {
            size_t p = (size_t)__builtin_ctzll(b);
            size_t last = p < 63 ? p + 1 : r->n_patterns;
            for (; p < last; p++) {
                if ((p >= 63 && ((ms->need_all[p] & ~ms->suf[i]) |
                                 (ms->reach_need[p] & ~ms->rsuf[i]))) ||
                    pm_cannot_start(&c, p))
                    continue;
                c.p = &r->patterns[p];
                c.pidx = (uint32_t)p;
                c.budget = PATTERN_BUDGET;
                c.found = 0;
                pm_walk(&c, 0, (uint32_t)i, NONE, NONE);
                if (c.oom)
                    return -1;
                if (c.found && (!best.found || c.best_end > best.best_end))
                    best = c;
            }
        }
        if (!best.found) {
            i++;
            continue;
        }
        if (pm_record(ex, cover, &best, name, tmp))
            return -1;
        i = best.best_end;
    }
    return 0;
}

int an_match_document(an_extract *ex)
{
    uint32_t *cover;
    uint64_t *hs;
    ex->scratch.len = 0; /* always start afresh */
    if (!ex->rules->gazetteer || !ex->rules->lists_m)
        return an_match_scratch(ex, &cover, &hs) < 0 ? -1 : 0;
    /* cover and hashes are filled by ms_prepare, in its pass */
    size_t need;
    if (scratch_arrays(ex, &cover, &hs, &need) < 0 ||
        ms_prepare(ex, cover, hs))
        return -1;
    ex->scratch.len = need;
    struct an_match_state *ms = ex->match;
    size_t n0 = ex->n_mentions;
    if (match_gazetteer(ex, cover, &ms->tmp))
        return -1;
    size_t n1 = ex->n_mentions;
    if (match_patterns(ex, cover, n0, &ms->name, &ms->tmp))
        return -1;
    /* The gazetteer's mentions come in order, and the cover array points
     * at them; only a discovered mention (which may replace some) needs
     * the mentions sorted and the cover refilled. */
    if (n0 != 0 || ex->n_mentions != n1)
        an_match_finish_mentions(ex, cover);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Compiling the gazetteer                                              */

/*
 * Where a gazetteer entry came from, for the ambiguity check (the entry
 * itself holds kind, target, case and phrase): the position of its
 * phrase among those of its entity or agent (the target), in the order
 * they are added — name 0, then aliases, adjectives, metonyms (gz_src
 * reads it back).  GZ_NO_SRC for entries that are not checked.
 */
#define GZ_NO_SRC UINT32_MAX

typedef struct gz_build {
    actnet_rules *r;
    uint32_t *src;              /* per entry of r->gazetteer */
    size_t n_src, cap_src;
    struct sn_build *sn;        /* surnames: set while a person's name
                                   and aliases are added */
} gz_build;

/* The text and location of phrase pos of gazetteer entity idx. */
static void gz_src(const actnet_rules *r, uint32_t idx, uint32_t pos,
                   const char **text, const an_loc **loc)
{
    const char *name;
    const an_loc *name_loc;
    const an_phrases *sets[3] = {NULL, NULL, NULL};
    if (idx < r->n_entities) {
        const an_entity_rule *e = &r->entities[idx];
        name = e->name;
        name_loc = &e->loc;
        sets[0] = &e->aliases;
        sets[1] = &e->adjectives;
        sets[2] = &e->metonyms;
    } else {
        const an_agent_rule *a = &r->agents[idx - r->n_entities];
        name = a->name;
        name_loc = &a->loc;
        sets[0] = &a->aliases;
    }
    *text = name;
    *loc = name_loc;
    for (size_t s = 0; s < 3 && sets[s] && pos > 0; s++) {
        if (pos - 1 < sets[s]->n) {
            *text = sets[s]->items[pos - 1].text;
            *loc = &sets[s]->items[pos - 1].loc;
            return;
        }
        pos -= sets[s]->n;
    }
}

static int sn_add(an_matcher *m, struct sn_build *sb, uint32_t e);

/* Adds phrase text of gazetteer entity target (phrase pos of it, see
 * gz_src) to the gazetteer.  0 / -1. */
static int gz_add(gz_build *b, const char *text, uint32_t pos,
                  uint32_t kind, uint32_t target, int ci)
{
    an_matcher *m = b->r->gazetteer;
    size_t before = m->n_entries;
    int rc = matcher_add(m, text, strlen(text), kind, target, !ci, NULL);
    if (rc < 0 || (b->sn && sn_add(m, b->sn, target)))
        return -1;
    if (rc != 0)
        return 0;
    if (m->n_entries == before)
        return 0;   /* the same entry again: nothing new to check */
    if (AN_RESERVE_HUGE(b->src, b->cap_src, m->n_entries))
        return -1;
    while (b->n_src < m->n_entries)     /* entries added by others */
        b->src[b->n_src++] = GZ_NO_SRC;
    b->src[before] = pos;
    return 0;
}

/* gz_add for each phrase of ps, the first being phrase pos. */
static int gz_add_all(gz_build *b, const an_phrases *ps, uint32_t pos,
                      uint32_t kind, uint32_t target)
{
    for (size_t i = 0; i < ps->n; i++)
        if (gz_add(b, ps->items[i].text, pos + (uint32_t)i, kind, target,
                   ps->items[i].case_insensitive))
            return -1;
    return 0;
}

static const char *kind_word(uint32_t kind, int article)
{
    switch (kind) {
    case AN_PH_ADJECTIVE: return article ? "an adjective" : "adjective";
    case AN_PH_METONYM: return article ? "a metonym" : "metonym";
    case AN_PH_AGENT: return article ? "an alias" : "alias";
    default: return article ? "an alias" : "alias";
    }
}

/* Does entity idx (not an agent) list text's phrase (state) as shared? */
static int gz_shared(actnet_rules *r, uint32_t idx, uint32_t state)
{
    if (idx >= r->n_entities)
        return 0;
    const an_phrases *sh = &r->entities[idx].shared;
    for (size_t i = 0; i < sh->n; i++)
        if (matcher_state_of(r->gazetteer, sh->items[i].text) == state)
            return 1;
    return 0;
}

/*
 * Ambiguity warnings.  An alias, adjective, metonym or agent alias of one
 * gazetteer entity that another, earlier entity also has (same folded
 * tokens, and either phrase case-insensitive or both with the same
 * normalised tokens) is warned about once per later entity and phrase, at
 * the later location, naming both; the earlier entity wins at match time.
 * No warning when either entity lists the phrase under `shared`.
 */
static int gz_warn_ambiguous(gz_build *b)
{
    actnet_rules *r = b->r;
    const an_matcher *m = r->gazetteer;
    uint32_t *chain = NULL;
    size_t cap = 0;
    int rc = -1;

    /* each state's entries, in the order added, that came from gz_add */
    for (size_t st = 1; st < m->n_states; st++) {
        uint32_t e0 = m->first[st];
        if (e0 == NONE || m->entries[e0].next == NONE)
            continue;
        size_t z = 0;
        for (uint32_t e = e0; e != NONE; e = m->entries[e].next) {
            if (e >= b->n_src || b->src[e] == GZ_NO_SRC)
                continue;
            if (AN_RESERVE(chain, cap, z + 1))
                goto out;
            chain[z++] = e;
        }
        for (size_t j = 1; j < z; j++) {
            const mt_entry *gj = &m->entries[chain[j]];
            size_t k, seen = 0;
            for (k = 0; k < j; k++)
                if (m->entries[chain[k]].target == gj->target)
                    seen = 1;
            if (seen)
                continue;
            for (k = 0; k < j; k++) {
                const mt_entry *gk = &m->entries[chain[k]];
                if (!gk->cs || !gj->cs || gk->phrase == gj->phrase)
                    break;
            }
            if (k == j)
                continue;
            const mt_entry *gk = &m->entries[chain[k]];
            if (gz_shared(r, gj->target, (uint32_t)st) ||
                gz_shared(r, gk->target, (uint32_t)st))
                continue;
            const char *tk, *tj; /* tj: read for its location only */
            const an_loc *lk, *lj;
            gz_src(r, gk->target, b->src[chain[k]], &tk, &lk);
            gz_src(r, gj->target, b->src[chain[j]], &tj, &lj);
            const an_gaz_entity *ek = &r->gaz[gk->target];
            const an_gaz_entity *ej = &r->gaz[gj->target];
            if (an_rules_warn(r, lj->path, lj->line, lj->col,
                    "%s '%s' of %s '%s' (%s:%d:%d) is also %s of '%s' "
                    "(%s:%d:%d); the first wins%s%s%s",
                    kind_word(gk->kind, 0), tk,
                    ek->is_agent ? "agent" : "entity", ek->pub.id,
                    lk->path ? lk->path : "", lk->line,
                    lk->col, kind_word(gj->kind, 1), ej->pub.id,
                    lj->path ? lj->path : "", lj->line,
                    lj->col,
                    ej->is_agent ? " (rename or remove one of them)"
                                 : " (if that is intended, list it under "
                                   "'shared' of '",
                    ej->is_agent ? "" : ej->pub.id,
                    ej->is_agent ? "" : "')"))
                goto out;
        }
    }
    rc = 0;
out:
    free(chain);
    return rc;
}

/* Surnames while the gazetteer is built: by the gazetteer's token id
 * (the surname is a token of the phrase just added, so it has one). */
#define SN_UNSET (NONE - 1)
typedef struct sn_build {
    uint32_t *person;           /* per token id: the person, NONE when
                                   ambiguous, SN_UNSET when no surname */
    size_t cap;
    uint32_t *ids;              /* the surnames' ids in the order met */
    size_t n_ids, cap_ids;
} sn_build;

/* Does a one-token gazetteer phrase of token id belong to someone other
 * than person idx (or is it ignored)? */
static int sn_taken(const an_matcher *m, uint32_t id, uint32_t idx)
{
    uint32_t st = edge_find(m, 0, id);
    if (!st)
        return 0;
    for (uint32_t e = m->first[st]; e != NONE; e = m->entries[e].next)
        if (m->entries[e].kind == AN_PH_IGNORE || m->entries[e].target != idx)
            return 1;
    return 0;
}

/*
 * Surnames: for each person, the last WORD token of its name and of each
 * alias with at least two WORD tokens, folded, maps to the person, if
 * that token is capitalised and not attached to punctuation before it
 * ("Moon Jae-in" and "Ursula von der leyen" give none); it maps to
 * UINT32_MAX (ambiguous) when two persons share it or when a one-token
 * phrase of the gazetteer with that form belongs to another entity or is
 * ignored.
 *
 * sn_add takes the candidate of one phrase of person e, just after the
 * phrase was added to the gazetteer m (m->seg holds its tokens: it is not
 * tokenised twice); persons and their phrases come in load order, name
 * first.  sn_finish applies the one-token rule once the gazetteer is
 * complete and fills r->surnames.  0 / -1.
 */
static int sn_add(an_matcher *m, sn_build *sb, uint32_t e)
{
    const an_text *seg = &m->seg;
    size_t words = 0, last = 0;
    for (size_t i = 0; i < seg->n_toks; i++)
        if (seg->toks[i].kind == AN_TOK_WORD) {
            words++;
            last = i;
        }
    /* "Moon Jae-in": no usable surname (lower case, hyphenated) */
    if (words < 2 || !(seg->toks[last].flags & AN_TF_CAP) ||
        (last > 0 && seg->toks[last - 1].kind == AN_TOK_PUNCT &&
         !(seg->toks[last].flags & AN_TF_SPACE_BEFORE)))
        return 0;
    const char *fold = an_tok_fold(seg, last);
    size_t len = seg->toks[last].fold_len;
    uint32_t id = vocab_find(m, tok_hash(fold, len), fold, len);
    if (id == NONE)
        return -1;  /* cannot be: the phrase's tokens are in the vocabulary */
    if (id >= sb->cap) {
        size_t old = sb->cap;
        if (AN_RESERVE(sb->person, sb->cap, m->n_words))
            return -1;
        for (size_t i = old; i < sb->cap; i++)
            sb->person[i] = SN_UNSET;
    }
    uint32_t *p = &sb->person[id];
    if (*p == SN_UNSET) {
        if (AN_RESERVE(sb->ids, sb->cap_ids, sb->n_ids + 1))
            return -1;
        sb->ids[sb->n_ids++] = id;
        *p = e;
    } else if (*p != e) {
        *p = NONE;  /* a second person with the same surname */
    }
    return 0;
}

static int sn_finish(actnet_rules *r, const sn_build *sb)
{
    const an_matcher *m = r->gazetteer;
    size_t bytes = 0;
    for (size_t i = 0; i < sb->n_ids; i++)
        bytes += m->wkeys[sb->ids[i]].len;
    if (an_strmap_reserve(&r->surnames, sb->n_ids, bytes))
        return -1;
    /* the map's slots fetched a few surnames ahead (see check_unique) */
    enum { AHEAD = 8 };
    uint64_t hs[AHEAD];
    for (size_t i = 0; i < sb->n_ids + AHEAD; i++) {
        if (i >= AHEAD) {   /* surname i - AHEAD, then i in its place */
            uint32_t id = sb->ids[i - AHEAD], person = sb->person[id];
            /* a surname that is a one-token phrase of someone else is
             * ambiguous */
            if (person != NONE && sn_taken(m, id, person))
                person = NONE;
            if (an_strmap_put_hashed(&r->surnames,
                                     m->word_keys.data + m->wkeys[id].off,
                                     m->wkeys[id].len, hs[i % AHEAD],
                                     person, NULL) < 0)
                return -1;
        }
        if (i < sb->n_ids) {
            const mt_wkey *k = &m->wkeys[sb->ids[i]];
            hs[i % AHEAD] = an_hash(m->word_keys.data + k->off, k->len);
            an_strmap_prefetch(&r->surnames, hs[i % AHEAD]);
        }
    }
    return 0;
}

/*
 * Puts every word of the lists matcher into the gazetteer's vocabulary
 * (as a word no phrase starts with: root[id] is 0) and records its lists
 * id in gz->aux, so the match stage looks each text token up once for
 * both matchers.  0 / -1.
 */
static int link_vocabularies(an_matcher *gz, const an_matcher *ls)
{
    for (size_t id = 0; id < ls->n_words; id++)
        if (vocab_put(gz, ls->word_keys.data + ls->wkeys[id].off,
                      ls->wkeys[id].len) == NONE)
            return -1;
    free(gz->aux);
    gz->aux = malloc((gz->n_words ? gz->n_words : 1) * sizeof(*gz->aux));
    if (!gz->aux)
        return -1;
    for (size_t id = 0; id < gz->n_words; id++)
        gz->aux[id] = NONE;
    for (size_t id = 0; id < ls->n_words; id++) {
        const mt_wkey *k = &ls->wkeys[id];
        const char *w = ls->word_keys.data + k->off;
        uint32_t g = vocab_find(gz, tok_hash(w, k->len), w, k->len);
        if (g != NONE)
            gz->aux[g] = (uint32_t)id;
    }
    return 0;
}

/* Abbreviations: normalised (punctuation folded), final period stripped. */
static int build_abbrevs(actnet_rules *r)
{
    an_buf b = {0};
    int rc = -1;
    for (size_t i = 0; i < r->abbreviations.n; i++) {
        const char *s = r->abbreviations.items[i].text;
        size_t len = strlen(s);
        b.len = 0;
        for (size_t p = 0; p < len;) {
            int32_t cp;
            int bad;
            p += an_utf8_decode(s + p, len - p, &cp, &bad);
            cp = an_fold_punct(cp);
            if (cp < 0 || an_is_space(cp))
                continue;
            char enc[4];
            if (an_buf_append(&b, enc, an_utf8_encode(cp, enc)))
                goto out;
        }
        if (b.len && b.data[b.len - 1] == '.')
            b.len--;
        if (b.len && an_strmap_put(&r->abbrevs, b.data, b.len, (uint32_t)i,
                                   NULL) < 0)
            goto out;
    }
    rc = 0;
out:
    an_buf_free(&b);
    return rc;
}

/*
 * Builds r->gaz (entities in load order, then agents; r->gaz_ids, the
 * map from their ids to these indices, is made by actnet_rules_compile
 * when it checks that the ids are unique), r->abbrevs, r->gazetteer
 * (name and aliases as AN_PH_ALIAS, adjectives, metonyms, agents' names
 * and aliases as AN_PH_AGENT, ignore phrases),
 * r->lists_m (list items as AN_PH_LIST, pattern words as AN_PH_WORDS with
 * target (pattern << 8) | element), r->surnames and r->n_alias_phrases;
 * adds the ambiguity warnings.  Everything built is owned by r (freed by
 * actnet_rules_destroy), also on failure.
 */
actnet_status an_rules_build_gazetteer(actnet_rules *r, actnet_error *err)
{
    gz_build b;
    sn_build sn;
    memset(&b, 0, sizeof(b));
    memset(&sn, 0, sizeof(sn));
    b.r = r;
    actnet_status st = ACTNET_ERR_NOMEM;

    size_t n = r->n_entities + r->n_agents;
    if (n >= NONE - 1 || r->n_patterns > 0xffffff) {
        an_error_set(err, "", 0, 0, "too many entities or patterns (at most "
                     "%u entities and agents, %u patterns)", NONE - 2,
                     0xffffffu);
        st = ACTNET_ERR_RULES;
        goto out;
    }
    r->gaz = calloc(n ? n : 1, sizeof(*r->gaz));
    an_hint_huge(r->gaz, (n ? n : 1) * sizeof(*r->gaz));
    r->gazetteer = an_matcher_create();
    r->lists_m = an_matcher_create();
    if (!r->gaz || !r->gazetteer || !r->lists_m)
        goto fail_nomem;
    r->n_gaz = n;

    for (size_t i = 0; i < n; i++) {
        an_gaz_entity *g = &r->gaz[i];
        const an_loc *loc;
        if (i < r->n_entities) {
            const an_entity_rule *e = &r->entities[i];
            g->pub.id = e->id;
            g->pub.label = e->name;
            g->pub.type = e->type;
            g->pub.country = e->country;
            g->pub.kind = e->kind;
            loc = &e->loc;
        } else {
            const an_agent_rule *a = &r->agents[i - r->n_entities];
            g->pub.id = a->id;
            g->pub.label = a->name;
            g->pub.type = ACTNET_ORGANISATION;
            g->is_agent = 1;
            loc = &a->loc;
        }
        g->pub.rule_path = loc->path;
        g->pub.rule_line = loc->line;
        g->country_idx = NONE;
    }
    for (size_t i = 0; i < r->n_entities; i++) {
        const an_entity_rule *e = &r->entities[i];
        uint32_t c;
        if (!e->country)
            continue;
        if (!an_strmap_get(&r->gaz_ids, e->country, strlen(e->country), &c) ||
            r->gaz[c].is_agent) {
            an_error_set(err, e->country_loc.path, e->country_loc.line,
                         e->country_loc.col, "entity '%s' names unknown "
                         "country '%s'; define it or fix the id", e->id,
                         e->country);
            st = ACTNET_ERR_RULES;
            goto out;
        }
        r->gaz[i].country_idx = c;
    }

    if (build_abbrevs(r))
        goto fail_nomem;

    for (size_t i = 0; i < r->n_entities; i++) {
        const an_entity_rule *e = &r->entities[i];
        uint32_t t = (uint32_t)i;
        /* a person's name and aliases also give its surnames */
        /* positions as gz_src reads them */
        uint32_t adj = 1 + e->aliases.n, met = adj + e->adjectives.n;
        b.sn = e->type == ACTNET_PERSON ? &sn : NULL;
        if (gz_add(&b, e->name, 0, AN_PH_ALIAS, t, e->case_insensitive) ||
            gz_add_all(&b, &e->aliases, 1, AN_PH_ALIAS, t))
            goto fail_nomem;
        b.sn = NULL;
        if (gz_add_all(&b, &e->adjectives, adj, AN_PH_ADJECTIVE, t) ||
            gz_add_all(&b, &e->metonyms, met, AN_PH_METONYM, t))
            goto fail_nomem;
    }
    for (size_t i = 0; i < r->n_agents; i++) {
        const an_agent_rule *a = &r->agents[i];
        uint32_t t = (uint32_t)(r->n_entities + i);
        if (gz_add(&b, a->name, 0, AN_PH_AGENT, t, a->case_insensitive) ||
            gz_add_all(&b, &a->aliases, 1, AN_PH_AGENT, t))
            goto fail_nomem;
    }
    for (size_t i = 0; i < r->ignore.n; i++) {
        const an_phrase *p = &r->ignore.items[i];
        if (an_matcher_add(r->gazetteer, p->text, strlen(p->text),
                           AN_PH_IGNORE, 0, !p->case_insensitive) < 0)
            goto fail_nomem;
    }
    for (size_t l = 0; l < r->n_lists; l++) {
        const an_phrases *ps = &r->lists[l].items;
        for (size_t i = 0; i < ps->n; i++)
            if (an_matcher_add(r->lists_m, ps->items[i].text,
                               strlen(ps->items[i].text), AN_PH_LIST,
                               (uint32_t)l, !ps->items[i].case_insensitive) < 0)
                goto fail_nomem;
    }
    for (size_t p = 0; p < r->n_patterns; p++) {
        const an_pattern_rule *pr = &r->patterns[p];
        if (pr->n_elems > 256) {
            an_error_set(err, pr->loc.path, pr->loc.line, pr->loc.col,
                         "pattern '%s' has %zu elements; at most 256 are "
                         "allowed", pr->id, pr->n_elems);
            st = ACTNET_ERR_RULES;
            goto out;
        }
        for (size_t e = 0; e < pr->n_elems; e++) {
            const an_phrases *ps = &pr->elems[e].words;
            if (pr->elems[e].kind != AN_ELEM_WORDS)
                continue;
            for (size_t i = 0; i < ps->n; i++)
                if (an_matcher_add(r->lists_m, ps->items[i].text,
                                   strlen(ps->items[i].text), AN_PH_WORDS,
                                   (uint32_t)(p << 8 | e),
                                   !ps->items[i].case_insensitive) < 0)
                    goto fail_nomem;
        }
    }
    if (sn_finish(r, &sn) || gz_warn_ambiguous(&b))
        goto fail_nomem;
    if (link_vocabularies(r->gazetteer, r->lists_m) ||
        lists_first_bits(r->lists_m))
        goto fail_nomem;
    r->n_alias_phrases = an_matcher_phrase_count(r->gazetteer);
    st = ACTNET_OK;
    goto out;
fail_nomem:
    an_error_set(err, "", 0, 0, "out of memory while compiling the rules");
    st = ACTNET_ERR_NOMEM;
out:
    free(b.src);
    free(sn.person);
    free(sn.ids);
    return st;
}
