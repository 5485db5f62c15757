/* check_source_numbers.c - Source.Number: every number of a source block
 * must be in its target block, read with each language's separators and
 * scale words (srcnum.c); a number in digits in the target must come from
 * the source. A number written the source's way ("9.200 feet"), split as
 * the source splits it ("9 thousand 200"), or said in words in the source
 * ("cien" for 100) is carried, not changed. */
#include <string.h>
#include <strings.h>

#include "check_source_impl.h"

/* ---- Source.Number ---- */

/* Whether the target writes the number with the source language's
 * separators ("9.200 feet" for 9 mil 200): the value is there, and the
 * format is Locale.*'s business, not a number changed. */
static bool written_as_source(const source_check *sc, const srcnum *sn) {
    for (size_t j = 0; j < sc->tn.n; j++)
        if (sc->as_src_ok[j] && srcnum_same(sn, &sc->as_src[j])) return true;
    return false;
}

/* Languages that write numbers as English does (1,500.5): reading a
 * target number their way gives nothing new. */
static bool english_separators(const char *lang) {
    static const char *const same[] = {"en", "zh", "ja", "ko", "th", "he", "hi", NULL};
    for (size_t i = 0; same[i]; i++)
        if (strcmp(lang, same[i]) == 0) return true;
    return false;
}

/* Each target number read the way the source language writes numbers
 * (digits only), once per block: as_src[j], when as_src_ok[j]. */
static void read_as_source(source_check *sc, const char *lang, const char *tt) {
    size_t n = sc->tn.n + 1;
    sc->as_src = xrealloc(sc->as_src, n * sizeof *sc->as_src);
    sc->as_src_ok = xrealloc(sc->as_src_ok, n * sizeof *sc->as_src_ok);
    memset(sc->as_src_ok, 0, n * sizeof *sc->as_src_ok);
    if (!lang || !*lang || english_separators(lang)) return;
    for (size_t j = 0; j < sc->tn.n; j++) {
        const srcnum *t = &sc->tn.v[j];
        /* digits without a separator read the same in every language */
        if (t->words || (!memchr(tt + t->start, '.', t->end - t->start) && !memchr(tt + t->start, ',', t->end - t->start)))
            continue;
        sc->xn.n = 0;
        srcnum_find(lang, tt + t->start, t->end - t->start, &sc->xn);
        if (!sc->xn.n) continue;
        /* the digits in the source's way, times the English scale word
         * read with them: "2.600 million" is 2,600 million */
        srcnum x = sc->xn.v[0];
        if (x.scale <= 1 && t->scale > 1) {
            x.value *= t->scale;
            x.unit *= t->scale;
            x.scale = t->scale;
        }
        sc->as_src[j] = x;
        sc->as_src_ok[j] = true;
    }
}

/* Whether source numbers i and i + 1, with only spaces between them, are
 * one number together (Mexican "5 millones 143 mil 312") that the
 * target carries. */
static bool joined_with_next(const source_check *sc, const char *st, size_t i) {
    if (i + 1 >= sc->sn.n) return false;
    const srcnum *a = &sc->sn.v[i], *b = &sc->sn.v[i + 1];
    for (size_t k = a->end; k < b->start; k++)
        if (st[k] != ' ') return false;
    srcnum sum = *b;
    sum.value = a->value + b->value;
    sum.start = a->start;
    for (size_t j = 0; j < sc->tn.n; j++)
        if (srcnum_same(&sum, &sc->tn.v[j])) return true;
    return written_as_source(sc, &sum);
}

/* Small numbers as the source languages write them in words, which
 * srcnum reads only before a scale word ("dos millones"): a target "100"
 * may translate "cien". Folded (no accents); index = value. */
