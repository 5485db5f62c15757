/* rules_case.c - the capitalization kind: $lower, $upper, $title (AP or
 * Chicago), $sentence, or a pattern, with Vale's semantics: a unit passes
 * when more than `threshold` of its words are in the expected form, words
 * matching `exceptions` and all-capital words (acronyms) always count as
 * right, and for $sentence a first word that is not capitalized fails at
 * once. Case tests are Unicode (ICU), not ASCII. */
#include <string.h>
#include <unicode/uchar.h>

#include "rules_impl.h"

/* Words that stay lower case inside a title. AP: articles, coordinating
 * conjunctions and prepositions of up to three letters; Chicago: articles,
 * coordinating conjunctions and every preposition. */
static const char *const SMALL_AP[] = {
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on",
    "or", "out", "per", "so", "the", "to", "up", "via", "yet", NULL};
static const char *const SMALL_CHICAGO[] = {
    "a", "about", "above", "across", "after", "against", "along", "among", "an", "and",
    "around", "as", "at", "before", "behind", "below", "beneath", "beside", "between",
    "beyond", "but", "by", "down", "during", "except", "for", "from", "in", "inside",
    "into", "like", "near", "nor", "of", "off", "on", "onto", "or", "out", "outside",
    "over", "past", "per", "since", "so", "the", "through", "throughout", "till", "to",
    "toward", "towards", "under", "underneath", "until", "up", "upon", "via", "with",
    "within", "without", "yet", NULL};

typedef enum { CASE_LOWER, CASE_UPPER } case_want;

static bool all_case(const char *s, size_t n, case_want w) {
    size_t i = 0;
    while (i < n) {
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) continue;
        if (w == CASE_LOWER ? u_tolower(c) != c : u_toupper(c) != c) return false;
    }
    return true;
}

static bool is_letter(int32_t c) { return c >= 0 && (U_GET_GC_MASK(c) & U_GC_L_MASK); }
static bool is_alnum(int32_t c) { return c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)); }

/* Go's strings.Title(strings.ToLower(w)) == w: a letter after a separator
 * is upper (title) case, every other letter lower case. */
static bool is_title_word(const char *s, size_t n) {
    size_t i = 0;
    bool sep = true;
    while (i < n) {
        int32_t c = u8_decode(s, n, &i);
        if (is_letter(c)) {
            int32_t want = sep ? u_totitle(c) : u_tolower(c);
            if (c != want) return false;
        }
        sep = !(is_alnum(c) || c == '_') && (c < 0x80 || u_isspace(c));
    }
    return true;
}

static void put_cp(buf *b, int32_t c) {
    char tmp[4];
    buf_append(b, tmp, u8_encode(c, tmp));
}

/* Appends w with its first letter (and the first letter after each
 * hyphen) upper case, the rest untouched. */
static void put_capitalized(buf *b, const char *s, size_t n) {
    size_t i = 0;
    bool start = true;
    while (i < n) {
        size_t at = i;
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) {
            buf_append(b, s + at, i - at);
            continue;
        }
        if (start && is_letter(c)) {
            put_cp(b, u_totitle(c));
            start = false;
        } else {
            put_cp(b, c);
            if (c == '-') start = true;
            else if (is_alnum(c)) start = false;
        }
    }
}

static void put_lower(buf *b, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) buf_append(b, s + at, i - at);
        else put_cp(b, u_tolower(c));
    }
}

/* Whether the letters of w (ignoring trailing punctuation) spell a small word. */
static bool is_small(const char *s, size_t n, bool chicago) {
    char low[16];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!ascii_isalpha(c)) {
            if (k && (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?')) break;
            return false;
        }
        if (k + 1 >= sizeof low) return false;
        low[k++] = (char)ascii_tolower(c);
    }
    low[k] = '\0';
    for (const char *const *w = chicago ? SMALL_CHICAGO : SMALL_AP; *w; w++)
        if (strcmp(*w, low) == 0) return true;
    return false;
}

/* Has an upper-case letter after its first character: iPhone, McDonald. */
static bool inner_capital(const char *s, size_t n) {
    size_t i = 0;
    bool first = true;
    while (i < n) {
        int32_t c = u8_decode(s, n, &i);
        if (!is_letter(c)) continue;
        if (!first && u_isupper(c)) return true;
        first = false;
    }
    return false;
}

/* The words of a unit, Vale's way: an exception match, or a run starting
 * with a letter, digit or '*' up to the next white space. Masked text (a
 * code span) starts a word too: Vale puts a placeholder there. */
typedef struct tok {
    size_t start, end;
    bool except;
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

static void tokenize(rules_state *st, rule *r, const char *s, size_t n, toks *out) {
    size_t i = 0, exc = SIZE_MAX, exc_end = 0;
    bool search = r->except.code != NULL;
    while (i < n) {
        if (search && (exc == SIZE_MAX || exc < i)) {
            if (rx_match(st, &r->except, s, n, i) > 0) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
                exc = ov[0];
                exc_end = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            } else {
                search = false;
                exc = SIZE_MAX;
            }
        }
        if (i == exc) {
            tok t = {i, exc_end > n ? n : exc_end, true};
            VEC_PUSH(*out, t);
            i = t.end;
            continue;
        }
        size_t j = i;
        int32_t c = u8_decode(s, n, &j);
        if (!(is_alnum(c) || c == '*' || c == DOC_MASK)) {
            i = j;
            continue;
        }
        size_t e = j;
        while (e < n) { /* [\p{N}\p{L}*]+[^\s]* */
            size_t k = e;
            int32_t d = u8_decode(s, n, &k);
            if (d >= 0 && u_isspace(d)) break;
            e = k;
        }
        tok t = {i, e, false};
        VEC_PUSH(*out, t);
        i = e;
    }
}

