/* finding.h - findings while a document is checked: rule index, text span,
 * message and suggestions; sorted by position with exact duplicates merged
 * before reporting. */
#ifndef MTL_FINDING_H
#define MTL_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "mtlint.h"
#include "registry.h"

typedef struct finding {
    size_t rule;               /* registry index */
    mtl_severity severity;
    mtl_category category;
    size_t start, end;         /* text offsets, end exclusive */
    char *message;
    char **sugg;
    size_t nsugg;
} finding;

typedef struct findings {
    finding *v;
    size_t n, cap;
    const registry *reg;
} findings;

/* Adds a finding for rule `rule` over text [start, end) unless the rule is
 * disabled. `sugg` is NULL or a NULL-terminated list (copied). Severity and
 * category come from the registry. */
void finding_add(findings *fl, size_t rule, size_t start, size_t end, const char *const *sugg,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Same with a message already built (taken over, must be malloc'd). */
void finding_add_msg(findings *fl, size_t rule, size_t start, size_t end,
                     const char *const *sugg, char *message);

/* Keeps the findings for which keep() is true, in order. */
void finding_filter(findings *fl, bool (*keep)(const finding *f, void *ctx), void *ctx);

/* Sort by start, end, rule, message; drop exact duplicates. */
void finding_sort(findings *fl);
void finding_clear(findings *fl);
/* Drops the findings after the first n (those a check added since). */
void finding_truncate(findings *fl, size_t n);
void finding_free(findings *fl);

#endif
