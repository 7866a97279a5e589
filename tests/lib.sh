# lib.sh: sourced by every tests/tNN-*.sh.  Each test file starts with
# ". "$TOP/tests/lib.sh"", runs commands with run/runin, asserts with
# check, and ends with "done_testing".  Output is TAP-like: "ok - …" or
# "not ok - …" with the evidence on "#" lines below.
: "${TOP:?run the tests through tests/run or make check}"
PATH=$TOP/bin:$TOP/scripts:$PATH
# ATTUNE_VALGRIND=1 (tests/valgrind sets it): every attune program the
# tests run by name runs under valgrind, errors logged in tests/tmp/valgrind.
if [ -n "${ATTUNE_VALGRIND:-}" ]; then
	_vg=$TOP/tests/tmp/valgrind
	mkdir -p "$_vg/bin"
	chmod 1777 "$_vg"	# tests run some programs as nobody
	for _p in "$TOP"/bin/attune "$TOP"/bin/attune-*; do
		case $_p in *.c) continue ;; esac
		[ -x "$_p" ] || continue
		# Written aside and renamed: sections running side by side
		# write the same wrappers, and may be running them.
		cat >"$_vg/bin/.${_p##*/}.$$" <<-VG
		#!/bin/sh
		# Under a file size limit valgrind's own files fail first.
		[ "\$(ulimit -f)" = unlimited ] || exec "$_p" "\$@"
		# A crash point (ATTUNE_TEST_CRASH, not pause:) ends the
		# program on purpose mid-write, with nothing freed.
		leak=full
		case "\${ATTUNE_TEST_CRASH:-}" in ""|pause:*) ;; *) leak=no ;; esac
		exec valgrind -q --error-exitcode=99 --leak-check=\$leak \\
		    --errors-for-leak-kinds=definite --trace-children=yes \\
		    --trace-children-skip='/bin/*,/usr/bin/*,/usr/sbin/*' \\
		    --log-file="$_vg/%p.log" "$_p" "\$@"
		VG
		chmod +x "$_vg/bin/.${_p##*/}.$$"
		mv -f "$_vg/bin/.${_p##*/}.$$" "$_vg/bin/${_p##*/}"
	done
	PATH=$_vg/bin:$PATH
fi
export PATH
T=$TOP/tests/tmp/$(basename "$0" .sh)
rm -rf "$T"
mkdir -p "$T"
# A known, private world for every test: no user settings leak in.
export HOME="$T/home" ATTUNE_DIR="$T/data" TZ=Europe/London LC_ALL=C
export ATTUNE_NOW=2026-11-22T21:04:00+00:00
unset ATTUNE_REGION ATTUNE_WHO XDG_DATA_HOME NO_COLOR LANG LC_MESSAGES \
    ATTUNE_MAILTO ATTUNE_TEST_CRASH ATTUNE_TEST_PAUSED
mkdir -p "$HOME"
rc=0

pass() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}
skip() { echo "ok - $1 # SKIP $2"; }
# $NOHOME CMD...: CMD with no home directory to find the data directory
# in (no HOME, no ATTUNE_DIR, a user with no passwd entry).  has_nohome
# WHAT: 0 when that can be had here, else WHAT is skipped, saying why.
NOHOME="env -u HOME -u ATTUNE_DIR setpriv --reuid=4242 --regid=4242 --clear-groups"
has_nohome() {
	if ! command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" != 0 ] ||
	    getent passwd 4242 >/dev/null; then
		skip "$1" "needs root, setpriv and a uid with no passwd entry"
	elif ! $NOHOME attune-checkin --help >/dev/null 2>&1; then
		skip "$1" "uid 4242 cannot run the programs from here"
	else
		return 0
	fi
	return 1
}

