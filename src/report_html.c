/* report_html.c - one self-contained page (docs/FORMATS.md, "html"): each
 * article as written with its findings highlighted, the findings listed
 * beside it, and for several files an overview table and an SVG bar chart
 * of the categories. No external resource; the small script only adds
 * filters and keyboard navigation, the page shows everything without it.
 *
 * Everything that comes from the input or the rules goes through esc(),
 * the one place that writes text into the page. Highlights come from the
 * findings' offsets into the decoded text (mtl_finding.text_offset); the
 * text is never searched. Files are rendered as they end; the page is
 * written at the end of the run, when the overview is known.
 *
 * The page is for reading the problems, so by default it carries only
 * the text that has some: a file without findings is a row of the
 * overview, and of an article only the headline and the blocks with a
 * finding are shown, the others summed up in a line (--html-full-text
 * shows every text whole). The markup is kept lean (short classes, end
 * tags HTML leaves optional omitted, the style sheet once): the page
 * stays within a few times the size of the JSON report. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* One finding's span, for the article. */
typedef struct span {
    size_t start, end;  /* text offsets */
    size_t index;       /* in the file's findings */
    char *attrs;        /* data-rule, data-severity, title: escaped */
} span;

/* One file, for the overview. */
typedef struct row {
    char *path;
    size_t id;          /* section id: sID */
    bool error;
    bool bare;          /* no findings and no section: the row stands for the file */
    mtl_file_score score;
} row;

typedef struct html_sink {
    mtl_sink base;
    const char *path;
    mtl_file_info info;            /* text borrowed until end_file */
    struct { span *v; size_t n, cap; } spans;
    struct { row *v; size_t n, cap; } rows;
    buf list;                      /* the file's findings, as list items */
    buf sections;                  /* every file rendered so far */
    size_t nfiles;
    bool full_text;                /* every file's whole text (--html-full-text) */
} html_sink;

static html_sink *H(mtl_sink *s) { return (html_sink *)s; }

/* Escapes s[0..n) for an attribute value (`& < > " '`) or, with
 * `text`, for element content (`& < >`: quotes, frequent in news, stay
 * one byte). The decoded text is valid UTF-8; rule strings are cleaned
 * first (report_clean). */
static void esc_as(buf *b, const char *s, size_t n, bool text) {
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !(s[run] == '&' || s[run] == '<' || s[run] == '>' ||
                            (!text && (s[run] == '"' || s[run] == '\''))))
            run++;
        buf_append(b, s + i, run - i);
        if (run >= n) break;
        switch (s[run]) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        default: buf_puts(b, "&#39;"); break;
        }
        i = run + 1;
    }
}

static void esc(buf *b, const char *s, size_t n) { esc_as(b, s, n, false); }

/* A string from the rules or a path: ill-formed UTF-8 and controls made
 * harmless, whitespace runs one space, then escaped. */
static void esc_field(buf *b, const char *s) {
    buf c = {0};
    report_cleans(&c, s, REPORT_ONE_SPACE | REPORT_ESCAPE_CONTROLS);
    esc(b, c.data ? c.data : "", c.len);
    buf_free(&c);
}

static void score_text(char *out, size_t n, const mtl_file_score *fs) {
    if (fs->scored) mtl_format_tenths(out, n, fs->value);
    else snprintf(out, n, "-");
}

/* good, fair or poor (g, f, p; x: no score): the badge's colour */
static const char *grade(const mtl_file_score *fs) {
    if (!fs->scored) return "x";
    return fs->value >= 950 ? "g" : fs->value >= 850 ? "f" : "p";
}

static void h_begin(mtl_sink *s, const char *path) {
    html_sink *h = H(s);
    h->path = path;
    memset(&h->info, 0, sizeof h->info);
    h->spans.n = 0;
    buf_clear(&h->list);
}

static void h_file_info(mtl_sink *s, const mtl_file_info *info) { H(s)->info = *info; }

