# paragraf — build, demo and tests. `make help` lists the targets.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Werror
CPPFLAGS += -Ilib -D_GNU_SOURCE -DPF_VERSION='"$(VERSION)"'
VERSION  = 0.1.0

# Build into a separate tree per flavour so that a sanitizer build never
# mixes with the normal one: `make BUILD=build-asan SAN=1`.
BUILD   ?= build
BIN     ?= bin
# float-cast-overflow: gcc leaves it out of "undefined" (clang's fuzz build
# has it), and a number from a stream can be any size.
ifeq ($(SAN),1)
CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow \
	   -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined,float-cast-overflow
endif

PKG_CONFIG ?= pkg-config
POPPLER_CFLAGS = $(shell $(PKG_CONFIG) --cflags poppler-glib 2>/dev/null)
POPPLER_LIBS   = $(shell $(PKG_CONFIG) --libs poppler-glib 2>/dev/null)
GLIB_CFLAGS    = $(shell $(PKG_CONFIG) --cflags glib-2.0 2>/dev/null)
GLIB_LIBS      = $(shell $(PKG_CONFIG) --libs glib-2.0 2>/dev/null)
HUNSPELL_CFLAGS = $(shell $(PKG_CONFIG) --cflags hunspell 2>/dev/null)
HUNSPELL_LIBS  = $(shell $(PKG_CONFIG) --libs hunspell 2>/dev/null)
# tesseract's header only: pf-pdftext opens libtesseract (dlopen) on the
# first page that needs OCR (stages/pf-pdftext/ocr.c), not at every start
TESSERACT_CFLAGS = $(shell $(PKG_CONFIG) --cflags tesseract 2>/dev/null)
ZLIB_LIBS      = $(shell $(PKG_CONFIG) --libs zlib 2>/dev/null)
CSV_LIBS       = -lcsv   # libcsv ships no .pc file

STAGES  = pf-pdftext pf-normalize pf-segment pf-tables pf-emit paragraf
PROGS   = $(addprefix $(BIN)/,$(STAGES))
TOOLS = $(patsubst tests/tools/%.c,$(BIN)/tools/%,$(wildcard tests/tools/*.c))

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB_A   = $(BUILD)/libparagraf.a

.PHONY: all help deps demo check check-asan check-code test fixtures zoo score score-icdar accuracy bench schema clean \
	fuzz fuzz-build fuzz-corpus man install install-files uninstall

all: $(PROGS) $(TOOLS)

help:
	@echo "make            build bin/pf-*"
	@echo "make demo       install what is missing, build, run the pipeline on fixtures/pdf into out/"
	@echo "make check      install what is missing, build, run every test"
	@echo "make check-asan the test suite with AddressSanitizer and UBSan"
	@echo "make check-code no function in stages/ or lib/ over 120 lines (also part of make check)"
	@echo "make fixtures   regenerate fixtures/pdf and fixtures/expected from the seeds"
	@echo "make zoo        regenerate the layout zoo, fixtures/zoo (scripts/make-zoo)"
	@echo "make score      run the pipeline on every scoring group (real, zoo, fixtures), print F1 per document and group"
	@echo "make score-icdar pf-tables on ICDAR 2013 (EU): adjacency precision, recall, F1 per document"
	@echo "make accuracy   write docs/ACCURACY.md"
	@echo "make bench      speed and memory against pdftotext; writes docs/BENCHMARKS.md"
	@echo "make schema     regenerate sql/schema.sql, sql/schema-duckdb.sql, docs/schema.md"
	@echo "make fuzz       build the libFuzzer targets and run each FUZZ_SECONDS (default 60)"
	@echo "make fuzz-build just build them into BUILD/fuzz (tests/fuzz/README.md)"
	@echo "make man        the man pages, BUILD/man/*.1, from the *.1.scd beside the code (scdoc)"
	@echo "make install    PREFIX=/usr/local DESTDIR=: binaries, loaders, man pages, share/paragraf"
	@echo "make uninstall  remove what make install put there (same PREFIX and DESTDIR)"
	@echo "make clean      remove build products"

# Stage sources: stages/<name>.c or a folder stages/<name>/*.c
stage_src = $(wildcard stages/$(1).c stages/$(1)/*.c)

# Each stage's own compile flags and libraries, by stage name. The normal
# build and the fuzz build both read these (and EXTRA_OBJ_<stage> below), so
# a flag added here reaches the stage's fuzz target too.
CFLAGS_pf-pdftext   = $(POPPLER_CFLAGS) $(HUNSPELL_CFLAGS) $(TESSERACT_CFLAGS)
CFLAGS_pf-normalize = $(GLIB_CFLAGS) $(HUNSPELL_CFLAGS)
CFLAGS_pf-segment   = $(GLIB_CFLAGS)
CFLAGS_paragraf     = $(GLIB_CFLAGS)

LIBS_pf-pdftext   = $(POPPLER_LIBS) $(HUNSPELL_LIBS) -lm
LIBS_pf-emit      = $(CSV_LIBS) $(ZLIB_LIBS) -lm
LIBS_pf-segment   = $(GLIB_LIBS) -lm
LIBS_pf-tables    = -lm
LIBS_pf-normalize = $(GLIB_LIBS) $(HUNSPELL_LIBS) -lm
LIBS_paragraf     = $(shell $(PKG_CONFIG) --libs libarchive) $(GLIB_LIBS)

# stage_cflags TREE STAGE: the objects of STAGE's sources under TREE are
# compiled with CFLAGS_<STAGE> (through the compile rule's EXTRA_CFLAGS)
define stage_cflags
$(1)/stages/$(2).o: EXTRA_CFLAGS = $$(CFLAGS_$(2))
$(1)/stages/$(2)/%.o: EXTRA_CFLAGS = $$(CFLAGS_$(2))
endef

# -MMD: each object also depends on the headers it includes (build/**/*.d)
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

$(foreach s,$(STAGES),$(eval $(call stage_cflags,$(BUILD),$(s))))

# pf-normalize's lexicon is a data file compiled in as a string array
$(BUILD)/gen/nz_lexicon.c: stages/pf-normalize/lexicon.txt
	@mkdir -p $(dir $@)
	awk 'BEGIN { print "#include <stddef.h>"; print "const char *const nz_lexicon[] = {" } \
	     /^[^#]/ && NF { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\t\"" $$0 "\"," ; n++ } \
	     END { print "};"; print "const size_t nz_lexicon_n = " n ";" }' $< >$@
$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<
EXTRA_OBJ_pf-normalize = $(BUILD)/gen/nz_lexicon.o

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

define stage_rule
$(BIN)/$(1): $(patsubst %.c,$(BUILD)/%.o,$(call stage_src,$(1))) $(EXTRA_OBJ_$(1)) $(LIB_A)
	@mkdir -p $(BIN)
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIB_A) $$(LIBS_$(1))
endef
$(foreach s,$(STAGES),$(eval $(call stage_rule,$(s))))

