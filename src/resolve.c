/*
 * resolve.c — the resolve stage: within one document, short forms of
 * names refer to the full names, and acronyms defined in brackets become
 * aliases.  Runs after match.c over ex->mentions and the per-token cover
 * array match.c leaves in ex->scratch (see match.h).
 *
 * Terms.  A "free" token is covered by no mention and not by an ignore
 * phrase.  A "discovered person" is a run-time entity of type person (from
 * a pattern or from step 1 below); it is "short" when its mention is one
 * token ("Mr Mikhalevich" gives person:Mikhalevich).  A token is
 * "first-name-like" when it is a free, capitalised WORD, not inside an
 * item of any rules list (titles, weekdays, ...), and, when it starts its
 * sentence, its lower-case form does not occur lower case elsewhere in
 * the document ("Yesterday" does not qualify once "yesterday" is seen).
 *
 * Step 1, short discovered persons.  For each short discovered person X
 * (token s), the first rule that applies:
 *   a. discovered persons of two or more tokens in the document whose
 *      last token folds like s: if exactly one, X is that person; if
 *      several, X stays as it is;
 *   b. the earliest occurrence of s (same normalised form; free, or a
 *      mention of X) right after one or two first-name-like tokens of the
 *      same sentence: "person:<those tokens and s>" is created and that
 *      occurrence becomes its mention (via pattern);
 *   c. s's folded form is the unambiguous surname of a gazetteer person
 *      (rules' surnames): X is that person.
 *   Every mention of X then points at the person found, via surname.
 * Step 2, one pass left to right over the tokens:
 *   - Acronym definitions: a mention of a non-person entity followed, in
 *     its sentence, by "(", a free all-capitals WORD of two or more
 *     letters (or an ACRONYM token such as U.N.), ")" defines that
 *     acronym for the entity from there on (an acronym that is a phrase
 *     of the gazetteer is a mention already, hence not free); the token
 *     in brackets becomes a mention (via acronym).  A later definition of the same acronym
 *     replaces the earlier one.
 *   - Acronym uses: a free token with the normalised form of a defined
 *     acronym becomes a mention of its entity (via acronym).
 *   - Surnames: a free capitalised WORD token that is not preceded, in
 *     its sentence, by a first-name-like token ("Viktor Lukashenko" and
 *     "Mike Harris" are someone else).  Candidates: the
 *     discovered persons of two or more tokens mentioned before it whose
 *     last token folds the same, and the gazetteer person whose
 *     unambiguous surname it is.  One discovered candidate wins unless
 *     the gazetteer person was also mentioned before; with no discovered
 *     candidate the gazetteer person wins; otherwise nothing happens.
 *     The mention is via surname.
 * Mentions end sorted by position and non-overlapping.
 */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define NONE UINT32_MAX

/* An acronym defined in the document. */
typedef struct rs_acronym {
    uint32_t tok;        /* the defining token (its norm form is the key) */
    uint32_t entity;
} rs_acronym;

/* A discovered person of two or more tokens seen so far. */
typedef struct rs_person {
    uint32_t entity;
    uint32_t last;       /* last token of its first mention */
} rs_person;

typedef struct rs_ctx {
    an_extract *ex;
    const actnet_rules *r;
    const an_text *t;
    uint32_t *cover;
    const uint64_t *hs;
    int changed;         /* step 1 added or changed mentions */
    rs_acronym *acr;
    size_t n_acr, cap_acr;
    rs_person *dp;
    size_t n_dp, cap_dp;
    an_buf name, tmp;
} rs_ctx;

static int tok_eq_fold(const an_text *t, size_t a, size_t b)
{
    return t->toks[a].fold_len == t->toks[b].fold_len &&
           memcmp(an_tok_fold(t, a), an_tok_fold(t, b),
                  t->toks[a].fold_len) == 0;
}

static int tok_eq_norm(const an_text *t, size_t a, size_t b)
{
    return t->toks[a].norm_len == t->toks[b].norm_len &&
           memcmp(an_tok_norm(t, a), an_tok_norm(t, b),
                  t->toks[a].norm_len) == 0;
}