static void h_finding(mtl_sink *s, const mtl_finding *f) {
    html_sink *h = H(s);
    size_t n = h->spans.n, id = h->nfiles;
    const char *sev = mtl_severity_name(f->severity), *cat = mtl_category_name(f->category);
    /* the span's attributes, written once per piece */
    buf a = {0};
    buf_puts(&a, " data-rule=\"");
    esc_field(&a, f->rule);
    buf_printf(&a, "\" data-severity=%s class=c%d title=\"", sev, (int)f->category);
    esc_field(&a, f->message);
    buf_puts(&a, " [");
    esc_field(&a, f->rule);
    buf_putc(&a, ']');
    for (size_t k = 0; k < f->nsuggestions; k++) {
        buf_puts(&a, k ? ", " : " \xe2\x86\x92 "); /* → */
        esc_field(&a, f->suggestions[k]);
    }
    buf_putc(&a, '"');
    span sp = {.start = f->text_offset, .end = f->text_offset + f->text_length, .index = n,
               .attrs = buf_steal(&a)};
    VEC_PUSH(h->spans, sp);

    /* the severity as a class of one letter (e, w, i) */
    buf *l = &h->list;
    buf_printf(l, "<li id=f%zu-%zu class=\"%c c%d\"><a href=#m%zu-%zu>%zu:%zu</a> <em>%s</em> ", id, n, sev[0],
               (int)f->category, id, n, f->line, f->column, sev);
    esc_field(l, f->message);
    buf_puts(l, " <code>");
    esc_field(l, f->rule);
    buf_printf(l, "</code> <small>%s</small>", cat);
    for (size_t k = 0; k < f->nsuggestions; k++) {
        buf_puts(l, k ? ", <ins>" : " \xe2\x86\x92 <ins>");
        esc_field(l, f->suggestions[k]);
        buf_puts(l, "</ins>");
    }
}

static int by_offset(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* By start, then by index: the order findings come in, kept whatever it is. */
static int by_start(const void *a, const void *b) {
    const span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The opening tag of one piece of span sp; the first piece is the target
 * of the list's link. */
static void open_mark(buf *b, size_t file, const span *sp, bool first) {
    buf_printf(b, "<mark data-finding=%zu", sp->index);
    if (first) buf_printf(b, " id=m%zu-%zu tabindex=0", file, sp->index);
    buf_puts(b, sp->attrs);
    buf_putc(b, '>');
}

/* A link back to the list after a finding's last piece; its label is
 * generated by CSS, so the article's text stays the text. */
static void back_link(buf *b, size_t file, const span *sp) {
    buf_printf(b, "<a class=r href=#f%zu-%zu data-n=%zu aria-label=\"finding %zu\"></a>", file, sp->index,
               sp->index + 1, sp->index + 1);
}

typedef struct { size_t *v; size_t n, cap; } offsets;
typedef struct { mtl_text_span *v; size_t n, cap; } stretches;

static size_t line_start(const char *t, size_t at) {
    while (at > 0 && t[at - 1] != '\n') at--;
    return at;
}

static size_t line_end(const char *t, size_t len, size_t at) {
    while (at < len && t[at] != '\n' && t[at] != '\r') at++;
    return at;
}

static bool blank(const char *t, size_t from, size_t to) {
    for (; from < to; from++)
        if (!(t[from] == ' ' || t[from] == '\t' || t[from] == '\n' || t[from] == '\r' || t[from] == '\f')) return false;
    return true;
}

static int by_span_start(const void *a, const void *b) {
    const mtl_text_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The last of the n spans v (sorted by start) that starts at or before
 * `at` (`strictly`: before), or NULL. */
static const mtl_text_span *span_before(const mtl_text_span *v, size_t n, size_t at, bool strictly) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strictly ? v[mid].start < at : v[mid].start <= at) lo = mid + 1;
        else hi = mid;
    }
    return lo ? &v[lo - 1] : NULL;
}

