/* check_source.c - the Source.* rules: the target compared with the
 * source it was aligned with (srcalign.c). Every finding is placed in the
 * target, at the words concerned or on the target segment of the pair.
 *
 * Each check reads the block pairs (paragraphs, or lines) for what must
 * be there somewhere in the block, and the sentence pairs inside them to
 * place a finding: a sentence aligner may pair sentences wrongly when a
 * translator splits or merges them, a paragraph aligner much less often.
 * Only the rules' own languages' data (glossary, exonyms, dictionary) are
 * needed; without them the language-neutral checks run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include "align.h"
#include "bytes16.h"
#include "check.h"
#include "glossary.h"
#include "lang.h"
#include "spell.h"
#include "srcnum.h"
#include "srcpunct.h"
#include "util.h"
#include "check_source_impl.h"

static const struct {
    const char *id;
    mtl_severity level;
    mtl_category cat;
    const char *description;
} rules[NRULES] = {
    [R_NUMBER] = {"Source.Number", MTL_WARNING, MTL_CAT_ACCURACY,
                  "A number of the source is missing from its translation, or different there "
                  "(separators, scale words and percent read in each language's way)."},
    [R_NAME] = {"Source.Name", MTL_INFO, MTL_CAT_ACCURACY,
                "A name in the source (a capitalised word the source dictionary does not know) "
                "is missing from its translation; accents and known exonyms are allowed for."},
    [R_QUOTE] = {"Source.Quote", MTL_WARNING, MTL_CAT_PUNCTUATION,
                 "A quotation in the source has none in its translation, or the translation "
                 "quotes what the source does not."},
    [R_OMISSION] = {"Source.Omission", MTL_WARNING, MTL_CAT_ACCURACY,
                    "A source paragraph or sentence with no translation, or a translation far "
                    "shorter than its source."},
    [R_ADDITION] = {"Source.Addition", MTL_WARNING, MTL_CAT_ACCURACY,
                    "A paragraph or sentence with no source, or a translation far longer than "
                    "its source."},
    [R_UNTRANSLATED] = {"Source.Untranslated", MTL_WARNING, MTL_CAT_UNTRANSLATED,
                        "A segment that is its source copied, beyond names and numbers."},
    [R_GLOSSARY] = {"Source.Glossary", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                    "A glossary term of the source whose translation uses none of the approved "
                    "renderings (--glossary, `glossary:`; es-en ships with mtlint)."},
    [R_PUNCT] = {"Source.Punctuation", MTL_WARNING, MTL_CAT_PUNCTUATION,
                 "A question or exclamation of the source that is not one in the translation, "
                 "or a headline without final punctuation whose translation gains a period."},
    [R_SURNAME] = {"Source.Surname", MTL_WARNING, MTL_CAT_ACCURACY,
                   "A surname of the source that is also a common word (Fernando Torres, Olga Cordero) is "
                   "missing from its translation: the MT has likely translated it (Fernando Towers)."},
    [R_CONSISTENCY] = {"Source.Consistency", MTL_WARNING, MTL_CAT_TERMINOLOGY,
                       "A name of the source rendered two ways in one article (Papadimos as Papademos in one "
                       "paragraph, as Papadimos in the next); the rarer rendering is reported."},
};

/* Thresholds, in standard deviations of the length model (align.h), for
 * a 1-1 pair to count as too short or too long, and the shortest source
 * (in characters) the model is trusted on. */
#define Z_OMISSION 4.0
#define Z_ADDITION -5.0
#define Z_MIN_CHARS 40
/* How far a paragraph's length must be off before a sentence of it with
 * no counterpart counts as lost or added. */
#define Z_BLOCK 2.0

static void clear_renders(source_check *sc) {
    for (size_t i = 0; i < sc->renders.n; i++) free(sc->renders.v[i].name);
    sc->renders.n = 0;
}

/* ---- small text helpers ---- */

static bool is_alnum(int c) { return ascii_isalpha(c) || ascii_isdigit(c); }
static bool is_lower(int c) { return (unsigned)(c - 'a') < 26; }

/* Folds a UTF-8 code point of Latin script to its ASCII base letter,
 * lower case: enough for names in es/fr/pt/it/de (Martín = Martin). */
static int fold_cp(unsigned cp) {
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"   /* U+00C0..U+00DF */
                                 "aaaaaaaceeeeiiiidnooooo/ouuuuyty";  /* U+00E0..U+00FF */
    if (cp < 128) return ascii_tolower((int)cp);
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
    return -1;
}

/* s[0..n) folded into out: ASCII lower case, accents dropped; other
 * characters kept as they are. */
void cs_fold(buf *out, const char *s, size_t n) {
    buf_clear(out);
    buf_reserve(out, n); /* a character folds to no more bytes than it has */
    char *o = out->data;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* most of a text */
            *o++ = (char)ascii_tolower(b);
            i++;
            continue;
        }
        size_t at = i;
        int f = fold_cp((unsigned)u8_decode(s, n, &i));
        if (f > 0) {
            *o++ = (char)f;
        } else {
            memcpy(o, s + at, i - at);
            o += i - at;
        }
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

/* Whether folded needle occurs in folded hay as a whole word. */
bool cs_has_word(const char *hay, const char *needle, size_t nlen) {
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
        bool left = p == hay || !is_alnum((unsigned char)p[-1]);
        bool right = !is_alnum((unsigned char)p[nlen]);
        if (left && right) return true;
    }
    return false;
}

/* Whether s[0..n) has at least min code points: counted only so far. */
static bool has_cps(const char *s, size_t n, size_t min) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < min; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k >= min;
}

/* The first words of s[0..n) for a message: about 40 bytes, cut at a
 * word boundary, "…" when cut. */
static void first_words(buf *out, const char *s, size_t n) {
    buf_clear(out);
    size_t k = n;
    if (n > 48) {
        k = 40;
        while (k < n && k < 60 && s[k] != ' ') k++;
        while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k++;
    }
    for (size_t i = 0; i < k; i++) buf_putc(out, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
    if (k < n) buf_puts(out, "…");
}

/* The target words inside [s, e). */
static void words_in(const doc *d, size_t s, size_t e, size_t *first, size_t *n) {
    *first = *n = 0;
    size_t lo = 0, hi = d->words.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->words.v[mid].start < s) lo = mid + 1;
        else hi = mid;
    }
    *first = lo;
    while (lo < d->words.n && d->words.v[lo].end <= e) lo++;
    *n = lo - *first;
}

/* A span for a finding about the pair's whole target segment: the segment
 * itself; for an empty one (nothing translated the source there), the
 * first word at or after it, else the last word before it. */
static void target_span(const doc *d, size_t s, size_t e, size_t *fs, size_t *fe) {
    if (e > s) {
        *fs = s, *fe = e;
        return;
    }
    size_t first, n;
    words_in(d, s, d->len, &first, &n);
    if (first < d->words.n) {
        *fs = d->words.v[first].start, *fe = d->words.v[first].end;
    } else if (d->words.n) {
        *fs = d->words.v[d->words.n - 1].start, *fe = d->words.v[d->words.n - 1].end;
    } else {
        *fs = 0, *fe = d->len;
    }
}

/* The same inside the target of a block pair [bs, be): an empty span at
 * the end of a paragraph or line is placed on its last word, not on the
 * next paragraph's first. */
static void target_span_in(const doc *d, size_t s, size_t e, size_t bs, size_t be, size_t *fs, size_t *fe) {
    size_t first, n;
    if (e == s && be > bs) {
        words_in(d, s, be, &first, &n);
        if (n) {
            *fs = d->words.v[first].start, *fe = d->words.v[first].end;
            return;
        }
        words_in(d, bs, s, &first, &n);
        if (n) {
            *fs = d->words.v[first + n - 1].start, *fe = d->words.v[first + n - 1].end;
            return;
        }
    }
    target_span(d, s, e, fs, fe);
}