# Test tools: tests/tools/<name>.c -> $(BIN)/tools/<name>, for tests that
# drive lib/ directly (e.g. the Parquet writer).
$(BIN)/tools/%: $(BUILD)/tests/tools/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB_A) $(ZLIB_LIBS) -lm

# ---- what a user types ----

deps:
	@scripts/install-deps

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory check-code
	@tests/run

# what the compiler does not check: no function over 120 lines in stages/ or
# lib/ (a long function hides its thresholds; split it into named steps)
check-code:
	@scripts/check-function-length

test: all
	@tests/run

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin SAN=1 all
	@PF_BIN=$(CURDIR)/build-asan/bin ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tests/run

# the warehouse contract, generated from stages/pf-emit/schema.c
schema: $(BIN)/pf-emit
	$(BIN)/pf-emit --schema postgres >sql/schema.sql
	$(BIN)/pf-emit --schema duckdb >sql/schema-duckdb.sql
	$(BIN)/pf-emit --schema markdown >docs/schema.md

fixtures:
	scripts/make-fixtures

# the layout zoo: fixtures/zoo/<layout>/ (fixtures/zoo/README.md)
zoo:
	scripts/make-zoo

# the three groups of fixtures/TRUTH.md: real, zoo, fixtures (out/score/<group>)
score: all
	@scripts/score-groups --out out/score

# the ICDAR 2013 Table Competition's EU part, ../shared/icdar2013/eu (skipped
# with a note where it is absent); docs/ACCURACY-ICDAR.md has the figures
score-icdar: all
	@scripts/score-icdar

accuracy: all
	@scripts/accuracy-report

bench: all
	@scripts/install-deps --bench
	@PF_BIN=$(abspath $(BIN)) scripts/bench

# ---- fuzzing (tests/fuzz/README.md) ----
#
# The fuzz build is a tree of its own, BUILD/fuzz, made with clang: every
# object gets libFuzzer's coverage hooks and the sanitizers, and every stage
# source is compiled with -Dmain=pf_fuzz_stage_main so that a target can call
# the stage's main in-process, unchanged.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR      = $(BUILD)/fuzz
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_TARGETS  = stream normalize segment tables emit pdftext
FUZZ_BINS     = $(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_TARGETS))
FUZZ_LIB      = $(FUZZ_DIR)/libparagraf.a

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz -Dmain=pf_fuzz_stage_main $(FUZZ_CFLAGS) $(WARN) \
		$(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<
$(foreach s,$(STAGES),$(eval $(call stage_cflags,$(FUZZ_DIR)/obj,$(s))))
# generated sources (EXTRA_OBJ_<stage>) stay in BUILD/gen; their fuzz objects
# go to FUZZ_DIR/obj/gen
$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(WARN) -c -o $@ $<

$(FUZZ_LIB): $(LIB_SRC:%.c=$(FUZZ_DIR)/obj/%.o)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz-stream: $(FUZZ_DIR)/obj/tests/fuzz/fuzz-stream.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB)

