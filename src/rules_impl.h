/* rules_impl.h - internals of the rule engine, shared by rules.c (open,
 * close, examples), rules_load.c (YAML -> rule), rules_compile.c (PCRE2),
 * rules_case.c (capitalization styles) and rules_run.c (matching).
 * Nothing outside rules*.c includes this. */
#ifndef MTL_RULES_IMPL_H
#define MTL_RULES_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "mtlint.h"
#include "registry.h"
#include "rules.h"
#include "util.h"
#include "wkey.h"

typedef enum {
    RK_EXISTENCE,
    RK_SUBSTITUTION,
    RK_OCCURRENCE,
    RK_REPETITION,
    RK_CAPITALIZATION,
    RK_CONDITIONAL,
    RK_CONSISTENCY,
    RK_METRIC,
    RK_READABILITY,
    RK_SPELLING,
    RK_SEQUENCE,
    RK_COUNT
} rkind;

extern const char *const rules_kind_names[RK_COUNT];

/* Where a YAML scalar starts in its file: the byte offset of its first
 * character (the quote or block indicator for quoted and block scalars),
 * its 1-based line and code-point column, and its libyaml scalar style.
 * Enough to take an offset inside the scalar's value back to the file. */
typedef struct rsrc {
    size_t off, line, col;
    int style;
} rsrc;

/* A string read from a rule file, with where it came from. */
typedef struct rstr {
    char *s;
    size_t len;
    rsrc at;
} rstr;

/* A list of strings with where each was written. */
typedef struct rstrvec {
    rstr *v;
    size_t n, cap;
} rstrvec;

typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

/* Frees every string of v, then v itself. */
void strvec_free_all(strvec *v);

/* A compiled pattern. ascii, when set, is the same pattern without
 * PCRE2_UCP: on a subject that is all ASCII it matches exactly the same,
 * several times faster (\d, \w and \b need no Unicode tables).
 * JIT compiling costs as much as hundreds of matches and most patterns of
 * a rule set never run, or run a few times, on a given text: each is JIT
 * compiled once it has been used RX_JIT_SCANS times (searching units) or
 * RX_JIT_USES times (checking one place); uses counts down to it. */
#define RX_JIT_SCANS 4
#define RX_JIT_USES 64
#define RX_JIT_LONG 4096   /* or at once on a subject this long */
typedef struct rx {
    pcre2_code *code, *ascii;
    bool jit, ajit;
    bool own;          /* compiled by a fork for itself (rules_verifier): freed with the fork,
                          JIT compiled in place */
    uint16_t uses, auses;
    bool digit_first;  /* on an all-ASCII subject every match starts at an ASCII digit */
    bool not_ascii_first; /* no match starts at an ASCII byte (false: not known) */
    uint32_t line;     /* where the pattern is written in its rule file, for warnings */
} rx;

/* What one match may cost before it gives up (rx_match). PCRE2's defaults
 * (ten million backtracks from each start position, gigabytes of heap) let
 * a nested quantifier run for minutes over a long paragraph. The match
 * limit counts backtracking from one start position: the shipped rules
 * never need 1,000 on news text (only a sentence of 7,000 to 10,000
 * characters without a full stop takes EsEn.Canciller's look-ahead past
 * 10,000), and a pattern that reaches it gives up within milliseconds. The interpreter
 * and the JIT count differently; depth and heap bound the interpreter, the
 * JIT stack the JIT. See rules/README.md, "Limits". */
#define RX_MATCH_LIMIT 10000
#define RX_DEPTH_LIMIT 10000
#define RX_HEAP_LIMIT_KIB 32768
#define RX_JIT_STACK_MAX (1024 * 1024)

/* What every match of an entry needs (rules_prefilter.c). An atom is a
 * whole word, folded as the word scan reads it, or one or two bytes as the
 * character scan reads them (see rules_char_norm). */