/* The sentence pair of block pair b whose source span holds offset off;
 * NULL when there is none. */
static const doc_pair *sent_pair_at(const doc *d, size_t b, size_t off) {
    for (size_t i = 0; i < d->sent_pairs.n; i++) {
        const doc_pair *p = &d->sent_pairs.v[i];
        if (p->block == b && p->nsrc && off >= p->src_start && off < p->src_end) return p;
    }
    return NULL;
}

/* Where to report something of source offset `off` in block pair b: the
 * target of its sentence pair, else of the block pair. */
void cs_place(const doc *d, size_t b, size_t off, size_t *fs, size_t *fe) {
    const doc_pair *sp = sent_pair_at(d, b, off);
    const doc_pair *bp = &d->block_pairs.v[b];
    if (sp && sp->ntgt) target_span(d, sp->tgt_start, sp->tgt_end, fs, fe);
    else target_span(d, bp->tgt_start, bp->tgt_end, fs, fe);
}

/* ---- per-language data ---- */

static glossary *load_list(const source_check *sc, const char *kind, const char *lang) {
    if (!sc->dict_dir) return NULL;
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/%s/%s-en.tsv", sc->dict_dir, kind, lang);
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    fclose(f);
    glossary *g = glossary_open();
    if (glossary_load(g, path, err, sizeof err) != 0 || glossary_count(g) == 0) {
        glossary_close(g);
        return NULL;
    }
    return g;
}

/* Whether the language writes names with capitals (Latin script, and the
 * others with case); a source in one without case has no Source.Name. */
static bool cased(const char *lang) {
    static const char *const uncased[] = {"zh", "ja", "ko", "ar", "he", "th", "hi", "fa", NULL};
    for (size_t i = 0; uncased[i]; i++)
        if (strcmp(lang, uncased[i]) == 0) return false;
    return *lang != '\0';
}

static lang_data *data_for(source_check *sc, const char *lang, const registry *reg) {
    for (size_t i = 0; i < sc->langs.n; i++)
        if (strcmp(sc->langs.v[i].lang, lang) == 0) return &sc->langs.v[i];
    lang_data ld = {0};
    snprintf(ld.lang, sizeof ld.lang, "%s", lang);
    if (*lang) {
        ld.terms = load_list(sc, "glossary", lang);
        ld.exonyms = load_list(sc, "exonyms", lang);
        const lang_info *li = lang_find(lang);
        /* the dictionary only for the rules that read names */
        bool reads_names = reg_enabled(reg, sc->rule[R_NAME]) || reg_enabled(reg, sc->rule[R_CONSISTENCY]) ||
                           reg_enabled(reg, sc->rule[R_SURNAME]);
        if (reads_names && !sc->no_spell && cased(lang) && li && li->dictionary) {
            const char *names[] = {lang, NULL};
            spell_options o = {.names = names, .compiled_dir = sc->compiled_dir};
            mtl_diags ignored = {0};
            ld.dict = spell_open(&o, &ignored);
            mtl_diags_free(&ignored);
        }
    }
    VEC_PUSH(sc->langs, ld);
    return &sc->langs.v[sc->langs.n - 1];
}

/* ---- Source.Quote ---- */

/* Quotation marks that open a quotation in source or target text, and
 * the marks that close each; straight " closes itself. */
static const struct {
    const char *open, *close;
} quote_marks[] = {
    {"«", "»"}, {"“", "”"}, {"\"", "\""}, {"„", "“"}, {"「", "」"}, {"『", "』"}, {"”", "”"},
};

/* The first quotation in s[0..n) with at least `min` characters inside;
 * its span in *qs, *qe. */
static bool find_quotation(const char *s, size_t n, size_t min, size_t *qs, size_t *qe) {
    for (size_t i = 0; i < n; i++) {
        /* no mark starts but with one of four bytes: sixteen at a time to the next */
        for (; i + 16 <= n; i += 16) {
            bytes16 x = bytes16_load(s + i);
            bytes16 m = (x == '"') | (x == 0xC2) | (x == 0xE2) | (x == 0xE3);
            if (bytes16_any(m)) {
                i += bytes16_first(m);
                break;
            }
        }
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c != '"' && c != 0xC2 && c != 0xE2 && c != 0xE3) continue;
        for (size_t k = 0; k < sizeof quote_marks / sizeof quote_marks[0]; k++) {
            size_t ol = strlen(quote_marks[k].open);
            if (i + ol > n || memcmp(s + i, quote_marks[k].open, ol) != 0) continue;
            /* the first closing mark after the opening one ends it */
            size_t cl = strlen(quote_marks[k].close);
            const char *e = memmem(s + i + ol, n - i - ol, quote_marks[k].close, cl);
            if (e && has_cps(s + i + ol, (size_t)(e - s) - i - ol, min)) {
                *qs = i;
                *qe = (size_t)(e - s) + cl;
                return true;
            }
        }
    }
    return false;
}

/* A quotation of a few words is often a term the translator may rightly
 * drop the marks of (los llamados "brotes verdes"); a quotation of a
 * clause is speech, and speech keeps its marks. In ideographic text a
 * character carries about a word. */
static size_t min_quote_chars(const char *lang) { return cased(lang) ? 25 : 10; }

static void check_quotes(source_check *sc, check_ctx *cx, size_t b) {
    (void)sc;
    const doc *d = cx->d, *sd = d->source;
    const doc_pair *bp = &d->block_pairs.v[b];
    const char *st = sd->text + bp->src_start, *tt = d->text + bp->tgt_start;
    size_t sn = bp->src_end - bp->src_start, tn = bp->tgt_end - bp->tgt_start;
    size_t qs, qe, ts, te, any_s, any_e;
    bool src_long = find_quotation(st, sn, min_quote_chars(d->source_lang), &qs, &qe);
    bool tgt_any = find_quotation(tt, tn, 1, &any_s, &any_e);
    bool src_any = find_quotation(st, sn, 1, &ts, &te);
    bool tgt_long = find_quotation(tt, tn, min_quote_chars("en"), &ts, &te);
    if (src_long && !tgt_any) {
        size_t fs, fe;
        cs_place(d, b, bp->src_start + qs, &fs, &fe);
        first_words(&sc->tmp, st + qs, qe - qs);
        finding_add(cx->out, sc->rule[R_QUOTE], fs, fe, NULL,
                    "the source quotes %s; the translation has no quotation marks", sc->tmp.data);
    } else if (tgt_long && !src_any) {
        first_words(&sc->tmp, tt + ts, te - ts);
        finding_add(cx->out, sc->rule[R_QUOTE], bp->tgt_start + ts, bp->tgt_start + te, NULL,
                    "the translation quotes %s; the source has no quotation here", sc->tmp.data);
    }
}

/* ---- Source.Omission / Source.Addition ---- */

/* How many source sentences block pair b holds: a sentence of the
 * target with no source beside a single source sentence is that
 * sentence split in two, whatever the lengths say. */
static size_t src_sentences(const doc *d, size_t b) {
    size_t n = 0;
    for (size_t i = 0; i < d->sent_pairs.n; i++)
        if (d->sent_pairs.v[i].block == b) n += d->sent_pairs.v[i].nsrc;
    return n;
}

/* The configured length-ratio limits for lang, or NULL: the length
 * model's test then. */
