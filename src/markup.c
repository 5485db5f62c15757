/* markup.c - prose blocks of plain text and Markdown.
 *
 * A line scanner, not a full CommonMark parser: it recognises the block
 * structure news copy uses (headings, paragraphs, block quotes, list items,
 * code, front matter, HTML comments) and masks inline code, URLs and link
 * targets, always keeping the text's byte offsets. */
#include "markup.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

typedef struct line {
    size_t start, end; /* content, line break excluded */
    size_t next;       /* start of the next line */
} line;

typedef struct scanner {
    doc *d;
    char *view;
    const char *t;
    bool has_cr;       /* any CR in the text: else line scans use memchr */
    struct { line *v; size_t n, cap; } lines;
} scanner;

static void split_lines(scanner *sc) {
    const char *t = sc->t;
    size_t n = sc->d->len, i = 0;
    sc->has_cr = memchr(t, '\r', n) != NULL;
    while (i < n) {
        size_t s = i;
        if (sc->has_cr) {
            while (i < n && t[i] != '\n' && t[i] != '\r') i++;
        } else {
            const char *nl = memchr(t + i, '\n', n - i);
            i = nl ? (size_t)(nl - t) : n;
        }
        line l = {s, i, i};
        if (i < n) {
            l.next = (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') ? i + 2 : i + 1;
        }
        VEC_PUSH(sc->lines, l);
        i = l.next;
    }
}

static bool is_blank(const scanner *sc, const line *l) {
    for (size_t i = l->start; i < l->end; i++)
        if (!ascii_isspace((unsigned char)sc->t[i])) return false;
    return true;
}

/* Leading spaces (a tab counts as 4). */
static size_t indent_of(const scanner *sc, const line *l, size_t *first) {
    size_t col = 0, i = l->start;
    while (i < l->end && (sc->t[i] == ' ' || sc->t[i] == '\t')) {
        col += sc->t[i] == '\t' ? 4 - col % 4 : 1;
        i++;
    }
    if (first) *first = i;
    return col;
}

static void add_block(scanner *sc, size_t start, size_t end, block_kind kind, int level) {
    const char *t = sc->t;
    while (start < end && ascii_isspace((unsigned char)t[start])) start++;
    while (end > start && ascii_isspace((unsigned char)t[end - 1])) end--;
    if (start >= end) return;
    doc_block b = {.start = start, .end = end, .kind = kind, .level = level};
    VEC_PUSH(sc->d->blocks, b);
}

/* ---- inline masking ---- */

static void mask(scanner *sc, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) sc->view[i] = DOC_MASK;
}

static bool is_url_char(unsigned char c) {
    return c > ' ' && c != '<' && c != '>' && c != '"' && c != '`';
}

/* End of a bare URL or e-mail address starting at i; trailing sentence
 * punctuation and an unmatched closing parenthesis stay outside. */
static size_t url_end(const char *t, size_t i, size_t end) {
    size_t j = i;
    int parens = 0;
    while (j < end && is_url_char((unsigned char)t[j])) {
        if (t[j] == '(') parens++;
        if (t[j] == ')' && --parens < 0) break;
        j++;
    }
    while (j > i && strchr(".,;:!?'\")", t[j - 1])) j--;
    return j;
}

/* An e-mail address around an '@' at i: local part before, domain after. */
static bool email_at(const char *t, size_t i, size_t start, size_t end, size_t *a, size_t *b) {
    size_t s = i, e = i + 1;
    while (s > start && (ascii_isalpha((unsigned char)t[s - 1]) || ascii_isdigit((unsigned char)t[s - 1]) ||
                         strchr("._%+-", t[s - 1])))
        s--;
    bool dot = false;
    while (e < end && (ascii_isalpha((unsigned char)t[e]) || ascii_isdigit((unsigned char)t[e]) ||
                       t[e] == '-' || t[e] == '.')) {
        if (t[e] == '.') dot = true;
        e++;
    }
    while (e > i + 1 && t[e - 1] == '.') e--;
    if (s == i || e == i + 1 || !dot) return false;
    *a = s;
    *b = e;
    return true;
}

/* URLs and e-mail addresses are not prose in any syntax. Found with
 * memchr, which runs far faster than a byte loop over prose. */