# run CMD…: stdout to $T/out, stderr to $T/err, status to $rc; no stdin.
run() { "$@" >"$T/out" 2>"$T/err" </dev/null; rc=$?; }
# runin INPUT CMD…: the same with INPUT on stdin.
runin() { _in=$1; shift; printf '%s' "$_in" | "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# check DESCRIPTION ASSERTION…: passes when the assertion succeeds.
check() {
	_d=$1
	shift
	if "$@"; then
		pass "$_d"
	else
		fail "$_d" "assertion: $*" "status: $rc" \
		    "stdout: $(head -c 300 "$T/out" 2>/dev/null | tr '\n' '|')" \
		    "stderr: $(head -c 300 "$T/err" 2>/dev/null | tr '\n' '|')"
	fi
}

rc_is() { [ "$rc" = "$1" ]; }
out_has() { grep -qF -e "$1" "$T/out"; }
err_has() { grep -qF -e "$1" "$T/err"; }
out_lacks() { ! grep -qF -e "$1" "$T/out"; }
err_empty() { [ ! -s "$T/err" ]; }
out_empty() { [ ! -s "$T/out" ]; }
out_is() { printf '%s\n' "$1" | cmp -s - "$T/out"; }
same() { cmp -s "$1" "$2"; }
absent() { [ ! -e "$1" ]; }
mode_is() { [ "$(stat -c %a "$2")" = "$1" ]; }
lines_are() { [ "$(wc -l <"$2" | tr -d ' ')" = "$1" ]; }
# first_line_has FILE TEXT: TEXT is on the first non-empty line of FILE.
first_line_has() { grep -v '^$' "$1" | head -n 1 | grep -qF -e "$2"; }

# tests/logcheck read N rows and skipped M, saying so of each on stderr
# (none: nothing said at all).
rows_skipped() {
	grep -qx "rows $1" "$T/out" || return 1
	[ "$2" != 0 ] || err_empty || return 1
	[ "$(grep -c '(row skipped)$' "$T/err")" = "$2" ]
}
err_lacks() { ! grep -qF -e "$1" "$T/err"; }
# file_is FILE LINE...: FILE holds exactly these lines.
file_is() {
	_f=$1
	shift
	printf '%s\n' "$@" | cmp -s - "$_f"
}
# log_is ROW...: the log $LOG is the header $H and exactly these rows.
log_is() { file_is "$LOG" "$H" "$@"; }
# log_grew ROW...: the log $LOG is $T/before and then exactly these rows.
log_grew() { { cat "$T/before"; printf '%s\n' "$@"; } | cmp -s - "$LOG"; }
# paused FILE: wait (at most 30 s) for FILE, made when a pause has begun
# (ATTUNE_TEST_CRASH=pause:POINT with ATTUNE_TEST_PAUSED=FILE; removing
# FILE ends the pause).
paused() {
	_i=0
	while [ ! -e "$1" ] && [ $_i -lt 600 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	[ -e "$1" ]
}
# lock_waits PID: wait (at most 30 s) until process PID waits for a lock
# another holds (/proc/locks shows it blocked); 1 if it ends or never
# does, 2 (after a second) where /proc/locks cannot tell.
lock_waits() {
	[ -r /proc/locks ] || { sleep 1; return 2; }
	_i=0
	while [ $_i -lt 600 ]; do
		awk -v p="$1" '$2 == "->" && $6 == p { f = 1 } END { exit !f }' \
		    /proc/locks && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
# find_chrome: CHROME is the first headless browser on PATH, or empty.
find_chrome() {
	CHROME=
	for _c in chromium chromium-browser google-chrome; do
		command -v "$_c" >/dev/null 2>&1 && CHROME=$_c && return 0
	done
	return 0
}
# awk "$AWK_YMD"'...': the awk function ymd(Z), the date Z days after
# 1970-01-01 as YYYY-MM-DD (the civil calendar, any year).
AWK_YMD='function ymd(z,   era, doe, yoe, doy, mp, d, m, y) {
	z += 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
	return sprintf("%04d-%02d-%02d", y, m, d)
}
'

# day N: the date N days before 2026-11-22 (ATTUNE_NOW's day, 20779 days
# after 1970-01-01).  The tests ask it a thousand times over, so the first
# 1,500 days are worked out once, here, by awk; date answers the rest.
eval "$(awk "$AWK_YMD"'BEGIN { for (i = 0; i < 1500; i++)
	printf "_day%d=%s\n", i, ymd(20779 - i) }')"
day() {
	case $1 in
	''|*[!0-9]*|0?*) _d= ;;
	*) eval "_d=\${_day$1:-}" ;;
	esac
	if [ -n "$_d" ]; then
		echo "$_d"
	else
		date -u -d "2026-11-22 - $1 days" +%F
	fi
}

done_testing() { echo "# done"; }
