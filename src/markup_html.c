/* markup_html.c - prose blocks of HTML (CMS exports), read with libgumbo,
 * an HTML5 parser that keeps every node's source offset.
 *
 * Blocks: the runs of text and inline elements (<em>, <a>, <span>...) in
 * title and h1 (headline), h2-h6 (headings), p, li, blockquote,
 * figcaption, td and any other block element that holds text directly.
 * Any element that is not inline ends a run, so inline markup never splits
 * a block or a sentence. Not prose: script, style, code, pre, nav and the
 * like, and every attribute: alt and title texts are not checked, since
 * the rule engine has no scope for them (Vale's `alt`).
 *
 * The view keeps the text's length (doc.h), so markup cannot be removed,
 * only overwritten in place:
 *  - text is copied as it is; line breaks and tabs become spaces;
 *  - a tag (or comment, or skipped element) inside a block becomes spaces
 *    when white space touches it ("said <em>no</em> more" reads
 *    "said     no      more"), and stays DOC_MASK when it is glued between
 *    two characters or between white space and closing punctuation
 *    ("<em>no</em>," and "the <code>x</code>," invent no space before the
 *    comma); <br> is a space;
 *  - a character reference is decoded in place: its UTF-8 bytes (never
 *    longer than the reference) go to the end of the reference that faces
 *    the word it belongs to ("&ldquo;Yes" reads "####“Yes", "no&rdquo;"
 *    reads "no”####"), and the rest is DOC_MASK (spaces where white space
 *    touches it, as for tags); references to white space (&nbsp;) become
 *    spaces. Each reference is a doc atom: the engine widens a finding
 *    that reaches into one to all of it, so an "&amp;" in a match spans
 *    its five bytes, and the match and the fix speak of the original text.
 *
 * What this costs: a word with a reference inside it ("don&rsquo;t") is
 * cut in two by the mask, and the checks take the pieces for non-prose
 * (the spelling check skips words next to a mask). The rule view
 * (doc.h's rview) keeps every tag and reference tail masked instead, and
 * the rule engine removes those runs before matching, so a phrase rule
 * matches across markup ("<em>opened</em> the"). */
#include "markup.h"

#include <gumbo.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* What an element is to the reader. */
typedef enum {
    EL_BLOCK,       /* ends a run; its text forms blocks of the enclosing kind */
    EL_INLINE,      /* part of the run around it */
    EL_BREAK,       /* <br>: a space inside the run */
    EL_SKIP,        /* not prose, and ends a run (pre, nav...) */
    EL_SKIP_INLINE, /* not prose, inside a run (code, script...) */
    EL_CONTAINER    /* a prose block of its own kind (p, li, h2...) */
} el_class;

typedef struct el_def {
    GumboTag tag;
    el_class cls;
    block_kind kind;  /* EL_CONTAINER */
    int level;
} el_def;