/* The stretches of the text the page shows, in order: all of it with
 * --html-full-text; else the headline and the sentences that have a
 * finding, those only white space apart made one. A finding outside
 * every sentence (white space between paragraphs...) shows its lines. */
static void shown_stretches(const html_sink *h, stretches *out) {
    const char *t = h->info.text;
    size_t len = h->info.len;
    out->n = 0;
    if (h->full_text) {
        VEC_PUSH(*out, ((mtl_text_span){0, len}));
        return;
    }
    stretches want = {0};
    if (h->info.headline_end > h->info.headline_start)
        VEC_PUSH(want, ((mtl_text_span){h->info.headline_start, h->info.headline_end}));
    const mtl_text_span *sv = h->info.sentences; /* in document order */
    size_t ns = h->info.nsentences;
    for (size_t i = 0; i < h->spans.n; i++) {
        mtl_text_span w = {h->spans.v[i].start, h->spans.v[i].end};
        const mtl_text_span *first = span_before(sv, ns, w.start, false);
        const mtl_text_span *last = span_before(sv, ns, w.end, w.end > w.start);
        bool in_first = first && first->end >= w.start, in_last = last && last->end >= w.end;
        if (in_first) w.start = first->start;
        else w.start = line_start(t, w.start);
        if (in_last) w.end = last->end > w.end ? last->end : w.end;
        else w.end = line_end(t, len, w.end);
        VEC_PUSH(want, w);
    }
    if (want.n) qsort(want.v, want.n, sizeof *want.v, by_span_start);
    for (size_t i = 0; i < want.n; i++) {
        mtl_text_span *prev = out->n ? &out->v[out->n - 1] : NULL;
        if (prev && (want.v[i].start <= prev->end || blank(t, prev->end, want.v[i].start))) {
            if (want.v[i].end > prev->end) prev->end = want.v[i].end;
        } else {
            VEC_PUSH(*out, want.v[i]);
        }
    }
    VEC_FREE(want);
}

/* What the page leaves out between two stretches: "[…]" inside a
 * paragraph, else a line "⋯ 3 paragraphs without findings". */
static void gap_note(const html_sink *h, buf *b, size_t from, size_t to, size_t *block) {
    const char *t = h->info.text;
    if (blank(t, from, to)) return;
    if (!memchr(t + from, '\n', to - from)) {
        buf_puts(b, " <span class=gap>[\xe2\x80\xa6]</span> ");
        return;
    }
    size_t n = 0;
    const mtl_text_span *bl = h->info.blocks;
    while (*block < h->info.nblocks && bl[*block].start < from) (*block)++;
    for (; *block < h->info.nblocks && bl[*block].start < to; (*block)++)
        if (bl[*block].end <= to) n++;
    buf_puts(b, "<p class=gap>\xe2\x8b\xaf");
    if (n) buf_printf(b, " %zu paragraph%s without findings", n, n == 1 ? "" : "s");
    buf_puts(b, "</p>");
}

/* The text cut at every span boundary; each piece is wrapped in one mark
 * per finding covering it (outermost first), so that overlapping findings
 * both keep every character of their span. The headline is a span of its
 * own kind, cut the same way. Pieces outside the shown stretches are
 * left out (no finding spans them), each gap noted once. */