static const mtl_length_ratio *ratio_limits(const source_check *sc, const char *lang) {
    for (size_t i = 0; lang && i < sc->ratios.n; i++)
        if (strcmp(sc->ratios.v[i].lang, lang) == 0) return &sc->ratios.v[i];
    return NULL;
}

/* Whether a 1-1 pair of sl source and tl target characters is too short
 * (< 0) or too long (> 0) for its language pair: by the configured
 * ratios, else by the length model, whose spread grows with the length. */
static int length_verdict(const mtl_length_ratio *lim, const align_params *ap, size_t sl, size_t tl) {
    if (lim) {
        double r = (double)tl / (double)sl;
        return r < lim->lo ? -1 : r > lim->hi ? 1 : 0;
    }
    double z = align_length_z(ap, sl, tl);
    return z > Z_OMISSION ? -1 : z < Z_ADDITION ? 1 : 0;
}

static void check_pairs_lengths(source_check *sc, check_ctx *cx) {
    const doc *d = cx->d, *sd = d->source;
    align_params ap = align_defaults(d->source_lang, "en");
    const mtl_length_ratio *lim = ratio_limits(sc, d->source_lang);
    /* paragraphs (or lines) with nothing on one side */
    for (size_t b = 0; b < d->block_pairs.n; b++) {
        const doc_pair *p = &d->block_pairs.v[b];
        size_t fs, fe;
        if (p->nsrc && !p->ntgt) {
            if (u8_starts(sd->text + p->src_start, p->src_end - p->src_start) == 0) continue;
            target_span(d, p->tgt_start, p->tgt_end, &fs, &fe);
            first_words(&sc->tmp, sd->text + p->src_start, p->src_end - p->src_start);
            finding_add(cx->out, sc->rule[R_OMISSION], fs, fe, NULL,
                        "a source paragraph has no translation here: %s", sc->tmp.data);
        } else if (p->ntgt && !p->nsrc && p->tgt_end > p->tgt_start) {
            first_words(&sc->tmp, d->text + p->tgt_start, p->tgt_end - p->tgt_start);
            finding_add(cx->out, sc->rule[R_ADDITION], p->tgt_start, p->tgt_end, NULL,
                        "this paragraph has no source: %s", sc->tmp.data);
        }
    }
    /* sentences, and the length of 1-1 pairs */
    for (size_t i = 0; i < d->sent_pairs.n; i++) {
        const doc_pair *p = &d->sent_pairs.v[i];
        size_t sl = u8_starts(sd->text + p->src_start, p->src_end - p->src_start);
        size_t tl = u8_starts(d->text + p->tgt_start, p->tgt_end - p->tgt_start);
        size_t fs, fe;
        /* a sentence with nothing on the other side is lost (or added)
         * only if its paragraph is shorter (longer) than its source leads
         * one to expect; else the translator split or merged sentences */
        const doc_pair *bp = &d->block_pairs.v[p->block];
        double bz = align_length_z(&ap, u8_starts(sd->text + bp->src_start, bp->src_end - bp->src_start),
                                   u8_starts(d->text + bp->tgt_start, bp->tgt_end - bp->tgt_start));
        if (p->nsrc && !p->ntgt && sl >= Z_MIN_CHARS && bz > Z_BLOCK) {
            target_span_in(d, p->tgt_start, p->tgt_end, bp->tgt_start, bp->tgt_end, &fs, &fe);
            first_words(&sc->tmp, sd->text + p->src_start, p->src_end - p->src_start);
            finding_add(cx->out, sc->rule[R_OMISSION], fs, fe, NULL,
                        "a source sentence has no translation here: %s", sc->tmp.data);
        } else if (p->ntgt && !p->nsrc && tl >= Z_MIN_CHARS && bz < -Z_BLOCK && src_sentences(d, p->block) > 1) {
            first_words(&sc->tmp, d->text + p->tgt_start, p->tgt_end - p->tgt_start);
            finding_add(cx->out, sc->rule[R_ADDITION], p->tgt_start, p->tgt_end, NULL,
                        "this sentence has no source: %s", sc->tmp.data);
        } else if (p->nsrc && p->ntgt && sl >= Z_MIN_CHARS) {
            int v = length_verdict(lim, &ap, sl, tl);
            if (v < 0)
                finding_add(cx->out, sc->rule[R_OMISSION], p->tgt_start, p->tgt_end, NULL,
                            "the translation is much shorter than its source (%zu characters for %zu): "
                            "something may be left out",
                            tl, sl);
            else if (v > 0)
                finding_add(cx->out, sc->rule[R_ADDITION], p->tgt_start, p->tgt_end, NULL,
                            "the translation is much longer than its source (%zu characters for %zu): "
                            "something may be added",
                            tl, sl);
        }
    }
}

/* ---- Source.Untranslated ---- */

/* A pair whose target words, numbers and capitalised words left aside,
 * are nearly all words of the source too. */
/* A word that says whether a segment was translated: letters, lower case
 * (names and numbers stay the same in a translation), two or more. */
static bool is_plain_word(const doc *d, const doc_word *w) {
    return w->status >= WORD_LETTER && !ascii_isupper((unsigned char)d->text[w->start]) && w->end - w->start >= 2;
}

static void check_copies(source_check *sc, check_ctx *cx) {
    const doc *d = cx->d, *sd = d->source;
    buf hay = {0};
    for (size_t i = 0; i < d->sent_pairs.n; i++) {
        const doc_pair *p = &d->sent_pairs.v[i];
        if (!p->nsrc || !p->ntgt) continue;
        size_t first, n, plain = 0, copied = 0, missed = 0;
        words_in(d, p->tgt_start, p->tgt_end, &first, &n);
        for (size_t k = first; k < first + n; k++)
            plain += is_plain_word(d, &d->words.v[k]);
        if (plain < 4) continue;
        /* stop at the first word too many that is not the source's */
        size_t may_miss = plain - (plain * 8 + 9) / 10;
        cs_fold(&hay, sd->text + p->src_start, p->src_end - p->src_start);
        for (size_t k = first; k < first + n && missed <= may_miss; k++) {
            const doc_word *w = &d->words.v[k];
            if (!is_plain_word(d, w)) continue;
            cs_fold(&sc->tmp, d->text + w->start, w->end - w->start);
            if (cs_has_word(hay.data, sc->tmp.data, sc->tmp.len)) copied++;
            else missed++;
        }
        if (plain >= 4 && copied * 10 >= plain * 8) {
            finding_add(cx->out, sc->rule[R_UNTRANSLATED], p->tgt_start, p->tgt_end, NULL,
                        "%zu of its %zu words are the source's: this looks untranslated", copied, plain);
        }
    }
    buf_free(&hay);
}

/* ---- Source.Glossary ---- */

/* Narrows [*fs, *fe) to the words of the approved translation `want`
 * that the target uses there ("Alliance of the Pacific" for "Pacific
 * Alliance"): where the term was translated some other way. Unchanged
 * when none of them is there. */
static void narrow_to_words(const char *t, size_t *fs, size_t *fe, const char *want) {
    size_t lo = *fe, hi = *fs;
    for (const char *w = want; *w;) {
        while (*w && !ascii_isalpha((unsigned char)*w)) w++;
        size_t n = 0;
        while (ascii_isalpha((unsigned char)w[n])) n++;
        for (size_t i = *fs; n >= 4 && i + n <= *fe; i++) {
            if (strncasecmp(t + i, w, n) != 0) continue;
            if ((i > *fs && ascii_isalpha((unsigned char)t[i - 1])) || ascii_isalpha((unsigned char)t[i + n])) continue;
            if (i < lo) lo = i;
            if (i + n > hi) hi = i + n;
        }
        w += n;
    }
    if (lo < hi && hi - lo <= 80) *fs = lo, *fe = hi;
}