void markup_mask_urls(const char *t, char *view, size_t start, size_t end) {
    /* scheme://... : find "://", then the scheme before it */
    for (const char *p = t + start; (p = memchr(p, ':', (size_t)(t + end - p))) != NULL; p++) {
        if (p + 3 > t + end || p[1] != '/' || p[2] != '/') continue;
        size_t s = (size_t)(p - t);
        while (s > start && ascii_isalpha((unsigned char)t[s - 1])) s--;
        size_t k = (size_t)(p - t) - s;
        bool scheme = (k == 4 && ascii_strncasecmp(t + s, "http", 4) == 0) ||
                      (k == 5 && ascii_strncasecmp(t + s, "https", 5) == 0) ||
                      (k == 3 && ascii_strncasecmp(t + s, "ftp", 3) == 0);
        if (!scheme) continue;
        size_t e = url_end(t, (size_t)(p - t) + 3, end);
        memset(view + s, DOC_MASK, e - s);
        p = t + e - 1;
    }
    /* "www.", found from its period: memchr is much faster than memmem,
     * and periods are rarer than w's */
    for (size_t from = start + 3; from < end;) {
        const char *p = memchr(t + from, '.', end - from);
        if (!p) break;
        size_t i = (size_t)(p - t) - 3;
        from = i + 4;
        if (memcmp(t + i, "www", 3) != 0) continue;
        if (i > start && !ascii_isspace((unsigned char)t[i - 1]) && t[i - 1] != '(' && t[i - 1] != DOC_MASK)
            continue;
        if (i + 4 >= end || !ascii_isalpha((unsigned char)t[i + 4])) continue;
        size_t e = url_end(t, i, end);
        memset(view + i, DOC_MASK, e - i);
        from = e + 3; /* the next "www." starts at e or later */
    }
    for (const char *p = t + start; (p = memchr(p, '@', (size_t)(t + end - p))) != NULL; p++) {
        size_t a, b;
        if (email_at(t, (size_t)(p - t), start, end, &a, &b)) {
            memset(view + a, DOC_MASK, b - a);
            p = t + b - 1;
        }
    }
}

static void mask_urls(scanner *sc, size_t start, size_t end) { markup_mask_urls(sc->t, sc->view, start, end); }

/* Markdown inline syntax that is not prose: code spans, autolinks and
 * inline HTML, link and image targets, backslash escapes. */
