/*
 * trie.h — the token trie matcher (private to the library).
 *
 * An an_matcher is a trie over normalised tokens: every phrase (alias,
 * list item, verb phrase) is tokenised exactly as documents are
 * (an_text_segment), so "Lukashenko's" in a text and "Lukashenko" in the
 * rules meet on the same tokens.  Folded token strings are interned to
 * dense ids in the matcher's vocabulary (8-byte open-addressing slots,
 * plus a bit filter that rejects most unknown tokens with one cached
 * read); the root's edges are an array by token id, deeper edges live in
 * one open-addressing table keyed by (state, token id).  A state that
 * ends a phrase carries a chain of entries (kind, target, case flag,
 * phrase).  Matching walks the folded forms of the text; a case-sensitive
 * entry also requires every text token's normalised form to equal the
 * phrase's token form.
 *
 * It sits in the text layer because it is built by the rules compiler
 * (src/rules/gazetteer.c) and walked by the match stage
 * (src/extract/match.c).  The structure and the probing helpers are in
 * this header, as static inline functions, because the match stage's hot
 * loop reads them directly: a call per token into another file would cost
 * more than the probe itself.
 */
#ifndef ACTNET_TRIE_H
#define ACTNET_TRIE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/text.h"

/* No state, token or entry. */
#define AN_TRIE_NONE UINT32_MAX

typedef struct an_matcher an_matcher;
struct actnet_extractor;

/* One phrase match: tokens [tok_start, tok_end), what it stands for. */
typedef struct an_match {
    uint32_t tok_start, tok_end;
    uint32_t kind;     /* an_phrase_kind */
    uint32_t target;
} an_match;

/* A new empty matcher, or NULL.  Free with an_matcher_destroy (NULL ok). */
an_matcher *an_matcher_create(void);
void an_matcher_destroy(an_matcher *m);

/*
 * Adds a phrase (UTF-8 text, tokenised like documents).  The same phrase
 * may be added several times with different kinds/targets.  kind is an
 * an_phrase_kind (kept in 16 bits).  Returns 0, 1 if the phrase has no
 * tokens (ignored), or -1 when out of memory.
 */
int an_matcher_add(an_matcher *m, const char *phrase, size_t len,
                   uint32_t kind, uint32_t target, int case_sensitive);

/* Number of distinct phrases added. */
size_t an_matcher_phrase_count(const an_matcher *m);

/*
 * Every phrase that matches text t starting at token i, shortest first
 * (several entries for one phrase come in the order added).  Writes at
 * most max entries to out and returns how many matched in all.
 */
size_t an_matcher_at(const an_matcher *m, const an_text *t, size_t i,
                     an_match *out, size_t max);

/* Writes every distinct phrase (original text), one per line; returns n. */
size_t an_matcher_write_phrases(const an_matcher *m, void *file);

/*
 * Every match of m at token i: written to stack (stack_n entries) when
 * they fit, else to a malloc'ed array the caller frees if *out != stack.
 * hs: the tokens' hashes (an_match_scratch) or NULL.  Returns the count,
 * or SIZE_MAX when out of memory.
 */
size_t an_match_all_at(const an_matcher *m, const an_text *t,
                       const uint64_t *hs, size_t i, an_match *stack,
                       size_t stack_n, an_match **out);

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
    uint32_t next;                /* next entry of the same state, or AN_TRIE_NONE */
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
    uint32_t *first;              /* per state: first entry, or AN_TRIE_NONE */
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
                                     matcher, or AN_TRIE_NONE (its words are all
                                     in the gazetteer's vocabulary, so a
                                     text token is looked up once) */
    uint32_t *valid;              /* per entry: index into the rules'
                                     valids (0: always), or NULL when no
                                     entry has a validity */
    size_t cap_valid;
};




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

/* vocab_find_k without the bit filter: the table probe alone (the
 * filter oracle of the match stage compares the two). */
static inline uint32_t vocab_probe(const an_matcher *m, uint64_t h,
                                   uint64_t k8, const char *s, size_t len)
{
    size_t mask = m->word_cap - 1;
    size_t i = (size_t)h & mask;
    uint32_t tag = word_tag(h);
    for (;;) {
        const mt_word *w = &m->words[i];
        if (!w->tag)
            return AN_TRIE_NONE;
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

/* The id of the folded token s (hash h = tok_hash(s, len), k8 its key8),
 * or AN_TRIE_NONE. */
static inline uint32_t vocab_find_k(const an_matcher *m, uint64_t h,
                                    uint64_t k8, const char *s, size_t len)
{
    size_t bit = (size_t)(h >> 32) & (m->filter_bits - 1);
    if (!(m->filter[bit >> 6] >> (bit & 63) & 1))
        return AN_TRIE_NONE;
    return vocab_probe(m, h, k8, s, len);
}

/* vocab_find_k with the key8 read from s. */
static inline uint32_t vocab_find(const an_matcher *m, uint64_t h,
                                  const char *s, size_t len)
{
    return vocab_find_k(m, h, key8_of(s, len), s, len);
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

/* The edge table's slot search for the edge (state, tok) of hash x
 * (state > 0, edge_cap > 0): its child, or 0. */
static inline uint32_t edge_probe_x(const an_matcher *m, uint32_t state,
                                    uint32_t tok, uint64_t x)
{
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
    return edge_probe_x(m, state, tok, x);
}

/* edge_find without the edge bit filter (the filter oracle). */
static inline uint32_t edge_probe(const an_matcher *m, uint32_t state,
                                  uint32_t tok)
{
    if (state == 0)
        return m->root[tok];
    if (!m->edge_cap)
        return 0;
    return edge_probe_x(m, state, tok, edge_hash(state, tok));
}








/* Do tokens i.. of t have exactly the normalised forms of the phrase of
 * n tokens whose key starts at keys offset off?  (Callers that hold only
 * the offset need not read the phrase record.) */
static inline int key_verify(const an_matcher *m, size_t off, size_t n,
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
static inline int matcher_verify(const an_matcher *m, const mt_phrase *p,
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
    uint32_t checked = AN_TRIE_NONE;
    int ok = 0;
    for (uint32_t e = m->first[state]; e != AN_TRIE_NONE; e = m->entries[e].next) {
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







/* matcher_walk with the tokens' vocabulary ids of m precomputed in ids
 * (AN_TRIE_NONE for a token m does not know). */
static inline size_t matcher_walk_ids(const an_matcher *m, const an_text *t,
                               const uint32_t *ids, size_t i, an_match *out,
                               size_t max)
{
    size_t count = 0;
    uint32_t state = 0;
    for (size_t j = i; j < t->n_toks; j++) {
        uint32_t id = ids[j];
        if (id == AN_TRIE_NONE)
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

/* ---- used by the rules compiler (src/rules/gazetteer.c) ---------------- */

/* Interns the folded token s[0..len) in m's vocabulary: its id, or
 * AN_TRIE_NONE when out of memory. */
uint32_t an_trie_vocab_put(an_matcher *m, const char *s, size_t len);

/* The state reached from the root by the tokens of text (segmented like a
 * phrase), or AN_TRIE_NONE when the path does not exist. */
uint32_t an_trie_state_of(an_matcher *m, const char *text);

/* an_matcher_add that also gives the index of the phrase's record in
 * *phrase_out (when not NULL), with the entry's validity valid (an index
 * into the rules' valids, 0: always; kept in m->valid). */
int an_trie_add(an_matcher *m, const char *phrase, size_t len, uint32_t kind,
                uint32_t target, int cs, uint32_t valid,
                uint32_t *phrase_out);

#endif /* ACTNET_TRIE_H */