/* Reports the terms of g in block pair b whose translation is missing;
 * the terms found are left in *hits. */
static void check_terms(source_check *sc, check_ctx *cx, const glossary *g, size_t b, glossary_hits *hits) {
    hits->n = 0;
    if (!g) return;
    const doc *d = cx->d, *sd = d->source;
    const doc_pair *bp = &d->block_pairs.v[b];
    const char *st = sd->text + bp->src_start, *tt = d->text + bp->tgt_start;
    /* terms match their plurals and feminines in the source's language */
    glossary_find(g, d->source_lang, st, bp->src_end - bp->src_start, hits);
    for (size_t i = 0; i < hits->n; i++) {
        const glossary_hit *h = &hits->v[i];
        if (glossary_target_has(g, h->term, tt, bp->tgt_end - bp->tgt_start)) continue;
        size_t fs, fe;
        cs_place(d, b, bp->src_start + h->start, &fs, &fe);
        narrow_to_words(d->text, &fs, &fe, glossary_target(g, h->term, 0));
        buf alts = {0};
        size_t nt = glossary_ntargets(g, h->term);
        for (size_t k = 0; k < nt; k++)
            buf_printf(&alts, "%s'%s'", k ? (k + 1 == nt ? " or " : ", ") : "", glossary_target(g, h->term, k));
        finding_add(cx->out, sc->rule[R_GLOSSARY], fs, fe, NULL, "the source has '%.*s': the glossary says %s",
                    (int)(h->end - h->start), st + h->start, alts.data ? alts.data : "");
        buf_free(&alts);
    }
}

/* ---- Source.Name ---- */

typedef enum {
    RENDER_CAPITALISED, /* a name's rendering: "will" is not "Wall" */
    RENDER_ANY_CASE     /* also in lower case, for MT that lowercases everything */
} render_case;

/* The target word of block pair b that renders the folded name: the
 * name itself, or a spelling of it (same first letter, a few letters
 * different: Papadimos / Papademos). False when there is none. */
static bool rendering_of(source_check *sc, const doc *d, const doc_pair *bp, const char *name, size_t n,
                         render_case rc, size_t *rs, size_t *re) {
    size_t allowed = n >= 6 ? n / 3 : 1, first, nw;
    words_in(d, bp->tgt_start, bp->tgt_end, &first, &nw);
    for (size_t k = first; k < first + nw; k++) {
        const doc_word *w = &d->words.v[k];
        if (w->status < WORD_LETTER) continue;
        /* a name is written with a capital ("will" is not "Wall"), and
         * without the possessive ending */
        size_t i = w->start;
        if (rc == RENDER_CAPITALISED && !u_isupper(u8_decode(d->text, w->end, &i))) continue;
        size_t we = w->end;
        if (we - w->start > 2 && d->text[we - 1] == 's' && d->text[we - 2] == '\'') we -= 2;
        else if (we - w->start > 4 && d->text[we - 1] == 's' && memcmp(d->text + we - 4, "’", 3) == 0) we -= 4;
        cs_fold(&sc->tmp2, d->text + w->start, we - w->start);
        size_t wl = sc->tmp2.len;
        if (!wl || sc->tmp2.data[0] != name[0] || (wl > n ? wl - n : n - wl) > allowed) continue;
        if (str_edit_distance(sc->tmp2.data, wl, name, n, 48) <= allowed) {
            *rs = w->start;
            *re = we;
            return true;
        }
    }
    return false;
}

/* Whether the word at `at` follows a definite article of a Romance or
 * Germanic source ("la", "los", "del", "der"...). */
static bool after_article(const char *t, size_t sent_start, size_t at) {
    static const char *const articles[] = {"el", "la", "los", "las", "del", "al", "le", "les", "il", "lo", "gli",
                                           "os", "as", "do", "da", "dos", "das", "der", "die", "dem", "den", NULL};
    size_t e = at;
    while (e > sent_start && t[e - 1] == ' ') e--;
    size_t s = e;
    while (s > sent_start && ascii_isalpha((unsigned char)t[s - 1])) s--;
    if (e == s || e == at) return false;
    for (size_t i = 0; articles[i]; i++)
        if (strlen(articles[i]) == e - s && strncasecmp(t + s, articles[i], e - s) == 0) return true;
    return false;
}

static bool in_hits(const glossary_hits *h, size_t s, size_t e) {
    for (size_t i = 0; i < h->n; i++)
        if (s < h->v[i].end && e > h->v[i].start) return true;
    return false;
}

/* The hyphenated compound that starts at `at` (Mont-ral), folded without
 * its hyphens into sc->tmp; false when there is no letter after a hyphen. */
static bool hyphen_compound(source_check *sc, const doc *sd, size_t at, size_t end) {
    size_t e = at;
    bool joined = false;
    for (;;) {
        while (e < end && (ascii_isalpha((unsigned char)sd->text[e]) || (unsigned char)sd->text[e] >= 0x80)) e++;
        if (e + 1 < end && sd->text[e] == '-' &&
            (ascii_isalpha((unsigned char)sd->text[e + 1]) || (unsigned char)sd->text[e + 1] >= 0x80)) {
            e++;
            joined = true;
            continue;
        }
        break;
    }
    if (!joined) return false;
    buf_clear(&sc->tmp2);
    for (size_t i = at; i < e; i++)
        if (sd->text[i] != '-') buf_putc(&sc->tmp2, sd->text[i]);
    cs_fold(&sc->tmp, sc->tmp2.data, sc->tmp2.len);
    return true;
}

/* Source words that begin with a capital, are not the first word of their
 * sentence and that the source dictionary does not know; each must appear
 * in the target block, folded (Martín = Martin), or through an exonym. */
