/* check_brackets.c - the Brackets.* rules: round and square brackets
 * matched within each paragraph.
 *   Brackets.Spacing     a space just inside a bracket ("( Xinhua)",
 *                        "[ source: Xinhua ]"): tokenised MT output, or
 *                        the spacing of the source language's brackets;
 *   Brackets.Unbalanced  a bracket opened and not closed in its
 *                        paragraph, or a closing one with nothing open.
 * List labels ("a)", "1)") and emoticons (":-(", ";)") are no brackets.
 * Full-width brackets are MT.FullWidthPunctuation's. */
#include <stdlib.h>
#include <string.h>

#include "bytes16.h"
#include "check.h"
#include "util.h"

enum { R_SPACING, R_UNBALANCED, NRULES };

static const struct {
    const char *id;
    mtl_severity level;
    const char *description;
} rules[NRULES] = {
    [R_SPACING] = {"Brackets.Spacing", MTL_WARNING,
                   "A space just inside a round or square bracket (\"( Xinhua)\", \"[ source ]\"): "
                   "tokenised MT output."},
    [R_UNBALANCED] = {"Brackets.Unbalanced", MTL_WARNING,
                      "A bracket opened and never closed in its paragraph, or a closing bracket with "
                      "nothing open."},
};

/* Deepest nesting followed; deeper brackets are not matched. */
#define MAX_DEPTH 16

typedef struct brackets {
    size_t rule[NRULES];
    check_example examples[7];
} brackets;

typedef struct open_br {
    size_t at;
    char c;
} open_br;


static char closer(char c) { return c == '(' ? ')' : ']'; }

static const bool is_bracket[256] = {['('] = true, [')'] = true, ['['] = true, [']'] = true};

/* The first bracket in [i, end), end when there is none: sixteen bytes a
 * test, as most runs of prose hold none, then one table look-up a byte. */
static size_t next_bracket(const char *v, size_t i, size_t end) {
    for (; i + 16 <= end; i += 16) {
        bytes16 x = bytes16_load(v + i);
        size_t k = bytes16_first((bytes16)((x == '(') | (x == ')') | (x == '[') | (x == ']')));
        if (k < 16) return i + k;
    }
    while (i < end && !is_bracket[(unsigned char)v[i]]) i++;
    return i;
}

/* Before a closing bracket with nothing of its kind open, a label of a
 * list ("a)", "1)", "iv)") at the start of a paragraph or after a space
 * or a line break, or an emoticon's mouth (":)", ":-(", ";-)"). */
static bool not_a_bracket(const char *v, size_t start, size_t i) {
    if (i > start && (v[i - 1] == ':' || v[i - 1] == ';' || (v[i - 1] == '-' && i - 1 > start &&
                                                             (v[i - 2] == ':' || v[i - 2] == ';'))))
        return true;
    size_t k = i;
    bool digits = true, roman = true;
    while (k > start && (ascii_isdigit((unsigned char)v[k - 1]) || (unsigned)(v[k - 1] - 'a') < 26)) {
        k--;
        digits &= ascii_isdigit((unsigned char)v[k]);
        roman &= v[k] == 'i' || v[k] == 'v' || v[k] == 'x';
    }
    /* "1)", "12)", "a)", "iv)" */
    if (k == i || !(i - k == 1 || (digits && i - k <= 2) || (roman && i - k <= 4))) return false;
    return k == start || ascii_isblank(v[k - 1]) || v[k - 1] == '\n';
}

