/* srcnum.c - numbers of a segment, normalised for comparison across
 * languages. The conventions of each language are data: the separator
 * table, scale words, percent words, ordinal suffixes, number words and
 * month names below; the scanner only walks the text and consults them. */
#include "srcnum.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ---- data ------------------------------------------------------------- */

/* Grouping mark for the group-of-three rule. Spaces of any kind group
 * thousands in every language, but only in the strict form 1-3 digits,
 * then groups of exactly three (15 000, and in English text translated
 * from French, 59 000); "in 2023 150 people" is two numbers. */
typedef struct num_format {
    const char *lang;
    char group;
} num_format;

static const num_format formats[] = {
    {"es", '.'}, {"fr", '.'}, {"de", '.'}, {"it", '.'}, {"pt", '.'}, {"ca", '.'}, {"nl", '.'},
};
static const num_format format_default = {"en", ','};

/* How a word may follow the digits before it. */
typedef enum { JOIN_SPACED, JOIN_GLUED, JOIN_EITHER } join_kind;

/* Scale words multiply the number before them; they chain (es "mil
 * millones" = 1e3 * 1e6, zh "万亿" = 1e4 * 1e8). Lower case matches any
 * case; langs is a space-separated list of language codes. */
typedef struct scale_word {
    const char *word;
    double mult;
    join_kind join;
    const char *langs;
} scale_word;

static const scale_word scales[] = {
    {"hundred", 1e2, JOIN_SPACED, "en"},
    {"thousand", 1e3, JOIN_SPACED, "en"},
    {"million", 1e6, JOIN_SPACED, "en fr"},
    {"billion", 1e9, JOIN_SPACED, "en"},
    {"millions", 1e6, JOIN_SPACED, "en"}, /* MT English: "240 millions" */
    {"billions", 1e9, JOIN_SPACED, "en"},
    {"trillion", 1e12, JOIN_SPACED, "en"},
    {"bn", 1e9, JOIN_EITHER, "en"},
    {"m", 1e6, JOIN_GLUED, "en"},
    {"tn", 1e12, JOIN_EITHER, "en"},
    {"mil", 1e3, JOIN_SPACED, "es pt"},
    {"miles de millones", 1e9, JOIN_SPACED, "es"},
    {"millón", 1e6, JOIN_SPACED, "es"},
    {"millones", 1e6, JOIN_SPACED, "es"},
    {"millardo", 1e9, JOIN_SPACED, "es"},
    {"millardos", 1e9, JOIN_SPACED, "es"},
    {"billón", 1e12, JOIN_SPACED, "es"},
    {"billones", 1e12, JOIN_SPACED, "es"},
    {"mdd", 1e6, JOIN_SPACED, "es"}, /* millones de dólares (Mexico) */
    {"mdp", 1e6, JOIN_SPACED, "es"}, /* millones de pesos */
    {"mille", 1e3, JOIN_SPACED, "fr it"},
    {"millions", 1e6, JOIN_SPACED, "fr"},
    {"milliard", 1e9, JOIN_SPACED, "fr"},
    {"milliards", 1e9, JOIN_SPACED, "fr"},
    {"md", 1e9, JOIN_SPACED, "fr"},
    {"mds", 1e9, JOIN_SPACED, "fr"},
    {"billion", 1e12, JOIN_SPACED, "fr de"}, /* long scale */
    {"billions", 1e12, JOIN_SPACED, "fr"},
    {"tausend", 1e3, JOIN_SPACED, "de"},
    {"million", 1e6, JOIN_SPACED, "de"},
    {"millionen", 1e6, JOIN_SPACED, "de"},
    {"milliarde", 1e9, JOIN_SPACED, "de"},
    {"milliarden", 1e9, JOIN_SPACED, "de"},
    {"billionen", 1e12, JOIN_SPACED, "de"},
    {"mio.", 1e6, JOIN_SPACED, "de"},
    {"mrd.", 1e9, JOIN_SPACED, "de"},
    {"mila", 1e3, JOIN_SPACED, "it"},
    {"milione", 1e6, JOIN_SPACED, "it"},
    {"milioni", 1e6, JOIN_SPACED, "it"},
    {"miliardo", 1e9, JOIN_SPACED, "it"},
    {"miliardi", 1e9, JOIN_SPACED, "it"},
    {"mln", 1e6, JOIN_SPACED, "it"},
    {"mld", 1e9, JOIN_SPACED, "it"},
    {"milhão", 1e6, JOIN_SPACED, "pt"},
    {"milhões", 1e6, JOIN_SPACED, "pt"},
    {"bilhão", 1e9, JOIN_SPACED, "pt"},  /* Brazil: short scale */
    {"bilhões", 1e9, JOIN_SPACED, "pt"},
    {"bilião", 1e12, JOIN_SPACED, "pt"}, /* Portugal: long scale */
    {"biliões", 1e12, JOIN_SPACED, "pt"},
    {"十", 1e1, JOIN_GLUED, "zh"},
    {"百", 1e2, JOIN_GLUED, "zh"},
    {"千", 1e3, JOIN_GLUED, "zh"},
    {"万", 1e4, JOIN_GLUED, "zh"},
    {"萬", 1e4, JOIN_GLUED, "zh"},
    {"亿", 1e8, JOIN_GLUED, "zh"},
    {"億", 1e8, JOIN_GLUED, "zh"},
};

