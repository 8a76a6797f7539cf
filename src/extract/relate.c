/*
 * relate.c — the relate stage: relation verbs and nouns found in the
 * tokens of a sentence, with an actor entity mention before them and a
 * target mention after them, become acts-on events.  No parser is used:
 * the heuristics below work on tokens, entity mentions and a small table
 * of English function words, in time linear in the sentence for each
 * relation phrase found.
 *
 * Rules side (an_rules_build_relations).  Each verb phrase ("impose
 * sanctions on") and noun phrase ("support for") is tokenised like a
 * document; each word becomes a word id: the id of its Snowball stem
 * (libstemmer; the language: section names the algorithm), so "sanctions", "sanctioned" and "sanctioning" meet
 * "sanction".  British and American spellings (-ise / -ize, -yse / -yze)
 * share an id.  Irregular forms from `inflections:` (met, held) map to
 * the id of their verb.  Bit tables of the first bytes of phrase heads
 * (and of all phrase words) let the document side skip most tokens
 * without hashing.
 *
 * Document side (an_relate_document), per sentence:
 *
 * 1. Words.  A token outside an entity mention that passes the head
 *    table (or that a walk below asks about) is looked up once per
 *    document in a per-extractor cache (folded form -> word id); on a
 *    miss it is stemmed (one stemmer per extractor: libstemmer is not
 *    thread-safe).  The cache is emptied when it grows past
 *    AN_REL_CACHE_MAX forms, so memory stays bounded on any corpus.
 *    Stems over-match derived nouns, so a word must also be an
 *    inflection of the phrase word: lemma + s / d / es / ed / ing (with
 *    e dropped, consonant doubled, y -> i), an irregular form, or at
 *    least no noun ending (-ion, -ment, -er, -ic, ...) the lemma lacks:
 *    "critic" is no form of "criticize", "demonstration" none of
 *    "demonstrate".
 *
 * 2. Phrases.  At a token whose word id starts a phrase, the longest
 *    phrase that matches wins (verbs before nouns on a tie).  Up to two
 *    tokens may be skipped between two phrase words ("imposed fresh
 *    sanctions on", "held further talks with"); skipped tokens are words
 *    that are not prepositions, conjunctions, pronouns, auxiliaries or
 *    entity mentions other than agents, and before a final preposition
 *    only adverbs (-ly) are skipped.  A word of an agent mention may be
 *    a phrase word ("sent Russian troops to": troops).  "..." in a
 *    phrase is an object slot ("dispatch ... to"): one to SLOT_MAX
 *    words, numbers or entity mentions (no clause words but "of") before
 *    the next phrase word; a phrase with a slot loses to one of the same
 *    length without ("send aid to" over "send ... to").  A verb right
 *    after an article, a possessive
 *    determiner or a possessive 's is read as a noun: only noun phrases
 *    match there ("the meeting with", "Putin's support for"); so is a
 *    base form after "have" ("has support from").  A capitalised word
 *    inside a sentence starts no phrase ("Finance Minister", "Manchester
 *    United"), except after a quote or a colon and in a headline (half
 *    of the sentence's words capitalised).
 *
 * 3. Clauses.  Before attaching anything, the sentence's parentheticals
 *    are marked: brackets and quotations (which may hold further
 *    parentheticals); a pair of dashes; a comma followed by who /
 *    whom / whose / which / where up to the next comma (a relative
 *    clause, "X, who fled to Lithuania, urged Y"); and a comma-enclosed
 *    stretch of at most 25 tokens right after an entity mention
 *    (an appositive, "X, the opposition leader, urged Y") unless it only
 *    lists entities ("Macron, Merkel, and Johnson") or starts with
 *    another name that is no possessive ("France, Germany and ... urged
 *    ..." is a list, "Putin, Russia's president, ..." an appositive).
 *    Walks from a phrase
 *    jump over parentheticals; a phrase inside one stays inside it.
 *    Clause boundaries: the sentence ends; semicolons and colons always;
 *    commas and single dashes when a new subject lies between
 *    them and the phrase (a non-function word, a pronoun); relative
 *    pronouns, subordinators (when, because, if, after, ...) and speech
 *    verbs (said, told, ...).
 *
 * 4. Actor (active verb): walking back from the phrase, the nearest
 *    entity mention in the clause that is not the object of a
 *    preposition ("Protesters in Belarus dismissed ..." has no actor;
 *    a title chain before a name belongs to it: "with Russian President
 *    Putin"; a list shares its preposition: "in Minsk and Brest");
 *    if the only candidate is "the X of Y" right before the verb, Y.
 *    Not prepositions after all: "after", "before", "since" before a
 *    clause ("after Russia said ..."), and the preposition of a relation
 *    phrase whose object goes on with "to" ("called for X to open talks
 *    with Y": X is the actor of the talks).
 *    Coordinated actors ("Macron and Merkel urged", "France, Germany and
 *    EU Council President Charles Michel urged") are all actors; titles
 *    and adjectives between them are skipped.  A subject pronoun between
 *    the mention and the verb blocks it, except in reported speech:
 *    "X said (that) he would ..." gives X.  "X said Y had met Z"
 *    attaches to the inner clause (Y) because Y is nearer.  A verb right
 *    after and / but / or ("X met Y in Minsk and urged Z") takes the
 *    actor of the previous verb of the sentence, or else the subject at
 *    the start of the clause.  After a relative pronoun the actor is the
 *    mention it refers to ("X, who met Y, ..."), likewise for a verb in
 *    an appositive ("X, backed by Y, ...").  A verb after "and" takes
 *    the previous actor only when it is finite (-s, -ed, irregular):
 *    "abuse and torture", "and condemning police violence" are no
 *    coordinated verbs.  No actor is sought for a gerund after a
 *    preposition ("in encouraging Minsk") except "accused X of pressing
 *    Y" (X) and a gerund of means after "by" (the clause's subject),
 *    nor for a purpose infinitive after a noun ("a rally to protest
 *    against ...").
 *
 * 5. Target: the first entity mention after the phrase, before a clause
 *    boundary, "to", a conjunction, an auxiliary, a pronoun or another
 *    relation phrase, skipping mentions that are objects of prepositions
 *    other than the phrase's own ("met reporters in Minsk" has no
 *    target), except "the X of Y" ("called on the Government of Belarus"
 *    gives Belarus).  A possessive or an adjective with titles points to
 *    the head ("urged Lukashenko's close ally Russia" gives Russia,
 *    "met Russian President Vladimir Putin" gives Putin), so does a
 *    generic agent "of" a country ("the Government of Belarus" gives
 *    Belarus).  A country adjective before a common noun is no target
 *    ("hits out at stodgy British food"), unless the noun is in one of
 *    the rules' lists (titles: "the Russian ambassador").  Coordinated
 *    targets ("visit Lithuania and Russia") are all targets; a comma
 *    list counts only when it ends with and / or.  The object of a
 *    directed preposition (language: directed_preposition) after a
 *    short object of one to four words and no other preposition is a
 *    target too ("threatened tough action against X"); when that
 *    object is a relation noun ("called for sanctions on X"), verbs of
 *    appeal, intent, support, demand and threat (CAMEO 02, 03, 05, 10,
 *    13) give the noun's relation, hedged, and other verbs no event
 *    ("condemned the attack on X" is no act on X).
 *
 * 6. Passive: a verb after a form of "be" (adverbs and "not" between),
 *    or a past participle followed by "by" ("X, backed by Y"), takes its
 *    actor from "by" + mention after it ("Y was detained by X", "Y has
 *    been sanctioned by X") and its target from the walk back; without
 *    "by" there is no event.
 *
 * 7. Nouns: the actor is a possessive ("Putin's support for
 *    Lukashenko"), a mention right before the noun ("EU sanctions
 *    against Belarus"), or the actor of a light verb taking the noun
 *    (give, offer, vow, pledge, promise, express, announce, impose,
 *    provide, launch, stage, carry (out), ...: "Putin vowed military
 *    support for Lukashenko"; an indefinite article may stand between:
 *    "launched a major offensive against"; the promising ones mark the
 *    event hedged); the target as for verbs.  A symmetric noun before a
 *    reciprocal preposition with no actor takes its pair after it:
 *    "talks between X and Y".
 *
 * 8. Negation and modality, from up to six tokens before the phrase in
 *    its clause: not, never, cannot, -n't, "no" before a noun, "without",
 *    and refuse / decline / fail to mark the event negated; would,
 *    could, may, might, should, will, shall, must, can, if / whether /
 *    unless, and a to-infinitive (threatened to, plans to, agreed to)
 *    mark it hedged.
 *
 * 9. A symmetric relation with two or more coordinated actors and no
 *    target ("Putin and Lukashenko met in Sochi") gives one event per
 *    pair, in written order.  Actor and target are always as written.
 *    An event whose actor is its target is dropped.
 *
 * Events are per document (the extractor's events array is reused), so
 * memory never grows with the corpus.
 */
#include "extract/relate.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "extract/match.h"
#include "rules/relations.h"
#include "text/text.h"

/* ---- per-extractor state ---------------------------------------------- */

enum { SPAN_BRACKET = 1, SPAN_QUOTE, SPAN_DASH, SPAN_REL, SPAN_APPOS };

typedef struct an_span {
    uint32_t start, end;   /* tokens [start, end], both delimiters inside */
    int kind;
    uint32_t antecedent;   /* mention right before it, or NONE */
} an_span;

/* What the stage knows of a folded form: one lookup per word token
 * and document instead of one per question asked about it. */
typedef struct an_lex {
    uint32_t wid;          /* word id, NONE, or WID_UNSET until asked */
    uint32_t fw;           /* as a WORD token: FW_* flags, TK_* */
    uint32_t infl_off;     /* the lemma (offset) of the last
                              inflection_ok asked of a phrase word, or
                              NONE */
    uint32_t memo;         /* bit 31: that answer; for a head word,
                              bit 16 + li: inflection_ok asked of the
                              lemma numbered li (an_head_phrase), bit li:
                              its answer */
    uint32_t plan;         /* for a head word with at most PLAN_MAX
                              phrases, once PLAN_KNOWN is set: bit j,
                              the j-th phrase of its word passes the
                              inflection check; bit PLAN_MAX + j, and it
                              is a noun */
    uint64_t need;         /* with the plan: the word bits every phrase
                              of the plan needs (an_head_phrase.wmask) */
} an_lex;

#define PLAN_MAX 15
#define PLAN_KNOWN (1u << 30)
#define PLAN_MASK ((1u << PLAN_MAX) - 1)

/* A slot of the lexicon's hash table (len 0: empty).  The entry's flags
 * are copied here, so a token costs one cache line. */
typedef struct lex_slot {
    uint64_t a, b;         /* the form's wkey */
    uint32_t len, idx;     /* its length, its index in lex */
    uint32_t fw;           /* lex[idx].fw */
    uint32_t wbit;         /* word_bit of lex[idx].wid (WB_UNKNOWN until
                              lex_pass has it stemmed) */
} lex_slot;