static void check_names(source_check *sc, check_ctx *cx, lang_data *ld, size_t b, const glossary_hits *terms) {
    if (!ld->dict) return;
    const doc *d = cx->d, *sd = d->source;
    const doc_pair *bp = &d->block_pairs.v[b];
    /* the exonyms, the first time a name needs them */
    glossary_hits ex = {0};
    bool ready = false;
    size_t first, n;
    words_in(sd, bp->src_start, bp->src_end, &first, &n);
    for (size_t k = first; k < first + n; k++) {
        const doc_word *w = &sd->words.v[k];
        const char *ws = sd->text + w->start;
        size_t wl = w->end - w->start;
        if (w->status < WORD_LETTER || wl < 3 || !ascii_isupper((unsigned char)ws[0])) continue;
        const doc_sentence *sn = &sd->sentences.v[w->sentence];
        if (sn->first_word == k) continue;
        /* after an opening quote or a colon a capital starts a sentence
         * too, and at the start of a line: a headline without a period
         * above it makes one sentence of the two lines for ICU */
        size_t before = w->start;
        while (before > sn->start && (sd->text[before - 1] == ' ')) before--;
        if (before == bp->src_start || (before > 0 && sd->text[before - 1] == '\n')) continue;
        if (before > sn->start && strchr(":«\"“(", sd->text[before - 1])) continue;
        if (before >= 2 && ((unsigned char)sd->text[before - 1] == 0xAB || (unsigned char)sd->text[before - 1] == 0x9C))
            continue;
        bool caps = true;
        for (size_t i = 0; i < wl && caps; i++) caps = !is_lower((unsigned char)ws[i]);
        if (caps) continue; /* acronyms are translated: ONU -> UN */
        size_t rs = w->start - bp->src_start, re = w->end - bp->src_start;
        if (in_hits(terms, rs, re)) continue;
        /* after an article it names a thing (la Procuraduría, los Mossos,
         * la Eurocopa), which translators translate; people take none */
        if (after_article(sd->text, sn->start, w->start)) continue;
        if (spell_known(ld->dict, ws, wl)) continue;
        if (!ready) {
            /* names, as written */
            if (ld->exonyms) glossary_find(ld->exonyms, NULL, sd->text + bp->src_start, bp->src_end - bp->src_start, &ex);
            ready = true;
        }
        cs_fold(&sc->tmp, ws, wl);
        size_t ts, te;
        if (rendering_of(sc, d, bp, sc->tmp.data, sc->tmp.len, RENDER_CAPITALISED, &ts, &te)) {
            render r = {.name = xstrdup(sc->tmp.data), .start = ts, .end = te};
            VEC_PUSH(sc->renders, r);
            continue;
        }
        /* a name joined by hyphens (Mont-ral, Saint-Denis) may lose them
         * in the translation: Montral */
        if (w->end < bp->src_end && sd->text[w->end] == '-' && hyphen_compound(sc, sd, w->start, bp->src_end) &&
            rendering_of(sc, d, bp, sc->tmp.data, sc->tmp.len, RENDER_CAPITALISED, &ts, &te))
            continue;
        /* a place with an English name of its own: Bruselas -> Brussels */
        bool exo = false;
        for (size_t i = 0; i < ex.n && !exo; i++)
            if (rs < ex.v[i].end && re > ex.v[i].start)
                exo = glossary_target_has(ld->exonyms, ex.v[i].term, d->text + bp->tgt_start,
                                          bp->tgt_end - bp->tgt_start);
        if (exo) continue;
        size_t fs, fe;
        cs_place(d, b, w->start, &fs, &fe);
        finding_add(cx->out, sc->rule[R_NAME], fs, fe, NULL, "the source names '%.*s'; the translation does not",
                    (int)wl, ws);
    }
    VEC_FREE(ex);
}

/* ---- Source.Surname ---- */

/* Words that follow a place's name, not a person's (México Poniente,
 * Lima Norte), folded: the compass points of es, fr, pt, it. */
static const char *const place_qualifiers[] = {
    "norte", "sur", "este", "oeste", "oriente", "poniente", "centro", "nord", "ouest", "est", "leste",
    "nordeste", "noroeste", "sudeste", "sureste", "suroeste", "sudoeste", "nord-est", "nord-ouest", NULL};

/* w[0..n) with its first letter in lower case into out (Á -> á too). */
static void lower_first(buf *out, const char *w, size_t n) {
    buf_clear(out);
    buf_append(out, w, n);
    unsigned char c = (unsigned char)out->data[0];
    if (ascii_isupper(c)) out->data[0] = (char)ascii_tolower(c);
    else if (c == 0xC3 && n > 1 && (unsigned char)out->data[1] >= 0x80 && (unsigned char)out->data[1] <= 0x9E &&
             (unsigned char)out->data[1] != 0x97)
        out->data[1] = (char)((unsigned char)out->data[1] + 0x20);
}

/* A capitalised word with lower case after its capital (not ONU). */
static bool capitalised(const doc *sd, const doc_word *w) {
    size_t i = w->start;
    if (w->status < WORD_LETTER || w->end - w->start < 3 || !u_isupper(u8_decode(sd->text, w->end, &i)))
        return false;
    return i < w->end && u_islower(u8_decode(sd->text, w->end, &i));
}

/* Whether the source dictionary knows w only with its capital: a proper
 * noun (Miguel, Sandra), where a common word (Torres, Cruz) is known in
 * lower case too. */
static bool proper_only(source_check *sc, speller *dict, const char *w, size_t n) {
    if (!spell_known(dict, w, n)) return false;
    lower_first(&sc->tmp2, w, n);
    return !spell_known(dict, sc->tmp2.data, sc->tmp2.len);
}

static bool common_word(source_check *sc, speller *dict, const char *w, size_t n) {
    lower_first(&sc->tmp2, w, n);
    return spell_known(dict, sc->tmp2.data, sc->tmp2.len);
}

/* Whether nearly all words of sentence s after the first (of three
 * letters or more) are capitalised: a headline in title case ("Rafael
 * Nadal Gana En París"), where capitals say nothing of names. */
static bool title_case(const doc *sd, const doc_sentence *s) {
    size_t caps = 0, all = 0;
    for (size_t k = s->first_word + 1; k < s->first_word + s->nwords; k++) {
        const doc_word *w = &sd->words.v[k];
        if (w->status < WORD_LETTER || w->end - w->start < 3) continue;
        all++;
        caps += capitalised(sd, w);
    }
    return all >= 3 && caps * 5 >= all * 4;
}

/* Where the translation wrote the name: the target word of block pair
 * bp that is the folded given name, and the `more` words after it (where
 * the surname's translation usually is: "Fernando Towers"). False when
 * the given name is not there as a word. */
static bool name_in_target(source_check *sc, const doc *d, const doc_pair *bp, const char *given, size_t more,
                           size_t *fs, size_t *fe) {
    size_t first, n;
    words_in(d, bp->tgt_start, bp->tgt_end, &first, &n);
    for (size_t k = first; k < first + n; k++) {
        const doc_word *w = &d->words.v[k];
        cs_fold(&sc->tmp2, d->text + w->start, w->end - w->start);
        if (strcmp(sc->tmp2.data, given) != 0) continue;
        size_t last = k + more < first + n ? k + more : first + n - 1;
        *fs = w->start;
        *fe = d->words.v[last].end;
        return true;
    }
    return false;
}

/* A given name that the dictionary knows as a proper noun, and the
 * capitalised words right after it: its surnames. A person's given name
 * is kept as it is in the translation (Fernando, Olga), where a place's
 * or a thing's is often translated (Arabie Saoudite -> Saudi Arabia):
 * the given name must be in the target block, letter for letter. A
 * surname that is also a common word (Torres "towers", Cordero "lamb") is
 * what MT translates; one absent from the target block, in any case, or
 * written a few letters apart, is reported. Unknown surnames are
 * Source.Name's. */