static bool except_in(rules_state *st, rule *r, const char *s, size_t n) {
    return r->except.code && rx_match(st, &r->except, s, n, 0) > 0;
}

static bool has_suffix_in(const rule *r, const char *s, size_t n) {
    for (size_t i = 0; i < r->indicators.n; i++) {
        size_t k = r->indicators.v[i].len;
        if (k && k <= n && memcmp(s + n - k, r->indicators.v[i].s, k) == 0) return true;
    }
    return false;
}

static bool check_title(rules_state *st, rule *r, const char *s, size_t n, buf *want) {
    toks t = {0};
    tokenize(st, r, s, n, &t);
    double good = 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < t.n; i++) {
        const char *w = s + t.v[i].start;
        size_t wn = t.v[i].end - t.v[i].start;
        buf_append(want, s + prev_end, t.v[i].start - prev_end);
        prev_end = t.v[i].end;
        bool after_colon = i > 0 && s[t.v[i - 1].end - 1] == ':';
        size_t mark = want->len;
        if (t.v[i].except || inner_capital(w, wn)) buf_append(want, w, wn);
        else if (i > 0 && i + 1 < t.n && !after_colon && is_small(w, wn, r->chicago)) put_lower(want, w, wn);
        else put_capitalized(want, w, wn);
        bool same = want->len - mark == wn && memcmp(want->data + mark, w, wn) == 0;
        if (same || t.v[i].except || all_case(w, wn, CASE_UPPER)) good++;
    }
    buf_append(want, s + prev_end, n - prev_end);
    bool ok = t.n == 0 || good / (double)t.n >= r->threshold;
    VEC_FREE(t);
    return ok;
}

/* Appends w lower case with its first letter upper case: how Vale's
 * sentence converter writes a word that starts a sentence. */
static void put_first_upper(buf *b, const char *s, size_t n) {
    size_t i = 0;
    bool done = false;
    while (i < n) {
        size_t at = i;
        int32_t c = u8_decode(s, n, &i);
        if (c < 0) buf_append(b, s + at, i - at);
        else if (!done && is_letter(c)) {
            put_cp(b, u_totitle(c));
            done = true;
        } else put_cp(b, u_tolower(c));
    }
}

/* Vale's indicator: the word before ends with one of `indicators`, or it
 * is the first word and holds a list number ("8."). */
static bool indicates(const rule *r, const char *w, size_t n, size_t idx) {
    if (has_suffix_in(r, w, n)) return true;
    for (size_t k = 0; idx == 0 && k + 1 < n; k++)
        if (ascii_isdigit((unsigned char)w[k]) && w[k + 1] == '.') return true;
    return false;
}

/* Vale's $sentence: the unit is converted to sentence case (the first
 * word and each word after an indicator capitalized, exceptions as
 * written, every other word lower case) and compared word by word; the
 * unit passes when at least `threshold` of its words are as converted, and
 * fails at once when its first word is not capitalized. An anchored
 * `prefix` ("1. ") is left out. A code span, masked in the view, is a word
 * of its own as Vale's placeholder is, so a heading may start with one. */
static bool check_sentence(rules_state *st, rule *r, const char *s, size_t n, buf *want) {
    size_t p0 = 0;
    if (r->prefix_re.code && rx_match(st, &r->prefix_re, s, n, 0) > 0) p0 = pcre2_get_ovector_pointer(st->md)[1];
    buf_append(want, s, p0);
    const char *u = s + p0;
    size_t un = n - p0;
    toks t = {0};
    tokenize(st, r, u, un, &t);
    double good = 0;
    bool ok = true;
    size_t prev_end = 0;
    for (size_t i = 0; i < t.n; i++) {
        const char *w = u + t.v[i].start;
        size_t wn = t.v[i].end - t.v[i].start;
        buf_append(want, u + prev_end, t.v[i].start - prev_end);
        prev_end = t.v[i].end;
        size_t mark = want->len;
        bool up = i == 0 || indicates(r, u + t.v[i - 1].start, t.v[i - 1].end - t.v[i - 1].start, i - 1);
        if (t.v[i].except) buf_append(want, w, wn);
        else if (up) put_first_upper(want, w, wn);
        else put_lower(want, w, wn);
        bool same = want->len - mark == wn && memcmp(want->data + mark, w, wn) == 0;
        if (same || t.v[i].except || except_in(st, r, w, wn)) good++;
        else if (i == 0 && !is_title_word(w, wn)) ok = false;
    }
    buf_append(want, u + prev_end, un - prev_end);
    if (ok) ok = t.n == 0 || good / (double)t.n >= r->threshold;
    VEC_FREE(t);
    return ok;
}

bool rules_case_ok(rules_state *st, rule *r, const char *s, size_t n, buf *want) {
    buf_clear(want);
    switch (r->capstyle) {
    case 1: return all_case(s, n, CASE_LOWER) || except_in(st, r, s, n);
    case 2: return all_case(s, n, CASE_UPPER) || except_in(st, r, s, n);
    case 3: return check_title(st, r, s, n, want);
    case 4: return check_sentence(st, r, s, n, want);
    default: return rx_match(st, &r->re, s, n, 0) > 0 || except_in(st, r, s, n);
    }
}
