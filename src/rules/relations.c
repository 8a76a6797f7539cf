/*
 * relations.c — compiling the relations:, inflections: and language:
 * sections into word-id phrases and the function-word table
 * (relations.h).  Each verb phrase ("impose sanctions
 * on") and noun phrase ("support for") is tokenised like a document; each
 * word becomes the id of its Snowball stem (libstemmer, the
 * language's algorithm), so
 * "sanctions", "sanctioned" and "sanctioning" meet "sanction"; British
 * and American spellings (-ise / -ize, -yse / -yze) share an id;
 * irregular forms from inflections: (met, held) map to the id of their
 * verb.  Bit tables of the first bytes of phrase heads (and of all
 * phrase words) let the relate stage skip most tokens without hashing.
 * It is part of the rules layer so that loading rules never calls into
 * the per-document stages.
 */
#include "rules/relations.h"

#include <libstemmer.h>

/* What each word class of a language: section (rules.h) means to the
 * relate stage: the lexicon flags of its words (a word in several
 * classes has the flags of all). */
static const uint32_t class_flags[AN_WC_N] = {
    [AN_WC_AUXILIARY] = FW_AUX, [AN_WC_BE] = FW_BE,
    [AN_WC_PERFECT] = TK_HAVE, [AN_WC_MODAL] = FW_MODAL,
    [AN_WC_NEGATOR] = FW_NEG, [AN_WC_NOUN_NEGATOR] = FW_NO,
    [AN_WC_PRONOUN] = FW_PRON, [AN_WC_ARTICLE] = FW_ART,
    [AN_WC_DETERMINER] = FW_DET, [AN_WC_PREPOSITION] = FW_PREP,
    [AN_WC_INFINITIVE] = FW_TO, [AN_WC_PASSIVE_AGENT] = FW_BY,
    [AN_WC_GENITIVE] = FW_OF, [AN_WC_CONJUNCTION] = FW_CONJ,
    [AN_WC_CONTRASTIVE] = TK_CONTRAST, [AN_WC_RELATIVE] = FW_REL,
    [AN_WC_COMPLEMENTISER] = TK_THAT, [AN_WC_SUBORDINATOR] = FW_SUBORD,
    [AN_WC_HEDGE] = FW_HEDGE, [AN_WC_SPEECH] = FW_SPEECH,
    [AN_WC_REFUSAL] = FW_NEGVERB, [AN_WC_LIGHT] = FW_LIGHT,
    [AN_WC_PROMISE] = FW_PROMISE, [AN_WC_ADVERB] = FW_ADV,
    [AN_WC_DIRECTED] = FW_DIRECTED, [AN_WC_INDEFINITE] = FW_INDEF,
    [AN_WC_RECIPROCAL] = FW_RECIP};

static void wtab_free(wtab *t)
{
    free(t->slots);
    an_strmap_free(&t->longer);
    memset(t, 0, sizeof(*t));
}
static void wtab_insert(wslot *slots, size_t mask, const wslot *in)
{
    size_t i = wkey_hash((wkey){in->a, in->b}, in->len) & mask;
    while (slots[i].len)
        i = (i + 1) & mask;
    slots[i] = *in;
}
/* Adds s -> val unless s is there.  1 added, 0 present, -1 out of
 * memory (the table is unchanged then). */
