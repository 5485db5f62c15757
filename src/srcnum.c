/* srcnum.c - numbers of a segment, normalised for comparison across
 * languages. The conventions of each language are data: the separator
 * table, scale words, percent words, ordinal suffixes, number words and
 * month names below; the scanner only walks the text and consults them. */
#include "srcnum.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ---- data ------------------------------------------------------------- */

/* Languages as bits, so that a table entry says in one word which
 * languages it belongs to and a lookup is one AND; a language without an
 * entry of its own (OTHER) takes only the entries for every language. */
enum {
    EN = 1 << 0, ES = 1 << 1, FR = 1 << 2, DE = 1 << 3, IT = 1 << 4, PT = 1 << 5, ZH = 1 << 6, CA = 1 << 7,
    NL = 1 << 8, OTHER = 1 << 9, ALL = (1 << 10) - 1
};

static const struct {
    const char *code;
    unsigned bit;
} lang_bits[] = {{"en", EN}, {"es", ES}, {"fr", FR}, {"de", DE}, {"it", IT},
                 {"pt", PT}, {"zh", ZH}, {"ca", CA}, {"nl", NL}};

/* A table word and its length in bytes, counted once by the compiler. */
#define W(s) s, sizeof(s) - 1

/* Grouping mark for the group-of-three rule. Spaces of any kind group
 * thousands in every language, but only in the strict form 1-3 digits,
 * then groups of exactly three (15 000, and in English text translated
 * from French, 59 000); "in 2023 150 people" is two numbers. */
typedef struct num_format {
    unsigned langs;
    char group;
} num_format;

static const num_format format_dot = {ES | FR | DE | IT | PT | CA | NL, '.'};
static const num_format format_default = {ALL, ','};

/* How a word may follow the digits before it. */
typedef enum { JOIN_SPACED, JOIN_GLUED, JOIN_EITHER } join_kind;

/* Scale words multiply the number before them; they chain (es "mil
 * millones" = 1e3 * 1e6, zh "万亿" = 1e4 * 1e8). Lower case matches any
 * case. */
typedef struct scale_word {
    const char *word;
    size_t len;
    double mult;
    join_kind join;
    unsigned langs;
} scale_word;

static const scale_word scales[] = {
    {W("hundred"), 1e2, JOIN_SPACED, EN},
    {W("thousand"), 1e3, JOIN_SPACED, EN},
    {W("million"), 1e6, JOIN_SPACED, EN | FR},
    {W("billion"), 1e9, JOIN_SPACED, EN},
    {W("millions"), 1e6, JOIN_SPACED, EN}, /* MT English: "240 millions" */
    {W("billions"), 1e9, JOIN_SPACED, EN},
    {W("trillion"), 1e12, JOIN_SPACED, EN},
    {W("bn"), 1e9, JOIN_EITHER, EN},
    {W("m"), 1e6, JOIN_GLUED, EN},
    {W("tn"), 1e12, JOIN_EITHER, EN},
    {W("mil"), 1e3, JOIN_SPACED, ES | PT},
    {W("miles de millones"), 1e9, JOIN_SPACED, ES},
    {W("millón"), 1e6, JOIN_SPACED, ES},
    {W("millones"), 1e6, JOIN_SPACED, ES},
    {W("millardo"), 1e9, JOIN_SPACED, ES},
    {W("millardos"), 1e9, JOIN_SPACED, ES},
    {W("billón"), 1e12, JOIN_SPACED, ES},
    {W("billones"), 1e12, JOIN_SPACED, ES},
    {W("mdd"), 1e6, JOIN_SPACED, ES}, /* millones de dólares (Mexico) */
    {W("mdp"), 1e6, JOIN_SPACED, ES}, /* millones de pesos */
    {W("mille"), 1e3, JOIN_SPACED, FR | IT},
    {W("millions"), 1e6, JOIN_SPACED, FR},
    {W("milliard"), 1e9, JOIN_SPACED, FR},
    {W("milliards"), 1e9, JOIN_SPACED, FR},
    {W("md"), 1e9, JOIN_SPACED, FR},
    {W("mds"), 1e9, JOIN_SPACED, FR},
    {W("billion"), 1e12, JOIN_SPACED, FR | DE}, /* long scale */
    {W("billions"), 1e12, JOIN_SPACED, FR},
    {W("tausend"), 1e3, JOIN_SPACED, DE},
    {W("million"), 1e6, JOIN_SPACED, DE},
    {W("millionen"), 1e6, JOIN_SPACED, DE},
    {W("milliarde"), 1e9, JOIN_SPACED, DE},
    {W("milliarden"), 1e9, JOIN_SPACED, DE},
    {W("billionen"), 1e12, JOIN_SPACED, DE},
    {W("mio."), 1e6, JOIN_SPACED, DE},
    {W("mrd."), 1e9, JOIN_SPACED, DE},
    {W("mila"), 1e3, JOIN_SPACED, IT},
    {W("milione"), 1e6, JOIN_SPACED, IT},
    {W("milioni"), 1e6, JOIN_SPACED, IT},
    {W("miliardo"), 1e9, JOIN_SPACED, IT},
    {W("miliardi"), 1e9, JOIN_SPACED, IT},
    {W("mln"), 1e6, JOIN_SPACED, IT},
    {W("mld"), 1e9, JOIN_SPACED, IT},
    {W("milhão"), 1e6, JOIN_SPACED, PT},
    {W("milhões"), 1e6, JOIN_SPACED, PT},
    {W("bilhão"), 1e9, JOIN_SPACED, PT},  /* Brazil: short scale */
    {W("bilhões"), 1e9, JOIN_SPACED, PT},
    {W("bilião"), 1e12, JOIN_SPACED, PT}, /* Portugal: long scale */
    {W("biliões"), 1e12, JOIN_SPACED, PT},
    {W("十"), 1e1, JOIN_GLUED, ZH},
    {W("百"), 1e2, JOIN_GLUED, ZH},
    {W("千"), 1e3, JOIN_GLUED, ZH},
    {W("万"), 1e4, JOIN_GLUED, ZH},
    {W("萬"), 1e4, JOIN_GLUED, ZH},
    {W("亿"), 1e8, JOIN_GLUED, ZH},
    {W("億"), 1e8, JOIN_GLUED, ZH},
};

typedef struct suffix_word {
    const char *word;
    size_t len;
    join_kind join;
    unsigned langs;
} suffix_word;

static const suffix_word percents[] = {
    {W("%"), JOIN_EITHER, ALL},          {W("％"), JOIN_EITHER, ALL},
    {W("percent"), JOIN_SPACED, EN},   {W("per cent"), JOIN_SPACED, EN},
    {W("por ciento"), JOIN_SPACED, ES}, {W("pour cent"), JOIN_SPACED, FR},
    {W("prozent"), JOIN_SPACED, DE},   {W("per cento"), JOIN_SPACED, IT},
    {W("por cento"), JOIN_SPACED, PT},
};

