/* spell.c - Hunspell wrapper: dictionary search, supplements, user words,
 * encoding conversion and the verdict cache (see spell.h). */
#include "spell.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "mtd.h"

/* Longest word (bytes, UTF-8) handed to Hunspell; Hunspell itself rejects
 * words over 100 characters, and nothing that long is a word. */
#define SPELL_MAX_WORD 256

const char *const spell_system_dirs[] = {
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    NULL,
};

/* ---- finding dictionaries ---- */

static bool readable(const char *path) { return access(path, R_OK) == 0; }

static bool pair_at(const char *base, char **aff, char **dic) {
    char *a = xasprintf("%s.aff", base);
    char *d = xasprintf("%s.dic", base);
    if (readable(a) && readable(d)) {
        *aff = a;
        *dic = d;
        return true;
    }
    free(a);
    free(d);
    return false;
}

/* The search path: $DICPATH's directories, then the system ones. */
static size_t search_dirs(char ***out) {
    struct { char **v; size_t n, cap; } dirs = {0};
    const char *env = getenv("DICPATH");
    if (env) {
        const char *p = env;
        while (*p) {
            const char *e = strchr(p, ':');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n) VEC_PUSH(dirs, xstrndup(p, n));
            p += n + (e ? 1 : 0);
        }
    }
    for (size_t i = 0; spell_system_dirs[i]; i++) VEC_PUSH(dirs, xstrdup(spell_system_dirs[i]));
    *out = dirs.v;
    return dirs.n;
}

static void free_dirs(char **dirs, size_t n) {
    for (size_t i = 0; i < n; i++) free(dirs[i]);
    free(dirs);
}

static bool find_in(char **dirs, size_t ndirs, const char *name, char **aff, char **dic) {
    for (size_t i = 0; i < ndirs; i++) {
        char *base = xasprintf("%s/%s", dirs[i], name);
        bool ok = pair_at(base, aff, dic);
        free(base);
        if (ok) return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* First "LANG_*" pair of a directory, alphabetically. */
static bool find_variant(const char *dir, const char *lang, char **aff, char **dic) {
    DIR *dp = opendir(dir);
    if (!dp) return false;
    struct { char **v; size_t n, cap; } names = {0};
    size_t ll = strlen(lang);
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n > ll + 5 && strncmp(de->d_name, lang, ll) == 0 && de->d_name[ll] == '_' &&
            strcmp(de->d_name + n - 4, ".dic") == 0)
            VEC_PUSH(names, xstrndup(de->d_name, n - 4));
    }
    closedir(dp);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    bool ok = false;
    for (size_t i = 0; i < names.n && !ok; i++) {
        char *base = xasprintf("%s/%s", dir, names.v[i]);
        ok = pair_at(base, aff, dic);
        free(base);
    }
    VEC_FREE_ALL(names);
    return ok;
}

bool spell_find(const char *name, char **aff, char **dic, buf *searched) {
    if (strchr(name, '/')) {
        size_t n = strlen(name);
        if (n > 4 && (strcmp(name + n - 4, ".dic") == 0 || strcmp(name + n - 4, ".aff") == 0))
            n -= 4;
        char *base = xstrndup(name, n);
        bool ok = pair_at(base, aff, dic);
        free(base);
        if (!ok && searched) buf_puts(searched, name);
        return ok;
    }
    char **dirs;
    size_t ndirs = search_dirs(&dirs);
    bool ok = find_in(dirs, ndirs, name, aff, dic);
    if (!ok && !strchr(name, '_') && strlen(name) < 16) {
        /* A bare language code: its main country first (es_ES, fr_FR,
         * de_DE...), then whatever variant is installed. */
        char main_variant[40];
        size_t k = (size_t)snprintf(main_variant, sizeof main_variant, "%s_", name);
        for (const char *p = name; *p && k + 1 < sizeof main_variant; p++)
            main_variant[k++] = (char)(ascii_isalpha(*p) ? (*p & ~32) : *p);
        main_variant[k] = '\0';
        ok = find_in(dirs, ndirs, main_variant, aff, dic);
        for (size_t i = 0; i < ndirs && !ok; i++) ok = find_variant(dirs[i], name, aff, dic);
    }
    if (!ok && searched) {
        if (!getenv("DICPATH")) buf_puts(searched, "$DICPATH (unset), ");
        for (size_t i = 0; i < ndirs; i++) buf_printf(searched, "%s%s", i ? ", " : "", dirs[i]);
    }
    free_dirs(dirs, ndirs);
    return ok;
}

