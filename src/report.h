/* report.h - constructors of the report sinks (one file per format) and
 * what they share. The public entry is mtl_sink_open (mtlint.h). */
#ifndef MTL_REPORT_H
#define MTL_REPORT_H

#include "json.h"
#include "mtlint.h"
#include "util.h"

mtl_sink *report_text_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_json_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_sarif_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_github_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_checkstyle_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_html_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_jsonl_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_vale_json_open(FILE *out, const mtl_sink_options *o);
mtl_sink *report_vale_line_open(FILE *out, const mtl_sink_options *o);

/* How report_clean treats a field. Ill-formed UTF-8 always becomes U+FFFD,
 * one per maximal ill-formed subpart. */
enum {
    REPORT_ONE_SPACE = 1,       /* any run of whitespace -> one space (messages, matches) */
    REPORT_ESCAPE_CONTROLS = 2  /* C0 and C1 controls but tab -> \x1b (terminal text) */
};

/* Appends s[0..n) to b, cleaned as `how` (REPORT_* flags) says. */
void report_clean(buf *b, const char *s, size_t n, unsigned how);
void report_cleans(buf *b, const char *s, unsigned how);

/* Writes b to the sink's stream and empties it. On a write error the sink
 * records it (failed, error) and writes nothing more. */
void report_flush(mtl_sink *s, buf *b);
/* Flushes the sink's stream at the end of the run, recording an error. */
void report_finish(mtl_sink *s);

/* key: a field cleaned to one line (REPORT_ONE_SPACE), through the
 * scratch buffer tmp. */
void report_kv_one_line(json_w *w, buf *tmp, const char *key, const char *s, size_t n);
/* key: a path; when it is not valid UTF-8 (a file name in a legacy
 * encoding), the string has U+FFFD in place of the bad bytes and
 * KEY_bytes follows with every byte, '%', controls and bytes 0x80-0xFF
 * percent-encoded, which loses nothing. */
void report_kv_path(json_w *w, const char *key, const char *path);
/* A finding's fields, from "rule" to "suggestions", into the object that
 * is open: the one shape json and jsonl share (docs/FORMATS.md). */
void report_finding_fields(json_w *w, buf *tmp, const mtl_finding *f);

/* "3 errors, 1 warning, 2 info": the severities that occur, worst first;
 * "no findings" when none does. */
void report_counts(buf *b, const size_t count[3]);

/* {"words": 412, "penalty": 9, "value": 97.8} (value null without words),
 * and the run's summary object, for json and sarif alike. */
void report_score_json(json_w *w, const mtl_file_score *fs);
void report_summary_json(json_w *w, const mtl_summary *sum);

#endif