/* Ordinal suffixes written right after the digits. */
static const suffix_word ordinals[] = {
    {W("st"), JOIN_GLUED, EN},  {W("nd"), JOIN_GLUED, EN},  {W("rd"), JOIN_GLUED, EN},
    {W("th"), JOIN_GLUED, EN},  {W(".º"), JOIN_GLUED, ES | PT | IT}, {W(".ª"), JOIN_GLUED, ES | PT | IT},
    {W("º"), JOIN_GLUED, ES | PT | IT}, {W("ª"), JOIN_GLUED, ES | PT | IT}, {W(".er"), JOIN_GLUED, ES},
    {W("er"), JOIN_GLUED, FR},  {W("re"), JOIN_GLUED, FR},  {W("e"), JOIN_GLUED, FR},
    {W("ème"), JOIN_GLUED, FR}, {W("eme"), JOIN_GLUED, FR}, {W("ère"), JOIN_GLUED, FR},
    {W("ᵉ"), JOIN_GLUED, FR},   {W("ᵉʳ"), JOIN_GLUED, FR},  {W("ʳᵉ"), JOIN_GLUED, FR},
};

/* Words after a clock time. */
static const suffix_word time_words[] = {
    {W("h"), JOIN_EITHER, ALL},        {W("horas"), JOIN_SPACED, ES | PT}, {W("hs"), JOIN_SPACED, ES},
    {W("hrs"), JOIN_SPACED, ES | EN},  {W("heures"), JOIN_SPACED, FR},   {W("uhr"), JOIN_SPACED, DE},
    {W("a.m."), JOIN_EITHER, EN},    {W("p.m."), JOIN_EITHER, EN},     {W("ore"), JOIN_SPACED, IT},
    {W("hours"), JOIN_SPACED, EN},
};

static const suffix_word decade_marks[] = {
    {W("s"), JOIN_GLUED, EN}, {W("'s"), JOIN_GLUED, EN}, {W("’s"), JOIN_GLUED, EN},
};

static const suffix_word approx_marks[] = {
    {W("余"), JOIN_GLUED, ZH}, {W("多"), JOIN_GLUED, ZH},
};

/* A half of the scale word before it: "un millón y medio" = 1.5 million,
 * "deux millions et demi", "a million and a half". */
static const suffix_word half_marks[] = {
    {W(" y medio"), JOIN_GLUED, ES},  {W(" e meio"), JOIN_GLUED, PT},  {W(" et demi"), JOIN_GLUED, FR},
    {W(" e mezzo"), JOIN_GLUED, IT}, {W(" and a half"), JOIN_GLUED, EN},
};

/* Between the two ends of a range whose scale word is written once:
 * "4 to 6 million", "400万至600万", "entre 9.000 y 15.000 millones". */
static const suffix_word range_marks[] = {
    {W(" to "), JOIN_GLUED, EN}, {W(" and "), JOIN_GLUED, EN}, {W(" or "), JOIN_GLUED, EN},
    {W("-"), JOIN_GLUED, ALL},     {W("–"), JOIN_GLUED, ALL},      {W(" a "), JOIN_GLUED, ES | PT},
    {W(" y "), JOIN_GLUED, ES},  {W(" o "), JOIN_GLUED, ES},   {W(" à "), JOIN_GLUED, FR},
    {W(" et "), JOIN_GLUED, FR}, {W(" ou "), JOIN_GLUED, FR | PT}, {W(" e "), JOIN_GLUED, IT | PT},
    {W(" bis "), JOIN_GLUED, DE}, {W(" und "), JOIN_GLUED, DE}, {W("至"), JOIN_GLUED, ZH},
    {W("到"), JOIN_GLUED, ZH},   {W("～"), JOIN_GLUED, ZH},
};

/* zh datelines, "（北京11日电）": the day of the wire, not of the story */
static const suffix_word dateline_marks[] = {
    {W("日电"), JOIN_GLUED, ZH}, {W("日讯"), JOIN_GLUED, ZH},
};

static const suffix_word afternoon[] = {
    {W("p.m."), JOIN_EITHER, EN}, {W("pm"), JOIN_EITHER, EN},
};

/* Number words. ALONE: a number by itself (English only, see srcnum.h);
 * otherwise only before a scale word. */
enum {
    WORD_ALONE = 1,
    WORD_ORDINAL = 2,
    WORD_TENS = 4,  /* takes -one..-nine */
    WORD_DECADE = 8 /* the sixties: 60, or 1960 */
};

typedef struct number_word {
    const char *word;
    size_t len;
    double value;
    unsigned flags;
    unsigned langs;
} number_word;