const char *spell_debian_package(const char *name, char *out, size_t outlen) {
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    /* Debian ships one package for all variants of these languages. */
    static const char *const whole[] = {"es", "fr", "it", NULL};
    for (size_t i = 0; whole[i]; i++) {
        size_t n = strlen(whole[i]);
        if (strncmp(base, whole[i], n) == 0 && (base[n] == '\0' || base[n] == '_')) {
            snprintf(out, outlen, "hunspell-%s", whole[i]);
            return out;
        }
    }
    static const char *const bare[][2] = {{"en", "en-us"}, {"de", "de-de"}, {"pt", "pt-pt"}};
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++) {
        if (strcmp(base, bare[i][0]) == 0) {
            snprintf(out, outlen, "hunspell-%s", bare[i][1]);
            return out;
        }
    }
    size_t k = (size_t)snprintf(out, outlen, "hunspell-");
    for (const char *p = base; *p && *p != '.' && k + 1 < outlen; p++)
        out[k++] = (char)(*p == '_' ? '-' : ascii_tolower((unsigned char)*p));
    if (k < outlen) out[k] = '\0';
    return out;
}

const char *spell_counterpart(const char *name) {
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (strncmp(base, "en", 2) != 0 || (base[2] != '\0' && base[2] != '_')) return NULL;
    return strcmp(base, "en_US") == 0 ? "en_GB" : "en_US";
}

/* ---- one Hunspell dictionary ---- */

/* A dictionary is its compiled table when there is an up-to-date one,
 * and Hunspell, opened on first need: for the words the table answers
 * "maybe" (see mtd.h). Without a table Hunspell is opened at once. */
typedef struct dict {
    char *aff, *dic;
    Hunhandle *h;    /* NULL until needed */
    bool h_failed;   /* opening it lazily failed: the table's word is final */
    UConverter *cnv; /* NULL when the dictionary is UTF-8 */
    mtd *compiled;   /* NULL: Hunspell decides every word */
    mtd_builder *overlay; /* the added words with their case variants */
    size_t replayed; /* bytes of the speller's added words given to h */
    bool borrowed;   /* a fork's: aff, dic, compiled and overlay are its base's */
} dict;

/* Converts UTF-8 to the dictionary's encoding, NUL-terminated in out
 * (SPELL_MAX_WORD * 2 bytes). False when the word has characters the
 * dictionary cannot represent: then no entry can match it. */
static bool to_dict(const dict *d, const char *w, size_t n, char *out, size_t outlen) {
    if (!d->cnv) {
        if (n >= outlen) return false;
        memcpy(out, w, n);
        out[n] = '\0';
        return true;
    }
    UChar u[SPELL_MAX_WORD];
    int32_t ulen = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, SPELL_MAX_WORD, &ulen, w, (int32_t)n, &err);
    if (U_FAILURE(err) || ulen >= SPELL_MAX_WORD) return false;
    int32_t len = ucnv_fromUChars(d->cnv, out, (int32_t)outlen, u, ulen, &err);
    return U_SUCCESS(err) && len >= 0 && (size_t)len < outlen;
}

static bool is_utf8_name(const char *enc) {
    return enc && (ascii_strcasecmp(enc, "UTF-8") == 0 || ascii_strcasecmp(enc, "UTF8") == 0);
}

/* Hunspell counts the users of a global table with a plain int in
 * create and destroy: with -j several threads may open dictionaries (en_GB
 * opens lazily), so those two calls are serialised. Checking words shares
 * nothing between handles. */
static pthread_mutex_t hunspell_lifecycle = PTHREAD_MUTEX_INITIALIZER;

/* Opens Hunspell for d; false (with a message when diags) when its
 * encoding cannot be converted to. */
