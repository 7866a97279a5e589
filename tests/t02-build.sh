#!/bin/sh
# t02-build: the build's settings (config.mk) reach the programs through
# lib/config.h, and a change rebuilds what holds them: make && make
# PREFIX=P install installs programs that look in P/share/attune; the
# version is written once (config.mk) and everything that repeats it
# agrees; and a new bin/NAME.c alone makes "attune NAME" work.  All in a
# copy of the tree, so the tree's own programs stay as they are.
. "$TOP/tests/lib.sh"

# Under the sanitizers the tree's objects want the sanitizers' link flags.
case " ${MAKEFLAGS:-} " in *fsanitize*) sanitized=1 ;; *) sanitized= ;; esac
unset PREFIX BINDIR MANDIR DATADIR VERSION DESTDIR MAKEFLAGS MFLAGS MAKELEVEL \
    CPPFLAGS LDFLAGS
S=$T/src
mkdir -p "$S"
# Copied with their times, so that make sees what is up to date.  The
# objects that hold no setting are the tree's own, already built by make
# check: compiling them again would show nothing about the settings.  What
# holds one is built here, since lib/config.h is made anew.
cp -Rp "$TOP/Makefile" "$TOP/config.mk" "$TOP/bin" "$TOP/lib" "$TOP/share" \
    "$TOP/scripts" "$TOP/man" "$TOP/completions" "$S/"