static int is_cap_word(const an_text *t, size_t j)
{
    return t->toks[j].kind == AN_TOK_WORD && (t->toks[j].flags & AN_TF_CAP);
}

static int is_dyn_person(const rs_ctx *c, uint32_t entity)
{
    if (entity < c->r->n_gaz)
        return 0;
    const actnet_entity *e = actnet_extractor_entity(c->ex, entity);
    return e && e->type == ACTNET_PERSON;
}

/* Does word j occur in lower case (as a WORD) anywhere in the text? */
static int occurs_lower(const an_text *t, size_t j)
{
    for (size_t i = 0; i < t->n_toks; i++)
        if (i != j && t->toks[i].kind == AN_TOK_WORD &&
            !(t->toks[i].flags & AN_TF_CAP) && tok_eq_fold(t, i, j))
            return 1;
    return 0;
}

/* Is token j first-name-like (see the top of the file)?  1 / 0, -1 OOM. */
static int first_name_like(const rs_ctx *c, size_t j)
{
    const an_text *t = c->t;
    if (c->cover[j] != AN_COVER_FREE || !is_cap_word(t, j))
        return 0;
    int in = an_match_in_list(c->r, t, c->hs, j);
    if (in)
        return in < 0 ? -1 : 0;
    if ((t->toks[j].flags & AN_TF_SENT_START) && occurs_lower(t, j))
        return 0;
    return 1;
}

/* Is mention i a short discovered person from a pattern? */
static int is_short_person(const rs_ctx *c, size_t i)
{
    const actnet_mention *m = &c->ex->mentions[i];
    return m->via == ACTNET_VIA_PATTERN && m->tok_end - m->tok_start == 1 &&
           is_dyn_person(c, m->entity);
}

/* Step 1a: the one discovered person of 2+ tokens ending like token s.
 * Returns its entity, NONE if none; *ambiguous set when several. */
static uint32_t find_discovered_full(const rs_ctx *c, uint32_t s,
                                     int *ambiguous)
{
    uint32_t found = NONE;
    *ambiguous = 0;
    for (size_t i = 0; i < c->ex->n_mentions; i++) {
        const actnet_mention *m = &c->ex->mentions[i];
        if (m->tok_end - m->tok_start < 2 || !is_dyn_person(c, m->entity) ||
            !tok_eq_fold(c->t, m->tok_end - 1, s))
            continue;
        if (found != NONE && found != m->entity) {
            *ambiguous = 1;
            return NONE;
        }
        found = m->entity;
    }
    return found;
}

/* Step 1b: the earliest "First [Second] S" in the text.  Returns the
 * entity created (NONE when not found) or -1 via *oom. */
static uint32_t find_full_in_text(rs_ctx *c, uint32_t s, uint32_t x, int *oom)
{
    const an_text *t = c->t;
    an_extract *ex = c->ex;
    *oom = 0;
    for (uint32_t k = 1; k < t->n_toks; k++) {
        if (t->toks[k].kind != AN_TOK_WORD || !tok_eq_norm(t, k, s))
            continue;
        uint32_t mk = c->cover[k];
        if (mk == AN_COVER_IGNORED)
            continue;
        if (mk != AN_COVER_FREE &&
            (ex->mentions[mk].entity != x || ex->mentions[mk].tok_start != k ||
             ex->mentions[mk].tok_end != k + 1))
            continue;
        uint32_t from = k;
        for (uint32_t back = 1; back <= 2 && back <= k; back++) {
            uint32_t j = k - back;
            if (t->toks[j].sentence != t->toks[k].sentence)
                break;
            int ok = first_name_like(c, j);
            if (ok < 0) {
                *oom = 1;
                return NONE;
            }
            if (!ok)
                break;
            from = j;
        }
        if (from == k)
            continue;
        if (an_match_span_text(t, from, k + 1, &c->name)) {
            *oom = 1;
            return NONE;
        }
        uint32_t ent = an_match_intern_named(ex, ACTNET_PERSON,
                                             c->name.data, &c->tmp);
        if (ent == NONE) {
            *oom = 1;
            return NONE;
        }
        if (mk != AN_COVER_FREE) {
            actnet_mention *m = &ex->mentions[mk];
            m->tok_start = from;
            m->start = t->toks[from].start;
            m->entity = ent;
        } else {
            mk = (uint32_t)ex->n_mentions;
            if (an_match_add(ex, from, k + 1, ent, ACTNET_VIA_PATTERN)) {
                *oom = 1;
                return NONE;
            }
        }
        for (uint32_t j = from; j <= k; j++)
            c->cover[j] = mk;
        c->changed = 1;
        return ent;
    }
    return NONE;
}

