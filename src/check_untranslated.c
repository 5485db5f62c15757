/* check_untranslated.c - MT.Untranslated (see untranslated.h).
 *
 * Quote policy: a word quoted on its own ("the so-called 'mandatario'") is
 * a mention, not a translation failure, and the spelling pass does not
 * report it. Runs of non-Latin script are reported inside quotations too:
 * MT of Chinese news leaves names and titles in Han script inside quotes
 * as often as outside, and professional raters mark them. The one
 * exception is a run that fills a pair of parentheses on its own, which is
 * the way English glosses a foreign term: "guanxi (关系)". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "lang.h"
#include "untranslated.h"
#include "util.h"

/* ---- languages ---- */

enum { L_ES = 1, L_FR = 2, L_PT = 4, L_IT = 8, L_DE = 16, NLANG = 5 };

static const struct {
    const char *code, *name;
} languages[NLANG] = {
    {"es", "Spanish"}, {"pt", "Portuguese"}, {"fr", "French"}, {"it", "Italian"}, {"de", "German"},
};
/* languages[] order is the order of preference when letters fit several. */
static const unsigned lang_bit[NLANG] = {L_ES, L_PT, L_FR, L_IT, L_DE};

static unsigned lang_of_code(const char *code) {
    if (!code) return 0;
    for (size_t i = 0; i < NLANG; i++)
        if (strncmp(code, languages[i].code, 2) == 0 && (code[2] == '\0' || code[2] == '_'))
            return lang_bit[i];
    return 0;
}

/* The name of the language to report among `set`: the source language
 * when it is one of them, otherwise the first in order of preference. */
static const char *pick_language(unsigned set, unsigned preferred) {
    if (set & preferred) set = preferred;
    for (size_t i = 0; i < NLANG; i++)
        if (set & lang_bit[i]) return languages[i].name;
    return NULL;
}

/* ---- function words ----
 * Frequent words of each language that are not English words and are not
 * used in English text on their own. Left out on purpose: words that are
 * also English ("con", "sin", "son", "die", "den", "pour", "hat", "sue"),
 * single letters ("y", "e", "a"), words of English loan phrases or
 * abbreviations ("de facto", "per se", "et al", "en route", "au pair",
 * "est."), and loans English slang took ("nous", "dal"). */
