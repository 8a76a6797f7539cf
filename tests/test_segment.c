/*
 * test_segment.c — check suite for src/text/segment.c: tokens (kinds, byte
 * spans in the original text, normalised and folded forms, flags),
 * sentences (terminals, quotes, abbreviations, initials, decimals, line
 * breaks) and paragraphs, on fixture sentences written for these tests.
 * Every segmentation is also checked against the structural invariants
 * the later stages rely on.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static an_text T;
static an_strmap abbrevs;

static void setup(void)
{
    an_text_init(&T);
    memset(&abbrevs, 0, sizeof(abbrevs));
    const char *const list[] = { "Mr", "Dr", "St", "Gen", "U.S", "Prof" };
    for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        ck_assert_int_eq(an_strmap_put(&abbrevs, list[i], strlen(list[i]),
                                       (uint32_t)i, NULL), 1);
}

static void teardown(void)
{
    an_text_finish(&T);
    an_strmap_free(&abbrevs);
}

/* Is the gap text s[a..b) only whitespace and dropped characters? */
static int gap_is_blank(const char *s, size_t a, size_t b)
{
    while (a < b) {
        int32_t cp;
        int bad;
        a += an_utf8_decode(s + a, b - a, &cp, &bad);
        if (bad)
            return 0;
        int32_t f = an_fold_punct(cp);
        if (f != -1 && !an_is_space(f))
            return 0;
    }
    return 1;
}

/* Does the blank gap s[a..b) hold whitespace (not only dropped
 * characters)? */
static int gap_has_space(const char *s, size_t a, size_t b)
{
    while (a < b) {
        int32_t cp;
        int bad;
        a += an_utf8_decode(s + a, b - a, &cp, &bad);
        if (an_fold_punct(cp) != -1)
            return 1;
    }
    return 0;
}

/* The invariants of every segmented text (plain ifs: check records each
 * assertion, and random input makes many). */
static void check_invariants(const an_text *t)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < t->n_toks; i++) {
        const an_token *k = &t->toks[i];
        if (!(k->start < k->end && k->end <= t->len && k->start >= prev_end))
            ck_abort_msg("token %zu span %u-%u after %zu", i, k->start,
                         k->end, prev_end);
        if (!gap_is_blank(t->src, prev_end, k->start))
            ck_abort_msg("bytes %zu-%u before token %zu are not blank",
                         prev_end, k->start, i);
        if (!!(k->flags & AN_TF_SPACE_BEFORE) !=
            gap_has_space(t->src, prev_end, k->start))
            ck_abort_msg("token %zu SPACE_BEFORE wrong", i);
        if (k->norm_len == 0 || k->fold_len == 0 ||
            (size_t)k->norm + k->norm_len > t->norm.len ||
            (size_t)k->fold + k->fold_len > t->norm.len)
            ck_abort_msg("token %zu forms out of range", i);
        if (k->kind > AN_TOK_PUNCT)
            ck_abort_msg("token %zu kind %u", i, k->kind);
        if (k->sentence >= t->n_sents)
            ck_abort_msg("token %zu in sentence %u of %zu", i, k->sentence,
                         t->n_sents);
        prev_end = k->end;
    }
    if (!gap_is_blank(t->src, prev_end, t->len))
        ck_abort_msg("bytes after the last token are not blank");

    size_t next_tok = 0;
    for (size_t j = 0; j < t->n_sents; j++) {
        const an_sentence *s = &t->sents[j];
        if (s->tok_start != next_tok || s->tok_end <= s->tok_start ||
            s->tok_end > t->n_toks)
            ck_abort_msg("sentence %zu tokens %u-%u", j, s->tok_start,
                         s->tok_end);
        if (s->start != t->toks[s->tok_start].start ||
            s->end != t->toks[s->tok_end - 1].end)
            ck_abort_msg("sentence %zu span %u-%u", j, s->start, s->end);
        uint32_t want_para = j ? t->sents[j - 1].paragraph : 0;
        if (s->paragraph != want_para && s->paragraph != want_para + 1)
            ck_abort_msg("sentence %zu paragraph %u", j, s->paragraph);
        if (s->paragraph >= t->n_paragraphs)
            ck_abort_msg("sentence %zu paragraph %u of %zu", j,
                         s->paragraph, t->n_paragraphs);
        int starts = 0;
        for (uint32_t i = s->tok_start; i < s->tok_end; i++) {
            const an_token *k = &t->toks[i];
            if (k->sentence != j)
                ck_abort_msg("token %u says sentence %u, not %zu", i,
                             k->sentence, j);
            int first_of_para = i == s->tok_start &&
                (j == 0 || t->sents[j - 1].paragraph != s->paragraph);
            if (!!(k->flags & AN_TF_PARA_START) != first_of_para)
                ck_abort_msg("token %u PARA_START wrong", i);
            if (k->flags & AN_TF_SENT_START) {
                starts++;
                if (k->kind == AN_TOK_PUNCT || k->kind == AN_TOK_POSSESSIVE)
                    ck_abort_msg("token %u SENT_START on kind %u", i,
                                 k->kind);
            }
        }
        if (starts > 1)
            ck_abort_msg("sentence %zu has %d starts", j, starts);
        next_tok = s->tok_end;
    }
    if (next_tok != t->n_toks)
        ck_abort_msg("sentences cover %zu of %zu tokens", next_tok,
                     t->n_toks);
    size_t paras = t->n_sents ? t->sents[t->n_sents - 1].paragraph + 1u : 0;
    if (paras != t->n_paragraphs)
        ck_abort_msg("%zu paragraphs, sentences say %zu", t->n_paragraphs,
                     paras);
}

