/*
 * dict.c — TABARI / PETRARCH dictionaries as rules (see dict.h).
 *
 * Event-data researchers keep actors and agents in the flat dictionaries
 * of the TABARI and PETRARCH coders; reading them as they are lets a user
 * point --rules at those files instead of converting 18,000 actors by
 * hand.  How the formats map to the rule language:
 *
 * .actors  A record is a primary phrase ("JENS_STOLTENBERG_"), '+'
 *          synonym lines, and code lines "[CODE]" or "[CODE range]"
 *          (range: "<DATE", ">DATE", "DATE-DATE", DATE YYMMDD or
 *          YYYYMMDD, both ends included).  It becomes one entity:
 *            - a country when one of its codes is three letters that are
 *              no CAMEO sector code ("[AFG]", "[BLR >911221]"), with that
 *              code as its id and its code;
 *            - a person when it has a dated code (terms of office become
 *              roles, so a bare surname resolves by date);
 *            - an organisation otherwise ("[IGOUNO]", "[AFGMIL]").
 *          The undated code is the entity's code; a code whose first three
 *          letters are the id of a country read before gives the country.
 *          '_' joins words; the trailing '_' (TABARI's "no stemming") and
 *          parenthesised parts are dropped.  Phrases of several words match
 *          in any case; a one-word phrase matches as written in capitals
 *          or capitalised ("AFGHANISTAN", "Afghanistan"), never in lower
 *          case, so "TURKEY" is not "turkey".  TABARI's stem matching of
 *          phrases without a final '_' is not done: phrases match whole
 *          words.
 * .agents  "PHRASE {PLURAL} [~CODE]" (or CODE~): one agent per code, id
 *          the code, named by CAMEO's word for it where the code has that
 *          phrase (COP: police), else by its first phrase, every phrase (with !MACRO! alternatives expanded and
 *          regular plurals made: +S, Y -> IES, SS -> ES; "{}" none) an
 *          alias, matched in any case.
 * .verbs   recognised, not imported: one warning names the file.
 */
#include "rules/dict.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SNIFF_BYTES 65536
#define MAX_PHRASE 512
#define MAX_EXPAND 64

/* ---- formats ----------------------------------------------------- */

static const char *const fmt_names[] = {"yaml", "actors", "agents",
                                        "verbs"};

const char *an_dict_format_name(an_dict_format f)
{
    return fmt_names[f];
}

/* Does path's base name hold ".ext" followed by the end or a dot? */
static int has_part(const char *path, const char *ext)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(ext);
    for (const char *p = strchr(base, '.'); p; p = strchr(p + 1, '.'))
        if (!strncasecmp(p + 1, ext, n) && (p[1 + n] == '\0' ||
                                            p[1 + n] == '.'))
            return 1;
    return 0;
}

an_dict_format an_dict_format_of_name(const char *path)
{
    if (has_part(path, "actors"))
        return AN_DICT_ACTORS;
    if (has_part(path, "agents"))
        return AN_DICT_AGENTS;
    if (has_part(path, "verbs"))
        return AN_DICT_VERBS;
    return AN_DICT_NONE;
}

an_dict_format an_dict_format_of_text(const char *buf, size_t len)
{
    if (len > SNIFF_BYTES)
        len = SNIFF_BYTES;
    int verbs = 0, agents = 0, actors = 0, yaml = 0;
    const char *end = buf + len;
    for (const char *p = buf; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p, *e = eol;
        p = eol + 1;
        const char *hash = memchr(s, '#', (size_t)(e - s));
        if (hash)
            e = hash;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (e == s)
            continue;
        size_t n = (size_t)(e - s);
        if (n >= 8 && !strncmp(s, "version:", 8))
            yaml = 1;
        if (n > 6 && !strncmp(s, "---", 3) && !strncmp(e - 3, "---", 3) &&
            memchr(s, '[', n))
            verbs = 1;
        else if (s[0] == '&' && n > 1 && isupper((unsigned char)s[1]))
            verbs = 1;
        else if (memchr(s, '~', n) && memchr(s, '[', n))
            agents = 1;
        else if (s[0] == '!' && memchr(s + 1, '!', n - 1) &&
                 memchr(s, '=', n))
            agents = 1;
        else if (s[0] == '+' || (s[0] == '\t' && memchr(s, '[', n)) ||
                 (isupper((unsigned char)s[0]) && memchr(s, '_', n) &&
                  memchr(s, '[', n) && !memchr(s, ':', n)))
            actors = 1;
    }
    if (yaml)
        return AN_DICT_NONE;
    return verbs ? AN_DICT_VERBS : agents ? AN_DICT_AGENTS
                 : actors ? AN_DICT_ACTORS : AN_DICT_NONE;
}