static void brackets_run(void *state, check_ctx *cx) {
    brackets *br = state;
    bool want_sp = reg_enabled(cx->reg, br->rule[R_SPACING]);
    bool want_bal = reg_enabled(cx->reg, br->rule[R_UNBALANCED]);
    if (!want_sp && !want_bal) return;
    const doc *d = cx->d;
    const char *v = d->view;
    for (size_t bi = 0; bi < d->blocks.n; bi++) {
        const doc_block *b = &d->blocks.v[bi];
        open_br stack[MAX_DEPTH];
        size_t depth = 0, lost = 0; /* lost: opened beyond MAX_DEPTH */
        for (size_t i = b->start; i < b->end; i++) {
            i = next_bracket(v, i, b->end);
            if (i == b->end) break;
            char c = v[i];
            if (c == '(' || c == '[') {
                if (i > b->start && (v[i - 1] == ':' || v[i - 1] == ';' || v[i - 1] == '-') &&
                    (i + 1 >= b->end || ascii_isblank(v[i + 1])))
                    continue; /* ":(", ":-(" */
                if (depth < MAX_DEPTH) stack[depth++] = (open_br){i, c};
                else lost++;
                size_t j = i + 1;
                while (j < b->end && ascii_isblank(v[j])) j++;
                /* "( Xinhua": not "( )" nor a bracket ending the paragraph */
                if (want_sp && j > i + 1 && j < b->end && v[j] != ')' && v[j] != ']' &&
                    !memchr(d->text + i, '\n', j - i)) {
                    const char s[2] = {c, 0};
                    const char *sugg[] = {s, NULL};
                    finding_add(cx->out, br->rule[R_SPACING], i, j, sugg, "space after '%c'", c);
                }
                continue;
            }
            if (c != ')' && c != ']') continue;
            bool open_kind = false;
            for (size_t u = 0; u < depth; u++) open_kind |= closer(stack[u].c) == c;
            if (!open_kind && !lost && not_a_bracket(v, b->start, i)) continue;
            size_t s = i;
            while (s > b->start && ascii_isblank(v[s - 1])) s--;
            if (want_sp && s < i && s > b->start && v[s - 1] != '(' && v[s - 1] != '[' &&
                !memchr(d->text + s, '\n', i - s)) {
                const char t[2] = {c, 0};
                const char *sugg[] = {t, NULL};
                finding_add(cx->out, br->rule[R_SPACING], s, i + 1, sugg, "space before '%c'", c);
            }
            if (lost) {
                lost--;
                continue;
            }
            /* the innermost bracket of this kind closes; any opened inside
             * it and left open are reported */
            size_t k = depth;
            while (k > 0 && closer(stack[k - 1].c) != c) k--;
            if (k == 0) {
                if (want_bal)
                    finding_add(cx->out, br->rule[R_UNBALANCED], i, i + 1, NULL, "'%c' with no '%c' open", c,
                                c == ')' ? '(' : '[');
                continue;
            }
            for (size_t u = k; u < depth && want_bal; u++)
                finding_add(cx->out, br->rule[R_UNBALANCED], stack[u].at, stack[u].at + 1, NULL,
                            "'%c' not closed before '%c'", stack[u].c, c);
            depth = k - 1;
        }
        for (size_t u = 0; u < depth && want_bal; u++)
            finding_add(cx->out, br->rule[R_UNBALANCED], stack[u].at, stack[u].at + 1, NULL,
                        "'%c' not closed in its paragraph", stack[u].c);
    }
}

static const struct {
    int rule;
    check_example ex;
} examples[] = {
    {R_SPACING, {.text = "BEIJING, Feb. 11 ( Xinhua) -- The report was released.", .flag = true, .expect = "( "}},
    {R_SPACING, {.text = "The consumer price index (CPI ) rose.", .flag = true, .expect = " )"}},
    {R_SPACING, {.text = "BEIJING, Feb. 11 (Xinhua) -- The report [see table] was released.", .flag = false}},
    {R_UNBALANCED, {.text = "The central bank (PBOC said rates would stay.", .flag = true, .expect = "("}},
    {R_UNBALANCED, {.text = "Deutsche Welle) The Biden administration said so.", .flag = true, .expect = ")"}},
    {R_UNBALANCED, {.text = "The options are a) wait and b) act (or both). Great :-) Sad :(", .flag = false}},
    {R_UNBALANCED, {.text = "Man City: James, Mills (Wright 83), Dunne (Sibierski 61).", .flag = false}},
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

bool check_brackets_open(registry *reg, const mtl_config *cfg, pass *p, mtl_diags *diags) {
    (void)cfg;
    brackets *br = xcalloc(1, sizeof *br);
    for (int i = 0; i < NRULES; i++) {
        long r = check_register(reg, rules[i].id, rules[i].level, MTL_CAT_PUNCTUATION, rules[i].description, diags);
        if (r < 0) {
            free(br);
            return false;
        }
        br->rule[i] = (size_t)r;
    }
    for (size_t i = 0; i < NEXAMPLES; i++) {
        br->examples[i] = check_example_own(&examples[i].ex, br->rule[examples[i].rule], "src/check_brackets.c", i + 1);
    }
    *p = (pass){.name = "brackets", .state = br, .run = brackets_run, .close = free, .examples = br->examples, .nexamples = NEXAMPLES};
    return true;
}
