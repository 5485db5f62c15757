/* spell.h - Hunspell dictionaries for the checks: finding them on disk,
 * opening them with the project's supplements and the user's word lists,
 * and a per-run verdict cache so that each distinct word reaches Hunspell
 * once (news vocabulary is Zipfian: a few thousand words make up most
 * tokens). Words go in and come out as UTF-8; conversion to a dictionary's
 * own encoding happens here. Prefix spell_.
 *
 * A speller is one "language": one or more Hunspell dictionaries (en_US
 * plus en_GB for --dialect any) of which any may accept a word. */
#ifndef MTL_SPELL_H
#define MTL_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"
#include "util.h"

/* The directories searched after each directory of $DICPATH, in order;
 * NULL-terminated. */
extern const char *const spell_system_dirs[];

/* Finds the files of dictionary `name`:
 * - a name with a '/' is a path to NAME.dic/NAME.aff (either extension or
 *   none may be given);
 * - otherwise NAME.aff and NAME.dic are looked for in each directory of
 *   $DICPATH, then in spell_system_dirs; a bare language code ("es") that
 *   is not found as such also tries "es_ES" and then the first "es_*" pair
 *   in alphabetical order.
 * Both files must be readable: Hunspell_create() itself never fails, it
 * returns a handle that rejects every word. On success sets *aff, *dic
 * (malloc'd) and returns true; on failure appends the directories searched
 * to `searched` (if not NULL), comma-separated. */
bool spell_find(const char *name, char **aff, char **dic, buf *searched);

/* The Debian package that ships dictionary `name` ("en_US" ->
 * "hunspell-en-us", "es" -> "hunspell-es"), written to out. */
const char *spell_debian_package(const char *name, char *out, size_t outlen);

/* The counterpart of an English dictionary for dialect checks: en_GB for
 * en_US, en_US for any other en_* dictionary; NULL for other languages. */
const char *spell_counterpart(const char *name);

typedef struct spell_options {
    const char *const *names;      /* dictionaries (NULL-terminated); the
                                      first one gives suggestions */
    const char *supplement_dir;    /* every *.dic in it is added to each
                                      dictionary; NULL: none */
    bool supplement_dir_required;  /* a missing supplement_dir is an error */
    const char *const *word_files; /* user word lists, one word a line,
                                      '#' comments; NULL-terminated or NULL */
} spell_options;

typedef struct speller speller;

/* Opens every dictionary of o->names. On failure returns NULL and adds one
 * message per problem to diags (a missing dictionary names the paths
 * searched and the Debian package to install). */
speller *spell_open(const spell_options *o, mtl_diags *diags);
void spell_close(speller *sp);

/* Whether word[0..n) (UTF-8) is known to any of the dictionaries. Each
 * distinct byte string is looked up once per speller. */
bool spell_known(speller *sp, const char *word, size_t n);

/* Up to `max` suggestions for word[0..n) from the first dictionary, best
 * first; returns how many were stored in out. The strings are UTF-8, owned
 * by the speller and valid until spell_close. Hunspell's suggest is slow
 * (milliseconds), so it is called once per distinct word and only for the
 * words a check reports. */
size_t spell_suggest(speller *sp, const char *word, size_t n, const char **out, size_t max);

/* The name of the first dictionary, as given in the options. */
const char *spell_name(const speller *sp);

/* Counters for tests and the benchmark: distinct words cached, and calls
 * made to Hunspell_spell. */
typedef struct spell_stats {
    size_t cached, lookups, hunspell_calls, suggest_calls;
} spell_stats;
void spell_get_stats(const speller *sp, spell_stats *st);

#endif