static const struct {
    const char *lang;
    const char *const words[13];
} number_words[] = {
    {"es", {"cero", "uno|una|un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"}},
    {"pt", {"zero", "um|uma", "dois|duas", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze"}},
    {"fr", {"zero", "un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"}},
    {"it", {"zero", "uno|una|un", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici"}},
    {"de", {"null", "eins|ein|eine", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwolf"}},
};
static const struct {
    const char *lang;
    double value;
    const char *words;
} round_words[] = {
    {"es", 20, "veinte"}, {"es", 30, "treinta"}, {"es", 40, "cuarenta"}, {"es", 50, "cincuenta"},
    {"es", 100, "cien|ciento|centenar"}, {"es", 1000, "mil"}, {"pt", 100, "cem|cento"}, {"pt", 1000, "mil"},
    {"fr", 100, "cent"}, {"fr", 1000, "mille"}, {"it", 100, "cento"}, {"it", 1000, "mille"},
    {"de", 100, "hundert"}, {"de", 1000, "tausend"},
};

/* Whether one of the '|'-separated folded words occurs in folded hay. */
static bool has_any_word(const char *hay, const char *alts) {
    for (const char *p = alts; *p;) {
        size_t n = strcspn(p, "|");
        char w[32];
        if (n < sizeof w) {
            memcpy(w, p, n);
            w[n] = '\0';
            if (cs_has_word(hay, w, n)) return true;
        }
        p += n + (p[n] == '|');
    }
    return false;
}

/* Whether the folded source block says value v in words. */
static bool source_says_in_words(const char *lang, const char *hay, double v) {
    for (size_t i = 0; i < sizeof number_words / sizeof number_words[0]; i++)
        if (strcmp(number_words[i].lang, lang) == 0 && v >= 0 && v <= 12 && v == (double)(int)v)
            return has_any_word(hay, number_words[i].words[(int)v]);
    for (size_t i = 0; i < sizeof round_words / sizeof round_words[0]; i++)
        if (strcmp(round_words[i].lang, lang) == 0 && round_words[i].value == v) return has_any_word(hay, round_words[i].words);
    return false;
}

/* Whether the digits of a target number (its separators left out) are a
 * run of digits in the source outside every number srcnum read: numbers
 * it leaves out on purpose (datelines, codes) are then not "added"; a
 * piece of a number it read ("835" of "582 mil 835") still is. */
static bool digits_in_source(const srcnum_list *nums, const char *st, size_t sn, const char *num, size_t n) {
    char dg[32];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof dg; i++)
        if (ascii_isdigit((unsigned char)num[i])) dg[k++] = num[i];
        else if (ascii_isalpha((unsigned char)num[i])) break; /* "11th" */
    if (!k) return false;
    for (size_t i = 0; i + k <= sn; i++)
        if (memcmp(st + i, dg, k) == 0 && (i == 0 || !ascii_isdigit((unsigned char)st[i - 1])) &&
            (i + k == sn || !ascii_isdigit((unsigned char)st[i + k]))) {
            bool inside = false;
            for (size_t j = 0; j < nums->n && !inside; j++) inside = i >= nums->v[j].start && i < nums->v[j].end;
            if (!inside) return true;
        }
    return false;
}

/* A number that numbers a list item ("1. ...", "4、", "2)") at the start
 * of the segment: lists are often renumbered or unnumbered. */
static bool list_marker(const char *st, const srcnum *sn) {
    for (size_t i = 0; i < sn->start; i++)
        if (!ascii_isspace((unsigned char)st[i])) return false;
    const char *after = st + sn->end;
    return *after == '.' || *after == ')' || strncmp(after, "、", 3) == 0 || strncmp(after, "．", 3) == 0;
}

/* Scale words that may stand apart from their number ("sean 175 los
 * millones de familias": 175 million families), folded, per language.
 * Only the unambiguous ones: the thousands word also joins numbers
 * ("9 mil 200"), and pt "bilhão" is 10^9 or 10^12 by country. */
static const struct {
    const char *lang, *words;
    double scale;
} detached_scales[] = {
    {"es", "millones|millon", 1e6}, {"es", "millardos|millardo", 1e9}, {"es", "billones|billon", 1e12},
    {"pt", "milhoes|milhao", 1e6},  {"fr", "millions|million", 1e6},    {"fr", "milliards|milliard", 1e9},
    {"it", "milioni|milione", 1e6}, {"it", "miliardi|miliardo", 1e9},   {"de", "millionen|million", 1e6},
    {"de", "milliarden|milliarde", 1e9},
};

/* Whether '|'-separated alts holds the word w[0..n). */
static bool alt_is(const char *alts, const char *w, size_t n) {
    for (const char *p = alts; *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && memcmp(p, w, n) == 0) return true;
        p += k + (p[k] == '|');
    }
    return false;
}

/* The scale of a scale word in st[0..n) that no number read by srcnum
 * holds (sc->sn); 0 when there is none. A word is a run of letters. */
static double detached_scale(source_check *sc, const char *lang, const char *st, size_t n) {
    for (size_t i = 0; i < n;) {
        while (i < n && !(ascii_isalpha((unsigned char)st[i]) || (unsigned char)st[i] >= 0x80)) i++;
        size_t ws = i;
        while (i < n && (ascii_isalpha((unsigned char)st[i]) || (unsigned char)st[i] >= 0x80)) i++;
        if (i == ws || i - ws > 24) continue;
        bool held = false;
        for (size_t k = 0; k < sc->sn.n && !held; k++) held = ws >= sc->sn.v[k].start && ws < sc->sn.v[k].end;
        if (held) continue;
        cs_fold(&sc->tmp2, st + ws, i - ws);
        for (size_t k = 0; k < sizeof detached_scales / sizeof detached_scales[0]; k++)
            if (strcmp(detached_scales[k].lang, lang) == 0 && alt_is(detached_scales[k].words, sc->tmp2.data, sc->tmp2.len))
                return detached_scales[k].scale;
    }
    return 0;
}

/* Source numbers without a scale word of their own that the target
 * carries times a scale word standing apart in the source: each is
 * matched to that target number. */
static void match_detached_scales(source_check *sc, const char *lang, const char *st, size_t n) {
    double scale = 0;
    bool looked = false;
    for (size_t i = 0; i < sc->sn.n; i++) {
        const srcnum *s = &sc->sn.v[i];
        if (sc->match[i] != SRCNUM_NONE || s->kind != SRCNUM_PLAIN || s->scale > 1) continue;
        if (!looked) scale = detached_scale(sc, lang, st, n), looked = true;
        if (scale == 0) return;
        srcnum x = *s;
        x.value *= scale;
        x.unit *= scale;
        x.scale = scale;
        for (size_t j = 0; j < sc->tn.n && sc->match[i] == SRCNUM_NONE; j++)
            if (sc->tn.v[j].scale > 1 && srcnum_same(&x, &sc->tn.v[j])) sc->match[i] = j;
    }
}

/* Whether source number sn (in block pair b) numbers a name: a small
 * whole number in digits right after a capitalised word that does not
 * open its sentence ("Ministerio Público 3", "Casa de Arraigo 1",
 * "Línea 12"). Such a number designates rather than counts, and a
 * translator who renders the name by what it is ("the state
 * prosecutor's office") has not changed a quantity. */
static bool numbers_a_name(const doc *sd, const doc_pair *bp, const srcnum *sn) {
    const char *st = sd->text + bp->src_start;
    if (sn->kind != SRCNUM_PLAIN || sn->words || sn->scale > 1 || sn->value >= 1000 || sn->value != (double)(long)sn->value)
        return false;
    for (size_t k = sn->start; k < sn->end; k++)
        if (!ascii_isdigit((unsigned char)st[k])) return false;
    if (sn->start < 2 || st[sn->start - 1] != ' ') return false;
    /* a score or a range is not a name: "Valencia 3-1", "Betis 2 a 0" */
    const char *after = st + sn->end, *end = sd->text + bp->src_end;
    while (after < end && *after == ' ') after++;
    if (after < end && (*after == '-' || *after == ':' || strncmp(after, "–", 3) == 0 ||
                        (after + 2 < end && after[0] == 'a' && after[1] == ' ' && ascii_isdigit((unsigned char)after[2]))))
        return false;
    /* the word just before it */
    size_t at = bp->src_start + sn->start - 1, lo = 0, hi = sd->words.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sd->words.v[mid].end <= at) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return false;
    size_t k = lo - 1;
    const doc_word *w = &sd->words.v[k];
    if (w->end != at || w->status < WORD_LETTER || w->start < bp->src_start) return false;
    if (sd->sentences.v[w->sentence].first_word == k) return false;
    size_t i = w->start;
    unsigned cp = (unsigned char)sd->text[i];
    if (cp >= 0x80) {
        /* a capital with an accent (Á, É, Ó): Latin-1 capitals */
        if (cp != 0xC3 || i + 1 >= w->end) return false;
        cp = 0xC0 + ((unsigned char)sd->text[i + 1] & 0x3F);
        return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
    }
    return ascii_isupper((int)cp) && w->end - w->start >= 2 && !ascii_isupper((unsigned char)sd->text[w->start + 1]);
}

/* Whether the target block has, as a token of its own, the source's run
 * of digits and separators around source number sn ("15.30" in "a las
 * 15.30 horas", which srcnum reads as a time of 15 and 30): the number
 * is carried as the source wrote it, and its format is the Locale rules'
 * business. */
static bool token_copied(const char *st, size_t sn_len, const srcnum *sn, const char *tt, size_t tn) {
    size_t b = sn->start, e = sn->end;
    while (b > 0 && (ascii_isdigit((unsigned char)st[b - 1]) || strchr(".,:", st[b - 1]))) b--;
    while (e < sn_len && (ascii_isdigit((unsigned char)st[e]) || strchr(".,:", st[e]))) e++;
    while (e > b && !ascii_isdigit((unsigned char)st[e - 1])) e--;
    while (b < e && !ascii_isdigit((unsigned char)st[b])) b++;
    size_t k = e - b;
    /* the number is all in the run ("33.06万" and "582 mil 835" are
     * more), and a separator is inside: a plain "15" is srcnum's */
    if (sn->start < b || sn->end > e || k < 3 || (!memchr(st + b, '.', k) && !memchr(st + b, ',', k) && !memchr(st + b, ':', k))) return false;
    for (const char *p = tt; (p = memmem(p, tn - (size_t)(p - tt), st + b, k)) != NULL; p++) {
        size_t i = (size_t)(p - tt);
        bool left = i == 0 || !(ascii_isdigit((unsigned char)tt[i - 1]) || strchr(".,:", tt[i - 1]));
        bool right = i + k == tn || !(ascii_isdigit((unsigned char)tt[i + k]) ||
                                      ((tt[i + k] == '.' || tt[i + k] == ',' || tt[i + k] == ':') && i + k + 1 < tn &&
                                       ascii_isdigit((unsigned char)tt[i + k + 1])));
        /* written alone: "33.06 million" for 33.06 is no copy */
        const char *after = tt + i + k;
        while (after < tt + tn && *after == ' ') after++;
        bool scaled = false;
        static const char *const scales[] = {"thousand", "million", "billion", "trillion", "mil", NULL};
        for (size_t q = 0; scales[q] && !scaled; q++)
            scaled = (size_t)(tt + tn - after) >= strlen(scales[q]) && strncasecmp(after, scales[q], strlen(scales[q])) == 0;
        if (left && right && !scaled) return true;
    }
    return false;
}

/* Target numbers written in digits that carry no source number: a
 * number made up, or one garbled beyond recognition. Numbers in words
 * are left out (the source's "dos" is not read standalone, so "two"
 * would have nothing to match). */
static void check_extra_numbers(source_check *sc, check_ctx *cx, size_t b) {
    const doc *d = cx->d;
    const doc_pair *bp = &d->block_pairs.v[b];
    const char *tt = d->text + bp->tgt_start;
    sc->src_folded = false;
    for (size_t j = 0; j < sc->tn.n; j++) {
        const srcnum *t = &sc->tn.v[j];
        if (t->words || t->kind == SRCNUM_MONTH || sc->joined[j]) continue;
        /* a character reference (&#39;) or a code with a leading zero
         * ("14: 00", "05") is not a quantity */
        if ((t->start > 0 && tt[t->start - 1] == '#') || (tt[t->start] == '0' && t->end - t->start > 1 &&
                                                          ascii_isdigit((unsigned char)tt[t->start + 1])))
            continue;
        bool carried = false;
        for (size_t i = 0; i < sc->sn.n && !carried; i++)
            carried = srcnum_same(&sc->sn.v[i], t) || srcnum_same(t, &sc->sn.v[i]);
        /* matched to a source number another way (a scale word apart) */
        for (size_t i = 0; i < sc->sn.n && !carried; i++) carried = sc->match[i] == j;
        /* the number written in place of a missing source number is
         * reported with it (a name's number, whose loss is not reported,
         * is not there to carry it) */
        for (size_t i = 0; i < sc->sn.n && !carried; i++)
            carried = sc->match[i] == SRCNUM_NONE && sc->near[i] == j && !numbers_a_name(d->source, bp, &sc->sn.v[i]);
        /* read the way the source writes numbers: "15,30" for 15.30 */
        for (size_t i = 0; i < sc->sn.n && !carried && sc->as_src_ok[j]; i++)
            carried = srcnum_same(&sc->sn.v[i], &sc->as_src[j]);
        if (carried || digits_in_source(&sc->sn, d->source->text + bp->src_start, bp->src_end - bp->src_start, tt + t->start,
                                        t->end - t->start))
            continue;
        if (!sc->src_folded) {
            cs_fold(&sc->hay, d->source->text + bp->src_start, bp->src_end - bp->src_start);
            sc->src_folded = true;
        }
        if (source_says_in_words(d->source_lang, sc->hay.data, t->value)) continue;
        finding_add(cx->out, sc->rule[R_NUMBER], bp->tgt_start + t->start, bp->tgt_start + t->end, NULL,
                    "the translation has %.*s; the source has no such number", (int)(t->end - t->start),
                    tt + t->start);
    }
}

/* Target numbers j and j + 1 with only spaces between ("9 thousand
 * 200", a literal rendering of "9 mil 200"): the index of the source
 * number their sum carries, or SRCNUM_NONE. */
static size_t target_pair_carries(const source_check *sc, const char *tt, size_t j) {
    if (j + 1 >= sc->tn.n) return SRCNUM_NONE;
    const srcnum *a = &sc->tn.v[j], *b = &sc->tn.v[j + 1];
    for (size_t k = a->end; k < b->start; k++)
        if (tt[k] != ' ') return SRCNUM_NONE;
    srcnum sum = *b;
    sum.value = a->value + b->value;
    for (size_t i = 0; i < sc->sn.n; i++)
        if (srcnum_same(&sc->sn.v[i], &sum)) return i;
    return SRCNUM_NONE;
}

/* Marks as carried the source numbers a split target pair carries, and
 * both pieces of the pair. */
static void join_target_pairs(source_check *sc, const char *tt) {
    for (size_t j = 0; j + 1 < sc->tn.n; j++) {
        size_t i = target_pair_carries(sc, tt, j);
        if (i == SRCNUM_NONE) continue;
        if (sc->match[i] == SRCNUM_NONE) sc->match[i] = j;
        sc->joined[j] = sc->joined[j + 1] = true;
    }
}

/* Whether srcnum could find a number in s[0..n): a digit, a Chinese
 * numeral, or a piece of a scale or percent word (mil, millón, billion,
 * cent, ciento, tausend...): outside English, number words count only
 * with a scale word. Most segments have none, and reading them is the
 * costliest part of the Source checks. One pass over the text. */
static bool may_have_numbers(const char *s, size_t n) {
    if (ascii_next_digit(s, 0, n) < n) return true; /* most segments that have one */
    static const char *const pieces[] = {"mil", "bil", "cent", "cien", "tausend", "prozent", "trill"};
    static const int32_t cjk[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
                                  0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x96F6, 0x3007};
    /* the pieces' first letters: most bytes start none, and skip the loop */
    uint32_t first = 0;
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) first |= 1u << (pieces[k][0] - 'a');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE0) {
            size_t j = i;
            int32_t cp = u8_decode(s, n, &j);
            if (cp >= 0xFF10 && cp <= 0xFF19) return true; /* fullwidth digits */
            for (size_t k = 0; k < sizeof cjk / sizeof cjk[0]; k++)
                if (cp == cjk[k]) return true;
            continue;
        }
        unsigned lc = (unsigned)(c | 0x20) - 'a';
        if (lc >= 26 || !(first >> lc & 1)) continue;
        /* the pieces are lower-case letters: a byte with bit 5 set is one
         * exactly when it is the letter in either case */
        for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
            const char *p = pieces[k];
            if ((unsigned)(p[0] - 'a') != lc) continue;
            size_t m = 1;
            while (p[m] && i + m < n && ((unsigned char)s[i + m] | 0x20) == (unsigned char)p[m]) m++;
            if (!p[m]) return true;
        }
    }
    return false;
}