static const el_def el_defs[] = {
    {GUMBO_TAG_TITLE, EL_CONTAINER, BLOCK_HEADLINE, 1},
    {GUMBO_TAG_H1, EL_CONTAINER, BLOCK_HEADING, 1},
    {GUMBO_TAG_H2, EL_CONTAINER, BLOCK_HEADING, 2},
    {GUMBO_TAG_H3, EL_CONTAINER, BLOCK_HEADING, 3},
    {GUMBO_TAG_H4, EL_CONTAINER, BLOCK_HEADING, 4},
    {GUMBO_TAG_H5, EL_CONTAINER, BLOCK_HEADING, 5},
    {GUMBO_TAG_H6, EL_CONTAINER, BLOCK_HEADING, 6},
    {GUMBO_TAG_P, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_LI, EL_CONTAINER, BLOCK_LIST_ITEM, 0},
    {GUMBO_TAG_BLOCKQUOTE, EL_CONTAINER, BLOCK_QUOTE, 0},
    {GUMBO_TAG_FIGCAPTION, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_TD, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_TH, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_CAPTION, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_DD, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_DT, EL_CONTAINER, BLOCK_PARAGRAPH, 0},
    {GUMBO_TAG_BR, EL_BREAK, 0, 0},
    {GUMBO_TAG_SCRIPT, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_STYLE, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_NOSCRIPT, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_TEMPLATE, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_CODE, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_KBD, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_SAMP, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_VAR, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_TT, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_SVG, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_MATH, EL_SKIP_INLINE, 0, 0},
    {GUMBO_TAG_PRE, EL_SKIP, 0, 0},
    {GUMBO_TAG_NAV, EL_SKIP, 0, 0},
    {GUMBO_TAG_TEXTAREA, EL_SKIP, 0, 0},
    {GUMBO_TAG_SELECT, EL_SKIP, 0, 0},
    {GUMBO_TAG_IFRAME, EL_SKIP, 0, 0},
    {GUMBO_TAG_OBJECT, EL_SKIP, 0, 0},
    {GUMBO_TAG_VIDEO, EL_SKIP, 0, 0},
    {GUMBO_TAG_AUDIO, EL_SKIP, 0, 0},
    {GUMBO_TAG_CANVAS, EL_SKIP, 0, 0},
    {GUMBO_TAG_BUTTON, EL_SKIP, 0, 0},
    {GUMBO_TAG_A, EL_INLINE, 0, 0},
    {GUMBO_TAG_ABBR, EL_INLINE, 0, 0},
    {GUMBO_TAG_ACRONYM, EL_INLINE, 0, 0},
    {GUMBO_TAG_B, EL_INLINE, 0, 0},
    {GUMBO_TAG_BDI, EL_INLINE, 0, 0},
    {GUMBO_TAG_BDO, EL_INLINE, 0, 0},
    {GUMBO_TAG_BIG, EL_INLINE, 0, 0},
    {GUMBO_TAG_CITE, EL_INLINE, 0, 0},
    {GUMBO_TAG_DATA, EL_INLINE, 0, 0},
    {GUMBO_TAG_DEL, EL_INLINE, 0, 0},
    {GUMBO_TAG_DFN, EL_INLINE, 0, 0},
    {GUMBO_TAG_EM, EL_INLINE, 0, 0},
    {GUMBO_TAG_FONT, EL_INLINE, 0, 0},
    {GUMBO_TAG_I, EL_INLINE, 0, 0},
    {GUMBO_TAG_IMG, EL_INLINE, 0, 0},
    {GUMBO_TAG_INS, EL_INLINE, 0, 0},
    {GUMBO_TAG_LABEL, EL_INLINE, 0, 0},
    {GUMBO_TAG_MARK, EL_INLINE, 0, 0},
    {GUMBO_TAG_NOBR, EL_INLINE, 0, 0},
    {GUMBO_TAG_Q, EL_INLINE, 0, 0},
    {GUMBO_TAG_RB, EL_INLINE, 0, 0},
    {GUMBO_TAG_RP, EL_INLINE, 0, 0},
    {GUMBO_TAG_RT, EL_INLINE, 0, 0},
    {GUMBO_TAG_RTC, EL_INLINE, 0, 0},
    {GUMBO_TAG_RUBY, EL_INLINE, 0, 0},
    {GUMBO_TAG_S, EL_INLINE, 0, 0},
    {GUMBO_TAG_SMALL, EL_INLINE, 0, 0},
    {GUMBO_TAG_SPAN, EL_INLINE, 0, 0},
    {GUMBO_TAG_STRIKE, EL_INLINE, 0, 0},
    {GUMBO_TAG_STRONG, EL_INLINE, 0, 0},
    {GUMBO_TAG_SUB, EL_INLINE, 0, 0},
    {GUMBO_TAG_SUP, EL_INLINE, 0, 0},
    {GUMBO_TAG_TIME, EL_INLINE, 0, 0},
    {GUMBO_TAG_U, EL_INLINE, 0, 0},
    {GUMBO_TAG_WBR, EL_INLINE, 0, 0},
    /* custom elements (<amp-img>, <x-byline>) sit in the text flow */
    {GUMBO_TAG_UNKNOWN, EL_INLINE, 0, 0},
};

static el_def classify(GumboTag tag) {
    for (size_t i = 0; i < sizeof el_defs / sizeof el_defs[0]; i++)
        if (el_defs[i].tag == tag) return el_defs[i];
    return (el_def){tag, EL_BLOCK, BLOCK_PARAGRAPH, 0};
}

/* The block kind text takes inside a container, given the enclosing kind:
 * a paragraph inside a quote or a list item is part of it. */
static void nested_kind(const el_def *e, block_kind outer, int outer_level, block_kind *kind, int *level) {
    *kind = outer;
    *level = outer_level;
    if (e->cls != EL_CONTAINER) return;
    bool keeps_outer = e->kind == BLOCK_PARAGRAPH && (outer == BLOCK_QUOTE || outer == BLOCK_LIST_ITEM);
    if (!keeps_outer) {
        *kind = e->kind;
        *level = e->level;
    }
}

/* ---- character references ---- */