static const struct {
    const char *w;
    unsigned langs;
} function_words[] = {
    /* Spanish */
    {"del", L_ES}, {"los", L_ES}, {"las", L_ES}, {"según", L_ES}, {"para", L_ES | L_PT},
    {"por", L_ES | L_PT}, {"también", L_ES}, {"pero", L_ES}, {"muy", L_ES}, {"aunque", L_ES},
    {"sino", L_ES}, {"desde", L_ES}, {"hasta", L_ES}, {"cuando", L_ES}, {"donde", L_ES},
    {"dónde", L_ES}, {"porque", L_ES | L_PT}, {"cómo", L_ES}, {"qué", L_ES}, {"quién", L_ES},
    {"cuál", L_ES}, {"cuáles", L_ES}, {"esta", L_ES | L_PT}, {"este", L_ES | L_PT},
    {"estos", L_ES}, {"estas", L_ES}, {"esto", L_ES}, {"está", L_ES | L_PT}, {"están", L_ES},
    {"estaba", L_ES}, {"fue", L_ES}, {"fueron", L_ES}, {"será", L_ES | L_PT}, {"sería", L_ES},
    {"había", L_ES}, {"habían", L_ES}, {"hemos", L_ES}, {"tiene", L_ES}, {"tienen", L_ES},
    {"puede", L_ES}, {"pueden", L_ES}, {"una", L_ES | L_IT}, {"unos", L_ES}, {"unas", L_ES},
    {"sus", L_ES}, {"nuestro", L_ES}, {"nuestra", L_ES}, {"ellos", L_ES}, {"ellas", L_ES},
    {"nosotros", L_ES}, {"usted", L_ES}, {"ustedes", L_ES}, {"más", L_ES}, {"además", L_ES},
    {"todavía", L_ES}, {"aquí", L_ES}, {"allí", L_ES}, {"así", L_ES}, {"sólo", L_ES},
    {"entonces", L_ES}, {"mientras", L_ES}, {"mediante", L_ES}, {"tras", L_ES}, {"hacia", L_ES},
    {"sobre", L_ES | L_PT}, {"entre", L_ES | L_PT | L_FR}, {"ni", L_ES}, {"su", L_ES},
    {"como", L_ES | L_PT}, {"que", L_ES | L_FR | L_PT}, {"dijo", L_ES}, {"afirmó", L_ES},
    {"señaló", L_ES}, {"indicó", L_ES}, {"explicó", L_ES}, {"agregó", L_ES}, {"añadió", L_ES},
    {"aseguró", L_ES}, {"destacó", L_ES}, {"año", L_ES}, {"años", L_ES}, {"ayer", L_ES},
    {"hoy", L_ES}, {"cuyo", L_ES}, {"cuya", L_ES}, {"mismo", L_ES}, {"misma", L_ES},
    {"otro", L_ES}, {"otra", L_ES}, {"otros", L_ES}, {"otras", L_ES}, {"cada", L_ES | L_PT},
    {"durante", L_ES | L_PT}, {"han", L_ES},
    /* French */
    {"les", L_FR}, {"des", L_FR}, {"du", L_FR}, {"dans", L_FR}, {"avec", L_FR}, {"sur", L_FR},
    {"selon", L_FR}, {"aussi", L_FR}, {"mais", L_FR | L_PT}, {"très", L_FR}, {"leur", L_FR},
    {"leurs", L_FR}, {"cette", L_FR}, {"ces", L_FR}, {"sont", L_FR}, {"été", L_FR},
    {"vous", L_FR}, {"ils", L_FR}, {"elles", L_FR}, {"une", L_FR},
    {"était", L_FR}, {"avait", L_FR}, {"étaient", L_FR}, {"déjà", L_FR}, {"depuis", L_FR},
    {"lors", L_FR}, {"après", L_FR}, {"puis", L_FR}, {"donc", L_FR}, {"ainsi", L_FR},
    {"également", L_FR}, {"notamment", L_FR}, {"toutefois", L_FR}, {"cependant", L_FR},
    {"hier", L_FR}, {"ont", L_FR}, {"sera", L_FR}, {"seront", L_FR}, {"peut", L_FR},
    {"doit", L_FR}, {"contre", L_FR}, {"lequel", L_FR}, {"laquelle", L_FR},
    {"où", L_FR}, {"ses", L_FR}, {"cet", L_FR}, {"notre", L_FR}, {"votre", L_FR},
    {"aujourd'hui", L_FR}, {"aujourd’hui", L_FR}, {"il", L_FR | L_IT}, {"elle", L_FR},
    {"être", L_FR}, {"avoir", L_FR},
    /* Portuguese */
    {"também", L_PT}, {"não", L_PT}, {"são", L_PT}, {"pelo", L_PT}, {"pela", L_PT},
    {"pelos", L_PT}, {"pelas", L_PT}, {"das", L_PT | L_DE}, {"uma", L_PT}, {"muito", L_PT},
    {"muita", L_PT}, {"então", L_PT}, {"foi", L_PT}, {"ainda", L_PT}, {"já", L_PT},
    {"seu", L_PT}, {"sua", L_PT}, {"seus", L_PT}, {"suas", L_PT}, {"ao", L_PT}, {"aos", L_PT},
    {"às", L_PT}, {"num", L_PT}, {"numa", L_PT}, {"nas", L_PT}, {"disse", L_PT},
    {"afirmou", L_PT}, {"segundo", L_PT | L_IT}, {"após", L_PT}, {"quando", L_PT | L_IT},
    {"onde", L_PT}, {"isso", L_PT}, {"isto", L_PT}, {"esse", L_PT}, {"essa", L_PT},
    {"eles", L_PT}, {"elas", L_PT}, {"você", L_PT}, {"vocês", L_PT}, {"estão", L_PT},
    {"há", L_PT},
    /* Italian */
    {"della", L_IT}, {"delle", L_IT}, {"degli", L_IT}, {"dello", L_IT}, {"nella", L_IT},
    {"nelle", L_IT}, {"nel", L_IT}, {"negli", L_IT}, {"anche", L_IT}, {"perché", L_IT},
    {"sono", L_IT}, {"questo", L_IT}, {"questa", L_IT}, {"questi", L_IT}, {"quello", L_IT},
    {"quella", L_IT}, {"gli", L_IT}, {"molto", L_IT}, {"tra", L_IT}, {"dopo", L_IT},
    {"senza", L_IT}, {"già", L_IT}, {"più", L_IT}, {"però", L_IT}, {"ancora", L_IT},
    {"hanno", L_IT}, {"essere", L_IT}, {"stato", L_IT}, {"detto", L_IT}, {"anni", L_IT},
    {"anno", L_IT}, {"sul", L_IT}, {"sulla", L_IT}, {"dalla", L_IT},
    {"dai", L_IT}, {"alle", L_IT}, {"agli", L_IT}, {"alla", L_IT}, {"ogni", L_IT},
    {"ciò", L_IT}, {"loro", L_IT}, {"suo", L_IT}, {"suoi", L_IT}, {"è", L_IT},
    /* German */
    {"und", L_DE}, {"nicht", L_DE}, {"auch", L_DE}, {"mit", L_DE}, {"für", L_DE},
    {"über", L_DE}, {"werden", L_DE}, {"wurde", L_DE}, {"wurden", L_DE}, {"sind", L_DE},
    {"ist", L_DE}, {"eine", L_DE}, {"einen", L_DE}, {"einem", L_DE}, {"einer", L_DE},
    {"dass", L_DE}, {"daß", L_DE}, {"oder", L_DE}, {"aber", L_DE}, {"noch", L_DE},
    {"nach", L_DE}, {"bei", L_DE}, {"wird", L_DE}, {"sich", L_DE}, {"zum", L_DE},
    {"zur", L_DE}, {"vom", L_DE}, {"beim", L_DE}, {"der", L_DE}, {"von", L_DE},
    {"zu", L_DE}, {"sie", L_DE}, {"wir", L_DE}, {"ich", L_DE}, {"haben", L_DE},
    {"sehr", L_DE}, {"heute", L_DE}, {"gegen", L_DE}, {"seit", L_DE}, {"unter", L_DE},
    {"zwischen", L_DE}, {"durch", L_DE}, {"ohne", L_DE}, {"können", L_DE}, {"müssen", L_DE},
};