struct an_relate_state {
    struct sb_stemmer *sb;
    lex_slot *lex_slots;   /* forms of up to WKEY_MAX bytes */
    size_t lex_mask;       /* lex_slots: lex_mask + 1, a power of two */
    an_strmap lex_long;    /* longer forms -> index in lex */
    an_lex *lex;           /* the lexicon: emptied between documents
                              once it holds AN_REL_CACHE_MAX forms */
    size_t n_lex, cap_lex;
    uint32_t *tm;          /* token -> mention index, or NONE */
    uint32_t *lexi;        /* token -> index in lex, or LEX_UNSET */
    uint32_t *sp;          /* token -> span index (0 = none) */
    uint8_t *ph;           /* token -> 1 inside a matched phrase */
    uint32_t *fwc;         /* token -> lex[].fw of a WORD token, else 0 */
    uint32_t *heads;       /* the tokens with TK_HEAD, in order */
    uint32_t *puncts;      /* the PUNCT tokens, in order */
    size_t cap_tm, cap_lexi, cap_sp, cap_ph, cap_fwc, cap_heads, cap_puncts;
    an_span *spans;
    size_t n_spans, cap_spans;
    /* Word ids of all forms (the sentences' word sets) cost a stemming
     * per new form: done while new forms are rare (eager), measured
     * over epochs of words (epoch_words, epoch_new: new forms). */
    int eager;
    size_t epoch_words, epoch_new;
};

void an_relate_state_destroy(struct an_relate_state *st)
{
    if (!st)
        return;
    if (st->sb)
        sb_stemmer_delete(st->sb);
    free(st->lex_slots);
    an_strmap_free(&st->lex_long);
    free(st->lex);
    free(st->tm);
    free(st->lexi);
    free(st->sp);
    free(st->ph);
    free(st->fwc);
    free(st->heads);
    free(st->puncts);
    free(st->spans);
    free(st);
}

/* ---- document side ---------------------------------------------------- */

/* Everything the walks of one sentence need. */
typedef struct rctx {
    an_extract *ex;
    const struct an_relations *R;
    struct an_relate_state *st;
    const an_text *t;
    const actnet_mention *ment;
    const uint32_t *tm, *sp;
    uint32_t *lexi;        /* lexicon entries (LEX_UNSET: not a WORD
                              token, looked up when asked) */
    const uint32_t *fwc;   /* lexicon flags of WORD tokens */
    const uint32_t *heads; /* tokens with TK_HEAD (sentence order) */
    size_t n_heads, next_head; /* how many; the first one not seen */
    const uint32_t *puncts;/* the PUNCT tokens, in order */
    size_t n_puncts, next_punct; /* how many; the first one not before
                              the sentence mark_spans saw last */
    int *oom;              /* set when the stemmer ran out of memory */
    uint8_t *ph;
    const an_span *spans;
    size_t lo, hi;         /* the sentence's tokens [lo, hi) */
    uint64_t words;        /* the word ids of its tokens (word_bits;
                              inside mentions too: agents' words), all
                              bits when one is not known */
    uint32_t sentence;
    /* the previous active verb of the sentence and its actors */
    int has_prev;
    size_t prev_end;
    uint32_t prev_actors[MAX_ARGS];
    size_t n_prev;
} rctx;

/* The FW_* flags of token k (0 unless a WORD token). */
static inline uint32_t fw(const rctx *c, size_t k)
{
    return c->fwc[k] & FW_ALL;
}

/* Is token k an irregular form? */
static int is_form(const rctx *c, size_t k)
{
    uint32_t dummy;
    if (c->t->toks[k].kind == AN_TOK_WORD)
        return (c->fwc[k] & TK_FORM) != 0;
    return wtab_get(&c->R->forms, an_tok_fold(c->t, k),
                    c->t->toks[k].fold_len, &dummy);
}

/* The character of a one-byte punctuation token k, else 0 (what
 * is_punct compares, read once for a test of several characters). */
static inline unsigned char punct_char(const rctx *c, size_t k)
{
    const an_token *tk = &c->t->toks[k];
    return tk->kind == AN_TOK_PUNCT && tk->fold_len == 1
               ? (unsigned char)an_tok_fold(c->t, k)[0]
               : 0;
}

static int is_punct(const rctx *c, size_t k, char ch)
{
    const an_token *tk = &c->t->toks[k];
    return tk->kind == AN_TOK_PUNCT && tk->fold_len == 1 &&
           an_tok_fold(c->t, k)[0] == ch;
}

/* A dash between words: a typographic dash, or a hyphen with spaces. */
static int is_dash(const rctx *c, size_t k)
{
    if (!is_punct(c, k, '-'))
        return 0;
    const an_token *tk = &c->t->toks[k];
    if (c->t->src[tk->start] != '-')
        return 1;
    return (tk->flags & AN_TF_SPACE_BEFORE) && k + 1 < c->t->n_toks &&
           (c->t->toks[k + 1].flags & AN_TF_SPACE_BEFORE);
}

/* A punctuation token that may end a clause (soft boundary).  Quotation
 * marks are not: quotations are spans, scare quotes are words. */
static int is_soft_boundary(const rctx *c, size_t k)
{
    switch (punct_char(c, k)) {
    case ',': case '(': case ')': case '[': case ']':
        return 1;
    case '-':
        return is_dash(c, k);
    default:
        return 0;
    }
}

static int is_hard_boundary(const rctx *c, size_t k)
{
    switch (punct_char(c, k)) {
    case ';': case ':': case '.': case '?': case '!':
        return 1;
    default:
        return 0;
    }
}

static int ends_with(const rctx *c, size_t k, const char *suf)
{
    size_t n = c->t->toks[k].fold_len, m = strlen(suf);
    return n > m + 1 && !memcmp(an_tok_fold(c->t, k) + n - m, suf, m);
}

static inline uint32_t get_wid(const rctx *c, size_t k);

/* Does a relation phrase start with the word of token k? */
static inline int is_head_word(const rctx *c, size_t k)
{
    return (c->fwc[k] & TK_HEAD) && c->tm[k] == NONE;
}

/* The mention that ends right before token k, or NONE. */
static uint32_t mention_ending_at(const rctx *c, size_t k)
{
    if (k <= c->lo)
        return NONE;
    uint32_t m = c->tm[k - 1];
    return m != NONE && c->ment[m].tok_end == k ? m : NONE;
}

/* The mention that starts at token k, or NONE. */
static uint32_t mention_starting_at(const rctx *c, size_t k)
{
    if (k >= c->hi)
        return NONE;
    uint32_t m = c->tm[k];
    return m != NONE && c->ment[m].tok_start == k ? m : NONE;
}

/* The preposition governing the mention that starts at token a (articles
 * skipped), or NONE. */
static size_t prep_before(const rctx *c, size_t a)
{
    size_t k = a;
    while (k > c->lo) {
        k--;
        if (c->t->toks[k].kind == AN_TOK_POSSESSIVE) {
            /* "from his country's border guards": skip "country's" */
            if (k == c->lo)
                return NONE;
            uint32_t m = c->tm[k - 1];
            k = m != NONE ? c->ment[m].tok_start : k - 1;
            continue;
        }
        if (c->tm[k] != NONE)
            return NONE;
        uint32_t f = fw(c, k);
        if (f & (FW_ART | FW_DET))
            continue;
        return (f & FW_PREP) ? k : NONE;
    }
    return NONE;
}

/* A word that may stand in a name's title chain ("German Chancellor"). */
static int is_title_word(const rctx *c, size_t k)
{
    const an_token *tk = &c->t->toks[k];
    return tk->kind == AN_TOK_WORD && (tk->flags & AN_TF_CAP) &&
           fw(c, k) == 0 && !is_head_word(c, k);
}

/* Is mention m a country (by name, adjective or metonym)? */
static int is_country_mention(const rctx *c, uint32_t m)
{
    const actnet_entity *e = actnet_extractor_entity(c->ex,
                                                     c->ment[m].entity);
    return c->ment[m].via == ACTNET_VIA_ADJECTIVE ||
           (e && e->type == ACTNET_COUNTRY);
}

/* Start of the title chain before the mention at token a: capitalised
 * non-function words and mentions ("EU Council President", "Russian
 * President"); a country adjective right before a name also counts
 * ("Belarusian KGB"), and so do lower-case words between a country and
 * the name ("Belarus opposition leader Svetlana Tikhanovskaya"). */
static size_t chain_start(const rctx *c, size_t a)
{
    size_t k = a;
    for (int steps = 0; k > c->lo && steps < 4; steps++) {
        size_t j = k - 1;
        if (c->sp[j] != c->sp[a])
            break;
        uint32_t m = c->tm[j];
        if (m != NONE) {
            if (k == a && c->ment[m].via != ACTNET_VIA_ADJECTIVE)
                break;  /* two names in a row */
            k = c->ment[m].tok_start;
        } else if (is_title_word(c, j)) {
            k = j;
        } else {
            /* lower-case words, if a country comes before them */
            size_t q = k;
            int words = 0;
            while (q > c->lo && words < 3 && c->tm[q - 1] == NONE &&
                   c->sp[q - 1] == c->sp[a] &&
                   c->t->toks[q - 1].kind == AN_TOK_WORD &&
                   !fw(c, q - 1) && !is_head_word(c, q - 1) &&
                   !ends_with(c, q - 1, "ed")) {
                q--;
                words++;
            }
            uint32_t cm = mention_ending_at(c, q);
            if (words && cm != NONE && c->sp[q - 1] == c->sp[a] &&
                is_country_mention(c, cm))
                k = c->ment[cm].tok_start;
            break;
        }
    }
    return k;
}

/* Is the mention m followed by what a subject is followed by (an
 * auxiliary, a speech verb, a relation verb)? */
static int looks_like_subject(const rctx *c, uint32_t m)
{
    size_t k = c->ment[m].tok_end;
    while (k < c->hi && (fw(c, k) & FW_ADV))
        k++;
    if (k >= c->hi)
        return 0;
    return (fw(c, k) & (FW_AUX | FW_MODAL | FW_SPEECH)) ||
           is_head_word(c, k);
}

/* Does token i look like a finite verb form: -s, -ed or irregular? */
static int is_finite(const rctx *c, size_t i)
{
    if (is_form(c, i))
        return 1;
    return ends_with(c, i, "ed") ||
           (ends_with(c, i, "s") && !ends_with(c, i, "ss"));
}

/* Is mention m followed, within three tokens of articles, adverbs and
 * plain words ("this week"), by a verb: an auxiliary, a speech verb, a
 * relation verb or an -ed / -s form? */
static int verb_follows(const rctx *c, uint32_t m)
{
    size_t k = c->ment[m].tok_end;
    for (int steps = 0; k < c->hi && steps < 3; steps++, k++) {
        const an_token *tk = &c->t->toks[k];
        if (tk->kind != AN_TOK_WORD || c->tm[k] != NONE)
            return 0;
        uint32_t f = fw(c, k);
        if ((f & (FW_AUX | FW_MODAL | FW_SPEECH | FW_LIGHT | FW_NEGVERB)) ||
            is_head_word(c, k) ||
            (!f && !(tk->flags & AN_TF_CAP) && is_finite(c, k)))
            return 1;
        if (f & ~(FW_ART | FW_ADV))
            return 0;
    }
    return 0;
}

/* The preposition governing mention m (with its title chain), or NONE.
 * The object of a relation phrase's own preposition followed by "to"
 * ("called for X to open talks") is the subject of what follows. */
static size_t mention_prep(const rctx *c, uint32_t m)
{
    size_t p = prep_before(c, chain_start(c, c->ment[m].tok_start));
    size_t e = c->ment[m].tok_end;
    if (p != NONE && c->ph[p] && e < c->hi && (fw(c, e) & FW_TO))
        return NONE;
    /* "after Russia said ...": a subordinator, not a preposition */
    if (p != NONE && (fw(c, p) & FW_SUBORD) && verb_follows(c, m))
        return NONE;
    return p;
}

/* Adds m to out (n entries) unless present; returns the new count. */
static size_t add_arg(uint32_t *out, size_t n, uint32_t m)
{
    for (size_t i = 0; i < n; i++)
        if (out[i] == m)
            return n;
    if (n < MAX_ARGS)
        out[n++] = m;
    return n;
}

