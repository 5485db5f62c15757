/* report.h - constructors of the report sinks (one file per format) and
 * what they share. The public entry is mtl_sink_open (mtlint.h). */
#ifndef MTL_REPORT_H
#define MTL_REPORT_H

#include "mtlint.h"
#include "util.h"

mtl_sink *report_text_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_json_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_sarif_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_github_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_checkstyle_open(FILE *out, const mtl_sink_options *o);

/* Appends s[0..n) to b as UTF-8 with every ill-formed subpart replaced by
 * U+FFFD (the formats that are not JSON need this too). */
void report_append_valid(buf *b, const char *s, size_t n);

/* Writes b to the sink's stream and empties it; marks the sink failed on a
 * write error (a closed pipe), after which nothing more is written. */
void report_flush(mtl_sink *s, buf *b);

#endif
