/*
 * dict.h — the readers of event-data dictionaries (TABARI / PETRARCH
 * formats) that --rules accepts beside YAML rule files.
 *
 * One dispatch: an_dict_format_of tells a file's format from its name
 * (".actors", ".agents", ".verbs" as a dotted part of it, so that
 * "Phoenix.agents.txt" counts) or, failing that, from its first lines;
 * an_dict_load reads one file of a known format into the rule set.  A
 * new format is one more enum value, one more sniff rule and one more
 * case in an_dict_load.
 *
 * A dictionary is read line by line: a line that cannot be read (a bad
 * date, a control byte, U+FFFD, a synonym with no record above it, ...)
 * is reported once as a warning "file:line: message" and skipped, and
 * the rest loads (check-rules --strict and build --strict refuse such a
 * rule set).
 */
#ifndef ACTNET_RULES_DICT_H
#define ACTNET_RULES_DICT_H

#include <stddef.h>

#include "rules/rules.h"

typedef enum an_dict_format {
    AN_DICT_NONE = 0,   /* not a dictionary: a YAML rule file */
    AN_DICT_ACTORS,     /* .actors: named actors with (dated) codes */
    AN_DICT_AGENTS,     /* .agents: generic agents with ~CODE */
    AN_DICT_VERBS       /* .verbs: CAMEO verb blocks (not imported yet) */
} an_dict_format;

/* The format named by a file name (base name or path), else AN_DICT_NONE. */
an_dict_format an_dict_format_of_name(const char *path);

/* The format of the bytes buf[0, len) (their first 64 KiB are looked at),
 * else AN_DICT_NONE. */
an_dict_format an_dict_format_of_text(const char *buf, size_t len);

/* By name, else by content. */
an_dict_format an_dict_format_of(const char *path, const char *buf,
                                 size_t len);

/* The format's name for messages ("actors"). */
const char *an_dict_format_name(an_dict_format f);

/*
 * Reads dictionary buf[0, len) of format f into r; path (kept by r) is
 * used in messages.  Bad lines become warnings; ACTNET_OK unless out of
 * memory (then err is filled).
 */
actnet_status an_dict_load(actnet_rules *r, const char *path,
                           an_dict_format f, const char *buf, size_t len,
                           actnet_error *err);

#endif