typedef struct suffix_word {
    const char *word;
    join_kind join;
    const char *langs; /* "*": every language */
} suffix_word;

static const suffix_word percents[] = {
    {"%", JOIN_EITHER, "*"},          {"％", JOIN_EITHER, "*"},
    {"percent", JOIN_SPACED, "en"},   {"per cent", JOIN_SPACED, "en"},
    {"por ciento", JOIN_SPACED, "es"}, {"pour cent", JOIN_SPACED, "fr"},
    {"prozent", JOIN_SPACED, "de"},   {"per cento", JOIN_SPACED, "it"},
    {"por cento", JOIN_SPACED, "pt"},
};

/* Ordinal suffixes written right after the digits. */
static const suffix_word ordinals[] = {
    {"st", JOIN_GLUED, "en"},  {"nd", JOIN_GLUED, "en"},  {"rd", JOIN_GLUED, "en"},
    {"th", JOIN_GLUED, "en"},  {".º", JOIN_GLUED, "es pt it"}, {".ª", JOIN_GLUED, "es pt it"},
    {"º", JOIN_GLUED, "es pt it"}, {"ª", JOIN_GLUED, "es pt it"}, {".er", JOIN_GLUED, "es"},
    {"er", JOIN_GLUED, "fr"},  {"re", JOIN_GLUED, "fr"},  {"e", JOIN_GLUED, "fr"},
    {"ème", JOIN_GLUED, "fr"}, {"eme", JOIN_GLUED, "fr"}, {"ère", JOIN_GLUED, "fr"},
    {"ᵉ", JOIN_GLUED, "fr"},   {"ᵉʳ", JOIN_GLUED, "fr"},  {"ʳᵉ", JOIN_GLUED, "fr"},
};

/* Words after a clock time. */
static const suffix_word time_words[] = {
    {"h", JOIN_EITHER, "*"},        {"horas", JOIN_SPACED, "es pt"}, {"hs", JOIN_SPACED, "es"},
    {"hrs", JOIN_SPACED, "es en"},  {"heures", JOIN_SPACED, "fr"},   {"uhr", JOIN_SPACED, "de"},
    {"a.m.", JOIN_EITHER, "en"},    {"p.m.", JOIN_EITHER, "en"},     {"ore", JOIN_SPACED, "it"},
    {"hours", JOIN_SPACED, "en"},
};

static const suffix_word decade_marks[] = {
    {"s", JOIN_GLUED, "en"}, {"'s", JOIN_GLUED, "en"}, {"’s", JOIN_GLUED, "en"},
};

