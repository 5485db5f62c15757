/* langid.c - language identification with libexttextcat (see langid.h). */
#include "langid.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <unistd.h>

#include "util.h"

#ifndef MTL_LANGID_DIR
#define MTL_LANGID_DIR "/usr/share/libexttextcat"
#endif

/* A few KB identify a language as well as the whole article does. */
enum { SAMPLE_BYTES = 4096 };

struct langid {
    void *tc;
    candidate_t *cand;
    char code[16];
};

langid *langid_open(const char *dir, char *err, size_t errlen) {
    if (!dir) dir = MTL_LANGID_DIR;
    char *conf = xasprintf("%s/fpdb.conf", dir);
    char *prefix = xasprintf("%s/", dir);
    langid *li = NULL;
    if (access(conf, R_OK) != 0) {
        snprintf(err, errlen, "%s: cannot read the language fingerprints (install libexttextcat-data)",
                 conf);
    } else {
        void *tc = special_textcat_Init(conf, prefix);
        if (!tc) {
            snprintf(err, errlen, "%s: the language fingerprints cannot be loaded", conf);
        } else {
            li = xcalloc(1, sizeof *li);
            li->tc = tc;
            li->cand = textcat_GetClassifyFullOutput(tc);
        }
    }
    free(conf);
    free(prefix);
    return li;
}

void langid_close(langid *li) {
    if (!li) return;
    textcat_ReleaseClassifyFullOutput(li->tc, li->cand);
    textcat_Done(li->tc);
    free(li);
}

const char *langid_detect(langid *li, const char *text, size_t len) {
    if (len > SAMPLE_BYTES) {
        len = SAMPLE_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80) len--; /* whole code points */
    }
    /* The classifier answers UNKNOWN, SHORT, or up to five candidates
     * within 3% of the best, best first: close relatives (es and ca, pt
     * and es) often come out together, and the first is the one to take. */
    int n = textcat_ClassifyFull(li->tc, text, len, li->cand);
    if (n <= 0 || !li->cand[0].name) return NULL;
    /* names are "es--utf8", "zh-CN-utf8": the language is before the '-' */
    const char *name = li->cand[0].name;
    size_t k = strcspn(name, "-");
    if (k == 0 || k >= sizeof li->code) return NULL;
    memcpy(li->code, name, k);
    li->code[k] = '\0';
    return li->code;
}