static void render_text(html_sink *h, buf *b) {
    const char *t = h->info.text;
    size_t len = h->info.len, file = h->nfiles;
    stretches show = {0};
    shown_stretches(h, &show);
    offsets cut = {0};
    VEC_PUSH(cut, (size_t)0);
    VEC_PUSH(cut, len);
    if (h->info.headline_end > h->info.headline_start) {
        VEC_PUSH(cut, h->info.headline_start);
        VEC_PUSH(cut, h->info.headline_end);
    }
    for (size_t i = 0; i < show.n; i++) {
        VEC_PUSH(cut, show.v[i].start);
        VEC_PUSH(cut, show.v[i].end);
    }
    for (size_t i = 0; i < h->spans.n; i++) {
        if (h->spans.v[i].end > len) h->spans.v[i].end = len; /* defensive: a span past the text */
        if (h->spans.v[i].start > h->spans.v[i].end) h->spans.v[i].start = h->spans.v[i].end;
        VEC_PUSH(cut, h->spans.v[i].start);
        VEC_PUSH(cut, h->spans.v[i].end);
    }
    if (cut.n) qsort(cut.v, cut.n, sizeof *cut.v, by_offset); /* no findings: NULL, which qsort may not take */
    size_t ncut = 0; /* each offset once */
    for (size_t i = 0; i < cut.n; i++)
        if (i == 0 || cut.v[i] != cut.v[ncut - 1]) cut.v[ncut++] = cut.v[i];
    if (h->spans.n) qsort(h->spans.v, h->spans.n, sizeof *h->spans.v, by_start);
    bool *started = xcalloc(h->spans.n + 1, sizeof *started);
    size_t next = 0; /* the first span not yet begun */
    size_t st = 0, shown_to = 0, block = 0; /* the current stretch; where the text shown so far ends */
    offsets active = {0};
    for (size_t c = 0; c < ncut; c++) {
        size_t at = cut.v[c];
        /* spans ending here are done; empty ones are shown as a caret */
        size_t keep = 0;
        for (size_t k = 0; k < active.n; k++) {
            const span *sp = &h->spans.v[active.v[k]];
            if (sp->end <= at) back_link(b, file, sp);
            else active.v[keep++] = active.v[k];
        }
        active.n = keep;
        /* the stretch at `at`: the first not over before it (an empty
         * one, an empty span's line, is over only after it) */
        while (st < show.n && (show.v[st].end < at || (show.v[st].end == at && show.v[st].start < at))) st++;
        bool inside = st < show.n && show.v[st].start <= at;
        if (inside && at > shown_to) gap_note(h, b, shown_to, at, &block);
        if (inside && at > shown_to) shown_to = at;
        while (next < h->spans.n && h->spans.v[next].start <= at) {
            const span *sp = &h->spans.v[next];
            if (sp->end == sp->start) {
                open_mark(b, file, sp, true);
                buf_puts(b, "</mark>");
                back_link(b, file, sp);
            } else {
                VEC_PUSH(active, next);
            }
            next++;
        }
        if (at >= len) break;
        size_t to = cut.v[c + 1]; /* len is a cut, and at < len */
        if (!inside || at >= show.v[st].end) continue;
        shown_to = to;
        bool headline = at >= h->info.headline_start && to <= h->info.headline_end &&
                        h->info.headline_end > h->info.headline_start;
        if (headline) buf_puts(b, "<span class=hl>");
        for (size_t k = 0; k < active.n; k++) {
            open_mark(b, file, &h->spans.v[active.v[k]], !started[active.v[k]]);
            started[active.v[k]] = true;
        }
        esc_as(b, t + at, to - at, true);
        for (size_t k = 0; k < active.n; k++) buf_puts(b, "</mark>");
        if (headline) buf_puts(b, "</span>");
    }
    if (len > shown_to) gap_note(h, b, shown_to, len, &block);
    free(started);
    VEC_FREE(active);
    VEC_FREE(cut);
    VEC_FREE(show);
}


static void section_head(html_sink *h, buf *b, const char *score, const char *cls) {
    buf_printf(b, "<section id=s%zu data-path=\"", h->nfiles);
    esc_field(b, h->path);
    buf_printf(b, "\" data-score=\"%s\"><h2><span class=\"b %s\">%s</span> ", score, cls, score);
    esc_field(b, h->path);
    buf_puts(b, "</h2>");
}

