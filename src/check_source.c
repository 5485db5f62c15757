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
#include <unicode/uscript.h>

#include "align.h"
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

static unsigned next_cp(const char *s, size_t n, size_t *i) {
    unsigned char c = (unsigned char)s[*i];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
    for (size_t j = 1; j < k && *i + j < n; j++) cp = cp << 6 | ((unsigned char)s[*i + j] & 0x3F);
    *i += k;
    return cp;
}

/* s[0..n) folded into out: ASCII lower case, accents dropped; other
 * characters kept as they are. */
void cs_fold(buf *out, const char *s, size_t n) {
    buf_clear(out);
    buf_reserve(out, n + 1);
    out->data[0] = '\0';
    for (size_t i = 0; i < n;) {
        size_t at = i;
        int f = fold_cp(next_cp(s, n, &i));
        if (f > 0) buf_putc(out, (char)f);
        else buf_append(out, s + at, i - at);
    }
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

static size_t cp_count(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
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
        bool reads_names = reg_enabled(reg, sc->rule[R_NAME]) || reg_enabled(reg, sc->rule[R_CONSISTENCY]);
        if (reads_names && !sc->no_spell && cased(lang) && li && li->dictionary) {
            const char *names[] = {lang, NULL};
            spell_options o = {.names = names};
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
        unsigned char c = (unsigned char)s[i];
        if (c != '"' && c != 0xC2 && c != 0xE2 && c != 0xE3) continue; /* no mark starts here */
        for (size_t k = 0; k < sizeof quote_marks / sizeof quote_marks[0]; k++) {
            size_t ol = strlen(quote_marks[k].open);
            if (i + ol > n || memcmp(s + i, quote_marks[k].open, ol) != 0) continue;
            size_t cl = strlen(quote_marks[k].close);
            for (size_t j = i + ol; j + cl <= n; j++) {
                if (memcmp(s + j, quote_marks[k].close, cl) != 0) continue;
                if (cp_count(s + i + ol, j - i - ol) >= min) {
                    *qs = i;
                    *qe = j + cl;
                    return true;
                }
                break;
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

static void check_pairs_lengths(source_check *sc, check_ctx *cx) {
    const doc *d = cx->d, *sd = d->source;
    align_params ap = align_defaults(d->source_lang, "en");
    /* paragraphs (or lines) with nothing on one side */
    for (size_t b = 0; b < d->block_pairs.n; b++) {
        const doc_pair *p = &d->block_pairs.v[b];
        size_t fs, fe;
        if (p->nsrc && !p->ntgt) {
            if (cp_count(sd->text + p->src_start, p->src_end - p->src_start) == 0) continue;
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
        size_t sl = cp_count(sd->text + p->src_start, p->src_end - p->src_start);
        size_t tl = cp_count(d->text + p->tgt_start, p->tgt_end - p->tgt_start);
        size_t fs, fe;
        /* a sentence with nothing on the other side is lost (or added)
         * only if its paragraph is shorter (longer) than its source leads
         * one to expect; else the translator split or merged sentences */
        const doc_pair *bp = &d->block_pairs.v[p->block];
        double bz = align_length_z(&ap, cp_count(sd->text + bp->src_start, bp->src_end - bp->src_start),
                                   cp_count(d->text + bp->tgt_start, bp->tgt_end - bp->tgt_start));
        if (p->nsrc && !p->ntgt && sl >= Z_MIN_CHARS && bz > Z_BLOCK) {
            target_span(d, p->tgt_start, p->tgt_end, &fs, &fe);
            first_words(&sc->tmp, sd->text + p->src_start, p->src_end - p->src_start);
            finding_add(cx->out, sc->rule[R_OMISSION], fs, fe, NULL,
                        "a source sentence has no translation here: %s", sc->tmp.data);
        } else if (p->ntgt && !p->nsrc && tl >= Z_MIN_CHARS && bz < -Z_BLOCK && src_sentences(d, p->block) > 1) {
            first_words(&sc->tmp, d->text + p->tgt_start, p->tgt_end - p->tgt_start);
            finding_add(cx->out, sc->rule[R_ADDITION], p->tgt_start, p->tgt_end, NULL,
                        "this sentence has no source: %s", sc->tmp.data);
        } else if (p->nsrc && p->ntgt && sl >= Z_MIN_CHARS) {
            double z = align_length_z(&ap, sl, tl);
            if (z > Z_OMISSION)
                finding_add(cx->out, sc->rule[R_OMISSION], p->tgt_start, p->tgt_end, NULL,
                            "the translation is much shorter than its source (%zu characters for %zu): "
                            "something may be left out",
                            tl, sl);
            else if (z < Z_ADDITION)
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
    glossary_find(g, st, bp->src_end - bp->src_start, hits);
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

/* The target word of block pair b that renders the folded name: the
 * name itself, or a spelling of it (same first letter, a few letters
 * different: Papadimos / Papademos). False when there is none. */
static bool rendering_of(source_check *sc, const doc *d, const doc_pair *bp, const char *name, size_t n,
                         size_t *rs, size_t *re) {
    size_t allowed = n >= 6 ? n / 3 : 1, first, nw;
    words_in(d, bp->tgt_start, bp->tgt_end, &first, &nw);
    for (size_t k = first; k < first + nw; k++) {
        const doc_word *w = &d->words.v[k];
        if (w->status < WORD_LETTER) continue;
        /* a name is written with a capital ("will" is not "Wall"), and
         * without the possessive ending */
        size_t i = w->start;
        if (!u_isupper((UChar32)next_cp(d->text, w->end, &i))) continue;
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
        /* after an opening quote or a colon a capital starts a sentence too */
        size_t before = w->start;
        while (before > sn->start && (sd->text[before - 1] == ' ')) before--;
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
            if (ld->exonyms) glossary_find(ld->exonyms, sd->text + bp->src_start, bp->src_end - bp->src_start, &ex);
            ready = true;
        }
        cs_fold(&sc->tmp, ws, wl);
        size_t ts, te;
        if (rendering_of(sc, d, bp, sc->tmp.data, sc->tmp.len, &ts, &te)) {
            render r = {.name = xstrdup(sc->tmp.data), .start = ts, .end = te};
            VEC_PUSH(sc->renders, r);
            continue;
        }
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
    }
    check_pairs_lengths(sc, cx);
    check_copies(sc, cx);
    check_punct(sc, cx);
    check_renderings(sc, cx);
    clear_renders(sc);
}

static void srccheck_close(void *state) {
    source_check *sc = state;
    for (size_t i = 0; i < sc->langs.n; i++) {
        glossary_close(sc->langs.v[i].terms);
        glossary_close(sc->langs.v[i].exonyms);
        spell_close(sc->langs.v[i].dict);
    }
    VEC_FREE(sc->langs);
    glossary_close(sc->user);
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
    free(sc->examples);
    free(sc->dict_dir);
    free(sc);
}

/* Each rule's examples: source => target, and whether the target must be
 * flagged. Spanish unless said. */
static const struct {
    int rule;
    bool flag;
    const char *lang, *source, *target;
} example_table[] = {
    {R_NUMBER, true, "es", "El proyecto costará 1.500 millones de euros.", "The project will cost 150 million euros."},
    {R_NUMBER, false, "es", "El proyecto costará 1.500 millones de euros.", "The project will cost 1.5 billion euros."},
    {R_NUMBER, true, "zh", "该项目耗资3.5万元。", "The project cost 3,500 yuan."},
    {R_NUMBER, false, "zh", "该项目耗资3.5万元。", "The project cost 35,000 yuan."},
    {R_NAME, true, "es", "La reunión con Ollanta Humala terminó sin acuerdo.", "The meeting with the president ended without agreement."},
    {R_NAME, false, "es", "La reunión con Ollanta Humala terminó sin acuerdo.", "The meeting with Ollanta Humala ended without agreement."},
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
    {R_PUNCT, true, "es", "¿Quién pagará la factura de la crisis?", "Who will pay the bill for the crisis."},
    {R_PUNCT, false, "es", "¿Quién pagará la factura de la crisis?", "Who will pay the bill for the crisis?"},
};
#define NEXAMPLES (sizeof example_table / sizeof example_table[0])

static size_t source_examples(void *state, const check_example **out) {
    source_check *sc = state;
    *out = sc->examples;
    return sc->nexamples;
}

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
    sc->no_spell = cfg->no_spell;
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
                .examples = source_examples};
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
        UChar32 c = (UChar32)next_cp(s, n, &i);
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
