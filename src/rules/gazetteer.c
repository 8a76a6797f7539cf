/*
 * gazetteer.c — compiling the parsed rules into the gazetteer: the
 * entity table, the gazetteer and lists matchers (text/trie.h), the
 * abbreviations and the surname map, with the ambiguity warnings.  It is
 * part of the rules layer (actnet_rules_compile calls it) so that
 * loading rules never calls into the per-document stages.
 */
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/gazetteer.h"

#define NONE UINT32_MAX

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
        uint64_t bit = an_lists_start_bit(m, en->kind, en->target);
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

/* The validity of an entry: its entity's (from/until) and its phrase's
 * (pvalid) together, as an index into r->valids; UINT32_MAX when out of
 * memory.  An empty intersection is kept as an empty range (the phrase
 * then never applies to a dated document). */
static uint32_t gz_valid(actnet_rules *r, uint32_t target, uint32_t pvalid)
{
    an_validity v = {AN_DATE_MIN, AN_DATE_MAX};
    if (target < r->n_entities)
        v = r->entities[target].valid;
    if (pvalid) {
        an_validity p = r->valids[pvalid];
        if (p.from > v.from)
            v.from = p.from;
        if (p.until < v.until)
            v.until = p.until;
    }
    if (!pvalid && v.from <= AN_DATE_MIN && v.until >= AN_DATE_MAX)
        return 0;
    if (pvalid && v.from == r->valids[pvalid].from &&
        v.until == r->valids[pvalid].until)
        return pvalid;
    return an_rules_add_valid(r, v);
}

/* Adds phrase text of gazetteer entity target (phrase pos of it, see
 * gz_src) to the gazetteer, with the phrase's validity pvalid.  0 / -1. */
static int gz_add(gz_build *b, const char *text, uint32_t pos,
                  uint32_t kind, uint32_t target, int ci, uint32_t pvalid)
{
    an_matcher *m = b->r->gazetteer;
    size_t before = m->n_entries;
    uint32_t valid = gz_valid(b->r, target, pvalid);
    if (valid == UINT32_MAX)
        return -1;
    int rc = an_trie_add(m, text, strlen(text), kind, target, !ci, valid,
                         NULL);
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
                   ps->items[i].case_insensitive, ps->items[i].valid))
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
/* Was gazetteer entry idx (entities, then agents) read from a dictionary? */
static int gz_from_dict(const actnet_rules *r, uint32_t idx)
{
    if (idx < r->n_entities)
        return r->entities[idx].from_dict;
    idx -= (uint32_t)r->n_entities;
    return idx < r->n_agents && r->agents[idx].from_dict;
}

static int gz_shared(actnet_rules *r, uint32_t idx, uint32_t state)
{
    if (idx >= r->n_entities)
        return 0;
    const an_phrases *sh = &r->entities[idx].shared;
    for (size_t i = 0; i < sh->n; i++)
        if (an_trie_state_of(r->gazetteer, sh->items[i].text) == state)
            return 1;
    return 0;
}

/* Is a place's name the other entry's metonym (a capital: the match
 * stage tells the state from the place by the context), or do the two
 * entries apply on no common day? */
