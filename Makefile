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
             hunspell-de-de vim-nox chromium python3

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
LDLIBS     = $(PKG_LIBS) -lm -pthread
# Source-aware checking: language identification (langid.c) and its
# language fingerprints.
PKGS      += libexttextcat
DEB_PKGS  += libexttextcat-dev libexttextcat-data
# The language server (lsp.c): JSON-RPC read with jansson; its tests drive
# it from Python and from a real client, headless Neovim.
PKGS      += jansson
DEB_PKGS  += libjansson-dev python3 neovim

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(B)/%.o)
TEST_SRC  := $(wildcard tests/unit/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps test check unit golden examples output lsp bench asan install uninstall clean demo fuzz

all: deps mtlint

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
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

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

$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libmtlint.a | $(B) deps
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -iquote tests/unit -o $@ $< $(B)/libmtlint.a $(LDLIBS) $(CHECK_LIBS)

# The whole suite: unit tests (Check), every rule's examples, golden files,
# and the output tests that need a pipe, vim or the object files.
test check: deps mtlint $(TEST_BIN)
	@$(MAKE) --no-print-directory unit golden examples output lsp

unit: $(TEST_BIN) mtlint
	@fail=0; for t in $(TEST_BIN); do \
	  MTL_SRCDIR=$(CURDIR) MTLINT_BIN=$(CURDIR)/mtlint CK_VERBOSITY=$${CK_VERBOSITY:-normal} $$t || fail=1; \
	done; exit $$fail

golden: mtlint
	@sh tests/golden/run.sh ./mtlint

output: mtlint
	@bash tests/output/run.sh ./mtlint $(B)

# The language server: a scripted client, then Neovim's LSP client.
lsp: mtlint
	@python3 tests/lsp/client.py ./mtlint
	@python3 tests/lsp/nvim.py ./mtlint

# Every example of the shipped rules, then of the test and demo rules.
examples: mtlint
	@./mtlint --test-examples
	@./mtlint --no-default-rules --rules tests/data/rules/good --rules tests/data/rules/demo --rules tests/data/rules/html \
	  --test-examples

bench: deps mtlint
	@bash tests/bench/bench.sh ./mtlint

# Address and undefined-behaviour sanitizers over the whole suite, in a
# separate build tree.
asan:
	@$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" asan-run

asan-run: $(B)/main.o $(B)/libmtlint.a $(TEST_BIN)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $(B)/mtlint $(B)/main.o $(B)/libmtlint.a $(LDLIBS)
	@fail=0; for t in $(TEST_BIN); do MTL_SRCDIR=$(CURDIR) MTLINT_BIN=$(CURDIR)/$(B)/mtlint MTLINT_DATADIR=$(CURDIR) $$t || fail=1; done; \
	export MTLINT_DATADIR=$(CURDIR); sh tests/golden/run.sh $(B)/mtlint || fail=1; \
	bash tests/output/run.sh $(B)/mtlint $(B) || fail=1; \
	python3 tests/lsp/client.py $(B)/mtlint || fail=1; \
	$(B)/mtlint --test-examples || fail=1; \
	$(B)/mtlint --no-default-rules --rules tests/data/rules/good --rules tests/data/rules/demo --test-examples \
	  || fail=1; exit $$fail

# Coverage-guided fuzzing of the whole engine with libFuzzer (clang),
# seeded with the test inputs. FUZZ_SECONDS bounds the run.
FUZZ_SECONDS ?= 60
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 2; }
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" build/fuzz/libmtlint.a
	$(Q)clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined -iquote src $(PKG_CFLAGS) \
	  -o build/fuzz/fuzz_engine tests/fuzz/fuzz_engine.c build/fuzz/libmtlint.a $(LDLIBS) -lstdc++
	@mkdir -p build/fuzz/corpus
	@find tests -type f \( -name '*.txt' -o -name '*.md' \) -size -64k -exec cp {} build/fuzz/corpus/ \;
	MTL_FUZZ_RULES=$(CURDIR)/rules MTL_FUZZ_DICTS=$(CURDIR)/dictionaries \
	  build/fuzz/fuzz_engine -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus

# A sample article with MT defects, checked with the shipped rules.
demo: all
	./mtlint --source es tests/samples/summit-es.txt || true

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 mtlint $(DESTDIR)$(BINDIR)/mtlint
	cp -R rules dictionaries $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mtlint
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B) mtlint

-include $(wildcard $(B)/*.d $(B)/tests/*.d)
