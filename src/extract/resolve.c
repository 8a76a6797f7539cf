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
 *   (At most 256 short persons per document are looked at.)
 * Step 0, acronyms in brackets: "(", an all-capitals WORD of two or
 * more letters (or an ACRONYM token such as U.N.), ")" in one sentence.
 *   a. Initials: when the words right before "(" spell the acronym (each
 *      capitalised word gives its first letter; "of", "and", "the", ...,
 *      hyphens, possessives and the lower-case part of "Co-operation" are
 *      skipped), those words are the long form.  If one mention covers
 *      exactly the long form, its entity is the acronym's (none if a
 *      person); otherwise the long form becomes a discovered organisation
 *      that replaces the mentions inside it ("Liberal Democratic Party"
 *      over a gazetteer "Democratic Party").  The token in brackets
 *      becomes a mention of that entity (via acronym), also when the
 *      gazetteer gave it to another entity: the document's own
 *      definition wins over a global acronym ("CPC" after a company's
 *      name is not the Chinese party).
 *   b. Otherwise, a mention of an organisation or country right before
 *      "(" defines the acronym when the token in brackets is free (an
 *      acronym the gazetteer knows stays the gazetteer's).
 *   A later definition of the same acronym replaces the earlier one.
 * Step 2, one pass left to right over the tokens:
 *   - Acronym definitions of step 0 take effect where they stand.
 *   - Acronym uses: a free token, or a one-token gazetteer alias, with
 *     the normalised form of a defined acronym becomes a mention of its
 *     entity (via acronym).
 *   - Surnames: a free capitalised WORD token that is not preceded, in
 *     its sentence, by a first-name-like token ("Viktor Lukashenko" and
 *     "Mike Harris" are someone else).  Candidates: the discovered
 *     persons of two or more tokens mentioned before it whose last token
 *     folds the same, and the gazetteer person whose unambiguous surname
 *     it is (current on the document's date) when that person was
 *     mentioned before in the document or has by_surname: true.  One discovered candidate wins unless the gazetteer person
 *     was also mentioned before; with no discovered candidate the
 *     gazetteer person wins; otherwise nothing happens.  The mention is
 *     via surname.
 * Mentions end sorted by position and non-overlapping.
 */
#include "extract/match.h"

#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

#define NONE UINT32_MAX
#define MAX_SHORT_PERSONS 256

/* The discovered person(s) of two or more tokens seen so far whose last
 * token has one folded form. */
typedef struct rs_person {
    uint32_t entity;
    int ambiguous;       /* several different persons */
} rs_person;

typedef struct rs_ctx {
    an_extract *ex;
    const actnet_rules *r;
    const an_text *t;
    uint32_t *cover;
    const uint64_t *hs;
    int changed;         /* step 1 added or changed mentions */
    size_t lower_asked;  /* occurs_lower questions answered by a scan */
    uint32_t *lower;     /* set of lower-case words (token indices), or
                            NULL until built */
    size_t lower_mask;   /* its slot count - 1 */
    an_strmap done;      /* short persons already looked at (step 1) */
    uint32_t *defs;      /* step 0: the bracketed token and its entity,
                            pairs in text order */
    size_t n_defs, cap_defs, next_def;
    an_strmap acr;       /* acronym (normalised) -> index into acr_ent */
    uint32_t *acr_ent;   /* entity per acronym (a later definition of
                            the same acronym changes it) */
    size_t n_acr, cap_acr;
    an_strmap dp_map;    /* folded last token -> index into dp */
    rs_person *dp;
    size_t n_dp, cap_dp;
    actnet_mention *added; /* merge_added's copy of the scan's mentions */
    size_t cap_added;
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

/* A capitalised word; not one of a line in capitals (a headline's words
 * are no names, see match.c). */
static int is_cap_word(const an_text *t, size_t j)
{
    return t->toks[j].kind == AN_TOK_WORD &&
           (t->toks[j].flags & (AN_TF_CAP | AN_TF_CAPS_LINE)) == AN_TF_CAP;
}

static int is_dyn_person(const rs_ctx *c, uint32_t entity)
{
    if (entity < c->r->n_gaz)
        return 0;
    const actnet_entity *e = actnet_extractor_entity(c->ex, entity);
    return e && e->type == ACTNET_PERSON;
}

/* Is token i a lower-case WORD with the folded form of token j? */
static int is_lower_of(const rs_ctx *c, size_t i, size_t j)
{
    const an_token *tk = &c->t->toks[i];
    return c->hs[i] == c->hs[j] && tk->kind == AN_TOK_WORD &&
           !(tk->flags & AN_TF_CAP) && tok_eq_fold(c->t, i, j);
}

/* The set behind occurs_lower: one token index per distinct folded form
 * of the lower-case words, open addressing on the tokens' hashes (c->hs),
 * at most half full.  0 / -1 OOM. */
static int build_lower(rs_ctx *c)
{
    const an_text *t = c->t;
    size_t cap = 16;
    while (cap < 2 * t->n_toks)
        cap *= 2;
    c->lower = malloc(cap * sizeof(*c->lower));
    if (!c->lower)
        return -1;
    memset(c->lower, 0xff, cap * sizeof(*c->lower)); /* all NONE */
    c->lower_mask = cap - 1;
    for (size_t i = 0; i < t->n_toks; i++) {
        if (t->toks[i].kind != AN_TOK_WORD || (t->toks[i].flags & AN_TF_CAP))
            continue;
        size_t k = (size_t)c->hs[i] & c->lower_mask;
        while (c->lower[k] != NONE && !is_lower_of(c, c->lower[k], i))
            k = (k + 1) & c->lower_mask;
        c->lower[k] = (uint32_t)i;
    }
    return 0;
}

/*
 * Does word j occur in lower case (as a WORD) anywhere in the text?
 * 1 / 0, -1 OOM.  Most documents ask this once or twice (a capitalised
 * word that starts a sentence before a surname), so the first questions
 * are answered by a scan of the token hashes, which stops at the first
 * lower-case occurrence; from the ninth question on, a set of the
 * lower-case words is built once and asked instead, so a document full
 * of such words costs linear time, not quadratic.
 */
static int occurs_lower(rs_ctx *c, size_t j)
{
    const an_text *t = c->t;
    if (!c->lower && c->lower_asked < 8) {
        c->lower_asked++;
        for (size_t i = 0; i < t->n_toks; i++)
            if (c->hs[i] == c->hs[j] && is_lower_of(c, i, j))
                return 1;
        return 0;
    }
    if (!c->lower && build_lower(c))
        return -1;
    for (size_t k = (size_t)c->hs[j] & c->lower_mask; c->lower[k] != NONE;
         k = (k + 1) & c->lower_mask)
        if (is_lower_of(c, c->lower[k], j))
            return 1;
    return 0;
}

/* Is token j first-name-like (see the top of the file)?  1 / 0, -1 OOM. */
static int first_name_like(rs_ctx *c, size_t j)
{
    const an_text *t = c->t;
    if (c->cover[j] != AN_COVER_FREE || !is_cap_word(t, j))
        return 0;
    int in = an_match_in_list(c->r, t, c->hs, j);
    if (in)
        return in < 0 ? -1 : 0;
    if (t->toks[j].flags & AN_TF_SENT_START) {
        int low = occurs_lower(c, j);
        if (low)
            return low < 0 ? -1 : 0;
    }
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
        /* the hashes first: few mentions end like s */
        if (c->hs[m->tok_end - 1] != c->hs[s] ||
            m->tok_end - m->tok_start < 2 ||
            !tok_eq_fold(c->t, m->tok_end - 1, s) ||
            !is_dyn_person(c, m->entity))
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
    const uint64_t h = c->hs[s];
    *oom = 0;
    /* the tokens' hashes first: one 8-byte compare per token (equal
     * normalised forms have equal folded forms, hence equal hashes) */
    for (uint32_t k = 1; k < t->n_toks; k++) {
        if (c->hs[k] != h || t->toks[k].kind != AN_TOK_WORD ||
            !tok_eq_norm(t, k, s))
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

/* The gazetteer person whose unambiguous surname token s is, or NONE.
 * On a dated document: the one person with that surname current on the
 * date (in office, alive: an_rules_surname), or else the one person with
 * that surname if the document named that person in full before. */
static uint32_t gazetteer_surname(const rs_ctx *c, size_t s)
{
    const char *f = an_tok_fold(c->t, s);
    size_t len = c->t->toks[s].fold_len;
    int32_t date = c->r->has_time ? c->ex->date : 0;
    uint32_t g = an_rules_surname(c->r, f, len, date);
    if (g != NONE || !date)
        return g;
    g = an_rules_surname(c->r, f, len, 0);
    return g != NONE && an_match_marked(c->ex, g) ? g : NONE;
}

static int resolve_short_persons(rs_ctx *c)
{
    an_extract *ex = c->ex;
    size_t looked = 0;
    for (size_t i = 0; i < ex->n_mentions; i++) {
        if (!is_short_person(c, i))
            continue;
        uint32_t x = ex->mentions[i].entity;
        uint32_t s = ex->mentions[i].tok_start;
        int ambiguous, oom;
        /* each short person once, and at most MAX_SHORT_PERSONS of them
         * per document: the search below is linear in the document */
        int fresh = an_strmap_put(&c->done, (const char *)&x, sizeof(x), 0,
                                  NULL);
        if (fresh < 0)
            return -1;
        if (!fresh || looked++ >= MAX_SHORT_PERSONS)
            continue;
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

static int note_seen(rs_ctx *c, uint32_t entity);

static int add_mention(rs_ctx *c, uint32_t s, uint32_t e, uint32_t entity,
                       actnet_via via)
{
    uint32_t mi = (uint32_t)c->ex->n_mentions;
    if (an_match_add(c->ex, s, e, entity, via) || note_seen(c, entity))
        return -1;
    for (uint32_t j = s; j < e; j++)
        c->cover[j] = mi;
    return 0;
}

/* Lower-case words a long form may hold without giving a letter. */
static int is_connector(const an_text *t, size_t j)
{
    static const char *const words[] = {
        "of", "for", "and", "the", "de", "du", "des", "la", "le", "in",
        "on", "to", "et", "y", "von", "van", "der", "del", "al"};
    const char *f = an_tok_fold(t, j);
    size_t len = t->toks[j].fold_len;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (strlen(words[k]) == len && memcmp(words[k], f, len) == 0)
            return 1;
    return 0;
}

static int upper_ascii(int ch)
{
    return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

/*
 * Step 0a: the first token of the words before "(" at token b that spell
 * the acronym at token b + 1, or NONE.
 */
static uint32_t long_form_start(const an_text *t, uint32_t b)
{
    char letters[12];
    size_t n = 0;
    const char *a = an_tok_norm(t, b + 1);
    for (size_t k = 0; k < t->toks[b + 1].norm_len; k++) {
        if (a[k] == '.')
            continue;
        if (n == sizeof(letters) || !((a[k] >= 'A' && a[k] <= 'Z') ||
                                      (a[k] >= 'a' && a[k] <= 'z')))
            return NONE;
        letters[n++] = (char)upper_ascii((unsigned char)a[k]);
    }
    if (n < 2)
        return NONE;
    uint32_t start = NONE;
    for (uint32_t j = b; j-- > 0 && n > 0;) {
        const an_token *tk = &t->toks[j];
        if (tk->sentence != t->toks[b].sentence)
            return NONE;
        if (tk->kind == AN_TOK_POSSESSIVE ||
            (tk->kind == AN_TOK_PUNCT &&
             (is_punct(t, j, '-') || is_punct(t, j, '&'))))
            continue;
        if (tk->kind != AN_TOK_WORD)
            return NONE;
        if (!(tk->flags & AN_TF_CAP)) {
            if (j > 0 && is_punct(t, j - 1, '-'))
                continue; /* "Co-operative" */
            if (start != NONE && is_connector(t, j))
                continue; /* not "the talks (TT)" */
            return NONE;
        }
        if (upper_ascii((unsigned char)an_tok_norm(t, j)[0]) !=
            letters[n - 1])
            return NONE;
        n--;
        start = j;
    }
    return n == 0 ? start : NONE;
}

static int note_def(rs_ctx *c, uint32_t tok, uint32_t entity)
{
    if (AN_RESERVE(c->defs, c->cap_defs, c->n_defs + 2))
        return -1;
    c->defs[c->n_defs++] = tok;
    c->defs[c->n_defs++] = entity;
    return 0;
}

/* Step 0 at the "(" token b: 0 (whether or not an acronym was defined),
 * -1 OOM. */
static int bracket_acronym(rs_ctx *c, uint32_t b)
{
    const an_text *t = c->t;
    an_extract *ex = c->ex;
    uint32_t *cover = c->cover;
    if (b == 0 || (size_t)b + 2 >= t->n_toks || !is_punct(t, b + 2, ')') ||
        !is_acronym_tok(t, b + 1) ||
        t->toks[b + 2].sentence != t->toks[b].sentence ||
        cover[b + 1] == AN_COVER_IGNORED)
        return 0;
    uint32_t acr_m = cover[b + 1];
    if (acr_m != AN_COVER_FREE &&
        (ex->mentions[acr_m].tok_start != b + 1 ||
         ex->mentions[acr_m].tok_end != b + 2))
        return 0; /* inside a longer phrase */
    uint32_t s = long_form_start(t, b);
    uint32_t entity = NONE;
    if (s != NONE) {
        /* the mentions inside [s, b): one exact, or none straddling */
        uint32_t first = cover[s], exact = NONE;
        if (first != AN_COVER_FREE && first != AN_COVER_IGNORED &&
            ex->mentions[first].tok_start == s &&
            ex->mentions[first].tok_end == b)
            exact = first;
        int clean = !(first != AN_COVER_FREE &&
                      (first == AN_COVER_IGNORED ||
                       ex->mentions[first].tok_start < s));
        for (uint32_t j = s; j < b && clean; j++)
            if (cover[j] == AN_COVER_IGNORED ||
                (cover[j] != AN_COVER_FREE &&
                 ex->mentions[cover[j]].tok_end > b))
                clean = 0;
        if (exact != NONE) {
            entity = ex->mentions[exact].entity;
            const actnet_entity *e = actnet_extractor_entity(ex, entity);
            if (!e || e->type == ACTNET_PERSON)
                return 0;
        } else if (clean) {
            if (an_match_span_text(t, s, b, &c->name))
                return -1;
            entity = an_match_intern_named(ex, ACTNET_ORGANISATION,
                                           c->name.data, &c->tmp);
            if (entity == NONE)
                return -1;
            for (uint32_t j = s; j < b; j++)
                if (cover[j] != AN_COVER_FREE)
                    ex->mentions[cover[j]].entity = NONE;
            uint32_t mi = (uint32_t)ex->n_mentions;
            if (an_match_add(ex, s, b, entity, ACTNET_VIA_PATTERN))
                return -1;
            for (uint32_t j = s; j < b; j++)
                cover[j] = mi;
            c->changed = 1;
        }
    }
    if (entity == NONE) {
        /* 0b: right after an organisation or country, a free token */
        uint32_t mi = cover[b - 1];
        if (acr_m != AN_COVER_FREE || mi == AN_COVER_FREE ||
            mi == AN_COVER_IGNORED || ex->mentions[mi].tok_end != b)
            return 0;
        entity = ex->mentions[mi].entity;
        const actnet_entity *e = actnet_extractor_entity(ex, entity);
        if (!e || e->type == ACTNET_PERSON)
            return 0;
    }
    if (acr_m == AN_COVER_FREE) {
        acr_m = (uint32_t)ex->n_mentions;
        if (an_match_add(ex, b + 1, b + 2, entity, ACTNET_VIA_ACRONYM))
            return -1;
        cover[b + 1] = acr_m;
        c->changed = 1;
    } else if (ex->mentions[acr_m].entity != entity) {
        ex->mentions[acr_m].entity = entity;
        ex->mentions[acr_m].via = ACTNET_VIA_ACRONYM;
    } else {
        return 0; /* the gazetteer knows it already */
    }
    return note_def(c, b + 1, entity);
}

static int bracket_acronyms(rs_ctx *c)
{
    const an_text *t = c->t;
    for (uint32_t j = 0; j < t->n_toks; j++)
        if (t->toks[j].kind == AN_TOK_PUNCT && is_punct(t, j, '(') &&
            bracket_acronym(c, j))
            return -1;
    return 0;
}

/* Step 2: the definition of step 0 at token j, if any, takes effect. */
static int define_acronym(rs_ctx *c, uint32_t j)
{
    if (c->next_def >= c->n_defs || c->defs[c->next_def] != j)
        return 0;
    const an_text *t = c->t;
    uint32_t slot = (uint32_t)c->n_acr;
    if (AN_RESERVE(c->acr_ent, c->cap_acr, c->n_acr + 1))
        return -1;
    int rc = an_strmap_put(&c->acr, an_tok_norm(t, j), t->toks[j].norm_len,
                           slot, &slot);
    if (rc < 0)
        return -1;
    if (rc == 1)
        c->n_acr++;
    c->acr_ent[slot] = c->defs[c->next_def + 1]; /* a later one replaces */
    c->next_def += 2;
    return 0;
}

/* The entity of the acronym defined before token j, or NONE. */
static uint32_t defined_acronym(const rs_ctx *c, uint32_t j)
{
    uint32_t slot;
    if (!c->n_acr || !is_acronym_tok(c->t, j) ||
        !an_strmap_get(&c->acr, an_tok_norm(c->t, j), c->t->toks[j].norm_len,
                       &slot))
        return NONE;
    return c->acr_ent[slot];
}

/* A later use of a defined acronym at free token j; 1 if resolved. */
static int use_acronym(rs_ctx *c, uint32_t j)
{
    uint32_t e = defined_acronym(c, j);
    if (e == NONE)
        return 0;
    return add_mention(c, j, j + 1, e, ACTNET_VIA_ACRONYM) ? -1 : 1;
}

/* A one-token gazetteer alias at mention mi that the document defined
 * as another entity's acronym becomes a mention of that entity. */
static void override_acronym(rs_ctx *c, uint32_t mi)
{
    actnet_mention *m = &c->ex->mentions[mi];
    if (m->via != ACTNET_VIA_ALIAS || m->tok_end != m->tok_start + 1)
        return;
    uint32_t e = defined_acronym(c, m->tok_start);
    if (e != NONE && e != m->entity) {
        m->entity = e;
        m->via = ACTNET_VIA_ACRONYM;
    }
}

/* Was entity mentioned before the current scan position? */
static int mentioned_before(const rs_ctx *c, uint32_t entity)
{
    return an_match_marked(c->ex, entity);
}

static int note_seen(rs_ctx *c, uint32_t entity)
{
    return an_match_mark(c->ex, entity);
}

/* A bare surname at free token j. */
static int use_surname(rs_ctx *c, uint32_t j)
{
    const an_text *t = c->t;
    if (!is_cap_word(t, j))
        return 0;
    uint32_t found = NONE, slot;
    if (c->n_dp && an_strmap_get(&c->dp_map, an_tok_fold(t, j),
                                 t->toks[j].fold_len, &slot)) {
        if (c->dp[slot].ambiguous)
            return 0; /* two discovered persons */
        found = c->dp[slot].entity;
    }
    uint32_t g = gazetteer_surname(c, j);
    /* a bare surname is a rule person's only when the document named
     * that person in full before, or the rules say the person is known
     * by the surname alone: "Harris" in a cricket report is not a
     * vice-president */
    if (g != NONE && !mentioned_before(c, g) && !c->r->gaz[g].by_surname)
        g = NONE;
    uint32_t target = NONE;
    if (found != NONE)
        target = g == NONE || !mentioned_before(c, g) ? found : NONE;
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
    uint32_t last = m->tok_end - 1, slot = (uint32_t)c->n_dp;
    if (AN_RESERVE(c->dp, c->cap_dp, c->n_dp + 1))
        return -1;
    int rc = an_strmap_put(&c->dp_map, an_tok_fold(c->t, last),
                           c->t->toks[last].fold_len, slot, &slot);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        c->dp[slot].entity = m->entity;
        c->dp[slot].ambiguous = 0;
        c->n_dp++;
    } else if (c->dp[slot].entity != m->entity) {
        c->dp[slot].ambiguous = 1;
    }
    return 0;
}

static int resolve_scan(rs_ctx *c)
{
    const an_token *toks = c->t->toks;
    const uint32_t *cover = c->cover;
    const size_t n = c->t->n_toks;
    for (uint32_t j = 0; j < n; j++) {
        uint32_t mi = cover[j];
        if (c->next_def < c->n_defs && c->defs[c->next_def] == j) {
            /* the bracketed token itself is a mention already */
            if (define_acronym(c, j) ||
                (mi < c->ex->n_mentions &&
                 note_seen(c, c->ex->mentions[mi].entity)))
                return -1;
            continue;
        }
        if (mi == AN_COVER_FREE) {
            /* only a capitalised word or an acronym-like token can become
             * a mention (use_surname, use_acronym): most free tokens stop
             * at this one test */
            if (!(toks[j].flags & (AN_TF_CAP | AN_TF_UPPER)) &&
                toks[j].kind != AN_TOK_ACRONYM)
                continue;
            int rc = use_acronym(c, j);
            if (rc == 0)
                rc = use_surname(c, j);
            if (rc < 0)
                return -1;
        } else if (mi != AN_COVER_IGNORED &&
                   c->ex->mentions[mi].tok_start == j) {
            if (c->n_acr)
                override_acronym(c, mi);
            if (note_seen(c, c->ex->mentions[mi].entity) ||
                note_person(c, mi))
                return -1;
        }
    }
    return 0;
}

/*
 * The scan appends its mentions after the n0 it started with, which are
 * sorted; its own come in text order too (each at the token it is at, or
 * for an acronym just ahead of it, before anything later).  One merge from
 * the back puts them in place, so an_match_finish_mentions finds the
 * array sorted and has no qsort to do.  Starts are all different (a
 * mention is added only at a free token).  0 / -1 OOM.
 */
static int merge_added(rs_ctx *c, size_t n0)
{
    actnet_mention *ms = c->ex->mentions;
    size_t nb = c->ex->n_mentions - n0;
    if (nb == 0 || n0 == 0 || ms[n0 - 1].tok_start < ms[n0].tok_start)
        return 0;
    if (AN_RESERVE(c->added, c->cap_added, nb))
        return -1;
    memcpy(c->added, ms + n0, nb * sizeof(*ms));
    size_t a = n0, b = nb, out = n0 + nb;
    while (b > 0) {
        if (a > 0 && ms[a - 1].tok_start > c->added[b - 1].tok_start)
            ms[--out] = ms[--a];
        else
            ms[--out] = c->added[--b];
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
    if (bracket_acronyms(&c))
        goto out;
    if (c.changed) {
        an_match_finish_mentions(ex, c.cover);
        /* the definitions point at tokens, not mentions: still good */
        c.changed = 0;
    }
    if (resolve_short_persons(&c))
        goto out;
    if (c.changed)
        an_match_finish_mentions(ex, c.cover);
    size_t n0 = ex->n_mentions;
    if (an_match_marks_begin(ex) || resolve_scan(&c) || merge_added(&c, n0))
        goto out;
    an_match_finish_mentions(ex, NULL);
    rc = 0;
out:
    an_strmap_free(&c.acr);
    free(c.acr_ent);
    free(c.defs);
    free(c.added);
    an_strmap_free(&c.dp_map);
    free(c.dp);
    free(c.lower);
    an_strmap_free(&c.done);
    an_buf_free(&c.name);
    an_buf_free(&c.tmp);
    return rc;
}