/* Backward coordination from mention out[0]: "A, B and C" before it. */
static size_t coord_back(const rctx *c, uint32_t *out, size_t n)
{
    uint32_t m = out[n - 1];
    int first = 1;
    while (n < MAX_ARGS) {
        size_t a = chain_start(c, c->ment[m].tok_start);
        while (a > c->lo && (fw(c, a - 1) & FW_ART))
            a--;
        if (a <= c->lo)
            break;
        size_t k = a - 1;
        int conj = 0;
        if (c->sp[k] != c->sp[c->ment[m].tok_start])
            break;
        uint32_t f = fw(c, k);
        if ((f & FW_CONJ) && !(c->fwc[k] & TK_CONTRAST)) {
            conj = 1;
            if (k > c->lo && is_punct(c, k - 1, ','))
                k--;
        } else if (!is_punct(c, k, ',')) {
            break;
        }
        if (!conj && first)
            break;
        uint32_t b = mention_ending_at(c, k);
        if (b == NONE || c->sp[k - 1] != c->sp[c->ment[m].tok_start])
            break;
        n = add_arg(out, n, b);
        m = b;
        first = 0;
    }
    return n;
}

/* The head a target mention points to: "Lukashenko's close ally Russia"
 * -> Russia, "Russian President Vladimir Putin" -> Putin. */
static uint32_t refine_head(const rctx *c, uint32_t m, size_t hi)
{
    for (int rounds = 0; rounds < 3; rounds++) {
        size_t k = c->ment[m].tok_end;
        /* a generic agent "of" a country: "the Government of Belarus" */
        const actnet_entity *e = actnet_extractor_entity(c->ex,
                                                         c->ment[m].entity);
        if (c->ment[m].via == ACTNET_VIA_AGENT && e && !e->country &&
            k < hi && (fw(c, k) & FW_OF)) {
            size_t q = k + 1;
            while (q < hi && (fw(c, q) & FW_ART))
                q++;
            uint32_t of = mention_starting_at(c, q);
            if (of != NONE && is_country_mention(c, of)) {
                m = of;
                continue;
            }
        }
        int poss = 0;
        if (k < hi && c->t->toks[k].kind == AN_TOK_POSSESSIVE) {
            poss = 1;
            k++;
        }
        size_t words = 0;
        uint32_t next = NONE;
        while (k < hi && words <= 3) {
            if ((next = mention_starting_at(c, k)) != NONE)
                break;
            const an_token *tk = &c->t->toks[k];
            /* table words only: "close ally" is no adverb; after a
             * possessive every word is part of the noun phrase */
            if (tk->kind != AN_TOK_WORD || (!poss && is_head_word(c, k)) ||
                func_flags(c->R, an_tok_fold(c->t, k), tk->fold_len))
                break;
            if (!poss && !(tk->flags & AN_TF_CAP))
                break;
            words++;
            k++;
        }
        if (next == NONE ||
            (!poss && words == 0 && c->ment[m].via != ACTNET_VIA_ADJECTIVE))
            break;
        m = next;
    }
    return m;
}

/* Forward coordination from mention out[n-1] ("visit Lithuania and
 * Russia"); comma links count only when an and / or link follows. */
static size_t coord_fwd(const rctx *c, uint32_t *out, size_t n, size_t hi)
{
    size_t confirmed = n;
    uint32_t m = out[n - 1];
    while (n < MAX_ARGS) {
        size_t k = c->ment[m].tok_end;
        int conj = 0, comma = 0;
        if (k < hi && c->sp[k] != c->sp[c->ment[m].tok_start])
            break;
        if (k < hi && is_punct(c, k, ',')) {
            comma = 1;
            k++;
        }
        if (k < hi && (fw(c, k) & FW_CONJ) &&
            !(c->fwc[k] & TK_CONTRAST)) {
            conj = 1;
            k++;
        }
        if (!conj && !comma)
            break;
        while (k < hi && (fw(c, k) & FW_ART))
            k++;
        size_t words = 0;
        while (k < hi && words < 3 && mention_starting_at(c, k) == NONE &&
               is_title_word(c, k)) {
            words++;
            k++;
        }
        uint32_t b = mention_starting_at(c, k);
        if (b == NONE)
            break;
        b = refine_head(c, b, hi);
        if (looks_like_subject(c, b))
            break;
        n = add_arg(out, n, b);
        if (conj)
            confirmed = n;
        m = b;
    }
    return confirmed;
}

static size_t walk_back(rctx *c, size_t i, uint32_t *out, int depth);

/* Actors from mention m and its backward coordination. */
static size_t actors_from(const rctx *c, uint32_t m, uint32_t *out)
{
    out[0] = m;
    return coord_back(c, out, 1);
}

/* The subject at the start of the clause that ends at token k: the
 * leftmost mention not governed by a preposition, followed right through
 * title words and coordination to the head of the subject. */
static size_t clause_subject(const rctx *c, size_t k, uint32_t *out)
{
    size_t cs = c->lo;
    for (size_t q = k; q > c->lo; q--) {
        if (c->sp[q - 1])
            continue;
        if (is_hard_boundary(c, q - 1) || is_soft_boundary(c, q - 1)) {
            cs = q;
            break;
        }
    }
    uint32_t m = NONE;
    for (size_t q = cs; q < k && m == NONE; q++)
        if (!c->sp[q] && (m = mention_starting_at(c, q)) != NONE &&
            mention_prep(c, m) != NONE)
            m = NONE;
    if (m == NONE)
        return 0;
    for (;;) {
        size_t q = c->ment[m].tok_end, steps = 0;
        uint32_t next = NONE;
        while (q < k && steps < 4) {
            if ((next = mention_starting_at(c, q)) != NONE)
                break;
            const an_token *tk = &c->t->toks[q];
            uint32_t f = fw(c, q);
            int ok = tk->kind == AN_TOK_POSSESSIVE || is_punct(c, q, ',') ||
                     (f & FW_CONJ) ||
                     (tk->kind == AN_TOK_WORD && !f && !is_head_word(c, q) &&
                      ((tk->flags & AN_TF_CAP) ||
                       (!ends_with(c, q, "ed") &&
                        !(ends_with(c, q, "s") && !ends_with(c, q, "ss")))));
            if (!ok)
                break;
            q++;
            steps++;
        }
        if (next == NONE || mention_prep(c, next) != NONE)
            break;
        m = next;
    }
    return actors_from(c, m, out);
}

/* A verb right after and / but / or (token k): the actor of the previous
 * verb of the sentence, or the clause's subject. */
static size_t vp_coord(const rctx *c, size_t k, uint32_t *out)
{
    if (c->has_prev && c->prev_end <= k) {
        int hard = 0;
        for (size_t q = c->prev_end; q < k && !hard; q++)
            hard = !c->sp[q] && is_hard_boundary(c, q);
        if (!hard) {
            memcpy(out, c->prev_actors, c->n_prev * sizeof(*out));
            return c->n_prev;
        }
    }
    return clause_subject(c, k, out);
}

/*
 * The actors of the predicate starting at token i (see the top comment,
 * 4.).  Writes mention indices to out (MAX_ARGS) and returns how many.
 */
static size_t walk_back(rctx *c, size_t i, uint32_t *out, int depth)
{
    uint32_t own = c->sp[i];
    int blocker = 0, pron = 0;
    uint32_t of_cand = NONE;
    size_t k = i;

    while (k > c->lo) {
        k--;
        uint32_t s = c->sp[k];
        if (s && s != own) {
            k = c->spans[s].start;
            continue;
        }
        if (own && k == c->spans[own].start) {
            const an_span *sp = &c->spans[own];
            if (!blocker && !pron && sp->kind != SPAN_BRACKET &&
                sp->kind != SPAN_QUOTE && sp->antecedent != NONE)
                return actors_from(c, sp->antecedent, out);
            break;
        }
        uint32_t m = c->tm[k];
        if (m != NONE) {
            /* "Protesters in Minsk and Brest": the whole list is the
             * object of the preposition. */
            size_t n = actors_from(c, m, out);
            size_t p = mention_prep(c, out[n - 1]);
            if (p != NONE) {
                if (of_cand == NONE && !blocker && !pron &&
                    (fw(c, p) & FW_OF))
                    of_cand = m;
                k = p;
                continue;
            }
            if (pron)
                return 0;
            return n;
        }
        const an_token *tk = &c->t->toks[k];
        if (tk->kind == AN_TOK_PUNCT) {
            if (is_hard_boundary(c, k))
                break;
            if (is_soft_boundary(c, k) && (blocker || pron))
                break;
            continue;
        }
        if (tk->kind == AN_TOK_POSSESSIVE)
            continue;
        uint32_t f = fw(c, k);
        if (f & FW_CONJ) {
            /* "and urged", "and calls on", "and met"; a bare or -ing
             * form after "and" is as often a noun or a participle
             * ("abuse and torture", "and condemning police violence") */
            if (blocker || pron || !is_finite(c, i))
                break;
            return vp_coord(c, k, out);
        }
        if (f & FW_REL) {
            if (pron && (c->fwc[k] & TK_THAT))
                continue;
            if (blocker || pron)
                break;
            size_t q = k;
            if (q > c->lo && is_punct(c, q - 1, ','))
                q--;
            uint32_t ante = mention_ending_at(c, q);
            if (ante != NONE)
                return actors_from(c, ante, out);
            if (own && c->spans[own].antecedent != NONE &&
                c->spans[own].kind >= SPAN_DASH)
                return actors_from(c, c->spans[own].antecedent, out);
            break;
        }
        if (f & FW_SUBORD)
            break;
        if (f & FW_SPEECH) {
            if (pron && depth < 2)
                return walk_back(c, k, out, depth + 1);
            break;
        }
        if (f & FW_PRON) {
            pron = 1;
            continue;
        }
        if (!(f & (FW_AUX | FW_BE | FW_MODAL | FW_NEG | FW_ART | FW_DET |
                   FW_PREP | FW_ADV | FW_NEGVERB | FW_TO)))
            blocker = 1;
    }
    if (of_cand != NONE && !pron)
        return actors_from(c, of_cand, out);
    return 0;
}

/* End (exclusive) of the stretch a walk from token i may cover. */
static size_t walk_hi(const rctx *c, size_t i)
{
    uint32_t own = c->sp[i];
    return own ? c->spans[own].end : c->hi;
}

/* A country adjective before a common noun ("stodgy British food",
 * "the Belarusian people") names a thing, not the country; before a word
 * of a rules list (titles: "the Russian ambassador", "a Borealian
 * envoy") it names the country's representative and stays. */
static int modifies_common_noun(const rctx *c, uint32_t m, size_t hi)
{
    size_t k = c->ment[m].tok_end;
    if (c->ment[m].via != ACTNET_VIA_ADJECTIVE || k >= hi ||
        c->tm[k] != NONE)
        return 0;
    const an_token *tk = &c->t->toks[k];
    /* "Belarusians fleeing ...": a participle after it is no noun */
    if (tk->kind != AN_TOK_WORD || (tk->flags & AN_TF_CAP) || fw(c, k) ||
        ends_with(c, k, "ing") || ends_with(c, k, "ed"))
        return 0;
    /* out of memory (-1): keep the target, as without this rule */
    return an_match_in_list(c->ex->rules, c->t, NULL, k) == 0;
}

/*
 * The targets after a phrase ending before token e (see 5.).  Writes
 * mention indices to out and returns how many.
 */