static const suffix_word approx_marks[] = {
    {"余", JOIN_GLUED, "zh"}, {"多", JOIN_GLUED, "zh"},
};

/* Between the two ends of a range whose scale word is written once:
 * "4 to 6 million", "400万至600万", "entre 9.000 y 15.000 millones". */
static const suffix_word range_marks[] = {
    {" to ", JOIN_GLUED, "en"}, {" and ", JOIN_GLUED, "en"}, {" or ", JOIN_GLUED, "en"},
    {"-", JOIN_GLUED, "*"},     {"–", JOIN_GLUED, "*"},      {" a ", JOIN_GLUED, "es pt"},
    {" y ", JOIN_GLUED, "es"},  {" o ", JOIN_GLUED, "es"},   {" à ", JOIN_GLUED, "fr"},
    {" et ", JOIN_GLUED, "fr"}, {" ou ", JOIN_GLUED, "fr pt"}, {" e ", JOIN_GLUED, "it pt"},
    {" bis ", JOIN_GLUED, "de"}, {" und ", JOIN_GLUED, "de"}, {"至", JOIN_GLUED, "zh"},
    {"到", JOIN_GLUED, "zh"},   {"～", JOIN_GLUED, "zh"},
};

/* zh datelines, "（北京11日电）": the day of the wire, not of the story */
static const suffix_word dateline_marks[] = {
    {"日电", JOIN_GLUED, "zh"}, {"日讯", JOIN_GLUED, "zh"},
};

static const suffix_word afternoon[] = {
    {"p.m.", JOIN_EITHER, "en"}, {"pm", JOIN_EITHER, "en"},
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
    double value;
    unsigned flags;
    const char *langs;
} number_word;