static bool dict_open_hunspell(dict *d, const char *name, mtl_diags *diags) {
    pthread_mutex_lock(&hunspell_lifecycle);
    d->h = Hunspell_create(d->aff, d->dic);
    pthread_mutex_unlock(&hunspell_lifecycle);
    const char *enc = Hunspell_get_dic_encoding(d->h);
    if (!is_utf8_name(enc)) {
        UErrorCode err = U_ZERO_ERROR;
        d->cnv = ucnv_open(enc, &err);
        if (U_SUCCESS(err))
            ucnv_setFromUCallBack(d->cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
        if (U_FAILURE(err)) {
            if (diags)
                mtl_diags_add(diags, "Hunspell dictionary '%s': its encoding '%s' is not supported (%s)",
                              name, enc ? enc : "(none)", u_errorName(err));
            return false;
        }
    }
    return true;
}

/* Whether path is in one of the system directories: the dictionaries
 * `make` compiles. */
static bool in_system_dir(const char *path) {
    for (size_t i = 0; spell_system_dirs[i]; i++) {
        size_t n = strlen(spell_system_dirs[i]);
        if (strncmp(path, spell_system_dirs[i], n) == 0 && path[n] == '/' && !strchr(path + n + 1, '/'))
            return true;
    }
    return false;
}

/* The compiled table of d, when there is one up to date; a note when
 * there should be one and is not. */
static void dict_find_compiled(dict *d, const spell_options *o) {
    if (!o->compiled_dir) return;
    /* named after the file itself: es_MX.dic is a link to es_ES.dic */
    char *real = realpath(d->dic, NULL);
    const char *file = real ? real : d->dic;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".dic") == 0) n -= 4;
    char *path = xasprintf("%s/%.*s.mtd", o->compiled_dir, (int)n, base);
    free(real);
    mtd_status st;
    d->compiled = mtd_open(path, d->aff, d->dic, &st);
    static const char *const why[] = {
        [MTD_MISSING] = "is missing", [MTD_STALE] = "was compiled from another version of ",
        [MTD_BAD] = "is unreadable", [MTD_OTHER_FORMAT] = "was written by another build of mtlint"};
    if (o->notes && st != MTD_OK && (st != MTD_MISSING || in_system_dir(d->dic)))
        mtl_diags_add(o->notes, "compiled dictionary %s %s%s: Hunspell checks every word (slower); `make` rebuilds it",
                      path, why[st], st == MTD_STALE ? d->dic : "");
    free(path);
}

static bool dict_open(dict *d, const char *name, const spell_options *o, mtl_diags *diags) {
    char *aff, *dic;
    buf searched = {0};
    if (!spell_find(name, &aff, &dic, &searched)) {
        char pkg[64];
        spell_debian_package(name, pkg, sizeof pkg);
        if (strchr(name, '/'))
            mtl_diags_add(diags, "Hunspell dictionary '%s' not found: %s.aff and %s.dic must both be readable",
                          name, name, name);
        else
            mtl_diags_add(diags,
                          "no Hunspell dictionary '%s' found: looked for %s.aff and %s.dic in %s; "
                          "install the Debian package %s (apt-get install %s), or set DICPATH "
                          "to a directory that has them",
                          name, name, name, searched.data, pkg, pkg);
        buf_free(&searched);
        return false;
    }
    buf_free(&searched);
    d->aff = aff;
    d->dic = dic;
    dict_find_compiled(d, o);
    return d->compiled || dict_open_hunspell(d, name, diags);
}

static void dict_close(dict *d) {
    if (d->h) {
        pthread_mutex_lock(&hunspell_lifecycle);
        Hunspell_destroy(d->h);
        pthread_mutex_unlock(&hunspell_lifecycle);
    }
    if (d->cnv) ucnv_close(d->cnv);
    if (d->borrowed) return;
    mtd_close(d->compiled);
    mtd_builder_free(d->overlay);
    free(d->aff);
    free(d->dic);
}

static void dict_add_word(dict *d, const char *w, size_t n) {
    char tmp[SPELL_MAX_WORD * 2];
    if (n && to_dict(d, w, n, tmp, sizeof tmp)) Hunspell_add(d->h, tmp);
}