static size_t walk_fwd(const rctx *c, size_t i, size_t e, uint32_t *out,
                       size_t *obj)
{
    uint32_t own = c->sp[i];
    size_t hi = walk_hi(c, i);
    int direct = 1, other_prep = 0, prep_seen = 0;
    unsigned content = 0, preps = 0, nouns = 0;
    size_t k = e;
    if (obj)
        *obj = NONE;

    while (k < hi) {
        uint32_t s = c->sp[k];
        if (s && s != own) {
            k = c->spans[s].end + 1;
            direct = 0;
            content++;
            continue;
        }
        uint32_t m = c->tm[k];
        if (m != NONE) {
            size_t p = direct ? NONE : mention_prep(c, m);
            /* "threatened action against X": the object of a directed
             * preposition right after the verb's short object */
            int aimed = p != NONE && p >= e && (fw(c, p) & FW_DIRECTED) &&
                        preps == 1 && !other_prep && nouns >= 1 &&
                        content <= 4;
            if (p != NONE && p >= e && !aimed &&
                !((fw(c, p) & FW_OF) && !other_prep && !prep_seen &&
                  content <= 2)) {
                /* object of a preposition: skip it and its list */
                uint32_t tmp[MAX_ARGS];
                tmp[0] = m;
                size_t n = coord_fwd(c, tmp, 1, hi);
                k = c->ment[tmp[n - 1]].tok_end;
                other_prep = 1;
                direct = 0;
                continue;
            }
            out[0] = refine_head(c, m, hi);
            if (modifies_common_noun(c, out[0], hi))
                return 0;
            return coord_fwd(c, out, 1, hi);
        }
        const an_token *tk = &c->t->toks[k];
        if (tk->kind == AN_TOK_POSSESSIVE ||
            (tk->kind == AN_TOK_PUNCT && !is_soft_boundary(c, k) &&
             !is_hard_boundary(c, k))) {
            k++;
            continue;
        }
        if (tk->kind == AN_TOK_PUNCT)
            break;
        uint32_t f = fw(c, k);
        if (f & FW_ART) {
            k++;
            continue;
        }
        if (f & (FW_TO | FW_REL | FW_SUBORD | FW_SPEECH | FW_AUX | FW_MODAL |
                 FW_PRON | FW_CONJ))
            break;
        if (f & FW_PREP) {
            if (!(f & FW_OF))
                prep_seen = 1;
            preps++;
            direct = 0;
            k++;
            continue;
        }
        /* a relation word as the object's noun ("called for sanctions
         * on X") stops the walk unless a directed preposition follows */
        if (is_head_word(c, k)) {
            if (!(preps == 0 && content < 4 && k + 1 < hi &&
                  (fw(c, k + 1) & FW_DIRECTED)))
                break;
            if (obj)
                *obj = k;
        }
        direct = 0;
        if (!(f & FW_ADV))
            nouns++;
        if (++content > 6)
            break;
        k++;
    }
    return 0;
}

/* The actor of a passive predicate: "by" + mention after the phrase. */
static size_t by_agent(const rctx *c, size_t i, size_t e, uint32_t *out)
{
    uint32_t own = c->sp[i];
    size_t hi = walk_hi(c, i);
    size_t k = e, steps = 0;
    while (k < hi && steps < 8) {
        uint32_t s = c->sp[k];
        if (s && s != own) {
            k = c->spans[s].end + 1;
            continue;
        }
        uint32_t m = c->tm[k];
        if (m != NONE) {
            k = c->ment[m].tok_end;
            steps++;
            continue;
        }
        uint32_t f = fw(c, k);
        if (f & FW_BY) {
            k++;
            while (k < hi && (fw(c, k) & FW_ART))
                k++;
            uint32_t b = mention_starting_at(c, k);
            if (b == NONE)
                return 0;
            out[0] = refine_head(c, b, hi);
            return coord_fwd(c, out, 1, hi);
        }
        if (is_soft_boundary(c, k) || is_hard_boundary(c, k) ||
            (f & (FW_REL | FW_SUBORD | FW_SPEECH | FW_AUX | FW_MODAL |
                  FW_PRON | FW_CONJ | FW_TO)))
            return 0;
        k++;
        steps++;
    }
    return 0;
}

/* Is the verb at token i (phrase [i, e)) passive? */
static int is_passive(const rctx *c, size_t i, size_t e)
{
    if (ends_with(c, i, "ing"))
        return 0;
    size_t k = i;
    for (int steps = 0; k > c->lo && steps < 4; steps++) {
        k--;
        uint32_t f = fw(c, k);
        if (f & FW_BE)
            return 1;
        if (!(f & (FW_ADV | FW_NEG)))
            break;
    }
    /* a participle followed by "by": "X, backed by Y, ..." */
    int participle = ends_with(c, i, "ed") || is_form(c, i);
    k = e;
    while (k < c->hi && (fw(c, k) & FW_ADV))
        k++;
    return participle && k < c->hi && (fw(c, k) & FW_BY) &&
           mention_starting_at(c, k + 1) != NONE;
}

/* The actor of a relation noun: a possessive or a mention right before
 * it (one or two words between allowed: "Putin's continued support"), or
 * the subject of a light verb taking the noun ("Putin vowed military
 * support for", "the EU imposed sanctions against"); *light is set to
 * the light verb's token then, else to NONE. */
static size_t noun_actor(rctx *c, size_t i, uint32_t *out, size_t *light)
{
    size_t k = i, gaps = 0;
    uint32_t own = c->sp[i];
    *light = NONE;
    while (k > c->lo) {
        k--;
        if (c->sp[k] != own)
            return 0;
        const an_token *tk = &c->t->toks[k];
        if (tk->kind == AN_TOK_POSSESSIVE) {
            uint32_t m = mention_ending_at(c, k);
            return m == NONE ? 0 : actors_from(c, m, out);
        }
        uint32_t m = c->tm[k];
        if (m != NONE) {
            if (mention_prep(c, m) != NONE)
                return 0;
            return actors_from(c, m, out);
        }
        uint32_t f = fw(c, k);
        if (f & FW_LIGHT) {
            if (gaps > 0 && (fw(c, k + 1) & FW_ART) &&
                !(fw(c, k + 1) & FW_INDEF))
                return 0;  /* "announced the sanctions": not its own */
            *light = k;
            return walk_back(c, k, out, 0);
        }
        /* "launched an attack on", "carried out a raid on" */
        if ((f & FW_INDEF) || (f == 0 && tk->kind == AN_TOK_WORD &&
                               k > c->lo && (fw(c, k - 1) & FW_LIGHT) &&
                               !is_head_word(c, k))) {
            if (++gaps > 3)
                return 0;
            continue;
        }
        /* modifiers: "continued", "military" (a head word of "military
         * aid to", but no finite verb here) */
        if (tk->kind != AN_TOK_WORD || f ||
            (is_head_word(c, k) && is_finite(c, k)) || ++gaps > 2)
            return 0;
    }
    return 0;
}

/* Negation and modality from the tokens before the phrase (see 8.). */
static void modality(const rctx *c, size_t i, int noun, int *neg,
                     int *hedge)
{
    int to_adj = !noun, hedge_to = 0, hedge_other = 0;
    size_t k = i;
    *neg = 0;
    for (int steps = 0; k > c->lo && steps < 6; steps++) {
        k--;
        if (c->tm[k] != NONE || c->sp[k] != c->sp[i])
            break;
        const an_token *tk = &c->t->toks[k];
        if (tk->kind == AN_TOK_PUNCT) {
            if (is_soft_boundary(c, k) || is_hard_boundary(c, k))
                break;
            continue;
        }
        uint32_t f = fw(c, k);
        if (f & FW_NEG)
            *neg = 1;
        if (noun && (f & FW_NO))
            *neg = 1;
        if (f & (FW_MODAL | FW_HEDGE))
            hedge_other = 1;
        if ((f & FW_TO) && to_adj)
            hedge_to = 1;
        else if ((f & FW_NEGVERB) && hedge_to) {
            *neg = 1;
            hedge_to = 0;
        }
        if ((f & (FW_REL | FW_SPEECH)) ||
            ((f & FW_SUBORD) && !(f & FW_HEDGE)))
            break;
        if (!(f & (FW_ADV | FW_AUX | FW_BE | FW_NEG | FW_TO)))
            to_adj = 0;
    }
    *hedge = hedge_to || hedge_other;
}

/* Quotes: typographic ones by direction, ASCII ones by the spaces
 * around them. */
static int is_open_quote(const rctx *c, size_t k)
{
    if (!is_punct(c, k, '"'))
        return 0;
    const an_token *tk = &c->t->toks[k];
    const unsigned char *p = (const unsigned char *)c->t->src + tk->start;
    if (tk->end - tk->start == 3 && p[0] == 0xE2 && p[1] == 0x80)
        return p[2] == 0x9C || p[2] == 0x9E; /* “ „ */
    return k == c->lo || (tk->flags & AN_TF_SPACE_BEFORE);
}

static int is_close_quote(const rctx *c, size_t k)
{
    if (!is_punct(c, k, '"'))
        return 0;
    const an_token *tk = &c->t->toks[k];
    const unsigned char *p = (const unsigned char *)c->t->src + tk->start;
    if (tk->end - tk->start == 3 && p[0] == 0xE2 && p[1] == 0x80)
        return p[2] == 0x9D; /* ” */
    return !(tk->flags & AN_TF_SPACE_BEFORE) || k + 1 >= c->hi ||
           (c->t->toks[k + 1].flags & AN_TF_SPACE_BEFORE);
}

/* Can an appositive start at token q?  Not with another name (a list or
 * a new clause: "France, Germany and ...") unless it is a possessive
 * ("Putin, Russia's president, ..."), nor with a conjunction or pronoun. */
static int appos_start_ok(const rctx *c, size_t q)
{
    if (q >= c->hi)
        return 0;
    uint32_t m = mention_starting_at(c, q);
    if (m != NONE) {
        size_t e = c->ment[m].tok_end;
        return e < c->hi && c->t->toks[e].kind == AN_TOK_POSSESSIVE;
    }
    return !(fw(c, q) & (FW_CONJ | FW_PRON));
}

/* Marks the sentence's parentheticals (see 3.): sp[k] is the innermost
 * span holding token k.  Quotes and brackets may hold other spans
 * ("“... Lukashenko, who is ..., should ...”").  0 / -1. */