static int gz_apart(const actnet_rules *r, const an_matcher *m, uint32_t a,
                    uint32_t b)
{
    const mt_entry *ea = &m->entries[a], *eb = &m->entries[b];
    int pa = ea->kind == AN_PH_ALIAS && ea->target < r->n_entities &&
             r->entities[ea->target].type == ACTNET_PLACE;
    int pb = eb->kind == AN_PH_ALIAS && eb->target < r->n_entities &&
             r->entities[eb->target].type == ACTNET_PLACE;
    if ((pa && eb->kind == AN_PH_METONYM) || (pb && ea->kind == AN_PH_METONYM))
        return 1;
    if (!m->valid)
        return 0;
    an_validity va = r->valids[m->valid[a]], vb = r->valids[m->valid[b]];
    return va.until < vb.from || vb.until < va.from;
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
            /* dictionaries repeat names across records (a person under
             * each office): there, the first record wins silently */
            if (gz_from_dict(r, gj->target) && gz_from_dict(r, gk->target))
                continue;
            if (gz_shared(r, gj->target, (uint32_t)st) ||
                gz_shared(r, gk->target, (uint32_t)st) ||
                gz_apart(r, m, chain[k], chain[j]))
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
    int keep_pairs;             /* the rules have dates: surnames of
                                   several persons keep them all */
    uint64_t *pairs;            /* (token id << 32 | person) of every
                                   surname met, when keep_pairs */
    size_t n_pairs, cap_pairs;
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
    if (sb->keep_pairs) {
        if (AN_RESERVE(sb->pairs, sb->cap_pairs, sb->n_pairs + 1))
            return -1;
        sb->pairs[sb->n_pairs++] = (uint64_t)id << 32 | e;
    }
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

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* With dates, a surname of several persons maps to the list of them
 * (r->sn_multi; sb->person[id] becomes AN_SN_MULTI + its offset), so
 * that a dated document can pick the one current then. */
static int sn_multi(actnet_rules *r, sn_build *sb)
{
    if (!sb->keep_pairs || r->n_gaz >= AN_SN_MULTI)
        return 0;
    qsort(sb->pairs, sb->n_pairs, sizeof(*sb->pairs), cmp_u64);
    for (size_t i = 0; i < sb->n_pairs;) {
        uint32_t id = (uint32_t)(sb->pairs[i] >> 32);
        size_t j = i, n = 0;
        while (j < sb->n_pairs && (uint32_t)(sb->pairs[j] >> 32) == id) {
            if (j == i || sb->pairs[j] != sb->pairs[j - 1])
                n++;
            j++;
        }
        if (sb->person[id] == NONE && n > 1) {
            size_t off = r->n_sn_multi;
            if (off + n + 1 >= AN_SN_MULTI)
                return 0;
            uint32_t *a = realloc(r->sn_multi, (off + n + 1) * sizeof(*a));
            if (!a)
                return -1;
            r->sn_multi = a;
            a[off] = 0;
            for (size_t k = i; k < j; k++)
                if (k == i || sb->pairs[k] != sb->pairs[k - 1])
                    a[off + 1 + a[off]++] = (uint32_t)sb->pairs[k];
            r->n_sn_multi = off + n + 1;
            sb->person[id] = AN_SN_MULTI + (uint32_t)off;
        }
        i = j;
    }
    return 0;
}

static int sn_finish(actnet_rules *r, sn_build *sb)
{
    const an_matcher *m = r->gazetteer;
    size_t bytes = 0;
    if (sn_multi(r, sb))
        return -1;
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
            if (person != NONE && person < AN_SN_MULTI &&
                sn_taken(m, id, person))
                person = NONE;
            /* several persons: none when the surname alone is a phrase */
            if (person != NONE && person >= AN_SN_MULTI) {
                uint32_t st = edge_find(m, 0, id);
                if (st && m->first[st] != NONE)
                    person = NONE;
            }
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
        if (an_trie_vocab_put(gz, ls->word_keys.data + ls->wkeys[id].off,
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
    sn.keep_pairs = r->has_time;
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
            /* a dictionary's persons carry dated roles, which is how
             * TABARI/PETRARCH users tell a bare surname's person */
            g->by_surname = e->by_surname || e->from_dict;
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
    for (size_t i = 0; i < r->n_by_surname; i++) {
        const struct an_id_ref *ref = &r->by_surname[i];
        uint32_t g;
        if (!an_strmap_get(&r->gaz_ids, ref->id, strlen(ref->id), &g) ||
            g >= r->n_entities || r->gaz[g].pub.type != ACTNET_PERSON) {
            an_error_set(err, ref->loc.path, ref->loc.line, ref->loc.col,
                         "'by_surname' names '%s', which is no person of "
                         "the rules; define the person or remove the id",
                         ref->id);
            st = ACTNET_ERR_RULES;
            goto out;
        }
        r->gaz[g].by_surname = 1;
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
        if (gz_add(&b, e->name, 0, AN_PH_ALIAS, t, e->case_insensitive, 0) ||
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
        if (gz_add(&b, a->name, 0, AN_PH_AGENT, t, a->case_insensitive, 0) ||
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
    free(sn.pairs);
    return st;
}

