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
 * of a match, so it changes what is tried, never what is found:
 * an_extract_set_filters(ex, 0) switches them off (every token a
 * gazetteer start and a candidate of every pattern, lists walked, no bit
 * filter), and tests/test_oracle.c requires the same mentions both ways.
 *
 * The match stage (an_match_document), exactly:
 *  0. Lines in capitals (mark_caps_lines): the tokens of a sentence whose
 *     words of two or more letters are mostly all-capitals ("SOCCER -
 *     ROMANIA BEAT LITHUANIA"), and the all-capitals words that open a
 *     sentence before a comma, a bracket, a number or its end (the
 *     dateline "BUCHAREST 1996-08-30", "AL-AIN , United Arab Emirates"),
 *     get AN_TF_CAPS_LINE.  There a case-sensitive phrase also matches
 *     all-capitals text ("ROMANIA" is Romania), and no word counts as a
 *     capitalised word for the patterns (a headline is no name), nor for
 *     resolve.
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
#include "rules/gazetteer.h"

#define NONE UINT32_MAX
#define CAP_UNITS_MAX 32u
#define PATTERN_BUDGET 4096u
/* Bytes of compacted need bits in pm_word.sig (pm_compact). */
#define PM_SIG_BYTES 8u

/* Are tokens i..j (j >= i) of a line in capitals, and is each of their
 * words all-capitals?  Then a case-sensitive phrase matches them whatever
 * their case (step 0 of the match stage). */
static int caps_span(const an_text *t, size_t i, size_t j)
{
    for (size_t k = i; k <= j; k++) {
        unsigned f = t->toks[k].flags;
        if (!(f & AN_TF_CAPS_LINE) ||
            (t->toks[k].kind == AN_TOK_WORD && !(f & AN_TF_UPPER)))
            return 0;
    }
    return 1;
}

/* Step 0: sets AN_TF_CAPS_LINE on the tokens of sentences written in
 * capitals and of datelines (see the file comment).  A sentence is in
 * capitals when at least three quarters of its words of two or more
 * letters are all-capitals (digits and one-letter words tell nothing
 * about the line's case). */
static void mark_caps_lines(an_text *t)
{
    for (size_t s = 0; s < t->n_sents; s++) {
        size_t a = t->sents[s].tok_start, b = t->sents[s].tok_end;
        size_t upper = 0, other = 0;
        for (size_t k = a; k < b; k++) {
            const an_token *tk = &t->toks[k];
            if (tk->kind != AN_TOK_WORD || tk->norm_len < 2)
                continue;
            if (tk->flags & AN_TF_UPPER)
                upper++;
            else
                other++;
        }
        if (upper && 4 * upper >= 3 * (upper + other)) {
            for (size_t k = a; k < b; k++)
                t->toks[k].flags |= AN_TF_CAPS_LINE;
            continue;
        }
        /* a dateline: all-capitals words (and the hyphens inside them)
         * from the sentence's start up to a comma, a bracket, a number or
         * the end */
        size_t k = a, words = 0;
        while (k < b) {
            const an_token *tk = &t->toks[k];
            if (tk->kind == AN_TOK_WORD && (tk->flags & AN_TF_UPPER) &&
                tk->norm_len >= 2)
                words++;
            else if (!(tk->kind == AN_TOK_PUNCT && tk->fold_len == 1 &&
                       an_tok_fold(t, k)[0] == '-' && words))
                break;
            k++;
        }
        if (!words || (k < b && !(t->toks[k].kind == AN_TOK_NUMBER ||
                                  (t->toks[k].kind == AN_TOK_PUNCT &&
                                   t->toks[k].fold_len == 1 &&
                                   (an_tok_fold(t, k)[0] == ',' ||
                                    an_tok_fold(t, k)[0] == '(')))))
            continue;
        for (size_t x = a; x < k; x++)
            t->toks[x].flags |= AN_TF_CAPS_LINE;
    }
}

/* What best_match_ids needs to know of the document and the entities
 * beyond the matcher. */
typedef struct gz_pick {
    int32_t date;                 /* the document's (YYYYMMDD) or 0 */
    const an_validity *valids;    /* the rules' */
    const unsigned char *place;   /* per gazetteer entity: 1 for a place */
    uint32_t alt;                 /* out: the place whose name the chosen
                                     metonym also is, or NONE */
    int no_filters;               /* the oracle: no edge bit filter */
} gz_pick;

/*
 * The match the gazetteer takes at token i, given the tokens' vocabulary
 * ids: the longest; at that length an ignore entry if any, else the first
 * entry (the first-defined entity).  Entries whose validity excludes the
 * document's date are passed over, so a phrase of a former state yields
 * to the entity that holds it on that date.  When the chosen phrase is
 * both a metonym and a place's name (a capital), the metonym is chosen
 * and the place left in pk->alt for the caller's decision.  Found in one
 * walk, without collecting every match.  key_off: per phrase, its key's
 * offset (ms_gz_tables), so that a case check reads no phrase record; or
 * NULL.  1 found, 0 none.
 */
static int best_match_ids(const an_matcher *m, const uint32_t *key_off,
                          const an_text *t, const uint32_t *ids, size_t i,
                          an_match *best, gz_pick *pk)
{
    int found = 0;
    uint32_t state = 0;
    const uint32_t *valid = pk && pk->date ? m->valid : NULL;
    if (pk)
        pk->alt = NONE;
    for (size_t j = i; j < t->n_toks; j++) {
        uint32_t id = ids[j];
        if (id == NONE)
            break;
        state = pk && pk->no_filters ? edge_probe(m, state, id)
                                     : edge_find(m, state, id);
        if (!state)
            break;
        uint32_t checked = NONE, place = NONE, metonym = NONE;
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
                    ok = caps_span(t, i, j);
                if (!ok)
                    continue;
            }
            if (valid && valid[e] &&
                !an_valid_on(pk->valids[valid[e]], pk->date))
                continue;
            if (!here || en->kind == AN_PH_IGNORE) {
                best->tok_start = (uint32_t)i;
                best->tok_end = (uint32_t)(j + 1);
                best->kind = en->kind;
                best->target = en->target;
            }
            here = 1;
            if (en->kind == AN_PH_IGNORE)
                break;
            if (pk && pk->place) {
                if (en->kind == AN_PH_METONYM && metonym == NONE)
                    metonym = en->target;
                else if (en->kind == AN_PH_ALIAS && place == NONE &&
                         pk->place[en->target])
                    place = en->target;
            }
        }
        if (here && pk) {
            pk->alt = NONE;
            if (best->kind != AN_PH_IGNORE && place != NONE &&
                metonym != NONE &&
                (best->target == place || best->target == metonym)) {
                best->kind = AN_PH_METONYM;
                best->target = metonym;
                pk->alt = place;
            }
        }
        found |= here;
        if (!m->inner[state] && !(pk && pk->no_filters))
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
    uint64_t sig;           /* its first bits that needs of patterns ask
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
    uint64_t cap_start_pats;/* PM_CAP_START (also at a sentence's start), */
    uint64_t ent_pats[4];   /* PM_ENTITY << type, */
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
    unsigned char *gz_place;/* per gazetteer entity: 1 for a place */
    int gz_capitals;        /* some entity is a place */
    uint32_t cap_after, cap_before; /* the lists capital_state_after and
                               capital_state_before, or NONE */
    size_t n_gz_pos;
    size_t n_cands;
    pm_word *words;         /* per lists word w at w + 1, all 0 at 0 (a
                               token of no lists word); or NULL (no word
                               tables) */
    unsigned punct_run;     /* 1 when "-" is no lists word: then any
                               one-character punctuation may be one */
    uint64_t *reach_need;   /* per pattern: pm_reach_need */
    int compact;            /* the needs fit in pm_word.sig (pm_compact) */
    unsigned excl_need;     /* pm_compact: bytes 0..excl_need-1 of sig are
                               need_all bits, bytes excl_need..excl_n-1 */
    unsigned excl_n;        /* reach_need bits */
    uint64_t excl[PM_SIG_BYTES][256]; /* per byte k of sig and value v:
                               the pattern bits that a clear bit of v
                               rules out */
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
    free(ms->gz_place);
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
    unsigned char *place = calloc(r->n_gaz ? r->n_gaz : 1, 1);
    unsigned char *st = calloc(gz->n_words + 1, 1);
    if ((small && !key) || !country || !place || !st) {
        free(key);
        free(country);
        free(place);
        free(st);
        return -1;
    }
    for (size_t p = 0; small && p < gz->n_phrases; p++)
        key[p] = (uint32_t)gz->phrases[p].key;
    for (size_t e = 0; e < r->n_gaz; e++)
        country[e] = !r->gaz[e].is_agent &&
                     r->gaz[e].pub.type == ACTNET_COUNTRY;
    for (size_t e = 0; e < r->n_gaz; e++)
        place[e] = !r->gaz[e].is_agent &&
                   r->gaz[e].pub.type == ACTNET_PLACE;
    ms->gz_capitals = 0;
    for (size_t e = 0; e < r->n_gaz && !ms->gz_capitals; e++)
        ms->gz_capitals = place[e];
    ms->cap_after = ms->cap_before = NONE;
    for (size_t l = 0; l < r->n_lists; l++) {
        if (!strcmp(r->lists[l].name, "capital_state_after"))
            ms->cap_after = (uint32_t)l;
        else if (!strcmp(r->lists[l].name, "capital_state_before"))
            ms->cap_before = (uint32_t)l;
    }
    ms->gz_key = key;
    ms->gz_country = country;
    ms->gz_place = place;
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

/* ms_prepare's pass for the filter oracle: every token looked up in both
 * vocabularies by their tables alone (no bit filter, no gazetteer-to-
 * lists id map), and every token listed as a possible gazetteer start. */
static int ms_prepare_all(an_extract *ex, uint32_t *cover, uint64_t *hs)
{
    const an_text *t = &ex->text;
    const actnet_rules *r = ex->rules;
    struct an_match_state *ms = ex->match;
    for (size_t i = 0; i < t->n_toks; i++) {
        const char *f = an_tok_fold(t, i);
        size_t fl = t->toks[i].fold_len;
        uint64_t h = tok_hash(f, fl), k8 = key8_of(f, fl);
        hs[i] = h;
        cover[i] = AN_COVER_FREE;
        ms->gz_id[i] = vocab_probe(r->gazetteer, h, k8, f, fl);
        ms->ls_id[i] = vocab_probe(r->lists_m, h, k8, f, fl);
        ms->lm_first[i] = NONE;
        ms->gz_pos[i] = (uint32_t)i;
    }
    ms->n_gz_pos = t->n_toks;
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
    if (ex->no_filters)
        return ms_prepare_all(ex, cover, hs);
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

/* Is token j, alone, an item of list l?  1 / 0, -1 out of memory. */
static int ms_word_in_list(struct an_match_state *ms, const actnet_rules *r,
                           const an_text *t, size_t j, uint32_t l)
{
    if (l == NONE || j >= t->n_toks)
        return 0;
    size_t n = ms_lists_at(ms, r, t, j);
    if (n == SIZE_MAX)
        return -1;
    const an_match *all = n ? ms->pool + ms->lm_first[j] : NULL;
    for (size_t k = 0; k < n; k++)
        if (all[k].kind == AN_PH_LIST && all[k].target == l &&
            all[k].tok_end == j + 1)
            return 1;
    return 0;
}

/*
 * A capital at tokens [i, end): does the text use it for the state?
 * Yes when the word after it (after a possessive, if any) is an item of
 * the list capital_state_after ("Moscow said", "Minsk's decision") or the
 * word before it, in its sentence, is an item of capital_state_before
 * ("talks with Minsk", "between Moscow and Kyiv"); otherwise it is the
 * place ("in Minsk", "at Warsaw airport", a dateline).  1 / 0, -1 OOM.
 */
static int capital_is_state(struct an_match_state *ms, const actnet_rules *r,
                            const an_text *t, size_t i, size_t end)
{
    size_t j = end;
    if (j < t->n_toks && t->toks[j].kind == AN_TOK_POSSESSIVE)
        j++;
    if (j < t->n_toks && t->toks[j].sentence == t->toks[i].sentence) {
        int in = ms_word_in_list(ms, r, t, j, ms->cap_after);
        if (in)
            return in;
    }
    if (i > 0 && t->toks[i - 1].sentence == t->toks[i].sentence)
        return ms_word_in_list(ms, r, t, i - 1, ms->cap_before);
    return 0;
}

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
    struct an_match_state *ms = ex->match;
    gz_pick pk;
    pk.date = r->has_time ? ex->date : 0;
    pk.valids = r->valids;
    pk.place = ms->gz_capitals ? ms->gz_place : NULL;
    pk.no_filters = ex->no_filters;
    /* the oracle reads each phrase's key from its record */
    const uint32_t *key_off = ex->no_filters ? NULL : ms->gz_key;
    const uint32_t *ids = ms->gz_id;
    size_t n = t->n_toks;
    size_t next = 0; /* the first token after the last match */

    /* most words start no phrase: only the listed tokens are looked at */
    for (size_t k = 0; k < ms->n_gz_pos; k++) {
        size_t i = ms->gz_pos[k];
        if (i < next)
            continue;
        uint32_t g = ids[i];
        if (!ex->no_filters && !(ms->gz_start[g + 1] & GZ_ALONE)) {
            /* no phrase of this word alone ("the"): none without an
             * edge to the next token */
            uint32_t nx = i + 1 < n ? ids[i + 1] : NONE;
            if (nx == NONE || !edge_find(r->gazetteer, r->gazetteer->root[g],
                                         nx))
                continue;
        }
        an_match bm;
        int rc = best_match_ids(r->gazetteer, key_off, t, ids, i, &bm,
                                &pk);
        if (rc == 0)
            continue;
        if (pk.alt != NONE) {
            int st = capital_is_state(ms, r, t, i, bm.tok_end);
            if (st < 0)
                return -1;
            if (!st) {
                bm.kind = AN_PH_ALIAS;
                bm.target = pk.alt;
            }
        }
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
                rc = best_match_ids(r->gazetteer, key_off, t, ids, j,
                                    &am, &pk);
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
 * `from` on (64; 0 for the oracle, which asks the walk for every list)?
 * (Those need the lists matcher's walk at j.) */
static int pm_excepted_big(pm_ctx *c, const an_pattern_elem *el, size_t j,
                           size_t from)
{
    for (size_t x = 0; x < el->n_except; x++) {
        size_t l = el->except[x];
        if (l < from)
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
    if (!pm_usable(c, j) || tk->kind != AN_TOK_WORD ||
        (tk->flags & (AN_TF_CAP | AN_TF_CAPS_LINE)) != AN_TF_CAP)
        return 0;
    if (j == c->start && (tk->flags & AN_TF_SENT_START) &&
        !el->sentence_start)
        return 0;
    if (!el->n_except)
        return 1;
    if (c->ex->no_filters)   /* the walk, not the word tables */
        return !pm_excepted_big(c, el, j, 0);
    if (ms_one(c->ms, c->r->lists_m, c->t, j) & mask)
        return 0;
    return !big || !pm_excepted_big(c, el, j, 64);
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
    if (w == NONE || (lm->first_bits && !c->ex->no_filters &&
                      !(lm->first_bits[w] & ex->pmask)))
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
    /* "Mr. Smith", "Acme Inc."; a period after a space ("Acme Inc .")
     * ends the sentence instead */
    if (end == 0 || !pm_usable(c, end) || t->toks[end].kind != AN_TOK_PUNCT ||
        t->toks[end].norm_len != 1 || an_tok_norm(t, end)[0] != '.' ||
        (t->toks[end].flags & AN_TF_SPACE_BEFORE))
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
        uint64_t bit = an_lists_start_bit(lm, kind, target);
        if (w == NONE)
            break;
        if (c->ex->no_filters) {
            /* the oracle: the walk below, whatever the tables say */
        } else if (lm->first_bits && !(lm->first_bits[w] & bit)) {
            break;
        } else if (lm->multi_bits && !(lm->multi_bits[w] & bit)) {
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
enum { PM_CAP = 1, PM_ENTITY = 2 /* << entity type */,
       PM_CAP_START = 1 << 8 /* a capitalised element with sentence_start */ };

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
            *lists |= an_lists_start_bit(lm, AN_PH_LIST, (uint32_t)el->list);
            break;
        case AN_ELEM_WORDS:
            *lists |= an_lists_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | e));
            break;
        case AN_ELEM_CAPITALISED:
            *misc |= PM_CAP | (el->sentence_start ? PM_CAP_START : 0);
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
            bits |= an_lists_start_bit(lm, AN_PH_LIST, (uint32_t)el->list);
        else if (el->kind == AN_ELEM_WORDS)
            bits |= an_lists_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | e));
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
                           ? an_lists_start_bit(lm, AN_PH_LIST, (uint32_t)el->list)
                           : an_lists_start_bit(lm, AN_PH_WORDS,
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
                   ? an_lists_start_bit(lm, AN_PH_LIST, (uint32_t)e1->list)
                   : an_lists_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8 | 1));
        return PRE_ENTITY_LIST;
    }
    if (e0->kind == AN_ELEM_ENTITY && e1->kind == AN_ELEM_CAPITALISED)
        return PRE_ENTITY_CAP;
    if (l0 && e1->kind == AN_ELEM_CAPITALISED) {
        *bit = e0->kind == AN_ELEM_LIST
                   ? an_lists_start_bit(lm, AN_PH_LIST, (uint32_t)e0->list)
                   : an_lists_start_bit(lm, AN_PH_WORDS, (uint32_t)(p << 8));
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
 * that need_all of the patterns asks for become the low bits of a word's
 * sig (whole bytes: excl_need of them), those of reach_need the bytes
 * after (up to PM_SIG_BYTES in all), and excl[k] gives, for the value of
 * byte k of the bits a token has, the pattern bits that a clear bit rules
 * out: one table read per byte, no branch.  When they do not fit (or
 * there are more than 63 patterns), ms->compact stays 0 and the patterns
 * are tested one by one.  Needs ms->words.
 */
static void pm_compact(struct an_match_state *ms, const actnet_rules *r)
{
    const an_matcher *lm = r->lists_m;
    size_t np = r->n_patterns;
    ms->compact = 0;
    if (np > 63)
        return;     /* those from 63 on need suf */
    unsigned char abit[8 * PM_SIG_BYTES], rbit[8 * PM_SIG_BYTES];
    uint64_t apats[8 * PM_SIG_BYTES], rpats[8 * PM_SIG_BYTES];
    unsigned na = 0, nr = 0;
    for (size_t p = 0; p < np; p++) {
        for (uint64_t b = ms->need_all[p]; b; b &= b - 1)
            if (bit_pats_add(abit, apats, &na, 8 * PM_SIG_BYTES,
                             (unsigned)__builtin_ctzll(b), p))
                return;
        if (ms->reach_need[p] &&
            bit_pats_add(rbit, rpats, &nr, 8 * PM_SIG_BYTES,
                         (unsigned)__builtin_ctzll(ms->reach_need[p]), p))
            return;
    }
    unsigned nab = (na + 7) / 8, nrb = (nr + 7) / 8;
    if (nab + nrb > PM_SIG_BYTES)
        return;
    for (size_t w = 0; w < lm->n_words; w++) {
        pm_word *pw = &ms->words[w + 1];
        pw->sig = 0;
        for (unsigned k = 0; k < na; k++)
            pw->sig |= (pw->fb >> abit[k] & 1) << k;
        for (unsigned k = 0; k < nr; k++)
            pw->sig |= (pw->fb >> rbit[k] & 1) << (8 * nab + k);
    }
    memset(ms->excl, 0, sizeof(ms->excl));
    for (unsigned v = 0; v < 256; v++) {
        for (unsigned k = 0; k < na; k++)
            if (!(v >> (k & 7) & 1))
                ms->excl[k / 8][v] |= apats[k];
        for (unsigned k = 0; k < nr; k++)
            if (!(v >> (k & 7) & 1))
                ms->excl[nab + k / 8][v] |= rpats[k];
    }
    ms->excl_need = nab;
    ms->excl_n = nab + nrb;
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
                x->pmask |= an_lists_start_bit(r->lists_m, AN_PH_LIST,
                                         (uint32_t)el->particles[k]);
        }
    ms->all_lists = 0;
    ms->cap_pats = 0;
    ms->cap_start_pats = 0;
    memset(ms->ent_pats, 0, sizeof(ms->ent_pats));
    memset(ms->bit_pats, 0, sizeof(ms->bit_pats));
    for (size_t p = 0; p < np; p++) {
        pm_first_needs(r, p, &nl[p], &nm[p]);
        na[p] = pm_all_needs(r, p);
        ms->all_lists |= nl[p];
        if (nm[p] & PM_CAP)
            ms->cap_pats |= PM_BIT(p);
        if (nm[p] & PM_CAP_START)
            ms->cap_start_pats |= PM_BIT(p);
        for (unsigned ty = 0; ty < 4; ty++)
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
    const uint64_t cap_start_pats = ms->cap_start_pats;
    const uint32_t punct_run = ms->punct_run;
    const unsigned nneed = ms->excl_need, nexcl = ms->excl_n;
    size_t mk = nm, n = 0;
    for (size_t s = t->n_sents; s-- > 0;) {
        uint64_t acc = 0, reach_next = 0;
        uint32_t next_cap = NONE;
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
            uint64_t reach = w->sig | (reach_next & (0 - (uint64_t)run));
            uint64_t reach2 = reach | reach_next;
            reach_next = reach;
            acc |= w->sig;
            uint64_t cand = w->cand | (cap_pats & (0 - capw)) |
                            (cap_start_pats & (0 - (uint64_t)(is_free & capword)));
            uint64_t at = mstarts[mk].start == i;
            cand |= mstarts[mk].pats & (0 - at);
            mk -= at;
            uint64_t out_pats = 0;
            for (unsigned k = 0; k < nneed; k++)
                out_pats |= ms->excl[k][acc >> (8 * k) & 255];
            for (unsigned k = nneed; k < nexcl; k++)
                out_pats |= ms->excl[k][reach2 >> (8 * k) & 255];
            cand &= ~out_pats;
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
            cand |= ms->cap_start_pats & (0 - (is_free & word & cap));
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
            else if (tk->kind == AN_TOK_WORD && (tk->flags & AN_TF_CAP))
                cand |= ms->cap_start_pats;
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

/* match_patterns for the filter oracle: every pattern walked at every
 * token, in the same order (tokens left to right, patterns in rule
 * order, the scan resuming after a match), with no candidate pass and
 * no pm_cannot_start. */
static int match_patterns_all(an_extract *ex, uint32_t *cover, pm_ctx *c,
                              an_buf *name, an_buf *tmp)
{
    const actnet_rules *r = ex->rules;
    const an_text *t = &ex->text;
    pm_ctx best;
    memset(&best, 0, sizeof(best));
    for (size_t i = 0; i < t->n_toks;) {
        best.found = 0;
        c->start = (uint32_t)i;
        c->sent = t->toks[i].sentence;
        c->next_cap = 0;
        for (size_t p = 0; p < r->n_patterns; p++) {
            c->p = &r->patterns[p];
            c->pidx = (uint32_t)p;
            c->budget = PATTERN_BUDGET;
            c->found = 0;
            pm_walk(c, 0, (uint32_t)i, NONE, NONE);
            if (c->oom)
                return -1;
            if (c->found && (!best.found || c->best_end > best.best_end))
                best = *c;
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
    if (ex->no_filters)
        return match_patterns_all(ex, cover, &c, name, tmp);
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
    mark_caps_lines(&ex->text);
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