/* The gazetteer person whose unambiguous surname token s is, or NONE. */
static uint32_t gazetteer_surname(const rs_ctx *c, size_t s)
{
    uint32_t g;
    if (!an_strmap_get(&c->r->surnames, an_tok_fold(c->t, s),
                       c->t->toks[s].fold_len, &g))
        return NONE;
    return g;
}

static int resolve_short_persons(rs_ctx *c)
{
    an_extract *ex = c->ex;
    for (size_t i = 0; i < ex->n_mentions; i++) {
        if (!is_short_person(c, i))
            continue;
        uint32_t x = ex->mentions[i].entity;
        uint32_t s = ex->mentions[i].tok_start;
        int ambiguous, oom;
        uint32_t target = find_discovered_full(c, s, &ambiguous);
        if (target == NONE && !ambiguous) {
            target = find_full_in_text(c, s, x, &oom);
            if (oom)
                return -1;
            if (target == NONE)
                target = gazetteer_surname(c, s);
        }
        if (target == NONE)
            continue;
        for (size_t j = i; j < ex->n_mentions; j++)
            if (ex->mentions[j].entity == x && is_short_person(c, j)) {
                ex->mentions[j].entity = target;
                ex->mentions[j].via = ACTNET_VIA_SURNAME;
            }
    }
    return 0;
}

/* An acronym-like token: ACRONYM, or an all-capitals WORD of 2+ bytes. */
static int is_acronym_tok(const an_text *t, size_t j)
{
    const an_token *tk = &t->toks[j];
    if (tk->kind == AN_TOK_ACRONYM)
        return 1;
    return tk->kind == AN_TOK_WORD && (tk->flags & AN_TF_UPPER) &&
           tk->norm_len >= 2;
}

static int is_punct(const an_text *t, size_t j, char ch)
{
    return t->toks[j].kind == AN_TOK_PUNCT && t->toks[j].norm_len == 1 &&
           an_tok_norm(t, j)[0] == ch;
}

static int add_mention(rs_ctx *c, uint32_t s, uint32_t e, uint32_t entity,
                       actnet_via via)
{
    uint32_t mi = (uint32_t)c->ex->n_mentions;
    if (an_match_add(c->ex, s, e, entity, via))
        return -1;
    for (uint32_t j = s; j < e; j++)
        c->cover[j] = mi;
    return 0;
}

/* An acronym defined right after mention mi ("... Europe (OSCE)"). */
static int define_acronym(rs_ctx *c, uint32_t mi)
{
    const an_text *t = c->t;
    const actnet_mention m = c->ex->mentions[mi];
    const actnet_entity *ent = actnet_extractor_entity(c->ex, m.entity);
    uint32_t e = m.tok_end;
    if (!ent || ent->type == ACTNET_PERSON || (size_t)e + 2 >= t->n_toks ||
        !is_punct(t, e, '(') || !is_punct(t, e + 2, ')') ||
        !is_acronym_tok(t, e + 1) || c->cover[e + 1] != AN_COVER_FREE ||
        t->toks[e + 2].sentence != m.sentence)
        return 0;
    size_t k;
    for (k = 0; k < c->n_acr; k++)
        if (tok_eq_norm(t, c->acr[k].tok, e + 1))
            break;
    if (k == c->n_acr) {
        if (AN_RESERVE(c->acr, c->cap_acr, c->n_acr + 1))
            return -1;
        c->n_acr++;
    }
    c->acr[k].tok = e + 1;
    c->acr[k].entity = m.entity;
    return add_mention(c, e + 1, e + 2, m.entity, ACTNET_VIA_ACRONYM);
}