/* Words that join the parts of a name ("Banco del Sur", "Juan de la
 * Cruz", "Ursula von der Leyen"): a function word among them, between
 * capitalized words, belongs to the name. */
static const char *const particles[] = {
    "de", "del", "la", "las", "los", "el", "da", "das", "do", "dos", "di", "du", "des", "le",
    "les", "van", "von", "der", "den", "ter", "zu", "zum", "zur", "y", "e", "della", "degli",
    "delle", "dei", "dal", "dalla", "al", NULL,
};

/* Loan phrases English uses as they are, as (function word, neighbour)
 * pairs: the function word is not reported when this neighbour follows
 * (after = true) or precedes it. */
static const struct {
    const char *fw, *other;
    bool after;
} loan_phrases[] = {
    {"du", "jour", true},      {"entre", "nous", true},   {"que", "sera", true},
    {"hasta", "vista", false}, {"sur", "place", true},    {"alla", "breve", true},
    {"über", "alles", true},   {"mais", "oui", true},     {"les", "misérables", true},
};

/* Loanwords that English news prints as they are: never reported even
 * when the source dictionary knows them and English dictionaries do not.
 * (Most are in en_US already; this covers the ones that are not, and the
 * dictionaries' gaps from version to version.) */
static const char *const loanwords[] = {
    "fiesta", "fiestas", "siesta", "junta", "juntas", "plaza", "plazas", "rodeo", "guerrilla",
    "guerrillas", "macho", "machismo", "patio", "bodega", "bodegas", "cartel", "carteles",
    "salsa", "tango", "flamenco", "barrio", "barrios", "gringo", "gringos", "hacienda",
    "mesa", "aficionado", "aficionados", "bonanza", "embargo", "matador", "peso", "pesos",
    "pueblo", "pueblos", "sombrero", "tornado", "vigilante", "tapas", "paella", "chorizo",
    "tortilla", "tortillas", "burrito", "taco", "tacos", "nachos", "guacamole", "mariachi",
    "mariachis", "piñata", "mañana", "amigo", "amigos", "señor", "señora", "señorita",
    "conquistador", "conquistadores", "caudillo", "caudillos", "campesino", "campesinos",
    "favela", "favelas", "telenovela", "telenovelas", "narco", "narcos", "maquiladora",
    "maquiladoras", "cocalero", "cocaleros", "mestizo", "mestizos", "pisco", "ceviche",
    "chavista", "chavistas", "peronista", "peronistas", "sandinista", "sandinistas",
    "zapatista", "zapatistas", "contra", "contras", "tequila", "mezcal", "quinoa", "llama",
    "llamas", "alpaca", "alpacas", "poncho", "ponchos", "gaucho", "gauchos", "samba",
    "bossa", "nova", "capoeira", "caipirinha", "feijoada", "cachaça", "pizza", "pasta",
    "espresso", "cappuccino", "latte", "paparazzi", "mafia", "vendetta", "graffiti",
    "diva", "fiasco", "ghetto", "piazza", "pronto", "bravo", "kindergarten", "angst",
    "zeitgeist", "wanderlust", "realpolitik", "ersatz", "kitsch", "blitz", "doppelganger",
    "schadenfreude", "rapprochement", "entente", "détente", "coup", "coups", "bourgeoisie",
    "laissez", "faire", NULL,
};