static void mask_md_inline(scanner *sc, size_t start, size_t end) {
    const char *t = sc->t;
    for (size_t i = start; i < end; i++) {
        char c = t[i];
        if (c == '\\' && i + 1 < end && strchr("\\`*_{}[]()#+-.!|<>~\"'", t[i + 1])) {
            mask(sc, i, i + 1);
            i++;
        } else if (c == '`') {
            size_t run = 0;
            while (i + run < end && t[i + run] == '`') run++;
            /* find a closing run of the same length */
            for (size_t j = i + run; j < end; j++) {
                if (t[j] != '`') continue;
                size_t r2 = 0;
                while (j + r2 < end && t[j + r2] == '`') r2++;
                if (r2 == run) {
                    mask(sc, i, j + r2);
                    i = j + r2 - 1;
                    break;
                }
                j += r2 - 1;
            }
            if (t[i] == '`') i += run - 1;
        } else if (c == '<') {
            size_t j = i + 1;
            while (j < end && t[j] != '>' && t[j] != '<') j++;
            bool tagish = j < end && t[j] == '>' && j > i + 1 &&
                          (ascii_isalpha((unsigned char)t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!');
            if (tagish) {
                mask(sc, i, j + 1);
                i = j;
            }
        } else if (c == ']' && i + 1 < end && (t[i + 1] == '(' || t[i + 1] == '[')) {
            char close = t[i + 1] == '(' ? ')' : ']';
            size_t j = i + 2;
            int depth = 0;
            while (j < end) {
                if (t[j] == '(' && close == ')') depth++;
                if (t[j] == close && depth-- == 0) break;
                j++;
            }
            if (j < end) {
                mask(sc, i + 1, j + 1);
                i = j;
            }
        } else if (c == '!' && i + 1 < end && t[i + 1] == '[') {
            /* image: the alt text is not article prose either */
            size_t j = i + 2;
            while (j < end && t[j] != ']') j++;
            if (j + 1 < end && t[j + 1] == '(') {
                size_t k = j + 2;
                while (k < end && t[k] != ')') k++;
                if (k < end) {
                    doc_span alt = {i + 2, j};
                    if (j > i + 2) VEC_PUSH(sc->d->alts, alt);
                    mask(sc, i, k + 1);
                    i = k;
                }
            }
        }
    }
}

/* Markdown punctuation for emphasis: a CommonMark delimiter run of '*',
 * '_' or '~' that can open or close (flanking), '_' not inside a word. */
static bool md_punct(char c) { return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL; }
static bool md_space(char c) { return !c || ascii_isspace((unsigned char)c) || c == DOC_MASK; }

static bool delim_run(const char *v, size_t start, size_t i, size_t j, size_t end) {
    char prev = i > start ? v[i - 1] : 0, next = j < end ? v[j] : 0;
    bool left = !md_space(next) && (!md_punct(next) || md_space(prev) || md_punct(prev));
    bool right = !md_space(prev) && (!md_punct(prev) || md_space(next) || md_punct(next));
    if (v[i] == '_') return (left && (!right || md_punct(prev))) || (right && (!left || md_punct(next)));
    return left || right;
}

/* Into the rule view (a copy of the view): the inline markup the view
 * keeps as text, masked: emphasis delimiters and the brackets of links
 * whose targets are masked. */
static void mask_md_delims(const char *t, char *rv, size_t start, size_t end) {
    for (size_t i = start; i < end;) {
        char c = rv[i];
        if (c == '*' || c == '_' || c == '~') {
            size_t j = i;
            while (j < end && rv[j] == c) j++;
            bool esc = i > start && t[i - 1] == '\\'; /* an escaped one is text */
            if (!esc && (c != '~' || j - i == 2) && delim_run(rv, start, i, j, end)) memset(rv + i, DOC_MASK, j - i);
            i = j;
        } else if (c == ']' && i + 1 < end && rv[i + 1] == DOC_MASK && (t[i + 1] == '(' || t[i + 1] == '[')) {
            /* a link: its target is masked; its brackets go too */
            size_t k = i;
            while (k > start && rv[k - 1] != '[') k--;
            if (k > start && !(k > start + 1 && t[k - 2] == '\\')) rv[k - 1] = DOC_MASK;
            rv[i++] = DOC_MASK;
        } else {
            i++;
        }
    }
}

/* Inside a block: line breaks become spaces, so that sentences run across
 * wrapped lines; line prefixes (quote markers, indentation) likewise. */
static void open_block_view(scanner *sc, size_t start, size_t end) {
    const char *t = sc->t;
    for (const char *p = t + start; (p = memchr(p, '\n', (size_t)(t + end - p))) != NULL; p++)
        sc->view[p - t] = ' ';
    if (sc->has_cr)
        for (const char *p = t + start; (p = memchr(p, '\r', (size_t)(t + end - p))) != NULL; p++)
            sc->view[p - t] = ' ';
}

/* ---- plain text ---- */

static bool ends_like_sentence(const char *t, size_t end) {
    /* a closing quote or bracket may follow the period */
    while (end > 0 && strchr("\"')]", t[end - 1])) end--;
    if (end >= 3 && memcmp(t + end - 3, "\xe2\x80\x9d", 3) == 0) end -= 3; /* ” */
    return end > 0 && strchr(".,;:", t[end - 1]) != NULL;
}

/* A title: the first paragraph, one line, short, not ending like a
 * sentence, and followed by more text. */
static void find_plain_headline(doc *d) {
    if (d->blocks.n < 2) return;
    doc_block *b = &d->blocks.v[0];
    const char *t = d->text;
    if (b->kind != BLOCK_PARAGRAPH) return;
    if (memchr(t + b->start, '\n', b->end - b->start) || memchr(t + b->start, '\r', b->end - b->start))
        return;
    size_t words = 0;
    bool in = false;
    for (size_t i = b->start; i < b->end; i++) {
        bool sp = t[i] == ' ' || t[i] == '\t';
        if (!sp && !in) words++;
        in = !sp;
    }
    if (words == 0 || words > 25 || b->end - b->start > 200) return;
    if (ends_like_sentence(t, b->end)) return;
    b->kind = BLOCK_HEADLINE;
    d->headline = 0;
}

/* A plain-text bullet: up to three spaces, then -, *, • or – and a space. */
static bool plain_bullet(const scanner *sc, const line *l) {
    size_t i = l->start, sp = 0;
    while (i < l->end && sc->t[i] == ' ' && sp < 4) i++, sp++;
    if (sp > 3 || i >= l->end) return false;
    size_t ml = sc->t[i] == '-' || sc->t[i] == '*' ? 1
                : l->end - i >= 3 && (memcmp(sc->t + i, "\xe2\x80\xa2", 3) == 0 || memcmp(sc->t + i, "\xe2\x80\x93", 3) == 0)
                    ? 3
                    : 0;
    return ml && i + ml < l->end && sc->t[i + ml] == ' ';
}

static void parse_plain(scanner *sc) {
    size_t i = 0, n = sc->lines.n;
    while (i < n) {
        if (is_blank(sc, &sc->lines.v[i])) {
            i++;
            continue;
        }
        size_t first = i;
        bool bullets = true;
        for (; i < n && !is_blank(sc, &sc->lines.v[i]); i++)
            if (!plain_bullet(sc, &sc->lines.v[i])) bullets = false;
        if (bullets && i - first > 1) {
            /* every line a bullet: a list, one item a line (its items
             * are no sentence running on, even without a period) */
            for (size_t k = first; k < i; k++) {
                const line *l = &sc->lines.v[k];
                open_block_view(sc, l->start, l->end);
                mask_urls(sc, l->start, l->end);
                add_block(sc, l->start, l->end, BLOCK_LIST_ITEM, 0);
            }
            continue;
        }
        size_t s = sc->lines.v[first].start, e = sc->lines.v[i - 1].end;
        open_block_view(sc, s, e);
        mask_urls(sc, s, e);
        add_block(sc, s, e, BLOCK_PARAGRAPH, 0);
    }
    find_plain_headline(sc->d);
}

/* ---- one segment per line ---- */

/* Every line its own paragraph: a sentence, a quotation or a run of
 * spaces never continues onto the next line. No headline: the first
 * segment is one like the others. */
static void parse_lines(scanner *sc) {
    for (size_t i = 0; i < sc->lines.n; i++) {
        const line *l = &sc->lines.v[i];
        if (is_blank(sc, l)) continue;
        mask_urls(sc, l->start, l->end);
        add_block(sc, l->start, l->end, BLOCK_PARAGRAPH, 0);
    }
}

/* Whether a line's text [s, e) ends a sentence: . ! ? … or their CJK
 * forms, before closing quotes and brackets. */
static bool line_ends_sentence(const char *t, size_t s, size_t e) {
    static const char *const closers[] = {"\"", "'", ")", "]", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb",
                                          "\xe3\x80\x8d", "\xe3\x80\x8f"}; /* ” ’ » 」 』 */
    static const char *const enders[] = {".", "!", "?", "\xe2\x80\xa6", "\xe3\x80\x82", "\xef\xbc\x81",
                                         "\xef\xbc\x9f"}; /* … 。 ！ ？ */
    while (e > s && ascii_isspace((unsigned char)t[e - 1])) e--;
    for (bool more = true; more;) {
        more = false;
        for (size_t k = 0; k < sizeof closers / sizeof *closers; k++) {
            size_t n = strlen(closers[k]);
            if (e - s >= n && memcmp(t + e - n, closers[k], n) == 0) {
                e -= n;
                more = true;
            }
        }
    }
    for (size_t k = 0; k < sizeof enders / sizeof *enders; k++) {
        size_t n = strlen(enders[k]);
        if (e - s >= n && memcmp(t + e - n, enders[k], n) == 0) return true;
    }
    return false;
}

bool markup_looks_like_lines(const char *t, size_t len) {
    size_t lines = 0, ending = 0, longest = 0, blank_run = 0;
    for (size_t i = 0; i < len;) {
        size_t s = i;
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        i = nl ? e + 1 : len;
        bool blank = true;
        for (size_t k = s; k < e && blank; k++) blank = ascii_isspace((unsigned char)t[k]);
        if (blank) {
            blank_run += lines > 0;
            continue;
        }
        if (blank_run) return false; /* a gap: paragraphs, not lines */
        lines++;
        if (line_ends_sentence(t, s, e)) ending++;
        if (e - s > longest) longest = e - s;
    }
    return lines >= 3 && ending * 5 >= lines * 3 && longest > 100;
}

mtl_markup markup_resolve(const char *name, const char *text, size_t len, mtl_markup requested) {
    mtl_markup m = markup_for_name(name, requested);
    if (requested == MTL_MARKUP_AUTO && m == MTL_MARKUP_TEXT && markup_looks_like_lines(text, len))
        return MTL_MARKUP_LINES;
    return m;
}

/* ---- Markdown ---- */

static bool fence_open(const scanner *sc, const line *l, char *fch, size_t *flen) {
    size_t i;
    if (indent_of(sc, l, &i) > 3) return false;
    char c = sc->t[i];
    if (c != '`' && c != '~') return false;
    size_t k = 0;
    while (i + k < l->end && sc->t[i + k] == c) k++;
    if (k < 3) return false;
    if (c == '`' && memchr(sc->t + i + k, '`', l->end - i - k)) return false;
    *fch = c;
    *flen = k;
    return true;
}

static bool fence_close(const scanner *sc, const line *l, char fch, size_t flen) {
    size_t i;
    if (indent_of(sc, l, &i) > 3) return false;
    size_t k = 0;
    while (i + k < l->end && sc->t[i + k] == fch) k++;
    if (k < flen) return false;
    for (i += k; i < l->end; i++)
        if (!ascii_isspace((unsigned char)sc->t[i])) return false;
    return true;
}

/* ATX heading: returns level (1-6) and the content span. */
static int atx_heading(const scanner *sc, const line *l, size_t *cs, size_t *ce) {
    size_t i;
    if (indent_of(sc, l, &i) > 3) return 0;
    int level = 0;
    while (i < l->end && sc->t[i] == '#' && level < 7) {
        level++;
        i++;
    }
    if (level < 1 || level > 6) return 0;
    if (i < l->end && sc->t[i] != ' ' && sc->t[i] != '\t') return 0;
    size_t e = l->end;
    while (e > i && ascii_isspace((unsigned char)sc->t[e - 1])) e--;
    /* optional closing sequence of #s preceded by a space */
    size_t h = e;
    while (h > i && sc->t[h - 1] == '#') h--;
    if (h < e && (h == i || sc->t[h - 1] == ' ' || sc->t[h - 1] == '\t')) e = h;
    *cs = i;
    *ce = e;
    return level;
}

/* "===" or "---" under a paragraph line. */
static int setext_level(const scanner *sc, const line *l) {
    size_t i;
    if (indent_of(sc, l, &i) > 3 || i >= l->end) return 0;
    char c = sc->t[i];
    if (c != '=' && c != '-') return 0;
    while (i < l->end && sc->t[i] == c) i++;
    while (i < l->end && ascii_isspace((unsigned char)sc->t[i])) i++;
    if (i != l->end) return 0;
    return c == '=' ? 1 : 2;
}

static bool thematic_break(const scanner *sc, const line *l) {
    size_t i;
    if (indent_of(sc, l, &i) > 3 || i >= l->end) return false;
    char c = sc->t[i];
    if (c != '*' && c != '-' && c != '_') return false;
    int count = 0;
    for (; i < l->end; i++) {
        if (sc->t[i] == c) count++;
        else if (sc->t[i] != ' ' && sc->t[i] != '\t') return false;
    }
    return count >= 3;
}

/* List marker: "-", "*", "+", "1." or "1)" followed by a space, indented
 * less than four columns past `base` (the text column of the list item it
 * would be nested in; 0 outside lists). Returns the offset where the
 * item's text starts, 0 when not a marker. An ordered marker interrupts a
 * paragraph only when it is "1." (CommonMark), so a wrapped line that
 * starts "2019. The" stays prose. */
static size_t list_marker(const scanner *sc, const line *l, bool in_para, size_t base) {
    size_t i;
    if (indent_of(sc, l, &i) > base + 3 || i >= l->end) return 0;
    const char *t = sc->t;
    if (t[i] == '-' || t[i] == '*' || t[i] == '+') {
        if (i + 1 < l->end && (t[i + 1] == ' ' || t[i + 1] == '\t')) return i + 2;
        return 0;
    }
    size_t d = i;
    while (d < l->end && ascii_isdigit((unsigned char)t[d]) && d - i < 9) d++;
    if (d == i || d >= l->end || (t[d] != '.' && t[d] != ')')) return 0;
    if (d + 1 < l->end && t[d + 1] != ' ' && t[d + 1] != '\t') return 0;
    if (in_para && !(d - i == 1 && t[i] == '1')) return 0;
    return d + 1 < l->end ? d + 2 : 0;
}

static bool quote_marker(const scanner *sc, const line *l, size_t *after) {
    size_t i;
    if (indent_of(sc, l, &i) > 3 || i >= l->end || sc->t[i] != '>') return false;
    i++;
    if (i < l->end && sc->t[i] == ' ') i++;
    *after = i;
    return true;
}

static bool html_start(const scanner *sc, const line *l) {
    size_t i;
    if (indent_of(sc, l, &i) > 3 || i + 1 >= l->end || sc->t[i] != '<') return false;
    char c = sc->t[i + 1];
    return ascii_isalpha((unsigned char)c) || c == '/' || c == '!' || c == '?';
}

static bool link_definition(const scanner *sc, const line *l) {
    size_t i;
    if (indent_of(sc, l, &i) > 3 || i >= l->end || sc->t[i] != '[') return false;
    const char *close = memchr(sc->t + i, ']', l->end - i);
    return close && close + 1 < sc->t + l->end && close[1] == ':';
}

/* Whether line l starts a new block, ending a paragraph. */
static bool interrupts(const scanner *sc, const line *l) {
    size_t cs, ce, after;
    char fch;
    size_t flen;
    return is_blank(sc, l) || atx_heading(sc, l, &cs, &ce) || fence_open(sc, l, &fch, &flen) ||
           thematic_break(sc, l) || quote_marker(sc, l, &after) || list_marker(sc, l, true, 0) ||
           html_start(sc, l);
}

/* Masks the quote markers and indentation at the start of each line of a
 * multi-line block, so the view reads as one run of prose. */
static void blank_prefixes(scanner *sc, size_t first_line, size_t last_line) {
    for (size_t k = first_line + 1; k <= last_line; k++) {
        const line *l = &sc->lines.v[k];
        size_t i = l->start;
        for (;;) {
            while (i < l->end && (sc->t[i] == ' ' || sc->t[i] == '\t')) i++;
            if (i < l->end && sc->t[i] == '>') {
                sc->view[i++] = ' ';
                continue;
            }
            break;
        }
    }
}

/* Front matter: "---" on the first line, closed by "---" or "...". The
 * title: value becomes the headline. Returns the first line after it. */
static size_t front_matter(scanner *sc) {
    if (sc->lines.n < 2) return 0;
    const line *l0 = &sc->lines.v[0];
    if (l0->end - l0->start != 3 || memcmp(sc->t + l0->start, "---", 3) != 0) return 0;
    for (size_t k = 1; k < sc->lines.n; k++) {
        const line *l = &sc->lines.v[k];
        size_t len = l->end - l->start;
        const char *p = sc->t + l->start;
        if (len == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0)) {
            for (size_t j = 1; j < k; j++) {
                const line *tl = &sc->lines.v[j];
                const char *q = sc->t + tl->start;
                if (tl->end - tl->start > 6 && memcmp(q, "title:", 6) == 0) {
                    size_t s = tl->start + 6, e = tl->end;
                    while (s < e && sc->t[s] == ' ') s++;
                    while (e > s && ascii_isspace((unsigned char)sc->t[e - 1])) e--;
                    if (e - s >= 2 && (sc->t[s] == '"' || sc->t[s] == '\'') && sc->t[e - 1] == sc->t[s]) {
                        s++;
                        e--;
                    }
                    add_block(sc, s, e, BLOCK_HEADLINE, 1);
                }
            }
            return k + 1;
        }
    }
    return 0;
}

/* ---- inline suppression comments ---- */

static bool word_at(const char **p, const char *end, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(end - *p) < n || memcmp(*p, w, n) != 0) return false;
    if (*p + n < end && !ascii_isspace((unsigned char)(*p)[n])) return false;
    *p += n;
    while (*p < end && ascii_isspace((unsigned char)**p)) (*p)++;
    return true;
}