an_dict_format an_dict_format_of(const char *path, const char *buf,
                                 size_t len)
{
    an_dict_format f = an_dict_format_of_name(path);
    return f ? f : an_dict_format_of_text(buf, len);
}

/* ---- shared: one load --------------------------------------------- */

typedef struct dl {
    actnet_rules *r;
    const char *path;
    int line;
    int oom;
    actnet_error *err;
} dl;

static void dwarn(dl *d, const char *fmt, ...) AN_PRINTF(2, 3);

static void dwarn(dl *d, const char *fmt, ...)
{
    char msg[sizeof(((actnet_error *)0)->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (an_rules_warn(d->r, d->path, d->line, 0, "%s", msg))
        d->oom = 1;
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t k = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3
             : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!k || k > n || s[0] > 0xF4)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return k;
}

/*
 * Checks line s[0, n): control bytes other than tab, invalid UTF-8 and
 * U+FFFD make it unreadable (warned about, 0); else 1.
 */
static int line_ok(dl *d, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x20 && u[i] != '\t') {
            dwarn(d, "control byte 0x%02X at column %zu; the line is "
                  "skipped (remove the byte)", u[i], i + 1);
            return 0;
        }
        size_t k = utf8_len(u + i, n - i);
        if (!k) {
            dwarn(d, "invalid UTF-8 (byte 0x%02X) at column %zu; the line "
                  "is skipped (save the file as UTF-8)", u[i], i + 1);
            return 0;
        }
        if (k == 3 && u[i] == 0xEF && u[i + 1] == 0xBF && u[i + 2] == 0xBD) {
            dwarn(d, "U+FFFD (a character lost in a conversion) at column "
                  "%zu; the line is skipped (restore the character)", i + 1);
            return 0;
        }
        i += k;
    }
    return 1;
}

/*
 * The phrase of dictionary text s[0, n) into out (MAX_PHRASE bytes): '_'
 * and runs of blanks become one space, a trailing '_' and parenthesised
 * parts are dropped.  Returns its length, 0 when empty, -1 (warned) when
 * it holds a character no phrase has.
 */
static int phrase_of(dl *d, const char *s, size_t n, char *out)
{
    size_t o = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '(') {
            depth++;
            continue;
        }
        if (c == ')') {
            if (depth)
                depth--;
            continue;
        }
        if (depth)
            continue;
        if (c == '"')
            continue;           /* a nickname in quotes: the word stays */
        if (c == '`')
            c = '\'';
        if (c == '_' || c == ' ' || c == '\t') {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
        } else if (c >= 0x80 || isalnum(c) || strchr("-.'&/,!?*", c) ||
                   (c == '+' && o && out[o - 1] != ' ')) {
            out[o++] = (char)c;
        } else {
            dwarn(d, "'%c' in the phrase '%.*s'; the line is skipped (a "
                  "phrase holds words joined by _; put each synonym on its "
                  "own + line)", c, (int)n, s);
            return -1;
        }
        if (o >= MAX_PHRASE - 2) {
            dwarn(d, "phrase over %d bytes; the line is skipped",
                  MAX_PHRASE - 2);
            return -1;
        }
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return (int)o;
}

/* s as a label: each word capitalised, the rest in lower case (ASCII),
 * short function words lower case inside. */
static void title_case(char *s)
{
    int start = 1;
    for (char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalpha(c)) {
            *p = (char)(start ? toupper(c) : tolower(c));
            start = 0;
        } else {
            start = c == ' ' || c == '-' || c == '/';
        }
    }
    static const char *const small[] = {" Of ", " The ", " And ", " For ",
                                        " In ", " On ", " De ", " Du "};
    for (size_t k = 0; k < sizeof(small) / sizeof(*small); k++)
        for (char *p = strstr(s, small[k]); p; p = strstr(p + 1, small[k]))
            p[1] = (char)tolower((unsigned char)p[1]);
}

static void upper_case(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
}

static int is_multiword(const char *s)
{
    return strchr(s, ' ') != NULL;
}

/* Appends phrase text to ps (arena copy) unless ps has it already. */
static int push(dl *d, an_phrases *ps, const char *text, int ci, int line)
{
    for (uint32_t i = 0; i < ps->n; i++)
        if (ci ? !strcasecmp(ps->items[i].text, text)
               : !strcmp(ps->items[i].text, text))
            return 0;
    if (ps->n == ps->cap) {
        size_t cap = ps->cap;
        if (ps->n >= UINT32_MAX / 2 ||
            AN_RESERVE(ps->items, cap, (size_t)ps->n + 1))
            return d->oom = 1, -1;
        ps->cap = (uint32_t)cap;
    }
    an_phrase *p = &ps->items[ps->n];
    p->text = an_arena_strndup(&d->r->arena, text, strlen(text));
    if (!p->text)
        return d->oom = 1, -1;
    p->loc.path = d->path;
    p->loc.line = line;
    p->loc.col = 1;
    p->case_insensitive = ci;
    p->valid = 0;
    ps->n++;
    return 0;
}

