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
PKGS    := libutf8proc sqlite3 jansson zlib libxxhash libexttextcat
OPT     ?= -O2
CFLAGS  += -std=c17 $(OPT) -g -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -D_GNU_SOURCE -Iinclude $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -lpthread
FUZZ_SECONDS ?= 10

LIB_SRC := $(sort $(wildcard src/*.c src/util/*.c src/text/*.c src/extract/*.c \
             src/facts/*.c src/store/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
GEN_SRC := $(BUILD)/gen/stopwords_data.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/stopwords_data.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all test asan fuzz check demo clean format
all: $(BUILD)/storyline

$(BUILD)/gen/stopwords_data.c: scripts/gen-stopwords.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-stopwords.sh > $@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/stopwords_data.o: $(BUILD)/gen/stopwords_data.c
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libstoryline.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/storyline: $(CLI_OBJ) $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libstoryline.a $(LDLIBS)

$(BUILD)/test-runner: $(TEST_OBJ) $(BUILD)/libstoryline.a
	$(CC) $(CFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libstoryline.a $(LDLIBS)

test: $(BUILD)/storyline $(BUILD)/test-runner
	$(BUILD)/test-runner
	SL_BIN=$(BUILD)/storyline sh tests/cli.sh

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test

fuzz:
	sh fuzz/run.sh $(FUZZ_SECONDS)

check:
	$(MAKE) test
	$(MAKE) asan
	$(MAKE) fuzz

demo: $(BUILD)/storyline
	rm -f storyline.db storyline.db-wal storyline.db-shm
	$(BUILD)/storyline ingest corpus
	$(BUILD)/storyline stats

clean:
	rm -rf build build-asan build-fuzz

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) include/*.h src/*/*.h tests/*.h

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
