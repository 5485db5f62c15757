/* Offset property over every text file under tests/: for each finding of
 * the full default engine, `match` is valid UTF-8, and for UTF-8 input it
 * is the original bytes at offset..offset+length; line/column (and their ends) agree with the offset
 * when computed independently from the raw bytes. */
#include <dirent.h>
#include <sys/stat.h>

#include "testengine.h"
#include "util.h"

typedef struct prop {
    const char *bytes;
    size_t len;
    const char *path;
    size_t checked;
    bool utf8;
} prop;

/* Line and code-point column of a byte offset, straight from the bytes. */
static void raw_line_col(const prop *p, size_t off, size_t *line, size_t *col) {
    size_t l = 1, start = 0;
    if (p->len >= 3 && memcmp(p->bytes, "\xef\xbb\xbf", 3) == 0) start = 3;
    for (size_t i = start; i < off; i++) {
        if (p->bytes[i] == '\n' || (p->bytes[i] == '\r' && !(i + 1 < p->len && p->bytes[i + 1] == '\n'))) {
            l++;
            start = i + 1;
        }
    }
    *line = l;
    *col = 1 + u8_count(p->bytes + start, off - start);
}

static void verify(void *ctx, const mtl_finding *f) {
    prop *p = ctx;
    ck_assert_msg(f->offset + f->length <= p->len, "%s: %s span past the end", p->path, f->rule);
    ck_assert_msg(u8_valid_prefix(f->match, f->match_len) == f->match_len, "%s:%zu: %s: match is not UTF-8",
                  p->path, f->line, f->rule);
    if (p->utf8) {
        ck_assert_msg(f->match_len == f->length && memcmp(f->match, p->bytes + f->offset, f->length) == 0,
                      "%s:%zu: %s: match is not the bytes at its offset", p->path, f->line, f->rule);
        size_t l, c;
        raw_line_col(p, f->offset, &l, &c);
        ck_assert_msg(l == f->line && c == f->column, "%s: %s at %zu: %zu:%zu reported, %zu:%zu computed", p->path,
                      f->rule, f->offset, f->line, f->column, l, c);
        raw_line_col(p, f->offset + f->length, &l, &c);
        ck_assert_msg(l == f->end_line && c == f->end_column, "%s: %s end: %zu:%zu reported, %zu:%zu computed",
                      p->path, f->rule, f->end_line, f->end_column, l, c);
    }
    p->checked++;
}

static size_t files_seen, findings_seen;

static bool text_file(const char *name) {
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".txt") == 0 || strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0 ||
                   strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0);
}

static void walk(mtl_engine *e, const char *dir) {
    DIR *dp = opendir(dir);
    ck_assert_ptr_nonnull(dp);
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.') continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(e, path);
        } else if (S_ISREG(st.st_mode) && text_file(de->d_name)) {
            FILE *fp = fopen(path, "rb");
            ck_assert_ptr_nonnull(fp);
            buf b = {0};
            char chunk[65536];
            size_t n;
            while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&b, chunk, n);
            fclose(fp);
            prop p = {.bytes = b.data ? b.data : "", .len = b.len, .path = path};
            /* read as UTF-8: valid, no NULs (UTF-16), no ESC (7-bit ISO-2022) */
            p.utf8 = u8_valid_prefix(p.bytes, p.len) == p.len && !memchr(p.bytes, 0, p.len) &&
                     !memchr(p.bytes, 0x1B, p.len);
            char err[256];
            mtl_status st2 = mtl_engine_check_buffer(e, path, p.bytes, p.len, verify, &p, err, sizeof err);
            ck_assert_msg(st2 == MTL_OK || st2 == MTL_ERR_BINARY, "%s: %s", path, err);
            files_seen++;
            findings_seen += p.checked;
            buf_free(&b);
        }
        free(path);
    }
    closedir(dp);
}

START_TEST(every_finding_points_at_its_match) {
    char rules[4096], dicts[4096];
    snprintf(rules, sizeof rules, "%s", test_path("rules"));
    snprintf(dicts, sizeof dicts, "%s", test_path("dictionaries"));
    mtl_config cfg = {.builtin_rules = rules, .dict_dir = dicts, .source_lang = "es"};
    mtl_engine *e = te_open(&cfg);
    walk(e, test_path("tests"));
    mtl_engine_close(e);
    fprintf(stderr, "offsets: %zu files, %zu findings verified\n", files_seen, findings_seen);
    ck_assert_uint_gt(files_seen, 5);
    ck_assert_uint_gt(findings_seen, 10); /* the property must have been exercised */
}
END_TEST

static Suite *offsets_suite(void) {
    Suite *s = suite_create("offsets");
    TCase *tc = tcase_create("property");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_finding_points_at_its_match);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(offsets_suite)