/* A set of the static words above: open addressing on the word's hash,
 * with its length kept beside it so that a probe compares lengths before
 * bytes (these sets are probed for nearly every word of a document). */
typedef struct wslot {
    const char *w;              /* NULL: empty */
    uint32_t n;
    int32_t val;                /* the caller's: an index into its table */
} wslot;

typedef struct wset {
    wslot *v;
    size_t mask;                /* slots - 1, a power of two minus one */
} wset;

static void wset_init(wset *s, size_t bits) {
    s->v = xcalloc((size_t)1 << bits, sizeof *s->v);
    s->mask = ((size_t)1 << bits) - 1;
}

static const wslot *wset_find(const wset *s, uint64_t h, const char *w, size_t n) {
    for (size_t j = (size_t)h & s->mask;; j = (j + 1) & s->mask) {
        const wslot *e = &s->v[j];
        if (!e->w) return NULL;
        if (e->n == n && memcmp(e->w, w, n) == 0) return e;
    }
}

/* Adds w unless it is there already (the first value stays). */
static void wset_add(wset *s, const char *w, int32_t val) {
    size_t n = strlen(w);
    size_t j = (size_t)hash_bytes(w, n) & s->mask;
    for (; s->v[j].w; j = (j + 1) & s->mask)
        if (s->v[j].n == n && memcmp(s->v[j].w, w, n) == 0) return;
    s->v[j] = (wslot){.w = w, .n = (uint32_t)n, .val = val};
}

static bool wset_has(const wset *s, const char *w, size_t n) {
    return wset_find(s, hash_bytes(w, n), w, n) != NULL;
}

struct untr {
    size_t rule;
    unsigned source;            /* L_* bit of --source, 0 when none */
    const char *source_name;
    speller *src;               /* --source dictionary, or NULL */
    /* the tables above as sets, built once */
    wset fw;                    /* function_words; val: index */
    wset loan;                  /* loanwords */
    wset particle;              /* particles and the words of loan phrases */
    /* A bit per (first two bytes, length) of the words of fw and particle:
     * 512 bytes that stay in the L1 cache and turn away nearly every word
     * of English before the sets are hashed and probed. */
    uint64_t listed_filter[64];
    bool forked;                /* the sets are the parent's */
};

static unsigned filter_bit(const char *w, size_t n) {
    uint32_t x = (uint32_t)(unsigned char)w[0] | (uint32_t)(n > 1 ? (unsigned char)w[1] : 0) << 8 |
                 (uint32_t)n << 16;
    return (x * 0x9E3779B1u) >> 20; /* 12 bits */
}

static void listed_add(untr *u, wset *set, const char *w, int32_t val) {
    wset_add(set, w, val);
    unsigned b = filter_bit(w, strlen(w));
    u->listed_filter[b / 64] |= 1ULL << (b % 64);
}

static bool eq(const char *a, size_t na, const char *z) { return strlen(z) == na && memcmp(a, z, na) == 0; }

static long fw_find(const untr *u, const char *w, size_t n) {
    const wslot *e = wset_find(&u->fw, hash_bytes(w, n), w, n);
    return e ? e->val : -1;
}