/* Closes the open ranges with the same id list (all of them for an empty
 * list) at `at`. */
static void close_ranges(doc *d, const char *ids, size_t n, size_t at) {
    for (size_t i = 0; i < d->suppress.n; i++) {
        doc_suppress *r = &d->suppress.v[i];
        if (r->end != SIZE_MAX) continue;
        if (n == 0 || (r->ids_len == n && memcmp(r->ids, ids, n) == 0)) r->end = at;
    }
}

static void open_range(doc *d, size_t start, size_t end, const char *ids, size_t n) {
    doc_suppress r = {start, end, ids, n};
    VEC_PUSH(d->suppress, r);
}

void markup_directive(doc *d, const char *p, const char *end, size_t after) {
    while (p < end && ascii_isspace((unsigned char)*p)) p++;
    while (end > p && ascii_isspace((unsigned char)end[-1])) end--;
    if (word_at(&p, end, "mtlint-disable-next-line")) {
        /* the line after the comment's line */
        const char *nl = memchr(d->text + after, '\n', d->len - after);
        if (!nl) return;
        size_t s = (size_t)(nl - d->text) + 1;
        const char *nl2 = memchr(d->text + s, '\n', d->len - s);
        open_range(d, s, nl2 ? (size_t)(nl2 - d->text) : d->len, p, (size_t)(end - p));
    } else if (word_at(&p, end, "mtlint-disable")) {
        open_range(d, after, SIZE_MAX, p, (size_t)(end - p));
    } else if (word_at(&p, end, "mtlint-enable")) {
        close_ranges(d, p, (size_t)(end - p), after);
    } else if (word_at(&p, end, "vale")) {
        /* Vale: "vale off", "vale on", "vale Rule = NO", "vale Rule = YES" */
        if (word_at(&p, end, "off")) {
            open_range(d, after, SIZE_MAX, "", 0);
        } else if (word_at(&p, end, "on")) {
            close_ranges(d, "", 0, after);
        } else {
            const char *eq = memchr(p, '=', (size_t)(end - p));
            if (!eq) return;
            const char *id_end = eq;
            while (id_end > p && ascii_isspace((unsigned char)id_end[-1])) id_end--;
            const char *val = eq + 1;
            while (val < end && ascii_isspace((unsigned char)*val)) val++;
            if (end - val == 2 && memcmp(val, "NO", 2) == 0) open_range(d, after, SIZE_MAX, p, (size_t)(id_end - p));
            else if (end - val == 3 && memcmp(val, "YES", 3) == 0) close_ranges(d, p, (size_t)(id_end - p), after);
        }
    }
}