/* Moves ps's items (grown with malloc by push) into the rules' arena,
 * where the rule set keeps every entity's and agent's phrase array. */
static int to_arena(dl *d, an_phrases *ps)
{
    an_phrase *items = ps->items;
    if (!items)
        return 0;
    ps->items = ps->n ? an_arena_alloc(&d->r->arena,
                                       ps->n * sizeof(*items)) : NULL;
    if (ps->n && !ps->items) {
        ps->n = ps->cap = 0;
        free(items);
        return d->oom = 1, -1;
    }
    if (ps->n)
        memcpy(ps->items, items, ps->n * sizeof(*items));
    ps->cap = ps->n;
    free(items);
    return 0;
}

/* Seeds r->dict_ids with the ids loaded so far, once. */
static int seed_ids(dl *d)
{
    actnet_rules *r = d->r;
    if (r->dict_ids_seeded)
        return 0;
    r->dict_ids_seeded = 1;
    for (size_t i = 0; i < r->n_entities; i++)
        if (an_strmap_put(&r->dict_ids, r->entities[i].id,
                          strlen(r->entities[i].id), (uint32_t)i, NULL) < 0)
            return d->oom = 1, -1;
    for (size_t i = 0; i < r->n_agents; i++)
        if (an_strmap_put(&r->dict_ids, r->agents[i].id,
                          strlen(r->agents[i].id), UINT32_MAX, NULL) < 0)
            return d->oom = 1, -1;
    return 0;
}

/*
 * A free id made from base (letters, digits and _ . : - kept, spaces as
 * _), registered with value v; arena copy, NULL when out of memory.
 */
static char *new_id(dl *d, const char *base, uint32_t v)
{
    char id[MAX_PHRASE + 16];
    size_t o = 0;
    for (const char *p = base; *p && o < MAX_PHRASE; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) || c == '.' || c == '-' || c == ':' || c == '_')
            id[o++] = (char)c;
        else if (c == ' ' || c == '/' || c == ',' || c == '&')
            id[o++] = '_';
    }
    if (!o)
        id[o++] = 'X';
    id[o] = '\0';
    size_t stem = o;
    for (unsigned k = 2;; k++) {
        int put = an_strmap_put(&d->r->dict_ids, id, o, v, NULL);
        if (put < 0)
            return d->oom = 1, NULL;
        if (put == 1)
            break;
        o = stem + (size_t)snprintf(id + stem, 16, "-%u", k);
    }
    char *s = an_arena_strndup(&d->r->arena, id, o);
    if (!s)
        d->oom = 1;
    return s;
}

/* The id of a country entity with id code[0, 3), or NULL. */
static char *country_of(dl *d, const char *code)
{
    uint32_t g;
    if (!code || strlen(code) < 3 ||
        !an_strmap_get(&d->r->dict_ids, code, 3, &g) ||
        g >= d->r->n_entities || d->r->entities[g].type != ACTNET_COUNTRY)
        return NULL;
    return d->r->entities[g].id;
}

/* ---- actors ------------------------------------------------------- */

typedef struct role_in {
    char *code;
    an_validity v;
    int line;
} role_in;

typedef struct rec {
    int line;                 /* of the primary phrase; 0: no record */
    char primary[MAX_PHRASE];
    char **syn;               /* malloc'ed phrases */
    int *syn_line;
    size_t n_syn, cap_syn, cap_line;
    char *code;               /* default code, malloc'ed, or NULL */
    role_in *roles;
    size_t n_roles, cap_roles;
} rec;

static void rec_clear(rec *c)
{
    for (size_t i = 0; i < c->n_syn; i++)
        free(c->syn[i]);
    c->n_syn = 0;
    free(c->code);
    c->code = NULL;
    for (size_t i = 0; i < c->n_roles; i++)
        free(c->roles[i].code);
    c->n_roles = 0;
    c->line = 0;
}

static void rec_free(rec *c)
{
    rec_clear(c);
    free(c->syn);
    free(c->syn_line);
    free(c->roles);
}