static void check_surnames(source_check *sc, check_ctx *cx, lang_data *ld, size_t b) {
    /* only where a capital marks a name: German capitalises every noun */
    static const char *const langs[] = {"es", "fr", "it", "pt", NULL};
    bool names_by_capital = false;
    for (size_t i = 0; langs[i] && !names_by_capital; i++) names_by_capital = strcmp(ld->lang, langs[i]) == 0;
    if (!ld->dict || !names_by_capital) return;
    const doc *d = cx->d, *sd = d->source;
    const doc_pair *bp = &d->block_pairs.v[b];
    size_t first, n;
    bool folded = false;
    buf hay = {0}; /* the target block, folded */
    words_in(sd, bp->src_start, bp->src_end, &first, &n);
    for (size_t k = first; k + 1 < first + n; k++) {
        const doc_word *g = &sd->words.v[k];
        if (!capitalised(sd, g) || !proper_only(sc, ld->dict, sd->text + g->start, g->end - g->start)) continue;
        const doc_sentence *sn = &sd->sentences.v[g->sentence];
        /* "le Berlusconi Premier ministre": after an article, a name
         * used as a noun, and what follows is not a surname */
        if (title_case(sd, sn) || after_article(sd->text, sn->start, g->start)) continue;
        if (!folded) {
            cs_fold(&hay, d->text + bp->tgt_start, bp->tgt_end - bp->tgt_start);
            folded = true;
        }
        cs_fold(&sc->tmp, sd->text + g->start, g->end - g->start);
        if (!cs_has_word(hay.data, sc->tmp.data, sc->tmp.len)) continue;
        size_t last = k;
        for (size_t j = k + 1; j < first + n && j <= k + 3; j++) {
            const doc_word *w = &sd->words.v[j], *prev = &sd->words.v[j - 1];
            /* one space apart, in the same sentence */
            if (w->start != prev->end + 1 || sd->text[prev->end] != ' ' || !capitalised(sd, w)) break;
            last = j;
            const char *ws = sd->text + w->start;
            size_t wl = w->end - w->start;
            cs_fold(&sc->tmp, ws, wl);
            bool place = false;
            for (size_t q = 0; place_qualifiers[q] && !place; q++) place = strcmp(sc->tmp.data, place_qualifiers[q]) == 0;
            if (place) break;
            if (!common_word(sc, ld->dict, ws, wl)) continue;
            size_t ts, te;
            cs_fold(&sc->tmp, ws, wl);
            if (cs_has_word(hay.data, sc->tmp.data, sc->tmp.len) ||
                rendering_of(sc, d, bp, sc->tmp.data, sc->tmp.len, RENDER_ANY_CASE, &ts, &te))
                continue;
            size_t fs, fe;
            buf_clear(&sc->tmp);
            cs_fold(&sc->tmp, sd->text + g->start, g->end - g->start);
            if (!name_in_target(sc, d, bp, sc->tmp.data, j - k, &fs, &fe)) cs_place(d, b, w->start, &fs, &fe);
            finding_add(cx->out, sc->rule[R_SURNAME], fs, fe, NULL,
                        "the source names %.*s; the translation has no '%.*s', a surname that is also a word: "
                        "was it translated?",
                        (int)(w->end - g->start), sd->text + g->start, (int)wl, ws);
        }
        k = last;
    }
    buf_free(&hay);
}

/* ---- Source.Consistency ---- */

/* One source name rendered two ways in the article (Papadimos as
 * "Papademos" here and "Papadimos" there): each rarer rendering is
 * reported, naming the usual one. */
static void check_renderings(source_check *sc, check_ctx *cx) {
    const doc *d = cx->d;
    for (size_t i = 0; i < sc->renders.n; i++) {
        const render *a = &sc->renders.v[i];
        /* how often this rendering, and the most frequent other one */
        size_t mine = 0, best = 0, best_count = 0;
        for (size_t j = 0; j < sc->renders.n; j++) {
            const render *b = &sc->renders.v[j];
            if (strcmp(a->name, b->name) != 0) continue;
            bool same = b->end - b->start == a->end - a->start &&
                        memcmp(d->text + b->start, d->text + a->start, a->end - a->start) == 0;
            if (same) {
                mine++;
                continue;
            }
            size_t c = 0;
            for (size_t k = 0; k < sc->renders.n; k++) {
                const render *x = &sc->renders.v[k];
                c += strcmp(x->name, b->name) == 0 && x->end - x->start == b->end - b->start &&
                     memcmp(d->text + x->start, d->text + b->start, b->end - b->start) == 0;
            }
            if (c > best_count) best_count = c, best = j;
        }
        /* the rarer one; of two as frequent, the later */
        if (!best_count || mine > best_count || (mine == best_count && a->start < sc->renders.v[best].start)) continue;
        const render *o = &sc->renders.v[best];
        finding_add(cx->out, sc->rule[R_CONSISTENCY], a->start, a->end, NULL,
                    "the source's '%s' is '%.*s' here and '%.*s' elsewhere (%zu time%s)", a->name,
                    (int)(a->end - a->start), d->text + a->start, (int)(o->end - o->start), d->text + o->start,
                    best_count, best_count == 1 ? "" : "s");
    }
}

/* ---- Source.Punctuation ---- */

static void check_punct(source_check *sc, check_ctx *cx) {
    const doc *d = cx->d, *sd = d->source;
    for (size_t i = 0; i < d->block_pairs.n; i++) {
        const doc_pair *p = &d->block_pairs.v[i];
        if (!p->nsrc || !p->ntgt || p->tgt_end == p->tgt_start) continue;
        const char *tt = d->text + p->tgt_start;
        size_t tn = p->tgt_end - p->tgt_start;
        srcpunct a, b;
        srcpunct_scan(sd->text + p->src_start, p->src_end - p->src_start, &a);
        srcpunct_scan(tt, tn, &b);
        /* quotations are Source.Quote's, which leaves short ones alone;
         * lost parentheses and final colons are left out: translators
         * rightly turn a parenthesis into commas and end a line that
         * introduces a list otherwise (on the MQM development set nearly
         * every such finding was on a correct translation) */
        unsigned issues = srcpunct_compare(&a, &b) & (SRCPUNCT_QUESTION_LOST | SRCPUNCT_EXCLAMATION_LOST |
                                                      SRCPUNCT_PERIOD_ADDED);
        /* at the target's last mark, or its last character */
        size_t at = b.end_at < tn ? b.end_at : tn - 1;
        while (at > 0 && ((unsigned char)tt[at] & 0xC0) == 0x80) at--;
        size_t e = at + 1;
        while (e < tn && ((unsigned char)tt[e] & 0xC0) == 0x80) e++;
        for (unsigned bit = 1; issues; bit <<= 1) {
            if (!(issues & bit)) continue;
            issues &= ~bit;
            const char *msg = srcpunct_message(bit);
            if (msg) finding_add(cx->out, sc->rule[R_PUNCT], p->tgt_start + at, p->tgt_start + e, NULL, "%s", msg);
        }
    }
}

/* ---- the pass ---- */

static void source_run(void *state, check_ctx *cx) {
    source_check *sc = state;
    const doc *d = cx->d;
    if (!d->source) return;
    lang_data *ld = data_for(sc, d->source_lang ? d->source_lang : "", cx->reg);
    for (size_t b = 0; b < d->block_pairs.n; b++) {
        const doc_pair *bp = &d->block_pairs.v[b];
        if (!bp->nsrc || !bp->ntgt) continue;
        cs_check_numbers(sc, cx, b);
        check_quotes(sc, cx, b);
        check_terms(sc, cx, sc->user, b, &sc->hits);
        check_terms(sc, cx, ld->terms, b, &sc->term_hits);
        check_names(sc, cx, ld, b, &sc->term_hits);
        check_surnames(sc, cx, ld, b);
    }
    check_pairs_lengths(sc, cx);
    check_copies(sc, cx);
    check_punct(sc, cx);
    if (cx->renderings && reg_enabled(cx->reg, sc->rule[R_CONSISTENCY])) { /* --consistency run: the run decides */
        for (size_t i = 0; i < sc->renders.n; i++) {
            const render *r = &sc->renders.v[i];
            check_rendering cr = {.rule = sc->rule[R_CONSISTENCY], .start = r->start, .end = r->end,
                                  .key = xstrdup(r->name)};
            VEC_PUSH(*cx->renderings, cr);
        }
    } else if (!cx->renderings) {
        check_renderings(sc, cx);
    }
    clear_renders(sc);
}

static void srccheck_close(void *state) {
    source_check *sc = state;
    for (size_t i = 0; i < sc->langs.n; i++) {
        if (!sc->langs.v[i].borrowed) {
            glossary_close(sc->langs.v[i].terms);
            glossary_close(sc->langs.v[i].exonyms);
        }
        spell_close(sc->langs.v[i].dict);
    }
    VEC_FREE(sc->langs);
    if (!sc->forked) glossary_close(sc->user);
    VEC_FREE(sc->sn);
    VEC_FREE(sc->tn);
    VEC_FREE(sc->xn);
    VEC_FREE(sc->hits);
    VEC_FREE(sc->term_hits);
    free(sc->match);
    free(sc->joined);
    free(sc->as_src);
    free(sc->as_src_ok);
    free(sc->near);
    buf_free(&sc->tmp);
    buf_free(&sc->tmp2);
    clear_renders(sc);
    VEC_FREE(sc->renders);
    buf_free(&sc->hay);
    if (!sc->forked) {
        free(sc->examples);
        free(sc->dict_dir);
        free(sc->compiled_dir);
        for (size_t i = 0; i < sc->ratios.n; i++) free((char *)sc->ratios.v[i].lang);
        VEC_FREE(sc->ratios);
    }
    free(sc);
}