static void seg_n(const char *s, size_t n, const an_strmap *ab)
{
    ck_assert_int_eq(an_text_segment(&T, s, n, ab), 0);
    ck_assert_ptr_eq(T.src, s);
    ck_assert_uint_eq(T.len, n);
    check_invariants(&T);
}

static void seg(const char *s, const an_strmap *ab)
{
    seg_n(s, strlen(s), ab);
}

static char out[16384];

/* Tokens as "norm/K@start-end", K one of W N A S P, space-separated. */
static const char *toks(void)
{
    static const char kinds[] = "WNASP";
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < T.n_toks && n < sizeof(out) - 1; i++) {
        const an_token *k = &T.toks[i];
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%.*s/%c@%u-%u",
                              i ? " " : "", (int)k->norm_len,
                              an_tok_norm(&T, i), kinds[k->kind], k->start,
                              k->end);
    }
    return out;
}

/* Folded forms, space-separated. */
static const char *folds(void)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < T.n_toks && n < sizeof(out) - 1; i++)
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%.*s",
                              i ? " " : "", (int)T.toks[i].fold_len,
                              an_tok_fold(&T, i));
    return out;
}

/* Sentences as "pN:original text", joined by " | ". */
static const char *sents(void)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t j = 0; j < T.n_sents && n < sizeof(out) - 1; j++) {
        const an_sentence *s = &T.sents[j];
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%sp%u:%.*s",
                              j ? " | " : "", s->paragraph,
                              (int)(s->end - s->start), T.src + s->start);
    }
    return out;
}

/* Flags of each token as letters: C cap, U upper, s sentence start,
 * p paragraph start, _ space before, R repaired; "-" for none. */
static const char *flags(void)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < T.n_toks && n + 12 < sizeof(out); i++) {
        unsigned f = T.toks[i].flags;
        if (i)
            out[n++] = ' ';
        size_t n0 = n;
        if (f & AN_TF_CAP) out[n++] = 'C';
        if (f & AN_TF_UPPER) out[n++] = 'U';
        if (f & AN_TF_SENT_START) out[n++] = 's';
        if (f & AN_TF_PARA_START) out[n++] = 'p';
        if (f & AN_TF_SPACE_BEFORE) out[n++] = '_';
        if (f & AN_TF_REPAIRED) out[n++] = 'R';
        if (n == n0) out[n++] = '-';
        out[n] = '\0';
    }
    return out;
}

/* ---- tokens ------------------------------------------------------- */

START_TEST(offsets_after_multibyte)
{
    /* Ł is 2 bytes, ’ is 3: the possessive spans ’s (4 bytes) and its
     * norm is the folded 's. */
    seg("\xC5\x81ukaszenka\xE2\x80\x99s aides met \xC5\x81" "odz.", NULL);
    ck_assert_str_eq(toks(), "\xC5\x81ukaszenka/W@0-11 's/S@11-15 "
                     "aides/W@16-21 met/W@22-25 \xC5\x81odz/W@26-31 "
                     "./P@31-32");
    ck_assert_str_eq(folds(), "\xC5\x82ukaszenka 's aides met \xC5\x82odz .");
    ck_assert_str_eq(flags(), "Csp - _ _ C_ -");
    ck_assert_uint_eq(T.repaired, 0);
}
END_TEST