/* CAMEO sector codes that are three letters like a country code. */
static int is_sector(const char *c)
{
    static const char *const sectors[] = {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED",
        "EDU", "BUS", "CRM", "CVL", "LAB", "LEG", "HLH", "REF", "MOD",
        "RAD", "AGR", "ELI", "ENV", "HRI", "IGO", "NGO", "NGM", "MNC",
        "IMG", "UAF", "SET", "INS", "UIS", "JEW", "MUS", "CHR", "BUD",
        "HIN", "REL", "SEP", "DEV", "ETH", "PRO", "ATH", "SHI", "SUN",
        "SUF", "CTH", "ORT", "CON", "MOS", "PRE"};
    for (size_t i = 0; i < sizeof(sectors) / sizeof(*sectors); i++)
        if (!strcmp(c, sectors[i]))
            return 1;
    return 0;
}

static int is_country_code(const char *c)
{
    return c && strlen(c) == 3 && isupper((unsigned char)c[0]) &&
           isupper((unsigned char)c[1]) && isupper((unsigned char)c[2]) &&
           !is_sector(c);
}

/* The phrase forms of dictionary phrase p added to ps: several words in
 * any case; one word capitalised and in capitals, case-sensitive. */
static int add_forms(dl *d, an_phrases *ps, const char *p, int line,
                     const char *skip)
{
    char t[MAX_PHRASE];
    if (is_multiword(p))
        return skip && !strcasecmp(p, skip) ? 0 : push(d, ps, p, 1, line);
    snprintf(t, sizeof(t), "%s", p);
    title_case(t);
    if ((!skip || strcmp(t, skip)) && push(d, ps, t, 0, line))
        return -1;
    upper_case(t);
    return skip && !strcmp(t, skip) ? 0 : push(d, ps, t, 0, line);
}

/* The record as an entity. */
static int emit_actor(dl *d, rec *c)
{
    actnet_rules *r = d->r;
    if (!c->line)
        return 0;
    int dated = 0;
    for (size_t i = 0; i < c->n_roles; i++)
        dated |= c->roles[i].v.from > AN_DATE_MIN ||
                 c->roles[i].v.until < AN_DATE_MAX;
    const char *code = c->code ? c->code
                     : c->n_roles ? c->roles[0].code : NULL;
    /* a bare country code among the codes makes a country ("[USRBLR
     * <910825]", "[BLR >911221]" is Belarus); its id is that code */
    const char *cc = is_country_code(c->code) ? c->code : NULL;
    for (size_t i = c->n_roles; i-- > 0 && !cc;)
        if (is_country_code(c->roles[i].code))
            cc = c->roles[i].code;
    actnet_entity_type t = cc ? ACTNET_COUNTRY
                         : dated ? ACTNET_PERSON : ACTNET_ORGANISATION;
    if (cc)
        code = cc;
    if (AN_RESERVE_HUGE(r->entities, r->cap_entities, r->n_entities + 1))
        return d->oom = 1, -1;
    uint32_t g = (uint32_t)r->n_entities;
    an_entity_rule *e = &r->entities[r->n_entities++];
    memset(e, 0, sizeof(*e));
    e->type = t;
    e->from_dict = 1;
    e->valid.from = AN_DATE_MIN;
    e->valid.until = AN_DATE_MAX;
    e->loc.path = d->path;
    e->loc.line = c->line;
    e->loc.col = 1;
    char label[MAX_PHRASE];
    snprintf(label, sizeof(label), "%s", c->primary);
    title_case(label);
    e->case_insensitive = is_multiword(c->primary);
    e->name = an_arena_strndup(&r->arena, label, strlen(label));
    if (t == ACTNET_COUNTRY) {
        uint32_t had;
        e->id = an_strmap_get(&r->dict_ids, code, strlen(code), &had)
              ? new_id(d, c->primary, g) : new_id(d, code, g);
    } else {
        char base[MAX_PHRASE];
        snprintf(base, sizeof(base), "%s", c->primary);
        upper_case(base);
        e->id = new_id(d, base, g);
    }
    if (!e->name || !e->id)
        return d->oom = 1, -1;
    int bad = add_forms(d, &e->aliases, c->primary, c->line, label);
    for (size_t i = 0; i < c->n_syn && !bad; i++)
        bad = add_forms(d, &e->aliases, c->syn[i], c->syn_line[i], label);
    if (to_arena(d, &e->aliases) || bad)
        return -1;
    if (code && !(e->code = an_arena_strndup(&r->arena, code,
                                             strlen(code))))
        return d->oom = 1, -1;
    if (t != ACTNET_COUNTRY) {
        e->country = country_of(d, code);
        e->country_loc = e->loc;
    }
    if (c->n_roles && t == ACTNET_PERSON) {
        e->roles = an_arena_alloc(&r->arena, c->n_roles * sizeof(*e->roles));
        if (!e->roles)
            return d->oom = 1, -1;
        for (size_t i = 0; i < c->n_roles; i++) {
            an_role *ro = &e->roles[e->n_roles++];
            memset(ro, 0, sizeof(*ro));
            ro->code = an_arena_strndup(&r->arena, c->roles[i].code,
                                        strlen(c->roles[i].code));
            if (!ro->code)
                return d->oom = 1, -1;
            ro->country = country_of(d, ro->code);
            ro->valid = c->roles[i].v;
            ro->loc.path = d->path;
            ro->loc.line = c->roles[i].line;
            ro->loc.col = 1;
            ro->country_idx = UINT32_MAX;
            if (ro->valid.from > AN_DATE_MIN ||
                ro->valid.until < AN_DATE_MAX) {
                e->dated_roles++;
                r->has_time = 1;
            }
        }
    }
    return 0;
}