#define RATOM_MAX 64        /* the word scan reads words shorter than this */
#define RULES_KEY_MAX 128   /* a key: one word, or two and a space */
#define RULES_KEY_DIGIT "\x01" /* the key of matches that start at a word whose first character is a digit */
/* RULES_KEY_BEFORE "and": every match starts at the word that stands one
 * space before the word "and" ("\w+ and \w+"), when the first word of the
 * match is not known but the second is. */
#define RULES_KEY_BEFORE "\x02"
/* The hash of a key of the word prefilter (its folded bytes, n > 0):
 * wkey_hash, eight bytes a load, which the word scan computes only when
 * some key is as long. */
static inline uint64_t rules_key_hash(const char *s, size_t n) { return wkey_hash(s, n); }
/* The bit of st->lead for a key or folded word k[0, n) (n > 0). */
static inline unsigned rules_lead(const char *k, size_t n) {
    unsigned b1 = n > 1 ? (unsigned char)k[1] : 0;
    return (unsigned)(n & 15) << 10 | ((unsigned char)k[0] & 31u) << 5 | (b1 & 31u);
}
typedef struct ratom {
    bool word;
    uint8_t len;
    char s[RATOM_MAX];
} ratom;

/* One atom of the clause must be in the block. */
typedef struct rclause {
    ratom *v;
    size_t n, cap;
    unsigned cost;          /* how common its atoms are, roughly */
} rclause;

typedef struct rneed {
    struct { char **v; size_t n, cap; } keys;       /* every match starts at one of these words */
    struct { rclause *v; size_t n, cap; } clauses;  /* at most 8 */
} rneed;

/* One entry of a list rule: a token (existence), a swap pair
 * (substitution) or an either pair (consistency). */
typedef struct rentry {
    rstr pat;          /* token, swap key, either key */
    rstr val;          /* swap or either value; s is NULL for tokens */
    char **opts;       /* substitution: val split on unescaped '|' */
    size_t nopts;
    rx re;             /* keyed or $N entry: anchored verifier, compiled when first needed
                          (rules_verifier); consistency: the pair */
    rx alone;          /* an entry with needs but no keys: its own pattern, unanchored */
    rx same;           /* substitution: ^(?:val)$ when val is a pattern (Vale's no-op test) */
    rneed need;        /* from its pattern, when the rule is prepared */
    /* A lookbehind of variable length, which PCRE2 refuses, taken off the
     * start (0) or the end (1) of the pattern: (?:body)\z, searched in the
     * 255 characters before that place of each match (rules_run). */
    struct { rx re; bool neg; } behind[2];
    uint32_t groups;   /* capture groups of pat */
    bool keyed;        /* reached through the word prefilter, not a residual pattern */
    bool refs;         /* substitution: val uses $N */
    uint8_t need_all;  /* a bit per clause: all must be seen in the block (0: no needs) */
    uint8_t need_chars; /* the bits of need_all whose clauses are characters only: the character
                           scan, before the word scan, has seen them or never will in the block */
    uint8_t have;      /* the clauses seen in block number gen */
    uint32_t gen;
} rentry;

/* Scopes. A rule's scope is a list of alternatives (Vale: any may match);
 * each alternative, an `&` of parts, becomes one job: what unit the rule
 * sees (its subject: block, sentence, quotation or the raw text), which
 * block kinds and heading levels qualify, and whether matches must lie
 * inside or outside quotations. */
typedef enum { UNIT_BLOCK, UNIT_SENTENCE, UNIT_QUOTE, UNIT_RAW } unit_kind;
typedef enum { QF_ANY, QF_IN, QF_OUT } quote_filter;

typedef struct rjob {
    unit_kind unit;
    mtl_markup only;   /* a format-qualified scope (paragraph.md, text.html): only in documents
                          read as that markup; MTL_MARKUP_AUTO: in any */
    unsigned kinds;    /* bit (1u << block_kind) per accepted block kind */
    unsigned hlevels;  /* bits 1..6: accepted heading levels */
    quote_filter quotes;
} rjob;