START_TEST(possessives_and_apostrophes)
{
    seg("Minsk's mayor, the EU's envoy and Belarus' border", NULL);
    ck_assert_str_eq(toks(), "Minsk/W@0-5 's/S@5-7 mayor/W@8-13 ,/P@13-14 "
                     "the/W@15-18 EU/W@19-21 's/S@21-23 envoy/W@24-29 "
                     "and/W@30-33 Belarus/W@34-41 '/S@41-42 "
                     "border/W@43-49");

    /* Internal apostrophes stay in the word; a final 's does not. */
    seg("Don't ask O'Brien's aide; it's 'no' from ROSS'S office", NULL);
    ck_assert_str_eq(toks(), "Don't/W@0-5 ask/W@6-9 O'Brien/W@10-17 "
                     "'s/S@17-19 aide/W@20-24 ;/P@24-25 it/W@26-28 "
                     "'s/S@28-30 '/P@31-32 no/W@32-34 '/P@34-35 "
                     "from/W@36-40 ROSS/W@41-45 'S/S@45-47 "
                     "office/W@48-54");
    ck_assert_str_eq(folds(), "don't ask o'brien 's aide ; it 's ' no ' "
                     "from ross 's office");

    /* Typographic apostrophes fold the same way; U+02BC too.  A closing
     * quote glued to a word ending in s cannot be told from a plural
     * possessive (Belarus') and is read as one. */
    seg("don\xE2\x80\x99t O\xCA\xBC" "Neill\xE2\x80\x99s \xE2\x80\x98yes\xE2\x80\x99 "
        "\xE2\x80\x98no\xE2\x80\x99", NULL);
    ck_assert_str_eq(toks(), "don't/W@0-7 O'Neill/W@8-16 's/S@16-20 "
                     "'/P@21-24 yes/W@24-27 '/S@27-30 '/P@31-34 no/W@34-36 "
                     "'/P@36-39");

    /* After an acronym or a number; not after a space or punctuation. */
    seg("the U.S.'s aims, 1990's fads, ' s", NULL);
    ck_assert_str_eq(toks(), "the/W@0-3 U.S./A@4-8 's/S@8-10 aims/W@11-15 "
                     ",/P@15-16 1990/N@17-21 's/S@21-23 fads/W@24-28 "
                     ",/P@28-29 '/P@30-31 s/W@32-33");
}
END_TEST

START_TEST(hyphens_and_dashes)
{
    seg("Co-operation with pro\xE2\x80\x93Kremlin \xE2\x80\x94 or non\xE2\x80\x91" "aligned",
        NULL);
    ck_assert_str_eq(toks(), "Co/W@0-2 -/P@2-3 operation/W@3-12 "
                     "with/W@13-17 pro/W@18-21 -/P@21-24 Kremlin/W@24-31 "
                     "-/P@32-35 or/W@36-38 non/W@39-42 -/P@42-45 "
                     "aligned/W@45-52");
    ck_assert_str_eq(flags(), "Csp - - _ _ - C _ _ _ - -");
}
END_TEST

START_TEST(numbers)
{
    seg("Growth of 3.5 percent, 1,000 troops, 2.4bn euros, the 1990s, "
        "3rd G7 summit, COVID-19, 10.30. 5", NULL);
    ck_assert_str_eq(toks(), "Growth/W@0-6 of/W@7-9 3.5/N@10-13 "
                     "percent/W@14-21 ,/P@21-22 1,000/N@23-28 "
                     "troops/W@29-35 ,/P@35-36 2.4/N@37-40 bn/W@40-42 "
                     "euros/W@43-48 ,/P@48-49 the/W@50-53 1990s/W@54-59 "
                     ",/P@59-60 3rd/W@61-64 G7/W@65-67 summit/W@68-74 "
                     ",/P@74-75 COVID/W@76-81 -/P@81-82 19/N@82-84 "
                     ",/P@84-85 10.30/N@86-91 ./P@91-92 5/N@93-94");
    /* Non-ASCII digits are digits. */
    seg("\xD9\xA3\xD9\xA2 x", NULL);
    ck_assert_str_eq(toks(), "\xD9\xA3\xD9\xA2/N@0-4 x/W@5-6");
}
END_TEST