/* A TABARI date, YYMMDD (00-30: 20YY) or YYYYMMDD, as YYYYMMDD; 0 bad. */
static int32_t tabari_date(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    int32_t y, m, dd;
    if (n == 6) {
        y = (int32_t)(v / 10000);
        y += y <= 30 ? 2000 : 1900;
    } else if (n == 8) {
        y = (int32_t)(v / 10000);
    } else {
        return 0;
    }
    m = (int32_t)(v / 100 % 100);
    dd = (int32_t)(v % 100);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1] ||
        (m == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
        return 0;
    return y * 10000 + m * 100 + dd;
}

/*
 * The code restriction in brackets s[0, n) ("CODE", "CODE <D", "CODE
 * >D", "CODE D-D") added to the record: an undated one is its code.
 */
static int add_code(dl *d, rec *c, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    size_t k = 0;
    while (k < n && !isspace((unsigned char)s[k]))
        k++;
    if (!k) {
        dwarn(d, "empty code []; the line is skipped");
        return 0;
    }
    for (size_t i = 0; i < k; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-') {
            dwarn(d, "code '%.*s' holds '%c'; the line is skipped (codes "
                  "are letters and digits: [BLRGOV])", (int)k, s, s[i]);
            return 0;
        }
    an_validity v = {AN_DATE_MIN, AN_DATE_MAX};
    const char *r = s + k;
    size_t rn = n - k;
    while (rn && isspace((unsigned char)*r))
        r++, rn--;
    if (rn) {
        int ok = 1;
        if (*r == '<' || *r == '>') {
            const char *ds = r + 1;
            size_t dn = rn - 1;
            while (dn && isspace((unsigned char)*ds))
                ds++, dn--;
            int32_t dt = tabari_date(ds, dn);
            ok = dt != 0;
            if (*r == '<')
                v.until = dt;
            else
                v.from = dt;
        } else {
            const char *dash = memchr(r, '-', rn);
            int32_t a = dash ? tabari_date(r, (size_t)(dash - r)) : 0;
            int32_t b = dash ? tabari_date(dash + 1,
                                           rn - (size_t)(dash - r) - 1) : 0;
            ok = a && b && a <= b;
            v.from = a;
            v.until = b;
        }
        if (!ok) {
            dwarn(d, "'%.*s' is not a date range (<DATE, >DATE or "
                  "DATE-DATE, dates YYMMDD or YYYYMMDD); the line is skipped",
                  (int)rn, r);
            return 0;
        }
    }
    char *code = malloc(k + 1);
    if (!code)
        return d->oom = 1, -1;
    memcpy(code, s, k);
    code[k] = '\0';
    if (!rn) {
        if (!c->code) {
            c->code = code;
            return 0;
        }
        if (!strcmp(c->code, code)) {
            free(code);
            return 0;
        }
    }
    if (AN_RESERVE(c->roles, c->cap_roles, c->n_roles + 1)) {
        free(code);
        return d->oom = 1, -1;
    }
    c->roles[c->n_roles].code = code;
    c->roles[c->n_roles].v = v;
    c->roles[c->n_roles].line = d->line;
    c->n_roles++;
    return 0;
}

/* Splits text s[0, n) into a phrase part and its [code] (first bracket
 * pair); *code_s is NULL when there is none.  -1 (warned) when a bracket
 * is not closed. */
static int split_code(dl *d, const char *s, size_t n, size_t *pn,
                      const char **code_s, size_t *code_n)
{
    const char *open = memchr(s, '[', n);
    *code_s = NULL;
    *pn = n;
    if (!open)
        return 0;
    const char *close = memchr(open, ']', n - (size_t)(open - s));
    if (!close) {
        dwarn(d, "'[' without ']'; the line is skipped");
        return -1;
    }
    *pn = (size_t)(open - s);
    *code_s = open + 1;
    *code_n = (size_t)(close - open - 1);
    return 0;
}