/* Another thread's: the parent's settings, glossary and examples, and its
 * per-language data, the language of --source loaded first (their
 * dictionaries forked: spell_fork); a language first seen by the fork is
 * loaded for it. The scratch is its own. */
static void *srccheck_fork(void *state) {
    source_check *base = state;
    /* ICU sets up its normalizer on first use without a lock it can be
     * seen to take: done here, before the threads fold any text */
    UErrorCode err = U_ZERO_ERROR;
    unorm2_getNFDInstance(&err);
    if (*base->lang) data_for(base, base->lang, base->reg);
    source_check *sc = xcalloc(1, sizeof *sc);
    memcpy(sc->rule, base->rule, sizeof sc->rule);
    sc->dict_dir = base->dict_dir;
    sc->compiled_dir = base->compiled_dir;
    sc->reg = base->reg;
    memcpy(sc->lang, base->lang, sizeof sc->lang);
    sc->user = base->user;
    sc->no_spell = base->no_spell;
    sc->examples = base->examples;
    sc->nexamples = base->nexamples;
    sc->ratios = base->ratios; /* read only */
    sc->forked = true;
    for (size_t i = 0; i < base->langs.n; i++) {
        lang_data ld = base->langs.v[i];
        ld.dict = ld.dict ? spell_fork(ld.dict) : NULL;
        ld.borrowed = true;
        VEC_PUSH(sc->langs, ld);
    }
    return sc;
}

/* Each rule's examples: source => target, and whether the target must be
 * flagged. Spanish unless said. */
static const struct {
    int rule;
    bool flag;
    const char *lang, *source, *target;
} example_table[] = {
    {R_NUMBER, true, "es", "El proyecto costará 1.500 millones de euros.", "The project will cost 150 million euros."},
    /* a half of the scale word */
    {R_NUMBER, false, "es", "Llegaron un millón y medio de turistas.", "One and a half million tourists arrived."},
    {R_NUMBER, false, "es", "Llegaron un millón y medio de turistas.", "1.5 million tourists arrived."},
    {R_NUMBER, true, "es", "Llegaron un millón y medio de turistas.", "A million tourists arrived."},
    {R_NUMBER, false, "es", "El proyecto costará 1.500 millones de euros.", "The project will cost 1.5 billion euros."},
    {R_NUMBER, true, "zh", "该项目耗资3.5万元。", "The project cost 3,500 yuan."},
    {R_NUMBER, false, "zh", "该项目耗资3.5万元。", "The project cost 35,000 yuan."},
    /* a scale word apart from its number */
    {R_NUMBER, false, "es", "Se espera que en 2015 sean 175 los millones de familias con cuenta.",
     "It is hoped that by 2015 175 million families will have an account."},
    {R_NUMBER, true, "es", "Se espera que en 2015 sean 175 los millones de familias con cuenta.",
     "It is hoped that by 2015 175 billion families will have an account."},
    /* a number that is part of a name, rendered by what it names */
    {R_NUMBER, false, "es", "Declaró ante el Ministerio Público 3 y pasó la noche en la Casa de Arraigo 1.",
     "He testified before the state prosecutor and spent the night in the holding center."},
    {R_NUMBER, true, "es", "El Valencia ganó al Betis 3 a 1 en casa.", "Valencia beat Betis at home."},
    {R_NUMBER, true, "es", "Pasó la noche en la Casa de Arraigo 1.", "He spent the night in Holding Center 7."},
    /* a number carried as the source writes it: its format is the Locale rules' */
    {R_NUMBER, false, "es", "A las 15.30 horas la policía llegó al número 35 de la calle.",
     "At 15.30 o'clock the police arrived at number 35 of the street."},
    {R_NUMBER, true, "es", "A las 15.30 horas la policía llegó al número 35 de la calle.",
     "At 5.30 o'clock the police arrived at number 35 of the street."},
    {R_NUMBER, true, "zh", "入境旅客从33.06万人次增长到630万人次。", "Visitors rose from 33.06 million to 6.3 million."},
    {R_NUMBER, true, "es", "Rescatar a Italia, con una deuda de 1.8 billones de euros.",
     "Rescuing Italy, with a debt of 1.8 billion euros."},
    {R_NAME, true, "es", "La reunión con Ollanta Humala terminó sin acuerdo.", "The meeting with the president ended without agreement."},
    {R_NAME, false, "es", "La reunión con Ollanta Humala terminó sin acuerdo.", "The meeting with Ollanta Humala ended without agreement."},
    /* hyphens lost: a name all the same */
    {R_NAME, false, "es", "La policía acudió a la calle de Mont-ral.", "The police went to Montral Street."},
    /* the first word of a line is a sentence's, whatever ICU joined */
    {R_NAME, false, "es", "Cumbre en Lima\nAmediados de mes llegan los ministros.",
     "Summit in Lima\nIn mid-month the ministers arrive."},
    {R_QUOTE, true, "es", "El ministro dijo: «No vamos a subir los impuestos este año».",
     "The minister said that they would not raise taxes this year."},
    {R_QUOTE, false, "es", "El ministro dijo: «No vamos a subir los impuestos este año».",
     "The minister said: \"We are not going to raise taxes this year.\""},
    {R_OMISSION, true, "es",
     "El Gobierno aprobó ayer el presupuesto para el año próximo tras un largo debate en el Congreso.\n\n"
     "La oposición votó en contra y anunció que recurrirá la ley ante el Tribunal Constitucional.\n\n"
     "El texto entrará en vigor el primero de enero.",
     "The government approved next year's budget yesterday after a long debate in Congress.\n\n"
     "The text will come into force on January first."},
    {R_OMISSION, false, "es", "El texto entrará en vigor el primero de enero.", "The text will come into force on January first."},
    {R_ADDITION, true, "es", "El texto entrará en vigor el primero de enero.\n\nLa ley fue aprobada ayer.",
     "The text will come into force on January first.\n\n"
     "Critics say the reform was rushed through without consulting the regions or the unions.\n\n"
     "The law was passed yesterday."},
    {R_ADDITION, false, "es", "La ley fue aprobada ayer.", "The law was passed yesterday."},
    {R_UNTRANSLATED, true, "es", "Los sindicatos convocaron una huelga general para el jueves.",
     "Los sindicatos convocaron una huelga general para el jueves."},
    {R_UNTRANSLATED, false, "es", "Los sindicatos convocaron una huelga general para el jueves.",
     "The unions called a general strike for Thursday."},
    {R_GLOSSARY, true, "es", "Los países de la Alianza del Pacífico firmaron el acuerdo.",
     "The countries of the Alliance of the Pacific signed the agreement."},
    {R_GLOSSARY, false, "es", "Los países de la Alianza del Pacífico firmaron el acuerdo.",
     "The countries of the Pacific Alliance signed the agreement."},
    {R_CONSISTENCY, true, "es",
     "Ayer habló el primer ministro, Lukas Papadimos.\n\nAyer dijo Papadimos que seguirá.\n\nNo respondió Papadimos.",
     "Prime Minister Lukas Papadimos spoke yesterday.\n\nYesterday Papademos said he would go on.\n\n"
     "Papadimos did not answer."},
    {R_CONSISTENCY, false, "es",
     "Ayer habló el primer ministro, Lukas Papadimos.\n\nAyer dijo Papadimos que seguirá.",
     "Prime Minister Lukas Papademos spoke yesterday.\n\nYesterday Papademos said he would go on."},
    {R_SURNAME, true, "es", "El gol lo marcó Fernando Torres en el minuto 80.",
     "The goal was scored by Fernando Towers in the 80th minute."},
    {R_SURNAME, false, "es", "El gol lo marcó Fernando Torres en el minuto 80.",
     "The goal was scored by Fernando Torres in the 80th minute."},
    {R_SURNAME, true, "es", "Declaró la ministra Olga Sánchez Cordero ante el Senado.",
     "Minister Olga Sánchez Lamb testified before the Senate."},
    {R_SURNAME, false, "es", "Los vecinos de México Oriente protestaron ayer.",
     "Residents of East Mexico protested yesterday."},
    /* a place's name is translated, a person's given name is not */
    {R_SURNAME, false, "fr", "Le prince est rentré en Arabie Saoudite hier soir.",
     "The prince returned to Saudi Arabia last night."},
    {R_SURNAME, false, "es", "El gol lo marcó Fernando Torres en el minuto 80.",
     "the goal was scored by fernando torres in the 80th minute."},
    {R_SURNAME, false, "es", "Rafael Nadal Gana Otra Vez En París", "Rafael Nadal Wins Again In Paris"},
    {R_SURNAME, false, "de", "Gestern kochte Thomas Müller Essen für alle.",
     "Yesterday Thomas Müller cooked food for everyone."},
    {R_SURNAME, false, "fr", "Le conflit entre le Berlusconi Premier ministre et le magnat de la presse.",
     "The conflict between Berlusconi the Prime Minister and the press tycoon."},
    {R_PUNCT, true, "es", "¿Quién pagará la factura de la crisis?", "Who will pay the bill for the crisis."},
    {R_PUNCT, false, "es", "¿Quién pagará la factura de la crisis?", "Who will pay the bill for the crisis?"},
};
#define NEXAMPLES (sizeof example_table / sizeof example_table[0])