START_TEST(acronyms)
{
    seg("U.S. and U.K. envoys, e.g. in the E.U.-led U.S.A. talks; "
        "U.S.Army J.", NULL);
    ck_assert_str_eq(toks(), "U.S./A@0-4 and/W@5-8 U.K./A@9-13 "
                     "envoys/W@14-20 ,/P@20-21 e.g./A@22-26 in/W@27-29 "
                     "the/W@30-33 E.U./A@34-38 -/P@38-39 led/W@39-42 "
                     "U.S.A./A@43-49 talks/W@50-55 ;/P@55-56 "
                     "U.S./A@57-61 Army/W@61-65 J/W@66-67 ./P@67-68");
    ck_assert_str_eq(flags(), "CUsp _ CU_ _ - _ _ _ CU_ - - CU_ _ - CU_ C "
                     "CU_ -");
    ck_assert_str_eq(folds(), "u.s. and u.k. envoys , e.g. in the e.u. - "
                     "led u.s.a. talks ; u.s. army j .");
}
END_TEST

START_TEST(case_flags_and_folds)
{
    seg("NATO Nato nato \xC3\x89" "COLE \xC3\x89lan \xC3\xA9t\xC3\xA9 "
        "iPhone 3M McDONALD \xE5\x8C\x97\xE4\xBA\xAC", NULL);
    ck_assert_str_eq(folds(), "nato nato nato \xC3\xA9" "cole \xC3\xA9lan "
                     "\xC3\xA9t\xC3\xA9 iphone 3m mcdonald "
                     "\xE5\x8C\x97\xE4\xBA\xAC");
    ck_assert_str_eq(flags(), "CUsp C_ _ CU_ C_ _ _ CU_ C_ _");
    /* Forms that fold to themselves share the norm's bytes. */
    ck_assert_uint_eq(T.toks[2].fold, T.toks[2].norm);
    ck_assert_uint_eq(T.toks[5].fold, T.toks[5].norm);   /* été */
    ck_assert_uint_eq(T.toks[9].fold, T.toks[9].norm);   /* 北京 */
    ck_assert_uint_ne(T.toks[0].fold, T.toks[0].norm);
}
END_TEST

START_TEST(punct_folding_in_forms)
{
    /* Quotes fold to ", NBSP is a space, soft hyphen and zero-width
     * characters vanish inside a word but the span keeps their bytes. */
    seg("\xE2\x80\x9CLukas\xC2\xADhenko\xE2\x80\x9D\xC2\xA0said "
        "\xC2\xABno\xC2\xBB Mi\xE2\x80\x8Bnsk \xE2\x80\x8B x\xC2\xAD y", NULL);
    ck_assert_str_eq(toks(), "\"/P@0-3 Lukashenko/W@3-15 \"/P@15-18 "
                     "said/W@20-24 \"/P@25-27 no/W@27-29 \"/P@29-31 "
                     "Minsk/W@32-40 x/W@45-46 y/W@49-50");
    ck_assert_str_eq(flags(), "p Cs - _ _ - - C_ _ _");
    /* Other punctuation is one token per character, kept as is. */
    seg("a\xE2\x80\xA6(b)&c@\xF0\x9F\x98\x80", NULL);
    ck_assert_str_eq(toks(), "a/W@0-1 \xE2\x80\xA6/P@1-4 (/P@4-5 b/W@5-6 "
                     ")/P@6-7 &/P@7-8 c/W@8-9 @/P@9-10 "
                     "\xF0\x9F\x98\x80/P@10-14");
}
END_TEST

START_TEST(combining_marks_stay_in_words)
{
    /* E + U+0301 (combining acute): one word, capitalised. */
    seg("E\xCC\x81" "cole Cafe\xCC\x81.", NULL);
    ck_assert_str_eq(toks(), "E\xCC\x81" "cole/W@0-7 Cafe\xCC\x81/W@8-14 "
                     "./P@14-15");
    ck_assert_str_eq(flags(), "Csp C_ -");
}
END_TEST