/* HTML comments may span lines and sit anywhere: mask them first, and
 * read the suppression directives they carry. */
static void mask_html_comments(scanner *sc) {
    const char *t = sc->t;
    size_t n = sc->d->len;
    for (const char *p = t; (p = strstr(p, "<!--")) != NULL;) {
        const char *q = strstr(p + 4, "-->");
        size_t e = q ? (size_t)(q + 3 - t) : n;
        for (size_t i = (size_t)(p - t); i < e; i++)
            if (t[i] != '\n' && t[i] != '\r') sc->view[i] = DOC_MASK;
        if (!q) break;
        markup_directive(sc->d, p + 4, q, e);
        p = q + 3;
    }
    markup_close_directives(sc->d);
}

void markup_close_directives(doc *d) {
    for (size_t i = 0; i < d->suppress.n; i++)
        if (d->suppress.v[i].end == SIZE_MAX) d->suppress.v[i].end = d->len;
}

static bool masked_line(const scanner *sc, const line *l) {
    for (size_t i = l->start; i < l->end; i++)
        if (sc->view[i] != DOC_MASK && !ascii_isspace((unsigned char)sc->t[i])) return false;
    return true;
}

static void finish_md_block(scanner *sc, size_t first, size_t last, size_t start, block_kind kind,
                            int level) {
    size_t end = sc->lines.v[last].end;
    open_block_view(sc, start, end);
    blank_prefixes(sc, first, last);
    mask_md_inline(sc, start, end);
    mask_urls(sc, start, end);
    add_block(sc, start, end, kind, level);
}