static const number_word number_words[] = {
    {"one", 1, WORD_ALONE, "en"},      {"two", 2, WORD_ALONE, "en"},
    {"three", 3, WORD_ALONE, "en"},    {"four", 4, WORD_ALONE, "en"},
    {"five", 5, WORD_ALONE, "en"},     {"six", 6, WORD_ALONE, "en"},
    {"seven", 7, WORD_ALONE, "en"},    {"eight", 8, WORD_ALONE, "en"},
    {"nine", 9, WORD_ALONE, "en"},     {"ten", 10, WORD_ALONE, "en"},
    {"eleven", 11, WORD_ALONE, "en"},  {"twelve", 12, WORD_ALONE, "en"},
    {"dozen", 12, WORD_ALONE, "en"},   {"a", 1, 0, "en"},
    {"thirteen", 13, WORD_ALONE, "en"}, {"fourteen", 14, WORD_ALONE, "en"},
    {"fifteen", 15, WORD_ALONE, "en"},  {"sixteen", 16, WORD_ALONE, "en"},
    {"seventeen", 17, WORD_ALONE, "en"}, {"eighteen", 18, WORD_ALONE, "en"},
    {"nineteen", 19, WORD_ALONE, "en"},
    {"twenty", 20, WORD_ALONE | WORD_TENS, "en"}, {"thirty", 30, WORD_ALONE | WORD_TENS, "en"},
    {"forty", 40, WORD_ALONE | WORD_TENS, "en"},  {"fifty", 50, WORD_ALONE | WORD_TENS, "en"},
    {"sixty", 60, WORD_ALONE | WORD_TENS, "en"},  {"seventy", 70, WORD_ALONE | WORD_TENS, "en"},
    {"eighty", 80, WORD_ALONE | WORD_TENS, "en"}, {"ninety", 90, WORD_ALONE | WORD_TENS, "en"},
    {"twenties", 20, WORD_ALONE | WORD_DECADE, "en"}, {"thirties", 30, WORD_ALONE | WORD_DECADE, "en"},
    {"forties", 40, WORD_ALONE | WORD_DECADE, "en"},  {"fifties", 50, WORD_ALONE | WORD_DECADE, "en"},
    {"sixties", 60, WORD_ALONE | WORD_DECADE, "en"},  {"seventies", 70, WORD_ALONE | WORD_DECADE, "en"},
    {"eighties", 80, WORD_ALONE | WORD_DECADE, "en"}, {"nineties", 90, WORD_ALONE | WORD_DECADE, "en"},
    {"first", 1, WORD_ALONE | WORD_ORDINAL, "en"},
    {"second", 2, WORD_ALONE | WORD_ORDINAL, "en"},
    {"third", 3, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fourth", 4, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fifth", 5, WORD_ALONE | WORD_ORDINAL, "en"},
    {"sixth", 6, WORD_ALONE | WORD_ORDINAL, "en"},
    {"seventh", 7, WORD_ALONE | WORD_ORDINAL, "en"},
    {"eighth", 8, WORD_ALONE | WORD_ORDINAL, "en"},
    {"ninth", 9, WORD_ALONE | WORD_ORDINAL, "en"},
    {"tenth", 10, WORD_ALONE | WORD_ORDINAL, "en"},
    {"eleventh", 11, WORD_ALONE | WORD_ORDINAL, "en"},
    {"twelfth", 12, WORD_ALONE | WORD_ORDINAL, "en"},
    {"thirteenth", 13, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fourteenth", 14, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fifteenth", 15, WORD_ALONE | WORD_ORDINAL, "en"},
    {"sixteenth", 16, WORD_ALONE | WORD_ORDINAL, "en"},
    {"seventeenth", 17, WORD_ALONE | WORD_ORDINAL, "en"},
    {"eighteenth", 18, WORD_ALONE | WORD_ORDINAL, "en"},
    {"nineteenth", 19, WORD_ALONE | WORD_ORDINAL, "en"},
    {"twentieth", 20, WORD_ALONE | WORD_ORDINAL, "en"},
    {"thirtieth", 30, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fortieth", 40, WORD_ALONE | WORD_ORDINAL, "en"},
    {"fiftieth", 50, WORD_ALONE | WORD_ORDINAL, "en"},
    {"sixtieth", 60, WORD_ALONE | WORD_ORDINAL, "en"},
    {"seventieth", 70, WORD_ALONE | WORD_ORDINAL, "en"},
    {"eightieth", 80, WORD_ALONE | WORD_ORDINAL, "en"},
    {"ninetieth", 90, WORD_ALONE | WORD_ORDINAL, "en"},
    {"hundredth", 100, WORD_ALONE | WORD_ORDINAL, "en"},
    {"un", 1, 0, "es fr it"},  {"um", 1, 0, "pt"},      {"ein", 1, 0, "de"},
    {"eine", 1, 0, "de"},      {"dos", 2, 0, "es"},     {"deux", 2, 0, "fr"},
    {"zwei", 2, 0, "de"},      {"due", 2, 0, "it"},     {"dois", 2, 0, "pt"},
    {"duas", 2, 0, "pt"},      {"tres", 3, 0, "es"},    {"trois", 3, 0, "fr"},
    {"drei", 3, 0, "de"},      {"tre", 3, 0, "it"},     {"três", 3, 0, "pt"},
    {"cuatro", 4, 0, "es"},    {"quatre", 4, 0, "fr"},  {"vier", 4, 0, "de"},
    {"quattro", 4, 0, "it"},   {"quatro", 4, 0, "pt"},  {"cinco", 5, 0, "es pt"},
    {"cinq", 5, 0, "fr"},      {"fünf", 5, 0, "de"},    {"cinque", 5, 0, "it"},
    {"seis", 6, 0, "es pt"},   {"six", 6, 0, "fr"},     {"sechs", 6, 0, "de"},
    {"sei", 6, 0, "it"},       {"siete", 7, 0, "es"},   {"sept", 7, 0, "fr"},
    {"sieben", 7, 0, "de"},    {"sette", 7, 0, "it"},   {"sete", 7, 0, "pt"},
    {"ocho", 8, 0, "es"},      {"huit", 8, 0, "fr"},    {"acht", 8, 0, "de"},
    {"otto", 8, 0, "it"},      {"oito", 8, 0, "pt"},    {"nueve", 9, 0, "es"},
    {"neuf", 9, 0, "fr"},      {"neun", 9, 0, "de"},    {"nove", 9, 0, "it pt"},
    {"diez", 10, 0, "es"},     {"dix", 10, 0, "fr"},    {"zehn", 10, 0, "de"},
    {"dieci", 10, 0, "it"},    {"dez", 10, 0, "pt"},    {"cien", 100, 0, "es"},
    {"cent", 100, 0, "fr"},    {"hundert", 100, 0, "de"}, {"cento", 100, 0, "it"},
    {"cem", 100, 0, "pt"},
    /* a bare thousand is a number: es "mil millones" = 1e9 */
    {"mil", 1e3, WORD_ALONE, "es pt"}, {"mille", 1e3, WORD_ALONE, "fr it"},
    {"tausend", 1e3, WORD_ALONE, "de"},
};

/* Month names, twelve per language, alternatives after '/'. An upper-case
 * initial in the table must be upper case in the text (en "May", not the
 * verb "may"). */
typedef struct month_names {
    const char *lang;
    const char *names;
} month_names;

static const month_names months[] = {
    {"en", "January/Jan February/Feb March/Mar April/Apr May June/Jun July/Jul August/Aug "
           "September/Sept/Sep October/Oct November/Nov December/Dec"},
    {"es", "enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre "
           "noviembre diciembre"},
    {"fr", "janvier février mars avril mai juin juillet août septembre octobre novembre "
           "décembre"},
    {"de", "Januar/Jänner Februar März April Mai Juni Juli August September Oktober November "
           "Dezember"},
    {"it", "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
           "novembre dicembre"},
    {"pt", "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
           "dezembro"},
};

/* Chinese: after digits, 年 marks a year, 月 a month, 日/号 a day. */
typedef struct zh_mark {
    const char *mark;
    srcnum_kind kind;
} zh_mark;

static const zh_mark zh_marks[] = {
    {"年", SRCNUM_YEAR}, {"月", SRCNUM_MONTH}, {"日", SRCNUM_DAY}, {"号", SRCNUM_DAY},
};

static const char *const english_months[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- text helpers ------------------------------------------------------ */

static bool lang_in(const char *langs, const char *lang) {
    if (!strcmp(langs, "*")) return true;
    size_t l = strlen(lang);
    for (const char *p = langs; *p;) {
        const char *e = strchr(p, ' ');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == l && !memcmp(p, lang, l)) return true;
        if (!e) break;
        p = e + 1;
    }
    return false;
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *next) {
    size_t j = i;
    int32_t c = i < n ? u8_decode(s, n, &j) : -1;
    if (next) *next = i < n ? j : n;
    return c;
}

/* Letters of alphabetic scripts; CJK ideographs are not word characters
 * for the boundary tests (zh "增长3.5%" has a number after 长). */
static bool is_letter(int32_t c) { return c >= 0 && c < 0x2E80 && u_isalpha((UChar32)c); }

static int digit_value(int32_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10; /* fullwidth */
    return -1;
}

/* Currency codes written against the amount (RMB5,000, EUR20): the
 * digits are an amount, not part of a name like G20. */
static const char *const currency_codes[] = {
    "RMB", "CNY", "USD", "EUR", "GBP", "JPY", "CHF", "HKD", "SGD", "INR", "Rs", "MXN", "BRL",
    "ARS", "CLP", "COP", "PEN", "AUD", "CAD", "KRW",
};

static bool letter_before(const char *s, size_t i) {
    if (i == 0) return false;
    size_t p = u8_prev(s, i);
    int32_t c = cp_at(s, i, p, NULL);
    if (digit_value(c) >= 0) return true;
    if (!is_letter(c)) return false;
    for (size_t k = 0; k < COUNT(currency_codes); k++) {
        size_t l = strlen(currency_codes[k]);
        if (l <= i && !memcmp(s + i - l, currency_codes[k], l) &&
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
static size_t joined_at(const char *s, size_t n, size_t i, const char *w, join_kind join) {
    size_t wl = strlen(w), e;
    if (join != JOIN_SPACED && (e = word_at(s, n, i, w, wl))) return e;
    if (join == JOIN_GLUED) return 0;
    size_t j = i < n && s[i] == '-' ? i + 1 : after_space(s, n, i, NULL);
    return j > i ? word_at(s, n, j, w, wl) : 0;
}

/* Month number (1-12) of a name at s[i], its end in *end; 0 if none. */
static int month_at(const char *lang, const char *s, size_t n, size_t i, size_t *end) {
    for (size_t m = 0; m < COUNT(months); m++) {
        if (strcmp(months[m].lang, lang)) continue;
        int month = 1;
        for (const char *p = months[m].names; *p; month++) {
            const char *q = p;
            while (*q && *q != ' ') {
                const char *a = q;
                while (*q && *q != ' ' && *q != '/') q++;
                size_t e = word_at(s, n, i, a, (size_t)(q - a));
                if (e) {
                    if (a > p && e < n && s[e] == '.') e++; /* an abbreviation: "Jan." */
                    *end = e;
                    return month;
                }
                if (*q == '/') q++;
            }
            p = *q ? q + 1 : q;
        }
    }
    return 0;
}

/* A month name right after a day number: "5 de marzo", "5 mars", "5.
 * März", "5 March". */
static bool month_follows(const char *lang, const char *s, size_t n, size_t i) {
    size_t j = i, e;
    if (j < n && s[j] == '.' && !strcmp(lang, "de")) j++;
    j = after_space(s, n, j, NULL);
    if (j == i) return false;
    if ((!strcmp(lang, "es") || !strcmp(lang, "pt")) && (e = word_at(s, n, j, "de", 2)))
        j = after_space(s, n, e, NULL);
    return month_at(lang, s, n, j, &e) > 0;
}

/* A month name right before the number: "March 5", "Jan. 5". */
static bool month_precedes(const char *lang, const char *s, size_t i) {
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
        if (!word_at(s, n, j, "年", strlen("年"))) return 0;
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
    const char *lang;
    const num_format *fmt;
    const char *s;
    size_t n;
    srcnum_list *out;
} scan;

/* Scale words after which a number under 1000 is added: Mexican "17 mil
 * 280 millones" is 17,280 million. */
static bool additive(const char *lang, const char *scale) {
    static const struct {
        const char *word, *langs;
    } t[] = {{"mil", "es pt"}};
    for (size_t k = 0; k < COUNT(t); k++)
        if (!strcmp(t[k].word, scale) && lang_in(t[k].langs, lang)) return true;
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
            if (lang_in(approx_marks[k].langs, sc->lang) &&
                (x = word_at(s, n, e, approx_marks[k].word, strlen(approx_marks[k].word))))
                at = x;
        for (size_t k = 0; k < COUNT(scales) && !found; k++)
            if (lang_in(scales[k].langs, sc->lang) &&
                (x = joined_at(s, n, at, scales[k].word, scales[k].join))) {
                sn->value *= scales[k].mult;
                sn->unit *= scales[k].mult;
                mult *= scales[k].mult;
                size_t j = after_space(s, n, x, NULL);
                if (additive(sc->lang, scales[k].word) && j > x &&
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
                e = x;
                scaled = found = true;
            }
    }
    sn->scale = mult;
    for (size_t k = 0; k < COUNT(percents); k++)
        if (lang_in(percents[k].langs, sc->lang) &&
            (x = joined_at(s, n, e, percents[k].word, percents[k].join))) {
            sn->kind = SRCNUM_PERCENT;
            return x;
        }
    if (scaled || !bare) return e;
    size_t best = 0;
    for (size_t k = 0; k < COUNT(ordinals); k++)
        if (lang_in(ordinals[k].langs, sc->lang) &&
            (x = joined_at(s, n, e, ordinals[k].word, ordinals[k].join)) && x > best)
            best = x;
    if (best) {
        sn->kind = SRCNUM_ORDINAL;
        e = best;
    }
    /* 2 p.m. is 14 h in the source's clock */
    for (size_t k = 0; k < COUNT(afternoon); k++)
        if (lang_in(afternoon[k].langs, sc->lang) && sn->value >= 1 && sn->value < 12 &&
            joined_at(s, n, e, afternoon[k].word, afternoon[k].join)) {
            sn->has_alt = true;
            sn->alt = sn->value + 12;
        }
    if (!strcmp(sc->lang, "zh"))
        for (size_t k = 0; k < COUNT(zh_marks); k++)
            if ((x = joined_at(s, n, e, zh_marks[k].mark, JOIN_EITHER))) {
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
            if (lang_in(decade_marks[k].langs, sc->lang) && fmod(sn->value, 10) == 0 &&
                (x = joined_at(s, n, e, decade_marks[k].word, decade_marks[k].join))) {
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
        if (lang_in(time_words[k].langs, sc->lang) &&
            joined_at(sc->s, sc->n, e, time_words[k].word, time_words[k].join))
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
    for (size_t k = 0; k < COUNT(number_words); k++)
        if (lang_in(number_words[k].langs, sc->lang) &&
            (x = word_at(sc->s, sc->n, i, number_words[k].word, strlen(number_words[k].word))) &&
            x > best_end) {
            best = &number_words[k];
            best_end = x;
        }
    if (best) {
        double value = best->value;
        unsigned flags = best->flags;
        /* thirty-nine, twenty-first */
        if ((flags & WORD_TENS) && best_end < sc->n && sc->s[best_end] == '-')
            for (size_t k = 0; k < COUNT(number_words); k++) {
                const number_word *u = &number_words[k];
                if (u->value < 10 && (u->flags & WORD_ALONE) && lang_in(u->langs, sc->lang) &&
                    (x = word_at(sc->s, sc->n, best_end + 1, u->word, strlen(u->word)))) {
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
        srcnum_kind kind;
    } prefixes[] = {{"百分之", SRCNUM_PERCENT}, {"第", SRCNUM_ORDINAL}};
    const char *s = sc->s;
    size_t n = sc->n;
    for (size_t k = 0; k < COUNT(prefixes); k++) {
        size_t p = word_at(s, n, i, prefixes[k].prefix, strlen(prefixes[k].prefix));
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
    if (!year_first && (!strcmp(sc->lang, "en") || !digits_of(s, n, i, 1, 2, &e[0], &v[0])))
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

static bool mark_at(const suffix_word *t, size_t nt, const char *lang, const char *s, size_t n,
                    size_t i, size_t end) {
    for (size_t k = 0; k < nt; k++) {
        size_t l = strlen(t[k].word);
        if (lang_in(t[k].langs, lang) && i + l <= n && !memcmp(s + i, t[k].word, l) &&
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
    bool en = !strcmp(sc->lang, "en");
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
    scan sc = {.lang = lang ? lang : "en", .fmt = &format_default, .s = s, .n = n, .out = out};
    for (size_t k = 0; k < COUNT(formats); k++)
        if (!strcmp(formats[k].lang, sc.lang)) sc.fmt = &formats[k];
    bool zh = !strcmp(sc.lang, "zh");
    size_t i = 0, first = out->n;
    while (i < n) {
        size_t next, e = 0;
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
            if (!e)
                while (next < n && is_letter(cp_at(s, n, next, NULL))) cp_at(s, n, next, &next);
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