START_TEST(invalid_utf8_repaired)
{
    /* \xFF, a truncated \xC3, an overlong \xC0\xAF and a surrogate: each
     * bad byte is one U+FFFD punctuation token; offsets stay those of
     * the original bytes. */
    const char *s = "ab\xFF" "cd \xC3\xA9t\xC3 x \xC0\xAF y\xED\xA0\x80";
    seg(s, NULL);
    ck_assert_str_eq(toks(), "ab/W@0-2 \xEF\xBF\xBD/P@2-3 cd/W@3-5 "
                     "\xC3\xA9t/W@6-9 \xEF\xBF\xBD/P@9-10 x/W@11-12 "
                     "\xEF\xBF\xBD/P@13-14 \xEF\xBF\xBD/P@14-15 y/W@16-17 "
                     "\xEF\xBF\xBD/P@17-18 \xEF\xBF\xBD/P@18-19 "
                     "\xEF\xBF\xBD/P@19-20");
    ck_assert_uint_eq(T.repaired, 7);
    size_t repaired = 0;
    for (size_t i = 0; i < T.n_toks; i++)
        repaired += (T.toks[i].flags & AN_TF_REPAIRED) != 0;
    ck_assert_uint_eq(repaired, 7);
    ck_assert(!(T.toks[0].flags & AN_TF_REPAIRED));
    ck_assert(T.toks[1].flags & AN_TF_REPAIRED);

    /* A document of cp1252 quotes around a name: the name still comes
     * out whole. */
    seg("\x93Lukashenko\x92s\x94 men", NULL);
    ck_assert_str_eq(toks(), "\xEF\xBF\xBD/P@0-1 Lukashenko/W@1-11 "
                     "\xEF\xBF\xBD/P@11-12 s/W@12-13 \xEF\xBF\xBD/P@13-14 "
                     "men/W@15-18");
    ck_assert_uint_eq(T.repaired, 3);
}
END_TEST

START_TEST(nul_and_controls)
{
    const char s[] = "a\0b\0\0c\x01\x7F" "d";
    seg_n(s, sizeof(s) - 1, NULL);
    ck_assert_str_eq(toks(), "a/W@0-1 b/W@2-3 c/W@5-6 d/W@8-9");
    ck_assert_str_eq(flags(), "sp _ _ _");
    ck_assert_uint_eq(T.n_sents, 1);

    const char z[] = "\0\0\0";
    seg_n(z, 3, NULL);
    ck_assert_uint_eq(T.n_toks, 0);
    ck_assert_uint_eq(T.n_sents, 0);
}
END_TEST

START_TEST(empty_and_blank)
{
    ck_assert_int_eq(an_text_segment(&T, NULL, 0, NULL), 0);
    ck_assert_uint_eq(T.n_toks, 0);
    ck_assert_uint_eq(T.n_sents, 0);
    ck_assert_uint_eq(T.n_paragraphs, 0);
    seg("", &abbrevs);
    ck_assert_uint_eq(T.n_toks, 0);
    seg(" \t\r\n\r\n\xC2\xA0\xE2\x80\x83\n\xE2\x80\x8B\xC2\xAD \xEF\xBB\xBF",
        NULL);
    ck_assert_uint_eq(T.n_toks, 0);
    ck_assert_uint_eq(T.n_sents, 0);
    ck_assert_uint_eq(T.n_paragraphs, 0);
    ck_assert_uint_eq(T.repaired, 0);

    /* A BOM before the first word is dropped, not a token. */
    seg("\xEF\xBB\xBFHello", NULL);
    ck_assert_str_eq(toks(), "Hello/W@3-8");
    ck_assert_str_eq(flags(), "Csp");
}
END_TEST

START_TEST(long_token_cut)
{
    size_t n = 70000;
    char *s = malloc(n + 3);
    ck_assert_ptr_nonnull(s);
    s[0] = 'X';
    memset(s + 1, 'a', n - 1);
    memcpy(s + n, " b", 3);
    seg(s, NULL);
    ck_assert_uint_eq(T.n_toks, 2);
    ck_assert_uint_eq(T.toks[0].start, 0);
    ck_assert_uint_eq(T.toks[0].end, n);
    ck_assert_uint_eq(T.toks[0].norm_len, 65535);
    ck_assert_uint_eq(T.toks[0].fold_len, 65535);
    ck_assert_int_eq(an_tok_norm(&T, 0)[0], 'X');
    ck_assert_int_eq(an_tok_fold(&T, 0)[0], 'x');
    ck_assert_int_eq(an_tok_fold(&T, 0)[65534], 'a');
    ck_assert_uint_eq(T.toks[1].start, n + 1);
    ck_assert_int_eq(an_tok_norm(&T, 1)[0], 'b');

    /* Cut on a character boundary: 2-byte letters, 65535 is odd. */
    for (size_t i = 0; i + 1 < n; i += 2)
        memcpy(s + i, "\xC5\x81", 2);
    s[n] = '\0';
    seg(s, NULL);
    ck_assert_uint_eq(T.n_toks, 1);
    ck_assert_uint_eq(T.toks[0].end, n);
    ck_assert_uint_eq(T.toks[0].norm_len, 65534);
    ck_assert_uint_eq(T.toks[0].fold_len, 65534);
    ck_assert_int_eq((unsigned char)an_tok_fold(&T, 0)[65533], 0x82);
    ck_assert_int_eq(T.toks[0].flags & (AN_TF_CAP | AN_TF_UPPER),
                     AN_TF_CAP | AN_TF_UPPER);
    free(s);
}
END_TEST

