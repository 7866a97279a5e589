# attune: small tools for parents who feel distant from their baby.
# Programs are found by name: bin/attune.c builds attune, bin/NAME.c
# builds attune-NAME, so a new command is a new file and nothing more
# (a line in bin/commands, if wanted, gives it its place in attune's list).
# The settings (PREFIX, DATADIR, VERSION, flags) are in config.mk.

include config.mk

LIBSRC	 = $(wildcard lib/*.c)
LIBOBJ	 = $(LIBSRC:.c=.o)
CMDSRC	 = $(filter-out bin/attune.c,$(wildcard bin/*.c))
PROGS	 = bin/attune $(patsubst bin/%.c,bin/attune-%,$(CMDSRC))
SCRIPTS	 = $(wildcard scripts/attune-*)
MAN1	 = $(wildcard man/*.1)
MAN5	 = $(wildcard man/*.5)
MAN7	 = $(wildcard man/*.7)
DATA	 = $(wildcard share/*.csv)
UNITSRC	 = $(wildcard tests/unit-*.c)
TESTBIN	 = $(UNITSRC:.c=) tests/ptyrun tests/logcheck

all: $(PROGS)

lib/%.o: lib/%.c lib/attune.h lib/attune_priv.h config.mk
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Only these hold the version or the data directory (lib/config.h).
lib/err.o lib/share.o lib/tips.o: lib/config.h

lib/libattune.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

bin/attune: bin/attune.c bin/cmds.h lib/libattune.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< lib/libattune.a $(LDLIBS)

bin/attune-%: bin/%.c lib/libattune.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< lib/libattune.a $(LDLIBS)

tests/unit-%: tests/unit-%.c tests/test.h lib/libattune.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< lib/libattune.a $(LDLIBS)

tests/logcheck: tests/logcheck.c lib/libattune.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< lib/libattune.a $(LDLIBS)

tests/bench/%: tests/bench/%.c lib/libattune.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< lib/libattune.a $(LDLIBS)

tests/ptyrun: tests/ptyrun.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -lutil

check: all $(TESTBIN)
	@sh tests/run

# The Debian package test, apart from make check for its length: builds
# the package from a copy of the tree and runs lintian (CI runs both).
check-deb: all $(TESTBIN)
	@sh tests/run t81-deb

sanitize:
	$(MAKE) clean
	$(MAKE) CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' check
	$(MAKE) clean

valgrind: all $(TESTBIN)
	@sh tests/valgrind

bench: all tests/bench/floor tests/bench/genlog
	@sh scripts/bench

fuzz: lib/config.h
	@sh tests/fuzz/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	install -m 0755 $(PROGS) $(SCRIPTS) $(DESTDIR)$(BINDIR)
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	$(if $(DATA),install -m 0644 $(DATA) $(DESTDIR)$(DATADIR))

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS) $(SCRIPTS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(DATA)))
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -f lib/*.o lib/libattune.a $(PROGS) bin/attune-* $(TESTBIN) \
	    tests/bench/floor tests/bench/genlog
	rm -rf tests/tmp tests/fuzz/bin
	rm -f lib/config.h bin/cmds.h $(COMPS)

# lib/config.h: VERSION and DATADIR from config.mk, for every program.
# Written afresh each run, but replaced only when it would change, so a
# new PREFIX rebuilds the programs and the same one rebuilds nothing.
lib/config.h: FORCE
	@printf '%s\n' '/* Made by make from config.mk: edit that, not this. */' \
	    '#define ATTUNE_VERSION "$(VERSION)"' \
	    '#ifndef ATTUNE_DATADIR' '#define ATTUNE_DATADIR "$(DATADIR)"' \
	    '#endif' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

# bin/cmds.h: the front's list, from bin/commands.  A command built from
# bin/NAME.c is listed even where it is not found; the others only where
# they are.
bin/cmds.h: FORCE
	@sed -e '/^#/d' -e '/^$$/d' -e 's/[\\"]/\\&/g' bin/commands | \
	    while read -r n what; do \
		a=0; [ -f "bin/$$n.c" ] && a=1; \
		printf '\t{ "%s", "%s", %d },\n' "$$n" "$$what" $$a; \
	    done >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

# Shell completions (completions/), the sample logs and the pooled view.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
SAMPLE	 = $(wildcard share/sample/*.csv)
SQL	 = $(wildcard share/*.sql)
COMPNAMES = $(filter-out attune,$(notdir $(PROGS) $(SCRIPTS)))
# The completions name the commands; completions/gen fills them in from
# bin/commands and the programs' files, so a new command needs no edit here.
COMPS	 = completions/attune.bash completions/_attune completions/attune.fish

all: $(COMPS)
$(COMPS): %: %.in completions/gen bin/commands $(CMDSRC) $(SCRIPTS)
	@sh completions/gen $< >$@.new && mv -f $@.new $@

install: install-extra
install-extra: $(COMPS)
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(DATADIR)/sample
	install -m 0644 completions/attune.bash $(DESTDIR)$(BASHCOMPDIR)/attune
	install -m 0644 completions/_attune $(DESTDIR)$(ZSHCOMPDIR)/_attune
	install -m 0644 completions/attune.fish $(DESTDIR)$(FISHCOMPDIR)/attune.fish
	for n in $(COMPNAMES); do \
	    ln -sf attune $(DESTDIR)$(BASHCOMPDIR)/$$n && \
	    ln -sf attune.fish $(DESTDIR)$(FISHCOMPDIR)/$$n.fish || exit 1; \
	done
	install -m 0644 $(SAMPLE) $(DESTDIR)$(DATADIR)/sample
	$(if $(SQL),install -m 0644 $(SQL) $(DESTDIR)$(DATADIR))

uninstall: uninstall-extra
uninstall-extra:
	rm -f $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,attune $(COMPNAMES))
	rm -f $(addprefix $(DESTDIR)$(FISHCOMPDIR)/,$(addsuffix .fish,attune $(COMPNAMES)))
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_attune
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(SQL)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/sample/,$(notdir $(SAMPLE)))
	-rmdir $(DESTDIR)$(DATADIR)/sample

# A Debian package built from a copy of the tree (debian/make-deb); the
# .deb lands in DEBOUT, by default the top of the tree.
DEBOUT	?= .
deb:
	@sh debian/make-deb $(DEBOUT)

.PHONY: all check check-deb sanitize valgrind bench fuzz install uninstall clean
.PHONY: install-extra uninstall-extra deb FORCE