/* How deep the text columns of nested list items are followed; deeper
 * items count as that deep. */
#define MD_LIST_DEPTH 16

static void parse_markdown(scanner *sc) {
    doc *d = sc->d;
    mask_html_comments(sc);
    size_t n = sc->lines.n;
    size_t i = front_matter(sc);
    bool have_title = d->blocks.n > 0;
    /* the text columns of the open list items: a nested item, or a
     * paragraph of an item, is indented to its item's column, which is not
     * indented code ("    - The the" three levels down is an item) */
    size_t cols[MD_LIST_DEPTH], depth = 0;
    while (i < n) {
        line *l = &sc->lines.v[i];
        size_t cs, ce, after, text;
        char fch;
        size_t flen;
        int level;
        size_t ind = indent_of(sc, l, &text);
        if (!is_blank(sc, l))
            while (depth && cols[depth - 1] > ind) depth--; /* less indented: those items are closed */
        size_t base = depth ? cols[depth - 1] : 0;
        if (is_blank(sc, l) || masked_line(sc, l) || thematic_break(sc, l) || link_definition(sc, l)) {
            i++;
        } else if (fence_open(sc, l, &fch, &flen)) {
            i++;
            while (i < n && !fence_close(sc, &sc->lines.v[i], fch, flen)) i++;
            i++;
        } else if (ind >= base + 4) {
            i++; /* indented code */
        } else if ((level = atx_heading(sc, l, &cs, &ce)) > 0) {
            mask_md_inline(sc, cs, ce);
            mask_urls(sc, cs, ce);
            add_block(sc, cs, ce, BLOCK_HEADING, level);
            i++;
        } else if (html_start(sc, l)) {
            while (i < n && !is_blank(sc, &sc->lines.v[i])) i++;
        } else if (quote_marker(sc, l, &after)) {
            /* a block quote paragraph: consecutive ">" lines */
            size_t first = i, start = after;
            i++;
            while (i < n && !is_blank(sc, &sc->lines.v[i])) {
                size_t a2;
                bool q = quote_marker(sc, &sc->lines.v[i], &a2);
                if (q && is_blank(sc, &(line){a2, sc->lines.v[i].end, 0})) break;
                if (!q && interrupts(sc, &sc->lines.v[i])) break;
                i++;
            }
            finish_md_block(sc, first, i - 1, start, BLOCK_QUOTE, 0);
        } else if ((after = list_marker(sc, l, false, base)) > 0) {
            size_t col = ind + (after - text);
            if (depth < MD_LIST_DEPTH) depth++;
            cols[depth - 1] = col;
            size_t item = i;
            i++;
            while (i < n && !is_blank(sc, &sc->lines.v[i]) && !list_marker(sc, &sc->lines.v[i], false, col) &&
                   !(indent_of(sc, &sc->lines.v[i], NULL) < 2 && interrupts(sc, &sc->lines.v[i])))
                i++;
            finish_md_block(sc, item, i - 1, after, BLOCK_LIST_ITEM, 0);
        } else {
            size_t first = i;
            i++;
            while (i < n && !interrupts(sc, &sc->lines.v[i]) && !setext_level(sc, &sc->lines.v[i])) i++;
            /* an underline makes the paragraph a heading (CommonMark gives
             * "---" under text to setext before thematic breaks) */
            if (i < n && (level = setext_level(sc, &sc->lines.v[i])) > 0) {
                finish_md_block(sc, first, i - 1, sc->lines.v[first].start, BLOCK_HEADING, level);
                i++;
            } else {
                finish_md_block(sc, first, i - 1, sc->lines.v[first].start, BLOCK_PARAGRAPH, 0);
            }
        }
    }
    /* Without a front-matter title, a level-1 heading that opens the
     * document is the headline. */
    if (!have_title && d->blocks.n > 0 && d->blocks.v[0].kind == BLOCK_HEADING && d->blocks.v[0].level == 1) {
        d->blocks.v[0].kind = BLOCK_HEADLINE;
    }
    if (d->blocks.n > 0 && d->blocks.v[0].kind == BLOCK_HEADLINE) d->headline = 0;
}

