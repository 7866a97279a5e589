#!/bin/sh
# t81-deb (make check-deb; not part of make check, for its length): make
# deb builds the Debian package from a copy of the tree, leaving the tree
# as it was; lintian has nothing to say; the package holds the programs,
# man pages, completions and data, hardened; and installed into an empty
# root it reads its own sample.
. "$TOP/tests/lib.sh"

# The build's settings come from debian/rules, not from whoever runs this.
unset PREFIX BINDIR MANDIR DATADIR BASHCOMPDIR ZSHCOMPDIR FISHCOMPDIR \
    DEB_BUILD_OPTIONS DEB_CFLAGS_APPEND DEB_CPPFLAGS_APPEND DEB_LDFLAGS_APPEND

if [ -n "${ATTUNE_IN_DEB_BUILD:-}" ]; then
	# make check runs inside the package build; building it again there
	# (make check-deb inside it) would never end.
	skip "make deb" "this is the package's own build"
	done_testing
	exit 0
fi
# The package is built with dpkg-buildflags, whatever this run's own
# flags: once in the plain make check is enough, not again under the
# sanitizers or valgrind (whose wrappers its inner suite would inherit).
case " ${ATTUNE_VALGRIND:+valgrind} ${MAKEFLAGS:-} " in
*valgrind*|*fsanitize*)
	skip "make deb" "built in the plain make check, not under valgrind or sanitizers"
	done_testing
	exit 0 ;;
esac
unset MAKEFLAGS MFLAGS MAKELEVEL ATTUNE_VALGRIND
for t in dpkg-buildpackage dh dpkg-deb; do
	if ! command -v $t >/dev/null 2>&1; then
		skip "make deb" "$t is not installed (scripts/setup --all installs debhelper)"
		done_testing
		exit 0
	fi
done

state() {	# what the source tree and the folder above it hold (sections
		# running beside this one build lib, bin and tests' programs)
	if git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$TOP" status --porcelain --ignored -- . ':!tests/tmp' \
		    ':!tests/duckdb/node_modules' ':!lib' ':!bin' ':!tests/unit-*' \
		    ':!tests/bench'
	fi
	ls -a "$TOP/.." | grep -E '\.(deb|ddeb|changes|buildinfo)$' || :
}
# A real package build runs make check in it (dh_auto_test).  Here the
# package is built with DEB_BUILD_OPTIONS=nocheck, since this make check is
# that same suite, on the same tree: running it again inside would double
# the time and prove nothing more.
run sh -c "cd '$TOP' && dh build --no-act"
check "a package build runs the tests (dh_auto_test, no override)" sh -c \
    "grep -qx '  *dh_auto_test' '$T/out' && ! grep -q '^override_dh_auto_test' '$TOP/debian/rules'"
# What make deb copies to build from (dpkg-buildpackage -nc: nothing is
# cleaned there): a stand-in dpkg-buildpackage lists the copy and stops.
# A new file git does not know yet goes in; an editor's backup or patch's
# leftovers, not ignored by git either, stay out.
mkdir -p "$T/stub" "$T/tmp"
cat >"$T/stub/dpkg-buildpackage" <<EOF
#!/bin/sh
find . -type f | sed 's|^\./||' | sort >"$T/copied"
exit 1
EOF
chmod +x "$T/stub/dpkg-buildpackage"
strays="t81-stray.orig lib/t81-stray.c~ t81-stray.rej"
for f in t81-new-file $strays; do : >"$TOP/$f"; done
PATH=$T/stub:$PATH TMPDIR=$T/tmp run sh "$TOP/debian/make-deb" "$T/tmp"
for f in t81-new-file $strays; do rm -f "$TOP/$f"; done
check "make deb copies what git lists, a new file too" \
    sh -c "grep -qx lib/store.c '$T/copied' && grep -qx t81-new-file '$T/copied'"
for f in $strays; do
	check "make deb leaves out $f" sh -c "! grep -qxF '$f' '$T/copied'"
done
rm -rf "$T/tmp"
state >"$T/before"
mkdir -p "$T/debs" "$T/tmp"
# Built with dpkg-buildflags' flags, hardening and all, but for two: -Og,
# not -O2, and no debug information (-g0, and so no dbgsym package,
# noddebs), which more than halve the compiler's time.  What is checked
# here does not need them, and fortify, checked below, works from -Og
# (the least optimisation that defines __OPTIMIZE__).
DEB_BUILD_OPTIONS="nocheck noddebs" DEB_CFLAGS_APPEND="-Og -g0" TMPDIR=$T/tmp \
    run make -s -C "$TOP" deb DEBOUT="$T/debs"