START_TEST(too_large_refused)
{
#if SIZE_MAX > UINT32_MAX
    /* The length alone is refused; the bytes are never read. */
    static const char tiny[] = "x";
    size_t huge = (size_t)UINT32_MAX + 1;
    ck_assert_int_eq(an_text_segment(&T, tiny, huge, NULL), -1);
    ck_assert_uint_eq(T.n_toks, 0);
    ck_assert_uint_eq(T.n_sents, 0);
#endif
    seg("still works", NULL);
    ck_assert_uint_eq(T.n_toks, 2);
}
END_TEST

START_TEST(reuse_keeps_allocations)
{
    seg("The first document has several words. And two sentences.", NULL);
    an_token *toks_before = T.toks;
    size_t cap = T.cap_toks, ncap = T.norm.cap;
    seg("Short one.", NULL);
    ck_assert_str_eq(toks(), "Short/W@0-5 one/W@6-9 ./P@9-10");
    ck_assert_str_eq(sents(), "p0:Short one.");
    ck_assert_ptr_eq(T.toks, toks_before);
    ck_assert_uint_eq(T.cap_toks, cap);
    ck_assert_uint_eq(T.norm.cap, ncap);
}
END_TEST

/* ---- sentences and paragraphs -------------------------------------- */

START_TEST(basic_sentences)
{
    seg("Talks began in Vienna. They ended late! Why? 2021 was worse.",
        NULL);
    ck_assert_str_eq(sents(), "p0:Talks began in Vienna. | p0:They ended "
                     "late! | p0:Why? | p0:2021 was worse.");
    ck_assert_uint_eq(T.n_paragraphs, 1);
    /* A terminal before lower case, or glued to the next word, does not
     * end a sentence. */
    seg("It fell by 3 p.c. last year. Yahoo!Inc. rose. A.", NULL);
    ck_assert_str_eq(sents(), "p0:It fell by 3 p.c. last year. | "
                     "p0:Yahoo!Inc. rose. | p0:A.");
}
END_TEST

START_TEST(decimals_and_initials)
{
    seg("Prices rose 3.5 percent in 2020. J. R. Smith said so. "
        "George W. Bush agreed.", NULL);
    ck_assert_str_eq(sents(), "p0:Prices rose 3.5 percent in 2020. | "
                     "p0:J. R. Smith said so. | p0:George W. Bush agreed.");
    /* Initials are protected without any abbreviation list too, also
     * non-ASCII ones, also across a line break. */
    seg("Poet \xC5\x81. Nowak wrote.\nAnd A.\nBorisov.", NULL);
    ck_assert_str_eq(sents(), "p0:Poet \xC5\x81. Nowak wrote. | "
                     "p0:And A.\nBorisov.");
}
END_TEST

START_TEST(abbreviations)
{
    const char *s = "Mr. Lee met Dr. Kim in the U.S. Senate. "
                    "Gen. Ray left St. Paul. Ms. Day stayed.";
    seg(s, &abbrevs);
    ck_assert_str_eq(sents(), "p0:Mr. Lee met Dr. Kim in the U.S. Senate. | "
                     "p0:Gen. Ray left St. Paul. | p0:Ms. | p0:Day stayed.");
    int sent_starts = 0;
    for (size_t i = 0; i < T.n_toks; i++)
        sent_starts += (T.toks[i].flags & AN_TF_SENT_START) != 0;
    ck_assert_int_eq(sent_starts, 4);

    /* Without the list only initials and decimals are protected. */
    seg(s, NULL);
    ck_assert_str_eq(sents(), "p0:Mr. | p0:Lee met Dr. | p0:Kim in the U.S. "
                     "| p0:Senate. | p0:Gen. | p0:Ray left St. | p0:Paul. | "
                     "p0:Ms. | p0:Day stayed.");

    /* Abbreviations are looked up by their normalised form, case kept. */
    seg("MR. LEE spoke. mr. Lee", &abbrevs);
    ck_assert_str_eq(sents(), "p0:MR. | p0:LEE spoke. mr. | p0:Lee");
    /* An abbreviation period after a space is an ordinary terminal. */
    seg("He saw Mr . Then left", &abbrevs);
    ck_assert_str_eq(sents(), "p0:He saw Mr . | p0:Then left");
}
END_TEST