static int mark_spans(rctx *c)
{
    struct an_relate_state *st = c->st;
    uint32_t *sp = st->sp;
    size_t lo = c->lo;
    for (size_t k = lo; k < c->hi; k++)
        sp[k] = 0;
    st->n_spans = 1;  /* index 0 is "none" */
    c->spans = st->spans;
    /* every span starts with a bracket, quote, dash or comma: only the
     * punctuation tokens are looked at (pk: their index in puncts) */
    const uint32_t *pu = c->puncts;
    size_t np = c->n_puncts, pk = c->next_punct;
    while (pk < np && pu[pk] < lo)
        pk++;
    c->next_punct = pk;
    for (; pk < np && pu[pk] < c->hi; pk++) {
        size_t k = pu[pk];
        uint32_t outer = sp[k];
        if (outer && (k == st->spans[outer].start ||
                      k == st->spans[outer].end))
            continue;
        /* a span must close inside the one around it */
        size_t hi = outer ? st->spans[outer].end : c->hi;
        size_t end = NONE;
        int kind = 0;
        /* the character read once (is_punct's test, then the kinds) */
        unsigned char ch = punct_char(c, k);
        if (ch == '(' || ch == '[') {
            char close = ch == '(' ? ')' : ']';
            for (size_t x = pk + 1; x < np && pu[x] < hi && end == NONE;
                 x++)
                if (is_punct(c, pu[x], close))
                    end = pu[x];
            kind = SPAN_BRACKET;
        } else if (ch == '"' && is_open_quote(c, k)) {
            for (size_t x = pk + 1; x < np && pu[x] < hi && end == NONE;
                 x++)
                if (is_close_quote(c, pu[x]))
                    end = pu[x];
            /* scare quotes ("was “shielding” Lukashenko") are words of
             * the clause, not a quotation of its own */
            if (end != NONE && end - k <= QUOTE_MIN)
                end = NONE;
            kind = SPAN_QUOTE;
        } else if (ch == '-' && is_dash(c, k)) {
            for (size_t q = k + 1; q < hi && q <= k + 40 && end == NONE;
                 q++) {
                if (is_hard_boundary(c, q))
                    break;
                if (is_dash(c, q))
                    end = q;
            }
            kind = SPAN_DASH;
        } else if (ch == ',' && k + 1 < hi &&
                   (fw(c, k + 1) & FW_REL) && !(c->fwc[k + 1] & TK_THAT)) {
            end = hi - 1;
            for (size_t q = k + 1; q < hi; q++) {
                unsigned char qc = punct_char(c, q);
                if (!qc)
                    continue;  /* none of the four below */
                if (qc == ',' || is_hard_boundary(c, q) || is_dash(c, q) ||
                    is_close_quote(c, q)) {
                    end = qc == ',' || is_dash(c, q) ? q : q - 1;
                    break;
                }
            }
            kind = SPAN_REL;
        } else if (ch == ',' && mention_ending_at(c, k) != NONE &&
                   appos_start_ok(c, k + 1)) {
            int list = 1;
            for (size_t q = k + 1; q < hi && q <= k + APPOS_MAX + 1; q++) {
                unsigned char qc = punct_char(c, q);
                if (qc == ',') {
                    end = q;
                    break;
                }
                if (qc && (is_hard_boundary(c, q) || is_soft_boundary(c, q)))
                    break;
                if (c->tm[q] == NONE && !(fw(c, q) & (FW_CONJ | FW_ART)) &&
                    c->t->toks[q].kind != AN_TOK_POSSESSIVE)
                    list = 0;
            }
            if (end != NONE && (list || end == k + 1))
                end = NONE;
            kind = SPAN_APPOS;
        }
        if (end == NONE || end < k + 1)
            continue;
        if (AN_RESERVE(st->spans, st->cap_spans, st->n_spans + 1))
            return -1;
        c->spans = st->spans;
        an_span *sn = &st->spans[st->n_spans];
        sn->start = (uint32_t)k;
        sn->end = (uint32_t)end;
        sn->kind = kind;
        sn->antecedent = mention_ending_at(c, k);
        for (size_t q = k; q <= end; q++)
            sp[q] = (uint32_t)st->n_spans;
        st->n_spans++;
        if (kind != SPAN_QUOTE && kind != SPAN_BRACKET) {
            /* quotes and brackets may hold more spans */
            while (pk + 1 < np && pu[pk + 1] <= end)
                pk++;
        }
    }
    return 0;
}

/* Is rest (rn bytes) a regular verb or plural ending? */
static int regular_ending(const char *rest, size_t rn)
{
    return rn == 0 || (rn == 1 && (*rest == 's' || *rest == 'd')) ||
           (rn == 2 && rest[1] == 's' && rest[0] == 'e') ||
           (rn == 2 && rest[1] == 'd' && rest[0] == 'e') ||
           (rn == 3 && rest[0] == 'i' && rest[1] == 'n' && rest[2] == 'g');
}

/* Is token k an inflection of the phrase word whose folded lemma starts
 * at offset off of R->lemmas?  The stems already agree; this rejects
 * derived nouns.  Accepted: lemma + s / d / es / ed / ing, also with a
 * dropped final e (imposing), a doubled consonant (banned) or y -> i
 * (denied); irregular forms; any form whose noun ending the lemma has
 * too. */
static int inflection_ok(const rctx *c, size_t k, const an_lemma *lm)
{
    const char *lemma = c->R->lemmas.data + lm->off;
    size_t ln = lm->len;
    const char *w = an_tok_fold(c->t, k);
    size_t n = c->t->toks[k].fold_len;
    size_t common = 0;
    while (common < ln && common < n && w[common] == lemma[common])
        common++;
    if (common == ln) {
        if (regular_ending(w + ln, n - ln))
            return 1;
        /* banned, stopping: the last consonant doubled */
        if (n > ln && w[ln] == lemma[ln - 1] &&
            regular_ending(w + ln + 1, n - ln - 1))
            return 1;
    } else if (common + 1 == ln && lemma[common] == 'e') {
        if (regular_ending(w + common, n - common))
            return 1;  /* imposing */
    } else if (common + 1 == ln && lemma[common] == 'y' && n > common &&
               w[common] == 'i') {
        return 1;      /* denied, denies */
    }
    /* a noun ending the lemma lacks: only an irregular form passes */
    uint32_t cand = n ? c->R->suffix_last[(unsigned char)w[n - 1]] &
                            ~lm->suffixes
                      : 0;
    for (size_t i = 0; cand; i++, cand >>= 1) {
        const suffix *sf = &nominal_suffixes[i];
        if ((cand & 1) && ends_in(w, n, sf->s, sf->n))
            return is_form(c, k);
    }
    return 1;
}

static uint32_t token_wid(const rctx *c, size_t k);

/* inflection_ok, remembered per form: a word token's answer depends on
 * its form and the lemma only. */
static int inflection_ok_memo(const rctx *c, size_t k, const an_lemma *lm)
{
    uint32_t e = c->lexi[k];
    if (e == LEX_UNSET || c->t->toks[k].kind != AN_TOK_WORD)
        return inflection_ok(c, k, lm);
    an_lex *x = &c->st->lex[e];
    if (x->infl_off != lm->off) {
        x->infl_off = lm->off;
        x->memo = (x->memo & ~(1u << 31)) |
                  (uint32_t)inflection_ok(c, k, lm) << 31;
    }
    return (int)(x->memo >> 31);
}

/* inflection_ok of head token i (x: its lexicon entry) and the lemma of
 * phrase hp, remembered
 * per form and lemma of the head word (a head's phrases may have two
 * lemmas, "meet" and "meeting", asked in turn). */
static int head_inflection_ok(const rctx *c, size_t i, an_lex *x,
                              const an_head_phrase *hp)
{
    const an_lemma *lm = &c->R->lemma[hp->first];
    if (hp->li >= HEAD_LEMMAS)
        return inflection_ok_memo(c, i, lm);
    uint32_t bit = 1u << hp->li;
    if (!(x->memo & bit << 16))
        x->memo |= bit << 16 | (inflection_ok(c, i, lm) ? bit : 0);
    return (x->memo & bit) != 0;
}

/* The word id of token k inside an agent mention ("sent troops to": the
 * agent's words may be words of a phrase), NONE for other mentions. */
static uint32_t agent_wid(const rctx *c, size_t k)
{
    if (c->ment[c->tm[k]].via != ACTNET_VIA_AGENT ||
        c->t->toks[k].kind != AN_TOK_WORD)
        return NONE;
    return token_wid(c, k);
}

/* Does a phrase word follow at token *k (gaps allowed)?  Advances *k.
 * A word of an agent mention may be the phrase word ("sent Russian
 * troops to"); its other words are skipped like gaps. */
static int phrase_word_at(const rctx *c, size_t *k, uint32_t want,
                          int adverbs_only)
{
    size_t q = *k;
    int gaps = 0;
    while (q < c->hi) {
        if (c->tm[q] != NONE) {
            uint32_t w = agent_wid(c, q);
            if (w == want) {
                *k = q + 1;
                return 1;
            }
            if (c->ment[c->tm[q]].via != ACTNET_VIA_AGENT || adverbs_only ||
                ++gaps > MAX_GAP)
                return 0;
            q++;
            continue;
        }
        if (get_wid(c, q) == want) {
            *k = q + 1;
            return 1;
        }
        const an_token *tk = &c->t->toks[q];
        if (is_punct(c, q, '-') && !is_dash(c, q)) {
            q++;
            continue;
        }
        if (tk->kind != AN_TOK_WORD && tk->kind != AN_TOK_NUMBER)
            return 0;
        uint32_t f = fw(c, q);
        if (adverbs_only ? !(f & FW_ADV)
                         : (f & (FW_PREP | FW_CONJ | FW_REL | FW_SUBORD |
                                 FW_PRON | FW_AUX | FW_MODAL | FW_SPEECH)))
            return 0;
        if (++gaps > MAX_GAP)
            return 0;
        q++;
    }
    return 0;
}

/*
 * An object slot at token *k followed by the phrase word want: one to
 * SLOT_MAX tokens of words, numbers, possessives, hyphens and entity
 * mentions ("his notorious riot police", "mercenaries"; "of" allowed:
 * "hundreds of troops"), then want right after them.  Advances *k past
 * want.
 */
static int slot_then_word_at(const rctx *c, size_t *k, uint32_t want)
{
    size_t q = *k;
    for (size_t len = 0; len < SLOT_MAX && q < c->hi; len++, q++) {
        const an_token *tk = &c->t->toks[q];
        if (len > 0 && c->tm[q] == NONE && tk->kind == AN_TOK_WORD &&
            get_wid(c, q) == want) {
            *k = q + 1;
            return 1;
        }
        if (c->tm[q] != NONE || tk->kind == AN_TOK_POSSESSIVE ||
            (is_punct(c, q, '-') && !is_dash(c, q)))
            continue;
        if (tk->kind != AN_TOK_WORD && tk->kind != AN_TOK_NUMBER)
            return 0;
        uint32_t f = fw(c, q);
        if ((f & (FW_PREP | FW_CONJ | FW_REL | FW_SUBORD | FW_AUX |
                  FW_MODAL | FW_SPEECH)) && !(f & FW_OF))
            return 0;
    }
    if (q < c->hi && c->tm[q] == NONE &&
        c->t->toks[q].kind == AN_TOK_WORD && get_wid(c, q) == want) {
        *k = q + 1;
        return 1;
    }
    return 0;
}

/* The tokens phrase_word_at(c, k, want, adverbs_only) compares with
 * want, and their word ids, the same for every want until one matches:
 * listed once per phrase head, so the second words of its phrases (where
 * nearly all of them fail) are looked for in a short array.  complete is
 * 0 when the walk went on past FOLLOW_MAX tokens (a long run of
 * hyphens): phrase_word_at is asked then. */
#define FOLLOW_MAX 8

typedef struct follow {
    uint32_t n;
    int complete;
    uint32_t q[FOLLOW_MAX], wid[FOLLOW_MAX];
} follow;

static void follow_build(const rctx *c, size_t k, int adverbs_only,
                         follow *fl)
{
    size_t q = k;
    int gaps = 0;
    fl->n = 0;
    fl->complete = 1;
    while (q < c->hi) {
        if (fl->n == FOLLOW_MAX) {
            fl->complete = 0;
            return;
        }
        fl->q[fl->n] = (uint32_t)q;
        if (c->tm[q] != NONE) {
            fl->wid[fl->n++] = agent_wid(c, q);
            if (c->ment[c->tm[q]].via != ACTNET_VIA_AGENT || adverbs_only ||
                ++gaps > MAX_GAP)
                return;
            q++;
            continue;
        }
        fl->wid[fl->n++] = get_wid(c, q);
        const an_token *tk = &c->t->toks[q];
        if (is_punct(c, q, '-') && !is_dash(c, q)) {
            q++;
            continue;
        }
        if (tk->kind != AN_TOK_WORD && tk->kind != AN_TOK_NUMBER)
            return;
        uint32_t f = fw(c, q);
        if (adverbs_only ? !(f & FW_ADV)
                         : (f & (FW_PREP | FW_CONJ | FW_REL | FW_SUBORD |
                                 FW_PRON | FW_AUX | FW_MODAL | FW_SPEECH)))
            return;
        if (++gaps > MAX_GAP)
            return;
        q++;
    }
}

