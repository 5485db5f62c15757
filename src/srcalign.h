/* srcalign.h - the align stage of source-aware checking: pairs the blocks
 * (lines or paragraphs) of a source document with those of its target,
 * then the sentences inside each pair of blocks, and fills the target
 * doc's block_pairs and sent_pairs. The length model and the dynamic
 * programming are align.c's; this module decides what the units are.
 *
 *   lines:      one segment per line on both sides, paired in order; the
 *               counts must match.
 *   paragraphs: the markup's blocks, aligned by length (Gale-Church), so
 *               that a dropped paragraph does not shift every later pair.
 *   auto:       lines when both files have the same number of lines and
 *               neither has a blank line (segment-per-line files, as MT
 *               pipelines write them), else paragraphs. */
#ifndef MTL_SRCALIGN_H
#define MTL_SRCALIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "mtlint.h"
#include "util.h"

/* Aligns src with tgt and sets tgt->source, tgt->source_lang and the
 * pairs. Returns false with a message in err when --align lines meets
 * different line counts. */
bool srcalign_run(doc *tgt, const doc *src, const char *src_lang, mtl_align_mode mode, char *err,
                  size_t errlen);

/* The pairs as text, one line per pair (README, "Checking against the
 * source"): "S<TAB>T<TAB>type<TAB>source text<TAB>target text", where S
 * and T are the 1-based line numbers of the pair's first source and target
 * segment (- for none); when a block pair holds more than one sentence
 * pair, they follow it, their type indented by two spaces. */
void srcalign_show(const doc *tgt, buf *out);

#endif