/* ---- words added to the dictionaries ---- */

/* Hunspell_add gives a word no affixes, but Hunspell's case rules still
 * apply to it: an entry in lower case is also accepted capitalised and in
 * capitals, any other entry also in capitals (Hunspell adds a hidden
 * capitalised twin for mixed-case entries: "McDonald" -> "MCDONALD").
 * These variants are what a compiled dictionary's overlay holds. */
typedef enum recase_mode { CAP_FIRST, CAP_ALL } recase_mode;

static size_t recase(const char *w, size_t n, recase_mode mode, char *out, size_t cap) {
    size_t k = 0;
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        UChar32 c;
        int32_t s = i;
        U8_NEXT(w, i, len, c);
        if (c < 0 || k + 4 > cap) return 0;
        if (mode == CAP_ALL || s == 0) {
            UChar32 u = u_toupper(c);
            U8_APPEND_UNSAFE(out, k, u);
        } else {
            memcpy(out + k, w + s, (size_t)(i - s));
            k += (size_t)(i - s);
        }
    }
    return k;
}

static bool has_upper(const char *w, size_t n) {
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        UChar32 c;
        U8_NEXT(w, i, len, c);
        if (c >= 0 && u_isupper(c)) return true;
    }
    return false;
}

/* ---- word lists ---- */

/* The plural of an English supplement entry, by the rule of the S flag in
 * Debian's en_US and en_GB: consonant + y -> ies; s, x, z, ch, sh -> es;
 * otherwise s. */
static size_t english_plural(const char *w, size_t n, char *out, size_t cap) {
    if (n == 0 || n + 3 > cap) return 0;
    memcpy(out, w, n);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : ' ';
    if (last == 'y' && prev && !strchr("aeiou", prev)) {
        memcpy(out + n - 1, "ies", 3);
        return n + 2;
    }
    if (strchr("sxz", last) || (last == 'h' && (prev == 'c' || prev == 's'))) {
        memcpy(out + n, "es", 2);
        return n + 2;
    }
    out[n] = 's';
    return n + 1;
}

/* Reads a word list and adds every word to the dictionaries: a user list
 * (one word a line, '#' comments) or, when `dic_format`, a supplement in
 * Hunspell's .dic format (count line first, then word/FLAGS; '#' lines
 * are comments). Of the flags, S adds the plural and M the possessive;
 * others are ignored (the supplements use no others).
 *
 * Hunspell_add_dic would read the flags itself, but each call parses the
 * dictionary's .aff file again: 20 to 35 ms per file and dictionary here,
 * more than all the rest of opening. Hunspell_add costs microseconds. */
static void speller_add(speller *sp, const char *w, size_t n);