untr *untr_open(registry *reg, const mtl_config *cfg, const char *compiled_dir, mtl_diags *notes,
                mtl_diags *diags) {
    long r = check_register(reg, "MT.Untranslated", MTL_WARNING, MTL_CAT_UNTRANSLATED,
                            "Words or text left in the source language: function words such as "
                            "\"del\" or \"selon\", words only the --source dictionary knows, "
                            "inverted marks, runs of non-Latin script.", diags);
    if (r < 0) return NULL;
    untr *u = xcalloc(1, sizeof *u);
    u->rule = (size_t)r;
    u->source = lang_of_code(cfg->source_lang);
    /* about a quarter full: most probes stop at an empty slot */
    wset_init(&u->fw, 10);
    wset_init(&u->loan, 9);
    wset_init(&u->particle, 7);
    for (size_t i = 0; i < sizeof function_words / sizeof function_words[0]; i++)
        listed_add(u, &u->fw, function_words[i].w, (int32_t)i);
    for (size_t i = 0; loanwords[i]; i++) wset_add(&u->loan, loanwords[i], 0);
    for (size_t i = 0; particles[i]; i++) listed_add(u, &u->particle, particles[i], 0);
    for (size_t i = 0; i < sizeof loan_phrases / sizeof loan_phrases[0]; i++) {
        listed_add(u, &u->particle, loan_phrases[i].fw, 0);
        listed_add(u, &u->particle, loan_phrases[i].other, 0);
    }
    /* only languages in Latin script have a dictionary worth asking
     * (lang.c); the engine notes the others */
    const lang_info *li = lang_find(cfg->source_lang);
    if (li && li->dictionary && !cfg->no_spell) {
        const char *names[] = {cfg->source_lang, NULL};
        spell_options o = {.names = names, .compiled_dir = compiled_dir, .notes = notes};
        size_t before = diags->n;
        u->src = spell_open(&o, diags);
        if (!u->src) mtl_diags_locate(diags, before, cfg->source_where);
        if (!u->src) {
            untr_close(u);
            return NULL;
        }
    }
    u->source_name = pick_language(u->source, u->source);
    return u;
}

untr *untr_fork(const untr *base) {
    untr *u = xmalloc(sizeof *u);
    *u = *base;
    u->src = base->src ? spell_fork(base->src) : NULL;
    u->forked = true;
    return u;
}

void untr_close(untr *u) {
    if (!u) return;
    spell_close(u->src);
    if (u->forked) {
        free(u);
        return;
    }
    free(u->fw.v);
    free(u->loan.v);
    free(u->particle.v);
    free(u);
}

size_t untr_rule(const untr *u) { return u->rule; }

static bool capitalized(const char *w, size_t n) {
    if (!n) return false;
    if ((unsigned char)w[0] < 0x80) return ascii_isupper((unsigned char)w[0]);
    size_t i = 0;
    int32_t c = u8_decode(w, n, &i);
    return c > 0 && u_isupper(c);
}

static bool is_particle(const char *w, size_t n) {
    for (size_t i = 0; particles[i]; i++)
        if (eq(w, n, particles[i])) return true;
    return false;
}

bool untr_listed(const untr *u, const char *w, size_t n) {
    if (n == 0 || n > 16) return false;
    unsigned b = filter_bit(w, n);
    if (!(u->listed_filter[b / 64] >> (b % 64) & 1)) return false;
    uint64_t h = hash_bytes(w, n); /* one hash for both sets */
    return wset_find(&u->fw, h, w, n) || wset_find(&u->particle, h, w, n);
}

bool untr_loan_phrase(const untr_word *x) {
    for (size_t i = 0; i < sizeof loan_phrases / sizeof loan_phrases[0]; i++) {
        const char *fw = loan_phrases[i].fw, *other = loan_phrases[i].other;
        bool after = loan_phrases[i].after;
        /* x is the function word, or its partner */
        if (eq(x->w, x->n, fw)) {
            const char *o = after ? x->next : x->prev;
            size_t no = after ? x->nnext : x->nprev;
            if (o && eq(o, no, other)) return true;
        }
        if (eq(x->w, x->n, other)) {
            const char *o = after ? x->prev : x->next;
            size_t no = after ? x->nprev : x->nnext;
            if (o && eq(o, no, fw)) return true;
        }
    }
    return false;
}