rm -f "$S"/lib/*.a "$S"/lib/config.h* "$S"/bin/cmds.h*
[ -z "$sanitized" ] || rm -f "$S"/lib/*.o
find "$S/bin" -name 'attune*' ! -name '*.c' -exec rm -f {} +
# Two programs are enough to see the settings at work, unoptimised to be quick.
H=
mk() { make -s -C "$S" CFLAGS=-O0 PROGS="bin/attune bin/attune-tips $H" "$@" \
    >"$T/mk.out" 2>&1; rc=$?; }
holds() { grep -aqF -e "$2" "$1"; }
newer() { [ -n "$(find "$@" -type f -newer "$T/marker")" ]; }

# --- DATADIR -------------------------------------------------------------
mk
# Objects built with flags of their own that need their own link flags too
# (sanitizers or coverage from the environment, clang's LTO) do not link
# here: then every object is built here, as from a clean tree.
if [ "$rc" != 0 ]; then
	rm -f "$S"/lib/*.o "$S"/lib/*.a
	mk
fi
check "make: builds" rc_is 0
grep -q . "$T/mk.out" && cat "$T/mk.out" >&2
check "DATADIR: the default one is in lib/config.h" \
    holds "$S/lib/config.h" '#define ATTUNE_DATADIR "/usr/local/share/attune"'
check "DATADIR: and in the programs" holds "$S/bin/attune-tips" /usr/local/share/attune
touch "$T/marker"
mk
check "the same settings again rebuild nothing" \
    sh -c "! [ -n \"\$(find '$S/lib' '$S/bin' -type f -newer '$T/marker')\" ]"
# --- a new command is a new file ------------------------------------------
H=bin/attune-hello
cat >"$S/bin/hello.c" <<'C'
#include <stdio.h>

int
main(int argc, char **argv)
{
	int i;

	printf("hello from %s\n", argv[0]);
	for (i = 1; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return 4;
}
C
mk
check "bin/hello.c builds bin/attune-hello" test -x "$S/bin/attune-hello"
PATH=/usr/bin:/bin run "$S/bin/attune" hello "a b" ""
check "attune hello runs it" out_has "attune-hello"
check "with its arguments" same "$T/out" /dev/stdin <<OUT
hello from attune-hello
[a b]
[]
OUT
check "and its exit status" rc_is 4
PATH=/usr/bin:/bin run "$S/bin/attune"
check "attune lists it, under Also found" sh -c \
    "grep -A1 -x 'Also found:' '$T/out' | grep -qx '  hello'"
check "with the commands built beside it, summaries and all" \
    out_has "  tips      gentle, practical ideas to try, chosen for you"
check "but not the scripts, which are not found there" out_lacks "  weekly "
PATH=/usr/bin:/bin run "$S/bin/attune" helo
check "attune helo: exit 2" rc_is 2
check "attune helo: did you mean hello" \
    err_has "attune: there is no command called 'helo'; did you mean 'hello'?"
PATH=/usr/bin:/bin run "$S/bin/attune" help hello
check "attune help hello knows it (man is asked for attune-hello)" \
    sh -c "! grep -q 'there is no command' '$T/err'"
# A line in bin/commands gives it a summary and a place in the list.
printf 'hello\tsay hello, and "quote" a \\ back\n' >>"$S/bin/commands"
mk
PATH=/usr/bin:/bin run "$S/bin/attune"
check "a line in bin/commands lists it with its summary" \
    out_has '  hello     say hello, and "quote" a \ back'
check "and no longer under Also found" out_lacks "Also found:"
# make, then make PREFIX=P install, as a user would: P is outside the tree.
P=$T/pfx
touch "$T/marker"
mk PREFIX="$P" install
check "make PREFIX=P install: exit 0" rc_is 0
check "which rebuilt lib/config.h for P" holds "$S/lib/config.h" "\"$P/share/attune\""
check "and what holds DATADIR (share.o)" newer "$S/lib/share.o"
check "but not what does not (csv.o)" sh -c "! [ '$S/lib/csv.o' -nt '$T/marker' ]"
# Every file that names VERSION or DATADIR is one the Makefile rebuilds
# when lib/config.h changes.
for f in $(grep -l 'ATTUNE_VERSION\|ATTUNE_DATADIR' "$TOP"/lib/*.c "$TOP"/bin/*.c); do
	o=${f#"$TOP"/}
	o=${o%.c}.o
	check "$o depends on lib/config.h" sh -c \
	    "make -s -C '$S' -p -n -q lib/libattune.a 2>/dev/null | grep -q '^$o:.*lib/config.h'"
done
check "and the installed programs hold P/share/attune" \
    holds "$P/bin/attune-tips" "$P/share/attune"
check "and no longer the default" sh -c "! grep -aqF /usr/local/share/attune '$P/bin/attune-tips'"
check "its data is in P/share/attune" test -f "$P/share/attune/tips.csv"
# Alone, with no share/ beside it, the program reads DATADIR.
mkdir -p "$T/lone"
cp "$P/bin/attune-tips" "$T/lone/"
run "$T/lone/attune-tips" --list
check "a program moved away from its data reads it from DATADIR" rc_is 0
check "and lists the topics from there" out_has sleep
rm -f "$P/share/attune/tips.csv"
run "$T/lone/attune-tips" --list
check "without it there, it names DATADIR in the message" \
    err_has "neither beside this program nor in $P/share/attune"
# An edit to config.mk (CFLAGS, say) would rebuild every object: asked
# of make -n, and config.mk's time then put back, to build only once.
# (csv.o holds no setting: only config.mk's own date can rebuild it.)
mkn() { make -n -C "$S" CFLAGS=-O0 PROGS="bin/attune bin/attune-tips $H" \
    >"$T/mkn" 2>&1; }
compiles_csv() { grep -q -e '-o lib/csv.o lib/csv.c' "$T/mkn"; }
mkn
check "untouched, csv.o would not be rebuilt" sh -c '! grep -q -e "-o lib/csv.o lib/csv.c" "$1"' sh "$T/mkn"
touch -r "$S/config.mk" "$T/mkstamp"
touch "$S/config.mk"
mkn
check "an edit to config.mk rebuilds the library" compiles_csv
touch -r "$T/mkstamp" "$S/config.mk"
touch "$T/marker"
mk PREFIX=/usr DESTDIR="$T/root" VERSION=9.8.7 install
check "another PREFIX and VERSION rebuild what holds them" \
    sh -c "[ '$S/lib/err.o' -nt '$T/marker' ] && [ '$S/lib/share.o' -nt '$T/marker' ]"
check "make PREFIX=/usr DESTDIR=D install: programs for /usr/share/attune" \
    holds "$T/root/usr/bin/attune-tips" /usr/share/attune
run "$T/root/usr/bin/attune" --version
check "another VERSION rebuilds the programs with it" out_is "attune 9.8.7"

# --- the version ---------------------------------------------------------
V=$(sed -n 's/^VERSION[	 ]*=[	 ]*//p' "$TOP/config.mk")
check "config.mk has a version" sh -c "echo '$V' | grep -Eqx '[0-9]+(\\.[0-9]+)+'"
check "debian/changelog's first entry is that version" \
    sh -c "head -n 1 '$TOP/debian/changelog' | grep -qF 'attune ($V) '"
for f in "$TOP"/scripts/attune-*; do
	check "${f##*/}: its version= line says $V" \
	    sh -c "[ \"\$(sed -n 's/^version=//p' '$f')\" = '$V' ]"
	run "$f" --version
	check "${f##*/} --version: ${f##*/} $V" out_is "${f##*/} $V"
done
check "README's package name has it" grep -qF "attune_${V}_" "$TOP/README.md"
for p in "$TOP"/bin/attune "$TOP"/bin/attune-*; do
	case $p in *.c|*.h|*/commands) continue ;; esac
	[ -x "$p" ] || continue
	run "$p" --version
	check "${p##*/} --version: ${p##*/} $V" out_is "${p##*/} $V"
done
done_testing