static const number_word number_words[] = {
    {W("one"), 1, WORD_ALONE, EN},      {W("two"), 2, WORD_ALONE, EN},
    {W("three"), 3, WORD_ALONE, EN},    {W("four"), 4, WORD_ALONE, EN},
    {W("five"), 5, WORD_ALONE, EN},     {W("six"), 6, WORD_ALONE, EN},
    {W("seven"), 7, WORD_ALONE, EN},    {W("eight"), 8, WORD_ALONE, EN},
    {W("nine"), 9, WORD_ALONE, EN},     {W("ten"), 10, WORD_ALONE, EN},
    {W("eleven"), 11, WORD_ALONE, EN},  {W("twelve"), 12, WORD_ALONE, EN},
    {W("dozen"), 12, WORD_ALONE, EN},   {W("a"), 1, 0, EN},
    {W("thirteen"), 13, WORD_ALONE, EN}, {W("fourteen"), 14, WORD_ALONE, EN},
    {W("fifteen"), 15, WORD_ALONE, EN},  {W("sixteen"), 16, WORD_ALONE, EN},
    {W("seventeen"), 17, WORD_ALONE, EN}, {W("eighteen"), 18, WORD_ALONE, EN},
    {W("nineteen"), 19, WORD_ALONE, EN},
    {W("twenty"), 20, WORD_ALONE | WORD_TENS, EN}, {W("thirty"), 30, WORD_ALONE | WORD_TENS, EN},
    {W("forty"), 40, WORD_ALONE | WORD_TENS, EN},  {W("fifty"), 50, WORD_ALONE | WORD_TENS, EN},
    {W("sixty"), 60, WORD_ALONE | WORD_TENS, EN},  {W("seventy"), 70, WORD_ALONE | WORD_TENS, EN},
    {W("eighty"), 80, WORD_ALONE | WORD_TENS, EN}, {W("ninety"), 90, WORD_ALONE | WORD_TENS, EN},
    {W("twenties"), 20, WORD_ALONE | WORD_DECADE, EN}, {W("thirties"), 30, WORD_ALONE | WORD_DECADE, EN},
    {W("forties"), 40, WORD_ALONE | WORD_DECADE, EN},  {W("fifties"), 50, WORD_ALONE | WORD_DECADE, EN},
    {W("sixties"), 60, WORD_ALONE | WORD_DECADE, EN},  {W("seventies"), 70, WORD_ALONE | WORD_DECADE, EN},
    {W("eighties"), 80, WORD_ALONE | WORD_DECADE, EN}, {W("nineties"), 90, WORD_ALONE | WORD_DECADE, EN},
    {W("first"), 1, WORD_ALONE | WORD_ORDINAL, EN},
    {W("second"), 2, WORD_ALONE | WORD_ORDINAL, EN},
    {W("third"), 3, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fourth"), 4, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fifth"), 5, WORD_ALONE | WORD_ORDINAL, EN},
    {W("sixth"), 6, WORD_ALONE | WORD_ORDINAL, EN},
    {W("seventh"), 7, WORD_ALONE | WORD_ORDINAL, EN},
    {W("eighth"), 8, WORD_ALONE | WORD_ORDINAL, EN},
    {W("ninth"), 9, WORD_ALONE | WORD_ORDINAL, EN},
    {W("tenth"), 10, WORD_ALONE | WORD_ORDINAL, EN},
    {W("eleventh"), 11, WORD_ALONE | WORD_ORDINAL, EN},
    {W("twelfth"), 12, WORD_ALONE | WORD_ORDINAL, EN},
    {W("thirteenth"), 13, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fourteenth"), 14, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fifteenth"), 15, WORD_ALONE | WORD_ORDINAL, EN},
    {W("sixteenth"), 16, WORD_ALONE | WORD_ORDINAL, EN},
    {W("seventeenth"), 17, WORD_ALONE | WORD_ORDINAL, EN},
    {W("eighteenth"), 18, WORD_ALONE | WORD_ORDINAL, EN},
    {W("nineteenth"), 19, WORD_ALONE | WORD_ORDINAL, EN},
    {W("twentieth"), 20, WORD_ALONE | WORD_ORDINAL, EN},
    {W("thirtieth"), 30, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fortieth"), 40, WORD_ALONE | WORD_ORDINAL, EN},
    {W("fiftieth"), 50, WORD_ALONE | WORD_ORDINAL, EN},
    {W("sixtieth"), 60, WORD_ALONE | WORD_ORDINAL, EN},
    {W("seventieth"), 70, WORD_ALONE | WORD_ORDINAL, EN},
    {W("eightieth"), 80, WORD_ALONE | WORD_ORDINAL, EN},
    {W("ninetieth"), 90, WORD_ALONE | WORD_ORDINAL, EN},
    {W("hundredth"), 100, WORD_ALONE | WORD_ORDINAL, EN},
    {W("un"), 1, 0, ES | FR | IT},  {W("um"), 1, 0, PT},      {W("ein"), 1, 0, DE},
    {W("eine"), 1, 0, DE},      {W("dos"), 2, 0, ES},     {W("deux"), 2, 0, FR},
    {W("zwei"), 2, 0, DE},      {W("due"), 2, 0, IT},     {W("dois"), 2, 0, PT},
    {W("duas"), 2, 0, PT},      {W("tres"), 3, 0, ES},    {W("trois"), 3, 0, FR},
    {W("drei"), 3, 0, DE},      {W("tre"), 3, 0, IT},     {W("três"), 3, 0, PT},
    {W("cuatro"), 4, 0, ES},    {W("quatre"), 4, 0, FR},  {W("vier"), 4, 0, DE},
    {W("quattro"), 4, 0, IT},   {W("quatro"), 4, 0, PT},  {W("cinco"), 5, 0, ES | PT},
    {W("cinq"), 5, 0, FR},      {W("fünf"), 5, 0, DE},    {W("cinque"), 5, 0, IT},
    {W("seis"), 6, 0, ES | PT},   {W("six"), 6, 0, FR},     {W("sechs"), 6, 0, DE},
    {W("sei"), 6, 0, IT},       {W("siete"), 7, 0, ES},   {W("sept"), 7, 0, FR},
    {W("sieben"), 7, 0, DE},    {W("sette"), 7, 0, IT},   {W("sete"), 7, 0, PT},
    {W("ocho"), 8, 0, ES},      {W("huit"), 8, 0, FR},    {W("acht"), 8, 0, DE},
    {W("otto"), 8, 0, IT},      {W("oito"), 8, 0, PT},    {W("nueve"), 9, 0, ES},
    {W("neuf"), 9, 0, FR},      {W("neun"), 9, 0, DE},    {W("nove"), 9, 0, IT | PT},
    {W("diez"), 10, 0, ES},     {W("dix"), 10, 0, FR},    {W("zehn"), 10, 0, DE},
    {W("dieci"), 10, 0, IT},    {W("dez"), 10, 0, PT},    {W("cien"), 100, 0, ES},
    {W("cent"), 100, 0, FR},    {W("hundert"), 100, 0, DE}, {W("cento"), 100, 0, IT},
    {W("cem"), 100, 0, PT},
    /* a bare thousand is a number: es "mil millones" = 1e9 */
    {W("mil"), 1e3, WORD_ALONE, ES | PT}, {W("mille"), 1e3, WORD_ALONE, FR | IT},
    {W("tausend"), 1e3, WORD_ALONE, DE},
};

/* Month names, twelve per language, alternatives after '/'. An upper-case
 * initial in the table must be upper case in the text (en "May", not the
 * verb "may"). */
typedef struct month_names {
    unsigned lang;
    const char *names;
} month_names;

static const month_names months[] = {
    {EN, "January/Jan February/Feb March/Mar April/Apr May June/Jun July/Jul August/Aug "
           "September/Sept/Sep October/Oct November/Nov December/Dec"},
    {ES, "enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre "
           "noviembre diciembre"},
    {FR, "janvier février mars avril mai juin juillet août septembre octobre novembre "
           "décembre"},
    {DE, "Januar/Jänner Februar März April Mai Juni Juli August September Oktober November "
           "Dezember"},
    {IT, "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
           "novembre dicembre"},
    {PT, "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
           "dezembro"},
};

/* Chinese: after digits, 年 marks a year, 月 a month, 日/号 a day. */
typedef struct zh_mark {
    const char *mark;
    size_t len;
    srcnum_kind kind;
} zh_mark;

static const zh_mark zh_marks[] = {
    {W("年"), SRCNUM_YEAR}, {W("月"), SRCNUM_MONTH}, {W("日"), SRCNUM_DAY}, {W("号"), SRCNUM_DAY},
};

static const char *const english_months[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- text helpers ------------------------------------------------------ */

static unsigned lang_bit(const char *lang) {
    for (size_t k = 0; k < COUNT(lang_bits); k++)
        if (!strcmp(lang_bits[k].code, lang)) return lang_bits[k].bit;
    return OTHER;
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *next) {
    size_t j = i;
    int32_t c = i < n ? u8_decode(s, n, &j) : -1;
    if (next) *next = i < n ? j : n;
    return c;
}

/* Letters of alphabetic scripts; CJK ideographs are not word characters
 * for the boundary tests (zh "增长3.5%" has a number after 长). */
static bool is_letter(int32_t c) {
    if (c < 0x80) return c >= 0 && ascii_isalpha(c);
    return c < 0x2E80 && u_isalpha((UChar32)c);
}

/* The end of the run of letters at s[i]. */
static size_t letters_end(const char *s, size_t n, size_t i) {
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* most of them */
            if (!ascii_isalpha(b)) break;
            i++;
            continue;
        }
        size_t next;
        if (!is_letter(cp_at(s, n, i, &next))) break;
        i = next;
    }
    return i;
}

static int digit_value(int32_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10; /* fullwidth */
    return -1;
}

/* Currency codes written against the amount (RMB5,000, EUR20): the
 * digits are an amount, not part of a name like G20. */
static const struct {
    const char *word;
    size_t len;
} currency_codes[] = {
    {W("RMB")}, {W("CNY")}, {W("USD")}, {W("EUR")}, {W("GBP")}, {W("JPY")}, {W("CHF")},
    {W("HKD")}, {W("SGD")}, {W("INR")}, {W("Rs")},  {W("MXN")}, {W("BRL")}, {W("ARS")},
    {W("CLP")}, {W("COP")}, {W("PEN")}, {W("AUD")}, {W("CAD")}, {W("KRW")},
};

static bool letter_before(const char *s, size_t i) {
    if (i == 0) return false;
    size_t p = u8_prev(s, i);
    int32_t c = cp_at(s, i, p, NULL);
    if (digit_value(c) >= 0) return true;
    if (!is_letter(c)) return false;
    for (size_t k = 0; k < COUNT(currency_codes); k++) {
        size_t l = currency_codes[k].len;
        if (l <= i && !memcmp(s + i - l, currency_codes[k].word, l) &&
            (i == l || !is_letter(cp_at(s, i, u8_prev(s, i - l), NULL))))
            return false;
    }
    return true;
}