static int actors_line(dl *d, rec *c, const char *s, size_t n)
{
    int lead_ws = n && (s[0] == '\t' || s[0] == ' ');
    while (n && isspace((unsigned char)*s))
        s++, n--;
    if (!n)
        return 0;
    if (s[0] == '[') {
        if (!c->line) {
            dwarn(d, "a code line with no actor above it; the line is "
                  "skipped");
            return 0;
        }
        const char *close = memchr(s, ']', n);
        if (!close) {
            dwarn(d, "'[' without ']'; the line is skipped");
            return 0;
        }
        (void)lead_ws;
        return add_code(d, c, s + 1, (size_t)(close - s - 1));
    }
    int syn = s[0] == '+';
    if (syn) {
        s++, n--;
        if (!c->line) {
            dwarn(d, "a synonym (+) with no actor above it; the line is "
                  "skipped");
            return 0;
        }
    }
    size_t pn, code_n = 0;
    const char *code_s;
    if (split_code(d, s, n, &pn, &code_s, &code_n))
        return 0;
    char ph[MAX_PHRASE];
    int len = phrase_of(d, s, pn, ph);
    if (len < 0)
        return 0;
    if (len == 0) {
        dwarn(d, "no phrase before the code; the line is skipped");
        return 0;
    }
    if (!syn) {
        if (emit_actor(d, c))
            return -1;
        rec_clear(c);
        c->line = d->line;
        memcpy(c->primary, ph, (size_t)len + 1);
    } else {
        if (AN_RESERVE(c->syn, c->cap_syn, c->n_syn + 1) ||
            AN_RESERVE(c->syn_line, c->cap_line, c->n_syn + 1))
            return d->oom = 1, -1;
        c->syn[c->n_syn] = malloc((size_t)len + 1);
        if (!c->syn[c->n_syn])
            return d->oom = 1, -1;
        memcpy(c->syn[c->n_syn], ph, (size_t)len + 1);
        c->syn_line[c->n_syn++] = d->line;
    }
    return code_s ? add_code(d, c, code_s, code_n) : 0;
}

/* ---- agents ------------------------------------------------------- */

typedef struct macro {
    char name[64];
    char **alts;
    size_t n;
} macro;

typedef struct agents_st {
    macro *m;
    size_t n_m, cap_m;
    an_strmap codes;          /* code -> agent index, this file */
    char (*forms)[MAX_PHRASE];/* MAX_EXPAND phrases of one line */
} agents_st;

/* The expansions of phrase text p (with !MACRO! parts) into out[*n]. */
static int expand(dl *d, agents_st *a, const char *p, char out[][MAX_PHRASE],
                  size_t *n, int depth)
{
    const char *b = strchr(p, '!');
    const char *e = b ? strchr(b + 1, '!') : NULL;
    if (!e) {
        if (*n < MAX_EXPAND)
            snprintf(out[(*n)++], MAX_PHRASE, "%s", p);
        return 0;
    }
    size_t nl = (size_t)(e - b - 1);
    macro *m = NULL;
    for (size_t i = 0; i < a->n_m; i++)
        if (strlen(a->m[i].name) == nl && !strncmp(a->m[i].name, b + 1, nl))
            m = &a->m[i];
    if (!m || depth > 4) {
        dwarn(d, "macro !%.*s! is not defined above (!NAME! = A, B); the "
              "line is skipped", (int)nl, b + 1);
        return -1;
    }
    for (size_t i = 0; i < m->n; i++) {
        char t[MAX_PHRASE];
        snprintf(t, sizeof(t), "%.*s%s%s", (int)(b - p), p, m->alts[i],
                 e + 1);
        if (expand(d, a, t, out, n, depth + 1))
            return -1;
    }
    return 0;
}

/* The regular plural of s into out (MAX_PHRASE bytes; s is shorter than
 * MAX_PHRASE - 3): +S, Y after a consonant -> IES, SS -> SSES. */
static void plural_of(const char *s, char *out)
{
    size_t n = strlen(s);
    if (n > MAX_PHRASE - 4)
        n = MAX_PHRASE - 4;
    memcpy(out, s, n);
    if (n > 1 && toupper((unsigned char)s[n - 1]) == 'Y' &&
        !strchr("AEIOU", toupper((unsigned char)s[n - 2])))
        memcpy(out + n - 1, "IES", 4);
    else if (n > 2 && !strncasecmp(s + n - 2, "SS", 2))
        memcpy(out + n, "ES", 3);
    else
        memcpy(out + n, "S", 2);
}

/* The usual English name of a CAMEO agent code: the label of its agent
 * when the dictionary has that phrase for the code (else the first
 * phrase is), or NULL. */