#define RJOB_ALL_KINDS 0x3fu /* every block_kind, BLOCK_ALT too */
#define RJOB_ALL_LEVELS 0x7eu

/* A candidate for a keyed entry at one word start, gathered per block. */
typedef struct rcand {
    size_t p;
    uint32_t entry;
} rcand;

typedef enum { ACT_NONE, ACT_REPLACE, ACT_REMOVE, ACT_EDIT, ACT_CONVERT, ACT_SUGGEST } ract;

/* A speller opened for spelling rules: its dictionaries, joined. */
typedef struct rspeller {
    char *key;
    struct speller *sp;
} rspeller;

/* A spelling rule's dictionary and word lists (rules_spell.c). */
typedef struct rspell rspell;

/* One token of a sequence rule: a pattern one word must match (or, with
 * negate, must not), and up to `skip` words it may stand after. */
typedef struct rtoken {
    rstr pattern;
    rx re;             /* ^(?:pattern)$ over one word */
    bool negate;
    long skip;
} rtoken;

typedef struct rule {
    size_t reg;                  /* registry index */
    rkind kind;
    char *id, *path;
    char *message, *description, *link;
    mtl_severity level;
    mtl_category category;
    strvec source;
    char *scope_str;             /* as registered: alternatives joined by ", " */
    struct { rjob *v; size_t n, cap; } jobs;
    bool ignorecase, nonword, append, capitalize, alpha;
    bool capitalize_set;         /* capitalize given: it alone decides (Vale 3.4.1 on) */
    bool no_vocab;               /* vocab: false (Vale's accepted terms are not exceptions) */
    bool off;                    /* registered switched off (Vale's own rules, until asked for) */
    bool vale_view;              /* a Vale style's (not from the shipped rules): in plain text it
                                    reads URLs and e-mail addresses, as Vale does (doc.vview) */
    long max, min, limit;        /* 0: unset */
    double threshold;            /* capitalization; 0.8 when unset (Vale) */
    struct { rentry *v; size_t n, cap; } entries;
    rstrvec raw, exceptions, indicators, metrics;
    rstr formula, condition;     /* metric */
    /* spelling: the keys as written, then what they resolve to */
    rstr dicpath, aff, dic;
    rstrvec dictionaries, ignore, filters;
    bool custom;
    rspell *spell;
    struct { rtoken *v; size_t n, cap; } tokens; /* sequence */
    double grade;                /* readability: the highest grade that passes */
    rstr token, first, second, match, prefix;
    bool chicago;                /* capitalization style */
    ract action;
    strvec params;
    rsrc at;                     /* the rule (document start), for rule-level errors */
    rsrc list_at;                /* the list key (tokens/swap/either...), for combined patterns */
    struct { rules_example *v; size_t n, cap; } ex;  /* rule is filled at registration */

    /* compiled */
    rx re;        /* existence/substitution: residual alternation (entries neither keyed
                     nor with needs);
                     occurrence: token; repetition: tokens; conditional: first;
                     capitalization: match when it is a pattern */
    rx full;      /* existence/substitution with a raw job: every entry */
    rx re2;       /* conditional: second */
    rx except;    /* exceptions, Vale's way: \b(?:(?-i)e1|...)\b */
    rx edit;      /* action edit regex */
    rx prefix_re; /* capitalization: the anchored `prefix` left out of the case check */
    bool whole;   /* existence with raw: re is one pattern, not an alternation of entries */
    uint32_t second_groups;   /* conditional: capture groups of second */
    bool needs_full;
    bool prepared;                              /* see rules_prepare */
    bool dormant;     /* another source language's, not compiled: never runs */
    struct { uint32_t *v; size_t n, cap; } always; /* entries run alone over every unit */
    int capstyle; /* capitalization: 0 pattern, 1 $lower, 2 $upper, 3 $title, 4 $sentence */

    /* per-document state, reset by each run */
    bool active;                                /* enabled in the registry */
    bool gave_up;                               /* a match failed (too costly): off for the document */
    struct { rcand *v; size_t n, cap; } cand;
    struct { uint32_t *v; size_t n, cap; } armed; /* entries with needs all met in the block */
    bool touched;
    size_t nreported;
    strvec seq;                                 /* conditional: defined terms */
    unsigned char *seen;                        /* consistency: bit 1/2 per pair */
} rule;