const char *untr_function_word(const untr *u, const untr_word *x, bool *in_name) {
    *in_name = false;
    if (x->n < 1 || x->n > 16) return NULL;
    /* A particle before a capitalized word, possibly after one more
     * particle, belongs to a name: "Banco del Sur", "the von Trapp
     * family", "de la Cruz". (MT that leaves "del Perú" is missed: the
     * name reading is far more common in English text.) */
    if (x->next && is_particle(x->w, x->n) &&
        (capitalized(x->next, x->nnext) ||
         (is_particle(x->next, x->nnext) && x->next2 && capitalized(x->next2, x->nnext2)))) {
        *in_name = true;
        return NULL;
    }
    long k = fw_find(u, x->w, x->n);
    if (k < 0) return NULL;
    if (untr_loan_phrase(x)) {
        *in_name = true;
        return NULL;
    }
    return pick_language(function_words[k].langs, u->source);
}

/* Languages whose spelling uses the letter c (0 for letters English
 * spells with too, or that tell nothing). */
static unsigned letter_langs(int32_t c) {
    switch (c) {
    case 0xF1: return L_ES;                        /* ñ */
    case 0xE1: case 0xED: case 0xFA: return L_ES | L_PT; /* á í ú */
    case 0xF3: return L_ES | L_PT | L_IT;          /* ó */
    case 0xE9: return L_ES | L_FR | L_PT | L_IT;   /* é */
    case 0xE8: return L_FR | L_IT;                 /* è */
    case 0xE0: return L_FR | L_IT | L_PT;          /* à */
    case 0xEC: case 0xF2: return L_IT;             /* ì ò */
    case 0xF9: return L_IT | L_FR;                 /* ù */
    case 0xE2: case 0xEA: case 0xF4: return L_FR | L_PT; /* â ê ô */
    case 0xE3: case 0xF5: return L_PT;             /* ã õ */
    case 0xE7: return L_FR | L_PT;                 /* ç */
    case 0xEB: case 0xEF: case 0xEE: case 0xFB: case 0x153: case 0xFF: return L_FR; /* ë ï î û œ ÿ */
    case 0xFC: return L_ES | L_DE;                 /* ü */
    case 0xE4: case 0xF6: case 0xDF: return L_DE;  /* ä ö ß */
    default: return 0;
    }
}

/* The languages a word's letters point to: the intersection of what each
 * marked letter allows (the union when they disagree). 0: no marked
 * letter, or a letter of none of these languages. */
static unsigned letters_language(const char *w, size_t n) {
    unsigned all = ~0u, any = 0;
    bool marked = false;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)w[i] < 0x80) {
            i++;
            continue;
        }
        int32_t c = u8_decode(w, n, &i);
        if (c < 0) return 0;
        unsigned l = letter_langs(c);
        if (!l) {
            if (u_isalpha(c)) return 0; /* a letter of some other alphabet */
            continue;
        }
        marked = true;
        all &= l;
        any |= l;
    }
    if (!marked) return 0;
    return all ? all : any;
}

const char *untr_unknown_word(untr *u, const char *w, size_t n) {
    if (n < 3 || wset_has(&u->loan, w, n)) return NULL;
    if (u->src && u8_count(w, n) >= 3 && spell_known(u->src, w, n)) return u->source_name;
    unsigned l = letters_language(w, n);
    return l ? pick_language(l, u->source) : NULL;
}

/* ---- inverted marks and runs of other scripts ---- */

static const char *script_language(UScriptCode sc, bool kana) {
    switch (sc) {
    case USCRIPT_HAN: return kana ? "Japanese" : "Chinese";
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return "Japanese";
    case USCRIPT_HANGUL: return "Korean";
    case USCRIPT_CYRILLIC: return "Cyrillic script";
    case USCRIPT_ARABIC: return "Arabic script";
    case USCRIPT_HEBREW: return "Hebrew";
    case USCRIPT_GREEK: return "Greek";
    case USCRIPT_THAI: return "Thai";
    case USCRIPT_DEVANAGARI: return "Devanagari script";
    default: return NULL;
    }
}

/* A script is "foreign" when prose in it needs translating; Latin,
 * Common (digits, punctuation) and Inherited (combining marks) are not. */
static bool foreign_script(UScriptCode sc) {
    return sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED &&
           sc != USCRIPT_UNKNOWN && sc > USCRIPT_INVALID_CODE;
}