static bool boundary_at(const char *s, size_t n, size_t i) {
    int32_t c = cp_at(s, n, i, NULL);
    return !is_letter(c) && digit_value(c) < 0;
}

/* One space of the kinds that separate a number from its word or group
 * its digits: returns the position after it, or i. */
static size_t after_space(const char *s, size_t n, size_t i, bool *narrow) {
    size_t j;
    int32_t c = cp_at(s, n, i, &j);
    if (narrow) *narrow = c == 0x202F || c == 0x2009;
    if (c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009) return j;
    return i;
}

/* Matches word w at s[i]: lower-case ASCII in w matches either case; any
 * other byte exactly. A word ending in a letter must end at a boundary.
 * Returns the end, or 0. */
static size_t word_at(const char *s, size_t n, size_t i, const char *w, size_t wl) {
    if (wl > n - i) return 0;
    for (size_t k = 0; k < wl; k++) {
        unsigned char a = (unsigned char)s[i + k], b = (unsigned char)w[k];
        if (a != b && !(b >= 'a' && b <= 'z' && (a | 32) == b)) return 0;
    }
    size_t e = i + wl;
    int32_t last = cp_at(w, wl, u8_prev(w, wl), NULL);
    if (is_letter(last) && !boundary_at(s, n, e)) return 0;
    return e;
}

/* A word from a table after the number ending at i, joined as allowed; a
 * hyphen spaces as well as a space does ("an $18-billion order"). */
static size_t joined_at(const char *s, size_t n, size_t i, const char *w, size_t wl, join_kind join) {
    size_t e;
    if (join != JOIN_SPACED && (e = word_at(s, n, i, w, wl))) return e;
    if (join == JOIN_GLUED) return 0;
    size_t j = i < n && s[i] == '-' ? i + 1 : after_space(s, n, i, NULL);
    return j > i ? word_at(s, n, j, w, wl) : 0;
}

/* ---- the index of words that start a number or a month ---------------- */

/* scan_word is tried at every word of a segment, and most words start
 * with a byte no number word or month name starts with: the entries of
 * both tables are listed by first byte (a lower-case ASCII initial under
 * both cases, as word_at matches it), in table order, once per process. */
typedef struct month_word {
    const char *word;
    size_t len;
    unsigned langs;
    int month;
    bool abbrev; /* an alternative after the first ("Jan"): takes a period */
} month_word;

enum { MAX_MONTH_WORDS = 96, NUM_SLOTS = 2 * COUNT(number_words), MONTH_SLOTS = 2 * MAX_MONTH_WORDS };

_Static_assert(COUNT(number_words) <= 256, "number word index is a byte");

static struct {
    month_word months[MAX_MONTH_WORDS];
    size_t nmonths;
    /* entries with first byte c: idx[first[c] .. first[c + 1]) */
    uint16_t num_first[257], month_first[257];
    uint8_t num_idx[NUM_SLOTS], month_idx[MONTH_SLOTS];
} words_ix;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void split_months(void) {
    for (size_t m = 0; m < COUNT(months); m++) {
        int month = 1;
        for (const char *p = months[m].names; *p; month++) {
            bool first = true;
            while (*p && *p != ' ') {
                const char *a = p;
                while (*p && *p != ' ' && *p != '/') p++;
                if (words_ix.nmonths < MAX_MONTH_WORDS)
                    words_ix.months[words_ix.nmonths++] = (month_word){
                        .word = a, .len = (size_t)(p - a), .langs = months[m].lang, .month = month,
                        .abbrev = !first};
                first = false;
                if (*p == '/') p++;
            }
            if (*p) p++;
        }
    }
}

/* Counting sort of entries 0..n by first byte into first[] / idx[]. */
static void index_by_first(size_t n, const char *(*word)(size_t), uint16_t *first, uint8_t *idx) {
    uint16_t count[257] = {0};
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)word(k)[0];
        count[c + 1]++;
        if (c >= 'a' && c <= 'z') count[c - 32 + 1]++;
    }
    for (int c = 0; c < 256; c++) count[c + 1] += count[c];
    memcpy(first, count, sizeof count);
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)word(k)[0];
        idx[count[c]++] = (uint8_t)k;
        if (c >= 'a' && c <= 'z') idx[count[c - 32]++] = (uint8_t)k;
    }
}

static const char *number_word_at(size_t k) { return number_words[k].word; }
static const char *month_word_at(size_t k) { return words_ix.months[k].word; }

static void build_words_ix(void) {
    split_months();
    index_by_first(COUNT(number_words), number_word_at, words_ix.num_first, words_ix.num_idx);
    index_by_first(words_ix.nmonths, month_word_at, words_ix.month_first, words_ix.month_idx);
}

/* Month number (1-12) of a name at s[i], its end in *end; 0 if none. */
static int month_at(unsigned lang, const char *s, size_t n, size_t i, size_t *end) {
    if (i >= n) return 0;
    unsigned char c = (unsigned char)s[i];
    for (size_t x = words_ix.month_first[c]; x < words_ix.month_first[c + 1]; x++) {
        const month_word *mw = &words_ix.months[words_ix.month_idx[x]];
        if (!(mw->langs & lang)) continue;
        size_t e = word_at(s, n, i, mw->word, mw->len);
        if (!e) continue;
        if (mw->abbrev && e < n && s[e] == '.') e++; /* an abbreviation: "Jan." */
        *end = e;
        return mw->month;
    }
    return 0;
}

/* A month name right after a day number: "5 de marzo", "5 mars", "5.
 * März", "5 March". */
static bool month_follows(unsigned lang, const char *s, size_t n, size_t i) {
    size_t j = i, e;
    if (j < n && s[j] == '.' && (lang & DE)) j++;
    j = after_space(s, n, j, NULL);
    if (j == i) return false;
    if ((lang & (ES | PT)) && (e = word_at(s, n, j, "de", 2)))
        j = after_space(s, n, e, NULL);
    return month_at(lang, s, n, j, &e) > 0;
}

/* A month name right before the number: "March 5", "Jan. 5". */
static bool month_precedes(unsigned lang, const char *s, size_t i) {
    if (i < 2 || s[i - 1] != ' ') return false;
    size_t e = i - 1, b = e;
    if (b > 0 && s[b - 1] == '.') b--;
    while (b > 0 && ascii_isalpha(s[b - 1])) b--;
    size_t end;
    return b < e && (b == 0 || !ascii_isalpha(s[b - 1])) && month_at(lang, s, e, b, &end) &&
           end == e;
}

/* ---- digits ------------------------------------------------------------ */

enum { MAX_RUNS = 16 };
typedef enum { SEP_NONE, SEP_DOT, SEP_COMMA, SEP_SPACE, SEP_NARROW } sep_kind;

typedef struct digit_runs {
    size_t start[MAX_RUNS], end[MAX_RUNS], len[MAX_RUNS];
    sep_kind sep[MAX_RUNS]; /* separator before run k (k >= 1) */
    size_t n;
} digit_runs;

static size_t read_run(const char *s, size_t n, size_t i, size_t *len) {
    size_t j = i, next;
    *len = 0;
    while (j < n && digit_value(cp_at(s, n, j, &next)) >= 0) {
        j = next;
        ++*len;
    }
    return j;
}