static void h_end_file(mtl_sink *s) {
    html_sink *h = H(s);
    buf *b = &h->sections;
    const mtl_file_score *fs = &h->info.score;
    row r = {.path = xstrdup(h->path), .id = h->nfiles, .score = *fs};
    if (!h->spans.n && !h->full_text) {
        r.bare = true; /* nothing to look at: its row in the overview is enough */
    } else {
        char sc[16], pen[24];
        score_text(sc, sizeof sc, fs);
        mtl_format_centi(pen, sizeof pen, fs->penalty);
        section_head(h, b, fs->scored ? sc : "", grade(fs));
        buf_printf(b, "<p class=n>%zu word%s \xc2\xb7 ", fs->words, fs->words == 1 ? "" : "s");
        report_counts(b, fs->count);
        buf_printf(b, " \xc2\xb7 penalty %s</p><div class=cols><div class=a>", pen);
        if (h->info.text) render_text(h, b);
        buf_puts(b, "</div><ol class=l>");
        buf_append(b, h->list.data ? h->list.data : "", h->list.len);
        buf_puts(b, "</ol></div></section>\n");
    }
    VEC_PUSH(h->rows, r);
    for (size_t i = 0; i < h->spans.n; i++) free(h->spans.v[i].attrs);
    h->spans.n = 0;
    h->nfiles++;
}

static void h_file_error(mtl_sink *s, const char *path, const char *message) {
    html_sink *h = H(s);
    buf *b = &h->sections;
    h->path = path;
    section_head(h, b, "", "x");
    buf_puts(b, "<p class=e>");
    esc_field(b, message);
    buf_puts(b, "</p></section>\n");
    row r = {.path = xstrdup(path), .id = h->nfiles, .error = true};
    VEC_PUSH(h->rows, r);
    h->nfiles++;
}

/* ---- the page ---- */

/* Category colours: a translucent one for highlights, a solid one for
 * the chart and the legend. */
static const char *const cat_rgb[MTL_CAT_COUNT] = {
    "229,57,53", "142,36,170", "251,140,0", "30,136,229", "0,137,123",
    "109,76,65", "96,125,139", "216,27,96", "67,160,71", "200,160,0", "57,73,171"};

static const char page_css[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222}"
    "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.5em 0 .3em;word-break:break-all}"
    ".m,.n{color:#555;margin:.2em 0}"
    ".cols{display:flex;gap:2em;align-items:flex-start}"
    ".a{flex:3;white-space:pre-wrap;font:16px/1.7 Georgia,serif;max-width:42em}"
    ".hl{font-size:1.35em;font-weight:bold;line-height:1.4}"
    ".gap{font:italic 13px system-ui,sans-serif;color:#777;margin:.4em 0}"
    ".l{flex:2;font-size:13px;padding-left:1.6em;margin:0}.l li{margin:0 0 .5em;border-left:4px solid #ccc;padding-left:.4em}"
    ".l code{font-size:12px;color:#555}.l ins{text-decoration:none;background:#e8f5e9}"
    ".l em{font:bold 11px system-ui,sans-serif;text-transform:uppercase}.l small{font-size:11px;color:#666}"
    "li.e em{color:#c62828}li.w em{color:#e65100}li.i em{color:#546e7a}"
    "mark{color:inherit;background:none;border-radius:2px}mark:focus{outline:2px solid #1565c0}"
    "mark[data-severity=error]{border-bottom:3px solid #c62828}"
    "mark[data-severity=warning]{border-bottom:2px dashed #e65100}"
    "mark[data-severity=info]{border-bottom:1px dotted #546e7a}"
    "mark mark{padding-bottom:3px}mark mark mark{padding-bottom:6px}"
    "mark:empty::before{content:'\\2038';color:#c62828}"
    /* keyboard focus, or a link from the list, shows what hover shows */
    "mark[id]{position:relative}mark[id]:focus::after,mark[id]:target::after{content:attr(title);position:absolute;"
    "left:0;top:100%;z-index:1;width:max-content;max-width:26em;background:#263238;color:#fff;"
    "font:12px/1.4 system-ui,sans-serif;padding:.3em .5em;border-radius:3px;white-space:normal}"
    ".r{font-size:10px;vertical-align:super;text-decoration:none;color:#1565c0}.r::after{content:attr(data-n)}"
    ".b{display:inline-block;min-width:3em;text-align:center;border-radius:1em;padding:0 .5em;font-size:.9em}"
    ".g,.f,.p,.x{color:#fff}.g{background:#2e7d32}.f{background:#ef6c00}.p{background:#c62828}.x{background:#9e9e9e}"
    ".b.x:empty::after{content:'no score'}"
    ".tw{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:.5em 0}"
    "th,td{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:right}"
    "th:first-child,td:first-child{text-align:left}td.nf{text-align:left;color:#777}"
    ".lg span{display:inline-block;margin-right:1em;font-size:12px}"
    "p.e,td.e{color:#c62828}#filters{font-size:13px;margin:.5em 0}"
    "body.hide-info li.i,body.hide-warning li.w,body.hide-error li.e{display:none}"
    "body.hide-info mark[data-severity=info],body.hide-warning mark[data-severity=warning],"
    "body.hide-error mark[data-severity=error]{background:none;border:0;padding:0}"
    "@media(max-width:800px){.cols{display:block}}"
    "@media print{#filters{display:none}}";