START_TEST(quotes_and_brackets)
{
    seg("\"Will they come?\" she asked. \"Yes!\" He smiled. "
        "(It rained.) Then \xE2\x80\x9CStop.\xE2\x80\x9D They did. "
        "Go 'now.' Later [sic.] more.", NULL);
    ck_assert_str_eq(sents(), "p0:\"Will they come?\" she asked. | "
                     "p0:\"Yes!\" | p0:He smiled. | p0:(It rained.) | "
                     "p0:Then \xE2\x80\x9CStop.\xE2\x80\x9D | p0:They did. | "
                     "p0:Go 'now.' | p0:Later [sic.] more.");
    /* Opening quotes and brackets after a terminal start a sentence;
     * SENT_START goes to the first word after them. */
    seg("He left. \xE2\x80\x98We won,\xE2\x80\x99 she said. (And then) so. "
        "\xE2\x80\x94 Not a start.", NULL);
    ck_assert_str_eq(sents(), "p0:He left. | p0:\xE2\x80\x98We won,"
                     "\xE2\x80\x99 she said. | p0:(And then) so. \xE2\x80\x94 "
                     "Not a start.");
    ck_assert_str_eq(flags(), "Csp _ - _ Cs _ - - _ _ - _ Cs _ - _ - _ C_ _ "
                     "_ -");
    /* Several terminals in a row: ?! and ... */
    seg("Really?! No... not yet... Fine\xE2\x80\xA6 Done.", NULL);
    ck_assert_str_eq(sents(), "p0:Really?! | p0:No... not yet... | "
                     "p0:Fine\xE2\x80\xA6 | p0:Done.");
}
END_TEST

START_TEST(paragraphs_and_headlines)
{
    const char *s =
        "Border talks collapse\n"
        "\n"
        "Envoys left Vienna. The\n"
        "next round is open\n"
        "   \t\n"
        "\n"
        "A last word.  \n";
    seg(s, NULL);
    ck_assert_str_eq(sents(), "p0:Border talks collapse | "
                     "p1:Envoys left Vienna. | p1:The\nnext round is open | "
                     "p2:A last word.");
    ck_assert_uint_eq(T.n_paragraphs, 3);
    ck_assert_uint_eq(T.n_sents, 4);
    /* PARA_START on the first token of each paragraph only. */
    size_t starts[3], n = 0;
    for (size_t i = 0; i < T.n_toks; i++)
        if (T.toks[i].flags & AN_TF_PARA_START)
            starts[n++] = i;
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(starts[0], 0);
    ck_assert_uint_eq(T.toks[starts[1]].start, 23);   /* Envoys */
    ck_assert_uint_eq(T.toks[starts[2]].start, 72);   /* A */
    ck_assert_uint_eq(T.sents[3].start, 72);
    ck_assert_uint_eq(T.sents[3].end, 84);
    ck_assert_uint_eq(T.toks[T.n_toks - 1].sentence, 3);

    /* A paragraph break ends a sentence even after an abbreviation, and
     * without any punctuation. */
    seg("Talks with Mr.\n\nSmith ended\n\n\n(Reuters)", &abbrevs);
    ck_assert_str_eq(sents(), "p0:Talks with Mr. | p1:Smith ended | "
                     "p2:(Reuters)");
    /* U+2029 is a paragraph break, U+2028 a line break. */
    seg("One\xE2\x80\xA9Two\xE2\x80\xA8three. four", NULL);
    ck_assert_str_eq(sents(), "p0:One | p1:Two\xE2\x80\xA8three. four");
}
END_TEST

START_TEST(line_breaks)
{
    /* A line break after a terminal ends the sentence whatever follows;
     * a line break alone does not. */
    seg("Police came.\nthen they left\nthe square. Quietly", &abbrevs);
    ck_assert_str_eq(sents(), "p0:Police came. | p0:then they left\nthe "
                     "square. | p0:Quietly");
    seg("He met Mr.\nSmith and Gen.\nRay.", &abbrevs);
    ck_assert_str_eq(sents(), "p0:He met Mr.\nSmith and Gen.\nRay.");
}
END_TEST