static const char *agent_name(const char *code)
{
    static const char *const names[][2] = {
        {"GOV", "government"}, {"MIL", "military"}, {"COP", "police"},
        {"OPP", "opposition"}, {"REB", "rebels"}, {"JUD", "judiciary"},
        {"LEG", "legislature"}, {"BUS", "business"}, {"MED", "media"},
        {"EDU", "education"}, {"CVL", "civilians"}, {"LAB", "labour"},
        {"AGR", "agriculture"}, {"HLH", "health"}, {"REF", "refugees"},
        {"CRM", "criminals"}, {"SPY", "intelligence"}, {"ELI", "elites"},
        {"ENV", "environmentalists"}, {"HRI", "human rights groups"},
        {"RAD", "radicals"}, {"MOD", "moderates"}, {"REL", "religious"},
        {"UAF", "armed forces"}, {"SEP", "separatists"},
        {"INS", "insurgents"}, {"PTY", "party"}, {"IGO", "international"
                                                          " bodies"},
        {"NGO", "non-governmental organisations"}};
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (!strcmp(code, names[i][0]))
            return names[i][1];
    return NULL;
}

static int agent_add(dl *d, agents_st *a, const char *code, const char *ph,
                     int line)
{
    actnet_rules *r = d->r;
    char low[MAX_PHRASE];
    snprintf(low, sizeof(low), "%s", ph);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    uint32_t ai;
    if (!an_strmap_get(&a->codes, code, strlen(code), &ai)) {
        if (AN_RESERVE(r->agents, r->cap_agents, r->n_agents + 1))
            return d->oom = 1, -1;
        ai = (uint32_t)r->n_agents;
        an_agent_rule *g = &r->agents[r->n_agents++];
        memset(g, 0, sizeof(*g));
        g->case_insensitive = 1;
        g->from_dict = 1;
        g->loc.path = d->path;
        g->loc.line = line;
        g->loc.col = 1;
        g->id = new_id(d, code, UINT32_MAX);
        g->name = an_arena_strndup(&r->arena, low, strlen(low));
        if (!g->id || !g->name ||
            an_strmap_put(&a->codes, code, strlen(code), ai, NULL) < 0)
            return d->oom = 1, -1;
        return 0;
    }
    an_agent_rule *g = &r->agents[ai];
    if (!strcmp(g->name, low))
        return 0;
    const char *usual = agent_name(code);
    if (usual && !strcmp(low, usual)) {
        /* the usual word becomes the label, the first phrase an alias */
        char *nm = an_arena_strndup(&r->arena, low, strlen(low));
        if (!nm || push(d, &g->aliases, g->name, 1, line))
            return d->oom = 1, -1;
        g->name = nm;
        return 0;
    }
    return push(d, &g->aliases, low, 1, line);
}

static int agents_line(dl *d, agents_st *a, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    if (!n)
        return 0;
    const char *eq = memchr(s, '=', n);
    if (s[0] == '!' && eq) {
        const char *e = memchr(s + 1, '!', (size_t)(eq - s - 1));
        if (!e || e == s + 1 || (size_t)(e - s - 1) >= sizeof(a->m->name)) {
            dwarn(d, "a macro line is !NAME! = A, B, ...; the line is "
                  "skipped");
            return 0;
        }
        if (AN_RESERVE(a->m, a->cap_m, a->n_m + 1))
            return d->oom = 1, -1;
        macro *m = &a->m[a->n_m];
        memset(m, 0, sizeof(*m));
        snprintf(m->name, sizeof(m->name), "%.*s", (int)(e - s - 1), s + 1);
        size_t cap = 0;
        const char *p = eq + 1, *end = s + n;
        while (p < end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *q = comma ? comma : end;
            while (p < q && isspace((unsigned char)*p))
                p++;
            const char *qe = q;
            while (qe > p && isspace((unsigned char)qe[-1]))
                qe--;
            if (qe > p) {
                if (AN_RESERVE(m->alts, cap, m->n + 1))
                    return d->oom = 1, -1;
                m->alts[m->n] = malloc((size_t)(qe - p) + 1);
                if (!m->alts[m->n])
                    return d->oom = 1, -1;
                memcpy(m->alts[m->n], p, (size_t)(qe - p));
                m->alts[m->n++][qe - p] = '\0';
            }
            p = q + 1;
        }
        a->n_m++;
        return 0;
    }
    size_t pn, code_n = 0;
    const char *code_s;
    if (split_code(d, s, n, &pn, &code_s, &code_n))
        return 0;
    if (!code_s) {
        dwarn(d, "no [~CODE] after the agent phrase; the line is skipped");
        return 0;
    }
    char code[64];
    size_t k = 0;
    for (size_t i = 0; i < code_n; i++) {
        unsigned char ch = (unsigned char)code_s[i];
        if (ch == '~' || isspace(ch))
            continue;
        if (!isalnum(ch) || k + 1 >= sizeof(code)) {
            dwarn(d, "code '%.*s' is not ~ and letters ([~GOV]); the line "
                  "is skipped", (int)code_n, code_s);
            return 0;
        }
        code[k++] = (char)ch;
    }
    code[k] = '\0';
    if (!k) {
        dwarn(d, "empty code []; the line is skipped");
        return 0;
    }
    /* the plural in braces, if any */
    const char *ob = memchr(s, '{', pn), *cb = NULL;
    size_t text_n = pn;
    if (ob) {
        cb = memchr(ob, '}', pn - (size_t)(ob - s));
        if (!cb) {
            dwarn(d, "'{' without '}'; the line is skipped");
            return 0;
        }
        text_n = (size_t)(ob - s);
    }
    while (text_n && isspace((unsigned char)s[text_n - 1]))
        text_n--;
    char raw[MAX_PHRASE];
    snprintf(raw, sizeof(raw), "%.*s", (int)text_n, s);
    char (*forms)[MAX_PHRASE] = a->forms;
    size_t nf = 0;
    if (expand(d, a, raw, forms, &nf, 0))
        return 0;
    size_t singular = nf;
    if (ob && cb > ob + 1) {
        char pl[MAX_PHRASE];
        snprintf(pl, sizeof(pl), "%.*s", (int)(cb - ob - 1), ob + 1);
        if (expand(d, a, pl, forms, &nf, 0))
            return 0;
    } else if (!ob) {
        for (size_t i = 0; i < singular && nf < MAX_EXPAND; i++) {
            char t[MAX_PHRASE];
            int trail = strlen(forms[i]) && forms[i][strlen(forms[i]) - 1]
                                                == '_';
            snprintf(t, sizeof(t), "%s", forms[i]);
            if (trail)
                t[strlen(t) - 1] = '\0';
            plural_of(t, forms[nf++]);
        }
    }
    for (size_t i = 0; i < nf; i++) {
        char ph[MAX_PHRASE];
        int len = phrase_of(d, forms[i], strlen(forms[i]), ph);
        if (len < 0)
            return 0;
        if (len && agent_add(d, a, code, ph, d->line))
            return -1;
    }
    return 0;
}

