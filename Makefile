# sayso -- build, test, install. Plain GNU make; see README.md.
#
#   make            library (static + shared) and the CLI in build/
#   make demo       install missing Debian deps, build, run on the sample article
#   make test       deps, build, whole suite, then the whole suite under ASan+UBSan
#   make check      the suite against the current build only (SAN=1 for sanitizers)
#   make install PREFIX=/usr/local
#   make bench      throughput benchmark (see bench/README.md)
#   make fuzz SECONDS=N

CC      ?= cc
PREFIX  ?= /usr/local
SAN     ?= 0
SECONDS ?= 60

PKGS    := json-c libutf8proc sqlite3 libmicrohttpd zlib libzstd
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ifeq ($(SAN),1)
B       := build/san
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
B       := build
OPT     := -O3 -g
endif
DEPCFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
CFLAGS  += $(CSTD) $(OPT) $(WARN) -fPIC -Iinclude -Isrc $(DEPCFLAGS)
LDFLAGS += $(OPT)

LIB_SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_ASM := $(sort $(wildcard src/*/*.S))
CLI_SRC := $(sort $(wildcard cli/*.c))
UNIT_SRC:= $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC:= $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o) $(LIB_ASM:%.S=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
UNIT_BIN:= $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# Fuzzing: `make fuzz SECONDS=N` builds each tests/fuzz/fuzz_NAME.c with clang,
# libFuzzer, ASan and UBSan (library included, in build/fuzz) and runs it N
# seconds on tests/fuzz/corpus/NAME (new inputs go to build/fuzz/corpus/NAME).
# `make check` replays the corpora with plain builds of the same targets.
FUZZ_CC  ?= clang
FUZZ_B   := build/fuzz
FUZZ_OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_ARGS ?= -timeout=30 -max_len=8192
FUZZ_LIB := $(LIB_SRC:%.c=$(FUZZ_B)/obj/%.o) $(LIB_ASM:%.S=$(FUZZ_B)/obj/%.o)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_B)/%)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/replay/%)

.PHONY: all deps demo test check unit cases cli-tests install uninstall clean bench fuzz fuzz-replay \
	fuzz-corpus fuzz-seeds scale-tests
all: $(B)/libsayso.a $(B)/libsayso.so $(B)/sayso

deps:
	@sh scripts/install-deps.sh

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

# the default model is linked into the library
$(B)/obj/src/model/embed.o: models/sayso.model

# the web page and the OpenAPI document are embedded in the server (src/serve/assets.S)
$(B)/obj/src/serve/assets.o: web/index.html web/app.js web/style.css docs/openapi.json

$(B)/libsayso.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libsayso.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libsayso.so.0 $(LDFLAGS) -o $@ $^ $(DEPLIBS)

$(B)/sayso: $(CLI_OBJ) $(B)/libsayso.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libsayso.a $(DEPLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/shipped.h $(B)/libsayso.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libsayso.a $(DEPLIBS) -lcmocka

demo: deps all
	./build/sayso extract --format text examples/okafor.txt
	./build/sayso extract examples/okafor.txt

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; ./$$t; done

cases: $(B)/sayso
	@sh tests/cases/run.sh $(B)/sayso

cli-tests: $(B)/sayso
	@sh tests/cli/run.sh $(B)/sayso

fuzz-replay: $(B)/sayso
	@sh tests/fuzz/replay.sh $(B)/sayso

# the HTTP server: curl tests, then the web page in headless Chromium (installs chromium and playwright-core)
.PHONY: serve-tests
serve-tests: $(B)/sayso
	@bash tests/serve/run.sh $(B)/sayso
	@sh tests/serve/browser.sh $(B)/sayso

$(B)/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(B)/libsayso.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< tests/fuzz/replay_main.c $(B)/libsayso.a $(DEPLIBS)

fuzz-corpus: $(REPLAY_BIN)
	@set -e; for t in $(REPLAY_BIN); do ./$$t tests/fuzz/corpus/$${t##*/fuzz_}; done

scale-tests: $(B)/sayso
	@sh tests/scale/run.sh $(B)/sayso

$(FUZZ_B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $< (fuzz)"
	@$(FUZZ_CC) $(CSTD) $(FUZZ_OPT) -fsanitize=fuzzer-no-link $(WARN) -Iinclude -Isrc $(DEPCFLAGS) \
	  -MMD -MP -c $< -o $@

$(FUZZ_B)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -c $< -o $@

$(FUZZ_B)/obj/src/model/embed.o: models/sayso.model

$(FUZZ_B)/libsayso.a: $(FUZZ_LIB)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_B)/libsayso.a
	$(FUZZ_CC) $(CSTD) $(FUZZ_OPT) -fsanitize=fuzzer $(WARN) -Iinclude -Isrc $(DEPCFLAGS) \
	  -o $@ $< $(FUZZ_B)/libsayso.a $(DEPLIBS)

# rewrite the model seeds of fuzz_model after a model section format change
fuzz-seeds: $(B)/libsayso.a
	@mkdir -p $(B)/tests
	$(CC) $(CFLAGS) -o $(B)/tests/seed_model tests/fuzz/seed_model.c $(B)/libsayso.a $(DEPLIBS)
	./$(B)/tests/seed_model tests/fuzz/corpus/model

fuzz: $(FUZZ_BIN)
	@set -e; for t in $(FUZZ_BIN); do n=$${t##*/fuzz_}; mkdir -p $(FUZZ_B)/corpus/$$n; \
	  echo "== $$t: $(SECONDS) s"; \
	  $$t -max_total_time=$(SECONDS) -print_final_stats=1 $(FUZZ_ARGS) \
	    $(FUZZ_B)/corpus/$$n tests/fuzz/corpus/$$n; done

# sayso eval --pred must print exactly what ../shared/tools/attrib-score prints
.PHONY: score-agree speaker-tests store-tests
score-agree: $(B)/sayso
	@sh tests/cli/score_agree.sh $(B)/sayso

speaker-tests: $(B)/sayso
	@sh tests/speakers/run.sh $(B)/sayso

store-tests: $(B)/sayso
	@sh tests/store/run.sh $(B)/sayso

# the shipped model is what 'sayso train all --fresh' gives (about a minute)
.PHONY: model-repro
model-repro: $(B)/sayso
	@sh tests/model_repro.sh $(B)/sayso

check: all unit cases cli-tests score-agree speaker-tests fuzz-replay fuzz-corpus scale-tests \
       store-tests serve-tests

test: deps
	$(MAKE) check
	$(MAKE) model-repro
	$(MAKE) SAN=1 check

install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(B)/libsayso.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(B)/libsayso.so $(DESTDIR)$(PREFIX)/lib/libsayso.so.0
	ln -sf libsayso.so.0 $(DESTDIR)$(PREFIX)/lib/libsayso.so
	install -m 644 include/sayso.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(B)/sayso $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/sayso.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define SAYSO_VERSION "\(.*\)"/\1/p' include/sayso.h)|' \
	  -e 's|@LIBS@|$(DEPLIBS)|' sayso.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/sayso.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/libsayso.a $(DESTDIR)$(PREFIX)/lib/libsayso.so* \
	  $(DESTDIR)$(PREFIX)/include/sayso.h $(DESTDIR)$(PREFIX)/bin/sayso \
	  $(DESTDIR)$(PREFIX)/share/man/man1/sayso.1 $(DESTDIR)$(PREFIX)/lib/pkgconfig/sayso.pc

bench: deps all
	@sh bench/run.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_LIB:.o=.d)