/* One reference decoded by gumbo itself (the HTML5 table of named
 * references lives there): `ref` is "&" and what may belong to it;
 * returns the bytes consumed (0: not a reference) and the decoded UTF-8 in
 * out. */
static size_t decode_ref(const char *ref, size_t n, char *out, size_t outcap, size_t *outlen) {
    char tmp[64];
    if (n + 1 > sizeof tmp) return 0;
    memcpy(tmp, ref, n);
    tmp[n] = '\0';
    GumboOptions opt = kGumboDefaultOptions;
    opt.fragment_context = GUMBO_TAG_DIV;
    opt.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opt, tmp, n);
    size_t used = 0;
    const GumboVector *kids = &g->root->v.element.children;
    if (kids->length == 1 && ((const GumboNode *)kids->data[0])->type == GUMBO_NODE_TEXT) {
        const char *dec = ((const GumboNode *)kids->data[0])->v.text.text;
        size_t dl = strlen(dec);
        /* dec = the decoded character(s) + the part of ref not consumed */
        for (size_t rest = 0; rest < n; rest++) {
            size_t r = n - 1 - rest; /* bytes of ref left undecoded, longest consumption first */
            if (r > dl || memcmp(dec + dl - r, ref + n - r, r) != 0) continue;
            size_t k = dl - r;
            if (k == 0 || k > outcap || k > n - r) break;
            if (k == n - r && memcmp(dec, ref, k) == 0) break; /* taken literally */
            memcpy(out, dec, k);
            *outlen = k;
            used = n - r;
            break;
        }
    }
    gumbo_destroy_output(&opt, g);
    return used;
}

/* The longest stretch that may be a reference: "&", an optional "#", a run
 * of letters and digits and an optional ";". */
static size_t ref_candidate(const char *t, size_t i, size_t end) {
    size_t j = i + 1;
    if (j < end && t[j] == '#') j++;
    while (j < end && j - i < 40 && (ascii_isalpha((unsigned char)t[j]) || ascii_isdigit((unsigned char)t[j]))) j++;
    if (j < end && t[j] == ';') j++;
    return j - i;
}