/* ---- the reader --------------------------------------------------- */

actnet_status an_dict_load(actnet_rules *r, const char *path,
                           an_dict_format f, const char *buf, size_t len,
                           actnet_error *err)
{
    dl d = {r, path, 0, 0, err};
    size_t n_agents0 = r->n_agents;
    rec c;
    agents_st a;
    memset(&c, 0, sizeof(c));
    memset(&a, 0, sizeof(a));
    if (f == AN_DICT_VERBS) {
        d.line = 1;
        dwarn(&d, "a CAMEO verb dictionary: --rules does not import verb "
              "dictionaries yet, so the file is skipped (the relations of "
              "CAMEO 2.0 are in the default rules, relations_cameo.yaml)");
        goto out;
    }
    if (seed_ids(&d))
        goto out;
    if (f == AN_DICT_AGENTS &&
        !(a.forms = malloc(MAX_EXPAND * sizeof(*a.forms)))) {
        d.oom = 1;
        goto out;
    }
    const char *end = buf + len;
    for (const char *p = buf; p < end && !d.oom;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p, *e = eol;
        p = eol + 1;
        d.line++;
        if (e > s && e[-1] == '\r')
            e--;
        const char *cut = memchr(s, '#', (size_t)(e - s));
        if (cut)
            e = cut;
        cut = memchr(s, ';', (size_t)(e - s));
        if (cut)
            e = cut;
        if (d.line == 1 && e - s >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
            s += 3;
        if (!line_ok(&d, s, (size_t)(e - s)))
            continue;
        if (e - s >= 2 && s[0] == '<' && s[1] == '!')
            continue;               /* TABARI's <! ... > comment lines */
        if (f == AN_DICT_ACTORS)
            actors_line(&d, &c, s, (size_t)(e - s));
        else
            agents_line(&d, &a, s, (size_t)(e - s));
    }
    if (f == AN_DICT_ACTORS && !d.oom)
        emit_actor(&d, &c);
    for (size_t i = n_agents0; i < r->n_agents; i++)
        to_arena(&d, &r->agents[i].aliases);
out:
    rec_free(&c);
    for (size_t i = 0; i < a.n_m; i++) {
        for (size_t j = 0; j < a.m[i].n; j++)
            free(a.m[i].alts[j]);
        free(a.m[i].alts);
    }
    free(a.m);
    free(a.forms);
    an_strmap_free(&a.codes);
    if (d.oom) {
        an_error_set(err, path, d.line, 0, "out of memory while reading the "
                     "dictionary");
        return ACTNET_ERR_NOMEM;
    }
    return ACTNET_OK;
}