static void add_digits(const char *s, size_t b, size_t e, double *v) {
    for (size_t j = b; j < e;) {
        int d = digit_value(cp_at(s, e, j, &j));
        *v = *v * 10 + d;
    }
}

/* Reads the digits at s[i] (a digit) with the separators of fmt: value,
 * the unit of its last digit, end; whether it was a bare integer. */
static size_t read_number(const num_format *fmt, const char *s, size_t n, size_t i, double *value,
                          double *unit, bool *bare) {
    digit_runs r = {.n = 1};
    r.start[0] = i;
    r.end[0] = read_run(s, n, i, &r.len[0]);
    /* after "12." of 12.05.2023 each part is a number of its own */
    bool listed = i >= 2 && strchr(".,/", s[i - 1]) && ascii_isdigit(s[i - 2]);
    while (!listed && r.n < MAX_RUNS) {
        size_t p = r.end[r.n - 1], q = p;
        sep_kind k = SEP_NONE;
        bool narrow;
        if (p < n && (s[p] == '.' || s[p] == ',')) {
            k = s[p] == '.' ? SEP_DOT : SEP_COMMA;
            q = p + 1;
        } else if ((q = after_space(s, n, p, &narrow)) > p) {
            k = narrow ? SEP_NARROW : SEP_SPACE;
        }
        if (k == SEP_NONE || digit_value(cp_at(s, n, q, NULL)) < 0) break;
        r.sep[r.n] = k;
        r.start[r.n] = q;
        r.end[r.n] = read_run(s, n, q, &r.len[r.n]);
        r.n++;
    }
    /* Spaces group only 3-digit runs after a first run of 1-3 digits,
     * and only before any other separator. */
    for (size_t k = 1; k < r.n; k++) {
        if (r.sep[k] != SEP_SPACE && r.sep[k] != SEP_NARROW) continue;
        bool ok = r.len[k] == 3 && r.len[0] <= 3;
        for (size_t j = 1; j < k; j++) ok = ok && (r.sep[j] == SEP_SPACE || r.sep[j] == SEP_NARROW);
        if (!ok) {
            r.n = k;
            break;
        }
    }
    /* Which punctuation separator is the decimal point, if any. */
    size_t dots = 0, commas = 0, last = 0;
    for (size_t k = 1; k < r.n; k++)
        if (r.sep[k] == SEP_DOT || r.sep[k] == SEP_COMMA) {
            dots += r.sep[k] == SEP_DOT;
            commas += r.sep[k] == SEP_COMMA;
            last = k;
        }
    size_t decimal = 0; /* run index after the decimal point; 0: none */
    if (dots && commas) {
        decimal = last; /* "1.500,5", "1,500.5": the last one */
    } else if (dots + commas == 1) {
        char c = r.sep[last] == SEP_DOT ? '.' : ',';
        if (!(c == fmt->group && r.len[last] == 3)) decimal = last;
    }
    if (decimal) r.n = decimal + 1;
    /* Grouped runs have three digits; anything else (12.05.2023, 1.2.3)
     * is a list of numbers, read one at a time. */
    for (size_t k = 1; k < r.n; k++)
        if (k != decimal && r.len[k] != 3) {
            r.n = 1;
            decimal = 0;
            break;
        }
    double v = 0;
    size_t int_runs = decimal ? decimal : r.n;
    for (size_t k = 0; k < int_runs; k++) add_digits(s, r.start[k], r.end[k], &v);
    *unit = 1;
    if (decimal) {
        double f = 0;
        add_digits(s, r.start[decimal], r.end[decimal], &f);
        *unit = pow(10, -(double)r.len[decimal]);
        v += f * *unit;
    }
    *value = v;
    *bare = r.n == 1;
    return r.end[r.n - 1];
}

/* ---- Chinese numerals --------------------------------------------------- */

static int zh_digit(int32_t c) {
    static const struct {
        int32_t c;
        int d;
    } t[] = {{0x96F6, 0}, {0x3007, 0}, {0x4E00, 1}, {0x4E8C, 2}, {0x4E24, 2}, {0x4E09, 3},
             {0x56DB, 4}, {0x4E94, 5}, {0x516D, 6}, {0x4E03, 7}, {0x516B, 8}, {0x4E5D, 9}};
    for (size_t k = 0; k < COUNT(t); k++)
        if (t[k].c == c) return t[k].d;
    return -1;
}

/* 十 百 千 within a section; 万 亿 close a section. */
static double zh_unit(int32_t c, bool *big) {
    static const struct {
        int32_t c;
        double v;
        bool big;
    } t[] = {{0x5341, 1e1, false}, {0x767E, 1e2, false}, {0x5343, 1e3, false},
             {0x4E07, 1e4, true},  {0x842C, 1e4, true},  {0x4EBF, 1e8, true},
             {0x5104, 1e8, true}};
    for (size_t k = 0; k < COUNT(t); k++)
        if (t[k].c == c) {
            *big = t[k].big;
            return t[k].v;
        }
    return 0;
}

/* A run of Chinese numerals at s[i]. Needs a digit, two characters (one
 * when `single`, after 第 or 百分之) and a well-formed order, so that 一些,
 * 千万 ("by all means") and 万一 ("in case") are not numbers. A run of bare
 * digits is positional (二〇二三) and counts only before 年. */
static size_t read_zh(const char *s, size_t n, size_t i, bool single, double *value, double *unit) {
    double total = 0, section = 0, cur = 0, trail = 1;
    size_t j = i, count = 0, digits = 0, units = 0;
    bool prev_digit = false, adjacent = false, big;
    int prev_d = 0;
    double positional = 0;
    for (;;) {
        size_t next;
        int32_t c = cp_at(s, n, j, &next);
        int d = zh_digit(c);
        double u = d < 0 ? zh_unit(c, &big) : 0;
        if (d < 0 && u == 0) break;
        if (d >= 0) {
            adjacent = adjacent || (prev_digit && prev_d != 0 && d != 0);
            prev_d = d;
            positional = positional * 10 + d;
            cur = d;
            digits++;
            trail = 1;
        } else {
            if (count == 0 && (big || u > 10)) return 0; /* 万一, 百姓 */
            if (big) {
                if (u >= 1e8) {
                    total = (total + section + cur) * u;
                } else {
                    total += (section + cur) * u;
                }
                section = 0;
            } else {
                section += (cur ? cur : 1) * u;
            }
            trail = (prev_digit || count == 0) ? u : trail * u;
            cur = 0;
            units++;
        }
        prev_digit = d >= 0;
        count++;
        j = next;
    }
    if (!digits || (count < 2 && !single)) return 0;
    if (!units && count >= 2) {
        if (!word_at(s, n, j, W("年"))) return 0;
        *value = positional;
        *unit = 1;
        return j;
    }
    if (adjacent) return 0; /* 三五 "three or five" inside a run: approximate */
    *value = total + section + cur;
    *unit = units && !prev_digit ? trail : 1;
    return j;
}

/* ---- the scanner ------------------------------------------------------- */

typedef struct scan {
    unsigned lang; /* its bit */
    const num_format *fmt;
    const char *s;
    size_t n;
    srcnum_list *out;
} scan;

/* Scale words after which a number under 1000 is added: Mexican "17 mil
 * 280 millones" is 17,280 million. */