/* A later use of a defined acronym at free token j; 1 if resolved. */
static int use_acronym(rs_ctx *c, uint32_t j)
{
    if (!c->n_acr || !is_acronym_tok(c->t, j))
        return 0;
    for (size_t k = 0; k < c->n_acr; k++)
        if (tok_eq_norm(c->t, c->acr[k].tok, j))
            return add_mention(c, j, j + 1, c->acr[k].entity,
                               ACTNET_VIA_ACRONYM) ? -1 : 1;
    return 0;
}

static int mentioned_before(const rs_ctx *c, uint32_t entity, uint32_t j)
{
    for (size_t i = 0; i < c->ex->n_mentions; i++)
        if (c->ex->mentions[i].entity == entity &&
            c->ex->mentions[i].tok_start < j)
            return 1;
    return 0;
}

/* A bare surname at free token j. */
static int use_surname(rs_ctx *c, uint32_t j)
{
    const an_text *t = c->t;
    if (!is_cap_word(t, j))
        return 0;
    uint32_t found = NONE;
    for (size_t k = 0; k < c->n_dp; k++) {
        if (!tok_eq_fold(t, c->dp[k].last, j))
            continue;
        if (found != NONE && found != c->dp[k].entity)
            return 0; /* two discovered persons: ambiguous */
        found = c->dp[k].entity;
    }
    uint32_t g = gazetteer_surname(c, j);
    uint32_t target = NONE;
    if (found != NONE)
        target = g == NONE || !mentioned_before(c, g, j) ? found : NONE;
    else
        target = g;
    if (target == NONE)
        return 0;
    if (j > 0 && t->toks[j - 1].sentence == t->toks[j].sentence) {
        int fn = first_name_like(c, j - 1);
        if (fn)
            return fn < 0 ? -1 : 0;
    }
    return add_mention(c, j, j + 1, target, ACTNET_VIA_SURNAME);
}

/* Remembers the discovered person of mention mi if it has 2+ tokens. */
static int note_person(rs_ctx *c, uint32_t mi)
{
    const actnet_mention *m = &c->ex->mentions[mi];
    if (m->tok_end - m->tok_start < 2 || !is_dyn_person(c, m->entity))
        return 0;
    for (size_t k = 0; k < c->n_dp; k++)
        if (c->dp[k].entity == m->entity)
            return 0;
    if (AN_RESERVE(c->dp, c->cap_dp, c->n_dp + 1))
        return -1;
    c->dp[c->n_dp].entity = m->entity;
    c->dp[c->n_dp].last = m->tok_end - 1;
    c->n_dp++;
    return 0;
}

static int resolve_scan(rs_ctx *c)
{
    const an_text *t = c->t;
    for (uint32_t j = 0; j < t->n_toks; j++) {
        uint32_t mi = c->cover[j];
        if (mi == AN_COVER_IGNORED)
            continue;
        if (mi != AN_COVER_FREE) {
            if (c->ex->mentions[mi].tok_start == j &&
                (note_person(c, mi) || define_acronym(c, mi)))
                return -1;
            continue;
        }
        int rc = use_acronym(c, j);
        if (rc == 0)
            rc = use_surname(c, j);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int an_resolve_document(an_extract *ex)
{
    rs_ctx c;
    int rc = -1;
    memset(&c, 0, sizeof(c));
    c.ex = ex;
    c.r = ex->rules;
    c.t = &ex->text;

    uint64_t *hs;
    int valid = an_match_scratch(ex, &c.cover, &hs);
    if (valid < 0)
        goto out;
    c.hs = hs;
    if (!valid) /* match.c did not run: cover from the mentions */
        an_match_finish_mentions(ex, c.cover);
    if (!c.r->gazetteer || !c.r->lists_m) {
        rc = 0;
        goto out;
    }
    if (resolve_short_persons(&c))
        goto out;
    if (c.changed)
        an_match_finish_mentions(ex, c.cover);
    if (resolve_scan(&c))
        goto out;
    an_match_finish_mentions(ex, NULL);
    rc = 0;
out:
    free(c.acr);
    free(c.dp);
    an_buf_free(&c.name);
    an_buf_free(&c.tmp);
    return rc;
}