check "make deb: exit 0" rc_is 0
cp "$T/err" "$T/deb.err"
check "make deb with nocheck: the suite did not run again inside" \
    sh -c "! grep -q '^[0-9]* passed, [0-9]* failed' '$T/out'"
deb=$(ls "$T"/debs/attune_*.deb 2>/dev/null | head -n 1)
check "make deb: one attune_VERSION_ARCH.deb in DEBOUT, nothing else" \
    sh -c "[ -f '$deb' ] && [ \$(ls '$T/debs' | wc -l) = 1 ]"
state >"$T/after"
check "make deb: the source tree and the folder above it are as they were" \
    same "$T/before" "$T/after"
check "make deb: its build folder is gone" sh -c "! ls '$T/tmp' | grep -q '^attune-deb'"
# make deb ran lintian --fail-on warning on the package (debian/make-deb):
# on a warning it fails, leaving no package, with what lintian said on
# stderr.  So this is judged here, before the end just below for want of
# a package, or it could never fail.  Once is enough.
if command -v lintian >/dev/null 2>&1; then
	check "lintian --fail-on warning: nothing to say" \
	    sh -c "! grep -Eq '^[EW]:|lintian found warnings' '$T/deb.err'"
else
	skip "lintian is quiet" "lintian is not installed"
fi
[ -f "$deb" ] || { done_testing; exit 0; }

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$T/files"
for p in "$TOP"/bin/attune "$TOP"/bin/attune-* "$TOP"/scripts/attune-*; do
	case $p in *.c) continue ;; esac
	n=${p##*/}
	check "dpkg -c: /usr/bin/$n" grep -qx "/usr/bin/$n" "$T/files"
	check "dpkg -c: the bash completion for $n" \
	    grep -qx "/usr/share/bash-completion/completions/$n" "$T/files"
	[ "$n" = attune ] ||
	    check "dpkg -c: the fish completion for $n" \
		grep -qx "/usr/share/fish/vendor_completions.d/$n.fish" "$T/files"
done
for m in "$TOP"/man/*.[157]; do
	n=${m##*/} s=${m##*.}
	check "dpkg -c: man page $n" grep -qx "/usr/share/man/man$s/$n.gz" "$T/files"
done
for f in /usr/share/zsh/vendor-completions/_attune \
    /usr/share/fish/vendor_completions.d/attune.fish \
    /usr/share/attune/tips.csv /usr/share/attune/topics.csv /usr/share/attune/pool.sql \
    /usr/share/attune/sample/checkins.csv /usr/share/attune/sample/screens.csv \
    /usr/share/doc/attune/copyright; do
	check "dpkg -c: $f" grep -qx "$f" "$T/files"
done
run dpkg-deb -f "$deb" Depends
check "the package depends on libcsv and zlib" \
    sh -c "grep -q 'libcsv3' '$T/out' && grep -q 'zlib1g' '$T/out'"

# Installed with dpkg into an empty root of its own (the libraries it needs
# are the host's, so their dependencies are not checked there).
D=$T/root
mkdir -p "$D/var/lib/dpkg/info" "$D/var/lib/dpkg/updates" "$D/var/lib/dpkg/triggers"
: >"$D/var/lib/dpkg/status"
: >"$D/var/lib/dpkg/available"
run dpkg --root="$D" --log=/dev/null --force-not-root --force-depends \
    --force-script-chrootless -i "$deb"
check "dpkg -i into an empty root: done" rc_is 0
run dpkg --root="$D" -s attune
check "dpkg there knows attune as installed" out_has "Status: install ok installed"
run "$D/usr/bin/attune" report "$D/usr/share/attune/sample/checkins.csv"
check "attune report /usr/share/attune/sample/checkins.csv works" \
    sh -c "[ $rc = 0 ] && grep -q 'attune report: 2026-09-28 to 2026-11-22' '$T/out'"
run "$D/usr/bin/attune" tips --list
check "attune tips finds its tips in /usr/share/attune" \
    sh -c "[ $rc = 0 ] && grep -q closeness '$T/out'"
check "the programs were built for DATADIR /usr/share/attune" sh -c \
    "tr '\\0' '\\n' <'$D/usr/bin/attune-tips' | grep -qx /usr/share/attune"
if command -v readelf >/dev/null 2>&1; then
	check "hardened: bind-now, PIE" sh -c "
	    readelf -d '$D/usr/bin/attune-report' | grep -q 'BIND_NOW' &&
	    readelf -h '$D/usr/bin/attune-report' | grep -q 'DYN'"
	check "hardened: fortified and stack-protected" sh -c "
	    readelf -W --dyn-syms '$D/usr/bin/attune-report' | grep -q '__stack_chk_fail' &&
	    readelf -W --dyn-syms '$D/usr/bin/attune-report' | grep -q '_chk@'"
fi
done_testing
