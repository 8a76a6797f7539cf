/*
 * trie.c — building and walking the token trie matcher (trie.h): the
 * vocabulary and edge tables grow here, phrases are added here, and the
 * general-purpose walks (every phrase at a token) live here; the match
 * stage's own hot walk uses the inline probes of trie.h.
 */
#include "text/trie.h"

#include <stdio.h>
#include <stdlib.h>

#define NONE UINT32_MAX

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
    free(m->valid);
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
uint32_t an_trie_vocab_put(an_matcher *m, const char *s, size_t len)
{
    return vocab_put_h(m, s, len, tok_hash(s, len));
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
uint32_t an_trie_state_of(an_matcher *m, const char *text)
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
int an_trie_add(an_matcher *m, const char *phrase, size_t len, uint32_t kind,
                uint32_t target, int cs, uint32_t valid,
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
            e->cs == cs && (m->valid ? m->valid[k] : 0) == valid)
            return 0;
        last = k;
    }
    if (m->n_entries >= NONE ||
        AN_RESERVE_HUGE(m->entries, m->cap_entries, m->n_entries + 1))
        return -1;
    if (valid || m->valid) {
        /* validities only once some entry has one (most rule sets have
         * none, and their entries carry no column) */
        size_t old = m->valid ? m->cap_valid : 0;
        if (AN_RESERVE_HUGE(m->valid, m->cap_valid, m->n_entries + 1))
            return -1;
        if (m->cap_valid > old)
            memset(m->valid + old, 0,
                   (m->cap_valid - old) * sizeof(*m->valid));
        m->valid[m->n_entries] = valid;
    }
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
    return an_trie_add(m, phrase, len, kind, target, case_sensitive != 0,
                       0, NULL);
}

size_t an_matcher_phrase_count(const an_matcher *m)
{
    return m ? m->n_phrases : 0;
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