void cs_check_numbers(source_check *sc, check_ctx *cx, size_t b) {
    const doc *d = cx->d, *sd = d->source;
    const doc_pair *bp = &d->block_pairs.v[b];
    const char *st = sd->text + bp->src_start, *tt = d->text + bp->tgt_start;
    sc->sn.n = sc->tn.n = 0;
    if (!may_have_numbers(st, bp->src_end - bp->src_start)) return;
    srcnum_find(d->source_lang, st, bp->src_end - bp->src_start, &sc->sn);
    if (!sc->sn.n) return;
    srcnum_find("en", tt, bp->tgt_end - bp->tgt_start, &sc->tn);
    if (sc->sn.n > sc->match_cap) {
        sc->match_cap = sc->sn.n * 2;
        sc->match = xrealloc(sc->match, sc->match_cap * sizeof *sc->match);
    }
    srcnum_compare(&sc->sn, &sc->tn, sc->match);
    sc->joined = xrealloc(sc->joined, (sc->tn.n + 1) * sizeof *sc->joined);
    memset(sc->joined, 0, (sc->tn.n + 1) * sizeof *sc->joined);
    join_target_pairs(sc, tt);
    match_detached_scales(sc, d->source_lang, st, bp->src_end - bp->src_start);
    read_as_source(sc, d->source_lang, tt);
    sc->near = xrealloc(sc->near, sc->match_cap * sizeof *sc->near);
    for (size_t i = 0; i < sc->sn.n; i++)
        sc->near[i] = sc->match[i] == SRCNUM_NONE ? srcnum_nearest(&sc->sn, &sc->tn, i) : SRCNUM_NONE;
    check_extra_numbers(sc, cx, b);
    for (size_t i = 0; i < sc->sn.n; i++) {
        if (sc->match[i] != SRCNUM_NONE) continue;
        const srcnum *sn = &sc->sn.v[i];
        /* a month left out is a date said another way ("on Friday"),
         * which readers do not count as lost meaning */
        if (sn->kind == SRCNUM_MONTH || list_marker(st, sn) || numbers_a_name(sd, bp, sn)) continue;
        if (written_as_source(sc, sn) || token_copied(st, bp->src_end - bp->src_start, sn, tt, bp->tgt_end - bp->tgt_start))
            continue;
        if (joined_with_next(sc, st, i) || (i > 0 && joined_with_next(sc, st, i - 1))) continue;
        size_t near = sc->near[i];
        const srcnum *said = near != SRCNUM_NONE ? &sc->tn.v[near] : NULL;
        /* name what the target says only when it is a number of the same
         * sort: not "three" (words) for 5.28%, not a plain 3 for 3% */
        if (said && ((said->words && !sn->words) || (sn->kind == SRCNUM_PERCENT) != (said->kind == SRCNUM_PERCENT)))
            said = NULL;
        size_t fs, fe;
        cs_place(d, b, bp->src_start + sn->start, &fs, &fe);
        /* the number written in its place, when it is in that sentence */
        if (said && bp->tgt_start + said->start >= fs && bp->tgt_start + said->end <= fe) {
            fs = bp->tgt_start + said->start;
            fe = bp->tgt_start + said->end;
        } else {
            said = NULL;
        }
        finding_add_msg(cx->out, sc->rule[R_NUMBER], fs, fe, NULL, srcnum_message(st, sn, tt, said));
    }
}