/* phrase_word_at(c, k, want, adverbs_only) from the follow list of
 * token *k (built on first use: built[adverbs_only]). */
static int follow_word_at(const rctx *c, size_t *k, uint32_t want,
                          int adverbs_only, follow *fl, int *built)
{
    follow *f = &fl[adverbs_only];
    if (!built[adverbs_only]) {
        follow_build(c, *k, adverbs_only, f);
        built[adverbs_only] = 1;
    }
    for (uint32_t x = 0; x < f->n; x++)
        if (f->wid[x] == want) {
            *k = (size_t)f->q[x] + 1;
            return 1;
        }
    return f->complete ? 0 : phrase_word_at(c, k, want, adverbs_only);
}

/* Does phrase hp match at head token i (its head word checked)?  Sets
 * *end then.  fl, built: the follow lists of i (follow_word_at). */
static int phrase_at(const rctx *c, size_t i, const an_head_phrase *hp,
                     follow *fl, int *built, size_t *end)
{
    const struct an_relations *R = c->R;
    size_t k = i + 1;
    uint32_t j = 1;
    if (hp->n > 1 && hp->w1 != WID_SLOT) {
        if (!follow_word_at(c, &k, hp->w1, hp->adv1, fl, built) ||
            !inflection_ok_memo(c, k - 1, &R->lemma[hp->first + 1]))
            return 0;
        j = 2;
    }
    for (; j < hp->n; j++) {
        uint32_t want = R->words[hp->first + j];
        if (want == WID_SLOT) {
            want = R->words[hp->first + ++j];
            if (!slot_then_word_at(c, &k, want) ||
                !inflection_ok_memo(c, k - 1, &R->lemma[hp->first + j]))
                return 0;
            continue;
        }
        int adv = j == hp->n - 1u && (R->vflags[want] & VF_PREP);
        if (!phrase_word_at(c, &k, want, adv) ||
            !inflection_ok_memo(c, k - 1, &R->lemma[hp->first + j]))
            return 0;
    }
    *end = k;
    return 1;
}

static int noun_position(const rctx *c, size_t i);

/* The longest phrase starting at token i; sets *end.  NONE if none.
 * Only noun phrases match in a noun position (noun_position). */
static uint32_t match_at(const rctx *c, size_t i, size_t *end)
{
    const struct an_relations *R = c->R;
    /* a head: a WORD token outside mentions, looked up by the lexicon
     * pass with its word id */
    an_lex *x = &c->st->lex[c->lexi[i]];
    /* the words every phrase this form may head needs (once its plan is
     * known): most heads stop here ("said": "say to" needs "to") */
    if ((x->plan & PLAN_KNOWN) && (x->need & ~c->words))
        return NONE;
    uint32_t w = x->wid;
    uint32_t h0 = R->head_start[w], nh = R->head_start[w + 1] - h0;
    follow fl[2];
    int built[2] = {0, 0};
    if (nh <= PLAN_MAX) {
        /* The phrases that may match here, as a bit set remembered per
         * form (noun flags and inflection checks depend on nothing
         * else), so that only those are walked, longest first. */
        if (!(x->plan & PLAN_KNOWN)) {
            uint32_t plan = PLAN_KNOWN, last_off = UINT32_MAX;
            int last_ok = 0;
            uint64_t need = ~(uint64_t)0;
            for (uint32_t b = 0; b < nh; b++) {
                const an_head_phrase *hp = &R->by_head[h0 + b];
                if (hp->off != last_off) {
                    last_off = hp->off;
                    last_ok = head_inflection_ok(c, i, x, hp);
                }
                if (last_ok) {
                    plan |= (1u | (hp->noun ? 1u << PLAN_MAX : 0u)) << b;
                    need &= hp->wmask;
                }
            }
            x->plan = plan;
            x->need = need;
        }
        uint32_t cand = x->plan & PLAN_MASK;
        uint32_t nouns = x->plan >> PLAN_MAX & PLAN_MASK;
        if (cand != nouns && noun_position(c, i))
            cand = nouns;
        for (; cand; cand &= cand - 1) {
            const an_head_phrase *hp =
                &R->by_head[h0 + (uint32_t)__builtin_ctz(cand)];
            /* not where the sentence lacks one of its words */
            if (!(hp->wmask & ~c->words) &&
                phrase_at(c, i, hp, fl, built, end))
                return hp->pi;
        }
        return NONE;
    }
    uint32_t last_off = UINT32_MAX;
    int last_ok = 0, noun_only = noun_position(c, i);
    for (uint32_t b = 0; b < nh; b++) {
        const an_head_phrase *hp = &R->by_head[h0 + b];
        if (noun_only && !hp->noun)
            continue;
        if (hp->off != last_off) {
            last_off = hp->off;
            last_ok = head_inflection_ok(c, i, x, hp);
        }
        if (last_ok && !(hp->wmask & ~c->words) &&
            phrase_at(c, i, hp, fl, built, end))
            return hp->pi;
    }
    return NONE;
}

static int mention_cmp_pos(const rctx *c, uint32_t a, uint32_t b)
{
    return c->ment[a].tok_start < c->ment[b].tok_start;
}

static void sort_args(const rctx *c, uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && mention_cmp_pos(c, v[j], v[j - 1]); j--) {
            uint32_t x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
}

/* A statement (CAMEO 01: "told the BBC", "said in an interview with
 * Reuters") whose target is a news organisation (kind news): the
 * target is the medium of the statement, not someone it acts on. */
static int to_medium(const rctx *c, uint32_t rel, uint32_t target)
{
    const char *cm = c->R->pub[rel].cameo;
    if (!cm || cm[0] != '0' || cm[1] != '1')
        return 0;
    const actnet_entity *e = actnet_extractor_entity(c->ex, target);
    return e && e->kind && !strcmp(e->kind, "news");
}

static int add_event(rctx *c, uint32_t ma, uint32_t mt, uint32_t rel,
                     size_t i, size_t e, int neg, int hedge)
{
    an_extract *ex = c->ex;
    uint32_t a = c->ment[ma].entity, t = c->ment[mt].entity;
    if (a == t)
        return 0;
    size_t start = c->t->toks[i].start;
    for (size_t q = ex->n_events; q > 0; q--) {
        const actnet_event *ev = &ex->events[q - 1];
        if (ev->start != start)
            break;
        if (ev->actor == a && ev->target == t)
            return 0;
    }
    if (AN_RESERVE(ex->events, ex->cap_events, ex->n_events + 1))
        return -1;
    actnet_event *ev = &ex->events[ex->n_events++];
    ev->actor = a;
    ev->target = t;
    ev->relation = rel;
    ev->sentence = c->sentence;
    ev->start = start;
    ev->end = c->t->toks[e - 1].end;
    ev->negated = neg;
    ev->hedged = hedge;
    ev->actor_mention = ma;
    ev->target_mention = mt;
    ev->media = to_medium(c, rel, t);
    return 0;
}

/* Verb forms whose subject the heuristics cannot know: a gerund after a
 * preposition ("in encouraging Minsk", "for meeting X") and a purpose
 * infinitive after an article and a noun ("a rally to protest against
 * X"). */
static int unknown_subject(const rctx *c, size_t i)
{
    size_t k = i;
    while (k > c->lo && (fw(c, k - 1) & FW_ADV))
        k--;
    if (k == c->lo)
        return 0;
    uint32_t f = fw(c, k - 1);
    /* "accused X of pressing Y": X is the subject; so is the clause's
     * for a gerund of means ("X broke the law by recruiting Y") */
    if (ends_with(c, i, "ing") && (f & FW_BY))
        return 0;
    if (ends_with(c, i, "ing") && (f & FW_PREP) && !(f & FW_TO))
        return !((f & FW_OF) && mention_ending_at(c, k - 1) != NONE);
    if ((f & FW_TO) && k >= c->lo + 3) {
        size_t n = k - 2;  /* the word before "to" */
        const an_token *tn = &c->t->toks[n];
        return tn->kind == AN_TOK_WORD && c->tm[n] == NONE &&
               !func_flags(c->R, an_tok_fold(c->t, n), tn->fold_len) &&
               (fw(c, n - 1) & FW_ART);
    }
    return 0;
}

/* Does a verb of relation r, with an act as its object, stand for that
 * act ("called for sanctions on X", "backed sanctions on X", "threatened
 * an attack on X": hedged acts of the subject)?  The verbs of appeal,
 * intent, support, demand and threat (CAMEO 02, 03, 05, 10, 13) do;
 * others ("condemned the attack on X") tell of an act by someone
 * else. */
static int passes_on(const actnet_relation *r)
{
    const char *cm = r->cameo;
    if (!cm || !cm[0] || !cm[1])
        return 0;
    return (cm[0] == '0' && (cm[1] == '2' || cm[1] == '3' || cm[1] == '5')) ||
           (cm[0] == '1' && (cm[1] == '0' || cm[1] == '3'));
}

/* Attaches actor(s) and target(s) to the phrase pi at tokens [i, e). */
static int relate_phrase(rctx *c, uint32_t pi, size_t i, size_t e)
{
    const an_rel_phrase *p = &c->R->phrases[pi];
    const actnet_relation *rel = &c->R->pub[p->rel];
    uint32_t actors[MAX_ARGS], targets[MAX_ARGS];
    size_t na = 0, nt = 0, light = NONE, obj = NONE;
    int neg, hedge;
    uint32_t relno = p->rel;

    if (p->noun) {
        na = noun_actor(c, i, actors, &light);
        nt = na ? walk_fwd(c, i, e, targets, NULL) : 0;
        if (!na && rel->symmetric && (fw(c, e - 1) & FW_RECIP)) {
            /* "talks between X and Y": the pair is after the noun */
            na = walk_fwd(c, i, e, actors, NULL);
            if (na < 2)
                return 0;
        }
    } else if (is_passive(c, i, e)) {
        na = by_agent(c, i, e, actors);
        nt = na ? walk_back(c, i, targets, 0) : 0;
    } else if (unknown_subject(c, i)) {
        return 0;
    } else {
        na = walk_back(c, i, actors, 0);
        nt = na ? walk_fwd(c, i, e, targets, &obj) : 0;
        if (na) {
            c->has_prev = 1;
            c->prev_end = e;
            memcpy(c->prev_actors, actors, na * sizeof(*actors));
            c->n_prev = na;
        }
    }
    if (!na)
        return 0;
    if (light != NONE) {
        /* "did not offer support for", "vowed support for" */
        modality(c, light, 0, &neg, &hedge);
        hedge |= (fw(c, light) & FW_PROMISE) != 0;
    } else {
        modality(c, i, p->noun, &neg, &hedge);
    }
    if (obj != NONE && nt) {
        /* The object names an act: "called for sanctions on X" */
        size_t oe;
        uint32_t opi = match_at(c, obj, &oe);
        if (opi != NONE && c->R->phrases[opi].noun) {
            /* a light verb: the noun's own event has it ("threatened
             * sanctions against X") */
            if (!passes_on(rel) || (fw(c, i) & FW_LIGHT))
                return 0;  /* "condemned the attack on X": no act on X */
            relno = c->R->phrases[opi].rel;
            hedge = 1;
        }
    }
    sort_args(c, actors, na);
    sort_args(c, targets, nt);
    if (nt == 0 && rel->symmetric && na >= 2) {
        for (size_t x = 0; x < na; x++)
            for (size_t y = x + 1; y < na; y++)
                if (add_event(c, actors[x], actors[y], relno, i, e, neg,
                              hedge))
                    return -1;
        return 0;
    }
    for (size_t x = 0; x < na; x++)
        for (size_t y = 0; y < nt; y++)
            if (add_event(c, actors[x], targets[y], relno, i, e, neg,
                          hedge))
                return -1;
    return 0;
}

