/*
 * encode.h — one encoder per output syntax (JSON, CSV, TSV, XML, DOT).
 *
 * Every writer of a network file, the partial-result format and every
 * listing (entities, events, rank) quote their strings here, so one
 * string has one spelling per syntax whichever command wrote it: before,
 * four JSON escapers treated control characters four ways.
 *
 * The encoders do not clean text (format.h does: control characters
 * dropped, white space folded); they only make any byte string a valid
 * token of their syntax.  Each appends to a buffer and returns 0, or -1
 * when out of memory (the buffer then holds what it held before, or more:
 * the caller discards it).
 */
#ifndef ACTNET_TEXT_ENCODE_H
#define ACTNET_TEXT_ENCODE_H

#include <stddef.h>

#include "core/util.h"

/*
 * s[0..len) as a JSON string literal, quotes included: \" \\ \b \f \n \r
 * \t, other C0 controls and DEL as \u00xx, valid UTF-8 as it is, and each
 * byte of invalid UTF-8 as \ufffd, so the result is valid JSON (RFC 8259)
 * in valid UTF-8 whatever s holds.
 */
int an_json_string(an_buf *b, const char *s, size_t len);

/* As an_json_string; NULL is written as the JSON literal null. */
int an_json_cstring(an_buf *b, const char *s);

/*
 * Whether a spreadsheet would take the cell s[0..len) for a formula
 * (OWASP's "CSV injection"): it starts with = + - @, a tab or a carriage
 * return, and is not a plain decimal number ("-3", "+0.5", "-1e-05") or
 * a lone "-".  Article text, document ids, file names and rule labels
 * reach CSV and TSV cells, so such a cell is neutralised there.
 */
int an_cell_is_formula(const char *s, size_t len);

/*
 * s[0..len) as a CSV field (RFC 4180): quoted, with quotes doubled, when
 * it holds a comma, a quote, CR or LF, or starts or ends with a space;
 * else as it is.  A formula cell (an_cell_is_formula) is quoted with a
 * single quote put before its text, as OWASP recommends, so that a
 * spreadsheet shows it as text.
 */
int an_csv_field(an_buf *b, const char *s, size_t len);

/*
 * s[0..len) as a TSV field: tabs, line breaks and the other control
 * characters (NUL and DEL too) become spaces, so a field is one cell of
 * one line for cut, awk and spreadsheets; nothing is quoted.  A formula
 * cell gets a single quote before its text, as in an_csv_field.
 */
int an_tsv_field(an_buf *b, const char *s, size_t len);

/*
 * s[0..len) as a DOT quoted string (Graphviz), quotes included: " and \
 * escaped with a backslash.  s should be one line (format.h).
 */
int an_dot_string(an_buf *b, const char *s, size_t len);

/*
 * XML escaping (libxml2's, which Gephi, networkx and igraph read): & < >
 * and " always, CR as &#13;, and in attribute values (attr set) tab and
 * LF as &#9; and &#10;.  an_xml_escape_raw writes into o, which must have
 * room for 6 * len bytes, and returns the end; with check set it stops
 * at the first byte that text cleaning could change (other controls, DEL,
 * non-ASCII) and returns NULL, so that a caller can write printable ASCII
 * without cleaning it first.  an_xml_escape appends to a buffer.
 */
char *an_xml_escape_raw(char *o, const char *s, size_t len, int attr,
                        int check);
int an_xml_escape(an_buf *b, const char *s, size_t len, int attr);

#endif /* ACTNET_TEXT_ENCODE_H */