static int wtab_put(wtab *t, const char *s, size_t n, uint32_t val)
{
    uint32_t old;
    if (n > WKEY_MAX)
        return an_strmap_put(&t->longer, s, n, val, NULL);
    if (n == 0 || wtab_get(t, s, n, &old))
        return 0;
    if (!t->slots || (t->count + 1) * 2 > t->mask + 1) {
        size_t cap = t->slots ? (t->mask + 1) * 2 : 64;
        wslot *ns = calloc(cap, sizeof(*ns));
        if (!ns)
            return -1;
        for (size_t i = 0; t->slots && i <= t->mask; i++)
            if (t->slots[i].len)
                wtab_insert(ns, cap - 1, &t->slots[i]);
        free(t->slots);
        t->slots = ns;
        t->mask = cap - 1;
    }
    wkey k = wkey_of(s, n);
    wslot in = {k.a, k.b, (uint32_t)n, val};
    wtab_insert(t->slots, t->mask, &in);
    t->count++;
    return 1;
}
/* Bit i set: w (n bytes) ends in nominal_suffixes[i]. */
static uint32_t suffix_mask(const char *w, size_t n)
{
    uint32_t mask = 0;
    for (size_t i = 0; i < N_NOMINAL; i++)
        if (ends_in(w, n, nominal_suffixes[i].s, nominal_suffixes[i].n))
            mask |= 1u << i;
    return mask;
}
/* Bit i set: nominal_suffixes[i] ends in byte b (a quick first test). */
static uint32_t suffix_last_byte(unsigned char b)
{
    uint32_t mask = 0;
    for (size_t i = 0; i < N_NOMINAL; i++) {
        const suffix *sf = &nominal_suffixes[i];
        if ((unsigned char)sf->s[sf->n - 1] == b)
            mask |= 1u << i;
    }
    return mask;
}
static void prefix_set(struct an_relations *R, const char *s, size_t n)
{
    unsigned key = ((unsigned)(unsigned char)s[0] << 8) |
                   (n > 1 ? (unsigned char)s[1] : 0u);
    R->prefix[key >> 3] |= (uint8_t)(1u << (key & 7));
}
static void bit_set(uint8_t *bits, unsigned k)
{
    bits[k >> 3] |= (uint8_t)(1u << (k & 7));
}
static void head_set(struct an_relations *R, const char *s, size_t n)
{
    if (n >= 4)
        bit_set(R->head4, key_hash(s, 4));
    else if (n == 3)
        bit_set(R->head3, key_hash(s, 3));
    else if (n > 0)
        bit_set(R->head2, key_hash(s, n));
    /* Snowball: dying / lying / tying -> die / lie / tie */
    if (n == 3 && s[1] == 'i' && s[2] == 'e') {
        char y[3] = {s[0], 'y', 'i'};
        bit_set(R->head3, key_hash(y, 3));
    }
}

void an_rules_free_relations(actnet_rules *r)
{
    struct an_relations *R = r ? r->rel : NULL;
    if (!R)
        return;
    free(R->pub);
    free(R->phrases);
    free(R->words);
    free(R->lemma);
    an_buf_free(&R->lemmas);
    an_strmap_free(&R->lemma_offs);
    free(R->vflags);
    free(R->head_start);
    free(R->by_head);
    an_strmap_free(&R->stems);
    wtab_free(&R->forms);
    wtab_free(&R->func);
    free(R);
    r->rel = NULL;
}

/* Adds stem s (n bytes) to the vocabulary, or finds it; returns its word
 * id, NONE when out of memory. */
static uint32_t vocab_add(struct an_relations *R, const char *s, size_t n,
                          uint32_t want)
{
    uint32_t id;
    if (an_strmap_get(&R->stems, s, n, &id))
        return id;
    id = want;
    if (id == NONE) {
        if (AN_RESERVE(R->vflags, R->cap_vocab, R->n_vocab + 1))
            return NONE;
        id = (uint32_t)R->n_vocab;
        R->vflags[R->n_vocab++] = 0;
    }
    if (an_strmap_put(&R->stems, s, n, id, NULL) < 0)
        return NONE;
    prefix_set(R, s, n);
    /* Snowball's exceptions dying/lying/tying -> die/lie/tie change the
     * second byte: index the text form's prefix too. */
    if (n == 3 && s[1] == 'i' && s[2] == 'e') {
        char y[2] = {s[0], 'y'};
        prefix_set(R, y, 2);
    }
    return id;
}

/* Stems a folded word and returns its word id (added if new) or NONE. */
static uint32_t word_for_lemma(struct an_relations *R,
                               struct sb_stemmer *sb, const char *w,
                               size_t n)
{
    const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
    if (!st)
        return NONE;
    uint32_t id = vocab_add(R, (const char *)st,
                            (size_t)sb_stemmer_length(sb), NONE);
    if (id == NONE)
        return NONE;
    /* criticise / criticize, analyse / analyze: one word. */
    if (n >= 4 && n < 64 && w[n - 1] == 'e' &&
        (w[n - 2] == 's' || w[n - 2] == 'z') &&
        (w[n - 3] == 'i' || w[n - 3] == 'y')) {
        char alt[64];
        memcpy(alt, w, n);
        alt[n - 2] = w[n - 2] == 's' ? 'z' : 's';
        st = sb_stemmer_stem(sb, (const sb_symbol *)alt, (int)n);
        if (!st || vocab_add(R, (const char *)st,
                             (size_t)sb_stemmer_length(sb), id) == NONE)
            return NONE;
    }
    return id;
}