/* Filters by severity and n/p to the next or previous finding. */
static const char page_js[] =
    "(function(){var f=document.getElementById('filters');f.hidden=false;"
    "f.addEventListener('change',function(e){document.body.classList.toggle('hide-'+e.target.value,"
    "!e.target.checked);});"
    "var m=[].slice.call(document.querySelectorAll('mark[id]')),i=-1;"
    "document.addEventListener('keydown',function(e){if(!m.length||e.ctrlKey||e.metaKey||e.altKey)return;"
    "if(e.key==='n')i=Math.min(i+1,m.length-1);else if(e.key==='p')i=Math.max(i-1,0);else return;"
    "m[i].focus();m[i].scrollIntoView({block:'center'});});})();";

/* The colours of the categories the run has findings of. */
static void css_categories(buf *b, const mtl_summary *sum) {
    for (size_t c = 0; c < MTL_CAT_COUNT; c++)
        if (sum->category[c])
            buf_printf(b, "mark.c%zu{background:rgba(%s,.22)}li.c%zu{border-color:rgb(%s)}", c, cat_rgb[c], c, cat_rgb[c]);
}

static void legend(buf *b, const mtl_summary *sum) {
    buf_puts(b, "<p class=lg>");
    for (size_t c = 0; c < MTL_CAT_COUNT; c++)
        if (sum->category[c])
            buf_printf(b, "<span><mark class=c%zu>%s</mark></span>", c, mtl_category_name((mtl_category)c));
    buf_puts(b, "<span><mark data-severity=error>error</mark></span>"
                "<span><mark data-severity=warning>warning</mark></span>"
                "<span><mark data-severity=info>info</mark></span></p>\n");
}