/* The word id of the folded form f (n bytes), NONE if it is no phrase
 * word: prefix table, irregular forms, then stemmer.  0 / -1 when out of
 * memory. */
static int stem_word(const struct an_relations *R, struct sb_stemmer *sb,
                     const char *f, size_t n, uint32_t *out)
{
    uint32_t v;
    *out = NONE;
    if (!n || !prefix_has(R, f, n))
        return 0;
    if (!wtab_get(&R->forms, f, n, &v)) {
        const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)f,
                                             (int)n);
        if (!s)
            return -1;
        if (!an_strmap_get(&R->stems, (const char *)s,
                           (size_t)sb_stemmer_length(sb), &v))
            v = NONE;
    }
    *out = v;
    return 0;
}

/* Empties the lexicon (keeping the table's memory). */
static void lex_clear(struct an_relate_state *st)
{
    if (st->lex_slots)
        memset(st->lex_slots, 0, (st->lex_mask + 1) * sizeof(lex_slot));
    an_strmap_free(&st->lex_long);
    memset(&st->lex_long, 0, sizeof(st->lex_long));
    st->n_lex = 0;
}

/* Room for one more short form in the lexicon's table (at most half
 * full).  0 / -1. */
static int lex_grow(struct an_relate_state *st)
{
    size_t cap = st->lex_slots ? st->lex_mask + 1 : 0;
    if ((st->n_lex + 1) * 4 <= cap * 3)
        return 0;
    size_t ncap = cap ? cap * 2 : 1024;
    lex_slot *ns = calloc(ncap, sizeof(*ns));
    if (!ns)
        return -1;
    for (size_t i = 0; i < cap; i++) {
        const lex_slot *sl = &st->lex_slots[i];
        if (!sl->len)
            continue;
        size_t j = wkey_hash((wkey){sl->a, sl->b}, sl->len) & (ncap - 1);
        while (ns[j].len)
            j = (j + 1) & (ncap - 1);
        ns[j] = *sl;
    }
    free(st->lex_slots);
    st->lex_slots = ns;
    st->lex_mask = ncap - 1;
    return 0;
}

/*
 * A new lexicon entry for the folded form f (n > 0 bytes): its flags as
 * a WORD token (function word, -ly adverb, -n't, irregular form), and
 * for a word that passes the head filter (or any word while st->eager)
 * its word id, and whether it heads a phrase.  Other word ids are found
 * when asked (lex_wid).
 * Returns the index, or NONE when out of memory.
 */
static uint32_t lex_new(const struct an_relations *R,
                        struct an_relate_state *st, const char *f,
                        size_t n)
{
    uint32_t dummy;
    if (AN_RESERVE(st->lex, st->cap_lex, st->n_lex + 1))
        return NONE;
    an_lex *x = &st->lex[st->n_lex];
    uint32_t v = func_flags(R, f, n);
    if (n > 3 && f[n - 2] == 'l' && f[n - 1] == 'y')
        v |= FW_ADV;
    if (n > 3 && !memcmp(f + n - 3, "n't", 3))
        v |= FW_NEG | FW_AUX;
    if (wtab_get(&R->forms, f, n, &dummy))
        v |= TK_FORM;
    x->wid = WID_UNSET;
    x->infl_off = NONE;
    x->memo = 0;
    x->plan = 0;
    st->epoch_new++;
    int head = head_has(R, f, n);
    /* every token of a sentence is asked whether it heads a phrase:
     * these word ids are always needed; the others for the word sets
     * of sentences, while new forms are rare */
    if ((head || st->eager) && stem_word(R, st->sb, f, n, &x->wid))
        return NONE;
    if (head && x->wid != NONE && (R->vflags[x->wid] & VF_HEAD))
        v |= TK_HEAD;
    x->fw = v;
    return (uint32_t)st->n_lex++;
}

static uint32_t lex_add(const struct an_relations *R,
                        struct an_relate_state *st, const char *f,
                        size_t n, wkey key, size_t i, uint32_t *fw);

/*
 * The lexicon entry of token k's folded form (n > 0 bytes), added if
 * new; sets *fw to its flags.  limit: the end of the text's forms (the
 * key is read with plain loads where 16 bytes are there).  Returns the
 * index, or NONE when out of memory.
 */
static inline uint32_t lex_entry(const struct an_relations *R,
                                 struct an_relate_state *st, const char *f,
                                 size_t n, const char *limit, uint32_t *fw)
{
    uint32_t e;
    if (n > WKEY_MAX) {
        if (!an_strmap_get(&st->lex_long, f, n, &e)) {
            if ((e = lex_new(R, st, f, n)) == NONE ||
                an_strmap_put(&st->lex_long, f, n, e, NULL) < 0)
                return NONE;
        }
        *fw = st->lex[e].fw;
        return e;
    }
    wkey key = wkey_at(f, n, limit);
    size_t i = 0;
    if (st->lex_slots) {
        for (i = wkey_hash(key, n) & st->lex_mask;;
             i = (i + 1) & st->lex_mask) {
            const lex_slot *sl = &st->lex_slots[i];
            if (sl->len == n && sl->a == key.a && sl->b == key.b) {
                *fw = sl->fw;
                return sl->idx;
            }
            if (!sl->len)
                break;
        }
    }
    return lex_add(R, st, f, n, key, i, fw);
}

/* lex_entry's miss: adds the short form f (key; i: the empty slot the
 * lookup ended at). */
static uint32_t lex_add(const struct an_relations *R,
                        struct an_relate_state *st, const char *f,
                        size_t n, wkey key, size_t i, uint32_t *fw)
{
    uint32_t e;
    if (!st->lex_slots || (st->n_lex + 1) * 4 > (st->lex_mask + 1) * 3) {
        if (lex_grow(st))
            return NONE;
        i = wkey_hash(key, n) & st->lex_mask;
        while (st->lex_slots[i].len)
            i = (i + 1) & st->lex_mask;
    }
    if ((e = lex_new(R, st, f, n)) == NONE)
        return NONE;
    *fw = st->lex[e].fw;
    st->lex_slots[i] = (lex_slot){key.a, key.b, (uint32_t)n, e, *fw,
                                  word_bit(st->lex[e].wid)};
    return e;
}

/* The word id of lexicon entry e (token k's form), stemmed on first
 * use.  Out of memory sets *c->oom and gives NONE. */
static uint32_t lex_wid(const rctx *c, uint32_t e, size_t k)
{
    an_lex *x = &c->st->lex[e];
    if (x->wid == WID_UNSET &&
        stem_word(c->R, c->st->sb, an_tok_fold(c->t, k),
                  c->t->toks[k].fold_len, &x->wid)) {
        x->wid = WID_UNSET;
        *c->oom = 1;
        return NONE;
    }
    return x->wid;
}

/* The word id of token k, inside a mention or not (NONE if it is no
 * phrase word).  Out of memory sets *c->oom and gives NONE. */
static uint32_t token_wid(const rctx *c, size_t k)
{
    uint32_t e = c->lexi[k];
    if (e == LEX_UNSET) {
        /* not a WORD token: looked up now (empty forms are no word) */
        size_t n = c->t->toks[k].fold_len;
        if (n == 0)
            return NONE;
        uint32_t flags;
        e = lex_entry(c->R, c->st, an_tok_fold(c->t, k), n,
                      c->t->norm.data + c->t->norm.len, &flags);
        if (e == NONE) {
            *c->oom = 1;
            return NONE;
        }
        c->lexi[k] = e;
    }
    return lex_wid(c, e, k);
}

/* The word id of token k, NONE inside an entity mention. */
static inline uint32_t get_wid(const rctx *c, size_t k)
{
    if (c->tm[k] != NONE)
        return NONE;
    uint32_t e = c->lexi[k];
    if (e != LEX_UNSET && c->st->lex[e].wid != WID_UNSET)
        return c->st->lex[e].wid;
    return token_wid(c, k);
}

/* A verb right after an article, possessive determiner or 's is a noun;
 * so is a base form after "have" ("has support from"). */
static int noun_position(const rctx *c, size_t i)
{
    if (i <= c->lo)
        return 0;
    if (c->t->toks[i - 1].kind == AN_TOK_POSSESSIVE)
        return 1;
    if (c->fwc[i - 1] & TK_HAVE) {
        return !ends_with(c, i, "ed") && !ends_with(c, i, "en") &&
               !is_form(c, i);
    }
    return (fw(c, i - 1) & FW_ART) && !(c->fwc[i - 1] & TK_THAT);
}

/* A capitalised word inside a sentence is a name or a title, not a verb
 * ("Finance Minister", "Manchester United", "the Attack Helicopter"),
 * unless it follows an opening quote or a colon, or the sentence is in
 * title case (a headline: half of its words or more capitalised). */
static int capital_not_verb(const rctx *c, size_t i)
{
    const an_token *tk = &c->t->toks[i];
    if (!(tk->flags & AN_TF_CAP) || i == c->lo)
        return 0;
    const an_token *pv = &c->t->toks[i - 1];
    if (pv->kind != AN_TOK_WORD && pv->kind != AN_TOK_POSSESSIVE &&
        !is_soft_boundary(c, i - 1) && mention_ending_at(c, i) == NONE)
        return 0;  /* after a quote or a colon */
    size_t words = 0, caps = 0;
    for (size_t k = c->lo; k < c->hi; k++)
        if (c->t->toks[k].kind == AN_TOK_WORD && fw(c, k) == 0) {
            words++;
            caps += (c->t->toks[k].flags & AN_TF_CAP) != 0;
        }
    return caps * 2 < words;
}

static int relate_sentence(rctx *c)
{
    int spans_done = 0;
    c->has_prev = 0;
    for (size_t i = c->lo;; i++) {
        /* is_head_word holds only at tokens with TK_HEAD: the next one
         * at or after i */
        while (c->next_head < c->n_heads && c->heads[c->next_head] < i)
            c->next_head++;
        if (c->next_head == c->n_heads ||
            (i = c->heads[c->next_head]) >= c->hi)
            break;
        c->next_head++;
        if (c->tm[i] != NONE)  /* is_head_word: TK_HEAD is known */
            continue;
        if (capital_not_verb(c, i))
            continue;
        size_t e;
        uint32_t pi = match_at(c, i, &e);
        if (pi == NONE)
            continue;
        if (!spans_done) {
            if (mark_spans(c))
                return -1;
            memset(c->ph + c->lo, 0, c->hi - c->lo);
            spans_done = 1;
        }
        memset(c->ph + i, 1, e - i);
        if (relate_phrase(c, pi, i, e))
            return -1;
        i = e - 1;
    }
    return 0;
}

static struct an_relate_state *state_create(const struct an_relations *R)
{
    struct an_relate_state *st = calloc(1, sizeof(*st));
    if (!st)
        return NULL;
    if (!(st->sb = sb_stemmer_new(R->stemmer, NULL))) {
        free(st);
        return NULL;
    }
    return st;
}

/*
 * Can the sentence [lo, hi) give an event?  An event joins two mentions
 * of different entities (add_event drops an actor that is its target),
 * and the walks find mentions only through tm inside the sentence: a
 * sentence without two such mentions is skipped before any per-token
 * work (in news text, about a third of the tokens).
 */