static bool cjk_script(UScriptCode sc) {
    return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
           sc == USCRIPT_HANGUL;
}

/* Whether [s, e) fills a pair of parentheses on its own: a gloss. */
static bool parenthesized(const char *v, size_t lo, size_t hi, size_t s, size_t e) {
    while (s > lo && v[s - 1] == ' ') s--;
    while (e < hi && v[e] == ' ') e++;
    return s > lo && e < hi && v[s - 1] == '(' && v[e] == ')';
}

static void report_run(const untr *u, check_ctx *cx, size_t s, size_t e, UScriptCode sc,
                       bool kana, size_t letters) {
    const doc *d = cx->d;
    if (!cjk_script(sc) && letters < 2) return; /* a lone Greek letter is a symbol */
    const char *lang = script_language(sc, kana);
    char other[64];
    if (!lang) {
        snprintf(other, sizeof other, "%s script", uscript_getName(sc));
        lang = other;
    }
    /* Quote at most about 40 characters of a long run in the message. */
    size_t q = e;
    if (u8_count(d->text + s, e - s) > 40) {
        q = s;
        for (int k = 0; k < 40 && q < e; k++) u8_decode(d->text, e, &q);
    }
    finding_add(cx->out, u->rule, s, e, NULL, "'%.*s%s' looks untranslated (%s)", (int)(q - s),
                d->text + s, q < e ? "…" : "", lang);
}

/* The first byte over 0x7F in [i, e), or e; eight bytes at a time, since
 * news in English is nearly all ASCII. */
static size_t next_non_ascii(const char *v, size_t i, size_t e) {
    for (; i + 8 <= e; i += 8) {
        uint64_t x;
        memcpy(&x, v + i, 8);
        if (x & 0x8080808080808080ULL) break;
    }
    while (i < e && (unsigned char)v[i] < 0x80) i++;
    return i;
}

static void scan_block(const untr *u, check_ctx *cx, const doc_block *b) {
    const char *v = cx->d->view;
    size_t run_s = 0, run_e = 0, letters = 0;
    UScriptCode run_sc = USCRIPT_INVALID_CODE;
    bool kana = false;
    for (size_t i = b->start; i < b->end;) {
        /* outside a run, ASCII has nothing to end or to report */
        if (!letters && (i = next_non_ascii(v, i, b->end)) == b->end) break;
        size_t at = i;
        if ((unsigned char)v[i] < 0x80) {
            i++;
            /* A Latin letter or a masked span ends a run; ASCII spaces,
             * digits and punctuation may sit inside one. */
            if ((ascii_isalpha((unsigned char)v[at]) || v[at] == DOC_MASK || v[at] == '\n') &&
                letters) {
                if (!parenthesized(v, b->start, b->end, run_s, run_e))
                    report_run(u, cx, run_s, run_e, run_sc, kana, letters);
                letters = 0;
            }
            continue;
        }
        int32_t c = u8_decode(v, b->end, &i);
        if (c == 0xBF || c == 0xA1) { /* ¿ ¡ */
            finding_add(cx->out, u->rule, at, i, NULL, "'%.*s' looks untranslated (Spanish punctuation)",
                        (int)(i - at), cx->d->text + at);
            continue;
        }
        if (c < 0 || !u_isalpha(c)) continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &err);
        bool same = letters && (sc == run_sc || (cjk_script(sc) && cjk_script(run_sc)));
        if (letters && !same) {
            if (!parenthesized(v, b->start, b->end, run_s, run_e))
                report_run(u, cx, run_s, run_e, run_sc, kana, letters);
            letters = 0;
        }
        if (!foreign_script(sc)) continue;
        if (!letters) {
            run_s = at;
            run_sc = sc;
            kana = false;
        }
        /* Japanese mixes Han and kana; the run takes the name of its first
         * script unless kana shows up. */
        if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) kana = true;
        letters++;
        run_e = i;
    }
    if (letters && !parenthesized(v, b->start, b->end, run_s, run_e))
        report_run(u, cx, run_s, run_e, run_sc, kana, letters);
}

void untr_scan_text(const untr *u, check_ctx *cx) {
    if (!reg_enabled(cx->reg, u->rule)) return;
    for (size_t i = 0; i < cx->d->blocks.n; i++) scan_block(u, cx, &cx->d->blocks.v[i]);
}
