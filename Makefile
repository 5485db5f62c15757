# mtlint build. `make` builds ./mtlint and build/libmtlint.a; `make test`
# runs every suite; `make deps` installs the Debian packages it needs.
# DEV=1 turns warnings into errors.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/mtlint
CC        ?= cc
# The published documentation's address, for SARIF's informationUri (none
# is written when empty).
HOMEPAGE  ?=
PKGS      := icu-uc icu-i18n hunspell libpcre2-8 yaml-0.1
# Debian packages: build tools, libraries, dictionaries, test framework,
# and the browser (with python3 to read its DOM) for the html report test.
DEB_PKGS  := gcc make pkg-config libicu-dev libhunspell-dev libpcre2-dev libyaml-dev check \
             hunspell-en-us hunspell-en-gb hunspell-es hunspell-fr hunspell-pt-br hunspell-it \
             hunspell-de-de hunspell-tools
# SCOWL's large word lists (modern words Hunspell's en_US lacks:
# lockdown, grandkids, wildland), compiled like the dictionaries below.
DEB_PKGS  += wamerican-huge wbritish-huge

B         := build
# V=1 shows the full compiler command lines
Q          = $(if $(V),,@)
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wpointer-arith -Wformat=2 -Wundef -Wvla -Wwrite-strings -Wcast-align \
             -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough
OPT       ?= -O2 -g
CFLAGS    ?= $(OPT)
ifeq ($(DEV),1)
WARN      += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) \
             $(PKG_CFLAGS) -iquote src -MMD -MP
# The static archive of library $(1) where the compiler finds one, else
# nothing.
static_a   = $(wildcard $(shell $(CC) -print-file-name=lib$(1).a 2>/dev/null))
# ICU's i18n library serves only the charset detector (files that are not
# UTF-8): from its static archive, when installed, a few objects are linked
# in instead of a library the loader relocates at every start (a quarter
# of the startup's instructions). Looked up when a link runs, after
# `make deps` has installed the packages on a fresh machine.
ICU_I18N_A = $(call static_a,icui18n)
LDLIBS     = $(if $(ICU_I18N_A),$(filter-out -licui18n,$(PKG_LIBS)) $(ICU_I18N_A) -licuuc -lstdc++,$(PKG_LIBS)) \
             -lm -pthread
# The mtlint binary links the static archives of the libraries, those
# installed: the loader of a shared ICU, Hunspell and libstdc++ resolves
# thousands of symbols at every start (2.4 of the 2.8 million instructions
# of `mtlint --version`), and startup is what an editor or a hook waits
# for. The binary grows to 35 MB, ICU's data mostly, mapped as read. The
# price: an update of one of those packages reaches mtlint when it is
# built again. jansson stays shared (its json_null is the JSON writer's
# name); STATIC=0 links every library shared. Tests and sanitizer builds
# link LDLIBS.
STATIC    ?= 1
# libstdc++ (its archive, or the link name of its shared form) comes with
# g++, which neither ICU's nor Hunspell's -dev package pulls in.
DEB_PKGS  += g++
STATIC_LIBS = $(foreach l,$(filter-out -ljansson,$(PKG_LIBS)) -lstdc++,$(or $(call static_a,$(l:-l%=%)),$(l))) \
             -ljansson -lm -pthread