bool check_source_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    source_check *sc = xcalloc(1, sizeof *sc);
    for (int i = 0; i < NRULES; i++) {
        long r = check_register(reg, rules[i].id, rules[i].level, rules[i].cat, rules[i].description, diags);
        if (r < 0) {
            srccheck_close(sc);
            return false;
        }
        sc->rule[i] = (size_t)r;
    }
    const char *dir = check_dict_dir(cfg);
    sc->dict_dir = dir ? xstrdup(dir) : NULL;
    sc->compiled_dir = dir ? spell_compiled_dir(dir) : NULL;
    sc->reg = reg;
    /* "es_MX" and "es-MX" are Spanish, as the engine reads them */
    snprintf(sc->lang, sizeof sc->lang, "%s", cfg->source_lang ? cfg->source_lang : "");
    sc->lang[strcspn(sc->lang, "_-")] = '\0';
    sc->no_spell = cfg->no_spell;
    for (size_t i = 0; i < cfg->nlength_ratios; i++) {
        mtl_length_ratio r = cfg->length_ratios[i];
        r.lang = xstrdup(r.lang);
        r.where = NULL;
        VEC_PUSH(sc->ratios, r);
    }
    bool ok = true;
    for (size_t i = 0; cfg->glossaries && cfg->glossaries[i]; i++) {
        char err[512];
        if (!sc->user) sc->user = glossary_open();
        if (glossary_load(sc->user, cfg->glossaries[i], err, sizeof err) != 0) {
            mtl_diags_add(diags, "glossary: %s", err);
            ok = false;
        }
    }
    sc->examples = xcalloc(NEXAMPLES, sizeof *sc->examples);
    for (size_t i = 0; i < NEXAMPLES; i++)
        sc->examples[i] = (check_example){.rule = sc->rule[example_table[i].rule], .flag = example_table[i].flag,
                                          .text = example_table[i].target, .path = "src/check_source.c",
                                          .line = i + 1, .source = example_table[i].source,
                                          .source_lang = example_table[i].lang};
    sc->nexamples = NEXAMPLES;
    if (!ok) {
        srccheck_close(sc);
        return false;
    }
    *p = (pass){.name = "source", .state = sc, .run = source_run, .close = srccheck_close,
                .examples = sc->examples, .nexamples = sc->nexamples, .fork = srccheck_fork};
    return true;
}

/* ---- MT.Untranslated in source-aware mode ---- */

typedef struct filter_ctx {
    const doc *d;
    long rule;
    buf hay, w;
} filter_ctx;

/* Whether s[0..n) has a letter of a script other than Latin. */
static bool other_script(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        UChar32 c = u8_decode(s, n, &i);
        if (c < 0x250 || !u_isalpha(c)) continue;
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &st);
        if (U_SUCCESS(st) && sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) return true;
    }
    return false;
}

/* Keeps an MT.Untranslated finding when each of its words occurs in the
 * source. Text in another script (Han, Cyrillic) is kept whatever the
 * source says: in an English article it is wrong even when the MT made
 * it up rather than copied it. */
static bool in_source(const finding *f, void *ctx) {
    filter_ctx *fc = ctx;
    if ((long)f->rule != fc->rule) return true;
    const char *s = fc->d->text + f->start;
    size_t n = f->end - f->start;
    if (other_script(s, n)) return true;
    for (size_t i = 0; i < n;) {
        while (i < n && !(ascii_isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) i++;
        size_t st = i;
        while (i < n && (ascii_isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) i++;
        if (i == st) break;
        cs_fold(&fc->w, s + st, i - st);
        if (!cs_has_word(fc->hay.data, fc->w.data, fc->w.len)) return false;
    }
    return true;
}

void check_source_filter(findings *fl, const doc *d, const registry *reg) {
    if (!d->source) return;
    filter_ctx fc = {.d = d, .rule = reg_find(reg, "MT.Untranslated")};
    if (fc.rule < 0) return;
    bool any = false;
    for (size_t i = 0; i < fl->n && !any; i++) any = (long)fl->v[i].rule == fc.rule;
    if (!any) return;
    cs_fold(&fc.hay, d->source->text, d->source->len);
    finding_filter(fl, in_source, &fc);
    buf_free(&fc.hay);
    buf_free(&fc.w);
}

bool check_source_reads_words(const char *lang) { return cased(lang); }

const char *check_source_skipped(const char *lang, const mtl_config *cfg) {
    static _Thread_local char note[256];
    if (!lang || !*lang) {
        snprintf(note, sizeof note,
                 "source language unknown: Source.Name and the shipped glossary skipped; the other Source "
                 "checks run");
        return note;
    }
    const lang_info *li = lang_find(lang);
    bool names = cased(lang) && li && li->dictionary && !cfg->no_spell;
    char path[4096];
    const char *dir = cfg->dict_dir;
    snprintf(path, sizeof path, "%s/glossary/%s-en.tsv", dir ? dir : ".", lang);
    FILE *f = dir ? fopen(path, "r") : NULL;
    bool terms = f != NULL;
    if (f) fclose(f);
    if (names && terms) return NULL;
    snprintf(note, sizeof note, "source language %s: skipped %s%s%s; the other Source checks run", lang,
             names ? "" : "Source.Name (no capitalised names or no dictionary)", !names && !terms ? " and " : "",
             terms ? "" : "the shipped glossary (none for this language)");
    return note;
}