START_TEST(crlf)
{
    const char *s = "One.\r\nTwo\r\ncontinues.\r\n\r\nThree\rFour.\r\rFive";
    seg(s, NULL);
    ck_assert_str_eq(sents(), "p0:One. | p0:Two\r\ncontinues. | "
                     "p1:Three\rFour. | p2:Five");
    ck_assert_str_eq(toks(), "One/W@0-3 ./P@3-4 Two/W@6-9 "
                     "continues/W@11-20 ./P@20-21 Three/W@25-30 "
                     "Four/W@31-35 ./P@35-36 Five/W@38-42");
    ck_assert_uint_eq(T.n_paragraphs, 3);
}
END_TEST

START_TEST(sentence_starts)
{
    /* SENT_START skips leading quotes, dashes and dots. */
    seg("\"Hello,\" said Ann.\n- 12 men came.\n... and U.S. troops. 's x",
        &abbrevs);
    ck_assert_str_eq(sents(), "p0:\"Hello,\" said Ann. | "
                     "p0:- 12 men came. | p0:... and U.S. troops. | p0:'s x");
    ck_assert_str_eq(flags(), "p Cs - - _ C_ - _ s_ _ _ - _ - - s_ CU_ _ - _ "
                     "s _");
}
END_TEST

/* Random documents built from a small alphabet of troublesome pieces:
 * the invariants must hold, and the same bytes always give the same
 * tokens (also when the an_text is reused). */
START_TEST(random_documents)
{
    static const char *const pieces[] = {
        "a", "Bc", " ", "\n", "\r\n", ".", "!", "?", "'", "\xE2\x80\x99",
        "s", "3", ",", "-", "\"", "(", ")", "\xC5\x81", "\xC2\xA0",
        "\xC2\xAD", "\xE2\x80\x8B", "\xFF", "\xC3", "\xE2\x80", "\0",
        "U.S.", "Mr", "J.", "\xE2\x80\xA6", "\xCC\x81", "\xE2\x80\xA9",
        "\xE5\x8C\x97", "\t", "\xEF\xBB\xBF", "\xF0\x9F\x98\x80", "\x85"
    };
    size_t np = sizeof(pieces) / sizeof(pieces[0]);
    char *buf = malloc(4096);
    ck_assert_ptr_nonnull(buf);
    unsigned long x = 99;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        size_t want = (size_t)(round % 97);
        for (size_t i = 0; i < want; i++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            const char *p = pieces[(x >> 33) % np];
            size_t l = p[0] ? strlen(p) : 1;
            memcpy(buf + n, p, l);
            n += l;
        }
        seg_n(buf, n, round % 2 ? &abbrevs : NULL);
        size_t nt = T.n_toks, ns = T.n_sents;
        uint32_t last = nt ? T.toks[nt - 1].end : 0;
        seg_n(buf, n, round % 2 ? &abbrevs : NULL);
        if (T.n_toks != nt || T.n_sents != ns ||
            (nt && T.toks[nt - 1].end != last))
            ck_abort_msg("round %d not deterministic", round);
    }
    free(buf);
}
END_TEST

static Suite *segment_suite(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("tokens");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, offsets_after_multibyte);
    tcase_add_test(tc, possessives_and_apostrophes);
    tcase_add_test(tc, hyphens_and_dashes);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, acronyms);
    tcase_add_test(tc, case_flags_and_folds);
    tcase_add_test(tc, punct_folding_in_forms);
    tcase_add_test(tc, combining_marks_stay_in_words);
    tcase_add_test(tc, invalid_utf8_repaired);
    tcase_add_test(tc, nul_and_controls);
    tcase_add_test(tc, empty_and_blank);
    tcase_add_test(tc, long_token_cut);
    tcase_add_test(tc, too_large_refused);
    tcase_add_test(tc, reuse_keeps_allocations);
    suite_add_tcase(s, tc);

    tc = tcase_create("sentences");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, basic_sentences);
    tcase_add_test(tc, decimals_and_initials);
    tcase_add_test(tc, abbreviations);
    tcase_add_test(tc, quotes_and_brackets);
    tcase_add_test(tc, paragraphs_and_headlines);
    tcase_add_test(tc, line_breaks);
    tcase_add_test(tc, crlf);
    tcase_add_test(tc, sentence_starts);
    suite_add_tcase(s, tc);

    tc = tcase_create("robustness");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, random_documents);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(segment_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