typedef struct keyslot {
    uint64_t h;
    uint32_t koff, klen;   /* key bytes in rules_state.keys */
    uint32_t first, n;     /* its hits in rules_state.hits (n may be 0) */
    uint32_t atom;         /* 1 + its atom index when some entry needs this word, else 0 */
    bool has2;             /* some two-word key starts with this word */
    bool before;           /* RULES_KEY_BEFORE and this word is a key */
} keyslot;

typedef struct keyhit {
    uint32_t rule, entry;
} keyhit;

/* An entry that needs an atom: the bit of the clause it is in. */
typedef struct needhit {
    uint32_t rule, entry;
    uint8_t bit;
} needhit;

/* An atom: its needhits, and the block it was last seen in. */
typedef struct ratomslot {
    uint32_t first, n;
    uint32_t gen;
} ratomslot;

typedef struct rules_state {
    const registry *reg;
    struct { rule *v; size_t n, cap; } rules;
    struct { rules_example *v; size_t n, cap; } examples;
    struct { size_t *v; size_t n, cap; } noex;
    bool jit;                 /* PCRE2 has JIT support on this machine */
    bool strict;              /* --strict-rules: an unsupported feature is an error */
    mtl_diags load_warnings;  /* what loading skipped: "path:line:col: warning: ..." */
    strvec vocab;             /* accepted terms of the Vale vocabularies (valid patterns) */
    strvec reject;            /* rejected terms (Vale.Avoid) */
    bool no_spell;            /* --no-spell: spelling rules of the default dictionary cannot run */
    char *dict_name;          /* the spelling pass's dictionary (--dict, en_US): a rule naming it shares it */
    bool loading_vale;        /* the rules being loaded are a Vale style's (rule.vale_view) */
    struct { struct rspeller *v; size_t n, cap; } spellers; /* opened for spelling rules, one per dictionary list */
    bool prefilter;           /* use the word prefilter (off: every entry residual) */
    struct rcache *cache;     /* the build's compiled patterns and needs (rules_cache.h), or NULL;
                                 read-only once open, shared by forks, closed by the parent */
    mtl_diags notes;          /* why the cache is not used */
    /* Rules of another source language are read (for their ids) but not
     * compiled, unless this run could turn them on: lang_code is the run's
     * source language ("" none); wanted the configuration that may name
     * them (enable, levels). NULL cfg: every rule is compiled. */
    const mtl_config *wanted;
    const char *lang_code;
    bool skim;                /* cfg->skim_other_sources (with wanted) */

    /* the word prefilter: folded first word of each keyed entry -> entries */
    keyslot *slots;
    size_t nslots;            /* power of two, 0 when no entry is keyed */
    char *keys;
    size_t nkeybytes;
    struct { keyhit *v; size_t n, cap; } hits;
    uint64_t keylens;         /* bit k set: some key's first word (or atom) is k bytes long */
    const keyslot *digit_keys; /* the slot of RULES_KEY_DIGIT, or NULL */
    /* A bit per 16 bits of a key's hash (its top bits, the table indexes by
     * the low ones), set for every slot of the table bloom_of: most
     * words of a text are no key, and 8 KB say so without the table's
     * cache misses. Made when the word scan first meets the table;
     * rules_prefilter_build resets bloom_of. */
    uint64_t bloom[1024];
    const keyslot *bloom_of;
    /* A bit per (length, first byte, second byte) of a key, five low bits
     * of each (RULES_LEAD), set with the bloom: the scan asks it before it
     * folds and hashes a plain ASCII word, most of which no key starts
     * like. */
    uint64_t lead[256];
    /* A bit per two-word key's (first word's slot, second word's lead
     * bits), set with the bloom: after "the", "said", "is", the scan asks
     * it before it folds and hashes the next word ("the" begins a few
     * dozen keys, and most of the 50,000 "the"s of a large corpus none). */
    uint64_t pair_lead[256];

    /* needs: atoms (words in the table above, bytes and byte pairs in the
     * tables below) and the entries that need them */
    struct { ratomslot *v; size_t n, cap; } atoms;
    struct { needhit *v; size_t n, cap; } needs;
    uint32_t *byte_atom;      /* [256]: 1 + atom of a normalized byte, or 0; NULL when none */
    uint32_t *pair_atom;      /* [65536]: 1 + atom of a normalized byte pair, or 0 (with byte_atom) */
    unsigned char cnorm[128]; /* rules_char_norm of each ASCII byte */
    /* cold[b]: the ASCII byte b starts no look of the character scan: it is
     * no atom, and every pair atom holding it holds a byte that does
     * (made for the tables cold_of by the scan; rules_prefilter_build
     * resets cold_of). Most bytes of prose are cold and skipped in runs. */
    unsigned char cold[256];
    byteset look;             /* the bytes that are not cold, to find */
    const uint32_t *cold_of;
    uint32_t gen;             /* the block being run, counted from 1 */

    /* scratch for one run */
    pcre2_match_data *md;
    uint32_t md_pairs;        /* its size; ovec_pairs may grow as rules are prepared */
    pcre2_match_context *mctx;     /* the limits above */
    pcre2_jit_stack *jstack;
    int fail;                      /* the first match error of the rule running (0: none) */
    uint32_t fail_line;            /* the rule file line of the pattern that failed */
    uint32_t ovec_pairs;
    struct { uint32_t *v; size_t n, cap; } touched;
    /* the rules every block visits, in order (rules_ready): the active
     * ones but the list rules that only keyed candidates bring (touched) */
    struct { uint32_t *v; size_t n, cap; } visit;
    /* and, from the same pass, the active rules (each document resets
     * their counts), those with a job on the raw text or a metric (run
     * after the blocks), and whether Vale's view or mtlint's has any */
    struct { uint32_t *v; size_t n, cap; } active, tail;
    bool any_vale, any_own;
    /* the registry and generation rules_ready last readied the rules for
     * (ready_of NULL: not yet, or a fork's copy of its parent's) */
    const registry *ready_of;
    unsigned long ready_gen;
    struct { struct rstream *v; size_t n, cap; } streams; /* run_list's */
    struct { doc_span *v; size_t n, cap; } quotes;   /* merged quotation spans */
    buf msg;

    /* Another thread's state (rules_fork): everything compiled is its
     * parent's; its own are the rules' per-document fields (a copy of the
     * rules and entries arrays), the atoms' marks and the scratch above. */
    bool forked;
    struct rules_jit *jits;   /* the parent's (shared by its forks) */
} rules_state;

