/* mtd.h - compiled dictionaries: every word form a Hunspell dictionary
 * accepts, written once at build time (tools/mtlint-dictc.c) and
 * memory-mapped at run time, so that a run needs neither the 50-100 ms
 * Hunspell takes to parse a dictionary nor one Hunspell call per word.
 * Prefix mtd_.
 *
 * Structure: open-addressing hash tables (linear probing, at most two
 * thirds full) of 8-byte slots {32-bit tag, 32-bit offset} pointing into
 * a pool of length-prefixed strings, one table per case class (lower
 * case, initial capital, other), so that the lower-case words that make
 * up most lookups touch only the pages of their own, smaller table. A
 * table's first few thousand lookups read the file instead of its
 * mapping: each page fault maps 64 KB around it, so a table asked a few
 * thousand words would count nearly whole in the process's memory. A
 * busier table is mapped, and a run's memory is the pages it touched; a
 * file of 2 MB or less is mapped from its first lookup. Each table also
 * has a Bloom filter of its forms (ten bits a form), which answers most
 * of those first lookups for absent words from memory, without a read.
 * A hash table rather than a minimal perfect hash because a lookup must
 * also say "absent" for any string, which a perfect hash only does after
 * the same string comparison; rather than a trie or FSA
 * because a probe touches two cache lines whatever the word's length.
 * en_US takes 13 MB, en_GB 24 MB, es_ES 79 MB, paged in only where probed.
 *
 * Verdicts: a word in the table is accepted. A word that is not is
 * rejected only when Hunspell could not accept it by a rule the table
 * does not hold: the file lists the substrings (digits, dots, BREAK
 * patterns, ICONV and IGNORE characters...) and the compound-starting
 * prefixes that make a word "maybe", which the caller asks Hunspell
 * about. A file can also say "maybe" for every word it lacks (a
 * dictionary with free compounding, or one too large to expand). */
#ifndef MTL_MTD_H
#define MTL_MTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum mtd_verdict { MTD_NO, MTD_YES, MTD_MAYBE } mtd_verdict;

typedef enum mtd_status {
    MTD_OK,
    MTD_MISSING, /* no such file */
    MTD_STALE,   /* compiled from another .aff/.dic (size or mtime differ) */
    MTD_BAD,     /* not a compiled dictionary, or a damaged one */
    MTD_OTHER_FORMAT, /* written by a build of mtlint with another file format */
} mtd_status;

/* File flags. */
enum {
    MTD_ALL_MAYBE = 1u,  /* a word not in the table is always "maybe" */
    MTD_BREAK_DASH = 2u, /* Hunspell's default BREAK ("-") and no
                            FORBIDDENWORD: a word with one hyphen inside is
                            decided by its two halves */
};

typedef struct mtd mtd;

/* Maps the compiled dictionary at `path` and checks that it was compiled
 * from the files aff and dic as they are now. NULL with *st set unless
 * MTD_OK. A table already open in this process (same file, same
 * sources) is shared: one mapping, thread-safe, closed by its last user. */
mtd *mtd_open(const char *path, const char *aff, const char *dic, mtd_status *st);
void mtd_close(mtd *m);

/* Says that m will be asked about every word of the run (a main
 * dictionary): its lookups go through the mapping from the first one,
 * instead of the reads that keep a rarely asked table's pages out of
 * memory (mtd.c), since a busy table is mapped after its first few
 * thousand lookups anyway. */
void mtd_expect_busy(mtd *m);

/* Says that most words asked of m are not in it (the dialect variants,
 * asked about every new lower-case word): its lookups ask the table's
 * filter first, a few kilobytes that stay in the cache, and most need no
 * slot of the table, a cache miss each. */
void mtd_expect_absent(mtd *m);

/* What m's lookups took, in all threads: those answered without the
 * mapping (by reading the file, or by the table's filter alone), and of
 * those the ones the filter answered. */
typedef struct mtd_stats {
    size_t unmapped, filtered;
} mtd_stats;
void mtd_get_stats(const mtd *m, mtd_stats *st);

typedef struct mtd_builder mtd_builder;

/* The verdict for word[0..n) (UTF-8); the words of `extra` (NULL: none)
 * count as forms of the table: the words added to Hunspell at run time
 * with their case variants. */
mtd_verdict mtd_check(const mtd *m, const mtd_builder *extra, const char *word, size_t n);
/* Starts bringing into the cache the slot a lookup of word[0..n) reads
 * first (a table already mapped), so that lookups asked of a batch of
 * words wait on their misses together. */
void mtd_prefetch(const mtd *m, const char *word, size_t n);

/* The table of a word: 0 without an upper-case letter (u_isupper), 1 with
 * an upper-case first letter only, 2 otherwise. Part of the file format:
 * the writer files each form under it and a lookup reads that table. */
unsigned mtd_case_class(const char *w, size_t n);

/* Hunspell's capitalisation type of a word, counting as capitals the
 * letters that change in lower case and as neutral those with no case:
 * no capital, an initial capital only, all capitals (neutral letters
 * allowed), or mixed. MTD_CASE_BAD for ill-formed UTF-8. The compiler and
 * the lookup must agree on it, so both call this. */
typedef enum mtd_case { MTD_CASE_BAD, MTD_NOCAP, MTD_INITCAP, MTD_ALLCAP, MTD_MIXEDCAP } mtd_case;
mtd_case mtd_case_type(const char *w, size_t n);

/* Whether word[0..n) is an entry of the dictionary as Hunspell stores it:
 * a line of the .dic file, or the hidden capitalised twin Hunspell adds
 * for a mixed-case or all-capitals entry with flags ("NATO/M" -> "Nato").
 * Hunspell_add does nothing for such a word. */
bool mtd_is_entry(const mtd *m, const char *word, size_t n);

/* Counts for tests and reports: forms in the table. */
size_t mtd_forms(const mtd *m);

/* ---- writing (the compiler), and sets of words ---- */

mtd_builder *mtd_builder_new(void);
void mtd_builder_free(mtd_builder *b);
/* Adds a form (no-op when present). False when it cannot be stored (over
 * 255 bytes). */
bool mtd_builder_add(mtd_builder *b, const char *w, size_t n);
bool mtd_builder_has(const mtd_builder *b, const char *w, size_t n);
size_t mtd_builder_count(const mtd_builder *b);
/* A word containing s is "maybe". */
void mtd_builder_maybe_substr(mtd_builder *b, const char *s);
/* A word starting with s is "maybe". */
void mtd_builder_maybe_prefix(mtd_builder *b, const char *s);
void mtd_builder_set_flags(mtd_builder *b, uint32_t flags);
/* Writes the file (a temporary beside it, then renamed), stamped with
 * the size and mtime of aff and dic: b's forms and patterns, and the
 * entries (mtd_is_entry) added to `keys`. False with a message in err. */
bool mtd_builder_write(mtd_builder *b, const mtd_builder *keys, const char *path, const char *aff,
                       const char *dic, char *err, size_t errlen);

#endif