static bool additive(unsigned lang, const scale_word *scale) {
    static const struct {
        const char *word;
        unsigned langs;
    } t[] = {{"mil", ES | PT}};
    for (size_t k = 0; k < COUNT(t); k++)
        if ((t[k].langs & lang) && !strcmp(t[k].word, scale->word)) return true;
    return false;
}

/* What follows a number: scale words, percent, ordinal suffix, zh date
 * marks, a month (then it is a day). Fills the kind and returns the end. */
static size_t finish(const scan *sc, srcnum *sn, size_t e, bool bare) {
    const char *s = sc->s;
    size_t n = sc->n, x;
    bool scaled = false, found = true;
    double mult = 1;
    while (found) {
        found = false;
        /* zh 500余万, 30多万: "more than", before the scale */
        size_t at = e;
        for (size_t k = 0; k < COUNT(approx_marks) && at == e; k++)
            if ((approx_marks[k].langs & sc->lang) && (x = word_at(s, n, e, approx_marks[k].word, approx_marks[k].len)))
                at = x;
        /* "one and a half million": the half before the scale word */
        double half = 0;
        for (size_t h = 0; h < COUNT(half_marks) && at == e; h++) {
            size_t y;
            if ((half_marks[h].langs & sc->lang) &&
                (y = joined_at(s, n, e, half_marks[h].word, half_marks[h].len, half_marks[h].join)))
                for (size_t k = 0; k < COUNT(scales) && at == e; k++)
                    if ((scales[k].langs & sc->lang) && joined_at(s, n, y, scales[k].word, scales[k].len, scales[k].join)) {
                        at = y;
                        half = 0.5;
                    }
        }
        for (size_t k = 0; k < COUNT(scales) && !found; k++)
            if ((scales[k].langs & sc->lang) &&
                (x = joined_at(s, n, at, scales[k].word, scales[k].len, scales[k].join))) {
                sn->value += half;
                sn->value *= scales[k].mult;
                sn->unit *= scales[k].mult;
                mult *= scales[k].mult;
                size_t j = after_space(s, n, x, NULL);
                if (additive(sc->lang, &scales[k]) && j > x &&
                    digit_value(cp_at(s, n, j, NULL)) >= 0) {
                    double v, u;
                    bool b;
                    size_t y = read_number(sc->fmt, s, n, j, &v, &u, &b);
                    if (b && v < 1000) {
                        sn->value += v;
                        sn->unit = 1;
                        x = y;
                    }
                }
                for (size_t h = 0; h < COUNT(half_marks); h++) {
                    size_t y;
                    if ((half_marks[h].langs & sc->lang) &&
                        (y = joined_at(s, n, x, half_marks[h].word, half_marks[h].len, half_marks[h].join))) {
                        sn->value += scales[k].mult / 2;
                        sn->unit = scales[k].mult / 10;
                        x = y;
                        break;
                    }
                }
                e = x;
                scaled = found = true;
            }
    }
    sn->scale = mult;
    for (size_t k = 0; k < COUNT(percents); k++)
        if ((percents[k].langs & sc->lang) &&
            (x = joined_at(s, n, e, percents[k].word, percents[k].len, percents[k].join))) {
            sn->kind = SRCNUM_PERCENT;
            return x;
        }
    if (scaled || !bare) return e;
    size_t best = 0;
    for (size_t k = 0; k < COUNT(ordinals); k++)
        if ((ordinals[k].langs & sc->lang) &&
            (x = joined_at(s, n, e, ordinals[k].word, ordinals[k].len, ordinals[k].join)) && x > best)
            best = x;
    if (best) {
        sn->kind = SRCNUM_ORDINAL;
        e = best;
    }
    /* 2 p.m. is 14 h in the source's clock */
    for (size_t k = 0; k < COUNT(afternoon); k++)
        if ((afternoon[k].langs & sc->lang) && sn->value >= 1 && sn->value < 12 &&
            joined_at(s, n, e, afternoon[k].word, afternoon[k].len, afternoon[k].join)) {
            sn->has_alt = true;
            sn->alt = sn->value + 12;
        }
    if (sc->lang & ZH)
        for (size_t k = 0; k < COUNT(zh_marks); k++)
            if ((x = joined_at(s, n, e, zh_marks[k].mark, zh_marks[k].len, JOIN_EITHER))) {
                if (zh_marks[k].kind == SRCNUM_YEAR && (sn->value < 1000 || sn->value > 2100))
                    return e; /* 3年: three years */
                sn->kind = zh_marks[k].kind;
                return x;
            }
    bool day_like = sn->value >= 1 && sn->value <= 31 && sn->value == floor(sn->value);
    if (day_like && (month_follows(sc->lang, s, n, e) || month_precedes(sc->lang, s, sn->start)))
        sn->kind = SRCNUM_DAY;
    else if (sn->kind == SRCNUM_PLAIN && !sn->words && sn->value >= 1000 && sn->value <= 2100 &&
             sn->end - sn->start == 4) {
        sn->kind = SRCNUM_YEAR;
        /* the 1960s: also the es "años 60" */
        for (size_t k = 0; k < COUNT(decade_marks); k++)
            if ((decade_marks[k].langs & sc->lang) && fmod(sn->value, 10) == 0 &&
                (x = joined_at(s, n, e, decade_marks[k].word, decade_marks[k].len, decade_marks[k].join))) {
                sn->has_alt = true;
                sn->alt = fmod(sn->value, 100);
                return x;
            }
    }
    return e;
}

/* A clock time written with a point, es "10.30 horas": two numbers, as
 * the English "10:30" is, not 10.3. */
static bool clock_time(const scan *sc, const srcnum *sn, size_t e) {
    if (fabs(sn->unit - 0.01) > 1e-12 || sn->value >= 25) return false;
    for (size_t k = 0; k < COUNT(time_words); k++)
        if ((time_words[k].langs & sc->lang) &&
            joined_at(sc->s, sc->n, e, time_words[k].word, time_words[k].len, time_words[k].join))
            return true;
    return false;
}

static size_t scan_digits(const scan *sc, size_t i) {
    srcnum sn = {.start = i, .kind = SRCNUM_PLAIN};
    bool bare;
    size_t e = read_number(sc->fmt, sc->s, sc->n, i, &sn.value, &sn.unit, &bare);
    if (!(sn.value < 1e15)) return e; /* an identifier (ISBN, account), not a quantity */
    if (clock_time(sc, &sn, e)) {
        srcnum h = {.start = i, .end = e - 3, .value = floor(sn.value), .unit = 1};
        srcnum m = {.start = e - 2, .end = e, .value = round((sn.value - h.value) * 100), .unit = 1};
        VEC_PUSH(*sc->out, h);
        if (m.value > 0) VEC_PUSH(*sc->out, m); /* 14.00 horas is "2 p.m." */
        return e;
    }
    sn.end = e; /* the digits alone, for the year test */
    e = finish(sc, &sn, e, bare);
    sn.end = e;
    VEC_PUSH(*sc->out, sn);
    return e;
}

