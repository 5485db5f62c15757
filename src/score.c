/* score.c - weights, per-file scores and the run's summary. */
#include "score.h"

#include <stdio.h>
#include <string.h>

const unsigned long score_default_weight[3] = {0, 100, 500};

/* A category factor of 100 hundredths leaves the severity's points as
 * they are. */
enum { FACTOR_ONE = 100 };

bool score_set_weights(registry *r, const mtl_weight *w, size_t n, score_unknown_fn unknown, void *ctx) {
    unsigned long sev[3];
    unsigned long cat[MTL_CAT_COUNT];
    memcpy(sev, score_default_weight, sizeof sev);
    for (size_t c = 0; c < MTL_CAT_COUNT; c++) cat[c] = FACTOR_ONE;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        mtl_severity s;
        mtl_category c;
        if (mtl_severity_parse(w[i].key, &s)) sev[s] = w[i].centi;
        else if (mtl_category_parse(w[i].key, &c)) cat[c] = w[i].centi;
        else if (!reg_set_weight_of(r, w[i].key, w[i].centi)) {
            unknown(ctx, &w[i]);
            ok = false;
        }
    }
    for (size_t i = 0; i < reg_count(r); i++) {
        if (reg_weight_set(r, i)) continue;
        const mtl_rule_info *ri = reg_get(r, i);
        /* points x factor, both in hundredths, rounded half up */
        reg_set_weight(r, i, (sev[ri->level] * cat[ri->category] + FACTOR_ONE / 2) / FACTOR_ONE);
    }
    return ok;
}

void score_begin(mtl_file_score *fs, size_t words) {
    memset(fs, 0, sizeof *fs);
    fs->words = words;
}

void score_add(mtl_file_score *fs, const mtl_rule_info *ri, mtl_severity sev, mtl_category cat) {
    fs->penalty += ri->weight;
    fs->count[sev]++;
    fs->category[cat]++;
}

void score_end(mtl_file_score *fs) {
    fs->scored = fs->words > 0;
    fs->value = fs->scored ? mtl_score_value(fs->words, fs->penalty) : 0;
}

/* In tenths, score = 1000 x (1 - (p / 100) / w) = 1000 - 10 p / w (p in
 * hundredths); rounded half up that is floor((2001 w - 20 p) / 2 w), all
 * in integers so that no platform rounds differently. */
unsigned mtl_score_value(size_t words, unsigned long penalty) {
    if (words == 0) return 0;
    long long w = (long long)words, p = (long long)penalty;
    if (p > w * 100) return 0; /* penalty above the word count: floored */
    long long num = 2001 * w - 20 * p;
    return num <= 0 ? 0 : (unsigned)(num / (2 * w));
}

void mtl_format_tenths(char *out, size_t n, unsigned long tenths) {
    snprintf(out, n, "%lu.%lu", tenths / 10, tenths % 10);
}

void mtl_format_centi(char *out, size_t n, unsigned long centi) {
    if (centi % 100 == 0) snprintf(out, n, "%lu", centi / 100);
    else if (centi % 10 == 0) snprintf(out, n, "%lu.%lu", centi / 100, centi / 10 % 10);
    else snprintf(out, n, "%lu.%02lu", centi / 100, centi % 100);
}

void mtl_summary_add(mtl_summary *sum, const mtl_file_score *fs) {
    sum->words += fs->words;
    for (size_t c = 0; c < MTL_CAT_COUNT; c++) sum->category[c] += fs->category[c];
    if (!fs->scored) return;
    if (!sum->scored || fs->value < sum->lowest) sum->lowest = fs->value;
    sum->scored++;
    sum->score_sum += fs->value;
}

unsigned mtl_summary_mean(const mtl_summary *sum) {
    if (!sum->scored) return 0;
    return (unsigned)((2 * sum->score_sum + sum->scored) / (2 * sum->scored));
}