/* R->func from the rules' word classes: each word (folded as a token
 * of the text is) with the flags of every class that lists it.  The
 * loader made sure that each is one word.  0 / -1 (memory). */
static int build_func(const actnet_rules *r, struct an_relations *R,
                      an_text *t)
{
    an_strmap flags = {0};
    int rc = -1;
    for (size_t c = 0; c < AN_WC_N; c++) {
        for (uint32_t i = 0; i < r->words[c].n; i++) {
            const char *w = r->words[c].items[i].text;
            uint32_t old;
            if (an_text_segment(t, w, strlen(w), NULL))
                goto out;
            if (t->n_toks != 1)
                continue;
            const char *f = an_tok_fold(t, 0);
            size_t n = t->toks[0].fold_len;
            int put = an_strmap_put(&flags, f, n, class_flags[c], &old);
            if (put < 0 ||
                (put == 0 &&
                 !an_strmap_set(&flags, f, n, old | class_flags[c])))
                goto out;
        }
    }
    for (size_t c = 0; c < AN_WC_N; c++) {
        for (uint32_t i = 0; i < r->words[c].n; i++) {
            const char *w = r->words[c].items[i].text;
            uint32_t v;
            if (an_text_segment(t, w, strlen(w), NULL))
                goto out;
            if (t->n_toks != 1)
                continue;
            const char *f = an_tok_fold(t, 0);
            size_t n = t->toks[0].fold_len;
            if (an_strmap_get(&flags, f, n, &v) &&
                wtab_put(&R->func, f, n, v) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    an_strmap_free(&flags);
    return rc;
}

typedef struct head_key {
    uint32_t head, n, noun, slot, idx;
} head_key;

static int head_cmp(const void *a, const void *b)
{
    const head_key *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    if (x->noun != y->noun)
        return x->noun < y->noun ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The number of tokens of an object slot at token i of a phrase ("..."
 * as three periods, or "…"), 0 when there is none. */
static size_t slot_at(const an_text *t, size_t i)
{
    if (t->toks[i].kind != AN_TOK_PUNCT)
        return 0;
    const char *f = an_tok_fold(t, i);
    if (t->toks[i].fold_len == 3 && !memcmp(f, "\xE2\x80\xA6", 3))
        return 1;
    for (size_t k = 0; k < 3; k++)
        if (i + k >= t->n_toks || t->toks[i + k].kind != AN_TOK_PUNCT ||
            t->toks[i + k].fold_len != 1 || an_tok_fold(t, i + k)[0] != '.')
            return 0;
    return 3;
}

/* Tokenises one phrase and appends it.  Returns 0, 1 (reported in err:
 * not usable), -1 when out of memory. */
static int add_phrase(actnet_rules *r, struct an_relations *R,
                      struct sb_stemmer *sb, an_text *t, an_strmap *seen,
                      uint32_t rel, const an_phrase *ph, int noun,
                      actnet_error *err)
{
    const an_relation_rule *rr = &r->relations[rel];
    if (an_text_segment(t, ph->text, strlen(ph->text), NULL))
        return -1;
    if (t->n_toks == 0 || t->toks[0].kind != AN_TOK_WORD) {
        an_error_set(err, ph->loc.path, ph->loc.line, ph->loc.col,
                     "relation '%s': %s '%s' must start with a word; write "
                     "the verb as a lemma (\"impose sanctions on\")",
                     rr->id, noun ? "noun" : "verb", ph->text);
        return 1;
    }
    if (t->n_toks > 16) {
        an_error_set(err, ph->loc.path, ph->loc.line, ph->loc.col,
                     "relation '%s': %s '%s' has %zu words; at most 16 "
                     "are allowed", rr->id, noun ? "noun" : "verb",
                     ph->text, t->n_toks);
        return 1;
    }
    size_t first = R->n_words;
    int slot = 0;
    if (AN_RESERVE(R->words, R->cap_words, R->n_words + t->n_toks) ||
        AN_RESERVE(R->lemma, R->cap_lemma, R->n_words + t->n_toks) ||
        AN_RESERVE(R->phrases, R->cap_phrases, R->n_phrases + 1))
        return -1;
    for (size_t i = 0; i < t->n_toks; i++) {
        const char *f = an_tok_fold(t, i);
        size_t n = t->toks[i].fold_len;
        size_t dots = slot_at(t, i);
        if (dots) {
            /* An object between two words: "dispatch ... to". */
            if (slot || i + dots >= t->n_toks ||
                t->toks[i + dots].kind != AN_TOK_WORD) {
                R->n_words = first;
                an_error_set(err, ph->loc.path, ph->loc.line, ph->loc.col,
                             "relation '%s': %s '%s': '...' stands for "
                             "the object between two words, once per "
                             "phrase (\"dispatch ... to\")", rr->id,
                             noun ? "noun" : "verb", ph->text);
                return 1;
            }
            slot = 1;
            R->lemma[R->n_words] = (an_lemma){(uint32_t)R->lemmas.len, 0, 0};
            if (an_buf_putc(&R->lemmas, '\0'))
                return -1;
            R->words[R->n_words++] = WID_SLOT;
            i += dots - 1;
            continue;
        }
        uint32_t id = word_for_lemma(R, sb, f, n);
        if (id == NONE)
            return -1;
        if (func_flags(R, f, n) & FW_PREP)
            R->vflags[id] |= VF_PREP;
        if (R->lemmas.len > UINT32_MAX - n - 1)
            return -1;
        an_lemma *lm = &R->lemma[R->n_words];
        if (!an_strmap_get(&R->lemma_offs, f, n, &lm->off)) {
            lm->off = (uint32_t)R->lemmas.len;
            if (an_buf_append(&R->lemmas, f, n) ||
                an_buf_putc(&R->lemmas, '\0') ||
                an_strmap_put(&R->lemma_offs, f, n, lm->off, NULL) < 0)
                return -1;
        }
        /* what inflection_ok reads: the lemma up to its first NUL */
        const char *nul = memchr(f, '\0', n);
        lm->len = (uint32_t)(nul ? (size_t)(nul - f) : n);
        lm->suffixes = suffix_mask(f, lm->len);
        R->words[R->n_words++] = id;
    }
    R->vflags[R->words[first]] |= VF_HEAD;
    {
        const char *f = an_tok_fold(t, 0);
        size_t n = t->toks[0].fold_len;
        const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)f,
                                              (int)n);
        if (!st)
            return -1;
        head_set(R, (const char *)st, (size_t)sb_stemmer_length(sb));
        head_set(R, f, n);
    }

    /* The same phrase in two relations: the first wins, say so. */
    an_buf key = {0};
    uint32_t prev;
    int rc = an_buf_putc(&key, noun ? 'n' : 'v') ||
             an_buf_append(&key, R->words + first,
                           (R->n_words - first) * sizeof(uint32_t));
    if (rc) {
        an_buf_free(&key);
        return -1;
    }
    rc = an_strmap_put(seen, key.data, key.len, (uint32_t)R->n_phrases,
                       &prev);
    an_buf_free(&key);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        const an_rel_phrase *p0 = &R->phrases[prev];
        const an_relation_rule *r0 = &r->relations[p0->rel];
        if (p0->rel != rel &&
            an_rules_warn(r, ph->loc.path, ph->loc.line, ph->loc.col,
                          "%s '%s' of relation '%s' (or one of its "
                          "inflections) is also a %s of relation '%s' "
                          "(%s:%d); the first one wins",
                          noun ? "noun" : "verb", ph->text, rr->id,
                          noun ? "noun" : "verb", r0->id, r0->loc.path,
                          r0->loc.line))
            return -1;
        R->n_words = first;  /* duplicate: not added again */
        return 0;
    }
    an_rel_phrase *p = &R->phrases[R->n_phrases++];
    p->rel = rel;
    p->first = (uint32_t)first;
    p->n = (uint32_t)(R->n_words - first);
    p->noun = noun;
    p->slot = slot;
    return 0;
}

static int add_inflections(actnet_rules *r, struct an_relations *R,
                           struct sb_stemmer *sb, an_text *t)
{
    for (size_t i = 0; i < r->n_inflections; i++) {
        const an_inflection_rule *in = &r->inflections[i];
        if (an_text_segment(t, in->lemma, strlen(in->lemma), NULL))
            return -1;
        if (t->n_toks != 1)
            continue;
        const sb_symbol *st = sb_stemmer_stem(
            sb, (const sb_symbol *)an_tok_fold(t, 0), t->toks[0].fold_len);
        if (!st)
            return -1;
        uint32_t id;
        if (!an_strmap_get(&R->stems, (const char *)st,
                           (size_t)sb_stemmer_length(sb), &id))
            continue;  /* a verb no relation uses */
        for (size_t j = 0; j < in->forms.n; j++) {
            const char *form = in->forms.items[j].text;
            if (an_text_segment(t, form, strlen(form), NULL))
                return -1;
            if (t->n_toks != 1)
                continue;
            const char *f = an_tok_fold(t, 0);
            size_t n = t->toks[0].fold_len;
            if (wtab_put(&R->forms, f, n, id) < 0)
                return -1;
            prefix_set(R, f, n);
            if (R->vflags[id] & VF_HEAD)
                head_set(R, f, n);
        }
    }
    return 0;
}

/*
 * The PLOVER event of each relation from the plover: rows.  PLOVER's
 * table has rows for most three- and four-digit codes and for the
 * two-digit categories, so the row whose code is the longest start of
 * the relation's main code is the most specific one that applies
 * ("0314" falls back to "031", then "03").  A code given twice: the first
 * row wins, and a warning says so.  0 / -1 (memory).
 */
static int set_plover(actnet_rules *r, struct an_relations *R)
{
    an_strmap codes = {0};
    int rc = -1;
    for (size_t i = 0; i < r->n_plover; i++) {
        const an_plover_rule *p = &r->plover[i];
        uint32_t first;
        size_t n = strlen(p->cameo);
        if (an_strmap_get(&codes, p->cameo, n, &first)) {
            const an_plover_rule *q = &r->plover[first];
            if (an_rules_warn(r, p->loc.path, p->loc.line, p->loc.col,
                              "CAMEO code %s has a second plover row "
                              "(first at %s:%d); the first one wins",
                              p->cameo, q->loc.path, q->loc.line))
                goto out;
            continue;
        }
        if (an_strmap_put(&codes, p->cameo, n, (uint32_t)i, NULL) < 0)
            goto out;
    }
    for (size_t i = 0; i < R->n_rel; i++) {
        const char *c = r->relations[i].cameo;
        actnet_relation *pub = &R->pub[i];
        pub->cameo = c;
        if (!c)
            continue;
        uint32_t row;
        for (size_t n = strcspn(c, ","); n >= 2; n--) {
            if (an_strmap_get(&codes, c, n, &row)) {
                pub->plover_event = r->plover[row].event;
                pub->plover_mode = r->plover[row].mode;
                pub->plover_context = r->plover[row].context;
                break;
            }
        }
    }
    rc = 0;
out:
    an_strmap_free(&codes);
    return rc;
}

actnet_status an_rules_build_relations(actnet_rules *r, actnet_error *err)
{
    actnet_status st = ACTNET_ERR_NOMEM;
    struct sb_stemmer *sb = NULL;
    an_strmap seen = {0};
    an_text t;
    head_key *keys = NULL;

    an_text_init(&t);
    an_rules_free_relations(r);
    if (r->n_relations == 0)
        return ACTNET_OK;
    struct an_relations *R = calloc(1, sizeof(*R));
    if (!R)
        goto out;
    r->rel = R;
    if (!r->stemmer) {
        an_loc at = r->has_language ? r->language_loc : r->relations[0].loc;
        an_error_set(err, at.path, at.line, at.col, "the rules have "
                     "relations but no stemmer; add 'stemmer: english' (or "
                     "another Snowball algorithm) to a language: section");
        st = ACTNET_ERR_RULES;
        goto out;
    }
    R->stemmer = r->stemmer;
    if (!(sb = sb_stemmer_new(r->stemmer, NULL)) || build_func(r, R, &t))
        goto out;
    if (!(R->pub = calloc(r->n_relations, sizeof(*R->pub))))
        goto out;
    R->n_rel = r->n_relations;
    for (unsigned b = 0; b < 256; b++)
        R->suffix_last[b] = suffix_last_byte((unsigned char)b);
    for (size_t i = 0; i < r->n_relations; i++) {
        const an_relation_rule *rr = &r->relations[i];
        actnet_relation *p = &R->pub[i];
        p->id = rr->id;
        p->label = rr->label ? rr->label : rr->id;
        p->polarity = rr->polarity;
        p->cls = rr->cls;
        p->symmetric = rr->symmetric;
        p->rule_path = rr->loc.path;
        p->rule_line = rr->loc.line;
        for (int noun = 0; noun < 2; noun++) {
            const an_phrases *ps = noun ? &rr->nouns : &rr->verbs;
            for (size_t j = 0; j < ps->n; j++) {
                int rc = add_phrase(r, R, sb, &t, &seen, (uint32_t)i,
                                    &ps->items[j], noun, err);
                if (rc > 0) {
                    st = ACTNET_ERR_RULES;
                    goto out;
                }
                if (rc < 0)
                    goto out;
            }
        }
    }
    if (add_inflections(r, R, sb, &t) || set_plover(r, R))
        goto out;

    /* Phrases by head word, longest first, verbs before nouns. */
    if (!(keys = malloc((R->n_phrases + 1) * sizeof(*keys))) ||
        !(R->by_head = malloc((R->n_phrases + 1) * sizeof(*R->by_head))) ||
        !(R->head_start = calloc(R->n_vocab + 1, sizeof(uint32_t))))
        goto out;
    for (size_t i = 0; i < R->n_phrases; i++) {
        const an_rel_phrase *p = &R->phrases[i];
        keys[i].head = R->words[p->first];
        keys[i].n = p->n;
        keys[i].noun = (uint32_t)p->noun;
        keys[i].slot = (uint32_t)p->slot;
        keys[i].idx = (uint32_t)i;
    }
    qsort(keys, R->n_phrases, sizeof(*keys), head_cmp);
    for (size_t i = 0; i < R->n_phrases; i++) {
        const an_rel_phrase *p = &R->phrases[keys[i].idx];
        an_head_phrase *hp = &R->by_head[i];
        hp->pi = keys[i].idx;
        hp->first = p->first;
        hp->off = R->lemma[p->first].off;
        hp->w1 = p->n > 1 ? R->words[p->first + 1] : NONE;
        hp->n = (uint8_t)p->n;
        hp->noun = (uint8_t)p->noun;
        hp->adv1 = p->n == 2 && hp->w1 != WID_SLOT &&
                   (R->vflags[hp->w1] & VF_PREP);
        hp->li = HEAD_LEMMAS;
        hp->wmask = 0;
        for (uint32_t j = 1; j < p->n; j++)
            if (R->words[p->first + j] != WID_SLOT)
                hp->wmask |= word_bits(word_bit(R->words[p->first + j]));
        R->head_start[keys[i].head + 1]++;
    }
    for (size_t w = 0; w < R->n_vocab; w++)
        R->head_start[w + 1] += R->head_start[w];
    /* the distinct lemmas of each head word's phrases, numbered */
    for (size_t w = 0; w < R->n_vocab; w++) {
        uint32_t offs[HEAD_LEMMAS];
        uint32_t n_offs = 0;
        for (uint32_t h = R->head_start[w]; h < R->head_start[w + 1]; h++) {
            an_head_phrase *hp = &R->by_head[h];
            uint32_t x = 0;
            while (x < n_offs && offs[x] != hp->off)
                x++;
            if (x == n_offs && n_offs < HEAD_LEMMAS)
                offs[n_offs++] = hp->off;
            if (x < n_offs)
                hp->li = (uint8_t)x;
        }
    }
    st = ACTNET_OK;
out:
    if (st == ACTNET_ERR_NOMEM)
        an_error_set(err, "", 0, 0,
                     "out of memory while compiling the relations");
    if (st != ACTNET_OK)
        an_rules_free_relations(r);
    free(keys);
    an_strmap_free(&seen);
    an_text_finish(&t);
    if (sb)
        sb_stemmer_delete(sb);
    return st;
}

size_t actnet_rules_relation_count(const actnet_rules *rules)
{
    return rules && rules->rel ? rules->rel->n_rel : 0;
}

const actnet_relation *actnet_rules_relation(const actnet_rules *rules,
                                             uint32_t idx)
{
    if (!rules || !rules->rel || idx >= rules->rel->n_rel)
        return NULL;
    return &rules->rel->pub[idx];
}