MTLINT_LIBS = $(if $(filter 0,$(STATIC)),$(LDLIBS),$(STATIC_LIBS))
# Source-aware checking: language identification (langid.c) and its
# language fingerprints.
PKGS      += libexttextcat
DEB_PKGS  += libexttextcat-dev libexttextcat-data
# The language server (lsp.c): JSON-RPC read with jansson.
PKGS      += jansson
DEB_PKGS  += libjansson-dev
# HTML input (markup_html.c): an HTML5 parser that keeps source offsets.
PKGS      += gumbo
DEB_PKGS  += libgumbo-dev
# Test tools (installed by `make test`, see test-deps): the man page's
# check (groff), docs/rules.md's generator (Python with PyYAML), the shell
# completions' checks (zsh), the hook's (pre-commit, git); archive-scale
# runs: shards checked with GNU parallel (tests/scale).
DEB_TEST_PKGS := groff-base python3-yaml zsh pre-commit git parallel
MANDIR    ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
# The language server's tests drive it from Python and from a real
# client, headless Neovim.
DEB_TEST_PKGS += python3 neovim

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(B)/%.o)
# the pinyin of Han characters (src/pinyin.h), a table the build writes
LIB_OBJ   += $(B)/pinyin_table.o
TEST_SRC  := $(wildcard tests/unit/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps test-deps test check unit golden examples tools-test output lsp badinput bench asan asan-run valgrind install \
        uninstall clean demo fuzz fuzz-smoke docs docs-check scale chunks dicts dict-equiv rulecache FORCE

all: deps mtlint dicts rulecache

# Compiled dictionaries (src/mtd.h): every word form of each system
# dictionary mtlint opens, expanded by Hunspell's unmunch and checked by
# Hunspell itself, in build/dict/NAME.mtd whatever B is. Rebuilt when the
# system .aff/.dic changes. French elided forms (l'..., qu'...) would
# multiply the table tenfold: they are left out. unmunch leaves suffixes
# with continuation classes to a second pass ("tortilla/S" from "torta",
# tools/dict-forms.sh): es_ES gets three passes. It still misses forms of
# fr, so there the table only accepts and Hunspell decides the rest
# (`make dict-equiv` measures it).
DICT_SRC  ?= /usr/share/hunspell
DICT_OUT  := build/dict
DICT_NAMES := en_US en_GB es_ES fr it_IT de_DE pt_BR
DICT_FILES := $(DICT_NAMES:%=$(DICT_OUT)/%.mtd)
DICT_OPTS_fr    := --maybe \' --yes-only
DICT_PASSES_es_ES := 3
# Not expanded, Hunspell decides (opened on first need): Portuguese (83
# million forms), Italian (9 million without the elided ones: 280 MB),
# German (free compounding: the table could never say "no").
DICT_WHOLE := pt_BR it_IT de_DE
DICTC     := $(B)/mtlint-dictc

# SCOWL word lists, one per English dialect, as build/dict/words-NAME.mtd
# (src/check_spelling.c opens them beside the Hunspell tables).
WORDLIST_SRC ?= /usr/share/dict
WORDLIST_en_US := american-english-huge
WORDLIST_en_GB := british-english-huge
WORDLIST_NAMES := en_US en_GB
WORDLIST_FILES := $(WORDLIST_NAMES:%=$(DICT_OUT)/words-%.mtd)
# Dialect variant pairs of the two lists (tools/mtlint-dictc.c --variants).
VARIANT_FILES := $(DICT_OUT)/variants-en_US.mtd $(DICT_OUT)/variants-en_GB.mtd
DICT_FILES += $(WORDLIST_FILES) $(VARIANT_FILES)

dicts: $(DICT_FILES)

# The rule cache (src/rules_cache.h): every shipped rule set's compiled
# patterns and prefilter reading, which a run would otherwise compute at
# startup. It answers only the code that wrote it: its key is a hash of
# the library's sources, in $(B)/rcache-key.h (rewritten only when it
# changes, so that nothing else rebuilds).
RULE_CACHE := $(DICT_OUT)/rules.mtrc
RULEC      := $(B)/mtlint-rulec
RCACHE_KEY := $(shell cat $(sort $(LIB_SRC) $(wildcard src/*.h)) 2>/dev/null | sha256sum | cut -c1-32)
rulecache: $(RULE_CACHE)

$(B)/rcache-key.h: FORCE | $(B)
	@k='#define MTL_RCACHE_CODE "$(RCACHE_KEY)"'; [ "$$(cat $@ 2>/dev/null)" = "$$k" ] || echo "$$k" >$@
FORCE:
$(B)/rules_cache.o: $(B)/rcache-key.h
$(B)/rules_cache.o: ALL_CFLAGS += -iquote $(B)

$(RULEC): tools/mtlint-rulec.c $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libmtlint.a $(LDLIBS)

$(RULE_CACHE): $(RULEC) $(wildcard rules/*/*.yml)
	@mkdir -p $(DICT_OUT)
	@echo "  RULEC   $@"
	$(Q)$(RULEC) rules $@

$(DICTC): tools/mtlint-dictc.c $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libmtlint.a $(LDLIBS)

# A measurement only (tools/vsbench.c): Vectorscan's prefilter mode against
# the rule engine's own; needs libvectorscan-dev, which nothing else does.
$(B)/vsbench: tools/vsbench.c $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(B)/libmtlint.a $(LDLIBS) -lhs

$(B)/dict-equiv: tools/dict-equiv.c $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libmtlint.a $(LDLIBS)

# The equivalence test: every word of EQUIV_WORDS (one a line; the
# built-in list by default, tests/data/dict-equiv/make-words.py) gets the
# same verdict from each compiled dictionary as from Hunspell, but for the
# differences listed in tests/data/dict-equiv/intended.txt. The English
# dictionaries are tested with the shipped supplements, as the checks use
# them.
EQUIV_WORDS ?= tests/data/dict-equiv/words.txt
EQUIV_LIST  := tests/data/dict-equiv/intended.txt
dict-equiv: $(DICT_FILES) $(B)/dict-equiv
	@fail=0; for d in $(DICT_NAMES); do \
	  case $$d in en_*) supp="--supp dictionaries" ;; *) supp="" ;; esac; \
	  $(B)/dict-equiv $$supp --intended $(EQUIV_LIST) --compiled $(DICT_OUT) $$d $(EQUIV_WORDS) || fail=1; \
	done; exit $$fail

# The system files exist once deps has installed their packages.
$(DICT_NAMES:%=$(DICT_SRC)/%.aff) $(DICT_NAMES:%=$(DICT_SRC)/%.dic): | deps ;

# On the compiler's sources, not its binary: a change elsewhere in the
# library relinks it but leaves the tables as they are.
$(DICT_NAMES:%=$(DICT_OUT)/%.mtd): $(DICT_OUT)/%.mtd: $(DICT_SRC)/%.aff $(DICT_SRC)/%.dic tools/mtlint-dictc.c src/mtd.c \
               src/mtd.h src/util.h tools/dict-forms.sh | $(DICTC)
	@mkdir -p $(DICT_OUT)
	$(Q)$(if $(filter $*,$(DICT_WHOLE)),$(DICTC) --all-maybe $(DICT_SRC)/$*.aff $(DICT_SRC)/$*.dic /dev/null $@, \
	  sh tools/dict-forms.sh $(DICT_SRC)/$*.dic $(DICT_SRC)/$*.aff $(or $(DICT_PASSES_$*),1) | \
	  $(DICTC) $(DICT_OPTS_$*) $(DICT_SRC)/$*.aff $(DICT_SRC)/$*.dic - $@)

$(WORDLIST_SRC)/$(WORDLIST_en_US) $(WORDLIST_SRC)/$(WORDLIST_en_GB): | deps ;

.SECONDEXPANSION:
$(WORDLIST_FILES): $(DICT_OUT)/words-%.mtd: $(WORDLIST_SRC)/$$(WORDLIST_$$*) tools/mtlint-dictc.c src/mtd.c \
                   src/mtd.h | $(DICTC)
	@mkdir -p $(DICT_OUT)
	$(Q)$(DICTC) --list $< $@

# One command writes both tables; the second depends on the first.
$(DICT_OUT)/variants-en_US.mtd: $(WORDLIST_SRC)/$(WORDLIST_en_US) $(WORDLIST_SRC)/$(WORDLIST_en_GB) \
                                tools/mtlint-dictc.c src/dialect.c src/mtd.c src/mtd.h | $(DICTC)
	@mkdir -p $(DICT_OUT)
	$(Q)$(DICTC) --variants $(WORDLIST_SRC)/$(WORDLIST_en_US) $(WORDLIST_SRC)/$(WORDLIST_en_GB) \
	  $@ $(DICT_OUT)/variants-en_GB.mtd
$(DICT_OUT)/variants-en_GB.mtd: $(DICT_OUT)/variants-en_US.mtd ;

# Installs what is missing, and says what it runs. Skipped when every
# package is there (dpkg-query is fast) or when this is not Debian.
deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  echo "make deps: installing:$$missing"; \
	  echo "+ $$SUDO apt-get install -y --no-install-recommends$$missing"; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing \
	  || { echo "+ $$SUDO apt-get update"; $$SUDO apt-get update -q && \
	       echo "+ $$SUDO apt-get install -y --no-install-recommends$$missing" && \
	       $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; \
	fi

mtlint: $(B)/main.o $(B)/libmtlint.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(MTLINT_LIBS)

$(B)/libmtlint.a: $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

# deps is order-only: on a fresh machine the packages (and pkg-config's
# answers, expanded when the recipe runs) must exist before compiling.
$(B)/%.o: src/%.c | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -DMTL_DATADIR='"$(DATADIR)"' -DMTL_HOMEPAGE='"$(HOMEPAGE)"' -c -o $@ $<

$(B):
	@mkdir -p $(B)/tests

# ICU's Han-Latin transliterator costs a second to open: the build asks it
# once for every Han character and compiles the answers in.
$(B)/mtlint-pinyin: tools/mtlint-pinyin.c | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

$(B)/pinyin_table.c: $(B)/mtlint-pinyin
	@echo "  GEN     $@"
	$(Q)$(B)/mtlint-pinyin >$@.tmp && mv $@.tmp $@

$(B)/pinyin_table.o: $(B)/pinyin_table.c | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -iquote tests/unit -o $@ $< $(B)/libmtlint.a $(LDLIBS) $(CHECK_LIBS)

# Tools the tests use beyond the build: clang and its libFuzzer runtime
# (the fuzz smoke run), valgrind (make valgrind), real clients of the
# reports (vim for the quickfix list, Chromium and python3 for the HTML
# report), and the DEB_TEST_PKGS added above. Installed by `make test`, not
# by `make`; a test whose tool is missing says so and is skipped.
DEB_TEST_PKGS += clang libclang-rt-dev valgrind vim-nox chromium python3
test-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(DEB_TEST_PKGS)" || \
	  echo "make test-deps: could not install every one of $(DEB_TEST_PKGS); tests that need a missing tool say so and are skipped"

# The whole suite: unit tests (Check), golden files, every rule's examples,
# the compiled dictionaries against Hunspell, the rule authors' tools, the output tests that need a pipe, an editor, a browser or the object
# files, the docs and packaging checks, sharded runs, large files in chunks,
# the bad-input matrix, and a short run of each fuzz target.
test check: deps test-deps mtlint dicts $(RULE_CACHE) $(TEST_BIN) $(B)/dict-equiv
	@$(MAKE) --no-print-directory unit golden examples dict-equiv tools-test output lsp docs-check scale chunks badinput fuzz-smoke

unit: $(TEST_BIN) mtlint $(RULE_CACHE)
	@fail=0; for t in $(TEST_BIN); do \
	  MTL_SRCDIR=$(CURDIR) MTLINT_BIN=$(CURDIR)/mtlint CK_VERBOSITY=$${CK_VERBOSITY:-normal} $$t || fail=1; \
	done; exit $$fail

golden: mtlint $(RULE_CACHE)
	@sh tests/golden/run.sh ./mtlint

output: mtlint $(RULE_CACHE)
	@bash tests/output/run.sh ./mtlint $(B)

badinput: mtlint $(RULE_CACHE)
	@bash tests/badinput/run.sh ./mtlint

tools-test:
	@bash tests/tools/run.sh tools/mine-phrases

# The golden cases under valgrind's memcheck (errors and definite leaks fail).
valgrind: mtlint $(RULE_CACHE)
	@sh tests/valgrind/run.sh ./mtlint

# The language server: a scripted client, then Neovim's LSP client.
lsp: mtlint $(RULE_CACHE)
	@python3 tests/lsp/client.py ./mtlint
	@python3 tests/lsp/nvim.py ./mtlint

# Every example of the shipped rules, then of the test and demo rules
# (the same lists under make asan).
TEST_RULES := good demo html html-input
TEST_RULE_ARGS = --no-default-rules $(TEST_RULES:%=--rules tests/data/rules/%) --test-examples
examples: mtlint $(RULE_CACHE)
	@./mtlint --test-examples
	@./mtlint $(TEST_RULE_ARGS)

# docs/rules.md from the rule files; docs-check fails when it is stale, and
# checks the man page, the completions, the pre-commit hook.
docs: mtlint $(RULE_CACHE)
	python3 tools/rules_md.py ./mtlint > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

docs-check: mtlint $(RULE_CACHE)
	@bash tests/docs/run.sh ./mtlint

# Shards of a file list checked by GNU parallel merge into the single run's
# JSON Lines report.
scale: mtlint $(RULE_CACHE)
	@bash tests/scale/run.sh ./mtlint

chunks: mtlint $(RULE_CACHE)
	@bash tests/chunks/run.sh ./mtlint

# the anchors the bench measures beside mtlint (not needed by the tests)
DEB_BENCH_PKGS := aspell aspell-en hunspell time

bench: deps mtlint $(RULE_CACHE)
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(DEB_BENCH_PKGS)"
	@bash tests/bench/bench.sh ./mtlint

# Address and undefined-behaviour sanitizers over the whole suite, in a
# separate build tree.
asan:
	@$(MAKE) --no-print-directory dicts rulecache
	@$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" asan-run

asan-run: $(B)/main.o $(B)/libmtlint.a $(TEST_BIN)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $(B)/mtlint $(B)/main.o $(B)/libmtlint.a $(LDLIBS)
	@fail=0; for t in $(TEST_BIN); do MTL_SRCDIR=$(CURDIR) MTLINT_BIN=$(CURDIR)/$(B)/mtlint MTLINT_DATADIR=$(CURDIR) $$t || fail=1; done; \
	export MTLINT_DATADIR=$(CURDIR); sh tests/golden/run.sh $(B)/mtlint || fail=1; \
	bash tests/output/run.sh $(B)/mtlint $(B) || fail=1; bash tests/chunks/run.sh $(B)/mtlint || fail=1; \
	python3 tests/lsp/client.py $(B)/mtlint || fail=1; \
	$(B)/mtlint --test-examples || fail=1; \
	$(B)/mtlint $(TEST_RULE_ARGS) || fail=1; bash tests/badinput/run.sh $(B)/mtlint || fail=1; exit $$fail

# Coverage-guided fuzzing with libFuzzer (clang), ASan and UBSan, in its
# own build tree: the whole engine (fuzz_engine), the rule loader
# (fuzz_rules), the configuration loader (fuzz_config), the rule cache's
# readers (fuzz_rcache) and the segment scanners against ICU (fuzz_segment,
# differential), each run
# FUZZ_SECONDS on a corpus seeded from the repository (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := engine rules config rcache segment
FUZZ_OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 2; }
	@$(MAKE) -s --no-print-directory B=build/fuzz CC=clang OPT="$(FUZZ_OPT) -fsanitize=fuzzer-no-link" \
	  $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@sh tests/fuzz/run.sh $(FUZZ_RUN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(B)/libmtlint.a
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libmtlint.a $(LDLIBS) -lstdc++

# The short run of `make test`: 30 s a target from the seeds alone, when
# clang can link a libFuzzer program (asked once, here).
# FUZZ_SMOKE_SECONDS=0 skips it.
FUZZ_SMOKE_SECONDS ?= 30
fuzz-smoke:
	@mkdir -p $(B); \
	if [ "$(FUZZ_SMOKE_SECONDS)" = 0 ]; then echo "fuzz smoke skipped (FUZZ_SMOKE_SECONDS=0)"; \
	elif printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d && n) * 0; }\n' \
	     >$(B)/fuzz-probe.c && clang -fsanitize=fuzzer,address,undefined -o $(B)/fuzz-probe $(B)/fuzz-probe.c >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_RUN=--smoke; \
	else echo "fuzz smoke skipped: no clang with libFuzzer (apt-get install clang)"; fi

# A sample article with MT defects, checked with the shipped rules.
demo: all
	./mtlint --source es tests/samples/summit-es.txt || true

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/dict
	install -m 755 mtlint $(DESTDIR)$(BINDIR)/mtlint
	cp -R rules dictionaries $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 docs/mtlint.1 $(DESTDIR)$(MANDIR)/man1/mtlint.1
	install -m 644 completions/mtlint.bash $(DESTDIR)$(BASHCOMPDIR)/mtlint
	install -m 644 completions/_mtlint $(DESTDIR)$(ZSHCOMPDIR)/_mtlint
	install -m 644 $(DICT_FILES) $(RULE_CACHE) $(DESTDIR)$(DATADIR)/dict/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mtlint $(DESTDIR)$(MANDIR)/man1/mtlint.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/mtlint $(DESTDIR)$(ZSHCOMPDIR)/_mtlint
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B) mtlint

-include $(wildcard $(B)/*.d $(B)/tests/*.d)