# fuzz-<name>: tests/fuzz/fuzz-<name>.c, the driver, and stage pf-<name>:
# its sources, its EXTRA_OBJ_ (moved from BUILD to FUZZ_DIR/obj) and LIBS_
fuzz_obj = $(patsubst $(BUILD)/%,$(FUZZ_DIR)/obj/%,$(1))
define fuzz_rule
$(FUZZ_DIR)/fuzz-$(1): $(FUZZ_DIR)/obj/tests/fuzz/fuzz-$(1).o $(FUZZ_DIR)/obj/tests/fuzz/driver.o \
		$(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(call stage_src,pf-$(1))) \
		$(call fuzz_obj,$(EXTRA_OBJ_pf-$(1))) $(FUZZ_LIB)
	$$(FUZZ_CC) $$(FUZZ_SAN) -fsanitize=fuzzer -o $$@ $$(filter %.o,$$^) $(FUZZ_LIB) $$(LIBS_pf-$(1))
endef
$(foreach t,$(filter-out stream,$(FUZZ_TARGETS)),$(eval $(call fuzz_rule,$(t))))

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || \
		{ echo "make fuzz-build: no $(FUZZ_CC); scripts/install-deps --fuzz installs clang" >&2; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

# the seed corpora come from the real stages run over a few fixtures
fuzz-corpus: all
	@scripts/fuzz-corpus $(BIN) $(FUZZ_DIR)/corpus

fuzz:
	@scripts/install-deps --fuzz
	@$(MAKE) --no-print-directory all fuzz-build
	@scripts/fuzz-corpus $(BIN) $(FUZZ_DIR)/corpus
	@scripts/fuzz-run --seconds $(FUZZ_SECONDS) $(FUZZ_DIR) $(FUZZ_TARGETS)

# ---- man pages and install ----
#
# A man page per program, written in scdoc beside its code
# (stages/<name>/<name>.1.scd, scripts/paragraf-load-*.1.scd) and made at
# build or install time. The installed tree finds its files by where the
# programs are: paragraf runs the stages in its own folder, the loaders read
# PREFIX/share/paragraf/sql. So DESTDIR=/tmp/x gives a tree that runs as it
# is, and PREFIX=/opt/paragraf works as well as /usr/local.

PREFIX  ?= /usr/local
DESTDIR ?=
bindir   = $(PREFIX)/bin
sharedir = $(PREFIX)/share/paragraf
man1dir  = $(PREFIX)/share/man/man1
SCDOC   ?= scdoc

MAN_SRC = $(wildcard stages/*/*.1.scd scripts/*.1.scd)
MANS    = $(patsubst %.scd,$(BUILD)/man/%,$(notdir $(MAN_SRC)))
LOADERS = load-postgres load-duckdb
EXAMPLES = $(wildcard docs/examples/*)
vpath %.1.scd $(sort $(dir $(MAN_SRC)))

$(BUILD)/man/%.1: %.1.scd
	@mkdir -p $(dir $@)
	@command -v $(SCDOC) >/dev/null || \
		{ echo "make: no $(SCDOC) for the man pages: scripts/install-deps installs it" >&2; exit 1; }
	$(SCDOC) <$< >$@.tmp && mv $@.tmp $@

man: $(MANS)

install: all man
	@$(MAKE) --no-print-directory install-files

# the files alone, from BIN as it is (the tests install their own build)
install-files: man
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(sharedir)/sql \
		$(DESTDIR)$(sharedir)/duckdb $(DESTDIR)$(sharedir)/examples
	install -m 755 $(PROGS) $(DESTDIR)$(bindir)/
	for l in $(LOADERS); do install -m 755 scripts/$$l $(DESTDIR)$(bindir)/paragraf-$$l || exit 1; done
	install -m 644 $(MANS) $(DESTDIR)$(man1dir)/
	install -m 644 pipeline.conf $(DESTDIR)$(sharedir)/pipeline.conf
	install -m 644 sql/schema.sql sql/schema-duckdb.sql sql/upgrade-postgres.sql $(DESTDIR)$(sharedir)/sql/
	install -m 644 scripts/duckdb/load.mjs scripts/duckdb/package.json \
		scripts/duckdb/package-lock.json $(DESTDIR)$(sharedir)/duckdb/
	install -m 644 $(EXAMPLES) $(DESTDIR)$(sharedir)/examples/

# share/paragraf goes whole: it may hold the DuckDB client npm put there
uninstall:
	rm -f $(addprefix $(DESTDIR)$(bindir)/,$(STAGES) $(addprefix paragraf-,$(LOADERS)))
	rm -f $(addprefix $(DESTDIR)$(man1dir)/,$(notdir $(MANS)))
	rm -rf $(DESTDIR)$(sharedir)

clean:
	rm -rf build build-asan bin out tests/trash.*