/* Number words start a number at a word start; the longest entry wins. */
static size_t scan_word(const scan *sc, size_t i) {
    const number_word *best = NULL;
    size_t best_end = 0, x;
    unsigned char c = (unsigned char)sc->s[i];
    for (size_t k = words_ix.num_first[c]; k < words_ix.num_first[c + 1]; k++) {
        const number_word *w = &number_words[words_ix.num_idx[k]];
        if ((w->langs & sc->lang) && (x = word_at(sc->s, sc->n, i, w->word, w->len)) && x > best_end) {
            best = w;
            best_end = x;
        }
    }
    if (best) {
        double value = best->value;
        unsigned flags = best->flags;
        /* thirty-nine, twenty-first */
        if ((flags & WORD_TENS) && best_end < sc->n && sc->s[best_end] == '-')
            for (size_t k = 0; k < COUNT(number_words); k++) {
                const number_word *u = &number_words[k];
                if (u->value < 10 && (u->flags & WORD_ALONE) && (u->langs & sc->lang) &&
                    (x = word_at(sc->s, sc->n, best_end + 1, u->word, u->len))) {
                    value += u->value;
                    flags |= u->flags & WORD_ORDINAL;
                    best_end = x;
                    break;
                }
            }
        srcnum sn = {.start = i, .value = value, .unit = 1, .words = true,
                     .kind = flags & WORD_ORDINAL ? SRCNUM_ORDINAL : SRCNUM_PLAIN,
                     .has_alt = flags & WORD_DECADE, .alt = 1900 + value};
        double before = sn.value;
        sn.end = best_end;
        size_t e = finish(sc, &sn, best_end, !(flags & WORD_ORDINAL));
        if (sn.value != before || (flags & WORD_ALONE)) {
            if (flags & WORD_ORDINAL) sn.kind = SRCNUM_ORDINAL;
            sn.end = e;
            VEC_PUSH(*sc->out, sn);
            return e;
        }
    }
    size_t end;
    int m = month_at(sc->lang, sc->s, sc->n, i, &end);
    if (m) {
        srcnum sn = {.start = i, .end = end, .value = m, .unit = 1, .words = true,
                     .kind = SRCNUM_MONTH};
        VEC_PUSH(*sc->out, sn);
        return end;
    }
    return 0;
}

/* Chinese: 百分之N, 第N, and runs of Chinese numerals. */
static size_t scan_zh(const scan *sc, size_t i) {
    static const struct {
        const char *prefix;
        size_t len;
        srcnum_kind kind;
    } prefixes[] = {{W("百分之"), SRCNUM_PERCENT}, {W("第"), SRCNUM_ORDINAL}};
    const char *s = sc->s;
    size_t n = sc->n;
    for (size_t k = 0; k < COUNT(prefixes); k++) {
        size_t p = word_at(s, n, i, prefixes[k].prefix, prefixes[k].len);
        if (!p) continue;
        srcnum sn = {.start = i, .kind = SRCNUM_PLAIN};
        size_t e;
        bool bare = true;
        if (digit_value(cp_at(s, n, p, NULL)) >= 0)
            e = read_number(sc->fmt, s, n, p, &sn.value, &sn.unit, &bare);
        else if ((e = read_zh(s, n, p, true, &sn.value, &sn.unit)))
            sn.words = true;
        if (!e) continue;
        sn.end = e;
        e = finish(sc, &sn, e, bare);
        sn.kind = prefixes[k].kind;
        sn.end = e;
        VEC_PUSH(*sc->out, sn);
        return e;
    }
    srcnum sn = {.start = i, .kind = SRCNUM_PLAIN, .words = true};
    size_t e = read_zh(s, n, i, false, &sn.value, &sn.unit);
    if (!e) return 0;
    sn.end = e;
    e = finish(sc, &sn, e, true);
    sn.end = e;
    VEC_PUSH(*sc->out, sn);
    return e;
}

/* lo..hi ASCII digits at s[i], not followed by another digit. */
static bool digits_of(const char *s, size_t n, size_t i, size_t lo, size_t hi, size_t *end,
                      double *v) {
    size_t k = i;
    *v = 0;
    while (k < n && ascii_isdigit(s[k]) && k - i < hi) *v = *v * 10 + (s[k++] - '0');
    *end = k;
    return k - i >= lo && !(k < n && ascii_isdigit(s[k]));
}

/* Numeric dates: 2023-02-11 (year first) everywhere; 11.02.2023 and
 * 11/02/2023 (day first) outside English, where 02/11 would be ambiguous.
 * Pushes day, month and year in text order; returns the end, or 0. */
static size_t numeric_date(const scan *sc, size_t i) {
    const char *s = sc->s;
    size_t n = sc->n, e[3];
    double v[3];
    bool year_first = digits_of(s, n, i, 4, 4, &e[0], &v[0]);
    if (!year_first && ((sc->lang & EN) || !digits_of(s, n, i, 1, 2, &e[0], &v[0])))
        return 0;
    char sep = e[0] < n ? s[e[0]] : 0;
    if (sep != '-' && sep != '/' && sep != '.') return 0;
    if (!digits_of(s, n, e[0] + 1, 1, 2, &e[1], &v[1]) || e[1] >= n || s[e[1]] != sep) return 0;
    if (!digits_of(s, n, e[1] + 1, year_first ? 1 : 4, year_first ? 2 : 4, &e[2], &v[2])) return 0;
    size_t d = year_first ? 2 : 0;
    if (v[1] < 1 || v[1] > 12 || v[d] < 1 || v[d] > 31) return 0;
    static const srcnum_kind order[2][3] = {{SRCNUM_DAY, SRCNUM_MONTH, SRCNUM_YEAR},
                                            {SRCNUM_YEAR, SRCNUM_MONTH, SRCNUM_DAY}};
    for (int k = 0; k < 3; k++) {
        srcnum sn = {.start = k ? e[k - 1] + 1 : i, .end = e[k], .value = v[k], .unit = 1,
                     .kind = order[year_first][k]};
        VEC_PUSH(*sc->out, sn);
    }
    return e[2];
}

static bool mark_at(const suffix_word *t, size_t nt, unsigned lang, const char *s, size_t n,
                    size_t i, size_t end) {
    for (size_t k = 0; k < nt; k++) {
        size_t l = t[k].len;
        if ((t[k].langs & lang) && i + l <= n && !memcmp(s + i, t[k].word, l) &&
            (end == SIZE_MAX || i + l == end))
            return true;
    }
    return false;
}

/* After the scan: ranges share their scale word; datelines go; in
 * English, "24, 150" (a space typed after the grouping comma) may be
 * 24,150. */
static void post_pass(const scan *sc, size_t first) {
    srcnum_list *l = sc->out;
    bool en = sc->lang & EN;
    for (size_t j = first; j + 1 < l->n; j++) {
        srcnum *a = &l->v[j], *b = &l->v[j + 1];
        if (en && !a->has_alt && a->unit == 1 && a->scale <= 1 && a->value < 1000 &&
            b->start == a->end + 2 && !memcmp(sc->s + a->end, ", ", 2) && b->end - b->start == 3 &&
            b->value < 1000 && b->unit == 1) {
            a->has_alt = true;
            a->alt = a->value * 1000 + b->value;
        }
        if (b->scale > 1 && a->scale <= 1 && a->kind == SRCNUM_PLAIN && !a->has_alt &&
            mark_at(range_marks, COUNT(range_marks), sc->lang, sc->s, sc->n, a->end, b->start)) {
            a->has_alt = true;
            a->alt = a->value * b->scale;
        }
    }
    size_t w = first;
    for (size_t j = first; j < l->n; j++) {
        const srcnum *a = &l->v[j];
        if (a->kind == SRCNUM_DAY &&
            mark_at(dateline_marks, COUNT(dateline_marks), sc->lang, sc->s, sc->n,
                    u8_prev(sc->s, a->end), SIZE_MAX))
            continue;
        l->v[w++] = *a;
    }
    l->n = w;
}