static bool read_words(const char *path, bool dic_format, speller *sp, mtl_diags *diags) {
    FILE *f = fopen(path, "r");
    if (!f) {
        mtl_diags_add(diags, "cannot read word list %s: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    size_t lineno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *s = line;
        if (lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
        if (dic_format && lineno == 1) continue; /* the word count */
        while (*s == ' ' || *s == '\t') s++;
        size_t n = strcspn(s, dic_format ? "/\t\r\n" : "\r\n");
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
        if (!n || *s == '#') continue;
        speller_add(sp, s, n);
        const char *flags = dic_format && s[n] == '/' ? s + n + 1 : "";
        size_t nflags = strcspn(flags, " \t\r\n");
        char form[SPELL_MAX_WORD];
        if (memchr(flags, 'S', nflags)) {
            size_t pn = english_plural(s, n, form, sizeof form);
            if (pn) speller_add(sp, form, pn);
        }
        if (memchr(flags, 'M', nflags) && n + 2 < sizeof form) {
            memcpy(form, s, n);
            memcpy(form + n, "'s", 2);
            speller_add(sp, form, n + 2);
        }
    }
    free(line);
    /* a directory opens, then fails to read (EISDIR): not an empty list */
    bool ok = !ferror(f);
    if (!ok) mtl_diags_add(diags, "cannot read word list %s: %s", path, strerror(errno));
    fclose(f);
    return ok;
}

/* The *.dic files of a directory, sorted so that the load order (and so
 * any conflict between them) does not depend on the file system. */
static size_t list_dics(const char *dir, char ***out) {
    struct { char **v; size_t n, cap; } names = {0};
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *de;
        while ((de = readdir(dp))) {
            size_t n = strlen(de->d_name);
            if (n > 4 && de->d_name[0] != '.' && strcmp(de->d_name + n - 4, ".dic") == 0)
                VEC_PUSH(names, xasprintf("%s/%s", dir, de->d_name));
        }
        closedir(dp);
    }
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    *out = names.v;
    return names.n;
}

/* ---- the speller and its cache ---- */

/* 16 bytes, so that four share a cache line: the table is probed for
 * nearly every word of every document and is too big for the L2 cache. */
typedef struct entry {
    uint32_t tag;       /* high half of the key's hash (the low half picks the slot) */
    uint32_t off;       /* key bytes in sp->keys */
    uint32_t sugg;      /* first suggestion in sp->sugg */
    uint8_t len;        /* key length; 0: empty slot */
    uint8_t nsugg;
    uint8_t memo;
    uint8_t known : 1, suggested : 1;
} entry;
_Static_assert(SPELL_MAX_WORD <= 256, "entry.len holds key lengths below SPELL_MAX_WORD");

struct speller {
    char *name;
    dict *d;
    size_t nd;
    entry *tab;
    size_t cap, used;       /* cap is a power of two */
    buf keys;
    struct { char **v; size_t n, cap; } sugg;
    buf added;              /* words added (supplements, user lists), NUL-separated */
    spell_stats st;
    uint8_t no_memo;        /* spell_memo's byte for what is no word (per speller: per thread) */
    speller *base;          /* a fork's: whose Hunspell it asks */
    pthread_mutex_t hmu;    /* held by a fork asking this speller's Hunspell */
};

static void speller_add(speller *sp, const char *w, size_t n) {
    if (!n || n >= SPELL_MAX_WORD * 2) return;
    buf_append(&sp->added, w, n);
    buf_append(&sp->added, "", 1);
    for (size_t i = 0; i < sp->nd; i++) {
        dict *d = &sp->d[i];
        if (!d->h) continue;
        dict_add_word(d, w, n);
        d->replayed = sp->added.len;
    }
    char v[SPELL_MAX_WORD * 2 + 8];
    size_t ku = recase(w, n, CAP_ALL, v, sizeof v);
    char f[SPELL_MAX_WORD * 2 + 8];
    size_t kf = has_upper(w, n) ? 0 : recase(w, n, CAP_FIRST, f, sizeof f);
    for (size_t i = 0; i < sp->nd; i++) {
        dict *d = &sp->d[i];
        /* Hunspell_add ignores a word the dictionary has as an entry */
        if (!d->compiled || mtd_is_entry(d->compiled, w, n)) continue;
        if (!d->overlay) d->overlay = mtd_builder_new();
        mtd_builder_add(d->overlay, w, n);
        if (ku) mtd_builder_add(d->overlay, v, ku);
        if (kf) mtd_builder_add(d->overlay, f, kf);
    }
}

/* Hunspell for d, opened now if it was not, with the added words. */
static bool dict_hunspell(speller *sp, dict *d) {
    if (!d->h) {
        if (d->h_failed) return false;
        if (!dict_open_hunspell(d, sp->name, NULL)) {
            d->h_failed = true;
            return false;
        }
        sp->st.hunspell_opened++;
    }
    for (size_t i = d->replayed; i < sp->added.len; i += strlen(sp->added.data + i) + 1)
        dict_add_word(d, sp->added.data + i, strlen(sp->added.data + i));
    d->replayed = sp->added.len;
    return true;
}

speller *spell_open(const spell_options *o, mtl_diags *diags) {
    speller *sp = xcalloc(1, sizeof *sp);
    pthread_mutex_init(&sp->hmu, NULL);
    size_t nnames = 0;
    while (o->names && o->names[nnames]) nnames++;
    sp->name = xstrdup(nnames ? o->names[0] : "");
    sp->d = xcalloc(nnames ? nnames : 1, sizeof *sp->d);
    bool ok = nnames > 0;
    for (size_t i = 0; i < nnames; i++) {
        if (dict_open(&sp->d[sp->nd], o->names[i], o, diags))
            sp->nd++;
        else {
            dict_close(&sp->d[sp->nd]);
            memset(&sp->d[sp->nd], 0, sizeof sp->d[sp->nd]);
            ok = false;
        }
    }
    if (ok && o->busy) mtd_expect_busy(sp->d[0].compiled);
    if (ok && o->supplement_dir) {
        DIR *probe = opendir(o->supplement_dir);
        if (probe) closedir(probe);
        else if (o->supplement_dir_required) {
            mtl_diags_add(diags, "dictionary directory %s: %s", o->supplement_dir, strerror(errno));
            ok = false;
        }
        char **files;
        size_t nf = list_dics(o->supplement_dir, &files);
        for (size_t f = 0; f < nf; f++) {
            ok = read_words(files[f], true, sp, diags) && ok;
            free(files[f]);
        }
        free(files);
    }
    for (size_t w = 0; ok && o->word_files && o->word_files[w]; w++)
        ok = read_words(o->word_files[w], false, sp, diags) && ok;
    if (!ok) {
        spell_close(sp);
        return NULL;
    }
    sp->cap = 1024;
    sp->tab = xcalloc_written(sp->cap, sizeof *sp->tab);
    return sp;
}

speller *spell_fork(speller *base) {
    speller *sp = xcalloc(1, sizeof *sp);
    pthread_mutex_init(&sp->hmu, NULL);
    sp->base = base;
    sp->name = xstrdup(base->name);
    sp->d = xcalloc(base->nd ? base->nd : 1, sizeof *sp->d);
    sp->nd = base->nd;
    for (size_t i = 0; i < base->nd; i++) {
        const dict *b = &base->d[i];
        sp->d[i] = (dict){.aff = b->aff, .dic = b->dic, .compiled = b->compiled, .overlay = b->overlay,
                          .borrowed = true};
    }
    sp->cap = 1024;
    sp->tab = xcalloc_written(sp->cap, sizeof *sp->tab);
    return sp;
}

void spell_close(speller *sp) {
    if (!sp) return;
    for (size_t i = 0; i < sp->nd; i++) dict_close(&sp->d[i]);
    free(sp->d);
    free(sp->tab);
    buf_free(&sp->keys);
    buf_free(&sp->added);
    VEC_FREE_ALL(sp->sugg);
    free(sp->name);
    pthread_mutex_destroy(&sp->hmu);
    free(sp);
}

const char *spell_name(const speller *sp) { return sp->name; }

bool spell_compiled(const speller *sp) {
    for (size_t i = 0; i < sp->nd; i++)
        if (!sp->d[i].compiled) return false;
    return sp->nd > 0;
}

void spell_get_stats(const speller *sp, spell_stats *st) {
    *st = sp->st;
    st->cached = sp->used;
}

static void grow(speller *sp) {
    size_t ncap = sp->cap * 2;
    entry *nt = xcalloc_written(ncap, sizeof *nt);
    for (size_t i = 0; i < sp->cap; i++) {
        if (!sp->tab[i].len) continue;
        size_t j = (size_t)hash_bytes(sp->keys.data + sp->tab[i].off, sp->tab[i].len) & (ncap - 1);
        while (nt[j].len) j = (j + 1) & (ncap - 1);
        nt[j] = sp->tab[i];
    }
    free(sp->tab);
    sp->tab = nt;
    sp->cap = ncap;
}

/* Hunspell's verdict on w from dictionary i (1 yes, 0 no, -1 cannot ask).
 * A fork asks its base's Hunspell, opened once for all the forks, one
 * thread at a time: a handle and its converter are not thread-safe. */
static int hunspell_spell(speller *sp, size_t i, const char *w, size_t n) {
    speller *o = sp->base ? sp->base : sp;
    dict *d = &o->d[i];
    char tmp[SPELL_MAX_WORD * 2];
    int r = -1;
    if (sp->base) pthread_mutex_lock(&o->hmu);
    if (dict_hunspell(o, d) && to_dict(d, w, n, tmp, sizeof tmp)) {
        sp->st.hunspell_calls++;
        r = Hunspell_spell(d->h, tmp) != 0;
    }
    if (sp->base) pthread_mutex_unlock(&o->hmu);
    return r;
}

/* Whether any dictionary accepts w: the compiled tables first, then
 * Hunspell for the dictionaries whose table cannot tell. */
static bool ask(speller *sp, const char *w, size_t n) {
    bool undecided = false;
    for (size_t i = 0; i < sp->nd; i++) {
        if (!sp->d[i].compiled) {
            undecided = true;
            continue;
        }
        sp->st.compiled_lookups++;
        mtd_verdict v = mtd_check(sp->d[i].compiled, sp->d[i].overlay, w, n);
        if (v == MTD_YES) return true;
        undecided |= v == MTD_MAYBE;
    }
    if (!undecided) return false;
    for (size_t i = 0; i < sp->nd; i++) {
        dict *d = &sp->d[i];
        if (d->compiled && mtd_check(d->compiled, d->overlay, w, n) != MTD_MAYBE) continue;
        if (hunspell_spell(sp, i, w, n) > 0) return true;
    }
    return false;
}

/* The cache slot of word[0..n), filled (one Hunspell call per dictionary
 * at most) when the word is new. */
static entry *lookup(speller *sp, const char *w, size_t n) {
    uint64_t h = hash_bytes(w, n);
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = sp->cap - 1;
    size_t j = (size_t)h & mask;
    sp->st.lookups++;
    while (sp->tab[j].len) {
        entry *e = &sp->tab[j];
        if (e->tag == tag && e->len == n && memcmp(sp->keys.data + e->off, w, n) == 0) return e;
        j = (j + 1) & mask;
    }
    bool known = ask(sp, w, n);
    if ((sp->used + 1) * 2 > sp->cap) {
        grow(sp);
        mask = sp->cap - 1;
        j = (size_t)h & mask;
        while (sp->tab[j].len) j = (j + 1) & mask;
    }
    entry *e = &sp->tab[j];
    e->tag = tag;
    e->off = (uint32_t)sp->keys.len;
    e->len = (uint8_t)n;
    e->known = known;
    e->suggested = false;
    e->memo = 0;
    buf_append(&sp->keys, w, n);
    sp->used++;
    return e;
}

bool spell_known(speller *sp, const char *word, size_t n) {
    /* Hunspell accepts the empty string; nothing else this long is a word. */
    if (n == 0 || n >= SPELL_MAX_WORD) return false;
    return lookup(sp, word, n)->known;
}

bool spell_known_uncached(speller *sp, const char *word, size_t n) {
    if (n == 0 || n >= SPELL_MAX_WORD) return false;
    return ask(sp, word, n);
}

void spell_prefetch(const speller *sp, const char *word, size_t n) {
    if (sp->nd && sp->d[0].compiled && n && n < SPELL_MAX_WORD) mtd_prefetch(sp->d[0].compiled, word, n);
}

uint8_t *spell_memo(speller *sp, const char *word, size_t n) {
    if (n == 0 || n >= SPELL_MAX_WORD) {
        sp->no_memo = 0;
        return &sp->no_memo;
    }
    return &lookup(sp, word, n)->memo;
}

/* Suggestions are single edits of the word that the dictionary accepts,
 * tried in the order typing slips happen: two letters swapped, a letter
 * too many, a letter doubled or dropped, a wrong vowel, a missing space.
 * Hunspell_suggest finds more (any letter at any place, phonetic and REP
 * rules) but costs 30 to 70 ms a word here, two orders of magnitude over
 * the whole check of a news article; these edits cost about 0.3 ms. */
#define SUGG_KEEP 8

static void add_candidate(speller *sp, entry *e, const char *c, size_t n) {
    if (e->nsugg >= SUGG_KEEP || n == 0 || n >= SPELL_MAX_WORD) return;
    for (size_t i = 0; i < e->nsugg; i++)
        if (strlen(sp->sugg.v[e->sugg + i]) == n && memcmp(sp->sugg.v[e->sugg + i], c, n) == 0)
            return;
    if (!ask(sp, c, n)) return;
    VEC_PUSH(sp->sugg, xstrndup(c, n));
    e->nsugg++;
}

static bool ascii_letter_at(const char *w, size_t i) { return ascii_isalpha((unsigned char)w[i]); }

static void edit_candidates(speller *sp, entry *e, const char *w, size_t n) {
    static const char vowels[] = "aeiouy";
    char v[SPELL_MAX_WORD + 2];
    if (n + 2 > sizeof v) return;
    for (size_t i = 0; i + 1 < n; i++) { /* swapped */
        if (w[i] == w[i + 1] || !ascii_letter_at(w, i) || !ascii_letter_at(w, i + 1)) continue;
        memcpy(v, w, n);
        v[i] = w[i + 1];
        v[i + 1] = w[i];
        add_candidate(sp, e, v, n);
    }
    for (size_t i = 0; i < n; i++) { /* a letter too many */
        if (!ascii_letter_at(w, i) || (i > 0 && w[i] == w[i - 1])) continue;
        memcpy(v, w, i);
        memcpy(v + i, w + i + 1, n - i - 1);
        add_candidate(sp, e, v, n - 1);
    }
    for (size_t i = 0; i < n; i++) { /* a letter doubled that should not be, or not */
        if (!ascii_letter_at(w, i) || (i + 1 < n && w[i + 1] == w[i])) continue;
        memcpy(v, w, i + 1);
        memcpy(v + i + 1, w + i, n - i);
        add_candidate(sp, e, v, n + 1);
    }
    for (size_t i = 0; i < n; i++) { /* a wrong vowel */
        if (!strchr(vowels, w[i]) || !w[i]) continue;
        memcpy(v, w, n);
        for (const char *c = vowels; *c; c++) {
            if (*c == w[i]) continue;
            v[i] = *c;
            add_candidate(sp, e, v, n);
        }
    }
    for (size_t i = 1; i < n; i++) { /* a missing vowel */
        memcpy(v, w, i);
        memcpy(v + i + 1, w + i, n - i);
        for (const char *c = vowels; *c; c++) {
            v[i] = *c;
            add_candidate(sp, e, v, n + 1);
        }
    }
    for (size_t i = 2; i + 2 <= n && e->nsugg < SUGG_KEEP; i++) { /* a missing space */
        if (!ascii_letter_at(w, i - 1) || !ascii_letter_at(w, i)) continue;
        if (!ask(sp, w, i) || !ask(sp, w + i, n - i)) continue;
        memcpy(v, w, i);
        v[i] = ' ';
        memcpy(v + i + 1, w + i, n - i);
        VEC_PUSH(sp->sugg, xstrndup(v, n + 1));
        e->nsugg++;
    }
}

size_t spell_suggest(speller *sp, const char *word, size_t n, const char **out, size_t max) {
    if (n == 0 || n >= SPELL_MAX_WORD || sp->nd == 0) return 0;
    entry *e = lookup(sp, word, n);
    if (!e->suggested) {
        e->suggested = true;
        e->sugg = (uint32_t)sp->sugg.n;
        e->nsugg = 0;
        sp->st.suggest_calls++;
        edit_candidates(sp, e, word, n);
    }
    size_t k = 0;
    for (; k < e->nsugg && k < max; k++) out[k] = sp->sugg.v[e->sugg + k];
    return k;
}

char *spell_compiled_dir(const char *dict_dir) {
    const char *slash = strrchr(dict_dir, '/');
    size_t n = slash ? (size_t)(slash - dict_dir) : 0;
    char *installed = slash ? xasprintf("%.*s/dict", (int)n, dict_dir) : xstrdup("dict");
    struct stat st;
    if (stat(installed, &st) == 0 && S_ISDIR(st.st_mode)) return installed;
    free(installed);
    return slash ? xasprintf("%.*s/build/dict", (int)n, dict_dir) : xstrdup("build/dict");
}
