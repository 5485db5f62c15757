/* check_spacing.c - MT.SpaceBeforePunctuation: "said , then" or "why ?".
 * Tokenised MT output and French typography (space before ? ! : ;) both
 * leave a space before punctuation that English closes up. An ellipsis
 * ("and ..."), numbers (" .45 calibre", "2 : 3") and emoticons ("sad :-(",
 * "great ;)") are not flagged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes16.h"
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

/* The first i in [from, end) with a blank (space or tab) at v[i - 1] and
 * a mark of is_punct at v[i]; end when there is none (from > 0). Only
 * there can a space before punctuation end, and most runs of prose hold
 * no such pair: sixteen positions a test. */
static size_t next_blank_punct(const char *v, size_t from, size_t end) {
    size_t i = from;
    for (; i + 16 <= end; i += 16) {
        bytes16 x = bytes16_load(v + i - 1), y = bytes16_load(v + i);
        bytes16 blank = (bytes16)((x == ' ') | (x == '\t'));
        bytes16 mark = (bytes16)((y == ',') | (y == '.') | (y == ';') | (y == ':') | (y == '?') | (y == '!'));
        size_t k = bytes16_first(blank & mark);
        if (k < 16) return i + k;
    }
    while (i < end && !(is_punct[(unsigned char)v[i]] && (v[i - 1] == ' ' || v[i - 1] == '\t'))) i++;
    return i;
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
            /* a mark with no blank before it is no finding */
            i = next_blank_punct(v, i, b->end);
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
