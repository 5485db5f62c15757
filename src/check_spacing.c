/* check_spacing.c - MT.SpaceBeforePunctuation: "said , then" or "why ?".
 * Tokenised MT output and French typography (space before ? ! : ;) both
 * leave a space before punctuation that English closes up. An ellipsis
 * ("and ..."), numbers (" .45 calibre", "2 : 3") and emoticons ("sad :-(",
 * "great ;)") are not flagged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

typedef struct spacing {
    size_t rule;
} spacing;

/* What may stand before the space: the end of a word, a number, a closing
 * bracket or quote. Any non-ASCII byte counts as a letter here: the
 * continuation bytes of é, ñ or ” all qualify. */
static bool word_end(unsigned char c) {
    return c >= 0x80 || ascii_isalpha(c) || ascii_isdigit(c) || c == ')' || c == ']' || c == '"' || c == '\'' ||
           c == '%';
}

static const bool is_punct[256] = {[','] = 1, ['.'] = 1, [';'] = 1, [':'] = 1, ['?'] = 1, ['!'] = 1};

/* Whether one of the eight bytes at p is in 0x21..0x3F, where all of
 * is_punct lies: most runs of eight bytes of prose are letters and spaces
 * and are passed over whole. Per byte b, with lo its low seven bits,
 * 0xBF - lo has bit 7 set when lo < 0x40, lo + 0x5F when lo > 0x20, and
 * ~b when b < 0x80; no byte carries or borrows into the next. */
static bool any_punct8(const char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    const uint64_t ones = UINT64_C(0x0101010101010101), low7 = ones * 0x7F;
    uint64_t t = (ones * (0x7F + 0x40) - (x & low7)) & ~x & ((x & low7) + ones * (0x7F - 0x20));
    return (t & ones * 0x80) != 0;
}

/* An emoticon starting at v[i] (':' or ';'): a nose ("-") or a mouth
 * (a bracket) follows the eyes. A colon that introduces something is
 * followed by a space or a word instead. */
static bool emoticon_at(const char *v, size_t i, size_t end) {
    if ((v[i] != ':' && v[i] != ';') || i + 1 >= end) return false;
    char n = v[i + 1];
    if (n == '-' || n == '\'') return true;
    bool mouth = n == ')' || n == '(' || n == '[' || n == ']';
    return mouth && (i + 2 >= end || v[i + 2] == ' ' || v[i + 2] == '\n' || v[i + 2] == '\r');
}

static void spacing_run(void *state, check_ctx *cx) {
    const spacing *sp = state;
    const doc *d = cx->d;
    const char *v = d->view;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        const doc_block *b = &d->blocks.v[bi];
        for (size_t i = b->start + 1; i < b->end; i++) {
            while (i + 8 <= b->end && !any_punct8(v + i)) i += 8;
            if (i == b->end) break;
            char c = v[i];
            if (!is_punct[(unsigned char)c]) continue;
            size_t s = i;
            while (s > b->start && (v[s - 1] == ' ' || v[s - 1] == '\t')) s--;
            if (s == i || s == b->start || !word_end((unsigned char)v[s - 1])) continue;
            /* a space before a line break is a soft wrap, not a defect */
            if (memchr(d->text + s, '\n', i - s) || memchr(d->text + s, '\r', i - s)) continue;
            unsigned char next = i + 1 < b->end ? (unsigned char)v[i + 1] : ' ';
            if (c == '.' && i + 1 < b->end && v[i + 1] == '.') { /* ellipsis */
                while (i + 1 < b->end && v[i + 1] == '.') i++;
                continue;
            }
            if (c == '.' && next == ' ' && i + 2 < b->end && v[i + 2] == '.') { /* ". . ." */
                while (i + 2 < b->end && v[i + 1] == ' ' && v[i + 2] == '.') i += 2;
                continue;
            }
            if (ascii_isdigit(next)) continue;                       /* " .45", " ,5"... */
            if ((c == ':' || c == '.') && next == ' ' && i + 2 < b->end && ascii_isdigit((unsigned char)v[i + 2]))
                continue;                                            /* "2 : 3" scores */
            if (c == '.' && ascii_isalpha(next)) continue;           /* " .NET", " .com" */
            if (emoticon_at(v, i, b->end)) continue;                 /* "sad :-(" */
            char p[2] = {c, 0};
            const char *sugg[] = {p, NULL};
            finding_add(cx->out, sp->rule, s, i + 1, sugg, "space before '%c'; English sets it closed up", c);
        }
    }
}

bool check_spacing_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    long r = check_register(reg, "MT.SpaceBeforePunctuation", MTL_WARNING, MTL_CAT_PUNCTUATION,
                            "A space before , . ; : ? ! (tokenised MT output, French typography).", diags);
    if (r < 0) return false;
    spacing *sp = xcalloc(1, sizeof *sp);
    sp->rule = (size_t)r;
    *p = (pass){.name = "spacing", .state = sp, .run = spacing_run, .close = free};
    return true;
}
