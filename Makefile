# smp-tools: plain GNU make.  `make demo` and `make check` are the two
# commands a newcomer needs; both install missing Debian packages first.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/smp
DOCDIR = $(PREFIX)/share/doc/smp-tools

BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
WERROR ?= -Werror
SMP_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -Wall -Wextra $(WERROR) -Ilib \
	$(shell $(PKG_CONFIG) --cflags yaml-0.1 libical 2>/dev/null)
SMP_LIBS = $(shell $(PKG_CONFIG) --libs yaml-0.1 libical 2>/dev/null) -lm
# The tools allocate through mimalloc, not glibc's malloc: libyaml mallocs
# and frees several strings for every scalar it reads, and glibc's malloc
# was a fifth of smp-remind's time (README, "Speed").  Linked first and
# kept even where no symbol of it is named, so that it takes malloc's
# place for libyaml and libical too.  Empty for the sanitizers, which
# bring allocators of their own.
MALLOC_LIBS ?= -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state

TOOLS = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/clinic_defaults.o
BINS = $(TOOLS:%=$(BUILD)/%)
MAN1 = $(wildcard share/man/man1/*.1)
MAN5 = share/man/man5/smp-client.5 share/man/man5/smp-clinic.5
EXAMPLES = $(wildcard share/examples/*.yaml share/examples/clients/*.yaml)

.PHONY: all deps deps-test demo check test unit cli sanitize valgrind \
	install uninstall clean lint-man

all: $(BINS)

# Every object depends on every library header: a handful of small files,
# so a header change rebuilds the lot and nothing goes stale.
LIB_H = $(wildcard lib/*.h)

$(BUILD)/lib/%.o: lib/%.c $(LIB_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) $(CFLAGS) -c -o $@ $<

# The built-in defaults are the installed clinic.yaml, compiled in.
$(BUILD)/lib/clinic_defaults.c: share/smp/clinic.yaml
	@mkdir -p $(@D)
	{ echo 'const char smp_clinic_defaults[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(BUILD)/lib/clinic_defaults.o: $(BUILD)/lib/clinic_defaults.c
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libsmp.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%: cmd/%.c $(BUILD)/libsmp.a $(LIB_H)
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(MALLOC_LIBS) $(BUILD)/libsmp.a $(SMP_LIBS)

# ---- the two commands --------------------------------------------------

deps:
	@sh tests/deps.sh build

deps-test:
	@sh tests/deps.sh test

DEMO_ARGS = --clinic share/examples/clinic.yaml --today 2026-11-22
demo: deps
	@$(MAKE) --no-print-directory all
	@echo '== smp-heal: where Jan stands (c-0042), as of 2026-11-22'
	$(BUILD)/smp-heal $(DEMO_ARGS) share/examples/clients/c-0042.yaml
	@echo '== smp-heal: who is healing now'
	$(BUILD)/smp-heal $(DEMO_ARGS) share/examples/clients/*.yaml
	@echo '== smp-heal: the milestones as TSV, for a script'
	$(BUILD)/smp-heal $(DEMO_ARGS) -f tsv share/examples/clients/c-0042.yaml
	@echo '== smp-aftercare: the sheet Jan takes home (English)'
	SMP_LOCALEDIR=$(BUILD)/locale $(BUILD)/smp-aftercare $(DEMO_ARGS) share/examples/clients/c-0042.yaml
	@echo '== smp-aftercare: the same for a clinic that writes Polish, as markdown, with its calendar'
	SMP_LOCALEDIR=$(BUILD)/locale $(BUILD)/smp-aftercare --clinic tests/data/aftercare/clinic-north-pl.yaml --today 2026-11-22 -f markdown --ics $(BUILD)/demo-aftercare.ics share/examples/clients/c-0042.yaml
	@echo '   (the calendar is in $(BUILD)/demo-aftercare.ics)'
	@echo '== smp-plan: the rest of the course of c-0042, booked, with the quote (nothing written)'
	$(BUILD)/smp-plan $(DEMO_ARGS) --quote share/examples/clients/c-0042.yaml
	@echo '== smp-plan: a course for c-0107, who only had a consultation, as TSV'
	$(BUILD)/smp-plan $(DEMO_ARGS) -f tsv share/examples/clients/c-0107.yaml
	@echo '== smp-plan: c-0150 has a contraindication: refused (exit 3)'
	-$(BUILD)/smp-plan $(DEMO_ARGS) share/examples/clients/c-0150.yaml
	@echo '== smp-remind: what is due in the next 14 days, for the front desk'
	$(BUILD)/smp-remind $(DEMO_ARGS) -f text share/examples/clients
	@echo '== smp-remind: the coming year as TSV, for a script, and the clinic feed'
	$(BUILD)/smp-remind $(DEMO_ARGS) --days 365 --ics $(BUILD)/demo-feed.ics share/examples/clients
	@echo '   (the feed is in $(BUILD)/demo-feed.ics: publish it, see README.md)'

check: deps-test
	@$(MAKE) --no-print-directory all tests
	@sh tests/run.sh $(BUILD)

# ---- tests ---------------------------------------------------------------

UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS = $(BUILD)/tests/ical-libical

tests: $(UNIT_BINS) $(TEST_HELPERS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(BUILD)/libsmp.a $(LIB_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ \
		$< $(BUILD)/libsmp.a $(SMP_LIBS)

$(BUILD)/tests/ical-libical: tests/ical/ical-libical.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(SMP_LIBS)

# ASan and UBSan over the whole suite, in a build tree of its own.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
sanitize: deps-test
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="$(SAN_FLAGS)" \
		LDFLAGS="$(SAN_FLAGS)" MALLOC_LIBS= all tests
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run.sh build-san

# The CLI tests again with every tool under valgrind memcheck (which
# puts its own malloc in place of any library's, mimalloc's too).
valgrind: deps-test
	@$(MAKE) --no-print-directory all tests
	@SMP_WRAP="valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect" sh tests/run.sh $(BUILD)

lint-man:
	mandoc -Tlint -W warning $(MAN1) $(MAN5)

# ---- smp-aftercare: gettext catalogs --------------------------------------
# share/locale/po/LANG.po compiles to $(BUILD)/locale/LANG/LC_MESSAGES;
# installed into $(LOCALEDIR), which smp-aftercare reads unless
# $$SMP_LOCALEDIR names another (the tests and `make demo` name the build's).
LOCALEDIR = $(PREFIX)/share/locale
PO = $(wildcard share/locale/po/*.po)
MO = $(PO:share/locale/po/%.po=$(BUILD)/locale/%/LC_MESSAGES/smp-tools.mo)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
	--add-location=file -kN_ -kNC_:1c,2 -ktr:1c,2 -ktrn:1,2 \
	--package-name=smp-tools --package-version=0.1.0

.PHONY: pot install-locale uninstall-locale

all: $(MO)

$(BUILD)/smp-aftercare: private CPPFLAGS += -DSMP_LOCALEDIR='"$(LOCALEDIR)"'
# The catalog folder is compiled in: a stamp holding it rebuilds the tool
# when it changes (`make install PREFIX=/usr` after a plain `make`).
$(BUILD)/smp-aftercare: $(BUILD)/localedir.stamp
$(BUILD)/localedir.stamp: localedir-check
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
.PHONY: localedir-check

$(BUILD)/locale/%/LC_MESSAGES/smp-tools.mo: share/locale/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The translators' template, from the English msgids in the sources;
# then `msgmerge -U share/locale/po/LANG.po share/locale/smp-tools.pot`.
POT = share/locale/smp-tools.pot
pot:
	xgettext $(XGETTEXT_FLAGS) -o $(POT) lib/aftercare*.c

install: install-locale
install-locale: $(MO)
	for m in $(MO); do \
		l=$${m#$(BUILD)/locale/}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$${l%/*} && \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l || exit 1; \
	done

uninstall: uninstall-locale
uninstall-locale:
	rm -f $(MO:$(BUILD)/locale/%=$(DESTDIR)$(LOCALEDIR)/%)

# ---- install -------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(DOCDIR)/examples/clients
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 share/smp/clinic.yaml $(DESTDIR)$(DATADIR)
	install -m 644 share/examples/clinic.yaml $(DESTDIR)$(DOCDIR)/examples
	install -m 644 share/examples/clients/*.yaml \
		$(DESTDIR)$(DOCDIR)/examples/clients
	install -m 644 README.md LICENSE $(DESTDIR)$(DOCDIR)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:share/man/%=$(DESTDIR)$(MANDIR)/%)
	rm -f $(MAN5:share/man/%=$(DESTDIR)$(MANDIR)/%)
	rm -f $(DESTDIR)$(DATADIR)/clinic.yaml
	rm -rf $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-san build-fuzz

# ---- fuzzing ------------------------------------------------------------
# libFuzzer targets (clang) for every parser of outside input.  Each runs
# FUZZ_SECONDS (default 60) and fails on a crash, leak or timeout.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz-client fuzz-clinic fuzz-dates
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZ_LIB_OBJ = $(LIB_SRC:lib/%.c=build-fuzz/lib/%.o) build-fuzz/lib/clinic_defaults.o

build-fuzz/lib/%.o: lib/%.c $(LIB_H)
	@mkdir -p $(@D)
	clang $(SMP_CFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

build-fuzz/lib/clinic_defaults.o: $(BUILD)/lib/clinic_defaults.c
	@mkdir -p $(@D)
	clang $(SMP_CFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

build-fuzz/%: tests/fuzz/%.c tests/unit/same-client.h $(FUZZ_LIB_OBJ)
	clang $(SMP_CFLAGS) $(FUZZ_FLAGS) -Itests/unit -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_LIB_OBJ) $(SMP_LIBS)

.SECONDARY: $(FUZZ_LIB_OBJ)

fuzz: deps-test $(FUZZ_TARGETS:%=build-fuzz/%)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---- smp-remind and the bench ---------------------------------------------
# `make bench`: smp-remind against libyaml's bare parser (tests/bench/floor)
# on 1,000, 10,000 and 100,000 generated clients; see tests/bench/bench.sh.

BENCH_BINS = $(BUILD)/tests/floor $(BUILD)/tests/runstat \
	$(BUILD)/tests/floor-mimalloc

.PHONY: bench
bench: deps-test
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@sh tests/bench/bench.sh $(BUILD); a=$$?; \
	sh tests/bench/plan-bench.sh $(BUILD); b=$$?; \
	[ $$a -eq 0 ] && [ $$b -eq 0 ]

$(BUILD)/tests/floor $(BUILD)/tests/runstat: $(BUILD)/tests/%: tests/bench/%.c
# The floor again with the tools' allocator: a row for reference, to show
# how much of the floor is glibc's malloc (not what the targets use).
$(BUILD)/tests/floor-mimalloc: tests/bench/floor.c
$(BUILD)/tests/floor-mimalloc: private BENCH_MALLOC = $(MALLOC_LIBS)
$(BENCH_BINS):
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SMP_CFLAGS) -D_DEFAULT_SOURCE $(CFLAGS) $(LDFLAGS) \
		-o $@ $< $(BENCH_MALLOC) $(SMP_LIBS)
