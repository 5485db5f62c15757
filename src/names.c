/* names.c - the names of severities and categories, and their parsers.
 * They belong to findings, not to any one reporter: the rule and config
 * loaders parse them, the reporters print them, and neither needs the
 * other. */
#include <string.h>

#include "mtlint.h"

static const char *const severity_names[] = {"info", "warning", "error"};
static const char *const category_names[MTL_CAT_COUNT] = {
    "spelling", "untranslated", "calque", "terminology", "punctuation",
    "locale", "layout", "artifact", "grammar", "style", "accuracy"};

const char *mtl_severity_name(mtl_severity s) { return severity_names[s]; }

bool mtl_severity_parse(const char *name, mtl_severity *out) {
    for (int i = 0; i < 3; i++) {
        if (strcmp(name, severity_names[i]) == 0) {
            *out = (mtl_severity)i;
            return true;
        }
    }
    if (strcmp(name, "suggestion") == 0) { /* Vale's name for info */
        *out = MTL_INFO;
        return true;
    }
    return false;
}

const char *mtl_category_name(mtl_category c) { return category_names[c]; }

bool mtl_category_parse(const char *name, mtl_category *out) {
    for (int i = 0; i < MTL_CAT_COUNT; i++) {
        if (strcmp(name, category_names[i]) == 0) {
            *out = (mtl_category)i;
            return true;
        }
    }
    return false;
}