void srcnum_find(const char *lang, const char *s, size_t n, srcnum_list *out) {
    pthread_once(&words_once, build_words_ix);
    scan sc = {.lang = lang ? lang_bit(lang) : EN, .fmt = &format_default, .s = s, .n = n, .out = out};
    if (sc.lang & format_dot.langs) sc.fmt = &format_dot;
    bool zh = sc.lang & ZH;
    size_t i = 0, first = out->n;
    while (i < n) {
        size_t next, e = 0;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && !ascii_isalpha(b) && !ascii_isdigit(b)) { /* a space or a mark: no number starts there */
            i++;
            continue;
        }
        int32_t c = cp_at(s, n, i, &next);
        if (digit_value(c) >= 0) {
            /* fr "10h30": the minutes follow a letter; whole hours (10h00,
             * 10:00) are often written without minutes in English */
            bool clock = i >= 2 && (s[i - 1] == 'h' || s[i - 1] == ':') && ascii_isdigit(s[i - 2]);
            bool whole_hour = clock && i + 2 <= n && !memcmp(s + i, "00", 2) &&
                              !ascii_isdigit(i + 2 < n ? s[i + 2] : 0);
            if (whole_hour) e = i + 2;
            else if (!letter_before(s, i) && (e = numeric_date(&sc, i)) > 0) {
            } else if (clock || !letter_before(s, i)) e = scan_digits(&sc, i);
            else
                while (next < n && digit_value(cp_at(s, n, next, NULL)) >= 0)
                    cp_at(s, n, next, &next); /* G20: skip the whole run */
        } else if (is_letter(c) && !letter_before(s, i)) {
            e = scan_word(&sc, i);
            if (!e) next = letters_end(s, n, next);
        } else if (zh && (zh_digit(c) >= 0 || c == 0x7B2C /* 第 */ || c == 0x767E /* 百 */ ||
                          zh_unit(c, &(bool){false}) > 0) &&
                   (i == 0 || zh_digit(cp_at(s, n, u8_prev(s, i), NULL)) < 0)) {
            e = scan_zh(&sc, i);
        }
        i = e > i ? e : next;
    }
    post_pass(&sc, first);
}

/* ---- comparison and messages ------------------------------------------- */

bool srcnum_same(const srcnum *src, const srcnum *tgt) {
    if ((src->kind == SRCNUM_MONTH) != (tgt->kind == SRCNUM_MONTH)) return false;
    double a[2] = {src->value, src->has_alt ? src->alt : src->value};
    double b[2] = {tgt->value, tgt->has_alt ? tgt->alt : tgt->value};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double diff = fabs(a[i] - b[j]);
            double eps = 1e-9 * fmax(fabs(a[i]), 1);
            /* a translator may round (3,45 millones -> 3.5 million), but
             * not by more than 5% (1,2 millones is not 1 million) */
            double tol = tgt->unit > src->unit ? fmin(tgt->unit / 2, 0.05 * fabs(a[i])) : 0;
            if (diff <= tol + eps) return true;
        }
    return false;
}

size_t srcnum_compare(const srcnum_list *src, const srcnum_list *tgt, size_t *match) {
    size_t missing = 0;
    for (size_t i = 0; i < src->n; i++) {
        match[i] = SRCNUM_NONE;
        for (size_t j = 0; j < tgt->n && match[i] == SRCNUM_NONE; j++)
            if (srcnum_same(&src->v[i], &tgt->v[j])) match[i] = j;
        missing += match[i] == SRCNUM_NONE;
    }
    return missing;
}

size_t srcnum_nearest(const srcnum_list *src, const srcnum_list *tgt, size_t i) {
    const srcnum *a = &src->v[i];
    size_t best = SRCNUM_NONE;
    double best_d = (double)INFINITY;
    for (size_t j = 0; j < tgt->n; j++) {
        const srcnum *b = &tgt->v[j];
        if ((a->kind == SRCNUM_MONTH) != (b->kind == SRCNUM_MONTH)) continue;
        bool carries = false;
        for (size_t k = 0; k < src->n && !carries; k++) carries = srcnum_same(&src->v[k], b);
        if (carries) continue;
        double d = fabs(log10(fmax(a->value, 1e-9)) - log10(fmax(b->value, 1e-9)));
        if (d < best_d) {
            best_d = d;
            best = j;
        }
    }
    return best;
}

static const char *ordinal_suffix(double v) {
    long k = (long)v;
    if (k % 100 >= 11 && k % 100 <= 13) return "th";
    static const char *const s[] = {"th", "st", "nd", "rd"};
    return k % 10 <= 3 ? s[k % 10] : "th";
}

/* Decimals needed to show a digit of size unit (0.1 -> 1), at most 6. */
static int decimals_for(double unit) {
    if (unit >= 1) return 0;
    int d = (int)ceil(-log10(unit) - 1e-9);
    return d > 6 ? 6 : d;
}

/* value with `dec` decimals, trailing zeros dropped, thousands grouped
 * with commas when `group`. */
static void put_decimal(buf *out, double v, int dec, bool group) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", dec, v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *z = tmp + strlen(tmp);
        while (z > dot + 1 && z[-1] == '0') *--z = '\0';
        if (z == dot + 1) *dot = '\0';
    }
    size_t intlen = dot && *dot ? (size_t)(dot - tmp) : strlen(tmp);
    for (size_t k = 0; k < intlen; k++) {
        buf_putc(out, tmp[k]);
        if (group && k + 1 < intlen && (intlen - k - 1) % 3 == 0) buf_putc(out, ',');
    }
    buf_puts(out, tmp + intlen);
}

void srcnum_english(const srcnum *sn, buf *out) {
    static const struct {
        double scale;
        const char *word;
    } big[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    double v = sn->value;
    if (sn->kind == SRCNUM_MONTH && v >= 1 && v <= 12) {
        buf_puts(out, english_months[(int)v - 1]);
        return;
    }
    if (sn->kind == SRCNUM_PLAIN || sn->kind == SRCNUM_PERCENT)
        for (size_t k = 0; k < COUNT(big); k++)
            if (v >= big[k].scale) {
                put_decimal(out, v / big[k].scale, decimals_for(sn->unit / big[k].scale), false);
                buf_printf(out, " %s", big[k].word);
                if (sn->kind == SRCNUM_PERCENT) buf_putc(out, '%');
                return;
            }
    put_decimal(out, v, decimals_for(sn->unit), sn->kind != SRCNUM_YEAR);
    if (sn->kind == SRCNUM_PERCENT) buf_putc(out, '%');
    if (sn->kind == SRCNUM_ORDINAL) buf_puts(out, ordinal_suffix(v));
}

char *srcnum_message(const char *src, const srcnum *sn, const char *tgt, const srcnum *said) {
    buf m = {0}, en = {0};
    size_t len = sn->end - sn->start;
    srcnum_english(sn, &en);
    buf_printf(&m, "source has %.*s", (int)len, src + sn->start);
    if (en.len != len || memcmp(en.data, src + sn->start, len))
        buf_printf(&m, " (%s)", en.data);
    if (said)
        buf_printf(&m, "; the translation says %.*s", (int)(said->end - said->start),
                   tgt + said->start);
    else
        buf_puts(&m, "; the translation has no such number");
    buf_free(&en);
    return buf_steal(&m);
}

const char *srcnum_kind_name(srcnum_kind k) {
    static const char *const names[] = {"plain", "percent", "year", "ordinal", "day", "month"};
    return (size_t)k < COUNT(names) ? names[k] : "?";
}