/* Horizontal bars, one per category that has findings, largest first. */
static void chart(buf *b, const mtl_summary *sum) {
    size_t order[MTL_CAT_COUNT], n = 0, max = 0;
    for (size_t c = 0; c < MTL_CAT_COUNT; c++)
        if (sum->category[c]) order[n++] = c;
    for (size_t i = 1; i < n; i++) /* insertion sort: ten at most */
        for (size_t k = i; k > 0 && sum->category[order[k]] > sum->category[order[k - 1]]; k--) {
            size_t x = order[k];
            order[k] = order[k - 1];
            order[k - 1] = x;
        }
    if (!n) return;
    max = sum->category[order[0]];
    const size_t bar_h = 18, gap = 6, label_w = 110, bar_w = 360;
    size_t height = n * (bar_h + gap);
    buf_printf(b, "<svg role=img aria-label=\"findings per category\" width=%zu height=%zu "
                  "viewBox=\"0 0 %zu %zu\" font-size=12>",
               label_w + bar_w + 60, height, label_w + bar_w + 60, height);
    for (size_t i = 0; i < n; i++) {
        size_t c = order[i], y = i * (bar_h + gap), count = sum->category[c];
        size_t w = count * bar_w / max;
        const char *name = mtl_category_name((mtl_category)c);
        buf_printf(b, "<g><title>%s: %zu</title><text x=%zu y=%zu text-anchor=end>%s</text>"
                      "<rect x=%zu y=%zu width=%zu height=%zu fill=\"rgb(%s)\"/>"
                      "<text x=%zu y=%zu>%zu</text></g>",
                   name, count, label_w - 8, y + 13, name, label_w, y, w ? w : 1, bar_h, cat_rgb[c],
                   label_w + (w ? w : 1) + 6, y + 13, count);
    }
    buf_puts(b, "</svg>\n");
}

/* worst first; files without a score last, in run order */
static int by_score(const void *a, const void *b) {
    const row *x = a, *y = b;
    bool sx = !x->error && x->score.scored, sy = !y->error && y->score.scored;
    if (sx != sy) return sx ? -1 : 1;
    if (sx && x->score.value != y->score.value) return x->score.value < y->score.value ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A count cell; a zero is left blank, for the eye. */
static void count_cell(buf *b, size_t n) {
    if (n) buf_printf(b, "<td>%zu", n);
    else buf_puts(b, "<td>");
}

/* The length of the directory part all paths share ("a/b/" of "a/b/x"
 * and "a/b/c/y"); 0 for one file. */
static size_t common_dir(const row *rows, size_t n) {
    if (n < 2) return 0;
    size_t len = strlen(rows[0].path);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && rows[i].path[k] == rows[0].path[k]) k++;
        len = k;
    }
    while (len > 0 && rows[0].path[len - 1] != '/') len--;
    return len > 1 ? len : 0; /* "/" says nothing */
}

/* The table of the files, worst first. A file without findings has no
 * section: its row carries its data-path and data-score. Cells and rows
 * leave out the end tags HTML does not need. */
static void overview(html_sink *h, buf *b, const mtl_summary *sum) {
    buf_puts(b, "<section id=overview><h2>Overview</h2>\n");
    chart(b, sum);
    row *rows = xcalloc(h->rows.n, sizeof *rows);
    memcpy(rows, h->rows.v, h->rows.n * sizeof *rows);
    qsort(rows, h->rows.n, sizeof *rows, by_score);
    size_t ncat = 0, dir = common_dir(rows, h->rows.n);
    buf_puts(b, "<div class=tw><table><thead><tr><th>File");
    if (dir) { /* the directory once, the paths under it in the rows */
        char *d = xstrndup(rows[0].path, dir);
        buf_puts(b, " in ");
        esc_field(b, d);
        free(d);
    }
    buf_puts(b, "<th>Score<th>Words<th>Errors<th>Warnings<th>Info");
    for (size_t c = 0; c < MTL_CAT_COUNT; c++)
        if (sum->category[c]) buf_printf(b, "<th>%s", mtl_category_name((mtl_category)c)), ncat++;
    buf_puts(b, "<tbody>\n");
    for (size_t i = 0; i < h->rows.n; i++) {
        const row *r = &rows[i];
        char sc[16];
        score_text(sc, sizeof sc, &r->score);
        if (r->bare) {
            buf_puts(b, "<tr data-path=\"");
            esc_field(b, r->path);
            buf_printf(b, "\" data-score=\"%s\"><td>", r->score.scored ? sc : "");
            esc_field(b, r->path + dir);
            buf_printf(b, "<td class=%s>%s<td>%zu<td colspan=%zu class=nf>no findings\n", grade(&r->score), sc,
                       r->score.words, 3 + ncat);
            continue;
        }
        buf_printf(b, "<tr><td><a href=#s%zu>", r->id);
        esc_field(b, r->path + dir);
        if (r->error) {
            buf_printf(b, "</a><td colspan=%zu class=e>not checked\n", 5 + ncat);
            continue;
        }
        buf_printf(b, "</a><td class=%s>%s<td>%zu", grade(&r->score), sc, r->score.words);
        for (int k = MTL_ERROR; k >= MTL_INFO; k--) count_cell(b, r->score.count[k]);
        for (size_t c = 0; c < MTL_CAT_COUNT; c++)
            if (sum->category[c]) count_cell(b, r->score.category[c]);
        buf_putc(b, '\n');
    }
    buf_puts(b, "</table></div></section>\n");
    free(rows);
}