static int two_entities(const uint32_t *tm, const actnet_mention *ment,
                        size_t lo, size_t hi)
{
    size_t k = lo;
    while (k < hi && tm[k] == NONE)
        k++;
    if (k == hi)
        return 0;
    uint32_t m0 = tm[k], e0 = ment[m0].entity;
    for (k++; k < hi; k++)
        if (tm[k] != NONE && tm[k] != m0 && ment[tm[k]].entity != e0)
            return 1;
    return 0;
}

/* two_entities from the mentions instead of the tokens, where every
 * mention that reaches into the sentence [lo, hi) starts in it: ment[m]
 * to the first that starts at or after hi (mentions in text order).
 * Hidden mentions count too: never fewer sentences than two_entities. */
static int two_entities_from(const actnet_mention *ment, size_t m,
                             size_t n_ment, size_t hi)
{
    if (m >= n_ment || ment[m].tok_start >= hi)
        return 0;
    uint32_t e0 = ment[m].entity;
    for (m++; m < n_ment && ment[m].tok_start < hi; m++)
        if (ment[m].entity != e0)
            return 1;
    return 0;
}

/* lex_pass's slow path: the lexicon entry of WORD token k, added if
 * new (a new form, a long one, one at the end of the text), as
 * (flags << 32 | index); UINT64_MAX when out of memory.  Not inlined,
 * no pointer into the caller: the pass's loop keeps its registers. */
__attribute__((noinline)) static uint64_t lex_pass_slow(rctx *c, size_t k)
{
    const an_text *t = c->t;
    uint32_t flags;
    uint32_t e = lex_entry(c->R, c->st, an_tok_fold(t, k),
                           t->toks[k].fold_len, t->norm.data + t->norm.len,
                           &flags);
    return e == NONE ? UINT64_MAX : (uint64_t)flags << 32 | e;
}

/* The slot of the short form f (n bytes) in the lexicon's table, or
 * NULL (a long form). */
static lex_slot *lex_slot_of(struct an_relate_state *st, const char *f,
                             size_t n, const char *limit)
{
    if (n > WKEY_MAX || !st->lex_slots)
        return NULL;
    wkey key = wkey_at(f, n, limit);
    for (size_t i = wkey_hash(key, n) & st->lex_mask;;
         i = (i + 1) & st->lex_mask) {
        lex_slot *sl = &st->lex_slots[i];
        if (sl->a == key.a && sl->b == key.b && sl->len == n)
            return sl;
        if (!sl->len)
            return NULL;
    }
}

/*
 * lex_pass's word set where some word ids of the sentence [lo, hi) were
 * not known to the table's slots (forms first seen while new forms were
 * frequent): they are found now (stemmed once per form) and kept in the
 * slots, and the set in *words made whole.  0 / -1 when out of memory.
 */
__attribute__((noinline)) static int lex_pass_wids(rctx *c, size_t lo,
                                                   size_t hi, uint64_t *words)
{
    const an_text *t = c->t;
    for (size_t k = lo; k < hi; k++) {
        if (c->lexi[k] == LEX_UNSET)
            continue;   /* other tokens were looked up by lex_pass */
        uint32_t w = lex_wid(c, c->lexi[k], k);
        if (*c->oom)
            return -1;
        *words |= word_bits(word_bit(w));
        lex_slot *sl = lex_slot_of(c->st, an_tok_fold(t, k),
                                   t->toks[k].fold_len,
                                   t->norm.data + t->norm.len);
        if (sl)
            sl->wbit = word_bit(w);
    }
    return 0;
}

/*
 * The lexicon pass over the tokens [lo, hi) of a sentence: lexi and fwc
 * of every token (LEX_UNSET and 0 for all but WORD tokens), the tokens
 * with TK_HEAD in c->heads and the PUNCT tokens in c->puncts (in order;
 * the cursors start at 0).  0 / -1 when out of memory.
 */
static int lex_pass(rctx *c, size_t lo, size_t hi)
{
    struct an_relate_state *st = c->st;
    const an_text *t = c->t;
    /* the table exists: no test per token */
    if (!st->lex_slots && lex_grow(st))
        return -1;
    /* in locals: the stores below could alias them */
    const an_token *toks = t->toks;
    const char *norm = t->norm.data;
    /* forms starting before load_end can be read 16 bytes at a time */
    size_t load_end = t->norm.len >= WKEY_MAX ? t->norm.len - WKEY_MAX + 1
                                              : 0;
    uint32_t *lexi = st->lexi, *fwc = st->fwc, *heads = st->heads;
    uint32_t *puncts = st->puncts;
    size_t n_heads = 0, n_puncts = 0;
    const lex_slot *slots = st->lex_slots;
    size_t mask = st->lex_mask;
    uint64_t words = 0;   /* the sentence's word set (word_bits) */
    uint32_t any = 0;     /* the word_bit numbers or'ed: WB_UNKNOWN */
    for (size_t k = lo; k < hi; k++) {
        const an_token *tk = &toks[k];
        size_t fn = tk->fold_len, off = tk->fold;
        if (tk->kind != AN_TOK_WORD || fn == 0) {
            lexi[k] = LEX_UNSET;
            fwc[k] = 0;
            puncts[n_puncts] = (uint32_t)k;
            n_puncts += tk->kind == AN_TOK_PUNCT;
            /* the word id of another token (token_wid), rare: it needs
             * the first bytes of a phrase word */
            if (fn && prefix_has(c->R, norm + off, fn)) {
                uint32_t w = st->eager ? token_wid(c, k) : WID_UNSET;
                if (*c->oom)
                    return -1;
                words |= word_bits(word_bit(w));
                any |= word_bit(w);
            }
            continue;
        }
        uint32_t e, flags, wbit;
        if (fn <= WKEY_MAX && off < load_end) {
            /* nearly every word: lex_entry's lookup, inline (one path
             * for all lengths: short and long words come in any
             * order) */
            wkey key = wkey_load(norm + off, fn);
            for (size_t i = wkey_hash(key, fn) & mask;;
                 i = (i + 1) & mask) {
                const lex_slot *sl = &slots[i];
                if (sl->a == key.a && sl->b == key.b && sl->len == fn) {
                    e = sl->idx;
                    flags = sl->fw;
                    wbit = sl->wbit;
                    goto found;
                }
                if (!sl->len)
                    break;
            }
        }
        uint64_t r = lex_pass_slow(c, k);
        if (r == UINT64_MAX)
            return -1;
        e = (uint32_t)r;
        flags = (uint32_t)(r >> 32);
        wbit = word_bit(st->lex[e].wid);
        slots = st->lex_slots;  /* the table may have grown */
        mask = st->lex_mask;
    found:
        lexi[k] = e;
        fwc[k] = flags;
        /* no branch: heads come at random, and so do word ids */
        heads[n_heads] = (uint32_t)k;
        n_heads += (flags & TK_HEAD) != 0;
        words |= word_bits(wbit);
        any |= wbit;
    }
    st->epoch_words += hi - lo;
    if (any & WB_UNKNOWN) {
        /* a word id not known: the set says nothing unless they are
         * found now */
        if (!st->eager)
            words = ~(uint64_t)0;
        else if (lex_pass_wids(c, lo, hi, &words))
            return -1;
    }
    c->words = words;
    c->n_heads = n_heads;
    c->next_head = 0;
    c->n_puncts = n_puncts;
    c->next_punct = 0;
    return 0;
}

int an_relate_document(an_extract *ex)
{
    const struct an_relations *R = ex->rules->rel;
    const an_text *t = &ex->text;
    ex->n_events = 0;
    if (!R || R->n_phrases == 0 || t->n_toks == 0)
        return 0;
    if (!ex->relate && !(ex->relate = state_create(R)))
        return -1;
    struct an_relate_state *st = ex->relate;
    size_t n = t->n_toks;
    if (AN_RESERVE(st->tm, st->cap_tm, n) ||
        AN_RESERVE(st->lexi, st->cap_lexi, n) ||
        AN_RESERVE(st->sp, st->cap_sp, n) ||
        AN_RESERVE(st->ph, st->cap_ph, n) ||
        AN_RESERVE(st->fwc, st->cap_fwc, n) ||
        AN_RESERVE(st->heads, st->cap_heads, n) ||
        AN_RESERVE(st->puncts, st->cap_puncts, n))
        return -1;
    /* The lexicon only saves time: emptied between documents, so the
     * indices of one document stay valid and memory stays bounded. */
    if (st->n_lex >= AN_REL_CACHE_MAX)
        lex_clear(st);
    /* Stem every new form while at most one token in EAGER_RATE is a
     * new form (a stemming, about half a microsecond, then costs at
     * most a tenth of the lexicon pass over those tokens; text with a
     * large vocabulary keeps word ids lazy and its word sets full),
     * judged over each EPOCH_WORDS tokens. */
    if (st->epoch_words >= EPOCH_WORDS) {
        st->eager = st->epoch_new * EAGER_RATE < st->epoch_words;
        st->epoch_words = st->epoch_new = 0;
    }
    _Static_assert(NONE == UINT32_MAX, "tm is filled with 0xff bytes");
    memset(st->tm, 0xff, n * sizeof(*st->tm));
    for (size_t m = 0; m < ex->n_mentions; m++) {
        const actnet_mention *mm = &ex->mentions[m];
        for (uint32_t k = mm->tok_start; k < mm->tok_end && k < n; k++)
            if (st->tm[k] == NONE)
                st->tm[k] = (uint32_t)m;
    }

    rctx c;
    memset(&c, 0, sizeof(c));
    c.ex = ex;
    c.R = R;
    c.st = st;
    c.t = t;
    c.ment = ex->mentions;
    c.tm = st->tm;
    c.lexi = st->lexi;
    c.sp = st->sp;
    c.ph = st->ph;
    c.spans = st->spans;
    int oom = 0;
    c.oom = &oom;
    c.fwc = st->fwc;
    c.heads = st->heads;
    c.puncts = st->puncts;
    /* Sentence by sentence; lexi, fwc, sp and ph are filled for the
     * tokens of the sentences that are walked (the walks never leave
     * their sentence). */
    /* Mentions come in text order from the match stage: then each
     * sentence's are read from a cursor (mc), unless one from an
     * earlier sentence reaches into it (max_end). */
    const actnet_mention *ment = ex->mentions;
    size_t n_ment = ex->n_mentions, mc = 0;
    int ordered = 1;
    for (size_t m = 1; m < n_ment && ordered; m++)
        ordered = ment[m].tok_start >= ment[m - 1].tok_start;
    uint32_t max_end = 0;
    for (size_t s = 0; s < t->n_sents && !oom; s++) {
        const an_sentence *se = &t->sents[s];
        int two;
        if (ordered) {
            for (; mc < n_ment && ment[mc].tok_start < se->tok_start; mc++)
                if (ment[mc].tok_end > max_end)
                    max_end = ment[mc].tok_end;
            two = max_end > se->tok_start
                      ? two_entities(st->tm, ment, se->tok_start,
                                     se->tok_end)
                      : two_entities_from(ment, mc, n_ment, se->tok_end);
        } else {
            two = two_entities(st->tm, ment, se->tok_start, se->tok_end);
        }
        if (!two)
            continue;
        c.lo = se->tok_start;
        c.hi = se->tok_end;
        c.sentence = (uint32_t)s;
        if (lex_pass(&c, c.lo, c.hi) || relate_sentence(&c))
            return -1;
    }
    return oom ? -1 : 0;
}

size_t actnet_extractor_event_count(const actnet_extractor *ex)
{
    return ex ? ex->n_events : 0;
}

const actnet_event *actnet_extractor_events(const actnet_extractor *ex)
{
    return ex ? ex->events : NULL;
}
