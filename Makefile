# storyline — one build command: `make`. Tests: `make test`. Sanitizers: `make asan`.
#
#   make            build/storyline and build/libstoryline.a
#   make test       unit tests, data-driven cases, CLI and crash tests
#   make asan       the same tests under AddressSanitizer + UBSan (build-asan/)
#   make fuzz       libFuzzer targets (clang), run each for FUZZ_SECONDS
#   make check      test + asan + fuzz (10 s per target): what CI runs
#   make demo       build, then ingest corpus/ into ./storyline.db and show stats

BUILD   ?= build
CC      ?= cc
PKGS    := libutf8proc sqlite3 jansson zlib libxxhash libexttextcat libxml-2.0 libcurl \
           libmicrohttpd
OPT     ?= -O2
CFLAGS  += -std=c17 $(OPT) -g -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -D_GNU_SOURCE -Iinclude $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -lpthread
FUZZ_SECONDS ?= 10

LIB_SRC := $(sort $(wildcard src/*.c src/util/*.c src/text/*.c src/extract/*.c \
             src/facts/*.c src/store/*.c src/story/*.c src/eval/*.c src/digest/*.c \
             src/dedup/*.c src/serve/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
GEN_SRC := $(BUILD)/gen/stopwords_data.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/stopwords_data.o $(BUILD)/gen/assets_data.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all test test-browser asan fuzz check demo clean format bench-dedup bench-web bench-stories \
        bench-serve
all: $(BUILD)/storyline

$(BUILD)/gen/stopwords_data.c: scripts/gen-stopwords.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-stopwords.sh > $@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/stopwords_data.o: $(BUILD)/gen/stopwords_data.c
	$(CC) $(CFLAGS) -c $< -o $@

# The web page (web/) embedded in the binary for `storyline serve`.
WEB_FILES := $(sort $(wildcard web/*))
$(BUILD)/gen/assets_data.c: scripts/embed-assets.sh $(WEB_FILES)
	@mkdir -p $(dir $@)
	sh scripts/embed-assets.sh web > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/assets_data.o: $(BUILD)/gen/assets_data.c src/serve/serve.h
	$(CC) $(CFLAGS) -Isrc/serve -c $< -o $@

$(BUILD)/libstoryline.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/storyline: $(CLI_OBJ) $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libstoryline.a $(LDLIBS)

$(BUILD)/test-runner: $(TEST_OBJ) $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libstoryline.a $(LDLIBS)

# Local HTTP server for the `watch` test in tests/cli.sh (127.0.0.1 only).
$(BUILD)/httpd-stub: tests/httpd/httpd_stub.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(shell pkg-config --libs libmicrohttpd)

test: $(BUILD)/storyline $(BUILD)/test-runner $(BUILD)/httpd-stub
	$(BUILD)/test-runner
	SL_BIN=$(BUILD)/storyline sh tests/cli.sh
	SL_BIN=$(BUILD)/storyline sh tests/api/run.sh

# The web page in headless Debian chromium, driven by playwright-core
# (tests/browser/node_modules, from scripts/install-deps.sh); screenshots in
# test-output/browser/.
test-browser: $(BUILD)/storyline $(BUILD)/gazetteer.bin $(BUILD)/outlines.bin
	@test -d tests/browser/node_modules/playwright-core || \
	    { echo "test-browser: playwright-core missing: run scripts/install-deps.sh"; exit 1; }
	SL_BIN=$(BUILD)/storyline node --test --test-concurrency=1 tests/browser/page.test.mjs

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test

fuzz:
	sh fuzz/run.sh $(FUZZ_SECONDS)

# Web extraction evaluation and speed (bench/web/README.md); needs ../shared.
$(BUILD)/webbench: bench/web/webbench.c $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libstoryline.a $(LDLIBS)

bench-web: $(BUILD)/storyline $(BUILD)/webbench
	BUILD=$(BUILD) sh bench/web/run.sh

# Copy index speed, memory and quality (bench/dedup/README.md); needs ../shared.
$(BUILD)/dedupbench: bench/dedup/dedupbench.c $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libstoryline.a $(LDLIBS)

bench-dedup: $(BUILD)/storyline $(BUILD)/dedupbench
	BUILD=$(BUILD) sh bench/dedup/run.sh

check:
	$(MAKE) test
	$(MAKE) test-browser
	$(MAKE) asan
	$(MAKE) fuzz

demo: all
	rm -f storyline.db storyline.db-wal storyline.db-shm
	$(BUILD)/storyline ingest corpus
	$(BUILD)/storyline stats --days 0
	$(BUILD)/storyline stories
	$(BUILD)/storyline story 1 --format text

clean:
	rm -rf build build-asan build-fuzz

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) include/*.h src/*/*.h tests/*.h

# Gazetteer for place coordinates (src/facts/places.c), built from npm
# packages that scripts/install-deps.sh installs; skipped with a message
# when they are absent. The library looks for it in this build directory.
all test: $(BUILD)/gazetteer.bin
$(BUILD)/src/facts/places.o: CFLAGS += -DSL_GAZETTEER_DEFAULT='"$(abspath $(BUILD))/gazetteer.bin"'

$(BUILD)/gazetteer-build: scripts/gazetteer-build.c $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libstoryline.a $(LDLIBS)

$(BUILD)/gazetteer.bin: $(BUILD)/gazetteer-build scripts/gazetteer.sh
	sh scripts/gazetteer.sh $(BUILD)/gazetteer-build $@

# Country outlines for the story maps (src/facts/outlines.c), from the same
# npm package's GeoJSON; skipped with a message when absent.
all test: $(BUILD)/outlines.bin
$(BUILD)/src/facts/outlines.o: CFLAGS += -DSL_OUTLINES_DEFAULT='"$(abspath $(BUILD))/outlines.bin"'

$(BUILD)/outlines-build: scripts/outlines-build.c src/facts/facts.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/outlines.bin: $(BUILD)/outlines-build scripts/outlines.sh
	sh scripts/outlines.sh $(BUILD)/outlines-build $@

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Micro-benchmark of tokenize + stems + sentences (bench/text_bench.c); not part of `make test`.
.PHONY: bench-text
bench-text: $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -Isrc -o $(BUILD)/text_bench bench/text_bench.c $(BUILD)/libstoryline.a $(LDLIBS)
	$(BUILD)/text_bench

# Story clustering quality and speed (bench/stories/README.md); needs ../shared.
$(BUILD)/storybench: bench/stories/storybench.c $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libstoryline.a $(LDLIBS)

bench-stories: $(BUILD)/storyline $(BUILD)/storybench
	BUILD=$(BUILD) sh bench/stories/run.sh

# Digest quality (DUC 2003/2004 ROUGE, ots beside, CL-TLS timelines) and speed
# (bench/digest/README.md); needs ../shared.
$(BUILD)/digestbench: bench/digest/digestbench.c $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libstoryline.a $(LDLIBS)

.PHONY: bench-digest
bench-digest: $(BUILD)/storyline $(BUILD)/digestbench
	BUILD=$(BUILD) sh bench/digest/run.sh

# Micro-benchmark of the line cleaner (bench/clean_bench.c); not part of `make test`.
.PHONY: bench-clean
bench-clean: $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -Isrc -o $(BUILD)/clean_bench bench/clean_bench.c $(BUILD)/libstoryline.a $(LDLIBS)
	$(BUILD)/clean_bench

# Server under load: wrk on GET /api/stories and /api/stories/{id} while
# articles are posted at 100/s (bench/serve/README.md); uses ../shared when
# present.
$(BUILD)/poster: bench/serve/poster.c
	$(CC) $(CFLAGS) -o $@ $< $(shell pkg-config --libs libcurl) -lpthread

bench-serve: $(BUILD)/storyline $(BUILD)/poster
	BUILD=$(BUILD) sh bench/serve/run.sh