static void h_end_run(mtl_sink *s, const mtl_summary *sum) {
    html_sink *h = H(s);
    buf b = {0};
    buf_puts(&b, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
                 "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
                 "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=generator content=\"mtlint " MTL_VERSION "\">\n<title>mtlint report</title>\n<style>");
    buf_puts(&b, page_css);
    css_categories(&b, sum);
    buf_puts(&b, "</style>\n</head>\n<body>\n<header>\n<h1>mtlint report</h1>\n<p class=m>");
    buf_printf(&b, "%zu file%s \xc2\xb7 %zu words \xc2\xb7 ", sum->files, sum->files == 1 ? "" : "s", sum->words);
    report_counts(&b, sum->count);
    if (sum->scored) {
        char mean[16], low[16];
        mtl_format_tenths(mean, sizeof mean, mtl_summary_mean(sum));
        mtl_format_tenths(low, sizeof low, sum->lowest);
        buf_printf(&b, " \xc2\xb7 mean score %s \xc2\xb7 lowest %s", mean, low);
    }
    buf_puts(&b, "</p>\n");
    legend(&b, sum);
    buf_puts(&b, "<form id=filters hidden>Show: "
                 "<label><input type=checkbox value=error checked> errors</label> "
                 "<label><input type=checkbox value=warning checked> warnings</label> "
                 "<label><input type=checkbox value=info checked> info</label> "
                 "\xc2\xb7 keys n and p: next and previous finding</form>\n</header>\n<main>\n");
    bool bare = false;
    for (size_t i = 0; i < h->rows.n; i++) bare |= h->rows.v[i].bare;
    if (h->rows.n > 1 || bare) overview(h, &b, sum);
    report_flush(s, &b);
    report_flush(s, &h->sections);
    buf_puts(&b, "</main>\n<script>");
    buf_puts(&b, page_js);
    buf_puts(&b, "</script>\n</body>\n</html>\n");
    report_flush(s, &b);
    buf_free(&b);
    report_finish(s);
}

static void h_destroy(mtl_sink *s) {
    html_sink *h = H(s);
    for (size_t i = 0; i < h->spans.n; i++) free(h->spans.v[i].attrs);
    VEC_FREE(h->spans);
    for (size_t i = 0; i < h->rows.n; i++) free(h->rows.v[i].path);
    VEC_FREE(h->rows);
    buf_free(&h->list);
    buf_free(&h->sections);
    free(h);
}

mtl_sink *report_html_open(FILE *out, const mtl_sink_options *o) {
    html_sink *h = xcalloc(1, sizeof *h);
    h->full_text = o->html_full_text;
    h->base = (mtl_sink){.begin_file = h_begin, .finding = h_finding, .file_error = h_file_error,
                         .end_file = h_end_file, .end_run = h_end_run, .destroy = h_destroy,
                         .file_info = h_file_info, .wants_text = true, .out = out};
    return &h->base;
}