mtl_markup markup_for_name(const char *name, mtl_markup requested) {
    if (requested != MTL_MARKUP_AUTO) return requested;
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)) return MTL_MARKUP_HTML;
    if (dot && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0 ||
                strcasecmp(dot, ".mdown") == 0 || strcasecmp(dot, ".mkd") == 0)) /* ".Md" too, as files_expand takes it */
        return MTL_MARKUP_MARKDOWN;
    return MTL_MARKUP_TEXT;
}

char *markup_parse(doc *d, mtl_markup kind) {
    scanner sc = {.d = d, .t = d->text};
    /* PCRE2's JIT reads up to 16 bytes past a subject's end: zeroed
     * padding keeps valgrind quiet and the reads defined. */
    size_t stride = d->len + 1 + DOC_PAD;
    sc.view = xmalloc(2 * stride); /* the view, then the rule view */
    memcpy(sc.view, d->text, d->len);
    char *rview = sc.view + stride;
    /* every reader below copies the view's d->len bytes into the second
     * half: only the paddings need clearing */
    memset(sc.view + d->len, 0, stride - d->len);
    memset(rview + d->len, 0, stride - d->len);
    d->headline = -1;
    d->rview = NULL;
    d->vview = NULL;
    split_lines(&sc);
    if (kind == MTL_MARKUP_MARKDOWN) {
        parse_markdown(&sc);
        memcpy(rview, sc.view, d->len);
        for (size_t b = 0; b < d->blocks.n; b++) mask_md_delims(d->text, rview, d->blocks.v[b].start, d->blocks.v[b].end);
        d->rview = rview;
    } else if (kind == MTL_MARKUP_HTML) {
        markup_html(d, sc.view, rview);
        d->rview = rview;
    } else if (kind == MTL_MARKUP_LINES) {
        parse_lines(&sc);
    } else {
        parse_plain(&sc);
    }
    /* Outside blocks nothing is prose: mask it, keeping line breaks. */
    size_t pos = 0;
    for (size_t b = 0; b <= d->blocks.n; b++) {
        size_t until = b < d->blocks.n ? d->blocks.v[b].start : d->len;
        for (size_t i = pos; i < until; i++)
            if (sc.view[i] != '\n' && sc.view[i] != '\r') sc.view[i] = DOC_MASK;
        if (b < d->blocks.n) pos = d->blocks.v[b].end;
    }
    if (kind != MTL_MARKUP_MARKDOWN && kind != MTL_MARKUP_HTML) {
        /* in a plain text block only URLs and e-mail addresses are masked */
        char *vview = sc.view + stride;
        memcpy(vview, sc.view, d->len);
        for (size_t b = 0; b < d->blocks.n; b++) {
            const char *end = sc.view + d->blocks.v[b].end;
            for (const char *m = sc.view + d->blocks.v[b].start; (m = memchr(m, DOC_MASK, (size_t)(end - m))); m++)
                vview[m - sc.view] = d->text[m - sc.view];
        }
        d->vview = vview;
    }
    VEC_FREE(sc.lines);
    return sc.view;
}