static bool is_white_cp(const char *s, size_t n) {
    return (n == 1 && ascii_isspace((unsigned char)s[0])) ||
           (n == 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) || /* NBSP */
           (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
            (unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x8A) || /* en quad .. hair space */
           (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF);
}

static bool glue(char c) { return c != ' ' && c != DOC_MASK && c != '\n' && c != '\r' && c != '\t'; }

/* ---- the walk ---- */

typedef struct reader {
    doc *d;
    char *view;
    const char *t;
    /* the open run: its prose span and kind */
    bool run_open;
    size_t run_start, run_end;
    block_kind run_kind;
    int run_level;
} reader;

static void mask_span(reader *r, size_t a, size_t b) {
    for (size_t i = a; i < b && i < r->d->len; i++)
        if (r->t[i] != '\n' && r->t[i] != '\r') r->view[i] = DOC_MASK;
}

/* Whether [i, end) starts with markup that the tree does not hold (an
 * ignored end tag inside a text node); its end in *to. */
static bool stray_tag(const char *t, size_t i, size_t end, size_t *to) {
    if (t[i] != '<' || i + 1 >= end) return false;
    char c = t[i + 1];
    if (!ascii_isalpha((unsigned char)c) && c != '/' && c != '!' && c != '?') return false;
    const char *gt = memchr(t + i, '>', end - i);
    *to = gt ? (size_t)(gt - t) + 1 : end;
    return true;
}

/* A text node's original bytes [s, e) into the view, references decoded. */
static void put_text(reader *r, size_t s, size_t e) {
    const char *t = r->t;
    char *v = r->view;
    for (size_t i = s; i < e;) {
        size_t to;
        if (t[i] == '&') {
            size_t n = ref_candidate(t, i, e), dl = 0;
            char dec[16];
            size_t used = n > 1 ? decode_ref(t + i, n, dec, sizeof dec, &dl) : 0;
            if (used == 0) {
                v[i++] = '&';
                continue;
            }
            doc_span atom = {i, i + used};
            VEC_PUSH(r->d->atoms, atom);
            if (is_white_cp(dec, dl)) {
                memset(v + i, ' ', used);
            } else {
                memset(v + i, DOC_MASK, used);
                /* toward the word it belongs to: after white space and
                 * before a character, at the end ("&ldquo;Yes") */
                bool open = (i == s || !glue(t[i - 1]) || t[i - 1] == '>') && i + used < e &&
                            glue(t[i + used]) && t[i + used] != '<';
                memcpy(v + (open ? i + used - dl : i), dec, dl);
            }
            i += used;
        } else if (stray_tag(t, i, e, &to)) {
            mask_span(r, i, to);
            i = to;
        } else {
            char c = t[i];
            v[i] = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
            i++;
        }
    }
}

static void flush(reader *r) {
    if (!r->run_open) return;
    r->run_open = false;
    size_t s = r->run_start, e = r->run_end;
    const char *v = r->view;
    while (s < e && !glue(v[s])) s++;
    while (e > s && !glue(v[e - 1])) e--;
    if (s >= e) return;
    markup_mask_urls(r->t, r->view, s, e);
    doc_block b = {.start = s, .end = e, .kind = r->run_kind, .level = r->run_level};
    VEC_PUSH(r->d->blocks, b);
}

static void text_node(reader *r, const GumboText *tx, block_kind kind, int level) {
    size_t s = tx->start_pos.offset, e = s + tx->original_text.length;
    if (e > r->d->len || s >= e) return;
    put_text(r, s, e);
    if (!r->run_open) {
        r->run_open = true;
        r->run_start = s;
        r->run_kind = kind;
        r->run_level = level;
    }
    r->run_end = e;
}

/* An element's whole source span, tags included (end tag when written). */
static void element_span(const GumboElement *el, size_t len, size_t *a, size_t *b) {
    *a = el->start_pos.offset;
    *b = el->original_end_tag.length ? el->end_pos.offset + el->original_end_tag.length
                                     : el->start_pos.offset + el->original_tag.length;
    if (*b > len) *b = len;
    if (*a > *b) *a = *b;
}

typedef struct frame {
    const GumboNode *node;
    size_t next;          /* next child to visit */
    block_kind kind;
    int level;
    bool block;           /* flushes the run when left */
} frame;

typedef struct comment {
    size_t start, end;    /* "<!--" .. past "-->" */
} comment;

static int cmp_block(const void *a, const void *b) {
    const doc_block *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_span(const void *a, const void *b) {
    const doc_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_comment(const void *a, const void *b) {
    const comment *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Suppression directives in document order. */
static void read_comments(reader *r, comment *v, size_t n) {
    if (n) qsort(v, n, sizeof *v, cmp_comment);
    for (size_t i = 0; i < n; i++) {
        const char *p = r->t + v[i].start, *q = r->t + v[i].end;
        if (q - p < 7 || memcmp(p, "<!--", 4) != 0 || memcmp(q - 3, "-->", 3) != 0) continue;
        markup_directive(r->d, p + 4, q - 3, v[i].end);
    }
    markup_close_directives(r->d);
}

/* Punctuation that closes up to the word before it: a gap before it stays
 * a mask, so that "word <code>x</code>," does not read "word     ,". */
static bool closing_punct(const char *v) {
    unsigned char c = (unsigned char)v[0];
    if (c < 0x80) return strchr(",.;:!?)]}\"'", c) != NULL;
    return memcmp(v, "\xe2\x80\x9d", 3) == 0 || memcmp(v, "\xe2\x80\x99", 3) == 0 || /* ” ’ */
           memcmp(v, "\xc2\xbb", 2) == 0;                                                 /* » */
}

/* Inside a block, masked markup that white space touches is white space
 * too; glued between two characters, or between white space and closing
 * punctuation, it stays a mask. */
static void settle_gaps(reader *r, const doc_block *b) {
    char *v = r->view;
    for (size_t i = b->start; i < b->end;) {
        if (v[i] != DOC_MASK && v[i] != '\n' && v[i] != '\r') {
            i++;
            continue;
        }
        size_t j = i;
        bool newline = false;
        while (j < b->end && (v[j] == DOC_MASK || v[j] == '\n' || v[j] == '\r')) newline |= v[j++] != DOC_MASK;
        /* j < b->end: a block ends on prose; it may start on a mask (an
         * address masked by markup_mask_urls), which nothing precedes */
        bool white = v[j] == ' ' || ((newline || i == b->start || v[i - 1] == ' ') && !closing_punct(v + j));
        for (size_t k = i; k < j; k++)
            if (white || v[k] != DOC_MASK) v[k] = ' ';
        i = j;
    }
}

/* The alt and title texts of an element (the rule engine's `alt` scope):
 * the attribute value as written, without its quotes. */
static void add_alts(doc *d, const GumboElement *el) {
    for (unsigned i = 0; i < el->attributes.length; i++) {
        const GumboAttribute *a = el->attributes.data[i];
        bool alt = strcmp(a->name, "alt") == 0 && el->tag == GUMBO_TAG_IMG;
        if (!alt && strcmp(a->name, "title") != 0) continue;
        const char *v = a->original_value.data;
        size_t n = a->original_value.length;
        if (!v || v < d->text || v + n > d->text + d->len) continue; /* not from the source */
        if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
            v++;
            n -= 2;
        }
        doc_span s = {(size_t)(v - d->text), (size_t)(v - d->text) + n};
        if (n) VEC_PUSH(d->alts, s);
    }
}

void markup_html(doc *d, char *view, char *rview) {
    reader r = {.d = d, .view = view, .t = d->text};
    mask_span(&r, 0, d->len);
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opt, d->text, d->len);
    struct { frame *v; size_t n, cap; } st = {0};
    struct { comment *v; size_t n, cap; } comments = {0};
    frame top = {.node = g->document, .kind = BLOCK_PARAGRAPH, .block = true};
    VEC_PUSH(st, top);
    long first_h1 = -1;
    /* depth-first, with an explicit stack: documents nest ten thousand
     * divs deep */
    while (st.n) {
        frame *f = &st.v[st.n - 1];
        const GumboVector *kids = f->node->type == GUMBO_NODE_DOCUMENT ? &f->node->v.document.children
                                                                       : &f->node->v.element.children;
        if (f->next >= kids->length) {
            if (f->block) flush(&r);
            st.n--;
            continue;
        }
        const GumboNode *c = kids->data[f->next++];
        block_kind kind = f->kind;
        int level = f->level;
        switch (c->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
            if (c->type == GUMBO_NODE_TEXT || r.run_open) text_node(&r, &c->v.text, kind, level);
            break;
        case GUMBO_NODE_COMMENT: {
            comment cm = {c->v.text.start_pos.offset, c->v.text.start_pos.offset + c->v.text.original_text.length};
            if (cm.end <= d->len) VEC_PUSH(comments, cm);
            break;
        }
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
            const GumboElement *el = &c->v.element;
            el_def e = classify(c->type == GUMBO_NODE_TEMPLATE ? GUMBO_TAG_TEMPLATE : el->tag);
            if (el->tag_namespace != GUMBO_NAMESPACE_HTML) e.cls = EL_SKIP_INLINE;
            if (e.cls != EL_SKIP) add_alts(d, el);
            if (e.cls == EL_BREAK) {
                size_t a, b;
                element_span(el, d->len, &a, &b);
                memset(view + a, ' ', b - a);
                break;
            }
            if (e.cls == EL_SKIP || e.cls == EL_SKIP_INLINE) {
                if (e.cls == EL_SKIP) flush(&r);
                break; /* its bytes stay masked */
            }
            bool block = e.cls != EL_INLINE;
            if (block) flush(&r);
            frame nf = {.node = c, .block = block, .kind = kind, .level = level};
            nested_kind(&e, kind, level, &nf.kind, &nf.level);
            if (el->tag == GUMBO_TAG_H1 && first_h1 < 0) {
                nf.kind = BLOCK_HEADLINE;
                first_h1 = 0;
            }
            VEC_PUSH(st, nf);
            break;
        }
        default:
            break; /* CDATA (foreign content) */
        }
    }
    flush(&r);
    VEC_FREE(st);
    gumbo_destroy_output(&opt, g);

    /* The tree is not always in source order (a table's stray text is
     * moved before it): blocks in order, overlaps dropped. */
    doc_block *bv = d->blocks.v;
    size_t nb = d->blocks.n, k = 0;
    if (nb) qsort(bv, nb, sizeof *bv, cmp_block);
    for (size_t i = 0; i < nb; i++)
        if (k == 0 || bv[i].start >= bv[k - 1].end) bv[k++] = bv[i];
    d->blocks.n = k;
    /* the rule view: tags still masked, white space as the text had it */
    memcpy(rview, view, d->len);
    for (size_t i = 0; i < d->len; i++)
        if (rview[i] == '\n' || rview[i] == '\r') rview[i] = ' ';
    for (size_t i = 0; i < k; i++) {
        settle_gaps(&r, &bv[i]);
        if (bv[i].kind == BLOCK_HEADLINE && d->headline < 0) d->headline = (long)i;
    }
    if (d->atoms.n) qsort(d->atoms.v, d->atoms.n, sizeof *d->atoms.v, cmp_span);
    if (d->alts.n) qsort(d->alts.v, d->alts.n, sizeof *d->alts.v, cmp_span);
    read_comments(&r, comments.v, comments.n);
    VEC_FREE(comments);
}