/* A pattern a fork wants JIT compiled, which the parent had not: the
 * parent's code is shared by threads that may be matching with it, so a
 * JIT-compiled copy is made instead, once for all the forks, under the
 * lock (rarely taken: once per pattern and fork). */
typedef struct rules_jit {
    pthread_mutex_t mu;
    struct { const pcre2_code *of; pcre2_code *jit; } *v; /* jit NULL: it failed */
    size_t n, cap;
} rules_jit;

/* ---- rules_load.c ---- */

/* A rule file being read: its text and line table, for error positions. */
typedef struct rfile rfile;

/* Reports an error at offset voff of a scalar's value (value NULL: at the
 * scalar itself): "path:line:col: message". */
void rfile_error(rfile *f, const rsrc *at, const char *value, size_t voff, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A feature of the file mtlint does not support, at the same place as
 * rfile_error: a warning that says `then`, what happens instead (NULL:
 * the rule is left out), or an error with --strict-rules. */
void rfile_unsupported(rfile *f, const char *then, const rsrc *at, const char *value, size_t voff,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Loads DIR/<Set>/<Rule>.yml for each directory; returns false after
 * reporting every error. */
typedef struct rules_dir_how {
    bool must_exist; /* a missing directory is an error, not an empty one */
    bool shipped;    /* mtlint's own sets: the compiled cache may hold them */
} rules_dir_how;
bool rules_load_dir(rules_state *st, const char *dir, rules_dir_how how, mtl_diags *diags, strvec *seen_paths);

/* Vale.Avoid (st->reject) and Vale.Terms (st->vocab), registered off;
 * the paths name the first reject.txt and accept.txt. */
bool rules_load_vocab(rules_state *st, const char *accept_path, const char *reject_path, mtl_diags *diags);

/* ---- rules_prefilter.c ---- */

/* Reads what every match of pat needs (bounded: Vale's \b(?:pat)\b); out is
 * empty when nothing is known. Never fails: unknown syntax is "anything". */
void rules_need(const char *pat, size_t len, bool caseless, bool bounded, rneed *out);
void rules_need_free(rneed *n);
/* Keys read quickly, without rules_need's analysis, when the pattern
 * starts with one or two words spelled by letters, letter classes and
 * groups of such alternatives ("[Cc]hancellor\b(?<!...)", "the
 * unemployment\b(?=...)", "(?:meeting|elections?) ..."; the second word
 * when the first may be a common one) and has no '|' outside a group: out
 * holds those keys, and at most the whole word that follows them as a need
 * ("of the present year": "present"; else the entry's verifier runs
 * wherever a key stands). False (out empty): rules_need must read it. Most entries
 * of the shipped sets are such, and the analysis of all would cost more
 * than the run of one article. */
bool rules_need_quick(const char *pat, size_t len, bool bounded, rneed *out);
/* The bytes the character scan reads for code point cp: ASCII letters in
 * lower case, decimal digits (what \d matches) as '0', other characters as
 * they are. Returns their number. */
size_t rules_char_norm(int32_t cp, char *out);

/* ---- rules_compile.c ---- */

/* Validates and compiles one rule's patterns; reports each bad pattern at
 * its place in the file. */
bool rules_compile(rules_state *st, rule *r, rfile *f);
/* Readies an existence or substitution rule for its first run: what its
 * entries need, their keys and patterns, its residual alternation. Returns
 * whether it did anything (then the prefilter must be built again). Never
 * fails: the entries were checked at load. */
bool rules_prepare(rules_state *st, rule *r);
/* The anchored verifier of a keyed or $N entry (e->re), compiled the first
 * time a candidate needs it rather than when the rule is prepared: most
 * keys never occur in a given text. A fork compiles into its own copy of
 * the entry (the parent's may be read by other threads) and frees it when
 * it closes. NULL when it does not compile (the entry then never matches:
 * it was checked at load, so this does not happen). */
rx *rules_verifier(rules_state *st, const rule *r, rentry *e);
/* Builds (again) the word prefilter over every prepared rule. */
void rules_prefilter_build(rules_state *st);
/* The entry that matched, by the group that is set, after a match (rc > 0)
 * of the rule's residual alternation (every_entry: of r->full). */
uint32_t rules_alt_entry(rules_state *st, const rule *r, bool every_entry, int rc);
/* Splits a swap value on unescaped '|' (Vale's multiple suggestions). */
void rules_split_options(rentry *e);
void rx_free(rx *x);
/* A match of x in subj[0, len) from start; returns the PCRE2 result (> 0 on
 * a match, with the offsets in st->md). The subject is valid UTF-8.
 * A result other than a match or no match (a limit reached...) is kept in
 * st->fail, and until the caller clears it every match returns no match:
 * the rule that was running gives up on the text (rules_run). */
/* JIT compiles x now, if it is still counting uses: a pattern that
 * rules_fork's forks share in place (not in their copy of the entries)
 * must not change while they match with it. */
void rx_settle(rx *x);
int rx_match(rules_state *st, rx *x, const char *subj, size_t len, size_t start);
/* rx_match with x->ascii when the subject is all ASCII and x has one. */
int rx_find(rules_state *st, rx *x, const char *subj, size_t len, size_t start, bool ascii);
/* Records a failed PCRE2 call (match or substitute) of the pattern written
 * at line, unless one is recorded already. */
void rx_failed(rules_state *st, int rc, uint32_t line);
/* Whether a PCRE2 result is one of its limits (match, depth, heap, JIT stack). */
bool rx_limit_error(int rc);

/* Folds one code point as the prefilter does (ASCII fast, else ICU simple
 * case folding). */
int32_t rules_fold(int32_t c);
/* Whether c is a PCRE2 (UCP) word character: letter, number or '_'. */
bool rules_is_word(int32_t c);

/* ---- rules_case.c ---- */

/* Checks a unit's text against a capitalization rule; on failure returns
 * false and leaves the expected form (for $title and $sentence) in want. */
bool rules_case_ok(rules_state *st, rule *r, const char *s, size_t n, buf *want);

/* ---- rules_metric.c ---- */

/* Checks the formula and condition (metric) or the metric names
 * (readability), reporting each problem at its place. */
bool rules_metric_check(rule *r, rfile *f);
/* The rule's result over the document (its counts), and whether it reports. */
bool rules_metric_eval(rule *r, const doc *d, double *result);

/* ---- rules_spell.c ---- */

/* Resolves a spelling rule's dictionaries and word files (relative to the
 * styles directory above its file, as Vale) and compiles its filters;
 * reports each problem at its key. */
bool rules_spell_load(rules_state *st, rule *r, rfile *f);
void rules_spell_free(rspell *s);
/* rx_settle on every pattern of s (rules_fork: forks share s). */
void rules_spell_settle(rspell *s);
/* Whether word[0, n) (one token, curly apostrophes already straight) is
 * skipped by the rule's filters or accepted (vocabulary, ignore lists,
 * dictionaries). shared: the spelling pass's speller, or NULL. */
bool rules_spell_ok(rules_state *st, rule *r, struct speller *shared, const char *word, size_t n);
/* Vale's default spelling filters (unless custom: true), answered by hand:
 * a word with a character other than a letter, '_' or an apostrophe, one
 * that ends in a capital, one that [A-Z][a-z]+[A-Z]+\w+ matches. */
bool rules_spell_std_filtered(const char *word, size_t n);
/* The speller that suggests for the rule (its own, else shared). */
struct speller *rules_spell_speller(const rules_state *st, const rule *r, struct speller *shared);
/* The next accepted phrase (a vocabulary term of several words) in
 * subj[from, len): its span in *ms, *me. */
bool rules_spell_phrase(rules_state *st, rule *r, const char *subj, size_t len, size_t from, size_t *ms,
                        size_t *me);
/* Whether the rule uses the default dictionary (the spelling pass's). */
bool rules_spell_default(const rule *r);

/* ---- rules_run.c ---- */

void rules_run(void *state, check_ctx *cx);
/* Marks the rules the registry has on, readying (rules_prepare) the ones
 * that were not, and rebuilds what depends on them. */
void rules_ready(rules_state *st, const registry *reg);

/* ---- rules.c ---- */

void rules_rule_free(rule *r);
/* rules_open with the word prefilter on or off (off: every entry in its
 * rule's alternation, Vale's way; tests compare the two). */
bool rules_open_opts(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags, bool prefilter);

#endif
